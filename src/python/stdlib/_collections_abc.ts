/**
 * The classes of `collections.abc` that a program can subclass (CPython's `_collections_abc.py`):
 * `Iterable`, `Iterator`, `Reversible`, `Sized`, `Container`, `Collection`, `Hashable`, `Callable`,
 * `Awaitable`, `AsyncIterable`, `AsyncIterator`, `Sequence`, `MutableSequence`, `Set`,
 * `MutableSet`, `Mapping`, `MutableMapping`, the mapping views `KeysView`, `ItemsView`, `ValuesView`, and over them
 * `collections.UserDict`, `collections.UserList` and `collections.UserString`.
 *
 * Each is an abstract base class (abc.ts: instantiating a subclass that leaves an abstract method
 * unimplemented raises CPython's TypeError) with CPython's mixin methods written on the Python
 * protocol (`self[key]`, `iter(self)`, `len(self)`), so `class Headers(MutableMapping)` gets
 * `get`, `pop`, `update`, `setdefault`, `keys()`/`items()` views and `==` from its five methods.
 *
 * `isinstance(x, Mapping)` of the ABC itself stays structural for the runtime's types (the
 * checks in collections.ts, passed in by `setChecks`), and nominal for the program's classes
 * over it; `issubclass(dict, Mapping)` uses CPython's registrations (`ABC_CLASSES` there), and
 * `issubclass(C, Sized)` looks for the methods as the one-method ABCs' `__subclasshook__` does.
 * The classes are over abc.ts's `_ABCMetaBase`, so `ABC` does not show in their `__mro__`; their
 * MROs are shorter than CPython's (`Mapping.__mro__` is `(Mapping, Collection, object)`, CPython's
 * lists `Sized`, `Iterable`, `Container`). The other ABCs (`Generator`, `Coroutine`, ...) keep
 * their isinstance-only form (collections.ts) and cannot be subclassed.
 */

import { eq, ge, gt, le, lt } from "../compare";
import { Dict } from "../dict";
import {
  IndexError,
  KeyError,
  NotImplementedError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { hash as pyHash } from "../hash";
import { Kw } from "../kw";
import { listMethods } from "../list";
import { registerForwarder } from "../mro";
import { index as pyIndex } from "../numbers";
import { forwardToClass, NotImplemented } from "../objects";
import { add, mod, mul, or_, sub } from "../operators";
import {
  call,
  callMethod,
  contains,
  delitem,
  getitem,
  hasattr,
  iter,
  lenOf,
  PyIterator,
  Slice,
  setitem,
} from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { isinstance, realSubclass, typeName } from "../types";
import { _ABCMetaBase, ABC, abstractmethod } from "./abc";
import { pythonArgs } from "./types";

type Obj = Record<string, unknown>;

/** The checks collections.ts gives each ABC: the structural isinstance and the registrations. */
export interface AbcChecks {
  instance: (x: unknown) => boolean;
  subclass: (c: unknown) => boolean;
}

const checks = new Map<Function, AbcChecks>();

/** Name `cls` as `collections.abc.<name>`; its checks apply to the ABC itself only. */
function abcClass(cls: Function, name: string, abstract: string[]): void {
  ALL.push(cls);
  // `isinstance`/`issubclass` by this module's checks (the classes below inherit them).
  if (Object.getPrototypeOf(cls) === _ABCMetaBase)
    for (const [k, f] of [
      ["__instancecheck__", instanceCheck],
      ["__subclasscheck__", subclassCheck],
    ] as const)
      Object.defineProperty(cls, k, {
        value: f,
        writable: true,
        enumerable: true,
        configurable: true,
      });
  for (const [k, v] of [
    ["__name__", name],
    ["__qualname__", name],
    ["__module__", "collections.abc"],
  ] as const)
    Object.defineProperty(cls, k, { value: v, writable: true, configurable: true });
  const proto = cls.prototype as Obj;
  for (const m of abstract) {
    // An own abstract method: a copy, so marking it does not mark an inherited mixin.
    const f = proto[m] as Function;
    const own = function (this: unknown, ...args: unknown[]) {
      return f.apply(this, args);
    };
    Object.defineProperty(own, "__name__", { value: m });
    Object.defineProperty(proto, m, {
      value: abstractmethod(own),
      writable: true,
      configurable: true,
    });
  }
}

/** Give `cls` (an ABC of this module) its structural checks (called by collections.ts). */
export function setChecks(cls: Function, c: AbcChecks): void {
  checks.set(cls, c);
}

/** This module's ABCs (a class registered with `MutableMapping` is a `Mapping` too). */
const ALL: Function[] = [];

/**
 * Is the ABC `k` the ABC `a` or below it (a class registered with `k` is one of `a`)? Along the
 * JS chain, and for the CPython bases a single chain leaves out (`Sequence` is `Reversible`).
 */
function abcBelow(k: Function, a: Function): boolean {
  if (k === a || realSubclass(k, a)) return true;
  return a === Reversible && (k === Sequence || realSubclass(k, Sequence));
}

function instanceCheck(this: Function, x: unknown): boolean {
  // A program's class over an ABC (`class Tags(MutableSet)`, `class L(UserList)`): ABCMeta's.
  if (!ALL.includes(this)) return ABC.__instancecheck__.call(this, x);
  const c = checks.get(this);
  if (c?.instance(x)) return true;
  return ALL.some((k) => abcBelow(k, this) && ABC.__instancecheck__.call(k, x));
}

/**
 * The methods CPython's `__subclasshook__` of a one-method ABC looks for (`_check_methods`):
 * `issubclass(C, Sized)` for any class defining `__len__` (not set to None).
 */
const HOOK_METHODS = new Map<Function, string[]>();

/** Does the class `sub` define every one of `methods` (a function, not None)? */
function definesAll(sub: Function, methods: string[]): boolean {
  const proto = (sub as { prototype?: Obj }).prototype;
  if (proto === undefined || proto === null) return false;
  return methods.every((m) => typeof proto[m] === "function");
}

function subclassCheck(this: Function, sub: unknown): boolean {
  if (!ALL.includes(this)) return ABC.__subclasscheck__.call(this, sub);
  const c = checks.get(this);
  if (c?.subclass(sub)) return true;
  const methods = HOOK_METHODS.get(this);
  if (methods !== undefined && typeof sub === "function" && definesAll(sub, methods)) return true;
  // Every class inherits `object.__hash__` unless it (or a base) sets `__hash__ = None`.
  if (this === Hashable && typeof sub === "function") {
    const b = require("../builtins") as Record<string, Function>;
    const unhashable = [b.list, b.dict, b.set, b.bytearray].some(
      (u) => typeof u === "function" && (sub === u || realSubclass(sub, u)),
    );
    const proto = (sub as { prototype?: Obj }).prototype;
    if (!unhashable && proto !== undefined && proto !== null && proto.__hash__ !== null)
      return true;
  }
  if (typeof sub === "function" && realSubclass(sub, this)) return true;
  return ALL.some((k) => abcBelow(k, this) && ABC.__subclasscheck__.call(k, sub));
}

/** Split a trailing `Kw` off an argument list. */
function splitKw(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args[args.length - 1];
  return last instanceof Kw
    ? [args.slice(0, -1), last.kwargs as Record<string, unknown>]
    : [args, {}];
}

/** A generator's worth of values as a Python iterator. */
function pyIter<T>(gen: IterableIterator<T>): PyIterator<T> {
  return new PyIterator(gen);
}

// ---------------------------------------------------------------- one-method ABCs

export class Hashable extends _ABCMetaBase {
  __hash__(): unknown {
    return 0n;
  }
}
abcClass(Hashable, "Hashable", ["__hash__"]);

export class Awaitable extends _ABCMetaBase {
  __await__(): unknown {
    return pyIter([][Symbol.iterator]());
  }
}
abcClass(Awaitable, "Awaitable", ["__await__"]);

export class AsyncIterable extends _ABCMetaBase {
  __aiter__(): unknown {
    return new AsyncIterator();
  }
}
abcClass(AsyncIterable, "AsyncIterable", ["__aiter__"]);

export class AsyncIterator extends AsyncIterable {
  __anext__(): unknown {
    throw new (
      require("../exceptions") as { StopAsyncIteration: new () => Error }
    ).StopAsyncIteration();
  }
  override __aiter__(): unknown {
    return this;
  }
}
abcClass(AsyncIterator, "AsyncIterator", ["__anext__"]);

export class Iterable extends _ABCMetaBase {
  __iter__(): unknown {
    return pyIter([][Symbol.iterator]());
  }
}
abcClass(Iterable, "Iterable", ["__iter__"]);

export class Iterator extends Iterable {
  __next__(): unknown {
    const { StopIteration } = require("../exceptions") as { StopIteration: new () => Error };
    throw new StopIteration();
  }
  override __iter__(): unknown {
    return this;
  }
}
abcClass(Iterator, "Iterator", ["__next__"]);

export class Reversible extends Iterable {
  __reversed__(): unknown {
    return pyIter([][Symbol.iterator]());
  }
}
abcClass(Reversible, "Reversible", ["__reversed__"]);

export class Sized extends _ABCMetaBase {
  __len__(): unknown {
    return 0n;
  }
}
abcClass(Sized, "Sized", ["__len__"]);

export class Container extends _ABCMetaBase {
  __contains__(_x: unknown): unknown {
    return false;
  }
}
abcClass(Container, "Container", ["__contains__"]);

export class Callable extends _ABCMetaBase {
  __call__(..._args: unknown[]): unknown {
    return false;
  }
}
abcClass(Callable, "Callable", ["__call__"]);

/** `Collection`: `Sized`, `Iterable` and `Container` in one (a single JS chain). */
export class Collection extends _ABCMetaBase {
  __len__(): unknown {
    return 0n;
  }
  __iter__(): unknown {
    return pyIter([][Symbol.iterator]());
  }
  __contains__(_x: unknown): unknown {
    return false;
  }
}
abcClass(Collection, "Collection", ["__len__", "__iter__", "__contains__"]);

for (const [cls, methods] of [
  [Hashable, ["__hash__"]],
  [Awaitable, ["__await__"]],
  [AsyncIterable, ["__aiter__"]],
  [AsyncIterator, ["__anext__", "__aiter__"]],
  [Iterable, ["__iter__"]],
  [Iterator, ["__iter__", "__next__"]],
  [Reversible, ["__reversed__", "__iter__"]],
  [Sized, ["__len__"]],
  [Container, ["__contains__"]],
  [Callable, ["__call__"]],
  [Collection, ["__len__", "__iter__", "__contains__"]],
] as const)
  HOOK_METHODS.set(cls, [...methods]);

// ---------------------------------------------------------------- Sequence

const self_ = (x: unknown) => x as Obj & { __getitem__(k: unknown): unknown };

export class Sequence extends Collection {
  __getitem__(_index: unknown): unknown {
    throw new IndexError();
  }

  override __iter__(): unknown {
    const self = this;
    return pyIter(
      (function* () {
        for (let i = 0n; ; i++) {
          let v: unknown;
          try {
            v = getitem(self, i);
          } catch (e) {
            if (e instanceof IndexError) return;
            throw e;
          }
          yield v;
        }
      })(),
    );
  }

  override __contains__(value: unknown): boolean {
    for (const v of iter(this)) if (v === value || eq(v, value)) return true;
    return false;
  }

  __reversed__(): unknown {
    const self = this;
    return pyIter(
      (function* () {
        for (let i = BigInt(lenOf(self)) - 1n; i >= 0n; i--) yield getitem(self, i);
      })(),
    );
  }

  /** `S.index(value, [start, [stop]])`: CPython raises a bare ValueError when it is missing. */
  index(value: unknown, start: unknown = 0n, stop: unknown = null): bigint {
    let lo = start === null ? 0n : pyIndex(start);
    if (lo < 0n) lo = BigInt(lenOf(this)) + lo < 0n ? 0n : BigInt(lenOf(this)) + lo;
    let hi = stop === null ? null : pyIndex(stop);
    if (hi !== null && hi < 0n) hi += BigInt(lenOf(this));
    for (let i = lo; hi === null || i < hi; i++) {
      let v: unknown;
      try {
        v = getitem(this, i);
      } catch (e) {
        if (e instanceof IndexError) break;
        throw e;
      }
      if (v === value || eq(v, value)) return i;
    }
    throw new ValueError();
  }

  /** `S.count(value)`. */
  count(value: unknown): bigint {
    let n = 0n;
    for (const v of iter(this)) if (v === value || eq(v, value)) n++;
    return n;
  }
}
abcClass(Sequence, "Sequence", ["__getitem__", "__len__"]);

export class MutableSequence extends Sequence {
  __setitem__(_index: unknown, _value: unknown): unknown {
    throw new IndexError();
  }
  __delitem__(_index: unknown): unknown {
    throw new IndexError();
  }
  insert(_index: unknown, _value: unknown): unknown {
    throw new IndexError();
  }

  append(value: unknown): null {
    (this as unknown as { insert(i: unknown, v: unknown): unknown }).insert(
      BigInt(lenOf(this)),
      value,
    );
    return null;
  }

  clear(): null {
    try {
      for (;;) (this as unknown as { pop(): unknown }).pop();
    } catch (e) {
      if (!(e instanceof IndexError)) throw e;
    }
    return null;
  }

  reverse(): null {
    const n = BigInt(lenOf(this));
    for (let i = 0n; i < n / 2n; i++) {
      const a = getitem(this, i);
      const b = getitem(this, n - i - 1n);
      setitem(this, i, b);
      setitem(this, n - i - 1n, a);
    }
    return null;
  }

  extend(values: unknown): null {
    const vs = values === this ? [...iter(values)] : iter(values);
    for (const v of vs) (this as unknown as { append(v: unknown): unknown }).append(v);
    return null;
  }

  pop(index: unknown = -1n): unknown {
    const v = getitem(this, index);
    delitem(this, index);
    return v;
  }

  remove(value: unknown): null {
    delitem(this, (this as unknown as { index(v: unknown): unknown }).index(value));
    return null;
  }

  __iadd__(values: unknown): this {
    (this as unknown as { extend(v: unknown): unknown }).extend(values);
    return this;
  }
}
abcClass(MutableSequence, "MutableSequence", [
  "__getitem__",
  "__setitem__",
  "__delitem__",
  "__len__",
  "insert",
]);

// ---------------------------------------------------------------- Set

/** `isinstance(x, Set)` (the ABC's check: a runtime set, or a class over `Set`). */
function isSet(x: unknown): boolean {
  return isinstance(x, AbcSet);
}

/** `isinstance(x, Iterable)`. */
function isIterable(x: unknown): boolean {
  return isinstance(x, Iterable);
}

/** `self._from_iterable(it)`: a class method a subclass may override (CPython's hook). */
function fromIterable(self: unknown, it: IterableIterator<unknown>): unknown {
  return callMethod(self, "_from_iterable", pyIter(it));
}

/** CPython's `sys.maxsize` and the mask of `Set._hash`. */
const MAXSIZE = (1n << 63n) - 1n;
const MASK = 2n * MAXSIZE + 1n;

/** A set operator's other operand as a Set (`_from_iterable` of an iterable) or NotImplemented. */
function asSet(self: object, other: unknown): unknown {
  if (isSet(other)) return other;
  return isIterable(other) ? fromIterable(self, iter(other)) : NotImplemented;
}

/** `self._from_iterable(v for v in source if keep(v))`. */
function filtered(self: object, source: unknown, keep: (v: unknown) => boolean): unknown {
  return fromIterable(
    self,
    (function* () {
      for (const v of iter(source)) if (keep(v)) yield v;
    })(),
  );
}

/**
 * `collections.abc.Set`: the comparisons and operators of a set written on `__contains__`,
 * `__iter__` and `__len__` (CPython's mixins); results are built by `_from_iterable` (`cls(it)`).
 */
export class AbcSet extends Collection {
  __le__(other: unknown): unknown {
    if (!isSet(other)) return NotImplemented;
    if (lenOf(this) > lenOf(other)) return false;
    for (const elem of iter(this)) if (!contains(other, elem)) return false;
    return true;
  }

  __lt__(other: unknown): unknown {
    if (!isSet(other)) return NotImplemented;
    return lenOf(this) < lenOf(other) && callMethod(this, "__le__", other);
  }

  __gt__(other: unknown): unknown {
    if (!isSet(other)) return NotImplemented;
    return lenOf(this) > lenOf(other) && callMethod(this, "__ge__", other);
  }

  __ge__(other: unknown): unknown {
    if (!isSet(other)) return NotImplemented;
    if (lenOf(this) < lenOf(other)) return false;
    for (const elem of iter(other)) if (!contains(this, elem)) return false;
    return true;
  }

  __eq__(other: unknown): unknown {
    if (!isSet(other)) return NotImplemented;
    return lenOf(this) === lenOf(other) && callMethod(this, "__le__", other);
  }

  /** `Set._from_iterable(it)`: `cls(it)`. */
  static _from_iterable(this: Function, it: unknown): unknown {
    return call(this, it);
  }

  __and__(other: unknown): unknown {
    if (!isIterable(other)) return NotImplemented;
    return filtered(this, other, (v) => contains(this, v));
  }
  declare __rand__: (other: unknown) => unknown;

  isdisjoint(other: unknown): boolean {
    for (const v of iter(other)) if (contains(this, v)) return false;
    return true;
  }

  __or__(other: unknown): unknown {
    if (!isIterable(other)) return NotImplemented;
    const self = this;
    return fromIterable(
      this,
      (function* () {
        for (const s of [self, other]) yield* iter(s);
      })(),
    );
  }
  declare __ror__: (other: unknown) => unknown;

  __sub__(other: unknown): unknown {
    const o = asSet(this, other);
    return o === NotImplemented ? o : filtered(this, this, (v) => !contains(o, v));
  }

  __rsub__(other: unknown): unknown {
    const o = asSet(this, other);
    return o === NotImplemented ? o : filtered(this, o, (v) => !contains(this, v));
  }

  __xor__(other: unknown): unknown {
    const o = asSet(this, other);
    return o === NotImplemented ? o : or_(sub(this, o), sub(o, this));
  }
  declare __rxor__: (other: unknown) => unknown;

  /** `Set._hash()`: frozenset's hash algorithm over the elements (for a hashable subclass). */
  _hash(): bigint {
    let h = (1927868237n * (BigInt(lenOf(this)) + 1n)) & MASK;
    for (const x of iter(this)) {
      const hx = pyHash(x);
      h ^= (hx ^ (hx << 16n) ^ 89869747n) * 3644798167n;
      h &= MASK;
    }
    h ^= (h >> 11n) ^ (h >> 25n);
    h = (h * 69069n + 907133923n) & MASK;
    if (h > MAXSIZE) h -= MASK + 1n;
    return h === -1n ? 590923713n : h;
  }
}
{
  // CPython's aliases (`__rand__ = __and__`): the reflected operators are the same functions.
  const p = AbcSet.prototype as unknown as Obj;
  p.__rand__ = p.__and__;
  p.__ror__ = p.__or__;
  p.__rxor__ = p.__xor__;
  for (const k of ["__rand__", "__ror__", "__rxor__"])
    Object.defineProperty(p, k, { enumerable: false });
}
{
  // The class method reached through an instance (`self._from_iterable`), with its class as
  // `cls`, as `pyclass` gives a program's class.
  const forward = function (this: object, it: unknown) {
    return (this.constructor as unknown as { _from_iterable(it: unknown): unknown })._from_iterable(
      it,
    );
  };
  registerForwarder(forward);
  Object.defineProperty(AbcSet.prototype, "_from_iterable", {
    value: forward,
    writable: true,
    configurable: true,
  });
}
abcClass(AbcSet, "Set", []);
// Defining `__eq__` makes instances unhashable (a subclass may define `__hash__` from `_hash`).
(AbcSet.prototype as unknown as Obj).__hash__ = null;

/**
 * `collections.abc.MutableSet`: `remove`, `pop`, `clear` and the in-place operators written on
 * the abstract `add` and `discard`.
 */
export class MutableSet extends AbcSet {
  add(_value: unknown): unknown {
    throw new NotImplementedError();
  }
  discard(_value: unknown): unknown {
    throw new NotImplementedError();
  }

  /** `remove(value)`: KeyError when it is missing. */
  remove(value: unknown): null {
    if (!contains(this, value)) throw new KeyError(value);
    callMethod(this, "discard", value);
    return null;
  }

  /** `pop()`: the first element iterated, a bare KeyError when empty. */
  pop(): unknown {
    const it = iter(this);
    const r = it.next();
    if (r.done) throw new KeyError();
    callMethod(this, "discard", r.value);
    return r.value;
  }

  clear(): null {
    try {
      for (;;) callMethod(this, "pop");
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
    }
    return null;
  }

  __ior__(it: unknown): this {
    for (const v of iter(it)) callMethod(this, "add", v);
    return this;
  }

  __iand__(it: unknown): this {
    for (const v of iter(sub(this, it))) callMethod(this, "discard", v);
    return this;
  }

  __ixor__(it: unknown): this {
    if (it === this) {
      callMethod(this, "clear");
      return this;
    }
    const o = isSet(it) ? it : fromIterable(this, iter(it));
    for (const v of iter(o)) callMethod(this, contains(this, v) ? "discard" : "add", v);
    return this;
  }

  __isub__(it: unknown): this {
    if (it === this) {
      callMethod(this, "clear");
      return this;
    }
    for (const v of iter(it)) callMethod(this, "discard", v);
    return this;
  }
}
abcClass(MutableSet, "MutableSet", ["add", "discard"]);

// `Set` is the JS global's name in this module.
export { AbcSet as Set };

// ---------------------------------------------------------------- Mapping

/** `self[key]`, or `undefined` when it raises KeyError. */
function lookup(self: unknown, key: unknown): unknown {
  try {
    return self_(self).__getitem__(key);
  } catch (e) {
    if (e instanceof KeyError) return undefined;
    throw e;
  }
}

export class Mapping extends Collection {
  __getitem__(key: unknown): unknown {
    throw new KeyError(key);
  }

  /** `M.get(key, default=None)`. */
  get(...args: unknown[]): unknown {
    const [key, dflt] = pythonArgs("Mapping.get", args, ["key", "default"], 1, 1);
    const v = lookup(this, key);
    return v === undefined ? (dflt ?? null) : v;
  }

  override __contains__(key: unknown): boolean {
    return lookup(this, key) !== undefined;
  }

  keys(): KeysView {
    return new KeysView(this);
  }

  items(): ItemsView {
    return new ItemsView(this);
  }

  values(): ValuesView {
    return new ValuesView(this);
  }

  __eq__(other: unknown): unknown {
    if (!isinstance(other, Mapping)) return NotImplemented;
    const items = (m: unknown) =>
      new Dict(
        [...iter((m as { items(): unknown }).items())].map(
          (t) => [...(t as Tuple).items] as [unknown, unknown],
        ),
      );
    return eq(items(this), items(other));
  }
}
abcClass(Mapping, "Mapping", ["__getitem__", "__len__", "__iter__"]);
// Defining `__eq__` makes instances unhashable; `reversed()` of a mapping is refused.
(Mapping.prototype as unknown as Obj).__hash__ = null;
(Mapping.prototype as unknown as Obj).__reversed__ = null;

export class MutableMapping extends Mapping {
  __setitem__(key: unknown, _value: unknown): unknown {
    throw new KeyError(key);
  }
  __delitem__(key: unknown): unknown {
    throw new KeyError(key);
  }

  /** `M.pop(key[, default])`. */
  pop(...args: unknown[]): unknown {
    const [key, dflt] = pythonArgs("MutableMapping.pop", args, ["key", "default"], 1, 1);
    const v = lookup(this, key);
    if (v === undefined) {
      if (args.length < 2 && dflt === undefined) throw new KeyError(key);
      return dflt;
    }
    delitem(this, key);
    return v;
  }

  /** `M.popitem()`: the first key in iteration order (KeyError without arguments if empty). */
  popitem(): Tuple {
    const r = iter(this).next();
    if (r.done) throw new KeyError();
    const key = r.value;
    const value = self_(this).__getitem__(key);
    delitem(this, key);
    return new Tuple([key, value]);
  }

  clear(): null {
    try {
      for (;;) this.popitem();
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
    }
    return null;
  }

  /** `M.update(other=(), /, **kwds)`. */
  update(...args: unknown[]): null {
    const last = args[args.length - 1];
    const pos = last instanceof Kw ? args.slice(0, -1) : args;
    if (pos.length > 1)
      throw new PyTypeError(
        `update() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`,
      );
    if (pos.length === 1) {
      const other = pos[0] as Obj;
      if (isinstance(other, Mapping) || other instanceof Dict) {
        for (const k of iter(other)) setitem(this, k, getitem(other, k));
      } else if (hasattr(other, "keys")) {
        for (const k of iter(callMethod(other, "keys"))) setitem(this, k, getitem(other, k));
      } else {
        for (const item of iter(other)) {
          const kv = [...iter(item)];
          if (kv.length < 2)
            throw new ValueError(`not enough values to unpack (expected 2, got ${kv.length})`);
          if (kv.length > 2) throw new ValueError("too many values to unpack (expected 2)");
          setitem(this, kv[0], kv[1]);
        }
      }
    }
    if (last instanceof Kw)
      for (const [k, v] of Object.entries(last.kwargs as Record<string, unknown>))
        setitem(this, k, v);
    return null;
  }

  /** `M.setdefault(key, default=None)`. */
  setdefault(...args: unknown[]): unknown {
    const [key, dflt] = pythonArgs("MutableMapping.setdefault", args, ["key", "default"], 1, 1);
    const v = lookup(this, key);
    if (v !== undefined) return v;
    const d = dflt === undefined ? null : dflt;
    setitem(this, key, d);
    return d;
  }
}
abcClass(MutableMapping, "MutableMapping", [
  "__getitem__",
  "__setitem__",
  "__delitem__",
  "__iter__",
  "__len__",
]);

// ---------------------------------------------------------------- mapping views

/** `MappingView(mapping)`: `len()` and a repr naming the mapping. */
export class MappingView {
  readonly _mapping: unknown;
  constructor(mapping: unknown) {
    this._mapping = mapping;
  }
  __len__(): bigint {
    return BigInt(lenOf(this._mapping));
  }
  __repr__(): string {
    return `${typeName(this)}(${repr(this._mapping)})`;
  }
  [Symbol.iterator](): IterableIterator<unknown> {
    return iter((this as unknown as { __iter__(): unknown }).__iter__());
  }
}

/** The `Set` mixin operators of `KeysView`/`ItemsView`, giving sets (`_from_iterable`). */
class SetView extends MappingView {
  __contains__(_x: unknown): boolean {
    return false;
  }
  private static others(other: unknown): unknown[] | null {
    const { tryIter } = require("../protocol") as typeof import("../protocol");
    const it = tryIter(other);
    return it === null ? null : [...it];
  }
  private static set(items: unknown): unknown {
    const { PySet } = require("../set") as { PySet: new (it?: unknown) => unknown };
    return new PySet(items);
  }
  __and__(other: unknown): unknown {
    const o = SetView.others(other);
    if (o === null) return NotImplemented;
    return SetView.set(o.filter((v) => this.__contains__(v)));
  }
  __rand__(other: unknown): unknown {
    return this.__and__(other);
  }
  __or__(other: unknown): unknown {
    const o = SetView.others(other);
    if (o === null) return NotImplemented;
    return SetView.set([...iter(this), ...o]);
  }
  __ror__(other: unknown): unknown {
    return this.__or__(other);
  }
  __sub__(other: unknown): unknown {
    const o = SetView.others(other);
    if (o === null) return NotImplemented;
    const drop = SetView.set(o) as { __contains__(v: unknown): boolean };
    return SetView.set([...iter(this)].filter((v) => !drop.__contains__(v)));
  }
  __rsub__(other: unknown): unknown {
    const o = SetView.others(other);
    if (o === null) return NotImplemented;
    return SetView.set(o.filter((v) => !this.__contains__(v)));
  }
  __xor__(other: unknown): unknown {
    const o = SetView.others(other);
    if (o === null) return NotImplemented;
    const mine = SetView.set(iter(this)) as { __contains__(v: unknown): boolean };
    return SetView.set([
      ...[...iter(this)].filter((v) => !o.some((w) => w === v || eq(w, v))),
      ...o.filter((v) => !mine.__contains__(v)),
    ]);
  }
  __rxor__(other: unknown): unknown {
    return this.__xor__(other);
  }
  isdisjoint(other: unknown): boolean {
    for (const v of iter(other)) if (this.__contains__(v)) return false;
    return true;
  }
}

// The `Set` comparisons (`keys() <= {...}`, `items() == {...}`); defining `__eq__` makes the
// views unhashable.
for (const k of ["__le__", "__lt__", "__gt__", "__ge__", "__eq__"])
  Object.defineProperty(SetView.prototype, k, {
    value: (AbcSet.prototype as unknown as Obj)[k],
    writable: true,
    configurable: true,
  });
(SetView.prototype as unknown as Obj).__hash__ = null;

export class KeysView extends SetView {
  override __contains__(key: unknown): boolean {
    return lookup(this._mapping, key) !== undefined;
  }
  __iter__(): unknown {
    return iter(this._mapping);
  }
}

export class ItemsView extends SetView {
  override __contains__(item: unknown): boolean {
    if (!(item instanceof Tuple) || item.items.length !== 2) return false;
    const [key, value] = item.items;
    const v = lookup(this._mapping, key);
    return v !== undefined && (v === value || eq(v, value));
  }
  __iter__(): unknown {
    const m = this._mapping;
    return pyIter(
      (function* () {
        for (const k of iter(m)) yield new Tuple([k, self_(m).__getitem__(k)]);
      })(),
    );
  }
}

export class ValuesView extends MappingView {
  __contains__(value: unknown): boolean {
    for (const v of this) if (v === value || eq(v, value)) return true;
    return false;
  }
  __iter__(): unknown {
    const m = this._mapping;
    return pyIter(
      (function* () {
        for (const k of iter(m)) yield self_(m).__getitem__(k);
      })(),
    );
  }
}
for (const [c, n] of [
  [MappingView, "MappingView"],
  [KeysView, "KeysView"],
  [ItemsView, "ItemsView"],
  [ValuesView, "ValuesView"],
] as const) {
  for (const [k, v] of [
    ["__name__", n],
    ["__qualname__", n],
    ["__module__", "collections.abc"],
  ] as const)
    Object.defineProperty(c, k, { value: v, writable: true, configurable: true });
}

/** A new instance of `self`'s class with its attributes, made without `__init__` (`__new__`). */
function cloneAttributes<T extends object>(self: T): T {
  const inst = Object.create(Object.getPrototypeOf(self) as object) as T;
  for (const k of Reflect.ownKeys(self))
    Object.defineProperty(inst, k, Object.getOwnPropertyDescriptor(self, k)!);
  return inst;
}

// ---------------------------------------------------------------- collections.UserDict

/**
 * `collections.UserDict([dict], /, **kwargs)`: a `MutableMapping` over its `data` dict (CPython's
 * `Lib/collections/__init__.py`), made to be subclassed: `update`, `setdefault`, `pop` and the
 * constructor go through the subclass's `__setitem__`/`__getitem__`.
 */
export class UserDict extends MutableMapping {
  // Set by `__init__` (run from the ABC constructor, before a field initializer would be).
  declare data: Dict;

  override __init__(...args: unknown[]): null {
    const last = args[args.length - 1];
    const pos = last instanceof Kw ? args.slice(0, -1) : args;
    if (pos.length > 1)
      throw new PyTypeError(
        `UserDict.__init__() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`,
      );
    this.data = new Dict();
    if (pos.length === 1 && pos[0] !== null) this.update(pos[0]);
    if (last instanceof Kw && Object.keys(last.kwargs as object).length > 0)
      this.update(new Dict(Object.entries(last.kwargs as Record<string, unknown>)));
    return null;
  }

  override __len__(): bigint {
    return BigInt(this.data.size);
  }

  override __getitem__(key: unknown): unknown {
    if (this.data.__contains__(key)) return this.data.__getitem__(key);
    const missing = (this as unknown as { __missing__?: unknown }).__missing__;
    if (typeof missing === "function") return missing.call(this, key);
    throw new KeyError(key);
  }

  override __setitem__(key: unknown, value: unknown): null {
    this.data.__setitem__(key, value);
    return null;
  }

  override __delitem__(key: unknown): null {
    this.data.__delitem__(key);
    return null;
  }

  override __iter__(): unknown {
    return iter(this.data);
  }

  override __contains__(key: unknown): boolean {
    return this.data.__contains__(key);
  }

  /** `get(key, default=None)`: `self[key]` when `key in self` (3.12+). */
  override get(...args: unknown[]): unknown {
    const [key, dflt] = pythonArgs("UserDict.get", args, ["key", "default"], 1, 1);
    if ((this as unknown as { __contains__(k: unknown): boolean }).__contains__(key))
      return self_(this).__getitem__(key);
    return dflt ?? null;
  }

  __repr__(): string {
    return repr(this.data);
  }

  __or__(other: unknown): unknown {
    const cls = this.constructor as new (...a: unknown[]) => unknown;
    if (other instanceof UserDict) return new cls(this.data.__or__(other.data));
    if (other instanceof Dict) return new cls(this.data.__or__(other));
    return NotImplemented;
  }

  __ror__(other: unknown): unknown {
    const cls = this.constructor as new (...a: unknown[]) => unknown;
    if (other instanceof UserDict) return new cls(other.data.__or__(this.data));
    if (other instanceof Dict) return new cls(other.__or__(this.data));
    return NotImplemented;
  }

  __ior__(other: unknown): this {
    this.data.__ior__(other instanceof UserDict ? other.data : other);
    return this;
  }

  /** `copy.copy(d)`: the instance's attributes, with a copy of `data`. */
  __copy__(): this {
    const c = cloneAttributes(this);
    c.data = this.data.copy();
    return c;
  }

  /** `copy()`: a UserDict of a copy of `data`; a subclass's through `copy.copy`. */
  copy(): unknown {
    if (this.constructor === UserDict) return new UserDict(this.data.copy());
    const { copy } = require("./copy") as { copy: (x: unknown) => unknown };
    const data = this.data;
    let c: UserDict;
    try {
      this.data = new Dict();
      c = copy(this) as UserDict;
    } finally {
      this.data = data;
    }
    c.update(this);
    return c;
  }

  /** `UserDict.fromkeys(iterable, value=None)`. */
  static fromkeys(this: new () => UserDict, iterable: unknown, value: unknown = null): UserDict {
    const d = new this();
    for (const k of iter(iterable)) setitem(d, k, value);
    return d;
  }
}
forwardToClass(UserDict, "fromkeys");
for (const [k, v] of [
  ["__name__", "UserDict"],
  ["__qualname__", "UserDict"],
  ["__module__", "collections"],
] as const)
  Object.defineProperty(UserDict, k, { value: v, writable: true, configurable: true });
// Not abstract: its own methods implement MutableMapping's.

// ---------------------------------------------------------------- collections.UserList

/**
 * `collections.UserList([initlist])`: a `MutableSequence` over its `data` list (CPython's
 * `Lib/collections/__init__.py`); the list methods work on `data`, so their errors are list's.
 */
export class UserList extends MutableSequence {
  // Set by `__init__` (run from the ABC constructor, before a field initializer would be).
  declare data: unknown[];

  override __init__(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const extra = Object.keys(kws);
    if (extra.length > 0)
      throw new PyTypeError(`UserList.__init__() got an unexpected keyword argument '${extra[0]}'`);
    if (pos.length > 1)
      throw new PyTypeError(
        `UserList.__init__() takes from 1 to 2 positional arguments but ${pos.length + 1} were given`,
      );
    this.data = [];
    const init = pos[0];
    if (init !== undefined && init !== null) {
      if (Array.isArray(init)) this.data.push(...init);
      else if (init instanceof UserList) this.data.push(...init.data);
      else this.data.push(...iter(init));
    }
    return null;
  }

  /** The other operand as a list (`__cast`). */
  private static cast(other: unknown): unknown {
    return other instanceof UserList ? other.data : other;
  }

  private make(items: unknown[]): unknown {
    return new (this.constructor as new (...a: unknown[]) => unknown)(items);
  }

  __repr__(): string {
    return repr(this.data);
  }
  __lt__(other: unknown): boolean {
    return lt(this.data, UserList.cast(other));
  }
  __le__(other: unknown): boolean {
    return le(this.data, UserList.cast(other));
  }
  __eq__(other: unknown): boolean {
    return eq(this.data, UserList.cast(other));
  }
  __gt__(other: unknown): boolean {
    return gt(this.data, UserList.cast(other));
  }
  __ge__(other: unknown): boolean {
    return ge(this.data, UserList.cast(other));
  }
  override __contains__(item: unknown): boolean {
    return listMethods.count(this.data, item) > 0n;
  }
  override __len__(): bigint {
    return BigInt(this.data.length);
  }
  override __iter__(): unknown {
    return iter(this.data);
  }
  override __getitem__(i: unknown): unknown {
    if (i instanceof Slice) return this.make(getitem(this.data, i) as unknown[]);
    return getitem(this.data, i);
  }
  override __setitem__(i: unknown, item: unknown): null {
    setitem(this.data, i, item);
    return null;
  }
  override __delitem__(i: unknown): null {
    delitem(this.data, i);
    return null;
  }
  __add__(other: unknown): unknown {
    if (other instanceof UserList) return this.make([...this.data, ...other.data]);
    if (Array.isArray(other)) return this.make([...this.data, ...other]);
    return this.make([...this.data, ...iter(other)]);
  }
  __radd__(other: unknown): unknown {
    if (other instanceof UserList) return this.make([...other.data, ...this.data]);
    if (Array.isArray(other)) return this.make([...other, ...this.data]);
    return this.make([...iter(other), ...this.data]);
  }
  override __iadd__(other: unknown): this {
    if (other instanceof UserList) this.data.push(...other.data);
    else if (Array.isArray(other)) this.data.push(...other);
    else this.data.push(...iter(other));
    return this;
  }
  __mul__(n: unknown): unknown {
    return this.make(mul(this.data, n) as unknown[]);
  }
  __rmul__(n: unknown): unknown {
    return this.__mul__(n);
  }
  __imul__(n: unknown): this {
    this.data = mul(this.data, n) as unknown[];
    return this;
  }
  override append(item: unknown): null {
    return listMethods.append(this.data, item);
  }
  override insert(i: unknown, item: unknown): null {
    return listMethods.insert(this.data, i, item);
  }
  override pop(i: unknown = -1n): unknown {
    return listMethods.pop(this.data, i);
  }
  override remove(item: unknown): null {
    return listMethods.remove(this.data, item);
  }
  override clear(): null {
    return listMethods.clear(this.data);
  }
  copy(): unknown {
    return this.make(this.data);
  }
  /** `copy.copy(l)`: the instance's attributes, with a copy of `data`. */
  __copy__(): this {
    const c = cloneAttributes(this);
    c.data = [...this.data];
    return c;
  }
  override count(item: unknown): bigint {
    return listMethods.count(this.data, item);
  }
  override index(item: unknown, ...args: unknown[]): bigint {
    return (listMethods.index as (...a: unknown[]) => bigint)(this.data, item, ...args);
  }
  override reverse(): null {
    return listMethods.reverse(this.data);
  }
  sort(...args: unknown[]): null {
    return listMethods.sort(this.data, ...args);
  }
  override extend(other: unknown): null {
    if (other instanceof UserList) this.data.push(...other.data);
    else listMethods.extend(this.data, other);
    return null;
  }
}
for (const [k, v] of [
  ["__name__", "UserList"],
  ["__qualname__", "UserList"],
  ["__module__", "collections"],
] as const)
  Object.defineProperty(UserList, k, { value: v, writable: true, configurable: true });
// Defining `__eq__` makes instances unhashable.
(UserList.prototype as unknown as Obj).__hash__ = null;

// ---------------------------------------------------------------- collections.UserString

/** `isinstance(x, str)`. */
function isStr(x: unknown): boolean {
  return typeof x === "string" || isinstance(x, (require("../builtins") as { str: Function }).str);
}

/** `str(x)`. */
function toStr(x: unknown): unknown {
  return call((require("../builtins") as { str: Function }).str, x);
}

/** A UserString operand as its `data`. */
function usData(x: unknown): unknown {
  return x instanceof UserString ? x.data : x;
}

/**
 * `collections.UserString(seq)`: a `Sequence` over its `data` str (CPython's
 * `Lib/collections/__init__.py`). The str methods run on `data`; those giving a str give an
 * instance of the object's class (`self.__class__(...)`), the others the str method's value.
 */
export class UserString extends Sequence {
  // Set by `__init__` (run from the ABC constructor, before a field initializer would be).
  declare data: unknown;

  override __init__(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    let seq: unknown = pos[0];
    for (const [k, v] of Object.entries(kws)) {
      if (k !== "seq")
        throw new PyTypeError(`UserString.__init__() got an unexpected keyword argument '${k}'`);
      if (pos.length > 0)
        throw new PyTypeError("UserString.__init__() got multiple values for argument 'seq'");
      seq = v;
    }
    if (pos.length > 1)
      throw new PyTypeError(
        `UserString.__init__() takes 2 positional arguments but ${pos.length + 1} were given`,
      );
    if (seq === undefined)
      throw new PyTypeError("UserString.__init__() missing 1 required positional argument: 'seq'");
    if (isStr(seq)) this.data = seq;
    else if (seq instanceof UserString) this.data = seq.data;
    else this.data = toStr(seq);
    return null;
  }

  /** `self.__class__(value)`. */
  private make(value: unknown): unknown {
    return call(this.constructor, value);
  }

  __str__(): unknown {
    return toStr(this.data);
  }
  __repr__(): string {
    return repr(this.data);
  }
  __int__(): unknown {
    return call((require("../builtins") as { int: Function }).int, this.data);
  }
  __float__(): unknown {
    return call((require("../builtins") as { float: Function }).float, this.data);
  }
  __hash__(): bigint {
    return pyHash(this.data);
  }
  __getnewargs__(): Tuple {
    return new Tuple([this.data]);
  }
  __eq__(other: unknown): boolean {
    return eq(this.data, usData(other));
  }
  __lt__(other: unknown): boolean {
    return lt(this.data, usData(other));
  }
  __le__(other: unknown): boolean {
    return le(this.data, usData(other));
  }
  __gt__(other: unknown): boolean {
    return gt(this.data, usData(other));
  }
  __ge__(other: unknown): boolean {
    return ge(this.data, usData(other));
  }
  override __contains__(char: unknown): boolean {
    return contains(this.data, usData(char));
  }
  override __len__(): bigint {
    return BigInt(lenOf(this.data));
  }
  override __getitem__(index: unknown): unknown {
    return this.make(getitem(this.data, index));
  }
  __add__(other: unknown): unknown {
    if (other instanceof UserString) return this.make(add(this.data, other.data));
    if (isStr(other)) return this.make(add(this.data, other));
    return this.make(add(this.data, toStr(other)));
  }
  __radd__(other: unknown): unknown {
    if (isStr(other)) return this.make(add(other, this.data));
    return this.make(add(toStr(other), this.data));
  }
  __mul__(n: unknown): unknown {
    return this.make(mul(this.data, n));
  }
  declare __rmul__: (n: unknown) => unknown;
  __mod__(args: unknown): unknown {
    return this.make(mod(this.data, args));
  }
  __rmod__(template: unknown): unknown {
    return this.make(mod(toStr(template), this));
  }
  override count(sub: unknown, ...rest: unknown[]): bigint {
    return callMethod(this.data, "count", usData(sub), ...rest) as bigint;
  }
  override index(sub: unknown, ...rest: unknown[]): bigint {
    return callMethod(this.data, "index", sub, ...rest) as bigint;
  }
  encode(...args: unknown[]): unknown {
    const [encoding, errors] = pythonArgs("UserString.encode", args, ["encoding", "errors"], 0, 1);
    return callMethod(this.data, "encode", encoding ?? "utf-8", errors ?? "strict");
  }
  static maketrans(...args: unknown[]): unknown {
    return callMethod((require("../builtins") as { str: Function }).str, "maketrans", ...args);
  }
}
(UserString.prototype as unknown as Obj).__rmul__ = UserString.prototype.__mul__;
Object.defineProperty(UserString.prototype, "__rmul__", { enumerable: false });
forwardToClass(UserString, "maketrans");
{
  const proto = UserString.prototype as unknown as Obj;
  const define = (name: string, f: (this: UserString, ...args: unknown[]) => unknown) => {
    Object.defineProperty(f, "name", { value: name });
    Object.defineProperty(proto, name, { value: f, writable: true, configurable: true });
  };
  // The str methods giving a str: `self.__class__(self.data.m(...))` (a UserString argument of
  // `removeprefix`/`removesuffix`/`replace` taken as its data).
  for (const name of [
    "capitalize",
    "casefold",
    "center",
    "expandtabs",
    "ljust",
    "lower",
    "lstrip",
    "removeprefix",
    "removesuffix",
    "replace",
    "rjust",
    "rstrip",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
  ])
    define(name, function (this: UserString, ...args: unknown[]) {
      const cast = name === "replace" || name.startsWith("remove");
      const a = cast ? args.map(usData) : args;
      return call(this.constructor, callMethod(this.data, name, ...a));
    });
  // The others give the str method's value (`find`/`rfind` taking a UserString's data).
  for (const name of [
    "endswith",
    "find",
    "format",
    "format_map",
    "isalpha",
    "isalnum",
    "isascii",
    "isdecimal",
    "isdigit",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "partition",
    "rfind",
    "rindex",
    "rpartition",
    "split",
    "rsplit",
    "splitlines",
    "startswith",
  ])
    define(name, function (this: UserString, ...args: unknown[]) {
      const cast = name === "find" || name === "rfind";
      const a = cast ? [usData(args[0]), ...args.slice(1)] : args;
      return callMethod(this.data, name, ...a);
    });
}
for (const [k, v] of [
  ["__name__", "UserString"],
  ["__qualname__", "UserString"],
  ["__module__", "collections"],
] as const)
  Object.defineProperty(UserString, k, { value: v, writable: true, configurable: true });
