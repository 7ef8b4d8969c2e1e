/**
 * Types of runtime values: `type(x)`, `typeName(x)`, `isinstance`, `issubclass`.
 *
 * Builtin types are the callables exported by builtins.ts (`int`, `str`, `tuple`, ...); user
 * classes are JS classes. `bool` is a subclass of `int`; every value is an instance of `object`.
 */

import * as B from "./builtins";
import { ByteArray, Bytes } from "./bytes";
import { Dict } from "./dict";
import { TypeError as PyTypeError } from "./exceptions";
import { mro as c3mro, hasMultipleBases } from "./mro";
import {
  builtinKind,
  className,
  classTpName,
  Ellipsis,
  NotImplemented,
  nativeType,
  PY_TYPE,
  type TypeObject,
} from "./objects";
import { Slice, slice } from "./protocol";
import { FrozenSet, PySet } from "./set";
import { Tuple } from "./tuple";

const classCache = new WeakMap<Function, boolean>();

/** True for JS classes and Python type objects (things `type(x)` can return). */
export function isClass(x: unknown): x is Function {
  if (typeof x !== "function") return false;
  let v = classCache.get(x);
  if (v === undefined) {
    // Type objects that are functions (builtins, `namedtuple`, collections) own `__name__` and
    // `__module__`; a plain function with a `__name__` (a transpiled method) or a
    // `functools.wraps` wrapper (`__wrapped__`) is not a class.
    v =
      /^class[\s{]/.test(Function.prototype.toString.call(x)) ||
      (Object.hasOwn(x, "__name__") &&
        Object.hasOwn(x, "__module__") &&
        !Object.hasOwn(x, "__wrapped__"));
    classCache.set(x, v);
  }
  return v;
}

/** The metaclass static of a class (`abc.ABC` has `abc.ABCMeta`: stdlib/abc.ts). */
const METACLASS = Symbol.for("asyncio-ts.metaclass");

/** `type(x)`: the builtin type object for builtin values, `x.constructor` for instances. */
export function typeOf(x: unknown): Function {
  switch (typeof x) {
    case "bigint":
      return B.int;
    case "number":
      return B.float;
    case "boolean":
      return B.bool;
    case "string":
      return B.str;
    case "undefined":
      return B.NoneType;
    case "function":
      // A class's metaclass (`abc.ABCMeta` for classes over `abc.ABC`) is a static it inherits.
      return isClass(x)
        ? ((x as { [METACLASS]?: Function })[METACLASS] ?? B.type)
        : functionType(x);
  }
  if (x === null) return B.NoneType;
  if (Array.isArray(x) && (x.constructor === Array || x.constructor === undefined)) return B.list;
  const ctor = (x as { constructor?: Function }).constructor;
  if (ctor === Tuple) return B.tuple;
  if (ctor === Dict) return B.dict;
  if (ctor === PySet) return B.set;
  if (ctor === FrozenSet) return B.frozenset;
  if (ctor === Bytes) return B.bytes;
  if (ctor === ByteArray) return B.bytearray;
  if (ctor === B.Range) return B.range;
  if (ctor === Slice) return slice;
  const own = (x as { [PY_TYPE]?: () => Function })[PY_TYPE];
  if (typeof own === "function") return own.call(x);
  const native = nativeValueType(x as object);
  if (native !== null) return native;
  if (ctor === Object || ctor === undefined) return B.object;
  return ctor;
}

/**
 * `type(f)` of a function that is not a class: builtins by their mark (objects.ts,
 * `BUILTIN_KIND`), a method bound to an object (`__self__` and `__func__`) is a `method`, any
 * other is a `function`.
 */
export function functionType(f: Function): Function {
  // A callable of another type made as a JS function (`functools._lru_cache_wrapper`).
  const own = Object.hasOwn(f, PY_TYPE) ? (f as { [PY_TYPE]?: () => Function })[PY_TYPE] : null;
  if (typeof own === "function") return own.call(f);
  const kind = builtinKind(f);
  if (kind === "descriptor") return nativeType("method_descriptor");
  if (kind !== undefined) return B.builtin_function_or_method;
  const m = f as { __self__?: unknown; __func__?: unknown };
  return nativeType(m.__self__ !== undefined && m.__func__ !== undefined ? "method" : "function");
}

const GENERATOR_PROTO = Object.getPrototypeOf(function* () {}.prototype) as object;
const ARRAY_ITERATOR_PROTO = Object.getPrototypeOf([][Symbol.iterator]()) as object;
const STRING_ITERATOR_PROTO = Object.getPrototypeOf(""[Symbol.iterator]()) as object;
const KIND = Symbol.for("asyncio-ts.kind");

/**
 * `type(x)` of values whose JS class is not a Python type: generators and coroutines (by the
 * kind their function was marked with), JS arrays' and strings' iterators (`iter([])`,
 * `iter("ab")`), `...` and `NotImplemented`.
 */
function nativeValueType(x: object): Function | null {
  const proto = Object.getPrototypeOf(x) as object | null;
  if (proto === null) return null;
  if (Object.prototype.isPrototypeOf.call(GENERATOR_PROTO, x)) {
    const kind = (x as { [KIND]?: string })[KIND];
    return nativeType(kind === "coroutine" ? "coroutine" : "generator");
  }
  if (proto === ARRAY_ITERATOR_PROTO) return nativeType("list_iterator");
  if (proto === STRING_ITERATOR_PROTO) return nativeType("str_ascii_iterator");
  if (x === Ellipsis) return nativeType("ellipsis");
  if (x === NotImplemented) return nativeType("NotImplementedType");
  return null;
}

/** The Python type name of a value, as error messages print it (`'int'`, `'NoneType'`, ...). */
export function typeName(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "boolean":
      return "bool";
    case "string":
      return "str";
    case "undefined":
      return "NoneType";
    case "function":
      if (isClass(value)) return "type";
      // A functools.partial is a JS function; CPython's messages name its C type.
      if ((value as { __partial__?: unknown }).__partial__ === true) return "functools.partial";
      return classTpName(functionType(value));
  }
  if (value === null) return "NoneType";
  if (Array.isArray(value) && value.constructor === Array) return "list";
  const ctor = (value as { constructor?: unknown }).constructor;
  // A class CPython writes in C names its instances by its `tp_name` (`'datetime.date'`).
  if (typeof ctor === "function" && Object.hasOwn(ctor, "__tp_name__"))
    return (ctor as unknown as { __tp_name__: string }).__tp_name__;
  return className(typeOf(value));
}

/** The builtin type objects that are not plain JS classes, with their instance tests. */
function builtinCheck(x: unknown, t: unknown): boolean | undefined {
  switch (t) {
    case B.object:
      return true;
    case B.int:
      return typeof x === "bigint" || typeof x === "boolean" || hasIntBase(x);
    case B.bool:
      return typeof x === "boolean";
    case B.float:
      return typeof x === "number" || hasFloatBase(x);
    case B.str:
      return typeof x === "string" || hasStrBase(x);
    case B.list:
      return Array.isArray(x);
    case B.NoneType:
      return x === null || x === undefined;
    case B.type:
      return isClass(x);
    case B.tuple:
      return x instanceof Tuple;
    case B.dict:
      return x instanceof Dict;
    case B.set:
      return x instanceof PySet;
    case B.frozenset:
      return x instanceof FrozenSet;
    case B.bytes:
      return x instanceof Bytes;
    case B.bytearray:
      return x instanceof ByteArray;
  }
  return undefined;
}

/** IntEnum members and other int subclasses implemented as objects carry `__int_value__`. */
function hasIntBase(x: unknown): boolean {
  return typeof x === "object" && x !== null && "__int_value__" in x;
}

/** StrEnum members (str subclasses implemented as objects) carry `__str_value__`. */
function hasStrBase(x: unknown): boolean {
  return typeof x === "object" && x !== null && "__str_value__" in x;
}

/** Float subclasses implemented as objects (subclass.ts) carry `__float_value__`. */
function hasFloatBase(x: unknown): boolean {
  return typeof x === "object" && x !== null && "__float_value__" in x;
}

/** A `types.UnionType` (`int | str`, union.ts, which marks its prototype). */
function isUnion(x: unknown): x is { __args__: Tuple } {
  return (
    typeof x === "object" &&
    x !== null &&
    (x as Record<symbol, unknown>)[Symbol.for("asyncio-ts.union")] === true
  );
}

/** `isinstance(x, classinfo)` where classinfo is a type, a tuple of types, or a union list. */
export function isinstance(x: unknown, classinfo: unknown): boolean {
  if (classinfo instanceof Tuple) return classinfo.items.some((t) => isinstance(x, t));
  if (isUnion(classinfo)) return classinfo.__args__.items.some((t) => isinstance(x, t));
  const b = builtinCheck(x, classinfo);
  if (b !== undefined) return b;
  if (typeof classinfo === "function") {
    const hook = (classinfo as { __instancecheck__?: (x: unknown) => unknown }).__instancecheck__;
    if (typeof hook === "function") return Boolean(hook.call(classinfo, x));
    if (x !== null && (typeof x === "object" || typeof x === "function")) {
      return x instanceof (classinfo as new (...a: unknown[]) => unknown);
    }
    return false;
  }
  throw new PyTypeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
}

/** The base chain of builtin types (`bool` -> `int` -> `object`). */
const builtinBases = (): Map<unknown, unknown> =>
  new Map<unknown, unknown>([
    [B.bool, B.int],
    [B.int, B.object],
    [B.float, B.object],
    [B.str, B.object],
    [B.list, B.object],
    [B.tuple, B.object],
    [B.dict, B.object],
    [B.set, B.object],
    [B.frozenset, B.object],
    [B.bytes, B.object],
    [B.bytearray, B.object],
    [B.NoneType, B.object],
    [B.type, B.object],
  ]);

/** `issubclass(cls, classinfo)`. */
export function issubclass(cls: unknown, classinfo: unknown): boolean {
  if (!isClass(cls)) throw new PyTypeError("issubclass() arg 1 must be a class");
  if (classinfo instanceof Tuple) return classinfo.items.some((t) => issubclass(cls, t));
  if (isUnion(classinfo)) return classinfo.__args__.items.some((t) => issubclass(cls, t));
  if (!isClass(classinfo)) {
    throw new PyTypeError("issubclass() arg 2 must be a class, a tuple of classes, or a union");
  }
  if (cls === classinfo || classinfo === B.object) return true;
  // `abc.ABC` classes: virtual subclasses (`register`).
  const hook = (classinfo as { __subclasscheck__?: (c: unknown) => unknown }).__subclasscheck__;
  if (typeof hook === "function") return Boolean(hook.call(classinfo, cls));
  return realSubclass(cls, classinfo);
}

/** `issubclass` without a `__subclasscheck__` hook: is `classinfo` in the MRO of `cls`? */
export function realSubclass(cls: Function, classinfo: Function): boolean {
  if (cls === classinfo || classinfo === B.object) return true;
  if (hasMultipleBases(cls)) return c3mro(cls).includes(classinfo);
  const bases = builtinBases();
  let c: unknown = cls;
  while (bases.has(c)) {
    c = bases.get(c);
    if (c === classinfo) return true;
  }
  const extra = (cls as { __extra_bases__?: unknown[] }).__extra_bases__;
  if (extra?.some((b) => issubclass(b, classinfo))) return true;
  // `tuple`, `dict`, ...: a subclass's prototype derives from the implementing class's.
  if (Object.hasOwn(classinfo, Symbol.hasInstance) && bases.has(classinfo)) {
    const cp = (cls as { prototype?: unknown }).prototype;
    if (typeof cp === "object" && cp !== null && cp instanceof (classinfo as Function)) return true;
  }
  const proto = (classinfo as { prototype?: unknown }).prototype;
  if (typeof proto === "object" && proto !== null) {
    const cp = (cls as { prototype?: unknown }).prototype;
    if (typeof cp === "object" && cp !== null)
      return Object.prototype.isPrototypeOf.call(proto, cp);
  }
  return false;
}

/** `cls.__mro__` as a list of classes (C3 linearization, see mro.ts). */
export function mro(cls: Function): Function[] {
  return c3mro(cls);
}

export type { TypeObject };
