/**
 * asyncio.log: the "asyncio" logger.
 *
 * CPython logs through `logging.getLogger("asyncio")`. With logging unconfigured, records of level
 * WARNING and above reach `logging.lastResort`, which writes the bare message (and the formatted
 * traceback when there is an exception) to stderr. That is what the default backend here does; the
 * Python `logging` module of src/python replaces the backend when a program configures logging.
 * Output goes through Python's `sys.stderr` object, so it is buffered and redirected as CPython's.
 */

import { streams } from "../python/io";
import { formatException as pyFormatException } from "../python/traceback";

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;

/**
 * Where CPython 3.13.0's asyncio emits a record: the file, function and line `logging`'s
 * `findCaller` reports for it (`%(filename)s`, `%(module)s`, `%(funcName)s`, `%(lineno)d`).
 */
export interface LogSite {
  filename: string;
  funcName: string;
  lineno: number;
}

const BASE_EVENTS = "base_events.py";

/**
 * The site of one of the runtime's asyncio records. Each message comes from one place in CPython's
 * asyncio: `Using selector` from `BaseSelectorEventLoop.__init__`, `Close` from `close()`, the
 * slow-callback warning from `_run_once()`, "Exception in default exception handler..." from
 * `call_exception_handler()`, and every other error from `default_exception_handler()`.
 */
export function logSite(level: number, message: string): LogSite {
  if (message.startsWith("Using selector: "))
    return { filename: "selector_events.py", funcName: "__init__", lineno: 64 };
  if (level === DEBUG && message.startsWith("Close "))
    return { filename: BASE_EVENTS, funcName: "close", lineno: 744 };
  if (level === WARNING && message.startsWith("Executing "))
    return { filename: BASE_EVENTS, funcName: "_run_once", lineno: 2022 };
  if (message.startsWith("Exception in default exception handler"))
    return {
      filename: BASE_EVENTS,
      funcName: "call_exception_handler",
      lineno: message.includes("custom exception handler") ? 1927 : 1891,
    };
  return { filename: BASE_EVENTS, funcName: "default_exception_handler", lineno: 1858 };
}

export type LogBackend = (level: number, message: string, exc: unknown) => void;

/**
 * Formats an exception as Python's traceback module would: with the "Traceback" header only if it
 * was raised (the loop marks exceptions raised out of callbacks and coroutines).
 */
let formatException: (exc: unknown) => string = pyFormatException;

export function setExceptionFormatter(formatter: (exc: unknown) => string): void {
  formatException = formatter;
}

export function formatExceptionForLog(exc: unknown): string {
  return formatException(exc);
}

/**
 * Write to Python's `sys.stdout`, for the few asyncio functions that print there
 * (Task.print_stack with no file).
 */
export function writeStdout(text: string): void {
  (streams.stdout as { write(s: string): unknown }).write(text);
}

const lastResort: LogBackend = (level, message, exc) => {
  if (level < WARNING) return;
  let text = `${message}\n`;
  if (exc !== undefined && exc !== null && exc !== false) text += formatException(exc);
  (streams.stderr as { write(s: string): unknown }).write(text);
};

let backend: LogBackend = lastResort;

export function setLogBackend(next: LogBackend | null): void {
  backend = next ?? lastResort;
}

export const logger = {
  debug(message: string): void {
    backend(DEBUG, message, undefined);
  },
  info(message: string): void {
    backend(INFO, message, undefined);
  },
  warning(message: string): void {
    backend(WARNING, message, undefined);
  },
  error(message: string, exc?: unknown): void {
    backend(ERROR, message, exc);
  },
};
