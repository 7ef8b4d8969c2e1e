/**
 * Python's `abc`: `ABC`, `abstractmethod`, `ABCMeta`, `ABC.register` for virtual subclasses.
 *
 * Instantiating a subclass of `ABC` that still has abstract methods raises CPython's
 * `TypeError: Can't instantiate abstract class Foo without an implementation for abstract
 * method 'bar'`. The check runs in ABC's constructor, so it also sees methods that generated code
 * decorated with `abstractmethod` after the class was made.
 *
 * `ABCMeta` is the metaclass as Python sees it: `type(C)` of every class over `ABC` (the
 * `Symbol.for("asyncio-ts.metaclass")` static that `typeOf` reads), `isinstance(C, ABCMeta)`. A
 * class cannot run a metaclass in asyncio-ts: `class B(metaclass=ABCMeta)` is transpiled as a
 * class over `_ABCMetaBase`, which is ABC's machinery without ABC in `__bases__`/`__mro__` (a
 * hidden base, src/python/mro.ts), so `B.__mro__` is `(B, object)` as in CPython.
 */

import { TypeError as PyTypeError } from "../exceptions";
import { className, markBuiltinClass } from "../objects";
import { initFromConstructor } from "./types";

const ABSTRACT = "__isabstractmethod__";

/** `@abc.abstractmethod`. */
export function abstractmethod<F>(fn: F): F {
  if (
    (typeof fn === "function" || (typeof fn === "object" && fn !== null)) &&
    Object.isExtensible(fn)
  ) {
    Object.defineProperty(fn, ABSTRACT, { value: true, writable: true, configurable: true });
  }
  return fn;
}

/** The JS members of every function, never Python attributes of a class. */
const FUNCTION_KEYS = new Set(["length", "name", "prototype", "caller", "arguments"]);

function isAbstract(d: PropertyDescriptor): boolean {
  const v = d.value ?? d.get;
  return v !== undefined && v !== null && (v as Record<string, unknown>)[ABSTRACT] === true;
}

/**
 * The names of `cls`'s abstract methods, sorted (`cls.__abstractmethods__`). Each name is
 * decided by its nearest definition along the class chain, as CPython's `getattr(cls, name)`:
 * a method or accessor on a class's prototype, or a static of the class (a class or static
 * method, or a class attribute overriding an abstract method of a base). A static method's
 * forwarder on the prototype (src/python/mro.ts) stands for the static.
 */
export function abstractMethods(cls: Function): string[] {
  const { isForwarder } = require("../mro") as typeof import("../mro");
  const seen = new Set<string>();
  const out: string[] = [];
  for (let c: Function | null = cls; c !== null && c !== Function.prototype; ) {
    const proto = c.prototype as object | undefined;
    if (proto === undefined || proto === Object.prototype) break;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (seen.has(name) || name === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      if (isForwarder(d.value)) continue;
      seen.add(name);
      if (isAbstract(d)) out.push(name);
    }
    for (const name of Object.getOwnPropertyNames(c)) {
      if (seen.has(name) || FUNCTION_KEYS.has(name)) continue;
      seen.add(name);
      if (isAbstract(Object.getOwnPropertyDescriptor(c, name)!)) out.push(name);
    }
    c = Object.getPrototypeOf(c) as Function | null;
  }
  return out.sort();
}

const registries = new WeakMap<Function, Function[]>();

/** `type(C)` of a class (read by `typeOf`, inherited by subclasses as a static). */
const METACLASS = Symbol.for("asyncio-ts.metaclass");

/** Is `cls` a class over `_ABCMetaBase` (a `metaclass=ABCMeta` class), where `ABC` is hidden? */
function hidesABC(cls: unknown): boolean {
  return (
    typeof cls === "function" &&
    (cls === _ABCMetaBase || cls.prototype instanceof (_ABCMetaBase as Function))
  );
}

/**
 * What a class's own `__subclasshook__(sub)` (a class method of the program) decides, or null
 * when it has none or it returns NotImplemented (CPython's `ABCMeta.__subclasscheck__`).
 */
function subclassHook(cls: Function, sub: unknown): boolean | null {
  const hook = (cls as { __subclasshook__?: unknown }).__subclasshook__;
  if (typeof hook !== "function") return null;
  const r = hook.call(cls, sub);
  const { NotImplemented } = require("../objects") as { NotImplemented: unknown };
  if (r === NotImplemented) return null;
  if (typeof r !== "boolean")
    throw new (require("../exceptions") as typeof import("../exceptions")).AssertionError(
      "__subclasshook__ must return either False, True, or NotImplemented",
    );
  return r;
}

/** `class Foo(ABC)`. */
export class ABC {
  static readonly __module__: string = "abc";

  constructor(...args: unknown[]) {
    const missing = abstractMethods(new.target);
    if (missing.length > 0) {
      const names = missing.map((n) => `'${n}'`).join(", ");
      throw new PyTypeError(
        `Can't instantiate abstract class ${className(new.target)} without an implementation for abstract method${missing.length > 1 ? "s" : ""} ${names}`,
      );
    }
    initFromConstructor(this, new.target, hidesABC(new.target) ? _ABCMetaBase : ABC, args);
  }

  __init__(..._args: unknown[]): null {
    return null;
  }

  /** `Foo.register(subclass)`: make `subclass` a virtual subclass of `Foo`. */
  static register<C extends Function>(this: Function, subclass: C): C {
    const list = registries.get(this) ?? [];
    list.push(subclass);
    registries.set(this, list);
    return subclass;
  }

  static __instancecheck__(this: Function, x: unknown): boolean {
    const { typeOf } = require("../types") as { typeOf: (x: unknown) => unknown };
    const hooked = subclassHook(this, typeOf(x));
    if (hooked !== null) return hooked;
    if (
      x !== null &&
      (typeof x === "object" || typeof x === "function") &&
      x instanceof this &&
      !(this === ABC && hidesABC((x as object).constructor))
    )
      return true;
    const { isinstance } = require("../types") as {
      isinstance: (x: unknown, c: unknown) => boolean;
    };
    return (registries.get(this) ?? []).some((c) => isinstance(x, c));
  }

  /** `issubclass(sub, Foo)`: a real subclass, or a subclass of a registered class. */
  static __subclasscheck__(this: Function, sub: unknown): boolean {
    const { issubclass, realSubclass } = require("../types") as {
      issubclass: (a: unknown, b: unknown) => boolean;
      realSubclass: (a: Function, b: Function) => boolean;
    };
    const hooked = subclassHook(this, sub);
    if (hooked !== null) return hooked;
    if (realSubclass(sub as Function, this) && !(this === ABC && hidesABC(sub))) return true;
    return (registries.get(this) ?? []).some((c) => issubclass(sub, c));
  }

  static get __abstractmethods__(): unknown {
    const { FrozenSet } = require("../set");
    return new FrozenSet(abstractMethods(this));
  }
}
Object.defineProperty(ABC, "__name__", { value: "ABC", writable: true, configurable: true });
// `C.register` read as a value (`@C.register` on a class) is bound to `C`.
(require("../mro") as typeof import("../mro")).markClassMethod(ABC, "register");
Object.defineProperty(ABC, "__qualname__", { value: "ABC", writable: true, configurable: true });

/**
 * `abc.ABCMeta`, the type of every class over `ABC` (see the header): `isinstance(C, ABCMeta)`.
 * Calling it to make a class is not supported.
 */
export class ABCMeta {
  constructor() {
    throw new PyTypeError("asyncio-ts cannot make a class by calling ABCMeta()");
  }

  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "function" && (x as { [METACLASS]?: unknown })[METACLASS] === ABCMeta;
  }
}
markBuiltinClass(ABCMeta, "ABCMeta");
Object.defineProperty(ABCMeta, "__module__", { value: "abc", writable: true, configurable: true });
Object.defineProperty(ABC, METACLASS, { value: ABCMeta, configurable: true });

/**
 * The base of `class B(metaclass=ABCMeta)`: ABC's behaviour (abstract methods, `register`),
 * while Python sees `object` as B's base (registered as a hidden base when B is made).
 */
export class _ABCMetaBase extends ABC {
  static __init_subclass__(this: Function): null {
    const mro = require("../mro") as typeof import("../mro");
    const B = require("../builtins") as { object: Function };
    mro.hiddenBase(_ABCMetaBase, [B.object]);
    return null;
  }
}

/** `abc.abstractproperty` and friends (deprecated aliases). */
export const abstractclassmethod = abstractmethod;
export const abstractstaticmethod = abstractmethod;
export const abstractproperty = abstractmethod;

/** `abc.get_cache_token()`. */
export function get_cache_token(): bigint {
  return 0n;
}
