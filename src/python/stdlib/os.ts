/**
 * Python's `os` (the parts asyncio programs use): process ids, `environ`/`getenv`, `kill`,
 * `cpu_count`, `getcwd`, `remove`/`unlink`, `fspath`, `stat`/`lstat` (an `os.stat_result` with
 * the ten fields by index and by name, float times as CPython's seconds + ns * 1e-9), constants,
 * `os.path` string functions, and the directory functions (`listdir`, `scandir`, `mkdir`,
 * `makedirs`, `rmdir`, `removedirs`, `rename`, `replace`, `chdir`, and `walk` in CPython's order:
 * a stack of directories, each listed in the OS's order). Paths may be os.PathLike objects
 * (pathlib's), read through `__fspath__`; errors name the path as a str, as CPython's.
 *
 * `environ` is a live mapping over `process.env` with str values: reading a missing key raises
 * `KeyError`, assignments and deletions change the environment of the process.
 */

import * as nodeFs from "node:fs";
import * as nodePath from "node:path";
import { osError } from "../_io";
import { Bytes, BytesLike } from "../bytes";
import { Dict } from "../dict";
import { messageOf } from "../errnos";
import {
  FileExistsError,
  KeyError,
  NotImplementedError,
  OSError,
  OverflowError,
  TypeError as PyTypeError,
  StopIteration,
  ValueError,
} from "../exceptions";
import { Kw } from "../kw";
import { index } from "../numbers";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { nodeCrypto } from "./hashlib";
import { clinicArgs, libraryClass, pythonArgs, takeKw } from "./types";

// The descriptor and link functions (`open`, `read`, `write`, `fdopen`, `symlink`, `chmod`, ...).
export * from "./_posix";

export const name = "posix";
export const sep = "/";
export const altsep = null;
export const extsep = ".";
export const pathsep = ":";
export const linesep = "\n";
export const curdir = ".";
export const pardir = "..";
export const devnull = "/dev/null";

/** node:os, loaded on first use (startup time). */
function nodeOs(): typeof import("node:os") {
  return require("node:os") as typeof import("node:os");
}

export function getpid(): bigint {
  return BigInt(process.pid);
}
export function getppid(): bigint {
  return BigInt(process.ppid);
}
export function getcwd(): string {
  return process.cwd();
}
export function cpu_count(): bigint | null {
  const n = nodeOs().cpus().length;
  return n > 0 ? BigInt(n) : null;
}
export function process_cpu_count(): bigint | null {
  return cpu_count();
}

const SIGNAL_NAMES: Record<number, NodeJS.Signals> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  9: "SIGKILL",
  10: "SIGUSR1",
  12: "SIGUSR2",
  13: "SIGPIPE",
  14: "SIGALRM",
  15: "SIGTERM",
  17: "SIGCHLD",
  18: "SIGCONT",
  19: "SIGSTOP",
  20: "SIGTSTP",
};

/**
 * `os.kill(pid, sig)`. A signal to the program's own process is `signal.raise_signal`'s: CPython
 * runs the Python-level handlers before `kill` returns.
 */
export function kill(pid: unknown, sig: unknown): null {
  const p = Number(index(pid));
  const s = Number(index(sig));
  if (p === process.pid && s in SIGNAL_NAMES && s !== 9 && s !== 19) {
    (require("./signal") as typeof import("./signal")).raise_signal(BigInt(s));
    return null;
  }
  try {
    process.kill(p, s === 0 ? 0 : (SIGNAL_NAMES[s] ?? s));
  } catch (e) {
    throw osError(e);
  }
  return null;
}

/**
 * The entries of a directory in the OS's order, as `os.scandir` lists them (`readdir`, which
 * Node's `readdirSync` would sort); throws Node's errors. For pathlib's and glob's walks.
 */
export function _scandir(path: string): nodeFs.Dirent[] {
  const dir = nodeFs.opendirSync(path === "" ? "." : path);
  const out: nodeFs.Dirent[] = [];
  try {
    for (let e = dir.readSync(); e !== null; e = dir.readSync()) out.push(e);
  } finally {
    dir.closeSync();
  }
  return out;
}

/** A path argument of an `os` function: str (or os.PathLike); bytes are not supported. */
function pathArg(fname: string, what: string, x: unknown, kinds: string): string {
  if (x instanceof BytesLike) throw new NotImplementedError(`os.${fname} of bytes paths`);
  if ((typeof x === "bigint" || typeof x === "boolean") && kinds.includes("integer"))
    throw new NotImplementedError(`os.${fname} of a file descriptor`);
  return checkStr(x, `${fname}: ${what} should be ${kinds}, not`);
}

const STR_BYTES_PATHLIKE = "string, bytes or os.PathLike";

/**
 * Argument Clinic's check of a function whose last parameters are keyword-only (after its check
 * of the number of arguments): at most `n` positional ones, `required` of them required.
 */
function positionalAtMost(fname: string, args: unknown[], n: number, required: number): void {
  const last = args[args.length - 1];
  const given = last instanceof Kw ? args.length - 1 : args.length;
  if (given > n)
    throw new PyTypeError(
      `${fname}() takes ${required === n ? "exactly" : "at most"} ${n} positional argument${n === 1 ? "" : "s"} (${given} given)`,
    );
}

function noDirFd(fname: string, dirFd: unknown): void {
  if (dirFd !== undefined && dirFd !== null)
    throw new NotImplementedError(`os.${fname}'s dir_fd is not supported`);
}

/** `os.listdir(path='.')`: the names in a directory, in the OS's order. */
export function listdir(...args: unknown[]): string[] {
  const [p] = clinicArgs("listdir", args, ["path"], 0);
  const s =
    p === undefined || p === null
      ? "."
      : pathArg("listdir", "path", p, "string, bytes, os.PathLike, integer or None");
  try {
    return _scandir(s).map((e) => e.name);
  } catch (e) {
    throw osError(e, s);
  }
}

/** `os.mkdir(path, mode=0o777, *, dir_fd=None)`. */
export function mkdir(...args: unknown[]): null {
  const [p, mode, dirFd] = clinicArgs("mkdir", args, ["path", "mode", "dir_fd"], 1);
  positionalAtMost("mkdir", args, 2, 1);
  noDirFd("mkdir", dirFd);
  const s = pathArg("mkdir", "path", p, STR_BYTES_PATHLIKE);
  try {
    nodeFs.mkdirSync(s, { mode: mode === undefined ? 0o777 : Number(index(mode)) });
  } catch (e) {
    throw osError(e, s);
  }
  return null;
}

/** `os.makedirs(name, mode=0o777, exist_ok=False)`: `mkdir` of each missing directory. */
export function makedirs(...args: unknown[]): null {
  const [name, mode, existOk] = pythonArgs("makedirs", args, ["name", "mode", "exist_ok"], 1);
  const ok = existOk !== undefined && truthyOf(existOk);
  let [head, tail] = path.split(name).items as [string, string];
  if (!tail) [head, tail] = path.split(head).items as [string, string];
  if (head && tail && !path.exists(head)) {
    try {
      makedirs(head, new Kw({ exist_ok: ok }));
    } catch (e) {
      if (!(e instanceof FileExistsError)) throw e;
    }
    if (tail === curdir) return null;
  }
  try {
    mkdir(name, ...(mode === undefined ? [] : [mode]));
  } catch (e) {
    if (!(e instanceof OSError) || !ok || !path.isdir(name)) throw e;
  }
  return null;
}

/** `os.rmdir(path, *, dir_fd=None)`: an empty directory. */
export function rmdir(...args: unknown[]): null {
  const [p, dirFd] = clinicArgs("rmdir", args, ["path", "dir_fd"], 1);
  positionalAtMost("rmdir", args, 1, 1);
  noDirFd("rmdir", dirFd);
  const s = pathArg("rmdir", "path", p, STR_BYTES_PATHLIKE);
  try {
    nodeFs.rmdirSync(s);
  } catch (e) {
    throw osError(e, s);
  }
  return null;
}

/** `os.removedirs(name)`: `rmdir`, then its parents while they are empty. */
export function removedirs(...args: unknown[]): null {
  const [name] = pythonArgs("removedirs", args, ["name"], 1);
  rmdir(name);
  let [head, tail] = path.split(name).items as [string, string];
  if (!tail) [head, tail] = path.split(head).items as [string, string];
  while (head && tail) {
    try {
      rmdir(head);
    } catch {
      break;
    }
    [head, tail] = path.split(head).items as [string, string];
  }
  return null;
}

function renameImpl(fname: string, args: unknown[]): null {
  const [src, dst, srcFd, dstFd] = clinicArgs(
    fname,
    args,
    ["src", "dst", "src_dir_fd", "dst_dir_fd"],
    2,
  );
  positionalAtMost(fname, args, 2, 2);
  noDirFd(fname, srcFd);
  noDirFd(fname, dstFd);
  const a = pathArg(fname, "src", src, STR_BYTES_PATHLIKE);
  const b = pathArg(fname, "dst", dst, STR_BYTES_PATHLIKE);
  try {
    nodeFs.renameSync(a, b);
  } catch (e) {
    throw osError(e, a, b);
  }
  return null;
}

/** `os.rename(src, dst)`. */
export function rename(...args: unknown[]): null {
  return renameImpl("rename", args);
}

/** `os.replace(src, dst)`: `rename`, which on POSIX replaces an existing `dst` too. */
export function replace(...args: unknown[]): null {
  return renameImpl("replace", args);
}

/** `os.chdir(path)`. */
export function chdir(...args: unknown[]): null {
  const [p] = clinicArgs("chdir", args, ["path"], 1);
  const s = pathArg("chdir", "path", p, "string, bytes, os.PathLike or integer");
  try {
    process.chdir(s);
  } catch (e) {
    throw osError(e, s);
  }
  return null;
}

/** `os.urandom(size)`: random bytes from the OS. */
export function urandom(...args: unknown[]): Bytes {
  const [size] = clinicArgs("urandom", args, ["size"], 1);
  const n = index(size);
  if (n < 0n) throw new ValueError("negative argument not allowed");
  return new Bytes(new Uint8Array(nodeCrypto().randomBytes(Number(n))));
}

/**
 * `os.walk(top, topdown=True, onerror=None, followlinks=False)`: `(dirpath, dirnames, filenames)`
 * for each directory (see `_walk`); top-down, the program may prune `dirnames` before the walk
 * goes on.
 */
export function* walk(...args: unknown[]): Generator<Tuple> {
  const [top, topdown, onerror, followlinks] = pythonArgs(
    "walk",
    args,
    ["top", "topdown", "onerror", "followlinks"],
    1,
  );
  const down = topdown === undefined || truthyOf(topdown);
  const follow = followlinks !== undefined && truthyOf(followlinks);
  for (const t of _walk(fspath(top) as string, down, onerror ?? null, follow)) yield new Tuple(t);
}

/**
 * The traversal of `os.walk`, in CPython's order: a stack of directories, each listed in the OS's
 * order. `followlinks` "as files" is pathlib's `Path.walk` without `follow_symlinks` (CPython's
 * `_walk_symlinks_as_files`): a symbolic link to a directory is listed with the files. The
 * `dirnames` list yielded is the one the walk goes on with.
 */
export function* _walk(
  top: string,
  topdown: boolean,
  onerror: unknown,
  followlinks: boolean | "as files",
): Generator<[string, string[], string[]]> {
  const stack: (string | [string, string[], string[]])[] = [top];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (typeof dir !== "string") {
      yield dir;
      continue;
    }
    let entries: nodeFs.Dirent[];
    try {
      entries = _scandir(dir);
    } catch (e) {
      if (onerror !== null) callOf(onerror, osError(e, dir));
      continue;
    }
    const dirs: string[] = [];
    const nondirs: string[] = [];
    const walkDirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // DirEntry.is_dir() follows a symbolic link, unless listing links as files.
      const isDir =
        entry.isDirectory() ||
        (followlinks !== "as files" && entry.isSymbolicLink() && path.isdir(full));
      (isDir ? dirs : nondirs).push(entry.name);
      if (!topdown && isDir && (followlinks !== false || !entry.isSymbolicLink()))
        walkDirs.push(full);
    }
    if (topdown) {
      yield [dir, dirs, nondirs];
      for (let i = dirs.length - 1; i >= 0; i--) {
        const next = path.join(dir, dirs[i]);
        if (followlinks !== false || !path.islink(next)) stack.push(next);
      }
    } else {
      stack.push([dir, dirs, nondirs]);
      for (let i = walkDirs.length - 1; i >= 0; i--) stack.push(walkDirs[i]!);
    }
  }
}

/** The `follow_symlinks` keyword of a DirEntry method (which takes no positional argument). */
function followSymlinks(fname: string, args: unknown[]): boolean {
  const [pos, kws] = takeKw(args);
  if (pos.length > 0) throw new PyTypeError(`${fname}() takes no positional arguments`);
  for (const k of Object.keys(kws))
    if (k !== "follow_symlinks")
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
  return !("follow_symlinks" in kws) || truthyOf(kws.follow_symlinks);
}

/** Only `scandir` makes DirEntry objects. */
const MADE_BY_SCANDIR = Symbol("scandir");

/** `os.DirEntry`: an entry `os.scandir` lists, with what the directory listing told of it. */
class DirEntryImpl {
  readonly name: string;
  readonly path: string;
  private readonly entry: nodeFs.Dirent;

  constructor(token: unknown, dir: string, entry: nodeFs.Dirent) {
    if (token !== MADE_BY_SCANDIR)
      throw new PyTypeError("cannot create 'posix.DirEntry' instances");
    this.name = entry.name;
    this.path = path.join(dir, entry.name);
    this.entry = entry;
  }

  is_dir(...args: unknown[]): boolean {
    const follow = followSymlinks("is_dir", args);
    if (this.entry.isDirectory()) return true;
    return follow && this.entry.isSymbolicLink() && path.isdir(this.path);
  }

  is_file(...args: unknown[]): boolean {
    const follow = followSymlinks("is_file", args);
    if (this.entry.isFile()) return true;
    return follow && this.entry.isSymbolicLink() && path.isfile(this.path);
  }

  is_symlink(): boolean {
    return this.entry.isSymbolicLink();
  }

  is_junction(): boolean {
    return false;
  }

  stat(...args: unknown[]): StatResultImpl {
    return followSymlinks("stat", args) ? stat(this.path) : lstat(this.path);
  }

  inode(): bigint {
    return lstat(this.path).st_ino as bigint;
  }

  __fspath__(): string {
    return this.path;
  }

  __repr__(): string {
    return `<DirEntry ${repr(this.name)}>`;
  }
}

export const DirEntry = libraryClass(DirEntryImpl, "DirEntry", "posix");
/** The iterator `os.scandir` returns: reads the directory as it goes; a context manager. */
class ScandirIteratorImpl {
  private dir: nodeFs.Dir | null;

  constructor(
    private readonly base: string,
    dir: nodeFs.Dir,
  ) {
    this.dir = dir;
  }

  __iter__(): this {
    return this;
  }

  /** The next entry, or null at the end (which closes the directory). */
  private read(): DirEntryImpl | null {
    const e = this.dir?.readSync() ?? null;
    if (e === null) {
      this.close();
      return null;
    }
    return new DirEntryImpl(MADE_BY_SCANDIR, this.base, e);
  }

  __next__(): DirEntryImpl {
    const e = this.read();
    if (e === null) throw new StopIteration();
    return e;
  }

  [Symbol.iterator](): Iterator<DirEntryImpl> {
    return {
      next: () => {
        const e = this.read();
        return e === null ? { done: true, value: undefined } : { done: false, value: e };
      },
    };
  }

  close(): null {
    if (this.dir !== null) {
      this.dir.closeSync();
      this.dir = null;
    }
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): boolean {
    this.close();
    return false;
  }
}

const ScandirIterator = libraryClass(ScandirIteratorImpl, "ScandirIterator", "posix");

/** `os.scandir(path='.')`: the entries of a directory, in the OS's order. */
export function scandir(...args: unknown[]): ScandirIteratorImpl {
  const [p] = clinicArgs("scandir", args, ["path"], 0);
  const s =
    p === undefined || p === null
      ? "."
      : pathArg("scandir", "path", p, "string, bytes, os.PathLike, integer or None");
  let dir: nodeFs.Dir;
  try {
    dir = nodeFs.opendirSync(s);
  } catch (e) {
    throw osError(e, s);
  }
  return new ScandirIterator(s, dir);
}

/** `os.strerror(code)`: the C library's message for an error number. */
export function strerror(code: unknown): string {
  const n = index(code);
  if (n < -(2n ** 31n) || n >= 2n ** 31n)
    throw new OverflowError("Python int too large to convert to C int");
  return messageOf(Number(n));
}

/**
 * `os._exit(n)`: end the process at once with status `n`, without running `atexit`'s calls,
 * `finally` blocks or flushing output still buffered (what CPython's `_exit(2)` does).
 */
export function _exit(n: unknown): never {
  const status = Number(BigInt.asIntN(32, index(n))) & 0xff;
  const io = require("../io") as typeof import("../io");
  process.removeListener("exit", io.flushStd);
  process.exit(status);
}

class EnvironImpl {
  __getitem__(key: unknown): string {
    const k = checkStr(key, "str expected, not");
    const v = process.env[k];
    if (v === undefined) throw new KeyError(key);
    return v;
  }
  __setitem__(key: unknown, value: unknown): void {
    const k = checkStr(key, "str expected, not");
    process.env[k] = checkStr(value, "str expected, not");
  }
  __delitem__(key: unknown): void {
    const k = checkStr(key, "str expected, not");
    if (!(k in process.env)) throw new KeyError(key);
    delete process.env[k];
  }
  __contains__(key: unknown): boolean {
    return typeof key === "string" && process.env[key] !== undefined;
  }
  __len__(): bigint {
    return BigInt(Object.keys(process.env).length);
  }
  __iter__(): Iterator<string> {
    return Object.keys(process.env)[Symbol.iterator]();
  }
  [Symbol.iterator](): Iterator<string> {
    return this.__iter__();
  }
  get(key: unknown, dflt: unknown = null): unknown {
    return typeof key === "string" && process.env[key] !== undefined ? process.env[key] : dflt;
  }
  setdefault(key: unknown, dflt: unknown): unknown {
    if (!this.__contains__(key)) this.__setitem__(key, dflt);
    return this.__getitem__(key);
  }
  pop(key: unknown, ...dflt: unknown[]): unknown {
    if (!this.__contains__(key)) {
      if (dflt.length > 0) return dflt[0];
      throw new KeyError(key);
    }
    const v = this.__getitem__(key);
    this.__delitem__(key);
    return v;
  }
  keys(): unknown {
    return this.copy().keys();
  }
  values(): unknown {
    return this.copy().values();
  }
  items(): unknown {
    return this.copy().items();
  }
  copy(): Dict {
    return new Dict(Object.entries(process.env) as [string, string][]);
  }
  update(other: unknown = null): null {
    if (other instanceof Dict) for (const [k, v] of other.entries()) this.__setitem__(k, v);
    return null;
  }
  __repr__(): string {
    return `environ(${repr(this.copy())})`;
  }
}

/** An os.PathLike (pathlib's paths) as its `__fspath__`, anything else as is. */
function pathLike(x: unknown): unknown {
  const f = (x as { __fspath__?: unknown } | null)?.__fspath__;
  return typeof f === "function" && typeof x === "object" ? fspath(x) : x;
}

function checkStr(x: unknown, msg: string): string {
  x = pathLike(x);
  if (typeof x !== "string") {
    // a StrEnum member is a str (see enum.ts)
    const v = (x as { __str_value__?: unknown } | null)?.__str_value__;
    if (typeof v === "string") return v;
    throw new PyTypeError(`${msg} ${typeName(x)}`);
  }
  return x;
}

export const _Environ = libraryClass(EnvironImpl, "_Environ", "os");
/** `os.environ`. */
export const environ = new EnvironImpl();

/** `os.getenv(key, default=None)`. */
/** `os.remove(path)` / `os.unlink(path)`: OSError subclasses naming the path, as CPython. */
export function remove(p: unknown): null {
  const s = checkStr(p, "remove: path should be string, bytes or os.PathLike, not");
  try {
    nodeFs.unlinkSync(s);
  } catch (e) {
    throw osError(e, s);
  }
  return null;
}
export const unlink = remove;

export function getenv(key: unknown, dflt: unknown = null): unknown {
  const k = checkStr(key, "str expected, not");
  return process.env[k] ?? dflt;
}
/** `os.putenv(key, value)` / `os.unsetenv(key)`. */
export function putenv(key: unknown, value: unknown): null {
  process.env[checkStr(key, "str expected, not")] = checkStr(value, "str expected, not");
  return null;
}
export function unsetenv(key: unknown): null {
  delete process.env[checkStr(key, "str expected, not")];
  return null;
}

/** `os.path`. */
export const path = {
  sep,
  join(a: unknown, ...rest: unknown[]): string {
    let out = checkStr(a, "expected str, bytes or os.PathLike object, not");
    for (const p of rest) {
      const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
      if (s.startsWith("/")) out = s;
      else if (out === "" || out.endsWith("/")) out += s;
      else out += `/${s}`;
    }
    return out;
  },
  basename(p: unknown): string {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    return s.slice(s.lastIndexOf("/") + 1);
  },
  dirname(p: unknown): string {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    const i = s.lastIndexOf("/") + 1;
    let head = s.slice(0, i);
    if (head && head !== "/".repeat(head.length)) head = head.replace(/\/+$/, "");
    return head;
  },
  split(p: unknown): Tuple {
    return new Tuple([path.dirname(p), path.basename(p)]);
  },
  splitext(p: unknown): Tuple {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    const sepIdx = s.lastIndexOf("/");
    const dot = s.lastIndexOf(".");
    if (dot > sepIdx) {
      let fi = sepIdx + 1;
      while (fi < dot && s[fi] === ".") fi++;
      if (fi < dot) return new Tuple([s.slice(0, dot), s.slice(dot)]);
    }
    return new Tuple([s, ""]);
  },
  exists(p: unknown): boolean {
    p = pathLike(p);
    return typeof p === "string" && nodeFs.existsSync(p);
  },
  isfile(p: unknown): boolean {
    p = pathLike(p);
    try {
      return typeof p === "string" && nodeFs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
  isdir(p: unknown): boolean {
    p = pathLike(p);
    try {
      return typeof p === "string" && nodeFs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
  isabs(p: unknown): boolean {
    return checkStr(p, "expected str, bytes or os.PathLike object, not").startsWith("/");
  },
  abspath(p: unknown): string {
    return path.normpath(
      path.join(process.cwd(), checkStr(p, "expected str, bytes or os.PathLike object, not")),
    );
  },
  normpath(p: unknown): string {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    if (s === "") return ".";
    const initial = s.startsWith("//") && !s.startsWith("///") ? 2 : s.startsWith("/") ? 1 : 0;
    const out: string[] = [];
    for (const comp of s.split("/")) {
      if (comp === "" || comp === ".") continue;
      if (
        comp !== ".." ||
        (initial === 0 && out.length === 0) ||
        (out.length > 0 && out[out.length - 1] === "..")
      )
        out.push(comp);
      else if (out.length > 0) out.pop();
    }
    const r = "/".repeat(initial) + out.join("/");
    return r || ".";
  },
  realpath(p: unknown): string {
    try {
      return nodeFs.realpathSync(checkStr(p, "expected str, bytes or os.PathLike object, not"));
    } catch {
      return path.abspath(p);
    }
  },
  relpath(p: unknown, start: unknown = null): string {
    return (
      nodePath.relative(start === null ? process.cwd() : path.abspath(start), path.abspath(p)) ||
      "."
    );
  },
  expanduser(p: unknown): string {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    return s === "~" || s.startsWith("~/") ? nodeOs().homedir() + s.slice(1) : s;
  },
  curdir: ".",
  pardir: "..",
  extsep: ".",
  altsep: null,
  pathsep: ":",
  defpath: "/bin:/usr/bin",
  devnull: "/dev/null",
  supports_unicode_filenames: false,
  normcase(p: unknown): string {
    return checkStr(p, "expected str, bytes or os.PathLike object, not");
  },
  splitdrive(p: unknown): Tuple {
    return new Tuple(["", checkStr(p, "expected str, bytes or os.PathLike object, not")]);
  },
  /** posixpath.splitroot: `('', root, tail)`, the root being '', '/' or exactly '//'. */
  splitroot(p: unknown): Tuple {
    const s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    if (s[0] !== "/") return new Tuple(["", "", s]);
    if (s[1] !== "/" || s[2] === "/") return new Tuple(["", "/", s.slice(1)]);
    return new Tuple(["", s.slice(0, 2), s.slice(2)]);
  },
  /** `commonprefix(list)`: the longest common leading string (not path-aware). */
  commonprefix(m: unknown): unknown {
    const items = [...iterOf(m)];
    if (items.length === 0) return "";
    const strs = items.map((x) => checkStr(x, "expected str, bytes or os.PathLike object, not"));
    const sorted = [...strs].sort();
    const s1 = sorted[0]!;
    const s2 = sorted[sorted.length - 1]!;
    for (let i = 0; i < s1.length; i++) if (s1[i] !== s2[i]) return s1.slice(0, i);
    return s1;
  },
  /** `commonpath(paths)`: the longest common sub-path, CPython's posixpath algorithm. */
  commonpath(paths: unknown): string {
    const items = [...iterOf(paths)].map((x) =>
      checkStr(x, "expected str, bytes or os.PathLike object, not"),
    );
    if (items.length === 0) throw new ValueError("commonpath() arg is an empty sequence");
    const abs = new Set(items.map((x) => x.startsWith("/")));
    if (abs.size > 1) throw new ValueError("Can't mix absolute and relative paths");
    const split = items.map((x) => x.split("/").filter((c) => c !== "" && c !== "."));
    const cmp = (a: string[], b: string[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
      return a.length - b.length;
    };
    const s1 = split.reduce((a, b) => (cmp(b, a) < 0 ? b : a));
    const s2 = split.reduce((a, b) => (cmp(b, a) > 0 ? b : a));
    let common = s1;
    for (let i = 0; i < s1.length; i++) {
      if (s1[i] !== s2[i]) {
        common = s1.slice(0, i);
        break;
      }
    }
    return (abs.has(true) ? "/" : "") + common.join("/");
  },
  /** `samefile(f1, f2)`: whether two paths name the same file (device and inode). */
  samefile(f1: unknown, f2: unknown): boolean {
    return path.samestat(stat(f1), stat(f2));
  },
  samestat(s1: unknown, s2: unknown): boolean {
    const a = s1 as StatResultImpl;
    const b = s2 as StatResultImpl;
    return a.st_ino === b.st_ino && a.st_dev === b.st_dev;
  },
  getsize(p: unknown): bigint {
    return stat(p).st_size as bigint;
  },
  getmtime(p: unknown): number {
    return stat(p).st_mtime as number;
  },
  getatime(p: unknown): number {
    return stat(p).st_atime as number;
  },
  getctime(p: unknown): number {
    return stat(p).st_ctime as number;
  },
  islink(p: unknown): boolean {
    p = pathLike(p);
    try {
      return typeof p === "string" && nodeFs.lstatSync(p).isSymbolicLink();
    } catch {
      return false;
    }
  },
  lexists(p: unknown): boolean {
    p = pathLike(p);
    try {
      if (typeof p !== "string") return false;
      nodeFs.lstatSync(p);
      return true;
    } catch {
      return false;
    }
  },
  /** posixpath.expandvars: `$name` and `${name}` of the environment; unknown names stay. */
  expandvars(p: unknown): string {
    let s = checkStr(p, "expected str, bytes or os.PathLike object, not");
    if (!s.includes("$")) return s;
    const re = /\$([A-Za-z0-9_]+|\{[^}]*\})/g;
    let i = 0;
    for (;;) {
      re.lastIndex = i;
      const m = re.exec(s);
      if (m === null) break;
      let name = m[1]!;
      const j = m.index + m[0].length;
      if (name.startsWith("{") && name.endsWith("}")) name = name.slice(1, -1);
      const value = process.env[name];
      if (value === undefined) {
        i = j;
      } else {
        const tail = s.slice(j);
        s = s.slice(0, m.index) + value;
        i = s.length;
        s += tail;
      }
    }
    return s;
  },
  __name__: "posixpath",
};

function protocol(): typeof import("../protocol") {
  return require("../protocol") as typeof import("../protocol");
}

function iterOf(x: unknown): Iterable<unknown> {
  return protocol().iter(x);
}

function truthyOf(x: unknown): boolean {
  return protocol().truthy(x);
}

function callOf(f: unknown, ...args: unknown[]): unknown {
  return protocol().call(f, ...args);
}

/** `os.fspath(path)`: a str or bytes as is, else the result of its `__fspath__`. */
export function fspath(x: unknown): unknown {
  if (typeof x === "string" || x instanceof BytesLike) return x;
  const f = (x as { __fspath__?: unknown } | null)?.__fspath__;
  if (typeof f === "function") {
    const r = f.call(x);
    if (typeof r === "string" || r instanceof BytesLike) return r;
    throw new PyTypeError(
      `expected ${typeName(x)}.__fspath__() to return str or bytes, not ${typeName(r)}`,
    );
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(x)}`);
}

const STAT_FIELDS = [
  "st_mode",
  "st_ino",
  "st_dev",
  "st_nlink",
  "st_uid",
  "st_gid",
  "st_size",
  "st_atime",
  "st_mtime",
  "st_ctime",
] as const;

/** A float timestamp as CPython's `fill_time`: seconds + nanoseconds * 1e-9. */
function floatTime(ns: bigint): number {
  const sec = ns / 1_000_000_000n;
  return Number(sec) + Number(ns - sec * 1_000_000_000n) * 1e-9;
}

/**
 * `os.stat_result`: the ten fields by index (int timestamps) and by name (`st_size`, float
 * `st_mtime`, `st_mtime_ns`, ...). Not a tuple subclass.
 */
class StatResultImpl {
  declare readonly st_mode: bigint;
  declare readonly st_ino: bigint;
  declare readonly st_dev: bigint;
  declare readonly st_nlink: bigint;
  declare readonly st_uid: bigint;
  declare readonly st_gid: bigint;
  declare readonly st_size: bigint;
  declare readonly st_atime: number;
  declare readonly st_mtime: number;
  declare readonly st_ctime: number;
  declare readonly st_atime_ns: bigint;
  declare readonly st_mtime_ns: bigint;
  declare readonly st_ctime_ns: bigint;
  declare readonly st_blksize: bigint;
  declare readonly st_blocks: bigint;

  constructor(s: nodeFs.BigIntStats) {
    Object.assign(this, {
      st_mode: s.mode,
      st_ino: s.ino,
      st_dev: s.dev,
      st_nlink: s.nlink,
      st_uid: s.uid,
      st_gid: s.gid,
      st_size: s.size,
      st_atime: floatTime(s.atimeNs),
      st_mtime: floatTime(s.mtimeNs),
      st_ctime: floatTime(s.ctimeNs),
      st_atime_ns: s.atimeNs,
      st_mtime_ns: s.mtimeNs,
      st_ctime_ns: s.ctimeNs,
      st_blksize: s.blksize,
      st_blocks: s.blocks,
    });
  }

  private items(): unknown[] {
    return STAT_FIELDS.map((k) =>
      typeof this[k] === "number" ? BigInt(Math.floor(this[k] as number)) : this[k],
    );
  }

  __getitem__(i: unknown): unknown {
    return new Tuple(this.items()).__getitem__(i);
  }

  __len__(): bigint {
    return 10n;
  }

  __iter__(): Iterator<unknown> {
    return this.items()[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }

  __repr__(): string {
    const items = this.items();
    const fields = STAT_FIELDS.map((k, i) => `${k}=${str(items[i])}`);
    return `os.stat_result(${fields.join(", ")})`;
  }
}

export const stat_result = libraryClass(StatResultImpl, "stat_result", "os");

/** `os.stat(path, *, follow_symlinks=True)` / `os.lstat(path)`. */
export function stat(p: unknown, opts: unknown = null): StatResultImpl {
  const follow =
    !(opts instanceof Kw) ||
    (opts.kwargs as { follow_symlinks?: unknown }).follow_symlinks !== false;
  const s = checkStr(p, "stat: path should be string, bytes, os.PathLike or integer, not");
  try {
    return new stat_result(
      follow ? nodeFs.statSync(s, { bigint: true }) : nodeFs.lstatSync(s, { bigint: true }),
    );
  } catch (e) {
    throw osError(e, s);
  }
}
export function lstat(p: unknown): StatResultImpl {
  const s = checkStr(p, "lstat: path should be string, bytes, os.PathLike or integer, not");
  try {
    return new stat_result(nodeFs.lstatSync(s, { bigint: true }));
  } catch (e) {
    throw osError(e, s);
  }
}
