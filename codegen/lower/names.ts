/**
 * Names, attributes, subscripts and slices.
 *
 * A name reads its mangled TS binding (see context.ts for the rule). `obj.attr` is a JS property
 * access (the runtime gives Python classes bound methods and class attributes on instances).
 * `a[i]` is `$py.getitem(a, i)` (negative indexes, slices, dicts, `__getitem__`).
 */

import type { Expr } from "../ir";
import { BUILTIN_METHODS, RUNTIME_METHODS } from "./calls";
import type { Context, Feature } from "./context";
import { ex, P, par, type TsExpr } from "./output";

/** `a:b:c` as three arguments (`null` for an omitted part). */
export function sliceParts(cx: Context, s: Extract<Expr, { k: "Slice" }>): string[] {
  return [s.lower, s.upper, s.step].map((x) => (x === null ? "null" : cx.expr(x).code));
}

export function sliceOrIndex(cx: Context, index: Expr): TsExpr {
  return cx.expr(index);
}

export const names: Feature = {
  name: "names",
  expressions: {
    Name: (e, cx) => cx.name(e.id, e.pos),
    Attribute: (e, cx) => {
      const obj = cx.expr(e.value);
      // A method read as a value (`loop.call_soon(self.tick)`) must be bound to its object.
      const isMethod =
        cx.analysis.methodNames.has(e.attr) ||
        ((BUILTIN_METHODS.has(e.attr) || RUNTIME_METHODS.has(e.attr)) && !cx.isSelf(e.value));
      if (isMethod && !cx.isModule(e.value)) {
        return ex(`${cx.runtime("getattr").code}(${obj.code}, ${JSON.stringify(e.attr)})`, P.call);
      }
      return ex(`${par(obj, P.call)}.${e.attr}`, P.call);
    },
    Subscript: (e, cx) =>
      ex(
        `${cx.helper("getitem")}(${cx.expr(e.value).code}, ${sliceOrIndex(cx, e.index).code})`,
        P.call,
      ),
    Slice: (e, cx) => {
      const part = (x: Expr | null) => (x === null ? "null" : cx.expr(x).code);
      return ex(
        `${cx.runtime("slice").code}(${part(e.lower)}, ${part(e.upper)}, ${part(e.step)})`,
        P.call,
      );
    },
  },
};
