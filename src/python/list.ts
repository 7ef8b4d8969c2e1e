/**
 * Python's `list` methods on plain JS arrays (`listMethods.append(xs, v)`; generated code calls
 * them through `callMethod(xs, "append", v)` when the receiver's type is unknown).
 *
 * `sort` is stable, uses only Python's `<` (so errors read `'<' not supported between instances
 * of 'str' and 'int'`), honours `key` and `reverse` (reverse keeps equal items in order, as
 * CPython does by reversing before and after sorting).
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
import { iter, toArray, truthy } from "./protocol";
import { listRepr, repr } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

function normIndex(i: unknown, n: number): number {
  let k = indexNumber(i);
  if (k < 0) k = Math.max(0, k + n);
  return Math.min(k, n);
}

/** Stable merge sort using only `less(a, b)`. */
export function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const n = items.length;
  if (n < 2) return items;
  // Binary insertion sort for short lists (CPython sorts short lists this way too).
  if (n <= 64) {
    for (let i = 1; i < n; i++) {
      const pivot = items[i];
      let lo = 0;
      let hi = i;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (less(pivot, items[mid])) hi = mid;
        else lo = mid + 1;
      }
      for (let j = i; j > lo; j--) items[j] = items[j - 1];
      items[lo] = pivot;
    }
    return items;
  }
  const mid = n >> 1;
  const left = stableSort(items.slice(0, mid), less);
  const right = stableSort(items.slice(mid), less);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    if (less(right[j], left[i])) items[k++] = right[j++];
    else items[k++] = left[i++];
  }
  while (i < left.length) items[k++] = left[i++];
  while (j < right.length) items[k++] = right[j++];
  return items;
}

/** Sort in place with Python's `key=` and `reverse=`. */
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

export function sortList(xs: unknown[], key: unknown = null, reverse: unknown = false): void {
  const rev = truthy(reverse);
  // Array's own `reverse`: a list subclass may override `reverse`.
  if (rev) Array.prototype.reverse.call(xs);
  if (key === null || key === undefined) {
    stableSort(xs, lessFor(xs));
  } else {
    if (typeof key !== "function")
      throw new PyTypeError(`'${typeName(key)}' object is not callable`);
    const dec = xs.map((v) => [(key as (v: unknown) => unknown)(v), v] as [unknown, unknown]);
    const less = lessFor(dec.map((d) => d[0]));
    stableSort(dec, (a, b) => less(a[0], b[0]));
    for (let i = 0; i < xs.length; i++) xs[i] = dec[i][1];
  }
  if (rev) {
    // stability with reverse: reverse, sort by "greater", reverse back == CPython
    Array.prototype.reverse.call(xs);
  }
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
