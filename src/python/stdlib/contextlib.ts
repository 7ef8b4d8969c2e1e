/**
 * Python's `contextlib`: contextmanager, asynccontextmanager, ContextDecorator,
 * AsyncContextDecorator, suppress, closing, aclosing,
 * nullcontext, redirect_stdout/redirect_stderr, ExitStack, AsyncExitStack,
 * AbstractContextManager/AbstractAsyncContextManager.
 *
 * The `with` protocol is the one generated code uses (codegen/lower/with.ts): `__enter__()` and
 * `__exit__(type, value, tb)` (a truthy result suppresses). For `async with`, `__aenter__()` and
 * `__aexit__(...)` return coroutines, i.e. generators driven with `yield*`.
 *
 * A `@contextmanager` function is a transpiled generator function (a `function*`): `__enter__`
 * runs it to its first `yield`, `__exit__` resumes it or throws the exception in at the `yield`.
 * An `@asynccontextmanager` function returns an async generator (src/asyncio/asyncgen.ts), stepped
 * with `__anext__()`/`athrow()`.
 *
 * The objects made by `@contextmanager`/`@asynccontextmanager` are ContextDecorators, as in
 * CPython: calling one with a function (`timed()(f)`) wraps each call of `f` in a fresh `with`.
 * Difference from CPython (docs/DIFFERENCES.md): `@timed()` written over a `def` is applied by
 * the transpiler as a plain function call, which such an object is not.
 */

import { markcoroutinefunction } from "../../asyncio/coroutines";
import { Dict } from "../dict";
import {
  AttributeError,
  type BaseException,
  BaseExceptionGroup,
  TypeError as PyTypeError,
  RuntimeError,
  StopAsyncIteration,
  StopIteration,
  toPyException,
} from "../exceptions";
import { streams } from "../io";
import { Kw } from "../kw";
import { awaitOperand } from "../lang";
import { classModule, classQualname } from "../objects";
import { call, callMethod, truthy } from "../protocol";
import { exceptionMatches } from "../raise";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { update_wrapper } from "./functools";
import { initFromConstructor, libraryClass, takeKw } from "./types";

type Gen = Generator<unknown, unknown, unknown>;
type Coro<T = unknown> = Generator<unknown, T, unknown>;
type Fn = (...args: any[]) => any;

function qualifiedName(obj: unknown): string {
  const cls = typeOf(obj);
  const mod = classModule(cls);
  return `${mod}.${classQualname(cls)}`;
}

// ---------------------------------------------------------------- abstract bases

class AbstractContextManagerImpl {
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, AbstractContextManagerImpl, args);
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  __enter__(): unknown {
    return this;
  }
  __exit__(_t: unknown, _v: unknown, _tb: unknown): unknown {
    return null;
  }
}
export const AbstractContextManager = libraryClass(
  AbstractContextManagerImpl,
  "AbstractContextManager",
  "contextlib",
);

class AbstractAsyncContextManagerImpl {
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, AbstractAsyncContextManagerImpl, args);
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  *__aenter__(): Coro {
    return this;
  }
  *__aexit__(_t: unknown, _v: unknown, _tb: unknown): Coro {
    return null;
  }
}
export const AbstractAsyncContextManager = libraryClass(
  AbstractAsyncContextManagerImpl,
  "AbstractAsyncContextManager",
  "contextlib",
);

// ---------------------------------------------------------------- ContextDecorator

/**
 * ContextDecorator's `__call__(func)`: `func` wrapped (functools.wraps) so that each call runs
 * inside `with cm():`, `cm` giving the context manager (`self._recreate_cm()`).
 */
function decorateSync(cm: () => unknown, func: Fn): Fn {
  const inner = function (this: unknown, ...args: unknown[]) {
    const m = cm();
    callMethod(m, "__enter__");
    let result: unknown;
    try {
      result = call(bindReceiver(func, this), ...args);
    } catch (e) {
      const exc = toPyException(e);
      if (!truthy(callMethod(m, "__exit__", typeOf(exc), exc, null))) throw exc;
      return null;
    }
    callMethod(m, "__exit__", null, null, null);
    return result;
  };
  return update_wrapper(inner, func) as Fn;
}

/** AsyncContextDecorator's `__call__(func)`: each call of the coroutine function in `async with`. */
function decorateAsync(cm: () => unknown, func: Fn): Fn {
  const inner = markcoroutinefunction(function* (this: unknown, ...args: unknown[]): Coro {
    const m = cm();
    yield* awaitOperand(callMethod(m, "__aenter__")) as Coro;
    let result: unknown;
    try {
      result = yield* awaitOperand(call(bindReceiver(func, this), ...args)) as Coro;
    } catch (e) {
      const exc = toPyException(e);
      const exit = callMethod(m, "__aexit__", typeOf(exc), exc, null);
      if (!truthy(yield* awaitOperand(exit) as Coro)) throw exc;
      return null;
    }
    yield* awaitOperand(callMethod(m, "__aexit__", null, null, null)) as Coro;
    return result;
  });
  return update_wrapper(inner, func) as Fn;
}

class ContextDecoratorImpl {
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, ContextDecoratorImpl, args);
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  /** The context manager for one call: this one (a subclass may make a fresh one). */
  _recreate_cm(): unknown {
    return this;
  }
  __call__(func: Fn): Fn {
    return decorateSync(() => callMethod(this, "_recreate_cm"), func);
  }
}
/** `contextlib.ContextDecorator`: a base class making a context manager usable as a decorator. */
export const ContextDecorator = libraryClass(
  ContextDecoratorImpl,
  "ContextDecorator",
  "contextlib",
);

class AsyncContextDecoratorImpl {
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, AsyncContextDecoratorImpl, args);
  }
  __init__(..._args: unknown[]): null {
    return null;
  }
  _recreate_cm(): unknown {
    return this;
  }
  __call__(func: Fn): Fn {
    return decorateAsync(() => callMethod(this, "_recreate_cm"), func);
  }
}
/** `contextlib.AsyncContextDecorator`: ContextDecorator for `async with` and `async def`. */
export const AsyncContextDecorator = libraryClass(
  AsyncContextDecoratorImpl,
  "AsyncContextDecorator",
  "contextlib",
);

// ---------------------------------------------------------------- contextmanager

/**
 * What `_GeneratorContextManagerBase.__init__` keeps: the generator, and the function and
 * arguments that made it (`func`, `args`, `kwds`), which `__enter__`/`__aenter__` delete, so that
 * a second `with` of the same object fails as in CPython (AttributeError on `args`), and which
 * `_recreate_cm()` reuses when the object decorates a function (ContextDecorator).
 */
abstract class GeneratorContextManagerBase<G> {
  gen: G;
  func?: Fn;
  args?: Tuple;
  kwds?: Dict;
  __doc__: unknown;

  constructor(func: Fn, args: unknown) {
    const [pos, kws] = takeKw(args as unknown[]);
    this.gen = call(func, ...(args as unknown[])) as G;
    this.func = func;
    this.args = new Tuple(pos);
    this.kwds = new Dict(Object.entries(kws));
    this.__doc__ =
      (func as { __doc__?: unknown }).__doc__ ??
      (this.constructor as { __doc__?: unknown }).__doc__ ??
      null;
  }

  /** `self.__class__(self.func, self.args, self.kwds)`, a fresh one for each decorated call. */
  _recreate_cm(): this {
    const C = this.constructor as new (func: Fn, args: unknown[]) => this;
    const pos = (this.args as Tuple).items;
    const kws = Object.fromEntries((this.kwds as Dict).entries() as Iterable<[string, unknown]>);
    return new C(this.func as Fn, Object.keys(kws).length > 0 ? [...pos, new Kw(kws)] : [...pos]);
  }

  /** `del self.args, self.kwds, self.func` at the start of `__enter__`/`__aenter__`. */
  protected consumeArgs(): void {
    for (const name of ["args", "kwds", "func"] as const) {
      if (!(name in this)) {
        throw new AttributeError(
          `'${classQualname(typeOf(this))}' object has no attribute '${name}'`,
        );
      }
      delete this[name];
    }
  }
}

/** The object a `@contextmanager` function returns (CPython's `_GeneratorContextManager`). */
class GeneratorContextManager extends GeneratorContextManagerBase<Gen> {
  static readonly __name__ = "_GeneratorContextManager";
  static readonly __module__ = "contextlib";
  static readonly __doc__ = "Helper for @contextmanager decorator.";

  /** ContextDecorator: `@cm(...)` over a function runs each call inside a fresh `with`. */
  __call__(func: Fn): Fn {
    return decorateSync(() => this._recreate_cm(), func);
  }

  __enter__(): unknown {
    this.consumeArgs();
    const gen = this.gen as Gen | null;
    if (gen === null || typeof (gen as { next?: unknown }).next !== "function") {
      throw new PyTypeError(`'${typeName(gen)}' object is not an iterator`);
    }
    const r = gen.next();
    if (r.done) throw new RuntimeError("generator didn't yield");
    return r.value;
  }

  __exit__(typ: unknown, value: unknown, _tb: unknown): boolean {
    if (typ === null || typ === undefined) {
      const r = this.gen.next();
      if (r.done) return false;
      const err = new RuntimeError("generator didn't stop");
      closeAfter(err, () => this.gen.return(undefined));
      throw err;
    }
    const exc = value === null || value === undefined ? call(typ) : value;
    let r: IteratorResult<unknown>;
    try {
      r = this.gen.throw(exc);
    } catch (e) {
      if (e instanceof StopIteration) return e !== exc;
      if (e === exc) return false;
      // PEP 479 turned a StopIteration thrown in (and not caught) into a RuntimeError.
      if (e instanceof RuntimeError && exc instanceof StopIteration && e.__cause__ === exc)
        return false;
      throw e;
    }
    if (r.done) return true;
    const err = new RuntimeError("generator didn't stop after throw()");
    closeAfter(err, () => this.gen.return(undefined));
    throw err;
  }
}

/**
 * `try: raise err finally: close()`: the exception `close()` raises (a generator that ignores
 * GeneratorExit) replaces `err`, with `err` as its context.
 */
function closeAfter(err: BaseException, close: () => unknown): void {
  try {
    close();
  } catch (e) {
    const exc = toPyException(e);
    if (exc !== err && exc.__context__ === null) exc.__context__ = err;
    throw exc;
  }
}

/** `@contextlib.contextmanager`. */
export function contextmanager(func: Fn): Fn {
  const helper = function (this: unknown, ...args: unknown[]) {
    return new GeneratorContextManager(bindReceiver(func, this), args);
  };
  copyNames(helper, func);
  return helper;
}

/**
 * A decorated method (`@contextmanager def m(self)` in a class body) is installed on the
 * prototype, where generated code calls it with the instance as `this`, not as a first
 * argument: the helper passes that receiver on to the generator function.
 */
function bindReceiver(func: Fn, receiver: unknown): Fn {
  return receiver === undefined || receiver === null
    ? func
    : (...args: unknown[]) => func.apply(receiver, args);
}

function copyNames(helper: Function, func: Function): void {
  const f = func as { __name__?: string; __qualname__?: string; __doc__?: unknown };
  for (const k of ["__name__", "__qualname__", "__doc__"] as const) {
    const v = f[k] ?? (k === "__doc__" ? null : func.name);
    Object.defineProperty(helper, k, { value: v, writable: true, configurable: true });
  }
  Object.defineProperty(helper, "__wrapped__", { value: func, writable: true, configurable: true });
}

interface AsyncGen {
  __anext__(): Coro;
  athrow(exc: unknown): Coro;
  aclose(): Coro;
}

/** The object an `@asynccontextmanager` function returns (`_AsyncGeneratorContextManager`). */
class AsyncGeneratorContextManager extends GeneratorContextManagerBase<AsyncGen> {
  static readonly __name__ = "_AsyncGeneratorContextManager";
  static readonly __module__ = "contextlib";
  static readonly __doc__ = "Helper for @asynccontextmanager decorator.";

  /** AsyncContextDecorator: `@acm(...)` over an `async def` runs each call in an `async with`. */
  __call__(func: Fn): Fn {
    return decorateAsync(() => this._recreate_cm(), func);
  }

  *__aenter__(): Coro {
    this.consumeArgs();
    const gen = this.gen as AsyncGen | null;
    if (gen === null || typeof (gen as { __anext__?: unknown }).__anext__ !== "function") {
      throw new PyTypeError(`'${typeName(gen)}' object is not an async iterator`);
    }
    try {
      return yield* gen.__anext__();
    } catch (e) {
      if (e instanceof StopAsyncIteration) throw new RuntimeError("generator didn't yield");
      throw e;
    }
  }

  *__aexit__(typ: unknown, value: unknown, _tb: unknown): Coro<boolean> {
    if (typ === null || typ === undefined) {
      try {
        yield* this.gen.__anext__();
      } catch (e) {
        if (e instanceof StopAsyncIteration) return false;
        throw e;
      }
      const err = new RuntimeError("generator didn't stop");
      yield* acloseAfter(err, this.gen);
      throw err;
    }
    const exc = value === null || value === undefined ? call(typ) : value;
    try {
      yield* this.gen.athrow(exc);
    } catch (e) {
      if (e instanceof StopAsyncIteration) return e !== exc;
      if (e === exc) return false;
      if (
        e instanceof RuntimeError &&
        (exc instanceof StopIteration || exc instanceof StopAsyncIteration) &&
        e.__cause__ === exc
      )
        return false;
      throw e;
    }
    const err = new RuntimeError("generator didn't stop after athrow()");
    yield* acloseAfter(err, this.gen);
    throw err;
  }
}

/** `try: raise err finally: await gen.aclose()` (see `closeAfter`). */
function* acloseAfter(err: BaseException, gen: AsyncGen): Coro<void> {
  try {
    yield* gen.aclose();
  } catch (e) {
    const exc = toPyException(e);
    if (exc !== err && exc.__context__ === null) exc.__context__ = err;
    throw exc;
  }
}

/** `@contextlib.asynccontextmanager`. */
export function asynccontextmanager(func: Fn): Fn {
  const helper = function (this: unknown, ...args: unknown[]) {
    return new AsyncGeneratorContextManager(bindReceiver(func, this), args);
  };
  copyNames(helper, func);
  return helper;
}

// ---------------------------------------------------------------- small context managers

class SuppressImpl {
  private exceptions: unknown[];
  constructor(...exceptions: unknown[]) {
    this.exceptions = exceptions;
  }
  __enter__(): null {
    return null;
  }
  __exit__(typ: unknown, exc: unknown, _tb: unknown): boolean {
    if (typ === null || typ === undefined) return false;
    const spec = new Tuple(this.exceptions);
    if (exceptionMatches(exc, spec)) return true;
    if (exc instanceof BaseExceptionGroup) {
      const [, rest] = exc.split(spec as never).items;
      if (rest === null) return true;
      throw rest;
    }
    return false;
  }
}
/** `contextlib.suppress(*exceptions)`. */
export const suppress = libraryClass(SuppressImpl, "suppress", "contextlib");

class ClosingImpl {
  constructor(readonly thing: unknown) {}
  __enter__(): unknown {
    return this.thing;
  }
  __exit__(): null {
    callMethod(this.thing, "close");
    return null;
  }
}
/** `contextlib.closing(thing)`. */
export const closing = libraryClass(ClosingImpl, "closing", "contextlib");

class AclosingImpl {
  constructor(readonly thing: unknown) {}
  *__aenter__(): Coro {
    return this.thing;
  }
  *__aexit__(): Coro {
    yield* callMethod(this.thing, "aclose") as Coro;
    return null;
  }
}
/** `contextlib.aclosing(thing)`. */
export const aclosing = libraryClass(AclosingImpl, "aclosing", "contextlib");

class NullContextImpl {
  readonly enter_result: unknown;
  constructor(enter_result: unknown = null) {
    this.enter_result = enter_result;
  }
  __enter__(): unknown {
    return this.enter_result;
  }
  __exit__(): null {
    return null;
  }
  *__aenter__(): Coro {
    return this.enter_result;
  }
  *__aexit__(): Coro {
    return null;
  }
}
/** `contextlib.nullcontext(enter_result=None)`. */
export const nullcontext = libraryClass(NullContextImpl, "nullcontext", "contextlib");

class ChdirImpl {
  readonly _old_cwd: unknown[] = [];
  constructor(readonly path: unknown) {}
  __enter__(): null {
    const os = require("./os") as typeof import("./os");
    this._old_cwd.push(os.getcwd());
    os.chdir(this.path);
    return null;
  }
  __exit__(): null {
    (require("./os") as typeof import("./os")).chdir(this._old_cwd.pop());
    return null;
  }
}
/** `contextlib.chdir(path)` (3.11): the working directory is `path` inside the `with`. */
export const chdir = libraryClass(ChdirImpl, "chdir", "contextlib");

class RedirectImpl {
  private saved: unknown[] = [];
  constructor(
    private readonly which: "stdout" | "stderr",
    private readonly target: unknown,
  ) {}
  __enter__(): unknown {
    this.saved.push(streams[this.which]);
    streams[this.which] = this.target;
    return this.target;
  }
  __exit__(): null {
    streams[this.which] = this.saved.pop();
    return null;
  }
}
class RedirectStdoutImpl extends RedirectImpl {
  constructor(target: unknown) {
    super("stdout", target);
  }
}
class RedirectStderrImpl extends RedirectImpl {
  constructor(target: unknown) {
    super("stderr", target);
  }
}
/** `contextlib.redirect_stdout(new_target)` / `redirect_stderr(new_target)`. */
export const redirect_stdout = libraryClass(RedirectStdoutImpl, "redirect_stdout", "contextlib");
export const redirect_stderr = libraryClass(RedirectStderrImpl, "redirect_stderr", "contextlib");

// ---------------------------------------------------------------- ExitStack / AsyncExitStack

type ExitCallback = { isSync: boolean; fn: (t: unknown, v: unknown, tb: unknown) => unknown };

/** Make `oldExc` the end of `newExc`'s context chain (CPython's `_fix_exception_context`). */
function fixContext(newExc: BaseException, oldExc: BaseException | null): void {
  if (oldExc === null || newExc === oldExc) return;
  let e: BaseException = newExc;
  for (;;) {
    const ctx = e.__context__;
    if (ctx === null || ctx === oldExc) break;
    if (ctx === newExc) return;
    e = ctx;
  }
  if (e.__context__ === null) e.__context__ = oldExc;
}

function details(exc: BaseException | null): [unknown, unknown, unknown] {
  return exc === null ? [null, null, null] : [typeOf(exc), exc, null];
}

class BaseExitStack {
  protected _exit_callbacks: ExitCallback[] = [];

  protected pushExitCallback(fn: ExitCallback["fn"], isSync = true): void {
    this._exit_callbacks.push({ isSync, fn });
  }

  /**
   * Run the exit callbacks innermost first, as `__exit__`/`__aexit__` do: each sees the exception
   * in flight (the one received, or the one the previous callback raised, chained to what it
   * replaced); a true result suppresses it. Returns whether the received exception was
   * suppressed, or raises the pending one. A generator so that AsyncExitStack can await its async
   * callbacks; with only synchronous callbacks it finishes without yielding.
   */
  protected *unwind(exc: unknown): Coro<boolean> {
    const received = exc !== null && exc !== undefined;
    let pending: BaseException | null = received ? (exc as BaseException) : null;
    let pendingRaise = false;
    let suppressed = false;
    while (this._exit_callbacks.length > 0) {
      const cb = this._exit_callbacks.pop()!;
      try {
        const r = cb.isSync
          ? cb.fn(...details(pending))
          : yield* cb.fn(...details(pending)) as Coro;
        if (truthy(r)) {
          suppressed = true;
          pendingRaise = false;
          pending = null;
        }
      } catch (e) {
        const newExc = toPyException(e);
        fixContext(newExc, pending);
        pendingRaise = true;
        pending = newExc;
      }
    }
    if (pendingRaise) throw pending;
    return received && suppressed;
  }

  pop_all(): BaseExitStack {
    const C = this.constructor as new () => BaseExitStack;
    const n = new C();
    n._exit_callbacks = this._exit_callbacks;
    this._exit_callbacks = [];
    return n;
  }

  push(exit: unknown): unknown {
    const m = (exit as { __exit__?: Fn } | null)?.__exit__;
    if (typeof m === "function") this.pushExitCallback((t, v, tb) => m.call(exit, t, v, tb));
    else this.pushExitCallback((t, v, tb) => call(exit, t, v, tb));
    return exit;
  }

  enter_context(cm: unknown): unknown {
    const o = cm as { __enter__?: Fn; __exit__?: Fn } | null;
    if (typeof o?.__enter__ !== "function" || typeof o?.__exit__ !== "function") {
      throw new PyTypeError(
        `'${qualifiedName(cm)}' object does not support the context manager protocol`,
      );
    }
    const result = o.__enter__();
    const exit = o.__exit__;
    this.pushExitCallback((t, v, tb) => exit.call(cm, t, v, tb));
    return result;
  }

  callback(fn: unknown, ...args: unknown[]): unknown {
    this.pushExitCallback(() => {
      call(fn, ...args);
      return false;
    });
    return fn;
  }
}

class ExitStackImpl extends BaseExitStack {
  __enter__(): this {
    return this;
  }

  __exit__(_typ: unknown, exc: unknown, _tb: unknown): boolean {
    // Every callback of an ExitStack is synchronous, so the unwinding never suspends.
    return this.unwind(exc).next().value as boolean;
  }

  close(): null {
    this.__exit__(null, null, null);
    return null;
  }
}
/** `contextlib.ExitStack()`. */
export const ExitStack = libraryClass(ExitStackImpl, "ExitStack", "contextlib");

class AsyncExitStackImpl extends BaseExitStack {
  *enter_async_context(cm: unknown): Coro {
    const o = cm as { __aenter__?: Fn; __aexit__?: Fn } | null;
    if (typeof o?.__aenter__ !== "function" || typeof o?.__aexit__ !== "function") {
      throw new PyTypeError(
        `'${qualifiedName(cm)}' object does not support the asynchronous context manager protocol`,
      );
    }
    const result = yield* o.__aenter__() as Coro;
    const aexit = o.__aexit__;
    this.pushExitCallback((t, v, tb) => aexit.call(cm, t, v, tb), false);
    return result;
  }

  push_async_exit(exit: unknown): unknown {
    const m = (exit as { __aexit__?: Fn } | null)?.__aexit__;
    if (typeof m === "function") this.pushExitCallback((t, v, tb) => m.call(exit, t, v, tb), false);
    else this.pushExitCallback((t, v, tb) => call(exit, t, v, tb), false);
    return exit;
  }

  push_async_callback(fn: unknown, ...args: unknown[]): unknown {
    const [pos, kws] = takeKw(args);
    const rest = Object.keys(kws).length > 0 ? [args[args.length - 1]] : [];
    this.pushExitCallback(function* () {
      yield* call(fn, ...pos, ...rest) as Coro;
      return false;
    }, false);
    return fn;
  }

  *aclose(): Coro {
    yield* this.__aexit__(null, null, null);
    return null;
  }

  *__aenter__(): Coro {
    return this;
  }

  *__aexit__(_typ: unknown, exc: unknown, _tb: unknown): Coro<boolean> {
    return yield* this.unwind(exc);
  }
}
/** `contextlib.AsyncExitStack()`. */
export const AsyncExitStack = libraryClass(AsyncExitStackImpl, "AsyncExitStack", "contextlib");

/** Internal: the context manager made by `@contextmanager` (for isinstance checks in tests). */
export { GeneratorContextManager as _GeneratorContextManager };
