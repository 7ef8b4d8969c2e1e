/**
 * asyncio.format_helpers: how callbacks appear in reprs and log messages.
 *
 * CPython appends ` at FILE:LINE` from a function's code object, and task reprs say where a
 * coroutine's frame is. A JS function or generator carries no Python position: a source locator
 * supplies them. `asyncio-ts run` installs one that asks V8 where the program's functions and
 * generators are and maps that to Python lines (codegen/coro_location.ts). Without a locator,
 * and for the runtime's own functions, there is no position: the suffix is left out.
 */

import { repr } from "../python/repr";

/** The marks of asyncio's own functions (trace.ts: `internal`, `TASK_STEP`). */
const INTERNAL = Symbol.for("asyncio-ts.internal");
const TASK_STEP = Symbol.for("asyncio-ts.task-step");

interface Describable {
  __qualname__?: unknown;
  __name__?: unknown;
  __wrapped__?: unknown;
  __func__?: unknown;
  __self__?: unknown;
  func?: unknown;
  args?: unknown[];
  keywords?: unknown;
}

function isPartial(func: unknown): func is Describable {
  return (
    typeof func === "function" &&
    (func as { __partial__?: boolean }).__partial__ === true &&
    typeof (func as Describable).func === "function"
  );
}

/** A callable's Python name: `__qualname__`, else `__name__`, else the JS name, else its repr. */
export function callableName(func: unknown): string {
  const d = func as Describable | null;
  if (d && typeof d.__qualname__ === "string" && d.__qualname__) return d.__qualname__;
  if (d && typeof d.__name__ === "string" && d.__name__) return d.__name__;
  if (typeof func === "function") {
    // An anonymous JS function is what a Python lambda becomes: its __qualname__ is '<lambda>'.
    return func.name ? func.name.replace(/^bound /, "") : "<lambda>";
  }
  return repr(func);
}

function formatArgs(args: readonly unknown[], debug: boolean): string {
  if (!debug) return "()";
  return `(${args.map((a) => repr(a)).join(", ")})`;
}

export function _format_callback(
  func: unknown,
  args: readonly unknown[],
  debug = false,
  suffix = "",
): string {
  if (isPartial(func)) {
    suffix = formatArgs(args, debug) + suffix;
    return _format_callback(func.func, func.args ?? [], debug, suffix);
  }
  return callableName(func) + formatArgs(args, debug) + suffix;
}

/**
 * Where a coroutine is: its Python file and, while it has a frame (not started, suspended or
 * running), the line its frame is at (`cr_frame.f_lineno`); once finished, the line its function
 * is defined at (`cr_code.co_firstlineno`).
 */
export interface CoroLocation {
  filename: string;
  lineno: number;
  hasFrame: boolean;
}

/** Positions of the program's functions and coroutines (see the header). */
export interface SourceLocator {
  /** `(co_filename, co_firstlineno)` of a program function, or null. */
  function(fn: Function): [string, number] | null;
  /** Where a program's coroutine is; `done`: its task is done (so it has no frame). */
  coroutine(coro: object, done: boolean): CoroLocation | null;
}

let locator: SourceLocator | null = null;

export function _setSourceLocator(value: SourceLocator | null): void {
  locator = value;
}

/** Where a task's coroutine object is, if the locator knows it. */
export function _coroutine_location(coro: object, done: boolean): CoroLocation | null {
  return locator === null ? null : locator.coroutine(coro, done);
}

/**
 * `_get_function_source(func)`: a partial's function, else the function `inspect.unwrap` gives;
 * a plain function has a source, a bound method or a builtin has none.
 */
function functionSource(func: unknown): [string, number] | null {
  if (isPartial(func)) return functionSource(func.func);
  if (locator === null || typeof func !== "function") return null;
  let f: unknown = func;
  for (let i = 0; typeof (f as Describable).__wrapped__ === "function" && i < 100; i++) {
    f = (f as Describable).__wrapped__;
  }
  if (typeof f !== "function") return null;
  // A bound method (a task's `task_wakeup` too) or a class is no function for
  // `inspect.isfunction`; asyncio's own functions have no Python source here.
  const d = f as unknown as Describable & Record<symbol, unknown>;
  if (d.__func__ !== undefined || d.__self__ !== undefined || d[INTERNAL] || d[TASK_STEP]) {
    return null;
  }
  if (/^class[\s{]/.test(Function.prototype.toString.call(f))) return null;
  return locator.function(f);
}

export function _format_callback_source(
  func: unknown,
  args: readonly unknown[],
  debug = false,
): string {
  let funcRepr = _format_callback(func, args, debug);
  const source = functionSource(func);
  if (source) funcRepr += ` at ${source[0]}:${source[1]}`;
  return funcRepr;
}
