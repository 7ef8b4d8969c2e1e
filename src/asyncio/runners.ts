/**
 * asyncio.runners: run() and Runner.
 *
 * Shutdown follows CPython exactly: cancel the tasks still pending and gather them, report any that
 * failed other than by cancellation, shutdown_asyncgens(), shutdown_default_executor(),
 * set_event_loop(None), close(). The first SIGINT during `run()` cancels the main task (which then
 * surfaces as KeyboardInterrupt); a second one raises KeyboardInterrupt in the loop.
 *
 * Differences from CPython: `run()`, `Runner.run()` and `Runner.close()` return Promises (the loop
 * cannot block Node's main thread; see base_events.ts). Await them.
 */

import { type Context, copy_context } from "../contextvars";
import { BaseException, KeyboardInterrupt, RuntimeError, ValueError } from "../python/exceptions";
import { Kw } from "../python/kw";
import { call } from "../python/protocol";
import { repr } from "../python/repr";
import type { BaseEventLoop } from "./base_events";
import { type Coro, iscoroutine } from "./coroutines";
import {
  _get_running_loop,
  type AbstractEventLoop,
  new_event_loop,
  set_event_loop,
} from "./events";
import { CancelledError } from "./exceptions";
import { returnedAsIs } from "./futures";
import { _pending_tasks, gather, type Task } from "./tasks";

const CREATED = "created";
const INITIALIZED = "initialized";
const CLOSED = "closed";

/** What makes the Runner's loop: a function or a loop class. */
type LoopFactory = (() => AbstractEventLoop) | (new () => AbstractEventLoop);

interface RunnerKwargs {
  debug?: boolean | null;
  /** A function or a class (`loop_factory=asyncio.EventLoop`), called with no arguments. */
  loop_factory?: LoopFactory | null;
}

/** The loop as the runner drives it. */
type RunnerLoop = AbstractEventLoop & BaseEventLoop;

/** A context manager that controls the event loop's life cycle. */
export class Runner {
  static readonly __module__ = "asyncio.runners";
  _state: string = CREATED;
  _debug: boolean | null;
  _loop_factory: LoopFactory | null;
  _loop: RunnerLoop | null = null;
  _context: Context | null = null;
  _interrupt_count = 0;
  _set_event_loop = false;

  /** `Runner(*, debug=None, loop_factory=None)`. */
  constructor(kwargs?: Kw<RunnerKwargs>) {
    this._debug = kwargs?.kwargs.debug ?? null;
    this._loop_factory = kwargs?.kwargs.loop_factory ?? null;
  }

  __enter__(): this {
    this._lazy_init();
    return this;
  }

  /** Closing runs the loop, so it returns a Promise. */
  __exit__(_excType?: unknown, _excVal?: unknown, _excTb?: unknown): Promise<void> {
    return this.close();
  }

  /** Shutdown and close the event loop. */
  async close(): Promise<void> {
    if (this._state !== INITIALIZED) return;
    const loop = this._loop!;
    try {
      try {
        await _cancel_all_tasks(loop);
      } catch (exc) {
        this._escapedAgain(exc);
        throw exc;
      }
      await loop.run_until_complete(loop.shutdown_asyncgens());
      await loop.run_until_complete(loop.shutdown_default_executor(300));
    } finally {
      if (this._set_event_loop) set_event_loop(null);
      loop.close();
      this._loop = null;
      this._state = CLOSED;
    }
  }

  /**
   * The exception that came out of `run()` (and how many times it had left the loop then), for
   * `_escapedAgain`.
   */
  private _escaped: { exc: BaseException; exits: number } | null = null;

  /**
   * `exc` left the loop again while `close()` cancelled the remaining tasks: a KeyboardInterrupt or
   * SystemExit of a child task leaves the loop at once, and again when the main task, cancelled
   * here, fails with it. CPython's `with Runner(...)` then propagates the second one, so the code
   * around `asyncio.run()` is in the traceback once, from that second exit: the first exit's
   * frames (that code, from the JS stack when it left the loop) are dropped.
   */
  private _escapedAgain(exc: unknown): void {
    const first = this._escaped;
    if (first === null || first.exc !== exc || first.exits === 0) return;
    const kept = first.exc._tbReraise;
    if (kept !== undefined && kept.length > first.exits) kept.splice(first.exits - 1, 1);
  }

  get_loop(): AbstractEventLoop {
    this._lazy_init();
    return this._loop!;
  }

  /** Run a coroutine inside the embedded event loop: `run(coro, *, context=None)`. */
  run<T>(coro: Coro<T>, kwargs?: Kw<{ context?: Context | null }>): Promise<T> {
    if (!iscoroutine(coro)) throw new ValueError(`a coroutine was expected, got ${repr(coro)}`);
    if (_get_running_loop() !== null) {
      throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    }
    this._lazy_init();
    const context = kwargs?.kwargs.context ?? this._context;
    const task = this._loop!.create_task(coro, new Kw({ context })) as Task<T>;
    return this._run_task(task);
  }

  private async _run_task<T>(task: Task<T>): Promise<T> {
    // A SIGINT handler the loop installed (`loop.add_signal_handler`) replaces the runner's, as
    // it replaces CPython's `signal.signal(SIGINT, runner._on_sigint)`.
    const onSigint = () => {
      const handlers = (this._loop as { _signal_handlers?: Map<bigint, unknown> } | null)
        ?._signal_handlers;
      if (handlers?.has(2n)) return;
      this._on_sigint(task);
    };
    const installSigint = process.listenerCount("SIGINT") === 0;
    if (installSigint) process.on("SIGINT", onSigint);
    this._interrupt_count = 0;
    try {
      // The result as it is, even a Future or Task.
      return returnedAsIs(await this._loop!.run_until_complete(task));
    } catch (exc) {
      if (exc instanceof BaseException) this._escaped = { exc, exits: exc._tbReraise?.length ?? 0 };
      if (exc instanceof CancelledError && this._interrupt_count > 0) {
        // Raised in CPython's `except exceptions.CancelledError:` block: chained to it.
        if (task.uncancel() === 0n) {
          const interrupt = new KeyboardInterrupt();
          interrupt.__context__ = exc;
          throw interrupt;
        }
      }
      throw exc;
    } finally {
      if (installSigint) process.removeListener("SIGINT", onSigint);
    }
  }

  _lazy_init(): void {
    if (this._state === CLOSED) throw new RuntimeError("Runner is closed");
    if (this._state === INITIALIZED) return;
    if (this._loop_factory === null) {
      this._loop = new_event_loop() as RunnerLoop;
      if (!this._set_event_loop) {
        set_event_loop(this._loop);
        this._set_event_loop = true;
      }
    } else {
      this._loop = call(this._loop_factory) as RunnerLoop;
    }
    if (this._debug !== null) this._loop.set_debug(this._debug);
    this._context = copy_context();
    this._state = INITIALIZED;
  }

  _on_sigint(mainTask: Task<unknown>): void {
    this._interrupt_count += 1;
    if (this._interrupt_count === 1 && !mainTask.done()) {
      mainTask.cancel();
      this._loop!.call_soon_threadsafe(() => null);
      return;
    }
    this._loop!._interrupt(new KeyboardInterrupt());
  }
}

/**
 * `asyncio.run(main, *, debug=None, loop_factory=None)`: run the coroutine in a new loop, shut it
 * down, and resolve with the coroutine's result.
 */
export function run<T>(main: Coro<T>, kwargs?: Kw<RunnerKwargs>): Promise<T> {
  if (_get_running_loop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const runner = new Runner(kwargs);
  runner.__enter__();
  let running: Promise<T>;
  try {
    // Its checks (not a coroutine, a running loop) raise here, as CPython's do, not in a Promise
    // nobody may await (`asyncio.run(1)` inside a lambda). The runner still closes; only the
    // closing itself must wait for the loop.
    running = runner.run(main);
  } catch (exc) {
    runner.close().catch(() => {});
    throw exc;
  }
  return (async () => {
    let result: T;
    try {
      result = await running;
    } finally {
      await runner.close();
    }
    // The result as it is, even a Future or Task.
    return returnedAsIs(result);
  })();
}

async function _cancel_all_tasks(loop: RunnerLoop): Promise<void> {
  const toCancel = _pending_tasks(loop);
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  await loop.run_until_complete(gather(...toCancel, new Kw({ return_exceptions: true })));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    if (task.exception() !== null) {
      loop.call_exception_handler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception: task.exception(),
        task,
      });
    }
  }
}
