/**
 * Python's `decimal`: `Decimal`, `Context`, the signals and the rounding modes, with the
 * behaviour of CPython 3.13's C module `_decimal` (libmpdec): its reprs, its exception messages
 * (`[<class 'decimal.DivisionByZero'>]`), its context repr and flag order.
 *
 * How. A Decimal is a sign, a coefficient held as a string of decimal digits (exact, any length)
 * and an integer exponent, or a special value (`F` infinity, `n` quiet NaN, `N` signalling NaN,
 * with a digit payload), as in `_pydecimal.py`, whose algorithms this module follows: every
 * operation computes the exact result (bigint arithmetic on the coefficients) or enough digits of
 * it plus a sticky digit, then `_fix` rounds it to the context's precision and exponent range and
 * raises the signals (`Inexact`, `Rounded`, `Subnormal`, `Underflow`, `Overflow`, `Clamped`).
 *
 * Signals are libmpdec's condition bits: a context's flags and traps are bit sets, the
 * `InvalidOperation` signal covers the conditions `ConversionSyntax`, `DivisionImpossible`,
 * `DivisionUndefined`, `InvalidContext` and plain invalid operation. When a raised condition is
 * trapped, the exception is the first trapped signal in `_decimal`'s signal order and its argument
 * the list of the trapped conditions, as the C module builds them.
 *
 * The current context lives in a `ContextVar` (as in CPython), so an asyncio task sees the
 * context of its creator, and `localcontext()` inside a task is local to that task.
 *
 * `**` follows libmpdec rather than `_pydecimal` (libmpdec's power is not always correctly
 * rounded, and the results must be CPython's): an integral exponent uses `_mpd_qpow_int`'s
 * binary exponentiation at a raised working precision, a non-integral one exp(ln(x) * y) at a
 * raised precision (`_mpd_qpow_real`); `exp`, `ln` and `log10` are correctly rounded, as
 * libmpdec's are, with `_pydecimal`'s integer algorithms.
 *
 * Differences from CPython (also in docs/DIFFERENCES.md): Decimal's `fma`, `remainder_near`,
 * `rotate`, `shift`, `next_toward`, `max_mag`, `min_mag` and `logical_*` methods do not exist
 * here, nor Context's predicates (`is_*`), `copy_*` and those same methods (Context has the
 * arithmetic ones); three-argument `pow()` raises TypeError; exponents are JS numbers (exact up
 * to 2**53, where libmpdec allows `MAX_EMAX` = 999999999999999999); strings with non-ASCII
 * digits are refused; the `'n'` format type uses the C locale; Decimal is not registered with
 * the `numbers` ABCs.
 */

import { ContextVar } from "../../contextvars";
import { eq } from "../compare";
import { Dict } from "../dict";
import {
  ArithmeticError,
  AttributeError,
  KeyError,
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
  ZeroDivisionError,
} from "../exceptions";
import { hashPointer } from "../hash";
import { Kw } from "../kw";
import { bases } from "../mro";
import { isInt, signBit, toBigInt } from "../numbers";
import { NotImplemented } from "../objects";
import { iter, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { floatRatio, gcd, numberKey } from "./_rational";
import { namedtuple } from "./collections";
import { libraryClass, takeKw } from "./types";

// ---------------------------------------------------------------- signals

/** `decimal.DecimalException`, the base of every signal. */
export class DecimalException extends ArithmeticError {
  static __module__ = "decimal";
}
export class Clamped extends DecimalException {
  static override __module__ = "decimal";
}
export class InvalidOperation extends DecimalException {
  static override __module__ = "decimal";
}
export class ConversionSyntax extends InvalidOperation {
  static override __module__ = "decimal";
}
export class DivisionByZero extends bases(DecimalException, ZeroDivisionError) {
  static __module__ = "decimal";
}
export class DivisionImpossible extends InvalidOperation {
  static override __module__ = "decimal";
}
export class DivisionUndefined extends bases(InvalidOperation, ZeroDivisionError) {
  static __module__ = "decimal";
}
export class Inexact extends DecimalException {
  static override __module__ = "decimal";
}
export class InvalidContext extends InvalidOperation {
  static override __module__ = "decimal";
}
export class Rounded extends DecimalException {
  static override __module__ = "decimal";
}
export class Subnormal extends DecimalException {
  static override __module__ = "decimal";
}
export class Overflow extends bases(Inexact, Rounded) {
  static __module__ = "decimal";
}
export class Underflow extends bases(Inexact, Rounded, Subnormal) {
  static __module__ = "decimal";
}
export class FloatOperation extends bases(DecimalException, PyTypeError) {
  static __module__ = "decimal";
}

// libmpdec's condition bits.
const MPD_Clamped = 1;
const MPD_Conversion_syntax = 2;
const MPD_Division_by_zero = 4;
const MPD_Division_impossible = 8;
const MPD_Division_undefined = 16;
const MPD_Fpu_error = 32;
const MPD_Inexact = 64;
const MPD_Invalid_context = 128;
const MPD_Invalid_operation = 256;
const MPD_Malloc_error = 512;
const MPD_Float_operation = 1024;
const MPD_Overflow = 2048;
const MPD_Rounded = 4096;
const MPD_Subnormal = 8192;
const MPD_Underflow = 16384;
const MPD_IEEE_Invalid =
  MPD_Conversion_syntax |
  MPD_Division_impossible |
  MPD_Division_undefined |
  MPD_Fpu_error |
  MPD_Invalid_context |
  MPD_Invalid_operation |
  MPD_Malloc_error;
const MPD_NUM_FLAGS = 15;

type SignalClass = Function;

/** `_decimal`'s signal_map: the signals in their order, with their bits. */
const SIGNAL_MAP: [SignalClass, number][] = [
  [InvalidOperation as unknown as SignalClass, MPD_IEEE_Invalid],
  [FloatOperation as unknown as SignalClass, MPD_Float_operation],
  [DivisionByZero as unknown as SignalClass, MPD_Division_by_zero],
  [Overflow as unknown as SignalClass, MPD_Overflow],
  [Underflow as unknown as SignalClass, MPD_Underflow],
  [Subnormal as unknown as SignalClass, MPD_Subnormal],
  [Inexact as unknown as SignalClass, MPD_Inexact],
  [Rounded as unknown as SignalClass, MPD_Rounded],
  [Clamped as unknown as SignalClass, MPD_Clamped],
];

/** `_decimal`'s cond_map: the conditions that make up InvalidOperation. */
const COND_MAP: [SignalClass, number][] = [
  [InvalidOperation as unknown as SignalClass, MPD_Invalid_operation],
  [ConversionSyntax as unknown as SignalClass, MPD_Conversion_syntax],
  [DivisionImpossible as unknown as SignalClass, MPD_Division_impossible],
  [DivisionUndefined as unknown as SignalClass, MPD_Division_undefined],
  [InvalidContext as unknown as SignalClass, MPD_Invalid_context],
];

/** The names libmpdec prints for each bit in a context's repr (`dec_signal_string`). */
const SIGNAL_STRING = [
  "Clamped",
  "InvalidOperation",
  "DivisionByZero",
  "InvalidOperation",
  "InvalidOperation",
  "InvalidOperation",
  "Inexact",
  "InvalidOperation",
  "InvalidOperation",
  "InvalidOperation",
  "FloatOperation",
  "Overflow",
  "Rounded",
  "Subnormal",
  "Underflow",
];

/** `mpd_lsnprint_signals`: the signals in `flags`, InvalidOperation named once. */
function signalNames(flags: number): string {
  const out: string[] = [];
  let invalidDone = false;
  for (let j = 0; j < MPD_NUM_FLAGS; j++) {
    if ((flags & (1 << j)) === 0) continue;
    if (((1 << j) & MPD_IEEE_Invalid) !== 0) {
      if (invalidDone) continue;
      invalidDone = true;
    }
    out.push(SIGNAL_STRING[j]!);
  }
  return `[${out.join(", ")}]`;
}

function signalBits(cls: unknown): number {
  for (const [c, bits] of SIGNAL_MAP) if (c === cls) return bits;
  throw new KeyError(
    "valid values for signals are:\n  [InvalidOperation, FloatOperation, DivisionByZero,\n   Overflow, Underflow, Subnormal, Inexact, Rounded,\n   Clamped]",
  );
}

/**
 * Bind the arguments of one of `_decimal`'s C functions (`PyArg_ParseTupleAndKeywords`), with
 * its TypeErrors; a missing optional argument is `undefined`.
 */
function cargs(args: unknown[], names: string[], required = 0): unknown[] {
  const [pos, kws] = takeKw(args);
  const given = pos.length + Object.keys(kws).length;
  if (given > names.length)
    throw new PyTypeError(
      `function takes at most ${names.length} argument${names.length === 1 ? "" : "s"} (${given} given)`,
    );
  const out: unknown[] = [...pos];
  for (const [k, v] of Object.entries(kws)) {
    const i = names.indexOf(k);
    if (i < 0) throw new PyTypeError(`this function got an unexpected keyword argument '${k}'`);
    if (i < pos.length)
      throw new PyTypeError(`argument for function given by name ('${k}') and position (${i + 1})`);
    out[i] = v;
  }
  for (let i = 0; i < required; i++)
    if (out[i] === undefined)
      throw new PyTypeError(`function missing required argument '${names[i]}' (pos ${i + 1})`);
  return out;
}

// ---------------------------------------------------------------- rounding modes

export const ROUND_DOWN = "ROUND_DOWN";
export const ROUND_HALF_UP = "ROUND_HALF_UP";
export const ROUND_HALF_EVEN = "ROUND_HALF_EVEN";
export const ROUND_CEILING = "ROUND_CEILING";
export const ROUND_FLOOR = "ROUND_FLOOR";
export const ROUND_UP = "ROUND_UP";
export const ROUND_HALF_DOWN = "ROUND_HALF_DOWN";
export const ROUND_05UP = "ROUND_05UP";
const ROUNDINGS = [
  ROUND_UP,
  ROUND_DOWN,
  ROUND_CEILING,
  ROUND_FLOOR,
  ROUND_HALF_UP,
  ROUND_HALF_DOWN,
  ROUND_HALF_EVEN,
  ROUND_05UP,
];

export const MAX_PREC = 999999999999999999n;
export const MAX_EMAX = 999999999999999999n;
export const MIN_EMIN = -999999999999999999n;
export const MIN_ETINY = MIN_EMIN - (MAX_PREC - 1n);
export const HAVE_THREADS = true;
export const HAVE_CONTEXTVAR = true;
export const __version__ = "1.70";
export const __libmpdec_version__ = "2.5.1";

function checkRounding(r: unknown): string {
  if (typeof r !== "string" || !ROUNDINGS.includes(r))
    throw new PyTypeError(
      "valid values for rounding are:\n  [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN,\n   ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN,\n   ROUND_05UP]",
    );
  return r;
}

// ---------------------------------------------------------------- Context

/** A context's `flags` or `traps` mapping (`_decimal`'s SignalDict), a view on its bits. */
class SignalDictImpl {
  declare _ctx: ContextImpl;
  declare _which: "_flags" | "_traps";

  _get(): number {
    return this._ctx[this._which];
  }
  __getitem__(key: unknown): boolean {
    return (this._get() & signalBits(key)) !== 0;
  }
  __setitem__(key: unknown, value: unknown): void {
    const bits = signalBits(key);
    if (truthy(value)) this._ctx[this._which] |= bits;
    else this._ctx[this._which] &= ~bits;
  }
  __contains__(key: unknown): boolean {
    return SIGNAL_MAP.some(([c]) => c === key);
  }
  __len__(): bigint {
    return BigInt(SIGNAL_MAP.length);
  }
  __iter__(): Iterator<unknown> {
    return SIGNAL_MAP.map(([c]) => c as unknown)[Symbol.iterator]();
  }
  keys(): unknown[] {
    return SIGNAL_MAP.map(([c]) => c);
  }
  values(): boolean[] {
    return SIGNAL_MAP.map(([, b]) => (this._get() & b) !== 0);
  }
  items(): Tuple[] {
    return SIGNAL_MAP.map(([c, b]) => new Tuple([c, (this._get() & b) !== 0]));
  }
  copy(): unknown {
    return new Dict(SIGNAL_MAP.map(([c, b]) => [c, (this._get() & b) !== 0] as const));
  }
  __eq__(other: unknown): unknown {
    if (other instanceof SignalDictImpl) return this._get() === other._get();
    return eq(this.copy(), other);
  }
  __repr__(): string {
    const parts = SIGNAL_MAP.map(
      ([c, b]) => `${repr(c)}:${(this._get() & b) !== 0 ? "True" : "False"}`,
    );
    return `{${parts.join(", ")}}`;
  }
}
libraryClass(SignalDictImpl, "SignalDictMixin", "decimal");

function makeSignalDict(ctx: ContextImpl, which: "_flags" | "_traps"): SignalDictImpl {
  const d = Object.create(SignalDictImpl.prototype) as SignalDictImpl;
  d._ctx = ctx;
  d._which = which;
  return d;
}

/** The bits of a `flags=`/`traps=` argument: a list of signals or a dict signal -> bool. */
function signalArg(v: unknown): number {
  let bits = 0;
  if (v instanceof SignalDictImpl) return v._get();
  if (v instanceof Dict) {
    if (v.size !== SIGNAL_MAP.length) throw new KeyError("invalid signal dict");
    for (const [c, b] of SIGNAL_MAP) {
      if (!v.__contains__(c)) throw new KeyError("invalid signal dict");
      if (truthy(v.__getitem__(c))) bits |= b;
    }
    return bits;
  }
  for (const s of iter(v)) bits |= signalBits(s);
  return bits;
}

function intArg(v: unknown): bigint {
  if (!isInt(v)) throw new PyTypeError("an integer is required");
  return toBigInt(v);
}

class ContextImpl {
  declare _prec: number;
  declare _rounding: string;
  declare _Emin: number;
  declare _Emax: number;
  declare _capitals: number;
  declare _clamp: number;
  declare _flags: number;
  declare _traps: number;

  constructor(...args: unknown[]) {
    const names = ["prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"];
    const bound = cargs(args, names);
    const vals: Record<string, unknown> = {};
    bound.forEach((v, i) => {
      vals[names[i]!] = v;
    });
    const tmpl = defaultTemplate;
    this._prec = tmpl?._prec ?? 28;
    this._rounding = tmpl?._rounding ?? ROUND_HALF_EVEN;
    this._Emin = tmpl?._Emin ?? -999999;
    this._Emax = tmpl?._Emax ?? 999999;
    this._capitals = tmpl?._capitals ?? 1;
    this._clamp = tmpl?._clamp ?? 0;
    this._flags = 0;
    this._traps = tmpl?._traps ?? MPD_IEEE_Invalid | MPD_Division_by_zero | MPD_Overflow;
    for (const name of names) {
      const v = vals[name];
      if (v !== undefined && v !== null) this.__setattr__(name, v);
    }
  }

  get prec(): bigint {
    return BigInt(this._prec);
  }
  set prec(v: unknown) {
    this.__setattr__("prec", v);
  }
  get rounding(): string {
    return this._rounding;
  }
  set rounding(v: unknown) {
    this.__setattr__("rounding", v);
  }
  get Emin(): bigint {
    return BigInt(this._Emin);
  }
  set Emin(v: unknown) {
    this.__setattr__("Emin", v);
  }
  get Emax(): bigint {
    return BigInt(this._Emax);
  }
  set Emax(v: unknown) {
    this.__setattr__("Emax", v);
  }
  get capitals(): bigint {
    return BigInt(this._capitals);
  }
  set capitals(v: unknown) {
    this.__setattr__("capitals", v);
  }
  get clamp(): bigint {
    return BigInt(this._clamp);
  }
  set clamp(v: unknown) {
    this.__setattr__("clamp", v);
  }
  get flags(): SignalDictImpl {
    return makeSignalDict(this, "_flags");
  }
  set flags(v: unknown) {
    this.__setattr__("flags", v);
  }
  get traps(): SignalDictImpl {
    return makeSignalDict(this, "_traps");
  }
  set traps(v: unknown) {
    this.__setattr__("traps", v);
  }

  __setattr__(name: string, v: unknown): void {
    switch (name) {
      case "prec": {
        const n = intArg(v);
        if (n < 1n || n > MAX_PREC) throw new ValueError("valid range for prec is [1, MAX_PREC]");
        this._prec = Number(n);
        return;
      }
      case "rounding":
        this._rounding = checkRounding(v);
        return;
      case "Emin": {
        const n = intArg(v);
        if (n > 0n || n < MIN_EMIN) throw new ValueError("valid range for Emin is [MIN_EMIN, 0]");
        this._Emin = Number(n);
        return;
      }
      case "Emax": {
        const n = intArg(v);
        if (n < 0n || n > MAX_EMAX) throw new ValueError("valid range for Emax is [0, MAX_EMAX]");
        this._Emax = Number(n);
        return;
      }
      case "capitals": {
        const n = intArg(v);
        if (n !== 0n && n !== 1n) throw new ValueError("valid values for capitals are 0 or 1");
        this._capitals = Number(n);
        return;
      }
      case "clamp": {
        const n = intArg(v);
        if (n !== 0n && n !== 1n) throw new ValueError("valid values for clamp are 0 or 1");
        this._clamp = Number(n);
        return;
      }
      case "flags":
        this._flags = signalArg(v);
        return;
      case "traps":
        this._traps = signalArg(v);
        return;
    }
    throw new AttributeError(`'decimal.Context' object has no attribute '${name}'`);
  }

  __repr__(): string {
    return (
      `Context(prec=${this._prec}, rounding=${this._rounding}, Emin=${this._Emin}, ` +
      `Emax=${this._Emax}, capitals=${this._capitals}, clamp=${this._clamp}, ` +
      `flags=${signalNames(this._flags)}, traps=${signalNames(this._traps)})`
    );
  }

  Etiny(): bigint {
    return BigInt(this._Emin - this._prec + 1);
  }
  Etop(): bigint {
    return BigInt(this._Emax - this._prec + 1);
  }
  _etiny(): number {
    return this._Emin - this._prec + 1;
  }
  _etop(): number {
    return this._Emax - this._prec + 1;
  }

  clear_flags(): null {
    this._flags = 0;
    return null;
  }
  clear_traps(): null {
    this._traps = 0;
    return null;
  }
  copy(): ContextImpl {
    const c = Object.create(ContextImpl.prototype) as ContextImpl;
    c._prec = this._prec;
    c._rounding = this._rounding;
    c._Emin = this._Emin;
    c._Emax = this._Emax;
    c._capitals = this._capitals;
    c._clamp = this._clamp;
    c._flags = this._flags;
    c._traps = this._traps;
    return c;
  }
  __copy__(): ContextImpl {
    return this.copy();
  }
  __reduce__(): Tuple {
    return new Tuple([
      Context,
      new Tuple([
        this.prec,
        this._rounding,
        this.Emin,
        this.Emax,
        this.capitals,
        this.clamp,
        SIGNAL_MAP.filter(([, b]) => (this._flags & b) !== 0).map(([c]) => c),
        SIGNAL_MAP.filter(([, b]) => (this._traps & b) !== 0).map(([c]) => c),
      ]),
    ]);
  }

  /** Record `status`; raise the first trapped signal with the list of trapped conditions. */
  _raise(status: number): void {
    this._flags |= status;
    const trapped = status & this._traps;
    if (trapped === 0) return;
    const list: unknown[] = [];
    for (const [c, b] of COND_MAP) if ((trapped & b) !== 0) list.push(c);
    for (const [c, b] of SIGNAL_MAP.slice(1)) if ((trapped & b) !== 0) list.push(c);
    for (const [c, b] of SIGNAL_MAP) {
      if ((trapped & b) !== 0) {
        const E = c as unknown as new (...a: unknown[]) => Error;
        throw new E(list);
      }
    }
  }

  create_decimal(num: unknown = "0"): DecimalImpl {
    return convertExact(num, this)._fix(this);
  }
  create_decimal_from_float(f: unknown): DecimalImpl {
    return DecimalImpl.from_float(f)._fix(this);
  }

  abs(a: unknown): DecimalImpl {
    return req(a).__abs__(this);
  }
  plus(a: unknown): DecimalImpl {
    return req(a)._plus(this);
  }
  minus(a: unknown): DecimalImpl {
    return req(a)._minus(this);
  }
  add(a: unknown, b: unknown): DecimalImpl {
    return req(a)._add(req(b), this);
  }
  subtract(a: unknown, b: unknown): DecimalImpl {
    return req(a)._add(req(b).copy_negate(), this, true);
  }
  multiply(a: unknown, b: unknown): DecimalImpl {
    return req(a)._mul(req(b), this);
  }
  divide(a: unknown, b: unknown): DecimalImpl {
    return req(a)._truediv(req(b), this);
  }
  divide_int(a: unknown, b: unknown): DecimalImpl {
    return req(a)._floordiv(req(b), this);
  }
  remainder(a: unknown, b: unknown): DecimalImpl {
    return req(a)._mod(req(b), this);
  }
  divmod(a: unknown, b: unknown): Tuple {
    return req(a)._divmod(req(b), this);
  }
  power(a: unknown, b: unknown): DecimalImpl {
    return req(a)._pow(req(b), this);
  }
  compare(a: unknown, b: unknown): DecimalImpl {
    return req(a).compare(b, kwContext(this));
  }
  max(a: unknown, b: unknown): DecimalImpl {
    return req(a).max(b, kwContext(this));
  }
  min(a: unknown, b: unknown): DecimalImpl {
    return req(a).min(b, kwContext(this));
  }
  quantize(a: unknown, b: unknown): DecimalImpl {
    return req(a)._quantize(req(b), this._rounding, this);
  }
  sqrt(a: unknown): DecimalImpl {
    return req(a)._sqrt(this);
  }
  exp(a: unknown): DecimalImpl {
    return req(a)._exp_(this);
  }
  ln(a: unknown): DecimalImpl {
    return req(a)._ln(this);
  }
  log10(a: unknown): DecimalImpl {
    return req(a)._log10(this);
  }
  normalize(a: unknown): DecimalImpl {
    return req(a)._normalize(this);
  }
  to_integral_value(a: unknown): DecimalImpl {
    return req(a)._toIntegral(this._rounding, this);
  }
  to_sci_string(a: unknown): string {
    return req(a).__str__();
  }
  to_eng_string(a: unknown): string {
    return req(a).to_eng_string(kwContext(this));
  }
}

function kwContext(ctx: ContextImpl): unknown {
  return new Kw({ context: ctx });
}

export const Context = libraryClass(ContextImpl, "Context", "decimal");
Object.defineProperty(ContextImpl, "__tp_name__", { value: "decimal.Context" });
export type Context = ContextImpl;

let defaultTemplate: ContextImpl | null = null;
export const DefaultContext: ContextImpl = new ContextImpl();
defaultTemplate = DefaultContext;
export const BasicContext: ContextImpl = new ContextImpl(
  9n,
  ROUND_HALF_UP,
  undefined,
  undefined,
  undefined,
  undefined,
  [],
  [InvalidOperation, DivisionByZero, Overflow, Underflow, Clamped],
);
export const ExtendedContext: ContextImpl = new ContextImpl(
  9n,
  ROUND_HALF_EVEN,
  undefined,
  undefined,
  undefined,
  undefined,
  [],
  [],
);

const CURRENT = new ContextVar<ContextImpl | null>("decimal_context");

/** `decimal.getcontext()`: the current context (a copy of DefaultContext at first use). */
export function getcontext(): ContextImpl {
  let ctx = CURRENT.get(null);
  if (ctx === null) {
    ctx = DefaultContext.copy();
    CURRENT.set(ctx);
  }
  return ctx;
}

/** `decimal.setcontext(ctx)` (the three template contexts are copied first, as in C). */
export function setcontext(ctx: unknown): null {
  if (!(ctx instanceof ContextImpl)) throw new PyTypeError("argument must be a context");
  if (ctx === DefaultContext || ctx === BasicContext || ctx === ExtendedContext) {
    ctx = ctx.copy();
    (ctx as ContextImpl)._flags = 0;
  }
  CURRENT.set(ctx as ContextImpl);
  return null;
}

class ContextManagerImpl {
  declare local: ContextImpl;
  declare global: ContextImpl | null;
  __enter__(): ContextImpl {
    this.global = getcontext();
    setcontext(this.local);
    return this.local;
  }
  __exit__(..._args: unknown[]): boolean {
    setcontext(this.global!);
    return false;
  }
}
libraryClass(ContextManagerImpl, "ContextManager", "decimal");

/** `decimal.localcontext(ctx=None, **kwargs)`. */
export function localcontext(...args: unknown[]): ContextManagerImpl {
  const names = ["ctx", "prec", "rounding", "Emin", "Emax", "capitals", "clamp", "flags", "traps"];
  const bound = cargs(args, names);
  const local = ctxArg(bound[0]).copy();
  for (let i = 1; i < names.length; i++) {
    const v = bound[i];
    if (v !== undefined && v !== null) local.__setattr__(names[i]!, v);
  }
  const m = Object.create(ContextManagerImpl.prototype) as ContextManagerImpl;
  m.local = local;
  m.global = null;
  return m;
}

// ---------------------------------------------------------------- Decimal

type Special = "" | "F" | "n" | "N";

export const DecimalTuple = namedtuple(
  "DecimalTuple",
  "sign digits exponent",
  new Kw({ module: "decimal" }),
);

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const allZeros = (s: string, from: number): boolean => /^0*$/.test(s.slice(from));
const exactHalf = (s: string, from: number): boolean => /^50*$/.test(s.slice(from));

function fromTriple(sign: number, coeff: string, exp: number, special: Special = ""): DecimalImpl {
  const d = Object.create(DecimalImpl.prototype) as DecimalImpl;
  d._sign = sign;
  d._int = coeff;
  d._exp = exp;
  d._special = special;
  return d;
}

const STR_PARSER =
  /^([-+])?(?:(?=\d|\.\d)(\d*)(?:\.(\d*))?(?:E([-+]?\d+))?|(Inf(?:inity)?)|(s)?NaN(\d*))$/i;

/** A Decimal from a string, exactly; ConversionSyntax gives NaN when not trapped. */
function parseDecimal(value: string, ctx: ContextImpl): DecimalImpl {
  const s = value.trim().replace(/_/g, "");
  const m = STR_PARSER.exec(s);
  if (m === null) {
    ctx._raise(MPD_Conversion_syntax);
    return fromTriple(0, "", 0, "n");
  }
  const sign = m[1] === "-" ? 1 : 0;
  if (m[2] !== undefined) {
    const frac = m[3] ?? "";
    const exp = Number(m[4] ?? "0");
    const coeff = `${BigInt(`${m[2]}${frac}` || "0")}`;
    return fromTriple(sign, coeff, exp - frac.length);
  }
  if (m[5] !== undefined) return fromTriple(sign, "0", 0, "F");
  const diag = (m[7] ?? "").replace(/^0+/, "");
  return fromTriple(sign, diag, 0, m[6] ? "N" : "n");
}

/** A Decimal from an exact value (`Decimal(value)`'s conversions). */
function convertExact(value: unknown, ctx: ContextImpl): DecimalImpl {
  if (value instanceof DecimalImpl) return value;
  if (typeof value === "string") return parseDecimal(value, ctx);
  if (isInt(value)) {
    const n = toBigInt(value);
    return fromTriple(n < 0n ? 1 : 0, `${n < 0n ? -n : n}`, 0);
  }
  if (value instanceof Tuple || Array.isArray(value)) {
    const items = value instanceof Tuple ? [...value.items] : (value as unknown[]);
    return fromTupleValue(items);
  }
  if (typeof value === "number") {
    ctx._raise(MPD_Float_operation);
    return DecimalImpl.from_float(value);
  }
  throw new PyTypeError(`conversion from ${typeName(value)} to Decimal is not supported`);
}

function fromTupleValue(items: unknown[]): DecimalImpl {
  if (items.length !== 3) throw new ValueError("argument must be a sequence of length 3");
  const [sign, digits, exp] = items;
  if (!isInt(sign) || (toBigInt(sign) !== 0n && toBigInt(sign) !== 1n))
    throw new ValueError("sign must be an integer with the value 0 or 1");
  const s = Number(toBigInt(sign));
  let special: Special = "";
  if (typeof exp === "string") {
    if (exp !== "F" && exp !== "n" && exp !== "N")
      throw new ValueError("string argument in the third position must be 'F', 'n' or 'N'");
    special = exp;
    if (exp === "F") return fromTriple(s, "0", 0, "F");
  } else if (!isInt(exp)) {
    throw new ValueError("exponent must be an integer");
  }
  const ds = digits instanceof Tuple ? digits.items : Array.isArray(digits) ? digits : null;
  if (ds === null) throw new ValueError("coefficient must be a tuple of digits");
  let coeff = "";
  for (const d of ds) {
    if (!isInt(d) || toBigInt(d) < 0n || toBigInt(d) > 9n)
      throw new ValueError("coefficient must be a tuple of digits");
    coeff += `${toBigInt(d)}`;
  }
  coeff = coeff.replace(/^0+/, "");
  if (special !== "") return fromTriple(s, coeff, 0, special);
  return fromTriple(s, coeff || "0", Number(toBigInt(exp as bigint)));
}

/** A `fractions.Fraction` (marked by fractions.ts), recognised without importing it. */
function isFraction(x: unknown): x is { numerator: bigint; denominator: bigint } {
  return (
    typeof x === "object" && x !== null && (x as { __fraction__?: true }).__fraction__ === true
  );
}

/** The operand of an arithmetic operator: a Decimal or an int, else null (NotImplemented). */
function convertOther(other: unknown): DecimalImpl | null {
  if (other instanceof DecimalImpl) return other;
  if (isInt(other)) return convertExact(other, getcontext());
  return null;
}

/** A Decimal argument of a method (`Unable to convert`, TypeError otherwise). */
function req(other: unknown): DecimalImpl {
  const d = convertOther(other);
  if (d === null)
    throw new PyTypeError(`conversion from ${typeName(other)} to Decimal is not supported`);
  return d;
}

/** The context a method was given (`context=`), or the current one. */
function ctxArg(c: unknown): ContextImpl {
  if (c === undefined || c === null) return getcontext();
  if (!(c instanceof ContextImpl)) throw new PyTypeError("optional argument must be a context");
  return c;
}

const ROUNDERS: Record<string, (d: DecimalImpl, prec: number) => number> = {
  ROUND_DOWN: (d, p) => (allZeros(d._int, p) ? 0 : -1),
  ROUND_UP: (d, p) => (allZeros(d._int, p) ? 0 : 1),
  ROUND_HALF_UP: (d, p) => roundHalfUp(d, p),
  ROUND_HALF_DOWN: (d, p) => (exactHalf(d._int, p) ? -1 : roundHalfUp(d, p)),
  ROUND_HALF_EVEN: (d, p) =>
    exactHalf(d._int, p) && (p === 0 || "02468".includes(d._int[p - 1]!)) ? -1 : roundHalfUp(d, p),
  ROUND_CEILING: (d, p) => {
    const down = allZeros(d._int, p) ? 0 : -1;
    return d._sign ? down : -down;
  },
  ROUND_FLOOR: (d, p) => {
    const down = allZeros(d._int, p) ? 0 : -1;
    return d._sign ? -down : down;
  },
  ROUND_05UP: (d, p) => {
    const down = allZeros(d._int, p) ? 0 : -1;
    return p && !"05".includes(d._int[p - 1]!) ? down : -down;
  },
};

function roundHalfUp(d: DecimalImpl, p: number): number {
  if ("56789".includes(d._int[p] ?? "")) return 1;
  return allZeros(d._int, p) ? 0 : -1;
}

const HASH_MODULUS = (1n << 61n) - 1n;
const HASH_10INV = 2075258708292324556n;

function powMod(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

class DecimalImpl {
  declare _sign: number;
  declare _int: string;
  declare _exp: number;
  declare _special: Special;
  /** Lets fractions.ts recognise a Decimal without importing this module. */
  declare __decimal__: true;

  constructor(...args: unknown[]) {
    const vals = cargs(args, ["value", "context"]);
    const value = vals[0] === undefined ? "0" : vals[0];
    const ctx = ctxArg(vals[1]);
    const d = convertExact(value, ctx);
    this._sign = d._sign;
    this._int = d._int;
    this._exp = d._exp;
    this._special = d._special;
  }

  static from_float(f: unknown): DecimalImpl {
    if (isInt(f)) return convertExact(f, getcontext());
    if (typeof f !== "number") throw new PyTypeError("argument must be int or float");
    if (Number.isNaN(f)) {
      return fromTriple(signBit(f) ? 1 : 0, "", 0, "n");
    }
    if (!Number.isFinite(f)) return fromTriple(f < 0 ? 1 : 0, "0", 0, "F");
    const sign = f < 0 || Object.is(f, -0) ? 1 : 0;
    const [n, d] = floatRatio(Math.abs(f));
    const k = d.toString(2).length - 1;
    return fromTriple(sign, `${n * 5n ** BigInt(k)}`, -k);
  }

  static from_number(x: unknown): DecimalImpl {
    if (isInt(x) || typeof x === "number") return DecimalImpl.from_float(x);
    if (x instanceof DecimalImpl) return x;
    throw new PyTypeError(`conversion from ${typeName(x)} to Decimal is not supported`);
  }

  // ---- predicates and accessors

  _isnan(): number {
    return this._special === "n" ? 1 : this._special === "N" ? 2 : 0;
  }
  _isinfinity(): number {
    return this._special === "F" ? (this._sign ? -1 : 1) : 0;
  }
  _nonzero(): boolean {
    return this._special !== "" || this._int !== "0";
  }
  adjusted(): bigint {
    return this._special !== "" ? 0n : BigInt(this._exp + this._int.length - 1);
  }
  _adjusted(): number {
    return this._exp + this._int.length - 1;
  }
  is_nan(): boolean {
    return this._special === "n" || this._special === "N";
  }
  is_qnan(): boolean {
    return this._special === "n";
  }
  is_snan(): boolean {
    return this._special === "N";
  }
  is_infinite(): boolean {
    return this._special === "F";
  }
  is_finite(): boolean {
    return this._special === "";
  }
  is_zero(): boolean {
    return this._special === "" && this._int === "0";
  }
  is_signed(): boolean {
    return this._sign === 1;
  }
  is_canonical(): boolean {
    return true;
  }
  is_normal(...args: unknown[]): boolean {
    const ctx = ctxArg(cargs(args, ["context"])[0]);
    if (this._special !== "" || this._int === "0") return false;
    return ctx._Emin <= this._adjusted();
  }
  is_subnormal(...args: unknown[]): boolean {
    const ctx = ctxArg(cargs(args, ["context"])[0]);
    if (this._special !== "" || this._int === "0") return false;
    return this._adjusted() < ctx._Emin;
  }
  canonical(): DecimalImpl {
    return this;
  }
  radix(): DecimalImpl {
    return fromTriple(0, "10", 0);
  }
  get real(): DecimalImpl {
    return this;
  }
  get imag(): DecimalImpl {
    return fromTriple(0, "0", 0);
  }
  conjugate(): DecimalImpl {
    return this;
  }

  as_tuple(): unknown {
    const digits =
      this._special === "F" ? [0n] : [...this._int].map((c) => BigInt(c.charCodeAt(0) - 48));
    const exp = this._special === "" ? BigInt(this._exp) : this._special;
    return (DecimalTuple as unknown as (...a: unknown[]) => unknown)(
      BigInt(this._sign),
      new Tuple(digits),
      exp,
    );
  }

  as_integer_ratio(): Tuple {
    if (this._special !== "") {
      if (this.is_nan()) throw new ValueError("cannot convert NaN to integer ratio");
      throw new OverflowError("cannot convert Infinity to integer ratio");
    }
    let n = BigInt(this._int);
    let d = 1n;
    if (this._exp >= 0) n *= pow10(this._exp);
    else d = pow10(-this._exp);
    const g = gcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
    return new Tuple([this._sign ? -n : n, d]);
  }

  copy_abs(): DecimalImpl {
    return fromTriple(0, this._int, this._exp, this._special);
  }
  copy_negate(): DecimalImpl {
    return fromTriple(this._sign ? 0 : 1, this._int, this._exp, this._special);
  }
  copy_sign(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    ctxArg(given);
    const o = req(other);
    return fromTriple(o._sign, this._int, this._exp, this._special);
  }

  // ---- string conversion

  __str__(): string {
    return this._toString(false, getcontext());
  }
  __repr__(): string {
    return `Decimal('${this.__str__()}')`;
  }
  to_eng_string(...args: unknown[]): string {
    return this._toString(true, ctxArg(cargs(args, ["context"])[0]));
  }

  _toString(eng: boolean, ctx: ContextImpl): string {
    const sign = this._sign ? "-" : "";
    if (this._special === "F") return `${sign}Infinity`;
    if (this._special === "n") return `${sign}NaN${this._int}`;
    if (this._special === "N") return `${sign}sNaN${this._int}`;
    const leftdigits = this._exp + this._int.length;
    let dotplace: number;
    if (this._exp <= 0 && leftdigits > -6) dotplace = leftdigits;
    else if (!eng) dotplace = 1;
    else if (this._int === "0") dotplace = ((((leftdigits + 1) % 3) + 3) % 3) - 1;
    else dotplace = ((((leftdigits - 1) % 3) + 3) % 3) + 1;
    let intpart: string;
    let fracpart: string;
    if (dotplace <= 0) {
      intpart = "0";
      fracpart = `.${"0".repeat(-dotplace)}${this._int}`;
    } else if (dotplace >= this._int.length) {
      intpart = this._int + "0".repeat(dotplace - this._int.length);
      fracpart = "";
    } else {
      intpart = this._int.slice(0, dotplace);
      fracpart = `.${this._int.slice(dotplace)}`;
    }
    let exp = "";
    if (leftdigits !== dotplace) {
      const e = leftdigits - dotplace;
      exp = `${ctx._capitals ? "E" : "e"}${e >= 0 ? "+" : ""}${e}`;
    }
    return sign + intpart + fracpart + exp;
  }

  // ---- NaN handling and rounding (_pydecimal's _fix)

  _fixNan(ctx: ContextImpl): DecimalImpl {
    let payload = this._int;
    const maxLen = ctx._prec - ctx._clamp;
    if (payload.length > maxLen) {
      payload = payload.slice(payload.length - maxLen).replace(/^0+/, "");
      return fromTriple(this._sign, payload, this._exp, this._special);
    }
    return this;
  }

  /** The NaN result of an operation on NaNs, or null (`_check_nans`). */
  _checkNans(other: DecimalImpl | null, ctx: ContextImpl): DecimalImpl | null {
    const a = this._isnan();
    const b = other === null ? 0 : other._isnan();
    if (a || b) {
      if (a === 2) return invalid(ctx, fromTriple(this._sign, this._int, 0, "n")._fixNan(ctx));
      if (b === 2) return invalid(ctx, fromTriple(other!._sign, other!._int, 0, "n")._fixNan(ctx));
      if (a) return this._fixNan(ctx);
      return other!._fixNan(ctx);
    }
    return null;
  }

  _fix(ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") return this.is_nan() ? this._fixNan(ctx) : this;
    const Etiny = ctx._etiny();
    const Etop = ctx._etop();
    if (this._int === "0") {
      const expMax = ctx._clamp ? Etop : ctx._Emax;
      const newExp = Math.min(Math.max(this._exp, Etiny), expMax);
      if (newExp !== this._exp) {
        ctx._raise(MPD_Clamped);
        return fromTriple(this._sign, "0", newExp);
      }
      return this;
    }
    let expMin = this._int.length + this._exp - ctx._prec;
    if (expMin > Etop) return overflow(ctx, this._sign);
    const subnormal = expMin < Etiny;
    if (subnormal) expMin = Etiny;
    if (this._exp < expMin) {
      let self: DecimalImpl = this;
      let digits = this._int.length + this._exp - expMin;
      if (digits < 0) {
        self = fromTriple(this._sign, "1", expMin - 1);
        digits = 0;
      }
      const changed = ROUNDERS[ctx._rounding]!(self, digits);
      let coeff = self._int.slice(0, digits) || "0";
      if (changed > 0) {
        coeff = `${BigInt(coeff) + 1n}`;
        if (coeff.length > ctx._prec) {
          coeff = coeff.slice(0, -1);
          expMin += 1;
        }
      }
      let status = 0;
      if (expMin > Etop) return overflow(ctx, this._sign);
      const ans = fromTriple(this._sign, coeff, expMin);
      if (changed && subnormal) status |= MPD_Underflow;
      if (subnormal) status |= MPD_Subnormal;
      if (changed) status |= MPD_Inexact;
      status |= MPD_Rounded;
      if (ans._int === "0") status |= MPD_Clamped;
      ctx._raise(status);
      return ans;
    }
    if (subnormal) ctx._raise(MPD_Subnormal);
    if (ctx._clamp === 1 && this._exp > Etop) {
      ctx._raise(MPD_Clamped);
      return fromTriple(this._sign, this._int + "0".repeat(this._exp - Etop), Etop);
    }
    return this;
  }

  _rescale(exp: number, rounding: string): DecimalImpl {
    if (this._special !== "") return this;
    if (this._int === "0") return fromTriple(this._sign, "0", exp);
    if (this._exp >= exp)
      return fromTriple(this._sign, this._int + "0".repeat(this._exp - exp), exp);
    let self: DecimalImpl = this;
    let digits = this._int.length + this._exp - exp;
    if (digits < 0) {
      self = fromTriple(this._sign, "1", exp - 1);
      digits = 0;
    }
    const changed = ROUNDERS[rounding]!(self, digits);
    let coeff = self._int.slice(0, digits) || "0";
    if (changed === 1) coeff = `${BigInt(coeff) + 1n}`;
    return fromTriple(this._sign, coeff, exp);
  }

  _round(places: number, rounding: string): DecimalImpl {
    if (this._special !== "" || this._int === "0") return this;
    let ans = this._rescale(this._adjusted() + 1 - places, rounding);
    if (ans._adjusted() !== this._adjusted())
      ans = ans._rescale(ans._adjusted() + 1 - places, rounding);
    return ans;
  }

  // ---- comparisons and hashing

  _cmp(other: DecimalImpl): number {
    if (this._special !== "" || other._special !== "") {
      const a = this._isinfinity();
      const b = other._isinfinity();
      return a === b ? 0 : a < b ? -1 : 1;
    }
    const sz = this._int === "0";
    const oz = other._int === "0";
    if (sz) return oz ? 0 : other._sign ? 1 : -1;
    if (oz) return this._sign ? -1 : 1;
    if (other._sign < this._sign) return -1;
    if (this._sign < other._sign) return 1;
    const sa = this._adjusted();
    const oa = other._adjusted();
    const s = this._sign ? -1 : 1;
    if (sa === oa) {
      const sp = this._int + "0".repeat(Math.max(0, this._exp - other._exp));
      const op = other._int + "0".repeat(Math.max(0, other._exp - this._exp));
      if (sp === op) return 0;
      return (sp.length < op.length || (sp.length === op.length && sp < op) ? -1 : 1) * s;
    }
    return (sa > oa ? 1 : -1) * s;
  }

  /** The other operand of a comparison, scaled for a Fraction; null for NotImplemented. */
  _comparand(other: unknown, equality: boolean): [DecimalImpl, DecimalImpl] | null {
    if (other instanceof DecimalImpl) return [this, other];
    if (isInt(other)) return [this, convertExact(other, getcontext())];
    if (isFraction(other)) {
      const self =
        this._special !== ""
          ? this
          : fromTriple(this._sign, `${BigInt(this._int) * other.denominator}`, this._exp);
      return [self, convertExact(other.numerator, getcontext())];
    }
    if (typeof other === "number") {
      const ctx = getcontext();
      if (equality) ctx._flags |= MPD_Float_operation;
      else ctx._raise(MPD_Float_operation);
      return [this, DecimalImpl.from_float(other)];
    }
    return null;
  }

  __eq__(other: unknown): unknown {
    const p = this._comparand(other, true);
    if (p === null) return NotImplemented;
    const [a, b] = p;
    if (a.is_snan() || b.is_snan()) {
      getcontext()._raise(MPD_Invalid_operation);
      return false;
    }
    if (a.is_nan() || b.is_nan()) return false;
    return a._cmp(b) === 0;
  }
  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }
  _order(other: unknown, test: (c: number) => boolean): unknown {
    const p = this._comparand(other, false);
    if (p === null) return NotImplemented;
    const [a, b] = p;
    if (a.is_nan() || b.is_nan()) {
      getcontext()._raise(MPD_Invalid_operation);
      return false;
    }
    return test(a._cmp(b));
  }
  __lt__(other: unknown): unknown {
    return this._order(other, (c) => c < 0);
  }
  __le__(other: unknown): unknown {
    return this._order(other, (c) => c <= 0);
  }
  __gt__(other: unknown): unknown {
    return this._order(other, (c) => c > 0);
  }
  __ge__(other: unknown): unknown {
    return this._order(other, (c) => c >= 0);
  }

  compare(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    const ctx = ctxArg(given);
    const o = req(other);
    if (this._special !== "" || o._special !== "") {
      const n = this._checkNans(o, ctx);
      if (n !== null) return n;
    }
    const c = this._cmp(o);
    return fromTriple(c < 0 ? 1 : 0, c === 0 ? "0" : "1", 0);
  }

  __hash__(): bigint {
    if (this._special !== "") {
      if (this.is_snan()) throw new PyTypeError("Cannot hash a signaling NaN value");
      if (this.is_nan()) return hashPointer(this);
      return this._sign ? -314159n : 314159n;
    }
    const expHash =
      this._exp >= 0
        ? powMod(10n, BigInt(this._exp), HASH_MODULUS)
        : powMod(HASH_10INV, BigInt(-this._exp), HASH_MODULUS);
    const h = (BigInt(this._int) * expHash) % HASH_MODULUS;
    const ans = this._sign && this._int !== "0" ? -h : h;
    return ans === -1n ? -2n : ans;
  }

  /** The int or float equal to this Decimal, the same dict key (dict.ts), if there is one. */
  get __number_key__(): bigint | number | undefined {
    if (this._special !== "")
      return this._special === "F" ? (this._sign ? -Infinity : Infinity) : undefined;
    const t = this.as_integer_ratio();
    return numberKey(t.items[0] as bigint, t.items[1] as bigint);
  }

  __bool__(): boolean {
    return this._nonzero();
  }

  // ---- unary operations

  _plus(ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
    }
    const ans =
      this._int === "0" && this._special === "" && ctx._rounding !== ROUND_FLOOR
        ? this.copy_abs()
        : this;
    return ans._fix(ctx);
  }
  _minus(ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
    }
    const ans =
      this._int === "0" && this._special === "" && ctx._rounding !== ROUND_FLOOR
        ? this.copy_abs()
        : this.copy_negate();
    return ans._fix(ctx);
  }
  __pos__(): DecimalImpl {
    return this._plus(getcontext());
  }
  __neg__(): DecimalImpl {
    return this._minus(getcontext());
  }
  __abs__(ctx: ContextImpl = getcontext()): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
    }
    return this._sign ? this._minus(ctx) : this._plus(ctx);
  }

  // ---- arithmetic

  _add(other: DecimalImpl, ctx: ContextImpl, subtracting = false): DecimalImpl {
    if (this._special !== "" || other._special !== "") {
      const n = this._checkNans(subtracting ? other.copy_negate() : other, ctx);
      if (n !== null) return n;
      if (this._isinfinity()) {
        if (this._sign !== other._sign && other._isinfinity()) return invalid(ctx);
        return this;
      }
      if (other._isinfinity()) return other;
    }
    let exp = Math.min(this._exp, other._exp);
    const negativezero = ctx._rounding === ROUND_FLOOR && this._sign !== other._sign ? 1 : 0;
    const sz = this._int === "0";
    const oz = other._int === "0";
    if (sz && oz) {
      const sign = negativezero ? 1 : Math.min(this._sign, other._sign);
      return fromTriple(sign, "0", exp)._fix(ctx);
    }
    if (sz) {
      exp = Math.max(exp, other._exp - ctx._prec - 1);
      return other._rescale(exp, ctx._rounding)._fix(ctx);
    }
    if (oz) {
      exp = Math.max(exp, this._exp - ctx._prec - 1);
      return this._rescale(exp, ctx._rounding)._fix(ctx);
    }
    // _normalize: bring both to a common exponent, the smaller one reduced to a sticky digit
    // when it lies entirely below the precision.
    let [a, b] = [work(this), work(other)];
    let swapped = false;
    if (a.exp < b.exp) {
      [a, b] = [b, a];
      swapped = true;
    }
    const tmpLen = `${b.int}`.length;
    const otherLen = `${a.int}`.length;
    const expLimit = a.exp + Math.min(-1, otherLen - ctx._prec - 2);
    if (tmpLen + b.exp - 1 < expLimit) {
      b.int = 1n;
      b.exp = expLimit;
    }
    a.int *= pow10(a.exp - b.exp);
    a.exp = b.exp;
    if (swapped) [a, b] = [b, a];
    let sign: number;
    if (a.sign !== b.sign) {
      if (a.int === b.int) return fromTriple(negativezero, "0", exp)._fix(ctx);
      if (a.int < b.int) [a, b] = [b, a];
      sign = a.sign;
      const r = a.int - b.int;
      return fromTriple(sign, `${r}`, a.exp)._fix(ctx);
    }
    sign = a.sign;
    return fromTriple(sign, `${a.int + b.int}`, a.exp)._fix(ctx);
  }

  _mul(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const sign = this._sign ^ other._sign;
    if (this._special !== "" || other._special !== "") {
      const n = this._checkNans(other, ctx);
      if (n !== null) return n;
      if (this._isinfinity()) {
        if (!other._nonzero()) return invalid(ctx);
        return fromTriple(sign, "0", 0, "F");
      }
      if (other._isinfinity()) {
        if (!this._nonzero()) return invalid(ctx);
        return fromTriple(sign, "0", 0, "F");
      }
    }
    const exp = this._exp + other._exp;
    if (this._int === "0" || other._int === "0") return fromTriple(sign, "0", exp)._fix(ctx);
    return fromTriple(sign, `${BigInt(this._int) * BigInt(other._int)}`, exp)._fix(ctx);
  }

  _truediv(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const sign = this._sign ^ other._sign;
    if (this._special !== "" || other._special !== "") {
      const n = this._checkNans(other, ctx);
      if (n !== null) return n;
      if (this._isinfinity() && other._isinfinity()) return invalid(ctx);
      if (this._isinfinity()) return fromTriple(sign, "0", 0, "F");
      if (other._isinfinity()) {
        ctx._raise(MPD_Clamped);
        return fromTriple(sign, "0", ctx._etiny());
      }
    }
    if (other._int === "0") {
      if (this._int === "0") return invalid(ctx, undefined, MPD_Division_undefined);
      ctx._raise(MPD_Division_by_zero);
      return fromTriple(sign, "0", 0, "F");
    }
    let exp: number;
    let coeff: bigint;
    if (this._int === "0") {
      exp = this._exp - other._exp;
      coeff = 0n;
    } else {
      const shift = other._int.length - this._int.length + ctx._prec + 1;
      exp = this._exp - other._exp - shift;
      const a = BigInt(this._int);
      const b = BigInt(other._int);
      let rem: bigint;
      if (shift >= 0) {
        const x = a * pow10(shift);
        coeff = x / b;
        rem = x % b;
      } else {
        const y = b * pow10(-shift);
        coeff = a / y;
        rem = a % y;
      }
      if (rem !== 0n) {
        if (coeff % 5n === 0n) coeff += 1n;
      } else {
        const ideal = this._exp - other._exp;
        while (exp < ideal && coeff % 10n === 0n) {
          coeff /= 10n;
          exp += 1;
        }
      }
    }
    return fromTriple(sign, `${coeff}`, exp)._fix(ctx);
  }

  /** `_divide`: the integer quotient and the remainder, or DivisionImpossible. */
  _divide(other: DecimalImpl, ctx: ContextImpl): [DecimalImpl, DecimalImpl] {
    const sign = this._sign ^ other._sign;
    const ideal = other._isinfinity() ? this._exp : Math.min(this._exp, other._exp);
    const expdiff = this._adjusted() - other._adjusted();
    if (this._int === "0" || other._isinfinity() || expdiff <= -2)
      return [fromTriple(sign, "0", 0), this._rescale(ideal, ctx._rounding)];
    if (expdiff <= ctx._prec) {
      let a = BigInt(this._int);
      let b = BigInt(other._int);
      if (this._exp >= other._exp) a *= pow10(this._exp - other._exp);
      else b *= pow10(other._exp - this._exp);
      const q = a / b;
      const r = a % b;
      if (q < pow10(ctx._prec))
        return [fromTriple(sign, `${q}`, 0), fromTriple(this._sign, `${r}`, ideal)];
    }
    const ans = invalid(ctx, undefined, MPD_Division_impossible);
    return [ans, ans];
  }

  _floordiv(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(other, ctx);
    if (n !== null) return n;
    if (this._isinfinity()) {
      if (other._isinfinity()) return invalid(ctx);
      return fromTriple(this._sign ^ other._sign, "0", 0, "F");
    }
    if (other._int === "0" && other._special === "") {
      if (this._nonzero()) {
        ctx._raise(MPD_Division_by_zero);
        return fromTriple(this._sign ^ other._sign, "0", 0, "F");
      }
      return invalid(ctx, undefined, MPD_Division_undefined);
    }
    return this._divide(other, ctx)[0];
  }

  _mod(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(other, ctx);
    if (n !== null) return n;
    if (this._isinfinity()) return invalid(ctx);
    if (other._int === "0" && other._special === "") {
      if (this._nonzero()) return invalid(ctx);
      return invalid(ctx, undefined, MPD_Division_undefined);
    }
    return this._divide(other, ctx)[1]._fix(ctx);
  }

  _divmod(other: DecimalImpl, ctx: ContextImpl): Tuple {
    const n = this._checkNans(other, ctx);
    if (n !== null) return new Tuple([n, n]);
    const sign = this._sign ^ other._sign;
    if (this._isinfinity()) {
      if (other._isinfinity()) {
        const a = invalid(ctx);
        return new Tuple([a, a]);
      }
      const q = fromTriple(sign, "0", 0, "F");
      return new Tuple([q, invalid(ctx)]);
    }
    if (other._int === "0" && other._special === "") {
      if (this._int === "0") {
        const a = invalid(ctx, undefined, MPD_Division_undefined);
        return new Tuple([a, a]);
      }
      ctx._raise(MPD_Division_by_zero | MPD_Invalid_operation);
      return new Tuple([fromTriple(sign, "0", 0, "F"), fromTriple(0, "", 0, "n")]);
    }
    const [q, r] = this._divide(other, ctx);
    return new Tuple([q, r._fix(ctx)]);
  }

  /** Whether a finite value is an integer (`_isinteger`). */
  _isinteger(): boolean {
    if (this._special !== "") return false;
    return this._exp >= 0 || /^0*$/.test(this._int.slice(this._exp));
  }

  /**
   * `x ** y` as libmpdec's `mpd_qpow` computes it for an integral `y`: the special cases, the
   * exact powers of one, then `_mpd_qpow_int`'s binary exponentiation at a working precision of
   * `prec + digits(y) + 2` with ROUND_HALF_EVEN, rounded once more at the end (so results match
   * CPython's digit for digit, also where that is not the correctly rounded value). A finite
   * non-integral exponent needs exp/ln, which this module does not have: ValueError.
   */
  _pow(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(other, ctx);
    if (n !== null) return n;
    const intexp = other._isinteger();
    const sign =
      intexp && this._sign === 1 && BigInt(other._rescale(0, ROUND_DOWN)._int) % 2n === 1n ? 1 : 0;
    if (!this._nonzero()) {
      if (!other._nonzero()) return invalid(ctx);
      return other._sign ? infinity(sign) : fromTriple(sign, "0", 0);
    }
    if (this._sign === 1 && (!intexp || other._isinfinity())) return invalid(ctx);
    if (other._isinfinity()) {
      const cmp = this.copy_abs()._cmp(ONE);
      if (cmp === 0) {
        ctx._raise(MPD_Inexact | MPD_Rounded);
        return fromTriple(sign, `1${"0".repeat(ctx._prec - 1)}`, 1 - ctx._prec);
      }
      return cmp * (other._sign ? -1 : 1) < 0 ? fromTriple(sign, "0", 0) : infinity(sign);
    }
    if (this._isinfinity()) {
      if (!other._nonzero()) return fromTriple(sign, "1", 0);
      return other._sign ? fromTriple(sign, "0", 0) : infinity(sign);
    }
    if (!other._nonzero()) return fromTriple(sign, "1", 0);
    if (this._cmp(ONE) === 0) {
      // _qcheck_pow_one: 1.000 ** 3 == 1.000000000.
      let shift: number;
      if (intexp) {
        if (other._sign) return fromTriple(sign, "1", 0);
        const m = BigInt(other._rescale(0, ROUND_DOWN)._int) * BigInt(-this._exp);
        shift = m > BigInt(ctx._prec - 1) ? ctx._prec - 1 : Number(m);
        if (m > BigInt(ctx._prec - 1)) ctx._raise(MPD_Rounded);
      } else {
        shift = ctx._prec - 1;
        ctx._raise(MPD_Inexact | MPD_Rounded);
      }
      return fromTriple(sign, `1${"0".repeat(shift)}`, -shift);
    }
    const e = BigInt(other._rescale(0, ROUND_DOWN)._int);
    // _qcheck_pow_bounds: a result certainly beyond the exponent range.
    const expDigits = (k: number): number => `${Math.abs(k)}`.length;
    const t = this._adjusted();
    let lbZeta: number;
    if (t > 0) lbZeta = expDigits(t) - 1;
    else if (t < -1) lbZeta = expDigits(t + 1) - 1;
    else {
      const wide = ctx.copy();
      wide._prec = 999999999;
      wide._Emax = 999999999;
      wide._Emin = -999999999;
      wide._traps = 0;
      const u = this.copy_abs()._add(ONE.copy_negate(), wide)._adjusted();
      lbZeta = t === 0 ? u - 2 : u - 1;
    }
    const lbTheta = other._adjusted();
    if (((t < 0 ? 1 : 0) ^ other._sign) === 0) {
      if (expDigits(ctx._Emax) < lbZeta + lbTheta)
        return fromTriple(sign, "1", ctx._Emax + ctx._prec + 1)._fix(ctx);
    } else if (expDigits(ctx._etiny()) < lbZeta + lbTheta) {
      return fromTriple(sign, "1", ctx._etiny() - 1)._fix(ctx);
    }
    if (!intexp) return this._powReal(other, ctx);
    // _mpd_qpow_int
    const work = ctx.copy();
    work._prec = ctx._prec + other._int.length + other._exp + 2;
    work._rounding = ROUND_HALF_EVEN;
    work._clamp = 0;
    work._flags = 0;
    work._traps = 0;
    let tbase: DecimalImpl = this;
    if (other._sign) {
      work._prec += 1;
      tbase = ONE._truediv(this, work);
      if (work._flags & (MPD_IEEE_Invalid | MPD_Division_by_zero)) {
        ctx._raise(work._flags);
        return fromTriple(0, "", 0, "n");
      }
    }
    let result = tbase;
    const bits = e.toString(2);
    for (let i = 1; i < bits.length; i++) {
      result = result._mul(result, work);
      if (bits[i] === "1") result = result._mul(tbase, work);
      if (result._special !== "" || (result._int === "0" && work._flags & MPD_Clamped)) break;
    }
    result = fromTriple(sign, result._int, result._exp, result._special);
    if (result._isinfinity()) result = fromTriple(sign, "1", ctx._Emax + ctx._prec + 1);
    // The conditions of the steps and of the final rounding are raised together, once.
    const fin = ctx.copy();
    fin._flags = 0;
    fin._traps = 0;
    result = result._fix(fin);
    ctx._raise(work._flags | fin._flags);
    return result;
  }

  /**
   * `x ** y` for x > 0, x != 1 and a finite non-integral y, as libmpdec's `_mpd_qpow_real`:
   * exp(ln(x) * y) with the correctly rounded `ln` and `exp` at a working precision of
   * max(digits(x), prec) + 23 digits, then rounded to the context (always Inexact and Rounded).
   */
  _powReal(other: DecimalImpl, ctx: ContextImpl): DecimalImpl {
    const work = ctx.copy();
    work._prec = Math.max(this._int.length, ctx._prec) + 4 + 19;
    work._rounding = ROUND_HALF_EVEN;
    work._Emax = Number(MAX_EMAX);
    work._Emin = Number(MIN_EMIN);
    work._clamp = 0;
    work._flags = 0;
    work._traps = 0;
    let r = this._ln(work)._mul(other, work);
    const expCtx = work.copy();
    expCtx._flags = 0;
    r = r._exp_(expCtx);
    let status = (work._flags & (MPD_IEEE_Invalid | MPD_Division_by_zero)) | expCtx._flags;
    status |= MPD_Inexact | MPD_Rounded;
    if (r._special === "" && r._cmp(ONE) === 0) {
      const shift = ctx._prec - 1;
      r = fromTriple(r._sign, r._int + "0".repeat(shift), r._exp - shift);
    }
    if (r._isinfinity()) r = fromTriple(r._sign, "1", ctx._Emax + ctx._prec + 1);
    const fin = ctx.copy();
    fin._flags = 0;
    fin._traps = 0;
    r = r._fix(fin);
    ctx._raise(status | fin._flags);
    return r;
  }

  __add__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._add(d, getcontext());
  }
  __radd__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._add(this, getcontext());
  }
  __sub__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._add(d.copy_negate(), getcontext(), true);
  }
  __rsub__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._add(this.copy_negate(), getcontext(), true);
  }
  __mul__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._mul(d, getcontext());
  }
  __rmul__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._mul(this, getcontext());
  }
  __truediv__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._truediv(d, getcontext());
  }
  __rtruediv__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._truediv(this, getcontext());
  }
  __floordiv__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._floordiv(d, getcontext());
  }
  __rfloordiv__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._floordiv(this, getcontext());
  }
  __mod__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._mod(d, getcontext());
  }
  __rmod__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._mod(this, getcontext());
  }
  __divmod__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : this._divmod(d, getcontext());
  }
  __rdivmod__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._divmod(this, getcontext());
  }
  __pow__(o: unknown, mod?: unknown): unknown {
    if (mod !== undefined && mod !== null)
      throw new PyTypeError("three-argument pow() with a Decimal is not supported by asyncio-ts");
    const d = convertOther(o);
    return d === null ? NotImplemented : this._pow(d, getcontext());
  }
  __rpow__(o: unknown): unknown {
    const d = convertOther(o);
    return d === null ? NotImplemented : d._pow(this, getcontext());
  }

  // ---- exp, ln, log10 (correctly rounded, as libmpdec's are; `_pydecimal`'s algorithms)

  exp(...args: unknown[]): DecimalImpl {
    return this._exp_(ctxArg(cargs(args, ["context"])[0]));
  }
  _exp_(ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(null, ctx);
    if (n !== null) return n;
    if (this._isinfinity() === -1) return fromTriple(0, "0", 0);
    if (!this._nonzero()) return fromTriple(0, "1", 0);
    if (this._isinfinity() === 1) return this;
    const p = ctx._prec;
    const adj = this._adjusted();
    let ans: DecimalImpl;
    if (this._sign === 0 && adj > `${(ctx._Emax + 1) * 3}`.length) {
      ans = fromTriple(0, "1", ctx._Emax + 1);
    } else if (this._sign === 1 && adj > `${(-ctx._etiny() + 1) * 3}`.length) {
      ans = fromTriple(0, "1", ctx._etiny() - 1);
    } else if (this._sign === 0 && adj < -p) {
      ans = fromTriple(0, `1${"0".repeat(p - 1)}1`, -p);
    } else if (this._sign === 1 && adj < -p - 1) {
      ans = fromTriple(0, "9".repeat(p + 1), -p - 1);
    } else {
      const c = this._sign ? -BigInt(this._int) : BigInt(this._int);
      let extra = 3;
      let coeff: bigint;
      let exp: number;
      for (;;) {
        [coeff, exp] = dexp(c, this._exp, p + extra);
        if (!roundingAmbiguous(coeff, p)) break;
        extra += 3;
      }
      ans = fromTriple(0, `${coeff}`, exp);
    }
    return roundHalfEven(ans, ctx);
  }

  _lnExpBound(): number {
    const adj = this._adjusted();
    if (adj >= 1) return `${Math.floor((adj * 23) / 10)}`.length - 1;
    if (adj <= -2) return `${Math.floor(((-1 - adj) * 23) / 10)}`.length - 1;
    const c = BigInt(this._int);
    const e = this._exp;
    if (adj === 0) {
      const num = `${c - pow10(-e)}`;
      const den = `${c}`;
      return num.length - den.length - (pyStrLess(num, den) ? 1 : 0);
    }
    return e + `${pow10(-e) - c}`.length - 1;
  }

  ln(...args: unknown[]): DecimalImpl {
    return this._ln(ctxArg(cargs(args, ["context"])[0]));
  }
  _ln(ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(null, ctx);
    if (n !== null) return n;
    if (!this._nonzero()) return infinity(1);
    if (this._isinfinity() === 1) return this;
    if (this._cmp(ONE) === 0) return fromTriple(0, "0", 0);
    if (this._sign === 1) return invalid(ctx);
    const c = BigInt(this._int);
    const p = ctx._prec;
    let places = p - this._lnExpBound() + 2;
    let coeff: bigint;
    for (;;) {
      coeff = dlog(c, this._exp, places);
      if (!roundingAmbiguous(coeff, p)) break;
      places += 3;
    }
    const ans = fromTriple(coeff < 0n ? 1 : 0, `${coeff < 0n ? -coeff : coeff}`, -places);
    return roundHalfEven(ans, ctx);
  }

  _log10ExpBound(): number {
    const adj = this._adjusted();
    if (adj >= 1) return `${adj}`.length - 1;
    if (adj <= -2) return `${-1 - adj}`.length - 1;
    const c = BigInt(this._int);
    const e = this._exp;
    if (adj === 0) {
      const num = `${c - pow10(-e)}`;
      const den = `${231n * c}`;
      return num.length - den.length - (pyStrLess(num, den) ? 1 : 0) + 2;
    }
    const num = `${pow10(-e) - c}`;
    return num.length + e - (pyStrLess(num, "231") ? 1 : 0) - 1;
  }

  log10(...args: unknown[]): DecimalImpl {
    return this._log10(ctxArg(cargs(args, ["context"])[0]));
  }
  _log10(ctx: ContextImpl): DecimalImpl {
    const n = this._checkNans(null, ctx);
    if (n !== null) return n;
    if (!this._nonzero()) return infinity(1);
    if (this._isinfinity() === 1) return this;
    if (this._sign === 1) return invalid(ctx);
    let ans: DecimalImpl;
    if (/^10*$/.test(this._int)) {
      const v = this._exp + this._int.length - 1;
      ans = fromTriple(v < 0 ? 1 : 0, `${Math.abs(v)}`, 0);
    } else {
      const c = BigInt(this._int);
      const p = ctx._prec;
      let places = p - this._log10ExpBound() + 2;
      let coeff: bigint;
      for (;;) {
        coeff = dlog10(c, this._exp, places);
        if (!roundingAmbiguous(coeff, p)) break;
        places += 3;
      }
      ans = fromTriple(coeff < 0n ? 1 : 0, `${coeff < 0n ? -coeff : coeff}`, -places);
    }
    return roundHalfEven(ans, ctx);
  }

  // ---- conversions

  _toInt(rounding: string): bigint {
    if (this._special !== "") {
      if (this.is_nan()) throw new ValueError("cannot convert NaN to integer");
      throw new OverflowError("cannot convert Infinity to integer");
    }
    const r = this._rescale(0, rounding);
    const n = BigInt(r._int);
    return r._sign ? -n : n;
  }
  __int__(): bigint {
    return this._toInt(ROUND_DOWN);
  }
  __trunc__(): bigint {
    return this._toInt(ROUND_DOWN);
  }
  __floor__(): bigint {
    return this._toInt(ROUND_FLOOR);
  }
  __ceil__(): bigint {
    return this._toInt(ROUND_CEILING);
  }
  __float__(): number {
    if (this.is_nan()) {
      if (this.is_snan()) throw new ValueError("cannot convert signaling NaN to float");
      return this._sign ? -Number.NaN : Number.NaN;
    }
    if (this._special === "F") return this._sign ? -Infinity : Infinity;
    return Number(this._toString(false, getcontext()).replace("e", "E"));
  }
  __round__(n?: unknown): unknown {
    if (n === undefined || n === null) return this._toInt(ROUND_HALF_EVEN);
    if (!isInt(n)) throw new PyTypeError("optional arg must be an integer");
    const q = fromTriple(0, "1", -Number(toBigInt(n)));
    const ctx = getcontext();
    return this._quantize(q, ctx._rounding, ctx);
  }
  __complex__(): never {
    throw new PyTypeError("complex numbers are not supported by asyncio-ts");
  }

  // ---- quantize and friends

  quantize(...args: unknown[]): DecimalImpl {
    const [exp, r, given] = cargs(args, ["exp", "rounding", "context"], 1);
    const ctx = ctxArg(given);
    const rounding = r === undefined || r === null ? ctx._rounding : checkRounding(r);
    return this._quantize(req(exp), rounding, ctx);
  }

  _quantize(exp: DecimalImpl, rounding: string, ctx: ContextImpl): DecimalImpl {
    if (this._special !== "" || exp._special !== "") {
      const n = this._checkNans(exp, ctx);
      if (n !== null) return n;
      if (exp._isinfinity() || this._isinfinity()) {
        if (exp._isinfinity() && this._isinfinity()) return this;
        return invalid(ctx);
      }
    }
    if (!(ctx._etiny() <= exp._exp && exp._exp <= ctx._Emax)) return invalid(ctx);
    if (this._int === "0") return fromTriple(this._sign, "0", exp._exp)._fix(ctx);
    const adj = this._adjusted();
    if (adj > ctx._Emax) return invalid(ctx);
    if (adj - exp._exp + 1 > ctx._prec) return invalid(ctx);
    const ans = this._rescale(exp._exp, rounding);
    if (ans._adjusted() > ctx._Emax) return invalid(ctx);
    if (ans._int.length > ctx._prec) return invalid(ctx);
    let status = 0;
    if (ans._int !== "0" && ans._adjusted() < ctx._Emin) status |= MPD_Subnormal;
    if (ans._exp > this._exp) {
      if (ans._cmp(this) !== 0) status |= MPD_Inexact;
      status |= MPD_Rounded;
    }
    if (status) ctx._raise(status);
    return ans._fix(ctx);
  }

  same_quantum(...args: unknown[]): boolean {
    const [other, given] = cargs(args, ["other", "context"], 1);
    ctxArg(given);
    const o = req(other);
    if (this._special !== "" || o._special !== "")
      return (this.is_nan() && o.is_nan()) || (this.is_infinite() && o.is_infinite());
    return this._exp === o._exp;
  }

  _toIntegral(rounding: string, ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
      return this;
    }
    if (this._exp >= 0) return this;
    return this._rescale(0, rounding);
  }
  to_integral_value(...args: unknown[]): DecimalImpl {
    const [r, given] = cargs(args, ["rounding", "context"]);
    const ctx = ctxArg(given);
    return this._toIntegral(r === undefined || r === null ? ctx._rounding : checkRounding(r), ctx);
  }
  to_integral(...args: unknown[]): DecimalImpl {
    return this.to_integral_value(...args);
  }
  to_integral_exact(...args: unknown[]): DecimalImpl {
    const [r, given] = cargs(args, ["rounding", "context"]);
    const ctx = ctxArg(given);
    const rounding = r === undefined || r === null ? ctx._rounding : checkRounding(r);
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      return n ?? this;
    }
    if (this._exp >= 0) return this;
    if (this._int === "0") return fromTriple(this._sign, "0", 0);
    const ans = this._rescale(0, rounding);
    ctx._raise((ans._cmp(this) !== 0 ? MPD_Inexact : 0) | MPD_Rounded);
    return ans;
  }

  normalize(...args: unknown[]): DecimalImpl {
    return this._normalize(ctxArg(cargs(args, ["context"])[0]));
  }
  _normalize(ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
    }
    const dup = this._fix(ctx);
    if (dup._isinfinity()) return dup;
    if (dup._int === "0") return fromTriple(dup._sign, "0", 0);
    const expMax = ctx._clamp ? ctx._etop() : ctx._Emax;
    let end = dup._int.length;
    let exp = dup._exp;
    while (dup._int[end - 1] === "0" && exp < expMax) {
      exp += 1;
      end -= 1;
    }
    return fromTriple(dup._sign, dup._int.slice(0, end), exp);
  }

  sqrt(...args: unknown[]): DecimalImpl {
    return this._sqrt(ctxArg(cargs(args, ["context"])[0]));
  }
  _sqrt(ctx: ContextImpl): DecimalImpl {
    if (this._special !== "") {
      const n = this._checkNans(null, ctx);
      if (n !== null) return n;
      if (this._isinfinity() && this._sign === 0) return this;
    }
    if (!this._nonzero()) return fromTriple(this._sign, "0", Math.floor(this._exp / 2))._fix(ctx);
    if (this._sign === 1) return invalid(ctx);
    const prec = ctx._prec + 1;
    let e = this._exp >> 1;
    let c: bigint;
    let l: number;
    if (this._exp & 1) {
      c = BigInt(this._int) * 10n;
      l = (this._int.length >> 1) + 1;
    } else {
      c = BigInt(this._int);
      l = (this._int.length + 1) >> 1;
    }
    const shift = prec - l;
    let exact: boolean;
    if (shift >= 0) {
      c *= 100n ** BigInt(shift);
      exact = true;
    } else {
      const div = 100n ** BigInt(-shift);
      exact = c % div === 0n;
      c /= div;
    }
    e -= shift;
    let n = pow10(prec);
    for (;;) {
      const q = c / n;
      if (n <= q) break;
      n = (n + q) >> 1n;
    }
    exact = exact && n * n === c;
    if (exact) {
      if (shift >= 0) n /= pow10(shift);
      else n *= pow10(-shift);
      e += shift;
    } else if (n % 5n === 0n) {
      n += 1n;
    }
    const work = ctx.copy();
    work._rounding = ROUND_HALF_EVEN;
    work._flags = 0;
    work._traps = 0;
    const ans = fromTriple(0, `${n}`, e)._fix(work);
    ctx._raise(work._flags);
    return ans;
  }

  max(...args: unknown[]): DecimalImpl {
    return this._minmax(args, true);
  }
  min(...args: unknown[]): DecimalImpl {
    return this._minmax(args, false);
  }
  _minmax(args: unknown[], isMax: boolean): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    const ctx = ctxArg(given);
    const o = req(other);
    if (this._special !== "" || o._special !== "") {
      const sn = this._isnan();
      const on = o._isnan();
      if (sn || on) {
        if (on === 1 && sn === 0) return this._fix(ctx);
        if (sn === 1 && on === 0) return o._fix(ctx);
        return this._checkNans(o, ctx)!;
      }
    }
    let c = this._cmp(o);
    if (c === 0) c = this._compareTotal(o);
    if (isMax) return (c === -1 ? o : this)._fix(ctx);
    return (c === -1 ? this : o)._fix(ctx);
  }

  compare_signal(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    const ctx = ctxArg(given);
    const o = req(other);
    // `_compare_check_nans`: the first signalling NaN, else the first NaN, made quiet.
    const nan = [this, o].find((d) => d.is_snan()) ?? [this, o].find((d) => d.is_qnan());
    if (nan !== undefined)
      return invalid(ctx, fromTriple(nan._sign, nan._int, 0, "n")._fixNan(ctx));
    return this.compare(o, kwContext(ctx));
  }

  compare_total(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    ctxArg(given);
    return fromTriple(0, "0", 0)._plusMinus(totalOrder(this, req(other)));
  }
  compare_total_mag(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    ctxArg(given);
    return fromTriple(0, "0", 0)._plusMinus(totalOrder(this.copy_abs(), req(other).copy_abs()));
  }
  /** -1, 0 or 1 as a Decimal. */
  _plusMinus(c: number): DecimalImpl {
    return fromTriple(c < 0 ? 1 : 0, c === 0 ? "0" : "1", 0);
  }

  logb(...args: unknown[]): DecimalImpl {
    const ctx = ctxArg(cargs(args, ["context"])[0]);
    const n = this._checkNans(null, ctx);
    if (n !== null) return n;
    if (this._isinfinity()) return infinity(0);
    if (!this._nonzero()) {
      ctx._raise(MPD_Division_by_zero);
      return infinity(1);
    }
    const a = this._adjusted();
    return fromTriple(a < 0 ? 1 : 0, `${Math.abs(a)}`, 0)._fix(ctx);
  }

  scaleb(...args: unknown[]): DecimalImpl {
    const [other, given] = cargs(args, ["other", "context"], 1);
    const ctx = ctxArg(given);
    const o = req(other);
    const n = this._checkNans(o, ctx);
    if (n !== null) return n;
    if (o._special !== "" || o._exp !== 0) return invalid(ctx);
    const k = BigInt(o._int) * (o._sign ? -1n : 1n);
    const lim = 2n * BigInt(ctx._Emax + ctx._prec);
    if (k < -lim || k > lim) return invalid(ctx);
    if (this._isinfinity()) return this;
    return fromTriple(this._sign, this._int, this._exp + Number(k))._fix(ctx);
  }

  next_plus(...args: unknown[]): DecimalImpl {
    return this._nextStep(ctxArg(cargs(args, ["context"])[0]), true);
  }
  next_minus(...args: unknown[]): DecimalImpl {
    return this._nextStep(ctxArg(cargs(args, ["context"])[0]), false);
  }
  _nextStep(ctx: ContextImpl, up: boolean): DecimalImpl {
    const n = this._checkNans(null, ctx);
    if (n !== null) return n;
    const inf = this._isinfinity();
    if (inf === (up ? 1 : -1)) return this;
    if (inf !== 0) return fromTriple(up ? 1 : 0, "9".repeat(ctx._prec), ctx._etop());
    const work = ctx.copy();
    work._rounding = up ? ROUND_CEILING : ROUND_FLOOR;
    work._flags = 0;
    work._traps = 0;
    const fixed = this._fix(work);
    if (fixed._cmp(this) !== 0) return fixed;
    const tiny = fromTriple(up ? 0 : 1, "1", work._etiny() - 1);
    return this._add(tiny, work);
  }

  number_class(...args: unknown[]): string {
    const ctx = ctxArg(cargs(args, ["context"])[0]);
    if (this.is_snan()) return "sNaN";
    if (this.is_qnan()) return "NaN";
    const sign = this._sign ? "-" : "+";
    if (this._isinfinity()) return `${sign}Infinity`;
    if (this.is_zero()) return `${sign}Zero`;
    if (this._adjusted() < ctx._Emin) return `${sign}Subnormal`;
    return `${sign}Normal`;
  }

  /** compare_total for two equal finite values: the sign, then the exponent. */
  _compareTotal(o: DecimalImpl): number {
    if (this._sign && !o._sign) return -1;
    if (!this._sign && o._sign) return 1;
    if (this._special !== "" || o._special !== "") return 0;
    if (this._exp === o._exp) return 0;
    const lower = this._exp < o._exp;
    return this._sign ? (lower ? 1 : -1) : lower ? -1 : 1;
  }

  // ---- formatting

  __format__(spec: unknown, ..._rest: unknown[]): string {
    if (typeof spec !== "string")
      throw new PyTypeError(`format spec must be a string, not ${typeName(spec)}`);
    return formatDecimal(this, spec, getcontext());
  }

  __reduce__(): Tuple {
    return new Tuple([Decimal, new Tuple([this.__str__()])]);
  }
  __copy__(): DecimalImpl {
    return this;
  }
  __deepcopy__(_memo: unknown): DecimalImpl {
    return this;
  }
}
Object.defineProperty(DecimalImpl.prototype, "__decimal__", { value: true });

function work(d: DecimalImpl): { sign: number; int: bigint; exp: number } {
  return { sign: d._sign, int: BigInt(d._int), exp: d._exp };
}

// ---------------------------------------------------------------- exp and logarithms
// `_pydecimal`'s integer algorithms: the results are correctly rounded, as libmpdec's are.

/** Python's `a // b` on bigints. */
function fdiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function divNearest(a: bigint, b: bigint): bigint {
  const q = fdiv(a, b);
  const r = a - q * b;
  return 2n * r + (q & 1n) > b ? q + 1n : q;
}

function rshiftNearest(x: bigint, shift: number): bigint {
  const s = BigInt(shift);
  const b = 1n << s;
  const q = x >> s;
  return 2n * (x & (b - 1n)) + (q & 1n) > b ? q + 1n : q;
}

function sqrtNearest(n: bigint, a: bigint): bigint {
  let b = 0n;
  while (a !== b) [b, a] = [a, (a - fdiv(-n, a)) >> 1n];
  return a;
}

const absBig = (x: bigint): bigint => (x < 0n ? -x : x);
const bitLen = (x: bigint): number => (x === 0n ? 0 : absBig(x).toString(2).length);
const taylorTerms = (M: bigint, L: number): number => Math.ceil((10 * `${M}`.length) / (3 * L));

/** Python's `<` on two digit strings (lexicographic). */
function pyStrLess(a: string, b: string): boolean {
  return a < b;
}

/** `_ilog`: M * log(x / M), to within 1. */
function ilog(x: bigint, M: bigint, L = 8): bigint {
  let y = x - M;
  let R = 0;
  while (
    (R <= L && absBig(y) << BigInt(L - R) >= M) ||
    (R > L && absBig(y) >> BigInt(R - L) >= M)
  ) {
    y = divNearest((M * y) << 1n, M + sqrtNearest(M * (M + rshiftNearest(y, R)), M));
    R += 1;
  }
  const T = taylorTerms(M, L);
  const yshift = rshiftNearest(y, R);
  let w = divNearest(M, BigInt(T));
  for (let k = T - 1; k > 0; k--) w = divNearest(M, BigInt(k)) - divNearest(yshift * w, M);
  return divNearest(w * y, M);
}

let log10Digits = "23025850929940456840179914546843642076011014886";

/** `_log10_digits`: the first p + 1 digits of ln(10) as an int. */
function log10DigitsOf(p: number): bigint {
  if (p >= log10Digits.length) {
    let extra = 3;
    let digits: string;
    for (;;) {
      const M = pow10(p + extra + 2);
      digits = `${divNearest(ilog(10n * M, M), 100n)}`;
      if (!digits.endsWith("0".repeat(extra))) break;
      extra += 3;
    }
    log10Digits = digits.replace(/0+$/, "").slice(0, -1);
  }
  return BigInt(log10Digits.slice(0, p + 1));
}

function dlog10(c: bigint, e: number, p: number): bigint {
  p += 2;
  const l = `${c}`.length;
  const f = e + l - (e + l >= 1 ? 1 : 0);
  let logD: bigint;
  let logTenpower: bigint;
  if (p > 0) {
    const M = pow10(p);
    const k = e + p - f;
    const cc = k >= 0 ? c * pow10(k) : divNearest(c, pow10(-k));
    logD = ilog(cc, M);
    logD = divNearest(logD * M, log10DigitsOf(p));
    logTenpower = BigInt(f) * M;
  } else {
    logD = 0n;
    logTenpower = divNearest(BigInt(f), pow10(-p));
  }
  return divNearest(logTenpower + logD, 100n);
}

function dlog(c: bigint, e: number, p: number): bigint {
  p += 2;
  const l = `${c}`.length;
  const f = e + l - (e + l >= 1 ? 1 : 0);
  let logD = 0n;
  if (p > 0) {
    const k = e + p - f;
    const cc = k >= 0 ? c * pow10(k) : divNearest(c, pow10(-k));
    logD = ilog(cc, pow10(p));
  }
  let fLogTen = 0n;
  if (f) {
    const extra = `${Math.abs(f)}`.length - 1;
    if (p + extra >= 0) fLogTen = divNearest(BigInt(f) * log10DigitsOf(p + extra), pow10(extra));
  }
  return divNearest(fLogTen + logD, 100n);
}

function iexp(x: bigint, M: bigint, L = 8): bigint {
  const R = bitLen(fdiv(x << BigInt(L), M));
  const T = taylorTerms(M, L);
  let y = divNearest(x, BigInt(T));
  let Mshift = M << BigInt(R);
  for (let i = T - 1; i > 0; i--) y = divNearest(x * (Mshift + y), Mshift * BigInt(i));
  for (let k = R - 1; k >= 0; k--) {
    Mshift = M << BigInt(k + 2);
    y = divNearest(y * (y + Mshift), Mshift);
  }
  return M + y;
}

function dexp(c: bigint, e: number, p: number): [bigint, number] {
  p += 2;
  const extra = Math.max(0, e + `${c}`.length - 1);
  const q = p + extra;
  const shift = e + q;
  const cshift = shift >= 0 ? c * pow10(shift) : fdiv(c, pow10(-shift));
  const l10 = log10DigitsOf(q);
  const quot = fdiv(cshift, l10);
  let rem = cshift - quot * l10;
  rem = divNearest(rem, pow10(extra));
  return [divNearest(iexp(rem, pow10(p)), 1000n), Number(quot) - p + 3];
}

/**
 * Whether `coeff`, with more digits than the precision p, ends in 5 followed by zeros at p + 1
 * digits (`coeff % (5 * 10**(len(str(coeff)) - p - 1)) == 0`): rounding it could be wrong.
 */
function roundingAmbiguous(coeff: bigint, p: number): boolean {
  const k = `${absBig(coeff)}`.length - p - 1;
  if (k >= 0) return coeff % (5n * pow10(k)) === 0n;
  return Number(coeff) % (5 * 10 ** k) === 0;
}

/** `ans._fix` under a copy of the context with ROUND_HALF_EVEN. */
function roundHalfEven(ans: DecimalImpl, ctx: ContextImpl): DecimalImpl {
  const work = ctx.copy();
  work._rounding = ROUND_HALF_EVEN;
  work._flags = 0;
  work._traps = 0;
  const r = ans._fix(work);
  ctx._raise(work._flags);
  return r;
}

/** `compare_total`: IEEE 754's total order, -1, 0 or 1. */
function totalOrder(a: DecimalImpl, b: DecimalImpl): number {
  if (a._sign && !b._sign) return -1;
  if (!a._sign && b._sign) return 1;
  const s = a._sign ? -1 : 1;
  const an = a._isnan();
  const bn = b._isnan();
  if (an || bn) {
    if (an === bn) {
      if (a._int.length !== b._int.length) return (a._int.length < b._int.length ? -1 : 1) * s;
      if (a._int !== b._int) return (a._int < b._int ? -1 : 1) * s;
      return 0;
    }
    // A quiet NaN is above a signalling one, and both above every number.
    const rank = (x: number) => (x === 1 ? 2 : x === 2 ? 1 : 0);
    return (rank(an) > rank(bn) ? 1 : -1) * s;
  }
  const c = a._cmp(b);
  if (c !== 0) return c;
  if (a._special !== "" || b._special !== "") return 0;
  if (a._exp < b._exp) return -s;
  if (a._exp > b._exp) return s;
  return 0;
}

const ONE = fromTriple(0, "1", 0);

function infinity(sign: number): DecimalImpl {
  return fromTriple(sign, "0", 0, "F");
}

/** Raise an invalid-operation condition (`cond`) and return the quiet NaN result. */
function invalid(
  ctx: ContextImpl,
  result?: DecimalImpl,
  cond = MPD_Invalid_operation,
): DecimalImpl {
  ctx._raise(cond);
  return result ?? fromTriple(0, "", 0, "n");
}

/** Overflow: the signals, and infinity or the largest finite number per the rounding. */
function overflow(ctx: ContextImpl, sign: number): DecimalImpl {
  ctx._raise(MPD_Overflow | MPD_Inexact | MPD_Rounded);
  const r = ctx._rounding;
  if (
    r === ROUND_HALF_UP ||
    r === ROUND_HALF_EVEN ||
    r === ROUND_HALF_DOWN ||
    r === ROUND_UP ||
    (sign === 0 && r === ROUND_CEILING) ||
    (sign === 1 && r === ROUND_FLOOR)
  )
    return fromTriple(sign, "0", 0, "F");
  return fromTriple(sign, "9".repeat(ctx._prec), ctx._Emax - ctx._prec + 1);
}

// ---------------------------------------------------------------- __format__

const FORMAT_SPEC =
  /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?((?!0)\d+)?(,)?(?:\.(0|(?!0)\d+))?([eEfFgGn%])?$/;

function formatDecimal(value: DecimalImpl, specStr: string, ctx: ContextImpl): string {
  const m = FORMAT_SPEC.exec(specStr);
  if (m === null) throw new ValueError("invalid format string");
  const fill = m[1];
  const align = m[2];
  const signSpec = m[3] ?? "-";
  const noNeg0 = m[4] !== undefined;
  const alt = m[5] !== undefined;
  const zeropad = m[6] !== undefined;
  const width = Number(m[7] ?? "0");
  const sep = m[8] ?? "";
  let precision: number | null = m[9] === undefined ? null : Number(m[9]);
  let type = m[10] ?? null;
  if (zeropad && (fill !== undefined || align !== undefined))
    throw new ValueError("invalid format string");
  const spec = {
    fill: fill ?? " ",
    align: align ?? ">",
    sign: signSpec,
    alt,
    width,
    sep,
    zeropad,
    type: "",
  };
  if (type === "n" && sep) throw new ValueError("invalid format string");
  if (precision === 0 && (type === null || "gGn".includes(type))) precision = 1;
  if (type === "n") type = "g";
  if (value._special !== "") {
    const sign = formatSign(value._sign === 1, spec.sign);
    let body = value.copy_abs()._toString(false, ctx);
    if (type === "%") body += "%";
    // The '0' flag pads infinities and NaNs with spaces, as libmpdec does.
    return formatAlign(sign, body, { ...spec, zeropad: false });
  }
  let self = value;
  const t = type ?? (ctx._capitals ? "G" : "g");
  spec.type = t;
  if (t === "%") self = fromTriple(self._sign, self._int, self._exp + 2);
  const rounding = ctx._rounding;
  if (precision !== null) {
    if ("eE".includes(t)) self = self._round(precision + 1, rounding);
    else if ("fF%".includes(t)) self = self._rescale(-precision, rounding);
    else if ("gG".includes(t) && self._int.length > precision)
      self = self._round(precision, rounding);
  }
  if (self._int === "0" && self._exp > 0 && "fF%".includes(t)) self = self._rescale(0, rounding);
  const negative = self._int === "0" && noNeg0 && self._sign === 1 ? false : self._sign === 1;
  const leftdigits = self._exp + self._int.length;
  let dotplace: number;
  if ("eE".includes(t)) dotplace = self._int === "0" && precision !== null ? 1 - precision : 1;
  else if ("fF%".includes(t)) dotplace = leftdigits;
  else dotplace = self._exp <= 0 && leftdigits > -6 ? leftdigits : 1;
  let intpart: string;
  let fracpart: string;
  if (dotplace < 0) {
    intpart = "0";
    fracpart = "0".repeat(-dotplace) + self._int;
  } else if (dotplace > self._int.length) {
    intpart = self._int + "0".repeat(dotplace - self._int.length);
    fracpart = "";
  } else {
    intpart = self._int.slice(0, dotplace) || "0";
    fracpart = self._int.slice(dotplace);
  }
  const exp = leftdigits - dotplace;
  // _format_number
  const sign = formatSign(negative, spec.sign);
  if (fracpart || spec.alt) fracpart = `.${fracpart}`;
  if (exp !== 0 || "eE".includes(t)) {
    const echar = t === "E" || t === "G" ? "E" : "e";
    fracpart += `${echar}${exp >= 0 ? "+" : ""}${exp}`;
  }
  if (t === "%") fracpart += "%";
  const minWidth = spec.zeropad ? spec.width - fracpart.length - sign.length : 0;
  intpart = insertThousandsSep(intpart, spec.sep, minWidth);
  return formatAlign(sign, intpart + fracpart, spec);
}

function formatSign(negative: boolean, sign: string): string {
  if (negative) return "-";
  return sign === " " || sign === "+" ? sign : "";
}

function formatAlign(
  sign: string,
  body: string,
  spec: { fill: string; align: string; width: number; zeropad: boolean },
): string {
  if (spec.zeropad) {
    const padding = "0".repeat(Math.max(0, spec.width - sign.length - body.length));
    return sign + padding + body;
  }
  const padding = spec.fill.repeat(Math.max(0, spec.width - sign.length - body.length));
  switch (spec.align) {
    case "<":
      return sign + body + padding;
    case "=":
      return sign + padding + body;
    case "^": {
      const half = Math.floor(padding.length / 2);
      return padding.slice(0, half) + sign + body + padding.slice(half);
    }
    default:
      return padding + sign + body;
  }
}

function insertThousandsSep(digits: string, sep: string, minWidth: number): string {
  if (!sep) return digits.padStart(Math.max(minWidth, 1), "0");
  const groups: string[] = [];
  for (;;) {
    const l = Math.min(Math.max(digits.length, minWidth, 1), 3);
    groups.push(
      "0".repeat(Math.max(0, l - digits.length)) + digits.slice(Math.max(0, digits.length - l)),
    );
    digits = digits.slice(0, Math.max(0, digits.length - l));
    minWidth -= l;
    if (!digits && minWidth <= 0) break;
    minWidth -= sep.length;
  }
  return groups.reverse().join(sep);
}

export const Decimal = libraryClass(DecimalImpl, "Decimal", "decimal");
Object.defineProperty(DecimalImpl, "__tp_name__", { value: "decimal.Decimal" });
export type Decimal = DecimalImpl;
