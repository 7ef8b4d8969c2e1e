/**
 * Python's `traceback` for transpiled programs: `print_exc`, `format_exc`, `print_exception`,
 * `format_exception` and `format_exception_only`, printing what src/python/traceback.ts formats
 * (CPython 3.13's layout: chains, notes, exception groups); `print_stack` and `format_stack` of
 * the current stack (no frame objects exist, so their `f` must be None).
 *
 * `limit` keeps the first `limit` frames of each exception (the last `-limit` when negative);
 * `sys.tracebacklimit` is not consulted.
 *
 * Differences from CPython: the frames come from JS stack traces (see docs/DIFFERENCES.md), so
 * only `limit=0` (no frames, no "Traceback" header) is exact for every program;
 * `format_exception` returns CPython's pieces (a frame's two lines in one string, each line of
 * the exception and its notes apart); the `value`/`tb` arguments of the old signature are
 * ignored when an exception is passed first, as CPython does with a matching value.
 */

import {
  BaseException,
  currentException,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { streams } from "../io";
import { splitKw } from "../kw";
import { truthy } from "../protocol";
import {
  collapseRepeats,
  currentStackFrames,
  formatException,
  formatExceptionLines,
  formatExceptionOnlyLines,
} from "../traceback";
import { typeName } from "../types";

interface Options {
  limit?: unknown;
  chain?: unknown;
  file?: unknown;
  value?: unknown;
  tb?: unknown;
}

/** A `limit=` argument: None (or absent) for all frames, else an int. */
function limitArg(limit: unknown): number | null {
  if (limit === null || limit === undefined) return null;
  if (typeof limit === "bigint" || typeof limit === "boolean") return Number(limit);
  // CPython fails comparing the limit with an int (`limit >= 0`) deep inside the formatting,
  // or slicing the frames with a float.
  if (typeof limit === "number" && limit >= 0)
    throw new ValueError(
      "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
    );
  if (typeof limit === "number") throw new PyTypeError("an integer is required");
  throw new PyTypeError(`'>=' not supported between instances of '${typeName(limit)}' and 'int'`);
}

/** The exception of `format_exception(exc)` / `format_exception(type, value, tb)`. */
function exceptionArg(fn: string, pos: unknown[], k: Options): unknown {
  if (pos.length === 0) {
    throw new PyTypeError(`${fn}() missing required positional argument: 'exc'`);
  }
  // The old signature (type, value, tb) gives the value second.
  const value = pos.length >= 2 ? pos[1] : k.value;
  if (value !== undefined && !(pos[0] instanceof BaseException)) return value;
  return pos[0];
}

function format(exc: unknown, chain: unknown, limit: unknown): string {
  if (exc === null || exc === undefined) return "NoneType: None\n";
  return formatException(exc, chain === undefined ? true : truthy(chain), limitArg(limit));
}

function write(file: unknown, text: string): void {
  const out = (file === null || file === undefined ? streams.stderr : file) as {
    write(s: string): unknown;
  };
  out.write(text);
}

/** `traceback.format_exc(limit=None, chain=True)`: the exception being handled, formatted. */
export function format_exc(...args: unknown[]): string {
  const [pos, k] = splitKw<Options>(args);
  return format(currentException(), pos[1] ?? k.chain, pos[0] ?? k.limit);
}

/** `traceback.print_exc(limit=None, file=None, chain=True)`. */
export function print_exc(...args: unknown[]): null {
  const [pos, k] = splitKw<Options>(args);
  write(pos[1] ?? k.file, format(currentException(), pos[2] ?? k.chain, pos[0] ?? k.limit));
  return null;
}

/** `traceback.format_exception(exc, /, value, tb, limit=None, chain=True)`: a list of lines. */
export function format_exception(...args: unknown[]): string[] {
  const [pos, k] = splitKw<Options>(args);
  const exc = exceptionArg("format_exception", pos, k);
  if (exc === null || exc === undefined) return ["NoneType: None\n"];
  const chain = pos[4] ?? k.chain;
  return formatExceptionLines(
    exc,
    chain === undefined ? true : truthy(chain),
    limitArg(pos[3] ?? k.limit),
  );
}

/** `traceback.print_exception(exc, /, value, tb, limit=None, file=None, chain=True)`. */
export function print_exception(...args: unknown[]): null {
  const [pos, k] = splitKw<Options>(args);
  const exc = exceptionArg("print_exception", pos, k);
  write(pos[4] ?? k.file, format(exc, pos[5] ?? k.chain, pos[3] ?? k.limit));
  return null;
}

/**
 * `traceback.format_exception_only(exc, /, value, *, show_group=False)`: the last line(s), with
 * the notes (and those of a group's exceptions with `show_group`).
 */
export function format_exception_only(...args: unknown[]): string[] {
  const [pos, k] = splitKw<Options>(args);
  const exc = exceptionArg("format_exception_only", pos, k);
  if (exc === null || exc === undefined) return ["NoneType: None\n"];
  const showGroup = (k as { show_group?: unknown }).show_group;
  return formatExceptionOnlyLines(exc, showGroup !== undefined && truthy(showGroup));
}

/**
 * The frame pieces of `format_stack(f=None, limit=None)`: the program's frames of the current
 * stack, outermost first; `limit` keeps the innermost `limit` (the outermost `-limit` when
 * negative), as `StackSummary.extract(walk_stack(f), limit)` does.
 */
function stackPieces(fn: string, pos: unknown[], k: Options & { f?: unknown }): string[] {
  const f = pos[0] ?? k.f;
  if (f !== null && f !== undefined)
    throw new PyTypeError(
      `${fn}(): frame objects are not supported by asyncio-ts (f must be None)`,
    );
  const limit = limitArg(pos[1] ?? k.limit);
  let frames = currentStackFrames();
  if (limit !== null)
    frames = limit >= 0 ? frames.slice(frames.length - limit) : frames.slice(0, -limit);
  if (limit === 0) frames = [];
  return collapseRepeats(frames);
}

/** `traceback.format_stack(f=None, limit=None)`: a list of the current stack's frames. */
export function format_stack(...args: unknown[]): string[] {
  const [pos, k] = splitKw<Options & { f?: unknown }>(args);
  return stackPieces("format_stack", pos, k);
}

/** `traceback.print_stack(f=None, limit=None, file=None)`: print the current stack's frames. */
export function print_stack(...args: unknown[]): null {
  const [pos, k] = splitKw<Options & { f?: unknown }>(args);
  write(pos[2] ?? k.file, stackPieces("print_stack", pos, k).join(""));
  return null;
}
