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

/** Install the source of frame lines for tracebacks. */
export function setFrameSource(source: FrameSource): void {
  frameSource = source;
}

const CAUSE_MESSAGE = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE = "\nDuring handling of the above exception, another exception occurred:\n\n";
const MAX_GROUP_WIDTH = 15;
const MAX_GROUP_DEPTH = 10;

class Ctx {
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
    if (e.__cause__ !== null && e.__cause__ !== undefined) {
      msg = CAUSE_MESSAGE;
      next = e.__cause__;
    } else if (e.__context__ !== null && e.__context__ !== undefined && !e.__suppress_context__) {
      msg = CONTEXT_MESSAGE;
      next = e.__context__;
      if (next.__traceback__ === null) next.__traceback__ = [];
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
      if (hasTraceback(ex, isTop)) {
        out += ctx.emit("Traceback (most recent call last):\n");
        const frames = frameSource(ex).join("");
        if (frames) out += ctx.emit(frames);
      }
      out += ctx.emit(formatExceptionOnly(ex));
    } else if (ctx.depth > MAX_GROUP_DEPTH) {
      out += ctx.emit(`... (max_group_depth is ${MAX_GROUP_DEPTH})\n`);
    } else {
      const isToplevel = ctx.depth === 0;
      if (isToplevel) ctx.depth++;
      if (hasTraceback(ex, isTop)) {
        out += ctx.emit(
          "Exception Group Traceback (most recent call last):\n",
          isToplevel ? "+" : null,
        );
        const frames = frameSource(ex).join("");
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
export function formatException(exc: unknown): string {
  if (!(exc instanceof BaseException)) return formatExceptionOnly(exc);
  return formatOne(exc, new Ctx(), true);
}
