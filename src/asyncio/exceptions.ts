/**
 * asyncio.exceptions: the exceptions asyncio defines (TimeoutError is the builtin one). Their
 * `__module__` is "asyncio.exceptions", which tracebacks print (`asyncio.exceptions.CancelledError`).
 */

import {
  BaseException,
  EOFError,
  Exception,
  RuntimeError,
  TimeoutError,
} from "../python/exceptions";
import { repr } from "../python/repr";

/** The operation was cancelled. A BaseException, so `except Exception` does not swallow it. */
export class CancelledError extends BaseException {
  static readonly __module__ = "asyncio.exceptions";
}

/**
 * A CancelledError made by the loop's machinery (a cancelled future's result, gather's result
 * for a cancelled child), never by a line of the program: made without capturing a JS stack,
 * which would be most of the cost of a cancellation and has no frame of the program in it.
 */
export function _cancelled_error(...args: unknown[]): CancelledError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new CancelledError(...args);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The builtin TimeoutError, as `asyncio.TimeoutError` is since 3.11. */
export { TimeoutError };

/** Invalid internal state of a Task or Future. */
export class InvalidStateError extends Exception {
  static readonly __module__ = "asyncio.exceptions";
}

/** Sendfile syscall is not available for the given socket or file type. */
export class SendfileNotAvailableError extends RuntimeError {
  static readonly __module__ = "asyncio.exceptions";
}

/** The stream ended before `expected` bytes were read. */
export class IncompleteReadError extends EOFError {
  static readonly __module__ = "asyncio.exceptions";

  constructor(
    readonly partial: { length: number },
    readonly expected: unknown,
  ) {
    const rExpected = expected === null || expected === undefined ? "undefined" : repr(expected);
    super(`${partial.length} bytes read on a total of ${rExpected} expected bytes`);
  }
}

/** Reached the buffer limit while looking for a separator. */
export class LimitOverrunError extends Exception {
  static readonly __module__ = "asyncio.exceptions";

  constructor(
    message: string,
    readonly consumed: number | bigint,
  ) {
    super(message);
  }
}

/** A Barrier was broken or aborted. */
export class BrokenBarrierError extends RuntimeError {
  static readonly __module__ = "asyncio.exceptions";
}
