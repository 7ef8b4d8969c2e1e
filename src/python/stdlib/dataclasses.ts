/**
 * Python's `dataclasses`: `dataclass`, `field`, `fields`, `asdict`, `astuple`, `replace`,
 * `is_dataclass`, `FrozenInstanceError`, `KW_ONLY`, `MISSING`, with CPython 3.13's messages.
 *
 * HOW THE TRANSPILER CALLS IT (codegen/lower/classes.ts already emits this shape)
 *
 * ```python
 * @dataclass(order=True)
 * class P:
 *     x: int
 *     y: int = 0
 *     tags: list = field(default_factory=list)
 * ```
 * ```ts
 * const P = dataclass(kw({ order: true }))($py.pyclass(class P {
 *   static __annotations__ = { x: "int", y: "int", tags: "list" };   // definition order
 *   static y: any = 0n;
 *   static tags: any = field(kw({ default_factory: list }));
 *   constructor(...args: any[]) { (this as any).__init__(...args); }
 *   __init__(..._args: any[]): any { return null; }                  // the stub is replaced
 * }, "P"));
 * ```
 * The field specs come from the class's own `static __annotations__` (names and annotation
 * strings, in order); a field's default is the static field of the same name (a `Field` made by
 * `field(...)` or a plain value). `ClassVar[...]` annotations are not fields, `KW_ONLY` marks the
 * following fields keyword-only, and fields of dataclass bases come first. `dataclass(cls)` and
 * `dataclass(kw({...}))(cls)` both work. Generated methods: `__init__` (CPython's argument errors,
 * `default_factory`, `__post_init__`), `__repr__`, `__eq__`, `__lt__`/`__le__`/`__gt__`/`__ge__`
 * with `order=True`, `__hash__` (None when eq and not frozen, as CPython), and `frozen=True`
 * (fields become read-only: `FrozenInstanceError: cannot assign to field 'x'`). Methods the class
 * defines itself are kept, as CPython keeps them; the transpiler's `__init__` stub (the
 * `(..._args) { return null; }` above) counts as not defined.
 *
 * `InitVar[...]` and `ClassVar[...]` annotations make pseudo-fields, as CPython's: kept in
 * `__dataclass_fields__` (a dict, in definition order, bases first) but left out of `fields()`;
 * an `InitVar` is a parameter of `__init__` passed on to `__post_init__`, never stored.
 * `slots=True` gives the class `__slots__` (the field names); the transpiler makes the instances
 * of such a class refuse other attributes, as for a class body assigning `__slots__`
 * (codegen/lower/classes.ts). `__match_args__` is the positional `__init__` parameters.
 *
 * Differences from CPython: `weakref_slot` only adds `__weakref__` to `__slots__`, `slots=True` keeps the same
 * class (CPython makes a new one), and a `Field`'s `type` is the annotation's source text (a
 * class's annotations are not evaluated, see docs/DIFFERENCES.md).
 */

import { ge, gt, le, lt, eq as pyEq } from "../compare";
import { Dict } from "../dict";
import { AttributeError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { hashSequence } from "../hash";
import { Kw, splitKw } from "../kw";
import { checkAttr, isForwarder } from "../mro";
import { defineOwnAttr, markBuiltinClass, NotImplemented } from "../objects";
import { call, classAttributeView, iter } from "../protocol";
import { classRepr, repr, reprGuard } from "../repr";
import { PySet } from "../set";
import { Tuple } from "../tuple";
import { typeOf } from "../types";
import { deepcopy } from "./copy";
import { MappingProxyType } from "./types";

type Cls = any;

/** The sentinel types of `MISSING` and `KW_ONLY` (`<dataclasses._MISSING_TYPE object at ...>`). */
class _MISSING_TYPE {}
class _KW_ONLY_TYPE {}
for (const [c, n] of [
  [_MISSING_TYPE, "_MISSING_TYPE"],
  [_KW_ONLY_TYPE, "_KW_ONLY_TYPE"],
] as const) {
  markBuiltinClass(c, n);
  Object.defineProperty(c, "__module__", { value: "dataclasses", configurable: true });
}

/** The default of an `__init__` parameter whose field has a default factory (`<factory>`). */
class _HAS_DEFAULT_FACTORY_CLASS {
  __repr__(): string {
    return "<factory>";
  }
}
markBuiltinClass(_HAS_DEFAULT_FACTORY_CLASS, "_HAS_DEFAULT_FACTORY_CLASS");
Object.defineProperty(_HAS_DEFAULT_FACTORY_CLASS, "__module__", {
  value: "dataclasses",
  configurable: true,
});
const HAS_DEFAULT_FACTORY = Object.freeze(new _HAS_DEFAULT_FACTORY_CLASS());

/** `dataclasses.MISSING`. */
export const MISSING: object = Object.freeze(new _MISSING_TYPE());
/** `dataclasses.KW_ONLY`: an annotation marking the fields after it keyword-only. */
export const KW_ONLY: object = Object.freeze(new _KW_ONLY_TYPE());

/** `dataclasses.FrozenInstanceError`. */
export class FrozenInstanceError extends AttributeError {
  static __module__ = "dataclasses";
}

/** `dataclasses.InitVar[T]`: an `__init__` parameter passed on to `__post_init__`. */
export class InitVar {
  static __module__ = "dataclasses";
  constructor(public type: unknown) {}

  static __class_getitem__(type: unknown): InitVar {
    return new InitVar(type);
  }

  __repr__(): string {
    const t = this.type;
    const name =
      typeof t === "function" ? ((t as { __name__?: string }).__name__ ?? t.name) : repr(t);
    return `dataclasses.InitVar[${name}]`;
  }
}

/** What a `Field` of `__dataclass_fields__` is (CPython's `_FIELD`, `_FIELD_INITVAR`, ...). */
type FieldType = "_FIELD" | "_FIELD_INITVAR" | "_FIELD_CLASSVAR";

const EMPTY_METADATA = () => call(MappingProxyType, new Dict());

/** `dataclasses.Field`. */
export class Field {
  static __module__ = "dataclasses";
  name: string | null = null;
  type: unknown = null;
  _field_type: FieldType | null = null;
  constructor(
    public default_: unknown,
    public default_factory: unknown,
    public init: boolean,
    public repr_: boolean,
    public hash: unknown,
    public compare: boolean,
    public metadata: unknown,
    public kw_only: unknown,
  ) {
    const empty =
      metadata === null || (metadata instanceof Dict && metadata.size === 0) || metadata === false;
    this.metadata = empty ? EMPTY_METADATA() : call(MappingProxyType, metadata);
  }

  get default(): unknown {
    return this.default_;
  }

  get repr(): boolean {
    return this.repr_;
  }

  __repr__(): string {
    return `Field(name=${repr(this.name)},type=${repr(this.type)},default=${repr(this.default_)},default_factory=${repr(this.default_factory)},init=${repr(this.init)},repr=${repr(this.repr_)},hash=${repr(this.hash)},compare=${repr(this.compare)},metadata=${repr(this.metadata)},kw_only=${repr(this.kw_only)},_field_type=${this._field_type ?? "None"})`;
  }
}

/** `field(*, default, default_factory, init, repr, hash, compare, metadata, kw_only)`. */
export function field(...args: unknown[]): Field {
  const [pos, k] = splitKw(args);
  if (pos.length > 0)
    throw new PyTypeError(
      `field() takes 0 positional arguments but ${pos.length} ${pos.length === 1 ? "was" : "were"} given`,
    );
  const d = "default" in k ? k.default : MISSING;
  const f = "default_factory" in k ? k.default_factory : MISSING;
  if (d !== MISSING && f !== MISSING)
    throw new ValueError("cannot specify both default and default_factory");
  const b = (v: unknown, dflt: boolean) => (v === undefined ? dflt : Boolean(v));
  return new Field(
    d,
    f,
    b(k.init, true),
    b(k.repr, true),
    k.hash ?? null,
    b(k.compare, true),
    k.metadata ?? null,
    "kw_only" in k ? k.kw_only : MISSING,
  );
}

const FIELDS = "__dataclass_fields__";
/** The class's fields and pseudo-fields by name (`__dataclass_fields__` is a copy as a dict). */
const FIELD_MAP = Symbol("dataclasses.fields");
const STUB_INIT = /^__init__\s*\(\s*\.\.\._args\s*\)\s*\{\s*return null;?\s*\}$/;

/** A class attribute the decorator adds, readable through instances too (`obj.__dataclass_fields__`). */
function setClassAttr(cls: Cls, name: string, value: unknown): void {
  Object.defineProperty(cls, name, { value, configurable: true, writable: true });
  classAttributeView(cls, name, value);
}

function qualname(cls: Cls): string {
  return (Object.hasOwn(cls, "__qualname__") ? cls.__qualname__ : cls.name) as string;
}

/**
 * Whether the class body assigned `name` (the field's default). A JS class has own `name` and
 * `length` properties of its own (read-only); those are not Python class attributes.
 */
function isClassAttribute(cls: Cls, name: string): boolean {
  const desc = Object.getOwnPropertyDescriptor(cls, name);
  if (desc === undefined) return false;
  if ((name === "name" || name === "length") && "value" in desc && !desc.writable) return false;
  return true;
}

function definesOwn(cls: Cls, name: string): boolean {
  if (!Object.hasOwn(cls.prototype, name)) return false;
  if (name === "__init__") {
    const f = cls.prototype.__init__;
    return !(typeof f === "function" && STUB_INIT.test(Function.prototype.toString.call(f)));
  }
  return true;
}

function isMutableDefault(v: unknown): boolean {
  return Array.isArray(v) || v instanceof Dict || v instanceof PySet;
}

interface Options {
  init: boolean;
  repr: boolean;
  eq: boolean;
  order: boolean;
  unsafe_hash: boolean;
  frozen: boolean;
  kw_only: boolean;
  match_args: boolean;
  slots: boolean;
  weakref_slot: boolean;
}

/** `cls.__dataclass_params__` (CPython's `_DataclassParams`). */
class DataclassParams {
  static __module__ = "dataclasses";
  constructor(readonly opts: Options) {
    Object.assign(this, opts);
  }

  __repr__(): string {
    const o = this.opts;
    const order = ["init", "repr", "eq", "order", "unsafe_hash", "frozen", "match_args"] as const;
    const tail = ["kw_only", "slots", "weakref_slot"] as const;
    const parts = [...order, ...tail].map((k) => `${k}=${repr(o[k])}`);
    return `_DataclassParams(${parts.join(",")})`;
  }
}

/** `@dataclass` / `@dataclass(init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False, kw_only=False, ...)`. */
/**
 * `dataclasses.make_dataclass(cls_name, fields, *, bases=(), namespace=None, ...)`: the class
 * `type(cls_name, bases, namespace)` makes with the fields' annotations (a bare name is
 * `'typing.Any'`) and specs, through `dataclass` with the other keywords.
 */
export function make_dataclass(...args: unknown[]): unknown {
  const [pos, k] = splitKw(args);
  const clsName = pos[0] ?? k.cls_name;
  const items = pos[1] ?? k.fields;
  const { KEYWORDS } = require("./collections") as typeof import("./collections");
  const { type, tuple } = require("../builtins") as typeof import("../builtins");
  const ns = new Dict(
    k.namespace === undefined || k.namespace === null ? [] : (k.namespace as Dict).entries(),
  );
  const annotations = new Dict();
  for (const item of iter(items)) {
    let name: unknown;
    let tp: unknown = "typing.Any";
    let spec: unknown = MISSING;
    if (typeof item === "string") name = item;
    else {
      const parts = [...iter(item)];
      if (parts.length === 2) [name, tp] = parts;
      else if (parts.length === 3) [name, tp, spec] = parts;
      else throw new PyTypeError(`Invalid field: ${repr(item)}`);
    }
    if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/u.test(name))
      throw new PyTypeError(`Field names must be valid identifiers: ${repr(name)}`);
    if (KEYWORDS.has(name))
      throw new PyTypeError(`Field names must not be keywords: ${repr(name)}`);
    if (annotations.has(name)) throw new PyTypeError(`Field name duplicated: ${repr(name)}`);
    annotations.__setitem__(name, tp);
    if (spec !== MISSING) ns.__setitem__(name, spec);
  }
  ns.__setitem__("__annotations__", annotations);
  const cls = (type as (...a: unknown[]) => unknown)(
    clsName,
    (tuple as (...a: unknown[]) => unknown)(k.bases ?? new Tuple([])),
    ns,
  );
  const opts = Object.fromEntries(
    Object.entries(k).filter(
      ([key]) => !["cls_name", "fields", "bases", "namespace", "module"].includes(key),
    ),
  );
  return dataclass(cls, new Kw(opts));
}

export function dataclass(...args: unknown[]): unknown {
  const [pos, k] = splitKw(args);
  const opts: Options = {
    init: k.init === undefined ? true : Boolean(k.init),
    repr: k.repr === undefined ? true : Boolean(k.repr),
    eq: k.eq === undefined ? true : Boolean(k.eq),
    order: Boolean(k.order),
    unsafe_hash: Boolean(k.unsafe_hash),
    frozen: Boolean(k.frozen),
    kw_only: Boolean(k.kw_only),
    match_args: k.match_args === undefined ? true : Boolean(k.match_args),
    slots: Boolean(k.slots),
    weakref_slot: Boolean(k.weakref_slot),
  };
  if (pos.length > 0 && pos[0] !== null) return processClass(pos[0] as Cls, opts);
  return (cls: Cls) => processClass(cls, opts);
}

function processClass(cls: Cls, opts: Options): Cls {
  if (opts.order && !opts.eq) throw new ValueError("eq must be true if order is true");
  if (opts.weakref_slot && !opts.slots)
    throw new PyTypeError("weakref_slot is True but slots is False");
  const all = new Map<string, Field>();
  // fields of dataclass bases, in MRO order from the most basic
  const bases: Cls[] = [];
  for (
    let b = Object.getPrototypeOf(cls);
    typeof b === "function" && b !== Function.prototype;
    b = Object.getPrototypeOf(b)
  )
    bases.unshift(b);
  let anyFrozenBase = false;
  let hasDataclassBases = false;
  for (const b of bases) {
    if (Object.hasOwn(b, FIELD_MAP)) {
      hasDataclassBases = true;
      anyFrozenBase ||= (b.__dataclass_params__ as DataclassParams).opts.frozen;
      for (const [n, f] of b[FIELD_MAP] as Map<string, Field>) all.set(n, f);
    }
  }
  if (hasDataclassBases) {
    if (anyFrozenBase && !opts.frozen)
      throw new PyTypeError("cannot inherit non-frozen dataclass from a frozen one");
    if (!anyFrozenBase && opts.frozen)
      throw new PyTypeError("cannot inherit frozen dataclass from a non-frozen one");
  }
  const annotations = (Object.hasOwn(cls, "__annotations__") ? cls.__annotations__ : {}) as Record<
    string,
    unknown
  >;
  let kwOnlyMarker = false;
  for (const [name, type] of Object.entries(annotations)) {
    // Source text, or (`make_dataclass`, `type(...)`) the annotation's value.
    const t = typeof type === "string" ? type : type === KW_ONLY ? "KW_ONLY" : repr(type);
    if (t === "KW_ONLY" || t.endsWith(".KW_ONLY")) {
      kwOnlyMarker = true;
      continue;
    }
    const kind: FieldType = /^(typing\.)?ClassVar\b/.test(t)
      ? "_FIELD_CLASSVAR"
      : /^(dataclasses\.)?InitVar\b/.test(t)
        ? "_FIELD_INITVAR"
        : "_FIELD";
    const raw = isClassAttribute(cls, name) ? cls[name] : MISSING;
    const f =
      raw instanceof Field ? raw : new Field(raw, MISSING, true, true, null, true, null, MISSING);
    f.name = name;
    f.type = type;
    f._field_type = kind;
    if (kind !== "_FIELD" && f.default_factory !== MISSING)
      throw new PyTypeError(`field ${name} cannot have a default factory`);
    if (kind === "_FIELD_CLASSVAR") {
      if (f.kw_only !== MISSING)
        throw new PyTypeError(`field ${name} is a ClassVar but specifies kw_only`);
      f.kw_only = MISSING;
      all.set(name, f);
      continue;
    }
    if (f.kw_only === MISSING) f.kw_only = kwOnlyMarker || opts.kw_only;
    if (isMutableDefault(f.default_)) {
      throw new ValueError(
        `mutable default ${classRepr(typeOf(f.default_))} for field ${name} is not allowed: use default_factory`,
      );
    }
    if (raw instanceof Field) {
      if (f.default_ === MISSING) {
        // No class attribute at all (CPython deletes it), nor the accessor `pyclass` gave
        // instances for it.
        delete cls[name];
        const held = Object.getOwnPropertyDescriptor(cls.prototype, name);
        if (held?.get !== undefined && isForwarder(held.get)) delete cls.prototype[name];
      } else
        Object.defineProperty(cls, name, {
          value: f.default_,
          writable: true,
          configurable: true,
          enumerable: true,
        });
    }
    all.set(name, f);
  }
  Object.defineProperty(cls, FIELD_MAP, { value: all, configurable: true, writable: true });
  const fieldDict = new Dict();
  for (const [n, f] of all) fieldDict.__setitem__(n, f);
  setClassAttr(cls, FIELDS, fieldDict);
  setClassAttr(cls, "__dataclass_params__", new DataclassParams(opts));
  // the parameters of `__init__` (fields and InitVars), and the fields proper
  const params = [...all.values()].filter((f) => f._field_type !== "_FIELD_CLASSVAR");
  const fields = params.filter((f) => f._field_type === "_FIELD");
  const initVars = params.filter((f) => f._field_type === "_FIELD_INITVAR");
  const proto = cls.prototype as Record<string, unknown>;
  // CPython's rule: a class body that defines `__eq__` gets `__hash__ = None` (lang.ts), which
  // is not an explicit hash.
  const hasExplicitHash =
    Object.hasOwn(proto, "__hash__") &&
    !(proto.__hash__ === null && Object.hasOwn(proto, "__eq__"));
  // Named as CPython names the methods it generates (`C.__init__`, `C.__repr__`, ...).
  const nameMethod = (name: string, fn: Function, qual = `${qualname(cls)}.${name}`) => {
    Object.defineProperty(fn, "__name__", { value: name, configurable: true, writable: true });
    Object.defineProperty(fn, "__qualname__", { value: qual, configurable: true, writable: true });
  };
  /**
   * Set method `name` unless the class defines it. A function CPython's module defines once for
   * every class (`_replace`) keeps its own name (`fn.name`) as its `__name__` and `__qualname__`.
   */
  const set = (name: string, fn: Function, shared = false) => {
    if (definesOwn(cls, name)) return;
    if (shared) nameMethod(fn.name, fn, fn.name);
    else nameMethod(name, fn);
    Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true });
  };

  if (opts.init) {
    const positional = params.filter((f) => f.init && !f.kw_only);
    let seenDefault: Field | null = null;
    for (const f of positional) {
      const hasDefault = f.default_ !== MISSING || f.default_factory !== MISSING;
      if (hasDefault) seenDefault = f;
      else if (seenDefault !== null) {
        throw new PyTypeError(
          `non-default argument '${f.name}' follows default argument '${seenDefault.name}'`,
        );
      }
    }
    // The common case takes a shorter way: every field a positional parameter, no InitVar, not
    // frozen, no accessor on the class for a field's name, and (checked per call) an instance of
    // this very class, called without keywords and without `__setattr__`. It stores the fields as
    // plain properties, which is what `defineField` does then, without binding into a Map.
    const names = fields.map((f) => f.name as string);
    // A field with a class attribute (its default) is read through a forwarding accessor on the
    // prototype (protocol.ts, `classAttributeView`): the instance's own property is defined over it.
    const slots = names.map((n) => slotKind(proto, n));
    const simple =
      initVars.length === 0 &&
      !opts.frozen &&
      fields.every(
        (f, i) => f.init && !f.kw_only && (slots[i] === "plain" || slots[i] === "shadow"),
      );
    const shadows = slots.map((k) => k === "shadow");
    const required = positional.filter(
      (f) => f.default_ === MISSING && f.default_factory === MISSING,
    ).length;
    const init = function __init__(this: Record<string, unknown>, ...args: unknown[]) {
      const n = args.length;
      if (
        simple &&
        n >= required &&
        n <= names.length &&
        (n === 0 || !(args[n - 1] instanceof Kw)) &&
        this.constructor === cls &&
        this.__setattr__ === undefined
      ) {
        for (let i = 0; i < names.length; i++) {
          const f = fields[i];
          let v: unknown;
          if (i < n) v = args[i];
          else v = f.default_factory !== MISSING ? call(f.default_factory) : f.default_;
          if (shadows[i]) defineOwnAttr(this, names[i], v);
          else this[names[i]] = v;
        }
        const post = this.__post_init__;
        if (typeof post === "function") post.call(this);
        return null;
      }
      const values = bindInit(qualname(cls), params, args);
      for (const f of fields) {
        let v: unknown;
        if (f.init) v = values.get(f.name as string);
        else if (f.default_factory !== MISSING) v = call(f.default_factory);
        else if (f.default_ !== MISSING) v = f.default_;
        else continue;
        defineField(this, f.name as string, v, opts.frozen);
      }
      const post = (this as { __post_init__?: (...a: unknown[]) => unknown }).__post_init__;
      if (typeof post === "function")
        post.call(this, ...initVars.map((f) => values.get(f.name as string)));
      return null;
    };
    // With no default factory, the common call takes a straight-line `__init__` made for this
    // class's field names (see specialisedInit); others take `init`.
    const fast =
      simple && fields.every((f) => f.default_factory === MISSING)
        ? specialisedInit(
            cls,
            names,
            shadows,
            fields.map((f) => f.default_),
            required,
            init,
          )
        : init;
    initDefaults(fast, params);
    set("__init__", fast);
  }
  set(
    "__replace__",
    function _replace(this: Record<string, unknown>, ...rest: unknown[]) {
      return replaceFields(this, rest);
    },
    true,
  );
  if (opts.repr) {
    const dataclassRepr = function (this: Record<string, unknown>) {
      return reprGuard(this, "...", () => {
        const parts = fields
          .filter((f) => f.repr_)
          .map((f) => `${f.name}=${repr(fieldOf(this, f.name as string))}`);
        return `${qualname(this.constructor)}(${parts.join(", ")})`;
      });
    };
    generatedReprs.add(dataclassRepr);
    set("__repr__", dataclassRepr);
  }
  const cmpTuple = (o: Record<string, unknown>) =>
    new Tuple(fields.filter((f) => f.compare).map((f) => fieldOf(o, f.name as string)));
  if (opts.eq) {
    set("__eq__", function (this: Record<string, unknown>, other: unknown) {
      if (other === null || typeof other !== "object" || other.constructor !== this.constructor)
        return NotImplemented;
      return pyEq(cmpTuple(this), cmpTuple(other as Record<string, unknown>));
    });
  }
  if (opts.order) {
    for (const [name, op] of [
      ["__lt__", lt],
      ["__le__", le],
      ["__gt__", gt],
      ["__ge__", ge],
    ] as const) {
      if (definesOwn(cls, name)) {
        throw new PyTypeError(
          `Cannot overwrite attribute ${name} in class ${cls.__name__ ?? cls.name} Consider using functools.total_ordering`,
        );
      }
      set(name, function (this: Record<string, unknown>, other: unknown) {
        if (other === null || typeof other !== "object" || other.constructor !== this.constructor)
          return NotImplemented;
        return op(cmpTuple(this), cmpTuple(other as Record<string, unknown>));
      });
    }
  }
  const hashFields = () => fields.filter((f) => (f.hash === null ? f.compare : Boolean(f.hash)));
  const hashFn = function (this: Record<string, unknown>) {
    return hashSequence(hashFields().map((f) => this[f.name as string]));
  };
  nameMethod("__hash__", hashFn);
  const setHash = (value: unknown) =>
    Object.defineProperty(proto, "__hash__", { value, writable: true, configurable: true });
  if (opts.unsafe_hash) {
    if (hasExplicitHash)
      throw new PyTypeError(
        `Cannot overwrite attribute __hash__ in class ${cls.__name__ ?? cls.name}`,
      );
    setHash(hashFn);
  } else if (opts.eq && opts.frozen) {
    if (!hasExplicitHash) setHash(hashFn);
  } else if (opts.eq && !hasExplicitHash) setHash(null);
  if (opts.match_args && !Object.hasOwn(cls, "__match_args__")) {
    const names = params.filter((f) => f.init && !f.kw_only).map((f) => f.name);
    setClassAttr(cls, "__match_args__", new Tuple(names));
  }
  if (opts.slots) {
    if (Object.hasOwn(cls, "__slots__"))
      throw new PyTypeError(`${cls.__name__ ?? cls.name} already specifies __slots__`);
    const names: unknown[] = fields.map((f) => f.name);
    if (opts.weakref_slot) names.push("__weakref__");
    Object.defineProperty(cls, "__slots__", {
      value: new Tuple(names),
      configurable: true,
      writable: true,
    });
    if (opts.frozen) {
      // For pickling frozen classes with slots, as CPython's `_add_slots` adds them.
      set(
        "__getstate__",
        function _dataclass_getstate(this: Record<string, unknown>) {
          return fields.map((f) => fieldOf(this, f.name as string));
        },
        true,
      );
      set(
        "__setstate__",
        function _dataclass_setstate(this: Record<string, unknown>, state: unknown) {
          const values = [...iter(state)];
          for (let i = 0; i < fields.length && i < values.length; i++)
            this[fields[i]!.name as string] = values[i];
          return null;
        },
        true,
      );
    }
  }
  if (opts.frozen) {
    set("__setattr__", function (this: object, name: string) {
      throw new FrozenInstanceError(`cannot assign to field '${name}'`);
    });
    set("__delattr__", function (this: object, name: string) {
      throw new FrozenInstanceError(`cannot delete field '${name}'`);
    });
  }
  return cls;
}

/**
 * The `__defaults__` and `__kwdefaults__` of a generated `__init__`, as CPython's: the defaults
 * of the positional parameters, then of the keyword-only ones by name (`<factory>` for a default
 * factory), None when there are none.
 */
function initDefaults(init: Function, params: readonly Field[]): void {
  const positional: unknown[] = [];
  const keyword = new Dict();
  for (const f of params) {
    if (!f.init) continue;
    const value = f.default_factory !== MISSING ? HAS_DEFAULT_FACTORY : f.default_;
    if (value === MISSING) continue;
    if (f.kw_only) keyword.__setitem__(f.name, value);
    else positional.push(value);
  }
  const define = (name: string, value: unknown) =>
    Object.defineProperty(init, name, { value, configurable: true, writable: true });
  define("__defaults__", positional.length > 0 ? new Tuple(positional) : null);
  define("__kwdefaults__", keyword.size > 0 ? keyword : null);
}

/**
 * The `__init__` of a dataclass whose fields are all positional parameters stored as own data
 * properties (`simple` in `dataclass`, no default factory), made once per class: one named store
 * per field (`this["x"] = a0`), which V8 keeps monomorphic, where the generic loop's
 * `this[names[i]] = v` is a keyed store that turns megamorphic over a class's several names.
 * `Request(m, p, u, s)` of a 4-field dataclass: about 84 to 27 ns. A field with a default (a
 * class attribute, read through a forwarding accessor: `shadows`) is defined over it, as the
 * generic path does. Any other call (keywords, too few or too many arguments, an instance of a
 * subclass, a class with `__setattr__`) goes to `generic`, which binds the arguments with
 * CPython's errors. The source is built from the field names (Python identifiers, quoted with
 * JSON.stringify), never from a value.
 */
function specialisedInit(
  cls: Cls,
  names: readonly string[],
  shadows: readonly boolean[],
  defaults: readonly unknown[],
  required: number,
  generic: (this: Record<string, unknown>, ...args: unknown[]) => unknown,
): Function {
  const params = names.map((_, i) => `a${i}`).join(", ");
  const stores = names
    .map((name, i) => {
      const value = i < required ? `a${i}` : `n > ${i} ? a${i} : defaults[${i}]`;
      const key = JSON.stringify(name);
      return shadows[i] ? `  define(this, ${key}, ${value});\n` : `  this[${key}] = ${value};\n`;
    })
    .join("");
  const source =
    `return function __init__(${params}) {\n` +
    "  const n = arguments.length;\n" +
    `  if (n < ${required} || n > ${names.length} || (n > 0 && arguments[n - 1] instanceof Kw) ||\n` +
    "      this.constructor !== cls || this.__setattr__ !== undefined)\n" +
    "    return generic.apply(this, arguments);\n" +
    stores +
    "  const post = this.__post_init__;\n" +
    '  if (typeof post === "function") post.call(this);\n' +
    "  return null;\n" +
    "};";
  return new Function("cls", "Kw", "define", "defaults", "generic", source)(
    cls,
    Kw,
    defineOwnAttr,
    defaults,
    generic,
  );
}

/**
 * How `__init__` can store field `name` as an instance's own data property (what `defineField`
 * does): a plain store ("plain"), over a class attribute's forwarding accessor ("shadow"), or
 * neither: a property of the class, whose setter the store runs ("property"), or a read-only
 * member ("other").
 */
function slotKind(proto: object | null, name: string): "plain" | "shadow" | "property" | "other" {
  for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d === undefined) continue;
    if (d.get !== undefined || d.set !== undefined)
      return d.get !== undefined && isForwarder(d.get) ? "shadow" : "property";
    return d.writable === true ? "plain" : "other";
  }
  return "plain";
}

/** Marks the setter of a frozen field. */
const FROZEN_FIELD = Symbol.for("asyncio-ts.frozen-field");

/**
 * Store a field on an instance; a frozen instance's fields reject assignment. The generated
 * `__init__` of a class that is not frozen assigns `self.name = value`, which runs a
 * `__setattr__` the class defines.
 */
function defineField(obj: object, name: string, value: unknown, frozen: boolean): void {
  const hook = frozen ? undefined : (obj as { __setattr__?: unknown }).__setattr__;
  if (typeof hook === "function") {
    hook.call(obj, name, value);
    return;
  }
  if (!frozen) {
    // `self.name = value` runs a property's setter (AttributeError "... has no setter" without one).
    if (slotKind(Object.getPrototypeOf(obj), name) === "property")
      (obj as Record<string, unknown>)[name] = value;
    else defineOwnAttr(obj, name, value);
    return;
  }
  const set = () => {
    throw new FrozenInstanceError(`cannot assign to field '${name}'`);
  };
  // `object.__setattr__(self, name, v)` replaces the field (protocol.ts, `objectSetattr`).
  Object.defineProperty(set, FROZEN_FIELD, { value: true });
  Object.defineProperty(obj, name, { configurable: true, enumerable: true, get: () => value, set });
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/** Bind `__init__`'s arguments with CPython's TypeError messages. */
function bindInit(qual: string, fields: Field[], args: unknown[]): Map<string, unknown> {
  const [pos, kwargs] = splitKw(args);
  const positional = fields.filter((f) => f.init && !f.kw_only);
  const kwonly = fields.filter((f) => f.init && f.kw_only);
  const hasDefault = (f: Field) => f.default_ !== MISSING || f.default_factory !== MISSING;
  const fn = `${qual}.__init__()`;
  const values = new Map<string, unknown>();
  if (pos.length > positional.length) {
    const np = positional.length + 1;
    const nd = positional.filter(hasDefault).length;
    const takes = nd > 0 ? `from ${np - nd} to ${np}` : `${np}`;
    const kwGiven = Object.keys(kwargs).filter((k) => kwonly.some((f) => f.name === k)).length;
    const given =
      kwGiven > 0
        ? `${pos.length + 1} positional argument${pos.length + 1 > 1 ? "s" : ""} (and ${kwGiven} keyword-only argument${kwGiven > 1 ? "s" : ""})`
        : `${pos.length + 1}`;
    throw new PyTypeError(
      `${fn} takes ${takes} positional argument${np === 1 && nd === 0 ? "" : "s"} but ${given} ${pos.length + 1 === 1 && kwGiven === 0 ? "was" : "were"} given`,
    );
  }
  pos.forEach((v, i) => {
    values.set(positional[i].name as string, v);
  });
  for (const [k, v] of Object.entries(kwargs)) {
    const f = fields.find((x) => x.name === k && x.init);
    if (f === undefined) throw new PyTypeError(`${fn} got an unexpected keyword argument '${k}'`);
    if (values.has(k)) throw new PyTypeError(`${fn} got multiple values for argument '${k}'`);
    values.set(k, v);
  }
  const missing = positional
    .filter((f) => !values.has(f.name as string) && !hasDefault(f))
    .map((f) => f.name as string);
  if (missing.length > 0) {
    throw new PyTypeError(
      `${fn} missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${quoteList(missing)}`,
    );
  }
  const missingKw = kwonly
    .filter((f) => !values.has(f.name as string) && !hasDefault(f))
    .map((f) => f.name as string);
  if (missingKw.length > 0) {
    throw new PyTypeError(
      `${fn} missing ${missingKw.length} required keyword-only argument${missingKw.length > 1 ? "s" : ""}: ${quoteList(missingKw)}`,
    );
  }
  for (const f of [...positional, ...kwonly]) {
    const n = f.name as string;
    if (values.has(n)) continue;
    values.set(n, f.default_factory !== MISSING ? call(f.default_factory) : f.default_);
  }
  return values;
}

/** The fields of a dataclass (with `all`, its pseudo-fields too), or null. */
function fieldMap(x: unknown, all = false): Map<string, Field> | null {
  if (x === null || x === undefined) return null;
  const cls = typeof x === "function" ? (x as Cls) : (x as object).constructor;
  const m = (cls as Cls)?.[FIELD_MAP];
  if (!(m instanceof Map)) return null;
  if (all) return m as Map<string, Field>;
  const own = new Map<string, Field>();
  for (const [n, f] of m as Map<string, Field>) if (f._field_type === "_FIELD") own.set(n, f);
  return own;
}

/**
 * A field of an instance, or AttributeError when it was never set (an instance made by
 * `object.__new__(cls)`, without `__init__`).
 */
function fieldOf(o: Record<string, unknown>, name: string): unknown {
  return checkAttr(o[name], o, name);
}

/** The `__repr__` methods `@dataclass` generated (pprint lays their instances out field by field). */
export const generatedReprs = new WeakSet<Function>();

/** `dataclasses.is_dataclass(obj)`. */
export function is_dataclass(x: unknown): boolean {
  return fieldMap(x) !== null;
}

/** `dataclasses.fields(obj_or_class)`: a tuple of `Field`. */
export function fields(x: unknown): Tuple {
  const m = fieldMap(x);
  if (m === null) throw new PyTypeError("must be called with a dataclass type or instance");
  return new Tuple([...m.values()]);
}

function isInstance(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && fieldMap(x) !== null;
}

function deepConvert(x: unknown, asTuple: boolean): unknown {
  if (isInstance(x)) {
    const fs = [...(fieldMap(x) as Map<string, Field>).keys()];
    if (asTuple) return new Tuple(fs.map((n) => deepConvert(x[n], true)));
    const d = new Dict();
    for (const n of fs) d.__setitem__(n, deepConvert(x[n], false));
    return d;
  }
  // As CPython: containers are rebuilt with their own type (a namedtuple from its fields, a
  // defaultdict with its factory); any other value is deep-copied.
  const conv = (v: unknown) => deepConvert(v, asTuple);
  if (Array.isArray(x)) {
    const items = x.map(conv);
    return x.constructor === Array ? items : call(typeOf(x), items);
  }
  if (x instanceof Tuple) {
    const items = x.items.map(conv);
    if (x.constructor === Tuple) return new Tuple(items);
    if ((typeOf(x) as { _fields?: unknown })._fields !== undefined)
      return call(typeOf(x), ...items);
    return call(typeOf(x), items);
  }
  if (x instanceof Dict) {
    const d = new Dict();
    for (const [k, v] of x.entries()) d.__setitem__(conv(k), conv(v));
    if (x.constructor === Dict) return d;
    const factory = (x as { default_factory?: unknown }).default_factory;
    if (factory !== undefined) return call(typeOf(x), factory, d);
    return call(
      typeOf(x),
      [...d.entries()].map(([k, v]) => new Tuple([k, v])),
    );
  }
  return deepcopy(x);
}

/** `dataclasses.asdict(obj)`: a deep conversion to dicts (lists, tuples and dicts copied). */
export function asdict(obj: unknown, ...rest: unknown[]): Dict {
  if (!isInstance(obj)) throw new PyTypeError("asdict() should be called on dataclass instances");
  const [, k] = splitKw(rest);
  const d = deepConvert(obj, false) as Dict;
  return k.dict_factory
    ? (call(
        k.dict_factory,
        [...d.entries()].map(([a, b]) => new Tuple([a, b])),
      ) as Dict)
    : d;
}

/** `dataclasses.astuple(obj)`. */
export function astuple(obj: unknown): Tuple {
  if (!isInstance(obj)) throw new PyTypeError("astuple() should be called on dataclass instances");
  return deepConvert(obj, true) as Tuple;
}

/** `dataclasses.replace(obj, /, **changes)`: a new instance through `__init__`. */
export function replace(obj: unknown, ...rest: unknown[]): unknown {
  if (!isInstance(obj)) throw new PyTypeError("replace() should be called on dataclass instances");
  return replaceFields(obj, rest);
}

/** A dataclass's `__replace__(self, /, **changes)` (`copy.replace`), CPython's `_replace`. */
function replaceFields(obj: Record<string, unknown>, rest: unknown[]): unknown {
  const [, changes] = splitKw(rest);
  const m = fieldMap(obj, true) as Map<string, Field>;
  const kwargs: Record<string, unknown> = {};
  for (const f of m.values()) {
    const n = f.name as string;
    if (f._field_type === "_FIELD_CLASSVAR") continue;
    if (f._field_type === "_FIELD_INITVAR") {
      if (n in changes) kwargs[n] = changes[n];
      else if (f.init && f.default_ === MISSING)
        throw new PyTypeError(`InitVar '${n}' must be specified with replace()`);
      continue;
    }
    if (!f.init) {
      if (n in changes)
        throw new PyTypeError(
          `field ${n} is declared with init=False, it cannot be specified with replace()`,
        );
      continue;
    }
    kwargs[n] = n in changes ? changes[n] : obj[n];
  }
  for (const k of Object.keys(changes)) if (!(k in kwargs) && !m.has(k)) kwargs[k] = changes[k];
  return call(obj.constructor, new Kw(kwargs));
}
