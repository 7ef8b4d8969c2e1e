/**
 * Python's `textwrap`: `dedent`, `indent`, `wrap`, `fill`, `shorten` and `TextWrapper`, with
 * CPython 3.13's line-breaking algorithm (`_wrap_chunks`, `_handle_long_word`).
 *
 * Text is split into chunks by CPython's own regular expressions (`wordsep_re`, which also
 * breaks after the hyphens of words such as "long-term", or `wordsep_simple_re` with
 * `break_on_hyphens=False`), compiled by the runtime's `re`, so they mean what they mean in
 * CPython; `fix_sentence_endings` is `_fix_sentence_endings`.
 */

import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { Kw, splitKw } from "../kw";
import { call, callMethod, truthy } from "../protocol";
import { strMethods } from "../str";

function len(s: string): number {
  return Array.from(s).length;
}

interface Options {
  width: number;
  initial_indent: string;
  subsequent_indent: string;
  expand_tabs: boolean;
  replace_whitespace: boolean;
  drop_whitespace: boolean;
  break_long_words: boolean;
  break_on_hyphens: boolean;
  fix_sentence_endings: boolean;
  tabsize: number;
  max_lines: number | null;
  placeholder: string;
}

function options(args: unknown[], positionalNames: string[]): [unknown[], Options] {
  const [pos, k] = splitKw(args);
  const rest = pos.slice(positionalNames.length);
  const named: Record<string, unknown> = { ...k };
  positionalNames.forEach((n, i) => {
    if (i < pos.length) named[n] = pos[i];
  });
  const b = (v: unknown, d: boolean) => (v === undefined ? d : truthy(v));
  return [
    [named.text, ...rest],
    {
      width: Number(named.width ?? 70n),
      initial_indent: (named.initial_indent ?? "") as string,
      subsequent_indent: (named.subsequent_indent ?? "") as string,
      expand_tabs: b(named.expand_tabs, true),
      replace_whitespace: b(named.replace_whitespace, true),
      drop_whitespace: b(named.drop_whitespace, true),
      break_long_words: b(named.break_long_words, true),
      break_on_hyphens: b(named.break_on_hyphens, true),
      fix_sentence_endings: b(named.fix_sentence_endings, false),
      tabsize: Number(named.tabsize ?? 8n),
      max_lines:
        named.max_lines === undefined || named.max_lines === null ? null : Number(named.max_lines),
      placeholder: (named.placeholder ?? " [...]") as string,
    },
  ];
}

function expandTabs(s: string, tabsize: number): string {
  let out = "";
  let col = 0;
  for (const c of s) {
    if (c === "\t") {
      const n = tabsize > 0 ? tabsize - (col % tabsize) : 0;
      out += " ".repeat(n);
      col += n;
    } else {
      out += c;
      col = c === "\n" || c === "\r" ? 0 : col + 1;
    }
  }
  return out;
}

function isBlank(s: string): boolean {
  // Python's `chunk.strip() == ''`: empty or all Python whitespace (str.isspace)
  return s === "" || (strMethods.isspace(s) as boolean);
}

// CPython's TextWrapper patterns (Python regex syntax, compiled by the runtime's `re`).
const WS = "[\\t\\n\\x0b\\x0c\\r ]";
const NOWS = "[^\\t\\n\\x0b\\x0c\\r ]";
const WORD_PUNCT = "[\\w!\"'&.,?]";
const LETTER = "[^\\d\\W]";
const WORDSEP = `(${WS}+|(?<=${WORD_PUNCT})-{2,}(?=\\w)|${NOWS}+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})|(?=${WS}|\\Z)|(?<=${WORD_PUNCT})(?=-{2,}\\w)))`;
const WORDSEP_SIMPLE = `(${WS}+)`;
const SENTENCE_END = "[a-z][\\.\\!\\?][\\\"\\']?\\Z";
const compiled = new Map<string, unknown>();

function pattern(source: string): unknown {
  let p = compiled.get(source);
  if (p === undefined) {
    p = (require("./re") as { compile: (s: string) => unknown }).compile(source);
    compiled.set(source, p);
  }
  return p;
}

/** `_split(text)`: the non-empty chunks of `wordsep_re.split(text)` (or the simple pattern). */
function splitChunks(text: string, o: Options): string[] {
  const parts = callMethod(pattern(o.break_on_hyphens ? WORDSEP : WORDSEP_SIMPLE), "split", text);
  const chunks = (parts as unknown[]).filter((c): c is string => typeof c === "string" && c !== "");
  if (o.fix_sentence_endings) {
    // `_fix_sentence_endings`: two spaces after a chunk ending a sentence.
    const end = pattern(SENTENCE_END);
    let i = 0;
    while (i < chunks.length - 1) {
      if (chunks[i + 1] === " " && callMethod(end, "search", chunks[i]) !== null) {
        chunks[i + 1] = "  ";
        i += 2;
      } else i += 1;
    }
  }
  return chunks;
}

/** `TextWrapper`'s algorithm on one text. */
function wrapText(text: string, o: Options): string[] {
  if (o.width <= 0) throw new ValueError(`invalid width ${o.width} (must be > 0)`);
  if (o.expand_tabs) text = expandTabs(text, o.tabsize);
  if (o.replace_whitespace) text = text.replace(/[\t\n\x0b\x0c\r]/g, " ");
  const chunks = splitChunks(text, o);
  if (o.max_lines !== null) {
    const indent = o.max_lines > 1 ? o.subsequent_indent : o.initial_indent;
    if (len(indent) + len(strMethods.lstrip(o.placeholder) as string) > o.width)
      throw new ValueError("placeholder too large for max width");
  }
  const lines: string[] = [];
  chunks.reverse();
  while (chunks.length > 0) {
    const curLine: string[] = [];
    let curLen = 0;
    const indent = lines.length > 0 ? o.subsequent_indent : o.initial_indent;
    const width = o.width - len(indent);
    if (o.drop_whitespace && isBlank(chunks[chunks.length - 1]) && lines.length > 0) chunks.pop();
    while (chunks.length > 0) {
      const l = len(chunks[chunks.length - 1]);
      if (curLen + l <= width) {
        curLine.push(chunks.pop() as string);
        curLen += l;
      } else break;
    }
    if (chunks.length > 0 && len(chunks[chunks.length - 1]) > width) {
      // _handle_long_word
      const spaceLeft = width < 1 ? 1 : width - curLen;
      if (o.break_long_words) {
        const chunk = Array.from(chunks[chunks.length - 1]);
        let end = spaceLeft;
        if (o.break_on_hyphens && chunk.length > spaceLeft) {
          // break after the last hyphen, but only if there are non-hyphens before it
          const hyphen = chunk.slice(0, spaceLeft).lastIndexOf("-");
          if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== "-")) end = hyphen + 1;
        }
        curLine.push(chunk.slice(0, end).join(""));
        curLen += Math.min(end, chunk.length);
        chunks[chunks.length - 1] = chunk.slice(end).join("");
      } else if (curLine.length === 0) {
        const c = chunks.pop() as string;
        curLine.push(c);
        curLen += len(c);
      }
    }
    if (o.drop_whitespace && curLine.length > 0 && isBlank(curLine[curLine.length - 1])) {
      curLen -= len(curLine[curLine.length - 1]);
      curLine.pop();
    }
    if (curLine.length > 0) {
      if (
        o.max_lines === null ||
        lines.length + 1 < o.max_lines ||
        ((chunks.length === 0 ||
          (o.drop_whitespace && chunks.length === 1 && isBlank(chunks[0]))) &&
          curLen <= width)
      ) {
        lines.push(indent + curLine.join(""));
      } else {
        let placed = false;
        while (curLine.length > 0) {
          if (!isBlank(curLine[curLine.length - 1]) && curLen + len(o.placeholder) <= width) {
            curLine.push(o.placeholder);
            lines.push(indent + curLine.join(""));
            placed = true;
            break;
          }
          curLen -= len(curLine[curLine.length - 1]);
          curLine.pop();
        }
        if (!placed) {
          if (lines.length > 0) {
            const prev = strMethods.rstrip(lines[lines.length - 1]) as string;
            if (len(prev) + len(o.placeholder) <= o.width) {
              lines[lines.length - 1] = prev + o.placeholder;
              break;
            }
          }
          lines.push(indent + (strMethods.lstrip(o.placeholder) as string));
        }
        break;
      }
    }
  }
  return lines;
}

/** `textwrap.wrap(text, width=70, **kwargs)`: a list of lines. */
export function wrap(...args: unknown[]): string[] {
  const [[text], o] = options(args, ["text", "width"]);
  return wrapText(text as string, o);
}

/** `textwrap.fill(text, width=70, **kwargs)`: the wrapped lines joined with newlines. */
export function fill(...args: unknown[]): string {
  return wrap(...args).join("\n");
}

/** `textwrap.shorten(text, width, **kwargs)`: collapse whitespace and truncate to fit. */
export function shorten(...args: unknown[]): string {
  const [[text], o] = options(args, ["text", "width"]);
  o.max_lines = 1;
  // Python's `' '.join(text.strip().split())`: runs of Python whitespace collapse
  const collapsed = (strMethods.split(text as string) as string[]).join(" ");
  return wrapText(collapsed, o).join("\n");
}

/**
 * `textwrap.dedent(text)`: remove the common leading whitespace of every line. Lines end at
 * "\n" only, as in the patterns of Lib/textwrap.py (Python's `^`/`$` with re.MULTILINE; JS's
 * `m` flag would also break lines at "\r").
 */
export function dedent(text: string): string {
  text = text.replace(/(?<=^|\n)[ \t]+(?=\n|$)/g, "");
  let margin: string | null = null;
  for (const m of text.matchAll(/(?<=^|\n)([ \t]*)(?:[^ \t\n])/g)) {
    const indent = m[1];
    if (margin === null) margin = indent;
    else if (indent.startsWith(margin)) {
      // current line is more deeply indented: keep the margin
    } else if (margin.startsWith(indent)) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (margin) text = text.replace(new RegExp(`(?<=^|\n)${margin}`, "g"), "");
  return text;
}

/** `textwrap.indent(text, prefix, predicate=None)`: lines as `str.splitlines(True)` gives them. */
export function indent(text: string, prefix: string, predicate: unknown = null): string {
  const lines = strMethods.splitlines(text, true) as string[];
  return lines
    .map((line) => {
      const keep = predicate === null ? !strMethods.isspace(line) : truthy(call(predicate, line));
      return keep ? prefix + line : line;
    })
    .join("");
}

/** TextWrapper's positional parameters, in order (`max_lines`, `placeholder` are keyword-only). */
const WRAPPER_PARAMS = [
  "width",
  "initial_indent",
  "subsequent_indent",
  "expand_tabs",
  "replace_whitespace",
  "fix_sentence_endings",
  "break_long_words",
  "drop_whitespace",
  "break_on_hyphens",
  "tabsize",
];

/**
 * `textwrap.TextWrapper(width=70, ...)`: the options are plain attributes, read at each
 * `wrap()`/`fill()` (a program may set `wrapper.width = 40` between calls).
 */
export class TextWrapper {
  static __module__ = "textwrap";
  width: unknown = 70n;
  initial_indent: unknown = "";
  subsequent_indent: unknown = "";
  expand_tabs: unknown = true;
  replace_whitespace: unknown = true;
  fix_sentence_endings: unknown = false;
  break_long_words: unknown = true;
  drop_whitespace: unknown = true;
  break_on_hyphens: unknown = true;
  tabsize: unknown = 8n;
  max_lines: unknown = null;
  placeholder: unknown = " [...]";
  constructor(...args: unknown[]) {
    const [pos, k] = splitKw(args);
    const self = this as unknown as Record<string, unknown>;
    if (pos.length > WRAPPER_PARAMS.length) {
      throw new PyTypeError(
        `TextWrapper.__init__() takes from 1 to ${WRAPPER_PARAMS.length + 1} positional arguments but ${pos.length + 1} were given`,
      );
    }
    pos.forEach((v, i) => {
      self[WRAPPER_PARAMS[i]] = v;
    });
    for (const [name, v] of Object.entries(k)) {
      if (!WRAPPER_PARAMS.includes(name) && name !== "max_lines" && name !== "placeholder") {
        throw new PyTypeError(
          `TextWrapper.__init__() got an unexpected keyword argument '${name}'`,
        );
      }
      self[name] = v;
    }
  }
  private opts(): Options {
    const self = this as unknown as Record<string, unknown>;
    const named: Record<string, unknown> = {};
    for (const n of [...WRAPPER_PARAMS, "max_lines", "placeholder"]) named[n] = self[n];
    return options([null, new Kw(named)], ["text"])[1];
  }
  wrap(text: string): string[] {
    return wrapText(text, this.opts());
  }
  fill(text: string): string {
    return this.wrap(text).join("\n");
  }
}
