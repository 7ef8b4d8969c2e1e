/**
 * Python's `inspect`, the part asyncio programs use: the type predicates (`iscoroutinefunction`,
 * `isawaitable`, `isgeneratorfunction`, `isfunction`, `ismethod`, `isclass`, ...),
 * `markcoroutinefunction`, `getdoc`/`cleandoc`, `getmro`, `unwrap` and `getmembers`.
 *
 * How: CPython tests a code object's flags (`CO_COROUTINE`, `CO_GENERATOR`, ...); a transpiled
 * function has no code object, but the transpiler marks every `async def`, generator and async
 * generator function (`markcoroutinefunction`/`markgeneratorfunction`/`asyncgenfunction`,
 * src/asyncio/coroutines.ts), and those marks are the flags here. As in CPython, bound methods
 * and `functools.partial` objects are unwrapped (`_has_code_flag`) before the test.
 * `markcoroutinefunction(f)` sets `f._is_coroutine_marker` and the runtime's coroutine mark, so
 * `asyncio.iscoroutinefunction(f)` agrees, as in CPython.
 *
 * Missing (docs/DIFFERENCES.md): `signature`/`Signature`/`Parameter` (a function with a natural
 * JS signature carries no parameter list at run time), `getcoroutinestate`/`getgeneratorstate`
 * (a JS generator does not expose whether it started, runs or finished), frames and source code
 * functions (`currentframe`, `stack`, `getsource`, ...). They are not exported, so
 * `from inspect import signature` is refused when transpiling. `getdoc` and `getmembers` raise
 * NotImplementedError where the runtime cannot know CPython's answer (a class's docstring, the
 * values of the slot wrappers inherited from `object`): see their comments.
 */

import {
  isasyncgenfunction as isAsyncGenFn,
  isasyncgen as isAsyncGenObject,
} from "../../asyncio/asyncgen";
import { iscoroutine as isCoroObject } from "../../asyncio/coroutines";
import * as B from "../builtins";
import { isTranspiledClass } from "../descriptors";
import { dir } from "../dir";
import {
  AttributeError,
  NotImplementedError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { id } from "../objects";
import { call, getattr, hasattr, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { isClass, isinstance, mro, typeName, typeOf } from "../types";
import { ABCMeta, abstractMethods } from "./abc";
import {
  BuiltinFunctionType,
  CoroutineType,
  FunctionType,
  GeneratorType,
  MethodType,
  takeKw,
} from "./types";

const KIND = Symbol.for("asyncio-ts.kind");

// ---------------------------------------------------------------- type predicates

/** `isclass(object)`: `isinstance(object, type)`. */
export function isclass(object: unknown): boolean {
  return isClass(object);
}

/** `ismethod(object)`: a bound method. */
export function ismethod(object: unknown): boolean {
  return isinstance(object, MethodType);
}

/** `isfunction(object)`: a Python function (`def`, `lambda`, `async def`). */
export function isfunction(object: unknown): boolean {
  return isinstance(object, FunctionType) && !isPartial(object);
}

/** A `functools.partial` object (a JS function here, but no Python function). */
function isPartial(f: unknown): boolean {
  return typeof f === "function" && (f as { __partial__?: unknown }).__partial__ === true;
}

/** `isbuiltin(object)`: a builtin function or method (`len`, `[].append`). */
export function isbuiltin(object: unknown): boolean {
  return isinstance(object, BuiltinFunctionType) && !isPartial(object);
}

const DESCRIPTOR_TYPES = new Set([
  "method_descriptor",
  "wrapper_descriptor",
  "classmethod_descriptor",
  "method-wrapper",
]);

/** `isroutine(object)`: any kind of function or method. */
export function isroutine(object: unknown): boolean {
  return (
    isbuiltin(object) ||
    isfunction(object) ||
    ismethod(object) ||
    DESCRIPTOR_TYPES.has(typeName(object))
  );
}

/** `functools._unwrap_partial` after `while ismethod(f): f = f.__func__` (`_has_code_flag`). */
function unwrapForFlags(f: unknown): unknown {
  while (ismethod(f)) f = getattr(f, "__func__");
  while (isPartial(f)) f = (f as { func: unknown }).func;
  return f;
}

/** The runtime's mark of a (transpiled or runtime) function, CPython's code flags. */
function kindOf(f: unknown): unknown {
  return typeof f === "function" ? (f as unknown as Record<symbol, unknown>)[KIND] : undefined;
}

/** `isgeneratorfunction(obj)`: a generator function (also through methods and partials). */
export function isgeneratorfunction(obj: unknown): boolean {
  const f = unwrapForFlags(obj);
  return isfunction(f) && kindOf(f) === "generator";
}

const IS_COROUTINE_MARKER = "_is_coroutine_marker";
/** `inspect._is_coroutine_mark`, what `markcoroutinefunction` stores. */
const isCoroutineMark = Object.freeze(Object.create(null)) as object;

/** `markcoroutinefunction(func)`: make `iscoroutinefunction(func)` true; returns the function. */
export function markcoroutinefunction(func: unknown): unknown {
  if (hasattr(func, "__func__")) func = getattr(func, "__func__");
  if (typeof func !== "function" && (typeof func !== "object" || func === null))
    throw new PyTypeError(`'${typeName(func)}' object has no attribute '${IS_COROUTINE_MARKER}'`);
  Object.defineProperty(func, IS_COROUTINE_MARKER, {
    value: isCoroutineMark,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  // asyncio.iscoroutinefunction (which asks inspect in CPython) reads the runtime's mark.
  if (typeof func === "function") (func as unknown as Record<symbol, unknown>)[KIND] = "coroutine";
  return func;
}

/** `iscoroutinefunction(obj)`: an `async def` function or one marked by markcoroutinefunction. */
export function iscoroutinefunction(obj: unknown): boolean {
  const f = unwrapForFlags(obj);
  if (isfunction(f) && kindOf(f) === "coroutine") return true;
  if (f === null || (typeof f !== "function" && typeof f !== "object")) return false;
  // A method left inside a partial forwards the attribute to its function.
  let g: unknown = f;
  while (ismethod(g)) g = getattr(g, "__func__");
  return getattr(g, IS_COROUTINE_MARKER, null) === isCoroutineMark;
}

/** `isasyncgenfunction(obj)`: an `async def` function with `yield`. */
export function isasyncgenfunction(obj: unknown): boolean {
  return isAsyncGenFn(unwrapForFlags(obj));
}

/** `isgenerator(object)`: a generator object. */
export function isgenerator(object: unknown): boolean {
  return isinstance(object, GeneratorType);
}

/** `iscoroutine(object)`: a coroutine object (made by calling an `async def` function). */
export function iscoroutine(object: unknown): boolean {
  return isinstance(object, CoroutineType) && isCoroObject(object);
}

/** `isasyncgen(object)`: an async generator object. */
export function isasyncgen(object: unknown): boolean {
  return isAsyncGenObject(object);
}

/**
 * `isawaitable(object)`: a coroutine, or an object whose type defines `__await__`
 * (`collections.abc.Awaitable`: Futures, Tasks, classes with `__await__`).
 */
export function isawaitable(object: unknown): boolean {
  if (iscoroutine(object)) return true;
  if (object === null || object === undefined || typeof object !== "object") return false;
  if (isgenerator(object) || isasyncgen(object)) return false;
  const cls = typeOf(object);
  const m = (cls.prototype as Record<string, unknown> | undefined)?.__await__;
  return m !== undefined && m !== null;
}

/** `isabstract(object)`: a class over ABCMeta that still has abstract methods. */
export function isabstract(object: unknown): boolean {
  if (!isClass(object) || !isinstance(object, ABCMeta)) return false;
  return abstractMethods(object).length > 0;
}

// ---------------------------------------------------------------- classes and docs

/** `getmro(cls)`: `cls.__mro__`. */
export function getmro(cls: unknown): unknown {
  return getattr(cls, "__mro__");
}

/** `cleandoc(doc)`: remove the indentation common to the second line on, and blank edge lines. */
export function cleandoc(doc: unknown): string {
  if (typeof doc !== "string")
    throw new AttributeError(`'${typeName(doc)}' object has no attribute 'expandtabs'`);
  const lines = expandtabs(doc).split("\n");
  let margin = Number.POSITIVE_INFINITY;
  for (const line of lines.slice(1)) {
    const content = line.replace(/^ +/, "").length;
    if (content) margin = Math.min(margin, line.length - content);
  }
  lines[0] = lines[0]!.replace(/^ +/, "");
  if (margin < Number.POSITIVE_INFINITY)
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(margin);
  while (lines.length > 0 && !lines[lines.length - 1]) lines.pop();
  while (lines.length > 0 && !lines[0]) lines.shift();
  return lines.join("\n");
}

/** `str.expandtabs()` with the default tab size 8. */
function expandtabs(s: string): string {
  let out = "";
  let col = 0;
  for (const ch of s) {
    if (ch === "\t") {
      const n = 8 - (col % 8);
      out += " ".repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === "\n" || ch === "\r" ? 0 : col + 1;
    }
  }
  return out;
}

/** `_finddoc(obj)` for classes and bound methods: the first docstring up the MRO. */
function finddoc(obj: unknown): unknown {
  if (isClass(obj)) {
    for (const base of mro(obj)) {
      if (base === B.object) continue;
      const doc = getattr(base, "__doc__", null);
      if (doc !== null && doc !== undefined) return doc;
    }
    return null;
  }
  if (!ismethod(obj)) return null;
  const func = getattr(obj, "__func__");
  const name = getattr(func, "__name__") as string;
  const self = getattr(obj, "__self__");
  const cls =
    isClass(self) && getattr(getattr(self, name, null), "__func__", null) === func
      ? self
      : typeOf(self);
  for (const base of mro(cls)) {
    if (!hasattr(base, name)) continue;
    const doc = getattr(getattr(base, name), "__doc__", null);
    if (doc !== null && doc !== undefined) return doc;
  }
  return null;
}

/**
 * `getdoc(object)`: the docstring, inherited if absent, cleaned up with `cleandoc`. Only
 * functions and methods keep their docstrings here: a class's (and so an instance's) is not kept
 * by the runtime, and builtin values and the runtime's objects have none, so for those, when no
 * docstring is found, the answer is unknown and refused rather than a wrong None.
 */
export function getdoc(object: unknown): unknown {
  let doc = getattr(object, "__doc__", null);
  if (doc === null) doc = finddoc(object);
  if (typeof doc === "string") return cleandoc(doc);
  if (isfunction(object) || ismethod(object)) return null;
  throw new NotImplementedError(
    `inspect.getdoc() of ${isClass(object) ? "a class" : `a '${typeName(object)}' object`} ` +
      "without a docstring is not supported by asyncio-ts (the runtime keeps no docstrings " +
      "of classes, builtins and its own objects)",
  );
}

// ---------------------------------------------------------------- wrappers and members

/** `unwrap(func, *, stop=None)`: follow `__wrapped__` (set by `functools.wraps`) to its end. */
export function unwrap(...args: unknown[]): unknown {
  const [pos, kws] = takeKw(args);
  for (const k of Object.keys(kws))
    if (k !== "stop") throw new PyTypeError(`unwrap() got an unexpected keyword argument '${k}'`);
  if (pos.length !== 1) {
    if (pos.length === 0)
      throw new PyTypeError("unwrap() missing 1 required positional argument: 'func'");
    throw new PyTypeError(`unwrap() takes 1 positional argument but ${pos.length} were given`);
  }
  const f = pos[0];
  const stop = kws.stop ?? null;
  let func = f;
  const memo = new Set<bigint>([id(f)]);
  while (!isClass(func) && hasattr(func, "__wrapped__")) {
    if (stop !== null && truthy(call(stop, func))) break;
    func = getattr(func, "__wrapped__");
    const key = id(func);
    if (memo.has(key) || memo.size >= 1000)
      throw new ValueError(`wrapper loop when unwrapping ${repr(f)}`);
    memo.add(key);
  }
  return func;
}

/**
 * The names every class and instance lists from `object` and from CPython's class `__dict__`
 * (`dir()`): their values (slot wrappers, `__firstlineno__`, ...) are not the runtime's.
 */
const STOCK_NAMES = new Set(
  (
    "__delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ __getstate__ __gt__ " +
    "__hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ __reduce__ __reduce_ex__ " +
    "__repr__ __setattr__ __sizeof__ __str__ __subclasshook__ __module__ __firstlineno__ " +
    "__static_attributes__ __dict__ __weakref__"
  ).split(" "),
);

/** The `__init__` the transpiler gives a root class without one (not a Python attribute). */
const STUB_INIT = /^__init__\(\.\.\._args\)\s*\{\s*return null;?\s*\}$/;

/** Whether the program itself defines `name` on `object` or along its class's MRO. */
function programDefines(object: unknown, name: string): boolean {
  if ((typeof object === "object" && object !== null) || typeof object === "function") {
    if (!isClass(object) && Object.hasOwn(object, name)) return true;
  }
  const cls = isClass(object) ? object : typeOf(object);
  for (const K of mro(cls)) {
    if (K === B.object) continue;
    if (Object.hasOwn(K, name) && name !== "__module__") return true;
    const proto = K.prototype as object | undefined;
    if (proto !== undefined && Object.hasOwn(proto, name)) {
      const v = Object.getOwnPropertyDescriptor(proto, name)!.value as unknown;
      if (name === "__init__" && typeof v === "function" && STUB_INIT.test(String(v))) continue;
      return true;
    }
  }
  return false;
}

/** Predicates false for every stock value (slot wrappers, ints, strs, tuples, None, dicts). */
function falseForStock(predicate: unknown): boolean {
  return (
    predicate === iscoroutinefunction ||
    predicate === isgeneratorfunction ||
    predicate === isasyncgenfunction ||
    predicate === isfunction ||
    predicate === ismethod ||
    predicate === isclass ||
    predicate === isgenerator ||
    predicate === iscoroutine ||
    predicate === isasyncgen ||
    predicate === isawaitable ||
    predicate === isabstract
  );
}

/**
 * `getmembers(object, predicate=None)`: the `(name, value)` pairs of `dir(object)`, sorted.
 * The values of the stock names (STOCK_NAMES; every `__x__` name of a value that is not of a
 * program class) are not CPython's here, so they are only skipped for a predicate of this module
 * that is false for all of them; otherwise getmembers raises NotImplementedError.
 */
export function getmembers(...args: unknown[]): Tuple[] {
  const [pos, kws] = takeKw(args);
  for (const k of Object.keys(kws))
    if (k !== "predicate")
      throw new PyTypeError(`getmembers() got an unexpected keyword argument '${k}'`);
  if (pos.length === 0)
    throw new PyTypeError("getmembers() missing 1 required positional argument: 'object'");
  if (pos.length > 2)
    throw new PyTypeError(
      `getmembers() takes from 1 to 2 positional arguments but ${pos.length} were given`,
    );
  const object = pos[0];
  const predicate = pos.length > 1 ? pos[1] : (kws.predicate ?? null);
  const results: Tuple[] = [];
  const names = dir(object);
  const ofProgram = isTranspiledClass(isClass(object) ? object : typeOf(object));
  for (const key of names) {
    const stock = ofProgram
      ? STOCK_NAMES.has(key) && !programDefines(object, key)
      : key.startsWith("__") && key.endsWith("__");
    if (stock) {
      if (falseForStock(predicate)) continue;
      throw new NotImplementedError(
        `inspect.getmembers() of '${key}' (a special attribute) is not supported by ` +
          "asyncio-ts: pass a predicate such as inspect.ismethod",
      );
    }
    const value = getattr(object, key, MISSING);
    if (value === MISSING) continue;
    if (predicate === null || predicate === undefined || truthy(call(predicate, value)))
      results.push(new Tuple([key, value]));
  }
  results.sort((a, b) => {
    const x = a.items[0] as string;
    const y = b.items[0] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return results;
}

const MISSING = Symbol("missing");
