/**
 * asyncio.events: the event loop interface, Handle and TimerHandle, policies, and the functions
 * that find the current loop.
 *
 * The running loop is one process-wide slot (Python keeps one per thread; a Node process has one
 * JS thread). Loops register the default policy's loop factory from node_events.ts, so this module
 * does not import the loop implementation.
 */

import {
  _current_data,
  _enter_lazy,
  _leave_lazy,
  _pinned_context,
  type Context,
  type VarMap,
} from "../contextvars";
import {
  BaseException,
  excEnter,
  excLeave,
  KeyboardInterrupt,
  markRaised,
  NotImplementedError,
  RuntimeError,
  SystemExit,
  TypeError,
} from "../python/exceptions";
import { hash as pyHash } from "../python/hash";
import { Kw } from "../python/kw";
import { call as pyCall } from "../python/protocol";
import { repr } from "../python/repr";
import { _format_callback_source } from "./format_helpers";
import { traceCallback, traceHook } from "./trace";

export type Callback = (...args: any[]) => unknown;

/** The loop methods a Handle needs; keeps this module free of base_events. */
export interface HandleOwner {
  get_debug(): boolean;
  call_exception_handler(context: ExceptionContext): void;
  _timer_handle_cancelled(handle: TimerHandle): void;
}

/** The dict passed to exception handlers. */
export interface ExceptionContext {
  message?: string;
  exception?: unknown;
  future?: unknown;
  task?: unknown;
  handle?: unknown;
  protocol?: unknown;
  transport?: unknown;
  socket?: unknown;
  asyncgen?: unknown;
  [key: string]: unknown;
}

/** Object returned by callback registration methods. */
export class Handle {
  static readonly __module__: string = "asyncio.events";
  _callback: Callback | null;
  _args: unknown[] | null;
  /** Prototype defaults (false, null) until cancel() sets them: handles stay two fields smaller. */
  declare _cancelled: boolean;
  _loop: HandleOwner;
  /**
   * The context given, or, for the current context copied (`copy_context()`), only its mapping
   * until something asks for the object (`get_context()`): see `_enter_lazy` in contextvars.
   */
  _ctx: Context | VarMap;
  declare _repr: string | null;

  constructor(
    callback: Callback,
    args: unknown[],
    loop: HandleOwner,
    context: Context | null = null,
  ) {
    this._ctx = context ?? _current_data();
    this._loop = loop;
    this._callback = callback;
    this._args = args;
  }

  _repr_info(): string[] {
    const info = [this.constructor.name];
    if (this._cancelled) info.push("cancelled");
    if (this._callback !== null) {
      info.push(_format_callback_source(this._callback, this._args ?? [], this._loop.get_debug()));
    }
    return info;
  }

  __repr__(): string {
    if (this._repr !== null) return this._repr;
    return `<${this._repr_info().join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /** The handle's Context object (made now if it held only its mapping). */
  get _context(): Context {
    return _pinned_context(this);
  }

  get_context(): Context {
    return _pinned_context(this);
  }

  cancel(): null {
    if (!this._cancelled) {
      this._cancelled = true;
      if (this._loop.get_debug()) this._repr = this.__repr__();
      this._callback = null;
      this._args = null;
    }
    return null;
  }

  cancelled(): boolean {
    return this._cancelled;
  }

  _run(): void {
    const callback = this._callback!;
    if (traceHook !== null) traceCallback(callback);
    const held = this._ctx;
    const ctx = _enter_lazy(this);
    try {
      ctx._run_args(typeof callback === "function" ? callback : asCallable(callback), this._args!);
    } catch (exc) {
      this._run_failed(callback, exc);
    } finally {
      _leave_lazy(this, ctx, held);
    }
  }

  /** What `_run` does when the callback raised: exits escape, the rest go to the handler. */
  _run_failed(callback: Callback, exc: unknown): void {
    markRaised(exc);
    if (isExitException(exc)) throw exc;
    const cb = _format_callback_source(callback, this._args ?? [], this._loop.get_debug());
    // The handler runs in `_run`'s `except` block: `sys.exception()` is the callback's exception,
    // and one the handler raises has it as its context.
    const handled = exc instanceof BaseException;
    if (handled) excEnter(exc);
    try {
      this._loop.call_exception_handler({
        message: `Exception in callback ${cb}`,
        exception: exc,
        handle: this,
      });
    } finally {
      if (handled) excLeave(exc);
    }
  }

  /** Run as an entry of the loop's ready queue (see ReadyEntry): skipped once cancelled. */
  _tsRunReady(): void {
    if (!this._cancelled) this._run();
  }

  _tsAsHandle(): Handle {
    return this;
  }
}

/**
 * A callable object of the program (a class with `__call__`) or a non-callable, called as Python
 * calls it (TypeError "'NoneType' object is not callable").
 */
function asCallable(callback: unknown): (...args: unknown[]) => unknown {
  return (...a: unknown[]) => pyCall(callback, ...a);
}

/**
 * What the loop's ready queue holds: a Handle, or a Task whose next step is due (tasks.ts puts the
 * task itself in the queue instead of a Handle for `__step(task)`; nothing outside the loop ever
 * sees that handle, so it is made only when needed: an error report, debug mode).
 */
export interface ReadyEntry {
  /** Run the entry as `_run_once` runs a ready handle (a cancelled Handle does nothing). */
  _tsRunReady(): void;
  /** The entry as a Handle (a Task makes the `__step(task)` handle it stands for). */
  _tsAsHandle(): Handle;
}

for (const [key, value] of [
  ["_cancelled", false],
  ["_repr", null],
] as const) {
  Object.defineProperty(Handle.prototype, key, { value, writable: true, configurable: true });
}

/** SystemExit and KeyboardInterrupt escape callbacks and stop the loop, as in CPython. */
export function isExitException(exc: unknown): boolean {
  return exc instanceof SystemExit || exc instanceof KeyboardInterrupt;
}

/** Object returned by timed callback registration methods. */
export class TimerHandle extends Handle {
  static override readonly __module__: string = "asyncio.events";
  /** The time as a number, which the heap compares. */
  _when: number;
  /** The time as given when it was a Python int (`call_at(10, cb)`), so when() returns 10, not 10.0. */
  declare _when_int: bigint | null;
  _scheduled = false;

  constructor(
    when: number | bigint,
    callback: Callback,
    args: unknown[],
    loop: HandleOwner,
    context: Context | null = null,
  ) {
    super(callback, args, loop, context);
    if (typeof when === "number") {
      this._when = when;
    } else {
      this._when = Number(when);
      if (typeof when === "bigint") this._when_int = when;
    }
  }

  override _repr_info(): string[] {
    const info = super._repr_info();
    const pos = this._cancelled ? 2 : 1;
    info.splice(pos, 0, `when=${repr(this.when())}`);
    return info;
  }

  /** Return a scheduled callback time (seconds on the loop's clock), as it was given. */
  when(): number | bigint {
    return this._when_int ?? this._when;
  }

  override cancel(): null {
    if (!this._cancelled) this._loop._timer_handle_cancelled(this);
    super.cancel();
    return null;
  }

  __hash__(): bigint {
    return pyHash(this.when());
  }
  __lt__(other: TimerHandle): boolean {
    return this._when < other._when;
  }
  __le__(other: TimerHandle): boolean {
    return this._when < other._when || this.__eq__(other);
  }
  __gt__(other: TimerHandle): boolean {
    return this._when > other._when;
  }
  __ge__(other: TimerHandle): boolean {
    return this._when > other._when || this.__eq__(other);
  }
  __eq__(other: unknown): boolean {
    if (!(other instanceof TimerHandle)) return false;
    return (
      this._when === other._when &&
      this._callback === other._callback &&
      this._args === other._args &&
      this._cancelled === other._cancelled
    );
  }
}

// `_when_int` is set only for a Python int (a prototype default otherwise: one field less per timer).
Object.defineProperty(TimerHandle.prototype, "_when_int", {
  value: null,
  writable: true,
  configurable: true,
});

/**
 * The argument list of every handle made without arguments: handles never modify their
 * arguments, so the loop's own calls share this one instead of keeping an empty array per timer.
 */
export const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

/**
 * Split `...args` ending in an optional `kw({ context })`, as call_soon & co. take them; any other
 * keyword is CPython's binding error, naming `method` (`BaseEventLoop.call_soon`).
 */
export function splitContextKw(args: unknown[], method: string): [unknown[], Context | null] {
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw) {
    const kwargs = (args[n - 1] as Kw<Record<string, unknown>>).kwargs;
    for (const key of Object.keys(kwargs)) {
      if (key !== "context") {
        throw new TypeError(`${method}() got an unexpected keyword argument '${key}'`);
      }
    }
    return [args.slice(0, n - 1), (kwargs.context as Context | null | undefined) ?? null];
  }
  return [args, null];
}

function notYet(method: string, layer: string): never {
  throw new NotImplementedError(
    `loop.${method}() is not available yet: it belongs to the ${layer} layer of asyncio-ts`,
  );
}

/**
 * Abstract event loop: every method of CPython 3.13's AbstractEventLoop. BaseEventLoop implements
 * the core and the executor methods; the I/O, process and signal methods belong to later layers and raise
 * NotImplementedError naming the layer until then.
 */
export abstract class AbstractEventLoop {
  static readonly __module__: string = "asyncio.events";
  /** The task this loop is running (tasks.ts: _enter_task, _leave_task, current_task). */
  _current_task: unknown = null;

  // Running and stopping the event loop.
  abstract run_forever(): Promise<void>;
  abstract run_until_complete<T>(future: unknown): Promise<T>;
  abstract stop(): void;
  abstract is_running(): boolean;
  abstract is_closed(): boolean;
  abstract close(): void;
  abstract shutdown_asyncgens(): Generator<unknown, void, unknown>;
  abstract shutdown_default_executor(timeout?: number | null): Generator<unknown, void, unknown>;

  // Methods scheduling callbacks. All these return Handles.
  abstract _timer_handle_cancelled(handle: TimerHandle): void;
  abstract call_soon(callback: Callback, ...args: unknown[]): Handle;
  abstract call_later(delay: number | bigint, callback: Callback, ...args: unknown[]): TimerHandle;
  abstract call_at(when: number | bigint, callback: Callback, ...args: unknown[]): TimerHandle;
  abstract time(): number;
  abstract create_future(): unknown;
  abstract create_task(coro: unknown, ...kwargs: unknown[]): unknown;

  // Methods for interacting with threads.
  abstract call_soon_threadsafe(callback: Callback, ...args: unknown[]): Handle;
  run_in_executor(_executor: unknown, _func: Callback, ..._args: unknown[]): unknown {
    return notYet("run_in_executor", "executor");
  }
  set_default_executor(_executor: unknown): void {
    notYet("set_default_executor", "executor");
  }

  // Network I/O methods returning Futures.
  getaddrinfo(..._args: unknown[]): unknown {
    return notYet("getaddrinfo", "network I/O");
  }
  getnameinfo(..._args: unknown[]): unknown {
    return notYet("getnameinfo", "network I/O");
  }
  create_connection(..._args: unknown[]): unknown {
    return notYet("create_connection", "network I/O");
  }
  create_server(..._args: unknown[]): unknown {
    return notYet("create_server", "network I/O");
  }
  sendfile(..._args: unknown[]): unknown {
    return notYet("sendfile", "network I/O");
  }
  start_tls(..._args: unknown[]): unknown {
    return notYet("start_tls", "TLS");
  }
  create_unix_connection(..._args: unknown[]): unknown {
    return notYet("create_unix_connection", "Unix socket");
  }
  create_unix_server(..._args: unknown[]): unknown {
    return notYet("create_unix_server", "Unix socket");
  }
  connect_accepted_socket(..._args: unknown[]): unknown {
    return notYet("connect_accepted_socket", "network I/O");
  }
  create_datagram_endpoint(..._args: unknown[]): unknown {
    return notYet("create_datagram_endpoint", "UDP");
  }

  // Pipes and subprocesses.
  connect_read_pipe(..._args: unknown[]): unknown {
    return notYet("connect_read_pipe", "pipe");
  }
  connect_write_pipe(..._args: unknown[]): unknown {
    return notYet("connect_write_pipe", "pipe");
  }
  subprocess_shell(..._args: unknown[]): unknown {
    return notYet("subprocess_shell", "subprocess");
  }
  subprocess_exec(..._args: unknown[]): unknown {
    return notYet("subprocess_exec", "subprocess");
  }

  // Ready-based callback registration methods.
  add_reader(..._args: unknown[]): unknown {
    return notYet("add_reader", "network I/O");
  }
  remove_reader(..._args: unknown[]): unknown {
    return notYet("remove_reader", "network I/O");
  }
  add_writer(..._args: unknown[]): unknown {
    return notYet("add_writer", "network I/O");
  }
  remove_writer(..._args: unknown[]): unknown {
    return notYet("remove_writer", "network I/O");
  }

  // Completion based I/O methods returning Futures.
  sock_recv(..._args: unknown[]): unknown {
    return notYet("sock_recv", "network I/O");
  }
  sock_recv_into(..._args: unknown[]): unknown {
    return notYet("sock_recv_into", "network I/O");
  }
  sock_recvfrom(..._args: unknown[]): unknown {
    return notYet("sock_recvfrom", "network I/O");
  }
  sock_recvfrom_into(..._args: unknown[]): unknown {
    return notYet("sock_recvfrom_into", "network I/O");
  }
  sock_sendall(..._args: unknown[]): unknown {
    return notYet("sock_sendall", "network I/O");
  }
  sock_sendto(..._args: unknown[]): unknown {
    return notYet("sock_sendto", "network I/O");
  }
  sock_connect(..._args: unknown[]): unknown {
    return notYet("sock_connect", "network I/O");
  }
  sock_accept(..._args: unknown[]): unknown {
    return notYet("sock_accept", "network I/O");
  }
  sock_sendfile(..._args: unknown[]): unknown {
    return notYet("sock_sendfile", "network I/O");
  }

  // Signal handling.
  add_signal_handler(..._args: unknown[]): unknown {
    return notYet("add_signal_handler", "signal");
  }
  remove_signal_handler(..._args: unknown[]): unknown {
    return notYet("remove_signal_handler", "signal");
  }

  // Task factory, error handlers and debug mode.
  abstract set_task_factory(factory: unknown): void;
  abstract get_task_factory(): unknown;
  abstract get_exception_handler(): unknown;
  abstract set_exception_handler(handler: unknown): void;
  abstract default_exception_handler(context: ExceptionContext): void;
  abstract call_exception_handler(context: ExceptionContext): void;
  abstract get_debug(): boolean;
  abstract set_debug(enabled: boolean): void;
}

/** Abstract policy for accessing the event loop. */
export abstract class AbstractEventLoopPolicy {
  static readonly __module__: string = "asyncio.events";
  abstract get_event_loop(): AbstractEventLoop;
  abstract set_event_loop(loop: AbstractEventLoop | null): void;
  abstract new_event_loop(): AbstractEventLoop;
  get_child_watcher(): unknown {
    throw new NotImplementedError();
  }
  set_child_watcher(_watcher: unknown): null {
    throw new NotImplementedError();
  }
}

/** Reports Python warnings (DeprecationWarning from get_event_loop); replaced by the Python layer. */
let warn: (message: string, category: string) => void = () => {};
export function _setWarningReporter(fn: (message: string, category: string) => void): void {
  warn = fn;
}
export function _warn(message: string, category: string): void {
  warn(message, category);
}

/**
 * Default policy: one loop for the process (Python: one per thread, created on demand only in the
 * main thread, which is the only JS thread a program has).
 */
export class BaseDefaultEventLoopPolicy extends AbstractEventLoopPolicy {
  static override readonly __module__: string = "asyncio.events";
  _loop_factory: (() => AbstractEventLoop) | null = null;
  _local: { _loop: AbstractEventLoop | null; _set_called: boolean } = {
    _loop: null,
    _set_called: false,
  };

  get_event_loop(): AbstractEventLoop {
    if (this._local._loop === null && !this._local._set_called) {
      _warn("There is no current event loop", "DeprecationWarning");
      this.set_event_loop(this.new_event_loop());
    }
    if (this._local._loop === null) {
      throw new RuntimeError("There is no current event loop in thread 'MainThread'.");
    }
    return this._local._loop;
  }

  set_event_loop(loop: AbstractEventLoop | null): null {
    this._local._set_called = true;
    if (loop !== null && !(loop instanceof AbstractEventLoop)) {
      throw new TypeError(
        `loop must be an instance of AbstractEventLoop or None, not '${typeNameOf(loop)}'`,
      );
    }
    this._local._loop = loop;
    return null;
  }

  new_event_loop(): AbstractEventLoop {
    return this._loop_factory!();
  }
}

function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "bigint") return "int";
  if (typeof value === "number") return "float";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  return (value as object).constructor?.name ?? "object";
}

let eventLoopPolicy: AbstractEventLoopPolicy | null = null;
let defaultPolicyFactory: (() => AbstractEventLoopPolicy) | null = null;

/** node_events.ts registers the default policy class here. */
export function _setDefaultPolicyFactory(factory: () => AbstractEventLoopPolicy): void {
  defaultPolicyFactory = factory;
}

let runningLoop: AbstractEventLoop | null = null;

/** Return the running event loop. Raise a RuntimeError if there is none. */
export function get_running_loop(): AbstractEventLoop {
  if (runningLoop === null) throw new RuntimeError("no running event loop");
  return runningLoop;
}

/** Return the running event loop or None. */
export function _get_running_loop(): AbstractEventLoop | null {
  return runningLoop;
}

export function _set_running_loop(loop: AbstractEventLoop | null): void {
  runningLoop = loop;
}

export function get_event_loop_policy(): AbstractEventLoopPolicy {
  if (eventLoopPolicy === null) eventLoopPolicy = defaultPolicyFactory!();
  return eventLoopPolicy;
}

export function set_event_loop_policy(policy: AbstractEventLoopPolicy | null): void {
  if (policy !== null && !(policy instanceof AbstractEventLoopPolicy)) {
    throw new TypeError(
      `policy must be an instance of AbstractEventLoopPolicy or None, not '${typeNameOf(policy)}'`,
    );
  }
  eventLoopPolicy = policy;
}

/** The running loop if any, else the policy's loop (3.13: warns and creates one at first use). */
export function get_event_loop(): AbstractEventLoop {
  if (runningLoop !== null) return runningLoop;
  return get_event_loop_policy().get_event_loop();
}

export function set_event_loop(loop: AbstractEventLoop | null): void {
  get_event_loop_policy().set_event_loop(loop);
}

export function new_event_loop(): AbstractEventLoop {
  return get_event_loop_policy().new_event_loop();
}

export function get_child_watcher(): unknown {
  return get_event_loop_policy().get_child_watcher();
}

export function set_child_watcher(watcher: unknown): void {
  get_event_loop_policy().set_child_watcher(watcher);
}
