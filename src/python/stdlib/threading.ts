/**
 * Python's `threading` for the one JS thread asyncio-ts has: the synchronization primitives
 * (`Lock`, `RLock`, `Condition`, `Semaphore`, `BoundedSemaphore`, `Event`), `local`, and the
 * thread queries (`current_thread`, `main_thread`, `get_ident`, `get_native_id`, `active_count`,
 * `enumerate`).
 *
 * The threads: the main thread, plus the worker "threads" of the executors
 * (`asyncio.to_thread`, `loop.run_in_executor`, `concurrent.futures.ThreadPoolExecutor`), which
 * src/concurrent/futures.ts emulates as turns of the host loop. Each call there runs on a named
 * worker (`asyncio_0`, `ThreadPoolExecutor-0_0`, chosen as CPython's `_adjust_thread_count`
 * does), and `current_thread()` inside it is that worker.
 *
 * Blocking: a call that runs on a worker always runs to completion, so nothing else runs while
 * a thread blocks except the queued executor calls. A blocking wait (`acquire()` of a held lock,
 * `Event.wait()`, `Condition.wait()`) first runs the queued calls, as CPython's workers run
 * while a thread waits; if that satisfies it, it returns as CPython would. Otherwise no thread
 * can ever wake it: with a timeout it sleeps the timeout and gives up (returns False, as CPython
 * after the timeout); without one it raises RuntimeError where CPython would hang forever
 * (docs/DIFFERENCES.md).
 *
 * `threading.Thread` is not provided (a thread of its own cannot run beside the program here), nor
 * `Timer`, `Barrier`, the trace/profile hooks and the deprecated camelCase aliases: they are not
 * exported, so importing them is refused when transpiling. Thread idents are fixed numbers shaped
 * like CPython's (they differ from run to run there); the main thread's native id is the pid.
 */

import {
  _current_worker,
  _live_workers,
  _run_workers_until,
  type WorkerThread,
} from "../../concurrent/futures";
import { AttributeError, TypeError as PyTypeError, RuntimeError, ValueError } from "../exceptions";
import { isNumber, toFloat } from "../numbers";
import { id } from "../objects";
import { call, getattr, truthy } from "../protocol";
import { repr } from "../repr";
import { typeName, typeOf } from "../types";
import { sleep } from "./time";
import { clinicArgs, libraryClass, takeKw } from "./types";

/** `threading.TIMEOUT_MAX`. */
export const TIMEOUT_MAX = 9223372036.0;

/** `threading.ThreadError`: `_thread.error`, which is RuntimeError. */
export const ThreadError = RuntimeError;

// ---------------------------------------------------------------- threads

/** The main thread's ident (CPython's is `pthread_self()`, a different number each run). */
const MAIN_IDENT = 0x7f3a5c2d0740n;
/** Worker idents are a stack size apart, as pthread's are. */
const WORKER_IDENT_STEP = 0x800000n;

/** A thread as Python sees it: `_MainThread` or a pool's worker `Thread`. */
class ThreadImpl {
  _name: string;
  readonly _ident: bigint;
  readonly _native_id: bigint;
  /** The executor's worker behind it; null for the main thread. */
  readonly _worker: WorkerThread | null;

  constructor(name: string, ident: bigint, nativeId: bigint, worker: WorkerThread | null) {
    this._name = name;
    this._ident = ident;
    this._native_id = nativeId;
    this._worker = worker;
  }

  get name(): string {
    return this._name;
  }
  set name(value: unknown) {
    this._name = String(value);
  }
  get ident(): bigint {
    return this._ident;
  }
  get native_id(): bigint {
    return this._native_id;
  }
  get daemon(): boolean {
    return false;
  }
  set daemon(_value: unknown) {
    throw new RuntimeError("cannot set daemon status of active thread");
  }

  is_alive(): boolean {
    return this._worker === null || _live_workers().includes(this._worker);
  }

  /** `join(timeout=None)`: a live thread other than this one never ends while another waits. */
  join(...args: unknown[]): null {
    const [timeout] = clinicArgs("join", args, ["timeout"], 0);
    if (this === current_thread()) throw new RuntimeError("cannot join current thread");
    if (!this.is_alive()) return null;
    if (timeout !== undefined && timeout !== null) {
      sleep(timeout);
      return null;
    }
    throw new RuntimeError(
      `joining ${this._name} would block forever: a pool's worker ends only at its shutdown()`,
    );
  }

  __repr__(): string {
    const cls = (typeOf(this) as { __name__?: string }).__name__ ?? "Thread";
    const status = this.is_alive() ? "started" : "stopped";
    return `<${cls}(${this._name}, ${status} ${this._ident})>`;
  }
}
const Thread = libraryClass(ThreadImpl, "Thread", "threading");

class MainThreadImpl extends ThreadImpl {}
const _MainThread = libraryClass(MainThreadImpl, "_MainThread", "threading");

const mainThread = new _MainThread("MainThread", MAIN_IDENT, BigInt(process.pid), null);

/** The Python thread object of an executor's worker, made when first asked for. */
function workerThread(worker: WorkerThread): ThreadImpl {
  worker.pyThread ??= new Thread(
    worker.name,
    MAIN_IDENT - 0x9000000n - BigInt(worker.n - 1) * WORKER_IDENT_STEP,
    BigInt(process.pid + worker.n),
    worker,
  );
  const t = worker.pyThread as ThreadImpl;
  return t;
}

/** `threading.current_thread()`: the main thread, or the executor worker running this call. */
export function current_thread(): ThreadImpl {
  const worker = _current_worker();
  return worker === null ? mainThread : workerThread(worker);
}

/** `threading.main_thread()`. */
export function main_thread(): ThreadImpl {
  return mainThread;
}

/** `threading.get_ident()`: the current thread's ident. */
export function get_ident(): bigint {
  return current_thread()._ident;
}

/** `threading.get_native_id()`: the current thread's OS id (the pid on the main thread). */
export function get_native_id(): bigint {
  return current_thread()._native_id;
}

/** `threading.enumerate()`: the live threads, the main one first. */
export function enumerate(): ThreadImpl[] {
  return [mainThread, ..._live_workers().map(workerThread)];
}

/** `threading.active_count()`. */
export function active_count(): bigint {
  return BigInt(1 + _live_workers().length);
}

// ---------------------------------------------------------------- blocking

/**
 * Wait until `ready()` (see the header): run the queued executor calls; then, if still not
 * ready, sleep `timeout` seconds and answer, or raise when there is no timeout.
 */
export function _block_until(ready: () => boolean, timeout: number | null, what: string): boolean {
  if (ready()) return true;
  _run_workers_until(ready);
  if (ready()) return true;
  if (timeout === null)
    throw new RuntimeError(`${what} would block forever: no other thread can wake it up`);
  if (timeout > 0) sleep(timeout);
  return ready();
}

function addressOf(obj: object): string {
  return `0x${id(obj).toString(16)}`;
}

/** `blocking` as `_thread` parses it (an int). */
function intFlag(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value !== 0n;
  throw new PyTypeError(
    typeof value === "number"
      ? "'float' object cannot be interpreted as an integer"
      : `'${typeName(value)}' object cannot be interpreted as an integer`,
  );
}

/** `_thread`'s `acquire(blocking=True, timeout=-1)` arguments: the timeout, null for none. */
function lockTimeout(args: unknown[]): [boolean, number | null] {
  const [b, t] = clinicArgs("acquire", args, ["blocking", "timeout"], 0);
  const blocking = b === undefined ? true : intFlag(b);
  let timeout = -1;
  if (t !== undefined) {
    if (!isNumber(t))
      throw new PyTypeError(`'${typeName(t)}' object cannot be interpreted as an integer or float`);
    timeout = toFloat(t);
  }
  if (!blocking && timeout !== -1)
    throw new ValueError("can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout !== -1)
    throw new ValueError("timeout value must be a non-negative number");
  return [blocking, timeout === -1 ? null : timeout];
}

// ---------------------------------------------------------------- Lock, RLock

/** `_thread.lock` (`threading.Lock()`). */
class LockImpl {
  static readonly __tp_name__ = "_thread.lock";
  _locked = false;

  acquire(...args: unknown[]): boolean {
    const [blocking, timeout] = lockTimeout(args);
    if (!this._locked) {
      this._locked = true;
      return true;
    }
    if (!blocking) return false;
    if (!_block_until(() => !this._locked, timeout, "acquire() of a held lock")) return false;
    this._locked = true;
    return true;
  }

  release(): null {
    if (!this._locked) throw new RuntimeError("release unlocked lock");
    this._locked = false;
    return null;
  }

  locked(): boolean {
    return this._locked;
  }

  __enter__(...args: unknown[]): boolean {
    return this.acquire(...args);
  }

  __exit__(..._args: unknown[]): null {
    return this.release();
  }

  /** `Condition` asks a plain lock whether it is held by trying to take it. */
  _is_owned(): boolean {
    if (this.acquire(false)) {
      this.release();
      return false;
    }
    return true;
  }

  __repr__(): string {
    return `<${this._locked ? "locked" : "unlocked"} _thread.lock object at ${addressOf(this)}>`;
  }
}
/** `threading.Lock`: the type `_thread.lock`. */
export const Lock = libraryClass(LockImpl, "lock", "_thread");

/** `_thread.RLock`: a lock its owner thread can take again. */
class RLockImpl {
  static readonly __tp_name__ = "_thread.RLock";
  _owner: bigint | null = null;
  _count = 0;

  acquire(...args: unknown[]): boolean {
    const [blocking, timeout] = lockTimeout(args);
    const me = get_ident();
    if (this._owner === me) {
      this._count += 1;
      return true;
    }
    if (this._owner !== null) {
      if (!blocking) return false;
      if (
        !_block_until(
          () => this._owner === null,
          timeout,
          "acquire() of an RLock held by another thread",
        )
      )
        return false;
    }
    this._owner = me;
    this._count = 1;
    return true;
  }

  release(): null {
    if (this._owner === null || this._owner !== get_ident())
      throw new RuntimeError("cannot release un-acquired lock");
    this._count -= 1;
    if (this._count === 0) this._owner = null;
    return null;
  }

  __enter__(...args: unknown[]): boolean {
    return this.acquire(...args);
  }

  __exit__(..._args: unknown[]): null {
    return this.release();
  }

  _is_owned(): boolean {
    return this._owner === get_ident();
  }

  /** Release it completely for `Condition.wait`, returning the state to restore. */
  _release_save(): [number, bigint | null] {
    if (this._count === 0) throw new RuntimeError("cannot release un-acquired lock");
    const state: [number, bigint | null] = [this._count, this._owner];
    this._count = 0;
    this._owner = null;
    return state;
  }

  _acquire_restore(state: [number, bigint | null]): void {
    this._count = state[0];
    this._owner = state[1];
  }

  __repr__(): string {
    const state = this._owner === null ? "unlocked" : "locked";
    return `<${state} _thread.RLock object owner=${this._owner ?? 0} count=${this._count} at ${addressOf(this)}>`;
  }
}
const _RLock = libraryClass(RLockImpl, "RLock", "_thread");

/** `threading.RLock()`: a new reentrant lock. */
export function RLock(...args: unknown[]): RLockImpl {
  const [pos, kws] = takeKw(args);
  if (pos.length > 0 || Object.keys(kws).length > 0)
    throw new PyTypeError("RLock() takes no arguments");
  return new _RLock();
}

// ---------------------------------------------------------------- Condition

/** One thread waiting in `Condition.wait`. */
interface Waiter {
  notified: boolean;
}

/** `threading.Condition(lock=None)`. */
class ConditionImpl {
  _lock: unknown;
  _waiters: Waiter[] = [];

  constructor(...args: unknown[]) {
    const [lock] = clinicArgs("Condition", args, ["lock"], 0);
    this._lock = lock === undefined || lock === null ? new _RLock() : lock;
    // CPython binds the lock's methods here, so a lock without them fails at once.
    getattr(this._lock, "acquire");
    getattr(this._lock, "release");
  }

  acquire(...args: unknown[]): unknown {
    return call(getattr(this._lock, "acquire"), ...args);
  }

  release(): unknown {
    return call(getattr(this._lock, "release"));
  }

  __enter__(): unknown {
    return call(getattr(this._lock, "__enter__"));
  }

  __exit__(...args: unknown[]): unknown {
    return call(getattr(this._lock, "__exit__"), ...args);
  }

  _is_owned(): boolean {
    const lock = this._lock as { _is_owned?: () => boolean };
    if (typeof lock._is_owned === "function") return lock._is_owned();
    if (truthy(call(getattr(this._lock, "acquire"), false))) {
      call(getattr(this._lock, "release"));
      return false;
    }
    return true;
  }

  /** `wait(timeout=None)`: release the lock until notified (or the timeout), then retake it. */
  wait(...args: unknown[]): boolean {
    const [t] = clinicArgs("wait", args, ["timeout"], 0);
    const timeout = t === undefined || t === null ? null : toFloat(t as number);
    if (!this._is_owned()) throw new RuntimeError("cannot wait on un-acquired lock");
    const waiter: Waiter = { notified: false };
    this._waiters.push(waiter);
    const lock = this._lock as RLockImpl;
    const saved = lock instanceof RLockImpl ? lock._release_save() : null;
    if (saved === null) this.release();
    let notified = false;
    try {
      notified = _block_until(() => waiter.notified, timeout, "Condition.wait()");
    } finally {
      if (!notified) {
        const i = this._waiters.indexOf(waiter);
        if (i >= 0) this._waiters.splice(i, 1);
      }
      if (saved !== null) lock._acquire_restore(saved);
      else this.acquire();
    }
    return notified;
  }

  /** `wait_for(predicate, timeout=None)`: wait until `predicate()` is true. */
  wait_for(...args: unknown[]): unknown {
    const [predicate, t] = clinicArgs("wait_for", args, ["predicate", "timeout"], 1);
    let waittime = t === undefined || t === null ? null : toFloat(t as number);
    let endtime: number | null = null;
    let result = call(predicate);
    while (!truthy(result)) {
      if (waittime !== null) {
        if (endtime === null) endtime = monotonic() + waittime;
        else {
          waittime = endtime - monotonic();
          if (waittime <= 0) break;
        }
      }
      this.wait(waittime);
      result = call(predicate);
    }
    return result;
  }

  /** `notify(n=1)`: wake up to `n` waiting threads. */
  notify(...args: unknown[]): null {
    const [n] = clinicArgs("notify", args, ["n"], 0);
    if (!this._is_owned()) throw new RuntimeError("cannot notify on un-acquired lock");
    let count = n === undefined ? 1 : Number(n);
    while (count > 0 && this._waiters.length > 0) {
      this._waiters.shift()!.notified = true;
      count -= 1;
    }
    return null;
  }

  notify_all(): null {
    return this.notify(BigInt(this._waiters.length));
  }

  __repr__(): string {
    return `<Condition(${repr(this._lock)}, ${this._waiters.length})>`;
  }
}
/** `threading.Condition`. */
export const Condition = libraryClass(ConditionImpl, "Condition", "threading");

function monotonic(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}

// ---------------------------------------------------------------- Semaphore, Event

/** `<threading.Semaphore at 0x...: value=1>`: the module and name of the object's class. */
function classPath(obj: object): string {
  const cls = typeOf(obj) as { __module__?: string; __qualname__?: string };
  return `${cls.__module__}.${cls.__qualname__}`;
}

/** `threading.Semaphore(value=1)`. */
class SemaphoreImpl {
  _value: bigint;

  constructor(...args: unknown[]) {
    const [v] = clinicArgs("Semaphore", args, ["value"], 0);
    const value = v === undefined ? 1n : v;
    if (typeof value !== "bigint" && typeof value !== "boolean")
      throw new PyTypeError(
        `'<' not supported between instances of '${typeName(value)}' and 'int'`,
      );
    const n = BigInt(value);
    if (n < 0n) throw new ValueError("semaphore initial value must be >= 0");
    this._value = n;
  }

  /** `acquire(blocking=True, timeout=None)`. */
  acquire(...args: unknown[]): boolean {
    const [b, t] = clinicArgs("acquire", args, ["blocking", "timeout"], 0);
    const blocking = b === undefined ? true : truthy(b);
    const timeout = t === undefined || t === null ? null : toFloat(t as number);
    if (!blocking && timeout !== null)
      throw new ValueError("can't specify timeout for non-blocking acquire");
    if (this._value === 0n) {
      if (!blocking) return false;
      if (timeout !== null && timeout <= 0) return false;
      if (!_block_until(() => this._value > 0n, timeout, "acquire() of a semaphore at 0"))
        return false;
    }
    this._value -= 1n;
    return true;
  }

  /** `release(n=1)`. */
  release(...args: unknown[]): null {
    const [n] = clinicArgs("release", args, ["n"], 0);
    const count = n === undefined ? 1n : BigInt(n as bigint);
    if (count < 1n) throw new ValueError("n must be one or more");
    this._value += count;
    return null;
  }

  __enter__(...args: unknown[]): boolean {
    return this.acquire(...args);
  }

  __exit__(..._args: unknown[]): null {
    return this.release();
  }

  __repr__(): string {
    return `<${classPath(this)} at ${addressOf(this)}: value=${this._value}>`;
  }
}
/** `threading.Semaphore`. */
export const Semaphore = libraryClass(SemaphoreImpl, "Semaphore", "threading");

/** `threading.BoundedSemaphore(value=1)`: releasing above the initial value is an error. */
class BoundedSemaphoreImpl extends SemaphoreImpl {
  _initial_value: bigint;

  constructor(...args: unknown[]) {
    super(...args);
    this._initial_value = this._value;
  }

  override release(...args: unknown[]): null {
    const [n] = clinicArgs("release", args, ["n"], 0);
    const count = n === undefined ? 1n : BigInt(n as bigint);
    if (count < 1n) throw new ValueError("n must be one or more");
    if (this._value + count > this._initial_value)
      throw new ValueError("Semaphore released too many times");
    this._value += count;
    return null;
  }

  override __repr__(): string {
    return `<${classPath(this)} at ${addressOf(this)}: value=${this._value}/${this._initial_value}>`;
  }
}
/** `threading.BoundedSemaphore`. */
export const BoundedSemaphore = libraryClass(BoundedSemaphoreImpl, "BoundedSemaphore", "threading");

/** `threading.Event()`: a flag threads wait for. */
class EventImpl {
  _flag = false;

  is_set(): boolean {
    return this._flag;
  }

  set(): null {
    this._flag = true;
    return null;
  }

  clear(): null {
    this._flag = false;
    return null;
  }

  /** `wait(timeout=None)`: the flag, once set or after the timeout. */
  wait(...args: unknown[]): boolean {
    const [t] = clinicArgs("wait", args, ["timeout"], 0);
    const timeout = t === undefined || t === null ? null : toFloat(t as number);
    return _block_until(() => this._flag, timeout, "Event.wait()");
  }

  __repr__(): string {
    return `<${classPath(this)} at ${addressOf(this)}: ${this._flag ? "set" : "unset"}>`;
  }
}
/** `threading.Event`. */
export const Event = libraryClass(EventImpl, "Event", "threading");

// ---------------------------------------------------------------- local

const MAIN_KEY = {};

/** The key of the current thread's namespace in a `local`. */
function threadKey(): object {
  return _current_worker() ?? MAIN_KEY;
}

/**
 * `threading.local()` (`_thread._local`): attributes each thread sees its own of. The object is a
 * Proxy whose string-keyed properties live in the current thread's namespace; a subclass's
 * `__init__` runs again, with the constructor's arguments, in each other thread that uses it.
 */
class LocalImpl {
  static readonly __tp_name__ = "_thread._local";
  constructor(...args: unknown[]) {
    const cls = new.target as unknown as { prototype: { __init__?: unknown } };
    if (args.length > 0 && cls.prototype.__init__ === LocalImpl.prototype.__init__)
      throw new PyTypeError("Initialization arguments are not supported");
    const namespaces = new Map<object, Map<string, unknown>>();
    namespaces.set(threadKey(), new Map());
    let proxy: LocalImpl;
    const ns = (): Map<string, unknown> => {
      const key = threadKey();
      let d = namespaces.get(key);
      if (d === undefined) {
        d = new Map();
        namespaces.set(key, d);
        const init = (proxy as { __init__?: (...a: unknown[]) => unknown }).__init__;
        if (typeof init === "function" && init !== LocalImpl.prototype.__init__)
          init.apply(proxy, args);
      }
      return d;
    };
    proxy = new Proxy(this, {
      get(t, key, receiver) {
        if (typeof key === "string") {
          const d = ns();
          if (d.has(key)) return d.get(key);
        }
        return Reflect.get(t, key, receiver);
      },
      set(t, key, value, receiver) {
        if (typeof key !== "string") return Reflect.set(t, key, value, receiver);
        ns().set(key, value);
        return true;
      },
      has(t, key) {
        return (typeof key === "string" && ns().has(key)) || Reflect.has(t, key);
      },
      deleteProperty(t, key) {
        if (typeof key === "string" && ns().has(key)) return ns().delete(key);
        if (typeof key === "string")
          throw new AttributeError(`'_thread._local' object has no attribute '${key}'`);
        return Reflect.deleteProperty(t, key);
      },
      ownKeys(t) {
        return [...new Set([...Reflect.ownKeys(t), ...ns().keys()])];
      },
      getOwnPropertyDescriptor(t, key) {
        if (typeof key === "string") {
          const d = ns();
          if (d.has(key))
            return { value: d.get(key), writable: true, enumerable: true, configurable: true };
        }
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
      defineProperty(t, key, desc) {
        if (typeof key === "string" && "value" in desc) {
          ns().set(key, desc.value);
          return true;
        }
        return Reflect.defineProperty(t, key, desc);
      },
    });
    // biome-ignore lint/correctness/noConstructorReturn: the object is the per-thread Proxy.
    return proxy;
  }

  __init__(..._args: unknown[]): null {
    return null;
  }
}
/** `threading.local`: the type `_thread._local`. */
export const local = libraryClass(LocalImpl, "_local", "_thread");
