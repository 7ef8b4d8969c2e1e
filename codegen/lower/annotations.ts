/**
 * Functions' `__annotations__`: CPython 3.13 evaluates a `def`'s annotations when the `def` runs
 * and keeps them in a dict (`{'x': <class 'int'>, 'return': <class 'str'>}`). Generated code
 * keeps them only in a module whose source mentions `__annotations__` (a textual check, like the
 * attribute hooks of lower/assign.ts): there every `def` gets
 * `$py.annotate(f, [["x", int], ["return", str]])` (src/python/annotations.ts) where it is made,
 * inside its decorators (lower/functions.ts, and methods in lower/classes.ts, after the class is
 * made). Elsewhere annotations cost nothing (they are TypeScript types only), and a function's
 * `__annotations__` reads as `{}` (protocol.ts); only a function under a plain `@f.register`
 * decorator keeps its first annotation, which `functools.singledispatch` dispatches on.
 *
 * What the runtime cannot evaluate as CPython does is refused: `list[int]` (no
 * `types.GenericAlias`), `X | Y` (no `types.UnionType`), a quoted name inside a subscript
 * (typing's `ForwardRef`), and in a method the class whose body is running (a NameError in
 * CPython, which evaluates a method's annotations before the class exists).
 *
 * With `from __future__ import annotations` the values would be the annotations' source text as
 * `ast.unparse` spells it, which is not reproduced: reading `__annotations__` there is refused.
 *
 * A module that imports `inspect` and mentions `signature`/`Signature` keeps every function's
 * annotations (lambdas too) and its parameter list, the third argument of `$py.annotate`
 * (`["self", "a", "/", "*args", "k", "**kw"]`), which `inspect.signature` reads
 * (src/python/stdlib/inspect.ts) with the function's `__defaults__` and `__kwdefaults__`.
 */

import type { Scope } from "../analyze";
import type { Expr, FunctionDef } from "../ir";
import type { Context } from "./context";

const FUTURE = /^\s*from\s+__future__\s+import\s+[^\n]*\bannotations\b/m;

/**
 * The `[name, value]` pairs of `fn`'s annotations as a TS array literal, evaluated here (where
 * the `def` runs), or null when the program does not read `__annotations__`.
 */
export function annotationEntries(cx: Context, fn: FunctionDef): string | null {
  const text = textChecks(cx);
  // A module using `inspect.signature` gives every function (lambdas too) its annotations and
  // its parameter list, the third argument of `$py.annotate` (src/python/stdlib/inspect.ts).
  if (cx.options.signatures === true || text.signature) {
    const annotated = annotatedNames(fn);
    if (annotated.length > 0 && text.future)
      throw cx.unsupported(
        fn.pos,
        "inspect.signature of annotated functions under 'from __future__ import annotations' (annotations as source text)",
      );
    const entries = annotated.map(([n, e]) => `[${JSON.stringify(n)}, ${value(cx, e)}]`);
    return `[${entries.join(", ")}], ${parameterList(fn)}`;
  }
  if (fn.isLambda) return null;
  let annotated = annotatedNames(fn);
  if (!text.annotations) {
    // A function under a plain `@f.register` decorator (`functools.singledispatch`) dispatches on
    // its first annotation (CPython reads `get_type_hints(func)`): that function alone keeps it.
    if (!fn.decorators.some((d) => d.k === "Attribute" && d.attr === "register")) return null;
    annotated = annotated.slice(0, 1);
  } else if (text.future)
    throw cx.unsupported(
      fn.pos,
      "a function's '__annotations__' under 'from __future__ import annotations' (annotations as source text)",
    );
  const entries = annotated.map(([name, e]) => `[${JSON.stringify(name)}, ${value(cx, e)}]`);
  return `[${entries.join(", ")}]`;
}

/** What the textual checks found in a module's source. */
interface TextChecks {
  signature: boolean;
  annotations: boolean;
  future: boolean;
}

// Made once per module (one Context each), not once per function: a check of the whole source
// for each `def` made transpiling grow with the square of the module's size.
const checksCache = new WeakMap<Context, TextChecks>();

function textChecks(cx: Context): TextChecks {
  let checks = checksCache.get(cx);
  if (checks === undefined) {
    const text = cx.source.text;
    checks = {
      signature: usesSignature(text),
      annotations: text.includes("__annotations__"),
      future: FUTURE.test(text),
    };
    checksCache.set(cx, checks);
  }
  return checks;
}

const IMPORTS_INSPECT = /^\s*(?:import\s+[^\n]*\binspect\b|from\s+inspect\s+import\b)/m;

/**
 * Does the module use `inspect.signature` (or `Signature`)? A textual check, as for
 * `__annotations__`: programs none of whose modules does pay nothing (`transpileProgram` sets
 * `signatures` for all the modules of a program where one does).
 */
export function usesSignature(text: string): boolean {
  return IMPORTS_INSPECT.test(text) && /\b(?:signature|Signature)\b/.test(text);
}

/**
 * `fn`'s parameters as `$py.signature` spells them, `self` included (not a class method's `cls`):
 * `["a", "/", "b", "*args", "c", "**kw"]`, with `"*"` before keyword-only parameters that
 * follow no `*args`.
 */
function parameterList(fn: FunctionDef): string {
  const spec: string[] = [];
  let sawPosOnly = false;
  let sawStar = false;
  // A class method is read from its class bound to it (its `cls` is `this`): no `cls` here.
  const classMethod = fn.decorators.some((d) => d.k === "Name" && d.id === "classmethod");
  for (const p of classMethod ? fn.params.slice(1) : fn.params) {
    if (p.kind === "posonly") sawPosOnly = true;
    else if (sawPosOnly) {
      spec.push("/");
      sawPosOnly = false;
    }
    if (p.kind === "kwonly" && !sawStar) spec.push("*");
    if (p.kind === "vararg" || p.kind === "kwonly") sawStar = true;
    spec.push(p.kind === "vararg" ? `*${p.name}` : p.kind === "kwarg" ? `**${p.name}` : p.name);
  }
  if (sawPosOnly) spec.push("/");
  return JSON.stringify(spec);
}

/** `fn`'s annotated parameters (and `return`) with their annotations, in CPython's order. */
function annotatedNames(fn: FunctionDef): [string, Expr][] {
  const out: [string, Expr][] = [];
  // CPython's order: the ordinary parameters, then the positional-only ones, `*args`, the
  // keyword-only ones, `**kwargs` (`compiler_visit_annotations`).
  const order = ["normal", "posonly", "vararg", "kwonly", "kwarg"];
  for (const kind of order)
    for (const p of fn.params)
      if (p.kind === kind && p.annotation !== null) out.push([p.name, p.annotation]);
  if (fn.returns !== null) out.push(["return", fn.returns]);
  return out;
}

/** Builtin types whose subscription (`list[int]`) is a `types.GenericAlias` in CPython. */
const GENERIC_BUILTINS = new Set(["list", "dict", "tuple", "set", "frozenset", "type"]);

/**
 * An annotation's value. The runtime has no `types.GenericAlias` (`list[int]` is `list`) nor
 * `types.UnionType` (`int | None` raises TypeError): those are refused (`typing.List[int]` and
 * `Optional[int]` are exact).
 */
function value(cx: Context, e: Expr): string {
  const visit = (x: Expr, inGeneric: boolean): void => {
    if (x.k === "Subscript") {
      if (
        x.value.k === "Name" &&
        GENERIC_BUILTINS.has(x.value.id) &&
        cx.lookup(x.value.id) === null
      )
        throw cx.unsupported(
          x.pos,
          `'${x.value.id}[...]' in an annotation read through '__annotations__' (use typing's generics)`,
        );
      visit(x.value, inGeneric);
      visit(x.index, true);
    } else if (x.k === "BinOp" && x.op === "|")
      throw cx.unsupported(
        x.pos,
        "'X | Y' in an annotation read through '__annotations__' (use typing.Union / Optional)",
      );
    // typing makes a quoted name inside a generic a `ForwardRef('Node')`; the runtime's typing
    // keeps the string.
    else if (x.k === "Str" && inGeneric)
      throw cx.unsupported(
        x.pos,
        "a quoted name inside a subscripted annotation read through '__annotations__'",
      );
    else if (x.k === "Tuple" || x.k === "List") for (const y of x.elts) visit(y, inGeneric);
    else if (x.k === "Attribute") visit(x.value, inGeneric);
    else if (x.k === "Name") {
      // A method's annotations are evaluated after its class is made (lower/classes.ts); in
      // CPython, naming a class whose body is still running is a NameError.
      const cls = cx.lookup(x.id)?.cls ?? null;
      for (let s: Scope | null = cx.scope; s?.kind === "class"; s = s.parent)
        if (cls !== null && s.cls === cls)
          throw cx.unsupported(
            x.pos,
            `naming the class '${x.id}' in an annotation inside its own body, read through '__annotations__' (quote it)`,
          );
    }
  };
  visit(e, false);
  return cx.expr(e).code;
}
