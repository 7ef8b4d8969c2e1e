/**
 * Python's `logging`: loggers in a dotted hierarchy under the root logger, levels, handlers,
 * formatters, filters, `basicConfig`, and the `lastResort` handler, as CPython 3.13 has them.
 *
 * - Unconfigured, a record of level WARNING or above that finds no handler goes to `lastResort`,
 *   which writes the bare message (and the traceback) to the current `sys.stderr`.
 * - `basicConfig()` (also run by the module-level `logging.info(...)` etc. when the root logger
 *   has no handler) adds a `StreamHandler(sys.stderr)` with `"%(levelname)s:%(name)s:%(message)s"`.
 * - Messages are `msg % args` with the runtime's %-formatting; formats use `%`, `{` or `$` style.
 * - asyncio's logger (src/asyncio/log.ts) is routed through `getLogger("asyncio")` as soon as the
 *   program uses this module (any `getLogger`, `basicConfig`, module-level log call or `disable`),
 *   so `ERROR:asyncio:Exception in callback ...` prints exactly as in CPython after `basicConfig`.
 *
 * - A record's `pathname`, `filename`, `module`, `lineno` and `funcName` are those of the
 *   innermost frame of the program, found in a JS stack (`callerFrame` of traceback.ts) when the
 *   program runs under the transpiler's runner, which maps it to Python lines.
 *
 * Differences from CPython: without a runner that maps stacks, the source location is unknown:
 * `"<unknown>"`/`0`/`"(unknown function)"`, as for CPython records whose caller cannot be found;
 * a call in a comprehension names the JS function the comprehension is lowered into; the
 * "--- Logging error ---" report leaves out logging's own frames; `FileHandler` and the
 * `handlers` submodule (`config` is logging_config.ts) is not supported; `thread` is 0 and
 * `threadName` `"MainThread"`.
 */

import { formatExceptionForLog, type LogSite, logSite, setLogBackend } from "../../asyncio/log";
import { Dict } from "../dict";
import {
  BaseException,
  caught,
  currentException,
  Exception,
  excEnter,
  excLeave,
  KeyError,
  NotImplementedError,
  TypeError as PyTypeError,
  RecursionError,
  ValueError,
} from "../exceptions";
import { percentFormat, strFormatMap } from "../format";
import { streams } from "../io";
import { Kw, splitKw } from "../kw";
import { isInt, toBigInt } from "../numbers";
import { call, callMethod, getattr, len, setattr, truthy } from "../protocol";
import { str as pyStr, repr } from "../repr";
import { PySet } from "../set";
import { type CallerFrame, callerFrame, currentStackFrames, formatException } from "../traceback";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { localtime, strftime } from "./time";
import { bindArgs, initFromConstructor } from "./types";

export * as config from "./logging_config";

export const CRITICAL = 50n;
export const FATAL = CRITICAL;
export const ERROR = 40n;
export const WARNING = 30n;
export const WARN = WARNING;
export const INFO = 20n;
export const DEBUG = 10n;
export const NOTSET = 0n;

const levelToName = new Map<bigint, string>([
  [CRITICAL, "CRITICAL"],
  [ERROR, "ERROR"],
  [WARNING, "WARNING"],
  [INFO, "INFO"],
  [DEBUG, "DEBUG"],
  [NOTSET, "NOTSET"],
]);
const nameToLevel = new Map<string, bigint>([
  ["CRITICAL", CRITICAL],
  ["FATAL", FATAL],
  ["ERROR", ERROR],
  ["WARN", WARNING],
  ["WARNING", WARNING],
  ["INFO", INFO],
  ["DEBUG", DEBUG],
  ["NOTSET", NOTSET],
]);

/**
 * `logging.raiseExceptions`: report errors raised while emitting records. A program's
 * `logging.raiseExceptions = False` assigns this export (read as `exports.raiseExceptions`).
 */
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let raiseExceptions = true;

/**
 * `logging.logThreads`, `logProcesses`, `logMultiprocessing`, `logAsyncioTasks`: whether records
 * carry the thread, process, process name and asyncio task name (None when false). Programs
 * assign them through the module object, as `raiseExceptions`.
 */
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let logThreads = true;
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let logProcesses = true;
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let logMultiprocessing = true;
// biome-ignore lint/style/useConst: assigned by programs through the module object.
export let logAsyncioTasks = true;

/**
 * The location of the asyncio record being logged (what CPython's `findCaller` finds in asyncio's
 * sources): the runtime's records have no Python frame of their own.
 */
let asyncioSite: { pathname: string; lineno: number; funcName: string } | null = null;

export const BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s";

/** `logging.getLevelName(level)`: the name of a level, or the level of a name. */
export function getLevelName(level: unknown): unknown {
  if (isInt(level)) {
    const n = levelToName.get(toBigInt(level));
    if (n !== undefined) return n;
  } else if (typeof level === "string" && nameToLevel.has(level)) {
    return nameToLevel.get(level);
  }
  return `Level ${pyStr(level)}`;
}

/** `logging.addLevelName(level, levelName)`. */
export function addLevelName(level: unknown, levelName: string): null {
  levelToName.set(toBigInt(level as bigint), levelName);
  nameToLevel.set(levelName, toBigInt(level as bigint));
  return null;
}

/** `logging.getLevelNamesMapping()`. */
export function getLevelNamesMapping(): Dict {
  return new Dict([...nameToLevel.entries()]);
}

/** `logging._checkLevel(level)`: a level number from an int or a level name. */
export function _checkLevel(level: unknown): bigint {
  return checkLevel(level);
}

/** The names of the loggers made so far (CPython's `Logger.manager.loggerDict` keys, without placeholders). */
export function _existingLoggerNames(): string[] {
  return [...loggers.keys()];
}

function checkLevel(level: unknown): bigint {
  if (isInt(level)) return toBigInt(level);
  if (typeof level === "string") {
    const v = nameToLevel.get(level);
    if (v === undefined) throw new ValueError(`Unknown level: ${repr(level)}`);
    return v;
  }
  throw new PyTypeError(`Level not an integer or a valid string: ${repr(level)}`);
}

/** `bindArgs` for an `__init__`: CPython's count of positional arguments includes `self`. */
function initArgs(fname: string, args: unknown[], names: string[], defaults: unknown[]): unknown[] {
  const [pos] = splitKw(args);
  if (pos.length > names.length) {
    const max = names.length + 1;
    const min = 1 + names.length - defaults.length;
    const takes = min === max ? `${max}` : `from ${min} to ${max}`;
    throw new PyTypeError(
      `${fname}() takes ${takes} positional argument${max === 1 ? "" : "s"} but ${pos.length + 1} were given`,
    );
  }
  return bindArgs(fname, args, names, defaults);
}

const startTime = Date.now();

function currentTaskName(): string | null {
  try {
    const tasks = require("../../asyncio/tasks") as any;
    const t = tasks.current_task();
    return t === null ? null : String(t.get_name());
  } catch {
    return null;
  }
}

/** `logging.LogRecord`. */
export class LogRecord {
  static __module__ = "logging";
  [key: string]: unknown;
  name: string;
  msg: unknown;
  args: unknown;
  levelno: bigint;
  levelname: string;
  exc_info: unknown;
  exc_text: string | null = null;
  created: number;
  msecs: number;
  message?: string;
  asctime?: string;

  /** CPython's `LogRecord(name, level, pathname, lineno, msg, args, exc_info, func=None, sinfo=None)`. */
  constructor(
    name: string,
    level: bigint,
    pathname: unknown,
    lineno: unknown,
    msg: unknown,
    args: unknown,
    excInfo: unknown,
    ...rest: unknown[] // func=None, sinfo=None (a program may pass them by keyword)
  ) {
    const [opt, k] = splitKw<{ func: unknown; sinfo: unknown }>(rest);
    const func = opt[0] ?? k.func ?? null;
    const sinfo = opt[1] ?? k.sinfo ?? null;
    this.name = name;
    this.msg = msg;
    if (
      args instanceof Tuple &&
      args.items.length === 1 &&
      args.items[0] instanceof Dict &&
      args.items[0].size > 0
    ) {
      args = args.items[0];
    }
    this.args = args;
    this.levelno = level;
    this.levelname = getLevelName(level) as string;
    const path = pyStr(pathname);
    this.pathname = path;
    this.filename = path.split("/").pop() ?? path;
    this.module = (this.filename as string).replace(/\.[^.]*$/, "");
    this.lineno = typeof lineno === "bigint" ? lineno : BigInt(Number(lineno ?? 0));
    this.funcName = func === null ? null : pyStr(func);
    this.stack_info = sinfo;
    this.exc_info = excInfo;
    const now = Date.now();
    this.created = now / 1000;
    this.msecs = now % 1000;
    this.relativeCreated = now - startTime;
    const threads = truthy(logThreads);
    this.thread = threads ? 0n : null;
    this.threadName = threads ? "MainThread" : null;
    this.processName = truthy(logMultiprocessing) ? "MainProcess" : null;
    this.process = truthy(logProcesses) ? BigInt(process.pid) : null;
    this.taskName = truthy(logAsyncioTasks) ? currentTaskName() : null;
  }

  /** `record.getMessage()`: `str(msg) % args`. */
  getMessage(): string {
    let msg = pyStr(this.msg);
    const a = this.args;
    if (
      a instanceof Tuple
        ? a.items.length > 0
        : a !== null && a !== undefined && !(a instanceof Dict && a.size === 0)
    ) {
      msg = percentFormat(msg, a);
    }
    return msg;
  }

  __repr__(): string {
    return `<LogRecord: ${this.name}, ${this.levelno}, ${this.pathname}, ${this.lineno}, "${pyStr(this.msg)}">`;
  }
}

/** Set the keys of a record's `extra` mapping on it; the record's own names are refused. */
function addExtra(record: LogRecord, extra: unknown): void {
  if (!(extra instanceof Dict)) return;
  for (const [key, v] of extra.entries()) {
    if (key === "message" || key === "asctime" || key in record) {
      throw new KeyError(`Attempt to overwrite ${repr(key)} in LogRecord`);
    }
    record[key as string] = v;
  }
}

/** `logging.makeLogRecord(dict)`: an empty record (name, level and function None) updated with `dict`. */
export function makeLogRecord(attrs: unknown): LogRecord {
  const rv = new LogRecord("", NOTSET, "", 0n, "", new Tuple([]), null);
  const r = rv as unknown as Record<string, unknown>;
  r.name = null;
  r.levelno = null;
  r.levelname = "Level None";
  r.funcName = null;
  if (attrs instanceof Dict) for (const [k, v] of attrs.entries()) setattr(rv, pyStr(k), v);
  else if (attrs !== null && attrs !== undefined)
    throw new PyTypeError(`'${typeName(attrs)}' object is not iterable`);
  return rv;
}

function recordDict(r: LogRecord): Dict {
  const d = new Dict();
  for (const k of Object.keys(r)) d.__setitem__(k, r[k]);
  return d;
}

/** PercentStyle's `validation_pattern`: a format must use at least one `%(name)x` field. */
const PERCENT_FIELD = /%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]/i;
/** StrFormatStyle's `field_spec` and `fmt_spec`. */
const BRACE_FIELD = /^(\d+|\w+)(\.\w+|\[[^\]]+\])*$/i;
const BRACE_SPEC = /^(.?[<>=^])?[+ -]?#?0?(\d+|\{\w+\})?[,_]?(\.(\d+|\{\w+\}))?[bcdefgnosx%]?$/i;
/** string.Template's pattern: `$$`, `$name`, `${name}` or a bare `$`. */
const TEMPLATE_FIELD = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|)/gi;

/**
 * The `(literal, field_name, format_spec, conversion)` fields of a `str.format` string, as
 * `string.Formatter().parse` finds them (only what `validate` needs), raising its ValueErrors.
 */
function braceFields(fmt: string): [string, string, string | null][] {
  const out: [string, string, string | null][] = [];
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === "}") {
      if (fmt[i + 1] !== "}") throw new ValueError("Single '}' encountered in format string");
      i += 2;
      continue;
    }
    if (c !== "{") {
      i++;
      continue;
    }
    if (fmt[i + 1] === "{") {
      i += 2;
      continue;
    }
    let j = i + 1;
    let level = 1;
    let inBracket = false;
    for (; j < fmt.length; j++) {
      const ch = fmt[j];
      if (ch === "[") inBracket = true;
      else if (ch === "]") inBracket = false;
      else if (!inBracket && ch === "{") level++;
      else if (!inBracket && ch === "}" && --level === 0) break;
    }
    if (j >= fmt.length) {
      throw new ValueError(
        i + 1 === fmt.length
          ? "Single '{' encountered in format string"
          : "expected '}' before end of string",
      );
    }
    const field = fmt.slice(i + 1, j);
    i = j + 1;
    let end = 0;
    inBracket = false;
    for (; end < field.length; end++) {
      const ch = field[end];
      if (ch === "[") inBracket = true;
      else if (ch === "]") inBracket = false;
      else if (!inBracket && (ch === "!" || ch === ":")) break;
    }
    const name = field.slice(0, end);
    let conversion: string | null = null;
    let spec = "";
    if (field[end] === "!") {
      if (end + 1 >= field.length)
        throw new ValueError("end of string while looking for conversion specifier");
      conversion = field[end + 1]!;
      if (end + 2 < field.length && field[end + 2] !== ":")
        throw new ValueError("expected ':' after conversion specifier");
      spec = field.slice(end + 3);
    } else if (field[end] === ":") {
      spec = field.slice(end + 1);
    }
    out.push([name, spec, conversion]);
  }
  return out;
}

/** The styles' `validate()`: CPython checks a format when the Formatter is made. */
function validateFormat(fmt: string, style: string): void {
  if (style === "%") {
    if (!PERCENT_FIELD.test(fmt)) throw new ValueError(`Invalid format '${fmt}' for '%' style`);
    return;
  }
  let fields = 0;
  if (style === "{") {
    try {
      for (const [name, spec, conversion] of braceFields(fmt)) {
        if (name) {
          if (!BRACE_FIELD.test(name))
            throw new ValueError(`invalid field name/expression: ${repr(name)}`);
          fields++;
        }
        if (conversion && !"rsa".includes(conversion))
          throw new ValueError(`invalid conversion: ${repr(conversion)}`);
        if (spec && !BRACE_SPEC.test(spec)) throw new ValueError(`bad specifier: ${repr(spec)}`);
      }
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      throw new ValueError(`invalid format: ${pyStr(e)}`);
    }
  } else {
    for (const m of fmt.matchAll(TEMPLATE_FIELD)) {
      if (m[2] !== undefined || m[3] !== undefined) fields++;
      else if (m[0] === "$") throw new ValueError("invalid format: bare '$' not allowed");
    }
  }
  if (fields === 0) throw new ValueError("invalid format: no fields");
}

/** `logging.Formatter(fmt=None, datefmt=None, style='%', validate=True, *, defaults=None)`. */
export class Formatter {
  static __module__ = "logging";
  static default_time_format: unknown = "%Y-%m-%d %H:%M:%S";
  static default_msec_format: unknown = "%s,%03d";
  declare _fmt: string;
  declare datefmt: string | null;
  declare _style: string;

  declare _defaults: Dict | null;

  /** `Formatter(fmt=None, datefmt=None, style='%', validate=True, *, defaults=None)`. */
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, Formatter, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, k] = splitKw(args);
    const style = (pos[2] ?? k.style ?? "%") as string;
    if (!["%", "{", "$"].includes(style)) throw new ValueError("Style must be one of: %,{,$");
    const dflt = style === "%" ? "%(message)s" : style === "{" ? "{message}" : "$" + "{message}";
    this._fmt = (pos[0] ?? k.fmt ?? null) === null ? dflt : String(pos[0] ?? k.fmt);
    this.datefmt = (pos[1] ?? k.datefmt ?? null) as string | null;
    this._style = style;
    const defaults = k.defaults ?? null;
    this._defaults = defaults instanceof Dict ? defaults : null;
    if (truthy(pos[3] ?? k.validate ?? true)) validateFormat(this._fmt, style);
    return null;
  }

  /**
   * `self.converter`: an instance attribute as it is; a class attribute (default time.localtime)
   * bound to the formatter when it is a Python function (a builtin such as time.gmtime is not).
   */
  get converter(): unknown {
    const conv = (this.constructor as unknown as { converter: unknown }).converter;
    if (typeof conv === "function" && Object.hasOwn(conv, "__qualname__")) {
      return (secs: number) => call(conv, this, secs);
    }
    return (secs: number) => call(conv, secs);
  }

  set converter(value: unknown) {
    Object.defineProperty(this, "converter", {
      value,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }

  static converter: unknown = localtime;

  /** `default_time_format`/`default_msec_format`: class attributes (a subclass's, or assigned). */
  get default_time_format(): unknown {
    return (this.constructor as unknown as { default_time_format: unknown }).default_time_format;
  }

  set default_time_format(value: unknown) {
    Object.defineProperty(this, "default_time_format", {
      value,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }

  get default_msec_format(): unknown {
    return (this.constructor as unknown as { default_msec_format: unknown }).default_msec_format;
  }

  set default_msec_format(value: unknown) {
    Object.defineProperty(this, "default_msec_format", {
      value,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }

  usesTime(): boolean {
    const f = this._fmt;
    if (this._style === "%") return f.includes("%(asctime)");
    if (this._style === "{") return /\{asctime[:!}]/.test(f);
    return f.includes("$asctime") || f.includes("$" + "{asctime}");
  }

  formatTime(record: LogRecord, datefmt: unknown = null): string {
    // As CPython: `self.converter(record.created)` (time.localtime unless a program set the
    // instance's or the class's `converter`), formatted by time.strftime.
    const ct = call(this.converter, record.created);
    if (truthy(datefmt)) return strftime(String(datefmt), ct);
    const t = strftime(pyStr(this.default_time_format), ct);
    const msecFormat = this.default_msec_format;
    if (!truthy(msecFormat)) return t;
    return percentFormat(pyStr(msecFormat), new Tuple([t, record.msecs]));
  }

  formatException(ei: unknown): string {
    const exc = ei instanceof Tuple ? ei.items[1] : ei;
    if (exc === null || exc === undefined) return "NoneType: None";
    const s = formatExceptionForLog(exc);
    return s.endsWith("\n") ? s.slice(0, -1) : s;
  }

  /** `formatStack(stack_info)`: the text of a record's `stack_info`, as it is. */
  formatStack(stackInfo: unknown): unknown {
    return stackInfo;
  }

  formatMessage(record: LogRecord): string {
    // CPython's styles format `defaults | record.__dict__` when there are defaults.
    const d = recordDict(record);
    if (this._defaults !== null) {
      for (const [key, v] of this._defaults.entries())
        if (!d.__contains__(key)) d.__setitem__(key, v);
    }
    try {
      if (this._style === "%") return percentFormat(this._fmt, d);
      if (this._style === "{") return strFormatMap(this._fmt, d);
      const { Template } = require("./string") as any;
      return new Template(this._fmt).substitute(d);
    } catch (e) {
      // The styles' `format()`: a field the record lacks is a ValueError (chained, as raised in
      // CPython's `except KeyError as e:` block).
      if (!(e instanceof KeyError)) throw e;
      const key = caught(e);
      const err = new ValueError(`Formatting field not found in record: ${pyStr(key)}`);
      err.__context__ = key;
      throw err;
    }
  }

  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = this.formatMessage(record);
    if (record.exc_info !== null && record.exc_info !== undefined && record.exc_info !== false) {
      if (record.exc_text === null) record.exc_text = this.formatException(record.exc_info);
    }
    if (record.exc_text) {
      if (!s.endsWith("\n")) s += "\n";
      s += record.exc_text;
    }
    if (truthy(record.stack_info)) {
      if (!s.endsWith("\n")) s += "\n";
      s += pyStr(callMethod(this, "formatStack", record.stack_info));
    }
    return s;
  }
}

const defaultFormatter = new Formatter();

class Filterer {
  filters: unknown[] = [];

  addFilter(f: unknown): null {
    if (!this.filters.includes(f)) this.filters.push(f);
    return null;
  }

  removeFilter(f: unknown): null {
    const i = this.filters.indexOf(f);
    if (i >= 0) this.filters.splice(i, 1);
    return null;
  }

  filter(record: LogRecord): unknown {
    for (const f of this.filters) {
      const fn = (f as { filter?: unknown }).filter;
      const r = typeof fn === "function" ? callMethod(f, "filter", record) : call(f, record);
      if (!r) return false;
      if (r instanceof LogRecord) record = r;
    }
    return record;
  }
}

/** `logging.Filter(name='')`: passes records of the named logger and its children. */
export class Filter {
  static __module__ = "logging";
  declare name: string;

  // Runtime classes programs subclass run `__init__` from their constructor (stdlib/types.ts).
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, Filter, args);
  }

  __init__(...args: unknown[]): null {
    const [name] = initArgs("Filter.__init__", args, ["name"], [""]);
    len(name); // CPython keeps `len(name)`: a name without a length is its TypeError
    this.name = name as string;
    return null;
  }
  filter(record: LogRecord): boolean {
    const n = this.name;
    if (n === "") return true;
    if (record.name === n) return true;
    return record.name.startsWith(`${n}.`);
  }
}

/** `logging.Handler(level=NOTSET)`. */
export class Handler extends Filterer {
  static __module__ = "logging";
  declare level: bigint;
  formatter: Formatter | null = null;
  name: string | null = null;

  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, Handler, args);
  }

  __init__(...args: unknown[]): null {
    const [level] = initArgs("Handler.__init__", args, ["level"], [NOTSET]);
    this.level = checkLevel(level);
    return null;
  }

  setLevel(level: unknown): null {
    this.level = checkLevel(level);
    return null;
  }

  setFormatter(fmt: Formatter | null): null {
    this.formatter = fmt;
    return null;
  }

  get_name(): string | null {
    return this.name;
  }

  set_name(name: string | null): null {
    this.name = name;
    return null;
  }

  format(record: LogRecord): string {
    return (this.formatter ?? defaultFormatter).format(record);
  }

  emit(_record: LogRecord): unknown {
    throw new NotImplementedError("emit must be implemented by Handler subclasses");
  }

  handle(record: LogRecord): unknown {
    const rv = this.filter(record);
    if (rv instanceof LogRecord) this.emit(rv);
    return rv;
  }

  flush(): null {
    return null;
  }

  close(): null {
    return null;
  }

  /**
   * CPython's report of an exception raised while emitting `record` (a format string that does
   * not fit its arguments, a missing record attribute): "--- Logging error ---", the
   * traceback, the call stack and the record's message and arguments, on `sys.stderr`; the
   * program goes on. Nothing when `logging.raiseExceptions` is false.
   */
  handleError(record: LogRecord): null {
    const exc = currentException();
    if (!truthy(raiseExceptions) || exc === null) return null;
    const stderr = streams.stderr;
    const err = { write: (text: string) => callMethod(stderr, "write", text) };
    err.write("--- Logging error ---\n");
    err.write(formatException(exc));
    err.write("Call stack:\n");
    for (const frame of currentStackFrames()) err.write(frame);
    let text: string;
    try {
      text = `Message: ${repr(record.msg)}\nArguments: ${pyStr(record.args)}\n`;
    } catch (e) {
      if (e instanceof RecursionError) throw e;
      text =
        "Unable to print the message and arguments - possible formatting error.\n" +
        "Use the traceback above to help find the error.\n";
    }
    err.write(text);
    return null;
  }

  __repr__(): string {
    return `<${typeOf(this).name} (${getLevelName(this.level)})>`;
  }
}

/** `logging.StreamHandler(stream=None)`: writes to `stream` (default: `sys.stderr` now). */
export class StreamHandler extends Handler {
  terminator = "\n";
  declare stream: unknown;

  override __init__(...args: unknown[]): null {
    const [stream] = initArgs("StreamHandler.__init__", args, ["stream"], [null]);
    super.__init__();
    this.stream = stream ?? streams.stderr;
    return null;
  }

  override flush(): null {
    // (CPython: `if self.stream and hasattr(self.stream, "flush")`; a closed FileHandler has none.)
    if (this.stream === null || this.stream === undefined) return null;
    const f = (this.stream as { flush?: unknown }).flush;
    if (typeof f === "function") callMethod(this.stream, "flush");
    return null;
  }

  override emit(record: LogRecord): null {
    try {
      const msg = this.format(record);
      callMethod(this.stream, "write", msg + this.terminator);
      this.flush();
    } catch (e) {
      // CPython: `except RecursionError: raise` / `except Exception: self.handleError(record)`.
      const exc = caught(e);
      if (exc instanceof RecursionError || !(exc instanceof Exception)) throw exc;
      // CPython's traceback of it starts in `emit`, where it was caught: the program's frames
      // that called the logger (the call stack `handleError` prints after it) are not in it.
      (exc as { _tbDropCallers?: Error })._tbDropCallers ??= new Error();
      excEnter(exc);
      try {
        callMethod(this, "handleError", record);
      } finally {
        excLeave(exc);
      }
    }
    return null;
  }

  setStream(stream: unknown): unknown {
    if (stream === this.stream) return null;
    const old = this.stream;
    this.flush();
    this.stream = stream;
    return old;
  }

  override __repr__(): string {
    const name = pyStr(getattr(this.stream, "name", ""));
    return `<${typeOf(this).name} ${name}${name ? " " : ""}(${getLevelName(this.level)})>`;
  }
}

/**
 * `logging.FileHandler(filename, mode='a', encoding=None, delay=False, errors=None)`: a
 * StreamHandler over the file `open()` gives (src/python/_io.ts), opened now or, with `delay`,
 * at the first record. Every record is flushed, as StreamHandler flushes.
 */
export class FileHandler extends StreamHandler {
  declare baseFilename: string;
  declare mode: string;
  declare encoding: unknown;
  declare errors: unknown;
  declare delay: boolean;

  override __init__(...args: unknown[]): null {
    const [filename, mode, encoding, delay, errors] = initArgs(
      "FileHandler.__init__",
      args,
      ["filename", "mode", "encoding", "delay", "errors"],
      ["a", null, false, null],
    );
    const os = require("./os") as typeof import("./os");
    this.baseFilename = os.path.abspath(os.fspath(filename));
    this.mode = mode as string;
    this.encoding = encoding;
    this.errors = errors;
    this.delay = truthy(delay);
    if (this.delay) {
      Handler.prototype.__init__.call(this);
      this.stream = null;
    } else super.__init__(this._open());
    return null;
  }

  _open(): unknown {
    const { open } = require("../_io") as typeof import("../_io");
    return open(
      this.baseFilename,
      this.mode,
      new Kw({ encoding: this.encoding, errors: this.errors }),
    );
  }

  override emit(record: LogRecord): null {
    if (this.stream === null) this.stream = this._open();
    return super.emit(record);
  }

  override close(): null {
    const stream = this.stream;
    if (stream !== null) {
      try {
        this.flush();
      } finally {
        this.stream = null;
        if (typeof (stream as { close?: unknown }).close === "function")
          callMethod(stream, "close");
      }
    }
    return null;
  }

  override __repr__(): string {
    return `<${typeOf(this).name} ${this.baseFilename} (${getLevelName(this.level)})>`;
  }
}

/** `logging.NullHandler`. */
export class NullHandler extends Handler {
  override emit(): null {
    return null;
  }
  override handle(): null {
    return null;
  }
}

/** `logging.lastResort`'s class: writes to the current `sys.stderr`. */
class _StderrHandler extends StreamHandler {
  constructor(level: unknown = NOTSET) {
    super();
    this.level = checkLevel(level);
  }
  override emit(record: LogRecord): null {
    this.stream = streams.stderr;
    return super.emit(record);
  }
}

export const lastResort: Handler = new _StderrHandler(WARNING);

let disableLevel = 0n;

/** `logging.disable(level=CRITICAL)`. */
export function disable(level: unknown = CRITICAL): null {
  useLogging();
  disableLevel = checkLevel(level);
  return null;
}

const loggers = new Map<string, Logger>();

/** `logging.Logger`. */
export class Logger extends Filterer {
  static __module__ = "logging";
  declare name: string;
  declare level: bigint;
  propagate = true;
  handlers: Handler[] = [];
  disabled = false;

  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, Logger, args);
  }

  __init__(...args: unknown[]): null {
    const [name, level] = initArgs("Logger.__init__", args, ["name", "level"], [NOTSET]);
    this.name = name as string;
    this.level = checkLevel(level);
    return null;
  }

  /** The nearest existing ancestor (the root logger last). */
  get parent(): Logger | null {
    if (this === root) return null;
    let n = this.name;
    for (let i = n.lastIndexOf("."); i > 0; i = n.lastIndexOf(".")) {
      n = n.slice(0, i);
      const p = loggers.get(n);
      if (p !== undefined) return p;
    }
    return root;
  }

  setLevel(level: unknown): null {
    this.level = checkLevel(level);
    return null;
  }

  getEffectiveLevel(): bigint {
    for (let l: Logger | null = this; l !== null; l = l.parent) if (l.level !== 0n) return l.level;
    return NOTSET;
  }

  isEnabledFor(level: unknown): boolean {
    if (this.disabled) return false;
    const lv = checkLevel(level);
    if (disableLevel >= lv) return false;
    return lv >= this.getEffectiveLevel();
  }

  getChild(suffix: string): Logger {
    return getLogger(this === root ? suffix : `${this.name}.${suffix}`);
  }

  /** `getChildren()`: the set of loggers whose parent is this one, one level below it. */
  getChildren(): PySet {
    const depth = (l: Logger): number => (l === root ? 0 : 1 + l.name.split(".").length - 1);
    const kids = [...loggers.values()].filter(
      (l) => l.parent === this && depth(l) === 1 + depth(this),
    );
    return new PySet(kids);
  }

  addHandler(h: Handler): null {
    useLogging();
    if (!this.handlers.includes(h)) this.handlers.push(h);
    return null;
  }

  removeHandler(h: Handler): null {
    const i = this.handlers.indexOf(h);
    if (i >= 0) this.handlers.splice(i, 1);
    return null;
  }

  hasHandlers(): boolean {
    for (let l: Logger | null = this; l !== null; l = l.propagate ? l.parent : null) {
      if (l.handlers.length > 0) return true;
    }
    return false;
  }

  private logAt(level: bigint, args: unknown[], excDefault: unknown = null): null {
    if (!this.isEnabledFor(level)) return null;
    const [pos, k] = splitKw(args);
    if (pos.length === 0) throw new PyTypeError("missing 1 required positional argument: 'msg'");
    let excInfo = k.exc_info === undefined ? excDefault : k.exc_info;
    if (excInfo === null || excInfo === false || excInfo === undefined) excInfo = null;
    else if (excInfo instanceof BaseException)
      excInfo = new Tuple([typeOf(excInfo), excInfo, null]);
    else if (!(excInfo instanceof Tuple)) {
      const exc = currentException();
      excInfo = new Tuple([exc === null ? null : typeOf(exc), exc, null]);
    }
    // CPython's findCaller: the innermost frame of the program (the runtime's frames are not
    // the program's), when the runner can map the JS stack to Python lines.
    const stacklevel = typeof k.stacklevel === "bigint" ? Number(k.stacklevel) : 1;
    const stack = stacklevel > 1 || truthy(k.stack_info) ? callerStack(stacklevel) : null;
    const caller = asyncioSite ?? (stack === null ? callerFrame() : stack.caller);
    const record = new LogRecord(
      this.name,
      level,
      caller?.pathname ?? "<unknown>",
      BigInt(caller?.lineno ?? 0),
      pos[0],
      new Tuple(pos.slice(1)),
      excInfo ?? null,
      caller?.funcName ?? "(unknown function)",
      truthy(k.stack_info) && stack !== null ? stack.info : null,
    );
    addExtra(record, k.extra);
    this.handle(record);
    return null;
  }

  /**
   * `makeRecord(name, level, fn, lno, msg, args, exc_info, func=None, extra=None, sinfo=None)`:
   * a LogRecord with the `extra` mapping's keys set on it.
   */
  makeRecord(...args: unknown[]): LogRecord {
    const [pos, k] = splitKw<{ func: unknown; extra: unknown; sinfo: unknown }>(args);
    if (pos.length < 7) {
      const names = ["name", "level", "fn", "lno", "msg", "args", "exc_info"];
      const { missingMessage } = require("../lang") as typeof import("../lang");
      throw new PyTypeError(missingMessage("Logger.makeRecord", names.slice(pos.length)));
    }
    const [name, level, fn, lno, msg, recArgs, excInfo] = pos;
    const func = pos[7] ?? k.func ?? null;
    const extra = pos[8] ?? k.extra ?? null;
    const sinfo = pos[9] ?? k.sinfo ?? null;
    const record = new LogRecord(
      pyStr(name),
      level as bigint,
      fn,
      lno,
      msg,
      recArgs,
      excInfo,
      func,
      sinfo,
    );
    addExtra(record, extra);
    return record;
  }

  handle(record: LogRecord): null {
    if (this.disabled) return null;
    const rv = this.filter(record);
    if (rv instanceof LogRecord) this.callHandlers(rv);
    return null;
  }

  callHandlers(record: LogRecord): null {
    let found = 0;
    for (let c: Logger | null = this; c !== null; c = c.propagate ? c.parent : null) {
      for (const h of c.handlers) {
        found++;
        if (record.levelno >= h.level) h.handle(record);
      }
    }
    if (found === 0 && record.levelno >= lastResort.level) lastResort.handle(record);
    return null;
  }

  debug(...args: unknown[]): null {
    return this.logAt(DEBUG, args);
  }
  info(...args: unknown[]): null {
    return this.logAt(INFO, args);
  }
  warning(...args: unknown[]): null {
    return this.logAt(WARNING, args);
  }
  warn(...args: unknown[]): null {
    return this.logAt(WARNING, args);
  }
  error(...args: unknown[]): null {
    return this.logAt(ERROR, args);
  }
  exception(...args: unknown[]): null {
    return this.logAt(ERROR, args, true);
  }
  critical(...args: unknown[]): null {
    return this.logAt(CRITICAL, args);
  }
  fatal(...args: unknown[]): null {
    return this.logAt(CRITICAL, args);
  }
  log(level: unknown, ...args: unknown[]): null {
    if (!isInt(level)) throw new PyTypeError("level must be an integer");
    return this.logAt(toBigInt(level), args);
  }

  __repr__(): string {
    return `<${typeOf(this).name} ${this.name} (${getLevelName(this.getEffectiveLevel())})>`;
  }
}

/**
 * `logging.LoggerAdapter(logger, extra=None, merge_extra=False)`: each call passes the message
 * and its keyword arguments (a dict) through `process()`, which a subclass may override, then on
 * to the logger's `log()`.
 */
export class LoggerAdapter {
  static __module__ = "logging";
  declare logger: Logger;
  declare extra: unknown;
  declare merge_extra: unknown;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, LoggerAdapter, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, k] = splitKw<{ logger: unknown; extra: unknown; merge_extra: unknown }>(args);
    const logger = pos[0] ?? k.logger;
    if (logger === undefined)
      throw new PyTypeError(
        "LoggerAdapter.__init__() missing 1 required positional argument: 'logger'",
      );
    this.logger = logger as Logger;
    this.extra = pos[1] ?? k.extra ?? null;
    this.merge_extra = pos[2] ?? k.merge_extra ?? false;
    return null;
  }

  /** `process(msg, kwargs)`: sets `kwargs["extra"]` (merged with the call's if `merge_extra`). */
  process(msg: unknown, kwargs: Dict): Tuple {
    if (truthy(this.merge_extra) && kwargs.has("extra")) {
      const merged = new Dict();
      for (const m of [this.extra, kwargs.__getitem__("extra")])
        if (m instanceof Dict) for (const [key, v] of m.entries()) merged.__setitem__(key, v);
      kwargs.__setitem__("extra", merged);
    } else kwargs.__setitem__("extra", this.extra);
    return new Tuple([msg, kwargs]);
  }

  private logVia(level: unknown, args: unknown[], defaults: Record<string, unknown> = {}): null {
    if (!this.isEnabledFor(level)) return null;
    const [pos, k] = splitKw(args);
    if (pos.length === 0) throw new PyTypeError("missing 1 required positional argument: 'msg'");
    const kwargs = new Dict(Object.entries({ ...defaults, ...k }));
    const r = callMethod(this, "process", pos[0], kwargs);
    const [msg, out] = r instanceof Tuple ? r.items : [r, kwargs];
    const named: Record<string, unknown> = {};
    if (out instanceof Dict) for (const [key, v] of out.entries()) named[pyStr(key)] = v;
    callMethod(this.logger, "log", level, msg, ...pos.slice(1), new Kw(named));
    return null;
  }

  debug(...args: unknown[]): null {
    return this.logVia(DEBUG, args);
  }
  info(...args: unknown[]): null {
    return this.logVia(INFO, args);
  }
  warning(...args: unknown[]): null {
    return this.logVia(WARNING, args);
  }
  error(...args: unknown[]): null {
    return this.logVia(ERROR, args);
  }
  exception(...args: unknown[]): null {
    return this.logVia(ERROR, args, { exc_info: true });
  }
  critical(...args: unknown[]): null {
    return this.logVia(CRITICAL, args);
  }
  log(level: unknown, ...args: unknown[]): null {
    return this.logVia(level, args);
  }
  isEnabledFor(level: unknown): boolean {
    return this.logger.isEnabledFor(level);
  }
  setLevel(level: unknown): null {
    return this.logger.setLevel(level);
  }
  getEffectiveLevel(): bigint {
    return this.logger.getEffectiveLevel();
  }
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
  }
  get name(): string {
    return this.logger.name;
  }
  __repr__(): string {
    return `<${typeOf(this).name} ${this.logger.name} (${getLevelName(this.logger.getEffectiveLevel())})>`;
  }
}

/** `logging.RootLogger`. */
export class RootLogger extends Logger {
  constructor(level: unknown) {
    super("root", level);
  }
}

export const root: Logger = new RootLogger(WARNING);

/** `logging.getLogger(name=None)`. */
export function getLogger(name: unknown = null): Logger {
  useLogging();
  if (name === null || name === "" || name === root.name) return root;
  if (typeof name !== "string") throw new PyTypeError("A logger name must be a string");
  let l = loggers.get(name);
  if (l === undefined) {
    l = (loggerClass === Logger ? new Logger(name) : call(loggerClass, name)) as Logger;
    loggers.set(name, l);
  }
  return l;
}

/** The class `getLogger` makes new loggers of. */
let loggerClass: Function = Logger;

/** `logging.getLoggerClass()`. */
export function getLoggerClass(): Function {
  return loggerClass;
}

/** `logging.setLoggerClass(klass)`: a subclass of Logger for the loggers made from now on. */
export function setLoggerClass(klass: unknown): null {
  if (klass !== Logger) {
    if (typeof klass !== "function" || !(klass.prototype instanceof Logger)) {
      throw new PyTypeError(
        `logger not derived from logging.Logger: ${pyStr(getattr(klass, "__name__"))}`,
      );
    }
  }
  loggerClass = klass as Function;
  return null;
}

/** `logging.basicConfig(**kwargs)`. */
export function basicConfig(...args: unknown[]): null {
  useLogging();
  const [, k] = splitKw(args);
  const force = Boolean(k.force);
  if (force) for (const h of [...root.handlers]) root.removeHandler(h);
  if (root.handlers.length > 0) return null;
  let handlers = k.handlers as Handler[] | undefined | null;
  if (handlers !== undefined && handlers !== null) {
    if ("stream" in k || "filename" in k) {
      throw new ValueError(
        "'stream' or 'filename' should not be specified together with 'handlers'",
      );
    }
  } else {
    if ("stream" in k && "filename" in k)
      throw new ValueError("'stream' and 'filename' should not be specified together");
    if ("filename" in k && k.filename !== null) {
      // CPython's defaults: mode 'a', errors 'backslashreplace' (None for a binary mode).
      const mode = (k.filemode ?? "a") as string;
      const errors = mode.includes("b") ? null : (k.errors ?? "backslashreplace");
      handlers = [
        new FileHandler(k.filename, mode, new Kw({ encoding: k.encoding ?? null, errors })),
      ];
    } else handlers = [new StreamHandler((k.stream ?? null) as unknown)];
  }
  const style = (k.style ?? "%") as string;
  if (!["%", "{", "$"].includes(style)) throw new ValueError("Style must be one of: %,{,$");
  const fmt = (k.format ??
    (style === "%"
      ? BASIC_FORMAT
      : style === "{"
        ? "{levelname}:{name}:{message}"
        : "$" + "{levelname}:$" + "{name}:$" + "{message}")) as string;
  const formatter = new Formatter(fmt, k.datefmt ?? null, style);
  for (const h of handlers) {
    if (h.formatter === null) h.setFormatter(formatter);
    root.addHandler(h);
  }
  if (k.level !== undefined && k.level !== null) root.setLevel(k.level);
  const known = new Set([
    "force",
    "handlers",
    "stream",
    "filename",
    "filemode",
    "format",
    "datefmt",
    "style",
    "level",
    "encoding",
    "errors",
  ]);
  const unknown = Object.keys(k).filter((x) => !known.has(x));
  if (unknown.length > 0) throw new ValueError(`Unrecognised argument(s): ${unknown.join(", ")}`);
  return null;
}

function moduleLevel(level: bigint, args: unknown[], exc: unknown = null): null {
  if (root.handlers.length === 0) basicConfig();
  if (exc === true) return root.exception(...args);
  return root.log(level, ...args);
}

/** Module-level `logging.debug(msg, *args)` etc.: `basicConfig()` first when unconfigured. */
export const debug = (...args: unknown[]): null => moduleLevel(DEBUG, args);
export const info = (...args: unknown[]): null => moduleLevel(INFO, args);
export const warning = (...args: unknown[]): null => moduleLevel(WARNING, args);
export const warn = warning;
export const error = (...args: unknown[]): null => moduleLevel(ERROR, args);
export const exception = (...args: unknown[]): null => moduleLevel(ERROR, args, true);
export const critical = (...args: unknown[]): null => moduleLevel(CRITICAL, args);
export const fatal = critical;
export const log = (level: unknown, ...args: unknown[]): null => {
  if (root.handlers.length === 0) basicConfig();
  return root.log(level, ...args);
};

/** `warnings.showwarning` as it was before `captureWarnings(True)`. */
let warningsShowwarning: unknown = null;

/** What `captureWarnings(True)` makes `warnings.showwarning`: the text goes to "py.warnings". */
function showwarningToLog(
  message: unknown,
  category: unknown,
  filename: unknown,
  lineno: unknown,
  file: unknown = null,
  line: unknown = null,
): null {
  if (file !== null) {
    if (warningsShowwarning !== null)
      call(warningsShowwarning, message, category, filename, lineno, file, line);
    return null;
  }
  const warnings = require("./warnings") as { formatwarning: unknown };
  const s = call(warnings.formatwarning, message, category, filename, lineno, line);
  const logger = getLogger("py.warnings");
  if (logger.handlers.length === 0) logger.addHandler(new NullHandler());
  logger.warning(pyStr(s));
  return null;
}

const FRAME_HEAD = /^ {2}File "(.*)", line (\d+), in (.*)\n/;

/**
 * CPython's `findCaller(stack_info, stacklevel)` from the program's frames on the stack: the
 * caller `stacklevel - 1` frames out from the logging call (the outermost frame when the stack
 * is not that deep), and the record's `stack_info`, the stack from that frame outwards
 * (`traceback.print_stack`) without the last newline. Null when no frames are known.
 */
function callerStack(stacklevel: number): { caller: CallerFrame; info: string } | null {
  const frames = currentStackFrames();
  const i = Math.max(0, frames.length - Math.max(1, stacklevel));
  const m = i < frames.length ? FRAME_HEAD.exec(frames[i]!) : null;
  if (m === null) return null;
  const caller = { pathname: m[1]!, lineno: Number(m[2]), funcName: m[3]! };
  const info = `Stack (most recent call last):\n${frames.slice(0, i + 1).join("")}`;
  return { caller, info: info.replace(/\n$/, "") };
}

/** `logging.captureWarnings(capture)`: route `warnings` through the "py.warnings" logger, or stop. */
export function captureWarnings(capture: unknown): null {
  const warnings = require("./warnings") as { showwarning: unknown };
  if (truthy(capture)) {
    if (warningsShowwarning === null) {
      warningsShowwarning = warnings.showwarning;
      warnings.showwarning = showwarningToLog;
    }
  } else if (warningsShowwarning !== null) {
    warnings.showwarning = warningsShowwarning;
    warningsShowwarning = null;
  }
  return null;
}

/** `logging.shutdown()`: flush every handler. */
export function shutdown(): null {
  for (const l of [root, ...loggers.values()]) for (const h of l.handlers) h.flush();
  return null;
}

let routed = false;

function siteFrame(site: LogSite): { pathname: string; lineno: number; funcName: string } {
  return { pathname: `asyncio/${site.filename}`, lineno: site.lineno, funcName: site.funcName };
}

/** Route asyncio's logger through `getLogger("asyncio")` (see the header). */
function useLogging(): void {
  if (routed) return;
  routed = true;
  setLogBackend((level, message, exc) => {
    const l = getLogger("asyncio");
    const hasExc = exc !== undefined && exc !== null && exc !== false;
    const saved = asyncioSite;
    asyncioSite = siteFrame(logSite(level, message));
    try {
      if (hasExc) l.log(BigInt(level), "%s", message, new Kw({ exc_info: exc }));
      else l.log(BigInt(level), "%s", message);
    } finally {
      asyncioSite = saved;
    }
  });
}
