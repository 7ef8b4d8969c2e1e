/**
 * The object protocol for values whose types are not known statically: truthiness, `len`,
 * iteration, subscription and slicing, `in`, attribute access, calls, unpacking.
 *
 * Builtin values are handled directly (JS arrays are lists, strings are str indexed by code
 * point); other objects use their dunder methods (`__bool__`, `__len__`, `__iter__`/`__next__`,
 * `__getitem__`, `__contains__`, `__call__`, `__getattr__`, ...). JS iterables (generators, Maps)
 * iterate natively.
 */

import { _coro_check_reuse, coroutineAwait } from "../asyncio/coroutines";
import * as builtins from "./builtins";
import { ByteArray, Bytes, BytesLike } from "./bytes";
import { eq } from "./compare";
import {
  dataDescriptorCovers,
  deleteDescriptor,
  dropValue,
  installUserDescriptor,
  methodFunction,
  propertyOf,
  storedValuesOf,
  storeValue,
} from "./descriptors";
import { Dict, storeItem } from "./dict";
import { isDunder, typeDunder, valueDunder } from "./dunders";
import {
  AttributeError,
  BaseException,
  EXCEPTION_FIELDS,
  ImportError,
  IndexError,
  KeyError,
  NameError,
  NotImplementedError,
  TypeError as PyTypeError,
  programSetsName,
  StopIteration,
  stopIteration,
  ValueError,
} from "./exceptions";
import type { Kw } from "./kw";
import { ListSubclassBase, listMethods } from "./list";
import {
  constructsViaNew,
  isClassMethod,
  isForwarder,
  isObjectMethod,
  isPyclass,
  objectMethod,
  pyBase,
  pyBases,
  registerForwarder,
  typeCall,
} from "./mro";
import { numberMethods } from "./numbermethods";
import { index, indexNumber, isInt, toBigInt } from "./numbers";
import {
  builtinKind,
  classModule,
  className,
  classQualname,
  classTpName,
  defineOwnAttr,
  defineType,
  markBuiltin,
  markBuiltinClass,
  nativeType,
  PY_TYPE,
} from "./objects";
import { repr } from "./repr";
import { strBase, strMethods } from "./str";
import { Tuple } from "./tuple";
import { functionType, isClass, isinstance, mro, typeName, typeOf } from "./types";

// ---------------------------------------------------------------- strings as code points

const SURROGATE = /[\uD800-\uDFFF]/;

// Indexing a long str in a loop (`s[i]`, `s[i:j]`, `len(s)`) must not scan it each time: for a
// long string the scan's answer is kept (and, for one with astral characters, its code points),
// in small caches keyed by the string (V8 keeps a string's hash, so a lookup is cheap).
const LONG_STRING = 64;
const CACHE_SIZE = 64;
/** Fewer code-point arrays are kept: each is as long as its string. */
const CODE_POINT_CACHE_SIZE = 4;
const surrogateCache = new Map<string, boolean>();
const codePointCache = new Map<string, readonly string[]>();

/** True when the JS string has astral characters (indexes differ from Python's). */
export function hasSurrogates(s: string): boolean {
  if (s.length < LONG_STRING) return SURROGATE.test(s);
  let has = surrogateCache.get(s);
  if (has === undefined) {
    has = SURROGATE.test(s);
    if (surrogateCache.size >= CACHE_SIZE) surrogateCache.clear();
    surrogateCache.set(s, has);
  }
  return has;
}

/** The code points of a string with astral characters, shared (callers must not modify it). */
function sharedCodePoints(s: string): readonly string[] {
  if (s.length < LONG_STRING) return Array.from(s);
  let cps = codePointCache.get(s);
  if (cps === undefined) {
    cps = Array.from(s);
    if (codePointCache.size >= CODE_POINT_CACHE_SIZE) codePointCache.clear();
    codePointCache.set(s, cps);
  }
  return cps;
}

/** The code points of s (each a JS string of 1 or 2 units). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** `len(s)` of a str in code points. */
export function strLen(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  return sharedCodePoints(s).length;
}

// ---------------------------------------------------------------- truthiness and len

/** Python truthiness: `bool(x)`. */
export function truthy(x: unknown): boolean {
  switch (typeof x) {
    case "boolean":
      return x;
    case "bigint":
      return x !== 0n;
    case "number":
      return x !== 0;
    case "string":
      return x.length > 0;
    case "undefined":
      return false;
    case "function":
      return true;
  }
  if (x === null) return false;
  if (Array.isArray(x)) return x.length > 0;
  const o = x as { __bool__?: () => unknown; __len__?: () => unknown };
  if (typeof o.__bool__ === "function") {
    const r = o.__bool__();
    if (typeof r !== "boolean") {
      throw new PyTypeError(`__bool__ should return bool, returned ${typeName(r)}`);
    }
    return r;
  }
  if (typeof o.__len__ === "function") return lenOf(x) !== 0;
  return true;
}

/** `not x`. */
export function not(x: unknown): boolean {
  return !truthy(x);
}

/** `len(x)` as a JS number (internal use). */
export function lenOf(x: unknown): number {
  if (typeof x === "string") return strLen(x);
  if (Array.isArray(x)) return x.length;
  const f = (x as { __len__?: () => unknown } | null)?.__len__;
  if (x !== null && (typeof x === "object" || hasStatic(x, "__len__")) && typeof f === "function") {
    const r = f.call(x);
    if (!isInt(r)) {
      throw new PyTypeError(`'${typeName(r)}' object cannot be interpreted as an integer`);
    }
    const n = toBigInt(r);
    if (n < 0n) throw new ValueError("__len__() should return >= 0");
    return Number(n);
  }
  throw new PyTypeError(`object of type '${typeName(x)}' has no len()`);
}

/** `len(x)` as a Python int. */
export function len(x: unknown): bigint {
  return BigInt(lenOf(x));
}

// ---------------------------------------------------------------- iteration

/** A Python iterator object over a JS iterator (has `__next__` and JS `next`). */
export class PyIterator<T = unknown> implements IterableIterator<T> {
  constructor(private readonly it: Iterator<T>) {}
  next(): IteratorResult<T> {
    return this.it.next();
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): T {
    const r = this.it.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
}
markBuiltinClass(PyIterator, "iterator");

/** Adapts an object with `__next__` to a JS iterator (StopIteration ends it). */
function* dunderIterator(obj: { __next__: () => unknown }): Generator<unknown> {
  for (;;) {
    let v: unknown;
    try {
      v = obj.__next__();
    } catch (e) {
      if (e instanceof StopIteration) return;
      throw e;
    }
    yield v;
  }
}

function* sequenceIterator(obj: { __getitem__: (i: bigint) => unknown }): Generator<unknown> {
  for (let i = 0n; ; i++) {
    let v: unknown;
    try {
      v = obj.__getitem__(i);
    } catch (e) {
      if (e instanceof IndexError || e instanceof StopIteration) return;
      throw e;
    }
    yield v;
  }
}

/** True for a class that defines a static method `name` (a metaclass method in Python). */
function hasStatic(x: unknown, name: string): boolean {
  return (
    typeof x === "function" && typeof (x as unknown as Record<string, unknown>)[name] === "function"
  );
}

/**
 * `iter(x)`: a JS iterator that is also iterable, so generated code can `for (const v of
 * $py.iter(x))`. Raises `TypeError: 'int' object is not iterable`.
 */
export function iter<T = unknown>(x: unknown): IterableIterator<T> {
  const it = tryIter<T>(x);
  if (it === null) throw new PyTypeError(`'${typeName(x)}' object is not iterable`);
  return it;
}

/** `iter(x)`, or null when x is not iterable at all (what `__iter__` raises propagates). */
/**
 * `iter(s)` of a str: a JS string iterator (code points, as Python's), which types.ts names
 * `str_ascii_iterator`; one over a str with non-ASCII characters is marked a `str_iterator`.
 */
function strIterator(s: string): Iterator<string> {
  const it = s[Symbol.iterator]();
  if (!ASCII.test(s)) (it as { [PY_TYPE]?: () => Function })[PY_TYPE] = strIteratorType;
  return it;
}
const ASCII = /^[\x00-\x7f]*$/;
let strIteratorClass: Function | undefined;
function strIteratorType(): Function {
  strIteratorClass ??= nativeType("str_iterator");
  return strIteratorClass;
}

export function tryIter<T = unknown>(x: unknown): IterableIterator<T> | null {
  if (typeof x === "string") return strIterator(x) as unknown as IterableIterator<T>;
  // a class with a static `__iter__` is iterable, as a metaclass `__iter__` makes it (enum.Enum)
  if (x !== null && (typeof x === "object" || hasStatic(x, "__iter__"))) {
    const o = x as {
      __iter__?: () => unknown;
      [Symbol.iterator]?: () => Iterator<T>;
      __next__?: () => unknown;
      __getitem__?: (i: bigint) => unknown;
    };
    if (typeof o.__iter__ === "function") return asIterator(o.__iter__()) as IterableIterator<T>;
    if (typeof o[Symbol.iterator] === "function") {
      // A coroutine is a JS generator, but not a Python iterable.
      if ((o as { __await__?: unknown }).__await__ === coroutineAwait) return null;
      return o[Symbol.iterator]!() as IterableIterator<T>;
    }
    if (typeof o.__getitem__ === "function")
      return sequenceIterator(o as never) as IterableIterator<T>;
  }
  return null;
}

const annotationDicts = new WeakMap<Function, Dict>();

/**
 * `C.__annotations__`: generated code keeps a class's own annotations as a JS object of their
 * source texts (lower/classes.ts), which stdlib/dataclasses.ts and typing.ts read; Python sees
 * a dict of them (one per class, made when first read; `{}` for a class without annotations).
 */
function classAnnotations(cls: Function): unknown {
  const own = Object.getOwnPropertyDescriptor(cls, "__annotations__");
  const v: unknown =
    own === undefined ? undefined : "value" in own ? own.value : own.get?.call(cls);
  if (
    v !== undefined &&
    (v === null || typeof v !== "object" || Object.getPrototypeOf(v) !== Object.prototype)
  )
    return v;
  let d = annotationDicts.get(cls);
  if (d === undefined) {
    d = new Dict(Object.entries((v ?? {}) as Record<string, unknown>));
    annotationDicts.set(cls, d);
  }
  return d;
}

/** Is a class's `name`/`length` JS's own (read-only) rather than a class attribute of the body? */
function isJsOwnStatic(cls: Function, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(cls, key);
  return d !== undefined && "value" in d && !d.writable;
}

/** What `__iter__` returned, as a JS iterator (CPython's TypeError when it is not one). */
export function asIterator(r: unknown): IterableIterator<unknown> {
  if (r !== null && typeof r === "object") {
    const o = r as { next?: unknown; __next__?: unknown; [Symbol.iterator]?: unknown };
    if (typeof o.next === "function" && typeof o[Symbol.iterator] === "function") {
      return r as IterableIterator<unknown>;
    }
    if (typeof o.__next__ === "function") return dunderIterator(r as never);
  }
  throw new PyTypeError(`iter() returned non-iterator of type '${typeName(r)}'`);
}

const NO_DEFAULT: unique symbol = Symbol("no default");

/** `next(it)` / `next(it, default)`. */
export function next(it: unknown, dflt: unknown = NO_DEFAULT): unknown {
  if (it !== null && typeof it === "object") {
    const o = it as { __next__?: () => unknown; next?: () => IteratorResult<unknown> };
    if (typeof o.__next__ === "function" && !(it instanceof PyIterator)) {
      try {
        return o.__next__();
      } catch (e) {
        if (e instanceof StopIteration && dflt !== NO_DEFAULT) return dflt;
        throw e;
      }
    }
    if (typeof o.next === "function") {
      const r = o.next();
      if (r.done) {
        if (dflt !== NO_DEFAULT) return dflt;
        throw stopIteration(r.value);
      }
      return r.value;
    }
  }
  throw new PyTypeError(`'${typeName(it)}' object is not an iterator`);
}

/** Materialize any iterable as a JS array (a fresh copy). */
export function toArray<T = unknown>(x: unknown): T[] {
  if (Array.isArray(x)) return x.slice();
  if (x instanceof Tuple) return x.items.slice() as T[];
  return [...iter<T>(x)];
}

// ---------------------------------------------------------------- unpacking

/** `a, b, c = x`: exactly n values or CPython's ValueError. */
export function unpack(x: unknown, n: number): readonly unknown[] {
  // Exact tuples and lists of the right length, as CPython's UNPACK_SEQUENCE fast path: a tuple's
  // own items (immutable, and the caller only reads them), a copy of a list's (the targets may
  // assign into the same list: `a[1], a[0] = a`).
  if (x instanceof Tuple) {
    if (x.constructor === Tuple && x.items.length === n) return x.items;
  } else if (Array.isArray(x) && x.constructor === Array && x.length === n) return x.slice();
  const items: unknown[] = [];
  const it = tryIter(x);
  if (it === null) throw new PyTypeError(`cannot unpack non-iterable ${typeName(x)} object`);
  for (;;) {
    const r = it.next();
    if (r.done) break;
    if (items.length === n) throw new ValueError(`too many values to unpack (expected ${n})`);
    items.push(r.value);
  }
  if (items.length < n) {
    throw new ValueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  }
  return items;
}

/**
 * `a, *b, c = x`: `before` values, a list of the middle, `after` values.
 * Returns `[...before, middleList, ...after]`.
 */
export function unpackStar(x: unknown, before: number, after: number): unknown[] {
  let items: unknown[];
  if (Array.isArray(x) || x instanceof Tuple) items = toArray(x);
  else {
    const it = tryIter(x);
    if (it === null) throw new PyTypeError(`cannot unpack non-iterable ${typeName(x)} object`);
    items = [...it];
  }
  if (items.length < before + after) {
    throw new ValueError(
      `not enough values to unpack (expected at least ${before + after}, got ${items.length})`,
    );
  }
  return [
    ...items.slice(0, before),
    items.slice(before, items.length - after),
    ...items.slice(items.length - after),
  ];
}

// ---------------------------------------------------------------- slices

/** Python's `slice` object. */
export class Slice {
  constructor(
    readonly start: unknown = null,
    readonly stop: unknown = null,
    readonly step: unknown = null,
  ) {}

  /** `slice.indices(length)` as JS numbers: [start, stop, step]. */
  adjust(length: number): [number, number, number] {
    return sliceAdjust(length, this.start, this.stop, this.step);
  }

  indices(length: unknown): Tuple {
    const [a, b, c] = this.adjust(indexNumber(length));
    return new Tuple([BigInt(a), BigInt(b), BigInt(c)]);
  }

  __repr__(): string {
    return `slice(${repr(this.start)}, ${repr(this.stop)}, ${repr(this.step)})`;
  }

  __hash__(): bigint {
    return new Tuple([this.start, this.stop, this.step]).__hash__();
  }

  __eq__(other: unknown): boolean {
    return (
      other instanceof Slice &&
      eq(this.start, other.start) &&
      eq(this.stop, other.stop) &&
      eq(this.step, other.step)
    );
  }
}
markBuiltinClass(Slice, "slice");

/** `slice(stop)` / `slice(start, stop[, step])`: the type of Slice objects (`isinstance(k, slice)`). */
export const slice = defineType(
  function slice(...args: unknown[]): Slice {
    if (args.length === 1) return new Slice(null, args[0], null);
    return new Slice(args[0] ?? null, args[1] ?? null, args[2] ?? null);
  },
  "slice",
  () => Slice,
);

const SLICE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

function sliceIndexArg(v: unknown): number {
  if (v === null || v === undefined) return Number.NaN;
  if (isInt(v) || (typeof v === "object" && v !== null && "__index__" in v)) {
    const n = index(v);
    return n > SLICE_MAX
      ? Number.MAX_SAFE_INTEGER
      : n < -SLICE_MAX
        ? -Number.MAX_SAFE_INTEGER
        : Number(n);
  }
  throw new PyTypeError("slice indices must be integers or None or have an __index__ method");
}

/** CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`. */
export function sliceAdjust(
  length: number,
  start: unknown,
  stop: unknown,
  step: unknown,
): [number, number, number] {
  let st = sliceIndexArg(step);
  if (Number.isNaN(st)) st = 1;
  if (st === 0) throw new ValueError("slice step cannot be zero");
  let s = sliceIndexArg(start);
  let e = sliceIndexArg(stop);
  if (Number.isNaN(s)) s = st < 0 ? length - 1 : 0;
  else if (s < 0) {
    s += length;
    if (s < 0) s = st < 0 ? -1 : 0;
  } else if (s >= length) s = st < 0 ? length - 1 : length;
  if (Number.isNaN(e)) e = st < 0 ? -1 : length;
  else if (e < 0) {
    e += length;
    if (e < 0) e = st < 0 ? -1 : 0;
  } else if (e >= length) e = st < 0 ? length - 1 : length;
  return [s, e, st];
}

function sliceIndexList(length: number, start: unknown, stop: unknown, step: unknown): number[] {
  const [s, e, st] = sliceAdjust(length, start, stop, step);
  const out: number[] = [];
  if (st > 0) for (let i = s; i < e; i += st) out.push(i);
  else for (let i = s; i > e; i += st) out.push(i);
  return out;
}

/** `x[start:stop:step]` (pass `null` for omitted parts). */
export function getslice(
  x: unknown,
  start: unknown = null,
  stop: unknown = null,
  step: unknown = null,
): unknown {
  if (typeof x === "string") {
    if ((step === null || step === 1n) && !hasSurrogates(x)) {
      const [s, e] = sliceAdjust(x.length, start, stop, null);
      return e > s ? x.slice(s, e) : "";
    }
    const cps = sharedCodePoints(x);
    return sliceIndexList(cps.length, start, stop, step)
      .map((i) => cps[i])
      .join("");
  }
  if (Array.isArray(x)) {
    if (step === null || step === 1n) {
      const [s, e] = sliceAdjust(x.length, start, stop, null);
      return e > s ? x.slice(s, e) : [];
    }
    return sliceIndexList(x.length, start, stop, step).map((i) => x[i]);
  }
  // A tuple subclass (namedtuple, sys.version_info) slices to a plain tuple unless it overrides
  // __getitem__, as tuple.__getitem__ does.
  if (x instanceof Tuple && (x as Tuple).__getitem__ === Tuple.prototype.__getitem__) {
    return new Tuple(sliceIndexList(x.items.length, start, stop, step).map((i) => x.items[i]));
  }
  if (x instanceof BytesLike) {
    return x.sliceIndices(sliceIndexList(x.data.length, start, stop, step));
  }
  return getitem(x, new Slice(start, stop, step));
}

/** `x[start:stop:step] = value`. */
export function setslice(
  x: unknown,
  start: unknown,
  stop: unknown,
  step: unknown,
  value: unknown,
): void {
  if (Array.isArray(x)) {
    let items: unknown[];
    if (Array.isArray(value) || value instanceof Tuple) items = toArray(value);
    else {
      const it = tryIter(value);
      if (it === null) throw new PyTypeError("must assign iterable to extended slice");
      items = [...it];
    }
    if (step === null || step === undefined || step === 1n) {
      const [s, e] = sliceAdjust(x.length, start, stop, null);
      x.splice(s, Math.max(0, e - s), ...items);
      return;
    }
    const idx = sliceIndexList(x.length, start, stop, step);
    if (idx.length !== items.length) {
      throw new ValueError(
        `attempt to assign sequence of size ${items.length} to extended slice of size ${idx.length}`,
      );
    }
    idx.forEach((k, j) => {
      x[k] = items[j];
    });
    return;
  }
  setitem(x, new Slice(start, stop, step), value);
}

/** `del x[start:stop:step]`. */
export function delslice(x: unknown, start: unknown, stop: unknown, step: unknown): void {
  if (Array.isArray(x)) {
    const idx = sliceIndexList(x.length, start, stop, step).sort((a, b) => b - a);
    for (const k of idx) x.splice(k, 1);
    return;
  }
  if (x instanceof ByteArray) {
    const idx = new Set(sliceIndexList(x.data.length, start, stop, step));
    x.data = x.data.filter((_, i) => !idx.has(i));
    return;
  }
  delitem(x, new Slice(start, stop, step));
}

// ---------------------------------------------------------------- subscription

function seqIndex(i: unknown, n: number, what: string, kind: string): number {
  if (!isInt(i)) {
    if (typeof i === "object" && i !== null && "__index__" in i)
      return seqIndex(index(i), n, what, kind);
    throw new PyTypeError(`${kind} indices must be integers or slices, not ${typeName(i)}`);
  }
  let k = Number(toBigInt(i));
  if (k < 0) k += n;
  if (k < 0 || k >= n) throw new IndexError(`${what} index out of range`);
  return k;
}

/** `x[k]`. */
export function getitem(x: unknown, k: unknown): unknown {
  if (Array.isArray(x)) {
    if (typeof k === "bigint") {
      const i = k < 0n ? Number(k) + x.length : Number(k);
      if (i >= 0 && i < x.length) return x[i];
      throw new IndexError("list index out of range");
    }
    if (k instanceof Slice) return getslice(x, k.start, k.stop, k.step);
    return x[seqIndex(k, x.length, "list", "list")];
  }
  if (typeof x === "string") {
    if (k instanceof Slice) return getslice(x, k.start, k.stop, k.step);
    if (!isInt(k) && typeof (k as { __int_value__?: unknown } | null)?.__int_value__ !== "bigint") {
      if (typeof k === "object" && k !== null && "__index__" in k) return getitem(x, index(k));
      throw new PyTypeError(`string indices must be integers, not '${typeName(k)}'`);
    }
    if (!hasSurrogates(x)) return x[seqIndex(k, x.length, "string", "string")];
    const cps = sharedCodePoints(x);
    return cps[seqIndex(k, cps.length, "string", "string")];
  }
  if (k instanceof Slice && (x instanceof Tuple || x instanceof BytesLike)) {
    return getslice(x, k.start, k.stop, k.step);
  }
  if (x !== null && (typeof x === "object" || typeof x === "function")) {
    const f = (x as { __getitem__?: (k: unknown) => unknown }).__getitem__;
    if (typeof f === "function") return f.call(x, k);
    if (typeof x === "function" && isClass(x)) {
      const cg = (x as { __class_getitem__?: (k: unknown) => unknown }).__class_getitem__;
      if (typeof cg === "function") return cg.call(x, k);
      if (notGeneric(x)) {
        throw new PyTypeError(
          `type '${(x as { __name__?: string }).__name__}' is not subscriptable`,
        );
      }
      return x; // generic alias `list[int]`: the class itself is close enough at run time
    }
  }
  throw new PyTypeError(`'${typeName(x)}' object is not subscriptable`);
}

let plainTypes: Set<unknown> | null = null;

/**
 * A class CPython refuses to subscript (`C[int]`: no `__class_getitem__`): a transpiled class
 * over plain bases (object, int, float, str, bytes, exceptions), or one of those builtins. Other
 * builtin and library classes stay subscriptable (most are generic in CPython).
 */
function notGeneric(cls: Function): boolean {
  // Made on first use: builtins.ts is not loaded yet when this module is.
  plainTypes ??= new Set([
    builtins.object,
    builtins.int,
    builtins.float,
    builtins.bool,
    builtins.str,
    builtins.bytes,
    builtins.bytearray,
  ]);
  const plain = plainTypes;
  const ok = (c: Function) =>
    isPyclass(c) || plain.has(c) || c === BaseException || c.prototype instanceof BaseException;
  return mro(cls).every(ok);
}

/**
 * Does `x`'s type have CPython's sequence slots (`tp_as_sequence`)? Then `del x[i]` with an
 * integer index says "doesn't support item deletion", other failures "does not support".
 */
function sequenceTyped(x: unknown): boolean {
  if (typeof x === "string" || x instanceof Tuple || x instanceof BytesLike) return true;
  if (typeof x !== "object" || x === null) return false;
  if (SEQUENCE_TYPES.has(typeName(x)) || Object.hasOwn(x, "_asyncio_future_blocking")) return true;
  // Heap types have the slots: transpiled classes, and the library's classes that CPython
  // writes in Python (asyncio, logging) or as heap types (`_asyncio.Future`, `_asyncio.Task`).
  return mro(typeOf(x)).some((c) => {
    if (isPyclass(c)) return true;
    const m = Object.hasOwn(c, "__module__") ? (c as { __module__?: unknown }).__module__ : "";
    return typeof m === "string" && /^(asyncio|logging)(\.|$)/.test(m);
  });
}
const SEQUENCE_TYPES = new Set([
  "set",
  "frozenset",
  "range",
  "dict_keys",
  "dict_values",
  "dict_items",
]);

/** `x[k] = v`. */
export function setitem(x: unknown, k: unknown, v: unknown): void {
  if (Array.isArray(x)) {
    if (k instanceof Slice) {
      setslice(x, k.start, k.stop, k.step, v);
      return;
    }
    x[seqIndex(k, x.length, "list assignment", "list")] = v;
    return;
  }
  if (x !== null && typeof x === "object") {
    const f = (x as { __setitem__?: (k: unknown, v: unknown) => unknown }).__setitem__;
    if (typeof f === "function") {
      f.call(x, k, v);
      return;
    }
  }
  throw new PyTypeError(`'${typeName(x)}' object does not support item assignment`);
}

/**
 * `x[k] += v` and `x[k] -= v` (`op` is `iadd` or `isub`) where evaluating `v` has no effect, so
 * it may come first: `setitem(x, k, op(getitem(x, k), v))`, with the key of a dict looked up
 * once when the dict's `__getitem__` and `__setitem__` are dict's own.
 */
export function augitem(
  x: unknown,
  k: unknown,
  op: (a: unknown, b: unknown) => unknown,
  v: unknown,
): void {
  if (x instanceof Dict && x.augment(k, op, v)) return;
  setitem(x, k, op(getitem(x, k), v));
}

/** `del x[k]`. */
export function delitem(x: unknown, k: unknown): void {
  if (Array.isArray(x)) {
    if (k instanceof Slice) {
      delslice(x, k.start, k.stop, k.step);
      return;
    }
    x.splice(seqIndex(k, x.length, "list assignment", "list"), 1);
    return;
  }
  if (x !== null && typeof x === "object") {
    const f = (x as { __delitem__?: (k: unknown) => unknown }).__delitem__;
    if (typeof f === "function") {
      f.call(x, k);
      return;
    }
  }
  const indexKey = isInt(k) || (typeof k === "object" && k !== null && "__index__" in k);
  const verb = indexKey && sequenceTyped(x) ? "doesn't" : "does not";
  throw new PyTypeError(`'${typeName(x)}' object ${verb} support item deletion`);
}

/** `x in container`. */
export function contains(container: unknown, x: unknown): boolean {
  if (typeof container === "string") {
    if (typeof x !== "string") {
      const v = strBase(x);
      if (v === undefined) {
        throw new PyTypeError(`'in <string>' requires string as left operand, not ${typeName(x)}`);
      }
      return container.includes(v);
    }
    return container.includes(x);
  }
  if (Array.isArray(container)) {
    for (const v of container) if (v === x || eq(v, x)) return true;
    return false;
  }
  if (container instanceof Tuple) {
    for (const v of container.items) if (v === x || eq(v, x)) return true;
    return false;
  }
  if (
    container !== null &&
    (typeof container === "object" || hasStatic(container, "__contains__"))
  ) {
    const f = (container as { __contains__?: (x: unknown) => unknown }).__contains__;
    if (typeof f === "function") return truthy(f.call(container, x));
    const o = container as {
      __iter__?: unknown;
      [Symbol.iterator]?: unknown;
      __getitem__?: unknown;
    };
    if (o.__iter__ || o[Symbol.iterator] || o.__getitem__) {
      for (const v of iter(container)) if (v === x || eq(v, x)) return true;
      return false;
    }
  }
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}

/** `x not in container`. */
export function not_in(container: unknown, x: unknown): boolean {
  return !contains(container, x);
}

// ---------------------------------------------------------------- attributes and calls

const OBJECT_PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Properties every JS function has, which are no class attributes. */
const JS_FUNCTION_PROPS = new Set(["length", "name", "prototype", "caller", "arguments"]);

/**
 * The static `name` of the runtime class `k` or of its runtime bases (skipping the program's
 * classes, whose class attributes are on their prototypes, and stopping at JS's `Error`, whose
 * `stackTraceLimit` is no Python attribute).
 */
function runtimeClassAttr(k: unknown, name: string): unknown {
  for (let c = k; typeof c === "function" && c !== Error && c !== Function.prototype; ) {
    if (!isPyclass(c) && Object.hasOwn(c, name))
      return (c as unknown as Record<string, unknown>)[name];
    c = Object.getPrototypeOf(c);
  }
  return undefined;
}

/** The class and static methods in the method tables of str, int, bool and float. */
const TYPE_METHODS = new Set(["from_bytes", "fromhex", "maketrans"]);

function builtinMethodTable(obj: unknown): Record<string, Function> | undefined {
  if (typeof obj === "string") return strMethods as Record<string, Function>;
  // A list subclass's instances find their methods (overrides first) on their prototype.
  if (Array.isArray(obj))
    return obj instanceof ListSubclassBase ? undefined : (listMethods as Record<string, Function>);
  const t = typeof obj;
  if (t === "bigint" || t === "number" || t === "boolean") return numberMethods(obj);
  return undefined;
}

function noAttribute(obj: unknown, name: string): AttributeError {
  let msg: string;
  if (typeof obj === "function" && isClass(obj)) {
    msg = `type object '${classTpName(obj)}' has no attribute '${name}'`;
  } else if (
    obj !== null &&
    typeof obj === "object" &&
    (obj as { __module_name__?: string }).__module_name__
  ) {
    msg = `module '${(obj as { __module_name__: string }).__module_name__}' has no attribute '${name}'`;
  } else {
    msg = `'${typeName(obj)}' object has no attribute '${name}'`;
  }
  const e = new AttributeError(msg);
  (e as { name_?: string }).name_ = name;
  (e as { obj?: unknown }).obj = obj;
  return e;
}

const MISSING: unique symbol = Symbol("missing");
/** Attributes every Python function has, looked up when a transpiled function lacks them. */
const FUNCTION_ATTRS = new Set([
  "__annotations__",
  "__defaults__",
  "__kwdefaults__",
  "__qualname__",
  "__module__",
  "__doc__",
]);
const QUALNAME = Symbol.for("asyncio-ts.qualname");
/** A library function's `__module__` (`asyncio.tasks`), kept off its own string keys (isClass). */
const FUNC_MODULE = Symbol.for("asyncio-ts.func-module");

/**
 * The class attribute `name` of a class along its chain (or undefined), skipping the read-only
 * `name` and `length` every JS class owns, which are not Python attributes: only one assigned by
 * a class body (or `setattr`) counts.
 */
export function ownClassAttr(cls: Function, name: string): unknown {
  for (
    let c: unknown = cls;
    typeof c === "function" && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    const desc = Object.getOwnPropertyDescriptor(c, name);
    if (desc === undefined || ("value" in desc && !desc.writable && !desc.enumerable)) continue;
    return desc.get !== undefined ? desc.get.call(cls) : desc.value;
  }
  return undefined;
}

/** `C.name` / `C.length` of a class: its class attribute, else a method of that name, else none. */
function classAttrNotJs(cls: Function, name: string): unknown {
  const v = ownClassAttr(cls, name);
  if (v !== undefined) return v;
  const proto = (cls as { prototype?: Record<string, unknown> }).prototype;
  if (proto && name in proto) return proto[name];
  return MISSING;
}

/**
 * Is an exception's `message` the program's (an instance attribute, a property or method of its
 * class, a group's message) rather than the runtime's JS `Error.message` accessor?
 */
function programSetsMessage(exc: BaseException): boolean {
  let p: object | null = exc;
  while (p !== null && !Object.hasOwn(p, "message")) p = Object.getPrototypeOf(p) as object | null;
  return p !== null && p !== BaseException.prototype && p !== Error.prototype;
}

/**
 * Python's `name` of an exception the program did not give one: JS's `name` (the class name, for
 * stack traces) is not it. AttributeError, NameError and ImportError have one (the runtime sets
 * `name_` where it raises them; None otherwise); other exceptions have none.
 */
function exceptionName(exc: BaseException): unknown {
  if (exc instanceof AttributeError || exc instanceof NameError || exc instanceof ImportError)
    return (exc as { name_?: unknown }).name_ ?? null;
  return MISSING;
}

function lookupAttr(obj: unknown, name: string): unknown {
  if (name === "__class__") return typeOf(obj);
  const table = builtinMethodTable(obj);
  if (table !== undefined) {
    const m = table[name];
    if (typeof m === "function") {
      const bound = (...args: unknown[]) => m(obj, ...args);
      // `(5).from_bytes` is bound to the class, `"".maketrans` (a static method) to nothing.
      const self = TYPE_METHODS.has(name) ? (name === "maketrans" ? null : typeOf(obj)) : obj;
      return markBuiltin(describeBound(bound, self, name, `${typeName(obj)}.${name}`, m), "method");
    }
    if (isDunder(name)) return specialMethod(obj, name);
    if (typeof obj !== "string" && !Array.isArray(obj)) return numberAttr(obj, name);
    return MISSING;
  }
  if (obj === null || obj === undefined) return MISSING;
  // Every JS object has these (its class, its prototype); no Python object does (the transpiler
  // refuses such attributes: codegen/ir.ts).
  if (name === "constructor" || name === "__proto__" || name === "prototype") return MISSING;
  if (typeof obj === "function" && !(name in obj)) {
    // `str.lower`, `list.append`, `int.bit_length`: a builtin type's method, unbound.
    const unbound = typeMethod(obj, name);
    if (unbound !== undefined) return unbound;
  }
  if (name === "__dict__" && typeof obj === "object") return hasDict(obj) ? vars(obj) : MISSING;
  // A functools.partial (a JS function) has no names of its own, as in CPython.
  if (
    (name === "__name__" || name === "__qualname__") &&
    typeof obj === "function" &&
    (obj as { __partial__?: unknown }).__partial__ === true &&
    !Object.hasOwn(obj, name)
  )
    return MISSING;
  if (name === "__name__" && typeof obj === "function") return className(obj);
  if (name === "name" && obj instanceof BaseException && !programSetsName(obj))
    return exceptionName(obj);
  if (name === "message" && obj instanceof BaseException && !programSetsMessage(obj)) {
    // JS's `Error.message` (the runtime's `str(exc)` for stack headers) is no Python attribute;
    // a class attribute `message = ...` of the program's exception class is.
    const v = ownClassAttr(obj.constructor, "message");
    return v === undefined ? MISSING : v;
  }
  if (typeof obj === "function" && !(name in obj) && FUNCTION_ATTRS.has(name) && !isClass(obj)) {
    // A bound method reads its function's; a transpiled function without defaults has None
    // (functions.ts gives the others theirs); `__qualname__`/`__module__` of a module-level def.
    const func = (obj as { __func__?: unknown }).__func__;
    if (typeof func === "function") return lookupAttr(func, name);
    if (name === "__qualname__")
      return (obj as { [QUALNAME]?: string })[QUALNAME] ?? className(obj);
    // Generated code gives a function its annotations only where they are read (annotations.ts).
    if (name === "__annotations__") return new Dict();
    if (name !== "__module__") return null;
    const mod = (obj as { [FUNC_MODULE]?: string })[FUNC_MODULE];
    if (mod !== undefined) return mod;
    return builtinKind(obj) === "function" ? "builtins" : "__main__";
  }
  if (name === "__doc__" && typeof obj === "function" && !(name in obj)) return null;
  // An instance's `__doc__` is its class's (None when the class has no docstring).
  if (name === "__doc__" && typeof obj === "object" && obj !== null && !(name in obj))
    return (typeOf(obj) as { __doc__?: unknown }).__doc__ ?? null;
  if (typeof obj === "function" && isClass(obj)) {
    if (name === "__mro__") return new Tuple(mro(obj));
    if (name === "__annotations__") return classAnnotations(obj);
    if (name === "__dict__") {
      // The class's own attributes (class attributes and methods), not inherited ones.
      const d = new Dict();
      for (const k of Object.getOwnPropertyNames(obj)) {
        // JS's own `name`/`length` are read-only; a class body's `name = ...` is writable.
        const jsOwn = (k === "length" || k === "name") && isJsOwnStatic(obj, k);
        if (jsOwn || k === "prototype" || k === "__name__" || k === "mro" || k === "__subclasses__")
          continue;
        d.__setitem__(k, (obj as unknown as Record<string, unknown>)[k]);
      }
      const proto = (obj as { prototype?: object }).prototype;
      if (proto)
        for (const k of Object.getOwnPropertyNames(proto)) {
          const desc = Object.getOwnPropertyDescriptor(proto, k)!;
          // A class attribute's instance view (`classAttributeView`) is not the attribute.
          if (k !== "constructor" && "value" in desc && !classAttributeMethods.has(desc.value))
            d.__setitem__(k, desc.value);
          // A property named `name`/`length` has no class-side accessor (JS's own stay).
          else if ((k === "name" || k === "length") && !("value" in desc) && isJsOwnStatic(obj, k))
            d.__setitem__(k, propertyOf(obj, k));
        }
      return d;
    }
    if (name === "__bases__" && !Object.hasOwn(obj, "__bases__")) return new Tuple(pyBases(obj));
    if (name === "__base__" && !Object.hasOwn(obj, "__base__")) return pyBase(obj);
    if (name === "mro" && !(name in obj)) return () => [...mro(obj)];
    if (name === "name" || name === "length") return classAttrNotJs(obj, name);
  }
  const o = obj as Record<string, unknown>;
  if (!(name in (o as object))) {
    // methods of a class accessed on the class: `Foo.method`
    if (typeof obj === "function") {
      const proto = (obj as { prototype?: Record<string, unknown> }).prototype;
      if (proto && name in proto && !OBJECT_PROTO_NAMES.has(name)) {
        // An instance method: a function taking `self` first (descriptors.ts); a method of a
        // type CPython writes in C (`_asyncio.Future.done`, `collections.deque.append`) is a
        // method descriptor, which checks its receiver.
        const m = proto[name];
        if (typeof m !== "function" || isClass(m)) return m;
        // Its type is the most derived C type (`_asyncio.Task.done`, though our Task inherits it).
        const owner = methodOwner(obj, name, proto);
        if (owner === undefined || !Object.hasOwn(owner, "__tp_name__") || isDunder(name))
          return methodFunction(m, obj);
        let t: Function = obj as Function;
        while (!Object.hasOwn(t, "__tp_name__")) t = Object.getPrototypeOf(t);
        return unboundMethod(t, name, (self: unknown, ...args: unknown[]) =>
          (m as Function).apply(self, args),
        );
      }
    }
    // A tuple's, or a str/int/float subclass instance's, special method of its builtin type.
    if (isDunder(name) && typeof obj === "object") return specialMethod(obj, name);
    // A runtime class's class attribute read through an instance (`timedelta(1).max`): JS
    // does not look statics up from instances. (A program class's are on its prototype.)
    if (typeof obj === "object" && !name.startsWith("_") && !JS_FUNCTION_PROPS.has(name)) {
      const v = runtimeClassAttr((obj as object).constructor, name);
      if (v !== undefined && typeof v !== "function") return v;
    }
    // `A.__eq__`, `A.__repr__`: a program class's special method it inherits from object.
    if (
      typeof obj === "function" &&
      obj !== builtins.object &&
      isObjectMethod(name) &&
      isClass(obj)
    )
      return lookupAttr(builtins.object, name);
    return MISSING;
  }
  if (
    OBJECT_PROTO_NAMES.has(name) &&
    o[name] === (Object.prototype as Record<string, unknown>)[name]
  ) {
    return MISSING;
  }
  const v = o[name];
  // `undefined` is never a Python value: an unset field (`__notes__` before `add_note`).
  if (v === undefined) return MISSING;
  // A class method read through its class (or a subclass): bound to that class.
  if (typeof obj === "function" && isClassMethod(v) && isClass(obj)) {
    return boundClassMethod(obj, name, v);
  }
  if (
    typeof v === "function" &&
    typeof obj === "object" &&
    !Object.hasOwn(obj as object, name) &&
    !isClass(v)
  ) {
    const owner = methodOwner(obj, name);
    // A class attribute holding a function that does not bind (`ln = len` in a class body),
    // read through the instance by the getter `pyclass` installs: the function itself.
    const held = owner?.prototype
      ? Object.getOwnPropertyDescriptor(owner.prototype, name)
      : undefined;
    if (held?.get !== undefined && isForwarder(held.get)) return v;
    // A static or class method read through an instance (a forwarder to the class's, see
    // `pyclass`); a class method is bound to the instance's class.
    const forwarder = isForwarder(v);
    if (forwarder) {
      const klass = typeOf(obj) as unknown as Record<string, unknown>;
      const m = klass[name];
      if (isClassMethod(m)) return boundClassMethod(klass as unknown as Function, name, m);
      // A runtime class's class method (`{}.fromkeys`, `dt.now`): a builtin method of the class.
      if (owner !== undefined && !isPyclass(owner) && typeof m === "function")
        return markBuiltin(
          describeBound(m.bind(klass), klass, name, `${classQualname(klass)}.${name}`, m),
          "method",
        );
    }
    const own = (v as { __name__?: unknown }).__name__;
    // A method of a C type of asyncio's (`_asyncio.Future`) is a builtin method: its qualname
    // names the receiver's type (`Task.done`, `MyFuture.done`).
    const cMethod = owner !== undefined && classModule(owner) === "_asyncio";
    const bound = describeBound(
      (v as Function).bind(obj),
      obj,
      typeof own === "string" ? own : name,
      cMethod ? `${classQualname(typeOf(obj))}.${name}` : methodQualname(owner, name, v),
      v,
    );
    // `__func__` is the method as its class gives it (`C.m`: a function taking `self` first).
    // A static method read through an instance has none: it is not bound to the instance.
    if (forwarder) delete (bound as unknown as { __func__?: unknown }).__func__;
    else
      (bound as unknown as { __func__: unknown }).__func__ = classAttributeMethods.has(v)
        ? // `h = helper` in the class body: the function the class holds.
          (typeOf(obj) as unknown as Record<string, unknown>)[name]
        : methodFunction(v as Function);
    // A method of a builtin type (`{}.get`, `exc.add_note`) is a builtin method.
    return owner !== undefined && (cMethod || classModule(owner) === "builtins")
      ? markBuiltin(bound, "method")
      : bound;
  }
  return v;
}

/** `real`, `imag`, `numerator`, `denominator` of an int, bool or float. */
function numberAttr(x: unknown, name: string): unknown {
  if (typeof x === "number") {
    if (name === "real") return x;
    if (name === "imag") return 0.0;
    return MISSING;
  }
  const n = typeof x === "boolean" ? (x ? 1n : 0n) : (x as bigint);
  if (name === "real" || name === "numerator") return n;
  if (name === "imag") return 0n;
  if (name === "denominator") return 1n;
  return MISSING;
}

/**
 * A builtin value's special method `name` (dunders.ts), bound, or object's for other objects;
 * None when the type's is None.
 */
function specialMethod(obj: unknown, name: string): unknown {
  const f = valueDunder(obj, name);
  if (f === undefined) {
    if (typeof obj !== "object" || obj === null) return MISSING;
    const it = obj as { next?: unknown; [Symbol.iterator]?: unknown };
    if (typeof it.next === "function" && typeof it[Symbol.iterator] === "function") {
      // A builtin iterator (a JS one: a list's, a dict's, a map object): Python's protocol.
      if (name === "__iter__") return () => obj;
      if (name === "__next__")
        return () => {
          const r = (obj as Iterator<unknown>).next();
          if (r.done) throw stopIteration(r.value);
          return r.value;
        };
    }
    // Any other object inherits `object`'s (`p.__hash__()`, `p.__ne__(q)`).
    const m = objectMethod(obj, name, typeOf(obj));
    return m === undefined ? MISSING : m;
  }
  if (f === null) return null;
  return markBuiltin(describeBound(f, obj, name, `${typeName(obj)}.${name}`, f), "method");
}

const unboundMethods = new Map<Function, Map<string, Function>>();

/**
 * Builtin types whose values are instances of a runtime class with the type's methods (made on
 * first use: builtins.ts is not loaded yet when this module is).
 */
let instanceClasses: Map<unknown, { prototype: Record<string, unknown> }> | null = null;
function instanceClassOf(t: Function): { prototype: Record<string, unknown> } | undefined {
  instanceClasses ??= new Map<unknown, { prototype: Record<string, unknown> }>([
    [builtins.bytes, Bytes as never],
    [builtins.bytearray, ByteArray as never],
    [builtins.dict, Dict as never],
    [builtins.tuple, Tuple as never],
  ]);
  return instanceClasses.get(t);
}

/** The method `name` of a builtin type object (`str`, `list`, `int`, `float`, `bytes`, ...), unbound. */

function typeMethod(t: Function, name: string): Function | null | undefined {
  let table: Record<string, Function> | undefined;
  if (isDunder(name)) {
    if (t === builtins.object) {
      if (!isObjectMethod(name)) return undefined;
      return unboundMethod(t, name, (self: unknown, ...args: unknown[]) =>
        (objectMethod(self, name, typeOf(self)) as Function)(...args),
      );
    }
    const slot = typeDunder(t, name);
    if (slot === null) return null;
    if (slot !== undefined) return unboundMethod(t, name, slot);
  }
  if (t === builtins.str) table = strMethods as Record<string, Function>;
  else if (t === builtins.list) table = listMethods as Record<string, Function>;
  else if (t === builtins.int || t === builtins.bool) table = numberMethods(0n);
  else if (t === builtins.float) table = numberMethods(0.0);
  else {
    // `bytes.hex`, `dict.keys`, `tuple.count`: the method of the JS class of the type's values.
    const cls = instanceClassOf(t);
    const method = cls?.prototype[name];
    const visible = !name.startsWith("_") || isDunder(name);
    if (typeof method === "function" && visible && name !== "constructor") {
      table = { [name]: (self: unknown, ...args: unknown[]) => method.apply(self, args) };
    }
  }
  const m = table?.[name];
  if (typeof m !== "function") return undefined;
  if (name === "maketrans") return (...args: unknown[]) => m("", ...args); // a staticmethod
  return unboundMethod(t, name, m);
}

/**
 * Type `t`'s method `name` as a function of the receiver and the arguments (`str.upper`,
 * `int.__add__`), made once: it checks the receiver's type with CPython's message.
 */
function unboundMethod(t: Function, name: string, m: Function): Function {
  let cache = unboundMethods.get(t);
  if (cache === undefined) unboundMethods.set(t, (cache = new Map()));
  let f = cache.get(name);
  if (f === undefined) {
    const typeName_ = classTpName(t);
    f = (self: unknown, ...args: unknown[]) => {
      if (!isinstance(self, t)) {
        // A slot wrapper (`int.__add__`) words it differently from a method (`str.upper`).
        throw new PyTypeError(
          isDunder(name)
            ? `descriptor '${name}' requires a '${typeName_}' object but received a '${typeName(self)}'`
            : `descriptor '${name}' for '${typeName_}' objects doesn't apply to a '${typeName(self)}' object`,
        );
      }
      // A bool receiver of an int method uses its int value.
      const impl = typeof self === "boolean" ? (numberMethods(self)[name] ?? m) : m;
      // A str subclass's instance (`str.upper(self)` in its own `upper`) is its str value.
      if (t === builtins.str && typeof self === "object")
        return impl(strBase(self) ?? self, ...args);
      return impl(self, ...args);
    };
    const d = f as unknown as Record<string, unknown>;
    d.__name__ = name;
    d.__qualname__ = `${(t as unknown as { __name__: string }).__name__}.${name}`;
    d.__objclass__ = t;
    cache.set(name, markBuiltin(f, "descriptor"));
  }
  return f;
}

/** The class whose prototype defines `obj`'s method `name` (looking from `start` when given). */
function methodOwner(obj: unknown, name: string, start?: object): Function | undefined {
  let proto = start ?? Object.getPrototypeOf(obj);
  while (proto !== null && !Object.hasOwn(proto, name)) proto = Object.getPrototypeOf(proto);
  return proto?.constructor;
}

/** The `__qualname__` of a method: its own, else `DefiningClass.name`. */
function methodQualname(owner: Function | undefined, name: string, fn: unknown): string {
  const own = (fn as { __qualname__?: unknown }).__qualname__;
  if (typeof own === "string") return own;
  return owner ? `${classQualname(owner)}.${name}` : name;
}

/**
 * Give a bound method what Python's bound methods have: `__self__`, `__func__`, `__name__` and
 * `__qualname__` (asyncio's callback reprs and scheduling traces read them), keeping the marks the
 * function carries (such as asyncio's "internal" mark).
 */
function describeBound(
  bound: Function,
  self: unknown,
  name: string,
  qualname: string,
  func: unknown,
): Function {
  const b = bound as unknown as Record<string | symbol, unknown>;
  b.__self__ = self;
  b.__func__ = func;
  b.__name__ = name;
  b.__qualname__ = qualname;
  for (const sym of Object.getOwnPropertySymbols(func as object)) {
    b[sym] = (func as Record<symbol, unknown>)[sym];
  }
  return bound;
}

/** A class method bound to `cls`: `__self__` is the class, `__func__` the method. */
function boundClassMethod(cls: Function, name: string, m: unknown): Function {
  const own = (m as { __name__?: unknown }).__name__;
  return describeBound(
    (m as Function).bind(cls),
    cls,
    typeof own === "string" ? own : name,
    methodQualname(cls, name, m),
    m,
  );
}

/** `getattr(obj, name[, default])`; AttributeError as CPython words it. */
export function getattr(obj: unknown, name: string, ...dflt: unknown[]): unknown {
  // The common case first: an instance's own attribute (what CPython keeps in its `__dict__`),
  // which the general lookup below would also return as it is.
  if (
    typeof obj === "object" &&
    obj !== null &&
    Object.hasOwn(obj, name) &&
    !Array.isArray(obj) &&
    // (The special names all start with "_": most names skip the Set lookup.)
    (name.charCodeAt(0) !== 95 || !SPECIAL_OWN.has(name)) &&
    !(name === "name" && obj instanceof BaseException)
  ) {
    const v = (obj as Record<string, unknown>)[name];
    if (v !== undefined) return v;
  }
  if (dflt.length === 0) {
    const v = findAttr(obj, name);
    if (v === MISSING) throw noAttribute(obj, name);
    return v;
  }
  // With a default, an AttributeError from anywhere (a property getter, `__getattr__`) gives the
  // default; a plain miss makes no exception at all.
  try {
    const v = findAttr(obj, name);
    return v === MISSING ? dflt[0] : v;
  } catch (e) {
    if (e instanceof AttributeError) return dflt[0];
    throw e;
  }
}

/** Names `lookupAttr` answers itself even when the object has an own property of that name. */
const SPECIAL_OWN = new Set(["__class__", "__dict__", "__doc__", "__name__"]);

/**
 * The attribute as `getattr` finds it (then the instance's `__getattr__`), or MISSING without
 * making the AttributeError (an exception costs a JS stack capture).
 */
function findAttr(obj: unknown, name: string): unknown {
  let v: unknown;
  try {
    v = lookupAttr(obj, name);
  } catch (e) {
    // CPython's slot_tp_getattr_hook: an AttributeError out of the lookup (a property getter's)
    // also falls back to the class's `__getattr__`.
    if (!(e instanceof AttributeError) || getattrHook(obj) === null) throw e;
    v = MISSING;
  }
  if (v !== MISSING) return v;
  const ga = getattrHook(obj);
  return ga === null ? MISSING : ga.call(obj, name);
}

/** The instance's `__getattr__` method, if its class defines one. */
function getattrHook(obj: unknown): Function | null {
  if (obj === null || typeof obj !== "object") return null;
  const ga = (obj as { __getattr__?: unknown }).__getattr__;
  return typeof ga === "function" ? ga : null;
}

/** `object.__getattribute__(obj, name)`: the lookup without the class's `__getattr__`. */
export function objectGetattribute(obj: unknown, name: string): unknown {
  checkAttrName(name);
  const v = lookupAttr(obj, name);
  if (v === MISSING) throw noAttribute(obj, name);
  return v;
}

/** `hasattr(obj, name)`. */
export function hasattr(obj: unknown, name: string): boolean {
  try {
    return findAttr(obj, name) !== MISSING;
  } catch (e) {
    if (e instanceof AttributeError) return false;
    throw e;
  }
}

/** The instance's class defines `name` (`__setattr__`, `__delattr__`) as a method. */
function hook(obj: unknown, name: string): Function | null {
  if (obj === null || typeof obj !== "object") return null;
  const f = (obj as Record<string, unknown>)[name];
  return typeof f === "function" ? f : null;
}

function noDictFor(obj: unknown, name: string): AttributeError {
  return new AttributeError(
    `'${typeName(obj)}' object has no attribute '${name}' and no __dict__ for setting new attributes`,
  );
}

/** Marks the setter of a frozen dataclass field (stdlib/dataclasses.ts). */
const FROZEN_FIELD = Symbol.for("asyncio-ts.frozen-field");

function checkAttrName(name: unknown): void {
  if (typeof name !== "string")
    throw new PyTypeError(`attribute name must be string, not '${typeName(name)}'`);
}

/**
 * `setattr(obj, name, value)` and `obj.name = value` in a program where some class defines
 * `__setattr__`: the class's `__setattr__` when it has one, else the plain store
 * (`objectSetattr`).
 */
export function setattr(obj: unknown, name: string, value: unknown): void {
  // (See lookupAttr: JS's own properties of every object.)
  if (name === "constructor" || name === "__proto__" || name === "prototype")
    throw new NotImplementedError(
      `setting an attribute named '${name}' is not supported by asyncio-ts (JS reserves it)`,
    );
  if (obj !== null && typeof obj === "object") {
    const sa = (obj as { __setattr__?: unknown }).__setattr__;
    if (typeof sa === "function") {
      checkAttrName(name);
      sa.call(obj, name, value);
      return;
    }
    // The common case, kept cheap: a frozen dataclass instance always has a `__setattr__`, so
    // there is no frozen field to look for here (`objectSetattr` does).
    if (
      typeof name === "string" &&
      name !== "__class__" &&
      (!Array.isArray(obj) || obj instanceof ListSubclassBase)
    ) {
      (obj as Record<string, unknown>)[name] = value;
      return;
    }
  }
  objectSetattr(obj, name, value);
}

/**
 * `object.__setattr__(obj, name, value)` (also `super().__setattr__(name, value)` ending at
 * `object`): the store without the class's `__setattr__`. A property's setter runs (its
 * accessor is on the prototype); a frozen dataclass field (an accessor of the instance's own) is
 * replaced, as CPython's `object.__setattr__` writes the instance dict under a frozen class.
 */
export function objectSetattr(obj: unknown, name: string, value: unknown): null {
  checkAttrName(name);
  if (name === "__class__" && typeof obj !== "function") return setClass(obj, value);
  if (
    obj === null ||
    (typeof obj !== "object" && typeof obj !== "function") ||
    (Array.isArray(obj) && !(obj instanceof ListSubclassBase))
  )
    throw noDictFor(obj, name);
  const own = Object.getOwnPropertyDescriptor(obj, name);
  if (own?.set !== undefined && (own.set as { [FROZEN_FIELD]?: boolean })[FROZEN_FIELD] === true) {
    defineOwnAttr(obj, name, value);
    return null;
  }
  (obj as Record<string, unknown>)[name] = value;
  // `C.h = helper` after the class body: instances see it as they see the body's attributes.
  if (typeof obj === "function" && isPyclass(obj) && !CLASS_OWN_NAMES.has(name))
    classAttributeView(obj, name, value);
  return null;
}

/**
 * `obj.__class__ = cls` (`object.__class__`'s setter): between classes of the program whose
 * instances have the same layout (CPython's `compatible_for_assignment`: the same builtin base
 * and the same `__slots__`); the instance's prototype becomes the class's.
 */
function setClass(obj: unknown, cls: unknown): null {
  if (!isClass(cls))
    throw new PyTypeError(`__class__ must be set to a class, not '${typeName(cls)}' object`);
  const old = typeOf(obj);
  if (!isPyclass(cls) || !isPyclass(old) || typeof obj !== "object" || obj === null)
    throw new PyTypeError(
      "__class__ assignment only supported for mutable types or ModuleType subclasses",
    );
  if (!sameLayout(old, cls as Function))
    throw new PyTypeError(
      `__class__ assignment: '${className(cls)}' object layout differs from '${className(old)}'`,
    );
  Object.setPrototypeOf(obj, (cls as Function).prototype as object);
  return null;
}

/** Do instances of the program's classes `a` and `b` have one layout (`setClass`)? */
function sameLayout(a: Function, b: Function): boolean {
  // The builtin base the instances are made by: the last runtime class of the MRO (`object`
  // and the runtime's classes of object layout aside).
  const base = (c: Function): unknown => {
    const { ABC } = require("./stdlib/abc") as typeof import("./stdlib/abc");
    const runtime = mro(c).filter((k) => !isPyclass(k) && k !== builtins.object && k !== ABC);
    return runtime[runtime.length - 1];
  };
  // Whether the instances have a `__dict__`, and the slots of the classes.
  const slots = (c: Function): string => {
    let dict = false;
    const names: string[] = [];
    for (const k of mro(c)) {
      if (!isPyclass(k)) continue;
      if (!Object.hasOwn(k, "__slots__")) {
        dict = true;
        continue;
      }
      const decl = (k as { __slots__?: unknown }).__slots__;
      for (const n of typeof decl === "string" ? [decl] : iter(decl))
        if (n === "__dict__") dict = true;
        else if (n !== "__weakref__") names.push(String(n));
    }
    return `${dict}:${names.sort().join(",")}`;
  };
  return base(a) === base(b) && slots(a) === slots(b);
}

/** A class's own names that are not class attributes its instances see. */
const CLASS_OWN_NAMES = new Set(["prototype", "__name__", "__qualname__", "__module__", "__doc__"]);

/**
 * Does a function held as a class attribute bind to the instance it is read through? A Python
 * function or a method descriptor does (`h = helper`, `__hash__ = object.__hash__`); a builtin
 * function (`ln = len`), a bound method or a class does not.
 */
function bindsToInstance(f: Function): boolean {
  if (isClass(f)) return false;
  const kind = className(functionType(f));
  return kind === "function" || kind === "method_descriptor" || kind === "_lru_cache_wrapper";
}

/** The prototype methods `classAttributeView` makes for class attributes holding functions. */
const classAttributeMethods = new WeakSet<Function>();

/**
 * What instances of a transpiled class see of its class attribute `key` (JS statics are not
 * read through instances): for a function that binds, a method of the prototype calling the
 * class's current value with the instance first; for anything else, a getter reading the
 * instance's class's value (a subclass's own wins), which a store on the instance shadows.
 * `pyclass` makes these for the class body's attributes, `setattr` for a class's later ones.
 */
export function classAttributeView(cls: Function, key: string, value: unknown): void {
  if (installUserDescriptor(cls, key, value)) return;
  const proto = cls.prototype as object;
  if (typeof value === "function" && bindsToInstance(value)) {
    const method = function (this: object, ...args: unknown[]) {
      return call((this.constructor as unknown as Record<string, unknown>)[key], this, ...args);
    };
    for (const k of ["__name__", "__qualname__"]) {
      const v = getattr(value, k, key);
      Object.defineProperty(method, k, { value: v, configurable: true, writable: true });
    }
    classAttributeMethods.add(method);
    Object.defineProperty(proto, key, { configurable: true, writable: true, value: method });
    return;
  }
  const held = Object.getOwnPropertyDescriptor(proto, key);
  if (held?.get !== undefined && isForwarder(held.get)) return;
  const get = function (this: object) {
    // Through the instance's own class, so a subclass's class attribute wins.
    if (key === "name" || key === "length") return ownClassAttr(this.constructor, key);
    return (this.constructor as unknown as Record<string, unknown>)[key];
  };
  registerForwarder(get);
  Object.defineProperty(proto, key, {
    configurable: true,
    get,
    set(this: object, v: unknown) {
      defineOwnAttr(this, key, v);
    },
  });
}

/**
 * `obj.__dict__[name] = value`: a store into the instance's namespace, bypassing both the
 * class's `__setattr__` and a property of that name (the generated code for `x.__dict__[k] = v`;
 * `obj.__dict__` read as a value is `vars(obj)`).
 */
export function dictStore(obj: unknown, name: unknown, value: unknown): void {
  if (obj === null || typeof obj !== "object") {
    setitem(getattr(obj, "__dict__"), name, value);
    return;
  }
  checkAttrName(name);
  storeOwn(obj, name as string, value);
}

/**
 * A store into the instance's namespace: an own property, or, under a data descriptor of the
 * class (which an own property would hide), the descriptor's stored value (descriptors.ts).
 */
function storeOwn(obj: object, name: string, value: unknown): void {
  if (dataDescriptorCovers(obj, name)) storeValue(obj, name, value);
  else defineOwnAttr(obj, name, value);
}

/** `del obj.__dict__[name]`: KeyError when the instance has no attribute `name`. */
export function dictDelete(obj: unknown, name: unknown): void {
  if (obj === null || typeof obj !== "object") {
    delitem(getattr(obj, "__dict__"), name);
    return;
  }
  if (typeof name === "string" && dropValue(obj, name)) return;
  if (typeof name !== "string" || !Object.hasOwn(obj, name)) throw new KeyError(name);
  delete (obj as Record<string, unknown>)[name];
}

/** `delattr(obj, name)` / `del obj.name`: the class's `__delattr__`, else `objectDelattr`. */
export function delattr(obj: unknown, name: string): void {
  const da = hook(obj, "__delattr__");
  if (da !== null) {
    checkAttrName(name);
    da.call(obj, name);
    return;
  }
  objectDelattr(obj, name);
}

/** `object.__delattr__(obj, name)`: removes the attribute; a property's deleter runs. */
export function objectDelattr(obj: unknown, name: string): null {
  checkAttrName(name);
  if (
    obj === null ||
    (typeof obj !== "object" && typeof obj !== "function") ||
    !(name in (obj as object))
  ) {
    throw noAttribute(obj, name);
  }
  if (!Object.hasOwn(obj as object, name)) {
    // A property's accessor: its deleter (descriptors.ts).
    if (deleteDescriptor(obj as object, name)) return null;
    throw noAttribute(obj, name);
  }
  // An enum member (stdlib/enum.ts): its setter carries the deletion's error.
  const setter = Object.getOwnPropertyDescriptor(obj, name)?.set as unknown;
  const refuse = (setter as Record<symbol, unknown> | undefined)?.[REFUSE_DELETE];
  if (typeof refuse === "function") refuse();
  delete (obj as Record<string, unknown>)[name];
  return null;
}

/** On an accessor's setter: a function throwing the error `del obj.name` raises. */
const REFUSE_DELETE = Symbol.for("asyncio-ts.refuse-delete");

type InstanceDictClass = new (obj: object) => Dict;
let InstanceDict: InstanceDictClass | null = null;

/**
 * The class of `obj.__dict__` / `vars(obj)`: a dict of the instance's attributes when it is read,
 * whose changes (`d[k] = v`, `del d[k]`, `update`, `pop`, `setdefault`, `clear`, `|=`) are also
 * made to the instance, so `self.__dict__.update(kw)` sets attributes as in CPython. Attributes
 * set on the instance afterwards are not seen by a view read before. `type()` of it is `dict`.
 * Made on first use: it extends the runtime's Dict (dict.ts), which must be loaded by then.
 */
function instanceDictClass(): InstanceDictClass {
  if (InstanceDict !== null) return InstanceDict;
  const store = (obj: object, k: unknown, v: unknown) => {
    if (typeof k === "string") storeOwn(obj, k, v);
  };
  const drop = (obj: object, k: unknown) => {
    if (typeof k === "string" && !dropValue(obj, k)) delete (obj as Record<string, unknown>)[k];
  };
  const C = class extends Dict {
    declare readonly owner: object;
    private syncAll(): void {
      for (const [k, v] of this.entries()) store(this.owner, k, v);
    }
    override __setitem__(k: unknown, v: unknown): void {
      super.__setitem__(k, v);
      store(this.owner, k, v);
    }
    override __delitem__(k: unknown): void {
      super.__delitem__(k);
      drop(this.owner, k);
    }
    override setdefault(k: unknown, d: unknown = null): unknown {
      const v = super.setdefault(k, d);
      store(this.owner, k, v);
      return v;
    }
    override pop(k: unknown, ...d: [unknown?]): unknown {
      const had = this.__contains__(k);
      const v = super.pop(k, ...d);
      if (had) drop(this.owner, k);
      return v;
    }
    override popitem(): Tuple {
      const t = super.popitem();
      drop(this.owner, t.items[0]);
      return t;
    }
    override clear(): void {
      for (const k of [...this.keys()]) drop(this.owner, k);
      super.clear();
    }
    override update(other?: unknown, kwargs?: Record<string, unknown> | Kw): void {
      super.update(other, kwargs);
      this.syncAll();
    }
    override __ior__(other: unknown): this {
      super.__ior__(other);
      this.syncAll();
      return this;
    }
  };
  Object.defineProperty(C.prototype, "constructor", { value: Dict, configurable: true });
  InstanceDict = function (this: unknown, obj: object) {
    const d = new C();
    Object.defineProperty(d, "owner", { value: obj });
    return d;
  } as unknown as InstanceDictClass;
  return InstanceDict;
}

/** `vars(obj)` / `obj.__dict__`: the instance attributes, as a view (see `instanceDictClass`). */
export function vars(obj: unknown): Dict {
  // A class's `__dict__`: its own attributes (lookupAttr).
  if (typeof obj === "function" && isClass(obj)) return lookupAttr(obj, "__dict__") as Dict;
  if (
    obj === null ||
    typeof obj !== "object" ||
    (Array.isArray(obj) && !(obj instanceof ListSubclassBase)) ||
    !hasDict(obj)
  ) {
    throw new PyTypeError("vars() argument must have __dict__ attribute");
  }
  const d = new (instanceDictClass())(obj);
  // The instance attributes of a list or dict subclass's instance, not the array's indices or
  // the runtime Dict's own fields.
  const skip = Array.isArray(obj) ? INDEX_KEY : obj instanceof Dict ? DICT_FIELDS : null;
  // An exception's runtime fields (its chain, traceback state; `__notes__` until add_note).
  const exc = obj instanceof BaseException;
  // The values of `__slots__` are not in the instance's `__dict__`.
  const slots = new Set<unknown>();
  for (let c = (obj as { constructor?: unknown }).constructor; typeof c === "function"; ) {
    if (Object.hasOwn(c, "__slots__")) {
      const decl = (c as { __slots__?: unknown }).__slots__;
      for (const n of typeof decl === "string" ? [decl] : iter(decl)) slots.add(n);
    }
    c = Object.getPrototypeOf(c) as unknown;
  }
  for (const k of Object.keys(obj)) {
    if (skip !== null && (skip instanceof RegExp ? skip.test(k) : skip.has(k))) continue;
    if (slots.has(k)) continue;
    if (exc && EXCEPTION_FIELDS.has(k)) continue;
    const v = (obj as Record<string, unknown>)[k];
    // Not bound: a module's global declared and not bound (yet), `__notes__` before add_note.
    if (v !== undefined) storeItem(d, k, v);
  }
  for (const [k, v] of storedValuesOf(obj)) storeItem(d, k, v);
  return d;
}

/**
 * `locals()` and `vars()` in a function: a new dict of its variables bound now (codegen/lower/
 * calls.ts passes them all, in CPython's order; undefined is not bound), as CPython 3.13's
 * snapshot.
 */
export function localsDict(variables: Record<string, unknown>): Dict {
  const d = new Dict();
  for (const k of Object.keys(variables)) {
    const v = variables[k];
    if (v !== undefined) d.__setitem__(k, v);
  }
  return d;
}

/** `dir()` in a function: the sorted names of its variables bound now. */
export function localNames(variables: Record<string, unknown>): string[] {
  return Object.keys(variables)
    .filter((k) => variables[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** False for an instance of a class whose `__slots__` (all along its bases) leave out `__dict__`. */
function hasDict(obj: object): boolean {
  const ctor = (obj as { constructor?: unknown }).constructor;
  if (typeof ctor !== "function" || !Object.hasOwn(ctor, "__slots__")) return true;
  // lang.ts imports this module: loaded here, at call time.
  const { slotNames } = require("./lang") as typeof import("./lang");
  const slots = slotNames(ctor);
  return slots === null || slots.has("__dict__");
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;
const DICT_FIELDS = new Set(["map", "eqIndex"]);

/** `obj.name(*args)` for any receiver: builtin types use their method tables. */
/**
 * `gen.throw(value)` / the legacy `gen.throw(type[, value[, tb]])` with Python's result: the next
 * value the generator yields (StopIteration with its return value when it finishes instead). JS's
 * own `throw` returns an iterator result; `$py.callMethod(g, "throw", ...)` comes here.
 */
export function genThrow(gen: Generator, typ: unknown, val: unknown = null): unknown {
  let exc: unknown = typ;
  if (
    typeof typ === "function" &&
    (typ === BaseException || typ.prototype instanceof BaseException)
  ) {
    const cls = typ as new (...args: unknown[]) => BaseException;
    exc = val instanceof cls ? val : val === null ? new cls() : new cls(val);
  } else if (!(typ instanceof BaseException)) {
    throw new PyTypeError(
      `exceptions must be classes or instances deriving from BaseException, not ${typeName(typ)}`,
    );
  } else if (val !== null) {
    throw new PyTypeError("instance exception may not have a separate value");
  }
  _coro_check_reuse(gen);
  const r = gen.throw(exc);
  if (r.done) throw stopIteration(r.value);
  return r.value;
}

const JS_GENERATOR_THROW = (Object.getPrototypeOf(function* () {}.prototype) as Generator).throw;

export function callMethod(obj: unknown, name: string, ...args: unknown[]): unknown {
  const table = builtinMethodTable(obj);
  if (table !== undefined) {
    const m = table[name];
    if (typeof m === "function") {
      // Direct calls for the usual arities: cheaper than spreading the arguments.
      switch (args.length) {
        case 0:
          return m(obj);
        case 1:
          return m(obj, args[0]);
        case 2:
          return m(obj, args[0], args[1]);
      }
      return m(obj, ...args);
    }
    return call(getattr(obj, name), ...args);
  }
  if (obj !== null && obj !== undefined) {
    const f = (obj as Record<string, unknown>)[name];
    if (
      typeof f === "function" &&
      !(OBJECT_PROTO_NAMES.has(name) && f === (Object.prototype as Record<string, unknown>)[name])
    ) {
      if (f === JS_GENERATOR_THROW) return genThrow(obj as Generator, args[0], args[1] ?? null);
      if (isClass(f)) return call(f, ...args);
      return (f as Function).apply(obj, args);
    }
    if (f !== undefined) return call(f, ...args);
  }
  return call(getattr(obj, name), ...args);
}

/** 0: a function; 1: a class (`new`); 2: a class of the program with `__new__` (`typeCall`). */
const constructable = new WeakMap<Function, 0 | 1 | 2>();

function callKind(f: Function): 0 | 1 | 2 {
  let v = constructable.get(f);
  if (v === undefined) {
    v = !/^class[\s{]/.test(Function.prototype.toString.call(f)) ? 0 : constructsViaNew(f) ? 2 : 1;
    constructable.set(f, v);
  }
  return v;
}

/** `f(*args)` for any callable: functions, classes (constructed with `new`), `__call__`. */
export function call(f: unknown, ...args: unknown[]): unknown {
  if (typeof f === "function") {
    const kind = callKind(f);
    if (kind === 1) return Reflect.construct(f, args);
    // `type.__call__`, whose `__new__` may give any value (mro.ts).
    if (kind === 2) return typeCall(f, args);
    return f(...args);
  }
  if (f !== null && typeof f === "object") {
    const c = (f as { __call__?: (...a: unknown[]) => unknown }).__call__;
    if (typeof c === "function") return c.apply(f, args);
  }
  throw new PyTypeError(`'${typeName(f)}' object is not callable`);
}

/** `callable(x)`. */
export function callable(x: unknown): boolean {
  if (typeof x === "function") return true;
  return (
    x !== null &&
    typeof x === "object" &&
    typeof (x as { __call__?: unknown }).__call__ === "function"
  );
}
