/**
 * asyncio.locks: Lock, Event, Condition, Semaphore, BoundedSemaphore and Barrier.
 *
 * Each primitive keeps a FIFO of waiter futures, exactly as CPython 3.13's `locks.py` does, so the
 * order in which waiting tasks wake up (and what happens when a waiter is cancelled between being
 * woken and running) is the same:
 *
 * - `Lock.release()` wakes only the first waiter (`_wake_up_first`); the lock is taken by whoever
 *   runs `acquire()` first, and a woken waiter that is cancelled before it runs passes the wake-up
 *   on to the next waiter.
 * - `Semaphore` counts a wake-up as taken at the moment it wakes a waiter (3.13's accounting: the
 *   value is decremented in `_wake_up_next`, given back if the woken waiter is cancelled).
 * - `Condition.wait()` releases the lock, waits to be notified, and re-acquires the lock even if it
 *   is cancelled meanwhile (the cancellation is re-raised afterwards).
 *
 * The waiter FIFOs are `Deque`s (mixins.ts, a ring buffer: O(1) at both ends, as CPython's
 * `collections.deque`).
 *
 * The primitives are asynchronous context managers through the protocol in protocols.ts:
 * `yield* async_with(lock, function* () { ... })` is `async with lock: ...`. `AsyncWith.enter`
 * takes two shortcuts that skip the `__aenter__`/`acquire` generators when nothing overrides them:
 * FAST_PATH takes a free Lock/Semaphore at once, and WAIT_ITER queues a Lock's waiter and returns
 * `_LockWait`, a hand-written iterator doing what the rest of `acquire()` does.
 *
 * Differences from CPython:
 * - reprs print the deterministic `id()` of src/python/objects.ts where CPython prints the object's
 *   memory address: `<asyncio.locks.Lock object at 0x7f0000001000 [unlocked]>`.
 * - counts that Python returns as `int` (`Barrier.wait()`'s index, `parties`, `n_waiting`) are
 *   bigints, as every Python int is in asyncio-ts; numeric arguments accept number or bigint.
 */

import { lt } from "../python/compare";
import { RuntimeError, ValueError } from "../python/exceptions";
import { type Coro, markcoroutinefunction } from "./coroutines";
import { BrokenBarrierError, CancelledError } from "./exceptions";
import type { Future } from "./futures";
import { _initArgs, _initSignature, _LoopBoundMixin, Deque } from "./mixins";
import { async_with, FAST_PATH, NOT_FAST, WAIT_ITER } from "./protocols";

type Waiter = Future<unknown>;

// The `__init__` signatures, for CPython's errors on wrong constructor arguments (mixins.ts).
const LOCK_INIT = _initSignature("Lock", []);
const EVENT_INIT = _initSignature("Event", []);
const CONDITION_INIT = _initSignature("Condition", ["lock"], { lock: null });
const SEMAPHORE_INIT = _initSignature("Semaphore", ["value"], { value: 1n });
const BOUNDED_INIT = _initSignature("BoundedSemaphore", ["value"], { value: 1n });
const BARRIER_INIT = _initSignature("Barrier", ["parties"]);

/** True if every waiter is cancelled (true for none): `all(w.cancelled() for w in waiters)`. */
function allCancelled(waiters: Deque<Waiter>): boolean {
  for (let i = 0; i < waiters.length; i++) if (!waiters.at(i).cancelled()) return false;
  return true;
}

/**
 * The part of `Lock.acquire()` after its waiter future is queued, as a hand-written iterator (no
 * generator per contended acquire): CPython's
 *
 * ```py
 * try:
 *     try:
 *         await fut
 *     finally:
 *         self._waiters.remove(fut)
 * except exceptions.CancelledError:
 *     if not self._locked:
 *         self._wake_up_first()
 *     raise
 * self._locked = True
 * return True
 * ```
 *
 * It drives the future's own iterator exactly as `yield* fut` would (next/throw/return are passed
 * on), and returns `result` once the lock is taken: `true` for `acquire()`, `null` for
 * `__aenter__()`.
 */
class _LockWait {
  _it: Iterator<unknown, unknown, unknown> | null;

  constructor(
    readonly lock: Lock,
    readonly fut: Waiter,
    readonly result: boolean | null,
  ) {
    this._it = fut[Symbol.iterator]();
  }

  next(value?: unknown): IteratorResult<unknown, unknown> {
    const it = this._it;
    if (it === null) return { value: undefined, done: true };
    let r: IteratorResult<unknown, unknown>;
    try {
      r = it.next(value);
    } catch (exc) {
      this._failed(exc);
    }
    return r.done ? this._acquired() : r;
  }

  throw(exc: unknown): IteratorResult<unknown, unknown> {
    const it = this._it;
    if (it === null) throw exc;
    let r: IteratorResult<unknown, unknown>;
    try {
      r = it.throw!(exc);
    } catch (e) {
      this._failed(e);
    }
    return r.done ? this._acquired() : r;
  }

  return(value?: unknown): IteratorResult<unknown, unknown> {
    const it = this._it;
    if (it === null) return { value, done: true };
    let r: IteratorResult<unknown, unknown>;
    try {
      r = it.return!(value);
    } catch (e) {
      this._failed(e);
    }
    if (!r.done) return r;
    this._it = null;
    this.lock._waiters!.remove(this.fut);
    return r;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** `await fut` returned: leave the queue and take the lock. */
  _acquired(): IteratorResult<unknown, unknown> {
    this._it = null;
    const lock = this.lock;
    lock._waiters!.remove(this.fut);
    lock._locked = true;
    return { value: this.result, done: true };
  }

  /** `await fut` raised: leave the queue; a cancelled waiter passes its wake-up on. */
  _failed(exc: unknown): never {
    this._it = null;
    const lock = this.lock;
    lock._waiters!.remove(this.fut);
    if (exc instanceof CancelledError && !lock._locked) lock._wake_up_first();
    throw exc;
  }
}

/** Give a class's coroutine methods their Python `__qualname__` (what task traces print). */
function markCoroutineMethods(cls: Function, names: string[]): void {
  const clsName = (cls as { __qualname__?: string }).__qualname__ ?? cls.name;
  for (const name of names) {
    markcoroutinefunction(cls.prototype[name], `${clsName}.${name}`);
  }
}

/** `async with` support for Lock, Condition and Semaphore: acquire on entry, release on exit. */
abstract class _ContextManagerMixin extends _LoopBoundMixin {
  abstract acquire(): Coro<boolean>;
  abstract release(): void;

  *__aenter__(): Coro<null> {
    yield* this.acquire();
    return null;
  }

  *__aexit__(_exc_type: unknown, _exc: unknown, _tb: unknown): Coro<null> {
    this.release();
    return null;
  }

  /**
   * Take the primitive now if `acquire()` would return without suspending (and is not
   * overridden); false, with nothing done, otherwise. The FAST_PATH of `__aenter__` (protocols.ts).
   */
  _try_acquire_now(): boolean {
    return false;
  }

  /**
   * Called when `_try_acquire_now()` said no: queue the waiter `acquire()` would queue and return
   * an iterator that awaits it and completes with `result`, as `yield* this.acquire()` would (but
   * with no generator); null when `acquire()` is overridden or has no such shortcut. The WAIT_ITER
   * of `__aenter__` (protocols.ts).
   */
  _acquire_wait_iter(_result: boolean | null): Iterator<unknown, unknown, unknown> | null {
    return null;
  }
}
// `async with` shortcuts (AsyncWith in protocols.ts): __aenter__ when acquire() would not suspend,
// and __aexit__, whose body never suspends.
Object.assign(_ContextManagerMixin.prototype.__aenter__, {
  [FAST_PATH](this: _ContextManagerMixin): unknown {
    return this._try_acquire_now() ? null : NOT_FAST;
  },
  [WAIT_ITER](this: _ContextManagerMixin): Iterator<unknown, unknown, unknown> | null {
    return this._acquire_wait_iter(null);
  },
});
Object.assign(_ContextManagerMixin.prototype.__aexit__, {
  [FAST_PATH](this: _ContextManagerMixin): unknown {
    this.release();
    return null;
  },
});

function withExtra(base: string, extra: string): string {
  return `<${base.slice(1, -1)} [${extra}]>`;
}

/** A primitive lock: only one task holds it; waiters acquire it in FIFO order. */
export class Lock extends _ContextManagerMixin {
  static readonly __module__ = "asyncio.locks";
  _waiters: Deque<Waiter> | null = null;
  _locked = false;

  constructor(...args: unknown[]) {
    super();
    _initArgs(new.target, LOCK_INIT, args);
  }

  override __repr__(): string {
    let extra = this._locked ? "locked" : "unlocked";
    if (this._waiters?.length) extra = `${extra}, waiters:${this._waiters.length}`;
    return withExtra(super.__repr__(), extra);
  }

  /** True if the lock is held. */
  locked(): boolean {
    return this._locked;
  }

  override _try_acquire_now(): boolean {
    if (this.acquire !== Lock.prototype.acquire) return false;
    if (!this._locked && (this._waiters === null || allCancelled(this._waiters))) {
      this._locked = true;
      return true;
    }
    return false;
  }

  override _acquire_wait_iter(result: boolean | null): Iterator<unknown, unknown, unknown> | null {
    if (this.acquire !== Lock.prototype.acquire) return null;
    return this._wait(result);
  }

  /** Wait until the lock is free, then take it; returns true. */
  *acquire(): Coro<boolean> {
    if (!this._locked && (this._waiters === null || allCancelled(this._waiters))) {
      this._locked = true;
      return true;
    }
    return (yield* this._wait(true)) as boolean;
  }

  /** Queue a waiter future; the iterator that waits for it and then takes the lock. */
  _wait(result: boolean | null): _LockWait {
    if (this._waiters === null) this._waiters = new Deque<Waiter>();
    const fut = this._get_loop().create_future() as Waiter;
    this._waiters.push(fut);
    return new _LockWait(this, fut, result);
  }

  /** Release the lock and wake the first waiter; RuntimeError if it is not held. */
  release(): null {
    if (this._locked) {
      this._locked = false;
      this._wake_up_first();
    } else {
      throw new RuntimeError("Lock is not acquired.");
    }
    return null;
  }

  /** Wake up the first waiter if it isn't done. */
  _wake_up_first(): void {
    if (!this._waiters || this._waiters.length === 0) return;
    const fut = this._waiters.first()!;
    if (!fut.done()) fut.set_result(true);
  }
}
markCoroutineMethods(Lock, ["acquire", "__aenter__", "__aexit__"]);

/** An event: `set()` wakes every task waiting in `wait()`; `clear()` resets it. */
export class Event extends _LoopBoundMixin {
  static readonly __module__ = "asyncio.locks";
  _waiters = new Deque<Waiter>();
  _value = false;

  constructor(...args: unknown[]) {
    super();
    _initArgs(new.target, EVENT_INIT, args);
  }

  override __repr__(): string {
    let extra = this._value ? "set" : "unset";
    if (this._waiters.length) extra = `${extra}, waiters:${this._waiters.length}`;
    return withExtra(super.__repr__(), extra);
  }

  is_set(): boolean {
    return this._value;
  }

  /** Set the flag and wake every waiter, in the order they started waiting. */
  set(): null {
    if (!this._value) {
      this._value = true;
      const waiters = this._waiters;
      for (let i = 0; i < waiters.length; i++) {
        const fut = waiters.at(i);
        if (!fut.done()) fut.set_result(true);
      }
    }
    return null;
  }

  clear(): null {
    this._value = false;
    return null;
  }

  /** Wait until the flag is set; returns true. */
  *wait(): Coro<boolean> {
    if (this._value) return true;
    const fut = this._get_loop().create_future() as Waiter;
    this._waiters.push(fut);
    try {
      yield* fut;
      return true;
    } finally {
      this._waiters.remove(fut);
    }
  }
}
markCoroutineMethods(Event, ["wait"]);

/** A condition variable: tasks wait until notified, sharing a Lock (a new one by default). */
export class Condition extends _ContextManagerMixin {
  static readonly __module__ = "asyncio.locks";
  _lock: Lock;
  _waiters = new Deque<Waiter>();

  constructor(lock?: unknown, ...rest: unknown[]) {
    // Named, for `super().__init__(lock=...)` (mro.ts maps keywords to these names).
    const args = lock === undefined ? rest : [lock, ...rest];
    super();
    const [given] = _initArgs(new.target, CONDITION_INIT, args) as [Lock | null | undefined];
    this._lock = given ?? new Lock();
  }

  override __repr__(): string {
    let extra = this.locked() ? "locked" : "unlocked";
    if (this._waiters.length) extra = `${extra}, waiters:${this._waiters.length}`;
    return withExtra(super.__repr__(), extra);
  }

  locked(): boolean {
    return this._lock.locked();
  }

  acquire(): Coro<boolean> {
    return this._lock.acquire();
  }

  override _try_acquire_now(): boolean {
    if (this.acquire !== Condition.prototype.acquire || !(this._lock instanceof Lock)) return false;
    return this._lock._try_acquire_now();
  }

  override _acquire_wait_iter(result: boolean | null): Iterator<unknown, unknown, unknown> | null {
    if (this.acquire !== Condition.prototype.acquire || !(this._lock instanceof Lock)) return null;
    return this._lock._acquire_wait_iter(result);
  }

  release(): null {
    this._lock.release();
    return null;
  }

  /**
   * Release the lock, wait until notified, re-acquire the lock; returns true. The lock is
   * re-acquired even when the wait is cancelled; the cancellation is raised afterwards.
   */
  *wait(): Coro<boolean> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    const fut = this._get_loop().create_future() as Waiter;
    this.release();
    try {
      try {
        this._waiters.push(fut);
        try {
          yield* fut;
          return true;
        } finally {
          this._waiters.remove(fut);
        }
      } finally {
        // Re-acquire the lock, however many times we are cancelled meanwhile.
        let err: unknown = null;
        for (;;) {
          try {
            yield* this.acquire();
            break;
          } catch (e) {
            // biome-ignore lint/correctness/noUnsafeFinally: Condition.wait re-raises from its finally, as CPython does
            if (!(e instanceof CancelledError)) throw e;
            err = e;
          }
        }
        // biome-ignore lint/correctness/noUnsafeFinally: re-raise the last cancellation, as CPython does
        if (err !== null) throw err;
      }
    } catch (exc) {
      // Our notification may have been consumed by the cancellation: pass it on.
      this._notify(1);
      throw exc;
    }
  }

  /** Wait until `predicate()` is true (checked first and after each wake-up); returns its value. */
  *wait_for<T>(predicate: () => T): Coro<T> {
    let result = predicate();
    while (!truthy(result)) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /** Wake up to `n` waiters (default 1); the lock must be held. */
  notify(n: number | bigint = 1): null {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    this._notify(Number(n));
    return null;
  }

  _notify(n: number): void {
    let idx = 0;
    const waiters = this._waiters;
    for (let i = 0; i < waiters.length; i++) {
      const fut = waiters.at(i);
      if (idx >= n) break;
      if (!fut.done()) {
        idx += 1;
        fut.set_result(false);
      }
    }
  }

  /** Wake up every waiter; the lock must be held. */
  notify_all(): null {
    this.notify(this._waiters.length);
    return null;
  }
}
markCoroutineMethods(Condition, ["wait", "wait_for", "__aenter__", "__aexit__"]);

function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === 0n || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  const b = (v as { __bool__?: () => boolean }).__bool__;
  if (typeof b === "function") return b.call(v);
  const len = (v as { __len__?: () => number | bigint }).__len__;
  if (typeof len === "function") return Number(len.call(v)) > 0;
  return true;
}

/** A semaphore: a counter decremented by `acquire()` and incremented by `release()`. */
export class Semaphore extends _ContextManagerMixin {
  static readonly __module__ = "asyncio.locks";
  _waiters: Deque<Waiter> | null = null;
  _val: number;

  /** The counter, as Python code reads it (`sem._value`): an int. */
  get _value(): bigint {
    return BigInt(this._val);
  }

  set _value(value: number | bigint) {
    this._val = Number(value);
  }

  constructor(value?: unknown, ...rest: unknown[]) {
    // Named, for `super().__init__(value=...)` (mro.ts maps keywords to these names).
    const args = value === undefined ? rest : [value, ...rest];
    super();
    const [arg] = _initArgs(new.target, SEMAPHORE_INIT, args) as [number | bigint | undefined];
    const initial = arg === undefined ? 1n : arg;
    // A non-number fails Python's `value < 0` with CPython's TypeError ("'<' not supported ...").
    if (
      typeof initial === "number" || typeof initial === "bigint" ? initial < 0 : lt(initial, 0n)
    ) {
      throw new ValueError("Semaphore initial value must be >= 0");
    }
    this._val = Number(initial);
  }

  override __repr__(): string {
    let extra = this.locked() ? "locked" : `unlocked, value:${this._val}`;
    if (this._waiters?.length) extra = `${extra}, waiters:${this._waiters.length}`;
    return withExtra(super.__repr__(), extra);
  }

  /** True if `acquire()` would not return immediately. */
  locked(): boolean {
    return this._val === 0 || (this._waiters !== null && !allCancelled(this._waiters));
  }

  override _try_acquire_now(): boolean {
    if (this.acquire !== Semaphore.prototype.acquire || this.locked()) return false;
    this._val -= 1;
    return true;
  }

  /** Decrement the counter, waiting (FIFO) while it is zero; returns true. */
  *acquire(): Coro<boolean> {
    if (!this.locked()) {
      this._val -= 1;
      return true;
    }
    if (this._waiters === null) this._waiters = new Deque<Waiter>();
    const fut = this._get_loop().create_future() as Waiter;
    this._waiters.push(fut);
    try {
      try {
        try {
          yield* fut;
        } finally {
          this._waiters.remove(fut);
        }
      } catch (exc) {
        // Woken (the wake-up was counted) but cancelled: give the unit back.
        if (exc instanceof CancelledError && fut.done() && !fut.cancelled()) this._val += 1;
        throw exc;
      }
    } finally {
      // New waiters may have arrived while the value was positive: wake as many as it allows.
      while (this._val > 0) {
        if (!this._wake_up_next()) break;
      }
    }
    return true;
  }

  /** Increment the counter and wake the first waiter that is not done. */
  release(): null {
    this._val += 1;
    this._wake_up_next();
    return null;
  }

  _wake_up_next(): boolean {
    if (!this._waiters || this._waiters.length === 0) return false;
    const waiters = this._waiters;
    for (let i = 0; i < waiters.length; i++) {
      const fut = waiters.at(i);
      if (!fut.done()) {
        this._val -= 1;
        fut.set_result(true);
        return true;
      }
    }
    return false;
  }
}
markCoroutineMethods(Semaphore, ["acquire", "__aenter__", "__aexit__"]);

/** A semaphore that refuses to be released above its initial value. */
export class BoundedSemaphore extends Semaphore {
  static override readonly __module__ = "asyncio.locks";
  _bound: number;

  /** The initial value, a Python int (as `_value`). */
  get _bound_value(): bigint {
    return BigInt(this._bound);
  }

  set _bound_value(value: number | bigint) {
    this._bound = Number(value);
  }

  constructor(value?: unknown, ...rest: unknown[]) {
    // Named, for `super().__init__(value=...)` (mro.ts maps keywords to these names).
    const args = value === undefined ? rest : [value, ...rest];
    const [bound] = _initArgs(new.target, BOUNDED_INIT, args) as [number | bigint | undefined];
    super(bound === undefined ? 1n : bound);
    this._bound = Number(bound === undefined ? 1n : bound);
  }

  override release(): null {
    if (this._val >= this._bound) {
      throw new ValueError("BoundedSemaphore released too many times");
    }
    super.release();
    return null;
  }
}

/** Barrier states (`_BarrierState`): the value is what reprs print. */
export const _BarrierState = {
  FILLING: "filling",
  DRAINING: "draining",
  RESETTING: "resetting",
  BROKEN: "broken",
} as const;
type BarrierState = (typeof _BarrierState)[keyof typeof _BarrierState];

/** A barrier: `parties` tasks wait in `wait()` until all of them have arrived. */
export class Barrier extends _LoopBoundMixin {
  static readonly __module__ = "asyncio.locks";
  _cond = new Condition();
  /** `parties` and the tasks inside `wait()`, as numbers; Python reads them as `_parties`/`_count`. */
  _size: number;
  _state: BarrierState = _BarrierState.FILLING;
  _arrived = 0;

  get _parties(): bigint {
    return BigInt(this._size);
  }

  set _parties(value: number | bigint) {
    this._size = Number(value);
  }

  get _count(): bigint {
    return BigInt(this._arrived);
  }

  set _count(value: number | bigint) {
    this._arrived = Number(value);
  }

  constructor(parties?: unknown, ...rest: unknown[]) {
    // Named, for `super().__init__(parties=...)` (mro.ts maps keywords to these names).
    const args = parties === undefined ? rest : [parties, ...rest];
    super();
    const [arg] = _initArgs(new.target, BARRIER_INIT, args) as [number | bigint | undefined];
    // No argument: a Python subclass's `__init__` will initialize it (see _initArgs).
    const n = arg === undefined ? 1n : arg;
    if (typeof n === "number" || typeof n === "bigint" ? n < 1 : lt(n, 1n)) {
      throw new ValueError("parties must be > 0");
    }
    this._size = Number(n);
  }

  override __repr__(): string {
    let extra: string = this._state;
    if (!this.broken) extra += `, waiters:${this.n_waiting}/${this.parties}`;
    return withExtra(super.__repr__(), extra);
  }

  *__aenter__(): Coro<bigint> {
    return yield* this.wait();
  }

  *__aexit__(..._args: unknown[]): Coro<null> {
    return null;
  }

  /**
   * Wait for the barrier; returns this task's arrival index (0 to parties-1). Raises
   * BrokenBarrierError if the barrier is broken or reset while waiting.
   */
  *wait(): Coro<bigint> {
    const self = this;
    return (yield* async_with(this._cond, function* () {
      yield* self._block();
      try {
        const index = self._arrived;
        self._arrived += 1;
        if (index + 1 === self._size) yield* self._release();
        else yield* self._wait();
        return BigInt(index);
      } finally {
        self._arrived -= 1;
        self._exit();
      }
    })) as bigint;
  }

  *_block(): Coro<void> {
    yield* this._cond.wait_for(
      () => this._state !== _BarrierState.DRAINING && this._state !== _BarrierState.RESETTING,
    );
    if (this._state === _BarrierState.BROKEN) throw new BrokenBarrierError("Barrier aborted");
  }

  *_release(): Coro<void> {
    this._state = _BarrierState.DRAINING;
    this._cond.notify_all();
  }

  *_wait(): Coro<void> {
    yield* this._cond.wait_for(() => this._state !== _BarrierState.FILLING);
    if (this._state === _BarrierState.BROKEN || this._state === _BarrierState.RESETTING) {
      throw new BrokenBarrierError("Abort or reset of barrier");
    }
  }

  _exit(): void {
    if (this._arrived === 0) {
      if (this._state === _BarrierState.RESETTING || this._state === _BarrierState.DRAINING) {
        this._state = _BarrierState.FILLING;
      }
      this._cond.notify_all();
    }
  }

  /** Reset the barrier to the empty state; tasks waiting get BrokenBarrierError. */
  *reset(): Coro<void> {
    const self = this;
    yield* async_with(this._cond, function* () {
      if (self._arrived > 0) {
        if (self._state !== _BarrierState.RESETTING) self._state = _BarrierState.RESETTING;
      } else {
        self._state = _BarrierState.FILLING;
      }
      self._cond.notify_all();
    });
  }

  /** Break the barrier: current and future `wait()` calls raise BrokenBarrierError. */
  *abort(): Coro<void> {
    const self = this;
    yield* async_with(this._cond, function* () {
      self._state = _BarrierState.BROKEN;
      self._cond.notify_all();
    });
  }

  get parties(): bigint {
    return BigInt(this._size);
  }

  /** How many tasks are waiting while the barrier is filling. */
  get n_waiting(): bigint {
    return this._state === _BarrierState.FILLING ? BigInt(this._arrived) : 0n;
  }

  get broken(): boolean {
    return this._state === _BarrierState.BROKEN;
  }
}
markCoroutineMethods(Barrier, ["wait", "reset", "abort", "__aenter__", "__aexit__"]);
