/**
 * `try`/`except`/`else`/`finally`, `raise`, `raise ... from ...`, `assert`.
 *
 * ```ts
 * try {
 *   ...
 * } catch ($e) {
 *   const $err1 = $py.pyexc($e);          // JS errors become Python exceptions
 *   if ($err1 instanceof ValueError) {
 *     e = $err1;
 *     ...
 *   } else {
 *     throw $err1;                        // nothing matched: re-raise
 *   }
 * }
 * ```
 *
 * `else` runs only when the body finished without an exception, outside the handlers (a flag
 * set at the end of the body). A bare `raise` re-raises the exception being handled.
 */

import type { Expr, Stmt } from "../ir";
import { BUILTIN_CLASSES, type Context, type Feature } from "./context";
import { block, line, P, par, type TsStmt } from "./output";

/** `$err instanceof T` for `except T`, `except (A, B)` and dynamic tuples. */
function matches(cx: Context, err: string, type: Expr): string {
  if (type.k === "Tuple")
    return type.elts
      .map((t) => par({ code: matches(cx, err, t), prec: P.relational }, P.or + 1))
      .join(" || ");
  if (type.k === "Name" || type.k === "Attribute")
    return `${err} instanceof ${par(cx.expr(type), P.call)}`;
  return `${cx.helper("exceptionMatches")}(${err}, ${cx.expr(type).code})`;
}

/**
 * `try ... except* T:` -> the handlers run in order on the parts of the exception group that
 * match (`$py.exceptStarMatch`), and what no handler matched is re-raised at the end.
 */
function tryStarStatement(s: Extract<Stmt, { k: "Try" }>, cx: Context): TsStmt[] {
  if (s.orelse.length > 0) throw cx.unsupported(s.pos, "'else' with 'except*'");
  const state = cx.fresh("star");
  const chain: TsStmt[] = [line(`const ${state} = ${cx.helper("exceptStar")}($e);`)];
  for (const h of s.handlers) {
    if (h.type === null)
      throw cx.source.error(
        "SyntaxError",
        "expected one or more exception types",
        h.pos.line,
        h.pos.col,
      );
    const m = cx.fresh("match");
    const body: TsStmt[] = [];
    cx.pushHandling(m);
    try {
      if (h.name) body.push(line(`${cx.bindingPrefix(h.name).name} = ${m};`, h.pos.line));
      body.push(...cx.block(h.body));
    } finally {
      cx.popHandling();
    }
    chain.push(
      line(
        `const ${m} = ${cx.helper("exceptStarMatch")}(${state}, ${cx.expr(h.type).code});`,
        h.pos.line,
      ),
    );
    chain.push(block(`if (${m} !== null)`, body, h.pos.line));
  }
  const rest = cx.fresh("rest");
  chain.push(line(`const ${rest} = ${cx.helper("exceptStarRest")}(${state});`));
  chain.push(line(`if (${rest} !== null) throw ${rest};`));
  const out: TsStmt[] = [block("try", cx.block(s.body), s.pos.line), block("catch ($e)", chain)];
  if (s.finalbody.length > 0) out.push(block("finally", cx.block(s.finalbody)));
  return out;
}

function tryStatement(s: Extract<Stmt, { k: "Try" }>, cx: Context): TsStmt[] {
  if (s.star) return tryStarStatement(s, cx);
  const out: TsStmt[] = [];
  let okFlag: string | null = null;
  const body = cx.block(s.body);
  if (s.orelse.length > 0 && s.handlers.length > 0) {
    okFlag = cx.fresh("ok");
    out.push(line(`let ${okFlag} = false;`, s.pos.line));
    body.push(line(`${okFlag} = true;`));
  }
  const tryParts: TsStmt[] = [block("try", body, s.pos.line)];
  if (s.handlers.length > 0) {
    const err = cx.fresh("err");
    const chain: TsStmt[] = [];
    let open: string | null = "if";
    const handlerBody = (h: (typeof s.handlers)[number]): TsStmt[] => {
      cx.pushHandling(err);
      try {
        const pre = h.name ? [line(`${cx.bindingPrefix(h.name).name} = ${err};`, h.pos.line)] : [];
        return [...pre, ...cx.block(h.body)];
      } finally {
        cx.popHandling();
      }
    };
    let catchAll = false;
    for (const h of s.handlers) {
      if (h.type === null) {
        if (open === "if") chain.push(...handlerBody(h));
        else chain.push(block("else", handlerBody(h), h.pos.line));
        catchAll = true;
        break;
      }
      chain.push(block(`${open} (${matches(cx, err, h.type)})`, handlerBody(h), h.pos.line));
      open = "else if";
    }
    if (!catchAll) chain.push(block("else", [line(`throw ${err};`)]));
    tryParts.push(
      block("catch ($e)", [line(`const ${err} = ${cx.helper("toPyException")}($e);`), ...chain]),
    );
  }
  if (okFlag !== null) {
    const inner = [...tryParts, block(`if (${okFlag})`, cx.block(s.orelse))];
    if (s.finalbody.length > 0) {
      out.push(block("try", inner, s.pos.line), block("finally", cx.block(s.finalbody)));
      return out;
    }
    out.push(...inner);
    return out;
  }
  if (s.orelse.length > 0) {
    // try/else without handlers (only finally): the else part just follows the body.
    (tryParts[0] as { body: TsStmt[] }).body.push(...cx.block(s.orelse));
  }
  if (s.finalbody.length > 0) tryParts.push(block("finally", cx.block(s.finalbody)));
  return [...out, ...tryParts];
}

/** The exception object for `raise X`: `new X()` when X is a class name, else X itself. */
function exceptionValue(cx: Context, e: Expr): string {
  if (e.k === "Name") {
    const sym = cx.lookup(e.id);
    if ((sym === null && BUILTIN_CLASSES.has(e.id)) || sym?.cls) return `new ${cx.expr(e).code}()`;
    return `${cx.helper("exceptionOf")}(${cx.expr(e).code})`;
  }
  if (e.k === "Call") return cx.expr(e).code;
  return `${cx.helper("exceptionOf")}(${cx.expr(e).code})`;
}

export const exceptions: Feature = {
  name: "exceptions",
  statements: {
    Try: tryStatement,
    Raise: (s, cx) => {
      if (s.exc === null) {
        const h = cx.handling;
        if (h === null) throw cx.unsupported(s.pos, "a bare 'raise' outside an except block");
        return [line(`throw ${h};`, s.pos.line)];
      }
      let exc = exceptionValue(cx, s.exc);
      // Inside an except block the handled exception becomes `__context__`.
      const handled = cx.handling;
      if (handled !== null) exc = `${cx.helper("withContext")}(${exc}, ${handled})`;
      if (s.cause !== null) {
        const cause =
          s.cause.k === "Const" && s.cause.value === "None" ? "null" : exceptionValue(cx, s.cause);
        return [line(`throw ${cx.helper("withCause")}(${exc}, ${cause});`, s.pos.line)];
      }
      return [line(`throw ${exc};`, s.pos.line)];
    },
    Assert: (s, cx) => {
      const msg = s.msg === null ? "" : cx.expr(s.msg).code;
      return [
        line(
          `if (!${par(cx.truthy(s.test), P.unary)}) throw new ${cx.runtime("AssertionError").code}(${msg});`,
          s.pos.line,
        ),
      ];
    },
  },
};
