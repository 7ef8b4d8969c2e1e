/**
 * Control flow: `if`/`elif`/`else`, `while` and `for` (with `else`), `async for`, `break`,
 * `continue`, `pass`, expression statements and comments.
 *
 * - Conditions use Python truth (`$py.bool(x)` unless the type is known).
 * - `for x in xs` -> `for (x of $py.iter(xs))` (Python's iteration protocol).
 * - `for x in range(...)` (the builtin) is a counted loop over the range's values, which V8 runs
 *   several times faster than an iterator:
 *   `for (let $r1 = range(a, b), $k1 = 0, $n1 = $r1.length; $k1 < $n1; $k1++) { x = $r1.at($k1); ... }`.
 *   Assigning to `x` in the body does not change the next value, as in Python. Over a range of
 *   int literals (`range(20)`, `range(10, 0, -2)`) it counts JS numbers and makes no range:
 *   `for (let $k1 = 0; $k1 < 20; $k1++) { x = BigInt($k1); ... }`.
 * - A loop with an `else` is wrapped in a labeled block: `break` becomes `break $loop1`, which
 *   leaves the block and skips the `else` part, exactly as in Python.
 * - `async for x in ait` steps the async iterator with `yield* $py.anextStep(it)` until it is done.
 */

import type { Expr, Stmt } from "../ir";
import { assignTo } from "./assign";
import { appendStatement, mayReturnCoroutine } from "./calls";
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

/** A call of the builtin `range` with 1 to 3 positional arguments. */
function isRangeCall(cx: Context, e: Expr): boolean {
  return (
    e.k === "Call" &&
    e.func.k === "Name" &&
    e.func.id === "range" &&
    cx.lookup("range") === null &&
    e.args.length >= 1 &&
    e.args.length <= 3 &&
    e.args.every((a) => a.kind === "pos")
  );
}

/** An int literal's value, `-` of one included; null for anything else. */
function intLiteral(e: Expr): bigint | null {
  if (e.k === "Int") return e.value;
  if (e.k === "UnaryOp" && e.op === "-" && e.operand.k === "Int") return -e.operand.value;
  return null;
}

/** A range's `[start, stop, step]` as JS numbers. */
export type RangeBounds = [number, number, number];

/**
 * `[start, stop, step]` of a call of the builtin `range` whose arguments are int literals within
 * int32 (and a step other than 0): such a call cannot fail and has nothing to evaluate, so a
 * `for` loop over it counts in JS numbers. Null for any other iterable.
 */
export function literalRange(cx: Context, e: Expr): RangeBounds | null {
  if (!isRangeCall(cx, e) || e.k !== "Call") return null;
  const values = e.args.map((a) => intLiteral(a.value));
  if (values.some((v) => v === null || v < -(2n ** 31n) || v >= 2n ** 31n)) return null;
  const [a, b, c] = values.map(Number);
  if (values.length === 1) return [0, a!, 1];
  if (c === 0) return null; // range() arg 3 must not be zero: the general path raises it
  return [a!, b!, c ?? 1];
}

/** The update of a counted loop's `k` by `step`: `k++`, `k += 2`, `k--`, `k -= 3`. */
export function rangeStep(k: string, step: number): string {
  if (step === 1) return `${k}++`;
  if (step === -1) return `${k}--`;
  return step > 0 ? `${k} += ${step}` : `${k} -= ${-step}`;
}

/** The iterable to loop over with `for...of`. */
export function iterable(cx: Context, e: Expr): TsExpr {
  const v = cx.expr(e);
  if (isRangeCall(cx, e)) return v;
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
      const bounds = s.isAsync ? null : literalRange(cx, s.iter);
      if (bounds !== null) {
        // `range` of int literals: a loop over JS numbers, no range object to make (the value of
        // `x` is made at each step, as `range.at` would).
        const [start, stop, step] = bounds;
        const k = cx.fresh("k");
        const bind = [line(`${head} = BigInt(${k});`), ...prologue];
        const advance = rangeStep(k, step);
        return [
          block(
            `for (let ${k} = ${start}; ${k} ${step > 0 ? "<" : ">"} ${stop}; ${advance})`,
            [...bind, ...cx.block(s.body)],
            s.pos.line,
          ),
        ];
      }
      if (!s.isAsync && isRangeCall(cx, s.iter)) {
        const [r, k, n] = [cx.fresh("r"), cx.fresh("k"), cx.fresh("n")];
        // `head` is the target name, or `const $item` that `prologue` unpacks.
        const bind = [line(`${head} = ${r}.at(${k});`), ...prologue];
        return [
          block(
            `for (let ${r} = ${cx.expr(s.iter).code}, ${k} = 0, ${n} = ${r}.length; ${k} < ${n}; ${k}++)`,
            [...bind, ...cx.block(s.body)],
            s.pos.line,
          ),
        ];
      }
      if (!s.isAsync) {
        // Leaving the loop early closes the iterator of a call (`for x in gen():`, whose
        // generator CPython drops then), not one the program may hold (`for x in g:`).
        const src = isTemporary(s.iter)
          ? iterable(cx, s.iter).code
          : `${cx.helper("iterHeld")}(${cx.expr(s.iter).code})`;
        return [block(`for (${head} of ${src})`, [...prologue, ...cx.block(s.body)], s.pos.line)];
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
      const steps = block(
        "while (true)",
        [
          line(`const ${step} = yield* ${cx.helper("anextStep")}(${it});`),
          line(`if (${step}.done) break;`),
          ...bind,
          ...prologue,
          ...cx.block(s.body),
        ],
        s.pos.line,
      );
      const start = line(
        `const ${it} = ${cx.helper("asyncForIter")}(${cx.expr(s.iter).code});`,
        s.pos.line,
      );
      if (!isTemporary(s.iter)) return [start, steps];
      // The iterator of a call (`async for x in ticker():`) is dropped when the loop is left;
      // CPython's GC then has the loop close an unfinished async generator (its finalizer hook).
      return [
        start,
        block("try", [steps], s.pos.line),
        block("finally", [line(`${cx.helper("asyncForDrop")}(${it});`)]),
      ];
    } finally {
      cx.popLoop();
    }
  };
  return [...declare, ...loopWithElse(cx, loop, s.orelse, s.pos.line)];
}

/** The iterable of a loop is made for it (the loop holds the only reference to its iterator). */
function isTemporary(e: Expr): boolean {
  return e.k === "Call" || e.k === "List" || e.k === "Tuple";
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
      const push = appendStatement(cx, s.value);
      if (push !== null) return [line(push, s.pos.line)];
      const v = cx.expr(s.value);
      // A coroutine the statement drops warns that it was never awaited (see mayReturnCoroutine).
      if (s.value.k === "Call" && mayReturnCoroutine(cx, s.value))
        return [line(`${cx.helper("discard")}(${v.code});`, s.pos.line)];
      // An expression statement must not start with `{` or `function` (JS would parse a block).
      const code = /^(\{|function\b|class\b)/.test(v.code) ? `(${v.code})` : v.code;
      return [line(`${code};`, s.pos.line)];
    },
  },
};
