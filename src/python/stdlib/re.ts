/**
 * Python's `re` on JS `RegExp`: a translator from Python pattern syntax to JS, not a regex engine.
 *
 * HOW A PATTERN IS TRANSLATED
 *
 * `translate()` parses the pattern as CPython's `re._parser` does (same tokens, same checks, same
 * `re.error` messages and positions: `missing ), unterminated subpattern at position 0`) and emits
 * the source of a JS RegExp with the `v` flag (Unicode code points, nested classes), plus `i` for
 * IGNORECASE. Every construct is spelled out so that JS gives it Python's meaning:
 * - literals other than ASCII letters and digits are written `\u{hex}` (so no character is ever
 *   special to JS by accident); `.` is `[^\n]` (JS's `.` also stops at `\r`, U+2028, U+2029) or,
 *   with DOTALL, `[\s\S]`;
 * - `^`, `$`, `\A`, `\Z` are lookarounds (`$` without MULTILINE: `(?=\n?(?![\s\S]))`, the end or
 *   before a final newline; JS's multiline anchors also stop at `\r`, so the `m` flag is never used);
 * - `\d` is `\p{Nd}`, `\w` is `[\p{L}\p{N}_]`, `\s` is CPython's exact whitespace list (JS's `\s`
 *   lacks `\x1c`-`\x1f` and `\x85`, and has U+FEFF), `\b`/`\B` are lookarounds over that `\w`; with
 *   ASCII (and in bytes patterns) the ASCII sets;
 * - capture groups are named `(?<gN>...)` (Python group N) so hidden groups can be added without
 *   renumbering; `(?P=name)` and `\N` are `\k<gN>`;
 * - atomic groups `(?>X)` and possessive repeats `X*+` are `(?=(?<hN>X))\k<hN>` (a lookahead is
 *   atomic in JS; the backreference consumes what it matched);
 * - scoped flags `(?s:...)`, `(?m:...)`, `(?x:...)`, `(?a:...)` are applied while translating;
 *   IGNORECASE is the RegExp's `i` flag, and where a pattern sets it for a part only (JS on Node
 *   20 has no `(?i:...)` modifiers) the pattern is translated again without `i`, literals and
 *   classes listing their case variants where IGNORECASE is on (`[kK\u{212a}]`);
 * - conditional groups `(?(1)a|b)`, `\N{...}`, a backreference under a scoped IGNORECASE and
 *   the DEBUG flag raise NotImplementedError naming the construct;
 * - VERBOSE is handled by the parser itself (whitespace and `#` comments skipped outside classes
 *   and escapes), exactly where CPython skips them.
 *
 * MATCHING
 *
 * `search` scans with a `g` RegExp from `lastIndex`, `match` uses a sticky (`y`) one, `fullmatch`
 * a sticky one followed by `(?![\s\S])`. `endpos` is applied by slicing the subject (CPython
 * treats the string as that long), `pos` is `lastIndex` (so `^` and lookbehinds see what is before
 * `pos`, as in CPython). `finditer`/`findall`/`sub`/`split` follow CPython 3.7+: after an empty
 * match at p the next match may not be empty at p. JS would skip to p + 1; a third RegExp,
 * `(?=(?<r>[\s\S]*))(?:P)(?!\k<r>(?![\s\S]))` (P must end somewhere other than where it started),
 * is tried at p first, only for patterns with an alternation or a lazy repeat (greedy choices are
 * tried longest first, so a pattern without them whose first match at p is empty has no other
 * match at p: JS's step to p + 1 is then exact). Positions are code points, as the runtime's
 * `str` indexes them (UTF-16 offsets are converted when the subject has astral characters).
 * Group spans come from re-running the match with the `d` flag, only when a program asks for one.
 *
 * bytes patterns work on bytes subjects: both are read as Latin-1 strings and groups are returned
 * as `bytes`.
 *
 * Differences from CPython (docs/DIFFERENCES.md, `re`): a backreference to a group that did not
 * participate matches the empty string (CPython: fails); a group inside a repeat is reset at each
 * iteration (`(?:(a)|b)*` on "ab" leaves group 1 unset; CPython keeps "a"); IGNORECASE uses
 * Unicode simple case folding (CPython: lower() plus a table; they differ for a few characters),
 * also for non-ASCII letters under ASCII; Unicode tables are ICU's; `hash()` of a Pattern differs.
 */

import { ByteArray, Bytes, BytesLike } from "../bytes";
import { Dict } from "../dict";
import {
  DeprecationWarning,
  Exception,
  FutureWarning,
  IndexError,
  NotImplementedError,
  OverflowError,
  TypeError as PyTypeError,
  StopIteration,
  ValueError,
} from "../exceptions";
import { format as pyFormat } from "../format";
import { hash } from "../hash";
import { kw, splitKw } from "../kw";
import { isInt } from "../numbers";
import { call, callable, codePoints, hasSurrogates } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { enumclass, IntFlag, KEEP } from "./enum";
import { clinicArgs, MappingProxyType, pythonArgs } from "./types";
import { warn } from "./warnings";

// ---------------------------------------------------------------- flags

const SRE_IGNORECASE = 2;
const SRE_LOCALE = 4;
const SRE_MULTILINE = 8;
const SRE_DOTALL = 16;
const SRE_UNICODE = 32;
const SRE_VERBOSE = 64;
const SRE_DEBUG = 128;
const SRE_ASCII = 256;
const TYPE_FLAGS = SRE_ASCII | SRE_LOCALE | SRE_UNICODE;
const MAXREPEAT = 4294967295;
const MAXGROUPS = 2147483647;

/** Flag names in RegexFlag's definition order (how CPython names a combination). */
const FLAG_ORDER: [string, number][] = [
  ["ASCII", SRE_ASCII],
  ["IGNORECASE", SRE_IGNORECASE],
  ["LOCALE", SRE_LOCALE],
  ["UNICODE", SRE_UNICODE],
  ["MULTILINE", SRE_MULTILINE],
  ["DOTALL", SRE_DOTALL],
  ["VERBOSE", SRE_VERBOSE],
  ["DEBUG", SRE_DEBUG],
];

function flagRepr(v: bigint): string {
  if (v === 0n) return "re.NOFLAG";
  if (v < 0n) return `re.RegexFlag(${v})`;
  const parts: string[] = [];
  let rest = v;
  for (const [name, bit] of FLAG_ORDER) {
    if ((v & BigInt(bit)) !== 0n) {
      parts.push(`re.${name}`);
      rest &= ~BigInt(bit);
    }
  }
  if (rest !== 0n) parts.push(`0x${rest.toString(16)}`);
  return parts.join("|");
}

/** `re.RegexFlag`: an IntFlag (boundary KEEP) whose repr and str are `re.IGNORECASE|re.MULTILINE`. */
export class RegexFlag extends IntFlag {
  static override __module__ = "re";
  static NOFLAG = 0n;
  static ASCII = BigInt(SRE_ASCII);
  static A = BigInt(SRE_ASCII);
  static IGNORECASE = BigInt(SRE_IGNORECASE);
  static I = BigInt(SRE_IGNORECASE);
  static LOCALE = BigInt(SRE_LOCALE);
  static L = BigInt(SRE_LOCALE);
  static UNICODE = BigInt(SRE_UNICODE);
  static U = BigInt(SRE_UNICODE);
  static MULTILINE = BigInt(SRE_MULTILINE);
  static M = BigInt(SRE_MULTILINE);
  static DOTALL = BigInt(SRE_DOTALL);
  static S = BigInt(SRE_DOTALL);
  static VERBOSE = BigInt(SRE_VERBOSE);
  static X = BigInt(SRE_VERBOSE);
  static DEBUG = BigInt(SRE_DEBUG);
}
enumclass(RegexFlag, KEEP);
{
  const proto = RegexFlag.prototype as unknown as Record<string, unknown>;
  proto.__repr__ = function (this: { _value_: bigint }): string {
    return flagRepr(this._value_);
  };
  // `__str__ = object.__str__`: the repr; `format(flag, "")` is str(), other specs int's
  proto.__str__ = proto.__repr__;
  proto.__format__ = function (this: { _value_: bigint }, spec: string): string {
    return spec === "" ? flagRepr(this._value_) : pyFormat(this._value_, spec);
  };
}

type Member = RegexFlag & { _value_: bigint };
const F = RegexFlag as unknown as Record<string, Member>;
export const NOFLAG = F.NOFLAG;
export const ASCII = F.ASCII;
export const A = F.ASCII;
export const IGNORECASE = F.IGNORECASE;
export const I = F.IGNORECASE;
export const LOCALE = F.LOCALE;
export const L = F.LOCALE;
export const UNICODE = F.UNICODE;
export const U = F.UNICODE;
export const MULTILINE = F.MULTILINE;
export const M = F.MULTILINE;
export const DOTALL = F.DOTALL;
export const S = F.DOTALL;
export const VERBOSE = F.VERBOSE;
export const X = F.VERBOSE;
export const DEBUG = F.DEBUG;

function flagsValue(x: unknown): number {
  if (x instanceof RegexFlag) return Number((x as Member)._value_);
  if (isInt(x)) return Number(x);
  const iv = (x as { __int_value__?: unknown } | null)?.__int_value__;
  if (iv !== undefined) return Number(iv);
  throw new PyTypeError(`unsupported operand type(s) for &: '${typeName(x)}' and 'int'`);
}

// ---------------------------------------------------------------- errors

/** `re.PatternError` (also `re.error`): an invalid pattern, with `msg`, `pattern`, `pos`, ... */
export class PatternError extends Exception {
  static __module__ = "re";
  msg: string;
  pattern: unknown;
  pos: bigint | null;
  lineno: bigint | null;
  colno: bigint | null;

  constructor(...args: unknown[]) {
    const [msg, pattern = null, pos = null] = args as [string, unknown, unknown];
    let text = String(msg);
    let lineno: bigint | null = null;
    let colno: bigint | null = null;
    if (pattern !== null && pos !== null) {
      const p = Number(pos);
      text = `${text} at position ${p}`;
      const cps =
        pattern instanceof BytesLike ? [...latin1(pattern)] : codePoints(pattern as string);
      let line = 1;
      let lastNl = -1;
      for (let i = 0; i < p && i < cps.length; i++) {
        if (cps[i] === "\n") {
          line++;
          lastNl = i;
        }
      }
      lineno = BigInt(line);
      colno = BigInt(p - lastNl);
      if (cps.includes("\n")) text = `${text} (line ${line}, column ${p - lastNl})`;
    }
    super(text);
    this.msg = String(msg);
    this.pattern = pattern;
    this.pos = pos === null ? null : BigInt(pos as number | bigint);
    this.lineno = lineno;
    this.colno = colno;
  }
}
export { PatternError as error };

function unsupported(what: string): NotImplementedError {
  return new NotImplementedError(`re: ${what} is not supported by asyncio-ts`);
}

// ---------------------------------------------------------------- translation

const DIGITS = /^[0-9]$/;
const OCTDIGITS = /^[0-7]$/;
const HEXDIGITS = /^[0-9a-fA-F]$/;
const ASCIILETTERS = /^[a-zA-Z]$/;
const WHITESPACE = " \t\n\r\v\f";
const SPECIAL_CHARS = ".\\[{()*+?^$|";
const REPEAT_CHARS = "*+?{";
const FLAG_CHARS: Record<string, number> = {
  i: SRE_IGNORECASE,
  L: SRE_LOCALE,
  m: SRE_MULTILINE,
  s: SRE_DOTALL,
  x: SRE_VERBOSE,
  a: SRE_ASCII,
  u: SRE_UNICODE,
};
const INF = Number.POSITIVE_INFINITY;
const ESCAPES: Record<string, number> = {
  "\\a": 7,
  "\\b": 8,
  "\\f": 12,
  "\\n": 10,
  "\\r": 13,
  "\\t": 9,
  "\\v": 11,
  "\\\\": 92,
};

/** A code point as JS regex source: ASCII letters and digits as themselves, the rest escaped. */
function lit(cp: number): string {
  if ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122))
    return String.fromCharCode(cp);
  return `\\u{${cp.toString(16)}}`;
}

const SPACE_U =
  "\\t\\n\\v\\f\\r\\u{1c}-\\u{1f}\\u{20}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{200a}\\u{2028}\\u{2029}\\u{202f}\\u{205f}\\u{3000}";
const SPACE_A = "\\t\\n\\v\\f\\r\\u{20}";
const WORD_U = "\\p{L}\\p{N}_";
const WORD_A = "a-zA-Z0-9_";

/** Class contents (for a v-mode class) of the categories `\d` ... `\W`. */
function category(c: string, ascii: boolean): string {
  switch (c) {
    case "d":
      return ascii ? "[0-9]" : "\\p{Nd}";
    case "D":
      return ascii ? "[^0-9]" : "\\P{Nd}";
    case "w":
      return `[${ascii ? WORD_A : WORD_U}]`;
    case "W":
      return `[^${ascii ? WORD_A : WORD_U}]`;
    case "s":
      return `[${ascii ? SPACE_A : SPACE_U}]`;
    default:
      return `[^${ascii ? SPACE_A : SPACE_U}]`;
  }
}

/** One parsed item: its JS source, its width, and what it is (for the repeat checks). */
interface Item {
  src: string;
  lo: number;
  hi: number;
  kind: "unit" | "at" | "repeat" | "group" | "other";
  /** A plain literal code point (for class ranges). */
  cp?: number;
}

class Source {
  readonly cps: string[];
  index = 0;
  next: string | null = null;
  constructor(
    readonly pattern: unknown,
    text: string,
    readonly istext: boolean,
  ) {
    this.cps = istext ? codePoints(text) : [...text];
    this.advance();
  }
  private advance(): void {
    let i = this.index;
    if (i >= this.cps.length) {
      this.next = null;
      return;
    }
    let ch = this.cps[i]!;
    if (ch === "\\") {
      i++;
      if (i >= this.cps.length)
        throw new PatternError("bad escape (end of pattern)", this.pattern, this.cps.length - 1);
      ch += this.cps[i];
    }
    this.index = i + 1;
    this.next = ch;
  }
  match(ch: string): boolean {
    if (ch === this.next) {
      this.advance();
      return true;
    }
    return false;
  }
  get(): string | null {
    const t = this.next;
    this.advance();
    return t;
  }
  getwhile(n: number, set: RegExp): string {
    let r = "";
    for (let k = 0; k < n; k++) {
      const c = this.next;
      if (c === null || !set.test(c)) break;
      r += c;
      this.advance();
    }
    return r;
  }
  getuntil(terminator: string, name: string): string {
    let r = "";
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === null) {
        if (!r) throw this.error(`missing ${name}`);
        throw this.error(`missing ${terminator}, unterminated name`, codePoints(r).length);
      }
      if (c === terminator) {
        if (!r) throw this.error(`missing ${name}`, 1);
        break;
      }
      r += c;
    }
    return r;
  }
  tell(): number {
    return this.index - (this.next === null ? 0 : this.next.length);
  }
  seek(i: number): void {
    this.index = i;
    this.advance();
  }
  error(msg: string, offset = 0): PatternError {
    return new PatternError(msg, this.pattern, this.tell() - offset);
  }
  checkgroupname(name: string, offset: number): void {
    if (
      !/^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(name) ||
      (!this.istext && /[^\x00-\x7f]/.test(name))
    ) {
      throw this.error(
        `bad character in group name ${repr(name)}`,
        codePoints(name).length + offset,
      );
    }
  }
}

class State {
  flags = 0;
  groupdict = new Map<string, number>();
  groupwidths: ([number, number] | null)[] = [null];
  /** The group each group is nested in (0 at top level), for `lastindex`. */
  parents: number[] = [0];
  lookbehindgroups: number | null = null;
  grouprefpos = new Map<number, number>();
  hidden = 0;
  /**
   * An alternation or a lazy repeat: only then can a pattern whose first match at p is empty have
   * a non-empty match at p (greedy choices are tried longest first), which CPython's iteration
   * looks for after an empty match (see Pattern._iter).
   */
  emptyFirst = false;
  /**
   * IGNORECASE is emulated (the JS RegExp has no `i` flag; literals and classes list their case
   * variants where IGNORECASE is on): set when the pattern turns IGNORECASE on or off for a group,
   * which JS cannot do on Node 20 (no `(?i:...)` modifiers).
   */
  emulateCase = false;
  get groups(): number {
    return this.groupwidths.length;
  }
  opengroup(name: string | null, parent: number): number {
    const gid = this.groups;
    this.groupwidths.push(null);
    this.parents.push(parent);
    if (this.groups > MAXGROUPS) throw new PatternError("too many groups");
    if (name !== null) {
      const ogid = this.groupdict.get(name);
      if (ogid !== undefined)
        throw new PatternError(
          `redefinition of group name ${repr(name)} as group ${gid}; was group ${ogid}`,
        );
      this.groupdict.set(name, gid);
    }
    return gid;
  }
  checkgroup(gid: number): boolean {
    return gid < this.groups && this.groupwidths[gid] !== null;
  }
  checklookbehindgroup(gid: number, source: Source): void {
    if (this.lookbehindgroups !== null) {
      if (!this.checkgroup(gid)) throw source.error("cannot refer to an open group");
      if (gid >= this.lookbehindgroups)
        throw source.error("cannot refer to group defined in the same lookbehind subpattern");
    }
  }
}

interface Ctx {
  source: Source;
  state: State;
  /** The flags in effect (global flags combined with scoped ones). */
  flags: number;
  /** The innermost capture group (0 at top level). */
  group: number;
}

function isAscii(cx: Ctx): boolean {
  return !cx.source.istext || (cx.flags & SRE_ASCII) !== 0;
}

/** Thrown when a scoped IGNORECASE change is met: the pattern is translated again, emulating it. */
class RestartEmulatingCase {}

/** Is IGNORECASE emulated at this point of the pattern? */
function foldsHere(cx: Ctx): boolean {
  return cx.state.emulateCase && (cx.flags & SRE_IGNORECASE) !== 0;
}

/** A literal code point (with its case variants where IGNORECASE is emulated). */
function litItem(cx: Ctx, cp: number): Item {
  if (foldsHere(cx)) {
    const vs = caseVariants(cp);
    if (vs.length > 1) return unit(`[${vs.map(lit).join("")}]`, cp);
  }
  return unit(lit(cp), cp);
}

/**
 * Characters whose case folding reaches a key character that its own lower/upper case forms do
 * not lead back to (`ſ` folds to `s`, but `s` maps only to `S`): key -> those characters. Computed
 * once from Node's ICU over the first two planes with `foldKey`, plus U+0130 (`İ`, whose simple
 * lowercase is `i` in CPython).
 */
const FOLD_EXTRA: number[][] = [
  [105, 304, 305],
  [107, 8490],
  [115, 383],
  [223, 7838],
  [229, 8491],
  [454, 453],
  [457, 456],
  [460, 459],
  [499, 498],
  [946, 976],
  [949, 1013],
  [952, 977, 1012],
  [953, 837, 8126],
  [954, 1008],
  [956, 181],
  [960, 982],
  [961, 1009],
  [963, 962],
  [966, 981],
  [969, 8486],
  [1074, 7296],
  [1076, 7297],
  [1086, 7298],
  [1089, 7299],
  [1090, 7300, 7301],
  [1098, 7302],
  [1123, 7303],
  [7777, 7835],
  [8064, 8072],
  [8065, 8073],
  [8066, 8074],
  [8067, 8075],
  [8068, 8076],
  [8069, 8077],
  [8070, 8078],
  [8071, 8079],
  [8080, 8088],
  [8081, 8089],
  [8082, 8090],
  [8083, 8091],
  [8084, 8092],
  [8085, 8093],
  [8086, 8094],
  [8087, 8095],
  [8096, 8104],
  [8097, 8105],
  [8098, 8106],
  [8099, 8107],
  [8100, 8108],
  [8101, 8109],
  [8102, 8110],
  [8103, 8111],
  [8115, 8124],
  [8131, 8140],
  [8179, 8188],
  [42571, 7304],
];
const foldExtra = new Map(FOLD_EXTRA.map(([k, ...cs]) => [k!, cs]));

/** The largest class range whose case variants are listed one by one. */
const MAX_FOLDED_RANGE = 0x3000;

/** A single code point, or null for a string of several. */
function single(s: string): number | null {
  const cp = s.codePointAt(0)!;
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : null;
}

/** The character a code point folds to: lower(upper(c)), or lower(c) when upper(c) is several. */
function foldKey(c: number): number {
  if (c === 0x130) return 0x69; // İ: its simple lowercase is i (JS gives the full "i\u0307")
  const ch = String.fromCodePoint(c);
  const up = ch.toUpperCase();
  return single(single(up) !== null ? up.toLowerCase() : ch.toLowerCase()) ?? c;
}

/** The code points that fold to the same character as cp (cp included), ascending. */
function caseVariants(cp: number): number[] {
  const k = foldKey(cp);
  const out = new Set([cp, k]);
  const ch = String.fromCodePoint(k);
  for (const v of [ch.toUpperCase(), ch.toLowerCase(), ch.toUpperCase().toLowerCase()]) {
    const c = single(v);
    if (c !== null && foldKey(c) === k) out.add(c);
  }
  for (const c of foldExtra.get(k) ?? []) out.add(c);
  return [...out].sort((x, y) => x - y);
}

function unit(src: string, cp?: number): Item {
  return { src, lo: 1, hi: 1, kind: "unit", cp };
}

function at(src: string): Item {
  return { src, lo: 0, hi: 0, kind: "at" };
}

function wordClass(cx: Ctx): string {
  return `[${isAscii(cx) ? WORD_A : WORD_U}]`;
}

/** CPython's FutureWarning for class syntax that may change meaning (`[[`, `--`, `&&`, ...). */
function futureWarning(message: string): void {
  warn(message, FutureWarning, 1n);
}

/** An escape inside a class: a code point, or the class source of a category. */
function classEscape(cx: Ctx, esc: string): { cp?: number; src: string } {
  const source = cx.source;
  if (esc in ESCAPES) return { cp: ESCAPES[esc], src: lit(ESCAPES[esc]!) };
  const c = esc.slice(1);
  if ("dDsSwW".includes(c)) return { src: category(c, isAscii(cx)) };
  const num = hexOrOctal(source, esc, c, true);
  if (num !== null) return { cp: num, src: lit(num) };
  if (DIGITS.test(c) || ASCIILETTERS.test(c)) throw source.error(`bad escape ${esc}`, 2);
  const cp = c.codePointAt(0)!;
  return { cp, src: lit(cp) };
}

/** `\x..`, `\u....`, `\U........`, `\N{...}` and octal escapes (in classes: any octal). */
function hexOrOctal(source: Source, esc: string, c: string, inClass: boolean): number | null {
  if (c === "x" || (source.istext && (c === "u" || c === "U"))) {
    const n = c === "x" ? 2 : c === "u" ? 4 : 8;
    const digits = source.getwhile(n, HEXDIGITS);
    const full = esc + digits;
    if (digits.length !== n) throw source.error(`incomplete escape ${full}`, full.length);
    const v = Number.parseInt(digits, 16);
    if (v > 0x10ffff) throw source.error(`bad escape ${full}`, full.length);
    return v;
  }
  if (c === "N" && source.istext) throw unsupported("the escape \\N{...} in a pattern");
  if (inClass ? OCTDIGITS.test(c) : c === "0") {
    const full = esc + source.getwhile(2, OCTDIGITS);
    const v = Number.parseInt(full.slice(1), 8);
    if (inClass && v > 0o377)
      throw source.error(`octal escape value ${full} outside of range 0-0o377`, full.length);
    return v;
  }
  return null;
}

/** An escape outside a class. */
function escape_(cx: Ctx, esc: string): Item {
  const { source, state } = cx;
  const c = esc.slice(1);
  switch (c) {
    case "A":
      return at("(?<![\\s\\S])");
    case "Z":
      return at("(?![\\s\\S])");
    case "b": {
      const w = wordClass(cx);
      return at(`(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`);
    }
    case "B": {
      const w = wordClass(cx);
      return at(`(?:(?<=${w})(?=${w})|(?<!${w})(?!${w})(?:(?<=[\\s\\S])|(?=[\\s\\S])))`);
    }
  }
  if ("dDsSwW".includes(c)) {
    const s = category(c, isAscii(cx));
    return unit(s.startsWith("[") ? s : `[${s}]`);
  }
  if (esc in ESCAPES) return litItem(cx, ESCAPES[esc]!);
  const num = hexOrOctal(source, esc, c, false);
  if (num !== null) return litItem(cx, num);
  if (DIGITS.test(c)) {
    let e = esc;
    if (source.next !== null && DIGITS.test(source.next)) {
      e += source.get();
      if (
        OCTDIGITS.test(e[1]!) &&
        OCTDIGITS.test(e[2]!) &&
        source.next !== null &&
        OCTDIGITS.test(source.next)
      ) {
        e += source.get();
        const v = Number.parseInt(e.slice(1), 8);
        if (v > 0o377)
          throw source.error(`octal escape value ${e} outside of range 0-0o377`, e.length);
        return litItem(cx, v);
      }
    }
    const group = Number.parseInt(e.slice(1), 10);
    if (group < state.groups) {
      if (!state.checkgroup(group)) throw source.error("cannot refer to an open group", e.length);
      state.checklookbehindgroup(group, source);
      return groupref(cx, group);
    }
    throw source.error(`invalid group reference ${group}`, e.length - 1);
  }
  if (esc.length === 2 && ASCIILETTERS.test(c)) throw source.error(`bad escape ${esc}`, 2);
  return litItem(cx, c.codePointAt(0)!);
}

function groupref(cx: Ctx, gid: number): Item {
  if (foldsHere(cx))
    throw unsupported("a backreference where IGNORECASE is set for part of the pattern only");
  const [lo, hi] = cx.state.groupwidths[gid]!;
  return { src: `\\k<g${gid}>`, lo, hi, kind: "other" };
}

/** `a|b|c` */
function parseSub(cx: Ctx, verbose: boolean, nested: number): Item {
  const items: Item[] = [];
  for (;;) {
    items.push(parse(cx, verbose, nested + 1, nested === 0 && items.length === 0));
    if (!cx.source.match("|")) break;
    if (nested === 0) verbose = (cx.state.flags & SRE_VERBOSE) !== 0;
  }
  if (items.length === 1) return items[0]!;
  cx.state.emptyFirst = true;
  return {
    src: items.map((i) => i.src).join("|"),
    lo: Math.min(...items.map((i) => i.lo)),
    hi: Math.max(...items.map((i) => i.hi)),
    kind: "other",
  };
}

function seq(items: Item[]): Item {
  let lo = 0;
  let hi = 0;
  for (const i of items) {
    lo += i.lo;
    hi += i.hi;
  }
  return { src: items.map((i) => i.src).join(""), lo, hi, kind: "other" };
}

/** A simple pattern (one alternative). */
function parse(cx: Ctx, verbose: boolean, nested: number, first: boolean): Item {
  const { source, state } = cx;
  const items: Item[] = [];
  for (;;) {
    const ch = source.next;
    if (ch === null || ch === "|" || ch === ")") break;
    source.get();
    if (verbose) {
      if (WHITESPACE.includes(ch)) continue;
      if (ch === "#") {
        for (;;) {
          const t = source.get();
          if (t === null || t === "\n") break;
        }
        continue;
      }
    }
    if (ch[0] === "\\") {
      items.push(escape_(cx, ch));
    } else if (!SPECIAL_CHARS.includes(ch)) {
      items.push(litItem(cx, ch.codePointAt(0)!));
    } else if (ch === "[") {
      items.push(parseClass(cx));
    } else if (REPEAT_CHARS.includes(ch)) {
      const here = source.tell();
      let min: number;
      let max: number;
      if (ch === "?") [min, max] = [0, 1];
      else if (ch === "*") [min, max] = [0, MAXREPEAT];
      else if (ch === "+") [min, max] = [1, MAXREPEAT];
      else {
        if (source.next === "}") {
          items.push(unit(lit(123), 123));
          continue;
        }
        [min, max] = [0, MAXREPEAT];
        let lo = "";
        let hi = "";
        while (source.next !== null && DIGITS.test(source.next)) lo += source.get();
        if (source.match(",")) {
          while (source.next !== null && DIGITS.test(source.next)) hi += source.get();
        } else hi = lo;
        if (!source.match("}")) {
          items.push(unit(lit(123), 123));
          source.seek(here);
          continue;
        }
        if (lo) {
          min = Number(lo);
          if (min >= MAXREPEAT) throw new OverflowError("the repetition number is too large");
        }
        if (hi) {
          max = Number(hi);
          if (max >= MAXREPEAT) throw new OverflowError("the repetition number is too large");
          if (max < min)
            throw source.error("min repeat greater than max repeat", source.tell() - here);
        }
      }
      const item = items[items.length - 1];
      if (item === undefined || item.kind === "at")
        throw source.error("nothing to repeat", source.tell() - here + 1);
      if (item.kind === "repeat") throw source.error("multiple repeat", source.tell() - here + 1);
      const q =
        min === 0 && max === MAXREPEAT
          ? "*"
          : min === 1 && max === MAXREPEAT
            ? "+"
            : min === 0 && max === 1
              ? "?"
              : max === MAXREPEAT
                ? `{${min},}`
                : min === max
                  ? `{${min}}`
                  : `{${min},${max}}`;
      const lo = item.lo * min;
      const hi = max === MAXREPEAT && item.hi > 0 ? INF : item.hi * max;
      let src = `(?:${item.src})${q}`;
      if (source.match("?")) {
        src += "?";
        state.emptyFirst = true;
      } else if (source.match("+")) {
        const h = ++state.hidden;
        src = `(?:(?=(?<h${h}>${src}))\\k<h${h}>)`;
      }
      items[items.length - 1] = { src, lo, hi, kind: "repeat" };
    } else if (ch === ".") {
      items.push(unit(cx.flags & SRE_DOTALL ? "[\\s\\S]" : "[^\\n]"));
    } else if (ch === "(") {
      const r = parseGroup(cx, verbose, nested, first && items.length === 0);
      if (r === "global") {
        verbose = (state.flags & SRE_VERBOSE) !== 0;
        cx.flags = state.flags;
        continue;
      }
      if (r !== null) items.push(r);
    } else if (ch === "^") {
      items.push(at(cx.flags & SRE_MULTILINE ? "(?<![^\\n])" : "(?<![\\s\\S])"));
    } else if (ch === "$") {
      items.push(at(cx.flags & SRE_MULTILINE ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))"));
    }
  }
  return seq(items);
}

/** `[...]` */
function parseClass(cx: Ctx): Item {
  const source = cx.source;
  const here = source.tell() - 1;
  const parts: string[] = [];
  /** The literal code points and ranges, for their case variants where IGNORECASE is emulated. */
  const ranges: [number, number][] = [];
  let count = 0;
  if (source.next === "[") futureWarning(`Possible nested set at position ${source.tell()}`);
  const negate = source.match("^");
  for (;;) {
    const ch = source.get();
    if (ch === null) throw source.error("unterminated character set", source.tell() - here);
    if (ch === "]" && count > 0) break;
    let code1: { cp?: number; src: string };
    if (ch[0] === "\\") code1 = classEscape(cx, ch);
    else {
      if (count > 0 && "-&~|".includes(ch) && source.next === ch) {
        const kind = {
          "-": "difference",
          "&": "intersection",
          "~": "symmetric difference",
          "|": "union",
        }[ch];
        futureWarning(`Possible set ${kind} at position ${source.tell() - 1}`);
      }
      const cp = ch.codePointAt(0)!;
      code1 = { cp, src: lit(cp) };
    }
    count++;
    if (source.match("-")) {
      const that = source.get();
      if (that === null) throw source.error("unterminated character set", source.tell() - here);
      if (that === "]") {
        parts.push(code1.src, lit(45));
        if (code1.cp !== undefined) ranges.push([code1.cp, code1.cp]);
        break;
      }
      let code2: { cp?: number; src: string };
      if (that[0] === "\\") code2 = classEscape(cx, that);
      else {
        if (that === "-") futureWarning(`Possible set difference at position ${source.tell() - 2}`);
        const cp = that.codePointAt(0)!;
        code2 = { cp, src: lit(cp) };
      }
      const msg = `bad character range ${ch}-${that}`;
      const off = codePoints(ch).length + 1 + codePoints(that).length;
      if (code1.cp === undefined || code2.cp === undefined) throw source.error(msg, off);
      if (code2.cp < code1.cp) throw source.error(msg, off);
      parts.push(`${code1.src}-${code2.src}`);
      ranges.push([code1.cp, code2.cp]);
    } else {
      parts.push(code1.src);
      if (code1.cp !== undefined) ranges.push([code1.cp, code1.cp]);
    }
  }
  if (foldsHere(cx)) {
    const extra = new Set<number>();
    for (const [lo, hi] of ranges) {
      if (hi - lo > MAX_FOLDED_RANGE)
        throw unsupported(
          "a large character range where IGNORECASE is set for part of the pattern only",
        );
      for (let c = lo; c <= hi; c++)
        for (const v of caseVariants(c)) if (v < lo || v > hi) extra.add(v);
    }
    for (const v of extra) parts.push(lit(v));
  }
  return unit(`[${negate ? "^" : ""}${parts.join("")}]`);
}

/** `(...)`: a group, lookaround, flags, comment...; "global" for global flags, null for nothing. */
function parseGroup(
  cx: Ctx,
  verbose: boolean,
  nested: number,
  first: boolean,
): Item | "global" | null {
  const { source, state } = cx;
  const start = source.tell() - 1;
  let capture = true;
  let atomic = false;
  let name: string | null = null;
  let addFlags = 0;
  let delFlags = 0;
  if (source.match("?")) {
    const ch = source.get();
    if (ch === null) throw source.error("unexpected end of pattern");
    if (ch === "P") {
      if (source.match("<")) {
        name = source.getuntil(">", "group name");
        source.checkgroupname(name, 1);
      } else if (source.match("=")) {
        const nm = source.getuntil(")", "group name");
        source.checkgroupname(nm, 1);
        const gid = state.groupdict.get(nm);
        if (gid === undefined)
          throw source.error(`unknown group name ${repr(nm)}`, codePoints(nm).length + 1);
        if (!state.checkgroup(gid))
          throw source.error("cannot refer to an open group", codePoints(nm).length + 1);
        state.checklookbehindgroup(gid, source);
        return groupref(cx, gid);
      } else {
        const c = source.get();
        if (c === null) throw source.error("unexpected end of pattern");
        throw source.error(`unknown extension ?P${c}`, codePoints(c).length + 2);
      }
    } else if (ch === ":") {
      capture = false;
    } else if (ch === "#") {
      for (;;) {
        if (source.next === null)
          throw source.error("missing ), unterminated comment", source.tell() - start);
        if (source.get() === ")") break;
      }
      return null;
    } else if ("=!<".includes(ch)) {
      let c: string | null = ch;
      let behind = false;
      let saved: number | null = null;
      if (c === "<") {
        c = source.get();
        if (c === null) throw source.error("unexpected end of pattern");
        if (!"=!".includes(c))
          throw source.error(`unknown extension ?<${c}`, codePoints(c).length + 2);
        behind = true;
        saved = state.lookbehindgroups;
        if (saved === null) state.lookbehindgroups = state.groups;
      }
      const p = parseSub(cx, verbose, nested + 1);
      if (behind && saved === null) state.lookbehindgroups = null;
      if (!source.match(")"))
        throw source.error("missing ), unterminated subpattern", source.tell() - start);
      if (behind && p.lo !== p.hi)
        throw new PatternError("look-behind requires fixed-width pattern");
      const op = `(?${behind ? "<" : ""}${c}`;
      return { src: `${op}${p.src})`, lo: 0, hi: 0, kind: "other" };
    } else if (ch === "(") {
      source.getuntil(")", "group name");
      throw unsupported("the conditional group (?(...)...)");
    } else if (ch === ">") {
      capture = false;
      atomic = true;
    } else if (ch in FLAG_CHARS || ch === "-") {
      const flags = parseFlags(source, state, ch);
      if (flags === null) {
        if (!first)
          throw source.error(
            "global flags not at the start of the expression",
            source.tell() - start,
          );
        return "global";
      }
      [addFlags, delFlags] = flags;
      capture = false;
    } else {
      throw source.error(`unknown extension ?${ch}`, codePoints(ch).length + 1);
    }
  }
  let group: number | null = null;
  if (capture) {
    try {
      group = state.opengroup(name, cx.group);
    } catch (e) {
      if (e instanceof PatternError) throw source.error(e.msg, codePoints(name ?? "").length + 1);
      throw e;
    }
  }
  const subVerbose = (verbose || (addFlags & SRE_VERBOSE) !== 0) && (delFlags & SRE_VERBOSE) === 0;
  const outer = { flags: cx.flags, group: cx.group };
  if (addFlags || delFlags) {
    let f = cx.flags;
    if (addFlags & TYPE_FLAGS) f &= ~TYPE_FLAGS;
    f = (f | addFlags) & ~delFlags;
    if ((f & SRE_IGNORECASE) !== (cx.flags & SRE_IGNORECASE) && !state.emulateCase)
      throw new RestartEmulatingCase();
    cx.flags = f;
  }
  if (group !== null) cx.group = group;
  const p = parseSub(cx, subVerbose, nested + 1);
  cx.flags = outer.flags;
  cx.group = outer.group;
  if (!source.match(")"))
    throw source.error("missing ), unterminated subpattern", source.tell() - start);
  if (group !== null) {
    state.groupwidths[group] = [p.lo, p.hi];
    return { src: `(?<g${group}>${p.src})`, lo: p.lo, hi: p.hi, kind: "group" };
  }
  if (atomic) {
    const h = ++state.hidden;
    return { src: `(?:(?=(?<h${h}>${p.src}))\\k<h${h}>)`, lo: p.lo, hi: p.hi, kind: "group" };
  }
  return { src: `(?:${p.src})`, lo: p.lo, hi: p.hi, kind: "group" };
}

/** Inline flags after `(?`: null for global flags `(?i)`, else [add, del] of `(?i-s:...)`. */
function parseFlags(source: Source, state: State, first: string): [number, number] | null {
  let ch: string | null = first;
  let add = 0;
  let del = 0;
  if (ch !== "-") {
    for (;;) {
      const flag = FLAG_CHARS[ch as string]!;
      if (source.istext) {
        if (ch === "L")
          throw source.error("bad inline flags: cannot use 'L' flag with a str pattern");
      } else if (ch === "u") {
        throw source.error("bad inline flags: cannot use 'u' flag with a bytes pattern");
      }
      add |= flag;
      if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag)
        throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible");
      ch = source.get();
      if (ch === null) throw source.error("missing -, : or )");
      if (")-:".includes(ch)) break;
      if (!(ch in FLAG_CHARS))
        throw source.error(
          /^\p{L}$/u.test(ch) ? "unknown flag" : "missing -, : or )",
          codePoints(ch).length,
        );
    }
  }
  if (ch === ")") {
    state.flags |= add;
    return null;
  }
  if (ch === "-") {
    ch = source.get();
    if (ch === null) throw source.error("missing flag");
    if (!(ch in FLAG_CHARS))
      throw source.error(
        /^\p{L}$/u.test(ch) ? "unknown flag" : "missing flag",
        codePoints(ch).length,
      );
    for (;;) {
      const flag = FLAG_CHARS[ch as string]!;
      if (flag & TYPE_FLAGS)
        throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
      del |= flag;
      ch = source.get();
      if (ch === null) throw source.error("missing :");
      if (ch === ":") break;
      if (!(ch in FLAG_CHARS))
        throw source.error(
          /^\p{L}$/u.test(ch) ? "unknown flag" : "missing :",
          codePoints(ch).length,
        );
    }
  }
  if (add & del) throw source.error("bad inline flags: flag turned on and off", 1);
  return [add, del];
}

interface Translation {
  src: string;
  emptyFirst: boolean;
  /** The RegExp gets the `i` flag (IGNORECASE is on for the whole pattern). */
  jsIgnoreCase: boolean;
  flags: number;
  groups: number;
  groupdict: Map<string, number>;
  parents: number[];
}

/** Parse a Python pattern (str, or bytes read as Latin-1) and translate it to JS regex source. */
function translate(pattern: unknown, text: string, istext: boolean, flags: number): Translation {
  let source = new Source(pattern, text, istext);
  let state = new State();
  state.flags = flags;
  let p: Item;
  try {
    p = parseSub({ source, state, flags, group: 0 }, (flags & SRE_VERBOSE) !== 0, 0);
  } catch (e) {
    if (!(e instanceof RestartEmulatingCase)) throw e;
    source = new Source(pattern, text, istext);
    state = new State();
    state.flags = flags;
    state.emulateCase = true;
    p = parseSub({ source, state, flags, group: 0 }, (flags & SRE_VERBOSE) !== 0, 0);
  }
  // fix_flags
  let f = state.flags;
  if (istext) {
    if (f & SRE_LOCALE) throw new ValueError("cannot use LOCALE flag with a str pattern");
    if (!(f & SRE_ASCII)) f |= SRE_UNICODE;
    else if (f & SRE_UNICODE) throw new ValueError("ASCII and UNICODE flags are incompatible");
  } else {
    if (f & SRE_UNICODE) throw new ValueError("cannot use UNICODE flag with a bytes pattern");
    if (f & SRE_LOCALE && f & SRE_ASCII)
      throw new ValueError("ASCII and LOCALE flags are incompatible");
  }
  if (source.next !== null) throw source.error("unbalanced parenthesis");
  for (const [g, pos] of state.grouprefpos) {
    if (g >= state.groups) throw new PatternError(`invalid group reference ${g}`, pattern, pos);
  }
  if (flags & SRE_LOCALE && !istext) throw unsupported("the LOCALE flag");
  return {
    src: p.src,
    emptyFirst: state.emptyFirst,
    jsIgnoreCase: (f & SRE_IGNORECASE) !== 0 && !state.emulateCase,
    flags: f,
    groups: state.groups - 1,
    groupdict: state.groupdict,
    parents: state.parents,
  };
}

// ---------------------------------------------------------------- subjects

function latin1(b: BytesLike): string {
  let s = "";
  const d = b.data;
  for (let i = 0; i < d.length; i += 4096)
    s += String.fromCharCode(...d.subarray(i, Math.min(i + 4096, d.length)));
  return s;
}

function toBytes(s: string): Bytes {
  const d = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) d[i] = s.charCodeAt(i);
  return new Bytes(d);
}

/** The string being matched, with code point <-> UTF-16 conversions when it has astral chars. */
class Subject {
  readonly astral: boolean;
  private cpToU: Int32Array | null = null;
  private uToCp: Int32Array | null = null;
  readonly length: number;
  constructor(
    readonly original: unknown,
    readonly text: string,
  ) {
    this.astral = hasSurrogates(text);
    if (this.astral) {
      const cpu: number[] = [];
      const ucp = new Int32Array(text.length + 1);
      let cp = 0;
      for (let u = 0; u < text.length; ) {
        cpu.push(u);
        const c = text.codePointAt(u)!;
        const n = c > 0xffff ? 2 : 1;
        ucp[u] = cp;
        if (n === 2) ucp[u + 1] = cp;
        u += n;
        cp++;
      }
      cpu.push(text.length);
      ucp[text.length] = cp;
      this.cpToU = Int32Array.from(cpu);
      this.uToCp = ucp;
      this.length = cp;
    } else this.length = text.length;
  }
  u(cp: number): number {
    return this.cpToU === null ? cp : this.cpToU[cp]!;
  }
  cp(u: number): number {
    return this.uToCp === null ? u : this.uToCp[u]!;
  }
}

// ---------------------------------------------------------------- Pattern

/** One JS RegExp built from a translation, and where each Python group is in its results. */
class Compiled {
  private re: RegExp | null = null;
  private reD: RegExp | null = null;
  /** JS result index of each Python group (0 for the whole match). */
  readonly index: number[];
  constructor(
    readonly src: string,
    readonly jsFlags: string,
    groups: number,
  ) {
    const order = [...src.matchAll(/\(\?<([ghr]\d*)>/g)].map((m) => m[1]);
    this.index = [0];
    for (let g = 1; g <= groups; g++) this.index.push(order.indexOf(`g${g}`) + 1);
  }
  regexp(): RegExp {
    if (this.re === null) this.re = new RegExp(this.src, this.jsFlags);
    return this.re;
  }
  /** The same RegExp with the `d` flag (indices), sticky: it reruns a match where it started. */
  withIndices(): RegExp {
    this.reD ??= new RegExp(
      this.src,
      `${this.jsFlags.replace("g", "")}${this.jsFlags.includes("y") ? "" : "y"}d`,
    );
    return this.reD;
  }
}

const MAXSIZE = 9223372036854775807n;
const kCreate = Symbol("re internal");

/** `re.Pattern`: a compiled regular expression. */
export class Pattern {
  static __module__ = "re";
  declare readonly pattern: unknown;
  declare readonly flags: bigint;
  declare readonly groups: bigint;
  declare readonly groupindex: unknown;
  /** @internal */ declare _isbytes: boolean;
  /** @internal */ declare _t: Translation;
  private _search: Compiled | null = null;
  private _match: Compiled | null = null;
  private _full: Compiled | null = null;
  private _advance: Compiled | null = null;

  constructor(...args: unknown[]) {
    if (args[0] !== kCreate) throw new PyTypeError("cannot create 're.Pattern' instances");
    const [, pattern, isbytes, t] = args as [symbol, unknown, boolean, Translation];
    const d = new Dict();
    for (const [k, v] of t.groupdict) d.__setitem__(k, BigInt(v));
    Object.defineProperties(this, {
      pattern: { value: pattern, enumerable: true },
      flags: { value: BigInt(t.flags), enumerable: true },
      groups: { value: BigInt(t.groups), enumerable: true },
      groupindex: { value: MappingProxyType(d), enumerable: true },
      _isbytes: { value: isbytes },
      _t: { value: t },
    });
  }

  private jsFlags(extra: string): string {
    return `${this._t.jsIgnoreCase ? "i" : ""}v${extra}`;
  }
  /** @internal */ _searcher(): Compiled {
    this._search ??= new Compiled(this._t.src, this.jsFlags("g"), this._t.groups);
    return this._search;
  }
  /** @internal */ _matcher(): Compiled {
    this._match ??= new Compiled(this._t.src, this.jsFlags("y"), this._t.groups);
    return this._match;
  }
  /** @internal */ _fullMatcher(): Compiled {
    this._full ??= new Compiled(
      `(?:${this._t.src})(?![\\s\\S])`,
      this.jsFlags("y"),
      this._t.groups,
    );
    return this._full;
  }
  /** @internal */ _advancer(): Compiled {
    this._advance ??= new Compiled(
      `(?=(?<r>[\\s\\S]*))(?:${this._t.src})(?!\\k<r>(?![\\s\\S]))`,
      this.jsFlags("y"),
      this._t.groups,
    );
    return this._advance;
  }

  /** Check the subject's type and make it a Subject cut at endpos; returns [subject, text, pos, endpos]. */
  /** @internal */ _subject(
    string: unknown,
    pos: unknown,
    endpos: unknown,
  ): [Subject, string, number, number] {
    let text: string;
    if (
      typeof string === "string" ||
      (string as { __str_value__?: unknown })?.__str_value__ !== undefined
    ) {
      if (this._isbytes)
        throw new PyTypeError("cannot use a bytes pattern on a string-like object");
      text =
        typeof string === "string"
          ? string
          : String((string as { __str_value__: unknown }).__str_value__);
    } else if (string instanceof BytesLike) {
      if (!this._isbytes)
        throw new PyTypeError("cannot use a string pattern on a bytes-like object");
      text = latin1(string);
    } else {
      throw new PyTypeError(`expected string or bytes-like object, got '${typeName(string)}'`);
    }
    const subject = new Subject(string, text);
    const n = subject.length;
    let p = Number(argIndex(pos, 0n));
    let e = Number(argIndex(endpos, MAXSIZE) > BigInt(n) ? BigInt(n) : argIndex(endpos, MAXSIZE));
    if (p < 0) p = 0;
    if (p > n) p = n;
    if (e < 0) e = 0;
    if (e > n) e = n;
    const cut = e === n ? text : text.slice(0, subject.u(e));
    return [subject, cut, p, e];
  }

  /** @internal */ _exec(
    c: Compiled,
    subject: Subject,
    cut: string,
    u: number,
    pos: number,
    endpos: number,
  ): Match | null {
    const re = c.regexp();
    re.lastIndex = u;
    const r = re.exec(cut);
    if (r === null) return null;
    return new Match(kCreate, this, subject, cut, r, c, pos, endpos);
  }

  search(...args: unknown[]): Match | null {
    const [string, pos, endpos] = clinicArgs("search", args, ["string", "pos", "endpos"], 1);
    const [subject, cut, p, e] = this._subject(string, pos, endpos);
    if (p > e) return null;
    return this._exec(this._searcher(), subject, cut, subject.u(p), p, e);
  }

  match(...args: unknown[]): Match | null {
    const [string, pos, endpos] = clinicArgs("match", args, ["string", "pos", "endpos"], 1);
    const [subject, cut, p, e] = this._subject(string, pos, endpos);
    if (p > e) return null;
    return this._exec(this._matcher(), subject, cut, subject.u(p), p, e);
  }

  fullmatch(...args: unknown[]): Match | null {
    const [string, pos, endpos] = clinicArgs("fullmatch", args, ["string", "pos", "endpos"], 1);
    const [subject, cut, p, e] = this._subject(string, pos, endpos);
    if (p > e) return null;
    return this._exec(this._fullMatcher(), subject, cut, subject.u(p), p, e);
  }

  /** Successive matches as CPython 3.7+ finds them (no empty match where the previous one ended empty). */
  /** @internal */ *_iter(string: unknown, pos: unknown, endpos: unknown): Generator<Match> {
    const [subject, cut, p, e] = this._subject(string, pos, endpos);
    if (p > e) return;
    let u = subject.u(p);
    let mustAdvance = false;
    const search = this._searcher();
    while (u <= cut.length) {
      let m: Match | null = null;
      if (mustAdvance) {
        if (this._t.emptyFirst) m = this._exec(this._advancer(), subject, cut, u, p, e);
        if (m === null) {
          const c = cut.codePointAt(u);
          u += c !== undefined && c > 0xffff ? 2 : 1;
          if (u > cut.length) break;
        }
      }
      m ??= this._exec(search, subject, cut, u, p, e);
      if (m === null) break;
      const start = m._r.index;
      const end = start + m._r[0].length;
      mustAdvance = end === start;
      u = end;
      yield m;
    }
  }

  finditer(...args: unknown[]): IterableIterator<Match> {
    const [string, pos, endpos] = clinicArgs("finditer", args, ["string", "pos", "endpos"], 1);
    return new CallableIterator(this._iter(string, pos, endpos));
  }

  findall(...args: unknown[]): unknown[] {
    const [string, pos, endpos] = clinicArgs("findall", args, ["string", "pos", "endpos"], 1);
    const out: unknown[] = [];
    const n = this._t.groups;
    for (const m of this._iter(string, pos, endpos)) {
      if (n === 0) out.push(m._group(0));
      else if (n === 1) out.push(m._group(1) ?? m._empty());
      else {
        const t: unknown[] = [];
        for (let g = 1; g <= n; g++) t.push(m._group(g) ?? m._empty());
        out.push(new Tuple(t));
      }
    }
    return out;
  }

  /** @internal */ _subn(name: string, args: unknown[]): [unknown, number] {
    const [repl, string, countArg] = clinicArgs(name, args, ["repl", "string", "count"], 2);
    const count = Number(argIndex(countArg, 0n));
    // A replacement of the other kind (bytes for a str pattern) fails only when the pieces are
    // joined, as CPython's join does ("sequence item 1: expected str instance, bytes found").
    let literal: string | null = null;
    let template: (string | number)[] | null = null;
    let wrongKind: unknown = null;
    const fn = callable(repl);
    if (!fn) {
      let r: string;
      if (typeof repl === "string") r = repl;
      else if (repl instanceof BytesLike) r = latin1(repl);
      else
        throw new PyTypeError(`decoding to str: need a bytes-like object, ${typeName(repl)} found`);
      if (repl instanceof BytesLike !== this._isbytes) wrongKind = repl;
      if (!r.includes("\\")) literal = r;
      else template = parseTemplate(repl, r, this);
    }
    const pieces: unknown[] = [];
    let n = 0;
    let last = 0;
    let subject: Subject | null = null;
    for (const m of this._iter(string, null, null)) {
      if (count > 0 && n >= count) break;
      subject = m._subject;
      const start = m._r.index;
      if (last < start) pieces.push(subject.text.slice(last, start));
      if (wrongKind !== null) pieces.push([wrongKind]);
      else if (literal !== null) pieces.push(literal);
      else if (template !== null) pieces.push(expandTemplate(m, template));
      else {
        const v = call(repl, m);
        if (v !== null) {
          if (this._isbytes ? v instanceof BytesLike : typeof v === "string")
            pieces.push(this._isbytes ? latin1(v as BytesLike) : v);
          else pieces.push([v]);
        }
      }
      last = start + m._r[0].length;
      n++;
    }
    if (subject === null) {
      this._subject(string, null, null);
      if (this._isbytes) return [toBytes(latin1(string as BytesLike)), 0];
      return [typeof string === "string" ? string : String(string), 0];
    }
    if (last < subject.text.length) pieces.push(subject.text.slice(last));
    let out = "";
    pieces.forEach((p, i) => {
      if (typeof p === "string") {
        out += p;
        return;
      }
      // a value of the wrong kind, boxed
      const v = (p as unknown[])[0];
      throw new PyTypeError(
        this._isbytes
          ? `sequence item ${i}: expected a bytes-like object, ${typeName(v)} found`
          : `sequence item ${i}: expected str instance, ${typeName(v)} found`,
      );
    });
    return [this._isbytes ? toBytes(out) : out, n];
  }

  sub(...args: unknown[]): unknown {
    return this._subn("sub", args)[0];
  }

  subn(...args: unknown[]): Tuple {
    const [s, n] = this._subn("subn", args);
    return new Tuple([s, BigInt(n)]);
  }

  split(...args: unknown[]): unknown[] {
    const [string, maxsplitArg] = clinicArgs("split", args, ["string", "maxsplit"], 1);
    const maxsplit = Number(argIndex(maxsplitArg, 0n));
    const out: unknown[] = [];
    if (maxsplit < 0) {
      this._subject(string, null, null);
      return [string instanceof ByteArray ? toBytes(latin1(string)) : string];
    }
    let n = 0;
    let last = 0;
    let subject: Subject | null = null;
    const wrap = (s: string): unknown => (this._isbytes ? toBytes(s) : s);
    for (const m of this._iter(string, null, null)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      subject = m._subject;
      out.push(wrap(subject.text.slice(last, m._r.index)));
      for (let g = 1; g <= this._t.groups; g++) out.push(m._group(g));
      last = m._r.index + m._r[0].length;
      n++;
    }
    if (subject === null) {
      const [s] = this._subject(string, null, null);
      return [wrap(s.text)];
    }
    out.push(wrap(subject.text.slice(last)));
    return out;
  }

  scanner(): never {
    throw unsupported("Pattern.scanner()");
  }

  __repr__(): string {
    let flags = this._t.flags;
    if (!this._isbytes && (flags & (SRE_LOCALE | SRE_UNICODE | SRE_ASCII)) === SRE_UNICODE)
      flags &= ~SRE_UNICODE;
    const names: string[] = [];
    for (const [name, bit] of [
      ["re.IGNORECASE", SRE_IGNORECASE],
      ["re.LOCALE", SRE_LOCALE],
      ["re.MULTILINE", SRE_MULTILINE],
      ["re.DOTALL", SRE_DOTALL],
      ["re.UNICODE", SRE_UNICODE],
      ["re.VERBOSE", SRE_VERBOSE],
      ["re.DEBUG", SRE_DEBUG],
      ["re.ASCII", SRE_ASCII],
    ] as const) {
      if (flags & bit) {
        names.push(name);
        flags &= ~bit;
      }
    }
    if (flags) names.push(`0x${flags.toString(16)}`);
    const p = Array.from(repr(this.pattern)).slice(0, 200).join("");
    return names.length > 0 ? `re.compile(${p}, ${names.join("|")})` : `re.compile(${p})`;
  }

  __eq__(other: unknown): boolean {
    if (!(other instanceof Pattern)) return false;
    if (other === this) return true;
    if (other._t.flags !== this._t.flags || other._isbytes !== this._isbytes) return false;
    if (this._isbytes)
      return latin1(this.pattern as BytesLike) === latin1(other.pattern as BytesLike);
    return this.pattern === other.pattern;
  }

  __hash__(): bigint {
    return hash(this.pattern) ^ BigInt(this._t.flags);
  }

  __copy__(): this {
    return this;
  }

  __deepcopy__(_memo: unknown): this {
    return this;
  }
}

/** `callable_iterator` of `finditer`. */
class CallableIterator implements IterableIterator<Match> {
  static __name__ = "callable_iterator";
  static __qualname__ = "callable_iterator";
  static __module__ = "builtins";
  constructor(private readonly it: Iterator<Match>) {}
  next(): IteratorResult<Match> {
    return this.it.next();
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): Match {
    const r = this.it.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
}

// ---------------------------------------------------------------- templates

/** `parse_template`: literal strings and group numbers. */
function parseTemplate(repl: unknown, text: string, pattern: Pattern): (string | number)[] {
  const s = new Source(repl, text, !(repl instanceof BytesLike));
  const out: (string | number)[] = [];
  let literal = "";
  const groups = pattern._t.groups;
  const addgroup = (index: number, pos: number) => {
    if (index > groups) throw s.error(`invalid group reference ${index}`, pos);
    if (literal) out.push(literal);
    literal = "";
    out.push(index);
  };
  for (;;) {
    let t = s.get();
    if (t === null) break;
    if (t[0] !== "\\") {
      literal += t;
      continue;
    }
    const c = t[1]!;
    if (c === "g") {
      if (!s.match("<")) throw s.error("missing <");
      const name = s.getuntil(">", "group name");
      let index: number;
      if (!/^[0-9]+$/.test(name)) {
        s.checkgroupname(name, 1);
        const g = pattern._t.groupdict.get(name);
        if (g === undefined) throw new IndexError(`unknown group name ${repr(name)}`);
        index = g;
      } else {
        index = Number(name);
        if (index >= MAXGROUPS) throw s.error(`invalid group reference ${index}`, name.length + 1);
      }
      addgroup(index, codePoints(name).length + 1);
    } else if (c === "0") {
      if (s.next !== null && OCTDIGITS.test(s.next)) {
        t += s.get();
        if (s.next !== null && OCTDIGITS.test(s.next)) t += s.get();
      }
      literal += String.fromCharCode(Number.parseInt(t.slice(1), 8) & 0xff);
    } else if (DIGITS.test(c)) {
      let isoctal = false;
      if (s.next !== null && DIGITS.test(s.next)) {
        t += s.get();
        if (
          OCTDIGITS.test(c) &&
          OCTDIGITS.test(t[2]!) &&
          s.next !== null &&
          OCTDIGITS.test(s.next)
        ) {
          t += s.get();
          isoctal = true;
          const v = Number.parseInt(t.slice(1), 8);
          if (v > 0o377)
            throw s.error(`octal escape value ${t} outside of range 0-0o377`, t.length);
          literal += String.fromCharCode(v);
        }
      }
      if (!isoctal) addgroup(Number(t.slice(1)), t.length - 1);
    } else if (t in ESCAPES) {
      literal += String.fromCharCode(ESCAPES[t]!);
    } else {
      if (ASCIILETTERS.test(c)) throw s.error(`bad escape ${t}`, t.length);
      literal += t;
    }
  }
  if (literal) out.push(literal);
  return out;
}

function expandTemplate(m: Match, template: (string | number)[]): string {
  let out = "";
  for (const part of template) {
    if (typeof part === "string") out += part;
    else out += m._text(part) ?? "";
  }
  return out;
}

// ---------------------------------------------------------------- Match

/** `re.Match`: the result of a successful match. */
export class Match {
  static __module__ = "re";
  /** @internal */ _spans: ([number, number] | null)[] | null = null;

  /**
   * @internal Made by Pattern methods only (`re.Match(...)` is a TypeError, as in CPython). `r` is
   * the JS result on `cut` (the subject up to endpos) from the RegExp `c`.
   */
  constructor(
    key: unknown,
    readonly _pattern: Pattern,
    readonly _subject: Subject,
    readonly _cut: string,
    readonly _r: RegExpExecArray,
    readonly _c: Compiled,
    private readonly _pos: number,
    private readonly _endpos: number,
  ) {
    if (key !== kCreate) throw new PyTypeError("cannot create 're.Match' instances");
  }

  get pos(): bigint {
    return BigInt(this._pos);
  }
  get endpos(): bigint {
    return BigInt(this._endpos);
  }
  get string(): unknown {
    return this._subject.original;
  }
  get re(): Pattern {
    return this._pattern;
  }

  /** @internal */ _text(g: number): string | undefined {
    return this._r[this._c.index[g]!];
  }
  /** @internal */ _group(g: number): unknown {
    const t = this._text(g);
    if (t === undefined) return null;
    return this._pattern._isbytes ? toBytes(t) : t;
  }
  /** @internal */ _empty(): unknown {
    return this._pattern._isbytes ? new Bytes() : "";
  }

  /** UTF-16 spans of every group, from re-running the match with the `d` flag. */
  /** @internal */ _allSpans(): ([number, number] | null)[] {
    if (this._spans !== null) return this._spans;
    const s = this._subject;
    const spans: ([number, number] | null)[] = [];
    const start = this._r.index;
    const end = start + this._r[0].length;
    spans.push([s.cp(start), s.cp(end)]);
    const n = this._pattern._t.groups;
    if (n > 0) {
      const re = this._c.withIndices();
      re.lastIndex = start;
      const r = re.exec(this._cut) as (RegExpExecArray & { indices: [number, number][] }) | null;
      for (let g = 1; g <= n; g++) {
        const ix = r?.indices[this._c.index[g]!];
        spans.push(ix === undefined ? null : [s.cp(ix[0]), s.cp(ix[1])]);
      }
    }
    this._spans = spans;
    return spans;
  }

  /** @internal */ _index(g: unknown): number {
    const n = this._pattern._t.groups;
    if (typeof g === "string") {
      const v = this._pattern._t.groupdict.get(g);
      if (v !== undefined) return v;
    } else if (isInt(g) || (g as { __int_value__?: unknown } | null)?.__int_value__ !== undefined) {
      const v = Number(isInt(g) ? g : (g as { __int_value__: bigint }).__int_value__);
      if (v >= 0 && v <= n) return v;
    }
    throw new IndexError("no such group");
  }

  group(...args: unknown[]): unknown {
    if (args.length === 0) return this._group(0);
    if (args.length === 1) return this._group(this._index(args[0]));
    return new Tuple(args.map((a) => this._group(this._index(a))));
  }

  __getitem__(g: unknown): unknown {
    return this._group(this._index(g));
  }

  groups(...args: unknown[]): Tuple {
    const [dflt] = clinicArgs("groups", args, ["default"], 0);
    const out: unknown[] = [];
    for (let g = 1; g <= this._pattern._t.groups; g++) {
      const v = this._group(g);
      out.push(v === null ? (dflt ?? null) : v);
    }
    return new Tuple(out);
  }

  groupdict(...args: unknown[]): Dict {
    const [dflt] = clinicArgs("groupdict", args, ["default"], 0);
    const d = new Dict();
    for (const [name, g] of this._pattern._t.groupdict) {
      const v = this._group(g);
      d.__setitem__(name, v === null ? (dflt ?? null) : v);
    }
    return d;
  }

  private span_(g: unknown): [number, number] {
    const i = this._index(g ?? 0n);
    if (i === 0) {
      const s = this._subject;
      const start = this._r.index;
      return [s.cp(start), s.cp(start + this._r[0].length)];
    }
    return this._allSpans()[i] ?? [-1, -1];
  }

  start(...args: unknown[]): bigint {
    const [g] = clinicArgs("start", args, ["group"], 0);
    return BigInt(this.span_(g)[0]);
  }

  end(...args: unknown[]): bigint {
    const [g] = clinicArgs("end", args, ["group"], 0);
    return BigInt(this.span_(g)[1]);
  }

  span(...args: unknown[]): Tuple {
    const [g] = clinicArgs("span", args, ["group"], 0);
    const [a, b] = this.span_(g);
    return new Tuple([BigInt(a), BigInt(b)]);
  }

  get regs(): Tuple {
    const out: Tuple[] = [];
    for (let g = 0; g <= this._pattern._t.groups; g++) {
      const [a, b] = this.span_(BigInt(g));
      out.push(new Tuple([BigInt(a), BigInt(b)]));
    }
    return new Tuple(out);
  }

  get lastindex(): bigint | null {
    const n = this._pattern._t.groups;
    if (n === 0) return null;
    const spans = this._allSpans();
    const parents = this._pattern._t.parents;
    let best = 0;
    for (let g = 1; g <= n; g++) {
      const sp = spans[g];
      if (sp === null || sp === undefined) continue;
      if (best === 0) {
        best = g;
        continue;
      }
      const bs = spans[best]!;
      // the group that closed last: the greatest end; at a tie an enclosing group closes after
      // the groups inside it, and a later sibling after an earlier one
      if (sp[1] > bs[1] || (sp[1] === bs[1] && !isInside(parents, g, best))) best = g;
    }
    return best === 0 ? null : BigInt(best);
  }

  get lastgroup(): string | null {
    const li = this.lastindex;
    if (li === null) return null;
    for (const [name, g] of this._pattern._t.groupdict) if (BigInt(g) === li) return name;
    return null;
  }

  expand(...args: unknown[]): unknown {
    const [template] = clinicArgs("expand", args, ["template"], 1);
    let text: string;
    if (typeof template === "string") text = template;
    else if (template instanceof BytesLike) text = latin1(template);
    else throw new PyTypeError(`expected str instance, ${typeName(template)} found`);
    const out = expandTemplate(this, parseTemplate(template, text, this._pattern));
    return this._pattern._isbytes ? toBytes(out) : out;
  }

  __repr__(): string {
    const [a, b] = this.span_(0n);
    const m = Array.from(repr(this._group(0)))
      .slice(0, 50)
      .join("");
    return `<re.Match object; span=(${a}, ${b}), match=${m}>`;
  }

  __copy__(): this {
    return this;
  }

  __deepcopy__(_memo: unknown): this {
    return this;
  }

  /** A Match is not iterable (CPython has `__getitem__` but no sequence protocol). */
  [Symbol.iterator](): never {
    throw new PyTypeError("'re.Match' object is not iterable");
  }
}

/** Is group g nested (at any depth) inside group outer? */
function isInside(parents: number[], g: number, outer: number): boolean {
  for (let p = parents[g]!; p !== 0; p = parents[p]!) if (p === outer) return true;
  return false;
}

// ---------------------------------------------------------------- arguments

function argIndex(v: unknown, dflt: bigint): bigint {
  if (v === undefined || v === null) return dflt;
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  const iv = (v as { __int_value__?: unknown } | null)?.__int_value__;
  if (typeof iv === "bigint") return iv;
  throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

// ---------------------------------------------------------------- module functions

const cache = new Map<string, Pattern>();
const MAXCACHE = 512;

function compile_(pattern: unknown, flagsArg: unknown): Pattern {
  const flags = flagsArg === undefined ? 0 : flagsValue(flagsArg);
  if (flags & SRE_DEBUG) throw unsupported("the DEBUG flag");
  if (pattern instanceof Pattern) {
    if (flags) throw new ValueError("cannot process flags argument with a compiled pattern");
    return pattern;
  }
  let text: string;
  let istext: boolean;
  if (typeof pattern === "string") {
    text = pattern;
    istext = true;
  } else if (pattern instanceof BytesLike) {
    text = latin1(pattern);
    istext = false;
  } else if ((pattern as { __str_value__?: unknown } | null)?.__str_value__ !== undefined) {
    text = String((pattern as { __str_value__: unknown }).__str_value__);
    istext = true;
  } else {
    throw new PyTypeError("first argument must be string or compiled pattern");
  }
  const key = `${istext ? "s" : pattern instanceof ByteArray ? "a" : "b"}${flags}:${text}`;
  const hit = cache.get(key);
  if (hit !== undefined && (istext || pattern instanceof Bytes)) return hit;
  const t = translate(pattern, text, istext, flags);
  const p = new Pattern(
    kCreate,
    pattern instanceof ByteArray ? toBytes(text) : pattern,
    !istext,
    t,
  );
  if (istext || pattern instanceof Bytes) {
    if (cache.size >= MAXCACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, p);
  }
  return p;
}

/** `re.compile(pattern, flags=0)` */
export function compile(...args: unknown[]): Pattern {
  const [pattern, flags] = pythonArgs("compile", args, ["pattern", "flags"], 1);
  return compile_(pattern, flags);
}

/** `re.search(pattern, string, flags=0)` */
export function search(...args: unknown[]): Match | null {
  const [pattern, string, flags] = pythonArgs("search", args, ["pattern", "string", "flags"], 2);
  return compile_(pattern, flags).search(string);
}

/** `re.match(pattern, string, flags=0)` */
export function match(...args: unknown[]): Match | null {
  const [pattern, string, flags] = pythonArgs("match", args, ["pattern", "string", "flags"], 2);
  return compile_(pattern, flags).match(string);
}

/** `re.fullmatch(pattern, string, flags=0)` */
export function fullmatch(...args: unknown[]): Match | null {
  const [pattern, string, flags] = pythonArgs("fullmatch", args, ["pattern", "string", "flags"], 2);
  return compile_(pattern, flags).fullmatch(string);
}

/** `re.findall(pattern, string, flags=0)` */
export function findall(...args: unknown[]): unknown[] {
  const [pattern, string, flags] = pythonArgs("findall", args, ["pattern", "string", "flags"], 2);
  return compile_(pattern, flags).findall(string);
}

/** `re.finditer(pattern, string, flags=0)` */
export function finditer(...args: unknown[]): IterableIterator<Match> {
  const [pattern, string, flags] = pythonArgs("finditer", args, ["pattern", "string", "flags"], 2);
  return compile_(pattern, flags).finditer(string);
}

/**
 * The arguments of `sub`/`subn`/`split` after the first `fixed`: `count`/`maxsplit` and `flags`,
 * by keyword or (deprecated since 3.13, with CPython's DeprecationWarning) by position.
 */
function countAndFlags(
  fname: string,
  args: unknown[],
  fixed: string[],
  countName: string,
): unknown[] {
  const [pos, kws] = splitKw(args);
  for (const k of Object.keys(kws)) {
    if (![...fixed, countName, "flags"].includes(k))
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
  }
  const out = pythonArgs(
    fname,
    [
      ...pos.slice(0, fixed.length),
      kw(Object.fromEntries(Object.entries(kws).filter(([k]) => fixed.includes(k)))),
    ],
    fixed,
    fixed.length,
  );
  const k = kws as Record<string, unknown>;
  let count = k[countName];
  let flags = k.flags;
  const extra = pos.slice(fixed.length);
  if (extra.length > 0) {
    if (count !== undefined)
      throw new PyTypeError(`${fname}() got multiple values for argument '${countName}'`);
    count = extra[0];
    if (extra.length > 1) {
      if (flags !== undefined)
        throw new PyTypeError(`${fname}() got multiple values for argument 'flags'`);
      flags = extra[1];
      if (extra.length > 2) {
        const n = fixed.length + 2;
        throw new PyTypeError(
          `${fname}() takes from ${fixed.length} to ${n} positional arguments but ${pos.length} were given`,
        );
      }
    }
    warn(`'${countName}' is passed as positional argument`, DeprecationWarning, 1n);
  }
  return [...out, count, flags];
}

/** `re.sub(pattern, repl, string, count=0, flags=0)` */
export function sub(...args: unknown[]): unknown {
  const [pattern, repl, string, count, flags] = countAndFlags(
    "sub",
    args,
    ["pattern", "repl", "string"],
    "count",
  );
  return compile_(pattern, flags).sub(repl, string, count ?? 0n);
}

/** `re.subn(pattern, repl, string, count=0, flags=0)` */
export function subn(...args: unknown[]): Tuple {
  const [pattern, repl, string, count, flags] = countAndFlags(
    "subn",
    args,
    ["pattern", "repl", "string"],
    "count",
  );
  return compile_(pattern, flags).subn(repl, string, count ?? 0n);
}

/** `re.split(pattern, string, maxsplit=0, flags=0)` */
export function split(...args: unknown[]): unknown[] {
  const [pattern, string, maxsplit, flags] = countAndFlags(
    "split",
    args,
    ["pattern", "string"],
    "maxsplit",
  );
  return compile_(pattern, flags).split(string, maxsplit ?? 0n);
}

const SPECIAL = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

/** `re.escape(pattern)`: a backslash before CPython's special characters. */
export function escape(pattern: unknown): unknown {
  if (typeof pattern === "string") {
    let out = "";
    for (const c of pattern) out += SPECIAL.has(c) ? `\\${c}` : c;
    return out;
  }
  if (pattern instanceof BytesLike) {
    let out = "";
    for (const c of latin1(pattern)) out += SPECIAL.has(c) ? `\\${c}` : c;
    return toBytes(out);
  }
  throw new PyTypeError(`expected str instance, ${typeName(pattern)} found`);
}

/** `re.purge()`: clear the pattern cache. */
export function purge(): null {
  cache.clear();
  return null;
}
