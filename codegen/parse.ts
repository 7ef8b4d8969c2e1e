/**
 * Stage 1: parse Python source with tree-sitter-python.
 *
 * tree-sitter parses leniently: it recovers from errors by inserting ERROR and MISSING nodes and
 * still returns a tree. We refuse any tree that contains one, reporting the first (in source
 * order) as a SyntaxError with its line and column, so no invalid program ever reaches lowering.
 */

import Parser from "tree-sitter";
import Python from "tree-sitter-python";
import type { SourceFile } from "./diagnostics";

export type SyntaxNode = Parser.SyntaxNode;

let parser: Parser | undefined;

function getParser(): Parser {
  if (parser === undefined) {
    parser = new Parser();
    parser.setLanguage(Python as unknown as Parser.Language);
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
  const { row, column } = node.startPosition;
  let detail = "invalid syntax";
  if (node.isMissing) {
    detail = node.type === "identifier" ? "invalid syntax" : `expected '${node.type}'`;
    if (node.type === ")" || node.type === "]" || node.type === "}") {
      detail = `'${openerOf(node.type)}' was never closed`;
    }
  } else {
    const text = node.text;
    if (/^\s*[([{]/.test(text) && !/[)\]}]/.test(text)) {
      detail = `'${text.trim()[0]}' was never closed`;
    }
  }
  return source.error("SyntaxError", detail, row + 1, column);
}

function openerOf(closer: string): string {
  return closer === ")" ? "(" : closer === "]" ? "[" : "{";
}
