/**
 * The special methods of builtin types, called by name: `(5).__add__(2.0)`, `"ab".__contains__("a")`,
 * `int.__add__(self, other)` in an int subclass, `list.__getitem__(self, i)` in a list subclass,
 * `dict.__init__(self, *args, **kw)`, `object.__repr__(self)`.
 *
 * The runtime's operators (operators.ts, compare.ts, protocol.ts) implement the *operations*, with
 * Python's dispatch to the operands' special methods. A special method called by name is one
 * type's slot instead: it takes its own type's operands and answers `NotImplemented` for the
 * others (`(5).__add__(2.0)` is NotImplemented: float's `__radd__` is what `5 + 2.0` finds), and
 * it never dispatches back to a subclass's override (`int.__add__(self, o)` inside an override of
 * `__add__` must not call that override again). So each method here unwraps a str/int/float
 * subclass instance to its value (subclass.ts) and applies the operation to builtin values only.
 * Each type's table has exactly the special methods CPython 3.13's type has (`dir(int)`); a name
 * outside it is an AttributeError, as in CPython.
 *
 * Types whose values are runtime classes (dict, tuple, set, frozenset, bytes, bytearray) have
 * their special methods on those classes' prototypes; protocol.ts finds them there, and this
 * module adds what those classes leave out (`dict.__init__`, `list.__init__`).
 */

import * as B from "./builtins";
import { dictEq, eq, ge, gt, le, lt, ne } from "./compare";
import { Dict, dictInit } from "./dict";
import { TypeError as PyTypeError } from "./exceptions";
import { format } from "./format";
import { hash } from "./hash";
import { listInit } from "./list";
import { index } from "./numbers";
import { builtinValue, NotImplemented } from "./objects";
import * as ops from "./operators";
import { contains, delitem, getitem, iter, len, setitem } from "./protocol";
import { repr, str } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

/** A special method taking its receiver first; `null`: the type sets it to None (`list.__hash__`). */
type Slot = ((self: any, ...args: any[]) => unknown) | null;
type Table = Record<string, Slot>;

/** A str/int/float subclass instance's value; anything else as it is. */
function plain(x: unknown): unknown {
  const v = builtinValue(x);
  return v === undefined ? x : v;
}

const isIntLike = (x: unknown): boolean => typeof x === "bigint" || typeof x === "boolean";
const isReal = (x: unknown): boolean => isIntLike(x) || typeof x === "number";

type Op = (a: unknown, b: unknown) => unknown;

/** `__op__` and `__rop__` of a numeric type: operands it `accepts`, else NotImplemented. */
function numericPair(table: Table, name: string, op: Op, accepts: (x: unknown) => boolean): void {
  table[`__${name}__`] = (self, other) => {
    const o = plain(other);
    return accepts(o) ? op(plain(self), o) : NotImplemented;
  };
  table[`__r${name}__`] = (self, other) => {
    const o = plain(other);
    return accepts(o) ? op(o, plain(self)) : NotImplemented;
  };
}

/** The six rich comparisons, for operands `accepts` takes (NotImplemented for the others). */
function comparisons(table: Table, accepts: (x: unknown) => boolean): void {
  for (const [name, op] of [
    ["eq", eq],
    ["ne", ne],
    ["lt", lt],
    ["le", le],
    ["gt", gt],
    ["ge", ge],
  ] as const) {
    table[`__${name}__`] = (self, other) => {
      const o = plain(other);
      return accepts(o) ? op(plain(self), o) : NotImplemented;
    };
  }
}

/** What every value's type has: repr, str, hash, format. */
function common(table: Table): void {
  table.__repr__ = (self) => repr(plain(self));
  table.__str__ = (self) => str(plain(self));
  table.__hash__ = (self) => hash(plain(self));
  table.__format__ = (self, spec: unknown) => {
    if (typeof spec !== "string")
      throw new PyTypeError(`argument to __format__ must be str, not ${typeName(spec)}`);
    return format(plain(self), spec);
  };
}

function numberTable(kind: "int" | "float"): Table {
  const t: Table = {};
  const accepts = kind === "int" ? isIntLike : isReal;
  common(t);
  for (const [name, op] of [
    ["add", ops.add],
    ["sub", ops.sub],
    ["mul", ops.mul],
    ["truediv", ops.truediv],
    ["floordiv", ops.floordiv],
    ["mod", ops.mod],
    ["divmod", (a: unknown, b: unknown) => B.divmod(a, b)],
    ["pow", ops.pow],
  ] as const)
    numericPair(t, name, op, accepts);
  if (kind === "int") {
    for (const [name, op] of [
      ["lshift", ops.lshift],
      ["rshift", ops.rshift],
      ["and", ops.and_],
      ["or", ops.or_],
      ["xor", ops.xor],
    ] as const)
      numericPair(t, name, op, accepts);
    t.__invert__ = (self) => ops.invert(plain(self));
    t.__index__ = (self) => index(plain(self));
  }
  comparisons(t, accepts);
  t.__neg__ = (self) => ops.neg(plain(self));
  t.__pos__ = (self) => ops.pos(plain(self));
  t.__abs__ = (self) => B.abs(plain(self));
  t.__bool__ = (self) => B.bool(plain(self));
  t.__int__ = (self) => B.int(plain(self));
  t.__float__ = (self) => B.float(plain(self));
  t.__trunc__ = (self) => B.int(plain(self));
  t.__floor__ = (self) => mathRound(plain(self), Math.floor);
  t.__ceil__ = (self) => mathRound(plain(self), Math.ceil);
  t.__round__ = (self, ...nd: unknown[]) => B.round(plain(self), ...nd);
  t.__getnewargs__ = (self) => new Tuple([kind === "int" ? B.int(plain(self)) : plain(self)]);
  return t;
}

/** `math.floor`/`math.ceil` of an int (itself) or a float (an int). */
function mathRound(x: unknown, f: (n: number) => number): unknown {
  if (typeof x !== "number") return B.int(x);
  return B.int(f(x));
}

/** The special methods str, list and tuple share; `name` is the type's name. */
function sequenceTable(name: "str" | "list" | "tuple", same: (x: unknown) => boolean): Table {
  const t: Table = {};
  common(t);
  t.__add__ = (self, other) => {
    const o = plain(other);
    if (!same(o))
      throw new PyTypeError(`can only concatenate ${name} (not "${typeName(other)}") to ${name}`);
    return ops.add(plain(self), o);
  };
  t.__mul__ = t.__rmul__ = (self, n) => ops.mul(plain(self), index(n));
  t.__len__ = (self) => len(plain(self));
  t.__contains__ = (self, x) => contains(plain(self), x);
  t.__getitem__ = (self, k) => getitem(plain(self), k);
  t.__iter__ = (self) => iter(plain(self));
  comparisons(t, same);
  return t;
}

let tables: Map<Function, Table> | null = null;

/** Each builtin type's table, made on first use (the modules it calls into load first). */
function tableOf(t: Function): Table | undefined {
  if (tables === null) {
    const isStr = (x: unknown) => typeof x === "string";
    const isList = (x: unknown) => Array.isArray(x);
    const isTuple = (x: unknown) => x instanceof Tuple;
    const int = numberTable("int");
    const s = sequenceTable("str", isStr);
    s.__mod__ = (self, args) => ops.mod(plain(self), args);
    s.__rmod__ = (self, other) => {
      const o = plain(other);
      return typeof o === "string" ? ops.mod(o, plain(self)) : NotImplemented;
    };
    const l = sequenceTable("list", isList);
    l.__hash__ = null;
    l.__setitem__ = (self, k, v) => setitem(self, k, v);
    l.__delitem__ = (self, k) => delitem(self, k);
    l.__iadd__ = (self, other) => ops.inplace("+", self, other);
    l.__imul__ = (self, n) => ops.inplace("*", self, index(n));
    l.__reversed__ = (self) => B.reversed(self);
    l.__init__ = (self, ...args) => {
      listInit(self, args);
      return null;
    };
    tables = new Map<Function, Table>([
      [B.int, int],
      [B.bool, int],
      [B.float, numberTable("float")],
      [B.str, s],
      [B.list, l],
      [B.tuple, sequenceTable("tuple", isTuple)],
      [
        B.dict,
        {
          __init__: (self, ...args) => {
            dictInit(self, args);
            return null;
          },
          __hash__: null,
          __eq__: (self, other) => (other instanceof Dict ? dictEq(self, other) : NotImplemented),
          __ne__: (self, other) => (other instanceof Dict ? !dictEq(self, other) : NotImplemented),
          __lt__: () => NotImplemented,
          __le__: () => NotImplemented,
          __gt__: () => NotImplemented,
          __ge__: () => NotImplemented,
        },
      ],
    ]);
  }
  return tables.get(t);
}

/** The builtin type whose table serves a value (a str/int/float/list, or a subclass instance). */
function typeForValue(x: unknown): Function | undefined {
  switch (typeof x) {
    case "bigint":
      return B.int;
    case "boolean":
      return B.bool;
    case "number":
      return B.float;
    case "string":
      return B.str;
  }
  if (Array.isArray(x)) return B.list;
  if (x instanceof Tuple) return B.tuple;
  if (x instanceof Dict) return B.dict;
  const v = builtinValue(x);
  return v === undefined ? undefined : typeForValue(v);
}

/** Whether `name` is a special method name (`__add__`). */
export function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith("__") && name.endsWith("__");
}

/**
 * `t.name` for a builtin type `t` and a special method `name`: the method taking its receiver
 * first (the caller checks the receiver's type), null for a method the type sets to None, or
 * undefined when the type has no such method here.
 */
export function typeDunder(t: Function, name: string): Slot | undefined {
  const table = tableOf(t);
  if (table === undefined || !Object.hasOwn(table, name)) return undefined;
  return table[name];
}

/**
 * `x.name` for a special method `name` of a builtin value (or a str/int/float/list/tuple subclass
 * instance without its own): the bound method, null for one the type sets to None, undefined
 * when the value's type has none.
 */
export function valueDunder(
  x: unknown,
  name: string,
): ((...args: unknown[]) => unknown) | null | undefined {
  const t = typeForValue(x);
  if (t === undefined) return undefined;
  const slot = typeDunder(t, name);
  if (slot == null) return slot;
  return (...args: unknown[]) => slot(x, ...args);
}
