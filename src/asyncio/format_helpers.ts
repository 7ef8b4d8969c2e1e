/**
 * asyncio.format_helpers: how callbacks appear in reprs and log messages.
 *
 * Differences from CPython: CPython appends ` at FILE:LINE` from the function's code object. A JS
 * function has no Python source position, so the suffix is printed only when the function carries
 * one in `__source__` as `[file, line]` (generated code may set it).
 */

import { repr } from "../python/repr";

interface Describable {
  __qualname__?: unknown;
  __name__?: unknown;
  __source__?: [string, number];
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

function functionSource(func: unknown): [string, number] | null {
  if (isPartial(func)) return functionSource(func.func);
  const src = (func as Describable | null)?.__source__;
  return Array.isArray(src) ? src : null;
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
