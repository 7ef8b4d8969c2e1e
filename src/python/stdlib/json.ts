/**
 * Python's `json`: `dumps`/`dump`/`loads`/`load` with CPython 3.13's exact output and errors.
 *
 * Values map as in CPython: dict (runtime `Dict`) <-> object, list and tuple -> array (array ->
 * list), str, int (bigint), float (number: `1.0`, `1e+16`, `NaN`, `Infinity`), True/False/None.
 * IntEnum/StrEnum members encode as their int/str value (they are int/str subclasses in Python).
 * Decoding errors are `JSONDecodeError` (a `ValueError`) with CPython's message and position:
 * `Expecting value: line 1 column 1 (char 0)`; positions count code points, as Python indexes str.
 *
 * `JSONEncoder`/`JSONDecoder` (and `cls=`) work for subclasses overriding `default`, `encode`,
 * `decode` or passing hooks to `__init__`.
 *
 * Differences from CPython: `dump` writes the whole document with one `fp.write` call (CPython
 * writes many chunks); `JSONEncoder.iterencode` and the decoder's `scan_once`/`parse_object`
 * hooks do not exist.
 */

import { float as pyFloat, int as pyInt } from "../builtins";
import { Dict } from "../dict";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { floatRepr } from "../floatfmt";
import { Kw, splitKw } from "../kw";
import { sortList } from "../list";
import { index, isInt, toBigInt } from "../numbers";
import { builtinValue, className } from "../objects";
import { call, callMethod, getattr, iter, setattr, truthy } from "../protocol";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { Enum, IntEnum, IntFlag, StrEnum } from "./enum";
import { bindArgs, initFromConstructor, libraryClass } from "./types";

/** `json.JSONDecodeError(msg, doc, pos)`: `ValueError` with `msg`, `doc`, `pos`, `lineno`, `colno`. */
export class JSONDecodeError extends ValueError {
  static __module__ = "json.decoder";
  msg: string;
  doc: string;
  pos: bigint;
  lineno: bigint;
  colno: bigint;

  constructor(msg: string, doc: string, pos: number | bigint) {
    const p = Number(pos);
    const before = Array.from(doc).slice(0, p);
    let lineno = 1;
    let lastNl = -1;
    before.forEach((c, i) => {
      if (c === "\n") {
        lineno++;
        lastNl = i;
      }
    });
    const colno = p - lastNl;
    super(`${msg}: line ${lineno} column ${colno} (char ${p})`);
    this.msg = msg;
    this.doc = doc;
    this.pos = BigInt(p);
    this.lineno = BigInt(lineno);
    this.colno = BigInt(colno);
  }
}

// ---- encoding

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function hex4(n: number): string {
  return `\\u${n.toString(16).padStart(4, "0")}`;
}

/** `encode_basestring_ascii` / `encode_basestring`. */
function encodeString(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    const esc = ESCAPES[c];
    if (esc !== undefined) out += esc;
    else if (code < 0x20) out += hex4(code);
    else if (ensureAscii && code >= 0x7f)
      out += hex4(code); // surrogate pairs are two units
    else out += c;
  }
  return `${out}"`;
}

interface EncodeOptions {
  skipkeys: boolean;
  ensureAscii: boolean;
  checkCircular: boolean;
  allowNan: boolean;
  indent: string | null;
  itemSep: string;
  keySep: string;
  sortKeys: boolean;
  default_: unknown;
}

function floatStr(x: number, o: EncodeOptions): string {
  let text: string;
  if (Number.isNaN(x)) text = "NaN";
  else if (x === Infinity) text = "Infinity";
  else if (x === -Infinity) text = "-Infinity";
  else return floatRepr(x);
  if (!o.allowNan)
    throw new ValueError(`Out of range float values are not JSON compliant: ${floatRepr(x)}`);
  return text;
}

/**
 * The int, str or float an IntEnum/IntFlag/StrEnum member or an instance of a program's
 * `class C(str)` (int, float: subclass.ts) stands for.
 */
function enumPrimitive(o: unknown): unknown {
  if (o instanceof Enum && (o instanceof IntEnum || o instanceof IntFlag || o instanceof StrEnum)) {
    return (o as Enum)._value_;
  }
  return builtinValue(o);
}

function encode(o: unknown, opts: EncodeOptions, markers: Set<unknown>, level: number): string {
  if (typeof o === "string") return encodeString(o, opts.ensureAscii);
  if (o === null || o === undefined) return "null";
  if (o === true) return "true";
  if (o === false) return "false";
  if (typeof o === "bigint") return o.toString();
  if (typeof o === "number") return floatStr(o, opts);
  const prim = enumPrimitive(o);
  if (prim !== undefined) return encode(prim, opts, markers, level);
  if (Array.isArray(o) || o instanceof Tuple) {
    const items = Array.isArray(o) ? o : (o.items as unknown[]);
    if (items.length === 0) return "[]";
    return guarded(o, opts, markers, () => {
      const [open, sep, close] = layout(opts, level + 1);
      return `[${open}${items.map((v) => encode(v, opts, markers, level + 1)).join(sep)}${close}]`;
    });
  }
  if (o instanceof Dict) {
    if (o.size === 0) return "{}";
    return guarded(o, opts, markers, () => {
      const [open, sep, close] = layout(opts, level + 1);
      let entries = [...o.items()].map((t) => (t as Tuple).items as unknown[]);
      if (opts.sortKeys) {
        const tuples = entries.map((e) => new Tuple(e));
        sortList(tuples);
        entries = tuples.map((t) => t.items as unknown[]);
      }
      const parts: string[] = [];
      for (const [k, v] of entries) {
        const key = keyString(k, opts);
        if (key === null) continue;
        parts.push(
          `${encodeString(key, opts.ensureAscii)}${opts.keySep}${encode(v, opts, markers, level + 1)}`,
        );
      }
      if (parts.length === 0) return "{}";
      return `{${open}${parts.join(sep)}${close}}`;
    });
  }
  if (opts.default_ === null) {
    // `o.__class__.__name__`, not the C type's tp_name (`Decimal`, not `decimal.Decimal`).
    throw new PyTypeError(`Object of type ${className(typeOf(o))} is not JSON serializable`);
  }
  return guarded(o, opts, markers, () => encode(call(opts.default_, o), opts, markers, level));
}

function keyString(k: unknown, opts: EncodeOptions): string | null {
  const prim = enumPrimitive(k);
  if (prim !== undefined) k = prim;
  if (typeof k === "string") return k;
  if (typeof k === "number") return floatStr(k, opts);
  if (k === true) return "true";
  if (k === false) return "false";
  if (k === null) return "null";
  if (typeof k === "bigint") return k.toString();
  if (opts.skipkeys) return null;
  throw new PyTypeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`);
}

function layout(opts: EncodeOptions, level: number): [string, string, string] {
  if (opts.indent === null) return ["", opts.itemSep, ""];
  const nl = `\n${opts.indent.repeat(level)}`;
  return [nl, opts.itemSep + nl, `\n${opts.indent.repeat(level - 1)}`];
}

function guarded(
  o: unknown,
  opts: EncodeOptions,
  markers: Set<unknown>,
  body: () => string,
): string {
  if (!opts.checkCircular) return body();
  if (markers.has(o)) throw new ValueError("Circular reference detected");
  markers.add(o);
  try {
    return body();
  } finally {
    markers.delete(o);
  }
}

const DUMPS_KW = new Set([
  "skipkeys",
  "ensure_ascii",
  "check_circular",
  "allow_nan",
  "cls",
  "indent",
  "separators",
  "default",
  "sort_keys",
]);

function encodeOptions(k: Record<string, unknown>, fn: string): EncodeOptions {
  for (const name of Object.keys(k)) {
    if (!DUMPS_KW.has(name))
      throw new PyTypeError(`${fn}() got an unexpected keyword argument '${name}'`);
  }
  const truth = (v: unknown, d: boolean) => (v === undefined ? d : Boolean(v) && v !== 0n);
  let indent: string | null = null;
  if (k.indent !== undefined && k.indent !== null) {
    indent = isInt(k.indent)
      ? " ".repeat(Math.max(0, Number(toBigInt(k.indent))))
      : String(k.indent);
  }
  let itemSep = indent === null ? ", " : ",";
  let keySep = ": ";
  if (k.separators !== undefined && k.separators !== null) {
    const seps =
      k.separators instanceof Tuple
        ? (k.separators.items as unknown[])
        : (k.separators as unknown[]);
    [itemSep, keySep] = seps as [string, string];
  }
  return {
    skipkeys: truth(k.skipkeys, false),
    ensureAscii: truth(k.ensure_ascii, true),
    checkCircular: truth(k.check_circular, true),
    allowNan: truth(k.allow_nan, true),
    indent,
    itemSep,
    keySep,
    sortKeys: truth(k.sort_keys, false),
    default_: k.default ?? null,
  };
}

/**
 * `dumps`' encoding: with `cls` (not None), `cls(**kw).encode(obj)`, so a JSONEncoder subclass's
 * `default`/`encode` and extra keywords are its own; otherwise JSONEncoder's.
 */
function dumpsWith(obj: unknown, k: Record<string, unknown>): string {
  const cls = k.cls ?? null;
  if (cls === null) return encode(obj, encodeOptions(k, "JSONEncoder.__init__"), new Set(), 0);
  const { cls: _cls, ...rest } = k;
  return callMethod(call(cls, new Kw(rest)), "encode", obj) as string;
}

/** `json.dumps(obj, *, skipkeys, ensure_ascii, check_circular, allow_nan, cls, indent, separators, default, sort_keys, **kw)`. */
export function dumps(obj: unknown, ...rest: unknown[]): string {
  const [pos, k] = splitKw(rest);
  if (pos.length > 0)
    throw new PyTypeError(`dumps() takes 1 positional argument but ${pos.length + 1} were given`);
  return dumpsWith(obj, k);
}

/** `json.dump(obj, fp, **kw)`: `fp.write(dumps(obj, **kw))`. */
export function dump(obj: unknown, fp: unknown, ...rest: unknown[]): null {
  const [, k] = splitKw(rest);
  callMethod(fp, "write", dumpsWith(obj, k));
  return null;
}

// ---- JSONEncoder

/** The keyword-only `__init__`s: CPython counts `self` in the message. */
function noPositional(fname: string, args: unknown[]): void {
  const [pos] = splitKw(args);
  if (pos.length > 0)
    throw new PyTypeError(
      `${fname}() takes 1 positional argument but ${pos.length + 1} were given`,
    );
}

const ENCODER_KW = [
  "skipkeys",
  "ensure_ascii",
  "check_circular",
  "allow_nan",
  "sort_keys",
  "indent",
  "separators",
  "default",
];

/**
 * `json.JSONEncoder(*, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
 * sort_keys=False, indent=None, separators=None, default=None)`: its options are instance
 * attributes read when `encode` runs; objects it cannot serialize go to `self.default(o)`, which
 * subclasses override (and whose base raises the TypeError).
 */
class JSONEncoderImpl {
  static item_separator = ", ";
  static key_separator = ": ";
  declare skipkeys: unknown;
  declare ensure_ascii: unknown;
  declare check_circular: unknown;
  declare allow_nan: unknown;
  declare sort_keys: unknown;
  declare indent: unknown;
  declare item_separator: unknown;
  declare key_separator: unknown;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, JSONEncoderImpl, args);
  }

  __init__(...args: unknown[]): null {
    noPositional("JSONEncoder.__init__", args);
    const [skipkeys, ensureAscii, checkCircular, allowNan, sortKeys, indent, separators, dflt] =
      bindArgs(
        "JSONEncoder.__init__",
        args,
        [],
        [false, true, true, true, false, null, null, null],
        {
          kwOnly: ENCODER_KW,
        },
      );
    this.skipkeys = skipkeys;
    this.ensure_ascii = ensureAscii;
    this.check_circular = checkCircular;
    this.allow_nan = allowNan;
    this.sort_keys = sortKeys;
    this.indent = indent;
    if (separators !== null) {
      const [item, key] = [...iter(separators)];
      this.item_separator = item;
      this.key_separator = key;
    } else if (indent !== null) {
      this.item_separator = ",";
    }
    if (dflt !== null) setattr(this, "default", dflt);
    return null;
  }

  default(o: unknown): unknown {
    throw new PyTypeError(`Object of type ${className(typeOf(o))} is not JSON serializable`);
  }

  encode(o: unknown): string {
    const a = (name: string) => getattr(this, name);
    const indent = a("indent");
    const opts: EncodeOptions = {
      skipkeys: truthy(a("skipkeys")),
      ensureAscii: truthy(a("ensure_ascii")),
      checkCircular: truthy(a("check_circular")),
      allowNan: truthy(a("allow_nan")),
      indent:
        indent === null
          ? null
          : isInt(indent)
            ? " ".repeat(Math.max(0, Number(toBigInt(indent))))
            : String(indent),
      itemSep: String(a("item_separator")),
      keySep: String(a("key_separator")),
      sortKeys: truthy(a("sort_keys")),
      default_: (x: unknown) => callMethod(this, "default", x),
    };
    return encode(o, opts, new Set(), 0);
  }
}

// The class attributes are what instances read until `__init__` stores their own.
for (const [k, v] of [
  ["item_separator", ", "],
  ["key_separator", ": "],
]) {
  Object.defineProperty(JSONEncoderImpl.prototype, k!, {
    value: v,
    writable: true,
    configurable: true,
  });
}
export const JSONEncoder = libraryClass(JSONEncoderImpl, "JSONEncoder", "json.encoder");
export type JSONEncoder = JSONEncoderImpl;

// ---- decoding

interface DecodeOptions {
  objectHook: unknown;
  objectPairsHook: unknown;
  parseFloat: unknown;
  parseInt: unknown;
  parseConstant: unknown;
  strict: boolean;
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

class Decoder {
  /** the document as code points, so positions are Python str indices */
  private readonly s: string[];

  constructor(
    private readonly doc: string,
    private readonly o: DecodeOptions,
  ) {
    this.s = Array.from(doc);
  }

  private error(msg: string, pos: number): JSONDecodeError {
    return new JSONDecodeError(msg, this.doc, pos);
  }

  private ws(i: number): number {
    while (i < this.s.length && WS.has(this.s[i])) i++;
    return i;
  }

  /** `raw_decode(s, idx)`: one value starting exactly at `idx`, and where it ends. */
  rawDecode(idx: number): [unknown, number] {
    return this.value(idx);
  }

  decode(): unknown {
    const start = this.ws(0);
    const [value, end0] = this.value(start);
    const end = this.ws(end0);
    if (end !== this.s.length) throw this.error("Extra data", end);
    return value;
  }

  private value(i: number): [unknown, number] {
    const s = this.s;
    const c = s[i];
    if (c === '"') return this.string(i + 1);
    if (c === "{") return this.object(i + 1);
    if (c === "[") return this.array(i + 1);
    const word = (w: string) => s.slice(i, i + w.length).join("") === w;
    if (c === "n" && word("null")) return [null, i + 4];
    if (c === "t" && word("true")) return [true, i + 4];
    if (c === "f" && word("false")) return [false, i + 5];
    if (c === "N" && word("NaN")) return [this.constant("NaN"), i + 3];
    if (c === "I" && word("Infinity")) return [this.constant("Infinity"), i + 8];
    if (c === "-" && word("-Infinity")) return [this.constant("-Infinity"), i + 9];
    // numbers are ASCII, so matching on the code-point array joined from i is safe
    const rest = s.slice(i, i + 400).join("");
    NUMBER.lastIndex = 0;
    const m = NUMBER.exec(rest);
    if (m !== null && m[0].length > 0 && c !== undefined) {
      const text = m[0];
      const end = i + text.length;
      if (m[1] !== undefined || m[2] !== undefined) {
        return [
          this.o.parseFloat === null ? Number.parseFloat(text) : call(this.o.parseFloat, text),
          end,
        ];
      }
      return [this.o.parseInt === null ? BigInt(text) : call(this.o.parseInt, text), end];
    }
    throw this.error("Expecting value", i);
  }

  private constant(name: string): unknown {
    if (this.o.parseConstant !== null) return call(this.o.parseConstant, name);
    return name === "NaN" ? Number.NaN : name === "Infinity" ? Infinity : -Infinity;
  }

  private string(i: number): [string, number] {
    const s = this.s;
    const begin = i - 1;
    let out = "";
    for (;;) {
      if (i >= s.length) throw this.error("Unterminated string starting at", begin);
      const c = s[i];
      if (c === '"') return [out, i + 1];
      if (c === "\\") {
        i++;
        if (i >= s.length) throw this.error("Unterminated string starting at", begin);
        const e = s[i];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e in simple) {
          out += simple[e];
          i++;
        } else if (e === "u") {
          const hex = s.slice(i + 1, i + 5).join("");
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error("Invalid \\uXXXX escape", i);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          i += 5;
        } else {
          throw this.error("Invalid \\escape", i - 1);
        }
        continue;
      }
      if (this.o.strict && c.charCodeAt(0) < 0x20)
        throw this.error("Invalid control character at", i);
      out += c;
      i++;
    }
  }

  private object(i: number): [unknown, number] {
    const s = this.s;
    const pairs: [string, unknown][] = [];
    i = this.ws(i);
    if (s[i] === "}") return [this.finishObject(pairs), i + 1];
    for (;;) {
      if (s[i] !== '"') throw this.error("Expecting property name enclosed in double quotes", i);
      const [key, afterKey] = this.string(i + 1);
      i = this.ws(afterKey);
      if (s[i] !== ":") throw this.error("Expecting ':' delimiter", i);
      i = this.ws(i + 1);
      const [value, afterValue] = this.value(i);
      pairs.push([key, value]);
      i = this.ws(afterValue);
      if (s[i] === "}") return [this.finishObject(pairs), i + 1];
      if (s[i] !== ",") throw this.error("Expecting ',' delimiter", i);
      const comma = i;
      i = this.ws(i + 1);
      if (s[i] === "}") throw this.error("Illegal trailing comma before end of object", comma);
    }
  }

  private finishObject(pairs: [string, unknown][]): unknown {
    if (this.o.objectPairsHook !== null) {
      return call(
        this.o.objectPairsHook,
        pairs.map(([k, v]) => new Tuple([k, v])),
      );
    }
    const d = new Dict();
    for (const [k, v] of pairs) d.__setitem__(k, v);
    return this.o.objectHook !== null ? call(this.o.objectHook, d) : d;
  }

  private array(i: number): [unknown[], number] {
    const s = this.s;
    const out: unknown[] = [];
    i = this.ws(i);
    if (s[i] === "]") return [out, i + 1];
    for (;;) {
      const [value, after] = this.value(i);
      out.push(value);
      i = this.ws(after);
      if (s[i] === "]") return [out, i + 1];
      if (s[i] !== ",") throw this.error("Expecting ',' delimiter", i);
      const comma = i;
      i = this.ws(i + 1);
      if (s[i] === "]") throw this.error("Illegal trailing comma before end of array", comma);
    }
  }
}

const LOADS_KW = new Set([
  "cls",
  "object_hook",
  "parse_float",
  "parse_int",
  "parse_constant",
  "object_pairs_hook",
  "strict",
]);

/** `json.loads(s, *, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, **kw)`. */
export function loads(s: unknown, ...rest: unknown[]): unknown {
  const [, k] = splitKw(rest);
  let doc: string;
  if (typeof s === "string") {
    if (s.startsWith("\ufeff"))
      throw new JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0);
    doc = s;
  } else if (
    s !== null &&
    typeof s === "object" &&
    "data" in s &&
    (s as { data: unknown }).data instanceof Uint8Array
  ) {
    doc = callMethod(s, "decode") as string;
  } else {
    throw new PyTypeError(`the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
  }
  const cls = k.cls ?? null;
  if (cls !== null) {
    const { cls: _cls, ...kw } = k;
    return callMethod(call(cls, new Kw(kw)), "decode", doc);
  }
  for (const name of Object.keys(k)) {
    if (!LOADS_KW.has(name))
      throw new PyTypeError(`JSONDecoder.__init__() got an unexpected keyword argument '${name}'`);
  }
  const opts: DecodeOptions = {
    objectHook: k.object_hook ?? null,
    objectPairsHook: k.object_pairs_hook ?? null,
    parseFloat: k.parse_float ?? null,
    parseInt: k.parse_int ?? null,
    parseConstant: k.parse_constant ?? null,
    strict: k.strict === undefined ? true : Boolean(k.strict),
  };
  return new Decoder(doc, opts).decode();
}

/**
 * `json.JSONDecoder(*, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
 * strict=True, object_pairs_hook=None)`: `decode(s)` and `raw_decode(s, idx=0)`, reading the
 * hooks from the instance when they run (a subclass may set them in its `__init__`).
 */
class JSONDecoderImpl {
  declare object_hook: unknown;
  declare parse_float: unknown;
  declare parse_int: unknown;
  declare parse_constant: unknown;
  declare strict: unknown;
  declare object_pairs_hook: unknown;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, JSONDecoderImpl, args);
  }

  __init__(...args: unknown[]): null {
    noPositional("JSONDecoder.__init__", args);
    const names = [
      "object_hook",
      "parse_float",
      "parse_int",
      "parse_constant",
      "strict",
      "object_pairs_hook",
    ];
    const vals = bindArgs("JSONDecoder.__init__", args, [], [null, null, null, null, true, null], {
      kwOnly: names,
    });
    // CPython stores `parse_float or float` and `parse_int or int`.
    if (vals[1] === null) vals[1] = pyFloat;
    if (vals[2] === null) vals[2] = pyInt;
    names.forEach((n, i) => {
      (this as unknown as Record<string, unknown>)[n] = vals[i];
    });
    return null;
  }

  private decoder(doc: string): Decoder {
    const a = (name: string) => getattr(this, name);
    const pf = a("parse_float");
    const pi = a("parse_int");
    return new Decoder(doc, {
      objectHook: a("object_hook"),
      objectPairsHook: a("object_pairs_hook"),
      parseFloat: pf === pyFloat ? null : pf,
      parseInt: pi === pyInt ? null : pi,
      parseConstant: a("parse_constant"),
      strict: truthy(a("strict")),
    });
  }

  decode(s: unknown): unknown {
    if (typeof s !== "string") throw new PyTypeError(`expected string or buffer`);
    return this.decoder(s).decode();
  }

  raw_decode(s: unknown, idx: unknown = 0n): Tuple {
    if (typeof s !== "string")
      throw new PyTypeError(`first argument must be a string, not ${typeName(s)}`);
    const [value, end] = this.decoder(s).rawDecode(Number(toBigInt(index(idx))));
    return new Tuple([value, BigInt(end)]);
  }
}

export const JSONDecoder = libraryClass(JSONDecoderImpl, "JSONDecoder", "json.decoder");
export type JSONDecoder = JSONDecoderImpl;

/** `json.load(fp, **kw)`: `loads(fp.read(), **kw)`. */
export function load(fp: unknown, ...rest: unknown[]): unknown {
  return loads(callMethod(fp, "read"), ...rest);
}
