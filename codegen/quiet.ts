/**
 * Which code can run while the body of a "quiet" `try` runs, and how deep: the whole-module
 * analysis behind lower/exceptions.ts `quietTypes`.
 *
 * A `try` whose handlers can never show where the exception they catch was raised lets the
 * runtime make those exceptions without a JS stack (`$py.noStackFor`): the stack capture is most
 * of what an exception costs. That is sound only if no other code that runs while the body runs
 * can catch such an exception and show its traceback (a handler that prints it, a `with` or
 * `finally` that raises another with it as context), and if nothing re-raises it further out.
 *
 * The code that can run during the body is: the body; the program's functions it calls by name,
 * and those they call (the direct callees: plain `def`s bound once, called by name only); and
 * the functions of the program the runtime may call from it, the "implicit" code, in two groups:
 * the methods of the program's classes (through an operator, an attribute, a builtin), which any
 * operation may run; and the rest (a lambda or a function passed as a value; a generator, as it
 * is iterated; a generator expression's body), which only iterating something or calling a
 * builtin that iterates or calls back (`sorted`, `max`, `str.join`, logging's filters) can run,
 * so that a body (with its callees and the methods) doing neither needs only the methods to be
 * quiet. Each function that may run must be quiet code:
 * no `try`, `with`, `await`, nested `def`/`class`/`lambda`/comprehension, bare `raise`, reads of
 * `__traceback__`/`__context__`/`__cause__`, and calls only of quiet builtins and methods
 * (QUIET_CALLS, QUIET_METHODS), builtin exception classes, the program's classes and its
 * quiet functions. `async def` bodies never run inside another body without an `await`.
 *
 * A handler that may still show the exception (its body can raise, so the exception would be
 * printed as the new one's context, or it prints it) only ever shows the frames from where it
 * was raised to the frame of the `try` (lower/exceptions.ts marks where it was caught): so the
 * runtime may keep that many frames (`noStackFor(C, limit)`). That needs a bound on the frames:
 * the handlers name program exception classes that only `raise C(...)` statements of the body
 * and its direct callees make (no subclass, never used as a value, not named by implicit code),
 * the direct callees do not recurse, and each call of one is one JS frame.
 */

import type { Analysis, Scope, SymbolInfo } from "./analyze";
import type { ClassDef, Expr, FunctionDef, Module, Stmt } from "./ir";

/**
 * Builtin functions and methods of builtin types quiet code may call: none of them can print a
 * traceback (the program's methods of these names are implicit code, checked as such).
 */
export const QUIET_CALLS = new Set(
  "abs bool bytes chr dict divmod float format frozenset hash hex int isinstance issubclass iter len list max min next oct ord pow print range repr round set sorted str sum super tuple".split(
    " ",
  ),
);
export const QUIET_METHODS = new Set(
  (
    "__init__ add append count debug decode discard encode endswith extend find format get index " +
    "info insert items join keys lower lstrip partition pop popleft put_nowait get_nowait remove " +
    "replace rsplit rstrip setdefault split startswith strip update upper values warning " +
    // The other methods of str, bytes, list, dict, set and the numbers that call no function
    // they are given (a program's methods of these names are implicit code, checked as such).
    "capitalize casefold center expandtabs isalnum isalpha isascii isdecimal isdigit " +
    "isidentifier islower isnumeric isprintable isspace istitle isupper ljust removeprefix " +
    "removesuffix rfind rindex rjust rpartition splitlines swapcase title zfill hex " +
    "bit_length bit_count to_bytes is_integer copy clear reverse popitem appendleft " +
    "difference intersection union symmetric_difference issubset issuperset isdisjoint"
  ).split(" "),
);

/** Builtin exception classes a program exception class may derive from (besides `...Error`). */
const BUILTIN_BASES = /^(Exception|BaseException|ArithmeticError|LookupError)$/;

/** Attributes that reach an exception's traceback or its chain. */
const TRACEBACK_ATTRS = new Set(["__traceback__", "__context__", "__cause__", "tb_frame"]);

/** The module bodies of analyses (codegen/index.ts notes each): the analysis walks them. */
const modules = new WeakMap<Analysis, Module>();

export function noteModule(analysis: Analysis, mod: Module): void {
  modules.set(analysis, mod);
}

/** What a scan found besides whether the code is quiet. */
interface Found {
  /** The program functions called by name (each must be quiet too). */
  callees: Set<FunctionDef>;
  /** The symbols of names read. */
  names: Set<SymbolInfo>;
  /**
   * It may run implicit code other than methods: it iterates, unpacks, tests `in`, calls a
   * builtin that iterates or calls back, or makes an instance of a decorated class.
   */
  values: boolean;
}

/** Builtins of QUIET_CALLS that iterate their argument or call a `key` function. */
const ITERATING_CALLS = new Set(
  "bytes dict frozenset iter list max min next set sorted sum tuple".split(" "),
);
/** Methods of QUIET_METHODS that iterate an argument or run callbacks (logging's filters). */
const ITERATING_METHODS = new Set(
  (
    "debug extend info join update warning difference intersection union " +
    "symmetric_difference issubset issuperset isdisjoint"
  ).split(" "),
);
/** Calls that make objects whose item or attribute reads call a function they are given. */
const CALLING_OBJECTS = new Set(["defaultdict", "property", "cached_property", "partialmethod"]);

/** Decorators of a method that leave calling it running only its own body. */
const PLAIN_METHOD_DECORATORS = new Set(["property", "staticmethod", "classmethod"]);

type BuiltinTest = (name: string) => boolean;

/** The facts of one module (memoised per analysis). */
export class QuietModule {
  private readonly fnQuiet = new Map<FunctionDef, boolean>();
  private readonly fnFound = new Map<FunctionDef, Found>();
  private readonly depths = new Map<FunctionDef, number>();
  /**
   * Symbols read other than as the function of a call, the class of a `raise` or an `except`
   * clause's class: functions used as values, classes that may be made elsewhere.
   */
  private readonly escaped = new Set<SymbolInfo>();
  /** Implicit code: the methods of the program's classes (see the header). */
  private readonly methodCode: { node: unknown; scope: Scope }[] = [];
  /** The rest of the implicit code: functions as values, generators, lambdas. */
  private readonly valueCode: { node: unknown; scope: Scope }[] = [];
  /** A method has a decorator that may wrap it in other code: methods need the values group. */
  private methodsNeedValues = false;
  private methodsChecked: GroupCheck | null = null;
  private valuesChecked: GroupCheck | null = null;
  /** The module body was not surveyed: no implicit code is known to be quiet. */
  private readonly unknown: boolean;
  /**
   * The module has generators (functions or expressions): a StopIteration raised in one
   * becomes the cause of a RuntimeError, which shows its traceback.
   */
  hasGenerators = false;
  /** The modules the module imports (`.` for a relative import). */
  readonly imports: string[] = [];
  /** Class symbols some class names as a base. */
  private readonly subclassed = new Set<SymbolInfo>();

  constructor(
    private readonly analysis: Analysis,
    private readonly isBuiltinError: BuiltinTest,
    mod: Module | undefined,
  ) {
    this.unknown = mod === undefined;
    if (mod !== undefined) this.survey(mod.body, analysis.module);
  }

  private scopeOf(ref: { id: number }): Scope {
    return this.analysis.scopeOf.get(ref.id)!;
  }

  /** A function the program defines once and calls by name: its calls run its body. */
  directFunction(sym: SymbolInfo | null): FunctionDef | null {
    if (sym === null || sym.fn === null || sym.bindings !== 1 || !sym.isFunctionOnly) return null;
    if (sym.boundElsewhere || sym.deleted) return null;
    const fn = sym.fn;
    if (fn.decorators.length > 0 || fn.isLambda) return null;
    return fn;
  }

  /**
   * Walks the whole module once: which functions and classes are used as values, which code
   * is implicit (see the header).
   */
  private survey(node: unknown, scope: Scope): void {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) this.survey(n, scope);
      return;
    }
    const n = node as { k?: string } & Record<string, unknown>;
    if (this.bindsMethodValue(n, scope)) this.methodsNeedValues = true;
    switch (n.k) {
      case "FunctionDef": {
        const fn = (n as unknown as { fn: FunctionDef }).fn;
        this.surveyFunction(fn, scope);
        return;
      }
      case "Lambda":
        this.surveyFunction((n as unknown as { fn: FunctionDef }).fn, scope);
        return;
      case "ClassDef": {
        const c = n as unknown as ClassDef;
        for (const b of c.bases) {
          if (b.value.k === "Name") {
            const sym = scope.lookup(b.value.id);
            if (sym !== null) this.subclassed.add(sym);
          }
        }
        this.survey(c.bases, scope);
        this.survey(c.decorators, scope);
        this.survey(c.body, this.scopeOf(c.scope));
        return;
      }
      case "Comp": {
        const c = n as unknown as Extract<Expr, { k: "Comp" }>;
        const inner = this.scopeOf(c.scope);
        // The first iterable is evaluated where the comprehension is; a generator expression's
        // body runs wherever it is iterated.
        this.survey(c.generators[0]?.iter, scope);
        const rest = {
          ...c,
          generators: c.generators.map((g, i) => (i === 0 ? { ...g, iter: null } : g)),
        };
        if (c.kind === "gen") this.hasGenerators = true;
        if (c.kind === "gen")
          this.valueCode.push({ node: [rest.elt, rest.value, rest.generators], scope: inner });
        this.survey([rest.elt, rest.value, rest.generators], inner);
        return;
      }
      case "Call": {
        const call = n as unknown as Extract<Expr, { k: "Call" }>;
        if (call.func.k !== "Name") this.survey(call.func, scope);
        this.survey(call.args, scope);
        return;
      }
      case "Raise": {
        const r = n as unknown as Extract<Stmt, { k: "Raise" }>;
        const e = r.exc;
        if (e !== null && e.k === "Call" && e.func.k === "Name") this.survey(e.args, scope);
        else if (e !== null && e.k !== "Name") this.survey(e, scope);
        this.survey(r.cause, scope);
        return;
      }
      case "Try": {
        const t = n as unknown as Extract<Stmt, { k: "Try" }>;
        this.survey([t.body, t.orelse, t.finalbody], scope);
        for (const h of t.handlers) {
          if (h.type !== null && h.type.k !== "Name" && h.type.k !== "Tuple")
            this.survey(h.type, scope);
          if (h.type?.k === "Tuple")
            this.survey(
              h.type.elts.filter((x) => x.k !== "Name"),
              scope,
            );
          this.survey(h.body, scope);
        }
        return;
      }
      case "Name": {
        const sym = scope.lookup((n as unknown as { id: string }).id);
        if (sym !== null) this.escaped.add(sym);
        return;
      }
      case "Import":
        for (const a of (n as unknown as { names: { name: string }[] }).names)
          this.imports.push(a.name);
        return;
      case "ImportFrom": {
        const f = n as unknown as Extract<Stmt, { k: "ImportFrom" }>;
        this.imports.push(f.level > 0 ? "." : f.module);
        return;
      }
    }
    for (const [key, value] of Object.entries(n)) if (key !== "pos") this.survey(value, scope);
  }

  /**
   * Could this node make a method call run other code than a method's own body: bind a name
   * quiet code may call as a method (QUIET_METHODS, a dunder an operator calls) to something
   * other than a plain `def` (a function value, a partial), or make attributes computed?
   */
  private bindsMethodValue(n: { k?: string } & Record<string, unknown>, scope: Scope): boolean {
    const methodName = (name: string) => QUIET_METHODS.has(name) || /^__\w+__$/.test(name);
    switch (n.k) {
      case "Assign":
      case "AnnAssign":
      case "AugAssign": {
        const value = n.value as Expr | null;
        if (value === null || isLiteral(value)) return false;
        const targets = (n.k === "Assign" ? n.targets : [n.target]) as Expr[];
        return targets.some(
          (t) =>
            (t.k === "Attribute" && methodName(t.attr)) ||
            (t.k === "Name" && scope.kind === "class" && methodName(t.id)),
        );
      }
      case "Attribute":
        return n.attr === "__dict__";
      case "Call": {
        const f = n.func as Expr;
        if (f.k === "Name" && (f.id === "setattr" || f.id === "vars" || f.id === "type"))
          return true;
        // Objects that call a function of the program from an item or attribute read:
        // `defaultdict(make)` (its factory), `property(get)`; builtin factories (`int`) do not.
        const callee = f.k === "Name" ? f.id : f.k === "Attribute" ? f.attr : "";
        if (!CALLING_OBJECTS.has(callee)) return false;
        return (n.args as { value: Expr }[]).some(
          (a) => a.value.k !== "Name" || scope.lookup(a.value.id) !== null,
        );
      }
      case "FunctionDef": {
        const fn = (n as unknown as { fn: FunctionDef }).fn;
        if (scope.kind !== "class") return false;
        if (/^__(getattr|getattribute|get)__$/.test(fn.name)) return true;
        // A property whose value quiet code may call as a method.
        return fn.decorators.length > 0 && QUIET_METHODS.has(fn.name);
      }
    }
    return false;
  }

  private surveyFunction(fn: FunctionDef, scope: Scope): void {
    const inner = this.scopeOf(fn.scope);
    this.survey(fn.decorators, scope);
    for (const p of fn.params) this.survey([p.default, p.annotation], scope);
    this.survey(fn.returns, scope);
    this.survey(fn.body, inner);
    if (inner.isGenerator) this.hasGenerators = true;
    if (fn.isAsync) return;
    if (scope.kind === "class" && !inner.isGenerator) {
      if (!fn.decorators.every(plainMethodDecorator)) this.methodsNeedValues = true;
      this.methodCode.push({ node: fn.body, scope: inner });
      return;
    }
    const sym = fn.isLambda ? null : scope.lookup(fn.name);
    const direct = !inner.isGenerator && sym !== null && this.directFunction(sym) === fn;
    if (!direct) this.valueCode.push({ node: fn.body, scope: inner });
  }

  /**
   * Is every function the runtime may call implicitly from code that does (`values`) or does
   * not iterate or call back quiet code (and what they call)? Only then may a quiet body do
   * anything that could run them. Returns the names they read, or null.
   */
  implicitNames(values: boolean): Set<SymbolInfo> | null {
    if (this.unknown) return null;
    const methods = (this.methodsChecked ??= this.checkGroup(this.methodCode));
    if (!methods.ok) return null;
    if (!values && !methods.values && !this.methodsNeedValues) return methods.names;
    if (this.valuesChecked === null) {
      // Functions used as values can be called from anywhere: implicit code too.
      for (const sym of this.escaped) {
        const fn = this.directFunction(sym);
        if (fn !== null && !fn.isAsync)
          this.valueCode.push({ node: fn.body, scope: this.scopeOf(fn.scope) });
      }
      this.valuesChecked = this.checkGroup(this.valueCode);
    }
    if (!this.valuesChecked.ok) return null;
    return new Set([...methods.names, ...this.valuesChecked.names]);
  }

  private checkGroup(code: { node: unknown; scope: Scope }[]): GroupCheck {
    const found: Found = { callees: new Set(), names: new Set(), values: false };
    for (const { node, scope } of code) {
      if (!this.scan(node, scope, found, true))
        return { ok: false, values: true, names: found.names };
    }
    const ok = this.calleesOk(found);
    return { ok, values: found.values, names: found.names };
  }

  /**
   * The quiet code's facts (after `scan`): are the functions it calls quiet? Adds the names they
   * read and whether they iterate to `found`.
   */
  calleesOk(found: Found): boolean {
    const seen = new Set<FunctionDef>();
    const todo = [...found.callees];
    while (todo.length > 0) {
      const fn = todo.pop()!;
      if (seen.has(fn)) continue;
      seen.add(fn);
      if (!this.functionQuiet(fn)) return false;
      // An async function's call only makes a coroutine: none of its body runs (nothing found).
      const f = this.fnFound.get(fn);
      if (f === undefined) continue;
      for (const s of f.names) found.names.add(s);
      if (f.values) found.values = true;
      todo.push(...f.callees);
    }
    return true;
  }

  /** Is the body of a directly called function quiet code (recursion-safe, memoised)? */
  functionQuiet(fn: FunctionDef): boolean {
    const known = this.fnQuiet.get(fn);
    if (known !== undefined) return known;
    if (fn.isAsync) return true; // calling it only makes a coroutine
    const scope = this.scopeOf(fn.scope);
    // A generator's body runs as it is iterated; a blocking function is a JS async function.
    if (scope.isGenerator || scope.blocks) {
      this.fnQuiet.set(fn, false);
      return false;
    }
    // Assumed while its body is scanned: a recursive call does not make it loud.
    this.fnQuiet.set(fn, true);
    const found: Found = { callees: new Set(), names: new Set(), values: false };
    // (Default values run where the function is defined, not in its calls.)
    const ok = this.scan(fn.body, scope, found, false);
    this.fnQuiet.set(fn, ok);
    this.fnFound.set(fn, found);
    return ok;
  }

  /** JS frames of the deepest call chain from a frame calling `callees` (Infinity if recursive). */
  depth(callees: Iterable<FunctionDef>, active = new Set<FunctionDef>()): number {
    let max = 0;
    for (const fn of callees) {
      if (fn.isAsync) continue;
      let d = this.depths.get(fn);
      if (d === undefined) {
        if (active.has(fn)) return Infinity;
        active.add(fn);
        d = 1 + this.depth(this.fnFound.get(fn)?.callees ?? [], active);
        active.delete(fn);
        this.depths.set(fn, d);
      }
      max = Math.max(max, d);
    }
    return max;
  }

  /**
   * Quiet code (see the header), collecting the program functions it calls and the names it
   * reads. `implicit`: the body of a function the runtime calls (generators may yield).
   */
  scan(node: unknown, scope: Scope, found: Found, implicit: boolean): boolean {
    if (node === null || typeof node !== "object") return true;
    if (Array.isArray(node)) return node.every((n) => this.scan(n, scope, found, implicit));
    const n = node as { k?: string } & Record<string, unknown>;
    switch (n.k) {
      case "Yield":
      case "YieldFrom":
        if (!implicit) return false;
        break;
      case "Await":
      case "Try":
      case "With":
      case "FunctionDef":
      case "ClassDef":
      case "Lambda":
      case "Comp":
      case "Global":
      case "Nonlocal":
      case "Match":
        return false;
      case "For":
        if (n.isAsync) return false;
        found.values = true;
        break;
      case "Starred":
        found.values = true;
        break;
      case "Assign":
        if ((n.targets as Expr[]).some((t) => t.k === "Tuple" || t.k === "List"))
          found.values = true;
        break;
      case "Compare":
        if ((n.ops as string[]).some((op) => op === "in" || op === "not in")) found.values = true;
        break;
      case "Dict":
        if ((n.items as { key: unknown }[]).some((i) => i.key === null)) found.values = true;
        break;
      case "Raise":
        if (n.exc === null) return false;
        break;
      case "Attribute":
        if (TRACEBACK_ATTRS.has(n.attr as string)) return false;
        break;
      case "Name": {
        const sym = scope.lookup(n.id as string);
        if (sym !== null) found.names.add(sym);
        return true;
      }
      case "Call": {
        const call = n as unknown as Extract<Expr, { k: "Call" }>;
        if (!this.quietCall(call, scope, found)) return false;
        if (call.args.some((a) => a.name === "exc_info" || a.name === "stack_info")) return false;
        if (call.func.k === "Name") return this.scan(call.args, scope, found, implicit);
        break;
      }
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== "pos" && !this.scan(value, scope, found, implicit)) return false;
    }
    return true;
  }

  private quietCall(call: Extract<Expr, { k: "Call" }>, scope: Scope, found: Found): boolean {
    const f = call.func;
    if (call.args.some((a) => a.kind === "star" || a.kind === "dstar")) found.values = true;
    if (f.k === "Attribute") {
      if (ITERATING_METHODS.has(f.attr)) found.values = true;
      return QUIET_METHODS.has(f.attr);
    }
    if (f.k !== "Name") return false;
    const sym = scope.lookup(f.id);
    if (sym === null) {
      if (ITERATING_CALLS.has(f.id)) found.values = true;
      return QUIET_CALLS.has(f.id) || this.isBuiltinError(f.id);
    }
    found.names.add(sym);
    // A class of the program: its methods are implicit code (a decorated class may run other
    // code, a dataclass's `default_factory`).
    if (sym.cls !== null && sym.bindings === 1) {
      if (sym.cls.decorators.length > 0) found.values = true;
      return true;
    }
    const fn = this.directFunction(sym);
    if (fn === null) return false;
    found.callees.add(fn);
    return this.functionQuiet(fn);
  }

  /**
   * A program exception class (bound once by a `class` statement deriving, through such
   * classes, from builtin exception classes) of `scope`'s module; null otherwise.
   */
  exceptionClass(sym: SymbolInfo | null): ClassDef | null {
    for (let s = sym, n = 0; s !== null && n < 20; n++) {
      const c = s.cls;
      if (c === null || s.bindings !== 1 || c.decorators.length > 0 || c.bases.length !== 1)
        return null;
      const b = c.bases[0]!;
      if (b.kind !== "pos" || b.value.k !== "Name") return null;
      const scope = s.scope;
      const next = scope.lookup(b.value.id);
      if (next === null)
        return this.isBuiltinError(b.value.id) || BUILTIN_BASES.test(b.value.id) ? sym!.cls : null;
      s = next;
    }
    return null;
  }

  /**
   * May the exception class `sym` (see exceptionClass) be made with a short stack: made only by
   * `raise C(...)` statements (it is never a value, no class derives from it), and no implicit
   * code names it (so only the body and its direct callees raise it)?
   */
  boundedClass(sym: SymbolInfo, implicitNames: Set<SymbolInfo>): boolean {
    return !this.escaped.has(sym) && !this.subclassed.has(sym) && !implicitNames.has(sym);
  }
}

const cache = new WeakMap<Analysis, QuietModule>();

export function quietModule(analysis: Analysis, isBuiltinError: BuiltinTest): QuietModule {
  let q = cache.get(analysis);
  if (q === undefined) {
    q = new QuietModule(analysis, isBuiltinError, modules.get(analysis));
    cache.set(analysis, q);
  }
  return q;
}

export function newFound(): Found {
  return { callees: new Set(), names: new Set(), values: false };
}

interface GroupCheck {
  ok: boolean;
  /** The group's code (and its callees) may run the values group. */
  values: boolean;
  names: Set<SymbolInfo>;
}

/** A constant, or a tuple or list of them (`__slots__ = ("a", "b")`, `__hash__ = None`). */
function isLiteral(e: Expr): boolean {
  switch (e.k) {
    case "Const":
    case "Int":
    case "Float":
    case "Str":
    case "Bytes":
      return true;
    case "Tuple":
    case "List":
      return e.elts.every(isLiteral);
  }
  return false;
}

/** `@property`, `@staticmethod`, `@classmethod`, `@x.setter` (and getter, deleter). */
function plainMethodDecorator(d: Expr): boolean {
  if (d.k === "Name") return PLAIN_METHOD_DECORATORS.has(d.id);
  return d.k === "Attribute" && d.value.k === "Name" && /^(setter|getter|deleter)$/.test(d.attr);
}
