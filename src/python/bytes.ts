/**
 * Python's `bytes` (immutable, hashable) and `bytearray` (mutable), over a `Uint8Array`.
 *
 * Indexing returns an int (`b[0] == 104n`), slicing returns the same type, `repr` is CPython's
 * (`b'\x00a"'`, quote choice as for str). The streams layer uses these for socket data.
 */

import { decode, encode } from "./codecs";
import { IndexError, TypeError as PyTypeError, ValueError } from "./exceptions";
import { bytesPercentFormat } from "./format";
import { hashBytes } from "./hash";
import { Kw, splitKw } from "./kw";
import { index, indexNumber, isInt, toBigInt } from "./numbers";
import { markBuiltinClass, NotImplemented } from "./objects";
import { call, iter, Slice, truthy, tryIter } from "./protocol";
import { strBase } from "./str";
import { Tuple } from "./tuple";
import { typeName } from "./types";

export abstract class BytesLike {
  data: Uint8Array;

  constructor(data: Uint8Array = new Uint8Array(0)) {
    this.data = data;
  }

  protected abstract make(data: Uint8Array): this;
  protected abstract typeLabel(): string;

  get length(): number {
    return this.data.length;
  }

  __len__(): bigint {
    return BigInt(this.data.length);
  }

  *[Symbol.iterator](): Iterator<bigint> {
    for (const b of this.data) yield BigInt(b);
  }

  __iter__(): Iterator<bigint> {
    return this[Symbol.iterator]();
  }

  __getitem__(i: unknown): bigint {
    if (!isInt(i) && typeof i === "object" && i !== null && "__index__" in i) i = index(i);
    if (!isInt(i)) {
      throw new PyTypeError(
        `${this.typeLabel()} indices must be integers or slices, not ${typeName(i)}`,
      );
    }
    let k = Number(toBigInt(i));
    if (k < 0) k += this.data.length;
    if (k < 0 || k >= this.data.length) {
      throw new IndexError(
        this instanceof ByteArray ? "bytearray index out of range" : "index out of range",
      );
    }
    return BigInt(this.data[k]);
  }

  /** Slice with normalized, in-range JS indices (protocol.getslice computes them). */
  sliceIndices(indices: number[]): this {
    return this.make(Uint8Array.from(indices, (k) => this.data[k]));
  }

  __contains__(x: unknown): boolean {
    if (isInt(x)) {
      const v = Number(toBigInt(x));
      if (v < 0 || v > 255) throw new ValueError("byte must be in range(0, 256)");
      return this.data.includes(v);
    }
    return this.findSub(toBytesData(x), 0, this.data.length) >= 0;
  }

  __repr__(): string {
    const inner = bytesReprBody(this.data, this instanceof ByteArray);
    // `bytearray(b'..')`, or the subclass's name (`Buffer(b'..')`); bytes subclasses: `b'..'`.
    return this instanceof ByteArray ? `${typeName(this)}(${inner})` : inner;
  }

  __str__(): string {
    return this.__repr__();
  }

  /** `b.fromhex(s)` through an instance: its class's classmethod (`type(b).fromhex(s)`). */
  fromhex(s: unknown): unknown {
    return (this.constructor as unknown as { fromhex(s: unknown): unknown }).fromhex(s);
  }

  __add__(other: unknown): unknown {
    if (!(other instanceof BytesLike)) return NotImplemented;
    const out = new Uint8Array(this.data.length + other.data.length);
    out.set(this.data);
    out.set(other.data, this.data.length);
    return this.make(out);
  }

  __mul__(n: unknown): unknown {
    if (!isInt(n)) return NotImplemented;
    const k = Math.max(0, Number(toBigInt(n)));
    const out = new Uint8Array(this.data.length * k);
    for (let i = 0; i < k; i++) out.set(this.data, i * this.data.length);
    return this.make(out);
  }

  __rmul__(n: unknown): unknown {
    return BytesLike.prototype.__mul__.call(this, n);
  }

  /** `b % args` (PEP 461, format.ts): bytes for bytes, bytearray for bytearray. */
  __mod__(values: unknown): unknown {
    return bytesPercentFormat(this, values);
  }

  decode(encoding: string = "utf-8", errors: string = "strict"): string {
    return decode(this.data, encoding, errors);
  }

  /** `hex(sep=<unrepresentable>, bytes_per_sep=1)`: `sep` a one-char ASCII str or byte. */
  hex(...args: unknown[]): string {
    const [pos, kws] = splitKw<{ sep?: unknown; bytes_per_sep?: unknown }>(args);
    for (const k of Object.keys(kws)) {
      if (k !== "sep" && k !== "bytes_per_sep") {
        throw new PyTypeError(`hex() got an unexpected keyword argument '${k}'`);
      }
    }
    if (pos.length > 2) {
      throw new PyTypeError(`hex() takes at most 2 arguments (${pos.length} given)`);
    }
    const sepArg = pos.length > 0 ? pos[0] : kws.sep;
    const bytesPerSep = pos.length > 1 ? pos[1] : (kws.bytes_per_sep ?? 1n);
    const hx = Array.from(this.data, (b) => b.toString(16).padStart(2, "0"));
    if (sepArg === undefined) return hx.join("");
    let sep: string;
    if (typeof sepArg === "string") sep = sepArg;
    else if (sepArg instanceof BytesLike) sep = String.fromCharCode(...sepArg.data);
    else throw new PyTypeError(`object of type '${typeName(sepArg)}' has no len()`);
    if (sep.length !== 1) throw new ValueError("sep must be length 1.");
    if (sep.charCodeAt(0) > 127) throw new ValueError("sep must be ASCII.");
    const n = indexNumber(bytesPerSep);
    if (n === 0) return hx.join(""); // bytes_per_sep=0: no separator at all
    const groups: string[] = [];
    const step = Math.abs(n);
    if (n >= 0) {
      for (let end = hx.length; end > 0; end -= step) {
        groups.unshift(hx.slice(Math.max(0, end - step), end).join(""));
      }
    } else {
      for (let i = 0; i < hx.length; i += step) groups.push(hx.slice(i, i + step).join(""));
    }
    return groups.join(sep);
  }

  private findSub(sub: Uint8Array, start: number, end: number): number {
    const d = this.data;
    outer: for (let i = start; i + sub.length <= end; i++) {
      for (let j = 0; j < sub.length; j++) if (d[i + j] !== sub[j]) continue outer;
      return i;
    }
    return -1;
  }

  private rfindSub(sub: Uint8Array, start: number, end: number): number {
    const d = this.data;
    outer: for (let i = end - sub.length; i >= start; i--) {
      for (let j = 0; j < sub.length; j++) if (d[i + j] !== sub[j]) continue outer;
      return i;
    }
    return -1;
  }

  private range(start: unknown, end: unknown): [number, number] {
    const n = this.data.length;
    let s = start === undefined || start === null ? 0 : indexNumber(start);
    let e = end === undefined || end === null ? n : indexNumber(end);
    if (s < 0) s = Math.max(0, s + n);
    if (e < 0) e = Math.max(0, e + n);
    return [s, Math.min(e, n)];
  }

  find(sub: unknown, start?: unknown, end?: unknown): bigint {
    const [s, e] = this.range(start, end);
    return BigInt(this.findSub(subBytes(sub), s, e));
  }

  rfind(sub: unknown, start?: unknown, end?: unknown): bigint {
    const [s, e] = this.range(start, end);
    return BigInt(this.rfindSub(subBytes(sub), s, e));
  }

  index(sub: unknown, start?: unknown, end?: unknown): bigint {
    const r = BytesLike.prototype.find.call(this, sub, start, end);
    if (r < 0n) throw new ValueError("subsection not found");
    return r;
  }

  rindex(sub: unknown, start?: unknown, end?: unknown): bigint {
    const r = BytesLike.prototype.rfind.call(this, sub, start, end);
    if (r < 0n) throw new ValueError("subsection not found");
    return r;
  }

  count(sub: unknown, start?: unknown, end?: unknown): bigint {
    const [s, e] = this.range(start, end);
    const b = subBytes(sub);
    if (b.length === 0) return BigInt(Math.max(0, e - s + 1));
    let c = 0;
    let i = s;
    for (;;) {
      const k = this.findSub(b, i, e);
      if (k < 0) break;
      c++;
      i = k + b.length;
    }
    return BigInt(c);
  }

  startswith(prefix: unknown, start?: unknown, end?: unknown): boolean {
    const [s, e] = this.range(start, end);
    const ps = prefix instanceof Tuple ? prefix.items : [prefix];
    return ps.some((p) => {
      const b = toBytesData(p);
      if (s + b.length > e) return false;
      return b.every((v, j) => this.data[s + j] === v);
    });
  }

  endswith(suffix: unknown, start?: unknown, end?: unknown): boolean {
    const [s, e] = this.range(start, end);
    const ps = suffix instanceof Tuple ? suffix.items : [suffix];
    return ps.some((p) => {
      const b = toBytesData(p);
      if (e - b.length < s) return false;
      return b.every((v, j) => this.data[e - b.length + j] === v);
    });
  }

  split(sep: unknown = null, maxsplit: unknown = -1n): this[] {
    const max = indexNumber(maxsplit);
    const d = this.data;
    const out: this[] = [];
    if (sep === null || sep === undefined) {
      const isWs = (b: number) => b === 32 || (b >= 9 && b <= 13);
      let i = 0;
      let splits = 0;
      while (i < d.length) {
        while (i < d.length && isWs(d[i])) i++;
        if (i >= d.length) break;
        if (max >= 0 && splits >= max) {
          out.push(this.make(d.slice(i)));
          return out;
        }
        let j = i;
        while (j < d.length && !isWs(d[j])) j++;
        out.push(this.make(d.slice(i, j)));
        splits++;
        i = j;
      }
      return out;
    }
    const sb = toBytesData(sep);
    if (sb.length === 0) throw new ValueError("empty separator");
    let i = 0;
    let splits = 0;
    for (;;) {
      const k = max >= 0 && splits >= max ? -1 : this.findSub(sb, i, d.length);
      if (k < 0) {
        out.push(this.make(d.slice(i)));
        return out;
      }
      out.push(this.make(d.slice(i, k)));
      i = k + sb.length;
      splits++;
    }
  }

  join(iterable: unknown): this {
    const parts: Uint8Array[] = [];
    let i = 0;
    for (const x of iter(iterable)) {
      if (!(x instanceof BytesLike)) {
        throw new PyTypeError(
          `sequence item ${i}: expected a bytes-like object, ${typeName(x)} found`,
        );
      }
      if (parts.length > 0) parts.push(this.data);
      parts.push(x.data);
      i++;
    }
    return this.make(concatBytes(parts));
  }

  private stripImpl(chars: unknown, left: boolean, right: boolean): this {
    const set = chars === undefined || chars === null ? null : new Set(toBytesData(chars));
    const isStrip = (b: number) => (set ? set.has(b) : b === 32 || (b >= 9 && b <= 13));
    let s = 0;
    let e = this.data.length;
    if (left) while (s < e && isStrip(this.data[s])) s++;
    if (right) while (e > s && isStrip(this.data[e - 1])) e--;
    return this.make(this.data.slice(s, e));
  }

  strip(chars?: unknown): this {
    return this.stripImpl(chars, true, true);
  }
  lstrip(chars?: unknown): this {
    return this.stripImpl(chars, true, false);
  }
  rstrip(chars?: unknown): this {
    return this.stripImpl(chars, false, true);
  }

  replace(old: unknown, nw: unknown, count: unknown = -1n): this {
    const o = toBytesData(old);
    const nb = toBytesData(nw);
    let max = indexNumber(count);
    if (max < 0) max = Number.MAX_SAFE_INTEGER;
    const parts: Uint8Array[] = [];
    let i = 0;
    let c = 0;
    const d = this.data;
    if (o.length === 0) {
      while (c < max && i <= d.length) {
        parts.push(nb);
        if (i < d.length) parts.push(d.slice(i, i + 1));
        i++;
        c++;
      }
      if (i < d.length) parts.push(d.slice(i));
      return this.make(concatBytes(parts));
    }
    while (c < max) {
      const k = this.findSub(o, i, d.length);
      if (k < 0) break;
      parts.push(d.slice(i, k), nb);
      i = k + o.length;
      c++;
    }
    parts.push(d.slice(i));
    return this.make(concatBytes(parts));
  }

  upper(): this {
    return this.make(this.data.map((b) => (b >= 97 && b <= 122 ? b - 32 : b)));
  }
  lower(): this {
    return this.make(this.data.map((b) => (b >= 65 && b <= 90 ? b + 32 : b)));
  }
  isdigit(): boolean {
    return this.data.length > 0 && this.data.every((b) => b >= 48 && b <= 57);
  }
  isalpha(): boolean {
    return this.data.length > 0 && this.data.every((b) => (b | 32) >= 97 && (b | 32) <= 122);
  }
  isspace(): boolean {
    return this.data.length > 0 && this.data.every((b) => b === 32 || (b >= 9 && b <= 13));
  }
  partition(sep: unknown): Tuple {
    const sb = toBytesData(sep);
    if (sb.length === 0) throw new ValueError("empty separator");
    const k = this.findSub(sb, 0, this.data.length);
    if (k < 0)
      return new Tuple([
        this.make(this.data.slice()),
        this.make(new Uint8Array(0)),
        this.make(new Uint8Array(0)),
      ]);
    return new Tuple([
      this.make(this.data.slice(0, k)),
      this.make(sb.slice()),
      this.make(this.data.slice(k + sb.length)),
    ]);
  }

  // ---- ASCII case and character classes (bytes_methods.c: only ASCII letters are cased)

  private mapBytes(f: (b: number, i: number) => number): this {
    return this.make(this.data.map(f));
  }
  capitalize(): this {
    return this.mapBytes((b, i) => (i === 0 ? asciiUpper(b) : asciiLower(b)));
  }
  swapcase(): this {
    return this.mapBytes((b) => (isAsciiUpper(b) ? b + 32 : isAsciiLower(b) ? b - 32 : b));
  }
  title(): this {
    let prevCased = false;
    return this.mapBytes((b) => {
      const out = prevCased ? asciiLower(b) : asciiUpper(b);
      prevCased = isAsciiUpper(b) || isAsciiLower(b);
      return out;
    });
  }
  islower(): boolean {
    return !this.data.some(isAsciiUpper) && this.data.some(isAsciiLower);
  }
  isupper(): boolean {
    return !this.data.some(isAsciiLower) && this.data.some(isAsciiUpper);
  }
  istitle(): boolean {
    let cased = false;
    let prevCased = false;
    for (const b of this.data) {
      if (isAsciiUpper(b)) {
        if (prevCased) return false;
        prevCased = cased = true;
      } else if (isAsciiLower(b)) {
        if (!prevCased) return false;
        prevCased = cased = true;
      } else prevCased = false;
    }
    return cased;
  }
  isalnum(): boolean {
    return (
      this.data.length > 0 &&
      this.data.every((b) => (b >= 48 && b <= 57) || isAsciiUpper(b) || isAsciiLower(b))
    );
  }
  isascii(): boolean {
    return this.data.every((b) => b < 128);
  }

  // ---- padding

  private pad(name: string, width: unknown, fillchar: unknown, where: "l" | "r" | "c"): this {
    const w = indexNumber(width);
    let fill = 32;
    if (fillchar !== undefined) {
      if (!(fillchar instanceof BytesLike) || fillchar.data.length !== 1) {
        throw new PyTypeError(
          `${name}() argument 2 must be a byte string of length 1, not ${typeName(fillchar)}`,
        );
      }
      fill = fillchar.data[0]!;
    }
    const n = this.data.length;
    if (n >= w) return this.make(this.data.slice());
    const marg = w - n;
    const left = where === "l" ? 0 : where === "r" ? marg : Math.floor(marg / 2) + (marg & w & 1);
    const out = new Uint8Array(w).fill(fill);
    out.set(this.data, left);
    return this.make(out);
  }
  ljust(width: unknown, fillchar?: unknown): this {
    return this.pad("ljust", width, fillchar, "l");
  }
  rjust(width: unknown, fillchar?: unknown): this {
    return this.pad("rjust", width, fillchar, "r");
  }
  center(width: unknown, fillchar?: unknown): this {
    return this.pad("center", width, fillchar, "c");
  }
  zfill(width: unknown): this {
    const w = indexNumber(width);
    const d = this.data;
    if (d.length >= w) return this.make(d.slice());
    const out = new Uint8Array(w).fill(48);
    out.set(d, w - d.length);
    // A sign moves to the front: `b"-5".zfill(4) == b"-005"`.
    if (d.length > 0 && (d[0] === 43 || d[0] === 45)) {
      out[0] = d[0]!;
      out[w - d.length] = 48;
    }
    return this.make(out);
  }
  expandtabs(tabsize: unknown = 8n): this {
    const ts = indexNumber(tabsize);
    const out: number[] = [];
    let col = 0;
    for (const b of this.data) {
      if (b === 9) {
        if (ts > 0) {
          const k = ts - (col % ts);
          for (let j = 0; j < k; j++) out.push(32);
          col += k;
        }
      } else {
        out.push(b);
        col = b === 10 || b === 13 ? 0 : col + 1;
      }
    }
    return this.make(Uint8Array.from(out));
  }

  // ---- prefixes, partitions, splitting

  removeprefix(prefix: unknown): this {
    const p = toBytesData(prefix);
    return BytesLike.prototype.startswith.call(this, prefix)
      ? this.make(this.data.slice(p.length))
      : this.make(this.data.slice());
  }
  removesuffix(suffix: unknown): this {
    const p = toBytesData(suffix);
    return p.length > 0 && BytesLike.prototype.endswith.call(this, suffix)
      ? this.make(this.data.slice(0, this.data.length - p.length))
      : this.make(this.data.slice());
  }
  rpartition(sep: unknown): Tuple {
    const sb = toBytesData(sep);
    if (sb.length === 0) throw new ValueError("empty separator");
    const k = this.rfindSub(sb, 0, this.data.length);
    const empty = () => this.make(new Uint8Array(0));
    if (k < 0) return new Tuple([empty(), empty(), this.make(this.data.slice())]);
    return new Tuple([
      this.make(this.data.slice(0, k)),
      this.make(sb.slice()),
      this.make(this.data.slice(k + sb.length)),
    ]);
  }
  rsplit(sep: unknown = null, maxsplit: unknown = -1n): this[] {
    const max = indexNumber(maxsplit);
    const d = this.data;
    const out: this[] = [];
    if (sep === null || sep === undefined) {
      let i = d.length;
      let splits = 0;
      while (i > 0) {
        while (i > 0 && isSpaceByte(d[i - 1]!)) i--;
        if (i === 0) break;
        if (max >= 0 && splits >= max) {
          out.push(this.make(d.slice(0, i)));
          break;
        }
        let j = i;
        while (j > 0 && !isSpaceByte(d[j - 1]!)) j--;
        out.push(this.make(d.slice(j, i)));
        splits++;
        i = j;
      }
      return out.reverse();
    }
    const sb = toBytesData(sep);
    if (sb.length === 0) throw new ValueError("empty separator");
    let end = d.length;
    let splits = 0;
    for (;;) {
      const k = max >= 0 && splits >= max ? -1 : this.rfindSub(sb, 0, end);
      if (k < 0) {
        out.push(this.make(d.slice(0, end)));
        return out.reverse();
      }
      out.push(this.make(d.slice(k + sb.length, end)));
      end = k;
      splits++;
    }
  }
  /** Lines end at `\n`, `\r` or `\r\n` (bytes know no other line boundaries). */
  splitlines(keepends: unknown = false): this[] {
    const keep = truthy(keepends);
    const d = this.data;
    const out: this[] = [];
    let start = 0;
    let i = 0;
    while (i < d.length) {
      if (d[i] === 10 || d[i] === 13) {
        const eol = d[i] === 13 && d[i + 1] === 10 ? i + 2 : i + 1;
        out.push(this.make(d.slice(start, keep ? eol : i)));
        start = i = eol;
      } else i++;
    }
    if (start < d.length) out.push(this.make(d.slice(start)));
    return out;
  }

  // ---- translation

  translate(table: unknown, del: unknown = undefined): this {
    let map: Uint8Array | null = null;
    if (table !== null) {
      map = toBytesData(table);
      if (map.length !== 256) throw new ValueError("translation table must be 256 characters long");
    }
    const drop = del === undefined ? null : new Set(toBytesData(del));
    const out: number[] = [];
    for (const b of this.data) {
      if (drop?.has(b)) continue;
      out.push(map === null ? b : map[b]!);
    }
    return this.make(Uint8Array.from(out));
  }
  /** `bytes.maketrans(frm, to)`: a 256-byte table mapping `frm`'s bytes to `to`'s. */
  static maketrans(frm: unknown, to: unknown): Bytes {
    const f = toBytesData(frm);
    const t = toBytesData(to);
    if (f.length !== t.length) throw new ValueError("maketrans arguments must have same length");
    const table = Uint8Array.from({ length: 256 }, (_, i) => i);
    f.forEach((b, i) => {
      table[b] = t[i]!;
    });
    return new Bytes(table);
  }
  maketrans(frm: unknown, to: unknown): Bytes {
    return BytesLike.maketrans(frm, to);
  }
}

/**
 * The methods of bytes and bytearray that take keyword arguments (their Argument Clinic
 * signatures; the others are positional-only): `line.decode(errors="replace")`,
 * `data.split(maxsplit=1)`. A call ending with keywords has them placed by name.
 */
const KEYWORD_PARAMS: Record<string, string[]> = {
  decode: ["encoding", "errors"],
  hex: ["sep", "bytes_per_sep"],
  split: ["sep", "maxsplit"],
  rsplit: ["sep", "maxsplit"],
  splitlines: ["keepends"],
  expandtabs: ["tabsize"],
  translate: ["", "delete"],
};
for (const [name, params] of Object.entries(KEYWORD_PARAMS)) {
  const proto = BytesLike.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const method = proto[name]!;
  const withKeywords = function (this: BytesLike, ...args: unknown[]): unknown {
    const n = args.length;
    if (n === 0 || !(args[n - 1] instanceof Kw)) return method.apply(this, args);
    const [pos, kws] = splitKw(args);
    if (pos.length > params.length) {
      const given = pos.length + Object.keys(kws).length;
      throw new PyTypeError(`${name}() takes at most ${params.length} arguments (${given} given)`);
    }
    const out: unknown[] = [...pos];
    for (const [k, v] of Object.entries(kws)) {
      const i = params.indexOf(k);
      if (i < 0) throw new PyTypeError(`${name}() got an unexpected keyword argument '${k}'`);
      if (i < pos.length) {
        throw new PyTypeError(
          `argument for ${name}() given by name ('${k}') and position (${i + 1})`,
        );
      }
      out[i] = v;
    }
    return method.apply(this, out);
  };
  Object.defineProperty(withKeywords, "name", { value: name });
  Object.defineProperty(proto, name, {
    value: withKeywords,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

function isAsciiUpper(b: number): boolean {
  return b >= 65 && b <= 90;
}
function isAsciiLower(b: number): boolean {
  return b >= 97 && b <= 122;
}
function asciiUpper(b: number): number {
  return isAsciiLower(b) ? b - 32 : b;
}
function asciiLower(b: number): number {
  return isAsciiUpper(b) ? b + 32 : b;
}
function isSpaceByte(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The `sub` of find/count/index: a bytes-like object or an int in range(256). */
function subBytes(x: unknown): Uint8Array {
  if (isInt(x)) {
    const v = toBigInt(x);
    if (v < 0n || v > 255n) throw new ValueError("byte must be in range(0, 256)");
    return Uint8Array.of(Number(v));
  }
  if (x instanceof BytesLike) return x.data;
  if (x instanceof Uint8Array) return x;
  throw new PyTypeError(`argument should be integer or bytes-like object, not '${typeName(x)}'`);
}

/** The bytes of a bytes-like argument, or TypeError. */
export function toBytesData(x: unknown): Uint8Array {
  if (x instanceof BytesLike) return x.data;
  if (x instanceof Uint8Array) return x;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** `b'...'` for the given data. */
export function bytesReprBody(data: Uint8Array, bytearray = false): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of data) {
    if (b === 39) hasSingle = true;
    else if (b === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const b of data) {
    // bytearray's repr escapes `'` whatever the quote (CPython's bytearray_repr)
    if (b === quote.charCodeAt(0) || b === 92 || (bytearray && b === 39)) {
      out += `\\${String.fromCharCode(b)}`;
    } else if (b === 9) out += "\\t";
    else if (b === 10) out += "\\n";
    else if (b === 13) out += "\\r";
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(b);
  }
  return out + quote;
}

export class Bytes extends BytesLike {
  protected make(data: Uint8Array): this {
    return new Bytes(data) as this;
  }
  protected typeLabel(): string {
    return "byte";
  }
  __hash__(): bigint {
    return hashBytes(this.data);
  }
  /** `bytes.fromhex(s)` (a classmethod: a subclass gets `Cls(bytes)`, as CPython makes it). */
  static fromhex(this: Function, s: unknown): unknown {
    const b = new Bytes(fromhex(s));
    return this === Bytes ? b : call(this, b);
  }
}
markBuiltinClass(Bytes, "bytes");

export class ByteArray extends BytesLike {
  // Its own generator, whose iterators are `bytearray_iterator`s (types.ts, `nameIterators`).
  override *[Symbol.iterator](): Iterator<bigint> {
    for (const b of this.data) yield BigInt(b);
  }

  protected make(data: Uint8Array): this {
    return new ByteArray(data) as this;
  }
  protected typeLabel(): string {
    return "bytearray";
  }
  __setitem__(i: unknown, v: unknown): void {
    if (i instanceof Slice) {
      this.assignSlice(i, v);
      return;
    }
    // CPython checks the index's type, then the value, then the index's range
    if (!isInt(i) && typeof i === "object" && i !== null && "__index__" in i) i = index(i);
    if (!isInt(i)) {
      throw new PyTypeError(`bytearray indices must be integers or slices, not ${typeName(i)}`);
    }
    const b = byteValue(v);
    this.data[this.position(i)] = b;
  }
  __delitem__(i: unknown): void {
    if (i instanceof Slice) {
      const [s, e, st] = i.adjust(this.data.length);
      const drop = new Set<number>();
      if (st > 0) for (let k = s; k < e; k += st) drop.add(k);
      else for (let k = s; k > e; k += st) drop.add(k);
      this.data = this.data.filter((_, k) => !drop.has(k));
      return;
    }
    const k = this.position(i);
    this.data = concatBytes([this.data.slice(0, k), this.data.slice(k + 1)]);
  }
  /** The in-range JS index of an int (or `__index__`) subscript. */
  private position(i: unknown): number {
    if (!isInt(i) && typeof i === "object" && i !== null && "__index__" in i) i = index(i);
    if (!isInt(i)) {
      throw new PyTypeError(`bytearray indices must be integers or slices, not ${typeName(i)}`);
    }
    let k = Number(toBigInt(i));
    if (k < 0) k += this.data.length;
    if (k < 0 || k >= this.data.length) throw new IndexError("bytearray index out of range");
    return k;
  }
  /** `ba[a:b:c] = v`: bytes-likes or iterables of ints; extended slices keep their size. */
  private assignSlice(sl: Slice, v: unknown): void {
    let src: Uint8Array;
    if (v instanceof BytesLike) src = v.data.slice();
    else if (v === null || v === undefined) {
      throw new PyTypeError(`cannot convert '${typeName(v)}' object to bytearray`);
    } else if (typeof v === "string" || isInt(v) || tryIter(v) === null) {
      throw new PyTypeError(
        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
      );
    } else src = Uint8Array.from([...iter(v)].map(byteValue));
    const [s, e, st] = sl.adjust(this.data.length);
    if (st === 1) {
      this.data = concatBytes([this.data.slice(0, s), src, this.data.slice(Math.max(s, e))]);
      return;
    }
    const idx: number[] = [];
    if (st > 0) for (let k = s; k < e; k += st) idx.push(k);
    else for (let k = s; k > e; k += st) idx.push(k);
    if (src.length === 0) {
      // CPython deletes an extended slice that is assigned nothing (`ba[::2] = b""`)
      const drop = new Set(idx);
      this.data = this.data.filter((_, k) => !drop.has(k));
      return;
    }
    if (idx.length !== src.length) {
      throw new ValueError(
        `attempt to assign bytes of size ${src.length} to extended slice of size ${idx.length}`,
      );
    }
    idx.forEach((k, j) => {
      this.data[k] = src[j];
    });
  }
  append(v: unknown): void {
    const out = new Uint8Array(this.data.length + 1);
    out.set(this.data);
    out[this.data.length] = byteValue(v);
    this.data = out;
  }
  extend(it: unknown): void {
    if (typeof it === "string" || strBase(it) !== undefined) {
      throw new PyTypeError(`expected iterable of integers; got: '${typeName(it)}'`);
    }
    if (!(it instanceof BytesLike) && tryIter(it) === null) {
      throw new PyTypeError(`can't extend bytearray with ${typeName(it)}`);
    }
    const more = it instanceof BytesLike ? it.data : Uint8Array.from([...iter(it)].map(byteValue));
    this.data = concatBytes([this.data, more]);
  }
  __iadd__(other: unknown): this {
    // a bytes-like object only (CPython's bytearray_iconcat takes a buffer, not an iterable)
    if (!(other instanceof BytesLike)) {
      throw new PyTypeError(`can't concat ${typeName(other)} to bytearray`);
    }
    this.data = concatBytes([this.data, other.data]);
    return this;
  }
  pop(i: unknown = -1n): bigint {
    if (this.data.length === 0) throw new IndexError("pop from empty bytearray");
    let k = indexNumber(i);
    if (k < 0) k += this.data.length;
    if (k < 0 || k >= this.data.length) throw new IndexError("pop index out of range");
    const v = this.data[k];
    this.data = concatBytes([this.data.slice(0, k), this.data.slice(k + 1)]);
    return BigInt(v);
  }
  clear(): void {
    this.data = new Uint8Array(0);
  }
  insert(i: unknown, v: unknown): void {
    let k = indexNumber(i);
    const n = this.data.length;
    if (k < 0) k = Math.max(0, k + n);
    k = Math.min(k, n);
    this.data = concatBytes([
      this.data.slice(0, k),
      Uint8Array.of(byteValue(v)),
      this.data.slice(k),
    ]);
  }
  remove(v: unknown): void {
    const k = this.data.indexOf(byteValue(v));
    if (k < 0) throw new ValueError("value not found in bytearray");
    this.deleteRange(k, k + 1);
  }
  reverse(): void {
    this.data.reverse();
  }
  copy(): ByteArray {
    return new ByteArray(this.data.slice());
  }
  /** `del ba[a:b]` with normalized indices. */
  deleteRange(start: number, end: number): void {
    this.data = concatBytes([this.data.slice(0, start), this.data.slice(end)]);
  }
  /** `bytearray.fromhex(s)` (a classmethod: a subclass gets `Cls(bytearray)`). */
  static fromhex(this: Function, s: unknown): unknown {
    const b = new ByteArray(fromhex(s));
    return this === ByteArray ? b : call(this, b);
  }
  static readonly __hash__ = null;
}
(ByteArray.prototype as unknown as { __hash__: null }).__hash__ = null;
markBuiltinClass(ByteArray, "bytearray");

function byteValue(v: unknown): number {
  const n = index(v);
  if (n < 0n || n > 255n) throw new ValueError("byte must be in range(0, 256)");
  return Number(n);
}

function fromhex(s: unknown): Uint8Array {
  if (typeof s !== "string")
    throw new PyTypeError(`fromhex() argument must be str, not ${typeName(s)}`);
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    if (
      s[i] === " " ||
      s[i] === "\t" ||
      s[i] === "\n" ||
      s[i] === "\r" ||
      s[i] === "\f" ||
      s[i] === "\v"
    ) {
      i++;
      continue;
    }
    const pair = s.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
      const bad = /^[0-9a-fA-F]$/.test(s[i]) ? i + 1 : i;
      throw new ValueError(`non-hexadecimal number found in fromhex() arg at position ${bad}`);
    }
    out.push(Number.parseInt(pair, 16));
    i += 2;
  }
  return Uint8Array.from(out);
}

/**
 * The `(source, encoding, errors)` of a `bytes(...)`/`bytearray(...)` call whose last argument
 * may be keywords (`bytes(b, errors="x")`), checked as CPython checks them.
 */
export function bytesCallArgs(name: string, args: unknown[]): [unknown, unknown, unknown] {
  const [pos, kw] = splitKw(args);
  if (pos.length > 3) {
    const n = pos.length + Object.keys(kw).length;
    throw new PyTypeError(`${name}() takes at most 3 arguments (${n} given)`);
  }
  const out: [unknown, unknown, unknown] = [pos[0], pos[1], pos[2]];
  for (const [k, v] of Object.entries(kw)) {
    const i = BYTES_PARAMS.indexOf(k);
    if (i < 0) throw new PyTypeError(`${name}() got an unexpected keyword argument '${k}'`);
    if (i < pos.length) {
      throw new PyTypeError(
        `argument for ${name}() given by name ('${k}') and position (${i + 1})`,
      );
    }
    out[i] = v;
  }
  return out;
}
const BYTES_PARAMS = ["source", "encoding", "errors"];

/**
 * `bytes(obj)`'s `obj.__bytes__()` (looked up as CPython does, after the encoding checks): the
 * bytes it returns, or undefined when `obj` has no `__bytes__`.
 */
export function bytesFromDunder(src: unknown): Bytes | undefined {
  if (typeof src !== "object" || src === null) return undefined;
  const f = (src as { __bytes__?: unknown }).__bytes__;
  if (typeof f !== "function") return undefined;
  const r = f.call(src);
  if (!(r instanceof Bytes)) {
    throw new PyTypeError(`__bytes__ returned non-bytes (type ${typeName(r)})`);
  }
  return r;
}

/** `bytes(x)` / `bytes(s, encoding, errors)` (`kind` "bytearray" for `bytearray(...)`). */
export function makeBytesData(
  src: unknown,
  encoding?: unknown,
  errors?: unknown,
  kind = "bytes",
): Uint8Array {
  if (typeof src === "string") {
    if (encoding === undefined) throw new PyTypeError("string argument without an encoding");
    return encode(src, String(encoding), errors === undefined ? "strict" : String(errors));
  }
  if (encoding !== undefined) throw new PyTypeError("encoding without a string argument");
  if (errors !== undefined) throw new PyTypeError("errors without a string argument");
  if (src === undefined) return new Uint8Array(0);
  if (
    isInt(src) ||
    typeof (src as { __int_value__?: unknown })?.__int_value__ === "bigint" ||
    (!(src instanceof BytesLike) &&
      typeof (src as { __index__?: unknown } | null)?.__index__ === "function")
  ) {
    const n = index(src);
    if (n < 0n) throw new ValueError("negative count");
    return new Uint8Array(Number(n));
  }
  if (src instanceof BytesLike) return src.data.slice();
  const it = typeof src === "number" ? null : tryIter(src);
  if (it === null) throw new PyTypeError(`cannot convert '${typeName(src)}' object to ${kind}`);
  const out: number[] = [];
  for (const v of it) {
    const n = index(v);
    if (n < 0n || n > 255n) {
      throw new ValueError(`${kind === "bytes" ? "bytes" : "byte"} must be in range(0, 256)`);
    }
    out.push(Number(n));
  }
  return Uint8Array.from(out);
}

/** `str(b, encoding, errors)`: decode. */
export function strFromBytes(value: unknown, encoding?: unknown, errors?: unknown): string {
  const data = toBytesData(value);
  return decode(
    data,
    encoding === undefined ? "utf-8" : String(encoding),
    errors === undefined ? "strict" : String(errors),
  );
}

/** Value equality of two bytes-like objects. */
export function bytesEqual(a: BytesLike, b: BytesLike): boolean {
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}

/** -1, 0, 1 lexicographic comparison. */
export function bytesCompare(a: BytesLike, b: BytesLike): number {
  const n = Math.min(a.data.length, b.data.length);
  for (let i = 0; i < n; i++) if (a.data[i] !== b.data[i]) return a.data[i] < b.data[i] ? -1 : 1;
  return a.data.length === b.data.length ? 0 : a.data.length < b.data.length ? -1 : 1;
}
