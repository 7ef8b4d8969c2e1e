/**
 * Python's `math`: float functions with CPython's "math domain error"/"math range error"
 * ValueErrors and OverflowErrors, integer functions (`gcd`, `factorial`, `comb`, `isqrt`, ...)
 * exact on bigints, and `floor`/`ceil`/`trunc` returning ints (bigint).
 *
 * Differences from CPython: transcendental functions use JS's `Math`, which is not guaranteed to
 * be correctly rounded; results can differ from CPython's libm in the last bit.
 */

import { OverflowError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { floatToInt, index, isInt, isNumber, signBit, toBigInt, toFloat } from "../numbers";
import { mul } from "../operators";
import { iter } from "../protocol";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { takeKw } from "./types";

export const pi = Math.PI;
export const e = Math.E;
export const tau = 2 * Math.PI;
export const inf = Number.POSITIVE_INFINITY;
export const nan = Number.NaN;

const domain = () => new ValueError("math domain error");
const range = () => new OverflowError("math range error");

/** A float argument, as CPython's PyFloat_AsDouble (TypeError for non-numbers). */
function f(x: unknown): number {
  if (typeof x === "number") return x;
  if (isInt(x)) {
    const v = toFloat(x);
    if (!Number.isFinite(v)) throw new OverflowError("int too large to convert to float");
    return v;
  }
  const fl = (x as { __float__?: () => unknown } | null)?.__float__;
  if (typeof fl === "function") return fl.call(x) as number;
  const ix = (x as { __index__?: () => unknown } | null)?.__index__;
  if (typeof ix === "function") return toFloat(ix.call(x) as bigint);
  throw new PyTypeError(`must be real number, not ${typeName(x)}`);
}

/** Apply a one-argument libm function with CPython's error checks. */
function math1(x: unknown, fn: (v: number) => number, canOverflow: boolean): number {
  const v = f(x);
  const r = fn(v);
  if (Number.isNaN(r) && !Number.isNaN(v)) throw domain();
  if (!Number.isFinite(r) && Number.isFinite(v) && !Number.isNaN(r)) {
    if (canOverflow) throw range();
    throw domain();
  }
  return r;
}

export function sqrt(x: unknown): number {
  if (isInt(x) && toBigInt(x) < 0n) throw domain();
  return math1(x, Math.sqrt, false);
}
export function exp(x: unknown): number {
  return math1(x, expCR, true);
}

/**
 * `exp` rounded correctly (glibc's exp, which CPython calls, is correctly rounded in all but
 * vanishingly rare cases; V8's Math.exp is off by one ulp for about 7% of arguments).
 * x = k*ln2 + r with r in double-double, exp(r) by its Taylor series in double-double, then
 * one rounding and the scaling by 2**k.
 */
export function expCR(x: number): number {
  if (!Number.isFinite(x)) return Math.exp(x);
  if (x > 709.8) return Number.POSITIVE_INFINITY;
  if (x < -745.2) return 0;
  if (x === 0) return 1;
  const k = Math.round(x / Math.LN2);
  // r = x - k*ln2 as rh + rl, with ln2 = 0.6931471805599453 + 2.3190468138462996e-17.
  const [p, pe] = dlMul(k, Math.LN2);
  const [dh, dl] = twoSum(x, -p);
  const [rh, rl] = twoSum(dh, dl - pe - k * 2.3190468138462996e-17);
  // exp(r) = sum of r**n / n!, terms and sum in double-double (inlined: no allocations).
  const SPLIT = 134217729;
  let c = SPLIT * rh;
  const rhh = c - (c - rh);
  const rhl = rh - rhh;
  let sh = 1;
  let sl = 0;
  let th = 1;
  let tl = 0;
  for (let n = 1; n < 40 && Math.abs(th) > 1e-40; n++) {
    // m = t * r (Dekker's exact product of the high parts, plus the cross terms)
    const m = th * rh;
    c = SPLIT * th;
    const thh = c - (c - th);
    const thl = th - thh;
    const me = thh * rhh - m + thh * rhl + thl * rhh + thl * rhl;
    let lo = me + th * rl + tl * rh;
    const mh = m + lo;
    const ml = lo - (mh - m);
    // t = m / n
    const q = mh / n;
    c = SPLIT * q;
    const qh = c - (c - q);
    const ql = q - qh;
    const qp = q * n;
    const qpe = qh * n - qp + ql * n; // n < 2**26: exact split of n itself
    lo = (mh - qp - qpe + ml) / n;
    th = q + lo;
    tl = lo - (th - q);
    // s += t
    const s1 = sh + th;
    const bb = s1 - sh;
    const s2 = sh - (s1 - bb) + (th - bb) + sl + tl;
    sh = s1 + s2;
    sl = s2 - (sh - s1);
  }
  const y = sh + sl;
  if (k > 1023) return y * 2 ** (k - 1) * 2;
  if (k < -1000) return y * 2 ** (k + 64) * 2 ** -64; // one rounding into the subnormals
  return y * 2 ** k;
}

/** a + b exactly, as the rounded sum and its error. */
function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}
export function exp2(x: unknown): number {
  return math1(x, (v) => 2 ** v, true);
}
export function expm1(x: unknown): number {
  return math1(x, Math.expm1, true);
}
export function sin(x: unknown): number {
  return math1(x, Math.sin, false);
}
export function cos(x: unknown): number {
  return math1(x, Math.cos, false);
}
export function tan(x: unknown): number {
  return math1(x, Math.tan, false);
}
export function asin(x: unknown): number {
  return math1(x, Math.asin, false);
}
export function acos(x: unknown): number {
  return math1(x, Math.acos, false);
}
export function atan(x: unknown): number {
  return math1(x, Math.atan, false);
}
export function sinh(x: unknown): number {
  return math1(x, Math.sinh, true);
}
export function cosh(x: unknown): number {
  return math1(x, Math.cosh, true);
}
export function tanh(x: unknown): number {
  return math1(x, Math.tanh, false);
}
export function asinh(x: unknown): number {
  return math1(x, Math.asinh, false);
}
export function acosh(x: unknown): number {
  return math1(x, Math.acosh, false);
}
export function atanh(x: unknown): number {
  const v = f(x);
  if (Math.abs(v) >= 1) throw domain();
  return Math.atanh(v);
}
export function atan2(y: unknown, x: unknown): number {
  return Math.atan2(f(y), f(x));
}
export function fabs(x: unknown): number {
  return Math.abs(f(x));
}
export function degrees(x: unknown): number {
  return f(x) * (180 / Math.PI);
}
export function radians(x: unknown): number {
  return f(x) * (Math.PI / 180);
}
// glibc's cube root (sysdeps/ieee754/dbl-64/s_cbrt.c), which CPython calls on Linux: a polynomial
// guess for the mantissa in [0.5, 1), one Halley step, then the exponent's third. It is not correctly
// rounded (cbrt(27) is 3.0000000000000004), and JS's Math.cbrt is, so we reproduce glibc's steps.
const CBRT_FACTOR = [
  1 / 1.5874010519681996,
  1 / 1.2599210498948732,
  1,
  1.2599210498948732,
  1.5874010519681996,
];
const CBRT_POLY = [
  -1.8346927748361308, 2.4469312256353444, -2.114994941673713, 1.508191937815849,
  0.35489576504391984,
];
export function cbrt(x: unknown): number {
  const v = f(x);
  if (v === 0 || !Number.isFinite(v)) return v + v;
  const [xm, xe] = frexpParts(Math.abs(v));
  // glibc's polynomial in Horner form, innermost term first (the same operations in the same order).
  let u = 0.7849323449766392 - 0.14526389938548637 * xm;
  for (const c of CBRT_POLY) u = c + u * xm;
  const t2 = u * u * u;
  const ym = ((u * (t2 + 2 * xm)) / (2 * t2 + xm)) * CBRT_FACTOR[2 + (xe % 3)];
  return (v > 0 ? ym : -ym) * 2 ** Math.trunc(xe / 3);
}

/**
 * CPython's loghelper for an int: `fn` of it as a float, or, when it is too large for a float,
 * `fn(m) + fn(2) * e` from its correctly rounded frexp `m * 2**e` (`_PyLong_Frexp`).
 */
function intLog(n: bigint, fn: (v: number) => number): number {
  if (n <= 0n) throw domain();
  const v = Number(n);
  if (Number.isFinite(v)) return fn(v);
  const bits = n.toString(2).length;
  const shift = BigInt(bits - 55);
  // The top 55 bits, the lowest one sticky, so Number() rounds to 53 bits as CPython does.
  let top = n >> shift;
  if ((n & ((1n << shift) - 1n)) !== 0n) top |= 1n;
  let m = Number(top) / 2 ** 55;
  let e = bits;
  if (m === 1) {
    m = 0.5;
    e++;
  }
  return fn(m) + fn(2) * e;
}

function logOf(x: unknown): number {
  if (isInt(x)) return intLog(toBigInt(x), Math.log);
  const v = f(x);
  if (Number.isNaN(v)) return v;
  if (v <= 0) throw domain();
  return Math.log(v);
}

/** `log(x[, base])`. */
export function log(x: unknown, base: unknown = undefined): number {
  const num = logOf(x);
  if (base === undefined) return num;
  const den = logOf(base);
  if (den === 0) throw new (require("../exceptions").ZeroDivisionError)("float division by zero");
  return num / den;
}
export function log2(x: unknown): number {
  if (isInt(x)) return intLog(toBigInt(x), Math.log2);
  logOf(x);
  return Math.log2(f(x));
}
export function log10(x: unknown): number {
  if (isInt(x)) return intLog(toBigInt(x), Math.log10);
  logOf(x);
  return Math.log10(f(x));
}
export function log1p(x: unknown): number {
  const v = f(x);
  if (v <= -1) throw domain();
  return Math.log1p(v);
}

/** `pow(x, y)` (always float, CPython's special cases). */
export function pow(x: unknown, y: unknown): number {
  const a = f(x);
  const b = f(y);
  if (a === 0 && b < 0 && Number.isFinite(b)) throw domain();
  if (a < 0 && Number.isFinite(a) && Number.isFinite(b) && !Number.isInteger(b)) throw domain();
  if (a === 1 || b === 0) return 1;
  const r = a ** b;
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw range();
  return r;
}

function toIntResult(x: unknown, what: "floor" | "ceil" | "trunc"): bigint {
  if (isInt(x)) return toBigInt(x);
  const dunder = (x as Record<string, unknown> | null)?.[`__${what}__`];
  if (typeof dunder === "function") return dunder.call(x) as bigint;
  const v = f(x);
  if (Number.isNaN(v)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(v)) throw new OverflowError("cannot convert float infinity to integer");
  return floatToInt(
    what === "floor" ? Math.floor(v) : what === "ceil" ? Math.ceil(v) : Math.trunc(v),
  );
}
export function floor(x: unknown): bigint {
  return toIntResult(x, "floor");
}
export function ceil(x: unknown): bigint {
  return toIntResult(x, "ceil");
}
export function trunc(x: unknown): bigint {
  if (!isNumber(x) && typeof (x as { __trunc__?: unknown } | null)?.__trunc__ !== "function") {
    throw new PyTypeError(`type ${typeName(x)} doesn't define __trunc__ method`);
  }
  return toIntResult(x, "trunc");
}

export function isfinite(x: unknown): boolean {
  return Number.isFinite(f(x));
}
export function isinf(x: unknown): boolean {
  const v = f(x);
  return v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY;
}
export function isnan(x: unknown): boolean {
  return Number.isNaN(f(x));
}

/** `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`. */
export function isclose(a: unknown, b: unknown, ...rest: unknown[]): boolean {
  const [, kws] = takeKw(rest);
  const x = f(a);
  const y = f(b);
  const rel = f(kws.rel_tol ?? 1e-9);
  const abs = f(kws.abs_tol ?? 0.0);
  if (rel < 0 || abs < 0) throw new ValueError("tolerances must be non-negative");
  if (x === y) return true;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
  const diff = Math.abs(y - x);
  return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
}

export function copysign(x: unknown, y: unknown): number {
  const a = Math.abs(f(x));
  const b = f(y);
  return signBit(b) ? -a : a;
}

export function fmod(x: unknown, y: unknown): number {
  const a = f(x);
  const b = f(y);
  if (Number.isFinite(a) && b === 0) throw domain();
  if (!Number.isFinite(a) && !Number.isNaN(a) && !Number.isNaN(b)) throw domain();
  if (!Number.isFinite(b) && !Number.isNaN(b) && Number.isFinite(a)) return a;
  return a % b;
}

export function remainder(x: unknown, y: unknown): number {
  const a = f(x);
  const b = f(y);
  if (b === 0 || !Number.isFinite(a)) {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    throw domain();
  }
  if (!Number.isFinite(b)) return a;
  const n = a / b;
  let r = Math.round(n);
  if (Math.abs(n - Math.trunc(n)) === 0.5) r = 2 * Math.round(n / 2);
  return a - r * b;
}

export function modf(x: unknown): unknown {
  const { Tuple } = require("../tuple");
  const v = f(x);
  if (!Number.isFinite(v)) {
    if (Number.isNaN(v)) return new Tuple([v, v]);
    return new Tuple([v > 0 ? 0.0 : -0.0, v]);
  }
  const ip = Math.trunc(v);
  const fp = v - ip;
  return new Tuple([fp === 0 && (v < 0 || Object.is(v, -0)) ? -0.0 : fp, ip]);
}

export function frexp(x: unknown): unknown {
  const { Tuple } = require("../tuple");
  const v = f(x);
  if (v === 0 || !Number.isFinite(v)) return new Tuple([v, 0n]);
  const [m, exp] = frexpParts(v);
  return new Tuple([m, BigInt(exp)]);
}

/** Mantissa (0.5 <= |m| < 1) and exponent of a finite nonzero double, exactly (subnormals too). */
function frexpParts(v: number): [number, number] {
  const sub = Math.abs(v) < 2 ** -1022 ? 54 : 0; // scale subnormals up so 2 ** -exp stays finite
  let m = v * 2 ** sub;
  let exp = Math.floor(Math.log2(Math.abs(m))) + 1;
  m *= 2 ** -exp;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    exp--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    exp++;
  }
  return [m, exp - sub];
}

export function ldexp(x: unknown, i: unknown): number {
  const v = f(x);
  if (!isInt(i)) throw new PyTypeError("Expected an int as second argument to ldexp.");
  const n = Number(toBigInt(i));
  if (v === 0 || !Number.isFinite(v)) return v;
  let r = v;
  let k = n;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  r *= 2 ** k;
  if (!Number.isFinite(r)) throw range();
  return r;
}

/** Exact product of two doubles as hi + lo (Dekker's algorithm; CPython uses fma). */
function dlMul(x: number, y: number): [number, number] {
  const hi = x * y;
  const split = (a: number): [number, number] => {
    const c = 134217729 * a; // 2**27 + 1
    const h = c - (c - a);
    return [h, a - h];
  };
  const [xh, xl] = split(x);
  const [yh, yl] = split(y);
  return [hi, xh * yh - hi + xh * yl + xl * yh + xl * yl];
}

/**
 * Euclidean norm of finite |values| whose largest is `max`, as CPython's
 * `vector_norm` (Modules/mathmodule.c) computes it: scale to [0.5, 1), sum the
 * squares with their rounding errors kept aside, then apply one differential
 * correction to the square root. The result is what CPython's hypot()/dist()
 * print, where JS Math.hypot can differ in the last digit.
 */
function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
  if (max === Number.POSITIVE_INFINITY) return max;
  if (foundNan) return Number.NaN;
  if (max === 0 || vec.length <= 1) return max;
  let maxE = Math.floor(Math.log2(max)) + 1;
  while (max * 2 ** -maxE >= 1) maxE++;
  while (max * 2 ** -maxE < 0.5) maxE--;
  if (maxE < -1023) {
    const dblMin = 2 ** -1022;
    return (
      dblMin *
      vectorNorm(
        vec.map((v) => v / dblMin),
        max / dblMin,
        foundNan,
      )
    );
  }
  const scale = 2 ** -maxE;
  let csum = 1.0;
  let frac1 = 0.0;
  let frac2 = 0.0;
  for (const v of vec) {
    const x = v * scale;
    const [hi, lo] = dlMul(x, x);
    const sum = csum + hi;
    frac2 += csum - sum + hi;
    csum = sum;
    frac1 += lo;
  }
  let h = Math.sqrt(csum - 1.0 + (frac1 + frac2));
  const [phi, plo] = dlMul(-h, h);
  const sum = csum + phi;
  frac2 += csum - sum + phi;
  csum = sum;
  frac1 += plo;
  const x = csum - 1.0 + (frac1 + frac2);
  h += x / (2.0 * h);
  return h / scale;
}

function norm(values: number[]): number {
  let max = 0;
  let foundNan = false;
  const abs = values.map((v) => {
    const a = Math.abs(v);
    foundNan ||= Number.isNaN(a);
    if (a > max) max = a;
    return a;
  });
  return vectorNorm(abs, max, foundNan);
}

export function hypot(...args: unknown[]): number {
  return norm(args.map(f));
}

export function dist(p: unknown, q: unknown): number {
  const a = [...iter(p)].map(f);
  const b = [...iter(q)].map(f);
  if (a.length !== b.length)
    throw new ValueError("both points must have the same number of dimensions");
  return norm(a.map((v, i) => v - b[i]!));
}

// ---------------------------------------------------------------- integer functions

function intArg(x: unknown): bigint {
  if (typeof x === "number")
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  return index(x);
}

function bigAbs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

export function gcd(...args: unknown[]): bigint {
  let g = 0n;
  for (const a of args) {
    let x = bigAbs(intArg(a));
    let y = g;
    while (x !== 0n) [x, y] = [y % x, x];
    g = y;
  }
  return g;
}

export function lcm(...args: unknown[]): bigint {
  if (args.length === 0) return 1n;
  let l = 1n;
  for (const a of args) {
    const x = bigAbs(intArg(a));
    if (x === 0n || l === 0n) {
      l = 0n;
      continue;
    }
    l = (l / gcd(l, x)) * x;
  }
  return l;
}

export function factorial(x: unknown): bigint {
  if (typeof x === "number")
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  const n = index(x);
  if (n < 0n) throw new ValueError("factorial() not defined for negative values");
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}

export function perm(nArg: unknown, kArg: unknown = null): bigint {
  const n = intArg(nArg);
  if (n < 0n) throw new ValueError("n must be a non-negative integer");
  if (kArg === null) return factorial(n);
  const k = intArg(kArg);
  if (k < 0n) throw new ValueError("k must be a non-negative integer");
  if (k > n) return 0n;
  let r = 1n;
  for (let i = n - k + 1n; i <= n; i++) r *= i;
  return r;
}

export function comb(nArg: unknown, kArg: unknown): bigint {
  const n = intArg(nArg);
  const k0 = intArg(kArg);
  if (n < 0n) throw new ValueError("n must be a non-negative integer");
  if (k0 < 0n) throw new ValueError("k must be a non-negative integer");
  if (k0 > n) return 0n;
  // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min only takes numbers)
  const k = k0 < n - k0 ? k0 : n - k0;
  let r = 1n;
  for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

export function isqrt(x: unknown): bigint {
  const n = intArg(x);
  if (n < 0n) throw new ValueError("isqrt() argument must be nonnegative");
  if (n < 2n) return n;
  // A first guess above the root (a float's square root, or 2**ceil(bits/2) past float range),
  // then Newton steps down to the exact floor.
  const approx = Math.sqrt(Number(n));
  let r = Number.isFinite(approx)
    ? BigInt(Math.floor(approx))
    : 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const next = (r + n / r) >> 1n;
    if (next >= r) break;
    r = next;
  }
  while (r * r > n) r--;
  while ((r + 1n) * (r + 1n) <= n) r++;
  return r;
}

/** `prod(iterable, *, start=1)`. */
export function prod(iterable: unknown, ...rest: unknown[]): unknown {
  const [, kws] = takeKw(rest);
  let acc: unknown = kws.start ?? 1n;
  for (const v of iter(iterable)) acc = mul(acc, v);
  return acc;
}

/** `fsum(iterable)`: exactly rounded sum (Shewchuk's algorithm, as CPython). */
export function fsum(iterable: unknown): number {
  const partials: number[] = [];
  let specialSum = 0;
  let infSum = 0;
  for (const item of iter(iterable)) {
    let x = f(item);
    if (!Number.isFinite(x)) {
      if (!Number.isNaN(x)) infSum += x;
      specialSum += x;
      continue;
    }
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  if (specialSum !== 0) {
    if (Number.isNaN(infSum)) throw new ValueError("-inf + inf in fsum");
    return specialSum;
  }
  // sum the partials from the top, with CPython's half-even correction
  let n = partials.length;
  let hi = 0;
  if (n > 0) {
    hi = partials[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

/** `math.sumprod(p, q)`. */
export function sumprod(p: unknown, q: unknown): unknown {
  const a = [...iter(p)];
  const b = [...iter(q)];
  if (a.length !== b.length) throw new ValueError("Inputs are not the same length");
  const { add } = require("../operators");
  let acc: unknown = 0n;
  for (let i = 0; i < a.length; i++) acc = add(acc, mul(a[i], b[i]));
  return acc;
}

export function nextafter(x: unknown, y: unknown): number {
  const a = f(x);
  const b = f(y);
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === b) return b;
  if (a === 0) return b > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  let bits = buf.getBigUint64(0);
  bits += b > a === a > 0 ? 1n : -1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

export function ulp(x: unknown): number {
  const v = Math.abs(f(x));
  if (Number.isNaN(v) || !Number.isFinite(v)) return v;
  const n = nextafter(v, Number.POSITIVE_INFINITY);
  if (!Number.isFinite(n)) return v - nextafter(v, 0);
  return n - v;
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("math", [
  sqrt,
  exp,
  exp2,
  expm1,
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  tanh,
  asinh,
  acosh,
  atanh,
  atan2,
  fabs,
  degrees,
  radians,
  cbrt,
  log,
  log2,
  log10,
  log1p,
  pow,
  floor,
  ceil,
  trunc,
  isfinite,
  isinf,
  isnan,
  isclose,
  copysign,
  fmod,
  remainder,
  modf,
  frexp,
  ldexp,
  hypot,
  erf,
  erfc,
  dist,
  gcd,
  lcm,
  factorial,
  perm,
  comb,
  isqrt,
  prod,
  fsum,
  sumprod,
  nextafter,
  ulp,
]);

// ---------------------------------------------------------------- erf, erfc

/*
 * CPython's math.erf/erfc call the C library's; glibc's are Sun's fdlibm rational
 * approximations (s_erf.c). This evaluates the same approximations with the same constants
 * so that results match to the last bit wherever exp() agrees with glibc's.
 */
const ERX = 0.8450629115104675;
const EFX = 0.1283791670955126;
const PP = [
  0.12837916709551256, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442,
  -2.3763016656650163e-5,
];
const QQ = [
  1, 0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164,
  -3.960228278775368e-6,
];
const PA = [
  -0.0023621185607526594, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175,
  -0.11089469428239668, 0.035478304325618236, -0.002166375594868791,
];
const QA = [
  1, 0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164,
  0.01363708391202905, 0.011984499846799107,
];
const RA = [
  -0.009864944034847148, -0.6938585727071818, -10.558626225323291, -62.375332450326006,
  -162.39666946257347, -184.60509290671104, -81.2874355063066, -9.814329344169145,
];
const SA = [
  1, 19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679,
  429.00814002756783, 108.63500554177944, 6.570249770319282, -0.0604244152148581,
];
const RB = [
  -0.0098649429247001, -0.799283237680523, -17.757954917754752, -160.63638485582192,
  -637.5664433683896, -1025.0951316110772, -483.5191916086514,
];
const SB = [
  1, 30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955,
  2553.0504064331644, 474.52854120695537, -22.44095244658582,
];

/**
 * glibc's evaluation order of these polynomials (not plain Horner): coefficient pairs
 * `c[2k] + z*c[2k+1]`, summed left to right with the even powers z^2, z^4, z^6 = z^4*z^2,
 * z^8 = z^4*z^4 (a trailing single coefficient takes the next power).
 */
function poly(c: readonly number[], z: number): number {
  const z2 = z * z;
  const z4 = z2 * z2;
  const powers = [1, z2, z4, z4 * z2, z4 * z4];
  let acc = 0;
  for (let i = 0, k = 0; i < c.length; i += 2, k++) {
    const term = i + 1 < c.length ? c[i]! + z * c[i + 1]! : c[i]!;
    acc = k === 0 ? term : acc + powers[k]! * term;
  }
  return acc;
}

/** `exp(-x*x - 0.5625 + R/S) / x` for x >= 1.25, splitting x*x exactly as fdlibm does. */
function erfcTail(x: number, split: number): number {
  const s = 1 / (x * x);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  // Which approximation: fdlibm compares the high word with 1/0.35's (erf and erfc differ by one).
  const near = buf.getUint32(0) < split;
  const [r, q] = near ? [poly(RA, s), poly(SA, s)] : [poly(RB, s), poly(SB, s)];
  buf.setUint32(4, 0); // x with its low 32 bits cleared
  const z = buf.getFloat64(0);
  return (expCR(-z * z - 0.5625) * expCR((z - x) * (z + x) + r / q)) / x;
}

export function erf(x: unknown): number {
  const v = f(x);
  if (Number.isNaN(v)) return v;
  const a = Math.abs(v);
  if (a < 0.84375) {
    if (a < 2 ** -28) {
      if (a < 2 ** -1015) return 0.0625 * (16.0 * v + 16.0 * EFX * v); // no underflow
      return v + EFX * v;
    }
    const z = v * v;
    return v + v * (poly(PP, z) / poly(QQ, z));
  }
  if (a < 1.25) {
    const s = a - 1;
    const pq = poly(PA, s) / poly(QA, s);
    return v >= 0 ? ERX + pq : -ERX - pq;
  }
  if (a >= 6) return v >= 0 ? 1 - 1e-300 : 1e-300 - 1;
  const r = erfcTail(a, 0x4006db6e);
  return v >= 0 ? 1 - r : r - 1;
}

export function erfc(x: unknown): number {
  const v = f(x);
  if (Number.isNaN(v)) return v;
  const a = Math.abs(v);
  if (a < 0.84375) {
    if (a < 2 ** -56) return 1 - v;
    const z = v * v;
    const y = poly(PP, z) / poly(QQ, z);
    if (v < 0.25) return 1 - (v + v * y);
    return 0.5 - (v * y + (v - 0.5));
  }
  if (a < 1.25) {
    const s = a - 1;
    const pq = poly(PA, s) / poly(QA, s);
    return v >= 0 ? 1 - ERX - pq : 1 + (ERX + pq);
  }
  if (a < 28) {
    if (v <= -6) return 2 - 1e-300;
    const r = erfcTail(a, 0x4006db6d);
    return v > 0 ? r : 2 - r;
  }
  return v > 0 ? 0 : 2;
}
