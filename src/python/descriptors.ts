/**
 * `property`, `staticmethod` and `classmethod` as values (`x = property(getx, setx)` in a class
 * body, `s = staticmethod(f)`), and what makes them work on transpiled classes.
 *
 * A transpiled class keeps its attributes where JS puts them: methods on the prototype, class
 * attributes as static fields. A class body's `x = property(...)` is a static field holding a
 * `property`; `$py.pyclass` (lang.ts) calls `installDescriptors`, which gives the prototype an
 * accessor `x` calling the property's `fget`/`fset` (so `obj.x` and `obj.x = v` stay plain JS
 * property accesses), turns a `staticmethod`/`classmethod` into the function the class exposes
 * (`C.s` is the wrapped function, `C.c(...)` passes the class), and makes `C.x` of a decorated
 * property (`@property def x`, a JS `get x()`) a `property` object too, whose missing setter
 * raises CPython's AttributeError. `delattr`/`del obj.x` reaches `__delete__` through
 * `deleteDescriptor`; a decorated deleter (`@x.deleter`) is given to the property by
 * `propertyDeleter`.
 *
 * Functions stored by a property are called Python's way (`fget(obj)`); a class body's method
 * read as a value (`property(getx)`, where `getx` is a prototype method using `this`) is
 * `methodFunction(C.prototype.getx)`, which takes `self` as its first argument.
 */

import { AttributeError, TypeError as PyTypeError } from "./exceptions";
import { Kw } from "./kw";
import { className, classQualname, defineOwnAttr, markBuiltinClass } from "./objects";
import { call, getattr, truthy } from "./protocol";
import { repr } from "./repr";
import { isClass, typeName, typeOf } from "./types";

const PROPERTY_PARAMS = ["fget", "fset", "fdel", "doc"] as const;

/** What a property's accessor on a prototype belongs to (for `del obj.x`). */
const accessorOwners = new WeakMap<Function, () => { __delete__(obj: unknown): unknown }>();

/** `property(fget=None, fset=None, fdel=None, doc=None)`. */
export class property {
  private fns: [unknown, unknown, unknown] = [null, null, null];
  declare readonly fget: unknown;
  declare readonly fset: unknown;
  declare readonly fdel: unknown;
  /** The `doc` argument; when None, `__doc__` is the getter's. */
  private doc: unknown = null;
  /** Set by `__set_name__` (the class attribute's name). */
  private setName: string | null = null;

  constructor(...args: unknown[]) {
    const values: unknown[] = [null, null, null, null];
    let pos = args;
    if (args.length > 0 && args[args.length - 1] instanceof Kw) {
      pos = args.slice(0, -1);
      const k = (args[args.length - 1] as Kw).kwargs as Record<string, unknown>;
      for (const key of Object.keys(k)) {
        const i = (PROPERTY_PARAMS as readonly string[]).indexOf(key);
        if (i < 0) throw new PyTypeError(`property() got an unexpected keyword argument '${key}'`);
        if (i < pos.length)
          throw new PyTypeError(
            `argument for property() given by name ('${key}') and position (${i + 1})`,
          );
        values[i] = k[key];
      }
    }
    if (pos.length > 4)
      throw new PyTypeError(`property() takes at most 4 arguments (${pos.length} given)`);
    pos.forEach((v, i) => {
      values[i] = v;
    });
    const [fget, fset, fdel, doc] = values.map((v) => v ?? null);
    this.fns = [fget, fset, fdel];
    this.doc = doc;
    // Own accessors: a function read from the prototype would be bound as a method.
    ["fget", "fset", "fdel"].forEach((key, i) => {
      Object.defineProperty(this, key, {
        configurable: true,
        get: () => this.fns[i],
        set: () => {
          throw new AttributeError("readonly attribute");
        },
      });
    });
  }

  get __doc__(): unknown {
    if (this.doc !== null) return this.doc;
    const f = this.fget;
    return (typeof f === "function" ? (f as { __doc__?: unknown }).__doc__ : null) ?? null;
  }

  set __doc__(v: unknown) {
    this.doc = v;
  }

  /** True when one of its functions is abstract (CPython's `property_get___isabstractmethod__`). */
  get __isabstractmethod__(): boolean {
    return this.fns.some((f) => f !== null && truthy(getattr(f, "__isabstractmethod__", false)));
  }

  get __name__(): unknown {
    const n = this.nameOrNull();
    if (n === null) {
      const e = new AttributeError("'property' object has no attribute '__name__'");
      throw e;
    }
    return n;
  }

  set __name__(v: unknown) {
    this.setName = v as string;
  }

  /** CPython's `property_name`: the name given by `__set_name__`, else the getter's `__name__`. */
  private nameOrNull(): string | null {
    if (this.setName !== null) return this.setName;
    const f = this.fget;
    if (typeof f !== "function") return null;
    const n = (f as { __name__?: unknown }).__name__ ?? f.name;
    return typeof n === "string" && n !== "" ? n : null;
  }

  private missing(obj: unknown, what: string): AttributeError {
    const n = this.nameOrNull();
    const subject = n === null ? "property" : `property '${n}'`;
    return new AttributeError(
      `${subject} of '${classQualname(typeOf(obj))}' object has no ${what}`,
    );
  }

  __set_name__(_owner: unknown, name: string): null {
    this.setName = name;
    return null;
  }

  __get__(obj: unknown, _type: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    if (this.fget === null) throw this.missing(obj, "getter");
    return call(this.fget, obj);
  }

  __set__(obj: unknown, value: unknown): null {
    if (this.fset === null) throw this.missing(obj, "setter");
    call(this.fset, obj, value);
    return null;
  }

  __delete__(obj: unknown): null {
    if (this.fdel === null) throw this.missing(obj, "deleter");
    call(this.fdel, obj);
    return null;
  }

  /** A copy with one accessor replaced (None keeps the old one), as CPython's `property_copy`. */
  private copy(which: 0 | 1 | 2, f: unknown): property {
    const fns = [...this.fns];
    if (f !== null && f !== undefined) fns[which] = f;
    const p = new property(fns[0], fns[1], fns[2], this.doc);
    p.setName = this.setName;
    return p;
  }

  getter(f: unknown): property {
    return this.copy(0, f);
  }

  setter(f: unknown): property {
    return this.copy(1, f);
  }

  deleter(f: unknown): property {
    return this.copy(2, f);
  }
}
markBuiltinClass(property, "property");

/**
 * The wrapped function's attributes on a staticmethod or classmethod object (3.10+):
 * `__wrapped__`, `__name__`, `__qualname__`, `__doc__`, `__module__`, `__annotations__`.
 */
function wrapsItsFunction(cls: { prototype: object }): void {
  const attr = (name: string, dflt: () => unknown) => ({
    get(this: { __func__: unknown }): unknown {
      const v = getattr(this.__func__, name, null);
      return v === null ? dflt() : v;
    },
    configurable: true,
  });
  const none = () => null;
  Object.defineProperties(cls.prototype, {
    __wrapped__: {
      get(this: { __func__: unknown }): unknown {
        return this.__func__;
      },
      configurable: true,
    },
    __name__: {
      get(this: { __func__: unknown }): unknown {
        return getattr(this.__func__, "__name__");
      },
      configurable: true,
    },
    __qualname__: {
      get(this: { __func__: unknown }): unknown {
        return getattr(this.__func__, "__qualname__");
      },
      configurable: true,
    },
    __doc__: attr("__doc__", none),
    __module__: attr("__module__", none),
    __annotations__: attr("__annotations__", () => {
      const { Dict } = require("./dict") as typeof import("./dict");
      return new Dict();
    }),
  });
}

/** `staticmethod(f)`: in a class body, the class exposes `f` itself. */
export class staticmethod {
  readonly __func__: unknown;

  constructor(...args: unknown[]) {
    if (args.length !== 1 || args[0] instanceof Kw) {
      if (args[0] instanceof Kw) throw new PyTypeError("staticmethod() takes no keyword arguments");
      throw new PyTypeError(`staticmethod expected 1 argument, got ${args.length}`);
    }
    this.__func__ = args[0];
  }

  __call__(...args: unknown[]): unknown {
    return call(this.__func__, ...args);
  }

  __get__(_obj: unknown, _type: unknown = null): unknown {
    return this.__func__;
  }

  __repr__(): string {
    return `<staticmethod(${repr(this.__func__)})>`;
  }
}
wrapsItsFunction(staticmethod);
markBuiltinClass(staticmethod, "staticmethod");

/** `classmethod(f)`: in a class body, `C.c(...)` calls `f(C, ...)`. */
export class classmethod {
  readonly __func__: unknown;

  constructor(...args: unknown[]) {
    if (args.length !== 1 || args[0] instanceof Kw) {
      if (args[0] instanceof Kw) throw new PyTypeError("classmethod() takes no keyword arguments");
      throw new PyTypeError(`classmethod expected 1 argument, got ${args.length}`);
    }
    this.__func__ = args[0];
  }

  __get__(obj: unknown, type: unknown = null): unknown {
    const cls = type ?? typeOf(obj);
    const f = this.__func__;
    return (...args: unknown[]) => call(f, cls, ...args);
  }

  __repr__(): string {
    return `<classmethod(${repr(this.__func__)})>`;
  }
}
wrapsItsFunction(classmethod);
markBuiltinClass(classmethod, "classmethod");

/**
 * A slot of a class with `__slots__` as its class attribute (`Point.x`): CPython's
 * `member_descriptor`, reading and writing the attribute of the instances.
 */
export class MemberDescriptor {
  constructor(
    readonly __name__: string,
    readonly __objclass__: Function,
  ) {}

  get __qualname__(): string {
    return `${classQualname(this.__objclass__)}.${this.__name__}`;
  }

  __get__(obj: unknown, _type: unknown = null): unknown {
    if (obj === null || obj === undefined) return this;
    const o = obj as Record<string, unknown>;
    if (!Object.hasOwn(o, this.__name__))
      throw new AttributeError(`'${typeName(obj)}' object has no attribute '${this.__name__}'`);
    return o[this.__name__];
  }

  __set__(obj: unknown, value: unknown): null {
    defineOwnAttr(obj as object, this.__name__, value);
    return null;
  }

  __delete__(obj: unknown): null {
    const o = obj as Record<string, unknown>;
    if (!Object.hasOwn(o, this.__name__)) throw new AttributeError(this.__name__);
    delete o[this.__name__];
    return null;
  }

  __repr__(): string {
    return `<member '${this.__name__}' of '${className(this.__objclass__)}' objects>`;
  }
}
markBuiltinClass(MemberDescriptor, "member_descriptor");

const methodFunctions = new WeakMap<Function, Function>();

/**
 * A method read through its class (`C.getx`, or `getx` in the class body): the prototype method
 * `fn` (which takes `self` as `this`) as a function taking `self` first. A proxy of `fn`, so its
 * attributes (`__defaults__`, `__doc__`, `cache_info` of an `lru_cache` method, ...) are the
 * method's; an accessor's (`get x`) `__name__` is `x` and its `__qualname__` `C.x`.
 */
export function methodFunction(fn: Function, cls?: Function): Function {
  let f = methodFunctions.get(fn);
  if (f !== undefined) return f;
  const own = fn as unknown as Record<string, unknown>;
  const name = () => (own.__name__ as string | undefined) ?? fn.name.replace(/^[gs]et /, "");
  f = new Proxy(fn, {
    apply: (target, _this, args: unknown[]) => Reflect.apply(target, args[0], args.slice(1)),
    has: (target, key) => key === "__name__" || key === "__qualname__" || Reflect.has(target, key),
    get: (target, key) => {
      if (key === "name" || key === "__name__") return name();
      if (key === "__qualname__")
        return own.__qualname__ ?? (cls === undefined ? name() : `${classQualname(cls)}.${name()}`);
      return Reflect.get(target, key);
    },
  });
  methodFunctions.set(fn, f);
  return f;
}

/**
 * `@deco def m(self, ...)` in a class body, applied after the class is made: the decorators get
 * the method as Python has it (a function taking `self`, or a class method's `cls`, first:
 * `methodFunction`), innermost
 * first (each called as Python calls it: a class is constructed), and what they return becomes
 * the method again. The method itself when a decorator returned it (`abstractmethod`,
 * `typing.override`); a descriptor's `__get__` (`functools.cached_property`) as a getter;
 * another callable as a method that passes `this` as its first argument.
 *
 * A class or static method (`kind`): the first `above` decorators are written above its
 * `@classmethod`/`@staticmethod` and get the classmethod/staticmethod object
 * (`@singledispatchmethod @classmethod def m(cls, arg)`); the others get the function.
 */
export function decorateMethod(
  cls: Function,
  name: string,
  decorators: unknown[],
  kind: "instance" | "class" | "static" = "instance",
  above = 0,
): void {
  // A class method is a static of the class taking `cls` as `this`: the same, one level up.
  const proto = (kind === "instance" ? cls.prototype : cls) as Record<string, unknown>;
  const original = proto[name] as Function;
  const asPython = kind === "static" ? original : methodFunction(original, cls);
  let f: unknown = asPython;
  for (let i = decorators.length - 1; i >= above; i--) f = call(decorators[i], f);
  if (kind !== "instance" && above > 0) {
    const wrapper = kind === "class" ? new classmethod(f) : new staticmethod(f);
    let g: unknown = wrapper;
    for (let i = above - 1; i >= 0; i--) g = call(decorators[i], g);
    if (g !== wrapper) {
      const getter = (g as { __get__?: unknown } | null)?.__get__;
      if (typeof g !== "function" && typeof getter === "function") {
        // `C.m` (and `obj.m`, through the prototype's forwarder) is `__get__(None, C)`.
        Object.defineProperty(cls, name, {
          configurable: true,
          get(this: Function) {
            return (getter as Function).call(g, null, this);
          },
          set(this: Function, v: unknown) {
            Object.defineProperty(this, name, { value: v, writable: true, configurable: true });
          },
        });
      } else proto[name] = g;
      return;
    }
    // `@abstractmethod` over `@classmethod` marks the classmethod object.
    if ((wrapper as { __isabstractmethod__?: unknown }).__isabstractmethod__ === true)
      abstractMark(f);
  }
  if (f === asPython) {
    proto[name] = original;
    return;
  }
  // A static method's decorators made a new callable: the class attribute, called as it is.
  if (kind === "static") {
    proto[name] = f;
    return;
  }
  const getter = (f as { __get__?: unknown } | null)?.__get__;
  if (typeof f !== "function" && typeof getter === "function" && kind === "instance") {
    const install = (f as { install?: unknown }).install;
    if (typeof install === "function") {
      install.call(f, cls, name);
      return;
    }
    const setName = (f as { __set_name__?: unknown }).__set_name__;
    if (typeof setName === "function") setName.call(f, cls, name);
    // A property made from another class's (`@Base.x.setter`): its setter and deleter too.
    if (f instanceof property) defineAccessor(proto, name, () => f as property);
    else {
      const setter = (f as { __set__?: unknown }).__set__;
      Object.defineProperty(proto, name, {
        configurable: true,
        get(this: unknown) {
          return (getter as Function).call(f, this, cls);
        },
        // A data descriptor's `__set__`; assigning past any other makes an instance attribute.
        set(this: object, v: unknown) {
          if (typeof setter === "function") setter.call(f, this, v);
          else defineOwnAttr(this, name, v);
        },
      });
    }
    // `C.m` is `__get__(None, C)`, as for a descriptor assigned in the class body.
    Object.defineProperty(cls, name, {
      configurable: true,
      get(this: Function) {
        return (getter as Function).call(f, null, this);
      },
      set(this: Function, v: unknown) {
        Object.defineProperty(this, name, { value: v, writable: true, configurable: true });
      },
    });
    return;
  }
  if (typeof f !== "function") {
    proto[name] = f;
    return;
  }
  // A proxy of what the decorators made, so its attributes (`__name__` from functools.wraps,
  // `__wrapped__`, `cache_info`) are read through the method; called with `self` first.
  proto[name] = new Proxy(f as Function, {
    apply: (target, thisArg, args: unknown[]) => call(target, thisArg, ...args),
  });
}

/** Mark `f` as `@abstractmethod` does. */
function abstractMark(f: unknown): void {
  if ((typeof f === "function" || (typeof f === "object" && f !== null)) && Object.isExtensible(f))
    Object.defineProperty(f, "__isabstractmethod__", {
      value: true,
      writable: true,
      configurable: true,
    });
}

const decorated = new WeakMap<Function, Map<string, property>>();

/**
 * The `property` of a decorated accessor (`@property def x` / `@x.setter`, a JS `get x()`/
 * `set x()` on `cls.prototype`), made once per class and name. Used as `C.x`, and in the class
 * body itself (`x = x.setter(f)` after `@property def x`).
 */
export function propertyOf(cls: Function, name: string): property {
  let byName = decorated.get(cls);
  if (byName === undefined) decorated.set(cls, (byName = new Map()));
  let p = byName.get(name);
  if (p !== undefined) return p;
  const d = Object.getOwnPropertyDescriptor(cls.prototype, name);
  const get = d?.get;
  const set = d?.set;
  p = new property(
    get === undefined ? null : methodFunction(get, cls),
    set === undefined ? null : methodFunction(set, cls),
  );
  p.__set_name__(cls, name);
  byName.set(name, p);
  return p;
}

/**
 * `@x.deleter def x(self)` of a decorated property (`@property def x`, a JS accessor on
 * `cls.prototype`): the deleter `fn` takes `self` as `this`. The class's property (`C.x`) gets it
 * as `fdel`, so `del obj.x` runs it; a class made by `$py.bases` copies the accessors, which keep
 * pointing at this property.
 */
export function propertyDeleter(cls: Function, name: string, fn: Function): void {
  Object.defineProperty(fn, "__name__", { value: name, configurable: true, writable: true });
  const p = propertyOf(cls, name) as unknown as { fns: unknown[] };
  p.fns[2] = methodFunction(fn, cls);
}

function defineAccessor(proto: object, name: string, prop: () => property): void {
  const get = function (this: unknown) {
    return prop().__get__(this);
  };
  const set = function (this: unknown, v: unknown) {
    prop().__set__(this, v);
  };
  accessorOwners.set(get, prop);
  accessorOwners.set(set, prop);
  // `x = property(abstractmethod(f))`: abc (stdlib/abc.ts) reads the mark on the accessor.
  Object.defineProperty(get, "__isabstractmethod__", {
    configurable: true,
    get: () => prop().__isabstractmethod__,
  });
  Object.defineProperty(proto, name, { configurable: true, enumerable: false, get, set });
}

/** Define a static method of `cls`, reachable through instances too. */
function defineStatic(cls: Function, name: string, fn: Function): void {
  Object.defineProperty(cls, name, { configurable: true, writable: true, value: fn });
  const forward = function (this: object, ...args: unknown[]) {
    const c = this.constructor as unknown as Record<string, Function>;
    return c[name]!.apply(c, args);
  };
  Object.defineProperty(cls.prototype, name, {
    configurable: true,
    writable: true,
    value: forward,
  });
}

/**
 * `c = classmethod(f)` in a class body: `C.c` (and `Sub.c`, read through the subclass) is `f`
 * bound to the class it is read through, as `classmethod.__get__` makes it, so `C.c()`,
 * `g = C.c; g()` and `$py.call(C.c)` all pass the class. One bound function per class.
 */
function defineClassMethod(cls: Function, name: string, f: unknown): void {
  const bound = new WeakMap<object, Function>();
  const get = function (this: object): Function {
    let b = bound.get(this);
    if (b === undefined) {
      const owner = this;
      b = function (this: unknown, ...args: unknown[]) {
        return call(f, owner, ...args);
      };
      copyNames(b, f);
      bound.set(this, b);
    }
    return b;
  };
  Object.defineProperty(cls, name, {
    configurable: true,
    get,
    set(this: object, value: unknown) {
      Object.defineProperty(this, name, { configurable: true, writable: true, value });
    },
  });
  Object.defineProperty(cls.prototype, name, {
    configurable: true,
    writable: true,
    value: function (this: object, ...args: unknown[]) {
      const c = this.constructor as unknown as Record<string, Function>;
      return c[name]!.apply(c, args);
    },
  });
}

const transpiled = new WeakSet<Function>();

/** Is `cls` a transpiled class (finished by `pyclass`)? */
export function isTranspiledClass(cls: unknown): boolean {
  return typeof cls === "function" && transpiled.has(cls);
}

/**
 * Install the descriptors a class body created (see the header): called by `pyclass` before it
 * looks at the class attributes. Decorated accessors without a setter get one raising CPython's
 * AttributeError; `C.x` of a decorated property is its `property`.
 */
export function installDescriptors(cls: Function): void {
  transpiled.add(cls);
  const proto = cls.prototype as object;
  for (const key of Object.getOwnPropertyNames(cls)) {
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    if (!("value" in desc)) continue;
    const v = desc.value as unknown;
    if (v instanceof property) {
      if ((v as unknown as { setName: string | null }).setName === null) v.__set_name__(cls, key);
      defineAccessor(proto, key, () => v);
    } else if (v instanceof staticmethod) {
      // `C.s` is the function itself (called with the class as `this`, which it ignores).
      const f = v.__func__;
      defineStatic(
        cls,
        key,
        typeof f === "function" && !isClass(f)
          ? f
          : function (this: unknown, ...args: unknown[]) {
              return call(f, ...args);
            },
      );
    } else if (v instanceof classmethod) {
      defineClassMethod(cls, key, v.__func__);
    }
  }
  for (const key of Object.getOwnPropertyNames(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, key)!;
    if (desc.get === undefined && desc.set === undefined) continue;
    // A JS function's own `name`/`length` stay (the runtime names classes by them); a property
    // of that name still gets its setter below.
    const jsOwn = key === "name" || key === "length";
    if (accessorOwners.has((desc.get ?? desc.set)!) || (Object.hasOwn(cls, key) && !jsOwn))
      continue;
    // A decorated property: `C.x` is its property object; a missing setter raises.
    const p = propertyOf(cls, key); // made from the accessors, before they are replaced
    const prop = () => p;
    if (!jsOwn)
      Object.defineProperty(cls, key, {
        configurable: true,
        enumerable: false,
        get: prop,
        set(this: Function, v: unknown) {
          Object.defineProperty(this, key, { value: v, writable: true, configurable: true });
        },
      });
    const set =
      desc.set ??
      function (this: unknown, v: unknown) {
        prop().__set__(this, v);
      };
    if (desc.get) accessorOwners.set(desc.get, prop);
    accessorOwners.set(set, prop);
    Object.defineProperty(proto, key, {
      configurable: true,
      enumerable: false,
      get: desc.get,
      set,
    });
  }
}

/** `__name__`/`__qualname__`/`__doc__` of a static or class method read through the wrapper. */
function copyNames(target: Function, f: unknown): void {
  for (const key of ["__name__", "__qualname__", "__doc__", "__wrapped__"]) {
    Object.defineProperty(target, key, {
      configurable: true,
      get: () =>
        key === "__wrapped__" ? f : ((f as Record<string, unknown> | null)?.[key] ?? null),
    });
  }
}

/**
 * `del obj.name` / `delattr(obj, name)` where `name` is a property's accessor on `obj`'s
 * prototype chain: runs its deleter (AttributeError without one). False when it is not one.
 */
export function deleteDescriptor(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d === undefined) continue;
    const owner = accessorOwners.get((d.get ?? d.set) as Function);
    if (owner === undefined) return false;
    owner().__delete__(obj);
    return true;
  }
  return false;
}

// ---- descriptors of the program (`qty = Validated()` in a class body)

/**
 * The accessors made for data descriptors (a `__set__` or `__delete__`): an instance attribute
 * of that name stored through `obj.__dict__[name] = v` goes to `storedValues` instead of an own
 * property, which would hide the accessor (CPython's data descriptors win over the instance
 * dict).
 */
const dataAccessors = new WeakSet<Function>();
const storedValues = new WeakMap<object, Map<string, unknown>>();

/** Is `name` of `obj` a data descriptor of its class (see `dataAccessors`)? */
export function dataDescriptorCovers(obj: object, name: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d !== undefined) return d.set !== undefined && dataAccessors.has(d.set);
  }
  return false;
}

/** `obj.__dict__[name]`'s value under a data descriptor (`storedValues`), or `undefined`. */
export function storedValue(obj: object, name: string): unknown {
  return storedValues.get(obj)?.get(name);
}

/** `obj.__dict__[name] = value` under a data descriptor of `name` (`dataDescriptorCovers`). */
export function storeValue(obj: object, name: string, value: unknown): void {
  let m = storedValues.get(obj);
  if (m === undefined) storedValues.set(obj, (m = new Map()));
  m.set(name, value);
}

/** `del obj.__dict__[name]` of such a value; whether there was one. */
export function dropValue(obj: object, name: string): boolean {
  return storedValues.get(obj)?.delete(name) ?? false;
}

/** The values kept in `storedValues` for `obj` (its `__dict__` lists them too). */
export function storedValuesOf(obj: object): [string, unknown][] {
  return [...(storedValues.get(obj) ?? [])];
}

/**
 * A class attribute holding an object whose class defines `__get__`, `__set__` or `__delete__`
 * (a descriptor the program wrote): instances reach it through an accessor on the prototype, as
 * CPython's attribute lookup does. `obj.x` is `__get__(obj, type(obj))`; `obj.x = v` is
 * `__set__(obj, v)` for a data descriptor, else an instance attribute (which then hides it);
 * `del obj.x` is `__delete__(obj)`; `C.x` is `__get__(None, C)`. Returns false for other values.
 */
export function installUserDescriptor(cls: Function, key: string, value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (value instanceof property || value instanceof staticmethod || value instanceof classmethod)
    return false;
  const d = value as Record<string, unknown>;
  const fn = (name: string) => (typeof d[name] === "function" ? (d[name] as Function) : null);
  const get = fn("__get__");
  const set = fn("__set__");
  const del = fn("__delete__");
  if (get === null && set === null && del === null) return false;
  const install = fn("install");
  if (install !== null) {
    // functools.cached_property (stdlib/functools.ts) installs itself.
    install.call(value, cls, key);
    return true;
  }
  const isData = set !== null || del !== null;
  const getter = function (this: object) {
    if (get !== null) return get.call(value, this, this.constructor);
    const stored = storedValues.get(this);
    return stored?.has(key) ? stored.get(key) : value;
  };
  const setter = function (this: object, v: unknown) {
    if (set !== null) set.call(value, this, v);
    else if (isData) throw new AttributeError("__set__");
    else defineOwnAttr(this, key, v);
  };
  if (isData) dataAccessors.add(setter);
  accessorOwners.set(getter, () => ({
    __delete__(obj: unknown) {
      if (del !== null) return del.call(value, obj);
      if (isData) throw new AttributeError("__delete__");
      throw new AttributeError(`'${typeName(obj)}' object has no attribute '${key}'`);
    },
  }));
  accessorOwners.set(setter, accessorOwners.get(getter)!);
  Object.defineProperty(cls.prototype, key, {
    configurable: true,
    enumerable: false,
    get: getter,
    set: setter,
  });
  if (get !== null) {
    Object.defineProperty(cls, key, {
      configurable: true,
      enumerable: false,
      get(this: Function) {
        return get.call(value, null, this);
      },
      set(this: Function, v: unknown) {
        Object.defineProperty(this, key, { value: v, writable: true, configurable: true });
      },
    });
  }
  return true;
}

/**
 * What `type.__new__` does before `__init_subclass__`: `__set_name__(cls, name)` of each class
 * attribute that has one (properties name themselves in `installDescriptors`).
 */
export function setNames(cls: Function): void {
  for (const key of Object.getOwnPropertyNames(cls)) {
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    const v = desc.value as unknown;
    // Class attributes are the class's enumerable own values (JS static fields).
    if (!desc.enumerable || v === null || typeof v !== "object" || v instanceof property) continue;
    const f = (v as { __set_name__?: unknown }).__set_name__;
    if (typeof f === "function" && typeof (v as { install?: unknown }).install !== "function")
      f.call(v, cls, key);
  }
}
