/**
 * Type hints -> TypeScript types.
 *
 * `int` -> `bigint`, `float` -> `number | bigint` (PEP 484: an int is acceptable where a float is
 * expected), `str` -> `string`, `bool` -> `boolean`, `None` -> `null`, `list[T]` -> `T[]`,
 * `Optional[T]` and `T | None` -> `T | null`. Everything else (classes, generics, protocols) is
 * `any`: annotations are documentation in Python and are not enforced, so the generated types must
 * never reject a program CPython runs. For the same reason `int`, `float` and `str` are `any` in a
 * module that subclasses them (`widened`): an instance of `class UserId(int)` is an object.
 */

import type { Expr } from "../ir";

const SIMPLE: Record<string, string> = {
  int: "bigint",
  float: "number | bigint",
  str: "string",
  bool: "boolean",
  None: "null",
};

/** `t | null`, unless `t` is `any` or already admits null (`Optional[str] = None`). */
export function orNull(t: string): string {
  return t === "any" || t.split(" | ").includes("null") ? t : `${t} | null`;
}

const NONE: ReadonlySet<string> = new Set();

export function tsType(e: Expr | null, widened: ReadonlySet<string> = NONE): string {
  if (e === null) return "any";
  switch (e.k) {
    case "Name":
      return widened.has(e.id) ? "any" : (SIMPLE[e.id] ?? "any");
    case "Const":
      return e.value === "None" ? "null" : "any";
    case "Str":
      return "any";
    case "BinOp": {
      if (e.op !== "|") return "any";
      const l = tsType(e.left, widened);
      const r = tsType(e.right, widened);
      if (l === "any" || r === "any") return "any";
      return r === "null" ? orNull(l) : `${l} | ${r}`;
    }
    case "Subscript": {
      const base =
        e.value.k === "Name" ? e.value.id : e.value.k === "Attribute" ? e.value.attr : "";
      if (base === "list" || base === "List") {
        const inner = tsType(e.index, widened);
        return inner.includes(" ") ? `(${inner})[]` : `${inner}[]`;
      }
      if (base === "Optional") {
        const inner = tsType(e.index, widened);
        return orNull(inner);
      }
      return "any";
    }
    default:
      return "any";
  }
}

/** The TS type for a name whose Python type analysis inferred. */
export function inferredType(ty: string): string {
  switch (ty) {
    case "int":
      return "bigint";
    case "float":
      return "number";
    case "str":
      return "string";
    case "bool":
      return "boolean";
    default:
      return "any";
  }
}
