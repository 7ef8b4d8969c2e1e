/**
 * Private name mangling (CPython's `_Py_Mangle`), done once on the IR so every later stage
 * (analysis, lowering, error messages) sees the names CPython's compiler uses.
 *
 * Inside a class body, and everything nested in it (methods, nested functions, lambdas,
 * comprehensions), an identifier `__x` that does not end with `__` and has no dot becomes
 * `_Class__x`, Class being the innermost enclosing class's name without its leading underscores
 * (no mangling when that leaves nothing). It applies to names (loads, stores, `del`, `global`,
 * `nonlocal`, `except ... as`, `match` captures, import bindings, `def` and `class` names),
 * attribute names and parameter names. It does not apply to strings (`getattr(o, "__x")`),
 * keyword names of calls (CPython passes `f(__x=1)` as `__x`) nor a class pattern's keywords.
 * `__slots__` entries are mangled by the runtime when the class is made (src/python/lang.ts).
 *
 * A class's decorators, bases and keywords, and its own name, are in the enclosing scope: they
 * use the outer class's name. A mangled `def __helper` keeps `__helper` as its `__name__` and in
 * its `__qualname__` (`C.__helper`): `FunctionDef.pyName`/`ClassDef.pyName` hold the written name
 * (and the runtime's `named` gives the JS function that name, for traceback frames).
 *
 * It runs after symtable.ts, whose errors name what a `global` statement wrote (as CPython's do).
 */

import type { SourceFile } from "./diagnostics";
import type { Expr, FPart, FunctionDef, Pattern, Stmt } from "./ir";

/** `name` as CPython stores it inside class `className` (`null`: outside any class). */
export function mangleName(className: string | null, name: string): string {
  if (className === null || !name.startsWith("__") || name.endsWith("__") || name.includes("."))
    return name;
  const stripped = className.replace(/^_+/, "");
  return stripped === "" ? name : `_${stripped}${name}`;
}

/** The name a function or class was written with: its `__name__`. */
export function writtenName(def: { name: string; pyName?: string }): string {
  return def.pyName ?? def.name;
}

/**
 * Some identifier of the source may be private (`__x`, not `__x__`): else there is nothing to
 * mangle, and the walk is skipped (a string may match too; the walk then changes nothing).
 */
const PRIVATE =
  /(?<![\p{L}\p{N}\p{M}_])__[\p{L}\p{N}\p{M}_]*[\p{L}\p{N}\p{M}](?![\p{L}\p{N}\p{M}_])/u;

/** Mangle the private names of a module's classes in place. */
export function manglePrivateNames(body: Stmt[], source: SourceFile): void {
  if (PRIVATE.test(source.text)) new Mangler(source).block(body, null);
}

class Mangler {
  constructor(private readonly source: SourceFile) {}

  block(body: Stmt[], cls: string | null): void {
    for (const s of body) this.stmt(s, cls);
  }

  private stmt(s: Stmt, cls: string | null): void {
    const m = (n: string): string => mangleName(cls, n);
    const e = (x: Expr | null): void => this.expr(x, cls);
    switch (s.k) {
      case "Expr":
      case "Return":
        e(s.value);
        return;
      case "Assign":
        s.targets.forEach(e);
        e(s.value);
        return;
      case "AnnAssign":
        e(s.target);
        e(s.annotation);
        e(s.value);
        return;
      case "AugAssign":
        e(s.target);
        e(s.value);
        return;
      case "Global":
      case "Nonlocal":
        s.names = s.names.map(m);
        return;
      case "Delete":
        s.targets.forEach(e);
        return;
      case "Assert":
        e(s.test);
        e(s.msg);
        return;
      case "Raise":
        e(s.exc);
        e(s.cause);
        return;
      case "If":
      case "While":
        e(s.test);
        this.block(s.body, cls);
        this.block(s.orelse, cls);
        return;
      case "For":
        e(s.target);
        e(s.iter);
        this.block(s.body, cls);
        this.block(s.orelse, cls);
        return;
      case "Try":
        this.block(s.body, cls);
        for (const h of s.handlers) {
          e(h.type);
          if (h.name !== null) h.name = m(h.name);
          this.block(h.body, cls);
        }
        this.block(s.orelse, cls);
        this.block(s.finalbody, cls);
        return;
      case "With":
        for (const it of s.items) {
          e(it.ctx);
          e(it.vars);
        }
        this.block(s.body, cls);
        return;
      case "FunctionDef":
        this.function(s.fn, cls);
        return;
      case "ClassDef": {
        s.decorators.forEach(e);
        for (const b of s.bases) e(b.value);
        const own = s.name;
        const name = m(own);
        if (name !== own) {
          s.pyName = own;
          s.name = name;
        }
        this.block(s.body, own);
        return;
      }
      case "Import":
      case "ImportFrom":
        for (const al of s.names) {
          const bound = al.asname ?? al.name;
          if (m(bound) === bound) continue;
          if (al.asname === null && s.k === "Import" && bound.includes("."))
            throw this.source.error(
              "Unsupported",
              "importing a dotted module whose first name is private ('__x') in a class is not supported",
              al.pos.line,
              al.pos.col,
            );
          al.asname = m(bound);
        }
        return;
      case "Match":
        e(s.subject);
        for (const c of s.cases) {
          this.pattern(c.pattern, cls);
          e(c.guard);
          this.block(c.body, cls);
        }
        return;
      case "Pass":
      case "Break":
      case "Continue":
      case "Comment":
        return;
    }
  }

  private function(fn: FunctionDef, cls: string | null): void {
    // Decorators, defaults and annotations are evaluated where the `def` is; the body is in the
    // same class as far as mangling goes.
    for (const d of fn.decorators) this.expr(d, cls);
    for (const p of fn.params) {
      this.expr(p.default, cls);
      this.expr(p.annotation, cls);
      p.name = mangleName(cls, p.name);
    }
    this.expr(fn.returns, cls);
    if (!fn.isLambda) {
      const name = mangleName(cls, fn.name);
      if (name !== fn.name) {
        fn.pyName = fn.name;
        fn.name = name;
      }
    }
    this.block(fn.body, cls);
  }

  private pattern(p: Pattern, cls: string | null): void {
    const m = (n: string): string => mangleName(cls, n);
    switch (p.p) {
      case "capture":
        p.name = m(p.name);
        return;
      case "value":
        this.expr(p.value, cls);
        return;
      case "wildcard":
        return;
      case "as":
        this.pattern(p.pattern, cls);
        p.name = m(p.name);
        return;
      case "or":
        for (const a of p.alts) this.pattern(a, cls);
        return;
      case "sequence":
        for (const it of p.items) this.pattern(it, cls);
        if (p.starName !== null) p.starName = m(p.starName);
        return;
      case "mapping":
        for (const k of p.keys) this.expr(k, cls);
        for (const v of p.values) this.pattern(v, cls);
        if (p.rest !== null) p.rest = m(p.rest);
        return;
      case "class":
        // The keyword attribute names are not mangled (CPython looks up `__a` as written).
        this.expr(p.cls, cls);
        for (const a of p.args) this.pattern(a, cls);
        for (const k of p.kwargs) this.pattern(k.pattern, cls);
        return;
    }
  }

  private fparts(parts: FPart[], cls: string | null): void {
    for (const part of parts) {
      if (typeof part === "string") continue;
      this.expr(part.expr, cls);
      if (part.spec !== null) this.fparts(part.spec, cls);
    }
  }

  private expr(x: Expr | null, cls: string | null): void {
    // Outside any class an expression has nothing to mangle (a lambda holds no class).
    if (x === null || cls === null) return;
    const e = (y: Expr | null): void => this.expr(y, cls);
    switch (x.k) {
      case "Name":
        x.id = mangleName(cls, x.id);
        return;
      case "NamedExpr":
        x.target = mangleName(cls, x.target);
        e(x.value);
        return;
      case "Attribute":
        x.attr = mangleName(cls, x.attr);
        e(x.value);
        return;
      case "FString":
        this.fparts(x.parts, cls);
        return;
      case "List":
      case "Tuple":
      case "Set":
        x.elts.forEach(e);
        return;
      case "Dict":
        for (const it of x.items) {
          e(it.key);
          e(it.value);
        }
        return;
      case "Starred":
      case "Await":
      case "YieldFrom":
        e(x.value);
        return;
      case "Yield":
        e(x.value);
        return;
      case "Subscript":
        e(x.value);
        e(x.index);
        return;
      case "Slice":
        e(x.lower);
        e(x.upper);
        e(x.step);
        return;
      case "Call":
        e(x.func);
        for (const a of x.args) e(a.value);
        return;
      case "BinOp":
      case "BoolOp":
        e(x.left);
        e(x.right);
        return;
      case "UnaryOp":
        e(x.operand);
        return;
      case "Compare":
        e(x.left);
        x.comparators.forEach(e);
        return;
      case "IfExp":
        e(x.test);
        e(x.body);
        e(x.orelse);
        return;
      case "Lambda":
        this.function(x.fn, cls);
        return;
      case "Comp":
        e(x.elt);
        e(x.value);
        for (const g of x.generators) {
          e(g.target);
          e(g.iter);
          g.ifs.forEach(e);
        }
        return;
      case "Int":
      case "Float":
      case "Str":
      case "Bytes":
      case "Const":
        return;
    }
  }
}
