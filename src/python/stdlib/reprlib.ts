/**
 * Python's `reprlib`: `Repr` (reprs with limits on sizes and nesting), `repr` (the shared
 * `aRepr`'s method) and the `recursive_repr` decorator, as Lib/reprlib.py of CPython 3.13.
 *
 * `Repr.repr1` dispatches on the value's type name to a `repr_<typename>` method, found by
 * attribute lookup on the instance, so a Python subclass's `repr_MyClass(self, obj, level)`
 * is used as in CPython. Levels and the `max*` limits are Python ints (bigints): a subclass
 * sees and may set them as CPython's do.
 *
 * Differences from CPython: there is no `array` type, so `repr_array` is missing.
 */

import { Exception, TypeError as PyTypeError, ValueError } from "../exceptions";
import { splitKw } from "../kw";
import { isInt } from "../numbers";
import { id } from "../objects";
import { codePoints, iter, len } from "../protocol";
import { repr as builtinRepr } from "../repr";
import { typeName, typeOf } from "../types";
import { bindArgs } from "./types";

function builtinSorted(x: unknown): unknown[] {
  return (require("../builtins") as { sorted: (x: unknown) => unknown[] }).sorted(x);
}

/** Up to `n` items of an iterable (`itertools.islice(x, n)`). */
function islice(x: unknown, n: number): unknown[] {
  const out: unknown[] = [];
  if (n <= 0) return out;
  for (const v of iter(x)) {
    out.push(v);
    if (out.length >= n) break;
  }
  return out;
}

/** `sorted(x)`, or the items in iteration order when they cannot be sorted. */
function possiblySorted(x: unknown): unknown[] {
  try {
    return builtinSorted(x);
  } catch (e) {
    if (e instanceof Exception) return Array.from(iter(x));
    throw e;
  }
}

/** `s[:i] + fill + s[len(s)-j:]` cutting a repr to `max` characters. */
function cut(s: string, max: number, fill: string): string {
  const cps = codePoints(s);
  if (cps.length <= max) return s;
  const i = Math.max(0, Math.floor((max - 3) / 2));
  const j = Math.max(0, max - 3 - i);
  return cps.slice(0, i).join("") + fill + cps.slice(cps.length - j).join("");
}

const LIMITS = [
  "maxlevel",
  "maxtuple",
  "maxlist",
  "maxarray",
  "maxdict",
  "maxset",
  "maxfrozenset",
  "maxdeque",
  "maxstring",
  "maxlong",
  "maxother",
  "fillvalue",
  "indent",
];
const DEFAULTS = [6n, 6n, 6n, 5n, 4n, 6n, 6n, 6n, 30n, 40n, 30n, "...", null];

/** `reprlib.Repr(*, maxlevel=6, maxtuple=6, ..., fillvalue='...', indent=None)`. */
export class Repr {
  static __module__ = "reprlib";
  maxlevel: unknown = 6n;
  maxtuple: unknown = 6n;
  maxlist: unknown = 6n;
  maxarray: unknown = 5n;
  maxdict: unknown = 4n;
  maxset: unknown = 6n;
  maxfrozenset: unknown = 6n;
  maxdeque: unknown = 6n;
  maxstring: unknown = 30n;
  maxlong: unknown = 40n;
  maxother: unknown = 30n;
  fillvalue: unknown = "...";
  indent: unknown = null;

  constructor(...args: unknown[]) {
    if (args.length === 0) return; // the defaults (`aRepr` is made at load time)
    const [pos] = splitKw(args);
    if (pos.length > 0) {
      throw new PyTypeError(
        `Repr.__init__() takes 1 positional argument but ${pos.length + 1} were given`,
      );
    }
    const vals = bindArgs("Repr.__init__", args, [], DEFAULTS, { kwOnly: LIMITS });
    const self = this as unknown as Record<string, unknown>;
    LIMITS.forEach((name, i) => {
      self[name] = vals[i];
    });
  }

  private num(name: string): number {
    return Number((this as unknown as Record<string, unknown>)[name] as bigint);
  }

  private get fill(): string {
    return this.fillvalue as string;
  }

  repr(x: unknown): string {
    return this.repr1(x, this.maxlevel);
  }

  repr1(x: unknown, level: unknown): string {
    const cls = typeOf(x) as { __name__?: unknown };
    const name = typeof cls.__name__ === "string" ? cls.__name__ : typeName(x);
    const typename = name.split(/\s+/).filter(Boolean).join("_");
    const f = (this as unknown as Record<string, unknown>)[`repr_${typename}`];
    if (typeof f === "function") return f.call(this, x, level) as string;
    return this.repr_instance(x, level);
  }

  private join(pieces: string[], level: number): string {
    if (this.indent === null || this.indent === undefined) return pieces.join(", ");
    if (pieces.length === 0) return "";
    let indent = this.indent;
    if (isInt(indent)) {
      if (Number(indent) < 0) {
        throw new ValueError(
          `Repr.indent cannot be negative int (was ${builtinRepr(this.indent)})`,
        );
      }
      indent = " ".repeat(Number(indent));
    }
    if (typeof indent !== "string") {
      throw new PyTypeError(
        `Repr.indent must be a str, int or None, not <class '${typeName(indent)}'>`,
      );
    }
    const sep = `,\n${indent.repeat(Math.max(0, this.num("maxlevel") - level + 1))}`;
    const joined = ["", ...pieces, ""].join(sep).slice(1);
    return indent.length > 0 ? joined.slice(0, -indent.length) : joined;
  }

  private iterable(
    x: unknown,
    level: unknown,
    left: string,
    right: string,
    maxiter: number,
    trail = "",
  ): string {
    const n = Number(len(x));
    const lv = Number(level as bigint);
    let s: string;
    if (lv <= 0 && n > 0) s = this.fill;
    else {
      const newlevel = BigInt(lv - 1);
      const pieces = islice(x, maxiter).map((elem) => this.repr1(elem, newlevel));
      if (n > maxiter) pieces.push(this.fill);
      s = this.join(pieces, lv);
      if (n === 1 && trail && (this.indent === null || this.indent === undefined)) {
        right = trail + right;
      }
    }
    return `${left}${s}${right}`;
  }

  repr_tuple(x: unknown, level: unknown): string {
    return this.iterable(x, level, "(", ")", this.num("maxtuple"), ",");
  }

  repr_list(x: unknown, level: unknown): string {
    return this.iterable(x, level, "[", "]", this.num("maxlist"));
  }

  repr_set(x: unknown, level: unknown): string {
    if (Number(len(x)) === 0) return "set()";
    return this.iterable(possiblySorted(x), level, "{", "}", this.num("maxset"));
  }

  repr_frozenset(x: unknown, level: unknown): string {
    if (Number(len(x)) === 0) return "frozenset()";
    const items = possiblySorted(x);
    return this.iterable(items, level, "frozenset({", "})", this.num("maxfrozenset"));
  }

  repr_deque(x: unknown, level: unknown): string {
    return this.iterable(x, level, "deque([", "])", this.num("maxdeque"));
  }

  repr_dict(x: unknown, level: unknown): string {
    const n = Number(len(x));
    if (n === 0) return "{}";
    const lv = Number(level as bigint);
    if (lv <= 0) return `{${this.fill}}`;
    const newlevel = BigInt(lv - 1);
    const maxdict = this.num("maxdict");
    const getitem = (k: unknown) =>
      (require("../protocol") as { getitem: (o: unknown, k: unknown) => unknown }).getitem(x, k);
    const pieces = islice(possiblySorted(x), maxdict).map(
      (key) => `${this.repr1(key, newlevel)}: ${this.repr1(getitem(key), newlevel)}`,
    );
    if (n > maxdict) pieces.push(this.fill);
    return `{${this.join(pieces, lv)}}`;
  }

  repr_str(x: unknown, _level: unknown): string {
    const cps = codePoints(x as string);
    const max = this.num("maxstring");
    let s = builtinRepr(cps.slice(0, Math.max(0, max)).join(""));
    if (codePoints(s).length > max) {
      const i = Math.max(0, Math.floor((max - 3) / 2));
      const j = Math.max(0, max - 3 - i);
      s = builtinRepr(cps.slice(0, i).join("") + cps.slice(cps.length - j).join(""));
      const sc = codePoints(s);
      s = sc.slice(0, i).join("") + this.fill + sc.slice(Math.max(0, sc.length - j)).join("");
    }
    return s;
  }

  repr_int(x: unknown, _level: unknown): string {
    return cut(builtinRepr(x), this.num("maxlong"), this.fill);
  }

  repr_instance(x: unknown, _level: unknown): string {
    let s: string;
    try {
      s = builtinRepr(x);
    } catch (e) {
      if (e instanceof Exception) {
        const name = (x as { constructor?: { __name__?: string } })?.constructor?.__name__;
        return `<${name ?? typeName(x)} instance at 0x${id(x).toString(16)}>`;
      }
      throw e;
    }
    return cut(s, this.num("maxother"), this.fill);
  }
}

/** The shared instance behind `reprlib.repr`. */
export const aRepr = new Repr();

/** `reprlib.repr(x)`: `aRepr.repr(x)`. */
export function repr(x: unknown): string {
  return aRepr.repr(x);
}

/**
 * `@reprlib.recursive_repr(fillvalue='...')`: the decorated `__repr__` returns `fillvalue` for a
 * call on an object whose repr is already being computed.
 */
export function recursive_repr(...args: unknown[]): (f: Function) => Function {
  const [fillvalue] = bindArgs("recursive_repr", args, ["fillvalue"], ["..."]);
  return (userFunction: Function) => {
    const running = new Set<unknown>();
    const wrapper = function (this: unknown, self: unknown, ...rest: unknown[]): unknown {
      // called as a method (`this` is the instance) or as a plain function of `self`
      const obj = this === undefined ? self : this;
      if (running.has(obj)) return fillvalue;
      running.add(obj);
      try {
        return this === undefined
          ? userFunction(self, ...rest)
          : userFunction.call(this, self, ...rest);
      } finally {
        running.delete(obj);
      }
    };
    for (const attr of ["__module__", "__doc__", "__name__", "__qualname__"]) {
      const v = (userFunction as unknown as Record<string, unknown>)[attr];
      if (v !== undefined) {
        Object.defineProperty(wrapper, attr, { value: v, writable: true, configurable: true });
      }
    }
    Object.defineProperty(wrapper, "__wrapped__", {
      value: userFunction,
      writable: true,
      configurable: true,
    });
    return wrapper;
  };
}
