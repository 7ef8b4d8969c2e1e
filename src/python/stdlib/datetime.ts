/**
 * Python's `datetime`: `timedelta`, `date`, `datetime`, `time`, `tzinfo`, `timezone` (`UTC`,
 * `MINYEAR`, `MAXYEAR`), with the behaviour and messages of CPython 3.13's C module
 * (`_datetime`; `_pydatetime.py` documents the same semantics).
 *
 * Representation. Every field is a JS number (years, ordinals, seconds and microseconds all fit
 * in doubles exactly); the Python attributes (`td.days`, `dt.year`, ...) are getters returning
 * bigints, as Python ints. Arithmetic that can exceed 2**53 (a timedelta's total microseconds,
 * products and quotients) is done in bigint. A `timedelta` keeps CPython's normal form: `days`
 * (|days| <= 999999999), `0 <= seconds < 86400`, `0 <= microseconds < 10**6`. Dates are computed
 * through proleptic Gregorian ordinals (1 = 0001-01-01); date arithmetic never goes through JS
 * `Date`, which is only used for the machine's local time.
 *
 * The classes are library classes (`libraryClass` in stdlib/types.ts): callable without `new`,
 * extendable (`class MyZone(tzinfo)`), and `type(dt) is datetime`. `datetime` extends `date`, and
 * `timezone` extends `tzinfo`, as in CPython. Operators work through the runtime's dunder
 * dispatch (`__add__`/`__radd__`/`__sub__`/`__rsub__`/`__mul__`/`__rmul__`/`__truediv__`/
 * `__floordiv__`/`__mod__`/`__divmod__`/`__neg__`/`__pos__`/`__abs__`, the comparisons,
 * `__hash__`, `__bool__`, `__format__`). Hashes are CPython's: dates, naive datetimes and naive
 * times hash their packed bytes (`_Py_HashBytes`), aware ones and timedeltas the tuple
 * `(days, seconds, microseconds)` of their UTC value, so sets of them iterate in CPython's order.
 *
 * Local time (naive `now()`, `fromtimestamp()`, `timestamp()`, `astimezone()`) comes from JS
 * `Date`'s local-time functions, i.e. the process's `TZ` and the OS zone data, where CPython
 * calls the C library.
 *
 * Ambiguous and missing local times follow CPython's `fold` rules: `localToSeconds` and
 * `localFold` are its algorithms over JS `Date`'s `localtime`.
 *
 * Differences from CPython (also in docs/DIFFERENCES.md): the local zone's name
 * (`astimezone().tzname()`, `%Z`) is what `Intl` reports, which can differ from the C library's
 * abbreviation; instances accept new attributes; pickling and `strptime`'s week-number directives (`%U %W %V %G %u %w` as
 * inputs) are missing; `strftime`/`strptime` know the C locale only; error messages that name a
 * type through the runtime's generic operators say `'timedelta'` where CPython says
 * `'datetime.timedelta'`, except where this module raises them itself (arithmetic with
 * numbers, strings and None).
 *
 * Subclasses: as in CPython, the alternate constructors (`now()`, `fromisoformat()`, ...),
 * `replace()`, `astimezone()` and `+`/`-` with a timedelta of a `date`/`datetime` subclass call
 * the subclass (`asClass`); timedelta arithmetic always gives a plain `timedelta`.
 */

import {
  AttributeError,
  DeprecationWarning,
  NotImplementedError,
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
  ZeroDivisionError,
} from "../exceptions";
import { decomposeFloat, hashBytes, hashSequence } from "../hash";
import { kw } from "../kw";
import { index, intFloorDiv, intMod, intTrueDiv, toBigInt } from "../numbers";
import { className, NotImplemented } from "../objects";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { namedtuple } from "./collections";
import { gmtime, time_ns, zoneInitials } from "./time";
import { bindArgs, libraryClass } from "./types";
import { warn } from "./warnings";

export const MINYEAR = 1n;
export const MAXYEAR = 9999n;

const MAX_DELTA_DAYS = 999999999;
const US_PER_SECOND = 1000000n;
const US_PER_DAY = 86400000000n;
const C_INT_MAX = 2147483647n;

// ---------------------------------------------------------------- calendar helpers

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}
function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m]!;
}
function daysBeforeYear(y: number): number {
  const y1 = y - 1;
  return y1 * 365 + Math.floor(y1 / 4) - Math.floor(y1 / 100) + Math.floor(y1 / 400);
}
/** Proleptic Gregorian ordinal, 0001-01-01 is 1. */
function ymd2ord(y: number, m: number, d: number): number {
  return daysBeforeYear(y) + DAYS_BEFORE_MONTH[m]! + (m > 2 && isLeap(y) ? 1 : 0) + d;
}
const ORD_1970 = ymd2ord(1970, 1, 1);
const MAX_ORDINAL = ymd2ord(9999, 12, 31);

/** Ordinal -> [year, month, day] (through UTC `Date`, exact for years 1..9999). */
function ord2ymd(n: number): [number, number, number] {
  const d = new Date((n - ORD_1970) * 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** 0 = Monday. */
function weekdayOf(ordinal: number): number {
  return (ordinal + 6) % 7;
}

function isoWeek1Monday(year: number): number {
  const first = ymd2ord(year, 1, 1);
  const firstWeekday = (first + 6) % 7;
  let monday = first - firstWeekday;
  if (firstWeekday > 3) monday += 7;
  return monday;
}

function isoCalendarOf(ordinal: number, year: number): [number, number, number] {
  let y = year;
  let week1 = isoWeek1Monday(y);
  let week = Math.floor((ordinal - week1) / 7);
  let day = (ordinal - week1) % 7;
  if (day < 0) day += 7;
  if (ordinal < week1) {
    y -= 1;
    week1 = isoWeek1Monday(y);
    week = Math.floor((ordinal - week1) / 7);
    day = (ordinal - week1) % 7;
  } else if (week >= 52 && ordinal >= isoWeek1Monday(y + 1)) {
    y += 1;
    week = 0;
  }
  return [y, week + 1, day + 1];
}

const pad = (n: number, w = 2): string =>
  n < 0 ? `-${String(-n).padStart(w, "0")}` : String(n).padStart(w, "0");

/** A Python int argument as a JS number (bools too; floats and others are TypeErrors). */
function intArg(x: unknown): number {
  return Number(index(x));
}

/** C's `round()`: half away from zero. */
function cRound(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** `m / n` rounded half to even (CPython's `_PyLong_DivmodNear`). */
function divideNearest(m: bigint, n: bigint): bigint {
  let q = intFloorDiv(m, n);
  const twice = 2n * (m - q * n);
  const c = n > 0n ? (twice > n ? 1 : twice === n ? 0 : -1) : twice < n ? 1 : twice === n ? 0 : -1;
  if (c > 0 || (c === 0 && (q & 1n) !== 0n)) q += 1n;
  return q;
}

/** `float.as_integer_ratio()`. */
function floatRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new ValueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new OverflowError("cannot convert Infinity to integer ratio");
  if (x === 0) return [0n, 1n];
  let [mant, exp] = decomposeFloat(x);
  while (exp < 0 && (mant & 1n) === 0n) {
    mant >>= 1n;
    exp++;
  }
  return exp >= 0 ? [mant << BigInt(exp), 1n] : [mant, 1n << BigInt(-exp)];
}

/** A type as Argument Clinic's messages name it (`None`, `int`, ...). */
function argType(x: unknown): string {
  return x === null || x === undefined ? "None" : typeName(x);
}

/** Values other classes may handle through their reflected dunders. */
function isObjectOperand(x: unknown): boolean {
  return (typeof x === "object" && x !== null) || typeof x === "function";
}

/** CPython's TypeError for an operator neither side supports (named as C's types name them). */
function unsupported(sym: string, a: unknown, b: unknown): never {
  throw new PyTypeError(
    `unsupported operand type(s) for ${sym}: '${tpName(a)}' and '${tpName(b)}'`,
  );
}

/** A type's C name: `datetime.timedelta` for this module's own classes. */
function tpName(x: unknown): string {
  if (x instanceof TimeDeltaImpl || x instanceof DateImpl || x instanceof TimeImpl) {
    const base = baseName(x);
    if (base !== null) return base;
  }
  if (x instanceof TzInfoImpl && (x.constructor === timezone || x.constructor === tzinfo))
    return `datetime.${className(x.constructor)}`;
  return typeName(x);
}

function baseName(x: object): string | null {
  const c = x.constructor;
  if (c === timedelta) return "datetime.timedelta";
  if (c === datetime) return "datetime.datetime";
  if (c === date) return "datetime.date";
  if (c === time) return "datetime.time";
  return null;
}

/** The repr prefix: `datetime.date` for the module's classes, the class name for subclasses. */
function reprName(x: object): string {
  return baseName(x) ?? className(x.constructor);
}

function checkDate(y: number, m: number, d: number): void {
  if (y < 1 || y > 9999) throw new ValueError(`year ${y} is out of range`);
  if (m < 1 || m > 12) throw new ValueError("month must be in 1..12");
  if (d < 1 || d > daysInMonth(y, m)) throw new ValueError("day is out of range for month");
}

function checkTime(h: number, mi: number, s: number, us: number, fold: number): void {
  if (h < 0 || h > 23) throw new ValueError("hour must be in 0..23");
  if (mi < 0 || mi > 59) throw new ValueError("minute must be in 0..59");
  if (s < 0 || s > 59) throw new ValueError("second must be in 0..59");
  if (us < 0 || us > 999999) throw new ValueError("microsecond must be in 0..999999");
  if (fold !== 0 && fold !== 1) throw new ValueError("fold must be either 0 or 1");
}

function checkTzinfo(tz: unknown): TzInfoImpl | null {
  if (tz === null || tz === undefined) return null;
  if (tz instanceof TzInfoImpl) return tz;
  throw new PyTypeError(
    `tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(tz)}'`,
  );
}

function rangeError(): never {
  throw new OverflowError("date value out of range");
}

// ---------------------------------------------------------------- timedelta

const UNIT_FACTORS: [string, bigint][] = [
  ["microseconds", 1n],
  ["milliseconds", 1000n],
  ["seconds", 1000000n],
  ["minutes", 60000000n],
  ["hours", 3600000000n],
  ["days", 86400000000n],
  ["weeks", 604800000000n],
];

/** C's `accum`: add `num * factor` exactly, keeping a float's sub-microsecond part aside. */
function accum(name: string, sofar: bigint, num: unknown, factor: bigint, left: number[]): bigint {
  if (typeof num === "bigint" || typeof num === "boolean") return sofar + toBigInt(num) * factor;
  if (typeof num === "number") {
    if (Number.isNaN(num)) throw new ValueError("cannot convert float NaN to integer");
    if (!Number.isFinite(num)) throw new OverflowError("cannot convert float infinity to integer");
    const whole = Math.trunc(num);
    const sum = sofar + BigInt(whole) * factor;
    const frac = num - whole;
    if (frac === 0) return sum;
    const scaled = Number(factor) * frac;
    const scaledWhole = Math.trunc(scaled);
    left[0]! += scaled - scaledWhole;
    return sum + BigInt(scaledWhole);
  }
  throw new PyTypeError(`unsupported type for timedelta ${name} component: ${typeName(num)}`);
}

class TimeDeltaImpl {
  declare static min: TimeDeltaImpl;
  declare static max: TimeDeltaImpl;
  declare static resolution: TimeDeltaImpl;
  declare _d: number;
  declare _s: number;
  declare _us: number;
  declare _hash: bigint | undefined;

  constructor(...args: unknown[]) {
    const [days, seconds, microseconds, milliseconds, minutes, hours, weeks] = bindArgs(
      "timedelta",
      args,
      ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
      [null, null, null, null, null, null, null],
    );
    const given: Record<string, unknown> = {
      days,
      seconds,
      microseconds,
      milliseconds,
      minutes,
      hours,
      weeks,
    };
    let x = 0n;
    const left = [0];
    for (const [name, factor] of UNIT_FACTORS) {
      const v = given[name];
      if (v !== null) x = accum(name, x, v, factor, left);
    }
    const leftover = left[0]!;
    if (leftover !== 0) {
      let whole = cRound(leftover);
      if (Math.abs(whole - leftover) === 0.5) {
        const odd = (x & 1n) !== 0n ? 1 : 0;
        whole = 2 * cRound((leftover + odd) * 0.5) - odd;
      }
      x += BigInt(whole);
    }
    setDelta(this, x);
  }

  get days(): bigint {
    return BigInt(this._d);
  }
  get seconds(): bigint {
    return BigInt(this._s);
  }
  get microseconds(): bigint {
    return BigInt(this._us);
  }

  /** Total microseconds. */
  _total(): bigint {
    return BigInt(this._d) * US_PER_DAY + BigInt(this._s) * US_PER_SECOND + BigInt(this._us);
  }

  total_seconds(): number {
    return intTrueDiv(this._total(), US_PER_SECOND);
  }

  __repr__(): string {
    const parts: string[] = [];
    if (this._d !== 0) parts.push(`days=${this._d}`);
    if (this._s !== 0) parts.push(`seconds=${this._s}`);
    if (this._us !== 0) parts.push(`microseconds=${this._us}`);
    return `${reprName(this)}(${parts.length === 0 ? "0" : parts.join(", ")})`;
  }

  __str__(): string {
    const mm = Math.floor(this._s / 60);
    const hh = Math.floor(mm / 60);
    let s = `${hh}:${pad(mm % 60)}:${pad(this._s % 60)}`;
    if (this._d !== 0) {
      s = `${this._d} day${Math.abs(this._d) !== 1 ? "s" : ""}, ${s}`;
    }
    if (this._us !== 0) s += `.${pad(this._us, 6)}`;
    return s;
  }

  __format__(spec: unknown): string {
    return objectFormat(this, spec);
  }

  __bool__(): boolean {
    return this._d !== 0 || this._s !== 0 || this._us !== 0;
  }

  __hash__(): bigint {
    if (this._hash === undefined) {
      this._hash = hashSequence([BigInt(this._d), BigInt(this._s), BigInt(this._us)]);
    }
    return this._hash;
  }

  _cmp(other: TimeDeltaImpl): number {
    if (this._d !== other._d) return this._d < other._d ? -1 : 1;
    if (this._s !== other._s) return this._s < other._s ? -1 : 1;
    if (this._us !== other._us) return this._us < other._us ? -1 : 1;
    return 0;
  }
  __eq__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) === 0 : NotImplemented;
  }
  __ne__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) !== 0 : NotImplemented;
  }
  __lt__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) < 0 : NotImplemented;
  }
  __le__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) <= 0 : NotImplemented;
  }
  __gt__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) > 0 : NotImplemented;
  }
  __ge__(other: unknown): unknown {
    return other instanceof TimeDeltaImpl ? this._cmp(other) >= 0 : NotImplemented;
  }

  __add__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return makeDelta(this._total() + other._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", this, other);
  }
  __radd__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return makeDelta(other._total() + this._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", other, this);
  }
  __sub__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return makeDelta(this._total() - other._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("-", this, other);
  }
  __rsub__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return makeDelta(other._total() - this._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("-", other, this);
  }
  __neg__(): TimeDeltaImpl {
    return makeDelta(-this._total());
  }
  __pos__(): TimeDeltaImpl {
    return makeDelta(this._total());
  }
  __abs__(): TimeDeltaImpl {
    return this._d < 0 ? this.__neg__() : this.__pos__();
  }
  __mul__(other: unknown): unknown {
    if (typeof other === "bigint" || typeof other === "boolean")
      return makeDelta(this._total() * toBigInt(other));
    if (typeof other === "number") {
      const [n, d] = floatRatio(other);
      return makeDelta(divideNearest(this._total() * n, d));
    }
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("*", this, other);
  }
  __rmul__(other: unknown): unknown {
    if (typeof other === "bigint" || typeof other === "boolean" || typeof other === "number")
      return this.__mul__(other);
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("*", other, this);
  }
  __truediv__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return intTrueDiv(this._total(), other._total());
    if (typeof other === "bigint" || typeof other === "boolean")
      return makeDelta(divideNearestChecked(this._total(), toBigInt(other)));
    if (typeof other === "number") {
      const [n, d] = floatRatio(other);
      return makeDelta(divideNearestChecked(this._total() * d, n));
    }
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("/", this, other);
  }
  __rtruediv__(other: unknown): unknown {
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("/", other, this);
  }
  __floordiv__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return intFloorDiv(this._total(), other._total());
    if (typeof other === "bigint" || typeof other === "boolean")
      return makeDelta(intFloorDiv(this._total(), toBigInt(other)));
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("//", this, other);
  }
  __rfloordiv__(other: unknown): unknown {
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("//", other, this);
  }
  __mod__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return makeDelta(intMod(this._total(), other._total()));
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("%", this, other);
  }
  __rmod__(other: unknown): unknown {
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("%", other, this);
  }
  __divmod__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) {
      const a = this._total();
      const b = other._total();
      const q = intFloorDiv(a, b);
      return new Tuple([q, makeDelta(a - q * b)]);
    }
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("divmod()", this, other);
  }
  __rdivmod__(other: unknown): unknown {
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("divmod()", other, this);
  }

  __reduce__(): Tuple {
    return new Tuple([timedelta, new Tuple([this.days, this.seconds, this.microseconds])]);
  }
}

function divideNearestChecked(m: bigint, n: bigint): bigint {
  if (n === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  return divideNearest(m, n);
}

function setDelta(td: TimeDeltaImpl, us: bigint): void {
  const secs = intFloorDiv(us, US_PER_SECOND);
  const micro = us - secs * US_PER_SECOND;
  const days = intFloorDiv(secs, 86400n);
  const s = secs - days * 86400n;
  if (days > C_INT_MAX || days < -C_INT_MAX - 1n)
    throw new OverflowError("Python int too large to convert to C int");
  if (days > BigInt(MAX_DELTA_DAYS) || days < -BigInt(MAX_DELTA_DAYS))
    throw new OverflowError(`days=${days}; must have magnitude <= ${MAX_DELTA_DAYS}`);
  td._d = Number(days);
  td._s = Number(s);
  td._us = Number(micro);
}

function makeDelta(us: bigint): TimeDeltaImpl {
  const td = Object.create(TimeDeltaImpl.prototype) as TimeDeltaImpl;
  setDelta(td, us);
  return td;
}

function deltaOf(days: number, seconds: number, us: number): TimeDeltaImpl {
  return makeDelta(BigInt(days) * US_PER_DAY + BigInt(seconds) * US_PER_SECOND + BigInt(us));
}

/** `object.__format__`: an empty spec gives `str(self)`. */
function objectFormat(self: object, spec: unknown): string {
  if (typeof spec !== "string")
    throw new PyTypeError(`format() argument 2 must be str, not ${argType(spec)}`);
  if (spec !== "")
    throw new PyTypeError(`unsupported format string passed to ${tpName(self)}.__format__`);
  return str(self);
}

export const timedelta = libraryClass(TimeDeltaImpl, "timedelta", "datetime");
Object.defineProperty(TimeDeltaImpl, "__tp_name__", { value: "datetime.timedelta" });
export type timedelta = TimeDeltaImpl;

// ---------------------------------------------------------------- tzinfo and timezone

class TzInfoImpl {
  utcoffset(_dt: unknown): unknown {
    throw new NotImplementedError("a tzinfo subclass must implement utcoffset()");
  }
  dst(_dt: unknown): unknown {
    throw new NotImplementedError("a tzinfo subclass must implement dst()");
  }
  tzname(_dt: unknown): unknown {
    throw new NotImplementedError("a tzinfo subclass must implement tzname()");
  }
  /** The default `tzinfo.fromutc` (CPython's algorithm for zones with `dst()`). */
  fromutc(dt: unknown): unknown {
    if (!(dt instanceof DateTimeImpl))
      throw new PyTypeError("fromutc: argument must be a datetime");
    if (dt._tz !== this) throw new ValueError("fromutc: dt.tzinfo is not self");
    const dtoff = checkOffset(this.utcoffset(dt), "utcoffset");
    if (dtoff === null) throw new ValueError("fromutc: non-None utcoffset() result required");
    let dtdst = checkOffset(this.dst(dt), "dst");
    if (dtdst === null) throw new ValueError("fromutc: non-None dst() result required");
    const delta = dtoff._total() - dtdst._total();
    let out = dt;
    if (delta !== 0n) {
      out = addDelta(dt, delta);
      dtdst = checkOffset(this.dst(out), "dst");
      if (dtdst === null)
        throw new ValueError("fromutc: tz.dst() gave inconsistent results; cannot convert");
    }
    return addDelta(out, dtdst._total());
  }
}

export const tzinfo = libraryClass(TzInfoImpl, "tzinfo", "datetime");
Object.defineProperty(TzInfoImpl, "__tp_name__", { value: "datetime.tzinfo" });
export type tzinfo = TzInfoImpl;

/** Validate what `utcoffset()`/`dst()` returned (CPython's `call_tzinfo_method`). */
function checkOffset(r: unknown, what: string): TimeDeltaImpl | null {
  if (r === null || r === undefined) return null;
  if (!(r instanceof TimeDeltaImpl)) {
    throw new PyTypeError(`tzinfo.${what}() must return None or timedelta, not '${typeName(r)}'`);
  }
  if (r._d < -1 || r._d >= 1 || (r._d === -1 && r._s === 0 && r._us === 0)) {
    throw new ValueError(
      "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
    );
  }
  return r;
}

function callUtcoffset(tz: TzInfoImpl | null, arg: unknown): TimeDeltaImpl | null {
  if (tz === null) return null;
  return checkOffset(tz.utcoffset(arg), "utcoffset");
}

function callTzname(tz: TzInfoImpl | null, arg: unknown): string | null {
  if (tz === null) return null;
  const r = tz.tzname(arg);
  if (r === null || r === undefined) return null;
  if (typeof r !== "string")
    throw new PyTypeError(`tzinfo.tzname() must return None or a string, not '${typeName(r)}'`);
  return r;
}

/** `+HH:MM[:SS[.ffffff]]` of an offset (`sep` between the fields). */
function formatOffset(off: TimeDeltaImpl, sep: string): string {
  let total = off._total();
  const sign = total < 0n ? "-" : "+";
  if (total < 0n) total = -total;
  const us = Number(total % US_PER_SECOND);
  let secs = Number(total / US_PER_SECOND);
  const h = Math.floor(secs / 3600);
  secs -= h * 3600;
  const m = Math.floor(secs / 60);
  const s = secs - m * 60;
  let out = `${sign}${pad(h)}${sep}${pad(m)}`;
  if (s !== 0 || us !== 0) out += `${sep}${pad(s)}`;
  if (us !== 0) out += `.${pad(us, 6)}`;
  return out;
}

class TimezoneImpl extends TzInfoImpl {
  declare static utc: TimezoneImpl;
  declare static min: TimezoneImpl;
  declare static max: TimezoneImpl;
  declare _offset: TimeDeltaImpl;
  declare _name: string | null;

  constructor(...args: unknown[]) {
    super();
    const [offset, name] = bindArgs("timezone", args, ["offset", "name"], [undefined]);
    if (!(offset instanceof TimeDeltaImpl)) {
      throw new PyTypeError(
        `timezone() argument 1 must be datetime.timedelta, not ${argType(offset)}`,
      );
    }
    if (name !== undefined && typeof name !== "string")
      throw new PyTypeError(`timezone() argument 2 must be str, not ${argType(name)}`);
    // biome-ignore lint/correctness/noConstructorReturn: timezone(timedelta(0)) is timezone.utc itself, as in CPython
    if (name === undefined && offset._total() === 0n && UTC_ZONE !== undefined) return UTC_ZONE;
    checkZoneOffset(offset);
    this._offset = offset;
    this._name = name === undefined ? null : name;
  }

  override utcoffset(dt: unknown): unknown {
    checkZoneArg(dt, "utcoffset");
    return this._offset;
  }
  override dst(dt: unknown): unknown {
    checkZoneArg(dt, "dst");
    return null;
  }
  override tzname(dt: unknown): unknown {
    checkZoneArg(dt, "tzname");
    return this._nameOf();
  }
  _nameOf(): string {
    if (this._name !== null) return this._name;
    if (this._offset._total() === 0n) return "UTC";
    return `UTC${formatOffset(this._offset, ":")}`;
  }
  override fromutc(dt: unknown): unknown {
    if (!(dt instanceof DateTimeImpl))
      throw new PyTypeError("fromutc: argument must be a datetime");
    if (dt._tz !== this) throw new ValueError("fromutc: dt.tzinfo is not self");
    return addDelta(dt, this._offset._total());
  }
  __repr__(): string {
    if (this === UTC_ZONE) return "datetime.timezone.utc";
    const head = reprNameTz(this);
    if (this._name === null) return `${head}(${repr(this._offset)})`;
    return `${head}(${repr(this._offset)}, ${repr(this._name)})`;
  }
  __str__(): string {
    return this._nameOf();
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof TimezoneImpl)) return NotImplemented;
    return this._offset._cmp(other._offset) === 0;
  }
  __hash__(): bigint {
    return this._offset.__hash__();
  }
}

function reprNameTz(tz: object): string {
  return tz.constructor === timezone ? "datetime.timezone" : className(tz.constructor);
}

function checkZoneOffset(offset: TimeDeltaImpl): void {
  if (
    offset._d < -1 ||
    offset._d >= 1 ||
    (offset._d === -1 && offset._s === 0 && offset._us === 0)
  ) {
    throw new ValueError(
      `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${repr(offset)}.`,
    );
  }
}

function checkZoneArg(dt: unknown, what: string): void {
  if (dt === null || dt === undefined || dt instanceof DateTimeImpl) return;
  throw new PyTypeError(
    `${what}(dt) argument must be a datetime instance or None, not ${argType(dt)}`,
  );
}

let UTC_ZONE: TimezoneImpl | undefined;

function makeZone(offset: TimeDeltaImpl, name: string | null): TimezoneImpl {
  if (name === null && offset._total() === 0n && UTC_ZONE !== undefined) return UTC_ZONE;
  const z = Object.create(TimezoneImpl.prototype) as TimezoneImpl;
  z._offset = offset;
  z._name = name;
  return z;
}

export const timezone = libraryClass(TimezoneImpl, "timezone", "datetime");
Object.defineProperty(TimezoneImpl, "__tp_name__", { value: "datetime.timezone" });
export type timezone = TimezoneImpl;

// ---------------------------------------------------------------- date

/** `time.struct_time` of the fields (the class taken from `time.gmtime`'s result). */
function structTime(f: Fields, isdst: bigint): Tuple {
  const cls = (gmtime(0n) as object).constructor as (...a: unknown[]) => Tuple;
  const ord = ymd2ord(f[0], f[1], f[2]);
  return cls(
    ...[f[0], f[1], f[2], f[3], f[4], f[5], weekdayOf(ord), ord - ymd2ord(f[0], 1, 1) + 1].map(
      BigInt,
    ),
    isdst,
  );
}

/** What `datetime`'s constructor passes to `date`'s (which then leaves the fields to it). */
const FROM_DATETIME = Symbol("datetime");

class DateImpl {
  declare static min: DateImpl;
  declare static max: DateImpl;
  declare static resolution: TimeDeltaImpl;
  declare _y: number;
  declare _m: number;
  declare _dd: number;
  declare _hash: bigint | undefined;

  constructor(...args: unknown[]) {
    if (args.length === 1 && args[0] === FROM_DATETIME) return;
    const [y, m, d] = bindArgs("date", args, ["year", "month", "day"], []).map(intArg);
    checkDate(y!, m!, d!);
    this._y = y!;
    this._m = m!;
    this._dd = d!;
  }

  get year(): bigint {
    return BigInt(this._y);
  }
  get month(): bigint {
    return BigInt(this._m);
  }
  get day(): bigint {
    return BigInt(this._dd);
  }

  static today(): DateImpl {
    const now = localFields(time_ns() / 1000n);
    return asClass(this, makeDate(now[0], now[1], now[2]));
  }
  static fromtimestamp(ts: unknown): DateImpl {
    const [secs] = splitTimestamp(ts, "floor");
    const f = localFields(BigInt(secs) * US_PER_SECOND);
    return asClass(this, makeDate(f[0], f[1], f[2]));
  }
  static fromordinal(n: unknown): DateImpl {
    const o = intArg(n);
    if (o < 1) throw new ValueError("ordinal must be >= 1");
    if (o > MAX_ORDINAL) throw new ValueError(`year ${ord2ymd(o)[0]} is out of range`);
    const [y, m, d] = ord2ymd(o);
    return asClass(this, makeDate(y, m, d));
  }
  static fromisoformat(s: unknown): DateImpl {
    if (typeof s !== "string") throw new PyTypeError("fromisoformat: argument must be str");
    if (![7, 8, 10].includes(s.length) || !/^[\x00-\x7f]*$/.test(s)) invalidIso(s);
    let ymd: number[];
    try {
      ymd = parseIsoDate(s);
    } catch {
      invalidIso(s);
    }
    checkDate(ymd[0]!, ymd[1]!, ymd[2]!);
    return asClass(this, makeDate(ymd[0]!, ymd[1]!, ymd[2]!));
  }
  static fromisocalendar(...args: unknown[]): DateImpl {
    const [y, w, d] = bindArgs("fromisocalendar", args, ["year", "week", "day"], []).map(intArg);
    const [yy, mm, dd] = isoToGregorian(y!, w!, d!);
    return asClass(this, makeDate(yy, mm, dd));
  }

  toordinal(): bigint {
    return BigInt(this._ord());
  }
  _ord(): number {
    return ymd2ord(this._y, this._m, this._dd);
  }
  weekday(): bigint {
    return BigInt(weekdayOf(this._ord()));
  }
  isoweekday(): bigint {
    return BigInt(weekdayOf(this._ord()) + 1);
  }
  isocalendar(): Tuple {
    const [y, w, d] = isoCalendarOf(this._ord(), this._y);
    return isoCalendarDate(y, w, d);
  }
  timetuple(): Tuple {
    return structTime(this._fields(), -1n);
  }
  isoformat(): string {
    return `${pad(this._y, 4)}-${pad(this._m)}-${pad(this._dd)}`;
  }
  ctime(): string {
    return strftimeImpl("%a %b %e %H:%M:%S %Y", this._fields(), null, null);
  }
  strftime(fmt: unknown): string {
    if (typeof fmt !== "string")
      throw new PyTypeError(`strftime() argument 1 must be str, not ${argType(fmt)}`);
    return strftimeImpl(fmt, this._fields(), null, null);
  }
  __format__(fmt: unknown): string {
    if (typeof fmt !== "string")
      throw new PyTypeError(`format() argument 2 must be str, not ${argType(fmt)}`);
    return fmt === "" ? str(this) : this.strftime(fmt);
  }
  _fields(): Fields {
    return [this._y, this._m, this._dd, 0, 0, 0, 0];
  }
  replace(...args: unknown[]): DateImpl {
    const [y, m, d] = bindArgs("replace", args, ["year", "month", "day"], [null, null, null]);
    const ny = y === null ? this._y : intArg(y);
    const nm = m === null ? this._m : intArg(m);
    const nd = d === null ? this._dd : intArg(d);
    checkDate(ny, nm, nd);
    return asClass(this.constructor, makeDate(ny, nm, nd));
  }
  __replace__(...args: unknown[]): DateImpl {
    return this.replace(...args);
  }

  __repr__(): string {
    return `${reprName(this)}(${this._y}, ${this._m}, ${this._dd})`;
  }
  __str__(): string {
    return this.isoformat();
  }
  __hash__(): bigint {
    if (this._hash === undefined) {
      this._hash = hashBytes(new Uint8Array([this._y >> 8, this._y & 255, this._m, this._dd]));
    }
    return this._hash;
  }

  /** Only plain dates compare with plain dates (a datetime is never equal to a date). */
  _cmpDate(other: unknown): number | null {
    if (!(other instanceof DateImpl) || other instanceof DateTimeImpl) return null;
    if (this instanceof DateTimeImpl) return null;
    return this._ord() - other._ord();
  }
  __eq__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c === 0;
  }
  __ne__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c !== 0;
  }
  __lt__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c < 0;
  }
  __le__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c <= 0;
  }
  __gt__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c > 0;
  }
  __ge__(other: unknown): unknown {
    const c = this._cmpDate(other);
    return c === null ? NotImplemented : c >= 0;
  }

  __add__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl)
      return asClass(this.constructor, dateFromOrdinal(this._ord() + other._d));
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", this, other);
  }
  __radd__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return this.__add__(other);
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", other, this);
  }
  __sub__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl)
      return asClass(this.constructor, dateFromOrdinal(this._ord() - other._d));
    if (other instanceof DateImpl && !(other instanceof DateTimeImpl))
      return deltaOf(this._ord() - other._ord(), 0, 0);
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("-", this, other);
  }
  __rsub__(other: unknown): unknown {
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("-", other, this);
  }
}

function dateFromOrdinal(o: number): DateImpl {
  if (o < 1 || o > MAX_ORDINAL) rangeError();
  const [y, m, d] = ord2ymd(o);
  return makeDate(y, m, d);
}

function makeDate(y: number, m: number, d: number): DateImpl {
  const o = Object.create(DateImpl.prototype) as DateImpl;
  o._y = y;
  o._m = m;
  o._dd = d;
  return o;
}

export const date = libraryClass(DateImpl, "date", "datetime");
Object.defineProperty(DateImpl, "__tp_name__", { value: "datetime.date" });
export type date = DateImpl;

let IsoCalendarDateClass: ((...a: unknown[]) => Tuple) | null = null;

function isoCalendarDate(y: number, w: number, d: number): Tuple {
  if (IsoCalendarDateClass === null) {
    const nt = namedtuple(
      "IsoCalendarDate",
      ["year", "week", "weekday"],
      kw({ module: "datetime" }),
    );
    const proto = (nt as unknown as { prototype: { __repr__: () => string } }).prototype;
    const base = proto.__repr__;
    Object.defineProperty(proto, "__repr__", {
      value(this: Tuple) {
        return `datetime.${base.call(this)}`;
      },
    });
    IsoCalendarDateClass = nt as unknown as (...a: unknown[]) => Tuple;
  }
  return IsoCalendarDateClass(BigInt(y), BigInt(w), BigInt(d));
}

function isoToGregorian(year: number, week: number, day: number): [number, number, number] {
  if (year < 1 || year > 9999) throw new ValueError(`Year is out of range: ${year}`);
  if (week <= 0 || week >= 53) {
    let bad = true;
    if (week === 53) {
      const firstWeekday = ymd2ord(year, 1, 1) % 7;
      if (firstWeekday === 4 || (firstWeekday === 3 && isLeap(year))) bad = false;
    }
    if (bad) throw new ValueError(`Invalid week: ${week}`);
  }
  if (day <= 0 || day > 7) throw new ValueError(`Invalid weekday: ${day} (range is [1, 7])`);
  const ordinal = isoWeek1Monday(year) + (week - 1) * 7 + (day - 1);
  return ord2ymd(ordinal);
}

// ---------------------------------------------------------------- time

class TimeImpl {
  declare static min: TimeImpl;
  declare static max: TimeImpl;
  declare static resolution: TimeDeltaImpl;
  declare _h: number;
  declare _mi: number;
  declare _s: number;
  declare _us: number;
  declare _tz: TzInfoImpl | null;
  declare _fold: number;
  declare _hash: bigint | undefined;

  constructor(...args: unknown[]) {
    const [h, mi, s, us, tz, fold] = bindArgs(
      "time",
      args,
      ["hour", "minute", "second", "microsecond", "tzinfo"],
      [0n, 0n, 0n, 0n, null, 0n],
      { kwOnly: ["fold"] },
    );
    const f = [h, mi, s, us, fold].map(intArg) as number[];
    checkTime(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!);
    this._h = f[0]!;
    this._mi = f[1]!;
    this._s = f[2]!;
    this._us = f[3]!;
    this._tz = checkTzinfo(tz);
    this._fold = f[4]!;
  }

  get hour(): bigint {
    return BigInt(this._h);
  }
  get minute(): bigint {
    return BigInt(this._mi);
  }
  get second(): bigint {
    return BigInt(this._s);
  }
  get microsecond(): bigint {
    return BigInt(this._us);
  }
  get tzinfo(): TzInfoImpl | null {
    return this._tz;
  }
  get fold(): bigint {
    return BigInt(this._fold);
  }

  static fromisoformat(s: unknown): TimeImpl {
    if (typeof s !== "string") throw new PyTypeError("fromisoformat: argument must be str");
    const t = s.startsWith("T") ? s.slice(1) : s;
    let c: IsoTime;
    try {
      c = parseIsoTime(t);
    } catch {
      throw new ValueError(`Invalid isoformat string: ${repr(t)}`);
    }
    checkTime(c[0], c[1], c[2], c[3], 0);
    return makeTime(c[0], c[1], c[2], c[3], c[4], 0);
  }

  utcoffset(): TimeDeltaImpl | null {
    return callUtcoffset(this._tz, null);
  }
  dst(): TimeDeltaImpl | null {
    return this._tz === null ? null : checkOffset(this._tz.dst(null), "dst");
  }
  tzname(): string | null {
    return callTzname(this._tz, null);
  }
  isoformat(...args: unknown[]): string {
    const [timespec] = bindArgs("isoformat", args, ["timespec"], ["auto"]);
    let s = formatTime(this._h, this._mi, this._s, this._us, timespec, 1);
    const off = this.utcoffset();
    if (off !== null) s += formatOffset(off, ":");
    return s;
  }
  __str__(): string {
    return this.isoformat();
  }
  __repr__(): string {
    let args = `${this._h}, ${this._mi}`;
    if (this._us !== 0) args += `, ${this._s}, ${this._us}`;
    else if (this._s !== 0) args += `, ${this._s}`;
    if (this._tz !== null) args += `, tzinfo=${repr(this._tz)}`;
    if (this._fold) args += ", fold=1";
    return `${reprName(this)}(${args})`;
  }
  strftime(fmt: unknown): string {
    if (typeof fmt !== "string")
      throw new PyTypeError(`strftime() argument 1 must be str, not ${argType(fmt)}`);
    return strftimeImpl(fmt, [1900, 1, 1, this._h, this._mi, this._s, this._us], this._tz, null);
  }
  __format__(fmt: unknown): string {
    if (typeof fmt !== "string")
      throw new PyTypeError(`format() argument 2 must be str, not ${argType(fmt)}`);
    return fmt === "" ? str(this) : this.strftime(fmt);
  }
  replace(...args: unknown[]): TimeImpl {
    const [h, mi, s, us, tz, fold] = bindArgs(
      "replace",
      args,
      ["hour", "minute", "second", "microsecond", "tzinfo"],
      [null, null, null, null, true, null],
      { kwOnly: ["fold"] },
    );
    const nh = h === null ? this._h : intArg(h);
    const nmi = mi === null ? this._mi : intArg(mi);
    const ns = s === null ? this._s : intArg(s);
    const nus = us === null ? this._us : intArg(us);
    const nfold = fold === null ? this._fold : intArg(fold);
    checkTime(nh, nmi, ns, nus, nfold);
    return makeTime(nh, nmi, ns, nus, tz === true ? this._tz : checkTzinfo(tz), nfold);
  }
  __replace__(...args: unknown[]): TimeImpl {
    return this.replace(...args);
  }
  __bool__(): boolean {
    return true;
  }
  _secs(): number {
    return this._h * 3600 + this._mi * 60 + this._s;
  }
  __hash__(): bigint {
    if (this._hash === undefined) {
      const off = this.utcoffset();
      if (off === null) {
        const us = this._us;
        this._hash = hashBytes(
          new Uint8Array([this._h, this._mi, this._s, us >> 16, (us >> 8) & 255, us & 255]),
        );
      } else {
        const total = BigInt(this._secs()) * US_PER_SECOND + BigInt(this._us) - off._total();
        this._hash = makeDelta(total).__hash__();
      }
    }
    return this._hash;
  }
  _cmp(other: unknown, op: string): number | null {
    if (!(other instanceof TimeImpl)) return null;
    let offA: TimeDeltaImpl | null = null;
    let offB: TimeDeltaImpl | null = null;
    if (this._tz !== other._tz) {
      offA = this.utcoffset();
      offB = other.utcoffset();
      if ((offA === null) !== (offB === null)) {
        if (op === "==" || op === "!=") return 1;
        throw new PyTypeError("can't compare offset-naive and offset-aware times");
      }
    }
    const a =
      BigInt(this._secs()) * US_PER_SECOND +
      BigInt(this._us) -
      (offA === null ? 0n : offA._total());
    const b =
      BigInt(other._secs()) * US_PER_SECOND +
      BigInt(other._us) -
      (offB === null ? 0n : offB._total());
    return a < b ? -1 : a > b ? 1 : 0;
  }
  __eq__(other: unknown): unknown {
    const c = this._cmp(other, "==");
    return c === null ? NotImplemented : c === 0;
  }
  __ne__(other: unknown): unknown {
    const c = this._cmp(other, "!=");
    return c === null ? NotImplemented : c !== 0;
  }
  __lt__(other: unknown): unknown {
    const c = this._cmp(other, "<");
    return c === null ? NotImplemented : c < 0;
  }
  __le__(other: unknown): unknown {
    const c = this._cmp(other, "<=");
    return c === null ? NotImplemented : c <= 0;
  }
  __gt__(other: unknown): unknown {
    const c = this._cmp(other, ">");
    return c === null ? NotImplemented : c > 0;
  }
  __ge__(other: unknown): unknown {
    const c = this._cmp(other, ">=");
    return c === null ? NotImplemented : c >= 0;
  }
}

function makeTime(
  h: number,
  mi: number,
  s: number,
  us: number,
  tz: TzInfoImpl | null,
  fold: number,
): TimeImpl {
  const t = Object.create(TimeImpl.prototype) as TimeImpl;
  t._h = h;
  t._mi = mi;
  t._s = s;
  t._us = us;
  t._tz = tz;
  t._fold = fold;
  return t;
}

export const time = libraryClass(TimeImpl, "time", "datetime");
Object.defineProperty(TimeImpl, "__tp_name__", { value: "datetime.time" });
export type time = TimeImpl;

function formatTime(
  h: number,
  mi: number,
  s: number,
  us: number,
  timespec: unknown,
  argNo = 2,
): string {
  let spec = timespec;
  if (spec === "auto") spec = us !== 0 ? "microseconds" : "seconds";
  switch (spec) {
    case "hours":
      return pad(h);
    case "minutes":
      return `${pad(h)}:${pad(mi)}`;
    case "seconds":
      return `${pad(h)}:${pad(mi)}:${pad(s)}`;
    case "milliseconds":
      return `${pad(h)}:${pad(mi)}:${pad(s)}.${pad(Math.floor(us / 1000), 3)}`;
    case "microseconds":
      return `${pad(h)}:${pad(mi)}:${pad(s)}.${pad(us, 6)}`;
    default:
      if (typeof timespec !== "string")
        throw new PyTypeError(
          `isoformat() argument ${argNo} must be str, not ${argType(timespec)}`,
        );
      throw new ValueError("Unknown timespec value");
  }
}

// ---------------------------------------------------------------- datetime

class DateTimeImpl extends DateImpl {
  declare static min: DateTimeImpl;
  declare static max: DateTimeImpl;
  declare _h: number;
  declare _mi: number;
  declare _s: number;
  declare _us: number;
  declare _tz: TzInfoImpl | null;
  declare _fold: number;

  constructor(...args: unknown[]) {
    super(FROM_DATETIME);
    const [y, m, d, h, mi, s, us, tz, fold] = bindArgs(
      "datetime",
      args,
      ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
      [0n, 0n, 0n, 0n, null, 0n],
      { kwOnly: ["fold"] },
    );
    const f = [y, m, d, h, mi, s, us, fold].map(intArg) as number[];
    checkDate(f[0]!, f[1]!, f[2]!);
    checkTime(f[3]!, f[4]!, f[5]!, f[6]!, f[7]!);
    setDateTime(this, f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, checkTzinfo(tz), f[7]!);
  }

  get hour(): bigint {
    return BigInt(this._h);
  }
  get minute(): bigint {
    return BigInt(this._mi);
  }
  get second(): bigint {
    return BigInt(this._s);
  }
  get microsecond(): bigint {
    return BigInt(this._us);
  }
  get tzinfo(): TzInfoImpl | null {
    return this._tz;
  }
  get fold(): bigint {
    return BigInt(this._fold);
  }

  static now(...args: unknown[]): DateTimeImpl {
    const [tz] = bindArgs("now", args, ["tz"], [null]);
    const zone = checkTzinfo(tz);
    return fromMicros(time_ns() / 1000n, zone, this);
  }
  static override today(): DateTimeImpl {
    return fromMicros(time_ns() / 1000n, null, this);
  }
  static utcnow(): DateTimeImpl {
    warn(
      "datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).",
      DeprecationWarning,
      kw({ stacklevel: 1n }),
    );
    return asClass(this, utcFromMicros(time_ns() / 1000n, null));
  }
  static override fromtimestamp(...args: unknown[]): DateTimeImpl {
    const [ts, tz] = bindArgs("fromtimestamp", args, ["timestamp", "tz"], [null]);
    const zone = checkTzinfo(tz);
    const [secs, us] = splitTimestamp(ts, "half-even");
    return fromMicros(BigInt(secs) * US_PER_SECOND + BigInt(us), zone, this);
  }
  static utcfromtimestamp(ts: unknown): DateTimeImpl {
    warn(
      "datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.fromtimestamp(timestamp, datetime.UTC).",
      DeprecationWarning,
      kw({ stacklevel: 1n }),
    );
    const [secs, us] = splitTimestamp(ts, "half-even");
    return asClass(this, utcFromMicros(BigInt(secs) * US_PER_SECOND + BigInt(us), null));
  }
  static override fromordinal(n: unknown): DateTimeImpl {
    const d = DateImpl.fromordinal(n);
    return asClass(this, makeDateTime(d._y, d._m, d._dd, 0, 0, 0, 0, null, 0));
  }
  static combine(...args: unknown[]): DateTimeImpl {
    const [d, t, tz] = bindArgs("combine", args, ["date", "time", "tzinfo"], [true]);
    if (!(d instanceof DateImpl))
      throw new PyTypeError(`combine() argument 1 must be datetime.date, not ${argType(d)}`);
    if (!(t instanceof TimeImpl))
      throw new PyTypeError(`combine() argument 2 must be datetime.time, not ${argType(t)}`);
    const zone = tz === true ? t._tz : checkTzinfo(tz);
    return asClass(this, makeDateTime(d._y, d._m, d._dd, t._h, t._mi, t._s, t._us, zone, t._fold));
  }
  static override fromisoformat(s: unknown): DateTimeImpl {
    if (typeof s !== "string") throw new PyTypeError("fromisoformat: argument must be str");
    if (s.length < 7 || !/^[\x00-\x7f]*$/.test(s)) invalidIso(s);
    let ymd: number[];
    let tc: IsoTime = [0, 0, 0, 0, null];
    try {
      const sep = isoSeparator(s);
      ymd = parseIsoDate(s.slice(0, sep));
      if (s.length > sep) tc = parseIsoTime(s.slice(sep + 1));
    } catch {
      invalidIso(s);
    }
    checkDate(ymd[0]!, ymd[1]!, ymd[2]!);
    checkTime(tc[0], tc[1], tc[2], tc[3], 0);
    return asClass(
      this,
      makeDateTime(ymd[0]!, ymd[1]!, ymd[2]!, tc[0], tc[1], tc[2], tc[3], tc[4], 0),
    );
  }
  static override fromisocalendar(...args: unknown[]): DateTimeImpl {
    const d = DateImpl.fromisocalendar(...args);
    return asClass(this, makeDateTime(d._y, d._m, d._dd, 0, 0, 0, 0, null, 0));
  }
  static strptime(s: unknown, fmt: unknown): DateTimeImpl {
    return asClass(this, strptimeImpl(s, fmt));
  }

  date(): DateImpl {
    return makeDate(this._y, this._m, this._dd);
  }
  time(): TimeImpl {
    return makeTime(this._h, this._mi, this._s, this._us, null, this._fold);
  }
  timetz(): TimeImpl {
    return makeTime(this._h, this._mi, this._s, this._us, this._tz, this._fold);
  }
  utcoffset(): TimeDeltaImpl | null {
    return callUtcoffset(this._tz, this);
  }
  dst(): TimeDeltaImpl | null {
    return this._tz === null ? null : checkOffset(this._tz.dst(this), "dst");
  }
  tzname(): string | null {
    return callTzname(this._tz, this);
  }
  timestamp(): number {
    const off = this.utcoffset();
    if (off === null) {
      const secs = localToSeconds(this);
      return secs + this._us / 1e6;
    }
    const us = this._utcMicros(off);
    return intTrueDiv(us, US_PER_SECOND);
  }
  /** Microseconds since the epoch of the UTC value (`off` subtracted). */
  _utcMicros(off: TimeDeltaImpl | null): bigint {
    const days = BigInt(this._ord() - ORD_1970);
    const local = days * US_PER_DAY + BigInt(this._secs()) * US_PER_SECOND + BigInt(this._us);
    return off === null ? local : local - off._total();
  }
  _secs(): number {
    return this._h * 3600 + this._mi * 60 + this._s;
  }
  astimezone(...args: unknown[]): DateTimeImpl {
    const [tz] = bindArgs("astimezone", args, ["tz"], [null]);
    const zone = checkTzinfo(tz);
    if (zone !== null && this._tz === zone) return this;
    const off = this.utcoffset();
    let utcUs: bigint;
    if (off === null) {
      const secs = localToSeconds(this);
      utcUs = BigInt(secs) * US_PER_SECOND + BigInt(this._us);
    } else utcUs = this._utcMicros(off);
    if (zone === null) {
      const local = localZone(Number(intFloorDiv(utcUs, US_PER_SECOND)));
      return asClass(this.constructor, utcFromMicros(utcUs + local._offset._total(), local));
    }
    const utc = asClass(this.constructor, utcFromMicros(utcUs, zone));
    const r = zone.fromutc(utc);
    if (!(r instanceof DateTimeImpl)) throw new PyTypeError(`fromutc: argument must be a datetime`);
    return r;
  }
  override isoformat(...args: unknown[]): string {
    const [sep, timespec] = bindArgs("isoformat", args, ["sep", "timespec"], ["T", "auto"]);
    if (typeof sep !== "string" || sep.length !== 1)
      throw new PyTypeError(
        typeof sep === "string"
          ? `isoformat() argument 1 must be a unicode character, not str`
          : `isoformat() argument 1 must be a unicode character, not ${argType(sep)}`,
      );
    let s = `${super.isoformat()}${sep}${formatTime(this._h, this._mi, this._s, this._us, timespec)}`;
    const off = this.utcoffset();
    if (off !== null) s += formatOffset(off, ":");
    return s;
  }
  override __str__(): string {
    return this.isoformat(" ");
  }
  override __repr__(): string {
    let args = `${this._y}, ${this._m}, ${this._dd}, ${this._h}, ${this._mi}`;
    if (this._us !== 0) args += `, ${this._s}, ${this._us}`;
    else if (this._s !== 0) args += `, ${this._s}`;
    if (this._tz !== null) args += `, tzinfo=${repr(this._tz)}`;
    if (this._fold) args += ", fold=1";
    return `${reprName(this)}(${args})`;
  }
  override ctime(): string {
    return strftimeImpl("%a %b %e %H:%M:%S %Y", this._fields(), null, null);
  }
  override strftime(fmt: unknown): string {
    if (typeof fmt !== "string")
      throw new PyTypeError(`strftime() argument 1 must be str, not ${argType(fmt)}`);
    return strftimeImpl(fmt, this._fields(), this._tz, this);
  }
  override timetuple(): Tuple {
    const dst = this.dst();
    return structTime(this._fields(), dst === null ? -1n : dst.__bool__() ? 1n : 0n);
  }
  utctimetuple(): Tuple {
    const off = this.utcoffset();
    const dt = off === null ? this : addDelta(this, -off._total());
    return structTime(dt._fields(), 0n);
  }
  override _fields(): Fields {
    return [this._y, this._m, this._dd, this._h, this._mi, this._s, this._us];
  }
  override replace(...args: unknown[]): DateTimeImpl {
    const [y, m, d, h, mi, s, us, tz, fold] = bindArgs(
      "replace",
      args,
      ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"],
      [null, null, null, null, null, null, null, true, null],
      { kwOnly: ["fold"] },
    );
    const pick = (v: unknown, cur: number) => (v === null ? cur : intArg(v));
    const f = [
      pick(y, this._y),
      pick(m, this._m),
      pick(d, this._dd),
      pick(h, this._h),
      pick(mi, this._mi),
      pick(s, this._s),
      pick(us, this._us),
      pick(fold, this._fold),
    ];
    checkDate(f[0]!, f[1]!, f[2]!);
    checkTime(f[3]!, f[4]!, f[5]!, f[6]!, f[7]!);
    const zone = tz === true ? this._tz : checkTzinfo(tz);
    return asClass(
      this.constructor,
      makeDateTime(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, f[6]!, zone, f[7]!),
    );
  }
  override __replace__(...args: unknown[]): DateTimeImpl {
    return this.replace(...args);
  }

  override __hash__(): bigint {
    if (this._hash === undefined) {
      const off = this.utcoffset();
      if (off === null) {
        const us = this._us;
        this._hash = hashBytes(
          new Uint8Array([
            this._y >> 8,
            this._y & 255,
            this._m,
            this._dd,
            this._h,
            this._mi,
            this._s,
            us >> 16,
            (us >> 8) & 255,
            us & 255,
          ]),
        );
      } else {
        const local =
          BigInt(this._ord()) * US_PER_DAY +
          BigInt(this._secs()) * US_PER_SECOND +
          BigInt(this._us);
        this._hash = makeDelta(local - off._total()).__hash__();
      }
    }
    return this._hash;
  }

  _cmpDT(other: unknown, op: string): number | null {
    if (!(other instanceof DateTimeImpl)) return null;
    let offA: TimeDeltaImpl | null = null;
    let offB: TimeDeltaImpl | null = null;
    if (this._tz !== other._tz) {
      offA = this.utcoffset();
      offB = other.utcoffset();
      if ((offA === null) !== (offB === null)) {
        if (op === "==" || op === "!=") return 1;
        throw new PyTypeError("can't compare offset-naive and offset-aware datetimes");
      }
    }
    const a = this._utcMicros(offA);
    const b = other._utcMicros(offB);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  override __eq__(other: unknown): unknown {
    const c = this._cmpDT(other, "==");
    return c === null ? NotImplemented : c === 0;
  }
  override __ne__(other: unknown): unknown {
    const c = this._cmpDT(other, "!=");
    return c === null ? NotImplemented : c !== 0;
  }
  override __lt__(other: unknown): unknown {
    const c = this._cmpDT(other, "<");
    return c === null ? NotImplemented : c < 0;
  }
  override __le__(other: unknown): unknown {
    const c = this._cmpDT(other, "<=");
    return c === null ? NotImplemented : c <= 0;
  }
  override __gt__(other: unknown): unknown {
    const c = this._cmpDT(other, ">");
    return c === null ? NotImplemented : c > 0;
  }
  override __ge__(other: unknown): unknown {
    const c = this._cmpDT(other, ">=");
    return c === null ? NotImplemented : c >= 0;
  }

  override __add__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return addDelta(this, other._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", this, other);
  }
  override __radd__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return addDelta(this, other._total());
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("+", other, this);
  }
  override __sub__(other: unknown): unknown {
    if (other instanceof TimeDeltaImpl) return addDelta(this, -other._total());
    if (other instanceof DateTimeImpl) {
      let offA: TimeDeltaImpl | null = null;
      let offB: TimeDeltaImpl | null = null;
      if (this._tz !== other._tz) {
        offA = this.utcoffset();
        offB = other.utcoffset();
        if ((offA === null) !== (offB === null))
          throw new PyTypeError("can't subtract offset-naive and offset-aware datetimes");
      }
      return makeDelta(this._utcMicros(offA) - other._utcMicros(offB));
    }
    if (isObjectOperand(other)) return NotImplemented;
    return unsupported("-", this, other);
  }
}

function setDateTime(
  o: DateTimeImpl,
  y: number,
  m: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  us: number,
  tz: TzInfoImpl | null,
  fold: number,
): void {
  o._y = y;
  o._m = m;
  o._dd = d;
  o._h = h;
  o._mi = mi;
  o._s = s;
  o._us = us;
  o._tz = tz;
  o._fold = fold;
}

function makeDateTime(
  y: number,
  m: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  us: number,
  tz: TzInfoImpl | null,
  fold: number,
): DateTimeImpl {
  const o = Object.create(DateTimeImpl.prototype) as DateTimeImpl;
  setDateTime(o, y, m, d, h, mi, s, us, tz, fold);
  return o;
}

/**
 * `value` as an instance of `cls`: the value itself when `cls` is the module's class, else
 * `cls(year, month, day[, hour, minute, second, microsecond, tzinfo])` (then `fold` set), as
 * CPython builds the results of a subclass's alternate constructors, `replace()` and arithmetic.
 */
function asClass<T extends DateImpl>(cls: unknown, value: T): T {
  if (
    typeof cls !== "function" ||
    cls === date ||
    cls === datetime ||
    cls === DateImpl ||
    cls === DateTimeImpl
  )
    return value;
  if (value instanceof DateTimeImpl) {
    const r = Reflect.construct(cls, [
      BigInt(value._y),
      BigInt(value._m),
      BigInt(value._dd),
      BigInt(value._h),
      BigInt(value._mi),
      BigInt(value._s),
      BigInt(value._us),
      value._tz,
    ]) as T;
    if (value._fold && r instanceof DateTimeImpl) r._fold = value._fold;
    return r;
  }
  return Reflect.construct(cls, [BigInt(value._y), BigInt(value._m), BigInt(value._dd)]) as T;
}

/** `dt + timedelta(microseconds=us)`, keeping dt's tzinfo; OverflowError out of range. */
function addDelta(dt: DateTimeImpl, us: bigint): DateTimeImpl {
  const local =
    BigInt(dt._ord()) * US_PER_DAY + BigInt(dt._secs()) * US_PER_SECOND + BigInt(dt._us) + us;
  const days = intFloorDiv(local, US_PER_DAY);
  if (days < 1n || days > BigInt(MAX_ORDINAL)) rangeError();
  const rest = Number(local - days * US_PER_DAY);
  const [y, m, d] = ord2ymd(Number(days));
  const secs = Math.floor(rest / 1e6);
  const r = makeDateTime(
    y,
    m,
    d,
    Math.floor(secs / 3600),
    Math.floor(secs / 60) % 60,
    secs % 60,
    rest % 1e6,
    dt._tz,
    0,
  );
  return asClass(dt.constructor, r);
}

/** A datetime from microseconds since the epoch, as UTC wall time, with tzinfo `tz` attached. */
function utcFromMicros(us: bigint, tz: TzInfoImpl | null): DateTimeImpl {
  const bigDays = intFloorDiv(us, US_PER_DAY);
  const rest = Number(us - bigDays * US_PER_DAY);
  const ord = ORD_1970 + Number(bigDays);
  if (ord < 1) throw new ValueError(`year ${ord2ymd(Math.max(ord, -1e8))[0]} is out of range`);
  if (ord > MAX_ORDINAL)
    throw new ValueError(`year ${ord2ymd(Math.min(ord, 1e8))[0]} is out of range`);
  const [y, m, d] = ord2ymd(ord);
  const secs = Math.floor(rest / 1e6);
  return makeDateTime(
    y,
    m,
    d,
    Math.floor(secs / 3600),
    Math.floor(secs / 60) % 60,
    secs % 60,
    rest - secs * 1e6,
    tz,
    0,
  );
}

/** `fromtimestamp` of microseconds since the epoch: local time when `tz` is None. */
function fromMicros(us: bigint, tz: TzInfoImpl | null, cls: unknown): DateTimeImpl {
  if (tz === null) {
    const f = localFields(us);
    const fold = localFold(Number(intFloorDiv(us, US_PER_SECOND)), f);
    return asClass(cls, makeDateTime(f[0], f[1], f[2], f[3], f[4], f[5], f[6], null, fold));
  }
  const r = tz.fromutc(asClass(cls, utcFromMicros(us, tz)));
  if (!(r instanceof DateTimeImpl)) throw new PyTypeError("fromutc: argument must be a datetime");
  return r;
}

/** Local wall-clock fields of microseconds since the epoch (JS `Date`, the process's zone). */
function localFields(us: bigint): Fields {
  const secs = Number(intFloorDiv(us, US_PER_SECOND));
  const d = new Date(secs * 1000);
  return [
    d.getFullYear(),
    d.getMonth() + 1,
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    Number(us - BigInt(secs) * US_PER_SECOND),
  ];
}

/** The largest fold in the zone database (23 hours, Kwajalein 1969), as CPython assumes. */
const MAX_FOLD_SECONDS = 24 * 3600;

/** Local wall-clock seconds (as if UTC) of epoch seconds `u`: C's `localtime`, via JS `Date`. */
function localSeconds(u: number): number {
  const d = new Date(u * 1000);
  const days = ymd2ord(d.getFullYear(), d.getMonth() + 1, d.getDate()) - ORD_1970;
  return days * 86400 + d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds();
}

/**
 * Epoch seconds of a naive local datetime, CPython's `local_to_seconds`: an ambiguous time
 * (clocks set back) is its first occurrence with `fold=0`, its second with `fold=1`; a missing
 * time (clocks set forward) uses the offset before the gap with `fold=0`, after it with `fold=1`.
 */
function localToSeconds(dt: DateTimeImpl): number {
  const t = (dt._ord() - ORD_1970) * 86400 + dt._secs();
  const a = localSeconds(t) - t;
  const u1 = t - a;
  const t1 = localSeconds(u1);
  let b: number;
  if (t1 === t) {
    const u2 = u1 + (dt._fold ? MAX_FOLD_SECONDS : -MAX_FOLD_SECONDS);
    b = localSeconds(u2) - u2;
    if (a === b) return u1;
  } else b = t1 - u1;
  const u2 = t - b;
  if (localSeconds(u2) === t) return u2;
  if (t1 === t) return u1;
  return dt._fold ? Math.min(u1, u2) : Math.max(u1, u2);
}

/** `fold` of local fields `f` of epoch seconds `t`: 1 for the second occurrence of a time. */
function localFold(t: number, f: Fields): number {
  const wall = (g: Fields) =>
    (ymd2ord(g[0], g[1], g[2]) - ORD_1970) * 86400 + g[3] * 3600 + g[4] * 60 + g[5];
  const result = wall(f);
  const probe1 = localSeconds(t - MAX_FOLD_SECONDS);
  const trans = result - probe1 - MAX_FOLD_SECONDS;
  if (trans < 0 && localSeconds(t + trans) === result) return 1;
  return 0;
}

/** The local zone at a moment, as `astimezone()` gives it: a fixed `timezone` with its name. */
function localZone(secs: number): TimezoneImpl {
  const d = new Date(secs * 1000);
  const offsetSecs = -d.getTimezoneOffset() * 60;
  return makeZone(deltaOf(0, offsetSecs, 0), localZoneName(d));
}

/**
 * The local zone's abbreviation: `Intl`'s short name (`EST`, `UTC`), or, where that is only an
 * offset (`GMT+1`), the initials of its long name (`Central European Summer Time` -> `CEST`,
 * `Central European Standard Time` -> `CET`, as the C library's tables name them).
 */
function localZoneName(d: Date): string {
  const part = (style: "short" | "long"): string | undefined => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZoneName: style })
        .formatToParts(d)
        .find((p) => p.type === "timeZoneName")?.value;
    } catch {
      return undefined;
    }
  };
  const short = part("short");
  if (short !== undefined && !/^GMT[+-]/.test(short)) return short;
  const long = part("long");
  if (long === undefined || /^GMT/.test(long)) return short ?? "UTC";
  return zoneInitials(long);
}

/** A timestamp as [whole seconds, microseconds] (C's `_PyTime_ObjectToTimeval`). */
function splitTimestamp(ts: unknown, mode: "half-even" | "floor"): [number, number] {
  if (typeof ts === "bigint" || typeof ts === "boolean") return [Number(toBigInt(ts)), 0];
  if (typeof ts !== "number")
    throw new PyTypeError(`'${typeName(ts)}' object cannot be interpreted as an integer`);
  if (Number.isNaN(ts)) throw new ValueError("Invalid value NaN (not a number)");
  if (!Number.isFinite(ts)) throw new OverflowError("timestamp out of range for platform time_t");
  if (mode === "floor") return [Math.floor(ts), 0];
  let whole = Math.trunc(ts);
  let frac = (ts - whole) * 1e6;
  const r = Math.round(frac);
  frac = Math.abs(frac - Math.trunc(frac)) === 0.5 ? 2 * Math.round(frac / 2) : r;
  if (frac >= 1e6) {
    frac -= 1e6;
    whole += 1;
  } else if (frac < 0) {
    frac += 1e6;
    whole -= 1;
  }
  return [whole, frac];
}

export const datetime = libraryClass(DateTimeImpl, "datetime", "datetime");
Object.defineProperty(DateTimeImpl, "__tp_name__", { value: "datetime.datetime" });
export type datetime = DateTimeImpl;

// ---------------------------------------------------------------- ISO 8601 parsing

type IsoTime = [number, number, number, number, TzInfoImpl | null];

function invalidIso(s: string): never {
  throw new ValueError(`Invalid isoformat string: ${repr(s)}`);
}

function digits(s: string, start: number, n: number): number {
  const part = s.slice(start, start + n);
  if (part.length !== n || !/^[0-9]+$/.test(part)) throw new Error("digits");
  return Number(part);
}

/** Where the date part of a datetime string ends (CPython's separator heuristics). */
function isoSeparator(s: string): number {
  const n = s.length;
  if (n === 7) return 7;
  if (s[4] === "-") {
    if (s[5] === "W") {
      if (n < 8) throw new Error("iso");
      if (n > 8 && s[8] === "-") {
        if (n === 9) throw new Error("iso");
        if (n > 10 && /[0-9]/.test(s[10]!)) return 8;
        return 10;
      }
      return 8;
    }
    return 10;
  }
  if (s[4] === "W") {
    let i = 7;
    while (i < n && /[0-9]/.test(s[i]!)) i++;
    if (i < 9) return i;
    return i % 2 === 0 ? 7 : 8;
  }
  return 8;
}

function parseIsoDate(s: string): number[] {
  if (![7, 8, 10].includes(s.length)) throw new Error("iso");
  const year = digits(s, 0, 4);
  const hasSep = s[4] === "-";
  let pos = 4 + (hasSep ? 1 : 0);
  if (s[pos] === "W") {
    pos += 1;
    const week = digits(s, pos, 2);
    pos += 2;
    let day = 1;
    if (s.length > pos) {
      if ((s[pos] === "-") !== hasSep) throw new Error("iso");
      pos += hasSep ? 1 : 0;
      day = digits(s, pos, 1);
    }
    return isoToGregorian(year, week, day);
  }
  const month = digits(s, pos, 2);
  pos += 2;
  if ((s[pos] === "-") !== hasSep) throw new Error("iso");
  pos += hasSep ? 1 : 0;
  const day = digits(s, pos, 2);
  if (pos + 2 !== s.length) throw new Error("iso");
  return [year, month, day];
}

function parseHhMmSsFf(s: string): [number, number, number, number] {
  const comps = [0, 0, 0, 0];
  let pos = 0;
  let hasSep = false;
  for (let comp = 0; comp < 3; comp++) {
    if (s.length - pos < 2) throw new Error("iso");
    comps[comp] = digits(s, pos, 2);
    pos += 2;
    const next = s.slice(pos, pos + 1);
    if (comp === 0) hasSep = next === ":";
    if (next === "" || comp >= 2) break;
    if (hasSep && next !== ":") throw new Error("iso");
    pos += hasSep ? 1 : 0;
  }
  if (pos < s.length) {
    if (s[pos] !== "." && s[pos] !== ",") throw new Error("iso");
    pos += 1;
    const remainder = s.length - pos;
    const take = Math.min(remainder, 6);
    if (take === 0) throw new Error("iso");
    comps[3] = digits(s, pos, take) * 10 ** (6 - take);
    if (remainder > take && !/^[0-9]*$/.test(s.slice(pos + take))) throw new Error("iso");
  }
  return comps as [number, number, number, number];
}

function parseIsoTime(s: string): IsoTime {
  if (s.length < 2) throw new Error("iso");
  const tzPos = (s.indexOf("-") + 1 || s.indexOf("+") + 1 || s.indexOf("Z") + 1) as number;
  const timeStr = tzPos > 0 ? s.slice(0, tzPos - 1) : s;
  const [h, mi, sec, us] = parseHhMmSsFf(timeStr);
  let tz: TzInfoImpl | null = null;
  if (tzPos === s.length && s.endsWith("Z")) tz = UTC_ZONE!;
  else if (tzPos > 0) {
    const tzStr = s.slice(tzPos);
    if ([0, 1, 3].includes(tzStr.length)) throw new Error("iso");
    const c = parseHhMmSsFf(tzStr);
    if (c.every((x) => x === 0)) tz = UTC_ZONE!;
    else {
      const sign = s[tzPos - 1] === "-" ? -1n : 1n;
      const us2 = BigInt(c[0] * 3600 + c[1] * 60 + c[2]) * US_PER_SECOND + BigInt(c[3]);
      const off = makeDelta(sign * us2);
      checkZoneOffset(off);
      tz = makeZone(off, null);
    }
  }
  return [h, mi, sec, us, tz];
}

// ---------------------------------------------------------------- strftime

/** year, month, day, hour, minute, second, microsecond. */
export type Fields = [number, number, number, number, number, number, number];

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * `strftime` in the C locale: `%z`, `%:z`, `%Z` and `%f` as CPython's `wrap_strftime` expands
 * them, the rest as glibc's `strftime` does (`cStrftime`).
 */
function strftimeImpl(
  fmt: string,
  f: Fields,
  tz: TzInfoImpl | null,
  tzArg: DateTimeImpl | null,
): string {
  const ord = ymd2ord(f[0], f[1], f[2]);
  return cStrftime(fmt, f, weekdayOf(ord), ord - ymd2ord(f[0], 1, 1), (c) => {
    switch (c) {
      case "f":
        return pad(f[6], 6);
      case "z":
      case ":z": {
        const off = callUtcoffset(tz, tzArg);
        return off === null ? "" : formatOffset(off, c === "z" ? "" : ":");
      }
      default: {
        const name = callTzname(tz, tzArg);
        return name === null ? "" : name;
      }
    }
  });
}

/**
 * glibc's `strftime` in the C locale (years unpadded below 1000, unknown directives kept), for
 * `time.strftime` and the datetime classes. `wd` is the weekday (Monday 0) and `yday` the day of
 * the year (0-based) as the struct tm holds them; `zone(c)` expands `%f`, `%z`, `%:z` and `%Z`
 * (null: keep the directive, as glibc does with `%f` and `%:z`).
 */
export function cStrftime(
  fmt: string,
  f: Fields,
  wd: number,
  yday: number,
  zone: (c: "f" | "z" | ":z" | "Z") => string | null,
): string {
  const [y, mo, d, h, mi, s] = f;
  const ord = ymd2ord(y, mo, d);
  const sundayWd = (wd + 1) % 7;
  const one = (c: string): string => {
    switch (c) {
      case "a":
        return DAY_NAMES[wd]!.slice(0, 3);
      case "A":
        return DAY_NAMES[wd]!;
      case "w":
        return String(sundayWd);
      case "u":
        return String(wd + 1);
      case "d":
        return pad(d);
      case "e":
        return String(d).padStart(2, " ");
      case "b":
      case "h":
        return MONTH_NAMES[mo - 1]!.slice(0, 3);
      case "B":
        return MONTH_NAMES[mo - 1]!;
      case "m":
        return pad(mo);
      case "y":
        return pad(y % 100);
      case "Y":
        return String(y);
      case "C":
        return pad(Math.floor(y / 100));
      case "G":
        return String(isoCalendarOf(ord, y)[0]);
      case "g":
        return pad(isoCalendarOf(ord, y)[0] % 100);
      case "V":
        return pad(isoCalendarOf(ord, y)[1]);
      case "H":
        return pad(h);
      case "I":
        return pad(h % 12 === 0 ? 12 : h % 12);
      case "k": // glibc: the hour, space-padded
        return String(h).padStart(2, " ");
      case "l":
        return String(h % 12 === 0 ? 12 : h % 12).padStart(2, " ");
      case "s": {
        // glibc: seconds since the epoch of the fields read as local time (mktime; any tzinfo
        // is ignored, as there).
        const t = new Date(2000, 0, 1);
        t.setFullYear(y, mo - 1, d);
        t.setHours(h, mi, s, 0);
        return String(Math.floor(t.getTime() / 1000));
      }
      case "p":
        return h < 12 ? "AM" : "PM";
      case "M":
        return pad(mi);
      case "S":
        return pad(s);
      case "j":
        return pad(yday + 1, 3);
      case "U":
        return pad(Math.floor((yday + 7 - sundayWd) / 7));
      case "W":
        return pad(Math.floor((yday + 7 - wd) / 7));
      case "c":
        return `${one("a")} ${one("b")} ${one("e")} ${one("H")}:${one("M")}:${one("S")} ${one("Y")}`;
      case "x":
      case "D":
        return `${one("m")}/${one("d")}/${one("y")}`;
      case "X":
      case "T":
        return `${one("H")}:${one("M")}:${one("S")}`;
      case "F":
        return `${y}-${one("m")}-${one("d")}`;
      case "R":
        return `${one("H")}:${one("M")}`;
      case "r":
        return `${one("I")}:${one("M")}:${one("S")} ${one("p")}`;
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "%":
        return "%";
      case "f":
      case "z":
      case ":z":
      case "Z":
        return zone(c) ?? `%${c}`;
      default:
        return `%${c}`;
    }
  };
  // glibc's flags (`-` no padding, `_` spaces, `0` zeros, `^` upper case, `#` swapped case), a
  // field width, and the `E`/`O` modifiers (no effect in the C locale).
  return fmt.replace(
    /%([-_0^#]*)(\d*)[EO]?(:z|[\s\S])|%$/g,
    (m: string, flags: string | undefined, width: string | undefined, c: string | undefined) => {
      if (c === undefined) return m;
      let out = one(c);
      if (out === `%${c}`) return m;
      const numeric = /^[ 0-9]+$/.test(out) && !"nt%".includes(c);
      if (numeric && flags!.includes("-")) out = out.replace(/^[ 0]+(?=.)/, "");
      else if (numeric && flags!.includes("_"))
        out = out.replace(/^0+(?=.)/, (z) => " ".repeat(z.length));
      else if (numeric && flags!.includes("0"))
        out = out.replace(/^ +/, (z) => "0".repeat(z.length));
      if (flags!.includes("^")) out = out.toUpperCase();
      else if (flags!.includes("#"))
        out = c === "p" || c === "Z" ? out.toLowerCase() : out.toUpperCase();
      const w = width === "" ? 0 : Number(width);
      if (out.length < w) {
        const fill = numeric && !flags!.includes("_") && !flags!.includes("-") ? "0" : " ";
        out = fill.repeat(w - out.length) + out;
      }
      return out;
    },
  );
}

// ---------------------------------------------------------------- strptime

const STRPTIME_RE: Record<string, string> = {
  d: "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  f: "(?<f>[0-9]{1,6})",
  H: "(?<H>2[0-3]|[0-1]\\d|\\d)",
  I: "(?<I>1[0-2]|0[1-9]|[1-9])",
  G: "(?<G>\\d\\d\\d\\d)",
  j: "(?<j>36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  m: "(?<m>1[0-2]|0[1-9]|[1-9])",
  M: "(?<M>[0-5]\\d|\\d)",
  S: "(?<S>6[0-1]|[0-5]\\d|\\d)",
  U: "(?<U>5[0-3]|[0-4]\\d|\\d)",
  w: "(?<w>[0-6])",
  u: "(?<u>[1-7])",
  V: "(?<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)",
  y: "(?<y>\\d\\d)",
  Y: "(?<Y>\\d\\d\\d\\d)",
  z: "(?<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|Z)",
  A: seqToRe(DAY_NAMES, "A"),
  a: seqToRe(
    DAY_NAMES.map((n) => n.slice(0, 3)),
    "a",
  ),
  B: seqToRe(MONTH_NAMES, "B"),
  b: seqToRe(
    MONTH_NAMES.map((n) => n.slice(0, 3)),
    "b",
  ),
  p: seqToRe(["AM", "PM"], "p"),
  "%": "%",
};
STRPTIME_RE.W = STRPTIME_RE.U!.replace("<U>", "<W>");

function seqToRe(names: string[], group: string): string {
  const sorted = [...names].map((n) => n.toLowerCase()).sort((a, b) => b.length - a.length);
  return `(?<${group}>${sorted.join("|")})`;
}

function zoneNamesRe(): string {
  const names = new Set(["utc", "gmt"]);
  const year = new Date().getFullYear();
  for (const month of [0, 6]) names.add(localZoneName(new Date(year, month, 1)).toLowerCase());
  return seqToRe([...names], "Z");
}

const C_LOCALE: Record<string, string> = {
  c: "%a %b %d %H:%M:%S %Y",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
};

const strptimeCache = new Map<string, RegExp>();

function strptimePattern(format: string): RegExp {
  const cached = strptimeCache.get(format);
  if (cached !== undefined) return cached;
  let yearInFormat = false;
  let dayInFormat = false;
  const expand = (fmt: string, top: boolean): string => {
    let out = fmt.replace(/([\\.^$*+?(){}[\]|])/g, "\\$1").replace(/\s+/g, "\\s+");
    let done = "";
    for (;;) {
      const i = out.indexOf("%");
      if (i < 0) break;
      if (i + 1 >= out.length) throw new ValueError(`stray % in format '${format}'`);
      const c = out[i + 1]!;
      if (top && "YyG".includes(c)) yearInFormat = true;
      if (top && c === "d") dayInFormat = true;
      let re: string | undefined;
      if (c in C_LOCALE) re = expand(C_LOCALE[c]!, false);
      else if (c === "Z") re = zoneNamesRe();
      else re = STRPTIME_RE[c];
      if (re === undefined) {
        throw new ValueError(`'${c === "\\" ? "%" : c}' is a bad directive in format '${format}'`);
      }
      done += out.slice(0, i) + re;
      out = out.slice(i + 2);
    }
    return done + out;
  };
  let regex: RegExp;
  try {
    regex = new RegExp(expand(format, true), "iy");
  } catch (e) {
    if (e instanceof ValueError) throw e;
    throw new ValueError(`cannot use format '${format}' (a directive is repeated)`);
  }
  if (dayInFormat && !yearInFormat) {
    warn(
      "Parsing dates involving a day of month without a year specified is ambiguious\n" +
        "and fails to parse leap day. The default behavior will change in Python 3.15\n" +
        "to either always raise an exception or to use a different default year (TBD).\n" +
        "To avoid trouble, add a specific year to the input & format.\n" +
        "See https://github.com/python/cpython/issues/70647.",
      DeprecationWarning,
      kw({ stacklevel: 1n }),
    );
  }
  strptimeCache.set(format, regex);
  return regex;
}

/** `datetime.strptime(date_string, format)`: CPython's `_strptime` for the C locale. */
function strptimeImpl(data: unknown, format: unknown): DateTimeImpl {
  if (typeof data !== "string")
    throw new PyTypeError(`strptime() argument 1 must be str, not ${argType(data)}`);
  if (typeof format !== "string")
    throw new PyTypeError(`strptime() argument 2 must be str, not ${argType(format)}`);
  const f = strptimeFields(data, format);
  let tz: TzInfoImpl | null = null;
  if (f.gmtoff !== null) {
    const off = makeDelta(BigInt(f.gmtoff) * US_PER_SECOND + BigInt(f.gmtoffFraction));
    checkZoneOffset(off);
    tz = makeZone(off, f.tzname);
  }
  return makeDateTime(f.year, f.month, f.day, f.hour, f.minute, f.second, f.fraction, tz, 0);
}

/** The fields `_strptime` finds in `data` (a checked date; the time fields as parsed). */
export interface StrptimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  gmtoff: number | null;
  gmtoffFraction: number;
  tzname: string | null;
}

/** Parse `data` with `format` (both str) as `_strptime._strptime` does; time.strptime uses it too. */
export function strptimeFields(data: string, format: string): StrptimeFields {
  const regex = strptimePattern(format);
  regex.lastIndex = 0;
  const found = regex.exec(data);
  if (found === null)
    throw new ValueError(`time data ${repr(data)} does not match format ${repr(format)}`);
  if (found[0].length !== data.length)
    throw new ValueError(`unconverted data remains: ${data.slice(found[0].length)}`);
  const g = found.groups ?? {};
  let year: number | null = null;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = 0;
  let julian: number | null = null;
  let gmtoff: number | null = null;
  let gmtoffFraction = 0;
  let tzname: string | null = null;
  for (const [key, value] of Object.entries(g)) {
    if (value === undefined) continue;
    switch (key) {
      case "y": {
        const v = Number(value);
        year = v <= 68 ? v + 2000 : v + 1900;
        break;
      }
      case "Y":
        year = Number(value);
        break;
      case "m":
        month = Number(value);
        break;
      case "B":
        month = MONTH_NAMES.findIndex((n) => n.toLowerCase() === value.toLowerCase()) + 1;
        break;
      case "b":
        month =
          MONTH_NAMES.findIndex((n) => n.slice(0, 3).toLowerCase() === value.toLowerCase()) + 1;
        break;
      case "d":
        day = Number(value);
        break;
      case "H":
        hour = Number(value);
        break;
      case "I": {
        hour = Number(value);
        const ampm = (g.p ?? "").toLowerCase();
        if (ampm === "" || ampm === "am") {
          if (hour === 12) hour = 0;
        } else if (hour !== 12) hour += 12;
        break;
      }
      case "M":
        minute = Number(value);
        break;
      case "S":
        second = Number(value);
        break;
      case "f":
        fraction = Number(value.padEnd(6, "0"));
        break;
      case "j":
        julian = Number(value);
        break;
      case "z": {
        if (value === "Z" || value === "z") {
          gmtoff = 0;
          break;
        }
        let z = value;
        if (z[3] === ":") {
          z = z.slice(0, 3) + z.slice(4);
          if (z.length > 5) {
            if (z[5] !== ":") throw new ValueError(`Inconsistent use of : in ${value}`);
            z = z.slice(0, 5) + z.slice(6);
          }
        }
        const hours = Number(z.slice(1, 3));
        const minutes = Number(z.slice(3, 5));
        const seconds = Number(z.slice(5, 7) || "0");
        gmtoff = hours * 3600 + minutes * 60 + seconds;
        const rem = z.slice(8);
        gmtoffFraction = Number(rem + "0".repeat(6 - rem.length) || "0");
        if (z.startsWith("-")) {
          gmtoff = -gmtoff;
          gmtoffFraction = -gmtoffFraction;
        }
        break;
      }
      case "Z":
        tzname = value;
        break;
      default:
        break;
    }
  }
  const y = year ?? 1900;
  if (julian !== null) {
    const ord = ymd2ord(y, 1, 1) + julian - 1;
    [year, month, day] = ord2ymd(ord);
  }
  const yy = year ?? 1900;
  checkDate(yy, month, day);
  return { year: yy, month, day, hour, minute, second, fraction, gmtoff, gmtoffFraction, tzname };
}

// ---------------------------------------------------------------- class attributes

/** Make the field getters of `cls` refuse assignment with CPython's AttributeError. */
function readOnly(cls: Function, owner: string, names: string[]): void {
  const proto = cls.prototype as object;
  for (const name of names) {
    const desc = Object.getOwnPropertyDescriptor(proto, name)!;
    Object.defineProperty(proto, name, {
      get: desc.get,
      set() {
        throw new AttributeError(`attribute '${name}' of '${owner}' objects is not writable`);
      },
      configurable: true,
    });
  }
}

const TIME_FIELDS = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
readOnly(TimeDeltaImpl, "datetime.timedelta", ["days", "seconds", "microseconds"]);
readOnly(DateImpl, "datetime.date", ["year", "month", "day"]);
readOnly(DateTimeImpl, "datetime.datetime", TIME_FIELDS);
readOnly(TimeImpl, "datetime.time", TIME_FIELDS);

function classAttr(cls: object, name: string, value: unknown): void {
  Object.defineProperty(cls, name, { value, writable: true, configurable: true });
}

UTC_ZONE = makeZone(deltaOf(0, 0, 0), null);
export const UTC = UTC_ZONE;

classAttr(TimeDeltaImpl, "min", deltaOf(-MAX_DELTA_DAYS, 0, 0));
classAttr(TimeDeltaImpl, "max", deltaOf(MAX_DELTA_DAYS, 86399, 999999));
classAttr(TimeDeltaImpl, "resolution", deltaOf(0, 0, 1));
classAttr(DateImpl, "min", makeDate(1, 1, 1));
classAttr(DateImpl, "max", makeDate(9999, 12, 31));
classAttr(DateImpl, "resolution", deltaOf(1, 0, 0));
classAttr(DateTimeImpl, "min", makeDateTime(1, 1, 1, 0, 0, 0, 0, null, 0));
classAttr(DateTimeImpl, "max", makeDateTime(9999, 12, 31, 23, 59, 59, 999999, null, 0));
classAttr(DateTimeImpl, "resolution", deltaOf(0, 0, 1));
classAttr(TimeImpl, "min", makeTime(0, 0, 0, 0, null, 0));
classAttr(TimeImpl, "max", makeTime(23, 59, 59, 999999, null, 0));
classAttr(TimeImpl, "resolution", deltaOf(0, 0, 1));
classAttr(TimezoneImpl, "utc", UTC_ZONE);
classAttr(TimezoneImpl, "min", makeZone(deltaOf(0, -(23 * 3600 + 59 * 60), 0), null));
classAttr(TimezoneImpl, "max", makeZone(deltaOf(0, 23 * 3600 + 59 * 60, 0), null));
