/**
 * CPython's symbol-table errors (Python/symtable.c) that tree-sitter's grammar lets through:
 *
 * - a `global` or `nonlocal` declaration of a name the scope already used, assigned, annotated
 *   or has as a parameter ("name 'x' is assigned to before global declaration"), and a name
 *   declared both ("name 'x' is nonlocal and global");
 * - assignment expressions in comprehensions: in an iterable ("assignment expression cannot be
 *   used in a comprehension iterable expression"), rebinding an iteration variable, or binding
 *   into a class body;
 * - binding or deleting `__debug__` (CPython's compiler: "cannot assign to __debug__").
 *
 * One walk over the module, a scope at a time, in source order (the order CPython's symtable
 * visits it): what a scope has done with a name so far decides whether a later declaration of it
 * is an error. Function and lambda bodies, class bodies and comprehensions are scopes of their
 * own; decorators, defaults, bases and a comprehension's first iterable belong to the enclosing
 * scope.
 */

import type { SourceFile } from "./diagnostics";
import { type Expr, type Pattern, type Pos, type Stmt, walkPattern } from "./ir";

/** What a scope has done with a name so far (CPython's symbol flags). */
interface Flags {
  param: boolean;
  used: boolean;
  assigned: boolean;
  annotated: boolean;
  global: Pos | null;
  nonlocal: Pos | null;
}

type ScopeKind = "module" | "function" | "class";

class Scope {
  readonly names = new Map<string, Flags>();
  constructor(readonly kind: ScopeKind) {}

  flags(name: string): Flags {
    let f = this.names.get(name);
    if (f === undefined) {
      f = {
        param: false,
        used: false,
        assigned: false,
        annotated: false,
        global: null,
        nonlocal: null,
      };
      this.names.set(name, f);
    }
    return f;
  }
}

/** A comprehension being walked: its iteration variables, and its assignment expressions' targets. */
interface Comp {
  iterVars: Set<string>;
  walrus: Set<string>;
}

export function checkSymtable(body: readonly Stmt[], source: SourceFile): void {
  new Walker(source).block(body, new Scope("module"), []);
}

class Walker {
  constructor(private readonly source: SourceFile) {}

  private error(detail: string, pos: Pos): never {
    throw this.source.error("SyntaxError", detail, pos.line, pos.col);
  }

  block(body: readonly Stmt[], scope: Scope, comps: Comp[]): void {
    for (const s of body) this.stmt(s, scope, comps);
  }

  private stmt(s: Stmt, scope: Scope, comps: Comp[]): void {
    switch (s.k) {
      case "Global":
      case "Nonlocal":
        for (const n of s.names)
          this.declare(scope, n, s.k === "Global" ? "global" : "nonlocal", s.pos);
        return;
      case "Expr":
        this.expr(s.value, scope, comps);
        return;
      case "Assign":
        this.expr(s.value, scope, comps);
        for (const t of s.targets) this.store(t, scope, comps);
        return;
      case "AugAssign":
        // A name target is only stored (CPython's symtable visits it in a Store context).
        if (s.target.k !== "Name") this.expr(s.target, scope, comps);
        this.expr(s.value, scope, comps);
        this.store(s.target, scope, comps);
        return;
      case "AnnAssign":
        if (s.target.k === "Name") {
          this.forbidden(s.target.id, s.target.pos);
          const f = scope.flags(s.target.id);
          if (f.global !== null || f.nonlocal !== null)
            this.error(
              `annotated name '${s.target.id}' can't be ${f.global !== null ? "global" : "nonlocal"}`,
              s.target.pos,
            );
        }
        this.expr(s.annotation, scope, comps);
        if (s.value !== null) this.expr(s.value, scope, comps);
        if (s.target.k === "Name") {
          scope.flags(s.target.id).annotated = true;
          if (s.value !== null) scope.flags(s.target.id).assigned = true;
        } else this.expr(s.target, scope, comps);
        return;
      case "Delete":
        for (const t of s.targets) this.store(t, scope, comps, "delete");
        return;
      case "For":
        this.expr(s.iter, scope, comps);
        this.store(s.target, scope, comps);
        this.block(s.body, scope, comps);
        this.block(s.orelse, scope, comps);
        return;
      case "With":
        for (const item of s.items) {
          this.expr(item.ctx, scope, comps);
          if (item.vars !== null) this.store(item.vars, scope, comps);
        }
        this.block(s.body, scope, comps);
        return;
      case "Try":
        this.block(s.body, scope, comps);
        for (const h of s.handlers) {
          if (h.type !== null) this.expr(h.type, scope, comps);
          if (h.name !== null) {
            this.forbidden(h.name, h.pos);
            scope.flags(h.name).assigned = true;
          }
          this.block(h.body, scope, comps);
        }
        this.block(s.orelse, scope, comps);
        this.block(s.finalbody, scope, comps);
        return;
      case "Import":
      case "ImportFrom":
        // An imported name is neither assigned nor used for these checks (CPython's DEF_IMPORT).
        for (const a of s.names)
          this.forbidden(a.asname ?? (s.k === "Import" ? a.name.split(".")[0]! : a.name), s.pos);
        return;
      case "FunctionDef": {
        const fn = s.fn;
        for (const d of fn.decorators) this.expr(d, scope, comps);
        this.forbidden(fn.name, s.pos);
        this.function(fn, scope, comps);
        scope.flags(fn.name).assigned = true;
        return;
      }
      case "ClassDef": {
        for (const d of s.decorators) this.expr(d, scope, comps);
        for (const b of s.bases) this.expr(b.value, scope, comps);
        this.forbidden(s.name, s.pos);
        this.block(s.body, new Scope("class"), []);
        scope.flags(s.name).assigned = true;
        return;
      }
      case "Match":
        this.expr(s.subject, scope, comps);
        for (const c of s.cases) {
          this.pattern(c.pattern, scope, comps);
          if (c.guard !== null) this.expr(c.guard, scope, comps);
          this.block(c.body, scope, comps);
        }
        return;
      case "If":
      case "While":
        this.expr(s.test, scope, comps);
        this.block(s.body, scope, comps);
        this.block(s.orelse, scope, comps);
        return;
      case "Return":
        if (s.value !== null) this.expr(s.value, scope, comps);
        return;
      case "Raise":
        if (s.exc !== null) this.expr(s.exc, scope, comps);
        if (s.cause !== null) this.expr(s.cause, scope, comps);
        return;
      case "Assert":
        this.expr(s.test, scope, comps);
        if (s.msg !== null) this.expr(s.msg, scope, comps);
        return;
      // Pass, Break, Continue, Comment: nothing.
    }
  }

  private function(
    fn: Extract<Stmt, { k: "FunctionDef" }>["fn"],
    scope: Scope,
    comps: Comp[],
  ): void {
    for (const p of fn.params) {
      if (p.default !== null) this.expr(p.default, scope, comps);
      if (p.annotation !== null) this.expr(p.annotation, scope, comps);
    }
    if (fn.returns !== null) this.expr(fn.returns, scope, comps);
    const inner = new Scope("function");
    for (const p of fn.params) {
      this.forbidden(p.name, p.pos);
      inner.flags(p.name).param = true;
    }
    this.block(fn.body, inner, []);
  }

  /** `global x` / `nonlocal x`: CPython's checks, in its order. */
  private declare(scope: Scope, name: string, kind: "global" | "nonlocal", pos: Pos): void {
    const f = scope.flags(name);
    const other = kind === "global" ? f.nonlocal : f.global;
    if (other !== null) this.error(`name '${name}' is nonlocal and global`, other);
    if (f.param) this.error(`name '${name}' is parameter and ${kind}`, pos);
    if (f.used) this.error(`name '${name}' is used prior to ${kind} declaration`, pos);
    if (f.annotated) this.error(`annotated name '${name}' can't be ${kind}`, pos);
    if (f.assigned) this.error(`name '${name}' is assigned to before ${kind} declaration`, pos);
    if (kind === "global") f.global = pos;
    else f.nonlocal = pos;
  }

  /** CPython's compiler refuses to bind `__debug__` (its value is fixed at compile time). */
  private forbidden(name: string, pos: Pos, what: "assign to" | "delete" = "assign to"): void {
    if (name === "__debug__") this.error(`cannot ${what} __debug__`, pos);
  }

  /** An assignment (or `del`) target. */
  private store(
    t: Expr,
    scope: Scope,
    comps: Comp[],
    what: "assign to" | "delete" = "assign to",
  ): void {
    switch (t.k) {
      case "Name":
        this.forbidden(t.id, t.pos, what);
        if (comps.length === 0) scope.flags(t.id).assigned = true;
        return;
      case "Tuple":
      case "List":
        for (const e of t.elts) this.store(e, scope, comps, what);
        return;
      case "Starred":
        this.store(t.value, scope, comps, what);
        return;
      case "Attribute":
        this.forbidden(t.attr, t.pos, what);
        this.expr(t, scope, comps);
        return;
      default:
        this.expr(t, scope, comps);
    }
  }

  private pattern(p: Pattern, scope: Scope, comps: Comp[]): void {
    walkPattern(
      p,
      (name) => {
        scope.flags(name).assigned = true;
      },
      (e) => this.expr(e, scope, comps),
    );
  }

  private expr(e: Expr, scope: Scope, comps: Comp[], inIterable = false): void {
    switch (e.k) {
      case "Name":
        if (comps.length === 0) scope.flags(e.id).used = true;
        return;
      case "NamedExpr":
        this.forbidden(e.target, e.pos);
        this.expr(e.value, scope, comps, inIterable);
        if (inIterable)
          this.error(
            "assignment expression cannot be used in a comprehension iterable expression",
            e.pos,
          );
        if (comps.length > 0) {
          if (comps.some((c) => c.iterVars.has(e.target)))
            this.error(
              `assignment expression cannot rebind comprehension iteration variable '${e.target}'`,
              e.pos,
            );
          if (scope.kind === "class")
            this.error(
              "assignment expression within a comprehension cannot be used in a class body",
              e.pos,
            );
        }
        // Inside a comprehension it binds in the scope around the comprehensions.
        for (const c of comps) c.walrus.add(e.target);
        scope.flags(e.target).assigned = true;
        return;
      case "Lambda":
        this.function(e.fn, scope, comps);
        return;
      case "Comp": {
        const comp: Comp = { iterVars: new Set(), walrus: new Set() };
        e.generators.forEach((g, i) => {
          // The first iterable is evaluated in the enclosing scope.
          this.expr(g.iter, scope, i === 0 ? comps : [...comps, comp], true);
          for (const n of targetNames(g.target)) {
            this.forbidden(n, g.target.pos);
            if (comp.walrus.has(n))
              this.error(
                `comprehension inner loop cannot rebind assignment expression target '${n}'`,
                g.target.pos,
              );
            comp.iterVars.add(n);
          }
          const inner = [...comps, comp];
          for (const c of g.ifs) this.expr(c, scope, inner, inIterable);
        });
        const inner = [...comps, comp];
        this.expr(e.elt, scope, inner, inIterable);
        if (e.value !== null) this.expr(e.value, scope, inner, inIterable);
        return;
      }
    }
    for (const [key, v] of Object.entries(e)) {
      if (key === "pos" || key === "k") continue;
      this.sub(v, scope, comps, inIterable);
    }
  }

  private sub(v: unknown, scope: Scope, comps: Comp[], inIterable: boolean): void {
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) this.sub(x, scope, comps, inIterable);
      return;
    }
    const n = v as { k?: string; value?: unknown; expr?: unknown };
    if (typeof n.k === "string") this.expr(v as Expr, scope, comps, inIterable);
    // Call arguments ({kind, value}), dict items ({key, value}), f-string parts ({expr, spec}).
    else for (const x of Object.values(n)) this.sub(x, scope, comps, inIterable);
  }
}

function targetNames(t: Expr): string[] {
  switch (t.k) {
    case "Name":
      return [t.id];
    case "Tuple":
    case "List":
      return t.elts.flatMap(targetNames);
    case "Starred":
      return targetNames(t.value);
    default:
      return [];
  }
}
