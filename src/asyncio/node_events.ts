/**
 * The Node-specific part of the loop (CPython's unix_events.py sits in the same place): how the
 * loop waits for its next timer and how it is woken.
 *
 * Waiting: Node timers take whole milliseconds and may fire slightly before our clock says the
 * timer is due, so the wait is rounded up (as CPython's epoll selector rounds up to a millisecond)
 * and an early wake-up simply runs an iteration with nothing due, after which the loop waits again
 * for the remainder. A wait with no timer at all keeps the process alive, as a Python process
 * blocked in `select()` stays alive. Waking: `call_soon_threadsafe` (and any call_soon made from
 * outside the loop, such as a settled Promise) resolves the pending wait at once.
 *
 * Signals (`add_signal_handler`/`remove_signal_handler`, unix_events.py): the loop installs its
 * listener with `signal.signal()` of src/python (a Node process listener) and keeps a Handle per
 * signal; a signal delivered adds that Handle to the ready queue and writes to the emulated
 * self-pipe, as `_handle_signal` -> `_add_callback_signalsafe` do. `close()` removes the handlers.
 *
 * Differences from CPython: the loop's class is `NodeEventLoop`; its repr and `__name__` say
 * `_UnixSelectorEventLoop`, as CPython's default loop on Linux does. A signal's callback runs in
 * the iteration after Node delivers it (CPython: one iteration later, after `_read_from_self`
 * reads the signal number from the wakeup fd).
 */

import { TypeError as PyTypeError, ValueError } from "../python/exceptions";
import { isInt } from "../python/numbers";
import { repr } from "../python/repr";
import * as pysignal from "../python/stdlib/signal";
import { BaseEventLoop, type Clock, MAXIMUM_SELECT_TIMEOUT, monotonicClock } from "./base_events";
import { iscoroutine, iscoroutinefunction } from "./coroutines";
import { _setDefaultPolicyFactory, BaseDefaultEventLoopPolicy, Handle } from "./events";
import { logger } from "./log";

/** The longest single Node timer (setTimeout overflows at 2**31 ms). */
const MAX_TIMER_MS = Math.min(2 ** 31 - 1, MAXIMUM_SELECT_TIMEOUT * 1000);

export class NodeEventLoop extends BaseEventLoop {
  static readonly __name__ = "_UnixSelectorEventLoop";
  static readonly __qualname__ = "_UnixSelectorEventLoop";
  static override readonly __module__: string = "asyncio.unix_events";
  private _wake: (() => void) | null = null;
  private _timer: NodeJS.Timeout | null = null;

  constructor(clock: Clock = monotonicClock) {
    super(clock);
    // BaseSelectorEventLoop.__init__ logs the selector it made (Linux: an epoll selector).
    logger.debug("Using selector: EpollSelector");
  }

  _poll(timeout: number | null): Promise<void> {
    const clock = this._clock;
    if (clock.advance !== undefined && timeout !== null) {
      // A fake clock jumps to the next timer instead of sleeping.
      clock.advance(timeout);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this._waiting = true;
      const done = () => {
        if (this._timer !== null) {
          clearTimeout(this._timer);
          this._timer = null;
        }
        this._waiting = false;
        this._wake = null;
        resolve();
      };
      this._wake = done;
      if (timeout === null) {
        // Nothing scheduled: stay alive until woken, like a blocking select().
        this._timer = setInterval(() => {}, MAX_TIMER_MS);
      } else {
        this._timer = setTimeout(done, Math.min(Math.ceil(timeout * 1000), MAX_TIMER_MS));
      }
    });
  }

  _yield_to_host(): Promise<void> {
    return new Promise<void>((resolve) => setImmediate(resolve));
  }

  _write_to_self(): void {
    const wake = this._wake;
    if (wake !== null) wake();
  }

  // ---------------------------------------------------------------- signals (unix_events.py)

  /** The Handle of each signal number that has a handler (`_signal_handlers`). */
  _signal_handlers = new Map<bigint, Handle>();

  /** `add_signal_handler(sig, callback, *args)`: run `callback(*args)` when `sig` arrives. */
  override add_signal_handler(sig: unknown, callback: unknown, ...args: unknown[]): null {
    if (iscoroutine(callback) || iscoroutinefunction(callback)) {
      throw new PyTypeError("coroutines cannot be used with add_signal_handler()");
    }
    const n = this._check_signal(sig);
    this._check_closed();
    const handle = new Handle(callback as (...a: unknown[]) => unknown, args, this, null);
    this._signal_handlers.set(n, handle);
    // CPython installs `_sighandler_noop` (the wakeup fd carries the signal to the loop).
    const handler = Object.defineProperties(() => this._handle_signal(n), {
      __name__: { value: "_sighandler_noop" },
      __qualname__: { value: "_sighandler_noop" },
      __module__: { value: "asyncio.unix_events" },
    });
    pysignal.signal(n, handler);
    return null;
  }

  /** `_handle_signal(sig)`: queue the signal's Handle (or drop a cancelled one). */
  _handle_signal(sig: bigint): void {
    const handle = this._signal_handlers.get(sig);
    if (handle === undefined) return;
    if (handle._cancelled) {
      this.remove_signal_handler(sig);
      return;
    }
    if (this._closed) return;
    // `_add_callback_signalsafe`: append the handle, write to the self-pipe.
    this._ready.push(handle);
    this._self_pipe_data = true;
    this._write_to_self();
  }

  /** `remove_signal_handler(sig)`: True if a handler was removed. */
  override remove_signal_handler(sig: unknown): boolean {
    const n = this._check_signal(sig);
    if (!this._signal_handlers.delete(n)) return false;
    pysignal._restore_default(n);
    return true;
  }

  /** `_check_signal(sig)`: an int among `signal.valid_signals()`. */
  _check_signal(sig: unknown): bigint {
    let n: bigint;
    if (sig instanceof pysignal.SignalMember) n = sig.value;
    else if (isInt(sig)) n = BigInt(sig);
    else throw new PyTypeError(`sig must be an int, not ${repr(sig)}`);
    if (n < 1n || n >= pysignal.NSIG) throw new ValueError(`invalid signal number ${n}`);
    return n;
  }

  override close(): null {
    super.close();
    for (const sig of [...this._signal_handlers.keys()]) this.remove_signal_handler(sig);
    return null;
  }
}

/** asyncio.SelectorEventLoop and asyncio.EventLoop are this loop. */
export const SelectorEventLoop = NodeEventLoop;
export const EventLoop = NodeEventLoop;

export class DefaultEventLoopPolicy extends BaseDefaultEventLoopPolicy {
  static readonly __name__ = "_UnixDefaultEventLoopPolicy";
  static readonly __qualname__ = "_UnixDefaultEventLoopPolicy";
  static override readonly __module__: string = "asyncio.unix_events";
  override _loop_factory = () => new NodeEventLoop();
}

_setDefaultPolicyFactory(() => new DefaultEventLoopPolicy());
