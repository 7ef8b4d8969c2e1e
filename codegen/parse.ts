/**
 * Stage 1: parse Python source with tree-sitter-python.
 *
 * tree-sitter parses leniently: it recovers from errors by inserting ERROR and MISSING nodes and
 * still returns a tree. We refuse any tree that contains one, reporting the first (in source
 * order) as a SyntaxError with its line and column, so no invalid program ever reaches lowering.
 * Indentation, which tree-sitter does not check, is checked here too (indentation.ts), and so
 * are CPython's tokenizer errors (tokenizer.ts), which win over the parser's as in CPython.
 *
 * Where tree-sitter's ERROR node sits on tokens CPython's parser names an error for, the message
 * is CPython's (`syntaxErrorAt`: assignment targets, a forgotten comma, `'not' after an
 * operator`, `import a from b`, `def f:`, ...); otherwise it is "invalid syntax" at the token
 * after the ERROR node. tree-sitter also accepts some code without any error node, which is
 * refused here too: a line ending in an operator continued on the next line (`joinedLine`), a
 * hidden MISSING newline between two statements (`hiddenError`), stray commas, `:=` without the
 * parentheses CPython needs, a `with` target that cannot be assigned (`acceptedError`), a
 * backquote or `$`. Valid code tree-sitter misreads is refused as unsupported: `x = 1, *[2]`
 * (`misreadStarred`), `with a if b else c as d:` (`misreadWithItem`), a line break in a
 * one-quote f-string's format spec.
 */

import type Parser from "tree-sitter";
import { type CstNode, copyTree } from "./cst";
import type { CompileError, SourceFile } from "./diagnostics";
import { checkIndentation, newlinesIn } from "./indentation";
import { scanSource, type TokenScan } from "./tokenizer";

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

/** tree-sitter's tree of a module (its root node), errors and all. */
export function treeSitterParse(text: string): SyntaxNode {
  // tree-sitter's default read buffer is small; give it the whole file at once.
  return getParser().parse(text, undefined, {
    bufferSize: Math.max(32 * 1024, text.length * 2 + 1),
  }).rootNode;
}

/**
 * Parse a whole module into its concrete syntax tree (cst.ts: a copy of tree-sitter's, which the
 * later checks and ir.ts read cheaply); throws a `CompileError` ("SyntaxError") on the first
 * error.
 */
export function parse(source: SourceFile): CstNode {
  const root = treeSitterParse(source.text);
  // CPython's tokenizer errors (tokenizer.ts) anywhere in the file win over its parser's, but not
  // over an indentation error on an earlier line.
  const scan = scanSource(source.text);
  // tree-sitter lets bad indentation through (indentation.ts); the first error in the file wins.
  const indentation = checkIndentation(source, scan.fieldStrings);
  if (scan.error !== null) {
    const { detail, line, col } = scan.error;
    const earlier =
      indentation !== null &&
      (indentation.loc.line < line ||
        (indentation.loc.line === line && indentation.detail === "unexpected indent"));
    throw earlier ? indentation : source.error("SyntaxError", detail, line, col);
  }
  if (root.hasError) {
    const starred = misreadStarred(source.text);
    const starLine = starred === null ? 0 : newlinesIn(source.text, 0, starred) + 1;
    if (starred !== null && (indentation === null || indentation.loc.line > starLine)) {
      const lineStart = source.text.lastIndexOf("\n", starred - 1) + 1;
      throw source.error(
        "Unsupported",
        "a starred display or string in a tuple without parentheses (`x = 1, *[2]`) is not supported",
        starLine,
        [...source.text.slice(lineStart, starred)].length,
      );
    }
    const bad = firstErrorNode(root);
    if (bad !== null) {
      const found = syntaxErrorAt(source, bad, scan);
      const broken = brokenHeader(source, indentation);
      const error = broken !== null && broken.loc.line <= found.loc.line ? broken : found;
      // A missing block is noticed after its header's line: an error on that line comes first.
      const header = /^expected an indented block .* on line (\d+)$/.exec(
        indentation?.detail ?? "",
      );
      const first =
        indentation !== null &&
        indentation.loc.line <= error.loc.line &&
        (header === null || Number(header[1]) < error.loc.line);
      throw first ? indentation : error;
    }
    // An error tree-sitter keeps out of sight (a MISSING newline between two statements on one
    // line, `x = f()  y = g()`): never let the tree through.
    const broken = brokenHeader(source, indentation);
    if (broken !== null) throw broken;
    if (indentation !== null) throw indentation;
    const at = hiddenError(source.text, root);
    throw source.error("SyntaxError", "invalid syntax", at.row + 1, at.column);
  }
  // A line ending in an operator (`x = a +`) that tree-sitter continued on the next line.
  const joined = joinedLine(root, scan);
  if (joined !== null) {
    const lineStart = source.text.lastIndexOf("\n", joined - 1) + 1;
    const line = source.text.slice(0, lineStart).split("\n").length;
    if (indentation === null || indentation.loc.line > line)
      throw source.error("SyntaxError", "invalid syntax", line, joined - lineStart);
  }
  if (indentation !== null) throw indentation;
  const cst = copyTree(root, source.text);
  const accepted = acceptedError(cst);
  if (accepted !== null)
    throw source.error(
      accepted.kind,
      accepted.detail,
      accepted.at.startPosition.row + 1,
      accepted.at.startPosition.column,
    );
  // A character that starts no token (a backquote) tree-sitter may take in its stride.
  if (scan.stray !== null)
    throw source.error("SyntaxError", "invalid syntax", scan.stray.line, scan.stray.col);
  if (scan.specBreak !== null)
    throw source.error(
      "Unsupported",
      "a line break in a one-quote f-string's format spec is not supported",
      scan.specBreak.line,
      scan.specBreak.col,
    );
  return cst;
}

/**
 * tree-sitter-python fails on a starred display or string after a comma in a tuple without
 * parentheses (`x = 1, *[2]`, `return a, *"bc"`), which is valid Python. When the file parses
 * with those stars read as minus signs, the index of the first such star, else null (only on
 * the error path: a second parse).
 */
function misreadStarred(text: string): number | null {
  const stars: number[] = [];
  for (const m of text.matchAll(/,\s*\*\s*(?:[[({"']|[A-Za-z]{1,2}["'])/g))
    stars.push(m.index + m[0].indexOf("*"));
  if (stars.length === 0) return null;
  let minus = text;
  for (const at of stars) minus = `${minus.slice(0, at)}-${minus.slice(at + 1)}`;
  return treeSitterParse(minus).hasError ? null : stars[0]!;
}

/**
 * Each node under `root` (itself included) in document order, with its parent, its index there
 * and the parent's parent.
 */
function preorder(
  root: CstNode,
  visit: (n: CstNode, parent: CstNode | null, index: number, grand: CstNode | null) => void,
): void {
  const walk = (n: CstNode, parent: CstNode | null, index: number, grand: CstNode | null) => {
    visit(n, parent, index, grand);
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!, n, i, parent);
  };
  walk(root, null, 0, null);
}

/**
 * The first of the errors tree-sitter-python accepts without an ERROR node: a comma where
 * CPython's grammar has none (first in a call's arguments or a dict display, `f(,)`, `{,}`,
 * between Python 2's `raise E, V`, a third operand of `assert`, last in unparenthesized `with`
 * items), an assignment expression without the parentheses CPython needs (`WALRUS_PARENTS`),
 * a `with` item's target that cannot be assigned (`withTargetError`), `except*:` without a
 * type, a starred expression in a slice (`A[*b:]`) or alone in parentheses (`(*b)`).
 */
function acceptedError(root: CstNode): AcceptedError | null {
  let first: AcceptedError | null = null;
  const found = (
    c: CstNode | null | undefined,
    what = ",",
    detail = "invalid syntax",
    kind: AcceptedError["kind"] = "SyntaxError",
  ) => {
    if (c?.type === what && (first === null || c.startIndex < first.at.startIndex))
      first = { at: c, detail, kind };
  };
  preorder(root, (n, parent, i, grand) => {
    switch (n.type) {
      case "named_expression":
        // At its `:=`, where CPython fails.
        if (
          parent !== null &&
          !WALRUS_PARENTS.test(parent.type) &&
          !(parent.type === "if_clause" && grand?.type === "case_clause")
        ) {
          const op = n.children.find((c) => c.type === ":=") ?? n;
          found(op, op.type);
        }
        break;
      case "with_item": {
        const bad = withTargetError(n);
        const misread = bad === null ? misreadWithItem(n) : null;
        if (bad !== null) found(bad.at, bad.at.type, bad.detail);
        else if (misread !== null)
          found(
            misread,
            misread.type,
            "a conditional expression or lambda before 'as' in a 'with' item, without parentheses, is not supported",
            "Unsupported",
          );
        break;
      }
      case "except_clause":
        // `except*:`, at the colon.
        if (n.children[1]?.type === "*" && n.children[2]?.type === ":")
          found(n.children[2], ":", "expected one or more exception types");
        break;
      case "slice": {
        // `A[*b:]` (invalid syntax at the colon after it), `A[:*b]` (at the star).
        const kids = n.children;
        const star = kids.findIndex((c) => c.type === "list_splat");
        if (star < 0) break;
        const colon = kids.findIndex((c) => c.type === ":");
        if (colon > star) found(kids[colon], ":");
        else found(kids[star], "list_splat");
        break;
      }
      case "parenthesized_expression":
      case "tuple":
      case "tuple_pattern":
      case "parenthesized_list_splat": {
        // `(*b)` (tree-sitter: a tuple without a comma), `((*b))`: CPython's parser refuses a
        // starred expression alone in parentheses; `case (*x):` is invalid syntax at the `)`.
        let only: CstNode | null = null;
        let count = 0;
        for (const c of n.children) {
          if (c.type === ",") count = 2;
          else if (c.isNamed && c.type !== "comment") {
            only = c;
            count++;
          }
        }
        if (only === null || count !== 1) break;
        if (only.type === "list_splat" || only.type === "list_splat_pattern")
          found(only, only.type, "cannot use starred expression here");
        else if (only.type === "case_pattern" && only.namedChildren[0]?.type === "splat_pattern")
          found(n.lastChild, ")");
        break;
      }
      case "argument_list":
      case "dictionary":
        found(n.children[1]);
        break;
      case "pair": {
        // `{1: *a}`, `{1: *a + b}` (tree-sitter: `(*a) + b`), at the star.
        let value = n.childForFieldName("value");
        while (value !== null && value.type !== "list_splat") {
          const left: CstNode | undefined = value.namedChildren[0];
          value = left !== undefined && left.startIndex === value.startIndex ? left : null;
        }
        found(value, "list_splat", "cannot use a starred expression in a dictionary value");
        break;
      }
      case "raise_statement":
        for (const c of n.namedChildren)
          if (c.type === "expression_list") found(c.children.find((k) => k.type === ","));
        break;
      case "with_clause":
        // `with a, :` (parenthesized items may end in a comma): CPython fails at the colon.
        if (n.lastChild?.type === ",") found(parent?.children[i + 1], ":");
        break;
      case "assert_statement":
        found(n.children.filter((c) => c.type === ",")[1]);
        break;
    }
  });
  return first;
}

interface AcceptedError {
  at: CstNode;
  detail: string;
  kind: "SyntaxError" | "Unsupported";
}

/**
 * `with a if b else c as d:` and `with lambda: x as d:` (valid): tree-sitter reads the `as` into
 * the last operand or the body, a tree ir.ts cannot translate. The expression, or null.
 */
function misreadWithItem(item: CstNode): CstNode | null {
  let value = item.childForFieldName("value");
  const inner = value?.type === "parenthesized_expression" ? value.namedChildren : [];
  if (inner.length === 1) value = inner[0]!;
  let n = value;
  while (n !== null && (n.type === "conditional_expression" || n.type === "lambda")) {
    const named = n.namedChildren;
    n = named[named.length - 1] ?? null;
  }
  return n !== value && n?.type === "as_pattern" ? value : null;
}

/**
 * CPython's error for a `with` item's target that cannot be assigned (`with a as f():`, "cannot
 * assign to function call", at the first part that cannot be), or null. tree-sitter reads
 * `with a as b if c else d:` as a conditional expression holding `a as b`, which CPython names
 * as a whole, and `with a as b as c:` as nested `as` patterns (CPython: invalid syntax at the
 * second `as`).
 */
function withTargetError(item: CstNode): { at: CstNode; detail: string } | null {
  let value = item.childForFieldName("value");
  const inner = value?.type === "parenthesized_expression" ? value.namedChildren : [];
  if (inner.length === 1) value = inner[0]!;
  if (value === null) return null;
  let as = value;
  let parent: CstNode | null = null;
  while (as.type !== "as_pattern") {
    const left = as.namedChildren[0];
    if (left === undefined || left.startIndex !== as.startIndex) return null;
    parent = as;
    as = left;
  }
  const alias = as.childForFieldName("alias");
  if (alias === null) return null;
  if (parent !== null) {
    // CPython names the whole expression, unless another `as` follows (`with a as b if c else d
    // as e:`): then its parser fails at the token after the first target.
    let others = 0;
    preorder(value, (n) => {
      if (n.type === "as_pattern") others++;
    });
    const name = exprName(value);
    if (others === 1)
      return name === undefined ? null : { at: alias, detail: `cannot assign to ${name}` };
    const after = parent.children[parent.children.indexOf(as) + 1];
    return after === undefined ? null : { at: after, detail: "invalid syntax" };
  }
  if (as.namedChildren[0]?.type === "as_pattern") {
    const second = as.children.find((c) => c.type === "as");
    return second === undefined ? null : { at: second, detail: "invalid syntax" };
  }
  const target = alias.namedChildren[0];
  const bad = target === undefined ? null : badTarget(target);
  const name = bad === null ? undefined : exprName(bad);
  return bad === null || name === undefined
    ? null
    : { at: starredCallee(bad), detail: `cannot assign to ${name}` };
}

/**
 * "unexpected indent" after a line that ends in `:` but is no compound statement's header
 * (`fro x in y:`, `async f():`, `f(x):`): CPython's parser fails on that line first, at its
 * second name (two names in a row), at its end (`x.y:`, an annotation without its type), or at
 * the colon. Null when the error is not that.
 */
function brokenHeader(source: SourceFile, indentation: CompileError | null): CompileError | null {
  if (indentation?.detail !== "unexpected indent") return null;
  let line = indentation.loc.line - 1;
  while (line > 0 && /^\s*(#.*)?$/.test(source.line(line))) line--;
  const text = source.line(line).trimEnd();
  const colon = colonMissing(source, line);
  if (colon !== null) return source.error("SyntaxError", "expected ':'", colon.line, colon.col);
  // A header cut short: `class`, `def`, `async` alone or before a word that is no `def`, `for`
  // or `with`.
  const raw = source.line(line);
  if (line >= 1 && !raw.includes("#")) {
    if (/^\s*(class|def)\s*$/.test(raw))
      return source.error("SyntaxError", "invalid syntax", line, raw.length);
    const cut = /^(\s*async\s+)([A-Za-z_]\w*)?/.exec(`${raw} `);
    if (cut !== null && !/^(def|for|with)$/.test(cut[2] ?? ""))
      return source.error(
        "SyntaxError",
        "invalid syntax",
        line,
        cut[2] === undefined ? raw.length : cut[1]!.length,
      );
  }
  if (line < 1 || /[#\\'"]/.test(text) || !text.endsWith(":")) return null;
  const indent = text.length - text.trimStart().length;
  if (afterTry(source, line))
    return source.error("SyntaxError", "expected 'except' or 'finally' block", line, indent);
  const header = text.trim();
  // A line led by a keyword (`import a def f():`) fails elsewhere.
  const keyword = /^[A-Za-z_]\w*/.exec(header)?.[0];
  if (keyword !== undefined && keyword !== "async" && KEYWORDS.has(keyword)) return null;
  const words = /^([A-Za-z_]\w*)(\s+)(?=[A-Za-z_([{0-9])/.exec(header);
  const col =
    words !== null && !/^(def|for|with)\b/.test(header.slice(words[0].length))
      ? indent + words[0].length
      : /^[A-Za-z_][\w.]*(\[[^\]]*\])?\s*:$/.test(header)
        ? text.length
        : text.length - 1;
  return source.error("SyntaxError", "invalid syntax", line, col);
}

/**
 * Where parsing failed when tree-sitter reports an error but no ERROR or MISSING node is visible:
 * the second of two statements on one line without `;`, or else the end of the innermost node
 * with an error.
 */
function hiddenError(text: string, node: SyntaxNode): Parser.Point {
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    if (c.hasError) return hiddenError(text, c);
    const next = kids[i + 1];
    if (
      next !== undefined &&
      /statement|definition/.test(next.type) &&
      c.endPosition.row === next.startPosition.row &&
      !text.slice(c.endIndex, next.startIndex).includes(";")
    )
      return next.startPosition;
  }
  return node.endPosition;
}

/**
 * Parents where CPython's grammar takes an assignment expression without parentheses (its
 * `named_expression`): a condition of `if`, `elif`, `while` or a case guard, a subject of
 * `match`, an item of a display, a positional argument, a subscript, a decorator or a
 * comprehension's element. tree-sitter takes one anywhere.
 */
const WALRUS_PARENTS =
  /^(if_statement|elif_clause|while_statement|match_statement|list|set|tuple|argument_list|subscript|parenthesized_expression|list_comprehension|set_comprehension|generator_expression|interpolation|decorator)$/;

/** Nodes that may span the end of a logical line: blocks and compound statements. */
const MULTILINE =
  /^(module|block|if_statement|for_statement|while_statement|try_statement|with_statement|match_statement|function_definition|class_definition|decorated_definition|elif_clause|else_clause|except_clause|except_group_clause|finally_clause|case_clause)$/;

/**
 * tree-sitter-python reads on past the end of a line that ends in an operator or a keyword
 * (`x = a +` then `b` on the next line is `x = a + b` to it). CPython's tokenizer ends the
 * statement there: where such a line end falls inside a simple statement, the index of CPython's
 * NEWLINE token (where its "invalid syntax" points), else null.
 */
function joinedLine(root: SyntaxNode, scan: TokenScan): number | null {
  for (const end of scan.lineEnds) {
    for (
      let n: SyntaxNode | null = root.descendantForIndex(end.newline, end.newline + 1);
      n !== null;
      n = n.parent
    ) {
      if (MULTILINE.test(n.type)) break;
      if (n.startIndex < end.newline && n.endIndex > end.newline) return end.at;
    }
  }
  return null;
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

function syntaxErrorAt(source: SourceFile, node: SyntaxNode, scan: TokenScan) {
  // A bracket still open at the end of the file: reported where it was opened when parsing
  // failed after its line, or on the file's last line (the end came first).
  const open = scan.open;
  const row = node.endPosition.row + 1;
  const last = source.text.trimEnd().split("\n").length;
  if (open !== null && (row > open.line || row >= last)) {
    return source.error("SyntaxError", `'${open.char}' was never closed`, open.line, open.col);
  }
  // A character that is no token, where or before parsing failed (see the end).
  const { row: r, column } = node.isMissing
    ? node.startPosition
    : (node.nextSibling?.startPosition ?? node.endPosition);
  const stray = scan.stray;
  if (stray !== null && (stray.line < r + 1 || (stray.line === r + 1 && stray.col <= column)))
    return source.error("SyntaxError", "invalid syntax", stray.line, stray.col);
  const hint = statementHint(source, node);
  if (hint !== null) return source.error("SyntaxError", hint.detail, hint.line, hint.col);
  const colon = missingColon(source, node);
  if (colon !== null) return source.error("SyntaxError", "expected ':'", colon.line, colon.col);
  const star = loneStar(node);
  if (star !== null) {
    // CPython's error is at the token after the `*` (the last it read).
    let at = star.endIndex;
    while (source.text[at] === " " || source.text[at] === "\t") at++;
    const lineStart = source.text.lastIndexOf("\n", at - 1) + 1;
    return source.error(
      "SyntaxError",
      "Invalid star expression",
      newlinesIn(source.text, 0, at) + 1,
      [...source.text.slice(lineStart, at)].length,
    );
  }
  const key = keyWithoutValue(node);
  if (key !== null) {
    // `{1: 2, *a}`: invalid syntax at the star.
    if (key.type === "list_splat")
      return source.error(
        "SyntaxError",
        "invalid syntax",
        key.startPosition.row + 1,
        key.startPosition.column,
      );
    return source.error(
      "SyntaxError",
      "':' expected after dictionary key",
      key.endPosition.row + 1,
      key.endPosition.column - 1,
    );
  }
  const known =
    misplacedToken(source.text, node) ??
    assignmentError(source.text, node) ??
    forgottenComma(source.text, node) ??
    forTargetError(node);
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
  // A clause with no statement to belong to (`else:` first), a keyword where `class` or `def`
  // wants a name: the token where CPython's parsing failed is inside the ERROR node.
  const [first, second] = node.children;
  if (
    node.type === "ERROR" &&
    first !== undefined &&
    /^(else|elif|except|finally)$/.test(first.type) &&
    source
      .line(first.startPosition.row + 1)
      .slice(0, first.startPosition.column)
      .trim() === ""
  )
    return source.error(
      "SyntaxError",
      "invalid syntax",
      first.startPosition.row + 1,
      first.startPosition.column,
    );
  if (
    node.type === "ERROR" &&
    (first?.type === "class" || first?.type === "def") &&
    second !== undefined &&
    second.type !== "identifier"
  )
    return source.error(
      "SyntaxError",
      "invalid syntax",
      second.startPosition.row + 1,
      second.startPosition.column,
    );
  // CPython's caret sits on the token where parsing failed: the one after the ERROR node.
  return source.error("SyntaxError", "invalid syntax", r + 1, column);
}

/**
 * CPython's messages for a few malformed simple statements and headers, recognized on the line
 * where parsing failed: `import a from b`, `import` without names, `def f:` without its
 * parameters, a parameter or keyword argument with `=` but no value.
 */
function statementHint(
  source: SourceFile,
  node: SyntaxNode,
): { detail: string; line: number; col: number } | null {
  const line = node.startPosition.row + 1;
  const text = source.line(line);
  if (/[#\\'"]/.test(text)) return null;
  const indent = text.length - text.trimStart().length;
  if (/^\s*import\s+[\w.]+(\s*,\s*[\w.]+)*\s+from\s+[\w.]+(\s+as\s+\w+)?\s*$/.test(text))
    return { detail: "Did you mean to use 'from ... import ...' instead?", line, col: indent };
  if (/^\s*(from\s+[\w.]+\s+)?import\s*$/.test(text))
    return {
      detail: "Expected one or more names after 'import'",
      line,
      col: text.replace(/\r$/, "").length,
    };
  // `def f:`, `def f x():`: CPython's parser wants the `(` after the name.
  const def = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)?/.exec(text);
  if (def !== null && !KEYWORDS.has(def[1]!) && !/^[([]/.test(text.slice(def[0].length)))
    return { detail: "expected '('", line, col: def[0].length };
  if (afterTry(source, line))
    return { detail: "expected 'except' or 'finally' block", line, col: indent };
  // `def f(a, d=, c)`: at the `=`; `f(a, b=)`: at the keyword.
  const param = node.parent?.type === "parameters" || node.parent?.type === "lambda_parameters";
  const empty = /(\w+)\s*(?::[^=,()]*)?(=)\s*[,):]/g;
  for (let m = empty.exec(text); m !== null; m = empty.exec(text)) {
    const eq = m.index + m[0].lastIndexOf("=");
    if (text[eq - 1] === "=" || /[<>!:]/.test(text[eq - 1] ?? "")) continue;
    if (param || /^\s*lambda\b/.test(text.slice(0, m.index).split(/[(,]/).at(-1) ?? ""))
      return { detail: "expected default value expression", line, col: eq };
    if (node.parent?.type === "argument_list")
      return { detail: "expected argument value expression", line, col: m.index };
  }
  return null;
}

/** Whether the line follows a `try:` block at the `try`'s indentation and is no handler. */
function afterTry(source: SourceFile, line: number): boolean {
  const text = source.line(line);
  if (/^\s*(except|finally)\b/.test(text) || text.trim() === "") return false;
  const indent = text.length - text.trimStart().length;
  for (let l = line - 1; l >= 1; l--) {
    const above = source.line(l);
    if (/^\s*(#.*)?$/.test(above)) continue;
    const width = above.length - above.trimStart().length;
    if (width > indent) continue;
    return width === indent && /^\s*try\s*:\s*(#.*)?$/.test(above) && l < line - 1;
  }
  return false;
}

/** Python's keywords (never a name). */
const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

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
  match: ["", ":\n case _:\n  pass\n"],
  case: ["match x:\n ", ":\n  pass\n"],
};

/**
 * A compound statement's header without its colon (`if x`, `def f()`), the commonest syntax
 * error: CPython says "expected ':'" after the header's last token. Only one physical line
 * whose header is otherwise valid (it parses once the colon is added); null otherwise.
 */
function missingColon(source: SourceFile, node: SyntaxNode): { line: number; col: number } | null {
  const lines = source.text.split("\n");
  const row = node.startPosition.row;
  // An ERROR node that starts its line (`try` then an indented `pass`): the header may be above.
  const startsLine = lines[row]!.slice(0, node.startPosition.column).trim() === "";
  return (
    colonMissing(source, row + 1) ?? (row > 0 && startsLine ? colonMissing(source, row) : null)
  );
}

/** Whether the line is a compound statement's header valid but for its missing colon. */
function colonMissing(source: SourceFile, line: number): { line: number; col: number } | null {
  const text = source.line(line);
  // A comment could hide the colon the probe adds; a backslash continues the line.
  if (line < 1 || /[#\\]/.test(text)) return null;
  const header = text.trim();
  const m = /^(?:async\s+)?([a-z]+)\b/.exec(header);
  const context = m === null ? undefined : HEADER_CONTEXT[m[1]!];
  if (context === undefined || header.endsWith(":")) return null;
  const probe = getParser().parse(`${context[0]}${header}${context[1]}`);
  return probe.rootNode.hasError ? null : { line, col: text.trimEnd().length };
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
  yield: "yield expression",
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
    if (before?.isNamed && (parent === "if_statement" || parent === "while_statement")) {
      const name = before.type === "identifier" ? undefined : exprName(before);
      const detail =
        name === undefined
          ? "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"
          : `cannot assign to ${name} here. Maybe you meant '==' instead of '='?`;
      return { detail, at: before };
    }
  }
  // `True = True = 3`: targets and `=` in turn, the first that cannot be assigned (no hint).
  if (
    named.length > 1 &&
    kids.length === 2 * named.length &&
    kids.every((k, i) => (k.type === "=") === (i % 2 === 1))
  ) {
    return cannotAssign(named);
  }
  if (named.length !== 1 || (kids.length > 1 && kids[1]!.type !== "=")) return null;
  // The `=` is inside the node, or the node is followed by one (the statement after it).
  const next = kids.length > 1 ? kids[1]! : node.nextSibling;
  if (next === null || (next.type !== "=" && next.type !== "expression_statement")) return null;
  if (next.type === "expression_statement" && between(text, node, next) !== "=") return null;
  const target = named[0]!;
  const plain = PLAIN_TARGET_NAMES[target.type];
  if (plain !== undefined) return { detail: `cannot assign to ${plain}`, at: target };
  // `(a, "b") = c`, `[a, *f()] = c`: the first part that cannot be assigned, without the hint.
  if (target.type === "tuple" || target.type === "list") {
    const bad = badTarget(target);
    const part = bad === null ? undefined : exprName(bad);
    return bad === null || part === undefined
      ? null
      : { detail: `cannot assign to ${part}`, at: starredCallee(bad) };
  }
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
  // After an earlier `=` (`x = f() = 1`) or before a later one (`f() = x = 1`) CPython names
  // it without the hint.
  const rest = next.type === "=" ? node.nextSibling : next;
  const chained =
    node.parent?.type === "assignment" ||
    (rest?.type === "expression_statement" && rest.firstChild?.type === "assignment");
  return {
    detail: chained
      ? `cannot assign to ${name}`
      : `cannot assign to ${name} here. Maybe you meant '==' instead of '='?`,
    at: inner,
  };
}

/** What the name checks read of a node: tree-sitter's or its copy (cst.ts). */
interface NodeLike<T> {
  type: string;
  text: string;
  namedChildren: T[];
}

/** A string literal or a concatenation with an f-string in it (CPython: a `JoinedStr`). */
function isFString(n: NodeLike<unknown>): boolean {
  return /^[a-zA-Z]*[fF]/.test(n.text) && n.type === "string";
}

/** What CPython's `_PyPegen_get_expr_name` calls an expression (for its messages). */
function exprName<T extends NodeLike<T>>(n: T): string | undefined {
  if (n.type === "string" || n.type === "concatenated_string")
    return isFString(n) || n.namedChildren.some(isFString) ? "f-string expression" : "literal";
  if (n.type === "attribute") return "attribute";
  if (n.type === "subscript") return "subscript";
  if (n.type === "yield") return "yield expression";
  if (n.type === "tuple") return "tuple";
  if (n.type === "list") return "list";
  if (n.type === "named_expression") return "named expression";
  return PLAIN_TARGET_NAMES[n.type] ?? EXPRESSION_NAMES[n.type];
}

/**
 * Errors CPython's parser names where tree-sitter leaves a token in an ERROR node: an augmented
 * assignment to what cannot be assigned (`f() += 1`: a binary operation with an ERROR holding
 * the `=`), an assignment to `yield`, an assignment expression whose target is not a name
 * (`(a.b := 1)`), a default for `*args` or `**kwargs`, `**x` in a dict comprehension.
 */
function misplacedToken(text: string, node: SyntaxNode): { detail: string; at: SyntaxNode } | null {
  const parent = node.parent;
  if (node.type !== "ERROR" || parent === null) return null;
  const before = node.previousSibling;
  const after = node.nextSibling;
  if (
    parent.type === "binary_operator" &&
    node.text === "=" &&
    before !== null &&
    !before.isNamed
  ) {
    // In a lambda's body, the lambda is the target (`lambda: 1 += 1`).
    const left =
      parent.parent?.type === "lambda" ? parent.parent : parent.childForFieldName("left");
    const name = left === null ? undefined : exprName(left);
    if (left !== null && name !== undefined)
      return { detail: `'${name}' is an illegal expression for augmented assignment`, at: left };
  }
  if (parent.type === "yield" && node.text === "=" && before?.type === "yield")
    return { detail: "assignment to yield expression not possible", at: parent };
  const named = node.namedChildren;
  if (named.length === 1 && after !== null && /:\s*=$/.test(node.text)) {
    const name = exprName(named[0]!);
    if (name !== undefined)
      return { detail: `cannot use assignment expressions with ${name}`, at: named[0]! };
  }
  if (parent.type === "parameters" && node.text.startsWith("=")) {
    if (before?.type === "list_splat_pattern")
      return { detail: "var-positional argument cannot have default value", at: node };
    if (before?.type === "dictionary_splat_pattern")
      return { detail: "var-keyword argument cannot have default value", at: node };
  }
  // `[a.b c]`, `f(a=1 b=2)`: a forgotten comma (see forgottenComma).
  const bracketed = ["list", "tuple", "set", "argument_list", "parenthesized_expression"];
  if (bracketed.includes(parent.type)) {
    const only = node.children.length === 1 ? node.children[0]! : null;
    if (only?.isNamed && after?.isNamed && between(text, node, after) === "")
      return { detail: "invalid syntax. Perhaps you forgot a comma?", at: only };
    const value = before?.type === "keyword_argument" ? before.childForFieldName("value") : null;
    if (value !== null && node.children[1]?.type === "=" && node.children[0]?.type === "identifier")
      return { detail: "invalid syntax. Perhaps you forgot a comma?", at: value };
  }
  // `3 + not 3`, `- not 3`: CPython wants the `not` in parentheses.
  const notAfterOperator = "'not' after an operator must be parenthesized";
  if (node.text === "not" && before !== null && !before.isNamed)
    return { detail: notAfterOperator, at: node };
  if (/^[-+~]$/.test(node.text) && after?.firstChild?.type === "not_operator")
    return { detail: notAfterOperator, at: after };
  // `[x, y=1]`, `f(a.b=1)`: an `=` after an expression in brackets.
  if (node.children[0]?.type === "=" && before?.isNamed && between(text, before, node) === "") {
    const inner =
      before.type === "parenthesized_expression" ? (before.namedChildren[0] ?? before) : before;
    if (parent.type === "argument_list" && before.type !== "keyword_argument") {
      const unpacking =
        before.type === "list_splat"
          ? "iterable argument unpacking"
          : before.type === "dictionary_splat"
            ? "keyword argument unpacking"
            : PLAIN_TARGET_NAMES[before.type];
      if (
        unpacking !== undefined &&
        !/^(comparison_operator|lambda|boolean_operator|not_operator|conditional_expression)$/.test(
          before.type,
        )
      )
        return { detail: `cannot assign to ${unpacking}`, at: before };
      return { detail: 'expression cannot contain assignment, perhaps you meant "=="?', at: inner };
    }
    if (parent.type === "list" || parent.type === "tuple" || parent.type === "set") {
      const name = before.type === "identifier" ? undefined : exprName(before);
      const detail =
        name === undefined
          ? "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"
          : `cannot assign to ${name} here. Maybe you meant '==' instead of '='?`;
      return { detail, at: before };
    }
  }
  // `f(x for x in y, z=1)`, `f(a, x for x in y)`: a generator expression that is not the only
  // argument.
  const generator = "Generator expression must be parenthesized";
  if (parent.type === "generator_expression" && parent.parent?.type === "call") {
    const body = parent.childForFieldName("body");
    if (body !== null && parent.text.includes(",")) return { detail: generator, at: body };
  }
  if (
    parent.type === "argument_list" &&
    parent.parent?.type === "call" &&
    /^\S+\s+for$/.test(node.text) &&
    after?.type === "comparison_operator"
  )
    return { detail: generator, at: node };
  // `{1:}`, `{1: *a}`: a dict display's value missing or starred (see also `acceptedError`).
  if (parent.type === "set" || parent.type === "dictionary") {
    const colon = node.children.find((c) => c.type === ":");
    const next = colon?.nextSibling;
    if (colon !== undefined && (next === null || next === undefined) && after?.type === "}")
      return { detail: "expression expected after dictionary key and ':'", at: colon };
    // `{1: **a}` is plain invalid syntax, at the `**`.
    if (colon !== undefined && next?.type === "*")
      return text.startsWith("**", next.startIndex)
        ? { detail: "invalid syntax", at: next }
        : { detail: "cannot use a starred expression in a dictionary value", at: next };
  }
  if (parent.type === "dictionary_splat" && /(^|\s)for$/.test(node.text))
    return { detail: "dict unpacking cannot be used in dict comprehension", at: parent };
  return null;
}

/**
 * Where CPython points for a call `badTarget` found: tree-sitter reads `*f()` as a call of
 * `*f`, CPython as a starred call, pointing after the star.
 */
function starredCallee<T extends NodeLike<T>>(bad: T): T {
  const callee = bad.type === "call" ? bad.namedChildren[0] : undefined;
  return callee?.type === "list_splat" ? (callee.namedChildren[0] ?? bad) : bad;
}

/**
 * `f(*)`, `[*, 1]`, `A[*]`: a `*` with no expression after it (tree-sitter: an ERROR node holding
 * only the `*`, or an ERROR or MISSING node right after a starred expression's `*`). The `*`, or
 * null.
 */
function loneStar(node: SyntaxNode): SyntaxNode | null {
  if (node.type === "ERROR" && node.childCount === 1 && node.firstChild!.type === "*")
    return node.firstChild;
  const before = node.previousSibling;
  if (node.parent?.type === "list_splat" && before?.type === "*" && !before.isNamed)
    return node.isMissing || node.type === "ERROR" ? before : null;
  return null;
}

/**
 * `{1: 2, 3}`: an expression after a comma in a dict display, without its value (tree-sitter:
 * an ERROR node holding it). CPython points at its last character.
 */
function keyWithoutValue(node: SyntaxNode): SyntaxNode | null {
  if (node.type !== "ERROR" || node.parent?.type !== "dictionary") return null;
  const kids = node.children;
  const only = kids.length === 1 || (kids.length === 2 && kids[1]!.type === ",") ? kids[0]! : null;
  if (only === null || !only.isNamed) return null;
  return node.previousSibling?.type === "," ? only : null;
}

/** CPython's "cannot assign to ..." for the first of `targets` that cannot be assigned. */
function cannotAssign(targets: readonly SyntaxNode[]): { detail: string; at: SyntaxNode } | null {
  for (const t of targets) {
    const bad = badTarget(t);
    const name = bad === null ? undefined : exprName(bad);
    if (bad !== null && name !== undefined)
      return { detail: `cannot assign to ${name}`, at: starredCallee(bad) };
  }
  return null;
}

/** The first part of an assignment target that cannot be assigned, or null. */
function badTarget<T extends NodeLike<T>>(t: T): T | null {
  switch (t.type) {
    case "identifier":
    case "attribute":
    case "subscript":
    case "comment":
      return null;
    case "tuple":
    case "list":
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "expression_list":
    case "parenthesized_expression":
    case "list_splat":
    case "list_splat_pattern":
      for (const c of t.namedChildren) {
        const bad = badTarget(c);
        if (bad !== null) return bad;
      }
      return null;
    default:
      return t;
  }
}

/**
 * `for f() in x:`, `[y for a, b + 1 in x]`: a loop's target that cannot be assigned
 * (tree-sitter: an ERROR node holding `for`, the target and `in`, or the bad part of the target).
 */
function forTargetError(node: SyntaxNode): { detail: string; at: SyntaxNode } | null {
  if (node.type !== "ERROR") return null;
  const kids = node.children;
  const start = kids.findIndex((k) => k.type === "for");
  let targets: SyntaxNode[] = [];
  if (start >= 0) {
    const end = kids.findIndex((k, i) => i > start && k.type === "in");
    if (end < 0) return null;
    targets = kids.slice(start + 1, end).filter((k) => k.isNamed);
  } else if (node.parent?.type === "for_statement" && node.nextSibling?.type === "in")
    targets = node.namedChildren;
  return cannotAssign(targets);
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
  const kids = node.children;
  const before = node.previousSibling;
  if (node.type !== "ERROR" || kids.length === 0 || !kids[0]!.isNamed) return null;
  if (before === null || !before.isNamed || between(text, before, node) !== "") return null;
  // The second expression starts in the ERROR node: a name, a literal or a bracket, not a word
  // of a statement.
  const first = kids[0]!;
  if (
    !/^(identifier|string|integer|float|none|true|false|call|attribute|list|tuple|dictionary|set|parenthesized_expression|subscript)$/.test(
      first.type,
    )
  )
    return null;
  if (KEYWORDS.has(first.text) || /^(print|exec|match|case|type)$/.test(first.text)) return null;
  // CPython's rule skips a first expression that starts with a name followed by a string, or
  // with a name its check takes for a soft keyword (any prefix of `case`, `match`, `type`, `_`):
  // its plain "invalid syntax" then points at the second expression.
  const leading = /^[A-Za-z_]\w*/.exec(text.slice(before.startIndex))?.[0];
  if (
    (before.type === "identifier" && first.type === "string") ||
    (leading !== undefined && ["case", "match", "type", "_"].some((k) => k.startsWith(leading)))
  ) {
    for (let p = node.parent; p !== null; p = p.parent)
      if (/^(list|tuple|set|dictionary|argument_list|parenthesized_expression)$/.test(p.type))
        return { detail: "invalid syntax", at: first };
    return null;
  }
  // CPython gives the hint only in brackets (where a new line cannot end the statement).
  for (let p = node.parent; p !== null; p = p.parent) {
    const open = p.children.find((c) => c.type === "(" || c.type === "[" || c.type === "{");
    if (
      /^(list|tuple|set|dictionary|argument_list|parenthesized_expression|subscript)$/.test(
        p.type,
      ) &&
      open !== undefined &&
      open.endIndex <= before.startIndex
    )
      return { detail: "invalid syntax. Perhaps you forgot a comma?", at: before };
    if (/statement|^block$|^module$|^lambda$|comprehension|generator_expression/.test(p.type))
      return null;
  }
  return null;
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
