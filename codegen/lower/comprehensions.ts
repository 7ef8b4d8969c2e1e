/**
 * Comprehensions and generator expressions.
 *
 * `[f(x) for x in xs if x]` ->
 * ```ts
 * (function $listcomp() {
 *   const $r1: any[] = [];
 *   for (const x of $py.iter(xs)) if ($py.bool(x)) $r1.push(f(x));
 *   return $r1;
 * })()
 * ```
 * Sets and dicts build a `set()`/`dict()` the same way (`.add`, `$py.setitem`). A comprehension that
 * awaits (or uses `async for`) is a `function*` run with `yield*`, so its awaits suspend the
 * enclosing coroutine. A generator expression is a Python generator object, given its first
 * iterable evaluated where the expression is:
 * `$py.genexpr(function* $genexpr($first1: any) { for (...) yield f(x); }, qualname, $py.iter(xs))`.
 *
 * The functions are named for tracebacks (codegen/run.ts, `programFrames`): CPython 3.13 inlines
 * list, set and dict comprehensions (PEP 709), so a `$listcomp`/`$setcomp`/`$dictcomp` frame is
 * merged into the frame of the code around it; a `$genexpr` frame is CPython's `<genexpr>`.
 *
 * The comprehension's variables are local to it (`const` in the loop head), as in Python 3; when
 * a closure is made inside it they are one `let` for the whole comprehension, so closures bind
 * late as in CPython (`[lambda: i for i in range(3)]` all see the last `i`).
 */

import { emit } from "../emit";
import type { Comprehension, Expr } from "../ir";
import { assignTo } from "./assign";
import { type Context, type Feature, mangle } from "./context";
import { iterable, literalRange, type RangeBounds, rangeStep } from "./control";
import { jsString, P, type TsExpr, type TsStmt } from "./output";

/**
 * Does evaluating `e` await? An `await`, or an asynchronous list, set or dict comprehension
 * (which makes the comprehension around it asynchronous too, as in CPython 3.11+); of a
 * generator expression only the first iterable is evaluated.
 */
function containsAwait(e: Expr, orYield = false): boolean {
  let found = false;
  const visit = (x: unknown): void => {
    if (found || x === null || typeof x !== "object") return;
    const n = x as Expr;
    if (
      n.k === "Await" ||
      (orYield && (n.k === "Yield" || n.k === "YieldFrom")) ||
      (n.k === "Comp" && n.kind !== "gen" && n.generators.some((g) => g.isAsync))
    ) {
      found = true;
      return;
    }
    if (n.k === "Lambda") return;
    if (n.k === "Comp" && n.kind === "gen") {
      visit(n.generators[0]!.iter);
      return;
    }
    for (const v of Object.values(x)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (typeof v === "object") visit(v);
    }
  };
  visit(e);
  return found;
}

/**
 * `first`: the first iterable, lowered in the enclosing scope (where Python evaluates it), and
 * `firstRange` its bounds when it is a range of int literals (found there too, see literalRange).
 */
function loops(
  cx: Context,
  gens: Comprehension[],
  inner: () => TsStmt[],
  first?: string,
  firstRange: RangeBounds | null = null,
): TsStmt[] {
  const [g, ...rest] = gens;
  if (g === undefined) return inner();
  // A range of int literals counts JS numbers, as a `for` statement over one does (control.ts).
  const bounds = g.isAsync ? null : first !== undefined ? firstRange : literalRange(cx, g.iter);
  let head: string;
  let prologue: TsStmt[] = [];
  const sym = g.target.k === "Name" ? cx.lookup(g.target.id) : null;
  if (g.target.k === "Name")
    head = `${sym !== null && cx.isDeclared(sym) ? "" : "const "}${cx.expr(g.target).code}`;
  else {
    const tmp = cx.fresh("item");
    head = `const ${tmp}`;
    prologue = assignTo(cx, g.target, { code: tmp, prec: P.primary }, g.target.pos.line);
  }
  let body: TsStmt[] = [...prologue];
  const rest2 = () => loops(cx, rest, inner);
  if (g.ifs.length > 0) {
    const cond = g.ifs
      .map((c) => cx.truthy(c))
      .map((t) => (t.prec <= P.and ? `(${t.code})` : t.code))
      .join(" && ");
    body.push({ t: "block", head: `if (${cond})`, body: rest2() });
  } else body = [...body, ...rest2()];
  if (g.isAsync) {
    const it = cx.fresh("it");
    const step = cx.fresh("step");
    return [
      {
        t: "line",
        code: `const ${it} = ${cx.helper("asyncForIter")}(${first ?? cx.expr(g.iter).code});`,
      },
      {
        t: "block",
        head: "while (true)",
        body: [
          { t: "line", code: `const ${step} = yield* ${cx.helper("anextStep")}(${it});` },
          { t: "line", code: `if (${step}.done) break;` },
          { t: "line", code: `${head} = ${step}.value;` },
          ...body,
        ],
      },
    ];
  }
  if (bounds !== null) {
    const [start, stop, step] = bounds;
    const k = cx.fresh("k");
    const advance = rangeStep(k, step);
    return [
      {
        t: "block",
        head: `for (let ${k} = ${start}; ${k} ${step > 0 ? "<" : ">"} ${stop}; ${advance})`,
        body: [{ t: "line", code: `${head} = BigInt(${k});` }, ...body],
      },
    ];
  }
  return [{ t: "block", head: `for (${head} of ${first ?? iterable(cx, g.iter).code})`, body }];
}

function comprehension(e: Extract<Expr, { k: "Comp" }>, cx: Context): TsExpr {
  const scope = cx.scopeOf(e.scope);
  const isAsync =
    e.generators.some((g) => g.isAsync) ||
    containsAwait(e.elt) ||
    (e.value !== null && containsAwait(e.value)) ||
    e.generators.some(
      (g, i) => (i > 0 && containsAwait(g.iter)) || g.ifs.some((c) => containsAwait(c)),
    );
  // `[*x for x in y]`: CPython's parser refuses it.
  if (e.elt.k === "Starred")
    throw cx.source.error(
      "SyntaxError",
      "iterable unpacking cannot be used in comprehension",
      e.elt.pos.line,
      e.elt.pos.col,
    );
  // An asynchronous generator expression may be made anywhere (it is an async generator).
  if (isAsync && e.kind !== "gen") {
    // In an async function, not in a class body there; or in an asynchronous comprehension.
    let s = cx.scope;
    while (s.kind === "comprehension" && !s.asyncGenexpr) s = s.parent!;
    if (!s.asyncGenexpr && !(s.kind === "function" && s.isAsync))
      throw cx.source.error(
        "SyntaxError",
        "asynchronous comprehension outside of an asynchronous function",
        e.pos.line,
        e.pos.col,
      );
  }
  // In a class body, only the first iterable sees the class's names.
  const g0 = e.generators[0]!;
  // A generator expression gets its first iterable as made here; other comprehensions may count
  // over a range of int literals, which is then not made at all.
  const firstRange = g0.isAsync || e.kind === "gen" ? null : literalRange(cx, g0.iter);
  const first =
    firstRange !== null ? "" : g0.isAsync ? cx.expr(g0.iter).code : iterable(cx, g0.iter).code;
  // `<genexpr>`, `main.<locals>.<genexpr>`: a generator expression's `__qualname__`.
  const qualname = scope.qualname.slice(0, -1);
  if (e.kind === "gen" && isAsync) scope.asyncGenexpr = true;
  const text = cx.inScope(scope, () => {
    // A closure made in the comprehension (`[lambda: i for i in xs]`) sees its variables as
    // Python's one comprehension scope has them: one binding, updated by every iteration.
    // So do loops that rebind a variable of an earlier loop (`[x for x in xs for x in f(x)]`):
    // the inner loop's iterable reads the outer binding, which a second `const x` would shadow.
    const shared: TsStmt[] = [];
    if (scope.children.length > 0 || rebindsTarget(e.generators)) {
      const names: string[] = [];
      for (const sym of scope.symbols.values()) {
        if (sym.scope !== scope) continue;
        cx.markDeclared(sym);
        names.push(`${mangle(sym.name)}: any`);
      }
      if (names.length > 0) shared.push({ t: "line", code: `let ${names.join(", ")};` });
    }
    if (e.kind === "gen" && isAsync) {
      // An asynchronous generator expression is an async generator object, given its first
      // iterable evaluated where the expression is (as a generator expression is, below).
      const asyncio = cx.asyncio();
      const it = cx.fresh("first");
      const body = [
        ...shared,
        ...loops(
          cx,
          e.generators,
          () => [{ t: "line", code: `yield ${asyncio}.asyncgen_yield(${cx.expr(e.elt).code});` }],
          it,
        ),
      ];
      return `${asyncio}.asyncgenfunction(function* $genexpr(${it}: any) {\n${indent(body)}}, ${jsString(qualname)})(${first})`;
    }
    if (e.kind === "gen") {
      // The first iterable is evaluated (and `iter()` called on it) where the expression is,
      // as in CPython: `(x for x in 5)` raises at once. The generator gets it as an argument.
      const it = cx.fresh("first");
      const body = [
        ...shared,
        ...loops(
          cx,
          e.generators,
          () => [{ t: "line", code: `yield ${cx.expr(e.elt).code};` }],
          it,
        ),
      ];
      return `${cx.helper("genexpr")}(function* $genexpr(${it}: any) {\n${indent(body)}}, ${jsString(qualname)}, ${first})`;
    }
    const r = cx.fresh("r");
    const init =
      e.kind === "list"
        ? "[]"
        : e.kind === "set"
          ? `${cx.runtime("set").code}()`
          : `${cx.runtime("dict").code}()`;
    const add = () => {
      if (e.kind === "list") return `${r}.push(${cx.expr(e.elt).code});`;
      if (e.kind === "set") return `${r}.add(${cx.expr(e.elt).code});`;
      return `${cx.helper("setitem")}(${r}, ${cx.expr(e.elt).code}, ${cx.expr(e.value!).code});`;
    };
    const firstArg =
      !isAsync && !g0.isAsync && containsAwait(g0.iter, true) ? cx.fresh("first") : null;
    const body: TsStmt[] = [
      { t: "line", code: `const ${r}${e.kind === "list" ? ": any[]" : ""} = ${init};` },
      ...shared,
      ...loops(cx, e.generators, () => [{ t: "line", code: add() }], firstArg ?? first, firstRange),
      { t: "line", code: `return ${r};` },
    ];
    const name = `$${e.kind}comp`;
    if (isAsync) return `yield* (function* ${name}() {\n${indent(body)}})()`;
    // One that calls `asyncio.run()` (or a function that does) in a sync `def` or at module
    // level is an async function, awaited (`[asyncio.run(f(x)) for x in xs]`).
    const fn = scope.blocks ? `await (async function` : "(function";
    // A first iterable that awaits or yields (`[x for x in await items()]`) suspends the
    // function around the comprehension: it is evaluated there and passed in.
    if (firstArg !== null) return `${fn} ${name}(${firstArg}: any) {\n${indent(body)}})(${first})`;
    return `${fn} ${name}() {\n${indent(body)}})()`;
  });
  const prec = isAsync && e.kind !== "gen" ? P.yield : scope.blocks ? P.unary : P.call;
  return { code: text, prec };
}

/** Does a loop of the comprehension bind a name an earlier loop of it binds too? */
function rebindsTarget(gens: Comprehension[]): boolean {
  const seen = new Set<string>();
  const names = (t: Expr): string[] =>
    t.k === "Name"
      ? [t.id]
      : t.k === "Tuple" || t.k === "List"
        ? t.elts.flatMap(names)
        : t.k === "Starred"
          ? names(t.value)
          : [];
  for (const g of gens) {
    const own = new Set(names(g.target));
    for (const n of own) if (seen.has(n)) return true;
    for (const n of own) seen.add(n);
  }
  return false;
}

function indent(body: TsStmt[]): string {
  return emit(body)
    .code.split("\n")
    .map((l) => (l === "" ? l : `  ${l}`))
    .join("\n");
}

export const comprehensions: Feature = {
  name: "comprehensions",
  expressions: {
    Comp: comprehension,
  },
};
