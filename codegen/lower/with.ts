/**
 * `with` and `async with`.
 *
 * ```ts
 * const $cm1 = $py.withCtx(open_thing());       // looks up __enter__ and __exit__
 * f = $cm1.enter();                              // __enter__()
 * try {
 *   ...
 * } catch ($e) {
 *   $cm1.exit($e);                               // __exit__(type, value, tb) with $e handled;
 * } finally {                                    //   re-raises $e unless that returns true
 *   $cm1.close();                                // __exit__(None, None, None) if not exited yet
 * }
 * ```
 *
 * `async with` is the same with `yield* $cm1.aenter()`, `yield* $cm1.aexit($e)` and
 * `yield* $cm1.aclose()` (`__aenter__`/`__aexit__`). Several items nest, left to right. The
 * protocol objects live in src/python/lang.ts.
 */

import { isRunnerCtor } from "../analyze";
import { lastStatementLine, type Stmt, type WithItem } from "../ir";
import { assignTo } from "./assign";
import { canAwait } from "./calls";
import type { Context, Feature } from "./context";
import { block, line, P, type TsStmt } from "./output";

function withItems(
  cx: Context,
  items: WithItem[],
  body: Stmt[],
  isAsync: boolean,
  pyLine: number,
): TsStmt[] {
  if (items.length === 0) return cx.block(body);
  const [item, ...rest] = items;
  const cm = cx.fresh("cm");
  const y = isAsync ? "yield* " : "";
  const out: TsStmt[] = [
    line(
      `const ${cm} = ${cx.helper(isAsync ? "asyncWithCtx" : "withCtx")}(${cx.expr(item!.ctx).code});`,
      pyLine,
    ),
  ];
  const enter = `${y}${cm}.${isAsync ? "aenter" : "enter"}()`;
  if (item!.vars !== null)
    out.push(
      ...assignTo(cx, item!.vars, { code: enter, prec: isAsync ? P.assign : P.call }, pyLine),
    );
  else out.push(line(`${enter};`, pyLine));
  const inner = withItems(cx, rest, body, isAsync, pyLine);
  // `with asyncio.Runner() as r:` - Runner.__exit__ closes the loop and returns a Promise (the
  // loop cannot block Node): await it where the function can await (as for Runner.run()).
  const blocking = !isAsync && isRunnerCtor(item!.ctx) && canAwait(cx);
  const lines = `$e, ${pyLine}, ${lastStatementLine(body, pyLine)}`;
  const exit = isAsync
    ? `yield* ${cm}.aexit(${lines})`
    : blocking
      ? `await ${cm}.exitAsync(${lines})`
      : `${cm}.exit(${lines})`;
  const close = isAsync ? `yield* ${cm}.aclose()` : `${blocking ? "await " : ""}${cm}.close()`;
  out.push(
    block("try", inner, pyLine),
    // `__exit__`/`__aexit__` run at the `with` line, as CPython's tracebacks show.
    block("catch ($e)", [line(`${exit};`, pyLine)], pyLine),
    block("finally", [line(`${close};`, pyLine)], pyLine),
  );
  return out;
}

export const withStatements: Feature = {
  name: "with",
  statements: {
    With: (s, cx) => {
      if (s.isAsync) {
        const fs = cx.scope.functionScope();
        if (!fs.fn?.isAsync)
          throw cx.source.error(
            "SyntaxError",
            "'async with' outside async function",
            s.pos.line,
            s.pos.col,
          );
      }
      return withItems(cx, s.items, s.body, s.isAsync, s.pos.line);
    },
  },
};
