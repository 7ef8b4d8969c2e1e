/**
 * Python's `binascii`: `hexlify`/`b2a_hex` (with `sep` and `bytes_per_sep`), `unhexlify`/
 * `a2b_hex`, `b2a_base64` (`newline=`), `a2b_base64` (`strict_mode=`), `crc32`, and the exceptions
 * `Error` (a ValueError) and `Incomplete`. `base64` (stdlib/base64.ts) is built on these, as in
 * CPython.
 *
 * Decoding follows `Modules/binascii.c`: outside strict mode, characters that are not base64 are
 * skipped and the data ends at the first complete padding; its errors are CPython's ("Incorrect
 * padding", "Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a
 * multiple of 4", "Only base64 data is allowed", "Excess data after padding", "Odd-length string",
 * "Non-hexadecimal digit found"). ASCII `str` is accepted where CPython accepts it (the `a2b_*`
 * functions); other str raises "string argument should contain only ASCII characters".
 *
 * Differences from CPython: `a2b_uu`/`b2a_uu`, `a2b_qp`/`b2a_qp` and `crc_hqx` are missing.
 */

import { Bytes, BytesLike } from "../bytes";
import { Exception, TypeError as PyTypeError, ValueError } from "../exceptions";
import { index } from "../numbers";
import { truthy } from "../protocol";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { bindArgs } from "./types";

/** `binascii.Error`: raised for malformed data. */
export class Error extends ValueError {
  static __module__ = "binascii";
}

/** `binascii.Incomplete`: raised for incomplete data (not raised by the functions here). */
export class Incomplete extends Exception {
  static __module__ = "binascii";
}

/** A bytes-like argument (`y*` in CPython's argument clinic). */
export function bytesArg(x: unknown): Uint8Array {
  if (x instanceof BytesLike) return x.data;
  throw new PyTypeError(`a bytes-like object is required, not '${typeName(x)}'`);
}

/** An "ASCII string or bytes-like" argument (`ascii_buffer` in binascii.c). */
export function asciiArg(x: unknown): Uint8Array {
  if (typeof x === "string") {
    const out = new Uint8Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const c = x.charCodeAt(i);
      if (c > 127) throw new ValueError("string argument should contain only ASCII characters");
      out[i] = c;
    }
    return out;
  }
  if (x instanceof BytesLike) return x.data;
  throw new PyTypeError(`argument should be bytes, buffer or ASCII string, not '${typeName(x)}'`);
}

/** `binascii.hexlify(data, sep=None, bytes_per_sep=1)`. */
export function hexlify(...args: unknown[]): Bytes {
  const [data, sep, perSep] = bindArgs(
    "hexlify",
    args,
    ["data", "sep", "bytes_per_sep"],
    [null, 1n],
  );
  const b = new Bytes(bytesArg(data));
  const text =
    sep === null
      ? b.hex()
      : b.hex(typeof sep === "string" ? sep : new Bytes(bytesArg(sep)).decode("ascii"), perSep);
  return new Bytes(asciiArg(text));
}

export const b2a_hex = hexlify;

/** The value of a hex digit, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** `binascii.unhexlify(hexstr)`. */
export function unhexlify(hexstr: unknown): Bytes {
  const s = asciiArg(hexstr);
  if (s.length % 2 !== 0) throw new Error("Odd-length string");
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(s[2 * i]!);
    const lo = hexValue(s[2 * i + 1]!);
    if (hi < 0 || lo < 0) throw new Error("Non-hexadecimal digit found");
    out[i] = (hi << 4) | lo;
  }
  return new Bytes(out);
}

export const a2b_hex = unhexlify;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const PAD = 61; // "="

/** Base64 of `data` as ASCII codes (no newline). */
export function base64Encode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < data.length; i += 3) {
    const n = data.length - i;
    const v = (data[i]! << 16) | ((n > 1 ? data[i + 1]! : 0) << 8) | (n > 2 ? data[i + 2]! : 0);
    out[o++] = B64.charCodeAt(v >> 18);
    out[o++] = B64.charCodeAt((v >> 12) & 63);
    out[o++] = n > 1 ? B64.charCodeAt((v >> 6) & 63) : PAD;
    out[o++] = n > 2 ? B64.charCodeAt(v & 63) : PAD;
  }
  return out;
}

/** `binascii.b2a_base64(data, *, newline=True)`. */
export function b2a_base64(...args: unknown[]): Bytes {
  const [data, newline] = bindArgs("b2a_base64", args, ["data"], [true], {
    kwOnly: ["newline"],
  });
  const enc = base64Encode(bytesArg(data));
  if (!truthy(newline)) return new Bytes(enc);
  const out = new Uint8Array(enc.length + 1);
  out.set(enc);
  out[enc.length] = 10;
  return new Bytes(out);
}

/** Decode base64 as binascii.c's `a2b_base64` does (see the header). */
export function base64Decode(s: Uint8Array, strict: boolean): Uint8Array {
  if (strict && s.length > 0 && s[0] === PAD) throw new Error("Leading padding not allowed");
  const out: number[] = [];
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  let paddingStarted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === PAD) {
      paddingStarted = true;
      if (strict && quadPos === 0) throw new Error("Excess padding not allowed");
      if (quadPos >= 2 && quadPos + ++pads >= 4) {
        // A complete padding ends the data.
        if (strict && i + 1 < s.length) throw new Error("Excess data after padding");
        return Uint8Array.from(out);
      }
      continue;
    }
    const v = B64_VALUE[c]!;
    if (v < 0) {
      if (strict) throw new Error("Only base64 data is allowed");
      continue;
    }
    if (strict && paddingStarted) throw new Error("Discontinuous padding not allowed");
    pads = 0;
    switch (quadPos) {
      case 0:
        left = v;
        quadPos = 1;
        break;
      case 1:
        out.push(((left << 2) | (v >> 4)) & 0xff);
        left = v & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out.push(((left << 4) | (v >> 2)) & 0xff);
        left = v & 0x03;
        quadPos = 3;
        break;
      default:
        out.push(((left << 6) | v) & 0xff);
        quadPos = 0;
    }
  }
  if (quadPos === 1) {
    const chars = Math.floor(out.length / 3) * 4 + 1;
    throw new Error(
      `Invalid base64-encoded string: number of data characters (${chars}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (quadPos !== 0) throw new Error("Incorrect padding");
  return Uint8Array.from(out);
}

/** `binascii.a2b_base64(data, *, strict_mode=False)`. */
export function a2b_base64(...args: unknown[]): Bytes {
  const [data, strict] = bindArgs("a2b_base64", args, ["data"], [false], {
    kwOnly: ["strict_mode"],
  });
  return new Bytes(base64Decode(asciiArg(data), truthy(strict)));
}

let crcTable: Uint32Array | undefined;

/** `binascii.crc32(data, crc=0)`: CRC-32 (ISO-HDLC, as zlib), an unsigned int. */
export function crc32(data: unknown, crc: unknown = 0n): bigint {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const bytes = bytesArg(data);
  let c = Number(BigInt.asUintN(32, index(crc))) ^ 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return BigInt((c ^ 0xffffffff) >>> 0);
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("binascii", [hexlify, unhexlify, b2a_base64, a2b_base64, crc32]);
