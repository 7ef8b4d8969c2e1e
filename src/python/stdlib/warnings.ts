/**
 * Python's `warnings`: `warn`, the filters (`simplefilter`, `filterwarnings`, `resetwarnings`),
 * `catch_warnings` (with `record=True`) and `formatwarning`/`showwarning`. The categories are the
 * builtins' classes (exceptions.ts); as in CPython, the module does not export them.
 *
 * As in CPython 3.13 (release build, no -W options) the default filters are
 * `default::DeprecationWarning:__main__`, then `ignore` for DeprecationWarning,
 * PendingDeprecationWarning, ImportWarning and ResourceWarning; any other warning uses the
 * default action `default` (shown once per location). A shown warning is written to `sys.stderr`
 * as `FILE:LINE: Category: message` followed by the stripped source line.
 *
 * The location comes from the transpiler's frame source (the Python frames of the current JS stack,
 * innermost last); `stacklevel` counts Python frames. Without frames (hand-written TypeScript,
 * tests) the location is `sys:1`, but the module is taken to be `__main__` for the filters; a
 * `stacklevel` beyond the program's frames is CPython 3.13's `<sys>:0` (module `sys`).
 *
 * This module also installs itself as asyncio's warning reporter (`_setWarningReporter` in
 * src/asyncio/events.ts) when it is loaded.
 */

import * as fs from "node:fs";
import { coroQualname } from "../../asyncio/coroutines";
import { _setWarningReporter } from "../../asyncio/events";
import {
  type BaseException,
  BytesWarning,
  DeprecationWarning,
  EncodingWarning,
  FutureWarning,
  ImportWarning,
  markRaised,
  PendingDeprecationWarning,
  TypeError as PyTypeError,
  ResourceWarning,
  RuntimeWarning,
  SyntaxWarning,
  UnicodeWarning,
  UserWarning,
  ValueError,
  Warning,
} from "../exceptions";
import { streams } from "../io";
import { index } from "../numbers";
import { className } from "../objects";
import { call } from "../protocol";
import { repr, str } from "../repr";
import { formatException, formatExceptionOnly } from "../traceback";
import { Tuple } from "../tuple";
import { issubclass, typeName } from "../types";
import { takeKw } from "./types";

const CATEGORIES: Record<string, Function> = {
  Warning,
  UserWarning,
  DeprecationWarning,
  PendingDeprecationWarning,
  SyntaxWarning,
  RuntimeWarning,
  FutureWarning,
  ImportWarning,
  UnicodeWarning,
  BytesWarning,
  ResourceWarning,
  EncodingWarning,
};

const ACTIONS = new Set(["error", "ignore", "always", "all", "default", "module", "once"]);

/**
 * A filter's message or module pattern: a compiled `re` pattern (`filterwarnings`, matched with
 * `match`, as CPython's), or the exact module name of a default filter.
 */
type Matcher = RegExp | { match(s: string): unknown };

type Filter = [string, Matcher | null, Function, Matcher | null, number];

/** `re.compile(source[, re.IGNORECASE])`, loading `re` on first use. */
function pyPattern(source: string, ignoreCase: boolean): Matcher {
  const re = require("./re") as typeof import("./re");
  return ignoreCase ? re.compile(source, re.IGNORECASE) : re.compile(source);
}

function defaultFilters(): Filter[] {
  return [
    ["default", null, DeprecationWarning, /^__main__$/, 0],
    ["ignore", null, DeprecationWarning, null, 0],
    ["ignore", null, PendingDeprecationWarning, null, 0],
    ["ignore", null, ImportWarning, null, 0],
    ["ignore", null, ResourceWarning, null, 0],
  ];
}

let filterList: Filter[] = defaultFilters();
/** Registries of warnings already shown: per module, cleared whenever the filters change. */
let registries = new Map<string, Set<string>>();
const onceRegistry = new Set<string>();
export const defaultaction = "default";

function filtersMutated(): void {
  registries = new Map();
  filters = showFilters();
}

/**
 * `warnings.filters` as CPython shows it: a list of 5-tuples (patterns as their source), made
 * again whenever the filters change (a list the program changes does not change the filters).
 */
export let filters: Tuple[] = [];

function showFilters(): Tuple[] {
  const shown = (m: Matcher | null) =>
    m === null ? null : m instanceof RegExp ? m.source.replace(/^\^|\$$/g, "") : m;
  return filterList.map(([a, m, c, mod, l]) => new Tuple([a, shown(m), c, shown(mod), BigInt(l)]));
}

filters = showFilters();

function addFilter(f: Filter, append: boolean): void {
  const key = (m: Matcher | null) => (m === null ? "" : m instanceof RegExp ? String(m) : repr(m));
  const same = (g: Filter) =>
    g[0] === f[0] &&
    key(g[1]) === key(f[1]) &&
    g[2] === f[2] &&
    key(g[3]) === key(f[3]) &&
    g[4] === f[4];
  if (!append) {
    filterList = filterList.filter((g) => !same(g));
    filterList.unshift(f);
  } else if (!filterList.some(same)) filterList.push(f);
  filtersMutated();
}

function checkAction(action: unknown): string {
  if (typeof action !== "string" || !ACTIONS.has(action))
    throw new (require("../exceptions").AssertionError)(`invalid action: ${repr(action)}`);
  return action;
}

/** `warnings.simplefilter(action, category=Warning, lineno=0, append=False)`. */
export function simplefilter(...args: unknown[]): null {
  const [pos, kws] = takeKw(args);
  const action = checkAction(pos[0] ?? kws.action);
  const category = (pos[1] ?? kws.category ?? Warning) as Function;
  const lineno = Number(index(pos[2] ?? kws.lineno ?? 0n));
  const append = Boolean(pos[3] ?? kws.append ?? false);
  addFilter([action, null, category, null, lineno], append);
  return null;
}

/** `warnings.filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False)`. */
export function filterwarnings(...args: unknown[]): null {
  const [pos, kws] = takeKw(args);
  const action = checkAction(pos[0] ?? kws.action);
  const message = (pos[1] ?? kws.message ?? "") as string;
  const category = (pos[2] ?? kws.category ?? Warning) as Function;
  const module = (pos[3] ?? kws.module ?? "") as string;
  const lineno = Number(index(pos[4] ?? kws.lineno ?? 0n));
  const append = Boolean(pos[5] ?? kws.append ?? false);
  addFilter(
    [
      action,
      message ? pyPattern(message, true) : null,
      category,
      module ? pyPattern(module, false) : null,
      lineno,
    ],
    append,
  );
  return null;
}

/** `warnings.resetwarnings()`: no filters at all. */
export function resetwarnings(): null {
  filterList = [];
  filtersMutated();
  return null;
}

// ---------------------------------------------------------------- showing

/** `warnings.formatwarning(message, category, filename, lineno, line=None)`. */
export function formatwarning(
  message: unknown,
  category: unknown,
  filename: unknown,
  lineno: unknown,
  line: unknown = null,
): string {
  let s = `${str(filename)}:${str(lineno)}: ${className(category)}: ${str(message)}\n`;
  // CPython's _formatwarnmsg_impl: without a line, `linecache.getline(filename, lineno)`.
  const text = line === null ? sourceLine(filename, lineno) : line;
  if (typeof text === "string" && text.trim()) s += `  ${text.trim()}\n`;
  return s;
}

/** The files `sourceLine` has read, by name, split into lines (null: unreadable). */
const sourceFiles = new Map<string, string[] | null>();

/** `linecache.getline(filename, lineno)`: the line of a readable file, else "". */
function sourceLine(filename: unknown, lineno: unknown): string {
  if (typeof filename !== "string" || (typeof lineno !== "bigint" && typeof lineno !== "number"))
    return "";
  let lines = sourceFiles.get(filename);
  if (lines === undefined) {
    try {
      lines = fs.readFileSync(filename, "utf8").split("\n");
    } catch {
      lines = null;
    }
    sourceFiles.set(filename, lines);
  }
  const n = Number(lineno);
  return lines !== null && n >= 1 && n <= lines.length ? lines[n - 1]! : "";
}

type Shower = (
  message: unknown,
  category: unknown,
  filename: unknown,
  lineno: unknown,
  file: unknown,
  line: unknown,
) => unknown;

/** `warnings.showwarning(...)`: writes formatwarning's text to `file` (default sys.stderr). */
export function showwarning(
  message: unknown,
  category: unknown,
  filename: unknown,
  lineno: unknown,
  file: unknown = null,
  line: unknown = null,
): null {
  writeWarning(formatwarning(message, category, filename, lineno, line), file);
  return null;
}

function writeWarning(text: string, file: unknown): void {
  const target = (file ?? streams.stderr) as { write?: (s: string) => unknown } | null;
  if (target === null || typeof target.write !== "function") return;
  try {
    target.write(text);
  } catch {
    // CPython ignores OSError here (stderr closed)
  }
}

let currentShower: Shower = showwarning;

/**
 * `warnings.showwarning` as the module's attribute now: a program's `warnings.showwarning = f`
 * (and `logging.captureWarnings(True)`) assigns the export, which CPython's `_showwarnmsg` calls
 * instead of the original (not while `catch_warnings(record=True)` records).
 */
function assignedShowwarning(): unknown {
  return (require("./warnings") as { showwarning: unknown }).showwarning;
}
/** The list of `catch_warnings(record=True)` while one is active (it replaces the shower). */
let recording: WarningMessage[] | null = null;

/** `warnings.WarningMessage`: one recorded warning. */
export class WarningMessage {
  static readonly __module__ = "warnings";
  constructor(
    readonly message: unknown,
    readonly category: unknown,
    readonly filename: unknown,
    readonly lineno: unknown,
    readonly file: unknown = null,
    readonly line: unknown = null,
    readonly source: unknown = null,
  ) {}
  get _category_name(): string | null {
    return this.category ? className(this.category) : null;
  }
  __str__(): string {
    return `{message : ${repr(this.message)}, category : ${repr(this._category_name)}, filename : ${repr(this.filename)}, lineno : ${str(this.lineno)}, line : ${repr(this.line)}}`;
  }
}

// ---------------------------------------------------------------- warn

interface Location {
  filename: string;
  lineno: number;
  module: string;
  line: string | null;
}

const FRAME_RE = /^ {2}File "([^"]*)", line (\d+), in [^\n]*\n(?: {4}([^\n]*)\n)?/gm;

/** The Python frames of the current stack (innermost last), from the transpiler's frame source. */
function pythonFrames(): { filename: string; lineno: number; line: string | null }[] {
  let text: string;
  try {
    text = formatException(markRaised(new UserWarning()));
  } catch {
    return [];
  }
  const out: { filename: string; lineno: number; line: string | null }[] = [];
  for (const m of text.matchAll(FRAME_RE))
    out.push({ filename: m[1]!, lineno: Number(m[2]), line: m[3] ?? null });
  return out;
}

function location(stacklevel: number, skipPrefixes: readonly string[] = []): Location {
  const frames = pythonFrames();
  let i = frames.length - Math.max(1, stacklevel);
  if (skipPrefixes.length > 0 && frames.length > 0) {
    // CPython's `next_external_frame`: each level past the first skips the frames of files
    // under the prefixes; running out of frames names "<sys>", line 0, as a deep stacklevel does.
    // Its `PyUnicode_Tailmatch(filename, prefix, 0, -1, -1)` leaves out the name's last
    // character: a prefix equal to the whole file name does not match.
    const skipped = (k: number) =>
      skipPrefixes.some((p) => frames[k]!.filename.slice(0, -1).startsWith(p));
    i = frames.length - 1;
    for (let level = 1; level < stacklevel && i >= 0; level++) {
      do i--;
      while (i >= 0 && skipped(i));
    }
  }
  if (frames.length === 0) {
    // no frames known: assume the caller is the main program (stacklevel 1) or beyond it
    const module = stacklevel <= 1 ? "__main__" : "sys";
    return { filename: "sys", lineno: 1, module, line: null };
  }
  // A stacklevel beyond the stack: CPython 3.13 names `sys`'s globals and "<sys>", line 0.
  if (i < 0) return { filename: "<sys>", lineno: 0, module: "sys", line: null };
  const f = frames[i]!;
  const main = process.argv[1];
  const module =
    main === undefined || f.filename === main || f.filename.endsWith(`/${main}`)
      ? "__main__"
      : f.filename.replace(/^.*\//, "").replace(/\.py$/, "");
  return { filename: f.filename, lineno: f.lineno, module, line: f.line };
}

function isWarningClass(c: unknown): boolean {
  return (
    typeof c === "function" &&
    (c === Warning || (c as { prototype?: unknown }).prototype instanceof Warning)
  );
}

/** `warnings.warn(message, category=None, stacklevel=1, source=None, *, skip_file_prefixes=())`. */
export function warn(...args: unknown[]): null {
  const [pos, kws] = takeKw(args);
  const message = pos[0] ?? kws.message;
  let category = pos.length > 1 ? pos[1] : (kws.category ?? null);
  const stacklevel = Number(index(pos[2] ?? kws.stacklevel ?? 1n));
  const source = pos[3] ?? kws.source ?? null;
  const prefixes = kws.skip_file_prefixes ?? new Tuple([]);
  if (!(prefixes instanceof Tuple)) {
    const t = typeName(prefixes);
    throw new PyTypeError(`warn() argument 'skip_file_prefixes' must be tuple, not ${t}`);
  }
  const notStr = prefixes.items.find((p) => typeof p !== "string");
  if (notStr !== undefined)
    throw new PyTypeError(`Found non-str '${typeName(notStr)}' in skip_file_prefixes.`);
  if (message instanceof Warning) category = message.constructor;
  if (category === null || category === undefined) category = UserWarning;
  if (!isWarningClass(category)) {
    throw new PyTypeError(`category must be a Warning subclass, not '${typeName(category)}'`);
  }
  const skip = prefixes.items as string[];
  const level = skip.length > 0 ? Math.max(2, stacklevel) : stacklevel;
  warnAt(message, category as Function, location(level, skip), source);
  return null;
}

/** `warnings.warn_explicit(message, category, filename, lineno, module=None, ...)`. */
export function warn_explicit(
  message: unknown,
  category: unknown,
  filename: unknown,
  lineno: unknown,
  module: unknown = null,
): null {
  const fname = String(filename);
  warnAt(message, (category ?? UserWarning) as Function, {
    filename: fname,
    lineno: Number(index(lineno)),
    module: module === null ? fname.replace(/^.*\//, "").replace(/\.py$/, "") : String(module),
    line: null,
  });
  return null;
}

/**
 * CPython's `warnings._warn_unawaited_coroutine`: what destroying a coroutine that never ran
 * reports, at the innermost frame of the program (where the coroutine was dropped). A warning
 * the filters turn into an error cannot propagate out of a destructor: it is printed as CPython's
 * unraisable hook prints it (the frame of warnings.py itself is not shown, as other frames of
 * CPython's own Python code are not).
 */
export function _warn_unawaited_coroutine(coro: unknown): null {
  const message = `coroutine '${coroQualname(coro)}' was never awaited`;
  try {
    warnAt(message, RuntimeWarning, location(1), coro);
  } catch (exc) {
    const text = `Exception ignored in: ${repr(coro)}\nTraceback (most recent call last):\n`;
    writeWarning(text + formatExceptionOnly(exc), null);
  }
  return null;
}

function matches(re: Matcher | null, s: string): boolean {
  if (re === null) return true;
  return re instanceof RegExp ? re.test(s) : re.match(s) !== null;
}

function warnAt(message: unknown, category: Function, loc: Location, source: unknown = null): void {
  const text = message instanceof Warning ? str(message) : str(message);
  const instance = message instanceof Warning ? message : (call(category, text) as BaseException);
  let action = defaultaction;
  for (const [a, msg, cat, mod, ln] of filterList) {
    if (
      matches(msg, text) &&
      issubclass(category, cat) &&
      matches(mod, loc.module) &&
      (ln === 0 || ln === loc.lineno)
    ) {
      action = a;
      break;
    }
  }
  if (action === "error") throw instance;
  if (action === "ignore") return;
  const catKey = `${className(category)}@${registryId(category)}`;
  if (action === "once") {
    const key = `${text}\u0000${catKey}`;
    if (onceRegistry.has(key)) return;
    onceRegistry.add(key);
  } else if (action === "module" || action === "default") {
    let reg = registries.get(loc.module);
    if (reg === undefined) {
      reg = new Set();
      registries.set(loc.module, reg);
    }
    const key = `${text}\u0000${catKey}\u0000${action === "module" ? 0 : loc.lineno}`;
    if (reg.has(key)) return;
    reg.add(key);
  } else if (action !== "always" && action !== "all") {
    throw new (require("../exceptions").RuntimeError)(
      `Unrecognized action (${repr(action)}) in warnings.filters:\n ${repr(action)}`,
    );
  }
  const lineno = BigInt(loc.lineno);
  // A replaced showwarning and the record get `line=None`, as in CPython (where the default
  // formatting reads the line from the file).
  const assigned = recording === null ? assignedShowwarning() : showwarning;
  if (currentShower !== showwarning) {
    call(currentShower, instance, category, loc.filename, lineno, null, null);
  } else if (assigned !== showwarning) {
    call(assigned, instance, category, loc.filename, lineno, null, null);
  } else if (recording !== null) {
    recording.push(
      new WarningMessage(instance, category, loc.filename, lineno, null, null, source),
    );
  } else if (source === null) {
    showwarning(instance, category, loc.filename, lineno, null, loc.line);
  } else {
    // CPython's _formatwarnmsg_impl: a warning about an object (`source`) suggests tracemalloc,
    // which would tell where the object was allocated (there is none here: never tracing).
    const text = formatwarning(instance, category, loc.filename, lineno, loc.line);
    const hint = `${className(category)}: Enable tracemalloc to get the object allocation traceback\n`;
    writeWarning(text + hint, null);
  }
}

const classIds = new WeakMap<Function, number>();
let nextClassId = 0;
function registryId(c: Function): number {
  let v = classIds.get(c);
  if (v === undefined) {
    v = nextClassId++;
    classIds.set(c, v);
  }
  return v;
}

// ---------------------------------------------------------------- catch_warnings

class CatchWarnings {
  static readonly __name__ = "catch_warnings";
  static readonly __module__ = "warnings";
  private saved: {
    filters: Filter[];
    shower: Shower;
    recording: WarningMessage[] | null;
  } | null = null;
  private readonly record: boolean;
  private readonly action: unknown;
  private readonly category: unknown;
  private readonly lineno: unknown;
  private readonly append: unknown;

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    if (pos.length > 0)
      throw new PyTypeError(
        `catch_warnings.__init__() takes 1 positional argument but ${pos.length + 1} were given`,
      );
    this.record = Boolean(kws.record ?? false);
    this.action = kws.action ?? null;
    this.category = kws.category ?? Warning;
    this.lineno = kws.lineno ?? 0n;
    this.append = kws.append ?? false;
  }

  __enter__(): unknown {
    if (this.saved !== null)
      throw new (require("../exceptions").RuntimeError)(`Cannot enter ${repr(this)} twice`);
    this.saved = { filters: filterList.slice(), shower: currentShower, recording };
    filtersMutated();
    if (this.action !== null) simplefilter(this.action, this.category, this.lineno, this.append);
    if (this.record) {
      // As CPython: the log receives what the original showwarning would have shown.
      currentShower = showwarning;
      recording = [];
      return recording;
    }
    return null;
  }

  __exit__(..._args: unknown[]): null {
    if (this.saved === null)
      throw new (require("../exceptions").RuntimeError)(
        `Cannot exit ${repr(this)} without entering first`,
      );
    filterList = this.saved.filters;
    currentShower = this.saved.shower;
    recording = this.saved.recording;
    this.saved = null;
    filtersMutated();
    return null;
  }

  __repr__(): string {
    const args: string[] = [];
    if (this.record) args.push("record=True");
    return `catch_warnings(${args.join(", ")})`;
  }
}

/** `warnings.catch_warnings(*, record=False, module=None, action=None, category=Warning, lineno=0, append=False)`. */
export function catch_warnings(...args: unknown[]): CatchWarnings {
  return new CatchWarnings(...args);
}

/**
 * `@warnings.deprecated(message, /, *, category=DeprecationWarning, stacklevel=1)` (3.13): a
 * decorated function warns at each call, a decorated class when it is instantiated or
 * subclassed; both get `__deprecated__`. With `category=None` it
 * only sets `__deprecated__`. The wrapper is no Python frame here, so `stacklevel` counts from
 * the caller without CPython's `+ 1`.
 */
export function deprecated(...args: unknown[]): <T>(arg: T) => T {
  const [pos, kws] = takeKw(args);
  const message = pos[0] ?? kws.message;
  if (typeof message !== "string")
    throw new PyTypeError(
      `Expected an object of type str for 'message', not ${repr(typeName(message))}`,
    );
  const category = "category" in kws ? kws.category : DeprecationWarning;
  const stacklevel = Number(index(kws.stacklevel ?? 1n));
  const mark = (x: unknown) =>
    Object.defineProperty(x, "__deprecated__", {
      value: message,
      writable: true,
      configurable: true,
    });
  return <T>(arg: T): T => decorate(arg) as T;
  function decorate(arg: unknown): unknown {
    if (category === null) return mark(arg);
    const warnNow = () => warnAt(message, category as Function, location(stacklevel));
    const { isClass } = require("../types") as typeof import("../types");
    if (isClass(arg)) {
      const proto = arg.prototype as Record<string, unknown>;
      const init = proto.__init__ as ((...a: unknown[]) => unknown) | undefined;
      Object.defineProperty(proto, "__init__", {
        value: function (this: object, ...a: unknown[]) {
          if (this.constructor === arg) warnNow();
          return init?.apply(this, a) ?? null;
        },
        writable: true,
        configurable: true,
      });
      // Subclassing warns too (`type.__new__` calls the parent's `__init_subclass__`, lang.ts).
      const initSubclass = (arg as { __init_subclass__?: Function }).__init_subclass__;
      Object.defineProperty(arg, "__init_subclass__", {
        value: function (this: unknown, ...a: unknown[]) {
          warnNow();
          return typeof initSubclass === "function" ? initSubclass.apply(this, a) : null;
        },
        writable: true,
        configurable: true,
      });
      return mark(arg);
    }
    if (typeof arg !== "function")
      throw new PyTypeError(
        `@deprecated decorator with non-None category must be applied to a class or callable, not ${repr(arg)}`,
      );
    const wrapper = function (this: unknown, ...a: unknown[]) {
      warnNow();
      return (arg as (...x: unknown[]) => unknown).apply(this, a);
    };
    const { update_wrapper } = require("./functools") as typeof import("./functools");
    update_wrapper(wrapper, arg);
    const inspect = require("./inspect") as typeof import("./inspect");
    if (inspect.iscoroutinefunction(arg)) inspect.markcoroutinefunction(wrapper);
    mark(arg);
    return mark(wrapper);
  }
}

/** Let a program replace `showwarning` (CPython: assign `warnings.showwarning`). */
export function _set_showwarning(fn: unknown): null {
  if (typeof fn !== "function") throw new ValueError("showwarning must be callable");
  currentShower = fn as Shower;
  return null;
}

// asyncio reports its warnings (e.g. DeprecationWarning from get_event_loop) through this module.
function reportAsyncioWarning(message: string, category: string): void {
  const cls = CATEGORIES[category] ?? UserWarning;
  const frames = pythonFrames();
  const f = frames[frames.length - 1];
  const loc: Location =
    f === undefined
      ? { filename: "sys", lineno: 1, module: "__main__", line: null }
      : { filename: f.filename, lineno: f.lineno, module: "__main__", line: f.line };
  warnAt(message, cls, loc);
}

function installReporter(): void {
  try {
    _setWarningReporter(reportAsyncioWarning);
  } catch {
    // src/asyncio/events.ts is still loading (an import cycle): install once it has loaded
    setImmediate(installReporter);
  }
}
installReporter();
