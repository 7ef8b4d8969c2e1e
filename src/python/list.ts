/**
 * Python's `list` methods on plain JS arrays (`listMethods.append(xs, v)`; generated code calls
 * them through `callMethod(xs, "append", v)` when the receiver's type is unknown).
 *
 * `sort` is stable, uses only Python's `<` (so errors read `'<' not supported between instances
 * of 'str' and 'int'`), honours `key` and `reverse` (reverse keeps equal items in order, as
 * CPython does by reversing before and after sorting). It takes sorted and reversed runs as they
 * are, as timsort does; keys that are all numbers or all plain strs are sorted as JS values
 * (`sortByKeys`), with no Python comparison per step.
 *
 * A program's `class L(list)` extends `ListSubclassBase` (below), a JS `Array` subclass, so its
 * instances are arrays that every fast path of the runtime treats as lists (indexing, `len`,
 * iteration, `in`, `+`, `==`, `repr`, `json`), while plain lists stay plain arrays: no check is
 * added to their paths except where a subclass's methods must win (`callMethod`/`getattr`
 * dispatch, `repr`, `setattr`, `vars`, `copy`). Its prototype carries the list methods (so a
 * subclass can override them and reach them through `super()`; mro.ts resolves `super()` past
 * `list` there), and `Symbol.species` is `Array`, so slices, `+`, `*` and `copy()` make plain
 * lists as CPython's do. The transpiler refuses overrides of the dunders the fast paths handle
 * directly (`__getitem__`, `__len__`, `__eq__`, ...) and members named like `Array`'s own.
 */

import { cmpStr, eq, lt } from "./compare";
import { IndexError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { Kw, splitKw } from "./kw";
import { indexNumber } from "./numbers";
import { markBuiltinClass } from "./objects";
import { hasSurrogates, iter, toArray, truthy } from "./protocol";
import { listRepr, repr } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

function normIndex(i: unknown, n: number): number {
  let k = indexNumber(i);
  if (k < 0) k = Math.max(0, k + n);
  return Math.min(k, n);
}

/**
 * Stable sort using only `less(a, b)`, in place: natural runs as CPython's timsort finds them
 * (an ascending run, or a strictly descending one reversed in place), short runs extended to
 * `minrun` by binary insertion, and runs merged as they come (timsort's stack invariants, without
 * galloping). Sorted or reversed input costs n - 1 comparisons, as in CPython. The result is the
 * same as any stable sort's; only the sequence of comparisons differs from CPython's, which
 * gallops. If a comparison raises, the list holds a permutation of its items, as CPython's does.
 */
export function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const n = items.length;
  if (n < 2) return items;
  const minrun = minrunFor(n);
  const bases: number[] = [];
  const lens: number[] = [];
  const tmp: T[] = [];
  let lo = 0;
  while (lo < n) {
    let len = countRun(items, lo, n, less);
    if (len < minrun) {
      const force = Math.min(minrun, n - lo);
      binaryInsertion(items, lo, lo + force, lo + len, less);
      len = force;
    }
    bases.push(lo);
    lens.push(len);
    // Timsort's invariants on the run lengths A, B, C (top last): A > B + C and B > C.
    for (;;) {
      let k = lens.length - 2;
      if (k < 0) break;
      if (
        (k > 0 && lens[k - 1]! <= lens[k]! + lens[k + 1]!) ||
        (k > 1 && lens[k - 2]! <= lens[k - 1]! + lens[k]!)
      ) {
        if (lens[k - 1]! < lens[k + 1]!) k -= 1;
      } else if (lens[k]! > lens[k + 1]!) {
        break;
      }
      mergeRuns(items, bases, lens, k, less, tmp);
    }
    lo += len;
  }
  while (lens.length > 1) {
    let k = lens.length - 2;
    if (k > 0 && lens[k - 1]! < lens[k + 1]!) k -= 1;
    mergeRuns(items, bases, lens, k, less, tmp);
  }
  return items;
}

/**
 * CPython 3.13's `count_run`: the length of the run starting at items[lo] (before `end`), made
 * ascending in place. A descending run may hold blocks of equal items (neither is less than the
 * other), each reversed first so that reversing the whole run keeps them in order. The same
 * comparisons as CPython's, which decide the result when `<` is not a total order (NaN keys).
 */
function countRun<T>(items: T[], lo: number, end: number, less: (a: T, b: T) => boolean): number {
  const remaining = end - lo;
  let n = 1;
  while (n < remaining && !less(items[lo + n]!, items[lo + n - 1]!)) n++;
  if (n === remaining) return n;
  if (n > 1) {
    if (less(items[lo]!, items[lo + n - 1]!)) return n;
    reverseRange(items, lo, lo + n); // all equal
  }
  n++;
  let neq = 0;
  const reverseEqualTail = () => {
    if (neq > 0) reverseRange(items, lo + n - neq - 1, lo + n);
    neq = 0;
  };
  for (; n < remaining; n++) {
    if (less(items[lo + n]!, items[lo + n - 1]!)) reverseEqualTail();
    else if (less(items[lo + n - 1]!, items[lo + n]!)) break;
    else neq++;
  }
  reverseEqualTail();
  reverseRange(items, lo, lo + n);
  // The reversed run may go on ascending ([3, 2, 3, 4, 1]).
  while (n < remaining && !less(items[lo + n]!, items[lo + n - 1]!)) n++;
  return n;
}

/** Timsort's minimum run length: n's top 6 bits, plus 1 if any lower bit is set. */
function minrunFor(n: number): number {
  let r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

function reverseRange<T>(items: T[], lo: number, hi: number): void {
  for (let i = lo, j = hi - 1; i < j; i++, j--) {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

/** Sort items[lo:hi] by binary insertion, items[lo:start] being sorted already. */
function binaryInsertion<T>(
  items: T[],
  lo: number,
  hi: number,
  start: number,
  less: (a: T, b: T) => boolean,
): void {
  for (let i = start; i < hi; i++) {
    const pivot = items[i]!;
    let l = lo;
    let r = i;
    while (l < r) {
      const mid = (l + r) >> 1;
      if (less(pivot, items[mid]!)) r = mid;
      else l = mid + 1;
    }
    for (let j = i; j > l; j--) items[j] = items[j - 1]!;
    items[l] = pivot;
  }
}

/** Merge runs k and k + 1 (adjacent) into one, stably. */
function mergeRuns<T>(
  items: T[],
  bases: number[],
  lens: number[],
  k: number,
  less: (a: T, b: T) => boolean,
  tmp: T[],
): void {
  const b1 = bases[k]!;
  const n1 = lens[k]!;
  const b2 = b1 + n1;
  const end = b2 + lens[k + 1]!;
  lens[k] = n1 + lens[k + 1]!;
  bases.splice(k + 1, 1);
  lens.splice(k + 1, 1);
  // Already in order: the second run starts at or after the first one's end.
  if (!less(items[b2]!, items[b2 - 1]!)) return;
  for (let i = 0; i < n1; i++) tmp[i] = items[b1 + i]!;
  let i = 0;
  let j = b2;
  let out = b1;
  try {
    while (i < n1 && j < end) {
      if (less(items[j]!, tmp[i]!)) items[out++] = items[j++]!;
      else items[out++] = tmp[i++]!;
    }
  } finally {
    // The rest of the first run fills the gap before the rest of the second (also when a
    // comparison raised: the list keeps every item).
    while (i < n1) items[out++] = tmp[i++]!;
  }
}

/**
 * The `<` to sort keys with. As CPython's sort does (`unsafe_long_compare`, `unsafe_tuple_compare`,
 * ...), keys all of one plain type compare directly: ints with `<`, strs by code point, exact
 * tuples item by item (the same steps as `lt`: the first unequal items decide). Anything else
 * goes through `lt`.
 */
function lessFor(keys: readonly unknown[]): (a: unknown, b: unknown) => boolean {
  let ints = true;
  let strs = true;
  let tuples = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const t = typeof k;
    if (t !== "bigint") ints = false;
    if (t !== "string") strs = false;
    if (!(k instanceof Tuple && k.constructor === Tuple)) tuples = false;
    if (!ints && !strs && !tuples) return lt;
  }
  if (ints) return (a, b) => (a as bigint) < (b as bigint);
  if (strs) return (a, b) => cmpStr(a as string, b as string) < 0;
  return tupleLess;
}

function tupleLess(a: unknown, b: unknown): boolean {
  const x = (a as Tuple).items;
  const y = (b as Tuple).items;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const u = x[i];
    const v = y[i];
    if (u === v && typeof u !== "number") continue;
    const t = typeof u;
    if (t === typeof v) {
      if (t === "bigint") return (u as bigint) < (v as bigint);
      if (t === "string") return cmpStr(u as string, v as string) < 0;
    }
    if (!eq(u, v)) return lt(u, v);
  }
  return x.length < y.length;
}

/**
 * Sort in place with Python's `key=` and `reverse=`: the keys are computed first, in the list's
 * order, as CPython computes them.
 */
export function sortList(xs: unknown[], key: unknown = null, reverse: unknown = false): void {
  const rev = truthy(reverse);
  let keys: unknown[] = xs;
  if (key !== null && key !== undefined) {
    if (typeof key !== "function")
      throw new PyTypeError(`'${typeName(key)}' object is not callable`);
    keys = xs.map((v) => (key as (v: unknown) => unknown)(v));
  }
  // Array's own `reverse`: a list subclass may override `reverse`.
  if (rev) {
    Array.prototype.reverse.call(xs);
    if (keys !== xs) keys.reverse();
  }
  sortByKeys(xs, keys);
  if (rev) {
    // stability with reverse: reverse, sort by "greater", reverse back == CPython
    Array.prototype.reverse.call(xs);
  }
}

/**
 * Sort `items` in place by `keys` (the same array when there is no `key=`), stably. The sort
 * orders the positions 0..n-1, so that keys of one plain kind compare as JS values: ints of the
 * safe range, floats (not NaN) and bools as numbers, strs without surrogates with `<` (code
 * units order them as code points do then). Other keys compare as `lessFor` says, the items
 * themselves or (key, item) pairs sorted in place. A comparison that raises leaves the list a
 * permutation of its items (as it was, for plain keys).
 */
function sortByKeys(items: unknown[], keys: readonly unknown[]): void {
  const n = items.length;
  if (n < 2) return;
  const nums = numericKeys(keys);
  let order: ArrayLike<number>;
  if (nums !== null) {
    order = numericOrder(nums);
  } else if (plainStrs(keys)) {
    order = positions(n);
    const strs = keys as readonly string[];
    // V8's own sort is a stable timsort too; plain keys need no Python comparison.
    (order as number[]).sort((a, b) => (strs[a]! < strs[b]! ? -1 : strs[a]! > strs[b]! ? 1 : 0));
  } else if (keys === items) {
    stableSort(items, lessFor(keys));
    return;
  } else {
    // Key and item side by side, so that the comparisons read the keys without an indirection.
    const less = lessFor(keys);
    const pairs = items.map((v, i) => [keys[i], v] as [unknown, unknown]);
    stableSort(pairs, (a, b) => less(a[0], b[0]));
    for (let i = 0; i < n; i++) items[i] = pairs[i]![1];
    return;
  }
  const copy = items.slice();
  for (let i = 0; i < n; i++) items[i] = copy[order[i]!];
}

/** 0, 1, ..., n - 1. */
function positions(n: number): number[] {
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The stable order of numeric keys: a merge sort of positions over typed arrays (runs of 32 by
 * insertion, then merges, a merge skipped when its halves are in order already), where every
 * comparison is a plain `<` of two doubles: no call per comparison, as V8's own sorts make.
 * Equal keys (-0 and 0 too) keep their positions' order.
 */
function numericOrder(nums: Float64Array): Int32Array {
  const n = nums.length;
  let src = new Int32Array(n);
  let dst = new Int32Array(n);
  // Keys in order already, or strictly descending (a list sorted with reverse=True is reversed
  // first): one pass, as timsort's run detection makes them.
  let up = 1;
  while (up < n && !(nums[up]! < nums[up - 1]!)) up++;
  if (up === n) {
    for (let i = 0; i < n; i++) src[i] = i;
    return src;
  }
  let down = 1;
  while (down < n && nums[down]! < nums[down - 1]!) down++;
  if (down === n) {
    for (let i = 0; i < n; i++) src[i] = n - 1 - i;
    return src;
  }
  const RUN = 32;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo; i < hi; i++) {
      const k = nums[i]!;
      let j = i - 1;
      while (j >= lo && nums[src[j]!]! > k) {
        src[j + 1] = src[j]!;
        j--;
      }
      src[j + 1] = i;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      if (mid >= hi || !(nums[src[mid]!]! < nums[src[mid - 1]!]!)) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = nums[src[j]!]! < nums[src[i]!]! ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/** The keys as numbers when all are ints of the safe range, floats other than NaN or bools. */
function numericKeys(keys: readonly unknown[]): Float64Array | null {
  const out = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k === "bigint") {
      if (k > MAX_SAFE_BIG || k < -MAX_SAFE_BIG) return null;
      out[i] = Number(k);
    } else if (typeof k === "number") {
      if (Number.isNaN(k)) return null;
      out[i] = k;
    } else if (typeof k === "boolean") {
      out[i] = k ? 1 : 0;
    } else {
      return null;
    }
  }
  return out;
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** All strs, none holding a surrogate (whose code units would misorder astral characters). */
function plainStrs(keys: readonly unknown[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k !== "string" || hasSurrogates(k)) return false;
  }
  return true;
}

export const listMethods = {
  append(xs: unknown[], v: unknown): null {
    xs.push(v);
    return null;
  },
  extend(xs: unknown[], it: unknown): null {
    const items = toArray(it);
    for (const v of items) xs.push(v);
    return null;
  },
  insert(xs: unknown[], i: unknown, v: unknown): null {
    xs.splice(normIndex(i, xs.length), 0, v);
    return null;
  },
  remove(xs: unknown[], v: unknown): null {
    for (let i = 0; i < xs.length; i++) {
      if (xs[i] === v || eq(xs[i], v)) {
        xs.splice(i, 1);
        return null;
      }
    }
    throw new ValueError("list.remove(x): x not in list");
  },
  pop(xs: unknown[], i: unknown = -1n): unknown {
    if (xs.length === 0) throw new IndexError("pop from empty list");
    let k = indexNumber(i);
    if (k < 0) k += xs.length;
    if (k < 0 || k >= xs.length) throw new IndexError("pop index out of range");
    return xs.splice(k, 1)[0];
  },
  clear(xs: unknown[]): null {
    xs.length = 0;
    return null;
  },
  index(xs: unknown[], v: unknown, start: unknown = 0n, stop: unknown = null): bigint {
    const s = normIndex(start, xs.length);
    const e = stop === null ? xs.length : normIndex(stop, xs.length);
    for (let i = s; i < e; i++) if (xs[i] === v || eq(xs[i], v)) return BigInt(i);
    throw new ValueError(`${repr(v)} is not in list`);
  },
  count(xs: unknown[], v: unknown): bigint {
    let c = 0n;
    for (const x of xs) if (x === v || eq(x, v)) c++;
    return c;
  },
  sort(xs: unknown[], ...args: unknown[]): null {
    const [pos, kws] = splitKw<{ key: unknown; reverse: unknown }>(args);
    if (pos.length > 0) throw new PyTypeError("sort() takes no positional arguments");
    for (const k of Object.keys(kws))
      if (k !== "key" && k !== "reverse")
        throw new PyTypeError(`sort() got an unexpected keyword argument '${k}'`);
    sortList(xs, kws.key ?? null, kws.reverse ?? false);
    return null;
  },
  reverse(xs: unknown[]): null {
    // Array's own: `ListSubclassBase.prototype.reverse` (or an override) would come back here.
    Array.prototype.reverse.call(xs);
    return null;
  },
  copy(xs: unknown[]): unknown[] {
    return xs.slice();
  },
  __len__(xs: unknown[]): bigint {
    return BigInt(xs.length);
  },
  __iter__(xs: unknown[]): Iterator<unknown> {
    return iter(xs);
  },
};

/** `list.__init__(self, iterable=(), /)` on `xs`: empties it, then extends it. */
export function listInit(xs: unknown[], args: unknown[]): void {
  let n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw) {
    if (Object.keys((args[n - 1] as Kw).kwargs).length > 0)
      throw new PyTypeError("list() takes no keyword arguments");
    n--;
  }
  if (n > 1) throw new PyTypeError(`list expected at most 1 argument, got ${n}`);
  const items = n === 1 ? toArray(args[0]) : [];
  xs.length = 0;
  for (const v of items) Array.prototype.push.call(xs, v);
}

/**
 * The JS base class of a program's `class L(list)` (see the header): an `Array` whose constructor
 * runs `list.__init__` with the call's arguments, unless the class defines `__init__` (its
 * generated constructor then calls that one). The list methods call `listMethods` (or `Array`'s
 * own methods), never `this.x(...)`, so overriding one does not change the others, as in CPython.
 */
export class ListSubclassBase extends Array<any> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(...args: unknown[]) {
    super();
    if (this.__init__ === ListSubclassBase.prototype.__init__) this.__init__(...args);
  }

  __init__(...args: unknown[]): any {
    listInit(this, args);
    return null;
  }
  append(...args: any[]): any {
    return listMethods.append(this, ...(args as [unknown]));
  }
  extend(...args: any[]): any {
    return listMethods.extend(this, ...(args as [unknown]));
  }
  insert(...args: any[]): any {
    return listMethods.insert(this, ...(args as [unknown, unknown]));
  }
  remove(...args: any[]): any {
    return listMethods.remove(this, ...(args as [unknown]));
  }
  override pop(...args: any[]): any {
    return listMethods.pop(this, ...(args as [unknown]));
  }
  clear(...args: any[]): any {
    return listMethods.clear(this, ...(args as []));
  }
  index(...args: any[]): any {
    return listMethods.index(this, ...(args as [unknown]));
  }
  count(...args: any[]): any {
    return listMethods.count(this, ...(args as [unknown]));
  }
  override sort(...args: any[]): any {
    return listMethods.sort(this, ...args);
  }
  override reverse(...args: any[]): any {
    return listMethods.reverse(this, ...(args as []));
  }
  copy(...args: any[]): any {
    return listMethods.copy(this, ...(args as []));
  }
  __repr__(): string {
    return listRepr(this);
  }
}
markBuiltinClass(ListSubclassBase, "list");
(ListSubclassBase as unknown as { __hash__: null }).__hash__ = null;
