/**
 * Python's `fractions`: `Fraction`, exact rational numbers, with CPython 3.13's behaviour
 * (`Lib/fractions.py`, which is pure Python: its algorithms and messages are mirrored here).
 *
 * A Fraction holds two bigints in lowest terms with a positive denominator. Arithmetic with ints
 * and Fractions is exact; mixed with a float it converts to float first and gives a float (as
 * `_operator_fallbacks` does); anything else is NotImplemented, so the runtime's operators raise
 * CPython's TypeError. The hash is Python's numeric hash (modulo 2**61 - 1), so `Fraction(1, 2)`
 * and `0.5` are the same dict key. `format()` supports the general form (fill, align, sign, `#`,
 * width, `,`/`_`) and the float presentation types `e E f F g G %`, with `_round_to_exponent` and
 * `_round_to_figures`' round-half-even on the exact value.
 *
 * Differences from CPython: no `numbers` ABCs (Fraction is not registered as `numbers.Rational`,
 * and only ints, bools, floats, Fractions and Decimals are recognised as operands); no complex
 * numbers; the string parser's `\s` and `\d` are ASCII/JS ones.
 */

import { TypeError as PyTypeError, ValueError, ZeroDivisionError } from "../exceptions";
import { hashInt } from "../hash";
import { tooManyMessage } from "../lang";
import { intFloorDiv, intTrueDiv, isInt, toBigInt } from "../numbers";
import { NotImplemented } from "../objects";
import * as ops from "../operators";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { floatRatio, gcd, numberKey } from "./_rational";
import { bindArgs, libraryClass, takeKw } from "./types";

const MODULUS = (1n << 61n) - 1n;
const HASH_INF = 314159n;

function absBig(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** Python's `pow(d, -1, m)`, or null when there is no inverse. */
function modInverse(d: bigint, m: bigint): bigint | null {
  let [r0, r1] = [((d % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) return null;
  return ((s0 % m) + m) % m;
}

/** CPython's numeric hash of the rational n/d (d > 0): `_hash_algorithm`. */
function hashRational(n: bigint, d: bigint): bigint {
  const dinv = modInverse(d, MODULUS);
  const h = dinv === null ? HASH_INF : hashInt(hashInt(absBig(n)) * dinv);
  const result = n >= 0n ? h : -h;
  return result === -1n ? -2n : result;
}

/** A value with `as_integer_ratio` of its own (a Decimal), recognised without importing it. */
interface RatioSource {
  as_integer_ratio(): Tuple;
  __decimal__?: true;
}

function isDecimal(x: unknown): x is RatioSource {
  return typeof x === "object" && x !== null && (x as RatioSource).__decimal__ === true;
}

const RATIONAL_FORMAT =
  /^\s*([-+]?)(?=\d|\.\d)(\d*|\d+(?:_\d+)*)(?:(?:\s*\/\s*(\d+(?:_\d+)*))?|(?:\.(\d*|\d+(?:_\d+)*))?(?:E([-+]?\d+(?:_\d+)*))?)\s*$/i;

function digitsInt(s: string): bigint {
  return BigInt(s.replace(/_/g, ""));
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `Fraction.__new__(cls, numerator=0, denominator=None)`'s binding, with Python's errors. */
function newArgs(args: unknown[]): [unknown, unknown] {
  const [pos, kws] = takeKw(args);
  const q = "Fraction.__new__";
  if (pos.length > 2) throw new PyTypeError(tooManyMessage(q, 1, 3, pos.length + 1));
  const out: unknown[] = [...pos];
  for (const [k, v] of Object.entries(kws)) {
    const i = ["numerator", "denominator"].indexOf(k);
    if (i < 0) throw new PyTypeError(`${q}() got an unexpected keyword argument '${k}'`);
    if (i < pos.length) throw new PyTypeError(`${q}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  return [out[0] === undefined ? 0n : out[0], out[1] === undefined ? null : out[1]];
}

class FractionImpl {
  declare _numerator: bigint;
  declare _denominator: bigint;

  constructor(...args: unknown[]) {
    let [numerator, denominator] = newArgs(args);
    if (denominator === null || denominator === undefined) {
      if (typeof numerator === "bigint" || typeof numerator === "boolean") {
        this._numerator = toBigInt(numerator);
        this._denominator = 1n;
        return;
      }
      if (numerator instanceof FractionImpl) {
        this._numerator = numerator._numerator;
        this._denominator = numerator._denominator;
        return;
      }
      if (typeof numerator === "number") {
        [this._numerator, this._denominator] = floatRatio(numerator);
        return;
      }
      if (isDecimal(numerator)) {
        const t = numerator.as_integer_ratio();
        this._numerator = t.items[0] as bigint;
        this._denominator = t.items[1] as bigint;
        return;
      }
      if (typeof numerator === "string") {
        const m = RATIONAL_FORMAT.exec(numerator);
        if (m === null) throw new ValueError(`Invalid literal for Fraction: ${repr(numerator)}`);
        let n = m[2] ? digitsInt(m[2]) : 0n;
        let d: bigint;
        if (m[3]) d = digitsInt(m[3]);
        else {
          d = 1n;
          if (m[4]) {
            const dec = m[4].replace(/_/g, "");
            const scale = pow10(dec.length);
            n = n * scale + BigInt(dec);
            d *= scale;
          }
          if (m[5]) {
            const e = Number(digitsInt(m[5]));
            if (e >= 0) n *= pow10(e);
            else d *= pow10(-e);
          }
        }
        if (m[1] === "-") n = -n;
        numerator = n;
        denominator = d;
      } else {
        throw new PyTypeError("argument should be a string or a Rational instance");
      }
    } else if (isRational(numerator) && isRational(denominator)) {
      const [na, da] = ratio(numerator);
      const [nb, db] = ratio(denominator);
      numerator = na * db;
      denominator = nb * da;
    } else {
      throw new PyTypeError("both arguments should be Rational instances");
    }
    const n = numerator as bigint;
    const d = denominator as bigint;
    if (d === 0n) throw new ZeroDivisionError(`Fraction(${n}, 0)`);
    let g = gcd(n, d);
    if (d < 0n) g = -g;
    this._numerator = n / g;
    this._denominator = d / g;
  }

  static from_float(f: unknown): FractionImpl {
    if (isInt(f)) return new FractionImpl(toBigInt(f));
    if (typeof f !== "number")
      throw new PyTypeError(
        `Fraction.from_float() only takes floats, not ${repr(f)} (${typeName(f)})`,
      );
    const [n, d] = floatRatio(f);
    return make(n, d);
  }

  static from_decimal(dec: unknown): FractionImpl {
    if (isInt(dec)) return new FractionImpl(toBigInt(dec));
    if (!isDecimal(dec))
      throw new PyTypeError(
        `Fraction.from_decimal() only takes Decimals, not ${repr(dec)} (${typeName(dec)})`,
      );
    const t = dec.as_integer_ratio();
    return make(t.items[0] as bigint, t.items[1] as bigint);
  }

  get numerator(): bigint {
    return this._numerator;
  }
  get denominator(): bigint {
    return this._denominator;
  }
  /** `numbers.Real`'s `real` (`+self`), `imag` (0) and `conjugate()` (`+self`). */
  get real(): FractionImpl {
    return this.__pos__();
  }
  get imag(): bigint {
    return 0n;
  }
  conjugate(): FractionImpl {
    return this.__pos__();
  }

  is_integer(): boolean {
    return this._denominator === 1n;
  }

  as_integer_ratio(): Tuple {
    return new Tuple([this._numerator, this._denominator]);
  }

  limit_denominator(...args: unknown[]): FractionImpl {
    const [maxArg] = bindArgs("limit_denominator", args, ["max_denominator"], [1000000n]);
    if (!isInt(maxArg)) throw new PyTypeError("max_denominator must be an int");
    const maxDen = toBigInt(maxArg);
    if (maxDen < 1n) throw new ValueError("max_denominator should be at least 1");
    if (this._denominator <= maxDen) return make(this._numerator, this._denominator);
    let [p0, q0, p1, q1] = [0n, 1n, 1n, 0n];
    let [n, d] = [this._numerator, this._denominator];
    for (;;) {
      const a = intFloorDiv(n, d);
      const q2 = q0 + a * q1;
      if (q2 > maxDen) break;
      [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q2];
      [n, d] = [d, n - a * d];
    }
    const k = intFloorDiv(maxDen - q0, q1);
    if (2n * d * (q0 + k * q1) <= this._denominator) return make(p1, q1);
    return make(p0 + k * p1, q0 + k * q1);
  }

  __repr__(): string {
    return `${typeName(this)}(${this._numerator}, ${this._denominator})`;
  }

  __str__(): string {
    return this._denominator === 1n
      ? `${this._numerator}`
      : `${this._numerator}/${this._denominator}`;
  }

  __format__(spec: unknown): string {
    if (typeof spec !== "string")
      throw new PyTypeError(`__format__() argument must be str, not ${typeName(spec)}`);
    return formatFraction(this._numerator, this._denominator, spec, typeName(this));
  }

  // ---- arithmetic

  __add__(b: unknown): unknown {
    return forward(this, b, addF, ops.add);
  }
  __radd__(a: unknown): unknown {
    return reverse(this, a, addF, ops.add);
  }
  __sub__(b: unknown): unknown {
    return forward(this, b, subF, ops.sub);
  }
  __rsub__(a: unknown): unknown {
    return reverse(this, a, subF, ops.sub);
  }
  __mul__(b: unknown): unknown {
    return forward(this, b, mulF, ops.mul);
  }
  __rmul__(a: unknown): unknown {
    return reverse(this, a, mulF, ops.mul);
  }
  __truediv__(b: unknown): unknown {
    return forward(this, b, divF, ops.truediv);
  }
  __rtruediv__(a: unknown): unknown {
    return reverse(this, a, divF, ops.truediv);
  }
  __floordiv__(b: unknown): unknown {
    return forward(this, b, floordivF, ops.floordiv);
  }
  __rfloordiv__(a: unknown): unknown {
    return reverse(this, a, floordivF, ops.floordiv);
  }
  __mod__(b: unknown): unknown {
    return forward(this, b, modF, ops.mod);
  }
  __rmod__(a: unknown): unknown {
    return reverse(this, a, modF, ops.mod);
  }
  __divmod__(b: unknown): unknown {
    return forward(this, b, divmodF, floatDivmod);
  }
  __rdivmod__(a: unknown): unknown {
    return reverse(this, a, divmodF, floatDivmod);
  }

  __pow__(b: unknown, mod?: unknown): unknown {
    if (mod !== undefined && mod !== null) return NotImplemented;
    if (isRational(b)) {
      const [bn, bd] = ratio(b);
      if (bd === 1n) {
        const power = bn;
        const [n, d] = [this._numerator, this._denominator];
        if (power >= 0n) return make(n ** power, d ** power);
        if (n > 0n) return make(d ** -power, n ** -power);
        if (n === 0n) throw new ZeroDivisionError(`Fraction(${d ** -power}, 0)`);
        return make((-d) ** -power, (-n) ** -power);
      }
      return ops.pow(this.__float__(), intTrueDiv(bn, bd));
    }
    if (typeof b === "number") return ops.pow(this.__float__(), b);
    return NotImplemented;
  }
  __rpow__(a: unknown, mod?: unknown): unknown {
    if (mod !== undefined && mod !== null) return NotImplemented;
    if (this._denominator === 1n && this._numerator >= 0n) return ops.pow(a, this._numerator);
    if (isRational(a)) {
      const [n, d] = ratio(a);
      return new FractionImpl(n, d).__pow__(this);
    }
    if (this._denominator === 1n) return ops.pow(a, this._numerator);
    if (typeof a === "number") return ops.pow(a, this.__float__());
    return NotImplemented;
  }

  __pos__(): FractionImpl {
    return make(this._numerator, this._denominator);
  }
  __neg__(): FractionImpl {
    return make(-this._numerator, this._denominator);
  }
  __abs__(): FractionImpl {
    return make(absBig(this._numerator), this._denominator);
  }

  // ---- conversions

  __int__(): bigint {
    return this.__trunc__();
  }
  __trunc__(): bigint {
    const [n, d] = [this._numerator, this._denominator];
    return n < 0n ? -intFloorDiv(-n, d) : intFloorDiv(n, d);
  }
  __floor__(): bigint {
    return intFloorDiv(this._numerator, this._denominator);
  }
  __ceil__(): bigint {
    return -intFloorDiv(-this._numerator, this._denominator);
  }
  __float__(): number {
    return intTrueDiv(this._numerator, this._denominator);
  }
  __round__(ndigits?: unknown): unknown {
    if (ndigits === undefined || ndigits === null) {
      const d = this._denominator;
      const floor = intFloorDiv(this._numerator, d);
      const remainder = this._numerator - floor * d;
      if (remainder * 2n < d) return floor;
      if (remainder * 2n > d) return floor + 1n;
      return floor % 2n === 0n ? floor : floor + 1n;
    }
    if (!isInt(ndigits))
      throw new PyTypeError(`'${typeName(ndigits)}' object cannot be interpreted as an integer`);
    const nd = toBigInt(ndigits);
    const shift = pow10(Number(absBig(nd)));
    if (nd > 0n) {
      const r = mulF(this, make(shift, 1n)).__round__() as bigint;
      return new FractionImpl(r, shift);
    }
    const r = divF(this, make(shift, 1n)).__round__() as bigint;
    return new FractionImpl(r * shift);
  }
  __bool__(): boolean {
    return this._numerator !== 0n;
  }

  // ---- hashing and comparisons

  __hash__(): bigint {
    return hashRational(this._numerator, this._denominator);
  }

  /** The int or float this Fraction equals, the same dict key (dict.ts), if there is one. */
  get __number_key__(): bigint | number | undefined {
    return numberKey(this._numerator, this._denominator);
  }

  __eq__(b: unknown): unknown {
    if (isRational(b)) {
      const [n, d] = ratio(b);
      return this._numerator === n && this._denominator === d;
    }
    if (typeof b === "number") {
      if (!Number.isFinite(b)) return false;
      const [n, d] = floatRatio(b);
      return this._numerator === n && this._denominator === d;
    }
    return NotImplemented;
  }
  _richcmp(other: unknown, op: (c: number) => boolean): unknown {
    if (isRational(other)) {
      const [n, d] = ratio(other);
      const l = this._numerator * d;
      const r = this._denominator * n;
      return op(l < r ? -1 : l > r ? 1 : 0);
    }
    if (typeof other === "number") {
      if (Number.isNaN(other)) return false;
      if (!Number.isFinite(other)) return op(other > 0 ? -1 : 1);
      return this._richcmp(FractionImpl.from_float(other), op);
    }
    return NotImplemented;
  }
  __lt__(b: unknown): unknown {
    return this._richcmp(b, (c) => c < 0);
  }
  __gt__(b: unknown): unknown {
    return this._richcmp(b, (c) => c > 0);
  }
  __le__(b: unknown): unknown {
    return this._richcmp(b, (c) => c <= 0);
  }
  __ge__(b: unknown): unknown {
    return this._richcmp(b, (c) => c >= 0);
  }

  __reduce__(): Tuple {
    return new Tuple([Fraction, new Tuple([this._numerator, this._denominator])]);
  }
  __copy__(): FractionImpl {
    return this;
  }
  __deepcopy__(_memo: unknown): FractionImpl {
    return this;
  }
}

/** `Fraction._from_coprime_ints`. */
function make(n: bigint, d: bigint): FractionImpl {
  const f = Object.create(FractionImpl.prototype) as FractionImpl;
  f._numerator = n;
  f._denominator = d;
  return f;
}

function isRational(x: unknown): x is bigint | boolean | FractionImpl {
  return isInt(x) || x instanceof FractionImpl;
}

function ratio(x: bigint | boolean | FractionImpl): [bigint, bigint] {
  return x instanceof FractionImpl ? [x._numerator, x._denominator] : [toBigInt(x), 1n];
}

function asFraction(x: bigint | boolean | FractionImpl): FractionImpl {
  return x instanceof FractionImpl ? x : make(toBigInt(x), 1n);
}

function floatDivmod(a: unknown, b: unknown): unknown {
  return new Tuple([ops.floordiv(a, b), ops.mod(a, b)]);
}

type Mono = (a: FractionImpl, b: FractionImpl) => unknown;
type Fallback = (a: unknown, b: unknown) => unknown;

function forward(a: FractionImpl, b: unknown, mono: Mono, fallback: Fallback): unknown {
  if (isRational(b)) return mono(a, asFraction(b));
  if (typeof b === "number") return fallback(a.__float__(), b);
  return NotImplemented;
}

function reverse(b: FractionImpl, a: unknown, mono: Mono, fallback: Fallback): unknown {
  if (isRational(a)) return mono(asFraction(a), b);
  if (typeof a === "number") return fallback(a, b.__float__());
  return NotImplemented;
}

function addF(a: FractionImpl, b: FractionImpl): FractionImpl {
  const [na, da, nb, db] = [a._numerator, a._denominator, b._numerator, b._denominator];
  const g = gcd(da, db);
  if (g === 1n) return make(na * db + da * nb, da * db);
  const s = da / g;
  const t = na * (db / g) + nb * s;
  const g2 = gcd(t, g);
  if (g2 === 1n) return make(t, s * db);
  return make(t / g2, s * (db / g2));
}

function subF(a: FractionImpl, b: FractionImpl): FractionImpl {
  return addF(a, make(-b._numerator, b._denominator));
}

function mulF(a: FractionImpl, b: FractionImpl): FractionImpl {
  let [na, da, nb, db] = [a._numerator, a._denominator, b._numerator, b._denominator];
  const g1 = gcd(na, db);
  if (g1 > 1n) {
    na /= g1;
    db /= g1;
  }
  const g2 = gcd(nb, da);
  if (g2 > 1n) {
    nb /= g2;
    da /= g2;
  }
  return make(na * nb, db * da);
}

function divF(a: FractionImpl, b: FractionImpl): FractionImpl {
  let [nb, db] = [b._numerator, b._denominator];
  if (nb === 0n) throw new ZeroDivisionError(`Fraction(${db}, 0)`);
  let [na, da] = [a._numerator, a._denominator];
  const g1 = gcd(na, nb);
  if (g1 > 1n) {
    na /= g1;
    nb /= g1;
  }
  const g2 = gcd(db, da);
  if (g2 > 1n) {
    da /= g2;
    db /= g2;
  }
  let [n, d] = [na * db, nb * da];
  if (d < 0n) [n, d] = [-n, -d];
  return make(n, d);
}

function floordivF(a: FractionImpl, b: FractionImpl): bigint {
  const den = a._denominator * b._numerator;
  if (den === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  return intFloorDiv(a._numerator * b._denominator, den);
}

function modF(a: FractionImpl, b: FractionImpl): FractionImpl {
  const [da, db] = [a._denominator, b._denominator];
  const m = b._numerator * da;
  if (m === 0n) throw new ZeroDivisionError("integer modulo by zero");
  const x = a._numerator * db;
  return new FractionImpl(x - intFloorDiv(x, m) * m, da * db);
}

function divmodF(a: FractionImpl, b: FractionImpl): Tuple {
  const [da, db] = [a._denominator, b._denominator];
  const m = da * b._numerator;
  if (m === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  const x = a._numerator * db;
  const q = intFloorDiv(x, m);
  return new Tuple([q, new FractionImpl(x - q * m, da * db)]);
}

// ---- formatting (`Fraction.__format__`)

const GENERAL_SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ]?)(#)?(0|[1-9][0-9]*)?([,_])?$/;
const FLOAT_SPEC =
  /^(?:([\s\S])?([<>=^]))?([-+ ]?)(z)?(#)?(0(?=[0-9]))?(0|[1-9][0-9]*)?([,_])?(?:\.(0|[1-9][0-9]*))?([eEfFgG%])$/;

/** `_round_to_exponent`: n/d rounded half-even to a multiple of 10**exponent. */
function roundToExponent(
  n: bigint,
  d: bigint,
  exponent: number,
  noNegZero = false,
): [boolean, bigint] {
  if (exponent >= 0) d *= pow10(exponent);
  else n *= pow10(-exponent);
  let q = intFloorDiv(n + (d >> 1n), d);
  const r = n + (d >> 1n) - q * d;
  if (r === 0n && (d & 1n) === 0n) q &= -2n;
  const sign = noNegZero ? q < 0n : n < 0n;
  return [sign, absBig(q)];
}

/** `_round_to_figures`: n/d rounded half-even to `figures` significant digits. */
function roundToFigures(n: bigint, d: bigint, figures: number): [boolean, bigint, number] {
  if (n === 0n) return [false, 0n, 1 - figures];
  const strN = `${absBig(n)}`;
  const strD = `${d}`;
  const m = strN.length - strD.length + (strD <= strN ? 1 : 0);
  let exponent = m - figures;
  const [sign, sig] = roundToExponent(n, d, exponent);
  let significand = sig;
  if (`${significand}`.length === figures + 1) {
    significand /= 10n;
    exponent += 1;
  }
  return [sign, significand, exponent];
}

/** Insert `sep` every three digits from the right. */
function groupThousands(digits: string, sep: string): string {
  if (!sep) return digits;
  const first = 1 + ((digits.length - 1) % 3);
  let out = digits.slice(0, first);
  for (let pos = first; pos < digits.length; pos += 3) out += sep + digits.slice(pos, pos + 3);
  return out;
}

function pad(fill: string, align: string, width: number, sign: string, body: string): string {
  const padding = fill.repeat(Math.max(0, width - sign.length - [...body].length));
  if (align === ">") return padding + sign + body;
  if (align === "<") return sign + body + padding;
  if (align === "^") {
    const half = Math.floor(padding.length / 2);
    return padding.slice(0, half) + sign + body + padding.slice(half);
  }
  return sign + padding + body;
}

function formatFraction(n: bigint, d: bigint, spec: string, tname: string): string {
  const g = GENERAL_SPEC.exec(spec);
  if (g !== null) {
    const fill = g[1] ?? " ";
    const align = g[2] ?? ">";
    const posSign = g[3] === "-" ? "" : (g[3] ?? "");
    const width = Number(g[5] ?? "0");
    const sep = g[6] ?? "";
    let body = groupThousands(`${absBig(n)}`, sep);
    if (d > 1n || g[4]) body += `/${groupThousands(`${d}`, sep)}`;
    return pad(fill, align, width, n < 0n ? "-" : posSign, body);
  }
  const m = FLOAT_SPEC.exec(spec);
  if (m !== null && (m[2] === undefined || m[6] === undefined)) {
    const fill = m[1] ?? " ";
    const align = m[2] ?? ">";
    const posSign = m[3] === "-" ? "" : (m[3] ?? "");
    const noNegZero = m[4] !== undefined;
    const alt = m[5] !== undefined;
    const zeropad = m[6] !== undefined;
    const width = Number(m[7] ?? "0");
    const sep = m[8] ?? "";
    const precision = Number(m[9] ?? "6");
    const type = m[10]!;
    const trimZeros = "gG".includes(type) && !alt;
    const trimPoint = !alt;
    const expIndicator = "EFG".includes(type) ? "E" : "e";
    let negative: boolean;
    let significand: bigint;
    let exponent: number;
    let scientific: boolean;
    let pointPos: number;
    if ("fF%".includes(type)) {
      exponent = -precision;
      if (type === "%") exponent -= 2;
      [negative, significand] = roundToExponent(n, d, exponent, noNegZero);
      scientific = false;
      pointPos = precision;
    } else {
      const figures = "gG".includes(type) ? Math.max(precision, 1) : precision + 1;
      [negative, significand, exponent] = roundToFigures(n, d, figures);
      scientific = "eE".includes(type) || exponent > 0 || exponent + figures <= -4;
      pointPos = scientific ? figures - 1 : -exponent;
    }
    let suffix = "";
    if (type === "%") suffix = "%";
    else if (scientific) {
      const e = exponent + pointPos;
      suffix = `${expIndicator}${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    }
    const digits = `${significand}`.padStart(pointPos + 1, "0");
    const sign = negative ? "-" : posSign;
    let leading = digits.slice(0, digits.length - pointPos);
    let frac = digits.slice(digits.length - pointPos);
    if (trimZeros) frac = frac.replace(/0+$/, "");
    const separator = trimPoint && !frac ? "" : ".";
    const trailing = separator + frac + suffix;
    if (zeropad) {
      const minLeading = width - sign.length - trailing.length;
      const z = sep ? Math.floor((3 * minLeading) / 4) + 1 : minLeading;
      leading = leading.padStart(z, "0");
    }
    leading = groupThousands(leading, sep);
    return pad(fill, align, width, sign, leading + trailing);
  }
  throw new ValueError(`Invalid format specifier ${repr(spec)} for object of type '${tname}'`);
}

/** Lets decimal.ts recognise a Fraction without importing this module. */
Object.defineProperty(FractionImpl.prototype, "__fraction__", { value: true });

export const Fraction = libraryClass(FractionImpl, "Fraction", "fractions");
export type Fraction = FractionImpl;
