/**
 * Python's `heapq`, with CPython's exact sift order (`_siftdown`/`_siftup` of Lib/heapq.py), so
 * items with equal priority come out in CPython's order.
 *
 * Every function takes an optional `lt(a, b)`; the default is Python's `<`. The event loop uses
 * `heappush(heap, timer, lt)`/`heappop(heap, lt)` for its timer heap.
 */

import { lt as pyLt } from "../compare";
import { IndexError } from "../exceptions";
import { Kw } from "../kw";
import { index } from "../numbers";
import { call, iter, toArray } from "../protocol";
import { Tuple } from "../tuple";
import { cFunctions } from "./_cfunctions";

export type Less<T> = (a: T, b: T) => boolean;

function siftdown<T>(heap: T[], startpos: number, pos: number, lt: Less<T>): void {
  const newitem = heap[pos];
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    const parent = heap[parentpos];
    if (lt(newitem, parent)) {
      heap[pos] = parent;
      pos = parentpos;
      continue;
    }
    break;
  }
  heap[pos] = newitem;
}

function siftup<T>(heap: T[], pos: number, lt: Less<T>): void {
  const endpos = heap.length;
  const startpos = pos;
  const newitem = heap[pos];
  let childpos = 2 * pos + 1;
  while (childpos < endpos) {
    const rightpos = childpos + 1;
    if (rightpos < endpos && !lt(heap[childpos], heap[rightpos])) childpos = rightpos;
    heap[pos] = heap[childpos];
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  siftdown(heap, startpos, pos, lt);
}

/** `heapq.heappush(heap, item)`. */
export function heappush<T>(heap: T[], item: T, lt: Less<T> = pyLt): null {
  heap.push(item);
  siftdown(heap, 0, heap.length - 1, lt);
  return null;
}

/** `heapq.heappop(heap)`. */
export function heappop<T>(heap: T[], lt: Less<T> = pyLt): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const lastelt = heap.pop() as T;
  if (heap.length > 0) {
    const returnitem = heap[0];
    heap[0] = lastelt;
    siftup(heap, 0, lt);
    return returnitem;
  }
  return lastelt;
}

/** `heapq.heapify(x)`. */
export function heapify<T>(x: T[], lt: Less<T> = pyLt): null {
  const n = x.length;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftup(x, i, lt);
  return null;
}

/** `heapq.heapreplace(heap, item)`: pop then push. */
export function heapreplace<T>(heap: T[], item: T, lt: Less<T> = pyLt): T {
  if (heap.length === 0) throw new IndexError("index out of range");
  const returnitem = heap[0];
  heap[0] = item;
  siftup(heap, 0, lt);
  return returnitem;
}

/** `heapq.heappushpop(heap, item)`: push then pop, faster. */
export function heappushpop<T>(heap: T[], item: T, lt: Less<T> = pyLt): T {
  if (heap.length > 0 && lt(heap[0], item)) {
    const top = heap[0];
    heap[0] = item;
    item = top;
    siftup(heap, 0, lt);
  }
  return item;
}

function keyArgs(args: unknown[]): [unknown[], unknown] {
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    const k = (args.pop() as Kw).kwargs as { key?: unknown };
    return [args, k.key ?? null];
  }
  return [args, args.length > 2 ? args[2] : null];
}

/** `heapq.nsmallest(n, iterable, key=None)`: same results as CPython (stable by position). */
export function nsmallest(...args: unknown[]): unknown[] {
  const [pos, key] = keyArgs(args);
  return nBest(pos[0], pos[1], key, false);
}

/** `heapq.nlargest(n, iterable, key=None)`. */
export function nlargest(...args: unknown[]): unknown[] {
  const [pos, key] = keyArgs(args);
  return nBest(pos[0], pos[1], key, true);
}

function nBest(nArg: unknown, iterable: unknown, key: unknown, largest: boolean): unknown[] {
  const n = Number(index(nArg)); // an IntEnum member counts too
  const items = toArray(iterable);
  if (n <= 0) return [];
  const dec = items.map((v, i) => [key === null ? v : call(key, v), i, v] as const);
  // CPython's result equals sorted(iterable, key=key, reverse=largest)[:n]
  const less = (a: (typeof dec)[number], b: (typeof dec)[number]) => {
    if (largest) return pyLt(b[0], a[0]) || (!pyLt(a[0], b[0]) && a[1] < b[1]);
    return pyLt(a[0], b[0]) || (!pyLt(b[0], a[0]) && a[1] < b[1]);
  };
  dec.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  return dec.slice(0, n).map((d) => d[2]);
}

/** `heapq.merge(*iterables, key=None, reverse=False)`. */
export function* merge(...args: unknown[]): Generator<unknown> {
  let key: unknown = null;
  let reverse = false;
  if (args.length > 0 && args[args.length - 1] instanceof Kw) {
    const k = (args.pop() as Kw).kwargs as { key?: unknown; reverse?: unknown };
    key = k.key ?? null;
    reverse = Boolean(k.reverse);
  }
  const its = args.map((a) => iter(a));
  const h: Tuple[] = [];
  const lt = (a: Tuple, b: Tuple) => (reverse ? pyLt(b, a) : pyLt(a, b));
  its.forEach((it, order) => {
    const r = it.next();
    if (!r.done)
      h.push(new Tuple([key === null ? r.value : call(key, r.value), BigInt(order), r.value]));
  });
  heapify(h, lt);
  while (h.length > 0) {
    const top = h[0];
    const [, order, value] = top.items as [unknown, bigint, unknown];
    yield value;
    const r = its[Number(order)].next();
    if (r.done) heappop(h, lt);
    else
      heapreplace(h, new Tuple([key === null ? r.value : call(key, r.value), order, r.value]), lt);
  }
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("_heapq", [heappush, heappop, heapify, heapreplace, heappushpop]);
