/**
 * Assignment statements: `=`, annotated, augmented, chained, unpacking, and `del`.
 *
 * - `x = v` declares the name at its first binding when that binding is a statement of the
 *   function's (or module's) own block: `const` when it is the only binding, else `let`. Names
 *   first bound inside a nested block are declared at the top of the function (see context.ts).
 * - `a, b = v` -> `[a, b] = $py.unpack(v, 2)` (ValueError on a length mismatch, as in Python);
 *   `a, *rest = v` -> `$py.unpackStar(v, 1, 0)`.
 * - `obj[i] = v` -> `$py.setitem(obj, i, v)`; `obj.x = v` stays a property assignment (cast,
 *   `(q as any).y = v`, when `q` is typed as a class of the module that declares no `y`), unless
 *   the program defines `__setattr__`/`__delattr__` somewhere (or a frozen dataclass): then every
 *   attribute store whose receiver is not a module is `setattr(obj, "x", v)`, which calls the
 *   class's `__setattr__` (`self.x = v` in `__init__` too, as in CPython), and `del obj.x` is
 *   `$py.delattr` in any program. The check is textual (`attributeHooks`): on this module's
 *   source, and on the sibling modules' (`ModuleOptions.attrHooks`, set by `transpileProgram`),
 *   since an instance of a class defined there may reach this module's stores. A false positive
 *   only costs speed.
 * - `obj.__dict__[k] = v` / `del obj.__dict__[k]` -> `$py.dictStore` / `$py.dictDelete` (the
 *   instance's namespace, bypassing `__setattr__` and properties; `obj.__dict__` read as a
 *   value is a dict whose changes are made to the instance too, `vars` in protocol.ts).
 * - `x += v` is `x += v` when both sides' types make the JS operator exact, else
 *   `x = $py.iadd(x, v)` (in-place for lists, as Python's `+=`); `obj.x += v` reads `obj.x` as
 *   any attribute read (names.ts) and stores it as above; `x[k] += v` (or `-=`) with a literal or
 *   a plain variable for `v` is `$py.augitem(x, k, $py.iadd, v)` (a dict's key found once).
 */

import type { Expr, Stmt } from "../ir";
import { classAttributes, definingDef, isStaticOrClassMethod } from "./classes";
import { type Context, type Feature, mangle } from "./context";
import { checkedName, sliceParts } from "./names";
import { castTo, nativeBinop } from "./operators";
import { line, P, par, type TsExpr, type TsStmt } from "./output";
import { inferredType, tsType } from "./types";

/**
 * Python source that may define a class with `__setattr__`/`__delattr__`, or a frozen dataclass
 * (whose `__setattr__` the runtime adds): such a program routes attribute stores through
 * `setattr`. Textual on purpose: it runs on sibling modules without parsing them.
 */
export const ATTR_HOOKS = /\b__(?:set|del)attr__\b|\bfrozen\s*=\s*True\b/;

const hooksCache = new WeakMap<Context, boolean>();

/** Must attribute stores of this module go through `setattr` (see the header)? */
export function attributeHooks(cx: Context): boolean {
  let v = hooksCache.get(cx);
  if (v === undefined) {
    v = cx.options.attrHooks === true || ATTR_HOOKS.test(cx.source.text);
    hooksCache.set(cx, v);
  }
  return v;
}

/** Is `e` a name bound to an imported module (`mod.x = v` is a plain store)? */
function isModule(cx: Context, e: Expr): boolean {
  if (e.k !== "Name") return false;
  const sym = cx.lookup(e.id);
  return sym?.imported != null && sym.imported.name === null;
}

/**
 * `del helpers.x` of a module of the program: refused, as its names are the bindings of an ES
 * module, which only that module can change. `helpers.x = 1` and `helpers.x += 1` are stores into
 * its module object, which rebinds the module's global (codegen/module_stores.ts).
 */
function refuseModuleStore(cx: Context, recv: Expr, what: string): void {
  if (recv.k !== "Name" || what !== "deletion of") return;
  const imported = cx.lookup(recv.id)?.imported;
  if (imported?.name === null && cx.options.siblings.has(imported.module))
    throw cx.unsupported(
      recv.pos,
      `${what} an attribute of the program's module '${imported.module}'`,
    );
}

/** `obj.attr = value` for the lowered receiver `obj` (see the header). */
function storeAttr(cx: Context, recv: Expr, obj: TsExpr, attr: string, value: string): string {
  // A store on a class of the module (`C.h = helper`) also gives its instances their view of it.
  const onClass = recv.k === "Name" && cx.lookup(recv.id)?.cls != null;
  // `obj.__class__ = cls` is `object.__class__`'s setter (the runtime's `setattr`).
  if (onClass || attr === "__class__" || (attributeHooks(cx) && !isModule(cx, recv)))
    return `${cx.runtime("setattr").code}(${obj.code}, ${JSON.stringify(attr)}, ${value});`;
  // A lambda's TS type is a function type: `f.calls = 0` / `f.__defaults__ = ...` need a cast;
  // so does a new attribute of an instance TypeScript knows the class of (`q = Q(); q.y = 2`).
  const lambda = recv.k === "Name" && cx.lookup(recv.id)?.values.some((v) => v?.k === "Lambda");
  const cast = lambda || undeclaredAttribute(cx, recv, attr, true);
  return `${cast ? `(${obj.code} as any)` : par(obj, P.call)}.${attr} = ${value};`;
}

/**
 * Is `recv` typed by TypeScript as an instance of a class of the module (`V()`, or a name bound
 * only to such calls: isTypedByTs) that TypeScript does not give `attr` (an attribute its body
 * does not make, a static or class method)? Then a store or a method call needs a cast to
 * type-check.
 */
export function undeclaredAttribute(cx: Context, recv: Expr, attr: string, store = false): boolean {
  const lacks = (v: Expr | null) => {
    if (v === null || v.k !== "Call" || v.func.k !== "Name") return false;
    const cls = cx.lookup(v.func.id)?.cls;
    if (cls == null) return false;
    if (!classAttributes(cx, cls).attrs.has(attr) || isStaticOrClassMethod(cx, cls, attr))
      return true;
    // A store over a method (`c.val = 5` over a `@cached_property def val`): TypeScript's type
    // of the member is the method's.
    return store && definingDef(cx, cls, attr) !== null;
  };
  if (recv.k === "Call") return lacks(recv);
  if (recv.k !== "Name") return false;
  // `self.helper()` of a static or class method: TypeScript has it on the class, not on `self`.
  if (cx.isSelf(recv) && cx.className !== null) {
    const cls = cx.lookup(cx.className)?.cls;
    if (cls != null && isStaticOrClassMethod(cx, cls, attr)) return true;
  }
  const values = cx.lookup(recv.id)?.values ?? [];
  if (values.length === 0 || !values.every((v) => v !== null && isTypedByTs(cx, v))) return false;
  return values.some(lacks);
}

/** `x.__dict__` (not of a module): its items are the instance's attributes. */
function instanceDict(cx: Context, e: Expr): Expr | null {
  return e.k === "Attribute" && e.attr === "__dict__" && !isModule(cx, e.value) ? e.value : null;
}

/** Values whose TS type is precise and useful: instances of classes defined here, functions. */
function isTypedByTs(cx: Context, e: Expr): boolean {
  if (e.k === "Lambda") return true;
  if (e.k === "Call" && e.func.k === "Name") return cx.lookup(e.func.id)?.cls != null;
  return false;
}

function isLiteral(e: Expr): boolean {
  return (
    e.k === "Int" ||
    e.k === "Float" ||
    e.k === "Str" ||
    (e.k === "Const" && e.value !== "None" && e.value !== "Ellipsis") ||
    e.k === "FString"
  );
}

/** Assign the already-lowered `value` to the Python target `t`. */
export function assignTo(
  cx: Context,
  t: Expr,
  value: TsExpr,
  pyLine: number,
  source: Expr | null = null,
  annotation: string | null = null,
): TsStmt[] {
  switch (t.k) {
    case "Name": {
      const b = cx.bindingPrefix(t.id);
      if (b.keyword !== null) {
        let type = annotation;
        if (type === null && b.sym !== null) {
          const inferred = inferredType(b.sym.ty);
          if (b.keyword === "let" || (source !== null && isLiteral(source))) type = inferred;
          // Values from the runtime API may be typed `unknown` there: a Python variable holding
          // them is dynamically typed (`any`) unless analysis knows a primitive type.
          else if (inferred === "any" && source !== null && !isTypedByTs(cx, source)) type = "any";
          // `xs = []` must not make TS infer an evolving `any[]` (or `never[]`); a name that
          // some other binding gives another value (`global xs; xs = "abc"` elsewhere) is `any`.
          const isList = (v: Expr | null) =>
            v !== null && (v.k === "List" || (v.k === "Comp" && v.kind === "list"));
          if (source !== null && isList(source))
            type = b.sym.values.every(isList) ? "any[]" : "any";
        }
        return [
          line(
            `${cx.exportPrefix()}${b.keyword} ${b.name}${type ? `: ${type}` : ""} = ${value.code};`,
            pyLine,
          ),
        ];
      }
      return [line(`${b.name} = ${value.code};`, pyLine)];
    }
    case "Attribute":
      // Construction calls the `__new__` a class statement defines (lower/classes.ts).
      if (t.attr === "__new__")
        throw cx.unsupported(t.pos, "assigning '__new__' outside a class body");
      refuseModuleStore(cx, t.value, "assignment to");
      return [line(storeAttr(cx, t.value, cx.expr(t.value), t.attr, value.code), pyLine)];
    case "Subscript": {
      const owner = instanceDict(cx, t.value);
      if (owner !== null && t.index.k !== "Slice")
        return [
          line(
            `${cx.helper("dictStore")}(${cx.expr(owner).code}, ${cx.expr(t.index).code}, ${value.code});`,
            pyLine,
          ),
        ];
      const obj = cx.expr(t.value).code;
      if (t.index.k === "Slice") {
        const parts = sliceParts(cx, t.index).join(", ");
        return [line(`${cx.helper("setslice")}(${obj}, ${parts}, ${value.code});`, pyLine)];
      }
      return [
        line(`${cx.helper("setitem")}(${obj}, ${cx.expr(t.index).code}, ${value.code});`, pyLine),
      ];
    }
    case "Tuple":
    case "List":
      // `a, b = 1, 2`: the right side is a display of the same length; no unpacking needed.
      if (
        source !== null &&
        (source.k === "Tuple" || source.k === "List") &&
        source.elts.length === t.elts.length &&
        !source.elts.some((e) => e.k === "Starred") &&
        !t.elts.some((e) => e.k === "Starred")
      ) {
        return unpack(
          cx,
          t.elts,
          { code: `[${source.elts.map((e) => cx.expr(e).code).join(", ")}]`, prec: P.primary },
          pyLine,
          true,
          // `xs, ys = [], []`: TypeScript would type the names `never[]` from the display.
          source.elts.some((e) => e.k === "List"),
        );
      }
      return unpack(cx, t.elts, value, pyLine);
    case "Starred":
      throw cx.source.error(
        "SyntaxError",
        "starred assignment target must be in a list or tuple",
        t.pos.line,
        t.pos.col,
      );
    default:
      throw cx.source.error("SyntaxError", "cannot assign to expression", t.pos.line, t.pos.col);
  }
}

function unpack(
  cx: Context,
  elts: Expr[],
  value: TsExpr,
  pyLine: number,
  direct = false,
  untyped = false,
): TsStmt[] {
  const star = elts.findIndex((e) => e.k === "Starred");
  if (elts.filter((e) => e.k === "Starred").length > 1) {
    throw cx.source.error(
      "SyntaxError",
      "multiple starred expressions in assignment",
      elts[0]!.pos.line,
      elts[0]!.pos.col,
    );
  }
  const unpacked = direct
    ? value.code
    : star < 0
      ? `${cx.helper("unpack")}(${value.code}, ${elts.length})`
      : `${cx.helper("unpackStar")}(${value.code}, ${star}, ${elts.length - star - 1})`;
  const targets = elts.map((e) => (e.k === "Starred" ? e.value : e));
  // Simple case: every target is a name (or attribute): one destructuring assignment.
  if (targets.every((e) => e.k === "Name")) {
    const prefixes = targets.map((e) => cx.bindingPrefix((e as { id: string }).id));
    const names = prefixes.map((p) => p.name);
    const allNew = prefixes.every((p) => p.keyword !== null);
    if (allNew) {
      const kw = prefixes.every((p) => p.keyword === "const") ? "const" : "let";
      return [
        line(
          `${cx.exportPrefix()}${kw} [${names.join(", ")}]${kw === "let" || untyped ? ": any[]" : ""} = ${unpacked};`,
          pyLine,
        ),
      ];
    }
    const out: TsStmt[] = [];
    const fresh = prefixes.filter((p) => p.keyword !== null);
    if (fresh.length > 0)
      out.push(
        line(`${cx.exportPrefix()}let ${fresh.map((p) => `${p.name}: any`).join(", ")};`, pyLine),
      );
    out.push(line(`[${names.join(", ")}] = ${unpacked};`, pyLine));
    return out;
  }
  const tmp = cx.temp();
  const out: TsStmt[] = [line(`${tmp} = ${unpacked};`, pyLine)];
  targets.forEach((e, i) => {
    out.push(...assignTo(cx, e, { code: `${tmp}[${i}]`, prec: P.call }, pyLine));
  });
  return out;
}

/**
 * A value whose evaluation cannot raise or run code: a number or str literal, None/True/False, or
 * a variable read as a bare JS name (its lowering checks nothing, so it is known bound).
 */
function effectFree(e: Expr, code: string): boolean {
  if (e.k === "Int" || e.k === "Float" || e.k === "Str" || e.k === "Const") return true;
  return e.k === "Name" && /^[A-Za-z_$][\w$]*$/.test(code);
}

function isSimple(e: Expr): boolean {
  return e.k === "Name" || e.k === "Int" || e.k === "Str" || e.k === "Const";
}

/** The value of `a op= b`: `$py.iadd` / `$py.isub` for `+=` / `-=`, else `$py.inplace("op", ...)`. */
export function inplaceCode(cx: Context, op: string, a: string, b: string): string {
  if (op === "+") return `${cx.helper("iadd")}(${a}, ${b})`;
  if (op === "-") return `${cx.helper("isub")}(${a}, ${b})`;
  return `${cx.helper("inplace")}(${JSON.stringify(op)}, ${a}, ${b})`;
}

function augAssign(s: Extract<Stmt, { k: "AugAssign" }>, cx: Context): TsStmt[] {
  const t = s.target;
  // `$py.iadd(a, b)` / `$py.isub(a, b)` for `+=` / `-=` (the common cases, with direct paths
  // for ints, floats and strs), `$py.inplace("op", a, b)` for the others.
  const inplaceCall = (a: string, b: string) => inplaceCode(cx, s.op, a, b);
  if (t.k === "Name") {
    const lt = cx.typeOf(t);
    const rt = cx.typeOf(s.value);
    // The value is lowered once: lowering twice would declare a comprehension's variables
    // twice (the second copy assigning undeclared names).
    const native = nativeBinop(cx, s.op, t, s.value, lt, rt);
    // `name` is the variable; `read` its value (checked when it may be unbound).
    const name = cx.name(t.id, t.pos).code;
    if (native !== null) {
      const m = /^(\S+) ([-+*&|^]|<<|>>) (.*)$/s.exec(native.code);
      if (m !== null && m[1] === name) return [line(`${name} ${m[2]}= ${m[3]};`, s.pos.line)];
      // Immutable int/float/str operands: `a op= b` is `a = a op b`.
      return [line(`${name} = ${native.code};`, s.pos.line)];
    }
    const read = cx.expr(t).code;
    return [
      line(
        `${name} = ${castTo(inplaceCall(read, cx.expr(s.value).code), cx.typeOf(t))};`,
        s.pos.line,
      ),
    ];
  }
  if (t.k === "Attribute") {
    refuseModuleStore(cx, t.value, "augmented assignment to");
    // `obj.x += v`: `obj` evaluated once; the read is any attribute read (`getattr`, `checkAttr`
    // or a plain property read, names.ts), the store `storeAttr`'s.
    const out: TsStmt[] = [];
    let obj = cx.expr(t.value);
    let read: string;
    if (t.value.k === "Name") read = cx.expr(t).code;
    else {
      const tmp = cx.temp();
      out.push(line(`${tmp} = ${obj.code};`, s.pos.line));
      obj = { code: tmp, prec: P.primary };
      read = `${cx.runtime("getattr").code}(${tmp}, ${JSON.stringify(t.attr)})`;
    }
    out.push(
      line(
        storeAttr(cx, t.value, obj, t.attr, inplaceCall(read, cx.expr(s.value).code)),
        s.pos.line,
      ),
    );
    return out;
  }
  if (t.k === "Subscript") {
    const out: TsStmt[] = [];
    let obj = cx.expr(t.value).code;
    let idx = cx.expr(t.index).code;
    if (!isSimple(t.value)) {
      const tmp = cx.temp();
      out.push(line(`${tmp} = ${obj};`, s.pos.line));
      obj = tmp;
    }
    if (!isSimple(t.index)) {
      const tmp = cx.temp();
      out.push(line(`${tmp} = ${idx};`, s.pos.line));
      idx = tmp;
    }
    const value = cx.expr(s.value).code;
    if ((s.op === "+" || s.op === "-") && effectFree(s.value, value)) {
      // `d[k] += 1`: the value may be evaluated before `d[k]` is read (nothing can tell), so one
      // call does both, and finds a dict's key once.
      const op = cx.helper(s.op === "+" ? "iadd" : "isub");
      out.push(line(`${cx.helper("augitem")}(${obj}, ${idx}, ${op}, ${value});`, s.pos.line));
      return out;
    }
    const get = `${cx.helper("getitem")}(${obj}, ${idx})`;
    out.push(
      line(`${cx.helper("setitem")}(${obj}, ${idx}, ${inplaceCall(get, value)});`, s.pos.line),
    );
    return out;
  }
  throw cx.source.error(
    "SyntaxError",
    `'${expressionName(t)}' is an illegal expression for augmented assignment`,
    t.pos.line,
    t.pos.col,
  );
}

/** What CPython's compiler calls an expression that is not a target (`del 1`, `f() += 1`). */
function expressionName(e: Expr): string {
  switch (e.k) {
    case "Int":
    case "Float":
    case "Str":
    case "Bytes":
      return "literal";
    case "Const":
      return e.value === "Ellipsis" ? "ellipsis" : e.value;
    case "FString":
      return "f-string expression";
    case "Call":
      return "function call";
    case "Tuple":
      return "tuple";
    case "List":
      return "list";
    case "Starred":
      return "starred";
    default:
      return "expression";
  }
}

export const assignments: Feature = {
  name: "assignments",
  statements: {
    Assign: (s, cx) => {
      const value = cx.expr(s.value);
      if (s.targets.length === 1) return assignTo(cx, s.targets[0]!, value, s.pos.line, s.value);
      const tmp = cx.temp();
      const out: TsStmt[] = [line(`${tmp} = ${value.code};`, s.pos.line)];
      for (const t of s.targets)
        out.push(...assignTo(cx, t, { code: tmp, prec: P.primary }, s.pos.line));
      return out;
    },
    AnnAssign: (s, cx) => {
      const type = tsType(s.annotation, cx.widenedAnnotations);
      if (s.value === null) {
        if (s.target.k !== "Name") return [];
        const b = cx.bindingPrefix(s.target.id);
        if (b.keyword === null) return [];
        return [line(`${cx.exportPrefix()}let ${mangle(s.target.id)}: ${type};`, s.pos.line)];
      }
      const widened =
        s.value.k === "Const" && s.value.value === "None" && type !== "any"
          ? `${type} | null`
          : type;
      return assignTo(
        cx,
        s.target,
        cx.expr(s.value),
        s.pos.line,
        s.value,
        s.target.k === "Name" ? widened : null,
      );
    },
    AugAssign: augAssign,
    Delete: (s, cx) =>
      s.targets.map((t) => {
        if (t.k === "Subscript" && t.index.k === "Slice") {
          const parts = sliceParts(cx, t.index).join(", ");
          return line(`${cx.helper("delslice")}(${cx.expr(t.value).code}, ${parts});`, s.pos.line);
        }
        const owner = t.k === "Subscript" ? instanceDict(cx, t.value) : null;
        if (t.k === "Subscript" && owner !== null)
          return line(
            `${cx.helper("dictDelete")}(${cx.expr(owner).code}, ${cx.expr(t.index).code});`,
            s.pos.line,
          );
        if (t.k === "Subscript")
          return line(
            `${cx.helper("delitem")}(${cx.expr(t.value).code}, ${cx.expr(t.index).code});`,
            s.pos.line,
          );
        if (t.k === "Attribute") refuseModuleStore(cx, t.value, "deletion of");
        if (t.k === "Attribute")
          return line(
            `${cx.helper("delattr")}(${cx.expr(t.value).code}, ${JSON.stringify(t.attr)});`,
            s.pos.line,
          );
        if (t.k === "Name") {
          // `del x` of an unbound name raises as a read does (flow analysis says when it may):
          // `x = ($py.checkBound(x, "x"), undefined as any);`.
          const name = cx.name(t.id, t.pos).code;
          const checked = checkedName(cx, t).code;
          const value = checked === name ? "undefined as any" : `(${checked}, undefined as any)`;
          return line(`${name} = ${value};`, s.pos.line);
        }
        if (t.k === "Tuple" || t.k === "List") throw cx.unsupported(t.pos, "'del' of this target");
        // Not a target: CPython's compiler names what cannot be deleted.
        throw cx.source.error(
          "SyntaxError",
          `cannot delete ${expressionName(t)}`,
          t.pos.line,
          t.pos.col,
        );
      }),
  },
};
