/**
 * asyncio.futures: Future.
 *
 * A Future is awaited from a generator coroutine with `yield* fut`: its iterator yields the future
 * itself (with `_asyncio_future_blocking` set, which is how a Task tells a proper await from a stray
 * `yield fut`) and returns its result, exactly as `Future.__await__` does. Futures are also
 * `PromiseLike`, so `await fut` works in ordinary async JS code; that path settles the promise when
 * the future completes and schedules nothing on the loop, so it cannot change the loop's order.
 *
 * Messages are those of the C `_asyncio.Future`, which is what `asyncio.Future` is in CPython 3.13.0
 * ("Result is not set.", "invalid state"), not those of the pure-Python fallback in futures.py.
 *
 * Differences from CPython:
 * - "exception was never retrieved": CPython reports it when the future is garbage-collected,
 *   which reference counting makes immediate. JS garbage collection is not deterministic, so the
 *   loop keeps the failed futures nobody has retrieved and reports them, in the order they failed,
 *   when it is closed (`asyncio.run` closes it at the end). The report goes to the exception
 *   handler (stderr by default), never stdout.
 */

import {
  CancelledError as ConcurrentCancelledError,
  Future as ConcurrentFuture,
  InvalidStateError as ConcurrentInvalidStateError,
} from "../concurrent/futures";
import { type Context, copy_context } from "../contextvars";
import { eq as pyEq } from "../python/compare";
import {
  AssertionError,
  BaseException,
  RuntimeError,
  StopIteration,
  TypeError,
  ValueError,
} from "../python/exceptions";
import { Kw } from "../python/kw";
import { repr } from "../python/repr";
import { noteReraise } from "../python/traceback";
import { Tuple } from "../python/tuple";
import { type AbstractEventLoop, get_event_loop } from "./events";
import { _cancelled_error, CancelledError, InvalidStateError } from "./exceptions";
import { _format_callback_source } from "./format_helpers";
import { internal } from "./trace";

export const _PENDING = "PENDING";
export const _CANCELLED = "CANCELLED";
export const _FINISHED = "FINISHED";
type State = typeof _PENDING | typeof _CANCELLED | typeof _FINISHED;

export type DoneCallback<F> = (fut: F) => unknown;

/**
 * A task waiting on a future, kept as the future's first done callback in place of its
 * `task_wakeup` function (Task implements it; futures.ts cannot import tasks.ts). When the future
 * completes, the task goes in the ready queue itself, where `call_soon(task_wakeup, fut,
 * context=task.get_context())` would put a Handle: no Handle, no argument list and no wakeup
 * closure per task. Whoever asks for the callbacks (`_callbacks_list`, remove_done_callback,
 * reprs) sees the `task_wakeup` function, made on first request.
 */
export interface TaskWaiter {
  /** Put the task's wakeup in the ready queue, as the call_soon of its callback would. */
  _tsWakeupSoon(): void;
  /** The `task_wakeup` callback as a function (one per task, made when first asked for). */
  _wakeupCallback(): DoneCallback<any>;
  /** True if `fn` is this task's `task_wakeup` function (without making it). */
  _isWakeupCallback(fn: unknown): boolean;
  /** The context the wakeup runs in: the task's. */
  readonly _context: Context;
}

/**
 * Is `a` the callback `b`? As CPython's C Future compares them: identity, then `==` (a bound
 * method is made at each read, `obj.method == obj.method`).
 */
function sameCallback(a: unknown, b: unknown): boolean {
  return a === b || pyEq(a, b);
}

/** The loop methods a Future uses; BaseEventLoop implements them. */
interface FutureLoop extends AbstractEventLoop {
  _unretrieved?: Set<Future<unknown>>;
  /** call_soon without keyword parsing (BaseEventLoop has it; other loops use call_soon). */
  _call_soon_ctx?(
    callback: (...args: any[]) => unknown,
    args: unknown[],
    context: Context | null,
  ): unknown;
}

export class Future<T = unknown> implements PromiseLike<T> {
  /** CPython's futures are the C accelerator's `_asyncio.Future`. */
  static readonly __module__: string = "_asyncio";
  static {
    // Error messages name an instance's type by its C `tp_name` (types.ts `typeName`).
    Object.defineProperty(Future, "__tp_name__", { value: "_asyncio.Future" });
  }
  _state: State = _PENDING;
  _result: T | undefined = undefined;
  _exception: unknown = null;
  _loop!: FutureLoop;
  /** Always None (no debug tracebacks); kept on the prototype so futures stay one field smaller. */
  declare _source_traceback: null;
  /** Prototype defaults (null) until a cancellation sets them: most futures stay smaller. */
  declare _cancel_message: unknown;
  declare _cancelled_exc: BaseException | null;
  /**
   * The done callbacks, as the C `_asyncio.Future` keeps them: the first one in two fields (most
   * futures never have more than one), the others in a list made when a second one is added. The
   * order is FIFO either way; `_callbacks_list()` gives them as one list.
   */
  _callback0: DoneCallback<any> | TaskWaiter | null = null;
  /** The first callback's context (null for a TaskWaiter: the task's own context). */
  _context0: Context | null = null;
  declare _moreCallbacks: [DoneCallback<any>, Context][] | null;

  /** Python's `fut._callbacks`: the pending `(callback, context)` tuples, or None if there are none. */
  get _callbacks(): Tuple[] | null {
    const list = this._callbacks_list();
    return list.length === 0 ? null : list.map(([fn, ctx]) => new Tuple([fn, ctx]));
  }
  /** Set by the iterator so a Task can tell `yield* fut` from a stray `yield fut`. */
  _asyncio_future_blocking = false;
  /** Prototype default false until an exception is set (as `_moreCallbacks`: null until needed). */
  declare private __log_traceback: boolean;
  /** Prototype default null until the future is awaited as a JS promise. */
  declare private _promiseWaiters: (() => void)[] | null;

  /**
   * `Future(*, loop=None)`: pass the loop as `kw({ loop })`; TypeScript callers may also pass the
   * loop itself.
   *
   * The constructor runs `__init__` (Python's initialisation) unless the class being constructed
   * overrides `__init__`: a transpiled subclass's constructor then calls its own `__init__`, which
   * runs this one through `super.__init__(...)`, as Python's `super().__init__(loop=loop)` does.
   */
  constructor(loop?: AbstractEventLoop | Kw<{ loop?: AbstractEventLoop | null }> | null) {
    if (new.target.prototype.__init__ === Future.prototype.__init__) this.__init__(loop);
  }

  /** `Future.__init__(self, *, loop=None)`: `loop` as in the constructor. */
  __init__(loop?: unknown): null {
    let theLoop: AbstractEventLoop | null | undefined = null;
    if (loop instanceof Kw) theLoop = (loop as Kw<{ loop?: AbstractEventLoop | null }>).kwargs.loop;
    else theLoop = loop as AbstractEventLoop | null | undefined;
    this._loop = (theLoop ?? get_event_loop()) as FutureLoop;
    return null;
  }

  __repr__(): string {
    return `<${this.constructor.name} ${_future_repr_info(this).join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  get _log_traceback(): boolean {
    return this.__log_traceback;
  }

  set _log_traceback(val: boolean) {
    if (val) throw new ValueError("_log_traceback can only be set to False");
    this._setLogTraceback(false);
  }

  private _setLogTraceback(val: boolean): void {
    if (this.__log_traceback === val) return;
    this.__log_traceback = val;
    const pending = this._loop._unretrieved;
    if (pending !== undefined) {
      if (val) pending.add(this as Future<unknown>);
      else pending.delete(this as Future<unknown>);
    }
  }

  /** Called by the loop when it closes, for a failed future nobody retrieved. */
  _report_unretrieved(): void {
    if (!this.__log_traceback) return;
    this.__log_traceback = false;
    this._loop.call_exception_handler({
      message: `${this.constructor.name} exception was never retrieved`,
      exception: this._exception,
      future: this,
    });
  }

  get_loop(): AbstractEventLoop {
    return this._loop;
  }

  _make_cancelled_error(): BaseException {
    if (this._cancelled_exc !== null) {
      const exc = this._cancelled_exc;
      this._cancelled_exc = null;
      return exc;
    }
    if (this._cancel_message === null || this._cancel_message === undefined) {
      return _cancelled_error();
    }
    return _cancelled_error(this._cancel_message);
  }

  /** Cancel the future and schedule callbacks; False if it is already done. */
  cancel(msg: unknown = null): boolean {
    if (msg instanceof Kw) msg = (msg.kwargs as { msg?: unknown }).msg ?? null;
    this._setLogTraceback(false);
    if (this._state !== _PENDING) return false;
    this._state = _CANCELLED;
    this._cancel_message = msg;
    this._schedule_callbacks();
    return true;
  }

  _schedule_callbacks(): void {
    const waiters = this._promiseWaiters;
    if (waiters !== null) {
      this._promiseWaiters = null;
      for (const w of waiters) w();
    }
    const cb0 = this._callback0;
    const callbacks = this._moreCallbacks;
    if (cb0 === null && callbacks === null) return;
    const ctx0 = this._context0;
    this._callback0 = null;
    this._context0 = null;
    if (callbacks !== null) this._moreCallbacks = null;
    const loop = this._loop;
    if (loop._call_soon_ctx !== undefined) {
      // The loop's own call_soon without keyword parsing (the hot path of every await).
      if (cb0 !== null) {
        if (typeof cb0 === "function") loop._call_soon_ctx(cb0, [this], ctx0);
        else cb0._tsWakeupSoon();
      }
      if (callbacks !== null) {
        for (let i = 0; i < callbacks.length; i++) {
          loop._call_soon_ctx(callbacks[i][0], [this], callbacks[i][1]);
        }
      }
      return;
    }
    if (cb0 !== null) {
      if (typeof cb0 === "function") loop.call_soon(cb0, this, new Kw({ context: ctx0 }));
      else loop.call_soon(cb0._wakeupCallback(), this, new Kw({ context: cb0._context }));
    }
    if (callbacks !== null) {
      for (const [callback, ctx] of callbacks) {
        loop.call_soon(callback, this, new Kw({ context: ctx }));
      }
    }
  }

  /** The pending done callbacks as one list of `[callback, context]`. */
  _callbacks_list(): [DoneCallback<any>, Context][] {
    const list: [DoneCallback<any>, Context][] = [];
    const cb0 = this._callback0;
    if (cb0 !== null) {
      if (typeof cb0 === "function") list.push([cb0, this._context0!]);
      else list.push([cb0._wakeupCallback(), cb0._context]);
    }
    if (this._moreCallbacks !== null) list.push(...this._moreCallbacks);
    return list;
  }

  cancelled(): boolean {
    return this._state === _CANCELLED;
  }

  done(): boolean {
    return this._state !== _PENDING;
  }

  result(): T {
    if (this._state === _CANCELLED) throw this._make_cancelled_error();
    if (this._state !== _FINISHED) throw new InvalidStateError("Result is not set.");
    this._setLogTraceback(false);
    if (this._exception !== null) {
      // CPython's `raise self._exception.with_traceback(...)`: the frames of the code asking for
      // the result join the traceback (an `await`, `t.result()` after `asyncio.wait`, the loop).
      noteReraise(this._exception);
      throw this._exception;
    }
    return this._result as T;
  }

  exception(): unknown {
    if (this._state === _CANCELLED) throw this._make_cancelled_error();
    if (this._state !== _FINISHED) throw new InvalidStateError("Exception is not set.");
    this._setLogTraceback(false);
    return this._exception;
  }

  /** `add_done_callback(fn, *, context=None)`; pass the context as `kw({ context })`. */
  add_done_callback(fn: DoneCallback<this>, context?: Kw<{ context?: Context | null }>): null {
    this._add_done_callback(fn, context?.kwargs.context ?? null);
    return null;
  }

  /** add_done_callback without keyword parsing, for the runtime's own callers. */
  _add_done_callback(fn: DoneCallback<any>, ctx: Context | null): void {
    if (this._state !== _PENDING) {
      const loop = this._loop;
      if (loop._call_soon_ctx !== undefined) loop._call_soon_ctx(fn, [this], ctx);
      else loop.call_soon(fn, this, new Kw({ context: ctx }));
    } else if (
      this._callback0 === null &&
      this._moreCallbacks === null &&
      // The first slot holds a function or a task (a TaskWaiter): a callable object of the
      // program (`__call__`) goes to the list, which keeps the order.
      typeof fn === "function"
    ) {
      this._callback0 = fn;
      this._context0 = ctx ?? copy_context();
    } else {
      const entry: [DoneCallback<any>, Context] = [fn, ctx ?? copy_context()];
      if (this._moreCallbacks === null) this._moreCallbacks = [entry];
      else this._moreCallbacks.push(entry);
    }
  }

  /**
   * A task's `add_done_callback(task_wakeup, context=task's context)` when it awaits this future
   * (see TaskWaiter): the task itself is the first callback when it can be.
   */
  _add_task_waiter(task: TaskWaiter): void {
    if (this._state === _PENDING && this._callback0 === null && this._moreCallbacks === null) {
      this._callback0 = task;
    } else {
      this._add_done_callback(task._wakeupCallback(), task._context);
    }
  }

  /** Remove all instances of a callback; return how many were removed. */
  remove_done_callback(fn: DoneCallback<any>): bigint {
    let removed = 0;
    const cb0 = this._callback0;
    if (
      cb0 !== null &&
      (typeof cb0 === "function" ? sameCallback(cb0, fn) : cb0._isWakeupCallback(fn))
    ) {
      this._callback0 = null;
      this._context0 = null;
      removed = 1;
    }
    const callbacks = this._moreCallbacks;
    if (callbacks !== null) {
      const kept = callbacks.filter(([f]) => !sameCallback(f, fn));
      removed += callbacks.length - kept.length;
      if (kept.length === 0) this._moreCallbacks = null;
      else if (kept.length !== callbacks.length) this._moreCallbacks = kept;
    }
    return BigInt(removed);
  }

  set_result(result: T): null {
    if (this._state !== _PENDING) {
      throw new InvalidStateError("invalid state");
    }
    this._result = result;
    this._state = _FINISHED;
    this._schedule_callbacks();
    return null;
  }

  set_exception(exception: unknown): null {
    if (this._state !== _PENDING) {
      throw new InvalidStateError("invalid state");
    }
    if (typeof exception === "function" && exception.prototype instanceof Error) {
      exception = new (exception as new () => unknown)();
    }
    if (!(exception instanceof Error)) {
      throw new TypeError("invalid exception object");
    }
    if (exception instanceof StopIteration) {
      const newExc = new RuntimeError(
        "StopIteration interacts badly with generators and cannot be raised into a Future",
      );
      newExc.__cause__ = exception;
      newExc.__context__ = exception;
      exception = newExc;
    }
    // One never raised has no traceback yet in CPython: where it was made is no frame of it.
    if (exception instanceof BaseException && exception.__traceback__ === null) {
      Object.defineProperty(exception, "stack", {
        value: `${exception.name}: (not raised)`,
        writable: true,
        configurable: true,
      });
    }
    this._exception = exception;
    this._state = _FINISHED;
    this._schedule_callbacks();
    this._setLogTraceback(true);
    return null;
  }

  /**
   * `await fut` (Future.__await__): yield self until done, then return the result. The iterator is
   * a small object (the C `FutureIter`), not a generator: it behaves as
   * `if (!done) { blocking = true; yield self } if (!done) raise; return result()` does.
   */
  [Symbol.iterator](): Generator<this, T, unknown> {
    return new FutureIter<T>(this) as unknown as Generator<this, T, unknown>;
  }

  __await__(): Generator<this, T, unknown> {
    return new FutureIter<T>(this) as unknown as Generator<this, T, unknown>;
  }

  /** PromiseLike: settles when the future is done; a cancelled future rejects with CancelledError. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const settled = new Promise<T>((resolve, reject) => {
      const settle = () => {
        try {
          resolve(this.result());
        } catch (exc) {
          reject(exc);
        }
      };
      if (this.done()) settle();
      else (this._promiseWaiters ??= []).push(settle);
    });
    return settled.then(onfulfilled, onrejected);
  }
}

// Fields most futures never set live on the prototype (non-enumerable, writable: an assignment
// makes the future's own property), so a future is that many fields smaller.
for (const [key, value] of [
  ["_source_traceback", null],
  ["_cancel_message", null],
  ["_cancelled_exc", null],
  ["_promiseWaiters", null],
  ["_moreCallbacks", null],
  ["__log_traceback", false],
] as const) {
  Object.defineProperty(Future.prototype, key, { value, writable: true, configurable: true });
}

/**
 * The iterator of `yield* fut` (CPython's FutureIter): what the generator
 * `if (!fut.done()) { fut._asyncio_future_blocking = true; yield fut; }
 *  if (!fut.done()) throw RuntimeError; return fut.result();` does, without a generator object.
 */
class FutureIter<T> {
  static readonly __module__ = "_asyncio";
  static readonly __name__ = "FutureIter";
  static readonly __qualname__ = "FutureIter";
  static {
    Object.defineProperty(FutureIter, "__tp_name__", { value: "_asyncio.FutureIter" });
  }
  /** The future, or null once the iterator is finished. */
  _fut: Future<T> | null;
  /** True once it has yielded the future (the generator is suspended at its `yield`). */
  _yielded = false;

  constructor(fut: Future<T>) {
    this._fut = fut;
  }

  next(_value?: unknown): IteratorResult<Future<T>, T> {
    const fut = this._fut;
    if (fut === null) return { value: undefined as T, done: true };
    if (!this._yielded) {
      if (!fut.done()) {
        this._yielded = true;
        fut._asyncio_future_blocking = true;
        return { value: fut, done: false };
      }
    } else if (!fut.done()) {
      this._fut = null;
      throw new RuntimeError("await wasn't used with future");
    }
    this._fut = null;
    // A failed future raises here: `result()` adds the frames awaiting it to the traceback.
    return { value: fut.result(), done: true };
  }

  throw(exc: unknown): IteratorResult<Future<T>, T> {
    // A generator suspended at its `yield` (or not started, or finished) raises what is thrown in.
    this._fut = null;
    // The frames of the coroutines awaiting here join its traceback; not for a cancellation,
    // which would pay a stack capture per cancelled await (docs/DIFFERENCES.md).
    if (!(exc instanceof CancelledError)) noteReraise(exc);
    throw exc;
  }

  return(value?: T): IteratorResult<Future<T>, T> {
    this._fut = null;
    return { value: value as T, done: true };
  }
}
// `[Symbol.iterator]() { return this }` comes from %IteratorPrototype%, as for generators, so
// `yield* it` can take it directly (see protocols.ts).
Object.setPrototypeOf(
  FutureIter.prototype,
  Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
);

/**
 * `return returnedAsIs(value)` from an async function resolves its Promise with `value` as it is.
 * A Promise resolved with a thenable (a Future or Task, which are PromiseLike) adopts its state,
 * so `asyncio.run(main())` of a `main` returning a Task gave the Task's result, or never settled
 * for a pending Future; CPython returns the object. The resolution reads `then` synchronously at
 * the `return`: for that read the value has an own `then` of undefined, removed by a microtask
 * queued before it, which runs before whatever awaits the Promise. (Keeping to `async` functions
 * keeps V8's async stack traces, which tracebacks read.) Call it at the last `return` only, after
 * any `finally` that awaits.
 */
export function returnedAsIs<T>(value: T): T {
  const v = value as { then?: unknown } | null;
  if (
    v === null ||
    (typeof v !== "object" && typeof v !== "function") ||
    typeof v.then !== "function" ||
    !Object.isExtensible(v)
  )
    return value;
  const own = Object.getOwnPropertyDescriptor(v, "then");
  Object.defineProperty(v, "then", { value: undefined, configurable: true, writable: true });
  queueMicrotask(() => {
    if (own !== undefined) Object.defineProperty(v, "then", own);
    else delete v.then;
  });
  return value;
}

/** True for a Future or an object that declares itself Future-compatible. */
export function isfuture(obj: unknown): obj is Future<unknown> {
  if (obj instanceof Future) return true;
  if (typeof obj !== "object" || obj === null) return false;
  const b = (obj as { _asyncio_future_blocking?: unknown })._asyncio_future_blocking;
  return (
    b !== undefined &&
    b !== null &&
    "_asyncio_future_blocking" in (obj.constructor?.prototype ?? {})
  );
}

export function _get_loop(fut: Future<unknown>): AbstractEventLoop {
  return fut.get_loop();
}

/** Helper setting the result only if the future is not cancelled (sleep's timer uses it). */
export const _set_result_unless_cancelled = internal(function _set_result_unless_cancelled(
  fut: Future<unknown>,
  result: unknown,
): void {
  if (fut.cancelled()) return;
  fut.set_result(result);
});

function formatCallbacks(cb: [DoneCallback<any>, Context][]): string {
  const fmt = (c: [DoneCallback<any>, Context]) => _format_callback_source(c[0], []);
  let inner = "";
  if (cb.length === 1) inner = fmt(cb[0]);
  else if (cb.length === 2) inner = `${fmt(cb[0])}, ${fmt(cb[1])}`;
  else if (cb.length > 2)
    inner = `${fmt(cb[0])}, <${cb.length - 2} more>, ${fmt(cb[cb.length - 1])}`;
  return `cb=[${inner}]`;
}

/** The parts of a future's repr, as base_futures._future_repr_info. */
export function _future_repr_info(future: Future<unknown>): string[] {
  const info = [future._state.toLowerCase()];
  if (future._state === _FINISHED) {
    if (future._exception !== null) info.push(`exception=${repr(future._exception)}`);
    else info.push(`result=${reprlibRepr(future._result)}`);
  }
  if (future._callback0 !== null || future._moreCallbacks !== null) {
    info.push(formatCallbacks(future._callbacks_list()));
  }
  return info;
}

/** reprlib.repr's length limit for strings (the common case in future reprs). */
function reprlibRepr(value: unknown): string {
  const r = repr(value);
  if (typeof value === "string" && r.length > 30) {
    return `${r.slice(0, 13)}...${r.slice(r.length - 14)}`;
  }
  return r;
}

/** Make a Future that completes with a Promise's outcome (a rejection becomes its exception). */
export function wrap_promise<T>(
  promise: PromiseLike<T>,
  loop?: AbstractEventLoop | null,
): Future<T> {
  const fut = new Future<T>(loop ?? get_event_loop());
  const floop = fut.get_loop();
  promise.then(
    (value) => {
      if (!floop.is_closed()) floop.call_soon_threadsafe(internal(settleResult), fut, value);
    },
    (reason) => {
      if (!floop.is_closed()) floop.call_soon_threadsafe(internal(settleException), fut, reason);
    },
  );
  return fut;
}

function settleResult(fut: Future<unknown>, value: unknown): void {
  if (!fut.done()) fut.set_result(value);
}

function settleException(fut: Future<unknown>, reason: unknown): void {
  if (fut.done()) return;
  fut.set_exception(reason instanceof Error ? reason : new RuntimeError(String(reason)));
}

/**
 * `wrap_future(future, *, loop=None)`: an asyncio Future for a future from outside the loop. An
 * asyncio Future is returned as it is; a `concurrent.futures.Future` is chained to a new one
 * (`_chain_future`); a Promise (or any PromiseLike) is wrapped with `wrap_promise`.
 */
export function wrap_future<T>(
  future: Future<T> | ConcurrentFuture<T> | PromiseLike<T>,
  kwargs?: Kw<{ loop?: AbstractEventLoop | null }>,
): Future<T> {
  if (isfuture(future)) return future as Future<T>;
  if (future instanceof ConcurrentFuture) {
    const loop = kwargs?.kwargs.loop ?? get_event_loop();
    const dest = (loop as { create_future(): unknown }).create_future() as Future<T>;
    chainFuture(future, dest);
    return dest;
  }
  if (typeof (future as PromiseLike<T> | null)?.then !== "function") {
    throw new AssertionError(`concurrent.futures.Future is expected, got ${repr(future)}`);
  }
  return wrap_promise(future as PromiseLike<T>, kwargs?.kwargs.loop ?? get_event_loop());
}

/**
 * `_chain_future(source, destination)` for a concurrent future and an asyncio one: cancelling
 * the destination cancels the source; the source's outcome reaches the destination through its
 * loop's `call_soon_threadsafe` (the source completes on a worker "thread").
 */
function chainFuture<T>(source: ConcurrentFuture<T>, dest: Future<T>): void {
  const destLoop = dest.get_loop();
  const checkCancel = (destination: Future<T>) => {
    if (destination.cancelled()) source.cancel();
  };
  Object.assign(checkCancel, { __qualname__: "_chain_future.<locals>._call_check_cancel" });
  const setState = (src: ConcurrentFuture<T>) => {
    if (dest.cancelled() && destLoop.is_closed()) return;
    if (destLoop.is_closed()) return;
    destLoop.call_soon_threadsafe(internal(copyConcurrentState), dest, src);
  };
  dest._add_done_callback(checkCancel, null);
  source.add_done_callback(setState);
}

/** `_copy_future_state` from a concurrent future, with `_convert_future_exc`. */
function copyConcurrentState<T>(dest: Future<T>, source: ConcurrentFuture<T>): void {
  if (dest.cancelled()) return;
  if (source.cancelled()) {
    dest.cancel();
    return;
  }
  const exc = source._exception;
  if (exc !== null) {
    if (exc instanceof ConcurrentCancelledError)
      dest.set_exception(new CancelledError(...exc._args));
    else if (exc instanceof ConcurrentInvalidStateError)
      dest.set_exception(new InvalidStateError(...exc._args));
    else dest.set_exception(exc);
  } else dest.set_result(source._result as T);
}
