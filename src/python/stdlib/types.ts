/**
 * Python's `types` module (the parts programs use: `SimpleNamespace`, `MappingProxyType`,
 * `FunctionType`, ...) and the helpers the stdlib modules use to define *library classes*.
 *
 * A library class (`collections.deque`, `collections.Counter`, ...) must work three ways in
 * generated code:
 * - called without `new`: `from collections import deque; d = deque()` is lowered to a plain call
 *   `deque()` (only program classes and asyncio classes get `new`);
 * - extended: `class MyDeque(deque)` is `class MyDeque extends deque`;
 * - `type(x) is deque`, `isinstance(x, deque)`, repr `<class 'collections.deque'>`.
 *
 * `libraryClass(cls, name, module)` returns a Proxy of the class whose call trap constructs it,
 * and makes `cls.prototype.constructor` that Proxy, so `type(x)` is the very object programs hold.
 *
 * Construction and `__init__`: for a class extending a runtime class and defining `__init__`, the
 * transpiler emits `constructor(...args) { super(...args); this.__init__(...args); }`; a class
 * that does not define `__init__` inherits the runtime constructor. `initFromConstructor` therefore
 * calls `this.__init__(...args)` from the runtime constructor unless a class between the one
 * constructed and the runtime class defines its own `__init__` (then its generated constructor
 * calls it).
 */

import { reversed } from "../builtins";
import { eq, ne } from "../compare";
import { Dict } from "../dict";
import { TypeError as PyTypeError } from "../exceptions";
import { hash } from "../hash";
import { Kw } from "../kw";
import { runsOwnInit } from "../mro";
import { forwardToClass, NotImplemented, nativeType } from "../objects";
import { or_ } from "../operators";
import { callMethod, contains, getitem, iter, len } from "../protocol";
import { repr, reprGuard, str } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";

type AnyClass = abstract new (...args: any[]) => any;

/** A class that can also be called without `new` (see the header). */
export type LibraryClass<C extends AnyClass> = C & ((...args: any[]) => InstanceType<C>);

/** Make `cls` a library class named `module.name` (see the header). */
export function libraryClass<C extends AnyClass>(
  cls: C,
  name: string,
  module: string,
): LibraryClass<C> {
  for (const [k, v] of [
    ["__name__", name],
    ["__qualname__", name],
    ["__module__", module],
  ]) {
    Object.defineProperty(cls, k as string, { value: v, writable: true, configurable: true });
  }
  // Its class and static methods are reachable through instances (`dt.now()`), as in Python.
  for (const key of Object.getOwnPropertyNames(cls)) {
    const d = Object.getOwnPropertyDescriptor(cls, key)!;
    if (typeof d.value !== "function" || d.enumerable || key in cls.prototype) continue;
    if (key.startsWith("__") || /^class[\s{]/.test(Function.prototype.toString.call(d.value)))
      continue;
    forwardToClass(cls, key);
  }
  const proxy = new Proxy(cls, {
    apply: (target, _this, args) => Reflect.construct(target as unknown as Function, args),
  });
  Object.defineProperty(cls.prototype, "constructor", {
    value: proxy,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return proxy as LibraryClass<C>;
}

/**
 * Called at the end of a runtime class's constructor: run `__init__(...args)` unless the program
 * class directly below `base` defines `__init__` (its generated constructor then calls it).
 */
export function initFromConstructor(
  self: object,
  newTarget: Function,
  base: Function,
  args: unknown[],
): void {
  // A transpiled class below `base` that defines `__init__` may run it from its own constructor
  // (lower/classes.ts), whichever class it is between `newTarget` and `base`.
  let c: Function | null = newTarget;
  while (c !== null && c.prototype !== base.prototype) {
    if (runsOwnInit(c)) return;
    c = Object.getPrototypeOf(c) as Function | null;
    if (typeof c !== "function") {
      c = null;
    }
  }
  (self as { __init__: (...a: unknown[]) => unknown }).__init__(...args);
}

/** Split a trailing `Kw` off an argument list. */
export function takeKw(args: unknown[]): [unknown[], Record<string, unknown>] {
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw)
    return [args.slice(0, n - 1), (args[n - 1] as Kw).kwargs as Record<string, unknown>];
  return [args, {}];
}

/**
 * Bind the arguments of a builtin written in C with Argument Clinic (`StringIO(...)`,
 * `Pattern.search(...)`): `names` in order, the first `required` of them required; an omitted
 * optional argument is `undefined`. The TypeErrors are Clinic's ("takes at most 2 arguments (3
 * given)" counts keywords too; "given by name ('k') and position (1)").
 */
export function clinicArgs(
  fname: string,
  args: unknown[],
  names: string[],
  required: number,
): unknown[] {
  const [pos, kws] = takeKw(args);
  if (pos.length > names.length) {
    throw new PyTypeError(
      `${fname}() takes at most ${names.length} argument${names.length === 1 ? "" : "s"} (${pos.length + Object.keys(kws).length} given)`,
    );
  }
  const out: unknown[] = [...pos];
  for (const [k, v] of Object.entries(kws)) {
    const i = names.indexOf(k);
    if (i >= pos.length) out[i] = v;
  }
  // Clinic reports a missing argument first, then one given twice, then an unknown keyword.
  for (let i = 0; i < required; i++) {
    if (out[i] === undefined)
      throw new PyTypeError(`${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
  }
  for (const k of Object.keys(kws)) {
    const i = names.indexOf(k);
    if (i >= 0 && i < pos.length)
      throw new PyTypeError(
        `argument for ${fname}() given by name ('${k}') and position (${i + 1})`,
      );
  }
  for (const k of Object.keys(kws)) {
    if (!names.includes(k))
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
  }
  return out;
}

/**
 * Bind the arguments of a function written in Python (`re.sub(pattern, repl, string, count=0,
 * flags=0)`), or with `self` 1 of a method (`Queue.put(self, item, block=True, timeout=None)`):
 * `names` in order, without `self`, the first `required` of them required; an omitted optional
 * argument is `undefined`. The TypeErrors are a Python function's ("takes from 2 to 4 positional
 * arguments but 5 were given", counting `self`; "missing 2 required positional arguments: 'a'
 * and 'b'").
 */
export function pythonArgs(
  fname: string,
  args: unknown[],
  names: string[],
  required: number,
  self: 0 | 1 = 0,
): unknown[] {
  const [pos, kws] = takeKw(args);
  if (pos.length > names.length) {
    const lo = required + self;
    const hi = names.length + self;
    const takes = lo === hi ? `${hi}` : `from ${lo} to ${hi}`;
    throw new PyTypeError(
      `${fname}() takes ${takes} positional argument${hi === 1 ? "" : "s"} but ${pos.length + self} were given`,
    );
  }
  const out: unknown[] = [...pos];
  for (const [k, v] of Object.entries(kws)) {
    const i = names.indexOf(k);
    if (i < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (i < pos.length) throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  const missing = names.slice(0, required).filter((_, i) => out[i] === undefined);
  if (missing.length > 0) {
    const q = missing.map((m) => `'${m}'`);
    const list =
      q.length === 1
        ? q[0]
        : `${q.slice(0, -1).join(", ")}${q.length > 2 ? "," : ""} and ${q[q.length - 1]}`;
    throw new PyTypeError(
      `${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`,
    );
  }
  return out;
}

/**
 * Bind positional and keyword arguments to named parameters for a library function, raising
 * CPython's TypeErrors. `names` in order; `required` is how many have no default.
 */
export function bindArgs(
  fname: string,
  args: unknown[],
  names: string[],
  defaults: unknown[],
  opts: { posOnly?: number; kwOnly?: string[] } = {},
): unknown[] {
  const [pos, kws] = takeKw(args);
  const kwOnly = opts.kwOnly ?? [];
  const all = [...names, ...kwOnly];
  const nPositional = names.length;
  const required = all.length - defaults.length;
  if (pos.length > nPositional) {
    const min = Math.min(required, nPositional);
    const takes = min === nPositional ? `${nPositional}` : `from ${min} to ${nPositional}`;
    throw new PyTypeError(
      `${fname}() takes ${takes} positional argument${nPositional === 1 && min === 1 ? "" : "s"} but ${pos.length} ${pos.length === 1 ? "was" : "were"} given`,
    );
  }
  const out: unknown[] = all.map((_, i) => (i < pos.length ? pos[i] : MISSING));
  for (const [k, v] of Object.entries(kws)) {
    const i = all.indexOf(k);
    if (i < 0 || i < (opts.posOnly ?? 0))
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (out[i] !== MISSING)
      throw new PyTypeError(`${fname}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  for (let i = 0; i < all.length; i++) {
    if (out[i] !== MISSING) continue;
    const d = i - required;
    if (d < 0) {
      throw new PyTypeError(`${fname}() missing required argument '${all[i]}' (pos ${i + 1})`);
    }
    out[i] = defaults[d];
  }
  return out;
}

const MISSING = Symbol("missing");

// ---------------------------------------------------------------- the `types` module

/** `types.SimpleNamespace(**kwargs)`. */
class SimpleNamespaceImpl {
  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    if (pos.length > 1)
      throw new PyTypeError(`SimpleNamespace expected at most 1 argument, got ${pos.length}`);
    if (pos.length === 1 && pos[0] instanceof Dict) {
      for (const [k, v] of pos[0].entries()) (this as Record<string, unknown>)[k as string] = v;
    }
    Object.assign(this, kws);
  }

  __repr__(): string {
    const cname = (this.constructor as unknown as { __name__: string }).__name__;
    const name = cname === "SimpleNamespace" ? "namespace" : cname;
    return reprGuard(this, `${name}(...)`, () => {
      const parts = Object.keys(this).map(
        (k) => `${k}=${repr((this as Record<string, unknown>)[k])}`,
      );
      return `${name}(${parts.join(", ")})`;
    });
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof SimpleNamespaceImpl)) return NotImplemented;
    const a = Object.keys(this);
    const b = Object.keys(other);
    if (a.length !== b.length) return false;
    return a.every(
      (k) =>
        k in other &&
        eq(
          (this as unknown as Record<string, unknown>)[k],
          (other as unknown as Record<string, unknown>)[k],
        ),
    );
  }
}
export const SimpleNamespace = libraryClass(SimpleNamespaceImpl, "SimpleNamespace", "types");

const MAPPING = Symbol("mappingproxy.mapping");

/**
 * `types.MappingProxyType(mapping)`, the type `mappingproxy`: a read-only view of a mapping.
 * Reads, comparisons, `|`, `hash` and `str()` go to the mapping; there is no `__setitem__`
 * (`p[k] = v` is the TypeError of an object without one).
 */
class MappingProxyImpl {
  private readonly [MAPPING]: unknown;

  constructor(mapping: unknown) {
    // CPython's PyMapping_Check, without the sequences (list, tuple, str) it excludes.
    const m = mapping as { __getitem__?: unknown };
    const isMapping =
      mapping instanceof Dict ||
      (m !== null &&
        typeof m === "object" &&
        !Array.isArray(m) &&
        !(m instanceof Tuple) &&
        typeof m.__getitem__ === "function");
    if (!isMapping)
      throw new PyTypeError(`mappingproxy() argument must be a mapping, not ${typeName(mapping)}`);
    this[MAPPING] = mapping;
  }

  __getitem__(key: unknown): unknown {
    return getitem(this[MAPPING], key);
  }

  get(...args: unknown[]): unknown {
    return callMethod(this[MAPPING], "get", ...args);
  }

  keys(): unknown {
    return callMethod(this[MAPPING], "keys");
  }

  values(): unknown {
    return callMethod(this[MAPPING], "values");
  }

  items(): unknown {
    return callMethod(this[MAPPING], "items");
  }

  copy(): unknown {
    return callMethod(this[MAPPING], "copy");
  }

  __len__(): bigint {
    return len(this[MAPPING]);
  }

  __iter__(): unknown {
    return iter(this[MAPPING]);
  }

  __reversed__(): unknown {
    return reversed(this[MAPPING]);
  }

  __contains__(key: unknown): boolean {
    return contains(this[MAPPING], key);
  }

  __eq__(other: unknown): boolean {
    return eq(this[MAPPING], other);
  }

  __ne__(other: unknown): boolean {
    return ne(this[MAPPING], other);
  }

  __or__(other: unknown): unknown {
    return or_(this[MAPPING], other instanceof MappingProxyImpl ? other[MAPPING] : other);
  }

  __ror__(other: unknown): unknown {
    return or_(other, this[MAPPING]);
  }

  __ior__(_other: unknown): never {
    throw new PyTypeError("'|=' is not supported by mappingproxy; use '|' instead");
  }

  /** CPython's message for `del p[k]` (the runtime's generic one says "doesn't"). */
  __delitem__(_key: unknown): never {
    throw new PyTypeError("'mappingproxy' object does not support item deletion");
  }

  __hash__(): bigint {
    return hash(this[MAPPING]);
  }

  __repr__(): string {
    return `mappingproxy(${repr(this[MAPPING])})`;
  }

  /** `str()` of a mappingproxy is its mapping's (`print(p.groupindex)` prints `{...}`). */
  __str__(): string {
    return str(this[MAPPING]);
  }
}
export const MappingProxyType = libraryClass(MappingProxyImpl, "mappingproxy", "builtins");

function typeObject(name: string, check: (x: unknown) => boolean): Function {
  const f = () => {
    throw new PyTypeError(`cannot create '${name}' instances`);
  };
  Object.defineProperty(f, "__name__", { value: name });
  Object.defineProperty(f, "__qualname__", { value: name });
  Object.defineProperty(f, "__module__", { value: "builtins" });
  Object.defineProperty(f, "__instancecheck__", { value: (x: unknown) => check(x) });
  return f;
}

// The types `type()` gives functions (src/python/types.ts, `functionType`).
export const FunctionType = nativeType("function");
export const LambdaType = FunctionType;
export const BuiltinFunctionType = nativeType("builtin_function_or_method");
export const BuiltinMethodType = BuiltinFunctionType;
export const MethodType = nativeType("method");
// The types `type()` gives generator and coroutine objects (types.ts `nativeValueType`), so that
// `type(g) is types.GeneratorType`; `isinstance` asks `type()` too.
export const GeneratorType = nativeType("generator");
export const CoroutineType = nativeType("coroutine");
export { ModuleType } from "../module";
export const NoneType = typeObject("NoneType", (x) => x === null || x === undefined);

const KIND = Symbol.for("asyncio-ts.kind");
/** CPython's `CO_ITERABLE_COROUTINE` flag: on a generator function's prototype (see `coroutine`). */
export const ITERABLE_COROUTINE = Symbol.for("asyncio-ts.iterable-coroutine");

/**
 * `types.coroutine(func)`. A generator function becomes an "iterable coroutine" function (CPython
 * sets `CO_ITERABLE_COROUTINE` on its code and returns it): `await` accepts its generators and
 * `inspect.isawaitable` says so. A coroutine function is returned as it is; any other callable is
 * wrapped (functools.wraps) in a function returning what it returns.
 */
export function coroutine<F>(func: F): F {
  if (typeof func !== "function") throw new PyTypeError("types.coroutine() expects a callable");
  const f = func as unknown as Record<PropertyKey, unknown> & {
    prototype?: Record<PropertyKey, unknown>;
  };
  if (f[KIND] === "coroutine") return func;
  if (f[KIND] === "generator" && f.prototype) {
    Object.defineProperty(f.prototype, ITERABLE_COROUTINE, { value: true, configurable: true });
    return func;
  }
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    return (func as (...a: unknown[]) => unknown).apply(this, args);
  } as F;
  for (const k of ["__module__", "__name__", "__qualname__", "__doc__"]) {
    const v = k === "__name__" || k === "__qualname__" ? (f[k] ?? func.name) : f[k];
    if (v !== undefined)
      Object.defineProperty(wrapped, k, { value: v, writable: true, configurable: true });
  }
  Object.defineProperty(wrapped, "__wrapped__", {
    value: func,
    writable: true,
    configurable: true,
  });
  return wrapped;
}
