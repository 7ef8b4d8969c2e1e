/**
 * Python's `functools`: partial, wraps/update_wrapper, reduce, lru_cache/cache, total_ordering,
 * cmp_to_key, cached_property, singledispatch.
 *
 * A `partial` object is a JS function (so generated code and the event loop call it directly)
 * carrying `func`, `args` (a tuple), `keywords` (a dict) and `__partial__ = true`, which asyncio's
 * callback formatter (src/asyncio/format_helpers.ts) recognises; its repr is CPython's
 * `functools.partial(<function f at 0x...>, 1, key='v')`.
 *
 * `lru_cache` wrappers pass `this` through and make it part of the key (a method of a transpiled
 * class receives `self` as `this`; a decorated one gets it first, from `$py.decorateMethod`).
 *
 * Differences from CPython: `type(partial(...))` is not `functools.partial`. `cached_property`
 * needs the class to be known (`cached_property(fn).install(cls, name)`), because generated code
 * decorates methods after the class is made: `$py.decorateMethod` (descriptors.ts) installs it.
 */

import { iscoroutine, trackcoroutine } from "../../asyncio/coroutines";
import { eq, lt } from "../compare";
import { Dict } from "../dict";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { Kw, kw } from "../kw";
import { defineOwnAttr, id, NotImplemented, nativeType, PY_TYPE } from "../objects";
import { call, callable, iter, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { isClass, mro, typeName, typeOf } from "../types";
import { cFunctions } from "./_cfunctions";
import { namedtuple } from "./collections";
import { takeKw } from "./types";

const KIND = Symbol.for("asyncio-ts.kind");
const QUALNAME = Symbol.for("asyncio-ts.qualname");

type Fn = (...args: any[]) => any;

/** What a `partial` object carries (see the header). */
export interface Partial extends Fn {
  func: unknown;
  args: Tuple;
  keywords: Dict;
  __partial__: true;
}

function isPartial(f: unknown): f is Partial {
  return typeof f === "function" && (f as { __partial__?: unknown }).__partial__ === true;
}

/** A tuple that asyncio's formatter can also `.map` over (it treats `args` as an array). */
function argsTuple(items: unknown[]): Tuple {
  const t = new Tuple(items);
  Object.defineProperty(t, "map", {
    value: (f: (x: unknown, i: number) => unknown) => items.map(f),
    enumerable: false,
  });
  return t;
}

/** `functools.partial(func, /, *args, **keywords)`. */
export function partial(...allArgs: unknown[]): Partial {
  const [pos, kws] = takeKw(allArgs);
  if (pos.length === 0) throw new PyTypeError("type 'partial' takes at least one argument");
  let func = pos[0];
  let args = pos.slice(1);
  let keywords: Record<string, unknown> = { ...kws };
  if (!callable(func)) throw new PyTypeError("the first argument must be callable");
  if (isPartial(func)) {
    args = [...func.args.items, ...args];
    const inner: Record<string, unknown> = {};
    for (const [k, v] of func.keywords.entries()) inner[k as string] = v;
    keywords = { ...inner, ...keywords };
    func = func.func;
  }
  const target = func;
  const fixed = args;
  const fixedKw = keywords;
  const p = function (this: unknown, ...callArgs: unknown[]): unknown {
    const [cp, ck] = takeKw(callArgs);
    const merged = { ...fixedKw, ...ck };
    const rest = Object.keys(merged).length > 0 ? [kw(merged)] : [];
    return call(target, ...fixed, ...cp, ...rest);
  } as unknown as Partial;
  const define = (name: string, value: unknown) =>
    Object.defineProperty(p, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  define("func", target);
  define("args", argsTuple(fixed));
  define("keywords", new Dict(Object.entries(fixedKw)));
  define("__partial__", true);
  define("__repr__", () => {
    const parts = [
      repr(target),
      ...fixed.map((a) => repr(a)),
      ...Object.entries(fixedKw).map(([k, v]) => `${k}=${repr(v)}`),
    ];
    return `functools.partial(${parts.join(", ")})`;
  });
  define("__call__", p);
  return p;
}

// `partial` is also the type of its objects: `isinstance(p, partial)`, `partial[int]` in hints,
// and its repr `<class 'functools.partial'>`.
for (const [name, value] of [
  ["__name__", "partial"],
  ["__qualname__", "partial"],
  ["__module__", "functools"],
  ["__class_getitem__", () => partial],
  [Symbol.hasInstance, isPartial],
] as const)
  Object.defineProperty(partial, name, { value, configurable: true });

// ---------------------------------------------------------------- wraps / update_wrapper

export const WRAPPER_ASSIGNMENTS = new Tuple([
  "__module__",
  "__name__",
  "__qualname__",
  "__doc__",
  "__annotations__",
  "__type_params__",
]);
export const WRAPPER_UPDATES = new Tuple(["__dict__"]);

/**
 * `functools.update_wrapper(wrapper, wrapped)`: copies `__module__`, `__name__`, `__qualname__`,
 * `__doc__`, `__annotations__` (where generated code keeps them), sets `__wrapped__`, and carries asyncio-ts's qualname mark (so coroutines made by a
 * wrapping `async def` report the wrapped name, as CPython's do) and, onto an unmarked generator
 * function, the kind mark.
 */
export function update_wrapper(wrapper: unknown, wrapped: unknown, ...rest: unknown[]): unknown {
  const [pos, kws] = takeKw(rest);
  const assigned = [...iter(pos[0] ?? kws.assigned ?? WRAPPER_ASSIGNMENTS)] as string[];
  const updated = [...iter(pos[1] ?? kws.updated ?? WRAPPER_UPDATES)] as string[];
  const w = wrapper as Record<PropertyKey, unknown> & { prototype?: Record<PropertyKey, unknown> };
  const src = wrapped as Record<PropertyKey, unknown>;
  for (const name of assigned) {
    if (name === "__dict__") continue;
    let v: unknown;
    if (name === "__name__")
      v = src.__name__ ?? (typeof wrapped === "function" ? wrapped.name : undefined);
    else if (name === "__qualname__")
      v =
        src.__qualname__ ??
        src[QUALNAME] ??
        (typeof wrapped === "function" ? wrapped.name : undefined);
    else if (name === "__doc__") v = src.__doc__ ?? null;
    else if (name === "__module__") v = src.__module__ ?? "__main__";
    else v = src[name];
    if (v !== undefined)
      Object.defineProperty(w, name, {
        value: v,
        writable: true,
        configurable: true,
        enumerable: false,
      });
  }
  if (
    updated.includes("__dict__") &&
    wrapped !== null &&
    (typeof wrapped === "object" || typeof wrapped === "function")
  ) {
    for (const k of Object.keys(wrapped)) {
      if (k === "__partial__" || k === "prototype") continue;
      w[k] = src[k];
    }
  }
  const qual = w.__qualname__;
  if (typeof qual === "string") {
    if (w[QUALNAME] !== undefined || src[QUALNAME] !== undefined) w[QUALNAME] = qual;
    if (
      w.prototype &&
      typeof w.prototype === "object" &&
      (w.prototype[KIND] !== undefined || src[KIND] !== undefined)
    ) {
      w.prototype[QUALNAME] = qual;
      // The coroutine or generator objects' own `__qualname__`/`__name__` come from the
      // function's when it is called (CPython's `_Py_MakeCoro`), so they follow the wrapped one.
      if (Object.hasOwn(w.prototype, "__qualname__")) w.prototype.__qualname__ = qual;
      if (Object.hasOwn(w.prototype, "__name__") && typeof w.__name__ === "string")
        w.prototype.__name__ = w.__name__;
    }
  }
  const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor as Function;
  if (w[KIND] === undefined && src[KIND] !== undefined && wrapper instanceof GeneratorFunction) {
    w[KIND] = src[KIND];
    if (w.prototype) w.prototype[KIND] = src[KIND];
  }
  Object.defineProperty(w, "__wrapped__", {
    value: wrapped,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return wrapper;
}

/** `functools.wraps(wrapped, assigned=..., updated=...)`: a decorator applying update_wrapper. */
export function wraps(wrapped: unknown, ...rest: unknown[]): (wrapper: unknown) => unknown {
  return (wrapper: unknown) => update_wrapper(wrapper, wrapped, ...rest);
}

// ---------------------------------------------------------------- reduce

const NO_INITIAL = Symbol("no initial");

/** `functools.reduce(function, iterable[, initial], /)`. */
export function reduce(...args: unknown[]): unknown {
  if (args.length > 0 && args[args.length - 1] instanceof Kw)
    throw new PyTypeError("reduce() takes no keyword arguments");
  if (args.length < 2)
    throw new PyTypeError(`reduce expected at least 2 arguments, got ${args.length}`);
  if (args.length > 3)
    throw new PyTypeError(`reduce expected at most 3 arguments, got ${args.length}`);
  const [fn, iterable] = args;
  const initial = args.length === 3 ? args[2] : NO_INITIAL;
  let it: Iterator<unknown> & Iterable<unknown>;
  try {
    it = iter(iterable) as Iterator<unknown> & Iterable<unknown>;
  } catch (e) {
    // CPython replaces any TypeError of `iter(arg 2)`.
    if (e instanceof PyTypeError) throw new PyTypeError("reduce() arg 2 must support iteration");
    throw e;
  }
  let acc: unknown;
  if (initial === NO_INITIAL) {
    const first = it.next();
    if (first.done) throw new PyTypeError("reduce() of empty iterable with no initial value");
    acc = first.value;
  } else acc = initial;
  for (const x of it) acc = call(fn, acc, x);
  return acc;
}

// ---------------------------------------------------------------- lru_cache / cache

let CacheInfoClass: Fn | null = null;
function CacheInfo(...values: unknown[]): Tuple {
  if (CacheInfoClass === null) {
    CacheInfoClass = namedtuple(
      "CacheInfo",
      ["hits", "misses", "maxsize", "currsize"],
      kw({ module: "functools" }),
    ) as unknown as Fn;
  }
  return CacheInfoClass(...values);
}

const KWD_MARK = new (class KwdMark {
  __repr__() {
    return "<object object>";
  }
})();

function makeKey(self: unknown, args: unknown[], typed: boolean): unknown {
  const [pos, kws] = takeKw(args);
  const parts: unknown[] = self === undefined ? [] : [self];
  parts.push(...pos);
  const names = Object.keys(kws);
  if (names.length > 0) {
    parts.push(KWD_MARK);
    for (const k of names) parts.push(k, kws[k]);
  }
  if (typed) {
    for (const v of pos) parts.push(typeOf(v));
    for (const k of names) parts.push(typeOf(kws[k]));
  } else if (parts.length === 1 && (typeof parts[0] === "bigint" || typeof parts[0] === "string")) {
    return parts[0];
  }
  return new Tuple(parts);
}

/** The type of `lru_cache`'s wrappers. */
function lruWrapperType(): Function {
  const t = nativeType("_lru_cache_wrapper", "functools");
  if (!Object.hasOwn(t, "__tp_name__"))
    Object.defineProperty(t, "__tp_name__", { value: "functools._lru_cache_wrapper" });
  return t;
}

function lruWrapper(user: unknown, maxsize: bigint | null, typed: boolean): Fn {
  const cache = new Dict();
  let hits = 0n;
  let misses = 0n;
  const limit = maxsize === null ? null : maxsize < 0n ? 0n : maxsize;
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const key = makeKey(this, args, typed);
    if (limit === 0n) {
      misses++;
      return (user as Fn).apply(this, args);
    }
    const e = cache.lookup(key);
    if (e !== undefined) {
      hits++;
      if (limit !== null) {
        cache.__delitem__(key);
        cache.__setitem__(e[0], e[1]);
      }
      return e[1];
    }
    misses++;
    const result =
      typeof user === "function" && this === undefined
        ? call(user, ...args)
        : (user as Fn).apply(this, args);
    if (cache.lookup(key) === undefined) {
      // A cached coroutine is returned again: each `await` of it must check it is not finished.
      if (iscoroutine(result)) trackcoroutine(result);
      cache.__setitem__(key, result);
      if (limit !== null && BigInt(cache.size) > limit) {
        const oldest = cache.entries().next().value as [unknown, unknown];
        cache.__delitem__(oldest[0]);
      }
    }
    return result;
  } as Fn & Record<string, unknown>;
  update_wrapper(wrapper, user);
  const define = (name: string, value: unknown) =>
    Object.defineProperty(wrapper, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  // `type(f)` is functools' `_lru_cache_wrapper`, and so is its repr.
  Object.defineProperty(wrapper, PY_TYPE, { value: lruWrapperType });
  define(
    "__repr__",
    () => `<functools._lru_cache_wrapper object at 0x${id(wrapper).toString(16)}>`,
  );
  define("cache_info", () => CacheInfo(hits, misses, limit, BigInt(cache.size)));
  define("cache_clear", () => {
    cache.clear();
    hits = 0n;
    misses = 0n;
    return null;
  });
  define(
    "cache_parameters",
    () =>
      new Dict<string, unknown>([
        ["maxsize", limit],
        ["typed", typed],
      ]),
  );
  return wrapper;
}

/** `functools.lru_cache(maxsize=128, typed=False)`, also usable bare: `@lru_cache`. */
export function lru_cache(...args: unknown[]): Fn {
  const [pos, kws] = takeKw(args);
  // `maxsize=None` (unbounded) is not the default: test for presence, not for null.
  let maxsize: unknown = pos.length > 0 ? pos[0] : "maxsize" in kws ? kws.maxsize : 128n;
  const typed = truthy(pos.length > 1 ? pos[1] : (kws.typed ?? false));
  if (typeof maxsize === "function") {
    return lruWrapper(maxsize, 128n, false);
  }
  if (typeof maxsize === "boolean") maxsize = maxsize ? 1n : 0n;
  if (maxsize !== null && typeof maxsize !== "bigint") {
    throw new PyTypeError("Expected first argument to be an integer, a callable, or None");
  }
  const size = maxsize as bigint | null;
  return (user: unknown) => lruWrapper(user, size, typed);
}

/** `functools.cache(user_function)`: an unbounded lru_cache. */
export function cache(user: unknown): Fn {
  return lruWrapper(user, null, false);
}

// ---------------------------------------------------------------- total_ordering

type Cmp = (this: unknown, other: unknown) => unknown;

/** `functools.total_ordering(cls)`: fill in the missing rich comparisons from one of them. */
export function total_ordering<C extends Function>(cls: C): C {
  const proto = (cls as unknown as { prototype: Record<string, unknown> }).prototype;
  const ops = ["__lt__", "__le__", "__gt__", "__ge__"];
  const roots = ops.filter((op) => typeof proto[op] === "function");
  if (roots.length === 0)
    throw new ValueError("must define at least one ordering operation: < > <= >=");
  const root = roots.sort().at(-1)!;
  const base = proto[root] as Cmp;
  const not = (r: unknown) => (r === NotImplemented ? r : !r);
  const derived: Record<string, Record<string, Cmp>> = {
    __lt__: {
      __gt__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : !r && !eq(this, o);
      },
      __le__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : Boolean(r) || eq(this, o);
      },
      __ge__(o) {
        return not(base.call(this, o));
      },
    },
    __le__: {
      __ge__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : !r || eq(this, o);
      },
      __lt__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : Boolean(r) && !eq(this, o);
      },
      __gt__(o) {
        return not(base.call(this, o));
      },
    },
    __gt__: {
      __lt__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : !r && !eq(this, o);
      },
      __ge__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : Boolean(r) || eq(this, o);
      },
      __le__(o) {
        return not(base.call(this, o));
      },
    },
    __ge__: {
      __le__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : !r || eq(this, o);
      },
      __gt__(o) {
        const r = base.call(this, o);
        return r === NotImplemented ? r : Boolean(r) && !eq(this, o);
      },
      __lt__(o) {
        return not(base.call(this, o));
      },
    },
  };
  for (const [op, fn] of Object.entries(derived[root]!)) {
    if (!roots.includes(op)) {
      Object.defineProperty(proto, op, {
        value: fn,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }
  return cls;
}

// ---------------------------------------------------------------- cmp_to_key

/** `functools.cmp_to_key(mycmp)`: a key function whose keys compare through `mycmp`. */
export function cmp_to_key(mycmp: unknown): (obj: unknown) => unknown {
  const cmp = (a: unknown, b: unknown) => call(mycmp, a, b);
  class K {
    static readonly __name__ = "functools.KeyWrapper";
    constructor(readonly obj: unknown) {}
    __lt__(o: K) {
      return lt(cmp(this.obj, o.obj), 0n);
    }
    __gt__(o: K) {
      return lt(0n, cmp(this.obj, o.obj));
    }
    __eq__(o: K) {
      return eq(cmp(this.obj, o.obj), 0n);
    }
    __le__(o: K) {
      return !lt(0n, cmp(this.obj, o.obj));
    }
    __ge__(o: K) {
      return !lt(cmp(this.obj, o.obj), 0n);
    }
  }
  (K.prototype as unknown as { __hash__: null }).__hash__ = null;
  return (obj: unknown) => new K(obj);
}

// ---------------------------------------------------------------- cached_property

/** `functools.cached_property(func)`: computed once per instance, then stored on it. */
export class cached_property {
  static readonly __module__ = "functools";
  attrname: string | null = null;
  __doc__: unknown;

  constructor(readonly func: Fn) {
    this.__doc__ = (func as { __doc__?: unknown }).__doc__ ?? null;
  }

  __set_name__(_owner: unknown, name: string): null {
    this.attrname = name;
    return null;
  }

  __get__(instance: unknown, _owner: unknown = null): unknown {
    if (instance === null || instance === undefined) return this;
    const name = this.attrname ?? (this.func as { __name__?: string }).__name__ ?? this.func.name;
    // An instance without `__dict__` (`__slots__` all along its classes) cannot cache.
    const { slotNames } = require("../lang") as typeof import("../lang");
    const ctor = (instance as { constructor?: unknown }).constructor;
    const slots =
      typeof ctor === "function" && Object.hasOwn(ctor, "__slots__") ? slotNames(ctor) : null;
    if (slots !== null && !slots.has("__dict__"))
      throw new PyTypeError(
        `No '__dict__' attribute on ${repr(typeName(instance))} instance to cache ${repr(name)} property.`,
      );
    const v = this.func.call(instance, instance);
    defineOwnAttr(instance, name, v);
    return v;
  }

  /** Install on `cls` as attribute `name` (a JS getter that caches on the instance). */
  install(cls: Function, name: string): void {
    this.attrname = name;
    const self = this;
    // `C.name` is the cached_property itself, as CPython's `__get__(None, C)` gives.
    Object.defineProperty(cls, name, { value: this, writable: true, configurable: true });
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: unknown) {
        return self.__get__(this);
      },
      set(this: object, v: unknown) {
        defineOwnAttr(this, name, v);
      },
    });
  }
}

// ---------------------------------------------------------------- singledispatch

/** The members of a union (`int | str`, `typing.Union[int, str]`, `Optional[int]`), or null. */
function unionMembers(x: unknown): unknown[] | null {
  if (typeof x !== "object" || x === null) return null;
  const u = x as { _name?: unknown; __args__?: unknown; [k: symbol]: unknown };
  if (u[Symbol.for("asyncio-ts.union")] === true && u.__args__ instanceof Tuple)
    return [...u.__args__.items];
  const { SpecialForm } = require("./typing") as typeof import("./typing");
  if (x instanceof SpecialForm && x._name === "Union" && x._args !== null) return x._args;
  return null;
}

/** `functools.singledispatch(func)`: dispatch on the type of the first argument. */
export function singledispatch(func: unknown): Fn {
  const registry = new Map<unknown, unknown>();
  const { object } = require("../builtins") as { object: unknown };
  registry.set(object, func);
  const dispatch = (cls: Function): unknown => {
    for (const c of mro(cls)) if (registry.has(c)) return registry.get(c);
    return func;
  };
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const [pos] = takeKw(args);
    const name = (func as { __name__?: string }).__name__ ?? (func as Fn).name;
    if (pos.length === 0) throw new PyTypeError(`${name} requires at least 1 positional argument`);
    return call(dispatch(typeOf(pos[0])), ...args);
  } as Fn & Record<string, unknown>;
  update_wrapper(wrapper, func);
  // `register(cls, func)`, `@register(cls)`, or plain `@register` on a function whose first
  // annotation names the class (the transpiler keeps it: codegen/lower/annotations.ts).
  const register = (cls: unknown, impl: unknown = undefined): unknown => {
    const members = unionMembers(cls);
    if (isClass(cls) || members?.every(isClass)) {
      if (impl === undefined) return (f: unknown) => register(cls, f);
      for (const c of members ?? [cls]) registry.set(c, impl);
      return impl;
    }
    if (impl !== undefined)
      throw new PyTypeError(
        `Invalid first argument to \`register()\`. ${repr(cls)} is not a class or union type.`,
      );
    const ann = (cls as { __annotations__?: unknown } | null)?.__annotations__;
    if (!(ann instanceof Dict) || ann.size === 0)
      throw new PyTypeError(
        `Invalid first argument to \`register()\`: ${repr(cls)}. Use either \`@register(some_class)\` or plain \`@register\` on an annotated function.`,
      );
    const [argname, hint] = ann.entries().next().value as [unknown, unknown];
    const union = unionMembers(hint);
    if (union !== null && !union.every(isClass))
      throw new PyTypeError(
        `Invalid annotation for ${repr(argname)}. ${repr(hint)} not all arguments are classes.`,
      );
    if (!isClass(hint) && union === null)
      throw new PyTypeError(
        `Invalid annotation for ${repr(argname)}. ${repr(hint)} is not a class.`,
      );
    for (const c of union ?? [hint]) registry.set(c, cls);
    return cls;
  };
  wrapper.register = register;
  wrapper.dispatch = dispatch;
  Object.defineProperty(wrapper, "registry", {
    get: () => new Dict([...registry.entries()]),
  });
  return wrapper;
}

// ---------------------------------------------------------------- method descriptors

/** `f.__get__(obj, cls)` of a method's function (a classmethod/staticmethod's own binding). */
function bindMethod(f: unknown, obj: unknown, cls: unknown): unknown {
  const get = (f as { __get__?: unknown } | null)?.__get__;
  if (typeof f !== "function" && typeof get === "function") return get.call(f, obj, cls);
  if (obj === null || obj === undefined) return f;
  return (...args: unknown[]) => call(f, obj, ...args);
}

/**
 * `functools.singledispatchmethod(func)`: a method dispatching on the type of its first argument
 * after `self` (or `cls`, over a `@classmethod`). A descriptor: generated code installs its
 * `__get__` as the method's getter (descriptors.ts `decorateMethod`).
 */
export class singledispatchmethod {
  static readonly __module__ = "functools";
  readonly dispatcher: Fn & Record<string, unknown>;
  readonly func: unknown;

  constructor(func: unknown) {
    const get = (func as { __get__?: unknown } | null)?.__get__;
    if (!callable(func) && typeof get !== "function")
      throw new PyTypeError(`${repr(func)} is not callable or a descriptor`);
    this.func = func;
    this.dispatcher = singledispatch(func) as Fn & Record<string, unknown>;
  }

  /** `@m.register`, `@m.register(cls)`, `m.register(cls, method)`. */
  register(cls: unknown, method: unknown = undefined): unknown {
    return (this.dispatcher.register as Fn)(cls, method);
  }

  __get__(obj: unknown, cls: unknown = null): unknown {
    const dispatch = this.dispatcher.dispatch as (c: unknown) => unknown;
    const func = this.func as { __name__?: string };
    const name = func.__name__ ?? "singledispatchmethod method";
    const method = (...args: unknown[]) => {
      const [pos] = takeKw(args);
      if (pos.length === 0)
        throw new PyTypeError(`${name} requires at least 1 positional argument`);
      return call(bindMethod(dispatch(typeOf(pos[0])), obj, cls), ...args);
    };
    update_wrapper(method, this.func);
    const m = method as unknown as Record<string, unknown>;
    m.register = (c: unknown, f: unknown = undefined) => this.register(c, f);
    m.__isabstractmethod__ = this.__isabstractmethod__;
    return method;
  }

  get __isabstractmethod__(): boolean {
    return (this.func as { __isabstractmethod__?: unknown } | null)?.__isabstractmethod__ === true;
  }
}

/**
 * `functools.partialmethod(func, /, *args, **keywords)`: a method calling `func` with `self`
 * and the given arguments first; read through an instance, a `functools.partial` of the bound
 * method (through the class, of `func` itself).
 */
export class partialmethod {
  static readonly __module__ = "functools";
  readonly func: unknown;
  readonly args: Tuple;
  readonly keywords: Dict;

  constructor(...allArgs: unknown[]) {
    const [pos, kws] = takeKw(allArgs);
    if (pos.length === 0)
      throw new PyTypeError(
        "partialmethod.__init__() missing 1 required positional argument: 'func'",
      );
    const func = pos[0];
    const get = (func as { __get__?: unknown } | null)?.__get__;
    if (!callable(func) && typeof get !== "function")
      throw new PyTypeError(`${repr(func)} is not callable or a descriptor`);
    if (func instanceof partialmethod) {
      this.func = func.func;
      this.args = new Tuple([...func.args.items, ...pos.slice(1)]);
      this.keywords = new Dict([...func.keywords.entries(), ...Object.entries(kws)]);
    } else {
      this.func = func;
      this.args = new Tuple(pos.slice(1));
      this.keywords = new Dict(Object.entries(kws));
    }
  }

  __get__(obj: unknown, cls: unknown = null): unknown {
    const kws: Record<string, unknown> = {};
    for (const [k, v] of this.keywords.entries()) kws[k as string] = v;
    const bound = bindMethod(this.func, obj, cls);
    // Through the class: a function taking `self` first, then the fixed arguments.
    if ((obj === null || obj === undefined) && bound === this.func) {
      const f = this.func;
      const fixed = [...this.args.items];
      return (self: unknown, ...rest: unknown[]) => {
        const [pos, more] = takeKw(rest);
        return call(f, self, ...fixed, ...pos, kw({ ...kws, ...more }));
      };
    }
    return partial(bound, ...this.args.items, kw(kws));
  }

  __repr__(): string {
    const parts = [repr(this.func), ...this.args.items.map((a) => repr(a))];
    for (const [k, v] of this.keywords.entries()) parts.push(`${k as string}=${repr(v)}`);
    return `functools.partialmethod(${parts.join(", ")})`;
  }

  get __isabstractmethod__(): boolean {
    return (this.func as { __isabstractmethod__?: unknown } | null)?.__isabstractmethod__ === true;
  }
}
for (const c of [singledispatchmethod, partialmethod])
  Object.defineProperty(c, "__qualname__", { value: c.name, writable: true, configurable: true });

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("_functools", [reduce, cmp_to_key]);
