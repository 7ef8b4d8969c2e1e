/**
 * Classes.
 *
 * ```python
 * class Dog(Animal):
 *     sound = "woof"
 *     def __init__(self, name):
 *         super().__init__(name)
 *         self.tricks = []
 * ```
 * becomes
 * ```ts
 * class Dog extends Animal {
 *   declare tricks: any;
 *   static sound = "woof";
 *   override __init__(name: any): any {
 *     const self = this;
 *     super.__init__(name);
 *     self.tricks = [];
 *     return null;
 *   }
 * }
 * $py.pyclass(Dog, "Dog");
 * ```
 *
 * - Construction: a root class (no base) gets `constructor(...args) { this.__init__(...args) }`,
 *   so `Dog(...)` -> `new Dog(...)` runs Python's `__init__` (a subclass inherits that constructor
 *   and overrides `__init__`). A class extending a runtime class (an exception) and defining
 *   `__init__` calls `super(...args)` first, as `BaseException.__new__` stores `args`.
 * - Methods keep their names; `self` is `const self = this`. `@staticmethod` and `@classmethod` are
 *   `static` (a class method's `cls` is `this`); `@property` and `@x.setter` are `get`/`set`.
 * - Class attributes are `static` fields; `declare` fields type the attributes assigned through
 *   `self.x = ...` and let instances read class attributes (the runtime's `$py.pyclass` makes class
 *   attributes readable through instances, binds methods on access and sets `__name__`,
 *   `__qualname__`, `__module__`).
 * - `__rmul__ = __mul__` in a class body aliases the method: `Vec.prototype.__rmul__ = Vec.prototype.__mul__;`.
 *   `Greeter.greet(g, "Bob")` calls `Greeter.prototype.greet.call(g, "Bob")`.
 * - A class over an exception (or any runtime class) whose user ancestors have no `__init__`
 *   constructor gets `constructor(...args) { super(...args); this.__init__(...args); }` when it
 *   defines `__init__`; `$py.pyclass` ends by calling the parent's `__init_subclass__` (enums).
 * - Class decorators (`@dataclass`) wrap the class expression: `const P = dataclass($py.pyclass(class P {...}, "P"))`.
 *   Annotated class-level names are listed in `static __annotations__` (as strings, like
 *   `from __future__ import annotations`), which the runtime's `dataclass` reads.
 */

import type { ClassDef, Expr, FunctionDef, Stmt } from "../ir";
import { type Context, type Feature, mangle } from "./context";
import { docComment, lowerFunction } from "./functions";
import { block, jsString, line, type TsStmt } from "./output";

const MARKERS: Record<string, string> = {
  coroutine: "markcoroutinefunction",
  generator: "markgeneratorfunction",
};

/** The user-defined class a base expression names, if any. */
function userBase(cx: Context, cls: ClassDef): ClassDef | null {
  const b = cls.bases[0];
  if (b === undefined || b.value.k !== "Name") return null;
  return cx.lookup(b.value.id)?.cls ?? null;
}

/**
 * Does constructing `cls` (a user class, or null for a runtime base) run `__init__`? Root classes
 * and classes defining `__init__` over a runtime base get a constructor that does; their user
 * subclasses inherit it.
 */
function constructsViaInit(cx: Context, cls: ClassDef | null): boolean {
  const seen = new Set<ClassDef>();
  let c = cls;
  while (c !== null && !seen.has(c)) {
    seen.add(c);
    const b = c.bases[0]?.value;
    if (b === undefined || (b.k === "Name" && b.id === "object" && cx.lookup("object") === null))
      return true;
    if (c.body.some((s) => s.k === "FunctionDef" && s.fn.name === "__init__")) {
      const ub = userBase(cx, c);
      if (ub === null || !constructsViaInit(cx, ub)) return true;
    }
    c = userBase(cx, c);
  }
  return false;
}

/** Method names defined by the user ancestors of `cls` (for `override`). */
function inheritedMethods(cx: Context, cls: ClassDef): Set<string> {
  const out = new Set<string>();
  let c = userBase(cx, cls);
  const seen = new Set<ClassDef>();
  while (c !== null && !seen.has(c)) {
    seen.add(c);
    for (const s of c.body) {
      if (s.k === "FunctionDef") out.add(s.fn.name);
    }
    if (c.bases.length === 0) out.add("__init__");
    const next = c.bases[0];
    if (next === undefined || next.value.k !== "Name") break;
    c = cx.lookup(next.value.id)?.cls ?? null;
  }
  return out;
}

function decoratorName(d: Expr): string | null {
  if (d.k === "Name") return d.id;
  if (d.k === "Attribute") {
    if (
      d.value.k === "Name" &&
      (d.attr === "setter" || d.attr === "getter" || d.attr === "deleter")
    )
      return `.${d.attr}`;
    return d.attr;
  }
  return null;
}

/** Attributes assigned through `self.x = ...` in the class's methods. */
function selfAttributes(cls: ClassDef): string[] {
  const out = new Set<string>();
  const visit = (body: Stmt[], self: string) => {
    for (const s of body) {
      const targets: Expr[] =
        s.k === "Assign"
          ? s.targets
          : s.k === "AnnAssign" || s.k === "AugAssign"
            ? [s.target]
            : s.k === "For"
              ? [s.target]
              : [];
      const addTarget = (t: Expr) => {
        if (t.k === "Attribute" && t.value.k === "Name" && t.value.id === self) out.add(t.attr);
        if (t.k === "Tuple" || t.k === "List") t.elts.forEach(addTarget);
      };
      targets.forEach(addTarget);
      if (s.k === "With") for (const it of s.items) if (it.vars) addTarget(it.vars);
      for (const b of nested(s)) visit(b, self);
    }
  };
  for (const s of cls.body) {
    if (s.k === "FunctionDef" && s.fn.params.length > 0) visit(s.fn.body, s.fn.params[0]!.name);
  }
  return [...out];
}

const attrCache = new WeakMap<ClassDef, { attrs: Set<string>; complete: boolean }>();

/**
 * The attributes a user class is statically known to have: its class-level names, methods and
 * `self.x` assignments, and those of its user bases. `complete` is false when some base is not a
 * user class (its attributes are unknown). Used to keep direct property reads readable.
 */
export function classAttributes(
  cx: Context,
  cls: ClassDef,
): { attrs: Set<string>; complete: boolean } {
  const cached = attrCache.get(cls);
  if (cached) return cached;
  const out = { attrs: new Set<string>(selfAttributes(cls)), complete: true };
  attrCache.set(cls, out);
  for (const s of cls.body) {
    if (s.k === "FunctionDef") out.attrs.add(s.fn.name);
    if (s.k === "Assign") for (const t of s.targets) if (t.k === "Name") out.attrs.add(t.id);
    if (s.k === "AnnAssign" && s.target.k === "Name") out.attrs.add(s.target.id);
  }
  for (const b of cls.bases) {
    const base = b.value.k === "Name" ? (cx.lookup(b.value.id)?.cls ?? null) : null;
    if (b.value.k === "Name" && b.value.id === "object" && base === null) continue;
    if (base === null || base === cls) {
      out.complete = false;
      continue;
    }
    const inner = classAttributes(cx, base);
    for (const a of inner.attrs) out.attrs.add(a);
    if (!inner.complete) out.complete = false;
  }
  return out;
}

/** Instance methods (not static/class methods or properties) a class body defines. */
export function instanceMethods(cls: ClassDef): Set<string> {
  const out = new Set<string>();
  for (const s of cls.body) {
    if (s.k !== "FunctionDef") continue;
    if (s.fn.decorators.some((d) => decoratorName(d) !== null)) continue;
    out.add(s.fn.name);
  }
  return out;
}

function nested(s: Stmt): Stmt[][] {
  switch (s.k) {
    case "If":
    case "While":
    case "For":
      return [s.body, s.orelse];
    case "Try":
      return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    case "With":
      return [s.body];
    default:
      return [];
  }
}

function lowerClass(cls: ClassDef, cx: Context): TsStmt[] {
  const name = mangle(cls.name);
  const scope = cx.scopeOf(cls.scope);
  if (cls.bases.length > 1) throw cx.unsupported(cls.pos, "multiple inheritance");
  const kwBase = cls.bases.find((b) => b.kind !== "pos");
  if (kwBase)
    throw cx.unsupported(
      cls.pos,
      kwBase.kind === "kw" ? `class keyword '${kwBase.name}='` : "starred class bases",
    );
  const baseExpr = cls.bases[0]?.value ?? null;
  const isObjectBase =
    baseExpr?.k === "Name" && baseExpr.id === "object" && cx.lookup("object") === null;
  const base = baseExpr === null || isObjectBase ? null : cx.expr(baseExpr).code;
  const ubase = userBase(cx, cls);
  const inherited = inheritedMethods(cx, cls);
  const before: TsStmt[] = [];
  const members: TsStmt[] = [];
  const after: TsStmt[] = [];
  const annotations: string[] = [];
  const qual = scope.qualname.replace(/\.$/, "");

  const declares = new Set(selfAttributes(cls));
  const methods = new Set<string>();
  for (const s of cls.body) if (s.k === "FunctionDef") methods.add(s.fn.name);
  const definesInit = methods.has("__init__");
  const ownMethods = instanceMethods(cls);

  cx.inScope(scope, () => {
    for (const s of cls.body) {
      switch (s.k) {
        case "Comment":
          members.push({ t: "comment", text: s.text, line: s.pos.line });
          break;
        case "Pass":
          break;
        case "Expr":
          if (s.value.k === "Str" || (s.value.k === "Const" && s.value.value === "Ellipsis")) break;
          throw cx.unsupported(s.pos, "an expression statement in a class body");
        case "Assign": {
          if (s.targets.length !== 1 || s.targets[0]!.k !== "Name")
            throw cx.unsupported(s.pos, "this assignment in a class body");
          const id = (s.targets[0] as { id: string }).id;
          if (s.value.k === "Name" && ownMethods.has(s.value.id)) {
            // `__rmul__ = __mul__`: the same function under another name.
            after.push(
              line(`${name}.prototype.${id} = ${name}.prototype.${s.value.id};`, s.pos.line),
            );
            declares.add(id);
            break;
          }
          members.push(line(`static ${id}: any = ${cx.expr(s.value).code};`, s.pos.line));
          declares.add(id);
          break;
        }
        case "AnnAssign": {
          if (s.target.k !== "Name")
            throw cx.unsupported(s.pos, "this annotated assignment in a class body");
          annotations.push(`${s.target.id}: ${jsString(annotationText(s.annotation))}`);
          if (s.value !== null)
            members.push(
              line(`static ${s.target.id}: any = ${cx.expr(s.value).code};`, s.pos.line),
            );
          declares.add(s.target.id);
          break;
        }
        case "FunctionDef":
          lowerMethod(cx, s.fn, name, qual, inherited, before, members, after);
          break;
        default:
          throw cx.unsupported(s.pos, `'${s.k.toLowerCase()}' statements in a class body`);
      }
    }
  });

  const head: TsStmt[] = [];
  for (const d of [...declares].sort()) if (!methods.has(d)) head.push(line(`declare ${d}: any;`));
  if (annotations.length > 0)
    head.push(line(`static __annotations__ = { ${annotations.join(", ")} };`));
  const hasSlots = cls.body.some(
    (s) => s.k === "Assign" && s.targets.some((t) => t.k === "Name" && t.id === "__slots__"),
  );
  if (base === null && hasSlots) {
    // `__slots__`: no new attributes on instances (see `$py.slotted`).
    head.push(
      line(
        `constructor(...args: any[]) {\n  const self = ${cx.helper("slotted")}(this, new.target);\n  (self as any).__init__(...args);\n  return self;\n}`,
      ),
    );
    if (!definesInit) head.push(line("__init__(..._args: any[]): any {\n  return null;\n}"));
  } else if (base === null) {
    head.push(line("constructor(...args: any[]) {\n  (this as any).__init__(...args);\n}"));
    if (!definesInit) head.push(line("__init__(..._args: any[]): any {\n  return null;\n}"));
  } else if (definesInit && !constructsViaInit(cx, ubase)) {
    head.push(
      line(
        "constructor(...args: any[]) {\n  super(...args);\n  (this as any).__init__(...args);\n}",
      ),
    );
  }
  const body = [...head, ...members];
  const heading = `class ${name}${base === null ? "" : ` extends ${base}`}`;
  const docs = docComment(cls.docstring, cls.pos.line);
  const sym = cx.lookup(cls.name)!;
  const out: TsStmt[] = [...before, ...docs];
  if (
    cls.decorators.length === 0 &&
    sym.bindings === 1 &&
    !cx.needsHoist(sym) &&
    sym.scope === cx.scope
  ) {
    cx.markDeclared(sym);
    out.push(block(`${cx.exportPrefix()}${heading}`, body, cls.pos.line));
    out.push(line(`${cx.helper("pyclass")}(${name}, ${jsString(qual)});`));
  } else {
    const bind = cx.bindingPrefix(cls.name);
    const decos = cls.decorators.map((d) => cx.expr(d).code);
    const prefix = `${bind.keyword ? `${cx.exportPrefix()}${bind.keyword} ` : ""}${bind.name} = ${decos.map((d) => `${d}(`).join("")}${cx.helper("pyclass")}(`;
    out.push({
      t: "block",
      head: `${prefix}${heading}`,
      body,
      line: cls.pos.line,
      tail: `, ${jsString(qual)})${")".repeat(decos.length)};`,
    });
  }
  out.push(...after);
  return out;
}

function annotationText(e: Expr): string {
  switch (e.k) {
    case "Name":
      return e.id;
    case "Attribute":
      return `${annotationText(e.value)}.${e.attr}`;
    case "Str":
      return e.value;
    case "Const":
      return e.value;
    case "Subscript":
      return `${annotationText(e.value)}[${annotationText(e.index)}]`;
    case "Tuple":
      return e.elts.map(annotationText).join(", ");
    case "BinOp":
      return `${annotationText(e.left)} ${e.op} ${annotationText(e.right)}`;
    default:
      return "object";
  }
}

function lowerMethod(
  cx: Context,
  fn: FunctionDef,
  className: string,
  classQual: string,
  inherited: Set<string>,
  before: TsStmt[],
  members: TsStmt[],
  after: TsStmt[],
): void {
  let method: "instance" | "class" | "static" = "instance";
  let accessor: "get" | "set" | null = null;
  const others: Expr[] = [];
  for (const d of fn.decorators) {
    const n = decoratorName(d);
    if (n === "staticmethod") method = "static";
    else if (n === "classmethod") method = "class";
    else if (n === "property") accessor = "get";
    else if (n === ".setter") accessor = "set";
    else if (n === ".getter") accessor = "get";
    else if (n === ".deleter") throw cx.unsupported(fn.pos, "property deleters");
    else others.push(d);
  }
  if (accessor !== null && others.length > 0)
    throw cx.unsupported(fn.pos, "other decorators on a property");
  if (method !== "static" && fn.params.length === 0)
    throw cx.unsupported(fn.pos, "a method without a self parameter");
  const lowered = lowerFunction(cx, fn, {
    headName: fn.name,
    method,
    className,
    sigPrefix: `${className}$`,
  });
  before.push(...lowered.before);
  let head = lowered.head;
  if (accessor !== null) {
    // `get area(): any` / `set area(value: any)`: TS accessors take no return type on setters.
    const m = /^(\w+)\((.*)\): (.*)$/s.exec(head);
    if (m === null || lowered.kind !== "plain") throw cx.unsupported(fn.pos, "this property");
    head = accessor === "get" ? `get ${m[1]}(${m[2]}): ${m[3]}` : `set ${m[1]}(${m[2]})`;
    if (accessor === "set") {
      const body = lowered.body.filter((s) => !(s.t === "line" && s.code === "return null;"));
      members.push(...docComment(fn.docstring, fn.pos.line));
      members.push(block(head, body, fn.pos.line));
      return;
    }
  }
  if (method === "instance" && inherited.has(fn.name) && accessor === null)
    head = `override ${head}`;
  members.push(...docComment(fn.docstring, fn.pos.line));
  members.push(block(head, lowered.body, fn.pos.line));
  const target =
    method === "instance" ? `${className}.prototype.${fn.name}` : `${className}.${fn.name}`;
  const marker = MARKERS[lowered.kind];
  if (lowered.kind === "asyncgen") {
    after.push(
      line(
        `${target} = ${cx.asyncio()}.asyncgenfunction(${target}, ${jsString(`${classQual}.${fn.name}`)});`,
      ),
    );
  } else if (marker)
    after.push(
      line(`${cx.asyncio()}.${marker}(${target}, ${jsString(`${classQual}.${fn.name}`)});`),
    );
  if (others.length > 0) {
    const wrapped = others.reduceRight((acc, d) => `${cx.expr(d).code}(${acc})`, target);
    after.push(line(`${target} = ${wrapped};`));
  }
}

export const classes: Feature = {
  name: "classes",
  statements: {
    ClassDef: lowerClass,
  },
};
