/**
 * Stage 1: parse Python source with tree-sitter-python.
 *
 * tree-sitter parses leniently: it recovers from errors by inserting ERROR and MISSING nodes and
 * still returns a tree. We refuse any tree that contains one, reporting the first (in source
 * order) as a SyntaxError with its line and column, so no invalid program ever reaches lowering.
 */

import type Parser from "tree-sitter";
import type { SourceFile } from "./diagnostics";

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
  if (root.hasError) {
    const bad = firstErrorNode(root);
    if (bad !== null) throw syntaxErrorAt(source, bad);
  }
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
  // CPython reports a bracket left open at the end of the file where it was opened.
  const open = unclosedBracket(source.text);
  if (open !== null && node.endPosition.row + 1 > open.line) {
    return source.error("SyntaxError", `'${open.char}' was never closed`, open.line, open.col);
  }
  // CPython's caret sits on the token where parsing failed: the one after the ERROR node.
  const { row, column } = node.isMissing
    ? node.startPosition
    : (node.nextSibling?.startPosition ?? node.endPosition);
  return source.error("SyntaxError", "invalid syntax", row + 1, column);
}

/** The first bracket never closed (skipping strings and comments), or null. */
function unclosedBracket(text: string): { char: string; line: number; col: number } | null {
  const stack: { char: string; line: number; col: number }[] = [];
  let line = 1;
  let lineStart = 0;
  const newline = (k: number) => {
    line++;
    lineStart = k + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") newline(i);
    else if (c === "#") {
      while (i + 1 < text.length && text[i + 1] !== "\n") i++;
    } else if (c === '"' || c === "'") {
      const q = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + q.length;
      while (j < text.length && !text.startsWith(q, j) && (q.length === 3 || text[j] !== "\n")) {
        if (text[j] === "\n") newline(j);
        j += text[j] === "\\" ? 2 : 1;
      }
      i = j + q.length - 1;
    } else if (c === "(" || c === "[" || c === "{")
      stack.push({ char: c, line, col: i - lineStart });
    else if (c === ")" || c === "]" || c === "}") {
      if (stack.length === 0) return null;
      stack.pop();
    }
  }
  return stack[0] ?? null;
}
