/**
 * Python's `csv` module: CPython 3.13's `Lib/csv.py` over its C core `Modules/_csv.c`, written as
 * one TypeScript module with the same structure.
 *
 * - `DialectObj` is `_csv.Dialect`: `makeDialect(dialect, kwargs)` is `dialect_new`. It takes each
 *   setting from the keyword arguments, else from the dialect (a registered name, a `Dialect`
 *   class or instance, any object: attributes it lacks give the defaults), checks types and
 *   values with `_csv.c`'s messages (`"delimiter" must be a 1-character string`, `bad "quoting"
 *   value`, `bad delimiter or quotechar value`, ...), and reuses a `_csv.Dialect` given without
 *   overrides. Its attributes are read-only, as in C.
 * - `ReaderObj` (`_csv.reader`) runs `parse_process_char`, the state machine of `_csv.c`, over
 *   each code point of each input line, then feeds it the end-of-line marker `EOL`; a record ends
 *   when the machine is back in START_RECORD, so quoted fields span lines. QUOTE_NONNUMERIC turns
 *   unquoted fields into floats (float()'s ValueError), QUOTE_STRINGS also, and it and
 *   QUOTE_NOTNULL read an unquoted empty field as None. `field_size_limit` bounds a field.
 * - `WriterObj` (`_csv.writer`) quotes and escapes each field as `join_append_data` does and
 *   passes the record to the file's `write`, returning what `write` returned.
 * - `Dialect`, `excel`, `excel_tab`, `unix_dialect`, `DictReader` and `DictWriter` are csv.py's
 *   Python classes, as library classes (callable without `new`, subclassable by programs); a
 *   `Dialect` subclass's class attributes are read through the instance, as in Python.
 * - `Sniffer` is csv.py's, over the runtime's `re` (so its regexes mean what they mean in
 *   CPython); `has_header`'s `complex(cell)` test is a check of complex()'s literal syntax.
 *
 * Differences from CPython (docs/DIFFERENCES.md): `_csv.Dialect` is not exported as
 * `csv._Dialect`; the "dict contains fields not in fieldnames" message lists several wrong keys in
 * the dict's order (CPython: set order); setting an unknown attribute on a reader, writer or
 * `_csv.Dialect` is not refused (a JS object takes any property), and deleting a read-only one is
 * not "readonly attribute".
 */

import { parseFloat_ } from "../builtins";
import { Dict } from "../dict";
import {
  AttributeError,
  BaseException,
  Exception,
  OverflowError,
  TypeError as PyTypeError,
  StopIteration,
  ValueError,
} from "../exceptions";
import { StringIO } from "../io";
import { Kw } from "../kw";
import { bind, signature } from "../lang";
import { markBuiltinClass } from "../objects";
import {
  call,
  callable,
  callMethod,
  contains,
  getattr,
  getitem,
  iter,
  toArray,
  truthy,
} from "../protocol";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { initFromConstructor, libraryClass } from "./types";

export const __version__ = "1.0";

export const QUOTE_MINIMAL = 0n;
export const QUOTE_ALL = 1n;
export const QUOTE_NONNUMERIC = 2n;
export const QUOTE_NONE = 3n;
export const QUOTE_STRINGS = 4n;
export const QUOTE_NOTNULL = 5n;

const MINIMAL = 0;
const ALL = 1;
const NONNUMERIC = 2;
const NONE = 3;
const STRINGS = 4;
const NOTNULL = 5;

/** `_csv.Error`. */
const CsvError = class Error extends Exception {};
type CsvError = InstanceType<typeof CsvError>;
markBuiltinClass(CsvError, "Error");
Object.defineProperty(CsvError, "__tp_name__", { value: "_csv.Error", configurable: true });
Object.defineProperty(CsvError, "__module__", {
  value: "_csv",
  writable: true,
  configurable: true,
});

export { CsvError as Error };

// ---------------------------------------------------------------- _csv.Dialect

const DIALECT_KWS = [
  "dialect",
  "delimiter",
  "doublequote",
  "escapechar",
  "lineterminator",
  "quotechar",
  "quoting",
  "skipinitialspace",
  "strict",
] as const;

/** The code points of a str. */
function chars(s: string): string[] {
  return Array.from(s);
}

/** `_set_char`: a 1-character str. */
function setChar(name: string, src: unknown, dflt: string): string {
  if (src === undefined) return dflt;
  if (typeof src !== "string")
    throw new PyTypeError(`"${name}" must be string, not ${typeName(src)}`);
  if (chars(src).length !== 1) throw new PyTypeError(`"${name}" must be a 1-character string`);
  return src;
}

/** `_set_char_or_none`: a 1-character str or None (null: not set). */
function setCharOrNone(name: string, src: unknown, dflt: string | null): string | null {
  if (src === undefined) return dflt;
  if (src === null) return null;
  if (typeof src !== "string")
    throw new PyTypeError(`"${name}" must be string or None, not ${typeName(src)}`);
  if (chars(src).length !== 1) throw new PyTypeError(`"${name}" must be a 1-character string`);
  return src;
}

/** `_set_bool`. */
function setBool(src: unknown, dflt: boolean): boolean {
  return src === undefined ? dflt : truthy(src);
}

/** `_set_int`: an exact int that fits a C int. */
function setInt(name: string, src: unknown, dflt: number): number {
  if (src === undefined) return dflt;
  if (typeof src !== "bigint") throw new PyTypeError(`"${name}" must be an integer`);
  if (src > 2147483647n || src < -2147483648n)
    throw new OverflowError("Python int too large to convert to C int");
  return Number(src);
}

/** `_set_str`: a str, or None (null: not set). */
function setStr(name: string, src: unknown, dflt: string): string | null {
  if (src === undefined) return dflt;
  if (src === null) return null;
  if (typeof src !== "string") throw new PyTypeError(`"${name}" must be a string`);
  return src;
}

interface Settings {
  delimiter: string;
  doublequote: boolean;
  escapechar: string | null;
  lineterminator: string;
  quotechar: string | null;
  quoting: number;
  skipinitialspace: boolean;
  strict: boolean;
}

/** A class of the C module `_csv` (its `__module__`), builtin as CPython's. */
function cClass(cls: Function, name: string): void {
  markBuiltinClass(cls, name);
  Object.defineProperty(cls, "__module__", { value: "_csv", writable: true, configurable: true });
}

/** `_csv.Dialect`: the checked settings a reader or writer uses (read-only attributes). */
class DialectObj {
  static __tp_name__ = "_csv.Dialect";
  /** @internal */ readonly s: Settings;
  constructor(s: Settings) {
    this.s = s;
  }
  get delimiter(): string {
    return this.s.delimiter;
  }
  get doublequote(): boolean {
    return this.s.doublequote;
  }
  get escapechar(): string | null {
    return this.s.escapechar;
  }
  get lineterminator(): string {
    return this.s.lineterminator;
  }
  get quotechar(): string | null {
    return this.s.quotechar;
  }
  get quoting(): bigint {
    return BigInt(this.s.quoting);
  }
  get skipinitialspace(): boolean {
    return this.s.skipinitialspace;
  }
  get strict(): boolean {
    return this.s.strict;
  }
}
cClass(DialectObj, "Dialect");
for (const name of ["delimiter", "escapechar", "lineterminator", "quotechar", "quoting"]) {
  const d = Object.getOwnPropertyDescriptor(DialectObj.prototype, name)!;
  Object.defineProperty(DialectObj.prototype, name, {
    ...d,
    set(_v: unknown) {
      throw new AttributeError(`attribute '${name}' of '_csv.Dialect' objects is not writable`);
    },
  });
}
for (const name of ["doublequote", "skipinitialspace", "strict"]) {
  const d = Object.getOwnPropertyDescriptor(DialectObj.prototype, name)!;
  Object.defineProperty(DialectObj.prototype, name, {
    ...d,
    set(_v: unknown) {
      throw new AttributeError("readonly attribute");
    },
  });
}

/** The dialect registered as `name` (`get_dialect_from_registry`). */
function fromRegistry(name: unknown): DialectObj {
  const d = typeof name === "string" ? registry().get(name) : undefined;
  if (d === undefined) throw new CsvError("unknown dialect");
  return d;
}

/** `dialect_check_char`. */
function checkChar(name: string, c: string | null, lineterminator: string, allowSpace: boolean) {
  if (c === null) return;
  if (c === "\r" || c === "\n" || (c === " " && !allowSpace))
    throw new ValueError(`bad ${name} value`);
  if (lineterminator.includes(c)) throw new ValueError(`bad ${name} or lineterminator value`);
}

/** `dialect_check_chars`. */
function checkChars(name1: string, name2: string, c1: string | null, c2: string | null) {
  if (c1 === c2 && c1 !== null) throw new ValueError(`bad ${name1} or ${name2} value`);
}

/** `dialect_new`: `_csv.Dialect(dialect=None, **settings)`. */
function makeDialect(dialectArg: unknown, kwargs: Record<string, unknown>): DialectObj {
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs)) {
    if (!(DIALECT_KWS as readonly string[]).includes(k))
      throw new PyTypeError(`this function got an unexpected keyword argument '${k}'`);
    if (k === "dialect") {
      if (dialectArg !== undefined)
        throw new PyTypeError("argument for function given by name ('dialect') and position (1)");
      dialectArg = v;
    } else given[k] = v;
  }
  let dialect = dialectArg;
  if (dialect !== undefined) {
    if (typeof dialect === "string") dialect = fromRegistry(dialect);
    if (dialect instanceof DialectObj && Object.keys(given).length === 0) return dialect;
    for (const name of DIALECT_KWS.slice(1)) {
      if (name in given) continue;
      try {
        given[name] = getattr(dialect, name);
      } catch (e) {
        if (!(e instanceof BaseException)) throw e;
      }
    }
  }
  const quotecharGiven = given.quotechar;
  const s: Settings = {
    delimiter: setChar("delimiter", given.delimiter, ","),
    doublequote: setBool(given.doublequote, true),
    escapechar: setCharOrNone("escapechar", given.escapechar, null),
    lineterminator: setStr("lineterminator", given.lineterminator, "\r\n") as string,
    quotechar: setCharOrNone("quotechar", quotecharGiven, '"'),
    quoting: setInt("quoting", given.quoting, MINIMAL),
    skipinitialspace: setBool(given.skipinitialspace, false),
    strict: setBool(given.strict, false),
  };
  if (!(s.quoting >= MINIMAL && s.quoting <= NOTNULL)) throw new PyTypeError('bad "quoting" value');
  if (quotecharGiven === null && given.quoting === undefined) s.quoting = NONE;
  if (s.quoting !== NONE && s.quotechar === null)
    throw new PyTypeError("quotechar must be set if quoting enabled");
  if (s.lineterminator === null) throw new PyTypeError("lineterminator must be set");
  checkChar("delimiter", s.delimiter, s.lineterminator, true);
  checkChar("escapechar", s.escapechar, s.lineterminator, !s.skipinitialspace);
  checkChar("quotechar", s.quotechar, s.lineterminator, !s.skipinitialspace);
  checkChars("delimiter", "escapechar", s.delimiter, s.escapechar);
  checkChars("delimiter", "quotechar", s.delimiter, s.quotechar);
  checkChars("escapechar", "quotechar", s.escapechar, s.quotechar);
  return new DialectObj(s);
}

/** `PyArg_UnpackTuple(args, "", 1, 2, ...)` of reader, writer and register_dialect. */
function unpackArgs(args: unknown[]): [unknown[], Record<string, unknown>] {
  const n = args.length;
  let kwargs: Record<string, unknown> = {};
  let pos = args;
  if (n > 0 && args[n - 1] instanceof Kw) {
    kwargs = (args[n - 1] as Kw).kwargs as Record<string, unknown>;
    pos = args.slice(0, n - 1);
  }
  if (pos.length < 1) throw new PyTypeError(` expected at least 1 argument, got ${pos.length}`);
  if (pos.length > 2) throw new PyTypeError(` expected at most 2 arguments, got ${pos.length}`);
  return [pos, kwargs];
}

// ---------------------------------------------------------------- registry

let registryMap: Map<string, DialectObj> | null = null;

/** The dialect registry, with csv.py's three dialects registered on first use (the load order
 * rule of docs/ARCHITECTURE.md: no calls into other modules while this one loads). */
function registry(): Map<string, DialectObj> {
  if (registryMap === null) {
    registryMap = new Map();
    registryMap.set("excel", makeDialect(excel, {}));
    registryMap.set("excel-tab", makeDialect(excel_tab, {}));
    registryMap.set("unix", makeDialect(unix_dialect, {}));
  }
  return registryMap;
}
let fieldLimit = 131072n;

/** `register_dialect(name[, dialect[, **fmtparams]])`. */
export function register_dialect(...args: unknown[]): null {
  const [[name, dialect], kwargs] = unpackArgs(args);
  if (typeof name !== "string") throw new PyTypeError("dialect name must be a string");
  const d = makeDialect(dialect, kwargs);
  registry().set(name, d);
  return null;
}

/** `unregister_dialect(name)`. */
export function unregister_dialect(name: unknown): null {
  if (typeof name !== "string" || !registry().delete(name)) throw new CsvError("unknown dialect");
  return null;
}

/** `get_dialect(name)`. */
export function get_dialect(name: unknown): DialectObj {
  return fromRegistry(name);
}

/** `list_dialects()`. */
export function list_dialects(): string[] {
  return [...registry().keys()];
}

/** `field_size_limit([new_limit])`: the old limit. */
export function field_size_limit(...args: unknown[]): bigint {
  let pos = args;
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    const kws = (args[args.length - 1] as Kw).kwargs as Record<string, unknown>;
    pos = args.slice(0, -1);
    for (const [k, v] of Object.entries(kws)) {
      if (k !== "new_limit")
        throw new PyTypeError(`field_size_limit() got an unexpected keyword argument '${k}'`);
      if (pos.length > 0)
        throw new PyTypeError(
          "argument for field_size_limit() given by name ('new_limit') and position (1)",
        );
      pos = [v];
    }
  }
  if (pos.length > 1)
    throw new PyTypeError(`field_size_limit() takes at most 1 argument (${pos.length} given)`);
  const old = fieldLimit;
  if (pos.length === 1) {
    const v = pos[0];
    if (typeof v !== "bigint") throw new PyTypeError("limit must be an integer");
    if (v > 9223372036854775807n || v < -9223372036854775808n)
      throw new OverflowError("Python int too large to convert to C long");
    fieldLimit = v;
  }
  return old;
}

// ---------------------------------------------------------------- reader

enum State {
  START_RECORD,
  START_FIELD,
  ESCAPED_CHAR,
  IN_FIELD,
  IN_QUOTED_FIELD,
  ESCAPE_IN_QUOTED_FIELD,
  QUOTE_IN_QUOTED_FIELD,
  EAT_CRNL,
  AFTER_ESCAPED_CRNL,
}

/** The end-of-line marker fed to the machine after each input line. */
const EOL = null;

/** `_csv.reader`: an iterator of records (lists of fields). */
class ReaderObj implements IterableIterator<unknown[]> {
  static __tp_name__ = "_csv.reader";
  #dialect: DialectObj;
  #lineNum = 0n;
  #input: Iterator<unknown>;
  #fields: unknown[] = [];
  #field: string[] = [];
  #state = State.START_RECORD;
  #unquoted = false;

  constructor(input: Iterator<unknown>, dialect: DialectObj) {
    this.#input = input;
    this.#dialect = dialect;
  }

  get dialect(): DialectObj {
    return this.#dialect;
  }
  set dialect(_v: unknown) {
    throw new AttributeError("readonly attribute");
  }

  get line_num(): bigint {
    return this.#lineNum;
  }
  set line_num(_v: unknown) {
    throw new AttributeError("readonly attribute");
  }

  /** `parse_save_field`. */
  #save(): void {
    const q = this.dialect.s.quoting;
    let field: unknown;
    if (this.#unquoted && this.#field.length === 0 && (q === NOTNULL || q === STRINGS)) {
      field = null;
    } else {
      const text = this.#field.join("");
      field = text;
      if (this.#unquoted && this.#field.length !== 0 && (q === NONNUMERIC || q === STRINGS))
        field = parseFloat_(text);
      this.#field = [];
    }
    this.#fields.push(field);
  }

  /** `parse_add_char`. */
  #add(c: string): void {
    if (BigInt(this.#field.length) >= fieldLimit)
      throw new CsvError(`field larger than field limit (${fieldLimit})`);
    this.#field.push(c);
  }

  /** `parse_process_char`: one code point, or EOL. */
  #process(c: string | null): void {
    const d = this.dialect.s;
    const quoting = d.quoting !== NONE;
    switch (this.#state) {
      case State.START_RECORD:
        if (c === EOL) return;
        if (c === "\n" || c === "\r") {
          this.#state = State.EAT_CRNL;
          return;
        }
        this.#state = State.START_FIELD;
        this.#startField(c);
        return;
      case State.START_FIELD:
        this.#startField(c);
        return;
      case State.ESCAPED_CHAR:
        if (c === "\n" || c === "\r") {
          this.#add(c);
          this.#state = State.AFTER_ESCAPED_CRNL;
          return;
        }
        this.#add(c === EOL ? "\n" : c);
        this.#state = State.IN_FIELD;
        return;
      case State.AFTER_ESCAPED_CRNL:
        if (c === EOL) return;
        this.#inField(c);
        return;
      case State.IN_FIELD:
        this.#inField(c);
        return;
      case State.IN_QUOTED_FIELD:
        if (c === EOL) return;
        if (c === d.escapechar) this.#state = State.ESCAPE_IN_QUOTED_FIELD;
        else if (c === d.quotechar && quoting)
          this.#state = d.doublequote ? State.QUOTE_IN_QUOTED_FIELD : State.IN_FIELD;
        else this.#add(c);
        return;
      case State.ESCAPE_IN_QUOTED_FIELD:
        this.#add(c === EOL ? "\n" : c);
        this.#state = State.IN_QUOTED_FIELD;
        return;
      case State.QUOTE_IN_QUOTED_FIELD:
        if (quoting && c !== EOL && c === d.quotechar) {
          this.#add(c);
          this.#state = State.IN_QUOTED_FIELD;
        } else if (c === d.delimiter) {
          this.#save();
          this.#state = State.START_FIELD;
        } else if (c === "\n" || c === "\r" || c === EOL) {
          this.#save();
          this.#state = c === EOL ? State.START_RECORD : State.EAT_CRNL;
        } else if (!d.strict) {
          this.#add(c);
          this.#state = State.IN_FIELD;
        } else {
          throw new CsvError(`'${d.delimiter}' expected after '${d.quotechar}'`);
        }
        return;
      case State.EAT_CRNL:
        if (c === "\n" || c === "\r") return;
        if (c === EOL) {
          this.#state = State.START_RECORD;
          return;
        }
        throw new CsvError(
          "new-line character seen in unquoted field - do you need to open the file with newline=''?",
        );
    }
  }

  #startField(c: string | null): void {
    const d = this.dialect.s;
    this.#unquoted = true;
    if (c === "\n" || c === "\r" || c === EOL) {
      this.#save();
      this.#state = c === EOL ? State.START_RECORD : State.EAT_CRNL;
    } else if (c === d.quotechar && d.quoting !== NONE) {
      this.#unquoted = false;
      this.#state = State.IN_QUOTED_FIELD;
    } else if (c === d.escapechar) {
      this.#state = State.ESCAPED_CHAR;
    } else if (c === " " && d.skipinitialspace) {
      // Spaces at the start of a field are skipped.
    } else if (c === d.delimiter) {
      this.#save();
    } else {
      this.#add(c);
      this.#state = State.IN_FIELD;
    }
  }

  #inField(c: string | null): void {
    const d = this.dialect.s;
    if (c === "\n" || c === "\r" || c === EOL) {
      this.#save();
      this.#state = c === EOL ? State.START_RECORD : State.EAT_CRNL;
    } else if (c === d.escapechar) {
      this.#state = State.ESCAPED_CHAR;
    } else if (c === d.delimiter) {
      this.#save();
      this.#state = State.START_FIELD;
    } else {
      this.#add(c);
    }
  }

  /** `Reader_iternext`: the next record, or undefined at the end of the input. */
  #nextRecord(): unknown[] | undefined {
    this.#fields = [];
    this.#field = [];
    this.#state = State.START_RECORD;
    this.#unquoted = false;
    do {
      const r = this.#input.next();
      if (r.done) {
        if (this.#field.length !== 0 || (this.#state as State) === State.IN_QUOTED_FIELD) {
          if (this.dialect.s.strict) throw new CsvError("unexpected end of data");
          this.#save();
          break;
        }
        return undefined;
      }
      const line = r.value;
      if (typeof line !== "string")
        throw new CsvError(
          `iterator should return strings, not ${typeName(line)} (the file should be opened in text mode)`,
        );
      this.#lineNum++;
      for (const c of line) this.#process(c);
      this.#process(EOL);
    } while (this.#state !== State.START_RECORD);
    const fields = this.#fields;
    this.#fields = [];
    return fields;
  }

  next(): IteratorResult<unknown[]> {
    const rec = this.#nextRecord();
    return rec === undefined ? { done: true, value: undefined } : { done: false, value: rec };
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): unknown[] {
    const rec = this.#nextRecord();
    if (rec === undefined) throw new StopIteration();
    return rec;
  }
}
cClass(ReaderObj, "reader");

/** `reader(iterable, dialect='excel', **fmtparams)`. */
export function reader(...args: unknown[]): ReaderObj {
  const [[input, dialect], kwargs] = unpackArgs(args);
  const it = iter(input);
  return new ReaderObj(it, makeDialect(dialect, kwargs));
}

// ---------------------------------------------------------------- writer

/** `PyNumber_Check`: an int, float, complex or an object convertible to one. */
function isNumber(x: unknown): boolean {
  if (typeof x === "bigint" || typeof x === "number" || typeof x === "boolean") return true;
  if (x === null || typeof x !== "object") return false;
  const o = x as Record<string, unknown>;
  return ["__index__", "__int__", "__float__", "__complex__"].some(
    (m) => typeof o[m] === "function",
  );
}

/** `_csv.writer`: writes records to an object with a `write` method. */
class WriterObj {
  static __tp_name__ = "_csv.writer";
  #dialect: DialectObj;
  #write: unknown;

  constructor(write: unknown, dialect: DialectObj) {
    this.#write = write;
    this.#dialect = dialect;
  }

  get dialect(): DialectObj {
    return this.#dialect;
  }
  set dialect(_v: unknown) {
    throw new AttributeError("readonly attribute");
  }

  /** `join_append_data`: the field as it goes in the record (null field: None). */
  #joinField(field: string | null, quoted: boolean): string {
    const d = this.dialect.s;
    let out = "";
    for (const c of field ?? "") {
      let wantEscape = false;
      if (
        c === d.delimiter ||
        c === d.escapechar ||
        c === d.quotechar ||
        c === "\n" ||
        c === "\r" ||
        d.lineterminator.includes(c)
      ) {
        if (d.quoting === NONE) wantEscape = true;
        else {
          if (c === d.quotechar) {
            if (d.doublequote) out += d.quotechar;
            else wantEscape = true;
          } else if (c === d.escapechar) wantEscape = true;
          if (!wantEscape) quoted = true;
        }
        if (wantEscape) {
          if (d.escapechar === null) throw new CsvError("need to escape, but no escapechar set");
          out += d.escapechar;
        }
      }
      out += c;
    }
    return quoted ? `${d.quotechar}${out}${d.quotechar}` : out;
  }

  /** `join_append`. */
  #append(parts: string[], field: string | null, quoted: boolean): void {
    const d = this.dialect.s;
    if ((field ?? "") === "" && d.delimiter === " " && d.skipinitialspace) {
      if (
        d.quoting === NONE ||
        (field === null && (d.quoting === STRINGS || d.quoting === NOTNULL))
      )
        throw new CsvError(
          "empty field must be quoted if delimiter is a space and skipinitialspace is true",
        );
      quoted = true;
    }
    parts.push(this.#joinField(field, quoted));
  }

  /** `writerow(row)`: what the file's `write` returned. */
  writerow(...args: unknown[]): unknown {
    if (args.length !== 1 || args[0] instanceof Kw) {
      if (args.length > 0 && args[args.length - 1] instanceof Kw)
        throw new PyTypeError("writer.writerow() takes no keyword arguments");
      throw new PyTypeError(`writer.writerow() takes exactly one argument (${args.length} given)`);
    }
    return this.#writerow(args[0]);
  }

  #writerow(seq: unknown): unknown {
    const d = this.dialect.s;
    let it: Iterator<unknown>;
    try {
      it = iter(seq);
    } catch (e) {
      if (e instanceof PyTypeError) throw new CsvError(`iterable expected, not ${typeName(seq)}`);
      throw e;
    }
    const parts: string[] = [];
    let nullField = false;
    for (let r = it.next(); !r.done; r = it.next()) {
      const field = r.value;
      let quoted: boolean;
      switch (d.quoting) {
        case NONNUMERIC:
          quoted = !isNumber(field);
          break;
        case ALL:
          quoted = true;
          break;
        case STRINGS:
          quoted = typeof field === "string";
          break;
        case NOTNULL:
          quoted = field !== null;
          break;
        default:
          quoted = false;
      }
      nullField = field === null;
      if (typeof field === "string") this.#append(parts, field, quoted);
      else if (nullField) this.#append(parts, null, quoted);
      else this.#append(parts, str(field), quoted);
    }
    let record = parts.join(d.delimiter);
    if (parts.length > 0 && record === "") {
      if (d.quoting === NONE || (nullField && (d.quoting === STRINGS || d.quoting === NOTNULL)))
        throw new CsvError("single empty field record must be quoted");
      parts.pop();
      this.#append(parts, null, true);
      record = parts.join(d.delimiter);
    }
    return call(this.#write, record + d.lineterminator);
  }

  /** `writerows(rows)`. */
  writerows(...args: unknown[]): null {
    if (args.length !== 1 || args[0] instanceof Kw) {
      if (args.length > 0 && args[args.length - 1] instanceof Kw)
        throw new PyTypeError("writer.writerows() takes no keyword arguments");
      throw new PyTypeError(`writer.writerows() takes exactly one argument (${args.length} given)`);
    }
    for (const row of iter(args[0])) this.#writerow(row);
    return null;
  }
}
cClass(WriterObj, "writer");

/** `writer(fileobj, dialect='excel', **fmtparams)`. */
export function writer(...args: unknown[]): WriterObj {
  const [[file, dialect], kwargs] = unpackArgs(args);
  const write = getattr(file, "write", null);
  if (write === null || !callable(write))
    throw new PyTypeError('argument 1 must have a "write" method');
  return new WriterObj(write, makeDialect(dialect, kwargs));
}

cFunctions("_csv", [
  reader,
  writer,
  register_dialect,
  unregister_dialect,
  get_dialect,
  list_dialects,
  field_size_limit,
]);

// ---------------------------------------------------------------- csv.py: Dialect classes

/** A signature made at first use (see `registry`). */
function lazySig(make: () => ReturnType<typeof signature>): () => ReturnType<typeof signature> {
  let sig: ReturnType<typeof signature> | null = null;
  return () => {
    sig ??= make();
    return sig;
  };
}

const DIALECT_ATTRS = [
  "_name",
  "_valid",
  "delimiter",
  "quotechar",
  "escapechar",
  "doublequote",
  "skipinitialspace",
  "lineterminator",
  "quoting",
];

/** csv.py's `Dialect`: describes a dialect by class attributes; must be subclassed. */
class DialectBase {
  static __doc__: string | null =
    "Describe a CSV dialect.\n\nThis must be subclassed (see csv.excel).  Valid attributes are:\n" +
    "delimiter, quotechar, escapechar, doublequote, skipinitialspace,\nlineterminator, quoting.\n\n";
  static _name = "";
  static _valid = false;
  static delimiter: unknown = null;
  static quotechar: unknown = null;
  static escapechar: unknown = null;
  static doublequote: unknown = null;
  static skipinitialspace: unknown = null;
  static lineterminator: unknown = null;
  static quoting: unknown = null;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, DialectBase, args);
  }

  __init__(...args: unknown[]): null {
    bind(DIALECT_INIT(), args);
    if (this.constructor !== Dialect) (this as Record<string, unknown>)._valid = true;
    callMethod(this, "_validate");
    return null;
  }

  _validate(): null {
    try {
      makeDialect(this, {});
    } catch (e) {
      if (e instanceof PyTypeError) throw new CsvError(str(e));
      throw e;
    }
    return null;
  }
}
const DIALECT_INIT = lazySig(() => signature("Dialect.__init__", [], {}, 1));
// The class attributes, read through instances as Python does (a subclass's override included);
// assigning one on an instance makes it the instance's own.
for (const name of DIALECT_ATTRS) {
  Object.defineProperty(DialectBase.prototype, name, {
    get(this: object) {
      return getattr(this.constructor, name);
    },
    set(this: object, v: unknown) {
      Object.defineProperty(this, name, {
        value: v,
        writable: true,
        configurable: true,
        enumerable: true,
      });
    },
    configurable: true,
  });
}
export const Dialect = libraryClass(DialectBase, "Dialect", "csv");

class ExcelDialect extends Dialect {
  static override __doc__ = "Describe the usual properties of Excel-generated CSV files.";
  static override delimiter: unknown = ",";
  static override quotechar: unknown = '"';
  static override doublequote: unknown = true;
  static override skipinitialspace: unknown = false;
  static override lineterminator: unknown = "\r\n";
  static override quoting: unknown = QUOTE_MINIMAL;
}
/** `excel`: the usual properties of Excel-generated CSV files. */
export const excel = libraryClass(ExcelDialect, "excel", "csv");

class ExcelTabDialect extends excel {
  static override __doc__ = "Describe the usual properties of Excel-generated TAB-delimited files.";
  static override delimiter: unknown = "\t";
}
/** `excel_tab`: Excel-generated TAB-delimited files. */
export const excel_tab = libraryClass(ExcelTabDialect, "excel_tab", "csv");

class UnixDialect extends Dialect {
  static override __doc__ = "Describe the usual properties of Unix-generated CSV files.";
  static override delimiter: unknown = ",";
  static override quotechar: unknown = '"';
  static override doublequote: unknown = true;
  static override skipinitialspace: unknown = false;
  static override lineterminator: unknown = "\n";
  static override quoting: unknown = QUOTE_ALL;
}
/** `unix_dialect`: Unix-generated CSV files (every field quoted, "\n" line ends). */
export const unix_dialect = libraryClass(UnixDialect, "unix_dialect", "csv");

// ---------------------------------------------------------------- csv.py: DictReader, DictWriter

/** `fieldnames` as csv.py keeps it: an iterator is made a list. */
function fieldnamesArg(fieldnames: unknown): unknown {
  if (fieldnames !== null) {
    const it = iter(fieldnames);
    if ((it as unknown) === fieldnames) return toArray(fieldnames);
  }
  return fieldnames;
}

const DICT_READER_INIT = lazySig(() =>
  signature(
    "DictReader.__init__",
    ["f", "fieldnames", "restkey", "restval", "dialect", "*args", "**kwds"],
    { fieldnames: null, restkey: null, restval: null, dialect: "excel" },
    1,
  ),
);

/** Positional and keyword arguments as one argument list. */
function withKw(pos: unknown[], kwds: Dict): unknown[] {
  const kws: Record<string, unknown> = {};
  for (const [k, v] of kwds.items() as Iterable<[unknown, unknown]>) kws[k as string] = v;
  return Object.keys(kws).length > 0 ? [...pos, new Kw(kws)] : pos;
}

/** csv.py's `DictReader`: each record as a dict keyed by the field names. */
class DictReaderImpl implements IterableIterator<Dict> {
  _fieldnames: unknown = null;
  restkey: unknown = null;
  restval: unknown = null;
  reader: unknown = null;
  dialect: unknown = null;
  line_num: unknown = 0n;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, DictReaderImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [f, fieldnames, restkey, restval, dialect, rest, kwds] = bind(DICT_READER_INIT(), args);
    this._fieldnames = fieldnamesArg(fieldnames);
    this.restkey = restkey;
    this.restval = restval;
    this.reader = reader(...withKw([f, dialect, ...toArray(rest)], kwds));
    this.dialect = dialect;
    this.line_num = 0n;
    return null;
  }

  __iter__(): this {
    return this;
  }
  [Symbol.iterator](): this {
    return this;
  }

  get fieldnames(): unknown {
    if (this._fieldnames === null) {
      try {
        this._fieldnames = callMethod(this.reader, "__next__");
      } catch (e) {
        if (!(e instanceof StopIteration)) throw e;
      }
    }
    this.line_num = getattr(this.reader, "line_num");
    return this._fieldnames;
  }
  set fieldnames(value: unknown) {
    this._fieldnames = value;
  }

  __next__(): Dict {
    if (this.line_num === 0n) void this.fieldnames;
    let row = toArray(callMethod(this.reader, "__next__"));
    this.line_num = getattr(this.reader, "line_num");
    while (row.length === 0) row = toArray(callMethod(this.reader, "__next__"));
    const names = toArray(this.fieldnames);
    const d = new Dict();
    for (let i = 0; i < Math.min(names.length, row.length); i++) d.__setitem__(names[i], row[i]);
    if (names.length < row.length) d.__setitem__(this.restkey, row.slice(names.length));
    else for (const key of names.slice(row.length)) d.__setitem__(key, this.restval);
    return d;
  }

  next(): IteratorResult<Dict> {
    try {
      return { done: false, value: callMethod(this, "__next__") as Dict };
    } catch (e) {
      if (e instanceof StopIteration) return { done: true, value: undefined };
      throw e;
    }
  }
}
export const DictReader = libraryClass(DictReaderImpl, "DictReader", "csv");

const DICT_WRITER_INIT = lazySig(() =>
  signature(
    "DictWriter.__init__",
    ["f", "fieldnames", "restval", "extrasaction", "dialect", "*args", "**kwds"],
    { restval: "", extrasaction: "raise", dialect: "excel" },
    1,
  ),
);

/** csv.py's `DictWriter`: writes dicts as records in the order of `fieldnames`. */
class DictWriterImpl {
  fieldnames: unknown = null;
  restval: unknown = "";
  extrasaction: unknown = "raise";
  writer: unknown = null;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, DictWriterImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [f, fieldnames, restval, extrasaction, dialect, rest, kwds] = bind(
      DICT_WRITER_INIT(),
      args,
    );
    this.fieldnames = fieldnamesArg(fieldnames);
    this.restval = restval;
    const action = callMethod(extrasaction, "lower");
    if (action !== "raise" && action !== "ignore")
      throw new ValueError(`extrasaction (${str(action)}) must be 'raise' or 'ignore'`);
    this.extrasaction = action;
    this.writer = writer(...withKw([f, dialect, ...toArray(rest)], kwds));
    return null;
  }

  /** `writeheader()`: the field names as a record. */
  writeheader(): unknown {
    const header = new Dict();
    for (const name of iter(this.fieldnames)) header.__setitem__(name, name);
    return callMethod(this, "writerow", header);
  }

  _dict_to_list(rowdict: unknown): unknown[] {
    if (this.extrasaction === "raise") {
      const wrong = toArray(callMethod(rowdict, "keys")).filter(
        (k) => !contains(this.fieldnames, k),
      );
      if (wrong.length > 0)
        throw new ValueError(
          `dict contains fields not in fieldnames: ${wrong.map((k) => repr(k)).join(", ")}`,
        );
    }
    return toArray(this.fieldnames).map((key) => callMethod(rowdict, "get", key, this.restval));
  }

  /** `writerow(rowdict)`: what the file's `write` returned. */
  writerow(rowdict: unknown): unknown {
    return callMethod(this.writer, "writerow", callMethod(this, "_dict_to_list", rowdict));
  }

  /** `writerows(rowdicts)`. */
  writerows(rowdicts: unknown): unknown {
    const self = this;
    function* rows(): Generator<unknown> {
      for (const r of iter(rowdicts)) yield callMethod(self, "_dict_to_list", r);
    }
    return callMethod(this.writer, "writerows", rows());
  }
}
export const DictWriter = libraryClass(DictWriterImpl, "DictWriter", "csv");

// ---------------------------------------------------------------- csv.py: Sniffer

type Re = typeof import("./re");
/** The runtime's `re` (loaded on first use, as string.ts does): Python's regex semantics. */
function re(): Re {
  return require("./re") as Re;
}

/** `s.count(sub)`: non-overlapping occurrences. */
function countOf(s: string, sub: string): number {
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

const NUM = String.raw`(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)`;
const COMPLEX_RE = new RegExp(`^(?:[+-]?${NUM}|[+-]?${NUM}?j|[+-]?${NUM}[+-]${NUM}?j)$`, "i");
const PY_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;

/** Whether `complex(s)` accepts the str `s` (has_header's type test). */
function complexParses(s: string): boolean {
  let t = s.replace(PY_SPACE, "");
  if (t.startsWith("(") && t.endsWith(")")) t = t.slice(1, -1).replace(PY_SPACE, "");
  return COMPLEX_RE.test(t);
}

/** has_header's column type: `complex`, or a str length. */
const COMPLEX = Symbol("complex");

/** Increment a count in a Map that keeps insertion order, as a dict does. */
function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** The first key with the largest count (`max(d, key=d.get)`). */
function argmax<K>(m: Map<K, number>): K {
  let best: K | undefined;
  let bestN = -Infinity;
  for (const [k, n] of m) {
    if (n > bestN) {
      best = k;
      bestN = n;
    }
  }
  return best as K;
}

/** csv.py's `Sniffer`: guesses the dialect of a sample, and whether it starts with a header. */
class SnifferImpl {
  static __doc__ =
    '\n"Sniffs" the format of a CSV file (i.e. delimiter, quotechar)\nReturns a Dialect object.\n';
  preferred: unknown = null;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, SnifferImpl, args);
  }

  __init__(...args: unknown[]): null {
    bind(SNIFFER_INIT(), args);
    this.preferred = [",", "\t", ";", " ", ":"];
    return null;
  }

  /** `sniff(sample, delimiters=None)`: a new `Dialect` subclass. */
  sniff(...args: unknown[]): unknown {
    const [sample, delimiters] = bind(SNIFF(), args);
    let [quotechar, doublequote, delimiter, skipinitialspace] = toArray(
      callMethod(this, "_guess_quote_and_delimiter", sample, delimiters),
    );
    if (!truthy(delimiter))
      [delimiter, skipinitialspace] = toArray(
        callMethod(this, "_guess_delimiter", sample, delimiters),
      );
    if (!truthy(delimiter)) throw new CsvError("Could not determine delimiter");
    class SniffedDialect extends Dialect {
      static override __doc__ = null;
      static override _name = "sniffed";
      static override lineterminator: unknown = "\r\n";
      static override quoting: unknown = QUOTE_MINIMAL;
    }
    const dialect = libraryClass(SniffedDialect, "dialect", "csv");
    Object.defineProperty(SniffedDialect, "__qualname__", {
      value: "Sniffer.sniff.<locals>.dialect",
      writable: true,
      configurable: true,
    });
    SniffedDialect.doublequote = doublequote;
    SniffedDialect.delimiter = delimiter;
    SniffedDialect.quotechar = truthy(quotechar) ? quotechar : '"';
    SniffedDialect.skipinitialspace = skipinitialspace;
    return dialect;
  }

  _guess_quote_and_delimiter(data: unknown, delimiters: unknown): unknown[] {
    const flags = callMethod(re().DOTALL, "__or__", re().MULTILINE);
    let matches: unknown[] = [];
    let regexp: unknown = null;
    for (const restr of [
      String.raw`(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?(?P=quote)(?P=delim)`,
      String.raw`(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?P<delim>[^\w\n"\'])(?P<space> ?)`,
      String.raw`(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?(?P=quote)(?:$|\n)`,
      String.raw`(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?:$|\n)`,
    ]) {
      regexp = re().compile(restr, flags);
      matches = toArray(callMethod(regexp, "findall", data));
      if (matches.length > 0) break;
    }
    if (matches.length === 0) return new Tuple(["", false, null, 0n]) as unknown as unknown[];
    const quotes = new Map<string, number>();
    const delims = new Map<string, number>();
    let spaces = 0;
    const groupindex = getattr(regexp, "groupindex");
    const group = (m: unknown, name: string): string | undefined => {
      const n = callMethod(groupindex, "get", name, null);
      return n === null ? undefined : (getitem(m, (n as bigint) - 1n) as string);
    };
    for (const m of matches) {
      const q = group(m, "quote")!;
      if (q) bump(quotes, q);
      const d = group(m, "delim");
      if (d === undefined) continue;
      if (d && (delimiters === null || contains(delimiters, d))) bump(delims, d);
      const sp = group(m, "space");
      if (sp === undefined) continue;
      if (sp) spaces++;
    }
    const quotechar = argmax(quotes);
    let delim: string;
    let skipinitialspace: unknown;
    if (delims.size > 0) {
      delim = argmax(delims);
      skipinitialspace = delims.get(delim) === spaces;
      if (delim === "\n") delim = "";
    } else {
      delim = "";
      skipinitialspace = 0n;
    }
    const ed = re().escape(delim) as string;
    const dq = re().compile(
      String.raw`((${ed})|^)\W*${quotechar}[^${ed}\n]*${quotechar}[^${ed}\n]*${quotechar}\W*((${ed})|$)`,
      re().MULTILINE,
    );
    const doublequote = callMethod(dq, "search", data) !== null;
    return new Tuple([quotechar, doublequote, delim, skipinitialspace]) as unknown as unknown[];
  }

  _guess_delimiter(data0: unknown, delimiters: unknown): unknown[] {
    const data = (data0 as string).split("\n").filter((l) => l !== "");
    const ascii = Array.from({ length: 127 }, (_, c) => String.fromCharCode(c));
    const chunkLength = Math.min(10, data.length);
    let iteration = 0;
    const charFrequency = new Map<string, Map<number, number>>();
    const modes = new Map<string, [number, number]>();
    const delims = new Map<string, [number, number]>();
    const skip = (d: string): boolean => countOf(data[0]!, d) === countOf(data[0]!, `${d} `);
    let start = 0;
    let end = chunkLength;
    while (start < data.length) {
      iteration++;
      for (const line of data.slice(start, end)) {
        for (const char of ascii) {
          const meta = charFrequency.get(char) ?? new Map<number, number>();
          bump(meta, countOf(line, char));
          charFrequency.set(char, meta);
        }
      }
      for (const [char, meta] of charFrequency) {
        const items = [...meta];
        if (items.length === 1 && items[0]![0] === 0) continue;
        if (items.length > 1) {
          let best = 0;
          for (let i = 1; i < items.length; i++) if (items[i]![1] > items[best]![1]) best = i;
          const mode = items[best]!;
          items.splice(best, 1);
          modes.set(char, [mode[0], mode[1] - items.reduce((a, it) => a + it[1], 0)]);
        } else {
          modes.set(char, items[0]!);
        }
      }
      const total = Math.min(chunkLength * iteration, data.length);
      let consistency = 1.0;
      const threshold = 0.9;
      while (delims.size === 0 && consistency >= threshold) {
        for (const [k, v] of modes) {
          if (v[0] > 0 && v[1] > 0) {
            if (v[1] / total >= consistency && (delimiters === null || contains(delimiters, k)))
              delims.set(k, v);
          }
        }
        consistency -= 0.01;
      }
      if (delims.size === 1) {
        const delim = [...delims.keys()][0]!;
        return new Tuple([delim, skip(delim)]) as unknown as unknown[];
      }
      start = end;
      end += chunkLength;
    }
    if (delims.size === 0) return new Tuple(["", 0n]) as unknown as unknown[];
    if (delims.size > 1) {
      for (const d of iter(this.preferred)) {
        if (typeof d === "string" && delims.has(d))
          return new Tuple([d, skip(d)]) as unknown as unknown[];
      }
    }
    const items = [...delims].sort(([ka, va], [kb, vb]) =>
      va[0] !== vb[0] ? va[0] - vb[0] : va[1] !== vb[1] ? va[1] - vb[1] : ka < kb ? -1 : 1,
    );
    const delim = items[items.length - 1]![0];
    return new Tuple([delim, skip(delim)]) as unknown as unknown[];
  }

  /** `has_header(sample)`: whether the first row looks like column names. */
  has_header(sample: unknown): boolean {
    const rdr = reader(new StringIO(sample), callMethod(this, "sniff", sample));
    const header = rdr.__next__() as string[];
    const columns = header.length;
    const columnTypes = new Map<number, typeof COMPLEX | number | null>();
    for (let i = 0; i < columns; i++) columnTypes.set(i, null);
    let checked = 0;
    for (const row of rdr) {
      if (checked > 20) break;
      checked++;
      if (row.length !== columns) continue;
      for (const col of [...columnTypes.keys()]) {
        const cell = row[col] as string;
        const thisType = complexParses(cell) ? COMPLEX : Array.from(cell).length;
        if (thisType !== columnTypes.get(col)) {
          if (columnTypes.get(col) === null) columnTypes.set(col, thisType);
          else columnTypes.delete(col);
        }
      }
    }
    let hasHeader = 0;
    for (const [col, colType] of columnTypes) {
      if (typeof colType === "number") {
        hasHeader += Array.from(header[col]!).length !== colType ? 1 : -1;
      } else if (colType === COMPLEX) {
        hasHeader += complexParses(header[col]!) ? -1 : 1;
      } else {
        // None called on the header cell: TypeError, counted as a header.
        hasHeader += 1;
      }
    }
    return hasHeader > 0;
  }
}
const SNIFFER_INIT = lazySig(() => signature("Sniffer.__init__", [], {}, 1));
const SNIFF = lazySig(() =>
  signature("Sniffer.sniff", ["sample", "delimiters"], { delimiters: null }, 1),
);
export const Sniffer = libraryClass(SnifferImpl, "Sniffer", "csv");
