/**
 * Python's `itertools`. Every function returns an iterator object that works with the runtime's
 * `iter`/`next` (`__iter__`/`__next__`) and with JS iteration (`next()`/`Symbol.iterator`).
 * Arguments are consumed lazily, in CPython's order (e.g. `product` materialises its inputs
 * first, `groupby` shares the underlying iterator with its groups).
 *
 * Reprs are `<itertools.chain object at 0x...>`, except `count(...)` and `repeat(...)`, which
 * print as CPython's do.
 */

import { eq } from "../compare";
import { TypeError as PyTypeError, StopIteration, ValueError } from "../exceptions";
import { index, isInt, toBigInt } from "../numbers";
import { id, nativeType, PY_TYPE } from "../objects";
import { add } from "../operators";
import { call, iter, truthy } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { takeKw } from "./types";

/** An itertools iterator: a JS generator behind Python's iterator protocol. */
export class ItertoolsIterator<T = unknown> implements IterableIterator<T> {
  constructor(
    private readonly gen: Iterator<T>,
    private readonly pyName: string,
    private readonly reprFn: (() => string) | null = null,
  ) {}
  next(): IteratorResult<T> {
    return this.gen.next();
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): T {
    const r = this.gen.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
  __repr__(): string {
    if (this.reprFn) return this.reprFn();
    return `<itertools.${this.pyName} object at 0x${id(this).toString(16)}>`;
  }
  /** `type(it)`: `<class 'itertools.count'>`. */
  [PY_TYPE](): Function {
    return nativeType(this.pyName, "itertools");
  }
}

function wrap<T>(
  gen: Iterator<T>,
  name: string,
  reprFn: (() => string) | null = null,
): ItertoolsIterator<T> {
  return new ItertoolsIterator(gen, name, reprFn);
}

function nonNegative(x: unknown, fname: string, what: string): number {
  if (!isInt(x)) {
    throw new ValueError(
      `${what} for ${fname}() must be None or an integer: 0 <= x <= sys.maxsize.`,
    );
  }
  const n = toBigInt(x);
  if (n < 0n)
    throw new ValueError(
      `${what} for ${fname}() must be None or an integer: 0 <= x <= sys.maxsize.`,
    );
  return Number(n);
}

/** C's `PyNumber_Check`: ints, floats, bools and objects with `__index__`/`__int__`/`__float__`. */
function isNumberLike(x: unknown): boolean {
  if (typeof x === "bigint" || typeof x === "number" || typeof x === "boolean") return true;
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  return ["__index__", "__int__", "__float__", "__complex__"].some(
    (k) => typeof o[k] === "function",
  );
}

/** `count(start=0, step=1)`. */
export function count(...args: unknown[]): ItertoolsIterator {
  const [pos, kws] = takeKw(args);
  let cur: unknown = pos.length > 0 ? pos[0] : (kws.start ?? 0n);
  const step: unknown = pos.length > 1 ? pos[1] : (kws.step ?? 1n);
  if (!isNumberLike(cur) || !isNumberLike(step)) throw new PyTypeError("a number is required");
  // CPython's fast mode (int start, int step) counts in C integers: `count(True)` yields 1.
  if (typeof cur === "boolean" && (typeof step === "bigint" || typeof step === "boolean"))
    cur = cur ? 1n : 0n;
  function* gen(): Generator<unknown> {
    for (;;) {
      const v = cur;
      cur = add(cur, step);
      yield v;
    }
  }
  const stepIsOne = step === 1n || step === true;
  return wrap(gen(), "count", () =>
    stepIsOne ? `count(${repr(cur)})` : `count(${repr(cur)}, ${repr(step)})`,
  );
}

/** `cycle(iterable)`. */
export function cycle(iterable: unknown): ItertoolsIterator {
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    const saved: unknown[] = [];
    for (const v of it) {
      saved.push(v);
      yield v;
    }
    if (saved.length === 0) return;
    for (;;) for (const v of saved) yield v;
  }
  return wrap(gen(), "cycle");
}

/** `repeat(object[, times])`. */
export function repeat(...args: unknown[]): ItertoolsIterator {
  const [pos, kws] = takeKw(args);
  if (pos.length > 2) {
    throw new PyTypeError(`repeat() takes at most 2 arguments (${pos.length} given)`);
  }
  if (pos.length === 0 && !("object" in kws)) {
    throw new PyTypeError("repeat() missing required argument 'object' (pos 1)");
  }
  const obj = pos.length > 0 ? pos[0] : kws.object;
  const timesArg = pos.length > 1 ? pos[1] : kws.times;
  let remaining = timesArg === undefined ? -1 : Math.max(0, Number(index(timesArg)));
  function* gen(): Generator<unknown> {
    while (remaining !== 0) {
      if (remaining > 0) remaining--;
      yield obj;
    }
  }
  return wrap(gen(), "repeat", () =>
    remaining < 0 ? `repeat(${repr(obj)})` : `repeat(${repr(obj)}, ${remaining})`,
  );
}

/** `accumulate(iterable[, func, *, initial=None])`. */
export function accumulate(...args: unknown[]): ItertoolsIterator {
  const [pos, kws] = takeKw(args);
  const it = iter(pos[0] ?? kws.iterable);
  const func = pos.length > 1 ? pos[1] : (kws.func ?? null);
  const initial = kws.initial ?? null;
  function* gen(): Generator<unknown> {
    let total: unknown;
    let has = false;
    if (initial !== null) {
      total = initial;
      has = true;
      yield total;
    }
    for (const v of it) {
      if (!has) {
        total = v;
        has = true;
      } else total = func === null ? add(total, v) : call(func, total, v);
      yield total;
    }
  }
  return wrap(gen(), "accumulate");
}

function chainImpl(iterables: Iterator<unknown>): ItertoolsIterator {
  function* gen(): Generator<unknown> {
    for (;;) {
      const r = iterables.next();
      if (r.done) return;
      yield* iter(r.value);
    }
  }
  return wrap(gen(), "chain");
}

/** `chain(*iterables)`; `chain.from_iterable(iterable)`. */
export const chain = Object.assign(
  function chain(...iterables: unknown[]): ItertoolsIterator {
    return chainImpl(iterables[Symbol.iterator]());
  },
  {
    from_iterable(iterable: unknown): ItertoolsIterator {
      return chainImpl(iter(iterable));
    },
  },
);

/** `compress(data, selectors)`. */
export function compress(data: unknown, selectors: unknown): ItertoolsIterator {
  const d = iter(data);
  const s = iter(selectors);
  function* gen(): Generator<unknown> {
    for (;;) {
      const a = d.next();
      if (a.done) return;
      const b = s.next();
      if (b.done) return;
      if (truthy(b.value)) yield a.value;
    }
  }
  return wrap(gen(), "compress");
}

/** `dropwhile(predicate, iterable)`. */
export function dropwhile(pred: unknown, iterable: unknown): ItertoolsIterator {
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    let dropping = true;
    for (const v of it) {
      if (dropping && truthy(call(pred, v))) continue;
      dropping = false;
      yield v;
    }
  }
  return wrap(gen(), "dropwhile");
}

/** `takewhile(predicate, iterable)`. */
export function takewhile(pred: unknown, iterable: unknown): ItertoolsIterator {
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    for (const v of it) {
      if (!truthy(call(pred, v))) return;
      yield v;
    }
  }
  return wrap(gen(), "takewhile");
}

/** `filterfalse(predicate, iterable)`. */
export function filterfalse(pred: unknown, iterable: unknown): ItertoolsIterator {
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    for (const v of it) if (!truthy(pred === null ? v : call(pred, v))) yield v;
  }
  return wrap(gen(), "filterfalse");
}

/** `groupby(iterable, key=None)`: (key, group iterator) pairs sharing one underlying iterator. */
export function groupby(...args: unknown[]): ItertoolsIterator<Tuple> {
  const [pos, kws] = takeKw(args);
  const it = iter(pos[0] ?? kws.iterable);
  const keyfunc = pos.length > 1 ? pos[1] : (kws.key ?? null);
  const keyOf = (v: unknown) => (keyfunc === null ? v : call(keyfunc, v));
  // CPython's pure-Python equivalent, with a sentinel that equals nothing else
  const SENTINEL = {};
  const same = (a: unknown, b: unknown) =>
    a === b || (a !== SENTINEL && b !== SENTINEL && eq(a, b));
  let tgtkey: unknown = SENTINEL;
  let currkey: unknown = SENTINEL;
  let currvalue: unknown = SENTINEL;
  let currentId: object = {};
  function* grouper(key: unknown, myId: object): Generator<unknown> {
    while (currentId === myId && same(currkey, key)) {
      yield currvalue;
      const r = it.next();
      if (r.done) return;
      currvalue = r.value;
      currkey = keyOf(currvalue);
    }
  }
  function* gen(): Generator<Tuple> {
    for (;;) {
      currentId = {};
      while (same(currkey, tgtkey)) {
        const r = it.next();
        if (r.done) return;
        currvalue = r.value;
        currkey = keyOf(currvalue);
      }
      tgtkey = currkey;
      yield new Tuple([currkey, wrap(grouper(tgtkey, currentId), "_grouper")]);
    }
  }
  return wrap(gen(), "groupby");
}

/** `islice(iterable, stop)` / `islice(iterable, start, stop[, step])`. */
export function islice(iterable: unknown, ...args: unknown[]): ItertoolsIterator {
  let start = 0;
  let stop: number | null;
  let step = 1;
  if (args.length === 0) throw new PyTypeError("islice expected at least 2 arguments, got 1");
  // an IntEnum member is an int (see enum.ts)
  args = args.map((a) => (a as { __int_value__?: unknown } | null)?.__int_value__ ?? a);
  if (args.length === 1) {
    stop = args[0] === null ? null : nonNegative(args[0], "islice", "Stop argument");
  } else {
    if (args[0] !== null) {
      if (!isInt(args[0]) || toBigInt(args[0]) < 0n) {
        throw new ValueError(
          "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        );
      }
      start = Number(toBigInt(args[0]));
    }
    if (args[1] === null) stop = null;
    else {
      if (!isInt(args[1]) || toBigInt(args[1]) < 0n) {
        throw new ValueError(
          "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        );
      }
      stop = Number(toBigInt(args[1]));
    }
    if (args.length > 2 && args[2] !== null) {
      if (!isInt(args[2]) || toBigInt(args[2]) <= 0n) {
        throw new ValueError("Step for islice() must be a positive integer or None.");
      }
      step = Number(toBigInt(args[2]));
    }
  }
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    let i = 0;
    let nextIdx = start;
    if (stop !== null && nextIdx >= stop) {
      // consume up to stop as CPython does
      for (; i < stop; i++) if (it.next().done) return;
      return;
    }
    for (;;) {
      if (stop !== null && nextIdx >= stop) {
        for (; i < stop; i++) if (it.next().done) return;
        return;
      }
      const r = it.next();
      if (r.done) return;
      if (i === nextIdx) {
        yield r.value;
        nextIdx += step;
      }
      i++;
    }
  }
  return wrap(gen(), "islice");
}

/** `pairwise(iterable)`. */
export function pairwise(iterable: unknown): ItertoolsIterator<Tuple> {
  const it = iter(iterable);
  function* gen(): Generator<Tuple> {
    const first = it.next();
    if (first.done) return;
    let prev = first.value;
    for (const v of it) {
      yield new Tuple([prev, v]);
      prev = v;
    }
  }
  return wrap(gen(), "pairwise");
}

/** `batched(iterable, n, *, strict=False)`. */
export function batched(...args: unknown[]): ItertoolsIterator<Tuple> {
  const [pos, kws] = takeKw(args);
  const nArg = pos.length > 1 ? pos[1] : kws.n;
  const strict = truthy(kws.strict ?? false);
  const n = Number(index(nArg));
  if (n < 1) throw new ValueError("n must be at least one");
  const it = iter(pos[0] ?? kws.iterable);
  function* gen(): Generator<Tuple> {
    for (;;) {
      const batch: unknown[] = [];
      while (batch.length < n) {
        const r = it.next();
        if (r.done) break;
        batch.push(r.value);
      }
      if (batch.length === 0) return;
      if (strict && batch.length < n) throw new ValueError("batched(): incomplete batch");
      yield new Tuple(batch);
      if (batch.length < n) return;
    }
  }
  return wrap(gen(), "batched");
}

/** `starmap(function, iterable)`. */
export function starmap(fn: unknown, iterable: unknown): ItertoolsIterator {
  const it = iter(iterable);
  function* gen(): Generator<unknown> {
    for (const args of it) yield call(fn, ...iter(args));
  }
  return wrap(gen(), "starmap");
}

/** `tee(iterable, n=2)`: n independent iterators over one. */
export function tee(iterable: unknown, n: unknown = 2n): Tuple {
  const k = Number(index(n));
  if (k < 0) throw new ValueError("n must be >= 0");
  const it = iter(iterable);
  const buffer: unknown[] = [];
  let base = 0;
  const positions = new Array<number>(k).fill(0);
  let done = false;
  const make = (j: number) => {
    function* gen(): Generator<unknown> {
      for (;;) {
        const p = positions[j]!;
        if (p - base < buffer.length) {
          const v = buffer[p - base];
          positions[j] = p + 1;
          const min = Math.min(...positions);
          if (min > base) {
            buffer.splice(0, min - base);
            base = min;
          }
          yield v;
          continue;
        }
        if (done) return;
        const r = it.next();
        if (r.done) {
          done = true;
          return;
        }
        buffer.push(r.value);
      }
    }
    return wrap(gen(), "_tee");
  };
  return new Tuple(Array.from({ length: k }, (_, j) => make(j)));
}

/** `zip_longest(*iterables, fillvalue=None)`. */
export function zip_longest(...args: unknown[]): ItertoolsIterator<Tuple> {
  const [pos, kws] = takeKw(args);
  for (const key of Object.keys(kws)) {
    if (key !== "fillvalue")
      throw new PyTypeError(`zip_longest() got an unexpected keyword argument '${key}'`);
  }
  const fill = kws.fillvalue ?? null;
  const its: (Iterator<unknown> | null)[] = pos.map((a) => iter(a));
  function* gen(): Generator<Tuple> {
    if (its.length === 0) return;
    let active = its.length;
    for (;;) {
      const items: unknown[] = [];
      for (let j = 0; j < its.length; j++) {
        const it = its[j];
        if (it === null) {
          items.push(fill);
          continue;
        }
        const r = it.next();
        if (r.done) {
          its[j] = null;
          active--;
          if (active === 0) return;
          items.push(fill);
        } else items.push(r.value);
      }
      yield new Tuple(items);
    }
  }
  return wrap(gen(), "zip_longest");
}

/** `product(*iterables, repeat=1)`. */
export function product(...args: unknown[]): ItertoolsIterator<Tuple> {
  const [pos, kws] = takeKw(args);
  for (const key of Object.keys(kws)) {
    if (key !== "repeat")
      throw new PyTypeError(`product() got an unexpected keyword argument '${key}'`);
  }
  const r = Number(index(kws.repeat ?? 1n));
  if (r < 0) throw new ValueError("repeat argument cannot be negative");
  const pools0 = pos.map((a) => [...iter(a)]);
  const pools: unknown[][] = [];
  for (let i = 0; i < r; i++) pools.push(...pools0);
  function* gen(): Generator<Tuple> {
    if (pools.some((p) => p.length === 0)) return;
    const idx = new Array<number>(pools.length).fill(0);
    for (;;) {
      yield new Tuple(idx.map((k, i) => pools[i]![k]));
      let i = pools.length - 1;
      for (; i >= 0; i--) {
        idx[i]!++;
        if (idx[i]! < pools[i]!.length) break;
        idx[i] = 0;
      }
      if (i < 0) return;
    }
  }
  return wrap(gen(), "product");
}

/** `permutations(iterable, r=None)` (CPython's algorithm, so the same order). */
export function permutations(iterable: unknown, rArg: unknown = null): ItertoolsIterator<Tuple> {
  const pool = [...iter(iterable)];
  const n = pool.length;
  const r = rArg === null ? n : Number(index(rArg));
  if (r < 0) throw new ValueError("r must be non-negative");
  function* gen(): Generator<Tuple> {
    if (r > n) return;
    const indices = Array.from({ length: n }, (_, i) => i);
    const cycles = Array.from({ length: r }, (_, i) => n - i);
    yield new Tuple(indices.slice(0, r).map((i) => pool[i]));
    if (n === 0) return;
    for (;;) {
      let i = r - 1;
      for (; i >= 0; i--) {
        cycles[i]!--;
        if (cycles[i] === 0) {
          const moved = indices.splice(i, 1)[0]!;
          indices.push(moved);
          cycles[i] = n - i;
        } else {
          const j = cycles[i]!;
          const a = indices[i]!;
          indices[i] = indices[n - j]!;
          indices[n - j] = a;
          yield new Tuple(indices.slice(0, r).map((k) => pool[k]));
          break;
        }
      }
      if (i < 0) return;
    }
  }
  return wrap(gen(), "permutations");
}

/** `combinations(iterable, r)`. */
export function combinations(iterable: unknown, rArg: unknown): ItertoolsIterator<Tuple> {
  const pool = [...iter(iterable)];
  const n = pool.length;
  const r = Number(index(rArg));
  if (r < 0) throw new ValueError("r must be non-negative");
  function* gen(): Generator<Tuple> {
    if (r > n) return;
    const indices = Array.from({ length: r }, (_, i) => i);
    yield new Tuple(indices.map((i) => pool[i]));
    for (;;) {
      let i = r - 1;
      for (; i >= 0; i--) if (indices[i] !== i + n - r) break;
      if (i < 0) return;
      indices[i]!++;
      for (let j = i + 1; j < r; j++) indices[j] = indices[j - 1]! + 1;
      yield new Tuple(indices.map((k) => pool[k]));
    }
  }
  return wrap(gen(), "combinations");
}

/** `combinations_with_replacement(iterable, r)`. */
export function combinations_with_replacement(
  iterable: unknown,
  rArg: unknown,
): ItertoolsIterator<Tuple> {
  const pool = [...iter(iterable)];
  const n = pool.length;
  const r = Number(index(rArg));
  if (r < 0) throw new ValueError("r must be non-negative");
  function* gen(): Generator<Tuple> {
    if (n === 0 && r > 0) return;
    const indices = new Array<number>(r).fill(0);
    yield new Tuple(indices.map((i) => pool[i]));
    for (;;) {
      let i = r - 1;
      for (; i >= 0; i--) if (indices[i] !== n - 1) break;
      if (i < 0) return;
      const v = indices[i]! + 1;
      for (let j = i; j < r; j++) indices[j] = v;
      yield new Tuple(indices.map((k) => pool[k]));
    }
  }
  return wrap(gen(), "combinations_with_replacement");
}
