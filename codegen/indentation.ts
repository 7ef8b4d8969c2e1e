/**
 * CPython's indentation errors, which tree-sitter-python does not report.
 *
 * tree-sitter's scanner is lenient about indentation: `for i in x:` followed by an unindented
 * line parses (the line becomes the body), and so do a line indented for no reason or dedented to
 * a column no enclosing block has. CPython's tokenizer and parser reject all of these. So parse.ts
 * asks this scan, which reads the source as CPython's tokenizer does:
 *
 *   - Logical lines: brackets, backslash continuations and strings spanning lines join physical
 *     lines into one; blank lines and lines holding only a comment do not count.
 *   - The indentation of a logical line is the width of its leading whitespace with tabs to the
 *     next multiple of 8, and (for TabError) again with every tab counted as 1: the two must
 *     order the lines the same way (CPython's `col` and `altcol`).
 *   - A logical line ending in `:` (outside brackets, strings and comments) is a compound
 *     statement's header: the next logical line must be indented further. Any other line must
 *     not be.
 *
 * The errors, in CPython's words and at its positions: "expected an indented block after 'if'
 * statement on line 3" (at the first token of the line that should have been indented, or at
 * the end of the file's last line when the file ends), "unexpected indent" (just before the
 * first token), "unindent does not match any outer indentation level" (at the end of the line)
 * and TabError's "inconsistent use of tabs and spaces in indentation".
 *
 * One-quote f-strings whose replacement fields span lines (valid since Python 3.12) are known
 * from tokenizer.ts's scan, which reads the fields; a backslash continuation in the indentation
 * keeps counting columns, as CPython's tokenizer does.
 */

import type { CompileError, SourceFile } from "./diagnostics";

interface LogicalLine {
  /** 1-based line of its first token, and that token's column. */
  line: number;
  first: number;
  /** Indentation, tabs to multiples of 8, and with tabs counted as 1. */
  col: number;
  alt: number;
  /** The statement's keyword (`if`, `def`, ...; `async` is skipped), or "" for another start. */
  keyword: string;
  /** Ends in `:` outside brackets: a compound statement's header. */
  header: boolean;
}

/** What CPython's message calls the block a header opens. */
const BLOCKS: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  match: "'match' statement",
  case: "'case' statement",
  def: "function definition",
  class: "class definition",
};

/**
 * The first indentation error of the module, or null. `fieldStrings`: one-quote f-strings whose
 * replacement fields span lines, from the index of the opening quote to after the closing one
 * (tokenizer.ts).
 */
export function checkIndentation(
  source: SourceFile,
  fieldStrings: ReadonlyMap<number, number>,
): CompileError | null {
  const lines = logicalLines(source.text, fieldStrings);
  const cols = [0];
  const alts = [0];
  const tabError = (l: LogicalLine) =>
    source.error(
      "TabError",
      "inconsistent use of tabs and spaces in indentation",
      l.line,
      0,
      false,
    );
  let opened: LogicalLine | null = null;
  for (const l of lines) {
    const top = cols[cols.length - 1]!;
    if (l.col > top) {
      // CPython points before the first token (at the indentation's last character).
      if (opened === null)
        return source.error(
          "IndentationError",
          "unexpected indent",
          l.line,
          Math.max(0, l.first - 1),
          false,
        );
      if (l.alt <= alts[alts.length - 1]!) return tabError(l);
      cols.push(l.col);
      alts.push(l.alt);
    } else {
      if (opened !== null) return expectedBlock(source, opened, l);
      while (l.col < cols[cols.length - 1]!) {
        cols.pop();
        alts.pop();
      }
      if (l.col !== cols[cols.length - 1]) {
        const text = source.line(l.line);
        return source.error(
          "IndentationError",
          "unindent does not match any outer indentation level",
          l.line,
          text.replace(/\s+$/, "").length,
        );
      }
      if (l.alt !== alts[alts.length - 1]) return tabError(l);
    }
    opened = l.header && BLOCKS[l.keyword] !== undefined ? l : null;
  }
  return opened === null ? null : expectedBlock(source, opened, null);
}

function expectedBlock(
  source: SourceFile,
  header: LogicalLine,
  next: LogicalLine | null,
): CompileError {
  let what = BLOCKS[header.keyword]!;
  if (header.keyword === "except" && /^\s*except\s*\*/.test(source.line(header.line)))
    what = "'except*' statement";
  const detail = `expected an indented block after ${what} on line ${header.line}`;
  if (next === null) {
    // The file ended: CPython points at the end of its last line (comments and blank lines count).
    const last = source.text.endsWith("\n") ? source.lineCount - 1 : source.lineCount;
    return source.error("IndentationError", detail, last, source.line(last).length, false);
  }
  const text = source.line(next.line);
  return source.error("IndentationError", detail, next.line, text.length - text.trimStart().length);
}

/** The logical lines of `text` (see the header). */
function logicalLines(text: string, fieldStrings: ReadonlyMap<number, number>): LogicalLine[] {
  const out: LogicalLine[] = [];
  const n = text.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    // The start of a physical line that may begin a logical line: its indentation.
    // A backslash continuation there joins the next physical line, whose whitespace counts on;
    // the column at the first backslash, when not 0, is the indentation (CPython's
    // `cont_line_col`).
    let col = 0;
    let alt = 0;
    let cont = 0;
    let lineStart = i;
    while (i < n) {
      const c = text[i];
      if (c === " ") {
        col++;
        alt++;
      } else if (c === "\t") {
        col = (Math.floor(col / 8) + 1) * 8;
        alt++;
      } else if (c === "\f") col = alt = 0;
      else if (c === "\\" && /^\r?\n/.test(text.slice(i + 1, i + 3))) {
        cont ||= col;
        i = lineStart = text.indexOf("\n", i) + 1;
        line++;
        continue;
      } else break;
      i++;
    }
    if (cont !== 0) col = alt = cont;
    if (i >= n) break;
    if (text[i] === "\n" || text[i] === "\r" || text[i] === "#") {
      // Blank or comment-only: skip the line.
      while (i < n && text[i] !== "\n") i++;
      i++;
      line++;
      continue;
    }
    const start = /^(?:async\s+)?([A-Za-z_]\w*)/.exec(text.slice(i, i + 40));
    const logical: LogicalLine = {
      line,
      first: i - lineStart,
      col,
      alt,
      keyword: start?.[1] ?? "",
      header: false,
    };
    // The rest of the logical line: up to a newline outside brackets.
    let depth = 0;
    let last = "";
    while (i < n) {
      const c = text[i]!;
      if (c === "\n") {
        line++;
        i++;
        if (depth === 0) break;
        continue;
      }
      if (c === "#") {
        while (i < n && text[i] !== "\n") i++;
        continue;
      }
      if (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r")) {
        // A backslash continuation joins the next physical line.
        i = text.indexOf("\n", i) + 1 || n;
        line++;
        continue;
      }
      if (c === '"' || c === "'") {
        // An unterminated string (a SyntaxError parse.ts reports) runs to the end of its line,
        // or of the file when it is triple-quoted.
        const end = fieldStrings.get(i) ?? stringEnd(text, i);
        const newline = text.indexOf("\n", i);
        const stop = end >= 0 ? end : text.startsWith(c.repeat(3), i) || newline < 0 ? n : newline;
        line += newlinesIn(text, i, stop);
        i = stop;
        last = c;
        continue;
      }
      if (c === "(" || c === "[" || c === "{") depth++;
      else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
      if (c !== " " && c !== "\t" && c !== "\r" && c !== "\f") last = c;
      i++;
    }
    logical.header = last === ":";
    out.push(logical);
  }
  return out;
}

/**
 * Where the string literal whose opening quote is at `i` ends (just after its closing quote), as
 * CPython's tokenizer reads it: a backslash escapes the next character (also in raw strings, and
 * a line end); -1 when it is unterminated (a line end in a one-quote string, or the file's end).
 */
export function stringEnd(text: string, i: number): number {
  const c = text[i]!;
  const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
  for (let j = i + quote.length; j < text.length; j++) {
    if (text.startsWith(quote, j)) return j + quote.length;
    if (text[j] === "\n" && quote.length === 1) return -1;
    if (text[j] === "\\") j++;
  }
  return -1;
}

/** The line ends in `text` from `from` to `to`. */
export function newlinesIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = text.indexOf("\n", from); k >= 0 && k < to; k = text.indexOf("\n", k + 1)) count++;
  return count;
}
