/**
 * Python's `sys` as transpiled programs see it.
 *
 * Generated code reads it as `$py.sys` (a plain object, not an ES namespace, so that
 * `sys.stdout = x` works): assigning `sys.stdout`/`sys.stderr` redirects `print` and tracebacks
 * (they write to `streams.stdout`/`streams.stderr` of io.ts). `sys.argv` is `[FILE.py, ARGS...]`,
 * taken from `process.argv` (the runner rewrites it to `[node, FILE.py, ARGS...]`) on first use.
 *
 * `sys.excepthook` is called by the program's exit path (src/python/main.ts `printUncaught`) with
 * `(type, value, traceback)` of an uncaught exception; `sys.__excepthook__` prints the traceback.
 *
 * Differences from CPython: `getsizeof` raises (object sizes are not observable in JS);
 * `setrecursionlimit` is recorded but JS's stack depth decides when RecursionError happens.
 */

import { Dict } from "../dict";
import {
  BaseException,
  currentException,
  TypeError as PyTypeError,
  SystemExit,
  ValueError,
} from "../exceptions";
import { __stderr__, __stdin__, __stdout__, streams } from "../io";
import { kw, splitKw } from "../kw";
import { programModulesFor } from "../module";
import { index } from "../numbers";
import { intMaxStrDigits } from "../repr";
import { formatException } from "../traceback";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { namedtuple } from "./collections";
import { SimpleNamespace } from "./types";

let VersionInfo: ((...a: unknown[]) => Tuple) | null = null;
function versionInfo(): Tuple {
  if (VersionInfo === null) {
    const nt = namedtuple(
      "version_info",
      ["major", "minor", "micro", "releaselevel", "serial"],
      kw({ module: "sys" }),
    );
    Object.defineProperty(nt, "__qualname__", { value: "version_info" });
    VersionInfo = nt as unknown as (...a: unknown[]) => Tuple;
    // CPython's repr says sys.version_info(...)
    const proto = (nt as unknown as { prototype: { __repr__: () => string } }).prototype;
    const base = proto.__repr__;
    Object.defineProperty(proto, "__repr__", {
      value(this: Tuple) {
        return `sys.${base.call(this)}`;
      },
    });
  }
  return VersionInfo(3n, 13n, 0n, "final", 0n);
}

let floatInfoCache: Tuple | null = null;
/** `sys.float_info`: IEEE-754 double's constants, printed as `sys.float_info(max=..., ...)`. */
function floatInfo(): Tuple {
  if (floatInfoCache === null) {
    const nt = namedtuple(
      "float_info",
      "max max_exp max_10_exp min min_exp min_10_exp dig mant_dig epsilon radix rounds".split(" "),
      kw({ module: "sys" }),
    );
    Object.defineProperty(nt, "__qualname__", { value: "float_info" });
    const proto = (nt as unknown as { prototype: { __repr__: () => string } }).prototype;
    const base = proto.__repr__;
    Object.defineProperty(proto, "__repr__", {
      value(this: Tuple) {
        return `sys.${base.call(this)}`;
      },
    });
    floatInfoCache = (nt as unknown as (...a: unknown[]) => Tuple)(
      Number.MAX_VALUE,
      1024n,
      308n,
      2 ** -1022,
      -1021n,
      -307n,
      15n,
      53n,
      Number.EPSILON,
      2n,
      1n,
    );
  }
  return floatInfoCache;
}

let argvCache: string[] | null = null;
let recursionLimit = 1000n;
let versionInfoCache: Tuple | null = null;
let modulesCache: Dict | null = null;

/** `sys.exit([status])`: raises SystemExit. */
export function exit(...args: unknown[]): never {
  if (args.length > 1)
    throw new PyTypeError(`exit expected at most 1 argument, got ${args.length}`);
  throw args.length === 0 ? new SystemExit() : new SystemExit(args[0]);
}

/** `sys.getrecursionlimit()`. */
export function getrecursionlimit(): bigint {
  return recursionLimit;
}

/** `sys.setrecursionlimit(n)`. */
export function setrecursionlimit(n: unknown): null {
  const v = index(n);
  if (v < 1n) throw new ValueError("recursion limit must be greater or equal than 1");
  recursionLimit = v;
  return null;
}

/** `sys.get_int_max_str_digits()`. */
export function get_int_max_str_digits(): bigint {
  return BigInt(intMaxStrDigits.limit);
}

/** `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least 640. */
export function set_int_max_str_digits(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  for (const k of Object.keys(kws)) {
    if (k !== "maxdigits") {
      throw new PyTypeError(`set_int_max_str_digits() got an unexpected keyword argument '${k}'`);
    }
  }
  if (pos.length + Object.keys(kws).length > 1) {
    const n = pos.length + Object.keys(kws).length;
    throw new PyTypeError(`set_int_max_str_digits() takes at most 1 argument (${n} given)`);
  }
  const arg = pos.length > 0 ? pos[0] : kws.maxdigits;
  if (arg === undefined) {
    throw new PyTypeError("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)");
  }
  const v = index(arg);
  if (v !== 0n && v < 640n) throw new ValueError("maxdigits must be 0 or larger than 640");
  intMaxStrDigits.limit = Number(v > 2n ** 31n ? 2n ** 31n : v);
  return null;
}

/** `sys.is_finalizing()`: False while the program runs (atexit's calls run before finalization). */
export function is_finalizing(...args: unknown[]): boolean {
  if (args.length !== 0)
    throw new PyTypeError(`sys.is_finalizing() takes no arguments (${args.length} given)`);
  return false;
}

/** The thread switch interval (`sys.setswitchinterval`): only recorded, there are no threads. */
let switchInterval = 0.005;

/** `sys.getswitchinterval()`. */
export function getswitchinterval(): number {
  return switchInterval;
}

/** `sys.setswitchinterval(interval)`: a float (or int) above 0, recorded. */
export function setswitchinterval(interval: unknown): null {
  let v: number;
  if (typeof interval === "number") v = interval;
  else if (typeof interval === "bigint" || typeof interval === "boolean") v = Number(interval);
  else throw new PyTypeError(`must be real number, not ${typeName(interval)}`);
  if (!(v > 0)) throw new ValueError("switch interval must be strictly positive");
  switchInterval = v;
  return null;
}

/** `sys.intern(s)`: strings are values in JS, so this returns its argument. */
export function intern(s: unknown): unknown {
  if (typeof s !== "string")
    throw new PyTypeError(`intern() argument must be str, not ${typeof s}`);
  return s;
}

/** `sys.getsizeof(obj)`: not available (see the header). */
export function getsizeof(_obj: unknown): never {
  throw new (require("../exceptions").NotImplementedError)(
    "sys.getsizeof() is not supported by asyncio-ts",
  );
}

/** `sys.exc_info()`: `(type, value, traceback)` of the exception being handled, or Nones. */
export function exc_info(): Tuple {
  const e = currentException();
  if (e === null) return new Tuple([null, null, null]);
  return new Tuple([e.constructor, e, e.__traceback__]);
}

/** `sys.exception()`: the exception being handled, or None. */
export function exception(): unknown {
  return currentException();
}

/**
 * `sys.__excepthook__(type, value, traceback)`: print the traceback of `value` to `sys.stderr`, as
 * the interpreter does for an uncaught exception (the default `sys.excepthook`). A value that is
 * not an exception prints CPython's complaint instead. `traceback` is not used: an exception
 * keeps its own (CPython's also prints the value's own traceback when it is None).
 */
export function __excepthook__(...args: unknown[]): null {
  if (args.length !== 3)
    throw new PyTypeError(`excepthook expected 3 arguments, got ${args.length}`);
  const value = args[1];
  const err = streams.stderr as { write: (s: string) => unknown; flush?: () => unknown };
  if (value instanceof BaseException) err.write(formatException(value));
  else
    err.write(
      `TypeError: print_exception(): Exception expected for value, ${typeName(value)} found\n`,
    );
  err.flush?.();
  return null;
}

/** `sys.excepthook` as the program set it (the default is `__excepthook__`). */
let excepthookValue: unknown = __excepthook__;

export const maxsize = 9223372036854775807n;
export const platform = "linux";
export const byteorder = "little";
export const version = "3.13.0 (main, asyncio-ts) [Node.js]";
export const hexversion = 0x030d00f0n;
export const executable = process.execPath;
export const maxunicode = 1114111n;
export const implementation = SimpleNamespace(
  kw({
    name: "cpython",
    cache_tag: "cpython-313",
    version: null as unknown,
    hexversion: 0x030d00f0n,
  }),
);

/** `sys.getdefaultencoding()`. */
export function getdefaultencoding(): string {
  return "utf-8";
}

/** `sys.getfilesystemencoding()`. */
export function getfilesystemencoding(): string {
  return "utf-8";
}

/** `sys.getfilesystemencodeerrors()`. */
export function getfilesystemencodeerrors(): string {
  return "surrogateescape";
}

/** CPython 3.13.0's `sys.builtin_module_names` on Linux. */
export const builtin_module_names = new Tuple(
  (
    "_abc _ast _codecs _collections _functools _imp _io _locale _operator _signal _sre _stat " +
    "_string _suggestions _symtable _sysconfig _thread _tokenize _tracemalloc _typing _warnings " +
    "_weakref atexit builtins errno faulthandler gc itertools marshal posix pwd sys time"
  ).split(" "),
);

let pathCache: string[] | null = null;

// CPython's `sys` is written in C: its functions are builtins (see _cfunctions.ts).
Object.defineProperty(__excepthook__, "__name__", { value: "excepthook", configurable: true });
const functions = {
  exit,
  getrecursionlimit,
  setrecursionlimit,
  intern,
  getsizeof,
  exc_info,
  exception,
  __excepthook__,
  getdefaultencoding,
  getfilesystemencoding,
  getfilesystemencodeerrors,
  is_finalizing,
  getswitchinterval,
  setswitchinterval,
  get_int_max_str_digits,
  set_int_max_str_digits,
};
cFunctions("sys", Object.values(functions));

/** The `sys` module object (`$py.sys`). */
export const sys = {
  ...functions,
  get excepthook(): unknown {
    return excepthookValue;
  },
  set excepthook(hook: unknown) {
    excepthookValue = hook;
  },
  maxsize,
  platform,
  byteorder,
  version,
  hexversion,
  executable,
  maxunicode,
  implementation,
  builtin_module_names,
  __stdin__,
  __stdout__,
  __stderr__,
  __name__: "sys",
  /** `[directory of the script]`: no Python installation's directories exist here. */
  get path(): string[] {
    if (pathCache === null) {
      const nodePath = require("node:path") as typeof import("node:path");
      const script = process.argv[1];
      pathCache = [script === undefined ? "" : nodePath.dirname(nodePath.resolve(script))];
    }
    return pathCache;
  },
  set path(v: string[]) {
    pathCache = v;
  },
  get stdin(): unknown {
    return streams.stdin;
  },
  set stdin(s: unknown) {
    streams.stdin = s;
  },
  get argv(): string[] {
    if (argvCache === null) argvCache = process.argv.slice(1);
    return argvCache;
  },
  set argv(v: string[]) {
    argvCache = v;
  },
  get stdout(): unknown {
    return streams.stdout;
  },
  set stdout(s: unknown) {
    streams.stdout = s;
  },
  get stderr(): unknown {
    return streams.stderr;
  },
  set stderr(s: unknown) {
    streams.stderr = s;
  },
  get float_info(): Tuple {
    return floatInfo();
  },
  get version_info(): Tuple {
    if (versionInfoCache === null) {
      versionInfoCache = versionInfo();
      (implementation as unknown as { version: unknown }).version = versionInfoCache;
    }
    return versionInfoCache;
  },
  get modules(): Dict {
    if (modulesCache === null) {
      modulesCache = new Dict();
      const py = require("../index") as Record<string, unknown>;
      for (const name of [
        "sys",
        "time",
        "os",
        "functools",
        "itertools",
        "collections",
        "bisect",
        "math",
        "contextlib",
        "warnings",
        "signal",
        "operator",
        "copy",
        "types",
        "typing",
        "abc",
        "heapq",
        "enum",
        "random",
        "json",
        "string",
        "logging",
        "dataclasses",
        "textwrap",
      ]) {
        if (py[name] !== undefined) modulesCache.__setitem__(name, py[name]);
      }
      // `__main__` and the program's modules (src/python/module.ts), as they are made.
      const modules = modulesCache;
      programModulesFor((name, m) => modules.__setitem__(name, m));
    }
    return modulesCache;
  },
  __repr__(): string {
    return "<module 'sys' (built-in)>";
  },
};
