/**
 * The asynchronous protocols of PEP 492 for generator coroutines: `async with` and `async for`.
 *
 * Python's `async with` and `async for` are statements; a generator coroutine writes them as calls
 * that it awaits with `yield*`:
 *
 * ```ts
 * // async with lock: ...
 * yield* async_with(lock, function* () { ... });
 * // async with asyncio.timeout(1) as cm: ...
 * yield* async_with(asyncio.timeout(1), function* (cm) { ... });
 * // async for item in agen: ...
 * yield* async_for(agen, function* (item) { ... });
 * ```
 *
 * The protocol is Python's: an asynchronous context manager has `__aenter__()` and
 * `__aexit__(type, value, traceback)` returning awaitables (a coroutine, a Future, or an object with
 * `__await__()`); an asynchronous iterable has `__aiter__()` returning an asynchronous iterator whose
 * `__anext__()` returns an awaitable that raises StopAsyncIteration at the end. The transpiler lowers
 * Python's statements to the same calls.
 *
 * How control flow leaves the body. The body is a generator function, so a `return` in it only
 * leaves the body; its return value is the *completion* of the statement and is what the helper
 * returns:
 *
 * - `async_with` returns the body's return value, or `undefined` when `__aexit__` suppressed an
 *   exception (returned a true value); an exception it does not suppress propagates.
 * - `async_for` runs the body for each item: returning `undefined` (or `CONTINUE`) goes on to the
 *   next item, returning `BREAK` leaves the loop, returning `ret(value)` (a `Return`) leaves the loop
 *   and is passed on, so the caller can `return` it. The loop returns `undefined` when the iterator
 *   was exhausted (that is when Python runs a loop's `else:` clause), `BREAK` after a break, and the
 *   `Return` after a return.
 *
 * Completions compose: a `BREAK` or `Return` coming out of an `async_with` body nested in an
 * `async_for` body is passed through both. Typical use:
 *
 * ```ts
 * const r = yield* async_for(queue_items, function* (item) {
 *   if (item === null) return BREAK;
 *   if (item === "stop") return ret(42);
 * });
 * if (r instanceof Return) return r.value;
 * ```
 *
 * Closing a coroutine from outside (`coro.return()`, what a JS caller does) while an `async_with`
 * body is suspended awaits `__aexit__(GeneratorExit, exc, None)`, as Python's `coro.close()` does.
 * Difference from CPython: the inline form (AsyncWith) cannot tell that from a `return` in its
 * body (a `finally` block sees both alike), so it awaits `__aexit__(None, None, None)` then.
 */

import {
  BaseException,
  GeneratorExit,
  StopAsyncIteration,
  TypeError,
  typeName,
} from "../python/exceptions";
import type { Coro } from "./coroutines";
import { get_event_loop } from "./events";
import { wrap_promise } from "./futures";

/** Something `yield*` can await after `awaitable_iter` has normalised it. */
export type Awaitable<T = unknown> =
  | Coro<T>
  | PromiseLike<T>
  | { __await__(): Iterator<unknown, T, unknown> }
  | Iterable<unknown>;

/** An asynchronous context manager (`__aenter__`/`__aexit__`). */
export interface AsyncContextManager<T = unknown> {
  __aenter__(): Awaitable<T>;
  __aexit__(exc_type: unknown, exc: unknown, tb: unknown): Awaitable<unknown>;
}

/** An asynchronous iterator (`__anext__` raising StopAsyncIteration at the end). */
export interface AsyncIteratorLike<T = unknown> {
  __anext__(): Awaitable<T>;
}

/** An asynchronous iterable (`__aiter__`). */
export interface AsyncIterableLike<T = unknown> {
  __aiter__(): AsyncIteratorLike<T>;
}

/** What `async_for`'s body returns to leave the loop, as Python's `break`. */
export const BREAK: unique symbol = Symbol("asyncio-ts.break");
/** What `async_for`'s body may return to go on with the next item (same as returning nothing). */
export const CONTINUE = undefined;

/** A `return` out of an `async_for`/`async_with` body, carrying the value to return. */
export class Return<T = unknown> {
  constructor(readonly value: T) {}
}

/** Make a `Return` completion: `return ret(value)` inside a body. */
export function ret<T>(value: T): Return<T> {
  return new Return(value);
}

/** The completion of an `async_for` loop. */
export type LoopCompletion<R> = undefined | typeof BREAK | Return<R>;

/**
 * The iterator `yield*` should delegate to in order to await `obj`, or null if `obj` is not
 * awaitable: a coroutine or Future as it is, an object's `__await__()`, a Promise wrapped in a Future.
 */
export function awaitable_iter<T>(obj: unknown): Iterator<unknown, T, unknown> | null {
  if (typeof obj !== "object" || obj === null) return null;
  const o = obj as Record<string | symbol, unknown>;
  if (typeof o.next === "function" && typeof o.throw === "function") {
    return obj as Iterator<unknown, T, unknown>;
  }
  if (typeof o.__await__ === "function") {
    return yieldFromIterator((o.__await__ as () => Iterator<unknown, T, unknown>).call(obj));
  }
  if (o._asyncio_future_blocking !== undefined && typeof o[Symbol.iterator] === "function") {
    return (o[Symbol.iterator] as () => Iterator<unknown, T, unknown>).call(obj);
  }
  if (typeof o.then === "function") {
    return wrap_promise(obj as PromiseLike<T>, get_event_loop())[Symbol.iterator]();
  }
  return null;
}

/**
 * An iterator for `yield*` with Python's `yield from` semantics: a generator (which has `throw`)
 * as it is; for a plain iterator (`iter([1, 2])` from an `__await__`), an exception thrown in is
 * raised at the delegation point, where JS's `yield*` would raise a TypeError ("The iterator does
 * not provide a 'throw' method"), and GeneratorExit closes the iterator first.
 */
export function yieldFromIterator<T>(
  it: Iterator<unknown, T, unknown>,
): Iterator<unknown, T, unknown> {
  return typeof it.throw === "function" ? it : delegateTo(it);
}

function* delegateTo<T>(it: Iterator<unknown, T, unknown>): Generator<unknown, T, unknown> {
  let r = it.next();
  while (!r.done) {
    let sent: unknown;
    try {
      sent = yield r.value;
    } catch (exc) {
      if (exc instanceof GeneratorExit) it.return?.();
      throw exc;
    }
    r = it.next(sent);
  }
  return r.value;
}

/** `[Symbol.iterator]` of %IteratorPrototype% (generators, Future iterators): returns `this`. */
const ITERATOR_SELF = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))[
  Symbol.iterator
];

/**
 * An iterator as something `yield*` accepts: the iterator itself when its `[Symbol.iterator]`
 * returns itself (every generator and Future iterator: no wrapper object per await), else a
 * wrapper.
 */
function selfIterable<T>(it: Iterator<unknown, T, unknown>): Iterable<unknown, T, unknown> {
  if ((it as unknown as Record<symbol, unknown>)[Symbol.iterator] === ITERATOR_SELF) {
    return it as unknown as Iterable<unknown, T, unknown>;
  }
  return { [Symbol.iterator]: () => it };
}

/** `await obj` for any awaitable: `const v = yield* await_(obj)`. */
export function* await_<T = unknown>(obj: Awaitable<T> | unknown): Coro<T> {
  const it = awaitable_iter<T>(obj);
  if (it === null) {
    throw new TypeError(`object ${typeName(obj)} can't be used in 'await' expression`);
  }
  return yield* selfIterable(it);
}

function exceptionType(exc: unknown): unknown {
  return typeof exc === "object" && exc !== null ? exc.constructor : null;
}

/**
 * `async with cm as value: body`. Returns the body's return value, or `undefined` when `__aexit__`
 * suppressed the body's exception. It is the inline form (AsyncWith) with the body as a callback.
 * When the coroutine is closed from outside with `coro.return()` while the body is suspended,
 * `__aexit__` is awaited with a GeneratorExit, as Python's `coro.close()` does.
 */
export function* async_with<T, R>(
  cm: AsyncContextManager<T>,
  body: (value: T) => Coro<R>,
): Coro<R | undefined> {
  const w = yield* AsyncWith.enter(cm);
  let ok = true;
  let completed = false;
  try {
    const result = yield* body(w.value);
    completed = true;
    return result;
  } catch (exc) {
    ok = false;
    if (!(yield* w.exit_exc(exc))) throw exc;
    return undefined;
  } finally {
    // Not completed and nothing raised: the generator is being returned from outside.
    if (ok) {
      if (completed) yield* w.exit_ok();
      else yield* w.exit_exc(new GeneratorExit());
    }
  }
}

function causesCycle(exc: BaseException, candidate: BaseException): boolean {
  for (let e: BaseException | null = exc; e !== null; e = e.__context__) {
    if (e === candidate) return true;
  }
  return false;
}

function* awaitExit(obj: unknown): Coro<unknown> {
  const it = awaitable_iter<unknown>(obj);
  if (it === null) {
    throw new TypeError(
      `'async with' received an object from __aexit__ that does not implement __await__: ${typeName(obj)}`,
    );
  }
  return yield* selfIterable(it);
}

/** Python truthiness of `__aexit__`'s result (None/False/0/"" do not suppress). */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === "") return false;
  const b = (v as { __bool__?: () => boolean }).__bool__;
  if (typeof b === "function") return b.call(v);
  return true;
}

/**
 * A synchronous shortcut on a coroutine method (the lock primitives' `__aenter__`/`__aexit__`):
 * `method[FAST_PATH].call(self, ...args)` does what awaiting `method.call(self, ...args)` would do
 * when that completes without ever suspending, and returns its result; when awaiting would
 * suspend it does nothing and returns NOT_FAST (the caller then awaits the method itself).
 */
export const FAST_PATH = Symbol("asyncio-ts.fast_path");
/** FAST_PATH's answer when the shortcut does not apply. */
export const NOT_FAST = Symbol("asyncio-ts.not_fast");
/**
 * A second shortcut on `__aenter__`, tried when its FAST_PATH answered NOT_FAST:
 * `method[WAIT_ITER].call(self)` starts what awaiting `method.call(self)` would do and returns an
 * iterator that `yield*` can drive to the same completion (the lock primitives' hand-written wait,
 * with no generator), or null when it does not apply.
 */
export const WAIT_ITER = Symbol("asyncio-ts.wait_iter");

type FastPathFn = Function & {
  [FAST_PATH]?: (...args: unknown[]) => unknown;
  [WAIT_ITER]?: () => Iterator<unknown, unknown, unknown> | null;
};

/** An iterator that is already done with `value`: `yield*` of it evaluates to `value` at once. */
export class DoneIter<T> {
  constructor(private readonly value: T) {}
  next(): IteratorResult<unknown, T> {
    return { value: this.value, done: true };
  }
  return(value: T): IteratorResult<unknown, T> {
    return { value, done: true };
  }
  throw(exc: unknown): never {
    throw exc;
  }
  [Symbol.iterator](): this {
    return this;
  }
}

export const DONE_VOID = new DoneIter<void>(undefined);

/**
 * `__aexit__(None, None, None)` through its synchronous shortcut (FAST_PATH), when it has one:
 * true when that ran it (there is nothing to await), false when it must be awaited.
 */
export function aexitNow(cm: unknown, aexit: Function): boolean {
  const fast = (aexit as FastPathFn)[FAST_PATH];
  return fast !== undefined && fast.call(cm, null, null, null) !== NOT_FAST;
}

/**
 * The inline form of `async with`, for generated code and hot loops (creating a generator function
 * per iteration, as the callback form does, costs microseconds in V8):
 *
 * ```ts
 * const $w = yield* AsyncWith.enter(cm);   // $w.value is what `as` binds
 * let $ok = true;
 * try {
 *   ...body: break, continue and return work as written...
 * } catch ($e) {
 *   $ok = false;
 *   if (!(yield* $w.exit_exc($e))) throw $e;
 * } finally {
 *   if ($ok) yield* $w.exit_ok();
 * }
 * ```
 */
export class AsyncWith<T = unknown> {
  /**
   * While `__aenter__` is being awaited through a WAIT_ITER shortcut, the iterator awaiting it:
   * the AsyncWith is then its own `enter()` iterator (one object instead of a generator).
   */
  private _inner: Iterator<unknown, unknown, unknown> | null;

  private constructor(
    readonly cm: unknown,
    private readonly aexit: Function,
    public value: T,
    inner: Iterator<unknown, unknown, unknown> | null,
  ) {
    this._inner = inner;
  }

  /**
   * Check the protocol, await `__aenter__()` and return the state `exit_*` need. When `__aenter__`
   * has a synchronous shortcut (FAST_PATH) that completes without suspending, no generator is
   * made: the result is the AsyncWith itself, an iterator that is already done (what `yield*` of
   * the coroutine would have produced, since awaiting it never suspends). When it has a WAIT_ITER
   * shortcut, the AsyncWith drives that iterator and completes with itself.
   */
  static enter<T>(cm: AsyncContextManager<T>): Coro<AsyncWith<T>> {
    const mgr = cm as unknown as Record<string, unknown>;
    const aenter = mgr?.__aenter__ as FastPathFn | undefined;
    if (typeof aenter === "function") {
      const fast = aenter[FAST_PATH];
      if (fast !== undefined) {
        const aexit = mgr.__aexit__;
        if (typeof aexit === "function") {
          const value = fast.call(cm);
          if (value !== NOT_FAST) {
            return new AsyncWith(cm, aexit, value as T, null) as unknown as Coro<AsyncWith<T>>;
          }
          const wait = aenter[WAIT_ITER]?.call(cm);
          if (wait != null) {
            return new AsyncWith(cm, aexit, undefined as T, wait) as unknown as Coro<AsyncWith<T>>;
          }
        }
      }
    }
    return AsyncWith._enter(cm);
  }

  /** enter()'s iterator protocol (see `_inner`), with a generator's semantics for yield*. */
  next(value?: unknown): IteratorResult<unknown, AsyncWith<T>> {
    const inner = this._inner;
    if (inner === null) return { value: this, done: true };
    let r: IteratorResult<unknown, unknown>;
    try {
      r = inner.next(value);
    } catch (exc) {
      this._inner = null;
      throw exc;
    }
    return r.done ? this._entered(r.value) : r;
  }

  throw(exc: unknown): IteratorResult<unknown, AsyncWith<T>> {
    const inner = this._inner;
    if (inner === null) throw exc;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = inner.throw!(exc);
    } catch (e) {
      this._inner = null;
      throw e;
    }
    return r.done ? this._entered(r.value) : r;
  }

  return(value?: unknown): IteratorResult<unknown, AsyncWith<T>> {
    const inner = this._inner;
    this._inner = null;
    if (inner === null) return { value: value as AsyncWith<T>, done: true };
    const r = inner.return!(value);
    if (!r.done) {
      this._inner = inner;
      return r;
    }
    return r as IteratorResult<unknown, AsyncWith<T>>;
  }

  [Symbol.iterator](): this {
    return this;
  }

  private _entered(value: unknown): IteratorResult<unknown, AsyncWith<T>> {
    this._inner = null;
    this.value = value as T;
    return { value: this, done: true };
  }

  static *_enter<T>(cm: AsyncContextManager<T>): Coro<AsyncWith<T>> {
    const mgr = cm as unknown as Record<string, unknown>;
    const aenter = mgr?.__aenter__;
    const aexit = mgr?.__aexit__;
    if (typeof aenter !== "function") {
      throw new TypeError(
        `'${typeName(cm)}' object does not support the asynchronous context manager protocol`,
      );
    }
    if (typeof aexit !== "function") {
      throw new TypeError(
        `'${typeName(cm)}' object does not support the asynchronous context manager protocol (missed __aexit__ method)`,
      );
    }
    const enterResult = aenter.call(cm);
    const enterIt = awaitable_iter<T>(enterResult);
    if (enterIt === null) {
      throw new TypeError(
        `'async with' received an object from __aenter__ that does not implement __await__: ${typeName(enterResult)}`,
      );
    }
    const value = yield* selfIterable(enterIt);
    return new AsyncWith(cm, aexit, value, null);
  }

  /** The body left normally (fell off the end, break, continue, return): `__aexit__(None, ...)`. */
  exit_ok(): Coro<void> {
    if (aexitNow(this.cm, this.aexit)) return DONE_VOID as unknown as Coro<void>;
    return this._exit_ok();
  }

  *_exit_ok(): Coro<void> {
    yield* awaitExit(this.aexit.call(this.cm, null, null, null));
  }

  /** The body raised `exc`: await `__aexit__`; true if it suppresses the exception. */
  *exit_exc(exc: unknown): Coro<boolean> {
    try {
      return truthy(yield* awaitExit(this.aexit.call(this.cm, exceptionType(exc), exc, null)));
    } catch (exitExc) {
      if (exitExc !== exc && exitExc instanceof BaseException && exitExc.__context__ === null) {
        if (exc instanceof BaseException && !causesCycle(exc, exitExc)) exitExc.__context__ = exc;
      }
      throw exitExc;
    }
  }
}

/** `aiter(obj)`: the asynchronous iterator of an asynchronous iterable. */
export function aiter<T>(obj: AsyncIterableLike<T>): AsyncIteratorLike<T> {
  const f = (obj as unknown as Record<string, unknown>)?.__aiter__;
  if (typeof f !== "function") {
    throw new TypeError(`'${typeName(obj)}' object is not an async iterable`);
  }
  return f.call(obj) as AsyncIteratorLike<T>;
}

const NO_DEFAULT = Symbol("no default");

/**
 * `anext(aiterator[, default])` as a coroutine: the next item, or `default` (when given) at the end.
 */
export function* anext<T, D = never>(
  aiterator: AsyncIteratorLike<T>,
  dflt: D | typeof NO_DEFAULT = NO_DEFAULT,
): Coro<T | D> {
  const f = (aiterator as unknown as Record<string, unknown>)?.__anext__;
  if (typeof f !== "function") {
    throw new TypeError(`'${typeName(aiterator)}' object is not an async iterator`);
  }
  const awaitable = f.call(aiterator);
  const it = awaitable_iter<T>(awaitable);
  if (it === null) {
    throw new TypeError(`object ${typeName(awaitable)} can't be used in 'await' expression`);
  }
  try {
    return yield* selfIterable(it);
  } catch (exc) {
    if (dflt !== NO_DEFAULT && exc instanceof StopAsyncIteration) return dflt as D;
    throw exc;
  }
}

/**
 * `async for item in aiterable: body`. Returns `undefined` when the iterator is exhausted, `BREAK`
 * after the body broke out, or the body's `Return`.
 */
export function* async_for<T, R = unknown>(
  aiterable: AsyncIterableLike<T>,
  body: (item: T) => Coro<LoopCompletion<R> | undefined> | Coro<void>,
): Coro<LoopCompletion<R>> {
  const getIter = (aiterable as unknown as Record<string, unknown>)?.__aiter__;
  if (typeof getIter !== "function") {
    throw new TypeError(
      `'async for' requires an object with __aiter__ method, got ${typeName(aiterable)}`,
    );
  }
  const iterator = getIter.call(aiterable) as AsyncIteratorLike<T>;
  const next = (iterator as unknown as Record<string, unknown>)?.__anext__;
  if (typeof next !== "function") {
    throw new TypeError(
      `'async for' received an object from __aiter__ that does not implement __anext__: ${typeName(iterator)}`,
    );
  }
  for (;;) {
    const awaitable = next.call(iterator);
    const it = awaitable_iter<T>(awaitable);
    if (it === null) {
      throw new TypeError(
        `'async for' received an invalid object from __anext__: ${typeName(awaitable)}`,
      );
    }
    let item: T;
    try {
      item = yield* selfIterable(it);
    } catch (exc) {
      if (exc instanceof StopAsyncIteration) return undefined;
      throw exc;
    }
    const completion = yield* body(item);
    if (completion === BREAK || completion instanceof Return) return completion;
  }
}
