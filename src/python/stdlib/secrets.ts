/**
 * Python's `secrets`: `token_bytes`, `token_hex`, `token_urlsafe` (32 bytes by default, as
 * `DEFAULT_ENTROPY`), `randbelow`, `randbits`, `choice`, `compare_digest` (hmac's), all drawing
 * from node:crypto's `randomBytes` (loaded on first use) as CPython draws from `os.urandom`.
 * Integers follow `SystemRandom`'s algorithm (`getrandbits(k)` for k = n.bit_length(), redrawn
 * until below n). Errors are CPython's ("Upper bound must be positive.", "negative argument not
 * allowed", "number of bits must be non-negative", "Cannot choose from an empty sequence").
 *
 * Differences from CPython: `secrets.SystemRandom` is missing.
 */

import { Bytes } from "../bytes";
import { AttributeError, IndexError, ValueError } from "../exceptions";
import { bitLength, index } from "../numbers";
import { getitem, lenOf } from "../protocol";
import { typeName } from "../types";
import { base64Encode } from "./binascii";
import { nodeCrypto } from "./hashlib";

export { compare_digest } from "./hmac";

export const DEFAULT_ENTROPY = 32n;

function randomBytes(n: unknown): Uint8Array {
  const k = n === null || n === undefined ? DEFAULT_ENTROPY : index(n);
  if (k < 0n) throw new ValueError("negative argument not allowed");
  return new Uint8Array(nodeCrypto().randomBytes(Number(k)));
}

/** `token_bytes(nbytes=None)`. */
export function token_bytes(nbytes: unknown = null): Bytes {
  return new Bytes(randomBytes(nbytes));
}

/** `token_hex(nbytes=None)`: two hex digits a byte. */
export function token_hex(nbytes: unknown = null): string {
  return Buffer.from(randomBytes(nbytes)).toString("hex");
}

/** `token_urlsafe(nbytes=None)`: URL-safe base64 without padding. */
export function token_urlsafe(nbytes: unknown = null): string {
  const enc = Buffer.from(base64Encode(randomBytes(nbytes))).toString("latin1");
  return enc.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/** `randbits(k)`: a non-negative int of k random bits. */
export function randbits(k: unknown): bigint {
  const n = index(k);
  if (n < 0n) throw new ValueError("number of bits must be non-negative");
  if (n === 0n) return 0n;
  const bytes = randomBytes(BigInt((Number(n) + 7) >> 3));
  let r = 0n;
  for (const b of bytes) r = (r << 8n) | BigInt(b);
  return r >> (BigInt(bytes.length * 8) - n);
}

/** `randbelow(exclusive_upper_bound)`. */
export function randbelow(exclusiveUpperBound: unknown): bigint {
  if (typeof exclusiveUpperBound !== "bigint" && typeof exclusiveUpperBound !== "boolean")
    throw new AttributeError(
      `'${typeName(exclusiveUpperBound)}' object has no attribute 'bit_length'`,
    );
  const n = index(exclusiveUpperBound);
  if (n <= 0n) throw new ValueError("Upper bound must be positive.");
  const k = bitLength(n);
  for (;;) {
    const r = randbits(BigInt(k));
    if (r < n) return r;
  }
}

/** `choice(seq)`: a random item of a non-empty sequence. */
export function choice(seq: unknown): unknown {
  const n = lenOf(seq);
  if (n === 0) throw new IndexError("Cannot choose from an empty sequence");
  return getitem(seq, randbelow(BigInt(n)));
}
