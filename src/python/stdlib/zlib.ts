/**
 * Python's `zlib`: the one-shot `compress`/`decompress`, the checksums `crc32` (binascii's) and
 * `adler32`, `zlib.error` and the constants. Compression runs on node:zlib (loaded on first use),
 * which is zlib (9..15 `wbits` a zlib stream, -9..-15 raw deflate, 25..31 gzip; `decompress` also
 * takes 40..47, "any header", and 0, 16, 32, "the window size of the header").
 *
 * Errors are CPython's: "Bad compression level" for any level or `wbits` zlib refuses, "Error -3
 * while decompressing data: <zlib's message>" for bad data, "Error -5 while decompressing data:
 * incomplete or truncated stream" for data that ends early, "Error -2 while preparing to
 * decompress data: inconsistent stream state" for a `wbits` inflate refuses.
 *
 * Differences from CPython: Node's zlib is Chromium's fork, whose deflate can pick other matches
 * than the zlib CPython links (so can zlib-ng, which some CPython builds link): `compress` makes
 * valid data of the same content whose bytes and length can differ. The streaming
 * `compressobj`/`decompressobj` are missing (node:zlib has no synchronous stream to build them
 * on), and so are `ZLIB_VERSION`/`ZLIB_RUNTIME_VERSION`.
 */

import { Bytes } from "../bytes";
import { Exception, ValueError } from "../exceptions";
import { index } from "../numbers";
import { cFunctions } from "./_cfunctions";
import { bytesArg, crc32 } from "./binascii";
import { bindArgs } from "./types";

export { crc32 };

/** `zlib.error`: raised for bad data and bad parameters. */
export class error extends Exception {
  static __module__ = "zlib";
}

export const MAX_WBITS = 15n;
export const DEFLATED = 8n;
export const DEF_MEM_LEVEL = 8n;
export const DEF_BUF_SIZE = 16384n;
export const Z_NO_COMPRESSION = 0n;
export const Z_BEST_SPEED = 1n;
export const Z_BEST_COMPRESSION = 9n;
export const Z_DEFAULT_COMPRESSION = -1n;
export const Z_FILTERED = 1n;
export const Z_HUFFMAN_ONLY = 2n;
export const Z_RLE = 3n;
export const Z_FIXED = 4n;
export const Z_DEFAULT_STRATEGY = 0n;
export const Z_NO_FLUSH = 0n;
export const Z_PARTIAL_FLUSH = 1n;
export const Z_SYNC_FLUSH = 2n;
export const Z_FULL_FLUSH = 3n;
export const Z_FINISH = 4n;
export const Z_BLOCK = 5n;
export const Z_TREES = 6n;

/** node:zlib, loaded on first use. */
function nodeZlib(): typeof import("node:zlib") {
  return require("node:zlib") as typeof import("node:zlib");
}

/** `compress(data, /, level=-1, wbits=15)`. */
export function compress(...args: unknown[]): Bytes {
  const [data, levelArg, wbitsArg] = bindArgs(
    "compress",
    args,
    ["data", "level", "wbits"],
    [-1n, 15n],
    {
      posOnly: 1,
    },
  );
  const input = bytesArg(data);
  const level = Number(index(levelArg));
  const wbits = Number(index(wbitsArg));
  // zlib's deflateInit2: a negative wbits is raw deflate, above 15 gzip; what it refuses
  // (Z_STREAM_ERROR) CPython reports as a bad level. A zlib stream's 8 is 9.
  const wrap = wbits < 0 ? 0 : wbits > 15 ? 2 : 1;
  const bits = wrap === 0 ? -wbits : wrap === 2 ? wbits - 16 : wbits;
  if (level < -1 || level > 9 || bits < 8 || bits > 15 || (bits === 8 && wrap !== 1))
    throw new error("Bad compression level");
  const opts = { level, windowBits: Math.max(bits, 9) };
  const z = nodeZlib();
  const out =
    wrap === 0
      ? z.deflateRawSync(input, opts)
      : wrap === 2
        ? z.gzipSync(input, opts)
        : z.deflateSync(input, opts);
  return new Bytes(new Uint8Array(out));
}

/** `decompress(data, /, wbits=15, bufsize=16384)`. */
export function decompress(...args: unknown[]): Bytes {
  const [data, wbitsArg, bufsizeArg] = bindArgs(
    "decompress",
    args,
    ["data", "wbits", "bufsize"],
    [15n, DEF_BUF_SIZE],
    { posOnly: 1 },
  );
  const input = bytesArg(data);
  const wbits = Number(index(wbitsArg));
  if (index(bufsizeArg) < 0n) throw new ValueError("bufsize must be non-negative");
  const z = nodeZlib();
  // zlib's inflateInit2: 16 and 32 (gzip, any header) take the window size from the header, as
  // 0 does for a zlib stream; the largest window reads them all.
  const inflate =
    wbits === 0 || (wbits >= 8 && wbits <= 15)
      ? () => z.inflateSync(input, { windowBits: wbits === 0 ? 15 : wbits })
      : wbits >= -15 && wbits <= -8
        ? () => z.inflateRawSync(input, { windowBits: -wbits })
        : wbits === 16 || (wbits >= 24 && wbits <= 31)
          ? () => z.gunzipSync(input, { windowBits: wbits === 16 ? 15 : wbits - 16 })
          : wbits === 32 || (wbits >= 40 && wbits <= 47)
            ? () => z.unzipSync(input, { windowBits: wbits === 32 ? 15 : wbits - 32 })
            : null;
  if (inflate === null)
    throw new error("Error -2 while preparing to decompress data: inconsistent stream state");
  try {
    return new Bytes(new Uint8Array(inflate()));
  } catch (e) {
    const errno = (e as { errno?: unknown }).errno;
    if (typeof errno !== "number") throw e;
    // Node words a stream that ends early "unexpected end of file"; CPython words it as below.
    const msg = errno === -5 ? "incomplete or truncated stream" : (e as Error).message;
    throw new error(`Error ${errno} while decompressing data: ${msg}`);
  }
}

/** `adler32(data, value=1)`: Adler-32, an unsigned int. */
export function adler32(data: unknown, value: unknown = 1n): bigint {
  const bytes = bytesArg(data);
  const start = Number(BigInt.asUintN(32, index(value)));
  let a = start & 0xffff;
  let b = start >>> 16;
  // 5552 bytes is the most zlib sums before reducing (the sums stay below 2**32).
  for (let i = 0; i < bytes.length; ) {
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return BigInt(((b << 16) | a) >>> 0);
}

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("zlib", [compress, decompress, adler32]);
