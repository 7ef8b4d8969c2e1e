/**
 * Control flow: `if`/`elif`/`else`, `while` and `for` (with `else`), `async for`, `break`,
 * `continue`, `pass`, expression statements and comments.
 *
 * - Conditions use Python truth (`$py.bool(x)` unless the type is known).
 * - `for x in xs` -> `for (x of $py.iter(xs))` (Python's iteration protocol); `range(...)` is
 *   iterated directly.
 * - A loop with an `else` is wrapped in a labeled block: `break` becomes `break $loop1`, which
 *   leaves the block and skips the `else` part, exactly as in Python.
 * - `async for x in ait` steps the async iterator with `yield* $py.anextStep(it)` until it is done.
 */

import type { Expr, Stmt } from "../ir";
import { assignTo } from "./assign";
import type { Context, Feature } from "./context";
import { yieldFrom } from "./functions";
import { block, line, P, type TsExpr, type TsStmt } from "./output";

function ifStatement(s: Extract<Stmt, { k: "If" }>, cx: Context, head = "if"): TsStmt[] {
  const out: TsStmt[] = [
    block(`${head} (${cx.truthy(s.test).code})`, bodyOrEmpty(cx, s.body), s.pos.line),
  ];
  if (s.orelse.length === 1 && s.orelse[0]!.k === "If") {
    out.push(...ifStatement(s.orelse[0] as Extract<Stmt, { k: "If" }>, cx, "else if"));
  } else if (s.orelse.length > 0) {
    out.push(block("else", cx.block(s.orelse)));
  }
  return out;
}

function bodyOrEmpty(cx: Context, body: Stmt[]): TsStmt[] {
  return cx.block(body);
}

/** The iterable to loop over with `for...of`. */
export function iterable(cx: Context, e: Expr): TsExpr {
  const v = cx.expr(e);
  if (e.k === "Call" && e.func.k === "Name" && e.func.id === "range" && cx.lookup("range") === null)
    return v;
  return { code: `${cx.helper("iter")}(${v.code})`, prec: P.call };
}

function loopWithElse(
  cx: Context,
  loop: (label: string | null) => TsStmt[],
  orelse: Stmt[],
  pyLine: number,
): TsStmt[] {
  if (orelse.length === 0) return loop(null);
  const label = cx.fresh("loop");
  const inner = loop(label);
  return [block(`${label}:`, [...inner, ...cx.block(orelse)], pyLine)];
}

function forStatement(s: Extract<Stmt, { k: "For" }>, cx: Context): TsStmt[] {
  const declare: TsStmt[] = [];
  let head: string;
  let prologue: TsStmt[] = [];
  if (s.target.k === "Name") {
    const b = cx.bindingPrefix(s.target.id);
    if (b.keyword !== null) declare.push(line(`let ${b.name}: any;`, s.pos.line));
    head = b.name;
  } else {
    const tmp = cx.fresh("item");
    head = `const ${tmp}`;
    prologue = assignTo(cx, s.target, { code: tmp, prec: P.primary }, s.pos.line);
  }
  const loop = (label: string | null): TsStmt[] => {
    cx.pushLoop(label);
    try {
      if (!s.isAsync) {
        return [
          block(
            `for (${head} of ${iterable(cx, s.iter).code})`,
            [...prologue, ...cx.block(s.body)],
            s.pos.line,
          ),
        ];
      }
      const fs = cx.scope.functionScope();
      if (!fs.fn?.isAsync)
        throw cx.source.error(
          "SyntaxError",
          "'async for' outside async function",
          s.pos.line,
          s.pos.col,
        );
      const it = cx.fresh("it");
      const step = cx.fresh("step");
      const bind = [line(`${head} = ${step}.value;`)];
      return [
        line(`const ${it} = ${cx.runtime("aiter").code}(${cx.expr(s.iter).code});`, s.pos.line),
        block(
          "while (true)",
          [
            line(`const ${step} = yield* ${cx.helper("anextStep")}(${it});`),
            line(`if (${step}.done) break;`),
            ...bind,
            ...prologue,
            ...cx.block(s.body),
          ],
          s.pos.line,
        ),
      ];
    } finally {
      cx.popLoop();
    }
  };
  return [...declare, ...loopWithElse(cx, loop, s.orelse, s.pos.line)];
}

function whileStatement(s: Extract<Stmt, { k: "While" }>, cx: Context): TsStmt[] {
  const loop = (label: string | null): TsStmt[] => {
    cx.pushLoop(label);
    try {
      return [block(`while (${cx.truthy(s.test).code})`, cx.block(s.body), s.pos.line)];
    } finally {
      cx.popLoop();
    }
  };
  return loopWithElse(cx, loop, s.orelse, s.pos.line);
}

export const control: Feature = {
  name: "control",
  statements: {
    If: (s, cx) => ifStatement(s, cx),
    While: whileStatement,
    For: forStatement,
    Break: (s, cx) => {
      const label = cx.loopLabel;
      return [line(label === null ? "break;" : `break ${label};`, s.pos.line)];
    },
    Continue: (s) => [line("continue;", s.pos.line)],
    Pass: () => [],
    Comment: (s) => [{ t: "comment", text: s.text, line: s.pos.line }],
    Expr: (s, cx) => {
      if (s.value.k === "Str")
        return [{ t: "comment", text: s.value.value.trim(), line: s.pos.line }];
      // `yield from x` as a statement: its value is not used.
      if (s.value.k === "YieldFrom") return [line(`${yieldFrom(cx, s.value)};`, s.pos.line)];
      const v = cx.expr(s.value);
      // An expression statement must not start with `{` or `function` (JS would parse a block).
      const code = /^(\{|function\b|class\b)/.test(v.code) ? `(${v.code})` : v.code;
      return [line(`${code};`, s.pos.line)];
    },
  },
};
