/**
 * asyncio.log: the "asyncio" logger.
 *
 * CPython logs through `logging.getLogger("asyncio")`. With logging unconfigured, records of level
 * WARNING and above reach `logging.lastResort`, which writes the bare message (and the formatted
 * traceback when there is an exception) to stderr. That is what the default backend here does; the
 * Python `logging` module of src/python replaces the backend when a program configures logging.
 */

import * as fs from "node:fs";
import type { BaseException } from "../python/exceptions";

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;

export type LogBackend = (level: number, message: string, exc: unknown) => void;

/** Formats an exception as Python's traceback module would; replaceable by the Python layer. */
let formatException: (exc: unknown) => string = (exc) => {
  const e = exc as BaseException;
  const name = (e?.constructor as { name?: string })?.name ?? "Exception";
  const msg = e?.message ?? "";
  return `Traceback (most recent call last):\n${msg ? `${name}: ${msg}` : name}\n`;
};

export function setExceptionFormatter(formatter: (exc: unknown) => string): void {
  formatException = formatter;
}

export function formatExceptionForLog(exc: unknown): string {
  return formatException(exc);
}

/** Flushes Python-level stdout before the logger writes to stderr, set by the Python layer. */
let beforeWrite: () => void = () => {};
export function setBeforeLogWrite(fn: () => void): void {
  beforeWrite = fn;
}

/**
 * Write to the process's stdout after flushing Python-level stdout, for the few asyncio functions
 * that print to `sys.stdout` (Task.print_stack with no file).
 */
export function writeStdout(text: string): void {
  beforeWrite();
  fs.writeSync(1, text);
}

const lastResort: LogBackend = (level, message, exc) => {
  if (level < WARNING) return;
  let text = `${message}\n`;
  if (exc !== undefined && exc !== null && exc !== false) text += formatException(exc);
  beforeWrite();
  fs.writeSync(2, text);
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
