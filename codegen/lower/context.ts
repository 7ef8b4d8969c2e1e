/**
 * What every lowering shares: the current scope, name mangling, temporaries, which runtime names
 * the module uses, and dispatch back into the registry for sub-expressions and nested blocks.
 *
 * ## Naming rules (fixed, documented in docs/ARCHITECTURE.md)
 *
 * - Python names are kept. A name that is a JS/TS reserved word (or `arguments`/`eval`) gets a
 *   trailing `_` (`delete` -> `delete_`); a user name that already is such a word followed by
 *   underscores gets one more (`delete_` -> `delete__`), so the two can never meet.
 * - Every name the transpiler invents starts with `$` (`$py`, `$t1`, `$e`, `f$sig`), which no Python
 *   identifier can contain.
 * - Python builtins are imported by name from "asyncio-ts/python" unless the module binds the same
 *   name somewhere; then they are written `$py.name`.
 */

import type { Analysis, Scope, SymbolInfo, Ty } from "../analyze";
import type { CompileError, SourceFile } from "../diagnostics";
import type { PartialImport } from "../import_cycles";
import type { Expr, FunctionDef, Pos, Stmt } from "../ir";
import { classBodyBound } from "./class-scope";
import { methodDecorators } from "./classes";
import { cleanDoc } from "./functions";
import { ex, P, type TsExpr, type TsStmt } from "./output";
import { inferredType } from "./types";

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await arguments eval undefined NaN Infinity"
  ).split(" "),
);

/** Python builtins the runtime exports by name ("asyncio-ts/python"). */
export const BUILTINS = new Set(
  (
    "print len range str repr int float bool list dict tuple set frozenset bytes bytearray type " +
    "isinstance issubclass abs min max sum sorted reversed enumerate zip map filter any all iter " +
    "next aiter anext round divmod pow hash id chr ord hex oct bin format callable getattr setattr " +
    "hasattr delattr vars object input ascii slice NotImplemented Ellipsis " +
    "property staticmethod classmethod dir open " +
    // exceptions
    "BaseException BaseExceptionGroup ExceptionGroup Exception ArithmeticError AssertionError " +
    "AttributeError BufferError EOFError FloatingPointError GeneratorExit ImportError " +
    "IndexError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError " +
    "NotImplementedError OSError OverflowError RecursionError ReferenceError RuntimeError " +
    "StopAsyncIteration StopIteration SyntaxError SystemError SystemExit TimeoutError TypeError " +
    "UnboundLocalError UnicodeError UnicodeDecodeError UnicodeEncodeError ValueError ZeroDivisionError ConnectionError " +
    "BrokenPipeError ConnectionResetError ConnectionRefusedError ConnectionAbortedError " +
    "FileNotFoundError FileExistsError PermissionError BlockingIOError ChildProcessError " +
    "InterruptedError IsADirectoryError NotADirectoryError ProcessLookupError " +
    "Warning UserWarning DeprecationWarning RuntimeWarning ResourceWarning " +
    "PendingDeprecationWarning SyntaxWarning FutureWarning ImportWarning UnicodeWarning " +
    "BytesWarning EncodingWarning IndentationError TabError PythonFinalizationError IOError " +
    "EnvironmentError exit quit"
  ).split(" "),
);

/**
 * Python builtins the runtime does not provide: a use is refused at transpile time, naming the
 * builtin.
 */
export const UNSUPPORTED_BUILTINS = new Set<string>(
  (
    "__import__ __build_class__ __debug__ breakpoint compile eval exec locals help " +
    "copyright credits license memoryview complex UnicodeTranslateError"
  ).split(" "),
);

/**
 * What the last statement of a class body binding `id` before the one at `pos` is, when it is a
 * `def`: an instance method (no decorator), a decorated property, or another kind of def.
 */
function classBodyDef(
  cx: Context,
  body: Stmt[],
  id: string,
  pos: Pos,
): "method" | "property" | null {
  const before = body.filter((s) => s.pos.line <= pos.line);
  before.pop(); // the statement being run
  for (let i = before.length - 1; i >= 0; i--) {
    const s = before[i]!;
    if (s.k === "FunctionDef" && s.fn.name === id) {
      const decorators = methodDecorators(cx, s.fn);
      if (decorators.length === 0) return "method";
      const d = decorators[0]!;
      const isProperty =
        decorators.length === 1 &&
        ((d.k === "Name" && d.id === "property") ||
          (d.k === "Attribute" && ["setter", "getter", "deleter"].includes(d.attr)));
      return isProperty ? "property" : null;
    }
    const targets =
      s.k === "Assign" ? s.targets : s.k === "AnnAssign" || s.k === "AugAssign" ? [s.target] : [];
    if (targets.some((t) => t.k === "Name" && t.id === id)) return null;
  }
  return null;
}

/** Builtin names that are classes in the runtime (constructed with `new`). */
export const BUILTIN_CLASSES = new Set(
  [...BUILTINS].filter((n) =>
    /Error$|Exception$|Warning$|^(GeneratorExit|KeyboardInterrupt|StopIteration|StopAsyncIteration|SystemExit|BaseExceptionGroup|ExceptionGroup|property|staticmethod|classmethod)$/.test(
      n,
    ),
  ),
);

/** Runtime names generated code imports by name when the module does not shadow them. */
export const RUNTIME_NAMES = new Set(["kw"]);

export function mangle(name: string): string {
  if (RESERVED.has(name)) return `${name}_`;
  const m = /^(.*?)(_+)$/.exec(name);
  if (m && RESERVED.has(m[1]!)) return `${name}_`;
  return name;
}

/**
 * The JS name of the class whose body is `scope`: its Python name, or for a class defined in a
 * class body `Outer$Inner` (lower/classes.ts), which no Python name can shadow.
 */
export function classJsName(scope: Scope): string {
  const name = scope.cls!.name;
  return scope.parent?.kind === "class" ? `${classJsName(scope.parent)}$${name}` : mangle(name);
}

/** One lowering per IR node kind; the registry (lower/index.ts) joins the features' tables. */
export type StmtTable = { [K in Stmt["k"]]: (s: Extract<Stmt, { k: K }>, cx: Context) => TsStmt[] };
export type ExprTable = { [K in Expr["k"]]: (e: Extract<Expr, { k: K }>, cx: Context) => TsExpr };

/** A feature: the IR kinds it lowers. Each kind is lowered by exactly one feature. */
export interface Feature {
  name: string;
  statements?: Partial<StmtTable>;
  expressions?: Partial<ExprTable>;
}

export interface ModuleOptions {
  /** The Python module name (`__main__` for the program's entry). */
  moduleName: string;
  /** Export every module-level binding (the module is imported by a sibling). */
  exportAll: boolean;
  /** Sibling modules that exist next to this one (`helpers` for helpers.py). */
  siblings: Set<string>;
  /**
   * Some module of the program may define `__setattr__`/`__delattr__` (lower/assign.ts,
   * `attributeHooks`): attribute stores go through `setattr`.
   */
  attrHooks?: boolean;
  /**
   * Some module of the program uses `inspect.signature` (lower/annotations.ts): every function
   * keeps its parameter list (this module's own source is checked in any case).
   */
  signatures?: boolean;
  /** The names a sibling module binds at module level (codegen/index.ts), when known. */
  siblingNames?: (module: string) => ReadonlySet<string>;
  /** Imports of a partially initialised module, by position (codegen/import_cycles.ts). */
  partialImports?: ReadonlyMap<string, PartialImport>;
}

/** Per-function state: temporaries and the innermost exception being handled. */
interface FunctionState {
  scope: Scope;
  temps: string[];
  fn: FunctionDef | null;
  /** The JS name of the exception bound in the innermost `except` block (for bare `raise`). */
  handling: string[];
  /** The labels of the loops we are in, innermost last (a `for ... else` needs `break label`). */
  loops: (string | null)[];
  /** Inside a class method: the class name (for `super()`). */
  className: string | null;
  /** How many `try` bodies we are in whose handlers catch AttributeError (lower/calls.ts). */
  attributeErrorTries: number;
  /** How many `try` bodies we are in whose handlers catch ImportError (lower/imports.ts). */
  importErrorTries: number;
}

/** The annotations a subclass of a builtin type widens (an int is acceptable as a float). */
const WIDENED: Record<string, string[]> = { int: ["int", "float"], float: ["float"], str: ["str"] };

export class Context {
  scope: Scope;
  /** Runtime names used by name ("print", "kw", ...). */
  readonly namedImports = new Set<string>();
  /** Header lines collected while lowering (namespace imports of modules). */
  readonly imports = new Map<string, string>();
  usesAsyncio = false;
  /** Some inserted reference is `$asyncio` (see `asyncio()`). */
  usesAsyncioAlias = false;
  usesModuleName = false;
  /** Reads the builtin `globals` (lower/index.ts defines `$globals`). */
  usesGlobals = false;
  /** The module's docstring (`__doc__` at module level), set by lowerModule. */
  moduleDoc: string | null = null;
  /** Compile-time warnings CPython prints before running the module (`x is 1`). */
  readonly syntaxWarnings: { line: number; message: string }[] = [];
  private fstate: FunctionState;
  private readonly fstack: FunctionState[] = [];
  /** Numbers the module's fresh names (`$t1`, `$loop2`, ...): the same source, the same names. */
  private counter = 0;

  constructor(
    readonly analysis: Analysis,
    readonly source: SourceFile,
    readonly options: ModuleOptions,
    private readonly stmtTable: StmtTable,
    private readonly exprTable: ExprTable,
  ) {
    this.scope = analysis.module;
    this.fstate = {
      scope: analysis.module,
      temps: [],
      fn: null,
      handling: [],
      loops: [],
      className: null,
      attributeErrorTries: 0,
      importErrorTries: 0,
    };
  }

  unsupported(pos: Pos, what: string): CompileError {
    return this.source.error("Unsupported", `${what} is not supported`, pos.line, pos.col);
  }

  // ---- dispatch

  expr(e: Expr): TsExpr {
    const f = this.exprTable[e.k] as (e: Expr, cx: Context) => TsExpr;
    return f(e, this);
  }

  stmt(s: Stmt): TsStmt[] {
    const f = this.stmtTable[s.k] as (s: Stmt, cx: Context) => TsStmt[];
    return f(s, this);
  }

  block(body: Stmt[]): TsStmt[] {
    const out: TsStmt[] = [];
    for (const s of body) out.push(...this.stmt(s));
    return out;
  }

  // ---- scopes

  scopeOf(ref: { id: number }): Scope {
    return this.analysis.scopeOf.get(ref.id)!;
  }

  /** Lower `fn` inside a new function state; `body` gets the temporaries' declaration prepended. */
  inFunction<T>(scope: Scope, fn: FunctionDef | null, className: string | null, f: () => T): T {
    const saved = this.scope;
    this.fstack.push(this.fstate);
    this.fstate = {
      scope,
      temps: [],
      fn,
      handling: [],
      loops: [],
      className,
      attributeErrorTries: 0,
      importErrorTries: 0,
    };
    this.scope = scope;
    try {
      return f();
    } finally {
      this.scope = saved;
      this.fstate = this.fstack.pop()!;
    }
  }

  /** Enter a comprehension (or class) scope without starting a new function state. */
  inScope<T>(scope: Scope, f: () => T): T {
    const saved = this.scope;
    this.scope = scope;
    try {
      return f();
    } finally {
      this.scope = saved;
    }
  }

  private widened: ReadonlySet<string> | null = null;

  /**
   * `int`/`float`/`str` when the module subclasses them (`class UserId(int)`): annotations with
   * those names are typed `any` (lower/types.ts), since the subclass's instances are objects.
   */
  get widenedAnnotations(): ReadonlySet<string> {
    if (this.widened === null) {
      const out = new Set<string>();
      for (const scope of this.analysis.scopeOf.values()) {
        const cls = scope.kind === "class" ? scope.cls : null;
        for (const b of cls?.bases ?? [])
          if (b.kind === "pos" && b.value.k === "Name" && WIDENED[b.value.id] !== undefined)
            if (scope.parent?.lookup(b.value.id) === null)
              for (const t of WIDENED[b.value.id]!) out.add(t);
      }
      this.widened = out;
    }
    return this.widened;
  }

  get currentFunction(): FunctionDef | null {
    return this.fstate.fn;
  }

  get className(): string | null {
    return this.fstate.className;
  }

  /** `let` declarations for the current function's temporaries. */
  tempDeclarations(): TsStmt[] {
    if (this.fstate.temps.length === 0) return [];
    return [{ t: "line", code: `let ${this.fstate.temps.map((t) => `${t}: any`).join(", ")};` }];
  }

  /** A new temporary variable in the current function (`$t1`, `$it2`, ...). */
  temp(prefix = "t"): string {
    const name = `$${prefix}${++this.counter}`;
    this.fstate.temps.push(name);
    return name;
  }

  /** A fresh name that is declared by the caller (not added to the temporaries). */
  fresh(prefix: string): string {
    return `$${prefix}${++this.counter}`;
  }

  private readonly uniqueNames = new Set<string>();

  /** `name`, or `name2`, `name3`, ... when the module already has it (see lowerFunction). */
  uniqueName(name: string): string {
    let n = 1;
    let candidate = name;
    while (this.uniqueNames.has(candidate)) candidate = `${name}${++n}`;
    this.uniqueNames.add(candidate);
    return candidate;
  }

  /**
   * Lower `body`, a `try` body whose handlers catch AttributeError: method calls there check that
   * the method exists (`$py.callMethod`), so that a missing one raises AttributeError, as the
   * program expects, rather than JS's TypeError "x.m is not a function".
   */
  attributeErrorTry<T>(body: () => T): T {
    this.fstate.attributeErrorTries++;
    try {
      return body();
    } finally {
      this.fstate.attributeErrorTries--;
    }
  }
  get inAttributeErrorTry(): boolean {
    return this.fstate.attributeErrorTries > 0;
  }

  /**
   * Lower `body`, a `try` body whose handlers catch ImportError: an import of a module that is
   * neither supported nor part of CPython's standard library raises ModuleNotFoundError there
   * when it runs (the `try: import uvloop` / `except ImportError:` idiom), instead of being
   * refused at transpile time.
   */
  importErrorTry<T>(body: () => T): T {
    this.fstate.importErrorTries++;
    try {
      return body();
    } finally {
      this.fstate.importErrorTries--;
    }
  }
  get inImportErrorTry(): boolean {
    return this.fstate.importErrorTries > 0;
  }

  pushHandling(name: string): void {
    this.fstate.handling.push(name);
  }
  popHandling(): void {
    this.fstate.handling.pop();
  }
  get handling(): string | null {
    return this.fstate.handling[this.fstate.handling.length - 1] ?? null;
  }

  pushLoop(label: string | null): void {
    this.fstate.loops.push(label);
  }
  popLoop(): void {
    this.fstate.loops.pop();
  }
  get loopLabel(): string | null {
    return this.fstate.loops[this.fstate.loops.length - 1] ?? null;
  }

  // ---- names

  lookup(name: string): SymbolInfo | null {
    return this.scope.lookup(name);
  }

  /** The TS expression for reading the Python name `id` here. */
  name(id: string, pos: Pos): TsExpr {
    const sym = this.lookup(id);
    if (sym !== null) {
      if (sym.scope.kind === "class") {
        // Only reached from inside the class body itself (methods skip class scopes). Not yet
        // bound there: the global or builtin name, as `LOAD_NAME` (lower/class-scope.ts).
        const cls = classJsName(sym.scope);
        const bound = classBodyBound(sym.scope.cls!.body, id, pos);
        if (bound !== "yes") {
          // JS would find an enclosing function's variable of that name, which Python skips.
          for (let s = sym.scope.parent; s !== null && s.kind !== "module"; s = s.parent)
            if (s.kind !== "class" && s.symbols.has(id) && !s.globals.has(id))
              throw this.unsupported(
                pos,
                `reading the class-body name '${id}' before the class body binds it, in a function that has a variable '${id}'`,
              );
          const saved = this.scope;
          this.scope = sym.scope.module();
          const other = this.name(id, pos);
          this.scope = saved;
          if (bound === "no") return other;
          return ex(
            `(Object.hasOwn(${cls}, ${JSON.stringify(id)}) ? ${cls}.${id} : ${other.code})`,
            P.primary,
          );
        }
        const def = classBodyDef(this, sym.scope.cls!.body, id, pos);
        // A method read as a value (`x = property(getx)`): a prototype method taking `self`
        // as `this`, made a function taking it first; a decorated property: its object.
        if (def === "method")
          return ex(`${this.helper("methodFunction")}(${cls}.prototype.${id})`, P.call);
        if (def === "property")
          return ex(`${this.helper("propertyOf")}(${cls}, ${JSON.stringify(id)})`, P.call);
        return ex(`${cls}.${id}`);
      }
      return ex(mangle(id));
    }
    if (id === "__name__") {
      this.usesModuleName = true;
      return ex("__name__");
    }
    if (BUILTINS.has(id)) return this.runtime(id);
    if (id === "globals") {
      // The module's `__dict__` (runtime/module.ts moduleGlobals), over `$module`: a sibling's
      // ES namespace, or the main script's getters (lower/index.ts mainNamespace).
      this.usesGlobals = true;
      return ex("$globals");
    }
    if (UNSUPPORTED_BUILTINS.has(id)) {
      const what = ["property", "staticmethod", "classmethod"].includes(id)
        ? `'${id}' other than as a method decorator`
        : `the builtin '${id}'`;
      throw this.unsupported(pos, what);
    }
    // A method's `__class__` cell: the class it is defined in.
    if (id === "__class__" && this.className !== null) return ex(this.className);
    // The module's own attributes: its docstring; the main script has no package or spec.
    // In a class body, the class's docstring (its namespace's `__doc__`), else the module's.
    if (id === "__doc__" && this.scope.kind === "class" && this.scope.cls?.docstring != null)
      return ex(JSON.stringify(cleanDoc(this.scope.cls.docstring)));
    if (id === "__doc__")
      return ex(this.moduleDoc === null ? "null" : JSON.stringify(this.moduleDoc));
    if (id === "__package__") return ex(this.options.exportAll ? '""' : "null");
    // CPython's module (or class namespace) dict of the annotations of its simple names.
    if (id === "__annotations__")
      throw this.unsupported(pos, "reading the module's '__annotations__'");
    if (id === "__spec__" && !this.options.exportAll) return ex("null");
    if (id === "__file__") {
      const base = this.source.path.split(/[\\/]/).pop()!;
      const main = this.options.exportAll ? "" : ", true";
      return ex(`${this.helper("moduleFile")}(${JSON.stringify(base)}${main})`, P.call);
    }
    // Not bound anywhere and not a builtin: NameError when (and only if) the line runs.
    return ex(`${this.helper("nameError")}(${JSON.stringify(id)})`, P.call);
  }

  /** A runtime export of "asyncio-ts/python": by name when the module does not shadow it. */
  runtime(name: string): TsExpr {
    if (!this.analysis.boundAnywhere.has(name)) {
      this.namedImports.add(name);
      return ex(name);
    }
    return ex(`$py.${name}`);
  }

  /** A helper of "asyncio-ts/python" that is not a Python builtin (always through `$py`). */
  helper(name: string): string {
    return `$py.${name}`;
  }

  /**
   * The asyncio namespace, for runtime calls and types the transpiler inserts itself: `asyncio`,
   * or `$asyncio` where a function's own `asyncio` (a local `import asyncio`) hides the module's.
   */
  asyncio(): string {
    const local = this.lookup("asyncio");
    if (local !== null && local.scope.kind !== "module") {
      this.usesAsyncioAlias = true;
      return "$asyncio";
    }
    this.usesAsyncio = true;
    return "asyncio";
  }

  // ---- declarations

  /** Symbols already declared with `let`/`const` in the generated code. */
  private readonly declared = new Set<SymbolInfo>();

  /** The module-level names declared in the generated code, in the order of `scope.symbols`. */
  declaredGlobals(scope: Scope): string[] {
    return [...scope.symbols.values()].filter((s) => this.declared.has(s)).map((s) => s.name);
  }

  /** Does the symbol need a declaration at the top of its function (or module)? */
  needsHoist(sym: SymbolInfo): boolean {
    if (sym.isParam || sym.scope.kind === "class" || sym.scope.kind === "comprehension")
      return false;
    return sym.hoist || sym.readBeforeBinding;
  }

  /** `let x: T;` for the symbols of `scope` declared up front. */
  hoistedDeclarations(scope: Scope): TsStmt[] {
    const decls: string[] = [];
    for (const sym of scope.symbols.values()) {
      if (!this.needsHoist(sym) || scope.nonlocals.has(sym.name) || scope.globals.has(sym.name))
        continue;
      this.declared.add(sym);
      // `x!`: a read before the first binding is checked at run time (`$py.checkBound`).
      // (Likewise `locals()`, which reads them all: lower/calls.ts localsCall.)
      const definite =
        (sym.readBeforeBinding && scope.kind === "function") || scope.readsLocals ? "!" : "";
      // A loop target is `any` (iterated values are untyped in TS), unless analysis proved it an
      // int (`for i in range(n)`): then `i * i`, emitted as JS's operator, must type as bigint.
      // (`let i!: bigint`: read after a loop that may not have run, it is checked at run time.)
      const typedLoop = sym.loopBound && sym.ty === "int";
      const ty = sym.loopBound && !typedLoop ? "any" : inferredType(sym.ty);
      decls.push(`${mangle(sym.name)}${definite || (typedLoop ? "!" : "")}: ${ty}`);
    }
    if (decls.length === 0) return [];
    const exp = scope.kind === "module" && this.options.exportAll ? "export " : "";
    return [{ t: "line", code: `${exp}let ${decls.join(", ")};` }];
  }

  /**
   * How to bind the Python name `id` here: `const x = `, `let x = ` (the first binding of the
   * name in its scope, when it is not declared up front) or `x = `.
   */
  bindingPrefix(id: string): {
    keyword: "const" | "let" | null;
    name: string;
    sym: SymbolInfo | null;
  } {
    const sym = this.lookup(id);
    const name = mangle(id);
    // A class-body name is an attribute of the class being made (lower/classes.ts).
    if (sym?.scope.kind === "class" && sym.scope === this.scope)
      return { keyword: null, name: `${classJsName(sym.scope)}.${id}`, sym };
    if (
      sym === null ||
      sym.isParam ||
      this.declared.has(sym) ||
      sym.scope !== this.scope ||
      sym.scope.kind === "class"
    ) {
      return { keyword: null, name, sym };
    }
    this.declared.add(sym);
    const keyword = sym.bindings === 1 && !sym.readBeforeBinding ? "const" : "let";
    return { keyword, name, sym };
  }

  /**
   * The name of the module of the program (not the main script) whose function, lambda or
   * comprehension is being lowered: the functions made there say it (`$py.inModule`).
   */
  nestedModule(): string | null {
    const kind = this.scope.kind;
    return this.options.exportAll && (kind === "function" || kind === "comprehension")
      ? this.options.moduleName
      : null;
  }

  /** `export ` for module-level declarations of an imported module. */
  exportPrefix(): string {
    return this.scope.kind === "module" && this.options.exportAll ? "export " : "";
  }

  /** Mark a symbol declared (by a function or class declaration). */
  markDeclared(sym: SymbolInfo): void {
    this.declared.add(sym);
  }

  isDeclared(sym: SymbolInfo): boolean {
    return this.declared.has(sym);
  }

  /** Is `e` the `self` (first parameter) of the method being lowered? */
  isSelf(e: Expr): boolean {
    const fn = this.currentFunction;
    if (e.k !== "Name" || fn === null || this.className === null) return false;
    // A static method's first parameter is an ordinary argument.
    if (methodDecorators(this, fn).some((d) => d.k === "Name" && d.id === "staticmethod"))
      return false;
    return fn.params[0]?.name === e.id && this.lookup(e.id)?.scope === this.scope.functionScope();
  }

  /** Is `e` a name bound by `import m` (or a class defined here: its attributes are its own)? */
  isModule(e: Expr): boolean {
    if (e.k !== "Name") return false;
    const sym = this.lookup(e.id);
    return (
      sym !== null && ((sym.imported !== null && sym.imported.name === null) || sym.cls !== null)
    );
  }

  typeOf(e: Expr): Ty {
    return this.analysis.typeOf(e, this.scope);
  }

  // ---- common lowerings

  /** A JS boolean for Python's truth value of `e`. */
  truthy(e: Expr): TsExpr {
    const ty = this.typeOf(e);
    if (ty === "bool") return this.expr(e);
    if (e.k === "BoolOp") {
      const op = e.op === "and" ? "&&" : "||";
      const prec = e.op === "and" ? P.and : P.or;
      return ex(
        `${par(this.truthy(e.left), prec)} ${op} ${par(this.truthy(e.right), prec + 1)}`,
        prec,
      );
    }
    if (e.k === "UnaryOp" && e.op === "not")
      return ex(`!${par(this.truthy(e.operand), P.unary)}`, P.unary);
    const v = this.expr(e);
    if (ty === "int") return ex(`${par(v, P.equality + 1)} !== 0n`, P.equality);
    if (ty === "str") return ex(`${par(v, P.equality + 1)} !== ""`, P.equality);
    if (ty === "float") return ex(`${par(v, P.equality + 1)} !== 0`, P.equality);
    if (ty === "None") return ex("false");
    return ex(`${this.helper("truthy")}(${v.code})`, P.call);
  }
}

function par(e: TsExpr, min: number): string {
  return e.prec < min ? `(${e.code})` : e.code;
}
