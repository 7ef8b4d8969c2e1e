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

interface Describable {
  __qualname__?: unknown;
  __name__?: unknown;
  __wrapped__?: unknown;
  __func__?: unknown;
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
  coroutine(coro: object): CoroLocation | null;
}

let locator: SourceLocator | null = null;

export function _setSourceLocator(value: SourceLocator | null): void {
  locator = value;
}

/** Where a coroutine object is, if the locator knows it. */
export function _coroutine_location(coro: object): CoroLocation | null {
  return locator === null ? null : locator.coroutine(coro);
}

/**
 * `_get_function_source(func)`: a partial's function, else the function `inspect.unwrap` gives;
 * a plain function has a source, a bound method or a builtin has none.
 */
function functionSource(func: unknown): [string, number] | null {
  if (isPartial(func)) return functionSource(func.func);
  if (locator === null || typeof func !== "function") return null;
  let f = func as Describable;
  for (let i = 0; typeof f.__wrapped__ === "function" && i < 100; i++) {
    f = f.__wrapped__ as Describable;
  }
  // A bound method or a class is no function for `inspect.isfunction`.
  if (f.__func__ !== undefined || typeof f !== "function") return null;
  if (/^class[\s{]/.test(Function.prototype.toString.call(f))) return null;
  return locator.function(f as unknown as Function);
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
