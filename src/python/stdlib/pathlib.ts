/**
 * Python's `pathlib`, POSIX flavour (the runtime runs on Linux and macOS), mirroring CPython
 * 3.13.0's `pathlib/_local.py` and `pathlib/_abc.py`.
 *
 * - Pure paths: `PurePath(...)` makes a `PurePosixPath`, `Path(...)` a `PosixPath`. A path keeps
 *   its raw segments (`_raw_paths`, joined as `os.path.join`) and parses them on first use into
 *   drive (always ''), root ('', '/' or '//', as `posixpath.splitroot`) and tail (the parts without
 *   '' and '.'); `str()` formats them back. Equality, hashing and ordering compare that string
 *   (case-sensitive) and its parts, as CPython's `_str_normcase`/`_parts_normcase`.
 * - The JS class chain is PurePath > PurePosixPath > Path > PosixPath, so `isinstance` agrees
 *   with CPython's (PosixPath is both a Path and a PurePosixPath; a PurePosixPath is no Path).
 * - Concrete paths do I/O with Node's synchronous `fs` (CPython blocks too). Errors are the
 *   OSError subclasses of `_io.osError` (errno, strerror, filename as the path's str, and
 *   filename2 for `rename`/`replace`). `open`/`read_text`/`write_text` go through the runtime's
 *   `open()`, so text mode, encodings and newline handling are `_io`'s.
 * - `glob`/`rglob` follow `glob._Globber`'s selectors (literal, wildcard, recursive `**`, special
 *   `..`), with patterns translated as `glob.translate(include_hidden=True)`; directories are
 *   read with `opendir` in the OS's order, as `os.scandir`. `iterdir`/`glob` return `map`
 *   iterators, as CPython 3.13's.
 * - Method arguments are bound as CPython's `def`s (`method`), with TypeErrors naming the class
 *   that defines the method there (`Path.read_text()`, `PathBase.exists()`, `PurePath.relative_to()`).
 *
 * Missing (AttributeError): PureWindowsPath/WindowsPath, `owner`, `group`, `chmod`,
 * `lchmod`, `is_mount`, `is_junction`, the device/fifo/socket tests, `is_reserved`, `from_uri`,
 * `UnsupportedOperation`.
 */

import * as fs from "node:fs";
import { osError, open as pyOpen } from "../_io";
import { map } from "../builtins";
import { Bytes, BytesLike } from "../bytes";
import { encode } from "../codecs";
import {
  AttributeError,
  DeprecationWarning,
  IndexError,
  NotImplementedError,
  OSError,
  TypeError as PyTypeError,
  RuntimeError,
  ValueError,
} from "../exceptions";
import { hash as pyHash } from "../hash";
import { Kw } from "../kw";
import { index } from "../numbers";
import { NotImplemented } from "../objects";
import { Slice, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { translate as globTranslate } from "./glob";
import { _walk, fspath, _scandir as scandir, stat_result } from "./os";
import { IGNORECASE, compile as reCompile } from "./re";
import { libraryClass, takeKw } from "./types";
import { warn } from "./warnings";

// ---------------------------------------------------------------- posixpath helpers

/** `posixpath.join(a, *p)`. */
function join(paths: readonly string[]): string {
  let out = paths[0] ?? "";
  for (const b of paths.slice(1)) {
    if (b.startsWith("/")) out = b;
    else if (out === "" || out.endsWith("/")) out += b;
    else out += `/${b}`;
  }
  return out;
}

/** `posixpath.splitroot(p)`: ('', root, rest) with root '', '/' or '//'. */
function splitroot(p: string): [string, string, string] {
  if (!p.startsWith("/")) return ["", "", p];
  if (p[1] !== "/" || p[2] === "/") return ["", "/", p.slice(1)];
  return ["", "//", p.slice(2)];
}

/** `PurePath._parse_path`. */
function parsePath(p: string): [string, string, string[]] {
  if (!p) return ["", "", []];
  const [drv, root, rel] = splitroot(p);
  return [drv, root, rel.split("/").filter((x) => x !== "" && x !== ".")];
}

/** `PurePath._format_parsed_parts`. */
function formatParts(drv: string, root: string, tail: readonly string[]): string {
  return drv || root ? drv + root + tail.join("/") : tail.join("/");
}

/** Python's ordering of str lists (code point order). */
function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    const x = [...a[i]!].map((c) => c.codePointAt(0)!);
    const y = [...b[i]!].map((c) => c.codePointAt(0)!);
    for (let j = 0; j < Math.min(x.length, y.length); j++) if (x[j] !== y[j]) return x[j]! - y[j]!;
    return x.length - y.length;
  }
  return a.length - b.length;
}

// ---------------------------------------------------------------- glob patterns

/**
 * A glob pattern as a matcher of whole strings: CPython's `_compile_pattern`, the regular
 * expression of `glob.translate(pat, recursive=recursive, include_hidden=True, seps="/")`.
 */
function compilePattern(pat: string, recursive: boolean, ignoreCase = false): Matcher {
  const regex = globTranslate(pat, new Kw({ recursive, include_hidden: true, seps: "/" }));
  const compiled = reCompile(regex, ignoreCase ? IGNORECASE : 0n);
  return { test: (s) => compiled.match(s) !== null };
}

interface Matcher {
  test(s: string): boolean;
}

const MAGIC = /[*?[]/;

function entryIsDir(dir: string, e: fs.Dirent, followSymlinks: boolean): boolean {
  if (e.isDirectory()) return true;
  if (followSymlinks && e.isSymbolicLink()) {
    try {
      return fs.statSync(dir + e.name).isDirectory();
    } catch {
      return false;
    }
  }
  return false;
}

type Selector = (path: string, exists: boolean) => Generator<string>;

function addSlash(p: string): string {
  return !p || p.endsWith("/") ? p : `${p}/`;
}

/** How `glob._Globber` matches: symlinks followed by `**`, case (in)sensitivity. */
interface GlobOptions {
  followSymlinks: boolean;
  ignoreCase: boolean;
  /** `case_sensitive` given: literal parts are matched against the directory's entries too. */
  casePedantic: boolean;
}

/** `glob._StringGlobber.selector(parts)`: `parts` reversed, as CPython pops them. */
function selector(parts: string[], o: GlobOptions): Selector {
  const followSymlinks = o.followSymlinks;
  if (parts.length === 0) {
    return function* selectExists(path, exists) {
      if (exists) yield path;
      else {
        try {
          fs.lstatSync(path);
          yield path;
        } catch {}
      }
    };
  }
  let part = parts.pop()!;
  if (part === "**") {
    while (parts.length > 0 && parts[parts.length - 1] === "**") parts.pop();
    if (followSymlinks)
      while (parts.length > 0 && !["", ".", ".."].includes(parts[parts.length - 1]!))
        part += `/${parts.pop()!}`;
    const match = part === "**" ? null : compilePattern(part, true, o.ignoreCase);
    const dirOnly = parts.length > 0;
    const next = selector(parts, o);
    return function* selectRecursive(path0, exists) {
      const path = addSlash(path0);
      const pos = path.length;
      if (match === null || match.test(path.slice(pos))) yield* next(path, exists);
      const stack = [path];
      while (stack.length > 0) {
        const dir = stack.pop()!;
        let entries: fs.Dirent[];
        try {
          entries = scandir(dir);
        } catch {
          continue;
        }
        for (const e of entries) {
          const isDir = entryIsDir(dir, e, followSymlinks);
          if (isDir || !dirOnly) {
            const entryPath = dir + e.name;
            if (match === null || match.test(entryPath.slice(pos))) {
              if (dirOnly) yield* next(`${entryPath}`, true);
              else yield entryPath;
            }
            if (isDir) stack.push(`${entryPath}/`);
          }
        }
      }
    };
  }
  if (["", ".", ".."].includes(part)) {
    const next = selector(parts, o);
    return (path, exists) => next(addSlash(path) + part, exists);
  }
  if (!o.casePedantic && !MAGIC.test(part)) {
    while (parts.length > 0 && !MAGIC.test(parts[parts.length - 1]!)) part += `/${parts.pop()!}`;
    const next = selector(parts, o);
    return (path) => next(addSlash(path) + part, false);
  }
  const match = part === "*" ? null : compilePattern(part, true, o.ignoreCase);
  const dirOnly = parts.length > 0;
  const next = dirOnly ? selector(parts, o) : null;
  return function* selectWildcard(path0) {
    const path = addSlash(path0);
    let entries: fs.Dirent[];
    try {
      entries = scandir(path);
    } catch {
      return;
    }
    for (const e of entries) {
      if (match !== null && !match.test(e.name)) continue;
      if (next !== null) {
        if (!entryIsDir(path, e, true)) continue;
        yield* next(path + e.name, true);
      } else yield path + e.name;
    }
  };
}

// ---------------------------------------------------------------- pure paths

/**
 * Bind a method's arguments as a Python `def` would, with CPython's TypeErrors naming `qualname`
 * and counting `self` (`Path.read_text() got an unexpected keyword argument 'x'`). `defaults` are
 * those of the last parameters (keyword-only ones included).
 */
function method(
  qualname: string,
  args: unknown[],
  names: string[],
  defaults: unknown[],
  kwOnly: string[] = [],
): unknown[] {
  const [pos, kws] = takeKw(args);
  const all = [...names, ...kwOnly];
  const required = all.length - defaults.length;
  if (pos.length > names.length) {
    const min = Math.min(required, names.length);
    const takes = min === names.length ? `${min + 1}` : `from ${min + 1} to ${names.length + 1}`;
    throw new PyTypeError(
      `${qualname}() takes ${takes} positional argument${takes === "1" ? "" : "s"} but ${pos.length + 1} were given`,
    );
  }
  const out: unknown[] = all.map((_, i) => (i < pos.length ? pos[i] : MISSING));
  for (const [k, v] of Object.entries(kws)) {
    const i = all.indexOf(k);
    if (i < 0) throw new PyTypeError(`${qualname}() got an unexpected keyword argument '${k}'`);
    if (out[i] !== MISSING)
      throw new PyTypeError(`${qualname}() got multiple values for argument '${k}'`);
    out[i] = v;
  }
  const missing = all.filter((_, i) => i < required && out[i] === MISSING);
  if (missing.length > 0) {
    const kind = names.includes(missing[0]!) ? "positional" : "keyword-only";
    const list = missing.map((m) => `'${m}'`);
    const text =
      list.length === 1
        ? list[0]
        : `${list.slice(0, -1).join(", ")}${list.length > 2 ? "," : ""} and ${list[list.length - 1]}`;
    throw new PyTypeError(
      `${qualname}() missing ${missing.length} required ${kind} argument${missing.length === 1 ? "" : "s"}: ${text}`,
    );
  }
  return out.map((v, i) => (v === MISSING ? defaults[i - required] : v));
}

const MISSING = Symbol("missing");

function checkStrArg(x: unknown): string {
  let p: unknown = x;
  try {
    p = fspath(x);
  } catch (e) {
    if (!(e instanceof PyTypeError)) throw e;
  }
  if (typeof p !== "string")
    throw new PyTypeError(
      `argument should be a str or an os.PathLike object where __fspath__ returns a str, not ${repr(typeName(p))}`,
    );
  return p;
}

function clsName(self: object): string {
  return (self.constructor as unknown as { __name__: string }).__name__;
}

class PurePathImpl {
  /** The joined segments, unnormalised. */
  declare _raw_paths: string[];
  declare private _parsed?: [string, string, string[]];
  declare private _str?: string;

  constructor(...args: unknown[]) {
    if (new.target === PurePathImpl) {
      // biome-ignore lint/correctness/noConstructorReturn: PurePath.__new__ picks the flavour
      return new PurePosixPath(...args);
    }
    const [pos, kws] = takeKw(args);
    const k = Object.keys(kws);
    if (k.length > 0 && !(this instanceof PathImpl))
      throw new PyTypeError(`PurePath.__init__() got an unexpected keyword argument '${k[0]}'`);
    const paths: string[] = [];
    for (const a of pos) {
      if (a instanceof PurePathImpl) paths.push(...a._raw_paths);
      else paths.push(checkStrArg(a));
    }
    Object.defineProperty(this, "_raw_paths", { value: paths, writable: true });
  }

  /** `with_segments(*pathsegments)`: a path of the same type. */
  with_segments(...segments: unknown[]): this {
    const C = this.constructor as unknown as new (...a: unknown[]) => this;
    return new C(...segments);
  }

  private get _raw_path(): string {
    return join(this._raw_paths);
  }

  protected parsed(): [string, string, string[]] {
    if (this._parsed === undefined)
      Object.defineProperty(this, "_parsed", { value: parsePath(this._raw_path), writable: true });
    return this._parsed!;
  }

  /** `_from_parsed_parts`. */
  protected fromParts(drv: string, root: string, tail: string[]): this {
    const p = this.with_segments(formatParts(drv, root, tail));
    Object.defineProperty(p, "_parsed", { value: [drv, root, tail], writable: true });
    return p;
  }

  get _tail(): string[] {
    return this.parsed()[2];
  }

  get drive(): string {
    return this.parsed()[0];
  }

  get root(): string {
    return this.parsed()[1];
  }

  get anchor(): string {
    return this.drive + this.root;
  }

  get parts(): Tuple {
    const [drv, root, tail] = this.parsed();
    return new Tuple(drv || root ? [drv + root, ...tail] : [...tail]);
  }

  get parent(): this {
    const [drv, root, tail] = this.parsed();
    return tail.length === 0 ? this : this.fromParts(drv, root, tail.slice(0, -1));
  }

  get parents(): PathParentsImpl {
    return new PathParentsImpl(this);
  }

  get name(): string {
    const tail = this._tail;
    return tail.length === 0 ? "" : tail[tail.length - 1]!;
  }

  get suffix(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(i) : "";
  }

  get suffixes(): string[] {
    const name = this.name;
    if (name.endsWith(".")) return [];
    return name
      .replace(/^\.+/, "")
      .split(".")
      .slice(1)
      .map((s) => `.${s}`);
  }

  get stem(): string {
    const name = this.name;
    const i = name.lastIndexOf(".");
    return i > 0 && i < name.length - 1 ? name.slice(0, i) : name;
  }

  with_name(...args: unknown[]): this {
    const [name] = method("PurePath.with_name", args, ["name"], []);
    if (typeof name !== "string")
      throw new PyTypeError(`argument of type '${typeName(name)}' is not iterable`);
    if (!name || name.includes("/") || name === ".")
      throw new ValueError(`Invalid name ${repr(name)}`);
    const [drv, root, tail0] = this.parsed();
    if (tail0.length === 0) throw new ValueError(`${this.__repr__()} has an empty name`);
    const tail = [...tail0];
    tail[tail.length - 1] = name;
    return this.fromParts(drv, root, tail);
  }

  with_stem(...args: unknown[]): this {
    const [stem] = method("PurePathBase.with_stem", args, ["stem"], []);
    const suffix = this.suffix;
    if (!suffix) return this.with_name(stem);
    if (typeof stem !== "string")
      throw new PyTypeError(`unsupported operand type(s) for +: '${typeName(stem)}' and 'str'`);
    if (!stem) throw new ValueError(`${this.__repr__()} has a non-empty suffix`);
    return this.with_name(stem + suffix);
  }

  with_suffix(...args: unknown[]): this {
    const [suffix] = method("PurePathBase.with_suffix", args, ["suffix"], []);
    const stem = this.stem;
    if (!stem) throw new ValueError(`${this.__repr__()} has an empty name`);
    if (typeof suffix !== "string")
      throw new AttributeError(`'${typeName(suffix)}' object has no attribute 'startswith'`);
    if (suffix && !(suffix.startsWith(".") && suffix.length > 1))
      throw new ValueError(`Invalid suffix ${repr(suffix)}`);
    return this.with_name(stem + suffix);
  }

  joinpath(...segments: unknown[]): this {
    return this.with_segments(this, ...segments);
  }

  __truediv__(key: unknown): unknown {
    try {
      return this.with_segments(this, key);
    } catch (e) {
      if (e instanceof PyTypeError) return NotImplemented;
      throw e;
    }
  }

  __rtruediv__(key: unknown): unknown {
    try {
      return this.with_segments(key, this);
    } catch (e) {
      if (e instanceof PyTypeError) return NotImplemented;
      throw e;
    }
  }

  relative_to(...args: unknown[]): this {
    const [pos, kws] = takeKw(args);
    const [otherArg, walkUp] = method(
      "PurePath.relative_to",
      [...pos.slice(0, 1), new Kw(kws)],
      ["other"],
      [false],
      ["walk_up"],
    );
    const other = this.otherPath(otherArg, pos.slice(1), "positional argument", "relative_to");
    const chain = [other, ...other.parentList()];
    const mine = this.parentList();
    let step = 0;
    let found: PurePathImpl | null = null;
    for (const path of chain) {
      if (path.__eq__(this) === true || mine.some((q) => q.__eq__(path) === true)) {
        found = path;
        break;
      }
      if (!walkUp)
        throw new ValueError(
          `${repr(this.__str__())} is not in the subpath of ${repr(other.__str__())}`,
        );
      if (path.name === "..")
        throw new ValueError(`'..' segment in ${repr(other.__str__())} cannot be walked`);
      step++;
    }
    if (found === null)
      throw new ValueError(
        `${repr(this.__str__())} and ${repr(other.__str__())} have different anchors`,
      );
    const parts = [...Array(step).fill(".."), ...this._tail.slice(found._tail.length)];
    return this.fromParts("", "", parts);
  }

  is_relative_to(...args: unknown[]): boolean {
    const [other] = method("PurePath.is_relative_to", args.slice(0, 1), ["other"], []);
    const o = this.otherPath(other, args.slice(1), "argument", "is_relative_to");
    return o.__eq__(this) === true || this.parentList().some((q) => q.__eq__(o) === true);
  }

  /** The `other` of `relative_to`/`is_relative_to`, with the deprecated extra segments. */
  private otherPath(
    other: unknown,
    deprecated: unknown[],
    what: string,
    fname: string,
  ): PurePathImpl {
    if (deprecated.length > 0) {
      warn(
        `support for supplying more than one ${what} to pathlib.PurePath.${fname}() is deprecated and scheduled for removal in Python 3.14`,
        DeprecationWarning,
        2n,
      );
      return this.with_segments(other, ...deprecated);
    }
    return other instanceof PurePathImpl ? other : this.with_segments(other);
  }

  /** The parents as a JS array. */
  parentList(): PurePathImpl[] {
    const [drv, root, tail] = this.parsed();
    const out: PurePathImpl[] = [];
    for (let i = tail.length - 1; i >= 0; i--)
      out.push(this.fromParts(drv, root, tail.slice(0, i)));
    return out;
  }

  is_absolute(): boolean {
    return this._raw_paths.some((p) => p.startsWith("/"));
  }

  as_posix(): string {
    return this.__str__();
  }

  as_uri(): string {
    if (!this.is_absolute()) throw new ValueError("relative path can't be expressed as a file URI");
    let out = "file://";
    for (const b of encode(this.__str__(), "utf-8", "surrogateescape")) {
      const c = String.fromCharCode(b);
      out += /[A-Za-z0-9_.\-~/]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    return out;
  }

  private get _pattern_str(): string {
    const s = this.__str__();
    return s === "." ? "" : s;
  }

  match(...args: unknown[]): boolean {
    const [pat, caseSensitive] = method(
      "PurePathBase.match",
      args,
      ["path_pattern"],
      [null],
      ["case_sensitive"],
    );
    const pattern = pat instanceof PurePathImpl ? pat : this.with_segments(pat);
    const ignoreCase = caseSensitive !== null && !truthy(caseSensitive);
    const pathParts = [...this.parts.items].reverse() as string[];
    const patternParts = [...pattern.parts.items].reverse() as string[];
    if (patternParts.length === 0) throw new ValueError("empty pattern");
    if (pathParts.length < patternParts.length) return false;
    if (pathParts.length > patternParts.length && pattern.anchor) return false;
    for (let i = 0; i < patternParts.length; i++) {
      if (!compilePattern(patternParts[i]!, false, ignoreCase).test(pathParts[i]!)) return false;
    }
    return true;
  }

  full_match(...args: unknown[]): boolean {
    const [pat, caseSensitive] = method(
      "PurePathBase.full_match",
      args,
      ["pattern"],
      [null],
      ["case_sensitive"],
    );
    const pattern = pat instanceof PurePathImpl ? pat : this.with_segments(pat);
    const ignoreCase = caseSensitive !== null && !truthy(caseSensitive);
    return compilePattern(pattern._pattern_str, true, ignoreCase).test(this._pattern_str);
  }

  __str__(): string {
    if (this._str === undefined) {
      const [drv, root, tail] = this.parsed();
      Object.defineProperty(this, "_str", {
        value: formatParts(drv, root, tail) || ".",
        writable: true,
      });
    }
    return this._str!;
  }

  toString(): string {
    return this.__str__();
  }

  __fspath__(): string {
    return this.__str__();
  }

  __bytes__(): Bytes {
    return new Bytes(encode(this.__str__(), "utf-8", "surrogateescape"));
  }

  __repr__(): string {
    return `${clsName(this)}(${repr(this.as_posix())})`;
  }

  __hash__(): bigint {
    return pyHash(this.__str__());
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof PurePathImpl)) return NotImplemented;
    return this.__str__() === other.__str__();
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  private cmp(other: unknown): number | null {
    if (!(other instanceof PurePathImpl)) return null;
    return compareParts(this.__str__().split("/"), other.__str__().split("/"));
  }

  __lt__(other: unknown): unknown {
    const c = this.cmp(other);
    return c === null ? NotImplemented : c < 0;
  }

  __le__(other: unknown): unknown {
    const c = this.cmp(other);
    return c === null ? NotImplemented : c <= 0;
  }

  __gt__(other: unknown): unknown {
    const c = this.cmp(other);
    return c === null ? NotImplemented : c > 0;
  }

  __ge__(other: unknown): unknown {
    const c = this.cmp(other);
    return c === null ? NotImplemented : c >= 0;
  }
}

/** `path.parents`: a sequence of the logical ancestors. */
class PathParentsImpl {
  constructor(private readonly path: PurePathImpl) {}

  private get list(): PurePathImpl[] {
    return this.path.parentList();
  }

  __len__(): bigint {
    return BigInt(this.path._tail.length);
  }

  __getitem__(idx: unknown): unknown {
    const list = this.list;
    if (idx instanceof Slice) {
      const [start, stop, step] = idx.adjust(list.length);
      const out: PurePathImpl[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(list[i]!);
      return new Tuple(out);
    }
    if (typeof idx === "number") {
      // CPython compares the float, then slices with it
      if (idx >= list.length || idx < -list.length) throw new IndexError(idx);
      throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
    }
    if (typeof idx !== "bigint" && typeof idx !== "boolean")
      throw new PyTypeError(`'>=' not supported between instances of '${typeName(idx)}' and 'int'`);
    const i = Number(idx);
    if (i >= list.length || i < -list.length) throw new IndexError(idx);
    return list[i < 0 ? i + list.length : i];
  }

  __contains__(x: unknown): boolean {
    return this.list.some((p) => p.__eq__(x) === true);
  }

  __iter__(): Iterator<PurePathImpl> {
    return this.list[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<PurePathImpl> {
    return this.__iter__();
  }

  __reversed__(): Iterator<PurePathImpl> {
    return [...this.list].reverse()[Symbol.iterator]();
  }

  index(x: unknown): bigint {
    const i = this.list.findIndex((p) => p.__eq__(x) === true);
    if (i < 0) throw new ValueError();
    return BigInt(i);
  }

  count(x: unknown): bigint {
    return BigInt(this.list.filter((p) => p.__eq__(x) === true).length);
  }

  __repr__(): string {
    return `<${clsName(this.path)}.parents>`;
  }
}

class PurePosixPathImpl extends PurePathImpl {}

// ---------------------------------------------------------------- concrete paths

/** Run a Node fs call, raising the OSError subclass CPython would. */
function syscall<T>(f: () => T, filename: unknown, filename2?: unknown): T {
  try {
    return f();
  } catch (e) {
    const err = osError(e, filename);
    if (filename2 !== undefined && err instanceof OSError) err.filename2 = filename2;
    throw err;
  }
}

function pathStr(x: unknown): string {
  const p = fspath(x);
  if (typeof p !== "string") throw new NotImplementedError("bytes paths are not supported");
  return p;
}

function isNoEntry(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EBADF" || code === "ELOOP";
}

class PathImpl extends PurePosixPathImpl {
  constructor(...args: unknown[]) {
    super(...args);
    if (new.target === PathImpl) {
      // biome-ignore lint/correctness/noConstructorReturn: Path.__new__ picks the flavour
      return new PosixPath(...args);
    }
  }

  static cwd(...args: unknown[]): PathImpl {
    method("PathBase.cwd", args, [], []);
    return new PosixPath(process.cwd());
  }

  static home(...args: unknown[]): PathImpl {
    method("PathBase.home", args, [], []);
    return new PosixPath("~").expanduser();
  }

  stat(...args: unknown[]): unknown {
    const [follow] = method("Path.stat", args, [], [true], ["follow_symlinks"]);
    const s = this.__str__();
    return new stat_result(
      syscall(
        () =>
          follow === false ? fs.lstatSync(s, { bigint: true }) : fs.statSync(s, { bigint: true }),
        s,
      ),
    );
  }

  lstat(): unknown {
    const s = this.__str__();
    return new stat_result(syscall(() => fs.lstatSync(s, { bigint: true }), s));
  }

  /** The stat of the path, or null when it does not exist (as `_ignore_error`). */
  private tryStat(follow: unknown): fs.Stats | null {
    try {
      return follow === false ? fs.lstatSync(this.__str__()) : fs.statSync(this.__str__());
    } catch (e) {
      if (isNoEntry(e)) return null;
      throw osError(e, this.__str__());
    }
  }

  exists(...args: unknown[]): boolean {
    const [follow] = method("PathBase.exists", args, [], [true], ["follow_symlinks"]);
    return this.tryStat(follow) !== null;
  }

  is_dir(...args: unknown[]): boolean {
    const [follow] = method("PathBase.is_dir", args, [], [true], ["follow_symlinks"]);
    return this.tryStat(follow)?.isDirectory() ?? false;
  }

  is_file(...args: unknown[]): boolean {
    const [follow] = method("PathBase.is_file", args, [], [true], ["follow_symlinks"]);
    return this.tryStat(follow)?.isFile() ?? false;
  }

  is_symlink(): boolean {
    return this.tryStat(false)?.isSymbolicLink() ?? false;
  }

  samefile(...args: unknown[]): boolean {
    const [other] = method("PathBase.samefile", args, ["other_path"], []);
    const a = syscall(() => fs.statSync(this.__str__()), this.__str__());
    const o = pathStr(other);
    const b = syscall(() => fs.statSync(o), o);
    return a.ino === b.ino && a.dev === b.dev;
  }

  open(...args: unknown[]): unknown {
    const [mode, buffering, encoding, errors, newline] = method(
      "Path.open",
      args,
      ["mode", "buffering", "encoding", "errors", "newline"],
      ["r", -1n, null, null, null],
    );
    return pyOpen(this, mode, buffering, encoding, errors, newline);
  }

  read_bytes(): unknown {
    const f = pyOpen(this, "rb") as unknown as { read(): unknown; close(): unknown };
    try {
      return f.read();
    } finally {
      f.close();
    }
  }

  read_text(...args: unknown[]): unknown {
    const [encoding, errors, newline] = method(
      "Path.read_text",
      args,
      ["encoding", "errors", "newline"],
      [null, null, null],
    );
    const f = pyOpen(this, "r", -1n, encoding, errors, newline) as unknown as {
      read(): unknown;
      close(): unknown;
    };
    try {
      return f.read();
    } finally {
      f.close();
    }
  }

  write_bytes(...args: unknown[]): unknown {
    const [data] = method("PathBase.write_bytes", args, ["data"], []);
    if (!(data instanceof BytesLike))
      throw new PyTypeError(`memoryview: a bytes-like object is required, not '${typeName(data)}'`);
    const f = pyOpen(this, "wb") as unknown as { write(x: unknown): unknown; close(): unknown };
    try {
      return f.write(data);
    } finally {
      f.close();
    }
  }

  write_text(...args: unknown[]): unknown {
    const [data, encoding, errors, newline] = method(
      "Path.write_text",
      args,
      ["data", "encoding", "errors", "newline"],
      [null, null, null],
    );
    if (typeof data !== "string") throw new PyTypeError(`data must be str, not ${typeName(data)}`);
    const f = pyOpen(this, "w", -1n, encoding, errors, newline) as unknown as {
      write(x: unknown): unknown;
      close(): unknown;
    };
    try {
      return f.write(data);
    } finally {
      f.close();
    }
  }

  iterdir(): unknown {
    const root = this.__str__();
    const entries = syscall(() => scandir(root), root);
    const paths = entries.map((e) => (root === "." ? e.name : join([root, e.name])));
    return map((p: string) => this.fromString(p), paths);
  }

  /** `_from_parsed_string`. */
  private fromString(p: string): PathImpl {
    return this.with_segments(p);
  }

  glob(...args: unknown[]): unknown {
    const [pat, caseSensitive, recurseSymlinks] = method(
      "Path.glob",
      args,
      ["pattern"],
      [null, false],
      ["case_sensitive", "recurse_symlinks"],
    );
    const pattern = pat instanceof PurePathImpl ? pat : this.with_segments(pat);
    if (pattern.anchor) throw new NotImplementedError("Non-relative patterns are unsupported");
    const parts = [...pattern._tail];
    if (parts.length === 0) throw new ValueError(`Unacceptable pattern: ${pattern.__repr__()}`);
    const raw = join(pattern._raw_paths);
    if (raw.endsWith("/")) parts.push("");
    const select = selector([...parts].reverse(), {
      followSymlinks: truthy(recurseSymlinks),
      ignoreCase: caseSensitive !== null && !truthy(caseSensitive),
      casePedantic: caseSensitive !== null,
    });
    const root = this.__str__();
    const anchorLen = this.anchor.length;
    const last = parts[parts.length - 1];
    function* results(): Generator<string> {
      for (let p of select(root, false)) {
        if (root === ".") p = p.slice(2);
        if (last === "") p = p.slice(0, -1);
        else if (last === "**" && p.length > anchorLen && p.endsWith("/")) p = p.slice(0, -1);
        yield p;
      }
    }
    return map((p: string) => this.fromString(p), results());
  }

  rglob(...args: unknown[]): unknown {
    const [pat, caseSensitive, recurseSymlinks] = method(
      "Path.rglob",
      args,
      ["pattern"],
      [null, false],
      ["case_sensitive", "recurse_symlinks"],
    );
    const pattern = pat instanceof PurePathImpl ? pat : this.with_segments(pat);
    return this.glob(
      this.with_segments("**", pattern),
      new Kw({
        case_sensitive: caseSensitive,
        recurse_symlinks: recurseSymlinks,
      }),
    );
  }

  /** `walk(top_down=True, on_error=None, follow_symlinks=False)`: `os.walk`'s traversal. */
  walk(...args: unknown[]): Generator<Tuple> {
    const [topDown, onError, follow] = method(
      "Path.walk",
      args,
      ["top_down", "on_error", "follow_symlinks"],
      [true, null, false],
    );
    const self = this;
    const rootDir = this.__str__();
    function* gen(): Generator<Tuple> {
      // CPython's Path.walk is os.walk with links to directories listed as files unless followed.
      const walk = _walk(rootDir, truthy(topDown), onError, truthy(follow) ? true : "as files");
      for (const [top, dirs, files] of walk) yield self.walkTuple(rootDir, top, dirs, files);
    }
    return gen();
  }

  private walkTuple(rootDir: string, top: string, dirs: string[], files: string[]): Tuple {
    return new Tuple([this.fromString(rootDir === "." ? top.slice(2) : top), dirs, files]);
  }

  absolute(): this {
    if (this.is_absolute()) return this;
    const tail = this._tail;
    const cwd = process.cwd();
    if (tail.length === 0) return this.with_segments(cwd);
    const [drv, root, rel] = splitroot(cwd);
    return this.fromParts(drv, root, rel ? [...rel.split("/"), ...tail] : [...tail]);
  }

  resolve(...args: unknown[]): this {
    const [strict] = method("Path.resolve", args, ["strict"], [false]);
    return this.with_segments(realpath(this.__str__(), strict === true));
  }

  readlink(): this {
    const s = this.__str__();
    return this.with_segments(syscall(() => fs.readlinkSync(s), s));
  }

  expanduser(): this {
    const [drv, root, tail] = [this.drive, this.root, this._tail];
    if (!(drv || root) && tail.length > 0 && tail[0]!.startsWith("~")) {
      const home = expanduser(tail[0]!);
      if (home.startsWith("~")) throw new RuntimeError("Could not determine home directory.");
      const [d, r, t] = parsePath(home);
      return this.fromParts(d, r, [...t, ...tail.slice(1)]);
    }
    return this;
  }

  touch(...args: unknown[]): null {
    const [mode, existOk] = method("Path.touch", args, ["mode", "exist_ok"], [0o666n, true]);
    const s = this.__str__();
    if (existOk !== false) {
      try {
        const now = new Date();
        fs.utimesSync(s, now, now);
        return null;
      } catch {}
    }
    const flags =
      fs.constants.O_CREAT | fs.constants.O_WRONLY | (existOk === false ? fs.constants.O_EXCL : 0);
    const fd = syscall(() => fs.openSync(s, flags, Number(index(mode))), s);
    fs.closeSync(fd);
    return null;
  }

  mkdir(...args: unknown[]): null {
    const [mode, parents, existOk] = method(
      "Path.mkdir",
      args,
      ["mode", "parents", "exist_ok"],
      [0o777n, false, false],
    );
    const s = this.__str__();
    try {
      fs.mkdirSync(s, Number(index(mode)));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "ENOENT") {
        if (parents !== true || this.parent.__eq__(this) === true) throw osError(e, s);
        this.parent.mkdir(new Kw({ parents: true, exist_ok: true }));
        this.mkdir(mode, false, existOk);
      } else if (existOk !== true || !this.is_dir()) throw osError(e, s);
    }
    return null;
  }

  unlink(...args: unknown[]): null {
    const [missingOk] = method("Path.unlink", args, ["missing_ok"], [false]);
    const s = this.__str__();
    try {
      fs.unlinkSync(s);
    } catch (e) {
      if ((e as { code?: string }).code === "ENOENT" && missingOk === true) return null;
      throw osError(e, s);
    }
    return null;
  }

  rmdir(): null {
    const s = this.__str__();
    syscall(() => fs.rmdirSync(s), s);
    return null;
  }

  rename(...args: unknown[]): this {
    const [target] = method("Path.rename", args, ["target"], []);
    const s = this.__str__();
    const t = pathStr(target);
    syscall(() => fs.renameSync(s, t), s, t);
    return this.with_segments(target);
  }

  replace(...args: unknown[]): this {
    const [target] = method("Path.replace", args, ["target"], []);
    const s = this.__str__();
    const t = pathStr(target);
    syscall(() => fs.renameSync(s, t), s, t);
    return this.with_segments(target);
  }

  symlink_to(...args: unknown[]): null {
    const [target] = method("Path.symlink_to", args, ["target", "target_is_directory"], [false]);
    const s = this.__str__();
    const t = pathStr(target);
    syscall(() => fs.symlinkSync(t, s), t, s);
    return null;
  }

  hardlink_to(...args: unknown[]): null {
    const [target] = method("Path.hardlink_to", args, ["target"], []);
    const s = this.__str__();
    const t = pathStr(target);
    syscall(() => fs.linkSync(t, s), t, s);
    return null;
  }
}

class PosixPathImpl extends PathImpl {}

/** `os.path.expanduser` for `~` and `~user`. */
function expanduser(p: string): string {
  if (!p.startsWith("~")) return p;
  const i = p.indexOf("/", 1) < 0 ? p.length : p.indexOf("/", 1);
  let home: string;
  if (i === 1) {
    home = process.env.HOME ?? (require("node:os") as typeof import("node:os")).homedir();
  } else {
    const name = p.slice(1, i);
    let found: string | null = null;
    try {
      for (const line of fs.readFileSync("/etc/passwd", "utf8").split("\n")) {
        const f = line.split(":");
        if (f[0] === name && f.length >= 6) found = f[5]!;
      }
    } catch {}
    if (found === null) return p;
    home = found;
  }
  home = home.replace(/\/+$/, "");
  return (home || "/") + p.slice(i);
}

/** `os.path.realpath(p, strict=strict)`: symlinks resolved component by component. */
function realpath(p: string, strict: boolean): string {
  const abs = p.startsWith("/") ? p : join([process.cwd(), p]);
  if (strict) return syscall(() => fs.realpathSync(abs), abs);
  try {
    return fs.realpathSync(abs);
  } catch {}
  // A missing part: resolve the longest existing prefix, then append the rest normalised.
  const parts = abs.split("/").filter((x) => x !== "" && x !== ".");
  let resolved = "/";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === "..") {
      resolved = resolved === "/" ? "/" : resolved.slice(0, resolved.lastIndexOf("/")) || "/";
      continue;
    }
    const next = join([resolved, part]);
    try {
      resolved = fs.realpathSync(next);
    } catch {
      resolved = next;
    }
  }
  return resolved;
}

// ---------------------------------------------------------------- the classes

export const PurePath = libraryClass(PurePathImpl, "PurePath", "pathlib");
export const PurePosixPath = libraryClass(PurePosixPathImpl, "PurePosixPath", "pathlib");
export const Path = libraryClass(PathImpl, "Path", "pathlib");
export const PosixPath = libraryClass(PosixPathImpl, "PosixPath", "pathlib");
libraryClass(PathParentsImpl, "_PathParents", "pathlib._local");
