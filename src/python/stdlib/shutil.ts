/**
 * Python's `shutil` (Lib/shutil.py, 3.13, the POSIX branches): file copies (`copyfileobj`,
 * `copyfile`, `copymode`, `copystat`, `copy`, `copy2`), trees (`copytree` with `ignore` /
 * `ignore_patterns`, `symlinks`, `copy_function`, `dirs_exist_ok`; `rmtree`), `move`, `which`,
 * `disk_usage` and `get_terminal_size`, with CPython's exceptions (`Error` carrying copytree's
 * list of `(src, dst, why)`, `SameFileError`, `SpecialFileError`) and messages.
 *
 * How: the steps are CPython's, on the runtime's `open()` and `os` functions, so errors name the
 * same paths. `rmtree` follows CPython's fd-based walk (`_rmtree_safe_fd`: a stack of `lstat` and
 * `rmdir` steps; each directory is opened and compared with its `lstat` to refuse a symbolic link)
 * with paths instead of directory descriptors (Node has no `openat`), and reports errors to
 * `onexc`/`onerror` with the same functions (`os.lstat`, `os.open`, `os.path.islink`,
 * `os.scandir`, `os.unlink`, `os.rmdir`) and paths as CPython.
 *
 * Differences from CPython: extended attributes are not copied (`copystat`); `chown` and the
 * archive functions (`make_archive`, `unpack_archive`, ...) are missing; bytes paths raise
 * NotImplementedError; `copytree` passes paths (not `os.DirEntry` objects) to `copy2`.
 */

import * as nodeFs from "node:fs";
import { open as ioOpen, osError } from "../_io";
import { BytesLike } from "../bytes";
import {
  FileNotFoundError,
  IsADirectoryError,
  NotImplementedError,
  OSError,
  Exception as PyException,
  ValueError,
} from "../exceptions";
import { Kw } from "../kw";
import { bind, signature } from "../lang";
import { call, contains, getattr, getitem, iter, truthy } from "../protocol";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { typeOf } from "../types";
import { namedtuple } from "./collections";
import { filter as fnmatchFilter } from "./fnmatch";
import {
  _scandir,
  access,
  chmod,
  close,
  environ,
  fspath,
  lstat,
  open as osOpen,
  path as osPath,
  get_terminal_size as osTerminalSize,
  readlink,
  rename,
  rmdir,
  scandir,
  stat,
  symlink,
  terminal_size,
  unlink,
  utime,
} from "./os";

export const COPY_BUFSIZE = 65536n;

/** `shutil.Error` (CPython's name; it shadows JS's `Error` in this module). */
export class Error extends OSError {
  static readonly __module__: string = "shutil";
}
/** Raised when source and destination are the same file. */
export class SameFileError extends Error {
  static override readonly __module__: string = "shutil";
}
/** Raised when trying to do a kind of operation (e.g. copying) which is not supported on a special file (e.g. a named pipe). */
export class SpecialFileError extends OSError {
  static readonly __module__: string = "shutil";
}
/** Raised when a command could not be executed. */
export class ExecError extends OSError {
  static readonly __module__: string = "shutil";
}
/** Raised when an archive cannot be read. */
export class ReadError extends OSError {
  static readonly __module__: string = "shutil";
}
/** Raised when a registry operation with the archiving and unpacking registries fails. */
export class RegistryError extends PyException {
  static readonly __module__: string = "shutil";
}

/** A path argument as a str (os.PathLike through `__fspath__`); bytes paths are not supported. */
function pathStr(x: unknown): string {
  const s = fspath(x);
  if (s instanceof BytesLike)
    throw new NotImplementedError("shutil of bytes paths is not supported");
  return s as string;
}

const COPYFILEOBJ = signature("copyfileobj", ["fsrc", "fdst", "length"], { length: 0n });

/** `copyfileobj(fsrc, fdst, length=0)`: `fdst.write(fsrc.read(length))` until a read is empty. */
export function copyfileobj(...args: unknown[]): null {
  const [fsrc, fdst, lengthArg] = bind(COPYFILEOBJ, args);
  const length = truthy(lengthArg) ? lengthArg : COPY_BUFSIZE;
  const read = getattr(fsrc, "read");
  const write = getattr(fdst, "write");
  for (;;) {
    const buf = call(read, length);
    if (!truthy(buf)) return null;
    call(write, buf);
  }
}

function samefile(src: unknown, dst: unknown): boolean {
  try {
    return osPath.samefile(src, dst);
  } catch (e) {
    if (e instanceof OSError) return false;
    throw e;
  }
}

const S_IFMT = 0o170000n;
const S_IFIFO = 0o010000n;

/** The permission bits of a mode (`stat.S_IMODE`). */
function imode(mode: unknown): bigint {
  return (mode as bigint) & 0o7777n;
}

function sig(name: string, params: string[], defaults: Record<string, unknown> = {}) {
  return signature(name, params, defaults);
}

const SRC_DST = (name: string) =>
  sig(name, ["src", "dst", "*", "follow_symlinks"], { follow_symlinks: true });
const COPYFILE = SRC_DST("copyfile");
const COPYMODE = SRC_DST("copymode");
const COPYSTAT = SRC_DST("copystat");
const COPY = SRC_DST("copy");
const COPY2 = SRC_DST("copy2");

/** `copyfile(src, dst, *, follow_symlinks=True)`: the contents (no metadata); returns `dst`. */
export function copyfile(...args: unknown[]): unknown {
  const [src, dst, follow] = bind(COPYFILE, args);
  if (samefile(src, dst))
    throw new SameFileError(`${repr(src)} and ${repr(dst)} are the same file`);
  for (const fn of [src, dst]) {
    let st: ReturnType<typeof stat>;
    try {
      st = stat(fn);
    } catch (e) {
      if (e instanceof OSError) continue;
      throw e;
    }
    if ((st.st_mode & S_IFMT) === S_IFIFO)
      throw new SpecialFileError(`\`${str(fn)}\` is a named pipe`);
  }
  if (!truthy(follow) && osPath.islink(src)) {
    symlink(readlink(src), dst);
    return dst;
  }
  const fsrc = ioOpen(src, "rb") as unknown as { read(n: unknown): unknown; close(): unknown };
  try {
    let fdst: { write(b: unknown): unknown; close(): unknown };
    try {
      fdst = ioOpen(dst, "wb") as unknown as typeof fdst;
    } catch (e) {
      if (e instanceof IsADirectoryError && !osPath.exists(dst)) {
        const err = new FileNotFoundError(`Directory does not exist: ${str(dst)}`);
        err.__cause__ = e;
        throw err;
      }
      throw e;
    }
    try {
      for (;;) {
        const buf = fsrc.read(COPY_BUFSIZE) as BytesLike;
        if (buf.data.length === 0) break;
        fdst.write(buf);
      }
    } finally {
      fdst.close();
    }
  } finally {
    fsrc.close();
  }
  return dst;
}

/** `copymode(src, dst, *, follow_symlinks=True)`: the permission bits (nothing between two links). */
export function copymode(...args: unknown[]): null {
  const [src, dst, follow] = bind(COPYMODE, args);
  if (!truthy(follow) && osPath.islink(src) && osPath.islink(dst)) return null;
  chmod(dst, imode(stat(src).st_mode));
  return null;
}

/**
 * `copystat(src, dst, *, follow_symlinks=True)`: access and modification times and permission
 * bits (between two links, only the times: Linux cannot chmod a link).
 */
export function copystat(...args: unknown[]): null {
  const [src, dst, followArg] = bind(COPYSTAT, args);
  const follow = truthy(followArg) || !(osPath.islink(src) && osPath.islink(dst));
  const st = follow ? stat(src) : lstat(src);
  utime(dst, new Kw({ ns: new Tuple([st.st_atime_ns, st.st_mtime_ns]), follow_symlinks: follow }));
  if (follow) chmod(dst, imode(st.st_mode));
  return null;
}

/** `dst`, or `dst/basename(src)` when `dst` is a directory. */
function target(src: unknown, dst: unknown): unknown {
  return osPath.isdir(dst) ? osPath.join(dst, osPath.basename(src)) : dst;
}

/** `copy(src, dst, *, follow_symlinks=True)`: contents and permission bits; returns the file made. */
export function copy(...args: unknown[]): unknown {
  const [src, dstArg, follow] = bind(COPY, args);
  const dst = target(src, dstArg);
  const kw = new Kw({ follow_symlinks: follow });
  copyfile(src, dst, kw);
  copymode(src, dst, kw);
  return dst;
}

/** `copy2(src, dst, *, follow_symlinks=True)`: contents and `copystat`'s metadata. */
export function copy2(...args: unknown[]): unknown {
  const [src, dstArg, follow] = bind(COPY2, args);
  const dst = target(src, dstArg);
  const kw = new Kw({ follow_symlinks: follow });
  copyfile(src, dst, kw);
  copystat(src, dst, kw);
  return dst;
}

/** `ignore_patterns(*patterns)`: a copytree `ignore` callable naming what matches a pattern. */
export function ignore_patterns(...patterns: unknown[]): unknown {
  const setOf = (require("../set") as typeof import("../set")).PySet;
  function _ignore_patterns(_path: unknown, names: unknown): unknown {
    const ignored: unknown[] = [];
    for (const p of patterns) ignored.push(...fnmatchFilter(names, p));
    return new setOf(ignored);
  }
  return _ignore_patterns;
}

const COPYTREE = sig(
  "copytree",
  [
    "src",
    "dst",
    "symlinks",
    "ignore",
    "copy_function",
    "ignore_dangling_symlinks",
    "dirs_exist_ok",
  ],
  {
    symlinks: false,
    ignore: null,
    copy_function: copy2,
    ignore_dangling_symlinks: false,
    dirs_exist_ok: false,
  },
);

/**
 * `copytree(src, dst, symlinks=False, ignore=None, copy_function=copy2,
 * ignore_dangling_symlinks=False, dirs_exist_ok=False)`: the tree at `src` as `dst`; errors are
 * collected and raised together as `Error([(src, dst, why), ...])`.
 */
export function copytree(...args: unknown[]): unknown {
  const [src, dst, symlinks, ignore, copyFunction, ignoreDangling, dirsExistOk] = bind(
    COPYTREE,
    args,
  );
  const srcPath = pathStr(src);
  let entries: nodeFs.Dirent[];
  try {
    entries = _scandir(srcPath);
  } catch (e) {
    throw osError(e, srcPath);
  }
  const ignored =
    ignore === null
      ? null
      : call(
          ignore,
          srcPath,
          entries.map((e) => e.name),
        );
  const makedirs = (require("./os") as typeof import("./os")).makedirs;
  makedirs(dst, new Kw({ exist_ok: dirsExistOk }));
  const errors: unknown[] = [];
  const links = truthy(symlinks);
  for (const entry of entries) {
    if (ignored !== null && contains(ignored, entry.name)) continue;
    const srcname = osPath.join(src, entry.name);
    const dstname = osPath.join(dst, entry.name);
    const subtree = () =>
      copytree(srcname, dstname, symlinks, ignore, copyFunction, ignoreDangling, dirsExistOk);
    try {
      if (entry.isSymbolicLink()) {
        const linkto = readlink(srcname);
        if (links) {
          symlink(linkto, dstname);
          copystat(srcname, dstname, new Kw({ follow_symlinks: !links }));
        } else {
          if (!osPath.exists(linkto) && truthy(ignoreDangling)) continue;
          if (osPath.isdir(srcname)) subtree();
          else call(copyFunction, srcname, dstname);
        }
      } else if (entry.isDirectory()) subtree();
      else call(copyFunction, srcname, dstname);
    } catch (e) {
      // (a SameFileError's message too, one character at a time, as CPython's `extend`)
      if (e instanceof Error) errors.push(...iter(getitem(getattr(e, "args"), 0n)));
      else if (e instanceof OSError) errors.push(new Tuple([srcname, dstname, str(e)]));
      else throw e;
    }
  }
  try {
    copystat(src, dst);
  } catch (e) {
    if (!(e instanceof OSError)) throw e;
    errors.push(new Tuple([src, dst, str(e)]));
  }
  if (errors.length > 0) throw new Error(errors);
  return dst;
}

type OnExc = (func: unknown, path: unknown, exc: OSError) => void;

/** The steps of `_rmtree_safe_fd`'s stack: an `lstat` (then open, list, unlink) or an `rmdir`. */
type RmStep = [step: "lstat" | "rmdir", path: unknown, entry: nodeFs.Dirent | null];

/** One step of the walk (CPython's `_rmtree_safe_fd`, on paths). */
function rmtreeStep(stack: RmStep[], onexc: OnExc): void {
  // `arg` is rmtree's argument as given (a pathlib path stays one in error reports) or a str.
  const [step, arg, entry] = stack.pop()!;
  const path = pathStr(arg);
  let func: unknown = step === "rmdir" ? rmdir : lstat;
  try {
    if (step === "rmdir") {
      fsCall(() => nodeFs.rmdirSync(path));
      return;
    }
    const orig = fsCall(() => nodeFs.lstatSync(path, { bigint: true }));
    func = osOpen;
    const fd = fsCall(() =>
      nodeFs.openSync(path, nodeFs.constants.O_RDONLY | nodeFs.constants.O_NONBLOCK),
    );
    func = osPath.islink;
    try {
      const st = nodeFs.fstatSync(fd, { bigint: true });
      if (st.ino !== orig.ino || st.dev !== orig.dev)
        throw new OSError("Cannot call rmtree on a symbolic link");
      stack.push(["rmdir", arg, entry]);
    } finally {
      nodeFs.closeSync(fd);
    }
    func = scandir;
    const entries = fsCall(() => _scandir(path));
    for (const e of entries) {
      const fullname = osPath.join(path, e.name);
      if (e.isDirectory()) {
        stack.push(["lstat", fullname, e]);
        continue;
      }
      try {
        nodeFs.unlinkSync(fullname);
      } catch (err) {
        const exc = osError(err, e.name);
        if (exc instanceof FileNotFoundError) continue;
        if (!(exc instanceof OSError)) throw exc;
        onexc(unlink, fullname, exc);
      }
    }
  } catch (err) {
    if (!(err instanceof OSError)) throw err;
    if (err instanceof FileNotFoundError && entry !== null && func !== close) return;
    err.filename = arg;
    onexc(func, arg, err);
  }
}

/** A Node fs call whose error becomes CPython's OSError (without a file name: the caller sets it). */
function fsCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw osError(e);
  }
}

/** `rmtree` with a JS error handler (for tempfile.TemporaryDirectory). */
export function _rmtree(path: unknown, onexc: OnExc): void {
  const stack: RmStep[] = [["lstat", path, null]];
  while (stack.length > 0) rmtreeStep(stack, onexc);
}

const RMTREE = sig("rmtree", ["path", "ignore_errors", "onerror", "*", "onexc", "dir_fd"], {
  ignore_errors: false,
  onerror: null,
  onexc: null,
  dir_fd: null,
});

/**
 * `rmtree(path, ignore_errors=False, onerror=None, *, onexc=None, dir_fd=None)`: a directory and
 * everything in it. An error goes to `onexc(func, path, exc)` (or the deprecated
 * `onerror(func, path, exc_info)`), is ignored, or is raised.
 */
export function rmtree(...args: unknown[]): null {
  const [path, ignoreErrors, onerror, onexcArg, dirFd] = bind(RMTREE, args);
  if (dirFd !== null) throw new NotImplementedError("rmtree's dir_fd is not supported");
  let onexc: OnExc;
  if (truthy(ignoreErrors)) onexc = () => {};
  else if (onexcArg !== null) onexc = (f, p, e) => void call(onexcArg, f, p, e);
  else if (onerror !== null)
    onexc = (f, p, e) =>
      void call(onerror, f, p, new Tuple([typeOf(e), e, getattr(e, "__traceback__", null)]));
  else
    onexc = (_f, _p, e) => {
      throw e;
    };
  _rmtree(path, onexc);
  return null;
}
Object.defineProperty(rmtree, "avoids_symlink_attacks", { value: true, writable: true });

function destinsrc(src: unknown, dst: unknown): boolean {
  let s = osPath.abspath(src);
  let d = osPath.abspath(dst);
  if (!s.endsWith("/")) s += "/";
  if (!d.endsWith("/")) d += "/";
  return d.startsWith(s);
}

const MOVE = sig("move", ["src", "dst", "copy_function"], { copy_function: copy2 });

/**
 * `move(src, dst, copy_function=copy2)`: `os.rename`, or a copy then a removal across file
 * systems; into `dst/basename(src)` when `dst` is a directory. Returns where it went.
 */
export function move(...args: unknown[]): unknown {
  const [src, dst, copyFunction] = bind(MOVE, args);
  let realDst = dst;
  if (osPath.isdir(dst)) {
    if (samefile(src, dst) && !osPath.islink(src)) {
      rename(src, dst);
      return null;
    }
    realDst = osPath.join(dst, osPath.basename(pathStr(src).replace(/\/+$/, "")));
    if (osPath.exists(realDst))
      throw new Error(`Destination path '${str(realDst)}' already exists`);
  }
  try {
    rename(src, realDst);
  } catch (e) {
    if (!(e instanceof OSError)) throw e;
    if (osPath.islink(src)) {
      symlink(readlink(src), realDst);
      unlink(src);
    } else if (osPath.isdir(src)) {
      if (destinsrc(src, dst))
        throw new Error(`Cannot move a directory '${str(src)}' into itself '${str(dst)}'.`);
      copytree(src, realDst, new Kw({ copy_function: copyFunction, symlinks: true }));
      rmtree(src);
    } else {
      call(copyFunction, src, realDst);
      unlink(src);
    }
  }
  return realDst;
}

const WHICH = sig("which", ["cmd", "mode", "path"], { mode: 1n, path: null });

/** `which(cmd, mode=os.F_OK | os.X_OK, path=None)`: the first match on PATH, or None. */
export function which(...args: unknown[]): unknown {
  const [cmdArg, mode, pathArg] = bind(WHICH, args);
  if (cmdArg instanceof BytesLike)
    throw new NotImplementedError("shutil.which of bytes is not supported");
  const [dirname, cmd] = osPath.split(cmdArg).items as [string, string];
  let dirs: string[];
  if (dirname) dirs = [dirname];
  else {
    let p = pathArg;
    if (p === null) p = environ.get("PATH", null) ?? "/bin:/usr/bin";
    if (!truthy(p)) return null;
    dirs = (pathStr(p) as string).split(":");
  }
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const name = osPath.join(dir, cmd);
    if (osPath.exists(name) && access(name, mode) && !osPath.isdir(name)) return name;
  }
  return null;
}

let usageClass: ((...a: unknown[]) => unknown) | null = null;

/** `disk_usage(path)`: `usage(total, used, free)` in bytes, from `statvfs`. */
export function disk_usage(path: unknown): unknown {
  const p = pathStr(path);
  let st: nodeFs.BigIntStatsFs;
  try {
    st = nodeFs.statfsSync(p, { bigint: true });
  } catch (e) {
    throw osError(e, p);
  }
  usageClass ??= namedtuple(
    "usage",
    "total used free",
    new Kw({ module: "shutil" }),
  ) as unknown as (...a: unknown[]) => unknown;
  return usageClass(st.blocks * st.bsize, (st.blocks - st.bfree) * st.bsize, st.bavail * st.bsize);
}

const TERMINAL_SIZE = sig("get_terminal_size", ["fallback"], {
  fallback: new Tuple([80n, 24n]),
});

/** A positive `int(os.environ[name])`, or 0. */
function envSize(name: string): bigint {
  const v = environ.get(name, null);
  if (v === null) return 0n;
  try {
    return (require("../builtins") as typeof import("../builtins")).int(v) as bigint;
  } catch (e) {
    if (e instanceof ValueError) return 0n;
    throw e;
  }
}

/**
 * `get_terminal_size(fallback=(80, 24))`: COLUMNS and LINES when set, else the terminal of
 * stdout, else `fallback`.
 */
export function get_terminal_size(...args: unknown[]): unknown {
  const [fallback] = bind(TERMINAL_SIZE, args);
  let columns = envSize("COLUMNS");
  let lines = envSize("LINES");
  if (columns <= 0n || lines <= 0n) {
    let size: Tuple;
    try {
      size = osTerminalSize(1n);
    } catch (e) {
      if (!(e instanceof OSError)) throw e;
      size = new terminal_size(fallback);
    }
    // `size.columns or fallback[0]`
    const pick = (i: number) =>
      (truthy(size.items[i]) ? size.items[i] : getitem(fallback, BigInt(i))) as bigint;
    if (columns <= 0n) columns = pick(0);
    if (lines <= 0n) lines = pick(1);
  }
  return new terminal_size(new Tuple([columns, lines]));
}
