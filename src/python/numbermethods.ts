/**
 * Methods of int, bool and float values (`(255).bit_length()`, `(1.5).is_integer()`, ...), used
 * by `callMethod`/`getattr` on number receivers.
 */

import { Bytes, toBytesData } from "./bytes";
import { OverflowError, ValueError } from "./exceptions";
import { floatRepr } from "./floatfmt";
import { decomposeFloat } from "./hash";
import { floatToInt } from "./numbers";
import { Tuple } from "./tuple";

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
  to_bytes: (n: bigint, length: unknown = 1n, byteorder: unknown = "big", ...rest: unknown[]) => {
    const len = Number(length as bigint);
    const signed =
      rest.length > 0 && Boolean((rest[0] as { kwargs?: { signed?: boolean } })?.kwargs?.signed);
    let v = n;
    if (v < 0n) {
      if (!signed) throw new OverflowError("can't convert negative int to unsigned");
      v += 1n << BigInt(8 * len);
    }
    const out = new Uint8Array(len);
    for (let i = len - 1; i >= 0; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
    if (v !== 0n) throw new OverflowError("int too big to convert");
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
  __repr__: (x: number) => floatRepr(x),
};

function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (x === 0) return `${sign}0x0.0p+0`;
  const [m, e] = decomposeFloat(Math.abs(x));
  // normalize to 1.xxxxx * 2**exp with 52 fraction bits
  let mant = m;
  let exp = e + 52;
  while (mant < 1n << 52n) {
    mant <<= 1n;
    exp--;
  }
  const frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, "0");
  return `${sign}0x1.${frac}p${exp >= 0 ? "+" : ""}${exp}`;
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

/** `int.from_bytes(bytes, byteorder, *, signed=False)`. */
export function intFromBytes(data: unknown, byteorder: unknown = "big", signed = false): bigint {
  const d = toBytesData(data).slice();
  if (byteorder === "little") d.reverse();
  let v = 0n;
  for (const b of d) v = (v << 8n) | BigInt(b);
  if (signed && d.length > 0 && d[0] & 0x80) v -= 1n << BigInt(8 * d.length);
  return v;
}
