/**
 * Python's `statistics`: averages, medians, modes, quantiles and spread, with CPython 3.13's
 * results to the last bit.
 *
 * How: CPython computes `mean`, `variance`, `pvariance`, `stdev`, `pstdev` and `harmonic_mean`
 * exactly, on fractions (every int and float is an exact ratio), and rounds once at the end; the
 * result's type follows the data's (`mean([1, 2, 3])` is the int 2, `mean([1, 2])` the float 1.5).
 * So does this module, with a small fraction of two bigints (`Ratio`). The square roots of
 * `stdev`/`pstdev` are correctly rounded square roots of that exact fraction (an integer square
 * root with round-to-odd, then one rounding to a double), which is what CPython returns.
 * `median`, `quantiles` and `median_grouped` do their arithmetic with Python's operators on the
 * data themselves (so ints stay ints where Python's do); `fmean` and `geometric_mean` use
 * `math.fsum`.
 *
 * Fraction and Decimal data (and other types with `as_integer_ratio()` or `numerator` and
 * `denominator`) go the same way: their exact ratios are summed, the result type is CPython's
 * `_coerce` of the data's types (Decimal with float is its TypeError) and `_convert` makes the
 * result (a Fraction as is; a Decimal as `Decimal(n) / Decimal(d)` in the current context);
 * `stdev`/`pstdev` of Decimal data are CPython's correctly rounded Decimal square roots
 * (`_decimal_sqrt_of_frac`). Nans and infinities (float or Decimal) are summed with Python's `+`,
 * as CPython's `_sum` does. Anything else raises CPython's TypeError. Not provided: `covariance`, `correlation`,
 * `linear_regression`, `kde`, `kde_random` and `NormalDist` (the transpiler refuses them by
 * name).
 */

import { eq, gt, le, lt } from "../compare";
import { Dict } from "../dict";
import {
  AttributeError,
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
  ZeroDivisionError,
} from "../exceptions";
import { decomposeFloat } from "../hash";
import { sortList } from "../list";
import { intTrueDiv, isInt, toBigInt } from "../numbers";
import { add, mul, sub, truediv } from "../operators";
import { call, getattr, iter, toArray, truthy } from "../protocol";
import { repr } from "../repr";
import type { Tuple } from "../tuple";
import { isinstance, issubclass, typeName, typeOf } from "../types";
import { bisect_left, bisect_right } from "./bisect";
import { Decimal } from "./decimal";
import { Fraction } from "./fractions";
import { exp, fsum, isnan, isqrt, log } from "./math";
import { Real } from "./numbers";
import { bindArgs } from "./types";

/** `statistics.StatisticsError`, a ValueError. */
export class StatisticsError extends ValueError {
  static __module__ = "statistics";
}

// ---- exact arithmetic

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** An exact fraction n/d in lowest terms, d > 0 (what CPython's `Fraction` holds). */
class Ratio {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d: bigint) {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }
  add(o: Ratio): Ratio {
    return new Ratio(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Ratio): Ratio {
    return new Ratio(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Ratio): Ratio {
    return new Ratio(this.n * o.n, this.d * o.d);
  }
  div(o: Ratio): Ratio {
    return new Ratio(this.n * o.d, this.d * o.n);
  }
}

const ZERO = new Ratio(0n, 1n);

function ratioOfInt(n: bigint): Ratio {
  return new Ratio(n, 1n);
}

/**
 * The result type of the data: a Python type (`int`, `float`, `Fraction`, `Decimal` or a subclass),
 * combined over the data's types as CPython's `_coerce` does.
 */
type Kind = Function;

function builtinType(name: "int" | "bool" | "float"): Function {
  return (require("../builtins") as Record<string, Function>)[name]!;
}

function nameOf(t: Function): string {
  return (t as { __name__?: string }).__name__ ?? t.name;
}

/** CPython's `_coerce(T, S)`: the common type of T and S, or TypeError. */
function coerce(T: Kind, S: Kind): Kind {
  const int = builtinType("int");
  const float = builtinType("float");
  if (T === S) return T;
  if (S === int || S === builtinType("bool")) return T;
  if (T === int) return S;
  if (issubclass(S, T)) return S;
  if (issubclass(T, S)) return T;
  if (issubclass(T, int)) return S;
  if (issubclass(S, int)) return T;
  if (issubclass(T, Fraction) && issubclass(S, float)) return S;
  if (issubclass(T, float) && issubclass(S, Fraction)) return T;
  throw new PyTypeError(`don't know how to coerce ${nameOf(T)} and ${nameOf(S)}`);
}

/**
 * `reduce(_coerce, types, int)` over the data's types. CPython iterates a set of types, whose
 * order follows memory addresses; here the types come in the order met, with `float` last (where
 * CPython's order is stable, "Decimal and float", it is the same).
 */
function coerceAll(types: Set<Function>): Kind {
  const float = builtinType("float");
  const ordered = [...types].filter((t) => t !== float);
  if (types.has(float)) ordered.push(float);
  return ordered.reduce(coerce, builtinType("int"));
}

/** A value that is not an exact ratio: a nan or an infinity (float or Decimal). */
interface Special {
  value: unknown;
}

/**
 * `x` as an exact ratio (CPython's `_exact_ratio`: `as_integer_ratio()`, else `numerator` and
 * `denominator`), or the value itself when it is a nan or an infinity (CPython's `(x, None)`).
 * Raises CPython's TypeError for other types.
 */
function exactRatio(x: unknown): Ratio | Special {
  if (isInt(x)) return ratioOfInt(toBigInt(x));
  if (typeof x === "number") {
    if (!Number.isFinite(x)) return { value: x };
    const [m, e] = decomposeFloat(x);
    return e >= 0 ? new Ratio(m << BigInt(e), 1n) : new Ratio(m, 1n << BigInt(-e));
  }
  try {
    const t = call(getattr(x, "as_integer_ratio")) as Tuple;
    return new Ratio(toBigInt(t.items[0] as bigint), toBigInt(t.items[1] as bigint));
  } catch (e) {
    if (e instanceof OverflowError || e instanceof ValueError) return { value: x };
    if (!(e instanceof AttributeError)) throw e;
  }
  try {
    const n = getattr(x, "numerator") as bigint;
    const d = getattr(x, "denominator") as bigint;
    return new Ratio(toBigInt(n), toBigInt(d));
  } catch (e) {
    if (!(e instanceof AttributeError)) throw e;
    throw new PyTypeError(`can't convert type '${nameOf(typeOf(x))}' to numerator/denominator`);
  }
}

/** The exact total: a ratio, or the sum of the data's nans and infinities (a float or Decimal). */
type Total = Ratio | Special;

/**
 * The data as exact ratios, with their result type and the sum of their nans and infinities
 * (null when there are none), in one pass as CPython's `_sum` and `_ss` make it.
 */
function exactData(data: unknown): { kind: Kind; ratios: Ratio[]; special: Special | null } {
  const types = new Set<Function>();
  const ratios: Ratio[] = [];
  let special: Special | null = null;
  for (const x of iter(data)) {
    types.add(typeOf(x));
    const r = exactRatio(x);
    if (r instanceof Ratio) ratios.push(r);
    else special = { value: add(special === null ? 0n : special.value, r.value) };
  }
  return { kind: coerceAll(types), ratios, special };
}

/** CPython's `_sum`: the result type, the exact total and the count. */
function exactSum(data: unknown): [Kind, Total, number] {
  const xs = toArray(data);
  const d = exactData(xs);
  const total = d.ratios.reduce((a, r) => a.add(r), ZERO);
  return [d.kind, d.special ?? total, xs.length];
}

/** CPython's `_ss`: the result type, the exact sum of squared deviations, and the count. */
function sumOfSquares(data: unknown, c: unknown): [Kind, Total, number] {
  if (c !== null && c !== undefined) {
    return exactSum(
      toArray(data).map((x) => {
        const d = sub(x, c);
        return mul(d, d);
      }),
    );
  }
  const xs = toArray(data);
  const d = exactData(xs);
  const count = xs.length;
  if (count === 0) return [d.kind, ZERO, 0];
  if (d.special !== null) return [d.kind, d.special, count];
  const sx = d.ratios.reduce((a, r) => a.add(r), ZERO);
  const sxx = d.ratios.reduce((a, r) => a.add(r.mul(r)), ZERO);
  const n = ratioOfInt(BigInt(count));
  return [d.kind, n.mul(sxx).sub(sx.mul(sx)).div(n), count];
}

/** A ratio as the `Fraction` CPython computes with. */
function fractionOf(r: Ratio): unknown {
  return new Fraction(r.n, r.d);
}

/** A total as the Python value CPython has there (a Fraction, a float or a Decimal). */
function pyValue(t: Total): unknown {
  return t instanceof Ratio ? fractionOf(t) : t.value;
}

/**
 * CPython's `_convert(value, T)`: the value itself when it has type T; an int when T is int and
 * the value is whole, else a float; a Decimal as `T(numerator) / T(denominator)` in the current
 * context; otherwise `T(value)`.
 */
function convert(value: Total, kind: Kind): unknown {
  const int = builtinType("int");
  const float = builtinType("float");
  if (!(value instanceof Ratio)) {
    if (typeOf(value.value) === kind) return value.value;
    return call(kind, value.value);
  }
  if (kind === Fraction) return fractionOf(value);
  let T = kind;
  if (issubclass(T, int) && value.d !== 1n) T = float;
  if (T === int) return value.n;
  if (T === float) return intTrueDiv(value.n, value.d);
  if (issubclass(T, Decimal)) return truediv(call(T, value.n), call(T, value.d));
  return call(T, fractionOf(value));
}

/** `total / count` for a total that may be a non-finite float. */
function divide(total: Total, count: number): Total {
  return total instanceof Ratio
    ? total.div(ratioOfInt(BigInt(count)))
    : { value: truediv(total.value, BigInt(count)) };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * The square root of n/m (n >= 0, m > 0) as a correctly rounded float. The root is computed as
 * an integer scaled to 2 * 53 + 3 significant bits, rounded to odd (its last bit records whether
 * anything was dropped), so the single rounding to a double at the end is the correct one.
 */
function sqrtOfRatio(n: bigint, m: bigint): number {
  const q = Math.floor((bitLength(n) - bitLength(m) - 109) / 2);
  const rootRoundedToOdd = (num: bigint, den: bigint) => {
    const a = isqrt(num / den);
    return a * a * den === num ? a : a | 1n;
  };
  if (q >= 0) return intTrueDiv(rootRoundedToOdd(n, m << BigInt(2 * q)) << BigInt(q), 1n);
  return intTrueDiv(rootRoundedToOdd(n << BigInt(-2 * q), m), 1n << BigInt(-q));
}

/**
 * stdev's square root of an exact variance: a correctly rounded float, or for Decimal data a
 * correctly rounded Decimal (`_decimal_sqrt_of_frac`). A nan or infinite variance has no
 * `numerator`, as in CPython.
 */
function sqrtOfVariance(v: Total, kind: Kind): unknown {
  if (!(v instanceof Ratio))
    throw new AttributeError(`'${typeName(v.value)}' object has no attribute 'numerator'`);
  if (issubclass(kind, Decimal)) return decimalSqrtOfRatio(v.n, v.d);
  return sqrtOfRatio(v.n, v.d);
}

/**
 * CPython's `_decimal_sqrt_of_frac`: the Decimal square root of n/m in the current context,
 * corrected by one step up or down when a neighbour is closer to the exact root.
 */
function decimalSqrtOfRatio(n: bigint, m: bigint): unknown {
  if (n <= 0n) {
    if (n === 0n) return new Decimal("0.0");
    [n, m] = [-n, -m];
  }
  const root = call(getattr(truediv(new Decimal(n), new Decimal(m)), "sqrt"));
  const ratio = (x: unknown): [bigint, bigint] => {
    const t = call(getattr(x, "as_integer_ratio")) as Tuple;
    return [t.items[0] as bigint, t.items[1] as bigint];
  };
  const [nr, dr] = ratio(root);
  const plus = call(getattr(root, "next_plus"));
  const [np, dp] = ratio(plus);
  if (4n * n * (dr * dp) ** 2n > m * (dr * np + dp * nr) ** 2n) return plus;
  const minus = call(getattr(root, "next_minus"));
  const [nm, dm] = ratio(minus);
  if (4n * n * (dr * dm) ** 2n < m * (dr * nm + dm * nr) ** 2n) return minus;
  return root;
}

function sortedData(data: unknown): unknown[] {
  const xs = toArray(data).slice();
  sortList(xs, null, false);
  return xs;
}

// ---- averages

/** `mean(data)`: the exact mean, rounded once (an int for int data with a whole mean). */
export function mean(data: unknown): unknown {
  const [kind, total, n] = exactSum(data);
  if (n < 1) throw new StatisticsError("mean requires at least one data point");
  return convert(divide(total, n), kind);
}

/** `fmean(data, weights=None)`: the mean as a float, from `math.fsum`. */
export function fmean(...args: unknown[]): number {
  const [data, weights] = bindArgs("fmean", args, ["data", "weights"], [null]);
  if (weights === null) {
    const xs = toArray(data);
    const total = fsum(xs);
    if (xs.length === 0) throw new StatisticsError("fmean requires at least one data point");
    return total / xs.length;
  }
  const xs = toArray(data);
  const ws = toArray(weights);
  if (xs.length !== ws.length)
    throw new StatisticsError("data and weights must be the same length");
  const num = sumOfProducts(xs, ws);
  const den = fsum(ws);
  if (den === 0) throw new StatisticsError("sum of weights must be non-zero");
  return truediv(num, den) as number;
}

/**
 * `math.sumprod(xs, ws)` as fmean uses it: an int for ints; otherwise the exact sum of the exact
 * products rounded once (CPython accumulates in extended precision, which rounds the same way
 * but for rare ties); with a nan or an infinity, plain float arithmetic.
 */
function sumOfProducts(xs: unknown[], ws: unknown[]): unknown {
  if (xs.every(isInt) && ws.every(isInt)) {
    let acc = 0n;
    for (let i = 0; i < xs.length; i++)
      acc += toBigInt(xs[i] as bigint) * toBigInt(ws[i] as bigint);
    return acc;
  }
  const plain = (x: unknown) => isInt(x) || typeof x === "number";
  if (!xs.every(plain) || !ws.every(plain)) {
    // Fractions, Decimals, ...: sumprod's generic path, Python's `*` and `+`.
    let acc: unknown = 0n;
    for (let k = 0; k < xs.length; k++) acc = add(acc, mul(xs[k], ws[k]));
    return acc;
  }
  let exact = ZERO;
  for (let i = 0; i < xs.length; i++) {
    const a = exactRatio(xs[i]);
    const b = exactRatio(ws[i]);
    if (!(a instanceof Ratio) || !(b instanceof Ratio)) {
      let acc: unknown = 0n;
      for (let k = 0; k < xs.length; k++) acc = add(acc, mul(xs[k], ws[k]));
      return acc;
    }
    exact = exact.add(a.mul(b));
  }
  return intTrueDiv(exact.n, exact.d);
}

/** `geometric_mean(data)`: `exp(fsum(map(log, data)) / n)`, with 3.13's rules for zeros. */
export function geometric_mean(data: unknown): number {
  let n = 0;
  let foundZero = false;
  const logs: number[] = [];
  for (const x of iter(data)) {
    n += 1;
    if (gt(x, 0.0) || isnan(x)) logs.push(log(x));
    else if (eq(x, 0.0)) foundZero = true;
    else throw new StatisticsError("No negative inputs allowed", x);
  }
  const total = fsum(logs);
  if (n === 0) throw new StatisticsError("Must have a non-empty dataset");
  if (Number.isNaN(total)) return Number.NaN;
  if (foundZero) return total === Number.POSITIVE_INFINITY ? Number.NaN : 0.0;
  return exp(total / n);
}

/** `harmonic_mean(data, weights=None)`: exact, as CPython. */
export function harmonic_mean(...args: unknown[]): unknown {
  const [data, weightsArg] = bindArgs("harmonic_mean", args, ["data", "weights"], [null]);
  const xs = toArray(data);
  const negative = "harmonic mean does not support negative values";
  const n = xs.length;
  if (n < 1) throw new StatisticsError("harmonic_mean requires at least one data point");
  if (n === 1 && weightsArg === null) {
    const x = xs[0];
    if (!isinstance(x, Real) && !isinstance(x, Decimal)) throw new PyTypeError("unsupported type");
    if (lt(x, 0n)) throw new StatisticsError(negative);
    return x;
  }
  let ws: unknown[];
  let sumWeights: Total;
  if (weightsArg === null) {
    ws = xs.map(() => 1n);
    sumWeights = ratioOfInt(BigInt(n));
  } else {
    ws = toArray(weightsArg);
    if (ws.length !== n) throw new StatisticsError("Number of weights does not match data size");
    for (const w of ws) if (lt(w, 0n)) throw new StatisticsError(negative);
    sumWeights = exactSum(ws)[1];
  }
  const terms: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (lt(x, 0n)) throw new StatisticsError(negative);
    const w = ws[i];
    if (!truthy(w)) {
      terms.push(0n);
      continue;
    }
    try {
      terms.push(truediv(w, x));
    } catch (e) {
      if (e instanceof ZeroDivisionError) return 0n;
      throw e;
    }
  }
  const [kind, total] = exactSum(terms);
  if (total instanceof Ratio ? total.n <= 0n : le(total.value, 0n))
    throw new StatisticsError("Weighted sum must be positive");
  if (total instanceof Ratio && sumWeights instanceof Ratio)
    return convert(sumWeights.div(total), kind);
  return convert({ value: truediv(pyValue(sumWeights), pyValue(total)) }, kind);
}

/** `median(data)`: the middle value, or the mean of the two middle values (`(a + b) / 2`). */
export function median(data: unknown): unknown {
  const xs = sortedData(data);
  const n = xs.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  if (n % 2 === 1) return xs[(n - 1) / 2];
  const i = n / 2;
  return truediv(add(xs[i - 1], xs[i]), 2n);
}

export function median_low(data: unknown): unknown {
  const xs = sortedData(data);
  const n = xs.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  return n % 2 === 1 ? xs[(n - 1) / 2] : xs[n / 2 - 1];
}

export function median_high(data: unknown): unknown {
  const xs = sortedData(data);
  if (xs.length === 0) throw new StatisticsError("no median for empty data");
  return xs[Math.floor(xs.length / 2)];
}

/** `median_grouped(data, interval=1.0)`: the 50th percentile of data binned around midpoints. */
export function median_grouped(...args: unknown[]): number {
  const [data, intervalArg] = bindArgs("median_grouped", args, ["data", "interval"], [1.0]);
  const xs = sortedData(data);
  const n = xs.length;
  if (n === 0) throw new StatisticsError("no median for empty data");
  const mid = xs[Math.floor(n / 2)];
  const i = Number(bisect_left(xs, mid));
  const j = Number(bisect_right(xs, mid, BigInt(i)));
  const { float } = require("../builtins") as typeof import("../builtins");
  let interval: number;
  let x: number;
  try {
    interval = float(intervalArg);
    x = float(mid);
  } catch (e) {
    if (e instanceof ValueError) throw new PyTypeError("Value cannot be converted to a float");
    throw e;
  }
  const lower = x - interval / 2.0;
  return lower + (interval * (n / 2 - i)) / (j - i);
}

/** `mode(data)`: the most common value, the first one met among equals. */
export function mode(data: unknown): unknown {
  const counts = countValues(data);
  let best: unknown;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  if (bestCount === 0) throw new StatisticsError("no mode for empty data");
  return best;
}

/** `multimode(data)`: every most common value, in the order first met. */
export function multimode(data: unknown): unknown[] {
  const counts = countValues(data);
  let max = 0;
  for (const [, count] of counts) if (count > max) max = count;
  return counts.filter(([, count]) => count === max).map(([value]) => value);
}

/** Each distinct value (by Python equality and hash) with its count, in the order first met. */
function countValues(data: unknown): [unknown, number][] {
  const index = new Dict<unknown, number>();
  const out: [unknown, number][] = [];
  for (const x of iter(data)) {
    const found = index.lookup(x);
    if (found === undefined) {
      index.__setitem__(x, out.length);
      out.push([x, 1]);
    } else out[found[1]]![1] += 1;
  }
  return out;
}

/** `quantiles(data, *, n=4, method='exclusive')`: the n - 1 cut points. */
export function quantiles(...args: unknown[]): unknown[] {
  const [data, nArg, method] = bindArgs("quantiles", args, ["data"], [4n, "exclusive"], {
    kwOnly: ["n", "method"],
  });
  if (lt(nArg, 1n)) throw new StatisticsError("n must be at least 1");
  const n = Number(toBigInt(nArg as bigint));
  const xs = sortedData(data);
  const ld = xs.length;
  if (ld < 2) {
    if (ld === 1) return Array.from({ length: n - 1 }, () => xs[0]);
    throw new StatisticsError("must have at least one data point");
  }
  const bn = BigInt(n);
  const cut = (lo: unknown, hi: unknown, delta: number) =>
    truediv(add(mul(lo, BigInt(n - delta)), mul(hi, BigInt(delta))), bn);
  const result: unknown[] = [];
  if (method === "inclusive") {
    const m = ld - 1;
    for (let i = 1; i < n; i++) {
      const j = Math.floor((i * m) / n);
      result.push(cut(xs[j], xs[j + 1], i * m - j * n));
    }
    return result;
  }
  if (method === "exclusive") {
    const m = ld + 1;
    for (let i = 1; i < n; i++) {
      let j = Math.floor((i * m) / n);
      j = Math.min(Math.max(j, 1), ld - 1);
      result.push(cut(xs[j - 1], xs[j], i * m - j * n));
    }
    return result;
  }
  throw new ValueError(`Unknown method: ${repr(method)}`);
}

// ---- spread

/** `variance(data, xbar=None)`: the exact sample variance, rounded once. */
export function variance(...args: unknown[]): unknown {
  const [data, xbar] = bindArgs("variance", args, ["data", "xbar"], [null]);
  const [kind, ss, n] = sumOfSquares(data, xbar);
  if (n < 2) throw new StatisticsError("variance requires at least two data points");
  return convert(divide(ss, n - 1), kind);
}

/** `pvariance(data, mu=None)`: the exact population variance, rounded once. */
export function pvariance(...args: unknown[]): unknown {
  const [data, mu] = bindArgs("pvariance", args, ["data", "mu"], [null]);
  const [kind, ss, n] = sumOfSquares(data, mu);
  if (n < 1) throw new StatisticsError("pvariance requires at least one data point");
  return convert(divide(ss, n), kind);
}

/** `stdev(data, xbar=None)`: the correctly rounded square root of the exact sample variance. */
export function stdev(...args: unknown[]): unknown {
  const [data, xbar] = bindArgs("stdev", args, ["data", "xbar"], [null]);
  const [kind, ss, n] = sumOfSquares(data, xbar);
  if (n < 2) throw new StatisticsError("stdev requires at least two data points");
  return sqrtOfVariance(divide(ss, n - 1), kind);
}

/** `pstdev(data, mu=None)`: the correctly rounded square root of the population variance. */
export function pstdev(...args: unknown[]): unknown {
  const [data, mu] = bindArgs("pstdev", args, ["data", "mu"], [null]);
  const [kind, ss, n] = sumOfSquares(data, mu);
  if (n < 1) throw new StatisticsError("pstdev requires at least one data point");
  return sqrtOfVariance(divide(ss, n), kind);
}
