/**
 * asyncio.queues: Queue, PriorityQueue, LifoQueue and their exceptions.
 *
 * The logic is CPython 3.13's `queues.py`: a getter/putter future per waiting task in FIFO deques,
 * `_wakeup_next` wakes the first one that is not done, a cancelled waiter passes its wake-up on,
 * `task_done()`/`join()` count unfinished items with an Event, and 3.13's `shutdown(immediate)`
 * makes `put` raise QueueShutDown at once and `get` raise it once the queue is empty (at once when
 * `immediate`).
 *
 * PriorityQueue keeps its items in a heap with exactly `heapq`'s algorithm (`heappush`/`heappop`
 * below, comparing with Python's `<`), so items of equal priority come out in the same order as in
 * CPython.
 *
 * Differences from CPython: reprs print the deterministic `id()` of src/python/objects.ts where
 * CPython prints a memory address (`<Queue at 0x7f0000001000 maxsize=0>`); `qsize()` returns a
 * bigint (a Python int); `maxsize` returns a bigint too (an integral number argument is converted;
 * a non-integral float is returned as given).
 */

import { Exception, ValueError } from "../python/exceptions";
import { Kw } from "../python/kw";
import { id } from "../python/objects";
import { repr } from "../python/repr";
import { heappop, heappush } from "../python/stdlib/heapq";
import { type Coro, markcoroutinefunction } from "./coroutines";
import type { Future } from "./futures";
import { Event } from "./locks";
import { _initArgs, _initSignature, _LoopBoundMixin, Deque } from "./mixins";

/** Raised by `get_nowait()` when the queue is empty. */
export class QueueEmpty extends Exception {
  static readonly __module__ = "asyncio.queues";
}

/** Raised by `put_nowait()` when the queue is full. */
export class QueueFull extends Exception {
  static readonly __module__ = "asyncio.queues";
}

/** Raised when putting on to or getting from a shut-down queue. */
export class QueueShutDown extends Exception {
  static readonly __module__ = "asyncio.queues";
}

export { Deque };

type Waiter = Future<unknown>;

/** `Queue.__init__`'s signature, for CPython's errors on wrong constructor arguments. */
const QUEUE_INIT = _initSignature("Queue", ["maxsize"], { maxsize: 0n });

/**
 * A FIFO queue. With `maxsize > 0`, `put()` waits while the queue is full; `get()` waits while it
 * is empty. `task_done()`/`join()` track unfinished items.
 */

export class Queue<T = unknown> extends _LoopBoundMixin {
  static readonly __module__ = "asyncio.queues";
  _maxsize: number | bigint;
  _max: number;
  _getters = new Deque<Waiter>();
  _putters = new Deque<Waiter>();
  /** Items put and not yet marked done (`task_done()`). */
  _unfinished = 0;
  _finished = new Event();
  _queue!: { length: number };
  _is_shutdown = false;

  /** The count as Python code reads it (`q._unfinished_tasks`): an int. */
  get _unfinished_tasks(): bigint {
    return BigInt(this._unfinished);
  }

  set _unfinished_tasks(value: number | bigint) {
    this._unfinished = Number(value);
  }

  constructor(maxsize?: unknown, ...rest: unknown[]) {
    // Named, for `super().__init__(maxsize=...)` (mro.ts maps keywords to these names).
    const args = maxsize === undefined ? rest : [maxsize, ...rest];
    super();
    const [arg] = _initArgs(new.target, QUEUE_INIT, args) as [number | bigint | undefined];
    const size = arg === undefined ? 0n : arg;
    // A Python int stays a bigint; an integral JS number (hand-written TypeScript) is taken as
    // the int it means, so `maxsize` returns a Python int either way.
    this._maxsize = typeof size === "number" && Number.isInteger(size) ? BigInt(size) : size;
    this._max = Number(size);
    this._finished.set();
    this._init(size);
  }

  _init(_maxsize: number | bigint): void {
    this._queue = new Deque<T>();
  }

  _get(): T {
    return (this._queue as Deque<T>).shift();
  }

  _put(item: T): void {
    (this._queue as Deque<T>).push(item);
  }

  _queueItems(): T[] {
    return (this._queue as Deque<T>).toArray();
  }

  /** Wake up the first waiter that isn't done (dropping the done ones). */
  _wakeup_next(waiters: Deque<Waiter>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift();
      if (!waiter.done()) {
        waiter.set_result(null);
        break;
      }
    }
  }

  override __repr__(): string {
    return `<${this.constructor.name} at 0x${id(this).toString(16)} ${this._format()}>`;
  }

  __str__(): string {
    return `<${this.constructor.name} ${this._format()}>`;
  }

  _format(): string {
    let result = `maxsize=${repr(this._maxsize)}`;
    if (this._queue.length) result += ` _queue=${repr(this._queueItems())}`;
    if (this._getters.length) result += ` _getters[${this._getters.length}]`;
    if (this._putters.length) result += ` _putters[${this._putters.length}]`;
    if (this._unfinished) result += ` tasks=${this._unfinished}`;
    if (this._is_shutdown) result += " shutdown";
    return result;
  }

  /** Number of items in the queue. */
  qsize(): bigint {
    return BigInt(this._queue.length);
  }

  /** Number of items allowed in the queue (0 or less: unbounded). */
  get maxsize(): number | bigint {
    return this._maxsize;
  }

  empty(): boolean {
    return this._queue.length === 0;
  }

  /** True if there are maxsize items in the queue (never for an unbounded queue). */
  full(): boolean {
    if (this._max <= 0) return false;
    // `self.qsize() >= self._maxsize`, honouring a subclass's qsize() (without making a bigint
    // per call when it is this one).
    const size = this.qsize === QUEUE_QSIZE ? this._queue.length : Number(this.qsize());
    return size >= this._max;
  }

  /** Put an item, waiting while the queue is full. Raises QueueShutDown after shutdown(). */
  *put(item: T): Coro<null> {
    while (this.full()) {
      if (this._is_shutdown) throw new QueueShutDown();
      const putter = this._get_loop().create_future() as Waiter;
      this._putters.push(putter);
      try {
        yield* putter;
      } catch (exc) {
        putter.cancel(); // Just in case putter is not done yet.
        this._putters.remove(putter);
        if (!this.full() && !putter.cancelled()) {
          // We were woken up by get_nowait(), but can't take the call: wake up the next in line.
          this._wakeup_next(this._putters);
        }
        throw exc;
      }
    }
    this.put_nowait(item);
    return null;
  }

  /** Put an item without blocking; QueueFull if there is no free slot. */
  put_nowait(item: T): null {
    if (this._is_shutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinished += 1;
    this._finished.clear();
    this._wakeup_next(this._getters);
    return null;
  }

  /** Remove and return an item, waiting while the queue is empty. */
  *get(): Coro<T> {
    while (this.empty()) {
      if (this._is_shutdown) throw new QueueShutDown();
      const getter = this._get_loop().create_future() as Waiter;
      this._getters.push(getter);
      try {
        yield* getter;
      } catch (exc) {
        getter.cancel(); // Just in case getter is not done yet.
        this._getters.remove(getter);
        if (!this.empty() && !getter.cancelled()) {
          // We were woken up by put_nowait(), but can't take the call: wake up the next in line.
          this._wakeup_next(this._getters);
        }
        throw exc;
      }
    }
    return this.get_nowait();
  }

  /** Remove and return an item if one is immediately available, else raise QueueEmpty. */
  get_nowait(): T {
    if (this.empty()) {
      if (this._is_shutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    this._wakeup_next(this._putters);
    return item;
  }

  /**
   * For transpiled `await q.get()` (codegen/lower/functions.ts): true when `q` is a Queue whose
   * `get` is this one and `q.empty()` is false. `get()` would then return `q.get_nowait()` without
   * suspending, so generated code calls that and makes no coroutine.
   */
  static _get_ready(q: unknown): boolean {
    return q instanceof Queue && q.get === QUEUE_GET && !q.empty();
  }

  /**
   * For transpiled `await q.put(item)`: when `q` is a Queue whose `put` is this one and
   * `q.full()` is false, do what `put()` would do without suspending (`q.put_nowait(item)`) and
   * return true; else return false (the caller awaits `q.put(item)`).
   */
  static _put_now(q: unknown, item: unknown): boolean {
    if (!(q instanceof Queue) || q.put !== QUEUE_PUT || q.full()) return false;
    q.put_nowait(item);
    return true;
  }

  /** Indicate that a formerly enqueued item is complete. */
  task_done(): null {
    if (this._unfinished <= 0) throw new ValueError("task_done() called too many times");
    this._unfinished -= 1;
    if (this._unfinished === 0) this._finished.set();
    return null;
  }

  /** Wait until every item put has been gotten and processed (task_done()). */
  *join(): Coro<null> {
    if (this._unfinished > 0) yield* this._finished.wait();
    return null;
  }

  /**
   * Shut down the queue: put() raises QueueShutDown, get() raises it once the queue is empty.
   * With `immediate`, the queue is emptied at once and its items count as done. Waiting getters
   * and putters are woken.
   */
  shutdown(immediate: boolean | Kw<{ immediate?: boolean }> = false): null {
    if (immediate instanceof Kw) immediate = immediate.kwargs.immediate ?? false;
    this._is_shutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this._unfinished > 0) this._unfinished -= 1;
      }
      if (this._unfinished === 0) this._finished.set();
    }
    while (this._getters.length > 0) {
      const getter = this._getters.shift();
      if (!getter.done()) getter.set_result(null);
    }
    while (this._putters.length > 0) {
      const putter = this._putters.shift();
      if (!putter.done()) putter.set_result(null);
    }
    return null;
  }
}
const QUEUE_GET = Queue.prototype.get;
const QUEUE_QSIZE = Queue.prototype.qsize;
const QUEUE_PUT = Queue.prototype.put;

for (const name of ["put", "get", "join"]) {
  markcoroutinefunction(
    (Queue.prototype as unknown as Record<string, Function>)[name],
    `Queue.${name}`,
  );
}

/** A queue that retrieves its lowest item first (items are typically `[priority, data]` tuples). */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static override readonly __module__ = "asyncio.queues";

  override _init(_maxsize: number | bigint): void {
    this._queue = [] as T[];
  }

  override _put(item: T): void {
    heappush(this._queue as T[], item);
  }

  override _get(): T {
    return heappop(this._queue as T[]);
  }

  override _queueItems(): T[] {
    return (this._queue as T[]).slice();
  }
}

/** A queue that retrieves the most recently added item first. */
export class LifoQueue<T = unknown> extends Queue<T> {
  static override readonly __module__ = "asyncio.queues";

  override _init(_maxsize: number | bigint): void {
    this._queue = [] as T[];
  }

  override _put(item: T): void {
    (this._queue as T[]).push(item);
  }

  override _get(): T {
    return (this._queue as T[]).pop() as T;
  }

  override _queueItems(): T[] {
    return (this._queue as T[]).slice();
  }
}
