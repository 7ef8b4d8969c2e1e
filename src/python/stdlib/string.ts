/**
 * Python's `string`: the character-class constants, `capwords`, `Template` (`$name`, `${name}`,
 * `$$`) and a basic `Formatter`, as CPython 3.13 has them.
 *
 * Differences from CPython: `Template` subclasses cannot change `delimiter`/`idpattern`/`pattern`;
 * `Formatter` supports `format`/`vformat` (the runtime's `str.format`), not the overridable
 * `parse`/`get_field`/`convert_field` hooks.
 */

import { Dict } from "../dict";
import { KeyError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { strFormat, strFormatMap } from "../format";
import { Kw, splitKw } from "../kw";
import { getitem } from "../protocol";
import { str as pyStr } from "../repr";

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

/** `string.Formatter`: `format(format_string, *args, **kwargs)` as `str.format`. */
export class Formatter {
  static __module__ = "string";

  format(formatString: string, ...args: unknown[]): string {
    return strFormat(formatString, ...args);
  }

  vformat(formatString: string, args: unknown, kwargs: unknown): string {
    const positional = Array.isArray(args) ? args : [...((args as Iterable<unknown>) ?? [])];
    if (positional.length === 0 && kwargs instanceof Dict)
      return strFormatMap(formatString, kwargs);
    const kw: Record<string, unknown> = {};
    if (kwargs instanceof Dict) for (const [k, v] of kwargs.entries()) kw[String(k)] = v;
    return strFormat(formatString, ...positional, new Kw(kw));
  }
}
