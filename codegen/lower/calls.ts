/**
 * Calls.
 *
 * - Positional arguments stay positional; `*xs` spreads `$py.iter(xs)`.
 * - Keyword arguments become one final `kw({ name: value })` (`**m` spreads `$py.kwargs(m)` into
 *   it). Transpiled functions that can receive keywords bind them at run time with CPython's
 *   errors (see functions.ts), so no argument is ever dropped.
 * - Classes are constructed with `new`: classes defined in the program, builtin exceptions and
 *   the asyncio classes in `ASYNCIO_CLASSES`.
 * - Methods of `str` and `list` (JS strings and arrays) are called through `$py.callMethod`, since
 *   JS's own `split`, `sort`, `pop`, `join`, ... differ from Python's. The exceptions: the
 *   statement `xs.append(v)` on a name that can only hold a list is `xs.push(v);`; a str method
 *   on a str literal is `$py.strMethod.m("lit", ...)`, and on a name meant to be a str
 *   (`guardedStrMethod`) `typeof x === "string" ? $py.strMethod.m(x, ...) : $py.callMethod(...)`.
 * - `super()` is `super_(Cls, self)` (cooperative: see `zeroArgSuper`).
 * - `obj.attr(...)` where the program stores data under `attr` (`self.factory = Conn`, a class
 *   body's `factory = Conn`) and no class defines a method `attr` is `$py.call(obj.attr, ...)`: the
 *   attribute may hold a class or an object with `__call__` (`holdsData`). `Outer.Inner(...)` /
 *   `helpers.Outer.Inner(...)` on something a sibling module defines is `$py.callMethod(...)`,
 *   which constructs a class (a nested one) and calls a method on its object.
 * - A call that statically passes a wrong number of arguments to a known callee (`f(1, 2, 3)`
 *   for `def f(a, b=2)`, `E(1)` for a class without `__init__`) is `$py.callError("f() takes from
 *   1 to 2 positional arguments but 3 were given", 1n, 2n, 3n)`: the arguments are evaluated,
 *   then CPython's TypeError is raised (lower/signatures.ts, `knownCallError`).
 * - Calls of blocking functions (asyncio.run, run_until_complete, run_forever, Runner.run, Runner.close, and
 *   transpiled functions that call them) are awaited.
 */

import { LOCALS_CALLS, type Scope } from "../analyze";
import type { Arg, Expr, Pos } from "../ir";
import { undeclaredAttribute } from "./assign";
import { constructedViaNew, definingDef, methodDecorators, overValueType } from "./classes";
import { BUILTIN_CLASSES, type Context, type Feature, mangle } from "./context";
import {
  coroutineMethodNames,
  ES_MODULES,
  isRuntimeInstanceMethod,
  mayBeCoroutineFunction,
  NO_OP_MODULES,
  refuseMissing,
  runtimeModulePath,
  runtimeNamespace,
} from "./imports";
import { hasInstanceMethod } from "./names";
import { ex, jsString, P, par, type TsExpr } from "./output";
import { knownCallError, POSITIONAL_PARAMS, placeKeywords } from "./signatures";

/** asyncio names that are classes (called with `new`). */
export const ASYNCIO_CLASSES = new Set([
  "Future",
  "Task",
  "Queue",
  "PriorityQueue",
  "LifoQueue",
  "Event",
  "Lock",
  "Condition",
  "Semaphore",
  "BoundedSemaphore",
  "Barrier",
  "TaskGroup",
  "Runner",
  "Timeout",
  "Handle",
  "TimerHandle",
  "CancelledError",
  "InvalidStateError",
  "TimeoutError",
  "QueueEmpty",
  "QueueFull",
  "QueueShutDown",
  "BrokenBarrierError",
  "IncompleteReadError",
  "LimitOverrunError",
  "SendfileNotAvailableError",
  "StreamReader",
  "StreamWriter",
  "AbstractEventLoop",
  "BaseEventLoop",
  "DefaultEventLoopPolicy",
]);

/** Builtin types whose attributes a call may read (`dict.fromkeys`, `str.join`, `bytes.hex`). */
const BUILTIN_TYPE_RECEIVERS = new Set([
  "str",
  "bytes",
  "bytearray",
  "dict",
  "list",
  "tuple",
  "int",
  "float",
  "bool",
]);

/** Classes of the ES-imported runtime modules, by module (constructed with `new`). */
const MODULE_CLASSES: Record<string, Set<string>> = {
  asyncio: ASYNCIO_CLASSES,
  contextvars: new Set(["ContextVar", "Context", "Token"]),
};

/**
 * `asyncio.Future.done(f)` or, after `from asyncio import Queue`, `Queue.qsize(q)`: a method of a
 * runtime class's instances called through the class.
 */
function runtimeMethodThroughClass(cx: Context, f: Extract<Expr, { k: "Attribute" }>): boolean {
  const v = f.value;
  if (v.k === "Name") {
    const imported = cx.lookup(v.id)?.imported;
    return (
      imported != null &&
      imported.name !== null &&
      isRuntimeInstanceMethod(cx, imported.module, imported.name, f.attr)
    );
  }
  if (v.k === "Attribute" && v.value.k === "Name") {
    const imported = cx.lookup(v.value.id)?.imported;
    return (
      imported != null &&
      imported.name === null &&
      isRuntimeInstanceMethod(cx, imported.module, v.attr, f.attr)
    );
  }
  return false;
}

/**
 * Is `module.name` a class of the Python runtime (`enum.auto`, `functools.partial`,
 * `collections.Counter`)? Asked of the runtime itself, loaded lazily, so the answer follows it.
 */
export function runtimeModuleClass(module: string, name: string): boolean {
  const path = runtimeModulePath(module);
  if (path === null) return false;
  const v = runtimeNamespace(path)?.[name];
  return typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v));
}

/**
 * Methods of Python's str, list and numbers, which JS strings, arrays and numbers lack (and
 * generators' `throw`, whose JS form returns an iterator result instead of the next value).
 */
export const BUILTIN_METHODS = new Set(
  (
    "capitalize casefold center count encode endswith expandtabs find format format_map index " +
    "isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace " +
    "istitle isupper join ljust lower lstrip partition removeprefix removesuffix replace rfind " +
    "rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title " +
    "translate upper zfill append clear copy extend insert pop remove reverse sort bit_length " +
    "bit_count to_bytes from_bytes is_integer as_integer_ratio conjugate hex fromhex maketrans decode throw"
  ).split(" "),
);

/**
 * Public methods of asyncio's objects (futures, tasks, queues, events, locks, the loop). Read as
 * values (`loop.call_soon(fut.set_result, 1)`) they are bound with `getattr`, as Python binds them.
 */
export const RUNTIME_METHODS = new Set(
  (
    "set_result set_exception cancel cancelled done result exception add_done_callback " +
    "remove_done_callback get_loop put put_nowait get get_nowait task_done join empty full qsize " +
    "shutdown set clear is_set wait acquire release locked notify notify_all call_soon call_later " +
    "call_at call_soon_threadsafe create_task create_future run_until_complete run_forever stop " +
    "close time get_name set_name get_coro uncancel cancelling is_running is_closed"
  ).split(" "),
);

/** The runtime callee a call refers to (`asyncio.sleep`, `builtins.int`), if known. */
function runtimeCallee(cx: Context, f: Expr): string | null {
  if (f.k === "Attribute" && f.value.k === "Name") {
    const sym = cx.lookup(f.value.id);
    if (sym?.imported?.module === "asyncio" && sym.imported.name === null)
      return `asyncio.${f.attr}`;
    return null;
  }
  if (f.k === "Name") {
    const sym = cx.lookup(f.id);
    if (sym === null) return `builtins.${f.id}`;
    if (sym.imported?.module === "asyncio" && sym.imported.name !== null)
      return `asyncio.${sym.imported.name}`;
  }
  return null;
}

/** Lower call arguments: positional ones, then one `kw({...})` if any keywords. */
export function callArgs(cx: Context, args: Arg[], callee: Expr | null = null): string[] {
  const known = callee === null ? null : runtimeCallee(cx, callee);
  const params = known === null ? undefined : POSITIONAL_PARAMS[known];
  if (params !== undefined && args.every((a) => a.kind === "pos" || a.kind === "kw")) {
    const positional = args
      .filter((a) => a.kind === "pos")
      .map((a) => par(cx.expr(a.value), P.assign));
    const kws = args
      .filter((a) => a.kind === "kw")
      .map((a) => [a.name!, par(cx.expr(a.value), P.assign)] as [string, string]);
    const placed = placeKeywords(params, positional, kws);
    if (placed.rest.length > 0) {
      placed.args.push(
        `${cx.runtime("kw").code}({ ${placed.rest.map(([k, v]) => `${propertyKey(k)}: ${v}`).join(", ")} })`,
      );
    }
    return placed.args;
  }
  const out: string[] = [];
  // `**m` parts and groups of plain keywords, in source order.
  const parts: { dstar: boolean; code: string[] }[] = [];
  // The callee, for the messages of `*`/`**` errors ("f() argument after ** must be a
  // mapping"), when reading it again is a plain read.
  const unpacks = args.some((a) => a.kind === "star" || a.kind === "dstar");
  const who = unpacks && callee !== null ? calleeValue(cx, callee) : null;
  const whoArg = who === null ? "" : `, ${who}`;
  for (const a of args) {
    const v = cx.expr(a.value);
    switch (a.kind) {
      case "pos":
        out.push(par(v, P.assign));
        break;
      case "star":
        out.push(`...${cx.helper("starIter")}(${v.code}${whoArg})`);
        break;
      case "kw": {
        const last = parts[parts.length - 1];
        const item = `${propertyKey(a.name!)}: ${par(v, P.assign)}`;
        if (last !== undefined && !last.dstar) last.code.push(item);
        else parts.push({ dstar: false, code: [item] });
        break;
      }
      case "dstar":
        parts.push({ dstar: true, code: [`${cx.helper("kwargs")}(${v.code}${whoArg})`] });
        break;
    }
  }
  const kw = parts.length > 0 ? cx.runtime("kw").code : "";
  if (parts.length === 1 && parts[0]!.dstar) out.push(`${kw}(${parts[0]!.code[0]})`);
  else if (parts.length === 1) out.push(`${kw}({ ${parts[0]!.code.join(", ")} })`);
  else if (parts.length > 1) {
    // `f(a=1, **m)`: a name given twice is CPython's "got multiple values" TypeError.
    const codes = parts.map((p) => (p.dstar ? p.code[0]! : `{ ${p.code.join(", ")} }`));
    out.push(`${kw}(${cx.helper("mergeKwargs")}(${who ?? "undefined"}, ${codes.join(", ")}))`);
  }
  return out;
}

/**
 * The callee of a call with `*`/`**` arguments, read again for error messages: a name only (an
 * attribute read could make a bound method at each call).
 */
function calleeValue(cx: Context, f: Expr): string | null {
  return f.k === "Name" ? par(cx.expr(f), P.assign) : null;
}

export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) && name !== "__proto__" ? name : JSON.stringify(name);
}

/** Is this call's callee a class (so JS needs `new`)? */
function isClass(cx: Context, func: Expr): boolean {
  if (func.k === "Name") {
    const sym = cx.lookup(func.id);
    if (sym === null) return BUILTIN_CLASSES.has(func.id);
    if (sym.cls !== null) return true;
    if (sym.imported !== null && sym.imported.name !== null) {
      return (
        (MODULE_CLASSES[sym.imported.module]?.has(sym.imported.name) ?? false) ||
        runtimeModuleClass(sym.imported.module, sym.imported.name)
      );
    }
    return false;
  }
  if (func.k === "Attribute" && func.value.k === "Name") {
    const sym = cx.lookup(func.value.id);
    if (sym?.imported && sym.imported.name === null) {
      return (
        (MODULE_CLASSES[sym.imported.module]?.has(func.attr) ?? false) ||
        runtimeModuleClass(sym.imported.module, func.attr)
      );
    }
  }
  if (func.k === "Attribute" && func.value.k === "Attribute" && func.value.value.k === "Name") {
    // `concurrent.futures.ThreadPoolExecutor(...)` after `import concurrent.futures` (which
    // binds the package) or `import concurrent as c`.
    const root = func.value.value.id;
    const sym = cx.lookup(root);
    if (sym?.imported && sym.imported.name === null) {
      const mod = sym.imported.module;
      const pkg = mod.split(".")[0] === root ? root : mod;
      return runtimeModuleClass(`${pkg}.${func.value.attr}`, func.attr);
    }
  }
  return false;
}

/** Can the current function use `await` (module level or a sync `def` that blocks)? */
export function canAwait(cx: Context): boolean {
  // A comprehension that calls one is an async function (analyze.ts, propagateBlocking).
  if (cx.scope.kind === "comprehension") return cx.scope.blocks;
  const fs = cx.scope.functionScope();
  if (fs.kind === "module") return true;
  return fs.blocks && !fs.isAsync && !fs.isGenerator && !(fs.fn?.isLambda ?? false);
}

/** Does this call block (return a Promise that must be awaited)? */
export function isBlockingCall(cx: Context, e: Extract<Expr, { k: "Call" }>): boolean {
  const f = e.func;
  if (f.k === "Attribute") {
    if (f.attr === "run_until_complete" || f.attr === "run_forever") return true;
    if (cx.analysis.blockingMethodCalls.has(e)) return true;
    if ((f.attr === "run" || f.attr === "close") && f.value.k === "Name") {
      const sym = cx.lookup(f.value.id);
      return (
        (f.attr === "run" && sym?.imported?.module === "asyncio" && sym.imported.name === null) ||
        sym?.isRunner === true
      );
    }
    return false;
  }
  if (f.k === "Name") {
    const sym = cx.lookup(f.id);
    if (sym?.imported?.module === "asyncio" && sym.imported.name === "run") return true;
    if (sym?.fn) {
      const s = cx.scopeOf(sym.fn.scope);
      return s.blocks && !sym.fn.isAsync;
    }
  }
  return false;
}

/**
 * A name whose value may be any callable (a parameter, a variable): called through `$py.call`,
 * which constructs classes with `new` and calls `__call__`.
 */
function isUnknownCallee(cx: Context, f: Expr): boolean {
  if (f.k === "Attribute") return isSiblingModuleAttribute(cx, f);
  if (f.k !== "Name") return true;
  const sym = cx.lookup(f.id);
  if (sym === null) return false;
  // `@CountCalls def f` binds an instance (called through its `__call__`).
  if (sym.defDecorators.some((d) => !returnsFunction(cx, d))) return true;
  if (sym.values.length > 0 && sym.values.every((v) => v !== null && v.k === "Lambda"))
    return false;
  return (
    sym.fn === null &&
    sym.cls === null &&
    (sym.imported === null || isSiblingImport(sym.imported.module)) &&
    !isFunctionBinding(cx, sym.name)
  );
}

/**
 * Does applying the decorator `d` to a function give a function (so the decorated name is called
 * directly)? Not when `d` is a class of the program (`@CountCalls`: an instance) or one made by
 * calling a class (`@Retry(3)`: what its `__call__` returns), nor when `d` is a name whose
 * value is not known.
 */
export function returnsFunction(cx: Context, d: Expr): boolean {
  const f = d.k === "Call" ? d.func : d;
  if (f.k !== "Name") return true;
  const sym = cx.lookup(f.id);
  if (sym === null) return true;
  if (decoratesWithClass(cx, d)) return false;
  // `@timed("job")` where `timed` is itself decorated (`@contextlib.asynccontextmanager`): what
  // calling it returns is whatever its decorator made of it (a context manager, used as a
  // decorator through its `__call__`).
  if (d.k === "Call" && sym.defDecorators.length > 0) return false;
  return d.k === "Call" || !isUnknownCallee(cx, f);
}

/** Is the decorator `d` a class of the program, or a call of one (`@CountCalls`, `@Retry(3)`)? */
export function decoratesWithClass(cx: Context, d: Expr): boolean {
  const f = d.k === "Call" ? d.func : d;
  if (f.k !== "Name") return false;
  const sym = cx.lookup(f.id);
  return sym !== null && (sym.cls !== null || sym.classBound);
}

/**
 * Is `module` one of the program's own modules (`helpers`, `.helpers`)? What it defines is not
 * known while this module is transpiled, so its names are called through `$py.call`, which
 * constructs classes with `new`.
 */
function isSiblingImport(module: string): boolean {
  return (
    !(module in ES_MODULES) && runtimeModulePath(module) === null && !NO_OP_MODULES.has(module)
  );
}

/**
 * Is `e` a value a sibling module defines (`helpers.Outer`, `Outer` from `from helpers import
 * Outer`, `helpers.a.b`), not the module itself?
 */
function fromSiblingModule(cx: Context, e: Expr): boolean {
  let root = e;
  while (root.k === "Attribute") root = root.value;
  if (root.k !== "Name") return false;
  const imported = cx.lookup(root.id)?.imported;
  if (imported == null || !isSiblingImport(imported.module)) return false;
  return imported.name !== null || root !== e;
}

/** `helpers.Client` where `helpers` is an `import`ed module of the program. */
function isSiblingModuleAttribute(cx: Context, f: Extract<Expr, { k: "Attribute" }>): boolean {
  if (f.value.k !== "Name") return false;
  const imported = cx.lookup(f.value.id)?.imported;
  return imported != null && imported.name === null && isSiblingImport(imported.module);
}

/** Names bound only by `def` statements (possibly several, or decorated) are functions. */
function isFunctionBinding(cx: Context, name: string): boolean {
  const sym = cx.lookup(name);
  return (
    sym !== null &&
    sym.values.length > 0 &&
    sym.values.every((v) => v === null) &&
    sym.isFunctionOnly &&
    !sym.classBound
  );
}

/**
 * May this call return a coroutine (so that the statement `f()` drops one: `$py.discard(f());`
 * warns that it was never awaited)? Not for builtins, classes, plain `def`s and functions of the
 * runtime's modules that are not coroutine functions; for a function or method of the program,
 * when its name is one of `coroutineNames` (analyze.ts); for other methods, when a coroutine
 * method of asyncio's classes has the name. Anything else (a parameter, a decorated function,
 * `handlers[k]()`) may.
 */
export function mayReturnCoroutine(cx: Context, e: Extract<Expr, { k: "Call" }>): boolean {
  const f = e.func;
  if (f.k === "Name") {
    const sym = cx.lookup(f.id);
    if (sym === null || sym.cls !== null) return false;
    if (sym.imported !== null)
      return (
        sym.imported.name !== null &&
        mayBeCoroutineFunction(cx, sym.imported.module, sym.imported.name)
      );
    if (sym.fn !== null && sym.isFunctionOnly) return cx.analysis.coroutineNames.has(f.id);
    return true;
  }
  if (f.k === "Attribute") {
    const imported = f.value.k === "Name" ? cx.lookup(f.value.id)?.imported : null;
    if (imported != null && imported.name === null)
      return mayBeCoroutineFunction(cx, imported.module, f.attr);
    return cx.analysis.coroutineNames.has(f.attr) || coroutineMethodNames().has(f.attr);
  }
  return true;
}

/**
 * `super()` in a method: `super_(Cls, self)`, Python's two-argument form with the class being
 * defined and the method's first argument. Not JS `super`, which is bound to the class that
 * defines the method: Python continues in `type(self).__mro__` (cooperative multiple
 * inheritance, see src/python/mro.ts).
 */
function zeroArgSuper(cx: Context, e: Extract<Expr, { k: "Call" }>): TsExpr {
  const fn = cx.currentFunction;
  if (cx.className === null || fn === null)
    throw cx.unsupported(e.pos, "super() outside a method (or inside a function nested in one)");
  const first = fn.params[0];
  const isStatic = methodDecorators(cx, fn).some((d) => d.k === "Name" && d.id === "staticmethod");
  if (first === undefined || isStatic || (first.kind !== "normal" && first.kind !== "posonly"))
    throw cx.unsupported(e.pos, "super() in a method without a self or cls parameter");
  const superFn = cx.runtime("super_").code;
  return ex(`${superFn}(${cx.className}, ${cx.name(first.name, e.pos).code})`, P.call);
}

/**
 * Methods of `str` (the runtime's `strMethods`) called directly on a str receiver; with
 * `count` and `index` ({@link SHARED_STR_METHODS}, which lists have too) on a str literal or a
 * guarded name.
 */
export const STR_METHODS = new Set(
  (
    "split rsplit splitlines join strip lstrip rstrip partition rpartition zfill center ljust " +
    "rjust upper lower casefold title capitalize swapcase find rfind rindex replace startswith " +
    "endswith removeprefix removesuffix expandtabs encode isdigit isdecimal isnumeric isalpha " +
    "isalnum isspace isascii isidentifier isprintable islower isupper istitle format format_map " +
    "translate"
  ).split(" "),
);
const SHARED_STR_METHODS = new Set(["count", "index"]);

/**
 * `x.m(a, b)` where `x` is a plain name (no unbound check) and `m` a str method, with positional
 * arguments that are names or literals (written twice, evaluated once), and `x` is meant to be a
 * str: analysis types it `str`, it is a parameter annotated `str` (not enforced by Python: hence
 * the guard), or it is a local and `m` a method that only strs have in this program. Lowered as
 * `typeof x === "string" ? $py.strMethod.m(x, a, b) : $py.callMethod(x, "m", a, b)`.
 */
function guardedStrMethod(cx: Context, f: Extract<Expr, { k: "Attribute" }>, args: Arg[]): boolean {
  const recv = f.value;
  if (recv.k !== "Name" || cx.analysis.unbound.has(recv) || cx.isModule(recv) || cx.isSelf(recv))
    return false;
  if (!STR_METHODS.has(f.attr) && !SHARED_STR_METHODS.has(f.attr)) return false;
  // Where the value is meant to be a str (analysis says so, or the parameter's annotation), or
  // on a local (not a parameter: those keep the general call) for a method only strs have here.
  if (cx.typeOf(recv) === "str" || annotatedStrParam(cx, recv)) return simpleArgs(cx, args);
  const sym = cx.lookup(recv.id);
  if (
    sym === null ||
    sym.isParam ||
    sym.scope.kind === "class" ||
    SHARED_STR_METHODS.has(f.attr) ||
    OTHER_TYPES_METHODS.has(f.attr) ||
    cx.analysis.methodNames.has(f.attr)
  )
    return false;
  return simpleArgs(cx, args);
}

/**
 * `obj.attr.m(a, b)` where `m` is a method only strs have in this program (as for a local in
 * `guardedStrMethod`) and `obj.attr` is an attribute of a name (`req.path`, `self.line`), not a
 * module's: lowered as `typeof ($t = obj.attr) === "string" ? $py.strMethod.m($t, a, b) :
 * $py.callMethod($t, "m", a, b)`, the attribute read once. Either branch does what
 * `callMethod` does, so this changes no behaviour, only skips the dispatch for a str.
 */
function guardedAttrStrMethod(
  cx: Context,
  f: Extract<Expr, { k: "Attribute" }>,
  args: Arg[],
): boolean {
  const recv = f.value;
  if (recv.k !== "Attribute" || recv.value.k !== "Name" || /^__\w+__$/.test(recv.attr))
    return false;
  if (cx.isModule(recv) || cx.isModule(recv.value) || cx.analysis.unbound.has(recv.value))
    return false;
  if (
    !STR_METHODS.has(f.attr) ||
    OTHER_TYPES_METHODS.has(f.attr) ||
    cx.analysis.methodNames.has(f.attr)
  )
    return false;
  return simpleArgs(cx, args);
}

/** Str methods that other common receivers have too (`queue.join()`, `template.format()`). */
const OTHER_TYPES_METHODS = new Set(["join", "format", "encode", "translate"]);

/** Positional arguments that are names or literals (each written twice, evaluated once). */
function simpleArgs(cx: Context, args: Arg[]): boolean {
  return args.every((a) => {
    const v = a.value;
    if (a.kind !== "pos") return false;
    if (v.k === "Name") return !cx.analysis.unbound.has(v);
    return v.k === "Str" || v.k === "Int" || v.k === "Float" || v.k === "Const";
  });
}

/** A parameter annotated `str` (`def parse(line: str)`), never bound again. */
function annotatedStrParam(cx: Context, e: Extract<Expr, { k: "Name" }>): boolean {
  const sym = cx.lookup(e.id);
  if (sym === null || !sym.isParam || sym.bindings !== 1) return false;
  const ann = sym.scope.fn?.params.find((p) => p.name === e.id)?.annotation;
  return (
    ann != null &&
    ((ann.k === "Name" && ann.id === "str") || (ann.k === "Str" && ann.value === "str"))
  );
}

/**
 * A name that can only ever hold the list it was bound to: one binding, from a list display or a
 * list comprehension, never deleted. (Read before that binding, the read itself raises.)
 */
export function isKnownList(cx: Context, e: Expr): boolean {
  if (e.k !== "Name") return false;
  const sym = cx.lookup(e.id);
  if (sym === null || sym.isParam || sym.bindings !== 1 || sym.deleted || sym.deletedElsewhere)
    return false;
  const v = sym.values.length === 1 ? sym.values[0] : null;
  return v != null && (v.k === "List" || (v.k === "Comp" && v.kind === "list"));
}

/**
 * `xs.append(v)` as a statement, where `xs` is a known list: `xs.push(v);` (what the list
 * method does; its None result is not used). Null for any other statement.
 */
export function appendStatement(cx: Context, e: Expr): string | null {
  if (
    e.k !== "Call" ||
    e.func.k !== "Attribute" ||
    e.func.attr !== "append" ||
    e.args.length !== 1 ||
    e.args[0]!.kind !== "pos" ||
    !isKnownList(cx, e.func.value)
  )
    return null;
  return `${par(cx.expr(e.func.value), P.call)}.push(${cx.expr(e.args[0]!.value).code});`;
}

/**
 * `x.__name__(...)` where `x` is not a module or `super()`: the receiver may be a builtin value
 * (an int, a str, a list) or an object whose class inherits the method from `object`, neither of
 * which has it as a JS property.
 */
function specialMethodCall(cx: Context, f: Extract<Expr, { k: "Attribute" }>): boolean {
  if (!/^__\w+__$/.test(f.attr)) return false;
  if (cx.isModule(f.value)) {
    // `A.__new__(A)`: a program class's special method that no class up its chain of first bases
    // defines is object's (or a builtin base's), which is no JS property of the class.
    const cls = f.value.k === "Name" ? cx.lookup(f.value.id)?.cls : null;
    return cls != null && definingDef(cx, cls, f.attr) === null;
  }
  const v = f.value;
  return !(v.k === "Call" && v.func.k === "Name" && v.func.id === "super");
}

/**
 * `locals()`, `vars()` and `dir()` without an argument: the caller's variables. In a function,
 * every one is passed (analysis declared them all at its top: `hoistForLocals`), in CPython's
 * order: the parameters (positional, keyword-only, `*args`, `**kwargs`), the other locals, then
 * those inner scopes read (cells) and those it reads from enclosing functions (free variables),
 * both sorted; the runtime keeps those bound. At module level, the module's `globals()`.
 */
function localsCall(cx: Context, builtin: string, pos: Pos): TsExpr {
  const scope = cx.scope;
  if (scope.kind === "module") {
    if (builtin === "dir") throw cx.unsupported(pos, "dir() without an argument at module level");
    cx.usesGlobals = true; // (the builtin's: lower/index.ts defines `$globals`)
    return ex("$globals()", P.call);
  }
  if (scope.kind !== "function")
    throw cx.unsupported(pos, `${builtin}() without an argument in a ${scope.kind} body`);
  const entries = localVariables(scope).map((name) => {
    const ts = mangle(name);
    return ts === name ? ts : `${JSON.stringify(name)}: ${ts}`;
  });
  const fn = builtin === "dir" ? "localNames" : "localsDict";
  return ex(`${cx.helper(fn)}({ ${entries.join(", ")} })`, P.call);
}

const PARAM_ORDER = { posonly: 0, normal: 0, kwonly: 1, vararg: 2, kwarg: 3 } as const;

/** The variables of a function scope in CPython's `co_localsplusnames` order (see localsCall). */
function localVariables(scope: Scope): string[] {
  const params = [...scope.fn!.params]
    .sort((a, b) => PARAM_ORDER[a.kind] - PARAM_ORDER[b.kind])
    .map((p) => p.name);
  const own = [...scope.symbols.values()].filter((s) => !s.isParam).map((s) => s.name);
  const inner: Scope[] = [];
  const collect = (s: Scope) => {
    for (const c of s.children) {
      inner.push(c);
      collect(c);
    }
  };
  collect(scope);
  const readBelow = (name: string, owner: Scope) =>
    inner.some(
      (d) => (d.reads.has(name) || d.nonlocals.has(name)) && d.lookup(name)?.scope === owner,
    );
  const cells = own.filter((n) => readBelow(n, scope)).sort();
  const plain = own.filter((n) => !cells.includes(n));
  const free = new Set<string>(scope.nonlocals);
  for (const d of [scope, ...inner])
    for (const name of d.reads) {
      const owner = d.lookup(name)?.scope;
      if (owner !== undefined && owner.kind === "function" && isAncestor(owner, scope))
        free.add(name);
    }
  return [...params, ...plain, ...cells, ...[...free].sort()];
}

function isAncestor(a: Scope, s: Scope): boolean {
  for (let p = s.parent; p !== null; p = p.parent) if (p === a) return true;
  return false;
}

export function lowerCall(cx: Context, e: Extract<Expr, { k: "Call" }>): TsExpr {
  const f = e.func;
  if (f.k === "Name" && LOCALS_CALLS.has(f.id) && cx.lookup(f.id) === null && e.args.length === 0)
    return localsCall(cx, f.id, e.pos);
  const wrong = knownCallError(cx, e);
  const args = callArgs(cx, e.args, f);
  if (wrong !== null) {
    // Python evaluates the arguments, then raises (see `knownCallError`).
    return ex(`${cx.helper("callError")}(${[jsString(wrong), ...args].join(", ")})`, P.call);
  }
  let call: TsExpr;
  if (f.k === "Name" && f.id === "super" && cx.lookup("super") === null) {
    // `super(Cls, obj)` is the runtime's `super_` (`super` is a JS keyword).
    call =
      e.args.length === 0
        ? zeroArgSuper(cx, e)
        : ex(`${cx.runtime("super_").code}(${args.join(", ")})`, P.call);
  } else if (
    f.k === "Attribute" &&
    f.value.k === "Name" &&
    BUILTIN_TYPE_RECEIVERS.has(f.value.id) &&
    cx.lookup(f.value.id) === null
  ) {
    // `dict.keys(d)`, `bytes.hex(b)`, `str.join(", ", xs)`, `dict.fromkeys(ks)`: the type's
    // attribute as getattr finds it (an unbound method checks its receiver), then called.
    call = ex(
      `${cx.helper("call")}(${[`${cx.runtime("getattr").code}(${cx.expr(f.value).code}, ${JSON.stringify(f.attr)})`, ...args].join(", ")})`,
      P.call,
    );
  } else if (
    f.k === "Attribute" &&
    f.value.k === "Str" &&
    (STR_METHODS.has(f.attr) || SHARED_STR_METHODS.has(f.attr))
  ) {
    // `", ".join(parts)`: a str literal's method is the str method itself.
    call = ex(
      `${cx.helper("strMethod")}.${f.attr}(${[cx.expr(f.value).code, ...args].join(", ")})`,
      P.call,
    );
  } else if (f.k === "Attribute" && guardedStrMethod(cx, f, e.args)) {
    // `line.split()` on a name: the str method itself when the value is a str (no dispatch),
    // `$py.callMethod` for anything else (a str subclass, a list, an object with its own method).
    const recv = cx.expr(f.value).code;
    const method = `${cx.helper("strMethod")}.${f.attr}(${[recv, ...args].join(", ")})`;
    const general = `${cx.helper("callMethod")}(${[recv, JSON.stringify(f.attr), ...args].join(", ")})`;
    call = ex(`typeof ${recv} === "string" ? ${method} : ${general}`, P.cond);
  } else if (f.k === "Attribute" && guardedAttrStrMethod(cx, f, e.args)) {
    // `req.path.split("/")`: the same guard, on the attribute's value read once into a temporary.
    const t = cx.temp();
    const method = `${cx.helper("strMethod")}.${f.attr}(${[t, ...args].join(", ")})`;
    const general = `${cx.helper("callMethod")}(${[t, JSON.stringify(f.attr), ...args].join(", ")})`;
    call = ex(
      `typeof (${t} = ${cx.expr(f.value).code}) === "string" ? ${method} : ${general}`,
      P.cond,
    );
  } else if (
    f.k === "Attribute" &&
    ((BUILTIN_METHODS.has(f.attr) && !cx.isSelf(f.value) && !cx.isModule(f.value)) ||
      specialMethodCall(cx, f))
  ) {
    // `$py.callMethod` dispatches on the receiver at run time: str/list methods for strs and
    // lists, the object's own method otherwise (`queue.join()`, `event.clear()`); a special
    // method may be a builtin type's (`(5).__add__(x)`) or object's (`self.__hash__()`).
    call = ex(
      `${cx.helper("callMethod")}(${[cx.expr(f.value).code, JSON.stringify(f.attr), ...args].join(", ")})`,
      P.call,
    );
  } else if (
    f.k === "Attribute" &&
    f.value.k === "Name" &&
    cx.lookup(f.value.id)?.cls &&
    hasInstanceMethod(cx, cx.lookup(f.value.id)!.cls!, f.attr)
  ) {
    // `Greeter.greet(g, "Bob")`: the method called with an explicit self.
    call = ex(
      `${par(cx.expr(f.value), P.call)}.prototype.${f.attr}.call(${args.join(", ")})`,
      P.call,
    );
  } else if (f.k === "Attribute" && runtimeMethodThroughClass(cx, f)) {
    // `asyncio.Future.done(f)`, `Queue.qsize(q)`: the class's attribute as getattr finds it (an
    // unbound method that checks its receiver), then called.
    call = ex(
      `${cx.helper("call")}(${[`${cx.runtime("getattr").code}(${cx.expr(f.value).code}, ${JSON.stringify(f.attr)})`, ...args].join(", ")})`,
      P.call,
    );
  } else if (f.k === "Attribute" && !isSiblingModuleAttribute(cx, f)) {
    const mod = f.value.k === "Name" ? cx.lookup(f.value.id)?.imported : null;
    if (mod && mod.name === null) refuseMissing(cx, mod.module, f.attr, f.pos);
    if (
      (!holdsData(cx, f.attr) && fromSiblingModule(cx, f.value)) ||
      (!mod && cx.analysis.classDecorated.has(f.attr))
    ) {
      // `helpers.Outer.Inner(...)`: what a sibling module defines is not known here; the
      // attribute may be a class (`callMethod` constructs it) or a method (called on its object).
      // `obj.m()` where some class's `m` is decorated with a class of the program (`@CountCalls`):
      // a callable object (called without `self` when it has no `__get__`) or a method.
      return awaitIfBlocking(
        cx,
        e,
        ex(
          `${cx.helper("callMethod")}(${[cx.expr(f.value).code, JSON.stringify(f.attr), ...args].join(", ")})`,
          P.call,
        ),
      );
    }
    if (!mod && holdsData(cx, f.attr)) {
      // `self.factory(h)`: the attribute may hold a class or a callable object.
      return awaitIfBlocking(
        cx,
        e,
        ex(`${cx.helper("call")}(${[cx.expr(f).code, ...args].join(", ")})`, P.call),
      );
    }
    // `asyncio.current_task().get_name()`: the typed API may return null (Python's None, whose
    // attribute errors happen at run time); the generated code must type-check.
    // `V().s()` (a static method through an instance), `v.g()` (set on the class later).
    const receiver = isEsModuleCall(cx, f.value)
      ? `${cx.expr(f.value).code}!`
      : undeclaredAttribute(cx, f.value, f.attr)
        ? `(${cx.expr(f.value).code} as any)`
        : par(cx.expr(f.value), P.call);
    const callee = `${receiver}.${f.attr}`;
    // In a program where a class defines `__getattr__` (a proxy delegating to another object),
    // a method call on another object than `self` may need it.
    const viaGetattr = cx.analysis.methodNames.has("__getattr__") && !cx.isSelf(f.value);
    if (
      (cx.inAttributeErrorTry || viaGetattr) &&
      !mod &&
      !isClass(cx, f) &&
      !isEsModuleCall(cx, f.value)
    ) {
      // In a `try` that catches AttributeError: a missing method raises it (`callMethod`).
      return awaitIfBlocking(
        cx,
        e,
        ex(
          `${cx.helper("callMethod")}(${[cx.expr(f.value).code, JSON.stringify(f.attr), ...args].join(", ")})`,
          P.call,
        ),
      );
    }
    call = ex(`${isClass(cx, f) ? "new " : ""}${callee}(${args.join(", ")})`, P.call);
  } else if (isClass(cx, f)) {
    const cls = f.k === "Name" ? cx.lookup(f.id)?.cls : null;
    // A class with a `__new__` of the program: `type.__call__`, which may give any value.
    if (cls && constructedViaNew(cx, cls))
      call = ex(`${cx.helper("typeCall")}(${cx.expr(f).code}, [${args.join(", ")}])`, P.call);
    else call = ex(`new ${par(cx.expr(f), P.call)}(${args.join(", ")})`, P.call);
    // `asyncio.sleep(Seconds(0.5))`: an instance of a float subclass where a number is typed.
    if (cls && overValueType(cx, cls)) call = ex(`(${call.code} as any)`, P.primary);
  } else if (isUnknownCallee(cx, f)) {
    call = ex(`${cx.helper("call")}(${[cx.expr(f).code, ...args].join(", ")})`, P.call);
  } else {
    call = ex(`${par(cx.expr(f), P.call)}(${args.join(", ")})`, P.call);
  }
  return awaitIfBlocking(cx, e, call);
}

function awaitIfBlocking(cx: Context, e: Extract<Expr, { k: "Call" }>, call: TsExpr): TsExpr {
  if (isBlockingCall(cx, e) && canAwait(cx)) return ex(`await ${call.code}`, P.unary);
  return call;
}

/** A call of a function of an ES-module import (`asyncio.current_task()`, `current_task()`). */
function isEsModuleCall(cx: Context, e: Expr): boolean {
  if (e.k !== "Call") return false;
  const f = e.func;
  const name =
    f.k === "Name" ? f.id : f.k === "Attribute" && f.value.k === "Name" ? f.value.id : null;
  if (name === null) return false;
  const imported = cx.lookup(name)?.imported;
  if (imported == null || !(imported.module in ES_MODULES)) return false;
  // `from asyncio import current_task` names the function; `import asyncio` names the module.
  return f.k === "Name" ? imported.name !== null : imported.name === null;
}

/**
 * Is `attr` stored as data somewhere in the module (`self.factory = Conn`, `handler = Handler`
 * in a class body) and defined by no `def` of its classes? Then `obj.attr(...)` may call a class
 * (which needs `new`) or an object with `__call__`, and goes through `$py.call`.
 */
function holdsData(cx: Context, attr: string): boolean {
  return cx.analysis.dataAttrs.has(attr) && !cx.analysis.methodNames.has(attr);
}

export const calls: Feature = {
  name: "calls",
  expressions: {
    Call: (e, cx) => lowerCall(cx, e),
  },
};
