/**
 * asyncio.coroutines: what a coroutine is in asyncio-ts.
 *
 * A coroutine is a generator object; a coroutine function is a `function*`; `await x` is
 * `yield* x`. Generators are lazy and can have an exception thrown in at the suspension point,
 * which is exactly what a Task needs (see docs/ARCHITECTURE.md, "Coroutines").
 *
 * Functions can be marked so the runtime knows their Python name and kind:
 * `markcoroutinefunction(fn, qualname)` for `async def`, `markgeneratorfunction(fn, qualname)` for
 * a Python generator function (a `def` containing `yield`), whose generators asyncio must not take
 * for coroutines. Marks live on the function and on its `prototype`, which every generator object
 * it makes inherits from, so reading them costs nothing at call time. A coroutine function's
 * prototype also gets `__await__` (a `coroutine_wrapper`, below).
 */

import { GeneratorExit, RuntimeError, StopIteration } from "../python/exceptions";
import { id, nativeType, PY_TYPE } from "../python/objects";
import { _coroutine_location } from "./format_helpers";

declare global {
  /**
   * Python's generator and coroutine methods, which src/python/lang.ts installs on JS generator
   * objects: generated code calls `coro.send(None)` and `coro.close()` on coroutines typed `Coro`.
   */
  interface Generator<T = unknown, TReturn = any, TNext = any> {
    /** `gen.send(value)`: the next value yielded; raises StopIteration when the generator ends. */
    send(value: TNext | null): T;
    /** `gen.close()`: GeneratorExit thrown in at the suspended `yield`. */
    close(): TReturn | null;
  }
}

/** A coroutine returning T: what `function*` coroutine functions return. */
export type Coro<T = unknown> = Generator<unknown, T, unknown>;

/** A coroutine function. */
export type CoroutineFunction<A extends unknown[] = any[], T = unknown> = (...args: A) => Coro<T>;

const KIND = Symbol.for("asyncio-ts.kind");
const QUALNAME = Symbol.for("asyncio-ts.qualname");

type Kind = "coroutine" | "generator" | "async_generator";

interface Marked {
  [KIND]?: Kind;
  [QUALNAME]?: string;
  __qualname__?: string;
  __name__?: string;
  prototype?: Record<PropertyKey, unknown>;
}

function mark<F extends Function>(fn: F, kind: Kind, qualname?: string): F {
  const m = fn as unknown as Marked;
  const name = qualname ?? m.__qualname__ ?? fn.name;
  m[KIND] = kind;
  m[QUALNAME] = name;
  if (m.__qualname__ === undefined) m.__qualname__ = name;
  if (m.__name__ === undefined) m.__name__ = fn.name || name.split(".").pop()!;
  if (m.prototype) {
    m.prototype[KIND] = kind;
    m.prototype[QUALNAME] = name;
    // A coroutine object's own `__name__` and `__qualname__`, as CPython's coroutines have.
    m.prototype.__qualname__ = name;
    m.prototype.__name__ = m.__name__;
    if (kind === "coroutine") {
      m.prototype.__await__ = coroutineAwait;
      m.prototype.send = coroutineSend;
      m.prototype.close = coroutineClose;
    } else if (kind === "generator") m.prototype.return = generatorReturn;
  }
  return fn;
}

/**
 * JS's `gen.return()` on a Python generator (a `for` loop left early by `break`, `return` or
 * an exception, a builtin that stops consuming it): Python's `close()`, as CPython does when it
 * drops the last reference to the generator: GeneratorExit is thrown in at the suspended
 * `yield`, so `except GeneratorExit:` handlers run as well as `finally` blocks. (A `for` loop
 * over a generator held in a variable does not call it: see `iterHeld`.)
 */
export function generatorReturn(this: Generator, value?: unknown): IteratorResult<unknown> {
  // Never printed: no stack to capture.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const exit = new GeneratorExit();
  Error.stackTraceLimit = limit;
  let r: IteratorResult<unknown>;
  try {
    r = (GeneratorPrototype.throw as Generator["throw"]).call(this, exit);
  } catch (e) {
    if (e instanceof GeneratorExit || e instanceof StopIteration) return { done: true, value };
    if (unraisableHook === null) throw e;
    // Raised by the body: its traceback ends at the generator's frame.
    if (e instanceof Error) (e as { _tbDropCallers?: Error })._tbDropCallers ??= new Error();
    unraisableHook(e, this);
    return { done: true, value };
  }
  if (!r.done) {
    const err = new RuntimeError("generator ignored GeneratorExit");
    if (unraisableHook === null) throw err;
    unraisableHook(err, this);
  }
  return { done: true, value };
}

/**
 * What an exception out of closing a dropped generator does: CPython cannot raise it from a
 * destructor and prints "Exception ignored in: <generator ...>" with its traceback instead
 * (src/python/lang.ts installs the printer).
 */
let unraisableHook: ((exc: unknown, obj: unknown) => void) | null = null;

export function setUnraisableHook(hook: (exc: unknown, obj: unknown) => void): void {
  unraisableHook = hook;
}

/**
 * `coro.__await__()`: CPython's `coroutine_wrapper`, the iterator `await` steps. A generator
 * delegating to the coroutine (`yield*`), so JS's `next`/`throw`/`return` and Python's
 * `send`/`throw`/`close` reach the coroutine itself. It is no coroutine (marked a generator for
 * `iscoroutine`), and its type is `coroutine_wrapper`.
 */
function* coroutine_wrapper(coro: Coro): Coro {
  return yield* coro;
}
let wrapperType: Function | undefined;
Object.defineProperties(coroutine_wrapper.prototype, {
  [KIND]: { value: "generator" },
  [PY_TYPE]: {
    value: () => {
      wrapperType ??= nativeType("coroutine_wrapper");
      return wrapperType;
    },
  },
  __repr__: {
    value(this: object) {
      return `<coroutine_wrapper object at 0x${id(this).toString(16)}>`;
    },
  },
});

/** `coro.__await__` of every marked coroutine function's coroutines (`$py.awaitHeld` tests it). */
export function coroutineAwait(this: Coro): Coro {
  return coroutine_wrapper(this);
}

// ---- Reuse of a coroutine object
//
// CPython refuses to await a coroutine that has finished ("cannot reuse already awaited
// coroutine") or that is suspended in an await of its own, i.e. being awaited elsewhere
// ("coroutine is being awaited already"). A JS generator does not say whether it has finished,
// so the drivers that can meet a coroutine some other code also holds write down what happened
// to it, in the coroutine's AWAITED property:
//
// - `await x` where `x` is not a call (a name, an attribute, an item: the object can be held)
//   steps it through `awaitTracked` (codegen/lower/functions.ts, `$py.awaitHeld`), which marks it
//   RUNNING, then DONE; so does an `await` of a call whose result is marked TRACKED (a cached
//   coroutine: `@lru_cache`).
// - A Task stores itself there when it is made (one store per task; nothing when it finishes:
//   the coroutine is finished when that Task is done).
// - `send`/`close`/`throw` mark it (below, and `genThrow` in src/python/protocol.ts).
//
// `await f()` of a fresh coroutine never looks: nothing else can hold the object, so nothing
// can meet it again, and that await costs nothing more. Whoever's step finishes the coroutine
// gets its value; a driver that finds it finished already (before its step) raises.

const AWAITED = Symbol("asyncio-ts.awaited");
/** A coroutine object that others may hold, not yet stepped by anyone. */
const TRACKED = 0;
/** Started by `send` or a tracked await, not finished. */
const RUNNING = 1;
const DONE = 2;

/** The Task stepping a coroutine (a Future: done when the coroutine is finished). */
interface Owner {
  done(): boolean;
}
type Tracked = { [AWAITED]?: number | Owner };

/** CPython's error for a coroutine stepped again after it finished. */
export function _coro_reuse_error(): RuntimeError {
  return new RuntimeError("cannot reuse already awaited coroutine");
}

/** Has the coroutine finished, as far as its marks tell? */
function finished(state: number | Owner | undefined): boolean {
  return state === DONE || (typeof state === "object" && state.done());
}

/** Mark a coroutine some code keeps (a cache's) so `await` of a call returning it tracks it. */
export function trackcoroutine(coro: unknown): void {
  if ((coro as Tracked)[AWAITED] === undefined) (coro as Tracked)[AWAITED] = TRACKED;
}

/** True when `await` of `x` must go through `awaitTracked` even where `x` is a fresh call's. */
export function istrackedcoroutine(x: object): boolean {
  return (x as Tracked)[AWAITED] !== undefined;
}

/** `await coro` where the coroutine object may be held elsewhere: CPython's checks, then `yield*`. */
export function* awaitTracked<T>(coro: Coro<T>): Coro<T> {
  const c = coro as Coro<T> & Tracked;
  const state = c[AWAITED];
  if (finished(state)) throw _coro_reuse_error();
  if (state !== undefined && state !== TRACKED)
    throw new RuntimeError("coroutine is being awaited already");
  c[AWAITED] = RUNNING;
  let value: T;
  let returned = false;
  try {
    value = yield* c;
    returned = true;
  } finally {
    // It raised, or was closed with the awaiting coroutine: finished either way.
    if (!returned) c[AWAITED] = DONE;
  }
  // Finished by another driver's step (a Task also stepping it) before ours reached the end.
  if (c[AWAITED] !== RUNNING) throw _coro_reuse_error();
  c[AWAITED] = DONE;
  return value;
}

/** A Task is made to step `coro`: it is the coroutine's owner unless it has finished. */
export function _coro_task_started(coro: Coro, task: Owner): void {
  const c = coro as Coro & Tracked;
  const state = c[AWAITED];
  if (state === undefined || state === TRACKED || (typeof state === "object" && !state.done()))
    c[AWAITED] = task;
}

/**
 * A step of `task` found `coro` finished: true if that step finished it, false if it had
 * finished before (the Task then raises CPython's "cannot reuse already awaited coroutine").
 */
export function _coro_task_returned(coro: Coro, task: Owner): boolean {
  const c = coro as Coro & Tracked;
  const state = c[AWAITED];
  if (state === task) return true;
  if (finished(state)) return false;
  // Another driver had started it; this step finished it.
  c[AWAITED] = task;
  return true;
}

/** The coroutine has finished (`throw` into it raises); raises as CPython if it had before. */
export function _coro_check_reuse(coro: unknown): void {
  if (finished((coro as Tracked)[AWAITED]) && iscoroutine(coro)) throw _coro_reuse_error();
}

/** `coro.send(value)`: a generator's, plus the bookkeeping above. */
function coroutineSend(this: Coro & Tracked, value: unknown): unknown {
  if (finished(this[AWAITED])) throw _coro_reuse_error();
  let r: IteratorResult<unknown>;
  try {
    r = this.next(value);
  } catch (e) {
    this[AWAITED] = DONE;
    throw e;
  }
  if (r.done) {
    this[AWAITED] = DONE;
    throw r.value === undefined || r.value === null
      ? new StopIteration()
      : new StopIteration(r.value);
  }
  if (this[AWAITED] === undefined || this[AWAITED] === TRACKED) this[AWAITED] = RUNNING;
  return r.value;
}

/** `coro.close()`: a generator's; the coroutine is finished after it. */
function coroutineClose(this: Coro & Tracked): unknown {
  try {
    return (GeneratorPrototype.close as (this: Coro) => unknown).call(this);
  } finally {
    this[AWAITED] = DONE;
  }
}

/** Mark `fn` (a `function*`) as a coroutine function named `qualname` (as `inspect` does). */
export function markcoroutinefunction<F extends Function>(fn: F, qualname?: string): F {
  return mark(fn, "coroutine", qualname);
}

/** Mark `fn` (a `function*`) as a Python generator function: its generators are not coroutines. */
export function markgeneratorfunction<F extends Function>(fn: F, qualname?: string): F {
  return mark(fn, "generator", qualname);
}

/** Mark `fn` as an async generator function (the async generator layer uses this). */
export function markasyncgenfunction<F extends Function>(fn: F, qualname?: string): F {
  return mark(fn, "async_generator", qualname);
}

const GeneratorPrototype = Object.getPrototypeOf(function* () {}.prototype);

function isGeneratorObject(obj: unknown): obj is Generator {
  return (
    typeof obj === "object" &&
    obj !== null &&
    Object.prototype.isPrototypeOf.call(GeneratorPrototype, obj as object)
  );
}

/** True for a coroutine object: any generator not made by a marked Python generator function. */
export function iscoroutine(obj: unknown): obj is Coro {
  // A marked coroutine function's objects (every task's coroutine) answer from their prototype's
  // `__await__`, without walking the prototype chain to the generator prototype. A named load:
  // V8 caches it per map even where a call site sees many coroutine functions' objects, which a
  // symbol-keyed load (`obj[KIND]`) is not.
  if (
    typeof obj === "object" &&
    obj !== null &&
    (obj as { __await__?: unknown }).__await__ === coroutineAwait
  )
    return true;
  if (!isGeneratorObject(obj)) return false;
  const kind = (obj as unknown as Marked)[KIND];
  return kind === undefined || kind === "coroutine";
}

/** True for a function marked with markcoroutinefunction (or one that says `_is_coroutine`). */
export function iscoroutinefunction(fn: unknown): boolean {
  // As `inspect.iscoroutinefunction`: through bound methods (`__func__`) and
  // `functools.partial` objects (`func`) to the function.
  for (let i = 0; typeof fn === "function" && i < 100; i++) {
    const m = fn as unknown as Marked & {
      __func__?: unknown;
      __partial__?: unknown;
      func?: unknown;
    };
    if (m[KIND] === "coroutine") return true;
    if (typeof m.__func__ === "function" && m.__func__ !== fn) fn = m.__func__;
    else if (m.__partial__ === true) fn = m.func;
    else return false;
  }
  return false;
}

/** The `__qualname__` of a coroutine object's function, as task reprs and traces print it. */
export function coroQualname(coro: unknown): string {
  const q = (coro as Marked | null)?.[QUALNAME];
  if (typeof q === "string") return q;
  const ownName = (coro as { __qualname__?: unknown } | null)?.__qualname__;
  return typeof ownName === "string" ? ownName : "coroutine";
}

const BUILTIN_AWAITABLES = new Set(["async_generator_asend", "async_generator_athrow"]);

/** `_format_coroutine(coro)` for a task's coroutine, as asyncio.coroutines formats it. */
export function _format_coroutine(coro: unknown, done: boolean): string {
  const qualname = coroQualname(coro);
  // The awaitables of async generators are builtins with neither `__qualname__`, `__name__` nor
  // code: CPython names them by their type, and says nothing of their state.
  if (BUILTIN_AWAITABLES.has(qualname)) return `<${qualname} without __name__>()`;
  const name = `${qualname}()`;
  const loc = typeof coro === "object" && coro !== null ? _coroutine_location(coro, done) : null;
  if (loc === null) return done ? `${name} done` : `${name} running`;
  return loc.hasFrame
    ? `${name} running at ${loc.filename}:${loc.lineno}`
    : `${name} done, defined at ${loc.filename}:${loc.lineno}`;
}
