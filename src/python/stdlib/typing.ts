/**
 * Python's `typing` at run time: the names exist and print as CPython's (`typing.Optional[int]`,
 * `~T`), subscripting works, `cast` returns its argument, `TYPE_CHECKING` is False. Generated
 * code binds imported names from here (`const cast = $py.typing.cast;`). `NamedTuple` and
 * `TypedDict` are bases of program classes (see them below).
 */

import { NoneType, str as pyStr } from "../builtins";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { takeKw } from "./types";

function typeRepr(t: unknown): string {
  if (t === null) return "None";
  if (Array.isArray(t)) return `[${t.map(typeRepr).join(", ")}]`;
  if (typeof t === "function") {
    // CPython's `_type_repr`: `module.qualname` (`__main__.Outer.Inner`).
    const c = t as { __name__?: string; __qualname__?: string };
    const n = c.__qualname__ ?? c.__name__ ?? t.name;
    const mod = (t as { __module__?: string }).__module__;
    return mod && mod !== "builtins" ? `${mod}.${n}` : n;
  }
  if (t === Ellipsis_) return "...";
  return repr(t);
}

const Ellipsis_ = (require("../objects") as { Ellipsis: unknown }).Ellipsis;

/** A special form or generic alias: subscriptable, prints as `typing.Name[args]`. */
export class SpecialForm {
  constructor(
    readonly _name: string,
    readonly _args: unknown[] | null = null,
  ) {}
  __getitem__(params: unknown): unknown {
    let args = params instanceof Tuple ? [...params.items] : [params];
    if (this._name === "Literal") return new SpecialForm(this._name, args);
    if (this._name === "Annotated")
      return new SpecialForm(this._name, [typeArg(args[0]), ...args.slice(1)]);
    args = args.map(typeArg);
    const name = this._name;
    const got = () => repr(params instanceof Tuple ? params : new Tuple(args));
    if (name === "Optional") {
      if (args.length !== 1)
        throw new PyTypeError(`typing.Optional requires a single type. Got ${got()}.`);
      return unionOf([...args, NoneType]);
    }
    if (name === "Union") {
      if (args.length === 0) throw new PyTypeError("Cannot take a Union of no types.");
      return unionOf(args);
    }
    if (SINGLE_TYPE.has(name) && args.length !== 1)
      throw new PyTypeError(`typing.${name} accepts only single type. Got ${got()}.`);
    // CPython's `_SpecialGenericAlias` arity check; Generator's later parameters default to None.
    const n = ARITY[name];
    if (n !== undefined) {
      const [min, max] = typeof n === "number" ? [n, n] : n;
      if (args.length < min || args.length > max)
        throw new PyTypeError(
          `Too ${args.length < min ? "few" : "many"} arguments for typing.${name}; actual ${args.length}, expected ${args.length < min ? min : max}`,
        );
      while (args.length < max) args.push(NoneType);
    }
    return new SpecialForm(name, args);
  }
  __call__(...args: unknown[]): unknown {
    return args[0] ?? null;
  }
  /** CPython's `__args__`: a tuple, Callable's parameters flattened, Annotated's type only. */
  get __args__(): Tuple {
    const args = this._args;
    if (args === null) throw this.noAttribute("__args__");
    if (this._name === "Annotated") return new Tuple([args[0]]);
    if (this._name === "Callable" && Array.isArray(args[0]))
      return new Tuple([...args[0], ...args.slice(1)]);
    return new Tuple(args);
  }
  /** `Annotated[T, *metadata].__metadata__`. */
  get __metadata__(): Tuple {
    if (this._name !== "Annotated" || this._args === null) throw this.noAttribute("__metadata__");
    return new Tuple(this._args.slice(1));
  }
  /** CPython's `__origin__`: the class a generic alias stands for, or the special form itself. */
  get __origin__(): unknown {
    const origin = this._args === null ? null : aliasOrigin(this);
    if (origin === null) throw this.noAttribute("__origin__");
    return origin;
  }
  __repr__(): string {
    if (this._args === null) return `typing.${this._name}`;
    if (this._name === "Union" && this._args.length === 2 && this._args.includes(NoneType)) {
      // CPython prints a two-member union with None as Optional.
      const other = this._args.find((a) => a !== NoneType);
      return `typing.Optional[${typeRepr(other)}]`;
    }
    if (this._args.length === 0) return `typing.${this._name}[()]`;
    return `typing.${this._name}[${this._args.map(typeRepr).join(", ")}]`;
  }
  /** `Union[int, str] == Union[str, int]` (unordered for Union and Literal), `List[int] == List[int]`. */
  __eq__(other: unknown): unknown {
    const { NotImplemented } = require("../objects") as typeof import("../objects");
    if (!(other instanceof SpecialForm)) return NotImplemented;
    if (this._name !== other._name) return false;
    const a = this._args;
    const b = other._args;
    if (a === null || b === null) return a === b;
    const { eq } = require("../compare") as typeof import("../compare");
    const same = (x: unknown, y: unknown): boolean =>
      Array.isArray(x) && Array.isArray(y)
        ? x.length === y.length && x.every((v, i) => same(v, y[i]))
        : x === y || eq(x, y);
    if (this._name === "Union" || this._name === "Literal")
      return a.every((x) => b.some((y) => same(x, y))) && b.every((y) => a.some((x) => same(x, y)));
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  __hash__(): bigint {
    const { hash } = require("../hash") as typeof import("../hash");
    const h = (x: unknown): bigint =>
      Array.isArray(x) ? hash(new Tuple(x.map(typeArg))) : hash(x);
    const args = this._args ?? [];
    const unordered = this._name === "Union" || this._name === "Literal";
    const argsHash = unordered
      ? args.reduce<bigint>((acc, x) => acc ^ h(x), 0n)
      : hash(new Tuple(args.map((x) => (Array.isArray(x) ? new Tuple(x) : x))));
    return BigInt.asIntN(64, hash(this._name) ^ argsHash);
  }
  /** The type variables among the arguments, in order (`Dict[K, List[V]]`: `(~K, ~V)`). */
  get __parameters__(): Tuple {
    if (this._args === null) throw this.noAttribute("__parameters__");
    if (this._name === "Literal") return new Tuple([]);
    return new Tuple(typeParameters(this._name === "Annotated" ? [this._args[0]] : this._args));
  }
  /** The AttributeError of an attribute only subscripted forms have (`Any` is a class in 3.13). */
  private noAttribute(name: string): Error {
    const { AttributeError } = require("../exceptions") as typeof import("../exceptions");
    return new AttributeError(
      this._name === "Any" ? `type object 'Any' has no attribute '${name}'` : name,
    );
  }
  __or__(other: unknown): SpecialForm {
    return new SpecialForm("Union", [this, other]);
  }
  __ror__(other: unknown): SpecialForm {
    return new SpecialForm("Union", [other, this]);
  }
}

/** CPython's `_collect_type_parameters`: the type variables in `args` (and nested), once each. */
function typeParameters(args: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  const add = (p: unknown) => {
    if (!out.includes(p)) out.push(p);
  };
  for (const a of args) {
    if (a instanceof TypeVar) add(a);
    else if (Array.isArray(a)) for (const p of typeParameters(a)) add(p);
    else if (a instanceof SpecialForm || a instanceof GenericAlias) {
      if (!(a instanceof SpecialForm) || a._args !== null)
        for (const p of a.__parameters__.items) add(p);
    }
  }
  return out;
}

/** The special forms taking one type (`typing.ClassVar accepts only single type`). */
const SINGLE_TYPE = new globalThis.Set([
  "ClassVar",
  "Final",
  "TypeGuard",
  "TypeIs",
  "Required",
  "NotRequired",
  "ReadOnly",
]);

/** The number of parameters of typing's aliases of generic classes ([min, max] with defaults). */
const ARITY: Record<string, number | [number, number]> = {
  List: 1,
  Set: 1,
  FrozenSet: 1,
  Type: 1,
  Deque: 1,
  Counter: 1,
  Iterator: 1,
  Iterable: 1,
  AsyncIterator: 1,
  AsyncIterable: 1,
  Awaitable: 1,
  Sequence: 1,
  MutableSequence: 1,
  Collection: 1,
  Container: 1,
  AbstractSet: 1,
  MutableSet: 1,
  MappingView: 1,
  KeysView: 1,
  ValuesView: 1,
  Reversible: 1,
  Dict: 2,
  DefaultDict: 2,
  OrderedDict: 2,
  ChainMap: 2,
  Mapping: 2,
  MutableMapping: 2,
  ItemsView: 2,
  Coroutine: 3,
  Generator: [1, 3],
  AsyncGenerator: [1, 2],
};

/** A type argument as typing stores it: None becomes NoneType (also inside Callable's list). */
function typeArg(t: unknown): unknown {
  if (t === null) return NoneType;
  if (Array.isArray(t)) return t.map(typeArg);
  return t;
}

/** `Union[...]`: nested unions flattened, duplicates dropped, a single member returned as is. */
function unionOf(args: unknown[]): unknown {
  const members: unknown[] = [];
  for (const a of args) {
    const parts = a instanceof SpecialForm && a._name === "Union" && a._args ? a._args : [a];
    for (const p of parts) if (!members.includes(p)) members.push(p);
  }
  return members.length === 1 ? members[0] : new SpecialForm("Union", members);
}

/** The special forms by name (`get_origin(Literal[1])` is `Literal`). */
const formsByName = new Map<string, SpecialForm>();
const form = (name: string) => {
  const f = new SpecialForm(name);
  formsByName.set(name, f);
  return f;
};

export const Any = form("Any");
export const Optional = form("Optional");
export const Union = form("Union");
export const List = form("List");
export const Dict = form("Dict");
export const Set = form("Set");
export const FrozenSet = form("FrozenSet");
export const Tuple_ = form("Tuple");
export { Tuple_ as Tuple };
export const Type = form("Type");
export const Callable = form("Callable");
export const Awaitable = form("Awaitable");
export const Coroutine = form("Coroutine");
export const AsyncIterator = form("AsyncIterator");
export const AsyncIterable = form("AsyncIterable");
export const AsyncGenerator = form("AsyncGenerator");
export const Iterator = form("Iterator");
export const Iterable = form("Iterable");
export const Generator = form("Generator");
export const Sequence = form("Sequence");
export const Mapping = form("Mapping");
export const MutableMapping = form("MutableMapping");
export const Deque = form("Deque");
export const DefaultDict = form("DefaultDict");
export const Counter = form("Counter");
export const ClassVar = form("ClassVar");
export const Final = form("Final");
export const Literal = form("Literal");
export const Annotated = form("Annotated");
export const NoReturn = form("NoReturn");
export const Never = form("Never");
export const Self = form("Self");
export const TypeAlias = form("TypeAlias");
export const TypeGuard = form("TypeGuard");
export const Concatenate = form("Concatenate");
export const LiteralString = form("LiteralString");
export const TypeIs = form("TypeIs");
/** `typing.Text` is `str`. */
export const Text = pyStr;
export const Hashable = form("Hashable");
export const Sized = form("Sized");
export const Container = form("Container");
export const Collection = form("Collection");
export const Reversible = form("Reversible");
export const AbstractSet = form("AbstractSet");
export const MutableSet = form("MutableSet");
export const MutableSequence = form("MutableSequence");
export const MappingView = form("MappingView");
export const KeysView = form("KeysView");
export const ValuesView = form("ValuesView");
export const ItemsView = form("ItemsView");
export const ChainMap = form("ChainMap");
export const OrderedDict = form("OrderedDict");
export const Pattern = form("Pattern");
export const Match = form("Match");

/** The `bool | None` default of ContextManager's second parameter, as typing prints it. */
const BOOL_OR_NONE = { __repr__: () => "bool | None" };

/** `typing.ContextManager[T]` / `AsyncContextManager[T]`: the exit type defaults to `bool | None`. */
class ContextManagerForm extends SpecialForm {
  override __getitem__(params: unknown): SpecialForm {
    const args = (params instanceof Tuple ? [...params.items] : [params]).map(typeArg);
    if (args.length === 1) args.push(BOOL_OR_NONE);
    return new SpecialForm(this._name, args);
  }
}
export const ContextManager = new ContextManagerForm("ContextManager");
export const AsyncContextManager = new ContextManagerForm("AsyncContextManager");

export const TYPE_CHECKING = false;

/**
 * `typing.TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False,
 * infer_variance=False)`, with CPython's attributes (`__bound__`, `__constraints__`, ...), repr
 * (`~T`, `+T` covariant, `-T` contravariant, `T` inferred) and argument errors.
 */
export class TypeVar {
  readonly __name__: string;
  readonly __bound__: unknown;
  readonly __constraints__: Tuple;
  readonly __covariant__: boolean;
  readonly __contravariant__: boolean;
  readonly __infer_variance__: boolean;

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    const name = pos.length > 0 ? pos[0] : kws.name;
    if (typeof name !== "string")
      throw new PyTypeError(`typevar() argument 'name' must be str, not ${typeName(name)}`);
    const constraints = pos.slice(1);
    const bound = kws.bound ?? null;
    if (constraints.length === 1) throw new PyTypeError("A single constraint is not allowed");
    if (constraints.length > 0 && bound !== null)
      throw new PyTypeError("Constraints cannot be combined with bound=...");
    this.__covariant__ = truthy(kws.covariant ?? false);
    this.__contravariant__ = truthy(kws.contravariant ?? false);
    if (this.__covariant__ && this.__contravariant__)
      throw new ValueError("Bivariant types are not supported.");
    this.__infer_variance__ = truthy(kws.infer_variance ?? false);
    this.__name__ = name;
    this.__bound__ = bound;
    this.__constraints__ = new Tuple(constraints);
  }

  __repr__(): string {
    if (this.__infer_variance__) return this.__name__;
    const variance = this.__covariant__ ? "+" : this.__contravariant__ ? "-" : "~";
    return `${variance}${this.__name__}`;
  }
}

/** `typing.AnyStr = TypeVar('AnyStr', bytes, str)` (the constraints resolved on first use). */
export const AnyStr = new TypeVar("AnyStr", null, null);
Object.defineProperty(AnyStr, "__constraints__", {
  get: () => new Tuple([mods().builtins.bytes, mods().builtins.str]),
});

/** `typing.ParamSpec(name, *, bound=None, ...)` (without a bound, its `__bound__` is NoneType). */
export class ParamSpec extends TypeVar {
  constructor(...args: unknown[]) {
    super(...args);
    (this as { __bound__: unknown }).__bound__ ??= NoneType;
  }

  /** `P.args` (`typing.ParamSpecArgs`, printed `P.args`). */
  get args(): unknown {
    return new ParamSpecPart(this, "args");
  }

  /** `P.kwargs` (`typing.ParamSpecKwargs`, printed `P.kwargs`). */
  get kwargs(): unknown {
    return new ParamSpecPart(this, "kwargs");
  }
}

/** `P.args` / `P.kwargs`. */
class ParamSpecPart {
  constructor(
    readonly __origin__: ParamSpec,
    private readonly part: "args" | "kwargs",
  ) {}
  __repr__(): string {
    return `${(this.__origin__ as unknown as { __name__: string }).__name__}.${this.part}`;
  }
}

/**
 * A subscripted class among the bases of a class statement (`Generic[T]`, `Box[int]`,
 * `list[T]`), as `__orig_bases__` lists it. Elsewhere subscripting a class gives the class itself
 * (see docs/DIFFERENCES.md, "Parameterized generics").
 */
export class GenericAlias {
  readonly __args__: Tuple;
  constructor(
    readonly __origin__: Function,
    args: unknown[],
  ) {
    this.__args__ = new Tuple(args.map(typeArg));
  }
  get __parameters__(): Tuple {
    return new Tuple(typeParameters(this.__args__.items));
  }
  __repr__(): string {
    const origin = this.__origin__;
    const builtin = (origin as { __module__?: string }).__module__ === undefined;
    const name =
      origin === Generic || origin === Protocol
        ? `typing.${origin.name}`
        : builtin
          ? ((origin as { __name__?: string }).__name__ ?? origin.name)
          : typeRepr(origin);
    return `${name}[${this.__args__.items.map(typeRepr).join(", ")}]`;
  }
}

const PARAMETERS = Symbol("typing.__parameters__");

/**
 * After `class C(Base[X], Generic[T], Other)` is made (codegen/lower/classes.ts): its
 * `__orig_bases__`, each subscripted base given as `[origin, args]`, and, over `Generic`, its
 * `__parameters__` as `Generic.__init_subclass__` computes them, with its TypeErrors.
 */
export function _orig_bases(cls: Function, ...bases: unknown[]): void {
  const orig = bases.map((b) =>
    Array.isArray(b) ? new GenericAlias(b[0] as Function, b[1] as unknown[]) : b,
  );
  Object.defineProperty(cls, "__orig_bases__", {
    value: new Tuple(orig),
    writable: true,
    configurable: true,
  });
  if (!(cls.prototype instanceof Generic)) return;
  if (orig.includes(Generic)) throw new PyTypeError("Cannot inherit from plain Generic");
  let tvars: readonly unknown[] = typeParameters(orig);
  let gvars: readonly unknown[] | null = null;
  for (const base of orig) {
    if (!(base instanceof GenericAlias) || base.__origin__ !== Generic) continue;
    if (gvars !== null) throw new PyTypeError("Cannot inherit from Generic[...] multiple times.");
    gvars = base.__parameters__.items;
  }
  if (gvars !== null) {
    const missing = tvars.filter((t) => !gvars!.includes(t));
    if (missing.length > 0) {
      const list = (xs: readonly unknown[]) => xs.map((x) => repr(x)).join(", ");
      throw new PyTypeError(
        `Some type variables (${list(missing)}) are not listed in Generic[${list(gvars)}]`,
      );
    }
    tvars = gvars;
  }
  Object.defineProperty(cls, PARAMETERS, { value: new Tuple(tvars), configurable: true });
}

/** `class Foo(Generic[T])`: subscripting returns the class itself. */
export class Generic {
  /** The class's type variables (`_orig_bases`); a subclass without subscripted bases has none. */
  static get __parameters__(): Tuple {
    if (this === Generic) {
      const E = mods().exceptions;
      throw new E.AttributeError("type object 'typing.Generic' has no attribute '__parameters__'");
    }
    return Object.hasOwn(this, PARAMETERS)
      ? ((this as unknown as Record<symbol, Tuple>)[PARAMETERS] as Tuple)
      : new Tuple([]);
  }

  static __class_getitem__(this: Function, params: unknown): Function {
    // `Generic[...]`/`Protocol[...]` themselves take type variables only (CPython's checks).
    if (this === Generic || this === Protocol) {
      const args = params instanceof Tuple ? [...params.items] : [params];
      const what = this === Generic ? "Generic" : "Protocol";
      if (args.length === 0)
        throw new PyTypeError(`Parameter list to ${what}[...] cannot be empty`);
      if (!args.every((a) => a instanceof TypeVar))
        throw new PyTypeError(
          `Parameters to ${what}[...] must all be type variables or parameter specification variables.`,
        );
      if (new globalThis.Set(args).size !== args.length)
        throw new PyTypeError(`Parameters to ${what}[...] must all be unique`);
    }
    return this;
  }
}

/**
 * `class P(Protocol)`. `isinstance(x, P)` is a TypeError unless `P` is `@runtime_checkable`,
 * then an instance of a subclass or a structural match: `x` has every member of the protocol
 * (`hasattr`), as CPython 3.12+ checks. A class that lists a protocol among its bases without `Protocol` itself is an ordinary
 * class: `isinstance` is the usual subclass test there.
 */
export class Protocol extends Generic {
  constructor(..._args: unknown[]) {
    super();
    if (isProtocolClass(new.target))
      throw new (mods().exceptions.TypeError)("Protocols cannot be instantiated");
  }

  static __instancecheck__(this: Function, x: unknown): boolean {
    // (`Protocol` itself: the nominal check, as `_ProtocolMeta` does.)
    if (this === Protocol || !isProtocolClass(this))
      return Function.prototype[Symbol.hasInstance].call(this, x);
    if (!runtimeCheckable.has(this))
      throw new (mods().exceptions.TypeError)(
        "Instance and class checks can only be used with @runtime_checkable protocols",
      );
    // A subclass's instance is one (the nominal check first, as `_ProtocolMeta` does).
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    const { getattr } = mods().protocol;
    const absent = {};
    // A method set to None (`close = None`) is not there.
    return protocolAttrs(this).every((name) => {
      const v = getattr(x, name, absent);
      return v !== absent && (v !== null || !isProtocolMethod(this, name));
    });
  }

  /**
   * `issubclass(C, P)` of a `@runtime_checkable` protocol of methods only: C or a class of its
   * MRO defines each of them (not as None), as `_ProtocolMeta.__subclasscheck__` checks.
   */
  static __subclasscheck__(this: Function, sub: unknown): boolean {
    const { realSubclass, isClass } = require("../types") as typeof import("../types");
    if (this === Protocol || !isProtocolClass(this))
      return isClass(sub) && realSubclass(sub as Function, this);
    const E = mods().exceptions;
    if (!isClass(sub)) throw new E.TypeError("issubclass() arg 1 must be a class");
    if (!runtimeCheckable.has(this))
      throw new E.TypeError(
        "Instance and class checks can only be used with @runtime_checkable protocols",
      );
    const attrs = protocolAttrs(this);
    const dataMembers = attrs.filter((n) => !isProtocolMethod(this, n));
    if (dataMembers.length > 0)
      throw new E.TypeError(
        `Protocols with non-method members don't support issubclass(). Non-method members: ${dataMembers.map((n) => repr(n)).join(", ")}.`,
      );
    if (realSubclass(sub as Function, this)) return true;
    const chain = mods().mro.mro(sub as Function);
    return attrs.every((n) => {
      for (const c of chain) {
        // (The class attributes first: the prototype has a view of each.)
        for (const holder of [c, c.prototype as object])
          if (holder !== undefined && holder !== null && Object.hasOwn(holder, n)) {
            const d = Object.getOwnPropertyDescriptor(holder, n)!;
            return !("value" in d) || d.value !== null;
          }
      }
      return false;
    });
  }
}

/** Is the protocol member `name` of `cls` a method (a function on a class of its MRO)? */
function isProtocolMethod(cls: Function, name: string): boolean {
  for (const c of mods().mro.mro(cls)) {
    const proto = c.prototype as object | undefined;
    if (proto === undefined || !Object.hasOwn(proto, name)) continue;
    return typeof Object.getOwnPropertyDescriptor(proto, name)!.value === "function";
  }
  return false;
}

/** `typing.IO`, `TextIO`, `BinaryIO`: the generic classes annotations of file objects name. */
export class IO extends Generic {}
export class TextIO extends IO {}
export class BinaryIO extends IO {}

/** `typing.NoDefault` (3.13): the sentinel of a type parameter without a default. */
export const NoDefault = { __repr__: () => "typing.NoDefault" };

for (const c of [Generic, Protocol, IO, TextIO, BinaryIO])
  Object.defineProperty(c, "__module__", { value: "typing", writable: true, configurable: true });

const runtimeCheckable = new WeakSet<Function>();

/** Is `cls` a protocol class (`Protocol` among its own bases), not a class implementing one? */
function isProtocolClass(cls: Function): boolean {
  if (cls === Protocol) return true;
  return mods().mro.pyBases(cls).includes(Protocol);
}

/** Names CPython's `_get_protocol_attrs` leaves out (typing._SPECIAL_NAMES and co.). */
// (`Set` is typing's own `Set` in this module.)
const NOT_PROTOCOL_MEMBERS = new globalThis.Set([
  "constructor",
  "__abstractmethods__",
  "__annotations__",
  "__dict__",
  "__doc__",
  "__init__",
  "__module__",
  "__new__",
  "__slots__",
  "__subclasshook__",
  "__weakref__",
  "__class_getitem__",
  "__match_args__",
  "__static_attributes__",
  "__firstlineno__",
  "__qualname__",
  "__instancecheck__",
]);

/**
 * The members of a protocol class and of the protocols it extends, sorted: its methods and
 * annotated attributes (a class attribute without an annotation is not seen: the class's statics
 * also hold what the runtime adds, such as `mro`).
 */
function protocolAttrs(cls: Function): string[] {
  const names = new globalThis.Set<string>();
  for (const c of mods().mro.mro(cls)) {
    if (c === Protocol || c === Generic || c === mods().builtins.object) continue;
    for (const k of Object.getOwnPropertyNames(c.prototype)) names.add(k);
    for (const k of Object.keys(annotationsOf(c))) names.add(k);
  }
  return [...names].filter((n) => !NOT_PROTOCOL_MEMBERS.has(n) && !n.startsWith("_abc_")).sort();
}

/** `typing.is_protocol(tp)` (3.13): is `tp` a protocol class (not `Protocol` itself)? */
export function is_protocol(tp: unknown): boolean {
  return typeof tp === "function" && tp !== Protocol && isProtocolClass(tp);
}

/** `typing.get_protocol_members(tp)` (3.13): a frozenset of the protocol's members. */
export function get_protocol_members(tp: unknown): unknown {
  if (!is_protocol(tp)) throw new PyTypeError(`${repr(tp)} is not a Protocol`);
  return new (mods().set.FrozenSet)(protocolAttrs(tp as Function));
}

/** `typing.cast(typ, val)`. */
export function cast(_typ: unknown, val: unknown): unknown {
  return val;
}

/** `typing.overload`, `final`, `no_type_check`, `runtime_checkable`: identity decorators. */
export function overload<F>(fn: F): F {
  return fn;
}
export const final = overload;
export const no_type_check = overload;

/** `@typing.override` (3.12): marks the function, as CPython does, and returns it. */
export function override<F>(fn: F): F {
  try {
    Object.defineProperty(fn, "__override__", { value: true, writable: true, configurable: true });
  } catch {
    // (CPython ignores objects that refuse the attribute.)
  }
  return fn;
}

/**
 * `@typing.dataclass_transform(...)`: a decorator factory that records its arguments as
 * `__dataclass_transform__` on what it decorates.
 */
export function dataclass_transform(...args: unknown[]): <F>(fn: F) => F {
  const [, kws] = takeKw(args);
  const { Dict: PyDict } = mods().dict;
  const rest = { ...kws };
  const take = (k: string, dflt: unknown) => {
    const v = k in rest ? rest[k] : dflt;
    delete rest[k];
    return v;
  };
  const info = new PyDict([
    ["eq_default", take("eq_default", true)],
    ["order_default", take("order_default", false)],
    ["kw_only_default", take("kw_only_default", false)],
    ["frozen_default", take("frozen_default", false)],
    ["field_specifiers", take("field_specifiers", new Tuple([]))],
    ["kwargs", new PyDict(Object.entries(rest))],
  ]);
  return (fn) => {
    Object.defineProperty(fn, "__dataclass_transform__", {
      value: info,
      writable: true,
      configurable: true,
    });
    return fn;
  };
}

/** `@typing.runtime_checkable`: lets `isinstance` check a protocol structurally. */
export function runtime_checkable<F>(cls: F): F {
  if (typeof cls !== "function" || !isProtocolClass(cls)) {
    throw new (mods().exceptions.TypeError)(
      `@runtime_checkable can be only applied to protocol classes, got ${repr(cls)}`,
    );
  }
  runtimeCheckable.add(cls);
  return cls;
}

/** `typing.get_type_hints(obj)`: annotations are not kept at run time; an empty dict. */
export function get_type_hints(_obj: unknown): unknown {
  const { Dict: PyDict } = require("../dict");
  return new PyDict();
}

/** The classes typing's generic aliases stand for (`List` is `list`'s), by alias name. */
function aliasClasses(): Record<string, unknown> {
  const b = mods().builtins;
  const c = mods().collections;
  const abc = require("./_collections_abc") as typeof import("./_collections_abc");
  const re = require("./re") as typeof import("./re");
  const cl = require("./contextlib") as typeof import("./contextlib");
  return {
    List: b.list,
    Dict: b.dict,
    Set: b.set,
    FrozenSet: b.frozenset,
    Tuple: b.tuple,
    Type: b.type,
    Deque: c.deque,
    DefaultDict: c.defaultdict,
    OrderedDict: c.OrderedDict,
    Counter: c.Counter,
    ChainMap: c.ChainMap,
    Pattern: re.Pattern,
    Match: re.Match,
    ContextManager: cl.AbstractContextManager,
    AsyncContextManager: cl.AbstractAsyncContextManager,
    AbstractSet: abc.Set,
    ...Object.fromEntries(
      [
        "Awaitable",
        "Coroutine",
        "AsyncIterable",
        "AsyncIterator",
        "AsyncGenerator",
        "Iterable",
        "Iterator",
        "Generator",
        "Reversible",
        "Container",
        "Collection",
        "Callable",
        "MutableSet",
        "Mapping",
        "MutableMapping",
        "Sequence",
        "MutableSequence",
        "MappingView",
        "KeysView",
        "ItemsView",
        "ValuesView",
        "Hashable",
        "Sized",
      ].map((n) => [
        n,
        (abc as unknown as Record<string, unknown>)[n] ?? (c.abc as Record<string, unknown>)[n],
      ]),
    ),
  };
}

/**
 * CPython's `get_origin` of a typing form: an alias of a generic class gives the class (also
 * unsubscripted: `List` gives `list`), a subscripted special form gives the form (`Optional[X]`
 * gives `Union`), anything else null.
 */
function aliasOrigin(f: SpecialForm): unknown {
  const cls = aliasClasses()[f._name];
  if (cls !== undefined) return cls;
  if (f._args === null) return null;
  return f._name === "Optional" ? Union : (formsByName.get(f._name) ?? null);
}

/** `typing.get_origin(tp)`. */
export function get_origin(tp: unknown): unknown {
  if (tp instanceof SpecialForm) return aliasOrigin(tp);
  if (tp instanceof GenericAlias) return tp.__origin__;
  if (tp instanceof ParamSpecPart) return tp.__origin__;
  if (tp === Generic) return Generic;
  const { UnionType } = require("../union") as typeof import("../union");
  if (tp instanceof UnionType) return UnionType;
  return null;
}

/** `typing.get_args(tp)`: Annotated's type and metadata, Callable's parameters as a list. */
export function get_args(tp: unknown): unknown {
  if (tp instanceof SpecialForm) {
    const args = tp._args;
    if (args === null || aliasOrigin(tp) === null) return new Tuple([]);
    if (tp._name === "Callable" && Array.isArray(args[0]))
      return new Tuple([[...args[0]], ...args.slice(1)]);
    return new Tuple(args);
  }
  if (tp instanceof GenericAlias) return tp.__args__;
  const { UnionType } = require("../union") as typeof import("../union");
  if (tp instanceof UnionType) return tp.__args__;
  return new Tuple([]);
}

/** `typing.NewType(name, tp)`: an identity function named `name`. */
export function NewType(name: string, tp: unknown): (x: unknown) => unknown {
  const f = (x: unknown) => x;
  Object.defineProperty(f, "__name__", { value: name });
  Object.defineProperty(f, "__qualname__", { value: name });
  Object.defineProperty(f, "__module__", { value: "__main__" });
  Object.defineProperty(f, "__supertype__", { value: tp });
  Object.defineProperty(f, "__repr__", { value: () => `__main__.${name}` });
  return f;
}

/** `typing.assert_type(val, typ)`: returns `val` unchanged. */
export function assert_type(val: unknown, _typ: unknown): unknown {
  return val;
}

/** `typing.assert_never(arg)`: always raises AssertionError (repr cut at 100 characters). */
export function assert_never(arg: unknown): never {
  let value = repr(arg);
  if (value.length > 100) value = `${value.slice(0, 100)}...`;
  throw new (mods().exceptions.AssertionError)(
    `Expected code to be unreachable, but got: ${value}`,
  );
}

/** `typing.reveal_type`. */
export function reveal_type(x: unknown): unknown {
  return x;
}

// ---------------------------------------------------------------- NamedTuple, TypedDict

/**
 * What `class P(NamedTuple)` / `class TD(TypedDict)` extend in generated code: constructible with
 * any arguments, any static member (the instances are tuples and dicts, not of this type).
 */
export interface ClassSyntaxBase {
  new (...args: any[]): any;
  (...args: any[]): any;
  [name: string]: any;
}

type Lazy = {
  collections: typeof import("./collections");
  mro: typeof import("../mro");
  builtins: typeof import("../builtins");
  dict: typeof import("../dict");
  set: typeof import("../set");
  exceptions: typeof import("../exceptions");
  kw: typeof import("../kw");
  protocol: typeof import("../protocol");
};
let lazy: Lazy | null = null;
/** Modules loaded on first use (typing loads early; see the load-order rule of src/python). */
function mods(): Lazy {
  lazy ??= {
    collections: require("./collections"),
    mro: require("../mro"),
    builtins: require("../builtins"),
    dict: require("../dict"),
    set: require("../set"),
    exceptions: require("../exceptions"),
    kw: require("../kw"),
    protocol: require("../protocol"),
  };
  return lazy;
}

/** A static of `cls` itself (not inherited). */
function own(cls: Function, key: string): unknown {
  return Object.hasOwn(cls, key) ? (cls as unknown as Record<string, unknown>)[key] : undefined;
}

function annotationsOf(cls: Function): Record<string, unknown> {
  return (own(cls, "__annotations__") as Record<string, unknown> | undefined) ?? {};
}

function splitArgs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const { Kw } = mods().kw;
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw)
    return [
      args.slice(0, n - 1),
      (args[n - 1] as InstanceType<typeof Kw>).kwargs as Record<string, unknown>,
    ];
  return [args, {}];
}

/** Binds each `typing.NamedTuple` class to its `__new__` argument binding. */
const NT_SPEC: unique symbol = Symbol("asyncio-ts.namedtuple-spec");

/** `typing.NamedTuple` class syntax: attributes a class body may not define (CPython's list). */
const NT_PROHIBITED = [
  "__new__",
  "__init__",
  "__slots__",
  "__getnewargs__",
  "_fields",
  "_field_defaults",
  "_make",
  "_replace",
  "_asdict",
  "_source",
];

/**
 * `typing.NamedTuple`. Called, `NamedTuple("P", [("x", int), ("y", int)])` is
 * `collections.namedtuple` with annotations. As a base, `class P(NamedTuple): x: int; y: int = 0`
 * makes P the namedtuple: its annotated names are the fields (in order; those with a value have
 * it as default), its methods are kept, its instances are tuples, and `P.__bases__` is
 * `(tuple,)`. Generated code runs `__init_subclass__` below once the class exists (`pyclass`),
 * and constructing P (or a subclass) comes here through the JS `super(...)` call.
 */
function NamedTupleImpl(this: unknown, ...args: unknown[]): unknown {
  const target = new.target as
    | (Function & { [NT_SPEC]?: { bind(a: unknown[]): unknown[] } })
    | undefined;
  if (target !== undefined && target !== NamedTupleImpl) {
    const spec = target[NT_SPEC];
    if (spec === undefined) throw new (mods().exceptions.TypeError)("NamedTuple is not a class");
    const { Tuple: T } = require("../tuple") as typeof import("../tuple");
    return Reflect.construct(T, [spec.bind(args)], target);
  }
  const [pos, kws] = splitArgs(args);
  const { namedtuple } = mods().collections;
  const { TypeError: PyTypeError } = mods().exceptions;
  if (pos.length === 0)
    throw new PyTypeError("NamedTuple() missing 1 required positional argument: 'typename'");
  if (pos.length > 2)
    throw new PyTypeError(
      `NamedTuple() takes from 1 to 2 positional arguments but ${pos.length} were given`,
    );
  const pairs: [string, unknown][] =
    pos.length > 1 && pos[1] !== null
      ? [...(mods().protocol.iter(pos[1]) as Iterable<unknown>)].map((p) => {
          const items = [...(mods().protocol.iter(p) as Iterable<unknown>)];
          return [String(items[0]), items[1]];
        })
      : Object.entries(kws);
  const { kw } = mods().kw;
  const cls = namedtuple(
    pos[0],
    pairs.map(([n]) => n),
    kw({ module: "__main__" }),
  );
  const { Dict: PyDict } = mods().dict;
  (cls as unknown as Record<string, unknown>).__annotations__ = new PyDict(pairs) as unknown;
  return cls;
}

Object.defineProperty(NamedTupleImpl, "__init_subclass__", {
  configurable: true,
  writable: true,
  value: function namedTupleSubclass(this: Function): void {
    // A subclass of a NamedTuple class is an ordinary class.
    if (Object.getPrototypeOf(this) !== NamedTupleImpl) return;
    const { collections, mro, builtins } = mods();
    const { TypeError: PyTypeError, AttributeError } = mods().exceptions;
    const names = Object.keys(annotationsOf(this));
    const defaults: unknown[] = [];
    const defaultNames: string[] = [];
    for (const n of names) {
      // A default is a class field (enumerable), not a function's own `name` or `length`.
      if (Object.getOwnPropertyDescriptor(this, n)?.enumerable) {
        defaultNames.push(n);
        defaults.push(own(this, n));
      } else if (defaultNames.length > 0)
        throw new PyTypeError(
          `Non-default namedtuple field ${n} cannot follow default field${defaultNames.length > 1 ? "s" : ""} ${defaultNames.join(", ")}`,
        );
    }
    const name = (this as unknown as { __name__: string }).__name__;
    const spec = collections.namedTupleSpec(name, names, defaults);
    for (const key of NT_PROHIBITED) {
      if (Object.hasOwn(this.prototype, key) || Object.hasOwn(this, key))
        throw new AttributeError(`Cannot overwrite NamedTuple attribute ${key}`);
    }
    collections.installNamedTuple(this, spec, true);
    Object.defineProperty(this, NT_SPEC, { value: spec });
    mro.hiddenBase(NamedTupleImpl, [builtins.tuple]);
  },
});
Object.defineProperty(NamedTupleImpl, "__name__", { value: "NamedTuple", configurable: true });
Object.defineProperty(NamedTupleImpl, "__module__", { value: "typing", configurable: true });
NamedTupleImpl.prototype = Object.create(
  (require("../tuple") as typeof import("../tuple")).Tuple.prototype,
);
export const NamedTuple = NamedTupleImpl as unknown as ClassSyntaxBase;

/** `Required[...]`/`NotRequired[...]` (maybe `typing.`-qualified) in an annotation's text. */
const REQUIRED = /^(?:\w+\.)*(Required|NotRequired)\[/;

/**
 * `typing.TypedDict`. As a base, `class TD(TypedDict)` (and `total=False`, which generated code
 * passes as `static __total__`) makes a class whose call is `dict(...)`: instances are plain
 * dicts. The class has `__total__`, `__required_keys__`, `__optional_keys__` (frozensets, its
 * bases' keys included), `(TD, dict, object)` as `__mro__`, and `isinstance(x, TD)` raises
 * CPython's TypeError. Called, `TypedDict("TD", {"a": int}, total=True)` makes such a class.
 */
function TypedDictImpl(this: unknown, ...args: unknown[]): unknown {
  const target = new.target as Function | undefined;
  if (target !== undefined && target !== TypedDictImpl)
    return (mods().builtins.dict as (...a: unknown[]) => unknown)(...args);
  const [pos, kws] = splitArgs(args);
  const { TypeError: PyTypeError } = mods().exceptions;
  if (pos.length === 0)
    throw new PyTypeError("TypedDict() missing 1 required positional argument: 'typename'");
  const name = String(pos[0]);
  const annotations: Record<string, unknown> = {};
  if (pos.length > 1 && pos[1] !== null) {
    const { Dict: PyDict } = mods().dict;
    const fields = pos[1];
    if (!(fields instanceof PyDict)) throw new PyTypeError("TypedDict fields must be a dict");
    for (const k of fields.keys()) annotations[String(k)] = fields.__getitem__(k);
  }
  const Cls = class extends (TypedDictImpl as unknown as new (...a: unknown[]) => object) {};
  for (const [k, v] of [
    ["name", name],
    ["__name__", name],
    ["__qualname__", name],
    ["__module__", "__main__"],
    ["__annotations__", annotations],
    ["__total__", kws.total ?? true],
  ] as const)
    Object.defineProperty(Cls, k, { value: v, writable: true, configurable: true });
  typedDictSubclass.call(Cls);
  return Cls;
}

function typedDictSubclass(this: Function): void {
  const { mro, builtins, set } = mods();
  const total = own(this, "__total__");
  const isTotal = total === undefined ? true : Boolean(total);
  if (total === undefined)
    Object.defineProperty(this, "__total__", { value: true, writable: true, configurable: true });
  const parent = Object.getPrototypeOf(this) as Record<string, unknown>;
  const required = new globalThis.Set<unknown>(
    parent.__required_keys__ ? [...(parent.__required_keys__ as Iterable<unknown>)] : [],
  );
  const optional = new globalThis.Set<unknown>(
    parent.__optional_keys__ ? [...(parent.__optional_keys__ as Iterable<unknown>)] : [],
  );
  for (const [key, ann] of Object.entries(annotationsOf(this))) {
    const m = typeof ann === "string" ? REQUIRED.exec(ann) : null;
    const req = m === null ? isTotal : m[1] === "Required";
    (req ? required : optional).add(key);
    (req ? optional : required).delete(key);
  }
  for (const [key, keys] of [
    ["__required_keys__", required],
    ["__optional_keys__", optional],
  ] as const)
    Object.defineProperty(this, key, {
      value: new set.FrozenSet([...keys]),
      writable: true,
      configurable: true,
    });
  // A TypedDict's `__annotations__` also holds its TypedDict bases' (theirs merged already).
  const inherited = own(parent as unknown as Function, "__annotations__") as object | undefined;
  if (inherited !== undefined && Object.keys(inherited).length > 0)
    Object.defineProperty(this, "__annotations__", {
      value: { ...inherited, ...annotationsOf(this) },
      writable: true,
      configurable: true,
    });
  // `TD.__bases__` is `(dict,)`, and so is that of a TypedDict class derived from TD.
  mro.hiddenBase(this, [builtins.dict]);
  mro.hiddenBase(TypedDictImpl, [builtins.dict]);
}

for (const [k, v] of [
  ["__init_subclass__", typedDictSubclass],
  [
    "__instancecheck__",
    () => {
      throw new (mods().exceptions.TypeError)(
        "TypedDict does not support instance and class checks",
      );
    },
  ],
  ["__name__", "TypedDict"],
  ["__module__", "typing"],
] as const)
  Object.defineProperty(TypedDictImpl, k, { value: v, writable: true, configurable: true });
export const TypedDict = TypedDictImpl as unknown as ClassSyntaxBase;

/** `typing.is_typeddict(tp)`: a class made by `TypedDict` (not `TypedDict` itself). */
export function is_typeddict(tp: unknown): boolean {
  return typeof tp === "function" && tp !== TypedDictImpl && tp.prototype instanceof TypedDictImpl;
}

/** `typing.Required[T]`, `typing.NotRequired[T]` (TypedDict keys). */
export const Required = form("Required");
export const NotRequired = form("NotRequired");
export const ReadOnly = form("ReadOnly");
// `issubclass(TD, dict)`, as `TD.__bases__` is `(dict,)` (instances are plain dicts).
TypedDictImpl.prototype = Object.create(
  (require("../dict") as typeof import("../dict")).Dict.prototype,
);

// ---------------------------------------------------------------- PEP 695 type parameters

/*
 * `class C[T]: ...`, `def f[T](x: T) -> T: ...` and `type X[T] = ...` (Python 3.12). The
 * transpiler (codegen/ir.ts, `typeParams`) rewrites them onto these helpers, which it imports
 * under names no Python program can spell (`$pep695_...`): each parameter is made by
 * `_pep695_param` (a TypeVar with `infer_variance=True`, printed `T`, whose bound or
 * constraints are evaluated on first use, as CPython's are), a class gets `Generic[T, ...]` as
 * its last base and `_pep695_class` as its innermost decorator, a function `_pep695_function`,
 * and `type X = v` becomes `X = _pep695_alias("X", lambda *params: v, *params)`.
 */

/** One type parameter: `T`, `T: bound`, `T: (c1, c2)` or `**P`, its bound a thunk. */
export function _pep695_param(
  name: string,
  kind: string,
  bound: (() => unknown) | null,
  constraints: (() => unknown) | null,
): TypeVar {
  const { Kw } = mods().kw;
  const p =
    kind === "ParamSpec"
      ? new ParamSpec(name, new Kw({ infer_variance: true }))
      : new TypeVar(name, new Kw({ infer_variance: true }));
  const lazy = (key: string, thunk: () => unknown, wrap: (v: unknown) => unknown) => {
    let done = false;
    let value: unknown = null;
    Object.defineProperty(p, key, {
      get: () => {
        if (!done) {
          value = wrap(thunk());
          done = true;
        }
        return value;
      },
      configurable: true,
    });
  };
  // (Without a bound, a ParamSpec of a type parameter list has None, not NoneType.)
  if (kind === "ParamSpec") Object.defineProperty(p, "__bound__", { value: null });
  if (bound !== null) lazy("__bound__", bound, (v) => v);
  if (constraints !== null)
    lazy("__constraints__", constraints, (v) => (v instanceof Tuple ? v : new Tuple([v])));
  return p;
}

/**
 * The innermost decorator of `class C[T, ...]`: its `__type_params__`, those of `Generic` (which
 * `_orig_bases` sets after the decorators; `params` when the class gets no `_orig_bases`).
 */
export function _pep695_class(...params: unknown[]): <C extends Function>(cls: C) => C {
  return (cls) => {
    Object.defineProperty(cls, PARAMETERS, { value: new Tuple(params), configurable: true });
    Object.defineProperty(cls, "__type_params__", {
      get(this: unknown) {
        return this === cls
          ? (cls as unknown as { __parameters__: Tuple }).__parameters__
          : new Tuple([]);
      },
      configurable: true,
    });
    return cls;
  };
}

/** The innermost decorator of `def f[T, ...]`: sets its `__type_params__`. */
export function _pep695_function(...params: unknown[]): <F>(fn: F) => F {
  return (fn) => {
    Object.defineProperty(fn, "__type_params__", {
      value: new Tuple(params),
      writable: true,
      configurable: true,
    });
    return fn;
  };
}

/**
 * `typing.TypeAliasType`: what a `type X = ...` statement makes. Its value is evaluated on first
 * read of `__value__`; it prints as its name; subscripting a generic one gives `X[int]`.
 */
export class TypeAliasType {
  readonly __name__: string;
  readonly __type_params__: Tuple;
  readonly __module__ = "__main__";
  #thunk: () => unknown;
  #value: { v: unknown } | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    const name = pos[0] ?? kws.name;
    if (typeof name !== "string")
      throw new PyTypeError(`typealias() argument 'name' must be str, not ${typeName(name)}`);
    const value = pos.length > 1 ? pos[1] : kws.value;
    this.__name__ = name;
    this.#thunk = () => value;
    const tp = kws.type_params ?? new Tuple([]);
    this.__type_params__ = tp instanceof Tuple ? tp : new Tuple([...(tp as unknown[])]);
  }
  /** (`_pep695_alias`: the value as a thunk.) */
  static _lazy(name: string, thunk: () => unknown, params: unknown[]): TypeAliasType {
    const { Kw } = mods().kw;
    const a = new TypeAliasType(name, null, new Kw({ type_params: new Tuple(params) }));
    a.#thunk = thunk;
    return a;
  }
  get __value__(): unknown {
    this.#value ??= { v: this.#thunk() };
    return this.#value.v;
  }
  get __parameters__(): Tuple {
    return this.__type_params__;
  }
  __repr__(): string {
    return this.__name__;
  }
  __getitem__(params: unknown): GenericAlias {
    if (this.__type_params__.items.length === 0)
      throw new PyTypeError("Only generic type aliases are subscriptable");
    const args = params instanceof Tuple ? [...params.items] : [params];
    return new GenericAlias(this as unknown as Function, args);
  }
  __or__(other: unknown): unknown {
    return aliasUnion(this, other);
  }
  __ror__(other: unknown): unknown {
    return aliasUnion(other, this);
  }
}

/** `X | other` with a type alias: a `types.UnionType`, as for classes (union.ts). */
function aliasUnion(a: unknown, b: unknown): unknown {
  const { UnionType } = require("../union") as typeof import("../union");
  const { isClass } = require("../types") as typeof import("../types");
  const args: unknown[] = [];
  for (const x of [a, b]) {
    if (x instanceof UnionType) args.push(...x.__args__.items);
    else if (x === null) args.push(NoneType);
    else if (x instanceof TypeAliasType || isClass(x)) args.push(x);
    else return (require("../objects") as typeof import("../objects")).NotImplemented;
  }
  return new UnionType(args.filter((x, i) => args.indexOf(x) === i));
}

/** `type X[P, ...] = value`: the value is `thunk(...params)`, evaluated on first use. */
export function _pep695_alias(
  name: string,
  thunk: (...params: unknown[]) => unknown,
  ...params: unknown[]
): TypeAliasType {
  return TypeAliasType._lazy(name, () => thunk(...params), params);
}
