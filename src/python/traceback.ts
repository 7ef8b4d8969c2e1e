/**
 * Printing exceptions the way CPython's `traceback` module does (3.13): chained exceptions with
 * "During handling of the above exception, another exception occurred:" / "The above exception
 * was the direct cause of the following exception:", notes, and exception groups drawn with
 * `+-+---------------- 1 ----------------` boxes.
 *
 * Frame lines come from a pluggable source (`setFrameSource`): the transpiler supplies Python
 * file/line/function through source maps. Without one, the "Traceback (most recent call last):"
 * header is printed for raised exceptions but no frames, and the final lines are exact.
 */

import { BaseException, BaseExceptionGroup } from "./exceptions";
import { classModule, classQualname } from "./objects";
import { str } from "./repr";

/** Returns the frame lines of a raised exception (`  File "x.py", line 1, in f\n    code\n`). */
export type FrameSource = (exc: BaseException) => string[];

let frameSource: FrameSource = () => [];
let haveFrameSource = false;

/** Install the source of frame lines for tracebacks. */
export function setFrameSource(source: FrameSource): void {
  frameSource = source;
  haveFrameSource = true;
}

/** The innermost Python frame of the current call stack: `logging`'s caller (`findCaller`). */
export interface CallerFrame {
  pathname: string;
  lineno: number;
  funcName: string;
}

/** Returns the innermost frame of the program on the current stack, or null. */
export type CallerSource = () => CallerFrame | null;

let callerSource: CallerSource = () => null;

/** Install the source of caller frames (the transpiler's `run` does, beside the frame source). */
export function setCallerSource(source: CallerSource): void {
  callerSource = source;
}

/** The innermost frame of the program calling now, or null when it cannot be known. */
export function callerFrame(): CallerFrame | null {
  return callerSource();
}

/**
 * The frame lines of the current call stack, outermost first (`traceback.print_stack()`'s), from
 * the frame source; empty without one.
 */
export function currentStackFrames(): string[] {
  if (!haveFrameSource) return [];
  return frameSource({ stack: new Error().stack } as unknown as BaseException);
}

/**
 * `exc` is raised again further out: at the `await` of a coroutine in another task (a Future's
 * iterator throws it in), or out of the event loop to its caller. CPython's traceback grows by
 * the frames it then passes through; the JS stack of the first raise has only those of the task
 * (or callback) it was raised in. So the stack of each such point is kept, in order
 * (`_tbReraise`), for the frame source to put in front of the first raise's frames. Only when
 * tracebacks print frames (a frame source is installed).
 */
export function noteReraise(exc: unknown): void {
  if (!haveFrameSource || !(exc instanceof BaseException)) return;
  // An Error, not its `stack`: V8 formats the stack only when it is read.
  const here = new Error();
  const kept = exc._tbReraise;
  if (kept === undefined) exc._tbReraise = [here];
  else kept.push(here);
}

const CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n";
const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

class Ctx {
  /** Follow `__cause__`/`__context__` (`chain=False` prints the exception alone). */
  chain = true;
  /**
   * `limit=` of `traceback.format_exception` and co.: at most this many frames of each
   * exception, the outermost ones (the innermost ones when negative); null for all. With no
   * frame left, the "Traceback" header is left out, as CPython prints it only above frames.
   */
  limit: number | null = null;
  depth = 0;
  needClose = false;
  seen = new Set<unknown>();
  indent(): string {
    return " ".repeat(2 * this.depth);
  }
  emit(text: string, margin: string | null = null): string {
    let ind = this.indent();
    if (this.depth) ind += `${margin ?? "|"} `;
    // textwrap.indent with predicate always-true: every line (including empty) gets the prefix
    return text
      .split(/(?<=\n)/)
      .map((line) => ind + line)
      .join("");
  }
}

/** The last line(s) of a traceback: `ValueError: boom` plus the notes. */
export function formatExceptionOnly(exc: unknown): string {
  if (!(exc instanceof BaseException)) return `${String(exc)}\n`;
  const cls = exc.constructor;
  let stype = classQualname(cls);
  const mod = classModule(cls);
  if (mod !== "__main__" && mod !== "builtins") stype = `${mod}.${stype}`;
  let value: string;
  try {
    value = str(exc);
  } catch {
    value = "<exception str() failed>";
  }
  let out = value ? `${stype}: ${value}\n` : `${stype}\n`;
  const notes = exc.__notes__;
  if (notes !== undefined) {
    for (const note of notes) out += `${typeof note === "string" ? note : "<note str() failed>"}\n`;
  }
  return out;
}

/**
 * A group `except*` raises at its end (`starEnd`) is made in the frame of the `try` and CPython
 * does not list that frame: only the frames it then propagates through (none at the top level,
 * where the "Exception Group Traceback" header is not printed either).
 */
function callerFramesOnly(exc: BaseException): boolean {
  return (exc as { _tbCallersOnly?: boolean })._tbCallersOnly === true;
}

function framesOf(exc: BaseException, limit: number | null): string {
  let frames = frameSource(exc);
  if (callerFramesOnly(exc)) frames.pop();
  const site = (exc as { _tbCatchSite?: { stack?: string } })._tbCatchSite;
  if (site !== undefined) {
    // Collected by `except*`: the traceback starts at the frame of the `try`, the innermost
    // frame where it was caught.
    const depth = frameSource(site as BaseException).length;
    if (depth > 0 && depth <= frames.length) frames = frames.slice(depth - 1);
  }
  if (exc._tbFirst > 0) {
    // Caught by a handler: the traceback starts at the frame of its `try` (the innermost frame
    // at a line of the try body), as CPython's traceback ends where the exception was caught.
    // A lambda or generator expression (on the line of the try body) cannot hold a `try`.
    for (let i = frames.length - 1; i >= 0; i--) {
      const m = /^ {2}File ".*", line (\d+), in (?!<lambda>\n|<genexpr>\n)/.exec(frames[i]);
      const n = m === null ? 0 : Number(m[1]);
      if (n >= exc._tbFirst && n <= exc._tbLast) {
        frames = frames.slice(i);
        break;
      }
    }
  }
  if (limit !== null) frames = limit >= 0 ? frames.slice(0, limit) : frames.slice(limit);
  return frames.join("");
}

/** Raised exceptions have a traceback (see `markRaised`); others print without a header. */
function hasTraceback(exc: BaseException, _top: boolean): boolean {
  return exc.__traceback__ !== null;
}

function formatOne(exc: BaseException, ctx: Ctx, top: boolean): string {
  const chain: [string | null, BaseException][] = [];
  let e: BaseException | null = exc;
  let first = true;
  while (e !== null && !ctx.seen.has(e)) {
    ctx.seen.add(e);
    let msg: string | null = null;
    let next: BaseException | null = null;
    if (!ctx.chain) {
      // only this exception
    } else if (e.__cause__ !== null && e.__cause__ !== undefined) {
      msg = CAUSE_MESSAGE;
      next = e.__cause__;
    } else if (e.__context__ !== null && e.__context__ !== undefined && !e.__suppress_context__) {
      msg = CONTEXT_MESSAGE;
      next = e.__context__;
    }
    chain.push([msg, e]);
    e = next;
    void first;
    first = false;
  }
  let out = "";
  for (let i = chain.length - 1; i >= 0; i--) {
    const [msg, ex] = chain[i];
    if (msg !== null) out += ctx.emit(msg);
    const isTop = top && i === 0;
    if (!(ex instanceof BaseExceptionGroup)) {
      if (hasTraceback(ex, isTop) && ctx.limit !== 0) {
        out += ctx.emit("Traceback (most recent call last):\n");
        const frames = framesOf(ex, ctx.limit);
        if (frames) out += ctx.emit(frames);
      }
      out += ctx.emit(formatExceptionOnly(ex));
    } else if (ctx.depth > MAX_GROUP_DEPTH) {
      out += ctx.emit(`... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
    } else {
      const isToplevel = ctx.depth === 0;
      if (isToplevel) ctx.depth++;
      const frames = framesOf(ex, ctx.limit);
      if (hasTraceback(ex, isTop) && ctx.limit !== 0 && !(frames === "" && callerFramesOnly(ex))) {
        out += ctx.emit(
          "Exception Group Traceback (most recent call last):\n",
          isToplevel ? "+" : null,
        );
        if (frames) out += ctx.emit(frames);
      }
      out += ctx.emit(formatExceptionOnly(ex));
      const excs = ex.exceptions.items;
      const n = excs.length <= MAX_GROUP_WIDTH ? excs.length : MAX_GROUP_WIDTH + 1;
      ctx.needClose = false;
      for (let k = 0; k < n; k++) {
        const last = k === n - 1;
        if (last) ctx.needClose = true;
        const truncated = k >= MAX_GROUP_WIDTH;
        const title = truncated ? "..." : `${k + 1}`;
        out += `${ctx.indent()}${k === 0 ? "+-" : "  "}+---------------- ${title} ----------------\n`;
        ctx.depth++;
        if (!truncated) out += formatOne(excs[k], ctx, false);
        else {
          const remaining = excs.length - MAX_GROUP_WIDTH;
          out += ctx.emit(`and ${remaining} more exception${remaining > 1 ? "s" : ""}\n`);
        }
        if (last && ctx.needClose) {
          out += `${ctx.indent()}+------------------------------------\n`;
          ctx.needClose = false;
        }
        ctx.depth--;
      }
      if (isToplevel) ctx.depth = 0;
    }
  }
  return out;
}

/**
 * What `traceback.format_exception(exc)` joins to, ending with a newline. An exception that
 * was raised (`markRaised`, done by `runMain` for uncaught ones) gets the
 * "Traceback (most recent call last):" header; one never raised prints without it.
 */
export function formatException(exc: unknown, chain = true, limit: number | null = null): string {
  if (!(exc instanceof BaseException)) return formatExceptionOnly(exc);
  const ctx = new Ctx();
  ctx.chain = chain;
  ctx.limit = limit;
  return formatOne(exc, ctx, true);
}
