/**
 * Asynchronous generators (PEP 525) on generator functions.
 *
 * An async generator function is a `function*` in which Python's `yield v` is written
 * `yield asyncgen_yield(v)` (a marked wrapper) and `await x` stays `yield* x`; `asyncgenfunction`
 * turns it into a function returning an `AsyncGenerator`:
 *
 * ```ts
 * const ticker = asyncgenfunction(function* ticker(n: number) {
 *   for (let i = 0; i < n; i++) {
 *     yield asyncgen_yield(i);   // Python: yield i
 *     yield* asyncio.sleep(0.1); // Python: await asyncio.sleep(0.1)
 *   }
 * });
 * yield* async_for(ticker(3), function* (i) { console.log(i); });
 * ```
 *
 * How it runs: each `__anext__()`/`asend()`/`athrow()`/`aclose()` returns a coroutine that steps
 * the underlying generator. A yielded `AsyncGenYield` ends that step with its value; anything else
 * the body yields (a Future from `yield* fut`, a bare yield from `sleep(0)`) is passed up to the Task
 * that awaits the step, and what the Task sends or throws back goes down into the body. This is how
 * CPython's `async_generator_asend` object forwards the awaits of the generator frame.
 *
 * Semantics follow CPython 3.13: the loop's `firstiter` hook is called when the first
 * `__anext__`/`asend`/`athrow`/`aclose` awaitable is made (so `loop.shutdown_asyncgens()` closes the
 * generator), "anext(): asynchronous generator is already running" (and the `athrow()`/`aclose()`
 * variants), StopAsyncIteration at the end, "async generator ignored GeneratorExit",
 * "async generator raised StopAsyncIteration" / "... StopIteration", `aclose()` and `athrow()` on a
 * finished generator return None.
 *
 * Differences from CPython:
 * - CPython calls the loop's finalizer hook when an unfinished async generator is garbage-collected
 *   (it then schedules `aclose()`). JS garbage collection is not observable deterministically, so
 *   the hook is called where the program certainly drops the generator: as it leaves an
 *   `async for` over a call (`async for x in ticker(): break`; see `asyncForDrop`). A generator
 *   dropped otherwise (`agen = None`) is closed by `loop.shutdown_asyncgens()` at the end of
 *   `asyncio.run()`, where CPython closes it soon after it is dropped.
 * - `__anext__()` and `asend()` return coroutine objects (CPython returns `async_generator_asend`
 *   objects, which are awaitables but not coroutines), so `create_task(agen.__anext__())` is accepted.
 */

import {
  BaseException,
  GeneratorExit,
  TypeError as PyTypeError,
  RuntimeError,
  StopAsyncIteration,
  StopIteration,
} from "../python/exceptions";
import { id, markBuiltinClass } from "../python/objects";
import { get_asyncgen_hooks } from "./base_events";
import { type Coro, coroQualname, markasyncgenfunction, markcoroutinefunction } from "./coroutines";
import { _get_running_loop } from "./events";

/** The wrapper that marks a Python `yield v` in an async generator body. */
export class AsyncGenYield<T = unknown> {
  constructor(readonly value: T) {}
}

/** Python's `yield v` inside an async generator body: `const sent = yield asyncgen_yield(v)`. */
export function asyncgen_yield<T>(value: T): AsyncGenYield<T> {
  return new AsyncGenYield(value);
}

type Mode = "anext" | "athrow" | "aclose";

const RUNNING_MESSAGES: Record<Mode, string> = {
  anext: "anext(): asynchronous generator is already running",
  athrow: "athrow(): asynchronous generator is already running",
  aclose: "aclose(): asynchronous generator is already running",
};

/** An asynchronous generator object (Python's `async_generator`). */
export class AsyncGenerator<T = unknown, S = unknown> {
  /** True while one of its awaitables is suspended inside the body (`ag_running`). */
  ag_running = false;
  /** True once the body has returned or raised. */
  _closed = false;
  private _started = false;
  private _hooks_inited = false;
  private _loop: unknown = null;
  /** The finalizer hook installed when the generator first ran (CPython keeps it likewise). */
  private _finalizer: ((agen: unknown) => void) | null = null;
  readonly __qualname__: string;
  readonly __name__: string;

  constructor(
    readonly ag_code: Generator<unknown, unknown, unknown>,
    qualname?: string,
  ) {
    this.__qualname__ = qualname ?? coroQualname(ag_code);
    this.__name__ = this.__qualname__.split(".").pop()!;
  }

  __repr__(): string {
    return `<async_generator object ${this.__qualname__} at 0x${id(this).toString(16)}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  __aiter__(): this {
    return this;
  }

  /** The next item; raises StopAsyncIteration at the end. */
  __anext__(): Coro<T> {
    this._init_hooks();
    return primed(this._step("anext", null)) as Coro<T>;
  }

  /** Send `value` into the generator (the result of its current `yield`); returns the next item. */
  asend(value: S): Coro<T> {
    this._init_hooks();
    return primed(this._step("anext", value)) as Coro<T>;
  }

  /**
   * Throw an exception into the generator at its current `yield`; returns the next item it yields.
   * `athrow(exc)` or `athrow(ExcClass)` (the three-argument form also accepts a value).
   */
  athrow(typ: unknown, val: unknown = null, _tb: unknown = null): Coro<T | null> {
    this._init_hooks();
    let exc = typ;
    if (typeof typ === "function") {
      if (val instanceof BaseException) exc = val;
      else {
        const Cls = typ as new (...args: unknown[]) => unknown;
        exc = val === null || val === undefined ? new Cls() : new Cls(val);
      }
    }
    return athrowObject(primed(this._step("athrow", exc))) as Coro<T | null>;
  }

  /** Throw GeneratorExit into the generator and wait for it to finish. */
  aclose(): Coro<null> {
    this._init_hooks();
    return athrowObject(primed(this._step("aclose", new GeneratorExit()))) as Coro<null>;
  }

  private _init_hooks(): void {
    if (this._hooks_inited) return;
    this._hooks_inited = true;
    this._loop = _get_running_loop();
    const hooks = get_asyncgen_hooks();
    this._finalizer = hooks.finalizer;
    if (hooks.firstiter !== null) hooks.firstiter(this);
  }

  /**
   * The program dropped its last reference (the iterator of `async for x in agen():` once the loop
   * is left): what CPython's GC does then, the finalizer hook for a generator not yet finished.
   */
  _tsDropped(): void {
    if (this._closed || this._finalizer === null) return;
    const finalizer = this._finalizer;
    this._finalizer = null;
    finalizer(this);
  }

  /** The generator finished: the loop no longer needs to close it at shutdown. */
  private _finish(): void {
    this._closed = true;
    const loop = this._loop as { _asyncgens?: Set<unknown> } | null;
    loop?._asyncgens?.delete(this);
  }

  /**
   * The awaitable of `__anext__()`/`asend()`/`athrow()`/`aclose()`. It is created suspended at
   * `yield PRIMED` (see `primed`), so that an exception thrown into the awaitable before its first
   * step (a Task cancelled before it ran, `agen.aclose().throw(exc)`) reaches the generator body,
   * as CPython's `async_generator_asend`/`async_generator_athrow` objects forward `throw()` in
   * their initial state: `thrown` is then that exception, thrown in at the body's current `yield`.
   */
  private *_step(mode: Mode, arg: unknown): Coro<unknown> {
    let thrown: { exc: unknown } | null = null;
    try {
      yield PRIMED;
    } catch (exc) {
      thrown = { exc };
    }
    if (this.ag_running) throw new RuntimeError(RUNNING_MESSAGES[mode]);
    if (this._closed) {
      if (thrown !== null) throw thrown.exc;
      if (mode === "anext") throw new StopAsyncIteration();
      return null;
    }
    const gen = this.ag_code;
    if (thrown !== null) {
      mode = mode === "aclose" ? "aclose" : "athrow";
      arg = thrown.exc;
    } else if (mode === "aclose" && !this._started) {
      // Closing a generator that never ran just marks it finished.
      gen.return(undefined);
      this._finish();
      return null;
    }
    if (
      thrown === null &&
      !this._started &&
      mode === "anext" &&
      arg !== undefined &&
      arg !== null
    ) {
      throw new PyTypeError("can't send non-None value to a just-started async generator");
    }
    this._started = true;
    this.ag_running = true;
    try {
      let r = this._resume(gen, mode === "anext" ? "next" : "throw", arg, mode);
      for (;;) {
        if (r.done) {
          this._finish();
          if (mode !== "aclose") throw new StopAsyncIteration();
          return null;
        }
        const v = r.value;
        if (v instanceof AsyncGenYield) {
          if (mode === "aclose") {
            throw new RuntimeError("async generator ignored GeneratorExit");
          }
          return v.value;
        }
        // An await inside the body: pass the yielded future (or bare yield) up to the Task.
        let sent: unknown;
        try {
          sent = yield v;
        } catch (exc) {
          r = this._resume(gen, "throw", exc, mode);
          continue;
        }
        r = this._resume(gen, "next", sent, mode);
      }
    } finally {
      this.ag_running = false;
    }
  }

  /**
   * Resume the body. An exception out of it finishes the generator; StopAsyncIteration and
   * StopIteration become RuntimeError; during aclose(), GeneratorExit or StopAsyncIteration out of
   * the body mean it closed properly.
   */
  private _resume(
    gen: Generator<unknown, unknown, unknown>,
    how: "next" | "throw",
    arg: unknown,
    mode: Mode,
  ): IteratorResult<unknown, unknown> {
    try {
      return how === "next" ? gen.next(arg) : gen.throw(arg);
    } catch (exc) {
      this._finish();
      if (
        mode === "aclose" &&
        (exc instanceof GeneratorExit || exc instanceof StopAsyncIteration)
      ) {
        return { done: true, value: undefined };
      }
      if (exc instanceof StopAsyncIteration || exc instanceof StopIteration) {
        const err = new RuntimeError(
          exc instanceof StopAsyncIteration
            ? "async generator raised StopAsyncIteration"
            : "async generator raised StopIteration",
        );
        err.__cause__ = exc;
        err.__context__ = exc;
        throw err;
      }
      throw exc;
    }
  }
}
markBuiltinClass(AsyncGenerator, "async_generator");
// CPython's awaitables are `async_generator_asend` (`__anext__`, `asend`) and
// `async_generator_athrow` (`athrow`, `aclose`) objects, which have no `__qualname__`: task reprs
// and traces name them by their type.
markcoroutinefunction(
  (AsyncGenerator.prototype as unknown as { _step: Function })._step,
  "async_generator_asend",
);

const QUALNAME = Symbol.for("asyncio-ts.qualname");

/** What `_step` yields once, before its first step, to be suspended where `throw()` reaches it. */
const PRIMED = Symbol("asyncgen-primed");

/** Advance a fresh `_step` generator to its `yield PRIMED` (no effect beyond that point). */
function primed(step: Coro<unknown>): Coro<unknown> {
  step.next();
  return step;
}

/** Name the coroutine of `athrow()`/`aclose()` as CPython's `async_generator_athrow`. */
function athrowObject(coro: Coro<unknown>): Coro<unknown> {
  const m = coro as unknown as Record<PropertyKey, unknown>;
  m[QUALNAME] = "async_generator_athrow";
  m.__qualname__ = "async_generator_athrow";
  m.__name__ = "async_generator_athrow";
  return coro;
}

/** True for an async generator object. */
export function isasyncgen(obj: unknown): obj is AsyncGenerator {
  return obj instanceof AsyncGenerator;
}

const ASYNCGEN_FUNCTION = Symbol.for("asyncio-ts.asyncgenfunction");

/**
 * Make an async generator function from a `function*` body (see the module header); the result is
 * marked with `markasyncgenfunction` and named `qualname` (default: the function's name).
 */
export function asyncgenfunction<A extends unknown[], T = unknown, S = unknown>(
  fn: (...args: A) => Generator<unknown, unknown, unknown>,
  qualname?: string,
): (...args: A) => AsyncGenerator<T, S> {
  const name = qualname ?? fn.name;
  const wrapper = function (this: unknown, ...args: A): AsyncGenerator<T, S> {
    return new AsyncGenerator<T, S>(fn.apply(this, args), name);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name });
  (wrapper as unknown as Record<symbol, boolean>)[ASYNCGEN_FUNCTION] = true;
  markasyncgenfunction(fn, name);
  return markasyncgenfunction(wrapper, name);
}

/** True for a function made by `asyncgenfunction` (Python's `inspect.isasyncgenfunction`). */
export function isasyncgenfunction(fn: unknown): boolean {
  return (
    typeof fn === "function" &&
    (fn as unknown as Record<symbol, boolean>)[ASYNCGEN_FUNCTION] === true
  );
}
