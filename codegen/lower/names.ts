/**
 * Names, attributes, subscripts and slices.
 *
 * A name reads its mangled TS binding (see context.ts for the rule); a read that flow analysis
 * (codegen/flow.ts) cannot prove bound is checked: `$py.checkBound(x, "x")` (UnboundLocalError),
 * `$py.checkFree` or `$py.checkGlobal` (NameError). `obj.attr` is
 * `$py.getattr(obj, "attr")` (AttributeError, `__getattr__`, bound methods, dunders such as
 * `__class__`/`__mro__`/`__dict__`) unless the receiver is a module, a class's static attribute,
 * or `self.x` where the class (or a user base) defines `x` at class level: those stay JS property
 * reads; `self.x` for an `x` the class only assigns is `$py.checkAttr(self.x, self, "x")`
 * (AttributeError before the assignment; see `selfAttributeRead` in classes.ts).
 * `Cls.method` (an instance method through its class) is the plain function.
 * `a[i]` is `$py.getitem(a, i)` (negative indexes, slices, dicts, `__getitem__`).
 */

import type { UnboundKind } from "../analyze";
import type { ClassDef, Expr } from "../ir";
import { undeclaredAttribute } from "./assign";
import { BUILTIN_METHODS, RUNTIME_METHODS } from "./calls";
import {
  classAttributes,
  instanceMethods,
  isClassMethodOf,
  selfAttributeRead,
  underClassDecorator,
} from "./classes";
import type { Context, Feature } from "./context";
import { bindsName, refuseMissing } from "./imports";
import { ex, P, par, type TsExpr } from "./output";

/** Does a user class (or a user base) define `name` as a plain instance method? */
export function hasInstanceMethod(cx: Context, cls: ClassDef, name: string): boolean {
  const seen = new Set<ClassDef>();
  let c: ClassDef | null = cls;
  while (c !== null && !seen.has(c)) {
    seen.add(c);
    if (instanceMethods(cx, c).has(name)) return true;
    for (const s of c.body) if (s.k === "FunctionDef" && s.fn.name === name) return false;
    // Several bases: the other bases too (the MRO's order is the runtime's business).
    for (const other of c.bases.slice(1))
      if (other.value.k === "Name") {
        const ocls: ClassDef | null = cx.lookup(other.value.id)?.cls ?? null;
        if (ocls !== null && ocls !== c && hasInstanceMethod(cx, ocls, name)) return true;
      }
    const b: Expr | undefined = c.bases[0]?.value;
    c = b?.k === "Name" ? (cx.lookup(b.id)?.cls ?? null) : null;
  }
  return false;
}

/** `a:b:c` as three arguments (`null` for an omitted part). */
export function sliceParts(cx: Context, s: Extract<Expr, { k: "Slice" }>): string[] {
  return [s.lower, s.upper, s.step].map((x) => (x === null ? "null" : cx.expr(x).code));
}

export function sliceOrIndex(cx: Context, index: Expr): TsExpr {
  return cx.expr(index);
}

/** The run-time check of each kind of possibly unbound name (src/python/functions.ts). */
const CHECKS: Record<UnboundKind, string> = {
  local: "checkBound",
  free: "checkFree",
  global: "checkGlobal",
};

/**
 * A read of a name: plain when flow analysis proves it bound, else through the check that raises
 * CPython's error (`$py.checkBound(x, "x")`). `del x` uses the same check before unbinding.
 */
export function checkedName(cx: Context, e: Extract<Expr, { k: "Name" }>): TsExpr {
  const v = cx.name(e.id, e.pos);
  const kind = cx.analysis.unbound.get(e);
  if (kind === undefined) return v;
  return ex(`${cx.helper(CHECKS[kind])}(${v.code}, ${JSON.stringify(e.id)})`, P.call);
}

const PRIMITIVE_TYPES = new Set(["int", "float", "bool", "str"]);
/** Own properties of every JS class that are not Python attributes. */
const JS_FUNCTION_PROPS = new Set(["name", "length"]);
const NUMBER_ATTRS = new Set(["real", "imag", "numerator", "denominator"]);

export const names: Feature = {
  name: "names",
  expressions: {
    Name: (e, cx) => checkedName(cx, e),
    Attribute: (e, cx) => {
      const obj = cx.expr(e.value);
      // A method read as a value (`loop.call_soon(self.tick)`) must be bound to its object.
      const isMethod =
        cx.analysis.methodNames.has(e.attr) ||
        ((BUILTIN_METHODS.has(e.attr) || RUNTIME_METHODS.has(e.attr)) && !cx.isSelf(e.value));
      // Data attributes of numbers (`(5).real`) and any attribute of a str/int/float/bool
      // value: JS primitives do not have them, the runtime's getattr does.
      const primitive = PRIMITIVE_TYPES.has(cx.typeOf(e.value)) || NUMBER_ATTRS.has(e.attr);
      const viaGetattr = () =>
        ex(`${cx.runtime("getattr").code}(${obj.code}, ${JSON.stringify(e.attr)})`, P.call);
      const direct = () => ex(`${par(obj, P.call)}.${e.attr}`, P.call);
      if (e.value.k === "Name") {
        const sym = cx.lookup(e.value.id);
        if (sym?.imported && sym.imported.name === null) {
          refuseMissing(cx, sym.imported.module, e.attr, e.pos);
          // A name a module of the program never binds: getattr's AttributeError.
          return bindsName(cx, sym.imported.module, e.attr) ? direct() : viaGetattr();
        }
        // `Greeter.greet`: an instance method read through its class is the plain function.
        // A class attribute its body (or a user base's) assigns is a plain property read; any
        // other goes through getattr (AttributeError; JS's own `name`/`length` of a class).
        if (sym?.cls && !/^__\w+__$/.test(e.attr))
          return hasInstanceMethod(cx, sym.cls, e.attr) ||
            !classAttributes(cx, sym.cls).classLevel.has(e.attr) ||
            sym.cls.body.some(
              (s) => s.k === "FunctionDef" && s.fn.name === e.attr && underClassDecorator(cx, s.fn),
            ) ||
            isClassMethodOf(cx, sym.cls, e.attr) ||
            JS_FUNCTION_PROPS.has(e.attr)
            ? viaGetattr()
            : direct();
      }
      // `req.method` where `req` certainly holds an instance of a plain program class (or None)
      // and `method` is a plain data attribute (codegen/instances.ts): the own property, else
      // (None, deleted, never set) the general lookup and its AttributeError.
      if (
        e.value.k === "Name" &&
        !cx.analysis.unbound.has(e.value) &&
        cx.analysis.instances.readsDirectly(e.value, e.attr, cx.scope) &&
        !undeclaredAttribute(cx, e.value, e.attr)
      )
        return ex(
          `${cx.helper("checkAttr")}(${obj.code}?.${e.attr}, ${obj.code}, ${JSON.stringify(e.attr)})`,
          P.call,
        );
      if (isMethod || primitive || /^__\w+__$/.test(e.attr)) return viaGetattr();
      // Direct property reads only where the class is known to have the attribute (`self.x`);
      // anything else goes through getattr (AttributeError, `__getattr__`).
      if (cx.isSelf(e.value) && cx.className !== null) {
        const cls = cx.lookup(cx.className)?.cls ?? null;
        const read = cls === null ? null : selfAttributeRead(cx, cls, e.attr, obj, direct());
        if (read !== null) return read;
      }
      return viaGetattr();
    },
    Subscript: (e, cx) => {
      const value = cx.expr(e.value).code;
      // `x[a:b]` slices without making a slice object first (the runtime makes one only for an
      // object with its own `__getitem__`).
      if (e.index.k === "Slice") {
        const part = (x: Expr | null) => (x === null ? "null" : cx.expr(x).code);
        const { lower, upper, step } = e.index;
        return ex(
          `${cx.helper("getslice")}(${value}, ${part(lower)}, ${part(upper)}, ${part(step)})`,
          P.call,
        );
      }
      return ex(`${cx.helper("getitem")}(${value}, ${sliceOrIndex(cx, e.index).code})`, P.call);
    },
    Slice: (e, cx) => {
      const part = (x: Expr | null) => (x === null ? "null" : cx.expr(x).code);
      return ex(
        `${cx.runtime("slice").code}(${part(e.lower)}, ${part(e.upper)}, ${part(e.step)})`,
        P.call,
      );
    },
  },
};
