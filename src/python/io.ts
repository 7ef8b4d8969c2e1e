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
 */

import * as fs from "node:fs";
import { Bytes, BytesLike } from "./bytes";
import {
  EOFError,
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
    return `<_io.TextIOWrapper name='${this.name}' mode='w' encoding='utf-8'>`;
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

export const stdout = new TextStream(1, "<stdout>", isTTY(1), unbuffered);
export const stderr = new TextStream(2, "<stderr>", true, unbuffered);
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
    this.check();
    return false;
  }

  __enter__(): this {
    this.check();
    return this;
  }

  __exit__(..._exc: unknown[]): boolean {
    this.close();
    return false;
  }

  __iter__(): this {
    this.check();
    return this;
  }

  __next__(): T {
    const line = this.readline();
    if (this.sizeOf(line) === 0) throw new StopIteration();
    return line;
  }

  [Symbol.iterator](): Iterator<T> {
    this.check();
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
    this.check();
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
    this.check();
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
