/**
 * Python's builtin exception hierarchy as JavaScript classes.
 *
 * Every Python exception is a JS `Error`, so JS tooling (stack traces, `instanceof Error`) keeps
 * working, and every class has exactly CPython's name, base classes and `args` semantics:
 * `str(exc)` is `''` with no arguments, `str(args[0])` with one and `repr(args)` with more.
 *
 * The asyncio runtime and transpiled programs share these classes: a `CancelledError` raised by the
 * loop is caught by a transpiled `except BaseException:` and nothing else.
 */

import { setUnhashableError } from "./hash";
import { Kw } from "./kw";
import { defineOwnAttr, markBuiltinClass } from "./objects";
import { repr, str } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

export class BaseException extends Error {
  /** The constructor's arguments; Python code sees them as the tuple `args`. */
  _args: unknown[];
  _cause: BaseException | null = null;
  _context: BaseException | null = null;
  __suppress_context__ = false;
  __notes__: string[] | undefined = undefined;
  /**
   * Frames of the traceback: `null` until raised. The runtime marks raised exceptions with
   * `markRaised` (an empty list when the frames are unknown); traceback.ts prints them.
   */
  __traceback__: unknown[] | null = null;
  /**
   * Not yet chained: true from construction until generated code first sees the exception (a
   * `raise` statement, an `except`, or a handler it leaves), which then sets `__context__` to the
   * exception being handled there, as CPython does when it is raised (see `caught`).
   */
  _chainPending = true;
  /**
   * The Python lines of the `try` body whose handler caught it (0 when it was not caught or was
   * raised again): its traceback starts at that frame, as CPython's ends where it was caught.
   */
  _tbFirst = 0;
  _tbLast = 0;
  /** The stacks of the points it was raised again at, further out (traceback.ts, noteReraise). */
  declare _tbReraise?: Error[];

  constructor(...args: unknown[]) {
    const quiet = quietState !== null && isQuiet(quietState.classes, new.target);
    const limit = Error.stackTraceLimit;
    if (quiet) Error.stackTraceLimit = quietState!.limit;
    super();
    if (quiet) Error.stackTraceLimit = limit;
    const proto = new.target.prototype;
    if (!namesChecked.has(proto)) nameClass(proto, new.target);
    const n = args.length;
    if (n > 0 && args[n - 1] instanceof Kw) {
      // Keywords are for a subclass's own `__init__`; BaseException.__init__ takes none.
      const names = Object.keys((args[n - 1] as Kw).kwargs);
      args = args.slice(0, n - 1);
      if (
        names.length > 0 &&
        (proto as BaseException).__init__ === BaseException.prototype.__init__
      )
        throw new TypeError_(`${new.target.name}() takes no keyword arguments`);
    }
    this._args = args;
  }

  /** `exc.__cause__`; setting it sets `__suppress_context__` too, as in CPython. */
  get __cause__(): BaseException | null {
    return this._cause;
  }

  set __cause__(value: unknown) {
    this._cause = chainLink(value, "cause");
    this.__suppress_context__ = true;
  }

  get __context__(): BaseException | null {
    return this._context;
  }

  set __context__(value: unknown) {
    this._context = chainLink(value, "context");
  }

  /** Python's `exc.args`: a tuple. */
  get args(): Tuple {
    return new Tuple(this._args);
  }

  set args(value: Iterable<unknown>) {
    this._args = value instanceof Tuple ? [...value.items] : [...value];
  }

  __str__(): string {
    if (this._args.length === 0) return "";
    if (this._args.length === 1) return str(this._args[0]);
    return repr(pyTupleOf(this._args));
  }

  __repr__(): string {
    const name = (this.constructor as { name: string }).name;
    if (this._args.length === 1) return `${name}(${repr(this._args[0])})`;
    return `${name}(${this._args.map((a) => repr(a)).join(", ")})`;
  }

  /** `BaseException.__init__(*args)`: what `super().__init__(msg)` in a subclass calls. */
  __init__(...args: unknown[]): null {
    this._args = args;
    return null;
  }

  /**
   * `with_traceback(None)` drops the traceback: raised again, it starts afresh at the `raise`.
   * Another traceback (`e.__traceback__` is a list here) is only recorded as the value.
   */
  with_traceback(tb: unknown): this {
    if (tb === null || tb === undefined) {
      this.__traceback__ = null;
      this._tbFirst = 0;
      this._tbReraise = undefined;
      const r = this as { _tbLive?: unknown; _tbFrozen?: unknown };
      r._tbLive = undefined;
      r._tbFrozen = undefined;
    } else this.__traceback__ = tb as unknown[];
    return this;
  }

  add_note(note: unknown): void {
    if (typeof note !== "string") {
      throw new TypeError_(`note must be a str, not '${typeName(note)}'`);
    }
    if (this.__notes__ === undefined) this.__notes__ = [];
    this.__notes__.push(note);
  }
}

/**
 * Define `message` on an exception prototype: an accessor at run time, while TypeScript keeps
 * seeing `Error`'s `message` property, which the classes a program's exceptions become redeclare
 * (`declare message: any`) when it assigns `self.message` (an accessor there is TS2610).
 */
export function exceptionMessage(
  proto: object,
  get: (this: never) => string,
  set: (this: never, value: unknown) => void,
): void {
  Object.defineProperty(proto, "message", { configurable: true, get, set });
}

/**
 * JS `Error.message` mirrors Python's `str(exc)`. V8 reads it to format the stack's header
 * (lazily, when `stack` is first read): a failing `__str__` must not make that throw. Error's
 * constructor never assigns it (we call super() without arguments): an assignment is the
 * program's `self.message = ...`, an instance attribute (which V8's stack header then shows).
 */
exceptionMessage(
  BaseException.prototype,
  function (this: BaseException) {
    try {
      return this.__str__();
    } catch {
      return "<exception str() failed>";
    }
  },
  function (this: BaseException, value: unknown) {
    defineOwnAttr(this, "message", value);
  },
);

/** The value of `__cause__` / `__context__` as their setters check it. */
function chainLink(value: unknown, what: string): BaseException | null {
  if (value === null || value === undefined) return null;
  if (value instanceof BaseException) return value;
  throw new TypeError_(`exception ${what} must be None or derive from BaseException`);
}

/**
 * The fields of the runtime's exception objects that are not attributes of the instance in
 * Python (its `__dict__`): `vars(exc)` leaves them out.
 */
export const EXCEPTION_FIELDS = new Set([
  "_args",
  "_cause",
  "_context",
  "__suppress_context__",
  "__traceback__",
  "_chainPending",
  "_tbFirst",
  "_tbLast",
  "_tbReraise",
  "_tbLive",
  "_tbFrozen",
  "_tbCatchSite",
  "_tbCallersOnly",
  "jsError",
  "_importPath",
  "_importMsg",
  "name_",
  "_egMessage",
  "_raises",
]);

/** Prototypes of exception classes already given their JS `name` (or left alone): nameClass. */
const namesChecked = new WeakSet<object>();
const namedByRuntime = new WeakSet<object>();

/**
 * JS reads `name` for stack traces: make it the Python class name, once per class, on its
 * prototype (defining it on every instance cost a runtime call each). A `name` the program
 * defines on the class or a base (a property, a method) is left to win.
 */
function nameClass(proto: object, cls: Function): void {
  namesChecked.add(proto);
  let p: object | null = proto;
  while (p !== null && !Object.hasOwn(p, "name")) p = Object.getPrototypeOf(p) as object | null;
  if (p !== null && p !== Error.prototype && !namedByRuntime.has(p)) return;
  Object.defineProperty(proto, "name", {
    value: cls.name,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  namedByRuntime.add(proto);
}

/**
 * Does the program give `exc` a `name` (an attribute, a property or method of its class)? Else
 * its `name` is only JS's, the class name for stack traces (see nameClass).
 */
export function programSetsName(exc: BaseException): boolean {
  let p: object | null = exc;
  while (p !== null && !Object.hasOwn(p, "name")) p = Object.getPrototypeOf(p) as object | null;
  return p !== null && p !== Error.prototype && !namedByRuntime.has(p);
}

/**
 * The exception classes made without a JS stack (or with a short one) right now: those a `try`
 * whose handlers cannot show the frames a full stack would add catches, while its body runs
 * (codegen/lower/exceptions.ts, quietTypes; codegen/quiet.ts). Capturing a stack is most of what
 * making an exception costs, and V8's cost grows with every frame it walks.
 *
 * `limit` is the `Error.stackTraceLimit` they are made with: 0 when nothing can print their
 * traceback; else the most JS frames there can be from where one is made down to the frame of
 * the `try` (a traceback of an exception caught there starts at that frame, so the frames below
 * it are never printed unless it is raised again, which such handlers cannot do).
 */
interface QuietState {
  readonly classes: Function | readonly Function[];
  readonly limit: number;
}

let quietState: QuietState | null = null;

function isQuiet(q: Function | readonly Function[], cls: Function): boolean {
  if (typeof q === "function") return cls === q || cls.prototype instanceof q;
  for (const c of q) if (cls === c || cls.prototype instanceof c) return true;
  return false;
}

/**
 * `try` with quiet handlers: make `classes` with at most `limit` frames of JS stack while its
 * body runs; returns what to restore.
 */
export function noStackFor(classes: Function | readonly Function[], limit = 0): QuietState | null {
  const previous = quietState;
  // A `try` in a loop enters with the same classes each time: its state is made once (states
  // are never changed, so one can be shared).
  let state = lastQuiet;
  if (state === null || state.classes !== classes || state.limit !== limit)
    lastQuiet = state = { classes, limit };
  quietState = state;
  return previous;
}

/** The state noStackFor made last. */
let lastQuiet: QuietState | null = null;

/** The end of noStackFor's body (its handlers, its end): restore what it returned. */
export function stacksAgain(previous: QuietState | null): void {
  quietState = previous;
}

/**
 * An AttributeError or NameError with Python's `name` (the attribute or variable), kept as
 * `name_` (JS's `name` is the class name, for stack traces; protocol.ts reads it for `e.name`).
 */
export function withName<E extends BaseException>(exc: E, name: string): E {
  (exc as { name_?: string }).name_ = name;
  return exc;
}

/** Hook so that `repr(args)` of a multi-argument exception prints a tuple. Set by the tuple module. */
let makeTuple: (items: unknown[]) => unknown = (items) => new Tuple(items);
export function setTupleFactory(factory: (items: unknown[]) => unknown): void {
  makeTuple = factory;
}
function pyTupleOf(items: unknown[]): unknown {
  return makeTuple(items);
}

export { typeName };

export class SystemExit extends BaseException {
  get code(): unknown {
    if (this._args.length === 0) return null;
    if (this._args.length === 1) return this._args[0];
    return pyTupleOf(this._args);
  }
}
export class KeyboardInterrupt extends BaseException {}
export class GeneratorExit extends BaseException {}
export class Exception extends BaseException {}

export class ArithmeticError extends Exception {}
export class FloatingPointError extends ArithmeticError {}
export class OverflowError extends ArithmeticError {}
export class ZeroDivisionError extends ArithmeticError {}
export class AssertionError extends Exception {}
export class AttributeError extends Exception {
  /** The object whose attribute was missing (None unless given or raised by a lookup). */
  obj: unknown = null;
  constructor(...args: unknown[]) {
    const kws = trailingKwargs(args);
    super(...(kws === null ? args : args.slice(0, -1)));
    if (kws !== null && this.__init__ === AttributeError.prototype.__init__)
      exceptionKeywords(this, kws, ["name", "obj"]);
  }
  /** `AttributeError.__init__(*args, name=None, obj=None)`. */
  override __init__(...args: unknown[]): null {
    const kws = trailingKwargs(args);
    this._args = kws === null ? args : args.slice(0, -1);
    if (kws !== null) exceptionKeywords(this, kws, ["name", "obj"]);
    return null;
  }
}
export class BufferError extends Exception {}
export class EOFError extends Exception {}
/** The keyword arguments ending `args` (a `Kw`), or null. */
function trailingKwargs(args: unknown[]): Record<string, unknown> | null {
  const n = args.length;
  return n > 0 && args[n - 1] instanceof Kw ? (args[n - 1] as Kw).kwargs : null;
}

/** The keyword arguments 3.13's AttributeError and NameError take (`name` is kept as `name_`). */
function exceptionKeywords(
  exc: BaseException,
  kws: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const [k, v] of Object.entries(kws)) {
    if (!allowed.includes(k))
      throw new TypeError_(`${typeName(exc)}() got an unexpected keyword argument '${k}'`);
    if (k === "name") (exc as { name_?: unknown }).name_ = v;
    else (exc as unknown as Record<string, unknown>)[k] = v;
  }
}

export class ImportError extends Exception {
  _importPath: unknown = null;
  _importMsg: unknown = null;
  /** `path`, and `name` (kept as `name_`, see withName): keyword arguments of the constructor. */
  get path(): unknown {
    return this._importPath;
  }
  set path(v: unknown) {
    this._importPath = v;
  }
  /** CPython's `msg`: the message when the exception has one argument, which `str()` prints. */
  get msg(): unknown {
    return this._importMsg;
  }
  set msg(v: unknown) {
    this._importMsg = v;
  }
  constructor(...args: unknown[]) {
    const n = args.length;
    const kws = n > 0 && args[n - 1] instanceof Kw ? (args[n - 1] as Kw).kwargs : null;
    super(...(kws === null ? args : args.slice(0, n - 1)));
    if (this._args.length === 1) this.msg = this._args[0];
    // A subclass's own `__init__` takes the keywords instead (`super().__init__` sets msg).
    if (kws !== null && this.__init__ === ImportError.prototype.__init__) this.importKeywords(kws);
  }
  /** `ImportError.__init__(*args, name=None, path=None, name_from=None)`. */
  override __init__(...args: unknown[]): null {
    const n = args.length;
    const kws = n > 0 && args[n - 1] instanceof Kw ? (args[n - 1] as Kw).kwargs : null;
    this._args = kws === null ? args : args.slice(0, n - 1);
    this.msg = this._args.length === 1 ? this._args[0] : null;
    if (kws !== null) this.importKeywords(kws);
    return null;
  }
  private importKeywords(kws: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(kws)) {
      if (k === "name") (this as { name_?: unknown }).name_ = v;
      else if (k === "path") this.path = v;
      else if (k !== "name_from")
        throw new TypeError_(`${typeName(this)}() got an unexpected keyword argument '${k}'`);
    }
  }
  override __str__(): string {
    return typeof this.msg === "string" ? this.msg : super.__str__();
  }
}
export class ModuleNotFoundError extends ImportError {}
export class LookupError extends Exception {}
export class IndexError extends LookupError {}
export class KeyError extends LookupError {
  override __str__(): string {
    // str(KeyError('k')) is "'k'": a single argument prints as its repr.
    if (this._args.length === 1) return repr(this._args[0]);
    return super.__str__();
  }
}
export class MemoryError extends Exception {}
export class NameError extends Exception {
  constructor(...args: unknown[]) {
    const kws = trailingKwargs(args);
    super(...(kws === null ? args : args.slice(0, -1)));
    if (kws !== null && this.__init__ === NameError.prototype.__init__)
      exceptionKeywords(this, kws, ["name"]);
  }
  /** `NameError.__init__(*args, name=None)`. */
  override __init__(...args: unknown[]): null {
    const kws = trailingKwargs(args);
    this._args = kws === null ? args : args.slice(0, -1);
    if (kws !== null) exceptionKeywords(this, kws, ["name"]);
    return null;
  }
}
export class UnboundLocalError extends NameError {}
export class OSError extends Exception {
  /** `OSError(errno, strerror, filename[, winerror[, filename2]])`: not part of `args`. */
  filename: unknown = null;
  filename2: unknown = null;
  constructor(...args: unknown[]) {
    super(...args);
    // OSError(errno, strerror) builds the errno's subclass, as CPython's OSError.__new__
    if (new.target === OSError && args.length >= 2 && typeof args[0] === "bigint") {
      const sub = errnoSubclass(Number(args[0]));
      // biome-ignore lint/correctness/noConstructorReturn: mirrors OSError.__new__
      if (sub !== undefined) return new sub(...args) as this;
    }
    if (args.length >= 3 && args.length <= 5) {
      this.filename = args[2];
      if (args.length === 5) this.filename2 = args[4];
      this._args = args.slice(0, 2);
    }
  }
  get errno(): unknown {
    return this._args.length >= 2 ? this._args[0] : null;
  }
  get strerror(): unknown {
    return this._args.length >= 2 ? this._args[1] : null;
  }
  override __str__(): string {
    if (this.filename !== null) {
      // errno and strerror are None unless given (`OSError("msg")` with a filename set later)
      const head = `[Errno ${str(this.errno)}] ${str(this.strerror)}: ${repr(this.filename)}`;
      return this.filename2 === null ? head : `${head} -> ${repr(this.filename2)}`;
    }
    if (this._args.length >= 2) return `[Errno ${str(this._args[0])}] ${str(this._args[1])}`;
    return super.__str__();
  }
}
export class BlockingIOError extends OSError {}
export class ChildProcessError extends OSError {}
export class ConnectionError extends OSError {}
export class BrokenPipeError extends ConnectionError {}
export class ConnectionAbortedError extends ConnectionError {}
export class ConnectionRefusedError extends ConnectionError {}
export class ConnectionResetError extends ConnectionError {}
export class FileExistsError extends OSError {}
export class FileNotFoundError extends OSError {}
export class InterruptedError extends OSError {}
export class IsADirectoryError extends OSError {}
export class NotADirectoryError extends OSError {}
export class PermissionError extends OSError {}
export class ProcessLookupError extends OSError {}
export class TimeoutError extends OSError {}
export class ReferenceError extends Exception {}
export class RuntimeError extends Exception {}
export class NotImplementedError extends RuntimeError {}
export class RecursionError extends RuntimeError {}
export class PythonFinalizationError extends RuntimeError {}
export class StopIteration extends Exception {
  get value(): unknown {
    return this._args.length > 0 ? this._args[0] : null;
  }
}

/**
 * The StopIteration of a generator that returned `value`: without arguments for None (JS
 * `undefined` or `null`), as CPython raises it (`StopIteration()`, not `StopIteration(None)`).
 */
export function stopIteration(value: unknown): StopIteration {
  return value === undefined || value === null ? new StopIteration() : new StopIteration(value);
}
export class StopAsyncIteration extends Exception {}
/**
 * `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`, as CPython's
 * SyntaxError_init: the first argument is `msg`; a second (any iterable of 4 to 6 items) gives
 * the place, all None otherwise. `str(e)` is the message with the file's base name and the line.
 */
export class SyntaxError extends Exception {
  // CPython's member descriptors (not in `vars(e)`): accessors on the prototype, below.
  declare msg: unknown;
  declare filename: unknown;
  declare lineno: unknown;
  declare offset: unknown;
  declare text: unknown;
  declare end_lineno: unknown;
  declare end_offset: unknown;
  declare print_file_and_line: unknown;
  constructor(...args: unknown[]) {
    super(...args);
    // A subclass's own `__init__` (run by its constructor) decides what the fields are.
    if (this.__init__ === SyntaxError.prototype.__init__) syntaxErrorInit(this, this._args);
  }
  override __init__(...args: unknown[]): null {
    this._args = args;
    syntaxErrorInit(this, args);
    return null;
  }
  override __str__(): string {
    const msg = str(this.msg);
    const file =
      typeof this.filename === "string"
        ? this.filename.slice(this.filename.lastIndexOf("/") + 1)
        : null;
    const line = typeof this.lineno === "bigint" ? this.lineno : null;
    if (file !== null && line !== null) return `${msg} (${file}, line ${line})`;
    if (file !== null) return `${msg} (${file})`;
    if (line !== null) return `${msg} (line ${line})`;
    return msg;
  }
}

/** SyntaxError's fields, kept off the instance's own keys (so `vars(e)` leaves them out). */
const syntaxFieldsOf = new WeakMap<object, Record<string, unknown>>();
for (const name of [
  "msg",
  "filename",
  "lineno",
  "offset",
  "text",
  "end_lineno",
  "end_offset",
  "print_file_and_line",
]) {
  Object.defineProperty(SyntaxError.prototype, name, {
    get(this: object): unknown {
      return syntaxFieldsOf.get(this)?.[name] ?? null;
    },
    set(this: object, value: unknown) {
      let fields = syntaxFieldsOf.get(this);
      if (fields === undefined) syntaxFieldsOf.set(this, (fields = {}));
      fields[name] = value;
    },
    configurable: true,
  });
}

function syntaxErrorInit(e: SyntaxError, args: unknown[]): void {
  if (args.length >= 1) e.msg = args[0];
  if (args.length !== 2) return;
  const { iter } = require("./protocol") as typeof import("./protocol");
  const info = [...(iter(args[1]) as Iterable<unknown>)];
  if (info.length < 4)
    throw new TypeError_(`function takes at least 4 arguments (${info.length} given)`);
  if (info.length > 6)
    throw new TypeError_(`function takes at most 6 arguments (${info.length} given)`);
  [e.filename, e.lineno, e.offset, e.text] = info;
  e.end_lineno = info.length > 4 ? info[4] : null;
  e.end_offset = info.length > 5 ? info[5] : null;
}
export class IndentationError extends SyntaxError {}
export class TabError extends IndentationError {}
export class SystemError extends Exception {}
export class TypeError extends Exception {}
const TypeError_ = TypeError;
export class ValueError extends Exception {}
export class UnicodeError extends ValueError {}
export class UnicodeDecodeError extends UnicodeError {
  override __str__(): string {
    if (this._args.length !== 5) return super.__str__();
    const [enc, obj, start, end, reason] = this._args as [
      string,
      unknown,
      unknown,
      unknown,
      string,
    ];
    const s = Number(start);
    const e = Number(end);
    const data = (obj as { data?: Uint8Array })?.data ?? (obj as Uint8Array);
    if (e === s + 1 && data && data[s] !== undefined) {
      return `'${enc}' codec can't decode byte 0x${data[s].toString(16).padStart(2, "0")} in position ${s}: ${reason}`;
    }
    return `'${enc}' codec can't decode bytes in position ${s}-${e - 1}: ${reason}`;
  }
  get encoding(): unknown {
    return this._args[0];
  }
  get object(): unknown {
    return this._args[1];
  }
  get start(): unknown {
    return this._args[2];
  }
  get end(): unknown {
    return this._args[3];
  }
  get reason(): unknown {
    return this._args[4];
  }
}
export class UnicodeEncodeError extends UnicodeError {
  override __str__(): string {
    if (this._args.length !== 5) return super.__str__();
    const [enc, obj, start, end, reason] = this._args as [string, string, bigint, bigint, string];
    const s = Number(start);
    const e = Number(end);
    const cps = Array.from(obj);
    if (e === s + 1) {
      const c = cps[s].codePointAt(0)!;
      const esc =
        c <= 0xff
          ? `\\x${c.toString(16).padStart(2, "0")}`
          : c <= 0xffff
            ? `\\u${c.toString(16).padStart(4, "0")}`
            : `\\U${c.toString(16).padStart(8, "0")}`;
      return `'${enc}' codec can't encode character '${esc}' in position ${s}: ${reason}`;
    }
    return `'${enc}' codec can't encode characters in position ${s}-${e - 1}: ${reason}`;
  }
}
export class Warning extends Exception {}
export class DeprecationWarning extends Warning {}
export class RuntimeWarning extends Warning {}
export class UserWarning extends Warning {}
export class ResourceWarning extends Warning {}
export class PendingDeprecationWarning extends Warning {}
export class SyntaxWarning extends Warning {}
export class FutureWarning extends Warning {}
export class ImportWarning extends Warning {}
export class UnicodeWarning extends Warning {}
export class BytesWarning extends Warning {}
export class EncodingWarning extends Warning {}

/** Record that an exception was raised (it has a traceback). Returns it, for `throw markRaised(e)`. */
export function markRaised<E>(exc: E): E {
  if (exc instanceof BaseException && exc.__traceback__ === null) exc.__traceback__ = [];
  return exc;
}

type Condition = unknown;

/** Python's `BaseExceptionGroup`: `BaseExceptionGroup(message, exceptions)`. */
export class BaseExceptionGroup extends BaseException {
  /** Its message (the `message` accessor below reads it). */
  _egMessage = "";
  /** How many times a `raise` statement raised this group (tells `except*` re-raises apart). */
  _raises = 0;
  exceptions!: Tuple<BaseException>;

  constructor(...args: unknown[]) {
    super(...args);
    if (args.length !== 2) {
      throw new TypeError(
        `BaseExceptionGroup.__new__() takes exactly 2 arguments (${args.length} given)`,
      );
    }
    const [message, excs] = args;
    if (typeof message !== "string") {
      throw new TypeError(
        `BaseExceptionGroup.__new__() argument 1 must be str, not ${typeName(message)}`,
      );
    }
    let items: unknown[];
    if (Array.isArray(excs)) items = excs;
    else if (excs instanceof Tuple) items = excs.items.slice();
    else throw new TypeError("second argument (exceptions) must be a sequence");
    if (items.length === 0) {
      throw new ValueError("second argument (exceptions) must be a non-empty sequence");
    }
    items.forEach((e, i) => {
      if (!(e instanceof BaseException)) {
        throw new ValueError(`Item ${i} of second argument (exceptions) is not an exception`);
      }
    });
    const allExceptions = items.every((e) => e instanceof Exception);
    const target = new.target as unknown;
    if (target === BaseExceptionGroup && allExceptions) {
      // BaseExceptionGroup(...) of Exceptions is an ExceptionGroup, as in CPython's __new__
      // biome-ignore lint/correctness/noConstructorReturn: mirrors BaseExceptionGroup.__new__
      return new ExceptionGroup(message, excs) as this;
    }
    if (
      !allExceptions &&
      typeof target === "function" &&
      (target === ExceptionGroup || target.prototype instanceof ExceptionGroup)
    ) {
      if (target === ExceptionGroup) {
        throw new TypeError("Cannot nest BaseExceptions in an ExceptionGroup");
      }
      throw new TypeError(`Cannot nest BaseExceptions in '${(target as { name: string }).name}'`);
    }
    this._egMessage = message;
    this.exceptions = new Tuple(items as BaseException[]);
  }

  override __str__(): string {
    const n = this.exceptions.items.length;
    return `${this.message} (${n} sub-exception${n === 1 ? "" : "s"})`;
  }

  /** A new group of the same kind with these exceptions (override in subclasses). */
  derive(excs: unknown): BaseExceptionGroup {
    return new BaseExceptionGroup(this.message, excs);
  }

  private deriveAndCopy(excs: BaseException[]): BaseExceptionGroup {
    const eg = this.derive(excs);
    // Setting `__cause__` also sets `__suppress_context__` in CPython.
    eg.__cause__ = this.__cause__;
    eg.__suppress_context__ = true;
    eg.__context__ = this.__context__;
    eg.__traceback__ = this.__traceback__;
    eg._chainPending = this._chainPending;
    eg._tbFirst = this._tbFirst;
    eg._tbLast = this._tbLast;
    // The frames of the traceback come from the JS stack: the original's, and those it gained
    // when raised again further out (out of `asyncio.run`, say: traceback.ts noteReraise).
    eg._tbReraise = this._tbReraise?.slice();
    Object.defineProperty(eg, "stack", {
      value: this.stack,
      writable: true,
      configurable: true,
    });
    if (this.__notes__ !== undefined) eg.__notes__ = this.__notes__.slice();
    return eg;
  }

  private splitRecursive(
    matcher: (e: BaseException) => boolean,
    constructRest: boolean,
  ): [BaseException | null, BaseException | null] {
    if (matcher(this)) return [this, null];
    const match: BaseException[] = [];
    const rest: BaseException[] = [];
    for (const e of this.exceptions.items) {
      if (e instanceof BaseExceptionGroup) {
        const [m, r] = e.splitRecursive(matcher, constructRest);
        if (m !== null) match.push(m);
        if (r !== null) rest.push(r);
      } else if (matcher(e)) match.push(e);
      else if (constructRest) rest.push(e);
    }
    return [
      match.length > 0 ? this.deriveAndCopy(match) : null,
      constructRest && rest.length > 0 ? this.deriveAndCopy(rest) : null,
    ];
  }

  split(condition: Condition): Tuple<BaseException | null> {
    const [m, r] = this.splitRecursive(makeMatcher(condition), true);
    return new Tuple([m, r]);
  }

  subgroup(condition: Condition): BaseException | null {
    return this.splitRecursive(makeMatcher(condition), false)[0];
  }
}

/** The group's message (Python's `eg.message`), read-only. */
exceptionMessage(
  BaseExceptionGroup.prototype,
  function (this: BaseExceptionGroup) {
    return this._egMessage;
  },
  () => {
    throw new AttributeError("readonly attribute");
  },
);

/** Python's `ExceptionGroup(BaseExceptionGroup, Exception)`: also an instance of Exception. */
export class ExceptionGroup extends BaseExceptionGroup {
  static readonly __extra_bases__ = [Exception];
}
// Multiple inheritance: `eg instanceof Exception` and `except Exception` catch ExceptionGroups.
Object.defineProperty(Exception, Symbol.hasInstance, {
  value(this: Function, x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    return this === Exception && x instanceof ExceptionGroup;
  },
});

function makeMatcher(condition: Condition): (e: BaseException) => boolean {
  const isType = (c: unknown) =>
    typeof c === "function" && (c === BaseException || c.prototype instanceof BaseException);
  if (isType(condition)) {
    return (e) => e instanceof (condition as new () => BaseException);
  }
  if (condition instanceof Tuple && condition.items.every(isType)) {
    return (e) => condition.items.some((c) => e instanceof (c as new () => BaseException));
  }
  if (typeof condition === "function") {
    return (e) => Boolean((condition as (e: BaseException) => unknown)(e));
  }
  throw new TypeError("expected a function, exception type or tuple of exception types");
}

/** Every builtin exception class, by Python name (for `__module__`, class repr, lookups). */
export const builtinExceptions: Record<string, Function> = {
  BaseException,
  SystemExit,
  KeyboardInterrupt,
  GeneratorExit,
  Exception,
  ArithmeticError,
  FloatingPointError,
  OverflowError,
  ZeroDivisionError,
  AssertionError,
  AttributeError,
  BufferError,
  EOFError,
  ImportError,
  ModuleNotFoundError,
  LookupError,
  IndexError,
  KeyError,
  MemoryError,
  NameError,
  UnboundLocalError,
  OSError,
  BlockingIOError,
  ChildProcessError,
  ConnectionError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  InterruptedError,
  IsADirectoryError,
  NotADirectoryError,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
  ReferenceError,
  RuntimeError,
  NotImplementedError,
  RecursionError,
  PythonFinalizationError,
  StopIteration,
  StopAsyncIteration,
  SyntaxError,
  IndentationError,
  TabError,
  SystemError,
  TypeError,
  ValueError,
  UnicodeError,
  UnicodeDecodeError,
  UnicodeEncodeError,
  Warning,
  DeprecationWarning,
  RuntimeWarning,
  UserWarning,
  ResourceWarning,
  PendingDeprecationWarning,
  SyntaxWarning,
  FutureWarning,
  ImportWarning,
  UnicodeWarning,
  BytesWarning,
  EncodingWarning,
  BaseExceptionGroup,
  ExceptionGroup,
};
for (const [name, cls] of Object.entries(builtinExceptions)) markBuiltinClass(cls, name);

/** `IOError` and `EnvironmentError`: other names of `OSError` (`IOError is OSError`). */
export const IOError = OSError;
export const EnvironmentError = OSError;

setUnhashableError((value, message) => {
  throw new TypeError(message ?? `unhashable type: '${typeName(value)}'`);
});

/**
 * Map any thrown JS value to a Python exception, keeping Python exceptions as they are:
 * stack overflow -> RecursionError, JS TypeError -> TypeError, RangeError -> ValueError
 * (OverflowError for BigInt/array size), SyntaxError -> SyntaxError, ReferenceError ->
 * NameError, other Errors -> RuntimeError; non-Error values -> Exception(repr). The JS error is
 * kept as `__cause__`-free `jsError` property and its message is kept.
 */
export function toPyException(err: unknown): BaseException {
  if (err instanceof BaseException) return err;
  let exc: BaseException;
  if (err instanceof globalThis.RangeError) {
    if (/call stack size/i.test(err.message)) {
      exc = new RecursionError("maximum recursion depth exceeded");
    } else if (
      /BigInt|Maximum BigInt size|Invalid array length|Invalid string length/i.test(err.message)
    ) {
      exc = new (/BigInt/.test(err.message) ? OverflowError : MemoryError)(err.message);
    } else exc = new ValueError(err.message);
  } else if (err instanceof globalThis.TypeError) {
    // Attribute access on None (null/undefined in JS) is an AttributeError in Python.
    const m =
      /^Cannot (read|set) properties of (?:null|undefined) \((?:reading|setting) '(.*)'\)$/.exec(
        err.message,
      );
    // `(1).x = 5`: a JS primitive takes no properties (int, str, float and bool have no __dict__).
    const prim = /^Cannot create property '(.*)' on (bigint|string|number|boolean) /.exec(
      err.message,
    );
    if (prim !== null) {
      const t = { bigint: "int", string: "str", number: "float", boolean: "bool" }[prim[2]!];
      exc = new AttributeError(
        `'${t}' object has no attribute '${prim[1]}' and no __dict__ for setting new attributes`,
      );
      (exc as { name_?: string }).name_ = prim[1];
    } else if (err.message === "Generator is already running") {
      // A generator resumed from its own body (CPython's generator `gi_running` check).
      exc = new ValueError("generator already executing");
    } else if (m !== null) {
      const tail = m[1] === "set" ? " and no __dict__ for setting new attributes" : "";
      exc = new AttributeError(`'NoneType' object has no attribute '${m[2]}'${tail}`);
      (exc as { name_?: string }).name_ = m[2];
      (exc as { obj?: unknown }).obj = null;
    } else exc = new TypeError(err.message);
  } else if (err instanceof globalThis.SyntaxError) exc = new SyntaxError(err.message);
  else if (err instanceof globalThis.ReferenceError) exc = new NameError(err.message);
  else if (err instanceof Error) exc = new RuntimeError(err.message);
  else exc = new Exception(String(err));
  (exc as { jsError?: unknown }).jsError = err;
  exc.__traceback__ = [];
  return exc;
}

/** errno -> OSError subclass (Linux errno values), as CPython's errnomap. */
function errnoSubclass(errno: number): (new (...args: unknown[]) => OSError) | undefined {
  const map: Record<number, new (...args: unknown[]) => OSError> = {
    11: BlockingIOError,
    114: BlockingIOError,
    115: BlockingIOError,
    10: ChildProcessError,
    32: BrokenPipeError,
    108: BrokenPipeError,
    103: ConnectionAbortedError,
    111: ConnectionRefusedError,
    104: ConnectionResetError,
    17: FileExistsError,
    2: FileNotFoundError,
    21: IsADirectoryError,
    20: NotADirectoryError,
    4: InterruptedError,
    13: PermissionError,
    1: PermissionError,
    3: ProcessLookupError,
    110: TimeoutError,
  };
  return map[errno];
}

// ---- the exception being handled (sys.exception()) and implicit chaining

/**
 * The exceptions being handled, innermost last. An `except` handler (and a `finally` block run
 * because of an exception) pushes its exception while it runs and removes it when it is left, by
 * any path. CPython keeps this state per frame; here it is one stack, and a Task takes off what its
 * coroutine pushed when the coroutine suspends and puts it back when it resumes
 * (`_step_run_and_handle_result` in src/asyncio/tasks.ts), so other tasks never see it.
 */
export const handledStack: BaseException[] = [];

/** `sys.exception()`: the exception being handled, or null. */
export function currentException(): BaseException | null {
  return handledStack.length === 0 ? null : handledStack[handledStack.length - 1];
}

/**
 * Entering a handler for `exc` (generated code; see codegen/lower/exceptions.ts), of the `try`
 * whose body is Python lines `first`..`last` (absent for `finally` and `except*`).
 */
export function excEnter(exc: BaseException, first?: number, last?: number): void {
  handledStack.push(exc);
  if (first !== undefined) {
    exc._tbFirst = first;
    exc._tbLast = last as number;
  }
}

/** Re-raising `exc` from a handler (a bare `raise`, or no handler matched). Returns it. */
export function rethrow(exc: BaseException): BaseException {
  exc._tbFirst = 0;
  return exc;
}

/** Leaving the handler for `exc`: removes its entry (the innermost one for `exc`). */
export function excLeave(exc: BaseException): void {
  const s = handledStack;
  if (s[s.length - 1] === exc) s.pop();
  else {
    const i = s.lastIndexOf(exc);
    if (i >= 0) s.splice(i, 1);
  }
}

/**
 * `exc.__context__ = handled`, as CPython's `_PyErr_SetObject` does when `exc` is raised while
 * `handled` is being handled: nothing when they are the same exception; a link from `handled`'s
 * context chain back to `exc` is cut first so that no cycle forms.
 */
function setContext(exc: BaseException, handled: BaseException): void {
  if (handled === exc) return;
  let o = handled;
  let slow = handled;
  let toggle = false;
  for (let c = o.__context__; c !== null && c !== undefined; c = o.__context__) {
    if (c === exc) {
      o.__context__ = null;
      break;
    }
    o = c;
    if (o === slow) break; // a cycle that was already there
    if (toggle) slow = slow.__context__ as BaseException;
    toggle = !toggle;
  }
  exc.__context__ = handled;
}

/**
 * A thrown value as generated code catches it (an `except`, or leaving a handler or a `finally`
 * block with it): JS errors become Python exceptions; the first time an exception is seen, it is
 * marked raised and gets the exception being handled as `__context__`. Runtime code creates an
 * exception where it raises it, and an exception reaches the nearest handler boundary with the
 * handled-exception state it was raised in, so this is CPython's chaining of exceptions raised
 * by called functions and operations.
 */
export function caught(e: unknown): BaseException {
  const exc = e instanceof BaseException ? e : toPyException(e);
  if (exc._chainPending) {
    exc._chainPending = false;
    if (exc.__traceback__ === null) exc.__traceback__ = [];
    const s = handledStack;
    if (s.length !== 0) setContext(exc, s[s.length - 1]);
  }
  return exc;
}

function isExceptionClass(x: unknown): x is new () => BaseException {
  return typeof x === "function" && (x === BaseException || x.prototype instanceof BaseException);
}

/**
 * The `raise` statement: `raise x` (an exception or an exception class) and, with a second
 * argument, `raise x from cause` (`cause` None for `from None`). Sets `__cause__` and
 * `__suppress_context__`, then `__context__` to the exception being handled; returns the
 * exception to throw.
 */
export function raiseExc(x: unknown, ...from: unknown[]): BaseException {
  let exc: BaseException;
  if (x instanceof BaseException) exc = x;
  else if (isExceptionClass(x)) exc = new x();
  else throw caught(new TypeError_("exceptions must derive from BaseException"));
  if (from.length > 0) {
    const cause = from[0] ?? null;
    let c: BaseException | null;
    if (cause === null || cause instanceof BaseException) c = cause;
    else if (isExceptionClass(cause)) c = new cause();
    else throw caught(new TypeError_("exception causes must derive from BaseException"));
    exc.__cause__ = c;
    exc.__suppress_context__ = true;
  }
  exc._chainPending = false;
  exc._tbFirst = 0;
  if (exc.__traceback__ === null) exc.__traceback__ = [];
  if (exc instanceof BaseExceptionGroup) exc._raises++;
  const s = handledStack;
  if (s.length !== 0) setContext(exc, s[s.length - 1]);
  return exc;
}

/**
 * `raise e` of an exception the statement did not make (`err = E(...); err.add_note(...); raise
 * err`): CPython's traceback of its first raise starts at the `raise`, not where the object was
 * made, so the JS stack its frames come from is taken again here.
 */
export function raiseMade(x: unknown, ...from: unknown[]): BaseException {
  if (x instanceof BaseException) {
    if (x.__traceback__ === null) Error.captureStackTrace(x, raiseMade);
    else reraiseHook?.(x);
  }
  return raiseExc(x, ...from);
}

let reraiseHook: ((exc: BaseException) => void) | null = null;

/**
 * What `raise e` does first to an exception raised before (it has a traceback): src/python/
 * traceback.ts keeps the frames it had and takes the stack of the new `raise`.
 */
export function setReraiseHook(hook: (exc: BaseException) => void): void {
  reraiseHook = hook;
}

/** A bare `raise`: re-raises the exception being handled. */
export function reraise(): BaseException {
  const exc = currentException();
  if (exc === null) throw caught(new RuntimeError("No active exception to reraise"));
  return rethrow(exc);
}

// ---- except*

/** The state of one `try ... except*` while its handlers run. */
export interface StarState {
  /** The exception as caught. */
  readonly orig: BaseException;
  /** What is left to match (null when everything was matched). */
  rest: BaseException | null;
  /** The parts handlers matched, with their `_raises` then (to tell bare re-raises apart). */
  readonly matched: Map<BaseException, number>;
  /** What the handlers raised, in order. */
  readonly raised: BaseException[];
}

/** Start matching `except*` clauses against a thrown value. */
export function starBegin(e: unknown, first?: number, last?: number): StarState {
  const orig = caught(e);
  if (first !== undefined) {
    orig._tbFirst = first;
    orig._tbLast = last as number;
  }
  return { orig, rest: orig, matched: new Map(), raised: [] };
}

function starTypes(spec: unknown): Function[] {
  const types = spec instanceof Tuple ? [...spec.items] : [spec];
  for (const t of types) {
    if (!isExceptionClass(t)) {
      throw caught(
        new TypeError_("catching classes that do not inherit from BaseException is not allowed"),
      );
    }
    if (t === BaseExceptionGroup || t.prototype instanceof BaseExceptionGroup) {
      throw caught(
        new TypeError_("catching ExceptionGroup with except* is not allowed. Use except instead."),
      );
    }
  }
  return types as Function[];
}

/** `except* T`: the part of what is left that matches T (null if none), as CPython matches it. */
export function starMatch(state: StarState, spec: unknown): BaseException | null {
  const types = starTypes(spec);
  const rest = state.rest;
  if (rest === null) return null;
  let match: BaseException | null = null;
  if (types.some((t) => rest instanceof (t as new () => BaseException))) {
    state.rest = null;
    if (rest instanceof BaseExceptionGroup) match = rest;
    else {
      // A naked exception is wrapped in a group for the handler.
      // (CPython prints it without a traceback unless it is raised again.)
      match = new BaseExceptionGroup("", new Tuple([rest]));
      match._chainPending = false;
    }
  } else if (rest instanceof BaseExceptionGroup) {
    const [m, r] = rest.split(spec).items;
    state.rest = r;
    match = m;
  }
  if (match !== null) state.matched.set(match, (match as BaseExceptionGroup)._raises);
  return match;
}

/** A handler of the `try ... except*` raised `e`: collected, raised with the rest at the end. */
export function starRaised(state: StarState, e: unknown): void {
  const exc = caught(e);
  // Where it was caught, for its traceback (src/python/traceback.ts); except* is rare enough
  // to capture the JS stack here.
  (exc as { _tbCatchSite?: unknown })._tbCatchSite = new Error();
  state.raised.push(exc);
}

/** What `except*` raises as it is goes on propagating: its traceback is not cut where it was. */
function propagating(exc: BaseException): BaseException {
  exc._tbFirst = 0;
  (exc as { _tbCatchSite?: unknown })._tbCatchSite = undefined;
  if (exc.__traceback__ === null) {
    exc.__traceback__ = [];
    (exc as { _tbCallersOnly?: boolean })._tbCallersOnly = true;
  }
  return exc;
}

/** The leaves of an exception (group). */
function leaves(e: BaseException, into: Set<BaseException>): void {
  if (e instanceof BaseExceptionGroup) for (const x of e.exceptions.items) leaves(x, into);
  else into.add(e);
}

/**
 * After the handlers: what to raise (null for nothing), as CPython's `_PyExc_PrepReraiseStar`:
 * exceptions the handlers raised, and the re-raised and unmatched parts of the original group
 * (kept in its shape), together in an `ExceptionGroup("", [...])` when there are several.
 */
export function starEnd(state: StarState): BaseException | null {
  const excs = state.raised.slice();
  if (state.rest !== null) excs.push(state.rest);
  if (excs.length === 0) return null;
  const orig = state.orig;
  if (!(orig instanceof BaseExceptionGroup)) return propagating(excs[0]);
  const raised: BaseException[] = [];
  const reraisedLeaves = new Set<BaseException>();
  for (const e of excs) {
    const seen = state.matched.get(e);
    const reraise =
      e === state.rest || (seen !== undefined && seen === (e as BaseExceptionGroup)._raises);
    if (reraise) leaves(e, reraisedLeaves);
    else raised.push(e);
  }
  const reraised =
    reraisedLeaves.size === 0 ? null : orig.subgroup((x: BaseException) => reraisedLeaves.has(x));
  if (raised.length === 0) return reraised === null ? null : propagating(reraised);
  if (reraised !== null) raised.push(reraised);
  if (raised.length === 1) return propagating(raised[0]);
  const group = new BaseExceptionGroup("", raised);
  group._chainPending = false;
  group.__traceback__ = [];
  // Its traceback lists only the frames it propagates to (src/python/traceback.ts).
  (group as { _tbCallersOnly?: boolean })._tbCallersOnly = true;
  return group;
}
