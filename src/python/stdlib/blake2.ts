/**
 * BLAKE2b and BLAKE2s (RFC 7693) with all of Python's parameters (`digest_size`, `key`, `salt`,
 * `person`, `fanout`, `depth`, `leaf_size`, `node_offset`, `node_depth`, `inner_size`,
 * `last_node`), for `hashlib.blake2b`/`blake2s` when a parameter is not the default (Node's
 * crypto offers only unkeyed BLAKE2b-512 and BLAKE2s-256, which hashlib.ts uses otherwise).
 *
 * BLAKE2b's 64-bit words are bigints (masked to 64 bits), BLAKE2s's 32-bit words are JS numbers;
 * fine for the short inputs such parameters are used with (ids, MACs), slower than OpenSSL.
 */

const MASK64 = (1n << 64n) - 1n;

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** The four (a, b, c, d) index groups of a round: columns, then diagonals. */
const G_INDICES = [
  [0, 4, 8, 12],
  [1, 5, 9, 13],
  [2, 6, 10, 14],
  [3, 7, 11, 15],
  [0, 5, 10, 15],
  [1, 6, 11, 12],
  [2, 7, 8, 13],
  [3, 4, 9, 14],
];

const IV64 = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];

const IV32 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/** The parameters of a BLAKE2 hash (already checked by hashlib.ts). */
export interface Blake2Params {
  digestSize: number;
  key: Uint8Array;
  salt: Uint8Array;
  person: Uint8Array;
  fanout: number;
  depth: number;
  leafSize: number;
  nodeOffset: bigint;
  nodeDepth: number;
  innerSize: number;
  lastNode: boolean;
}

/** The parameter block (RFC 7693 section 2.5), 64 bytes for BLAKE2b, 32 for BLAKE2s. */
function parameterBlock(big: boolean, p: Blake2Params): Uint8Array {
  const block = new Uint8Array(big ? 64 : 32);
  block[0] = p.digestSize;
  block[1] = p.key.length;
  block[2] = p.fanout;
  block[3] = p.depth;
  new DataView(block.buffer).setUint32(4, p.leafSize, true);
  const offsetBytes = big ? 8 : 6;
  for (let i = 0; i < offsetBytes; i++)
    block[8 + i] = Number((p.nodeOffset >> BigInt(8 * i)) & 0xffn);
  block[big ? 16 : 14] = p.nodeDepth;
  block[big ? 17 : 15] = p.innerSize;
  block.set(p.salt, big ? 32 : 16);
  block.set(p.person, big ? 48 : 24);
  return block;
}

/** An incremental BLAKE2b/BLAKE2s state with the interface hashlib.ts uses (`update`, `copy`, `digest`). */
export class Blake2 {
  private h: (bigint | number)[];
  private buf: Uint8Array;
  private buffered = 0;
  private counter = 0n;

  private constructor(
    private readonly big: boolean,
    private readonly p: Blake2Params,
  ) {
    this.buf = new Uint8Array(big ? 128 : 64);
    this.h = [];
  }

  static create(big: boolean, p: Blake2Params): Blake2 {
    const s = new Blake2(big, p);
    const block = parameterBlock(big, p);
    const view = new DataView(block.buffer);
    s.h = big
      ? IV64.map((iv, i) => iv ^ view.getBigUint64(8 * i, true))
      : IV32.map((iv, i) => (iv ^ view.getUint32(4 * i, true)) >>> 0);
    if (p.key.length > 0) {
      const first = new Uint8Array(s.buf.length);
      first.set(p.key);
      s.update(first);
    }
    return s;
  }

  update(data: Uint8Array): this {
    const size = this.buf.length;
    for (let i = 0; i < data.length; ) {
      // A full buffer is compressed only when more data follows (the last block is final).
      if (this.buffered === size) {
        this.counter += BigInt(size);
        this.compress(this.buf, false);
        this.buffered = 0;
      }
      const n = Math.min(size - this.buffered, data.length - i);
      this.buf.set(data.subarray(i, i + n), this.buffered);
      this.buffered += n;
      i += n;
    }
    return this;
  }

  copy(): Blake2 {
    const c = new Blake2(this.big, this.p);
    c.h = this.h.slice();
    c.buf = this.buf.slice();
    c.buffered = this.buffered;
    c.counter = this.counter;
    return c;
  }

  /** The digest; the state is unchanged (hashlib.ts calls it on a copy anyway). */
  digest(): Uint8Array {
    const s = this.copy();
    s.counter += BigInt(s.buffered);
    s.buf.fill(0, s.buffered);
    s.compress(s.buf, true);
    const out = new Uint8Array(this.big ? 64 : 32);
    const view = new DataView(out.buffer);
    s.h.forEach((w, i) => {
      if (this.big) view.setBigUint64(8 * i, w as bigint, true);
      else view.setUint32(4 * i, w as number, true);
    });
    return out.slice(0, this.p.digestSize);
  }

  private compress(block: Uint8Array, last: boolean): void {
    if (this.big) this.compress64(block, last);
    else this.compress32(block, last);
  }

  private compress64(block: Uint8Array, last: boolean): void {
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const m: bigint[] = [];
    for (let i = 0; i < 16; i++) m.push(view.getBigUint64(8 * i, true));
    const h = this.h as bigint[];
    const v = [...h, ...IV64];
    v[12] = v[12]! ^ (this.counter & MASK64);
    v[13] = v[13]! ^ (this.counter >> 64n);
    if (last) {
      v[14] = v[14]! ^ MASK64;
      if (this.p.lastNode) v[15] = v[15]! ^ MASK64;
    }
    const rotr = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64;
    for (let r = 0; r < 12; r++) {
      const s = SIGMA[r % 10]!;
      G_INDICES.forEach(([a, b, c, d], k) => {
        const x = m[s[2 * k]!]!;
        const y = m[s[2 * k + 1]!]!;
        v[a!] = (v[a!]! + v[b!]! + x) & MASK64;
        v[d!] = rotr(v[d!]! ^ v[a!]!, 32n);
        v[c!] = (v[c!]! + v[d!]!) & MASK64;
        v[b!] = rotr(v[b!]! ^ v[c!]!, 24n);
        v[a!] = (v[a!]! + v[b!]! + y) & MASK64;
        v[d!] = rotr(v[d!]! ^ v[a!]!, 16n);
        v[c!] = (v[c!]! + v[d!]!) & MASK64;
        v[b!] = rotr(v[b!]! ^ v[c!]!, 63n);
      });
    }
    for (let i = 0; i < 8; i++) h[i] = h[i]! ^ v[i]! ^ v[i + 8]!;
  }

  private compress32(block: Uint8Array, last: boolean): void {
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    const m: number[] = [];
    for (let i = 0; i < 16; i++) m.push(view.getUint32(4 * i, true));
    const h = this.h as number[];
    const v = [...h, ...IV32];
    v[12] = (v[12]! ^ Number(this.counter & 0xffffffffn)) >>> 0;
    v[13] = (v[13]! ^ Number((this.counter >> 32n) & 0xffffffffn)) >>> 0;
    if (last) {
      v[14] = ~v[14]! >>> 0;
      if (this.p.lastNode) v[15] = ~v[15]! >>> 0;
    }
    const rotr = (x: number, n: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;
    for (let r = 0; r < 10; r++) {
      const s = SIGMA[r]!;
      G_INDICES.forEach(([a, b, c, d], k) => {
        const x = m[s[2 * k]!]!;
        const y = m[s[2 * k + 1]!]!;
        v[a!] = (v[a!]! + v[b!]! + x) >>> 0;
        v[d!] = rotr(v[d!]! ^ v[a!]!, 16);
        v[c!] = (v[c!]! + v[d!]!) >>> 0;
        v[b!] = rotr(v[b!]! ^ v[c!]!, 12);
        v[a!] = (v[a!]! + v[b!]! + y) >>> 0;
        v[d!] = rotr(v[d!]! ^ v[a!]!, 8);
        v[c!] = (v[c!]! + v[d!]!) >>> 0;
        v[b!] = rotr(v[b!]! ^ v[c!]!, 7);
      });
    }
    for (let i = 0; i < 8; i++) h[i] = (h[i]! ^ v[i]! ^ v[i + 8]!) >>> 0;
  }
}
