/**
 * Python's `queue`: the thread queues `Queue`, `LifoQueue`, `PriorityQueue`, `SimpleQueue` and
 * their exceptions `Empty`, `Full`, `ShutDown` (3.13's `shutdown(immediate=False)`).
 *
 * The structure is CPython 3.13's `Lib/queue.py`: `Queue` keeps its items through the hooks
 * `_init`/`_qsize`/`_put`/`_get` (a `deque` in `queue`; `LifoQueue` a list, `PriorityQueue` a
 * heap with `heapq`'s algorithm), so program subclasses that override them work as in CPython,
 * and counts unfinished tasks for `task_done()`/`join()`. The attributes `mutex`, `not_empty`,
 * `not_full` and `all_tasks_done` are the `threading` lock and conditions CPython has there.
 *
 * Blocking: there is one JS thread; the other "threads" are the executors' queued calls
 * (`asyncio.to_thread`, `run_in_executor`, `ThreadPoolExecutor`), which src/concurrent/futures.ts
 * runs to completion one after another. A `get()`/`put()`/`join()` that must wait does what
 * `threading`'s blocking waits do (stdlib/threading.ts): it first runs the queued executor calls,
 * which may put or get, as CPython's workers would while this thread waits; if that satisfies it,
 * it goes on as CPython. Otherwise nothing can: with a timeout it sleeps the timeout and raises
 * `Empty`/`Full` (CPython after the timeout); without one it raises RuntimeError ("... would block
 * forever: no other thread can wake it up") where CPython hangs forever (docs/DIFFERENCES.md).
 */

import { ge, gt, le, lt } from "../compare";
import { Exception, TypeError as PyTypeError, ValueError } from "../exceptions";
import { isNumber, toFloat } from "../numbers";
import { truthy } from "../protocol";
import { typeName } from "../types";
import { _DequeImpl } from "./collections";
import { heappop, heappush } from "./heapq";
import { _block_until, Condition, Lock } from "./threading";
import { clinicArgs, initFromConstructor, pythonArgs, takeKw } from "./types";

/** `queue.Empty` (`_queue.Empty`): raised by `get(block=False)` or a timed-out `get()`. */
export class Empty extends Exception {
  static readonly __module__ = "_queue";
}

/** `queue.Full`: raised by `put(block=False)` or a timed-out `put()` on a full queue. */
export class Full extends Exception {
  static readonly __module__: string = "queue";
}

/** `queue.ShutDown`: raised by `put()`/`get()` on a queue that was shut down. */
export class ShutDown extends Exception {
  static readonly __module__: string = "queue";
}

// ---------------------------------------------------------------- blocking

/** `timeout` as `time() + timeout` reads it: a float, with `timeout < 0` refused first. */
function timeoutSeconds(timeout: unknown): number {
  if (lt(timeout, 0n)) throw new ValueError("'timeout' must be a non-negative number");
  if (!isNumber(timeout))
    throw new PyTypeError(`unsupported operand type(s) for +: 'float' and '${typeName(timeout)}'`);
  return toFloat(timeout);
}

// ---------------------------------------------------------------- Queue

/** `queue.Queue(maxsize=0)`: a FIFO queue; `maxsize <= 0` means unbounded. */
export class Queue {
  static readonly __module__: string = "queue";
  declare maxsize: unknown;
  declare mutex: unknown;
  declare not_empty: unknown;
  declare not_full: unknown;
  declare all_tasks_done: unknown;
  declare unfinished_tasks: bigint;
  declare is_shutdown: boolean;
  declare queue: unknown;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, Queue, args);
  }

  __init__(...args: unknown[]): null {
    const [maxsize] = pythonArgs("Queue.__init__", args, ["maxsize"], 0, 1);
    this.maxsize = maxsize === undefined ? 0n : maxsize;
    this._init(this.maxsize);
    this.mutex = new Lock();
    this.not_empty = new Condition(this.mutex);
    this.not_full = new Condition(this.mutex);
    this.all_tasks_done = new Condition(this.mutex);
    this.unfinished_tasks = 0n;
    this.is_shutdown = false;
    return null;
  }

  /** Is the queue bounded (`maxsize > 0`)? */
  _bounded(): boolean {
    return gt(this.maxsize, 0n);
  }

  /** Is it at its bound (`_qsize() >= maxsize`)? */
  _atBound(): boolean {
    return ge(this._qsize(), this.maxsize);
  }

  _hasItems(): boolean {
    return truthy(this._qsize());
  }

  /** `task_done()`: one item taken earlier is processed. */
  task_done(...args: unknown[]): null {
    pythonArgs("Queue.task_done", args, [], 0, 1);
    const unfinished = this.unfinished_tasks - 1n;
    if (unfinished < 0n) throw new ValueError("task_done() called too many times");
    this.unfinished_tasks = unfinished;
    return null;
  }

  /** `join()`: wait until every item put was marked done. */
  join(...args: unknown[]): null {
    pythonArgs("Queue.join", args, [], 0, 1);
    _block_until(() => this.unfinished_tasks === 0n, null, "Queue.join() with unfinished tasks");
    return null;
  }

  qsize(...args: unknown[]): unknown {
    pythonArgs("Queue.qsize", args, [], 0, 1);
    return this._qsize();
  }

  empty(...args: unknown[]): boolean {
    pythonArgs("Queue.empty", args, [], 0, 1);
    return !this._hasItems();
  }

  full(...args: unknown[]): boolean {
    pythonArgs("Queue.full", args, [], 0, 1);
    // `0 < self.maxsize <= self._qsize()`
    return lt(0n, this.maxsize) && le(this.maxsize, this._qsize());
  }

  /** `put(item, block=True, timeout=None)`. */
  put(...args: unknown[]): null {
    const [item, b, t] = pythonArgs("Queue.put", args, ["item", "block", "timeout"], 1, 1);
    if (this.is_shutdown) throw new ShutDown();
    if (this._bounded()) {
      if (b !== undefined && !truthy(b)) {
        if (this._atBound()) throw new Full();
      } else {
        const timeout = t === undefined || t === null ? null : timeoutSeconds(t);
        const ready = () => this.is_shutdown || !this._atBound();
        if (!_block_until(ready, timeout, "put() on a full Queue")) throw new Full();
        if (this.is_shutdown) throw new ShutDown();
      }
    }
    this._put(item);
    this.unfinished_tasks += 1n;
    return null;
  }

  /** `get(block=True, timeout=None)`: remove and return an item. */
  get(...args: unknown[]): unknown {
    const [b, t] = pythonArgs("Queue.get", args, ["block", "timeout"], 0, 1);
    if (this.is_shutdown && !this._hasItems()) throw new ShutDown();
    if (b !== undefined && !truthy(b)) {
      if (!this._hasItems()) throw new Empty();
    } else {
      const timeout = t === undefined || t === null ? null : timeoutSeconds(t);
      const ready = () => this.is_shutdown || this._hasItems();
      if (!_block_until(ready, timeout, "get() from an empty Queue")) throw new Empty();
      if (this.is_shutdown && !this._hasItems()) throw new ShutDown();
    }
    return this._get();
  }

  put_nowait(...args: unknown[]): null {
    const [item] = pythonArgs("Queue.put_nowait", args, ["item"], 1, 1);
    return this.put(item, false);
  }

  get_nowait(...args: unknown[]): unknown {
    pythonArgs("Queue.get_nowait", args, [], 0, 1);
    return this.get(false);
  }

  /** `shutdown(immediate=False)`: refuse puts; with `immediate`, drop the items left. */
  shutdown(...args: unknown[]): null {
    const [immediate] = pythonArgs("Queue.shutdown", args, ["immediate"], 0, 1);
    this.is_shutdown = true;
    if (immediate !== undefined && truthy(immediate)) {
      while (this._hasItems()) {
        this._get();
        if (this.unfinished_tasks > 0n) this.unfinished_tasks -= 1n;
      }
    }
    return null;
  }

  // The storage hooks a subclass may override.

  _init(_maxsize: unknown): unknown {
    this.queue = new _DequeImpl();
    return null;
  }

  _qsize(): unknown {
    return BigInt((this.queue as InstanceType<typeof _DequeImpl>).items.length);
  }

  _put(item: unknown): unknown {
    (this.queue as InstanceType<typeof _DequeImpl>).append(item);
    return null;
  }

  _get(): unknown {
    return (this.queue as InstanceType<typeof _DequeImpl>).popleft();
  }
}

/** `queue.PriorityQueue`: the lowest item first (a `heapq` heap in a list). */
export class PriorityQueue extends Queue {
  static override readonly __module__: string = "queue";

  override _init(_maxsize: unknown): unknown {
    this.queue = [];
    return null;
  }

  override _qsize(): unknown {
    return BigInt((this.queue as unknown[]).length);
  }

  override _put(item: unknown): unknown {
    heappush(this.queue as unknown[], item);
    return null;
  }

  override _get(): unknown {
    return heappop(this.queue as unknown[]);
  }
}

/** `queue.LifoQueue`: the last item put first (a list). */
export class LifoQueue extends Queue {
  static override readonly __module__: string = "queue";

  override _init(_maxsize: unknown): unknown {
    this.queue = [];
    return null;
  }

  override _qsize(): unknown {
    return BigInt((this.queue as unknown[]).length);
  }

  override _put(item: unknown): unknown {
    (this.queue as unknown[]).push(item);
    return null;
  }

  override _get(): unknown {
    return (this.queue as unknown[]).pop();
  }
}

// ---------------------------------------------------------------- SimpleQueue

/** `queue.SimpleQueue` (`_queue.SimpleQueue`, in C): an unbounded FIFO queue, no task counting. */
export class SimpleQueue {
  static readonly __module__ = "_queue";
  _items: unknown[] = [];

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    if (pos.length > 0) throw new PyTypeError("SimpleQueue() takes no arguments");
    if (Object.keys(kws).length > 0)
      throw new PyTypeError("SimpleQueue() takes no keyword arguments");
  }

  /** `put(item, block=True, timeout=None)`: never blocks (block and timeout are ignored). */
  put(...args: unknown[]): null {
    const [item] = clinicArgs("put", args, ["item", "block", "timeout"], 1);
    this._items.push(item);
    return null;
  }

  put_nowait(...args: unknown[]): null {
    const [item] = clinicArgs("put_nowait", args, ["item"], 1);
    this._items.push(item);
    return null;
  }

  /** `get(block=True, timeout=None)`. */
  get(...args: unknown[]): unknown {
    const [b, t] = clinicArgs("get", args, ["block", "timeout"], 0);
    let timeout: number | null = null;
    if (t !== undefined && t !== null) {
      if (!isNumber(t))
        throw new PyTypeError(
          `'${typeName(t)}' object cannot be interpreted as an integer or float`,
        );
      timeout = toFloat(t);
      if (timeout < 0) throw new ValueError("'timeout' must be a non-negative number");
    }
    if (b !== undefined && !truthy(b)) {
      if (this._items.length === 0) throw new Empty();
    } else if (
      !_block_until(() => this._items.length > 0, timeout, "get() from an empty SimpleQueue")
    )
      throw new Empty();
    return this._items.shift();
  }

  get_nowait(): unknown {
    return this.get(false);
  }

  empty(): boolean {
    return this._items.length === 0;
  }

  qsize(): bigint {
    return BigInt(this._items.length);
  }
}

export const __all__ = [
  "Empty",
  "Full",
  "ShutDown",
  "Queue",
  "PriorityQueue",
  "LifoQueue",
  "SimpleQueue",
];
