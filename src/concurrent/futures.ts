/**
 * concurrent.futures: Future, Executor and ThreadPoolExecutor, for `loop.run_in_executor()` and
 * `asyncio.to_thread()`.
 *
 * How threads are emulated: Node runs JS on one thread, and a transpiled function cannot move to
 * a worker (it shares the program's objects). So a ThreadPoolExecutor's "threads" are turns of the
 * host's event loop: submitted calls wait in one FIFO queue shared by every executor, and a
 * `setImmediate` turn runs the waiting calls to completion, in order. That is where CPython's
 * worker threads get to run too: when the asyncio loop blocks waiting for I/O or a timer (it releases the GIL), or
 * between its batches when it stays busy (the GIL's switch interval; our loop yields to the host
 * as often). A call that must wait for a result (`Future.result()`, `shutdown(wait=True)`,
 * `Executor.map`) runs the queue until it has it, as the waiting thread would block while the
 * workers run. The result reaches asyncio through `call_soon_threadsafe`, as in CPython.
 *
 * Which worker runs a call is decided as in CPython's `_adjust_thread_count`: a submit takes a
 * worker that waits idle (the idle semaphore), else starts a new one (`{prefix}_{n}`) while fewer
 * than `max_workers` exist, else the call waits for the first worker to finish its call.
 * `threading.current_thread()` inside a call names that worker (`asyncio_0`,
 * `ThreadPoolExecutor-0_0`); its workers live until `shutdown()`.
 *
 * Differences from CPython (docs/DIFFERENCES.md): calls run one at a time, never in parallel, so
 * a blocking call (`time.sleep`) blocks the asyncio loop too; `max_workers` only bounds the number
 * of worker names. A `result()` that nothing can ever complete raises RuntimeError instead of
 * blocking forever.
 */

import { Context } from "../contextvars";
import {
  Exception,
  markRaised,
  RuntimeError,
  TimeoutError,
  TypeError,
  ValueError,
} from "../python/exceptions";
import { Kw } from "../python/kw";
import { classQualname, id } from "../python/objects";
import { call, iter, truthy } from "../python/protocol";
import { PySet } from "../python/set";
import { namedtuple } from "../python/stdlib/collections";
import { formatExceptionOnly, noteReraise } from "../python/traceback";
import { typeName } from "../python/types";

/** `concurrent.futures.Error`, the base of this module's own exceptions. */
export class Error extends Exception {
  static readonly __module__: string = "concurrent.futures._base";
}
/** The future was cancelled. */
export class CancelledError extends Error {
  static override readonly __module__ = "concurrent.futures._base";
}
/** An operation on a future in a state that does not allow it. */
export class InvalidStateError extends Error {
  static override readonly __module__ = "concurrent.futures._base";
}
export { TimeoutError };

type State = "PENDING" | "RUNNING" | "CANCELLED" | "CANCELLED_AND_NOTIFIED" | "FINISHED";

/** A call waiting for its "thread": see the module header. */
interface WorkItem {
  future: Future<unknown>;
  fn: unknown;
  args: unknown[];
  /** The executor it was submitted to; null for a thread of its own (`_start_thread`). */
  executor: ThreadPoolExecutor | null;
  /** The executor's `initializer`, which its first thread runs before any call. */
  initializer?: true;
  /** The worker that takes it, when known at submit time (see the module header). */
  thread?: WorkerThread;
}

/** One worker "thread" of a pool, as `threading` shows it (`current_thread()`, `enumerate()`). */
export interface WorkerThread {
  name: string;
  /** Its place among all the workers started, from 1. */
  n: number;
  /** The `threading.Thread`-like object `threading` made for it, once asked. */
  pyThread?: unknown;
}

let workersStarted = 0;
/** The worker whose call is running now (null: the main thread). */
let runningWorker: WorkerThread | null = null;
/** Workers started and not yet shut down, in start order. */
const liveWorkers: WorkerThread[] = [];

/** The worker running the current call, or null on the main thread (for `threading`). */
export function _current_worker(): WorkerThread | null {
  return runningWorker;
}

/** The live workers of every pool, oldest first (for `threading.enumerate()`). */
export function _live_workers(): readonly WorkerThread[] {
  return liveWorkers;
}

/**
 * Run queued calls until `done()` holds or none is left: what a thread blocking on a lock, an
 * event or a result lets the workers do meanwhile (for `threading`).
 */
export function _run_workers_until(done: () => boolean): void {
  runUntil(done);
}

/** Calls submitted to any executor and not yet run, oldest first. */
const queue: WorkItem[] = [];
let turnScheduled = false;

function scheduleTurn(): void {
  if (turnScheduled || queue.length === 0) return;
  turnScheduled = true;
  setImmediate(workerTurn);
}

/**
 * One host turn, taken when the asyncio loop waits (or yields to the host between batches): the
 * "threads" run every waiting call, as CPython's workers all get the GIL while the loop blocks.
 */
function workerTurn(): void {
  turnScheduled = false;
  runUntil(() => false);
}

/** What a worker thread does with one work item (`_WorkItem.run`). */
function runItem(item: WorkItem): void {
  const pool = item.executor;
  const thread = pool === null ? null : (item.thread ?? pool._takeThread());
  const outer = runningWorker;
  runningWorker = thread;
  try {
    runCall(item);
  } finally {
    runningWorker = outer;
    if (pool !== null && thread !== null) pool._threadFinished(thread);
  }
}

function runCall(item: WorkItem): void {
  if (!item.future.set_running_or_notify_cancel()) return;
  let result: unknown;
  try {
    // A new thread starts with an empty context (to_thread passes its caller's via ctx.run).
    result = new Context()._run_args(call, [item.fn, ...item.args]);
  } catch (exc) {
    // Raised out of the call: it keeps its frames (asyncio's set_exception drops those of one
    // never raised).
    item.future.set_exception(markRaised(exc));
    if (item.initializer && item.executor !== null) initializerFailed(item.executor, exc);
    return;
  }
  item.future.set_result(result);
}

/**
 * The initializer raised: the pool is broken, as CPython's: its waiting calls fail with
 * BrokenThreadPool and new ones are refused.
 */
function initializerFailed(pool: ThreadPoolExecutor, exc: unknown): void {
  process.stderr.write(`Exception in initializer:\n${formatExceptionOnly(exc)}`);
  pool._broken = "A thread initializer failed, the thread pool is not usable anymore";
  for (let i = queue.length - 1; i >= 0; i--) {
    if (queue[i]!.executor !== pool) continue;
    const [item] = queue.splice(i, 1);
    if (item!.future.set_running_or_notify_cancel()) {
      item!.future.set_exception(new BrokenThreadPool(pool._broken));
    }
  }
}

/** Run waiting calls until `done()` holds or none is left (a thread blocking on the workers). */
function runUntil(done: () => boolean): void {
  while (!done()) {
    const item = queue.shift();
    if (item === undefined) return;
    runItem(item);
  }
}

/** `concurrent.futures.Future`: the result of a call in an executor. */
export class Future<T = unknown> {
  static readonly __module__ = "concurrent.futures._base";
  _state: State = "PENDING";
  _result: T | undefined = undefined;
  _exception: unknown = null;
  _done_callbacks: ((f: Future<T>) => unknown)[] = [];
  /** The `wait()`/`as_completed()` calls waiting on it (CPython's `_waiters`). */
  _waiters: Waiter[] = [];

  __repr__(): string {
    const at = `at 0x${id(this).toString(16)}`;
    switch (this._state) {
      case "FINISHED":
        if (this._exception !== null) {
          return `<Future ${at} state=finished raised ${classQualname((this._exception as object).constructor)}>`;
        }
        return `<Future ${at} state=finished returned ${typeName(this._result)}>`;
      case "CANCELLED":
      case "CANCELLED_AND_NOTIFIED":
        return `<Future ${at} state=cancelled>`;
      default:
        return `<Future ${at} state=${this._state.toLowerCase()}>`;
    }
  }

  toString(): string {
    return this.__repr__();
  }

  /** Cancel the future if it has not started; True if it is (now) cancelled. */
  cancel(): boolean {
    if (this._state === "RUNNING" || this._state === "FINISHED") return false;
    if (this._state === "CANCELLED" || this._state === "CANCELLED_AND_NOTIFIED") return true;
    this._state = "CANCELLED";
    this._invoke_callbacks();
    return true;
  }

  cancelled(): boolean {
    return this._state === "CANCELLED" || this._state === "CANCELLED_AND_NOTIFIED";
  }

  running(): boolean {
    return this._state === "RUNNING";
  }

  done(): boolean {
    return this._state !== "PENDING" && this._state !== "RUNNING";
  }

  /** Wait for the outcome (running the executors' waiting calls), then return or raise it. */
  result(timeout: unknown = null): T {
    this._wait(timeout);
    if (this.cancelled()) throw new CancelledError();
    if (this._exception !== null) {
      // Raised again in the caller's thread: the frames asking for the result join its traceback.
      noteReraise(this._exception);
      throw this._exception;
    }
    return this._result as T;
  }

  exception(timeout: unknown = null): unknown {
    this._wait(timeout);
    if (this.cancelled()) throw new CancelledError();
    return this._exception;
  }

  private _wait(timeout: unknown): void {
    if (timeout instanceof Kw) timeout = (timeout.kwargs as { timeout?: unknown }).timeout ?? null;
    runUntil(() => this.done());
    if (this.done()) return;
    // Nothing queued can complete it: CPython would wait for another thread; there is none.
    if (timeout !== null && timeout !== undefined) throw new TimeoutError();
    throw new RuntimeError("Future.result() would block forever: no thread can complete it");
  }

  /** Call `fn(future)` when it is done (now, if it already is). */
  add_done_callback(fn: (f: Future<T>) => unknown): void {
    if (!this.done()) {
      this._done_callbacks.push(fn);
      return;
    }
    try {
      call(fn, this);
    } catch (exc) {
      reportCallbackError(this as Future<unknown>, exc);
    }
  }

  /** Mark it running, or (if cancelled) notify the waiters and return False. */
  set_running_or_notify_cancel(): boolean {
    if (this._state === "CANCELLED") {
      this._state = "CANCELLED_AND_NOTIFIED";
      for (const waiter of this._waiters) waiter.finished.push(this as Future<unknown>);
      return false;
    }
    if (this._state === "PENDING") {
      this._state = "RUNNING";
      return true;
    }
    throw new RuntimeError(`Future in unexpected state`);
  }

  set_result(result: T): void {
    if (this.done()) throw new InvalidStateError(`${this._state}: ${this.__repr__()}`);
    this._result = result;
    this._state = "FINISHED";
    for (const waiter of this._waiters) waiter.finished.push(this as Future<unknown>);
    this._invoke_callbacks();
  }

  set_exception(exception: unknown): void {
    if (this.done()) throw new InvalidStateError(`${this._state}: ${this.__repr__()}`);
    this._exception = exception;
    this._state = "FINISHED";
    for (const waiter of this._waiters) waiter.finished.push(this as Future<unknown>);
    this._invoke_callbacks();
  }

  _invoke_callbacks(): void {
    const callbacks = this._done_callbacks;
    this._done_callbacks = [];
    for (const fn of callbacks) {
      try {
        call(fn, this);
      } catch (exc) {
        reportCallbackError(this as Future<unknown>, exc);
      }
    }
  }
}

/** CPython logs "exception calling callback for <Future ...>" and carries on. */
function reportCallbackError(fut: Future<unknown>, exc: unknown): void {
  process.stderr.write(
    `exception calling callback for ${fut.__repr__()}\n${formatExceptionOnly(exc)}`,
  );
}

// ---------------------------------------------------------------- wait() and as_completed()

export const FIRST_COMPLETED = "FIRST_COMPLETED";
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
export const ALL_COMPLETED = "ALL_COMPLETED";

/** A `wait()` or `as_completed()` call: the futures that finished since it was installed, in order. */
interface Waiter {
  finished: Future<unknown>[];
}

/** Finished or cancelled-and-notified: what wait() and as_completed() count as done. */
function isFinished(f: Future<unknown>): boolean {
  return f._state === "FINISHED" || f._state === "CANCELLED_AND_NOTIFIED";
}

/** `fs` as a Python set of futures (duplicates removed, as CPython's `set(fs)`). */
function futureSet(fs: unknown): PySet & Iterable<Future<unknown>> {
  return new PySet([...iter(fs)]) as PySet & Iterable<Future<unknown>>;
}

/** Bind `(fs, timeout=None, ...)`-style arguments: positional values, then a trailing Kw. */
function bindArgs(fname: string, names: string[], args: unknown[]): unknown[] {
  const out: unknown[] = new Array(names.length).fill(undefined);
  let pos = args;
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    pos = args.slice(0, -1);
    const kwargs = (args[args.length - 1] as Kw).kwargs as Record<string, unknown>;
    for (const [key, value] of Object.entries(kwargs)) {
      const i = names.indexOf(key);
      if (i < 0) throw new TypeError(`${fname}() got an unexpected keyword argument '${key}'`);
      if (i < pos.length) {
        throw new TypeError(`${fname}() got multiple values for argument '${key}'`);
      }
      out[i] = value;
    }
  }
  if (pos.length > names.length) {
    throw new TypeError(
      `${fname}() takes from 1 to ${names.length} positional arguments but ${pos.length} were given`,
    );
  }
  pos.forEach((v, i) => {
    out[i] = v;
  });
  if (out[0] === undefined) {
    throw new TypeError(`${fname}() missing 1 required positional argument: '${names[0]}'`);
  }
  return out;
}

/** The deadline `timeout` seconds from now (ms, `performance.now()` clock), or null. */
function deadlineOf(timeout: unknown): number | null {
  if (timeout === null || timeout === undefined) return null;
  const t = typeof timeout === "bigint" ? Number(timeout) : timeout;
  if (typeof t !== "number") {
    throw new TypeError(`unsupported operand type(s) for +: '${typeName(timeout)}' and 'float'`);
  }
  return performance.now() + t * 1000;
}

function remaining(deadline: number | null): number {
  return deadline === null ? Infinity : deadline - performance.now();
}

let doneAndNotDone: ((...args: unknown[]) => unknown) | null = null;

/** `DoneAndNotDoneFutures(done, not_done)`, the named tuple wait() returns. */
function DoneAndNotDoneFutures(done: PySet, notDone: PySet): unknown {
  doneAndNotDone ??= namedtuple(
    "DoneAndNotDoneFutures",
    "done not_done",
    new Kw({ module: "concurrent.futures._base" }),
  ) as unknown as (...args: unknown[]) => unknown;
  return call(doneAndNotDone, done, notDone);
}

/**
 * `wait(fs, timeout=None, return_when=ALL_COMPLETED)`: the named tuple `(done, not_done)` of sets.
 * Waiting runs the executors' queued calls one by one (see the module header) until the condition
 * holds, the deadline passes, or none is left; with no call left and no timeout, nothing could
 * ever finish the futures, so it raises RuntimeError where CPython blocks forever.
 */
export function wait(...args: unknown[]): unknown {
  const [fsArg, timeout, whenArg] = bindArgs("wait", ["fs", "timeout", "return_when"], args);
  const returnWhen = whenArg === undefined ? ALL_COMPLETED : whenArg;
  const fs = futureSet(fsArg);
  const done = new PySet() as PySet & Iterable<Future<unknown>>;
  const notDone = new PySet() as PySet & Iterable<Future<unknown>>;
  for (const f of fs) (isFinished(f) ? done : notDone).add(f);
  const raised = (f: Future<unknown>): boolean => !f.cancelled() && f._exception !== null;
  if (returnWhen === FIRST_COMPLETED && done.size > 0) return DoneAndNotDoneFutures(done, notDone);
  if (returnWhen === FIRST_EXCEPTION && [...done].some(raised)) {
    return DoneAndNotDoneFutures(done, notDone);
  }
  if (done.size === fs.size) return DoneAndNotDoneFutures(done, notDone);
  const deadline = deadlineOf(timeout);
  const waiter: Waiter = { finished: [] };
  for (const f of fs) f._waiters.push(waiter);
  const satisfied = (): boolean => {
    const finished = waiter.finished;
    if (returnWhen === FIRST_COMPLETED) return finished.length > 0;
    if (returnWhen === FIRST_EXCEPTION && finished.some(raised)) return true;
    return finished.length + done.size >= fs.size;
  };
  try {
    runUntil(() => satisfied() || remaining(deadline) <= 0);
  } finally {
    for (const f of fs) f._waiters.splice(f._waiters.indexOf(waiter), 1);
  }
  if (!satisfied() && deadline === null) throw blockedForever("wait");
  for (const f of waiter.finished) done.add(f);
  const rest = new PySet() as PySet & Iterable<Future<unknown>>;
  for (const f of fs) if (!done.has(f)) rest.add(f);
  return DoneAndNotDoneFutures(done, rest);
}

function blockedForever(fname: string): RuntimeError {
  return new RuntimeError(`${fname}() would block forever: no thread can complete the futures`);
}

/**
 * `as_completed(fs, timeout=None)`: a generator of the futures as they finish, the finished ones
 * first (in reverse set order, as CPython pops them), then the others in the order they finish.
 * Like wait(), it runs the queued calls to get there.
 */
export function as_completed(...args: unknown[]): Generator<Future<unknown>, void, unknown> {
  const [fsArg, timeout] = bindArgs("as_completed", ["fs", "timeout"], args);
  const deadline = deadlineOf(timeout);
  const fs = futureSet(fsArg);
  return (function* as_completed() {
    const total = fs.size;
    const finished: Future<unknown>[] = [];
    const pending = new Set<Future<unknown>>();
    for (const f of fs) {
      if (isFinished(f)) finished.push(f);
      else pending.add(f);
    }
    const waiter: Waiter = { finished: [] };
    for (const f of fs) f._waiters.push(waiter);
    try {
      while (finished.length > 0) yield finished.pop()!;
      while (pending.size > 0) {
        if (remaining(deadline) < 0) {
          throw new TimeoutError(`${pending.size} (of ${total}) futures unfinished`);
        }
        runUntil(() => waiter.finished.length > 0 || remaining(deadline) < 0);
        if (waiter.finished.length === 0 && deadline === null) {
          throw blockedForever("as_completed");
        }
        const batch = waiter.finished;
        waiter.finished = [];
        for (const f of batch) {
          pending.delete(f);
          yield f;
        }
      }
    } finally {
      for (const f of fs) {
        const i = f._waiters.indexOf(waiter);
        if (i >= 0) f._waiters.splice(i, 1);
      }
    }
  })();
}

/** `concurrent.futures.Executor`: submit, map, shutdown, and use as a context manager. */
export abstract class Executor {
  static readonly __module__: string = "concurrent.futures._base";
  abstract submit(fn: unknown, ...args: unknown[]): Future<unknown>;

  /** `map(fn, *iterables, timeout=None, chunksize=1)`: the results in order. */
  map(fn: unknown, ...iterables: unknown[]): Generator<unknown, void, unknown> {
    if (iterables.length > 0 && iterables[iterables.length - 1] instanceof Kw) iterables.pop();
    const its = iterables.map((it) => (it as Iterable<unknown>)[Symbol.iterator]());
    const futures: Future<unknown>[] = [];
    for (;;) {
      const args: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) break;
        args.push(r.value);
      }
      if (its.length === 0 || args.length < its.length) break;
      futures.push(this.submit(fn, ...args));
    }
    return (function* results() {
      while (futures.length > 0) yield futures.shift()!.result();
    })();
  }

  shutdown(_wait: unknown = true, _kwargs?: unknown): null {
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(_type: unknown, _value: unknown, _tb: unknown): boolean {
    this.shutdown(true);
    return false;
  }
}

interface PoolOptions {
  max_workers?: unknown;
  thread_name_prefix?: unknown;
  initializer?: unknown;
  initargs?: unknown;
}

let poolCounter = 0;

/** `ThreadPoolExecutor(max_workers=None, thread_name_prefix='', initializer=None, initargs=())`. */
export class ThreadPoolExecutor extends Executor {
  static override readonly __module__ = "concurrent.futures.thread";
  _max_workers: bigint;
  _thread_name_prefix: string;
  _initializer: unknown;
  _initargs: unknown[];
  _initialized = false;
  _shutdown = false;
  _broken: string | false = false;
  /** Its workers, in start order, and those waiting idle for a call (oldest first). */
  _threads: WorkerThread[] = [];
  _idle: WorkerThread[] = [];

  constructor(...args: unknown[]) {
    super();
    const kw =
      args.length > 0 && args[args.length - 1] instanceof Kw
        ? (args.pop() as Kw<PoolOptions>).kwargs
        : {};
    const [
      maxWorkers = kw.max_workers ?? null,
      prefix = kw.thread_name_prefix ?? "",
      initializer = kw.initializer ?? null,
      initargs = kw.initargs ?? [],
    ] = args as [unknown?, unknown?, unknown?, unknown?];
    if (maxWorkers === null || maxWorkers === undefined) {
      // CPython: min(32, os.process_cpu_count() + 4).
      const os = require("node:os") as typeof import("node:os");
      this._max_workers = BigInt(Math.min(32, os.availableParallelism() + 4));
    } else {
      if (typeof maxWorkers !== "bigint") throw new TypeError("max_workers must be an int");
      if (maxWorkers <= 0n) throw new ValueError("max_workers must be greater than 0");
      this._max_workers = maxWorkers;
    }
    if (initializer !== null && typeof initializer !== "function") {
      throw new TypeError("initializer must be a callable");
    }
    // CPython counts only the pools named by the counter (`thread_name_prefix or ...`).
    if (truthy(prefix)) this._thread_name_prefix = String(prefix);
    else {
      poolCounter += 1;
      this._thread_name_prefix = `ThreadPoolExecutor-${poolCounter - 1}`;
    }
    this._initializer = initializer;
    this._initargs = [...(initargs as Iterable<unknown>)];
  }

  submit(fn: unknown, ...args: unknown[]): Future<unknown> {
    if (this._broken) throw new BrokenThreadPool(this._broken);
    if (this._shutdown) throw new RuntimeError("cannot schedule new futures after shutdown");
    if (!this._initialized) {
      // The first worker thread runs the initializer before any call.
      this._initialized = true;
      if (this._initializer !== null) {
        const init = new Future<unknown>();
        queue.push({
          future: init,
          fn: this._initializer,
          args: this._initargs,
          executor: this,
          initializer: true,
        });
      }
    }
    const future = new Future<unknown>();
    queue.push({ future, fn, args, executor: this, thread: this._adjustThreadCount() });
    scheduleTurn();
    return future;
  }

  /**
   * CPython's `_adjust_thread_count`: the worker that will take a new call, an idle one or a new
   * one; undefined when all `max_workers` are busy (the first to finish takes it).
   */
  _adjustThreadCount(): WorkerThread | undefined {
    const idle = this._idle.shift();
    if (idle !== undefined) return idle;
    if (BigInt(this._threads.length) >= this._max_workers) return undefined;
    workersStarted += 1;
    const thread: WorkerThread = {
      name: `${this._thread_name_prefix}_${this._threads.length}`,
      n: workersStarted,
    };
    this._threads.push(thread);
    liveWorkers.push(thread);
    return thread;
  }

  /** The worker for a queued call that none was promised to. */
  _takeThread(): WorkerThread {
    return this._idle.shift() ?? this._threads[0]!;
  }

  /** After `thread` ran a call: it takes the next waiting call with no worker, or goes idle. */
  _threadFinished(thread: WorkerThread): void {
    const next = queue.find((item) => item.executor === this && item.thread === undefined);
    if (next !== undefined && !this._shutdown) next.thread = thread;
    else if (!this._idle.includes(thread) && !queue.some((item) => item.thread === thread))
      this._idle.push(thread);
  }

  /** `shutdown(wait=True, *, cancel_futures=False)`. */
  override shutdown(wait: unknown = true, kwargs?: unknown): null {
    if (wait instanceof Kw) {
      kwargs = wait;
      wait = (wait.kwargs as { wait?: unknown }).wait ?? true;
    }
    const cancel =
      kwargs instanceof Kw &&
      (kwargs.kwargs as { cancel_futures?: unknown }).cancel_futures === true;
    this._shutdown = true;
    if (cancel) {
      for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i]!.executor === this) queue.splice(i, 1)[0]!.future.cancel();
      }
    }
    if (wait) runUntil(() => !queue.some((item) => item.executor === this));
    // Its workers end (CPython's join them when waiting; without waiting they end soon after).
    for (const thread of this._threads) {
      const i = liveWorkers.indexOf(thread);
      if (i >= 0) liveWorkers.splice(i, 1);
    }
    return null;
  }
}

/** `concurrent.futures.BrokenExecutor`: an executor that can no longer run calls. */
export class BrokenExecutor extends RuntimeError {
  static readonly __module__: string = "concurrent.futures._base";
}

/** `concurrent.futures.thread.BrokenThreadPool`. */
export class BrokenThreadPool extends BrokenExecutor {
  static override readonly __module__ = "concurrent.futures.thread";
}

/**
 * Start a "thread" of its own running `fn` (as `threading.Thread(target=fn).start()`): it runs in
 * its turn after the calls queued before it.
 */
export function _start_thread(fn: () => void): void {
  queue.push({ future: new Future<unknown>(), fn, args: [], executor: null });
  scheduleTurn();
}
