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
 * Differences from CPython: the loop's class is `NodeEventLoop`; its repr and `__name__` say
 * `_UnixSelectorEventLoop`, as CPython's default loop on Linux does.
 */

import { BaseEventLoop, type Clock, MAXIMUM_SELECT_TIMEOUT, monotonicClock } from "./base_events";
import { _setDefaultPolicyFactory, BaseDefaultEventLoopPolicy } from "./events";
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
