/**
 * Literals and displays: numbers (int -> bigint `1n`, float -> number), strings, bytes,
 * f-strings, `True`/`False`/`None`/`...`, lists (JS arrays), tuples, sets and dicts (runtime
 * classes), and starred items inside displays.
 */

import type { Expr, FPart } from "../ir";
import type { Context, Feature } from "./context";
import { ex, jsString, P, type TsExpr } from "./output";

/** A JS float literal that reads back as the same number. */
export function floatLiteral(v: number): TsExpr {
  if (Number.isNaN(v)) return ex("Number.NaN");
  if (v === Number.POSITIVE_INFINITY) return ex("Number.POSITIVE_INFINITY");
  let s = String(v);
  if (/^\d+$/.test(s)) s = `${s}.0`; // keep `1.0` visibly a float
  return ex(s);
}

/**
 * Items of a list/tuple/set display: `[a, b]`, or `[a, ...$py.starIter(b)]` with starred items
 * (a set display's `$py.iter(b)`: CPython's messages differ).
 */
export function items(cx: Context, elts: Expr[], set = false): string {
  const star = set ? "iter" : "starIter";
  return elts
    .map((e) =>
      e.k === "Starred" ? `...${cx.helper(star)}(${cx.expr(e.value).code})` : cx.expr(e).code,
    )
    .join(", ");
}

function fstringPart(cx: Context, p: Exclude<FPart, string>): string {
  const v = cx.expr(p.expr).code;
  const spec = p.spec === null ? null : fstring(cx, p.spec).code;
  // `{x}` is `format(x, "")`: an object's `__format__` (`str(x)` unless it defines one).
  if (p.conv === null && spec === null) return `${cx.runtime("format").code}(${v})`;
  const conv = p.conv === "r" ? "repr" : p.conv === "a" ? "ascii" : p.conv === "s" ? "str" : null;
  const converted = conv === null ? v : `${cx.runtime(conv).code}(${v})`;
  return `${cx.runtime("format").code}(${converted}${spec === null ? "" : `, ${spec}`})`;
}

/** A template literal for an f-string (or a format spec with nested fields). */
function fstring(cx: Context, parts: FPart[]): TsExpr {
  if (parts.length === 0) return ex('""');
  if (parts.length === 1 && typeof parts[0] === "string") return ex(jsString(parts[0]));
  let out = "`";
  for (const p of parts) {
    if (typeof p === "string") {
      out += jsString(p)
        .slice(1, -1)
        .replace(/\\"/g, '"')
        .replace(/`/g, "\\`")
        .replace(/\$\{/g, "\\${");
    } else out += `\${${fstringPart(cx, p)}}`;
  }
  return ex(`${out}\``);
}

export const literals: Feature = {
  name: "literals",
  expressions: {
    Int: (e) => ex(`${e.value}n`),
    Float: (e) => floatLiteral(e.value),
    Str: (e) => ex(jsString(e.value)),
    Bytes: (e, cx) =>
      ex(`${cx.runtime("bytes").code}([${e.value.map((b) => `${b}n`).join(", ")}])`, P.call),
    FString: (e, cx) => fstring(cx, e.parts),
    Const: (e, cx) => {
      switch (e.value) {
        case "True":
          return ex("true");
        case "False":
          return ex("false");
        case "None":
          return ex("null");
        default:
          return cx.runtime("Ellipsis");
      }
    },
    List: (e, cx) => ex(`[${items(cx, e.elts)}]`),
    Tuple: (e, cx) => ex(`${cx.helper("tuple_of")}(${items(cx, e.elts)})`, P.call),
    // CPython builds a display of constants from a frozenset constant and any other display item
    // by item: the two give different iteration orders, and the runtime mirrors both.
    Set: (e, cx) => {
      if (e.elts.some((x) => x.k === "Starred"))
        return ex(`${cx.runtime("set").code}([${items(cx, e.elts, true)}])`, P.call);
      const constant = e.elts.every(
        (x) =>
          x.k === "Int" || x.k === "Float" || x.k === "Str" || x.k === "Bytes" || x.k === "Const",
      );
      return ex(
        `${cx.helper(constant ? "set_of_consts" : "set_of")}(${items(cx, e.elts, true)})`,
        P.call,
      );
    },
    Dict: (e, cx) => {
      // `{k: v, **m}` -> dict([[k, v], ...$py.dictItems(m)]): pairs in source order.
      const pairs = e.items.map((it) =>
        it.key === null
          ? `...${cx.helper("dictItems")}(${cx.expr(it.value).code})`
          : `[${cx.expr(it.key).code}, ${cx.expr(it.value).code}]`,
      );
      return ex(`${cx.runtime("dict").code}([${pairs.join(", ")}])`, P.call);
    },
    Starred: (e, cx) => {
      // Displays, calls and tuples lower their own `*x`: anywhere else is CPython's error.
      throw cx.source.error(
        "SyntaxError",
        "can't use starred expression here",
        e.pos.line,
        e.pos.col,
      );
    },
  },
};
