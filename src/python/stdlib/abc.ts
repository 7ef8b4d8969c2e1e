/**
 * Python's `abc`: `ABC`, `abstractmethod`, `ABCMeta` (an alias of ABC's machinery),
 * `ABC.register` for virtual subclasses.
 *
 * Instantiating a subclass of `ABC` that still has abstract methods raises CPython's
 * `TypeError: Can't instantiate abstract class Foo without an implementation for abstract
 * method 'bar'`. The check runs in ABC's constructor, so it also sees methods that generated code
 * decorated with `abstractmethod` after the class was made.
 */

import { TypeError as PyTypeError } from "../exceptions";
import { classQualname } from "../objects";
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

/** The names of `cls`'s abstract methods, sorted (`cls.__abstractmethods__`). */
export function abstractMethods(cls: Function): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let proto = cls.prototype as object | null;
  while (proto !== null && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (seen.has(name) || name === "constructor") continue;
      seen.add(name);
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      const v = d.value ?? d.get;
      if (v !== undefined && v !== null && (v as Record<string, unknown>)[ABSTRACT] === true)
        out.push(name);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return out.sort();
}

const registries = new WeakMap<Function, Function[]>();

/** `class Foo(ABC)`. */
export class ABC {
  static readonly __module__: string = "abc";

  constructor(...args: unknown[]) {
    const missing = abstractMethods(new.target);
    if (missing.length > 0) {
      const names = missing.map((n) => `'${n}'`).join(", ");
      throw new PyTypeError(
        `Can't instantiate abstract class ${classQualname(new.target)} without an implementation for abstract method${missing.length > 1 ? "s" : ""} ${names}`,
      );
    }
    initFromConstructor(this, new.target, ABC, args);
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
    if (x !== null && (typeof x === "object" || typeof x === "function") && x instanceof this)
      return true;
    const { isinstance } = require("../types") as {
      isinstance: (x: unknown, c: unknown) => boolean;
    };
    return (registries.get(this) ?? []).some((c) => isinstance(x, c));
  }

  static get __abstractmethods__(): unknown {
    const { FrozenSet } = require("../set");
    return new FrozenSet(abstractMethods(this));
  }
}
Object.defineProperty(ABC, "__name__", { value: "ABC", writable: true, configurable: true });
Object.defineProperty(ABC, "__qualname__", { value: "ABC", writable: true, configurable: true });

/** `abc.ABCMeta`: classes cannot take a metaclass in asyncio-ts; provided for isinstance/typing. */
export const ABCMeta = ABC;

/** `abc.abstractproperty` and friends (deprecated aliases). */
export const abstractclassmethod = abstractmethod;
export const abstractstaticmethod = abstractmethod;
export const abstractproperty = abstractmethod;

/** `abc.get_cache_token()`. */
export function get_cache_token(): bigint {
  return 0n;
}
