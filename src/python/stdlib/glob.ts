/**
 * Python's `glob`, step by step as `Lib/glob.py` (3.13): a pattern is split into its directory
 * and its last part; a directory part with wildcards is globbed first (directories only), then
 * each directory found is listed (in the OS's order, as `os.scandir`) and its names filtered by
 * `fnmatch` (`_glob1`), or checked for existence when the part has no wildcard (`_glob0`), or
 * walked when the part is `**` and `recursive` is true (`_glob2`). Names starting with `.` match
 * a wildcard only when the part itself starts with `.` or `include_hidden` is true. A directory
 * that cannot be listed contributes nothing, as in CPython. `translate` gives CPython's regular
 * expression text (`fnmatch._translate` per path segment).
 *
 * Differences from CPython: bytes patterns and `dir_fd` raise NotImplementedError; the deprecated
 * `glob0`/`glob1` are missing.
 */

import { BytesLike } from "../bytes";
import { NotImplementedError, TypeError as PyTypeError } from "../exceptions";
import { bind, signature } from "../lang";
import { getitem, Slice, truthy } from "../protocol";
import { typeName } from "../types";
import { _translate, filter } from "./fnmatch";
import { _scandir, fspath, path } from "./os";
import { escape as reEscape } from "./re";

const GLOB = signature(
  "glob",
  ["pathname", "*", "root_dir", "dir_fd", "recursive", "include_hidden"],
  { root_dir: null, dir_fd: null, recursive: false, include_hidden: false },
);
const IGLOB = signature(
  "iglob",
  ["pathname", "*", "root_dir", "dir_fd", "recursive", "include_hidden"],
  { root_dir: null, dir_fd: null, recursive: false, include_hidden: false },
);
const TRANSLATE = signature("translate", ["pat", "*", "recursive", "include_hidden", "seps"], {
  recursive: false,
  include_hidden: false,
  seps: null,
});

const MAGIC = /[*?[]/;

function hasMagic(s: string): boolean {
  return MAGIC.test(s);
}

function isHidden(name: string): boolean {
  return name[0] === ".";
}

function isRecursive(pattern: string): boolean {
  return pattern === "**";
}

function join(dirname: string, basename: string): string {
  return dirname === "" || basename === "" ? dirname || basename : path.join(dirname, basename);
}

/** The names in a directory (only its subdirectories when `dironly`); none when it cannot be read. */
function listdir(dirname: string, dironly: boolean): string[] {
  let entries: ReturnType<typeof _scandir>;
  try {
    entries = _scandir(dirname === "" ? "." : dirname);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    // DirEntry.is_dir() follows a symbolic link.
    if (!dironly || e.isDirectory() || (e.isSymbolicLink() && path.isdir(join(dirname, e.name))))
      out.push(e.name);
  }
  return out;
}

function* iglobImpl(
  pathname: string,
  rootDir: string,
  recursive: boolean,
  dironly: boolean,
  includeHidden: boolean,
): Generator<string> {
  const [dirname, basename] = path.split(pathname).items as [string, string];
  if (!hasMagic(pathname)) {
    if (basename) {
      if (path.lexists(join(rootDir, pathname))) yield pathname;
    } else if (path.isdir(join(rootDir, dirname))) {
      // A pattern ending with a slash matches only directories.
      yield pathname;
    }
    return;
  }
  if (!dirname) {
    if (recursive && isRecursive(basename)) yield* glob2(rootDir, basename, dironly, includeHidden);
    else yield* glob1(rootDir, basename, dironly, includeHidden);
    return;
  }
  const dirs: Iterable<string> =
    dirname !== pathname && hasMagic(dirname)
      ? iglobImpl(dirname, rootDir, recursive, true, includeHidden)
      : [dirname];
  const inDir = hasMagic(basename) ? (recursive && isRecursive(basename) ? glob2 : glob1) : glob0;
  for (const d of dirs) {
    for (const name of inDir(join(rootDir, d), basename, dironly, includeHidden))
      yield path.join(d, name);
  }
}

/** The names in a literal directory that match a pattern. */
function glob1(dirname: string, pattern: string, dironly: boolean, includeHidden: boolean) {
  let names = listdir(dirname, dironly);
  if (!(includeHidden || isHidden(pattern))) names = names.filter((x) => !isHidden(x));
  return filter(names, pattern) as string[];
}

/** A literal name in a literal directory, when it exists. */
function glob0(dirname: string, basename: string, _dironly: boolean, _includeHidden: boolean) {
  if (basename) return path.lexists(join(dirname, basename)) ? [basename] : [];
  return path.isdir(dirname) ? [basename] : [];
}

/** `**`: the directory itself ("") and every path below it. */
function* glob2(
  dirname: string,
  _pattern: string,
  dironly: boolean,
  includeHidden: boolean,
): Generator<string> {
  if (!dirname || path.isdir(dirname)) yield "";
  yield* rlistdir(dirname, dironly, includeHidden);
}

function* rlistdir(dirname: string, dironly: boolean, includeHidden: boolean): Generator<string> {
  for (const x of listdir(dirname, dironly)) {
    if (!includeHidden && isHidden(x)) continue;
    yield x;
    const p = dirname ? join(dirname, x) : x;
    for (const y of rlistdir(p, dironly, includeHidden)) yield join(x, y);
  }
}

function start(fname: typeof GLOB, args: unknown[]): Iterator<string> {
  const [pathname, rootDirArg, dirFd, recursiveArg, hiddenArg] = bind(fname, args);
  if (pathname instanceof BytesLike || rootDirArg instanceof BytesLike)
    throw new NotImplementedError("glob of bytes paths is not supported");
  if (dirFd !== null) throw new NotImplementedError("glob's dir_fd is not supported");
  if (typeof pathname !== "string") {
    // CPython's first use: `root_dir = pathname[:0]`, then `os.path.split(pathname)`.
    getitem(pathname, new Slice(null, 0n, null));
    path.split(pathname);
  }
  const rootDir = rootDirArg === null ? "" : (fspath(rootDirArg) as string);
  const recursive = truthy(recursiveArg);
  const it = iglobImpl(pathname, rootDir, recursive, false, truthy(hiddenArg));
  if (!pathname || (recursive && isRecursive(pathname.slice(0, 2)))) {
    // The directory itself ("") is not a result.
    const first = it.next();
    if (first.done) return it;
    if (!first.value) return it;
    return (function* () {
      yield first.value;
      yield* it;
    })();
  }
  return it;
}

/** `glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False)`. */
export function glob(...args: unknown[]): string[] {
  return [...(start(GLOB, args) as IterableIterator<string>)];
}

/** `iglob(...)`: `glob`'s paths one at a time. */
export function iglob(...args: unknown[]): Iterator<string> {
  return start(IGLOB, args);
}

/** `escape(pathname)`: `*`, `?` and `[` made literal (`[*]`). */
export function escape(pathname: unknown): unknown {
  if (pathname instanceof BytesLike)
    throw new NotImplementedError("glob of bytes paths is not supported");
  const [drive, rest] = path.splitdrive(pathname).items as [string, string];
  return drive + rest.replace(/([*?[])/g, "[$1]");
}

/** `translate(pat, *, recursive=False, include_hidden=False, seps=None)`: a regular expression. */
export function translate(...args: unknown[]): string {
  const [pat, recursive, includeHidden, sepsArg] = bind(TRANSLATE, args);
  if (typeof pat !== "string")
    throw new PyTypeError(`expected string or bytes-like object, got '${typeName(pat)}'`);
  const seps = truthy(sepsArg) ? [...(sepsArg as Iterable<string>)] : [path.sep];
  const escapedSeps = seps.map((s) => reEscape(s) as string).join("");
  const anySep = seps.length > 1 ? `[${escapedSeps}]` : escapedSeps;
  const notSep = `[^${escapedSeps}]`;
  let oneLast: string;
  let anySegments: string;
  let anyLast: string;
  if (truthy(includeHidden)) {
    oneLast = `${notSep}+`;
    anySegments = `(?:.+${anySep})?`;
    anyLast = ".*";
  } else {
    oneLast = `[^${escapedSeps}.]${notSep}*`;
    anySegments = `(?:${oneLast}${anySep})*`;
    anyLast = `${anySegments}(?:${oneLast})?`;
  }
  const one = `${oneLast}${anySep}`;
  const splitter = new RegExp(
    seps.map((s) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("|"),
  );
  const parts = pat.split(splitter);
  const last = parts.length - 1;
  const results: string[] = [];
  parts.forEach((part, idx) => {
    if (part === "*") results.push(idx < last ? one : oneLast);
    else if (truthy(recursive) && part === "**") {
      if (idx < last) {
        if (parts[idx + 1] !== "**") results.push(anySegments);
      } else results.push(anyLast);
    } else {
      if (part) {
        if (!truthy(includeHidden) && (part[0] === "*" || part[0] === "?")) results.push("(?!\\.)");
        for (const piece of _translate(part, `${notSep}*`, notSep)) results.push(piece as string);
      }
      if (idx < last) results.push(anySep);
    }
  });
  return `(?s:${results.join("")})\\Z`;
}
