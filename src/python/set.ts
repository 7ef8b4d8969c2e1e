/**
 * Python's `set` and `frozenset`, emulating CPython's open-addressing table so that iteration
 * order is CPython's (`print({3, 1, 2})` is `{1, 2, 3}`; `{'b', 'a'}` follows the string hashes
 * that `PYTHONHASHSEED=0` gives).
 *
 * The table mirrors `Objects/setobject.c` (3.13): initial size 8, linear probing of 9 slots and
 * then perturbed probing (`i = i*5 + 1 + perturb; perturb >>= 5`), deleted slots become dummies
 * (an add reuses the last dummy met before the first unused slot of its probe path), resize
 * when `fill*5 >= mask*3` to `used*4` (`used*2` above 50000), `pop()` walks a finger, and
 * `set_merge`/`intersection`/`difference`/`symmetric_difference` insert in CPython's order.
 */

import { eq } from "./compare";
import { Dict } from "./dict";
import { KeyError, TypeError as PyTypeError, RuntimeError } from "./exceptions";
import { hash } from "./hash";
import { markBuiltinClass, NotImplemented } from "./objects";
import { iter } from "./protocol";
import { repr, reprGuard } from "./repr";
import { typeName } from "./types";

const MINSIZE = 8;
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5n;
const DUMMY: unique symbol = Symbol("dummy");
const M64 = (1n << 64n) - 1n;

type Slot = unknown; // undefined = unused, DUMMY = deleted

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The first slot of hash h: its low bits. A hash in the safe range (any int's up to 2^53) takes
 * them from the number (`&` keeps the low 32 bits of its two's complement), without BigInts.
 */
function startSlot(h: bigint, mask: number): number {
  if (h >= -SAFE && h <= SAFE) return Number(h) & mask;
  return Number(BigInt.asUintN(64, h) & BigInt(mask));
}

/** Iterator over the table's probe sequence start values (perturbation). */
function probeNext(i: number, perturb: bigint, mask: number): [number, bigint] {
  perturb >>= PERTURB_SHIFT;
  const ni = Number((BigInt(i) * 5n + 1n + perturb) & BigInt(mask));
  return [ni, perturb];
}

/**
 * The iterator of a set or frozenset (CPython's setiterobject): the keys in table order, raising
 * CPython's RuntimeError when the set changes size meanwhile (checked at each step, the last
 * included, and at every step after, as CPython makes that state sticky); once exhausted,
 * exhausted for good. A plain iterator object rather than a generator, so that a `for` loop steps
 * it directly (builtinfns.ts names its Python type).
 */
export class SetIterator implements IterableIterator<unknown> {
  private readonly used: number;
  private i = 0;
  private finished = false;
  private sizeChanged = false;

  constructor(private readonly set: SetBase) {
    this.used = set.size;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<unknown> {
    if (this.finished) return { value: undefined, done: true };
    const s = this.set;
    if (this.sizeChanged || s.size !== this.used) {
      this.sizeChanged = true;
      throw new RuntimeError("Set changed size during iteration");
    }
    const j = s._nextSlot(this.i);
    if (j < 0) {
      this.finished = true;
      return { value: undefined, done: true };
    }
    this.i = j + 1;
    return { value: s._slotKey(j), done: false };
  }
}

export abstract class SetBase {
  protected keysT: Slot[] = new Array(MINSIZE);
  protected hashes: bigint[] = new Array(MINSIZE).fill(0n);
  protected mask = MINSIZE - 1;
  protected fill = 0;
  protected used = 0;
  protected finger = 0;

  constructor(iterable?: Iterable<unknown> | null) {
    if (iterable !== undefined && iterable !== null) this.updateInternal(iterable);
  }

  /** A new empty set of the same kind (set -> set, frozenset -> frozenset). */
  protected abstract empty(): SetBase;

  get size(): number {
    return this.used;
  }

  __len__(): bigint {
    return BigInt(this.used);
  }

  // ---- table primitives (setobject.c) ----

  /**
   * set_add_entry. A new key goes into the LAST dummy slot met on its probe sequence before the
   * first unused slot (CPython overwrites `freeslot` at each dummy), else into that unused slot.
   */
  protected addEntry(key: unknown, h: bigint): void {
    let mask = this.mask;
    let i = startSlot(h, mask);
    let freeslot = -1;
    // Made when the linear probes are used up (rare), as the first perturbation step needs it.
    let perturb: bigint | undefined;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = this.keysT[j];
        if (k === undefined) {
          if (freeslot !== -1) {
            this.used++;
            this.keysT[freeslot] = key;
            this.hashes[freeslot] = h;
            return;
          }
          this.fill++;
          this.used++;
          this.keysT[j] = key;
          this.hashes[j] = h;
          if (this.fill * 5 < mask * 3) return;
          this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
          return;
        }
        if (k === DUMMY) {
          freeslot = j;
        } else if (this.hashes[j] === h && (k === key || eq(k, key))) {
          return;
        }
        mask = this.mask;
        j++;
      } while (probes--);
      [i, perturb] = probeNext(i, perturb ?? BigInt.asUintN(64, h), mask);
    }
  }

  /** Slot index of key, or -1. */
  protected lookup(key: unknown, h: bigint): number {
    const mask = this.mask;
    let i = startSlot(h, mask);
    let perturb: bigint | undefined;
    for (;;) {
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const k = this.keysT[j];
        if (k === undefined) return -1;
        if (k !== DUMMY && this.hashes[j] === h && (k === key || eq(k, key))) return j;
        j++;
      } while (probes--);
      [i, perturb] = probeNext(i, perturb ?? BigInt.asUintN(64, h), mask);
    }
  }

  private static insertClean(
    keys: Slot[],
    hashes: bigint[],
    mask: number,
    key: unknown,
    h: bigint,
  ): void {
    let perturb: bigint | undefined;
    let i = startSlot(h, mask);
    for (;;) {
      if (keys[i] === undefined) {
        keys[i] = key;
        hashes[i] = h;
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (keys[i + j] === undefined) {
            keys[i + j] = key;
            hashes[i + j] = h;
            return;
          }
        }
      }
      [i, perturb] = probeNext(i, perturb ?? BigInt.asUintN(64, h), mask);
    }
  }

  protected resize(minused: number): void {
    let newsize = MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    // A small table without dummies is left as it is (rebuilding could move displaced keys).
    if (newsize === MINSIZE && this.mask === MINSIZE - 1 && this.fill === this.used) return;
    const oldKeys = this.keysT;
    const oldHashes = this.hashes;
    const keys: Slot[] = new Array(newsize);
    const hashes: bigint[] = new Array(newsize).fill(0n);
    const mask = newsize - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined && k !== DUMMY) SetBase.insertClean(keys, hashes, mask, k, oldHashes[i]);
    }
    this.keysT = keys;
    this.hashes = hashes;
    this.mask = mask;
    this.fill = this.used;
  }

  protected discardEntry(key: unknown, h: bigint): boolean {
    const j = this.lookup(key, h);
    if (j < 0) return false;
    this.keysT[j] = DUMMY;
    this.hashes[j] = -1n;
    this.used--;
    return true;
  }

  /** Adopt a copy of another set's table as it is (the effect of set_swap_bodies). */
  protected takeTable(other: SetBase): void {
    this.keysT = other.keysT.slice();
    this.hashes = other.hashes.slice();
    this.mask = other.mask;
    this.fill = other.fill;
    this.used = other.used;
  }

  protected clearTable(): void {
    this.keysT = new Array(MINSIZE);
    this.hashes = new Array(MINSIZE).fill(0n);
    this.mask = MINSIZE - 1;
    this.fill = 0;
    this.used = 0;
  }

  /** Active [key, hash] pairs in table order. */
  protected *entriesT(): Generator<[unknown, bigint]> {
    for (let i = 0; i <= this.mask; i++) {
      const k = this.keysT[i];
      if (k !== undefined && k !== DUMMY) yield [k, this.hashes[i]];
    }
  }

  /** set_merge: add every element of another set. */
  protected merge(other: SetBase): void {
    if (other === this || other.used === 0) return;
    if ((this.fill + other.used) * 5 >= this.mask * 3) this.resize((this.used + other.used) * 2);
    if (this.fill === 0 && this.mask === other.mask && other.fill === other.used) {
      this.keysT = other.keysT.slice();
      this.hashes = other.hashes.slice();
      this.fill = other.fill;
      this.used = other.used;
      return;
    }
    if (this.fill === 0) {
      this.fill = other.used;
      this.used = other.used;
      for (let i = 0; i <= other.mask; i++) {
        const k = other.keysT[i];
        if (k !== undefined && k !== DUMMY) {
          SetBase.insertClean(this.keysT, this.hashes, this.mask, k, other.hashes[i]);
        }
      }
      return;
    }
    for (const [k, h] of [...other.entriesT()]) this.addEntry(k, h);
  }

  /** set_update_internal. */
  protected updateInternal(iterable: unknown): void {
    if (iterable instanceof SetBase) {
      this.merge(iterable);
      return;
    }
    if (iterable instanceof Dict) {
      const n = iterable.size;
      if ((this.fill + n) * 5 >= this.mask * 3) this.resize((this.used + n) * 2);
      for (const [k] of [...iterable.entries()]) this.addEntry(k, hash(k));
      return;
    }
    for (const k of iter(iterable)) this.addEntry(k, hash(k));
  }

  // ---- Python API shared by set and frozenset ----

  __contains__(key: unknown): boolean {
    return this.has(key);
  }

  /** `key in self` (the runtime's own: a subclass may override `__contains__`). */
  has(key: unknown): boolean {
    let h: bigint;
    try {
      h = hash(key);
    } catch (e) {
      // `{1} in set_of_frozensets`: a set is looked up as a frozenset
      if (key instanceof PySet) return this.lookup(key, hash(new FrozenSet(key))) >= 0;
      throw e;
    }
    return this.lookup(key, h) >= 0;
  }

  /** Iterate the keys in table order (a `set_iterator`, see SetIterator). */
  [Symbol.iterator](): Iterator<unknown> {
    return new SetIterator(this);
  }

  /** The first slot at or after `i` that holds a key, or -1 (SetIterator's step). */
  _nextSlot(i: number): number {
    for (; i <= this.mask; i++) {
      const k = this.keysT[i];
      if (k !== undefined && k !== DUMMY) return i;
    }
    return -1;
  }

  /** The key in slot `i` (one `_nextSlot` found). */
  _slotKey(i: number): unknown {
    return this.keysT[i];
  }

  __iter__(): Iterator<unknown> {
    return this[Symbol.iterator]();
  }

  protected copyAs(target: SetBase): SetBase {
    target.merge(this);
    return target;
  }

  copy(): SetBase {
    return this.copyAs(this.empty());
  }

  union(...others: unknown[]): SetBase {
    const result = this.copyAs(this.empty());
    for (const o of others) result.updateInternal(o);
    return result;
  }

  intersection(...others: unknown[]): SetBase {
    if (others.length === 0) return this.copyAs(this.empty());
    let result: SetBase = this;
    for (const o of others) result = result.intersectOne(o);
    return result;
  }

  private intersectOne(other: unknown): SetBase {
    if (other === this) return this.copyAs(this.empty());
    const result = this.empty();
    if (other instanceof SetBase) {
      let so: SetBase = this;
      let ot: SetBase = other;
      if (ot.used > so.used) [so, ot] = [ot, so];
      for (const [k, h] of [...ot.entriesT()]) if (so.lookup(k, h) >= 0) result.addEntry(k, h);
      return result;
    }
    for (const k of iter(other)) {
      const h = hash(k);
      if (this.lookup(k, h) >= 0) result.addEntry(k, h);
    }
    return result;
  }

  difference(...others: unknown[]): SetBase {
    if (others.length === 0) return this.copyAs(this.empty());
    const result = this.differenceOne(others[0]);
    for (const o of others.slice(1)) result.differenceUpdateOne(o);
    return result;
  }

  private differenceOne(other: unknown): SetBase {
    let otherSize: number;
    if (other instanceof SetBase) otherSize = other.used;
    else if (other instanceof Dict) otherSize = other.size;
    else {
      const r = this.copyAs(this.empty());
      r.differenceUpdateOne(other);
      return r;
    }
    if (this.used >> 2 > otherSize) {
      const r = this.copyAs(this.empty());
      r.differenceUpdateOne(other);
      return r;
    }
    const result = this.empty();
    for (const [k, h] of this.entriesT()) {
      const inOther =
        other instanceof SetBase ? other.lookup(k, h) >= 0 : (other as Dict).__contains__(k);
      if (!inOther) result.addEntry(k, h);
    }
    return result;
  }

  protected differenceUpdateOne(other: unknown): void {
    if (other === this) {
      this.clearTable();
      return;
    }
    if (other instanceof SetBase) {
      for (const [k, h] of [...other.entriesT()]) this.discardEntry(k, h);
    } else {
      for (const k of iter(other)) this.discardEntry(k, hash(k));
    }
    // If more than 1/4th are dummies, then resize them away (set_difference_update_internal).
    if (this.fill - this.used <= this.mask >> 2) return;
    this.resize(this.used > 50000 ? this.used * 2 : this.used * 4);
  }

  symmetric_difference(other: unknown): SetBase {
    const result = this.empty();
    result.updateInternal(other);
    result.symmetricUpdate(this);
    return result;
  }

  protected symmetricUpdate(other: unknown): void {
    if (other === this) {
      this.clearTable();
      return;
    }
    // A dict is walked in its own order; another iterable first becomes a set (set order).
    const src: Iterable<[unknown, bigint]> =
      other instanceof SetBase
        ? [...other.entriesT()]
        : other instanceof Dict
          ? [...other.entries()].map(([k]) => [k, hash(k)] as [unknown, bigint])
          : [...new PySet(iter(other)).entriesT()];
    for (const [k, h] of src) {
      if (!this.discardEntry(k, h)) this.addEntry(k, h);
    }
  }

  issubset(other: unknown): boolean {
    return this.isSubsetOf(other instanceof SetBase ? other : new PySet(iter(other)));
  }

  /**
   * The runtime's own `issubset` of a set (comparisons and the set methods use it, as CPython's
   * do the C function: a subclass may override `issubset`).
   */
  isSubsetOf(o: SetBase): boolean {
    if (this.used > o.used) return false;
    for (const [k, h] of this.entriesT()) if (o.lookup(k, h) < 0) return false;
    return true;
  }

  issuperset(other: unknown): boolean {
    if (other instanceof SetBase) return other.isSubsetOf(this);
    for (const k of iter(other)) if (!this.has(k)) return false;
    return true;
  }

  isdisjoint(other: unknown): boolean {
    for (const k of iter(other)) if (this.has(k)) return false;
    return true;
  }

  /** Set equality (same elements). */
  equals(other: SetBase): boolean {
    return this.used === other.used && this.isSubsetOf(other);
  }

  // The operators and in-place operators use the runtime's methods, never a subclass's
  // overrides of `union`, `intersection_update`, ... (CPython's call the C functions).
  __or__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    return SetBase.prototype.union.call(this, other);
  }
  __and__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    return SetBase.prototype.intersection.call(this, other);
  }
  __sub__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    return SetBase.prototype.difference.call(this, other);
  }
  __xor__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    return SetBase.prototype.symmetric_difference.call(this, other);
  }

  protected reprItems(): string {
    return [...this].map(repr).join(", ");
  }
}

export class PySet extends SetBase {
  protected empty(): SetBase {
    return new PySet();
  }

  add(key: unknown): void {
    this.addEntry(key, hash(key));
  }

  discard(key: unknown): void {
    this.discardEntry(key, hashForRemove(key));
  }

  remove(key: unknown): void {
    if (!this.discardEntry(key, hashForRemove(key))) throw new KeyError(key);
  }

  pop(): unknown {
    if (this.used === 0) throw new KeyError("pop from an empty set");
    let i = this.finger & this.mask;
    while (this.keysT[i] === undefined || this.keysT[i] === DUMMY) {
      i++;
      if (i > this.mask) i = 0;
    }
    const key = this.keysT[i];
    this.keysT[i] = DUMMY;
    this.hashes[i] = -1n;
    this.used--;
    this.finger = i + 1;
    return key;
  }

  clear(): void {
    this.clearTable();
  }

  update(...others: unknown[]): void {
    for (const o of others) this.updateInternal(o);
  }

  intersection_update(...others: unknown[]): void {
    const r = SetBase.prototype.intersection.call(this, ...others);
    // set_swap_bodies: this set takes the result's table as it is (its size and layout).
    if (r !== this) this.takeTable(r);
  }

  difference_update(...others: unknown[]): void {
    for (const o of others) this.differenceUpdateOne(o);
  }

  symmetric_difference_update(other: unknown): void {
    this.symmetricUpdate(other);
  }

  __ior__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    this.updateInternal(other);
    return this;
  }
  __iand__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    PySet.prototype.intersection_update.call(this, other);
    return this;
  }
  __isub__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    this.differenceUpdateOne(other);
    return this;
  }
  __ixor__(other: unknown): unknown {
    if (!(other instanceof SetBase)) return NotImplemented;
    this.symmetricUpdate(other);
    return this;
  }

  /** `{1, 2}`; a subclass's instance shows its class: `Tags({1, 2})`, `Tags()`. */
  __repr__(): string {
    const name = typeName(this);
    const plain = this.constructor === PySet;
    if (this.used === 0) return `${name}()`;
    const items = () => (plain ? `{${this.reprItems()}}` : `${name}({${this.reprItems()}})`);
    return reprGuard(this, `${name}(...)`, items);
  }

  static readonly __hash__ = null;
}
(PySet.prototype as unknown as { __hash__: null }).__hash__ = null;
markBuiltinClass(PySet, "set");

/** A set argument of remove/discard is looked up as the equal frozenset. */
function hashForRemove(key: unknown): bigint {
  if (key instanceof PySet) return hash(new FrozenSet(key));
  return hash(key);
}

export class FrozenSet extends SetBase {
  private cachedHash: bigint | null = null;

  protected empty(): SetBase {
    return new FrozenSet();
  }

  /** A frozenset's copy is itself (a subclass's instance copies to a plain frozenset). */
  override copy(): SetBase {
    return this.constructor === FrozenSet ? this : super.copy();
  }

  __hash__(): bigint {
    if (this.cachedHash !== null) return this.cachedHash;
    const shuffle = (h: bigint) => ((h ^ 89869747n ^ ((h << 16n) & M64)) * 3644798167n) & M64;
    let h = 0n;
    for (let i = 0; i <= this.mask; i++) {
      const k = this.keysT[i];
      if (k !== undefined && k !== DUMMY) h ^= shuffle(BigInt.asUintN(64, this.hashes[i]));
    }
    h ^= (BigInt(this.used + 1) * 1927868237n) & M64;
    h ^= (h >> 11n) ^ (h >> 25n);
    h = (h * 69069n + 907133923n) & M64;
    let r = BigInt.asIntN(64, h);
    if (r === -1n) r = 590923713n;
    this.cachedHash = r;
    return r;
  }

  /** `frozenset({1, 2})`, or the subclass's name: `Frozen({1, 2})`, `Frozen()`. */
  __repr__(): string {
    const name = typeName(this);
    if (this.used === 0) return `${name}()`;
    return reprGuard(this, `${name}(...)`, () => `${name}({${this.reprItems()}})`);
  }
}
markBuiltinClass(FrozenSet, "frozenset");

/** `{a, b, ...}` (generated code for set displays). */
export function set_of(...items: unknown[]): PySet {
  const s = new PySet();
  for (const x of items) s.add(x);
  return s;
}

export function checkSet(x: unknown, what: string): SetBase {
  if (!(x instanceof SetBase)) throw new PyTypeError(`${what}, not ${typeName(x)}`);
  return x;
}

/**
 * A set display whose items are all constants (`{'a', 'b', 'c'}`): CPython 3.13 compiles it to
 * `set().update(frozenset_constant)` when there are 3 or more items (the constant being
 * `frozenset(tuple(frozenset(items)))` after the compiler's constant merging), which lays the table out
 * differently from adding the items one by one. Fewer items: same as `set_of`.
 */
export function set_of_consts(...items: unknown[]): PySet {
  if (items.length < 3) return set_of(...items);
  // The compiler's constant is rebuilt once by merge_consts_recursive: frozenset(tuple(fs)).
  const constant = new FrozenSet([...new FrozenSet(items)]);
  const s = new PySet();
  s.update(constant);
  return s;
}
