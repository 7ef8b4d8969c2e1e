/**
 * Python's `string`: the character-class constants, `capwords`, `Template` (`$name`, `${name}`,
 * `$$`) and `Formatter`, as CPython 3.13 has them.
 *
 * `Formatter` is Lib/string.py's, with `_string`'s parser and field-name splitter written here.

 */

import { Dict } from "../dict";
import { KeyError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { format as pyFormat } from "../format";
import { splitKw } from "../kw";
import { isInt } from "../numbers";
import { callMethod, getattr, getitem, iter, toArray, truthy } from "../protocol";
import { ascii, str as pyStr, repr } from "../repr";
import { PySet } from "../set";
import { strMethods } from "../str";
import { Tuple } from "../tuple";
import { typeName } from "../types";

export const whitespace = " \t\n\r\x0b\x0c";
export const ascii_lowercase = "abcdefghijklmnopqrstuvwxyz";
export const ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const ascii_letters = ascii_lowercase + ascii_uppercase;
export const digits = "0123456789";
export const hexdigits = `${digits}abcdef` + "ABCDEF";
export const octdigits = "01234567";
export const punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
export const printable = digits + ascii_letters + punctuation + whitespace;

function capitalize(w: string): string {
  return strMethods.capitalize(w) as string;
}

/** `string.capwords(s, sep=None)`. */
export function capwords(s: string, sep: string | null = null): string {
  if (sep === null) {
    const words = s
      .split(/[ \t\n\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/)
      .filter((w) => w !== "");
    return words.map(capitalize).join(" ");
  }
  return s.split(sep).map(capitalize).join(sep);
}

type Re = typeof import("./re");
/** The runtime's `re` (loaded on first use, as textwrap does, to keep the import graph light). */
function re(): Re {
  return require("./re") as Re;
}

/** Match `mo`'s group `name` (a str or None). */
function group(mo: unknown, name: string): string | null {
  return callMethod(mo, "group", name) as string | null;
}

/** The compiled pattern of a Template class: CPython's `__init_subclass__`, done lazily. */
function templatePattern(cls: Record<string, unknown>): unknown {
  if (Object.hasOwn(cls, "__pattern__")) return cls.__pattern__;
  let pattern: unknown;
  const own = Object.getOwnPropertyDescriptor(cls, "pattern");
  if (own !== undefined && "value" in own) {
    pattern = own.value;
  } else {
    const delim = re().escape(cls.delimiter) as string;
    const id = cls.idpattern as string;
    const bid = truthy(cls.braceidpattern) ? (cls.braceidpattern as string) : id;
    pattern = `
            ${delim}(?:
              (?P<escaped>${delim})  |   # Escape sequence of two delimiters
              (?P<named>${id})       |   # delimiter and a Python identifier
              {(?P<braced>${bid})} |   # delimiter and a braced identifier
              (?P<invalid>)             # Other ill-formed delimiter exprs
            )
            `;
  }
  const compiled =
    pattern instanceof re().Pattern
      ? pattern
      : re().compile(pattern, callMethod(cls.flags, "__or__", re().VERBOSE));
  Object.defineProperty(cls, "__pattern__", { value: compiled, configurable: true });
  // as CPython's __init_subclass__, the class's own `pattern` becomes the compiled pattern
  if (own !== undefined && "value" in own) {
    Object.defineProperty(cls, "pattern", { value: compiled, writable: true, configurable: true });
  }
  return compiled;
}

const SENTINEL = {};

/**
 * `string.Template(template)`, as Lib/string.py: a class's `delimiter`, `idpattern`,
 * `braceidpattern`, `flags` or `pattern` (overridden in a subclass) make its pattern, compiled
 * by the runtime's `re` so it means what it means in CPython.
 */
export class Template {
  static __module__ = "string";
  static delimiter = "$";
  static idpattern = "(?a:[_a-z][_a-z0-9]*)";
  static braceidpattern: string | null = null;
  static get flags(): unknown {
    return re().IGNORECASE;
  }
  static set flags(v: unknown) {
    Object.defineProperty(this, "flags", { value: v, writable: true, configurable: true });
  }
  static get pattern(): unknown {
    return templatePattern(this as unknown as Record<string, unknown>);
  }
  static set pattern(v: unknown) {
    Object.defineProperty(this, "pattern", { value: v, writable: true, configurable: true });
  }
  template: string;

  constructor(template: string) {
    this.template = template;
  }

  get pattern(): unknown {
    return this.compiled();
  }

  /** The class's compiled pattern (not `this.pattern`: a subclass's class attribute shadows it). */
  private compiled(): unknown {
    return templatePattern(this.constructor as unknown as Record<string, unknown>);
  }

  get delimiter(): unknown {
    return (this.constructor as unknown as Record<string, unknown>).delimiter;
  }

  private lookup(args: unknown[]): (name: string) => unknown {
    const [pos, kws] = splitKw(args);
    if (pos.length > 1) {
      throw new PyTypeError(
        `Template.substitute() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`,
      );
    }
    const mapping = pos.length > 0 ? pos[0] : SENTINEL;
    return (name: string) => {
      if (Object.hasOwn(kws, name)) return kws[name];
      if (mapping === SENTINEL) throw new KeyError(name);
      if (mapping instanceof Dict) return mapping.__getitem__(name);
      return getitem(mapping, name);
    };
  }

  private invalid(mo: unknown): never {
    const i = Number(callMethod(mo, "start", "invalid"));
    const cps = Array.from(this.template).slice(0, i).join("");
    const lines = strMethods.splitlines(cps, true) as string[];
    let lineno = 1;
    let colno = 1;
    if (lines.length > 0) {
      colno = i - Array.from(lines.slice(0, -1).join("")).length;
      lineno = lines.length;
    }
    throw new ValueError(`Invalid placeholder in string: line ${lineno}, col ${colno}`);
  }

  private unrecognized(): never {
    throw new ValueError("Unrecognized named group in pattern", this.compiled());
  }

  /** The template with each match of the pattern replaced by `convert(match)`. */
  private subEach(convert: (mo: unknown) => string): string {
    let out = "";
    let last = 0;
    const t = Array.from(this.template);
    for (const mo of iter(callMethod(this.compiled(), "finditer", this.template))) {
      const a = Number(callMethod(mo, "start"));
      out += t.slice(last, a).join("") + convert(mo);
      last = Number(callMethod(mo, "end"));
    }
    return out + t.slice(last).join("");
  }

  /** `substitute(mapping={}, /, **kws)`: KeyError for a missing name. */
  substitute(...args: unknown[]): string {
    const get = this.lookup(args);
    return this.subEach((mo) => {
      const named = group(mo, "named") || group(mo, "braced");
      if (named !== null) return pyStr(get(named));
      if (group(mo, "escaped") !== null) return pyStr(this.delimiter);
      if (group(mo, "invalid") !== null) this.invalid(mo);
      return this.unrecognized();
    });
  }

  /** `safe_substitute(mapping={}, /, **kws)`: placeholders without a value are kept. */
  safe_substitute(...args: unknown[]): string {
    const get = this.lookup(args);
    return this.subEach((mo) => {
      const named = group(mo, "named") || group(mo, "braced");
      if (named !== null) {
        try {
          return pyStr(get(named));
        } catch (e) {
          if (e instanceof KeyError) return callMethod(mo, "group") as string;
          throw e;
        }
      }
      if (group(mo, "escaped") !== null) return pyStr(this.delimiter);
      if (group(mo, "invalid") !== null) return callMethod(mo, "group") as string;
      return this.unrecognized();
    });
  }

  /** `is_valid()`. */
  is_valid(): boolean {
    for (const mo of iter(callMethod(this.compiled(), "finditer", this.template))) {
      if (group(mo, "invalid") !== null) return false;
      if (
        group(mo, "named") === null &&
        group(mo, "braced") === null &&
        group(mo, "escaped") === null
      ) {
        this.unrecognized();
      }
    }
    return true;
  }

  /** `get_identifiers()`. */
  get_identifiers(): string[] {
    const ids: string[] = [];
    for (const mo of iter(callMethod(this.compiled(), "finditer", this.template))) {
      const named = group(mo, "named") || group(mo, "braced");
      if (named !== null && !ids.includes(named)) ids.push(named);
      else if (named === null && group(mo, "invalid") === null && group(mo, "escaped") === null) {
        this.unrecognized();
      }
    }
    return ids;
  }
}

/**
 * `_string.formatter_parser(s)`: the `(literal_text, field_name, format_spec, conversion)` parts
 * of a format string, with CPython's ValueErrors (MarkupIterator). Lazy, as CPython's iterator:
 * a malformed part raises only when reached, after the fields before it were formatted.
 */
function* formatterParser(fmt: string): Generator<Tuple, void, unknown> {
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    let literal = "";
    let markup = false;
    while (i < n) {
      const c = fmt[i]!;
      if (c !== "{" && c !== "}") {
        literal += c;
        i++;
        continue;
      }
      if (fmt[i + 1] === c) {
        literal += c; // an escaped brace ends the literal
        i += 2;
        break;
      }
      if (c === "}") throw new ValueError("Single '}' encountered in format string");
      if (i + 1 >= n) throw new ValueError("Single '{' encountered in format string");
      markup = true;
      i++;
      break;
    }
    if (!markup) {
      yield new Tuple([literal, null, null, null]);
      continue;
    }
    // parse_field (unicode_format.h): the name up to '}', ':' or '!' ('[...]' skipped).
    const nameStart = i;
    let c = "";
    while (i < n) {
      c = fmt[i++]!;
      if (c === "{") throw new ValueError("unexpected '{' in field name");
      if (c === "[") {
        while (i < n && fmt[i] !== "]") i++;
        continue;
      }
      if (c === "}" || c === ":" || c === "!") break;
    }
    const name = fmt.slice(nameStart, Math.max(i - 1, nameStart));
    let conversion: string | null = null;
    let spec = "";
    if (c === "!" || c === ":") {
      let done = false;
      if (c === "!") {
        if (i >= n) throw new ValueError("end of string while looking for conversion specifier");
        conversion = fmt[i++]!;
        if (i < n) {
          const d = fmt[i++]!;
          if (d === "}") done = true;
          else if (d !== ":") throw new ValueError("expected ':' after conversion specifier");
        }
      }
      if (!done) {
        const specStart = i;
        let count = 1;
        while (i < n) {
          const d = fmt[i++]!;
          if (d === "{") count++;
          else if (d === "}" && --count === 0) break;
        }
        if (count !== 0) throw new ValueError("unmatched '{' in format spec");
        spec = fmt.slice(specStart, i - 1);
      }
    } else if (c !== "}") {
      throw new ValueError("expected '}' before end of string");
    }
    yield new Tuple([literal, name, spec, conversion]);
  }
}

/**
 * `_string.formatter_field_name_split(name)`: the first key and the `(is_attr, key)` rest, an
 * iterator that (as CPython's) reports a malformed part only when it reaches it.
 */
function fieldNameSplit(name: string): [unknown, Iterable<[boolean, unknown]>] {
  let k0 = 0;
  while (k0 < name.length && name[k0] !== "." && name[k0] !== "[") k0++;
  const asKey = (s: string): unknown => (/^[0-9]+$/.test(s) ? BigInt(s) : s);
  return [asKey(name.slice(0, k0)), fieldNameRest(name, k0, asKey)];
}

function* fieldNameRest(
  name: string,
  k: number,
  asKey: (s: string) => unknown,
): Generator<[boolean, unknown], void, unknown> {
  while (k < name.length) {
    if (name[k] === ".") {
      let e = k + 1;
      while (e < name.length && name[e] !== "." && name[e] !== "[") e++;
      const attr = name.slice(k + 1, e);
      if (attr === "") throw new ValueError("Empty attribute in format string");
      yield [true, attr];
      k = e;
    } else if (name[k] === "[") {
      const e = name.indexOf("]", k + 1);
      if (e < 0) throw new ValueError("Missing ']' in format string");
      const key = name.slice(k + 1, e);
      if (key === "") throw new ValueError("Empty attribute in format string");
      yield [false, asKey(key)];
      k = e + 1;
      if (k < name.length && name[k] !== "." && name[k] !== "[")
        throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
    }
  }
}

/**
 * `string.Formatter`: CPython's Lib/string.py class, whose `format`/`vformat` go through the
 * overridable `parse`, `get_field`, `get_value`, `check_unused_args`, `format_field` and
 * `convert_field`.
 */
export class Formatter {
  static __module__ = "string";

  format(formatString: unknown, ...args: unknown[]): string {
    const [pos, kws] = splitKw(args);
    return callMethod(
      this,
      "vformat",
      formatString,
      new Tuple(pos),
      new Dict(Object.entries(kws)),
    ) as string;
  }

  vformat(formatString: unknown, args: unknown, kwargs: unknown): string {
    const used = new PySet();
    const [result] = this._vformat(formatString, args, kwargs, used, 2);
    callMethod(this, "check_unused_args", used, args, kwargs);
    return result;
  }

  _vformat(
    formatString: unknown,
    args: unknown,
    kwargs: unknown,
    used: PySet,
    depth: number,
    autoIndex: number | false = 0,
  ): [string, number | false] {
    if (depth < 0) throw new ValueError("Max string recursion exceeded");
    let result = "";
    for (const part of iter(callMethod(this, "parse", formatString))) {
      const [literal, fieldName0, spec0, conversion] = toArray(part);
      if (truthy(literal)) result += pyStr(literal);
      if (fieldName0 === null || fieldName0 === undefined) continue;
      let fieldName = pyStr(fieldName0);
      if (fieldName === "") {
        if (autoIndex === false)
          throw new ValueError(
            "cannot switch from manual field specification to automatic field numbering",
          );
        fieldName = String(autoIndex);
        autoIndex++;
      } else if (/^[0-9]+$/.test(fieldName)) {
        if (autoIndex !== false && autoIndex > 0)
          throw new ValueError(
            "cannot switch from manual field specification to automatic field numbering",
          );
        autoIndex = false;
      }
      const [obj0, argUsed] = toArray(callMethod(this, "get_field", fieldName, args, kwargs));
      used.add(argUsed);
      const obj = callMethod(this, "convert_field", obj0, conversion);
      const [spec, nextIndex] = this._vformat(spec0, args, kwargs, used, depth - 1, autoIndex);
      autoIndex = nextIndex;
      result += pyStr(callMethod(this, "format_field", obj, spec));
    }
    return [result, autoIndex];
  }

  get_value(key: unknown, args: unknown, kwargs: unknown): unknown {
    return isInt(key) ? getitem(args, key) : getitem(kwargs, key);
  }

  check_unused_args(_used: unknown, _args: unknown, _kwargs: unknown): null {
    return null;
  }

  format_field(value: unknown, spec: unknown): unknown {
    return pyFormat(value, spec);
  }

  convert_field(value: unknown, conversion: unknown): unknown {
    if (conversion === null || conversion === undefined) return value;
    if (conversion === "s") return pyStr(value);
    if (conversion === "r") return repr(value);
    if (conversion === "a") return ascii(value);
    throw new ValueError(`Unknown conversion specifier ${pyStr(conversion)}`);
  }

  parse(formatString: unknown): Iterable<Tuple> {
    if (typeof formatString !== "string")
      throw new PyTypeError(`expected str, got ${typeName(formatString)}`);
    return formatterParser(formatString);
  }

  get_field(fieldName: unknown, args: unknown, kwargs: unknown): Tuple {
    const [first, rest] = fieldNameSplit(pyStr(fieldName));
    let obj = callMethod(this, "get_value", first, args, kwargs);
    for (const [isAttr, key] of rest)
      obj = isAttr ? getattr(obj, key as string) : getitem(obj, key);
    return new Tuple([obj, first]);
  }
}
