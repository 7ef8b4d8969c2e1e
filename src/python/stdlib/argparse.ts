/**
 * Python's `argparse`, written in TypeScript after the behaviour of CPython 3.13.0's
 * `Lib/argparse.py`, so that parsing, usage and help text, and every error message come out byte
 * for byte as CPython's.
 *
 * How: the module keeps CPython's structure and names. `HelpFormatter` builds help from sections
 * of deferred items and wraps with `textwrap`; the action classes (`_StoreAction`, ...) are
 * library classes with Python's `__init__` signatures, so programs can subclass `Action`,
 * `HelpFormatter` and `ArgumentParser` and override the same methods (`__call__`, `error`,
 * `_split_lines`, ...). The help formatters are registered as Python classes (mro.ts), so
 * programs combine them by multiple inheritance as CPython's mixins. Parsing classifies the
 * argument strings into a pattern of `O` (option), `A` (argument) and `-` (after `--`) and
 * matches `nargs` patterns against it with regular expressions, exactly as CPython's
 * `_parse_known_args`; those patterns are plain enough that a JS RegExp anchored at the start
 * behaves as Python's `re.match`. Values are the runtime's Python
 * values: lists are JS arrays, ints bigints, `None` null; a `Namespace` keeps its attributes as own
 * properties. Errors print `usage:` and `PROG: error: MSG` to `sys.stderr` and raise
 * `SystemExit(2)`; help and version go to `sys.stdout` (both follow redirection). The width comes
 * from `shutil.get_terminal_size()`'s rule: `COLUMNS`, else the terminal's width, else 80; minus 2.
 *
 * The DeprecationWarning of `BooleanOptionalAction`'s `type`/`choices`/`metavar` names
 * `argparse.py` without CPython's directory.
 */

import { open as openFile } from "../_io";
import { eq } from "../compare";
import { Dict } from "../dict";
import {
  AttributeError,
  type BaseException,
  caught,
  DeprecationWarning,
  Exception,
  exceptionMessage,
  NotImplementedError,
  OSError,
  TypeError as PyTypeError,
  SystemExit,
  ValueError,
} from "../exceptions";
import { percentFormat } from "../format";
import { streams } from "../io";
import { Kw } from "../kw";
import { hasMultipleBases, registerPyclass, runsOwnInit } from "../mro";
import { NotImplemented } from "../objects";
import { add } from "../operators";
import {
  call,
  callable,
  callMethod,
  contains,
  getattr,
  hasattr,
  iter,
  setattr,
  toArray,
  truthy,
  vars,
} from "../protocol";
import { repr, str } from "../repr";
import { strMethods } from "../str";
import { Tuple } from "../tuple";
import { copy } from "./copy";
import { sys } from "./sys";
import { fill, wrap } from "./textwrap";
import { bindArgs, initFromConstructor, libraryClass, takeKw } from "./types";
import { warn, warn_explicit } from "./warnings";

export const SUPPRESS = "==SUPPRESS==";
export const OPTIONAL = "?";
export const ZERO_OR_MORE = "*";
export const ONE_OR_MORE = "+";
export const PARSER = "A...";
export const REMAINDER = "...";
const UNRECOGNIZED_ARGS_ATTR = "_unrecognized_args";

type Obj = any;

// ---- small helpers

/** Python's `len` of a str (code points). */
function plen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function spaces(n: number): string {
  return n > 0 ? " ".repeat(n) : "";
}

/** `'%-*s' % (width, s)`. */
function ljust(s: string, width: number): string {
  return s + spaces(width - plen(s));
}

function pyDict(entries: Iterable<[string, unknown]>): Dict {
  const d = new Dict();
  for (const [k, v] of entries) d.__setitem__(k, v);
  return d;
}

/** `str.strip()` of Python's whitespace. */
function strip(s: string): string {
  return callMethodStr(s, "strip");
}

function callMethodStr(s: string, name: string, ...args: unknown[]): string {
  return (strMethods as Record<string, (...a: unknown[]) => unknown>)[name]!(s, ...args) as string;
}

function isIdentifier(s: string): boolean {
  return /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);
}

/** `shutil.get_terminal_size().columns`. */
function terminalColumns(): number {
  let columns = 0;
  const env = process.env.COLUMNS;
  if (env !== undefined) {
    const t = env.trim().replace(/(?<=\d)_(?=\d)/g, "");
    if (/^[+-]?\d+$/.test(t)) columns = Number(t);
  }
  if (columns <= 0) {
    const out = process.stdout as { isTTY?: boolean; columns?: number };
    columns = out.isTTY && out.columns ? out.columns : 80;
  }
  return columns;
}

function toInt(x: unknown): number {
  return typeof x === "bigint" ? Number(x) : (x as number);
}

function isIntNargs(n: unknown): boolean {
  return typeof n === "bigint" || typeof n === "number" || typeof n === "boolean";
}

// ================================================================ Formatting Help

class Section {
  items: [Function, unknown[]][] = [];
  constructor(
    readonly formatter: Obj,
    readonly parent: Section | null,
    readonly heading: unknown = null,
  ) {}

  format_help(): string {
    const f = this.formatter;
    if (this.parent !== null) f._indent();
    const itemHelp = f._join_parts(this.items.map(([func, args]) => func(...args)));
    if (this.parent !== null) f._dedent();
    if (!itemHelp) return "";
    let heading = "";
    if (this.heading !== SUPPRESS && this.heading !== null) {
      heading = `${spaces(f.$indent)}${str(this.heading)}:\n`;
    }
    return f._join_parts(["\n", heading, itemHelp, "\n"]);
  }
}

class HelpFormatterImpl {
  declare _prog: string;
  declare $inc: number;
  declare $maxHelp: number;
  declare $width: number;
  declare $indent: number;
  declare $level: number;
  declare $maxLen: number;
  declare _root_section: Section;
  declare _current_section: Section;

  constructor(...args: unknown[]) {
    // `initFromConstructor`, except that the synthetic base of a class with several formatter
    // bases (mro.ts `bases`) leaves `__init__` to this constructor (a formatter constructs via
    // `__init__`, as a Python class does).
    for (
      let c: Function | null = new.target;
      typeof c === "function" && c.prototype !== HelpFormatterImpl.prototype;
      c = Object.getPrototypeOf(c)
    ) {
      if (!hasMultipleBases(c) && runsOwnInit(c)) return;
    }
    (this as Obj).__init__(...args);
  }

  // Python sees the layout numbers as ints (the methods work on JS numbers).
  get _indent_increment(): bigint {
    return BigInt(this.$inc);
  }
  set _indent_increment(v: unknown) {
    this.$inc = toInt(v);
  }
  get _max_help_position(): bigint {
    return BigInt(this.$maxHelp);
  }
  set _max_help_position(v: unknown) {
    this.$maxHelp = toInt(v);
  }
  get _width(): bigint {
    return BigInt(this.$width);
  }
  set _width(v: unknown) {
    this.$width = toInt(v);
  }
  get _current_indent(): bigint {
    return BigInt(this.$indent);
  }
  set _current_indent(v: unknown) {
    this.$indent = toInt(v);
  }
  get _level(): bigint {
    return BigInt(this.$level);
  }
  set _level(v: unknown) {
    this.$level = toInt(v);
  }
  get _action_max_length(): bigint {
    return BigInt(this.$maxLen);
  }
  set _action_max_length(v: unknown) {
    this.$maxLen = toInt(v);
  }

  __init__(...args: unknown[]): null {
    const [prog, indentIncrement, maxHelpPosition, width] = bindArgs(
      "HelpFormatter.__init__",
      args,
      ["prog", "indent_increment", "max_help_position", "width"],
      [2n, 24n, null],
    );
    const w = width === null ? terminalColumns() - 2 : toInt(width);
    const inc = toInt(indentIncrement);
    this._prog = prog as string;
    this.$inc = inc;
    this.$maxHelp = Math.min(toInt(maxHelpPosition), Math.max(w - 20, inc * 2));
    this.$width = w;
    this.$indent = 0;
    this.$level = 0;
    this.$maxLen = 0;
    this._root_section = new Section(this, null);
    this._current_section = this._root_section;
    return null;
  }

  _indent(): void {
    this.$indent += this.$inc;
    this.$level += 1;
  }

  _dedent(): void {
    this.$indent -= this.$inc;
    this.$level -= 1;
  }

  _add_item(func: Function, args: unknown[]): void {
    this._current_section.items.push([func, args]);
  }

  start_section(heading: unknown): null {
    this._indent();
    const section = new Section(this, this._current_section, heading);
    this._add_item(() => section.format_help(), []);
    this._current_section = section;
    return null;
  }

  end_section(): null {
    this._current_section = this._current_section.parent!;
    this._dedent();
    return null;
  }

  add_text(text: unknown): null {
    if (text !== SUPPRESS && text !== null && text !== undefined)
      this._add_item((t: unknown) => (this as Obj)._format_text(t), [text]);
    return null;
  }

  add_usage(usage: unknown, actions: unknown, groups: unknown, prefix: unknown = null): null {
    if (usage !== SUPPRESS)
      this._add_item(
        (...a: unknown[]) => (this as Obj)._format_usage(...a),
        [usage, actions, groups, prefix],
      );
    return null;
  }

  add_argument(action: Obj): null {
    if (action.help !== SUPPRESS) {
      const self = this as Obj;
      const lengths = [plen(self._format_action_invocation(action)) + this.$indent];
      for (const sub of this._iter_indented_subactions(action))
        lengths.push(plen(self._format_action_invocation(sub)) + this.$indent);
      this.$maxLen = Math.max(this.$maxLen, ...lengths);
      this._add_item((a: unknown) => self._format_action(a), [action]);
    }
    return null;
  }

  add_arguments(actions: unknown): null {
    for (const a of iter(actions)) (this as Obj).add_argument(a);
    return null;
  }

  format_help(): string {
    let help = this._root_section.format_help();
    if (help) {
      help = help.replace(/\n\n\n+/g, "\n\n");
      help = `${help.replace(/^\n+|\n+$/g, "")}\n`;
    }
    return help;
  }

  _join_parts(parts: unknown[]): string {
    return parts.filter((p) => p && p !== SUPPRESS).join("");
  }

  _format_usage(usage: unknown, actions: Obj[], groups: Obj[], prefix: unknown): string {
    const self = this as Obj;
    if (prefix === null || prefix === undefined) prefix = "usage: ";
    const pfx = prefix as string;
    let text: string;
    if (usage !== null && usage !== undefined) {
      text = percentFormat(usage as string, pyDict([["prog", this._prog]]));
    } else if (toArray(actions).length === 0) {
      text = this._prog;
    } else {
      const prog = this._prog;
      const optionals: Obj[] = [];
      const positionals: Obj[] = [];
      for (const a of toArray<Obj>(actions)) {
        if (truthy(a.option_strings)) optionals.push(a);
        else positionals.push(a);
      }
      const actionUsage = self._format_actions_usage([...optionals, ...positionals], groups);
      text = [prog, actionUsage].filter((s) => s).join(" ");
      const textWidth = this.$width - this.$indent;
      if (plen(pfx) + plen(text) > textWidth) {
        const optParts: string[] = self._get_actions_usage_parts(optionals, groups);
        const posParts: string[] = self._get_actions_usage_parts(positionals, groups);
        const getLines = (parts: string[], indent: string, prefix: string | null = null) => {
          const lines: string[] = [];
          let line: string[] = [];
          const indentLength = plen(indent);
          let lineLen = prefix !== null ? plen(prefix) - 1 : indentLength - 1;
          for (const part of parts) {
            if (lineLen + 1 + plen(part) > textWidth && line.length > 0) {
              lines.push(indent + line.join(" "));
              line = [];
              lineLen = indentLength - 1;
            }
            line.push(part);
            lineLen += plen(part) + 1;
          }
          if (line.length > 0) lines.push(indent + line.join(" "));
          if (prefix !== null) lines[0] = Array.from(lines[0]!).slice(indentLength).join("");
          return lines;
        };
        let lines: string[];
        if (plen(pfx) + plen(prog) <= 0.75 * textWidth) {
          const indent = spaces(plen(pfx) + plen(prog) + 1);
          if (optParts.length > 0) {
            lines = getLines([prog, ...optParts], indent, pfx);
            lines.push(...getLines(posParts, indent));
          } else if (posParts.length > 0) {
            lines = getLines([prog, ...posParts], indent, pfx);
          } else lines = [prog];
        } else {
          const indent = spaces(plen(pfx));
          lines = getLines([...optParts, ...posParts], indent);
          if (lines.length > 1) {
            lines = [...getLines(optParts, indent), ...getLines(posParts, indent)];
          }
          lines = [prog, ...lines];
        }
        text = lines.join("\n");
      }
    }
    return `${pfx}${text}\n\n`;
  }

  _format_actions_usage(actions: Obj[], groups: Obj[]): string {
    return (this as Obj)._get_actions_usage_parts(actions, groups).join(" ");
  }

  _get_actions_usage_parts(actions: Obj[], groups: Obj[]): string[] {
    const self = this as Obj;
    actions = toArray(actions);
    const groupActions = new Set<Obj>();
    const inserts: [number, number, Obj][] = [];
    for (const group of toArray<Obj>(groups)) {
      const ga = group._group_actions as Obj[];
      if (ga.length === 0) throw new ValueError(`empty group ${str(group)}`);
      if (ga.every((a) => a.help === SUPPRESS)) continue;
      const start = actions.indexOf(ga[0]);
      if (start < 0) continue;
      const end = start + ga.length;
      const slice = actions.slice(start, end);
      if (slice.length === ga.length && slice.every((a, i) => a === ga[i])) {
        for (const a of ga) groupActions.add(a);
        inserts.push([start, end, group]);
      }
    }
    const parts: (string | null)[] = [];
    for (const action of actions) {
      let part: string | null;
      if (action.help === SUPPRESS) part = null;
      else if (!truthy(action.option_strings)) {
        const dflt = self._get_default_metavar_for_positional(action);
        part = self._format_args(action, dflt) as string;
        if (groupActions.has(action) && part[0] === "[" && part[part.length - 1] === "]")
          part = part.slice(1, -1);
      } else {
        const optionString = action.option_strings[0];
        if (isIntNargs(action.nargs) && toInt(action.nargs) === 0) {
          part = str(callMethod(action, "format_usage"));
        } else {
          const dflt = self._get_default_metavar_for_optional(action);
          part = `${optionString} ${self._format_args(action, dflt)}`;
        }
        if (!truthy(action.required) && !groupActions.has(action)) part = `[${part}]`;
      }
      parts.push(part);
    }
    inserts.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    const insertedSeparators = new Set<number>();
    for (const [start, end, group] of inserts) {
      const groupParts = parts.slice(start, end).filter((p) => p !== null) as string[];
      const groupSize = groupParts.length;
      let open: string;
      let close: string;
      if (truthy(group.required)) [open, close] = groupSize > 1 ? ["(", ")"] : ["", ""];
      else [open, close] = ["[", "]"];
      groupParts[0] = open + groupParts[0];
      groupParts[groupSize - 1] = groupParts[groupSize - 1] + close;
      for (let k = 0; k < groupSize - 1; k++) {
        const i = start + k;
        if (!insertedSeparators.has(i)) {
          parts[i] = `${groupParts[k]} |`;
          insertedSeparators.add(i);
        }
      }
      parts[start + groupSize - 1] = groupParts[groupSize - 1]!;
      for (let i = start + groupSize; i < end; i++) parts[i] = null;
    }
    return parts.filter((p) => p !== null) as string[];
  }

  _format_text(text: string): string {
    if (text.includes("%(prog)")) text = percentFormat(text, pyDict([["prog", this._prog]]));
    const textWidth = Math.max(this.$width - this.$indent, 11);
    const indent = spaces(this.$indent);
    return `${(this as Obj)._fill_text(text, BigInt(textWidth), indent)}\n\n`;
  }

  _format_action(action: Obj): string {
    const self = this as Obj;
    const helpPosition = Math.min(this.$maxLen + 2, this.$maxHelp);
    const helpWidth = Math.max(this.$width - helpPosition, 11);
    const actionWidth = helpPosition - this.$indent - 2;
    let header = str(self._format_action_invocation(action));
    let indentFirst = 0;
    if (!truthy(action.help)) header = `${spaces(this.$indent)}${header}\n`;
    else if (plen(header) <= actionWidth) {
      header = `${spaces(this.$indent)}${ljust(header, actionWidth)}  `;
      indentFirst = 0;
    } else {
      header = `${spaces(this.$indent)}${header}\n`;
      indentFirst = helpPosition;
    }
    const parts = [header];
    if (truthy(action.help) && strip(str(action.help))) {
      const helpText = self._expand_help(action);
      if (helpText) {
        const lines = toArray<string>(self._split_lines(helpText, BigInt(helpWidth)));
        parts.push(`${spaces(indentFirst)}${lines[0]}\n`);
        for (const line of lines.slice(1)) parts.push(`${spaces(helpPosition)}${line}\n`);
      }
    } else if (!header.endsWith("\n")) parts.push("\n");
    for (const sub of this._iter_indented_subactions(action)) parts.push(self._format_action(sub));
    return this._join_parts(parts);
  }

  _format_action_invocation(action: Obj): string {
    const self = this as Obj;
    if (!truthy(action.option_strings)) {
      const dflt = self._get_default_metavar_for_positional(action);
      const m = self._metavar_formatter(action, dflt)(1n);
      const items = toArray(m);
      if (items.length !== 1)
        throw new ValueError(`too many values to unpack (expected 1, got ${items.length})`);
      return items[0] as string;
    }
    const opts = (action.option_strings as string[]).join(", ");
    if (isIntNargs(action.nargs) && toInt(action.nargs) === 0) return opts;
    const dflt = self._get_default_metavar_for_optional(action);
    return `${opts} ${self._format_args(action, dflt)}`;
  }

  _metavar_formatter(action: Obj, defaultMetavar: unknown): (n: unknown) => Tuple {
    let result: unknown;
    if (action.metavar !== null && action.metavar !== undefined) result = action.metavar;
    else if (action.choices !== null && action.choices !== undefined)
      result = `{${Array.from(iter(action.choices), (c) => str(c)).join(",")}}`;
    else result = defaultMetavar;
    return (n: unknown) =>
      result instanceof Tuple ? result : new Tuple(Array(toInt(n)).fill(result));
  }

  _format_args(action: Obj, defaultMetavar: unknown): string {
    const getMetavar = (this as Obj)._metavar_formatter(action, defaultMetavar);
    const fmt = (template: string, n: number) => {
      const items = toArray(getMetavar(BigInt(n)));
      if (items.length < n) throw new PyTypeError("not enough arguments for format string");
      if (items.length > n)
        throw new PyTypeError("not all arguments converted during string formatting");
      let i = 0;
      return template.replace(/%s/g, () => str(items[i++]));
    };
    const nargs = action.nargs;
    if (nargs === null || nargs === undefined) return fmt("%s", 1);
    if (nargs === OPTIONAL) return fmt("[%s]", 1);
    if (nargs === ZERO_OR_MORE) {
      const m = toArray(getMetavar(1n));
      if (m.length === 2) return `[${str(m[0])} [${str(m[1])} ...]]`;
      return fmt("[%s ...]", 1);
    }
    if (nargs === ONE_OR_MORE) return fmt("%s [%s ...]", 2);
    if (nargs === REMAINDER) return "...";
    if (nargs === PARSER) return fmt("%s ...", 1);
    if (nargs === SUPPRESS) return "";
    if (!isIntNargs(nargs)) throw new ValueError("invalid nargs value");
    const n = Math.max(toInt(nargs), 0);
    return fmt(Array(n).fill("%s").join(" "), n);
  }

  _expand_help(action: Obj): string {
    const params = new Map<string, unknown>();
    for (const [k, v] of vars(action).entries()) params.set(k as string, v);
    params.set("prog", this._prog);
    for (const [k, v] of params) if (v === SUPPRESS) params.delete(k);
    for (const [k, v] of params) if (hasattr(v, "__name__")) params.set(k, getattr(v, "__name__"));
    const choices = params.get("choices");
    if (choices !== null && choices !== undefined)
      params.set("choices", Array.from(iter(choices), (c) => str(c)).join(", "));
    return percentFormat(str((this as Obj)._get_help_string(action)), pyDict(params));
  }

  *_iter_indented_subactions(action: Obj): Generator<Obj> {
    const get = action?._get_subactions;
    if (typeof get !== "function") return;
    this._indent();
    yield* toArray(get.call(action));
    this._dedent();
  }

  _split_lines(text: string, width: unknown): string[] {
    text = strip(text.replace(/[ \t\n\r\f\v]+/g, " "));
    return wrap(text, width);
  }

  _fill_text(text: string, width: unknown, indent: string): string {
    text = strip(text.replace(/[ \t\n\r\f\v]+/g, " "));
    return fill(text, width, new Kw({ initial_indent: indent, subsequent_indent: indent }));
  }

  _get_help_string(action: Obj): unknown {
    return action.help;
  }

  _get_default_metavar_for_optional(action: Obj): string {
    return str(action.dest).toUpperCase();
  }

  _get_default_metavar_for_positional(action: Obj): unknown {
    return action.dest;
  }
}

class RawDescriptionHelpFormatterImpl extends HelpFormatterImpl {
  override _fill_text(text: string, _width: unknown, indent: string): string {
    return (strMethods.splitlines(text, true) as string[]).map((l) => indent + l).join("");
  }
}

class RawTextHelpFormatterImpl extends RawDescriptionHelpFormatterImpl {
  override _split_lines(text: string, _width: unknown): string[] {
    return strMethods.splitlines(text) as string[];
  }
}

class ArgumentDefaultsHelpFormatterImpl extends HelpFormatterImpl {
  override _get_help_string(action: Obj): unknown {
    let help = action.help;
    if (help === null || help === undefined) help = "";
    if (!str(help).includes("%(default)") && action.default !== SUPPRESS) {
      const nargs = action.nargs;
      if (truthy(action.option_strings) || nargs === OPTIONAL || nargs === ZERO_OR_MORE)
        help = `${str(help)} (default: %(default)s)`;
    }
    return help;
  }
}

class MetavarTypeHelpFormatterImpl extends HelpFormatterImpl {
  override _get_default_metavar_for_optional(action: Obj): string {
    return getattr(action.type, "__name__") as string;
  }
  override _get_default_metavar_for_positional(action: Obj): unknown {
    return getattr(action.type, "__name__");
  }
}

export const HelpFormatter = libraryClass(HelpFormatterImpl, "HelpFormatter", "argparse");
export const RawDescriptionHelpFormatter = libraryClass(
  RawDescriptionHelpFormatterImpl,
  "RawDescriptionHelpFormatter",
  "argparse",
);
export const RawTextHelpFormatter = libraryClass(
  RawTextHelpFormatterImpl,
  "RawTextHelpFormatter",
  "argparse",
);
export const ArgumentDefaultsHelpFormatter = libraryClass(
  ArgumentDefaultsHelpFormatterImpl,
  "ArgumentDefaultsHelpFormatter",
  "argparse",
);
export const MetavarTypeHelpFormatter = libraryClass(
  MetavarTypeHelpFormatterImpl,
  "MetavarTypeHelpFormatter",
  "argparse",
);

// The formatters are plain Python classes in CPython, combined by programs as mixins
// (`class F(ArgumentDefaultsHelpFormatter, RawDescriptionHelpFormatter)`): registered as
// Python classes, their instances have `object`'s layout, so multiple inheritance accepts them.
for (const cls of [
  HelpFormatterImpl,
  RawDescriptionHelpFormatterImpl,
  RawTextHelpFormatterImpl,
  ArgumentDefaultsHelpFormatterImpl,
  MetavarTypeHelpFormatterImpl,
  HelpFormatter,
  RawDescriptionHelpFormatter,
  RawTextHelpFormatter,
  ArgumentDefaultsHelpFormatter,
  MetavarTypeHelpFormatter,
])
  registerPyclass(cls);

// ================================================================ Options and Arguments

function getActionName(argument: Obj): string | null {
  if (argument === null || argument === undefined) return null;
  if (truthy(argument.option_strings)) return (argument.option_strings as string[]).join("/");
  if (argument.metavar !== null && argument.metavar !== undefined && argument.metavar !== SUPPRESS)
    return str(argument.metavar);
  if (argument.dest !== null && argument.dest !== undefined && argument.dest !== SUPPRESS)
    return str(argument.dest);
  if (truthy(argument.choices)) return `{${toArray<string>(argument.choices).join(",")}}`;
  return null;
}

/** `argparse.ArgumentError(argument, message)`. */
export class ArgumentError extends Exception {
  static __module__ = "argparse";
  declare argument_name: string | null;
  private _message: unknown;

  constructor(argument: unknown, message: unknown) {
    super(argument, message);
    this.argument_name = getActionName(argument);
    this._message = message;
  }

  override __str__(): string {
    if (this.argument_name === null) return str(this._message);
    return `argument ${this.argument_name}: ${str(this._message)}`;
  }
}

/** `e.message` (the runtime's exceptions keep JS's `message` for their text). */
exceptionMessage(
  ArgumentError.prototype,
  function (this: ArgumentError) {
    return (this as unknown as { _message: string })._message;
  },
  function (this: ArgumentError, v: unknown) {
    (this as unknown as { _message: unknown })._message = v;
  },
);

/**
 * `exc` raised in an `except` block of argparse handling `e`: `e` is its `__context__`, as in
 * CPython, whose traceback of `e` starts in argparse, where it was caught: without the program's
 * frames that called the parser (those of a program's `type=` function stay).
 */
function raisedIn<E extends BaseException>(exc: E, e: unknown): E {
  const context = caught(e);
  (context as { _tbDropCallers?: Error })._tbDropCallers ??= new Error();
  exc.__context__ = context;
  return exc;
}

/** `argparse.ArgumentTypeError`: raised by `type=` callables for their own message. */
export class ArgumentTypeError extends Exception {
  static __module__ = "argparse";
}

/** CPython's `_AttributeHolder.__repr__`. */
function attributeHolderRepr(self: Obj): string {
  const typeName = (self.constructor as { __name__: string }).__name__;
  const argStrings: string[] = [];
  const starArgs: [string, unknown][] = [];
  for (const arg of toArray(self._get_args())) argStrings.push(repr(arg));
  for (const item of toArray<Obj>(self._get_kwargs())) {
    const [name, value] = toArray(item) as [string, unknown];
    if (isIdentifier(name)) argStrings.push(`${name}=${repr(value)}`);
    else starArgs.push([name, value]);
  }
  if (starArgs.length > 0) argStrings.push(`**${repr(pyDict(starArgs))}`);
  return `${typeName}(${argStrings.join(", ")})`;
}

const ACTION_PARAMS = [
  "option_strings",
  "dest",
  "nargs",
  "const",
  "default",
  "type",
  "choices",
  "required",
  "help",
  "metavar",
  "deprecated",
];

class ActionImpl {
  declare option_strings: string[];
  declare dest: unknown;
  declare nargs: unknown;
  declare const: unknown;
  declare default: unknown;
  declare type: unknown;
  declare choices: unknown;
  declare required: unknown;
  declare help: unknown;
  declare metavar: unknown;
  declare deprecated: unknown;
  declare container: Obj;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, ActionImpl, args);
  }

  __init__(...args: unknown[]): null {
    const v = bindArgs("Action.__init__", args, ACTION_PARAMS, [
      null,
      null,
      null,
      null,
      null,
      false,
      null,
      null,
      false,
    ]);
    ACTION_PARAMS.forEach((name, i) => {
      (this as Obj)[name] = v[i];
    });
    return null;
  }

  _get_kwargs(): Tuple[] {
    return ACTION_PARAMS.map((n) => new Tuple([n, getattr(this, n)]));
  }

  _get_args(): unknown[] {
    return [];
  }

  __repr__(): string {
    return attributeHolderRepr(this);
  }

  format_usage(): unknown {
    return this.option_strings[0];
  }

  __call__(..._args: unknown[]): unknown {
    throw new NotImplementedError(".__call__() not defined");
  }
}

/** Bind `args` to `names` (every parameter after the first `required` has its default). */
function bindInit(
  cls: string,
  args: unknown[],
  names: string[],
  defaults: unknown[],
): Record<string, unknown> {
  const v = bindArgs(`${cls}.__init__`, args, names, defaults);
  const out: Record<string, unknown> = {};
  names.forEach((n, i) => {
    out[n] = v[i];
  });
  return out;
}

function checkStoreNargs(kind: "store" | "append", nargs: unknown, constValue: unknown): void {
  if (isIntNargs(nargs) && toInt(nargs) === 0) {
    throw new ValueError(
      kind === "store"
        ? "nargs for store actions must be != 0; if you have nothing to store, actions such as store true or store const may be more appropriate"
        : "nargs for append actions must be != 0; if arg strings are not supplying the value to append, the append const action may be more appropriate",
    );
  }
  if (constValue !== null && nargs !== OPTIONAL)
    throw new ValueError(`nargs must be ${repr(OPTIONAL)} to supply const`);
}

const STORE_DEFAULTS = [null, null, null, null, null, false, null, null, false];

/** CPython's `_deprecated_default`: tells an omitted argument from an explicit None. */
const DEPRECATED_DEFAULT = Symbol("argparse._deprecated_default");

class BooleanOptionalActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit(
      "BooleanOptionalAction",
      args,
      [
        "option_strings",
        "dest",
        "default",
        "type",
        "choices",
        "required",
        "help",
        "metavar",
        "deprecated",
      ],
      [null, DEPRECATED_DEFAULT, DEPRECATED_DEFAULT, false, null, DEPRECATED_DEFAULT, false],
    );
    for (const field of ["type", "choices", "metavar"]) {
      if (a[field] === DEPRECATED_DEFAULT) a[field] = null;
      else {
        // CPython's warnings._deprecated(..., stacklevel=3) points into argparse.py (its
        // add_argument), a module the default filters silence.
        warn_explicit(
          `${repr(field)} is deprecated as of Python 3.12 and will be removed in Python 3.14.`,
          DeprecationWarning,
          "argparse.py",
          1459n,
          "argparse",
        );
      }
    }
    const optionStrings: string[] = [];
    for (const os of iter<string>(a.option_strings)) {
      optionStrings.push(os);
      if (os.startsWith("--")) optionStrings.push(`--no-${os.slice(2)}`);
    }
    return super.__init__(new Kw({ ...a, option_strings: optionStrings, nargs: 0n }));
  }

  override __call__(_parser: unknown, namespace: unknown, _values: unknown, optionString = null) {
    if (optionString !== null && this.option_strings.includes(optionString))
      setattr(namespace, str(this.dest), !(optionString as string).startsWith("--no-"));
    return null;
  }

  override format_usage(): unknown {
    return this.option_strings.join(" | ");
  }
}

class StoreActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit("_StoreAction", args, ACTION_PARAMS, STORE_DEFAULTS);
    checkStoreNargs("store", a.nargs, a.const);
    return super.__init__(new Kw(a));
  }
  override __call__(_p: unknown, namespace: unknown, values: unknown) {
    setattr(namespace, str(this.dest), values);
    return null;
  }
}

const CONST_PARAMS = [
  "option_strings",
  "dest",
  "const",
  "default",
  "required",
  "help",
  "metavar",
  "deprecated",
];

class StoreConstActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit("_StoreConstAction", args, CONST_PARAMS, [
      null,
      null,
      false,
      null,
      null,
      false,
    ]);
    const { metavar: _m, ...rest } = a;
    return super.__init__(new Kw({ ...rest, nargs: 0n }));
  }
  override __call__(_p: unknown, namespace: unknown) {
    setattr(namespace, str(this.dest), this.const);
    return null;
  }
}

function storeBoolInit(self: Obj, cls: string, value: boolean, args: unknown[]): null {
  const a = bindInit(
    cls,
    args,
    ["option_strings", "dest", "default", "required", "help", "deprecated"],
    [!value, false, null, false],
  );
  return ActionImpl.prototype.__init__.call(self, new Kw({ ...a, const: value, nargs: 0n }));
}

class StoreTrueActionImpl extends StoreConstActionImpl {
  override __init__(...args: unknown[]): null {
    return storeBoolInit(this, "_StoreTrueAction", true, args);
  }
}

class StoreFalseActionImpl extends StoreConstActionImpl {
  override __init__(...args: unknown[]): null {
    return storeBoolInit(this, "_StoreFalseAction", false, args);
  }
}

/** `_copy_items`: a new list with the items (a shallow copy of a non-list value). */
function copyItems(items: unknown): unknown[] {
  if (items === null || items === undefined) return [];
  if (Array.isArray(items)) return items.slice();
  return copy(items) as unknown[];
}

function appendTo(list: unknown, value: unknown): void {
  callMethod(list, "append", value);
}

class AppendActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit("_AppendAction", args, ACTION_PARAMS, STORE_DEFAULTS);
    checkStoreNargs("append", a.nargs, a.const);
    return super.__init__(new Kw(a));
  }
  override __call__(_p: unknown, namespace: unknown, values: unknown) {
    const items = copyItems(getattr(namespace, str(this.dest), null));
    appendTo(items, values);
    setattr(namespace, str(this.dest), items);
    return null;
  }
}

class AppendConstActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit("_AppendConstAction", args, CONST_PARAMS, [
      null,
      null,
      false,
      null,
      null,
      false,
    ]);
    return super.__init__(new Kw({ ...a, nargs: 0n }));
  }
  override __call__(_p: unknown, namespace: unknown) {
    const items = copyItems(getattr(namespace, str(this.dest), null));
    appendTo(items, this.const);
    setattr(namespace, str(this.dest), items);
    return null;
  }
}

class CountActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit(
      "_CountAction",
      args,
      ["option_strings", "dest", "default", "required", "help", "deprecated"],
      [null, false, null, false],
    );
    return super.__init__(new Kw({ ...a, nargs: 0n }));
  }
  override __call__(_p: unknown, namespace: unknown) {
    let count = getattr(namespace, str(this.dest), null);
    if (count === null) count = 0n;
    setattr(namespace, str(this.dest), add(count, 1n));
    return null;
  }
}

class HelpActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit(
      "_HelpAction",
      args,
      ["option_strings", "dest", "default", "help", "deprecated"],
      [SUPPRESS, SUPPRESS, null, false],
    );
    return super.__init__(new Kw({ ...a, nargs: 0n }));
  }
  override __call__(parser: Obj) {
    parser.print_help();
    parser.exit();
    return null;
  }
}

class VersionActionImpl extends ActionImpl {
  declare version: unknown;
  override __init__(...args: unknown[]): null {
    const a = bindInit(
      "_VersionAction",
      args,
      ["option_strings", "version", "dest", "default", "help", "deprecated"],
      [null, SUPPRESS, SUPPRESS, null, false],
    );
    const { version, deprecated: _d, ...rest } = a;
    if (rest.help === null) rest.help = "show program's version number and exit";
    super.__init__(new Kw({ ...rest, nargs: 0n }));
    this.version = version;
    return null;
  }
  override __call__(parser: Obj) {
    let version = this.version;
    if (version === null) version = getattr(parser, "version");
    const formatter = parser._get_formatter();
    formatter.add_text(version);
    parser._print_message(formatter.format_help(), streams.stdout);
    parser.exit();
    return null;
  }
}

class ChoicesPseudoActionImpl extends ActionImpl {
  override __init__(...args: unknown[]): null {
    const a = bindInit("_ChoicesPseudoAction", args, ["name", "aliases", "help"], []);
    let metavar = a.name as string;
    const aliases = toArray<string>(a.aliases);
    if (aliases.length > 0) metavar += ` (${aliases.join(", ")})`;
    return super.__init__(
      new Kw({ option_strings: [], dest: a.name, help: a.help, metavar: metavar }),
    );
  }
}

class SubParsersActionImpl extends ActionImpl {
  declare _prog_prefix: unknown;
  declare _parser_class: unknown;
  declare _name_parser_map: Dict;
  declare _choices_actions: Obj[];
  declare _deprecated: Set<string>;

  override __init__(...args: unknown[]): null {
    const a = bindInit(
      "_SubParsersAction",
      args,
      ["option_strings", "prog", "parser_class", "dest", "required", "help", "metavar"],
      [SUPPRESS, false, null, null],
    );
    this._prog_prefix = a.prog;
    this._parser_class = a.parser_class;
    this._name_parser_map = new Dict();
    this._choices_actions = [];
    this._deprecated = new Set();
    return super.__init__(
      new Kw({
        option_strings: a.option_strings,
        dest: a.dest,
        nargs: PARSER,
        choices: this._name_parser_map,
        required: a.required,
        help: a.help,
        metavar: a.metavar,
      }),
    );
  }

  add_parser(...args: unknown[]): unknown {
    const [pos, kws] = takeKw(args);
    if (pos.length !== 1) {
      if (pos.length === 0)
        throw new PyTypeError(
          "_SubParsersAction.add_parser() missing 1 required positional argument: 'name'",
        );
      throw new PyTypeError(
        `_SubParsersAction.add_parser() takes 2 positional arguments but ${pos.length + 1} were given`,
      );
    }
    const name = pos[0] as string;
    const kwargs: Record<string, unknown> = { ...kws };
    const deprecated = kwargs.deprecated ?? false;
    delete kwargs.deprecated;
    if (kwargs.prog === undefined || kwargs.prog === null)
      kwargs.prog = `${str(this._prog_prefix)} ${name}`;
    const aliases = toArray<string>(kwargs.aliases ?? new Tuple([]));
    delete kwargs.aliases;
    if (this._name_parser_map.has(name))
      throw new ArgumentError(this, `conflicting subparser: ${name}`);
    for (const alias of aliases)
      if (this._name_parser_map.has(alias))
        throw new ArgumentError(this, `conflicting subparser alias: ${alias}`);
    if (Object.hasOwn(kwargs, "help")) {
      const help = kwargs.help;
      delete kwargs.help;
      this._choices_actions.push(call(ChoicesPseudoAction, name, aliases, help));
    }
    const parser = call(this._parser_class, new Kw(kwargs));
    this._name_parser_map.__setitem__(name, parser);
    for (const alias of aliases) this._name_parser_map.__setitem__(alias, parser);
    if (truthy(deprecated)) {
      this._deprecated.add(name);
      for (const alias of aliases) this._deprecated.add(alias);
    }
    return parser;
  }

  _get_subactions(): Obj[] {
    return this._choices_actions;
  }

  override __call__(parser: Obj, namespace: Obj, values: unknown) {
    const vals = toArray(values);
    const parserName = vals[0] as string;
    const argStrings = vals.slice(1);
    if (this.dest !== SUPPRESS) setattr(namespace, str(this.dest), parserName);
    if (!this._name_parser_map.has(parserName)) {
      const choices = toArray<string>(this._name_parser_map).join(", ");
      throw new ArgumentError(this, `unknown parser ${repr(parserName)} (choices: ${choices})`);
    }
    const subparser = this._name_parser_map.__getitem__(parserName) as Obj;
    if (this._deprecated.has(parserName)) parser._warning(`command '${parserName}' is deprecated`);
    const [subnamespace, rest] = toArray(subparser.parse_known_args(argStrings, null)) as [
      Obj,
      unknown[],
    ];
    for (const key of Object.keys(subnamespace)) setattr(namespace, key, subnamespace[key]);
    const restArr = toArray(rest);
    if (restArr.length > 0) {
      if (!Object.hasOwn(namespace, UNRECOGNIZED_ARGS_ATTR)) namespace[UNRECOGNIZED_ARGS_ATTR] = [];
      (getattr(namespace, UNRECOGNIZED_ARGS_ATTR) as unknown[]).push(...restArr);
    }
    return null;
  }
}

class ExtendActionImpl extends AppendActionImpl {
  override __call__(_p: unknown, namespace: unknown, values: unknown) {
    const items = copyItems(getattr(namespace, str(this.dest), null));
    callMethod(items, "extend", values);
    setattr(namespace, str(this.dest), items);
    return null;
  }
}

export const Action = libraryClass(ActionImpl, "Action", "argparse");
export const BooleanOptionalAction = libraryClass(
  BooleanOptionalActionImpl,
  "BooleanOptionalAction",
  "argparse",
);
const StoreAction = libraryClass(StoreActionImpl, "_StoreAction", "argparse");
const StoreConstAction = libraryClass(StoreConstActionImpl, "_StoreConstAction", "argparse");
const StoreTrueAction = libraryClass(StoreTrueActionImpl, "_StoreTrueAction", "argparse");
const StoreFalseAction = libraryClass(StoreFalseActionImpl, "_StoreFalseAction", "argparse");
const AppendAction = libraryClass(AppendActionImpl, "_AppendAction", "argparse");
const AppendConstAction = libraryClass(AppendConstActionImpl, "_AppendConstAction", "argparse");
const CountAction = libraryClass(CountActionImpl, "_CountAction", "argparse");
const HelpAction = libraryClass(HelpActionImpl, "_HelpAction", "argparse");
const VersionAction = libraryClass(VersionActionImpl, "_VersionAction", "argparse");
const ChoicesPseudoAction = libraryClass(
  ChoicesPseudoActionImpl,
  "_ChoicesPseudoAction",
  "argparse",
);
const SubParsersAction = libraryClass(SubParsersActionImpl, "_SubParsersAction", "argparse");
const ExtendAction = libraryClass(ExtendActionImpl, "_ExtendAction", "argparse");

// ================================================================ Type classes

/** `argparse.FileType(mode='r', bufsize=-1, encoding=None, errors=None)`: opens its argument. */
class FileTypeImpl {
  declare _mode: string;
  declare _bufsize: unknown;
  declare _encoding: unknown;
  declare _errors: unknown;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, FileTypeImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [mode, bufsize, encoding, errors] = bindArgs(
      "FileType.__init__",
      args,
      ["mode", "bufsize", "encoding", "errors"],
      ["r", -1n, null, null],
    );
    this._mode = mode as string;
    this._bufsize = bufsize;
    this._encoding = encoding;
    this._errors = errors;
    return null;
  }

  __call__(string: unknown): unknown {
    const mode = str(this._mode);
    if (string === "-") {
      if (mode.includes("r")) return mode.includes("b") ? getattr(sys.stdin, "buffer") : sys.stdin;
      if ([..."wax"].some((c) => mode.includes(c)))
        return mode.includes("b") ? getattr(sys.stdout, "buffer") : sys.stdout;
      throw new ValueError(`argument "-" with mode ${repr(this._mode)}`);
    }
    try {
      return openFile(string, this._mode, this._bufsize, this._encoding, this._errors);
    } catch (e) {
      if (e instanceof OSError)
        throw raisedIn(new ArgumentTypeError(`can't open '${str(string)}': ${str(e)}`), e);
      throw e;
    }
  }

  __repr__(): string {
    const parts = [this._mode, this._bufsize].filter((a) => !eq(a, -1n)).map((a) => repr(a));
    for (const [k, v] of [
      ["encoding", this._encoding],
      ["errors", this._errors],
    ] as const)
      if (v !== null) parts.push(`${k}=${repr(v)}`);
    return `${(this.constructor as unknown as { __name__: string }).__name__}(${parts.join(", ")})`;
  }
}

export const FileType = libraryClass(FileTypeImpl, "FileType", "argparse");

// ================================================================ Namespace

class NamespaceImpl {
  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, NamespaceImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    if (pos.length > 0)
      throw new PyTypeError(
        `Namespace.__init__() takes 1 positional argument but ${pos.length + 1} were given`,
      );
    for (const [k, v] of Object.entries(kws)) setattr(this, k, v);
    return null;
  }

  _get_kwargs(): Tuple[] {
    return Object.keys(this).map((k) => new Tuple([k, (this as Obj)[k]]));
  }

  _get_args(): unknown[] {
    return [];
  }

  __repr__(): string {
    return attributeHolderRepr(this);
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof NamespaceImpl)) return NotImplemented;
    return eq(vars(this), vars(other));
  }

  __contains__(key: unknown): boolean {
    return typeof key === "string" && Object.hasOwn(this, key);
  }
}

export const Namespace = libraryClass(NamespaceImpl, "Namespace", "argparse");

// ================================================================ Containers

const NEGATIVE_NUMBER = /^-\p{Nd}+\n?$|^-\p{Nd}*\.\p{Nd}+\n?$/u;

class ActionsContainer {
  declare description: unknown;
  declare argument_default: unknown;
  declare prefix_chars: string;
  declare conflict_handler: unknown;
  declare _registries: Map<string, Map<unknown, unknown>>;
  declare _actions: Obj[];
  declare _option_string_actions: Dict;
  declare _action_groups: Obj[];
  declare _mutually_exclusive_groups: Obj[];
  declare _defaults: Dict;
  declare _has_negative_number_optionals: unknown[];

  _container_init(
    description: unknown,
    prefixChars: unknown,
    argumentDefault: unknown,
    conflictHandler: unknown,
  ): void {
    this.description = description;
    this.argument_default = argumentDefault;
    this.prefix_chars = prefixChars as string;
    this.conflict_handler = conflictHandler;
    this._registries = new Map();
    this.register("action", null, StoreAction);
    this.register("action", "store", StoreAction);
    this.register("action", "store_const", StoreConstAction);
    this.register("action", "store_true", StoreTrueAction);
    this.register("action", "store_false", StoreFalseAction);
    this.register("action", "append", AppendAction);
    this.register("action", "append_const", AppendConstAction);
    this.register("action", "count", CountAction);
    this.register("action", "help", HelpAction);
    this.register("action", "version", VersionAction);
    this.register("action", "parsers", SubParsersAction);
    this.register("action", "extend", ExtendAction);
    this._get_handler();
    this._actions = [];
    this._option_string_actions = new Dict();
    this._action_groups = [];
    this._mutually_exclusive_groups = [];
    this._defaults = new Dict();
    this._has_negative_number_optionals = [];
  }

  register(registryName: string, value: unknown, object: unknown): null {
    let registry = this._registries.get(registryName);
    if (registry === undefined) this._registries.set(registryName, (registry = new Map()));
    registry.set(value, object);
    return null;
  }

  _registry_get(registryName: string, value: unknown, dflt: unknown = null): unknown {
    const registry = this._registries.get(registryName)!;
    return registry.has(value) ? registry.get(value) : dflt;
  }

  set_defaults(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    if (pos.length > 0)
      throw new PyTypeError(
        `_ActionsContainer.set_defaults() takes 1 positional argument but ${pos.length + 1} were given`,
      );
    for (const [k, v] of Object.entries(kws)) this._defaults.__setitem__(k, v);
    for (const action of this._actions)
      if (typeof action.dest === "string" && Object.hasOwn(kws, action.dest))
        action.default = kws[action.dest];
    return null;
  }

  get_default(dest: unknown): unknown {
    for (const action of this._actions)
      if (eq(action.dest, dest) && action.default !== null) return action.default;
    return this._defaults.get(dest, null);
  }

  add_argument(...args: unknown[]): unknown {
    const [pos, kws] = takeKw(args);
    const chars = this.prefix_chars;
    let kwargs: Record<string, unknown>;
    if (pos.length === 0 || (pos.length === 1 && !chars.includes((pos[0] as string)[0]!))) {
      if (pos.length > 0 && Object.hasOwn(kws, "dest"))
        throw new ValueError("dest supplied twice for positional argument");
      kwargs = this._get_positional_kwargs(pos, kws);
    } else kwargs = this._get_optional_kwargs(pos as string[], kws);
    if (!Object.hasOwn(kwargs, "default")) {
      const dest = kwargs.dest;
      if (this._defaults.has(dest)) kwargs.default = this._defaults.__getitem__(dest);
      else if (this.argument_default !== null) kwargs.default = this.argument_default;
    }
    const actionClass = this._pop_action_class(kwargs);
    if (!callable(actionClass)) throw new ValueError(`unknown action "${str(actionClass)}"`);
    const action = call(actionClass, new Kw(kwargs)) as Obj;
    const typeFunc = this._registry_get("type", action.type, action.type);
    if (!callable(typeFunc)) throw new ValueError(`${repr(typeFunc)} is not callable`);
    if (typeFunc === FileType)
      throw new ValueError(
        `${repr(typeFunc)} is a FileType class object, instance of it must be passed`,
      );
    const self = this as Obj;
    if (typeof self._get_formatter === "function") {
      try {
        self._get_formatter()._format_args(action, null);
      } catch (e) {
        if (e instanceof PyTypeError)
          throw new ValueError("length of metavar tuple does not match nargs");
        throw e;
      }
    }
    return self._add_action(action);
  }

  add_argument_group(...args: unknown[]): unknown {
    const group = call(ArgumentGroup, this, ...args);
    this._action_groups.push(group);
    return group;
  }

  add_mutually_exclusive_group(...args: unknown[]): unknown {
    const group = call(MutuallyExclusiveGroup, this, ...args);
    this._mutually_exclusive_groups.push(group);
    return group;
  }

  _add_action(action: Obj): unknown {
    this._check_conflict(action);
    this._actions.push(action);
    action.container = this;
    for (const os of action.option_strings) this._option_string_actions.__setitem__(os, action);
    for (const os of action.option_strings)
      if (NEGATIVE_NUMBER.test(os) && this._has_negative_number_optionals.length === 0)
        this._has_negative_number_optionals.push(true);
    return action;
  }

  _remove_action(action: Obj): void {
    const i = this._actions.indexOf(action);
    if (i < 0) throw new ValueError("list.remove(x): x not in list");
    this._actions.splice(i, 1);
  }

  _add_container_actions(container: Obj): void {
    const titleGroupMap = new Map<unknown, Obj>();
    for (const group of this._action_groups) {
      if (titleGroupMap.has(group.title))
        throw new ValueError(`cannot merge actions - two groups are named ${repr(group.title)}`);
      titleGroupMap.set(group.title, group);
    }
    const groupMap = new Map<Obj, Obj>();
    for (const group of container._action_groups as Obj[]) {
      if (!titleGroupMap.has(group.title)) {
        titleGroupMap.set(
          group.title,
          this.add_argument_group(
            new Kw({
              title: group.title,
              description: group.description,
              conflict_handler: group.conflict_handler,
            }),
          ),
        );
      }
      for (const action of group._group_actions)
        groupMap.set(action, titleGroupMap.get(group.title));
    }
    for (const group of container._mutually_exclusive_groups as Obj[]) {
      const mutex = this.add_mutually_exclusive_group(new Kw({ required: group.required }));
      for (const action of group._group_actions) groupMap.set(action, mutex);
    }
    for (const action of container._actions as Obj[])
      (groupMap.get(action) ?? (this as Obj))._add_action(action);
  }

  _get_positional_kwargs(pos: unknown[], kws: Record<string, unknown>): Record<string, unknown> {
    if (pos.length === 0)
      throw new PyTypeError(
        "_ActionsContainer._get_positional_kwargs() missing 1 required positional argument: 'dest'",
      );
    const kwargs = { ...kws };
    if (Object.hasOwn(kwargs, "required"))
      throw new PyTypeError("'required' is an invalid argument for positionals");
    if (kwargs.nargs !== OPTIONAL && kwargs.nargs !== ZERO_OR_MORE) kwargs.required = true;
    if (kwargs.nargs === ZERO_OR_MORE && !Object.hasOwn(kwargs, "default")) kwargs.required = true;
    return { ...kwargs, dest: pos[0], option_strings: [] };
  }

  _get_optional_kwargs(args: string[], kws: Record<string, unknown>): Record<string, unknown> {
    const optionStrings: string[] = [];
    const longOptionStrings: string[] = [];
    let optionString = "";
    for (optionString of args) {
      if (!this.prefix_chars.includes(optionString[0]!)) {
        throw new ValueError(
          `invalid option string ${repr(optionString)}: must start with a character ${repr(this.prefix_chars)}`,
        );
      }
      optionStrings.push(optionString);
      if (optionString.length > 1 && this.prefix_chars.includes(optionString[1]!))
        longOptionStrings.push(optionString);
    }
    const kwargs = { ...kws };
    let dest = kwargs.dest ?? null;
    delete kwargs.dest;
    if (dest === null) {
      const destOptionString =
        longOptionStrings.length > 0 ? longOptionStrings[0]! : optionStrings[0]!;
      let i = 0;
      while (i < destOptionString.length && this.prefix_chars.includes(destOptionString[i]!)) i++;
      dest = destOptionString.slice(i);
      if (!dest) throw new ValueError(`dest= is required for options like ${repr(optionString)}`);
      dest = (dest as string).replace(/-/g, "_");
    }
    return { ...kwargs, dest, option_strings: optionStrings };
  }

  _pop_action_class(kwargs: Record<string, unknown>, dflt: unknown = null): unknown {
    const action = Object.hasOwn(kwargs, "action") ? kwargs.action : dflt;
    delete kwargs.action;
    return this._registry_get("action", action, action);
  }

  _get_handler(): Function {
    const name = `_handle_conflict_${str(this.conflict_handler)}`;
    const h = (this as Obj)[name];
    if (typeof h !== "function")
      throw new ValueError(`invalid conflict_resolution value: ${repr(this.conflict_handler)}`);
    return h.bind(this);
  }

  _check_conflict(action: Obj): void {
    const conflicts: [string, Obj][] = [];
    for (const os of action.option_strings)
      if (this._option_string_actions.has(os))
        conflicts.push([os, this._option_string_actions.__getitem__(os)]);
    if (conflicts.length > 0) this._get_handler()(action, conflicts);
  }

  _handle_conflict_error(action: Obj, conflicting: [string, Obj][]): never {
    const s = conflicting.map(([os]) => os).join(", ");
    throw new ArgumentError(
      action,
      `${conflicting.length === 1 ? "conflicting option string" : "conflicting option strings"}: ${s}`,
    );
  }

  _handle_conflict_resolve(_action: Obj, conflicting: [string, Obj][]): void {
    for (const [os, action] of conflicting) {
      const i = action.option_strings.indexOf(os);
      if (i >= 0) action.option_strings.splice(i, 1);
      if (this._option_string_actions.has(os)) this._option_string_actions.__delitem__(os);
      if (action.option_strings.length === 0) action.container._remove_action(action);
    }
  }
}

class ArgumentGroupImpl extends ActionsContainer {
  declare title: unknown;
  declare _group_actions: Obj[];

  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, ArgumentGroupImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    const [container, title, description] = bindArgs(
      "_ArgumentGroup.__init__",
      [...pos, new Kw(pickKeys(kws, ["container", "title", "description"]))],
      ["container", "title", "description"],
      [null, null],
    ) as [Obj, unknown, unknown];
    const rest = omitKeys(kws, ["container", "title", "description"]);
    const get = (k: string, d: unknown) => (Object.hasOwn(rest, k) ? rest[k] : d);
    for (const k of Object.keys(rest))
      if (!["conflict_handler", "prefix_chars", "argument_default"].includes(k))
        throw new PyTypeError(
          `_ActionsContainer.__init__() got an unexpected keyword argument '${k}'`,
        );
    this._container_init(
      description,
      get("prefix_chars", container.prefix_chars),
      get("argument_default", container.argument_default),
      get("conflict_handler", container.conflict_handler),
    );
    this.title = title;
    this._group_actions = [];
    this._registries = container._registries;
    this._actions = container._actions;
    this._option_string_actions = container._option_string_actions;
    this._defaults = container._defaults;
    this._has_negative_number_optionals = container._has_negative_number_optionals;
    this._mutually_exclusive_groups = container._mutually_exclusive_groups;
    return null;
  }

  override _add_action(action: Obj): unknown {
    action = super._add_action(action);
    this._group_actions.push(action);
    return action;
  }

  override add_argument_group(...args: unknown[]): unknown {
    // CPython warns at stacklevel 2, the program's line: the innermost Python frame here.
    warn("Nesting argument groups is deprecated.", DeprecationWarning);
    return super.add_argument_group(...args);
  }

  override _remove_action(action: Obj): void {
    super._remove_action(action);
    const i = this._group_actions.indexOf(action);
    if (i >= 0) this._group_actions.splice(i, 1);
  }
}

function pickKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.hasOwn(o, k)) out[k] = o[k];
  return out;
}

function omitKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (!keys.includes(k)) out[k] = o[k];
  return out;
}

class MutuallyExclusiveGroupImpl extends ArgumentGroupImpl {
  declare required: unknown;
  declare _container: Obj;

  override __init__(...args: unknown[]): null {
    const [container, required] = bindArgs(
      "_MutuallyExclusiveGroup.__init__",
      args,
      ["container", "required"],
      [false],
    );
    super.__init__(container);
    this.required = required;
    this._container = container;
    return null;
  }

  override add_mutually_exclusive_group(...args: unknown[]): unknown {
    warn("Nesting mutually exclusive groups is deprecated.", DeprecationWarning);
    return super.add_mutually_exclusive_group(...args);
  }

  override _add_action(action: Obj): unknown {
    if (truthy(action.required))
      throw new ValueError("mutually exclusive arguments must be optional");
    action = this._container._add_action(action);
    this._group_actions.push(action);
    return action;
  }

  override _remove_action(action: Obj): void {
    this._container._remove_action(action);
    const i = this._group_actions.indexOf(action);
    if (i >= 0) this._group_actions.splice(i, 1);
  }
}

const ArgumentGroup = libraryClass(ArgumentGroupImpl, "_ArgumentGroup", "argparse");
const MutuallyExclusiveGroup = libraryClass(
  MutuallyExclusiveGroupImpl,
  "_MutuallyExclusiveGroup",
  "argparse",
);

// ================================================================ ArgumentParser

type OptionTuple = [Obj | null, string, string | null, string | null];

/** Python's `str.partition(sep)`. */
function partition(s: string, sep: string): [string, string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

function identity(s: unknown): unknown {
  return s;
}

class ArgumentParserImpl extends ActionsContainer {
  declare prog: unknown;
  declare usage: unknown;
  declare epilog: unknown;
  declare formatter_class: unknown;
  declare fromfile_prefix_chars: unknown;
  declare add_help: unknown;
  declare allow_abbrev: unknown;
  declare exit_on_error: unknown;
  declare _positionals: Obj;
  declare _optionals: Obj;
  declare _subparsers: Obj;

  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, ArgumentParserImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [
      prog,
      usage,
      description,
      epilog,
      parents,
      formatterClass,
      prefixChars,
      fromfilePrefixChars,
      argumentDefault,
      conflictHandler,
      addHelp,
      allowAbbrev,
      exitOnError,
    ] = bindArgs(
      "ArgumentParser.__init__",
      args,
      [
        "prog",
        "usage",
        "description",
        "epilog",
        "parents",
        "formatter_class",
        "prefix_chars",
        "fromfile_prefix_chars",
        "argument_default",
        "conflict_handler",
        "add_help",
        "allow_abbrev",
        "exit_on_error",
      ],
      [null, null, null, null, [], HelpFormatter, "-", null, null, "error", true, true, true],
    );
    this._container_init(description, prefixChars, argumentDefault, conflictHandler);
    let p = prog;
    if (p === null) {
      const argv0 = String(sys.argv[0] ?? "");
      p = argv0.slice(argv0.lastIndexOf("/") + 1);
    }
    this.prog = p;
    this.usage = usage;
    this.epilog = epilog;
    this.formatter_class = formatterClass;
    this.fromfile_prefix_chars = fromfilePrefixChars;
    this.add_help = addHelp;
    this.allow_abbrev = allowAbbrev;
    this.exit_on_error = exitOnError;
    this._positionals = this.add_argument_group("positional arguments");
    this._optionals = this.add_argument_group("options");
    this._subparsers = null;
    this.register("type", null, identity);
    const pc = this.prefix_chars;
    const defaultPrefix = pc.includes("-") ? "-" : pc[0]!;
    if (truthy(this.add_help)) {
      this.add_argument(
        `${defaultPrefix}h`,
        defaultPrefix.repeat(2) + "help",
        new Kw({ action: "help", default: SUPPRESS, help: "show this help message and exit" }),
      );
    }
    for (const parent of iter<Obj>(parents)) {
      if (!(parent instanceof ArgumentParserImpl))
        throw new PyTypeError("parents must be a list of ArgumentParser");
      this._add_container_actions(parent);
      this._defaults.update(parent._defaults);
    }
    return null;
  }

  _get_kwargs(): Tuple[] {
    return ["prog", "usage", "description", "formatter_class", "conflict_handler", "add_help"].map(
      (n) => new Tuple([n, getattr(this, n)]),
    );
  }

  _get_args(): unknown[] {
    return [];
  }

  __repr__(): string {
    return attributeHolderRepr(this);
  }

  add_subparsers(...args: unknown[]): unknown {
    const [pos, kws] = takeKw(args);
    if (pos.length > 0)
      throw new PyTypeError(
        `ArgumentParser.add_subparsers() takes 1 positional argument but ${pos.length + 1} were given`,
      );
    if (this._subparsers !== null)
      throw new ArgumentError(null, "cannot have multiple subparser arguments");
    const kwargs: Record<string, unknown> = { ...kws };
    if (!Object.hasOwn(kwargs, "parser_class")) kwargs.parser_class = this.constructor;
    if (Object.hasOwn(kwargs, "title") || Object.hasOwn(kwargs, "description")) {
      const title = Object.hasOwn(kwargs, "title") ? kwargs.title : "subcommands";
      const description = kwargs.description ?? null;
      delete kwargs.title;
      delete kwargs.description;
      this._subparsers = this.add_argument_group(title, description);
    } else this._subparsers = this._positionals;
    if (kwargs.prog === undefined || kwargs.prog === null) {
      const formatter = this._get_formatter();
      const positionals = this._get_positional_actions();
      formatter.add_usage(this.usage, positionals, this._mutually_exclusive_groups, "");
      kwargs.prog = strip(str(formatter.format_help()));
    }
    const parsersClass = this._pop_action_class(kwargs, "parsers");
    const action = call(parsersClass, new Kw({ option_strings: [], ...kwargs }));
    this._subparsers._add_action(action);
    return action;
  }

  override _add_action(action: Obj): unknown {
    if (truthy(action.option_strings)) this._optionals._add_action(action);
    else this._positionals._add_action(action);
    return action;
  }

  _get_optional_actions(): Obj[] {
    return this._actions.filter((a) => truthy(a.option_strings));
  }

  _get_positional_actions(): Obj[] {
    return this._actions.filter((a) => !truthy(a.option_strings));
  }

  parse_args(...args: unknown[]): unknown {
    const [a, namespace] = bindArgs(
      "ArgumentParser.parse_args",
      args,
      ["args", "namespace"],
      [null, null],
    );
    const [ns, argv] = toArray((this as Obj).parse_known_args(a, namespace)) as [Obj, string[]];
    if (toArray(argv).length > 0) {
      const msg = `unrecognized arguments: ${toArray(argv).join(" ")}`;
      if (truthy(this.exit_on_error)) (this as Obj).error(msg);
      else throw new ArgumentError(null, msg);
    }
    return ns;
  }

  parse_known_args(...argList: unknown[]): Tuple {
    const [a, ns] = bindArgs(
      "ArgumentParser.parse_known_args",
      argList,
      ["args", "namespace"],
      [null, null],
    );
    const args: string[] = a === null ? sys.argv.slice(1) : toArray<string>(a).slice();
    const namespace: Obj = ns === null ? new NamespaceImpl() : ns;
    for (const action of this._actions) {
      if (
        action.dest !== SUPPRESS &&
        !hasattr(namespace, action.dest) &&
        action.default !== SUPPRESS
      )
        setattr(namespace, action.dest, action.default);
    }
    for (const [dest, value] of this._defaults.entries())
      if (!hasattr(namespace, dest as string)) setattr(namespace, dest as string, value);
    let result: [Obj, string[]];
    if (truthy(this.exit_on_error)) {
      try {
        result = this._parse_known_args(args, namespace);
      } catch (e) {
        if (e instanceof ArgumentError) (this as Obj).error(str(e));
        throw e;
      }
    } else result = this._parse_known_args(args, namespace);
    const [n, extras] = result;
    if (hasattr(n, UNRECOGNIZED_ARGS_ATTR)) {
      extras.push(...toArray<string>(getattr(n, UNRECOGNIZED_ARGS_ATTR)));
      delete n[UNRECOGNIZED_ARGS_ATTR];
    }
    return new Tuple([n, extras]);
  }

  parse_intermixed_args(...args: unknown[]): unknown {
    const [a, namespace] = bindArgs(
      "ArgumentParser.parse_intermixed_args",
      args,
      ["args", "namespace"],
      [null, null],
    );
    const [ns, argv] = toArray((this as Obj).parse_known_intermixed_args(a, namespace)) as [
      Obj,
      string[],
    ];
    if (toArray(argv).length > 0) {
      const msg = `unrecognized arguments: ${toArray(argv).join(" ")}`;
      if (truthy(this.exit_on_error)) (this as Obj).error(msg);
      else throw new ArgumentError(null, msg);
    }
    return ns;
  }

  /**
   * CPython's two passes: the optionals first (positionals set to nargs SUPPRESS), then the
   * positionals from what remained (optionals made not required).
   */
  parse_known_intermixed_args(...args: unknown[]): Tuple {
    const [a, ns] = bindArgs(
      "ArgumentParser.parse_known_intermixed_args",
      args,
      ["args", "namespace"],
      [null, null],
    );
    const self = this as Obj;
    const positionals = this._get_positional_actions();
    const bad = positionals.filter((p) => p.nargs === PARSER || p.nargs === REMAINDER);
    if (bad.length > 0)
      throw new PyTypeError(
        `parse_intermixed_args: positional arg with nargs=${str(bad[0].nargs)}`,
      );
    for (const group of this._mutually_exclusive_groups)
      for (const action of group._group_actions as Obj[])
        if (positionals.includes(action))
          throw new PyTypeError("parse_intermixed_args: positional in mutuallyExclusiveGroup");
    const saveUsage = this.usage;
    let namespace: Obj = ns;
    let extras: unknown;
    try {
      if (this.usage === null) this.usage = str(self.format_usage()).slice(7);
      const saved = positionals.map((p) => [p.nargs, p.default]);
      let remaining: unknown;
      try {
        for (const action of positionals) {
          action.nargs = SUPPRESS;
          action.default = SUPPRESS;
        }
        [namespace, remaining] = toArray(self.parse_known_args(a, namespace)) as [Obj, unknown];
        for (const action of positionals) {
          const v = getattr(namespace, str(action.dest), undefined);
          if (v !== undefined && Array.isArray(v) && v.length === 0) {
            warn(`Do not expect ${str(action.dest)} in ${repr(namespace)}`);
            delete namespace[str(action.dest)];
          }
        }
      } finally {
        positionals.forEach((p, i) => {
          [p.nargs, p.default] = saved[i]!;
        });
      }
      const optionals = this._get_optional_actions();
      const savedRequired = optionals.map((o) => o.required);
      const groups = this._mutually_exclusive_groups;
      const savedGroupRequired = groups.map((g) => g.required);
      try {
        for (const action of optionals) action.required = false;
        for (const group of groups) group.required = false;
        [namespace, extras] = toArray(self.parse_known_args(remaining, namespace)) as [
          Obj,
          unknown,
        ];
      } finally {
        optionals.forEach((o, i) => {
          o.required = savedRequired[i];
        });
        groups.forEach((g, i) => {
          g.required = savedGroupRequired[i];
        });
      }
    } finally {
      this.usage = saveUsage;
    }
    return new Tuple([namespace, extras]);
  }

  _parse_known_args(argStrings: string[], namespace: Obj): [Obj, string[]] {
    const self = this as Obj;
    if (this.fromfile_prefix_chars !== null) argStrings = self._read_args_from_files(argStrings);
    const actionConflicts = new Map<Obj, Obj[]>();
    for (const mutexGroup of this._mutually_exclusive_groups) {
      const groupActions = mutexGroup._group_actions as Obj[];
      groupActions.forEach((mutexAction, i) => {
        let conflicts = actionConflicts.get(mutexAction);
        if (conflicts === undefined) actionConflicts.set(mutexAction, (conflicts = []));
        conflicts.push(...groupActions.slice(0, i), ...groupActions.slice(i + 1));
      });
    }
    const optionStringIndices = new Map<number, OptionTuple>();
    const patternParts: string[] = [];
    for (let i = 0; i < argStrings.length; i++) {
      const argString = argStrings[i]!;
      if (argString === "--") {
        patternParts.push("-");
        for (i++; i < argStrings.length; i++) patternParts.push("A");
      } else {
        const optionTuple = self._parse_optional(argString) as OptionTuple | null;
        if (optionTuple === null) patternParts.push("A");
        else {
          optionStringIndices.set(i, toArray(optionTuple) as OptionTuple);
          patternParts.push("O");
        }
      }
    }
    const argStringsPattern = patternParts.join("");
    const seenActions = new Set<Obj>();
    const seenNonDefaultActions = new Set<Obj>();
    const warned = new Set<string>();
    const extras: string[] = [];

    const takeAction = (
      action: Obj,
      argumentStrings: string[],
      optionString: string | null = null,
    ) => {
      seenActions.add(action);
      const argumentValues = self._get_values(action, argumentStrings);
      if (argumentValues !== action.default) {
        seenNonDefaultActions.add(action);
        for (const conflictAction of actionConflicts.get(action) ?? []) {
          if (seenNonDefaultActions.has(conflictAction)) {
            throw new ArgumentError(
              action,
              `not allowed with argument ${getActionName(conflictAction)}`,
            );
          }
        }
      }
      if (argumentValues !== SUPPRESS) call(action, this, namespace, argumentValues, optionString);
    };

    const consumeOptional = (startIndex: number): number => {
      let [action, optionString, sep, explicitArg] = optionStringIndices.get(startIndex)!;
      const actionTuples: [Obj, string[], string][] = [];
      let stop: number;
      for (;;) {
        if (action === null) {
          extras.push(argStrings[startIndex]!);
          return startIndex + 1;
        }
        if (explicitArg !== null) {
          const argCount = self._match_argument(action, "A") as number;
          const chars = this.prefix_chars;
          if (argCount === 0 && !chars.includes(optionString[1]!) && explicitArg !== "") {
            if (sep || chars.includes(explicitArg[0]!))
              throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
            actionTuples.push([action, [], optionString]);
            const char = optionString[0]!;
            optionString = char + explicitArg[0];
            if (this._option_string_actions.has(optionString)) {
              action = this._option_string_actions.__getitem__(optionString);
              explicitArg = explicitArg.slice(1);
              if (!explicitArg) sep = explicitArg = null;
              else if (explicitArg[0] === "=") {
                sep = "=";
                explicitArg = explicitArg.slice(1);
              } else sep = "";
            } else {
              extras.push(char + explicitArg);
              stop = startIndex + 1;
              break;
            }
          } else if (argCount === 1) {
            stop = startIndex + 1;
            actionTuples.push([action, [explicitArg], optionString]);
            break;
          } else throw new ArgumentError(action, `ignored explicit argument ${repr(explicitArg)}`);
        } else {
          const start = startIndex + 1;
          const argCount = self._match_argument(action, argStringsPattern.slice(start)) as number;
          stop = start + argCount;
          actionTuples.push([action, argStrings.slice(start, stop), optionString]);
          break;
        }
      }
      for (const [a, args, os] of actionTuples) {
        if (truthy(a.deprecated) && !warned.has(os)) {
          self._warning(`option '${os}' is deprecated`);
          warned.add(os);
        }
        takeAction(a, args, os);
      }
      return stop;
    };

    const positionals: Obj[] = this._get_positional_actions();
    const consumePositionals = (startIndex: number): number => {
      const argCounts = self._match_arguments_partial(
        positionals,
        argStringsPattern.slice(startIndex),
      ) as number[];
      for (let k = 0; k < argCounts.length && k < positionals.length; k++) {
        const action = positionals[k];
        const argCount = argCounts[k]!;
        const args = argStrings.slice(startIndex, startIndex + argCount);
        startIndex += argCount;
        if (args.length > 0 && truthy(action.deprecated) && !warned.has(action.dest)) {
          self._warning(`argument '${str(action.dest)}' is deprecated`);
          warned.add(action.dest);
        }
        takeAction(action, args);
      }
      positionals.splice(0, argCounts.length);
      return startIndex;
    };

    let startIndex = 0;
    const maxOptionStringIndex =
      optionStringIndices.size > 0 ? Math.max(...optionStringIndices.keys()) : -1;
    while (startIndex <= maxOptionStringIndex) {
      let nextOptionStringIndex = startIndex;
      while (nextOptionStringIndex <= maxOptionStringIndex) {
        if (optionStringIndices.has(nextOptionStringIndex)) break;
        nextOptionStringIndex++;
      }
      if (startIndex !== nextOptionStringIndex) {
        const positionalsEndIndex = consumePositionals(startIndex);
        if (positionalsEndIndex > startIndex) {
          startIndex = positionalsEndIndex;
          continue;
        }
        startIndex = positionalsEndIndex;
      }
      if (!optionStringIndices.has(startIndex)) {
        extras.push(...argStrings.slice(startIndex, nextOptionStringIndex));
        startIndex = nextOptionStringIndex;
      }
      startIndex = consumeOptional(startIndex);
    }
    const stopIndex = consumePositionals(startIndex);
    extras.push(...argStrings.slice(stopIndex));

    const requiredActions: (string | null)[] = [];
    for (const action of this._actions) {
      if (seenActions.has(action)) continue;
      if (truthy(action.required)) requiredActions.push(getActionName(action));
      else if (
        typeof action.default === "string" &&
        hasattr(namespace, action.dest) &&
        action.default === getattr(namespace, action.dest)
      ) {
        setattr(namespace, action.dest, self._get_value(action, action.default));
      }
    }
    if (requiredActions.length > 0)
      throw new ArgumentError(
        null,
        `the following arguments are required: ${requiredActions.map((n) => str(n)).join(", ")}`,
      );
    for (const group of this._mutually_exclusive_groups) {
      if (!truthy(group.required)) continue;
      if ((group._group_actions as Obj[]).some((a) => seenNonDefaultActions.has(a))) continue;
      const names = (group._group_actions as Obj[])
        .filter((a) => a.help !== SUPPRESS)
        .map((a) => str(getActionName(a)));
      throw new ArgumentError(null, `one of the arguments ${names.join(" ")} is required`);
    }
    return [namespace, extras];
  }

  _read_args_from_files(argStrings: string[]): string[] {
    const self = this as Obj;
    const out: string[] = [];
    for (const argString of toArray<string>(argStrings)) {
      if (!argString || !str(this.fromfile_prefix_chars).includes(argString[0]!)) {
        out.push(argString);
        continue;
      }
      let text: string;
      try {
        const f = openFile(
          argString.slice(1),
          new Kw({ encoding: "utf-8", errors: "surrogateescape" }),
        ) as Obj;
        try {
          text = str(callMethod(f, "read"));
        } finally {
          callMethod(f, "close");
        }
      } catch (e) {
        if (e instanceof OSError) throw new ArgumentError(null, str(e));
        throw e;
      }
      const args: string[] = [];
      for (const line of strMethods.splitlines(text) as string[])
        for (const arg of iter<string>(self.convert_arg_line_to_args(line))) args.push(arg);
      out.push(...toArray<string>(self._read_args_from_files(args)));
    }
    return out;
  }

  convert_arg_line_to_args(argLine: unknown): unknown[] {
    return [argLine];
  }

  _match_argument(action: Obj, argStringsPattern: string): number {
    const nargsPattern = (this as Obj)._get_nargs_pattern(action) as string;
    const match = new RegExp(`^${nargsPattern}`).exec(argStringsPattern);
    if (match === null) {
      const nargs = action.nargs;
      let msg: string;
      if (nargs === null) msg = "expected one argument";
      else if (nargs === OPTIONAL) msg = "expected at most one argument";
      else if (nargs === ONE_OR_MORE) msg = "expected at least one argument";
      else {
        const n = toInt(nargs);
        msg = `expected ${str(nargs)} argument${n === 1 ? "" : "s"}`;
      }
      throw new ArgumentError(action, msg);
    }
    return match[1]!.length;
  }

  _match_arguments_partial(actions: Obj[], argStringsPattern: string): number[] {
    const result: number[] = [];
    for (let i = actions.length; i > 0; i--) {
      const pattern = actions
        .slice(0, i)
        .map((a) => (this as Obj)._get_nargs_pattern(a))
        .join("");
      const match = new RegExp(`^${pattern}`).exec(argStringsPattern);
      if (match !== null) {
        result.push(...match.slice(1).map((g) => (g ?? "").length));
        break;
      }
    }
    return result;
  }

  _parse_optional(argString: string): OptionTuple | null {
    if (!argString) return null;
    if (!this.prefix_chars.includes(argString[0]!)) return null;
    if (this._option_string_actions.has(argString))
      return [this._option_string_actions.__getitem__(argString), argString, null, null];
    if (argString.length === 1) return null;
    const [optionString, sep, explicitArg] = partition(argString, "=");
    if (sep && this._option_string_actions.has(optionString))
      return [
        this._option_string_actions.__getitem__(optionString),
        optionString,
        sep,
        explicitArg,
      ];
    const optionTuples = this._get_option_tuples(argString);
    if (optionTuples.length > 1) {
      const options = optionTuples.map((t) => t[1]).join(", ");
      throw new ArgumentError(null, `ambiguous option: ${argString} could match ${options}`);
    } else if (optionTuples.length === 1) return optionTuples[0]!;
    if (NEGATIVE_NUMBER.test(argString) && this._has_negative_number_optionals.length === 0)
      return null;
    if (argString.includes(" ")) return null;
    return [null, argString, null, null];
  }

  _get_option_tuples(optionString: string): OptionTuple[] {
    const result: OptionTuple[] = [];
    const chars = this.prefix_chars;
    const keys = toArray<string>(this._option_string_actions);
    if (chars.includes(optionString[0]!) && chars.includes(optionString[1]!)) {
      if (truthy(this.allow_abbrev)) {
        const [optionPrefix, s, e] = partition(optionString, "=");
        const sep = s ? s : null;
        const explicitArg = s ? e : null;
        for (const os of keys)
          if (os.startsWith(optionPrefix))
            result.push([this._option_string_actions.__getitem__(os), os, sep, explicitArg]);
      }
    } else if (chars.includes(optionString[0]!) && !chars.includes(optionString[1]!)) {
      const optionPrefix = optionString;
      const shortOptionPrefix = optionString.slice(0, 2);
      const shortExplicitArg = optionString.slice(2);
      for (const os of keys) {
        if (os === shortOptionPrefix)
          result.push([this._option_string_actions.__getitem__(os), os, "", shortExplicitArg]);
        else if (os.startsWith(optionPrefix))
          result.push([this._option_string_actions.__getitem__(os), os, null, null]);
      }
    } else throw new ArgumentError(null, `unexpected option string: ${optionString}`);
    return result;
  }

  _get_nargs_pattern(action: Obj): string {
    const nargs = action.nargs;
    let p: string;
    if (nargs === null) p = "(-*A-*)";
    else if (nargs === OPTIONAL) p = "(-*A?-*)";
    else if (nargs === ZERO_OR_MORE) p = "(-*[A-]*)";
    else if (nargs === ONE_OR_MORE) p = "(-*A[A-]*)";
    else if (nargs === REMAINDER) p = "([-AO]*)";
    else if (nargs === PARSER) p = "(-*A[-AO]*)";
    else if (nargs === SUPPRESS) p = "(-*-*)";
    else
      p = `(-*${Array(Math.max(toInt(nargs), 0))
        .fill("A")
        .join("-*")}-*)`;
    if (truthy(action.option_strings)) p = p.replace(/-\*/g, "").replace(/-/g, "");
    return p;
  }

  _get_values(action: Obj, argStrings: string[]): unknown {
    const self = this as Obj;
    const nargs = action.nargs;
    if (!truthy(action.option_strings) && nargs !== PARSER && nargs !== REMAINDER) {
      const i = argStrings.indexOf("--");
      if (i >= 0) argStrings.splice(i, 1);
    }
    let value: unknown;
    if (argStrings.length === 0 && nargs === OPTIONAL) {
      value = truthy(action.option_strings) ? action.const : action.default;
      if (typeof value === "string") {
        value = self._get_value(action, value);
        self._check_value(action, value);
      }
    } else if (
      argStrings.length === 0 &&
      nargs === ZERO_OR_MORE &&
      !truthy(action.option_strings)
    ) {
      if (action.default !== null) {
        value = action.default;
        self._check_value(action, value);
      } else value = argStrings;
    } else if (argStrings.length === 1 && (nargs === null || nargs === OPTIONAL)) {
      value = self._get_value(action, argStrings[0]);
      self._check_value(action, value);
    } else if (nargs === REMAINDER) {
      value = argStrings.map((v) => self._get_value(action, v));
    } else if (nargs === PARSER) {
      const vs = argStrings.map((v) => self._get_value(action, v));
      self._check_value(action, vs[0]);
      value = vs;
    } else if (nargs === SUPPRESS) {
      value = SUPPRESS;
    } else {
      const vs = argStrings.map((v) => self._get_value(action, v));
      for (const v of vs) self._check_value(action, v);
      value = vs;
    }
    return value;
  }

  _get_value(action: Obj, argString: string): unknown {
    const typeFunc = this._registry_get("type", action.type, action.type);
    if (!callable(typeFunc)) throw new ArgumentError(action, `${repr(typeFunc)} is not callable`);
    try {
      return call(typeFunc, argString);
    } catch (e) {
      if (e instanceof ArgumentTypeError) throw raisedIn(new ArgumentError(action, str(e)), e);
      if (e instanceof PyTypeError || e instanceof ValueError) {
        const name = getattr(action.type, "__name__", repr(action.type));
        const msg = `invalid ${str(name)} value: ${repr(argString)}`;
        throw raisedIn(new ArgumentError(action, msg), e);
      }
      throw e;
    }
  }

  _check_value(action: Obj, value: unknown): void {
    if (action.choices !== null && !contains(action.choices, value)) {
      const choices = Array.from(iter(action.choices), (c) => repr(c)).join(", ");
      throw new ArgumentError(action, `invalid choice: ${repr(value)} (choose from ${choices})`);
    }
  }

  format_usage(): string {
    const formatter = this._get_formatter();
    formatter.add_usage(this.usage, this._actions, this._mutually_exclusive_groups);
    return formatter.format_help();
  }

  format_help(): string {
    const formatter = this._get_formatter();
    formatter.add_usage(this.usage, this._actions, this._mutually_exclusive_groups);
    formatter.add_text(this.description);
    for (const group of this._action_groups) {
      formatter.start_section(group.title);
      formatter.add_text(group.description);
      formatter.add_arguments(group._group_actions);
      formatter.end_section();
    }
    formatter.add_text(this.epilog);
    return formatter.format_help();
  }

  _get_formatter(): Obj {
    return call(this.formatter_class, new Kw({ prog: this.prog }));
  }

  print_usage(file: unknown = null): null {
    this._print_message((this as Obj).format_usage(), file ?? streams.stdout);
    return null;
  }

  print_help(file: unknown = null): null {
    this._print_message((this as Obj).format_help(), file ?? streams.stdout);
    return null;
  }

  _print_message(message: unknown, file: unknown = null): void {
    if (!truthy(message)) return;
    const f = truthy(file) ? file : streams.stderr;
    try {
      callMethod(f, "write", message);
    } catch (e) {
      if (e instanceof AttributeError || e instanceof OSError) return;
      throw e;
    }
  }

  exit(...args: unknown[]): never {
    const [status, message] = bindArgs(
      "ArgumentParser.exit",
      args,
      ["status", "message"],
      [0n, null],
    );
    if (truthy(message)) this._print_message(message, streams.stderr);
    throw new SystemExit(status);
  }

  error(message: unknown): null {
    (this as Obj).print_usage(streams.stderr);
    (this as Obj).exit(2n, `${str(this.prog)}: error: ${str(message)}\n`);
    return null;
  }

  _warning(message: string): void {
    this._print_message(`${str(this.prog)}: warning: ${message}\n`, streams.stderr);
  }
}

export const ArgumentParser = libraryClass(ArgumentParserImpl, "ArgumentParser", "argparse");

// The module's private classes, under their names (programs test `isinstance(a,
// argparse._SubParsersAction)` or subclass `argparse._StoreAction`).
export {
  AppendAction as _AppendAction,
  AppendConstAction as _AppendConstAction,
  ArgumentGroup as _ArgumentGroup,
  CountAction as _CountAction,
  ExtendAction as _ExtendAction,
  HelpAction as _HelpAction,
  MutuallyExclusiveGroup as _MutuallyExclusiveGroup,
  StoreAction as _StoreAction,
  StoreConstAction as _StoreConstAction,
  StoreFalseAction as _StoreFalseAction,
  StoreTrueAction as _StoreTrueAction,
  SubParsersAction as _SubParsersAction,
  VersionAction as _VersionAction,
};
