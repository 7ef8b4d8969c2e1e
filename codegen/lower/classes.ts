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
 *     super_(Dog, self).__init__(name);
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
 *   `__init__` calls `super(...args)` first, as `BaseException.__new__` stores `args` (over an
 *   asyncio class, whose constructor has typed parameters, `super(...(args as
 *   ConstructorParameters<typeof asyncio.Task>))`).
 *   A class over a class of a runtime module other than asyncio (`logging.Formatter`), which
 *   generated code sees as `any`, spells out `constructor(...args) { super(...args); }`:
 *   TypeScript gives a class extending an `any` base a constructor without parameters.
 * - Methods keep their names; `self` is `const self = this`. `@staticmethod` and `@classmethod` are
 *   `static` (a class method's `cls` is `this`), and so are `__init_subclass__` and
 *   `__class_getitem__`, which Python makes class methods without a decorator (`pyclass` calls
 *   the parent's `__init_subclass__`); `@property` and `@x.setter` are `get`/`set`;
 *   `@x.deleter` (no JS counterpart) is a function given to the property after the class:
 *   `$py.propertyDeleter(C, "x", function (this: any): any { const self = this; ... });`, which
 *   `del obj.x` (`$py.delattr`) reaches through the property's `fdel`.
 * - Class attributes are `static` fields; `declare` fields type the attributes assigned through
 *   `self.x = ...` and let instances read class attributes (the runtime's `$py.pyclass` makes class
 *   attributes readable through instances, binds methods on access and sets `__name__`,
 *   `__qualname__`, `__module__`).
 * - `x = property(getx, setx)`, `s = staticmethod(f)`, `c = classmethod(f)` are static fields
 *   holding the runtime's objects, which `$py.pyclass` installs (src/python/descriptors.ts); a
 *   method named in the class body is `$py.methodFunction(C.prototype.getx)` and a decorated
 *   property `$py.propertyOf(C, "x")` (lower/context.ts). A name bound again (`x = x.setter(f)`)
 *   is assigned in a static block; a `@property` gets `declare static x` (`C.x` is its object).
 * - A class attribute holding another function (`h = helper`, `__hash__ = object.__hash__`) is a
 *   static field too; `$py.pyclass` gives instances a method calling it with the instance first
 *   when Python would bind it (a Python function, a method descriptor), and the plain value
 *   otherwise (`ln = len`). A store on a class after its body (`C.h = helper`) is
 *   `$py.setattr(C, "h", helper)`, which does the same for the new attribute.
 * - `__rmul__ = __mul__` in a class body aliases the method: `Vec.prototype.__rmul__ = Vec.prototype.__mul__;`.
 *   `Greeter.greet(g, "Bob")` calls `Greeter.prototype.greet.call(g, "Bob")`.
 * - The program's own decorators on an instance or class method (`@retry(3)`, `@functools.wraps`
 *   wrappers, `@lru_cache`, `@cached_property`) run after the class is made:
 *   `$py.decorateMethod(C, "m", [retry(3n)])` hands them the method as Python has it (`self` or
 *   `cls` first) and installs what they return as the method again (a proxy passing `this` as the
 *   first argument; a descriptor's getter). A static method's decorators wrap it directly.
 * - A class over an exception (or any runtime class) whose user ancestors have no `__init__`
 *   constructor gets `constructor(...args) { super(...args); this.__init__(...args); }` when it
 *   defines `__init__`; `$py.pyclass` ends by calling the parent's `__init_subclass__` (enums).
 *   Over a class of a sibling module, which may or may not run `__init__` when constructed, the
 *   call is `if (!$py.constructsViaInit(Base)) this.__init__(...args);` (src/python/mro.ts).
 * - `class B(metaclass=ABCMeta)` extends `$py.abc._ABCMetaBase` (ABC's behaviour with `object`
 *   as B's Python base: src/python/stdlib/abc.ts); with bases that are abstract base classes
 *   already, and `metaclass=type`, the keyword changes nothing and is dropped. Other metaclasses
 *   are refused, and so is `__getattribute__` (attribute reads never call it). Other class keywords (`class P(Base, name="x")`, `**opts`) become
 *   `$py.pyclass(P, "P", "__main__", kw({ name: "x" }))`, which passes them to the parent's
 *   `__init_subclass__` (`object`'s raises CPython's TypeError for any keyword).
 * - A class statement in a class body (`class Outer: class Inner: ...`) is a static of the outer
 *   class set in a static block holding the lowered class, named `Outer$Inner` in JS (see
 *   `nestedClass`); `Outer.Inner`, `self.Inner` and the qualname `Outer.Inner` follow.
 * - The other statements of a class body (`a, b = 1, 2`, `if`/`for`/`while`/`try`, calls, `x += 1`,
 *   `del x`, `raise`, `assert`) are static blocks in member order, so they run where the body runs
 *   them; a class-body name is stored as `C.x` (`bindingPrefix` in context.ts) and read as `C.x`
 *   once the body has bound it, else as the global name (or checked at run time): see
 *   class-scope.ts. What those statements may not hold is refused (`checkBodyStatement`).
 *   `@property` over `@abstractmethod` marks the accessor abstract after the class is made.
 * - `__new__` in a class whose ancestors are the program's own classes, `abc.ABC` or
 *   `typing.Generic` (`objectRooted`) is a static method (`static __new__(cls, ...)`;
 *   `super().__new__(cls)` reaches `object.__new__`, which makes an instance without running JS
 *   constructors), and the class defining it gets
 *   `constructor(...args) { return $py.constructViaNew(new.target, args); }`: CPython's
 *   `type.__call__` (`__new__`, then `__init__` on what it gave when that is an instance of the
 *   class; src/python/mro.ts `typeCall`). A call the transpiler sees (`Single(...)`) is
 *   `$py.typeCall(Single, [...])`, which may give any value (`None`, a str); the constructor, for
 *   the runtime's own `new`, can only give an object. `__new__` over another runtime class (an
 *   exception, `typing.Protocol`) is refused, and so is assigning `C.__new__` after the class
 *   statement.
 * - `super()` is `super_(Dog, self)` (lower/calls.ts), never JS `super`: Python continues in
 *   `type(self).__mro__` after the defining class, which JS `super` cannot follow.
 * - Several bases: `class C(A, B)` is `class C extends $py.bases(A, B) { static [name: string]: any; ... }`.
 *   The runtime computes the C3 MRO (raising CPython's TypeErrors before C is bound) and returns
 *   a synthetic base holding the merged attributes and running `__init__` (src/python/mro.ts); such
 *   a class gets no constructor of its own and no `override` (TypeScript sees its base as
 *   `SyntheticBase`), and the static index signature, which TypeScript does not inherit, is
 *   repeated on its subclasses.
 * - `self.x` reads: see `selfAttributeRead` (`$py.checkAttr` for attributes only assigned).
 * - Class decorators (`@dataclass`) wrap the class expression: `const P = dataclass($py.pyclass(class P {...}, "P"))`.
 *   Annotated class-level names are listed in `static __annotations__` (as strings, like
 *   `from __future__ import annotations`), which the runtime's `dataclass` reads.
 * - `class P(NamedTuple)` / `class TD(TypedDict, total=False)` (`typing`'s): lowered like any
 *   class over the runtime's `NamedTuple`/`TypedDict` (src/python/stdlib/typing.ts), whose
 *   `__init_subclass__` (run by `$py.pyclass`) reads `__annotations__` and the defaults (static
 *   fields) and makes the namedtuple / the dict-making class. `total=` is `static __total__`; such
 *   classes (and their subclasses) get `static [name: string]: any;` for `P._fields` and the like.
 * - `class R(dict)` / `class L(list)` extend the runtime's `$py.DictSubclassBase` /
 *   `$py.ListSubclassBase` (src/python/dict.ts, list.ts): a runtime Dict, a JS Array, whose
 *   constructor runs `dict.__init__`/`list.__init__` unless the class defines `__init__`. The
 *   runtime handles arrays directly on its fast paths, so a list subclass may not override the
 *   dunders those paths implement (`LIST_FAST_DUNDERS`), and neither subclass may use the names of
 *   the JS members the runtime calls on every dict or array (`JS_MEMBERS`): both are refused.
 * - `class Tag(str)` (`int`, `float`, `tuple`, `bytes`, `frozenset`) extends `$py.StrSubclassBase`
 *   (..., src/python/subclass.ts), whose constructor calls the class's `__new__` when it defines
 *   one: `__new__` is a static method here (`static __new__(cls, v)`, `super().__new__(cls, v)`
 *   is `super_(Tag, cls).__new__(cls, v)`). `class Tags(set)` and `class Buf(bytearray)` extend
 *   `$py.SetSubclassBase`/`$py.ByteArraySubclassBase`, filled by `__init__` as dict subclasses
 *   are. A subclass of tuple, bytes, bytearray, set or frozenset may not override the dunders
 *   the runtime's fast paths for them implement (`FAST_DUNDERS`), and none may use the JS members
 *   the runtime reads on their instances (`JS_MEMBERS`). `class B(bool)` extends
 *   `$py.notAcceptableBase("bool")`, CPython's TypeError when the statement runs.
 */

import type { SymbolInfo } from "../analyze";
import {
  type Arg,
  type ClassDef,
  childBlocks,
  type Expr,
  type FunctionDef,
  type Pos,
  type Stmt,
} from "../ir";
import { writtenName } from "../private_names";
import { annotationEntries } from "./annotations";
import { inplaceCode } from "./assign";
import { decoratesWithClass, propertyKey } from "./calls";
import { classBodyBound } from "./class-scope";
import { type Context, classJsName, type Feature } from "./context";
import { cleanDoc, docComment, lowerFunction, methodAttributes } from "./functions";
import { runtimeModulePath } from "./imports";
import { block, ex, jsString, line, P, type TsExpr, type TsStmt } from "./output";
import { inferredType } from "./types";

/** Builtin types whose instances are JS primitives or runtime containers. */
const BUILTIN_TYPES = new Set([
  "int",
  "float",
  "str",
  "bytes",
  "bytearray",
  "bool",
  "list",
  "tuple",
  "dict",
  "set",
  "frozenset",
]);

/** The builtin types a class may subclass, and the runtime class it then extends. */
const SUBCLASSABLE: Record<string, string> = {
  dict: "DictSubclassBase",
  list: "ListSubclassBase",
  str: "StrSubclassBase",
  int: "IntSubclassBase",
  float: "FloatSubclassBase",
  tuple: "TupleSubclassBase",
  bytes: "BytesSubclassBase",
  set: "SetSubclassBase",
  frozenset: "FrozenSetSubclassBase",
  bytearray: "ByteArraySubclassBase",
};

/** The builtin types whose subclasses construct through `__new__` (src/python/subclass.ts). */
const VALUE_TYPES = new Set(["str", "int", "float", "tuple", "bytes", "frozenset"]);

/** Builtin types CPython refuses as bases: the class statement raises its TypeError. */
const NOT_ACCEPTABLE = new Set(["bool"]);

/**
 * Dunders of a tuple or bytes subclass that the runtime's fast paths for tuples and bytes
 * implement themselves (indexing, `len`, iteration, `in`, comparisons): an override would not be
 * called, so it is refused. (str, int and float subclasses may override any dunder.)
 */
const COMPARISON_DUNDERS = ["eq", "ne", "lt", "le", "gt", "ge"].map((op) => `__${op}__`);
const SEQUENCE_FAST_DUNDERS = [
  "__getitem__",
  "__len__",
  "__iter__",
  "__contains__",
  ...COMPARISON_DUNDERS,
];

/**
 * The dunders of a subclass of tuple, bytes, bytearray, set or frozenset that the runtime's fast
 * paths for those types implement themselves (refused: an override would not be called). Sets
 * are compared directly; their other operations call the dunders.
 */
const FAST_DUNDERS: Record<string, string[]> = {
  tuple: SEQUENCE_FAST_DUNDERS,
  bytes: SEQUENCE_FAST_DUNDERS,
  bytearray: [...SEQUENCE_FAST_DUNDERS, "__setitem__", "__delitem__"],
  set: COMPARISON_DUNDERS,
  frozenset: COMPARISON_DUNDERS,
};

/**
 * Dunders of a list subclass that the runtime's fast paths for arrays implement themselves
 * (indexing, `len`, `in`, iteration, truth, comparisons, `+`, `*`, `hash`): an override would
 * not be called, so it is refused.
 */
const LIST_FAST_DUNDERS = new Set([
  ...SEQUENCE_FAST_DUNDERS,
  "__setitem__",
  "__delitem__",
  "__reversed__",
  "__bool__",
  "__add__",
  "__radd__",
  "__iadd__",
  "__mul__",
  "__rmul__",
  "__imul__",
  "__hash__",
]);

/** The JS members of bytes and bytearray objects (src/python/bytes.ts). */
const BYTES_MEMBERS = new Set([
  "data",
  "length",
  "make",
  "typeLabel",
  "sliceIndices",
  "findSub",
  "rfindSub",
  "range",
  "stripImpl",
]);

/** The JS members of set and frozenset objects (the table, src/python/set.ts). */
const SET_MEMBERS = new Set(
  (
    "keysT hashes mask fill used finger cachedHash size addEntry lookup resize discardEntry " +
    "clearTable merge updateInternal entriesT has copyAs intersectOne differenceOne " +
    "differenceUpdateOne symmetricUpdate isSubsetOf equals reprItems empty"
  ).split(" "),
);

/**
 * Names of the JS members the runtime uses on every dict (src/python/dict.ts) or array: a subclass
 * defining or assigning one would break the runtime's own operations on its instances. (`pop`,
 * `sort` and `reverse` are list methods: overriding them is fine.)
 */
const JS_MEMBERS: Record<string, Set<string>> = {
  dict: new Set(["map", "eqIndex", "norm", "unindex", "size", "has", "lookup", "entries"]),
  // The markers and members the runtime reads on str/int/float/tuple/bytes subclass instances
  // (src/python/subclass.ts, tuple.ts, bytes.ts).
  str: new Set(["__str_value__", "__extra_bases__", "toString"]),
  int: new Set(["__int_value__", "__extra_bases__"]),
  float: new Set(["__float_value__", "__extra_bases__"]),
  tuple: new Set(["items", "length"]),
  bytes: BYTES_MEMBERS,
  bytearray: new Set([...BYTES_MEMBERS, "deleteRange"]),
  set: SET_MEMBERS,
  frozenset: SET_MEMBERS,
  list: new Set(
    Object.getOwnPropertyNames(Array.prototype).filter(
      (n) => n !== "pop" && n !== "sort" && n !== "reverse",
    ),
  ),
};

const MARKERS: Record<string, string> = {
  coroutine: "markcoroutinefunction",
  generator: "markgeneratorfunction",
};

/** A class's bases, without the class keywords (`total=False`). */
function posBases(cls: ClassDef): Arg[] {
  return cls.bases.some((b) => b.kind !== "pos")
    ? cls.bases.filter((b) => b.kind === "pos")
    : cls.bases;
}

/**
 * What the name `e` in the class statement of `cls` (a base) refers to: looked up where the
 * statement runs; in a class body, a name the body has not surely bound yet is the global one
 * (lower/class-scope.ts). Null for a builtin, or when only known at run time.
 */
function baseSymbol(cx: Context, cls: ClassDef, e: Expr & { k: "Name" }): SymbolInfo | null {
  const where = cx.scopeOf(cls.scope).parent!;
  const sym = where.lookup(e.id);
  if (sym === null || sym.scope.kind !== "class" || sym.scope !== where) return sym;
  const bound = classBodyBound(where.cls!.body, e.id, e.pos);
  if (bound === "yes") return sym;
  return bound === "no" ? where.module().lookup(e.id) : null;
}

/**
 * Is the base `e` of `cls` typed `any` for TypeScript: a class attribute (a class made in a class
 * body is `static Inner: any`), read by its class-body name or as `Outer.Inner`?
 */
function anyTypedBase(cx: Context, cls: ClassDef, e: Expr): boolean {
  // A decorated class (`@dataclass class A`) is bound to what its decorators return: `any`.
  if ((baseClass(cx, cls, e)?.decorators.length ?? 0) > 0) return true;
  // A base made by a call (`namedtuple("P", "x y")`) is typed `any` by the stdlib's declarations.
  if (e.k === "Call") return true;
  if (e.k === "Name") {
    const where = cx.scopeOf(cls.scope).parent!;
    const sym = where.lookup(e.id);
    if (sym === null) return false;
    // A variable (`P = namedtuple("P", "x y")`, a parameter) rather than a class statement or
    // an import: typed `any`, as every name the analysis infers no type for.
    if (!sym.cls && !sym.imported && inferredType(sym.ty) === "any") return true;
    return sym.scope === where && where.kind === "class";
  }
  let root: Expr = e;
  while (root.k === "Attribute") root = root.value;
  return e.k === "Attribute" && root.k === "Name" && (cx.lookup(root.id)?.cls ?? null) !== null;
}

/** The user-defined class a base expression of `cls` names, if any. */
function baseClass(cx: Context, cls: ClassDef, e: Expr): ClassDef | null {
  return e.k === "Name" ? (baseSymbol(cx, cls, e)?.cls ?? null) : null;
}

/**
 * Are all the ancestors of `cls` classes of this program, `object`, `abc.ABC` or
 * `typing.Generic[...]` (the only metaclass a class may have is `abc.ABCMeta`, see
 * `metaclassBase`)? Its `__new__` is then
 * called by construction (`$py.typeCall`, src/python/mro.ts), and `super().__new__(cls)` ends at
 * `object.__new__`.
 */
function objectRooted(cx: Context, cls: ClassDef, seen = new Set<ClassDef>()): boolean {
  if (seen.has(cls)) return true;
  seen.add(cls);
  return posBases(cls).every(({ value: b }) => {
    if (b.k === "Name" && b.id === "object" && cx.lookup("object") === null) return true;
    if (isAbcName(cx, b, "ABC") || isTypingGeneric(cx, b)) return true;
    const c = baseClass(cx, cls, b);
    return c !== null && objectRooted(cx, c, seen);
  });
}

/**
 * Is `cls` constructed through a `__new__` it defines or inherits (an object-rooted class, see
 * `objectRooted`)? `C(...)` is then `$py.typeCall(C, [...])` (lower/calls.ts), which gives
 * whatever `__new__` returns, as `type.__call__` does.
 */
export function constructedViaNew(cx: Context, cls: ClassDef): boolean {
  if (!objectRooted(cx, cls) || enumInAncestry(cx, cls)) return false;
  const seen = new Set<ClassDef>();
  const defines = (c: ClassDef): boolean => {
    if (seen.has(c)) return false;
    seen.add(c);
    if (bindsNewMethod(c)) return true;
    return posBases(c).some(({ value: b }) => {
      const u = baseClass(cx, c, b);
      return u !== null && defines(u);
    });
  };
  return defines(cls);
}

/** Is `e` `Generic[...]` of `typing` (a base that adds nothing to an instance)? */
function isTypingGeneric(cx: Context, e: Expr): boolean {
  const g = e.k === "Subscript" ? e.value : e;
  if (g.k === "Name") {
    const sym = cx.lookup(g.id);
    return sym?.imported?.module === "typing" && sym.imported.name === "Generic";
  }
  if (g.k === "Attribute" && g.attr === "Generic" && g.value.k === "Name") {
    const sym = cx.lookup(g.value.id);
    return sym?.imported?.module === "typing" && sym.imported.name === null;
  }
  return false;
}

/** Does the body of `cls` define `__new__` (`def __new__`, or `__new__ = make` / `staticmethod(make)`)? */
function bindsNewMethod(cls: ClassDef): boolean {
  return cls.body.some(
    (s) =>
      (s.k === "FunctionDef" && s.fn.name === "__new__") ||
      (s.k === "Assign" && s.targets.some((t) => t.k === "Name" && t.id === "__new__")),
  );
}

/** The user-defined class the first base expression names, if any. */
function userBase(cx: Context, cls: ClassDef): ClassDef | null {
  const b = posBases(cls)[0];
  return b === undefined ? null : baseClass(cx, cls, b.value);
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
    // `$py.bases(A, B)` runs `__init__` itself (see src/python/mro.ts).
    if (posBases(c).length > 1) return true;
    const b = posBases(c)[0]?.value;
    if (b === undefined || (b.k === "Name" && b.id === "object" && cx.lookup("object") === null))
      return true;
    if (c.body.some((s) => s.k === "FunctionDef" && s.fn.name === "__init__") || dataclassMade(c)) {
      const ub = userBase(cx, c);
      if (ub === null || !constructsViaInit(cx, ub)) return true;
    }
    c = userBase(cx, c);
  }
  return false;
}

/** Is `cls` decorated with `@dataclass` (which gives it an `__init__` once it is made)? */
function dataclassMade(cls: ClassDef): boolean {
  return cls.decorators.some((d) => decoratorName(d.k === "Call" ? d.func : d) === "dataclass");
}

/** Does `e` name something imported from a sibling module (`helpers.Base`, `from helpers import Base`)? */
function siblingClass(cx: Context, e: Expr): boolean {
  const name =
    e.k === "Name" ? e.id : e.k === "Attribute" && e.value.k === "Name" ? e.value.id : null;
  if (name === null) return false;
  const sym = cx.lookup(name);
  if (
    sym?.imported == null ||
    !cx.options.siblings.has(sym.imported.module.replace(/^\.+/, "").split(".")[0]!)
  )
    return false;
  return e.k === "Name" ? sym.imported.name !== null : sym.imported.name === null;
}

/** Does `cls` or a user ancestor along its first bases have several bases? */
function multipleInAncestry(cx: Context, cls: ClassDef): boolean {
  const seen = new Set<ClassDef>();
  for (let c: ClassDef | null = cls; c !== null && !seen.has(c); c = userBase(cx, c)) {
    seen.add(c);
    if (posBases(c).length > 1) return true;
  }
  return false;
}

/**
 * Method names defined by the user ancestors of `cls` that TypeScript sees (for `override`): a
 * class with several bases extends `$py.bases(...)` (`SyntheticBase`), so the walk stops there.
 */
function inheritedMethods(cx: Context, cls: ClassDef): Set<string> {
  return inheritedDefs(
    cx,
    cls,
    (fn) => !methodDecorators(cx, fn).some((d) => STATIC_DECORATORS.has(decoratorName(d) ?? "")),
    true,
  );
}

/** Names the user ancestors of `cls` define as properties (TypeScript accessors). */
function inheritedAccessors(cx: Context, cls: ClassDef): Set<string> {
  return inheritedDefs(
    cx,
    cls,
    (fn) => fn.decorators.some((d) => ACCESSOR_DECORATORS.has(decoratorName(d) ?? "")),
    false,
  );
}

/** A static or class method is not an instance member TypeScript sees (`override`). */
const STATIC_DECORATORS = new Set(["staticmethod", "classmethod"]);
const ACCESSOR_DECORATORS = new Set(["property", ".setter", ".getter", ".deleter"]);

/**
 * The names of the `def`s of the user ancestors of `cls` that TypeScript sees and `keep`
 * selects: a class with several bases extends `$py.bases(...)` (`SyntheticBase`), so the walk
 * stops there. `init`: a root class's generated `__init__` counts.
 */
function inheritedDefs(
  cx: Context,
  cls: ClassDef,
  keep: (fn: FunctionDef) => boolean,
  init: boolean,
): Set<string> {
  const out = new Set<string>();
  if (posBases(cls).length > 1) return out;
  let c = userBase(cx, cls);
  const seen = new Set<ClassDef>();
  while (c !== null && !seen.has(c)) {
    seen.add(c);
    for (const s of c.body) {
      if (s.k === "FunctionDef" && keep(s.fn)) out.add(s.fn.name);
    }
    if (init && posBases(c).length === 0) out.add("__init__");
    if (posBases(c).length > 1) break;
    c = userBase(cx, c);
  }
  return out;
}

/** Decorators that make a function something other than an instance method. */
const NOT_INSTANCE = new Set([
  "staticmethod",
  "classmethod",
  "property",
  ".setter",
  ".getter",
  ".deleter",
  "cached_property",
  "abstractproperty",
]);

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

/**
 * The `def`s of a class body that a later `def` of the same name replaces before anything can
 * see them: `@overload` stubs (typing's `overload` is an identity decorator here) and plain
 * redefinitions, with only other `def`s between the two. Python binds the name again; a class
 * body in TypeScript cannot hold two methods of one name, so only the last is emitted. A `def`
 * under any other decorator stays (its decorator may register it), as does one that a later
 * accessor decorator (`@name.setter`) refers to.
 */
function supersededDefs(cx: Context, cls: ClassDef): Set<Stmt> {
  const out = new Set<Stmt>();
  const body = cls.body;
  for (let i = 0; i < body.length; i++) {
    const s = body[i]!;
    if (s.k !== "FunctionDef") continue;
    if (!s.fn.decorators.every((d) => isTypingOverload(cx, d))) continue;
    for (let j = i + 1; j < body.length; j++) {
      const t = body[j]!;
      if (t.k === "Comment" || t.k === "Pass") continue;
      if (t.k !== "FunctionDef") break;
      if (t.fn.name !== s.fn.name) continue;
      const refersBack = t.fn.decorators.some(
        (d) => d.k === "Attribute" && d.value.k === "Name" && d.value.id === s.fn.name,
      );
      if (!refersBack) out.add(s);
      break;
    }
  }
  return out;
}

/**
 * A method name defined again by a later decorated `def` of the class body (`@fmt.register def
 * _(self, arg: int)` twice, singledispatchmethod's idiom): a JS class has one member per name and
 * the decorators run after the class is made, so each would see the last `def`. Refused, except
 * for a property's `@x.setter`/`@x.getter`/`@x.deleter` and typing's `@overload`s.
 */
function refuseRedecoratedName(
  cx: Context,
  cls: ClassDef,
  s: Extract<Stmt, { k: "FunctionDef" }>,
): void {
  const accessorOf = (t: Extract<Stmt, { k: "FunctionDef" }>) =>
    t.fn.decorators.some(
      (d) =>
        d.k === "Attribute" &&
        d.value.k === "Name" &&
        d.value.id === t.fn.name &&
        (d.attr === "setter" || d.attr === "getter" || d.attr === "deleter"),
    );
  const i = cls.body.indexOf(s);
  for (const t of cls.body.slice(i + 1)) {
    if (t.k !== "FunctionDef" || t.fn.name !== s.fn.name) continue;
    if (t.fn.decorators.length === 0 && s.fn.decorators.length === 0) return;
    if (accessorOf(t) || t.fn.decorators.some((d) => isTypingOverload(cx, d))) return;
    throw cx.unsupported(
      t.pos,
      `defining the method '${t.fn.name}' again in the class body with decorators (give each its own name)`,
    );
  }
}

/** `@overload` imported from typing, or `@typing.overload`. */
function isTypingOverload(cx: Context, d: Expr): boolean {
  if (d.k === "Attribute") {
    if (d.attr !== "overload" || d.value.k !== "Name") return false;
    return cx.lookup(d.value.id)?.imported?.module === "typing";
  }
  if (d.k !== "Name") return false;
  const imported = cx.lookup(d.id)?.imported;
  return imported?.module === "typing" && imported.name === "overload";
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
      for (const b of childBlocks(s)) visit(b, self);
    }
  };
  for (const s of cls.body) {
    if (s.k === "FunctionDef" && s.fn.params.length > 0) visit(s.fn.body, s.fn.params[0]!.name);
  }
  return [...out];
}

/**
 * Attributes assigned through `cls.x = ...` in the class's class methods (`@classmethod`,
 * `__init_subclass__`): declared `static` for TypeScript.
 */
function clsAttributes(cls: ClassDef): Set<string> {
  const out = new Set<string>();
  const visit = (body: Stmt[], first: string) => {
    for (const s of body) {
      const targets: Expr[] =
        s.k === "Assign"
          ? s.targets
          : s.k === "AnnAssign" || s.k === "AugAssign" || s.k === "For"
            ? [s.target]
            : [];
      const add = (t: Expr) => {
        if (t.k === "Attribute" && t.value.k === "Name" && t.value.id === first) out.add(t.attr);
        if (t.k === "Tuple" || t.k === "List") t.elts.forEach(add);
      };
      targets.forEach(add);
      for (const b of childBlocks(s)) visit(b, first);
    }
  };
  for (const s of cls.body) {
    if (s.k !== "FunctionDef" || s.fn.params.length === 0) continue;
    const implicit = s.fn.name === "__init_subclass__" || s.fn.name === "__class_getitem__";
    if (implicit || s.fn.decorators.some((d) => decoratorName(d) === "classmethod"))
      visit(s.fn.body, s.fn.params[0]!.name);
  }
  return out;
}

interface KnownAttributes {
  /** Every attribute known: class-level names, methods and `self.x` assignments. */
  attrs: Set<string>;
  /** The class-level ones (methods, class attributes, properties): always present. */
  classLevel: Set<string>;
  /** False when some base is not a user class (its attributes are unknown). */
  complete: boolean;
}

const attrCache = new WeakMap<ClassDef, KnownAttributes>();

/** `field(...)` or `dataclasses.field(...)` of the dataclasses module. */
function isFieldCall(cx: Context, e: Expr): boolean {
  if (e.k !== "Call") return false;
  const f = e.func;
  if (f.k === "Name") {
    const imp = cx.lookup(f.id)?.imported;
    return imp?.module === "dataclasses" && imp.name === "field";
  }
  if (f.k !== "Attribute" || f.attr !== "field" || f.value.k !== "Name") return false;
  const imp = cx.lookup(f.value.id)?.imported;
  return imp?.module === "dataclasses" && imp.name === null;
}

/**
 * The attributes a user class is statically known to have: its class-level names, methods and
 * `self.x` assignments, and those of its user bases. Used to keep direct property reads readable.
 */
export function classAttributes(cx: Context, cls: ClassDef): KnownAttributes {
  const cached = attrCache.get(cls);
  if (cached) return cached;
  const out: KnownAttributes = {
    attrs: new Set<string>(selfAttributes(cls)),
    classLevel: new Set<string>(),
    complete: true,
  };
  attrCache.set(cls, out);
  for (const s of cls.body) {
    if (s.k === "FunctionDef") out.classLevel.add(s.fn.name);
    if (s.k === "ClassDef") out.classLevel.add(s.name);
    if (s.k === "Assign") for (const t of s.targets) if (t.k === "Name") out.classLevel.add(t.id);
    // `x: int` without a value only annotates (a dataclass field is set by `__init__`), and
    // `x: list = field(...)` may leave no class attribute (`@dataclass` deletes it when the field
    // has no default).
    if (s.k === "AnnAssign" && s.target.k === "Name") {
      if (s.value !== null && !isFieldCall(cx, s.value)) out.classLevel.add(s.target.id);
      else out.attrs.add(s.target.id);
    }
  }
  for (const b of posBases(cls)) {
    const base = baseClass(cx, cls, b.value);
    if (b.value.k === "Name" && b.value.id === "object" && base === null) continue;
    if (base === null || base === cls) {
      out.complete = false;
      continue;
    }
    const inner = classAttributes(cx, base);
    for (const a of inner.attrs) out.attrs.add(a);
    for (const a of inner.classLevel) out.classLevel.add(a);
    if (!inner.complete) out.complete = false;
  }
  for (const a of out.classLevel) out.attrs.add(a);
  return out;
}

/**
 * `self.x` inside a method of `cls`, where `cls` (or a user base) has `x`: a class-level name is
 * a plain property read; an attribute only assigned through `self.x = ...` may not be set yet,
 * so the read is `$py.checkAttr(self.x, self, "x")` (the value, or when it is `undefined`
 * Python's lookup: `__getattr__`, then AttributeError). Null when `x` is not known.
 */
export function selfAttributeRead(
  cx: Context,
  cls: ClassDef,
  attr: string,
  obj: TsExpr,
  direct: TsExpr,
): TsExpr | null {
  const known = classAttributes(cx, cls);
  if (!known.attrs.has(attr)) return null;
  if (known.classLevel.has(attr)) return direct;
  return ex(
    `${cx.helper("checkAttr")}(${direct.code}, ${obj.code}, ${JSON.stringify(attr)})`,
    P.call,
  );
}

/**
 * Is `name` a `@staticmethod` or `@classmethod` of a user class (the first class up its chain of
 * first bases that defines it)? TypeScript types such a method as a member of the class, not of
 * its instances.
 */
export function isStaticOrClassMethod(cx: Context, cls: ClassDef, name: string): boolean {
  const def = definingDef(cx, cls, name);
  return (
    def !== null &&
    methodDecorators(cx, def).some((d) => {
      const n = decoratorName(d);
      return n === "staticmethod" || n === "classmethod";
    })
  );
}

/** Is `name` a `@classmethod` of a user class (as `isStaticOrClassMethod` finds it)? */
export function isClassMethodOf(cx: Context, cls: ClassDef, name: string): boolean {
  return (
    definingDef(cx, cls, name)?.decorators.some((d) => decoratorName(d) === "classmethod") ?? false
  );
}

/** The `def name` of the first class up `cls`'s chain of first bases that defines one. */
export function definingDef(cx: Context, cls: ClassDef, name: string): FunctionDef | null {
  const seen = new Set<ClassDef>();
  let c: ClassDef | null = cls;
  while (c !== null && !seen.has(c)) {
    seen.add(c);
    for (const s of c.body) if (s.k === "FunctionDef" && s.fn.name === name) return s.fn;
    const b: Expr | undefined = c.bases[0]?.value;
    c = b?.k === "Name" ? (cx.lookup(b.id)?.cls ?? null) : null;
  }
  return null;
}

/**
 * Is `fn` decorated with a class of the program (`@CountCalls`, `@Retry(3)`)? Its attribute is
 * what the class made, read through `getattr` (a callable object, or its `__get__`'s result).
 */
export function underClassDecorator(cx: Context, fn: FunctionDef): boolean {
  return fn.decorators.some((d) => decoratesWithClass(cx, d));
}

/**
 * Instance methods (not static/class methods or properties) a class body defines, and does not
 * bind again (`f = staticmethod(f)`).
 */
export function instanceMethods(cx: Context, cls: ClassDef): Set<string> {
  const out = new Set<string>();
  for (const s of cls.body) {
    if (s.k !== "FunctionDef") continue;
    // A method under the program's own decorators is still one on the prototype (decorateMethod),
    // but not under a class of the program: the attribute is its instance (`@CountCalls`), which
    // `obj.m()` calls through its `__get__`, or without `self` when it has none.
    if (methodDecorators(cx, s.fn).some((d) => NOT_INSTANCE.has(decoratorName(d) ?? ""))) continue;
    if (underClassDecorator(cx, s.fn)) continue;
    // Python's `__new__` is a static method (`C.__new__(C, v)`; a static in subclasses of str,
    // int, ...; the enum machinery's own convention otherwise).
    if (s.fn.name === "__new__") continue;
    out.add(s.fn.name);
  }
  for (const s of cls.body)
    if (s.k === "Assign") for (const t of s.targets) if (t.k === "Name") out.delete(t.id);
  return out;
}

/** `NamedTuple`/`TypedDict` when `e` names that class of `typing` (or `typing_extensions`). */
function typingClass(cx: Context, e: Expr): "NamedTuple" | "TypedDict" | null {
  let name: string | null = null;
  if (e.k === "Name") {
    const sym = cx.lookup(e.id);
    if (sym?.imported?.name != null && sym.bindings === 1 && TYPING.has(sym.imported.module))
      name = sym.imported.name;
  } else if (e.k === "Attribute" && e.value.k === "Name") {
    const sym = cx.lookup(e.value.id);
    if (sym?.imported && sym.imported.name === null && TYPING.has(sym.imported.module))
      name = e.attr;
  }
  return name === "NamedTuple" || name === "TypedDict" ? name : null;
}

const TYPING = new Set(["typing", "typing_extensions"]);

/**
 * Is `cls` a `typing.NamedTuple` class (`class P(NamedTuple)`) or a TypedDict class (its base
 * is `TypedDict` or a TypedDict class)? Such classes are made by the runtime (stdlib/typing.ts)
 * from the lowered class: see `typingClassChecks`.
 */
function typingKind(cx: Context, cls: ClassDef): "NamedTuple" | "TypedDict" | null {
  const seen = new Set<ClassDef>();
  for (let c: ClassDef | null = cls; c !== null && !seen.has(c); c = userBase(cx, c)) {
    seen.add(c);
    const first = c.bases.find((b) => b.kind === "pos");
    if (first === undefined) return null;
    const kind = typingClass(cx, first.value);
    if (kind === "NamedTuple") return c === cls ? kind : null;
    if (kind !== null) return kind;
  }
  return null;
}

/** Is `cls` or a user ancestor along its first bases a NamedTuple or TypedDict class? */
function typingInAncestry(cx: Context, cls: ClassDef): boolean {
  const seen = new Set<ClassDef>();
  for (let c: ClassDef | null = cls; c !== null && !seen.has(c); c = userBase(cx, c)) {
    seen.add(c);
    if (typingKind(cx, c) !== null) return true;
  }
  return false;
}

/** Does `body` (a class body, at any depth) use `super` or `__class__`? */
function usesClassCell(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(usesClassCell);
  if (typeof node !== "object" || node === null) return false;
  const n = node as { k?: string; id?: string };
  if (n.k === "Name" && (n.id === "super" || n.id === "__class__")) return true;
  return Object.values(node).some(usesClassCell);
}

/**
 * What the class statement of a NamedTuple or TypedDict class may not have, refused here, and
 * the class members its keywords become (`total=False` -> `static __total__ = false;`).
 */
function typingClassChecks(
  cx: Context,
  cls: ClassDef,
  kind: "NamedTuple" | "TypedDict" | null,
): TsStmt[] {
  // `metaclass=` is lowerClass's (see `metaclassBase`).
  const keywords = cls.bases.filter(
    (b) => b.kind !== "pos" && !(b.kind === "kw" && b.name === "metaclass"),
  );
  const positional = cls.bases.filter((b) => b.kind === "pos");
  const members: TsStmt[] = [];
  // Keywords of other classes go to `__init_subclass__` (`classKeywords`).
  if (kind === null && !enumInAncestry(cx, cls)) return members;
  for (const b of keywords) {
    const total =
      kind === "TypedDict" &&
      b.kind === "kw" &&
      b.name === "total" &&
      b.value.k === "Const" &&
      (b.value.value === "True" || b.value.value === "False");
    if (!total)
      throw cx.unsupported(
        cls.pos,
        b.kind === "kw"
          ? `class keyword '${b.name}='${b.name === "total" && kind === "TypedDict" ? " other than True or False" : ""}`
          : "starred class bases",
      );
    members.push(
      line(
        `static __total__ = ${(b.value as { value: string }).value === "True"};`,
        b.value.pos.line,
      ),
    );
  }
  if (kind !== null && positional.length > 1)
    throw cx.unsupported(cls.pos, `a ${kind} class with several bases`);
  // CPython: "RuntimeError: __class__ not set defining 'P' ..." (no __classcell__ is passed on).
  if (kind === "NamedTuple" && usesClassCell(cls.body))
    throw cx.unsupported(cls.pos, "super() or __class__ in a NamedTuple class");
  return members;
}

/**
 * `class Plugin(Base, name="x")`: the keywords (but `metaclass=`), as the `Kw` that `$py.pyclass`
 * passes to the parent's `__init_subclass__` (`object`'s raises CPython's TypeError for any);
 * null without keywords. `**mapping` among them is unpacked as in a call.
 */
function classKeywords(cx: Context, cls: ClassDef): string | null {
  const kws: string[] = [];
  for (const b of cls.bases) {
    if (b.kind === "kw" && b.name !== "metaclass")
      kws.push(`${propertyKey(b.name!)}: ${cx.expr(b.value).code}`);
    else if (b.kind === "dstar") kws.push(`...${cx.helper("kwargs")}(${cx.expr(b.value).code})`);
    else if (b.kind === "star") throw cx.unsupported(b.value.pos, "starred class bases");
  }
  return kws.length === 0 ? null : `${cx.runtime("kw").code}({ ${kws.join(", ")} })`;
}

/**
 * Is `e` a class of a runtime module other than asyncio/contextvars (`logging.Handler`,
 * `from datetime import date`)? Generated code sees those modules as `any`.
 */
function untypedRuntimeBase(cx: Context, e: Expr): boolean {
  const name =
    e.k === "Name" ? e.id : e.k === "Attribute" && e.value.k === "Name" ? e.value.id : null;
  const imported = name === null ? null : cx.lookup(name)?.imported;
  if (imported == null || runtimeModulePath(imported.module) === null) return false;
  // typing's NamedTuple/TypedDict classes get a static index signature and are made at run time.
  if (runtimeModulePath(imported.module) === "typing") return false;
  return e.k === "Name" ? imported.name !== null : imported.name === null;
}

/** Does `e` name a class of asyncio (`asyncio.Task`, `from asyncio import Task`)? */
function asyncioClass(cx: Context, e: Expr): boolean {
  const name =
    e.k === "Name" ? e.id : e.k === "Attribute" && e.value.k === "Name" ? e.value.id : null;
  const imported = name === null ? null : cx.lookup(name)?.imported;
  if (imported?.module !== "asyncio") return false;
  return e.k === "Name" ? imported.name !== null : imported.name === null;
}

/** Does a base of `cls` come from the `enum` module (`Enum`, `IntEnum`, `enum.Flag`, ...)? */
function hasEnumBase(cx: Context, cls: ClassDef): boolean {
  return posBases(cls).some(({ value: b }) => {
    if (b.k === "Name") return cx.lookup(b.id)?.imported?.module === "enum";
    return (
      b.k === "Attribute" &&
      b.value.k === "Name" &&
      cx.lookup(b.value.id)?.imported?.module === "enum" &&
      cx.lookup(b.value.id)?.imported?.name === null
    );
  });
}

const implicitDecorators = new WeakMap<FunctionDef, Expr[]>();

/**
 * The decorators of `def fn` as Python applies them. An enum's `def _generate_next_value_(name,
 * start, count, last_values)` is called as a plain function (enum.py's `_EnumDict`), its first
 * parameter the member's name, not `self`: it is the `@staticmethod` CPython's own `Enum`
 * declares it, so that decorator comes first. Every reader of a method's decorators during
 * lowering asks here (the IR is left as parsed).
 */
export function methodDecorators(cx: Context, fn: FunctionDef): Expr[] {
  if (fn.name !== "_generate_next_value_") return fn.decorators;
  let decorators = implicitDecorators.get(fn);
  if (decorators === undefined) {
    const cls = cx.scopeOf(fn.scope).parent?.cls ?? null;
    const names = fn.decorators.map(decoratorName);
    const implicit =
      cls !== null &&
      !names.includes("staticmethod") &&
      !names.includes("classmethod") &&
      enumInAncestry(cx, cls);
    decorators = implicit
      ? [{ k: "Name", pos: fn.pos, id: "staticmethod" }, ...fn.decorators]
      : fn.decorators;
    implicitDecorators.set(fn, decorators);
  }
  return decorators;
}

/** A name an enum class body may make a member of (not `__dunder__`, `_sunder_` or private). */
function enumMemberName(id: string): boolean {
  return !id.startsWith("__") && !/^_[^_].*[^_]_$/.test(id);
}

/**
 * The statement of a class body that last bound `id` before `s`, when it is a `def` or a
 * `class` statement (null when an assignment or nothing did).
 */
function lastDefinition(cls: ClassDef, s: Stmt, id: string): Stmt | null {
  let last: Stmt | null = null;
  for (const x of cls.body) {
    if (x === s) break;
    if ((x.k === "FunctionDef" && x.fn.name === id) || (x.k === "ClassDef" && x.name === id))
      last = x;
    else if (x.k === "Assign" && x.targets.some((t) => t.k === "Name" && t.id === id)) last = null;
    else if (
      (x.k === "AnnAssign" || x.k === "AugAssign") &&
      x.target.k === "Name" &&
      x.target.id === id
    )
      last = null;
  }
  return last;
}

/**
 * The Python value a `def`/`class` statement of a class body bound, as the class body sees it
 * at `pos` (for CPython's message naming it): a `@staticmethod`/`@classmethod` def's wrapper.
 */
function definitionValue(cx: Context, def: Stmt, pos: Pos, qualname: string): string {
  const read = cx.name(def.k === "FunctionDef" ? def.fn.name : (def as { name: string }).name, pos);
  if (def.k !== "FunctionDef") return read.code;
  // Methods are named once the class is made, after its body ran.
  const fn = `${cx.helper("named")}(${read.code}, ${jsString(qualname)})`;
  if (def.fn.decorators.length === 0) return fn;
  const outer = decoratorName(def.fn.decorators[0]!);
  if (outer === "staticmethod" || outer === "classmethod")
    return `new ${cx.runtime(outer).code}(${fn})`;
  return read.code;
}

/**
 * `class C(Base[X], Generic[T])`: a subscripted base is the class itself in the runtime (see
 * DIFFERENCES.md, "Parameterized generics"), so the class gets `__orig_bases__` and, over
 * `Generic`, `__parameters__` after it is made: `$py.typing._orig_bases(C, [Base, [X]], [Generic,
 * [T]])`, each subscript's operands evaluated again (type expressions: names, attributes,
 * subscripts, constants; a class with another subscript gets neither).
 */
function origBasesLine(cx: Context, cls: ClassDef, name: string): TsStmt | null {
  const bases = posBases(cls).map((b) => b.value);
  const plainGeneric = (b: Expr) => {
    const sym = b.k === "Name" ? cx.lookup(b.id) : null;
    return sym?.imported?.module === "typing" && sym.imported.name === "Generic";
  };
  // (`class C(Generic)` is CPython's TypeError, raised there.)
  if (!bases.some((b) => b.k === "Subscript" || plainGeneric(b))) return null;
  const typeExpr = (e: Expr): boolean =>
    e.k === "Name" ||
    e.k === "Const" ||
    e.k === "Str" ||
    (e.k === "Attribute" && typeExpr(e.value)) ||
    (e.k === "Subscript" && typeExpr(e.value) && typeExpr(e.index)) ||
    ((e.k === "Tuple" || e.k === "List") && e.elts.every(typeExpr)) ||
    // A type parameter of `class C[T]` (codegen/ir.ts, `typeParams`).
    (e.k === "Call" && e.func.k === "Name" && e.func.id === "$pep695_param");
  if (!bases.every(typeExpr)) return null;
  const parts = bases.map((b) => {
    if (b.k !== "Subscript") return cx.expr(b).code;
    const args = b.index.k === "Tuple" ? b.index.elts : [b.index];
    return `[${cx.expr(b.value).code}, [${args.map((a) => cx.expr(a).code).join(", ")}]]`;
  });
  return line(`${cx.helper("typing._orig_bases")}(${name}, ${parts.join(", ")});`, cls.pos.line);
}

/** Is `cls` or a user ancestor along its first bases over a class of the `enum` module? */
function enumInAncestry(cx: Context, cls: ClassDef): boolean {
  const seen = new Set<ClassDef>();
  for (let c: ClassDef | null = cls; c !== null && !seen.has(c); c = userBase(cx, c)) {
    seen.add(c);
    if (hasEnumBase(cx, c)) return true;
  }
  return false;
}

/**
 * `class C(str, Enum)` / `class C(int, Enum)` (the builtin type, then `enum.Enum`): the runtime
 * class such an enum extends (stdlib/enum.ts), whose members are strs or ints.
 */
function enumMixin(cx: Context, cls: ClassDef): "_StrMixinEnum" | "_IntMixinEnum" | null {
  const bases = posBases(cls);
  if (bases.length !== 2 || cls.bases.length !== 2) return null;
  const [t, e] = [bases[0]!.value, bases[1]!.value];
  if (t.k !== "Name" || (t.id !== "str" && t.id !== "int") || cx.lookup(t.id) !== null) return null;
  let isEnum = false;
  if (e.k === "Name") {
    const sym = cx.lookup(e.id);
    isEnum = sym?.imported?.module === "enum" && sym.imported.name === "Enum" && sym.bindings === 1;
  } else if (e.k === "Attribute" && e.attr === "Enum" && e.value.k === "Name") {
    const sym = cx.lookup(e.value.id);
    isEnum = sym?.imported?.module === "enum" && sym.imported.name === null;
  }
  if (!isEnum) return null;
  return t.id === "str" ? "_StrMixinEnum" : "_IntMixinEnum";
}

/**
 * The builtin type (`dict`, `list`, `str`, `int`, ...: a key of SUBCLASSABLE) when `cls` or a user
 * ancestor along its first bases has it as its only base (`class R(dict)`, `class Sub(R)`).
 */
function containerBase(cx: Context, cls: ClassDef): string | null {
  const seen = new Set<ClassDef>();
  for (let c: ClassDef | null = cls; c !== null && !seen.has(c); c = userBase(cx, c)) {
    seen.add(c);
    const bases = posBases(c);
    const b = bases[0]?.value;
    if (bases.length === 1 && b?.k === "Name" && SUBCLASSABLE[b.id] !== undefined)
      if (cx.lookup(b.id) === null) return b.id;
  }
  return null;
}

/**
 * Is `cls` over `str`, `int` or `float` (directly or through its user bases)? Its instances are
 * objects (src/python/subclass.ts) that generated code passes where the typed asyncio API wants
 * a number or string: construction is typed `any` (lower/calls.ts).
 */
export function overValueType(cx: Context, cls: ClassDef): boolean {
  const t = containerBase(cx, cls);
  return t === "str" || t === "int" || t === "float";
}

/** Refuse what a subclass of a builtin type may not define (see the header). */
function checkContainerMembers(cx: Context, cls: ClassDef, kind: string): void {
  const js = JS_MEMBERS[kind]!;
  const refuse = (name: string, pos: ClassDef["pos"], what: string) => {
    throw cx.unsupported(
      pos,
      `${what} '${name}' in a subclass of '${kind}' (the runtime uses the JS member '${name}' of every ${kind})`,
    );
  };
  for (const s of cls.body) {
    if (s.k === "FunctionDef") {
      if (kind === "list" && LIST_FAST_DUNDERS.has(s.fn.name))
        throw cx.unsupported(
          s.pos,
          `overriding '${s.fn.name}' in a subclass of 'list' (the runtime's list operations do not call it)`,
        );
      if (FAST_DUNDERS[kind]?.includes(s.fn.name))
        throw cx.unsupported(
          s.pos,
          `overriding '${s.fn.name}' in a subclass of '${kind}' (the runtime's ${kind} operations do not call it)`,
        );
      if (js.has(s.fn.name)) refuse(s.fn.name, s.pos, "a method");
    }
    if (s.k === "Assign")
      for (const t of s.targets)
        if (t.k === "Name" && js.has(t.id)) refuse(t.id, s.pos, "an attribute");
    if (s.k === "AnnAssign" && s.target.k === "Name" && js.has(s.target.id))
      refuse(s.target.id, s.pos, "an attribute");
  }
  for (const a of selfAttributes(cls)) if (js.has(a)) refuse(a, cls.pos, "an attribute");
}

/** Does `e` name `abc.<name>` (`from abc import ABC` or `import abc` then `abc.ABC`)? */
function isAbcName(cx: Context, e: Expr, name: "ABC" | "ABCMeta" | "abstractmethod"): boolean {
  if (e.k === "Name") {
    const sym = cx.lookup(e.id);
    return sym?.imported?.module === "abc" && sym.imported.name === name && sym.bindings === 1;
  }
  if (e.k === "Attribute" && e.attr === name && e.value.k === "Name") {
    const sym = cx.lookup(e.value.id);
    return sym?.imported?.module === "abc" && sym.imported.name === null;
  }
  return false;
}

/** The `metaclass=` keyword of a class statement, if any. */
function metaclassOf(cls: ClassDef): Expr | null {
  const kw = cls.bases.find((b) => b.kind === "kw" && b.name === "metaclass");
  return kw?.value ?? null;
}

/** Is `cls` an abstract base class: over `abc.ABC`, `metaclass=ABCMeta`, or a user class that is? */
function isAbstractBase(cx: Context, cls: ClassDef, seen = new Set<ClassDef>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  const meta = metaclassOf(cls);
  if (meta !== null && isAbcName(cx, meta, "ABCMeta")) return true;
  return posBases(cls).some((b) => {
    if (isAbcName(cx, b.value, "ABC")) return true;
    const user = baseClass(cx, cls, b.value);
    return user !== null && isAbstractBase(cx, user, seen);
  });
}

/**
 * `class B(metaclass=ABCMeta)`: a class over the runtime's `abc._ABCMetaBase` (ABC's behaviour,
 * `object` as its Python base; stdlib/abc.ts). With bases, every base must already be an abstract
 * base class, whose metaclass is ABCMeta already: the keyword then changes nothing. `metaclass=type`
 * is no metaclass. Other metaclasses are refused. Null when the class has no `metaclass=`.
 */
function metaclassBase(cx: Context, cls: ClassDef): string | null {
  const meta = metaclassOf(cls);
  if (meta === null) return null;
  // `class B(object, metaclass=ABCMeta)` is `class B(metaclass=ABCMeta)`.
  const bases = posBases(cls).filter(
    (b) => !(b.value.k === "Name" && b.value.id === "object" && cx.lookup("object") === null),
  );
  if (meta.k === "Name" && meta.id === "type" && cx.lookup("type") === null) return "";
  if (!isAbcName(cx, meta, "ABCMeta"))
    throw cx.unsupported(
      meta.pos,
      `the metaclass '${annotationText(meta)}' (a class can only take metaclass=abc.ABCMeta)`,
    );
  if (bases.length === 0) return cx.helper("abc._ABCMetaBase");
  for (const b of bases) {
    const user = baseClass(cx, cls, b.value);
    if (!isAbcName(cx, b.value, "ABC") && (user === null || !isAbstractBase(cx, user)))
      throw cx.unsupported(
        b.value.pos,
        `metaclass=ABCMeta with a base that is not an abstract base class ('${annotationText(b.value)}')`,
      );
  }
  return "";
}

/**
 * The base that makes `cls` a metaclass: `type`, `abc.ABCMeta`, or a user class that is a
 * metaclass (`class Meta(type)`, `class Sub(Meta)`); null for other classes.
 */
function metaclassDefiningBase(
  cx: Context,
  cls: ClassDef,
  seen = new Set<ClassDef>(),
): Expr | null {
  seen.add(cls);
  for (const b of posBases(cls)) {
    const e = b.value;
    if (e.k === "Name" && e.id === "type" && cx.lookup("type") === null) return e;
    if (isAbcName(cx, e, "ABCMeta")) return e;
    const user = e.k === "Name" ? (cx.lookup(e.id)?.cls ?? null) : null;
    if (user !== null && !seen.has(user) && metaclassDefiningBase(cx, user, seen) !== null)
      return e;
  }
  return null;
}

/**
 * A metaclass definition is refused at its base, before its body's constructs are: JS classes
 * are made by `class` declarations and constructed with `new`, so a metaclass's
 * `__new__`/`__init__`/`__call__` would never run.
 */
function refuseMetaclassDefinition(cx: Context, cls: ClassDef): void {
  const base = metaclassDefiningBase(cx, cls);
  if (base !== null)
    throw cx.unsupported(
      base.pos,
      `defining a metaclass ('${cls.name}' is a subclass of '${annotationText(base)}'; only metaclass=abc.ABCMeta is supported)`,
    );
}

function lowerClass(cls: ClassDef, cx: Context): TsStmt[] {
  refuseMetaclassDefinition(cx, cls);
  refuseJsClassMembers(cx, cls.body);
  const scope = cx.scopeOf(cls.scope);
  const name = classJsName(scope);
  // A class statement in a class body: see `nestedClass`.
  const nestedIn = cx.scope.kind === "class" ? classJsName(cx.scope) : null;
  const kind = typingKind(cx, cls);
  const typingMembers = typingClassChecks(cx, cls, kind);
  // `class C(str, Enum)`: a builtin type's values are JS primitives, which cannot carry a
  // class's other bases (two builtin types are CPython's lay-out conflict, raised at run time).
  const builtinBases = posBases(cls).filter(
    (b) => b.value.k === "Name" && BUILTIN_TYPES.has(b.value.id) && cx.lookup(b.value.id) === null,
  );
  const mixin = enumMixin(cx, cls);
  // `metaclass=ABCMeta` without bases: the runtime's base for it ("" when the keyword is moot).
  const metaBase = metaclassBase(cx, cls);
  // `class R(dict)`, `class Tag(str)`, ... extend the runtime's base classes for them (SUBCLASSABLE).
  const builtinId =
    posBases(cls).length === 1 && builtinBases.length === 1
      ? (builtinBases[0]!.value as { id: string }).id
      : null;
  const container = containerBase(cx, cls);
  if (container !== null) checkContainerMembers(cx, cls, container);
  if (posBases(cls).length > 1 && builtinBases.length === 1 && mixin === null)
    throw cx.unsupported(
      cls.pos,
      `the builtin type '${(builtinBases[0]!.value as { id: string }).id}' as one of several bases`,
    );
  const baseExpr = posBases(cls)[0]?.value ?? null;
  const isObjectBase =
    baseExpr?.k === "Name" && baseExpr.id === "object" && cx.lookup("object") === null;
  const multiple = posBases(cls).length > 1 && mixin === null;
  // Several bases: the JS class extends the synthetic base `$py.bases(A, B)` (C3 MRO, merged
  // attributes, construction; see src/python/mro.ts).
  const base =
    metaBase !== null && metaBase !== ""
      ? metaBase
      : mixin !== null
        ? cx.helper(`enum.${mixin}`)
        : builtinId !== null && NOT_ACCEPTABLE.has(builtinId)
          ? `${cx.helper("notAcceptableBase")}(${jsString(builtinId)})`
          : builtinId !== null
            ? cx.helper(SUBCLASSABLE[builtinId]!)
            : multiple
              ? `${cx.helper("bases")}(${posBases(cls)
                  .map((b) => cx.expr(b.value).code)
                  .join(", ")})`
              : baseExpr === null || isObjectBase
                ? null
                : heritage(cx.expr(baseExpr));
  const ubase = userBase(cx, cls);
  // Over a base TypeScript sees as `any`: no `override`, and JS's own constructor spelled out.
  const anyBase = !multiple && baseExpr !== null && anyTypedBase(cx, cls, baseExpr);
  const inherited = anyBase ? new Set<string>() : inheritedMethods(cx, cls);
  const before: TsStmt[] = [];
  const members: TsStmt[] = [];
  const after: TsStmt[] = [];
  const annotations: string[] = [];
  const qual = scope.qualname.replace(/\.$/, "");
  // A class of an imported sibling module names its module (`__main__` is the default).
  // Class keywords (`__init_subclass__`'s) follow the module name.
  const classKw = kind === null && !enumInAncestry(cx, cls) ? classKeywords(cx, cls) : null;
  const moduleArg =
    classKw !== null
      ? `, ${jsString(cx.options.moduleName)}, ${classKw}`
      : cx.options.moduleName === "__main__"
        ? ""
        : `, ${jsString(cx.options.moduleName)}`;

  const declares = new Set(selfAttributes(cls));
  const methods = new Set<string>();
  for (const s of cls.body) if (s.k === "FunctionDef") methods.add(s.fn.name);
  const definesInit = methods.has("__init__");
  // A class over object (or the program's own classes only) defining `__new__`: construction is
  // CPython's `type.__call__` (`__new__`, then `__init__` when it gave an instance of the class).
  const rooted = container === null && mixin === null && objectRooted(cx, cls);
  const bindsNew = bindsNewMethod(cls);
  const viaNew = bindsNew && rooted && !hasEnumBase(cx, cls);
  if (bindsNew && !methods.has("__new__") && !viaNew && !hasEnumBase(cx, cls))
    throw cx.unsupported(cls.pos, "binding '__new__' in a class over a runtime class");
  const staticNew = VALUE_TYPES.has(container ?? "") || viaNew;
  const ownMethods = instanceMethods(cx, cls);
  const superseded = supersededDefs(cx, cls);
  // Class attributes bound so far (`x = x.setter(f)` binds `x` again: a static block).
  const statics = new Set<string>();
  // Names bound by statements lowered in static blocks (`a, b = 1, 2`, a `for` target).
  const blockNames = new Set<string>();
  const isEnum = enumInAncestry(cx, cls);

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
          members.push(bodyStatement(cx, cls, s, blockNames, statics));
          break;
        case "If":
        case "For":
        case "While":
        case "Try":
        case "AugAssign":
        case "Raise":
        case "Assert":
          members.push(bodyStatement(cx, cls, s, blockNames, statics));
          break;
        case "Delete":
          members.push(...bodyDelete(cx, cls, s, name, blockNames, statics));
          break;
        case "Assign": {
          if (s.targets.length !== 1 || s.targets[0]!.k !== "Name") {
            members.push(bodyStatement(cx, cls, s, blockNames, statics));
            break;
          }
          const id = (s.targets[0] as { id: string }).id;
          if (s.value.k === "Name" && ownMethods.has(s.value.id)) {
            // `__rmul__ = __mul__`: the same function under another name.
            after.push(
              line(`${name}.prototype.${id} = ${name}.prototype.${s.value.id};`, s.pos.line),
            );
            declares.add(id);
            break;
          }
          const value = cx.expr(s.value).code;
          const definition = isEnum && enumMemberName(id) ? lastDefinition(cls, s, id) : null;
          if (isEnum && statics.has(id) && enumMemberName(id))
            // CPython's enum class dict refuses to bind a member's name again.
            members.push(
              line(
                `static {\n  ${name}.${id} = ${cx.helper("enum._redefine")}(${name}, ${jsString(id)}, ${value});\n}`,
                s.pos.line,
              ),
            );
          else if (definition !== null) {
            // ... and to make a member of a name a `def` or `class` bound (unless the value is
            // a descriptor too: `f = property(f)`).
            const previous = definitionValue(cx, definition, s.pos, `${qual}.${id}`);
            members.push(
              line(
                `static {\n  (${name} as any).${id} = ${cx.helper("enum._rebind")}(${jsString(id)}, ${value}, () => ${previous});\n}`,
                s.pos.line,
              ),
            );
            statics.add(id);
          } else members.push(staticField(name, id, value, statics, s.pos.line));
          declares.add(id);
          break;
        }
        case "AnnAssign": {
          if (s.target.k !== "Name")
            throw cx.unsupported(s.pos, "this annotated assignment in a class body");
          annotations.push(`${s.target.id}: ${jsString(annotationText(s.annotation))}`);
          if (s.value !== null)
            members.push(
              staticField(name, s.target.id, cx.expr(s.value).code, statics, s.pos.line),
            );
          declares.add(s.target.id);
          break;
        }
        case "ClassDef":
          // `class A` after the enum member `A = 1`: CPython's TypeError, as for `def A`.
          if (isEnum && statics.has(s.name) && enumMemberName(s.name))
            members.push(
              line(
                `static {\n  ${cx.helper("enum._redefine")}(${name}, ${jsString(s.name)});\n}`,
                s.pos.line,
              ),
            );
          members.push(...nestedClass(cx, s, statics));
          declares.add(s.name);
          break;
        case "FunctionDef":
          if (superseded.has(s)) break;
          refuseRedecoratedName(cx, cls, s);
          // Attribute reads are property reads or `getattr` (names.ts), which never call it.
          if (s.fn.name === "__getattribute__")
            throw cx.unsupported(s.pos, "defining '__getattribute__' (use '__getattr__')");
          // `__new__` is called by enum's machinery (stdlib/enum.ts), by the base classes of
          // str/int/float/tuple/bytes subclasses, and by the constructor of a class whose
          // ancestors are the program's own (`$py.typeCall`); a static method in the last two.
          if (s.fn.name === "__new__" && !hasEnumBase(cx, cls) && !staticNew)
            throw cx.unsupported(
              s.pos,
              "defining '__new__' in a class over a runtime class (other than abc.ABC, typing.Generic, str, int, float, tuple, bytes or frozenset)",
            );
          checkAccessorDecorators(cx, cls.body, s);
          // `def A` after the enum member `A = 1`: CPython's TypeError, where the body binds it.
          if (isEnum && statics.has(s.fn.name) && enumMemberName(s.fn.name))
            members.push(
              line(
                `static {\n  ${cx.helper("enum._redefine")}(${name}, ${jsString(s.fn.name)});\n}`,
                s.pos.line,
              ),
            );
          lowerMethod(cx, s.fn, name, qual, inherited, before, members, after, { staticNew });
          break;
        default:
          throw cx.unsupported(s.pos, `'${keyword(s)}' statements in a class body`);
      }
    }
  });

  const head: TsStmt[] = [];
  // TypeScript does not see the static members merged by `$py.bases(...)`, nor inherit a static
  // index signature: every class with several bases in its ancestry declares one.
  // NamedTuple and TypedDict classes get their attributes (`_fields`, `__total__`) at run time.
  if (multipleInAncestry(cx, cls) || typingInAncestry(cx, cls))
    head.push(line("static [name: string]: any;"));
  for (const id of [...blockNames].sort()) {
    if (statics.has(id) || methods.has(id)) continue;
    head.push(line(`declare static ${id}: any;`));
    declares.add(id);
  }
  // `cls.x = ...` in a class method: a declaration for TypeScript only.
  for (const id of [...clsAttributes(cls)].sort())
    if (!statics.has(id) && !methods.has(id) && !blockNames.has(id))
      head.push(line(`declare static ${id}: any;`));
  // (A base's property stays the accessor TypeScript sees: a field would clash with it.)
  const accessors = anyBase ? new Set<string>() : inheritedAccessors(cx, cls);
  for (const d of [...declares].sort())
    if (!methods.has(d) && !accessors.has(d)) head.push(line(`declare ${d}: any;`));
  // `C.x` of a decorated property is its property object (made by `$py.pyclass`); of a
  // `cached_property`, the cached_property (stdlib/functools.ts, `install`).
  for (const s of cls.body)
    if (
      s.k === "FunctionDef" &&
      s.fn.decorators.some((d) => {
        const n = decoratorName(d);
        return n === "property" || n === "cached_property" || n === "singledispatchmethod";
      }) &&
      // (A class or static method is a static member already.)
      !s.fn.decorators.some((d) => STATIC_DECORATORS.has(decoratorName(d) ?? "")) &&
      !statics.has(s.fn.name)
    )
      head.push(line(`declare static ${s.fn.name}: any;`));
  // Typed `any`: a TypedDict class's subclass has other annotations than its base, and a
  // decorated class expression (`const F = dataclass(class F {...})`) cannot infer the type.
  if (annotations.length > 0)
    head.push(line(`static __annotations__: any = { ${annotations.join(", ")} };`));
  // The docstring is the class's `__doc__` (a class without one has None, not its base's),
  // unless the body assigns `__doc__` itself.
  if (cls.docstring !== null && !statics.has("__doc__") && !blockNames.has("__doc__"))
    head.push(line(`static __doc__: any = ${jsString(cleanDoc(cls.docstring))};`));
  // `@dataclass` gives the class an `__init__` after it is made: over a runtime class whose
  // constructor does not run `__init__` (an exception), the class's constructor runs it.
  const madeInit = dataclassMade(cls);
  const hasSlots =
    cls.body.some(
      (s) => s.k === "Assign" && s.targets.some((t) => t.k === "Name" && t.id === "__slots__"),
    ) ||
    // `@dataclass(slots=True)` gives the class `__slots__` (stdlib/dataclasses.ts).
    cls.decorators.some(
      (d) =>
        d.k === "Call" &&
        decoratorName(d.func) === "dataclass" &&
        d.args.some(
          (a) =>
            a.kind === "kw" &&
            a.name === "slots" &&
            a.value.k === "Const" &&
            a.value.value === "True",
        ),
    );
  if (viaNew) {
    // `type.__call__` (src/python/mro.ts): what `__new__` returned, `__init__` run on it; the
    // constructors of the bases never run (`object.__new__` makes the instance), but TypeScript
    // wants a `super()` call in a derived class's constructor. A class over one that has this
    // constructor (or over `$py.bases(...)` with a `__new__` among them) inherits it.
    const inherits = posBases(cls).some(({ value: b }) => {
      const u = baseClass(cx, cls, b);
      return u !== null && constructedViaNew(cx, u);
    });
    const call = `return ${cx.helper("constructViaNew")}(new.target, args);`;
    const unreached = "\n  super(); // never reached: for TypeScript";
    if (!inherits)
      head.push(
        line(`constructor(...args: any[]) {\n  ${call}${base === null ? "" : unreached}\n}`),
      );
    if (base === null && !definesInit)
      head.push(line("__init__(..._args: any[]): any {\n  return null;\n}"));
  } else if (base === null && hasSlots) {
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
  } else if (definesInit && !multiple && baseExpr !== null && siblingClass(cx, baseExpr)) {
    // A class of another module: whether its constructor runs `__init__` is known at run time.
    head.push(
      line(
        `constructor(...args: any[]) {\n  super(...args);\n  if (!${cx.helper("constructsViaInit")}(${base})) (this as any).__init__(...args);\n}`,
      ),
    );
  } else if ((definesInit || madeInit) && !multiple && !constructsViaInit(cx, ubase)) {
    // An asyncio class's constructor has typed parameters (`Task(coro, kwargs)`), which
    // TypeScript lets no `any[]` spread into: the arguments are cast to its parameter list.
    const spread =
      ubase === null && baseExpr !== null && asyncioClass(cx, baseExpr)
        ? `(args as ConstructorParameters<typeof ${base}>)`
        : "args";
    head.push(
      line(
        `constructor(...args: any[]) {\n  super(...${spread});\n  (this as any).__init__(...args);\n}`,
      ),
    );
  } else if (!multiple && baseExpr !== null && (anyBase || untypedRuntimeBase(cx, baseExpr))) {
    // JS's own constructor, spelled out: TypeScript gives a class extending an `any`-typed base
    // (`logging.Formatter`, `datetime.date`) a constructor without parameters.
    head.push(line("constructor(...args: any[]) {\n  super(...args);\n}"));
  }
  const body = [...head, ...typingMembers, ...members];
  const origBases = origBasesLine(cx, cls, name);
  if (origBases !== null) after.unshift(origBases);
  const heading = `class ${name}${base === null ? "" : ` extends ${base}`}`;
  const docs = docComment(cls.docstring, cls.pos.line);
  const sym = cx.lookup(cls.name)!;
  const out: TsStmt[] = [...before, ...docs];
  if (nestedIn !== null) {
    // In the static block `nestedClass` makes: a block-scoped class, then the attribute.
    const decos = cls.decorators.map((d) => cx.expr(d).code);
    out.push({
      t: "block",
      head: `const ${name} = ${decos.map((d) => `${d}(`).join("")}${cx.helper("pyclass")}(${heading}`,
      body,
      line: cls.pos.line,
      tail: `, ${jsString(qual)}${moduleArg})${")".repeat(decos.length)};`,
    });
    out.push(...after);
    out.push(line(`${nestedIn}.${cls.name} = ${name};`));
    return out;
  }
  if (
    cls.decorators.length === 0 &&
    sym.bindings === 1 &&
    !cx.needsHoist(sym) &&
    sym.scope === cx.scope
  ) {
    cx.markDeclared(sym);
    out.push(block(`${cx.exportPrefix()}${heading}`, body, cls.pos.line));
    out.push(line(`${cx.helper("pyclass")}(${name}, ${jsString(qual)}${moduleArg});`));
  } else {
    const bind = cx.bindingPrefix(cls.name);
    const decos = cls.decorators.map((d) => cx.expr(d).code);
    // The program's own decorators may store attributes on the class (`cls.extra = 1`).
    if (cls.decorators.some((d) => !isRuntimeDecorator(cx, d)))
      decos.unshift(cx.helper("refreshClass"));
    // A name bound again (another class, a def, a value) holds more than this class's type.
    const declared =
      bind.keyword === "let" && (bind.sym?.bindings ?? 1) > 1 ? `${bind.name}: any` : bind.name;
    const prefix = `${bind.keyword ? `${cx.exportPrefix()}${bind.keyword} ` : ""}${declared} = ${decos.map((d) => `${d}(`).join("")}${cx.helper("pyclass")}(`;
    out.push({
      t: "block",
      head: `${prefix}${heading}`,
      body,
      line: cls.pos.line,
      tail: `, ${jsString(qual)}${moduleArg})${")".repeat(decos.length)};`,
    });
  }
  out.push(...after);
  return out;
}

/**
 * Class attributes JS gives every class (`constructor` of its prototype, `prototype` of the
 * class itself) cannot be Python class attributes: a class body binding one is refused.
 */
function refuseJsClassMembers(cx: Context, body: readonly Stmt[]): void {
  const check = (name: string, pos: Pos, what: string): void => {
    if (name === "constructor" || name === "prototype")
      throw cx.unsupported(pos, `${what} named '${name}' in a class body (JS reserves it)`);
  };
  const target = (t: Expr | null): void => {
    if (t === null) return;
    if (t.k === "Name") check(t.id, t.pos, "a class attribute");
    else if (t.k === "Tuple" || t.k === "List") t.elts.forEach(target);
    else if (t.k === "Starred") target(t.value);
  };
  for (const s of body) {
    if (s.k === "FunctionDef") check(s.fn.name, s.pos, "a method");
    else if (s.k === "ClassDef") check(s.name, s.pos, "a class");
    else if (s.k === "Assign") s.targets.forEach(target);
    else if (s.k === "AnnAssign" || s.k === "AugAssign") target(s.target);
    else if (s.k === "For") target(s.target);
    else if (s.k === "With") for (const it of s.items) target(it.vars);
    else if (s.k === "Import" || s.k === "ImportFrom")
      for (const al of s.names) check(al.asname ?? al.name.split(".")[0]!, al.pos, "an import");
    for (const b of childBlocks(s)) refuseJsClassMembers(cx, b);
  }
}

/** A decorator of the runtime's modules (`@dataclass`, `@functools.total_ordering`). */
function isRuntimeDecorator(cx: Context, d: Expr): boolean {
  let root = d.k === "Call" ? d.func : d;
  while (root.k === "Attribute") root = root.value;
  if (root.k !== "Name") return false;
  const sym = cx.lookup(root.id);
  if (sym === null) return true;
  const module = sym.imported?.module;
  return module !== undefined && runtimeModulePath(module) !== null;
}

/** Own properties of every JS class that a plain store cannot replace. */
const JS_CLASS_OWN = new Set(["name", "length", "prototype"]);

/** Statements a class body may hold inside its `if`/`for`/`while` blocks (see `bodyStatement`). */
const BLOCK_STATEMENTS = new Set<Stmt["k"]>([
  "Assign",
  "AugAssign",
  "Expr",
  "Pass",
  "Break",
  "Continue",
  "Comment",
  "If",
  "For",
  "While",
  "Try",
  "Delete",
  "Raise",
  "Assert",
]);

/** The keyword a statement starts with, for messages (`def`, `from ... import`). */
function keyword(s: Stmt): string {
  switch (s.k) {
    case "FunctionDef":
      return s.fn.isAsync ? "async def" : "def";
    case "ClassDef":
      return "class";
    case "ImportFrom":
      return "from ... import";
    case "AnnAssign":
      return "annotated assignment";
    default:
      return s.k.toLowerCase();
  }
}

/** Add the names `t` (an assignment target) binds to `out`. */
function targetNames(t: Expr, out: Set<string>): void {
  if (t.k === "Name") out.add(t.id);
  else if (t.k === "Tuple" || t.k === "List") for (const e of t.elts) targetNames(e, out);
  else if (t.k === "Starred") targetNames(t.value, out);
}

/**
 * Refuse what a class body's statement (or a block in it) may not hold, and collect the
 * class-body names it binds. Names are bound as `C.x = ...` (`bindingPrefix`); an augmented
 * assignment reads the name where it is (lower/class-scope.ts), so inside a block it must be
 * bound already; `def`, `class`, `import`, `with`, `except ... as name`, `del name` and
 * annotations inside a block of a class body are refused.
 */
function checkBodyStatement(cx: Context, cls: ClassDef, s: Stmt, names: Set<string>): void {
  switch (s.k) {
    case "Assign":
      for (const t of s.targets) targetNames(t, names);
      return;
    case "AugAssign":
      if (s.target.k === "Name" && classBodyBound(cls.body, s.target.id, s.pos) !== "yes")
        throw cx.unsupported(
          s.pos,
          `an augmented assignment in a block of a class body to '${s.target.id}' before the class body surely binds it`,
        );
      return;
    case "For":
      if (s.isAsync) throw cx.unsupported(s.pos, "'async for' in a class body");
      targetNames(s.target, names);
      break;
    case "Delete":
      for (const t of s.targets)
        if (t.k === "Name")
          throw cx.unsupported(t.pos, "'del' of a class-body name inside a block of a class body");
      return;
    case "Try":
      // `except E as e` unbinds `e` when the handler ends, which a class attribute cannot mimic.
      for (const h of s.handlers)
        if (h.name !== null) throw cx.unsupported(s.pos, "'except ... as name' in a class body");
      for (const b of [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody])
        for (const x of b) checkBodyStatement(cx, cls, x, names);
      return;
    default:
      if (!BLOCK_STATEMENTS.has(s.k))
        throw cx.unsupported(s.pos, `'${keyword(s)}' statements inside a block of a class body`);
  }
  if (s.k === "If" || s.k === "For" || s.k === "While")
    for (const b of [s.body, s.orelse]) for (const x of b) checkBodyStatement(cx, cls, x, names);
}

/**
 * A statement of a class body that is not a definition (`a, b = 1, 2`, `print(...)`, an `if` or
 * `for` statement, `x += 1`): a static block, which runs in member order as the class body does.
 * `x += v` on a class-body name reads `x` where Python does (the class's, or the enclosing one)
 * and stores the class attribute.
 */
function bodyStatement(
  cx: Context,
  cls: ClassDef,
  s: Stmt,
  names: Set<string>,
  statics: Set<string>,
): TsStmt {
  const bound = new Set<string>();
  if (s.k === "AugAssign" && s.target.k === "Name") bound.add(s.target.id);
  else checkBodyStatement(cx, cls, s, bound);
  // An enum's class dict raises TypeError when a name is bound twice ("'i' already defined as
  // 0"), which the runtime's enum (made from the finished class) does not see.
  if (bound.size > 0 && enumInAncestry(cx, cls) && !(s.k === "Assign" || s.k === "If"))
    throw cx.unsupported(s.pos, `'${keyword(s)}' binding names in an enum class body`);
  // JS's own read-only `name`/`length` of a class: only a class field (`name = ...`) defines them.
  for (const id of bound) {
    if (JS_CLASS_OWN.has(id) && !statics.has(id))
      throw cx.unsupported(
        s.pos,
        `binding '${id}' in a class body other than by '${id} = ...' before any other binding`,
      );
    names.add(id);
  }
  if (s.k === "AugAssign" && s.target.k === "Name") {
    const read = cx.expr(s.target).code;
    const value = cx.expr(s.value).code;
    const call = inplaceCode(cx, s.op, read, value);
    return block(
      "static",
      [line(`${cx.bindingPrefix(s.target.id).name} = ${call};`, s.pos.line)],
      s.pos.line,
    );
  }
  return block("static", cx.stmt(s), s.pos.line);
}

/**
 * `del x` in a class body: the class attribute goes (a method: the prototype's function); a name
 * the body has not bound raises NameError, as CPython's `DELETE_NAME` does.
 */
function bodyDelete(
  cx: Context,
  cls: ClassDef,
  s: Extract<Stmt, { k: "Delete" }>,
  name: string,
  names: Set<string>,
  statics: Set<string>,
): TsStmt[] {
  const out: TsStmt[] = [];
  for (const t of s.targets) {
    if (t.k !== "Name") {
      out.push(bodyStatement(cx, cls, { ...s, targets: [t] }, names, statics));
      continue;
    }
    if (enumInAncestry(cx, cls))
      throw cx.unsupported(t.pos, "'del' of a name in an enum class body");
    const key = JSON.stringify(t.id);
    // The last binding before the `del`: a `def` of an instance method or property lives on the
    // prototype; static and class methods and class attributes on the class.
    const last = cls.body.filter(
      (x) => x.pos.line < t.pos.line && (x.k === "FunctionDef" || x.k === "Assign"),
    );
    const def = last
      .reverse()
      .find((x) =>
        x.k === "FunctionDef"
          ? x.fn.name === t.id
          : x.k === "Assign" && x.targets.some((y) => y.k === "Name" && y.id === t.id),
      );
    const onPrototype =
      def?.k === "FunctionDef" &&
      def.fn.name !== "__init_subclass__" &&
      def.fn.name !== "__class_getitem__" &&
      !def.fn.decorators.some((d) => {
        const n = decoratorName(d);
        return n === "staticmethod" || n === "classmethod";
      });
    const owner = onPrototype ? `${name}.prototype` : name;
    const err = `${cx.runtime("NameError").code}(${JSON.stringify(`name '${t.id}' is not defined`)})`;
    out.push(
      block(
        "static",
        [
          line(
            `if (!Object.hasOwn(${owner}, ${key})) throw ${cx.helper("markRaised")}(new ${err});`,
            s.pos.line,
          ),
          line(`delete (${owner} as any)[${key}];`, s.pos.line),
        ],
        s.pos.line,
      ),
    );
  }
  return out;
}

/**
 * `class Inner:` in the body of `Outer`: a static field of `Outer` assigned in a static block,
 * which holds the lowered class statement (named `Outer$Inner`: a block-scoped name that no Python
 * name can shadow, so a base or decorator naming a global `Inner` still reaches it):
 * ```ts
 * static Inner: any;
 * static {
 *   const Outer$Inner = $py.pyclass(class Outer$Inner { ... }, "Outer.Inner");
 *   Outer.Inner = Outer$Inner;
 * }
 * ```
 * Static blocks run in member order, so the class is made where the body makes it. Methods of the
 * nested class do not see `Outer`'s class-level names (lookups skip class scopes, as in Python).
 */
function nestedClass(
  cx: Context,
  s: Extract<Stmt, { k: "ClassDef" }>,
  statics: Set<string>,
): TsStmt[] {
  const out: TsStmt[] = [];
  if (!statics.has(s.name)) {
    statics.add(s.name);
    out.push(line(`static ${s.name}: any;`, s.pos.line));
  }
  out.push({ t: "block", head: "static", body: lowerClass(s, cx), line: s.pos.line });
  return out;
}

/**
 * `@x.setter` / `@x.getter` / `@x.deleter` become accessors of the JS property `x` made by a
 * `@property def x` above: refused when the decorated function has another name (CPython binds a
 * copy of the property to that name) or when `x` was last bound otherwise (`x = property(getx)`;
 * `x = x.setter(f)` works).
 */
function checkAccessorDecorators(
  cx: Context,
  body: Stmt[],
  def: Extract<Stmt, { k: "FunctionDef" }>,
): void {
  for (const d of def.fn.decorators) {
    const n = decoratorName(d);
    if (n === null || !n.startsWith(".") || d.k !== "Attribute" || d.value.k !== "Name") continue;
    const prop = d.value.id;
    if (prop !== def.fn.name)
      throw cx.unsupported(
        def.pos,
        `'@${prop}${n}' on a function named '${def.fn.name}' (only on a function named '${prop}')`,
      );
    let last: Stmt | undefined;
    for (const st of body) {
      if (st === def) break;
      const binds =
        (st.k === "FunctionDef" && st.fn.name === prop) ||
        (st.k === "Assign" && st.targets.some((t) => t.k === "Name" && t.id === prop)) ||
        ((st.k === "AnnAssign" || st.k === "AugAssign") &&
          st.target.k === "Name" &&
          st.target.id === prop);
      if (binds) last = st;
    }
    const accessorDef =
      last?.k === "FunctionDef" &&
      last.fn.decorators.some((x) => {
        const m = decoratorName(x);
        return m === "property" || m?.startsWith(".") === true;
      });
    if (!accessorDef)
      throw cx.unsupported(
        def.pos,
        `'@${prop}${n}' on a property not made by '@property def ${prop}' (write '${prop} = ${prop}${n}(f)')`,
      );
  }
}

/**
 * A class attribute: `static x: any = v;`, or when the class body binds `x` again, an
 * assignment in a static block (TypeScript refuses a second field of the same name).
 */
function staticField(
  cls: string,
  id: string,
  value: string,
  statics: Set<string>,
  at: number,
): TsStmt {
  if (!statics.has(id)) {
    statics.add(id);
    return line(`static ${id}: any = ${value};`, at);
  }
  return line(`static {\n  ${cls}.${id} = ${value};\n}`, at);
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
  opts: { staticNew: boolean },
): void {
  let method: "instance" | "class" | "static" = "instance";
  let accessor: "get" | "set" | "delete" | null = null;
  const others: Expr[] = [];
  // How many of `others` are written above `@staticmethod`/`@classmethod` (they decorate its
  // object, not the function).
  let above = 0;
  for (const d of methodDecorators(cx, fn)) {
    const n = decoratorName(d);
    if (n === "staticmethod") method = "static";
    else if (n === "classmethod") method = "class";
    else if (n === "property") accessor = "get";
    else if (n === ".setter") accessor = "set";
    else if (n === ".getter") accessor = "get";
    else if (n === ".deleter") accessor = "delete";
    else {
      if (method === "instance") above++;
      others.push(d);
    }
  }
  if (method === "instance") above = 0;
  // Implicit class methods (Python makes them so without a decorator).
  if (fn.name === "__init_subclass__" || fn.name === "__class_getitem__") method = "class";
  // `__new__` is an implicit static method, called with the class (subclass.ts calls it).
  if (fn.name === "__new__" && opts.staticNew) method = "static";
  // `@property` over `@abstractmethod`: the accessor is marked abstract after the class is made.
  const abstract =
    accessor !== null ? others.filter((d) => isAbcName(cx, d, "abstractmethod")) : [];
  if (accessor !== null && others.length > abstract.length)
    throw cx.unsupported(fn.pos, "other decorators on a property");
  if (method !== "static" && fn.params.length === 0)
    throw cx.unsupported(fn.pos, "a method without a self parameter");
  const lowered = lowerFunction(cx, fn, {
    headName: fn.name,
    method,
    className,
    sigPrefix: `${className}$`,
    accessor: accessor !== null,
  });
  before.push(...lowered.before);
  let head = lowered.head;
  if (accessor !== null) {
    // `get area(): any` / `set area(value: any)`: TS accessors take no return type on setters.
    const m = /^(\w+)\((.*)\): (.*)$/s.exec(head);
    if (m === null || lowered.kind !== "plain") throw cx.unsupported(fn.pos, "this property");
    if (accessor === "delete") {
      if (abstract.length > 0) throw cx.unsupported(fn.pos, "an abstract property deleter");
      // JS has no deleting accessor: the deleter is a function the property calls (`fdel`),
      // given to it after the class is made (`$py.propertyDeleter`, descriptors.ts).
      members.push(...docComment(fn.docstring, fn.pos.line));
      after.push({
        t: "block",
        head: `${cx.helper("propertyDeleter")}(${className}, ${jsString(fn.name)}, function (this: any${m[2] === "" ? "" : `, ${m[2]}`}): ${m[3]}`,
        body: lowered.body,
        line: fn.pos.line,
        tail: ");",
      });
      return;
    }
    head = accessor === "get" ? `get ${m[1]}(${m[2]}): ${m[3]}` : `set ${m[1]}(${m[2]})`;
    // The getter's docstring is the property's `__doc__`.
    if (accessor === "get" && fn.docstring !== null)
      after.push(
        line(
          `${cx.helper("named")}(Object.getOwnPropertyDescriptor(${className}.prototype, ${jsString(fn.name)})!.get!, ${jsString(lowered.qualname)}, ${jsString(cleanDoc(fn.docstring))});`,
          fn.pos.line,
        ),
      );
    for (const d of abstract)
      after.push(
        line(
          `${cx.expr(d).code}(Object.getOwnPropertyDescriptor(${className}.prototype, ${jsString(fn.name)})!.${accessor});`,
          fn.pos.line,
        ),
      );
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
        `${target} = ${cx.asyncio()}.asyncgenfunction(${target}, ${jsString(`${classQual}.${writtenName(fn)}`)});`,
      ),
    );
  } else if (marker)
    after.push(
      line(`${cx.asyncio()}.${marker}(${target}, ${jsString(`${classQual}.${writtenName(fn)}`)});`),
    );
  // Read as a value, a class method is bound to the class it is read through (runtime getattr).
  if (method === "class")
    after.push(line(`${cx.helper("markClassMethod")}(${className}, ${jsString(fn.name)});`));
  if (accessor === null) after.push(...methodAttributes(cx, fn, target, lowered));
  // `C.m.__annotations__`, when the program reads it (lower/annotations.ts).
  const annotations = accessor === null ? annotationEntries(cx, fn) : null;
  if (annotations !== null)
    after.push(line(`${cx.helper("annotate")}(${target}, ${annotations});`, fn.pos.line));
  if (others.length > 0 && accessor === null) {
    // The decorators take and return the method as Python has it, `self` first (a class or
    // static method: the classmethod/staticmethod object; descriptors.ts).
    const decos = others.map((d) => cx.expr(d).code).join(", ");
    const kind =
      method === "instance" ? "" : `, ${jsString(method)}${above > 0 ? `, ${above}` : ""}`;
    after.push(
      line(
        `${cx.helper("decorateMethod")}(${className}, ${jsString(fn.name)}, [${decos}]${kind});`,
        fn.pos.line,
      ),
    );
  }
}

export const classes: Feature = {
  name: "classes",
  statements: {
    ClassDef: lowerClass,
  },
};

/** A base class expression as `extends` takes it: a call or member access, else parenthesized. */
function heritage(e: TsExpr): string {
  return e.prec >= P.call ? e.code : `(${e.code})`;
}
