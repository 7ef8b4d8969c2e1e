/**
 * Python's `operator`: the operator functions (`add`, `mul`, `lt`, `not_`, `getitem`, ...) on the
 * runtime's Python semantics, and `itemgetter`, `attrgetter`, `methodcaller` with CPython's reprs
 * (`operator.itemgetter(1)`).
 */

import {
  is_,
  is_not,
  eq as pyEq,
  ge as pyGe,
  gt as pyGt,
  le as pyLe,
  lt as pyLt,
  ne as pyNe,
} from "../compare";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { Kw } from "../kw";
import { isInt, index as pyIndex, toBigInt } from "../numbers";
import { NotImplemented } from "../objects";
import * as ops from "../operators";
import {
  callMethod,
  getattr,
  lenOf,
  call as pyCall,
  contains as pyContains,
  delitem as pyDelitem,
  getitem as pyGetitem,
  setitem as pySetitem,
  truthy,
} from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { takeKw } from "./types";

export const add = (a: unknown, b: unknown) => ops.add(a, b);
export const sub = (a: unknown, b: unknown) => ops.sub(a, b);
export const mul = (a: unknown, b: unknown) => ops.mul(a, b);
export const truediv = (a: unknown, b: unknown) => ops.truediv(a, b);
export const floordiv = (a: unknown, b: unknown) => ops.floordiv(a, b);
export const mod = (a: unknown, b: unknown) => ops.mod(a, b);
export const pow = (a: unknown, b: unknown) => ops.pow(a, b);
export const matmul = (a: unknown, b: unknown) => ops.matmul(a, b);
export const lshift = (a: unknown, b: unknown) => ops.lshift(a, b);
export const rshift = (a: unknown, b: unknown) => ops.rshift(a, b);
export const and_ = (a: unknown, b: unknown) => ops.and_(a, b);
export const or_ = (a: unknown, b: unknown) => ops.or_(a, b);
export const xor = (a: unknown, b: unknown) => ops.xor(a, b);
export const neg = (a: unknown) => ops.neg(a);
export const pos = (a: unknown) => ops.pos(a);
export const invert = (a: unknown) => ops.invert(a);
export const inv = invert;
export const abs = (a: unknown) =>
  (require("../builtins") as { abs: (x: unknown) => unknown }).abs(a);
export const iadd = (a: unknown, b: unknown) => ops.inplace("+", a, b);
export const isub = (a: unknown, b: unknown) => ops.inplace("-", a, b);
export const imul = (a: unknown, b: unknown) => ops.inplace("*", a, b);
export const itruediv = (a: unknown, b: unknown) => ops.inplace("/", a, b);
export const ifloordiv = (a: unknown, b: unknown) => ops.inplace("//", a, b);
export const imod = (a: unknown, b: unknown) => ops.inplace("%", a, b);
export const ipow = (a: unknown, b: unknown) => ops.inplace("**", a, b);
export const imatmul = (a: unknown, b: unknown) => ops.inplace("@", a, b);
export const ilshift = (a: unknown, b: unknown) => ops.inplace("<<", a, b);
export const irshift = (a: unknown, b: unknown) => ops.inplace(">>", a, b);
export const iand = (a: unknown, b: unknown) => ops.inplace("&", a, b);
export const ior = (a: unknown, b: unknown) => ops.inplace("|", a, b);
export const ixor = (a: unknown, b: unknown) => ops.inplace("^", a, b);
/** `operator.iconcat(a, b)`: `a += b` for sequences. */
export const iconcat = (a: unknown, b: unknown) => {
  concat(a, b); // its TypeError for a non-sequence
  return ops.inplace("+", a, b);
};
/** `operator.call(obj, /, *args, **kwargs)`. */
export const call = (...args: unknown[]) => {
  if (args.length === 0 || (args.length === 1 && args[0] instanceof Kw))
    throw new PyTypeError("call expected at least 1 argument, got 0");
  return pyCall(args[0], ...args.slice(1));
};
export const concat = (a: unknown, b: unknown) => {
  if (typeof a !== "string" && !Array.isArray(a) && !(a instanceof Tuple)) {
    throw new PyTypeError(
      `'${(require("../types") as { typeName: (x: unknown) => string }).typeName(a)}' object can't be concatenated`,
    );
  }
  return ops.add(a, b);
};
export const eq = (a: unknown, b: unknown) => pyEq(a, b);
export const ne = (a: unknown, b: unknown) => pyNe(a, b);
export const lt = (a: unknown, b: unknown) => pyLt(a, b);
export const le = (a: unknown, b: unknown) => pyLe(a, b);
export const gt = (a: unknown, b: unknown) => pyGt(a, b);
export const ge = (a: unknown, b: unknown) => pyGe(a, b);
export const not_ = (a: unknown) => !truthy(a);
export const truth = (a: unknown) => truthy(a);
export { is_, is_not };
export const contains = (a: unknown, b: unknown) => pyContains(a, b);
export const getitem = (a: unknown, b: unknown) => pyGetitem(a, b);
export const setitem = (a: unknown, b: unknown, c: unknown) => {
  pySetitem(a, b, c);
  return null;
};
export const delitem = (a: unknown, b: unknown) => {
  pyDelitem(a, b);
  return null;
};
export const index = (a: unknown) => pyIndex(a);
/**
 * `operator.length_hint(obj, default=0)`: CPython's `PyObject_LengthHint`: `len(obj)`, else
 * `type(obj).__length_hint__(obj)` (NotImplemented or missing gives `default`). The runtime's
 * list, str and tuple iterators are JS iterators with no remaining count: they give `default`.
 */
export const length_hint = (a: unknown, d: unknown = 0n) => {
  if (!isInt(d))
    throw new PyTypeError(`'${typeName(d)}' object cannot be interpreted as an integer`);
  try {
    return BigInt(lenOf(a));
  } catch (e) {
    if (!(e instanceof PyTypeError)) throw e;
  }
  const hint = (a as { __length_hint__?: unknown } | null)?.__length_hint__;
  if (a === null || typeof a !== "object" || typeof hint !== "function") return d;
  const r = hint.call(a);
  if (r === NotImplemented) return d;
  if (!isInt(r)) throw new PyTypeError(`__length_hint__ must be an integer, not ${typeName(r)}`);
  if (toBigInt(r) < 0n) throw new ValueError("__length_hint__() should return >= 0");
  return toBigInt(r);
};
export const countOf = (a: unknown, b: unknown) => {
  let n = 0n;
  for (const x of (require("../protocol") as { iter: (x: unknown) => Iterable<unknown> }).iter(a))
    if (x === b || pyEq(x, b)) n++;
  return n;
};
export const indexOf = (a: unknown, b: unknown) => {
  let i = 0n;
  for (const x of (require("../protocol") as { iter: (x: unknown) => Iterable<unknown> }).iter(a)) {
    if (x === b || pyEq(x, b)) return i;
    i++;
  }
  throw new (require("../exceptions").ValueError)("sequence.index(x): x not in sequence");
};

function named<F extends Function>(fn: F, reprText: string): F {
  Object.defineProperty(fn, "__repr__", { value: () => reprText });
  return fn;
}

/** `operator.itemgetter(*items)`. */
export function itemgetter(...items: unknown[]): (obj: unknown) => unknown {
  if (items.length === 0) throw new PyTypeError("itemgetter expected 1 argument, got 0");
  const fn =
    items.length === 1
      ? (obj: unknown) => pyGetitem(obj, items[0])
      : (obj: unknown) => new Tuple(items.map((i) => pyGetitem(obj, i)));
  return named(fn, `operator.itemgetter(${items.map((i) => repr(i)).join(", ")})`);
}

function dotted(obj: unknown, name: string): unknown {
  let v = obj;
  for (const part of name.split(".")) v = getattr(v, part);
  return v;
}

/** `operator.attrgetter(*attrs)` (dotted names allowed). */
export function attrgetter(...attrs: unknown[]): (obj: unknown) => unknown {
  if (attrs.length === 0) throw new PyTypeError("attrgetter expected 1 argument, got 0");
  for (const a of attrs)
    if (typeof a !== "string") throw new PyTypeError("attribute name must be a string");
  const names = attrs as string[];
  const fn =
    names.length === 1
      ? (obj: unknown) => dotted(obj, names[0]!)
      : (obj: unknown) => new Tuple(names.map((n) => dotted(obj, n)));
  return named(fn, `operator.attrgetter(${names.map((n) => repr(n)).join(", ")})`);
}

/** `operator.methodcaller(name, /, *args, **kwargs)`. */
export function methodcaller(name: unknown, ...args: unknown[]): (obj: unknown) => unknown {
  if (typeof name !== "string") throw new PyTypeError("method name must be a string");
  const [pos, kws] = takeKw(args);
  const fn = (obj: unknown) => callMethod(obj, name, ...args);
  const parts = [
    repr(name),
    ...pos.map((a) => repr(a)),
    ...Object.entries(kws).map(([k, v]) => `${k}=${repr(v)}`),
  ];
  return named(fn, `operator.methodcaller(${parts.join(", ")})`);
}

export const __add__ = add;
export const __sub__ = sub;
export const __mul__ = mul;
export const __getitem__ = getitem;

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("_operator", [
  add,
  sub,
  mul,
  truediv,
  floordiv,
  mod,
  pow,
  matmul,
  lshift,
  rshift,
  and_,
  or_,
  xor,
  neg,
  pos,
  invert,
  abs,
  iadd,
  isub,
  imul,
  itruediv,
  ifloordiv,
  imod,
  ipow,
  imatmul,
  ilshift,
  irshift,
  iand,
  ior,
  ixor,
  iconcat,
  call,
  concat,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  not_,
  truth,
  contains,
  getitem,
  setitem,
  delitem,
  index,
  length_hint,
  countOf,
  indexOf,
]);
