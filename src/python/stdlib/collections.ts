/**
 * Python's `collections`: deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap, and
 * `collections.abc` names for isinstance checks.
 *
 * The classes are library classes (stdlib/types.ts): callable without `new`, extensible by
 * program classes, with CPython's reprs (`deque([1, 2], maxlen=3)`,
 * `defaultdict(<class 'list'>, {...})`, `Counter({'a': 2})`, `OrderedDict({'a': 1})`) and error
 * messages. `defaultdict`, `Counter` and `OrderedDict` extend the runtime's `Dict`; a namedtuple
 * class extends the runtime's `Tuple`, so it is a tuple everywhere (equality, unpacking, hashing).
 *
 * Differences from CPython: `deque` is a JS array, so `popleft`/`appendleft` are O(n) (fast for
 * the sizes programs use).
 */

import { eq, ge, gt, le, lt } from "../compare";
import { Dict, mergeInto, storeItem } from "../dict";
import {
  IndexError,
  KeyError,
  NotImplementedError,
  TypeError as PyTypeError,
  RuntimeError,
  ValueError,
} from "../exceptions";
import { Kw } from "../kw";
import { index, isInt, toBigInt } from "../numbers";
import { className, NotImplemented, nativeType } from "../objects";
import { add, sub } from "../operators";
import { call, callMethod, contains, iter, Slice } from "../protocol";
import { repr, reprGuard } from "../repr";
import { Tuple } from "../tuple";
import { isinstance, realSubclass, typeName } from "../types";
import * as ABCS from "./_collections_abc";
import { initFromConstructor, libraryClass, takeKw } from "./types";

function clsName(obj: object): string {
  return className(obj.constructor);
}

// ---------------------------------------------------------------- deque

class DequeImpl {
  items: unknown[] = [];
  maxlen: bigint | null = null;
  /** Bumped on every mutation: iterators raise "deque mutated during iteration". */
  private state = 0;

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, DequeImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    if (pos.length > 2)
      throw new PyTypeError(`deque expected at most 2 arguments, got ${pos.length}`);
    for (const k of Object.keys(kws)) {
      if (k !== "iterable" && k !== "maxlen")
        throw new PyTypeError(`deque() got an unexpected keyword argument '${k}'`);
    }
    const iterable = pos.length > 0 ? pos[0] : (kws.iterable ?? null);
    let maxlen = pos.length > 1 ? pos[1] : (kws.maxlen ?? null);
    // an IntEnum member is an int (see enum.ts)
    maxlen = (maxlen as { __int_value__?: unknown } | null)?.__int_value__ ?? maxlen;
    if (maxlen !== null) {
      if (!isInt(maxlen)) throw new PyTypeError("an integer is required");
      if (toBigInt(maxlen) < 0n) throw new ValueError("maxlen must be non-negative");
      this.maxlen = toBigInt(maxlen);
    } else this.maxlen = null;
    if (this.items.length > 0) this.clear();
    if (iterable !== null) this.extend(iterable);
    return null;
  }

  private get max(): number {
    return this.maxlen === null ? Number.POSITIVE_INFINITY : Number(this.maxlen);
  }

  append(x: unknown): null {
    this.state++;
    if (this.max === 0) return null;
    this.items.push(x);
    if (this.items.length > this.max) this.items.shift();
    return null;
  }

  appendleft(x: unknown): null {
    this.state++;
    if (this.max === 0) return null;
    this.items.unshift(x);
    if (this.items.length > this.max) this.items.pop();
    return null;
  }

  pop(): unknown {
    if (this.items.length === 0) throw new IndexError("pop from an empty deque");
    this.state++;
    return this.items.pop();
  }

  popleft(): unknown {
    if (this.items.length === 0) throw new IndexError("pop from an empty deque");
    this.state++;
    return this.items.shift();
  }

  extend(iterable: unknown): null {
    const xs = iterable === this ? this.items.slice() : [...iter(iterable)];
    for (const x of xs) this.append(x);
    return null;
  }

  extendleft(iterable: unknown): null {
    const xs = iterable === this ? this.items.slice() : [...iter(iterable)];
    for (const x of xs) this.appendleft(x);
    return null;
  }

  rotate(n: unknown = 1n): null {
    const steps = toBigInt(index(n));
    const len = this.items.length;
    this.state++;
    if (len <= 1) return null;
    let k = Number(steps % BigInt(len));
    if (k < 0) k += len;
    if (k === 0) return null;
    this.items = [...this.items.slice(len - k), ...this.items.slice(0, len - k)];
    return null;
  }

  clear(): null {
    this.state++;
    this.items = [];
    return null;
  }

  copy(): DequeImpl {
    const C = this.constructor as new (...a: unknown[]) => DequeImpl;
    if (C === Deque) {
      const d = new DequeImpl();
      d.items = this.items.slice();
      d.maxlen = this.maxlen;
      return d;
    }
    return this.maxlen === null
      ? new C(this.items.slice())
      : new C(this.items.slice(), this.maxlen);
  }

  __copy__(): DequeImpl {
    return this.copy();
  }

  count(x: unknown): bigint {
    let c = 0n;
    for (const v of this.items) if (v === x || eq(v, x)) c++;
    return c;
  }

  index(x: unknown, start: unknown = 0n, stop: unknown = null): bigint {
    const n = this.items.length;
    let s = Number(index(start));
    let e = stop === null ? n : Number(index(stop));
    if (s < 0) s = Math.max(0, s + n);
    if (e < 0) e = Math.max(0, e + n);
    for (let i = s; i < Math.min(e, n); i++) {
      const v = this.items[i];
      if (v === x || eq(v, x)) return BigInt(i);
    }
    throw new ValueError(`${repr(x)} is not in deque`);
  }

  insert(i: unknown, x: unknown): null {
    if (this.items.length >= this.max) throw new IndexError("deque already at its maximum size");
    const n = this.items.length;
    let k = Number(index(i));
    if (k < 0) k = Math.max(0, k + n);
    if (k > n) k = n;
    this.state++;
    this.items.splice(k, 0, x);
    return null;
  }

  remove(x: unknown): null {
    for (let i = 0; i < this.items.length; i++) {
      const v = this.items[i];
      if (v === x || eq(v, x)) {
        this.state++;
        this.items.splice(i, 1);
        return null;
      }
    }
    throw new ValueError(`${repr(x)} is not in deque`);
  }

  reverse(): null {
    this.state++;
    this.items.reverse();
    return null;
  }

  private pos(i: unknown): number {
    if (!isInt(i) && typeof i === "object" && i !== null && "__index__" in i) i = index(i);
    if (i instanceof Slice || !isInt(i)) {
      throw new PyTypeError(`sequence index must be integer, not '${typeName(i)}'`);
    }
    const n = this.items.length;
    let k = Number(toBigInt(i));
    if (k < 0) k += n;
    if (k < 0 || k >= n) throw new IndexError("deque index out of range");
    return k;
  }

  __getitem__(i: unknown): unknown {
    return this.items[this.pos(i)];
  }

  __setitem__(i: unknown, v: unknown): void {
    this.items[this.pos(i)] = v;
  }

  __delitem__(i: unknown): void {
    const k = this.pos(i);
    this.state++;
    this.items.splice(k, 1);
  }

  __len__(): bigint {
    return BigInt(this.items.length);
  }

  get length(): number {
    return this.items.length;
  }

  __contains__(x: unknown): boolean {
    for (const v of this.items) if (v === x || eq(v, x)) return true;
    return false;
  }

  *[Symbol.iterator](): Generator<unknown> {
    const state = this.state;
    const items = this.items;
    const n = items.length;
    for (let i = 0; i < n; i++) {
      if (this.state !== state || this.items !== items)
        throw new RuntimeError("deque mutated during iteration");
      yield items[i];
    }
  }

  __iter__(): Iterator<unknown> {
    return this[Symbol.iterator]();
  }

  *__reversed__(): Generator<unknown> {
    const state = this.state;
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (this.state !== state) throw new RuntimeError("deque mutated during iteration");
      yield this.items[i];
    }
  }

  __repr__(): string {
    const name = clsName(this);
    return reprGuard(this, "[...]", () => {
      const body = `[${this.items.map((x) => repr(x)).join(", ")}]`;
      return this.maxlen === null ? `${name}(${body})` : `${name}(${body}, maxlen=${this.maxlen})`;
    });
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof DequeImpl)) return NotImplemented;
    if (other.items.length !== this.items.length) return false;
    return this.items.every((v, i) => v === other.items[i] || eq(v, other.items[i]));
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  private order(other: unknown, cmp: (a: unknown, b: unknown) => boolean): unknown {
    if (!(other instanceof DequeImpl)) return NotImplemented;
    return cmp(this.items, other.items);
  }

  __lt__(other: unknown): unknown {
    return this.order(other, lt);
  }
  __le__(other: unknown): unknown {
    return this.order(other, le);
  }
  __gt__(other: unknown): unknown {
    return this.order(other, gt);
  }
  __ge__(other: unknown): unknown {
    return this.order(other, ge);
  }

  __add__(other: unknown): unknown {
    if (!(other instanceof DequeImpl)) {
      throw new PyTypeError(`can only concatenate deque (not "${typeName(other)}") to deque`);
    }
    const d = this.copy();
    d.extend(other);
    return d;
  }

  __iadd__(other: unknown): this {
    this.extend(other);
    return this;
  }

  __mul__(n: unknown): unknown {
    if (!isInt(n)) return NotImplemented;
    const d = this.copy();
    d.__imul__(n);
    return d;
  }

  __rmul__(n: unknown): unknown {
    return this.__mul__(n);
  }

  __imul__(n: unknown): this {
    const k = Number(toBigInt(n as bigint));
    const xs = this.items.slice();
    this.clear();
    for (let i = 0; i < k; i++) for (const x of xs) this.append(x);
    return this;
  }
}
(DequeImpl as unknown as { __hash__: null }).__hash__ = null;
(DequeImpl.prototype as unknown as { __hash__: null }).__hash__ = null;

/** `collections.deque([iterable[, maxlen]])`. */
// CPython writes it in C: errors name its instances by its tp_name (types.ts, `typeName`).
Object.defineProperty(DequeImpl, "__tp_name__", { value: "collections.deque" });
export const deque = libraryClass(DequeImpl, "deque", "collections");
const Deque = deque;
export type deque = DequeImpl;

// ---------------------------------------------------------------- defaultdict

class DefaultDictImpl extends Dict {
  default_factory: unknown = null;

  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, DefaultDictImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    const factory = pos.length > 0 ? pos[0] : null;
    if (
      factory !== null &&
      typeof factory !== "function" &&
      !(typeof factory === "object" && "__call__" in (factory as object))
    ) {
      throw new PyTypeError("first argument must be callable or None");
    }
    this.default_factory = factory;
    if (pos.length > 2)
      throw new PyTypeError(`dict expected at most 1 argument, got ${pos.length - 1}`);
    if (pos.length > 1) mergeInto(this, pos[1]);
    for (const [k, v] of Object.entries(kws)) this.__setitem__(k, v);
    return null;
  }

  __missing__(key: unknown): unknown {
    if (this.default_factory === null) throw new KeyError(key);
    const v = call(this.default_factory);
    this.__setitem__(key, v);
    return v;
  }

  override copy(): DefaultDictImpl {
    const C = this.constructor as unknown as new (...a: unknown[]) => DefaultDictImpl;
    return new C(this.default_factory, this);
  }

  __copy__(): DefaultDictImpl {
    return this.copy();
  }

  override __repr__(): string {
    const f =
      this.default_factory === null
        ? "None"
        : reprGuard(this.default_factory, "...", () => repr(this.default_factory));
    return `${clsName(this)}(${f}, ${super.__repr__()})`;
  }

  override __or__(other: unknown): unknown {
    if (!(other instanceof Dict)) return NotImplemented;
    const d = this.copy();
    d.update(other);
    return d;
  }
}

/** `collections.defaultdict(default_factory=None, /, [...])`. */
// CPython writes it in C: errors name its instances by its tp_name (types.ts, `typeName`).
Object.defineProperty(DefaultDictImpl, "__tp_name__", { value: "collections.defaultdict" });
export const defaultdict = libraryClass(DefaultDictImpl, "defaultdict", "collections");
export type defaultdict = DefaultDictImpl;

// ---------------------------------------------------------------- Counter

function pyGt0(x: unknown): boolean {
  return gt(x, 0n);
}

class CounterImpl extends Dict {
  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, CounterImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    if (pos.length > 1) throw new PyTypeError(`expected at most 1 argument, got ${pos.length}`);
    this.update(pos.length > 0 ? pos[0] : null, kws);
    return null;
  }

  __missing__(_key: unknown): unknown {
    return 0n;
  }

  total(): unknown {
    let t: unknown = 0n;
    for (const [, v] of this.entries()) t = add(t, v);
    return t;
  }

  /** Items sorted by count, largest first; ties keep insertion order. */
  most_common(n: unknown = null): unknown[] {
    const items = [...this.entries()].map(([k, v]) => new Tuple([k, v]));
    const sorted = stableSortDesc(items);
    if (n === null) return sorted;
    const k = Number(index(n));
    return sorted.slice(0, Math.max(0, k));
  }

  *elements(): Generator<unknown> {
    for (const [k, v] of [...this.entries()]) {
      if (!isInt(v))
        throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
      for (let i = 0n; i < toBigInt(v); i++) yield k;
    }
  }

  static override fromkeys(): never {
    throw new NotImplementedError(
      "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
    );
  }

  override update(iterable: unknown = null, kwargs?: Record<string, unknown>): void {
    if (iterable instanceof Kw) {
      kwargs = iterable.kwargs as Record<string, unknown>;
      iterable = null;
    }
    if (iterable !== null && iterable !== undefined) {
      if (
        iterable instanceof Dict ||
        (typeof iterable === "object" &&
          typeof (iterable as { keys?: unknown }).keys === "function" &&
          typeof (iterable as { __getitem__?: unknown }).__getitem__ === "function" &&
          !Array.isArray(iterable) &&
          !(iterable instanceof DequeImpl))
      ) {
        const src = iterable instanceof Dict ? [...iterable.entries()] : mappingEntries(iterable);
        if (this.size > 0) {
          for (const [k, v] of src) this.__setitem__(k, add(v, this.get(k, 0n)));
        } else {
          for (const [k, v] of src) this.__setitem__(k, v);
        }
      } else {
        for (const k of iter(iterable)) this.__setitem__(k, add(this.get(k, 0n), 1n));
      }
    }
    if (kwargs) this.update(new Dict(Object.entries(kwargs)));
  }

  subtract(iterable: unknown = null, kwargs?: Record<string, unknown>): null {
    if (iterable instanceof Kw) {
      kwargs = iterable.kwargs as Record<string, unknown>;
      iterable = null;
    }
    if (iterable !== null && iterable !== undefined) {
      if (iterable instanceof Dict) {
        for (const [k, v] of [...iterable.entries()]) this.__setitem__(k, sub(this.get(k, 0n), v));
      } else {
        for (const k of iter(iterable)) this.__setitem__(k, sub(this.get(k, 0n), 1n));
      }
    }
    if (kwargs) this.subtract(new Dict(Object.entries(kwargs)));
    return null;
  }

  override copy(): CounterImpl {
    const C = this.constructor as unknown as new (...a: unknown[]) => CounterImpl;
    return new C(this);
  }

  __copy__(): CounterImpl {
    return this.copy();
  }

  override __delitem__(key: unknown): void {
    if (this.__contains__(key)) super.__delitem__(key);
  }

  override __repr__(): string {
    const name = clsName(this);
    if (this.size === 0) return `${name}()`;
    return reprGuard(this, "...", () => {
      const parts = this.most_common().map(
        (t) => `${repr((t as Tuple).items[0])}: ${repr((t as Tuple).items[1])}`,
      );
      return `${name}({${parts.join(", ")}})`;
    });
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof CounterImpl))
      return other instanceof Dict ? plainDictEq(this, other) : NotImplemented;
    for (const [k, v] of this.entries()) if (!eq(v, other.__getitem__(k))) return false;
    for (const [k, v] of other.entries()) if (!eq(v, this.__getitem__(k))) return false;
    return true;
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  /** Multiset inclusion: `cmp(self[e], other[e])` for every key of either counter. */
  private allCounts(other: unknown, cmp: (a: unknown, b: unknown) => boolean): unknown {
    if (!(other instanceof CounterImpl)) return NotImplemented;
    for (const c of [this, other])
      for (const [k] of c.entries())
        if (!cmp(this.__getitem__(k), other.__getitem__(k))) return false;
    return true;
  }

  __le__(other: unknown): unknown {
    return this.allCounts(other, le);
  }

  __ge__(other: unknown): unknown {
    return this.allCounts(other, ge);
  }

  __lt__(other: unknown): unknown {
    const r = this.allCounts(other, le);
    return r === true ? this.__ne__(other) : r;
  }

  __gt__(other: unknown): unknown {
    const r = this.allCounts(other, ge);
    return r === true ? this.__ne__(other) : r;
  }

  private combine(
    other: unknown,
    f: (a: unknown, b: unknown) => unknown,
    keepOther: (v: unknown) => unknown,
  ): unknown {
    if (!(other instanceof CounterImpl)) return NotImplemented;
    const result = new Counter();
    for (const [k, v] of this.entries()) {
      const nv = f(v, other.__getitem__(k));
      if (pyGt0(nv)) result.__setitem__(k, nv);
    }
    for (const [k, v] of other.entries()) {
      if (!this.__contains__(k)) {
        const nv = keepOther(v);
        if (nv !== undefined && pyGt0(nv)) result.__setitem__(k, nv);
      }
    }
    return result;
  }

  __add__(other: unknown): unknown {
    return this.combine(other, add, (v) => v);
  }
  __sub__(other: unknown): unknown {
    return this.combine(other, sub, (v) => (lt(v, 0n) ? sub(0n, v) : undefined));
  }
  override __or__(other: unknown): unknown {
    return this.combine(
      other,
      (a, b) => (lt(a, b) ? b : a),
      (v) => v,
    );
  }
  __and__(other: unknown): unknown {
    if (!(other instanceof CounterImpl)) return NotImplemented;
    const result = new Counter();
    for (const [k, v] of this.entries()) {
      const o = other.__getitem__(k);
      const nv = lt(v, o) ? v : o;
      if (pyGt0(nv)) result.__setitem__(k, nv);
    }
    return result;
  }
  __pos__(): unknown {
    const result = new Counter();
    for (const [k, v] of this.entries()) if (pyGt0(v)) result.__setitem__(k, v);
    return result;
  }
  __neg__(): unknown {
    const result = new Counter();
    for (const [k, v] of this.entries()) if (lt(v, 0n)) result.__setitem__(k, sub(0n, v));
    return result;
  }

  private keepPositive(): this {
    for (const [k, v] of [...this.entries()]) if (!pyGt0(v)) super.__delitem__(k);
    return this;
  }
  __iadd__(other: unknown): unknown {
    if (!(other instanceof CounterImpl)) return NotImplemented;
    for (const [k, v] of other.entries()) this.__setitem__(k, add(this.__getitem__(k), v));
    return this.keepPositive();
  }
  __isub__(other: unknown): unknown {
    if (!(other instanceof CounterImpl)) return NotImplemented;
    for (const [k, v] of other.entries()) this.__setitem__(k, sub(this.__getitem__(k), v));
    return this.keepPositive();
  }
}

/** dict.__eq__ (what CPython falls back to when Counter.__eq__ returns NotImplemented for a dict). */
function plainDictEq(a: Dict, b: Dict): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a.entries()) {
    const e = b.lookup(k);
    if (e === undefined || !eq(v, e[1])) return false;
  }
  return true;
}

function mappingEntries(m: unknown): [unknown, unknown][] {
  const out: [unknown, unknown][] = [];
  const keys = (m as { keys: () => unknown }).keys();
  for (const k of iter(keys))
    out.push([k, (m as { __getitem__: (k: unknown) => unknown }).__getitem__(k)]);
  return out;
}

/** Stable sort by item[1], descending (Python's `sorted(..., reverse=True)` keeps ties in order). */
function stableSortDesc(items: Tuple[]): Tuple[] {
  const idx = items.map((t, i) => [t, i] as const);
  idx.sort((a, b) => {
    const x = a[0].items[1];
    const y = b[0].items[1];
    if (lt(y, x)) return -1;
    if (lt(x, y)) return 1;
    return a[1] - b[1];
  });
  return idx.map((p) => p[0]);
}

/** `collections.Counter([iterable-or-mapping], **kwds)`. */
export const Counter = libraryClass(CounterImpl, "Counter", "collections");
export type Counter = CounterImpl;

// ---------------------------------------------------------------- OrderedDict

class OrderedDictImpl extends Dict {
  constructor(...args: unknown[]) {
    super();
    initFromConstructor(this, new.target, OrderedDictImpl, args);
  }

  __init__(...args: unknown[]): null {
    const [pos, kws] = takeKw(args);
    if (pos.length > 1) throw new PyTypeError(`expected at most 1 argument, got ${pos.length}`);
    // MutableMapping.update: a subclass's `__setitem__` is called.
    if (pos.length === 1) mergeInto(this, pos[0], true);
    for (const [k, v] of Object.entries(kws)) this.__setitem__(k, v);
    return null;
  }

  /** `MutableMapping.update`: each item is stored with `self[k] = v` (a subclass's `__setitem__`). */
  override update(other?: unknown, kwargs?: Record<string, unknown> | Kw): void {
    if (other instanceof Kw) {
      kwargs = other;
      other = undefined;
    }
    if (other !== undefined && other !== null) mergeInto(this, other, true);
    const kws = kwargs instanceof Kw ? (kwargs.kwargs as Record<string, unknown>) : kwargs;
    if (kws) for (const k of Object.keys(kws)) this.__setitem__(k, kws[k]);
  }

  override __ior__(other: unknown): this {
    mergeInto(this, other, true);
    return this;
  }

  move_to_end(key: unknown, last: unknown = true): null {
    if (last instanceof Kw) last = (last.kwargs as { last?: unknown }).last ?? true;
    const e = this.lookup(key);
    if (e === undefined) throw new KeyError(key);
    const entries = [...this.entries()].map((x) => [x[0], x[1]] as [unknown, unknown]);
    const i = entries.findIndex((x) => x[0] === e[0]);
    const [moved] = entries.splice(i, 1);
    if (last) entries.push(moved!);
    else entries.unshift(moved!);
    // Re-store directly: a subclass's `clear`/`__setitem__` (an LRU cache's) is not called.
    Dict.prototype.clear.call(this);
    for (const [k, v] of entries) storeItem(this, k, v);
    return null;
  }

  override popitem(last: unknown = true): Tuple {
    if (last instanceof Kw) last = (last.kwargs as { last?: unknown }).last ?? true;
    if (this.size === 0) throw new KeyError("dictionary is empty");
    if (last) return super.popitem();
    const [k, v] = this.entries().next().value as [unknown, unknown];
    super.__delitem__(k);
    return new Tuple([k, v]);
  }

  override copy(): OrderedDictImpl {
    const C = this.constructor as unknown as new (...a: unknown[]) => OrderedDictImpl;
    return new C(this);
  }

  __copy__(): OrderedDictImpl {
    return this.copy();
  }

  *__reversed__(): Generator<unknown> {
    const keys = [...this.entries()].map((e) => e[0]);
    for (let i = keys.length - 1; i >= 0; i--) yield keys[i];
  }

  override __repr__(): string {
    const name = clsName(this);
    if (this.size === 0) return `${name}()`;
    return `${name}(${super.__repr__()})`;
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof Dict)) return NotImplemented;
    if (other.size !== this.size) return false;
    for (const [k, v] of this.entries()) {
      const e = other.lookup(k);
      if (e === undefined || !eq(v, e[1])) return false;
    }
    if (other instanceof OrderedDictImpl) {
      const a = [...this.entries()];
      const b = [...other.entries()];
      return a.every((e, i) => eq(e[0], b[i]![0]));
    }
    return true;
  }

  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }

  override __or__(other: unknown): unknown {
    if (!(other instanceof Dict)) return NotImplemented;
    const d = this.copy();
    d.update(other);
    return d;
  }
}

/** `collections.OrderedDict`. */
// CPython writes it in C: errors name its instances by its tp_name (types.ts, `typeName`).
Object.defineProperty(OrderedDictImpl, "__tp_name__", { value: "collections.OrderedDict" });
export const OrderedDict = libraryClass(OrderedDictImpl, "OrderedDict", "collections");
export type OrderedDict = OrderedDictImpl;

// ---------------------------------------------------------------- ChainMap

/** `isinstance(x, collections.abc.Mapping)` for ChainMap's operators: dicts and mapping classes. */
function isMapping(x: unknown): boolean {
  if (x instanceof Dict || x instanceof ChainMapImpl) return true;
  const o = x as { keys?: unknown; __getitem__?: unknown } | null;
  return (
    typeof o === "object" &&
    o !== null &&
    typeof o.keys === "function" &&
    typeof o.__getitem__ === "function"
  );
}

class ChainMapImpl {
  maps: unknown[] = [];

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, ChainMapImpl, args);
  }

  /** `self.__class__(*maps)`, as CPython's methods make their results. */
  private make(...maps: unknown[]): ChainMapImpl {
    return new (this.constructor as new (...a: unknown[]) => ChainMapImpl)(...maps);
  }

  /** `ChainMap.fromkeys(iterable, value=None)`: a ChainMap of one new dict. */
  static fromkeys(iterable: unknown, value: unknown = null): ChainMapImpl {
    const d = new Dict();
    for (const k of iter(iterable)) d.__setitem__(k, value);
    return new (this as unknown as new (...a: unknown[]) => ChainMapImpl)(d);
  }

  __init__(...maps: unknown[]): null {
    this.maps = maps.length > 0 ? maps : [new Dict()];
    return null;
  }

  __getitem__(key: unknown): unknown {
    for (const m of this.maps) {
      if (contains(m, key)) return (m as { __getitem__: (k: unknown) => unknown }).__getitem__(key);
    }
    const missing = (this as { __missing__?: (k: unknown) => unknown }).__missing__;
    if (typeof missing === "function") return missing.call(this, key);
    throw new KeyError(key);
  }

  get(key: unknown, dflt: unknown = null): unknown {
    return this.__contains__(key) ? this.__getitem__(key) : dflt;
  }

  __setitem__(key: unknown, v: unknown): void {
    (this.maps[0] as { __setitem__: (k: unknown, v: unknown) => void }).__setitem__(key, v);
  }

  __delitem__(key: unknown): void {
    try {
      (this.maps[0] as { __delitem__: (k: unknown) => void }).__delitem__(key);
    } catch (e) {
      if (e instanceof KeyError)
        throw new KeyError(`Key not found in the first mapping: ${repr(key)}`);
      throw e;
    }
  }

  private merged(): Dict {
    const d = new Dict();
    for (let i = this.maps.length - 1; i >= 0; i--) {
      for (const k of iter(this.maps[i])) d.__setitem__(k, null);
    }
    return d;
  }

  __len__(): bigint {
    return BigInt(this.merged().size);
  }

  __iter__(): Iterator<unknown> {
    return this.merged()[Symbol.iterator]();
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }

  __contains__(key: unknown): boolean {
    return this.maps.some((m) => contains(m, key));
  }

  keys(): unknown {
    return this.merged().keys();
  }

  values(): unknown[] {
    return [...this.merged()].map((k) => this.__getitem__(k));
  }

  items(): Tuple[] {
    return [...this.merged()].map((k) => new Tuple([k, this.__getitem__(k)]));
  }

  new_child(m: unknown = null): ChainMapImpl {
    if (m instanceof Kw) m = new Dict(Object.entries(m.kwargs));
    return this.make(m === null ? new Dict() : m, ...this.maps);
  }

  get parents(): ChainMapImpl {
    return this.make(...this.maps.slice(1));
  }

  copy(): ChainMapImpl {
    const first = this.maps[0] as { copy: () => unknown };
    return this.make(first.copy(), ...this.maps.slice(1));
  }

  pop(key: unknown, ...dflt: unknown[]): unknown {
    try {
      return (this.maps[0] as { pop: (k: unknown) => unknown }).pop(key);
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      if (dflt.length > 0) return dflt[0];
      throw new KeyError(`Key not found in the first mapping: ${repr(key)}`);
    }
  }

  popitem(): unknown {
    try {
      return (this.maps[0] as { popitem: () => unknown }).popitem();
    } catch (e) {
      if (!(e instanceof KeyError)) throw e;
      throw new KeyError("No keys found in the first mapping.");
    }
  }

  clear(): null {
    (this.maps[0] as { clear: () => unknown }).clear();
    return null;
  }

  __repr__(): string {
    return reprGuard(
      this,
      "...",
      () => `${clsName(this)}(${this.maps.map((m) => repr(m)).join(", ")})`,
    );
  }

  /** `self | other`: a copy whose first mapping is updated with `other` (a mapping). */
  __or__(other: unknown): unknown {
    if (!isMapping(other)) return NotImplemented;
    const m = this.copy();
    callMethod(m.maps[0], "update", other);
    return m;
  }

  __ior__(other: unknown): this {
    callMethod(this.maps[0], "update", other);
    return this;
  }

  /** `other | self`: a ChainMap of one dict, `other` updated with the maps from the last. */
  __ror__(other: unknown): unknown {
    if (!isMapping(other)) return NotImplemented;
    const m = new Dict();
    m.update(other);
    for (let i = this.maps.length - 1; i >= 0; i--) m.update(this.maps[i]);
    return this.make(m);
  }

  __eq__(other: unknown): unknown {
    const mine = new Dict(this.items().map((t) => [t.items[0], t.items[1]] as const));
    if (other instanceof ChainMapImpl) {
      return eq(mine, new Dict(other.items().map((t) => [t.items[0], t.items[1]] as const)));
    }
    if (other instanceof Dict) return eq(mine, other);
    return NotImplemented;
  }
}

/** `collections.ChainMap(*maps)`. */
export const ChainMap = libraryClass(ChainMapImpl, "ChainMap", "collections");
export type ChainMap = ChainMapImpl;

// ---------------------------------------------------------------- namedtuple

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/u;
/** Python's keywords (namedtuple's and dataclasses.make_dataclass's field-name checks). */
export const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

/** The class a namedtuple call makes: a Tuple subclass with named fields. */
export interface NamedTupleClass {
  new (...args: unknown[]): Tuple;
  (...args: unknown[]): Tuple;
  _fields: Tuple;
  _field_defaults: Dict;
  _make(iterable: unknown): Tuple;
}

/** `collections.namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`. */
export function namedtuple(
  typename: unknown,
  field_names: unknown,
  ...rest: unknown[]
): NamedTupleClass {
  const [pos, kws] = takeKw(rest);
  if (pos.length > 0) {
    throw new PyTypeError(
      `namedtuple() takes 2 positional arguments but ${pos.length + 2} were given`,
    );
  }
  const rename = Boolean(kws.rename ?? false);
  const defaultsArg = kws.defaults ?? null;
  const moduleName = (kws.module as string | null | undefined) ?? "__main__";
  let names: string[] =
    typeof field_names === "string"
      ? field_names
          .replace(/,/g, " ")
          .split(/\s+/)
          .filter((s) => s !== "")
      : [...iter(field_names)].map((x) => String(x));
  const tname = String(typename);
  if (rename) {
    const seen = new Set<string>();
    names = names.map((n, i) => {
      const bad = !IDENT.test(n) || KEYWORDS.has(n) || n.startsWith("_") || seen.has(n);
      seen.add(n);
      return bad ? `_${i}` : n;
    });
  }
  const defaults = defaultsArg === null ? [] : [...iter(defaultsArg)];
  const spec = namedTupleSpec(tname, names, defaults, rename);

  class NT extends Tuple {
    constructor(...args: unknown[]) {
      super(spec.bind(args));
    }
  }
  installNamedTuple(NT, spec, false);
  Object.defineProperty(NT, "name", { value: tname });
  Object.defineProperty(NT, "__name__", { value: tname, writable: true, configurable: true });
  Object.defineProperty(NT, "__qualname__", { value: tname, writable: true, configurable: true });
  Object.defineProperty(NT, "__doc__", {
    value: `${tname}(${spec.names.join(", ")})`,
    writable: true,
    configurable: true,
  });
  Object.defineProperty(NT, "__module__", {
    value: moduleName,
    writable: true,
    configurable: true,
  });
  return libraryClass(NT, tname, moduleName) as unknown as NamedTupleClass;
}

/** What a namedtuple class knows of its fields (shared by `typing.NamedTuple` classes). */
export interface NamedTupleSpec {
  tname: string;
  names: string[];
  defaults: unknown[];
  fieldDefaults: Dict;
  /** `__new__`'s argument binding: the tuple's items, or CPython's TypeError. */
  bind(args: unknown[]): unknown[];
}

/**
 * Check a namedtuple's type and field names (CPython's ValueErrors and TypeErrors) and make its
 * argument binding.
 */
export function namedTupleSpec(
  tname: string,
  names: string[],
  defaults: unknown[],
  rename = false,
): NamedTupleSpec {
  for (const n of [tname, ...names]) {
    if (typeof n !== "string") throw new PyTypeError("Type names and field names must be strings");
    if (!IDENT.test(n))
      throw new ValueError(`Type names and field names must be valid identifiers: ${repr(n)}`);
    if (KEYWORDS.has(n))
      throw new ValueError(`Type names and field names cannot be a keyword: ${repr(n)}`);
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (n.startsWith("_") && !rename)
      throw new ValueError(`Field names cannot start with an underscore: ${repr(n)}`);
    if (seen.has(n)) throw new ValueError(`Encountered duplicate field name: ${repr(n)}`);
    seen.add(n);
  }
  if (defaults.length > names.length)
    throw new PyTypeError("Got more default values than field names");
  const fieldDefaults = new Dict();
  const firstDefault = names.length - defaults.length;
  for (let i = 0; i < defaults.length; i++)
    fieldDefaults.__setitem__(names[firstDefault + i], defaults[i]);

  const bind = (args: unknown[]): unknown[] => {
    const [p, k] = takeKw(args);
    const fname = `${tname}.__new__`;
    if (p.length > names.length) {
      const takes =
        defaults.length > 0
          ? `from ${firstDefault + 1} to ${names.length + 1}`
          : `${names.length + 1}`;
      throw new PyTypeError(
        `${fname}() takes ${takes} positional argument${names.length === 0 && defaults.length === 0 ? "" : "s"} but ${p.length + 1} were given`,
      );
    }
    if (p.length === names.length && Object.keys(k).length === 0) return p;
    const values: unknown[] = names.map((_, i) => (i < p.length ? p[i] : NO_VALUE));
    for (const [key, v] of Object.entries(k)) {
      const i = names.indexOf(key);
      if (i < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${key}'`);
      if (values[i] !== NO_VALUE)
        throw new PyTypeError(`${fname}() got multiple values for argument '${key}'`);
      values[i] = v;
    }
    const missing: string[] = [];
    for (let i = 0; i < names.length; i++) {
      if (values[i] !== NO_VALUE) continue;
      if (i >= firstDefault) values[i] = defaults[i - firstDefault];
      else missing.push(names[i]!);
    }
    if (missing.length > 0) {
      const q = missing.map((m) => `'${m}'`);
      const list =
        q.length === 1
          ? q[0]
          : q.length === 2
            ? `${q[0]} and ${q[1]}`
            : `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
      throw new PyTypeError(
        `${fname}() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`,
      );
    }
    return values;
  };
  return { tname, names, defaults, fieldDefaults, bind };
}

/** Own properties of JS functions that a class's field cannot replace. */
const FUNCTION_OWN = new Set(["name", "length", "prototype", "caller", "arguments"]);

/** A field of a namedtuple class read through the class: `_tuplegetter(0, 'Alias for field number 0')`. */
class TupleGetter {
  constructor(readonly index: number) {}
  get __doc__(): string {
    return `Alias for field number ${this.index}`;
  }
  __repr__(): string {
    return `_tuplegetter(${this.index}, '${this.__doc__}')`;
  }
}

/**
 * Give `cls` (a class whose instances are Tuples) the namedtuple's attributes: the field
 * properties (read-only), `_fields`, `_field_defaults`, `__match_args__`, `_make`, `_replace`,
 * `_asdict`, `__getnewargs__`, `__repr__`, and concatenation/repetition that give plain tuples.
 * With `keepOwn`, methods `cls` already defines itself win (a `typing.NamedTuple` class body);
 * the fields always win, as in CPython. `listed`: `dir()` lists the class as `namedtuple` makes it.
 */
export function installNamedTuple(
  cls: Function,
  spec: NamedTupleSpec,
  keepOwn: boolean,
  listed = true,
): void {
  const { tname, names } = spec;
  const proto = cls.prototype as Record<string, unknown>;
  type Ctor = new (...a: unknown[]) => Tuple;
  const methods: Record<string, (this: Tuple, ...args: unknown[]) => unknown> = {
    _replace(this: Tuple, ...args: unknown[]): Tuple {
      const [p, k] = takeKw(args);
      if (p.length > 0)
        throw new PyTypeError(
          `${tname}._replace() takes 1 positional argument but ${p.length + 1} were given`,
        );
      const values = this.items.slice();
      const unexpected: string[] = [];
      for (const [key, v] of Object.entries(k)) {
        const i = names.indexOf(key);
        if (i < 0) unexpected.push(key);
        else values[i] = v;
      }
      if (unexpected.length > 0)
        throw new PyTypeError(`Got unexpected field names: ${repr(unexpected)}`);
      return new (this.constructor as Ctor)(...values);
    },
    _asdict(this: Tuple): Dict {
      return new Dict(names.map((n, i) => [n, this.items[i]] as const));
    },
    __getnewargs__(this: Tuple): Tuple {
      return new Tuple(this.items.slice());
    },
    __repr__(this: Tuple): string {
      const name = clsName(this);
      return reprGuard(
        this,
        "...",
        () => `${name}(${names.map((n, i) => `${n}=${repr(this.items[i])}`).join(", ")})`,
      );
    },
    // A tuple subclass concatenates and repeats to plain tuples.
    __add__(this: Tuple, other: unknown): unknown {
      if (!(other instanceof Tuple)) return NotImplemented;
      return new Tuple([...this.items, ...other.items]);
    },
    __mul__(this: Tuple, n: unknown): unknown {
      if (!isInt(n)) return NotImplemented;
      const k = Number(toBigInt(n as bigint));
      const out: unknown[] = [];
      for (let i = 0; i < k; i++) out.push(...this.items);
      return new Tuple(out);
    },
    _make(this: Tuple, iterable: unknown): Tuple {
      return (this.constructor as unknown as { _make(x: unknown): Tuple })._make(iterable);
    },
  };
  methods.__rmul__ = methods.__mul__!;
  // `copy.replace` (3.13): the same function as `_replace`, as in CPython.
  methods.__replace__ = methods._replace!;
  for (const [key, fn] of Object.entries(methods)) {
    if (keepOwn && Object.hasOwn(proto, key)) continue;
    const own = key === "__replace__" ? "_replace" : key;
    Object.defineProperty(fn, "__qualname__", { value: `${tname}.${own}`, configurable: true });
    Object.defineProperty(proto, key, { value: fn, writable: true, configurable: true });
  }
  // For `dir()` (dir.ts), unless the runtime's class has more of its own than the fields.
  if (listed)
    Object.defineProperty(cls, Symbol.for("asyncio-ts.namedtuple-fields"), {
      value: names,
      configurable: true,
    });
  const statics: Record<string, unknown> = {
    _fields: new Tuple(names),
    _field_defaults: spec.fieldDefaults,
    __match_args__: new Tuple(names),
    _make(this: Ctor, iterable: unknown): Tuple {
      const xs = [...iter(iterable)];
      if (xs.length !== names.length)
        throw new PyTypeError(`Expected ${names.length} arguments, got ${xs.length}`);
      return new this(...xs);
    },
  };
  for (const [key, v] of Object.entries(statics))
    Object.defineProperty(cls, key, { value: v, writable: true, configurable: true });
  // Instances read the class's data attributes (`p._fields`, `p._field_defaults`).
  for (const key of ["_fields", "_field_defaults", "__match_args__"]) {
    if (Object.hasOwn(proto, key)) continue;
    Object.defineProperty(proto, key, {
      get(this: Tuple) {
        return (this.constructor as unknown as Record<string, unknown>)[key];
      },
      configurable: true,
      enumerable: false,
    });
  }
  for (let i = 0; i < names.length; i++) {
    Object.defineProperty(proto, names[i]!, {
      get(this: Tuple) {
        return this.items[i];
      },
      set() {
        throw new (AttributeErrorRef())("can't set attribute");
      },
      configurable: true,
      enumerable: false,
    });
    if (FUNCTION_OWN.has(names[i]!)) continue;
    Object.defineProperty(cls, names[i]!, {
      value: new TupleGetter(i),
      writable: true,
      configurable: true,
    });
  }
}

const NO_VALUE = Symbol("no value");

function AttributeErrorRef(): new (msg: string) => Error {
  // loaded lazily (load-order rule of src/python)
  return require("../exceptions").AttributeError;
}

// ---------------------------------------------------------------- collections.abc

/** The classes that are Iterable, Sized, Container and Collection alike. */
const COLLECTIONS = [
  "list",
  "tuple",
  "str",
  "bytes",
  "bytearray",
  "dict",
  "set",
  "frozenset",
  "range",
  "memoryview",
  "deque",
  "ChainMap",
];

/** The builtin and collections classes CPython registers with (or derives from) each ABC. */
const ABC_CLASSES: Record<string, string[]> = {
  Iterable: [...COLLECTIONS, "generator"],
  Iterator: ["generator"],
  Generator: ["generator"],
  Awaitable: ["coroutine"],
  Coroutine: ["coroutine"],
  AsyncIterable: ["async_generator"],
  AsyncIterator: ["async_generator"],
  AsyncGenerator: ["async_generator"],
  Sized: COLLECTIONS,
  Container: COLLECTIONS,
  Collection: COLLECTIONS,
  Sequence: ["list", "tuple", "str", "bytes", "bytearray", "range", "memoryview", "deque"],
  Reversible: [
    "list",
    "tuple",
    "str",
    "bytes",
    "bytearray",
    "range",
    "memoryview",
    "deque",
    "dict",
  ],
  MutableSequence: ["list", "bytearray", "deque"],
  Mapping: ["dict", "ChainMap"],
  MutableMapping: ["dict", "ChainMap"],
  Set: ["set", "frozenset"],
  MutableSet: ["set"],
};

/** The class of `name` in ABC_CLASSES (builtins, or this module's). */
function abcClass(name: string): unknown {
  if (name === "deque") return deque;
  // The types of generators and coroutines (`issubclass(type(gen()), Generator)`).
  if (name === "generator" || name === "coroutine" || name === "async_generator")
    return nativeType(name);
  if (name === "ChainMap") return ChainMap;
  return (require("../builtins") as Record<string, unknown>)[name];
}

function abcType(name: string, check: (x: unknown) => boolean): Function {
  // `subclass`: the registered classes and their subclasses (`issubclass(list, Sequence)`).
  const subclass = (c: unknown) =>
    (ABC_CLASSES[name] ?? []).some((n) => {
      const k = abcClass(n);
      return typeof k === "function" && typeof c === "function" && realSubclass(c, k);
    });
  // The ABCs a program can subclass (_collections_abc.ts) take the same checks.
  const cls = (ABCS as Record<string, Function | undefined>)[name];
  if (cls !== undefined) {
    ABCS.setChecks(cls, { instance: check, subclass });
    return cls;
  }
  const f = class {
    constructor() {
      throw new PyTypeError(`Can't instantiate abstract class ${name}`);
    }
    // A class statement over it (`class S(Set)`) fails when `pyclass` calls this.
    static __init_subclass__(): never {
      throw new NotImplementedError(
        `subclassing collections.abc.${name} is not supported by asyncio-ts`,
      );
    }
  };
  Object.defineProperty(f, "__name__", { value: name });
  Object.defineProperty(f, "__qualname__", { value: name });
  Object.defineProperty(f, "__module__", { value: "collections.abc" });
  Object.defineProperty(f, "__instancecheck__", { value: (x: unknown) => check(x) });
  Object.defineProperty(f, "__subclasscheck__", { value: subclass });
  return f;
}

function has(x: unknown, ...names: (string | symbol)[]): boolean {
  if (x === null || x === undefined) return false;
  if (typeof x === "string")
    return names.every(
      (n) => n === "__iter__" || n === "__len__" || n === "__contains__" || n === "__getitem__",
    );
  return names.every((n) => {
    if (typeof n === "string" && typeof (x as Record<string, unknown>)[n] === "function")
      return true;
    if (
      n === "__iter__" &&
      typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
    )
      return true;
    if (n === "__len__" && Array.isArray(x)) return true;
    if ((n === "__contains__" || n === "__getitem__") && Array.isArray(x)) return true;
    return false;
  });
}

const GeneratorProto = Object.getPrototypeOf(function* () {}.prototype) as object;
const KIND = Symbol.for("asyncio-ts.kind");

/** A JS generator object: a Python generator, or a coroutine (marked with its kind). */
function generatorKind(x: unknown): "generator" | "coroutine" | null {
  if (
    typeof x !== "object" ||
    x === null ||
    !Object.prototype.isPrototypeOf.call(GeneratorProto, x)
  )
    return null;
  return (x as { [KIND]?: string })[KIND] === "coroutine" ? "coroutine" : "generator";
}

/** Runtime types CPython registers with the ABCs (their JS objects lack the dunder methods). */
const CONTAINER_TYPES = new Set([
  "tuple",
  "bytes",
  "bytearray",
  "range",
  "dict_keys",
  "dict_values",
  "dict_items",
  "set",
  "frozenset",
  "memoryview",
]);
const SEQUENCE_TYPES = new Set(["bytes", "bytearray", "range", "memoryview"]);
const REVERSIBLE_VIEWS = new Set(["dict_keys", "dict_values", "dict_items"]);
const UNHASHABLE_TYPES = new Set([
  "list",
  "dict",
  "set",
  "bytearray",
  "collections.deque",
  "dict_keys",
  "dict_items",
]);

function isContainer(x: unknown): boolean {
  return has(x, "__contains__") || CONTAINER_TYPES.has(typeName(x));
}

/** `collections.abc`: runtime checks for isinstance (structural, as CPython's ABCs mostly are). */
export const abc = {
  Iterable: abcType("Iterable", (x) => generatorKind(x) !== "coroutine" && has(x, "__iter__")),
  Iterator: abcType(
    "Iterator",
    (x) =>
      typeof x === "object" &&
      x !== null &&
      generatorKind(x) !== "coroutine" &&
      (has(x, "__next__") || (has(x, "next") && has(x, "__iter__"))),
  ),
  Generator: abcType("Generator", (x) => generatorKind(x) === "generator"),
  Reversible: abcType(
    "Reversible",
    (x) =>
      typeof x === "string" ||
      Array.isArray(x) ||
      isinstance(x, Tuple) ||
      x instanceof Dict ||
      x instanceof DequeImpl ||
      SEQUENCE_TYPES.has(typeName(x)) ||
      REVERSIBLE_VIEWS.has(typeName(x)) ||
      has(x, "__reversed__", "__iter__"),
  ),
  Sized: abcType("Sized", (x) => has(x, "__len__")),
  Container: abcType("Container", isContainer),
  Collection: abcType(
    "Collection",
    (x) => has(x, "__len__", "__iter__") && (isContainer(x) || typeof x === "string"),
  ),
  Hashable: abcType(
    "Hashable",
    (x) =>
      !(
        Array.isArray(x) ||
        x instanceof Dict ||
        x instanceof ChainMapImpl ||
        UNHASHABLE_TYPES.has(typeName(x)) ||
        (typeof x === "object" && x !== null && (x as { __hash__?: unknown }).__hash__ === null)
      ),
  ),
  Callable: abcType("Callable", (x) => typeof x === "function" || has(x, "__call__")),
  Sequence: abcType(
    "Sequence",
    (x) =>
      typeof x === "string" ||
      Array.isArray(x) ||
      isinstance(x, Tuple) ||
      x instanceof DequeImpl ||
      SEQUENCE_TYPES.has(typeName(x)),
  ),
  MutableSequence: abcType(
    "MutableSequence",
    (x) => Array.isArray(x) || x instanceof DequeImpl || typeName(x) === "bytearray",
  ),
  Mapping: abcType("Mapping", (x) => x instanceof Dict || x instanceof ChainMapImpl),
  MutableMapping: abcType("MutableMapping", (x) => x instanceof Dict || x instanceof ChainMapImpl),
  Set: abcType("Set", (x) => has(x, "isdisjoint", "__contains__")),
  MutableSet: abcType("MutableSet", (x) => has(x, "isdisjoint", "add", "discard")),
  Awaitable: abcType(
    "Awaitable",
    (x) => generatorKind(x) === "coroutine" || (generatorKind(x) === null && has(x, "__await__")),
  ),
  Coroutine: abcType("Coroutine", (x) => generatorKind(x) === "coroutine"),
  AsyncIterable: abcType("AsyncIterable", (x) => has(x, "__aiter__")),
  AsyncIterator: abcType("AsyncIterator", (x) => has(x, "__aiter__", "__anext__")),
  AsyncGenerator: abcType("AsyncGenerator", (x) => has(x, "__aiter__", "__anext__", "asend")),
  MappingView: ABCS.MappingView,
  KeysView: ABCS.KeysView,
  ItemsView: ABCS.ItemsView,
  ValuesView: ABCS.ValuesView,
};

/** `collections.UserDict` (src/python/stdlib/_collections_abc.ts). */
export const UserDict = ABCS.UserDict;
/** `collections.UserList` (src/python/stdlib/_collections_abc.ts). */
export const UserList = ABCS.UserList;
/** `collections.UserString` (src/python/stdlib/_collections_abc.ts). */
export const UserString = ABCS.UserString;

/** Internal: the deque implementation class (for `copy` and `isinstance` inside the runtime). */
export { DequeImpl as _DequeImpl };
