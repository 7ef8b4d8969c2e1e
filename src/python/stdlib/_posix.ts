/**
 * The descriptor and link functions of Python's `os` (re-exported by os.ts): `open`, `close`,
 * `read`, `write`, `fdopen`, `fstat`, `symlink`, `readlink`, `link`, `chmod`, `utime`, `access`,
 * `get_terminal_size` and `terminal_size`, with the `O_*` and `*_OK` constants of Linux x86-64
 * (as errno.ts gives Linux's numbers everywhere). They are Node's synchronous fs calls; errors are
 * CPython's OSError subclasses naming the path (`osError`).
 *
 * Differences from CPython: `lseek` is missing (Node cannot move a descriptor's offset), so a
 * file object made from a descriptor (`fdopen`, `open(fd)`) starts at the file's beginning;
 * `utime` sets times through a float of seconds (sub-microsecond digits of `ns=` can be lost);
 * `dir_fd` raises NotImplementedError.
 */

import * as nodeFs from "node:fs";
import { open as ioOpen, osError } from "../_io";
import { Bytes, BytesLike } from "../bytes";
import { NotImplementedError, OSError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { index } from "../numbers";
import { iter, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { fspath, stat_result } from "./os";
import { clinicArgs, libraryClass } from "./types";

export const O_RDONLY = 0n;
export const O_WRONLY = 1n;
export const O_RDWR = 2n;
export const O_CREAT = 0o100n;
export const O_EXCL = 0o200n;
export const O_NOCTTY = 0o400n;
export const O_TRUNC = 0o1000n;
export const O_APPEND = 0o2000n;
export const O_NONBLOCK = 0o4000n;
export const O_NDELAY = O_NONBLOCK;
export const O_DSYNC = 0o10000n;
export const O_DIRECTORY = 0o200000n;
export const O_NOFOLLOW = 0o400000n;
export const O_CLOEXEC = 0o2000000n;
export const O_SYNC = 0o4010000n;
export const O_ACCMODE = 3n;
export const F_OK = 0n;
export const X_OK = 1n;
export const W_OK = 2n;
export const R_OK = 4n;
export const SEEK_SET = 0n;
export const SEEK_CUR = 1n;
export const SEEK_END = 2n;

/** A path argument: str or os.PathLike (bytes and descriptors are not supported). */
function pathOf(fname: string, what: string, x: unknown): string {
  if (x instanceof BytesLike) throw new NotImplementedError(`os.${fname} of bytes paths`);
  if (typeof x === "bigint" || typeof x === "boolean")
    throw new NotImplementedError(`os.${fname} of a file descriptor`);
  if (typeof x === "string") return x;
  const f = (x as { __fspath__?: unknown } | null)?.__fspath__;
  if (typeof f === "function" && typeof x === "object") return fspath(x) as string;
  throw new PyTypeError(
    `${fname}: ${what} should be string, bytes or os.PathLike, not ${typeName(x)}`,
  );
}

/** A file descriptor argument (an int; Argument Clinic's `fildes`). */
function fdOf(x: unknown): number {
  if (typeof x !== "bigint" && typeof x !== "boolean") index(x);
  return Number(index(x));
}

function noDirFd(fname: string, dirFd: unknown): void {
  if (dirFd !== undefined && dirFd !== null)
    throw new NotImplementedError(`os.${fname}'s dir_fd is not supported`);
}

/** Run a Node fs call, raising its error as CPython's OSError (naming the paths given). */
function fsCall<T>(f: () => T, ...paths: unknown[]): T {
  try {
    return f();
  } catch (e) {
    throw osError(e, ...paths);
  }
}

/** `os.open(path, flags, mode=0o777, *, dir_fd=None)`: a new file descriptor. */
export function open(...args: unknown[]): bigint {
  const [p, flags, mode, dirFd] = clinicArgs("open", args, ["path", "flags", "mode", "dir_fd"], 2);
  noDirFd("open", dirFd);
  const s = pathOf("open", "path", p);
  const f = Number(index(flags));
  const m = mode === undefined ? 0o777 : Number(index(mode));
  return BigInt(fsCall(() => nodeFs.openSync(s, f, m), s));
}

/** `os.close(fd)`. */
export function close(...args: unknown[]): null {
  const [fd] = clinicArgs("close", args, ["fd"], 1);
  const n = fdOf(fd);
  fsCall(() => nodeFs.closeSync(n));
  return null;
}

/** `os.read(fd, length)`: at most `length` bytes from the descriptor's offset. */
export function read(fd: unknown, length: unknown): Bytes {
  const n = fdOf(fd);
  const len = Number(index(length));
  if (len < 0) throw new ValueError("negative length");
  const buf = new Uint8Array(len);
  const got = fsCall(() => nodeFs.readSync(n, buf, 0, len, null));
  return new Bytes(buf.slice(0, got));
}

/** `os.write(fd, data)`: the number of bytes written at the descriptor's offset. */
export function write(fd: unknown, data: unknown): bigint {
  const n = fdOf(fd);
  if (!(data instanceof BytesLike))
    throw new PyTypeError(`a bytes-like object is required, not '${typeName(data)}'`);
  return BigInt(fsCall(() => nodeFs.writeSync(n, data.data)));
}

/** `os.fdopen(fd, mode='r', buffering=-1, encoding=None, *args, **kwargs)`: `open(fd, ...)`. */
export function fdopen(fd: unknown, ...args: unknown[]): unknown {
  if (typeof fd !== "bigint" && typeof fd !== "boolean")
    throw new PyTypeError(`invalid fd type (${repr(typeOf(fd))}, expected integer)`);
  return ioOpen(fd, ...args);
}

/** `os.fstat(fd)`. */
export function fstat(fd: unknown): unknown {
  const n = fdOf(fd);
  return new stat_result(fsCall(() => nodeFs.fstatSync(n, { bigint: true })));
}

/** `os.symlink(src, dst, target_is_directory=False, *, dir_fd=None)`. */
export function symlink(...args: unknown[]): null {
  const [src, dst, , dirFd] = clinicArgs(
    "symlink",
    args,
    ["src", "dst", "target_is_directory", "dir_fd"],
    2,
  );
  noDirFd("symlink", dirFd);
  const a = pathOf("symlink", "src", src);
  const b = pathOf("symlink", "dst", dst);
  fsCall(() => nodeFs.symlinkSync(a, b), a, b);
  return null;
}

/** `os.readlink(path, *, dir_fd=None)`: what a symbolic link points to. */
export function readlink(...args: unknown[]): string {
  const [p, dirFd] = clinicArgs("readlink", args, ["path", "dir_fd"], 1);
  noDirFd("readlink", dirFd);
  const s = pathOf("readlink", "path", p);
  return fsCall(() => nodeFs.readlinkSync(s), s);
}

/** `os.link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`. */
export function link(...args: unknown[]): null {
  const [src, dst] = clinicArgs("link", args, ["src", "dst"], 2);
  const a = pathOf("link", "src", src);
  const b = pathOf("link", "dst", dst);
  fsCall(() => nodeFs.linkSync(a, b), a, b);
  return null;
}

/** `os.chmod(path, mode, *, dir_fd=None, follow_symlinks=True)` (Linux cannot chmod a link). */
export function chmod(...args: unknown[]): null {
  const [p, mode, dirFd, follow] = clinicArgs(
    "chmod",
    args,
    ["path", "mode", "dir_fd", "follow_symlinks"],
    2,
  );
  noDirFd("chmod", dirFd);
  const s = pathOf("chmod", "path", p);
  const m = Number(index(mode));
  if (follow !== undefined && !truthy(follow))
    throw new NotImplementedError("chmod: follow_symlinks unavailable on this platform");
  fsCall(() => nodeFs.chmodSync(s, m), s);
  return null;
}

/** Seconds of a `utime` time (an int or a float). */
function seconds(x: unknown): number {
  if (typeof x === "number") return x;
  return Number(index(x));
}

/** `os.utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True)`. */
export function utime(...args: unknown[]): null {
  const [p, times, ns, dirFd, follow] = clinicArgs(
    "utime",
    args,
    ["path", "times", "ns", "dir_fd", "follow_symlinks"],
    1,
  );
  noDirFd("utime", dirFd);
  const s = pathOf("utime", "path", p);
  const given = (x: unknown) => x !== undefined && x !== null;
  if (given(times) && ns !== undefined)
    throw new ValueError("utime: you may specify either 'times' or 'ns' but not both");
  let at: number;
  let mt: number;
  if (given(times)) {
    if (!(times instanceof Tuple) || times.items.length !== 2)
      throw new PyTypeError("utime: 'times' must be either a tuple of two ints or None");
    [at, mt] = times.items.map(seconds) as [number, number];
  } else if (ns !== undefined) {
    if (!(ns instanceof Tuple) || ns.items.length !== 2)
      throw new PyTypeError("utime: 'ns' must be a tuple of two ints");
    [at, mt] = ns.items.map((x) => Number(index(x)) / 1e9) as [number, number];
  } else {
    at = mt = Date.now() / 1000;
  }
  const noFollow = follow !== undefined && !truthy(follow);
  fsCall(() => (noFollow ? nodeFs.lutimesSync : nodeFs.utimesSync)(s, at, mt), s);
  return null;
}

/** `os.access(path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True)`. */
export function access(...args: unknown[]): boolean {
  const [p, mode, dirFd] = clinicArgs(
    "access",
    args,
    ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
    2,
  );
  noDirFd("access", dirFd);
  const s = pathOf("access", "path", p);
  const m = Number(index(mode));
  try {
    nodeFs.accessSync(s, m);
    return true;
  } catch {
    return false;
  }
}

/** `os.terminal_size((columns, lines))`: a structseq (a tuple with named fields). */
class TerminalSizeImpl extends Tuple {
  constructor(seq: unknown) {
    const xs = [...iter(seq)];
    if (xs.length !== 2)
      throw new PyTypeError(`os.terminal_size() takes a 2-sequence (${xs.length}-sequence given)`);
    super(xs);
  }
  get columns(): unknown {
    return this.items[0];
  }
  get lines(): unknown {
    return this.items[1];
  }
  override __repr__(): string {
    return `os.terminal_size(columns=${repr(this.items[0])}, lines=${repr(this.items[1])})`;
  }
}

export const terminal_size = libraryClass(TerminalSizeImpl, "terminal_size", "os");

/** `os.get_terminal_size(fd=1)`: ENOTTY (errno 25) when the descriptor is not a terminal. */
export function get_terminal_size(...args: unknown[]): TerminalSizeImpl {
  const [fdArg] = clinicArgs("get_terminal_size", args, ["fd"], 0);
  const fd = fdArg === undefined ? 1 : fdOf(fdArg);
  const tty = require("node:tty") as typeof import("node:tty");
  if (!tty.isatty(fd)) {
    fsCall(() => nodeFs.fstatSync(fd));
    throw new OSError(25n, "Inappropriate ioctl for device");
  }
  const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : new tty.WriteStream(fd);
  const [cols, rows] = (stream as import("node:tty").WriteStream).getWindowSize();
  return new terminal_size(new Tuple([BigInt(cols), BigInt(rows)]));
}
