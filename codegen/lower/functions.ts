/**
 * `def`, `async def`, `lambda`, `return`, `await`, `yield`, `yield from`, `global`, `nonlocal`.
 *
 * | Python                         | TypeScript                                               |
 * | ------------------------------ | -------------------------------------------------------- |
 * | `async def f():`               | `function* f(): asyncio.Coro<any>` + `markcoroutinefunction` |
 * | `def g():` with `yield`        | `function* g()` + `markgeneratorfunction`                 |
 * | `async def` with `yield`       | `asyncio.asyncgenfunction(function* h() {...})`; `yield v` is `yield asyncio.asyncgen_yield(v)` |
 * | `def` calling asyncio.run      | `async function f()` (its callers `await` it)             |
 * | `await f()` (`f` an `async def`) | `(yield* f())`                                          |
 * | `await g()`                    | `(yield* $py.awaitOperand(g()))`: checked to be awaitable |
 * | `await x` (not a call)         | `(yield* $py.awaitHeld(x))`: a coroutine's reuse checked as CPython's (asyncio/coroutines.ts) |
 * | `await q.get()` (`q` a name)   | `asyncio.Queue._get_ready(q) ? q.get_nowait() : yield* q.get()` |
 * | `await q.put(v)` (`q` a name)  | `($v1 = v, asyncio.Queue._put_now(q, $v1) ? null : yield* q.put($v1))` (`v` a name or literal: no `$v1`) |
 *
 * The two queue forms are what a `Queue`'s `get()`/`put()` coroutine does when it need not wait
 * (an item is there, a slot is free: CPython's coroutine then returns `get_nowait()`/`put_nowait()`
 * without suspending), minus the coroutine object: making and stepping a generator per item cost
 * about 6x the whole queue operation. Anything else (another class, a `Queue` subclass overriding
 * `get`/`put`, a queue that must wait) takes the ordinary `yield*`. The receiver must be a plain
 * name (it is read more than once) not bound to an instance of one of the program's classes (its
 * TypeScript type is that class, which need not have `get_nowait`); `v` is evaluated once,
 * before the check, as in CPython.
 *
 * Parameters: a function whose parameters are all plain positional-or-keyword ones, and which no
 * call in the program passes a keyword naming one of them, keeps a natural signature
 * `function f(a: any, b: any = 1n)`. Any other function binds its arguments at run time:
 * `const f$sig = $py.signature(...)` records the parameter kinds, and the body starts with
 * `let [a, b, args, kwargs] = $py.bind(f$sig, $args);`, which raises CPython's TypeErrors
 * ("f() got an unexpected keyword argument 'x'", "missing 1 required positional argument").
 *
 * Missing arguments of a natural signature: the last required parameter's initializer raises
 * CPython's TypeError, `function f(a: any, b: any = $py.missingArgs("f", ["a", "b"], a))`. Its
 * arguments are only ever passed positionally and Python values are never `undefined`, so that
 * parameter is `undefined` exactly when it and maybe earlier ones were not passed (`missingArgs`
 * names those whose values are `undefined`). JS runs the initializer only then, and at the call,
 * before a generator function makes its generator object: a coroutine called with too few
 * arguments raises where CPython does, not at its first step. No `arguments` object, nothing
 * allocated on the good path (a generator object of such a function is 24 bytes larger: V8 keeps
 * parameters with initializers in registers). `self`/`cls` are `this`, never checked; property accessors get no
 * guard (JS always passes a setter its value). Too many arguments are caught at known call sites
 * (lower/signatures.ts, `knownCallError`), not here (see DIFFERENCES.md).
 *
 * Defaults are evaluated once, where the `def` runs (positional ones, then keyword-only ones), and
 * are the function's `__defaults__`/`__kwdefaults__` (src/python/functions.ts):
 *
 * | Python                      | TypeScript                                                       |
 * | --------------------------- | ---------------------------------------------------------------- |
 * | `def f(a, b=1):`            | `function f(a: any, b: any = 1n)` + `$py.defaults(f, [1n]);`     |
 * | `def f(a, acc=[]):`         | `const f$defaults: any[] = [[]];`, `acc: any = f$defaults[0]`, `$py.defaults(f, f$defaults);` |
 * | `def f(a, *, k=1):`         | `f$sig` + `$py.defaults(f, null, { k: 1n }, f$sig);` (`bind` reads them at each call) |
 *
 * A program that assigns `__defaults__`/`__kwdefaults__` anywhere binds every function with
 * defaults at run time, so the assignment changes later calls. A function's docstring is also its
 * `__doc__` (`cleanDoc`).
 */

import type { Scope } from "../analyze";
import { emit } from "../emit";
import type { Expr, FPart, FunctionDef, Param, Stmt } from "../ir";
import { writtenName } from "../private_names";
import { annotationEntries } from "./annotations";
import { propertyKey, returnsFunction } from "./calls";
import { type Context, type Feature, mangle } from "./context";
import { block, ex, jsString, line, P, par, type TsExpr, type TsStmt } from "./output";
import { orNull, tsType } from "./types";

export type FunctionKind = "coroutine" | "generator" | "asyncgen" | "async" | "plain";

export function functionKind(fn: FunctionDef, scope: Scope): FunctionKind {
  if (fn.isAsync) return scope.isGenerator ? "asyncgen" : "coroutine";
  if (scope.isGenerator) return "generator";
  return scope.blocks ? "async" : "plain";
}

const MARKERS: Partial<Record<FunctionKind, string>> = {
  coroutine: "markcoroutinefunction",
  generator: "markgeneratorfunction",
};

function isConstant(e: Expr): boolean {
  switch (e.k) {
    case "Int":
    case "Float":
    case "Str":
    case "Const":
      return true;
    case "UnaryOp":
      return e.op === "-" && (e.operand.k === "Int" || e.operand.k === "Float");
    default:
      return false;
  }
}

/**
 * Does the function bind its arguments at run time (see the header)? `inline` is set for lambdas,
 * which have no statement before them to hold a `$defaults` array: any non-constant default makes
 * them bind at run time.
 */
export function needsBinder(
  cx: Context,
  fn: FunctionDef,
  isMethod: boolean,
  inline = false,
): boolean {
  const params = isMethod ? fn.params.slice(1) : fn.params;
  for (const p of params) {
    if (p.kind !== "normal") return true;
    if (p.default !== null && inline && !isConstant(p.default)) return true;
    // A program that assigns `f.__defaults__` needs every call to read them (functions.ts).
    if (p.default !== null && cx.analysis.storesDefaults) return true;
    if (cx.analysis.keywordNames.has(p.name) || cx.analysis.keywordNames.has("**")) return true;
  }
  return false;
}

export interface LoweredFunction {
  /** Statements to place before the function (its `$sig` constant). */
  before: TsStmt[];
  /** `function* f(a: any): asyncio.Coro<any>` without the body braces, or a method head. */
  head: string;
  body: TsStmt[];
  kind: FunctionKind;
  qualname: string;
  sigName: string | null;
  /**
   * The arguments after the function in `$py.defaults(fn, ...)` (its `__defaults__`,
   * `__kwdefaults__` and signature), or null when it has no defaults.
   */
  defaults: string | null;
}

/**
 * What a method needs after its class is made (`target` is `C.prototype.m` or `C.m`): its
 * defaults and its `__doc__`.
 */
export function methodAttributes(
  cx: Context,
  fn: FunctionDef,
  target: string,
  lowered: LoweredFunction,
): TsStmt[] {
  const out: TsStmt[] = [];
  if (lowered.defaults !== null) out.push(line(`${withDefaults(cx, target, lowered)};`));
  // A mangled method (`_C__helper`) keeps its written name as `__name__` (`__helper`).
  if (fn.docstring !== null || fn.pyName !== undefined) {
    const doc = fn.docstring === null ? "" : `, ${jsString(cleanDoc(fn.docstring))}`;
    out.push(line(`${cx.helper("named")}(${target}, ${jsString(lowered.qualname)}${doc});`));
  }
  return out;
}

/** `$py.defaults(fn, ...)` around a function expression (or as a statement after a declaration). */
export function withDefaults(cx: Context, fn: string, lowered: LoweredFunction): string {
  return lowered.defaults === null ? fn : `${cx.helper("defaults")}(${fn}, ${lowered.defaults})`;
}

/** The Python `__qualname__` of a function defined in `parent`. */
export function qualnameOf(fn: FunctionDef, parent: Scope): string {
  return `${parent.qualname}${fn.isLambda ? "<lambda>" : writtenName(fn)}`;
}

/**
 * Lower a function's signature and body. `method` is set for methods (the first parameter is
 * `self`/`cls`, bound from `this`); `headName` is what goes before the parameter list.
 */
export function lowerFunction(
  cx: Context,
  fn: FunctionDef,
  opts: {
    headName: string;
    method: "instance" | "class" | "static" | null;
    className: string | null;
    sigPrefix: string;
    /**
     * A property's getter, setter or deleter: JS passes it exactly its arguments, so plain
     * parameters keep their natural signature (a JS setter cannot take `...$args`).
     */
    accessor?: boolean;
  },
): LoweredFunction {
  const parent = cx.scope;
  const scope = cx.scopeOf(fn.scope);
  const kind = functionKind(fn, scope);
  const qualname = qualnameOf(fn, parent);
  const isMethod = opts.method === "instance" || opts.method === "class";
  const params = isMethod ? fn.params.slice(1) : fn.params;
  const plainAccessor =
    opts.accessor === true && params.every((p) => p.kind === "normal" && p.default === null);
  const binder = !plainAccessor && needsBinder(cx, fn, isMethod, fn.isLambda);
  const before: TsStmt[] = [];
  let sigName: string | null = null;
  let paramList: string;
  let defaults: string | null = null;
  const baseName = `${opts.sigPrefix}${mangle(fn.isLambda ? "lambda" : fn.name)}`;
  // Defaults are evaluated in the enclosing scope, at definition time, positional ones first.
  const posDefaults = params.filter((p) => p.default !== null && p.kind !== "kwonly");
  const kwDefaults = params.filter((p) => p.default !== null && p.kind === "kwonly");
  if (binder) {
    // `f$sig`, or `f$sig2` for a second `def f` of the module (`@overload` stubs, `def _` under
    // `@x.register`): its constant may share a block with the first one's.
    sigName = cx.uniqueName(`${baseName}$sig`);
    const spec: string[] = [];
    let sawPosOnly = false;
    let sawStar = false;
    for (const p of params) {
      if (p.kind === "posonly") sawPosOnly = true;
      else if (sawPosOnly) {
        spec.push('"/"');
        sawPosOnly = false;
      }
      if (p.kind === "kwonly" && !sawStar) {
        spec.push('"*"');
        sawStar = true;
      }
      if (p.kind === "vararg") sawStar = true;
      spec.push(
        jsString(p.kind === "vararg" ? `*${p.name}` : p.kind === "kwarg" ? `**${p.name}` : p.name),
      );
    }
    if (sawPosOnly) spec.push('"/"');
    before.push(
      line(
        `const ${sigName} = ${cx.helper("signature")}(${jsString(qualname)}, [${spec.join(", ")}]${isMethod ? ", {}, 1" : ""});`,
        fn.pos.line,
      ),
    );
    paramList = "...$args: any[]";
    if (posDefaults.length > 0 || kwDefaults.length > 0) {
      const pos = posDefaults.map((p) => cx.expr(p.default!).code);
      const kws = kwDefaults.map((p) => `${propertyKey(p.name)}: ${cx.expr(p.default!).code}`);
      const kwText = kws.length > 0 ? `{ ${kws.join(", ")} }` : "null";
      defaults = `${pos.length > 0 ? `[${pos.join(", ")}]` : "null"}, ${kwText}, ${sigName}`;
    }
  } else if (posDefaults.some((p) => !isConstant(p.default!))) {
    // `const f$defaults = [[]];` and `target: any = f$defaults[0]`: the very values of
    // `f.__defaults__`, evaluated once. A method's are evaluated after its class is made (they
    // may name class attributes): `let C$m$defaults` before it, assigned in `$py.defaults(...)`.
    const name = `${baseName}$defaults`;
    const values = `[${posDefaults.map((p) => cx.expr(p.default!).code).join(", ")}]`;
    if (opts.method === null) {
      before.push(line(`const ${name}: any[] = ${values};`, fn.pos.line));
      defaults = name;
    } else {
      before.push(line(`let ${name}: any[];`, fn.pos.line));
      defaults = `(${name} = ${values})`;
    }
    paramList = params
      .map((p) =>
        paramDecl(
          cx,
          p,
          p.default === null
            ? missingGuard(cx, params, p, qualname, fn)
            : `${name}[${posDefaults.indexOf(p)}]`,
        ),
      )
      .join(", ");
  } else {
    paramList = params
      .map((p) => paramDecl(cx, p, missingGuard(cx, params, p, qualname, fn)))
      .join(", ");
    // Constants: the initializers repeat them (the same values: constants are immutable).
    if (posDefaults.length > 0)
      defaults = `[${posDefaults.map((p) => cx.expr(p.default!).code).join(", ")}]`;
  }
  if (kind === "coroutine") cx.asyncio();
  const ret = returnType(cx, fn, kind, scope);
  const star = kind === "coroutine" || kind === "generator" || kind === "asyncgen" ? "*" : "";
  let head: string;
  if (opts.method !== null) {
    const stat = opts.method === "instance" ? "" : "static ";
    const asy = kind === "async" ? "async " : "";
    head = `${stat}${asy}${star}${opts.headName}(${paramList}): ${ret}`;
  } else {
    const asy = kind === "async" ? "async " : "";
    head = `${asy}function${star} ${opts.headName}(${paramList}): ${ret}`;
  }
  const body = cx.inFunction(scope, fn, opts.method === null ? null : opts.className, () => {
    const stmts: TsStmt[] = [];
    if (isMethod) stmts.push(line(`const ${mangle(fn.params[0]!.name)} = this;`));
    if (binder) {
      const names = params.map((p) => mangle(p.name));
      stmts.push(line(`let [${names.join(", ")}] = ${cx.helper("bind")}(${sigName}, $args);`));
    }
    const hoisted = cx.hoistedDeclarations(scope);
    let main = cx.block(fn.body);
    if (endReachable(fn.body) && !fn.isLambda) main.push(line("return null;"));
    // PEP 479: StopIteration raised out of a generator's body is a RuntimeError (runtime: pep479).
    if (kind === "generator" || kind === "asyncgen") {
      const what = jsString(kind === "generator" ? "generator" : "async generator");
      main = [
        block("try", main),
        block("catch ($e)", [line(`throw ${cx.helper("pep479")}($e, ${what});`)]),
      ];
    }
    return [...stmts, ...hoisted, ...cx.tempDeclarations(), ...main];
  });
  return { before, head, body, kind, qualname, sigName, defaults };
}

/**
 * The guard of a natural signature (see the header): the initializer of the last required
 * parameter `p`, `$py.missingArgs("f", ["a", "b"], a)`, or null for any other parameter.
 */
function missingGuard(
  cx: Context,
  params: Param[],
  p: Param,
  qualname: string,
  fn: FunctionDef | null = null,
): string | null {
  // Property accessors: JS calls them with their value (and TS refuses a setter's initializer).
  if (fn?.decorators.some(isAccessorDecorator)) return null;
  const required = params.filter((q) => q.default === null);
  if (required[required.length - 1] !== p) return null;
  const names = required.map((q) => jsString(q.name)).join(", ");
  const given = required.slice(0, -1).map((q) => `, ${mangle(q.name)}`);
  return `${cx.helper("missingArgs")}(${jsString(qualname)}, [${names}]${given.join("")})`;
}

/** `@property`, `@x.setter`, `@x.getter`, `@x.deleter`: the method is a property accessor. */
function isAccessorDecorator(d: Expr): boolean {
  if (d.k === "Name") return d.id === "property";
  return (
    d.k === "Attribute" && (d.attr === "setter" || d.attr === "getter" || d.attr === "deleter")
  );
}

/** `name: type`, with `= initializer` (the default's, or a required parameter's guard). */
function paramDecl(cx: Context, p: Param, initializer: string | null = null): string {
  const name = mangle(p.name);
  const type = tsType(p.annotation, cx.widenedAnnotations);
  if (p.default === null)
    return initializer === null ? `${name}: ${type}` : `${name}: ${type} = ${initializer}`;
  const def = initializer ?? cx.expr(p.default).code;
  // A `None` default widens the annotated type (`x: int = None` is common).
  const t = p.default.k === "Const" && p.default.value === "None" ? orNull(type) : type;
  return `${name}: ${t} = ${def}`;
}

function returnType(cx: Context, fn: FunctionDef, kind: FunctionKind, scope: Scope): string {
  let r = tsType(fn.returns, cx.widenedAnnotations);
  if (endReachable(fn.body)) r = orNull(r);
  switch (kind) {
    case "coroutine":
      return `${cx.asyncio()}.Coro<${r}>`;
    case "generator":
      // A Python generator object: also has send()/close()/__next__() (the runtime adds them).
      return "any";
    case "asyncgen":
      // The body's generator, wrapped by `asyncgenfunction` into an async generator function
      // (for a method, assigned back over the prototype's: both must accept the other's type).
      return "any";
    case "async":
      return `Promise<${r}>`;
    default:
      void scope;
      return r;
  }
}

/** Can control reach the end of this block (so Python returns None there)? */
export function endReachable(body: Stmt[]): boolean {
  for (let i = body.length - 1; i >= 0; i--) {
    const s = body[i]!;
    if (s.k === "Comment" || s.k === "Pass") continue;
    return !terminates(s);
  }
  return true;
}

function terminates(s: Stmt): boolean {
  switch (s.k) {
    case "Return":
    case "Raise":
      return true;
    case "If":
      return s.orelse.length > 0 && !endReachable(s.body) && !endReachable(s.orelse);
    case "While":
      return s.test.k === "Const" && s.test.value === "True" && !containsBreak(s.body);
    case "Try":
      if (s.finalbody.length > 0 && !endReachable(s.finalbody)) return true;
      return (
        !endReachable(s.orelse.length > 0 ? s.orelse : s.body) &&
        !endReachable(s.body) &&
        s.handlers.every((h) => !endReachable(h.body))
      );
    case "With":
      return false;
    default:
      return false;
  }
}

function containsBreak(body: Stmt[]): boolean {
  for (const s of body) {
    if (s.k === "Break") return true;
    if (s.k === "If" && (containsBreak(s.body) || containsBreak(s.orelse))) return true;
    if (
      s.k === "Try" &&
      (containsBreak(s.body) ||
        s.handlers.some((h) => containsBreak(h.body)) ||
        containsBreak(s.orelse) ||
        containsBreak(s.finalbody))
    )
      return true;
    if (s.k === "With" && containsBreak(s.body)) return true;
  }
  return false;
}

/** Does any `Name` node under `node` read or bind `name`? */
function refersTo(node: unknown, name: string, seen = new Set<unknown>()): boolean {
  if (node === null || typeof node !== "object" || seen.has(node)) return false;
  seen.add(node);
  const n = node as { k?: unknown; id?: unknown };
  if (n.k === "Name" && n.id === name) return true;
  for (const v of Object.values(node)) if (refersTo(v, name, seen)) return true;
  return false;
}

function lowerFunctionDef(s: Extract<Stmt, { k: "FunctionDef" }>, cx: Context): TsStmt[] {
  const fn = s.fn;
  const sym = cx.lookup(fn.name)!;
  const asyncGen = fn.isAsync && cx.scopeOf(fn.scope).isGenerator;
  const useDeclaration =
    !asyncGen &&
    fn.decorators.length === 0 &&
    sym.bindings === 1 &&
    !cx.needsHoist(sym) &&
    sym.scope === cx.scope;
  const name = mangle(fn.name);
  const lowered = lowerFunction(cx, fn, {
    headName: name,
    method: null,
    className: null,
    sigPrefix: "",
  });
  const out: TsStmt[] = [...lowered.before];
  // `f.__annotations__`, when the program reads it (lower/annotations.ts).
  const annotations = annotationEntries(cx, fn);
  const docs = docComment(fn.docstring, fn.pos.line);
  const marker = lowered.kind === "asyncgen" ? "asyncgenfunction" : MARKERS[lowered.kind];
  // Functions not marked by asyncio still need their Python name when JS's differs (nested ones).
  const needsName = !marker && lowered.qualname !== fn.name;
  if (useDeclaration) {
    cx.markDeclared(sym);
    out.push(...docs);
    out.push(block(`${cx.exportPrefix()}${lowered.head}`, lowered.body, fn.pos.line));
    if (lowered.defaults !== null) out.push(line(`${withDefaults(cx, name, lowered)};`));
    if (annotations !== null) out.push(line(`${cx.helper("annotate")}(${name}, ${annotations});`));
    if (marker)
      out.push(line(`${cx.asyncio()}.${marker}(${name}, ${jsString(lowered.qualname)});`));
    if (needsName || fn.docstring !== null) {
      const doc = fn.docstring === null ? "" : `, ${jsString(cleanDoc(fn.docstring))}`;
      out.push(line(`${cx.helper("named")}(${name}, ${jsString(lowered.qualname)}${doc});`));
    }
    const module = cx.nestedModule();
    if (module !== null) out.push(line(`${cx.helper("inModule")}(${name}, ${jsString(module)});`));
    return out;
  }
  // Expression form: `f = deco(asyncio.markcoroutinefunction(function* f() {...}, "f"));`
  const bind = cx.bindingPrefix(fn.name);
  // A decorator that may be a class or a callable object is called through `$py.call`.
  const decorators = fn.decorators.map((d) =>
    returnsFunction(cx, d) && (d.k !== "Name" || cx.lookup(d.id)?.cls == null)
      ? cx.expr(d).code
      : `${cx.helper("call")}(${cx.expr(d).code}, `,
  );
  // A decorated function that refers to its own name (recursion) must see the decorated value
  // (`fib` under `@lru_cache`), not the function expression's own name: that one is `fib$`.
  const renamed = decorators.length > 0 && refersTo(fn.body, fn.name);
  let head = lowered.head;
  if (renamed) head = head.replace(/^(function\*? )([\w$]+)\(/, "$1$2$$(");
  const qual = jsString(lowered.qualname);
  const doc = fn.docstring !== null ? `, ${jsString(cleanDoc(fn.docstring))}` : "";
  let open = "";
  let close = "";
  if ((needsName && !marker) || renamed || doc !== "") {
    open = `${cx.helper("named")}(`;
    close = `, ${qual}${doc})`;
  }
  if (marker) {
    open = `${cx.asyncio()}.${marker}(${open}`;
    close = `${close}, ${qual})`;
  }
  // Outermost (asyncgenfunction returns a new function), inside the decorators.
  if (lowered.defaults !== null) {
    open = `${cx.helper("defaults")}(${open}`;
    close = `${close}, ${lowered.defaults})`;
  }
  if (annotations !== null) {
    open = `${cx.helper("annotate")}(${open}`;
    close = `${close}, ${annotations})`;
  }
  const module = cx.nestedModule();
  if (module !== null) {
    open = `${cx.helper("inModule")}(${open}`;
    close = `${close}, ${jsString(module)})`;
  }
  // A name bound again later (`@overload` stubs, then the implementation) holds functions of
  // other signatures: its type is not the first one's.
  const declared = bind.keyword === "let" ? `${bind.name}: any` : bind.name;
  const prefix = `${bind.keyword ? `${cx.exportPrefix()}${bind.keyword} ` : ""}${declared} = ${decorators.map((d) => (d.endsWith(", ") ? d : `${d}(`)).join("")}${open}`;
  const suffix = `${close}${")".repeat(decorators.length)};`;
  out.push(...docs);
  out.push({
    t: "block",
    head: `${prefix}${head}`,
    body: lowered.body,
    line: fn.pos.line,
    tail: suffix,
  });
  return out;
}

/**
 * A function's `__doc__` as CPython 3.13 compiles it: tabs expanded, the first line's leading
 * spaces removed and the common indentation of the other non-blank lines removed from each.
 */
export function cleanDoc(doc: string): string {
  const lines = doc.split("\n").map(expandTabs);
  const indent = (l: string) => l.length - l.replace(/^ +/, "").length;
  let margin = Number.POSITIVE_INFINITY;
  for (const l of lines.slice(1)) if (l.trim() !== "") margin = Math.min(margin, indent(l));
  const rest = lines
    .slice(1)
    .map((l) => (margin === Number.POSITIVE_INFINITY ? l : l.slice(Math.min(margin, indent(l)))));
  return [lines[0]!.replace(/^ +/, ""), ...rest].join("\n");
}

function expandTabs(l: string): string {
  if (!l.includes("\t")) return l;
  let out = "";
  for (const ch of l) out += ch === "\t" ? " ".repeat(8 - (out.length % 8)) : ch;
  return out;
}

export function docComment(doc: string | null, pyLine?: number): TsStmt[] {
  if (doc === null) return [];
  const lines = doc
    .trim()
    .split("\n")
    .map((l) => l.trim());
  return [
    line(
      `/**\n${lines.map((l) => (l === "" ? " *" : ` * ${l.replace(/\*\//g, "*\\/")}`)).join("\n")}\n */`,
      pyLine,
    ),
  ];
}

function lowerLambda(e: Extract<Expr, { k: "Lambda" }>, cx: Context): TsExpr {
  const made = lambdaValue(e, cx);
  const module = cx.nestedModule();
  if (module === null) return made;
  return ex(`${cx.helper("inModule")}(${made.code}, ${jsString(module)})`, P.call);
}

function lambdaValue(e: Extract<Expr, { k: "Lambda" }>, cx: Context): TsExpr {
  const fn = e.fn;
  const scope = cx.scopeOf(fn.scope);
  if (scope.isGenerator) throw cx.unsupported(e.pos, "'yield' inside a lambda");
  const binder = needsBinder(cx, fn, false, true);
  // A lambda with run-time binding gets its signature (and defaults) once, when it is created:
  // `((sig) => $py.defaults((...$args) => {...}, [...], null, sig))($py.signature(...))`.
  const sig = "";
  if (binder) {
    const lowered = lowerFunction(cx, fn, {
      headName: "",
      method: null,
      className: null,
      sigPrefix: "",
    });
    const m = /^const (\S+) = (.*);$/s.exec((lowered.before[0] as { code: string }).code)!;
    const body = emitInline(lowered.body);
    const inner = withDefaults(cx, `function $lambda(...$args: any[]): any {\n${body}}`, lowered);
    const fnText = `((${m[1]}: any) => ${inner})(${m[2]})`;
    return annotateLambda(
      cx,
      fn,
      ex(`${cx.helper("named")}(${fnText}, ${jsString(lowered.qualname)})`, P.call),
    );
  }
  const qualname = qualnameOf(fn, cx.scope);
  const params = fn.params
    .map((p) => paramDecl(cx, p, missingGuard(cx, fn.params, p, qualname)))
    .join(", ");
  const constants = fn.params.filter((p) => p.default !== null).map((p) => cx.expr(p.default!));
  const value = cx.inFunction(scope, fn, null, () => {
    // The lambda's own locals are the targets of walrus expressions (`lambda: (n := f()) + n`).
    const hoisted = cx.hoistedDeclarations(scope);
    const body = fn.body[0] as Extract<Stmt, { k: "Return" }>;
    const v = cx.expr(body.value!);
    const decls = [...hoisted, ...cx.tempDeclarations()].map(
      (d) => `${(d as { code: string }).code} `,
    );
    return `{ ${decls.join("")}return ${v.code}; }`;
  });
  // A named function expression, not an arrow: V8 names its frames `$lambda`, which tracebacks
  // print as `<lambda>` (codegen/run.ts).
  const named = `${cx.helper("named")}(function $lambda(${params}${sig}): any ${value}, ${jsString(qualname)})`;
  if (constants.length === 0) return annotateLambda(cx, fn, ex(named, P.call));
  return annotateLambda(
    cx,
    fn,
    ex(`${cx.helper("defaults")}(${named}, [${constants.map((c) => c.code).join(", ")}])`, P.call),
  );
}

/** A lambda's parameter list, in a module using `inspect.signature` (lower/annotations.ts). */
function annotateLambda(cx: Context, fn: FunctionDef, lambda: TsExpr): TsExpr {
  const annotations = annotationEntries(cx, fn);
  if (annotations === null) return lambda;
  return ex(`${cx.helper("annotate")}(${lambda.code}, ${annotations})`, P.call);
}

function emitInline(body: TsStmt[]): string {
  return emit(body)
    .code.split("\n")
    .map((l) => (l === "" ? l : `  ${l}`))
    .join("\n");
}

/** `yield* $py.iter(x)` for `yield from x` (its value may be `undefined`, see the lowering). */
export function yieldFrom(cx: Context, e: Extract<Expr, { k: "YieldFrom" }>): string {
  const fs = cx.scope.functionScope();
  if (fs.fn?.isAsync)
    throw cx.source.error(
      "SyntaxError",
      "'yield from' inside async function",
      e.pos.line,
      e.pos.col,
    );
  return `yield* ${cx.helper("iter")}(${cx.expr(e.value).code})`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SIMPLE = /^(?:[A-Za-z_$][\w$]*|-?\d+n?|"(?:[^"\\]|\\.)*"|null|true|false)$/;

/** The `await q.get()` / `await q.put(v)` forms of the table above, or null. */
function queueAwait(cx: Context, call: Expr, lowered: TsExpr): TsExpr | null {
  if (call.k !== "Call" || call.func.k !== "Attribute" || call.func.value.k !== "Name") return null;
  const method = call.func.attr;
  const recv = cx.expr(call.func.value).code;
  if (!IDENTIFIER.test(recv)) return null;
  // An instance of one of the program's classes is typed as that class, which need not have
  // `get_nowait`: its own `get`/`put` are awaited as they are.
  if (programInstance(cx, call.func.value.id)) return null;
  const queue = `${cx.asyncio()}.Queue`;
  if (method === "get" && call.args.length === 0 && lowered.code === `${recv}.get()`) {
    return ex(
      `${queue}._get_ready(${recv}) ? ${recv}.get_nowait() : yield* ${recv}.get()`,
      P.yield,
    );
  }
  if (method !== "put" || call.args.length !== 1 || call.args[0]!.kind !== "pos") return null;
  if (!lowersPurely(call.args[0]!.value)) return null;
  const arg = cx.expr(call.args[0]!.value).code;
  if (lowered.code !== `${recv}.put(${arg})`) return null;
  const put = (v: string) => `${queue}._put_now(${recv}, ${v}) ? null : yield* ${recv}.put(${v})`;
  // A name or literal is read as it stands; anything else goes through a temporary.
  if (SIMPLE.test(arg)) return ex(put(arg), P.yield);
  const v = cx.temp("v");
  return ex(`(${v} = ${arg}, ${put(v)})`, P.primary);
}

/** Is `name` bound only to instances of the program's classes (`b = Box()`)? */
function programInstance(cx: Context, name: string): boolean {
  const sym = cx.lookup(name);
  if (sym === null || sym.values.length === 0) return false;
  return sym.values.every(
    (v) => v !== null && v.k === "Call" && v.func.k === "Name" && cx.lookup(v.func.id)?.cls != null,
  );
}

/**
 * True when lowering `e` a second time gives the same code and allocates nothing (no nested
 * function, comprehension or binding whose fresh names a second lowering would number anew).
 */
function lowersPurely(e: Expr): boolean {
  switch (e.k) {
    case "Name":
    case "Int":
    case "Float":
    case "Str":
    case "Bytes":
    case "Const":
      return true;
    case "Attribute":
    case "Starred":
      return lowersPurely(e.value);
    case "Subscript":
      return lowersPurely(e.value) && lowersPurely(e.index);
    case "BinOp":
    case "BoolOp":
      return lowersPurely(e.left) && lowersPurely(e.right);
    case "UnaryOp":
      return lowersPurely(e.operand);
    case "Compare":
      return lowersPurely(e.left) && e.comparators.every(lowersPurely);
    case "List":
    case "Tuple":
    case "Set":
      return e.elts.every(lowersPurely);
    case "FString":
      return e.parts.every(fpartPure);
    case "Call":
      return lowersPurely(e.func) && e.args.every((a) => lowersPurely(a.value));
    default:
      return false;
  }
}

function fpartPure(p: FPart): boolean {
  return typeof p === "string" || (lowersPurely(p.expr) && (p.spec ?? []).every(fpartPure));
}

/**
 * True when `e` makes an awaitable without a check: a call of an undecorated coroutine function
 * (not an async generator function) bound once, or of a function of the `asyncio` module (the
 * calls programs await there make coroutines, tasks and futures). Other operands of `await` are
 * checked at run time (`$py.awaitOperand`): `await` of a value that is not awaitable raises
 * CPython's TypeError.
 */
function knownCoroutine(cx: Context, e: Expr): boolean {
  if (e.k !== "Call") return false;
  const f = e.func;
  if (f.k === "Name") {
    const sym = cx.lookup(f.id);
    const fn = sym?.fn;
    if (sym == null || fn == null || !fn.isAsync || fn.decorators.length > 0) return false;
    return !cx.scopeOf(fn.scope).isGenerator && sym.bindings === 1;
  }
  if (f.k !== "Attribute" || f.value.k !== "Name") return false;
  const mod = cx.lookup(f.value.id);
  return mod?.imported?.module === "asyncio" && mod.imported.name === null && mod.bindings === 1;
}

function awaitable(cx: Context, e: Expr, what: string): void {
  // An asynchronous generator expression may await, wherever it is.
  let s = cx.scope;
  for (; s.kind === "comprehension"; s = s.parent!) if (s.asyncGenexpr) return;
  if (s.kind !== "function" || !s.isAsync) {
    // CPython: "'await' outside function" at module level and in a class body (even one in an
    // async function).
    const where = s.kind === "function" ? "async function" : "function";
    throw cx.source.error("SyntaxError", `'${what}' outside ${where}`, e.pos.line, e.pos.col);
  }
}

export const functions: Feature = {
  name: "functions",
  statements: {
    FunctionDef: lowerFunctionDef,
    Return: (s, cx) => {
      const fs = cx.scope.functionScope();
      if (fs.kind === "module")
        throw cx.source.error("SyntaxError", "'return' outside function", s.pos.line, s.pos.col);
      if (s.value === null) return [line("return null;", s.pos.line)];
      if (fs.isGenerator && fs.fn?.isAsync)
        throw cx.source.error(
          "SyntaxError",
          "'return' with value in async generator",
          s.pos.line,
          s.pos.col,
        );
      return [line(`return ${cx.expr(s.value).code};`, s.pos.line)];
    },
    Global: () => [],
    Nonlocal: () => [],
  },
  expressions: {
    Lambda: lowerLambda,
    Await: (e, cx) => {
      awaitable(cx, e, "await");
      const value = cx.expr(e.value);
      const queued = queueAwait(cx, e.value, value);
      if (queued !== null) return queued;
      if (knownCoroutine(cx, e.value)) return ex(`yield* ${par(value, P.assign)}`, P.yield);
      // A call's coroutine is new (unless a cache returned it: `awaitOperand` checks its mark);
      // any other operand may be a coroutine held elsewhere, finished or being awaited.
      const check = e.value.k === "Call" ? "awaitOperand" : "awaitHeld";
      return ex(`yield* ${cx.helper(check)}(${value.code})`, P.yield);
    },
    Yield: (e, cx) => {
      const fs = cx.scope.functionScope();
      const v = e.value === null ? "null" : cx.expr(e.value).code;
      if (fs.fn?.isAsync) return ex(`yield ${cx.asyncio()}.asyncgen_yield(${v})`, P.yield);
      return ex(`yield ${v}`, P.yield);
    },
    YieldFrom: (e, cx) =>
      // A JS iterator (a list's) ends with `undefined`: Python's `yield from` gives None.
      ex(`((${yieldFrom(cx, e)}) ?? null)`, P.primary),
  },
};
