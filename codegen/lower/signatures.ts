/**
 * Known signatures: of runtime functions, for placing keyword arguments at compile time, and of
 * the program's own functions, for calls known to pass a wrong number of arguments.
 *
 * The runtime takes keyword-only parameters as a final `kw({...})` (the convention), but its
 * positional-or-keyword parameters are plain JS parameters. For those, `asyncio.sleep(delay=1)`
 * must become `asyncio.sleep(1n)`: this table lists them, in order, per callee. A keyword
 * argument not in the callee's list stays in `kw({...})`.
 *
 * `knownCallError` (below) finds calls of the program's own known callees that pass a wrong
 * number of arguments: `f(1, 2, 3)` for `def f(a, b=2)`, `P()` for `P.__init__(self, a)`,
 * `C.m()`, `E(1)` for a class whose ancestry defines neither `__init__` nor `__new__`. Their
 * messages are built by the runtime's own functions (src/python/lang.ts), which `bind` uses too.
 */

import { compilerRuntime } from "../bundle";
import type { Arg, ClassDef, Expr, FunctionDef } from "../ir";
import { methodDecorators } from "./classes";
import type { Context } from "./context";
import { needsBinder, qualnameOf } from "./functions";

export const POSITIONAL_PARAMS: Record<string, string[]> = {
  // asyncio
  "asyncio.sleep": ["delay", "result"],
  "asyncio.Queue": ["maxsize"],
  "asyncio.PriorityQueue": ["maxsize"],
  "asyncio.LifoQueue": ["maxsize"],
  "asyncio.Semaphore": ["value"],
  "asyncio.BoundedSemaphore": ["value"],
  "asyncio.Barrier": ["parties"],
  "asyncio.Condition": ["lock"],
  "asyncio.timeout": ["delay"],
  "asyncio.timeout_at": ["when"],
  "asyncio.wait_for": ["fut", "timeout"],
  "asyncio.shield": ["arg"],
  "asyncio.ensure_future": ["coro_or_future"],
  "asyncio.run": ["main"],
  "asyncio.create_task": ["coro"],
  // builtins
  "builtins.int": ["x", "base"],
  "builtins.round": ["number", "ndigits"],
  "builtins.enumerate": ["iterable", "start"],
  "builtins.sum": ["iterable", "start"],
  "builtins.range": [],
};

/**
 * Reorder `args` (lowered positional arguments) and `kws` (keyword name -> lowered value) for a
 * callee with known positional parameters. Returns null when a keyword cannot be placed (a gap).
 */
export function placeKeywords(
  params: string[],
  positional: string[],
  kws: [string, string][],
): { args: string[]; rest: [string, string][] } {
  const args = [...positional];
  const rest: [string, string][] = [];
  const byName = new Map(kws);
  for (let i = args.length; i < params.length; i++) {
    const v = byName.get(params[i]!);
    if (v === undefined) break;
    args.push(v);
    byName.delete(params[i]!);
  }
  for (const [k, v] of kws) if (byName.has(k)) rest.push([k, v]);
  return { args, rest };
}

// ---- argument counts of the program's own functions

/**
 * A callee whose parameters are known at compile time: a function with a natural signature
 * (lower/functions.ts) reached through a name bound only by its `def`, a known class's
 * `__init__`, or a method read through its class (`C.m(obj, ...)`, `C.static_m(...)`).
 */
interface KnownParams {
  qualname: string;
  /** Positional parameters the call fills, `self` included when the call passes it. */
  names: string[];
  /** How many of `names` have no default. */
  required: number;
  /** Arguments the call passes implicitly (`self` for `C(...)`, `cls` for `C.cm(...)`). */
  implicit: number;
  /** Parameter names of `implicit` arguments, for counting like CPython. */
  implicitNames: string[];
}

/**
 * The message functions of src/python/lang.ts, loaded only when a wrong call is found (from the
 * runtime copy the program runs on: see `compilerRuntime`).
 */
function runtimeMessages(): typeof import("../../src/python/lang") {
  return compilerRuntime("src/python/lang") as typeof import("../../src/python/lang");
}

/**
 * CPython's TypeError for a call of a known callee with a wrong number of arguments (or a keyword
 * that names no parameter), or null when the call is right or the callee is not known. The call
 * then becomes `$py.callError(message, ...args)` (lower/calls.ts): it would not type-check, and
 * a class's `constructor(...args)` would pass extra arguments on silently.
 */
export function knownCallError(cx: Context, e: Extract<Expr, { k: "Call" }>): string | null {
  if (e.args.some((a) => a.kind === "star" || a.kind === "dstar")) return null;
  const callee = knownCallee(cx, e.func);
  if (callee === null) return null;
  if (typeof callee === "string")
    return e.args.length > 0 ? `${callee}() takes no arguments` : null;
  // No keyword names a parameter of a natural signature (else it binds at run time): CPython
  // reports the first keyword before counting positional arguments.
  const kw = e.args.find((a) => a.kind === "kw");
  if (kw !== undefined)
    return runtimeMessages().unexpectedKeywordMessage(callee.qualname, kw.name!);
  const given = callee.implicit + e.args.length;
  const total = callee.implicit + callee.names.length;
  const required = callee.implicit + callee.required;
  if (given > total)
    return runtimeMessages().tooManyMessage(callee.qualname, required, total, given);
  if (given < required) {
    const names = [...callee.implicitNames, ...callee.names];
    return runtimeMessages().missingMessage(callee.qualname, names.slice(given, required));
  }
  return null;
}

/** The known parameters of a call's callee, a class name for "C() takes no arguments", or null. */
function knownCallee(cx: Context, f: Expr): KnownParams | string | null {
  if (f.k === "Name") {
    const sym = cx.lookup(f.id);
    if (sym === null) return null;
    if (sym.fn !== null && !sym.fn.isLambda) return naturalParams(cx, sym.fn, "function");
    if (sym.cls === null) return null;
    const chain = classChain(cx, sym.cls);
    if (chain === null) return null;
    // A class defining `__new__` is called through it first (`type.__call__`): its parameters.
    const nw = chain.map((c) => classMember(c, "__new__")).find((m) => m !== "none");
    if (nw !== undefined)
      return nw === "unknown" || nw.decorators.length > 0 ? null : naturalParams(cx, nw, "bound");
    for (const c of chain) {
      const m = classMember(c, "__init__");
      if (m === "none") continue;
      if (m === "unknown" || m.decorators.length > 0) return null;
      return naturalParams(cx, m, "init");
    }
    // Only `object.__init__` and `object.__new__`: any argument is an error.
    return sym.cls.name;
  }
  if (f.k !== "Attribute" || f.value.k !== "Name" || /^__(?!.*__$)/.test(f.attr)) return null;
  const cls = cx.lookup(f.value.id)?.cls;
  if (!cls) return null;
  const chain = classChain(cx, cls);
  if (chain === null) return null;
  for (const c of chain) {
    const m = classMember(c, f.attr);
    if (m === "none") continue;
    if (m === "unknown") return null;
    const deco = methodDecorators(cx, m).map((d) =>
      d.k === "Name" && cx.lookup(d.id) === null ? d.id : "",
    );
    if (deco.length === 0) return naturalParams(cx, m, "unbound");
    if (deco.length > 1) return null;
    if (deco[0] === "staticmethod") return naturalParams(cx, m, "function");
    if (deco[0] === "classmethod") return naturalParams(cx, m, "bound");
    return null;
  }
  return null;
}

/**
 * The parameters of `fn` as a call sees them, when it keeps a natural signature: `function`
 * (no `self`), `unbound` (a method called through its class: `self` is an argument), `init` and
 * `bound` (the first parameter is passed implicitly).
 */
function naturalParams(
  cx: Context,
  fn: FunctionDef,
  how: "function" | "unbound" | "init" | "bound",
): KnownParams | null {
  const isMethod = how !== "function";
  if (needsBinder(cx, fn, isMethod)) return null;
  if (isMethod && fn.params.length === 0) return null;
  const parent = cx.scopeOf(fn.scope).parent;
  if (parent === null) return null;
  const implicit = how === "init" || how === "bound" ? 1 : 0;
  const params = fn.params.slice(implicit);
  return {
    qualname: qualnameOf(fn, parent),
    names: params.map((p) => p.name),
    required: params.filter((p) => p.default === null).length,
    implicit,
    implicitNames: fn.params.slice(0, implicit).map((p) => p.name),
  };
}

/**
 * `cls` and its ancestors when each is a class of the program with at most one base (another
 * such class) and no decorator, so what a call finds in them is what runs; null otherwise.
 */
function classChain(cx: Context, cls: ClassDef): ClassDef[] | null {
  const chain: ClassDef[] = [];
  let c: ClassDef | null = cls;
  while (c !== null) {
    if (chain.includes(c) || c.decorators.length > 0 || c.bases.length > 1) return null;
    chain.push(c);
    const base: Arg | undefined = c.bases[0];
    if (base === undefined) return chain;
    if (base.kind !== "pos" || base.value.k !== "Name") return null;
    if (base.value.id === "object" && cx.lookup("object") === null) return chain;
    c = cx.lookup(base.value.id)?.cls ?? null;
  }
  return null;
}

/**
 * What `cls`'s body binds to `name`: its one `def` (and nothing else binds it), "none", or
 * "unknown" (an assignment, several defs, anything else mentioning the name).
 */
function classMember(cls: ClassDef, name: string): FunctionDef | "none" | "unknown" {
  let found: FunctionDef | null = null;
  for (const s of cls.body) {
    if (s.k === "FunctionDef" && s.fn.name === name) {
      if (found !== null) return "unknown";
      found = s.fn;
    } else if (s.k !== "FunctionDef" && mentions(s, name)) return "unknown";
  }
  return found ?? "none";
}

/** Does any name or definition under `node` spell `name`? */
function mentions(node: unknown, name: string): boolean {
  if (node === null || typeof node !== "object") return false;
  const n = node as { k?: unknown; id?: unknown; name?: unknown; target?: unknown };
  if (n.id === name || n.name === name || n.target === name) return true;
  for (const v of Object.values(node)) if (mentions(v, name)) return true;
  return false;
}
