/**
 * Python's `contextlib`: contextmanager, asynccontextmanager, suppress, closing, aclosing,
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
 * Differences from CPython: the objects made by `@contextmanager` cannot be used as decorators.
 */

import {
  type BaseException,
  BaseExceptionGroup,
  TypeError as PyTypeError,
  RuntimeError,
  StopAsyncIteration,
  StopIteration,
  toPyException,
} from "../exceptions";
import { streams } from "../io";
import { classModule, classQualname } from "../objects";
import { call, callMethod, truthy } from "../protocol";
import { exceptionMatches } from "../raise";
import { Tuple } from "../tuple";
import { typeOf } from "../types";
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

// ---------------------------------------------------------------- contextmanager

class GeneratorContextManager {
  static readonly __name__ = "_GeneratorContextManager";
  static readonly __module__ = "contextlib";
  private gen: Gen;

  constructor(func: Fn, args: unknown[]) {
    this.gen = call(func, ...args) as Gen;
    if (this.gen === null || typeof (this.gen as { next?: unknown }).next !== "function") {
      throw new PyTypeError("'NoneType' object is not an iterator");
    }
  }

  __enter__(): unknown {
    const r = this.gen.next();
    if (r.done) throw new RuntimeError("generator didn't yield");
    return r.value;
  }

  __exit__(typ: unknown, value: unknown, _tb: unknown): boolean {
    if (typ === null || typ === undefined) {
      const r = this.gen.next();
      if (r.done) return false;
      throw new RuntimeError("generator didn't stop");
    }
    let exc = value;
    if (exc === null || exc === undefined) exc = call(typ);
    let r: IteratorResult<unknown>;
    try {
      r = this.gen.throw(exc);
    } catch (e) {
      if (e === exc) {
        return false;
      }
      if (e instanceof StopIteration && exc instanceof StopIteration) return e !== exc;
      if (e instanceof RuntimeError && e.__cause__ === exc) return false;
      throw e;
    }
    if (r.done) return true;
    throw new RuntimeError("generator didn't stop after throw()");
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

class AsyncGeneratorContextManager {
  static readonly __name__ = "_AsyncGeneratorContextManager";
  static readonly __module__ = "contextlib";
  private gen: AsyncGen;

  constructor(func: Fn, args: unknown[]) {
    this.gen = call(func, ...args) as AsyncGen;
  }

  *__aenter__(): Coro {
    try {
      return yield* this.gen.__anext__();
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
      throw new RuntimeError("generator didn't stop");
    }
    let exc = value;
    if (exc === null || exc === undefined) exc = call(typ);
    try {
      yield* this.gen.athrow(exc);
    } catch (e) {
      if (e === exc) return false;
      if (e instanceof StopAsyncIteration) return e !== exc;
      if (e instanceof RuntimeError && e.__cause__ === exc) return false;
      throw e;
    }
    throw new RuntimeError("generator didn't stop after athrow()");
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
