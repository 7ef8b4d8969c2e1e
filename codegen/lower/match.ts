/**
 * The `match` statement (PEP 634).
 *
 * ```ts
 * const $subject1 = command;
 * if (($t2 = $py.matchSequence($subject1, 2, -1)) !== null && $py.eq($t2[0], "go") && ((direction = $t2[1]), true)) {
 *   ...
 * } else if (...) {
 * ```
 * Each case is one condition: value patterns compare with `==` (`is` for None/True/False),
 * captures assign and yield `true`, sequence/mapping/class patterns check the subject's shape
 * through the runtime (`matchSequence`, `matchMapping`, `matchClassArg`) before matching their
 * parts. The guard is evaluated after the pattern's bindings, as in Python.
 */

import type { Pattern, Stmt } from "../ir";
import type { Context, Feature } from "./context";
import { block, line, P, par, type TsStmt } from "./output";

function bindName(cx: Context, name: string, value: string): string {
  return `((${cx.bindingPrefix(name).name} = ${value}), true)`;
}

function condition(cx: Context, pat: Pattern, subject: string): string {
  switch (pat.p) {
    case "wildcard":
      return "true";
    case "capture":
      return bindName(cx, pat.name, subject);
    case "value": {
      const v = pat.value;
      if (v.k === "Const" && v.value !== "Ellipsis") return `${subject} === ${cx.expr(v).code}`;
      return `${cx.helper("eq")}(${subject}, ${cx.expr(v).code})`;
    }
    case "or":
      return `(${pat.alts.map((a) => condition(cx, a, subject)).join(" || ")})`;
    case "as":
      return `(${condition(cx, pat.pattern, subject)} && ${bindName(cx, pat.name, subject)})`;
    case "sequence": {
      const t = cx.temp();
      const parts = [
        `(${t} = ${cx.helper("matchSequence")}(${subject}, ${pat.items.length}, ${pat.star})) !== null`,
      ];
      pat.items.forEach((item, i) => {
        if (i === pat.star) {
          if (pat.starName) parts.push(bindName(cx, pat.starName, `${t}[${i}]`));
        } else if (item.p !== "wildcard") parts.push(condition(cx, item, `${t}[${i}]`));
      });
      return parts.join(" && ");
    }
    case "mapping": {
      const t = cx.temp();
      const keys = `[${pat.keys.map((k) => cx.expr(k).code).join(", ")}]`;
      const parts = [`(${t} = ${cx.helper("matchMapping")}(${subject}, ${keys})) !== null`];
      pat.values.forEach((v, i) => {
        if (v.p !== "wildcard") parts.push(condition(cx, v, `${t}[${i}]`));
      });
      if (pat.rest)
        parts.push(bindName(cx, pat.rest, `${cx.helper("mappingRest")}(${subject}, ${keys})`));
      return parts.join(" && ");
    }
    case "class": {
      const cls = cx.expr(pat.cls).code;
      const parts = [`${cx.runtime("isinstance").code}(${subject}, ${cls})`];
      pat.args.forEach((a, i) => {
        const t = cx.temp();
        parts.push(
          `(${t} = ${cx.helper("matchClassArg")}(${subject}, ${cls}, ${i}, ${pat.args.length})) !== undefined`,
        );
        if (a.p !== "wildcard") parts.push(condition(cx, a, t));
      });
      for (const k of pat.kwargs) {
        parts.push(`${cx.runtime("hasattr").code}(${subject}, ${JSON.stringify(k.name)})`);
        if (k.pattern.p !== "wildcard") {
          parts.push(
            condition(
              cx,
              k.pattern,
              `${cx.runtime("getattr").code}(${subject}, ${JSON.stringify(k.name)})`,
            ),
          );
        }
      }
      return parts.join(" && ");
    }
  }
}

function lowerMatch(s: Extract<Stmt, { k: "Match" }>, cx: Context): TsStmt[] {
  const subject = cx.fresh("subject");
  const out: TsStmt[] = [line(`const ${subject} = ${cx.expr(s.subject).code};`, s.pos.line)];
  let head = "if";
  for (const c of s.cases) {
    let cond = condition(cx, c.pattern, subject);
    if (c.guard !== null)
      cond =
        cond === "true"
          ? cx.truthy(c.guard).code
          : `${cond} && ${par(cx.truthy(c.guard), P.and + 1)}`;
    if (cond === "true") {
      out.push(
        head === "if"
          ? block("", cx.block(c.body), c.pos.line)
          : block("else", cx.block(c.body), c.pos.line),
      );
      break;
    }
    out.push(block(`${head} (${cond})`, cx.block(c.body), c.pos.line));
    head = "else if";
  }
  // An irrefutable first case is a plain block: unwrap it.
  return out.flatMap((st) => (st.t === "block" && st.head === "" ? st.body : [st]));
}

export const match: Feature = {
  name: "match",
  statements: {
    Match: lowerMatch,
  },
};
