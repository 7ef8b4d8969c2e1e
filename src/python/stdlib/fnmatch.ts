/**
 * Python's `fnmatch`: shell patterns (`*`, `?`, `[seq]`, `[!seq]`) over names. As in CPython, a
 * pattern is translated into a regular expression in Python's syntax (`translate`, which gives
 * CPython's text: a `*` between fixed parts is an atomic group `(?>.*?fixed)`, so matching never
 * backtracks into it) and compiled by the runtime's `re`; compiled patterns are cached. Names are
 * POSIX ones: `normcase` changes nothing, so `fnmatch` is `fnmatchcase` after the type check.
 *
 * Differences from CPython: bytes names and patterns raise NotImplementedError.
 */

import { BytesLike } from "../bytes";
import { NotImplementedError, TypeError as PyTypeError } from "../exceptions";
import { iter } from "../protocol";
import { typeName } from "../types";
import { path } from "./os";
import { compile, escape, type Pattern } from "./re";
import { pythonArgs } from "./types";

/** A `*` among the translated pieces (CPython's `STAR` sentinel). */
const STAR: unique symbol = Symbol("*");

/**
 * `_translate(pat, STAR, QUESTION_MARK)`: the pieces of a pattern, regular-expression text, with
 * `star` for each run of `*` and `question` for each `?` (glob's `translate` passes its own).
 */
export function _translate(pat: string, star: unknown, question: unknown): unknown[] {
  const res: unknown[] = [];
  const n = pat.length;
  let i = 0;
  while (i < n) {
    const c = pat[i]!;
    i++;
    if (c === "*") {
      if (res.length === 0 || res[res.length - 1] !== star) res.push(star);
    } else if (c === "?") res.push(question);
    else if (c === "[") {
      let j = i;
      if (j < n && pat[j] === "!") j++;
      if (j < n && pat[j] === "]") j++;
      while (j < n && pat[j] !== "]") j++;
      if (j >= n) {
        res.push("\\[");
        continue;
      }
      let stuff = bracket(pat, i, j).replace(/([&~|])/g, "\\$1");
      i = j + 1;
      if (stuff === "") res.push("(?!)");
      else if (stuff === "!") res.push(".");
      else {
        if (stuff[0] === "!") stuff = `^${stuff.slice(1)}`;
        else if (stuff[0] === "^" || stuff[0] === "[") stuff = `\\${stuff}`;
        res.push(`[${stuff}]`);
      }
    } else res.push(escape(c) as string);
  }
  return res;
}

/** The inside of `[...]` (`pat[i:j]`): backslashes escaped, empty ranges dropped, hyphens kept. */
function bracket(pat: string, i: number, j: number): string {
  const stuff = pat.slice(i, j);
  if (!stuff.includes("-")) return stuff.replaceAll("\\", "\\\\");
  const chunks: string[] = [];
  let k = pat[i] === "!" ? i + 2 : i + 1;
  for (;;) {
    k = pat.indexOf("-", k);
    if (k < 0 || k >= j) break;
    chunks.push(pat.slice(i, k));
    i = k + 1;
    k += 3;
  }
  const last = pat.slice(i, j);
  if (last !== "") chunks.push(last);
  else chunks[chunks.length - 1] += "-";
  // An empty range (`z-a`) is an error in a regular expression: it goes.
  for (let m = chunks.length - 1; m > 0; m--) {
    const before = chunks[m - 1]!;
    if (before[before.length - 1]! > chunks[m]![0]!) {
      chunks[m - 1] = before.slice(0, -1) + chunks[m]!.slice(1);
      chunks.splice(m, 1);
    }
  }
  return chunks.map((s) => s.replaceAll("\\", "\\\\").replaceAll("-", "\\-")).join("-");
}

/** The pieces joined: a `*` between fixed parts matches as little as it can, atomically. */
function joined(parts: unknown[]): string {
  let res = "";
  let i = 0;
  const n = parts.length;
  for (; i < n && parts[i] !== STAR; i++) res += parts[i] as string;
  while (i < n) {
    i++; // the STAR
    let fixed = "";
    for (; i < n && parts[i] !== STAR; i++) fixed += parts[i] as string;
    if (i === n) res += `.*${fixed}`;
    else res += `(?>.*?${fixed})`;
  }
  return `(?s:${res})\\Z`;
}

function noBytes(...values: unknown[]): void {
  if (values.some((v) => v instanceof BytesLike))
    throw new NotImplementedError("fnmatch of bytes names and patterns is not supported");
}

function checkPattern(pat: unknown): string {
  noBytes(pat);
  if (typeof pat !== "string")
    throw new PyTypeError(`object of type '${typeName(pat)}' has no len()`);
  return pat;
}

/** `translate(pat)`: the regular expression (text) a shell pattern is. */
export function translate(...args: unknown[]): string {
  const [pat] = pythonArgs("translate", args, ["pat"], 1);
  return joined(_translate(checkPattern(pat), STAR, "."));
}

const cache = new Map<string, Pattern>();
const CACHE_SIZE = 32768;

function compiled(pat: unknown): Pattern {
  const text = checkPattern(pat);
  let p = cache.get(text);
  if (p === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    p = compile(joined(_translate(text, STAR, ".")));
    cache.set(text, p);
  }
  return p;
}

/** `fnmatchcase(name, pat)`: does the name match the pattern, case included? */
export function fnmatchcase(...args: unknown[]): boolean {
  const [name, pat] = pythonArgs("fnmatchcase", args, ["name", "pat"], 2);
  noBytes(name);
  return compiled(pat).match(name) !== null;
}

/** `fnmatch(name, pat)`: `fnmatchcase` of the case-normalized name and pattern (POSIX: as is). */
export function fnmatch(...args: unknown[]): boolean {
  const [name, pat] = pythonArgs("fnmatch", args, ["name", "pat"], 2);
  noBytes(name, pat);
  return fnmatchcase(path.normcase(name), path.normcase(pat));
}

/** `filter(names, pat)`: the names that match, in order. */
export function filter(...args: unknown[]): unknown[] {
  const [names, pat] = pythonArgs("filter", args, ["names", "pat"], 2);
  noBytes(pat);
  const p = compiled(path.normcase(pat));
  const out: unknown[] = [];
  for (const name of iter(names)) if (p.match(name) !== null) out.push(name);
  return out;
}
