/**
 * Python's `random`: CPython's Mersenne Twister (MT19937, `Modules/_randommodule.c`) and the
 * algorithms of `Lib/random.py`, so a seeded program draws exactly CPython's numbers.
 *
 * - `seed(int)`: `init_by_array` of |a| split into 32-bit words, least significant first
 *   (`seed(0)` uses the key `[0]`); `seed(str|bytes)` (version 2): the int of
 *   `a + sha512(a).digest()` read big-endian; `seed(float)`: |hash(a)|; `seed()`/`seed(None)`:
 *   624 words from the OS's entropy (Node's crypto), as CPython's `random_seed_urandom`.
 * - Integers come from `_randbelow_with_getrandbits` (k = n.bit_length(), redraw until < n).
 * - `Random` has its own state; the module functions are bound to one hidden instance, as in
 *   CPython.
 *
 * Differences from CPython: the float distributions use JS `Math.log`/`Math.cos`/`Math.sin`
 * (and a correctly rounded `exp`), which may differ from C's libm in the last bit for rare arguments. `SystemRandom`,
 * `binomialvariate` and `randbytes` are not provided.
 */

import { Range } from "../builtins";
import { ByteArray, Bytes } from "../bytes";
import { lt as pyLt } from "../compare";
import { IndexError, TypeError as PyTypeError, ValueError, ZeroDivisionError } from "../exceptions";
import { decomposeFloat, hash } from "../hash";
import { Kw, splitKw } from "../kw";
import { bitLength, index, isInt, isNumber, ratioToFloat, toBigInt, toFloat } from "../numbers";
import { add as pyAdd, mul as pyMul, sub as pySub } from "../operators";
import { getitem, len, lenOf, setitem, toArray } from "../protocol";
import { str as pyStr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { expCR } from "./math";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

const NV_MAGICCONST = (4 * expCR(-0.5)) / Math.sqrt(2.0);
const TWOPI = 2 * Math.PI;
const LOG4 = Math.log(4.0);
const SG_MAGICCONST = 1.0 + Math.log(4.5);

/**
 * The natural logarithm correctly rounded (glibc's `log`, which CPython's `math.log` calls, is
 * correctly rounded in practice; V8's `Math.log` is off by one ulp for some arguments). Computed
 * in 128-bit fixed point: x = m * 2**e with m in [sqrt(1/2), sqrt(2)), ln(m) = 2 * atanh((m-1)/(m+1)).
 */
const FIX = 128n;
function atanhFixed(num: bigint, den: bigint): bigint {
  // atanh(num/den) in fixed point: sum of s**(2k+1) / (2k+1)
  if (num < 0n) return -atanhFixed(-num, den);
  const s = (num << FIX) / den;
  const s2 = (s * s) >> FIX;
  let term = s;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * s2) >> FIX;
  }
  return sum;
}
const LN2_FIXED = 2n * atanhFixed(1n, 3n);

export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity || x === 1) return x === 1 ? 0 : Infinity;
  const [mant, exp] = decomposeFloat(x);
  // x = mant * 2**exp; normalize to m = mant / 2**b in [sqrt(1/2), sqrt(2))
  let b = bitLength(mant) - 1;
  let e = exp + b;
  if (Number(mant) / 2 ** b > Math.SQRT2) {
    b += 1;
    e += 1;
  }
  const one = 1n << BigInt(b);
  const lnm = 2n * atanhFixed(mant - one, mant + one);
  return ratioToFloat(BigInt(e) * LN2_FIXED + lnm, 1n << FIX);
}

function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/** The raw generator: CPython's `_random.Random`. */
class MersenneTwister {
  protected mt = new Uint32Array(N);
  protected mti = N + 1;

  protected initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (mul32(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  protected initByArray(key: number[]): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const keyLength = key.length;
    for (let k = Math.max(N, keyLength); k; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ mul32(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= keyLength) j = 0;
    }
    for (let k = N - 1; k; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ mul32(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** `genrand_uint32`. */
  protected genrand(): number {
    const mt = this.mt;
    let y: number;
    if (this.mti >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `_random.Random.seed(n)` for an int or None. */
  protected seedInt(n: bigint | null): void {
    if (n === null) {
      const bytes = nodeCrypto().randomBytes(N * 4);
      const key: number[] = [];
      for (let i = 0; i < N; i++) key.push(bytes.readUInt32LE(i * 4));
      this.initByArray(key);
      return;
    }
    if (n < 0n) n = -n;
    const key: number[] = [];
    if (n === 0n) key.push(0);
    while (n > 0n) {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    }
    this.initByArray(key);
  }

  /** `random()`: a float in [0.0, 1.0) with 53 random bits. */
  random(): number {
    const a = this.genrand() >>> 5;
    const b = this.genrand() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** `getrandbits(k)`: an int with k random bits. */
  getrandbits(k: unknown): bigint {
    let bits = Number(index(k));
    if (bits < 0) throw new ValueError("number of bits must be non-negative");
    if (bits === 0) return 0n;
    if (bits <= 32) return BigInt(this.genrand() >>> (32 - bits));
    let result = 0n;
    let shift = 0n;
    for (; bits > 0; bits -= 32) {
      let r = this.genrand();
      if (bits < 32) r >>>= 32 - bits;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  protected internalState(): bigint[] {
    const out = Array.from(this.mt, (w) => BigInt(w));
    out.push(BigInt(this.mti));
    return out;
  }

  protected setInternalState(state: unknown): void {
    if (!(state instanceof Tuple)) throw new PyTypeError("state vector must be a tuple");
    if (state.items.length !== N + 1) throw new ValueError("state vector is the wrong size");
    const words = state.items.map((w) => toBigInt(index(w) as bigint));
    const pos = words[N];
    if (pos < 0n || pos > BigInt(N)) throw new ValueError("invalid state");
    for (let i = 0; i < N; i++) this.mt[i] = Number(BigInt.asUintN(32, words[i]));
    this.mti = Number(pos);
  }
}

function kwArgs<T extends object>(args: unknown[]): [unknown[], Partial<T>] {
  return splitKw<T>(args);
}

function isSequence(x: unknown): boolean {
  return (
    Array.isArray(x) ||
    typeof x === "string" ||
    x instanceof Tuple ||
    x instanceof Bytes ||
    x instanceof ByteArray ||
    (typeof x === "object" &&
      x !== null &&
      (x as { constructor: { name: string } }).constructor.name === "Range")
  );
}

/** CPython's `bisect.bisect_right(a, x, lo, hi)`. */
function bisectRight(a: unknown[], x: unknown, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pyLt(x, a[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function accumulate(xs: unknown): unknown[] {
  const out: unknown[] = [];
  let total: unknown;
  for (const x of toArray(xs)) {
    total = out.length === 0 ? x : pyAdd(total, x);
    out.push(total);
  }
  return out;
}

function floatArg(x: unknown, what: string): number {
  if (!isNumber(x)) {
    throw new PyTypeError(`must be real number, not ${typeName(x)}`);
  }
  void what;
  return toFloat(x);
}

/** `random.Random`: a generator with its own state. */
export class Random extends MersenneTwister {
  static __module__ = "random";
  static VERSION = 3n;
  gauss_next: number | null = null;

  constructor(x: unknown = null) {
    super();
    this.seed(x);
    this.gauss_next = null;
  }

  /** `seed(a=None, version=2)`. */
  seed(...args: unknown[]): null {
    const [pos, k] = kwArgs<{ a: unknown; version: unknown }>(args);
    let a = pos.length > 0 ? pos[0] : (k.a ?? null);
    // an IntEnum/StrEnum member seeds as its int/str (see enum.ts)
    const m = a as { __int_value__?: unknown; __str_value__?: unknown } | null;
    a = m?.__int_value__ ?? m?.__str_value__ ?? a;
    const version = pos.length > 1 ? pos[1] : (k.version ?? 2n);
    if (a instanceof ByteArray || a instanceof Bytes)
      a = Buffer.from((a as { data: Uint8Array }).data);
    if (version === 1n && (typeof a === "string" || a instanceof Buffer)) {
      const cps =
        typeof a === "string"
          ? Array.from(a, (c) => BigInt(c.codePointAt(0) as number))
          : Array.from(a, (b) => BigInt(b));
      let x = cps.length > 0 ? cps[0] << 7n : 0n;
      for (const c of cps) x = ((1000003n * x) ^ c) & 0xffffffffffffffffn;
      x ^= BigInt(cps.length);
      a = x === -1n ? -2n : x;
    } else if (version === 2n && (typeof a === "string" || a instanceof Buffer)) {
      const data = typeof a === "string" ? Buffer.from(a, "utf8") : a;
      const digest = nodeCrypto().createHash("sha512").update(data).digest();
      const all = Buffer.concat([data, digest]);
      a = all.length === 0 ? 0n : BigInt(`0x${all.toString("hex")}`);
    } else if (!(a === null || isNumber(a))) {
      throw new PyTypeError(
        "The only supported seed types are:\nNone, int, float, str, bytes, and bytearray.",
      );
    }
    if (a === null) this.seedInt(null);
    else if (isInt(a)) this.seedInt(toBigInt(a));
    else this.seedInt(hash(a));
    this.gauss_next = null;
    return null;
  }

  /** `getstate()`: `(3, (624 words..., index), gauss_next)`. */
  getstate(): Tuple {
    return new Tuple([Random.VERSION, new Tuple(this.internalState()), this.gauss_next]);
  }

  /** `setstate(state)`. */
  setstate(state: unknown): null {
    const items = toArray(state);
    const version = items[0];
    if (version === 3n || version === 2n) {
      if (items.length !== 3) throw new ValueError(`too many values to unpack (expected 3)`);
      let internal = items[1];
      if (version === 2n) {
        internal = new Tuple(toArray(internal).map((x) => BigInt.asUintN(32, index(x))));
      }
      this.setInternalState(internal);
      this.gauss_next = items[2] as number | null;
      return null;
    }
    throw new ValueError(
      `state with version ${typeof version === "bigint" ? version : String(version)} passed to Random.setstate() of version 3`,
    );
  }

  /** `_randbelow_with_getrandbits(n)`: an int in [0, n). */
  _randbelow(n: bigint): bigint {
    const k = bitLength(n);
    let r = this.getrandbits(BigInt(k));
    while (r >= n) r = this.getrandbits(BigInt(k));
    return r;
  }

  /** `randrange(start, stop=None, step=1)`. */
  randrange(...args: unknown[]): bigint {
    const [pos, k] = kwArgs<{ start: unknown; stop: unknown; step: unknown }>(args);
    const start = pos.length > 0 ? pos[0] : k.start;
    const stop = pos.length > 1 ? pos[1] : (k.stop ?? null);
    const stepGiven = pos.length > 2 || k.step !== undefined;
    const step = pos.length > 2 ? pos[2] : (k.step ?? 1n);
    if (start === undefined)
      throw new PyTypeError("Random.randrange() missing 1 required positional argument: 'start'");
    const istart = index(start);
    if (stop === null) {
      if (stepGiven) throw new PyTypeError("Missing a non-None stop argument");
      if (istart > 0n) return this._randbelow(istart);
      throw new ValueError("empty range for randrange()");
    }
    const istop = index(stop);
    const width = istop - istart;
    const istep = index(step);
    if (istep === 1n) {
      if (width > 0n) return istart + this._randbelow(width);
      throw new ValueError(`empty range in randrange(${fmt(start)}, ${fmt(stop)})`);
    }
    let n: bigint;
    if (istep > 0n) n = floorDiv(width + istep - 1n, istep);
    else if (istep < 0n) n = floorDiv(width + istep + 1n, istep);
    else throw new ValueError("zero step for randrange()");
    if (n <= 0n)
      throw new ValueError(`empty range in randrange(${fmt(start)}, ${fmt(stop)}, ${fmt(step)})`);
    return istart + istep * this._randbelow(n);
  }

  /** `randint(a, b)`: an int in [a, b]. */
  randint(a: unknown, b: unknown): bigint {
    return this.randrange(a, pyAdd(b, 1n));
  }

  /** `choice(seq)`. */
  choice(seq: unknown): unknown {
    const n = len(seq);
    if (n === 0n) throw new IndexError("Cannot choose from an empty sequence");
    return getitem(seq, this._randbelow(n));
  }

  /** `shuffle(x)`: in place, CPython's loop from the end. */
  shuffle(x: unknown): null {
    if (!Array.isArray(x)) {
      // Any mutable sequence (a deque, a program's class): `x[i], x[j] = x[j], x[i]`.
      for (let i = Number(len(x)) - 1; i >= 1; i--) {
        const j = this._randbelow(BigInt(i + 1));
        const a = getitem(x, BigInt(i));
        const b = getitem(x, j);
        setitem(x, BigInt(i), b);
        setitem(x, j, a);
      }
      return null;
    }
    for (let i = x.length - 1; i >= 1; i--) {
      const j = Number(this._randbelow(BigInt(i + 1)));
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
    return null;
  }

  /** `sample(population, k, *, counts=None)`. */
  sample(...args: unknown[]): unknown[] {
    const [pos, kwa] = kwArgs<{ population: unknown; k: unknown; counts: unknown }>(args);
    const population = pos.length > 0 ? pos[0] : kwa.population;
    const kArg = pos.length > 1 ? pos[1] : kwa.k;
    const counts = kwa.counts ?? null;
    if (kArg === undefined)
      throw new PyTypeError("Random.sample() missing 1 required positional argument: 'k'");
    if (!isSequence(population)) {
      throw new PyTypeError("Population must be a sequence.  For dicts or sets, use sorted(d).");
    }
    const n = lenOf(population);
    if (counts !== null) {
      const cum = accumulate(counts);
      if (cum.length !== n)
        throw new ValueError("The number of counts does not match the population");
      const total = cum.pop();
      if (!isInt(total)) throw new PyTypeError("Counts must be integers");
      if (toBigInt(total) <= 0n) throw new ValueError("Total of counts must be greater than zero");
      const selections = this.sample(rangeOf(toBigInt(total)), new Kw({ k: kArg }));
      return selections.map((s) => getitem(population, BigInt(bisectRight(cum, s, 0, cum.length))));
    }
    const k = Number(index(kArg));
    if (!(k >= 0 && k <= n)) throw new ValueError("Sample larger than population or is negative");
    const result: unknown[] = new Array(k).fill(null);
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(log(k * 3) / log(4));
    if (n <= setsize) {
      const pool = toArray(population);
      for (let i = 0; i < k; i++) {
        const j = Number(this._randbelow(BigInt(n - i)));
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      const selected = new Set<bigint>();
      for (let i = 0; i < k; i++) {
        let j = this._randbelow(BigInt(n));
        while (selected.has(j)) j = this._randbelow(BigInt(n));
        selected.add(j);
        result[i] = getitem(population, j);
      }
    }
    return result;
  }

  /** `choices(population, weights=None, *, cum_weights=None, k=1)`. */
  choices(...args: unknown[]): unknown[] {
    const [pos, kwa] = kwArgs<{
      population: unknown;
      weights: unknown;
      cum_weights: unknown;
      k: unknown;
    }>(args);
    const population = pos.length > 0 ? pos[0] : kwa.population;
    const weights = pos.length > 1 ? pos[1] : (kwa.weights ?? null);
    let cumWeights = kwa.cum_weights ?? null;
    const k = Number(index(kwa.k ?? 1n));
    const n = lenOf(population);
    const out: unknown[] = [];
    if (cumWeights === null) {
      if (weights === null) {
        for (let i = 0; i < k; i++)
          out.push(getitem(population, BigInt(Math.floor(this.random() * n))));
        return out;
      }
      if (isInt(weights)) {
        throw new PyTypeError(
          `The number of choices must be a keyword argument: k=${toBigInt(weights)}`,
        );
      }
      cumWeights = accumulate(weights);
    } else if (weights !== null) {
      throw new PyTypeError("Cannot specify both weights and cumulative weights");
    }
    const cum = toArray(cumWeights);
    if (cum.length !== n)
      throw new ValueError("The number of weights does not match the population");
    const last = cum[cum.length - 1];
    if (!isNumber(last))
      throw new PyTypeError(`unsupported operand type(s) for +: '${typeName(last)}' and 'float'`);
    const total = toFloat(last) + 0.0;
    if (total <= 0.0) throw new ValueError("Total of weights must be greater than zero");
    if (!Number.isFinite(total)) throw new ValueError("Total of weights must be finite");
    const hi = n - 1;
    for (let i = 0; i < k; i++)
      out.push(getitem(population, BigInt(bisectRight(cum, this.random() * total, 0, hi))));
    return out;
  }

  /** `uniform(a, b)`. */
  uniform(a: unknown, b: unknown): number {
    // `a + (b - a) * self.random()` with Python's operators (and their TypeErrors).
    if (typeof a === "number" && typeof b === "number") return a + (b - a) * this.random();
    return pyAdd(a, pyMul(pySub(b, a), this.random())) as number;
  }

  /** `triangular(low=0.0, high=1.0, mode=None)`. */
  triangular(...args: unknown[]): number {
    const [pos, k] = kwArgs<{ low: unknown; high: unknown; mode: unknown }>(args);
    let low = floatArg(pos.length > 0 ? pos[0] : (k.low ?? 0.0), "low");
    let high = floatArg(pos.length > 1 ? pos[1] : (k.high ?? 1.0), "high");
    const mode = pos.length > 2 ? pos[2] : (k.mode ?? null);
    let u = this.random();
    if (high === low) return low;
    let c = mode === null ? 0.5 : (floatArg(mode, "mode") - low) / (high - low);
    if (u > c) {
      u = 1.0 - u;
      c = 1.0 - c;
      [low, high] = [high, low];
    }
    return low + (high - low) * Math.sqrt(u * c);
  }

  /** `normalvariate(mu=0.0, sigma=1.0)`: Kinderman and Monahan's method. */
  normalvariate(...args: unknown[]): number {
    const [mu, sigma] = muSigma(args);
    let z: number;
    for (;;) {
      const u1 = this.random();
      const u2 = 1.0 - this.random();
      z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
      const zz = (z * z) / 4.0;
      if (zz <= -log(u2)) break;
    }
    return mu + z * sigma;
  }

  /** `gauss(mu=0.0, sigma=1.0)`: Box-Muller, keeping the second value for the next call. */
  gauss(...args: unknown[]): number {
    const [mu, sigma] = muSigma(args);
    let z = this.gauss_next;
    this.gauss_next = null;
    if (z === null) {
      const x2pi = this.random() * TWOPI;
      const g2rad = Math.sqrt(-2.0 * log(1.0 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gauss_next = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }

  /** `lognormvariate(mu, sigma)`. */
  lognormvariate(mu: unknown, sigma: unknown): number {
    return expCR(this.normalvariate(mu, sigma));
  }

  /** `expovariate(lambd=1.0)`. */
  expovariate(lambd: unknown = 1.0): number {
    const l = floatArg(lambd, "lambd");
    const r = -log(1.0 - this.random());
    if (l === 0) throw new ZeroDivisionError("float division by zero");
    return r / l;
  }

  /** `vonmisesvariate(mu, kappa)`. */
  vonmisesvariate(muArg: unknown, kappaArg: unknown): number {
    const mu = floatArg(muArg, "mu");
    const kappa = floatArg(kappaArg, "kappa");
    if (kappa <= 1e-6) return TWOPI * this.random();
    const s = 0.5 / kappa;
    const r = s + Math.sqrt(1.0 + s * s);
    let z: number;
    for (;;) {
      const u1 = this.random();
      z = Math.cos(Math.PI * u1);
      const d = z / (r + z);
      const u2 = this.random();
      if (u2 < 1.0 - d * d || u2 <= (1.0 - d) * expCR(d)) break;
    }
    const q = 1.0 / r;
    const f = (q + z) / (1.0 + q * z);
    const u3 = this.random();
    const theta = u3 > 0.5 ? mu + Math.acos(f) : mu - Math.acos(f);
    // Python's float `%`: fmod, then one step into [0, TWOPI) for a negative remainder.
    const m = theta % TWOPI;
    return m < 0 ? m + TWOPI : m === 0 ? 0 : m;
  }

  /** `gammavariate(alpha, beta)`. */
  gammavariate(alphaArg: unknown, betaArg: unknown): number {
    const alpha = floatArg(alphaArg, "alpha");
    const beta = floatArg(betaArg, "beta");
    if (alpha <= 0.0 || beta <= 0.0)
      throw new ValueError("gammavariate: alpha and beta must be > 0.0");
    if (alpha > 1.0) {
      const ainv = Math.sqrt(2.0 * alpha - 1.0);
      const bbb = alpha - LOG4;
      const ccc = alpha + ainv;
      for (;;) {
        const u1 = this.random();
        if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
        const u2 = 1.0 - this.random();
        const v = log(u1 / (1.0 - u1)) / ainv;
        const x = alpha * expCR(v);
        const z = u1 * u1 * u2;
        const r = bbb + ccc * v - x;
        if (r + SG_MAGICCONST - 4.5 * z >= 0.0 || r >= log(z)) return x * beta;
      }
    }
    if (alpha === 1.0) return -log(1.0 - this.random()) * beta;
    let x: number;
    for (;;) {
      const u = this.random();
      const b = (Math.E + alpha) / Math.E;
      const p = b * u;
      x = p <= 1.0 ? p ** (1.0 / alpha) : -log((b - p) / alpha);
      const u1 = this.random();
      if (p > 1.0) {
        if (u1 <= x ** (alpha - 1.0)) break;
      } else if (u1 <= expCR(-x)) break;
    }
    return x * beta;
  }

  /** `randbytes(n)`: `self.getrandbits(n * 8).to_bytes(n, 'little')`. */
  randbytes(n: unknown): Bytes {
    const count = toBigInt(index(n));
    let bits = this.getrandbits(count * 8n);
    const out = new Uint8Array(Number(count));
    for (let i = 0; i < out.length; i++) {
      out[i] = Number(bits & 0xffn);
      bits >>= 8n;
    }
    return new Bytes(out);
  }

  /** `betavariate(alpha, beta)`. */
  betavariate(alpha: unknown, beta: unknown): number {
    const y = this.gammavariate(alpha, 1.0);
    if (y) return y / (y + this.gammavariate(beta, 1.0));
    return 0.0;
  }

  /** `paretovariate(alpha)`. */
  paretovariate(alpha: unknown): number {
    const u = 1.0 - this.random();
    return u ** (-1.0 / floatArg(alpha, "alpha"));
  }

  /** `weibullvariate(alpha, beta)`. */
  weibullvariate(alpha: unknown, beta: unknown): number {
    const u = 1.0 - this.random();
    return floatArg(alpha, "alpha") * (-log(u)) ** (1.0 / floatArg(beta, "beta"));
  }

  __repr__(): string {
    return `<random.Random object>`;
  }
}

function muSigma(args: unknown[]): [number, number] {
  const [pos, k] = splitKw<{ mu: unknown; sigma: unknown }>(args);
  const mu = floatArg(pos.length > 0 ? pos[0] : (k.mu ?? 0.0), "mu");
  const sigma = floatArg(pos.length > 1 ? pos[1] : (k.sigma ?? 1.0), "sigma");
  return [mu, sigma];
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function fmt(x: unknown): string {
  return pyStr(x);
}

function rangeOf(n: bigint): unknown {
  return new Range(n);
}

/** node:crypto, loaded on first use (it costs several milliseconds of every program's startup). */
function nodeCrypto(): typeof import("node:crypto") {
  return require("node:crypto") as typeof import("node:crypto");
}

let hidden: Random | null = null;

/**
 * The hidden instance behind the module functions, made (and seeded from the OS's randomness, as
 * CPython does at import) on first use, so that programs that never call them do not pay for it.
 */
function inst(): Random {
  hidden ??= new Random();
  return hidden;
}

/** The module functions: bound methods of one hidden `Random` instance, as in CPython. */
export const seed = (...args: unknown[]): null => inst().seed(...args);
export const random = (): number => inst().random();
export const getrandbits = (k: unknown): bigint => inst().getrandbits(k);
export const randrange = (...args: unknown[]): bigint => inst().randrange(...args);
export const randint = (a: unknown, b: unknown): bigint => inst().randint(a, b);
export const choice = (seq: unknown): unknown => inst().choice(seq);
export const choices = (...args: unknown[]): unknown[] => inst().choices(...args);
export const shuffle = (x: unknown): null => inst().shuffle(x);
export const sample = (...args: unknown[]): unknown[] => inst().sample(...args);
export const uniform = (a: unknown, b: unknown): number => inst().uniform(a, b);
export const triangular = (...args: unknown[]): number => inst().triangular(...args);
export const normalvariate = (...args: unknown[]): number => inst().normalvariate(...args);
export const gauss = (...args: unknown[]): number => inst().gauss(...args);
export const lognormvariate = (mu: unknown, sigma: unknown): number =>
  inst().lognormvariate(mu, sigma);
export const expovariate = (lambd: unknown = 1.0): number => inst().expovariate(lambd);
export const vonmisesvariate = (mu: unknown, kappa: unknown): number =>
  inst().vonmisesvariate(mu, kappa);
export const gammavariate = (a: unknown, b: unknown): number => inst().gammavariate(a, b);
export const betavariate = (a: unknown, b: unknown): number => inst().betavariate(a, b);
export const paretovariate = (a: unknown): number => inst().paretovariate(a);
export const weibullvariate = (a: unknown, b: unknown): number => inst().weibullvariate(a, b);
export const randbytes = (n: unknown): Bytes => inst().randbytes(n);
export const getstate = (): Tuple => inst().getstate();
export const setstate = (state: unknown): null => inst().setstate(state);

for (const [name, fn] of Object.entries({
  seed,
  random,
  getrandbits,
  randrange,
  randint,
  choice,
  choices,
  shuffle,
  sample,
  uniform,
  triangular,
  normalvariate,
  gauss,
  lognormvariate,
  expovariate,
  vonmisesvariate,
  gammavariate,
  betavariate,
  paretovariate,
  weibullvariate,
  randbytes,
  getstate,
  setstate,
})) {
  Object.defineProperty(fn, "__qualname__", { value: `Random.${name}`, configurable: true });
  Object.defineProperty(fn, "__name__", { value: name, configurable: true });
}
