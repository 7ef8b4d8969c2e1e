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
  const colon = missingColon(source, node);
  if (colon !== null) return source.error("SyntaxError", "expected ':'", colon.line, colon.col);
  const known = assignmentError(source.text, node) ?? forgottenComma(source.text, node);
  if (known !== null)
    return source.error(
      "SyntaxError",
      known.detail,
      known.at.startPosition.row + 1,
      known.at.startPosition.column,
    );
  const ifExp = conditionalWithoutElse(node);
  if (ifExp !== null)
    return source.error(
      "SyntaxError",
      "expected 'else' after 'if' expression",
      ifExp.startPosition.row + 1,
      ifExp.startPosition.column,
    );
  // CPython's caret sits on the token where parsing failed: the one after the ERROR node.
  const { row: r, column } = node.isMissing
    ? node.startPosition
    : (node.nextSibling?.startPosition ?? node.endPosition);
  return source.error("SyntaxError", "invalid syntax", r + 1, column);
}

/** How to check a compound statement's header alone: what must come before and after it. */
const HEADER_CONTEXT: Record<string, [string, string]> = {
  if: ["", ":\n pass\n"],
  while: ["", ":\n pass\n"],
  for: ["", ":\n pass\n"],
  with: ["", ":\n pass\n"],
  def: ["", ":\n pass\n"],
  class: ["", ":\n pass\n"],
  try: ["", ":\n pass\nfinally:\n pass\n"],
  elif: ["if 0:\n pass\n", ":\n pass\n"],
  else: ["if 0:\n pass\n", ":\n pass\n"],
  except: ["try:\n pass\n", ":\n pass\n"],
  finally: ["try:\n pass\n", ":\n pass\n"],
};

/**
 * A compound statement's header without its colon (`if x`, `def f()`), the commonest syntax
 * error: CPython says "expected ':'" after the header's last token. Only one physical line
 * whose header is otherwise valid (it parses once the colon is added); null otherwise.
 */
function missingColon(source: SourceFile, node: SyntaxNode): { line: number; col: number } | null {
  const lines = source.text.split("\n");
  const row = node.startPosition.row;
  const at = (r: number): { line: number; col: number } | null => {
    const text = lines[r]?.replace(/\r$/, "");
    // A comment could hide the colon the probe adds; a backslash continues the line.
    if (text === undefined || /[#\\]/.test(text)) return null;
    const header = text.trim();
    const m = /^(?:async\s+)?([a-z]+)\b/.exec(header);
    const context = m === null ? undefined : HEADER_CONTEXT[m[1]!];
    if (context === undefined || header.endsWith(":")) return null;
    const probe = getParser().parse(`${context[0]}${header}${context[1]}`);
    return probe.rootNode.hasError ? null : { line: r + 1, col: text.trimEnd().length };
  };
  // An ERROR node that starts its line (`try` then an indented `pass`): the header may be above.
  const startsLine = lines[row]!.slice(0, node.startPosition.column).trim() === "";
  return at(row) ?? (row > 0 && startsLine ? at(row - 1) : null);
}

/** What CPython's messages call an expression that cannot be assigned to (`_PyPegen_get_expr_name`). */
const EXPRESSION_NAMES: Record<string, string> = {
  call: "function call",
  binary_operator: "expression",
  unary_operator: "expression",
  integer: "literal",
  float: "literal",
  concatenated_string: "literal",
  ellipsis: "ellipsis",
  list_comprehension: "list comprehension",
  set_comprehension: "set comprehension",
  dictionary_comprehension: "dict comprehension",
  generator_expression: "generator expression",
  dictionary: "dict literal",
  set: "set display",
  await: "await expression",
};

/** Kinds CPython names without "here. Maybe you meant '==' instead of '='?". */
const PLAIN_TARGET_NAMES: Record<string, string> = {
  true: "True",
  false: "False",
  none: "None",
  comparison_operator: "comparison",
  lambda: "lambda",
  boolean_operator: "expression",
  not_operator: "expression",
  conditional_expression: "conditional expression",
};

/**
 * `f() = 1`, `True = 1`, `x = f() = 1` (tree-sitter: an ERROR node holding the target, then
 * `=`), and `if x = 1:` (an ERROR node starting at the `=`, after the condition).
 */
function assignmentError(
  text: string,
  node: SyntaxNode,
): { detail: string; at: SyntaxNode } | null {
  const kids = node.children;
  const named = node.namedChildren;
  if (kids[0]?.type === "=" && named.length === 1) {
    const before = node.previousSibling;
    const parent = node.parent?.type;
    if (before?.isNamed && (parent === "if_statement" || parent === "while_statement"))
      return { detail: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", at: before };
  }
  if (named.length !== 1 || (kids.length > 1 && kids[1]!.type !== "=")) return null;
  // The `=` is inside the node, or the node is followed by one (the statement after it).
  const next = kids.length > 1 ? kids[1]! : node.nextSibling;
  if (next === null || (next.type !== "=" && next.type !== "expression_statement")) return null;
  if (next.type === "expression_statement" && between(text, node, next) !== "=") return null;
  const target = named[0]!;
  const plain = PLAIN_TARGET_NAMES[target.type];
  if (plain !== undefined) return { detail: `cannot assign to ${plain}`, at: target };
  // In parentheses: named by what is inside (`(a if b else c) = 1`), here or not.
  const inner =
    target.type === "parenthesized_expression"
      ? (target.namedChildren.find((c) => c.type !== "comment") ?? target)
      : target;
  const name =
    inner.type === "string"
      ? /^[a-zA-Z]*[fF]/.test(inner.text)
        ? "f-string expression"
        : "literal"
      : inner.type === "conditional_expression"
        ? "conditional expression"
        : EXPRESSION_NAMES[inner.type];
  if (name === undefined) return null;
  // After an earlier `=` (`x = f() = 1`) CPython names it without the hint.
  const chained = node.parent?.type === "assignment";
  return {
    detail: chained
      ? `cannot assign to ${name}`
      : `cannot assign to ${name} here. Maybe you meant '==' instead of '='?`,
    at: inner,
  };
}

/** The source between two sibling nodes (the tokens tree-sitter left out of both). */
function between(text: string, a: SyntaxNode, b: SyntaxNode): string {
  return text.slice(a.endIndex, b.startIndex).trim();
}

/**
 * `[1 2]`, `f(a b)`: two expressions in brackets with no comma between (tree-sitter: the second
 * in an ERROR node after the first).
 */
function forgottenComma(text: string, node: SyntaxNode): { detail: string; at: SyntaxNode } | null {
  const parent = node.parent?.type;
  if (
    parent !== "list" &&
    parent !== "tuple" &&
    parent !== "set" &&
    parent !== "argument_list" &&
    parent !== "parenthesized_expression"
  )
    return null;
  const kids = node.children;
  const before = node.previousSibling;
  if (kids.length !== 1 || !kids[0]!.isNamed || before === null || !before.isNamed) return null;
  if (between(text, before, node) !== "") return null;
  return { detail: "invalid syntax. Perhaps you forgot a comma?", at: before };
}

/**
 * `x = a if b` (no `else`): tree-sitter leaves the tokens in an ERROR node. Returns the
 * expression before the `if` (where CPython's caret starts), or null when the node is not that.
 */
function conditionalWithoutElse(node: SyntaxNode): SyntaxNode | null {
  if (node.type !== "ERROR") return null;
  const kids = node.children;
  if (kids.some((k) => k.type === "else" || k.type === "for" || k.type === "lambda")) return null;
  // In brackets the ERROR node starts at the `if` (`f(a, b if c)`): the expression before it
  // is its sibling.
  for (let i = 0; i + 1 < kids.length; i++) {
    const before = i === 0 ? node.previousSibling : kids[i - 1]!;
    if (before === null) continue;
    const after = kids[i + 1]!;
    // CPython's rule: `a if b` not followed by `else` or `:` (`if a if b:` is invalid syntax).
    const next = i + 2 < kids.length ? kids[i + 2]! : node.nextSibling;
    if (
      kids[i]!.type === "if" &&
      before.isNamed &&
      after.isNamed &&
      before.endPosition.row === kids[i]!.startPosition.row &&
      next?.type !== ":"
    )
      return before;
  }
  return null;
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
