/**
 * Methods of int, bool and float values (`(255).bit_length()`, `(1.5).is_integer()`, ...), used
 * by `callMethod`/`getattr` on number receivers.
 */

import { Bytes, BytesLike, makeBytesData } from "./bytes";
import { OverflowError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { floatRepr } from "./floatfmt";
import { decomposeFloat } from "./hash";
import { Kw, splitKw } from "./kw";
import { floatToInt, index, isInt, NEGATIVE_NAN } from "./numbers";
import { truthy } from "./protocol";
import { Tuple } from "./tuple";
import { typeName } from "./types";

type Fn = (self: never, ...args: unknown[]) => unknown;

const intMethods: Record<string, Fn> = {
  bit_length: (n: bigint) => BigInt((n < 0n ? -n : n).toString(2).replace(/^0$/, "").length),
  bit_count: (n: bigint) =>
    BigInt([...(n < 0n ? -n : n).toString(2)].filter((c) => c === "1").length),
  conjugate: (n: bigint) => n,
  is_integer: () => true,
  as_integer_ratio: (n: bigint) => new Tuple([n, 1n]),
  __index__: (n: bigint) => n,
  __int__: (n: bigint) => n,
  __float__: (n: bigint) => Number(n),
  from_bytes: (_n: bigint, ...args: unknown[]) => fromBytes(args),
  to_bytes: (n: bigint, ...args: unknown[]) => {
    const [len, byteorder, signed] = bytesArgs("to_bytes", "length", args);
    const size = index(len ?? 1n);
    if (size < 0n) throw new ValueError("length argument must be non-negative");
    const nlen = Number(size);
    let v = n;
    if (v < 0n) {
      if (!signed) throw new OverflowError("can't convert negative int to unsigned");
      v += 1n << BigInt(8 * nlen);
      if (v < 0n) throw new OverflowError("int too big to convert");
    } else if (signed && nlen > 0 && v >= 1n << BigInt(8 * nlen - 1)) {
      throw new OverflowError("int too big to convert");
    }
    const out = new Uint8Array(nlen);
    for (let i = nlen - 1; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    if (v !== 0n || (signed && nlen === 0 && n !== 0n)) {
      throw new OverflowError("int too big to convert");
    }
    if (byteorder === "little") out.reverse();
    return new Bytes(out);
  },
};

const floatMethods: Record<string, Fn> = {
  is_integer: (x: number) => Number.isInteger(x),
  conjugate: (x: number) => x,
  __int__: (x: number) => floatToInt(x),
  __float__: (x: number) => x,
  as_integer_ratio: (x: number) => {
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) throw new ValueError("cannot convert NaN to integer ratio");
      throw new OverflowError("cannot convert Infinity to integer ratio");
    }
    if (x === 0) return new Tuple([0n, 1n]);
    let [m, e] = decomposeFloat(x);
    while (e < 0 && (m & 1n) === 0n) {
      m >>= 1n;
      e++;
    }
    return e >= 0 ? new Tuple([m << BigInt(e), 1n]) : new Tuple([m, 1n << BigInt(-e)]);
  },
  hex: (x: number) => floatHex(x),
  fromhex: (_x: number, ...args: unknown[]) => fromhex(...args),
  __repr__: (x: number) => floatRepr(x),
};

/** `float.hex()`: `0x1.<13 hex digits>p<exp>`, subnormals as `0x0.<13 hex digits>p-1022`. */
function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}0x0.0p+0`;
  // `mant * 2 ** e` with the implicit bit set for normal numbers (e = -1074 for subnormals).
  const [mant, e] = decomposeFloat(Math.abs(x));
  const lead = mant >> 52n;
  const exp = lead === 0n ? -1022 : e + 52;
  const frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, "0");
  return `${sign}0x${lead}.${frac}p${exp >= 0 ? "+" : ""}${exp}`;
}

/**
 * `float.fromhex(s)`: `[sign] ['0x'] digits ['.' digits] ['p' [sign] decimal]` (at least one
 * hex digit) or `inf`/`infinity`/`nan`, between ASCII whitespace, case-insensitive. The value
 * `digits * 2 ** exp` is rounded to the nearest double (ties to even), exactly, in BigInts.
 */
const HEX_FLOAT =
  /^[ \t\n\v\f\r]*([+-]?)(?:(inf|infinity|nan)|(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?)[ \t\n\v\f\r]*$/i;

/** `float.fromhex(string)`'s arguments checked, then `floatFromHex`. */
export function fromhex(...args: unknown[]): number {
  if (args[args.length - 1] instanceof Kw)
    throw new PyTypeError("float.fromhex() takes no keyword arguments");
  if (args.length !== 1)
    throw new PyTypeError(`float.fromhex() takes exactly one argument (${args.length} given)`);
  return floatFromHex(args[0]);
}

export function floatFromHex(s: unknown): number {
  if (typeof s !== "string") throw new PyTypeError("bad argument type for built-in operation");
  const m = HEX_FLOAT.exec(s);
  const whole = m?.[3] ?? "";
  const frac = m?.[4] ?? "";
  if (m === null || (m[2] === undefined && whole === "" && frac === ""))
    throw new ValueError("invalid hexadecimal floating-point string");
  const negative = m[1] === "-";
  if (m[2] !== undefined) {
    if (m[2].toLowerCase() === "nan") return negative ? NEGATIVE_NAN : Number.NaN;
    return negative ? -Infinity : Infinity;
  }
  const digits = BigInt(`0x${whole}${frac}`);
  const value =
    digits === 0n ? 0 : hexToDouble(digits, BigInt(m[5] ?? 0) - 4n * BigInt(frac.length));
  return negative ? -value : value;
}

/** `digits * 2 ** exp` (digits > 0) rounded to a double; OverflowError when too large. */
function hexToDouble(digits: bigint, exp: bigint): number {
  const top = BigInt(digits.toString(2).length) - 1n + exp; // the leading bit's exponent
  if (top > 1023n) throw new OverflowError("hexadecimal value too large to represent as a float");
  if (top < -1075n) return 0;
  // The exponent of the last bit kept: 53 bits, fewer for a subnormal result.
  const lsb = top - 52n > -1074n ? top - 52n : -1074n;
  const shift = lsb - exp;
  let q = digits;
  if (shift > 0n) {
    q = digits >> shift;
    const rest = digits - (q << shift);
    const half = 1n << (shift - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q++;
  } else q = digits << -shift;
  // q < 2 ** 54 and 2 ** lsb is a double, so the product is exact (or overflows when rounding
  // carried past the largest double).
  const value = Number(q) * 2 ** Number(lsb);
  if (value === Infinity)
    throw new OverflowError("hexadecimal value too large to represent as a float");
  return value;
}

/** The method table for a number receiver. */
export function numberMethods(x: unknown): Record<string, Function> {
  if (typeof x === "boolean") return boolMethods;
  return (typeof x === "number" ? floatMethods : intMethods) as Record<string, Function>;
}

/** int's methods for a bool receiver (`True.bit_length()` is `(1).bit_length()`). */
const boolMethods: Record<string, Function> = Object.fromEntries(
  Object.entries(intMethods).map(([name, f]) => [
    name,
    (self: unknown, ...args: unknown[]) =>
      (f as (...a: unknown[]) => unknown)(typeof self === "boolean" ? BigInt(self) : self, ...args),
  ]),
);
boolMethods.from_bytes = (_b: boolean, ...args: unknown[]) => fromBytes(args) !== 0n;

/**
 * `int.from_bytes(bytes, byteorder='big', *, signed=False)`'s int (the class method gives it to
 * the class it is called on: `bool.from_bytes` is a bool).
 */
export function fromBytes(args: unknown[]): bigint {
  const [data, order, signed] = bytesArgs("from_bytes", "bytes", args);
  return intFromBytes(data, order, signed);
}

/**
 * The arguments of `int.to_bytes(length=1, byteorder='big', *, signed=False)` and
 * `int.from_bytes(bytes, byteorder='big', *, signed=False)`, with argument clinic's errors.
 */
export function bytesArgs(
  fname: string,
  first: string,
  args: unknown[],
): [unknown, "big" | "little", boolean] {
  const [pos, kws] = splitKw(args);
  if (pos.length > 2) {
    throw new PyTypeError(`${fname}() takes at most 2 positional arguments (${pos.length} given)`);
  }
  const names = [first, "byteorder", "signed"];
  const vals: unknown[] = [...pos];
  for (const [k, v] of Object.entries(kws)) {
    const at = names.indexOf(k);
    if (at < 0) throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    if (at < pos.length) {
      throw new PyTypeError(
        `argument for ${fname}() given by name ('${k}') and position (${at + 1})`,
      );
    }
    vals[at] = v;
  }
  if (fname === "from_bytes" && vals[0] === undefined) {
    throw new PyTypeError("from_bytes() missing required argument 'bytes' (pos 1)");
  }
  const order = vals[1] ?? "big";
  if (typeof order !== "string") {
    throw new PyTypeError(`${fname}() argument 'byteorder' must be str, not ${typeName(order)}`);
  }
  if (order !== "big" && order !== "little") {
    throw new ValueError("byteorder must be either 'little' or 'big'");
  }
  return [vals[0], order, vals[2] === undefined ? false : truthy(vals[2])];
}

export function intFromBytes(data: unknown, byteorder: unknown = "big", signed = false): bigint {
  if (isInt(data)) throw new PyTypeError(`cannot convert '${typeName(data)}' object to bytes`);
  const d = (data instanceof BytesLike ? data.data : makeBytesData(data)).slice();
  if (byteorder === "little") d.reverse();
  let v = 0n;
  for (const b of d) v = (v << 8n) | BigInt(b);
  if (signed && d.length > 0 && d[0] & 0x80) v -= 1n << BigInt(8 * d.length);
  return v;
}
