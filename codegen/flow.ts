/**
 * Part of stage 3 (analysis): definite assignment, to find every read of a name that may be
 * unbound when it runs.
 *
 * Transpiled variables are `undefined` while unbound (before their first binding, after `del`).
 * CPython raises there, so each read that is not provably bound goes through a run-time check
 * with CPython's message (src/python/functions.ts): a function's local (`UnboundLocalError:
 * cannot access local variable 'x' where it is not associated with a value`), an enclosing
 * function's variable (`NameError: cannot access free variable 'x' where it is not associated
 * with a value in enclosing scope`) or a module-level name (`NameError: name 'x' is not
 * defined`). Reads proven bound stay plain reads.
 *
 * ## The analysis
 *
 * A forward data-flow pass over each function (and the module) body. The state at a point is the
 * set of the scope's names that are bound on every path to it (a bit mask); paths join by
 * intersection. Bindings add names, `del` and the end of an `except ... as e:` block remove them.
 *
 * - `if`/`match`: the branches start from the same state and join; a `match` without an
 *   irrefutable case also joins the state where no case matched.
 * - Loops: the state at the head is the entry state joined with the end of the body and every
 *   `continue`, computed to a fixpoint; after the loop: the head (the test failed or the iterable
 *   ended) joined with every `break`.
 * - `try`: an exception may come anywhere in the body, so a handler starts from the entry state
 *   less every name the body deletes; `finally` starts from the entry state less every name the
 *   whole statement deletes (it also runs on `return`, `break` and exceptions), and the state
 *   after the statement is the `finally` block run on the join of the normal ends.
 * - `with`: `__exit__` may suppress an exception from the body, so after the statement only
 *   what was bound before the body (less what the body deletes) is certain, unless the body ends
 *   normally — the join of both.
 * - `return`, `raise`, `break`, `continue` end a path.
 * - Comprehensions other than generator expressions run inline (PEP 709), as does a class body.
 *
 * A read inside a nested function (or generator expression) runs at an unknown time: it is plain
 * only when the name was bound where the nested function was created (its `def` or `lambda`, or
 * the `class` statement around it) and no `del` anywhere can unbind it. A name bound only by one
 * `def` or `class` statement is also read plainly there: JS hoists function declarations (and
 * gives classes a temporal dead zone), so a call before the `def` differs from CPython
 * (docs/DIFFERENCES.md).
 */

import type { Scope, SymbolInfo } from "./analyze";
import type { Expr, FPart, Module, Pattern, Stmt } from "./ir";

/** Which message a failed check raises (see the header). */
export type UnboundKind = "local" | "free" | "global";

type State = bigint | null;

function join(a: State, b: State): State {
  if (a === null) return b;
  if (b === null) return a;
  return a & b;
}

/** Is `scope` run inline by its parent (a class body, a non-generator comprehension)? */
function inline(scope: Scope): boolean {
  return scope.kind === "class" || (scope.kind === "comprehension" && !scope.isGenerator);
}

/** The function, module or generator-expression scope whose code runs `scope`'s code. */
function flowOf(scope: Scope): Scope {
  let s = scope;
  while (inline(s)) s = s.parent!;
  return s;
}

interface Loop {
  breaks: State;
  continues: State;
  /** How many `finally` blocks were open when the loop started. */
  finallyDepth: number;
}

/** Results shared by the walkers of one module. */
class FlowResult {
  readonly checks = new Map<Expr, UnboundKind>();
  readonly walkers = new Map<Scope, Walker>();

  constructor(readonly scopeOf: Map<number, Scope>) {}

  check(e: Expr, sym: SymbolInfo, kind: UnboundKind): void {
    this.checks.set(e, kind);
    // The variable must exist (declared up front) for the check to see `undefined`.
    sym.readBeforeBinding = true;
  }

  /** Is a read of `sym` from `scope` (code nested in the owner's, run later) certainly bound? */
  nestedRead(sym: SymbolInfo, scope: Scope): boolean {
    if (sym.deleted) return false;
    if (sym.isFunctionOnly && sym.bindings === 1 && !sym.hoist) return true;
    let c = scope;
    while (c.parent !== null && c.parent !== sym.scope) c = c.parent;
    const owner = this.walkers.get(sym.scope);
    // Not walked: the owner binds every name before any read of it (see `needsWalk`).
    if (owner === undefined) return true;
    const at = owner.creation.get(c);
    if (at === undefined) return true; // created in unreachable code: never runs
    return (at & owner.bit(sym.name)) !== 0n;
  }
}

/** Can a name of this symbol be read while unbound in its own scope's code? */
function risky(sym: SymbolInfo): boolean {
  return sym.deleted || sym.hoist || sym.readBeforeBinding;
}

/** Does code nested in `scope` run later (a function, lambda or generator expression)? */
function hasNestedCode(scope: Scope): boolean {
  for (const c of scope.children)
    if (!inline(c) || c.kind === "class" || hasNestedCode(c)) return true;
  return false;
}

/**
 * Must this function (or module) be walked? Not when every name it owns is first bound by a
 * statement of its own block, before any read of it, and never deleted (then every read of it
 * there comes after that binding) and nothing nested needs the states where it was created.
 */
function needsWalk(scope: Scope): boolean {
  if (scope.kind === "module" || scope.globals.size > 0 || scope.nonlocals.size > 0) return true;
  for (const sym of scope.symbols.values()) if (risky(sym)) return true;
  return hasNestedCode(scope);
}

class Walker {
  private readonly bits = new Map<string, bigint>();
  /** The state where each nested scope was created (for reads inside it). */
  readonly creation = new Map<Scope, bigint>();
  private readonly loops: Loop[] = [];
  /** Names deleted by each open `finally` block (a jump out of the `try` runs it). */
  private readonly finallyDels: bigint[] = [];

  constructor(
    private readonly r: FlowResult,
    readonly scope: Scope,
  ) {}

  bit(name: string): bigint {
    let b = this.bits.get(name);
    if (b === undefined) {
      b = 1n << BigInt(this.bits.size);
      this.bits.set(name, b);
    }
    return b;
  }

  /** Does this walk track `name` as read or bound from `from` (a scope run inline)? */
  private tracks(name: string, sym: SymbolInfo): boolean {
    return (
      sym.scope === this.scope || this.scope.globals.has(name) || this.scope.nonlocals.has(name)
    );
  }

  run(body: Stmt[], params: string[]): void {
    let s: bigint = 0n;
    for (const p of params) s |= this.bit(p);
    this.block(body, s);
  }

  // ---- names

  /**
   * A read (or `del`) of a name this walk tracks: its own names, and the ones it declares
   * `global`/`nonlocal`. Reads of other scopes' names from nested code are judged afterwards
   * (`unboundReads`), from the state where that code was created.
   */
  private read(e: Expr & { k: "Name" }, scope: Scope, s: State): void {
    if (s === null || flowOf(scope) !== this.scope) return; // unreachable, or nested code
    const sym = scope.lookup(e.id);
    if (sym === null || sym.scope.kind === "class" || sym.scope.kind === "comprehension") return;
    if (!this.tracks(e.id, sym)) return;
    const owner = sym.scope;
    const bound = (s & this.bit(e.id)) !== 0n;
    if (owner === this.scope) {
      if (bound && !sym.deletedElsewhere) return;
      let viaClass = false;
      for (let c = scope; c !== this.scope; c = c.parent!) if (c.kind === "class") viaClass = true;
      const kind = owner.kind === "module" ? "global" : viaClass ? "free" : "local";
      this.r.check(e, sym, kind);
      return;
    }
    if ((bound && !sym.deleted) || this.r.nestedRead(sym, this.scope)) return;
    this.r.check(e, sym, owner.kind === "module" ? "global" : "free");
  }

  /** Bind `name` in `scope` (only the names of this walk's own scope are tracked). */
  private bind(name: string, scope: Scope, s: State): State {
    if (s === null || scope !== this.scope) return s;
    return s | this.bit(name);
  }

  private unbind(name: string, s: State): State {
    return s === null ? s : s & ~this.bit(name);
  }

  private created(scope: Scope, s: State): void {
    if (s === null) return;
    const prev = this.creation.get(scope);
    this.creation.set(scope, prev === undefined ? s : prev & s);
  }

  // ---- statements

  block(body: Stmt[], s: State): State {
    for (const st of body) s = this.stmt(st, s);
    return s;
  }

  private stmt(st: Stmt, s: State): State {
    const scope = this.scope;
    switch (st.k) {
      case "Expr":
        return this.expr(st.value, scope, s);
      case "Assign":
        s = this.expr(st.value, scope, s);
        for (const t of st.targets) s = this.target(t, scope, s);
        return s;
      case "AnnAssign":
        if (st.value === null) return st.target.k === "Name" ? s : this.expr(st.target, scope, s);
        s = this.expr(st.value, scope, s);
        return this.target(st.target, scope, s);
      case "AugAssign":
        s = this.expr(st.target, scope, s);
        s = this.expr(st.value, scope, s);
        return st.target.k === "Name" ? this.bind(st.target.id, scope, s) : s;
      case "Return":
        if (st.value) this.expr(st.value, scope, s);
        return null;
      case "Raise":
        if (st.exc) s = this.expr(st.exc, scope, s);
        if (st.cause) this.expr(st.cause, scope, s);
        return null;
      case "Break":
      case "Continue": {
        const loop = this.loops[this.loops.length - 1];
        if (loop === undefined || s === null) return null;
        let out = s;
        for (let i = loop.finallyDepth; i < this.finallyDels.length; i++)
          out &= ~this.finallyDels[i]!;
        if (st.k === "Break") loop.breaks = join(loop.breaks, out);
        else loop.continues = join(loop.continues, out);
        return null;
      }
      case "Delete":
        for (const t of st.targets) {
          if (t.k === "Name") {
            this.read(t, scope, s);
            s = this.unbind(t.id, s);
          } else s = this.expr(t, scope, s);
        }
        return s;
      case "Assert":
        s = this.expr(st.test, scope, s);
        if (st.msg) this.expr(st.msg, scope, s);
        return s;
      case "If": {
        s = this.expr(st.test, scope, s);
        return join(this.block(st.body, s), this.block(st.orelse, s));
      }
      case "While":
        return this.whileLoop(st, s);
      case "For":
        return this.forLoop(st, s);
      case "Try":
        return this.tryStmt(st, s);
      case "With": {
        for (const item of st.items) {
          s = this.expr(item.ctx, scope, s);
          if (item.vars) s = this.target(item.vars, scope, s);
        }
        const end = this.block(st.body, s);
        // `__exit__` may swallow an exception raised anywhere in the body.
        const suppressed = s === null ? null : s & ~this.deletes(st.body);
        return join(end, suppressed);
      }
      case "FunctionDef": {
        for (const d of st.fn.decorators) s = this.expr(d, scope, s);
        s = this.functionDefaults(st.fn.params, scope, s);
        this.created(this.r.scopeOf.get(st.fn.scope.id)!, s);
        return this.bind(st.fn.name, scope, s);
      }
      case "ClassDef":
        return this.classDef(st, scope, s);
      case "Import":
        for (const al of st.names) s = this.bind(al.asname ?? al.name.split(".")[0]!, scope, s);
        return s;
      case "ImportFrom":
        for (const al of st.names) s = this.bind(al.asname ?? al.name, scope, s);
        return s;
      case "Match":
        return this.match(st, s);
      default:
        return s;
    }
  }

  private functionDefaults(params: { default: Expr | null }[], scope: Scope, s: State): State {
    for (const p of params) if (p.default) s = this.expr(p.default, scope, s);
    return s;
  }

  private classDef(st: Stmt & { k: "ClassDef" }, scope: Scope, s: State): State {
    for (const d of st.decorators) s = this.expr(d, scope, s);
    for (const b of st.bases) s = this.expr(b.value, scope, s);
    const cs = this.r.scopeOf.get(st.scope.id)!;
    this.created(cs, s);
    // The class body runs now; its own names are class attributes (not tracked here).
    for (const m of st.body) {
      if (m.k === "FunctionDef") {
        for (const d of m.fn.decorators) s = this.expr(d, cs, s);
        s = this.functionDefaults(m.fn.params, cs, s);
      } else if (m.k === "ClassDef") s = this.classDef(m, cs, s);
      else if (m.k === "Assign" || m.k === "AnnAssign" || m.k === "Expr") {
        if (m.k === "Assign")
          for (const t of m.targets) if (t.k !== "Name") s = this.expr(t, cs, s);
        if (m.value) s = this.expr(m.value, cs, s);
      }
    }
    return this.bind(st.name, scope, s);
  }

  private target(t: Expr, scope: Scope, s: State): State {
    switch (t.k) {
      case "Name":
        return this.bind(t.id, scope, s);
      case "Tuple":
      case "List":
        for (const e of t.elts) s = this.target(e, scope, s);
        return s;
      case "Starred":
        return this.target(t.value, scope, s);
      default:
        return this.expr(t, scope, s);
    }
  }

  private loop<T>(f: (loop: Loop) => T): { result: T; loop: Loop } {
    const loop: Loop = { breaks: null, continues: null, finallyDepth: this.finallyDels.length };
    this.loops.push(loop);
    try {
      return { result: f(loop), loop };
    } finally {
      this.loops.pop();
    }
  }

  /** Run a loop body from `entry` until the state at the head is stable; returns it. */
  private fixpoint(
    entry: State,
    body: (head: State) => { end: State; loop: Loop },
  ): {
    head: State;
    loop: Loop;
  } {
    let head = entry;
    for (;;) {
      const { end, loop } = body(head);
      const next = join(entry, join(end, loop.continues));
      if (next === head) return { head, loop };
      head = next;
    }
  }

  private whileLoop(st: Stmt & { k: "While" }, entry: State): State {
    const forever = st.test.k === "Const" && st.test.value === "True";
    const { head, loop } = this.fixpoint(entry, (h) => {
      const r = this.loop(() => this.block(st.body, this.expr(st.test, this.scope, h)));
      return { end: r.result, loop: r.loop };
    });
    if (forever) return loop.breaks;
    const exit = this.expr(st.test, this.scope, head);
    return join(this.block(st.orelse, exit), loop.breaks);
  }

  private forLoop(st: Stmt & { k: "For" }, s: State): State {
    const entry = this.expr(st.iter, this.scope, s);
    const { head, loop } = this.fixpoint(entry, (h) => {
      const r = this.loop(() => this.block(st.body, this.target(st.target, this.scope, h)));
      return { end: r.result, loop: r.loop };
    });
    return join(this.block(st.orelse, head), loop.breaks);
  }

  private tryStmt(st: Stmt & { k: "Try" }, entry: State): State {
    const hasFinally = st.finalbody.length > 0;
    let allDels = 0n;
    if (hasFinally) {
      allDels = this.deletes(st.body) | this.deletes(st.orelse);
      for (const h of st.handlers) {
        allDels |= this.deletes(h.body);
        if (h.name) allDels |= this.bit(h.name);
      }
      this.finallyDels.push(this.deletes(st.finalbody));
    }
    let normal: State;
    try {
      const bodyEnd = this.block(st.body, entry);
      normal = this.block(st.orelse, bodyEnd);
      const caught = entry === null ? null : entry & ~this.deletes(st.body);
      for (const h of st.handlers) {
        let hs = caught;
        if (h.type) hs = this.expr(h.type, this.scope, hs);
        if (h.name) hs = this.bind(h.name, this.scope, hs);
        let end = this.block(h.body, hs);
        if (h.name) end = this.unbind(h.name, end);
        normal = join(normal, end);
      }
    } finally {
      if (hasFinally) this.finallyDels.pop();
    }
    if (!hasFinally) return normal;
    // Reads in `finally` see any path (return, break, exception); the state after it, the normal one.
    this.block(st.finalbody, entry === null ? null : entry & ~allDels);
    return normal === null ? null : this.block(st.finalbody, normal);
  }

  private match(st: Stmt & { k: "Match" }, s: State): State {
    s = this.expr(st.subject, this.scope, s);
    let out: State = null;
    let exhaustive = false;
    for (const c of st.cases) {
      const bound = this.pattern(c.pattern, s);
      const guarded = c.guard ? this.expr(c.guard, this.scope, bound) : bound;
      out = join(out, this.block(c.body, guarded));
      if (c.guard === null && irrefutable(c.pattern)) exhaustive = true;
    }
    return exhaustive ? out : join(out, s);
  }

  private pattern(p: Pattern, s: State): State {
    switch (p.p) {
      case "capture":
        return this.bind(p.name, this.scope, s);
      case "value":
        return this.expr(p.value, this.scope, s);
      case "or": {
        let out: State = null;
        for (const a of p.alts)
          out = out === null ? this.pattern(a, s) : join(out, this.pattern(a, s));
        return out;
      }
      case "as":
        return this.bind(p.name, this.scope, this.pattern(p.pattern, s));
      case "sequence":
        for (const i of p.items) s = this.pattern(i, s);
        return p.starName ? this.bind(p.starName, this.scope, s) : s;
      case "mapping":
        for (const k of p.keys) s = this.expr(k, this.scope, s);
        for (const v of p.values) s = this.pattern(v, s);
        return p.rest ? this.bind(p.rest, this.scope, s) : s;
      case "class":
        s = this.expr(p.cls, this.scope, s);
        for (const a of p.args) s = this.pattern(a, s);
        for (const k of p.kwargs) s = this.pattern(k.pattern, s);
        return s;
      default:
        return s;
    }
  }

  /** The names a block may delete (`del x`, the end of `except ... as x:`), as bits. */
  private deletes(body: Stmt[]): bigint {
    let m = 0n;
    for (const st of body) {
      switch (st.k) {
        case "Delete":
          for (const t of st.targets) if (t.k === "Name") m |= this.bit(t.id);
          break;
        case "If":
        case "While":
        case "For":
          m |= this.deletes(st.body) | this.deletes(st.orelse);
          break;
        case "With":
          m |= this.deletes(st.body);
          break;
        case "Try":
          m |= this.deletes(st.body) | this.deletes(st.orelse) | this.deletes(st.finalbody);
          for (const h of st.handlers) {
            m |= this.deletes(h.body);
            if (h.name) m |= this.bit(h.name);
          }
          break;
        case "Match":
          for (const c of st.cases) m |= this.deletes(c.body);
          break;
        default:
          break;
      }
    }
    return m;
  }

  // ---- expressions (in evaluation order)

  private expr(e: Expr, scope: Scope, s: State): State {
    switch (e.k) {
      case "Name":
        this.read(e, scope, s);
        return s;
      case "List":
      case "Tuple":
      case "Set":
        for (const x of e.elts) s = this.expr(x, scope, s);
        return s;
      case "Dict":
        for (const it of e.items) {
          if (it.key) s = this.expr(it.key, scope, s);
          s = this.expr(it.value, scope, s);
        }
        return s;
      case "FString":
        return this.fparts(e.parts, scope, s);
      case "Starred":
      case "Await":
      case "YieldFrom":
      case "Attribute":
        return this.expr(e.value, scope, s);
      case "Yield":
        return e.value ? this.expr(e.value, scope, s) : s;
      case "Subscript":
        return this.expr(e.index, scope, this.expr(e.value, scope, s));
      case "Slice":
        for (const x of [e.lower, e.upper, e.step]) if (x) s = this.expr(x, scope, s);
        return s;
      case "Call":
        s = this.expr(e.func, scope, s);
        for (const a of e.args) s = this.expr(a.value, scope, s);
        return s;
      case "BinOp":
        return this.expr(e.right, scope, this.expr(e.left, scope, s));
      case "BoolOp": {
        // The right operand may not run: what it binds is not certain afterwards.
        const left = this.expr(e.left, scope, s);
        this.expr(e.right, scope, left);
        return left;
      }
      case "UnaryOp":
        return this.expr(e.operand, scope, s);
      case "Compare":
        s = this.expr(e.left, scope, s);
        for (const c of e.comparators) s = this.expr(c, scope, s);
        return s;
      case "IfExp": {
        const t = this.expr(e.test, scope, s);
        return join(this.expr(e.body, scope, t), this.expr(e.orelse, scope, t));
      }
      case "Lambda": {
        s = this.functionDefaults(e.fn.params, scope, s);
        this.created(this.r.scopeOf.get(e.fn.scope.id)!, s);
        return s;
      }
      case "Comp": {
        s = this.expr(e.generators[0]!.iter, scope, s);
        const cs = this.r.scopeOf.get(e.scope.id)!;
        this.created(cs, s);
        // The loops may run zero times: nothing bound inside is certain afterwards.
        let inner = s;
        e.generators.forEach((g, i) => {
          if (i > 0) inner = this.expr(g.iter, cs, inner);
          inner = this.target(g.target, cs, inner);
          for (const c of g.ifs) inner = this.expr(c, cs, inner);
        });
        inner = this.expr(e.elt, cs, inner);
        if (e.value) this.expr(e.value, cs, inner);
        return s;
      }
      case "NamedExpr": {
        s = this.expr(e.value, scope, s);
        let target = scope;
        while (target.kind === "comprehension") target = target.parent!;
        return this.bind(e.target, target, s);
      }
      default:
        return s;
    }
  }

  private fparts(parts: FPart[], scope: Scope, s: State): State {
    for (const p of parts) {
      if (typeof p === "string") continue;
      s = this.expr(p.expr, scope, s);
      if (p.spec) s = this.fparts(p.spec, scope, s);
    }
    return s;
  }
}

function paramNames(params: { name: string }[]): string[] {
  return params.map((p) => p.name);
}

function irrefutable(p: Pattern): boolean {
  if (p.p === "wildcard" || p.p === "capture") return true;
  if (p.p === "or") return p.alts.some(irrefutable);
  if (p.p === "as") return irrefutable(p.pattern);
  return false;
}

/**
 * Find the reads (and `del`s) of names that may be unbound. `outerReads` are the reads analysis
 * found of names not (yet) bound in the reading scope: those of enclosing scopes' names are
 * judged here. Every symbol with such a read is marked `readBeforeBinding` (declared up front,
 * so it is `undefined` until bound).
 */
export function unboundReads(
  mod: Module,
  scopeOf: Map<number, Scope>,
  outerReads: { scope: Scope; e: Expr & { k: "Name" } }[],
): Map<Expr, UnboundKind> {
  const r = new FlowResult(scopeOf);
  for (const scope of scopeOf.values()) {
    if (scope.kind !== "module" && scope.kind !== "function") continue;
    if (!needsWalk(scope)) continue;
    const w = new Walker(r, scope);
    r.walkers.set(scope, w);
    w.run(
      scope.fn === null ? mod.body : scope.fn.body,
      scope.fn === null ? [] : paramNames(scope.fn.params),
    );
  }
  for (const { scope, e } of outerReads) {
    const sym = scope.lookup(e.id);
    if (sym === null || sym.scope.kind === "class" || sym.scope.kind === "comprehension") continue;
    if (flowOf(scope) === sym.scope || r.nestedRead(sym, scope)) continue;
    r.check(e, sym, sym.scope.kind === "module" ? "global" : "free");
  }
  return r.checks;
}
