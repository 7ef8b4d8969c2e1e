/**
 * Python's `enum`: `Enum`, `IntEnum`, `StrEnum`, `Flag`, `IntFlag`, `ReprEnum`, `auto`, `unique`,
 * `FlagBoundary` (`STRICT`, `CONFORM`, `EJECT`, `KEEP`), with CPython 3.13's reprs, strs and errors.
 *
 * HOW A TRANSPILED ENUM CLASS MAPS ONTO THIS MODULE
 *
 * ```python
 * class Color(Enum):
 *     RED = 1
 *     GREEN = auto()
 *     def describe(self): ...
 * ```
 * is emitted as an ordinary transpiled class whose members are static fields, in definition order:
 * ```ts
 * class Color extends $py.enum.Enum {
 *   static RED: any = 1n;
 *   static GREEN: any = new $py.enum.auto();
 *   describe(): any { ... }
 * }
 * $py.pyclass(Color, "Color");   // must end by running the enum hook, see below
 * ```
 * The class becomes an enum when `enumclass(Color)` runs (idempotent, returns the class). It turns
 * every static field that is not a function, `_sunder_` or `__dunder__` name (nor listed in
 * `_ignore_`) into a member (an instance of `Color` with `_name_`/`_value_`, reachable as
 * `Color.RED`), resolves `auto()`, makes aliases of repeated values, checks `_order_` and installs
 * the class-level protocol (`Color(1)` via `new Color(1n)`, `Color["RED"]`, `len(Color)`,
 * iteration, `Color.__members__`, `<enum 'Color'>`). Two ways to get it called:
 * 1. `pyclass` runs Python's `__init_subclass__` protocol at its end:
 *    `Object.getPrototypeOf(cls).__init_subclass__?.call(cls)`; `Enum.__init_subclass__` calls
 *    `enumclass(this)` (a trailing `Kw` may carry the class keyword `boundary=`).
 *    (This is what `type.__new__` does in CPython.)
 * 2. Or the transpiler wraps enum classes explicitly: `const Color = $py.enum.enumclass($py.pyclass(class Color extends Enum {...}, "Color"))`.
 * Every class-level entry point (`Color(v)`, iteration, `Color[name]`, `unique`) also finalizes on
 * first use, but a plain `Color.RED` read needs one of the two above.
 * Members are made as CPython does: a user `__new__` (transpiled as a prototype method whose
 * `this` is the class) is called with the value's items and may set `_value_`
 * (`object.__new__(cls)`, `int.__new__(cls, v)`, `str.__new__(cls, v)` are available inside it);
 * then a user `__init__` is called with the value's items (`MERCURY = (3.3e23, 2.4e6)` with
 * `def __init__(self, mass, radius)`). A lookup `Color(value)` returns the member without running
 * `__init__` again (the transpiled constructor's `__init__` call is skipped once).
 *
 * The functional API `Enum("Color", "RED GREEN")` (names as a string, a list of names, a list of
 * pairs or a mapping; `start=`, `boundary=`, `module=`, `qualname=`) builds a subclass at run time.
 *
 * INT AND STR MEMBERS
 * Members of IntEnum/IntFlag/StrEnum are objects (they need identity and attributes), not JS
 * bigints/strings. They carry one marker the runtime's int/str checks understand: a getter
 * `__int_value__` (IntEnum, IntFlag) or `__str_value__` (StrEnum) returning `_value_`. With it,
 * `isinstance(m, int)`/`isinstance(m, str)` are True, dict keys normalize to the value (so
 * `{I.A: 1}[1]` and `{1: "x"}[I.A]` find each other), str functions accept StrEnum arguments, and
 * the classes list `int`/`str` as extra bases (`issubclass(I, int)`). Arithmetic, comparison,
 * hashing and formatting go through dunders installed here that act on `_value_` and return plain
 * values; the int methods (`bit_length`, `to_bytes`, `real`, ...) and every str method are
 * installed on the class prototypes and return plain ints/strs.
 *
 * Differences from CPython: see docs/DIFFERENCES.md (enum).
 */

import { eq, gt, lt, RICH_COMPARISONS } from "../compare";
import { Dict } from "../dict";
import { AttributeError, KeyError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { format as pyFormat } from "../format";
import { hash, hashStr } from "../hash";
import { type Kw, splitKw } from "../kw";
import { EXTRA_BASES_FIRST, isForwarder } from "../mro";
import { numberMethods } from "../numbermethods";
import { isInt, toBigInt } from "../numbers";
import { markBuiltinClass, NotImplemented } from "../objects";
import * as ops from "../operators";
import { contains, getitem, iter, len, toArray } from "../protocol";
import { str as pyStr, repr } from "../repr";
import { strMethods } from "../str";
import { Tuple } from "../tuple";
import { typeName } from "../types";

type EnumClass = any;

const FINAL = Symbol("enum finalized");
/** Marks a member's setter with the error of `del Color.RED` (protocol.ts, `objectDelattr`). */
const REFUSE_DELETE = Symbol.for("asyncio-ts.refuse-delete");

interface FlagInfo {
  boundary: Boundary;
  flagMask: bigint;
  singlesMask: bigint;
  allBits: bigint;
  /** `_iter_member_by_def_`: members' values are not in increasing definition order */
  byDef: boolean;
}

interface EnumMeta {
  /** `_member_names_` order: canonical members (for flags, single-bit ones) */
  members: Enum[];
  byName: Map<string, Enum>;
  /** name -> member, aliases included, definition order */
  memberMap: [string, Enum][];
  /** lookupKey(value) -> member, pseudo flag members included */
  byValue: Map<unknown, Enum>;
  /** members whose value has no lookup key (compared with `==`) */
  unkeyed: Enum[];
  flag: FlagInfo | null;
  /** a user `__init__` is guarded against re-running after a lookup */
  guardedInit: boolean;
}

function meta(cls: EnumClass): EnumMeta {
  enumclass(cls);
  return cls[FINAL] as EnumMeta;
}

const AUTO_NULL = Symbol("_auto_null");

/** `enum.auto()`: the value is generated by `_generate_next_value_` (or `auto(value)`). */
export class auto {
  static __module__ = "enum";
  value: unknown;
  constructor(value: unknown = AUTO_NULL) {
    this.value = value;
  }
  __repr__(): string {
    return `auto(${this.value === AUTO_NULL ? "_auto_null" : repr(this.value)})`;
  }
}

/** `enum.member(value)`: makes `value` a member even where it would not be (a function). */
export class member {
  static __module__ = "enum";
  constructor(readonly value: unknown) {}
}

/** `enum.nonmember(value)`: keeps `value` a plain class attribute. */
export class nonmember {
  static __module__ = "enum";
  constructor(readonly value: unknown) {}
}

/**
 * `A | B` of earlier `auto()` members in a class body: CPython has already replaced them by
 * their values there; here the operation is recorded and computed when the class is built.
 */
class AutoOp {
  constructor(
    readonly op: (...a: unknown[]) => unknown,
    readonly args: unknown[],
  ) {}
}
for (const [dunder, op] of [
  ["__or__", "or_"],
  ["__and__", "and_"],
  ["__xor__", "xor"],
  ["__add__", "add"],
  ["__sub__", "sub"],
  ["__mul__", "mul"],
  ["__lshift__", "lshift"],
] as const) {
  for (const target of [auto.prototype, AutoOp.prototype] as unknown as Record<string, unknown>[]) {
    target[dunder] = function (this: unknown, o: unknown) {
      return new AutoOp(
        (a, b) => (ops as unknown as Record<string, Function>)[op]!(a, b),
        [this, o],
      );
    };
    target[`__r${dunder.slice(2)}`] = function (this: unknown, o: unknown) {
      return new AutoOp(
        (a, b) => (ops as unknown as Record<string, Function>)[op]!(a, b),
        [o, this],
      );
    };
  }
}
for (const target of [auto.prototype, AutoOp.prototype] as unknown as Record<string, unknown>[]) {
  target.__invert__ = function (this: unknown) {
    return new AutoOp((a) => ops.invert(a), [this]);
  };
}

/** A class-body value with its `auto()`s replaced by the values they were given. */
function resolveAuto(v: unknown, resolved: Map<unknown, unknown>): unknown {
  if (v instanceof AutoOp) return v.op(...v.args.map((a) => resolveAuto(a, resolved)));
  if (v instanceof auto && resolved.has(v)) return resolved.get(v);
  return v;
}

/** Delete a class attribute (and the instance-side accessor `pyclass` made for it). */
function removeClassAttr(c: EnumClass, name: string): void {
  delete c[name];
  const d = Object.getOwnPropertyDescriptor(c.prototype, name);
  if (d !== undefined && d.get !== undefined) delete c.prototype[name];
}

function isDunder(name: string): boolean {
  return name.length > 4 && name.startsWith("__") && name.endsWith("__");
}
function isSunder(name: string): boolean {
  return (
    name.length > 2 &&
    name.startsWith("_") &&
    name.endsWith("_") &&
    name[1] !== "_" &&
    name[name.length - 2] !== "_"
  );
}

const SKIP = new Set(["length", "name", "prototype", "caller", "arguments"]);

/** The int or str an IntEnum/IntFlag/StrEnum member (or other marked object) stands for. */
function primitive(o: unknown): unknown {
  if (typeof o !== "object" || o === null) return undefined;
  const iv = (o as { __int_value__?: unknown }).__int_value__;
  if (iv !== undefined) return iv;
  return (o as { __str_value__?: unknown }).__str_value__;
}

/** An operand as the runtime's int/str when it is an int- or str-valued member. */
function unwrap(o: unknown): unknown {
  const p = primitive(o);
  return p === undefined ? o : p;
}

/** Hashable primitive key for fast value lookup (numbers normalized like dict keys). */
function lookupKey(value: unknown): unknown {
  if (typeof value === "string") return `s:${value}`;
  if (typeof value === "bigint") return `n:${value}`;
  if (typeof value === "boolean") return `n:${value ? 1 : 0}`;
  if (typeof value === "number" && Number.isInteger(value)) return `n:${BigInt(value)}`;
  if (typeof value === "number") return `f:${value}`;
  if (value === null || value === undefined) return "None";
  const p = primitive(value);
  return p === undefined ? undefined : lookupKey(p);
}

function findLookup(m: EnumMeta, value: unknown): Enum | undefined {
  const key = lookupKey(value);
  if (key !== undefined) return m.byValue.get(key);
  return m.unkeyed.find((x) => eq(x._value_, value));
}

function isFlagClass(cls: EnumClass): boolean {
  return cls === Flag || cls.prototype instanceof Flag;
}
function isIntClass(cls: EnumClass): boolean {
  return cls.prototype instanceof IntEnum || cls === IntFlag || cls.prototype instanceof IntFlag;
}

/** The mixed-in data type of an enum class (`_member_type_`): int, str, or null for object. */
function memberType(cls: EnumClass): Function | null {
  const B = require("../builtins") as { int: Function; str: Function };
  if (isIntClass(cls) || cls.prototype instanceof _IntMixinEnum) return B.int;
  if (cls.prototype instanceof StrEnum) return B.str;
  return null;
}

/** `dir(x)` of the builtins. */
function pyDir(x: unknown): string[] {
  return (require("../dir") as typeof import("../dir")).dir(x);
}

/**
 * What `object.__dir__(member)` lists for a member with a data type mixed in, besides the data
 * type's names and the program's: enum.py's attributes of `Enum` and of the enum class
 * (`_member_map_`, ...), and the member's own (`_name_`, `__objclass__`, ...).
 */
const MIXED_MEMBER_DIR = (
  "__copy__ __deepcopy__ __dict__ __firstlineno__ __module__ __objclass__ __signature__ " +
  "__static_attributes__ __weakref__ _add_alias_ _add_value_alias_ _generate_next_value_ " +
  "_member_map_ _member_names_ _member_type_ _missing_ _name_ _new_member_ _sort_order_ " +
  "_unhashable_values_ _unhashable_values_map_ _use_args_ _value2member_map_ _value_ " +
  "_value_repr_ name value"
).split(" ");
/** ... and `Flag`'s, for an IntFlag member. */
const FLAG_MEMBER_DIR = (
  "__contains__ __iter__ __len__ _all_bits_ _boundary_ _flag_mask_ _get_value _inverted_ " +
  "_iter_member_ _iter_member_by_def_ _iter_member_by_value_ _numeric_repr_ _singles_mask_"
).split(" ");

/** The hook `dir()` calls on a class or an object defining it (dir.ts). */
const DIR = Symbol.for("asyncio-ts.dir");

function isSingleBit(v: bigint): boolean {
  return v > 0n && (v & (v - 1n)) === 0n;
}
function bitLen(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(2).length;
}

/** One member object: `_name_`/`_value_` as non-enumerable writable slots. */
function setSlots(member: object, name: string | null, value: unknown): void {
  Object.defineProperty(member, "_name_", {
    value: name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(member, "_value_", {
    value,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
function newMember(cls: EnumClass, name: string | null, value: unknown): Enum {
  const member = Object.create(cls.prototype) as Enum;
  setSlots(member, name, value);
  return member;
}

/** A function defined by a user class between `cls.prototype` and the library bases. */
function userProto(cls: EnumClass, name: string): Function | undefined {
  for (let p = cls.prototype; p !== null && !BASE_PROTOS.has(p); p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    // A static method's forwarder (lang.ts `pyclass`) is not a method of the body: the class's
    // own static (`@staticmethod def _generate_next_value_`) is what the caller falls back to.
    if (d !== undefined && typeof d.value === "function" && !isForwarder(d.value))
      return d.value as Function;
  }
  return undefined;
}

// ---- `__init__` is not re-run after a lookup

const WRAPPED = Symbol("enum __init__ wrapper");
/** The member a lookup just returned: the transpiled constructor's `__init__` call skips it. */
let skipInit: unknown = null;

/** Wrap the user `__init__` (own on some prototype of `cls`) so a lookup does not re-run it. */
function guardInit(cls: EnumClass): boolean {
  for (let p = cls.prototype; p !== null && !BASE_PROTOS.has(p); p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, "__init__");
    if (d === undefined || typeof d.value !== "function") continue;
    if ((d.value as { [WRAPPED]?: boolean })[WRAPPED]) return true;
    const user = d.value as (...a: unknown[]) => unknown;
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      if (skipInit === this) {
        skipInit = null;
        return null;
      }
      return user.apply(this, args);
    };
    for (const k of Object.getOwnPropertyNames(user)) {
      if (
        k !== "length" &&
        k !== "name" &&
        k !== "prototype" &&
        k !== "arguments" &&
        k !== "caller"
      )
        Object.defineProperty(wrapper, k, Object.getOwnPropertyDescriptor(user, k)!);
    }
    Object.defineProperty(wrapper, "name", { value: user.name });
    Object.defineProperty(wrapper, WRAPPED, { value: true });
    Object.defineProperty(p, "__init__", { ...d, value: wrapper });
    return true;
  }
  return false;
}

// ---- builtin `__new__`s a user `__new__` calls

function ensureBuiltinNews(): void {
  const B = require("../builtins") as Record<string, Record<string, unknown>>;
  const def = (t: Record<string, unknown>, f: (cls: EnumClass, ...a: unknown[]) => object) => {
    if (!Object.hasOwn(t, "__new__"))
      Object.defineProperty(t, "__new__", { value: f, writable: true, configurable: true });
  };
  def(B.object, (cls: EnumClass) => Object.create(cls.prototype));
  def(B.int, (cls: EnumClass, ...a: unknown[]) => {
    const o = Object.create(cls.prototype);
    setSlots(o, null, (B.int as unknown as (...a: unknown[]) => unknown)(...a));
    return o;
  });
  def(B.str, (cls: EnumClass, ...a: unknown[]) => {
    const o = Object.create(cls.prototype);
    setSlots(o, null, (B.str as unknown as (...a: unknown[]) => unknown)(...a));
    return o;
  });
}

// ---- class creation

/** Names listed by `_ignore_` (a str of names or a list of str). */
function namesList(v: unknown): string[] {
  if (typeof v === "string")
    return v
      .replace(/,/g, " ")
      .split(/\s+/)
      .filter((s) => s !== "");
  return toArray(v).map((x) => x as string);
}

/**
 * Turn a transpiled class extending Enum (or IntEnum, StrEnum, Flag, IntFlag) into an enum: see
 * the header. Idempotent; returns the class.
 */
export function enumclass<C>(cls: C, boundary?: unknown): C {
  const c = cls as EnumClass;
  if (Object.hasOwn(c, FINAL)) return cls;
  const entries: [string, unknown][] = [];
  if (!BASES.has(c)) {
    const ignore = Object.hasOwn(c, "_ignore_") ? namesList(c._ignore_) : [];
    for (const name of [...ignore, "_ignore_"]) removeClassAttr(c, name);
    for (const name of Object.getOwnPropertyNames(c)) {
      if (SKIP.has(name) || isDunder(name) || isSunder(name)) continue;
      if (name.startsWith(`_${className(c)}__`)) continue;
      const desc = Object.getOwnPropertyDescriptor(c, name)!;
      // `enum.member(x)` is a member whatever `x` is; `enum.nonmember(x)` is the attribute `x`.
      if (desc.value instanceof member) {
        entries.push([name, desc.value.value]);
        continue;
      }
      if (desc.value instanceof nonmember) {
        Object.defineProperty(c, name, { ...desc, value: desc.value.value });
        continue;
      }
      // Methods, and descriptors bound in the body (`f = property(f)`), are no members.
      if (!("value" in desc) || isDescriptor(desc.value)) continue;
      entries.push([name, desc.value]);
    }
  }
  buildEnum(c, entries, boundary);
  return cls;
}

function buildEnum(c: EnumClass, entries: [string, unknown][], boundary: unknown): void {
  const m: EnumMeta = {
    members: [],
    byName: new Map(),
    memberMap: [],
    byValue: new Map(),
    unkeyed: [],
    flag: null,
    guardedInit: false,
  };
  Object.defineProperty(c, FINAL, { value: m, enumerable: false, configurable: true });
  const flag = isFlagClass(c);
  const kind = flag ? "flag" : "enum";
  Object.defineProperty(c, "__repr__", {
    value: () => `<${kind} '${className(c)}'>`,
    configurable: true,
    writable: true,
  });
  if (flag) {
    const parent = Object.getPrototypeOf(c);
    const inherited = parent?.[FINAL]?.flag?.boundary as Boundary | undefined;
    m.flag = {
      boundary: checkBoundary(boundary ?? (c === IntFlag ? KEEP : inherited) ?? null, c),
      flagMask: 0n,
      singlesMask: 0n,
      allBits: 0n,
      byDef: false,
    };
  }
  if (BASES.has(c)) return;
  // CPython's `_check_for_existing_members_`: an enum with members cannot be subclassed.
  for (let b = Object.getPrototypeOf(c); typeof b === "function"; b = Object.getPrototypeOf(b)) {
    const bm = Object.hasOwn(b, FINAL) ? (b[FINAL] as EnumMeta) : null;
    if (bm !== null && bm.memberMap.length > 0)
      throw new PyTypeError(`<enum '${className(c)}'> cannot extend ${repr(b)}`);
  }
  if (!loading) ensureProxies();
  const order = Object.hasOwn(c, "_order_") ? c._order_ : null;
  if (order !== null) removeClassAttr(c, "_order_");

  const userNew = userProto(c, "__new__");
  if (userNew !== undefined) ensureBuiltinNews();
  const userInit = userProto(c, "__init__");
  m.guardedInit = guardInit(c);
  const intKind = isIntClass(c);
  const strKind = c.prototype instanceof StrEnum;
  // `class C(str, Enum)` converts its values with str(); StrEnum requires strs
  const strConvert = c.prototype instanceof _StrMixinEnum;
  const gnv = userProto(c, "_generate_next_value_");
  const lastValues: unknown[] = [];
  const resolved = new Map<unknown, unknown>();
  for (const [name, raw] of entries) {
    let value = resolveAuto(raw, resolved);
    if (value instanceof auto && value.value !== AUTO_NULL) {
      resolved.set(value, value.value);
      value = value.value;
    } else if (value instanceof auto) {
      const a = value;
      const count = BigInt(m.memberMap.length);
      value =
        gnv !== undefined
          ? gnv.call(name, 1n, count, [...lastValues])
          : c._generate_next_value_(name, 1n, count, [...lastValues]);
      resolved.set(a, value);
    }
    lastValues.push(value);
    const args = value instanceof Tuple ? [...value.items] : [value];
    let member: Enum;
    if (userNew !== undefined) {
      member = userNew.apply(c, args) as Enum;
      if (!Object.hasOwn(member, "_value_")) {
        setSlots(member, name, intKind ? toInt(args) : strKind ? toStr(args, strConvert) : value);
      } else {
        setSlots(member, name, member._value_);
      }
    } else {
      member = newMember(
        c,
        name,
        intKind ? toInt(args) : strKind ? toStr(args, strConvert) : value,
      );
    }
    if (userInit !== undefined) userInit.apply(member, args);
    const stored = member._value_;
    if (m.flag !== null && isInt(stored)) {
      const v = toBigInt(stored);
      m.flag.flagMask |= v;
      if (isSingleBit(v)) m.flag.singlesMask |= v;
      m.flag.allBits = (1n << BigInt(bitLen(m.flag.flagMask))) - 1n;
    }
    const existing = findLookup(m, stored);
    if (existing !== undefined) {
      member = existing; // an alias
    } else {
      if (m.flag === null || (isInt(stored) && isSingleBit(toBigInt(stored))))
        m.members.push(member);
      const key = lookupKey(stored);
      if (key !== undefined) m.byValue.set(key, member);
      else m.unkeyed.push(member);
    }
    m.byName.set(name, member);
    m.memberMap.push([name, member]);
    // An accessor: `Color.RED = v` is CPython's AttributeError, not JS's read-only TypeError;
    // `del Color.RED` too (protocol.ts, `objectDelattr`).
    const set = () => {
      throw new AttributeError(`cannot reassign member '${name}'`);
    };
    Object.defineProperty(set, REFUSE_DELETE, {
      value: () => {
        throw new AttributeError(`'${className(c)}' cannot delete member '${name}'.`);
      },
    });
    Object.defineProperty(c, name, {
      get: () => member,
      set,
      enumerable: true,
      configurable: true,
    });
  }
  if (m.flag !== null) {
    const vals = m.members.map((x) => toBigInt(x._value_ as bigint));
    m.flag.byDef = vals.some((v, i) => i > 0 && v < vals[i - 1]!);
  }
  if (order !== null) checkOrder(m, namesList(order));
}

function toInt(args: unknown[]): bigint {
  if (args.length === 1 && isInt(args[0])) return toBigInt(args[0]);
  const B = require("../builtins") as { int: (...a: unknown[]) => bigint };
  return B.int(...args);
}

function toStr(args: unknown[], convert: boolean): string {
  if (args.length > 3)
    throw new PyTypeError(`too many arguments for str(): ${repr(new Tuple(args))}`);
  if (args.length === 1 && typeof args[0] !== "string" && !convert) {
    throw new PyTypeError(`${repr(args[0])} is not a string`);
  }
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  const B = require("../builtins") as { str: (...a: unknown[]) => string };
  return B.str(...args);
}

/** `_order_` checking, CPython's steps 2-4. */
function checkOrder(m: EnumMeta, order: string[]): void {
  let names = order;
  if (m.flag !== null) {
    names = names.filter((o) => {
      const x = m.byName.get(o);
      return x === undefined || (isInt(x._value_) && isSingleBit(toBigInt(x._value_)));
    });
  }
  const canonical = m.members.map((x) => x._name_);
  names = names.filter((o) => !m.byName.has(o) || canonical.includes(o));
  if (names.length !== canonical.length || names.some((n, i) => n !== canonical[i])) {
    throw new PyTypeError(
      `member order does not match _order_:\n  ${repr(canonical)}\n  ${repr(names)}`,
    );
  }
}

function className(cls: EnumClass): string {
  return (Object.hasOwn(cls, "__name__") ? cls.__name__ : cls.name) as string;
}
function classQualname(cls: EnumClass): string {
  return (Object.hasOwn(cls, "__qualname__") ? cls.__qualname__ : className(cls)) as string;
}

/** A read-only view of a class's members: `mappingproxy({...})`. */
class MappingProxy extends Dict {
  override __repr__(): string {
    return `mappingproxy(${super.__repr__()})`;
  }
  __str__(): string {
    return super.__repr__();
  }
}

// ---- functional API

const NOT_GIVEN = Symbol("not given");

/** `Enum("Color", names, *, module, qualname, type, start, boundary)`: a new enum class. */
function functionalApi(base: EnumClass, className_: unknown, names: unknown, kws: Kw["kwargs"]) {
  const k = kws as Record<string, unknown>;
  for (const key of Object.keys(k)) {
    if (!["module", "qualname", "type", "start", "boundary"].includes(key)) {
      throw new PyTypeError(`EnumType.__call__() got an unexpected keyword argument '${key}'`);
    }
  }
  if (k.type !== undefined && k.type !== null) {
    throw new PyTypeError("asyncio-ts: the functional enum API does not support type=");
  }
  const start = k.start ?? 1n;
  const name = className_ as string;
  const cls = {
    [name]: class extends (base as new (...a: unknown[]) => object) {},
  }[name] as EnumClass;
  const define = (key: string, value: unknown) =>
    Object.defineProperty(cls, key, { value, writable: true, configurable: true });
  define("__name__", name);
  define("__qualname__", k.qualname ?? name);
  define("__module__", k.module ?? "__main__");
  let items: unknown = names === NOT_GIVEN || names === null ? [] : names;
  if (typeof items === "string") items = namesList(items);
  let pairs: [string, unknown][] = [];
  const seq = Array.isArray(items) ? items : items instanceof Tuple ? items.items : null;
  if (seq !== null && seq.length > 0 && typeof seq[0] === "string") {
    const last: unknown[] = [];
    const gnv = base._generate_next_value_;
    seq.forEach((n, i) => {
      const v = gnv.call(base, n, start, BigInt(i), [...last]);
      last.push(v);
      pairs.push([n as string, v]);
    });
  } else if (items instanceof Dict) {
    pairs = [...items.entries()].map(([a, b]) => [a as string, b]);
  } else {
    for (const item of iter(items)) {
      if (typeof item === "string") pairs.push([item, getitem(items, item)]);
      else {
        const [a, b] = toArray(item);
        pairs.push([a as string, b]);
      }
    }
  }
  // CPython's `_EnumDict.__setitem__`: a name given twice.
  const seen = new Map<string, unknown>();
  for (const [n, v] of pairs) {
    if (seen.has(n)) throw alreadyDefined(n, seen.get(n));
    seen.set(n, v);
  }
  for (const [n, v] of pairs) {
    Object.defineProperty(cls, n, {
      value: v,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  }
  buildEnum(cls, pairs, k.boundary);
  return cls;
}

// ---- a name bound twice in the class body

function alreadyDefined(name: string, value: unknown): Error {
  return new PyTypeError(`${repr(name)} already defined as ${repr(value)}`);
}

/** CPython's `_is_descriptor`: a function, or an object with `__get__`/`__set__`/`__delete__`. */
function isDescriptor(v: unknown): boolean {
  if (typeof v === "function") return true;
  if (typeof v !== "object" || v === null) return false;
  return "__get__" in v || "__set__" in v || "__delete__" in v;
}

/** The value the class body bound to the member `name` so far, its `auto()` resolved. */
function boundValue(c: EnumClass, name: string): unknown {
  const last: unknown[] = [];
  const gnv = userProto(c, "_generate_next_value_");
  for (const n of Object.getOwnPropertyNames(c)) {
    if (SKIP.has(n) || isDunder(n) || isSunder(n)) continue;
    const d = Object.getOwnPropertyDescriptor(c, n)!;
    if (!("value" in d) || isDescriptor(d.value)) continue;
    let v = d.value as unknown;
    if (v instanceof auto) {
      const count = BigInt(last.length);
      if (v.value !== AUTO_NULL) v = v.value;
      else if (gnv !== undefined) v = gnv.call(n, 1n, count, [...last]);
      else v = c._generate_next_value_(n, 1n, count, [...last]);
    }
    if (n === name) return v;
    last.push(v);
  }
  return undefined;
}

/**
 * A name of an enum class body bound again (`A = 2` after `A = 1`; `_redefine(C, "A")` for a
 * `def A` after it), called by the transpiled class body where CPython's class dict
 * (`_EnumDict.__setitem__`) checks it: a member's name cannot be bound again, nor a name bound to
 * a descriptor (a method, a property) become a member. Returns the value to store.
 */
export function _redefine(cls: unknown, name: string, ...value: unknown[]): unknown {
  const c = cls as EnumClass;
  const d = Object.getOwnPropertyDescriptor(c, name);
  if (d !== undefined && "value" in d) {
    const member = !isDescriptor(d.value);
    if (member) throw alreadyDefined(name, boundValue(c, name));
    if (value.length > 0 && !isDescriptor(value[0])) throw alreadyDefined(name, d.value);
  }
  return value[0];
}

/**
 * `A = value` in an enum class body after a `def A` or `class A` bound the name (`previous`
 * gives what it bound): CPython's class dict makes no member of a name bound to a descriptor,
 * and refuses the value unless it is a descriptor too (`f = property(f)`). Returns the value.
 */
export function _rebind(name: string, value: unknown, previous: () => unknown): unknown {
  if (!isDescriptor(value)) throw alreadyDefined(name, previous());
  return value;
}

// ---- Enum

/** `enum.Enum`. */
export class Enum {
  static __module__ = "enum";
  declare _name_: string;
  declare _value_: unknown;

  /** `Color(value)`: the member with that value (members are singletons); see the header. */
  constructor(...args: unknown[]) {
    const cls = new.target as EnumClass;
    const [pos, kws] = splitKw(args);
    const m = meta(cls);
    let result: unknown;
    if (m.memberMap.length > 0) {
      if (Object.keys(kws).length > 0) {
        throw new PyTypeError(
          `EnumType.__call__() got an unexpected keyword argument '${Object.keys(kws)[0]}'`,
        );
      }
      result = lookupByValue(cls, pos.length > 1 ? new Tuple(pos) : pos[0]);
      // A constructor cannot return a bigint: an EJECTed value comes back as an int stand-in.
      if (typeof result === "bigint") result = new EjectedInt(result);
      if (m.guardedInit) skipInit = result;
    } else {
      if (pos.length === 0) {
        throw new PyTypeError(
          "EnumType.__call__() missing 1 required positional argument: 'value'",
        );
      }
      const names = pos.length > 1 ? pos[1] : NOT_GIVEN;
      if (names === NOT_GIVEN && (kws as { type?: unknown }).type === undefined) {
        throw new PyTypeError(
          `${pyStr(cls)} has no members; specify \`names=()\` if you meant to create a new, empty, enum`,
        );
      }
      result = functionalApi(cls, pos[0], names, kws);
    }
    // biome-ignore lint/correctness/noConstructorReturn: Python's EnumType.__call__ returns the member
    return result as Enum;
  }

  /** Python's class-creation hook; see the header. */
  static __init_subclass__(this: EnumClass, ...args: unknown[]): void {
    const [, kws] = splitKw(args);
    enumclass(this, (kws as { boundary?: unknown }).boundary);
  }

  static _generate_next_value_(
    _name: string,
    start: unknown,
    _count: unknown,
    lastValues: unknown[],
  ): unknown {
    if (lastValues.length === 0) return start;
    let last: unknown;
    try {
      const sorted = [...lastValues];
      sorted.sort((a, b) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
      last = sorted[sorted.length - 1];
    } catch {
      throw new PyTypeError("unable to sort non-numeric values");
    }
    try {
      return ops.add(last, 1n);
    } catch {
      throw new PyTypeError(`unable to increment ${repr(last)}`);
    }
  }

  static _missing_(_value: unknown): unknown {
    return null;
  }

  static get __members__(): MappingProxy {
    const d = new MappingProxy();
    for (const [k, v] of meta(this).memberMap) d.__setitem__(k, v);
    return d;
  }

  static get _member_names_(): string[] {
    return meta(this).members.map((x) => x._name_);
  }

  static get _member_map_(): Dict {
    const d = new Dict();
    for (const [k, v] of meta(this).memberMap) d.__setitem__(k, v);
    return d;
  }

  /** `_value2member_map_`: value -> member for the hashable values (pseudo-flags included). */
  static get _value2member_map_(): Dict {
    const m = meta(this);
    const d = new Dict();
    for (const [, member] of m.memberMap) {
      try {
        if (!d.__contains__(member._value_)) d.__setitem__(member._value_, member);
      } catch (e) {
        if (!(e instanceof PyTypeError)) throw e; // an unhashable value
      }
    }
    // Pseudo-members of flags, under their value (and a negative int's, `F(-1)`).
    for (const [key, member] of m.byValue) {
      const value =
        lookupKey(member._value_) === key ? member._value_ : BigInt((key as string).slice(2));
      if (!d.__contains__(value)) d.__setitem__(value, member);
    }
    return d;
  }

  /** `dir(SomeEnum)`: CPython's `EnumType.__dir__` (called by dir.ts). */
  static [DIR](this: EnumClass): string[] {
    const names = new Set([
      "__class__",
      "__contains__",
      "__doc__",
      "__getitem__",
      "__init_subclass__",
      "__iter__",
      "__len__",
      "__members__",
      "__module__",
      "__name__",
      "__qualname__",
      ...meta(this).members.map((x) => x._name_),
    ]);
    if (userProto(this, "__new__") !== undefined) names.add("__new__");
    const mixed = memberType(this);
    if (mixed !== null) for (const n of pyDir(mixed)) names.add(n);
    return [...names].sort();
  }

  /**
   * `dir(member)`: CPython's `Enum.__dir__` (called by dir.ts). A member of a plain Enum lists
   * the public names of its class and itself; one with a data type mixed in (IntEnum, StrEnum,
   * IntFlag, `class C(str, Enum)`) lists `object.__dir__(member)`, every name along the MRO:
   * the data type's, enum.py's own (MIXED_MEMBER_DIR) and the program's classes'.
   */
  [DIR](): string[] {
    const cls = this.constructor as EnumClass;
    const mixed = memberType(cls);
    const members = new Set(meta(cls).memberMap.map(([n]) => n));
    const names = new Set(["__class__", "__doc__", "__eq__", "__hash__", "__module__"]);
    const add =
      mixed === null
        ? (n: string) => {
            if (!n.startsWith("_") && !members.has(n)) names.add(n);
          }
        : (n: string) => names.add(n);
    if (mixed !== null) {
      for (const n of pyDir(mixed)) names.add(n);
      for (const n of MIXED_MEMBER_DIR) names.add(n);
      if (isFlagClass(cls)) for (const n of FLAG_MEMBER_DIR) names.add(n);
      // StrEnum's `__new__` (or the program's) is kept as the class's `__new_member__`.
      const strEnum = cls.prototype instanceof StrEnum && !(cls.prototype instanceof _StrMixinEnum);
      if (strEnum || userProto(cls, "__new__") !== undefined) names.add("__new_member__");
      for (const n of members) names.add(n);
      // A flag's pseudo-member (`F.A | F.B`, `F(0)`) is made without them.
      if (!meta(cls).memberMap.some(([, m]) => m === this)) {
        names.delete("__objclass__");
        names.delete("_sort_order_");
      }
    }
    for (const n of Object.keys(this)) add(n);
    const { classDictNames } = require("../dir") as typeof import("../dir");
    const { isTranspiledClass } = require("../descriptors") as typeof import("../descriptors");
    const { mro } = require("../types") as typeof import("../types");
    for (const K of mro(cls)) {
      if (K === Enum) for (const n of ["name", "value"]) names.add(n);
      else if (isTranspiledClass(K)) {
        const own = new Set<string>();
        classDictNames(K, own);
        for (const n of own) add(n);
      }
    }
    return [...names].sort();
  }

  static __getitem__(name: unknown): Enum {
    const member = meta(this).byName.get(name as string);
    if (member === undefined) throw new KeyError(name);
    return member;
  }

  static __len__(): bigint {
    return BigInt(meta(this).members.length);
  }

  static __iter__(): IterableIterator<Enum> {
    return meta(this).members[Symbol.iterator]();
  }

  static [Symbol.iterator](): IterableIterator<Enum> {
    return meta(this).members[Symbol.iterator]();
  }

  static __reversed__(): IterableIterator<Enum> {
    return [...meta(this).members].reverse()[Symbol.iterator]();
  }

  static __contains__(value: unknown): boolean {
    const m = meta(this);
    if (value instanceof this) return true;
    return findLookup(m, value) !== undefined;
  }

  static __bool__(): boolean {
    return true;
  }

  get name(): string {
    return this._name_;
  }

  /** enum.property's `__set__`: a member's `name` and `value` are read-only. */
  set name(_v: string) {
    throw new AttributeError(`<enum 'Enum'> cannot set attribute 'name'`);
  }

  get value(): unknown {
    return this._value_;
  }

  set value(_v: unknown) {
    throw new AttributeError(`<enum 'Enum'> cannot set attribute 'value'`);
  }

  __init__(..._args: unknown[]): null {
    return null;
  }

  __repr__(): string {
    return `<${className(this.constructor)}.${this._name_}: ${repr(this._value_)}>`;
  }

  __str__(): string {
    return `${className(this.constructor)}.${this._name_}`;
  }

  __format__(spec: string): string {
    return pyFormat(pyStr(this), spec);
  }

  __hash__(): bigint {
    return hashStr(this._name_);
  }

  /** Members are singletons: `copy.copy`/`copy.deepcopy` return them. */
  __copy__(): this {
    return this;
  }
  __deepcopy__(_memo: unknown): this {
    return this;
  }

  __reduce_ex__(): Tuple {
    return new Tuple([this.constructor, new Tuple([this._value_])]);
  }
}

function lookupByValue(cls: EnumClass, value: unknown): unknown {
  const m = meta(cls);
  if (value !== null && typeof value === "object" && value.constructor === cls) return value;
  const found = findLookup(m, value);
  if (found !== undefined) return found;
  const missing = cls._missing_(value);
  if (missing instanceof cls) return missing;
  if (m.flag !== null && m.flag.boundary === EJECT && isInt(missing)) return missing;
  if (missing !== null) {
    throw new PyTypeError(
      `error in ${className(cls)}._missing_: returned ${repr(missing)} instead of None or a valid member`,
    );
  }
  throw new ValueError(`${repr(value)} is not a valid ${classQualname(cls)}`);
}

/** `enum.ReprEnum`: repr of Enum, str/format/hash of the mixed-in type. */
export class ReprEnum extends Enum {
  override __str__(): string {
    return pyStr(this._value_);
  }
  override __format__(spec: string): string {
    // int.__format__/str.__format__ with an empty spec give str(self): a class's own __str__.
    if (spec === "") return pyStr(this);
    return pyFormat(this._value_, spec);
  }
  override __hash__(): bigint {
    return hash(this._value_);
  }
}

/** Comparisons of an int/str member act on its value. */
function installCompare(proto: Record<string, unknown>): void {
  for (const [dunder, f] of RICH_COMPARISONS) {
    proto[dunder] = function (this: Enum, o: unknown) {
      return f(this._value_, unwrap(o));
    };
  }
}

const INT_OPS: [string, string][] = [
  ["__add__", "add"],
  ["__sub__", "sub"],
  ["__mul__", "mul"],
  ["__truediv__", "truediv"],
  ["__floordiv__", "floordiv"],
  ["__mod__", "mod"],
  ["__pow__", "pow"],
  ["__lshift__", "lshift"],
  ["__rshift__", "rshift"],
  ["__and__", "and_"],
  ["__or__", "or_"],
  ["__xor__", "xor"],
];

/** The int protocol of IntEnum/IntFlag members, on `_value_`, returning plain ints. */
function installIntOps(proto: Record<string, unknown>, skip: Set<string>): void {
  const table = ops as unknown as Record<string, (a: unknown, b: unknown) => unknown>;
  for (const [dunder, op] of INT_OPS) {
    if (skip.has(dunder)) continue;
    proto[dunder] = function (this: Enum, o: unknown) {
      return table[op]!(this._value_, unwrap(o));
    };
    proto[`__r${dunder.slice(2)}`] = function (this: Enum, o: unknown) {
      return table[op]!(unwrap(o), this._value_);
    };
  }
  const unary = (name: string, f: (v: bigint, ...a: unknown[]) => unknown) => {
    proto[name] = function (this: Enum, ...a: unknown[]) {
      return f(this._value_ as bigint, ...a);
    };
  };
  unary("__neg__", (v) => -v);
  unary("__pos__", (v) => v);
  unary("__abs__", (v) => (v < 0n ? -v : v));
  if (!skip.has("__invert__")) unary("__invert__", (v) => ~v);
  unary("__index__", (v) => v);
  unary("__int__", (v) => v);
  unary("__trunc__", (v) => v);
  unary("__floor__", (v) => v);
  unary("__ceil__", (v) => v);
  unary("__float__", (v) => Number(v));
  unary("__bool__", (v) => v !== 0n);
  unary("__round__", (v, ...a) => {
    const B = require("../builtins") as { round: (...a: unknown[]) => unknown };
    return B.round(v, ...a);
  });
  unary("__divmod__", (v, o) => {
    const B = require("../builtins") as { divmod: (a: unknown, b: unknown) => unknown };
    return B.divmod(v, unwrap(o));
  });
  unary("__rdivmod__", (v, o) => {
    const B = require("../builtins") as { divmod: (a: unknown, b: unknown) => unknown };
    return B.divmod(unwrap(o), v);
  });
  Object.defineProperty(proto, "__int_value__", {
    get(this: Enum) {
      return this._value_;
    },
    configurable: true,
  });
  for (const [attr, f] of [
    ["real", (v: bigint) => v],
    ["numerator", (v: bigint) => v],
    ["imag", () => 0n],
    ["denominator", () => 1n],
  ] as const) {
    Object.defineProperty(proto, attr, {
      get(this: Enum) {
        return f(this._value_ as bigint);
      },
      configurable: true,
    });
  }
}

/** `enum.IntEnum`: members are ints. */
export class IntEnum extends ReprEnum {
  /** A member has int's methods (`self.bit_length()` in a method type-checks). */
  [name: string]: any;
  /** `IntEnum.__bases__` is `(int, ReprEnum)`. */
  static get __extra_bases__(): unknown[] {
    return [(require("../builtins") as { int: unknown }).int];
  }
  static readonly [EXTRA_BASES_FIRST] = true;
}
installCompare(IntEnum.prototype as unknown as Record<string, unknown>);
installIntOps(IntEnum.prototype as unknown as Record<string, unknown>, new Set());

/** `enum.StrEnum`: members are strs; `auto()` gives the lower-cased name. */
export class StrEnum extends ReprEnum {
  /** A member has str's methods (`self.upper()` in a method type-checks). */
  [name: string]: any;
  /** `StrEnum.__bases__` is `(str, ReprEnum)`. */
  static get __extra_bases__(): unknown[] {
    return [(require("../builtins") as { str: unknown }).str];
  }
  static readonly [EXTRA_BASES_FIRST] = true;
  static override _generate_next_value_(name: string): unknown {
    return name.toLowerCase();
  }
  get __str_value__(): string {
    return this._value_ as string;
  }
  __len__(): bigint {
    return len(this._value_);
  }
  __add__(o: unknown): unknown {
    return ops.add(this._value_, unwrap(o));
  }
  __radd__(o: unknown): unknown {
    return ops.add(unwrap(o), this._value_);
  }
  __mul__(o: unknown): unknown {
    return ops.mul(this._value_, unwrap(o));
  }
  __rmul__(o: unknown): unknown {
    return ops.mul(unwrap(o), this._value_);
  }
  __mod__(o: unknown): unknown {
    return ops.mod(this._value_, o);
  }
  __getitem__(k: unknown): unknown {
    return getitem(this._value_, k);
  }
  __contains__(x: unknown): boolean {
    return contains(this._value_, unwrap(x));
  }
  __iter__(): Iterator<unknown> {
    return iter(this._value_) as Iterator<unknown>;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return iter(this._value_) as Iterator<unknown>;
  }
}
installCompare(StrEnum.prototype as unknown as Record<string, unknown>);

let proxiesInstalled = false;
/** True while this module loads (the str/int method tables may not be loaded yet). */
let loading = true;

/** Every str method on StrEnum members and the int methods on IntEnum/IntFlag members. */
function ensureProxies(): void {
  if (proxiesInstalled) return;
  proxiesInstalled = true;
  const install = (proto: object, table: Record<string, Function>) => {
    for (const name of Object.keys(table)) {
      if (name in proto) continue;
      const f = table[name]!;
      Object.defineProperty(proto, name, {
        value: function (this: Enum, ...args: unknown[]) {
          return f(this._value_, ...args);
        },
        writable: true,
        configurable: true,
      });
      Object.defineProperty((proto as Record<string, Function>)[name]!, "name", { value: name });
    }
  };
  install(StrEnum.prototype, strMethods as unknown as Record<string, Function>);
  // Python sees `(str, Enum)` / `(int, Enum)` as the bases of the mix-in enums' subclasses.
  const B = require("../builtins") as { str: Function; int: Function };
  const M = require("../mro") as typeof import("../mro");
  M.hiddenBase(_StrMixinEnum, [B.str, Enum]);
  M.hiddenBase(_IntMixinEnum, [B.int, Enum]);
  const intTable = numberMethods(0n) as Record<string, Function>;
  install(IntEnum.prototype, intTable);
  install(IntFlag.prototype, intTable);
}

// ---- Flag

/** `enum.FlagBoundary` values, created with the enum classes below. */
type Boundary = Enum;

/** `enum.Flag`: members combine with `|`, `&`, `^`, `~`; `auto()` gives powers of two. */
export class Flag extends Enum {
  static override _generate_next_value_(
    _name: string,
    start: unknown,
    count: unknown,
    lastValues: unknown[],
  ): unknown {
    if (count === 0n || lastValues.length === 0) return start ?? 1n;
    let high = 0n;
    let last: unknown = lastValues[0];
    for (const v of lastValues) if (gt(v, last)) last = v;
    if (!isInt(unwrap(last))) throw new PyTypeError(`invalid flag value ${repr(last)}`);
    high = toBigInt(unwrap(last) as bigint);
    return 1n << BigInt(bitLen(high));
  }

  static get _boundary_(): Boundary {
    return (meta(this).flag as FlagInfo).boundary;
  }
  static get _flag_mask_(): bigint {
    return (meta(this).flag as FlagInfo).flagMask;
  }
  static get _singles_mask_(): bigint {
    return (meta(this).flag as FlagInfo).singlesMask;
  }
  static get _all_bits_(): bigint {
    return (meta(this).flag as FlagInfo).allBits;
  }

  static override _missing_(value: unknown): unknown {
    return flagMissing(this, value);
  }

  override __repr__(): string {
    const cls = className(this.constructor);
    if (this._name_ === null) return `<${cls}: ${repr(this._value_)}>`;
    return `<${cls}.${this._name_}: ${repr(this._value_)}>`;
  }

  override __str__(): string {
    const cls = className(this.constructor);
    if (this._name_ === null) return `${cls}(${repr(this._value_)})`;
    return `${cls}.${this._name_}`;
  }

  __contains__(other: unknown): boolean {
    if (!(other instanceof (this.constructor as EnumClass))) {
      throw new PyTypeError(
        `unsupported operand type(s) for 'in': '${typeName(other)}' and '${classQualname(this.constructor)}'`,
      );
    }
    const o = (other as Enum)._value_ as bigint;
    return ((this._value_ as bigint) & o) === o;
  }

  __iter__(): IterableIterator<Enum> {
    return iterMembers(this.constructor, this._value_ as bigint)[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<Enum> {
    return this.__iter__();
  }

  __len__(): bigint {
    let v = this._value_ as bigint;
    if (v < 0n) v = -v;
    let n = 0n;
    for (; v > 0n; v >>= 1n) n += v & 1n;
    return n;
  }

  __bool__(): boolean {
    return this._value_ !== 0n;
  }

  __or__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a | b);
  }
  __and__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a & b);
  }
  __xor__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a ^ b);
  }
  __ror__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a | b);
  }
  __rand__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a & b);
  }
  __rxor__(o: unknown): unknown {
    return flagOp(this, o, (a, b) => a ^ b);
  }
  __invert__(): unknown {
    const cls = this.constructor as EnumClass;
    const f = meta(cls).flag as FlagInfo;
    const v = this._value_ as bigint;
    const inv = f.boundary === EJECT || f.boundary === KEEP ? ~v : f.singlesMask & ~v;
    return lookupByValue(cls, inv);
  }
}

/** `_iter_member_`: the canonical single-bit members in `value`. */
function iterMembers(cls: EnumClass, value: bigint): Enum[] {
  const m = meta(cls);
  const f = m.flag as FlagInfo;
  const out: Enum[] = [];
  let v = value & f.flagMask;
  while (v !== 0n) {
    const bit = v & -v;
    const member = m.byValue.get(lookupKey(bit));
    if (member !== undefined) out.push(member);
    v ^= bit;
  }
  if (f.byDef) {
    const pos = new Map(m.members.map((x, i) => [x, i]));
    out.sort((a, b) => (pos.get(a) ?? 0) - (pos.get(b) ?? 0));
  }
  return out;
}

/** `_get_value` + the operation + `cls(result)`. */
function flagOp(self: Flag, o: unknown, f: (a: bigint, b: bigint) => bigint): unknown {
  const cls = self.constructor as EnumClass;
  let ov: bigint;
  if (o instanceof cls) ov = (o as Enum)._value_ as bigint;
  else if (isIntClass(cls) && isInt(unwrap(o))) ov = toBigInt(unwrap(o) as bigint);
  else return NotImplemented;
  return lookupByValue(cls, f(self._value_ as bigint, ov));
}

/** enum.bin(): two's complement with a sign bit, `0b0 1010`. */
function enumBin(num: bigint, maxBits: number): string {
  const ceiling = 1n << BigInt(bitLen(num));
  const s =
    num >= 0n
      ? `0b0${(num + ceiling).toString(2).slice(1)}`
      : `0b${(~num ^ (ceiling - 1n + ceiling)).toString(2)}`;
  const sign = s.slice(0, 3);
  let digits = s.slice(3);
  if (digits.length < maxBits) digits = (sign[2]!.repeat(maxBits) + digits).slice(-maxBits);
  return `${sign} ${digits}`;
}

/** `Flag._missing_`: a pseudo-member for a combination of flags, per the class's boundary. */
function flagMissing(cls: EnumClass, value: unknown): unknown {
  const m = meta(cls);
  const f = m.flag as FlagInfo;
  const raw = unwrap(value);
  if (!isInt(raw)) throw new ValueError(`${repr(value)} is not a valid ${classQualname(cls)}`);
  let v = toBigInt(raw);
  const { flagMask, singlesMask, allBits, boundary } = f;
  let negValue: bigint | null = null;
  if (!(~allBits <= v && v <= allBits) || (v & (allBits ^ flagMask)) !== 0n) {
    if (boundary === STRICT) {
      const maxBits = Math.max(bitLen(v), bitLen(flagMask));
      throw new ValueError(
        `${repr(cls)} invalid value ${repr(v)}\n    given ${enumBin(v, maxBits)}\n  allowed ${enumBin(flagMask, maxBits)}`,
      );
    }
    if (boundary === CONFORM) v &= flagMask;
    else if (boundary === EJECT) return v;
    else if (v < 0n) {
      const p = 1n << BigInt(bitLen(v));
      v = (allBits + 1n > p ? allBits + 1n : p) + v;
    }
  }
  if (v < 0n) {
    negValue = v;
    v = allBits + 1n + v;
  }
  let unknown = v & ~flagMask;
  const aliases = v & ~singlesMask;
  const memberValue = v & singlesMask;
  if (unknown !== 0n && boundary !== KEEP) {
    throw new ValueError(
      `${className(cls)}(${v}) -->  unknown values ${unknown} [0b${unknown.toString(2)}]`,
    );
  }
  const pseudo = newMember(cls, null, v);
  if (memberValue !== 0n || aliases !== 0n) {
    const parts = iterMembers(cls, memberValue);
    let combined = 0n;
    for (const x of parts) combined |= x._value_ as bigint;
    let value2 = v;
    if (aliases !== 0n) {
      value2 = memberValue | aliases;
      for (const [, pm] of m.memberMap) {
        const pv = pm._value_ as bigint;
        if (!parts.includes(pm) && pv !== 0n && (pv & value2) === pv) {
          parts.push(pm);
          combined |= pv;
        }
      }
    }
    unknown = value2 ^ combined;
    let name: string | null = parts.map((x) => x._name_).join("|");
    if (combined === 0n) name = null;
    else if (unknown !== 0n && boundary === STRICT) {
      throw new ValueError(`${repr(cls)}: no members with value ${repr(unknown)}`);
    } else if (unknown !== 0n) name += `|${repr(unknown)}`;
    (pseudo as { _name_: string | null })._name_ = name;
  }
  const key = lookupKey(v);
  const member = m.byValue.get(key) ?? pseudo;
  m.byValue.set(key, member);
  if (negValue !== null) m.byValue.set(lookupKey(negValue), member);
  return member;
}

/** `enum.IntFlag`: a Flag whose members are ints; str() is the value. */
export class IntFlag extends Flag {
  /** `IntFlag.__bases__` is `(int, ReprEnum, Flag)`. */
  static get __extra_bases__(): unknown[] {
    return [(require("../builtins") as { int: unknown }).int, ReprEnum];
  }
  static readonly [EXTRA_BASES_FIRST] = true;
}
// CPython's IntFlag is (int, ReprEnum, Flag): str, format and hash are ReprEnum's.
for (const name of ["__str__", "__format__", "__hash__"] as const)
  (IntFlag.prototype as unknown as Record<string, unknown>)[name] = ReprEnum.prototype[name];
installCompare(IntFlag.prototype as unknown as Record<string, unknown>);
installIntOps(
  IntFlag.prototype as unknown as Record<string, unknown>,
  new Set(["__and__", "__or__", "__xor__", "__invert__"]),
);
(IntFlag.prototype as unknown as { __bool__: unknown }).__bool__ = Flag.prototype.__bool__;

/**
 * The plain int `F(value)` returns for an EJECT flag out of range, as an object (a JS constructor
 * cannot return a bigint): an int in every check and operation, but `type()` of it is not `int`.
 */
class EjectedInt {
  static __name__ = "int";
  static __qualname__ = "int";
  static __module__ = "builtins";
  declare _value_: bigint;
  constructor(v: bigint) {
    Object.defineProperty(this, "_value_", { value: v, enumerable: false });
  }
  __repr__(): string {
    return String(this._value_);
  }
  __str__(): string {
    return String(this._value_);
  }
  __format__(spec: string): string {
    return pyFormat(this._value_, spec);
  }
  __hash__(): bigint {
    return hash(this._value_);
  }
}
installCompare(EjectedInt.prototype as unknown as Record<string, unknown>);
installIntOps(EjectedInt.prototype as unknown as Record<string, unknown>, new Set());

/** `enum.FlagBoundary`: how Flag lookups treat values outside the defined flags. */
class FlagBoundary_ extends StrEnum {
  static STRICT = "strict";
  static CONFORM = "conform";
  static EJECT = "eject";
  static KEEP = "keep";
}
Object.defineProperty(FlagBoundary_, "__name__", { value: "FlagBoundary" });
Object.defineProperty(FlagBoundary_, "__qualname__", { value: "FlagBoundary" });

export { FlagBoundary_ as FlagBoundary };

/**
 * `class C(str, Enum)` and `class C(int, Enum)`, the data-type mix-ins of the plain Enum: members
 * are strs or ints as StrEnum's and IntEnum's are, but `str()` and `format()` are Enum's
 * (`C.RED`), `auto()` counts from 1 and values are converted with `str()`/`int()`. The transpiler
 * makes such classes extend these; Python sees `str`/`int` and `Enum` as their bases.
 */
export class _StrMixinEnum extends StrEnum {}
export class _IntMixinEnum extends IntEnum {}
Object.defineProperty(_StrMixinEnum, "_generate_next_value_", {
  value: Enum._generate_next_value_,
  writable: true,
  configurable: true,
});
for (const M of [_StrMixinEnum, _IntMixinEnum]) {
  const proto = M.prototype as unknown as Record<string, unknown>;
  proto.__str__ = Enum.prototype.__str__;
  proto.__format__ = Enum.prototype.__format__;
}

const BASES = new Set<unknown>([
  Enum,
  ReprEnum,
  IntEnum,
  StrEnum,
  Flag,
  IntFlag,
  _StrMixinEnum,
  _IntMixinEnum,
]);
const BASE_PROTOS = new Set<unknown>([...BASES].map((b) => (b as EnumClass).prototype));
enumclass(FlagBoundary_);
export const STRICT = (FlagBoundary_ as EnumClass).STRICT as Enum;
export const CONFORM = (FlagBoundary_ as EnumClass).CONFORM as Enum;
export const EJECT = (FlagBoundary_ as EnumClass).EJECT as Enum;
export const KEEP = (FlagBoundary_ as EnumClass).KEEP as Enum;

/** `enum.EnumCheck`: the checks `@verify` runs. */
class EnumCheck_ extends StrEnum {
  static CONTINUOUS = "no skipped integer values";
  static NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags";
  static UNIQUE = "one name per value";
}
for (const [k, v] of [
  ["__name__", "EnumCheck"],
  ["__qualname__", "EnumCheck"],
  ["__module__", "enum"],
])
  Object.defineProperty(EnumCheck_, k!, { value: v, configurable: true, writable: true });
enumclass(EnumCheck_);

export { EnumCheck_ as EnumCheck };
export const CONTINUOUS = (EnumCheck_ as EnumClass).CONTINUOUS as Enum;
export const NAMED_FLAGS = (EnumCheck_ as EnumClass).NAMED_FLAGS as Enum;
export const UNIQUE = (EnumCheck_ as EnumClass).UNIQUE as Enum;

const bitLength = (v: bigint) => (v < 0n ? -v : v).toString(2).length - (v === 0n ? 1 : 0);

/** `@enum.verify(*checks)`: CPython's checks of an enum class, with its ValueErrors. */
export function verify(...checks: unknown[]): <C>(cls: C) => C {
  return (cls) => {
    const c = cls as unknown as EnumClass;
    const flag = isFlagClass(c);
    const clsName = className(c);
    const memberMap = c._member_map_ as Dict;
    const names = c._member_names_ as string[];
    const values = toArray(iter(c)).map((m) => (m as Enum)._value_);
    for (const check of checks) {
      if (check === UNIQUE) {
        const dups: string[] = [];
        for (const [name, m] of memberMap.entries())
          if (name !== (m as Enum)._name_) dups.push(`${name} -> ${(m as Enum)._name_}`);
        if (dups.length > 0)
          throw new ValueError(`aliases found in ${repr(cls)}: ${dups.join(", ")}`);
      } else if (check === CONTINUOUS) {
        const set = new globalThis.Set(values as bigint[]);
        if (set.size < 2) continue;
        const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const low = sorted[0]!;
        const high = sorted[sorted.length - 1]!;
        const missing: bigint[] = [];
        if (flag) {
          for (let i = bitLength(low); i < bitLength(high) - 1; i++)
            if (!set.has(1n << BigInt(i))) missing.push(1n << BigInt(i));
        } else for (let i = low + 1n; i < high; i++) if (!set.has(i)) missing.push(i);
        if (missing.length > 0)
          throw new ValueError(
            `invalid ${flag ? "flag" : "enum"} ${repr(clsName)}: missing values ${missing.join(", ")}`.slice(
              0,
              256,
            ),
          );
      } else if (check === NAMED_FLAGS) {
        const missingNames: string[] = [];
        let missingValue = 0n;
        for (const [name, alias] of memberMap.entries()) {
          if (names.includes(name as string)) continue;
          const v = (alias as Enum)._value_ as bigint;
          if (v < 0n) continue;
          let missed = false;
          for (let bit = 1n; bit <= v; bit <<= 1n) {
            if ((v & bit) === 0n || values.includes(bit)) continue;
            missed = true;
            missingValue |= bit;
          }
          if (missed) missingNames.push(name as string);
        }
        if (missingNames.length > 0) {
          const alias =
            missingNames.length === 1
              ? `alias ${missingNames[0]} is missing`
              : `aliases ${missingNames.slice(0, -1).join(", ")} and ${missingNames[missingNames.length - 1]} are missing`;
          const single = (missingValue & (missingValue - 1n)) === 0n;
          const value = `${single ? "value" : "combined values of"} 0x${missingValue.toString(16)}`;
          throw new ValueError(
            `invalid Flag ${repr(clsName)}: ${alias} ${value} [use enum.show_flag_values(value) for details]`,
          );
        }
      }
    }
    return cls;
  };
}

function checkBoundary(b: unknown, cls: EnumClass): Boundary {
  if (b === null || b === undefined) return STRICT;
  if (b instanceof FlagBoundary_) return b;
  throw new ValueError(`${repr(cls)} unknown flag boundary ${repr(b)}`);
}

for (const b of BASES) {
  Object.defineProperty(b, "__module__", { value: "enum", configurable: true, writable: true });
  enumclass(b);
}
Object.defineProperty(FlagBoundary_, "__module__", {
  value: "enum",
  configurable: true,
  writable: true,
});
loading = false;

/** `@enum.unique`: raise ValueError if any member has aliases. */
export function unique<C>(cls: C): C {
  const m = meta(cls);
  const dups: string[] = [];
  for (const [name, member] of m.memberMap) {
    if (member._name_ !== name) dups.push(`${name} -> ${member._name_}`);
  }
  if (dups.length > 0) {
    throw new ValueError(`duplicate values found in ${repr(cls)}: ${dups.join(", ")}`);
  }
  return cls;
}

/** The metaclass static `typeOf` reads (types.ts): `type(Color)` is `enum.EnumType`. */
const METACLASS = Symbol.for("asyncio-ts.metaclass");

/**
 * `enum.EnumType` (alias `EnumMeta`), the type of every enum class: `type(Color)`,
 * `isinstance(Color, EnumType)`. Calling it to make a class is not supported.
 */
export class EnumType {
  constructor() {
    throw new PyTypeError("asyncio-ts cannot make a class by calling EnumType()");
  }

  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "function" && (x === Enum || x.prototype instanceof Enum);
  }
}
markBuiltinClass(EnumType, "EnumType");
Object.defineProperty(EnumType, "__module__", {
  value: "enum",
  writable: true,
  configurable: true,
});
Object.defineProperty(Enum, METACLASS, { value: EnumType, configurable: true });
/** `enum.EnumMeta`, the old name of `EnumType`. */
export const EnumMeta = EnumType;
