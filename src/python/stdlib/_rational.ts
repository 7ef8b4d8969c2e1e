/**
 * Exact-ratio helpers shared by `fractions` and `decimal` (not a Python module: nothing here is
 * importable from a program).
 */

import { OverflowError, ValueError } from "../exceptions";
import { decomposeFloat } from "../hash";
import { intTrueDiv } from "../numbers";

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A finite float as its exact ratio (`float.as_integer_ratio`), with CPython's errors. */
export function floatRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new ValueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert Infinity to integer ratio");
  if (x === 0) return [0n, 1n];
  const [m, e] = decomposeFloat(x);
  if (e >= 0) return [m << BigInt(e), 1n];
  const d = 1n << BigInt(-e);
  const g = gcd(m, d);
  return [m / g, d / g];
}

/** The int n/d is, or the float equal to n/d (d > 0, lowest terms), else undefined. */
export function numberKey(n: bigint, d: bigint): bigint | number | undefined {
  if (d === 1n) return n;
  if ((d & (d - 1n)) !== 0n) return undefined;
  const f = intTrueDiv(n, d);
  if (!Number.isFinite(f)) return undefined;
  const [fn, fd] = floatRatio(f);
  return fn === n && fd === d ? f : undefined;
}
