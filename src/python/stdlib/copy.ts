/**
 * Python's `copy`: `copy(x)` and `deepcopy(x, memo=None)`, with `__copy__`/`__deepcopy__`
 * hooks and a memo so shared and cyclic structures are copied once.
 *
 * Objects of program classes are copied as CPython's `__reduce_ex__` path does: a new object of
 * the same class (its constructor is not run) with the instance attributes copied.
 */

import { Range } from "../builtins";
import { ByteArray, Bytes } from "../bytes";
import { isTranspiledClass } from "../descriptors";
import { Dict } from "../dict";
import { Exception, TypeError as PyTypeError } from "../exceptions";
import { ListSubclassBase } from "../list";
import { classModule, classQualname, Ellipsis, id, NotImplemented } from "../objects";
import { call, callMethod, iter, Slice, setattr, setitem } from "../protocol";
import { FrozenSet, PySet, SetBase } from "../set";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";

/** `copy.Error`. */
export class Error extends Exception {
  static readonly __module__ = "copy";
}

/** Values `copy` and `deepcopy` return as they are (CPython's `_copy_atomic`/`_deepcopy_atomic`). */
function isAtomic(x: unknown): boolean {
  return (
    x === null ||
    x === undefined ||
    typeof x !== "object" ||
    x === Ellipsis ||
    x === NotImplemented ||
    (x instanceof FrozenSet && x.constructor === FrozenSet) ||
    (x instanceof Bytes && x.constructor === Bytes) ||
    (x instanceof Range && x.constructor === Range)
  );
}

/**
 * Objects of CPython's C types without pickling support: `__reduce_ex__(4)`, which `copy` and
 * `deepcopy` fall back on, raises "cannot pickle 'T' object" for them (T their `tp_name`).
 */
const UNPICKLABLE = new Set([
  "generator",
  "coroutine",
  "async_generator",
  "_asyncio.Future",
  "_asyncio.Task",
  "_thread.lock",
  "_thread.RLock",
  "module",
]);

/** The generator types: a runtime object's own generator (an itertools iterator's) is copied. */
const GENERATORS = new Set(["generator", "coroutine", "async_generator"]);

function refuseUnpicklable(x: object, internal = false): void {
  const cls = typeOf(x);
  let mod: string;
  let name: string;
  try {
    mod = classModule(cls);
    name = classQualname(cls);
  } catch {
    return;
  }
  const tpName = mod === "builtins" ? name : `${mod}.${name}`;
  if (internal && GENERATORS.has(tpName)) return;
  if (UNPICKLABLE.has(tpName)) throw new PyTypeError(`cannot pickle '${tpName}' object`);
}

/**
 * The arguments CPython's `__reduce_ex__(4)` gives for an instance of a program's subclass of
 * set, frozenset or bytearray (`(list(x),)`, `(bytes(x),)`), or null for any other object.
 * Such an object is copied as `copy._reconstruct` does: `cls(*args)` (the class's `__new__` and
 * `__init__` run), then its attributes.
 */
function reduceArgs(x: object): unknown[] | null {
  const ctor = x.constructor;
  if (x instanceof SetBase && ctor !== PySet && ctor !== FrozenSet) return [[...x]];
  if (x instanceof ByteArray && ctor !== ByteArray) return [new Bytes(x.data.slice())];
  return null;
}

function reconstruct(
  x: object,
  args: unknown[],
  each: (v: unknown) => unknown,
  memo?: Map<unknown, unknown>,
): object {
  const y = call(x.constructor, ...(each(args) as unknown[])) as Record<string, unknown>;
  memo?.set(x, y);
  for (const k of Object.keys(x)) y[k] = each((x as Record<string, unknown>)[k]);
  return y;
}

/** `copy.copy(x)`: a shallow copy. */
export function copy(x: unknown): unknown {
  if (isAtomic(x) || (x instanceof Tuple && x.constructor === Tuple)) return x;
  if (x instanceof Slice && x.constructor === Slice) return x;
  if (Array.isArray(x) && !(x instanceof ListSubclassBase)) return x.slice();
  const hook = (x as { __copy__?: () => unknown }).__copy__;
  if (typeof hook === "function") return hook.call(x);
  const args = reduceArgs(x as object);
  if (args !== null) return reconstruct(x as object, args, (v) => v);
  if (x instanceof ListSubclassBase) return cloneList(x, (v) => v);
  // A tuple subclass's instance (a namedtuple) is made again, as `__reduce_ex__` does.
  if (x instanceof Tuple) return new (x.constructor as new (...a: unknown[]) => Tuple)(...x.items);
  const ctor = (x as object).constructor;
  if (ctor === Dict) return (x as Dict).copy();
  if (x instanceof PySet && ctor === PySet) return (x as unknown as { copy: () => unknown }).copy();
  refuseUnpicklable(x as object);
  if (isTranspiledClass(typeOf(x))) {
    const y = viaProtocol(x as Obj, (v) => v);
    if (y !== NO_PROTOCOL) return y;
  }
  return cloneObject(x as object, (v) => v);
}

type Obj = Record<string, unknown>;
const NO_PROTOCOL: unique symbol = Symbol("no pickling protocol");

/**
 * A program object whose class defines `__reduce_ex__`/`__reduce__` or `__getstate__`/
 * `__setstate__`, copied through them as CPython's `copy._reconstruct` does (`each` copies the
 * parts: itself for `copy`, `deepcopy` for `deepcopy`); `NO_PROTOCOL` for other objects.
 */
function viaProtocol(x: Obj, each: (v: unknown) => unknown, memo?: Map<unknown, unknown>): unknown {
  const reduceEx = x.__reduce_ex__;
  const reduce = x.__reduce__;
  if (typeof reduceEx === "function" || typeof reduce === "function") {
    const rv = typeof reduceEx === "function" ? reduceEx.call(x, 4n) : (reduce as Function).call(x);
    if (typeof rv === "string") return x;
    if (!(rv instanceof Tuple) || rv.items.length < 2 || rv.items.length > 5)
      throw new Error(`__reduce__ must return a string or tuple, not ${typeName(rv)}`);
    const [func, args, state, listitems, dictitems] = rv.items;
    const argv = [...iter(each(args))];
    const y = call(func, ...argv) as Obj;
    memo?.set(x, y);
    if (state !== undefined && state !== null) setState(y, each(state));
    if (listitems !== undefined && listitems !== null)
      for (const v of iter(listitems)) callMethod(y, "append", each(v));
    if (dictitems !== undefined && dictitems !== null)
      for (const kv of iter(dictitems)) {
        const [k, v] = [...iter(kv)];
        setitem(y, each(k), each(v));
      }
    return y;
  }
  const getState = x.__getstate__;
  if (typeof getState !== "function" && typeof x.__setstate__ !== "function") return NO_PROTOCOL;
  const y = Object.create(Object.getPrototypeOf(x)) as Obj;
  memo?.set(x, y);
  const state =
    typeof getState === "function"
      ? getState.call(x)
      : new Dict(Object.keys(x).map((k) => [k, x[k]]));
  if (state !== null && !(state instanceof Dict && state.size === 0)) setState(y, each(state));
  return y;
}

/** `copy._reconstruct`'s state step: `__setstate__`, else the `__dict__` (and slots) updated. */
function setState(y: Obj, state: unknown): void {
  if (typeof y.__setstate__ === "function") {
    (y.__setstate__ as Function).call(y, state);
    return;
  }
  let slots: unknown = null;
  let dict = state;
  if (state instanceof Tuple && state.items.length === 2) [dict, slots] = state.items;
  for (const part of [dict, slots])
    if (part instanceof Dict) for (const [k, v] of part.entries()) setattr(y, k as string, v);
}

/**
 * A copy of a list subclass's instance as `copy._reconstruct` makes it: a new instance (its
 * constructor not run), the instance attributes, then each item added with `append`, which a
 * subclass may override.
 */
function cloneList(
  x: ListSubclassBase,
  each: (v: unknown) => unknown,
  memo?: Map<unknown, unknown>,
) {
  const n = Reflect.construct(Array, [], x.constructor) as ListSubclassBase;
  memo?.set(x, n);
  for (const k of Object.keys(x))
    if (!/^(?:0|[1-9]\d*)$/.test(k))
      (n as unknown as Record<string, unknown>)[k] = each(
        (x as unknown as Record<string, unknown>)[k],
      );
  for (const v of Array.prototype.slice.call(x)) callMethod(n, "append", each(v));
  return n;
}

function cloneObject(
  x: object,
  each: (v: unknown) => unknown,
  memo?: Map<unknown, unknown>,
): object {
  const n = Object.create(Object.getPrototypeOf(x)) as Record<string, unknown>;
  memo?.set(x, n);
  if (x instanceof Dict) {
    for (const k of Object.keys(x)) {
      if (k === "map" || k === "eqIndex") continue;
      n[k] = each((x as unknown as Record<string, unknown>)[k]);
    }
    n.map = new Map();
    n.eqIndex = null;
    for (const [k, v] of x.entries()) (n as unknown as Dict).__setitem__(each(k), each(v));
    return n;
  }
  for (const k of Object.keys(x)) n[k] = each((x as Record<string, unknown>)[k]);
  return n;
}

/** `copy.deepcopy(x, memo=None)`. */
export function deepcopy(x: unknown, memo: unknown = null): unknown {
  const m = memo instanceof Dict ? dictMemo(memo) : new Map<unknown, unknown>();
  return deep(x, m);
}

function dictMemo(d: Dict): Map<unknown, unknown> {
  return new Map([...d.entries()]);
}

/** `internal`: `x` is a field of an object of the runtime's own classes. */
function deep(x: unknown, memo: Map<unknown, unknown>, internal = false): unknown {
  if (isAtomic(x)) return x;
  if (memo.has(x)) return memo.get(x);
  const rec = (v: unknown) => deep(v, memo);
  if (Array.isArray(x) && !(x instanceof ListSubclassBase)) {
    const out: unknown[] = [];
    memo.set(x, out);
    for (const v of x) out.push(rec(v));
    return out;
  }
  const hook = (x as { __deepcopy__?: (memo: unknown) => unknown }).__deepcopy__;
  if (typeof hook === "function") {
    // CPython's memo maps id(original) -> copy (the originals need not be hashable)
    const r = hook.call(x, new Dict([...memo.entries()].map(([k, v]) => [id(k), v])));
    memo.set(x, r);
    return r;
  }
  if (x instanceof ListSubclassBase) return cloneList(x, rec, memo);
  const args = reduceArgs(x as object);
  if (args !== null) return reconstruct(x as object, args, rec, memo);
  if (x instanceof Tuple) {
    const items = x.items.map(rec);
    if (items.every((v, i) => v === x.items[i])) return x;
    if (x.constructor === Tuple) {
      const t = new Tuple(items);
      memo.set(x, t);
      return t;
    }
    const t = new (x.constructor as new (...a: unknown[]) => Tuple)(...items);
    memo.set(x, t);
    return t;
  }
  if (x instanceof PySet) {
    const s = new PySet();
    memo.set(x, s);
    for (const v of x as unknown as Iterable<unknown>)
      (s as unknown as { add: (v: unknown) => void }).add(rec(v));
    return s;
  }
  refuseUnpicklable(x as object, internal);
  const own = isTranspiledClass(typeOf(x));
  if (own) {
    const y = viaProtocol(x as Obj, rec, memo);
    if (y !== NO_PROTOCOL) return y;
  }
  return cloneObject(x as object, own ? rec : (v) => deep(v, memo, true), memo);
}

/** `copy.replace(obj, /, **changes)` (3.13): via `__replace__`. */
export function replace(obj: unknown, ...changes: unknown[]): unknown {
  const r = obj as {
    __replace__?: (...a: unknown[]) => unknown;
    _replace?: (...a: unknown[]) => unknown;
  } | null;
  if (typeof r?.__replace__ === "function") return r.__replace__(...changes);
  if (typeof r?._replace === "function") return r._replace(...changes);
  const { typeName } = require("../types") as { typeName: (x: unknown) => string };
  throw new (require("../exceptions").TypeError)(
    `replace() does not support ${typeName(obj)} objects`,
  );
}
