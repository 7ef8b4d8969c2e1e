/**
 * Python's `dict`: insertion-ordered, any hashable key, `1`, `1.0` and `True` the same key.
 *
 * Storage is a JS `Map` from a *normalized key* to the `[key, value]` entry, so iteration order is
 * insertion order (a re-inserted key moves to the end, an overwritten key keeps its place and
 * its original key object, as in CPython). Normalization: numbers and bools that are equal in
 * Python map to one JS primitive (`1n`, `1.0`, `true` -> `1`); strings stay strings; objects that
 * compare by identity are their own key; objects with `__eq__` (tuples, frozensets, user classes
 * with `__hash__`) are found through a side table from `hash()` to the stored key objects.
 */

import { BytesLike } from "./bytes";
import { eq } from "./compare";
import { KeyError, TypeError as PyTypeError, RuntimeError, ValueError } from "./exceptions";
import { hash } from "./hash";
import { Kw } from "./kw";
import { forwardToClass, markBuiltinClass, NotImplemented } from "./objects";
import { iter } from "./protocol";
import { repr, reprGuard } from "./repr";
import { PySet, SetBase } from "./set";
import { Tuple } from "./tuple";
import { typeName } from "./types";

type Entry = [unknown, unknown];

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Not an object (None is `null`, an object): an int, float, str or bool. */
function isPrimitive(x: unknown): boolean {
  return typeof x !== "object" && typeof x !== "function";
}

/** A tuple (not a subclass) of ints, floats, strs, bools and None: hashed with no Python code. */
function plainTuple(t: Tuple): boolean {
  if (t.constructor !== Tuple) return false;
  const items = t.items;
  for (let i = 0; i < items.length; i++)
    if (!isPrimitive(items[i]) && items[i] !== null) return false;
  return true;
}

/** True when a key compares by value through `__eq__` (needs the hash side table). */
function needsEqLookup(key: object): boolean {
  return (
    typeof key === "function" ||
    typeof (key as { __eq__?: unknown }).__eq__ === "function" ||
    key instanceof Tuple ||
    key instanceof SetBase ||
    key instanceof BytesLike
  );
}

/**
 * The int/str/float an int-, str- or float-subclass object (IntEnum member, ...) stands for, or
 * that a number equal to one is the same key as (`__number_key__`: `Fraction(1, 2)` is `0.5`).
 */
function valueBase(key: object): unknown {
  const o = key as {
    __int_value__?: unknown;
    __str_value__?: unknown;
    __float_value__?: unknown;
    __number_key__?: unknown;
  };
  return o.__int_value__ ?? o.__str_value__ ?? o.__float_value__ ?? o.__number_key__;
}

// Tuples of plain values (strs, ints, floats, bools, None) are the usual compound keys. Besides
// the hash buckets, a dict keeps a trie of its stored ones, so that a lookup finds them without
// hashing: one level per item, keyed as `norm` keys items (equal numbers are one key), under
// `eqIndex.get(length)` (a number; the buckets' keys are bigints).

const NOT_PLAIN: unique symbol = Symbol("not plain");

/** A tuple item as a trie key: equal in Python exactly when the keys are the same (NaN is not). */
function plainItemKey(x: unknown): unknown {
  switch (typeof x) {
    case "string":
      return x;
    case "bigint":
      return x >= -MAX_SAFE && x <= MAX_SAFE ? Number(x) : x;
    case "number":
      if (Number.isNaN(x)) return NOT_PLAIN;
      return Number.isInteger(x) && !Number.isSafeInteger(x) ? BigInt(x) : x;
    case "boolean":
      return x ? 1 : 0;
  }
  return x === null ? null : NOT_PLAIN;
}

type Trie = Map<unknown, unknown>;

/** The stored key equal to the tuple's items, undefined, or NOT_PLAIN when an item is not plain. */
function trieGet(root: Trie, items: readonly unknown[]): unknown {
  let node: unknown = root;
  for (let i = 0; i < items.length; i++) {
    const k = plainItemKey(items[i]);
    if (k === NOT_PLAIN) return NOT_PLAIN;
    node = (node as Trie).get(k);
    if (node === undefined) return undefined;
  }
  return node;
}

/** Record `stored` (a tuple equal to items) in the trie, when all the items are plain. */
function trieSet(index: Map<unknown, unknown>, items: readonly unknown[], stored: unknown): void {
  const keys = items.map(plainItemKey);
  if (keys.includes(NOT_PLAIN)) return;
  let node = index.get(items.length) as Trie | undefined;
  if (node === undefined) index.set(items.length, (node = new Map()));
  for (let i = 0; i < keys.length - 1; i++) {
    let next = node.get(keys[i]) as Trie | undefined;
    if (next === undefined) node.set(keys[i], (next = new Map()));
    node = next;
  }
  node.set(keys[keys.length - 1], stored);
}

/** Forget `stored` (a tuple being removed) in the trie, and the levels it leaves empty. */
function trieDelete(
  index: Map<unknown, unknown>,
  items: readonly unknown[],
  stored: unknown,
): void {
  const root = index.get(items.length) as Trie | undefined;
  if (root === undefined) return;
  const path: Trie[] = [root];
  const keys = items.map(plainItemKey);
  for (let i = 0; i < keys.length - 1; i++) {
    const next = path[i].get(keys[i]) as Trie | undefined;
    if (next === undefined) return;
    path.push(next);
  }
  const last = keys.length - 1;
  if (path[last].get(keys[last]) !== stored) return;
  path[last].delete(keys[last]);
  for (let i = last; i > 0 && path[i].size === 0; i--) path[i - 1].delete(keys[i - 1]);
  if (root.size === 0) index.delete(items.length);
}

export class Dict<K = unknown, V = unknown> {
  /** normalized key -> [key, value] */
  protected map = new Map<unknown, Entry>();
  /**
   * hash -> stored key objects that compare with __eq__; and tuple length -> the trie of the
   * stored tuples of plain values (see `trieGet`).
   */
  private eqIndex: Map<bigint | number, unknown> | null = null;

  constructor(entries?: Iterable<readonly [K, V]>) {
    if (entries !== undefined) for (const [k, v] of entries) this.__setitem__(k, v);
  }

  /** The normalized key for `key`; `insert` registers a new eq-compared key. */
  private norm(key: unknown, insert: boolean): unknown {
    switch (typeof key) {
      case "string":
        return key;
      case "bigint":
        return key >= -MAX_SAFE && key <= MAX_SAFE ? Number(key) : key;
      case "number":
        return Number.isInteger(key) && !Number.isSafeInteger(key) ? BigInt(key) : key;
      case "boolean":
        return key ? 1 : 0;
      case "undefined":
        return null;
      case "function":
        // A bound method is made at each read: looked up by its object and function.
        if ((key as { __func__?: unknown }).__func__ === undefined) return key;
        break;
    }
    if (key === null) return null;
    if (key instanceof Tuple && key.constructor === Tuple && key.items.length > 0) {
      // A tuple of plain values: found in the trie without hashing it when it is stored.
      const items = key.items;
      const root = this.eqIndex?.get(items.length) as Trie | undefined;
      const found = root === undefined ? undefined : trieGet(root, items);
      if (found === NOT_PLAIN) return this.normEq(key, insert);
      if (found !== undefined) return found;
      const n = this.normEq(key, insert);
      // Record the stored key (or the one about to be stored) equal to it.
      if (n !== key ? n instanceof Tuple && n.constructor === Tuple : insert) {
        trieSet(this.eqIndex!, items, n);
      }
      return n;
    }
    return this.normEq(key, insert);
  }

  /** `norm` of an object key: by identity, or found among the stored keys of equal hash. */
  private normEq(key: unknown, insert: boolean): unknown {
    const h = hash(key); // raises TypeError for unhashable keys
    if (!needsEqLookup(key as object)) return key;
    // An IntEnum/StrEnum member is the same key as its int/str value (see enum.ts).
    const base = valueBase(key as object);
    if (base !== undefined) return this.norm(base, insert);
    if (this.eqIndex === null) this.eqIndex = new Map();
    const bucket = this.eqIndex.get(h) as unknown[] | undefined;
    if (bucket !== undefined) {
      for (const k of bucket) if (k === key || eq(k, key)) return k;
      if (insert) bucket.push(key);
    } else if (insert) {
      this.eqIndex.set(h, [key]);
    }
    return key;
  }

  private unindex(normKey: unknown): void {
    if (this.eqIndex === null || normKey === null) return;
    if (typeof normKey !== "object" && typeof normKey !== "function") return;
    if (normKey instanceof Tuple && normKey.constructor === Tuple && normKey.items.length > 0) {
      trieDelete(this.eqIndex, normKey.items, normKey);
    }
    const h = hash(normKey);
    const bucket = this.eqIndex.get(h) as unknown[] | undefined;
    if (bucket === undefined) return;
    const i = bucket.indexOf(normKey);
    if (i >= 0) bucket.splice(i, 1);
    if (bucket.length === 0) this.eqIndex.delete(h);
  }

  get size(): number {
    return this.map.size;
  }

  __len__(): bigint {
    return BigInt(this.map.size);
  }

  __contains__(key: unknown): boolean {
    return this.map.has(this.norm(key, false));
  }

  has(key: unknown): boolean {
    return this.__contains__(key);
  }

  __getitem__(key: K): V {
    const e = this.map.get(this.norm(key, false));
    if (e !== undefined) return e[1] as V;
    const missing = (this as { __missing__?: (k: K) => V }).__missing__;
    if (typeof missing === "function") return missing.call(this, key);
    throw new KeyError(key);
  }

  __setitem__(key: K, value: V): void {
    const n = this.norm(key, true);
    const e = this.map.get(n);
    if (e !== undefined) e[1] = value;
    else this.map.set(n, [key, value]);
  }

  /**
   * `d[key] = op(d[key], value)` for a stored key, found once (`augitem`, protocol.ts); false, with
   * nothing done, when the key is not stored (`__getitem__` then raises or calls `__missing__`),
   * when a subclass has its own `__getitem__` or `__setitem__`, or when finding the key may run
   * Python code (`__hash__`, `__eq__`: CPython runs it for the read and again for the store).
   */
  augment(key: K, op: (a: unknown, b: unknown) => unknown, value: unknown): boolean {
    if (this.__getitem__ !== dictGetitem || this.__setitem__ !== dictSetitem) return false;
    if (!isPrimitive(key) && !(key instanceof Tuple && plainTuple(key))) return false;
    const n = this.norm(key, false);
    const e = this.map.get(n);
    if (e === undefined) return false;
    const old = e[1];
    const r = op(old, value);
    // Of two ints, floats or strs the operator runs no Python code; else it (an `__iadd__`) may
    // have removed the key meanwhile, and then it is stored again.
    if ((isPrimitive(old) && isPrimitive(value)) || this.map.get(n) === e) e[1] = r;
    else this.__setitem__(key, r as V);
    return true;
  }

  __delitem__(key: K): void {
    const n = this.norm(key, false);
    if (!this.map.delete(n)) throw new KeyError(key);
    this.unindex(n);
  }

  /** The stored entry for key, or undefined (no `__missing__`). */
  lookup(key: unknown): [K, V] | undefined {
    return this.map.get(this.norm(key, false)) as [K, V] | undefined;
  }

  get(key: K, dflt: V | null = null): V | null {
    const e = this.map.get(this.norm(key, false));
    return e !== undefined ? (e[1] as V) : dflt;
  }

  setdefault(key: K, dflt: V | null = null): V | null {
    const n = this.norm(key, true);
    const e = this.map.get(n);
    if (e !== undefined) return e[1] as V;
    this.map.set(n, [key, dflt]);
    return dflt;
  }

  pop(key: K, ...dflt: [V?]): V {
    const n = this.norm(key, false);
    const e = this.map.get(n);
    if (e === undefined) {
      if (dflt.length > 0) return dflt[0] as V;
      throw new KeyError(key);
    }
    this.map.delete(n);
    this.unindex(n);
    return e[1] as V;
  }

  popitem(): Tuple {
    if (this.map.size === 0) throw new KeyError("popitem(): dictionary is empty");
    let last: unknown;
    for (const k of this.map.keys()) last = k;
    const e = this.map.get(last)!;
    this.map.delete(last);
    this.unindex(last);
    return new Tuple([e[0], e[1]]);
  }

  clear(): void {
    this.map.clear();
    this.eqIndex = null;
  }

  copy(): Dict<K, V> {
    const d = new Dict<K, V>();
    for (const [k, v] of this.map.values()) d.__setitem__(k as K, v as V);
    return d;
  }

  /**
   * `update(other)` / `update(iterable of pairs)` / keyword pairs (a plain record, or the `Kw`
   * of generated code: `d.update(kw({ a: 1n }))`).
   */
  update(other?: unknown, kwargs?: Record<string, unknown> | Kw): void {
    if (other instanceof Kw) {
      kwargs = other.kwargs as Record<string, unknown>;
      other = undefined;
    } else if (kwargs instanceof Kw) kwargs = kwargs.kwargs as Record<string, unknown>;
    if (other !== undefined && other !== null) mergeInto(this as Dict, other);
    if (kwargs) for (const k of Object.keys(kwargs)) storeItem(this as Dict, k, kwargs[k as never]);
  }

  keys(): DictKeys<K> {
    return new DictKeys(this as Dict);
  }

  values(): DictValues<V> {
    return new DictValues(this as Dict);
  }

  items(): DictItems<K, V> {
    return new DictItems(this as Dict);
  }

  /** Raw `[key, value]` entries in order (no copy; do not mutate). */
  entries(): IterableIterator<[K, V]> {
    return this.map.values() as IterableIterator<[K, V]>;
  }

  /** Iterate keys (a `dict_keyiterator`, see DictIterator). */
  [Symbol.iterator](): Iterator<K> {
    return new DictKeyIterator(this) as Iterator<K>;
  }

  __iter__(): Iterator<K> {
    // Dict's own iterator: a subclass's `[Symbol.iterator]` (which `pyclass` makes call
    // `__iter__`) must not come back here.
    return Dict.prototype[Symbol.iterator].call(this) as Iterator<K>;
  }

  __repr__(): string {
    if (this.map.size === 0) return "{}";
    return reprGuard(this, "{...}", () => {
      const parts: string[] = [];
      for (const [k, v] of this.map.values()) parts.push(`${repr(k)}: ${repr(v)}`);
      return `{${parts.join(", ")}}`;
    });
  }

  __or__(other: unknown): unknown {
    if (!(other instanceof Dict)) return NotImplemented;
    const d = this.copy();
    d.update(other);
    return d;
  }

  __ror__(other: unknown): unknown {
    if (!(other instanceof Dict)) return NotImplemented;
    const d = other.copy();
    d.update(this);
    return d;
  }

  __ior__(other: unknown): this {
    // `dict_ior` merges directly: an overridden `update` or `__setitem__` is not called.
    mergeInto(this as Dict, other);
    return this;
  }

  /** `cls.fromkeys(iterable, value=None)`: a new `cls()` (a subclass's own class) filled in. */
  static fromkeys(this: unknown, iterable: Iterable<unknown>, value: unknown = null): Dict {
    // `cls()`: a program's `class D(dict)` extends the `dict` builtin, whose instances are Dicts
    const made =
      typeof this === "function" && this !== Dict ? new (this as new () => unknown)() : null;
    const d = made instanceof Dict ? made : new Dict();
    for (const k of iter(iterable)) d.__setitem__(k, value);
    return d;
  }
}

/** dict's own item methods (a subclass may replace them: `augment`). */
const dictGetitem = Dict.prototype.__getitem__;
const dictSetitem = Dict.prototype.__setitem__;

markBuiltinClass(Dict, "dict");
forwardToClass(Dict, "fromkeys");
(Dict as unknown as { __hash__: null }).__hash__ = null;
(Dict.prototype as unknown as { __hash__: null }).__hash__ = null;

/**
 * `d[key] = value` as C's dict stores it, never through a subclass's `__setitem__` (what
 * `dict(...)`, `dict.update` and `dict.__init__` do).
 */
export function storeItem(d: Dict, key: unknown, value: unknown): void {
  Dict.prototype.__setitem__.call(d, key, value);
}

/**
 * dict.update semantics: a mapping (has `keys`) or an iterable of pairs. Stores with
 * `storeItem`, as C's dict does, unless `viaSetitem` (MutableMapping.update, used by
 * OrderedDict, calls `self[k] = v`).
 */
export function mergeInto(d: Dict, other: unknown, viaSetitem = false): void {
  const set = viaSetitem
    ? (k: unknown, v: unknown) => d.__setitem__(k, v)
    : (k: unknown, v: unknown) => storeItem(d, k, v);
  if (other instanceof Dict) {
    for (const [k, v] of [...other.entries()]) set(k, v);
    return;
  }
  const o = other as { keys?: () => Iterable<unknown>; __getitem__?: (k: unknown) => unknown };
  if (
    !Array.isArray(other) &&
    typeof o.keys === "function" &&
    typeof o.__getitem__ === "function"
  ) {
    for (const k of o.keys()) set(k, o.__getitem__(k));
    return;
  }
  let i = 0;
  for (const item of iter(other)) {
    let pair: unknown[];
    if (item instanceof Tuple) pair = item.items as unknown[];
    else if (Array.isArray(item)) pair = item;
    else if (typeof item === "string") pair = [...item];
    else {
      try {
        pair = [...iter(item)];
      } catch {
        throw new PyTypeError(
          `cannot convert dictionary update sequence element #${i} to a sequence`,
        );
      }
    }
    if (pair.length !== 2) {
      throw new ValueError(
        `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`,
      );
    }
    set(pair[0], pair[1]);
    i++;
  }
}

/** `dict.__init__(self, mapping_or_iterable=(), /, **kwargs)` on `d`. */
export function dictInit(d: Dict, args: unknown[]): void {
  let n = args.length;
  const last = args[n - 1];
  const kws = n > 0 && last instanceof Kw ? (last.kwargs as Record<string, unknown>) : null;
  if (kws !== null) n--;
  if (n > 1) throw new PyTypeError(`dict expected at most 1 argument, got ${n}`);
  if (n === 1) mergeInto(d, args[0]);
  if (kws !== null) for (const k of Object.keys(kws)) storeItem(d, k, kws[k]);
}

/**
 * The JS base class of a program's `class R(dict)` (see the header): a `Dict` whose constructor
 * runs `dict.__init__` with the call's arguments, unless the class defines `__init__` (its
 * generated constructor then calls that one, which may call `super().__init__(...)`).
 */
export class DictSubclassBase<K = unknown, V = unknown> extends Dict<K, V> {
  constructor(...args: unknown[]) {
    super();
    if (this.__init__ === DictSubclassBase.prototype.__init__) this.__init__(...args);
  }

  __init__(...args: unknown[]): null {
    dictInit(this as Dict, args);
    return null;
  }
}
markBuiltinClass(DictSubclassBase, "dict");

abstract class DictView<T> {
  constructor(readonly dict: Dict) {}
  abstract [Symbol.iterator](): Iterator<T>;
  __iter__(): Iterator<T> {
    return this[Symbol.iterator]();
  }
  __len__(): bigint {
    return this.dict.__len__();
  }
  get size(): number {
    return this.dict.size;
  }
  protected abstract viewName(): string;
  __repr__(): string {
    return reprGuard(this, "...", () => `${this.viewName()}([${[...this].map(repr).join(", ")}])`);
  }
}

/**
 * Keys and items views are sets too (`collections.abc.Set`): `&`, `|`, `-`, `^` with any
 * iterable on either side return a set built as CPython's dictviews_* do (the left operand made a
 * set, then updated with the right one; `&` iterates the smaller side), so iteration orders match;
 * comparisons are set comparisons with sets and other keys/items views.
 */
abstract class SetLikeView<T> extends DictView<T> {
  abstract __contains__(x: unknown): boolean;

  /** `set(left)` with `left`'s keys when it is a keys view. */
  private static toSet(left: unknown): PySet {
    return new PySet(iter(left) as Iterable<unknown>);
  }
  private static intersect(view: SetLikeView<unknown>, other: unknown): PySet {
    if (other instanceof PySet && other.constructor === PySet && view.size <= other.size)
      return other.intersection(view) as PySet;
    let small: unknown = other;
    let big: SetLikeView<unknown> = view;
    if (other instanceof SetLikeView && other.size > view.size) {
      small = view;
      big = other;
    }
    const result = new PySet();
    for (const x of iter(small) as Iterable<unknown>) if (big.__contains__(x)) result.add(x);
    return result;
  }
  __and__(other: unknown): unknown {
    return SetLikeView.intersect(this, other);
  }
  __rand__(other: unknown): unknown {
    return SetLikeView.intersect(this, other);
  }
  __or__(other: unknown): unknown {
    const r = SetLikeView.toSet(this);
    r.update(other);
    return r;
  }
  __ror__(other: unknown): unknown {
    const r = SetLikeView.toSet(other);
    r.update(this);
    return r;
  }
  __sub__(other: unknown): unknown {
    const r = SetLikeView.toSet(this);
    r.difference_update(other);
    return r;
  }
  __rsub__(other: unknown): unknown {
    const r = SetLikeView.toSet(other);
    r.difference_update(this);
    return r;
  }
  __xor__(other: unknown): unknown {
    const r = SetLikeView.toSet(this);
    r.symmetric_difference_update(other);
    return r;
  }
  __rxor__(other: unknown): unknown {
    const r = SetLikeView.toSet(other);
    r.symmetric_difference_update(this);
    return r;
  }
  isdisjoint(other: unknown): boolean {
    for (const x of iter(other) as Iterable<unknown>) if (this.__contains__(x)) return false;
    return true;
  }

  /** Is `other` something a view compares with as a set (a set, or a keys/items view)? */
  private static setLike(other: unknown): other is SetBase | SetLikeView<unknown> {
    return other instanceof SetLikeView || other instanceof SetBase;
  }
  /** Every element of `a` is in `b`. */
  private static within(a: Iterable<unknown>, b: { __contains__(x: unknown): boolean }): boolean {
    for (const x of a) if (!b.__contains__(x)) return false;
    return true;
  }
  __eq__(other: unknown): unknown {
    if (!SetLikeView.setLike(other)) return NotImplemented;
    return this.size === other.size && SetLikeView.within(this, other);
  }
  __ne__(other: unknown): unknown {
    const r = this.__eq__(other);
    return r === NotImplemented ? r : !r;
  }
  __le__(other: unknown): unknown {
    if (!SetLikeView.setLike(other)) return NotImplemented;
    return this.size <= other.size && SetLikeView.within(this, other);
  }
  __lt__(other: unknown): unknown {
    if (!SetLikeView.setLike(other)) return NotImplemented;
    return this.size < other.size && SetLikeView.within(this, other);
  }
  __ge__(other: unknown): unknown {
    if (!SetLikeView.setLike(other)) return NotImplemented;
    return this.size >= other.size && SetLikeView.within(other as Iterable<unknown>, this);
  }
  __gt__(other: unknown): unknown {
    if (!SetLikeView.setLike(other)) return NotImplemented;
    return this.size > other.size && SetLikeView.within(other as Iterable<unknown>, this);
  }
}

export class DictKeys<K = unknown> extends SetLikeView<K> {
  [Symbol.iterator](): Iterator<K> {
    return new DictKeyIterator(this.dict) as Iterator<K>;
  }
  protected viewName(): string {
    return "dict_keys";
  }
  __contains__(k: unknown): boolean {
    return this.dict.__contains__(k);
  }
}
markBuiltinClass(DictKeys, "dict_keys");

export class DictValues<V = unknown> extends DictView<V> {
  [Symbol.iterator](): Iterator<V> {
    return new DictValueIterator(this.dict) as Iterator<V>;
  }
  protected viewName(): string {
    return "dict_values";
  }
}
markBuiltinClass(DictValues, "dict_values");

export class DictItems<_K = unknown, _V = unknown> extends SetLikeView<Tuple> {
  [Symbol.iterator](): Iterator<Tuple> {
    return new DictItemIterator(this.dict);
  }
  protected viewName(): string {
    return "dict_items";
  }
  __contains__(item: unknown): boolean {
    if (!(item instanceof Tuple) || item.items.length !== 2) return false;
    const e = this.dict.lookup(item.items[0]);
    return e !== undefined && eq(e[1], item.items[1]);
  }
}
markBuiltinClass(DictItems, "dict_items");

/**
 * The iterators of a dict and of its views (CPython's dictiter): over the entries in order,
 * raising CPython's RuntimeError when the dict changes size meanwhile (checked at each step, the
 * last included), or when it yields more entries than it had (a key deleted and another added:
 * "keys changed"); once exhausted or failed on changed keys, exhausted for good, once failed on a
 * changed size, failing so at every step (CPython makes that state sticky). Plain iterator
 * objects rather than generators: a `for` loop over a dict steps them directly (builtinfns.ts
 * names their Python types, `dict_keyiterator` and the others).
 */
abstract class DictIterator<T> implements IterableIterator<T> {
  private readonly entriesIt: Iterator<Entry>;
  private readonly size: number;
  private left: number;
  private finished = false;
  private sizeChanged = false;

  constructor(private readonly dict: Dict) {
    this.entriesIt = dict.entries();
    this.size = dict.size;
    this.left = this.size;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<T> {
    if (this.finished) return { value: undefined, done: true };
    if (this.sizeChanged || this.dict.size !== this.size) {
      this.sizeChanged = true;
      throw new RuntimeError("dictionary changed size during iteration");
    }
    const r = this.entriesIt.next();
    if (r.done) {
      this.finished = true;
      return { value: undefined, done: true };
    }
    if (this.left-- === 0) {
      this.finished = true;
      throw new RuntimeError("dictionary keys changed during iteration");
    }
    return { value: this.item(r.value), done: false };
  }

  protected abstract item(e: Entry): T;
}

export class DictKeyIterator extends DictIterator<unknown> {
  protected item(e: Entry): unknown {
    return e[0];
  }
}

export class DictValueIterator extends DictIterator<unknown> {
  protected item(e: Entry): unknown {
    return e[1];
  }
}

export class DictItemIterator extends DictIterator<Tuple> {
  protected item(e: Entry): Tuple {
    return new Tuple([e[0], e[1]]);
  }
}

/** `{k: v, ...}` from alternating keys and values (generated code for dict displays). */
export function dict_of(...kv: unknown[]): Dict {
  const d = new Dict();
  for (let i = 0; i < kv.length; i += 2) d.__setitem__(kv[i], kv[i + 1]);
  return d;
}

export function checkDict(x: unknown, what: string): Dict {
  if (!(x instanceof Dict)) throw new PyTypeError(`${what} must be a dict, not ${typeName(x)}`);
  return x;
}
