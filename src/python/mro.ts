/**
 * Multiple inheritance: `class C(A, B)`, CPython's C3 method resolution order and cooperative
 * `super()`.
 *
 * A JS class has one prototype chain; a Python class has a linearized list of classes (its MRO)
 * in which every class appears once, and attribute lookup, `isinstance`, `issubclass` and
 * `super()` all follow that list. The design:
 *
 * - `class C(A, B)` is transpiled to `class C extends $py.bases(A, B) { ... }`. `bases` computes
 *   the MRO tail `merge(mro(A), mro(B), [A, B])` (raising CPython's TypeErrors for duplicate bases,
 *   no consistent MRO, and instance lay-out conflicts) and returns a *synthetic* JS class M that
 *   extends the *layout base* (the base that carries a runtime class such as an exception, whose
 *   constructor must run; otherwise the first base). M's prototype holds, for every attribute of
 *   the tail, the definition the MRO finds first (copied descriptors; class attributes on M itself
 *   forward to their owner, so `Base.count += 1` stays visible through C). So ordinary JS property
 *   lookup on an instance of C (or of a subclass of C) finds what Python's MRO finds: C's own
 *   members first, then M's merged table.
 *
 *   ```
 *   C.prototype -> M.prototype (merged: A, B, their bases, in MRO order) -> A.prototype -> ...
 *   ```
 * - The MRO itself (`__mro__`, `mro()`, `__bases__`, `__base__`) comes from `pyBases`, which knows
 *   the bases M stands for, so M never shows up in Python.
 * - `isinstance(x, B)` / `except B:`: classes of the tail that are not on the JS chain get a
 *   `Symbol.hasInstance` hook that, after JS's own test fails, looks for B in the MRO of `type(x)`
 *   (only for instances of classes built over some M, marked with `MULTIPLE`).
 * - `super()` cannot be JS `super`: JS binds `super` to the class that defines the method, while
 *   Python continues in `type(self).__mro__` after that class (in `D(B, C)` with `B(A)` and
 *   `C(A)`, `super()` in `B` reaches `C`). Generated code calls `super_(B, self)`, which looks the
 *   name up in the classes after B in the MRO of `type(self)` (or of `cls` in a classmethod), binds
 *   methods, calls property getters, and ends with `object`'s methods (`__init__`, `__repr__`, ...).
 *
 * Construction: M's constructor runs the layout base's constructor; when that one does not run
 * Python's `__init__` (a runtime class such as an exception or asyncio.Queue) and the `__init__`
 * found by the MRO is a transpiled one, M calls `this.__init__(...args)` once, as `type.__call__`
 * does. A runtime class that has no `__init__` method (it initializes in its JS constructor) and is
 * reached by `super().__init__(args)` is re-initialized with those arguments.
 *
 * Differences from CPython: the merged table is built when the class is created, so methods
 * added to or replaced on a base *after* a multiple-inheritance subclass exists are not seen
 * through it (class attributes are); two runtime classes can be combined only when they are
 * exceptions with a common instance layout (as CPython decides it), or one derives from the other.
 */

import * as B from "./builtins";
import { Dict, DictSubclassBase } from "./dict";
import {
  AttributeError,
  BaseException,
  builtinExceptions,
  TypeError as PyTypeError,
  RuntimeError,
} from "./exceptions";
import { hashPointer } from "./hash";
import { Kw, splitKw } from "./kw";
import { ListSubclassBase } from "./list";
import {
  className,
  classQualname,
  classTpName,
  defineOwnAttr,
  isForwarder,
  NotImplemented,
  registerForwarder,
} from "./objects";
import { getattr, objectDelattr, objectGetattribute, objectSetattr, truthy } from "./protocol";
import { objectRepr, repr } from "./repr";
import { isClass, isinstance, typeName, typeOf } from "./types";

/** Marks instances (on M.prototype) and classes (on M) built over a synthetic base. */
export const MULTIPLE: unique symbol = Symbol("asyncio-ts.multiple-bases");

interface Synthetic {
  /** The Python bases M stands for. */
  bases: Function[];
  /** The layout base M extends. */
  layout: Function;
}

/** What `bases` returns, for TypeScript: constructible with any arguments, any static member. */
export interface SyntheticBase {
  new (...args: any[]): any;
  [name: string]: any;
}

const synthetics = new WeakMap<Function, Synthetic>();
const pyclasses = new WeakSet<Function>();
const mroCache = new WeakMap<Function, Function[]>();

/** Root classes' generated `__init__(..._args) { return null; }`: `object.__init__`'s stand-in. */
const stubs = new WeakSet<Function>();
const STUB_INIT = /^__init__\(\.\.\._args\)\s*\{\s*return null;?\s*\}$/;

/**
 * A JS base class Python does not see: classes extending `M` have `bases` as their `__bases__`
 * (`typing.NamedTuple` and `TypedDict` classes, whose bases are `tuple` and `dict` in CPython).
 */
export function hiddenBase(M: Function, bases: Function[]): void {
  synthetics.set(M, { bases, layout: bases[0]! });
}

/** Is `cls` a transpiled class (a heap type, in CPython's terms)? */
export function isPyclass(cls: unknown): boolean {
  return typeof cls === "function" && pyclasses.has(cls);
}

/** Record a transpiled class (called by `pyclass`). */
export function registerPyclass(cls: Function): void {
  pyclasses.add(cls);
  const init = Object.getOwnPropertyDescriptor(cls.prototype, "__init__")?.value as unknown;
  if (typeof init === "function" && STUB_INIT.test(Function.prototype.toString.call(init)))
    stubs.add(init);
}

const initConstructors = new WeakMap<Function, boolean>();
/** A generated constructor that runs `__init__` (lower/classes.ts), as compiled JS. */
const ASKS_BASE = /\bconstructsViaInit\(/;
const INIT_CONSTRUCTOR = /\bconstructor\(\.\.\.args\)\s*\{[^}]*\.__init__\(\.\.\.args\)/;

/**
 * Does the class `cls` (transpiled) have a constructor of its own that runs `__init__`
 * (a class defining `__init__` over a runtime class: `super(...args); this.__init__(...args);`)?
 * A runtime base's constructor then leaves `__init__` to it (`initFromConstructor` in
 * stdlib/types.ts).
 */
export function runsOwnInit(cls: Function): boolean {
  // Whether the class has its own `__init__` is read each time: a class decorator
  // (`@dataclass`) adds it after the class is made.
  if (!Object.hasOwn(cls.prototype, "__init__")) return false;
  let v = initConstructors.get(cls);
  if (v === undefined) {
    const src = Function.prototype.toString.call(cls);
    v =
      INIT_CONSTRUCTOR.test(src) &&
      // Over a class of another module: `if (!$py.constructsViaInit(Base)) this.__init__(...)`.
      (!ASKS_BASE.test(src) || !constructsViaInit(Object.getPrototypeOf(cls) as Function));
    initConstructors.set(cls, v);
  }
  return v;
}

/** Is `K.prototype[name]` a definition of K's own (not a stub or a forwarder)? */
function ownDefinition(K: Function, name: PropertyKey): PropertyDescriptor | undefined {
  const kp = K.prototype as object | undefined;
  if (kp === undefined || !Object.hasOwn(kp, name)) return undefined;
  const d = Object.getOwnPropertyDescriptor(kp, name)!;
  const f = (d.get ?? d.value) as unknown;
  if (typeof f === "function" && (stubs.has(f) || isForwarder(f))) return undefined;
  return d;
}

export { isForwarder, registerForwarder };

/**
 * The `@classmethod`s of the program's classes. Both they and `@staticmethod`s are JS static
 * methods (a class method's `cls` is `this`); read as values, a class method is bound to the class
 * it is read through (`C.parse` is `<bound method C.parse of <class 'C'>>`), a static one is not.
 */
const classMethods = new WeakSet<Function>();

/** Mark `cls[name]` (a JS static method) as a `@classmethod` (lowering emits the call). */
export function markClassMethod(
  cls: Function | (abstract new (...args: never) => unknown),
  name: string,
): void {
  const m = (cls as unknown as Record<string, unknown>)[name];
  // Not there when the class body deleted it (`del c`).
  if (typeof m === "function") classMethods.add(m);
}

/** Is `fn` a method `markClassMethod` marked? */
export function isClassMethod(fn: unknown): boolean {
  return classMethods.has(fn as Function);
}

/**
 * The runtime classes a program's `class C(str)` (`int`, `float`, `tuple`, `bytes`) extends
 * (subclass.ts), with the builtin type each stands for and the runtime classes whose members are
 * that type's in `super()` lookups.
 */
const builtinSubclassBases = new Map<Function, { name: string; members: Function[] }>();

/** Called by subclass.ts for each of its base classes. */
export function registerBuiltinSubclassBase(base: Function, name: string): void {
  const members: Function[] = [];
  for (let c = base; c !== Function.prototype; c = Object.getPrototypeOf(c) as Function)
    members.push(c);
  builtinSubclassBases.set(base, { name, members });
}

/** The builtin type a subclass.ts base class stands for. */
function subclassBaseType(cls: unknown): Function | undefined {
  const entry = builtinSubclassBases.get(cls as Function);
  return entry && (B as unknown as Record<string, Function>)[entry.name];
}

/** The builtin type objects' bases (`bool` -> `int`). */
function builtinBase(cls: unknown): Function | undefined {
  switch (cls) {
    case B.bool:
      return B.int;
    case B.int:
    case B.float:
    case B.str:
    case B.list:
    case B.tuple:
    case B.dict:
    case B.set:
    case B.frozenset:
    case B.bytes:
    case B.bytearray:
    case B.NoneType:
    case B.type:
      return B.object;
  }
  return undefined;
}

/** A static marking a class whose `__extra_bases__` come before its JS parent in `__bases__`. */
export const EXTRA_BASES_FIRST = Symbol.for("asyncio-ts.extra-bases-first");

/** `cls.__bases__` as a list. */
export function pyBases(cls: Function): Function[] {
  if (cls === B.object) return [];
  const bb = builtinBase(cls);
  if (bb !== undefined) return [bb];
  const parent = Object.getPrototypeOf(cls) as unknown;
  const syn = typeof parent === "function" ? synthetics.get(parent) : undefined;
  if (syn !== undefined) return syn.bases;
  // `class R(dict)` / `class L(list)` extend the runtime's base classes for them.
  if (parent === DictSubclassBase) return [B.dict];
  if (parent === ListSubclassBase) return [B.list];
  const sub = subclassBaseType(parent);
  if (sub !== undefined) return [sub];
  if (typeof parent !== "function" || parent === Function.prototype || parent === Error)
    return [B.object];
  const extra = (cls as { __extra_bases__?: Function[] }).__extra_bases__;
  if (!Object.hasOwn(cls, "__extra_bases__") || !extra) return [parent];
  // The mixed-in type first (`IntEnum(int, ReprEnum)`, stdlib/enum.ts).
  return Object.hasOwn(cls, EXTRA_BASES_FIRST) ? [...extra, parent] : [parent, ...extra];
}

/** `cls.__mro__` as a list of classes: CPython's C3 linearization. */
export function mro(cls: Function): Function[] {
  let out = mroCache.get(cls);
  if (out === undefined) {
    const bases = pyBases(cls);
    out = [cls, ...(bases.length === 1 ? mro(bases[0]!) : merge(bases))];
    mroCache.set(cls, out);
  }
  return out;
}

/** C3: merge the bases' MROs and the bases list; a TypeError when no order exists. */
function merge(bases: Function[]): Function[] {
  const lists = [...bases.map((b) => mro(b)), bases].map((l) => [...l]);
  const out: Function[] = [];
  for (;;) {
    const live = lists.filter((l) => l.length > 0);
    if (live.length === 0) return out;
    const head = live.map((l) => l[0]!).find((c) => !live.some((l) => l.indexOf(c) > 0));
    if (head === undefined) {
      const heads = [...new Set(live.map((l) => l[0]!))].map((c) => className(c));
      throw new PyTypeError(
        `Cannot create a consistent method resolution order (MRO) for bases ${heads.join(", ")}`,
      );
    }
    out.push(head);
    for (const l of lists) if (l[0] === head) l.shift();
  }
}

// ---- instance layouts

/** Exception classes whose instances have their own fields in CPython (`__basicsize__`). */
const EXCEPTION_LAYOUTS = [
  "BaseException",
  "AttributeError",
  "BaseExceptionGroup",
  "ImportError",
  "NameError",
  "OSError",
  "StopIteration",
  "SyntaxError",
  "SystemExit",
  "UnicodeDecodeError",
  "UnicodeEncodeError",
  "UnicodeTranslateError",
];

function isSubclassJs(a: Function, b: Function): boolean {
  return a === b || b === B.object || Object.prototype.isPrototypeOf.call(b.prototype, a.prototype);
}

/**
 * The class that fixes the instance layout of `cls` (CPython's "solid base"): `object` for
 * plain classes, the nearest exception class with its own fields, a builtin type, or (for the JS
 * layout, `js` true) any other runtime class itself, since its constructor builds the object.
 */
function solidBase(cls: Function, js: boolean): Function {
  if (cls === B.object) return B.object;
  if (builtinBase(cls) !== undefined) return cls === B.bool ? B.int : cls;
  if (cls === DictSubclassBase) return B.dict;
  if (cls === ListSubclassBase) return B.list;
  const sub = subclassBaseType(cls);
  if (sub !== undefined) return sub;
  const syn = synthetics.get(cls);
  if (syn !== undefined) return solidBase(syn.layout, js);
  if (pyclasses.has(cls)) {
    const parent = Object.getPrototypeOf(cls) as Function;
    if (parent === Function.prototype) return B.object;
    return solidBase(parent, js);
  }
  // `abc.ABC` and `typing.Generic` add nothing to an instance: they combine with any base.
  if (isAbcBase(cls)) return B.object;
  if (cls === BaseException || cls.prototype instanceof BaseException) {
    for (let c: Function = cls; c !== Error; c = Object.getPrototypeOf(c) as Function) {
      if (EXCEPTION_LAYOUTS.includes(className(c)) && builtinExceptions[className(c)] === c)
        return c;
    }
    return BaseException;
  }
  return js ? cls : B.object;
}

/** CPython's `best_base`: the base whose solid base derives from every other base's. */
function bestBase(bases: Function[], js: boolean): Function {
  let winner: Function | null = null;
  let best: Function = bases[0]!;
  for (const b of bases) {
    const s = solidBase(b, js);
    if (winner === null || isSubclassJs(winner, s)) {
      if (winner === null) {
        winner = s;
        best = b;
      }
      continue;
    }
    if (isSubclassJs(s, winner)) {
      winner = s;
      best = b;
      continue;
    }
    const pb = solidBase(b, false);
    const pbest = solidBase(best, false);
    if (!js || !(isSubclassJs(pb, pbest) || isSubclassJs(pbest, pb)))
      throw new PyTypeError("multiple bases have instance lay-out conflict");
    throw new PyTypeError(
      `asyncio-ts cannot combine the runtime classes ${className(best)} and ${className(b)} as bases`,
    );
  }
  return best;
}

/** `cls.__base__`. */
export function pyBase(cls: Function): Function | null {
  const bases = pyBases(cls);
  if (bases.length === 0) return null;
  return bases.length === 1 ? bases[0]! : bestBase(bases, false);
}

// ---- the synthetic base

const SKIP_STATICS = new Set<PropertyKey>([
  "length",
  "name",
  "prototype",
  "caller",
  "arguments",
  "__name__",
  "__qualname__",
  "__module__",
  "__annotations__",
  "__extra_bases__",
  "__doc__",
  Symbol.hasInstance,
]);

/**
 * The JS base class of `class C(A, B, ...)` (two or more bases): see the header. Raises
 * CPython's TypeErrors, so the class statement fails before `C` is bound, as in Python.
 */
export function bases(...classes: unknown[]): SyntheticBase {
  for (const b of classes) {
    if (!isClass(b)) throw new PyTypeError(`bases must be types, not ${typeName(b)}`);
  }
  const bs = classes as Function[];
  for (let i = 0; i < bs.length; i++) {
    if (bs.indexOf(bs[i]!) !== i) throw new PyTypeError(`duplicate base class ${className(bs[i])}`);
  }
  const tail = merge(bs);
  const layout = bestBase(bs, true);
  const layoutInits = constructsViaInit(layout);
  const Layout = layout as new (...args: unknown[]) => object;
  const newInBases = tail.some((K) => pyclasses.has(K) && Object.hasOwn(K, "__new__"));
  const M = class extends Layout {
    // biome-ignore lint/correctness/noUnreachableSuper: `type.__call__` runs no JS constructor
    constructor(...args: unknown[]) {
      // A `__new__` of the program among the bases: `type.__call__`.
      // biome-ignore lint/correctness/noConstructorReturn: type.__call__ returns what __new__ made
      if (newInBases && viaNew(new.target)) return constructed(new.target, args);
      const plan = layoutInits ? "layout" : initPlan(new.target);
      if (plan === "runtime-quiet") super();
      else super(...args);
      if (plan !== "layout" && plan !== "none")
        (this as unknown as { __init__(...a: unknown[]): unknown }).__init__(...args);
    }
  };
  Object.defineProperty(M, "name", { value: bs.map((b) => className(b)).join("+") });
  synthetics.set(M, { bases: bs, layout });
  const proto = M.prototype as unknown as Record<PropertyKey, unknown>;
  const seen = new Set<PropertyKey>(["constructor"]);
  const seenStatic = new Set<PropertyKey>(SKIP_STATICS);
  for (const K of tail) {
    if (K === B.object || builtinBase(K) !== undefined) continue;
    const kp = K.prototype as object | undefined;
    if (kp !== undefined)
      for (const key of Reflect.ownKeys(kp)) {
        const d = ownDefinition(K, key);
        if (seen.has(key) || (d === undefined && key === "__init__")) continue;
        seen.add(key);
        Object.defineProperty(proto, key, Object.getOwnPropertyDescriptor(kp, key)!);
      }
    for (const key of Reflect.ownKeys(K)) {
      if (seenStatic.has(key)) continue;
      seenStatic.add(key);
      const desc = Object.getOwnPropertyDescriptor(K, key)!;
      if ("value" in desc && typeof desc.value !== "function") {
        // A class attribute: read from its owner, so later assignments to it are seen.
        const owner = K as unknown as Record<PropertyKey, unknown>;
        Object.defineProperty(M, key, {
          configurable: true,
          get: () => owner[key],
          set(this: object, v: unknown) {
            defineOwnAttr(this, key, v);
          },
        });
      } else Object.defineProperty(M, key, desc);
    }
  }
  Object.defineProperty(proto, MULTIPLE, { value: true });
  Object.defineProperty(M, MULTIPLE, { value: true });
  for (const K of tail) {
    if (K === B.object || K === layout || isSubclassJs(layout, K)) continue;
    if (builtinBase(K) !== undefined) continue;
    installInstanceCheck(K);
  }
  return M;
}

const hooked = new WeakSet<Function>();

/** `isinstance(x, K)` also true for instances of classes with K in their MRO (see header). */
function installInstanceCheck(K: Function): void {
  if (hooked.has(K)) return;
  hooked.add(K);
  const prev = (K as unknown as Record<symbol, (x: unknown) => boolean>)[Symbol.hasInstance]!;
  Object.defineProperty(K, Symbol.hasInstance, {
    configurable: true,
    value(this: Function, x: unknown): boolean {
      if (prev.call(this, x)) return true;
      return (
        typeof x === "object" &&
        x !== null &&
        (x as Record<symbol, unknown>)[MULTIPLE] === true &&
        mro(typeOf(x)).includes(this)
      );
    },
  });
}

/** Is `cls` built over a synthetic base (its MRO is not its JS chain)? */
export function hasMultipleBases(cls: unknown): boolean {
  const p = (cls as { prototype?: Record<symbol, unknown> } | null)?.prototype;
  return typeof p === "object" && p !== null && p[MULTIPLE] === true;
}

/**
 * Does constructing `cls` run `this.__init__(...)`? The transpiler gives a root class a
 * constructor that does, and a class over a runtime class one when it defines `__init__`; a
 * synthetic base takes care of it itself.
 */
/**
 * Does constructing `cls` run `__init__` by itself? Also asked by the generated constructor of a
 * class defining `__init__` over a class of another module (`class S(helpers.Base)`), which the
 * transpiler cannot see (lower/classes.ts).
 */
export function constructsViaInit(cls: Function): boolean {
  if (synthetics.has(cls)) return true;
  if (!pyclasses.has(cls)) return false;
  const parent = Object.getPrototypeOf(cls) as Function;
  if (parent === Function.prototype) return true;
  if (constructsViaInit(parent)) return true;
  return Object.hasOwn(cls.prototype, "__init__");
}

type InitPlan = "layout" | "none" | "runtime-quiet" | "call";
const initPlans = new WeakMap<Function, InitPlan>();

/** For a layout base that does not run `__init__`: what constructing `cls` must do. */
function initPlan(cls: Function): InitPlan {
  let plan = initPlans.get(cls);
  if (plan === undefined) {
    const owner = mro(cls).find((K) => ownDefinition(K, "__init__") !== undefined);
    if (owner === undefined || !pyclasses.has(owner)) plan = "none";
    else {
      // A transpiled `__init__` runs; a runtime class other than an exception gets no
      // constructor arguments (CPython's `object.__new__` ignores them; `__init__` gets them).
      const solid = solidBase(cls, true);
      plan =
        solid === B.object || solid === BaseException || solid.prototype instanceof BaseException
          ? "call"
          : "runtime-quiet";
    }
    initPlans.set(cls, plan);
  }
  return plan;
}

// ---- super()

type Found =
  | { kind: "value"; value: unknown; static: boolean; owner: Function }
  | { kind: "get"; get: Function }
  | { kind: "missing" };

/**
 * The classes whose members stand for class `K` of an MRO in `super()` lookups: the runtime
 * classes implementing `dict` and `list` for their subclasses (see dict.ts, list.ts), else K.
 */
function members(K: Function): Function[] {
  if (K === B.dict) return [DictSubclassBase, Dict];
  if (K === B.list) return [ListSubclassBase];
  for (const [base, { members }] of builtinSubclassBases)
    if (K === subclassBaseType(base)) return members;
  return [K];
}

function resolve(start: Function, cls: Function, name: string): Found {
  const m = mro(start);
  for (const K of m.slice(m.indexOf(cls) + 1).flatMap(members)) {
    if (K === B.object) break;
    const kp = K.prototype as object | undefined;
    const d = ownDefinition(K, name);
    if (d !== undefined) {
      if (d.get !== undefined) return { kind: "get", get: d.get };
      if ("value" in d) return { kind: "value", value: d.value, static: false, owner: K };
    }
    if (Object.hasOwn(K, name) && !SKIP_STATICS.has(name)) {
      const d = Object.getOwnPropertyDescriptor(K, name)!;
      if ("value" in d) return { kind: "value", value: d.value, static: true, owner: K };
    }
    if (
      name === "__init__" &&
      !pyclasses.has(K) &&
      builtinBase(K) === undefined &&
      kp !== undefined &&
      !(name in kp)
    ) {
      // A runtime class initialized by its JS constructor: run it again with these arguments.
      return { kind: "value", value: reinit(K), static: false, owner: K };
    }
  }
  return { kind: "missing" };
}

function reinit(K: Function) {
  return function (this: object, ...args: unknown[]): null {
    const [positional, kwargs] = splitKw(args);
    const names = Object.keys(kwargs);
    if (positional.length === 0 && names.length === 0) return null;
    // Keywords go to the JS constructor's parameters by name.
    const params = constructorParams(K);
    const full = [...positional];
    for (const name of names) {
      const i = params.indexOf(name);
      if (i < 0)
        throw new PyTypeError(
          `${className(K)}.__init__() got an unexpected keyword argument '${name}'`,
        );
      if (i < positional.length)
        throw new PyTypeError(
          `${className(K)}.__init__() got multiple values for argument '${name}'`,
        );
      full[i] = (kwargs as Record<string, unknown>)[name];
    }
    const fresh = Reflect.construct(K, full) as object;
    for (const key of Reflect.ownKeys(fresh))
      Object.defineProperty(this, key, Object.getOwnPropertyDescriptor(fresh, key)!);
    return null;
  };
}

/** The parameter names of a runtime class's JS constructor (its own or an inherited one). */
function constructorParams(K: Function): string[] {
  for (let c = K; c !== Function.prototype; c = Object.getPrototypeOf(c) as Function) {
    const m = /\bconstructor\(([^)]*)\)/.exec(Function.prototype.toString.call(c));
    if (m !== null)
      return m[1]!
        .split(",")
        .map((p) => /^\s*(?:\.\.\.)?([\w$]+)/.exec(p)?.[1] ?? "")
        .filter((p) => p !== "");
  }
  return [];
}

// ---- object.__new__

/** Does a class of `cls`'s MRO other than object define `__init__` (`tp_init != object_init`)? */
function overridesInit(cls: Function): boolean {
  return mro(cls).some((K) => K !== B.object && ownDefinition(K, "__init__") !== undefined);
}

/** How `object.__new__` makes an instance of a class of the program (lang.ts adds `__slots__`). */
let makeInstance = (cls: Function): object => Object.create(cls.prototype as object) as object;

/** Install `object.__new__`, with `make` making the instances (called by lang.ts once loaded). */
export function installObjectNew(make: (cls: Function) => object): void {
  makeInstance = make;
  Object.defineProperty(B.object, "__new__", {
    value: objectNew,
    writable: true,
    configurable: true,
  });
}

/**
 * `object.__new__(cls, *args)`: an instance of a class of the program, no constructor run (CPython's
 * `object_new`: extra arguments are an error when `cls` overrides `__new__`, or overrides neither
 * `__new__` nor `__init__`). Classes over builtin types are refused as CPython refuses them; over
 * another runtime class, as asyncio-ts cannot make their instances this way.
 */
export function objectNew(...args: unknown[]): object {
  if (args.length === 0) throw new PyTypeError("object.__new__(): not enough arguments");
  const cls = args[0];
  if (!isClass(cls))
    throw new PyTypeError(`object.__new__(X): X is not a type object (${typeName(cls)})`);
  const abc = abcModule();
  enumClass ??= (require("./stdlib/enum") as typeof import("./stdlib/enum")).Enum;
  if (cls.prototype instanceof enumClass) {
    // `Color.__new__(Color, 1)` is `Enum.__new__`: the member with that value (`Color(1)`); an
    // enum's own `__new__` makes its members with `object.__new__(cls)` (stdlib/enum.ts).
    if (args.length > 1) return Reflect.construct(cls, args.slice(1)) as object;
    return Object.create(cls.prototype as object) as object;
  }
  if (!mro(cls).every((K) => K === B.object || pyclasses.has(K) || isAbcBase(K))) {
    if (solidBase(cls, false) === B.object)
      throw new PyTypeError(
        `asyncio-ts: object.__new__(${className(cls)}) for a class over a runtime class is not supported`,
      );
    // CPython names the nearest class up the chain whose `__new__` is not a Python function.
    let c = cls;
    while (pyclasses.has(c) && Object.hasOwn(c, "__new__")) c = pyBase(c) ?? B.object;
    throw new PyTypeError(
      `object.__new__(${className(cls)}) is not safe, use ${className(c)}.__new__()`,
    );
  }
  const [positional, kwargs] = splitKw(args.slice(1));
  if (positional.length > 0 || Object.keys(kwargs).length > 0) {
    const nw = (cls as { __new__?: unknown }).__new__;
    if (typeof nw === "function" && nw !== objectNew)
      throw new PyTypeError(
        "object.__new__() takes exactly one argument (the type to instantiate)",
      );
    if (!overridesInit(cls)) throw new PyTypeError(`${className(cls)}() takes no arguments`);
  }
  if (cls.prototype instanceof abc.ABC) {
    const missing = abc.abstractMethods(cls);
    if (missing.length > 0)
      throw new PyTypeError(
        `Can't instantiate abstract class ${className(cls)} without an implementation for abstract method${missing.length > 1 ? "s" : ""} ${missing.map((n) => `'${n}'`).join(", ")}`,
      );
  }
  return makeInstance(cls);
}
Object.defineProperty(objectNew, "__name__", { value: "__new__", configurable: true });
Object.defineProperty(objectNew, "__qualname__", { value: "object.__new__", configurable: true });

let abcLoaded: typeof import("./stdlib/abc") | null = null;
/** The abc module (loaded on first use: it imports much of the runtime). */
function abcModule(): typeof import("./stdlib/abc") {
  abcLoaded ??= require("./stdlib/abc") as typeof import("./stdlib/abc");
  return abcLoaded;
}

let genericClass: Function | null = null;
let enumClass: Function | null = null;

/** Is `K` `abc.ABC` or `typing.Generic`, which add nothing to an instance of their subclasses? */
function isAbcBase(K: Function): boolean {
  genericClass ??= (require("./stdlib/typing") as typeof import("./stdlib/typing")).Generic;
  return K === abcModule().ABC || K === genericClass;
}

/**
 * Is `cls` a class of the program constructed through its `__new__`: one it defines or inherits
 * from another class of the program, with no runtime class among its ancestors (lower/classes.ts
 * gives such a class a constructor calling `typeCall`)?
 */
export function constructsViaNew(cls: Function): boolean {
  const nw = (cls as { __new__?: unknown }).__new__;
  return (
    typeof nw === "function" &&
    nw !== objectNew &&
    pyclasses.has(cls) &&
    mro(cls).every((K) => K === B.object || pyclasses.has(K) || isAbcBase(K))
  );
}

/**
 * `type.__call__(cls, *args)` for such a class: `cls.__new__(cls, *args)` (a static method;
 * `super().__new__(cls)` ends at `objectNew`, which makes the instance without running any JS
 * constructor); when it gave an instance of `cls` (or of a subclass), the `__init__` of its class
 * runs with the same arguments, keywords included. Whatever else `__new__` gave is the result.
 * Generated code calls it for `C(...)` (lower/calls.ts), and so does `call` (protocol.ts).
 */
export function typeCall(cls: Function, args: unknown[]): any {
  const obj = (cls as unknown as { __new__: (...a: unknown[]) => unknown }).__new__(cls, ...args);
  if (typeof obj === "object" && obj !== null && isInstanceOf(obj, cls)) {
    // No `__init__` (a class over `typing.Generic`): object's, which ignores the arguments.
    const init = (obj as { __init__?: unknown }).__init__;
    if (typeof init === "function") init.apply(obj, args);
  }
  return obj;
}

/** CPython's `PyObject_TypeCheck`: `cls` in the MRO of `type(obj)` (no `__instancecheck__`). */
function isInstanceOf(obj: object, cls: Function): boolean {
  if (Object.prototype.isPrototypeOf.call(cls.prototype, obj)) return true;
  return (obj as Record<symbol, unknown>)[MULTIPLE] === true && mro(typeOf(obj)).includes(cls);
}

const viaNewClasses = new WeakMap<Function, boolean>();

/** `constructsViaNew(cls)`, remembered (asked by each construction over a synthetic base). */
function viaNew(cls: Function): boolean {
  let v = viaNewClasses.get(cls);
  if (v === undefined) viaNewClasses.set(cls, (v = constructsViaNew(cls)));
  return v;
}

/** `typeCall` in a JS constructor, which can only give an object. */
export function constructed(cls: Function, args: unknown[]): object {
  const obj = typeCall(cls, args);
  if ((typeof obj === "object" && obj !== null) || typeof obj === "function") return obj;
  throw new PyTypeError(
    `asyncio-ts: ${className(cls)}.__new__ returned ${obj === null ? "None" : `a '${typeName(obj)}' value`} where only an object can be given (a JS constructor; not supported)`,
  );
}

const OBJECT_METHODS = [
  "__new__",
  "__init__",
  "__init_subclass__",
  "__repr__",
  "__str__",
  "__eq__",
  "__ne__",
  "__lt__",
  "__le__",
  "__gt__",
  "__ge__",
  "__setattr__",
  "__delattr__",
  "__getattribute__",
  "__format__",
  "__hash__",
];

/** Is `name` one of `object`'s own methods (`objectMethod` has it)? */
export function isObjectMethod(name: string): boolean {
  return OBJECT_METHODS.includes(name);
}

/** `object`'s own methods, which end every `super()` lookup (and `object.__repr__(x)`, dunders.ts). */
export function objectMethod(obj: unknown, name: string, start: Function): unknown {
  switch (name) {
    case "__new__":
      return objectNew;
    case "__init__":
      return (...args: unknown[]) => {
        const extra = args.filter((a) => !(a instanceof Kw && Object.keys(a.kwargs).length === 0));
        if (extra.length > 0) {
          // CPython's `object_init`: extra arguments are ignored when the class overrides
          // `__new__` but not `__init__`.
          const t = typeOf(obj);
          if (!pyclasses.has(t) || overridesInit(t))
            throw new PyTypeError(
              "object.__init__() takes exactly one argument (the instance to initialize)",
            );
          const nw = (t as { __new__?: unknown }).__new__;
          if (typeof nw !== "function" || nw === objectNew)
            throw new PyTypeError(`${className(t)}() takes no arguments`);
        }
        return null;
      };
    case "__init_subclass__":
      return (...args: unknown[]) => {
        if (args.some((a) => a instanceof Kw && Object.keys(a.kwargs).length > 0))
          throw new PyTypeError(
            `${classQualname(start)}.__init_subclass__() takes no keyword arguments`,
          );
        return null;
      };
    case "__repr__":
      return () => objectRepr(obj);
    case "__str__":
      return () => repr(obj);
    case "__eq__":
      return (other: unknown) => (other === obj ? true : NotImplemented);
    case "__ne__":
      // The inverse of the type's `__eq__`, unless that is NotImplemented.
      return (other: unknown) => {
        const own = (obj as { __eq__?: unknown } | null)?.__eq__;
        const r =
          typeof own === "function" ? own.call(obj, other) : other === obj ? true : NotImplemented;
        return r === NotImplemented ? r : !truthy(r);
      };
    case "__hash__":
      return () => hashPointer(obj);
    case "__lt__":
    case "__le__":
    case "__gt__":
    case "__ge__":
      return () => NotImplemented;
    case "__setattr__":
      return (k: string, v: unknown) => objectSetattr(obj, k, v);
    case "__delattr__":
      return (k: string) => objectDelattr(obj, k);
    case "__getattribute__":
      return (k: string) => objectGetattribute(obj, k);
    case "__format__":
      return (spec: string) => {
        if (spec !== "")
          throw new PyTypeError(
            `unsupported format string passed to ${classTpName(typeOf(obj))}.__format__`,
          );
        return B.str(obj);
      };
  }
  return undefined;
}

/** A super object: `__self__` is the receiver; its prototype is a view built once per lookup. */
interface SuperObject {
  __self__: unknown;
}
type ViewClass = new (self: unknown) => SuperObject;

const views = new WeakMap<Function, Map<Function, ViewClass>>();
const classViews = new WeakMap<Function, Map<Function, ViewClass>>();

/** Missing names end at this Proxy: AttributeError, as CPython's `super` object raises. */
let missingProxy: object | null = null;
function missing(): object {
  missingProxy ??= new Proxy(
    {},
    {
      get(_t, name) {
        if (typeof name === "symbol") return undefined;
        throw new AttributeError(`'super' object has no attribute '${name}'`);
      },
      has: () => false,
    },
  );
  return missingProxy;
}

/**
 * The view of `super(cls, obj)` for receivers of class `start` (`instance`) or for `start`
 * itself: one property per name the classes after `cls` in `start`'s MRO define. Methods are
 * wrappers that call the definition with the receiver (no `bind` per call); properties are
 * getters; class attributes are read from their owner when used.
 */
function superView(start: Function, cls: Function, instance: boolean): ViewClass {
  const cache = instance ? views : classViews;
  let byCls = cache.get(start);
  if (byCls === undefined) cache.set(start, (byCls = new Map()));
  let View = byCls.get(cls);
  if (View !== undefined) return View;
  // A class field is defined, not assigned: creating a view never walks up to the Proxy.
  View = class {
    __self__: unknown;
    constructor(self: unknown) {
      this.__self__ = self;
    }
  };
  const proto = View.prototype as unknown as Record<string, unknown>;
  Object.setPrototypeOf(proto, missing());
  const names = new Set<string>(OBJECT_METHODS);
  const m = mro(start);
  for (const K of m.slice(m.indexOf(cls) + 1).flatMap(members)) {
    if (K === B.object) break;
    for (const key of Object.getOwnPropertyNames(K)) if (!SKIP_STATICS.has(key)) names.add(key);
    if (K.prototype !== undefined)
      for (const key of Object.getOwnPropertyNames(K.prototype))
        if (key !== "constructor") names.add(key);
  }
  for (const name of names) {
    const f = resolve(start, cls, name);
    let desc: PropertyDescriptor;
    if (f.kind === "get") {
      const get = f.get;
      desc = {
        get(this: SuperObject) {
          return instance ? get.call(this.__self__) : undefined;
        },
      };
    } else if (f.kind === "value") {
      const v = f.value;
      if (typeof v === "function" && !isClass(v)) {
        const fn = v as Function;
        const value =
          instance && !f.static
            ? function (this: SuperObject, ...args: unknown[]) {
                return fn.apply(this.__self__, args);
              }
            : f.static
              ? (...args: unknown[]) => fn.apply(start, args)
              : fn;
        desc = { value };
      } else {
        const owner = (f.static ? f.owner : f.owner.prototype) as Record<string, unknown>;
        desc = { get: () => owner[name] };
      }
    } else {
      if (!OBJECT_METHODS.includes(name)) continue;
      desc = {
        get(this: SuperObject) {
          return objectMethod(this.__self__, name, start);
        },
      };
    }
    Object.defineProperty(proto, name, { ...desc, configurable: true, enumerable: false });
  }
  byCls.set(cls, View);
  return View;
}

/**
 * `super(cls, obj)` (and the transpiler's zero-argument `super()`, which passes the class being
 * defined and the method's first argument): the attributes of the classes after `cls` in the MRO
 * of `type(obj)` (of `obj` itself when it is a class, as in a classmethod), bound to `obj`.
 */
export function super_(...args: unknown[]): any {
  const cls = args[0] as Function;
  const obj = args[1];
  if (args.length === 2 && typeof obj === "object" && obj !== null && obj instanceof cls) {
    const View = superView(typeOf(obj), cls, true);
    return new View(obj);
  }
  if (args.length === 0) throw new RuntimeError("super(): no arguments");
  if (!isClass(cls))
    throw new PyTypeError(`super() argument 1 must be a type, not ${typeName(cls)}`);
  if (args.length < 2) throw new PyTypeError("asyncio-ts does not support unbound super objects");
  if (isClass(obj) && (obj === cls || mro(obj).includes(cls)))
    return new (superView(obj, cls, false))(obj);
  if (isinstance(obj, cls)) return new (superView(typeOf(obj), cls, true))(obj);
  throw new PyTypeError(
    `super(type, obj): obj (instance of ${typeName(obj)}) is not an instance or subtype of type (${className(cls)}).`,
  );
}

/**
 * `self.x` for an attribute the class assigns (`self.x = ...`) but that may not be set yet: the
 * property read, or (when it is missing) Python's lookup with `__getattr__` and AttributeError.
 */
export function checkAttr<T>(value: T, obj: unknown, name: string): T {
  return value !== undefined ? value : (getattr(obj, name) as T);
}
