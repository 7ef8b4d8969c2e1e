/**
 * Python's binary and unary operators for values whose types are not known statically:
 * `add(a, b)` is `a + b`, `iadd(a, b)` is `a += b` (returns the new value of `a`), etc.
 *
 * Numbers are handled directly (numbers.ts); str/list/tuple concatenation and repetition are
 * built in; everything else uses the dunder protocol: `a.__add__(b)`, then `b.__radd__(a)` on
 * `NotImplemented` (the reflected method first when b's class is a subclass of a's), then
 * CPython's TypeError (`unsupported operand type(s) for +: 'int' and 'str'`,
 * `can only concatenate str (not "int") to str`, ...).
 */

import { BytesLike } from "./bytes";
import { TypeError as PyTypeError, ValueError } from "./exceptions";
import { percentFormat } from "./format";
import {
  floatFloorDiv,
  floatMod,
  floatPow,
  floatTrueDiv,
  index,
  intFloorDiv,
  intMod,
  intPow,
  intTrueDiv,
  isInt,
  toBigInt,
  toFloat,
} from "./numbers";
import { NotImplemented } from "./objects";
import { iter } from "./protocol";
import { Tuple } from "./tuple";
import { typeName } from "./types";
import { UnionType, unionOr } from "./union";

type Num = bigint | number | boolean;

function isNum(x: unknown): x is Num {
  const t = typeof x;
  return t === "bigint" || t === "number" || t === "boolean";
}

function dunder(obj: unknown, name: string, arg: unknown): unknown {
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) return NotImplemented;
  const f = (obj as Record<string, unknown>)[name];
  if (typeof f !== "function") return NotImplemented;
  return f.call(obj, arg);
}

function rightFirst(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const ca = (a as object).constructor;
  const cb = (b as object).constructor;
  return ca !== cb && typeof ca === "function" && b instanceof ca;
}

/** Dunder dispatch for a binary operator; undefined-result means unsupported. */
function binaryDunder(a: unknown, b: unknown, name: string, rname: string): unknown {
  if (rightFirst(a, b)) {
    const r = dunder(b, rname, a);
    if (r !== NotImplemented) return r;
    return dunder(a, name, b);
  }
  const r = dunder(a, name, b);
  if (r !== NotImplemented) return r;
  if (typeof b === "object" && b !== null && a !== b) return dunder(b, rname, a);
  return NotImplemented;
}

function unsupported(sym: string, a: unknown, b: unknown): never {
  let message = `unsupported operand type(s) for ${sym}: '${typeName(a)}' and '${typeName(b)}'`;
  // Python 2's `print >> f, x` (valid syntax in Python 3: a tuple whose first item raises).
  if (
    sym === ">>" &&
    typeName(a) === "builtin_function_or_method" &&
    (a as { name?: unknown }).name === "print"
  )
    message += '. Did you mean "print(<message>, file=<output_stream>)"?';
  const e = new PyTypeError(message);
  // `inplace` names the augmented operator instead ("for +=:") when these were its operands.
  unsupportedOperands.set(e, [a, b]);
  throw e;
}
const unsupportedOperands = new WeakMap<object, [unknown, unknown]>();

function concatError(a: unknown, b: unknown): never {
  const t = typeName(a);
  throw new PyTypeError(`can only concatenate ${t} (not "${typeName(b)}") to ${t}`);
}

function repeatCount(n: bigint | boolean): number {
  const k = toBigInt(n);
  return k <= 0n ? 0 : Number(k);
}

function repeatSeq(seq: unknown, n: bigint | boolean): unknown {
  const k = repeatCount(n);
  if (typeof seq === "string") return seq.repeat(k);
  if (Array.isArray(seq)) {
    const out: unknown[] = [];
    for (let i = 0; i < k; i++) for (const x of seq) out.push(x);
    return out;
  }
  const items = (seq as Tuple).items;
  const out: unknown[] = [];
  for (let i = 0; i < k; i++) for (const x of items) out.push(x);
  return new Tuple(out);
}

function isSeq(x: unknown): boolean {
  return typeof x === "string" || Array.isArray(x) || x instanceof Tuple;
}

/** `a + b`. */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a + b;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (isNum(a) && isNum(b)) {
    if (typeof a === "number" || typeof b === "number") return toFloat(a) + toFloat(b);
    return toBigInt(a) + toBigInt(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  if (a instanceof Tuple && b instanceof Tuple && a.constructor === Tuple) {
    return new Tuple([...a.items, ...b.items]);
  }
  const r = binaryDunder(a, b, "__add__", "__radd__");
  if (r !== NotImplemented) return r;
  if (typeof a === "string" || Array.isArray(a) || a instanceof Tuple) concatError(a, b);
  if (a instanceof BytesLike)
    throw new PyTypeError(`can't concat ${typeName(b)} to ${typeName(a)}`);
  return unsupported("+", a, b);
}

/** `a - b`. */
export function sub(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a - b;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (isNum(a) && isNum(b)) {
    if (typeof a === "number" || typeof b === "number") return toFloat(a) - toFloat(b);
    return toBigInt(a) - toBigInt(b);
  }
  const r = binaryDunder(a, b, "__sub__", "__rsub__");
  if (r !== NotImplemented) return r;
  return unsupported("-", a, b);
}

/** `a * b`. */
export function mul(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a * b;
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (isNum(a) && isNum(b)) {
    if (typeof a === "number" || typeof b === "number") return toFloat(a) * toFloat(b);
    return toBigInt(a) * toBigInt(b);
  }
  if (isSeq(a) && isInt(b)) return repeatSeq(a, b);
  if (isSeq(b) && isInt(a)) return repeatSeq(b, a);
  const r = binaryDunder(a, b, "__mul__", "__rmul__");
  if (r !== NotImplemented) return r;
  if (isSeq(a) || isSeq(b)) {
    const other = isSeq(a) ? b : a;
    // Any object with `__index__` repeats a sequence (an int subclass, an IntEnum member).
    if (typeof (other as { __index__?: unknown } | null)?.__index__ === "function")
      return repeatSeq(isSeq(a) ? a : b, index(other));
    throw new PyTypeError(`can't multiply sequence by non-int of type '${typeName(other)}'`);
  }
  return unsupported("*", a, b);
}

/** `a / b`. */
export function truediv(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) {
    if (typeof a !== "number" && typeof b !== "number") return intTrueDiv(toBigInt(a), toBigInt(b));
    return floatTrueDiv(toFloat(a), toFloat(b));
  }
  const r = binaryDunder(a, b, "__truediv__", "__rtruediv__");
  if (r !== NotImplemented) return r;
  return unsupported("/", a, b);
}

/** `a // b`. */
export function floordiv(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return intFloorDiv(a, b);
  if (isNum(a) && isNum(b)) {
    if (typeof a !== "number" && typeof b !== "number")
      return intFloorDiv(toBigInt(a), toBigInt(b));
    return floatFloorDiv(toFloat(a), toFloat(b));
  }
  const r = binaryDunder(a, b, "__floordiv__", "__rfloordiv__");
  if (r !== NotImplemented) return r;
  return unsupported("//", a, b);
}

/** `a % b` (including `str % args`). */
export function mod(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return intMod(a, b);
  if (isNum(a) && isNum(b)) {
    if (typeof a !== "number" && typeof b !== "number") return intMod(toBigInt(a), toBigInt(b));
    return floatMod(toFloat(a), toFloat(b));
  }
  if (typeof a === "string") return percentFormat(a, b);
  const r = binaryDunder(a, b, "__mod__", "__rmod__");
  if (r !== NotImplemented) return r;
  return unsupported("%", a, b);
}

/** `a ** b` (two-argument pow). */
export function pow(a: unknown, b: unknown): unknown {
  if (isNum(a) && isNum(b)) {
    if (typeof a !== "number" && typeof b !== "number") return intPow(toBigInt(a), toBigInt(b));
    return floatPow(toFloat(a), toFloat(b));
  }
  const r = binaryDunder(a, b, "__pow__", "__rpow__");
  if (r !== NotImplemented) return r;
  return unsupported("** or pow()", a, b);
}

/** `a @ b`. */
export function matmul(a: unknown, b: unknown): unknown {
  const r = binaryDunder(a, b, "__matmul__", "__rmatmul__");
  if (r !== NotImplemented) return r;
  return unsupported("@", a, b);
}

function intBinary(
  a: unknown,
  b: unknown,
  sym: string,
  name: string,
  f: (x: bigint, y: bigint) => bigint,
  boolResult?: (x: boolean, y: boolean) => boolean,
): unknown {
  if (typeof a === "boolean" && typeof b === "boolean" && boolResult) return boolResult(a, b);
  if (isInt(a) && isInt(b)) return f(toBigInt(a), toBigInt(b));
  const r = binaryDunder(a, b, `__${name}__`, `__r${name}__`);
  if (r !== NotImplemented) return r;
  return unsupported(sym, a, b);
}

function shiftCount(n: bigint): bigint {
  if (n < 0n) {
    throw new ValueError("negative shift count");
  }
  return n;
}

/** `a << b`. */
export function lshift(a: unknown, b: unknown): unknown {
  return intBinary(a, b, "<<", "lshift", (x, y) => x << shiftCount(y));
}
/** `a >> b`. */
export function rshift(a: unknown, b: unknown): unknown {
  return intBinary(a, b, ">>", "rshift", (x, y) => x >> shiftCount(y));
}
/** `a & b`. */
export function and_(a: unknown, b: unknown): unknown {
  return intBinary(
    a,
    b,
    "&",
    "and",
    (x, y) => x & y,
    (x, y) => x && y,
  );
}
/** `a | b`. */
export function or_(a: unknown, b: unknown): unknown {
  // `int | None`: `type.__or__` makes a `types.UnionType` (union.ts).
  if (typeof a === "function" || typeof b === "function" || a instanceof UnionType) {
    const u = unionOr(a, b);
    if (u !== NotImplemented) return u;
  }
  return intBinary(
    a,
    b,
    "|",
    "or",
    (x, y) => x | y,
    (x, y) => x || y,
  );
}
/** `a ^ b`. */
export function xor(a: unknown, b: unknown): unknown {
  return intBinary(
    a,
    b,
    "^",
    "xor",
    (x, y) => x ^ y,
    (x, y) => x !== y,
  );
}

function unaryDunder(a: unknown, name: string, sym: string): unknown {
  if (typeof a === "object" && a !== null) {
    const f = (a as Record<string, unknown>)[name];
    if (typeof f === "function") return f.call(a);
  }
  throw new PyTypeError(`bad operand type for unary ${sym}: '${typeName(a)}'`);
}

/** `-a`. */
export function neg(a: unknown): unknown {
  if (typeof a === "bigint") return -a;
  if (typeof a === "number") return -a;
  if (typeof a === "boolean") return a ? -1n : 0n;
  return unaryDunder(a, "__neg__", "-");
}
/** `+a`. */
export function pos(a: unknown): unknown {
  if (typeof a === "bigint" || typeof a === "number") return a;
  if (typeof a === "boolean") return a ? 1n : 0n;
  return unaryDunder(a, "__pos__", "+");
}
/** `~a`. */
export function invert(a: unknown): unknown {
  if (isInt(a)) return ~toBigInt(a);
  return unaryDunder(a, "__invert__", "~");
}

const INPLACE: Record<string, [string, (a: unknown, b: unknown) => unknown]> = {
  "+": ["__iadd__", add],
  "-": ["__isub__", sub],
  "*": ["__imul__", mul],
  "/": ["__itruediv__", truediv],
  "//": ["__ifloordiv__", floordiv],
  "%": ["__imod__", mod],
  "**": ["__ipow__", pow],
  "@": ["__imatmul__", matmul],
  "<<": ["__ilshift__", lshift],
  ">>": ["__irshift__", rshift],
  "&": ["__iand__", and_],
  "|": ["__ior__", or_],
  "^": ["__ixor__", xor],
};

/**
 * `a op= b`: returns the value to store back into `a`. Lists extend in place for `+=` and
 * repeat in place for `*=`; objects use `__iadd__` etc. when defined.
 */
export function inplace(op: string, a: unknown, b: unknown): unknown {
  try {
    return inplaceOp(op, a, b);
  } catch (e) {
    // CPython's message for a failed `a op= b` names the augmented operator.
    const operands = e instanceof PyTypeError ? unsupportedOperands.get(e) : undefined;
    if (operands !== undefined && operands[0] === a && operands[1] === b) {
      throw new PyTypeError(
        `unsupported operand type(s) for ${op}=: '${typeName(a)}' and '${typeName(b)}'`,
      );
    }
    throw e;
  }
}

function inplaceOp(op: string, a: unknown, b: unknown): unknown {
  const entry = INPLACE[op];
  if (entry === undefined) throw new PyTypeError(`unknown in-place operator ${op}`);
  // ints and floats have no in-place methods: the binary operator
  if (typeof a === "bigint" || typeof a === "number") return entry[1](a, b);
  if (Array.isArray(a)) {
    if (op === "+") {
      const items = Array.isArray(b) ? b.slice() : [...iter(b)];
      for (const x of items) a.push(x);
      return a;
    }
    if (op === "*" && isInt(b)) {
      const copy = a.slice();
      const k = repeatCount(b);
      a.length = 0;
      for (let i = 0; i < k; i++) for (const x of copy) a.push(x);
      return a;
    }
  }
  if (typeof a === "object" && a !== null) {
    const f = (a as Record<string, unknown>)[entry[0]];
    if (typeof f === "function") {
      const r = f.call(a, b);
      if (r !== NotImplemented) return r;
    }
  }
  return entry[1](a, b);
}

/** `a += b`: ints, floats and strs at once (no in-place method, no try), the rest by `inplace`. */
export function iadd(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a + b;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  return inplace("+", a, b);
}

/** `a -= b`: as `iadd`, for the other everyday counter update. */
export function isub(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a - b;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return inplace("-", a, b);
}
