/**
 * Text I/O for transpiled programs: `sys.stdout`/`sys.stderr` stream objects, `print`, `input`
 * and `io.StringIO`.
 *
 * Streams write to the process file descriptors with synchronous `fs.writeSync` (never
 * `console.log`), buffered like CPython: stdout is block-buffered (8 KiB) when not a terminal
 * and line-buffered on a terminal; stderr is line-buffered; with `PYTHONUNBUFFERED` set, both
 * write at once. Everything still buffered is
 * flushed at process exit, so output order at exit matches CPython's.
 */

import * as fs from "node:fs";
import {
  EOFError,
  TypeError as PyTypeError,
  RuntimeError,
  StopIteration,
  ValueError,
} from "./exceptions";
import { Kw } from "./kw";
import { str } from "./repr";
import { typeName } from "./types";

/** Bytes/chars buffered before a block-buffered stream writes (CPython's io.DEFAULT_BUFFER_SIZE). */
const BUFFER_SIZE = 8192;

/** A text stream on a file descriptor (Python's `TextIOWrapper` as far as programs see it). */
export class TextStream {
  private buf: string[] = [];
  private bufLen = 0;
  closed = false;

  constructor(
    readonly fd: number,
    readonly name: string,
    public line_buffering: boolean,
    /** Every write goes out at once (`PYTHONUNBUFFERED`, CPython's `-u`). */
    readonly write_through = false,
  ) {}

  get encoding(): string {
    return "utf-8";
  }

  write(s: unknown): bigint {
    if (typeof s !== "string") {
      throw new PyTypeError(`write() argument must be str, not ${typeName(s)}`);
    }
    if (this.closed) throw new ValueError("I/O operation on closed file.");
    if (s.length === 0) return 0n;
    this.buf.push(s);
    this.bufLen += s.length;
    if (
      this.write_through ||
      this.bufLen >= BUFFER_SIZE ||
      (this.line_buffering && (s.includes("\n") || s.includes("\r")))
    ) {
      this.flush();
    }
    return BigInt(Array.from(s).length);
  }

  flush(): null {
    if (this.bufLen === 0) return null;
    const data = Buffer.from(this.buf.join(""), "utf8");
    this.buf = [];
    this.bufLen = 0;
    writeAll(this.fd, data);
    return null;
  }

  fileno(): bigint {
    return BigInt(this.fd);
  }

  isatty(): boolean {
    return isTTY(this.fd);
  }

  writable(): boolean {
    return true;
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name='<${this.name}>' mode='w' encoding='utf-8'>`;
  }
}

/** Write every byte, retrying on EAGAIN (non-blocking pipes). */
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
      if (code === "EPIPE") return;
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

export const stdout = new TextStream(1, "stdout", isTTY(1), unbuffered);
export const stderr = new TextStream(2, "stderr", true, unbuffered);
export const __stdout__ = stdout;
export const __stderr__ = stderr;

/** Current `sys.stdin`/`sys.stdout`/`sys.stderr` (programs may replace them through sys). */
export const streams: { stdin: unknown; stdout: unknown; stderr: unknown } = {
  stdin: null,
  stdout,
  stderr,
};

/** Flush both standard streams (also done at exit). */
export function flushStd(): void {
  for (const s of [streams.stdout, streams.stderr, stdout, stderr]) {
    const f = (s as { flush?: () => unknown }).flush;
    if (typeof f === "function") {
      try {
        f.call(s);
      } catch {
        // ignore errors at exit, as CPython mostly does
      }
    }
  }
}

process.on("exit", flushStd);

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
      else throw new PyTypeError(`'${key}' is an invalid keyword argument for print()`);
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
    // one write call for speed; same bytes as CPython's per-item writes
    let s = "";
    for (let i = 0; i < args.length; i++) {
      if (i > 0) s += sep;
      s += str(args[i]);
    }
    out.write(s + end);
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
  readonly errors = "strict";

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
    return false;
  }

  __repr__(): string {
    return "<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>";
  }
}

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

/** `io.StringIO`: an in-memory text stream. */
export class StringIO {
  private value: string;
  closed = false;
  constructor(initial: unknown = "") {
    this.value = initial === null ? "" : String(initial);
  }
  write(s: unknown): bigint {
    if (typeof s !== "string") {
      throw new PyTypeError(`string argument expected, got '${typeName(s)}'`);
    }
    this.value += s;
    return BigInt(Array.from(s).length);
  }
  getvalue(): string {
    return this.value;
  }
  flush(): null {
    return null;
  }
  read(): string {
    const v = this.value;
    return v;
  }
  close(): void {
    this.closed = true;
  }
}
