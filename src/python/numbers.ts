/**
 * Python's numeric tower on JS values: `int` is `bigint` (and `bool`, a subclass of int, is
 * `boolean`), `float` is `number`.
 *
 * Arithmetic follows CPython exactly: `//` and `%` floor toward negative infinity and take the
 * divisor's sign, `/` of two ints is correctly rounded even for huge ints, `int ** negative int`
 * is a float, int/float mixing converts the int with OverflowError when it is too large, and the
 * error messages are CPython's. Operators on other values go through the dunder protocol (see
 * operators.ts); this module only knows numbers.
 *
 * Differences from CPython: `float ** float` with a non-integral exponent uses JS `Math.pow`,
 * which can differ from C's `pow` in the last bit (integral exponents and `** 0.5` are exact);
 * results that would be complex numbers raise `ValueError` (no complex type).
 */

import {
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
  ZeroDivisionError,
} from "./exceptions";
import { decomposeFloat } from "./hash";
import { typeName } from "./types";

const SIGN_VIEW = new DataView(new ArrayBuffer(8));

/** C's `signbit`: whether the sign bit of `x` is set, also for -0.0 and a NaN. */
export function signBit(x: number): boolean {
  SIGN_VIEW.setFloat64(0, x);
  return SIGN_VIEW.getUint8(0) >= 0x80;
}

/** The quiet NaN with the sign bit set that `float("-nan")` makes (JS keeps a NaN's sign). */
export const NEGATIVE_NAN: number = (() => {
  SIGN_VIEW.setUint32(0, 0xfff80000);
  SIGN_VIEW.setUint32(4, 0);
  return SIGN_VIEW.getFloat64(0);
})();

/** True for Python ints: `bigint` and `boolean`. */
export function isInt(x: unknown): x is bigint | boolean {
  return typeof x === "bigint" || typeof x === "boolean";
}

/** True for int, bool and float. */
export function isNumber(x: unknown): x is bigint | boolean | number {
  const t = typeof x;
  return t === "bigint" || t === "number" || t === "boolean";
}

/** An int or bool as a bigint. */
export function toBigInt(x: bigint | boolean): bigint {
  return typeof x === "boolean" ? (x ? 1n : 0n) : x;
}

export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  return n.toString(2).length;
}

/** int -> float, raising `OverflowError: int too large to convert to float`. */
export function intToFloat(n: bigint | boolean): number {
  const f = Number(toBigInt(n));
  if (!Number.isFinite(f)) throw new OverflowError("int too large to convert to float");
  return f;
}

/** Coerce an int/bool/float to a float (for mixed arithmetic). */
export function toFloat(x: bigint | boolean | number): number {
  return typeof x === "number" ? x : intToFloat(x);
}

/** num/den (den > 0) correctly rounded to a double, ties to even; Infinity on overflow. */
export function ratioToFloat(num: bigint, den: bigint): number {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  if (num === 0n) return 0;
  const neg = num < 0n;
  if (neg) num = -num;
  const s = 55 - (bitLength(num) - bitLength(den));
  let q: bigint;
  let r: bigint;
  if (s >= 0) {
    const n2 = num << BigInt(s);
    q = n2 / den;
    r = n2 % den;
  } else {
    const d2 = den << BigInt(-s);
    q = num / d2;
    r = num % d2;
  }
  let drop = bitLength(q) - 53;
  if (drop - s < -1074) drop = -1074 + s;
  let m = q >> BigInt(drop);
  const rem = q & ((1n << BigInt(drop)) - 1n);
  const half = 1n << BigInt(drop - 1);
  if (rem > half || (rem === half && (r !== 0n || (m & 1n) === 1n))) m += 1n;
  const e = drop - s;
  // Split the scaling so that 2**e never overflows/underflows on its own.
  let v = Number(m);
  if (e > 1000) v = v * 2 ** 1000 * 2 ** (e - 1000);
  else if (e < -1000) v = v * 2 ** -1000 * 2 ** (e + 1000);
  else v = v * 2 ** e;
  return neg ? -v : v;
}

/** Exact float -> int (truncating), with CPython's errors for inf and nan. */
export function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert float infinity to integer");
  return BigInt(Math.trunc(x));
}

const SAFE = 2n ** 53n;

/** int / int -> float, correctly rounded. */
export function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new ZeroDivisionError("division by zero");
  if (a > -SAFE && a < SAFE && b > -SAFE && b < SAFE) return Number(a) / Number(b);
  const r = ratioToFloat(a, b);
  if (!Number.isFinite(r)) throw new OverflowError("integer division result too large for a float");
  return r;
}

export function intFloorDiv(a: bigint, b: bigint): bigint {
  // Both not negative (the usual case): JS's truncating division floors, no remainder to make.
  if (a >= 0n && b > 0n) return a / b;
  if (b === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  const q = a / b;
  if (a % b !== 0n && a < 0n !== b < 0n) return q - 1n;
  return q;
}

export function intMod(a: bigint, b: bigint): bigint {
  // A positive modulus (the usual case): two comparisons, where the general rule takes four.
  if (b > 0n) {
    const r = a % b;
    return r < 0n ? r + b : r;
  }
  if (b === 0n) throw new ZeroDivisionError("integer modulo by zero");
  const r = a % b;
  if (r !== 0n && r < 0n !== b < 0n) return r + b;
  return r;
}

/** CPython's float divmod: [floor quotient, remainder]. */
export function floatDivmod(vx: number, wx: number, what = "float divmod()"): [number, number] {
  if (wx === 0) throw new ZeroDivisionError(what);
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  // C's truth tests: NaN (from an infinite vx) counts as nonzero, unlike JS's.
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = Math.sign(wx) < 0 || Object.is(wx, -0) ? -0.0 : 0.0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    const q = vx / wx;
    floordiv = q < 0 || Object.is(q, -0) ? -0.0 : 0.0;
  }
  return [floordiv, mod];
}

export function floatMod(vx: number, wx: number): number {
  if (wx === 0) throw new ZeroDivisionError("float modulo by zero");
  let mod = vx % wx;
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) mod += wx;
  } else {
    mod = wx < 0 ? -0.0 : 0.0;
  }
  return mod;
}

export function floatFloorDiv(vx: number, wx: number): number {
  if (wx === 0) throw new ZeroDivisionError("float floor division by zero");
  return floatDivmod(vx, wx)[0];
}

export function floatTrueDiv(vx: number, wx: number): number {
  if (wx === 0) throw new ZeroDivisionError("float division by zero");
  return vx / wx;
}

/** Largest |exponent| computed exactly with BigInt in `floatPow`. */
const EXACT_POW_MAX_EXP = 1100;

/** CPython's float_pow (special cases, errors) with exact results for integral exponents. */
export function floatPow(iv: number, iw: number): number {
  if (iw === 0) return 1.0;
  if (Number.isNaN(iv)) return iw === 0 ? 1.0 : iv;
  if (Number.isNaN(iw)) return iv === 1.0 ? 1.0 : iw;
  if (!Number.isFinite(iw)) {
    iv = Math.abs(iv);
    if (iv === 1.0) return 1.0;
    if (iw > 0 === iv > 1.0) return Math.abs(iw);
    return 0.0;
  }
  if (!Number.isFinite(iv)) {
    const iwIsOdd = Number.isInteger(iw) && Math.abs(iw % 2) === 1;
    if (iw > 0) return iwIsOdd ? iv : Math.abs(iv);
    return iwIsOdd ? (iv > 0 ? 0.0 : -0.0) : 0.0;
  }
  if (iv === 0.0) {
    const iwIsOdd = Number.isInteger(iw) && Math.abs(iw % 2) === 1;
    if (iw < 0) throw new ZeroDivisionError("0.0 cannot be raised to a negative power");
    return iwIsOdd ? iv : 0.0;
  }
  let negateResult = false;
  if (iv < 0.0) {
    if (!Number.isInteger(iw)) {
      throw new ValueError(
        "complex numbers are not supported (negative number to a fractional power)",
      );
    }
    iv = -iv;
    negateResult = Math.abs(iw % 2) === 1;
  }
  if (iv === 1.0) return negateResult ? -1.0 : 1.0;
  let ix: number;
  if (Number.isInteger(iw) && Math.abs(iw) <= EXACT_POW_MAX_EXP) {
    const [mant, exp] = decomposeFloat(iv);
    const k = Math.abs(iw);
    const num = mant ** BigInt(k);
    const e2 = exp * k;
    let n: bigint;
    let d: bigint;
    if (iw > 0) {
      n = e2 >= 0 ? num << BigInt(e2) : num;
      d = e2 >= 0 ? 1n : 1n << BigInt(-e2);
    } else {
      n = e2 >= 0 ? 1n : 1n << BigInt(-e2);
      d = e2 >= 0 ? num << BigInt(e2) : num;
    }
    ix = ratioToFloat(n, d);
  } else if (iw === 0.5) {
    ix = Math.sqrt(iv);
  } else {
    ix = iv ** iw;
  }
  if (!Number.isFinite(ix)) throw new OverflowError(34n, "Numerical result out of range");
  return negateResult ? -ix : ix;
}

/** int ** int: an int for a non-negative exponent, else a float. */
export function intPow(a: bigint, b: bigint): bigint | number {
  if (b >= 0n) return a ** b;
  if (a === 0n) throw new ZeroDivisionError("0.0 cannot be raised to a negative power");
  return floatPow(intToFloat(a), intToFloat(b));
}

/** Three-argument `pow(base, exp, mod)` for ints. */
export function intPowMod(base: bigint, exp: bigint, mod: bigint): bigint {
  if (mod === 0n) throw new ValueError("pow() 3rd argument cannot be 0");
  if (exp < 0n) {
    const inv = modInverse(intMod(base, mod), mod);
    if (inv === null) throw new ValueError("base is not invertible for the given modulus");
    base = inv;
    exp = -exp;
  }
  const m = mod < 0n ? -mod : mod;
  let result = 1n % m;
  let b = intMod(base, m);
  while (exp > 0n) {
    if (exp & 1n) result = (result * b) % m;
    b = (b * b) % m;
    exp >>= 1n;
  }
  if (mod < 0n && result !== 0n) result += mod;
  return result;
}

function modInverse(a: bigint, m: bigint): bigint | null {
  const mm = m < 0n ? -m : m;
  let [oldR, r] = [intMod(a, mm), mm];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return null;
  return intMod(oldS, mm);
}

/** `operator.index(x)`: ints (and bools) or objects with `__index__`. */
export function index(x: unknown): bigint {
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  const f = (x as { __index__?: () => unknown } | null)?.__index__;
  if (typeof f === "function") {
    const r = f.call(x);
    if (typeof r === "bigint") return r;
    if (typeof r === "boolean") return r ? 1n : 0n;
    throw new PyTypeError(`__index__ returned non-int (type ${typeName(r)})`);
  }
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIG = BigInt(Number.MIN_SAFE_INTEGER);

/** `index(x)` as a JS number (for lengths and positions), saturating huge values. */
export function indexNumber(x: unknown): number {
  // Fast path: an int in the safe range (the usual case) converts directly.
  if (typeof x === "bigint" && x <= MAX_SAFE_BIG && x >= MIN_SAFE_BIG) return Number(x);
  const n = index(x);
  if (n > MAX_SAFE_BIG) return Number.MAX_SAFE_INTEGER;
  if (n < MIN_SAFE_BIG) return Number.MIN_SAFE_INTEGER;
  return Number(n);
}

/** Round |x| / 10**k half to even (k > 0) for int round() with negative ndigits. */
export function roundIntNegative(n: bigint, ndigits: bigint): bigint {
  const p = 10n ** -ndigits;
  const q = intFloorDiv(n, p);
  const r = n - q * p;
  const twice = r * 2n;
  let qq = q;
  if (twice > p || (twice === p && (q & 1n) === 1n)) qq += 1n;
  return qq * p;
}

/** `round(x)` for a float: the nearest int, ties to even. */
export function roundFloatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert float infinity to integer");
  let r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) r = 2 * Math.round(x / 2);
  return BigInt(r);
}
