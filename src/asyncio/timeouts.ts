/**
 * asyncio.timeouts: `timeout()`, `timeout_at()` and the `Timeout` context manager.
 *
 * ```ts
 * yield* async_with(asyncio.timeout(10), function* (cm) {
 *   yield* long_running_task();
 * });
 * ```
 *
 * On entry the Timeout records the current task and its `cancelling()` count and schedules
 * `_on_timeout` (`call_soon` when the deadline is already past, else `call_at`). When it fires it
 * cancels the task. On exit, if it fired and `uncancel()` brings the count back to the recorded one,
 * the CancelledError becomes `TimeoutError` (raised from it); any other exception gets a TimeoutError
 * inserted in its context chain. States: created, active, expiring, expired, finished.
 */

import { round } from "../python/builtins";
import { le } from "../python/compare";
import {
  type BaseException,
  ExceptionGroup,
  RuntimeError,
  TimeoutError,
} from "../python/exceptions";
import { add } from "../python/operators";
import { repr } from "../python/repr";
import { type Coro, markcoroutinefunction } from "./coroutines";
import { get_running_loop, type Handle } from "./events";
import { CancelledError } from "./exceptions";
import { current_task, type Task } from "./tasks";
import { internal } from "./trace";

/** Timeout states; the value is what reprs and messages print. */
export const _State = {
  CREATED: "created",
  ENTERED: "active",
  EXPIRING: "expiring",
  EXPIRED: "expired",
  EXITED: "finished",
} as const;
type State = (typeof _State)[keyof typeof _State];

/**
 * Asynchronous context manager for cancelling overdue coroutines. Use `timeout()` or
 * `timeout_at()` rather than instantiating this class directly.
 */
export class Timeout {
  static readonly __module__ = "asyncio.timeouts";
  _state: State = _State.CREATED;
  _timeout_handler: Handle | null = null;
  _task: Task<unknown> | null = null;
  /** The deadline as given (a Python int stays an int, as `when()` returns it). */
  _when: number | bigint | null;
  _cancelling: bigint = 0n;
  private readonly _onTimeoutCb: () => void;

  /**
   * Schedule a timeout at loop time `when`: never if `when` is null, on the next loop iteration if
   * it is already past.
   */
  constructor(when: number | bigint | null) {
    // Not a number: kept as it is for reschedule() (on entry) to raise CPython's TypeError.
    this._when = when === undefined ? null : when;
    this._onTimeoutCb = internal(() => this._on_timeout());
    Object.assign(this._onTimeoutCb, {
      __name__: "_on_timeout",
      __qualname__: "Timeout._on_timeout",
      __self__: this,
    });
  }

  /** The current deadline. */
  when(): number | bigint | null {
    return this._when;
  }

  /** Move the deadline (null: no deadline). Only while the context manager is active. */
  reschedule(when: number | bigint | null): null {
    if (this._state !== _State.ENTERED) {
      if (this._state === _State.CREATED) throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    if (
      when !== null &&
      when !== undefined &&
      typeof when !== "number" &&
      typeof when !== "bigint"
    ) {
      // CPython's `when <= loop.time()` comparison error ("'<=' not supported between ...").
      le(when, get_running_loop().time());
    }
    this._when = when === undefined ? null : when;
    if (this._timeout_handler !== null) this._timeout_handler.cancel();
    if (this._when === null) {
      this._timeout_handler = null;
    } else {
      const loop = get_running_loop();
      if (this._when <= loop.time()) {
        this._timeout_handler = loop.call_soon(this._onTimeoutCb);
      } else {
        this._timeout_handler = loop.call_at(this._when, this._onTimeoutCb);
      }
    }
    return null;
  }

  /** Did the timeout expire while the block ran? */
  expired(): boolean {
    return this._state === _State.EXPIRING || this._state === _State.EXPIRED;
  }

  __repr__(): string {
    const info = [""];
    if (this._state === _State.ENTERED) {
      const when = this._when !== null ? repr(round(this._when, 3n)) : "None";
      info.push(`when=${when}`);
    }
    return `<Timeout [${this._state}]${info.join(" ")}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  *__aenter__(): Coro<this> {
    if (this._state !== _State.CREATED) throw new RuntimeError("Timeout has already been entered");
    const task = current_task();
    if (task === null) throw new RuntimeError("Timeout should be used inside a task");
    this._state = _State.ENTERED;
    this._task = task;
    this._cancelling = BigInt(task.cancelling());
    this.reschedule(this._when);
    return this;
  }

  *__aexit__(exc_type: unknown, exc_val: unknown, _exc_tb: unknown): Coro<null> {
    if (this._timeout_handler !== null) {
      this._timeout_handler.cancel();
      this._timeout_handler = null;
    }
    if (this._state === _State.EXPIRING) {
      this._state = _State.EXPIRED;
      if (
        BigInt(this._task!.uncancel()) <= this._cancelling &&
        exc_type !== null &&
        exc_type !== undefined
      ) {
        if (exc_val instanceof CancelledError) {
          const te = new TimeoutError();
          te.__cause__ = exc_val;
          te.__context__ = exc_val;
          te.__suppress_context__ = true;
          throw te;
        } else if (exc_val !== null && exc_val !== undefined) {
          Timeout._insert_timeout_error(exc_val as BaseException);
          if (exc_val instanceof ExceptionGroup) {
            for (const exc of exc_val.exceptions.items) Timeout._insert_timeout_error(exc);
          }
        }
      }
    } else if (this._state === _State.ENTERED) {
      this._state = _State.EXITED;
    }
    return null;
  }

  _on_timeout(): void {
    this._task!.cancel();
    this._state = _State.EXPIRING;
    this._timeout_handler = null;
  }

  /** Put a TimeoutError between an exception and the CancelledError in its context chain. */
  static _insert_timeout_error(exc_val: BaseException): void {
    while (exc_val.__context__ !== null && exc_val.__context__ !== undefined) {
      if (exc_val.__context__ instanceof CancelledError) {
        const te = new TimeoutError();
        te.__context__ = te.__cause__ = exc_val.__context__;
        exc_val.__context__ = te;
        break;
      }
      exc_val = exc_val.__context__;
    }
  }
}
markcoroutinefunction(Timeout.prototype.__aenter__, "Timeout.__aenter__");
markcoroutinefunction(Timeout.prototype.__aexit__, "Timeout.__aexit__");

/**
 * `timeout(delay)`: a Timeout `delay` seconds from now (null: no timeout). The block's
 * CancelledError becomes TimeoutError when the deadline passes.
 */
export function timeout(delay: number | bigint | null | unknown): Timeout {
  const loop = get_running_loop();
  return new Timeout(
    delay !== null && delay !== undefined ? (add(loop.time(), delay) as number) : null,
  );
}

/** `timeout_at(when)`: a Timeout at absolute loop time `when` (null: no timeout). */
export function timeout_at(when: number | bigint | null | unknown): Timeout {
  return new Timeout(when as number | null);
}
