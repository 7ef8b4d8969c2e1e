/**
 * Python's `struct`: `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from`, `iter_unpack`, the
 * `Struct` class (`_struct.Struct`) and `struct.error`, as CPython 3.13's `Modules/_struct.c` on
 * x86-64 Linux.
 *
 * HOW A FORMAT IS COMPILED
 * The format (str, ASCII-encoded, or bytes) is parsed once into a `Layout`: the byte-order prefix
 * (`@` native, `=`/`<` little-endian standard, `>`/`!` big-endian standard) picks a table of
 * codes; then each code with its repeat count becomes items at fixed offsets. Native mode aligns
 * each code on its own size (`@ci` is 8 bytes), as the C compiler does, and has the native-only
 * codes `n`, `N`, `P`; standard modes have no padding and `l`/`L` of 4 bytes. `s` and `p` take the
 * count as a length (one item), `x` is padding (no item). The parse errors are CPython's ("bad
 * char in struct format", "repeat count given without format specifier", "total struct size too
 * long", "embedded null character").
 *
 * HOW VALUES ARE CONVERTED
 * Integer codes accept ints and objects with `__index__` ("required argument is not an integer"
 * otherwise) and check the code's range ("'h' format requires -32768 <= number <= 32767"). Float
 * codes accept what `PyFloat_AsDouble` accepts ("required argument is not a float" otherwise);
 * `f` and `e` raise OverflowError for finite values out of range in standard mode (native `f` is a C
 * cast: infinity), `e` rounds half to even as `PyFloat_Pack2`. As in `s_pack_internal`, an
 * OverflowError while packing an int becomes `struct.error: int too large to convert`.
 *
 * The module-level functions cache one `Struct` per format, as CPython does (so an unhashable
 * format raises "unhashable type").
 *
 * Differences from CPython: memoryview and other buffer-protocol objects do not exist in the
 * runtime (bytes and bytearray only); the sign and payload of a NaN are not kept (JS NaNs are
 * canonical); keyword-argument errors do not add CPython's "Did you mean ...?" suggestion.
 */

import { ByteArray, Bytes, BytesLike } from "../bytes";
import { encode } from "../codecs";
import {
  AttributeError,
  Exception,
  IndexError,
  OverflowError,
  TypeError as PyTypeError,
  StopIteration,
} from "../exceptions";
import { hash } from "../hash";
import { Kw } from "../kw";
import { index, intToFloat, isInt, NEGATIVE_NAN, toBigInt } from "../numbers";
import { className, markBuiltinClass } from "../objects";
import { truthy } from "../protocol";
import { strRepr } from "../repr";
import { Tuple } from "../tuple";
import { typeName, typeOf } from "../types";
import { cFunctions } from "./_cfunctions";
import { clinicArgs, initFromConstructor, libraryClass } from "./types";

/** `struct.error`: raised for bad formats and values. */
export class error extends Exception {
  static __module__ = "struct";
}

// ---------------------------------------------------------------- codes

/** How one code packs and unpacks a value at an offset. */
interface Code {
  size: number;
  /** Native alignment (0 in standard modes). */
  align: number;
  pack(dv: DataView, off: number, v: unknown, le: boolean, count: number): void;
  unpack(dv: DataView, off: number, le: boolean, count: number): unknown;
}

/** A Python int argument of an integer code (`get_pylong`). */
function intArg(v: unknown): bigint {
  if (isInt(v)) return toBigInt(v);
  if (typeof (v as { __index__?: unknown } | null)?.__index__ === "function") return index(v);
  throw new error("required argument is not an integer");
}

/** A float argument (`PyFloat_AsDouble`; any failure is "required argument is not a float"). */
function floatArg(v: unknown): number {
  try {
    if (typeof v === "number") return v;
    if (isInt(v)) return intToFloat(v);
    const o = v as { __float__?: () => unknown; __index__?: unknown } | null;
    if (typeof o?.__float__ === "function") {
      const f = o.__float__();
      if (typeof f === "number") return f;
    } else if (typeof o?.__index__ === "function") return intToFloat(index(v));
  } catch {
    // Replaced by struct.error below, as `pack_double` does.
  }
  throw new error("required argument is not a float");
}

const INT_GET: Record<number, [string, string]> = {
  1: ["getInt8", "getUint8"],
  2: ["getInt16", "getUint16"],
  4: ["getInt32", "getUint32"],
  8: ["getBigInt64", "getBigUint64"],
};

/** An integer code of `size` bytes. */
function intCode(ch: string, size: number, signed: boolean, align: number): Code {
  const bits = BigInt(size * 8);
  const lo = signed ? -(1n << (bits - 1n)) : 0n;
  const hi = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  const getter = INT_GET[size]![signed ? 0 : 1]! as "getInt32";
  return {
    size,
    align,
    pack(dv, off, v, le) {
      const n = intArg(v);
      if (n < lo || n > hi) throw new error(`'${ch}' format requires ${lo} <= number <= ${hi}`);
      writeInt(dv, off, size, n, le);
    },
    unpack(dv, off, le) {
      const r = (dv[getter] as (o: number, le: boolean) => number | bigint).call(dv, off, le);
      return typeof r === "bigint" ? r : BigInt(r);
    },
  };
}

function writeInt(dv: DataView, off: number, size: number, n: bigint, le: boolean): void {
  if (size === 8) dv.setBigUint64(off, BigInt.asUintN(64, n), le);
  else if (size === 4) dv.setUint32(off, Number(BigInt.asUintN(32, n)), le);
  else if (size === 2) dv.setUint16(off, Number(BigInt.asUintN(16, n)), le);
  else dv.setUint8(off, Number(BigInt.asUintN(8, n)));
}

/** Native `P` (`PyLong_AsVoidPtr`): negative values wrap, larger ones overflow. */
const pointerCode: Code = {
  size: 8,
  align: 8,
  pack(dv, off, v, le) {
    const n = intArg(v);
    if (n < -(1n << 63n)) throw new OverflowError("Python int too large to convert to C long");
    if (n >= 1n << 64n) {
      throw new OverflowError("Python int too large to convert to C unsigned long");
    }
    writeInt(dv, off, 8, n, le);
  },
  unpack: (dv, off, le) => dv.getBigUint64(off, le),
};

const F64 = new Float64Array(1);
const U8 = new Uint8Array(F64.buffer);

/** `PyFloat_Pack2`: the IEEE half-precision bits of `x`, rounded half to even. */
export function halfBits(x: number): number {
  F64[0] = x;
  // The sign bit, also of a NaN.
  const sign = (U8[7]! & 0x80) << 8;
  if (Number.isNaN(x)) return sign | 0x7e00;
  const a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  // a = f * 2**e with 1 <= f < 2.
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  if (e >= 16) throw new OverflowError("float too large to pack with e format");
  let f = a / 2 ** e;
  if (e < -25) {
    f = 0;
    e = 0;
  } else if (e < -14) {
    f = f * 2 ** (14 + e);
    e = 0;
  } else {
    e += 15;
    f -= 1;
  }
  f *= 1024;
  let bits = Math.trunc(f);
  if (f - bits > 0.5 || (f - bits === 0.5 && bits % 2 === 1)) {
    bits++;
    if (bits === 1024) {
      bits = 0;
      e++;
      if (e === 31) throw new OverflowError("float too large to pack with e format");
    }
  }
  return bits | (e << 10) | sign;
}

/** `PyFloat_Unpack2`. */
export function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0x1f) return f !== 0 ? (sign < 0 ? NEGATIVE_NAN : Number.NaN) : sign * Infinity;
  if (e === 0) return sign * f * 2 ** -24;
  return sign * (1 + f / 1024) * 2 ** (e - 15);
}

const halfCode = (align: number): Code => ({
  size: 2,
  align,
  pack: (dv, off, v, le) => dv.setUint16(off, halfBits(floatArg(v)), le),
  unpack: (dv, off, le) => halfValue(dv.getUint16(off, le)),
});

/** `f`: native is a C cast (no overflow check), standard raises OverflowError (`PyFloat_Pack4`). */
const floatCode = (native: boolean): Code => ({
  size: 4,
  align: native ? 4 : 0,
  pack(dv, off, v, le) {
    const x = floatArg(v);
    if (!native && Number.isFinite(x) && !Number.isFinite(Math.fround(x)))
      throw new OverflowError("float too large to pack with f format");
    dv.setFloat32(off, x, le);
  },
  unpack: (dv, off, le) => dv.getFloat32(off, le),
});

const doubleCode = (align: number): Code => ({
  size: 8,
  align,
  pack: (dv, off, v, le) => dv.setFloat64(off, floatArg(v), le),
  unpack: (dv, off, le) => dv.getFloat64(off, le),
});

const padCode: Code = { size: 1, align: 0, pack() {}, unpack: () => null };

const charCode: Code = {
  size: 1,
  align: 0,
  pack(dv, off, v) {
    if (!(v instanceof Bytes) || v.data.length !== 1)
      throw new error("char format requires a bytes object of length 1");
    dv.setUint8(off, v.data[0]!);
  },
  unpack: (dv, off) => new Bytes(Uint8Array.of(dv.getUint8(off))),
};

const boolCode: Code = {
  size: 1,
  align: 0,
  pack: (dv, off, v) => dv.setUint8(off, truthy(v) ? 1 : 0),
  unpack: (dv, off) => dv.getUint8(off) !== 0,
};

/** The data of an `s`/`p` argument. */
function stringArg(v: unknown, ch: string): Uint8Array {
  if (v instanceof BytesLike) return v.data;
  throw new error(`argument for '${ch}' must be a bytes object`);
}

function bytesAt(dv: DataView, off: number, n: number): Bytes {
  return new Bytes(new Uint8Array(dv.buffer, dv.byteOffset + off, n).slice());
}

/** `s`: `count` bytes, truncated or padded with zeros. */
const stringCode: Code = {
  size: 1,
  align: 0,
  pack(dv, off, v, _le, count) {
    const data = stringArg(v, "s");
    new Uint8Array(dv.buffer, dv.byteOffset + off, count).set(data.subarray(0, count));
  },
  unpack: (dv, off, _le, count) => bytesAt(dv, off, count),
};

/** `p`: a Pascal string, a length byte (at most 255) then `count - 1` bytes. */
const pascalCode: Code = {
  size: 1,
  align: 0,
  pack(dv, off, v, _le, count) {
    const data = stringArg(v, "p");
    if (count === 0) return;
    const n = Math.min(data.length, count - 1);
    new Uint8Array(dv.buffer, dv.byteOffset + off + 1, n).set(data.subarray(0, n));
    dv.setUint8(off, Math.min(n, 255));
  },
  unpack(dv, off, _le, count) {
    if (count === 0) return new Bytes();
    const n = Math.min(dv.getUint8(off), count - 1);
    return bytesAt(dv, off + 1, n);
  },
};

/** The codes of a table: native (aligned, with `n`/`N`/`P`) or standard. */
function table(native: boolean): Map<string, Code> {
  const al = (n: number) => (native ? n : 0);
  const t = new Map<string, Code>([
    ["x", padCode],
    ["c", charCode],
    ["?", boolCode],
    ["s", stringCode],
    ["p", pascalCode],
    ["e", halfCode(al(2))],
    ["f", floatCode(native)],
    ["d", doubleCode(al(8))],
  ]);
  const longSize = native ? 8 : 4;
  for (const [ch, size] of [
    ["b", 1],
    ["h", 2],
    ["i", 4],
    ["l", longSize],
    ["q", 8],
  ] as const) {
    t.set(ch, intCode(ch, size, true, al(size)));
    const u = ch.toUpperCase();
    t.set(u, intCode(u, size, false, al(size)));
  }
  if (native) {
    t.set("n", intCode("n", 8, true, 8));
    t.set("N", intCode("N", 8, false, 8));
    t.set("P", pointerCode);
  }
  return t;
}

const NATIVE = table(true);
const STANDARD = table(false);

// ---------------------------------------------------------------- layouts

/**
 * `repeat` values of a code from `offset` on (one `s`/`p` string of `count` bytes: `repeat` 1),
 * as CPython's `formatcode`.
 */
interface Item {
  code: Code;
  offset: number;
  count: number;
  repeat: number;
}

interface Layout {
  items: Item[];
  /** How many values pack takes and unpack returns. */
  nItems: number;
  size: number;
  /** `size` exactly (`calcsize`). */
  bigSize: bigint;
  littleEndian: boolean;
}

const SSIZE_MAX = 2n ** 63n - 1n;
const SSIZE_MIN = -SSIZE_MAX - 1n;
const WHITESPACE = " \t\n\r\x0b\x0c";

/** Parse a format's bytes (see the header). */
function compile(fmt: Uint8Array): Layout {
  if (fmt.includes(0)) throw new error("embedded null character");
  const text = String.fromCharCode(...fmt);
  let pos = 0;
  let codes = NATIVE;
  let littleEndian = true;
  const first = text[0];
  if (first !== undefined && "@=<>!".includes(first)) {
    pos = 1;
    if (first !== "@") codes = STANDARD;
    littleEndian = first === "@" || first === "=" || first === "<";
  }
  const overflow = () => new error("total struct size too long");
  const items: Item[] = [];
  let nItems = 0;
  // Sizes as bigints: a repeat count may be up to 2**63 - 1 (`calcsize("9223372036854775807s")`).
  let size = 0n;
  while (pos < text.length) {
    let c = text[pos++]!;
    if (WHITESPACE.includes(c)) continue;
    let num = 1n;
    if (c >= "0" && c <= "9") {
      let digits = c;
      while (pos < text.length && text[pos]! >= "0" && text[pos]! <= "9") digits += text[pos++];
      num = BigInt(digits);
      if (num > SSIZE_MAX) throw overflow();
      if (pos >= text.length) throw new error("repeat count given without format specifier");
      c = text[pos++]!;
    }
    const code = codes.get(c);
    if (code === undefined) throw new error("bad char in struct format");
    const align = BigInt(code.align);
    if (align > 0n && size > 0n) size += align - 1n - ((size - 1n) % align);
    if (num > (SSIZE_MAX - size) / BigInt(code.size)) throw overflow();
    const offset = Number(size);
    if (c === "s" || c === "p") {
      items.push({ code, offset, count: Number(num), repeat: 1 });
      nItems++;
    } else if (c !== "x" && num > 0n) {
      items.push({ code, offset, count: 1, repeat: Number(num) });
      nItems += Number(num);
    }
    size += num * BigInt(code.size);
  }
  return { items, nItems, size: Number(size), bigSize: size, littleEndian };
}

/** The bytes of a format argument (`Struct(format)`), or CPython's TypeError. */
function formatBytes(fmt: unknown): Uint8Array {
  if (typeof fmt === "string") return encode(fmt, "ascii");
  if (fmt instanceof Bytes) return fmt.data;
  throw new PyTypeError(`Struct() argument 1 must be a str or bytes object, not ${typeName(fmt)}`);
}

/** The data of a buffer to unpack. */
function readBuffer(x: unknown): Uint8Array {
  if (x instanceof BytesLike) return x.data;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** The data of a writable buffer (`pack_into`). */
function writeBuffer(x: unknown): Uint8Array {
  if (x instanceof ByteArray) return x.data;
  throw new PyTypeError(`argument must be read-write bytes-like object, not ${typeName(x)}`);
}

/** A Py_ssize_t argument (`unpack_from`'s offset). */
function ssizeArg(x: unknown): number {
  const n = index(x);
  if (n > SSIZE_MAX || n < SSIZE_MIN)
    throw new OverflowError("Python int too large to convert to C ssize_t");
  return Number(n);
}

/**
 * Where `size` bytes start in a buffer of `length` bytes at offset `off` (negative: from the end),
 * with the errors of `pack_into` (`packing`) or `unpack_from`.
 */
function placeAt(off: number, size: number, length: number, packing: boolean): number {
  if (off < 0) {
    if (off + size > 0) {
      const what = packing ? "no space to pack" : "not enough data to unpack";
      throw new error(`${what} ${size} bytes at offset ${off}`);
    }
    if (off + length < 0) throw new error(`offset ${off} out of range for ${length}-byte buffer`);
    off += length;
  }
  if (length - off < size) {
    const [fname, verb] = packing ? ["pack_into", "packing"] : ["unpack_from", "unpacking"];
    throw new error(
      `${fname} requires a buffer of at least ${size + off} bytes for ${verb} ${size} bytes at offset ${off} (actual buffer size is ${length})`,
    );
  }
  return off;
}

/** Refuse keyword arguments (`pack(fmt, x=1)`). */
function noKeywords(fname: string, args: unknown[]): void {
  if (args.length > 0 && args[args.length - 1] instanceof Kw)
    throw new PyTypeError(`${fname}() takes no keyword arguments`);
}

/** Exactly one positional argument (`Struct.unpack(buffer)`). */
function oneArg(fname: string, args: unknown[]): unknown {
  noKeywords(fname, args);
  if (args.length !== 1)
    throw new PyTypeError(`${fname}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

// ---------------------------------------------------------------- Struct

class StructImpl {
  #format = "";
  #layout: Layout = { items: [], nItems: 0, size: 0, bigSize: 0n, littleEndian: true };

  constructor(...args: unknown[]) {
    initFromConstructor(this, new.target, StructImpl, args);
  }

  /** `Struct.__init__(format)`: a subclass's `__init__` calls it with `super().__init__(...)`. */
  __init__(...args: unknown[]): null {
    const [fmt] = clinicArgs("Struct", args, ["format"], 1);
    const data = formatBytes(fmt);
    this.#layout = compile(data);
    this.#format = typeof fmt === "string" ? fmt : String.fromCharCode(...data);
    return null;
  }

  get format(): string {
    return this.#format;
  }
  set format(_v: unknown) {
    throw new AttributeError("attribute 'format' of '_struct.Struct' objects is not writable");
  }

  get size(): bigint {
    return this.#layout.bigSize;
  }
  set size(_v: unknown) {
    throw new AttributeError("attribute 'size' of '_struct.Struct' objects is not writable");
  }

  /** `size` as a JS number. */
  get byteSize(): number {
    return this.#layout.size;
  }

  __repr__(): string {
    return `${className(typeOf(this))}(${strRepr(this.#format)})`;
  }

  /** Pack `values` into `out` at `offset` (checked by the caller). */
  packTo(what: string, out: Uint8Array, offset: number, values: unknown[]): void {
    const { items, nItems, littleEndian, size } = this.#layout;
    if (values.length !== nItems)
      throw new error(`${what} expected ${nItems} items for packing (got ${values.length})`);
    out.fill(0, offset, offset + size);
    const dv = new DataView(out.buffer, out.byteOffset + offset, size);
    let i = 0;
    for (const { code, offset: at, count, repeat } of items) {
      for (let k = 0; k < repeat; k++) {
        const v = values[i++];
        try {
          code.pack(dv, at + k * code.size, v, littleEndian, count);
        } catch (e) {
          if (e instanceof OverflowError && isInt(v)) throw new error("int too large to convert");
          throw e;
        }
      }
    }
  }

  /** Unpack the values at `offset` of `data` (checked by the caller). */
  unpackAt(data: Uint8Array, offset: number): Tuple {
    const { items, littleEndian, size } = this.#layout;
    const dv = new DataView(data.buffer, data.byteOffset + offset, size);
    const values: unknown[] = [];
    for (const { code, offset: at, count, repeat } of items) {
      for (let k = 0; k < repeat; k++)
        values.push(code.unpack(dv, at + k * code.size, littleEndian, count));
    }
    return new Tuple(values);
  }

  pack(...values: unknown[]): Bytes {
    noKeywords("Struct.pack", values);
    return this.packed("pack", values);
  }

  packed(what: string, values: unknown[]): Bytes {
    const out = new Uint8Array(this.#layout.size);
    this.packTo(what, out, 0, values);
    return new Bytes(out);
  }

  pack_into(...args: unknown[]): null {
    noKeywords("Struct.pack_into", args);
    return this.packInto(args);
  }

  packInto(args: unknown[]): null {
    const size = this.#layout.size;
    const nItems = this.#layout.nItems;
    if (args.length !== nItems + 2) {
      if (args.length === 0) throw new error("pack_into expected buffer argument");
      if (args.length === 1) throw new error("pack_into expected offset argument");
      throw new error(`pack_into expected ${nItems} items for packing (got ${args.length - 2})`);
    }
    const out = writeBuffer(args[0]);
    const offset = index(args[1]);
    if (offset > SSIZE_MAX || offset < SSIZE_MIN)
      throw new IndexError(`cannot fit '${typeName(args[1])}' into an index-sized integer`);
    const off = placeAt(Number(offset), size, out.length, true);
    this.packTo("pack_into", out, off, args.slice(2));
    return null;
  }

  unpack(...args: unknown[]): Tuple {
    return this.unpacked(readBuffer(oneArg("Struct.unpack", args)));
  }

  unpacked(data: Uint8Array): Tuple {
    if (data.length !== this.#layout.size)
      throw new error(`unpack requires a buffer of ${this.#layout.size} bytes`);
    return this.unpackAt(data, 0);
  }

  unpack_from(...args: unknown[]): Tuple {
    const [buffer, offset] = clinicArgs("unpack_from", args, ["buffer", "offset"], 1);
    return this.unpackedFrom(buffer, offset);
  }

  unpackedFrom(buffer: unknown, offset: unknown): Tuple {
    const data = readBuffer(buffer);
    const size = this.#layout.size;
    const off = placeAt(offset === undefined ? 0 : ssizeArg(offset), size, data.length, false);
    return this.unpackAt(data, off);
  }

  iter_unpack(...args: unknown[]): UnpackIterator {
    return this.iterUnpack(oneArg("Struct.iter_unpack", args));
  }

  iterUnpack(buffer: unknown): UnpackIterator {
    const data = readBuffer(buffer);
    const size = this.#layout.size;
    if (size === 0) throw new error("cannot iteratively unpack with a struct of length 0");
    if (data.length % size !== 0) {
      throw new error(`iterative unpacking requires a buffer of a multiple of ${size} bytes`);
    }
    return new UnpackIterator(this, data);
  }
}

export const Struct = libraryClass(StructImpl, "Struct", "_struct");
export type Struct = StructImpl;

/** `_struct.unpack_iterator`: the iterator of `iter_unpack`. */
export class UnpackIterator implements IterableIterator<Tuple> {
  static __module__ = "_struct";
  #pos = 0;
  constructor(
    private readonly struct: StructImpl,
    private readonly data: Uint8Array,
  ) {}

  next(): IteratorResult<Tuple> {
    const size = this.struct.byteSize;
    if (this.#pos + size > this.data.length) return { done: true, value: undefined };
    const t = this.struct.unpackAt(this.data, this.#pos);
    this.#pos += size;
    return { done: false, value: t };
  }
  [Symbol.iterator](): this {
    return this;
  }
  __iter__(): this {
    return this;
  }
  __next__(): Tuple {
    const r = this.next();
    if (r.done) throw new StopIteration();
    return r.value;
  }
  __length_hint__(): bigint {
    return BigInt((this.data.length - this.#pos) / this.struct.byteSize);
  }
}
markBuiltinClass(UnpackIterator, "unpack_iterator");
(UnpackIterator as unknown as { __module__: string }).__module__ = "_struct";

// ---------------------------------------------------------------- module functions

const CACHE = new Map<string, StructImpl>();
const CACHE_MAX = 100;

/** The cached `Struct` of a format argument (`cache_struct_converter`). */
function cached(fmt: unknown): StructImpl {
  let key: string;
  if (typeof fmt === "string") key = `s${fmt}`;
  else if (fmt instanceof Bytes) key = `b${String.fromCharCode(...fmt.data)}`;
  else {
    hash(fmt); // "unhashable type: 'bytearray'" comes first, as in CPython
    return new StructImpl(fmt);
  }
  let s = CACHE.get(key);
  if (s === undefined) {
    s = new StructImpl(fmt);
    if (CACHE.size >= CACHE_MAX) CACHE.clear();
    CACHE.set(key, s);
  }
  return s;
}

/** The format and the other arguments of a module function (`pack(format, /, *values)`). */
function formatAndRest(fname: string, args: unknown[]): [StructImpl, unknown[]] {
  noKeywords(`_struct.${fname}`, args);
  if (args.length === 0) throw new PyTypeError("missing format argument");
  return [cached(args[0]), args.slice(1)];
}

/** Exactly `format` and `buffer` (`unpack`, `iter_unpack`). */
function formatAndBuffer(fname: string, args: unknown[]): [StructImpl, unknown] {
  noKeywords(`_struct.${fname}`, args);
  if (args.length !== 2) throw new PyTypeError(`${fname} expected 2 arguments, got ${args.length}`);
  return [cached(args[0]), args[1]];
}

/** `struct.pack(format, /, *values)`. */
export function pack(...args: unknown[]): Bytes {
  const [s, values] = formatAndRest("pack", args);
  return s.packed("pack", values);
}

/** `struct.pack_into(format, buffer, offset, /, *values)`. */
export function pack_into(...args: unknown[]): null {
  const [s, rest] = formatAndRest("pack_into", args);
  return s.packInto(rest);
}

/** `struct.unpack(format, buffer, /)`. */
export function unpack(...args: unknown[]): Tuple {
  const [s, buffer] = formatAndBuffer("unpack", args);
  return s.unpacked(readBuffer(buffer));
}

/** `struct.unpack_from(format, /, buffer, offset=0)`. */
export function unpack_from(...args: unknown[]): Tuple {
  const [fmt, buffer, offset] = clinicArgs("unpack_from", args, ["format", "buffer", "offset"], 2);
  return cached(fmt).unpackedFrom(buffer, offset);
}

/** `struct.iter_unpack(format, buffer, /)`. */
export function iter_unpack(...args: unknown[]): UnpackIterator {
  const [s, buffer] = formatAndBuffer("iter_unpack", args);
  return s.iterUnpack(buffer);
}

/** `struct.calcsize(format, /)`. */
export function calcsize(...args: unknown[]): bigint {
  return cached(oneArg("_struct.calcsize", args)).size;
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("_struct", [pack, pack_into, unpack, unpack_from, iter_unpack, calcsize]);
