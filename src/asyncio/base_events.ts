/**
 * asyncio.base_events: BaseEventLoop, the loop's scheduling core.
 *
 * One iteration (`_run_once`), exactly as CPython 3.13 orders it:
 *
 *   1. drop cancelled timers: rebuild the heap if more than 100 are scheduled and over half are
 *      cancelled, else pop cancelled ones off the front;
 *   2. timeout = 0 if anything is ready or the loop is stopping, else time to the earliest timer
 *      clamped to [0, 24 h], else "until woken";
 *   3. wait (the platform part: node_events.ts sleeps on Node's event loop; with timeout 0 it does
 *      not wait at all);
 *   4. move every timer with `when < time() + clock_resolution` to the ready queue, in heap-pop
 *      order (the heap is heapq's algorithm, comparing `when` only, so ties are not FIFO);
 *   5. run a snapshot of the ready queue: exactly as many callbacks as were ready when the
 *      snapshot was taken; callbacks they schedule run next iteration.
 *
 * Why `run_forever()` returns a Promise: Node's main thread cannot block on I/O or timers (libuv
 * is not re-entrant), so the loop waits by awaiting. Everything between two waits runs
 * synchronously inside one macrotask, which is what makes the loop fast: a whole ready batch costs
 * one JS turn, not one per callback. While there is always work ready, the loop still yields to
 * Node every few milliseconds so that I/O, signals and settled Promises are seen, as CPython polls
 * its selector with a zero timeout each iteration.
 */

import { _start_thread, ThreadPoolExecutor } from "../concurrent/futures";
import type { Context } from "../contextvars";
import { Dict } from "../python/dict";
import {
  type BaseException,
  Exception,
  markRaised,
  RuntimeError,
  TypeError,
} from "../python/exceptions";
import { Kw } from "../python/kw";
import { repr } from "../python/repr";
import { noteReraise } from "../python/traceback";
import { typeName } from "../python/types";
import { type Coro, iscoroutine, iscoroutinefunction, markcoroutinefunction } from "./coroutines";
import {
  _get_running_loop,
  _set_running_loop,
  AbstractEventLoop,
  type Callback,
  type ExceptionContext,
  Handle,
  isExitException,
  NO_ARGS,
  type ReadyEntry,
  splitContextKw,
  TimerHandle,
} from "./events";
import { CancelledError } from "./exceptions";
import {
  _set_result_unless_cancelled,
  Future,
  isfuture,
  returnedAsIs,
  wrap_future,
} from "./futures";
import { logger } from "./log";
import { ensure_future, gather, Task, type TaskFactory } from "./tasks";
import { internal } from "./trace";

/** Rebuild the timer heap when more than this many timers are scheduled... */
const MIN_SCHEDULED_TIMER_HANDLES = 100;
/** ...and more than this fraction of them are cancelled. */
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** The longest single wait, in seconds (CPython's MAXIMUM_SELECT_TIMEOUT). */
export const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
/** While busy, yield to Node at least this often (milliseconds), so I/O and signals are seen. */
const HOST_YIELD_INTERVAL_MS = 8;
/** Check the host-yield clock every this many iterations (reading the clock is not free). */
const HOST_YIELD_CHECK_EVERY = 256;

/** What `_run_without_waiting` returns besides a poll timeout (which is never negative). */
const STOPPED = -1;
const HOST_TURN = -2;

/** A monotonic clock in seconds. Tests replace it with a fake clock (see test/helpers). */
export interface Clock {
  time(): number;
  /** A fake clock advances itself instead of sleeping; the loop then never waits for real. */
  advance?(seconds: number): void;
}

/** CLOCK_MONOTONIC, the clock of CPython's `time.monotonic()` (which `loop.time()` returns). */
export const monotonicClock: Clock = {
  time: () => Number(process.hrtime.bigint()) / 1e9,
};

/**
 * The ready queue: a growable ring buffer (a JS array's shift() is O(n)). Only what
 * `collections.deque` offers to `_run_once` is needed: append, popleft, length, clear. It holds
 * Handles, and Tasks standing for their own `__step` handle (see ReadyEntry in events.ts).
 */
export class ReadyQueue {
  private buf: (ReadyEntry | undefined)[] = new Array(1024);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(handle: ReadyEntry): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.head + this.count) & (this.buf.length - 1)] = handle;
    this.count++;
  }

  shift(): ReadyEntry {
    const h = this.buf[this.head]!;
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & (this.buf.length - 1);
    this.count--;
    return h;
  }

  clear(): void {
    this.buf = new Array(1024);
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const old = this.buf;
    const next: (ReadyEntry | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.buf = next;
    this.head = 0;
  }
}

// heapq's algorithm on TimerHandles, compared by `_when` exactly as TimerHandle.__lt__ does. This is
// a specialised copy of src/python/stdlib/heapq.ts: the generic version dispatches Python's `<`,
// which would cost every timer on the loop's hottest path. The `_when` of the handle at heap[i] is
// kept in whens[i] (a Float64Array moved along with the heap): the comparisons read one contiguous
// array instead of a handle scattered in memory each, which is most of a pop with 100,000 timers.

function siftDown(heap: TimerHandle[], whens: Float64Array, startpos: number, pos: number): void {
  const newitem = heap[pos];
  const newwhen = whens[pos];
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    const parentwhen = whens[parentpos];
    if (newwhen < parentwhen) {
      heap[pos] = heap[parentpos];
      whens[pos] = parentwhen;
      pos = parentpos;
      continue;
    }
    break;
  }
  heap[pos] = newitem;
  whens[pos] = newwhen;
}

function siftUp(heap: TimerHandle[], whens: Float64Array, pos: number): void {
  const endpos = heap.length;
  const startpos = pos;
  const newitem = heap[pos];
  const newwhen = whens[pos];
  let childpos = 2 * pos + 1;
  while (childpos < endpos) {
    const rightpos = childpos + 1;
    if (rightpos < endpos && !(whens[childpos] < whens[rightpos])) childpos = rightpos;
    heap[pos] = heap[childpos];
    whens[pos] = whens[childpos];
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  whens[pos] = newwhen;
  siftDown(heap, whens, startpos, pos);
}

/** heapq.heappush; `whens` must have room for one more entry. */
export function timerHeappush(heap: TimerHandle[], whens: Float64Array, item: TimerHandle): void {
  heap.push(item);
  whens[heap.length - 1] = item._when;
  siftDown(heap, whens, 0, heap.length - 1);
}

export function timerHeappop(heap: TimerHandle[], whens: Float64Array): TimerHandle {
  const lastelt = heap.pop()!;
  const n = heap.length;
  if (n > 0) {
    const returnitem = heap[0];
    heap[0] = lastelt;
    whens[0] = whens[n];
    siftUp(heap, whens, 0);
    return returnitem;
  }
  return lastelt;
}

/** heapq.heapify; returns the `whens` array made for the heap. */
export function timerHeapify(heap: TimerHandle[]): Float64Array {
  const whens = new Float64Array(Math.max(64, heap.length * 2));
  for (let i = 0; i < heap.length; i++) whens[i] = heap[i]._when;
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftUp(heap, whens, i);
  return whens;
}

const _run_until_complete_cb = internal(function _run_until_complete_cb(
  fut: Future<unknown>,
): void {
  if (!fut.cancelled()) {
    const exc = fut.exception();
    if (isExitException(exc)) {
      // Issue #22429: run_forever() already finished, no need to stop it.
      return;
    }
  }
  (fut.get_loop() as BaseEventLoop).stop();
});

const _set_coroutine_origin_tracking = internal(function _set_coroutine_origin_tracking(
  _enabled: boolean,
): void {});

/** The self-pipe's reader (`BaseSelectorEventLoop._read_from_self`): it only drains the pipe. */
const _read_from_self = internal(function _read_from_self(): void {});

/** The async-generator hooks the running loop installs (Python's sys.set_asyncgen_hooks). */
export interface AsyncGenHooks {
  firstiter: ((agen: unknown) => void) | null;
  finalizer: ((agen: unknown) => void) | null;
}
let asyncgenHooks: AsyncGenHooks = { firstiter: null, finalizer: null };
export function get_asyncgen_hooks(): AsyncGenHooks {
  return asyncgenHooks;
}
export function set_asyncgen_hooks(hooks: AsyncGenHooks): void {
  asyncgenHooks = hooks;
}

/**
 * A custom exception handler: `handler(loop, context)`, where `context` is a Python dict (the
 * runtime's `Dict`), as in CPython.
 */
type ExceptionHandler = (loop: AbstractEventLoop, context: Dict<string, unknown>) => unknown;

/** An exception context as a plain object or as the Python dict a handler received. */
type AnyExceptionContext = ExceptionContext | Dict<string, unknown>;

function contextEntries(context: AnyExceptionContext): [string, unknown][] {
  if (context instanceof Dict) return [...context.entries()] as [string, unknown][];
  return Object.entries(context);
}

function contextGet(context: AnyExceptionContext, key: string): unknown {
  if (context instanceof Dict) return context.get(key) ?? undefined;
  return context[key];
}

/** Calls a function in the current context, in a frame named as Context's `_run_args`. */
const CALL_DIRECTLY = {
  _run_args(fn: (...args: any[]) => unknown, args: unknown[]): unknown {
    return fn(...args);
  },
};

export abstract class BaseEventLoop extends AbstractEventLoop {
  static override readonly __module__: string = "asyncio.base_events";
  _timer_cancelled_count = 0;
  _closed = false;
  _stopping = false;
  _ready = new ReadyQueue();
  _scheduled: TimerHandle[] = [];
  /** `_when` of each handle in `_scheduled`, at the same index (see siftDown). */
  private _scheduled_when: Float64Array = new Float64Array(64);
  _default_executor: ThreadPoolExecutor | null = null;
  _clock_resolution = 1e-9;
  _exception_handler: ExceptionHandler | null = null;
  _debug = false;
  slow_callback_duration = 0.1;
  _current_handle: Handle | null = null;
  _task_factory: TaskFactory | null = null;
  _asyncgens = new Set<unknown>();
  _asyncgens_shutdown_called = false;
  _executor_shutdown_called = false;
  _running = false;
  _old_agen_hooks: AsyncGenHooks | null = null;
  /** Failed futures whose exception nobody retrieved; reported at close (see futures.ts). */
  _unretrieved = new Set<Future<unknown>>();
  _clock: Clock;
  private _iterationsSinceCheck = 0;
  /** An exception to raise out of run_forever at the next iteration (a second SIGINT). */
  private _pendingInterrupt: BaseException | null = null;
  private _lastHostYield = 0;

  constructor(clock: Clock = monotonicClock) {
    super();
    this._clock = clock;
    this._debug = !!process.env.PYTHONASYNCIODEBUG;
    // A subclass overriding call_soon (a program's loop that counts or logs callbacks) sees every
    // callback futures and tasks schedule, as CPython's do through `loop.call_soon`: the
    // runtime's shortcuts around it are hidden, so they fall back to calling it.
    if (this.call_soon !== BaseEventLoop.prototype.call_soon) {
      Object.defineProperty(this, "_call_soon_ctx", { value: undefined, writable: true });
      Object.defineProperty(this, "_call_soon_step", { value: undefined, writable: true });
    }
  }

  __repr__(): string {
    return `<${pyClassName(this)} running=${pyBool(this.is_running())} closed=${pyBool(this.is_closed())} debug=${pyBool(this.get_debug())}>`;
  }

  override toString(): string {
    return this.__repr__();
  }

  create_future<T = unknown>(): Future<T> {
    return new Future<T>(this);
  }

  /** `create_task(coro, *, name=None, context=None)`. */
  create_task<T>(
    coro: Coro<T>,
    kwargs?: Kw<{ name?: unknown; context?: Context | null }>,
  ): Task<T> {
    this._check_closed();
    const name = kwargs?.kwargs.name ?? null;
    const context = kwargs?.kwargs.context ?? null;
    if (this._task_factory === null) {
      return Task._create<T>(coro, this, name, context);
    }
    const task =
      context === null
        ? this._task_factory(this, coro as Coro<unknown>)
        : this._task_factory(this, coro as Coro<unknown>, new Kw({ context }));
    (task as Task<T>).set_name(name);
    return task as Task<T>;
  }

  set_task_factory(factory: TaskFactory | null): null {
    if (factory !== null && typeof factory !== "function") {
      throw new TypeError("task factory must be a callable or None");
    }
    this._task_factory = factory;
    return null;
  }

  get_task_factory(): TaskFactory | null {
    return this._task_factory;
  }

  _check_closed(): void {
    if (this._closed) throw new RuntimeError("Event loop is closed");
  }

  _check_default_executor(): void {
    if (this._executor_shutdown_called) throw new RuntimeError("Executor shutdown has been called");
  }

  _asyncgen_firstiter_hook(agen: unknown): void {
    this._asyncgens.add(agen);
  }

  _asyncgen_finalizer_hook(agen: unknown): void {
    this._asyncgens.delete(agen);
    if (!this.is_closed()) {
      const aclose = (agen as { aclose(): Coro<unknown> }).aclose();
      this.call_soon_threadsafe(this._create_task_hook, aclose);
    }
  }

  /** `self.create_task`, as the finalizer hook passes it to call_soon_threadsafe. */
  private readonly _create_task_hook = internal(
    (coro: Coro<unknown>): Task<unknown> => this.create_task(coro),
  );

  /** Shutdown all active asynchronous generators: gather their `aclose()`, report failures. */
  *shutdown_asyncgens(): Generator<unknown, void, unknown> {
    this._asyncgens_shutdown_called = true;
    if (this._asyncgens.size === 0) return;
    const closing = [...this._asyncgens];
    this._asyncgens.clear();
    const results = yield* gather(
      ...closing.map((agen) => (agen as { aclose(): Coro<unknown> }).aclose()),
      new Kw({ return_exceptions: true }),
    );
    results.forEach((result, i) => {
      if (result instanceof Exception) {
        this.call_exception_handler({
          message: `an error occurred during closing of asynchronous generator ${repr(closing[i])}`,
          exception: result,
          asyncgen: closing[i],
        });
      }
    });
  }

  /**
   * Shut the default executor down: a thread of its own waits for its calls to finish
   * (`shutdown(wait=True)`), then completes the awaited future. Its calls cannot be interrupted
   * (they run on the one JS thread: concurrent/futures.ts), so `timeout` never expires.
   */
  *shutdown_default_executor(_timeout: number | null = null): Generator<unknown, void, unknown> {
    this._executor_shutdown_called = true;
    if (this._default_executor === null) return;
    const future = this.create_future() as Future<null>;
    _start_thread(() => this._do_shutdown(future));
    yield* future;
  }

  _do_shutdown(future: Future<null>): void {
    try {
      this._default_executor!.shutdown(true);
      if (!this.is_closed()) this.call_soon_threadsafe(_set_result_unless_cancelled, future, null);
    } catch (ex) {
      if (!this.is_closed() && !future.cancelled() && ex instanceof Exception) {
        const raised = markRaised(ex);
        this.call_soon_threadsafe(
          (f: Future<null>, e: unknown) => f.set_exception(e),
          future,
          raised,
        );
      } else throw ex;
    }
  }

  /**
   * `run_in_executor(executor, func, *args)`: `func(*args)` in `executor` (the default
   * ThreadPoolExecutor when None), as an asyncio Future of this loop.
   */
  override run_in_executor(executor: unknown, func: Callback, ...args: unknown[]): Future<unknown> {
    const last = args[args.length - 1];
    if (last instanceof Kw) {
      const key = Object.keys(last.kwargs)[0];
      throw new TypeError(
        `BaseEventLoop.run_in_executor() got an unexpected keyword argument '${key}'`,
      );
    }
    this._check_closed();
    if (this._debug) this._check_callback(func, "run_in_executor");
    let pool = executor as ThreadPoolExecutor | null | undefined;
    if (pool === null || pool === undefined) {
      pool = this._default_executor;
      this._check_default_executor();
      if (pool === null) {
        pool = new ThreadPoolExecutor(new Kw({ thread_name_prefix: "asyncio" }));
        this._default_executor = pool;
      }
    }
    return wrap_future(pool.submit(func, ...args), new Kw({ loop: this }));
  }

  override set_default_executor(executor: unknown): null {
    if (!(executor instanceof ThreadPoolExecutor)) {
      throw new TypeError("executor must be ThreadPoolExecutor instance");
    }
    this._default_executor = executor;
    return null;
  }

  _check_running(): void {
    if (this.is_running()) throw new RuntimeError("This event loop is already running");
    if (_get_running_loop() !== null) {
      throw new RuntimeError("Cannot run the event loop while another loop is running");
    }
  }

  _run_forever_setup(): void {
    this._check_closed();
    this._check_running();
    this._old_agen_hooks = get_asyncgen_hooks();
    this._running = true;
    set_asyncgen_hooks({
      firstiter: (agen) => this._asyncgen_firstiter_hook(agen),
      finalizer: (agen) => this._asyncgen_finalizer_hook(agen),
    });
    _set_running_loop(this);
  }

  _run_forever_cleanup(): void {
    this._stopping = false;
    this._running = false;
    _set_running_loop(null);
    if (this._old_agen_hooks !== null) {
      set_asyncgen_hooks(this._old_agen_hooks);
      this._old_agen_hooks = null;
    }
  }

  /** Run until stop() is called. Returns a Promise: await it (see the module header). */
  run_forever(): Promise<void> {
    try {
      this._run_forever_setup();
    } catch (exc) {
      // CPython 3.13.0 runs _run_forever_cleanup in a `finally` around the setup too, so a failed
      // run_forever() on a running loop clears the running loop and the "running" state.
      this._run_forever_cleanup();
      throw exc;
    }
    return this._run_forever_body();
  }

  private async _run_forever_body(): Promise<void> {
    try {
      this._lastHostYield = performance.now();
      for (;;) {
        const wait = this._run_without_waiting();
        if (wait === STOPPED) break;
        if (wait === HOST_TURN) {
          await this._yield_to_host();
          this._lastHostYield = performance.now();
        } else {
          await this._poll(wait);
        }
        if (this._finish_iteration()) break;
      }
    } catch (exc) {
      // Out of the loop to the code that runs it: that code's frames join the traceback.
      noteReraise(exc);
      throw exc;
    } finally {
      this._run_forever_cleanup();
    }
  }

  /**
   * Whole iterations, for as long as none has to wait: returns the poll timeout (seconds, or null
   * for none) the next iteration waits with, HOST_TURN when the host is due a turn first, or
   * STOPPED. A plain function rather than part of the async body above: V8 optimizes a hot loop
   * in a plain function while it runs (on-stack replacement), but the loop of an async function
   * only from a later call, which left the first runs of a program at half speed.
   */
  private _run_without_waiting(): number | null {
    for (;;) {
      const timeout = this._prepare_poll();
      if (timeout !== 0) return timeout;
      if (++this._iterationsSinceCheck >= HOST_YIELD_CHECK_EVERY) {
        this._iterationsSinceCheck = 0;
        if (performance.now() - this._lastHostYield >= HOST_YIELD_INTERVAL_MS) return HOST_TURN;
      }
      if (this._finish_iteration()) return STOPPED;
    }
  }

  /** The rest of an iteration once it has waited: a pending interrupt, then the ready handles. */
  private _finish_iteration(): boolean {
    if (this._pendingInterrupt !== null) {
      const exc = this._pendingInterrupt;
      this._pendingInterrupt = null;
      throw exc;
    }
    this._run_ready();
    return this._stopping;
  }

  /**
   * Run until the future (or coroutine, wrapped in a Task) is done; resolve with its result or
   * reject with its exception. The checks CPython makes before running happen synchronously.
   */
  run_until_complete<T>(future: Coro<T> | Future<T> | PromiseLike<T>): Promise<T> {
    this._check_closed();
    this._check_running();
    const newTask = !isfuture(future);
    const fut = ensure_future(future, new Kw({ loop: this }));
    if (newTask) (fut as Task<T>)._log_destroy_pending = false;
    fut.add_done_callback(_run_until_complete_cb);
    return this._run_until_complete_body(fut, newTask);
  }

  private async _run_until_complete_body<T>(fut: Future<T>, newTask: boolean): Promise<T> {
    try {
      await this.run_forever();
    } catch (exc) {
      if (newTask && fut.done() && !fut.cancelled()) fut.exception();
      throw exc;
    } finally {
      fut.remove_done_callback(_run_until_complete_cb);
    }
    if (!fut.done()) throw new RuntimeError("Event loop stopped before Future completed.");
    try {
      // The result as it is, even a Future or Task.
      return returnedAsIs(fut.result());
    } catch (exc) {
      // The code that runs the loop joins the traceback: `result()` adds it for an exception
      // the future was given, here for the CancelledError of a cancelled one.
      if (exc instanceof CancelledError) noteReraise(exc);
      throw exc;
    }
  }

  stop(): null {
    this._stopping = true;
    return null;
  }

  /** Raise `exc` out of run_forever before the next batch (how a second SIGINT interrupts). */
  _interrupt(exc: BaseException): void {
    this._pendingInterrupt = exc;
    this._write_to_self();
  }

  close(): null {
    if (this.is_running()) throw new RuntimeError("Cannot close a running event loop");
    if (this._closed) return null;
    if (this._debug) logger.debug(`Close ${this.__repr__()}`);
    this._closed = true;
    this._self_pipe_data = false;
    this._ready.clear();
    this._scheduled = [];
    this._scheduled_when = new Float64Array(64);
    this._executor_shutdown_called = true;
    const executor = this._default_executor;
    if (executor !== null) {
      this._default_executor = null;
      executor.shutdown(false);
    }
    const unretrieved = [...this._unretrieved];
    this._unretrieved.clear();
    for (const fut of unretrieved) fut._report_unretrieved();
    return null;
  }

  is_closed(): boolean {
    return this._closed;
  }

  is_running(): boolean {
    return this._running;
  }

  time(): number {
    return this._clock.time();
  }

  /** `call_later(delay, callback, *args, context=None)`. */
  call_later(delay: number | bigint, callback: Callback, ...args: unknown[]): TimerHandle {
    // Keywords are bound (and refused) before the body runs, as in CPython.
    if (args.length > 0 && args[args.length - 1] instanceof Kw) {
      splitContextKw(args, "BaseEventLoop.call_later");
    }
    if (delay === null || delay === undefined) throw new TypeError("delay must not be None");
    if (typeof delay !== "number" && typeof delay !== "bigint" && typeof delay !== "boolean") {
      // CPython's `self.time() + delay`.
      throw new TypeError(`unsupported operand type(s) for +: 'float' and '${typeName(delay)}'`);
    }
    const when = this.time() + (typeof delay === "number" ? delay : Number(delay));
    // call_at as CPython's call_later does (a subclass may override it); the common case, no
    // override and no trailing kw({ context }), skips the rest-argument spread and the split.
    if (this.call_at === BaseEventLoop.prototype.call_at) {
      const n = args.length;
      if (n === 0 || !(args[n - 1] instanceof Kw)) {
        this._check_closed();
        if (this._debug) this._check_callback(callback, "call_at");
        return this._call_at_ctx(when, callback, n === 0 ? NO_ARGS : args, null);
      }
    }
    return this.call_at(when, callback, ...args);
  }

  /** `call_at(when, callback, *args, context=None)`. */
  call_at(when: number | bigint, callback: Callback, ...args: unknown[]): TimerHandle {
    const [cbArgs, context] = splitContextKw(args, "BaseEventLoop.call_at");
    if (when === null || when === undefined) throw new TypeError("when cannot be None");
    this._check_closed();
    if (this._debug) this._check_callback(callback, "call_at");
    return this._call_at_ctx(when, callback, cbArgs, context);
  }

  /** call_at's body once the arguments are split (the checks of call_at come first). */
  _call_at_ctx(
    when: number | bigint,
    callback: Callback,
    args: unknown[],
    context: Context | null,
  ): TimerHandle {
    const timer = new TimerHandle(when, callback, args, this, context);
    const heap = this._scheduled;
    if (heap.length >= this._scheduled_when.length) {
      const whens = new Float64Array(this._scheduled_when.length * 2);
      whens.set(this._scheduled_when);
      this._scheduled_when = whens;
    }
    timerHeappush(heap, this._scheduled_when, timer);
    timer._scheduled = true;
    this._wake_if_waiting();
    return timer;
  }

  /** `call_soon(callback, *args, context=None)`: FIFO, next iteration. */
  call_soon(callback: Callback, ...args: unknown[]): Handle;
  call_soon(callback: Callback): Handle {
    this._check_closed();
    if (this._debug) this._check_callback(callback, "call_soon");
    // The common call has no arguments: no array for them (a rest parameter would make one).
    // biome-ignore lint/complexity/noArguments: see above.
    if (arguments.length === 1) return this._call_soon(callback, NO_ARGS, null);
    // biome-ignore lint/complexity/noArguments: see above.
    const args: unknown[] = Array.prototype.slice.call(arguments, 1);
    const n = args.length;
    // Without keywords: no [args, context] pair to make.
    if (!(args[n - 1] instanceof Kw)) return this._call_soon(callback, args, null);
    const [cbArgs, context] = splitContextKw(args, "BaseEventLoop.call_soon");
    return this._call_soon(callback, cbArgs, context);
  }

  /** call_soon for the runtime's own callers: no keyword parsing. */
  _call_soon_ctx(callback: Callback, args: unknown[], context: Context | null): Handle {
    this._check_closed();
    if (this._debug) this._check_callback(callback, "call_soon");
    return this._call_soon(callback, args, context);
  }

  /**
   * call_soon of a task's next step without an exception, for tasks.ts: the task itself goes in
   * the ready queue instead of a Handle for `__step(task)` (none is made: the C Task never returns
   * it to anyone either). In debug mode the Handle is made, so slow-callback reports see it.
   */
  _call_soon_step(entry: ReadyEntry): void {
    this._check_closed();
    this._ready.push(this._debug ? entry._tsAsHandle() : entry);
    if (this._waiting) this._wake_if_waiting();
  }

  _check_callback(callback: unknown, method: string): void {
    if (iscoroutine(callback) || iscoroutinefunction(callback)) {
      throw new TypeError(`coroutines cannot be used with ${method}()`);
    }
    if (typeof callback !== "function") {
      throw new TypeError(`a callable object was expected by ${method}(), got ${repr(callback)}`);
    }
  }

  _call_soon(callback: Callback, args: unknown[], context: Context | null): Handle {
    const handle = new Handle(callback, args, this, context);
    this._ready.push(handle);
    if (this._waiting) this._wake_if_waiting();
    return handle;
  }

  /** Like call_soon(), and wakes the loop if it is waiting. */
  call_soon_threadsafe(callback: Callback, ...args: unknown[]): Handle {
    this._check_closed();
    if (this._debug) this._check_callback(callback, "call_soon_threadsafe");
    const [cbArgs, context] = splitContextKw(args, "BaseEventLoop.call_soon_threadsafe");
    const handle = this._call_soon(callback, cbArgs, context);
    // CPython's selector loop writes a byte to its self-pipe here; the next iteration's select()
    // sees it and runs the reader callback `_read_from_self` (emulated by `_self_pipe_data`).
    this._self_pipe_data = true;
    this._write_to_self();
    return handle;
  }

  /** A byte waits in the (emulated) self-pipe: the next iteration runs `_read_from_self`. */
  _self_pipe_data = false;
  private _self_reading_handle: Handle | null = null;

  get_exception_handler(): ExceptionHandler | null {
    return this._exception_handler;
  }

  set_exception_handler(handler: ExceptionHandler | null): null {
    if (handler !== null && typeof handler !== "function") {
      throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
    }
    this._exception_handler = handler;
    return null;
  }

  /** Log the message, then every other key of the context, sorted, as `key: repr(value)`. */
  default_exception_handler(context: AnyExceptionContext): null {
    const message =
      (contextGet(context, "message") as string) || "Unhandled exception in event loop";
    const exception = contextGet(context, "exception");
    const logLines = [message];
    const entries = contextEntries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, value] of entries) {
      if (key === "message" || key === "exception") continue;
      logLines.push(`${key}: ${reprContextValue(value)}`);
    }
    logger.error(logLines.join("\n"), exception ?? undefined);
    return null;
  }

  call_exception_handler(context: AnyExceptionContext): null {
    // A dict, as the handlers (the program's, or its override of default_exception_handler) get.
    const dict =
      context instanceof Dict ? context : new Dict<string, unknown>(Object.entries(context));
    if (this._exception_handler === null) {
      try {
        this.default_exception_handler(dict);
      } catch (exc) {
        if (isExitException(exc)) throw exc;
        logger.error("Exception in default exception handler", exc);
      }
      return null;
    }
    try {
      const thing = (contextGet(context, "task") ??
        contextGet(context, "future") ??
        contextGet(context, "handle")) as { get_context?: () => Context | null } | undefined;
      const ctx = typeof thing?.get_context === "function" ? thing.get_context() : null;
      // Through a `_run_args` frame, where tracebacks of the program stop (codegen/run.ts): what
      // the handler raises starts at the handler, as CPython's starts at this method.
      (ctx ?? CALL_DIRECTLY)._run_args(this._exception_handler, [this, dict]);
    } catch (exc) {
      markRaised(exc);
      if (isExitException(exc)) throw exc;
      try {
        this.default_exception_handler(
          new Dict<string, unknown>([
            ["message", "Unhandled error in exception handler"],
            ["exception", exc],
            ["context", dict],
          ]),
        );
      } catch (exc2) {
        if (isExitException(exc2)) throw exc2;
        logger.error(
          "Exception in default exception handler while handling an unexpected error in custom exception handler",
          exc2,
        );
      }
    }
    return null;
  }

  _add_callback(handle: Handle): void {
    if (!handle._cancelled) this._ready.push(handle);
  }

  _timer_handle_cancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timer_cancelled_count += 1;
  }

  /** Steps 1 and 2 of an iteration: drop cancelled timers, compute the poll timeout. */
  _prepare_poll(): number | null {
    const schedCount = this._scheduled.length;
    if (schedCount > 0) {
      if (
        schedCount > MIN_SCHEDULED_TIMER_HANDLES &&
        this._timer_cancelled_count / schedCount > MIN_CANCELLED_TIMER_HANDLES_FRACTION
      ) {
        this._rebuild_timer_heap();
      } else if (this._scheduled[0]._cancelled) {
        this._pop_cancelled_timers();
      }
    }
    if (this._ready.length > 0 || this._stopping) return 0;
    if (this._scheduled.length > 0) {
      const timeout = this._scheduled[0]._when - this.time();
      if (timeout > MAXIMUM_SELECT_TIMEOUT) return MAXIMUM_SELECT_TIMEOUT;
      return Math.max(0, timeout);
    }
    return null;
  }

  // The cold parts of the loop's hot functions are methods of their own, here and below: V8
  // inlines a hot function into its callers only while it is small.

  /** Too many cancelled timers: drop them all and heapify the rest. */
  private _rebuild_timer_heap(): void {
    const newScheduled: TimerHandle[] = [];
    for (const handle of this._scheduled) {
      if (handle._cancelled) handle._scheduled = false;
      else newScheduled.push(handle);
    }
    this._scheduled_when = timerHeapify(newScheduled);
    this._scheduled = newScheduled;
    this._timer_cancelled_count = 0;
  }

  /** Pop the cancelled timers at the head of the heap. */
  private _pop_cancelled_timers(): void {
    const scheduled = this._scheduled;
    while (scheduled.length > 0 && scheduled[0]._cancelled) {
      this._timer_cancelled_count -= 1;
      const handle = timerHeappop(scheduled, this._scheduled_when);
      handle._scheduled = false;
    }
  }

  /** Steps 4 and 5: move due timers to the ready queue, then run a snapshot of it. */
  _run_ready(): void {
    // Step 3, _process_events: the self-pipe is readable, its reader handle goes first.
    if (this._self_pipe_data) this._queue_self_reading();
    if (this._scheduled.length > 0) this._move_due_timers();
    const ready = this._ready;
    const ntodo = ready.length;
    if (this._debug) {
      this._run_ready_debug(ntodo);
      return;
    }
    // `if handle._cancelled: continue; handle._run()`, inside each entry's _tsRunReady.
    for (let i = 0; i < ntodo; i++) ready.shift()._tsRunReady();
  }

  private _queue_self_reading(): void {
    this._self_pipe_data = false;
    this._self_reading_handle ??= new Handle(_read_from_self, [], this, null);
    this._ready.push(this._self_reading_handle);
  }

  /** Step 4: the timers due by now (within the clock's resolution) join the ready queue. */
  private _move_due_timers(): void {
    const scheduled = this._scheduled;
    const endTime = this.time() + this._clock_resolution;
    const whens = this._scheduled_when;
    while (scheduled.length > 0) {
      if (whens[0] >= endTime) break;
      const handle = timerHeappop(scheduled, whens);
      handle._scheduled = false;
      this._ready.push(handle);
    }
  }

  private _run_ready_debug(ntodo: number): void {
    const ready = this._ready;
    for (let i = 0; i < ntodo; i++) {
      const handle = ready.shift()._tsAsHandle();
      if (handle._cancelled) continue;
      this._run_handle_debug(handle);
    }
  }

  private _run_handle_debug(handle: Handle): void {
    try {
      this._current_handle = handle;
      const t0 = this.time();
      handle._run();
      const dt = this.time() - t0;
      if (dt >= this.slow_callback_duration) {
        logger.warning(`Executing ${formatHandle(handle)} took ${dt.toFixed(3)} seconds`);
      }
    } finally {
      this._current_handle = null;
    }
  }

  /** One whole iteration, synchronously, for callers that never wait (tests, stop() first). */
  _run_once(): void {
    this._prepare_poll();
    this._run_ready();
  }

  get_debug(): boolean {
    return this._debug;
  }

  set_debug(enabled: boolean): null {
    this._debug = !!enabled;
    // CPython switches coroutine origin tracking from the loop; the callback is observable in
    // the order of callbacks, so it is scheduled here too (tracking itself does not exist in JS).
    if (this.is_running()) this.call_soon_threadsafe(_set_coroutine_origin_tracking, enabled);
    return null;
  }

  // The platform part: how the loop waits and wakes. See node_events.ts.

  /** True while the loop is inside `_poll` waiting; call_soon wakes it then. */
  _waiting = false;

  /** Wait up to `timeout` seconds (null: until woken) for something to do. */
  abstract _poll(timeout: number | null): Promise<void>;

  /** Let the host run I/O callbacks, signals and settled promises, then continue. */
  abstract _yield_to_host(): Promise<void>;

  /** Wake the loop if it is waiting in `_poll`. */
  abstract _write_to_self(): void;

  _wake_if_waiting(): void {
    if (this._waiting) this._write_to_self();
  }
}

/**
 * repr() of a value in an exception context. The context is a dict in Python; here it is a plain
 * object, so a nested context (the "context" key of "Unhandled error in exception handler") is
 * printed as the dict it stands for, keys in insertion order.
 */
function reprContextValue(value: unknown): string {
  if (
    typeof value === "object" &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${repr(k)}: ${reprContextValue(v)}`,
    );
    return `{${entries.join(", ")}}`;
  }
  return repr(value);
}

/** A class's Python name: its `__name__` when it declares one, else the JS name. */
export function pyClassName(obj: object): string {
  const ctor = obj.constructor as { __name__?: string; name: string };
  return ctor.__name__ ?? ctor.name;
}

function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

function formatHandle(handle: Handle): string {
  const cb = handle._callback as { __self__?: unknown } | null;
  const args = handle._args;
  if (cb && (cb as { __qualname__?: string }).__qualname__ === "Task.__step" && args) {
    return (args[0] as Task<unknown>).__repr__();
  }
  if (cb && cb.__self__ instanceof Task) return cb.__self__.__repr__();
  return handle.__repr__();
}

// The loop's own coroutine methods carry CPython's qualified names (task reprs and traces show them).
markcoroutinefunction(
  BaseEventLoop.prototype.shutdown_asyncgens,
  "BaseEventLoop.shutdown_asyncgens",
);
markcoroutinefunction(
  BaseEventLoop.prototype.shutdown_default_executor,
  "BaseEventLoop.shutdown_default_executor",
);
