/**
 * Float to text exactly as CPython does it.
 *
 * `floatRepr` is Python's `repr(float)`: the shortest string that round-trips (JS's
 * `Number#toExponential()` without an argument gives the same shortest digits), laid out with
 * Python's rules: fixed notation when the decimal exponent is in [-4, 16), `.0` appended to
 * integral values, exponents with a sign and at least two digits (`1e+16`, `1e-05`).
 *
 * `formatFloatFixed`/`formatFloatExp`/`formatFloatGeneral` implement the `f`, `e` and `g`
 * presentation types with *exact* decimal expansion of the binary value and round-half-even on
 * exact ties, as CPython's dtoa does (`'%.0f' % 2.5 == '2'`; JS's `toFixed` rounds ties up).
 */

import { decomposeFloat } from "./hash";

/** Python's `repr(x)` for a float. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [digits, exp] = shortestDigits(x);
  const sign = x < 0 ? "-" : "";
  return sign + layoutRepr(digits, exp);
}

/** Shortest round-trip decimal digits of |x| and the decimal exponent of the first digit. */
export function shortestDigits(x: number): [string, number] {
  const s = Math.abs(x).toExponential();
  const e = s.indexOf("e");
  const digits = s.slice(0, e).replace(".", "");
  return [digits, Number.parseInt(s.slice(e + 1), 10)];
}

function expSuffix(exp: number): string {
  const sign = exp < 0 ? "-" : "+";
  const a = Math.abs(exp);
  return `e${sign}${a < 10 ? "0" : ""}${a}`;
}

/** Lay out shortest digits as repr does (threshold 16, `.0` added). */
export function layoutRepr(digits: string, exp: number, addDot0 = true, expThreshold = 16): string {
  if (exp < -4 || exp >= expThreshold) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return mant + expSuffix(exp);
  }
  return layoutFixed(digits, exp, addDot0);
}

function layoutFixed(digits: string, exp: number, addDot0: boolean): string {
  if (exp < 0) return `0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) {
    const intPart = digits + "0".repeat(exp + 1 - digits.length);
    return addDot0 ? `${intPart}.0` : intPart;
  }
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** |x| as an exact fraction num/den (den a power of two). */
function toRational(x: number): [bigint, bigint] {
  const [mant, exp] = decomposeFloat(Math.abs(x));
  const m = mant < 0n ? -mant : mant;
  if (exp >= 0) return [m << BigInt(exp), 1n];
  return [m, 1n << BigInt(-exp)];
}

/** Round num/den to an integer, ties to even. */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num - q * den;
  const twice = r * 2n;
  if (twice > den || (twice === den && q % 2n === 1n)) return q + 1n;
  return q;
}

const pow10cache: bigint[] = [1n];
function pow10(n: number): bigint {
  for (let i = pow10cache.length; i <= n; i++) pow10cache.push(pow10cache[i - 1] * 10n);
  return pow10cache[n];
}

/** Digits of |x| rounded to `prec` decimals (no sign), e.g. `"3.14"`. x finite. */
export function formatFloatFixed(x: number, prec: number): string {
  const [num, den] = toRational(x);
  const q = roundHalfEven(num * pow10(prec), den).toString();
  if (prec === 0) return q;
  const padded = q.padStart(prec + 1, "0");
  return `${padded.slice(0, padded.length - prec)}.${padded.slice(padded.length - prec)}`;
}

/** |x| rounded to prec+1 significant digits: [digits (length prec+1), decimal exponent]. */
export function roundSignificant(x: number, prec: number): [string, number] {
  if (x === 0) return ["0".repeat(prec + 1), 0];
  const [num, den] = toRational(x);
  let e10 = Math.floor(Math.log10(Math.abs(x)));
  // Correct the estimate so that 10**e10 <= |x| < 10**(e10+1).
  for (;;) {
    const [lo, hi] = scaleCompare(num, den, e10);
    if (lo < 0) e10 -= 1;
    else if (hi >= 0) e10 += 1;
    else break;
  }
  const shift = prec - e10;
  let q: bigint;
  if (shift >= 0) q = roundHalfEven(num * pow10(shift), den);
  else q = roundHalfEven(num, den * pow10(-shift));
  let digits = q.toString();
  if (digits.length > prec + 1) {
    e10 += 1;
    digits = digits.slice(0, prec + 1);
  }
  return [digits, e10];
}

/** Compare num/den with 10**e (lo) and 10**(e+1) (hi): each -1, 0 or 1. */
function scaleCompare(num: bigint, den: bigint, e: number): [number, number] {
  const cmp = (k: number) => {
    const a = k >= 0 ? num : num * pow10(-k);
    const b = k >= 0 ? den * pow10(k) : den;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return [cmp(e), cmp(e + 1)];
}

/** `e` presentation of |x|: `"1.234560e+03"`. */
export function formatFloatExp(x: number, prec: number, alt = false, upper = false): string {
  const [digits, e10] = roundSignificant(x, prec);
  let mant = digits[0];
  if (prec > 0) mant += `.${digits.slice(1)}`;
  else if (alt) mant += ".";
  const s = mant + expSuffix(e10);
  return upper ? s.toUpperCase() : s;
}

/**
 * `g` presentation of |x| with precision `prec` (0 means 1), as CPython's format_float_short:
 * `alt` keeps trailing zeros (and the point); `addDot0` is for the empty presentation type with
 * a precision, which switches to exponent notation one digit earlier and keeps a `.0` on
 * integral values (`format(12.0, ".3")` is `'12.0'`, `format(0.0, ".1")` is `'0e+00'`).
 */
export function formatFloatGeneral(
  x: number,
  prec: number,
  alt = false,
  upper = false,
  addDot0 = false,
): string {
  if (prec === 0) prec = 1;
  // dtoa gives "0" with decpt 1 for zero
  let [digits, e10] = x === 0 ? ["0", 0] : roundSignificant(x, prec - 1);
  digits = digits.replace(/0+$/, "") || "0";
  const decpt = e10 + 1;
  const useExp = decpt <= -4 || decpt > (addDot0 ? prec - 1 : prec);
  if (alt) digits = digits.padEnd(prec, "0");
  let out: string;
  if (useExp) {
    out = digits[0];
    if (digits.length > 1) out += `.${digits.slice(1)}`;
    else if (alt) out += ".";
    out += expSuffix(e10);
  } else if (decpt <= 0) {
    out = `0.${"0".repeat(-decpt)}${digits}`;
  } else if (digits.length > decpt) {
    out = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  } else {
    out = digits + "0".repeat(decpt - digits.length);
    if (alt) out += ".";
    else if (addDot0) out += ".0";
  }
  return upper ? out.toUpperCase() : out;
}
