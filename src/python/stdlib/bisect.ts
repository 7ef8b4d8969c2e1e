/**
 * Python's `bisect`: `bisect_left`/`bisect_right` (`bisect`) and `insort_left`/`insort_right`
 * (`insort`), with `lo`, `hi` and `key`, exactly as Lib/bisect.py (same comparisons, same
 * errors).
 */

import { lt } from "../compare";
import { ValueError } from "../exceptions";
import { index } from "../numbers";
import { call, callMethod, getitem, lenOf } from "../protocol";
import { cFunctions } from "./_cfunctions";
import { takeKw } from "./types";

interface Bounds {
  lo: number;
  hi: number;
  key: unknown;
}

function bounds(a: unknown, args: unknown[]): Bounds {
  const [pos, kws] = takeKw(args);
  const loArg = pos[0] ?? kws.lo ?? 0n;
  const hiArg = pos.length > 1 ? pos[1] : (kws.hi ?? null);
  const lo = Number(index(loArg));
  if (lo < 0) throw new ValueError("lo must be non-negative");
  const hi = hiArg === null ? lenOf(a) : Number(index(hiArg));
  return { lo, hi, key: kws.key ?? null };
}

function search(a: unknown, x: unknown, b: Bounds, right: boolean): number {
  let { lo, hi } = b;
  const keyed = (v: unknown) => (b.key === null ? v : call(b.key, v));
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const m = keyed(getitem(a, BigInt(mid)));
    if (right ? lt(x, m) : lt(m, x)) {
      if (right) hi = mid;
      else lo = mid + 1;
    } else if (right) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `bisect_left(a, x, lo=0, hi=len(a), *, key=None)`. */
export function bisect_left(a: unknown, x: unknown, ...args: unknown[]): bigint {
  return BigInt(search(a, x, bounds(a, args), false));
}

/** `bisect_right(a, x, lo=0, hi=len(a), *, key=None)`. */
export function bisect_right(a: unknown, x: unknown, ...args: unknown[]): bigint {
  return BigInt(search(a, x, bounds(a, args), true));
}

function insert(a: unknown, i: number, x: unknown): void {
  if (Array.isArray(a)) a.splice(i, 0, x);
  else callMethod(a, "insert", BigInt(i), x);
}

/** `insort_left(a, x, lo=0, hi=len(a), *, key=None)`. */
export function insort_left(a: unknown, x: unknown, ...args: unknown[]): null {
  const b = bounds(a, args);
  insert(a, search(a, b.key === null ? x : call(b.key, x), b, false), x);
  return null;
}

/** `insort_right(a, x, lo=0, hi=len(a), *, key=None)`. */
export function insort_right(a: unknown, x: unknown, ...args: unknown[]): null {
  const b = bounds(a, args);
  insert(a, search(a, b.key === null ? x : call(b.key, x), b, true), x);
  return null;
}

export const bisect = bisect_right;
export const insort = insort_right;

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("_bisect", [bisect_left, bisect_right, insort_left, insort_right]);
