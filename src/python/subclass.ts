/**
 * Subclasses of the builtin types `str`, `int`, `float`, `tuple`, `bytes`, `set`, `frozenset`
 * and `bytearray` (`class Tag(str)`, `class UserId(int)`, `class Celsius(float)`, `class
 * Point(tuple)`, `class Blob(bytes)`, `class Tags(set)`, ...).
 *
 * REPRESENTATION
 * Plain str/int/float values are JS primitives, which cannot carry a class, attributes or
 * methods. An instance of a program's `class Tag(str)` is therefore an object of a JS class
 * extending `StrSubclassBase` (`IntSubclassBase`, `FloatSubclassBase`), holding the base value
 * under a symbol (so `vars()` and `__dict__` do not see it) and exposing it to the runtime through
 * the markers the runtime already understands for IntEnum/StrEnum members (stdlib/enum.ts):
 * `__str_value__`, `__int_value__`, and `__float_value__` for floats. With them `isinstance(x,
 * str)`, dict and set keys (`{Tag("a"): 1}["a"]`), str functions taking a str argument and int
 * indexing accept the objects. Everything else goes through dunders installed on the base
 * classes, which act on the value and return plain values, as CPython's inherited slots do:
 * arithmetic and comparisons (NotImplemented for other operand types, so the reflected method
 * and CPython's TypeError naming the subclass follow), `__hash__`, `__repr__`, `__format__`,
 * `__len__`/`__getitem__`/`__iter__`/`__contains__` for str; and every method of the base type
 * (`Tag("a").upper()`, `UserId(5).bit_length()`) proxied from the runtime's method tables. A
 * program's own methods and dunders override them, and `super().__str__()` reaches them (mro.ts
 * maps `str` in an MRO to `StrSubclassBase`). The plain-value fast paths of the runtime are not
 * touched: only code that already falls back to dunders for objects meets these instances.
 *
 * `tuple`, `bytes`, `set`, `frozenset` and `bytearray` values are runtime objects already
 * (tuple.ts, bytes.ts, set.ts), so `TupleSubclassBase`, `BytesSubclassBase`, `SetSubclassBase`,
 * `FrozenSetSubclassBase` and `ByteArraySubclassBase` simply extend `Tuple`, `Bytes`, `PySet`,
 * `FrozenSet` and `ByteArray`. The mutable ones are filled by `__init__` (`set.__init__`,
 * `bytearray.__init__`, unless the class defines its own), as dict subclasses are (dict.ts).
 *
 * CONSTRUCTION
 * `Tag(x)` is `new Tag(x)`. The base constructor runs CPython's `type.__call__`: when the class
 * (or a user ancestor) defines `__new__` (a static method in the generated class), it is called
 * with the class and the arguments, and its result is the new object (the generated subclass
 * constructor then runs `__init__` on it); otherwise the value is `str(*args)` (`int(*args)`,
 * ...). The base classes' static `__new__` (what `super().__new__(cls, v)` reaches) makes an
 * instance of `cls` holding the converted value without running any constructor. `__slots__`
 * gives the proxy of lang.ts's `slotted`; a class defining `__eq__` without `__hash__` is
 * unhashable, as Python sets its `__hash__` to None (`baseHash`); `copy`/`deepcopy` call
 * `cls.__new__(cls, value)` as CPython's `__reduce_ex__` does (`reconstruct`).
 */

import * as B from "./builtins";
import { ByteArray, Bytes } from "./bytes";
import { RICH_COMPARISONS } from "./compare";
import { TypeError as PyTypeError } from "./exceptions";
import { format } from "./format";
import { hash } from "./hash";
import { splitKw } from "./kw";
import { slotNames, slotProxy } from "./lang";
import { registerBuiltinSubclassBase } from "./mro";
import { numberMethods } from "./numbermethods";
import { className, forwardToClass, markBuiltinClass, NotImplemented } from "./objects";
import * as ops from "./operators";
import { contains, getitem, iter, len } from "./protocol";
import { str as pyStr, repr } from "./repr";
import { FrozenSet, PySet } from "./set";
import { strMethods } from "./str";
import { Tuple } from "./tuple";
import { isClass, typeName } from "./types";

let methodsInstalled = false;

/**
 * The base of `class B(bool)`: CPython's TypeError when the class statement runs (`bool`, like
 * `NoneType`, is not an acceptable base type).
 */
export function notAcceptableBase(name: string): new (...args: any[]) => any {
  throw new PyTypeError(`type '${name}' is not an acceptable base type`);
}

/** Where a str/int/float subclass instance keeps its base value. */
const VALUE = Symbol("asyncio-ts.builtinValue");

type Holder = { [VALUE]: unknown };
type Ctor = Function & { prototype: object; __new__?: unknown };

/**
 * `type.__call__` for a class over a builtin type: the object made by a program's `__new__`,
 * or undefined when the class keeps the base's `__new__` (the constructor then fills `this`).
 */
function viaNew(target: Ctor, base: Ctor, args: unknown[]): object | undefined {
  if (!methodsInstalled) installBuiltinMethods();
  const nw = target.__new__;
  if (nw === base.__new__ || typeof nw !== "function") return undefined;
  const obj = (nw as Function).call(target, target, ...args) as unknown;
  if (typeof obj !== "object" || obj === null || !(obj instanceof target))
    throw new PyTypeError(
      `asyncio-ts: ${typeName(obj)} returned by ${String((target as { __name__?: unknown }).__name__)}.__new__ is not an instance of the class (not supported)`,
    );
  return obj;
}

/**
 * `base.__new__(cls, *args)`: an instance of `cls` holding `make(args)` in `field` (the value
 * symbol; `items`/`data` for tuples and bytes, hidden from `vars()`), no constructor run.
 */
function newInstance(
  base: Ctor,
  cls: unknown,
  args: unknown[],
  make: (a: unknown[]) => unknown,
  field: string | typeof VALUE = VALUE,
): any {
  checkNewTarget(base, cls);
  const obj = Object.create(cls.prototype as object) as object;
  Object.defineProperty(obj, field, { value: make(args), writable: true, configurable: true });
  return obj;
}

/** CPython's TypeErrors of `base.__new__(cls)` for a `cls` that is no subclass of `base`. */
function checkNewTarget(base: Ctor, cls: unknown): asserts cls is Ctor {
  if (!methodsInstalled) installBuiltinMethods();
  const name = String((base as { __name__?: unknown }).__name__);
  if (!isClass(cls))
    throw new PyTypeError(`${name}.__new__(X): X is not a type object (${typeName(cls)})`);
  if (!(cls.prototype instanceof base)) {
    const sub = className(cls);
    throw new PyTypeError(`${name}.__new__(${sub}): ${sub} is not a subtype of ${name}`);
  }
}

/**
 * `copy.copy(x)` / `copy.deepcopy(x)` (`each` copying the parts) of a subclass instance, as
 * CPython's `__reduce_ex__(4)` path: `cls.__new__(cls, value)` (the plain base value, as
 * `__getnewargs__` gives it), then the instance attributes.
 */
function reconstruct(x: object, value: unknown, each: (v: unknown) => unknown): object {
  const cls = x.constructor as Ctor & { __new__: (...a: unknown[]) => object };
  const n = cls.__new__(cls, each(value)) as Record<string, unknown>;
  for (const k of Object.keys(x)) n[k] = each((x as Record<string, unknown>)[k]);
  return n;
}

/** `deepcopy(v, memo)` of the copy module (loaded at call time: it imports much of the runtime). */
function deepcopyWith(memo: unknown): (v: unknown) => unknown {
  const { deepcopy } = require("./stdlib/copy") as typeof import("./stdlib/copy");
  return (v) => deepcopy(v, memo);
}

/** The `__slots__` names of classes over a builtin type (null: their instances have a `__dict__`). */
const slotsCache = new WeakMap<Function, Set<string> | null>();

/** The new instance, as a proxy refusing attributes outside `__slots__` when the classes declare it. */
function withSlots(self: object, target: Function, base: Function): object {
  let slots = slotsCache.get(target);
  if (slots === undefined) slotsCache.set(target, (slots = slotNames(target, base)));
  return slotProxy(self, slots);
}

/**
 * `hash(x)`: the base value's hash, unless a class between `x`'s class and the base defines
 * `__eq__` without `__hash__` (Python then sets `__hash__` to None).
 */
const unhashableClasses = new WeakMap<Function, boolean>();
function baseHash(x: Holder & object, base: Ctor, value: unknown): bigint {
  const cls = x.constructor as Function;
  let bad = unhashableClasses.get(cls);
  if (bad === undefined) {
    bad = false;
    for (let p = cls.prototype as object; p !== base.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.hasOwn(p, "__hash__")) break;
      if (Object.hasOwn(p, "__eq__")) {
        bad = true;
        break;
      }
    }
    unhashableClasses.set(cls, bad);
  }
  if (bad) throw new PyTypeError(`unhashable type: '${typeName(x)}'`);
  return hash(value);
}

/** `(value, other) -> result` of a binary operator, and `other` as an operand (or undefined). */
type Operand = (o: unknown) => unknown;
const table = ops as unknown as Record<string, (a: unknown, b: unknown) => unknown>;

/** Install dunders on `proto` that apply `f` to the instance's value and the unwrapped operand. */
function installBinary(
  proto: object,
  pairs: [string, (a: unknown, b: unknown) => unknown][],
  operand: Operand,
  reflected: boolean,
): void {
  for (const [name, f] of pairs) {
    define(proto, name, function (this: Holder, o: unknown) {
      const v = operand(o);
      return v === undefined ? NotImplemented : f(this[VALUE], v);
    });
    if (reflected)
      define(proto, `__r${name.slice(2)}`, function (this: Holder, o: unknown) {
        const v = operand(o);
        return v === undefined ? NotImplemented : f(v, this[VALUE]);
      });
  }
}

function define(proto: object, name: string, value: Function): void {
  Object.defineProperty(value, "name", { value: name });
  Object.defineProperty(proto, name, { value, writable: true, configurable: true });
}

/** Proxies for every method of the base type's method table not defined on `proto` already. */
function installMethods(proto: object, methods: Record<string, Function>): void {
  for (const name of Object.keys(methods)) {
    if (name in proto) continue;
    const f = methods[name]!;
    define(proto, name, function (this: Holder, ...args: unknown[]) {
      return f(this[VALUE], ...args);
    });
  }
}

/** Read-only attributes computed from the value (`real`, `imag`, ...). */
function installGetters(proto: object, getters: Record<string, (v: never) => unknown>): void {
  for (const [name, f] of Object.entries(getters))
    Object.defineProperty(proto, name, {
      get(this: Holder) {
        return f(this[VALUE] as never);
      },
      configurable: true,
    });
}

const ARITHMETIC = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow"];
const BITWISE = ["lshift", "rshift", "and_", "or_", "xor"];
const opPairs = (names: string[]): [string, (a: unknown, b: unknown) => unknown][] =>
  names.map((n) => [`__${n.replace(/_$/, "")}__`, table[n]!]);
const divmod = (a: unknown, b: unknown) => B.divmod(a, b);

/** A str operand: a str or another str-valued object. */
function strOperand(o: unknown): unknown {
  if (typeof o === "string") return o;
  const v = (o as { __str_value__?: unknown } | null)?.__str_value__;
  return typeof v === "string" ? v : undefined;
}

/** An int operand: an int, a bool, or an int-valued object (int subclass, IntEnum member). */
function intOperand(o: unknown): unknown {
  const t = typeof o;
  if (t === "bigint" || t === "boolean") return o;
  const v = (o as { __int_value__?: unknown } | null)?.__int_value__;
  return typeof v === "bigint" ? v : undefined;
}

/** An operand of int arithmetic: an int, or a plain float (whose result equals float's). */
function intArithOperand(o: unknown): unknown {
  return typeof o === "number" ? o : intOperand(o);
}

/** A float operand: any int or float, plain or a subclass instance. */
function floatOperand(o: unknown): unknown {
  if (typeof o === "number") return o;
  const v = intOperand(o);
  if (v !== undefined) return v;
  const f = (o as { __float_value__?: unknown } | null)?.__float_value__;
  return typeof f === "number" ? f : undefined;
}

/** The base class a class over `str`/`int`/`float` derives from, and its value conversion. */
const ROOT = Symbol("asyncio-ts.builtinSubclassRoot");
type Root = Ctor & { [ROOT]: Root; convert(args: unknown[]): unknown };

/**
 * What `StrSubclassBase`, `IntSubclassBase` and `FloatSubclassBase` share: construction (see the
 * header), `__repr__`/`__format__`/`__hash__` of the value, and the index signature through which
 * generated code calls the base type's methods installed at run time (`self.upper()`).
 */
abstract class ValueSubclass {
  [name: string]: any;
  declare [VALUE]: unknown;
  declare static [ROOT]: Root;
  constructor(...args: unknown[]) {
    const root = (new.target as unknown as Root)[ROOT];
    const made = viaNew(new.target, root, args);
    if (made === undefined) this[VALUE] = root.convert(args);
    // biome-ignore lint/correctness/noConstructorReturn: type.__call__ returns what __new__ made
    return withSlots(made ?? this, new.target, root) as ValueSubclass;
  }
  static __new__(this: Root, cls: unknown, ...args: unknown[]): any {
    const root = this[ROOT];
    return newInstance(root, cls, args, (a) => root.convert(a));
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  __repr__(): string {
    return repr(this[VALUE]);
  }
  /** `format(x, "")` is `str(x)` (an overridden `__str__`), as CPython's int/float/str format. */
  __format__(spec: unknown): string {
    return spec === "" ? pyStr(this) : format(this[VALUE], spec);
  }
  __hash__(): bigint {
    return baseHash(this, (this.constructor as Root)[ROOT], this[VALUE]);
  }
  __copy__(): object {
    return reconstruct(this, this[VALUE], (v) => v);
  }
  __deepcopy__(memo: unknown): object {
    return reconstruct(this, this[VALUE], deepcopyWith(memo));
  }
}

/** Base of a program's `class Tag(str)` (see the header). */
export class StrSubclassBase extends ValueSubclass {
  declare [VALUE]: string;
  /** `issubclass(C, str)` (types.ts reads it). */
  static get __extra_bases__(): unknown[] {
    return [B.str];
  }
  static convert(args: unknown[]): string {
    return args.length === 0 ? "" : (B.str as (...a: unknown[]) => string)(...args);
  }
  get __str_value__(): string {
    return this[VALUE];
  }
  __str__(): string {
    return this[VALUE];
  }
  __len__(): bigint {
    return len(this[VALUE]);
  }
  __getitem__(k: unknown): unknown {
    return getitem(this[VALUE], k);
  }
  __contains__(x: unknown): boolean {
    return contains(this[VALUE], x);
  }
  __iter__(): Iterator<unknown> {
    return iter(this[VALUE]) as Iterator<unknown>;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }
  /** str + str; any other right operand is CPython's str concatenation error. */
  __add__(o: unknown): unknown {
    const v = strOperand(o);
    if (v !== undefined) return this[VALUE] + v;
    if (typeof o === "object" && o !== null && "__radd__" in o) return NotImplemented;
    throw new PyTypeError(`can only concatenate str (not "${typeName(o)}") to str`);
  }
  /** `"x" + Tag("a")`: str concatenation accepts a str subclass on the right. */
  __radd__(o: unknown): unknown {
    const v = strOperand(o);
    return v === undefined ? NotImplemented : v + this[VALUE];
  }
  __mul__(n: unknown): unknown {
    const k = intOperand(n);
    return k === undefined ? NotImplemented : ops.mul(this[VALUE], k);
  }
  __rmul__(n: unknown): unknown {
    return this.__mul__(n);
  }
  __mod__(values: unknown): unknown {
    return ops.mod(this[VALUE], values);
  }
  override toString(): string {
    return this[VALUE];
  }
}
installBinary(StrSubclassBase.prototype, RICH_COMPARISONS, strOperand, false);

/** Base of a program's `class UserId(int)` (see the header). */
export class IntSubclassBase extends ValueSubclass {
  declare [VALUE]: bigint;
  /** `issubclass(C, int)` (types.ts reads it). */
  static get __extra_bases__(): unknown[] {
    return [B.int];
  }
  static convert(args: unknown[]): bigint {
    return (B.int as (...a: unknown[]) => bigint)(...args);
  }
  /** `UserId.from_bytes(...)`, also through an instance: an instance of the class. */
  static from_bytes(this: Function, ...args: unknown[]): unknown {
    return (B.int as unknown as { from_bytes: Function }).from_bytes.apply(this, args);
  }
  get __int_value__(): bigint {
    return this[VALUE];
  }
  __bool__(): boolean {
    return this[VALUE] !== 0n;
  }
  __index__(): bigint {
    return this[VALUE];
  }
  __int__(): bigint {
    return this[VALUE];
  }
  __float__(): number {
    return B.float(this[VALUE]);
  }
  /** JS `Number(x)`: the asyncio API converts delays, timeouts and sizes with it. */
  override valueOf(): bigint {
    return this[VALUE];
  }
}

/** Base of a program's `class Celsius(float)` (see the header). */
export class FloatSubclassBase extends ValueSubclass {
  declare [VALUE]: number;
  /** `issubclass(C, float)` (types.ts reads it). */
  static get __extra_bases__(): unknown[] {
    return [B.float];
  }
  static convert(args: unknown[]): number {
    return (B.float as (...a: unknown[]) => number)(...atMostOne("float", args));
  }
  /** `Celsius.fromhex(s)`, also through an instance: an instance of the class. */
  static fromhex(this: Function, ...args: unknown[]): unknown {
    return (B.float as unknown as { fromhex: Function }).fromhex.apply(this, args);
  }
  get __float_value__(): number {
    return this[VALUE];
  }
  __bool__(): boolean {
    return this[VALUE] !== 0;
  }
  __int__(): bigint {
    return B.int(this[VALUE]);
  }
  __float__(): number {
    return this[VALUE];
  }
  /** JS `Number(x)`: the asyncio API converts delays and timeouts with it. */
  override valueOf(): number {
    return this[VALUE];
  }
}

for (const root of [StrSubclassBase, IntSubclassBase, FloatSubclassBase])
  (root as unknown as Root)[ROOT] = root as unknown as Root;

/**
 * The arguments of `float(x)` / `tuple(x)` / `set(x)`, which take one positional argument and no
 * keywords (CPython's TypeErrors, the count's naming the class `name`), without an empty
 * `**kwargs` passed on by a `__new__`.
 */
function atMostOne(type: string, args: unknown[], name = type): unknown[] {
  const [positional, kwargs] = splitKw(args);
  if (Object.keys(kwargs).length > 0) throw new PyTypeError(`${type}() takes no keyword arguments`);
  if (positional.length > 1)
    throw new PyTypeError(`${name} expected at most 1 argument, got ${positional.length}`);
  return positional;
}

/** The number protocol shared by int and float subclasses, acting on the value. */
function installNumber(proto: object, operand: Operand, names: string[]): void {
  installBinary(proto, RICH_COMPARISONS, floatOperand, false);
  installBinary(proto, opPairs(names), operand, true);
  installBinary(proto, [["__divmod__", divmod]], operand, true);
  const unary: Record<string, (v: never, ...a: unknown[]) => unknown> = {
    __neg__: (v) => ops.neg(v),
    __pos__: (v) => v,
    __abs__: (v) => B.abs(v),
    __trunc__: (v) => B.int(v),
    __floor__: (v) => B.int(Math.floor(Number(v))),
    __ceil__: (v) => B.int(Math.ceil(Number(v))),
    __round__: (v, ...a) => (B.round as (...x: unknown[]) => unknown)(v, ...a),
  };
  for (const [name, f] of Object.entries(unary))
    if (!(name in proto))
      define(proto, name, function (this: Holder, ...a: unknown[]) {
        return f(this[VALUE] as never, ...a);
      });
}
installNumber(IntSubclassBase.prototype, intArithOperand, [...ARITHMETIC, ...BITWISE]);
define(IntSubclassBase.prototype, "__invert__", function (this: Holder) {
  return ~(this[VALUE] as bigint);
});
// An int's floor and ceil are itself (Number() would round a large int).
for (const name of ["__floor__", "__ceil__", "__trunc__"])
  define(IntSubclassBase.prototype, name, function (this: Holder) {
    return this[VALUE];
  });
installNumber(FloatSubclassBase.prototype, floatOperand, ARITHMETIC);
installGetters(IntSubclassBase.prototype, {
  real: (v: bigint) => v,
  imag: () => 0n,
  numerator: (v: bigint) => v,
  denominator: () => 1n,
});
installGetters(FloatSubclassBase.prototype, { real: (v: number) => v, imag: () => 0 });

// ---- tuple and bytes

/** The runtime's own field of a tuple/bytes subclass instance, hidden from `vars()` and `dir()`. */
function hideField(obj: object, name: string): void {
  Object.defineProperty(obj, name, { enumerable: false });
}

/** Base of a program's `class Point(tuple)`: a `Tuple` whose `+`/`*` give plain tuples. */
export class TupleSubclassBase extends Tuple {
  constructor(...args: unknown[]) {
    const made = viaNew(new.target, TupleSubclassBase, args);
    super(made === undefined ? tupleOf(args) : []);
    hideField(this, "items");
    // biome-ignore lint/correctness/noConstructorReturn: type.__call__ returns what __new__ made
    return withSlots(made ?? this, new.target, TupleSubclassBase) as TupleSubclassBase;
  }
  static __new__(cls: unknown, ...args: unknown[]): any {
    return newInstance(TupleSubclassBase, cls, args, tupleOf, "items");
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  __add__(o: unknown): unknown {
    if (!(o instanceof Tuple)) return NotImplemented;
    return new Tuple([...this.items, ...o.items]);
  }
  __mul__(n: unknown): unknown {
    const k = intOperand(n);
    return k === undefined ? NotImplemented : ops.mul(new Tuple(this.items), k);
  }
  __rmul__(n: unknown): unknown {
    return this.__mul__(n);
  }
  __copy__(): object {
    return reconstruct(this, new Tuple(this.items), (v) => v);
  }
  __deepcopy__(memo: unknown): object {
    return reconstruct(this, new Tuple(this.items), deepcopyWith(memo));
  }
}

function tupleOf(args: unknown[]): readonly unknown[] {
  return (B.tuple as (...a: unknown[]) => Tuple)(...atMostOne("tuple", args)).items;
}

/** Base of a program's `class Blob(bytes)`: a `Bytes` (whose methods return plain bytes). */
export class BytesSubclassBase extends Bytes {
  constructor(...args: unknown[]) {
    const made = viaNew(new.target, BytesSubclassBase, args);
    super(made === undefined ? bytesOf(args) : undefined);
    hideField(this, "data");
    // biome-ignore lint/correctness/noConstructorReturn: type.__call__ returns what __new__ made
    return withSlots(made ?? this, new.target, BytesSubclassBase) as BytesSubclassBase;
  }
  static __new__(cls: unknown, ...args: unknown[]): any {
    return newInstance(BytesSubclassBase, cls, args, bytesOf, "data");
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  __copy__(): object {
    return reconstruct(this, new Bytes(this.data), (v) => v);
  }
  __deepcopy__(memo: unknown): object {
    return reconstruct(this, new Bytes(this.data), deepcopyWith(memo));
  }
}

/** `bytes(source, encoding, errors)`, also by keyword. */
function bytesOf(args: unknown[]): Uint8Array {
  const [p, k] = splitKw<{ source: unknown; encoding: unknown; errors: unknown }>(args);
  const make = B.bytes as (...a: unknown[]) => Bytes;
  return make(p[0] ?? k.source, p[1] ?? k.encoding, p[2] ?? k.errors).data;
}

// ---- set, frozenset and bytearray

/** The runtime's own fields of a set/frozenset/bytearray (set.ts, bytes.ts), hidden from `vars()`. */
const CONTAINER_FIELDS = [
  "keysT",
  "hashes",
  "mask",
  "fill",
  "used",
  "finger",
  "cachedHash",
  "data",
];

function hideContainerFields(obj: object): void {
  for (const name of CONTAINER_FIELDS) if (Object.hasOwn(obj, name)) hideField(obj, name);
}

/**
 * Base of a program's `class Tags(set)`: a `PySet` (whose operators and methods return plain
 * sets, as CPython's do), filled by `set.__init__` unless the class defines `__init__`.
 */
export class SetSubclassBase extends PySet {
  constructor(...args: unknown[]) {
    super();
    hideContainerFields(this);
    if (this.__init__ === SetSubclassBase.prototype.__init__) this.__init__(...args);
  }
  /** `set.__init__(iterable=())`: empties the set, then adds the items (never overrides). */
  __init__(...args: unknown[]): null {
    const [items] = atMostOne("set", args, typeName(this));
    PySet.prototype.clear.call(this);
    if (items !== undefined) PySet.prototype.update.call(this, items);
    return null;
  }
}

/**
 * Base of a program's `class Frozen(frozenset)`: a `FrozenSet` made by `frozenset.__new__` (or
 * the class's own `__new__`, a static method, as for tuple subclasses).
 */
export class FrozenSetSubclassBase extends FrozenSet {
  constructor(...args: unknown[]) {
    const made = viaNew(new.target, FrozenSetSubclassBase, args);
    super(made === undefined ? frozensetItems(new.target, args) : null);
    hideContainerFields(this);
    // biome-ignore lint/correctness/noConstructorReturn: type.__call__ returns what __new__ made
    return (made ?? this) as FrozenSetSubclassBase;
  }
  static __new__(cls: unknown, ...args: unknown[]): any {
    checkNewTarget(FrozenSetSubclassBase, cls);
    // A FrozenSet's constructor fills the table; the class's own constructors do not run.
    const obj = Reflect.construct(FrozenSet, [frozensetItems(cls, args)], cls) as object;
    hideContainerFields(obj);
    return obj;
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
}

/**
 * `frozenset.__new__(cls, iterable=())`'s items (null for none). Keywords are refused only when
 * the class keeps frozenset's `__init__` (they are then the own `__init__`'s business).
 */
function frozensetItems(cls: Function, args: unknown[]): Iterable<unknown> | null {
  const name = String((cls as { __name__?: unknown }).__name__);
  const ownInit = cls.prototype.__init__ !== FrozenSetSubclassBase.prototype.__init__;
  const checked = ownInit ? splitKw(args)[0] : args;
  return (atMostOne("frozenset", checked, name)[0] ?? null) as Iterable<unknown> | null;
}

/**
 * Base of a program's `class Buffer(bytearray)`: a `ByteArray` (whose methods return plain
 * bytearrays), filled by `bytearray.__init__` unless the class defines `__init__`.
 */
export class ByteArraySubclassBase extends ByteArray {
  constructor(...args: unknown[]) {
    super();
    hideContainerFields(this);
    if (this.__init__ === ByteArraySubclassBase.prototype.__init__) this.__init__(...args);
  }
  /** `bytearray.__init__(source=b'', encoding=..., errors=...)`: replaces the contents. */
  __init__(...args: unknown[]): null {
    const [p, k] = splitKw<{ source: unknown; encoding: unknown; errors: unknown }>(args);
    for (const name of Object.keys(k))
      if (name !== "source" && name !== "encoding" && name !== "errors")
        throw new PyTypeError(`bytearray() got an unexpected keyword argument '${name}'`);
    if (p.length > 3)
      throw new PyTypeError(`bytearray() takes at most 3 arguments (${p.length} given)`);
    const make = B.bytearray as (...a: unknown[]) => ByteArray;
    this.data = make(p[0] ?? k.source, p[1] ?? k.encoding, p[2] ?? k.errors).data;
    return null;
  }
}

for (const [base, name] of [
  [StrSubclassBase, "str"],
  [IntSubclassBase, "int"],
  [FloatSubclassBase, "float"],
  [TupleSubclassBase, "tuple"],
  [BytesSubclassBase, "bytes"],
  [SetSubclassBase, "set"],
  [FrozenSetSubclassBase, "frozenset"],
  [ByteArraySubclassBase, "bytearray"],
] as const) {
  markBuiltinClass(base, name);
  registerBuiltinSubclassBase(base, name);
}

// The base types' class and static methods, through instances too (`UserId(5).from_bytes(...)`).
forwardToClass(IntSubclassBase, "from_bytes");
forwardToClass(FloatSubclassBase, "fromhex");

/**
 * The base types' methods on the base classes, installed on first use (the method tables of
 * str.ts and numbermethods.ts may not be loaded when this module is).
 */
function installBuiltinMethods(): void {
  methodsInstalled = true;
  installMethods(StrSubclassBase.prototype, strMethods as unknown as Record<string, Function>);
  installMethods(IntSubclassBase.prototype, numberMethods(0n));
  installMethods(FloatSubclassBase.prototype, numberMethods(0.5));
}
// Now when the tables are loaded (`Tag.upper` before any instance), else at the first instance.
if (typeof strMethods === "object" && typeof numberMethods === "function") installBuiltinMethods();
