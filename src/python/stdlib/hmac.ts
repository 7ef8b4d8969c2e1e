/**
 * Python's `hmac`: `new(key, msg=None, digestmod)` / `HMAC`, `digest(key, msg, digest)`,
 * `compare_digest(a, b)`. The HMAC is computed as `Lib/hmac.py` does (inner and outer hashes of
 * the padded key, on hashlib's objects), so `copy()` works; `digestmod` is a hashlib name
 * (`"sha256"`) or constructor (`hashlib.sha256`). Errors are CPython's: "key: expected bytes or
 * bytearray, but got 'str'", "Missing required argument 'digestmod'.", "unsupported hash type
 * nope", "Strings must be encoded before hashing".
 *
 * Differences from CPython: `digestmod` cannot be a module or an arbitrary callable (TypeError
 * naming the value), only a hashlib name or constructor.
 */

import type { Hash } from "node:crypto";
import { Bytes, BytesLike } from "../bytes";
import { TypeError as PyTypeError, ValueError } from "../exceptions";
import { id } from "../objects";
import { repr } from "../repr";
import { typeName } from "../types";
import { algorithmInfo, constructorAlgorithm, hashData, nodeCrypto } from "./hashlib";
import { libraryClass, takeKw } from "./types";

interface Digest {
  name: string;
  node: string;
  digestSize: number;
  blockSize: number;
}

function digestArg(digestmod: unknown): Digest {
  if (typeof digestmod === "string") {
    const info = algorithmInfo(digestmod);
    if (info === null) throw new ValueError(`unsupported hash type ${digestmod}`);
    return info;
  }
  const name = constructorAlgorithm(digestmod);
  if (name === null)
    throw new PyTypeError(
      `hmac digestmod ${repr(digestmod)} is not supported by asyncio-ts (use a hashlib name or constructor)`,
    );
  return algorithmInfo(name)!;
}

class HMACImpl {
  private readonly inner: Hash;
  private readonly outer: Hash;
  private readonly d: Digest;

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    const names = ["key", "msg", "digestmod"];
    const [key, msg, digestmod] = names.map((n, i) => (i < pos.length ? pos[i] : kws[n]));
    if (!(key instanceof BytesLike))
      throw new PyTypeError(`key: expected bytes or bytearray, but got '${typeName(key)}'`);
    if (digestmod === undefined || digestmod === null || digestmod === "")
      throw new PyTypeError("Missing required argument 'digestmod'.");
    this.d = digestArg(digestmod);
    const crypto = nodeCrypto();
    let k = key.data;
    if (k.length > this.d.blockSize)
      k = new Uint8Array(crypto.createHash(this.d.node).update(k).digest());
    const pad = new Uint8Array(this.d.blockSize);
    pad.set(k);
    this.inner = crypto.createHash(this.d.node).update(pad.map((b) => b ^ 0x36));
    this.outer = crypto.createHash(this.d.node).update(pad.map((b) => b ^ 0x5c));
    if (msg !== undefined && msg !== null) this.inner.update(hashData(msg));
  }

  get name(): string {
    return `hmac-${this.d.name}`;
  }

  get digest_size(): bigint {
    return BigInt(this.d.digestSize);
  }

  get block_size(): bigint {
    return BigInt(this.d.blockSize);
  }

  update(msg: unknown): null {
    this.inner.update(hashData(msg));
    return null;
  }

  copy(): HMACImpl {
    const other = Object.create(Object.getPrototypeOf(this)) as HMACImpl;
    Object.assign(other, { d: this.d, inner: this.inner.copy(), outer: this.outer.copy() });
    return other;
  }

  private bytes(): Uint8Array {
    const innerDigest = this.inner.copy().digest();
    return new Uint8Array(this.outer.copy().update(innerDigest).digest());
  }

  digest(): Bytes {
    return new Bytes(this.bytes());
  }

  hexdigest(): string {
    return Buffer.from(this.bytes()).toString("hex");
  }

  __repr__(): string {
    return `<hmac.HMAC object at 0x${id(this).toString(16)}>`;
  }
}

export const HMAC = libraryClass(HMACImpl, "HMAC", "hmac");

/** `hmac.new(key, msg=None, digestmod='')`. */
export function new_(...args: unknown[]): HMACImpl {
  return new HMACImpl(...args);
}
Object.defineProperty(new_, "__name__", { value: "new", configurable: true });

export { new_ as new };

/** `hmac.digest(key, msg, digest)`. */
export function digest(key: unknown, msg: unknown, digestName: unknown): Bytes {
  return new HMACImpl(key, msg, digestName).digest();
}

/** `hmac.compare_digest(a, b)`: ASCII strs or bytes-like objects, compared in constant time. */
export function compare_digest(a: unknown, b: unknown): boolean {
  let x: Uint8Array;
  let y: Uint8Array;
  if (typeof a === "string" && typeof b === "string") {
    if (/[^\x00-\x7f]/.test(a) || /[^\x00-\x7f]/.test(b))
      throw new PyTypeError("comparing strings with non-ASCII characters is not supported");
    x = Buffer.from(a, "latin1");
    y = Buffer.from(b, "latin1");
  } else if (a instanceof BytesLike && b instanceof BytesLike) {
    x = a.data;
    y = b.data;
  } else if (typeof a === "string" || typeof b === "string") {
    throw new PyTypeError(
      `a bytes-like object is required, not '${typeName(typeof a === "string" ? a : b)}'`,
    );
  } else {
    throw new PyTypeError(
      `unsupported operand types(s) or combination of types: '${typeName(a)}' and '${typeName(b)}'`,
    );
  }
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % Math.max(y.length, 1)] ?? 0);
  return diff === 0;
}
