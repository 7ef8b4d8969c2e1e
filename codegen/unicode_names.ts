/**
 * The Unicode character names of `\N{...}` escapes in str literals, looked up as CPython 3.13.0's
 * `_getcode` (Modules/unicodedata.c) does, in its database (Unicode 15.1.0).
 *
 * The names are in unicode_names.dat (written by unicode_names.py from CPython's
 * unicodedata; its header describes the format), read and indexed the first time a name is
 * looked up, so programs without `\N{` do not pay for it. CPython's rules:
 *   - a name starting with `HANGUL SYLLABLE ` (in upper case) is a Hangul syllable, its name
 *     made of the jamo's short names (Unicode chapter 3.12), each the longest that matches;
 *   - a name starting with `CJK UNIFIED IDEOGRAPH-` is one of those, with 4 or 5 upper-case hex
 *     digits;
 *   - any other name or alias matches in any letter case (ASCII); named sequences do not.
 */

import * as fs from "node:fs";
import * as path from "node:path";

interface Ranged {
  prefix: string;
  first: number;
  last: number;
}

interface Names {
  /** Names and aliases in upper case. */
  byName: Map<string, number>;
  /** Names made of a prefix and the code point in hex. */
  ranged: Ranged[];
  /** The CJK unified ideographs' ranges. */
  unified: Ranged[];
}

let names: Names | null = null;

/** The data file, next to this module in the sources, or two levels up from dist/codegen/. */
function dataFile(): string {
  const here = path.join(__dirname, "unicode_names.dat");
  return fs.existsSync(here)
    ? here
    : path.join(__dirname, "..", "..", "codegen", "unicode_names.dat");
}

function load(): Names {
  // Required here, not imported: only a program with a `\N{` escape needs zlib.
  const zlib = require("node:zlib") as typeof import("node:zlib");
  const text = zlib.inflateSync(fs.readFileSync(dataFile())).toString("utf8");
  const byName = new Map<string, number>();
  const ranged: Ranged[] = [];
  const unified: Ranged[] = [];
  let next = 0;
  for (const line of text.split("\n")) {
    const mark = line[0];
    if (mark === "=" || mark === "~") {
      const [prefix, first, last] = line.slice(1).split("\t") as [string, string, string];
      const range = { prefix, first: Number.parseInt(first, 16), last: Number.parseInt(last, 16) };
      (mark === "~" ? unified : ranged).push(range);
    } else if (mark === "@" || mark === "!") {
      const space = line.indexOf(" ");
      const code = Number.parseInt(line.slice(1, space), 16);
      byName.set(line.slice(space + 1), code);
      if (mark === "@") next = code + 1;
    } else if (line !== "" && !line.startsWith("unicode ")) byName.set(line, next++);
  }
  return { byName, ranged, unified };
}

// The jamo's short names (Jamo.txt), by position in a syllable.
const LEADING = "G GG N D DD R M B BB S SS  J JJ C K T P H".split(" ");
const VOWELS = "A AE YA YAE EO E YEO YE O WA WAE OE YO U WEO WE WI YU EU YI I".split(" ");
const TRAILING = " G GG GS N NJ NH D L LG LM LB LS LT LP LH M B BS S SS NG J C K T P H".split(" ");

/** The index of the longest jamo name `name` has at `at`, and its length (CPython's `find_syllable`). */
function jamo(name: string, at: number, table: string[]): [number, number] {
  let best = -1;
  let length = -1;
  for (let i = 0; i < table.length; i++) {
    const s = table[i]!;
    if (s.length > length && name.startsWith(s, at)) {
      best = i;
      length = s.length;
    }
  }
  return [best, Math.max(length, 0)];
}

function hangul(name: string): number | null {
  let at = "HANGUL SYLLABLE ".length;
  const [l, ll] = jamo(name, at, LEADING);
  at += ll;
  const [v, vl] = jamo(name, at, VOWELS);
  at += vl;
  const [t, tl] = jamo(name, at, TRAILING);
  at += tl;
  if (l < 0 || v < 0 || t < 0 || at !== name.length) return null;
  return 0xac00 + (l * VOWELS.length + v) * TRAILING.length + t;
}

const inRanges = (code: number, ranges: Ranged[]) =>
  ranges.some((r) => code >= r.first && code <= r.last);

/** The code point `\N{name}` stands for, or null ("unknown Unicode character name"). */
export function lookupUnicodeName(name: string): number | null {
  names ??= load();
  if (name.startsWith("HANGUL SYLLABLE ")) return hangul(name);
  const unified = "CJK UNIFIED IDEOGRAPH-";
  if (name.startsWith(unified)) {
    const hex = name.slice(unified.length);
    if (!/^[0-9A-F]{4,5}$/.test(hex)) return null;
    const code = Number.parseInt(hex, 16);
    return inRanges(code, names.unified) ? code : null;
  }
  // Py_TOUPPER: ASCII letters only.
  const upper = name.replace(/[a-z]+/g, (s) => s.toUpperCase());
  const code = names.byName.get(upper);
  if (code !== undefined) return code;
  for (const r of names.ranged) {
    if (!upper.startsWith(r.prefix)) continue;
    const hex = upper.slice(r.prefix.length);
    const n = Number.parseInt(hex, 16);
    if (n >= r.first && n <= r.last && n.toString(16).toUpperCase().padStart(4, "0") === hex)
      return n;
  }
  return null;
}
