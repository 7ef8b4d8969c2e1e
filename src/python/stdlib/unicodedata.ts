/**
 * Python's `unicodedata`, the part JS's Unicode support answers: `normalize`/`is_normalized`
 * (`String.prototype.normalize`), `category` (the general category, found by testing the
 * character against `\p{gc=..}` classes, cached) and `decimal` (a decimal digit's value: Unicode
 * puts the digits 0..9 of every script in one run of ten `Nd` characters, so the value is the
 * count of `Nd` characters before it in its run, modulo 10), with CPython's argument errors.
 *
 * Differences from CPython: the data is Node's ICU (a later Unicode version than CPython 3.13's
 * 15.1.0, which `unidata_version` still reports): a character assigned since has its new
 * category and normalization here. `name`, `lookup`, `digit`, `numeric`, `combining`,
 * `bidirectional`, `east_asian_width`, `mirrored`, `decomposition` and `ucd_3_2_0` are missing.
 */

import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";

export const unidata_version = "15.1.0";

const FORMS = new Set(["NFC", "NFD", "NFKC", "NFKD"]);

/** The type an argument error names (CPython's `_PyArg_BadArgument` says "None" for None). */
function argType(x: unknown): string {
  return x === null ? "None" : typeName(x);
}

/** The (form, unistr) arguments of `normalize`/`is_normalized`, checked as CPython does. */
function formArgs(fname: string, form: unknown, unistr: unknown): [string, string] {
  if (typeof form !== "string")
    throw new PyTypeError(`${fname}() argument 1 must be str, not ${argType(form)}`);
  if (typeof unistr !== "string")
    throw new PyTypeError(`${fname}() argument 2 must be str, not ${argType(unistr)}`);
  if (!FORMS.has(form)) throw new ValueError("invalid normalization form");
  return [form, unistr];
}

/** `normalize(form, unistr)`. */
export function normalize(form: unknown, unistr: unknown): string {
  const [f, s] = formArgs("normalize", form, unistr);
  return s.normalize(f);
}

/** `is_normalized(form, unistr)`. */
export function is_normalized(form: unknown, unistr: unknown): boolean {
  const [f, s] = formArgs("is_normalized", form, unistr);
  return s.normalize(f) === s;
}

/** The one code point of a "unicode character" argument (`chr` in CPython's clinic). */
function charArg(fname: string, chr: unknown): number {
  if (typeof chr !== "string")
    throw new PyTypeError(`${fname}() argument must be a unicode character, not ${argType(chr)}`);
  const cp = chr.codePointAt(0);
  if (cp === undefined || String.fromCodePoint(cp).length !== chr.length)
    throw new PyTypeError(`${fname}() argument must be a unicode character, not str`);
  return cp;
}

const CATEGORIES =
  "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Cs Co".split(
    " ",
  );
let categoryTests: [string, RegExp][] | undefined;
const categoryCache = new Map<number, string>();

function categoryOf(cp: number): string {
  let c = categoryCache.get(cp);
  if (c !== undefined) return c;
  categoryTests ??= CATEGORIES.map((name) => [name, new RegExp(`^\\p{gc=${name}}$`, "u")]);
  const ch = String.fromCodePoint(cp);
  c = categoryTests.find(([, re]) => re.test(ch))?.[0] ?? "Cn";
  categoryCache.set(cp, c);
  return c;
}

/** `category(chr)`: the general category, such as 'Lu' or 'Mn' ('Cn' when unassigned). */
export function category(chr: unknown): string {
  return categoryOf(charArg("category", chr));
}

/** `decimal(chr[, default])`: the value of a decimal digit (`Nd`). */
export function decimal(chr: unknown, ...dflt: unknown[]): unknown {
  let cp = charArg("decimal", chr);
  if (categoryOf(cp) !== "Nd") {
    if (dflt.length > 0) return dflt[0];
    throw new ValueError("not a decimal");
  }
  let n = 0;
  while (cp > 0 && categoryOf(cp - 1) === "Nd") {
    cp--;
    n++;
  }
  return BigInt(n % 10);
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("unicodedata", [normalize, is_normalized, category, decimal]);
