/**
 * Python's `logging.config`: `dictConfig(config)`, as CPython 3.13's `DictConfigurator`.
 *
 * How: the same steps in the same order as `DictConfigurator.configure()`, on copies of the
 * program's dicts (CPython's `ConvertingDict`s are copies too):
 * - checks `version`; `incremental` only sets the levels of existing named handlers and
 *   reconfigures loggers;
 * - otherwise flushes the named handlers of an earlier `dictConfig`, makes the formatters
 *   (`format`, `datefmt`, `style`, `validate`, `defaults`, `class`, or a `()` factory), the filters
 *   (`name`, or a `()` factory), the handlers in sorted name order (`class`, `level`,
 *   `formatter`, `filters`, `.` properties, the other keys as keyword arguments), then the
 *   loggers and the root logger; loggers that existed before and are not configured are disabled
 *   (`disable_existing_loggers`, True by default) unless they are children of a configured one,
 *   which are reset to propagate with no handlers, as in CPython;
 * - each failure is CPython's `ValueError('Unable to configure handler ...')` whose cause is the
 *   original error.
 *
 * Classes and streams named by strings: `logging.X` for the classes this runtime has,
 * `ext://sys.stdout` / `ext://sys.stderr`; a class or factory may also be given as the object
 * itself. Other dotted names cannot be imported by a transpiled program: they fail as a module
 * that cannot be imported fails in CPython (`Cannot resolve ...`). `cfg://` references and
 * `fileConfig`/`listen` are not provided.
 */

import { Dict } from "../dict";
import {
  AttributeError,
  BaseException,
  Exception,
  KeyError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { streams } from "../io";
import { Kw } from "../kw";
import { call, callMethod, getattr, iter, setattr } from "../protocol";
import { str as pyStr, repr } from "../repr";
import * as logging from "./logging";

type Conf = Map<string, unknown>;

/** A dict of the configuration as a Map (a copy), or an error naming what it is not. */
function asConf(x: unknown): Conf {
  if (x instanceof Dict) return new Map([...x.entries()].map(([k, v]) => [pyStr(k), v]));
  throw new PyTypeError(`expected a dict, not ${repr(x)}`);
}

/** `raise ValueError(msg) from cause`. */
function wrapped(msg: string, cause: unknown): ValueError {
  const err = new ValueError(msg);
  if (cause instanceof BaseException) {
    err.__cause__ = cause;
    err.__context__ = cause;
    err.__suppress_context__ = true;
  }
  return err;
}

/** Run `fn`; an Exception becomes `ValueError(msg)` from it (CPython's `except Exception as e`). */
function configuring<T>(msg: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Exception) throw wrapped(msg, e);
    throw e;
  }
}

const LOGGING_CLASSES: Record<string, () => unknown> = {
  "logging.Formatter": () => logging.Formatter,
  "logging.Filter": () => logging.Filter,
  "logging.Handler": () => logging.Handler,
  "logging.StreamHandler": () => logging.StreamHandler,
  "logging.NullHandler": () => logging.NullHandler,
  "logging.FileHandler": () => logging.FileHandler,
};

/** `BaseConfigurator.resolve(s)`: a class of `logging` by its dotted name. */
function resolve(s: unknown): unknown {
  if (typeof s !== "string") getattr(s, "split"); // CPython's `s.split('.')`: its AttributeError
  const name = pyStr(s);
  const found = LOGGING_CLASSES[name];
  if (found !== undefined) return found();
  const err = new ValueError(
    `Cannot resolve ${repr(name)}: No module named '${name.split(".")[0]}'`,
  );
  throw err;
}

/** `BaseConfigurator.convert(value)`: `ext://sys.stdout`-style strings become the object. */
function convert(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const m = /^(?<prefix>[a-z]+):\/\/(?<suffix>.*)$/.exec(value);
  if (m === null) return value;
  const { prefix, suffix } = m.groups!;
  if (prefix === "ext") {
    if (suffix === "sys.stdout") return streams.stdout;
    if (suffix === "sys.stderr") return streams.stderr;
    throw new ValueError(`Cannot resolve ${repr(suffix)}: not available to a transpiled program`);
  }
  if (prefix === "cfg") throw new ValueError(`cfg:// references are not supported: ${repr(value)}`);
  return value;
}

/**
 * The parameters of the runtime's own logging classes, whose constructors take no `Kw` (made on
 * first use: this module is loaded while logging.ts is).
 */
let ownParams: Map<unknown, [string, string[]]> | null = null;

/** `factory(**kwargs)`. */
function construct(factory: unknown, kwargs: Record<string, unknown>): unknown {
  ownParams ??= new Map<unknown, [string, string[]]>([
    [logging.StreamHandler, ["StreamHandler.__init__", ["stream"]]],
    [logging.NullHandler, ["Handler.__init__", ["level"]]],
    [logging.Handler, ["Handler.__init__", ["level"]]],
    [logging.Filter, ["Filter.__init__", ["name"]]],
  ]);
  const own = ownParams.get(factory);
  if (own === undefined) return call(factory, new Kw(kwargs));
  const [fname, params] = own;
  for (const k of Object.keys(kwargs)) {
    if (!params.includes(k))
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
  }
  return call(factory, ...params.filter((p) => p in kwargs).map((p) => kwargs[p]));
}

function isCallable(x: unknown): boolean {
  return typeof x === "function";
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `configure_custom(config)`: `config['()'](**rest)`, then the `.` properties. */
function configureCustom(config: Conf): unknown {
  let c = config.get("()");
  config.delete("()");
  if (!isCallable(c)) c = resolve(c);
  const props = config.get(".") ?? null;
  config.delete(".");
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of config) if (IDENT.test(k)) kwargs[k] = convert(v);
  const result = construct(c, kwargs);
  if (props !== null) for (const [k, v] of asConf(props)) setattr(result, k, convert(v));
  return result;
}

function configureFormatter(config: Conf): unknown {
  if (config.has("()")) {
    const factory = config.get("()");
    try {
      return configureCustom(new Map(config));
    } catch (e) {
      if (!(e instanceof PyTypeError) || !pyStr(e).includes("'format'")) throw e;
      const retry = new Map(config);
      retry.set("fmt", retry.get("format"));
      retry.delete("format");
      retry.set("()", factory);
      return configureCustom(retry);
    }
  }
  const fmt = config.get("format") ?? null;
  const dfmt = config.get("datefmt") ?? null;
  const style = config.get("style") ?? "%";
  const cname = config.get("class") ?? null;
  const defaults = config.get("defaults") ?? null;
  const c = cname === null || cname === "" ? logging.Formatter : resolve(cname);
  const kwargs: Record<string, unknown> = {};
  if (defaults !== null) kwargs.defaults = defaults;
  const args: unknown[] = [fmt, dfmt, style];
  if (config.has("validate")) args.push(config.get("validate"));
  return call(c, ...args, new Kw(kwargs));
}

function configureFilter(config: Conf): unknown {
  if (config.has("()")) return configureCustom(new Map(config));
  return new logging.Filter(pyStr(config.get("name") ?? ""));
}

class Configurator {
  formatters = new Map<string, unknown>();
  filters = new Map<string, unknown>();
  handlers = new Map<string, unknown>();

  addFilters(filterer: unknown, filters: unknown): void {
    for (const f of iter(filters)) {
      configuring(`Unable to add filter ${repr(f)}`, () => {
        const direct = isCallable(f) || isCallable(getattr(f, "filter", null));
        const filter = direct ? f : this.filters.get(pyStr(f));
        if (filter === undefined) throw new KeyError(f);
        callMethod(filterer, "addFilter", filter);
      });
    }
  }

  addHandlers(logger: unknown, handlers: unknown): void {
    for (const h of iter(handlers)) {
      configuring(`Unable to add handler ${repr(h)}`, () => {
        const handler = this.handlers.get(pyStr(h));
        if (handler === undefined) throw new KeyError(h);
        callMethod(logger, "addHandler", handler);
      });
    }
  }

  configureHandler(config: Conf): unknown {
    let formatter = config.get("formatter") ?? null;
    config.delete("formatter");
    if (formatter !== null && formatter !== "") {
      const name = formatter;
      formatter = configuring(`Unable to set formatter ${repr(name)}`, () => {
        const f = this.formatters.get(pyStr(name));
        if (f === undefined) throw new KeyError(name);
        return f;
      });
    }
    const level = config.get("level") ?? null;
    config.delete("level");
    const filters = config.get("filters") ?? null;
    config.delete("filters");
    let factory: unknown;
    if (config.has("()")) {
      factory = config.get("()");
      config.delete("()");
      if (!isCallable(factory)) factory = resolve(factory);
    } else {
      // CPython resolves `config.pop('class', None)`: None has no `split`.
      if (!config.has("class"))
        throw new AttributeError("'NoneType' object has no attribute 'split'");
      const cname = config.get("class");
      config.delete("class");
      factory = isCallable(cname) ? cname : resolve(cname);
    }
    const props = config.get(".") ?? null;
    config.delete(".");
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of config) if (IDENT.test(k)) kwargs[k] = convert(v);
    const result = construct(factory, kwargs);
    if (formatter !== null && formatter !== "") callMethod(result, "setFormatter", formatter);
    if (level !== null) callMethod(result, "setLevel", logging._checkLevel(level));
    if (filters !== null && filters !== "") this.addFilters(result, filters);
    if (props !== null) for (const [k, v] of asConf(props)) setattr(result, k, v);
    return result;
  }

  commonLoggerConfig(logger: logging.Logger, config: Conf, incremental: boolean): void {
    const level = config.get("level") ?? null;
    if (level !== null) logger.setLevel(logging._checkLevel(level));
    if (!incremental) {
      for (const h of [...logger.handlers]) logger.removeHandler(h);
      const handlers = config.get("handlers") ?? null;
      if (handlers !== null && handlers !== "") this.addHandlers(logger, handlers);
      const filters = config.get("filters") ?? null;
      if (filters !== null && filters !== "") this.addFilters(logger, filters);
    }
  }

  configureLogger(name: string, config: Conf, incremental = false): void {
    const logger = logging.getLogger(name);
    this.commonLoggerConfig(logger, config, incremental);
    logger.disabled = false;
    const propagate = config.get("propagate") ?? null;
    if (propagate !== null) logger.propagate = propagate as boolean;
  }

  configureRoot(config: Conf, incremental = false): void {
    this.commonLoggerConfig(logging.getLogger(), config, incremental);
  }
}

/** The named handlers of the last `dictConfig` (CPython's `logging._handlers`). */
const namedHandlers = new Map<string, unknown>();

/** `logging.config.dictConfig(config)`. */
export function dictConfig(configArg: unknown): null {
  const config = asConf(configArg);
  if (!config.has("version")) throw new ValueError("dictionary doesn't specify a version");
  const version = config.get("version");
  if (version !== 1n && version !== true)
    throw new ValueError(`Unsupported version: ${pyStr(version)}`);
  const incremental = config.get("incremental") ?? false;
  const cx = new Configurator();
  const section = (name: string): Conf => {
    const v = config.get(name) ?? null;
    return v === null ? new Map() : asConf(v);
  };
  if (incremental !== false && incremental !== 0n && incremental !== null) {
    for (const [name, hc] of section("handlers")) {
      const handler = namedHandlers.get(name);
      if (handler === undefined) throw new ValueError(`No handler found with name ${repr(name)}`);
      configuring(`Unable to configure handler ${repr(name)}`, () => {
        const level = asConf(hc).get("level") ?? null;
        if (level !== null && level !== "" && level !== 0n)
          callMethod(handler, "setLevel", logging._checkLevel(level));
      });
    }
    for (const [name, lc] of section("loggers")) {
      configuring(`Unable to configure logger ${repr(name)}`, () =>
        cx.configureLogger(name, asConf(lc), true),
      );
    }
    const rootConf = config.get("root") ?? null;
    if (rootConf !== null && rootConf instanceof Dict && rootConf.size > 0) {
      configuring("Unable to configure root logger", () =>
        cx.configureRoot(asConf(rootConf), true),
      );
    }
    return null;
  }
  const disableExisting = config.has("disable_existing_loggers")
    ? config.get("disable_existing_loggers")
    : true;
  // `_clearExistingHandlers()`: flush and forget the handlers an earlier call named.
  for (const h of namedHandlers.values()) callMethod(h, "flush");
  namedHandlers.clear();
  for (const [name, fc] of section("formatters")) {
    cx.formatters.set(
      name,
      configuring(`Unable to configure formatter ${repr(name)}`, () =>
        configureFormatter(asConf(fc)),
      ),
    );
  }
  for (const [name, fc] of section("filters")) {
    cx.filters.set(
      name,
      configuring(`Unable to configure filter ${repr(name)}`, () => configureFilter(asConf(fc))),
    );
  }
  const handlers = section("handlers");
  for (const name of [...handlers.keys()].sort()) {
    const handler = configuring(`Unable to configure handler ${repr(name)}`, () =>
      cx.configureHandler(asConf(handlers.get(name))),
    );
    setattr(handler, "name", name);
    cx.handlers.set(name, handler);
    namedHandlers.set(name, handler);
  }
  // Loggers: those that existed before and are not configured here are disabled, except the
  // children of configured ones (CPython's `_handle_existing_loggers`).
  // CPython's asyncio creates its logger when imported, so it is one of the existing loggers.
  logging.getLogger("asyncio");
  // With CPython's placeholders: the dotted prefixes of the loggers' names ("app" of "app.db").
  const real = new Set(logging._existingLoggerNames());
  const names = new Set(real);
  for (const n of real)
    for (let i = n.indexOf("."); i > 0; i = n.indexOf(".", i + 1)) names.add(n.slice(0, i));
  const existing = [...names].sort();
  const childLoggers: string[] = [];
  for (const [name, lc] of section("loggers")) {
    const at = existing.indexOf(name);
    if (at >= 0) {
      const prefixed = `${name}.`;
      for (const other of existing.slice(at + 1))
        if (other.startsWith(prefixed)) childLoggers.push(other);
      existing.splice(at, 1);
    }
    configuring(`Unable to configure logger ${repr(name)}`, () =>
      cx.configureLogger(name, asConf(lc)),
    );
  }
  for (const name of existing) {
    if (!real.has(name)) continue; // a placeholder
    const logger = logging.getLogger(name);
    if (childLoggers.includes(name)) {
      logger.setLevel(logging.NOTSET);
      logger.handlers = [];
      logger.propagate = true;
    } else {
      logger.disabled = Boolean(disableExisting) && disableExisting !== 0n;
    }
  }
  const rootConf = config.get("root") ?? null;
  if (rootConf !== null && !(rootConf instanceof Dict && rootConf.size === 0)) {
    configuring("Unable to configure root logger", () => cx.configureRoot(asConf(rootConf)));
  }
  return null;
}
