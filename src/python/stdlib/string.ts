/**
 * Python's `string`: the character-class constants, `capwords`, `Template` (`$name`, `${name}`,
 * `$$`) and `Formatter`, as CPython 3.13 has them.
 *
 * `Formatter` is Lib/string.py's, with `_string`'s parser and field-name splitter written here.
 *
 * Differences from CPython: `Template` subclasses cannot change `delimiter`/`idpattern`/`pattern`.
 */

import { Dict } from "../dict";
import { KeyError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { format as pyFormat } from "../format";
import { splitKw } from "../kw";
import { isInt } from "../numbers";
import { callMethod, getattr, getitem, iter, toArray, truthy } from "../protocol";
import { ascii, str as pyStr, repr } from "../repr";
import { PySet } from "../set";
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
  const cps = Array.from(w);
  if (cps.length === 0) return "";
  return cps[0].toUpperCase() + cps.slice(1).join("").toLowerCase();
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

const TEMPLATE_RE = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\}|())/g;

/** `string.Template(template)`. */
export class Template {
  static __module__ = "string";
  static delimiter = "$";
  template: string;

  constructor(template: string) {
    this.template = template;
  }

  private lookup(args: unknown[]): (name: string) => unknown {
    const [pos, kws] = splitKw(args);
    const mapping = pos.length > 0 ? pos[0] : null;
    if (pos.length > 1) throw new PyTypeError("Too many positional arguments");
    return (name: string) => {
      if (Object.hasOwn(kws, name)) return kws[name];
      if (mapping === null) throw new KeyError(name);
      if (mapping instanceof Dict) return mapping.__getitem__(name);
      return getitem(mapping, name);
    };
  }

  private invalid(offset: number): never {
    const before = this.template.slice(0, offset);
    const lines = before.split(/\r\n|\r|\n/);
    const colno = Array.from(lines[lines.length - 1]).length + 1;
    throw new ValueError(`Invalid placeholder in string: line ${lines.length}, col ${colno}`);
  }

  /** `substitute(mapping={}, /, **kws)`: KeyError for a missing name. */
  substitute(...args: unknown[]): string {
    const get = this.lookup(args);
    return this.template.replace(TEMPLATE_RE, (_m, esc, named, braced, _inv, offset: number) => {
      if (esc !== undefined) return "$";
      const name = named ?? braced;
      if (name !== undefined) return pyStr(get(name));
      return this.invalid(offset);
    });
  }

  /** `safe_substitute(mapping={}, /, **kws)`: placeholders without a value are kept. */
  safe_substitute(...args: unknown[]): string {
    const get = this.lookup(args);
    return this.template.replace(TEMPLATE_RE, (m, esc, named, braced) => {
      if (esc !== undefined) return "$";
      const name = named ?? braced;
      if (name !== undefined) {
        try {
          return pyStr(get(name));
        } catch (e) {
          if (e instanceof KeyError) return m;
          throw e;
        }
      }
      return m;
    });
  }

  /** `is_valid()`. */
  is_valid(): boolean {
    for (const m of this.template.matchAll(TEMPLATE_RE)) if (m[4] !== undefined) return false;
    return true;
  }

  /** `get_identifiers()`. */
  get_identifiers(): string[] {
    const ids: string[] = [];
    for (const m of this.template.matchAll(TEMPLATE_RE)) {
      const n = m[2] ?? m[3];
      if (n !== undefined && !ids.includes(n)) ids.push(n);
      if (m[4] !== undefined) this.invalid(m.index ?? 0);
    }
    return ids;
  }
}

/**
 * `_string.formatter_parser(s)`: the `(literal_text, field_name, format_spec, conversion)` parts
 * of a format string, with CPython's ValueErrors (MarkupIterator).
 */
function formatterParser(fmt: string): Tuple[] {
  const out: Tuple[] = [];
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
      out.push(new Tuple([literal, null, null, null]));
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
    out.push(new Tuple([literal, name, spec, conversion]));
  }
  return out;
}

/** `_string.formatter_field_name_split(name)`: the first key and the `(is_attr, key)` rest. */
function fieldNameSplit(name: string): [unknown, [boolean, unknown][]] {
  let k = 0;
  while (k < name.length && name[k] !== "." && name[k] !== "[") k++;
  const asKey = (s: string): unknown => (/^[0-9]+$/.test(s) ? BigInt(s) : s);
  const first = asKey(name.slice(0, k));
  const rest: [boolean, unknown][] = [];
  while (k < name.length) {
    if (name[k] === ".") {
      let e = k + 1;
      while (e < name.length && name[e] !== "." && name[e] !== "[") e++;
      const attr = name.slice(k + 1, e);
      if (attr === "") throw new ValueError("Empty attribute in format string");
      rest.push([true, attr]);
      k = e;
    } else if (name[k] === "[") {
      const e = name.indexOf("]", k + 1);
      if (e < 0) throw new ValueError("Missing ']' in format string");
      const key = name.slice(k + 1, e);
      if (key === "") throw new ValueError("Empty attribute in format string");
      rest.push([false, asKey(key)]);
      k = e + 1;
      if (k < name.length && name[k] !== "." && name[k] !== "[")
        throw new ValueError("Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return [first, rest];
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

  parse(formatString: unknown): Tuple[] {
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
