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

import {
  BaseException,
  BaseExceptionGroup,
  SyntaxError as PySyntaxError,
  setReraiseHook,
} from "./exceptions";
import { classModule, classQualname } from "./objects";
import { repr, str } from "./repr";
import { Tuple } from "./tuple";

/** Returns the frame lines of a raised exception (`  File "x.py", line 1, in f\n    code\n`). */
export type FrameSource = (exc: BaseException) => string[];

let frameSource: FrameSource = () => [];
let haveFrameSource = false;

/** Install the source of frame lines for tracebacks. */
export function setFrameSource(source: FrameSource): void {
  frameSource = source;
  haveFrameSource = true;
  setReraiseHook(reraiseFrames);
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
/** Repeats of one frame printed before "[Previous line repeated N more times]". */
const RECURSIVE_CUTOFF = 3;

/** What a traceback prints of an exception it reaches (CPython's `TracebackException`). */
interface TbNode {
  exc: BaseException;
  cause: TbNode | null;
  context: TbNode | null;
  /** The nodes of a group's exceptions; null for other exceptions. */
  exceptions: TbNode[] | null;
}

/**
 * The tree of what to print, made as CPython's `TracebackException` makes it (compact, as the
 * traceback module and the interpreter use it): one set of exceptions already reached is
 * shared by the whole tree, so an exception reached again as a cause or context is not
 * followed a second time, but every exception of a group gets its own node (it is printed in
 * the group even when it was printed above as a context); the work list is a stack, which
 * decides which of two places shows the chain of an exception reached from both.
 */
function buildTree(top: BaseException): TbNode {
  const seen = new Set<unknown>([top]);
  const node = (exc: BaseException): TbNode => {
    seen.add(exc);
    return { exc, cause: null, context: null, exceptions: null };
  };
  const root: TbNode = { exc: top, cause: null, context: null, exceptions: null };
  const queue: TbNode[] = [root];
  while (queue.length !== 0) {
    const te = queue.pop() as TbNode;
    const e = te.exc;
    const c = e.__cause__;
    const cause = c instanceof BaseException && !seen.has(c) ? node(c) : null;
    const x = e.__context__;
    const context =
      cause === null && !e.__suppress_context__ && x instanceof BaseException && !seen.has(x)
        ? node(x)
        : null;
    const exceptions = e instanceof BaseExceptionGroup ? e.exceptions.items.map(node) : null;
    te.cause = cause;
    te.context = context;
    te.exceptions = exceptions;
    if (cause !== null) queue.push(cause);
    if (context !== null) queue.push(context);
    if (exceptions !== null) queue.push(...exceptions);
  }
  return root;
}

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
  indent(): string {
    return " ".repeat(2 * this.depth);
  }
  /** `text` with every line (empty ones too) indented, as one piece of the output. */
  emit(text: string, margin: string | null = null): string {
    let ind = this.indent();
    if (this.depth) ind += `${margin ?? "|"} `;
    if (ind === "") return text;
    return text
      .split(/(?<=\n)/)
      .map((line) => ind + line)
      .join("");
  }
}

/** `str(x)`, or `<what str() failed>` when that raises (CPython's `_safe_string`). */
function safeString(x: unknown, what: string, fn: (v: unknown) => string = str): string {
  try {
    return fn(x);
  } catch {
    return `<${what} ${fn === str ? "str" : "repr"}() failed>`;
  }
}

const isIntValue = (x: unknown): x is bigint => typeof x === "bigint";

/**
 * The lines CPython's `TracebackException._format_syntax_error` gives a SyntaxError in place of
 * `SyntaxError: msg`: where it is (`  File "f.py", line 3`), the source line and a caret line under
 * `offset`..`end_offset` (1-based columns), then `stype: msg`.
 */
function syntaxErrorLines(f: PySyntaxError, stype: string): string[] {
  const out: string[] = [];
  let suffix = "";
  const lineno = f.lineno === null ? null : str(f.lineno);
  const endLineno = f.end_lineno === null ? null : str(f.end_lineno);
  if (lineno !== null) {
    out.push(
      `  File "${f.filename !== null && truthyText(f.filename) ? str(f.filename) : "<string>"}", line ${lineno}\n`,
    );
  } else if (f.filename !== null) suffix = ` (${str(f.filename)})`;
  if (typeof f.text === "string") {
    const rtext = f.text.replace(/\n+$/, "");
    const ltext = rtext.replace(/^[ \n\f]+/, "");
    const spaces = rtext.length - ltext.length;
    if (f.offset === null) out.push(`    ${ltext}\n`);
    else if (isIntValue(f.offset) || typeof f.offset === "boolean") {
      let offset = Number(f.offset);
      let end =
        lineno === endLineno
          ? isIntValue(f.end_offset) && f.end_offset !== 0n
            ? Number(f.end_offset)
            : offset
          : rtext.length + 1;
      if (f.text && offset > f.text.length) offset = rtext.length + 1;
      if (f.text && end > f.text.length) end = rtext.length + 1;
      if (offset >= end || end < 0) end = offset + 1;
      const colno = offset - 1 - spaces;
      const endColno = end - 1 - spaces;
      out.push(`    ${ltext}\n`);
      if (colno >= 0) {
        // Whitespace other than spaces (tabs) is kept, for alignment.
        const space = [...ltext.slice(0, colno)].map((c) => (/\s/.test(c) ? c : " ")).join("");
        out.push(`    ${space}${"^".repeat(Math.max(0, endColno - colno))}\n`);
      }
    }
  }
  const msg = f.msg === null || !truthyText(f.msg) ? "<no detail available>" : str(f.msg);
  out.push(`${stype}: ${msg}${suffix}\n`);
  return out;
}

/** Python truthiness of a str (or other value) the SyntaxError fields hold. */
function truthyText(x: unknown): boolean {
  return !(x === "" || x === null || x === undefined || x === false || x === 0n);
}

/**
 * The pieces of the last line(s) of a traceback: `ValueError: boom`, then each note line; with
 * `showGroup`, then those of each exception of a group, indented by three spaces a level (each
 * line of a message apart there).
 */
function exceptionOnlyLines(exc: BaseException, showGroup = false, depth = 0): string[] {
  const cls = exc.constructor;
  let stype = classQualname(cls);
  const mod = classModule(cls);
  if (mod !== "__main__" && mod !== "builtins") stype = `${mod}.${stype}`;
  const indent = " ".repeat(3 * depth);
  let out: string[];
  // Its fields (`msg`, `filename`, `lineno`, ...) come from its arguments (exceptions.ts).
  if (exc instanceof PySyntaxError) out = syntaxErrorLines(exc, stype).map((l) => indent + l);
  else {
    const value = safeString(exc, "exception");
    const first = value ? `${stype}: ${value}` : stype;
    out = depth === 0 ? [`${first}\n`] : first.split("\n").map((l) => `${indent}${l}\n`);
  }
  const notes = exc.__notes__ as unknown;
  if (notes !== undefined && notes !== null) {
    if (Array.isArray(notes) || notes instanceof Tuple) {
      // Any sequence but str and bytes: each note, str() of it.
      for (const note of Array.isArray(notes) ? notes : notes.items) {
        for (const l of safeString(note, "note").split("\n")) out.push(`${indent}${l}\n`);
      }
    } else out.push(`${indent}${safeString(notes, "__notes__", repr)}\n`);
  }
  if (showGroup && exc instanceof BaseExceptionGroup) {
    for (const x of exc.exceptions.items) out.push(...exceptionOnlyLines(x, true, depth + 1));
  }
  return out;
}

/** The last line(s) of a traceback: `ValueError: boom` plus the notes. */
export function formatExceptionOnly(exc: unknown): string {
  if (!(exc instanceof BaseException)) return `${String(exc)}\n`;
  return exceptionOnlyLines(exc).join("");
}

/** The pieces `traceback.format_exception_only(exc, show_group=...)` returns. */
export function formatExceptionOnlyLines(exc: unknown, showGroup = false): string[] {
  if (!(exc instanceof BaseException)) return [`${String(exc)}\n`];
  return exceptionOnlyLines(exc, showGroup);
}

/**
 * A group `except*` raises at its end (`starEnd`) is made in the frame of the `try` and CPython
 * does not list that frame: only the frames it then propagates through (none at the top level,
 * where the "Exception Group Traceback" header is not printed either).
 */
function callerFramesOnly(exc: BaseException): boolean {
  return (exc as { _tbCallersOnly?: boolean })._tbCallersOnly === true;
}

/** Fields of an exception raised again by `raise e` after it was caught (`reraiseFrames`). */
interface Reraised {
  /** The stack of the last `raise e`: the frames the traceback has gained since. */
  _tbLive?: Error;
  /** The frames it had when raised again, innermost last: they follow the live ones. */
  _tbFrozen?: string[];
}

/** The frames of the traceback of `exc`, one string per frame (`  File ...\n    code\n`). */
function frameList(exc: BaseException, limit: number | null): string[] {
  const live = (exc as Reraised)._tbLive;
  let frames = frameSource(
    live === undefined
      ? exc
      : ({ stack: live.stack, _tbReraise: exc._tbReraise } as unknown as BaseException),
  );
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
  const callers = (exc as { _tbDropCallers?: { stack?: string } })._tbDropCallers;
  if (callers !== undefined) {
    // Caught where the generator it was raised in was closed: without that code's frames.
    frames = frames.slice(frameSource(callers as BaseException).length);
  }
  const frozen = (exc as Reraised)._tbFrozen;
  if (frozen !== undefined) frames = frames.concat(frozen);
  if (limit !== null) frames = limit >= 0 ? frames.slice(0, limit) : frames.slice(limit);
  return frames;
}

/**
 * `raise e` of an exception that was raised before (and caught): CPython's traceback keeps the
 * frames it had, from the frame where it was caught inwards, and gains in front of them the
 * frames it passes through from the new `raise` on. Those old frames are taken now (while the
 * handler's `try` lines still tell where it was caught), and the new stack is taken here.
 */
export function reraiseFrames(exc: BaseException): void {
  if (!haveFrameSource) return;
  const frozen = frameList(exc, null);
  const r = exc as Reraised & { _tbCatchSite?: unknown; _tbCallersOnly?: boolean };
  r._tbFrozen = frozen;
  r._tbLive = new Error();
  r._tbCatchSite = undefined;
  r._tbCallersOnly = false;
  exc._tbReraise = undefined;
}

/** A frame's first line (`  File "x.py", line 3, in f`): frames repeat when these are equal. */
function frameKey(frame: string): string {
  const nl = frame.indexOf("\n");
  return nl < 0 ? frame : frame.slice(0, nl);
}

/**
 * The frames as printed: a run of more than three equal frames (recursion) is cut after three
 * with "[Previous line repeated N more times]", as CPython's `StackSummary.format`.
 */
export function collapseRepeats(frames: string[]): string[] {
  const out: string[] = [];
  let last: string | null = null;
  let count = 0;
  const flush = () => {
    if (count > RECURSIVE_CUTOFF) {
      const n = count - RECURSIVE_CUTOFF;
      out.push(`  [Previous line repeated ${n} more time${n > 1 ? "s" : ""}]\n`);
    }
  };
  for (const f of frames) {
    const key = frameKey(f);
    if (key !== last) {
      flush();
      last = key;
      count = 0;
    }
    count++;
    if (count <= RECURSIVE_CUTOFF) out.push(f);
  }
  flush();
  return out;
}

function framesOf(exc: BaseException, limit: number | null): string[] {
  return collapseRepeats(frameList(exc, limit));
}

/**
 * The frames of `exc`, the context of `during` (raised while `exc` was being handled), when
 * nothing cut them where `exc` was caught: an exception a `finally` block or a `with` statement's
 * `__exit__` was running for ends, in CPython, at the frame that ran that block. Its JS stack goes
 * on to the outermost frame; the frames it shares with `during`'s, from the outermost on (the
 * same function at the same line), are those outer frames, and are left out.
 */
function contextFramesOf(
  exc: BaseException,
  during: BaseException,
  limit: number | null,
): string[] {
  const r = exc as Reraised & { _tbCatchSite?: unknown; _tbDropCallers?: unknown };
  const uncut =
    exc._tbFirst === 0 &&
    r._tbFrozen === undefined &&
    r._tbCatchSite === undefined &&
    r._tbDropCallers === undefined;
  if (!uncut) return framesOf(exc, limit);
  let frames = frameList(exc, null);
  const outer = frameList(during, null);
  let k = 0;
  while (k < frames.length - 1 && k < outer.length && frames[k] === outer[k]) k++;
  frames = frames.slice(k);
  if (limit !== null) frames = limit >= 0 ? frames.slice(0, limit) : frames.slice(limit);
  return collapseRepeats(frames);
}

/** Raised exceptions have a traceback (see `markRaised`); others print without a header. */
function hasTraceback(exc: BaseException): boolean {
  return exc.__traceback__ !== null;
}

/** The pieces of the traceback of `top` (CPython's `TracebackException.format`). */
function formatNode(top: TbNode, ctx: Ctx, out: string[]): void {
  const chain: [string | null, TbNode][] = [];
  if (ctx.chain) {
    for (let n: TbNode | null = top; n !== null; ) {
      if (n.cause !== null) {
        chain.push([CAUSE_MESSAGE, n]);
        n = n.cause;
      } else if (n.context !== null) {
        chain.push([CONTEXT_MESSAGE, n]);
        n = n.context;
      } else {
        chain.push([null, n]);
        n = null;
      }
    }
  } else chain.push([null, top]);
  for (let i = chain.length - 1; i >= 0; i--) {
    const [msg, node] = chain[i];
    const ex = node.exc;
    if (msg !== null) out.push(ctx.emit(msg));
    if (node.exceptions === null) {
      if (hasTraceback(ex) && ctx.limit !== 0) {
        out.push(ctx.emit("Traceback (most recent call last):\n"));
        const during = i > 0 && chain[i - 1][0] === CONTEXT_MESSAGE ? chain[i - 1][1].exc : null;
        const frames =
          during === null ? framesOf(ex, ctx.limit) : contextFramesOf(ex, during, ctx.limit);
        for (const f of frames) out.push(ctx.emit(f));
      }
      for (const l of exceptionOnlyLines(ex)) out.push(ctx.emit(l));
    } else if (ctx.depth > MAX_GROUP_DEPTH) {
      out.push(ctx.emit(`... (max_group_depth is ${MAX_GROUP_DEPTH})\n`));
    } else {
      const isToplevel = ctx.depth === 0;
      if (isToplevel) ctx.depth++;
      const frames = framesOf(ex, ctx.limit);
      if (hasTraceback(ex) && ctx.limit !== 0 && !(frames.length === 0 && callerFramesOnly(ex))) {
        out.push(
          ctx.emit("Exception Group Traceback (most recent call last):\n", isToplevel ? "+" : null),
        );
        for (const f of frames) out.push(ctx.emit(f));
      }
      for (const l of exceptionOnlyLines(ex)) out.push(ctx.emit(l));
      const excs = node.exceptions;
      const n = excs.length <= MAX_GROUP_WIDTH ? excs.length : MAX_GROUP_WIDTH + 1;
      ctx.needClose = false;
      for (let k = 0; k < n; k++) {
        const last = k === n - 1;
        if (last) ctx.needClose = true;
        const truncated = k >= MAX_GROUP_WIDTH;
        const title = truncated ? "..." : `${k + 1}`;
        out.push(
          `${ctx.indent()}${k === 0 ? "+-" : "  "}+---------------- ${title} ----------------\n`,
        );
        ctx.depth++;
        if (!truncated) formatNode(excs[k], ctx, out);
        else {
          const remaining = excs.length - MAX_GROUP_WIDTH;
          out.push(ctx.emit(`and ${remaining} more exception${remaining > 1 ? "s" : ""}\n`));
        }
        if (last && ctx.needClose) {
          out.push(`${ctx.indent()}+------------------------------------\n`);
          ctx.needClose = false;
        }
        ctx.depth--;
      }
      if (isToplevel) ctx.depth = 0;
    }
  }
}

/**
 * The pieces `traceback.format_exception(exc)` returns: one per header, frame (its two lines
 * together), chaining message, group box line and line of the exception and its notes. An
 * exception that was raised (`markRaised`, done by `runMain` for uncaught ones) gets the
 * "Traceback (most recent call last):" header; one never raised prints without it.
 */
export function formatExceptionLines(
  exc: unknown,
  chain = true,
  limit: number | null = null,
): string[] {
  if (!(exc instanceof BaseException)) return [formatExceptionOnly(exc)];
  const ctx = new Ctx();
  ctx.chain = chain;
  ctx.limit = limit;
  const out: string[] = [];
  formatNode(buildTree(exc), ctx, out);
  return out;
}

/**
 * What CPython's unraisable hook prints for an exception that cannot propagate (raised while a
 * dropped generator was closed): "Exception ignored in: <repr of obj>", then the traceback.
 */
export function formatUnraisable(exc: BaseException, obj: unknown): string {
  const where = safeString(obj, "object", repr);
  if (exc.__traceback__ === null) exc.__traceback__ = [];
  // The default `sys.unraisablehook` prints the exception alone, without its chain.
  return `Exception ignored in: ${where}\n${formatException(exc, false)}`;
}

/** What `traceback.format_exception(exc)` joins to, ending with a newline. */
export function formatException(exc: unknown, chain = true, limit: number | null = null): string {
  return formatExceptionLines(exc, chain, limit).join("");
}
