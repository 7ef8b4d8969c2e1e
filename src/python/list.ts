/**
 * Python's `list` methods on plain JS arrays (`listMethods.append(xs, v)`; generated code calls
 * them through `callMethod(xs, "append", v)` when the receiver's type is unknown).
 *
 * `sort` is stable, uses only Python's `<` (so errors read `'<' not supported between instances
 * of 'str' and 'int'`), honours `key` and `reverse` (reverse keeps equal items in order, as
 * CPython does by reversing before and after sorting).
 */

import { eq, lt } from "./compare";
import { IndexError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { splitKw } from "./kw";
import { indexNumber } from "./numbers";
import { iter, toArray, truthy } from "./protocol";
import { repr } from "./repr";
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
export function sortList(xs: unknown[], key: unknown = null, reverse: unknown = false): void {
  const rev = truthy(reverse);
  if (rev) xs.reverse();
  if (key === null || key === undefined) {
    stableSort(xs, lt);
  } else {
    if (typeof key !== "function")
      throw new PyTypeError(`'${typeName(key)}' object is not callable`);
    const dec = xs.map((v) => [(key as (v: unknown) => unknown)(v), v] as [unknown, unknown]);
    stableSort(dec, (a, b) => lt(a[0], b[0]));
    for (let i = 0; i < xs.length; i++) xs[i] = dec[i][1];
  }
  if (rev) {
    // stability with reverse: reverse, sort by "greater", reverse back == CPython
    xs.reverse();
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
    xs.reverse();
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
