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
 * as CPython's `_sum` does. Anything else raises CPython's TypeError.
 * `covariance`, `correlation` and `linear_regression` follow CPython's formulas (fsum means,
 * `sumprod` as the exact sum of exact products rounded once, `_sqrtprod`'s correction).
 * `NormalDist` follows Lib/statistics.py, with `math.erf` and a correctly rounded exp and log.
 * Not provided: `kde` and `kde_random` (the transpiler refuses them by name).
 */

import { float as pyFloat } from "../builtins";
import { eq, gt, le, lt } from "../compare";
import { Dict } from "../dict";
import {
  AttributeError,
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
  ZeroDivisionError,
} from "../exceptions";
import { decomposeFloat, hash as pyHash } from "../hash";
import { Kw } from "../kw";
import { sortList } from "../list";
import { intTrueDiv, isInt, toBigInt } from "../numbers";
import { forwardToClass, NotImplemented } from "../objects";
import { add, mul, sub, truediv } from "../operators";
import { call, getattr, iter, lenOf, toArray, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { isinstance, issubclass, typeName, typeOf } from "../types";
import { bisect_left, bisect_right } from "./bisect";
import { namedtuple } from "./collections";
import { Decimal } from "./decimal";
import { Fraction } from "./fractions";
import { erf, exp, expCR, fabs, fsum, hypot, isnan, isqrt, log } from "./math";
import { Real } from "./numbers";
import { log as crLog } from "./random";
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
  try {
    return intTrueDiv(exact.n, exact.d);
  } catch (e) {
    // Beyond a float's range: CPython's sumprod falls back to plain float arithmetic (inf).
    if (!(e instanceof OverflowError)) throw e;
    let acc: unknown = 0n;
    for (let k = 0; k < xs.length; k++) acc = add(acc, mul(xs[k], ws[k]));
    return acc;
  }
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

// ---- relations between two inputs

/** CPython's `len(x)` for the two inputs (TypeError for iterators, as there). */
function pairedData(fname: string, what: string, x: unknown, y: unknown): [unknown[], unknown[]] {
  const n = lenOf(x);
  if (lenOf(y) !== n)
    throw new StatisticsError(`${fname} requires that both inputs have same number of data points`);
  if (n < 2) throw new StatisticsError(`${what} requires at least two data points`);
  return [toArray(x), toArray(y)];
}

/** `[xi - mean(x) for xi in x]` with CPython's `fsum(x) / n` mean. */
function centered(xs: unknown[]): unknown[] {
  const xbar = fsum(xs) / xs.length;
  return xs.map((xi) => sub(xi, xbar));
}

/** `x / y`, with CPython's message when y is zero replaced by the caller's. */
function divideOr(x: unknown, y: unknown, message: string): unknown {
  try {
    return truediv(x, y);
  } catch (e) {
    if (e instanceof ZeroDivisionError) throw new StatisticsError(message);
    throw e;
  }
}

/** `covariance(x, y, /)`: the sample covariance. */
export function covariance(...args: unknown[]): unknown {
  const [x, y] = bindArgs("covariance", args, ["x", "y"], [], { posOnly: 2 });
  const [xs, ys] = pairedData("covariance", "covariance", x, y);
  return truediv(sumOfProducts(centered(xs), centered(ys)), BigInt(xs.length - 1));
}

/** `_rank(data, start=start)`: ranks as floats, ties averaged. */
function rank(data: unknown[], start: number): number[] {
  const sorted = data.map((v, i) => new Tuple([v, BigInt(i)]));
  sortList(sorted);
  const result: number[] = new Array(data.length).fill(0);
  let i = start - 1;
  for (let k = 0; k < sorted.length; ) {
    let end = k + 1;
    while (end < sorted.length && eq(sorted[end]!.items[0], sorted[k]!.items[0])) end++;
    const size = end - k;
    const r = i + (size + 1) / 2;
    for (let j = k; j < end; j++) result[Number(sorted[j]!.items[1] as bigint)] = r;
    i += size;
    k = end;
  }
  return result;
}

/** CPython's `_sqrtprod`: sqrt(x * y) without overflow/underflow, then one correction. */
function sqrtprod(x: number, y: number): number {
  const h = Math.sqrt(x * y);
  if (!Number.isFinite(h)) {
    if (h === Number.POSITIVE_INFINITY && Number.isFinite(x) && Number.isFinite(y)) {
      const scale = 2 ** -512;
      return sqrtprod(scale * x, scale * y) / scale;
    }
    return h;
  }
  if (h === 0) {
    if (x !== 0 && y !== 0) {
      const scale = 2 ** 537;
      return sqrtprod(scale * x, scale * y) / scale;
    }
    return h;
  }
  const d = sumOfProducts([x, h], [y, -h]) as number;
  return h + d / (2.0 * h);
}

/** `correlation(x, y, /, *, method='linear')`: Pearson's (or Spearman's, 'ranked') r. */
export function correlation(...args: unknown[]): unknown {
  const [x, y, method] = bindArgs("correlation", args, ["x", "y"], ["linear"], {
    posOnly: 2,
    kwOnly: ["method"],
  });
  let [xs, ys] = pairedData("correlation", "correlation", x, y);
  if (method !== "linear" && method !== "ranked")
    throw new ValueError(`Unknown method: ${repr(method)}`);
  if (method === "ranked") {
    const start = (xs.length - 1) / -2;
    xs = rank(xs, start);
    ys = rank(ys, start);
  } else {
    xs = centered(xs);
    ys = centered(ys);
  }
  const sxy = sumOfProducts(xs, ys);
  const sxx = Number(sumOfProducts(xs, xs));
  const syy = Number(sumOfProducts(ys, ys));
  return divideOr(sxy, sqrtprod(sxx, syy), "at least one of the inputs is constant");
}

let LinearRegressionClass: ((...a: unknown[]) => Tuple) | null = null;

/** `statistics.LinearRegression`, the namedtuple `linear_regression` returns. */
function linearRegressionResult(slope: unknown, intercept: unknown): Tuple {
  LinearRegressionClass ??= namedtuple(
    "LinearRegression",
    ["slope", "intercept"],
    new Kw({ module: "statistics" }),
  ) as unknown as (...a: unknown[]) => Tuple;
  return LinearRegressionClass(slope, intercept);
}

/** `linear_regression(x, y, /, *, proportional=False)`: ordinary least squares. */
export function linear_regression(...args: unknown[]): Tuple {
  const [x, y, proportional] = bindArgs("linear_regression", args, ["x", "y"], [false], {
    posOnly: 2,
    kwOnly: ["proportional"],
  });
  let [xs, ys] = pairedData("linear regression", "linear regression", x, y);
  let xbar = 0;
  let ybar = 0;
  if (!truthy(proportional)) {
    xbar = fsum(xs) / xs.length;
    ybar = fsum(ys) / ys.length;
    xs = xs.map((xi) => sub(xi, xbar));
    ys = ys.map((yi) => sub(yi, ybar));
  }
  const sxy = add(sumOfProducts(xs, ys), 0.0);
  const sxx = sumOfProducts(xs, xs);
  const slope = divideOr(sxy, sxx, "x is constant");
  const intercept = truthy(proportional) ? 0.0 : sub(ybar, mul(slope, xbar));
  return linearRegressionResult(slope, intercept);
}

// ---- the normal distribution

/** `((c[0]*r + c[1])*r + ...)*r + c[7]`, in the order CPython's nested expression computes it. */
function horner(c: readonly number[], r: number): number {
  let acc = c[0]!;
  for (let i = 1; i < c.length; i++) acc = acc * r + c[i]!;
  return acc;
}

// Wichura's AS241 coefficients, as in CPython's statistics._normal_dist_inv_cdf.
const AS241 = {
  centralNum: [
    2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987, 13731.69376550946,
    1971.5909503065513, 133.14166789178438, 3.3871328727963665,
  ],
  centralDen: [
    5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597, 5394.196021424751,
    687.1870074920579, 42.31333070160091, 1.0,
  ],
  nearNum: [
    0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
    3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835,
  ],
  nearDen: [
    1.0507500716444169e-9, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
    0.6897673349851, 1.6763848301838038, 2.053191626637759, 1.0,
  ],
  farNum: [
    2.0103343992922881e-7, 2.7115555687434876e-5, 0.0012426609473880784, 0.026532189526576124,
    0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
  ],
  farDen: [
    2.0442631033899397e-15, 1.421511758316446e-7, 1.8463183175100548e-5, 0.0007868691311456133,
    0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1.0,
  ],
};

/** CPython's `_normal_dist_inv_cdf(p, mu, sigma)`. */
function normalDistInvCdf(p: number, mu: number, sigma: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    const x = (horner(AS241.centralNum, r) * q) / horner(AS241.centralDen, r);
    return mu + x * sigma;
  }
  let r = q <= 0.0 ? p : 1.0 - p;
  r = Math.sqrt(-crLog(r));
  let x: number;
  if (r <= 5.0) {
    r = r - 1.6;
    x = horner(AS241.nearNum, r) / horner(AS241.nearDen, r);
  } else {
    r = r - 5.0;
    x = horner(AS241.farNum, r) / horner(AS241.farDen, r);
  }
  if (q < 0.0) x = -x;
  return mu + x * sigma;
}

/** A float argument as CPython's arithmetic sees it (an int or float; others via `float()`). */
function asFloat(x: unknown): number {
  return typeof x === "number" ? x : (pyFloat(x) as number);
}

/** `statistics.NormalDist(mu=0.0, sigma=1.0)`, following Lib/statistics.py. */
export class NormalDist {
  static __module__ = "statistics";
  _mu: number;
  _sigma: number;

  constructor(...args: unknown[]) {
    const [mu, sigma] = bindArgs("NormalDist", args, ["mu", "sigma"], [0.0, 1.0]);
    if (lt(sigma, 0.0)) throw new StatisticsError("sigma must be non-negative");
    this._mu = asFloat(mu);
    this._sigma = asFloat(sigma);
  }

  /** `NormalDist.from_samples(data)`: the sample mean and standard deviation. */
  static from_samples(data: unknown): NormalDist {
    const xs = toArray(data);
    const sd = asFloat(stdev(xs));
    return new NormalDist(asFloat(mean(xs)), sd);
  }

  /** `samples(n, *, seed=None)`. */
  samples(...args: unknown[]): number[] {
    const [n, seed] = bindArgs("samples", args, ["n"], [null], { kwOnly: ["seed"] });
    const rnd = require("./random") as typeof import("./random");
    const next =
      seed === null
        ? rnd.random
        : (() => {
            const r = new rnd.Random(seed);
            return () => r.random();
          })();
    const count = Number(toBigInt(n as bigint));
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(normalDistInvCdf(next(), this._mu, this._sigma));
    return out;
  }

  pdf(x: unknown): number {
    const variance = this._sigma * this._sigma;
    if (variance === 0) throw new StatisticsError("pdf() not defined when sigma is zero");
    const diff = asFloat(sub(x, this._mu));
    return expCR((diff * diff) / (-2.0 * variance)) / Math.sqrt(2 * Math.PI * variance);
  }

  cdf(x: unknown): number {
    if (this._sigma === 0) throw new StatisticsError("cdf() not defined when sigma is zero");
    return 0.5 * (1.0 + erf(asFloat(sub(x, this._mu)) / (this._sigma * Math.SQRT2)));
  }

  inv_cdf(p: unknown): number {
    if (le(p, 0.0) || !lt(p, 1.0))
      throw new StatisticsError("p must be in the range 0.0 < p < 1.0");
    return normalDistInvCdf(asFloat(p), this._mu, this._sigma);
  }

  quantiles(n: unknown = 4n): number[] {
    const k = Number(toBigInt(n as bigint));
    const out: number[] = [];
    for (let i = 1; i < k; i++) out.push(this.inv_cdf(asFloat(truediv(BigInt(i), n))));
    return out;
  }

  overlap(other: unknown): number {
    if (!(other instanceof NormalDist))
      throw new PyTypeError("Expected another NormalDist instance");
    let X: NormalDist = this;
    let Y: NormalDist = other;
    if (Y._sigma < X._sigma || (Y._sigma === X._sigma && Y._mu < X._mu)) [X, Y] = [Y, X];
    const xVar = X.variance;
    const yVar = Y.variance;
    if (xVar === 0 || yVar === 0)
      throw new StatisticsError("overlap() not defined when sigma is zero");
    const dv = yVar - xVar;
    const dm = Math.abs(Y._mu - X._mu);
    if (dv === 0) return 1.0 - erf(dm / (2.0 * X._sigma * Math.SQRT2));
    const a = X._mu * yVar - Y._mu * xVar;
    const b = X._sigma * Y._sigma * Math.sqrt(dm * dm + dv * crLog(yVar / xVar));
    const x1 = (a + b) / dv;
    const x2 = (a - b) / dv;
    return 1.0 - (Math.abs(Y.cdf(x1) - X.cdf(x1)) + Math.abs(Y.cdf(x2) - X.cdf(x2)));
  }

  zscore(x: unknown): number {
    if (this._sigma === 0) throw new StatisticsError("zscore() not defined when sigma is zero");
    return asFloat(sub(x, this._mu)) / this._sigma;
  }

  get mean(): number {
    return this._mu;
  }
  get median(): number {
    return this._mu;
  }
  get mode(): number {
    return this._mu;
  }
  get stdev(): number {
    return this._sigma;
  }
  get variance(): number {
    return this._sigma * this._sigma;
  }

  __add__(other: unknown): NormalDist {
    if (other instanceof NormalDist)
      return new NormalDist(this._mu + other._mu, hypot(this._sigma, other._sigma));
    return new NormalDist(add(this._mu, other), this._sigma);
  }
  __radd__(other: unknown): NormalDist {
    return this.__add__(other);
  }
  __sub__(other: unknown): NormalDist {
    if (other instanceof NormalDist)
      return new NormalDist(this._mu - other._mu, hypot(this._sigma, other._sigma));
    return new NormalDist(sub(this._mu, other), this._sigma);
  }
  __rsub__(other: unknown): NormalDist {
    return this.__sub__(other).__neg__();
  }
  __mul__(other: unknown): NormalDist {
    return new NormalDist(mul(this._mu, other), mul(this._sigma, fabs(other)));
  }
  __rmul__(other: unknown): NormalDist {
    return this.__mul__(other);
  }
  __truediv__(other: unknown): NormalDist {
    return new NormalDist(truediv(this._mu, other), truediv(this._sigma, fabs(other)));
  }
  __pos__(): NormalDist {
    return new NormalDist(this._mu, this._sigma);
  }
  __neg__(): NormalDist {
    return new NormalDist(-this._mu, this._sigma);
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof NormalDist)) return NotImplemented;
    return this._mu === other._mu && this._sigma === other._sigma;
  }
  __ne__(other: unknown): unknown {
    if (!(other instanceof NormalDist)) return NotImplemented;
    return !(this._mu === other._mu && this._sigma === other._sigma);
  }
  __hash__(): bigint {
    return pyHash(new Tuple([this._mu, this._sigma]));
  }
  __repr__(): string {
    const name = (this.constructor as { __name__?: string }).__name__ ?? "NormalDist";
    return `${name}(mu=${repr(this._mu)}, sigma=${repr(this._sigma)})`;
  }
}
forwardToClass(NormalDist, "from_samples");
