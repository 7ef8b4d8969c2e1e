/**
 * Python's builtin functions and builtin type objects.
 *
 * Type objects (`int`, `str`, `list`, `tuple`, `dict`, ...) are plain callables with a
 * `__name__`, so `int("12")` and `type(1) === int` both work; `isinstance` understands them
 * (types.ts). Keyword arguments arrive as a final `Kw`: `sorted(xs, kw({ key: f, reverse: true }))`.
 */

import { ByteArray, Bytes, bytesCallArgs, bytesFromDunder, makeBytesData } from "./bytes";
import { eq, gt, lt } from "./compare";
import { Dict, DictItems, DictKeys, DictValues, mergeInto } from "./dict";
import {
  IndexError,
  OverflowError,
  TypeError as PyTypeError,
  StopIteration,
  SystemExit,
  ValueError,
  ZeroDivisionError,
} from "./exceptions";
import { formatFloatFixed } from "./floatfmt";
import { format } from "./format";
import { decomposeFloat, hash } from "./hash";
import { input, print } from "./io";
import { Kw } from "./kw";
import { sortList } from "./list";
import { fromBytes, fromhex as fromhexArgs } from "./numbermethods";
import {
  floatDivmod,
  floatToInt,
  index,
  intFloorDiv,
  intMod,
  intPowMod,
  intToFloat,
  isInt,
  NEGATIVE_NAN,
  ratioToFloat,
  roundFloatToInt,
  roundIntNegative,
  toBigInt,
} from "./numbers";
import {
  defineType,
  id,
  markBuiltinClass,
  NotImplemented,
  nativeType,
  PY_TYPE,
  type TypeObject,
} from "./objects";
import { add, pow as powOp } from "./operators";
import {
  asIterator,
  call,
  callable,
  contains,
  delattr,
  getattr,
  hasattr,
  iter,
  len,
  lenOf,
  next,
  objectDelattr,
  objectGetattribute,
  objectSetattr,
  Slice,
  setattr,
  toArray,
  truthy,
  vars,
} from "./protocol";
import { ascii, intMaxStrDigits, repr, str as strImpl } from "./repr";
import { FrozenSet, PySet } from "./set";
import { PY_WHITESPACE, strBase, strMethods } from "./str";
import { Tuple } from "./tuple";
import { isClass, isinstance, issubclass, typeName, typeOf } from "./types";

// ---------------------------------------------------------------- keyword helpers

/** CPython's "f() takes no keyword arguments" of a builtin taking positional arguments only. */
function refuseKw(args: unknown[], fname: string): void {
  if (args.some((a) => a instanceof Kw))
    throw new PyTypeError(`${fname}() takes no keyword arguments`);
}

function takeKw(args: unknown[], fname: string, allowed: string[]): Record<string, unknown> {
  const n = args.length;
  if (n === 0 || !(args[n - 1] instanceof Kw)) return {};
  const k = (args.pop() as Kw).kwargs as Record<string, unknown>;
  for (const key of Object.keys(k)) {
    if (!allowed.includes(key)) {
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${key}'`);
    }
  }
  return k;
}

// ---------------------------------------------------------------- numbers: int, float, bool

const WS_CLASS = `[${PY_WHITESPACE.replace(/[\]\\^-]/g, "\\$&")}]`;
const STRIP_RE = new RegExp(`^${WS_CLASS}+|${WS_CLASS}+$`, "g");

function stripWs(s: string): string {
  return s.replace(STRIP_RE, "");
}

const NON_ASCII = /[^\x00-\x7f]/;
const WS_CHAR = new RegExp(WS_CLASS);
const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * What int() and float() parse of a str with non-ASCII characters, as CPython's
 * `_PyUnicode_TransformDecimalAndSpaceToASCII` makes it: whitespace becomes " ", a decimal digit
 * of any script (`٤`, `𝟘`) its ASCII digit, anything else "?" (never valid).
 */
function decimalAndSpaceToAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (WS_CHAR.test(ch)) out += " ";
    else if (DECIMAL_DIGIT.test(ch)) out += String(decimalDigit(cp));
    else out += "?";
  }
  return out;
}

/**
 * The value of a decimal digit (Unicode category Nd). Unicode encodes them only in runs of ten,
 * 0 to 9, so the value is how many digits precede it in its stretch of digits, modulo 10.
 */
function decimalDigit(cp: number): number {
  let n = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(cp - n - 1))) n++;
  return n % 10;
}

/**
 * The value of a short plain decimal (ASCII digits, an optional minus, at most 15 digits, so that
 * a double holds it exactly), or NaN for anything else. The common case of int(str): a digit loop
 * and BigInt(number) are about three times faster than a regular expression and BigInt(string).
 */
function shortDecimal(text: string): number {
  const n = text.length;
  const neg = n > 1 && text.charCodeAt(0) === 45; // "-"
  const from = neg ? 1 : 0;
  if (n === 0 || n - from > 15) return Number.NaN;
  let v = 0;
  for (let i = from; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** A plain decimal integer (ASCII digits, optional minus): the common case, parsed by BigInt. */
const PLAIN_DECIMAL = /^-?[0-9]{1,300}$/;

/** Parse a str as int() does. */
export function parseInt_(text: string, base: number, orig: unknown): bigint {
  if (base === 10) {
    const v = shortDecimal(text);
    // An int32 is converted inline by V8 (`| 0` shows it one); a bigger double by a call.
    if (v >= -0x80000000 && v <= 0x7fffffff) return BigInt(v | 0);
    if (!Number.isNaN(v)) return BigInt(v);
    if (PLAIN_DECIMAL.test(text)) return BigInt(text);
  }
  // CPython's "%.200R": the repr cut to 200 characters
  const err = () =>
    new ValueError(
      `invalid literal for int() with base ${base}: ${Array.from(repr(orig)).slice(0, 200).join("")}`,
    );
  let s = stripWs(decimalAndSpaceToAscii(text));
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let b = base;
  const lower = s.slice(0, 2).toLowerCase();
  const prefixBase = lower === "0x" ? 16 : lower === "0o" ? 8 : lower === "0b" ? 2 : 0;
  if (prefixBase && (b === 0 || b === prefixBase)) {
    b = prefixBase;
    s = s.slice(2);
    if (s.startsWith("_")) s = s.slice(1);
  } else if (b === 0) {
    b = 10;
    if (/^0+(_?0)*$/.test(s)) return 0n;
    if (s.startsWith("0")) throw err();
  }
  if (s === "" || s.startsWith("_") || s.endsWith("_") || s.includes("__")) throw err();
  s = s.replace(/_/g, "");
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
  const limit = intMaxStrDigits.limit;
  if (limit > 0 && s.length > limit && (b & (b - 1)) !== 0) {
    for (const ch of s.toLowerCase()) if (!digits.includes(ch)) throw err();
    throw new ValueError(
      `Exceeds the limit (${limit} digits) for integer string conversion: ` +
        `value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  let v = 0n;
  const bb = BigInt(b);
  if (b === 10 && /^[0-9]+$/.test(s)) v = BigInt(s);
  else {
    for (const ch of s.toLowerCase()) {
      const d = digits.indexOf(ch);
      if (d < 0) throw err();
      v = v * bb + BigInt(d);
    }
  }
  return neg ? -v : v;
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Parse a str as float() does. */
export function parseFloat_(text: string, orig: unknown = text): number {
  const s = stripWs(text);
  const sp = FLOAT_SPECIAL.exec(s);
  if (sp) {
    if (sp[2].toLowerCase() === "nan") return sp[1] === "-" ? NEGATIVE_NAN : Number.NaN;
    return sp[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (!FLOAT_RE.test(s)) {
    // Digits of other scripts, Unicode whitespace: read again as CPython reads them.
    const ascii = decimalAndSpaceToAscii(text);
    if (ascii !== text) return parseFloat_(ascii, orig);
    throw new ValueError(`could not convert string to float: ${repr(orig)}`);
  }
  return Number(s.replace(/_/g, ""));
}

/** `int(x=0)` / `int(x, base=10)`. */
export const int = defineType(function int(...args: unknown[]): bigint {
  // `int(s)` of a str, the everyday call: no keywords to look for.
  if (args.length === 1 && typeof args[0] === "string") return parseInt_(args[0], 10, args[0]);
  const k = takeKw(args, "int", ["base"]);
  // A str subclass's instance (subclass.ts) parses as its str.
  const x = args.length > 0 ? (strBase(args[0]) ?? args[0]) : 0n;
  const baseArg = args.length > 1 ? args[1] : k.base;
  if (args.length > 2)
    throw new PyTypeError(`int() takes at most 2 arguments (${args.length} given)`);
  if (baseArg !== undefined) {
    const b = Number(index(baseArg));
    if (b !== 0 && (b < 2 || b > 36))
      throw new ValueError("int() base must be >= 2 and <= 36, or 0");
    if (typeof x === "string") return parseInt_(x, b, x);
    if (x instanceof Bytes || x instanceof ByteArray) return parseInt_(x.decode("latin-1"), b, x);
    throw new PyTypeError("int() can't convert non-string with explicit base");
  }
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  if (typeof x === "number") return floatToInt(x);
  if (typeof x === "string") return parseInt_(x, 10, x);
  if (x instanceof Bytes || x instanceof ByteArray) return parseInt_(x.decode("latin-1"), 10, x);
  if (x !== null && typeof x === "object") {
    for (const m of ["__int__", "__index__", "__trunc__"]) {
      const f = (x as Record<string, unknown>)[m];
      if (typeof f === "function") {
        const r = f.call(x);
        if (isInt(r)) return toBigInt(r);
        throw new PyTypeError(`${m} returned non-int (type ${typeName(r)})`);
      }
    }
  }
  throw new PyTypeError(
    `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`,
  );
}, "int");

/** `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a classmethod). */
Object.defineProperty(int, "from_bytes", {
  value: function from_bytes(this: unknown, ...args: unknown[]): unknown {
    const value = fromBytes(args);
    return this === int || typeof this !== "function" ? value : call(this, value);
  },
  writable: true,
  configurable: true,
});

/** `float(x=0.0)`. */
export const float = defineType(function float(x: unknown = 0.0): number {
  if (typeof x === "number") return x;
  x = strBase(x) ?? x;
  if (typeof x === "bigint" || typeof x === "boolean") return intToFloat(x);
  if (typeof x === "string") return parseFloat_(x);
  if (x instanceof Bytes || x instanceof ByteArray) return parseFloat_(x.decode("latin-1"), x);
  if (x !== null && typeof x === "object") {
    const f = (x as { __float__?: () => unknown }).__float__;
    if (typeof f === "function") {
      const r = f.call(x);
      if (typeof r === "number") return r;
      // a float subclass's instance is accepted (CPython: with a DeprecationWarning) as its value
      const fv = (r as { __float_value__?: unknown } | null)?.__float_value__;
      if (typeof fv === "number") return fv;
      throw new PyTypeError(`${typeName(x)}.__float__ returned non-float (type ${typeName(r)})`);
    }
    const ix = (x as { __index__?: () => unknown }).__index__;
    if (typeof ix === "function") return intToFloat(index(x));
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}, "float");

/** `float.fromhex(string)` (a classmethod: a subclass gets an instance of itself). */
Object.defineProperty(float, "fromhex", {
  value: function fromhex(this: unknown, ...args: unknown[]): unknown {
    const value = fromhexArgs(...args);
    return this === float || typeof this !== "function" ? value : call(this, value);
  },
  writable: true,
  configurable: true,
});

/** `bool(x=False)`. */
export const bool = defineType(function bool(x: unknown = false): boolean {
  return truthy(x);
}, "bool");

/** `bool.from_bytes(...)`: int's class method, giving a bool. */
Object.defineProperty(bool, "from_bytes", {
  value: function from_bytes(...args: unknown[]): unknown {
    return (int as unknown as { from_bytes: Function }).from_bytes.apply(bool, args);
  },
  writable: true,
  configurable: true,
});

/** `str(object='')` / `str(bytes, encoding, errors)`. */
export const str = defineType(function str(...args: unknown[]): string {
  const k = takeKw(args, "str", ["object", "encoding", "errors"]);
  if (args.length === 0 && k.object === undefined) return "";
  const value = args.length > 0 ? args[0] : k.object;
  const enc = args.length > 1 ? args[1] : k.encoding;
  const errs = args.length > 2 ? args[2] : k.errors;
  if (enc === undefined && errs === undefined) return strImpl(value);
  return strImpl(value, enc ?? "utf-8", ...(errs === undefined ? [] : [errs]));
}, "str");

/** `str.maketrans(x[, y[, z]])` (a staticmethod). */
Object.defineProperty(str, "maketrans", {
  value: function maketrans(...args: unknown[]): unknown {
    return (strMethods.maketrans as (...a: unknown[]) => unknown)("", ...args);
  },
  writable: true,
  configurable: true,
});

// ---------------------------------------------------------------- containers

/** `list(iterable=())`. */
export const list = defineType(
  function list(it: unknown = undefined): unknown[] {
    return it === undefined ? [] : toArray(it);
  },
  "list",
  // `issubclass(L, list)` for a program's `class L(list)` (an Array subclass, see list.ts).
  () => Array,
);

/** `tuple(iterable=())`. */
export const tuple = defineType(
  function tuple(it: unknown = undefined): Tuple {
    if (it instanceof Tuple && it.constructor === Tuple) return it;
    return new Tuple(it === undefined ? [] : toArray(it));
  },
  "tuple",
  () => Tuple,
);

/** `dict(mapping_or_iterable=(), **kwargs)`. */
export const dict = defineType(
  function dict(...args: unknown[]): Dict {
    let kws: Record<string, unknown> = {};
    if (args.length > 0 && args[args.length - 1] instanceof Kw) {
      kws = (args.pop() as Kw).kwargs as Record<string, unknown>;
    }
    if (args.length > 1)
      throw new PyTypeError(`dict expected at most 1 argument, got ${args.length}`);
    const d = new Dict();
    if (args.length === 1) mergeInto(d, args[0]);
    for (const k of Object.keys(kws)) d.__setitem__(k, kws[k]);
    return d;
  },
  "dict",
  () => Dict,
);
Object.defineProperty(dict, "fromkeys", {
  // A method of the class it is called on: `MyDict.fromkeys(...)` makes a MyDict.
  value: function fromkeys(this: unknown, ...a: [Iterable<unknown>, unknown?]) {
    return Dict.fromkeys.call(this, ...a);
  },
  writable: true,
  configurable: true,
});

/** `set(iterable=())`. */
export const set = defineType(
  function set(it: unknown = undefined): PySet {
    return new PySet(it === undefined ? null : (it as Iterable<unknown>));
  },
  "set",
  () => PySet,
);

/** `frozenset(iterable=())`. */
export const frozenset = defineType(
  function frozenset(it: unknown = undefined): FrozenSet {
    if (it instanceof FrozenSet && it.constructor === FrozenSet) return it;
    return new FrozenSet(it === undefined ? null : (it as Iterable<unknown>));
  },
  "frozenset",
  () => FrozenSet,
);

/** `bytes(source)` / `bytes(str, encoding, errors)`. */
export const bytes = defineType(
  function bytes(...args: unknown[]): Bytes {
    const [src, encoding, errors] = bytesCallArgs("bytes", args);
    if (src instanceof Bytes && src.constructor === Bytes && encoding === undefined) return src;
    if (encoding === undefined && errors === undefined) {
      const made = bytesFromDunder(src);
      if (made !== undefined) return made;
    }
    return new Bytes(makeBytesData(src, encoding, errors));
  },
  "bytes",
  () => Bytes,
);
Object.defineProperty(bytes, "fromhex", { value: (s: unknown) => Bytes.fromhex(s) });
Object.defineProperty(bytes, "maketrans", {
  value: (frm: unknown, to: unknown) => Bytes.maketrans(frm, to),
});

/** `bytearray(source)`. */
export const bytearray = defineType(
  function bytearray(...args: unknown[]): ByteArray {
    const [src, encoding, errors] = bytesCallArgs("bytearray", args);
    return new ByteArray(makeBytesData(src, encoding, errors, "bytearray"));
  },
  "bytearray",
  () => ByteArray,
);
Object.defineProperty(bytearray, "fromhex", { value: (s: unknown) => ByteArray.fromhex(s) });
Object.defineProperty(bytearray, "maketrans", {
  value: (frm: unknown, to: unknown) => Bytes.maketrans(frm, to),
});

class ObjectInstance {}

/** `object()`. */
export const object = defineType(function object(): object {
  return new ObjectInstance();
}, "object");
markObject(ObjectInstance);
// `object.__setattr__(obj, name, value)` / `object.__delattr__(obj, name)`: the plain store and
// deletion, which a class's own `__setattr__`/`__delattr__` calls (protocol.ts).
for (const [name, f] of [
  ["__setattr__", (o: unknown, k: string, v: unknown) => objectSetattr(o, k, v)],
  ["__delattr__", (o: unknown, k: string) => objectDelattr(o, k)],
  ["__getattribute__", (o: unknown, k: string) => objectGetattribute(o, k)],
] as const)
  Object.defineProperty(object, name, { value: f, writable: true, configurable: true });

function markObject(cls: Function): void {
  Object.defineProperty(cls, "__name__", { value: "object" });
  Object.defineProperty(cls, "__module__", { value: "builtins" });
}

/** lang.ts's `pyclass`, which finishes the classes `type(name, bases, dict)` makes. */
let finishClass: ((cls: Function, qualname: string) => Function) | null = null;
export function setClassFinisher(f: (cls: Function, qualname: string) => Function): void {
  finishClass = f;
}

/** `type(x)` or `type(name, bases, dict)`. */
export const type = defineType(function type(...args: unknown[]): unknown {
  if (args.length === 1) return typeOf(args[0]);
  if (args.length === 3) {
    const [name, bases, ns] = args as [string, Tuple, Dict];
    // Two or more bases: the JS parent that `class C(A, B)` gets (mro.ts).
    const base = (
      bases.items.length > 1
        ? (require("./mro") as typeof import("./mro")).bases(...bases.items)
        : bases.items[0]
    ) as (new (...a: unknown[]) => object) | undefined;
    // As a transpiled class: the namespace's values are class attributes (functions bind to
    // instances, `staticmethod`/`classmethod`/`property` objects are installed by `pyclass`)
    // and construction calls `__init__`. Without bases it extends nothing (as a transpiled
    // `class C:`), so that `object` alone follows it in its MRO.
    const cls =
      base === undefined
        ? class {
            constructor(...a: unknown[]) {
              const init = (this as { __init__?: unknown }).__init__;
              if (typeof init === "function") init.apply(this, a);
            }
          }
        : class extends base {};
    Object.defineProperty(cls, "name", { value: name });
    for (const [k, v] of ns.entries()) {
      if (k === "__annotations__" && v instanceof Dict) {
        // As a transpiled class keeps them: a plain object, in order (dataclasses reads it).
        const ann = Object.fromEntries(v.entries() as Iterable<[string, unknown]>);
        Object.defineProperty(cls, k, { value: ann, writable: true, configurable: true });
        continue;
      }
      if (typeof v === "function" && !isClass(v)) {
        // A function is a method: called with the instance first.
        const method = function (this: unknown, ...a: unknown[]) {
          return call(v, this, ...a);
        };
        Object.defineProperty(method, "__name__", { value: k, writable: true, configurable: true });
        Object.defineProperty(cls.prototype, k as string, {
          value: method,
          writable: true,
          configurable: true,
        });
      } else {
        Object.defineProperty(cls, k as string, {
          value: v,
          writable: true,
          configurable: true,
          enumerable: true,
        });
      }
    }
    return finishClass === null ? cls : finishClass(cls, name);
  }
  throw new PyTypeError("type() takes 1 or 3 arguments");
}, "type");

/** `type(None)`. */
export const NoneType = defineType(function NoneType(): null {
  return null;
}, "NoneType");

/** The type of builtin functions (`len`) and builtin methods bound to a value (`"a".upper`). */
export const builtin_function_or_method = nativeType("builtin_function_or_method");

// ---------------------------------------------------------------- range

const C_LONG_MAX = 2n ** 63n - 1n;
const isInt32 = (v: bigint) => v <= 2147483647n && v >= -2147483648n;
const isCLong = (v: bigint) => v <= C_LONG_MAX && v >= -C_LONG_MAX - 1n;

/** Python's `range`. */
export class Range {
  readonly start: bigint;
  readonly stop: bigint;
  readonly step: bigint;
  /**
   * For at() and length: true when every value is an int32, with start, step and the length as
   * numbers (set in the constructor, so that the fields keep one representation).
   */
  private _i32 = false;
  private _s = 0;
  private _d = 1;
  private _n = 0;

  constructor(...args: unknown[]) {
    const n = args.length;
    if (n === 0) throw new PyTypeError("range expected at least 1 argument, got 0");
    if (n > 3) throw new PyTypeError(`range expected at most 3 arguments, got ${n}`);
    if (n === 1) {
      this.start = 0n;
      this.stop = rangeArg(args[0]);
      this.step = 1n;
    } else {
      this.start = rangeArg(args[0]);
      this.stop = rangeArg(args[1]);
      this.step = n === 3 ? rangeArg(args[2]) : 1n;
      if (this.step === 0n) throw new ValueError("range() arg 3 must not be zero");
    }
    this._small();
  }

  /**
   * The k-th value (0 <= k < length), for the counted loops the transpiler makes of
   * `for x in range(...)`:
   *
   * ```ts
   * for (let $r = range(a, b), $k = 0, $n = $r.length; $k < $n; $k++) { x = $r.at($k); ... }
   * ```
   *
   * which is what iterating the range yields, without an iterator (three times faster in V8).
   */
  at(k: number): bigint {
    // `| 0` lets V8 see an int32, whose BigInt() it converts inline (a double it does not).
    return this._i32 ? BigInt((this._s + k * this._d) | 0) : this.start + BigInt(k) * this.step;
  }

  /** Set _i32, _s, _d and _n (after start, stop and step are). */
  private _small(): void {
    const { start, stop, step } = this;
    // Every value lies between start and stop: all are int32 when the bounds are.
    if (isInt32(start) && isInt32(stop) && isInt32(step)) {
      const s = Number(start);
      const e = Number(stop);
      const d = Number(step);
      this._i32 = true;
      this._s = s;
      this._d = d;
      this._n = Math.max(0, Math.ceil((e - s) / d));
    }
  }

  get length(): number {
    return this._i32 ? this._n : Number(this.lenBig());
  }

  private lenBig(): bigint {
    const { start, stop, step } = this;
    if (step > 0n) return start < stop ? (stop - start - 1n) / step + 1n : 0n;
    return start > stop ? (start - stop - 1n) / -step + 1n : 0n;
  }

  __len__(): bigint {
    return this.lenBig();
  }

  [Symbol.iterator](): RangeIterator {
    return rangeIterator(this);
  }

  __iter__(): RangeIterator {
    return rangeIterator(this);
  }

  __reversed__(): RangeIterator {
    const last = this.start + (this.lenBig() - 1n) * this.step;
    return rangeIterator(new Range(last, this.start - this.step, -this.step));
  }

  __getitem__(i: unknown): unknown {
    if (i instanceof Slice) {
      const [s, e, st] = i.adjust(this.length);
      return new Range(
        this.start + BigInt(s) * this.step,
        this.start + BigInt(e) * this.step,
        this.step * BigInt(st),
      );
    }
    if (!isInt(i) && !(typeof i === "object" && i !== null && "__index__" in i)) {
      throw new PyTypeError(`range indices must be integers or slices, not ${typeName(i)}`);
    }
    let k = index(i);
    const n = this.lenBig();
    if (k < 0n) k += n;
    if (k < 0n || k >= n) throw new IndexError("range object index out of range");
    return this.start + k * this.step;
  }

  __contains__(x: unknown): boolean {
    if (isInt(x)) {
      const v = toBigInt(x);
      const { start, stop, step } = this;
      if (step > 0n ? v < start || v >= stop : v > start || v <= stop) return false;
      return (v - start) % step === 0n;
    }
    for (const v of this) if (eq(v, x)) return true;
    return false;
  }

  index(x: unknown): bigint {
    if (!this.__contains__(x)) throw new ValueError(`${repr(x)} is not in range`);
    return (toBigInt(x as bigint) - this.start) / this.step;
  }

  count(x: unknown): bigint {
    return this.__contains__(x) ? 1n : 0n;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof Range)) return NotImplemented;
    const n = this.lenBig();
    if (n !== other.lenBig()) return false;
    if (n === 0n) return true;
    if (this.start !== other.start) return false;
    return n === 1n || this.step === other.step;
  }

  __hash__(): bigint {
    const n = this.lenBig();
    return hash(new Tuple([n, n === 0n ? null : this.start, n <= 1n ? null : this.step]));
  }

  __repr__(): string {
    return this.step === 1n
      ? `range(${this.start}, ${this.stop})`
      : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
}
Object.defineProperty(Range, "__name__", { value: "range" });
Object.defineProperty(Range, "__module__", { value: "builtins" });

/**
 * `iter(range(...))`: the k-th value is `range.at(k)`. Not a generator: resuming a generator per
 * value costs several times what this does.
 */
class RangeIterator implements IterableIterator<bigint> {
  private k = 0;
  private readonly n: number;

  constructor(private readonly range: Range) {
    this.n = range.length;
  }

  next(): IteratorResult<bigint, undefined> {
    const k = this.k;
    if (k >= this.n) return { value: undefined, done: true };
    this.k = k + 1;
    return { value: this.range.at(k), done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }

  __iter__(): this {
    return this;
  }

  __next__(): bigint {
    const r = this.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }

  __length_hint__(): bigint {
    return BigInt(this.n - this.k);
  }

  __repr__(): string {
    return `<${typeName(this)} object at 0x${id(this).toString(16)}>`;
  }
}
markBuiltinClass(RangeIterator, "range_iterator");

/** CPython's iterator over a range whose bounds do not fit a C long (only its name differs). */
class LongRangeIterator extends RangeIterator {}
markBuiltinClass(LongRangeIterator, "longrange_iterator");

/** The iterator of a range, named as CPython names it. */
function rangeIterator(r: Range): RangeIterator {
  return isCLong(r.start) && isCLong(r.step) && isCLong(r.stop)
    ? new RangeIterator(r)
    : new LongRangeIterator(r);
}

function rangeArg(a: unknown): bigint {
  if (isInt(a)) return toBigInt(a);
  if (typeof a === "number") {
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  }
  return index(a);
}

/** `range(stop)` / `range(start, stop[, step])`. */
export const range = defineType(
  function range(...args: unknown[]): Range {
    return new Range(...args);
  },
  "range",
  () => Range,
);

// ---------------------------------------------------------------- iteration builtins

class BuiltinIterator<T> implements IterableIterator<T> {
  constructor(
    private readonly gen: Iterator<T>,
    readonly pyName: string,
  ) {}
  /** `type(it)`: the builtin of its name (`enumerate`, `zip`, ...) or its iterator type. */
  [PY_TYPE](): Function {
    return ITERATOR_BUILTINS.get(this.pyName) ?? nativeType(this.pyName);
  }
  next(): IteratorResult<T> {
    return this.gen.next();
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): T {
    const r = this.gen.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
  __repr__(): string {
    return `<${this.pyName} object at 0x${id(this).toString(16)}>`;
  }
}

/** The builtins whose values are BuiltinIterators of their own name (`type(zip()) is zip`). */
const ITERATOR_BUILTINS = new Map<string, Function>();

/**
 * A builtin that is a type whose instances are BuiltinIterators named `name`: it prints as
 * `<class 'zip'>` and `isinstance(zip(), zip)` holds.
 */
function iteratorType<F extends Function>(fn: F, name: string): F & TypeObject {
  const t = defineType(fn, name);
  Object.defineProperty(t, Symbol.hasInstance, {
    value: (x: unknown) => x instanceof BuiltinIterator && x.pyName === name,
  });
  ITERATOR_BUILTINS.set(name, t);
  return t;
}

/**
 * The builtins `exit(code=None)` and `quit(code=None)` (the site module's `Quitter`): raise
 * `SystemExit(code)`.
 */
export function exit(...args: unknown[]): never {
  if (args.length > 1)
    throw new PyTypeError(
      `Quitter.__call__() takes from 1 to 2 positional arguments but ${args.length + 1} were given`,
    );
  throw new SystemExit(args.length === 0 ? null : args[0]);
}
export const quit = exit;

/** `enumerate(iterable, start=0)`. */
export const enumerate = iteratorType(function enumerate(
  ...args: unknown[]
): IterableIterator<Tuple> {
  const k = takeKw(args, "enumerate", ["start", "iterable"]);
  const src = args.length > 0 ? args[0] : k.iterable;
  const it = iter(src);
  const i = index(args.length > 1 ? args[1] : (k.start ?? 0n));
  return new BuiltinIterator(new EnumerateSteps(it, plainList(src), i), "enumerate");
}, "enumerate");

// enumerate's and zip's steps are plain iterator objects rather than generators (V8 runs these
// several times faster). As CPython's, they ask their iterators again at every step, even after
// one was exhausted.

/** A plain list (not a subclass's instance), which enumerate steps through by index. */
function plainList(x: unknown): unknown[] | null {
  return Array.isArray(x) && Object.getPrototypeOf(x) === Array.prototype ? x : null;
}

class EnumerateSteps implements Iterator<Tuple> {
  /** Position in `list` (a plain list, stepped as its iterator `it` would: once past the end, done). */
  private j = 0;
  constructor(
    private it: Iterator<unknown>,
    private list: unknown[] | null,
    private i: bigint,
  ) {}
  next(): IteratorResult<Tuple> {
    const list = this.list;
    if (list !== null) {
      const j = this.j;
      if (j < list.length) {
        this.j = j + 1;
        return { done: false, value: new Tuple([this.i++, list[j]]) };
      }
      // Done from now on, as a list iterator is once past the end.
      this.list = null;
      this.it = EXHAUSTED;
      return DONE;
    }
    const r = this.it.next();
    if (r.done) return DONE;
    return { done: false, value: new Tuple([this.i++, r.value]) };
  }
}

const DONE: IteratorResult<never> = { done: true, value: undefined };
const EXHAUSTED: Iterator<never> = { next: () => DONE };

class ZipSteps implements Iterator<Tuple> {
  /**
   * Each argument that is a plain list, stepped by index (its iterator in `its` is not used
   * then), else null; `pos` the list's next index. Not with strict=True, whose check steps `its`.
   */
  private readonly lists: (unknown[] | null)[];
  private readonly pos: number[];
  constructor(
    private readonly its: Iterator<unknown>[],
    sources: unknown[],
    private readonly strict: boolean,
  ) {
    this.lists = sources.map((x) => (strict ? null : plainList(x)));
    this.pos = sources.map(() => 0);
  }
  next(): IteratorResult<Tuple> {
    const its = this.its;
    const n = its.length;
    if (n === 0) return DONE;
    const items: unknown[] = new Array(n);
    const lists = this.lists;
    for (let j = 0; j < n; j++) {
      const list = lists[j];
      if (list !== null) {
        const k = this.pos[j];
        if (k < list.length) {
          this.pos[j] = k + 1;
          items[j] = list[k];
          continue;
        }
        // Past the end: done from now on, as the list's iterator would be.
        lists[j] = null;
        its[j] = EXHAUSTED;
      }
      const r = its[j].next();
      if (r.done) {
        if (this.strict) zipStrictCheck(its, j);
        return DONE;
      }
      items[j] = r.value;
    }
    return { done: false, value: new Tuple(items) };
  }
}

/** `zip(strict=True)`: iterator j ended; the others must end at the same step. */
function zipStrictCheck(its: Iterator<unknown>[], j: number): void {
  if (j > 0) {
    const which = j === 1 ? "argument 1" : `arguments 1-${j}`;
    throw new ValueError(`zip() argument ${j + 1} is shorter than ${which}`);
  }
  for (let m = 1; m < its.length; m++) {
    if (!its[m].next().done) {
      const which = m === 1 ? "argument 1" : `arguments 1-${m}`;
      throw new ValueError(`zip() argument ${m + 1} is longer than ${which}`);
    }
  }
}

/** `zip(*iterables, strict=False)`. */
export const zip = iteratorType(function zip(...args: unknown[]): IterableIterator<Tuple> {
  const k = takeKw(args, "zip", ["strict"]);
  const strict = truthy(k.strict ?? false);
  const its = args.map((a) => iter(a));
  return new BuiltinIterator(new ZipSteps(its, args, strict), "zip");
}, "zip");

/** `map(function, *iterables)`. */
export const map = iteratorType(function map(
  f: unknown,
  ...iterables: unknown[]
): IterableIterator<unknown> {
  refuseKw([f, ...iterables], "map");
  if (iterables.length === 0) throw new PyTypeError("map() must have at least two arguments.");
  const its = iterables.map((a) => iter(a));
  function* gen(): Generator<unknown> {
    for (;;) {
      const items: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        items.push(r.value);
      }
      yield call(f, ...items);
    }
  }
  return new BuiltinIterator(gen(), "map");
}, "map");

/** `filter(function_or_None, iterable)`. */
export const filter = iteratorType(function filter(
  f: unknown,
  iterable: unknown,
  ...extra: unknown[]
): IterableIterator<unknown> {
  refuseKw([f, iterable, ...extra], "filter");
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    for (const v of it) if (f === null ? truthy(v) : truthy(call(f, v))) yield v;
  }
  return new BuiltinIterator(gen(), "filter");
}, "filter");

/** `reversed(seq)`. */
export const reversed = iteratorType(function reversed(seq: unknown): IterableIterator<unknown> {
  if (Array.isArray(seq)) {
    function* gen(): Generator<unknown> {
      for (let i = (seq as unknown[]).length - 1; i >= 0; i--) {
        if (i < (seq as unknown[]).length) yield (seq as unknown[])[i];
      }
    }
    return new BuiltinIterator(gen(), "list_reverseiterator");
  }
  if (typeof seq === "string")
    return new BuiltinIterator(Array.from(seq).reverse()[Symbol.iterator](), "reversed");
  if (seq instanceof Tuple)
    return new BuiltinIterator(seq.items.slice().reverse()[Symbol.iterator](), "reversed");
  if (seq instanceof Dict)
    return new BuiltinIterator([...seq].reverse()[Symbol.iterator](), "dict_reversekeyiterator");
  // `reversed(d.items())` (views are reversible since 3.8).
  if (seq instanceof DictKeys || seq instanceof DictValues || seq instanceof DictItems) {
    const kind = seq instanceof DictKeys ? "key" : seq instanceof DictValues ? "value" : "item";
    const items = [...(seq as Iterable<unknown>)].reverse();
    return new BuiltinIterator(items[Symbol.iterator](), `dict_reverse${kind}iterator`);
  }
  if (typeof seq === "function") {
    // A class with a class-level `__reversed__` (an enum: `reversed(Color)`).
    const r = (seq as { __reversed__?: () => unknown }).__reversed__;
    if (typeof r === "function") return iter(r.call(seq));
  }
  if (seq !== null && typeof seq === "object") {
    const r = (seq as { __reversed__?: () => unknown }).__reversed__;
    if (typeof r === "function") return iter(r.call(seq));
    // `__reversed__ = None` (collections.abc.Mapping's) refuses.
    if (r === null) throw new PyTypeError(`'${typeName(seq)}' object is not reversible`);
    const gi = (seq as { __getitem__?: (i: bigint) => unknown }).__getitem__;
    // A sequence (`__getitem__`) without `__len__`: CPython's "object of type 'X' has no len()".
    if (typeof gi === "function" && !(seq instanceof Dict)) {
      const n = lenOf(seq);
      function* gen(): Generator<unknown> {
        for (let i = n - 1; i >= 0; i--) yield gi!.call(seq, BigInt(i));
      }
      return new BuiltinIterator(gen(), "reversed");
    }
  }
  throw new PyTypeError(`'${typeName(seq)}' object is not reversible`);
}, "reversed");

/** `sorted(iterable, *, key=None, reverse=False)`. */
export function sorted(...args: unknown[]): unknown[] {
  const positional = args.length - (args.at(-1) instanceof Kw ? 1 : 0);
  if (positional !== 1) throw new PyTypeError(`sorted expected 1 argument, got ${positional}`);
  // CPython's sorted() hands its keywords to list.sort(), which words the error.
  const k = takeKw(args, "sort", ["key", "reverse"]);
  const xs = toArray(args[0]);
  sortList(xs, k.key ?? null, k.reverse ?? false);
  return xs;
}

function minmax(name: "min" | "max", args: unknown[]): unknown {
  const k = takeKw(args, name, ["key", "default"]);
  const key = k.key ?? null;
  const hasDefault = Object.hasOwn(k, "default");
  let items: Iterable<unknown>;
  if (args.length === 0) throw new PyTypeError(`${name} expected at least 1 argument, got 0`);
  if (args.length === 1) items = iter(args[0]);
  else {
    if (hasDefault) {
      throw new PyTypeError(
        `Cannot specify a default for ${name}() with multiple positional arguments`,
      );
    }
    items = args;
  }
  const better = name === "max" ? gt : lt;
  let best: unknown;
  let bestKey: unknown;
  let first = true;
  for (const v of items) {
    const kv = key === null ? v : call(key, v);
    if (first) {
      best = v;
      bestKey = kv;
      first = false;
    } else if (better(kv, bestKey)) {
      best = v;
      bestKey = kv;
    }
  }
  if (first) {
    if (hasDefault) return k.default;
    throw new ValueError(`${name}() iterable argument is empty`);
  }
  return best;
}

/** `min(iterable, *, key=None, default=...)` / `min(a, b, *args, key=None)`. */
export function min(...args: unknown[]): unknown {
  return minmax("min", args);
}

/** `max(...)`, see `min`. */
export function max(...args: unknown[]): unknown {
  return minmax("max", args);
}

/** `sum(iterable, /, start=0)` with CPython's compensated float summation. */
export function sum(...args: unknown[]): unknown {
  // `sum(xs)` of a list of ints: added in place, with no iterator (reading ints runs no Python
  // code, so anything else found starts the general way from the beginning).
  const xs = args[0];
  if (args.length === 1 && Array.isArray(xs) && xs.constructor === Array) {
    let acc = 0n;
    let i = 0;
    for (const n = xs.length; i < n; i++) {
      const v = xs[i];
      if (typeof v !== "bigint") break;
      acc += v;
    }
    if (i === xs.length) return acc;
  }
  const k = takeKw(args, "sum", ["start"]);
  const it = iter(args[0]);
  let result: unknown = args.length > 1 ? args[1] : (k.start ?? 0n);
  if (typeof result === "string") {
    throw new PyTypeError("sum() can't sum strings [use ''.join(seq) instead]");
  }
  if (result instanceof Bytes)
    throw new PyTypeError("sum() can't sum bytes [use b''.join(seq) instead]");
  if (result instanceof ByteArray) {
    throw new PyTypeError("sum() can't sum bytearray [use b''.join(seq) instead]");
  }
  let r = it.next();
  // int fast path
  if (isInt(result)) {
    let acc = toBigInt(result);
    while (!r.done && isInt(r.value)) {
      acc += toBigInt(r.value);
      r = it.next();
    }
    result = acc;
    if (r.done) return result;
    result = add(result, r.value);
    r = it.next();
  }
  if (typeof result === "number") {
    let f = result;
    let c = 0;
    while (!r.done) {
      const item = r.value;
      let x: number | null = null;
      if (typeof item === "number") x = item;
      else if (isInt(item)) {
        // An int that fits a C long is added as a double, without compensation, as CPython does.
        const b = toBigInt(item);
        if (b < -(2n ** 63n) || b >= 2n ** 63n) break;
        f += Number(b);
        r = it.next();
        continue;
      }
      if (x === null) break;
      const t = f + x;
      if (Math.abs(f) >= Math.abs(x)) c += f - t + x;
      else c += x - t + f;
      f = t;
      r = it.next();
    }
    if (c && Number.isFinite(c)) f += c;
    result = f;
    if (r.done) return result;
  }
  while (!r.done) {
    result = add(result, r.value);
    r = it.next();
  }
  return result;
}

/** `any(iterable)`. */
export function any(iterable: unknown): boolean {
  for (const v of iter(iterable)) if (truthy(v)) return true;
  return false;
}

/** `all(iterable)`. */
export function all(iterable: unknown): boolean {
  for (const v of iter(iterable)) if (!truthy(v)) return false;
  return true;
}

// ---------------------------------------------------------------- numeric builtins

/** `abs(x)`. */
export function abs(x: unknown): unknown {
  if (typeof x === "bigint") return x < 0n ? -x : x;
  if (typeof x === "number") return Math.abs(x);
  if (typeof x === "boolean") return x ? 1n : 0n;
  const f = (x as { __abs__?: () => unknown } | null)?.__abs__;
  if (x !== null && typeof x === "object" && typeof f === "function") return f.call(x);
  throw new PyTypeError(`bad operand type for abs(): '${typeName(x)}'`);
}

/** `round(number, ndigits=None)`. */
export function round(...args: unknown[]): unknown {
  const k = takeKw(args, "round", ["number", "ndigits"]);
  const x = args.length > 0 ? args[0] : k.number;
  const nd = args.length > 1 ? args[1] : (k.ndigits ?? null);
  if (typeof x === "number") {
    if (nd === null) return roundFloatToInt(x);
    const n = index(nd);
    return roundFloat(x, n);
  }
  if (isInt(x)) {
    const v = toBigInt(x);
    if (nd === null) return v;
    const n = index(nd);
    if (n >= 0n) return v;
    return roundIntNegative(v, n);
  }
  const f = (x as { __round__?: (...a: unknown[]) => unknown } | null)?.__round__;
  if (x !== null && typeof x === "object" && typeof f === "function") {
    return nd === null ? f.call(x) : f.call(x, nd);
  }
  throw new PyTypeError(`type ${typeName(x)} doesn't define __round__ method`);
}

/** Number of decimal digits beyond which rounding a double changes nothing (CPython's NDIGITS_MAX). */
const NDIGITS_MAX = 323n;
/** Below this, the result is always zero (CPython's NDIGITS_MIN). */
const NDIGITS_MIN = -308n;

/** round(x, n) for floats: correctly rounded like CPython's `double_round`. */
function roundFloat(x: number, n: bigint): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (n > NDIGITS_MAX) return x;
  if (n < NDIGITS_MIN) return 0.0 * x;
  let r: number;
  if (n >= 0n) {
    r = Number(formatFloatFixed(Math.abs(x), Number(n)));
  } else {
    const [mant, exp] = decomposeFloat(Math.abs(x));
    const m = mant < 0n ? -mant : mant;
    const p = 10n ** -n;
    const num = exp >= 0 ? m << BigInt(exp) : m;
    const den = exp >= 0 ? p : p << BigInt(-exp);
    let q = num / den;
    const rem = num - q * den;
    if (rem * 2n > den || (rem * 2n === den && (q & 1n) === 1n)) q += 1n;
    r = ratioToFloat(q * p, 1n);
  }
  if (!Number.isFinite(r)) throw new OverflowError("rounded value too large to represent");
  return x < 0 ? -r : r;
}

/** `divmod(a, b)`. */
export function divmod(a: unknown, b: unknown): unknown {
  const isNum = (v: unknown) =>
    typeof v === "bigint" || typeof v === "number" || typeof v === "boolean";
  if (isNum(a) && isNum(b)) {
    if (typeof a !== "number" && typeof b !== "number") {
      const x = toBigInt(a as bigint);
      const y = toBigInt(b as bigint);
      if (y === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
      return new Tuple([intFloorDiv(x, y), intMod(x, y)]);
    }
    const fa = typeof a === "number" ? a : intToFloat(a as bigint);
    const fb = typeof b === "number" ? b : intToFloat(b as bigint);
    return new Tuple(floatDivmod(fa, fb));
  }
  for (const [o, m, arg] of [
    [a, "__divmod__", b],
    [b, "__rdivmod__", a],
  ] as const) {
    const f = (o as Record<string, unknown> | null)?.[m];
    if (o !== null && typeof o === "object" && typeof f === "function") {
      const r = f.call(o, arg);
      if (r !== NotImplemented) return r;
    }
  }
  throw new PyTypeError(
    `unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** `pow(base, exp, mod=None)`. */
export function pow(base: unknown, exp: unknown, mod: unknown = null): unknown {
  if (mod === null || mod === undefined) return powOp(base, exp);
  // IntEnum/IntFlag members are ints (see stdlib/enum.ts)
  const asInt = (x: unknown) => (x as { __int_value__?: unknown } | null)?.__int_value__ ?? x;
  [base, exp, mod] = [asInt(base), asInt(exp), asInt(mod)];
  // A class's `__pow__(exp, mod)` (three-argument pow never tries `__rpow__`).
  if (base !== null && typeof base === "object") {
    const f = (base as { __pow__?: unknown }).__pow__;
    const r = typeof f === "function" ? f.call(base, exp, mod) : NotImplemented;
    if (r !== NotImplemented) return r;
    throw new PyTypeError(
      `unsupported operand type(s) for ** or pow(): '${typeName(base)}', '${typeName(exp)}', '${typeName(mod)}'`,
    );
  }
  if (!isInt(base) || !isInt(exp) || !isInt(mod)) {
    throw new PyTypeError("pow() 3rd argument not allowed unless all arguments are integers");
  }
  return intPowMod(toBigInt(base), toBigInt(exp), toBigInt(mod));
}

/** `ord(c)`. */
export function ord(c: unknown): bigint {
  c = strBase(c) ?? c; // a StrEnum member is a str
  if (typeof c === "string") {
    const cps = Array.from(c);
    if (cps.length !== 1) {
      throw new PyTypeError(`ord() expected a character, but string of length ${cps.length} found`);
    }
    return BigInt(cps[0].codePointAt(0)!);
  }
  if (c instanceof Bytes || c instanceof ByteArray) {
    if (c.data.length !== 1) {
      throw new PyTypeError(
        `ord() expected a character, but string of length ${c.data.length} found`,
      );
    }
    return BigInt(c.data[0]);
  }
  throw new PyTypeError(`ord() expected string of length 1, but ${typeName(c)} found`);
}

/** `chr(i)`. */
export function chr(i: unknown): string {
  if (typeof i === "number")
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  const n = index(i);
  if (n < 0n || n > 0x10ffffn) throw new ValueError("chr() arg not in range(0x110000)");
  return String.fromCodePoint(Number(n));
}

function radix(x: unknown, base: number, prefix: string): string {
  const n = index(x);
  return n < 0n ? `-${prefix}${(-n).toString(base)}` : `${prefix}${n.toString(base)}`;
}

/** `hex(x)`. */
export function hex(x: unknown): string {
  return radix(x, 16, "0x");
}
/** `oct(x)`. */
export function oct(x: unknown): string {
  return radix(x, 8, "0o");
}
/** `bin(x)`. */
export function bin(x: unknown): string {
  return radix(x, 2, "0b");
}

/** `iter(x)` / `iter(callable, sentinel)`. */
export function iter_(x: unknown, ...sentinel: unknown[]): IterableIterator<unknown> {
  if (sentinel.length === 0) {
    // What a class's `__iter__` returns, when it is a Python iterator (`iter(it) is it` for an
    // iterator whose `__iter__` returns itself); `protocol.iter` wraps it for JS iteration.
    const o = x as { __iter__?: () => unknown } | null;
    if (typeof x === "object" && o !== null && typeof o.__iter__ === "function") {
      const r = o.__iter__() as { __next__?: unknown; [Symbol.iterator]?: unknown } | null;
      if (
        typeof r === "object" &&
        r !== null &&
        typeof r.__next__ === "function" &&
        typeof r[Symbol.iterator] === "function"
      )
        return r as IterableIterator<unknown>;
      return asIterator(r);
    }
    return iter(x);
  }
  const s = sentinel[0];
  function* gen(): Generator<unknown> {
    for (;;) {
      const v = call(x);
      if (eq(v, s)) return;
      yield v;
    }
  }
  return new BuiltinIterator(gen(), "callable_iterator");
}

export { super_ } from "./mro";

export {
  ascii,
  callable,
  contains,
  delattr,
  format,
  getattr,
  hasattr,
  hash,
  id,
  input,
  isinstance,
  issubclass,
  len,
  next,
  print,
  repr,
  setattr,
  vars,
};
