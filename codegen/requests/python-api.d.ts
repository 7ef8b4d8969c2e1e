/**
 * The API the transpiler expects from "asyncio-ts/python", as a declaration file.
 *
 * Generated code is type-checked against src/python/index.ts when it exists; until then (and to
 * document the contract) against this file. Every name here is used by generated code; the ones
 * marked REQUEST were not in src/python when the transpiler was written and are requests to its
 * author (listed again in docs/ARCHITECTURE.md, "Transpiler (codegen)").
 */

// Python builtins (imported by name).
export declare const print: any;
export declare const len: any;
export declare const range: any;
export declare const str: any;
export declare const repr: any;
export declare const int: any;
export declare const float: any;
export declare const bool: any;
export declare const list: any;
export declare const dict: any;
export declare const tuple: any;
export declare const set: any;
export declare const frozenset: any;
export declare const bytes: any;
export declare const bytearray: any;
export declare const type: any;
export declare const isinstance: any;
export declare const issubclass: any;
export declare const abs: any;
export declare const min: any;
export declare const max: any;
export declare const sum: any;
export declare const sorted: any;
export declare const reversed: any;
export declare const enumerate: any;
export declare const zip: any;
export declare const map: any;
export declare const filter: any;
export declare const any: any;
export declare const all: any;
export declare const iter: any;
export declare const next: any;
export declare const aiter: any;
export declare const anext: any;
export declare const round: any;
export declare const divmod: any;
export declare const pow: any;
export declare const hash: any;
export declare const id: any;
export declare const chr: any;
export declare const ord: any;
export declare const hex: any;
export declare const oct: any;
export declare const bin: any;
export declare const format: any;
export declare const callable: any;
export declare const getattr: any;
export declare const setattr: any;
export declare const hasattr: any;
export declare const delattr: any;
export declare const vars: any;
export declare const object: any;
export declare const input: any;
export declare const ascii: any;
export declare const slice: any;
export declare const property: any;
export declare const staticmethod: any;
export declare const classmethod: any;
export declare const dir: any;
export declare const open: any;
export declare const NotImplemented: any;
export declare const Ellipsis: any;

// Builtin exceptions (classes: constructed with `new`).
export declare class BaseException extends Error {
  constructor(...args: any[]);
  args: any;
  /** REQUEST: `super().__init__(*args)` from a subclass's `__init__` (sets `args`). */
  __init__(...args: any[]): any;
  [key: string]: any;
}
export declare class BaseExceptionGroup extends BaseException {}
export declare class ExceptionGroup extends BaseException {}
export declare class Exception extends BaseException {}
export declare class ArithmeticError extends BaseException {}
export declare class AssertionError extends BaseException {}
export declare class AttributeError extends BaseException {}
export declare class BufferError extends BaseException {}
export declare class EOFError extends BaseException {}
export declare class FloatingPointError extends BaseException {}
export declare class GeneratorExit extends BaseException {}
export declare class ImportError extends BaseException {}
export declare class IndexError extends BaseException {}
export declare class KeyError extends BaseException {}
export declare class KeyboardInterrupt extends BaseException {}
export declare class LookupError extends BaseException {}
export declare class MemoryError extends BaseException {}
export declare class ModuleNotFoundError extends BaseException {}
export declare class NameError extends BaseException {}
export declare class NotImplementedError extends BaseException {}
export declare class OSError extends BaseException {}
export declare class OverflowError extends BaseException {}
export declare class RecursionError extends BaseException {}
export declare class ReferenceError extends BaseException {}
export declare class RuntimeError extends BaseException {}
export declare class StopAsyncIteration extends BaseException {}
export declare class StopIteration extends BaseException {}
export declare class SyntaxError extends BaseException {}
export declare class SystemError extends BaseException {}
export declare class SystemExit extends BaseException {}
export declare class TimeoutError extends BaseException {}
export declare class TypeError extends BaseException {}
export declare class UnboundLocalError extends BaseException {}
export declare class UnicodeError extends BaseException {}
export declare class UnicodeDecodeError extends BaseException {}
export declare class UnicodeEncodeError extends BaseException {}
export declare class ValueError extends BaseException {}
export declare class ZeroDivisionError extends BaseException {}
export declare class ConnectionError extends BaseException {}
export declare class BrokenPipeError extends BaseException {}
export declare class ConnectionResetError extends BaseException {}
export declare class ConnectionRefusedError extends BaseException {}
export declare class ConnectionAbortedError extends BaseException {}
export declare class FileNotFoundError extends BaseException {}
export declare class FileExistsError extends BaseException {}
export declare class PermissionError extends BaseException {}
export declare class BlockingIOError extends BaseException {}
export declare class ChildProcessError extends BaseException {}
export declare class InterruptedError extends BaseException {}
export declare class IsADirectoryError extends BaseException {}
export declare class NotADirectoryError extends BaseException {}
export declare class ProcessLookupError extends BaseException {}
export declare class Warning extends BaseException {}
export declare class UserWarning extends BaseException {}
export declare class DeprecationWarning extends BaseException {}
export declare class RuntimeWarning extends BaseException {}
export declare class ResourceWarning extends BaseException {}
export declare class PendingDeprecationWarning extends BaseException {}
export declare class SyntaxWarning extends BaseException {}
export declare class FutureWarning extends BaseException {}
export declare class ImportWarning extends BaseException {}
export declare class UnicodeWarning extends BaseException {}
export declare class BytesWarning extends BaseException {}
export declare class EncodingWarning extends BaseException {}
export declare class IndentationError extends BaseException {}
export declare class TabError extends BaseException {}
export declare class PythonFinalizationError extends BaseException {}
export declare const IOError: typeof OSError;
export declare const EnvironmentError: typeof OSError;
export declare function exit(code?: unknown): never;
export declare function quit(code?: unknown): never;

// Keyword arguments.
export declare class Kw<T extends object = Record<string, unknown>> {
  readonly kwargs: T;
  constructor(kwargs: T);
}
export declare function kw<T extends object>(kwargs: T): Kw<T>;

// Truth, iteration, items, attributes, calls.
export declare function truthy(x: unknown): boolean;
export declare function getitem(x: unknown, k: unknown): any;
export declare function setitem(x: unknown, k: unknown, v: unknown): void;
export declare function delitem(x: unknown, k: unknown): void;
export declare function contains(container: unknown, x: unknown): boolean;
export declare function callMethod(obj: unknown, name: string, ...args: unknown[]): any;
export declare function call(f: unknown, ...args: unknown[]): any;
export declare function unpack(x: unknown, n: number): any[];
export declare function getslice(x: unknown, start: unknown, stop: unknown, step: unknown): any;
export declare function setslice(
  x: unknown,
  start: unknown,
  stop: unknown,
  step: unknown,
  v: unknown,
): void;
export declare function delslice(x: unknown, start: unknown, stop: unknown, step: unknown): void;
export declare function set_of(...items: unknown[]): any;
export declare function set_of_consts(...items: unknown[]): any;
export declare function unpackStar(x: unknown, before: number, after: number): any[];
/** REQUEST: `{**m}` in a dict display: the [key, value] pairs of a mapping. */
export declare function dictItems(m: unknown): Iterable<[unknown, unknown]>;
/** REQUEST: `f(**m)`: a mapping as a plain object of keyword arguments (TypeError if a key is not a str). */
export declare function kwargs(m: unknown, callee?: unknown): Record<string, unknown>;
/** REQUEST: `f(a=1, **m)`: the keyword parts in source order, merged (TypeError on a repeated name). */
export declare function mergeKwargs(
  callee: unknown,
  ...parts: Record<string, unknown>[]
): Record<string, unknown>;
/** REQUEST: `f(*xs)` / `[*xs]`: an iterator of `xs` (CPython's "argument after * must be an iterable"). */
export declare function starIter(x: unknown, callee?: unknown): Iterable<unknown>;
/** REQUEST: `import m` of a missing module in a `try` catching ImportError: raises ModuleNotFoundError. */
export declare function moduleNotFound(name: string): any;

// Operators (the names of Python's operator module).
export declare function add(a: unknown, b: unknown): any;
export declare function sub(a: unknown, b: unknown): any;
export declare function mul(a: unknown, b: unknown): any;
export declare function truediv(a: unknown, b: unknown): any;
export declare function floordiv(a: unknown, b: unknown): any;
export declare function mod(a: unknown, b: unknown): any;
export declare function pow_op(a: unknown, b: unknown): any;
export declare function matmul(a: unknown, b: unknown): any;
export declare function lshift(a: unknown, b: unknown): any;
export declare function rshift(a: unknown, b: unknown): any;
export declare function and_(a: unknown, b: unknown): any;
export declare function or_(a: unknown, b: unknown): any;
export declare function xor(a: unknown, b: unknown): any;
export declare function iadd(a: unknown, b: unknown): any;
export declare function isub(a: unknown, b: unknown): any;
export declare function augitem(
  x: unknown,
  k: unknown,
  op: (a: unknown, b: unknown) => unknown,
  v: unknown,
): void;
export declare function inplace(op: string, a: unknown, b: unknown): any;
export declare function eq(a: unknown, b: unknown): boolean;
export declare function ne(a: unknown, b: unknown): boolean;
export declare function lt(a: unknown, b: unknown): boolean;
export declare function le(a: unknown, b: unknown): boolean;
export declare function gt(a: unknown, b: unknown): boolean;
export declare function ge(a: unknown, b: unknown): boolean;
export declare function neg(a: unknown): any;
export declare function pos(a: unknown): any;
export declare function invert(a: unknown): any;

// Functions and classes.
/**
 * REQUEST: a function's parameter list for run-time argument binding. `params` lists names in
 * order with "/" after positional-only ones, "*" before keyword-only ones (when there is no
 * `*args`), "*args" and "**kwargs"; `defaults` maps parameter names to their default values;
 * `bound` counts the parameters bound before the call (1 for a method's `self` or `cls`), which
 * CPython's "takes 2 positional arguments but 3 were given" includes.
 */
export declare function signature(
  qualname: string,
  params: string[],
  defaults?: Record<string, unknown>,
  bound?: number,
): unknown;
/**
 * REQUEST: bind call arguments (positional values, optionally ending with a Kw) to a signature:
 * returns one value per parameter in order (`*args` as a tuple, `**kwargs` as a dict), raising
 * CPython's TypeErrors ("f() got an unexpected keyword argument 'x'", "f() missing 1 required
 * positional argument: 'a'", "f() got multiple values for argument 'a'", "f() takes 2 positional
 * arguments but 3 were given").
 */
export declare function bind(sig: unknown, args: unknown[]): any[];
/**
 * The guard of a natural signature, as the initializer of its last required parameter:
 * `function f(a: any, b: any = $py.missingArgs("f", ["a", "b"], a))` raises "f() missing 1
 * required positional argument: 'b'" for the names whose values (`given`, then the parameter
 * itself) are `undefined`, i.e. were not passed.
 */
export declare function missingArgs(qualname: string, names: string[], ...given: unknown[]): never;
/**
 * A call known at compile time to pass a wrong number of arguments: its arguments are evaluated,
 * then `TypeError(message)` is raised.
 */
export declare function callError(message: string, ...args: unknown[]): any;
/**
 * REQUEST: give a function its `__annotations__` (a dict of the `[name, value]` pairs, in
 * order; src/python/annotations.ts). Returns the function.
 */
export declare function annotate<F extends Function>(
  fn: F,
  entries: [string, unknown][],
  parameters?: string[],
): F;
/**
 * REQUEST: finish a transpiled class: set __name__/__qualname__/__module__, make class attributes
 * (static fields) readable through instances, bind methods on attribute access, give instances
 * with __iter__/__await__/__aiter__ the JS protocols, and call the parent's __init_subclass__
 * with the class keywords `classKw` (`class P(Base, name="x")`). Returns the class.
 */
export declare function pyclass<C extends Function>(
  cls: C,
  qualname: string,
  module?: string,
  classKw?: Kw,
): C;
export declare function pyclass<C extends abstract new (...args: never) => unknown>(
  cls: C,
  qualname: string,
  module?: string,
  classKw?: Kw,
): C;
/**
 * REQUEST: after the program's class decorators: what they stored on the class with plain
 * assignments (`cls.extra = 1`) is seen through instances too. Returns the class.
 */
export declare function refreshClass<C>(cls: C): C;
/**
 * Give a function its `__defaults__` (positional defaults) and `__kwdefaults__` and link its
 * run-time signature (if any) to them; returns the function (src/python/functions.ts).
 */
export declare function defaults<F extends Function>(
  fn: F,
  positional: unknown[] | null,
  kwonly?: Record<string, unknown> | null,
  sig?: unknown,
): F;
/** A class body's method read as a value (`property(getx)`): a function taking `self` first. */
export declare function methodFunction(fn: Function): any;
/** A class body's decorated property read as a value (`x = x.setter(f)`): its property object. */
export declare function propertyOf(cls: Function, name: string): any;
/** A read of an enclosing function's variable that may be unbound (NameError). */
export declare function checkFree<T>(value: T, name: string): T;
/** A read of a module-level name that may be unbound (NameError). */
export declare function checkGlobal<T>(value: T, name: string): T;
/** REQUEST: set a function's Python __qualname__/__name__ (nested defs, lambdas); returns it. */
export declare function named<F extends Function>(fn: F, qualname: string, doc?: string): F;
/** The iterator of `for x in g:` (an object the program may hold): leaving the loop does not close it. */
export declare function iterHeld(x: unknown): Iterable<any>;
/** REQUEST: a generator expression: calls the function (with the first iterable) and marks the generator as a Python generator. */
export declare function genexpr(
  fn: (first?: any) => Generator<unknown, unknown, unknown>,
  qualname?: string,
  first?: unknown,
): any;

// Exceptions.
/** `raise`: marks the exception as raised (tracebacks print their header). */
export declare function markRaised<E>(exc: E): E;
/** map any thrown JS value to a Python exception (RangeError "Maximum call stack" -> RecursionError, ...). */
export declare function toPyException(e: unknown): any;
/** REQUEST: `except E:` where E is not a class literal (a tuple of classes held in a variable). */
export declare function exceptionMatches(exc: unknown, spec: unknown): boolean;
/** REQUEST: `raise X`: X itself when it is an exception instance, X() when it is a class, else TypeError. */
export declare function exceptionOf(x: unknown): any;
/** REQUEST: `raise exc from cause`: sets __cause__ (null for `from None`) and __suppress_context__; returns exc. */
export declare function withCause(exc: unknown, cause: unknown): any;
/** `except`/`finally`: a caught value as a Python exception, chained to what is being handled. */
export declare function caught(e: unknown): any;
/** Entering/leaving a handler: `sys.exception()` is `exc` in between. */
export declare function excEnter(exc: unknown, first?: number, last?: number): void;
/** A bare `raise` in a handler, or no handler matched: the exception, raised again. */
export declare function rethrow(exc: unknown): any;
export declare function excLeave(exc: unknown): void;
/** A `try` whose handlers cannot show more of a traceback: its caught classes are made with at most `limit` (0) frames of JS stack until `stacksAgain`. */
export declare function noStackFor(
  classes: Function | readonly Function[],
  limit?: number,
): unknown;
export declare function stacksAgain(previous: unknown): void;
/** An expression statement's value that may be a coroutine: warns if it never ran ("never awaited"). */
export declare function discard(value: unknown): void;
/** A NameError (or AttributeError) with Python's `name`: the variable (or attribute). */
export declare function withName<E>(exc: E, name: string): E;
/** `@deco def m(self)` in a class body: apply the decorators to the method as Python has it and install the result (`above`: how many sit above `@classmethod`/`@staticmethod`). */
export declare function decorateMethod(
  cls: Function,
  name: string,
  decorators: unknown[],
  kind?: "instance" | "class" | "static",
  above?: number,
): void;
/** `raise x` / `raise x from cause` (`cause` null for `from None`): the exception to throw. */
export declare function raiseExc(x: unknown, ...from: unknown[]): any;
/** A bare `raise` outside an except block: the exception being handled (RuntimeError if none). */
export declare function reraise(): any;
/** `except*`: start, match one clause, collect what a handler raised, what to raise at the end. */
export declare function starBegin(
  e: unknown,
  first?: number,
  last?: number,
): { readonly orig: unknown };
export declare function starMatch(state: unknown, spec: unknown): any;
export declare function starRaised(state: unknown, e: unknown): void;
export declare function starEnd(state: unknown): any;

// match
/** REQUEST: a sequence pattern's subject as n items (the starred one as a list), or null. */
export declare function matchSequence(subject: unknown, n: number, star: number): any[] | null;
/** REQUEST: a mapping pattern: the values of keys (all present), or null. */
export declare function matchMapping(subject: unknown, keys: unknown[]): any[] | null;
/** REQUEST: `**rest` in a mapping pattern. */
export declare function mappingRest(subject: unknown, keys: unknown[]): any;
/** REQUEST: the i-th positional sub-pattern's subject of a class pattern (__match_args__), or undefined when missing. */
export declare function matchClassArg(subject: unknown, cls: unknown, i: number, n: number): any;

// with / async with / async for.
/** REQUEST: a context manager for `with` (see codegen/lower/with.ts for the protocol). */
export declare function withCtx(cm: unknown): {
  enter(): any;
  exit(e: unknown, first?: number, last?: number): void;
  exitAsync(e: unknown, first?: number, last?: number): Promise<void>;
  close(): any;
};
/** REQUEST: the same for `async with` (__aenter__/__aexit__). */
export declare function asyncWithCtx(cm: unknown): {
  aenter(): Iterable<unknown, any, unknown>;
  aexit(e: unknown, first?: number, last?: number): Generator<unknown, void, unknown>;
  aclose(): Iterable<unknown, void, unknown>;
};
/** REQUEST: PEP 479's RuntimeError for a StopIteration leaving a generator body (else `e`). */
export declare function pep479(e: unknown, what: "generator" | "async generator"): unknown;
/** REQUEST: one step of `async for`: awaits it.__anext__(); done on StopAsyncIteration. */
export declare function anextStep(
  it: unknown,
): Generator<unknown, IteratorResult<any, unknown>, unknown>;

// Stdlib modules (`import time` -> `$py.time`).
export declare const time: any;
export declare const random: any;
export declare const sys: any;
export declare const functools: any;
export declare const contextlib: any;
export declare const dataclasses: any;
export declare const datetime: any;
export declare const decimal: any;
export declare const errno: any;
export declare const fnmatch: any;
export declare const glob: any;
export declare const fractions: any;
export declare const collections: any;
export declare const itertools: any;
export declare const math: any;
export declare const logging: any;
export declare const json: any;
export declare const heapq: any;
export declare const operator: any;
export declare const statistics: any;
export declare const string: any;
export declare const os: any;
export declare const pathlib: any;
export declare const signal: any;
export declare const textwrap: any;
export declare const copy: any;
export declare const csv: any;
export declare const re: any;
export declare const reprlib: any;
export declare const io: any;
export declare const base64: any;
export declare const binascii: any;
export declare const hashlib: any;
export declare const hmac: any;
export declare const uuid: any;
export declare const urllib: any;
export declare const concurrent: any;
export declare const shlex: any;
export declare const shutil: any;
export declare const tempfile: any;
export declare const argparse: any;
export declare const inspect: any;
export declare const atexit: any;
export declare const threading: any;
export declare const queue: any;
export declare const numbers: any;
export declare const secrets: any;
export declare const zlib: any;
export declare const unicodedata: any;
export declare const struct: any;
export declare const pprint: any;
