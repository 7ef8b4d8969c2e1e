/**
 * Python's `shlex`: `split(s, comments=False, posix=True)`, `quote(s)`, `join(split_command)`.
 * `split` runs the POSIX-mode lexer of `Lib/shlex.py` with `whitespace_split=True` (its states:
 * between tokens, in a word, in a quote, after a backslash), so quoting, escapes inside double
 * quotes, empty quoted tokens and comments give CPython's tokens; its errors are CPython's ("No
 * closing quotation", "No escaped character", "s argument must not be None").
 *
 * Differences from CPython: `split(..., posix=False)` and the `shlex` class (the lexer object,
 * `punctuation_chars`, `source` inclusion) are missing (NotImplementedError).
 */

import {
  AttributeError,
  NotImplementedError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { iter, truthy } from "../protocol";
import { typeName } from "../types";
import { bindArgs } from "./types";

const WHITESPACE = " \t\r\n";
const QUOTES = "'\"";
const ESCAPE = "\\";
const ESCAPED_QUOTES = '"';

/** The tokens of `s` (POSIX mode, whitespace_split). */
function tokens(s: string, comments: boolean): string[] {
  const out: string[] = [];
  const chars = Array.from(s);
  let i = 0;
  let token = "";
  let quoted = false;
  let state = " ";
  let escapedState = " ";
  const skipLine = (): void => {
    while (i < chars.length && chars[i] !== "\n") i++;
    if (i < chars.length) i++;
  };
  const emit = (): void => {
    if (token !== "" || quoted) out.push(token);
    token = "";
    quoted = false;
  };
  for (;;) {
    const c = i < chars.length ? chars[i++]! : null;
    if (state === " ") {
      if (c === null) break;
      if (WHITESPACE.includes(c)) continue;
      if (comments && c === "#") skipLine();
      else if (c === ESCAPE) {
        escapedState = "a";
        state = c;
      } else if (QUOTES.includes(c)) state = c;
      else {
        token = c;
        state = "a";
      }
    } else if (QUOTES.includes(state)) {
      quoted = true;
      if (c === null) throw new ValueError("No closing quotation");
      if (c === state) state = "a";
      else if (c === ESCAPE && ESCAPED_QUOTES.includes(state)) {
        escapedState = state;
        state = c;
      } else token += c;
    } else if (state === ESCAPE) {
      if (c === null) throw new ValueError("No escaped character");
      // Inside double quotes a backslash escapes only the quote and itself.
      if (QUOTES.includes(escapedState) && c !== state && c !== escapedState) token += state;
      token += c;
      state = escapedState;
    } else {
      // In a word.
      if (c === null) {
        emit();
        break;
      }
      if (WHITESPACE.includes(c)) {
        state = " ";
        emit();
      } else if (comments && c === "#") {
        skipLine();
        state = " ";
        emit();
      } else if (QUOTES.includes(c)) state = c;
      else if (c === ESCAPE) {
        escapedState = "a";
        state = c;
      } else token += c;
    }
  }
  if (quoted && state === " ") emit();
  return out;
}

/** `shlex.split(s, comments=False, posix=True)`. */
export function split(...args: unknown[]): string[] {
  const [s, comments, posix] = bindArgs("split", args, ["s", "comments", "posix"], [false, true]);
  if (s === null) throw new ValueError("s argument must not be None");
  if (!truthy(posix))
    throw new NotImplementedError("shlex.split(posix=False) is not supported by asyncio-ts");
  if (typeof s !== "string")
    throw new AttributeError(`'${typeName(s)}' object has no attribute 'read'`);
  return tokens(s, truthy(comments));
}

/** `shlex.quote(s)`: `s` itself when it has only safe characters, else single-quoted. */
export function quote(s: unknown): string {
  if (typeof s !== "string")
    throw new PyTypeError(`expected string or bytes-like object, got '${typeName(s)}'`);
  if (s === "") return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]*$/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** `shlex.join(split_command)`. */
export function join(splitCommand: unknown): string {
  return Array.from(iter(splitCommand), quote).join(" ");
}
