/**
 * asyncio.tasks: Task, sleep, ensure_future, current_task, all_tasks and eager tasks.
 *
 * How a Task drives a coroutine (mirroring CPython's C `_asyncio.Task`):
 *
 *   create_task(coro) --call_soon--> step: coro.next() / coro.throw(exc)
 *       yielded a Future (blocking)  -> fut.add_done_callback(wakeup)   ... fut done --call_soon--> wakeup -> step
 *       yielded nothing (bare yield) -> call_soon(step)                  (how sleep(0) yields once)
 *       returned value               -> Future.set_result
 *       threw CancelledError         -> Future.cancel (the task is cancelled)
 *       threw anything else          -> Future.set_exception (SystemExit/KeyboardInterrupt also escape)
 *
 * A step runs inside the task's context; `cancel()` either cancels the future the task waits on or
 * leaves a pending cancel that the next step throws into the coroutine.
 *
 * Differences from CPython: a JS generator object has no frame, file or line, so task reprs print
 * `coro=<main() running>` where CPython prints `coro=<main() running at FILE:LINE>`, and
 * `get_stack()` returns an empty list for a suspended task.
 */

import {
  _current_data,
  _enter_lazy,
  _leave_lazy,
  _pinned_context,
  type Context,
  type VarMap,
} from "../contextvars";
import { le } from "../python/compare";
import {
  AttributeError,
  BaseException,
  handledStack,
  KeyboardInterrupt,
  markRaised,
  RuntimeError,
  StopAsyncIteration,
  StopIteration,
  SystemExit,
  TimeoutError,
  TypeError,
  ValueError,
} from "../python/exceptions";
import { Kw, splitKw } from "../python/kw";
import { repr, str } from "../python/repr";
import { PySet } from "../python/set";
import { Tuple } from "../python/tuple";
import {
  _coro_reuse_error,
  _coro_task_returned,
  _coro_task_started,
  _format_coroutine,
  awaitTracked,
  type Coro,
  coroQualname,
  iscoroutine,
  markcoroutinefunction,
} from "./coroutines";
import {
  type AbstractEventLoop,
  get_event_loop,
  get_running_loop,
  Handle,
  type HandleOwner,
  type ReadyEntry,
} from "./events";
import { _cancelled_error, CancelledError, InvalidStateError } from "./exceptions";
import {
  _FINISHED,
  _future_repr_info,
  _set_result_unless_cancelled,
  Future,
  isfuture,
  type TaskWaiter,
  wrap_promise,
} from "./futures";
import { writeStdout } from "./log";
import { async_with, await_ } from "./protocols";
import { Queue } from "./queues";
import * as timeouts from "./timeouts";
import { internal, TASK_STEP, traceHook } from "./trace";

let taskNameCounter = 0;

/** The process-wide counter behind `Task-N` names. */
export function _task_name_counter(): number {
  return ++taskNameCounter;
}

/**
 * Tasks that are not done yet (CPython keeps a weak set; done tasks leave it here), in the order
 * they were registered: `asyncio.run` cancels the leftover tasks in this order, where CPython's
 * set of them follows their addresses (docs/DIFFERENCES.md). An array whose removed slots are holes
 * (each task knows its slot), compacted when half of it is holes, rather than a Set:
 * registering and unregistering 100,000 short tasks through a Set spends its time rehashing
 * tombstones.
 */
const scheduledTasks: (Task<unknown> | null)[] = [];
/** How many slots of scheduledTasks are holes. */
let registryHoles = 0;
/**
 * The task each loop is running lives in the loop's own `_current_task` field (AbstractEventLoop
 * declares it): entering and leaving a task is a field write, with no map lookup.
 */
type CurrentTaskLoop = AbstractEventLoop & { _current_task?: Task<unknown> | null };

function registryAdd(task: Task<unknown>): void {
  if (task._registry_index >= 0) return;
  task._registry_index = scheduledTasks.length;
  scheduledTasks.push(task);
}

function registryRemove(task: Task<unknown>): void {
  const i = task._registry_index;
  if (i < 0) return;
  task._registry_index = -1;
  if (i === scheduledTasks.length - 1) {
    scheduledTasks.pop();
    return;
  }
  scheduledTasks[i] = null;
  registryHoles += 1;
  if (registryHoles >= 32 && registryHoles * 2 >= scheduledTasks.length) compactRegistry();
}

/** Close the holes of scheduledTasks, keeping the order of the tasks. */
function compactRegistry(): void {
  let j = 0;
  for (let i = 0; i < scheduledTasks.length; i++) {
    const t = scheduledTasks[i]!;
    if (t === null) continue;
    if (j !== i) {
      scheduledTasks[j] = t;
      t._registry_index = j;
    }
    j += 1;
  }
  scheduledTasks.length = j;
  registryHoles = 0;
}

export function _register_task(task: Task<unknown>): void {
  registryAdd(task);
}
export function _unregister_task(task: Task<unknown>): void {
  registryRemove(task);
}
export function _register_eager_task(task: Task<unknown>): void {
  registryAdd(task);
}
export function _unregister_eager_task(task: Task<unknown>): void {
  registryRemove(task);
}

export function _enter_task(loop: AbstractEventLoop, task: Task<unknown>): void {
  const current = (loop as CurrentTaskLoop)._current_task;
  if (current !== undefined && current !== null) {
    throw new RuntimeError(
      `Cannot enter into task ${task.__repr__()} while another task ${current.__repr__()} is being executed.`,
    );
  }
  (loop as CurrentTaskLoop)._current_task = task;
}

export function _leave_task(loop: AbstractEventLoop, task: Task<unknown>): void {
  const current = (loop as CurrentTaskLoop)._current_task;
  if (current !== task) {
    throw new RuntimeError(
      `Leaving task ${task.__repr__()} does not match the current task ${current ? current.__repr__() : "None"}.`,
    );
  }
  (loop as CurrentTaskLoop)._current_task = null;
}

export function _swap_current_task(
  loop: AbstractEventLoop,
  task: Task<unknown> | null,
): Task<unknown> | null {
  const prev = (loop as CurrentTaskLoop)._current_task ?? null;
  (loop as CurrentTaskLoop)._current_task = task;
  return prev;
}

/** Return the currently running task in the given (default: running) loop, or None. */
export function current_task(loop: AbstractEventLoop | null = null): Task<unknown> | null {
  return ((loop ?? get_running_loop()) as CurrentTaskLoop)._current_task ?? null;
}

/** Return the set of not-yet-finished tasks of the given (default: running) loop. */
export function all_tasks(loop: AbstractEventLoop | null = null): PySet {
  return new PySet(_pending_tasks(loop ?? get_running_loop()));
}

/** The loop's pending tasks in the order they were registered (asyncio.run cancels in it). */
export function _pending_tasks(loop: AbstractEventLoop): Task<unknown>[] {
  const result: Task<unknown>[] = [];
  for (const t of scheduledTasks) {
    if (t !== null && t._loop === loop && !t.done()) result.push(t);
  }
  return result;
}

interface TaskKwargs {
  loop?: AbstractEventLoop | null;
  name?: unknown;
  context?: Context | null;
  eager_start?: boolean;
}

/** The constructor argument of Task._create: construct without running `__init__`. */
const NO_INIT = Symbol("Task._create");

/** One step of a task, scheduled with call_soon (the loop calls it as `__step(task, exc)`). */
function __step(task: Task<unknown>, exc: BaseException | null = null): void {
  task._step(exc);
}
Object.assign(__step, { __qualname__: "Task.__step", [TASK_STEP]: true });

/**
 * `task_wakeup(future)` as a ready task runs it (see Future.TaskWaiter): the future the task waits
 * on is its `_fut_waiter`, which only the step clears.
 */
function __wakeup(task: Task<unknown>): void {
  task._wakeup(task._fut_waiter!);
}
Object.assign(__wakeup, { __qualname__: "Task.task_wakeup", [TASK_STEP]: true });

/** Each task's `task_wakeup` function, made when something asks for it (see _wakeupCallback). */
const wakeupFns = new WeakMap<Task<unknown>, (fut: Future<unknown>) => void>();

/** The loop's view of a Task: it schedules steps through its internal call_soon forms if it has them. */
interface TaskLoop extends AbstractEventLoop {
  _call_soon_ctx?(
    callback: (...args: any[]) => unknown,
    args: unknown[],
    context: Context | null,
  ): unknown;
  _call_soon_step?(entry: ReadyEntry): void;
}

/** `call_soon(__step, task[, exc], context=task._context)`, as the C Task schedules its steps. */
function scheduleStep(task: Task<unknown>, exc: BaseException | null): void {
  const loop = task._loop as TaskLoop;
  if (exc === null) {
    // The common case: the task itself is the ready-queue entry (no Handle, no argument list).
    if (loop._call_soon_step !== undefined) loop._call_soon_step(task);
    else loop.call_soon(__step, task, new Kw({ context: task._context }));
  } else if (loop._call_soon_ctx !== undefined) {
    loop._call_soon_ctx(__step, [task, exc], task._context);
  } else {
    loop.call_soon(__step, task, exc, new Kw({ context: task._context }));
  }
}

/**
 * The argument list of the `__step(task)` a ready task runs (Task._tsRunReady): one shared array,
 * filled just before the call and cleared after, instead of one array per task.
 */
const stepArgs: [Task<unknown> | null] = [null];

/** The runtime's stack of exceptions being handled (`sys.exception()`), see Task._excSaved. */
const HANDLED = handledStack;

/** Put back the handled exceptions a task's coroutine had when it suspended. */
function resumeHandled(task: Task<unknown>): void {
  for (const e of task._excSaved!) HANDLED.push(e);
  task._excSaved = null;
}

/** A coroutine wrapped in a Future. */
export class Task<T = unknown> extends Future<T> implements TaskWaiter {
  static override readonly __module__: string = "_asyncio";
  static {
    Object.defineProperty(Task, "__tp_name__", { value: "_asyncio.Task" });
  }
  /** The name, or the number N while it is the default `Task-N` (formatted on first use). */
  _name: string | number = 0;
  /** Prototype defaults (0, false) until a cancel request sets them: a task stays smaller. */
  declare _num_cancels_requested: number;
  declare _must_cancel: boolean;
  /** The handled exceptions (`sys.exception()`) of a coroutine suspended in `except` blocks. */
  declare _excSaved: BaseException[] | null;
  _fut_waiter: Future<unknown> | null = null;
  _coro!: Coro<T> | null;
  /**
   * The task's context, or only its mapping while nothing has asked for the Context object: a
   * task that never calls `ContextVar.set` and is never asked for `get_context()` runs each step
   * in a Context made for the step, and does not keep one alive between steps (see _tsRunReady).
   * `_context` gives the object, made once and kept from then on.
   */
  _ctx!: Context | VarMap;
  /** Prototype default true; set false on the few tasks that must not log it. */
  declare _log_destroy_pending: boolean;
  /** This task's slot in the registry of pending tasks, or -1 (see _register_task). */
  _registry_index = -1;

  /**
   * `Task(coro, *, loop=None, name=None, context=None, eager_start=False)`. Like Future's, the
   * constructor runs `__init__` unless the class being constructed overrides it (a transpiled
   * subclass calls `super().__init__(coro, loop=..., ...)` from its own `__init__`).
   */
  constructor(coro: Coro<T>, kwargs?: Kw<TaskKwargs>) {
    super();
    if (kwargs === (NO_INIT as unknown)) return;
    if (new.target.prototype.__init__ === Task.prototype.__init__) this.__init__(coro, kwargs);
  }

  /**
   * `Task(coro, loop=loop, name=name, context=context)` for the loop's own create_task: the same
   * initialisation without a Kw object to make and parse per task.
   */
  static _create<T>(
    coro: Coro<T>,
    loop: AbstractEventLoop,
    name: unknown,
    context: Context | null,
  ): Task<T> {
    const task = new Task<T>(coro, NO_INIT as unknown as Kw<TaskKwargs>);
    task._tsTaskInit(coro, loop, name, context, false);
    return task;
  }

  /** `Task.__init__(self, coro, *, loop=None, name=None, context=None, eager_start=False)`. */
  override __init__(coro: Coro<T>, kwargs?: Kw<TaskKwargs>): null {
    const kw_ = kwargs?.kwargs ?? {};
    this._tsTaskInit(coro, kw_.loop ?? null, kw_.name, kw_.context ?? null, kw_.eager_start);
    return null;
  }

  _tsTaskInit(
    coro: Coro<T>,
    loop: AbstractEventLoop | null,
    name: unknown,
    context: Context | null,
    eager_start: unknown,
  ): void {
    super.__init__(loop);
    if (!iscoroutine(coro)) {
      this._log_destroy_pending = false;
      throw new TypeError(`a coroutine was expected, got ${repr(coro)}`);
    }
    if (name === null || name === undefined) this._name = _task_name_counter();
    else this._name = str(name);
    this._coro = coro;
    _coro_task_started(coro, this);
    this._ctx = context ?? _current_data();
    // CPython 3.13.0's C Task asks its `loop` argument, not the task's loop, whether it is running.
    if (eager_start && loop === null) {
      throw new AttributeError("'NoneType' object has no attribute 'is_running'");
    }
    if (eager_start && this._loop.is_running()) {
      this._eager_start();
    } else {
      scheduleStep(this as Task<unknown>, null);
      _register_task(this as Task<unknown>);
    }
  }

  override __repr__(): string {
    return `<${this.constructor.name} ${_task_repr_info(this as Task<unknown>).join(" ")}>`;
  }

  get_coro(): Coro<T> | null {
    return this._coro;
  }

  /** The task's Context object (made now if the task held only its mapping: see `_ctx`). */
  get _context(): Context {
    return _pinned_context(this);
  }

  get_context(): Context {
    return this._context;
  }

  get_name(): string {
    const name = this._name;
    if (typeof name === "string") return name;
    const formatted = `Task-${name}`;
    this._name = formatted;
    return formatted;
  }

  set_name(value: unknown): null {
    this._name = str(value);
    return null;
  }

  override set_result(_result: T): never {
    throw new RuntimeError("Task does not support set_result operation");
  }

  override set_exception(_exception: unknown): never {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  /** Frames of the coroutine: always empty for a suspended task (a generator has no frame). */
  get_stack(_kwargs?: Kw<{ limit?: number | null }>): unknown[] {
    return [];
  }

  /**
   * Print the stack (CPython's format; with no frames, "No stack for <task>"). With no `file` it
   * prints to stdout, as `print(..., file=None)` in base_tasks does.
   */
  print_stack(kwargs?: Kw<{ limit?: number | null; file?: { write(s: string): unknown } }>): null {
    const file = kwargs?.kwargs.file;
    const write = (s: string) => {
      if (file) file.write(s);
      else writeStdout(s);
    };
    write(`No stack for ${this.__repr__()}\n`);
    const exc = this._exception as BaseException | null;
    if (exc !== null && this._state === _FINISHED) {
      const name = exc.constructor.name;
      // `str(exc)` (not JS's `message`: a program's exception may set its own).
      let msg: string;
      try {
        msg = str(exc);
      } catch {
        msg = "<exception str() failed>";
      }
      write(msg ? `${name}: ${msg}\n` : `${name}\n`);
    }
    return null;
  }

  /** Request that the task cancel itself; False if it is already done. */
  override cancel(msg: unknown = null): boolean {
    if (msg instanceof Kw) msg = (msg.kwargs as { msg?: unknown }).msg ?? null;
    this._log_traceback = false;
    if (this.done()) return false;
    this._num_cancels_requested += 1;
    if (this._fut_waiter !== null) {
      if (this._fut_waiter.cancel(msg)) return true;
    }
    this._must_cancel = true;
    this._cancel_message = msg;
    return true;
  }

  /** The count of cancellation requests (a Python int: bigint). */
  cancelling(): bigint {
    return BigInt(this._num_cancels_requested);
  }

  /** Decrement the count of cancellation requests; return what remains (bigint). */
  uncancel(): bigint {
    if (this._num_cancels_requested > 0) {
      this._num_cancels_requested -= 1;
      if (this._num_cancels_requested === 0) this._must_cancel = false;
    }
    return BigInt(this._num_cancels_requested);
  }

  _eager_start(): void {
    const loop = this._loop;
    const prevTask = _swap_current_task(loop, this as Task<unknown>);
    try {
      _register_eager_task(this as Task<unknown>);
      try {
        if (traceHook !== null) this._traceStep();
        this._context.run(() => this._step_run_and_handle_result(null));
      } finally {
        _unregister_eager_task(this as Task<unknown>);
      }
    } finally {
      _swap_current_task(loop, prevTask);
      if (this.done()) this._coro = null;
      else _register_task(this as Task<unknown>);
    }
  }

  _traceStep(): void {
    traceHook!({ ev: "step", task: this.get_name(), coro: coroQualname(this._coro) });
  }

  _step(exc: BaseException | null = null): void {
    if (this.done()) {
      throw new InvalidStateError(`_step(): already done: ${this.__repr__()}, ${repr(exc)}`);
    }
    if (traceHook !== null) this._traceStep();
    if (this._must_cancel) {
      if (!(exc instanceof CancelledError)) exc = this._make_cancelled_error();
      this._must_cancel = false;
    }
    this._fut_waiter = null;
    const loop = this._loop as CurrentTaskLoop;
    const current = loop._current_task;
    if (current !== undefined && current !== null) _enter_task(loop, this as Task<unknown>);
    loop._current_task = this as Task<unknown>;
    try {
      this._step_run_and_handle_result(exc);
    } finally {
      if (loop._current_task !== this) _leave_task(loop, this as Task<unknown>);
      loop._current_task = null;
    }
  }

  /**
   * Run as the loop's ready-queue entry (see scheduleStep): exactly what the Handle of
   * `call_soon(__step, task, context=task._context)` does when it runs.
   */
  _tsRunReady(): void {
    // Woken by the future it waits on (`task_wakeup(fut)`), or stepped (`__step()`).
    const waiter = this._fut_waiter;
    const run = waiter !== null ? __wakeup : __step;
    stepArgs[0] = this as Task<unknown>;
    // A task holding only its mapping steps in a lent Context (see `_enter_lazy`).
    const held = this._ctx;
    const ctx = _enter_lazy(this);
    try {
      ctx._run_args(run, stepArgs);
    } catch (exc) {
      const handle = this._tsHandleOf(waiter);
      handle._run_failed(handle._callback!, exc);
    } finally {
      stepArgs[0] = null;
      _leave_lazy(this, ctx, held);
    }
  }

  /** The Handle this ready task stands for (made for error reports and debug mode). */
  _tsAsHandle(): Handle {
    return this._tsHandleOf(this._fut_waiter);
  }

  /** `Handle(task_wakeup, [waiter])` if woken by the future `waiter`, else `Handle(__step, [task])`. */
  private _tsHandleOf(waiter: Future<unknown> | null): Handle {
    const loop = this._loop as unknown as HandleOwner;
    if (waiter !== null) return new Handle(this._wakeupCallback(), [waiter], loop, this._context);
    return new Handle(__step, [this], loop, this._context);
  }

  /** The wakeup's call_soon when the future this task waits on is done (Future.TaskWaiter). */
  _tsWakeupSoon(): void {
    const loop = this._loop as TaskLoop;
    if (loop._call_soon_step !== undefined) loop._call_soon_step(this as Task<unknown>);
    else
      loop.call_soon(this._wakeupCallback(), this._fut_waiter, new Kw({ context: this._context }));
  }

  _wakeup(future: Future<unknown>): void {
    try {
      future.result();
    } catch (exc) {
      this._step(exc as BaseException);
      return;
    }
    this._step(null);
  }

  /** This task's `task_wakeup` callback as a function: one per task, made on first request. */
  _wakeupCallback(): (fut: Future<unknown>) => void {
    let fn = wakeupFns.get(this as Task<unknown>);
    if (fn === undefined) {
      const wakeup = (fut: Future<unknown>) => this._wakeup(fut);
      const w = wakeup as unknown as Record<string | symbol, unknown>;
      w.__qualname__ = "Task.task_wakeup";
      w.__self__ = this;
      w[TASK_STEP] = true;
      fn = wakeup;
      wakeupFns.set(this as Task<unknown>, fn);
    }
    return fn;
  }

  _isWakeupCallback(fn: unknown): boolean {
    return wakeupFns.get(this as Task<unknown>) === fn;
  }

  _step_run_and_handle_result(exc: BaseException | null): void {
    const coro = this._coro!;
    let result: unknown;
    // `sys.exception()` is per coroutine: what the coroutine pushed on the handled-exception
    // stack (python/exceptions.ts) is taken off when it suspends and put back when it resumes.
    const excBase = HANDLED.length;
    if (this._excSaved !== null) resumeHandled(this as Task<unknown>);
    try {
      // An exception thrown in is raised at the coroutine's `await`: it has a traceback.
      const r = exc === null ? coro.next(undefined) : coro.throw(markRaised(exc));
      if (HANDLED.length > excBase) this._excSaved = HANDLED.splice(excBase);
      if (r.done) {
        // Finished before this step (another driver's): CPython's RuntimeError.
        if (!_coro_task_returned(coro, this)) throw _coro_reuse_error();
        if (this._must_cancel) {
          this._must_cancel = false;
          super.cancel(this._cancel_message);
        } else {
          super.set_result(r.value);
        }
        _unregister_task(this as Task<unknown>);
        return;
      }
      result = r.value;
    } catch (err) {
      // (It raised: finished by this step.)
      _coro_task_returned(coro, this);
      if (HANDLED.length > excBase) HANDLED.length = excBase;
      // It was raised out of the coroutine: tracebacks print with their header. Awaiting the
      // task raises it again, which chains it to what is being handled there (CPython's
      // `Future.result()` raises it), so it is pending chaining again.
      markRaised(err);
      if (err instanceof BaseException) err._chainPending = true;
      if (err instanceof CancelledError) {
        this._cancelled_exc = err;
        super.cancel();
      } else if (err instanceof KeyboardInterrupt || err instanceof SystemExit) {
        super.set_exception(err);
        _unregister_task(this as Task<unknown>);
        throw err;
      } else {
        super.set_exception(err);
      }
      _unregister_task(this as Task<unknown>);
      return;
    }
    this._handle_yield(result);
  }

  private _handle_yield(result: unknown): void {
    if (result === undefined || result === null) {
      // A bare yield relinquishes control for one event loop iteration.
      scheduleStep(this as Task<unknown>, null);
      return;
    }
    const blocking = (result as { _asyncio_future_blocking?: unknown })._asyncio_future_blocking;
    if (blocking !== undefined && blocking !== null) {
      const fut = result as Future<unknown>;
      if (fut.get_loop() !== this._loop) {
        scheduleStep(
          this as Task<unknown>,
          new RuntimeError(
            `Task ${this.__repr__()} got Future ${fut.__repr__()} attached to a different loop`,
          ),
        );
      } else if (blocking) {
        if (fut === (this as unknown)) {
          scheduleStep(
            this as Task<unknown>,
            new RuntimeError(`Task cannot await on itself: ${this.__repr__()}`),
          );
        } else {
          fut._asyncio_future_blocking = false;
          if (fut instanceof Future) fut._add_task_waiter(this as Task<unknown>);
          else
            (fut as Future<unknown>).add_done_callback(
              this._wakeupCallback(),
              new Kw({ context: this._context }),
            );
          this._fut_waiter = fut;
          if (this._must_cancel) {
            if (fut.cancel(this._cancel_message)) this._must_cancel = false;
          }
        }
      } else {
        scheduleStep(
          this as Task<unknown>,
          new RuntimeError(
            `yield was used instead of yield from in task ${this.__repr__()} with ${fut.__repr__()}`,
          ),
        );
      }
    } else if (isGenerator(result)) {
      scheduleStep(
        this as Task<unknown>,
        new RuntimeError(
          `yield was used instead of yield from for generator in task ${this.__repr__()} with ${repr(result)}`,
        ),
      );
    } else {
      scheduleStep(this as Task<unknown>, new RuntimeError(`Task got bad yield: ${repr(result)}`));
    }
  }
}

// Task fields that most tasks never set live on the prototype (non-enumerable, writable: an
// assignment makes the task's own property), as Future's `_source_traceback` does.
for (const [key, value] of [
  ["_log_destroy_pending", true],
  ["_num_cancels_requested", 0],
  ["_must_cancel", false],
  ["_excSaved", null],
] as const) {
  Object.defineProperty(Task.prototype, key, { value, writable: true, configurable: true });
}

function isGenerator(obj: unknown): boolean {
  return (
    typeof obj === "object" &&
    obj !== null &&
    typeof (obj as Generator).next === "function" &&
    typeof (obj as Generator).throw === "function"
  );
}

/** The parts of a task's repr, as base_tasks._task_repr_info. */
export function _task_repr_info(task: Task<unknown>): string[] {
  const info = _future_repr_info(task);
  if (task.cancelling() && !task.done()) info[0] = "cancelling";
  info.splice(1, 0, `name=${repr(task.get_name())}`);
  if (task._fut_waiter !== null) info.splice(2, 0, `wait_for=${task._fut_waiter.__repr__()}`);
  if (task._coro !== null)
    info.splice(2, 0, `coro=<${_format_coroutine(task._coro, task.done())}>`);
  return info;
}

/**
 * `delay <= 0` as Python compares: a number directly, anything else through its `__le__`
 * (`sleep("x")` raises "'<=' not supported between instances of 'str' and 'int'").
 */
function nonPositive(delay: unknown): boolean {
  if (typeof delay === "number" || typeof delay === "bigint") return delay <= 0;
  return le(delay, 0n);
}

/** The coroutine function behind `sleep()` (its generators are `sleep` coroutines). */
const sleepCoro = markcoroutinefunction(function* sleep<R = null>(
  delay: number | bigint | boolean,
  result: R = null as R,
): Coro<R> {
  // A bool is an int (`sleep(True)` sleeps a second).
  if (typeof delay === "boolean") delay = delay ? 1n : 0n;
  if (nonPositive(delay)) {
    yield;
    return result;
  }
  if (Number.isNaN(Number(delay))) throw new ValueError("Invalid delay: NaN (not a number)");
  const loop = get_running_loop();
  const future = loop.create_future() as Future<R>;
  const h = loop.call_later(delay, _set_result_unless_cancelled, future, result);
  try {
    return yield* future;
  } finally {
    h.cancel();
  }
}, "sleep");

/**
 * The coroutine `sleep(0)` returns (and `sleep(d)` for any number `d <= 0`): what a `sleep`
 * generator object does on that path (yield once, then return `result`), as a two-field object.
 * It is a `sleep` coroutine like the others (its prototype is theirs: iscoroutine, the qualname,
 * `send`/`close` all see a generator); only next/throw/return are its own, with a generator's
 * exact results. `sleep(0)` is the most common await there is, and a generator object with its
 * register file costs several times as much memory while the task waits for its next step.
 */
class SleepZero<R> {
  /** 0: not started; 1: suspended at the yield; 2: finished. */
  _state = 0;
  _result: R;

  constructor(result: R) {
    this._result = result;
  }

  next(_value?: unknown): IteratorResult<undefined, R> {
    if (this._state === 0) {
      this._state = 1;
      return SLEEP_YIELDED;
    }
    if (this._state === 1) {
      this._state = 2;
      const result = this._result;
      if (result === null) return SLEEP_RETURNED_NONE as IteratorResult<undefined, R>;
      this._result = undefined as R;
      return { value: result, done: true };
    }
    return { value: undefined as R, done: true };
  }

  throw(exc: unknown): IteratorResult<undefined, R> {
    // No handler in the body: whatever is thrown in (suspended, not started or finished) escapes.
    this._state = 2;
    this._result = undefined as R;
    throw exc;
  }

  return(value?: R): IteratorResult<undefined, R> {
    this._state = 2;
    this._result = undefined as R;
    return { value: value as R, done: true };
  }
}
Object.setPrototypeOf(SleepZero.prototype, sleepCoro.prototype);
// Its `constructor` is a generator's too (inherited), so type(), repr() and str() see the same.
delete (SleepZero.prototype as { constructor?: unknown }).constructor;
// The two results nearly every SleepZero returns, shared (frozen: nobody can change them): the
// yield, and the return of the default result None. An iterator result is read and dropped by
// whoever drives the coroutine, so sharing it only saves allocating one per step.
const SLEEP_YIELDED: IteratorResult<undefined, never> = Object.freeze({
  value: undefined,
  done: false,
});
const SLEEP_RETURNED_NONE: IteratorResult<undefined, null> = Object.freeze({
  value: null,
  done: true,
});

/** `asyncio.sleep(delay, result=None)`: a coroutine that completes after `delay` seconds. */
export const sleep = markcoroutinefunction(function sleep<R = null>(
  delay: number | bigint | boolean,
  result: R = null as R,
): Coro<R> {
  if ((typeof delay === "number" && delay <= 0) || (typeof delay === "bigint" && delay <= 0n)) {
    return new SleepZero<R>(result) as unknown as Coro<R>;
  }
  return sleepCoro(delay, result);
}, "sleep");

const _wrap_awaitable = markcoroutinefunction(function* _wrap_awaitable(
  awaitable: unknown,
): Coro<unknown> {
  return yield* await_(awaitable);
}, "ensure_future.<locals>._wrap_awaitable");

/**
 * Give a callback made per call CPython's qualified name of its nested function
 * (`gather.<locals>._done_callback`): one property store (an `Object.assign` of a fresh literal
 * cost about twice as much on gather's path).
 */
function localQualname(fn: Function, qualname: string): void {
  (fn as unknown as { __qualname__: string }).__qualname__ = qualname;
}

/**
 * What the task functions accept as an awaitable: a coroutine, a future, a Promise (the JS
 * awaitable) or an object with `__await__` (a program's awaitable class).
 */
type AwaitableArg<T> = Coro<T> | Future<T> | PromiseLike<T> | { __await__(): unknown };

/**
 * Wrap a coroutine or an awaitable in a future. A Future is returned as is; a Promise (the JS
 * awaitable) is wrapped with `wrap_promise`.
 */
export function ensure_future<T>(
  coro_or_future: AwaitableArg<T>,
  kwargs?: Kw<{ loop?: AbstractEventLoop | null }>,
): Future<T> {
  return _ensure_future(coro_or_future, kwargs?.kwargs.loop ?? null);
}

/** ensure_future() with the loop argument as a value (null: none given). */
function _ensure_future<T>(
  coro_or_future: AwaitableArg<T>,
  loop: AbstractEventLoop | null,
): Future<T> {
  if (isfuture(coro_or_future)) {
    if (loop !== null && loop !== coro_or_future.get_loop()) {
      throw new ValueError(
        "The future belongs to a different loop than the one specified as the loop argument",
      );
    }
    return coro_or_future as Future<T>;
  }
  let coro: Coro<unknown>;
  let shouldClose = true;
  if (iscoroutine(coro_or_future)) {
    coro = coro_or_future;
  } else if (typeof (coro_or_future as { __await__?: unknown })?.__await__ === "function") {
    // Its `__await__()` is called when the wrapper first runs, as CPython's `await awaitable`.
    coro = _wrap_awaitable(coro_or_future);
    shouldClose = false;
  } else if (typeof (coro_or_future as PromiseLike<T>)?.then === "function") {
    return wrap_promise(coro_or_future as PromiseLike<T>, loop ?? get_event_loop());
  } else {
    throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required");
  }
  const theLoop = loop ?? get_event_loop();
  try {
    return (theLoop as { create_task(c: Coro<unknown>): Future<T> }).create_task(coro);
  } catch (exc) {
    if (exc instanceof RuntimeError && shouldClose) coro.return(undefined as never);
    throw exc;
  }
}

export type TaskFactory = (
  loop: AbstractEventLoop,
  coro: Coro<unknown>,
  ...kwargs: unknown[]
) => Future<unknown>;

/**
 * Create a task factory whose tasks run their first step eagerly, inside `create_task`, when the
 * loop is running; a task that finishes there is never scheduled.
 */
export function create_eager_task_factory(
  custom_task_constructor: new (coro: Coro<any>, kwargs?: Kw<TaskKwargs>) => Future<unknown>,
): TaskFactory {
  return function factory(loop: AbstractEventLoop, coro: Coro<unknown>, ...rest: unknown[]) {
    const [, kwargs] = splitKw<{ name?: unknown; context?: Context | null }>(rest);
    return new custom_task_constructor(
      coro,
      new Kw({
        loop,
        name: kwargs.name ?? null,
        context: kwargs.context ?? null,
        eager_start: true,
      }),
    );
  };
}

/** The eager task factory built on Task. */
export const eager_task_factory: TaskFactory = create_eager_task_factory(Task);

/** `asyncio.create_task(coro, *, name=None, context=None)` on the running loop. */
export function create_task<T>(
  coro: Coro<T>,
  kwargs?: Kw<{ name?: unknown; context?: Context | null }>,
): Task<T> {
  const loop = get_running_loop() as unknown as {
    create_task<U>(c: Coro<U>, k?: Kw<{ name?: unknown; context?: Context | null }>): Task<U>;
  };
  return loop.create_task(coro, kwargs);
}

/** gather()'s outer future: cancel() cancels the children and acts like Task.cancel(). */
export class _GatheringFuture<T = unknown[]> extends Future<T> {
  static override readonly __module__: string = "asyncio.tasks";
  _children: Future<unknown>[];
  _cancel_requested = false;

  constructor(children: Future<unknown>[], loop: AbstractEventLoop) {
    super(loop);
    this._children = children;
  }

  override cancel(msg: unknown = null): boolean {
    if (msg instanceof Kw) msg = (msg.kwargs as { msg?: unknown }).msg ?? null;
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) {
      if (child.cancel(msg)) ret = true;
    }
    if (ret) this._cancel_requested = true;
    return ret;
  }
}

/**
 * `gather(*coros_or_futures, return_exceptions=False)`: a future aggregating the results, in
 * argument order; a repeated argument is awaited once. Pass `kw({ return_exceptions: true })` last.
 */
export function gather(...args: unknown[]): _GatheringFuture<unknown[]> {
  const [coros_or_futures, kwargs] = splitKw<{ return_exceptions: boolean }>(args);
  for (const key of Object.keys(kwargs)) {
    if (key !== "return_exceptions") {
      throw new TypeError(`gather() got an unexpected keyword argument '${key}'`);
    }
  }
  const returnExceptions = !!kwargs.return_exceptions;
  if (coros_or_futures.length === 0) {
    const loop = get_event_loop();
    const outer = loop.create_future() as _GatheringFuture<unknown[]>;
    outer.set_result([]);
    return outer;
  }

  let nfuts = 0;
  let nfinished = 0;
  let outer: _GatheringFuture<unknown[]> | null = null;
  const children: Future<unknown>[] = [];

  const _done_callback = internal(function _done_callback(fut: Future<unknown>): void {
    nfinished += 1;
    if (outer === null || outer.done()) {
      if (!fut.cancelled()) fut.exception();
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.set_exception(fut._make_cancelled_error());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        outer.set_exception(exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results: unknown[] = [];
      for (const child of children) {
        let res: unknown;
        if (child.cancelled()) {
          const m = child._cancel_message;
          res = _cancelled_error(m === null || m === undefined ? "" : m);
        } else {
          res = child.exception();
          if (res === null) res = child.result();
        }
        results.push(res);
      }
      if (outer._cancel_requested) outer.set_exception(fut._make_cancelled_error());
      else outer.set_result(results);
    }
  });
  // Named as CPython's nested function, for the reprs of the futures it waits on.
  localQualname(_done_callback, "gather.<locals>._done_callback");

  // CPython's arg_to_fut dict, which awaits a repeated argument once. Building a Set of the
  // arguments in one builtin call is cheaper than a lookup and an insertion per argument; the map
  // is needed only when some argument is repeated.
  const argToFut =
    new Set(coros_or_futures).size === coros_or_futures.length
      ? null
      : new Map<unknown, Future<unknown>>();
  const doneFuts: Future<unknown>[] = [];
  let loop: AbstractEventLoop | null = null;
  for (const arg of coros_or_futures) {
    let fut = argToFut === null ? undefined : argToFut.get(arg);
    if (fut === undefined) {
      fut = _ensure_future(arg as AwaitableArg<unknown>, loop);
      if (loop === null) loop = fut.get_loop();
      if (fut !== arg) (fut as Task<unknown>)._log_destroy_pending = false;
      nfuts += 1;
      if (argToFut !== null) argToFut.set(arg, fut);
      if (fut.done()) doneFuts.push(fut);
      else fut.add_done_callback(_done_callback);
    }
    children.push(fut);
  }
  outer = new _GatheringFuture<unknown[]>(children, loop!);
  for (const fut of doneFuts) _done_callback(fut);
  return outer;
}

// ---------------------------------------------------------------------------------------------
// The task API: wait, wait_for, as_completed, shield, run_coroutine_threadsafe.
//
// Differences from CPython:
// - `wait()` returns `[done, pending]` as two JS Sets (CPython: a tuple of two sets); their
//   iteration order is the order of the argument (CPython's sets iterate in hash order).
// - `as_completed()` starts its awaitables in argument order (CPython: in set order).
// - `run_coroutine_threadsafe()` returns a Promise (CPython: a concurrent.futures.Future); a Node
//   process has no other thread that could block on a concurrent future.
// ---------------------------------------------------------------------------------------------

/** `wait()`'s return_when: return when any future finishes or is cancelled. */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/** `wait()`'s return_when: return when any future finishes by raising an exception. */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/** `wait()`'s return_when: return when all futures finish or are cancelled. */
export const ALL_COMPLETED = "ALL_COMPLETED";

function toArray(fs: unknown, what: string): unknown[] {
  if (Array.isArray(fs)) return fs;
  if (fs !== null && typeof fs === "object" && Symbol.iterator in fs) {
    return [...(fs as Iterable<unknown>)];
  }
  throw new TypeError(`'${what}' object is not iterable`);
}

function pyTypeName(obj: unknown): string {
  if (obj === null || obj === undefined) return "NoneType";
  if (isfuture(obj)) return (obj as object).constructor.name;
  if (iscoroutine(obj)) return "coroutine";
  if (typeof obj === "number") return "float";
  if (typeof obj === "bigint") return "int";
  if (typeof obj === "string") return "str";
  if (typeof obj === "boolean") return "bool";
  return (obj as object).constructor?.name ?? "object";
}

/** A Python `set` of futures, as `wait()` returns them (a `PySet` typed by its elements). */
export type WaitSet<T> = PySet & Iterable<Future<T>>;

/** `wait()`'s result: a Python tuple `(done, pending)` of two Python sets. */
export type WaitResult<T> = Tuple<WaitSet<T>> & Iterable<WaitSet<T>>;

/**
 * `wait(fs, *, timeout=None, return_when=ALL_COMPLETED)`: wait for the Futures and Tasks in `fs`
 * and return the Python tuple `(done, pending)` of two Python sets (`PySet`, `Tuple`), as CPython
 * does; destructure it with `const [done, pending] = yield* wait(fs)`. Pass options as `kw({ timeout, return_when })`.
 * Coroutines are refused (wrap them in tasks).
 */
export const wait = markcoroutinefunction(function* wait<T>(
  fs: Iterable<Future<T>>,
  kwargs?: Kw<{ timeout?: number | bigint | null; return_when?: string }>,
): Coro<WaitResult<T>> {
  if (isfuture(fs) || iscoroutine(fs)) {
    throw new TypeError(`expect a list of futures, not ${pyTypeName(fs)}`);
  }
  const list = toArray(fs, pyTypeName(fs));
  if (list.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  const timeout = kwargs?.kwargs.timeout ?? null;
  const return_when = kwargs?.kwargs.return_when ?? ALL_COMPLETED;
  if (
    return_when !== FIRST_COMPLETED &&
    return_when !== FIRST_EXCEPTION &&
    return_when !== ALL_COMPLETED
  ) {
    throw new ValueError(`Invalid return_when value: ${str(return_when)}`);
  }
  const set = new PySet(list) as WaitSet<T>;
  for (const f of set) {
    if (iscoroutine(f))
      throw new TypeError("Passing coroutines is forbidden, use tasks explicitly.");
  }
  const loop = get_running_loop();
  return yield* _wait(set, timeout, return_when, loop);
}, "wait");

/** Set the waiter's result unless it is done (timer and done callbacks of wait/wait_for). */
export const _release_waiter = internal(function _release_waiter(
  waiter: Future<unknown>,
  ..._args: unknown[]
): void {
  if (!waiter.done()) waiter.set_result(null);
});

/** The body of wait(): `fs` is a non-empty set of futures. */
export const _wait = markcoroutinefunction(function* _wait<T>(
  fs: WaitSet<T>,
  timeout: number | bigint | null,
  return_when: string,
  loop: AbstractEventLoop,
): Coro<WaitResult<T>> {
  const waiter = loop.create_future() as Future<unknown>;
  let timeout_handle: { cancel(): void } | null = null;
  if (timeout !== null) timeout_handle = loop.call_later(timeout, _release_waiter, waiter);
  let counter = fs.size;

  const _on_completion = internal(function _on_completion(f: Future<T>): void {
    counter -= 1;
    if (
      counter <= 0 ||
      return_when === FIRST_COMPLETED ||
      (return_when === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      if (timeout_handle !== null) timeout_handle.cancel();
      if (!waiter.done()) waiter.set_result(null);
    }
  });
  // Named as CPython's nested function, for the reprs of the futures it waits on.
  localQualname(_on_completion, "_wait.<locals>._on_completion");

  for (const f of fs) f.add_done_callback(_on_completion);
  try {
    yield* waiter;
  } finally {
    if (timeout_handle !== null) timeout_handle.cancel();
    for (const f of fs) f.remove_done_callback(_on_completion);
  }
  const done = new PySet() as WaitSet<T>;
  const pending = new PySet() as WaitSet<T>;
  for (const f of fs) {
    if (f.done()) done.add(f);
    else pending.add(f);
  }
  return new Tuple([done, pending]) as WaitResult<T>;
}, "_wait");

/** Cancel `fut` and wait until it is done (cancelled or not). */
export const _cancel_and_wait = markcoroutinefunction(function* _cancel_and_wait(
  fut: Future<unknown>,
): Coro<void> {
  const loop = get_running_loop();
  const waiter = loop.create_future() as Future<unknown>;
  const cb = internal((_f: Future<unknown>) => _release_waiter(waiter));
  Object.assign(cb, { __qualname__: "_release_waiter" });
  fut.add_done_callback(cb);
  try {
    fut.cancel();
    yield* waiter;
  } finally {
    fut.remove_done_callback(cb);
  }
}, "_cancel_and_wait");

/**
 * `wait_for(aw, timeout)`: await `aw` (a coroutine is awaited in the current task, not wrapped) with
 * a timeout; on timeout it is cancelled and TimeoutError is raised. `timeout` may be given as
 * `kw({ timeout })`.
 */
export const wait_for = markcoroutinefunction(function* wait_for<T>(
  fut: AwaitableArg<T>,
  timeout: number | bigint | null | Kw<{ timeout?: number | bigint | null }>,
): Coro<T> {
  if (timeout instanceof Kw) timeout = timeout.kwargs.timeout ?? null;
  if (timeout !== null && timeout !== undefined && nonPositive(timeout)) {
    const f = ensure_future(fut);
    if (f.done()) return f.result();
    yield* _cancel_and_wait(f as Future<unknown>);
    try {
      return f.result();
    } catch (exc) {
      if (exc instanceof CancelledError) {
        const te = new TimeoutError();
        te.__cause__ = exc;
        te.__context__ = exc;
        te.__suppress_context__ = true;
        throw te;
      }
      throw exc;
    }
  }
  return (yield* async_with(timeouts.timeout(timeout ?? null), function* () {
    // A coroutine is awaited as `await fut` in CPython's wait_for: checked not to be reused.
    return yield* iscoroutine(fut) ? awaitTracked(fut) : await_<T>(fut);
  })) as T;
}, "wait_for");

/** The iterator `as_completed()` returns: plain iteration gives awaitables, async iteration tasks. */
export class _AsCompletedIterator<T = unknown> {
  static readonly __module__ = "asyncio.tasks";
  _done: Queue<Future<T> | null>;
  _timeout_handle: { cancel(): void } | null = null;
  _todo: Set<Future<T>>;
  _todo_left: number;
  private readonly _completionCb: (f: Future<T>) => void;
  private readonly _timeoutCb: () => void;

  constructor(aws: Iterable<unknown>, timeout: number | bigint | null) {
    this._done = new Queue<Future<T> | null>();
    this._completionCb = internal((f: Future<T>) => this._handle_completion(f));
    Object.assign(this._completionCb, {
      __qualname__: "_AsCompletedIterator._handle_completion",
      __self__: this,
    });
    this._timeoutCb = internal(() => this._handle_timeout());
    Object.assign(this._timeoutCb, {
      __qualname__: "_AsCompletedIterator._handle_timeout",
      __self__: this,
    });
    const loop = get_event_loop();
    const todo = new Set<Future<T>>();
    for (const aw of new Set(aws)) {
      todo.add(ensure_future(aw as AwaitableArg<T>, new Kw({ loop })));
    }
    for (const f of todo) f.add_done_callback(this._completionCb);
    if (todo.size > 0 && timeout !== null) {
      this._timeout_handle = loop.call_later(timeout, this._timeoutCb);
    }
    this._todo = todo;
    this._todo_left = todo.size;
  }

  __aiter__(): this {
    return this;
  }

  __iter__(): this {
    return this;
  }

  /** Async iteration: the next task or future to finish (the original objects, not results). */
  __anext__(): Coro<Future<T>> {
    if (!this._todo_left) return raiseStopAsyncIteration();
    this._todo_left -= 1;
    return this._wait_for_one(false) as Coro<Future<T>>;
  }

  /** Plain iteration: an awaitable for the next result (raises StopIteration at the end). */
  __next__(): Coro<T> {
    if (!this._todo_left) throw new StopIteration();
    this._todo_left -= 1;
    return this._wait_for_one(true) as Coro<T>;
  }

  /**
   * JS iteration gives the same awaitables: `for (const aw of as_completed(fs)) yield* aw`. The
   * iterator is the object itself, as in CPython (`iter(it) is it`).
   */
  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Coro<T>, undefined> {
    if (!this._todo_left) return { done: true, value: undefined };
    this._todo_left -= 1;
    return { done: false, value: this._wait_for_one(true) as Coro<T> };
  }

  _handle_timeout(): void {
    for (const f of this._todo) {
      f.remove_done_callback(this._completionCb);
      this._done.put_nowait(null); // Sentinel for _wait_for_one().
    }
    this._todo.clear();
  }

  _handle_completion(f: Future<T>): void {
    if (this._todo.size === 0) return; // _handle_timeout() was here first.
    this._todo.delete(f);
    this._done.put_nowait(f);
    if (this._todo.size === 0 && this._timeout_handle !== null) this._timeout_handle.cancel();
  }

  *_wait_for_one(resolve = false): Coro<T | Future<T>> {
    const f = yield* this._done.get();
    if (f === null) throw new TimeoutError();
    return resolve ? f.result() : f;
  }
}
markcoroutinefunction(
  _AsCompletedIterator.prototype._wait_for_one,
  "_AsCompletedIterator._wait_for_one",
);

const raiseStopAsyncIteration = markcoroutinefunction(function* __anext__(): Coro<never> {
  throw new StopAsyncIteration();
}, "_AsCompletedIterator.__anext__");

/**
 * `as_completed(aws, *, timeout=None)`: iterate over awaitables in completion order. Plain
 * iteration yields awaitables giving the next result (`for (const aw of as_completed(fs)) { const
 * r = yield* aw; }`); async iteration (`async_for`) yields the original tasks and futures (3.13).
 * Raises TimeoutError if the timeout passes first.
 */
export function as_completed<T = unknown>(
  fs: Iterable<unknown>,
  kwargs?: Kw<{ timeout?: number | bigint | null }>,
): _AsCompletedIterator<T> {
  if (
    isfuture(fs) ||
    iscoroutine(fs) ||
    typeof (fs as { __await__?: unknown })?.__await__ === "function"
  ) {
    throw new TypeError(`expects an iterable of awaitables, not ${pyTypeName(fs)}`);
  }
  return new _AsCompletedIterator<T>(fs, kwargs?.kwargs.timeout ?? null);
}

/**
 * `shield(aw)`: protect an awaitable from being cancelled. Cancelling the returned future does not
 * cancel the inner task; if the inner task is cancelled, so is the outer future.
 */
export function shield<T>(arg: AwaitableArg<T>): Future<T> {
  const inner = ensure_future(arg);
  if (inner.done()) return inner;
  const loop = inner.get_loop();
  const outer = loop.create_future() as Future<T>;

  const _inner_done_callback = internal(function _inner_done_callback(inner: Future<T>): void {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception(); // Mark inner's result as retrieved.
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
    } else {
      const exc = inner.exception();
      if (exc !== null) outer.set_exception(exc);
      else outer.set_result(inner.result());
    }
  });
  // Named as CPython's nested function, for the reprs of the futures it waits on.
  localQualname(_inner_done_callback, "shield.<locals>._inner_done_callback");

  const _outer_done_callback = internal(function _outer_done_callback(_outer: Future<T>): void {
    if (!inner.done()) inner.remove_done_callback(_inner_done_callback);
  });
  // Named as CPython's nested function, for the reprs of the futures it waits on.
  localQualname(_outer_done_callback, "shield.<locals>._outer_done_callback");

  inner.add_done_callback(_inner_done_callback);
  outer.add_done_callback(_outer_done_callback);
  return outer;
}

/**
 * `run_coroutine_threadsafe(coro, loop)`: submit a coroutine to a loop from outside it (a JS
 * callback, another part of the program). Returns a Promise of its result (see the differences
 * above).
 */
export function run_coroutine_threadsafe<T>(coro: Coro<T>, loop: AbstractEventLoop): Promise<T> {
  if (!iscoroutine(coro)) throw new TypeError("A coroutine object is required");
  return new Promise<T>((resolve, reject) => {
    const callback = internal(function callback(): void {
      try {
        const task = ensure_future(coro, new Kw({ loop }));
        task.add_done_callback(
          internal((t: Future<T>) => {
            try {
              resolve(t.result());
            } catch (exc) {
              reject(exc);
            }
          }),
        );
      } catch (exc) {
        if (!(exc instanceof KeyboardInterrupt || exc instanceof SystemExit)) reject(exc);
        throw exc;
      }
    });
    loop.call_soon_threadsafe(callback);
  });
}
