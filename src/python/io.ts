/**
 * Text I/O for transpiled programs: `sys.stdout`/`sys.stderr` stream objects, `print`, `input`
 * and the in-memory streams `io.StringIO` and `io.BytesIO` (the `io` module, stdlib/io.ts, makes
 * them library classes and documents them).
 *
 * Streams write to the process file descriptors with synchronous `fs.writeSync` (never
 * `console.log`), buffered like CPython: stdout is block-buffered (8 KiB) when not a terminal
 * and line-buffered on a terminal; stderr is line-buffered; with `PYTHONUNBUFFERED` set, both
 * write at once. Everything still buffered is
 * flushed at process exit, so output order at exit matches CPython's.
 *
 * A closed pipe (`prog | head`; Node ignores SIGPIPE, as CPython does) raises
 * `BrokenPipeError: [Errno 32] Broken pipe` from the write; when the flush at exit fails, CPython's
 * "Exception ignored on flushing sys.stdout:" is printed and the process exits with 120.
 * The std streams are named `_io.TextIOWrapper` and have CPython's attributes (`mode`, `errors`,
 * `line_buffering`, `write_through`) and `reconfigure(...)`.
 */

import * as fs from "node:fs";
import { Bytes, BytesLike } from "./bytes";
import { encode, normalizeEncoding } from "./codecs";
import {
  BrokenPipeError,
  EOFError,
  NotImplementedError,
  OSError,
  TypeError as PyTypeError,
  RuntimeError,
  StopIteration,
  ValueError,
} from "./exceptions";
import { Kw } from "./kw";
import { index } from "./numbers";
import { id } from "./objects";
import { iter } from "./protocol";
import { repr, str } from "./repr";
import { clinicArgs } from "./stdlib/types";
import { typeName } from "./types";

/** `io.UnsupportedOperation` (from _io.ts, loaded on first use: it imports this module). */
function unsupportedOperation(): new (msg: string) => Error {
  return (require("./_io") as typeof import("./_io")).UnsupportedOperation();
}

/** No lone surrogate in `s` (ES2024's `String.prototype.isWellFormed`, in Node 20). */
function wellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Bytes/chars buffered before a block-buffered stream writes (CPython's io.DEFAULT_BUFFER_SIZE). */
const BUFFER_SIZE = 8192;

/**
 * CPython's default `errors` of stdin and stdout: "surrogateescape" under the C or POSIX locale
 * (C.UTF-8 too) or in UTF-8 mode (`PYTHONUTF8=1`), else "strict". stderr's is always
 * "backslashreplace".
 */
function stdErrors(): string {
  const env = process.env;
  if (env.PYTHONUTF8 === "1") return "surrogateescape";
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "C";
  return locale === "C" || locale === "POSIX" || locale.startsWith("C.")
    ? "surrogateescape"
    : "strict";
}

/** Whether `lseek` works on `fd` (CPython's `seekable()` of the std streams). */
function seekableFd(fd: number): boolean {
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile() || st.isBlockDevice()) return true;
    return st.isCharacterDevice() && !isTTY(fd);
  } catch {
    return false;
  }
}

/**
 * The checked arguments of `reconfigure(*, encoding=None, errors=None, newline=None,
 * line_buffering=None, write_through=None)` (CPython's `_io.TextIOWrapper.reconfigure`), None
 * for those not given. An encoding given without errors resets errors to "strict".
 */
function reconfigureArgs(args: unknown[]): {
  encoding: string | null;
  errors: string | null;
  newline: string | null | undefined;
  line_buffering: boolean | null;
  write_through: boolean | null;
} {
  const kw = args.length > 0 && args[args.length - 1] instanceof Kw ? (args.pop() as Kw) : null;
  if (args.length > 0) throw new PyTypeError("reconfigure() takes no positional arguments");
  const k = (kw?.kwargs ?? {}) as Record<string, unknown>;
  const names = ["encoding", "errors", "newline", "line_buffering", "write_through"];
  for (const key of Object.keys(k)) {
    if (!names.includes(key))
      throw new PyTypeError(`reconfigure() got an unexpected keyword argument '${key}'`);
  }
  const text = (name: string): string | null => {
    const v = k[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== "string")
      throw new PyTypeError(
        `reconfigure() argument '${name}' must be str or None, not ${typeName(v)}`,
      );
    return v;
  };
  const flag = (name: string): boolean | null => {
    const v = k[name];
    if (v === undefined || v === null) return null;
    return index(v) !== 0n;
  };
  const encoding = text("encoding");
  let errors = text("errors");
  const newline = "newline" in k ? text("newline") : undefined;
  if (newline !== undefined && newline !== null && !["", "\n", "\r", "\r\n"].includes(newline))
    throw new ValueError(`illegal newline value: ${newline}`);
  const line_buffering = flag("line_buffering");
  const write_through = flag("write_through");
  if (encoding !== null) {
    normalizeEncoding(encoding); // LookupError: unknown encoding: ...
    errors ??= "strict";
  }
  return { encoding, errors, newline, line_buffering, write_through };
}

/**
 * A text stream on a file descriptor: `sys.stdout` and `sys.stderr`, Python's
 * `_io.TextIOWrapper` as far as programs see it. Text is buffered as strings and encoded as UTF-8
 * when the buffer is written. A write that UTF-8 cannot encode plainly (a lone surrogate), or any
 * write after `reconfigure(encoding=..., errors=...)` to another codec or error handler, is
 * encoded at once with src/python/codecs.ts and buffered as bytes, so that an unencodable
 * character raises from the `print`, as in CPython.
 */
export class TextStream {
  private buf: (string | Uint8Array)[] = [];
  private bufLen = 0;
  /** Whether `buf` holds bytes (then written piece by piece). */
  private hasBytes = false;
  private encoded = false;
  private _encoding = "utf-8";
  /** "\r" or "\r\n": what "\n" is written as (`newline=`); null writes "\n" unchanged. */
  private writeNewline: string | null = null;
  closed = false;
  readonly mode = "w";
  readonly newlines = null;

  constructor(
    readonly fd: number,
    readonly name: string,
    public line_buffering: boolean,
    /** Every write goes out at once (`PYTHONUNBUFFERED`, CPython's `-u`). */
    public write_through = false,
    public errors = "strict",
  ) {}

  get encoding(): string {
    return this._encoding;
  }

  write(s: unknown): bigint {
    if (typeof s !== "string") {
      throw new PyTypeError(`write() argument must be str, not ${typeName(s)}`);
    }
    this.writeText(s, this.encodesPlainly(s));
    return BigInt(Array.from(s).length);
  }

  /** Whether writing `s` cannot fail to encode (UTF-8 of well-formed text). */
  encodesPlainly(s: string): boolean {
    return !this.encoded && wellFormed(s);
  }

  /**
   * `write(s)` of a str whose `encodesPlainly(s)` the caller knows (`print` asks once for its
   * whole line), without the count of code points `write` returns.
   */
  writeText(s: string, plain: boolean): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    if (s.length === 0) return;
    const text = this.writeNewline === null ? s : s.replace(/\n/g, this.writeNewline);
    if (plain) {
      this.buf.push(text);
      this.bufLen += text.length;
    } else {
      const data = encode(text, this._encoding, this.errors);
      this.buf.push(data);
      this.hasBytes = true;
      this.bufLen += data.length;
    }
    if (
      this.write_through ||
      this.bufLen >= BUFFER_SIZE ||
      (this.line_buffering && (s.includes("\n") || s.includes("\r")))
    ) {
      this.writeBuffer(false);
    }
  }

  /**
   * `flush()`. When the write fails (a closed pipe), the text stays buffered, so that the flush at
   * exit fails again and reports it, as in CPython; a write that fills the buffer drops it.
   */
  flush(): null {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    this.writeBuffer(true);
    return null;
  }

  /** `close()`: flush, then every write or flush raises ValueError (the exit flush skips it). */
  close(): null {
    if (this.closed) return null;
    try {
      this.flush();
    } finally {
      this.closed = true;
    }
    return null;
  }

  private writeBuffer(keepOnError: boolean): void {
    if (this.bufLen === 0) return;
    const data = this.hasBytes
      ? Buffer.concat(this.buf.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)))
      : Buffer.from((this.buf as string[]).join(""), "utf8");
    try {
      writeAll(this.fd, data);
    } catch (e) {
      if (!keepOnError) this.discardBuffer();
      throw e;
    }
    this.discardBuffer();
  }

  /** Drop what is buffered (after the exit flush reported its failure). */
  discardBuffer(): void {
    this.buf = [];
    this.hasBytes = false;
    this.bufLen = 0;
  }

  /** `reconfigure(*, encoding, errors, newline, line_buffering, write_through)`. */
  reconfigure(...args: unknown[]): null {
    const a = reconfigureArgs(args);
    this.flush();
    if (a.encoding !== null) this._encoding = a.encoding;
    if (a.errors !== null) this.errors = a.errors;
    if (a.newline !== undefined)
      this.writeNewline = a.newline === "\r" || a.newline === "\r\n" ? a.newline : null;
    if (a.line_buffering !== null) this.line_buffering = a.line_buffering;
    if (a.write_through !== null) this.write_through = a.write_through;
    // The fast path (UTF-8 of the whole buffer at flush) is CPython's encoding for well-formed
    // text under any error handler; ill-formed text is encoded by `write` (see the class).
    this.encoded = normalizeEncoding(this._encoding) !== "utf-8";
    return null;
  }

  fileno(): bigint {
    return BigInt(this.fd);
  }

  isatty(): boolean {
    return isTTY(this.fd);
  }

  readable(): boolean {
    return false;
  }

  writable(): boolean {
    return true;
  }

  seekable(): boolean {
    return seekableFd(this.fd);
  }

  read(..._args: unknown[]): never {
    throw new (unsupportedOperation())("not readable");
  }

  readline(..._args: unknown[]): never {
    throw new (unsupportedOperation())("not readable");
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name='${this.name}' mode='w' encoding='${this._encoding}'>`;
  }
}

/**
 * Write every byte, retrying on EAGAIN (non-blocking pipes). A closed pipe (`prog | head`) raises
 * CPython's `BrokenPipeError: [Errno 32] Broken pipe` (Node ignores SIGPIPE, as CPython does);
 * what was buffered is dropped, so the exit flush does not fail again.
 */
function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        continue;
      }
      if (code === "EPIPE") throw new BrokenPipeError(32n, "Broken pipe");
      throw e;
    }
  }
}

/**
 * `os.isatty(fd)`. A file, pipe or socket is answered from `fstat` alone: loading node:tty (which
 * loads node:net) costs 4-12 ms of every program's startup, and only a character device can be a
 * terminal.
 */
function isTTY(fd: number): boolean {
  try {
    if (!fs.fstatSync(fd).isCharacterDevice()) return false;
    return require("node:tty").isatty(fd);
  } catch {
    return false;
  }
}

/** `PYTHONUNBUFFERED` set to a non-empty string makes stdout and stderr unbuffered, as in CPython. */
const unbuffered = (process.env.PYTHONUNBUFFERED ?? "") !== "";

// CPython's create_stdio: unbuffered streams write through and are not line-buffered; else
// stdout is line-buffered on a terminal and stderr always.
export const stdout = new TextStream(
  1,
  "<stdout>",
  !unbuffered && isTTY(1),
  unbuffered,
  stdErrors(),
);
export const stderr = new TextStream(2, "<stderr>", !unbuffered, unbuffered, "backslashreplace");
export const __stdout__ = stdout;
export const __stderr__ = stderr;

/** Current `sys.stdin`/`sys.stdout`/`sys.stderr` (programs may replace them through sys). */
export const streams: { stdin: unknown; stdout: unknown; stderr: unknown } = {
  stdin: null,
  stdout,
  stderr,
};

/** Set when flushing sys.stdout/sys.stderr at exit failed: the process then exits with 120. */
let exitFlushFailed = false;

/**
 * Flush both standard streams (done at exit), as CPython's `flush_std_files`: an error flushing
 * `sys.stdout` or `sys.stderr` (a reader that closed the pipe) is reported as "Exception ignored
 * on flushing sys.stdout:" with the exception, and the exit status becomes 120.
 */
export function flushStd(): void {
  const targets: [unknown, string][] = [
    [streams.stdout, "sys.stdout"],
    [streams.stderr, "sys.stderr"],
    [stdout, ""],
    [stderr, ""],
  ];
  for (const [s, name] of targets) {
    if (s === null || s === undefined || (s as { closed?: unknown }).closed === true) continue;
    const f = (s as { flush?: () => unknown }).flush;
    if (typeof f !== "function") continue;
    try {
      f.call(s);
    } catch (e) {
      if (s instanceof TextStream) s.discardBuffer();
      if (name === "") continue;
      exitFlushFailed = true;
      reportIgnored(`Exception ignored on flushing ${name}`, e);
    }
  }
}

/** CPython's "Exception ignored ..." report on stderr (the exception without a traceback). */
function reportIgnored(what: string, e: unknown): void {
  const { toPyException } = require("./exceptions") as typeof import("./exceptions");
  const { formatExceptionOnly } = require("./traceback") as typeof import("./traceback");
  try {
    stderr.write(`${what}:\n${formatExceptionOnly(toPyException(e))}`);
    stderr.flush();
  } catch {
    // stderr is gone too
  }
}

process.on("exit", () => {
  flushStd();
  if (exitFlushFailed) process.exitCode = 120;
});

/** `print(*objects, sep=' ', end='\n', file=None, flush=False)`. */
export function print(...args: unknown[]): null {
  let sep: unknown = " ";
  let end: unknown = "\n";
  let file: unknown = null;
  let flush: unknown = false;
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw) {
    const k = (args.pop() as Kw).kwargs as Record<string, unknown>;
    for (const key of Object.keys(k)) {
      if (key === "sep") sep = k.sep;
      else if (key === "end") end = k.end;
      else if (key === "file") file = k.file;
      else if (key === "flush") flush = k.flush;
      else throw new PyTypeError(`print() got an unexpected keyword argument '${key}'`);
    }
  }
  if (sep === null || sep === undefined) sep = " ";
  else if (typeof sep !== "string") {
    throw new PyTypeError(`sep must be None or a string, not ${typeName(sep)}`);
  }
  if (end === null || end === undefined) end = "\n";
  else if (typeof end !== "string") {
    throw new PyTypeError(`end must be None or a string, not ${typeName(end)}`);
  }
  const out = (file ?? streams.stdout) as { write?: (s: string) => unknown; flush?: () => unknown };
  if (out === null || out === undefined) return null;
  if (typeof out.write !== "function") {
    throw new PyTypeError(`'${typeName(out)}' object has no attribute 'write'`);
  }
  if (out instanceof TextStream) {
    // One write call for speed: the same bytes as CPython's per-item writes, unless an item may
    // not encode (then the items are written one by one, so what came before it is written).
    const m = args.length;
    const items = new Array<string>(m);
    let whole = "";
    for (let i = 0; i < m; i++) {
      const item = str(args[i]);
      items[i] = item;
      whole += i > 0 ? sep + item : item;
    }
    whole += end;
    if (out.encodesPlainly(whole)) out.writeText(whole, true);
    else {
      for (let i = 0; i < m; i++) {
        if (i > 0) out.write(sep as string);
        out.write(items[i]!);
      }
      out.write(end as string);
    }
  } else {
    for (let i = 0; i < args.length; i++) {
      if (i > 0) out.write(sep as string);
      out.write(str(args[i]));
    }
    out.write(end as string);
  }
  if (flush && flush !== 0n && typeof out.flush === "function") out.flush();
  return null;
}

/**
 * The decoded text of fd 0, read synchronously on demand and shared by `input()` and
 * `sys.stdin`. As CPython's stdin on POSIX (`newline="\n"`), lines end at `\n` only and `\r` is
 * kept.
 */
const stdinState = {
  text: "",
  eof: false,
  decoder: null as import("node:string_decoder").StringDecoder | null,
};

/** Read one more chunk of fd 0 into `stdinState.text`; false at end of file. */
function fillStdin(): boolean {
  if (stdinState.eof) return false;
  stdinState.decoder ??= new (require("node:string_decoder").StringDecoder)("utf8");
  const chunk = Buffer.alloc(65536);
  let n: number;
  for (;;) {
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
      break;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === "EOF") {
        n = 0;
        break;
      }
      throw e;
    }
  }
  let s: string;
  if (n === 0) {
    stdinState.eof = true;
    s = stdinState.decoder!.end();
  } else {
    s = stdinState.decoder!.write(chunk.subarray(0, n));
  }
  stdinState.text += s;
  return true;
}

/** Up to `size` characters of stdin (all of it if negative), "" at EOF. */
function readStdin(size: number): string {
  while ((size < 0 || stdinState.text.length < size) && fillStdin()) {}
  const n = size < 0 ? stdinState.text.length : Math.min(size, stdinState.text.length);
  const out = stdinState.text.slice(0, n);
  stdinState.text = stdinState.text.slice(n);
  return out;
}

/** One line of stdin with its newline (at most `size` characters if `size >= 0`), "" at EOF. */
function readStdinLine(size = -1): string {
  let from = 0;
  for (;;) {
    const nl = stdinState.text.indexOf("\n", from);
    if (nl >= 0) return readStdin(size >= 0 ? Math.min(size, nl + 1) : nl + 1);
    if (size >= 0 && stdinState.text.length >= size) return readStdin(size);
    from = stdinState.text.length;
    if (!fillStdin()) return readStdin(size);
  }
}

/** Read one line from fd 0 synchronously (with its newline), or null at EOF. */
export function readLine(): string | null {
  const line = readStdinLine();
  return line === "" ? null : line;
}

function sizeArg(size: unknown, what = "argument"): number {
  if (size === null || size === undefined) return -1;
  if (typeof size === "bigint" || typeof size === "boolean") return Number(size);
  throw new PyTypeError(`${what} should be integer or None, not '${typeName(size)}'`);
}

/** `sys.stdin`: a read-only text stream on fd 0 (Python's `TextIOWrapper` as programs see it). */
export class InputStream {
  closed = false;
  readonly fd = 0;
  readonly name = "<stdin>";
  readonly mode = "r";
  readonly encoding = "utf-8";
  errors = stdErrors();
  line_buffering = !unbuffered && isTTY(0);
  write_through = unbuffered;
  readonly newlines = null;

  /**
   * `reconfigure(...)`: stdin is decoded as UTF-8 with "\n" line ends only, so another encoding
   * or newline is refused (NotImplementedError) rather than read wrongly.
   */
  reconfigure(...args: unknown[]): null {
    const a = reconfigureArgs(args);
    if (a.encoding !== null && normalizeEncoding(a.encoding) !== "utf-8")
      throw new NotImplementedError("asyncio-ts reads sys.stdin as UTF-8 only");
    if (a.newline !== undefined && a.newline !== "\n")
      throw new NotImplementedError("asyncio-ts reads sys.stdin with newline='\\n' only");
    if (a.errors !== null) this.errors = a.errors;
    if (a.line_buffering !== null) this.line_buffering = a.line_buffering;
    if (a.write_through !== null) this.write_through = a.write_through;
    return null;
  }

  write(..._args: unknown[]): never {
    throw new (unsupportedOperation())("not writable");
  }

  private check(): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
  }

  /** `readline(size=-1)`. */
  readline(size: unknown = -1n): string {
    this.check();
    return readStdinLine(sizeArg(size));
  }

  /** `readlines(hint=-1)`: the remaining lines (stopping once `hint` characters were read). */
  readlines(hint: unknown = -1n): string[] {
    this.check();
    const limit = sizeArg(hint);
    const out: string[] = [];
    let total = 0;
    for (;;) {
      const line = readStdinLine();
      if (line === "") break;
      out.push(line);
      total += line.length;
      if (limit > 0 && total >= limit) break;
    }
    return out;
  }

  /** `read(size=-1)`. */
  read(size: unknown = -1n): string {
    this.check();
    return readStdin(sizeArg(size));
  }

  __iter__(): this {
    this.check();
    return this;
  }

  __next__(): string {
    this.check();
    const line = readStdinLine();
    if (line === "") throw new StopIteration();
    return line;
  }

  *[Symbol.iterator](): Generator<string, void, unknown> {
    this.check();
    for (;;) {
      const line = readStdinLine();
      if (line === "") return;
      yield line;
    }
  }

  __enter__(): this {
    this.check();
    return this;
  }

  __exit__(..._args: unknown[]): null {
    this.close();
    return null;
  }

  close(): null {
    this.closed = true;
    return null;
  }

  fileno(): bigint {
    return 0n;
  }

  isatty(): boolean {
    return isTTY(0);
  }

  readable(): boolean {
    return true;
  }

  writable(): boolean {
    return false;
  }

  seekable(): boolean {
    return seekableFd(0);
  }

  __repr__(): string {
    return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>";
  }
}

/**
 * Name a runtime class as CPython's (`_io.TextIOWrapper`): `type(sys.stdout)` and its repr. Its
 * instances cannot be pickled, so neither copied: `copy.copy`/`copy.deepcopy` raise CPython's
 * TypeError ("cannot pickle 'TextIOWrapper' instances") through `__copy__`/`__deepcopy__`.
 */
export function nameIoClass(cls: Function, name: string, module = "_io"): void {
  for (const [k, v] of [
    ["__name__", name],
    ["__qualname__", name],
    ["__module__", module],
    // Error messages name a C type by its `tp_name`: "'_io.TextIOWrapper' and 'int'".
    ["__tp_name__", `${module}.${name}`],
  ]) {
    Object.defineProperty(cls, k as string, { value: v, writable: true, configurable: true });
  }
  const refuse = (): never => {
    throw new PyTypeError(`cannot pickle '${name}' instances`);
  };
  for (const k of ["__getstate__", "__copy__", "__deepcopy__"])
    Object.defineProperty(cls.prototype, k, { value: refuse, writable: true, configurable: true });
}

nameIoClass(TextStream, "TextIOWrapper");
nameIoClass(InputStream, "TextIOWrapper");

export const stdin = new InputStream();
export const __stdin__ = stdin;
streams.stdin = stdin;

/** `input(prompt='')`. */
export function input(prompt: unknown = ""): string {
  const out = streams.stdout as { write: (s: string) => unknown; flush?: () => unknown };
  if (prompt !== "" && prompt !== null && prompt !== undefined) out.write(str(prompt));
  if (typeof out.flush === "function") out.flush();
  (streams.stderr as { flush?: () => unknown }).flush?.();
  const src = streams.stdin;
  let line: string | null;
  if (src === stdin) line = readLine();
  else if (src === null || src === undefined) throw new RuntimeError("input(): lost sys.stdin");
  else {
    const r = (src as { readline?: () => unknown }).readline?.call(src);
    if (typeof r !== "string") throw new PyTypeError("object.readline() returned non-string");
    line = r === "" ? null : r;
  }
  if (line === null) throw new EOFError("EOF when reading a line");
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}

function closedError(): ValueError {
  return new ValueError("I/O operation on closed file.");
}

/** The arguments of `StringIO(...)`/`BytesIO(...)` by name, with CPython's TypeErrors. */
function memoryArgs(
  fname: string,
  args: unknown[],
  names: string[],
  defaults: unknown[],
): unknown[] {
  const given = clinicArgs(fname, args, names, 0);
  return names.map((_, i) => (given[i] === undefined ? defaults[i] : given[i]));
}

/** `read(size)`'s size: None or a negative int read everything (returned as -1). */
function memorySize(size: unknown): number {
  if (size === null || size === undefined) return -1;
  if (typeof size !== "bigint" && typeof size !== "boolean" && !hasIndex(size))
    throw new PyTypeError(`argument should be integer or None, not '${typeName(size)}'`);
  const n = index(size);
  return n < 0n ? -1 : Number(n);
}

function hasIndex(x: unknown): boolean {
  return typeof (x as { __index__?: unknown } | null)?.__index__ === "function";
}

/** Shared by StringIO and BytesIO: closing, `with`, iteration, `readlines`, `writelines`. */
abstract class MemoryStream<T> {
  closed = false;

  protected check(): void {
    if (this.closed) throw this.closedError();
  }

  /** CPython's BytesIO ends the message with a period, its StringIO does not. */
  protected closedError(): ValueError {
    return closedError();
  }

  /** The check of the methods both inherit from IOBase (its message has the period). */
  protected checkIOBase(): void {
    if (this.closed) throw closedError();
  }

  abstract readline(size?: unknown): T;
  abstract write(x: unknown): bigint;
  protected abstract sizeOf(x: T): number;

  close(): null {
    this.closed = true;
    return null;
  }

  flush(): null {
    this.check();
    return null;
  }

  readable(): boolean {
    this.check();
    return true;
  }

  writable(): boolean {
    this.check();
    return true;
  }

  seekable(): boolean {
    this.check();
    return true;
  }

  isatty(): boolean {
    this.checkIOBase();
    return false;
  }

  __enter__(): this {
    this.checkIOBase();
    return this;
  }

  __exit__(..._exc: unknown[]): boolean {
    this.close();
    return false;
  }

  __iter__(): this {
    this.checkIOBase();
    return this;
  }

  __next__(): T {
    const line = this.readline();
    if (this.sizeOf(line) === 0) throw new StopIteration();
    return line;
  }

  [Symbol.iterator](): Iterator<T> {
    this.checkIOBase();
    return {
      next: () => {
        const line = this.readline();
        return this.sizeOf(line) === 0
          ? { done: true, value: undefined }
          : { done: false, value: line };
      },
    };
  }

  readlines(hint: unknown = -1n): T[] {
    this.checkIOBase();
    const limit = hint === null ? -1 : Number(index(hint));
    const out: T[] = [];
    let total = 0;
    for (;;) {
      const line = this.readline();
      const n = this.sizeOf(line);
      if (n === 0) break;
      out.push(line);
      total += n;
      if (limit > 0 && total >= limit) break;
    }
    return out;
  }

  writelines(lines: unknown): null {
    this.checkIOBase();
    for (const line of iter(lines)) this.write(line);
    return null;
  }
}

/** The index in `s` after `n` code points from `i`. */
function advance(s: string, i: number, n: number): number {
  while (n > 0 && i < s.length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? 2 : 1;
    n--;
  }
  return i;
}

/** The number of code points in `s` (from `start` to `end`). */
function codePoints(s: string, start = 0, end = s.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c < 0xe000 && i > start && s.charCodeAt(i - 1) >= 0xd800)) n++;
  }
  return n;
}

export class StringIO extends MemoryStream<string> {
  private value = "";
  /** The position in UTF-16 code units (always at a code point boundary). */
  private at = 0;
  private readonly newline: string | null;

  protected override closedError(): ValueError {
    return new ValueError("I/O operation on closed file");
  }

  /** A closed StringIO's `flush()` does nothing, as CPython's. */
  override flush(): null {
    return null;
  }

  constructor(...args: unknown[]) {
    super();
    const [initial, newline] = memoryArgs(
      "StringIO",
      args,
      ["initial_value", "newline"],
      ["", "\n"],
    );
    if (newline !== null && typeof newline !== "string")
      throw new PyTypeError(`newline must be str or None, not ${typeName(newline)}`);
    if (newline !== null && !["", "\n", "\r", "\r\n"].includes(newline))
      throw new ValueError(`illegal newline value: ${repr(newline)}`);
    this.newline = newline;
    if (initial !== null && typeof initial !== "string")
      throw new PyTypeError(`initial_value must be str or None, not ${typeName(initial)}`);
    if (initial !== null && initial !== "") {
      this.write(initial);
      this.at = 0;
    }
  }

  protected sizeOf(x: string): number {
    return x.length;
  }

  private translate(s: string): string {
    if (this.newline === null) return s.replace(/\r\n?/g, "\n");
    if (this.newline === "\r" || this.newline === "\r\n") return s.replace(/\n/g, this.newline);
    return s;
  }

  write(s: unknown): bigint {
    this.check();
    if (typeof s !== "string")
      throw new PyTypeError(`string argument expected, got '${typeName(s)}'`);
    const n = codePoints(s);
    if (s.length === 0) return 0n;
    const t = this.translate(s);
    if (this.at === this.value.length) this.value += t;
    else {
      let v = this.value;
      if (this.at > v.length) v += "\0".repeat(this.at - v.length);
      v = v.slice(0, this.at) + t + v.slice(this.at + t.length);
      this.value = v;
    }
    this.at += t.length;
    return BigInt(n);
  }

  getvalue(): string {
    this.check();
    return this.value;
  }

  read(size: unknown = -1n): string {
    this.check();
    const n = memorySize(size);
    if (this.at >= this.value.length) return "";
    const end = n < 0 ? this.value.length : advance(this.value, this.at, n);
    const out = this.value.slice(this.at, end);
    this.at = end;
    return out;
  }

  /** The end (exclusive) of the line starting at `i`, or the end of the value. */
  private lineEnd(i: number): number {
    const v = this.value;
    const nl = this.newline;
    if (nl === "") {
      const j = v.slice(i).search(/[\r\n]/);
      if (j < 0) return v.length;
      const k = i + j;
      return v[k] === "\r" && v[k + 1] === "\n" ? k + 2 : k + 1;
    }
    const sep = nl === null ? "\n" : nl;
    const k = v.indexOf(sep, i);
    return k < 0 ? v.length : k + sep.length;
  }

  readline(size: unknown = -1n): string {
    this.check();
    const limit = memorySize(size);
    if (this.at >= this.value.length) return "";
    let end = this.lineEnd(this.at);
    if (limit >= 0) end = Math.min(end, advance(this.value, this.at, limit));
    const out = this.value.slice(this.at, end);
    this.at = end;
    return out;
  }

  tell(): bigint {
    this.check();
    return BigInt(
      this.at <= this.value.length
        ? codePoints(this.value, 0, this.at)
        : codePoints(this.value) + this.at - this.value.length,
    );
  }

  seek(pos: unknown, whence: unknown = 0n): bigint {
    const p = index(pos);
    const w = index(whence);
    this.check();
    if (w < 0n || w > 2n) throw new ValueError(`Invalid whence (${w}, should be 0, 1 or 2)`);
    if (w === 0n && p < 0n) throw new ValueError(`Negative seek position ${p}`);
    if (w !== 0n && p !== 0n)
      // CPython says "cur-relative" for end-relative seeks too.
      throw new OSError("Can't do nonzero cur-relative seeks");
    if (w === 2n) this.at = this.value.length;
    else if (w === 0n) {
      const total = codePoints(this.value);
      const k = Number(p);
      this.at = k <= total ? advance(this.value, 0, k) : this.value.length + (k - total);
    }
    return this.tell();
  }

  truncate(size: unknown = null): bigint {
    this.check();
    const n = size === null ? Number(this.tell()) : Number(index(size));
    if (n < 0) throw new ValueError(`Negative size value ${n}`);
    const end = advance(this.value, 0, n);
    if (end < this.value.length) this.value = this.value.slice(0, end);
    return BigInt(n);
  }

  __repr__(): string {
    return `<_io.StringIO object at 0x${id(this).toString(16)}>`;
  }
}

/** The bytes of a bytes-like write argument. */
function writeData(b: unknown): Uint8Array {
  if (b instanceof BytesLike) return b.data;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(b)}'`);
}

export class BytesIO extends MemoryStream<Bytes> {
  private buf: Uint8Array;
  private size: number;
  private at = 0;

  /** BytesIO's own `__iter__` does not check that it is open (its `__next__` does). */
  override __iter__(): this {
    return this;
  }

  constructor(...args: unknown[]) {
    super();
    const [initial] = memoryArgs("BytesIO", args, ["initial_bytes"], [null]);
    const data = initial === null ? new Uint8Array(0) : writeData(initial);
    this.buf = data.slice();
    this.size = data.length;
  }

  protected sizeOf(x: Bytes): number {
    return x.data.length;
  }

  private view(start: number, end: number): Bytes {
    return new Bytes(this.buf.slice(start, end));
  }

  getvalue(): Bytes {
    this.check();
    return this.view(0, this.size);
  }

  read(size: unknown = -1n): Bytes {
    this.check();
    const n = memorySize(size);
    const start = Math.min(this.at, this.size);
    const end = n < 0 ? this.size : Math.min(this.size, start + n);
    this.at = Math.max(this.at, end);
    return this.view(start, end);
  }

  read1(size: unknown = -1n): Bytes {
    return this.read(size);
  }

  readline(size: unknown = -1n): Bytes {
    this.check();
    const limit = memorySize(size);
    if (this.at >= this.size) return new Bytes(new Uint8Array(0));
    const nl = this.buf.subarray(0, this.size).indexOf(10, this.at);
    let end = nl < 0 ? this.size : nl + 1;
    if (limit >= 0) end = Math.min(end, this.at + limit);
    const out = this.view(this.at, end);
    this.at = end;
    return out;
  }

  write(b: unknown): bigint {
    this.check();
    const data = writeData(b);
    const n = data.length;
    if (n === 0) return 0n;
    const end = this.at + n;
    if (end > this.buf.length) {
      const grown = new Uint8Array(Math.max(end, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.size));
      this.buf = grown;
    }
    // Bytes between the old end and the position (after a seek past the end) are zeros.
    if (this.at > this.size) this.buf.fill(0, this.size, this.at);
    this.buf.set(data, this.at);
    this.at = end;
    if (end > this.size) this.size = end;
    return BigInt(n);
  }

  tell(): bigint {
    this.check();
    return BigInt(this.at);
  }

  seek(pos: unknown, whence: unknown = 0n): bigint {
    const p = index(pos);
    const w = index(whence);
    this.check();
    if (w < 0n || w > 2n) throw new ValueError(`invalid whence (${w}, should be 0, 1 or 2)`);
    if (w === 0n && p < 0n) throw new ValueError(`negative seek value ${p}`);
    const base = w === 0n ? 0n : w === 1n ? BigInt(this.at) : BigInt(this.size);
    const target = base + p;
    this.at = target < 0n ? 0 : Number(target);
    return BigInt(this.at);
  }

  truncate(size: unknown = null): bigint {
    this.check();
    const n = size === null ? this.at : Number(index(size));
    if (n < 0) throw new ValueError(`negative size value ${n}`);
    if (n < this.size) this.size = n;
    return BigInt(n);
  }

  __repr__(): string {
    return `<_io.BytesIO object at 0x${id(this).toString(16)}>`;
  }
}
