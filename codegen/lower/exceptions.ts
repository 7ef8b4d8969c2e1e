/**
 * `try`/`except`/`except*`/`else`/`finally`, `raise`, `raise ... from ...`, `assert`.
 *
 * ```ts
 * try {
 *   ...
 * } catch ($e) {
 *   const $err1 = $py.caught($e);         // JS errors become Python exceptions; chaining
 *   if ($err1 instanceof ValueError) {
 *     $py.excEnter($err1);                // sys.exception() is $err1 in the handler
 *     try {
 *       e = $err1;
 *       try {
 *         ...
 *       } finally {
 *         e = undefined as any;           // CPython's implicit `del e`
 *       }
 *     } catch ($x2) {
 *       throw $py.caught($x2);            // raised while handling: __context__ = $err1
 *     } finally {
 *       $py.excLeave($err1);
 *     }
 *   } else {
 *     throw $err1;                        // nothing matched: re-raise
 *   }
 * }
 * ```
 *
 * The runtime keeps the stack of exceptions being handled (src/python/exceptions.ts); `raise`
 * (`$py.raiseExc`) and `$py.caught` set `__context__` from it, as CPython does when an exception
 * is raised, whether by a raise statement, a called function or a runtime operation.
 */

import type { Expr, Handler, Stmt } from "../ir";
import { BUILTIN_CLASSES, type Context, type Feature } from "./context";
import { block, line, P, par, type TsStmt } from "./output";

/** `$err instanceof T` for `except T`, `except (A, B)` and dynamic tuples. */
function matches(cx: Context, err: string, type: Expr): string {
  if (type.k === "Tuple")
    return type.elts
      .map((t) => par({ code: matches(cx, err, t), prec: P.relational }, P.or + 1))
      .join(" || ");
  if (isClassExpr(cx, type)) return `${err} instanceof ${par(cx.expr(type), P.call)}`;
  return `${cx.helper("exceptionMatches")}(${err}, ${cx.expr(type).code})`;
}

/**
 * Is `type` surely a class, so that `instanceof` is `except type:`'s test? A builtin exception
 * name, a class defined here, a name imported from a library module, or an attribute of a
 * module (`asyncio.CancelledError`). Any other name (a parameter or variable holding a tuple of
 * classes, `except retry_on:`) goes through `exceptionMatches`, which also raises CPython's
 * TypeError for what is not an exception class.
 */
function isClassExpr(cx: Context, type: Expr): boolean {
  if (type.k === "Attribute") return cx.isModule(type.value);
  if (type.k !== "Name") return false;
  const sym = cx.lookup(type.id);
  if (sym === null) return BUILTIN_CLASSES.has(type.id);
  if (sym.cls !== null) return true;
  const imp = sym.imported;
  return (
    imp !== null && imp.name !== null && sym.bindings === 1 && !cx.options.siblings.has(imp.module)
  );
}

/**
 * Can nothing observe the exception being handled in these handlers (bodies of `pass` only,
 * types that are names)? Then the handlers need not make it current.
 */
function unobservable(s: Extract<Stmt, { k: "Try" }>): boolean {
  const simple = (t: Expr): boolean =>
    t.k === "Name" || t.k === "Attribute" || (t.k === "Tuple" && t.elts.every(simple));
  return s.handlers.every(
    (h) => !h.name && h.body.every((b) => b.k === "Pass") && (h.type === null || simple(h.type)),
  );
}

/** The Python lines of the try body: a caught exception's traceback starts at that frame. */
function tryLines(s: Extract<Stmt, { k: "Try" }>): string {
  return `${s.pos.line}, ${Math.max(s.pos.line, s.handlers[0].pos.line - 1)}`;
}

/**
 * Code run while `err` is the exception being handled (`sys.exception()`): pushed on the
 * runtime's handled-exception stack, removed however the code is left, and an exception leaving
 * it is chained to it (`$py.caught`). `onRaise` replaces that rethrow (an `except*` handler's
 * raise is collected); `lines` (the try body's, "first, last") marks where it was caught.
 */

function handling(
  cx: Context,
  err: string,
  body: TsStmt[],
  pyLine?: number,
  onRaise?: (x: string) => TsStmt[],
  lines?: string,
): TsStmt[] {
  const x = cx.fresh("x");
  const where = lines ? `, ${lines}` : "";
  return [
    line(`${cx.helper("excEnter")}(${err}${where});`, pyLine),
    block("try", body, pyLine),
    block(`catch (${x})`, onRaise ? onRaise(x) : [line(`throw ${cx.helper("caught")}(${x});`)]),
    block("finally", [line(`${cx.helper("excLeave")}(${err});`)]),
  ];
}

/**
 * A handler's body. `except T as e:` binds `e` to the exception and unbinds it however the body
 * is left, as CPython does (`try: body finally: e = None; del e`), so a later read of `e` raises
 * (flow analysis counts the handler's end as a `del e`).
 */
function namedHandlerBody(cx: Context, h: Handler, exc: string): TsStmt[] {
  if (!h.name) return cx.block(h.body);
  const { name, sym } = cx.bindingPrefix(h.name);
  const bind = line(`${name} = ${exc};`, h.pos.line);
  // Flow analysis checks every read that may follow the end of such a handler (it counts as a
  // `del`), which marks the symbol `readBeforeBinding`: without any, nothing can see the name
  // unbound (unless another module or scope can read it), and the handler just binds it.
  const observable =
    sym === null ||
    sym.readBeforeBinding ||
    sym.scope !== cx.scope.functionScope() ||
    (sym.scope.kind === "module" && cx.options.exportAll);
  if (!observable) return [bind, ...cx.block(h.body)];
  return [
    bind,
    block("try", cx.block(h.body), h.pos.line),
    block("finally", [line(`${name} = undefined as any;`)]),
  ];
}

/**
 * A `return`, or a `break`/`continue` of a loop outside it, in an `except*` handler body: a
 * SyntaxError in CPython.
 */
function jumpOutOfStar(body: Stmt[], inLoop = false): Stmt | null {
  for (const st of body) {
    if (st.k === "Return" || (!inLoop && (st.k === "Break" || st.k === "Continue"))) return st;
    let found: Stmt | null = null;
    switch (st.k) {
      case "If":
        found = jumpOutOfStar(st.body, inLoop) ?? jumpOutOfStar(st.orelse, inLoop);
        break;
      case "While":
      case "For":
        found = jumpOutOfStar(st.body, true) ?? jumpOutOfStar(st.orelse, inLoop);
        break;
      case "With":
        found = jumpOutOfStar(st.body, inLoop);
        break;
      case "Try":
        found =
          jumpOutOfStar(st.body, inLoop) ??
          jumpOutOfStar(st.orelse, inLoop) ??
          jumpOutOfStar(st.finalbody, inLoop);
        for (const h of st.handlers) found ??= jumpOutOfStar(h.body, inLoop);
        break;
      case "Match":
        for (const c of st.cases) found ??= jumpOutOfStar(c.body, inLoop);
        break;
    }
    if (found !== null) return found;
  }
  return null;
}

/**
 * The `catch` of `try ... except* T:` -> the handlers run in order on the parts of the exception
 * group that match (`$py.starMatch`); what they raise is collected (`$py.starRaised`) and raised
 * at the end together with what no handler matched (`$py.starEnd`), as CPython does.
 */
function starHandlers(s: Extract<Stmt, { k: "Try" }>, cx: Context): TsStmt[] {
  const state = cx.fresh("star");
  const chain: TsStmt[] = [];
  for (const h of s.handlers) {
    if (h.type === null)
      throw cx.source.error(
        "SyntaxError",
        "expected one or more exception types",
        h.pos.line,
        h.pos.col,
      );
    const jump = jumpOutOfStar(h.body);
    if (jump !== null)
      throw cx.source.error(
        "SyntaxError",
        "'break', 'continue' and 'return' cannot appear in an except* block",
        jump.pos.line,
        jump.pos.col,
      );
    const m = cx.fresh("match");
    const body: TsStmt[] = [];
    cx.pushHandling(m);
    try {
      body.push(...namedHandlerBody(cx, h, m));
    } finally {
      cx.popHandling();
    }
    chain.push(
      line(
        `const ${m} = ${cx.helper("starMatch")}(${state}, ${cx.expr(h.type).code});`,
        h.pos.line,
      ),
    );
    const run = handling(cx, m, body, h.pos.line, (x) => [
      line(`${cx.helper("starRaised")}(${state}, ${x});`),
    ]);
    chain.push(block(`if (${m} !== null)`, run, h.pos.line));
  }
  const rest = cx.fresh("rest");
  return [
    line(`const ${state} = ${cx.helper("starBegin")}($e, ${tryLines(s)});`),
    ...handling(cx, `${state}.orig`, chain),
    line(`const ${rest} = ${cx.helper("starEnd")}(${state});`),
    line(`if (${rest} !== null) throw ${rest};`),
  ];
}

/**
 * The `catch` of `try ... except T: ...`: the first matching handler runs, else re-raise. The
 * exception is being handled while the types are matched and the handler runs.
 */
function handlers(s: Extract<Stmt, { k: "Try" }>, cx: Context): TsStmt[] {
  const err = cx.fresh("err");
  const chain: TsStmt[] = [];
  let open: string | null = "if";
  const handlerBody = (h: (typeof s.handlers)[number]): TsStmt[] => {
    cx.pushHandling(err);
    try {
      return namedHandlerBody(cx, h, err);
    } finally {
      cx.popHandling();
    }
  };
  let catchAll = false;
  for (const h of s.handlers) {
    if (h.type === null) {
      if (open === "if") chain.push(...handlerBody(h));
      else chain.push(block("else", handlerBody(h), h.pos.line));
      catchAll = true;
      break;
    }
    chain.push(block(`${open} (${matches(cx, err, h.type)})`, handlerBody(h), h.pos.line));
    open = "else if";
  }
  const head = line(`const ${err} = ${cx.helper("caught")}($e);`);
  if (unobservable(s)) {
    if (!catchAll) chain.push(block("else", [line(`throw ${err};`)]));
    return [head, ...chain];
  }
  if (!catchAll) chain.push(block("else", [line(`throw ${cx.helper("rethrow")}(${err});`)]));
  return [head, ...handling(cx, err, chain, undefined, undefined, tryLines(s))];
}

/**
 * Builtin functions and methods of builtin types a body may call and still be "quiet" (see
 * quietTypes): none of them can print a traceback.
 */
const QUIET_CALLS = new Set(
  "abs bool bytes chr dict divmod float format frozenset hash hex int isinstance issubclass iter len list max min next oct ord pow print range repr round set sorted str sum tuple".split(
    " ",
  ),
);
const QUIET_METHODS = new Set(
  "add append count debug decode discard encode endswith extend find format get index info insert items join keys lower lstrip partition pop popleft put_nowait get_nowait remove replace rsplit rstrip setdefault split startswith strip update upper values warning".split(
    " ",
  ),
);

/**
 * The exception classes of a `try` whose handlers can never show where the exception they catch
 * was raised, so that the runtime makes those exceptions without a JS stack while the body runs
 * (`$py.noStackFor`): a stack capture is most of what an exception costs (several microseconds,
 * where CPython takes under one), and `try: v = d[k] except KeyError:` is everyday Python.
 * Null unless all of this holds:
 * - every handler names builtin exception classes, binds no name (`as e`) and raises nothing
 *   (`cannotRaise`: nothing could print the caught exception, even as another's context);
 * - the body cannot suspend (no `await`/`yield`: other tasks would run while quiet), and calls
 *   no function of the program (whose own handlers might print such an exception) or other
 *   code beyond QUIET_CALLS/QUIET_METHODS and builtin `...Error` classes, has no nested `try`,
 *   `with`, `def` or `class`.
 */
function quietTypes(s: Extract<Stmt, { k: "Try" }>, cx: Context): string | null {
  if (s.star || s.handlers.length === 0) return null;
  const names: string[] = [];
  const builtinClass = (t: Expr): boolean => {
    if (t.k === "Tuple") return t.elts.every(builtinClass);
    if (t.k !== "Name" || cx.lookup(t.id) !== null || !BUILTIN_CLASSES.has(t.id)) return false;
    if (!/Error$|^(StopIteration|StopAsyncIteration)$/.test(t.id)) return false;
    names.push(t.id);
    return true;
  };
  for (const h of s.handlers) {
    if (h.type === null || h.name || !builtinClass(h.type) || !h.body.every(cannotRaise))
      return null;
  }
  if (!quietCode(s.body, cx)) return null;
  const classes = [...new Set(names)].map((n) => cx.expr({ k: "Name", pos: s.pos, id: n }).code);
  return classes.length === 1 ? classes[0]! : `[${classes.join(", ")}]`;
}

/**
 * A handler statement that raises nothing (barring a variable holding an object whose
 * operators or `__str__` raise), so that the exception it handles is never printed as the
 * context of another: `pass`, `continue`, `break`, `return x`, `x = y`, `n += 1`, `print(x)`.
 */
function cannotRaise(st: Stmt): boolean {
  const plain = (e: Expr | null): boolean =>
    e === null ||
    e.k === "Name" ||
    e.k === "Const" ||
    e.k === "Int" ||
    e.k === "Float" ||
    e.k === "Str";
  switch (st.k) {
    case "Pass":
    case "Continue":
    case "Break":
    case "Comment":
      return true;
    case "Return":
      return plain(st.value);
    case "Assign":
      return st.targets.every((t) => t.k === "Name") && plain(st.value);
    case "AugAssign":
      return st.target.k === "Name" && plain(st.value);
    case "Expr":
      return (
        st.value.k === "Str" ||
        (st.value.k === "Call" &&
          st.value.func.k === "Name" &&
          st.value.func.id === "print" &&
          st.value.args.every((a) => a.kind === "pos" && plain(a.value)))
      );
    default:
      return false;
  }
}

/** See quietTypes: nothing in the body (statements or expressions) breaks the conditions. */
function quietCode(node: unknown, cx: Context, seen = new Set<object>()): boolean {
  if (node === null || typeof node !== "object" || seen.has(node)) return true;
  seen.add(node);
  if (Array.isArray(node)) return node.every((n) => quietCode(n, cx, seen));
  const n = node as { k?: string } & Record<string, unknown>;
  switch (n.k) {
    case "Await":
    case "Yield":
    case "YieldFrom":
    case "Try":
    case "With":
    case "FunctionDef":
    case "ClassDef":
    case "Lambda":
    case "Comp":
    case "Global":
    case "Nonlocal":
      return false;
    case "For":
      if (n.isAsync) return false;
      break;
    case "Call": {
      const call = n as unknown as Extract<Expr, { k: "Call" }>;
      const f = call.func;
      // A builtin exception class made here (`raise ValueError(i)`) prints nothing either.
      const ok =
        f.k === "Name"
          ? cx.lookup(f.id) === null &&
            (QUIET_CALLS.has(f.id) || (BUILTIN_CLASSES.has(f.id) && /Error$/.test(f.id)))
          : f.k === "Attribute" && QUIET_METHODS.has(f.attr);
      if (!ok || call.args.some((a) => (a as { name?: string | null }).name === "exc_info"))
        return false;
      break;
    }
  }
  for (const [key, value] of Object.entries(n)) {
    if (key !== "pos" && !quietCode(value, cx, seen)) return false;
  }
  return true;
}

/**
 * Can a handler of this `try` catch an AttributeError (`except AttributeError`, a base class of
 * it, a tuple holding one, a bare `except`, or a class the program computes)?
 */
function catchesAttributeError(cx: Context, s: Extract<Stmt, { k: "Try" }>): boolean {
  return catchesBuiltin(cx, s, "AttributeError");
}

/** Can a handler of this `try` catch the builtin exception `name` (as catchesAttributeError)? */
function catchesBuiltin(cx: Context, s: Extract<Stmt, { k: "Try" }>, ...names: string[]): boolean {
  const catches = (t: Expr | null): boolean => {
    if (t === null) return true;
    if (t.k === "Tuple") return t.elts.some(catches);
    // A module's exception class (`asyncio.CancelledError`, `json.JSONDecodeError`) is not one.
    if (t.k === "Attribute") return false;
    if (t.k !== "Name") return true;
    const sym = cx.lookup(t.id);
    // A class of the program is taken not to derive from it; other names may hold any.
    if (sym !== null) return sym.cls === null;
    return names.includes(t.id) || t.id === "Exception" || t.id === "BaseException";
  };
  return !s.star && s.handlers.some((h) => catches(h.type));
}

/**
 * `try`/`except`/`except*`/`else`/`finally`. `else` runs only when the body finished without an
 * exception, outside the handlers (a flag set at the end of the body). A `finally` block run
 * because of an exception has it as the exception being handled, as in CPython (an exception
 * raised there is chained to it). In a body whose handlers can catch AttributeError, method calls
 * check that the method exists (`Context.attributeErrorTry`).
 */
function tryStatement(s: Extract<Stmt, { k: "Try" }>, cx: Context): TsStmt[] {
  const out: TsStmt[] = [];
  let okFlag: string | null = null;
  const lowerBody = catchesBuiltin(cx, s, "ImportError", "ModuleNotFoundError")
    ? () => cx.importErrorTry(() => cx.block(s.body))
    : () => cx.block(s.body);
  const body = catchesAttributeError(cx, s) ? cx.attributeErrorTry(lowerBody) : lowerBody();
  if (s.orelse.length > 0 && s.handlers.length > 0) {
    okFlag = cx.fresh("ok");
    out.push(line(`let ${okFlag} = false;`, s.pos.line));
    body.push(line(`${okFlag} = true;`));
  }
  let inner: TsStmt[] = [block("try", body, s.pos.line)];
  const quiet = quietTypes(s, cx);
  if (quiet !== null) {
    // The caught classes are made without a JS stack while the body runs (quietTypes).
    const q = cx.fresh("q");
    out.push(line(`const ${q} = ${cx.helper("noStackFor")}(${quiet});`, s.pos.line));
    inner.push(
      block("catch ($e)", [line(`${cx.helper("stacksAgain")}(${q});`), ...handlers(s, cx)]),
      block("finally", [line(`${cx.helper("stacksAgain")}(${q});`)]),
    );
  } else if (s.handlers.length > 0)
    inner.push(block("catch ($e)", s.star ? starHandlers(s, cx) : handlers(s, cx)));
  if (okFlag !== null) inner.push(block(`if (${okFlag})`, cx.block(s.orelse)));
  else if (s.orelse.length > 0) {
    // try/else without handlers (only finally): the else part just follows the body.
    (inner[0] as { body: TsStmt[] }).body.push(...cx.block(s.orelse));
  }
  if (s.finalbody.length === 0) return [...out, ...inner];
  if (inner.length === 1) inner = (inner[0] as { body: TsStmt[] }).body;
  const fx = cx.fresh("fx");
  const y = cx.fresh("y");
  // A bare `raise` in the finally block re-raises what is being handled at run time.
  cx.pushHandling("");
  let fin: TsStmt[];
  try {
    fin = cx.block(s.finalbody);
  } finally {
    cx.popHandling();
  }
  out.push(
    line(`let ${fx}: any = null;`, s.pos.line),
    block("try", inner, s.pos.line),
    block("catch ($e)", [line(`throw (${fx} = ${cx.helper("caught")}($e));`)]),
    block("finally", [
      line(`if (${fx} !== null) ${cx.helper("excEnter")}(${fx});`),
      block("try", fin),
      block(`catch (${y})`, [line(`throw ${cx.helper("caught")}(${y});`)]),
      block("finally", [line(`if (${fx} !== null) ${cx.helper("excLeave")}(${fx});`)]),
    ]),
  );
  return out;
}

/**
 * The value for `raise X` and the helper raising it: `new X()` when X is a class name, else X
 * (`raiseExc` checks it). An exception the statement may not make (`raise err`,
 * `raise make_error()`, `raise e.with_traceback(None)`) is raised by `raiseMade`, which takes
 * its traceback's stack again at the `raise`; only a call of a known class makes it there.
 */
function exceptionValue(cx: Context, e: Expr): [string, string] {
  const isClass = (n: Expr): boolean => {
    if (n.k !== "Name") return false;
    const sym = cx.lookup(n.id);
    return (sym === null && BUILTIN_CLASSES.has(n.id)) || Boolean(sym?.cls);
  };
  if (isClass(e)) return [`new ${cx.expr(e).code}()`, "raiseExc"];
  return [cx.expr(e).code, e.k === "Call" && isClass(e.func) ? "raiseExc" : "raiseMade"];
}

export const exceptions: Feature = {
  name: "exceptions",
  statements: {
    Try: tryStatement,
    Raise: (s, cx) => {
      if (s.exc === null) {
        // A bare `raise` in an except block re-raises its exception; anywhere else (a function
        // called from a handler, a finally block) whatever is being handled at run time.
        const h = cx.handling;
        if (h) return [line(`throw ${cx.helper("rethrow")}(${h});`, s.pos.line)];
        return [line(`throw ${cx.helper("reraise")}();`, s.pos.line)];
      }
      // `$py.raiseExc` sets `__cause__` and `__context__` (the exception being handled).
      const [exc, raise] = exceptionValue(cx, s.exc);
      if (s.cause !== null) {
        const cause =
          s.cause.k === "Const" && s.cause.value === "None" ? "null" : cx.expr(s.cause).code;
        return [line(`throw ${cx.helper(raise)}(${exc}, ${cause});`, s.pos.line)];
      }
      return [line(`throw ${cx.helper(raise)}(${exc});`, s.pos.line)];
    },
    Assert: (s, cx) => {
      const msg = s.msg === null ? "" : cx.expr(s.msg).code;
      return [
        line(
          `if (!${par(cx.truthy(s.test), P.unary)}) throw new ${cx.runtime("AssertionError").code}(${msg});`,
          s.pos.line,
        ),
      ];
    },
  },
};
