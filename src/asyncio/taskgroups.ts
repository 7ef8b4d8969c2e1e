/**
 * asyncio.taskgroups: TaskGroup, structured concurrency for tasks.
 *
 * ```ts
 * yield* async_with(new asyncio.TaskGroup(), function* (tg) {
 *   tg.create_task(worker(1));
 *   tg.create_task(worker(2));
 * });
 * // both tasks are done here
 * ```
 *
 * The logic is CPython 3.13's: the first child that fails (other than by cancellation) cancels
 * every other child and, once, the parent task (`_parent_cancel_requested`); `__aexit__` waits for
 * all children, undoes its own cancellation of the parent with `uncancel()`, and raises
 * `BaseExceptionGroup('unhandled errors in a TaskGroup', errors)`. SystemExit and KeyboardInterrupt
 * are re-raised as they are.
 *
 * Differences from CPython: CPython keeps the children in a set, so `_abort()` cancels them in hash
 * (address) order; here they are cancelled in creation order.
 */

import type { Context } from "../contextvars";
import {
  type BaseException,
  BaseExceptionGroup,
  KeyboardInterrupt,
  RuntimeError,
  rethrow,
  SystemExit,
} from "../python/exceptions";
import { Kw } from "../python/kw";
import { noteReraise } from "../python/traceback";
import { type Coro, markcoroutinefunction } from "./coroutines";
import { type AbstractEventLoop, get_running_loop } from "./events";
import { CancelledError } from "./exceptions";
import type { Future } from "./futures";
import { current_task, type Task } from "./tasks";
import { internal } from "./trace";

interface TaskLoop extends AbstractEventLoop {
  create_task<T>(coro: Coro<T>, kwargs?: Kw<{ name?: unknown; context?: Context | null }>): Task<T>;
  create_future<T = unknown>(): Future<T>;
}

/** Asynchronous context manager for managing groups of tasks. */
export class TaskGroup {
  static readonly __module__ = "asyncio.taskgroups";
  _entered = false;
  _exiting = false;
  _aborting = false;
  _loop: TaskLoop | null = null;
  _parent_task: Task<unknown> | null = null;
  _parent_cancel_requested = false;
  _tasks = new Set<Task<unknown>>();
  _errors: unknown[] | null = [];
  _base_error: unknown = null;
  _on_completed_fut: Future<unknown> | null = null;
  private readonly _onTaskDoneCb: (task: Task<unknown>) => void;

  constructor() {
    this._onTaskDoneCb = internal((task: Task<unknown>) => this._on_task_done(task));
    Object.assign(this._onTaskDoneCb, { __qualname__: "TaskGroup._on_task_done", __self__: this });
  }

  __repr__(): string {
    const info = [""];
    if (this._tasks.size) info.push(`tasks=${this._tasks.size}`);
    if (this._errors?.length) info.push(`errors=${this._errors.length}`);
    if (this._aborting) info.push("cancelling");
    else if (this._entered) info.push("entered");
    return `<TaskGroup${info.join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  *__aenter__(): Coro<this> {
    if (this._entered) {
      throw new RuntimeError(`TaskGroup ${this.__repr__()} has already been entered`);
    }
    if (this._loop === null) this._loop = get_running_loop() as TaskLoop;
    this._parent_task = current_task(this._loop);
    if (this._parent_task === null) {
      throw new RuntimeError(`TaskGroup ${this.__repr__()} cannot determine the parent task`);
    }
    this._entered = true;
    return this;
  }

  *__aexit__(et: unknown, exc: unknown, _tb: unknown): Coro<null> {
    this._exiting = true;
    if (
      exc !== null &&
      exc !== undefined &&
      this._is_base_error(exc) &&
      this._base_error === null
    ) {
      this._base_error = exc;
    }
    const hasExc = et !== null && et !== undefined;
    const excIsCancel = hasExc && exc instanceof CancelledError;
    let propagate_cancellation_error: unknown = excIsCancel ? exc : null;

    if (hasExc && !this._aborting) {
      // Our parent task is being cancelled, or the body raised: cancel the children.
      this._abort();
    }

    // Wait for the children; a cancellation of the parent meanwhile aborts them (once).
    while (this._tasks.size > 0) {
      if (this._on_completed_fut === null) this._on_completed_fut = this._loop!.create_future();
      try {
        yield* this._on_completed_fut;
      } catch (ex) {
        if (!(ex instanceof CancelledError)) throw ex;
        if (!this._aborting) {
          propagate_cancellation_error = ex;
          this._abort();
        }
      }
      this._on_completed_fut = null;
    }

    if (this._base_error !== null) {
      // `raise self._base_error`: the frame of the `async with` joins its traceback, which goes
      // on past the `async with` (`rethrow`: not cut where the statement received it).
      noteReraise(this._base_error);
      throw rethrow(this._base_error as BaseException);
    }

    if (this._parent_cancel_requested) {
      // We cancelled the parent ourselves (a child failed): undo it, so the parent's own
      // cancellations are the only ones that count.
      if (this._parent_task!.uncancel() === 0n) propagate_cancellation_error = null;
    }

    if (propagate_cancellation_error !== null && !this._errors!.length) {
      throw propagate_cancellation_error;
    }

    if (hasExc && !excIsCancel) this._errors!.push(exc);

    if (this._errors!.length) {
      // If the parent is being cancelled from outside, keep that cancellation pending.
      if (Number(this._parent_task!.cancelling()) > 0) {
        this._parent_task!.uncancel();
        this._parent_task!.cancel();
      }
      const errors = this._errors!;
      this._errors = null;
      const me = new BaseExceptionGroup("unhandled errors in a TaskGroup", errors);
      me.__suppress_context__ = true;
      throw me;
    }
    return null;
  }

  /**
   * Create a new task in this group and return it, as `asyncio.create_task`:
   * `create_task(coro, kw({ name, context }))`.
   */
  create_task<T>(
    coro: Coro<T>,
    kwargs?: Kw<{ name?: unknown; context?: Context | null }>,
  ): Task<T> {
    if (!this._entered) {
      coro.return(undefined as T);
      throw new RuntimeError(`TaskGroup ${this.__repr__()} has not been entered`);
    }
    if (this._exiting && this._tasks.size === 0) {
      coro.return(undefined as T);
      throw new RuntimeError(`TaskGroup ${this.__repr__()} is finished`);
    }
    if (this._aborting) {
      coro.return(undefined as T);
      throw new RuntimeError(`TaskGroup ${this.__repr__()} is shutting down`);
    }
    const name = kwargs?.kwargs.name ?? null;
    const context = kwargs?.kwargs.context ?? null;
    const task =
      context === null
        ? this._loop!.create_task(coro, new Kw({ name }))
        : this._loop!.create_task(coro, new Kw({ name, context }));
    if (task.done()) {
      this._on_task_done(task as Task<unknown>);
    } else {
      this._tasks.add(task as Task<unknown>);
      task.add_done_callback(this._onTaskDoneCb as (t: Task<T>) => void);
    }
    return task;
  }

  _is_base_error(exc: unknown): boolean {
    return exc instanceof SystemExit || exc instanceof KeyboardInterrupt;
  }

  _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) {
      if (!t.done()) t.cancel();
    }
  }

  _on_task_done(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._on_completed_fut !== null && this._tasks.size === 0) {
      if (!this._on_completed_fut.done()) this._on_completed_fut.set_result(true);
    }
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === null) return;
    this._errors!.push(exc);
    if (this._is_base_error(exc) && this._base_error === null) this._base_error = exc;

    const parent = this._parent_task!;
    if (parent.done()) {
      // Not sure if this case is possible, but we want to handle it anyways.
      this._loop!.call_exception_handler({
        message: `Task ${task.__repr__()} has errored out but its parent task ${parent.__repr__()} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parent_cancel_requested) {
      // The first failed child: cancel the others and wake the parent so __aexit__ can raise.
      this._abort();
      this._parent_cancel_requested = true;
      parent.cancel();
    }
  }
}
markcoroutinefunction(TaskGroup.prototype.__aenter__, "TaskGroup.__aenter__");
markcoroutinefunction(TaskGroup.prototype.__aexit__, "TaskGroup.__aexit__");
