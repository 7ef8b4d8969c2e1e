/**
 * `hash()` exactly as CPython 3.13 computes it, so that sets iterate in CPython's order.
 *
 * - int: `n mod (2**61 - 1)` keeping the sign, `-1` becomes `-2`;
 * - float: the same modular hash of the exact rational value (so `hash(1.0) == hash(1)`), `inf` is
 *   314159, `nan` hashes by identity;
 * - str and bytes: SipHash-1-3 over CPython's internal representation (latin-1 / UCS-2 / UCS-4
 *   code units) with the all-zero key that `PYTHONHASHSEED=0` selects. The conformance recorder
 *   runs CPython with `PYTHONHASHSEED=0`, so sets of strings iterate in the recorded order;
 * - tuple: CPython's xxHash-based tuple hash; None: the constant 0xFCA86420;
 * - objects: `__hash__()` when defined; unhashable when `__hash__` is `null` (Python's
 *   `__hash__ = None`) or when the class defines `__eq__` without `__hash__`; otherwise an
 *   identity hash derived from `id()`.
 *
 * Hashes are `bigint`s in the signed 64-bit range (Python's `Py_hash_t`).
 */

import { id } from "./objects";

const MODULUS = (1n << 61n) - 1n;
const HASH_BITS = 61n;
const INF_HASH = 314159n;
const NONE_HASH = 0xfca86420n;
const M64 = (1n << 64n) - 1n;

let unhashable: (value: unknown, message?: string) => never = (value) => {
  throw new Error(`unhashable type: ${String(value)}`);
};
/**
 * Installed by the exceptions module (avoids an import cycle at load time): raises the
 * TypeError "unhashable type: 'X'", or with `message` when one is given.
 */
export function setUnhashableError(fn: (value: unknown, message?: string) => never): void {
  unhashable = fn;
}

/** Signed 64-bit view of an unsigned 64-bit value. */
function signed64(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

export function hashInt(n: bigint): bigint {
  if (n >= 0n) {
    return n < MODULUS ? n : n % MODULUS;
  }
  let h = -(-n % MODULUS);
  if (h === -1n) h = -2n;
  return h;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Split a finite nonzero double into an integer mantissa and a power-of-two exponent. */
export function decomposeFloat(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0];
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  if (bits >> 63n) mant = -mant;
  return [mant, exp];
}

export function hashFloat(x: number): bigint {
  if (Number.isNaN(x)) return hashPointer(x);
  if (x === Number.POSITIVE_INFINITY) return INF_HASH;
  if (x === Number.NEGATIVE_INFINITY) return -INF_HASH;
  if (x === 0) return 0n;
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return hashInt(BigInt(x));
  const [mant, exp] = decomposeFloat(x);
  const neg = mant < 0n;
  let m = (neg ? -mant : mant) % MODULUS;
  if (exp >= 0) {
    m = (m * modPow2(BigInt(exp))) % MODULUS;
  } else {
    // 2**-k == 2**(61 - k mod 61) (mod 2**61 - 1)
    const k = BigInt(-exp) % HASH_BITS;
    m = (m * modPow2((HASH_BITS - k) % HASH_BITS)) % MODULUS;
  }
  let h = neg ? -m : m;
  if (h === -1n) h = -2n;
  return h;
}

function modPow2(e: bigint): bigint {
  return (1n << (e % HASH_BITS)) % MODULUS;
}

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & M64;
}

/** SipHash-1-3 with the given 64-bit keys, as CPython's `Python/pyhash.c`. */
export function siphash13(k0: bigint, k1: bigint, data: Uint8Array): bigint {
  let srcSz = data.length;
  let b = (BigInt(srcSz) << 56n) & M64;
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & M64;
    v2 = (v2 + v3) & M64;
    v1 = rotl(v1, 13n) ^ v0;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v1) & M64;
    v0 = (v0 + v3) & M64;
    v1 = rotl(v1, 17n) ^ v2;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = rotl(v2, 32n);
  };
  let off = 0;
  while (srcSz >= 8) {
    let mi = 0n;
    for (let i = 7; i >= 0; i--) mi = (mi << 8n) | BigInt(data[off + i]);
    off += 8;
    srcSz -= 8;
    v3 ^= mi;
    round();
    v0 ^= mi;
  }
  let t = 0n;
  for (let i = srcSz - 1; i >= 0; i--) t = (t << 8n) | BigInt(data[off + i]);
  b |= t;
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  round();
  return v0 ^ v1 ^ (v2 ^ v3);
}

function hashBytesData(data: Uint8Array): bigint {
  if (data.length === 0) return 0n;
  let h = signed64(siphash13(0n, 0n, data));
  if (h === -1n) h = -2n;
  return h;
}

const strHashCache = new Map<string, bigint>();
/** Strings longer than this are not cached. */
const STR_CACHE_MAX_LEN = 256;
/** Bound on the cache's entries. */
const STR_CACHE_MAX_SIZE = 100_000;

export function hashStr(s: string): bigint {
  const cached = strHashCache.get(s);
  if (cached !== undefined) return cached;
  const cps: number[] = [];
  let max = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    cps.push(c);
    if (c > max) max = c;
  }
  const kind = max < 0x100 ? 1 : max < 0x10000 ? 2 : 4;
  const data = new Uint8Array(cps.length * kind);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    for (let k = 0; k < kind; k++) data[i * kind + k] = (c >>> (8 * k)) & 0xff;
  }
  const h = hashBytesData(data);
  if (s.length <= STR_CACHE_MAX_LEN && strHashCache.size < STR_CACHE_MAX_SIZE)
    strHashCache.set(s, h);
  return h;
}

export function hashBytes(data: Uint8Array): bigint {
  return hashBytesData(data);
}

/** CPython's `_Py_HashPointer`: the address rotated right by 4 bits. */
export function hashPointer(value: unknown): bigint {
  const addr = id(value);
  return signed64(((addr >> 4n) | (addr << 60n)) & M64);
}

// The tuple hash (xxHash's round on 64-bit lanes) works on 64-bit values as two uint32 halves in
// plain numbers: BigInt arithmetic allocates at every step, and tuples are hashed for every set
// and dict operation on them. `R` holds the (hi, lo) result of the last step: a typed array, as
// values of 2^30 and more in plain variables would each be a heap number.
const R = new Uint32Array(2);
const TWO32 = 4294967296;

/** (hi, lo) = (ah, al) * (bh, bl) mod 2^64: al * bl in 16-bit limbs, no products past 2^32. */
function mul64(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff); // < 2^18
  R[1] = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16); // al * bl >> 32
  R[0] = (high + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** (hi, lo) = (ah, al) + (bh, bl) mod 2^64. */
function add64(ah: number, al: number, bh: number, bl: number): void {
  const low = al + bl;
  R[1] = low >>> 0;
  R[0] = (ah + bh + (low >= TWO32 ? 1 : 0)) >>> 0;
}

const P1_HI = 0x9e3779b1;
const P1_LO = 0x85ebca87; // XXPRIME_1 = 11400714785074694791
const P2_HI = 0xc2b2ae3d;
const P2_LO = 0x27d4eb4f; // XXPRIME_2 = 14029467366897019727
const P5_HI = 0x27d4eb2f;
const P5_LO = 0x165667c5; // XXPRIME_5 = 2870177450012600261
const LEN_KEY_LO = (P5_LO ^ 3527539) >>> 0; // low half of XXPRIME_5 ^ 3527539

/** One round: (hi, lo) = rotl(acc + lane * XXPRIME_2, 31) * XXPRIME_1. */
function mixLane(laneHi: number, laneLo: number, accHi: number, accLo: number): void {
  mul64(laneHi, laneLo, P2_HI, P2_LO);
  add64(accHi, accLo, R[0], R[1]);
  const rHi = ((R[0] << 31) | (R[1] >>> 1)) >>> 0;
  const rLo = ((R[1] << 31) | (R[0] >>> 1)) >>> 0;
  mul64(rHi, rLo, P1_HI, P1_LO);
}

/** A str's hash as [hi, lo] uint32 halves, for tuple hashes (kept for strings seen again). */
const laneCache = new Map<string, readonly [number, number]>();

function strLanes(s: string): readonly [number, number] {
  let lanes = laneCache.get(s);
  if (lanes === undefined) {
    const h = hashStr(s);
    lanes = [Number(BigInt.asUintN(32, h >> 32n)), Number(BigInt.asUintN(32, h))];
    if (laneCache.size >= 4096) laneCache.clear();
    laneCache.set(s, lanes);
  }
  return lanes;
}

const SMALL_MIN = -9007199254740991n;
const SMALL_MAX = 9007199254740991n;

/** CPython's tuple hash over already computed item hashes. */
export function hashSequence(items: readonly unknown[]): bigint {
  let accHi = P5_HI;
  let accLo = P5_LO;
  for (const item of items) {
    // The item's hash as an unsigned 64-bit lane. A small int is its own hash (-1 hashes as -2).
    let laneHi: number;
    let laneLo: number;
    if (typeof item === "string") {
      const lanes = strLanes(item);
      laneHi = lanes[0];
      laneLo = lanes[1];
      mixLane(laneHi, laneLo, accHi, accLo);
      accHi = R[0];
      accLo = R[1];
      continue;
    }
    // A small int is its own hash (-1 hashes as -2); its 64-bit lanes are read back from a
    // BigInt64Array, which stores the two's complement without making BigInts.
    INT64[0] =
      typeof item === "bigint" && item >= SMALL_MIN && item <= SMALL_MAX
        ? item === -1n
          ? -2n
          : item
        : hash(item);
    laneLo = INT64_HALVES[LO_HALF];
    laneHi = INT64_HALVES[HI_HALF];
    mixLane(laneHi, laneLo, accHi, accLo);
    accHi = R[0];
    accLo = R[1];
  }
  add64(accHi, accLo, P5_HI, (LEN_KEY_LO ^ items.length) >>> 0);
  if (R[0] === 0xffffffff && R[1] === 0xffffffff) return 1546275796n;
  return int64Of(R[0], R[1]);
}

// The signed 64-bit int of two uint32 halves, read back from a BigInt64Array: one BigInt made,
// where shifting and adding BigInts makes three more.
const INT64 = new BigInt64Array(1);
const INT64_HALVES = new Uint32Array(INT64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO_HALF = LITTLE_ENDIAN ? 0 : 1;
const HI_HALF = 1 - LO_HALF;

function int64Of(hiHalf: number, loHalf: number): bigint {
  INT64_HALVES[LO_HALF] = loHalf;
  INT64_HALVES[HI_HALF] = hiHalf;
  return INT64[0];
}

/**
 * `hash(value)` as a Python int. Raises `TypeError: unhashable type: 'list'` for unhashable
 * values.
 */
export function hash(value: unknown): bigint {
  switch (typeof value) {
    case "bigint":
      return hashInt(value);
    case "number":
      return hashFloat(value);
    case "boolean":
      return value ? 1n : 0n;
    case "string":
      return hashStr(value);
    case "undefined":
      return NONE_HASH;
    case "function": {
      // A bound method (made at each read): its object's identity and its function's hash.
      const m = value as { __self__?: unknown; __func__?: unknown };
      if (m.__func__ !== undefined && m.__self__ !== undefined && m.__self__ !== null) {
        const x = BigInt.asIntN(64, hashPointer(m.__self__) ^ hash(m.__func__));
        return x === -1n ? -2n : x;
      }
      return hashPointer(value);
    }
  }
  if (value === null) return NONE_HASH;
  if (Array.isArray(value)) return unhashable(value);
  const obj = value as { __hash__?: unknown; __eq__?: unknown };
  const h = obj.__hash__;
  if (h === null) return unhashable(value);
  if (typeof h === "function") {
    const r = h.call(value);
    // CPython's `slot_tp_hash`: an int outside Py_ssize_t is hashed as an int; -1 becomes -2.
    if (typeof r === "bigint") {
      if (BigInt.asIntN(64, r) !== r) return hashInt(r);
      return r === -1n ? -2n : r;
    }
    if (typeof r === "boolean") return r ? 1n : 0n;
    return unhashable(value, "__hash__ method should return an integer");
  }
  if (typeof obj.__eq__ === "function") return unhashable(value);
  return hashPointer(value);
}
