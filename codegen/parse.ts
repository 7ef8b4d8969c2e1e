/**
 * Stage 1: parse Python source with tree-sitter-python.
 *
 * tree-sitter parses leniently: it recovers from errors by inserting ERROR and MISSING nodes and
 * still returns a tree. We refuse any tree that contains one, reporting the first (in source
 * order) as a SyntaxError with its line and column, so no invalid program ever reaches lowering.
 * Indentation, which tree-sitter does not check, is checked here too (indentation.ts).
 */

import type Parser from "tree-sitter";
import type { SourceFile } from "./diagnostics";
import { checkIndentation, newlinesIn, stringEnd } from "./indentation";

export type SyntaxNode = Parser.SyntaxNode;

/**
 * tree-sitter's JS binding patches the native module's shared prototypes when it is evaluated, so
 * it must be evaluated once per process: a second evaluation breaks the first
 * (`Tree.prototype.rootNode` then reads as undefined). Test runners that give each test file its
 * own module registry and its own copy of `process` (jest) would evaluate it once per file. The
 * parser is therefore kept on the prototype of `process`, which every such copy shares, so the
 * binding is required only by the first file that parses.
 */
const PARSER_KEY = Symbol.for("asyncio-ts.parser");

function getParser(): Parser {
  const shared = Object.getPrototypeOf(process) as { [PARSER_KEY]?: Parser };
  let parser = shared[PARSER_KEY];
  if (parser === undefined) {
    // Required here, not imported, so that only the first file to parse loads the binding.
    const TreeSitter = require("tree-sitter") as typeof Parser;
    const Python = require("tree-sitter-python") as Parser.Language;
    parser = new TreeSitter();
    parser.setLanguage(Python);
    shared[PARSER_KEY] = parser;
  }
  return parser;
}

/** Parse a whole module; throws a `CompileError` ("SyntaxError") on the first error node. */
export function parse(source: SourceFile): SyntaxNode {
  // tree-sitter's default read buffer is small; give it the whole file at once.
  const tree = getParser().parse(source.text, undefined, {
    bufferSize: Math.max(32 * 1024, source.text.length * 2 + 1),
  });
  const root = tree.rootNode;
  // tree-sitter lets bad indentation through (indentation.ts); the first error in the file wins.
  const indentation = checkIndentation(source);
  if (root.hasError) {
    const bad = firstErrorNode(root);
    if (bad !== null) {
      const error = syntaxErrorAt(source, bad);
      throw indentation !== null && indentation.loc.line <= error.loc.line ? indentation : error;
    }
  }
  if (indentation !== null) throw indentation;
  return root;
}

function firstErrorNode(node: SyntaxNode): SyntaxNode | null {
  if (node.isMissing) return node;
  if (node.type === "ERROR") {
    // Point at the first token inside the ERROR node when there is one: CPython's caret sits on
    // the token where parsing failed, which is usually the ERROR node's first leaf.
    return node;
  }
  if (!node.hasError) return null;
  for (const child of node.children) {
    const found = firstErrorNode(child);
    if (found !== null) return found;
  }
  return null;
}

function syntaxErrorAt(source: SourceFile, node: SyntaxNode) {
  // CPython tokenizes the rest of the source after a generic "invalid syntax": an error of its
  // tokenizer anywhere (an unterminated string, an unmatched or mismatched bracket) is reported
  // instead.
  const scan = scanTokens(source.text);
  if (scan.error !== null)
    return source.error("SyntaxError", scan.error.detail, scan.error.line, scan.error.col);
  // A bracket still open at the end of the file: reported where it was opened when parsing
  // failed after its line, or on the file's last line (the end came first).
  const open = scan.open;
  const row = node.endPosition.row + 1;
  const last = source.text.trimEnd().split("\n").length;
  if (open !== null && (row > open.line || row >= last)) {
    return source.error("SyntaxError", `'${open.char}' was never closed`, open.line, open.col);
  }
  // CPython's caret sits on the token where parsing failed: the one after the ERROR node.
  const { row: r, column } = node.isMissing
    ? node.startPosition
    : (node.nextSibling?.startPosition ?? node.endPosition);
  return source.error("SyntaxError", "invalid syntax", r + 1, column);
}

interface Bracket {
  char: string;
  line: number;
  col: number;
}

const CLOSES: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/**
 * The source as CPython's tokenizer reads its strings and brackets: its first error (an
 * unterminated string, a closing bracket with no or another opening one), and the innermost
 * bracket still open at the end.
 */
function scanTokens(text: string): {
  error: { detail: string; line: number; col: number } | null;
  open: Bracket | null;
} {
  const stack: Bracket[] = [];
  let line = 1;
  let lineStart = 0;
  const at = (i: number) => ({ line, col: i - lineStart });
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
    } else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      if (end < 0) {
        const triple = text.startsWith(c.repeat(3), i);
        const kind = triple ? "triple-quoted string literal" : "string literal";
        const detected = triple ? text.trimEnd().split("\n").length : line;
        const detail = `unterminated ${kind} (detected at line ${detected})`;
        return { error: { detail, ...at(i) }, open: null };
      }
      const lines = newlinesIn(text, i, end);
      if (lines > 0) {
        line += lines;
        lineStart = text.lastIndexOf("\n", end) + 1;
      }
      i = end - 1;
    } else if (c === "(" || c === "[" || c === "{") stack.push({ char: c, ...at(i) });
    else if (c in CLOSES) {
      const top = stack.pop();
      if (top === undefined) return { error: { detail: `unmatched '${c}'`, ...at(i) }, open: null };
      if (top.char !== CLOSES[c]) {
        const where = top.line === line ? "" : ` on line ${top.line}`;
        const detail = `closing parenthesis '${c}' does not match opening parenthesis '${top.char}'${where}`;
        return { error: { detail, ...at(i) }, open: null };
      }
    }
  }
  return { error: null, open: stack[stack.length - 1] ?? null };
}
