/**
 * The smallest shared pieces of the Python object model: `NotImplemented`, `Ellipsis`, `id()`,
 * and how a builtin type object is represented.
 *
 * A *type object* is a JS function with a `__name__` (and optionally `__module__`/`__qualname__`):
 * builtin types are callables (`int("12")`, `tuple([1, 2])`) and user classes are JS classes.
 * `type(x)` (in types.ts) returns the builtin callable for builtin values and `x.constructor` for
 * user objects.
 */

/** Python's `NotImplemented` singleton: what a binary dunder returns to ask for the reflected one. */
export const NotImplemented: { readonly __repr__: () => string } = Object.freeze({
  __repr__: () => "NotImplemented",
});

/** Python's `Ellipsis` (`...`). */
export const Ellipsis: { readonly __repr__: () => string } = Object.freeze({
  __repr__: () => "Ellipsis",
});

const ids = new WeakMap<object, bigint>();
/** First value `id()` hands out; ids look like CPython addresses but are a deterministic counter. */
const ID_BASE = 0x7f0000001000n;
/** Step between two ids (CPython objects are at least 16 bytes apart). */
const ID_STEP = 0x10n;
let nextId = ID_BASE;

/**
 * `id(x)`: a deterministic counter per object (the order of the first `id()`/default-`repr` call),
 * shaped like a CPython address. Primitives get an id derived from their value.
 */
export function id(value: unknown): bigint {
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    let v = ids.get(value);
    if (v === undefined) {
      v = nextId;
      nextId += ID_STEP;
      ids.set(value, v);
    }
    return v;
  }
  if (value === null || value === undefined) return 0x7e0000000000n;
  if (typeof value === "boolean") return value ? 0x7e0000000010n : 0x7e0000000020n;
  if (typeof value === "bigint") return 0x7d0000000000n + value * 32n;
  // Strings and floats: stable per value within the run.
  return idOfPrimitive(value);
}

const primitiveIds = new Map<unknown, bigint>();
function idOfPrimitive(value: unknown): bigint {
  let v = primitiveIds.get(value);
  if (v === undefined) {
    v = nextId;
    nextId += ID_STEP;
    primitiveIds.set(value, v);
  }
  return v;
}

/** A builtin type object: a callable with Python's name. */
export interface TypeObject {
  (...args: any[]): any;
  __name__: string;
  __qualname__?: string;
  __module__?: string;
}

/** Give a function the attributes of a builtin type object (`__name__`, `__module__`). */
export function defineType<F extends Function>(
  fn: F,
  name: string,
  instanceClass?: () => Function,
): F & TypeObject {
  const t = fn as unknown as F & TypeObject & { prototype: unknown };
  Object.defineProperty(t, "__name__", { value: name, writable: true, configurable: true });
  Object.defineProperty(t, "__qualname__", { value: name, writable: true, configurable: true });
  Object.defineProperty(t, "__module__", { value: "builtins", writable: true, configurable: true });
  if (instanceClass !== undefined) {
    // `x instanceof tuple` checks the implementing class (looked up lazily: no load-order issue)
    Object.defineProperty(t, Symbol.hasInstance, {
      value: (x: unknown) => x instanceof (instanceClass() as new () => unknown),
    });
  }
  return t;
}

/**
 * The method by which a runtime object names its Python type when its JS class is shared by
 * several (`BuiltinIterator` is `enumerate`, `zip`, `list_reverseiterator`, ...): `typeOf` calls
 * `x[PY_TYPE]()`.
 */
export const PY_TYPE = Symbol.for("asyncio-ts.pytype");

const nativeTypes = new Map<string, Function>();

/**
 * The type object of builtin values that have no class of their own in the runtime
 * (`list_iterator`, `ellipsis`, `itertools.count`): it prints as CPython's and cannot be called.
 */
export function nativeType(name: string, module = "builtins"): Function {
  const key = module === "builtins" ? name : `${module}.${name}`;
  let t = nativeTypes.get(key);
  if (t === undefined) {
    t = defineType(function native(): never {
      const { TypeError } = require("./exceptions") as typeof import("./exceptions");
      throw new TypeError(`cannot create '${key}' instances`);
    }, name);
    Object.defineProperty(t, "__module__", { value: module, writable: true, configurable: true });
    // No subclasses: an instance is a value whose type is this one.
    const self = t;
    Object.defineProperty(t, Symbol.hasInstance, {
      value: (x: unknown) => (require("./types") as typeof import("./types")).typeOf(x) === self,
    });
    nativeTypes.set(key, t);
  }
  return t;
}

/**
 * Marks a JS function as one of CPython's builtin callables, which print and have types unlike
 * Python functions' (repr.ts `functionRepr`, types.ts `typeOf`):
 * - `"function"`, a builtin function (`len`): `<built-in function len>`;
 * - `"method"`, a builtin type's method bound to its `__self__` (`"a".upper`, `{}.get`):
 *   `<built-in method upper of str object at 0x...>`;
 * - `"descriptor"`, a builtin type's method read on the type (`str.upper`, its `__qualname__`
 *   is `str.upper`): `<method 'upper' of 'str' objects>`, of type `method_descriptor`.
 * The first two are of type `builtin_function_or_method`.
 */
export const BUILTIN_KIND = Symbol.for("asyncio-ts.builtin-kind");

export type BuiltinKind = "function" | "method" | "descriptor";

/** Mark `fn` as a builtin callable of `kind` (see `BUILTIN_KIND`); returns it. */
export function markBuiltin<F extends Function>(fn: F, kind: BuiltinKind): F {
  (fn as unknown as { [BUILTIN_KIND]: BuiltinKind })[BUILTIN_KIND] = kind;
  return fn;
}

/** The builtin kind of a function (see `BUILTIN_KIND`), or undefined for a Python function. */
export function builtinKind(fn: Function): BuiltinKind | undefined {
  return (fn as { [BUILTIN_KIND]?: BuiltinKind })[BUILTIN_KIND];
}

/** Functions on prototypes that forward to the instance's class (skipped by `super()`, `dir()`). */
const forwarders = new WeakSet<Function>();

/** Record a function put on a prototype to forward to the instance's class. */
export function registerForwarder(fn: Function): void {
  forwarders.add(fn);
}

/** Is `fn` one of the functions `registerForwarder` recorded? */
export function isForwarder(fn: unknown): boolean {
  return forwarders.has(fn as Function);
}

/**
 * Make the static method `key` of `cls` (a Python class or static method) reachable through
 * instances, as Python's attribute lookup makes it (`d.fromkeys(...)`, `obj.create()`): JS does
 * not look statics up from instances, so the prototype gets a forwarder to the instance's own
 * class (a subclass's, as a class method's `cls` is).
 */
export function forwardToClass(cls: Function, key: string): void {
  const value = function (this: object, ...args: unknown[]) {
    const klass = this.constructor as unknown as Record<string, Function>;
    return klass[key]!.apply(klass, args);
  };
  registerForwarder(value);
  Object.defineProperty(cls.prototype, key, { configurable: true, writable: true, value });
}

/** Mark a class as builtin (repr `<class 'name'>`), with its Python name. */
export function markBuiltinClass(cls: Function, name: string = cls.name): void {
  Object.defineProperty(cls, "__name__", { value: name, writable: true, configurable: true });
  // JS classes inherit static properties: a subclass the runtime defines without its own
  // `__qualname__` (`binascii.Error(ValueError)`, `json.JSONDecodeError`) reads this accessor,
  // which answers the subclass's name, as CPython's type does.
  Object.defineProperty(cls, "__qualname__", {
    get(this: Function): string {
      return this === cls ? name : className(this);
    },
    set(this: Function, value: unknown) {
      Object.defineProperty(this, "__qualname__", { value, writable: true, configurable: true });
    },
    configurable: true,
  });
  Object.defineProperty(cls, "__module__", {
    value: "builtins",
    writable: true,
    configurable: true,
  });
}

/** The Python name of a class (own `__name__` or the JS name). */
export function className(cls: unknown): string {
  const c = cls as { __name__?: string; name?: string };
  if (c === null || c === undefined) return "object";
  if (Object.hasOwn(c, "__name__") && typeof c.__name__ === "string") return c.__name__;
  return c.name || "object";
}

/**
 * The name CPython's messages give a class (its `tp_name`): `_asyncio.Future` or
 * `collections.deque` for the classes CPython writes in C that declare `__tp_name__`, else its
 * `__name__`.
 */
export function classTpName(cls: unknown): string {
  const c = cls as { __tp_name__?: string } | null;
  if (c !== null && c !== undefined && Object.hasOwn(c, "__tp_name__")) return c.__tp_name__!;
  return className(cls);
}

/** The `__qualname__` of a class (own `__qualname__`, else its name). */
export function classQualname(cls: unknown): string {
  const c = cls as { __qualname__?: string };
  if (Object.hasOwn(c, "__qualname__") && typeof c.__qualname__ === "string") return c.__qualname__;
  return className(cls);
}

/** The `__module__` of a class: its own `__module__`, else `"__main__"` (user classes). */
export function classModule(cls: unknown): string {
  const c = cls as { __module__?: string };
  if (Object.hasOwn(c, "__module__") && typeof c.__module__ === "string") return c.__module__;
  return "__main__";
}

/**
 * The value a str/int/float subclass instance (or an IntEnum/StrEnum member) stands for
 * (subclass.ts keeps it under these names); undefined for anything else.
 */
export function builtinValue(x: unknown): unknown {
  if (typeof x !== "object" || x === null) return undefined;
  const o = x as { __int_value__?: unknown; __str_value__?: unknown; __float_value__?: unknown };
  return o.__str_value__ ?? o.__int_value__ ?? o.__float_value__;
}

/**
 * Store `value` as `obj`'s own attribute (what CPython keeps in the instance dict): a plain data
 * property, shadowing a class attribute's or a property's accessor on the prototype.
 */
export function defineOwnAttr(obj: object, name: PropertyKey, value: unknown): void {
  Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: true });
}
