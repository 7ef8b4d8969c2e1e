/**
 * `open()` and the file objects it returns, as CPython's `_io` module names them: text files are
 * `TextIOWrapper`, binary ones `BufferedReader` (`rb`), `BufferedWriter` (`wb`, `ab`, `xb`),
 * `BufferedRandom` (a `+` mode) or, with `buffering=0`, `FileIO`. They work on Node's synchronous
 * fs calls (a file descriptor and a position of our own, read and written with positional calls).
 *
 * - Mode checks and messages are `_io.open`'s (`invalid mode: 'rq'`, "can't have text and binary
 *   mode at once", ...), in its order: the mode, then opening the file (FileNotFoundError
 *   `[Errno 2] No such file or directory: 'x.txt'`, FileExistsError for `x`), then the text
 *   layer's arguments (`can't have unbuffered text I/O`, `illegal newline value`, the encoding).
 * - Writes are buffered (8192 bytes, as `io.DEFAULT_BUFFER_SIZE`) and reach the file on `flush()`,
 *   `close()`, a seek or read, when the buffer is full, at the newline of a line-buffered text
 *   file (`buffering=1`), and when the process exits (CPython flushes unclosed files then).
 * - A text file decodes everything from its position to the end at its first read (CPython reads
 *   chunks of 8192 bytes), then splits lines with universal newlines (`newline=None`: "\r", "\n"
 *   and "\r\n" read as "\n"; `''`: split but kept; `'\n'`, `'\r'`, `'\r\n'`: only that ending).
 *   `tell()` is the byte position (CPython's cookie is that number when no decoder state is
 *   pending, as for UTF-8, ASCII and Latin-1). Writing "\n" writes the `newline` argument when it
 *   is "\r" or "\r\n".
 * - Errors: `ValueError: I/O operation on closed file.`, `io.UnsupportedOperation: not readable`
 *   / `not writable` (a subclass of OSError and ValueError, as in CPython), `TypeError: write()
 *   argument must be str, not bytes`, OSError subclasses with errno, strerror and filename.
 */

import * as fs from "node:fs";
import { ByteArray, Bytes, BytesLike } from "./bytes";
import { decode, encode, normalizeEncoding } from "./codecs";
import { messageOf, numberOf } from "./errnos";
import {
  NotImplementedError,
  OSError,
  TypeError as PyTypeError,
  StopIteration,
  ValueError,
} from "./exceptions";
import { Kw } from "./kw";
import { pyclass } from "./lang";
import { bases } from "./mro";
import { className } from "./objects";
import { iter, truthy } from "./protocol";
import { repr } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

const BUFFER_SIZE = 8192;

/**
 * A Node fs error as Python's OSError subclass (`FileNotFoundError` for ENOENT, ...), naming the
 * path (and the second path of a two-path call such as `rename`).
 */
export function osError(err: unknown, filename?: unknown, filename2?: unknown): unknown {
  const code = (err as { code?: string } | null)?.code;
  if (typeof code !== "string") return err;
  const known = numberOf(code);
  const errno = known ?? -((err as { errno?: number }).errno ?? 0);
  const strerror = known === undefined ? code : messageOf(known);
  if (filename === undefined) return new OSError(BigInt(errno), strerror);
  if (filename2 === undefined) return new OSError(BigInt(errno), strerror, filename);
  return new OSError(BigInt(errno), strerror, filename, null, filename2);
}

let unsupported: (new (msg: string) => OSError) | undefined;

/** `io.UnsupportedOperation` (OSError and ValueError), made on first use. */
export function UnsupportedOperation(): new (msg: string) => OSError {
  if (unsupported === undefined) {
    const Base = bases(OSError, ValueError) as unknown as new (...a: unknown[]) => OSError;
    class UnsupportedOperation extends Base {}
    unsupported = pyclass(UnsupportedOperation, "UnsupportedOperation", "io");
  }
  return unsupported;
}

function closedError(): ValueError {
  return new ValueError("I/O operation on closed file.");
}

interface Mode {
  reading: boolean;
  writing: boolean;
  appending: boolean;
  creating: boolean;
  updating: boolean;
  binary: boolean;
}

/** `_io.open`'s checks of the mode string. */
function parseMode(mode: string): Mode {
  const m: Mode = {
    reading: false,
    writing: false,
    appending: false,
    creating: false,
    updating: false,
    binary: false,
  };
  let text = false;
  const seen = new Set<string>();
  for (const c of mode) {
    if (!"rwxabt+".includes(c) || seen.has(c)) throw new ValueError(`invalid mode: '${mode}'`);
    seen.add(c);
    if (c === "r") m.reading = true;
    else if (c === "w") m.writing = true;
    else if (c === "a") m.appending = true;
    else if (c === "x") m.creating = true;
    else if (c === "+") m.updating = true;
    else if (c === "b") m.binary = true;
    else text = true;
  }
  if (text && m.binary) throw new ValueError("can't have text and binary mode at once");
  const kinds = [m.reading, m.writing, m.appending, m.creating].filter(Boolean).length;
  if (kinds > 1) throw new ValueError("must have exactly one of create/read/write/append mode");
  if (kinds === 0)
    throw new ValueError(
      "Must have exactly one of create/read/write/append mode and at most one plus",
    );
  return m;
}

/** The mode a binary file reports: `rb`, `wb`, `ab`, `xb`, plus `+` (`w+b` is `rb+`, as FileIO's). */
function binaryMode(m: Mode): string {
  const c = m.creating ? "x" : m.appending ? "a" : m.writing && !m.updating ? "w" : "r";
  return `${c}b${m.updating ? "+" : ""}`;
}

/** Files with unwritten data, flushed when the process exits. */
const pending = new Set<IOBase>();
let exitHook = false;

/** What every file object has: the descriptor, the position, the write buffer, `close`, `with`. */
abstract class IOBase {
  closed = false;

  /** Files cannot be pickled, so neither copied: "cannot pickle 'BufferedReader' instances". */
  __getstate__(): never {
    throw new PyTypeError(`cannot pickle '${className(this.constructor)}' instances`);
  }

  __copy__(): never {
    return this.__getstate__();
  }

  __deepcopy__(_memo: unknown): never {
    return this.__getstate__();
  }
  /** The byte position of the next read or write (the end of the file in append mode). */
  protected pos = 0;
  private wbuf: Uint8Array[] = [];
  protected wlen = 0;

  constructor(
    readonly name: unknown,
    protected readonly fd: number,
    protected readonly m: Mode,
    protected readonly bufferSize: number,
  ) {
    if (m.appending) this.pos = fs.fstatSync(fd).size;
  }

  protected check(): void {
    if (this.closed) throw closedError();
  }

  protected checkReadable(): void {
    this.check();
    if (!this.m.reading && !this.m.updating) throw new (UnsupportedOperation())(this.notReadable());
  }

  protected checkWritable(): void {
    this.check();
    if (this.m.reading && !this.m.updating) throw new (UnsupportedOperation())(this.notWritable());
  }

  protected notReadable(): string {
    return "not readable";
  }

  protected notWritable(): string {
    return "not writable";
  }

  /** Read up to `n` bytes (all when negative) at the position. */
  protected rawRead(n: number): Uint8Array {
    this.flushBuffer();
    if (n < 0) n = Math.max(0, fs.fstatSync(this.fd).size - this.pos);
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const k = fs.readSync(this.fd, out, got, n - got, this.pos);
      if (k === 0) break;
      got += k;
      this.pos += k;
    }
    return got === n ? out : out.slice(0, got);
  }

  /** Buffer `data` for writing at the position. */
  protected rawWrite(data: Uint8Array): void {
    if (data.length === 0) return;
    this.wbuf.push(data);
    this.wlen += data.length;
    if (!exitHook) {
      exitHook = true;
      process.on("exit", () => {
        for (const f of pending) f.flushBuffer();
      });
    }
    pending.add(this);
    if (this.wlen >= this.bufferSize) this.flushBuffer();
  }

  protected flushBuffer(): void {
    if (this.wlen === 0) return;
    const data = this.wbuf.length === 1 ? this.wbuf[0]! : Buffer.concat(this.wbuf);
    this.wbuf = [];
    this.wlen = 0;
    pending.delete(this);
    let done = 0;
    while (done < data.length) {
      // O_APPEND writes go to the end whatever the position.
      const k = fs.writeSync(
        this.fd,
        data,
        done,
        data.length - done,
        this.m.appending ? null : this.pos,
      );
      done += k;
      if (!this.m.appending) this.pos += k;
    }
    if (this.m.appending) this.pos = fs.fstatSync(this.fd).size;
  }

  flush(): null {
    this.check();
    this.flushBuffer();
    return null;
  }

  /** False for `open(fd, closefd=False)`: closing the file leaves the descriptor open. */
  closefd = true;

  close(): null {
    if (this.closed) return null;
    try {
      this.flushBuffer();
    } finally {
      this.closed = true;
      pending.delete(this);
      if (this.closefd) fs.closeSync(this.fd);
    }
    return null;
  }

  fileno(): bigint {
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return BigInt(this.fd);
  }

  readable(): boolean {
    this.check();
    return this.m.reading || this.m.updating;
  }

  writable(): boolean {
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return !this.m.reading || this.m.updating;
  }

  seekable(): boolean {
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return true;
  }

  isatty(): boolean {
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return false;
  }

  truncate(size: unknown = null): bigint {
    this.checkWritable();
    this.flushBuffer();
    const n = size === null ? this.tellBytes() : Number(size);
    fs.ftruncateSync(this.fd, n);
    return BigInt(n);
  }

  /** The position as the program sees it (after buffered writes, before read-ahead). */
  protected tellBytes(): number {
    return this.pos + (this.m.appending ? 0 : this.wlen);
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

  __next__(): unknown {
    const line = this.readline() as string | BytesLike;
    if ((typeof line === "string" ? line.length : line.data.length) === 0)
      throw new StopIteration();
    return line;
  }

  [Symbol.iterator](): Iterator<unknown> {
    this.check();
    return {
      next: () => {
        try {
          return { done: false, value: this.__next__() };
        } catch (e) {
          if (e instanceof StopIteration) return { done: true, value: undefined };
          throw e;
        }
      },
    };
  }

  abstract readline(size?: unknown): unknown;

  readlines(hint: unknown = -1n): unknown[] {
    this.check();
    const limit = hint === null ? -1 : Number(hint);
    const out: unknown[] = [];
    let total = 0;
    for (;;) {
      const line = this.readline() as string | BytesLike;
      const n = typeof line === "string" ? line.length : line.data.length;
      if (n === 0) break;
      out.push(line);
      total += n;
      if (limit > 0 && total >= limit) break;
    }
    return out;
  }

  writelines(lines: unknown): null {
    this.check();
    for (const line of iter(lines)) (this as unknown as { write(x: unknown): unknown }).write(line);
    return null;
  }
}

/**
 * Binary files: `read` and `write` take and give `bytes`. Their errors name the operation, as
 * CPython's buffered objects do (`read of closed file`, `io.UnsupportedOperation: write`).
 */
abstract class BinaryFile extends IOBase {
  get mode(): string {
    return binaryMode(this.m);
  }

  /** Raise for `op` on a file not opened for it, then (`closedMessage`) when closed. */
  private ready(op: string, reading: boolean, closedMessage: string): void {
    const can = this.m.updating || (reading ? this.m.reading : !this.m.reading);
    if (!can) throw new (UnsupportedOperation())(op);
    if (this.closed) throw new ValueError(closedMessage);
  }

  read(size: unknown = -1n): Bytes {
    this.ready("read", true, "read of closed file");
    const n = size === null ? -1 : Number(size);
    return new Bytes(this.rawRead(n));
  }

  read1(size: unknown = -1n): Bytes {
    this.ready("read1", true, "read of closed file");
    return this.read(size);
  }

  readline(size: unknown = -1n): Bytes {
    this.ready("read", true, "readline of closed file");
    const limit = size === null ? -1 : Number(size);
    this.flushBuffer();
    const start = this.pos;
    const rest = this.rawRead(-1);
    let end = rest.indexOf(10);
    end = end < 0 ? rest.length : end + 1;
    if (limit >= 0 && limit < end) end = limit;
    this.pos = start + end;
    return new Bytes(rest.slice(0, end));
  }

  write(b: unknown): bigint {
    this.ready("write", false, "write to closed file");
    if (!(b instanceof BytesLike))
      throw new PyTypeError(`a bytes-like object is required, not '${typeName(b)}'`);
    this.rawWrite(b.data.slice());
    return BigInt(b.data.length);
  }

  override flush(): null {
    const writer = this.m.updating || !this.m.reading;
    if (this.closed)
      throw new ValueError(writer ? "flush of closed file" : "I/O operation on closed file.");
    return super.flush();
  }

  override truncate(size: unknown = null): bigint {
    if (this.closed) throw new ValueError("truncate of closed file");
    this.ready("truncate", false, "truncate of closed file");
    return super.truncate(size);
  }

  override readable(): boolean {
    if (this.closed && !this.m.updating && !this.m.reading) return false;
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return super.readable();
  }

  tell(): bigint {
    if (this.closed) throw new ValueError("I/O operation on closed file");
    return BigInt(this.tellBytes());
  }

  seek(offset: unknown, whence: unknown = 0n): bigint {
    if (this.closed) throw new ValueError("seek of closed file");
    this.flushBuffer();
    const w = Number(whence);
    if (w < 0 || w > 2) throw new ValueError(`whence value ${w} unsupported`);
    const base = w === 0 ? 0 : w === 1 ? this.pos : fs.fstatSync(this.fd).size;
    const target = base + Number(offset);
    if (target < 0) throw new OSError(22n, "Invalid argument");
    this.pos = target;
    return BigInt(target);
  }

  __repr__(): string {
    return `<_io.${className(this.constructor)} name=${repr(this.name)}>`;
  }
}

export class BufferedReader extends BinaryFile {}
export class BufferedWriter extends BinaryFile {}
export class BufferedRandom extends BinaryFile {}

/** `open(file, 'rb', buffering=0)`: unbuffered, writes go straight to the file. */
export class FileIO extends BinaryFile {
  override write(b: unknown): bigint {
    const n = super.write(b);
    this.flushBuffer();
    return n;
  }

  override __repr__(): string {
    return `<_io.FileIO name=${repr(this.name)} mode='${this.mode}' closefd=True>`;
  }
}

const NEWLINE_KINDS: (string | Tuple | null)[] = [
  null,
  "\n",
  "\r",
  new Tuple(["\r", "\n"]),
  "\r\n",
  new Tuple(["\n", "\r\n"]),
  new Tuple(["\r", "\r\n"]),
  new Tuple(["\r", "\n", "\r\n"]),
];

/** A text file: `str` in and out, an encoding and newline translation. */
export class TextIOWrapper extends IOBase {
  /** Decoded text from the file (newlines untranslated), and how much of it was read. */
  private text: string | null = null;
  private at = 0;
  /** The byte position where `text` ends (the file's end when it was read). */
  private textEnd = 0;
  /** Newline kinds seen while decoding (1: "\n", 2: "\r", 4: "\r\n"). */
  private seen = 0;

  constructor(
    name: unknown,
    fd: number,
    m: Mode,
    bufferSize: number,
    readonly mode: string,
    readonly encoding: string,
    readonly errors: string,
    private readonly newline: string | null,
    readonly line_buffering: boolean,
  ) {
    super(name, fd, m, bufferSize);
  }

  get newlines(): unknown {
    return this.newline === null || this.newline === "" ? NEWLINE_KINDS[this.seen]! : null;
  }

  /** Decode the rest of the file (at the first read after opening, a seek or a write). */
  private load(): string {
    if (this.text === null) {
      const data = this.rawRead(-1);
      this.text = decode(data, this.codecAt(this.pos - data.length), this.errors);
      this.at = 0;
      this.textEnd = this.pos;
      if (this.newline === null || this.newline === "") {
        for (const m of this.text.matchAll(/\r\n|\r|\n/g))
          this.seen |= m[0] === "\n" ? 1 : m[0] === "\r" ? 2 : 4;
      }
    }
    return this.text;
  }

  /** Drop what was decoded but not read; the file position goes back to the first unread byte. */
  private unload(): void {
    if (this.text === null) return;
    const rest = this.text.slice(this.at);
    this.pos = this.textEnd - encode(rest, this.codecAt(-1), this.errors).length;
    this.text = null;
  }

  /**
   * The codec for text at byte `pos` of the file: UTF-16 and UTF-32 without a byte order in
   * their name write (and detect) a BOM only at the file's start, little-endian elsewhere.
   */
  private codecAt(pos: number): string {
    const enc = normalizeEncoding(this.encoding);
    // utf-8-sig likewise writes (and skips) its BOM only at the file's start
    if (enc === "utf-8-sig") return pos === 0 ? enc : "utf-8";
    return pos === 0 || (enc !== "utf-16" && enc !== "utf-32") ? this.encoding : `${enc}-le`;
  }

  private translate(s: string): string {
    return this.newline === null ? s.replace(/\r\n?/g, "\n") : s;
  }

  /** The end (exclusive) of the line starting at `i` in `t`, or -1 without a line ending. */
  private lineEnd(t: string, i: number): number {
    const nl = this.newline;
    if (nl === null || nl === "") {
      const j = t.slice(i).search(/[\r\n]/);
      if (j < 0) return -1;
      const k = i + j;
      return t[k] === "\r" && t[k + 1] === "\n" ? k + 2 : k + 1;
    }
    const k = t.indexOf(nl, i);
    return k < 0 ? -1 : k + nl.length;
  }

  /** The index after `n` characters (code points; a translated "\r\n" counts once) from `i`. */
  private advance(t: string, i: number, n: number): number {
    while (n > 0 && i < t.length) {
      const c = t.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      if (c === 13 && this.newline === null && t[i] === "\n") i++;
      n--;
    }
    return i;
  }

  read(size: unknown = -1n): string {
    this.checkReadable();
    const n = size === null ? -1 : Number(size);
    const t = this.load();
    const end = n < 0 ? t.length : this.advance(t, this.at, n);
    const out = t.slice(this.at, end);
    this.at = end;
    return this.translate(out);
  }

  readline(size: unknown = -1n): string {
    this.checkReadable();
    const limit = size === null ? -1 : Number(size);
    const t = this.load();
    let end = this.lineEnd(t, this.at);
    if (end < 0) end = t.length;
    if (limit >= 0) end = Math.min(end, this.advance(t, this.at, limit));
    const out = t.slice(this.at, end);
    this.at = end;
    return this.translate(out);
  }

  write(s: unknown): bigint {
    this.checkWritable();
    if (typeof s !== "string")
      throw new PyTypeError(
        `write() argument must be str, not ${s === null ? "None" : typeName(s)}`,
      );
    // What was decoded ahead is dropped: the write goes where reading stopped in the file (its
    // end here; CPython's text layer has read a chunk ahead too).
    this.text = null;
    const nl = this.newline;
    const text = nl === "\r" || nl === "\r\n" ? s.replace(/\n/g, nl) : s;
    this.rawWrite(encode(text, this.codecAt(this.pos + this.wlen), this.errors));
    if (this.line_buffering && (s.includes("\n") || s.includes("\r"))) this.flushBuffer();
    let n = 0;
    for (const _ of s) n++;
    return BigInt(n);
  }

  tell(): bigint {
    this.check();
    if (this.text !== null) {
      const rest = this.text.slice(this.at);
      return BigInt(this.textEnd - encode(rest, this.codecAt(-1), this.errors).length);
    }
    return BigInt(this.tellBytes());
  }

  seek(cookie: unknown, whence: unknown = 0n): bigint {
    this.check();
    const w = Number(whence);
    const c = Number(cookie);
    if (w === 1 && c !== 0)
      throw new (UnsupportedOperation())("can't do nonzero cur-relative seeks");
    if (w === 2 && c !== 0)
      throw new (UnsupportedOperation())("can't do nonzero end-relative seeks");
    if (w < 0 || w > 2) throw new ValueError(`invalid whence (${w}, should be 0, 1 or 2)`);
    if (w === 0 && c < 0) throw new ValueError(`negative seek position ${c}`);
    if (w === 1) return this.tell();
    this.unload();
    this.flushBuffer();
    this.pos = w === 2 ? fs.fstatSync(this.fd).size : c;
    return BigInt(this.pos);
  }

  override truncate(size: unknown = null): bigint {
    this.checkWritable();
    this.unload();
    return super.truncate(size);
  }

  override readable(): boolean {
    // CPython asks the closed buffer, which answers instead of raising.
    return !this.closed && super.readable();
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name=${repr(this.name)} mode=${repr(this.mode)} encoding=${repr(this.encoding)}>`;
  }
}

for (const [cls, name] of [
  [TextIOWrapper, "TextIOWrapper"],
  [BufferedReader, "BufferedReader"],
  [BufferedWriter, "BufferedWriter"],
  [BufferedRandom, "BufferedRandom"],
  [FileIO, "FileIO"],
] as const) {
  for (const [key, value] of [
    ["__name__", name],
    ["__qualname__", name],
    ["__module__", "_io"],
  ])
    Object.defineProperty(cls, key, { value, writable: true, configurable: true });
}

const OPEN_PARAMS = [
  "file",
  "mode",
  "buffering",
  "encoding",
  "errors",
  "newline",
  "closefd",
  "opener",
];

/** `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True)`. */
export function open(...args: unknown[]): IOBase {
  const values: unknown[] = [undefined, "r", -1n, null, null, null, true, null];
  let pos = args;
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    pos = args.slice(0, -1);
    const k = (args[args.length - 1] as Kw).kwargs as Record<string, unknown>;
    for (const key of Object.keys(k)) {
      const i = OPEN_PARAMS.indexOf(key);
      if (i < 0) throw new PyTypeError(`open() got an unexpected keyword argument '${key}'`);
      if (i < pos.length)
        throw new PyTypeError(
          `argument for open() given by name ('${key}') and position (${i + 1})`,
        );
      values[i] = k[key];
    }
  }
  if (pos.length > OPEN_PARAMS.length)
    throw new PyTypeError(`open() takes at most 8 arguments (${pos.length} given)`);
  pos.forEach((v, i) => {
    values[i] = v;
  });
  const fsp = (values[0] as { __fspath__?: unknown } | null)?.__fspath__;
  if (typeof fsp === "function" && typeof values[0] === "object") {
    // an os.PathLike (a pathlib path): its str is the path and the file's name
    const s = fsp.call(values[0]);
    if (typeof s !== "string")
      throw new PyTypeError(
        `expected str, bytes or os.PathLike object, not ${typeName(values[0])}`,
      );
    values[0] = s;
  }
  const [file, mode, buffering, encoding, errors, newline, closefd, opener] = values;
  if (opener !== null)
    throw new NotImplementedError("open() with an opener is not supported by asyncio-ts");
  if (file === undefined) throw new PyTypeError("open() missing required argument 'file' (pos 1)");
  let path: string | null = null;
  if (typeof file === "bigint" || typeof file === "boolean") {
    if (Number(file) < 0) throw new ValueError("negative file descriptor");
  } else if (typeof file === "string") path = file;
  else if (file instanceof Bytes || file instanceof ByteArray) path = decode(file.data);
  else throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(file)}`);
  if (typeof mode !== "string")
    throw new PyTypeError(`open() argument 'mode' must be str, not ${typeName(mode)}`);
  const m = parseMode(mode);
  if (m.binary && encoding !== null)
    throw new ValueError("binary mode doesn't take an encoding argument");
  if (m.binary && errors !== null)
    throw new ValueError("binary mode doesn't take an errors argument");
  if (m.binary && newline !== null)
    throw new ValueError("binary mode doesn't take a newline argument");
  const flags =
    (m.reading ? (m.updating ? fs.constants.O_RDWR : fs.constants.O_RDONLY) : 0) |
    (m.writing
      ? (m.updating ? fs.constants.O_RDWR : fs.constants.O_WRONLY) |
        fs.constants.O_CREAT |
        fs.constants.O_TRUNC
      : 0) |
    (m.appending
      ? (m.updating ? fs.constants.O_RDWR : fs.constants.O_WRONLY) |
        fs.constants.O_CREAT |
        fs.constants.O_APPEND
      : 0) |
    (m.creating
      ? (m.updating ? fs.constants.O_RDWR : fs.constants.O_WRONLY) |
        fs.constants.O_CREAT |
        fs.constants.O_EXCL
      : 0);
  if (path === null)
    return wrapFd(file, Number(file), m, mode, buffering, encoding, errors, newline, closefd);
  if (closefd !== true && !truthy(closefd))
    throw new ValueError("Cannot use closefd=False with file name");
  let fd: number;
  try {
    fd = fs.openSync(path, flags, 0o666);
    if (fs.fstatSync(fd).isDirectory()) {
      fs.closeSync(fd);
      throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    }
  } catch (e) {
    throw osError(e, file);
  }
  return wrapFd(file, fd, m, mode, buffering, encoding, errors, newline, true);
}

/**
 * The file object of `open()` on an open descriptor (one `open` has just opened, or `open(fd)`'s,
 * which starts at the file's beginning, or its end in append mode: Node cannot ask a descriptor
 * for its offset). The descriptor is closed if the arguments are refused (unless `closefd` is
 * false).
 */
function wrapFd(
  file: unknown,
  fd: number,
  m: Mode,
  mode: string,
  buffering: unknown,
  encoding: unknown,
  errors: unknown,
  newline: unknown,
  closefd: unknown,
): IOBase {
  const closeFd = closefd === true || truthy(closefd);
  if (typeof file !== "string") {
    try {
      fs.fstatSync(fd);
    } catch (e) {
      throw osError(e);
    }
  }
  const buf = Number(buffering);
  const size = buf > 1 ? buf : BUFFER_SIZE;
  try {
    const f = makeFile(file, fd, m, mode, buf, size, encoding, errors, newline);
    f.closefd = closeFd;
    return f;
  } catch (e) {
    if (closeFd) fs.closeSync(fd);
    throw e;
  }
}

/** The file object for the mode and buffering (after `_io.open`'s checks of the text arguments). */
function makeFile(
  file: unknown,
  fd: number,
  m: Mode,
  mode: string,
  buf: number,
  size: number,
  encoding: unknown,
  errors: unknown,
  newline: unknown,
): IOBase {
  if (m.binary) {
    if (buf === 0) return new FileIO(file, fd, m, 0);
    const C = m.updating ? BufferedRandom : m.reading ? BufferedReader : BufferedWriter;
    return new C(file, fd, m, size);
  }
  if (buf === 0) throw new ValueError("can't have unbuffered text I/O");
  if (newline !== null && !["", "\n", "\r", "\r\n"].includes(newline as string)) {
    if (typeof newline !== "string")
      throw new PyTypeError(
        `TextIOWrapper() argument 'newline' must be str or None, not ${typeName(newline)}`,
      );
    throw new ValueError(`illegal newline value: ${newline}`);
  }
  if (encoding !== null && typeof encoding !== "string")
    throw new PyTypeError(
      `TextIOWrapper() argument 'encoding' must be str or None, not ${typeName(encoding)}`,
    );
  if (encoding !== null) normalizeEncoding(encoding as string);
  return new TextIOWrapper(
    file,
    fd,
    m,
    size,
    mode,
    (encoding as string | null) ?? "UTF-8",
    (errors as string | null) ?? "strict",
    newline as string | null,
    buf === 1,
  );
}

// `type(open(f))` is `<class '_io.TextIOWrapper'>`, `type(open(f, "rb"))` `_io.BufferedReader`.
for (const cls of [TextIOWrapper, BufferedReader, BufferedWriter, BufferedRandom, FileIO]) {
  for (const [k, v] of [
    ["__name__", cls.name],
    ["__qualname__", cls.name],
    ["__module__", "_io"],
  ]) {
    Object.defineProperty(cls, k, { value: v, writable: true, configurable: true });
  }
}

// `sys.stdout`, `sys.stderr` and `sys.stdin` (io.ts's streams on the process descriptors) are
// instances of `io.TextIOWrapper` too, as in CPython.
Object.defineProperty(TextIOWrapper, Symbol.hasInstance, {
  value(this: Function, x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    if (this !== TextIOWrapper) return false;
    const std = require("./io") as typeof import("./io");
    return x instanceof std.TextStream || x instanceof std.InputStream;
  },
  configurable: true,
});
