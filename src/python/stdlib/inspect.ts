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
 * `signature`, `Signature`, `Parameter`, `BoundArguments`: see "signature" below (the transpiler
 * attaches parameter lists in the programs that use them).
 *
 * Missing (docs/DIFFERENCES.md): `getcoroutinestate`/`getgeneratorstate`
 * (a JS generator does not expose whether it started, runs or finished), frames and source code
 * functions (`currentframe`, `stack`, `getsource`, ...). They are not exported, so
 * `from inspect import getsource` is refused when transpiling. `getdoc` and `getmembers` raise
 * NotImplementedError where the runtime cannot know CPython's answer (a builtin's docstring, the
 * values of the slot wrappers inherited from `object`): see their comments.
 */

import {
  isasyncgenfunction as isAsyncGenFn,
  isasyncgen as isAsyncGenObject,
} from "../../asyncio/asyncgen";
import { iscoroutine as isCoroObject } from "../../asyncio/coroutines";
import { PARAMETERS } from "../annotations";
import * as B from "../builtins";
import { eq } from "../compare";
import { isTranspiledClass } from "../descriptors";
import { Dict } from "../dict";
import { dir } from "../dir";
import {
  AttributeError,
  NotImplementedError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { hash } from "../hash";
import { kw } from "../kw";
import { isClassMethod } from "../mro";
import { id, NotImplemented } from "../objects";
import { call, callable, getattr, hasattr, truthy } from "../protocol";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { isClass, isinstance, mro, typeName, typeOf } from "../types";
import { ABCMeta, abstractMethods } from "./abc";
import { OrderedDict } from "./collections";
import {
  BuiltinFunctionType,
  CoroutineType,
  FunctionType,
  GeneratorType,
  ITERABLE_COROUTINE,
  libraryClass,
  MappingProxyType,
  MethodType,
  takeKw,
} from "./types";
import { SpecialForm } from "./typing";

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
  // CPython unwraps methods, then partials, and a partial of a bound method passes as
  // "function-like" through the method's forwarded `__code__`: so unwrap both, in any order.
  for (;;) {
    if (ismethod(f)) f = getattr(f, "__func__");
    else if (isPartial(f)) f = (f as { func: unknown }).func;
    else return f;
  }
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
  if (isgenerator(object)) return (object as Record<symbol, unknown>)[ITERABLE_COROUTINE] === true;
  if (isasyncgen(object)) return false;
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
 * `getdoc(object)`: the docstring, inherited if absent, cleaned up with `cleandoc`. Functions,
 * methods and the program's classes (and so their instances) keep their docstrings here; builtin
 * values and the runtime's objects have none, so for those, when no docstring is found, the
 * answer is unknown and refused rather than a wrong None.
 */
export function getdoc(object: unknown): unknown {
  let doc = getattr(object, "__doc__", null);
  if (doc === null) doc = finddoc(object);
  if (typeof doc === "string") return cleandoc(doc);
  if (isfunction(object) || ismethod(object)) return null;
  // The program's classes keep their docstrings (`__doc__`, None without one): a class (or an
  // instance of one) whose bases up to `object` are all the program's has none to inherit.
  const classes = mro(isClass(object) ? object : typeOf(object));
  if (classes.every((c) => c === B.object || isTranspiledClass(c))) return null;
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

// ---------------------------------------------------------------- signature

/*
 * `signature(obj)`, `Signature`, `Parameter`, `BoundArguments`, mirroring CPython 3.13's
 * `inspect` (`_signature_from_callable`, `_signature_from_function`, `Signature._bind`,
 * `_signature_get_partial`). CPython reads a function's code object (names, counts of
 * positional-only and keyword-only parameters, `*args`/`**kwargs` flags); a transpiled function
 * has none, so in a program that uses `inspect.signature` the transpiler gives every function its
 * parameter list (`$py.annotate(f, annotations, ["self", "a", "/", "*args", "k", "**kw"])`,
 * codegen/lower/annotations.ts), and the signature is made from that list with the function's
 * `__defaults__`, `__kwdefaults__` and `__annotations__`, as CPython makes it from the code.
 * A function without the list (a runtime function, or one made by a program transpiled without
 * them) has no known signature: ValueError, as CPython raises for builtins without a text
 * signature. So do classes whose `__init__` comes from the runtime (`Exception` and asyncio's
 * classes, and the `__init__` that `@dataclass` makes, whose field types the runtime keeps as
 * source text), where CPython finds a signature. `eval_str=True` is refused.
 */

/** `inspect._empty`, the marker of no default and no annotation. */
class EmptyImpl {}
export const _empty = libraryClass(EmptyImpl, "_empty", "inspect");

/** `inspect._ParameterKind`, an IntEnum (only what programs use of it). */
class ParameterKindImpl {
  constructor(
    readonly name: string,
    readonly value: bigint,
    readonly description: string,
  ) {}
  __repr__(): string {
    return `<_ParameterKind.${this.name}: ${this.value}>`;
  }
  __str__(): string {
    return this.name;
  }
  __eq__(other: unknown): boolean {
    return other instanceof ParameterKindImpl ? other === this : eq(this.value, other);
  }
  __ne__(other: unknown): boolean {
    return !this.__eq__(other);
  }
  __lt__(other: unknown): boolean {
    return this.value < kindValue(other);
  }
  __le__(other: unknown): boolean {
    return this.value <= kindValue(other);
  }
  __gt__(other: unknown): boolean {
    return this.value > kindValue(other);
  }
  __ge__(other: unknown): boolean {
    return this.value >= kindValue(other);
  }
  __hash__(): bigint {
    return hash(this.value);
  }
  __index__(): bigint {
    return this.value;
  }
  __int__(): bigint {
    return this.value;
  }
}
export const _ParameterKind = libraryClass(ParameterKindImpl, "_ParameterKind", "inspect");

function kindValue(x: unknown): bigint {
  if (x instanceof ParameterKindImpl) return x.value;
  if (typeof x === "bigint") return x;
  throw new PyTypeError(
    `'<' not supported between instances of '_ParameterKind' and '${typeName(x)}'`,
  );
}

const KINDS = [
  new ParameterKindImpl("POSITIONAL_ONLY", 0n, "positional-only"),
  new ParameterKindImpl("POSITIONAL_OR_KEYWORD", 1n, "positional or keyword"),
  new ParameterKindImpl("VAR_POSITIONAL", 2n, "variadic positional"),
  new ParameterKindImpl("KEYWORD_ONLY", 3n, "keyword-only"),
  new ParameterKindImpl("VAR_KEYWORD", 4n, "variadic keyword"),
] as const;
const [POSITIONAL_ONLY, POSITIONAL_OR_KEYWORD, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD] = KINDS;

/** `_ParameterKind(value)`: a kind, or a kind's value. */
function toKind(x: unknown): ParameterKindImpl {
  if (x instanceof ParameterKindImpl) return x;
  if (typeof x === "bigint" && x >= 0n && x <= 4n) return KINDS[Number(x)]!;
  throw new ValueError(`value ${repr(x)} is not a valid Parameter.kind`);
}

/** An argument's value, or `dflt` when it was not passed (None is a value). */
function given(x: unknown, dflt: unknown): unknown {
  return x === undefined ? dflt : x;
}

/** Keyword arguments of a call, checked against `allowed`. */
function keywords(fname: string, args: unknown[], maxPos: number, allowed: string[]) {
  const [pos, kws] = takeKw(args);
  for (const k of Object.keys(kws))
    if (!allowed.includes(k))
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
  if (pos.length > maxPos)
    throw new PyTypeError(
      `${fname}() takes ${maxPos} positional argument${maxPos === 1 ? "" : "s"} but ${pos.length} were given`,
    );
  return [pos, kws] as const;
}

const IDENTIFIER_RE = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield"
  ).split(" "),
);

/** `inspect.formatannotation(annotation)`. */
export function formatannotation(annotation: unknown): string {
  if (typeof annotation === "object" || typeof annotation === "function") {
    if (
      annotation instanceof SpecialForm ||
      (annotation !== null && getattr(annotation, "__module__", null) === "typing")
    )
      return repr(annotation).replace(/[\w.]+/g, (t) => (t.startsWith("typing.") ? t.slice(7) : t));
  }
  if (isClass(annotation)) {
    const module = getattr(annotation, "__module__", null);
    const qualname = getattr(annotation, "__qualname__") as string;
    return module === "builtins" ? qualname : `${str(module)}.${qualname}`;
  }
  return repr(annotation);
}

/** `inspect.Parameter(name, kind, *, default=Parameter.empty, annotation=Parameter.empty)`. */
class ParameterImpl {
  static readonly empty = _empty;
  static readonly POSITIONAL_ONLY = POSITIONAL_ONLY;
  static readonly POSITIONAL_OR_KEYWORD = POSITIONAL_OR_KEYWORD;
  static readonly VAR_POSITIONAL = VAR_POSITIONAL;
  static readonly KEYWORD_ONLY = KEYWORD_ONLY;
  static readonly VAR_KEYWORD = VAR_KEYWORD;
  readonly name: string;
  readonly kind: ParameterKindImpl;
  readonly default: unknown;
  readonly annotation: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = keywords("Parameter", args, 2, ["name", "kind", "default", "annotation"]);
    const name = pos.length > 0 ? pos[0] : kws.name;
    const kind = pos.length > 1 ? pos[1] : kws.kind;
    if (name === undefined || kind === undefined)
      throw new PyTypeError(
        `Parameter.__init__() missing 1 required positional argument: '${name === undefined ? "name" : "kind"}'`,
      );
    this.kind = toKind(kind);
    this.default = given(kws.default, _empty);
    this.annotation = given(kws.annotation, _empty);
    if (this.default !== _empty && (this.kind === VAR_POSITIONAL || this.kind === VAR_KEYWORD))
      throw new ValueError(`${this.kind.description} parameters cannot have default values`);
    if (typeof name !== "string")
      throw new PyTypeError(`name must be a str, not a ${typeName(name)}`);
    if (!IDENTIFIER_RE.test(name) || KEYWORDS.has(name))
      throw new ValueError(`${repr(name)} is not a valid parameter name`);
    this.name = name;
  }

  /** `replace(*, name=, kind=, default=, annotation=)`. */
  replace(...args: unknown[]): ParameterImpl {
    const [, kws] = keywords("replace", args, 0, ["name", "kind", "default", "annotation"]);
    return new ParameterImpl(
      given(kws.name, this.name),
      given(kws.kind, this.kind),
      kw({
        default: given(kws.default, this.default),
        annotation: given(kws.annotation, this.annotation),
      }),
    );
  }

  __str__(): string {
    let formatted = this.name;
    if (this.annotation !== _empty)
      formatted = `${formatted}: ${formatannotation(this.annotation)}`;
    if (this.default !== _empty)
      formatted = `${formatted}${this.annotation !== _empty ? " = " : "="}${repr(this.default)}`;
    if (this.kind === VAR_POSITIONAL) return `*${formatted}`;
    if (this.kind === VAR_KEYWORD) return `**${formatted}`;
    return formatted;
  }

  __repr__(): string {
    return `<${typeName(this)} "${this.__str__()}">`;
  }

  __hash__(): bigint {
    return hash(new Tuple([this.name, this.kind, this.annotation, this.default]));
  }

  __eq__(other: unknown): unknown {
    if (this === other) return true;
    if (!(other instanceof ParameterImpl)) return NotImplemented;
    return (
      this.name === other.name &&
      this.kind === other.kind &&
      eq(this.default, other.default) &&
      eq(this.annotation, other.annotation)
    );
  }
}
export const Parameter = libraryClass(ParameterImpl, "Parameter", "inspect");

const PARAMS = Symbol("parameters");
const PROXY = Symbol("parameters.mappingproxy");

/** `inspect.Signature(parameters=None, *, return_annotation=Signature.empty)`. */
class SignatureImpl {
  static readonly empty = _empty;
  readonly [PARAMS]: ParameterImpl[];
  readonly return_annotation: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = keywords("Signature", args, 1, [
      "parameters",
      "return_annotation",
      "__validate_parameters__",
    ]);
    const parameters = pos.length > 0 ? pos[0] : (kws.parameters ?? null);
    this.return_annotation = given(kws.return_annotation, _empty);
    const params: ParameterImpl[] = [];
    if (parameters !== null) {
      for (const p of iterate(parameters)) {
        if (!(p instanceof ParameterImpl))
          throw new AttributeError(`'${typeName(p)}' object has no attribute 'name'`);
        params.push(p);
      }
      if (kws.__validate_parameters__ === undefined || truthy(kws.__validate_parameters__))
        validate(params);
    }
    this[PARAMS] = params;
  }

  private [PROXY]: unknown = null;

  /** `parameters`: an ordered mapping of names to parameters (a `mappingproxy`, made once). */
  get parameters(): unknown {
    this[PROXY] ??= MappingProxyType(
      new OrderedDict(this[PARAMS].map((p) => new Tuple([p.name, p]))),
    );
    return this[PROXY];
  }

  /** `Signature.from_callable(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False)`. */
  static from_callable(...args: unknown[]): SignatureImpl {
    return signature(...args);
  }

  /** `replace(*, parameters=, return_annotation=)`. */
  replace(...args: unknown[]): SignatureImpl {
    const [, kws] = keywords("replace", args, 0, ["parameters", "return_annotation"]);
    return new SignatureImpl(
      given(kws.parameters, this[PARAMS]),
      kw({ return_annotation: given(kws.return_annotation, this.return_annotation) }),
    );
  }

  /** `bind(*args, **kwargs)`. */
  bind(...args: unknown[]): BoundArgumentsImpl {
    const [pos, kws] = takeKw(args);
    return bindArguments(this, pos, { ...kws }, false);
  }

  /** `bind_partial(*args, **kwargs)`. */
  bind_partial(...args: unknown[]): BoundArgumentsImpl {
    const [pos, kws] = takeKw(args);
    return bindArguments(this, pos, { ...kws }, true);
  }

  __str__(): string {
    const result: string[] = [];
    let posOnlySeparator = false;
    let kwOnlySeparator = true;
    for (const p of this[PARAMS]) {
      if (p.kind === POSITIONAL_ONLY) posOnlySeparator = true;
      else if (posOnlySeparator) {
        result.push("/");
        posOnlySeparator = false;
      }
      if (p.kind === VAR_POSITIONAL) kwOnlySeparator = false;
      else if (p.kind === KEYWORD_ONLY && kwOnlySeparator) {
        result.push("*");
        kwOnlySeparator = false;
      }
      result.push(p.__str__());
    }
    if (posOnlySeparator) result.push("/");
    let rendered = `(${result.join(", ")})`;
    if (this.return_annotation !== _empty)
      rendered += ` -> ${formatannotation(this.return_annotation)}`;
    return rendered;
  }

  __repr__(): string {
    return `<${typeName(this)} ${this.__str__()}>`;
  }

  /** `_hash_basis()`: the keyword-only parameters compare in any order. */
  private basis(): [Tuple, unknown[], unknown] {
    const ordered = this[PARAMS].filter((p) => p.kind !== KEYWORD_ONLY);
    const kwonly = this[PARAMS].filter((p) => p.kind === KEYWORD_ONLY);
    return [new Tuple(ordered), kwonly, this.return_annotation];
  }

  __hash__(): bigint {
    const [ordered, kwonly, ret] = this.basis();
    return hash(new Tuple([ordered, B.frozenset(kwonly), ret]));
  }

  __eq__(other: unknown): unknown {
    if (this === other) return true;
    if (!(other instanceof SignatureImpl)) return NotImplemented;
    const [a, ak, ar] = this.basis();
    const [b, bk, br] = other.basis();
    return (
      eq(a, b) && ak.length === bk.length && ak.every((p) => bk.some((q) => eq(p, q))) && eq(ar, br)
    );
  }
}
export const Signature = libraryClass(SignatureImpl, "Signature", "inspect");

/** The checks of `Signature.__init__` (CPython's messages). */
function validate(params: ParameterImpl[]): void {
  let topKind = POSITIONAL_ONLY as ParameterKindImpl;
  let seenDefault = false;
  const names = new Set<string>();
  for (const p of params) {
    if (p.kind.value < topKind.value)
      throw new ValueError(
        `wrong parameter order: ${topKind.description} parameter before ${p.kind.description} parameter`,
      );
    if (p.kind.value > topKind.value) topKind = p.kind;
    if (p.kind === POSITIONAL_ONLY || p.kind === POSITIONAL_OR_KEYWORD) {
      if (p.default === _empty) {
        if (seenDefault) throw new ValueError("non-default argument follows default argument");
      } else seenDefault = true;
    }
    if (names.has(p.name)) throw new ValueError(`duplicate parameter name: ${repr(p.name)}`);
    names.add(p.name);
  }
}

/** `Signature._bind(args, kwargs, partial=)` (CPython's algorithm and messages). */
function bindArguments(
  sig: SignatureImpl,
  args: unknown[],
  kwargs: Record<string, unknown>,
  partial: boolean,
): BoundArgumentsImpl {
  const params = sig[PARAMS];
  const arguments_ = new Dict<string, unknown>();
  let i = 0;
  let a = 0;
  let extra: ParameterImpl | null = null;
  const posOnlyInKwargs: ParameterImpl[] = [];
  for (;;) {
    if (a >= args.length) {
      if (i >= params.length) break;
      const param = params[i++]!;
      if (param.kind === VAR_POSITIONAL) break;
      if (Object.hasOwn(kwargs, param.name)) {
        if (param.kind === POSITIONAL_ONLY) {
          posOnlyInKwargs.push(param);
          continue;
        }
        extra = param;
        break;
      }
      if (param.kind === VAR_KEYWORD || param.default !== _empty || partial) {
        extra = param;
        break;
      }
      const argtype = param.kind === KEYWORD_ONLY ? " keyword-only" : "";
      throw new PyTypeError(`missing a required${argtype} argument: ${repr(param.name)}`);
    }
    const value = args[a++];
    if (i >= params.length) throw new PyTypeError("too many positional arguments");
    const param = params[i++]!;
    if (param.kind === VAR_KEYWORD || param.kind === KEYWORD_ONLY)
      throw new PyTypeError("too many positional arguments");
    if (param.kind === VAR_POSITIONAL) {
      arguments_.__setitem__(param.name, new Tuple([value, ...args.slice(a)]));
      break;
    }
    if (Object.hasOwn(kwargs, param.name) && param.kind !== POSITIONAL_ONLY)
      throw new PyTypeError(`multiple values for argument ${repr(param.name)}`);
    arguments_.__setitem__(param.name, value);
  }
  let kwargsParam: ParameterImpl | null = null;
  const rest = extra === null ? params.slice(i) : [extra, ...params.slice(i)];
  for (const param of rest) {
    if (param.kind === VAR_KEYWORD) {
      kwargsParam = param;
      continue;
    }
    if (param.kind === VAR_POSITIONAL) continue;
    if (Object.hasOwn(kwargs, param.name)) {
      arguments_.__setitem__(param.name, kwargs[param.name]);
      delete kwargs[param.name];
    } else if (!partial && param.default === _empty)
      throw new PyTypeError(`missing a required argument: ${repr(param.name)}`);
  }
  const left = Object.keys(kwargs);
  if (left.length > 0) {
    if (kwargsParam !== null)
      arguments_.__setitem__(kwargsParam.name, new Dict(Object.entries(kwargs)));
    else if (posOnlyInKwargs.length > 0)
      throw new PyTypeError(
        `got some positional-only arguments passed as keyword arguments: ${repr(posOnlyInKwargs.map((p) => p.name).join(", "))}`,
      );
    else throw new PyTypeError(`got an unexpected keyword argument ${repr(left[0])}`);
  }
  return new BoundArgumentsImpl(sig, arguments_);
}

/** `inspect.BoundArguments(signature, arguments)`: the result of `Signature.bind`. */
class BoundArgumentsImpl {
  arguments: unknown;
  readonly signature: SignatureImpl;

  constructor(signature: unknown, arguments_: unknown) {
    this.signature = signature as SignatureImpl;
    this.arguments = arguments_;
  }

  private lookup(name: string): [boolean, unknown] {
    const d = this.arguments as Dict<string, unknown>;
    return d.has(name) ? [true, d.__getitem__(name)] : [false, undefined];
  }

  /** `args`: the positional arguments, `*args` spread. */
  get args(): Tuple {
    const out: unknown[] = [];
    for (const p of this.signature[PARAMS]) {
      if (p.kind === VAR_KEYWORD || p.kind === KEYWORD_ONLY) break;
      const [found, v] = this.lookup(p.name);
      if (!found) break;
      if (p.kind === VAR_POSITIONAL) out.push(...iterate(v));
      else out.push(v);
    }
    return new Tuple(out);
  }

  /** `kwargs`: the keyword arguments, `**kwargs` spread. */
  get kwargs(): Dict<unknown, unknown> {
    const out = new Dict<unknown, unknown>();
    let started = false;
    for (const p of this.signature[PARAMS]) {
      if (!started) {
        if (p.kind === VAR_KEYWORD || p.kind === KEYWORD_ONLY) started = true;
        else if (!this.lookup(p.name)[0]) {
          started = true;
          continue;
        }
      }
      if (!started) continue;
      const [found, v] = this.lookup(p.name);
      if (!found) continue;
      if (p.kind === VAR_KEYWORD) out.update(v);
      else out.__setitem__(p.name, v);
    }
    return out;
  }

  /** `apply_defaults()`: fill in the missing arguments' defaults (`()`, `{}` for `*`/`**`). */
  apply_defaults(): null {
    const d = new Dict<string, unknown>();
    for (const p of this.signature[PARAMS]) {
      const [found, v] = this.lookup(p.name);
      if (found) d.__setitem__(p.name, v);
      else if (p.default !== _empty) d.__setitem__(p.name, p.default);
      else if (p.kind === VAR_POSITIONAL) d.__setitem__(p.name, new Tuple([]));
      else if (p.kind === VAR_KEYWORD) d.__setitem__(p.name, new Dict());
    }
    this.arguments = d;
    return null;
  }

  __repr__(): string {
    const d = this.arguments as Dict<string, unknown>;
    const parts = [...d.entries()].map(([k, v]) => `${k}=${repr(v)}`);
    return `<${typeName(this)} (${parts.join(", ")})>`;
  }

  __eq__(other: unknown): unknown {
    if (this === other) return true;
    if (!(other instanceof BoundArgumentsImpl)) return NotImplemented;
    return eq(this.signature, other.signature) && eq(this.arguments, other.arguments);
  }
}
export const BoundArguments = libraryClass(BoundArgumentsImpl, "BoundArguments", "inspect");

function iterate(x: unknown): unknown[] {
  return [...(B.list(x) as unknown as Iterable<unknown>)];
}

/**
 * `signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False)`
 * (`_signature_from_callable`).
 */
export function signature(...args: unknown[]): SignatureImpl {
  const [pos, kws] = takeKw(args);
  for (const k of Object.keys(kws))
    if (!["follow_wrapped", "globals", "locals", "eval_str"].includes(k))
      throw new PyTypeError(`signature() got an unexpected keyword argument '${k}'`);
  if (pos.length !== 1) {
    if (pos.length === 0)
      throw new PyTypeError("signature() missing 1 required positional argument: 'obj'");
    throw new PyTypeError(`signature() takes 1 positional argument but ${pos.length} were given`);
  }
  if (kws.eval_str !== undefined && truthy(kws.eval_str))
    throw new NotImplementedError(
      "inspect.signature(eval_str=True) is not supported by asyncio-ts (string annotations are not evaluated)",
    );
  return fromCallable(pos[0], kws.follow_wrapped === undefined || truthy(kws.follow_wrapped));
}

function fromCallable(obj: unknown, followWrapped: boolean, skipBound = true): SignatureImpl {
  if (!callable(obj)) throw new PyTypeError(`${repr(obj)} is not a callable object`);
  if (ismethod(obj)) {
    const func = getattr(obj, "__func__");
    const sig = fromCallable(func, followWrapped, skipBound);
    // A class method's parameters leave `cls` out (it is the JS `this`): nothing to drop.
    return skipBound && !isClassMethod(func) ? boundMethod(sig) : sig;
  }
  if (followWrapped) {
    obj = unwrap(obj, kw({ stop: (f: unknown) => hasOwnSignature(f) }));
    if (ismethod(obj)) return fromCallable(obj, followWrapped, skipBound);
  }
  const own = hasOwnSignature(obj) ? getattr(obj, "__signature__") : null;
  if (own !== null) {
    if (!(own instanceof SignatureImpl))
      throw new PyTypeError(`unexpected object ${repr(own)} in __signature__ attribute`);
    return own;
  }
  if (isPartial(obj)) {
    const p = obj as unknown as { func: unknown; args: Tuple; keywords: Dict };
    return partialSignature(fromCallable(p.func, followWrapped, skipBound), obj);
  }
  if (isClass(obj)) return classSignature(obj, followWrapped);
  if (typeof obj === "function") {
    const params = (obj as unknown as Record<symbol, unknown>)[PARAMETERS];
    if (Array.isArray(params)) return fromFunction(obj, params as string[]);
    // A static or class method read through an instance: the class's function.
    const self = getattr(obj, "__self__", null);
    if (self !== null && typeof self === "object" && !isClass(self)) {
      const name = getattr(obj, "__name__", null);
      const f = typeof name === "string" ? getattr(typeOf(self), name, null) : null;
      if (typeof f === "function" && f !== obj && PARAMETERS in f)
        return fromCallable(f, followWrapped, skipBound);
    }
    throw new ValueError(`no signature found for ${isbuiltin(obj) ? "builtin " : ""}${repr(obj)}`);
  }
  // An instance of a program class with `__call__`: the bound `__call__`.
  const cls = typeOf(obj);
  const m = (cls.prototype as Record<string, unknown> | undefined)?.__call__;
  if (isTranspiledClass(cls) && typeof m === "function")
    return boundMethod(fromCallable(m, followWrapped, skipBound));
  throw new ValueError(`callable ${repr(obj)} is not supported by signature`);
}

function hasOwnSignature(f: unknown): boolean {
  return (
    (typeof f === "function" || (typeof f === "object" && f !== null)) &&
    getattr(f, "__signature__", null) !== null
  );
}

/** `_signature_bound_method(sig)`: drop the first parameter (`self`). */
function boundMethod(sig: SignatureImpl): SignatureImpl {
  const params = sig[PARAMS];
  const first = params[0];
  if (first === undefined || first.kind === VAR_KEYWORD || first.kind === KEYWORD_ONLY)
    throw new ValueError("invalid method signature");
  const rest = first.kind === VAR_POSITIONAL ? params : params.slice(1);
  return sig.replace(kw({ parameters: new Tuple(rest) }));
}

/** `_signature_from_function`: the parameter list with the function's defaults and annotations. */
function fromFunction(fn: Function, spec: string[]): SignatureImpl {
  const defaults = getattr(fn, "__defaults__", null);
  const posDefaults = defaults instanceof Tuple ? defaults.items : [];
  const kwdefaults = getattr(fn, "__kwdefaults__", null) as Dict<string, unknown> | null;
  const annotations = getattr(fn, "__annotations__", null) as Dict<string, unknown> | null;
  const annotation = (name: string) =>
    annotations?.has(name) ? annotations.__getitem__(name) : _empty;
  const slash = spec.indexOf("/");
  const positional = spec.filter((s, i) => s !== "/" && !s.startsWith("*") && i < firstStar(spec));
  const nonDefault = positional.length - posDefaults.length;
  const out: ParameterImpl[] = [];
  positional.forEach((name, i) => {
    const kind = slash >= 0 && spec.indexOf(name) < slash ? POSITIONAL_ONLY : POSITIONAL_OR_KEYWORD;
    const dflt = i >= nonDefault ? posDefaults[i - nonDefault] : _empty;
    out.push(new ParameterImpl(name, kind, kw({ default: dflt, annotation: annotation(name) })));
  });
  for (const s of spec.slice(firstStar(spec))) {
    if (s === "*" || s === "/") continue;
    if (s.startsWith("**"))
      out.push(
        new ParameterImpl(s.slice(2), VAR_KEYWORD, kw({ annotation: annotation(s.slice(2)) })),
      );
    else if (s.startsWith("*"))
      out.push(
        new ParameterImpl(s.slice(1), VAR_POSITIONAL, kw({ annotation: annotation(s.slice(1)) })),
      );
    else {
      const dflt =
        kwdefaults instanceof Dict && kwdefaults.has(s) ? kwdefaults.__getitem__(s) : _empty;
      out.push(
        new ParameterImpl(s, KEYWORD_ONLY, kw({ default: dflt, annotation: annotation(s) })),
      );
    }
  }
  return new SignatureImpl(
    new Tuple(out),
    kw({ return_annotation: annotation("return"), __validate_parameters__: false }),
  );
}

/** The index of the first `*`, `*args` or `**kwargs` of a parameter list (or its length). */
function firstStar(spec: string[]): number {
  const i = spec.findIndex((s) => s.startsWith("*"));
  return i < 0 ? spec.length : i;
}

/** `_signature_get_partial(wrapped_sig, partial)`. */
function partialSignature(sig: SignatureImpl, partial: unknown): SignatureImpl {
  const p = partial as { args: Tuple; keywords: Dict<string, unknown> };
  const partialKeywords: Record<string, unknown> = {};
  for (const [k, v] of p.keywords.entries()) partialKeywords[k] = v;
  let ba: BoundArgumentsImpl;
  try {
    ba = bindArguments(sig, [...p.args.items], { ...partialKeywords }, true);
  } catch (e) {
    if (e instanceof PyTypeError)
      throw new ValueError(`partial object ${repr(partial)} has incorrect arguments`);
    throw e;
  }
  const bound = ba.arguments as Dict<string, unknown>;
  const params: ParameterImpl[] = [...sig[PARAMS]];
  const moved: ParameterImpl[] = [];
  let toKwOnly = false;
  for (const param of sig[PARAMS]) {
    const at = () => params.findIndex((q) => q.name === param.name);
    if (bound.has(param.name)) {
      const value = bound.__getitem__(param.name);
      if (param.kind === POSITIONAL_ONLY) {
        params.splice(at(), 1);
        continue;
      }
      if (param.kind === POSITIONAL_OR_KEYWORD) {
        if (Object.hasOwn(partialKeywords, param.name)) {
          toKwOnly = true;
          params[at()] = param.replace(kw({ default: value }));
        } else {
          params.splice(at(), 1);
          continue;
        }
      }
      if (param.kind === KEYWORD_ONLY) params[at()] = param.replace(kw({ default: value }));
    }
    if (toKwOnly) {
      // `move_to_end`: the parameter goes after all the others.
      const j = at();
      if (param.kind === POSITIONAL_OR_KEYWORD) {
        moved.push(params[j]!.replace(kw({ kind: KEYWORD_ONLY })));
        params.splice(j, 1);
      } else if (param.kind === KEYWORD_ONLY || param.kind === VAR_KEYWORD) {
        moved.push(params[j]!);
        params.splice(j, 1);
      } else if (param.kind === VAR_POSITIONAL) params.splice(j, 1);
    }
  }
  return sig.replace(kw({ parameters: new Tuple([...params, ...moved]) }));
}

/**
 * A class's signature: that of the first user-defined `__new__` or `__init__` up its MRO,
 * without its first parameter; `()` when the program's classes define neither.
 */
function classSignature(cls: Function, followWrapped: boolean): SignatureImpl {
  for (const K of mro(cls)) {
    if (K === B.object) break;
    // A runtime class (`Exception`, `asyncio.Queue`): its parameters are not known.
    if (!isTranspiledClass(K))
      throw new ValueError(`no signature found for builtin type ${repr(cls)}`);
    if (Object.hasOwn(K, "__new__"))
      return boundMethod(
        fromCallable((K as unknown as { __new__: unknown }).__new__, followWrapped),
      );
    const proto = K.prototype as Record<string, unknown>;
    if (Object.hasOwn(proto, "__init__")) {
      const init = proto.__init__;
      if (typeof init === "function" && STUB_INIT.test(String(init))) continue;
      return boundMethod(fromCallable(init, followWrapped));
    }
  }
  return new SignatureImpl();
}
