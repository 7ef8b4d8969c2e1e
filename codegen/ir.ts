/**
 * Stage 2: the IR, an AST of the Python subset we support, built from the tree-sitter CST.
 *
 * The builder walks the CST by field name (`childForFieldName`), never by child position where a
 * field exists. It walks a plain-JS copy of the tree (cst.ts), read from tree-sitter once. Each IR node carries the position of the CST node it came from, so later stages
 * can report errors and map generated lines back to Python lines. Anything the builder does not
 * understand is refused here with an `Unsupported` error naming the construct.
 *
 * The shapes follow Python's own `ast` module (`Assign`, `AugAssign`, `Compare`, `BoolOp`, ...),
 * so anyone who knows `ast` can read them.
 */

import type { CstNode as SyntaxNode } from "./cst";
import type { SourceFile } from "./diagnostics";
import { manglePrivateNames } from "./private_names";

/** Properties of every JS object, which an attribute of that name would shadow or miss. */
const JS_OBJECT_PROPS = new Set(["constructor", "prototype", "__proto__"]);

import { checkSymtable } from "./symtable";
import { lookupUnicodeName } from "./unicode_names";

export interface Pos {
  line: number;
  col: number;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | { k: "Name"; pos: Pos; id: string }
  | { k: "Int"; pos: Pos; value: bigint }
  | { k: "Float"; pos: Pos; value: number }
  | { k: "Str"; pos: Pos; value: string }
  | { k: "Bytes"; pos: Pos; value: number[] }
  | { k: "FString"; pos: Pos; parts: FPart[] }
  | { k: "Const"; pos: Pos; value: "True" | "False" | "None" | "Ellipsis" }
  | { k: "List"; pos: Pos; elts: Expr[] }
  | { k: "Tuple"; pos: Pos; elts: Expr[] }
  | { k: "Set"; pos: Pos; elts: Expr[] }
  | { k: "Dict"; pos: Pos; items: DictItem[] }
  | { k: "Starred"; pos: Pos; value: Expr }
  | { k: "Attribute"; pos: Pos; value: Expr; attr: string }
  | { k: "Subscript"; pos: Pos; value: Expr; index: Expr }
  | { k: "Slice"; pos: Pos; lower: Expr | null; upper: Expr | null; step: Expr | null }
  | { k: "Call"; pos: Pos; func: Expr; args: Arg[] }
  | { k: "BinOp"; pos: Pos; op: BinOpName; left: Expr; right: Expr }
  | { k: "UnaryOp"; pos: Pos; op: "-" | "+" | "~" | "not"; operand: Expr }
  | { k: "BoolOp"; pos: Pos; op: "and" | "or"; left: Expr; right: Expr }
  | { k: "Compare"; pos: Pos; left: Expr; ops: CmpOp[]; comparators: Expr[] }
  | { k: "IfExp"; pos: Pos; test: Expr; body: Expr; orelse: Expr }
  | { k: "Lambda"; pos: Pos; fn: FunctionDef }
  | {
      k: "Comp";
      pos: Pos;
      kind: "list" | "set" | "dict" | "gen";
      elt: Expr;
      value: Expr | null;
      generators: Comprehension[];
      scope: ScopeRef;
    }
  | { k: "Await"; pos: Pos; value: Expr }
  | { k: "Yield"; pos: Pos; value: Expr | null }
  | { k: "YieldFrom"; pos: Pos; value: Expr }
  | { k: "NamedExpr"; pos: Pos; target: string; value: Expr };

export type BinOpName =
  | "+"
  | "-"
  | "*"
  | "/"
  | "//"
  | "%"
  | "**"
  | "@"
  | "<<"
  | ">>"
  | "&"
  | "|"
  | "^";
export type CmpOp = "<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "not in" | "is" | "is not";

export type FPart = string | { expr: Expr; conv: "r" | "s" | "a" | null; spec: FPart[] | null };

export interface DictItem {
  /** `null` for a `**mapping` entry. */
  key: Expr | null;
  value: Expr;
}

export interface Arg {
  kind: "pos" | "star" | "kw" | "dstar";
  name?: string;
  value: Expr;
}

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
  isAsync: boolean;
}

/** Filled in by analysis: the scope a function, lambda, class or comprehension opens. */
export interface ScopeRef {
  id: number;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Stmt =
  | { k: "Expr"; pos: Pos; value: Expr }
  | { k: "Assign"; pos: Pos; targets: Expr[]; value: Expr }
  | { k: "AnnAssign"; pos: Pos; target: Expr; annotation: Expr; value: Expr | null }
  | { k: "AugAssign"; pos: Pos; target: Expr; op: BinOpName; value: Expr }
  | { k: "Return"; pos: Pos; value: Expr | null }
  | { k: "Pass"; pos: Pos }
  | { k: "Break"; pos: Pos }
  | { k: "Continue"; pos: Pos }
  | { k: "Global"; pos: Pos; names: string[] }
  | { k: "Nonlocal"; pos: Pos; names: string[] }
  | { k: "Delete"; pos: Pos; targets: Expr[] }
  | { k: "Assert"; pos: Pos; test: Expr; msg: Expr | null }
  | { k: "Raise"; pos: Pos; exc: Expr | null; cause: Expr | null }
  | { k: "If"; pos: Pos; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "While"; pos: Pos; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "For"; pos: Pos; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; isAsync: boolean }
  | {
      k: "Try";
      pos: Pos;
      body: Stmt[];
      handlers: Handler[];
      orelse: Stmt[];
      finalbody: Stmt[];
      star: boolean;
    }
  | { k: "With"; pos: Pos; items: WithItem[]; body: Stmt[]; isAsync: boolean }
  | FunctionDefStmt
  | ClassDef
  | { k: "Import"; pos: Pos; names: Alias[] }
  | { k: "ImportFrom"; pos: Pos; module: string; level: number; names: Alias[] }
  | { k: "Comment"; pos: Pos; text: string }
  | { k: "Match"; pos: Pos; subject: Expr; cases: MatchCase[] };

export interface MatchCase {
  pos: Pos;
  pattern: Pattern;
  guard: Expr | null;
  body: Stmt[];
}

/** `match` patterns (PEP 634). */
export type Pattern =
  | { p: "value"; pos: Pos; value: Expr }
  | { p: "capture"; pos: Pos; name: string }
  | { p: "wildcard"; pos: Pos }
  | { p: "or"; pos: Pos; alts: Pattern[] }
  | { p: "as"; pos: Pos; pattern: Pattern; name: string }
  | { p: "sequence"; pos: Pos; items: Pattern[]; star: number; starName: string | null }
  | { p: "mapping"; pos: Pos; keys: Expr[]; values: Pattern[]; rest: string | null }
  | {
      p: "class";
      pos: Pos;
      cls: Expr;
      args: Pattern[];
      kwargs: { name: string; pattern: Pattern }[];
    };

export interface FunctionDefStmt {
  k: "FunctionDef";
  pos: Pos;
  fn: FunctionDef;
}

export interface FunctionDef {
  /** The name the function is bound to (mangled in a class: private_names.ts). */
  name: string;
  /**
   * The name as written when `name` is mangled (`__helper` of `_C__helper` in class `C`,
   * private_names.ts): its `__name__` and the last part of its `__qualname__`.
   */
  pyName?: string;
  pos: Pos;
  params: Param[];
  body: Stmt[];
  /** A lambda's body is one expression, held as a `Return` statement. */
  isLambda: boolean;
  isAsync: boolean;
  decorators: Expr[];
  returns: Expr | null;
  docstring: string | null;
  scope: ScopeRef;
}

export interface Param {
  name: string;
  pos: Pos;
  kind: "posonly" | "normal" | "vararg" | "kwonly" | "kwarg";
  default: Expr | null;
  annotation: Expr | null;
}

export interface ClassDef {
  k: "ClassDef";
  pos: Pos;
  /** The name the class is bound to (mangled in a class: private_names.ts). */
  name: string;
  /**
   * The name as written when `name` is mangled (`__helper` of `_C__helper` in class `C`,
   * private_names.ts): its `__name__` and the last part of its `__qualname__`.
   */
  pyName?: string;
  bases: Arg[];
  body: Stmt[];
  decorators: Expr[];
  docstring: string | null;
  scope: ScopeRef;
}

export interface Handler {
  pos: Pos;
  type: Expr | null;
  name: string | null;
  body: Stmt[];
}

export interface WithItem {
  ctx: Expr;
  vars: Expr | null;
}

export interface Alias {
  name: string;
  asname: string | null;
  pos: Pos;
}

export interface Module {
  body: Stmt[];
  docstring: string | null;
  scope: ScopeRef;
  /**
   * The SyntaxWarnings of CPython's tokenizer (invalid escape sequences), in source order; they
   * print before the compiler's (lower/index.ts).
   */
  warnings: { line: number; message: string }[];
}

// ---------------------------------------------------------------------------------------------
// The builder

let nextScopeId = 0;
function newScope(): ScopeRef {
  return { id: nextScopeId++ };
}

/** The statement lists nested in a statement (`if`/`for`/`while` bodies and `else`, `try`'s parts, `with`, `match` cases). */
export function childBlocks(s: Stmt): Stmt[][] {
  switch (s.k) {
    case "If":
    case "While":
    case "For":
      return [s.body, s.orelse];
    case "Try":
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    case "With":
      return [s.body];
    case "Match":
      return s.cases.map((c) => c.body);
    default:
      return [];
  }
}

/**
 * The last line a statement of `body` starts on, nested blocks included (at least `first`):
 * where an exception of a `with` or `try` body can be raised in its frame.
 */
export function lastStatementLine(body: readonly Stmt[], first: number): number {
  let last = first;
  for (const s of body) {
    last = Math.max(last, s.pos.line);
    if (s.k === "FunctionDef" || s.k === "ClassDef") continue;
    for (const block of childBlocks(s)) last = lastStatementLine(block, last);
  }
  return last;
}

/**
 * `starNames(module)`: the names `from module import *` binds, for a module of the program
 * (codegen/index.ts); null for any other module, whose `import *` is refused.
 */
export function buildModule(
  cst: SyntaxNode,
  source: SourceFile,
  starNames?: (module: string) => readonly string[] | null,
): Module {
  const b = new Builder(source, starNames);
  const body = b.block(cst);
  checkLoopExits(body, false, source);
  // The symbol-table errors name what the `global`/`nonlocal` statement wrote (CPython's do).
  checkSymtable(body, source);
  manglePrivateNames(body, source);
  const docstring = takeDocstring(body);
  if (b.usesTypeParams) {
    // The helpers of type parameter lists, after the future imports (see `typeParams`).
    let at = 0;
    while (at < body.length) {
      const s = body[at]!;
      if (s.k !== "Comment" && !(s.k === "ImportFrom" && s.module === "__future__")) break;
      at++;
    }
    const pos = { line: 1, col: 0 };
    body.splice(at, 0, {
      k: "ImportFrom",
      pos,
      module: "typing",
      level: 0,
      names: PEP695_HELPERS.map(([name, asname]) => ({ name, asname, pos })),
    });
  }
  return { body, docstring, scope: newScope(), warnings: b.warnings };
}

/**
 * A number literal CPython's tokenizer refuses: leading zeros in a decimal integer, an
 * underscore not between digits. `index`: where in the literal CPython's caret goes.
 */
function badNumber(text: string): { detail: string; index: number } | null {
  const prefix = /^0([xXoObB])/.exec(text);
  if (prefix === null && /^0[0-9_]*[1-9][0-9_]*$/.test(text))
    return {
      detail:
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      index: 0,
    };
  const kind =
    prefix === null
      ? "decimal"
      : { x: "hexadecimal", o: "octal", b: "binary" }[prefix[1]!.toLowerCase() as "x" | "o" | "b"];
  const digit = prefix === null ? /[0-9]/ : /[0-9a-fA-F]/;
  // `0x_ff` is allowed: an underscore may follow the prefix.
  const start = prefix === null ? 0 : 2;
  for (let i = start; i < text.length; i++) {
    if (text[i] !== "_") continue;
    if (!digit.test(text[i + 1] ?? "") || (i > start && !digit.test(text[i - 1]!)))
      return { detail: `invalid ${kind} literal`, index: i };
  }
  return null;
}

/**
 * Walk a pattern: `name` for each name it binds (captures, `as` names, `*rest`, `**rest`), `expr`
 * for each expression it evaluates (values, mapping keys, classes). Of an or-pattern, only the
 * first alternative's names (all alternatives bind the same ones).
 */
export function walkPattern(
  p: Pattern,
  name: (n: string) => void,
  expr: (e: Expr) => void = () => {},
): void {
  const walk = (x: Pattern): void => {
    switch (x.p) {
      case "capture":
        name(x.name);
        return;
      case "value":
        expr(x.value);
        return;
      case "as":
        walk(x.pattern);
        name(x.name);
        return;
      case "or":
        walk(x.alts[0]!);
        for (const a of x.alts.slice(1)) walkPattern(a, () => {}, expr);
        return;
      case "sequence":
        x.items.forEach(walk);
        if (x.starName !== null) name(x.starName);
        return;
      case "mapping":
        x.keys.forEach(expr);
        x.values.forEach(walk);
        if (x.rest !== null) name(x.rest);
        return;
      case "class":
        expr(x.cls);
        x.args.forEach(walk);
        for (const k of x.kwargs) walk(k.pattern);
        return;
    }
  };
  walk(p);
}

/**
 * The compiler's checks of a case's pattern (CPython's `compiler_pattern`): a capture or wildcard
 * that matches anything where later patterns would be unreachable (`allowIrrefutable` is false
 * unless the case is the last or guarded; of an or-pattern only the last alternative may be
 * irrefutable; inside a sequence, mapping or class any may), and a name bound twice.
 */
function checkPattern(
  p: Pattern,
  allowIrrefutable: boolean,
  stores: string[],
  source: SourceFile,
): void {
  const fail = (detail: string, pos: Pos): never => {
    throw source.error("SyntaxError", detail, pos.line, pos.col);
  };
  const store = (name: string, pos: Pos) => {
    if (name === "__debug__") fail("cannot assign to __debug__", pos);
    if (stores.includes(name)) fail(`multiple assignments to name '${name}' in pattern`, pos);
    stores.push(name);
  };
  const sub = (q: Pattern) => checkPattern(q, true, stores, source);
  switch (p.p) {
    case "capture":
    case "wildcard":
      if (!allowIrrefutable)
        fail(
          p.p === "capture"
            ? `name capture '${p.name}' makes remaining patterns unreachable`
            : "wildcard makes remaining patterns unreachable",
          p.pos,
        );
      if (p.p === "capture") store(p.name, p.pos);
      return;
    case "as":
      checkPattern(p.pattern, allowIrrefutable, stores, source);
      store(p.name, p.pos);
      return;
    case "or": {
      // Each alternative binds its own names (checked alike elsewhere); they join the stores.
      let bound: string[] = [];
      p.alts.forEach((alt, i) => {
        const own = [...stores];
        checkPattern(alt, allowIrrefutable && i === p.alts.length - 1, own, source);
        const names = [...own].sort().join(",");
        if (i > 0 && names !== [...bound].sort().join(","))
          fail("alternative patterns bind different names", p.pos);
        bound = own;
      });
      stores.splice(0, stores.length, ...bound);
      return;
    }
    case "sequence":
      p.items.forEach((item, i) => {
        if (i === p.star) {
          if (p.starName !== null) store(p.starName, item.pos);
        } else sub(item);
      });
      return;
    case "mapping":
      p.values.forEach(sub);
      if (p.rest !== null) store(p.rest, p.pos);
      return;
    case "class":
      p.args.forEach(sub);
      for (const k of p.kwargs) sub(k.pattern);
      return;
    case "value":
      return;
  }
}

/**
 * CPython's compiler errors for `break` and `continue` outside a loop's body (a loop's `else`
 * is outside it; the body of a `def` or `class` inside a loop starts afresh).
 */
function checkLoopExits(
  body: readonly Stmt[],
  inLoop: boolean,
  source: SourceFile,
  inStarHandler = false,
): void {
  for (const s of body) {
    // A jump out of an `except*` block is refused first (lower/exceptions.ts checks `return`).
    if ((s.k === "Break" || s.k === "Continue") && inStarHandler)
      throw source.error(
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        s.pos.line,
        s.pos.col,
      );
    if ((s.k === "Break" || s.k === "Continue") && !inLoop) {
      const detail = s.k === "Break" ? "'break' outside loop" : "'continue' not properly in loop";
      throw source.error("SyntaxError", detail, s.pos.line, s.pos.col);
    }
    if (s.k === "FunctionDef") checkLoopExits(s.fn.body, false, source);
    else if (s.k === "ClassDef") checkLoopExits(s.body, false, source);
    else if (s.k === "For" || s.k === "While") {
      checkLoopExits(s.body, true, source);
      checkLoopExits(s.orelse, inLoop, source, inStarHandler);
    } else if (s.k === "Try" && s.star) {
      for (const block of [s.body, s.orelse, s.finalbody])
        checkLoopExits(block, inLoop, source, inStarHandler);
      for (const h of s.handlers) checkLoopExits(h.body, inLoop, source, true);
    } else for (const block of childBlocks(s)) checkLoopExits(block, inLoop, source, inStarHandler);
  }
}

/** Remove and return a leading docstring (it becomes a comment, not a statement). */
function takeDocstring(body: Stmt[]): string | null {
  const first = body.find((s) => s.k !== "Comment");
  if (first?.k === "Expr" && first.value.k === "Str") {
    body.splice(body.indexOf(first), 1);
    return first.value.value;
  }
  return null;
}

const AUG_OPS: Record<string, BinOpName> = {
  "+=": "+",
  "-=": "-",
  "*=": "*",
  "/=": "/",
  "//=": "//",
  "%=": "%",
  "**=": "**",
  "@=": "@",
  "<<=": "<<",
  ">>=": ">>",
  "&=": "&",
  "|=": "|",
  "^=": "^",
};

/**
 * What a module with type parameter lists or `type` statements imports from typing, under
 * names a Python program cannot spell (Builder.typeParams).
 */
const PEP695_HELPERS: [string, string][] = [
  ["Generic", "$pep695_Generic"],
  ["_pep695_param", "$pep695_param"],
  ["_pep695_class", "$pep695_class"],
  ["_pep695_function", "$pep695_function"],
  ["_pep695_alias", "$pep695_alias"],
];

/** `lambda params: body` at `pos`. */
function lambdaOf(pos: Pos, params: Param[], body: Expr): Expr {
  return {
    k: "Lambda",
    pos,
    fn: {
      name: "<lambda>",
      pos,
      params,
      body: [{ k: "Return", pos: body.pos, value: body }],
      isLambda: true,
      isAsync: false,
      decorators: [],
      returns: null,
      docstring: null,
      scope: newScope(),
    },
  };
}

/** Names of tree-sitter node types and what Python calls them, for "unsupported" messages. */
const CONSTRUCT_NAMES: Record<string, string> = {
  type_alias_statement: "the type statement",
  complex_pattern: "complex literals",
  chevron: "print >>",
};

/** The features `from __future__ import` accepts in Python 3.13 (all of them always on). */
const FUTURE_FEATURES = new Set([
  "nested_scopes",
  "generators",
  "division",
  "absolute_import",
  "with_statement",
  "print_function",
  "unicode_literals",
  "generator_stop",
  "annotations",
]);

class Builder {
  /** SyntaxWarnings of the tokenizer, in source order (Module.warnings). */
  readonly warnings: { line: number; message: string }[] = [];
  /** Until the module's first statement other than its docstring and future imports. */
  private futureAllowed = true;
  private firstStatement = true;

  /** Inside a `def` or `class` body (where `import *` is a SyntaxError). */
  private inFunction = false;

  /** Whether a type parameter list or `type` statement needs PEP695_HELPERS imported. */
  usesTypeParams = false;

  /** Build a `def` or `class` body. */
  private nested<T>(build: () => T): T {
    const outer = this.inFunction;
    this.inFunction = true;
    try {
      return build();
    } finally {
      this.inFunction = outer;
    }
  }

  constructor(
    private readonly source: SourceFile,
    private readonly starNames?: (module: string) => readonly string[] | null,
  ) {}

  private pos(n: SyntaxNode): Pos {
    const start = n.startPosition;
    return { line: start.row + 1, col: start.column };
  }

  unsupported(n: SyntaxNode, what?: string): never {
    const name = what ?? CONSTRUCT_NAMES[n.type] ?? `'${n.type.replace(/_/g, " ")}'`;
    throw this.source.error(
      "Unsupported",
      `${name} is not supported`,
      n.startPosition.row + 1,
      n.startPosition.column,
    );
  }

  private field(n: SyntaxNode, name: string): SyntaxNode {
    const c = n.childForFieldName(name);
    if (c === null) this.syntaxErrorAt(n, "invalid syntax");
    return c;
  }

  private hasToken(n: SyntaxNode, token: string): boolean {
    for (const c of n.children) if (!c.isNamed && c.type === token) return true;
    return false;
  }

  // ---- statements

  /**
   * The statements of a block. `owner` is the statement or clause the block is the body of:
   * tree-sitter puts the comments between its header and its first statement (`if x:  # why`,
   * `def f():` followed by a comment line) in the owner, not in the block; they open the body.
   */
  block(n: SyntaxNode, owner?: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    if (owner !== undefined)
      for (const c of owner.children) {
        if (c.startIndex >= n.startIndex) break;
        if (c.type === "comment") out.push(this.comment(c));
      }
    for (const c of n.namedChildren) {
      if (c.type === "comment") {
        out.push(this.comment(c));
        continue;
      }
      if (c.type === "line_continuation") continue;
      if (this.hasHash(c)) this.strayComments(c, out);
      this.statement(c, out);
    }
    return out;
  }

  /** Where the source has a `#` (in a comment or a string), in order: made on first use. */
  private hashes: number[] | null = null;

  /** Is there a `#` in the node's text (so perhaps a comment)? */
  private hasHash(n: SyntaxNode): boolean {
    if (this.hashes === null) {
      this.hashes = [];
      const text = this.source.text;
      for (let i = text.indexOf("#"); i >= 0; i = text.indexOf("#", i + 1)) this.hashes.push(i);
    }
    const h = this.hashes;
    let lo = 0;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (h[mid]! < n.startIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo < h.length && h[lo]! < n.endIndex;
  }

  private comment(c: SyntaxNode): Stmt {
    return { k: "Comment", pos: this.pos(c), text: c.text.replace(/^#\s?/, "") };
  }

  /**
   * The comments inside a statement's expressions (a commented list of arguments or entries)
   * and its header's, which no block of it opens with: they are kept, before the statement.
   */
  private strayComments(n: SyntaxNode, out: Stmt[]): void {
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i]!;
      if (c.type === "block") continue;
      if (c.type !== "comment") this.strayComments(c, out);
      // A comment before a block is that block's (`block`), but a match statement's cases are
      // not read as a block.
      else if (n.type === "match_statement" || !kids.slice(i + 1).some((k) => k.type === "block"))
        out.push(this.comment(c));
    }
  }

  /** A SyntaxError where the node starts. */
  private syntaxErrorAt(c: SyntaxNode, detail: string): never {
    throw this.source.error("SyntaxError", detail, c.startPosition.row + 1, c.startPosition.column);
  }

  /** Python 2's `print x` and `exec code`. */
  private missingParentheses(name: string, pos: Pos): never {
    throw this.source.error(
      "SyntaxError",
      `Missing parentheses in call to '${name}'. Did you mean ${name}(...)?`,
      pos.line,
      pos.col,
    );
  }

  private body(n: SyntaxNode): Stmt[] {
    return this.block(this.field(n, "body"), n);
  }

  private statement(n: SyntaxNode, out: Stmt[]): void {
    const pos = this.pos(n);
    if (n.type !== "future_import_statement") {
      // Only the module's docstring may come before `from __future__ import`.
      const docstring =
        this.firstStatement &&
        n.type === "expression_statement" &&
        n.namedChildren.filter((c) => c.type !== "comment").every((c) => c.type === "string");
      if (!docstring) this.futureAllowed = false;
      this.firstStatement = false;
    }
    switch (n.type) {
      case "expression_statement":
        this.expressionStatement(n, out);
        return;
      case "print_statement":
        if (n.namedChildren.some((c) => c.type === "chevron")) {
          // `print >> f, x` is Python 3 too: a tuple whose first item is `print >> f`.
          const items: Expr[] = [];
          for (const c of n.namedChildren) {
            if (c.type === "comment") continue;
            if (c.type === "chevron") {
              const target = this.expr(c.namedChildren.find((x) => x.type !== "comment")!);
              const left: Expr = { k: "Name", pos, id: "print" };
              items.push({ k: "BinOp", pos, op: ">>", left, right: target });
            } else items.push(this.expr(c));
          }
          const value: Expr = items.length === 1 ? items[0]! : { k: "Tuple", pos, elts: items };
          out.push({ k: "Expr", pos, value });
          return;
        }
        throw this.missingParentheses("print", pos);
      case "exec_statement":
        throw this.missingParentheses("exec", pos);
      case "return_statement": {
        const v = n.namedChildren.find((c) => c.type !== "comment");
        out.push({ k: "Return", pos, value: v ? this.exprOrTuple(v) : null });
        return;
      }
      case "pass_statement":
        out.push({ k: "Pass", pos });
        return;
      case "break_statement":
        out.push({ k: "Break", pos });
        return;
      case "continue_statement":
        out.push({ k: "Continue", pos });
        return;
      case "global_statement":
      case "nonlocal_statement":
        out.push({
          k: n.type === "global_statement" ? "Global" : "Nonlocal",
          pos,
          names: n.namedChildren.filter((c) => c.type === "identifier").map((c) => c.text),
        } as Stmt);
        return;
      case "delete_statement": {
        const t = n.namedChildren[0]!;
        const targets =
          t.type === "expression_list" ? t.namedChildren.map((c) => this.expr(c)) : [this.expr(t)];
        out.push({ k: "Delete", pos, targets });
        return;
      }
      case "assert_statement": {
        const [test, msg] = n.namedChildren.filter((c) => c.type !== "comment");
        out.push({ k: "Assert", pos, test: this.expr(test!), msg: msg ? this.expr(msg) : null });
        return;
      }
      case "raise_statement": {
        const cause = n.childForFieldName("cause");
        const exc = n.namedChildren.find(
          (c) => c.type !== "comment" && (cause === null || c !== cause),
        );
        // `raise from x` (tree-sitter takes it): CPython fails at the `from`.
        const from = n.children.find((c) => c.type === "from");
        if (exc === undefined && from !== undefined) this.syntaxErrorAt(from, "invalid syntax");
        out.push({
          k: "Raise",
          pos,
          exc: exc ? this.exprOrTuple(exc) : null,
          cause: cause ? this.expr(cause) : null,
        });
        return;
      }
      case "if_statement":
        out.push(this.ifStatement(n));
        return;
      case "while_statement":
        out.push({
          k: "While",
          pos,
          test: this.expr(this.field(n, "condition")),
          body: this.body(n),
          orelse: this.elseOf(n),
        });
        return;
      case "for_statement":
        out.push({
          k: "For",
          pos,
          target: this.target(this.field(n, "left")),
          iter: this.exprOrTuple(this.field(n, "right")),
          body: this.body(n),
          orelse: this.elseOf(n),
          isAsync: this.hasToken(n, "async"),
        });
        return;
      case "try_statement":
        out.push(this.tryStatement(n));
        return;
      case "with_statement":
        out.push(this.withStatement(n));
        return;
      case "function_definition":
        out.push({ k: "FunctionDef", pos, fn: this.functionDef(n, []) });
        return;
      case "class_definition":
        out.push(this.classDef(n, []));
        return;
      case "decorated_definition": {
        const decorators = n.namedChildren
          .filter((c) => c.type === "decorator")
          .map((d) => this.expr(d.namedChildren.find((c) => c.type !== "comment")!));
        const def = this.field(n, "definition");
        if (def.type === "class_definition") out.push(this.classDef(def, decorators, pos));
        else out.push({ k: "FunctionDef", pos, fn: this.functionDef(def, decorators, pos) });
        return;
      }
      case "import_statement":
        out.push({
          k: "Import",
          pos,
          names: n.childrenForFieldName("name").map((c) => this.alias(c)),
        });
        return;
      case "import_from_statement":
        out.push(this.importFrom(n));
        return;
      case "type_alias_statement":
        out.push(this.typeAlias(n, pos));
        return;
      case "future_import_statement":
        this.futureImport(n);
        return;
      case "match_statement":
        out.push(this.matchStatement(n));
        return;
      default:
        this.unsupported(n);
    }
  }

  /**
   * `from __future__ import annotations` (and the other features, all mandatory in Python 3.13):
   * nothing to emit, but CPython's SyntaxErrors for a misplaced statement or an unknown feature.
   * `annotations` changes nothing either: class annotations are kept as source text anyway.
   */
  private futureImport(n: SyntaxNode): void {
    const syntaxError = (detail: string): never => {
      this.syntaxErrorAt(n, detail);
    };
    if (!this.futureAllowed)
      syntaxError("from __future__ imports must occur at the beginning of the file");
    for (const c of n.childrenForFieldName("name")) {
      const feature = (c.type === "aliased_import" ? this.field(c, "name") : c).text;
      if (feature === "braces") syntaxError("not a chance");
      if (feature === "barry_as_FLUFL")
        this.unsupported(c, "from __future__ import barry_as_FLUFL");
      if (!FUTURE_FEATURES.has(feature)) syntaxError(`future feature ${feature} is not defined`);
    }
  }

  private expressionStatement(n: SyntaxNode, out: Stmt[]): void {
    const pos = this.pos(n);
    const children = n.namedChildren.filter((c) => c.type !== "comment");
    if (children.length !== 1) {
      // `a, b` as a statement: a tuple expression.
      out.push({
        k: "Expr",
        pos,
        value: { k: "Tuple", pos, elts: children.map((c) => this.expr(c)) },
      });
      return;
    }
    const c = children[0]!;
    if (c.type === "assignment") {
      out.push(this.assignment(c));
      return;
    }
    if (c.type === "augmented_assignment") {
      const opText = this.field(c, "operator").text;
      out.push({
        k: "AugAssign",
        pos,
        target: this.target(this.field(c, "left")),
        op: AUG_OPS[opText]!,
        value: this.assignedValue(this.field(c, "right")),
      });
      return;
    }
    out.push({ k: "Expr", pos, value: this.expr(c) });
  }

  /** `a = b = c`, `x: int = 1`, `x: int`. tree-sitter nests chained assignments to the right. */
  private assignment(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const type = n.childForFieldName("type");
    const left = this.field(n, "left");
    const right = n.childForFieldName("right");
    if (type !== null) {
      if (
        left.type === "pattern_list" ||
        left.type === "list_pattern" ||
        (left.type === "tuple_pattern" && left.children.some((c) => c.type === ","))
      )
        throw this.source.error(
          "SyntaxError",
          `only single target (not ${left.type === "list_pattern" ? "list" : "tuple"}) can be annotated`,
          pos.line,
          pos.col,
        );
      const target = this.target(left);
      // `(): int`, `([a]): int`: in parentheses tree-sitter takes them as single targets.
      if (target.k === "Tuple" || target.k === "List")
        throw this.source.error(
          "SyntaxError",
          `only single target (not ${target.k === "List" ? "list" : "tuple"}) can be annotated`,
          target.pos.line,
          target.pos.col,
        );
      return {
        k: "AnnAssign",
        pos,
        target,
        annotation: this.expr(type.namedChildren[0]!),
        value: right ? this.assignedValue(right) : null,
      };
    }
    const targets = [this.target(left)];
    let value = right!;
    while (value.type === "assignment" && value.childForFieldName("type") === null) {
      targets.push(this.target(this.field(value, "left")));
      value = this.field(value, "right");
    }
    // `x = y: int = 1`, `x = y += 1`: not Python (CPython fails at the `:` or the operator).
    if (value.type === "augmented_assignment" || value.type === "assignment") {
      const op = value.children.find((c) => !c.isNamed && (c.type === ":" || c.type.endsWith("=")));
      this.syntaxErrorAt(op ?? value, "invalid syntax");
    }
    return { k: "Assign", pos, targets, value: this.assignedValue(value) };
  }

  private assignedValue(n: SyntaxNode): Expr {
    return this.exprOrTuple(n);
  }

  private ifStatement(n: SyntaxNode): Stmt {
    const pos = this.pos(n);
    const alternatives = n.childrenForFieldName("alternative");
    let orelse: Stmt[] = [];
    // Build the elif chain from the end: each elif is an `If` in the previous one's orelse.
    for (let i = alternatives.length - 1; i >= 0; i--) {
      const alt = alternatives[i]!;
      if (alt.type === "else_clause") orelse = this.body(alt);
      else {
        orelse = [
          {
            k: "If",
            pos: this.pos(alt),
            test: this.expr(this.field(alt, "condition")),
            body: this.block(this.field(alt, "consequence"), alt),
            orelse,
          },
        ];
      }
    }
    return {
      k: "If",
      pos,
      test: this.expr(this.field(n, "condition")),
      body: this.block(this.field(n, "consequence"), n),
      orelse,
    };
  }

  private elseOf(n: SyntaxNode): Stmt[] {
    const alt = n.childForFieldName("alternative");
    return alt ? this.body(alt) : [];
  }

  private tryStatement(n: SyntaxNode): Stmt {
    const handlers: Handler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    let star = false;
    for (const c of n.namedChildren) {
      if (c.type === "except_clause" || c.type === "except_group_clause") {
        const starred = c.type === "except_group_clause" || this.hasToken(c, "*");
        if (handlers.length > 0 && starred !== star) {
          // CPython's parser points at the first clause of the other kind.
          this.syntaxErrorAt(c, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        star = starred;
        const blockNode = c.namedChildren.find((x) => x.type === "block")!;
        const values = c.childrenForFieldName("value");
        // Python 2's `except A, B:` (tree-sitter: two values).
        if (values.length > 1)
          this.syntaxErrorAt(values[0]!, "multiple exception types must be parenthesized");
        const aliasNode = c.childForFieldName("alias");
        let type: Expr | null = null;
        let name: string | null = aliasNode ? aliasNode.text : null;
        const valueNode =
          values[0] ??
          c.namedChildren.find(
            (x) =>
              x.type !== "block" && x.type !== "comment" && (aliasNode === null || x !== aliasNode),
          );
        if (valueNode) {
          if (valueNode.type === "as_pattern") {
            type = this.exprOrTuple(valueNode.namedChildren[0]!);
            name = this.field(valueNode, "alias").text;
          } else type = this.exprOrTuple(valueNode);
        }
        if (values.length > 1)
          type = { k: "Tuple", pos: this.pos(values[0]!), elts: values.map((v) => this.expr(v)) };
        handlers.push({ pos: this.pos(c), type, name, body: this.block(blockNode, c) });
      } else if (c.type === "else_clause") orelse = this.body(c);
      else if (c.type === "finally_clause")
        finalbody = this.block(c.namedChildren.find((x) => x.type === "block")!, c);
    }
    // CPython's parser: a bare `except:` must be the last handler.
    const bare = handlers.findIndex((h) => h.type === null);
    if (bare >= 0 && bare < handlers.length - 1 && !star)
      throw this.source.error(
        "SyntaxError",
        "default 'except:' must be last",
        handlers[bare]!.pos.line,
        handlers[bare]!.pos.col,
      );
    if (handlers.length === 0 && !n.namedChildren.some((c) => c.type === "finally_clause")) {
      // CPython's parser stops at the token after the body, where a clause should start (at
      // the end of the file: the body's last line).
      const text = this.source.text;
      const after = /^(?:\s|#[^\n]*)*/.exec(text.slice(n.endIndex))![0].length;
      const at = n.endIndex + after < text.length ? n.endIndex + after : n.endIndex;
      const line = text.slice(0, at).split("\n");
      throw this.source.error(
        "SyntaxError",
        "expected 'except' or 'finally' block",
        line.length,
        line[line.length - 1]!.length,
      );
    }
    return { k: "Try", pos: this.pos(n), body: this.body(n), handlers, orelse, finalbody, star };
  }

  private withStatement(n: SyntaxNode): Stmt {
    const clause = n.namedChildren.find((c) => c.type === "with_clause")!;
    const items: WithItem[] = clause.namedChildren
      .filter((c) => c.type === "with_item")
      .map((item) => {
        let v = this.field(item, "value");
        // `with (a as b):`, one item in parentheses.
        const inner = v.type === "parenthesized_expression" ? v.namedChildren : [];
        if (inner.length === 1 && inner[0]!.type === "as_pattern") v = inner[0]!;
        if (v.type === "as_pattern") {
          return {
            ctx: this.expr(v.namedChildren[0]!),
            vars: this.target(this.field(v, "alias").namedChildren[0]!),
          };
        }
        return { ctx: this.expr(v), vars: null };
      });
    return {
      k: "With",
      pos: this.pos(n),
      items,
      body: this.body(n),
      isAsync: this.hasToken(n, "async"),
    };
  }

  private matchStatement(n: SyntaxNode): Stmt {
    const subjects = n.childrenForFieldName("subject");
    const subject =
      subjects.length === 1
        ? this.expr(subjects[0]!)
        : {
            k: "Tuple" as const,
            pos: this.pos(subjects[0]!),
            elts: subjects.map((s) => this.expr(s)),
          };
    const clauses = this.field(n, "body").childrenForFieldName("alternative");
    const cases: MatchCase[] = clauses.map((c, i) => {
      const pats = c.namedChildren.filter((x) => x.type === "case_pattern");
      const guard = c.childForFieldName("guard");
      const pattern: Pattern =
        pats.length === 1
          ? this.pattern(pats[0]!)
          : {
              p: "sequence",
              pos: this.pos(c),
              items: pats.map((x) => this.pattern(x)),
              star: -1,
              starName: null,
            };
      checkPattern(pattern, guard !== null || i === clauses.length - 1, [], this.source);
      return {
        pos: this.pos(c),
        pattern,
        guard: guard ? this.expr(guard.namedChildren[0]!) : null,
        body: this.block(this.field(c, "consequence"), c),
      };
    });
    return { k: "Match", pos: this.pos(n), subject, cases };
  }

  private pattern(n: SyntaxNode): Pattern {
    const pos = this.pos(n);
    if (n.type === "case_pattern") {
      const inner = n.namedChildren.filter((c) => c.type !== "comment");
      if (inner.length === 0) return { p: "wildcard", pos };
      if (this.hasToken(n, "-")) {
        // `case -1:` (the sign is a token of the case pattern, not of the number).
        return {
          p: "value",
          pos,
          value: { k: "UnaryOp", pos, op: "-", operand: this.expr(inner[0]!) },
        };
      }
      return this.pattern(inner[0]!);
    }
    switch (n.type) {
      case "dotted_name": {
        const ids = n.namedChildren.map((c) => c.text);
        if (ids.length === 1)
          return ids[0] === "_" ? { p: "wildcard", pos } : { p: "capture", pos, name: ids[0]! };
        let value: Expr = { k: "Name", pos, id: ids[0]! };
        for (const attr of ids.slice(1)) value = { k: "Attribute", pos, value, attr };
        return { p: "value", pos, value };
      }
      case "union_pattern": {
        // The alternatives must bind the same names (checkPattern).
        // tree-sitter-python keeps a `_` alternative as an anonymous token.
        const alts = n.children
          .filter((c) => (c.isNamed ? c.type !== "comment" : c.type === "_"))
          .map((c): Pattern => (c.isNamed ? this.pattern(c) : { p: "wildcard", pos: this.pos(c) }));
        return { p: "or", pos, alts };
      }
      case "as_pattern": {
        const [pat, name] = n.namedChildren;
        return { p: "as", pos, pattern: this.pattern(pat!), name: name!.text };
      }
      case "list_pattern":
      case "tuple_pattern": {
        // `(p)` without a comma is a group pattern: `p` itself, not a sequence of one.
        const named = n.namedChildren.filter((c) => c.type !== "comment");
        if (
          n.type === "tuple_pattern" &&
          named.length === 1 &&
          !n.children.some((c) => c.type === ",") &&
          (named[0]!.type === "case_pattern" ? named[0]!.namedChildren[0] : named[0])?.type !==
            "splat_pattern"
        )
          return this.pattern(named[0]!);
        const items: Pattern[] = [];
        let star = -1;
        let starName: string | null = null;
        for (const c of n.namedChildren) {
          const inner = c.type === "case_pattern" ? c.namedChildren[0] : c;
          if (inner?.type === "splat_pattern") {
            star = items.length;
            const nm = inner.namedChildren[0]?.text ?? "_";
            starName = nm === "_" ? null : nm;
            items.push({ p: "wildcard", pos: this.pos(inner) });
          } else items.push(this.pattern(c));
        }
        return { p: "sequence", pos, items, star, starName };
      }
      case "dict_pattern": {
        const keys = n.childrenForFieldName("key").map((k) => this.expr(k));
        const values = n.childrenForFieldName("value").map((v) => this.pattern(v));
        const splat = n.namedChildren.find((c) => c.type === "splat_pattern");
        // `**rest` must come last (CPython: "invalid syntax" at what follows it).
        const after = splat
          ? n.namedChildren.find((c) => c.startIndex > splat.endIndex && c.type !== "comment")
          : undefined;
        if (after !== undefined) this.syntaxErrorAt(after, "invalid syntax");
        // `**_` (tree-sitter keeps the `_` as an anonymous token) is no capture.
        if (splat !== undefined && splat.namedChildren[0] === undefined)
          this.syntaxErrorAt(splat.lastChild ?? splat, "invalid syntax");
        return {
          p: "mapping",
          pos,
          keys,
          values,
          rest: splat ? splat.namedChildren[0]!.text : null,
        };
      }
      case "class_pattern": {
        const [clsNode, ...rest] = n.namedChildren;
        const clsPat = this.pattern(clsNode!);
        const cls =
          clsPat.p === "value" ? clsPat.value : { k: "Name" as const, pos, id: clsNode!.text };
        const args: Pattern[] = [];
        const kwargs: { name: string; pattern: Pattern }[] = [];
        for (const c of rest) {
          const inner = c.namedChildren[0];
          if (inner?.type !== "keyword_pattern" && kwargs.length > 0)
            this.syntaxErrorAt(c, "positional patterns follow keyword patterns");
          if (inner?.type === "keyword_pattern") {
            const [k, v] = inner.namedChildren;
            kwargs.push({ name: k!.text, pattern: this.pattern(v!) });
          } else args.push(this.pattern(c));
        }
        return { p: "class", pos, cls, args, kwargs };
      }
      case "integer":
      case "float":
      case "string":
      case "concatenated_string":
      case "none":
      case "true":
      case "false":
        return { p: "value", pos, value: this.expr(n) };
      default:
        return this.unsupported(n, `the '${n.type.replace(/_/g, " ")}' in a case pattern`);
    }
  }

  private alias(n: SyntaxNode): Alias {
    if (n.type === "aliased_import") {
      return {
        name: this.field(n, "name").text,
        asname: this.field(n, "alias").text,
        pos: this.pos(n),
      };
    }
    return { name: n.text, asname: null, pos: this.pos(n) };
  }

  private importFrom(n: SyntaxNode): Stmt {
    const modNode = this.field(n, "module_name");
    let level = 0;
    let module = modNode.text;
    if (modNode.type === "relative_import") {
      const prefix = modNode.namedChildren.find((c) => c.type === "import_prefix");
      level = prefix ? prefix.text.length : 0;
      module = modNode.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "";
    }
    const pos = this.pos(n);
    // `from x import a, b,` (tree-sitter takes the comma): CPython points after it.
    const last = n.children.filter((c) => c.type !== "comment").at(-1);
    if (last?.type === "," && !this.hasToken(n, "("))
      throw this.source.error(
        "SyntaxError",
        "trailing comma not allowed without surrounding parentheses",
        last.startPosition.row + 1,
        last.startPosition.column + 1,
      );
    if (n.namedChildren.some((c) => c.type === "wildcard_import")) {
      if (this.inFunction)
        throw this.source.error(
          "SyntaxError",
          "import * only allowed at module level",
          pos.line,
          pos.col,
        );
      // A module of the program: the names it makes public, known before this one is lowered.
      const names = level <= 1 && module !== "" ? this.starNames?.(module) : null;
      if (names == null) this.unsupported(n, "'from ... import *' of a module not in the program");
      return {
        k: "ImportFrom",
        pos,
        module,
        level,
        names: names.map((name) => ({ name, asname: null, pos })),
      };
    }
    return {
      k: "ImportFrom",
      pos,
      module,
      level,
      names: n.childrenForFieldName("name").map((c) => this.alias(c)),
    };
  }

  functionDef(n: SyntaxNode, decorators: Expr[], pos = this.pos(n)): FunctionDef {
    const tps = this.typeParams(n);
    if (tps !== null)
      decorators = [...decorators, this.helperCall("$pep695_function", pos, tps.params)];
    const body = this.nested(() => this.body(n));
    const returns = n.childForFieldName("return_type");
    return {
      name: this.field(n, "name").text,
      pos,
      params: this.params(this.field(n, "parameters")),
      body,
      isLambda: false,
      isAsync: this.hasToken(n, "async"),
      decorators,
      returns: returns ? this.expr(returns.namedChildren[0]!) : null,
      docstring: takeDocstring(body),
      scope: newScope(),
    };
  }

  private params(n: SyntaxNode | null): Param[] {
    if (n === null) return [];
    const out: Param[] = [];
    let kind: Param["kind"] = "normal";
    // CPython's parser errors for the order of parameters.
    let bareStar: SyntaxNode | null = null;
    let slash = false;
    let star = false;
    for (const c of n.namedChildren) {
      const pos = this.pos(c);
      if (c.type !== "comment" && out.some((p) => p.kind === "kwarg"))
        this.syntaxErrorAt(c, "arguments cannot follow var-keyword argument");
      if (c.type === "positional_separator") {
        if (slash) this.syntaxErrorAt(c, "/ may appear only once");
        if (star) this.syntaxErrorAt(c, "/ must be ahead of *");
        if (!n.namedChildren.some((x) => x.startIndex < c.startIndex && x.type !== "comment"))
          this.syntaxErrorAt(c, "at least one argument must precede /");
        slash = true;
      }
      const inner = c.type === "typed_parameter" ? c.namedChildren[0] : c;
      if (inner?.type === "keyword_separator" || inner?.type === "list_splat_pattern") {
        if (star) this.syntaxErrorAt(c, "* argument may appear only once");
        star = true;
      }
      if (c.type !== "comment" && out.some((p) => p.kind === "kwarg"))
        this.syntaxErrorAt(c, "arguments cannot follow var-keyword argument");
      if (bareStar !== null && c.type !== "comment" && c.type !== "dictionary_splat_pattern")
        bareStar = null;
      const defaultBefore = out.some(
        (p) => (p.kind === "normal" || p.kind === "posonly") && p.default !== null,
      );
      if (
        kind === "normal" &&
        defaultBefore &&
        (c.type === "identifier" ||
          (c.type === "typed_parameter" && c.namedChildren[0]?.type === "identifier"))
      )
        this.syntaxErrorAt(c, "parameter without a default follows parameter with a default");
      switch (c.type) {
        case "comment":
          continue;
        case "positional_separator":
          for (const p of out) if (p.kind === "normal") p.kind = "posonly";
          continue;
        case "keyword_separator":
          kind = "kwonly";
          bareStar = c;
          continue;
        case "identifier":
          out.push({ name: c.text, pos, kind, default: null, annotation: null });
          continue;
        case "default_parameter":
        case "typed_default_parameter": {
          const name = this.field(c, "name");
          if (name.type !== "identifier") this.unsupported(c, "tuple parameters");
          const type = c.childForFieldName("type");
          out.push({
            name: name.text,
            pos,
            kind,
            default: this.expr(this.field(c, "value")),
            annotation: type ? this.expr(type.namedChildren[0]!) : null,
          });
          continue;
        }
        case "typed_parameter": {
          const inner = c.namedChildren.find((x) => x.type !== "type")!;
          const type = this.field(c, "type");
          const annotation = this.expr(type.namedChildren[0]!);
          if (inner.type === "identifier")
            out.push({ name: inner.text, pos, kind, default: null, annotation });
          else if (inner.type === "list_splat_pattern") {
            out.push({
              name: inner.namedChildren[0]!.text,
              pos,
              kind: "vararg",
              default: null,
              annotation,
            });
            kind = "kwonly";
          } else if (inner.type === "dictionary_splat_pattern") {
            out.push({
              name: inner.namedChildren[0]!.text,
              pos,
              kind: "kwarg",
              default: null,
              annotation,
            });
          } else this.unsupported(c);
          continue;
        }
        case "list_splat_pattern":
          out.push({
            name: c.namedChildren[0]!.text,
            pos,
            kind: "vararg",
            default: null,
            annotation: null,
          });
          kind = "kwonly";
          continue;
        case "dictionary_splat_pattern":
          out.push({
            name: c.namedChildren[0]!.text,
            pos,
            kind: "kwarg",
            default: null,
            annotation: null,
          });
          continue;
        case "tuple_pattern":
          return this.syntaxErrorAt(
            c,
            n.type === "lambda_parameters"
              ? "Lambda expression parameters cannot be parenthesized"
              : "Function parameters cannot be parenthesized",
          );
        default:
          this.unsupported(c, `parameter form '${c.type}'`);
      }
    }
    if (bareStar !== null) this.syntaxErrorAt(bareStar, "named arguments must follow bare *");
    const seen = new Set<string>();
    for (const p of out) {
      if (seen.has(p.name))
        throw this.source.error(
          "SyntaxError",
          `duplicate argument '${p.name}' in function definition`,
          p.pos.line,
          p.pos.col,
        );
      seen.add(p.name);
    }
    return out;
  }

  /** `name(args...)` of a helper of PEP695_HELPERS. */
  private helperCall(name: string, pos: Pos, args: Expr[]): Expr {
    return {
      k: "Call",
      pos,
      func: { k: "Name", pos, id: name },
      args: args.map((value) => ({ kind: "pos", value })),
    };
  }

  /** A thunk evaluating `value` lazily (a lambda of `params`). */
  private thunk(value: Expr, params: string[] = []): Expr {
    const pos = value.pos;
    const ps = params.map(
      (name): Param => ({ name, pos, kind: "normal", default: null, annotation: null }),
    );
    return lambdaOf(pos, ps, value);
  }

  /**
   * The type parameter list of a `def`/`class` (`[T, U: int, V: (str, bytes), **P]`), as calls
   * of `$pep695_param` (one TypeVar or ParamSpec each; src/python/stdlib/typing.ts), or null
   * without one. The parameters exist only where annotations can see them (CPython's annotation
   * scope), and annotations are not evaluated here (docs/DIFFERENCES.md), so a parameter named
   * anywhere else in the statement (a default, a base, the body outside annotations) is refused;
   * so is a list in a module that reads `__annotations__`, which evaluates them. `*Ts`
   * (TypeVarTuple) and defaults (`T = int`, Python 3.13) are refused.
   */
  private typeParams(n: SyntaxNode): { names: string[]; params: Expr[] } | null {
    const list = n.childForFieldName("type_parameters");
    if (list === null) return null;
    if (this.source.text.includes("__annotations__"))
      this.unsupported(list, "type parameter lists in a module that reads '__annotations__'");
    const out = this.typeParamList(list);
    const skip = new Set([list, n.childForFieldName("name")]);
    this.refuseUses(n, out.names, skip);
    return out;
  }

  private typeParamList(list: SyntaxNode): { names: string[]; params: Expr[] } {
    this.usesTypeParams = true;
    const names: string[] = [];
    const params: Expr[] = [];
    for (const c of list.namedChildren) {
      if (c.type === "comment") continue;
      const t = c.type === "type" ? c.namedChildren.find((x) => x.type !== "comment") : null;
      const pos = this.pos(c);
      const none: Expr = { k: "Const", pos, value: "None" };
      let name: string;
      let kind = "TypeVar";
      let bound: Expr = none;
      let constraints: Expr = none;
      if (t?.type === "identifier") name = t.text;
      else if (t?.type === "splat_type" && t.text.startsWith("**")) {
        name = t.namedChildren.find((x) => x.type === "identifier")!.text;
        kind = "ParamSpec";
      } else if (t?.type === "splat_type")
        return this.unsupported(c, "TypeVarTuple type parameters ('*Ts')");
      else if (t?.type === "constrained_type") {
        const [head, spec] = t.namedChildren.filter((x) => x.type !== "comment");
        if (head?.namedChildren[0]?.type !== "identifier" || spec === undefined)
          return this.unsupported(c, "this type parameter");
        name = head.namedChildren[0].text;
        const inner =
          spec.type === "type" ? spec.namedChildren.find((x) => x.type !== "comment") : spec;
        if (inner?.type === "tuple") constraints = this.thunk(this.expr(inner));
        else bound = this.thunk(this.expr(spec));
        this.refuseUses(spec, [...names, name], new Set(), true);
      } else return this.unsupported(c, "type parameter defaults");
      if (names.includes(name)) this.syntaxErrorAt(c, `duplicate type parameter '${name}'`);
      names.push(name);
      params.push(
        this.helperCall("$pep695_param", pos, [
          { k: "Str", pos, value: name },
          { k: "Str", pos, value: kind },
          bound,
          constraints,
        ]),
      );
    }
    return { names, params };
  }

  /**
   * Refuses a type parameter named in `n` outside annotations (`type` nodes), attribute names
   * and keyword names, skipping the nodes whose ids are in `skip`.
   */
  private refuseUses(
    n: SyntaxNode,
    names: string[],
    skip: Set<SyntaxNode | null>,
    inAnnotations = false,
  ): void {
    if (names.length === 0) return;
    const visit = (x: SyntaxNode, parent: SyntaxNode | null): void => {
      if (skip.has(x) || (x.type === "type" && !inAnnotations)) return;
      if (x.type === "identifier" && names.includes(x.text)) {
        const isAttr = parent?.type === "attribute" && parent.childForFieldName("attribute") === x;
        const isKw = parent?.type === "keyword_argument" && parent.childForFieldName("name") === x;
        if (!isAttr && !isKw)
          this.unsupported(x, `the type parameter '${x.text}' outside annotations`);
      }
      for (const c of x.children) visit(c, x);
    };
    visit(n, null);
  }

  /** `type X[T] = value`: `X = $pep695_alias("X", lambda T: value, $pep695_param("T", ...))`. */
  private typeAlias(n: SyntaxNode, pos: Pos): Stmt {
    const left = this.field(n, "left");
    const head = left.namedChildren.find((x) => x.type !== "comment")!;
    let name = head.text;
    let tps: { names: string[]; params: Expr[] } = { names: [], params: [] };
    if (head.type === "generic_type") {
      const [id, list] = head.namedChildren.filter((x) => x.type !== "comment");
      name = id!.text;
      tps = this.typeParamList(list!);
    } else if (head.type !== "identifier") return this.unsupported(n);
    this.usesTypeParams = true;
    const value = this.expr(this.field(n, "right"));
    return {
      k: "Assign",
      pos,
      targets: [{ k: "Name", pos: this.pos(head), id: name }],
      value: this.helperCall("$pep695_alias", pos, [
        { k: "Str", pos, value: name },
        this.thunk(value, tps.names),
        ...tps.params,
      ]),
    };
  }

  private classDef(n: SyntaxNode, decorators: Expr[], pos = this.pos(n)): ClassDef {
    const tps = this.typeParams(n);
    const sup = n.childForFieldName("superclasses");
    const body = this.nested(() => this.body(n));
    const bases = sup ? this.args(sup) : [];
    if (tps !== null) {
      // CPython's implicit last base `Generic[T, ...]`.
      const index: Expr =
        tps.params.length === 1 ? tps.params[0]! : { k: "Tuple", pos, elts: tps.params };
      bases.push({
        kind: "pos",
        value: { k: "Subscript", pos, value: { k: "Name", pos, id: "$pep695_Generic" }, index },
      });
      decorators = [...decorators, this.helperCall("$pep695_class", pos, tps.params)];
    }
    return {
      k: "ClassDef",
      pos,
      name: this.field(n, "name").text,
      bases,
      body,
      decorators,
      docstring: takeDocstring(body),
      scope: newScope(),
    };
  }

  // ---- expressions

  /** An expression where a bare `a, b` means a tuple (return values, assigned values). */
  exprOrTuple(n: SyntaxNode): Expr {
    if (n.type === "expression_list" || n.type === "pattern_list") {
      return {
        k: "Tuple",
        pos: this.pos(n),
        elts: n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c)),
      };
    }
    return this.expr(n);
  }

  /** An assignment target (the same shapes as expressions, with patterns). */
  target(n: SyntaxNode): Expr {
    // `(x) = 1`, `(x): int = 1`: parentheses around one target, no comma, are not a tuple.
    if (n.type === "tuple_pattern" && !n.children.some((c) => c.type === ",")) {
      const inner = n.namedChildren.filter((c) => c.type !== "comment");
      if (inner.length === 1) return this.target(inner[0]!);
    }
    switch (n.type) {
      case "pattern_list":
      case "tuple_pattern":
      case "expression_list":
        return {
          k: "Tuple",
          pos: this.pos(n),
          elts: n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.target(c)),
        };
      case "list_pattern":
        return {
          k: "List",
          pos: this.pos(n),
          elts: n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.target(c)),
        };
      case "list_splat_pattern":
        return { k: "Starred", pos: this.pos(n), value: this.target(n.namedChildren[0]!) };
      default:
        return this.expr(n);
    }
  }

  expr(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    switch (n.type) {
      case "as_pattern": {
        // `x as y` outside `with`, `except`, `import` and `case` (tree-sitter takes it anywhere).
        const as = n.children.find((c) => c.type === "as");
        return this.syntaxErrorAt(as ?? n, "invalid syntax");
      }
      case "identifier":
        // tree-sitter-python takes the keywords `await` and `async` for names where nothing
        // follows them: CPython fails at the token after.
        if (n.text === "await" || n.text === "async") {
          const text = this.source.text;
          const at = n.endIndex + /^[ \t]*/.exec(text.slice(n.endIndex))![0].length;
          const col = at - (text.lastIndexOf("\n", at - 1) + 1);
          throw this.source.error(
            "SyntaxError",
            "invalid syntax",
            newlinesBefore(text, at) + 1,
            col,
          );
        }
        return { k: "Name", pos, id: n.text };
      case "integer":
        return this.integer(n);
      case "float": {
        this.checkNumber(n);
        if (/[jJ]$/.test(n.text)) this.unsupported(n, "complex literals");
        return { k: "Float", pos, value: Number(n.text.replace(/_/g, "")) };
      }
      case "true":
        return { k: "Const", pos, value: "True" };
      case "false":
        return { k: "Const", pos, value: "False" };
      case "none":
        return { k: "Const", pos, value: "None" };
      case "ellipsis":
        return { k: "Const", pos, value: "Ellipsis" };
      case "string":
      case "concatenated_string":
        return this.string(n);
      case "parenthesized_expression": {
        const inner = n.namedChildren.find((c) => c.type !== "comment")!;
        return this.expr(inner);
      }
      case "tuple":
      case "expression_list":
      case "pattern_list":
      case "tuple_pattern":
        return { k: "Tuple", pos, elts: this.elements(n) };
      case "list":
      case "list_pattern":
        return { k: "List", pos, elts: this.elements(n) };
      case "set":
        return { k: "Set", pos, elts: this.elements(n) };
      case "dictionary":
        return {
          k: "Dict",
          pos,
          items: n.namedChildren
            .filter((c) => c.type !== "comment")
            .map((c) =>
              c.type === "dictionary_splat"
                ? { key: null, value: this.expr(c.namedChildren[0]!) }
                : {
                    key: this.expr(this.field(c, "key")),
                    value: this.expr(this.field(c, "value")),
                  },
            ),
        };
      case "list_splat":
      case "list_splat_pattern":
      case "parenthesized_list_splat":
        return { k: "Starred", pos, value: this.expr(n.namedChildren[0]!) };
      case "attribute": {
        const attr = this.field(n, "attribute");
        // JS gives every object these (its class, its prototype): refused, not mistranslated.
        if (JS_OBJECT_PROPS.has(attr.text))
          this.unsupported(attr, `an attribute named '${attr.text}' (JS reserves it)`);
        return { k: "Attribute", pos, value: this.expr(this.field(n, "object")), attr: attr.text };
      }
      case "subscript": {
        const subs = n.childrenForFieldName("subscript");
        // `x[*a]` (PEP 646) indexes with the tuple `(*a,)`.
        const index =
          subs.length === 1 && subs[0]!.type !== "list_splat"
            ? this.expr(subs[0]!)
            : { k: "Tuple" as const, pos: this.pos(subs[0]!), elts: subs.map((s) => this.expr(s)) };
        return { k: "Subscript", pos, value: this.expr(this.field(n, "value")), index };
      }
      case "slice":
        return this.slice(n);
      case "call":
        return this.call(n);
      // Annotations: tree-sitter parses `list[int]`, `int | None` and `typing.Any` inside a
      // `type` node with their own node kinds; they mean the same expressions.
      case "type":
        return this.expr(n.namedChildren.find((c) => c.type !== "comment")!);
      case "generic_type": {
        const [base, params] = n.namedChildren.filter((c) => c.type !== "comment");
        const args = params!.namedChildren.filter((c) => c.type !== "comment");
        const index: Expr =
          args.length === 1
            ? this.expr(args[0]!)
            : { k: "Tuple", pos: this.pos(params!), elts: args.map((a) => this.expr(a)) };
        return { k: "Subscript", pos, value: this.expr(base!), index };
      }
      case "union_type": {
        const [left, right] = n.namedChildren.filter((c) => c.type !== "comment");
        return { k: "BinOp", pos, op: "|", left: this.expr(left!), right: this.expr(right!) };
      }
      case "member_type": {
        const [value, attr] = n.namedChildren.filter((c) => c.type !== "comment");
        return { k: "Attribute", pos, value: this.expr(value!), attr: attr!.text };
      }
      case "binary_operator":
        return {
          k: "BinOp",
          pos,
          op: this.field(n, "operator").type as BinOpName,
          left: this.expr(this.field(n, "left")),
          right: this.expr(this.field(n, "right")),
        };
      case "unary_operator":
        return {
          k: "UnaryOp",
          pos,
          op: this.field(n, "operator").type as "-" | "+" | "~",
          operand: this.expr(this.field(n, "argument")),
        };
      case "not_operator":
        return { k: "UnaryOp", pos, op: "not", operand: this.expr(this.field(n, "argument")) };
      case "boolean_operator":
        return {
          k: "BoolOp",
          pos,
          op: this.field(n, "operator").type as "and" | "or",
          left: this.expr(this.field(n, "left")),
          right: this.expr(this.field(n, "right")),
        };
      case "comparison_operator":
        return this.comparison(n);
      case "conditional_expression": {
        const [body, test, orelse] = n.namedChildren.filter((c) => c.type !== "comment");
        return {
          k: "IfExp",
          pos,
          body: this.expr(body!),
          test: this.expr(test!),
          orelse: this.expr(orelse!),
        };
      }
      case "lambda":
        return this.lambda(n);
      case "list_comprehension":
      case "set_comprehension":
      case "dictionary_comprehension":
      case "generator_expression":
        return this.comprehension(n);
      case "await":
        return { k: "Await", pos, value: this.expr(n.namedChildren[0]!) };
      case "yield": {
        const v = n.namedChildren.find((c) => c.type !== "comment");
        if (this.hasToken(n, "from")) return { k: "YieldFrom", pos, value: this.expr(v!) };
        return { k: "Yield", pos, value: v ? this.exprOrTuple(v) : null };
      }
      case "named_expression":
        return {
          k: "NamedExpr",
          pos,
          target: this.field(n, "name").text,
          value: this.expr(this.field(n, "value")),
        };
      case "keyword_argument":
        return this.unsupported(n, "a keyword argument here");
      default:
        return this.unsupported(n);
    }
  }

  private elements(n: SyntaxNode): Expr[] {
    return n.namedChildren.filter((c) => c.type !== "comment").map((c) => this.expr(c));
  }

  /** CPython's tokenizer errors for a number literal tree-sitter accepted. */
  private checkNumber(n: SyntaxNode): void {
    const bad = badNumber(n.text);
    if (bad !== null)
      throw this.source.error(
        "SyntaxError",
        bad.detail,
        n.startPosition.row + 1,
        n.startPosition.column + bad.index,
      );
  }

  private integer(n: SyntaxNode): Expr {
    this.checkNumber(n);
    const text = n.text.replace(/_/g, "");
    if (/[jJ]$/.test(text)) this.unsupported(n, "complex literals");
    let value: bigint;
    if (/^0[oO]/.test(text)) value = BigInt(`0o${text.slice(2)}`);
    else if (/^0[xXbB]/.test(text)) value = BigInt(text);
    else value = BigInt(text);
    return { k: "Int", pos: this.pos(n), value };
  }

  private slice(n: SyntaxNode): Expr {
    // Children in order, separated by ':' tokens: [lower] ':' [upper] [':' [step]].
    const parts: (Expr | null)[] = [null];
    for (const c of n.children) {
      if (!c.isNamed && c.type === ":") parts.push(null);
      else if (c.isNamed && c.type !== "comment") parts[parts.length - 1] = this.expr(c);
    }
    return {
      k: "Slice",
      pos: this.pos(n),
      lower: parts[0] ?? null,
      upper: parts[1] ?? null,
      step: parts[2] ?? null,
    };
  }

  private args(n: SyntaxNode): Arg[] {
    const out: Arg[] = [];
    // CPython's parser: positional arguments come before keywords and `**`, `*` before `**`. It
    // reports `*` after `**` at the comma before it, a positional argument after a keyword at
    // the closing bracket (the last token it read), and both before its compiler's errors
    // (`__debug__`, a repeated keyword), which wait for the end of the list.
    const keywords = new Set<string>();
    let later: [SyntaxNode, string] | null = null;
    let kw = false;
    let dstar = false;
    let comma: SyntaxNode | null = null;
    for (const c of n.children) {
      if (c.type === ",") comma = c;
      if (!c.isNamed) continue;
      switch (c.type) {
        case "comment":
        case "line_continuation":
          continue;
        case "list_splat":
          if (dstar)
            this.syntaxErrorAt(
              comma ?? c,
              "iterable argument unpacking follows keyword argument unpacking",
            );
          out.push({ kind: "star", value: this.expr(c.namedChildren[0]!) });
          continue;
        case "dictionary_splat":
          dstar = true;
          out.push({ kind: "dstar", value: this.expr(c.namedChildren[0]!) });
          continue;
        case "keyword_argument": {
          const name = this.field(c, "name").text;
          if (name === "__debug__") later ??= [c, "cannot assign to __debug__"];
          if (keywords.has(name)) later ??= [c, `keyword argument repeated: ${name}`];
          keywords.add(name);
          kw = true;
          out.push({ kind: "kw", name, value: this.expr(this.field(c, "value")) });
          continue;
        }
        default: {
          const close = n.lastChild ?? c;
          if (dstar)
            this.syntaxErrorAt(close, "positional argument follows keyword argument unpacking");
          if (kw) this.syntaxErrorAt(close, "positional argument follows keyword argument");
          out.push({ kind: "pos", value: this.expr(c) });
        }
      }
    }
    if (later !== null) this.syntaxErrorAt(...later);
    return out;
  }

  private call(n: SyntaxNode): Expr {
    const argsNode = this.field(n, "arguments");
    // `f(x for x in y, 1)` (tree-sitter: iterating a tuple) and `f(x for x in y,)` (it drops
    // the comma).
    if (
      argsNode.type === "generator_expression" &&
      (/,\s*\)$/.test(argsNode.text) ||
        argsNode.namedChildren.some(
          (c) =>
            c.type === "for_in_clause" &&
            c.childrenForFieldName("right").filter((r) => r.isNamed).length > 1,
        ))
    )
      this.unparenthesizedGenerator(argsNode);
    const args =
      argsNode.type === "generator_expression"
        ? [{ kind: "pos" as const, value: this.expr(argsNode) }]
        : this.args(argsNode);
    const fnNode = this.field(n, "function");
    if (fnNode.type === "list_splat") {
      // tree-sitter-python parses `[*f(x)]` as a call of `*f`: rebuild it as `*(f(x))`.
      const pos = this.pos(n);
      return {
        k: "Starred",
        pos,
        value: { k: "Call", pos, func: this.expr(fnNode.namedChildren[0]!), args },
      };
    }
    return { k: "Call", pos: this.pos(n), func: this.expr(fnNode), args };
  }

  /** A generator expression that is one of several arguments needs its own parentheses. */
  private unparenthesizedGenerator(gen: SyntaxNode): never {
    const body = this.field(gen, "body");
    this.syntaxErrorAt(body, "Generator expression must be parenthesized");
  }

  private comparison(n: SyntaxNode): Expr {
    const operands: Expr[] = [];
    const ops: CmpOp[] = [];
    let pending = "";
    for (const c of n.children) {
      if (c.isNamed && c.type !== "comment") {
        if (pending !== "") {
          ops.push(pending as CmpOp);
          pending = "";
        }
        operands.push(this.expr(c));
      } else if (!c.isNamed) {
        pending = pending === "" ? c.type : `${pending} ${c.type}`;
      }
    }
    if (ops.includes("<>" as CmpOp)) this.unsupported(n, "'<>'");
    return {
      k: "Compare",
      pos: this.pos(n),
      left: operands[0]!,
      ops,
      comparators: operands.slice(1),
    };
  }

  private lambda(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    const body = this.expr(this.field(n, "body"));
    return lambdaOf(pos, this.params(n.childForFieldName("parameters")), body);
  }

  private comprehension(n: SyntaxNode): Expr {
    const kind =
      n.type === "list_comprehension"
        ? "list"
        : n.type === "set_comprehension"
          ? "set"
          : n.type === "dictionary_comprehension"
            ? "dict"
            : "gen";
    const bodyNode = this.field(n, "body");
    const generators: Comprehension[] = [];
    for (const c of n.namedChildren) {
      if (c.type === "for_in_clause") {
        const rights = c.childrenForFieldName("right").filter((r) => r.isNamed);
        // tree-sitter reads `[x for x in 1, 2]` as iterating a tuple; CPython's grammar has no
        // tuple there.
        if (rights.length > 1) {
          const comma = c.children.find(
            (t) => t.type === "," && t.startIndex >= rights[0]!.endIndex,
          )!;
          this.syntaxErrorAt(comma, "invalid syntax");
        }
        const iter = this.expr(rights[0]!);
        generators.push({
          target: this.target(this.field(c, "left")),
          iter,
          ifs: [],
          isAsync: this.hasToken(c, "async"),
        });
      } else if (c.type === "if_clause") {
        generators[generators.length - 1]!.ifs.push(this.expr(c.namedChildren[0]!));
      }
    }
    const isDict = kind === "dict";
    return {
      k: "Comp",
      pos: this.pos(n),
      kind,
      elt: this.expr(isDict ? this.field(bodyNode, "key") : bodyNode),
      value: isDict ? this.expr(this.field(bodyNode, "value")) : null,
      generators,
      scope: newScope(),
    };
  }

  // ---- strings

  private string(n: SyntaxNode): Expr {
    const pos = this.pos(n);
    const pieces =
      n.type === "concatenated_string" ? n.namedChildren.filter((c) => c.type === "string") : [n];
    const parts: FPart[] = [];
    let isBytes: boolean | null = null;
    let isF = false;
    for (const p of pieces) {
      const start = p.namedChildren.find((c) => c.type === "string_start")!;
      const prefix = start.text.replace(/['"]+$/, "").toLowerCase();
      const bytes = prefix.includes("b");
      if (isBytes !== null && isBytes !== bytes) {
        throw this.source.error(
          "SyntaxError",
          "cannot mix bytes and nonbytes literals",
          pos.line,
          pos.col,
        );
      }
      isBytes = bytes;
      if (prefix.includes("t")) this.unsupported(p, "template strings");
      const raw = prefix.includes("r");
      const f = prefix.includes("f");
      if (f) isF = true;
      this.stringParts(p, raw, f, bytes, parts);
    }
    if (isBytes) {
      const text = parts.join("");
      const value: number[] = [];
      for (const ch of text) {
        const code = ch.codePointAt(0)!;
        if (code > 255)
          throw this.source.error(
            "SyntaxError",
            "bytes can only contain ASCII literal characters",
            pos.line,
            pos.col,
          );
        value.push(code);
      }
      return { k: "Bytes", pos, value };
    }
    if (!isF) return { k: "Str", pos, value: parts.join("") };
    return { k: "FString", pos, parts: mergeStrings(parts) };
  }

  /** The literal text and interpolations of one string node, between its quotes. */
  private stringParts(p: SyntaxNode, raw: boolean, f: boolean, bytes: boolean, out: FPart[]): void {
    const start = p.namedChildren.find((c) => c.type === "string_start")!;
    const end = p.namedChildren.find((c) => c.type === "string_end")!;
    let cursor = start.endIndex;
    const text = this.source.text;
    // The content ends before the closing quote. (tree-sitter-python puts a raw string's final
    // backslashes into its `string_end`: `r"\\"` has no content node, and `string_end` is `\\"`.)
    const quote = start.text.replace(/^[A-Za-z]*/, "");
    const contentEnd = end.endIndex - quote.length;
    // CPython's tokenizer warns of the first invalid escape of each string, at its first line.
    let warned = false;
    const invalid = (message: string) => {
      if (!warned) this.warnings.push({ line: p.startPosition.row + 1, message });
      warned = true;
    };
    // CPython's tokenizer refuses a bytes literal with a character beyond ASCII in its source.
    if (bytes && /[^\x00-\x7f]/.test(text.slice(cursor, contentEnd)))
      this.syntaxErrorAt(p, "bytes can only contain ASCII literal characters");
    const literal = (from: number, to: number) => {
      if (to <= from) return;
      let s = text.slice(from, to);
      if (f) s = s.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
      // A bad escape: CPython's decoder error, at the string (an f-string: after its literal
      // text), with the escape's position in the literal text.
      const bad = (message: string): never => {
        if (!f) this.syntaxErrorAt(p, message);
        const lineStart = text.lastIndexOf("\n", to - 1) + 1;
        const line = newlinesBefore(text, to) + 1;
        throw this.source.error("SyntaxError", message, line, to - lineStart);
      };
      out.push(raw ? s : this.unescape(s, bytes, invalid, bad));
    };
    for (const c of p.namedChildren) {
      if (c.type !== "interpolation") continue;
      literal(cursor, c.startIndex);
      out.push(...this.interpolation(c, text));
      cursor = c.endIndex;
    }
    literal(cursor, contentEnd);
  }

  private interpolation(c: SyntaxNode, text: string): FPart[] {
    const exprNode = this.field(c, "expression");
    // `f"{n:=+8}"` is `n` with the format spec `=+8` (a walrus needs parentheses in a replacement
    // field); tree-sitter-python reads it as the assignment expression `n := +8`.
    if (exprNode.type === "named_expression") return this.walrusSpec(c, exprNode, text);
    const conv = c.childForFieldName("type_conversion");
    if (conv !== null && !/^![sra]$/.test(conv.text))
      throw this.source.error(
        "SyntaxError",
        `f-string: invalid conversion character '${conv.text.slice(1)}': expected 's', 'r', or 'a'`,
        conv.startPosition.row + 1,
        conv.startPosition.column + 1,
      );
    const specNode = c.childForFieldName("format_specifier");
    const out: FPart[] = [];
    let convName = conv ? (conv.text.slice(1) as "r" | "s" | "a") : null;
    const debug = c.children.some((x) => !x.isNamed && x.type === "=");
    if (debug) {
      // f"{x = }" prints the expression's source text, then its repr (unless a spec is given).
      const eq = c.children.find((x) => !x.isNamed && x.type === "=")!;
      out.push(
        text.slice(c.startIndex + 1, eq.endIndex) +
          text.slice(eq.endIndex, (conv ?? specNode ?? c.lastChild!).startIndex),
      );
      if (convName === null && specNode === null) convName = "r";
    }
    let spec: FPart[] | null = null;
    if (specNode !== null) {
      spec = [];
      let cursor = specNode.startIndex + 1; // skip ':'
      for (const fe of specNode.namedChildren) {
        if (fe.type !== "format_expression") continue;
        if (fe.startIndex > cursor) spec.push(text.slice(cursor, fe.startIndex));
        spec.push({ expr: this.exprOrTuple(this.field(fe, "expression")), conv: null, spec: null });
        cursor = fe.endIndex;
      }
      if (specNode.endIndex > cursor) spec.push(text.slice(cursor, specNode.endIndex));
      spec = mergeStrings(spec);
    }
    out.push({ expr: this.exprOrTuple(exprNode), conv: convName, spec });
    return out;
  }

  /** `{name:=spec}`: the name, formatted with everything after its `:` as a literal spec. */
  private walrusSpec(c: SyntaxNode, named: SyntaxNode, text: string): FPart[] {
    const op = named.children.find((x) => !x.isNamed && x.type === ":=");
    const close = c.lastChild;
    const spec = op && close ? text.slice(op.startIndex + 1, close.startIndex) : "";
    if (!op || close?.type !== "}" || /[{}]/.test(spec))
      return this.unsupported(c, "this format spec starting with '='");
    return [{ expr: this.exprOrTuple(this.field(named, "name")), conv: null, spec: [spec] }];
  }

  private unescape(
    s: string,
    bytes: boolean,
    invalid: (message: string) => void,
    bad: (message: string) => never,
  ): string {
    // CPython decodes a str literal with its non-ASCII characters as `\U` escapes (ten
    // characters each): positions in its messages count them so.
    const position = (index: number) =>
      bytes ? index : index + 9 * (s.slice(0, index).match(/[^\x00-\x7f]/gu)?.length ?? 0);
    const decodeError = (index: number, length: number, why: string): never => {
      const from = position(index);
      return bad(
        `(unicode error) 'unicodeescape' codec can't decode bytes in position ${from}-${from + length - 1}: ${why}`,
      );
    };
    // `\N{name}`: codegen/unicode_names.ts (loaded only when a string holds one).
    const named = (name: string, index: number, length: number): string => {
      const code = lookupUnicodeName(name);
      if (code !== null) return String.fromCodePoint(code);
      const span = position(index + length) - position(index);
      return decodeError(index, span, "unknown Unicode character name");
    };
    return s.replace(
      /\\(\r?\n|[\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{0,2}|u[0-9a-fA-F]{0,4}|U[0-9a-fA-F]{0,8}|N(?:\{[^}]*\}?)?|.)/gs,
      (m, e: string, index: number) => {
        const c = e[0]!;
        if (e === "\n" || e === "\r\n") return "";
        switch (c) {
          case "\\":
          case "'":
          case '"':
            return c;
          case "a":
            return "\x07";
          case "b":
            return "\b";
          case "f":
            return "\f";
          case "n":
            return "\n";
          case "r":
            return "\r";
          case "t":
            return "\t";
          case "v":
            return "\v";
          case "x":
            if (e.length < 3) {
              if (bytes) return bad(`(value error) invalid \\x escape at position ${index}`);
              return decodeError(index, m.length, "truncated \\xXX escape");
            }
            return String.fromCodePoint(Number.parseInt(e.slice(1), 16));
          case "u":
          case "U": {
            if (bytes) {
              invalid(`invalid escape sequence '\\${c}'`);
              return m;
            }
            const digits = c === "u" ? 4 : 8;
            if (e.length < digits + 1)
              return decodeError(index, m.length, `truncated \\${c}${"X".repeat(digits)} escape`);
            const code = Number.parseInt(e.slice(1), 16);
            if (code > 0x10ffff) return decodeError(index, m.length, "illegal Unicode character");
            return String.fromCodePoint(code);
          }
          case "N":
            if (bytes) {
              invalid("invalid escape sequence '\\N'");
              return m;
            }
            if (!/^N\{[^}]+\}$/.test(e))
              // `\N{}`: CPython's span ends before the `}`.
              return decodeError(
                index,
                m.length - (e === "N{}" ? 1 : 0),
                "malformed \\N character escape",
              );
            return named(e.slice(2, -1), index, m.length);
        }
        if (/[0-7]/.test(c)) {
          const code = Number.parseInt(e, 8);
          if (code > 0o377) invalid(`invalid octal escape sequence '\\${e}'`);
          return String.fromCodePoint(bytes ? code & 0xff : code);
        }
        invalid(`invalid escape sequence '\\${c}'`);
        return m;
      },
    );
  }
}

/** How many line breaks the text has before `index`. */
function newlinesBefore(text: string, index: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function mergeStrings(parts: FPart[]): FPart[] {
  const out: FPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  return out;
}
