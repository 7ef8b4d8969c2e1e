/**
 * `import m`, `import m as n`, `from m import a, b as c`.
 *
 * - `asyncio` is "asyncio-ts" and `contextvars` is "asyncio-ts/contextvars": ES imports.
 * - Other supported stdlib modules are namespaces of the Python runtime: `import time` ->
 *   `const time = $py.time;`, `from time import monotonic` -> `const { monotonic } = $py.time;`.
 * - `typing` and `typing_extensions` are the runtime's `$py.typing`, `collections.abc` is
 *   `$py.collections.abc`, `urllib.parse` is `$py.urllib.parse`: their names are used at run time
 *   too (`TypeVar("T")`, `cast`, `NamedTuple`, `isinstance(x, Iterable)`). `import urllib.parse`
 *   and `import collections.abc` bind the package (`urllib`), as in Python. `__future__` emits
 *   nothing.
 * - `from m import name` of a runtime module checks that the runtime provides `name` (asking the
 *   runtime itself, loaded lazily) and refuses it at transpile time otherwise.
 * - A sibling module `helpers.py` is the ES module "./helpers.js" (transpiled next to this one);
 *   `import helpers` binds its module object (`$py.programModule`, src/python/module.ts). An
 *   import that runs while the module is partially initialised (a cycle) is codegen/
 *   import_cycles.ts's. A relative import raises CPython's ImportError when it runs (a program's
 *   modules are not in a package).
 * - Anything else is refused at transpile time, naming the module; except in the body of a `try`
 *   whose handlers catch ImportError, where a module that is not part of CPython's standard
 *   library (`try: import uvloop` / `except ImportError:`) binds its names to
 *   `$py.moduleNotFound("uvloop")`, which raises CPython's ModuleNotFoundError when it runs (as
 *   CPython does without that package installed). A standard module the runtime lacks is still
 *   refused there: CPython would import it and not take the fallback.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { compilerRuntime } from "../bundle";
import { importKey } from "../import_cycles";
import type { Alias, Pos, Stmt } from "../ir";
import { type Context, type Feature, mangle } from "./context";
import { jsString, line, type TsStmt } from "./output";

/**
 * Modules provided by "asyncio-ts/python" as namespaces (`$py.time`); test/codegen checks that the
 * runtime exports each of them.
 */
export const RUNTIME_MODULES = new Set([
  "time",
  "random",
  "sys",
  "functools",
  "contextlib",
  "dataclasses",
  "datetime",
  "decimal",
  "errno",
  "fnmatch",
  "glob",
  "fractions",
  "collections",
  "itertools",
  "math",
  "logging",
  "enum",
  "json",
  "heapq",
  "operator",
  "string",
  "os",
  "pathlib",
  "signal",
  "textwrap",
  "copy",
  "bisect",
  "types",
  "abc",
  "warnings",
  "traceback",
  "re",
  "reprlib",
  "statistics",
  "io",
  "base64",
  "binascii",
  "hashlib",
  "hmac",
  "uuid",
  "urllib",
  "concurrent",
  "shlex",
  "secrets",
  "struct",
  "pprint",
  "inspect",
  "atexit",
  "threading",
  "queue",
  "numbers",
  "argparse",
  "csv",
  "shutil",
  "tempfile",
  "zlib",
  "unicodedata",
]);

/** Runtime modules known by another name, and where they are in "asyncio-ts/python". */
const RUNTIME_ALIASES: Record<string, string> = {
  typing: "typing",
  typing_extensions: "typing",
  "collections.abc": "collections.abc",
  "os.path": "os.path",
  "urllib.parse": "urllib.parse",
  "logging.config": "logging.config",
  "concurrent.futures": "concurrent.futures",
  "concurrent.futures.thread": "concurrent.futures",
};

/**
 * The stdlib namespaces of "asyncio-ts/python" (`$py.json`, `$py.typing`): the first part of every
 * module path above.
 */
export const STDLIB_NAMESPACES: ReadonlySet<string> = new Set([
  ...RUNTIME_MODULES,
  ...Object.values(RUNTIME_ALIASES).map((p) => p.split(".")[0]!),
]);

/** Where a Python module is in "asyncio-ts/python" (`collections.abc`), or null if it is not. */
export function runtimeModulePath(module: string): string | null {
  return RUNTIME_MODULES.has(module) ? module : (RUNTIME_ALIASES[module] ?? null);
}

/**
 * CPython 3.13's `sys.stdlib_module_names`: an import of one of these that the runtime does not
 * provide is refused even where ImportError is caught (see `missingModule`).
 */
const STDLIB_MODULES = new Set(
  (
    "__future__ _abc _aix_support _android_support _ast _asyncio _bisect _blake2 _bz2 _codecs " +
    "_codecs_cn _codecs_hk _codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _collections " +
    "_collections_abc _colorize _compat_pickle _compression _contextvars _csv _ctypes _curses " +
    "_curses_panel _datetime _dbm _decimal _elementtree _frozen_importlib " +
    "_frozen_importlib_external _functools _gdbm _hashlib _heapq _imp _interpchannels " +
    "_interpqueues _interpreters _io _ios_support _json _locale _lsprof _lzma _markupbase " +
    "_md5 _multibytecodec _multiprocessing _opcode _opcode_metadata _operator _osx_support " +
    "_overlapped _pickle _posixshmem _posixsubprocess _py_abc _pydatetime _pydecimal _pyio " +
    "_pylong _pyrepl _queue _random _scproxy _sha1 _sha2 _sha3 _signal _sitebuiltins _socket " +
    "_sqlite3 _sre _ssl _stat _statistics _string _strptime _struct _suggestions _symtable " +
    "_sysconfig _thread _threading_local _tkinter _tokenize _tracemalloc _typing _uuid " +
    "_warnings _weakref _weakrefset _winapi _wmi _zoneinfo abc antigravity argparse array ast " +
    "asyncio atexit base64 bdb binascii bisect builtins bz2 cProfile calendar cmath cmd code " +
    "codecs codeop collections colorsys compileall concurrent configparser contextlib " +
    "contextvars copy copyreg csv ctypes curses dataclasses datetime dbm decimal difflib dis " +
    "doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput " +
    "fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib " +
    "grp gzip hashlib heapq hmac html http idlelib imaplib importlib inspect io ipaddress " +
    "itertools json keyword linecache locale logging lzma mailbox marshal math mimetypes mmap " +
    "modulefinder msvcrt multiprocessing netrc nt ntpath nturl2path numbers opcode operator " +
    "optparse os pathlib pdb pickle pickletools pkgutil platform plistlib poplib posix " +
    "posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue " +
    "quopri random re readline reprlib resource rlcompleter runpy sched secrets select " +
    "selectors shelve shlex shutil signal site smtplib socket socketserver sqlite3 " +
    "sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct " +
    "subprocess symtable sys sysconfig syslog tabnanny tarfile tempfile termios textwrap this " +
    "threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty " +
    "turtle turtledemo types typing unicodedata unittest urllib uuid venv warnings wave " +
    "weakref webbrowser winreg winsound wsgiref xml xmlrpc zipapp zipfile zipimport zlib " +
    "zoneinfo"
  ).split(" "),
);

/**
 * The module CPython's ModuleNotFoundError would name for `import module` in a `try` that
 * catches ImportError, when the module is neither the runtime's, the program's nor part of
 * CPython's standard library (its top-level package: "No module named 'a'" for `a.b`); else null.
 */
function missingModule(cx: Context, module: string, level: number): string | null {
  if (!cx.inImportErrorTry || level > 0 || cx.options.siblings.has(module)) return null;
  const top = module.split(".")[0]!;
  if (STDLIB_MODULES.has(top) || NO_OP_MODULES.has(module) || ES_MODULES[top] !== undefined)
    return null;
  return runtimeModulePath(module) === null && runtimeModulePath(top) === null ? top : null;
}

/** Modules whose import binds nothing. */
export const NO_OP_MODULES = new Set(["__future__"]);

/**
 * The runtime's namespace object for a module path such as `collections.abc` (src/python, loaded
 * on first use), or null when the runtime does not have it.
 */
export function runtimeNamespace(path: string): Record<string, unknown> | null {
  const [top, ...rest] = path.split(".");
  if (!STDLIB_NAMESPACES.has(top!)) return null;
  let ns: unknown = stdlibNamespace(top!);
  for (const part of rest) {
    ns = (ns as Record<string, unknown> | null)?.[part];
    if (typeof ns !== "object" || ns === null) return null;
  }
  return ns as Record<string, unknown>;
}

/**
 * The runtime's `$py.NAME` for a name of STDLIB_NAMESPACES: the module src/python/stdlib/NAME
 * (`sys`: its `sys` object), as src/python/index.ts exports it. Loading only that module keeps a
 * transpiling run's runtime as a cached run's: both load the stdlib modules the program names.
 */
export function stdlibNamespace(name: string): unknown {
  const m = compilerRuntime(`src/python/stdlib/${name}`) as Record<string, unknown>;
  return name === "sys" ? m.sys : m;
}

export const ES_MODULES: Record<string, string> = {
  asyncio: "asyncio-ts",
  contextvars: "asyncio-ts/contextvars",
};

/**
 * The runtime module behind each ES module, for the names it exports: from the runtime bundle,
 * as `runtimeNamespace` takes `src/python` (compilerRuntime), so that `asyncio-ts run` of a
 * program not yet compiled holds one copy of the runtime. A second copy's generator methods
 * (`send`, installed on the prototype all generators share) raised the other copy's
 * StopIteration, which the program's `except StopIteration` did not catch.
 */
const ES_RUNTIME: Record<string, string> = {
  asyncio: "src/index",
  contextvars: "src/contextvars",
};

/**
 * The names a module backed by the runtime exports (`asyncio`, `contextvars`, `math`, ...), or
 * null for other modules (sibling modules of the program).
 */
function moduleExports(cx: Context, module: string): Record<string, unknown> | null {
  if (cx.options.siblings.has(module)) return null;
  const es = ES_RUNTIME[module];
  if (es !== undefined) return compilerRuntime(es) as Record<string, unknown>;
  const path = runtimeModulePath(module);
  return path === null ? null : runtimeNamespace(path);
}

const KIND = Symbol.for("asyncio-ts.kind");

/** Is the value a coroutine function of the runtime (marked by `markcoroutinefunction`)? */
function isRuntimeCoroutineFunction(v: unknown): boolean {
  return typeof v === "function" && (v as { [KIND]?: unknown })[KIND] === "coroutine";
}

/**
 * Can `module.name` be a coroutine function (a call of it return a coroutine)? Asked of the
 * runtime for its modules; always for a module of the program (not known while this one is
 * transpiled).
 */
export function mayBeCoroutineFunction(cx: Context, module: string, name: string): boolean {
  const ns = moduleExports(cx, module);
  return ns === null ? !NO_OP_MODULES.has(module) : isRuntimeCoroutineFunction(ns[name]);
}

/**
 * Is `attr` a method of the instances of the runtime class `module.cls` (`asyncio.Future.done`),
 * and not a static or class attribute? Called through the class, such a method takes its instance
 * as the first argument (`asyncio.Future.done(f)`), which a JS static member access cannot do.
 */
export function isRuntimeInstanceMethod(
  cx: Context,
  module: string,
  cls: string,
  attr: string,
): boolean {
  const c = moduleExports(cx, module)?.[cls];
  if (typeof c !== "function" || typeof c.prototype !== "object") return false;
  for (let s: object | null = c; s && s !== Function.prototype; s = Object.getPrototypeOf(s))
    if (Object.hasOwn(s, attr)) return false;
  for (
    let p: object | null = c.prototype;
    p && p !== Object.prototype;
    p = Object.getPrototypeOf(p)
  ) {
    const d = Object.getOwnPropertyDescriptor(p, attr);
    if (d !== undefined) return typeof d.value === "function";
  }
  return false;
}

let asyncioCoroutineMethods: Set<string> | null = null;

/** Names of the coroutine methods of asyncio's classes (`Queue.get`, `Event.wait`, ...). */
export function coroutineMethodNames(): ReadonlySet<string> {
  if (asyncioCoroutineMethods === null) {
    const names = new Set<string>();
    for (const cls of Object.values(
      compilerRuntime(ES_RUNTIME.asyncio!) as Record<string, unknown>,
    )) {
      if (typeof cls !== "function") continue;
      for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
        for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(p)))
          if (isRuntimeCoroutineFunction(d.value)) names.add(name);
    }
    asyncioCoroutineMethods = names;
  }
  return asyncioCoroutineMethods;
}

/**
 * `from module import name` or `module.name` where the runtime's module lacks `name`: refused
 * here, not left to fail when the program runs.
 */
export function refuseMissing(cx: Context, module: string, name: string, pos: Pos): void {
  const ns = moduleExports(cx, module);
  if (ns !== null && !(name in ns)) throw cx.unsupported(pos, `'${name}' of module '${module}'`);
}

/**
 * Does `module` bind `name` (read directly as `module.name`)? Always for the runtime's modules
 * (`refuseMissing` checks theirs); for a module of the program, when its module-level code binds
 * it, else the read goes through getattr (AttributeError, or the module object's own).
 */
export function bindsName(cx: Context, module: string, name: string): boolean {
  const bound = cx.options.siblings.has(module) ? cx.options.siblingNames : undefined;
  return bound === undefined || bound(module).has(name);
}

type Source =
  | { kind: "es"; specifier: string }
  | { kind: "runtime"; path: string }
  | { kind: "none" };

function resolveModule(cx: Context, module: string, level: number, pos: Pos): Source {
  if (level === 0 && cx.options.siblings.has(module))
    return { kind: "es", specifier: `./${module}.js` };
  if (NO_OP_MODULES.has(module)) return { kind: "none" };
  const es = ES_MODULES[module];
  if (es !== undefined) return { kind: "es", specifier: es };
  const runtime = runtimeModulePath(module);
  if (runtime !== null) return { kind: "runtime", path: `$py.${runtime}` };
  // A folder of modules next to the program: only single-file modules are transpiled.
  const top = module.split(".")[0]!;
  const pkg = path.join(path.dirname(cx.source.path), top, "__init__.py");
  const what = fs.existsSync(pkg)
    ? `package '${top}' (a folder with __init__.py: a program is the .py files of one folder)`
    : `module '${module}'`;
  throw cx.source.error("Unsupported", `${what} is not supported by asyncio-ts`, pos.line, pos.col);
}

/**
 * `import "./helpers.js";` ahead of the bindings imported from a module of the program: the
 * module runs even where none of them is used (`import plugin` for its side effects), which
 * TypeScript's and sucrase's elision of unused imports would otherwise drop.
 */
function runsModule(cx: Context, specifier: string): void {
  if (specifier.startsWith("./")) cx.imports.set(`${specifier}|`, `import "${specifier}";`);
}

/** Add an ES import to the module header and return the local name it binds. */
function esImport(
  cx: Context,
  specifier: string,
  what: string,
  local: string,
  atTop: boolean,
): string {
  const name = atTop ? local : `$mod_${local}`;
  runsModule(cx, specifier);
  cx.imports.set(
    `${specifier}|${what}|${name}`,
    what === "*"
      ? `import * as ${name} from "${specifier}";`
      : `import { ${what === name ? what : `${what} as ${name}`} } from "${specifier}";`,
  );
  return name;
}

/**
 * In an imported module (every module-level name is exported), an ES import of a name bound only
 * by this import stays a plain top-level import, re-exported with `export { name };`. (A binding
 * `export const name = $mod_name;` would clash with the header's own `import * as asyncio`.)
 * Returns null when the name is bound again elsewhere in the module.
 */
function reexportedImport(
  cx: Context,
  al: Alias,
  specifier: string,
  what: string,
  local: string,
): TsStmt | null {
  if (cx.scope.kind !== "module" || !cx.options.exportAll) return null;
  const sym = cx.lookup(al.asname ?? al.name.split(".")[0]!);
  // Declared already (`let`): bound in a block (`if TYPE_CHECKING:`), where no export can be.
  if (sym === null || sym.bindings !== 1 || sym.readBeforeBinding || cx.isDeclared(sym))
    return null;
  esImport(cx, specifier, what, local, true);
  cx.markDeclared(sym);
  return line(`export { ${local} };`, al.pos.line);
}

/**
 * Can the ES import bind the Python name itself? Only in the main module's own scope, for a name
 * nothing else binds (an ES import binding cannot be assigned) and that no declaration came
 * before: a name the module binds inside a block (`if`, `try`) is declared by a `let` before the
 * module's statements. Otherwise the import takes another name and is assigned to the name.
 */
function direct(cx: Context, al: Alias): boolean {
  if (cx.scope.kind !== "module" || cx.options.exportAll) return false;
  const sym = cx.lookup(al.asname ?? al.name.split(".")[0]!);
  return sym === null || (sym.bindings === 1 && !cx.isDeclared(sym));
}

function importStatement(s: Extract<Stmt, { k: "Import" }>, cx: Context): TsStmt[] {
  const out: TsStmt[] = [];
  for (const al of s.names) {
    const missing = missingModule(cx, al.name, 0);
    if (missing !== null) {
      out.push(bindLocal(cx, al, `${cx.helper("moduleNotFound")}(${jsString(missing)})`));
      continue;
    }
    // `import collections.abc` binds `collections` (whose `abc` attribute is the submodule).
    const dotted = al.name.includes(".") && al.asname === null;
    if (dotted && RUNTIME_ALIASES[al.name] === undefined) {
      throw cx.unsupported(
        al.pos,
        `'import ${al.name}' (import the submodule with 'from ... import' or 'as')`,
      );
    }
    const top = al.name.split(".")[0]!;
    const src = resolveModule(cx, dotted ? top : al.name, 0, al.pos);
    const local = mangle(al.asname ?? top);
    if (src.kind === "none") continue;
    if (src.kind === "es" && cx.options.siblings.has(al.name)) {
      // A module of the program: its module object (src/python/module.ts) over its namespace;
      // partially initialised here (a cycle), it has only the names bound by then.
      const ns = esImport(cx, src.specifier, "*", local, false);
      const partial = cx.options.partialImports?.get(importKey(s.pos, al.name));
      const early = partial === undefined ? "" : `, ${JSON.stringify([...partial.bound].sort())}`;
      out.push(
        bindLocal(cx, al, `${cx.helper("programModule")}(${jsString(al.name)}, ${ns}${early})`),
      );
      continue;
    }
    if (src.kind === "es") {
      const reexport = reexportedImport(cx, al, src.specifier, "*", local);
      if (reexport !== null) {
        out.push(reexport);
        continue;
      }
      const name = esImport(cx, src.specifier, "*", local, direct(cx, al));
      if (name !== local || cx.options.exportAll) out.push(bindLocal(cx, al, name));
      else {
        const sym = cx.lookup(al.asname ?? al.name);
        if (sym) cx.markDeclared(sym);
      }
    } else out.push(bindLocal(cx, al, src.path));
  }
  return out;
}

function bindLocal(cx: Context, al: Alias, value: string): TsStmt {
  const b = cx.bindingPrefix(al.asname ?? al.name.split(".")[0]!);
  return line(
    `${b.keyword ? `${cx.exportPrefix()}${b.keyword} ` : ""}${b.name} = ${value};`,
    al.pos.line,
  );
}

function importFrom(s: Extract<Stmt, { k: "ImportFrom" }>, cx: Context): TsStmt[] {
  if (s.level > 0) {
    // A program is a folder of modules, none in a package: CPython's ImportError when it runs
    // (a relative import in a `try` falls back, `except ImportError: from helpers import f`).
    const raise = `${cx.helper("noParentPackage")}()`;
    if (s.names.length === 0) return [line(`${raise};`, s.pos.line)];
    return s.names.map((al) => bindLocal(cx, al, raise));
  }
  const missing = missingModule(cx, s.module, s.level);
  if (missing !== null) {
    const raise = `${cx.helper("moduleNotFound")}(${jsString(missing)})`;
    return s.names.map((al) => bindLocal(cx, al, raise));
  }
  const src = resolveModule(cx, s.module, s.level, s.pos);
  if (src.kind === "none") return [];
  if (s.level === 0) for (const al of s.names) refuseMissing(cx, s.module, al.name, al.pos);
  const out: TsStmt[] = [];
  const sibling = src.kind === "es" && ES_MODULES[s.module] === undefined;
  const bound = sibling ? cx.options.siblingNames : undefined;
  const partial = cx.options.partialImports?.get(importKey(s.pos, s.module));
  for (const al of s.names) {
    const local = mangle(al.asname ?? al.name);
    // `from a import x` while `a` is partially initialised and has not bound `x` yet (codegen/
    // import_cycles.ts): CPython's ImportError when this runs. A name bound by then is the ES
    // binding (ES runs all of `a` first, or JS bound it from the start: a plain `def`).
    if (partial !== undefined && !partial.bound.has(al.name)) {
      runsModule(cx, (src as { specifier: string }).specifier);
      const raise = `${cx.helper("cannotImportPartial")}(${jsString(al.name)}, ${jsString(s.module)})`;
      out.push(bindLocal(cx, al, raise));
      continue;
    }
    if (bound !== undefined && !bound(s.module).has(al.name)) {
      // A name the program's module never binds: CPython's ImportError when this runs (after
      // the module itself ran).
      runsModule(cx, (src as { specifier: string }).specifier);
      const raise = `${cx.helper("cannotImport")}(${jsString(al.name)}, ${jsString(s.module)})`;
      out.push(bindLocal(cx, al, raise));
      continue;
    }
    if (src.kind === "es") {
      const reexport = reexportedImport(cx, al, src.specifier, al.name, local);
      if (reexport !== null) {
        out.push(reexport);
        continue;
      }
      const atTop = direct(cx, al);
      const name = esImport(cx, src.specifier, al.name, local, atTop);
      if (!atTop) out.push(bindLocal(cx, al, name));
      else {
        const sym = cx.lookup(al.asname ?? al.name);
        if (sym) cx.markDeclared(sym);
      }
    } else {
      out.push(bindLocal(cx, al, `${src.path}.${al.name}`));
    }
  }
  return out;
}

export const imports: Feature = {
  name: "imports",
  statements: {
    Import: importStatement,
    ImportFrom: importFrom,
  },
};
