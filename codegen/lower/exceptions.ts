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

import type { SymbolInfo } from "../analyze";
import { type Expr, type Handler, lastStatementLine, type Stmt } from "../ir";
import { newFound, quietModule } from "../quiet";
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
    (h) =>
      !h.name &&
      h.body.every((b) => b.k === "Pass" || b.k === "Comment") &&
      (h.type === null || simple(h.type)),
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
    sym.scope.readsLocals ||
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

/** A builtin exception class a quiet `try` may name (`except KeyError:`). */
function builtinError(id: string): boolean {
  return BUILTIN_CLASSES.has(id) && /Error$|^(StopIteration|StopAsyncIteration)$/.test(id);
}

/**
 * The exception classes of a `try` whose handlers never show the frames of a full stack of the
 * exceptions they catch, and the stack limit the runtime makes those exceptions with while the
 * body runs (`$py.noStackFor(classes, limit)`): a stack capture is most of what an exception
 * costs (several microseconds, where CPython takes under one), and `try: v = d[k] except
 * KeyError:` is everyday Python. Null unless the handlers name classes (builtin `...Error`
 * classes, or the program's exception classes) and:
 * - no handler can show the exception: none binds a name (`as e`) or can raise
 *   (`cannotRaise`: nothing could print the caught exception, even as another's context);
 *   then the limit is 0;
 * - or the handlers can show it but only from the `try`'s frame inwards: they name program
 *   exception classes only the body and its direct callees raise, nothing in them re-raises,
 *   and the frames down to the `try` are bounded (codegen/quiet.ts); the limit is that bound;
 * and the body cannot suspend (no `await`/`yield`: other tasks would run while quiet) and is
 * quiet code (codegen/quiet.ts): it calls only quiet builtins and methods, builtin exception
 * classes, the program's classes and its functions whose bodies are quiet code; no nested `try`,
 * `with`, `def` or `class`; and all the code of the program the runtime may call implicitly
 * (methods through operators, lambdas, generators) is quiet code too.
 */
function quietTypes(s: Extract<Stmt, { k: "Try" }>, cx: Context): [string, number] | null {
  if (s.star || s.handlers.length === 0) return null;
  const names: string[] = [];
  const programClasses: SymbolInfo[] = [];
  const qm = quietModule(cx.analysis, builtinError);
  const handlerClass = (t: Expr): boolean => {
    if (t.k === "Tuple") return t.elts.every(handlerClass);
    if (t.k !== "Name") return false;
    const sym = cx.lookup(t.id);
    if (sym === null) {
      if (!builtinError(t.id)) return false;
    } else if (qm.exceptionClass(sym) === null) return false;
    else programClasses.push(sym);
    names.push(t.id);
    return true;
  };
  let strict = true;
  for (const h of s.handlers) {
    if (h.type === null || !handlerClass(h.type)) return null;
    if (h.name || !h.body.every(cannotRaise)) strict = false;
  }
  // A StopIteration raised in a generator becomes the cause of a RuntimeError (printed).
  if (names.some((n) => n.startsWith("Stop")) && qm.hasGenerators) return null;
  const found = newFound();
  if (!qm.scan(s.body, cx.scope, found, false)) return null;
  // Any operation may run the program's implicit code (a method through an operator), which
  // must all be known: the module neither imports a sibling module nor is imported by one.
  if (
    cx.options.exportAll ||
    qm.imports.some((m) => m === "." || cx.options.siblings.has(m.split(".")[0]!))
  )
    return null;
  if (!qm.calleesOk(found)) return null;
  let limit = 0;
  if (strict) {
    if (qm.implicitNames(found.values) === null) return null;
  } else {
    // Bounded: only the program's own classes, raised only where the depth is known.
    if (programClasses.length !== names.length) return null;
    // The handlers are quiet code too: nothing in them re-raises (a bare `raise`).
    const inHandlers = newFound();
    if (!s.handlers.every((h) => qm.scan(h.body, cx.scope, inHandlers, false))) return null;
    if (!qm.calleesOk(inHandlers)) return null;
    const implicit = qm.implicitNames(found.values || inHandlers.values);
    if (implicit === null || !programClasses.every((c) => qm.boundedClass(c, implicit)))
      return null;
    limit = 1 + qm.depth(found.callees);
    if (!Number.isFinite(limit)) return null;
  }
  const classes = [...new Set(names)].map((n) => cx.expr({ k: "Name", pos: s.pos, id: n }).code);
  return [classes.length === 1 ? classes[0]! : `[${classes.join(", ")}]`, limit];
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
    const [classes, limit] = quiet;
    const args = limit === 0 ? classes : `${classes}, ${limit}`;
    out.push(line(`const ${q} = ${cx.helper("noStackFor")}(${args});`, s.pos.line));
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
  // While the finally block runs, the exception's traceback starts at this frame (the context
  // of one the block raises); re-raised when the block ends, it has its whole traceback again.
  const blocks = [s.body, ...s.handlers.map((h) => h.body), s.orelse];
  const last = blocks.reduce((n, b) => lastStatementLine(b, n), s.pos.line);
  out.push(
    line(`let ${fx}: any = null;`, s.pos.line),
    block("try", inner, s.pos.line),
    block("catch ($e)", [line(`throw (${fx} = ${cx.helper("caught")}($e));`)]),
    block("finally", [
      line(`if (${fx} !== null) ${cx.helper("excEnter")}(${fx}, ${s.pos.line}, ${last});`),
      block("try", [...fin, line(`if (${fx} !== null) ${cx.helper("rethrow")}(${fx});`)]),
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
      if (s.test.k === "Tuple" && s.test.elts.length > 0)
        cx.syntaxWarnings.push({
          line: s.pos.line,
          message: "assertion is always true, perhaps remove parentheses?",
        });
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
