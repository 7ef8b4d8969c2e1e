/**
 * Python's `tempfile` (Lib/tempfile.py, 3.13, POSIX): `gettempdir` (TMPDIR, TEMP, TMP, then
 * /tmp, /var/tmp, /usr/tmp and the working directory, the first where a file can be made; cached
 * in `tempfile.tempdir`, which programs may set), `mkstemp`, `mkdtemp`, `mktemp`,
 * `TemporaryDirectory`, `NamedTemporaryFile` (a `_TemporaryFileWrapper` around the file object),
 * `TemporaryFile` (a file whose name is unlinked at once; its `name` is the descriptor) and
 * `SpooledTemporaryFile` (in memory until `max_size`).
 * Names are CPython's: `prefix + 8 random characters of [a-z0-9_] + suffix`, made with
 * `O_CREAT | O_EXCL` (mode 0o600; directories 0o700), retried while the name exists.
 *
 * CPython deletes an unreferenced TemporaryDirectory or NamedTemporaryFile when it is garbage
 * collected or at exit at the latest; here those not cleaned up are deleted when the process
 * exits (there are no finalizers). Bytes names raise NotImplementedError. A text-mode
 * SpooledTemporaryFile keeps a StringIO (CPython: a TextIOWrapper over a BytesIO), so before the
 * rollover `newline=None` translates "\r\n" as it is written and `tell()` counts characters.
 */

import { open as ioOpen } from "../_io";
import { Bytes, BytesLike } from "../bytes";
import { gt } from "../compare";
import {
  AttributeError,
  FileExistsError,
  FileNotFoundError,
  IsADirectoryError,
  NotImplementedError,
  OSError,
  PermissionError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { Kw } from "../kw";
import { bind, signature } from "../lang";
import { call, getattr, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import {
  chmod,
  close,
  fspath,
  getcwd,
  mkdir,
  O_CLOEXEC,
  O_CREAT,
  O_EXCL,
  O_NOFOLLOW,
  O_RDWR,
  open as osOpen,
  path as osPath,
  unlink,
  write,
} from "./os";
import { _rmtree } from "./shutil";
import { initFromConstructor, libraryClass } from "./types";

/** The default directory, found on first use (`gettempdir`); a program may set it. */
export let tempdir: unknown = null;
/** The default prefix. */
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let template = "tmp";
/** `os.TMP_MAX` of glibc: how many names are tried. */
export const TMP_MAX = 238328n;

const BIN_OPENFLAGS = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

const CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789_";

/** Eight random characters (CPython's `_RandomNameSequence`). */
function randomName(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += CHARACTERS[Math.floor(Math.random() * CHARACTERS.length)];
  return s;
}

function candidateTempdirList(): string[] {
  const dirs: string[] = [];
  for (const env of ["TMPDIR", "TEMP", "TMP"]) {
    const v = process.env[env];
    if (v) dirs.push(v);
  }
  dirs.push("/tmp", "/var/tmp", "/usr/tmp");
  try {
    dirs.push(getcwd());
  } catch {
    dirs.push(".");
  }
  return dirs;
}

/** The first candidate directory where a file can be created and written. */
function getDefaultTempdir(): string {
  const dirlist = candidateTempdirList();
  for (let dir of dirlist) {
    if (dir !== ".") dir = osPath.abspath(dir);
    for (let seq = 0; seq < 100; seq++) {
      const filename = osPath.join(dir, randomName());
      try {
        const fd = osOpen(filename, BIN_OPENFLAGS, 0o600n);
        try {
          try {
            write(fd, new Bytes(new TextEncoder().encode("blat")));
          } finally {
            close(fd);
          }
        } finally {
          unlink(filename);
        }
        return dir;
      } catch (e) {
        if (e instanceof FileExistsError) continue;
        if (e instanceof OSError) break;
        throw e;
      }
    }
  }
  throw new FileNotFoundError(2n, `No usable temporary directory found in ${repr(dirlist)}`);
}

/** `gettempdir()`: `tempfile.tempdir`, found first if None. */
export function gettempdir(): unknown {
  if (tempdir === null) tempdir = getDefaultTempdir();
  return tempdir instanceof BytesLike ? new TextDecoder().decode(tempdir.data) : tempdir;
}

/** `gettempdirb()`: `gettempdir()` as bytes. */
export function gettempdirb(): Bytes {
  return new Bytes(new TextEncoder().encode(pathOf(gettempdir())));
}

/** `gettempprefix()`: `tempfile.template`, "tmp". */
export function gettempprefix(): string {
  return template;
}

/** `gettempprefixb()`: the prefix as bytes. */
export function gettempprefixb(): Bytes {
  return new Bytes(new TextEncoder().encode(template));
}

function pathOf(x: unknown): string {
  return fspath(x) as string;
}

/**
 * `_sanitize_params`: suffix "", prefix `template`, dir `gettempdir()` by default; the str/bytes
 * check of `_infer_return_type` (bytes names are not supported).
 */
function sanitize(prefix: unknown, suffix: unknown, dir: unknown): [string, string, string] {
  let kind: "str" | "bytes" | null = null;
  for (let arg of [prefix, suffix, dir]) {
    if (arg === null) continue;
    const f = (arg as { __fspath__?: unknown } | null)?.__fspath__;
    if (typeof f === "function" && typeof arg === "object") arg = fspath(arg);
    const k = arg instanceof Bytes ? "bytes" : "str";
    if (kind !== null && kind !== k)
      throw new PyTypeError("Can't mix bytes and non-bytes in path components.");
    kind = k;
  }
  if (kind === "bytes") throw new NotImplementedError("tempfile of bytes names is not supported");
  // `prefix + name + suffix`'s TypeErrors
  if (prefix !== null && typeof prefix !== "string")
    throw new PyTypeError(`unsupported operand type(s) for +: '${typeName(prefix)}' and 'str'`);
  if (suffix !== null && typeof suffix !== "string")
    throw new PyTypeError(`can only concatenate str (not "${typeName(suffix)}") to str`);
  return [
    prefix === null ? template : (prefix as string),
    suffix === null ? "" : (suffix as string),
    dir === null ? pathOf(gettempdir()) : pathOf(dir),
  ];
}

/** `_mkstemp_inner`: a new file `dir/pre + name + suf` made with `flags`; `[fd, path]`. */
function mkstempInner(dir: string, pre: string, suf: string, flags: bigint): [bigint, string] {
  const absdir = osPath.abspath(dir);
  for (let seq = 0n; seq < TMP_MAX; seq++) {
    const file = osPath.join(absdir, pre + randomName() + suf);
    try {
      return [osOpen(file, flags, 0o600n), file];
    } catch (e) {
      if (e instanceof FileExistsError) continue;
      throw e;
    }
  }
  throw new FileExistsError(17n, "No usable temporary file name found");
}

const MKSTEMP = signature("mkstemp", ["suffix", "prefix", "dir", "text"], {
  suffix: null,
  prefix: null,
  dir: null,
  text: false,
});

/** `mkstemp(suffix=None, prefix=None, dir=None, text=False)`: `(fd, absolute path)`. */
export function mkstemp(...args: unknown[]): Tuple {
  const [suffix, prefix, dir] = bind(MKSTEMP, args);
  const [pre, suf, d] = sanitize(prefix, suffix, dir);
  return new Tuple(mkstempInner(d, pre, suf, BIN_OPENFLAGS));
}

const MKDTEMP = signature("mkdtemp", ["suffix", "prefix", "dir"], {
  suffix: null,
  prefix: null,
  dir: null,
});

/** `mkdtemp(suffix=None, prefix=None, dir=None)`: a new directory (mode 0o700), its absolute path. */
export function mkdtemp(...args: unknown[]): string {
  const [suffix, prefix, dir] = bind(MKDTEMP, args);
  const [pre, suf, d] = sanitize(prefix, suffix, dir);
  for (let seq = 0n; seq < TMP_MAX; seq++) {
    const file = osPath.join(d, pre + randomName() + suf);
    try {
      mkdir(file, 0o700n);
    } catch (e) {
      if (e instanceof FileExistsError) continue;
      throw e;
    }
    return osPath.abspath(file);
  }
  throw new FileExistsError(17n, "No usable temporary directory name found");
}

const MKTEMP = signature("mktemp", ["suffix", "prefix", "dir"], {
  suffix: "",
  prefix: "tmp",
  dir: null,
});

/** `mktemp(suffix='', prefix='tmp', dir=None)`: an unused name (not created; unsafe). */
export function mktemp(...args: unknown[]): string {
  const [suffix, prefix, dir] = bind(MKTEMP, args);
  const d = dir === null ? pathOf(gettempdir()) : dir;
  for (let seq = 0n; seq < TMP_MAX; seq++) {
    const file = osPath.join(d, `${prefix}${randomName()}${suffix}`);
    if (!osPath.lexists(file)) return file;
  }
  throw new FileExistsError(17n, "No usable temporary filename found");
}

/** What to delete when the process exits: CPython's finalizers, run at exit at the latest. */
const atExit = new Set<{ _exitCleanup(): void }>();
let exitHook = false;

function cleanAtExit(x: { _exitCleanup(): void }): void {
  atExit.add(x);
  if (exitHook) return;
  exitHook = true;
  process.on("exit", () => {
    for (const t of [...atExit]) {
      try {
        t._exitCleanup();
      } catch {
        // as CPython's finalizers at exit: errors are not reported to the program
      }
    }
  });
}

const FILE_PARAMS = ["mode", "buffering", "encoding", "newline", "suffix", "prefix", "dir"];
const NAMED = signature(
  "NamedTemporaryFile",
  [...FILE_PARAMS, "delete", "*", "errors", "delete_on_close"],
  {
    mode: "w+b",
    buffering: -1n,
    encoding: null,
    newline: null,
    suffix: null,
    prefix: null,
    dir: null,
    delete: true,
    errors: null,
    delete_on_close: true,
  },
);
const UNNAMED = signature("TemporaryFile", [...FILE_PARAMS, "*", "errors"], {
  mode: "w+b",
  buffering: -1n,
  encoding: null,
  newline: null,
  suffix: null,
  prefix: null,
  dir: null,
  errors: null,
});

type FileObject = Record<string, (...a: unknown[]) => unknown> & { name: unknown };

/** The file object for the descriptor of a new file (`_io.open(fd, mode, ...)`). */
function openNew(
  fd: bigint,
  mode: unknown,
  buffering: unknown,
  encoding: unknown,
  newline: unknown,
  errors: unknown,
): FileObject {
  return ioOpen(fd, mode, buffering, encoding, errors, newline) as unknown as FileObject;
}

/** The file methods both wrappers forward as they are. */
const FILE_METHODS = [
  "read",
  "read1",
  "readline",
  "readlines",
  "seek",
  "tell",
  "flush",
  "readable",
  "writable",
  "seekable",
  "isatty",
  "__next__",
];

/** Define `names` on `cls` as calls of the same methods of the file `fileOf(this)`. */
function forwardMethods<T>(
  cls: { prototype: T },
  fileOf: (self: T) => unknown,
  names: string[],
): void {
  for (const m of names) {
    Object.defineProperty(cls.prototype, m, {
      value(this: T, ...args: unknown[]) {
        return call(getattr(fileOf(this), m), ...args);
      },
      writable: true,
      configurable: true,
    });
  }
}

function unlinkIfExists(name: string): void {
  try {
    unlink(name);
  } catch (e) {
    if (!(e instanceof FileNotFoundError)) throw e;
  }
}

/**
 * `_TemporaryFileWrapper`: NamedTemporaryFile's object. File methods and attributes are the
 * file's (CPython's `__getattr__` delegation); `close()` and leaving `with` delete the file as
 * `delete` and `delete_on_close` say (`_TemporaryFileCloser`).
 */
class TemporaryFileWrapperImpl {
  private cleanupCalled = false;
  private closeCalled = false;

  constructor(
    readonly file: FileObject,
    readonly name: string,
    private readonly del: boolean,
    private readonly deleteOnClose: boolean,
  ) {
    if (del) cleanAtExit(this);
  }

  /** `_TemporaryFileCloser.cleanup`: close the file, then unlink it when `delete`. */
  private cleanup(): void {
    if (this.cleanupCalled) return;
    this.cleanupCalled = true;
    atExit.delete(this);
    try {
      if (!this.closeCalled) {
        this.closeCalled = true;
        this.file.close!();
      }
    } finally {
      if (this.del) unlinkIfExists(this.name);
    }
  }

  _exitCleanup(): void {
    this.cleanup();
  }

  close(): null {
    if (!this.closeCalled) {
      this.closeCalled = true;
      try {
        this.file.close!();
      } finally {
        if (this.del && this.deleteOnClose) this.cleanup();
      }
    }
    return null;
  }

  __enter__(): this {
    this.file.__enter__!();
    return this;
  }

  __exit__(exc: unknown = null, value: unknown = null, tb: unknown = null): unknown {
    const result = this.file.__exit__!(exc, value, tb);
    this.cleanup();
    return result;
  }

  *__iter__(): Generator<unknown> {
    for (const line of this.file as unknown as Iterable<unknown>) yield line;
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }

  __getattr__(name: string): unknown {
    return fileAttr(this.file, name);
  }

  get closed(): unknown {
    return fileAttr(this.file, "closed");
  }
  get mode(): unknown {
    return fileAttr(this.file, "mode");
  }
  get encoding(): unknown {
    return fileAttr(this.file, "encoding");
  }
  get errors(): unknown {
    return fileAttr(this.file, "errors");
  }
  get newlines(): unknown {
    return fileAttr(this.file, "newlines");
  }
}

// The file's methods, called through the wrapper.
forwardMethods(TemporaryFileWrapperImpl, (w) => w.file, [
  ...FILE_METHODS,
  "write",
  "writelines",
  "fileno",
  "truncate",
]);

export const _TemporaryFileWrapper = libraryClass(
  TemporaryFileWrapperImpl,
  "_TemporaryFileWrapper",
  "tempfile",
);

/**
 * `NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
 * prefix=None, dir=None, delete=True, *, errors=None, delete_on_close=True)`.
 */
export function NamedTemporaryFile(...args: unknown[]): TemporaryFileWrapperImpl {
  const [mode, buffering, encoding, newline, suffix, prefix, dir, del, errors, delOnClose] = bind(
    NAMED,
    args,
  );
  const [pre, suf, d] = sanitize(prefix, suffix, dir);
  const [fd, name] = mkstempInner(d, pre, suf, BIN_OPENFLAGS);
  let file: FileObject;
  try {
    file = openNew(fd, mode, buffering, encoding, newline, errors);
  } catch (e) {
    unlink(name);
    throw e;
  }
  file.name = name;
  return new _TemporaryFileWrapper(file, name, truthy(del), truthy(delOnClose));
}

/**
 * `TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None, prefix=None,
 * dir=None, *, errors=None)`: a file object without a name (its `name` is the descriptor).
 */
export function TemporaryFile(...args: unknown[]): unknown {
  const [mode, buffering, encoding, newline, suffix, prefix, dir, errors] = bind(UNNAMED, args);
  const [pre, suf, d] = sanitize(prefix, suffix, dir);
  const [fd, name] = mkstempInner(d, pre, suf, BIN_OPENFLAGS);
  try {
    unlink(name);
  } catch (e) {
    close(fd);
    throw e;
  }
  return openNew(fd, mode, buffering, encoding, newline, errors);
}

const SPOOLED = signature(
  "SpooledTemporaryFile.__init__",
  ["max_size", ...FILE_PARAMS, "*", "errors"],
  {
    max_size: 0n,
    mode: "w+b",
    buffering: -1n,
    encoding: null,
    newline: null,
    suffix: null,
    prefix: null,
    dir: null,
    errors: null,
  },
  1,
);

/**
 * `SpooledTemporaryFile(max_size=0, mode='w+b', ...)`: a `BytesIO` (a `StringIO` in text mode;
 * CPython's is a `TextIOWrapper` over a `BytesIO`) until a write takes it past `max_size` or
 * `fileno()` is asked for, then a `TemporaryFile` with the same contents and position.
 */
/** An attribute of an `_io` file object, with CPython's AttributeError naming `_io.BytesIO`. */
function fileAttr(file: unknown, name: string): unknown {
  try {
    return getattr(file, name);
  } catch (e) {
    if (e instanceof AttributeError)
      throw new AttributeError(`'_io.${typeName(file)}' object has no attribute '${name}'`);
    throw e;
  }
}

class SpooledTemporaryFileImpl {
  _file!: FileObject;
  _max_size: unknown;
  _rolled = false;
  private text = false;
  /** `TemporaryFile`'s arguments: mode, buffering, encoding, newline, suffix, prefix, dir, errors. */
  private args: unknown[] = [];

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, SpooledTemporaryFileImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [maxSize, mode, buffering, encoding, newline, suffix, prefix, dir, errors] = bind(
      SPOOLED,
      args,
    );
    const io = require("../io") as typeof import("../io");
    this.text = !(mode as string).includes("b");
    this._file = (this.text
      ? new io.StringIO("", newline)
      : new io.BytesIO()) as unknown as FileObject;
    this._max_size = maxSize;
    this.args = [mode, buffering, encoding, newline, suffix, prefix, dir, new Kw({ errors })];
    return null;
  }

  private check(): void {
    if (this._rolled) return;
    if (truthy(this._max_size) && gt(this._file.tell!(), this._max_size)) this.rollover();
  }

  rollover(): null {
    if (this._rolled) return null;
    const file = this._file;
    const newfile = TemporaryFile(...this.args) as FileObject;
    this._file = newfile;
    const value = file.getvalue!() as string | Bytes;
    let pos = file.tell!() as bigint;
    if (typeof value === "string") {
      // the position in bytes, as the text file counts it
      pos = BigInt(new TextEncoder().encode(value.slice(0, Number(pos))).length);
    }
    newfile.write!(value);
    newfile.seek!(pos, 0n);
    this._rolled = true;
    return null;
  }

  __enter__(): this {
    if (truthy(this._file.closed)) throw new ValueError("Cannot enter context with closed file");
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    this._file.close!();
    return null;
  }

  __iter__(): unknown {
    return call(getattr(this._file, "__iter__"));
  }

  [Symbol.iterator](): Iterator<unknown> {
    return (this._file as unknown as Iterable<unknown>)[Symbol.iterator]();
  }

  get closed(): unknown {
    return getattr(this._file, "closed");
  }

  /** Before the rollover, what CPython's TextIOWrapper over a BytesIO reports. */
  private textAttr(name: string, before: unknown): unknown {
    return this.text && !this._rolled ? before : fileAttr(this._file, name);
  }

  get encoding(): unknown {
    const [, , encoding] = this.args;
    return this.textAttr("encoding", encoding ?? "UTF-8");
  }

  get errors(): unknown {
    const errors = (this.args[7] as Kw).kwargs.errors;
    return this.textAttr("errors", errors ?? "strict");
  }

  get mode(): unknown {
    return this._rolled ? getattr(this._file, "mode") : this.args[0];
  }

  get name(): unknown {
    return this._rolled ? getattr(this._file, "name") : null;
  }

  get newlines(): unknown {
    // (the StringIO has no `newlines`: None until the rollover)
    return this.textAttr("newlines", null);
  }

  fileno(): unknown {
    this.rollover();
    return this._file.fileno!();
  }

  truncate(size: unknown = null): unknown {
    if (size === null) return this._file.truncate!();
    if (gt(size, this._max_size)) this.rollover();
    return this._file.truncate!(size);
  }

  write(s: unknown): unknown {
    const file = this._file;
    const rv = file.write!(s);
    this.check();
    return rv;
  }

  writelines(lines: unknown): unknown {
    const file = this._file;
    const rv = file.writelines!(lines);
    this.check();
    return rv;
  }
}

// The file's methods, called on the current file (a BytesIO/StringIO or, rolled over, a real one).
forwardMethods(SpooledTemporaryFileImpl, (f) => f._file, [...FILE_METHODS, "close"]);

export const SpooledTemporaryFile = libraryClass(
  SpooledTemporaryFileImpl,
  "SpooledTemporaryFile",
  "tempfile",
);

/** `chmod(path, 0o700)` unless `path` is a symbolic link (`_resetperms` on Linux). */
function resetperms(path: string): void {
  if (!osPath.islink(path)) chmod(path, 0o700n);
}

/**
 * `TemporaryDirectory._rmtree`: rmtree that makes unreadable parts readable and retries, skips
 * what is already gone, and raises other errors unless `ignoreErrors`.
 */
function rmtreeTemp(name: string, ignoreErrors: boolean, repeated = false): void {
  _rmtree(name, (_func, p, exc) => {
    const path = p as string;
    if (exc instanceof PermissionError) {
      if (repeated && path === name) {
        if (ignoreErrors) return;
        throw exc;
      }
      try {
        if (path !== name) resetperms(osPath.dirname(path));
        resetperms(path);
        try {
          unlink(path);
        } catch (e) {
          if (e instanceof IsADirectoryError) rmtreeTemp(path, ignoreErrors);
          else if (e instanceof PermissionError) {
            if (!osPath.isdir(path)) {
              if (ignoreErrors) return;
              throw e;
            }
            rmtreeTemp(path, ignoreErrors, path === name);
          } else throw e;
        }
      } catch (e) {
        if (!(e instanceof FileNotFoundError)) throw e;
      }
    } else if (exc instanceof FileNotFoundError) {
      // already gone
    } else if (!ignoreErrors) throw exc;
  });
}

const TEMPDIR = signature(
  "TemporaryDirectory.__init__",
  ["suffix", "prefix", "dir", "ignore_cleanup_errors", "*", "delete"],
  { suffix: null, prefix: null, dir: null, ignore_cleanup_errors: false, delete: true },
  1,
);

/**
 * `TemporaryDirectory(suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False, *,
 * delete=True)`: `mkdtemp`'s directory; `with` gives its name and removes it on exit (when
 * `delete`), as `cleanup()` does.
 */
class TemporaryDirectoryImpl {
  name: unknown;
  _ignore_cleanup_errors: unknown;
  _delete: unknown;
  /** CPython's finalizer is alive until the first cleanup. */
  private alive = true;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, TemporaryDirectoryImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [suffix, prefix, dir, ignore, del] = bind(TEMPDIR, args);
    this.name = mkdtemp(suffix, prefix, dir);
    this._ignore_cleanup_errors = ignore;
    this._delete = del;
    cleanAtExit(this);
    return null;
  }

  __repr__(): string {
    return `<${typeName(this)} ${repr(this.name)}>`;
  }

  __enter__(): unknown {
    return this.name;
  }

  __exit__(..._exc: unknown[]): null {
    if (truthy(this._delete)) this.cleanup();
    return null;
  }

  cleanup(): null {
    const wasAlive = this.alive;
    this.alive = false;
    atExit.delete(this);
    if (wasAlive || osPath.exists(this.name))
      rmtreeTemp(pathOf(this.name), truthy(this._ignore_cleanup_errors));
    return null;
  }

  _exitCleanup(): void {
    atExit.delete(this);
    this.alive = false;
    if (truthy(this._delete)) rmtreeTemp(pathOf(this.name), truthy(this._ignore_cleanup_errors));
  }
}

export const TemporaryDirectory = libraryClass(
  TemporaryDirectoryImpl,
  "TemporaryDirectory",
  "tempfile",
);
