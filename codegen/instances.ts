/**
 * Instances of the program's own classes, for direct attribute reads (part of analysis).
 *
 * `req.method` is `$py.getattr(req, "method")` in general: Python's lookup (properties, bound
 * methods, class attributes, `__getattr__`, AttributeError). When `req` certainly holds an instance
 * of a *plain* program class (or None), and `method` is a *plain data attribute* everywhere in the
 * program, the JS property read is exact, and the lowering emits
 * `$py.checkAttr(req?.method, req, "method")`: the instance's own property, else (`undefined`: None,
 * an attribute deleted or never set) the general lookup, which raises CPython's AttributeError.
 *
 * The proofs are closed-world (the program's classes are all known):
 * - A **plain class** is built by calling it: no `__new__`, no metaclass (no class keywords), no
 *   `__slots__`, no `__getattribute__` (in its body, or stored on any object anywhere, or a
 *   `setattr` whose name is not a literal), no decorator other than `@dataclass` (without
 *   `slots=True`), and every base is `object` or a plain program class. Its instances are JS
 *   objects whose prototype chain holds only the program's classes and the runtime's `object`.
 * - An expression is **an instance (or None)** when it is a call of a plain class; a call of a
 *   known plain function (`def`, bound once, undecorated, not a generator or coroutine) whose every
 *   `return` gives an instance or None; None; a conditional of two; or a name (not a parameter)
 *   whose every binding, in its own scope, is one of those.
 * - A **plain data attribute** is a name no class of the program defines as a method, property
 *   or class-level name (only as a bare annotation, a dataclass field), not a dunder or a JS
 *   `Object.prototype` member, never passed to `setattr` (nor any name, when a `setattr` name is
 *   not a literal), and stored only through `self` in a method or through a name proven to hold
 *   an instance (never `C.attr = ...`: a class attribute, maybe a descriptor). Assigning
 *   `__class__` anywhere turns every attribute off.
 */

import type { Scope, SymbolInfo } from "./analyze";
import { type ClassDef, childBlocks, type Expr, type FunctionDef, type Stmt } from "./ir";

/** An attribute store target `recv.attr = ...` and the scope it runs in. */
export interface AttrStore {
  recv: Expr;
  attr: string;
  scope: Scope;
}

/** Members every JS object inherits: never read directly. */
const JS_OBJECT_MEMBERS = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

/** Methods whose first parameter is the class, though undecorated. */
const CLASS_FIRST = new Set(["__new__", "__init_subclass__", "__class_getitem__"]);

/** Class-body names that change how instances are made or looked up. */
const LOOKUP_HOOKS = ["__new__", "__slots__", "__getattribute__", "__class__"];

export class InstanceFacts {
  private readonly classes = new Map<ClassDef, Scope>();
  private readonly plainClasses = new Map<ClassDef, boolean>();
  private readonly plainFunctions = new Map<FunctionDef, boolean>();
  private readonly names = new Map<SymbolInfo, boolean>();
  private readonly attrs = new Map<string, boolean>();
  /** Names a class body binds (other than bare annotations). */
  private readonly classLevel = new Set<string>();
  private readonly functionScopes = new Map<FunctionDef, Scope>();

  constructor(
    scopeOf: Map<number, Scope>,
    private readonly methodNames: Set<string>,
    private readonly stores: AttrStore[],
    private readonly setattrNames: Set<string>,
  ) {
    for (const s of scopeOf.values()) {
      if (s.kind === "class" && s.cls !== null) {
        this.classes.set(s.cls, s);
        for (const sym of s.symbols.values())
          if (sym.bindings > sym.bareAnnotations) this.classLevel.add(sym.name);
      }
      if (s.kind === "function" && s.fn !== null) this.functionScopes.set(s.fn, s);
    }
  }

  /**
   * Is `obj.attr` exactly the JS property read (with the general lookup when it is `undefined`)?
   * `obj` must be a name proven to hold an instance of a plain class or None.
   */
  readsDirectly(obj: Expr, attr: string, scope: Scope): boolean {
    return obj.k === "Name" && this.plainAttr(attr) && this.isInstance(obj, scope, new Set());
  }

  private plainAttr(attr: string): boolean {
    let ok = this.attrs.get(attr);
    if (ok === undefined) {
      ok =
        !attr.startsWith("__") &&
        !JS_OBJECT_MEMBERS.has(attr) &&
        !this.methodNames.has(attr) &&
        !this.classLevel.has(attr) &&
        !this.setattrNames.has(attr) &&
        !this.setattrNames.has("*") &&
        !this.stores.some((st) => st.attr === "__class__") &&
        this.stores.every((st) => st.attr !== attr || this.instanceStore(st));
      this.attrs.set(attr, ok);
    }
    return ok;
  }

  /**
   * A store through `self` in an undecorated method of a plain class, or through a name proven to
   * hold an instance.
   */
  private instanceStore(st: AttrStore): boolean {
    if (st.recv.k !== "Name") return false;
    const fs = st.scope.functionScope();
    const fn = fs.fn;
    const sym = st.scope.lookup(st.recv.id);
    const cls = fs.parent?.kind === "class" ? fs.parent.cls : null;
    if (
      fn !== null &&
      cls !== null &&
      this.plainClass(cls) &&
      !CLASS_FIRST.has(fn.name) &&
      fn.decorators.length === 0 &&
      fn.params[0]?.name === st.recv.id &&
      sym?.scope === fs &&
      sym.bindings === 1
    )
      return true;
    return this.isInstance(st.recv, st.scope, new Set());
  }

  /** Certainly an instance of a plain class, or None. */
  private isInstance(e: Expr, scope: Scope, seen: Set<unknown>): boolean {
    switch (e.k) {
      case "Const":
        return e.value === "None";
      case "IfExp":
        return this.isInstance(e.body, scope, seen) && this.isInstance(e.orelse, scope, seen);
      case "Call": {
        if (e.func.k !== "Name") return false;
        const sym = scope.lookup(e.func.id);
        if (sym?.cls) return this.plainClass(sym.cls);
        if (sym?.fn) return this.plainFunction(sym.fn, seen);
        return false;
      }
      case "Name": {
        const sym = scope.lookup(e.id);
        return sym !== null && this.instanceName(sym, seen);
      }
      default:
        return false;
    }
  }

  private instanceName(sym: SymbolInfo, seen: Set<unknown>): boolean {
    const known = this.names.get(sym);
    if (known !== undefined) return known;
    if (sym.isParam || sym.boundElsewhere || sym.imported !== null || sym.values.length === 0)
      return false;
    // A cycle (`x = x if c else C()`) adds no other values than those found elsewhere.
    if (seen.has(sym)) return true;
    seen.add(sym);
    const ok = sym.values.every((v) => v !== null && this.isInstance(v, sym.scope, seen));
    seen.delete(sym);
    // Only a result reached without assuming another one in progress is kept.
    if (seen.size === 0) this.names.set(sym, ok);
    return ok;
  }

  /** Every `return` of the function gives an instance or None (falling off the end is None). */
  private plainFunction(fn: FunctionDef, seen: Set<unknown>): boolean {
    const known = this.plainFunctions.get(fn);
    if (known !== undefined) return known;
    const fs = this.functionScopes.get(fn);
    if (fs === undefined || fn.isAsync || fn.isLambda || fs.isGenerator) return false;
    if (fn.decorators.length > 0) return false;
    if (seen.has(fn)) return true;
    seen.add(fn);
    const returns: (Expr | null)[] = [];
    const walk = (body: Stmt[]) => {
      for (const s of body) {
        if (s.k === "Return") returns.push(s.value);
        for (const b of childBlocks(s)) walk(b);
      }
    };
    walk(fn.body);
    const ok = returns.every((v) => v === null || this.isInstance(v, fs, seen));
    seen.delete(fn);
    // Only a result reached without assuming another one in progress is kept.
    if (seen.size === 0) this.plainFunctions.set(fn, ok);
    return ok;
  }

  private plainClass(cls: ClassDef): boolean {
    const known = this.plainClasses.get(cls);
    if (known !== undefined) return known;
    // A class deriving from itself (through a rebinding) is not plain.
    this.plainClasses.set(cls, false);
    const cs = this.classes.get(cls);
    const outer = cs?.parent ?? null;
    const ok =
      cs !== undefined &&
      outer !== null &&
      // Nor set from outside (`C.__new__ = ...`, `setattr(C, "__getattribute__", f)`).
      LOOKUP_HOOKS.every(
        (n) =>
          !cs.symbols.has(n) &&
          !this.setattrNames.has(n) &&
          !this.stores.some((st) => st.attr === n),
      ) &&
      !this.setattrNames.has("*") &&
      cls.decorators.every((d) => isDataclassDecorator(d, outer)) &&
      cls.bases.every((b) => {
        if (b.kind !== "pos" || b.value.k !== "Name") return false;
        const sym = outer.lookup(b.value.id);
        if (sym === null) return b.value.id === "object";
        return sym.cls !== null && this.plainClass(sym.cls);
      });
    this.plainClasses.set(cls, ok);
    return ok;
  }
}

/** `@dataclass`, `@dataclasses.dataclass`, or either called without `slots=`. */
function isDataclassDecorator(d: Expr, scope: Scope): boolean {
  if (d.k === "Call") {
    if (d.args.some((a) => a.kind !== "kw" || a.name === "slots")) return false;
    d = d.func;
  }
  if (d.k === "Name") {
    const sym = scope.lookup(d.id);
    const imp = sym?.bindings === 1 ? sym.imported : null;
    return imp?.module === "dataclasses" && imp.name === "dataclass";
  }
  if (d.k === "Attribute" && d.attr === "dataclass" && d.value.k === "Name") {
    const sym = scope.lookup(d.value.id);
    const imp = sym?.bindings === 1 ? sym.imported : null;
    return imp?.module === "dataclasses" && imp.name === null;
  }
  return false;
}
