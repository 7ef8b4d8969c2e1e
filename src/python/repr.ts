/**
 * Python's `repr()`, `str()` and `ascii()` for runtime values.
 *
 * - floats use CPython's shortest round-trip layout (floatfmt.ts);
 * - strings choose their quote and escape exactly as CPython's `unicode_repr` (printable
 *   characters per Unicode general category, `\xNN`/`\uNNNN`/`\UNNNNNNNN` otherwise);
 * - containers implement `__repr__` themselves and guard recursion with `reprGuard`
 *   (`[[...]]`, `{...}`), as CPython's `Py_ReprEnter`;
 * - objects without `__repr__` print `<__main__.Foo object at 0x7f0000001000>` where the address
 *   is the deterministic `id()` (differs from CPython's real address, see docs/DIFFERENCES.md);
 * - classes print `<class '__main__.Foo'>`, builtin ones `<class 'int'>`.
 */

import { strFromBytes } from "./bytes";
import { TypeError, ValueError } from "./exceptions";
import { floatRepr } from "./floatfmt";
import {
  type BuiltinKind,
  builtinKind,
  classModule,
  classQualname,
  classTpName,
  id,
} from "./objects";
import { isClass, typeName, typeOf } from "./types";

/** Non-printable characters for `repr()`: Unicode categories C* and Z* except the space. */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const SIMPLE_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** `repr(s)` for a str. */
export function strRepr(s: string): string {
  if (SIMPLE_ASCII.test(s)) return `'${s}'`;
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c < 0x7f) out += ch;
    else if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (c <= 0xff) out += `\\x${hex(c, 2)}`;
    else if (c <= 0xffff) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return out + quote;
}

/** Escape the non-ASCII characters of a repr, as `ascii()` does. */
export function asciiEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += `\\x${hex(c, 2)}`;
    else if (c <= 0xffff) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return out;
}

const reprActive = new Set<unknown>();

/**
 * Run `body` unless `obj`'s repr is already being computed further up the stack, in which case
 * return `placeholder` (`[...]`, `{...}`): CPython's `Py_ReprEnter`/`Py_ReprLeave`.
 */
export function reprGuard(obj: unknown, placeholder: string, body: () => string): string {
  if (reprActive.has(obj)) return placeholder;
  reprActive.add(obj);
  try {
    return body();
  } finally {
    reprActive.delete(obj);
  }
}

/** `<class 'int'>` / `<class '__main__.Foo'>`. */
export function classRepr(cls: Function): string {
  const mod = classModule(cls);
  const q = classQualname(cls);
  return mod === "builtins" ? `<class '${q}'>` : `<class '${mod}.${q}'>`;
}

/** The default `object.__repr__`: `<__main__.Foo object at 0x7f0000001000>`. */
export function objectRepr(obj: unknown): string {
  const cls = typeOf(obj);
  const mod = classModule(cls);
  const q = classQualname(cls);
  const name = mod === "builtins" ? q : `${mod}.${q}`;
  return `<${name} object at 0x${id(obj).toString(16)}>`;
}

function functionRepr(fn: Function): string {
  const f = fn as {
    __qualname__?: string;
    __name__?: string;
    name: string;
    __self__?: unknown;
    __func__?: unknown;
  };
  const kind = builtinKind(fn);
  if (kind !== undefined) return builtinRepr(f, kind);
  const name = f.__qualname__ ?? f.__name__ ?? (f.name || "<lambda>");
  if (f.__self__ !== undefined && f.__func__ !== undefined)
    return `<bound method ${name} of ${repr(f.__self__)}>`;
  if (f.__qualname__ === undefined && /^\s*(function\s*\*?\s*)?\(|=>/.test(fnHead(fn))) {
    // arrow functions and anonymous functions are Python lambdas
    if (!f.name) return `<function <lambda> at 0x${id(fn).toString(16)}>`;
  }
  return `<function ${name} at 0x${id(fn).toString(16)}>`;
}

/**
 * `<built-in function len>`, `<built-in method upper of str object at 0x...>` (the address is
 * the `id()` of `__self__`), `<method 'upper' of 'str' objects>`.
 */
function builtinRepr(
  f: {
    __qualname__?: string;
    __name__?: string;
    name: string;
    __self__?: unknown;
    __objclass__?: unknown;
  },
  kind: BuiltinKind,
): string {
  const name = f.__name__ ?? f.name;
  if (kind === "function") return `<built-in function ${name}>`;
  if (kind === "descriptor") {
    // The defining type's tp_name (`'_asyncio.Future'`, `'collections.deque'`), else the
    // qualname's class part.
    const q = f.__qualname__ ?? name;
    const owner = f.__objclass__;
    return `<method '${name}' of '${owner ? classTpName(owner) : q.slice(0, q.lastIndexOf("."))}' objects>`;
  }
  const self = f.__self__;
  return `<built-in method ${name} of ${typeName(self)} object at 0x${id(self).toString(16)}>`;
}

function fnHead(fn: Function): string {
  return Function.prototype.toString.call(fn).slice(0, 40);
}

/** Python's `repr(value)`. */
/**
 * The decimal digits of an int. V8 converts a double to a string faster than a BigInt, so ints in
 * the double's exact range (nearly all of them) go through Number.
 */
export function intStr(value: bigint): string {
  // Number() rounds an int beyond 2 ** 53 to a double that is not a safe integer.
  const n = Number(value);
  if (Number.isSafeInteger(n)) return `${n}`;
  const s = value.toString();
  const limit = intMaxStrDigits.limit;
  if (limit > 0 && s.length - (value < 0n ? 1 : 0) > limit) {
    throw new ValueError(
      `Exceeds the limit (${limit} digits) for integer string conversion; ` +
        "use sys.set_int_max_str_digits() to increase the limit",
    );
  }
  return s;
}

/**
 * The limit on decimal digits converted between int and str (CPython's CVE-2020-10735
 * mitigation): `sys.get_int_max_str_digits()`, 4300 by default, 0 for none.
 */
export const intMaxStrDigits = { limit: 4300 };

export function repr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return strRepr(value);
    case "bigint":
      return intStr(value);
    case "number":
      return floatRepr(value);
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "None";
    case "function": {
      const r = (value as { __repr__?: unknown }).__repr__;
      if (typeof r === "function" && Object.hasOwn(value, "__repr__")) return String(r.call(value));
      return isClass(value) ? classRepr(value) : functionRepr(value);
    }
  }
  if (value === null) return "None";
  // A list subclass's `__repr__` (`ListSubclassBase`'s or an override) is called below.
  if (Array.isArray(value) && (value as { __repr__?: unknown }).__repr__ === undefined)
    return listRepr(value);
  const r = (value as { __repr__?: unknown }).__repr__;
  if (typeof r === "function") {
    const s = r.call(value);
    if (typeof s !== "string") {
      throw new TypeError(`__repr__ returned non-string (type ${typeName(s)})`);
    }
    return s;
  }
  const kind = (value as { [KIND]?: string })[KIND];
  if (kind === "generator" || kind === "coroutine") {
    // A Python generator or coroutine (its function was marked: asyncio/coroutines.ts).
    const name = (value as { __qualname__?: string }).__qualname__;
    return `<${kind} object ${name} at 0x${id(value).toString(16)}>`;
  }
  return objectRepr(value);
}

/** The mark of generator and coroutine functions and their objects (asyncio/coroutines.ts). */
const KIND = Symbol.for("asyncio-ts.kind");

/** `repr(xs)` of a list: `[1, 2]`, `[[...]]` for a list inside itself. */
export function listRepr(xs: unknown[]): string {
  if (xs.length === 0) return "[]";
  return reprGuard(xs, "[...]", () => `[${Array.prototype.map.call(xs, repr).join(", ")}]`);
}

/** Python's `str(value)` (one argument). Strings are returned unchanged. */
export function str(value: unknown, ...rest: unknown[]): string {
  if (rest.length > 0) return strFromBytes(value, ...rest);
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return intStr(value);
  if (typeof value === "object" && value !== null) {
    const s = (value as { __str__?: unknown }).__str__;
    if (typeof s === "function") {
      const out = s.call(value);
      if (typeof out !== "string") {
        throw new TypeError(`__str__ returned non-string (type ${typeName(out)})`);
      }
      return out;
    }
  }
  return repr(value);
}

/** Python's `ascii(value)`. */
export function ascii(value: unknown): string {
  return asciiEscape(repr(value));
}
