/**
 * Python's `tuple`: an immutable, hashable sequence. `items` is a frozen JS array.
 *
 * Build one with `tuple_of(a, b)` (generated code for `(a, b)`) or `new Tuple(array)`.
 * Comparisons live in compare.ts; `hash()` is CPython's xxHash-based tuple hash.
 */

import { eq } from "./compare";
import { IndexError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { hashSequence } from "./hash";
import { index, indexNumber, isInt, toBigInt } from "./numbers";
import { markBuiltinClass, nativeType, PY_TYPE } from "./objects";
import { repr, reprGuard } from "./repr";
import { typeName } from "./types";

let tupleIterator: Function | undefined;
function tupleIteratorType(): Function {
  tupleIterator ??= nativeType("tuple_iterator");
  return tupleIterator;
}

/** A symbol, not a name: Python code sees no attribute of the tuple (`hasattr(t, ...)`). */
const HASH: unique symbol = Symbol("tuple hash");

export class Tuple<T = unknown> {
  readonly items: readonly T[];
  /** The hash, once computed, of a tuple of plain values (see `__hash__`). */
  declare [HASH]?: bigint;

  constructor(items: readonly T[] = []) {
    this.items = items;
  }

  static of<T>(...items: T[]): Tuple<T> {
    return new Tuple(items);
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  /** `iter(t)`: a JS array iterator marked as a `tuple_iterator` (types.ts reads the mark). */
  __iter__(): Iterator<T> {
    const it = this.items[Symbol.iterator]();
    (it as { [PY_TYPE]?: () => Function })[PY_TYPE] = tupleIteratorType;
    return it;
  }

  __len__(): bigint {
    return BigInt(this.items.length);
  }

  __hash__(): bigint {
    const kept = this[HASH];
    if (kept !== undefined) return kept;
    const h = hashSequence(this.items);
    // A tuple of strs, ints, floats, bools and None always hashes the same: its hash is kept
    // (not one holding objects, whose `__hash__` may change; nor a subclass's instance).
    if (this.constructor === Tuple && this.items.every(isPlainValue)) this[HASH] = h;
    return h;
  }

  __repr__(): string {
    const n = this.items.length;
    if (n === 0) return "()";
    return reprGuard(this, "(...)", () =>
      n === 1 ? `(${repr(this.items[0])},)` : `(${this.items.map(repr).join(", ")})`,
    );
  }

  __getitem__(i: unknown): unknown {
    if (!isInt(i) && typeof i === "object" && i !== null && "__index__" in i) i = index(i);
    if (!isInt(i)) {
      // slices are handled by the protocol layer (getitem with a Slice)
      throw new PyTypeError(`tuple indices must be integers or slices, not ${typeName(i)}`);
    }
    const n = this.items.length;
    let k = Number(toBigInt(i));
    if (k < 0) k += n;
    if (k < 0 || k >= n) throw new IndexError("tuple index out of range");
    return this.items[k];
  }

  count(x: unknown): bigint {
    let c = 0n;
    for (const v of this.items) if (eq(v, x)) c++;
    return c;
  }

  index(x: unknown, start: unknown = 0n, stop: unknown = null): bigint {
    const n = this.items.length;
    let s = indexNumber(start);
    let e = stop === null ? n : indexNumber(stop);
    if (s < 0) s = Math.max(0, s + n);
    if (e < 0) e = Math.max(0, e + n);
    for (let k = s; k < Math.min(e, n); k++) if (eq(this.items[k], x)) return BigInt(k);
    throw new ValueError("tuple.index(x): x not in tuple");
  }
}
markBuiltinClass(Tuple, "tuple");

/** `(a, b, ...)`: a tuple of the arguments. */
function isPlainValue(x: unknown): boolean {
  const t = typeof x;
  return t === "string" || t === "bigint" || t === "number" || t === "boolean" || x === null;
}

export function tuple_of(...items: unknown[]): Tuple {
  return new Tuple(items);
}
