/**
 * Python comparisons: `==`, `!=`, `<`, `<=`, `>`, `>=`, `is`.
 *
 * - int/float/bool compare exactly across types (`2**53 + 1 > 2.0**53`), NaN is unordered;
 * - str compares by code point (not UTF-16 unit);
 * - list/tuple compare lexicographically (identity shortcut per item, as CPython);
 * - dicts, sets, bytes compare by value, sets order by subset;
 * - objects use `__eq__`/`__lt__`/... with the reflected method on `NotImplemented` (trying the
 *   right operand first when its class is a subclass of the left's), falling back to identity for
 *   `==` and to CPython's TypeError for ordering.
 */

import { BytesLike, bytesCompare, bytesEqual } from "./bytes";
import { Dict } from "./dict";
import { TypeError as PyTypeError } from "./exceptions";
import { NotImplemented } from "./objects";
import { SetBase } from "./set";
import { Tuple } from "./tuple";
import { typeName } from "./types";

/** -1/0/1, or NaN when unordered, for two Python numbers. */
export function cmpNum(a: bigint | number | boolean, b: bigint | number | boolean): number {
  if (typeof a === "boolean") a = a ? 1n : 0n;
  if (typeof b === "boolean") b = b ? 1n : 0n;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "number" && typeof b === "number") {
    return a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN;
  }
  if (typeof a === "bigint") return -cmpFloatInt(b as number, a);
  return cmpFloatInt(a as number, b as bigint);
}

function cmpFloatInt(x: number, n: bigint): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x === Number.NEGATIVE_INFINITY) return -1;
  const fl = Math.floor(x);
  const bf = BigInt(fl);
  if (bf < n) return -1;
  if (bf > n) return 1;
  return fl === x ? 0 : 1;
}

function isNum(x: unknown): x is bigint | number | boolean {
  const t = typeof x;
  return t === "bigint" || t === "number" || t === "boolean";
}

/** Code point order of two strings. */
export function cmpStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000;
        y += y >= 0xe000 ? -0x800 : 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

type Dunder = "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__";
const REFLECT: Record<Dunder, Dunder> = {
  __eq__: "__eq__",
  __ne__: "__ne__",
  __lt__: "__gt__",
  __le__: "__ge__",
  __gt__: "__lt__",
  __ge__: "__le__",
};
const SYMBOL: Record<Dunder, string> = {
  __eq__: "==",
  __ne__: "!=",
  __lt__: "<",
  __le__: "<=",
  __gt__: ">",
  __ge__: ">=",
};

function callDunder(obj: unknown, name: string, arg: unknown): unknown {
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return NotImplemented;
  const f = (obj as Record<string, unknown>)[name];
  if (typeof f !== "function") return NotImplemented;
  return f.call(obj, arg);
}

/** True when b's class is a proper subclass of a's (b's reflected method goes first). */
function rightFirst(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const ca = (a as object).constructor;
  const cb = (b as object).constructor;
  return ca !== cb && typeof ca === "function" && b instanceof ca;
}

/** Python's rich comparison returning the dunder's result (NotImplemented if neither side). */
export function richCompare(a: unknown, b: unknown, op: Dunder): unknown {
  const rop = REFLECT[op];
  if (rightFirst(a, b)) {
    const r = callDunder(b, rop, a);
    if (r !== NotImplemented) return r;
    return callDunder(a, op, b);
  }
  const r = callDunder(a, op, b);
  if (r !== NotImplemented) return r;
  return callDunder(b, rop, a);
}

function truthyResult(r: unknown): boolean {
  if (typeof r === "boolean") return r;
  // lazy import avoided: a non-bool result is rare; evaluate truthiness simply
  if (r === null || r === undefined) return false;
  if (typeof r === "bigint") return r !== 0n;
  if (typeof r === "number") return r !== 0;
  if (typeof r === "string") return r.length > 0;
  const b = (r as { __bool__?: () => unknown }).__bool__;
  if (typeof b === "function") return Boolean(b.call(r));
  return true;
}

function seqEq(x: readonly unknown[], y: readonly unknown[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && !eq(x[i], y[i])) return false;
  return true;
}

/** `a == b`. */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  const ta = typeof a;
  // Two different ints (or strs) are unequal: the common case, without the numeric tower.
  if (ta === typeof b && (ta === "bigint" || ta === "string")) return false;
  if (isNum(a)) {
    if (isNum(b)) return cmpNum(a, b) === 0;
    if (typeof b !== "object" || b === null) return false;
  } else if (ta === "string" || ta === "undefined" || a === null) {
    if (typeof b !== "object" || b === null) return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a)) {
    if (Array.isArray(b)) return seqEq(a, b);
  } else if (a instanceof Tuple) {
    if (b instanceof Tuple) return seqEq(a.items, b.items);
  } else if (a instanceof Dict) {
    if (b instanceof Dict && !hasOwnEq(a) && !hasOwnEq(b)) return dictEq(a, b);
  } else if (a instanceof SetBase) {
    if (b instanceof SetBase) return a.equals(b);
  } else if (a instanceof BytesLike) {
    if (b instanceof BytesLike) return bytesEqual(a, b);
  } else if (ta === "function" && typeof b === "function") {
    // Bound methods are made at each read: equal when they bind one function to one object.
    const ma = a as { __func__?: unknown; __self__?: unknown };
    const mb = b as { __func__?: unknown; __self__?: unknown };
    if (ma.__func__ !== undefined && ma.__self__ !== undefined && mb.__func__ !== undefined)
      return ma.__func__ === mb.__func__ && ma.__self__ === mb.__self__;
  }
  const r = richCompare(a, b, "__eq__");
  if (r === NotImplemented) return false;
  return truthyResult(r);
}

function hasOwnEq(d: Dict): boolean {
  return typeof (d as { __eq__?: unknown }).__eq__ === "function";
}

/** Two dicts have equal items (what `dict.__eq__` compares, whatever their classes define). */
export function dictEq(a: Dict, b: Dict): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a.entries()) {
    const e = b.lookup(k);
    if (e === undefined) return false;
    if (e[1] !== v && !eq(v, e[1])) return false;
  }
  return true;
}

/** `a != b`. */
export function ne(a: unknown, b: unknown): boolean {
  if (
    typeof a === "object" &&
    a !== null &&
    typeof (a as { __ne__?: unknown }).__ne__ === "function"
  ) {
    const r = richCompare(a, b, "__ne__");
    if (r !== NotImplemented) return truthyResult(r);
  } else if (
    typeof b === "object" &&
    b !== null &&
    typeof (b as { __ne__?: unknown }).__ne__ === "function"
  ) {
    const r = richCompare(a, b, "__ne__");
    if (r !== NotImplemented) return truthyResult(r);
  }
  return !eq(a, b);
}

function seqOrder(x: readonly unknown[], y: readonly unknown[], op: Dunder): boolean {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i] && !eq(x[i], y[i])) return order(x[i], y[i], op);
  }
  return cmpResult(x.length < y.length ? -1 : x.length > y.length ? 1 : 0, op);
}

function cmpResult(c: number, op: Dunder): boolean {
  switch (op) {
    case "__lt__":
      return c < 0;
    case "__le__":
      return c <= 0;
    case "__gt__":
      return c > 0;
    case "__ge__":
      return c >= 0;
    default:
      return c === 0;
  }
}

function order(a: unknown, b: unknown, op: Dunder): boolean {
  if (isNum(a) && isNum(b)) return cmpResult(cmpNum(a, b), op);
  if (typeof a === "string" && typeof b === "string") return cmpResult(cmpStr(a, b), op);
  if (Array.isArray(a) && Array.isArray(b)) return seqOrder(a, b, op);
  if (a instanceof Tuple && b instanceof Tuple) return seqOrder(a.items, b.items, op);
  if (a instanceof BytesLike && b instanceof BytesLike) return cmpResult(bytesCompare(a, b), op);
  if (a instanceof SetBase && b instanceof SetBase) {
    switch (op) {
      case "__lt__":
        return a.size < b.size && a.isSubsetOf(b);
      case "__le__":
        return a.isSubsetOf(b);
      case "__gt__":
        return a.size > b.size && b.isSubsetOf(a);
      default:
        return b.isSubsetOf(a);
    }
  }
  const r = richCompare(a, b, op);
  if (r === NotImplemented) {
    throw new PyTypeError(
      `'${SYMBOL[op]}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
    );
  }
  return truthyResult(r);
}

/** `a < b`. */
export function lt(a: unknown, b: unknown): boolean {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b;
  if (typeof a === "number" && typeof b === "number") return a < b;
  return order(a, b, "__lt__");
}
/** `a <= b`. */
export function le(a: unknown, b: unknown): boolean {
  return order(a, b, "__le__");
}
/** `a > b`. */
export function gt(a: unknown, b: unknown): boolean {
  if (typeof a === "bigint" && typeof b === "bigint") return a > b;
  if (typeof a === "number" && typeof b === "number") return a > b;
  return order(a, b, "__gt__");
}
/** `a >= b`. */
export function ge(a: unknown, b: unknown): boolean {
  return order(a, b, "__ge__");
}

/** `a is b` (None is `null`; `undefined` counts as None). */
export function is_(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  return a === b;
}

/** `a is not b`. */
export function is_not(a: unknown, b: unknown): boolean {
  return !is_(a, b);
}

/** The rich comparison dunders and the functions applying them (`[["__eq__", eq], ...]`). */
export const RICH_COMPARISONS: [string, (a: unknown, b: unknown) => boolean][] = [
  ["__eq__", eq],
  ["__ne__", ne],
  ["__lt__", lt],
  ["__le__", le],
  ["__gt__", gt],
  ["__ge__", ge],
];
