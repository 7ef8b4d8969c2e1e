/**
 * The format-spec mini-language (`format()`, f-strings, `str.format`) and `%`-formatting, with
 * CPython's output and error messages.
 *
 * `format(value, spec)` dispatches to `__format__` for objects that define it; ints, floats,
 * strs, bools and None are formatted here. Floats use exact decimal expansion (floatfmt.ts).
 * Generated code for `f"{x!r:>10}"` calls `formatValue(x, ">10", "r")`.
 */

import { ByteArray, Bytes, BytesLike, bytesFromDunder } from "./bytes";
import { decode, encode } from "./codecs";
import {
  IndexError,
  KeyError,
  OverflowError,
  TypeError as PyTypeError,
  ValueError,
} from "./exceptions";
import { floatRepr, formatFloatExp, formatFloatFixed, formatFloatGeneral } from "./floatfmt";
import { Kw } from "./kw";
import { floatToInt, index, intToFloat, isInt, toBigInt } from "./numbers";
import { classTpName } from "./objects";
import { codePoints, getattr, getitem, strLen } from "./protocol";
import { ascii, intStr, repr, str } from "./repr";
import { strBase } from "./str";
import { Tuple } from "./tuple";
import { typeName, typeOf } from "./types";

interface Spec {
  fill: string;
  align: string; // "" | < > = ^
  sign: string; // "" | + - space
  z: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string; // "" | , _
  precision: number; // -1 when absent
  type: string;
}

const ALIGNS = "<>=^";

/** Parse a standard format spec; `kind` names the type in error messages. */
export function parseSpec(spec: string, kind: string): Spec {
  const s: Spec = {
    fill: " ",
    align: "",
    sign: "",
    z: false,
    alt: false,
    zero: false,
    width: -1,
    grouping: "",
    precision: -1,
    type: "",
  };
  const cps = codePoints(spec);
  let i = 0;
  let fillGiven = false;
  if (cps.length >= 2 && ALIGNS.includes(cps[1])) {
    fillGiven = true;
    s.fill = cps[0];
    s.align = cps[1];
    i = 2;
  } else if (cps.length >= 1 && ALIGNS.includes(cps[0])) {
    s.align = cps[0];
    i = 1;
  }
  if (i < cps.length && "+- ".includes(cps[i])) s.sign = cps[i++];
  if (i < cps.length && cps[i] === "z") {
    s.z = true;
    i++;
  }
  if (i < cps.length && cps[i] === "#") {
    s.alt = true;
    i++;
  }
  // The `0` flag pads with zeros unless a fill is given, whatever the alignment (`<08`); with no
  // alignment it also places them after the sign for numbers (strs stay left-aligned: `ab000000`).
  if (i < cps.length && cps[i] === "0") {
    s.zero = true;
    if (!fillGiven) s.fill = "0";
    if (s.align === "" && kind !== "str") s.align = "=";
    i++;
  }
  let w = "";
  while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") w += cps[i++];
  if (w) s.width = specNumber(w);
  if (i < cps.length && (cps[i] === "," || cps[i] === "_")) {
    s.grouping = cps[i++];
    if (i < cps.length && (cps[i] === "," || cps[i] === "_") && cps[i] !== s.grouping) {
      throw new ValueError("Cannot specify both ',' and '_'.");
    }
  }
  if (i < cps.length && cps[i] === ".") {
    i++;
    let p = "";
    while (i < cps.length && cps[i] >= "0" && cps[i] <= "9") p += cps[i++];
    if (!p) throw new ValueError("Format specifier missing precision");
    s.precision = specNumber(p);
  }
  if (cps.length - i > 1) {
    throw new ValueError(`Invalid format specifier '${spec}' for object of type '${kind}'`);
  }
  if (i < cps.length) s.type = cps[i];
  if (s.grouping) {
    const ok = s.grouping === "," ? "deEfFgG%" : "bdoxXeEfFgG%";
    if (s.type !== "" && !ok.includes(s.type)) {
      throw new ValueError(`Cannot specify '${s.grouping}' with '${s.type}'.`);
    }
  }
  return s;
}

/** A width or precision: CPython reads it into a Py_ssize_t. */
function specNumber(digits: string): number {
  if (BigInt(digits) > 2n ** 63n - 1n) {
    throw new ValueError("Too many decimal digits in format string");
  }
  return Number(digits);
}

/** Pad `body` (after sign/prefix) to the spec's width. */
function pad(s: Spec, signPrefix: string, body: string, defaultAlign: string): string {
  const align = s.align || defaultAlign;
  const total = strLen(signPrefix) + strLen(body);
  if (s.width <= total) return signPrefix + body;
  const n = s.width - total;
  switch (align) {
    case "<":
      return signPrefix + body + s.fill.repeat(n);
    case ">":
      return s.fill.repeat(n) + signPrefix + body;
    case "^": {
      const left = n >> 1;
      return s.fill.repeat(left) + signPrefix + body + s.fill.repeat(n - left);
    }
    default:
      return signPrefix + s.fill.repeat(n) + body;
  }
}

/** Insert group separators into a digit string, zero-padding to minWidth as CPython does. */
function group(digits: string, sep: string, size: number, minWidth: number): string {
  if (!sep) return minWidth > digits.length ? digits.padStart(minWidth, "0") : digits;
  const parts: string[] = [];
  let remaining = digits.length;
  let mw = minWidth;
  let end = digits.length;
  let broken = false;
  for (;;) {
    const l = Math.min(size, Math.max(remaining, mw, 1));
    const nZeros = Math.max(0, l - remaining);
    const nChars = Math.max(0, Math.min(remaining, l));
    parts.push("0".repeat(nZeros) + digits.slice(end - nChars, end));
    end -= nChars;
    remaining -= nChars;
    mw -= l;
    if (remaining <= 0 && mw <= 0) {
      broken = true;
      break;
    }
    mw -= 1;
  }
  void broken;
  return parts.reverse().join(sep);
}

function signOf(neg: boolean, s: Spec): string {
  if (neg) return "-";
  if (s.sign === "+") return "+";
  if (s.sign === " ") return " ";
  return "";
}

/** Format an int with a spec. */
export function formatInt(v: bigint, spec: string, kind = "int"): string {
  const s = parseSpec(spec, kind);
  if ("eEfFgGn%".includes(s.type) && s.type !== "" && s.type !== "n") {
    return formatFloatSpec(intToFloat(v), s);
  }
  if (!"bcdoxXn".includes(s.type)) {
    throw new ValueError(`Unknown format code '${s.type}' for object of type '${kind}'`);
  }
  if (s.precision >= 0) throw new ValueError("Precision not allowed in integer format specifier");
  if (s.z) {
    throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
  }
  let digits: string;
  let prefix = "";
  const neg = v < 0n;
  const a = neg ? -v : v;
  let groupSize = 3;
  switch (s.type) {
    case "":
    case "d":
    case "n":
      digits = intStr(a);
      break;
    case "b":
      digits = a.toString(2);
      prefix = s.alt ? "0b" : "";
      groupSize = 4;
      break;
    case "o":
      digits = a.toString(8);
      prefix = s.alt ? "0o" : "";
      groupSize = 4;
      break;
    case "x":
      digits = a.toString(16);
      prefix = s.alt ? "0x" : "";
      groupSize = 4;
      break;
    case "X":
      digits = a.toString(16).toUpperCase();
      prefix = s.alt ? "0X" : "";
      groupSize = 4;
      break;
    case "c": {
      if (s.sign) throw new ValueError("Sign not allowed with integer format specifier 'c'");
      if (s.alt)
        throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
      if (v < -(2n ** 63n) || v >= 2n ** 63n) {
        throw new OverflowError("Python int too large to convert to C long");
      }
      if (v < 0n || v > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
      return pad(s, "", String.fromCodePoint(Number(v)), ">");
    }
    default:
      throw new ValueError(`Unknown format code '${s.type}' for object of type '${kind}'`);
  }
  const sp = signOf(neg, s) + prefix;
  const minWidth = s.align === "=" && s.fill === "0" && s.width > 0 ? s.width - sp.length : 0;
  if (s.grouping || minWidth > 0) {
    const grouped = group(digits, s.grouping, groupSize, s.grouping ? minWidth : 0);
    return pad(s, sp, grouped, ">");
  }
  return pad(s, sp, digits, ">");
}

function formatFloatSpec(x: number, s: Spec): string {
  let type = s.type;
  const prec = s.precision;
  const neg = x < 0 || Object.is(x, -0);
  let a = Math.abs(x);
  let body: string;
  let suffix = "";
  if (type === "%") {
    a *= 100;
    suffix = "%";
    type = "f";
  }
  const upper = type !== "" && "EFG".includes(type);
  if (type !== "" && !"eEfFgGn".includes(type)) {
    throw new ValueError(`Unknown format code '${s.type}' for object of type 'float'`);
  }
  if (prec > 2147483647) throw new ValueError("precision too big");
  if (!Number.isFinite(a)) {
    body = Number.isNaN(a) ? "nan" : "inf";
    if (upper) body = body.toUpperCase();
  } else {
    switch (type) {
      case "":
        if (prec < 0) {
          body = floatRepr(a);
          // `#` keeps the point of the repr's exponent form: `format(1e16, "#")` is '1.e+16'
          if (s.alt && !body.includes(".")) body = body.replace("e", ".e");
        } else body = formatFloatGeneral(a, prec, s.alt, false, true);
        break;
      case "e":
      case "E":
        body = formatFloatExp(a, prec < 0 ? 6 : prec, s.alt, upper);
        break;
      case "f":
      case "F":
        body = formatFloatFixed(a, prec < 0 ? 6 : prec);
        if (s.alt && !body.includes(".")) body += ".";
        break;
      case "g":
      case "G":
      case "n":
        body = formatFloatGeneral(a, prec < 0 ? 6 : prec, s.alt, upper);
        break;
      default:
        throw new ValueError(`Unknown format code '${s.type}' for object of type 'float'`);
    }
  }
  body += suffix;
  let isNeg = neg && !Number.isNaN(x);
  if (s.z && isNeg && /^[0.]*(e[+-]\d+)?%?$/i.test(body.replace(/[eE][+-]\d+/, ""))) {
    isNeg = false;
  }
  const sp = signOf(isNeg, s);
  const minWidth = s.align === "=" && s.fill === "0" && s.width > 0 ? s.width - sp.length : 0;
  if (s.grouping && Number.isFinite(a)) {
    const m = /^(\d*)(.*)$/.exec(body)!;
    const rest = m[2];
    const grouped = group(m[1], s.grouping, 3, Math.max(0, minWidth - strLen(rest)));
    return pad(s, sp, grouped + rest, ">");
  }
  return pad(s, sp, body, ">");
}

/** Format a float with a spec. */
export function formatFloat(x: number, spec: string): string {
  return formatFloatSpec(x, parseSpec(spec, "float"));
}

/** Format a str with a spec. */
export function formatStr(v: string, spec: string): string {
  const s = parseSpec(spec, "str");
  if (s.type !== "" && s.type !== "s") {
    throw new ValueError(`Unknown format code '${s.type}' for object of type 'str'`);
  }
  if (s.grouping) throw new ValueError(`Cannot specify '${s.grouping}' with 's'.`);
  if (s.sign === " ") throw new ValueError("Space not allowed in string format specifier");
  if (s.sign) throw new ValueError("Sign not allowed in string format specifier");
  if (s.z) {
    throw new ValueError("Negative zero coercion (z) not allowed in string format specifier");
  }
  if (s.alt) throw new ValueError("Alternate form (#) not allowed in string format specifier");
  if (s.align === "=") throw new ValueError("'=' alignment not allowed in string format specifier");
  let body = v;
  if (s.precision >= 0) body = codePoints(v).slice(0, s.precision).join("");
  return pad(s, "", body, "<");
}

/** `format(value, spec)`. */
export function format(value: unknown, spec: unknown = ""): string {
  if (typeof spec !== "string") {
    throw new PyTypeError(`format() argument 2 must be str, not ${typeName(spec)}`);
  }
  switch (typeof value) {
    case "string":
      return spec === "" ? value : formatStr(value, spec);
    case "bigint":
      return spec === "" ? intStr(value) : formatInt(value, spec);
    case "number":
      return spec === "" ? floatRepr(value) : formatFloat(value, spec);
    case "boolean":
      return spec === "" ? (value ? "True" : "False") : formatInt(value ? 1n : 0n, spec, "bool");
  }
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const f = (value as { __format__?: (spec: string) => unknown }).__format__;
    if (
      typeof f === "function" &&
      !(typeof value === "function" && !Object.hasOwn(value, "__format__"))
    ) {
      const r = f.call(value, spec);
      if (typeof r !== "string") {
        throw new PyTypeError(`__format__ must return a str, not ${typeName(r)}`);
      }
      return r;
    }
    const ii = (value as { __int_value__?: unknown }).__int_value__;
    if (spec !== "" && typeof ii === "bigint") return formatInt(ii, spec);
  }
  if (spec !== "") {
    throw new PyTypeError(
      `unsupported format string passed to ${classTpName(typeOf(value))}.__format__`,
    );
  }
  return str(value);
}

/** f-string replacement field: `{value!conv:spec}`. */
export function formatValue(value: unknown, spec = "", conversion = ""): string {
  if (conversion === "r") value = repr(value);
  else if (conversion === "s") value = str(value);
  else if (conversion === "a") value = ascii(value);
  return format(value, spec);
}

// ---------------------------------------------------------------- str.format

interface FormatArgs {
  /** null for `format_map`, which has no positional arguments. */
  positional: unknown[] | null;
  named: (name: string) => unknown;
}

/** `fmt.format(*args, **kwargs)` (kwargs as a final `Kw`). */
export function strFormat(fmt: string, ...args: unknown[]): string {
  let named: Record<string, unknown> = {};
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    named = (args.pop() as Kw).kwargs as Record<string, unknown>;
  }
  return formatWith(fmt, {
    positional: args,
    named: (name) => {
      if (!Object.hasOwn(named, name)) throw new KeyError(name);
      return named[name];
    },
  });
}

/** `fmt.format_map(mapping)`. */
export function strFormatMap(fmt: string, mapping: unknown): string {
  return formatWith(fmt, { positional: null, named: (name) => getitem(mapping, name) });
}

/**
 * CPython's build_string: `depth` counts the levels of nested specs left (`{:{}}`), and the
 * automatic field numbering is shared with the specs' fields.
 */
function formatWith(
  fmt: string,
  a: FormatArgs,
  depth = 2,
  st: { auto: number; mode: "" | "auto" | "manual" } = { auto: 0, mode: "" },
): string {
  if (depth <= 0) throw new ValueError("Max string recursion exceeded");
  let out = "";
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i];
    if (c === "}") {
      if (fmt[i + 1] === "}") {
        out += "}";
        i += 2;
        continue;
      }
      throw new ValueError("Single '}' encountered in format string");
    }
    if (c !== "{") {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    // The field, as CPython's parse_field reads it: the name (a `[...]` may hold any
    // character), then `!c` and `:spec`, whose braces nest.
    if (i + 1 >= n) throw new ValueError("Single '{' encountered in format string");
    let j = i + 1;
    let end = "";
    while (j < n) {
      const ch = fmt[j++]!;
      if (ch === "{") throw new ValueError("unexpected '{' in field name");
      if (ch === "[") {
        while (j < n && fmt[j] !== "]") j++;
        continue;
      }
      if (ch === "}" || ch === ":" || ch === "!") {
        end = ch;
        break;
      }
    }
    const name = fmt.slice(i + 1, end === "" ? j : j - 1);
    let conv = "";
    let spec = "";
    if (end === "") throw new ValueError("expected '}' before end of string");
    if (end === "!") {
      if (j >= n) throw new ValueError("end of string while looking for conversion specifier");
      conv = fmt[j++]!;
      if (j < n) {
        const ch = fmt[j++];
        if (ch === "}") end = "}";
        else if (ch !== ":") throw new ValueError("expected ':' after conversion specifier");
      }
    }
    if (end !== "}") {
      const start = j;
      let count = 1;
      while (j < n) {
        const ch = fmt[j++];
        if (ch === "{") count++;
        else if (ch === "}" && --count === 0) break;
      }
      if (count !== 0) throw new ValueError("unmatched '{' in format spec");
      spec = fmt.slice(start, j - 1);
    }
    i = j;
    // resolve the value (first: `{:{}}` numbers the field before the fields of its spec)
    const m = /^([^.[]*)(.*)$/s.exec(name)!;
    let first = m[1];
    const rest = m[2];
    let value: unknown;
    if (first === "") {
      if (st.mode === "manual") {
        throw new ValueError(
          "cannot switch from manual field specification to automatic field numbering",
        );
      }
      st.mode = "auto";
      first = String(st.auto++);
    } else if (/^\d+$/.test(first)) {
      if (st.mode === "auto") {
        throw new ValueError(
          "cannot switch from automatic field numbering to manual field specification",
        );
      }
      st.mode = "manual";
    }
    if (/^\d+$/.test(first)) {
      const idx = Number(first);
      if (a.positional === null) throw new ValueError("Format string contains positional fields");
      if (idx >= a.positional.length) {
        throw new IndexError(`Replacement index ${idx} out of range for positional args tuple`);
      }
      value = a.positional[idx];
    } else {
      value = a.named(first);
    }
    // CPython's FieldNameIterator: each `.attr` / `[key]` is parsed and applied in turn
    let pos = 0;
    while (pos < rest.length) {
      const c0 = rest[pos++];
      let part: string;
      if (c0 === ".") {
        const stop = rest.slice(pos).search(/[.[]/);
        const end2 = stop < 0 ? rest.length : pos + stop;
        part = rest.slice(pos, end2);
        pos = end2;
      } else if (c0 === "[") {
        const end2 = rest.indexOf("]", pos);
        part = rest.slice(pos, end2);
        pos = end2 + 1;
      } else {
        throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
      }
      if (part === "") throw new ValueError("Empty attribute in format string");
      if (c0 === ".") value = getattr(value, part);
      else value = getitem(value, /^\d+$/.test(part) ? BigInt(part) : part);
    }
    if (conv !== "" && !"rsa".includes(conv)) {
      const code = conv.codePointAt(0)!;
      throw new ValueError(
        `Unknown conversion specifier ${code > 32 && code < 127 ? conv : `\\x${code.toString(16)}`}`,
      );
    }
    if (spec.includes("{")) spec = formatWith(spec, a, depth - 1, st);
    out += formatValue(value, spec, conv);
  }
  return out;
}

// ---------------------------------------------------------------- printf-style %

/** `fmt % values`. */
export function percentFormat(fmt: string, values: unknown): string {
  return percentCore(fmt, values, false);
}

/**
 * `b % values` / `bytearray % values` (PEP 461). The str parser below runs over the bytes as
 * latin-1 text (one char per byte) in bytes mode: `%b`/`%s` take bytes-like objects or
 * `__bytes__`, `%c` an int in range(256) or one byte, `%r`/`%a` give `ascii()`, mapping keys
 * are bytes, and the errors are bytesobject.c's. The result has the left operand's base type.
 */
export function bytesPercentFormat(fmt: BytesLike, values: unknown): Bytes | ByteArray {
  const out = encode(percentCore(decode(fmt.data, "latin-1"), values, true), "latin-1");
  return fmt instanceof ByteArray ? new ByteArray(out) : new Bytes(out);
}

/**
 * CPython's test for a mapping argument (PyMapping_Check, minus tuples and strs, and in bytes
 * mode bytes-likes): `%(key)s` looks keys up in it, and it need not be consumed.
 */
function percentMapping(v: unknown, bytes: boolean): boolean {
  if (v instanceof Tuple || typeof v === "string" || strBase(v) !== undefined) return false;
  if (bytes && v instanceof BytesLike) return false;
  return (
    Array.isArray(v) ||
    (v !== null &&
      typeof v === "object" &&
      typeof (v as { __getitem__?: unknown }).__getitem__ === "function")
  );
}

function starArg(v: unknown): number {
  if (!isInt(v)) throw new PyTypeError("* wants int");
  return Number(toBigInt(v));
}

function percentCore(fmt: string, values: unknown, bytes: boolean): string {
  const tuple = values instanceof Tuple ? (values as Tuple).items : null;
  const dict = tuple === null && percentMapping(values, bytes) ? values : null;
  // CPython's argument cursor: a tuple's items, else the one object (`arglen` -1), which a
  // `%(key)` conversion replaces by the looked-up value.
  let cur: unknown = values;
  let arglen = tuple !== null ? tuple.length : -1;
  let argidx = tuple !== null ? 0 : -2;
  const nextArg = (): unknown => {
    if (argidx < arglen) {
      argidx++;
      return arglen < 0 ? cur : tuple![argidx - 1];
    }
    throw new PyTypeError("not enough arguments for format string");
  };
  let out = "";
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    if (fmt[i] !== "%") {
      const j = fmt.indexOf("%", i);
      const end = j < 0 ? n : j;
      out += fmt.slice(i, end);
      i = end;
      continue;
    }
    i++;
    if (i >= n) throw new ValueError("incomplete format");
    if (fmt[i] === "%") {
      out += "%";
      i++;
      continue;
    }
    if (fmt[i] === "(") {
      if (dict === null) throw new PyTypeError("format requires a mapping");
      let depth = 1;
      let j = i + 1;
      while (j < n && depth > 0) {
        if (fmt[j] === "(") depth++;
        else if (fmt[j] === ")") depth--;
        j++;
      }
      if (depth > 0) throw new ValueError("incomplete format key");
      const key = fmt.slice(i + 1, j - 1);
      i = j;
      cur = getitem(dict, bytes ? new Bytes(encode(key, "latin-1")) : key);
      arglen = -1;
      argidx = -2;
    }
    let flags = "";
    while (i < n && "-+ #0".includes(fmt[i])) flags += fmt[i++];
    let leftAlign = flags.includes("-");
    let w = -1;
    if (fmt[i] === "*") {
      w = starArg(nextArg());
      if (w < 0) {
        leftAlign = true;
        w = -w;
      }
      i++;
    } else {
      let width = "";
      while (i < n && fmt[i] >= "0" && fmt[i] <= "9") width += fmt[i++];
      if (width) w = Number(width);
    }
    let p = -1;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") {
        p = Math.max(0, starArg(nextArg()));
        i++;
      } else {
        let prec = "";
        while (i < n && fmt[i] >= "0" && fmt[i] <= "9") prec += fmt[i++];
        p = Number(prec || "0");
      }
    }
    while (i < n && "hlL".includes(fmt[i])) i++;
    if (i >= n) throw new ValueError("incomplete format");
    const conv = fmt[i++];
    const arg = nextArg();
    let body: string;
    switch (conv) {
      case "b":
      case "s":
      case "r":
      case "a": {
        if (conv === "b" && !bytes) unsupportedChar(fmt, i - 1, bytes);
        let sv = conv === "r" ? (bytes ? ascii(arg) : repr(arg)) : conv === "a" ? ascii(arg) : "";
        if (conv === "s" || conv === "b") sv = bytes ? decode(bytesArg(arg), "latin-1") : str(arg);
        if (p >= 0) sv = codePoints(sv).slice(0, p).join("");
        body = padPlain(sv, w, leftAlign);
        break;
      }
      case "d":
      case "i":
      case "u":
      case "x":
      case "X":
      case "o": {
        const iv = "diu".includes(conv) ? percentInt(arg, conv) : percentIntStrict(arg, conv);
        body = percentIntBody(iv, conv, flags, w, p, leftAlign);
        break;
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        const fv = percentFloat(arg, bytes);
        let spec = "";
        if (leftAlign) spec += "<";
        else if (flags.includes("0")) spec += "0=";
        if (flags.includes("+")) spec += "+";
        else if (flags.includes(" ")) spec += " ";
        if (flags.includes("#")) spec += "#";
        body = formatFloat(fv, `${spec}${w > 0 ? w : ""}.${p >= 0 ? p : 6}${conv}`);
        break;
      }
      case "c":
        body = padPlain(bytes ? percentByte(arg) : percentChar(arg), w, leftAlign);
        break;
      default:
        unsupportedChar(fmt, i - 1, bytes);
    }
    out += body;
  }
  if (argidx < arglen && dict === null) {
    throw new PyTypeError(
      `not all arguments converted during ${bytes ? "bytes" : "string"} formatting`,
    );
  }
  return out;
}

function unsupportedChar(fmt: string, at: number, bytes: boolean): never {
  const code = fmt.codePointAt(at)!;
  let shown: string;
  if (bytes) {
    // CPython formats the byte as a signed C char: one above 127 fails to be shown.
    if (code > 127) throw new OverflowError("character argument not in range(0x110000)");
    shown = String.fromCharCode(code);
  } else shown = code >= 31 && code <= 126 ? String.fromCharCode(code) : "?";
  const index = bytes ? at : strLen(fmt.slice(0, at));
  throw new ValueError(
    `unsupported format character '${shown}' (0x${code.toString(16)}) at index ${index}`,
  );
}

/** The bytes `%b`/`%s` insert: a bytes-like object's, or `__bytes__()`'s. */
function bytesArg(arg: unknown): Uint8Array {
  if (arg instanceof BytesLike) return arg.data;
  const b = bytesFromDunder(arg);
  if (b !== undefined) return b.data;
  throw new PyTypeError(
    `%b requires a bytes-like object, or an object that implements __bytes__, not '${typeName(arg)}'`,
  );
}

function hasIndex(arg: unknown): boolean {
  return (
    arg !== null &&
    typeof arg === "object" &&
    typeof (arg as { __index__?: unknown }).__index__ === "function"
  );
}

/** `%c` of str formatting: an int code point or a one-character str. */
function percentChar(arg: unknown): string {
  const s = typeof arg === "string" ? arg : strBase(arg);
  if (s !== undefined) {
    if (strLen(s) !== 1) throw new PyTypeError("%c requires int or char");
    return s;
  }
  if (!isInt(arg) && !hasIndex(arg)) throw new PyTypeError("%c requires int or char");
  const iv = index(arg);
  if (iv < 0n || iv > 0x10ffffn) throw new OverflowError("%c arg not in range(0x110000)");
  return String.fromCodePoint(Number(iv));
}

/** `%c` of bytes formatting: an int in range(256) or a one-byte bytes-like. */
function percentByte(arg: unknown): string {
  if (arg instanceof BytesLike && arg.data.length === 1) return String.fromCharCode(arg.data[0]);
  if (!isInt(arg) && !hasIndex(arg)) {
    throw new PyTypeError("%c requires an integer in range(256) or a single byte");
  }
  const iv = index(arg);
  if (iv < 0n || iv > 255n) throw new OverflowError("%c arg not in range(256)");
  return String.fromCharCode(Number(iv));
}

/** `%d %i %u %o %x %X` of an int, with printf's flags, width and precision (minimum digits). */
function percentIntBody(
  iv: bigint,
  conv: string,
  flags: string,
  w: number,
  p: number,
  leftAlign: boolean,
): string {
  const neg = iv < 0n;
  const mag = neg ? -iv : iv;
  let digits =
    conv === "o" ? mag.toString(8) : conv === "x" || conv === "X" ? mag.toString(16) : intStr(mag);
  if (conv === "X") digits = digits.toUpperCase();
  if (p > digits.length) digits = digits.padStart(p, "0");
  let prefix = neg ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  if (flags.includes("#") && !"diu".includes(conv)) prefix += `0${conv === "o" ? "o" : conv}`;
  if (!leftAlign && flags.includes("0") && prefix.length + digits.length < w) {
    digits = digits.padStart(w - prefix.length, "0");
  }
  return padPlain(prefix + digits, w, leftAlign);
}

function padPlain(s: string, w: number, left: boolean): string {
  const n = strLen(s);
  if (w <= n) return s;
  return left ? s + " ".repeat(w - n) : " ".repeat(w - n) + s;
}

function percentInt(arg: unknown, conv: string): bigint {
  if (isInt(arg)) return toBigInt(arg);
  if (typeof arg === "number") return floatToInt(arg);
  const f = (arg as { __int__?: () => unknown } | null)?.__int__;
  if (arg !== null && typeof arg === "object" && typeof f === "function")
    return f.call(arg) as bigint;
  if (hasIndex(arg)) return index(arg);
  throw new PyTypeError(`%${conv} format: a real number is required, not ${typeName(arg)}`);
}

function percentIntStrict(arg: unknown, conv: string): bigint {
  if (isInt(arg)) return toBigInt(arg);
  if (hasIndex(arg)) return index(arg);
  throw new PyTypeError(`%${conv} format: an integer is required, not ${typeName(arg)}`);
}

function percentFloat(arg: unknown, bytes: boolean): number {
  if (typeof arg === "number") return arg;
  if (isInt(arg)) return intToFloat(arg);
  const f = (arg as { __float__?: () => unknown } | null)?.__float__;
  if (arg !== null && typeof arg === "object" && typeof f === "function")
    return f.call(arg) as number;
  if (hasIndex(arg)) return intToFloat(index(arg));
  throw new PyTypeError(
    bytes
      ? `float argument required, not ${typeName(arg)}`
      : `must be real number, not ${typeName(arg)}`,
  );
}
