/**
 * Stage 3: analysis of the IR, before lowering.
 *
 * - **Scopes** (Python's rules): module, function, lambda, comprehension and class scopes; which
 *   names each binds; `global`/`nonlocal`; free names resolved to the enclosing function scopes
 *   (class scopes are skipped, as in Python).
 * - **Types** where they are certain: a name is `int`, `float`, `str` or `bool` when every value
 *   ever bound to it (in any scope, through `nonlocal`/`global` too) is of that type. Annotations are
 *   emitted as TypeScript types but not trusted for choosing operators (Python does not enforce them).
 * - **Function kinds**: coroutine (`async def`), generator (`def` with `yield`), async generator.
 * - **Known callees**: a name bound exactly once by `def`/`class` resolves to that definition, so
 *   keyword arguments can be placed at compile time and classes constructed with `new`.
 * - **Unbound names** (flow.ts): reads and `del`s of names that may be unbound when they run.
 * - **Blocking functions**: `asyncio.run`, `loop.run_until_complete`, `loop.run_forever` and
 *   `Runner.run` return Promises in asyncio-ts, so a sync `def` that calls them (directly or through
 *   known calls) becomes an `async function` and its call sites are awaited.
 */

import type { SourceFile } from "./diagnostics";
import { type UnboundKind, unboundReads } from "./flow";
import { type AttrStore, InstanceFacts } from "./instances";
import {
  type ClassDef,
  childBlocks,
  type Expr,
  type FunctionDef,
  type Module,
  type Param,
  type Pattern,
  type Pos,
  type Stmt,
} from "./ir";
import { writtenName } from "./private_names";

export type { UnboundKind };

/** `never` is internal to inference (not yet known); it ends as `any`. */
export type Ty = "int" | "float" | "str" | "bool" | "None" | "any" | "never";

export type ScopeKind = "module" | "function" | "class" | "comprehension";

export interface SymbolInfo {
  name: string;
  scope: Scope;
  /** How many statements bind the name (assignments, defs, imports, loop targets, ...). */
  bindings: number;
  /** Bound by a statement nested in a block, or assigned from an inner scope: declare at the top. */
  hoist: boolean;
  isParam: boolean;
  /** Set when the name's only binding is a def/class statement. */
  fn: FunctionDef | null;
  cls: ClassDef | null;
  /** Bound by `import x` / `from m import x`: the module path and imported name. */
  imported: { module: string; name: string | null } | null;
  /** Values bound to the name, for type inference. `null` records a binding of unknown type. */
  values: (Expr | null)[];
  ty: Ty;
  /** The name was read in its own scope before (textually) its first binding there. */
  readBeforeBinding: boolean;
  /** Bound from `asyncio.Runner(...)`: its `.run(...)` and `.close()` block. */
  isRunner: boolean;
  /** Every binding is a `def` (maybe decorated) or `class` statement. */
  isFunctionOnly: boolean;
  /** The decorators of the `def` statements binding the name (what they return is its value). */
  defDecorators: Expr[];
  /** Some binding is a `class` statement. */
  classBound: boolean;
  /** Bound by a `for` loop (the iterated values are untyped in TS: declared `any`). */
  loopBound: boolean;
  /** Some `del` (or the end of an `except ... as` block) unbinds the name. */
  deleted: boolean;
  /** ... from another scope than the name's own (through `global`/`nonlocal`). */
  deletedElsewhere: boolean;
  /** Some binding's value is evaluated in another scope (`global`/`nonlocal`, a walrus). */
  boundElsewhere: boolean;
  /** Bindings that are bare annotations in a class body (`x: int`: a dataclass field). */
  bareAnnotations: number;
}

export class Scope {
  readonly symbols = new Map<string, SymbolInfo>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly children: Scope[] = [];
  /** For function scopes. */
  isGenerator = false;
  blocks = false;
  /**
   * A generator expression that is asynchronous (it awaits, or has `async for`): `await` is
   * valid in it even in a plain function. Set as it is lowered (lower/comprehensions.ts).
   */
  asyncGenexpr = false;
  /** A function calling `locals()` (or `vars()`, `dir()`): see Analyzer.hoistForLocals. */
  readsLocals = false;
  /** Names referenced (read) in this scope, for free-variable resolution. */
  readonly reads = new Set<string>();

  constructor(
    readonly kind: ScopeKind,
    readonly parent: Scope | null,
    readonly fn: FunctionDef | null,
    readonly cls: ClassDef | null,
    /** The Python `__qualname__` prefix of things defined in this scope. */
    readonly qualname: string,
  ) {
    parent?.children.push(this);
  }

  get isAsync(): boolean {
    return this.fn?.isAsync ?? false;
  }

  /** The scope that holds the name as Python resolves it from here, or null for a builtin. */
  lookup(name: string): SymbolInfo | null {
    if (this.globals.has(name)) return this.module().symbols.get(name) ?? null;
    const own = this.symbols.get(name);
    if (own !== undefined && !this.nonlocals.has(name)) return own;
    let s = this.parent;
    while (s !== null) {
      if (s.kind !== "class") {
        if (s.globals.has(name)) return s.module().symbols.get(name) ?? null;
        const sym = s.symbols.get(name);
        if (sym !== undefined && !s.nonlocals.has(name)) return sym;
      }
      s = s.parent;
    }
    return null;
  }

  module(): Scope {
    let s: Scope = this;
    while (s.parent !== null) s = s.parent;
    return s;
  }

  /** A comprehension (or the ones around it) not yet marked as blocking (propagateBlocking)? */
  needsBlocking(): boolean {
    for (let s: Scope = this; s.kind === "comprehension"; s = s.parent!) if (!s.blocks) return true;
    return false;
  }

  /** The nearest function or module scope (where temporaries are declared). */
  functionScope(): Scope {
    let s: Scope = this;
    while (s.kind === "comprehension" || s.kind === "class") s = s.parent!;
    return s;
  }
}

export interface Analysis {
  module: Scope;
  scopeOf: Map<number, Scope>;
  typeOf(e: Expr, scope: Scope): Ty;
  /** Names a program binds anywhere (to avoid shadowing builtins imported by name). */
  boundAnywhere: Set<string>;
  /** Every keyword name passed at any call site (`f(x=1)` -> "x"). */
  keywordNames: Set<string>;
  /** Names of the methods of every class in the module (read as values, they must be bound). */
  methodNames: Set<string>;
  /**
   * Attribute names the module stores data under: `obj.x = v` targets and names a class body
   * assigns. Such an attribute may hold a class or a callable object: calling it is `$py.call`.
   */
  dataAttrs: Set<string>;
  /**
   * Names of the methods decorated with a class of the program (`@CountCalls`, `@Retry(3)`):
   * the attribute is what the class made (a callable object, or its `__get__`'s result), so
   * `obj.m(...)` is `$py.callMethod`.
   */
  classDecorated: Set<string>;
  /**
   * Names of the functions and methods whose calls may return a coroutine: every `async def`,
   * and plain `def`s that return a call of one (`def n(self): return self.fetch()`).
   */
  coroutineNames: Set<string>;
  /** Reads and `del`s of names that may be unbound, and the check each needs (flow.ts). */
  unbound: Map<Expr, UnboundKind>;
  /** The program assigns (or deletes) some function's `__defaults__`/`__kwdefaults__`. */
  storesDefaults: boolean;
  /** Values certainly instances of the program's plain classes, and their data attributes. */
  instances: InstanceFacts;
  /**
   * Calls of a program method that blocks (a sync `def` calling `asyncio.run`), on a receiver
   * whose class is known: `app.run()` with `app = App()`, `App().run()`, `self.run()`.
   */
  blockingMethodCalls: Set<Expr>;
}

const DEFAULTS_ATTRS = new Set(["__defaults__", "__kwdefaults__"]);

/** `SimpleNamespace(...)` / `types.SimpleNamespace(...)`. */
function isNamespaceCall(f: Expr): boolean {
  return (
    (f.k === "Name" && f.id === "SimpleNamespace") ||
    (f.k === "Attribute" && f.attr === "SimpleNamespace")
  );
}

/** Builtin classes whose subscription (`dict[str, int]`) is a `types.GenericAlias`. */
const GENERIC_BUILTINS = new Set(["dict", "list", "tuple", "set", "frozenset", "type"]);

/** Builtins that, called without arguments, read the caller's local variables. */
export const LOCALS_CALLS: ReadonlySet<string> = new Set(["locals", "vars", "dir"]);

/** Attribute calls that block (they return Promises in asyncio-ts). */
const BLOCKING_METHODS = new Set(["run_until_complete", "run_forever"]);

export function analyze(mod: Module, source: SourceFile): Analysis {
  const a = new Analyzer(source);
  const root = new Scope("module", null, null, null, "");
  a.scopeOf.set(mod.scope.id, root);
  a.block(mod.body, root, 0);
  for (let i = 0; i < a.deferred.length; i++) a.deferred[i]!();
  a.finish();
  a.hoistForLocals();
  const unbound = unboundReads(mod, a.scopeOf, a.outerReads);
  const instances = new InstanceFacts(a.scopeOf, a.methodNames, a.attrStores, a.setattrNames);
  return {
    module: root,
    scopeOf: a.scopeOf,
    typeOf: (e, s) => a.typeOf(e, s),
    boundAnywhere: a.boundAnywhere,
    keywordNames: a.keywordNames,
    methodNames: a.methodNames,
    dataAttrs: a.dataAttrs,
    classDecorated: a.classDecorated,
    coroutineNames: a.coroutineNames,
    unbound,
    storesDefaults: a.storesDefaults,
    instances,
    blockingMethodCalls: a.blockingMethodCalls,
  };
}

class Analyzer {
  readonly scopeOf = new Map<number, Scope>();
  readonly boundAnywhere = new Set<string>();
  readonly keywordNames = new Set<string>();
  readonly methodNames = new Set<string>();
  readonly dataAttrs = new Set<string>();
  readonly blockingMethodCalls = new Set<Expr>();
  readonly classDecorated = new Set<string>();
  readonly coroutineNames = new Set<string>();
  /** Every `def` and `async def` (not lambdas), for `coroutineNames`. */
  private readonly defs: FunctionDef[] = [];
  storesDefaults = false;
  /** `obj.attr = v` targets (for {@link InstanceFacts}). */
  readonly attrStores: AttrStore[] = [];
  /** Attribute names passed to `setattr` as literals; "*" for any other. */
  readonly setattrNames = new Set<string>();
  private bindingIsDef = false;
  /** Calls found in each function scope, to propagate blocking. */
  private readonly calls: { scope: Scope; call: Expr & { k: "Call" } }[] = [];

  constructor(private readonly source: SourceFile) {}

  private err(pos: Pos, detail: string): never {
    throw this.source.error("Unsupported", detail, pos.line, pos.col);
  }

  private symbol(scope: Scope, name: string): SymbolInfo {
    let sym = scope.symbols.get(name);
    if (sym === undefined) {
      sym = {
        name,
        scope,
        bindings: 0,
        hoist: false,
        isParam: false,
        fn: null,
        cls: null,
        imported: null,
        values: [],
        ty: "any",
        readBeforeBinding: false,
        isRunner: false,
        isFunctionOnly: true,
        defDecorators: [],
        classBound: false,
        loopBound: false,
        deleted: false,
        deletedElsewhere: false,
        boundElsewhere: false,
        bareAnnotations: 0,
      };
      scope.symbols.set(name, sym);
    }
    return sym;
  }

  /** Record a binding of `name` in `scope` (`depth` > 0: inside a nested block). */
  bind(scope: Scope, name: string, depth: number, value: Expr | null): SymbolInfo {
    this.boundAnywhere.add(name);
    let target = scope;
    if (scope.globals.has(name)) target = scope.module();
    else if (scope.nonlocals.has(name)) {
      const found = scope.lookup(name);
      if (found === null) throw new Error(`nonlocal ${name}`);
      target = found.scope;
    }
    const sym = this.symbol(target, name);
    sym.bindings++;
    if (target !== scope) sym.boundElsewhere = true;
    if (sym.bindings === 1 && (depth > 0 || target !== scope)) sym.hoist = true;
    // Bound only through `global` in functions (never at module level, whose bindings are seen
    // first): TypeScript cannot see that it is assigned before a read at module level, so its
    // type is left unknown (`any`).
    sym.values.push(
      scope.globals.has(name) && target !== scope && sym.bindings === 1 ? null : value,
    );
    if (!this.bindingIsDef) sym.isFunctionOnly = false;
    // A name bound twice is no longer known to be the one class or function it was first.
    if (sym.bindings > 1) {
      sym.cls = null;
      sym.fn = null;
    }
    return sym;
  }

  /**
   * A function calling `locals()` (or `vars()`, `dir()` without an argument) reads all its
   * variables there (lower/calls.ts localsCall): they are declared at its top, so that each is in
   * the TS scope of the call (undefined until bound).
   */
  hoistForLocals(): void {
    for (const { scope, call } of this.calls) {
      const f = call.func;
      if (scope.kind !== "function" || f.k !== "Name" || call.args.length > 0) continue;
      if (!LOCALS_CALLS.has(f.id) || scope.lookup(f.id) !== null) continue;
      scope.readsLocals = true;
      for (const sym of scope.symbols.values()) if (!sym.isParam) sym.hoist = true;
    }
  }

  private unbound(sym: SymbolInfo, scope: Scope): void {
    sym.deleted = true;
    if (sym.scope !== scope) sym.deletedElsewhere = true;
  }

  /** Bodies of nested functions, analysed once their enclosing scope is complete. */
  readonly deferred: (() => void)[] = [];

  block(body: Stmt[], scope: Scope, depth: number): void {
    // Declarations first: Python decides a name's scope for the whole block.
    for (const s of body) this.declarations(s, scope);
    for (const s of body) this.stmt(s, scope, depth);
  }

  private declarations(s: Stmt, scope: Scope): void {
    if (s.k === "Global" || s.k === "Nonlocal") {
      for (const n of s.names) {
        if (s.k === "Global") {
          if (scope.kind === "module") continue;
          scope.globals.add(n);
          // `global x` in a function nested in another that binds x would need JS to skip a scope.
          let p = scope.parent;
          while (p !== null && p.kind !== "module") {
            if (p.kind === "function" && p.symbols.has(n) && !p.globals.has(n)) {
              this.err(
                s.pos,
                `'global ${n}' where an enclosing function also binds '${n}' is not supported`,
              );
            }
            p = p.parent;
          }
        } else {
          if (scope.kind === "module")
            throw this.source.error(
              "SyntaxError",
              "nonlocal declaration not allowed at module level",
              s.pos.line,
              s.pos.col,
            );
          // A method's implicit `__class__` cell (CPython accepts `nonlocal __class__`).
          if (n === "__class__" && scope.parent?.kind === "class")
            this.err(s.pos, "'nonlocal __class__' is not supported");
          if (scope.lookup(n) === null || scope.parent === null) {
            throw this.source.error(
              "SyntaxError",
              `no binding for nonlocal '${n}' found`,
              s.pos.line,
              s.pos.col,
            );
          }
          scope.nonlocals.add(n);
        }
      }
    }
    for (const child of childBlocks(s)) for (const c of child) this.declarations(c, scope);
  }

  private stmt(s: Stmt, scope: Scope, depth: number): void {
    switch (s.k) {
      case "Expr":
        this.expr(s.value, scope);
        return;
      case "Assign":
        this.expr(s.value, scope);
        for (const t of s.targets)
          this.target(t, scope, depth, s.targets.length === 1 ? s.value : null);
        if (s.targets.length === 1 && s.targets[0]!.k === "Name" && isRunnerCtor(s.value)) {
          scope.lookup(s.targets[0]!.id)!.isRunner = true;
        }
        return;
      case "AnnAssign":
        if (s.value) this.expr(s.value, scope);
        this.expr(s.annotation, scope, true);
        if (s.value) this.target(s.target, scope, depth, s.value);
        else if (s.target.k === "Name" && scope.kind !== "class") this.symbol(scope, s.target.id);
        else if (s.target.k === "Name") {
          this.dataAttrs.add(s.target.id);
          this.bind(scope, s.target.id, depth, null).bareAnnotations++;
        } else this.expr(s.target, scope);
        return;
      case "AugAssign": {
        this.expr(s.target, scope);
        this.expr(s.value, scope);
        const value: Expr = { k: "BinOp", pos: s.pos, op: s.op, left: s.target, right: s.value };
        this.target(s.target, scope, depth, value);
        return;
      }
      case "Return":
        if (scope.kind === "class")
          throw this.source.error(
            "SyntaxError",
            "'return' outside function",
            s.pos.line,
            s.pos.col,
          );
        if (s.value) this.expr(s.value, scope);
        return;
      case "Delete":
        for (const t of s.targets) {
          if (t.k === "Name") this.unbound(this.bind(scope, t.id, depth, null), scope);
          else this.expr(t, scope);
          if (t.k === "Attribute" && DEFAULTS_ATTRS.has(t.attr)) this.storesDefaults = true;
        }
        return;
      case "Assert":
        this.expr(s.test, scope);
        if (s.msg) this.expr(s.msg, scope);
        return;
      case "Raise":
        if (s.exc) this.expr(s.exc, scope);
        if (s.cause) this.expr(s.cause, scope);
        return;
      case "If":
      case "While":
        this.expr(s.test, scope);
        this.block(s.body, scope, depth + 1);
        this.block(s.orelse, scope, depth + 1);
        return;
      case "For":
        this.expr(s.iter, scope);
        this.target(s.target, scope, depth + 1, forTargetValue(s.iter));
        if (s.target.k === "Name") scope.lookup(s.target.id)!.loopBound = true;
        this.block(s.body, scope, depth + 1);
        this.block(s.orelse, scope, depth + 1);
        return;
      case "Try":
        this.block(s.body, scope, depth + 1);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type, scope);
          // The name is deleted when the handler ends.
          if (h.name) this.unbound(this.bind(scope, h.name, depth + 1, null), scope);
          this.block(h.body, scope, depth + 1);
        }
        this.block(s.orelse, scope, depth + 1);
        this.block(s.finalbody, scope, depth + 1);
        return;
      case "With":
        for (const item of s.items) {
          this.expr(item.ctx, scope);
          if (item.vars) {
            this.target(item.vars, scope, depth + 1, null);
            if (item.vars.k === "Name" && isRunnerCtor(item.ctx))
              scope.lookup(item.vars.id)!.isRunner = true;
          }
        }
        this.block(s.body, scope, depth + 1);
        return;
      case "FunctionDef": {
        for (const d of s.fn.decorators) this.expr(d, scope);
        this.bindingIsDef = true;
        const sym = this.bind(scope, s.fn.name, depth, null);
        this.bindingIsDef = false;
        if (sym.bindings === 1 && s.fn.decorators.length === 0) sym.fn = s.fn;
        else sym.fn = null;
        sym.defDecorators.push(...s.fn.decorators);
        this.function(s.fn, scope);
        return;
      }
      case "ClassDef": {
        for (const d of s.decorators) this.expr(d, scope);
        for (const b of s.bases) {
          this.expr(b.value, scope);
          if (b.kind === "pos" && b.value.k === "Subscript" && b.value.value.k === "Name")
            this.genericBases.push({ base: b, scope });
        }
        this.bindingIsDef = true;
        const sym = this.bind(scope, s.name, depth, null);
        this.bindingIsDef = false;
        sym.cls = sym.bindings === 1 ? s : null;
        sym.classBound = true;
        // A class in a class body is an attribute too (`self.Inner(...)` constructs it).
        if (scope.kind === "class") this.dataAttrs.add(s.name);
        for (const m of s.body) {
          if (m.k !== "FunctionDef") continue;
          this.methodNames.add(m.fn.name);
          const byClass = m.fn.decorators.some((d) => {
            const f = d.k === "Call" ? d.func : d;
            return f.k === "Name" && scope.lookup(f.id)?.classBound === true;
          });
          if (byClass) this.classDecorated.add(m.fn.name);
        }
        const cs = new Scope("class", scope, null, s, `${scope.qualname}${writtenName(s)}.`);
        this.scopeOf.set(s.scope.id, cs);
        this.block(s.body, cs, 0);
        return;
      }
      case "Match":
        this.expr(s.subject, scope);
        for (const c of s.cases) {
          this.patternBindings(c.pattern, scope, depth + 1);
          if (c.guard) this.expr(c.guard, scope);
          this.block(c.body, scope, depth + 1);
        }
        return;
      case "Import":
        for (const al of s.names) {
          const local = al.asname ?? al.name.split(".")[0]!;
          const sym = this.bind(scope, local, depth, null);
          sym.imported = { module: al.asname ? al.name : local, name: null };
        }
        return;
      case "ImportFrom":
        for (const al of s.names) {
          const sym = this.bind(scope, al.asname ?? al.name, depth, null);
          sym.imported = { module: `${".".repeat(s.level)}${s.module}`, name: al.name };
        }
        return;
      default:
        return;
    }
  }

  private patternBindings(pat: Pattern, scope: Scope, depth: number): void {
    switch (pat.p) {
      case "capture":
        this.bind(scope, pat.name, depth, null);
        return;
      case "value":
        this.expr(pat.value, scope);
        return;
      case "or":
        for (const a of pat.alts) this.patternBindings(a, scope, depth);
        return;
      case "as":
        this.patternBindings(pat.pattern, scope, depth);
        this.bind(scope, pat.name, depth, null);
        return;
      case "sequence":
        for (const i of pat.items) this.patternBindings(i, scope, depth);
        if (pat.starName) this.bind(scope, pat.starName, depth, null);
        return;
      case "mapping":
        for (const k of pat.keys) this.expr(k, scope);
        for (const v of pat.values) this.patternBindings(v, scope, depth);
        if (pat.rest) this.bind(scope, pat.rest, depth, null);
        return;
      case "class":
        this.expr(pat.cls, scope);
        for (const a of pat.args) this.patternBindings(a, scope, depth);
        for (const k of pat.kwargs) this.patternBindings(k.pattern, scope, depth);
        return;
      default:
        return;
    }
  }

  private function(fn: FunctionDef, parent: Scope): void {
    for (const p of fn.params) {
      if (p.default) this.expr(p.default, parent);
      if (p.annotation) this.expr(p.annotation, parent, true);
    }
    if (fn.returns) this.expr(fn.returns, parent, true);
    if (!fn.isLambda) this.defs.push(fn);
    const qual = fn.isLambda
      ? `${parent.qualname}<lambda>`
      : `${parent.qualname}${writtenName(fn)}`;
    const fs = new Scope("function", parent, fn, null, `${qual}.<locals>.`);
    this.scopeOf.set(fn.scope.id, fs);
    for (const p of fn.params) {
      const sym = this.bind(fs, p.name, 0, null);
      sym.isParam = true;
    }
    // Python resolves a function's free names against the whole enclosing scope (`nonlocal x`
    // where the enclosing function binds x after this def).
    this.deferred.push(() => this.block(fn.body, fs, 0));
  }

  private target(t: Expr, scope: Scope, depth: number, value: Expr | null): void {
    switch (t.k) {
      case "Name":
        if (scope.kind === "class") this.dataAttrs.add(t.id);
        this.bind(scope, t.id, depth, value);
        return;
      case "Tuple":
      case "List": {
        // `a, b = V(), 2`: a display of the same length binds item by item (what the generated
        // `const [a, b] = [new V(), 2n]` gives TypeScript too).
        const items =
          value !== null &&
          (value.k === "Tuple" || value.k === "List") &&
          value.elts.length === t.elts.length &&
          !value.elts.some((e) => e.k === "Starred") &&
          !t.elts.some((e) => e.k === "Starred")
            ? value.elts
            : null;
        t.elts.forEach((e, i) => {
          this.target(e, scope, depth, items?.[i] ?? null);
        });
        return;
      }
      case "Starred":
        this.target(t.value, scope, depth, null);
        return;
      default:
        if (t.k === "Attribute" && DEFAULTS_ATTRS.has(t.attr)) this.storesDefaults = true;
        if (t.k === "Attribute") {
          this.dataAttrs.add(t.attr);
          this.attrStores.push({ recv: t.value, attr: t.attr, scope });
        }
        this.expr(t, scope);
    }
  }

  expr(e: Expr, scope: Scope, annotation = false): void {
    switch (e.k) {
      case "Name": {
        scope.reads.add(e.id);
        const own = scope.symbols.get(e.id);
        if (
          own === undefined &&
          !annotation &&
          !scope.globals.has(e.id) &&
          !scope.nonlocals.has(e.id)
        ) {
          // Not bound yet in this scope (textually): if it is bound later, it was read first.
          this.pendingReads.push({ scope, name: e.id, e });
          this.outerReads.push({ scope, e });
          // A class body or comprehension runs inline: the same holds for the code around it.
          let f = scope;
          while (f.kind === "class" || f.kind === "comprehension") f = f.parent!;
          if (f !== scope && !f.symbols.has(e.id))
            this.pendingReads.push({ scope: f, name: e.id, e });
        }
        return;
      }
      case "List":
      case "Tuple":
      case "Set":
        for (const x of e.elts) this.expr(x, scope);
        return;
      case "Dict":
        for (const it of e.items) {
          if (it.key) this.expr(it.key, scope);
          this.expr(it.value, scope);
        }
        return;
      case "FString":
        this.fparts(e.parts, scope);
        return;
      case "Starred":
      case "Await":
      case "YieldFrom":
        if (e.k === "YieldFrom") this.markGenerator(scope, e.pos, "yield from");
        this.expr(e.value, scope);
        return;
      case "Yield":
        this.markGenerator(scope, e.pos, "yield");
        if (e.value) this.expr(e.value, scope);
        return;
      case "Attribute":
        this.expr(e.value, scope);
        return;
      case "Subscript":
        this.expr(e.value, scope);
        this.expr(e.index, scope);
        return;
      case "Slice":
        for (const x of [e.lower, e.upper, e.step]) if (x) this.expr(x, scope);
        return;
      case "Call":
        this.expr(e.func, scope);
        for (const arg of e.args) {
          this.expr(arg.value, scope);
          if (arg.kind === "kw") this.keywordNames.add(arg.name!);
          // `SimpleNamespace(factory=Conn)`: its keywords become attributes.
          if (arg.kind === "kw" && isNamespaceCall(e.func)) this.dataAttrs.add(arg.name!);
          // `f(**m)` can pass any keyword: every function must bind keywords at run time.
          if (arg.kind === "dstar") this.keywordNames.add("**");
        }
        this.calls.push({ scope, call: e });
        // `setattr(f, "__defaults__", v)` assigns them too.
        if (e.func.k === "Name" && e.func.id === "setattr") {
          const attr = e.args[1]?.value;
          if (attr?.k === "Str") this.setattrNames.add(attr.value);
          else this.setattrNames.add("*");
          if (attr === undefined || attr.k !== "Str" || DEFAULTS_ATTRS.has(attr.value))
            this.storesDefaults = true;
        }
        // `object.__setattr__(obj, "x", v)`, `obj.__setattr__("x", v)`: names set past `obj.x = v`.
        if (e.func.k === "Attribute" && e.func.attr === "__setattr__") {
          const names = e.args
            .slice(0, 2)
            .flatMap((a) => (a.value.k === "Str" ? [a.value.value] : []));
          for (const n of names.length > 0 ? names : ["*"]) this.setattrNames.add(n);
        }
        return;
      case "BinOp":
      case "BoolOp":
        this.expr(e.left, scope);
        this.expr(e.right, scope);
        return;
      case "UnaryOp":
        this.expr(e.operand, scope);
        return;
      case "Compare":
        this.expr(e.left, scope);
        for (const c of e.comparators) this.expr(c, scope);
        return;
      case "IfExp":
        this.expr(e.test, scope);
        this.expr(e.body, scope);
        this.expr(e.orelse, scope);
        return;
      case "Lambda":
        this.function(e.fn, scope);
        return;
      case "Comp": {
        // The first iterable is evaluated in the enclosing scope; the rest in the comprehension's.
        this.expr(e.generators[0]!.iter, scope);
        const cs = new Scope(
          "comprehension",
          scope,
          null,
          null,
          `${scope.qualname}<${e.kind === "gen" ? "genexpr" : e.kind + "comp"}>.`,
        );
        this.scopeOf.set(e.scope.id, cs);
        e.generators.forEach((g, i) => {
          if (i > 0) this.expr(g.iter, cs);
          this.target(g.target, cs, 0, forTargetValue(g.iter));
          for (const c of g.ifs) this.expr(c, cs);
        });
        this.expr(e.elt, cs);
        if (e.value) this.expr(e.value, cs);
        if (e.kind === "gen") cs.isGenerator = true;
        return;
      }
      case "NamedExpr": {
        this.expr(e.value, scope);
        // The walrus binds in the nearest enclosing non-comprehension scope.
        let s = scope;
        while (s.kind === "comprehension") s = s.parent!;
        if (s.kind === "class")
          this.err(e.pos, "assignment expressions in a class body are not supported");
        const sym = this.bind(s, e.target, 1, e.value);
        if (s !== scope) sym.boundElsewhere = true;
        return;
      }
      default:
        return;
    }
  }

  private readonly pendingReads: { scope: Scope; name: string; e: Expr }[] = [];
  /** Reads of names not bound (yet) in the reading scope, for flow.ts. */
  readonly outerReads: { scope: Scope; e: Expr & { k: "Name" } }[] = [];

  private fparts(parts: import("./ir").FPart[], scope: Scope): void {
    for (const p of parts) {
      if (typeof p === "string") continue;
      this.expr(p.expr, scope);
      if (p.spec) this.fparts(p.spec, scope);
    }
  }

  private markGenerator(scope: Scope, pos: Pos, what: string): void {
    if (scope.kind === "function") scope.isGenerator = true;
    else if (scope.kind === "comprehension") {
      // CPython names the comprehension's kind (and says 'yield' for `yield from` too).
      const kind = /<(\w+)>\.$/.exec(scope.qualname)?.[1];
      const where =
        kind === "genexpr" ? "generator expression" : `${kind?.slice(0, -4)} comprehension`;
      throw this.source.error("SyntaxError", `'yield' inside ${where}`, pos.line, pos.col);
    } else throw this.source.error("SyntaxError", `'${what}' outside function`, pos.line, pos.col);
  }

  /** Class bases such as `dict[str, int]`, checked by {@link finish}. */
  private readonly genericBases: { base: { value: Expr }; scope: Scope }[] = [];

  /**
   * After the walk: generic aliases of builtin classes as bases, read-before-binding marks,
   * types, and blocking propagation.
   */
  finish(): void {
    // `class C(dict[str, int])` is `class C(dict)`: the alias's `__mro_entries__` gives the
    // builtin class itself, as `types.GenericAlias` does in CPython, so the base is rewritten
    // to the plain name when that name is the builtin's.
    for (const { base, scope } of this.genericBases) {
      const sub = base.value as Expr & { k: "Subscript" };
      const name = sub.value as Expr & { k: "Name" };
      if (GENERIC_BUILTINS.has(name.id) && scope.lookup(name.id) === null) base.value = name;
    }
    for (const { scope, name } of this.pendingReads) {
      const sym = scope.symbols.get(name);
      if (sym !== undefined) sym.readBeforeBinding = true;
    }
    this.inferTypes();
    this.propagateBlocking();
    this.coroutineWrappers();
  }

  /**
   * `coroutineNames`: the `async def`s that are not async generators, then the plain `def`s
   * (not generators) that return a call of one of those names, to a fixpoint.
   */
  private coroutineWrappers(): void {
    const plain: FunctionDef[] = [];
    for (const fn of this.defs) {
      if (this.scopeOf.get(fn.scope.id)?.isGenerator) continue;
      if (fn.isAsync) this.coroutineNames.add(fn.name);
      else plain.push(fn);
    }
    const returnsCoroutineCall = (body: Stmt[]): boolean =>
      body.some((st) => {
        if (st.k === "Return") {
          const v = st.value;
          if (v?.k !== "Call") return false;
          const f = v.func;
          const name = f.k === "Name" ? f.id : f.k === "Attribute" ? f.attr : null;
          return name !== null && this.coroutineNames.has(name);
        }
        return childBlocks(st).some(returnsCoroutineCall);
      });
    let changed = true;
    while (changed) {
      changed = false;
      for (const fn of plain) {
        if (!this.coroutineNames.has(fn.name) && returnsCoroutineCall(fn.body)) {
          this.coroutineNames.add(fn.name);
          changed = true;
        }
      }
    }
  }

  private allSymbols(): SymbolInfo[] {
    const out: SymbolInfo[] = [];
    for (const s of this.scopeOf.values()) out.push(...s.symbols.values());
    return out;
  }

  private inferTypes(): void {
    const syms = this.allSymbols();
    // Start optimistic for names with known-typed values, then widen to a fixpoint.
    for (const sym of syms)
      sym.ty =
        sym.isParam || sym.values.some((v) => v === null) || sym.values.length === 0
          ? "any"
          : "never";
    let changed = true;
    let rounds = 0;
    while (changed && rounds++ < 20) {
      changed = false;
      for (const sym of syms) {
        if (sym.ty === "any") continue;
        let ty: Ty | null = null;
        for (const v of sym.values) {
          const t = this.typeOf(v!, this.valueScope(sym));
          ty = ty === null ? t : join(ty, t);
        }
        const next = ty ?? "any";
        if (next !== sym.ty) {
          sym.ty = next;
          changed = true;
        }
      }
    }
    // "None"-only names (a placeholder assigned later in a loop) stay untyped: TS needs `any`.
    for (const sym of syms) if (sym.ty === "None" || sym.ty === "never") sym.ty = "any";
  }

  /** The scope a symbol's values are evaluated in (good enough for typing: reads of names). */
  private valueScope(sym: SymbolInfo): Scope {
    return sym.scope;
  }

  typeOf(e: Expr, scope: Scope): Ty {
    switch (e.k) {
      case "Int":
        return "int";
      case "Float":
        return "float";
      case "Str":
      case "FString":
        return "str";
      case "Const":
        return e.value === "True" || e.value === "False"
          ? "bool"
          : e.value === "None"
            ? "None"
            : "any";
      case "Name": {
        const sym = scope.lookup(e.id);
        if (sym === null) return e.id === "__name__" ? "str" : "any";
        // A walrus or comprehension variable may be read from another scope: its symbol's type holds.
        return sym.ty;
      }
      case "Compare":
        return "bool";
      case "UnaryOp": {
        if (e.op === "not") return "bool";
        const t = this.typeOf(e.operand, scope);
        if (t === "never") return t;
        if (e.op === "~") return t === "int" ? "int" : "any";
        return t === "int" || t === "float" ? t : "any";
      }
      case "BinOp":
        return binOpType(e.op, this.typeOf(e.left, scope), this.typeOf(e.right, scope), e.right);
      case "BoolOp": {
        return join(this.typeOf(e.left, scope), this.typeOf(e.right, scope));
      }
      case "IfExp": {
        return join(this.typeOf(e.body, scope), this.typeOf(e.orelse, scope));
      }
      case "NamedExpr":
        return this.typeOf(e.value, scope);
      case "Call": {
        if (e.func.k === "Name" && scope.lookup(e.func.id) === null) {
          const t = BUILTIN_RESULT[e.func.id];
          if (t !== undefined && e.args.every((a) => a.kind === "pos")) return t;
        }
        return "any";
      }
      default:
        return "any";
    }
  }

  private propagateBlocking(): void {
    const direct = (call: Expr & { k: "Call" }, scope: Scope): boolean => {
      const f = call.func;
      if (f.k === "Attribute") {
        if (BLOCKING_METHODS.has(f.attr)) return true;
        if ((f.attr === "run" || f.attr === "close") && f.value.k === "Name") {
          const sym = scope.lookup(f.value.id);
          if (f.attr === "run" && sym?.imported?.module === "asyncio" && sym.imported.name === null)
            return true;
          if (sym?.isRunner) return true;
        }
        if (this.blockingMethodCalls.has(call)) return true;
        if (!this.callsBlockingMethod(f.value, f.attr, scope)) return false;
        this.blockingMethodCalls.add(call);
        return true;
      }
      if (f.k === "Name") {
        const sym = scope.lookup(f.id);
        if (sym?.imported?.module === "asyncio" && sym.imported.name === "run") return true;
        const callee = sym?.fn ? this.scopeOf.get(sym.fn.scope.id) : undefined;
        return callee?.blocks === true && !callee.isAsync;
      }
      return false;
    };
    let changed = true;
    while (changed) {
      changed = false;
      for (const { scope, call } of this.calls) {
        const fs = scope.functionScope();
        // (Every call is looked at: a blocking method's call sites are recorded.)
        if (!direct(call, scope) || (fs.blocks && !scope.needsBlocking())) continue;
        // Inside a running loop (a coroutine) these calls raise RuntimeError synchronously, as in
        // CPython; in a generator or lambda they cannot be awaited (not awaited).
        const inCoroutine = fs.kind === "function" && (fs.isAsync || fs.isGenerator);
        if (inCoroutine || fs.fn?.isLambda) continue;
        // A list, set or dict comprehension (nested in such ones only, straight in `fs`) becomes
        // an async function the code around it awaits; a generator expression cannot.
        if (scope.kind === "comprehension") {
          let s = scope;
          while (s.kind === "comprehension" && !s.isGenerator) s = s.parent!;
          if (s !== fs) continue;
          for (s = scope; s !== fs; s = s.parent!) s.blocks = true;
        }
        fs.blocks = true;
        changed = true;
      }
    }
  }

  /**
   * Does `recv.attr(...)` call a method of the program that blocks? `recv`'s class must be known
   * (receiverClass) and `attr` found on it or its program bases as a sync `def` (undecorated, or
   * a static/class method) that blocks. Through `self`, a subclass may override the method: every
   * method of the program named `attr` must block then.
   */
  private callsBlockingMethod(recv: Expr, attr: string, scope: Scope): boolean {
    const known = this.receiverClass(recv, scope, 0);
    if (known === null) return false;
    const method = this.findMethod(known.cls, attr, 0);
    if (method === null || !this.methodBlocks(method)) return false;
    if (!known.viaSelf) return true;
    for (const s of this.scopeOf.values()) {
      const m = s.kind === "class" ? s.symbols.get(attr) : undefined;
      if (m !== undefined && (m.fn === null || !this.methodBlocks(m.fn))) return false;
    }
    return true;
  }

  private methodBlocks(fn: FunctionDef): boolean {
    const s = this.scopeOf.get(fn.scope.id);
    const plain = fn.decorators.every(
      (d) => d.k === "Name" && (d.id === "staticmethod" || d.id === "classmethod"),
    );
    return s !== undefined && plain && s.blocks && !fn.isAsync && !s.isGenerator;
  }

  /** The method `attr` of a program class, looked up in it and then its program bases. */
  private findMethod(cls: ClassDef, attr: string, depth: number): FunctionDef | null {
    const cs = this.scopeOf.get(cls.scope.id);
    const sym = cs?.symbols.get(attr);
    if (sym !== undefined) {
      // (A decorated `def` leaves `fn` unset: its statement in the class body is the method.)
      if (sym.bindings !== 1) return null;
      const def = cls.body.find((st) => st.k === "FunctionDef" && st.fn.name === attr);
      return def?.k === "FunctionDef" ? def.fn : sym.fn;
    }
    if (depth > 20 || cs === undefined) return null;
    for (const base of cls.bases) {
      if (base.kind !== "pos" || base.value.k !== "Name") return null;
      const b = cs.parent!.lookup(base.value.id);
      if (b === null || b.cls === null) return null;
      const found = this.findMethod(b.cls, attr, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }

  /**
   * The program class `e` is certainly an instance of: a call of a class bound once
   * (`App(...)`), a name whose every binding is such a call, or `self` in a method (`viaSelf`).
   */
  private receiverClass(
    e: Expr,
    scope: Scope,
    depth: number,
  ): { cls: ClassDef; viaSelf: boolean } | null {
    if (depth > 10) return null;
    if (e.k === "Call" && e.func.k === "Name") {
      const sym = scope.lookup(e.func.id);
      if (sym !== null && sym.cls !== null && sym.bindings === 1)
        return { cls: sym.cls, viaSelf: false };
      // `cls(...)` in a class method: an instance of its class or of a subclass.
      return sym !== null ? this.firstParamClass(sym, e.func.id, "classmethod") : null;
    }
    if (e.k !== "Name") return null;
    const sym = scope.lookup(e.id);
    if (sym === null || sym.boundElsewhere || sym.imported !== null) return null;
    // The class itself (`App.main()` of a static or class method, `App.run(app)`).
    if (sym.cls !== null && sym.bindings === 1) return { cls: sym.cls, viaSelf: false };
    if (sym.isParam) return this.firstParamClass(sym, e.id, null);
    if (sym.values.length === 0) return null;
    let cls: ClassDef | null = null;
    let viaSelf = false;
    for (const v of sym.values) {
      const r = v === null ? null : this.receiverClass(v, sym.scope, depth + 1);
      if (r === null || (cls !== null && r.cls !== cls)) return null;
      cls = r.cls;
      viaSelf ||= r.viaSelf;
    }
    return cls === null ? null : { cls, viaSelf };
  }

  /**
   * The class of a method's first parameter `name` (`self`; `cls` when `decorator` is
   * "classmethod"), never rebound: its instances (or it) may be of a subclass (`viaSelf`).
   */
  private firstParamClass(
    sym: SymbolInfo,
    name: string,
    decorator: string | null,
  ): { cls: ClassDef; viaSelf: boolean } | null {
    const s = sym.scope;
    const fn = s.fn;
    if (!sym.isParam || sym.bindings !== 1 || s.kind !== "function" || fn === null) return null;
    if (s.parent?.kind !== "class" || s.parent.cls === null || fn.params[0]?.name !== name)
      return null;
    const decos = fn.decorators;
    const ok =
      decorator === null
        ? decos.length === 0
        : decos.length === 1 && decos[0]!.k === "Name" && decos[0]!.id === decorator;
    return ok ? { cls: s.parent.cls, viaSelf: true } : null;
  }
}

export function isRunnerCtor(e: Expr): boolean {
  return (
    e.k === "Call" &&
    e.func.k === "Attribute" &&
    e.func.attr === "Runner" &&
    e.func.value.k === "Name" &&
    e.func.value.id === "asyncio"
  );
}

/** The type a `for` loop binds when it iterates `range(...)`. */
function forTargetValue(iter: Expr): Expr | null {
  if (iter.k === "Call" && iter.func.k === "Name" && iter.func.id === "range")
    return { k: "Int", pos: iter.pos, value: 0n };
  return null;
}

const BUILTIN_RESULT: Record<string, Ty> = {
  len: "int",
  str: "str",
  repr: "str",
  float: "float",
  int: "int",
  bool: "bool",
  isinstance: "bool",
  callable: "bool",
  hasattr: "bool",
  chr: "str",
  ord: "int",
  hash: "int",
  id: "int",
  input: "str",
  format: "str",
  ascii: "str",
  hex: "str",
  bin: "str",
  oct: "str",
};

function join(a: Ty, b: Ty): Ty {
  if (a === "never") return b;
  if (b === "never") return a;
  return a === b ? a : "any";
}

function binOpType(op: string, l: Ty, r: Ty, right: Expr): Ty {
  if (l === "never" || r === "never") return "never";
  const num = (t: Ty) => t === "int" || t === "float";
  if (l === "str" && r === "str" && op === "+") return "str";
  if (l === "str" && op === "%") return "str";
  if (l === "int" && r === "int") {
    if (op === "/") return "float";
    if (op === "**") return right.k === "Int" ? "int" : "any";
    if (op === "@") return "any";
    return "int";
  }
  if (num(l) && num(r) && (l === "float" || r === "float")) {
    if (op === "+" || op === "-" || op === "*" || op === "/" || op === "//" || op === "%")
      return "float";
    return "any";
  }
  return "any";
}

export type { Param };
