/**
 * Python's `str` methods on JS strings, exposed as `strMethods.<name>(s, ...args)` (and via
 * `callMethod(s, name, ...args)`). Positions and lengths count code points, as in Python.
 * Keyword arguments (`s.split(sep=",", maxsplit=1)`) arrive as a final `Kw`.
 */

import { Bytes } from "./bytes";
import { encode } from "./codecs";
import { Dict } from "./dict";
import { LookupError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { strFormat, strFormatMap } from "./format";
import { Kw } from "./kw";
import { index, indexNumber, isInt } from "./numbers";
import { codePoints, getitem, hasSurrogates, strLen, tryIter } from "./protocol";
import { Tuple } from "./tuple";
import { typeName } from "./types";

/** Characters for which Python's `str.isspace()` is true. */
export const PY_WHITESPACE =
  "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
const WS_SET = new Set(PY_WHITESPACE);
const LINE_BREAKS = new Set("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029");

function isWs(ch: string): boolean {
  return WS_SET.has(ch);
}

function argumentsWord(n: number): string {
  return n === 1 ? "argument" : "arguments";
}

/** Bind positional + Kw arguments to parameter names (builtin-method style errors). */
function bind(fname: string, names: string[], args: unknown[]): unknown[] {
  const n = args.length;
  if (n === 0 || !(args[n - 1] instanceof Kw)) {
    if (n > names.length)
      throw new PyTypeError(
        `${fname}() takes at most ${names.length} ${argumentsWord(names.length)} (${n} given)`,
      );
    return args;
  }
  const kws = (args[n - 1] as Kw).kwargs as Record<string, unknown>;
  const out = args.slice(0, n - 1);
  const total = out.length + Object.keys(kws).length;
  if (total > names.length) {
    // argument clinic counts all the arguments first ("keyword" when all are keywords)
    const what =
      out.length === 0 ? `keyword ${argumentsWord(names.length)}` : argumentsWord(names.length);
    throw new PyTypeError(`${fname}() takes at most ${names.length} ${what} (${total} given)`);
  }
  for (const k of Object.keys(kws)) {
    const i = names.indexOf(k);
    if (i < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (i < out.length)
      throw new PyTypeError(
        `argument for ${fname}() given by name ('${k}') and position (${i + 1})`,
      );
    while (out.length < i) out.push(undefined);
    out[i] = kws[k];
  }
  return out;
}

function checkStr(x: unknown, what: string): string {
  if (typeof x !== "string") {
    const v = strBase(x);
    if (v === undefined) throw new PyTypeError(`${what}, not ${typeName(x)}`);
    return v;
  }
  return x;
}

/** The str a str-subclass object (a StrEnum member, see enum.ts) stands for. */
export function strBase(x: unknown): string | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  const v = (x as { __str_value__?: unknown }).__str_value__;
  return typeof v === "string" ? v : undefined;
}

function optInt(v: unknown, dflt: number): number {
  return v === undefined || v === null ? dflt : indexNumber(v);
}

/** Normalize [start, end] (code point indices) as CPython's ADJUST_INDICES. */
function adjust(len: number, start: unknown, end: unknown): [number, number] {
  let s = optInt(start, 0);
  let e = optInt(end, len);
  if (e > len) e = len;
  else if (e < 0) e = Math.max(0, e + len);
  if (s < 0) s = Math.max(0, s + len);
  return [s, e];
}

/** UTF-16 offset of code point index `cp` in s. */
function unitOffset(s: string, cp: number): number {
  let u = 0;
  for (let i = 0; i < cp && u < s.length; i++) {
    const c = s.charCodeAt(u);
    u += c >= 0xd800 && c <= 0xdbff && u + 1 < s.length ? 2 : 1;
  }
  return u;
}

/** Code point index of UTF-16 offset u. */
function cpIndex(s: string, u: number): number {
  return strLen(s.slice(0, u));
}

function findImpl(s: string, sub: string, start: unknown, end: unknown, right: boolean): number {
  if (start === undefined && end === undefined) {
    // The whole string: the code unit offset, converted when astral characters precede it.
    const r = right ? s.lastIndexOf(sub) : s.indexOf(sub);
    return r <= 0 || !hasSurrogates(s) ? r : cpIndex(s, r);
  }
  const len = strLen(s);
  const [st, en] = adjust(len, start, end);
  if (st > len) return -1;
  if (en - st < strLen(sub)) return sub.length === 0 && st <= en ? (right ? en : st) : -1;
  if (!hasSurrogates(s)) {
    const seg = s.slice(st, en);
    const r = right ? seg.lastIndexOf(sub) : seg.indexOf(sub);
    return r < 0 ? -1 : r + st;
  }
  const us = unitOffset(s, st);
  const ue = unitOffset(s, en);
  const seg = s.slice(us, ue);
  const r = right ? seg.lastIndexOf(sub) : seg.indexOf(sub);
  return r < 0 ? -1 : cpIndex(s, us + r);
}

function countImpl(s: string, sub: string, start: unknown, end: unknown): number {
  const len = strLen(s);
  const [st, en] = adjust(len, start, end);
  if (st > len) return 0;
  const seg = hasSurrogates(s) ? codePoints(s).slice(st, en).join("") : s.slice(st, en);
  if (sub.length === 0) return strLen(seg) + 1;
  let c = 0;
  let i = 0;
  for (;;) {
    const k = seg.indexOf(sub, i);
    if (k < 0) return c;
    c++;
    i = k + sub.length;
  }
}

// Python's whitespace is all in the BMP and never a surrogate: the whitespace splits below walk
// UTF-16 code units, and a surrogate pair always stays inside a word.

/** Is the UTF-16 code unit one of PY_WHITESPACE? */
function isWsCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * `s.split(sep)` without maxsplit for a non-empty sep: an indexOf loop, which V8 runs about twice
 * as fast as `String.prototype.split` on short strings.
 */
function splitOn(s: string, sep: string): string[] {
  const out: string[] = [];
  const m = sep.length;
  let i = 0;
  for (;;) {
    const k = s.indexOf(sep, i);
    if (k < 0) break;
    out.push(s.slice(i, k));
    i = k + m;
  }
  out.push(s.slice(i));
  return out;
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isWsCode(s.charCodeAt(i))) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isWsCode(s.charCodeAt(j))) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function rsplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (i > 0) {
    while (i > 0 && isWsCode(s.charCodeAt(i - 1))) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && out.length >= maxsplit) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !isWsCode(s.charCodeAt(j - 1))) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

/** `sep.join(items)` of strs: a few are concatenated (twice as fast as `Array.join` in V8). */
function joinStrings(items: readonly string[], sep: string): string {
  const n = items.length;
  if (n === 0) return "";
  if (n > 16) return items.join(sep);
  let out = items[0];
  for (let i = 1; i < n; i++) out = out + sep + items[i];
  return out;
}

function allStrings(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== "string") return false;
  return true;
}

/** Replace the first `max` occurrences of the non-empty `o` in s by `n`. */
function replaceAll(s: string, o: string, n: string, max: number): string {
  let k = s.indexOf(o);
  if (k < 0) return s;
  let out = "";
  let i = 0;
  let c = 0;
  while (k >= 0 && c < max) {
    out += s.slice(i, k) + n;
    i = k + o.length;
    c++;
    k = s.indexOf(o, i);
  }
  return out + s.slice(i);
}

/** `strip()` without chars: whitespace is never a surrogate, so code units can be tested. */
function stripWhitespace(s: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && isWsCode(s.charCodeAt(a))) a++;
  if (right) while (b > a && isWsCode(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars instanceof Kw) {
    const name = left && right ? "strip" : left ? "lstrip" : "rstrip";
    [chars] = noKeywords(`str.${name}`, [chars]);
  }
  let set: Set<string> | null = null;
  if (chars !== undefined && chars !== null) {
    if (typeof chars !== "string" && strBase(chars) === undefined) {
      throw new PyTypeError("strip arg must be None or str");
    }
    set = new Set(codePoints(checkStr(chars, "strip arg must be None or str")));
  }
  const test = (c: string) => (set ? set.has(c) : isWs(c));
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && test(cps[a])) a++;
  if (right) while (b > a && test(cps[b - 1])) b--;
  return a === 0 && b === cps.length ? s : cps.slice(a, b).join("");
}

/** center/ljust/rjust(width[, fillchar]): positional only, as CPython's argument clinic. */
function padArgs(fname: string, args: unknown[]): [number, string] {
  const last = args[args.length - 1];
  if (last instanceof Kw && Object.keys(last.kwargs).length === 0) args = args.slice(0, -1);
  if (args.length === 0 || args[args.length - 1] instanceof Kw) {
    if (args.length > 0) throw new PyTypeError(`str.${fname}() takes no keyword arguments`);
    throw new PyTypeError(`${fname} expected at least 1 argument, got 0`);
  }
  if (args.length > 2) {
    throw new PyTypeError(`${fname} expected at most 2 arguments, got ${args.length}`);
  }
  const w = indexNumber(args[0]);
  const f = args.length < 2 ? " " : args[1];
  if (typeof f !== "string") {
    const v = strBase(f);
    if (v === undefined) {
      throw new PyTypeError(`The fill character must be a unicode character, not ${typeName(f)}`);
    }
    if (strLen(v) !== 1)
      throw new PyTypeError("The fill character must be exactly one character long");
    return [w, v];
  }
  if (strLen(f) !== 1)
    throw new PyTypeError("The fill character must be exactly one character long");
  return [w, f];
}

// Unicode's Cased, Uppercase and Lowercase properties, as CPython's CASED/UPPER/LOWER flags
// (they include `ª`, `º`, the modifier letters `ʰ`, the circled letters `ⓐ`).
const RE_CASED = /\p{Cased}/u;
const RE_UPPER = /\p{Uppercase}/u;
const RE_LOWER = /\p{Lowercase}/u;
const RE_CASE_IGNORABLE = /\p{Case_Ignorable}/u;
function isCased(ch: string): boolean {
  return RE_CASED.test(ch);
}
function isUpperCh(ch: string): boolean {
  return RE_UPPER.test(ch);
}
function isLowerCh(ch: string): boolean {
  return RE_LOWER.test(ch);
}
function titleCh(ch: string): string {
  // Titlecase digraphs (U+01C4..U+01CC, U+01F1..U+01F3) have distinct titlecase forms.
  const special: Record<string, string> = {
    "\u01c4": "\u01c5",
    "\u01c5": "\u01c5",
    "\u01c6": "\u01c5",
    "\u01c7": "\u01c8",
    "\u01c8": "\u01c8",
    "\u01c9": "\u01c8",
    "\u01ca": "\u01cb",
    "\u01cb": "\u01cb",
    "\u01cc": "\u01cb",
    "\u01f1": "\u01f2",
    "\u01f2": "\u01f2",
    "\u01f3": "\u01f2",
  };
  if (ch in special) return special[ch];
  // Georgian letters are their own titlecase (their uppercase is Mtavruli).
  if (ch >= "\u10d0" && ch <= "\u10ff") return ch;
  return TITLE_SPECIAL.get(ch) ?? ch.toUpperCase();
}

/** SpecialCasing.txt's titlecase forms that differ from the uppercase (`ﬁ` is "Fi"). */
const TITLE_SPECIAL = new Map(
  (
    "ß:Ss և:Եւ ᾀ:ᾈ ᾁ:ᾉ ᾂ:ᾊ ᾃ:ᾋ ᾄ:ᾌ ᾅ:ᾍ ᾆ:ᾎ ᾇ:ᾏ ᾈ:ᾈ ᾉ:ᾉ ᾊ:ᾊ ᾋ:ᾋ ᾌ:ᾌ ᾍ:ᾍ ᾎ:ᾎ " +
    "ᾏ:ᾏ ᾐ:ᾘ ᾑ:ᾙ ᾒ:ᾚ ᾓ:ᾛ ᾔ:ᾜ ᾕ:ᾝ ᾖ:ᾞ ᾗ:ᾟ ᾘ:ᾘ ᾙ:ᾙ ᾚ:ᾚ ᾛ:ᾛ ᾜ:ᾜ ᾝ:ᾝ ᾞ:ᾞ ᾟ:ᾟ " +
    "ᾠ:ᾨ ᾡ:ᾩ ᾢ:ᾪ ᾣ:ᾫ ᾤ:ᾬ ᾥ:ᾭ ᾦ:ᾮ ᾧ:ᾯ ᾨ:ᾨ ᾩ:ᾩ ᾪ:ᾪ ᾫ:ᾫ ᾬ:ᾬ ᾭ:ᾭ ᾮ:ᾮ ᾯ:ᾯ ᾲ:Ὰͅ " +
    "ᾳ:ᾼ ᾴ:Άͅ ᾷ:ᾼ͂ ᾼ:ᾼ ῂ:Ὴͅ ῃ:ῌ ῄ:Ήͅ ῇ:ῌ͂ ῌ:ῌ ῲ:Ὼͅ ῳ:ῼ ῴ:Ώͅ ῷ:ῼ͂ ῼ:ῼ " +
    "ﬀ:Ff ﬁ:Fi ﬂ:Fl ﬃ:Ffi ﬄ:Ffl ﬅ:St ﬆ:St ﬓ:Մն ﬔ:Մե ﬕ:Մի ﬖ:Վն ﬗ:Մխ"
  )
    .split(" ")
    .map((e) => [e.slice(0, e.indexOf(":")), e.slice(e.indexOf(":") + 1)] as [string, string]),
);

const RE_DECIMAL = /^\p{Nd}+$/u;
const RE_DIGIT =
  /^[\p{Nd}\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{1f100}-\u{1f10a}]+$/u;
const RE_NUMERIC =
  /^[\p{N}\u3405\u3483\u382a\u3b4d\u4e00\u4e03\u4e07\u4e09\u4e5d\u4e8c\u4e94\u4e96\u4ebf\u4ec0\u4edf\u4ee8\u4f0d\u4f70\u5104\u5146\u5169\u516b\u516d\u5341\u5343-\u5345\u534c\u53c1-\u53c4\u56db\u58f1\u58f9\u5e7a\u5efe\u5eff\u5f0c-\u5f0e\u5f10\u62fe\u634c\u67d2\u6f06\u7396\u767e\u8086\u842c\u8cae\u8cb3\u8d30\u9621\u9646\u964c\u9678\u96f6\uf96b\uf973\uf978\uf9b2\uf9d1\uf9d3\uf9fd]+$/u;
const RE_ALPHA = /^[\p{L}\p{Nl}\p{Mn}\p{Mc}]*$/u;
const RE_ALPHA_STRICT = /^\p{L}+$/u;
const RE_IDENT = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;
const RE_NONPRINT = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

void RE_ALPHA;

/**
 * Unicode full case folding (CPython's `str.casefold`), which JS lacks: lowercase of the
 * uppercase form folds the expansions (`ß`, `ﬁ`, `ŉ`, `ᾀ`) and the variant letters (`ς`, `ſ`,
 * `µ`, `ϐ`) as CaseFolding.txt does. The exceptions: `ı` folds to itself, `ẞ` to "ss" (its
 * lowercase is `ß`), and Cherokee folds to the uppercase letters.
 */
function casefold(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x131) out += ch;
    else if (cp >= 0x13a0 && cp <= 0x13f5) out += ch;
    else if (cp >= 0x13f8 && cp <= 0x13fd) out += String.fromCodePoint(cp - 8);
    else if (cp >= 0xab70 && cp <= 0xabbf) out += String.fromCodePoint(cp - 0xab70 + 0x13a0);
    else out += ch.toUpperCase().toLowerCase();
  }
  return out.replace(/ß/g, "ss");
}

function titleImpl(s: string): string {
  const cps = codePoints(s);
  let out = "";
  let prevCased = false;
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    if (!prevCased) out += titleCh(ch);
    else out += lowerAt(cps, i);
    prevCased = isCased(ch);
  }
  return out;
}

/** The lowercase of the character at `i` of `cps`, in its context (a final `Σ` is `ς`). */
function lowerAt(cps: string[], i: number): string {
  const ch = cps[i]!;
  if (ch === "\u03a3") return finalSigma(cps, i) ? "\u03c2" : "\u03c3";
  return ch.toLowerCase();
}

/**
 * CPython's handle_capital_sigma: a `Σ` lowercased at `i` is final (`ς`) when a cased letter
 * comes before it and none after it (case-ignorable characters skipped both ways).
 */
function finalSigma(cps: string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && RE_CASE_IGNORABLE.test(cps[j]!)) j--;
  if (j < 0 || !isCased(cps[j]!)) return false;
  j = i + 1;
  while (j < cps.length && RE_CASE_IGNORABLE.test(cps[j]!)) j++;
  return j === cps.length || !isCased(cps[j]!);
}

function splitlinesImpl(s: string, keepends: boolean): string[] {
  const out: string[] = [];
  let i = 0;
  let start = 0;
  while (i < s.length) {
    const ch = s[i];
    if (LINE_BREAKS.has(ch)) {
      let eol = i + 1;
      if (ch === "\r" && s[i + 1] === "\n") eol = i + 2;
      out.push(s.slice(start, keepends ? eol : i));
      start = eol;
      i = eol;
    } else i++;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

/**
 * The arguments of a method that takes no keywords: a trailing empty `Kw` (`**{}`) dropped
 * (as undefined), a non-empty one CPython's "str.find() takes no keyword arguments".
 */
function noKeywords(fname: string, args: unknown[]): unknown[] {
  const out = args.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    const a = out[i];
    if (a instanceof Kw) {
      if (Object.keys(a.kwargs).length > 0) {
        throw new PyTypeError(`${fname}() takes no keyword arguments`);
      }
      out[i] = undefined;
    }
  }
  return out;
}

function prefixTest(
  s: string,
  prefix: unknown,
  start: unknown,
  end: unknown,
  fname: string,
  atEnd: boolean,
): boolean {
  // argument clinic's errors (checked here, off the fast path of a plain str prefix)
  [prefix, start, end] = noKeywords(`str.${fname}`, [prefix, start, end]);
  if (prefix === undefined) {
    throw new PyTypeError(`${fname} expected at least 1 argument, got 0`);
  }
  const cands = (prefix instanceof Tuple ? prefix.items : [prefix]).map((p) => strBase(p) ?? p);
  if (!(prefix instanceof Tuple) && typeof cands[0] !== "string") {
    throw new PyTypeError(
      `${fname} first arg must be str or a tuple of str, not ${typeName(prefix)}`,
    );
  }
  const len = strLen(s);
  const [st, en] = adjust(len, start, end);
  if (st > len) return false;
  const seg = hasSurrogates(s)
    ? codePoints(s).slice(st, en).join("")
    : s.slice(st, Math.max(st, en));
  for (const p of cands) {
    if (typeof p !== "string") {
      throw new PyTypeError(`tuple for ${fname} must only contain str, not ${typeName(p)}`);
    }
    if (atEnd ? seg.endsWith(p) : seg.startsWith(p)) return true;
  }
  return false;
}

export const strMethods = {
  split(s: string, ...args: unknown[]): string[] {
    // Fast paths for the everyday shapes, `s.split()` and `s.split(",")`; anything else
    // (keywords, maxsplit, a str subclass or non-str separator) takes the general path below.
    const nargs = args.length;
    if (nargs === 0) return splitWhitespace(s, -1);
    if (nargs === 1) {
      const sp = args[0];
      if (typeof sp === "string" && sp.length > 0) return splitOn(s, sp);
    }
    const [sep = null, maxsplit = -1n] = bind("split", ["sep", "maxsplit"], args);
    const max = indexNumber(maxsplit);
    if (sep === null || sep === undefined) return splitWhitespace(s, max);
    const sp = checkStr(sep, "must be str or None");
    if (sp.length === 0) throw new ValueError("empty separator");
    if (max < 0) return splitOn(s, sp);
    const out: string[] = [];
    let i = 0;
    while (out.length < max) {
      const k = s.indexOf(sp, i);
      if (k < 0) break;
      out.push(s.slice(i, k));
      i = k + sp.length;
    }
    out.push(s.slice(i));
    return out;
  },
  rsplit(s: string, ...args: unknown[]): string[] {
    // Without maxsplit, rsplit splits as split does on whitespace or one character; a longer
    // separator is found from the right ("aaa".rsplit("aa") is ['a', '']).
    const nargs = args.length;
    if (nargs === 0) return splitWhitespace(s, -1);
    if (nargs === 1) {
      const sp = args[0];
      if (typeof sp === "string" && sp.length === 1) return splitOn(s, sp);
    }
    const [sep = null, maxsplit = -1n] = bind("rsplit", ["sep", "maxsplit"], args);
    let max = indexNumber(maxsplit);
    if (sep === null || sep === undefined) return rsplitWhitespace(s, max);
    const sp = checkStr(sep, "must be str or None");
    if (sp.length === 0) throw new ValueError("empty separator");
    if (max < 0 && sp.length === 1) return splitOn(s, sp);
    if (max < 0) max = Number.MAX_SAFE_INTEGER;
    const out: string[] = [];
    let end = s.length;
    while (out.length < max) {
      const k = end - sp.length < 0 ? -1 : s.lastIndexOf(sp, end - sp.length);
      if (k < 0) break;
      out.push(s.slice(k + sp.length, end));
      end = k;
    }
    out.push(s.slice(0, end));
    return out.reverse();
  },
  splitlines(s: string, ...args: unknown[]): string[] {
    const [keepends = false] = bind("splitlines", ["keepends"], args);
    return splitlinesImpl(s, Boolean(keepends));
  },
  join(s: string, iterable: unknown): string {
    // Fast path: a plain list or tuple of plain strs joins natively.
    const proto =
      iterable !== null && typeof iterable === "object" && Object.getPrototypeOf(iterable);
    const items =
      proto === Array.prototype
        ? (iterable as unknown[])
        : proto === Tuple.prototype
          ? (iterable as Tuple).items
          : undefined;
    if (items !== undefined && allStrings(items)) return joinStrings(items as string[], s);
    const parts: string[] = [];
    let i = 0;
    const it = Array.isArray(iterable) ? iterable : tryIter(iterable);
    if (it === null) {
      [iterable] = noKeywords("str.join", [iterable]);
      if (iterable === undefined) {
        throw new PyTypeError("str.join() takes exactly one argument (0 given)");
      }
      throw new PyTypeError("can only join an iterable");
    }
    for (const x of it) {
      if (typeof x !== "string") {
        const v = strBase(x);
        if (v === undefined) {
          throw new PyTypeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
        }
        parts.push(v);
        i++;
        continue;
      }
      parts.push(x);
      i++;
    }
    return parts.join(s);
  },
  strip: (s: string, chars?: unknown) =>
    chars === undefined || chars === null
      ? stripWhitespace(s, true, true)
      : stripChars(s, chars, true, true),
  lstrip: (s: string, chars?: unknown) =>
    chars === undefined || chars === null
      ? stripWhitespace(s, true, false)
      : stripChars(s, chars, true, false),
  rstrip: (s: string, chars?: unknown) =>
    chars === undefined || chars === null
      ? stripWhitespace(s, false, true)
      : stripChars(s, chars, false, true),
  partition(s: string, sep: unknown): Tuple<string> {
    const sp = checkStr(sep, "must be str");
    if (sp.length === 0) throw new ValueError("empty separator");
    const k = s.indexOf(sp);
    if (k < 0) return new Tuple([s, "", ""]);
    return new Tuple([s.slice(0, k), sp, s.slice(k + sp.length)]);
  },
  rpartition(s: string, sep: unknown): Tuple<string> {
    const sp = checkStr(sep, "must be str");
    if (sp.length === 0) throw new ValueError("empty separator");
    const k = s.lastIndexOf(sp);
    if (k < 0) return new Tuple(["", "", s]);
    return new Tuple([s.slice(0, k), sp, s.slice(k + sp.length)]);
  },
  zfill(s: string, ...args: unknown[]): string {
    const last = args[args.length - 1];
    if (last instanceof Kw && Object.keys(last.kwargs).length === 0) args = args.slice(0, -1);
    if (args.length !== 1 || args[0] instanceof Kw) {
      if (args[args.length - 1] instanceof Kw)
        throw new PyTypeError("str.zfill() takes no keyword arguments");
      throw new PyTypeError(`str.zfill() takes exactly one argument (${args.length} given)`);
    }
    const w = indexNumber(args[0]);
    const n = strLen(s);
    if (n >= w) return s;
    const fill = "0".repeat(w - n);
    if (s[0] === "+" || s[0] === "-") return s[0] + fill + s.slice(1);
    return fill + s;
  },
  center(s: string, ...args: unknown[]): string {
    const [w, f] = padArgs("center", args);
    const n = strLen(s);
    if (n >= w) return s;
    const marg = w - n;
    const left = Math.floor(marg / 2) + (marg & w & 1);
    return f.repeat(left) + s + f.repeat(marg - left);
  },
  ljust(s: string, ...args: unknown[]): string {
    const [w, f] = padArgs("ljust", args);
    const n = strLen(s);
    return n >= w ? s : s + f.repeat(w - n);
  },
  rjust(s: string, ...args: unknown[]): string {
    const [w, f] = padArgs("rjust", args);
    const n = strLen(s);
    return n >= w ? s : f.repeat(w - n) + s;
  },
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  casefold: (s: string) => casefold(s),
  title: (s: string) => titleImpl(s),
  capitalize(s: string): string {
    const cps = codePoints(s);
    if (cps.length === 0) return s;
    let out = titleCh(cps[0]!);
    for (let i = 1; i < cps.length; i++) out += lowerAt(cps, i);
    return out;
  },
  swapcase(s: string): string {
    const cps = codePoints(s);
    let out = "";
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      if (isUpperCh(ch)) out += lowerAt(cps, i);
      else if (isLowerCh(ch)) out += ch.toUpperCase();
      else out += ch;
    }
    return out;
  },
  find(s: string, sub: unknown, start?: unknown, end?: unknown): bigint {
    if (typeof sub !== "string" || start instanceof Kw || end instanceof Kw) {
      [sub, start, end] = noKeywords("str.find", [sub, start, end]);
      if (sub === undefined) throw new PyTypeError("find expected at least 1 argument, got 0");
    }
    return BigInt(findImpl(s, checkStr(sub, "must be str"), start, end, false));
  },
  rfind: (s: string, sub: unknown, start?: unknown, end?: unknown) =>
    BigInt(findImpl(s, checkStr(sub, "must be str"), start, end, true)),
  index(s: string, sub: unknown, start?: unknown, end?: unknown): bigint {
    const r = findImpl(s, checkStr(sub, "must be str"), start, end, false);
    if (r < 0) throw new ValueError("substring not found");
    return BigInt(r);
  },
  rindex(s: string, sub: unknown, start?: unknown, end?: unknown): bigint {
    const r = findImpl(s, checkStr(sub, "must be str"), start, end, true);
    if (r < 0) throw new ValueError("substring not found");
    return BigInt(r);
  },
  count: (s: string, sub: unknown, start?: unknown, end?: unknown) =>
    BigInt(countImpl(s, checkStr(sub, "must be str"), start, end)),
  replace(s: string, ...args: unknown[]): string {
    // Fast path: `s.replace(old, new)` with two plain strs (and old not empty).
    if (args.length === 2) {
      const o = args[0];
      const n = args[1];
      if (typeof o === "string" && typeof n === "string" && o.length > 0) {
        return replaceAll(s, o, n, Number.MAX_SAFE_INTEGER);
      }
    }
    const [old, nw, count = -1n] = bind("replace", ["old", "new", "count"], args);
    if (nw === undefined) {
      const n = args.filter((a) => !(a instanceof Kw)).length;
      throw new PyTypeError(`replace() takes at least 2 positional arguments (${n} given)`);
    }
    const o = checkStr(old, "replace() argument 1 must be str");
    const n = checkStr(nw, "replace() argument 2 must be str");
    let max = indexNumber(count);
    if (max < 0) max = Number.MAX_SAFE_INTEGER;
    if (o.length === 0) {
      const cps = codePoints(s);
      let out = "";
      let c = 0;
      for (let i = 0; i <= cps.length; i++) {
        if (c < max) {
          out += n;
          c++;
        }
        if (i < cps.length) out += cps[i];
      }
      return out;
    }

    return replaceAll(s, o, n, max);
  },
  // A plain str prefix without start/end compares directly (what prefixTest does then).
  startswith: (s: string, p: unknown, start?: unknown, end?: unknown) =>
    typeof p === "string" && start === undefined && end === undefined
      ? s.startsWith(p)
      : prefixTest(s, p, start, end, "startswith", false),
  endswith: (s: string, p: unknown, start?: unknown, end?: unknown) =>
    typeof p === "string" && start === undefined && end === undefined
      ? s.endsWith(p)
      : prefixTest(s, p, start, end, "endswith", true),
  removeprefix: (s: string, p: unknown) => {
    const pr = checkStr(p, "removeprefix() argument must be str");
    return pr && s.startsWith(pr) ? s.slice(pr.length) : s;
  },
  removesuffix: (s: string, p: unknown) => {
    const su = checkStr(p, "removesuffix() argument must be str");
    return su && s.endsWith(su) ? s.slice(0, s.length - su.length) : s;
  },
  expandtabs(s: string, ...args: unknown[]): string {
    const [tabsize = 8n] = bind("expandtabs", ["tabsize"], args);
    const ts = indexNumber(tabsize);
    let out = "";
    let col = 0;
    for (const ch of s) {
      if (ch === "\t") {
        if (ts > 0) {
          const k = ts - (col % ts);
          out += " ".repeat(k);
          col += k;
        }
      } else {
        out += ch;
        col = ch === "\n" || ch === "\r" ? 0 : col + 1;
      }
    }
    return out;
  },
  encode(s: string, ...args: unknown[]): Bytes {
    const [encoding = "utf-8", errors = "strict"] = bind("encode", ["encoding", "errors"], args);
    return new Bytes(encode(s, String(encoding), String(errors)));
  },
  isdigit: (s: string) => RE_DIGIT.test(s),
  isdecimal: (s: string) => RE_DECIMAL.test(s),
  isnumeric: (s: string) => RE_NUMERIC.test(s),
  isalpha: (s: string) => RE_ALPHA_STRICT.test(s),
  isalnum: (s: string) =>
    s.length > 0 &&
    [...s].every((c) => RE_ALPHA_STRICT.test(c) || RE_NUMERIC.test(c) || RE_DIGIT.test(c)),
  isspace: (s: string) => s.length > 0 && [...s].every(isWs),
  isascii: (s: string) => /^[\x00-\x7f]*$/.test(s),
  isidentifier: (s: string) => RE_IDENT.test(s),
  isprintable: (s: string) => !RE_NONPRINT.test(s.replace(/ /g, "")),
  islower(s: string): boolean {
    let cased = false;
    for (const ch of s) {
      if (isUpperCh(ch) || /\p{Lt}/u.test(ch)) return false;
      if (isLowerCh(ch)) cased = true;
    }
    return cased;
  },
  isupper(s: string): boolean {
    let cased = false;
    for (const ch of s) {
      if (isLowerCh(ch) || /\p{Lt}/u.test(ch)) return false;
      if (isUpperCh(ch)) cased = true;
    }
    return cased;
  },
  istitle(s: string): boolean {
    let cased = false;
    let prevCased = false;
    for (const ch of s) {
      const up = isUpperCh(ch) || /\p{Lt}/u.test(ch);
      if (up) {
        if (prevCased) return false;
        prevCased = true;
        cased = true;
      } else if (isLowerCh(ch)) {
        if (!prevCased) return false;
        prevCased = true;
        cased = true;
      } else prevCased = false;
    }
    return cased;
  },
  format: (s: string, ...args: unknown[]) => strFormat(s, ...args),
  format_map(s: string, ...args: unknown[]): string {
    const last = args[args.length - 1];
    if (last instanceof Kw) {
      if (Object.keys(last.kwargs).length > 0)
        throw new PyTypeError("str.format_map() takes no keyword arguments");
      args = args.slice(0, -1);
    }
    if (args.length !== 1)
      throw new PyTypeError(`str.format_map() takes exactly one argument (${args.length} given)`);
    return strFormatMap(s, args[0]);
  },
  translate(s: string, table: unknown): string {
    let out = "";
    for (const ch of s) {
      const key = BigInt(ch.codePointAt(0)!);
      let v: unknown;
      try {
        v = getitem(table, key);
      } catch (e) {
        if (e instanceof LookupError) {
          out += ch;
          continue;
        }
        throw e;
      }
      if (v === null || v === undefined) continue;
      if (isInt(v)) {
        const cp = index(v);
        if (cp < 0n || cp > 0x10ffffn) {
          throw new ValueError("character mapping must be in range(0x110000)");
        }
        out += String.fromCodePoint(Number(cp));
      } else {
        const t = typeof v === "string" ? v : strBase(v);
        if (t === undefined) {
          throw new PyTypeError("character mapping must return integer, None or str");
        }
        out += t;
      }
    }
    return out;
  },
  /** `str.maketrans(...)`, a static method: through an instance (`s.maketrans`), s is ignored. */
  maketrans(_s: unknown, ...args: unknown[]): Dict {
    if (args[args.length - 1] instanceof Kw) {
      throw new PyTypeError("str.maketrans() takes no keyword arguments");
    }
    if (args.length === 0 || args.length > 3) {
      const which = args.length === 0 ? "at least 1 argument" : "at most 3 arguments";
      throw new PyTypeError(`maketrans expected ${which}, got ${args.length}`);
    }
    const d = new Dict();
    if (args.length === 1) {
      if (!(args[0] instanceof Dict)) {
        throw new PyTypeError("if you give only one argument to maketrans it must be a dict");
      }
      for (const [k, v] of args[0].entries()) {
        const ks = typeof k === "string" ? k : strBase(k);
        if (ks !== undefined) {
          if (strLen(ks) !== 1) {
            throw new ValueError("string keys in translate table must be of length 1");
          }
          d.__setitem__(BigInt(ks.codePointAt(0)!), v);
        } else if (isInt(k)) {
          d.__setitem__(k, v);
        } else {
          throw new PyTypeError("keys in translate table must be strings or integers");
        }
      }
      return d;
    }
    if (typeof args[0] !== "string" && strBase(args[0]) === undefined) {
      throw new PyTypeError(
        "first maketrans argument must be a string if there is a second argument",
      );
    }
    const a = codePoints(checkStr(args[0], "maketrans() argument 1 must be str"));
    const b = codePoints(checkStr(args[1], "maketrans() argument 2 must be str"));
    if (a.length !== b.length) {
      throw new ValueError("the first two maketrans arguments must have equal length");
    }
    a.forEach((c, i) => {
      d.__setitem__(BigInt(c.codePointAt(0)!), BigInt(b[i].codePointAt(0)!));
    });
    if (args.length > 2) {
      for (const c of codePoints(checkStr(args[2], "maketrans() argument 3 must be str"))) {
        d.__setitem__(BigInt(c.codePointAt(0)!), null);
      }
    }
    return d;
  },
  __len__: (s: string) => BigInt(strLen(s)),
  __contains__: (s: string, x: unknown) =>
    s.includes(checkStr(x, "'in <string>' requires string as left operand")),
};

/**
 * How CPython's str methods take their arguments, for its argument errors: METH_NOARGS
 * ("str.upper() takes no arguments (1 given)"), METH_O ("str.join() takes exactly one argument
 * (0 given)") or argument clinic's positional-only `[min, max]` ("count expected at least 1
 * argument, got 0"); none takes keywords. The methods called in hot loops (split, join, strip,
 * startswith, replace, find, upper, lower, ...) check their own arguments and are not listed.
 */
const ARITY: [string, "noargs" | "one" | [number, number]][] = [
  ...[
    "capitalize",
    "casefold",
    "swapcase",
    "title",
    "isalnum",
    "isalpha",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
  ].map((n): [string, "noargs"] => [n, "noargs"]),
  ...["partition", "rpartition", "removeprefix", "removesuffix", "translate"].map(
    (n): [string, "one"] => [n, "one"],
  ),
  ...["count", "index", "rfind", "rindex"].map((n): [string, [number, number]] => [n, [1, 3]]),
];

function plural(n: number): string {
  return `${n} argument${n === 1 ? "" : "s"}`;
}

for (const [name, kind] of ARITY) {
  const table = strMethods as unknown as Record<string, (s: string, ...a: unknown[]) => unknown>;
  const f = table[name];
  table[name] = (s: string, ...args: unknown[]) => {
    const last = args[args.length - 1];
    if (last instanceof Kw) {
      if (Object.keys(last.kwargs).length > 0) {
        throw new PyTypeError(`str.${name}() takes no keyword arguments`);
      }
      args = args.slice(0, -1);
    }
    const n = args.length;
    if (kind === "noargs") {
      if (n > 0) throw new PyTypeError(`str.${name}() takes no arguments (${n} given)`);
    } else if (kind === "one") {
      if (n !== 1) throw new PyTypeError(`str.${name}() takes exactly one argument (${n} given)`);
    } else if (n < kind[0]) {
      throw new PyTypeError(`${name} expected at least ${plural(kind[0])}, got ${n}`);
    } else if (n > kind[1]) {
      throw new PyTypeError(`${name} expected at most ${plural(kind[1])}, got ${n}`);
    }
    return f(s, ...args);
  };
}

/**
 * `strMethods` as generated code calls them on a value known to be a str (codegen/lower/calls.ts:
 * `typeof s === "string" ? $py.strMethod.split(s) : $py.callMethod(s, "split")`): any arguments
 * and an untyped result, as generated code sees `callMethod` (codegen/requests/python-api.d.ts),
 * so that a call type-checks where Python would raise its own TypeError (a missing argument) at
 * run time.
 */
export const strMethod = strMethods as unknown as Readonly<
  Record<keyof typeof strMethods, (s: string, ...args: unknown[]) => any>
>;
