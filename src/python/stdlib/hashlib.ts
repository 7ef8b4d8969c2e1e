/**
 * Python's `hashlib` on Node's OpenSSL (node:crypto, loaded at the first hash: it costs several
 * milliseconds of startup): `md5`, `sha1`, `sha224`, `sha256`, `sha384`, `sha512`, `sha3_224`,
 * `sha3_256`, `sha3_384`, `sha3_512`, `blake2b`, `blake2s`, `shake_128`, `shake_256`, `new(name,
 * data=b'')`, `algorithms_guaranteed`/`algorithms_available`, `pbkdf2_hmac`.
 *
 * Hash objects have `update`, `digest`, `hexdigest` (a length for the shake XOFs), `copy`, `name`,
 * `digest_size`, `block_size`, and CPython's types and reprs (`<sha256 _hashlib.HASH object @
 * 0x...>`, `<class '_hashlib.HASH'>`, `_hashlib.HASHXOF`, `<_blake2.blake2b object at 0x...>`).
 * Errors: "Strings must be encoded before hashing", "object supporting the buffer API required",
 * "unsupported hash type md4", "name must be a string".
 *
 * `blake2b`/`blake2s` with their default parameters use Node's BLAKE2b-512/BLAKE2s-256; with any
 * other (`digest_size`, `key`, `salt`, `person`, tree parameters) they run stdlib/blake2.ts,
 * with CPython's parameter checks and messages.
 *
 * Differences from CPython: `file_digest` and `scrypt` are missing; hash constructors are plain
 * functions (`print(hashlib.sha256)` is not `<built-in function openssl_sha256>`).
 */

import { Bytes, BytesLike } from "../bytes";
import { MemoryError, OverflowError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { Kw } from "../kw";
import { index } from "../numbers";
import { id } from "../objects";
import { truthy } from "../protocol";
import { PySet } from "../set";
import { typeName } from "../types";
import { Blake2, type Blake2Params } from "./blake2";
import { libraryClass, takeKw } from "./types";

/** node:crypto, loaded on first use. */
export function nodeCrypto(): typeof import("node:crypto") {
  return require("node:crypto") as typeof import("node:crypto");
}

interface Algorithm {
  /** OpenSSL's name for Node. */
  node: string;
  digestSize: number;
  blockSize: number;
  xof?: boolean;
}

const ALGORITHMS: Record<string, Algorithm> = {
  md5: { node: "md5", digestSize: 16, blockSize: 64 },
  sha1: { node: "sha1", digestSize: 20, blockSize: 64 },
  sha224: { node: "sha224", digestSize: 28, blockSize: 64 },
  sha256: { node: "sha256", digestSize: 32, blockSize: 64 },
  sha384: { node: "sha384", digestSize: 48, blockSize: 128 },
  sha512: { node: "sha512", digestSize: 64, blockSize: 128 },
  sha3_224: { node: "sha3-224", digestSize: 28, blockSize: 144 },
  sha3_256: { node: "sha3-256", digestSize: 32, blockSize: 136 },
  sha3_384: { node: "sha3-384", digestSize: 48, blockSize: 104 },
  sha3_512: { node: "sha3-512", digestSize: 64, blockSize: 72 },
  blake2b: { node: "blake2b512", digestSize: 64, blockSize: 128 },
  blake2s: { node: "blake2s256", digestSize: 32, blockSize: 64 },
  shake_128: { node: "shake128", digestSize: 0, blockSize: 168, xof: true },
  shake_256: { node: "shake256", digestSize: 0, blockSize: 136, xof: true },
};

/** The data a hash takes: bytes-like, with CPython's TypeErrors for str and anything else. */
export function hashData(data: unknown): Uint8Array {
  if (data instanceof BytesLike) return data.data;
  if (typeof data === "string") throw new PyTypeError("Strings must be encoded before hashing");
  throw new PyTypeError("object supporting the buffer API required");
}

/** What a hash object computes with: Node's `Hash`, or `Blake2` for BLAKE2 with parameters. */
interface Hasher {
  update(data: Uint8Array): unknown;
  copy(options?: { outputLength: number }): Hasher;
  digest(): Uint8Array;
}

/** A hash object: `_hashlib.HASH` (or `HASHXOF`, `_blake2.blake2b`, by its type). */
class HashObject {
  constructor(
    /** `name`, as CPython reports it (`sha3_256`). */
    readonly name: string,
    private readonly alg: Algorithm,
    private readonly h: Hasher,
  ) {}

  get digest_size(): bigint {
    return BigInt(this.alg.digestSize);
  }

  get block_size(): bigint {
    return BigInt(this.alg.blockSize);
  }

  update(...args: unknown[]): null {
    if (args.length !== 1)
      throw new PyTypeError(`HASH.update() takes exactly one argument (${args.length} given)`);
    this.h.update(hashData(args[0]));
    return null;
  }

  /** The digest (of a copy: Node's `digest()` ends a hash, Python's does not). */
  protected bytes(length?: unknown): Uint8Array {
    if (this.alg.xof) {
      const n = index(length);
      if (n < 0n) throw new MemoryError();
      return new Uint8Array(this.h.copy({ outputLength: Number(n) }).digest());
    }
    return new Uint8Array(this.h.copy().digest());
  }

  digest(...args: unknown[]): Bytes {
    return new Bytes(this.bytes(this.xofLength("digest", args)));
  }

  hexdigest(...args: unknown[]): string {
    return Buffer.from(this.bytes(this.xofLength("hexdigest", args))).toString("hex");
  }

  /** The `length` argument of a shake's digest (none for the other hashes). */
  private xofLength(method: string, args: unknown[]): unknown {
    if (!this.alg.xof) {
      if (args.length > 0)
        throw new PyTypeError(`HASH.${method}() takes no arguments (${args.length} given)`);
      return undefined;
    }
    const [pos, kws] = takeKw(args);
    const length = pos.length > 0 ? pos[0] : kws.length;
    if (length === undefined)
      throw new PyTypeError(`${method}() missing required argument 'length' (pos 1)`);
    return length;
  }

  copy(): HashObject {
    const Ctor = this.constructor as new (n: string, a: Algorithm, h: Hasher) => HashObject;
    return new Ctor(this.name, this.alg, this.h.copy());
  }

  __repr__(): string {
    const t = this.constructor as unknown as { __module__: string; __name__: string };
    const addr = id(this).toString(16);
    if (t.__module__ === "_blake2") return `<_blake2.${t.__name__} object at 0x${addr}>`;
    return `<${this.name} _hashlib.${t.__name__} object @ 0x${addr}>`;
  }
}

class HASHImpl extends HashObject {}
class HASHXOFImpl extends HashObject {}
class Blake2bImpl extends HashObject {}
class Blake2sImpl extends HashObject {}

export const HASH = libraryClass(HASHImpl, "HASH", "_hashlib");
export const HASHXOF = libraryClass(HASHXOFImpl, "HASHXOF", "_hashlib");
// `type(hashlib.blake2b())` is `<class '_blake2.blake2b'>`; the module's `blake2b` is the function.
libraryClass(Blake2bImpl, "blake2b", "_blake2");
libraryClass(Blake2sImpl, "blake2s", "_blake2");

/** A new hash object of algorithm `name` (a key of ALGORITHMS) fed with `data`. */
function make(name: string, data: unknown, blake2: Blake2Params | null = null): HashObject {
  let alg = ALGORITHMS[name]!;
  const bytes = data === undefined ? null : hashData(data);
  let h: Hasher;
  if (blake2 === null) h = nodeCrypto().createHash(alg.node);
  else {
    h = Blake2.create(name === "blake2b", blake2);
    alg = { ...alg, digestSize: blake2.digestSize };
  }
  if (bytes !== null) h.update(bytes);
  const Ctor =
    name === "blake2b"
      ? Blake2bImpl
      : name === "blake2s"
        ? Blake2sImpl
        : alg.xof
          ? HASHXOFImpl
          : HASHImpl;
  return new Ctor(name, alg, h);
}

/**
 * A constructor's arguments: the data (positional, or `string=` for the OpenSSL hashes),
 * `usedforsecurity` (ignored, as without FIPS mode), and BLAKE2's parameters (`extra`), which give
 * a pure-TS BLAKE2 state when any is not its default.
 */
function constructorArgs(
  fname: string,
  args: unknown[],
  extra: string[] = [],
): [unknown, Blake2Params | null] {
  const [pos, kws] = takeKw(args);
  if (pos.length > 1)
    throw new PyTypeError(`${fname}() takes at most 1 positional argument (${pos.length} given)`);
  let data: unknown = pos[0];
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kws)) {
    if (k === "string" && extra.length === 0) {
      if (data !== undefined)
        throw new PyTypeError(`argument for ${fname}() given by name ('${k}') and position (1)`);
      data = v;
    } else if (k === "usedforsecurity") {
      // Accepted and ignored.
    } else if (extra.includes(k)) {
      params[k] = v;
    } else {
      throw new PyTypeError(`${fname}() got an unexpected keyword argument '${k}'`);
    }
  }
  return [data, extra.length === 0 ? null : blake2Params(fname === "blake2b", params)];
}

const BLAKE2_PARAMETERS = [
  "digest_size",
  "key",
  "salt",
  "person",
  "fanout",
  "depth",
  "leaf_size",
  "node_offset",
  "node_depth",
  "inner_size",
  "last_node",
];

/** BLAKE2's parameters checked as `py_blake2b_new` checks them, or null when all are defaults. */
function blake2Params(big: boolean, kws: Record<string, unknown>): Blake2Params | null {
  if (Object.keys(kws).length === 0) return null;
  const maxBytes = big ? 64 : 32;
  const saltBytes = big ? 16 : 8;
  const int = (k: string, dflt: bigint): bigint => (k in kws ? index(kws[k]) : dflt);
  const bytes = (k: string): Uint8Array => {
    if (!(k in kws)) return new Uint8Array(0);
    const v = kws[k];
    if (!(v instanceof BytesLike))
      throw new PyTypeError(`a bytes-like object is required, not '${typeName(v)}'`);
    return v.data;
  };
  const digestSize = int("digest_size", BigInt(maxBytes));
  if (digestSize < 1n || digestSize > BigInt(maxBytes))
    throw new ValueError(`digest_size must be between 1 and ${maxBytes} bytes`);
  const salt = bytes("salt");
  if (salt.length > saltBytes) throw new ValueError(`maximum salt length is ${saltBytes} bytes`);
  const person = bytes("person");
  if (person.length > saltBytes)
    throw new ValueError(`maximum person length is ${saltBytes} bytes`);
  const fanout = int("fanout", 1n);
  if (fanout < 0n || fanout > 255n) throw new ValueError("fanout must be between 0 and 255");
  const depth = int("depth", 1n);
  if (depth < 1n || depth > 255n) throw new ValueError("depth must be between 1 and 255");
  const leafSize = int("leaf_size", 0n);
  if (leafSize < 0n || leafSize >= 1n << 32n) throw new OverflowError("leaf_size is too large");
  const nodeOffset = int("node_offset", 0n);
  if (nodeOffset < 0n || nodeOffset >= 1n << (big ? 64n : 48n))
    throw new OverflowError("node_offset is too large");
  const nodeDepth = int("node_depth", 0n);
  if (nodeDepth < 0n || nodeDepth > 255n)
    throw new ValueError("node_depth must be between 0 and 255");
  const innerSize = int("inner_size", 0n);
  // "and is 64": CPython's message, as printed.
  if (innerSize < 0n || innerSize > BigInt(maxBytes))
    throw new ValueError(`inner_size must be between 0 and is ${maxBytes}`);
  const key = bytes("key");
  if (key.length > maxBytes) throw new ValueError(`maximum key length is ${maxBytes} bytes`);
  const lastNode = "last_node" in kws ? truthy(kws.last_node) : false;
  const p: Blake2Params = {
    digestSize: Number(digestSize),
    key,
    salt,
    person,
    fanout: Number(fanout),
    depth: Number(depth),
    leafSize: Number(leafSize),
    nodeOffset,
    nodeDepth: Number(nodeDepth),
    innerSize: Number(innerSize),
    lastNode,
  };
  const isDefault =
    p.digestSize === maxBytes &&
    key.length + salt.length + person.length === 0 &&
    p.fanout === 1 &&
    p.depth === 1 &&
    p.leafSize === 0 &&
    nodeOffset === 0n &&
    p.nodeDepth === 0 &&
    p.innerSize === 0 &&
    !lastNode;
  return isDefault ? null : p;
}

function constructor(name: string, fname: string, extra: string[] = []) {
  const f = (...args: unknown[]): HashObject => make(name, ...constructorArgs(fname, args, extra));
  Object.defineProperty(f, "name", { value: name });
  Object.defineProperty(f, "__name__", { value: fname, configurable: true });
  Object.defineProperty(f, "__qualname__", { value: fname, configurable: true });
  return f;
}

export const md5 = constructor("md5", "openssl_md5");
export const sha1 = constructor("sha1", "openssl_sha1");
export const sha224 = constructor("sha224", "openssl_sha224");
export const sha256 = constructor("sha256", "openssl_sha256");
export const sha384 = constructor("sha384", "openssl_sha384");
export const sha512 = constructor("sha512", "openssl_sha512");
export const sha3_224 = constructor("sha3_224", "openssl_sha3_224");
export const sha3_256 = constructor("sha3_256", "openssl_sha3_256");
export const sha3_384 = constructor("sha3_384", "openssl_sha3_384");
export const sha3_512 = constructor("sha3_512", "openssl_sha3_512");
export const shake_128 = constructor("shake_128", "openssl_shake_128");
export const shake_256 = constructor("shake_256", "openssl_shake_256");
export const blake2b = constructor("blake2b", "blake2b", BLAKE2_PARAMETERS);
export const blake2s = constructor("blake2s", "blake2s", BLAKE2_PARAMETERS);

/** The ALGORITHMS key for a name given to `new()` (`SHA256`, `sha3-256`), or null. */
export function algorithmName(name: string): string | null {
  const n = name.toLowerCase().replace(/-/g, "_");
  if (n in ALGORITHMS) return n;
  const aliases: Record<string, string> = { blake2b512: "blake2b", blake2s256: "blake2s" };
  return aliases[n] ?? null;
}

/** `hashlib.new(name, data=b'', **kwargs)`. */
export function new_(...args: unknown[]): HashObject {
  const [pos, kws] = takeKw(args);
  const name = pos.length > 0 ? pos[0] : kws.name;
  if (name === undefined) throw new PyTypeError("new() missing required argument 'name' (pos 1)");
  if (typeof name !== "string") throw new PyTypeError("name must be a string");
  const alg = algorithmName(name);
  if (alg === null) throw new ValueError(`unsupported hash type ${name}`);
  const rest: Record<string, unknown> = { ...kws };
  delete rest.name;
  // `data` is `new()`'s own parameter (positional or keyword).
  const data = pos.length > 1 ? pos[1] : rest.data;
  delete rest.data;
  const extra = alg.startsWith("blake2") ? BLAKE2_PARAMETERS : [];
  const kwRest = Object.keys(rest).length > 0 ? [new Kw(rest)] : [];
  const fname = alg.startsWith("blake2") ? alg : `openssl_${alg}`;
  return make(
    alg,
    ...constructorArgs(fname, data === undefined ? kwRest : [data, ...kwRest], extra),
  );
}
Object.defineProperty(new_, "__name__", { value: "new", configurable: true });

const NAMES = [
  "md5",
  "sha1",
  "sha224",
  "sha256",
  "sha384",
  "sha512",
  "blake2b",
  "blake2s",
  "sha3_224",
  "sha3_256",
  "sha3_384",
  "sha3_512",
  "shake_128",
  "shake_256",
];

/** `hashlib.algorithms_guaranteed` (a set; its iteration order is the runtime's set order). */
export const algorithms_guaranteed = new PySet(NAMES);
/** `hashlib.algorithms_available`: the same names (OpenSSL's extra names are not listed). */
export const algorithms_available = new PySet(NAMES);

/** `hashlib.pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None)`. */
export function pbkdf2_hmac(...args: unknown[]): Bytes {
  const [pos, kws] = takeKw(args);
  const names = ["hash_name", "password", "salt", "iterations", "dklen"];
  const v = names.map((n, i) => (i < pos.length ? pos[i] : kws[n]));
  const [hashName, password, salt, iterations, dklen] = v;
  if (typeof hashName !== "string")
    throw new PyTypeError(
      `pbkdf2_hmac() argument 'hash_name' must be str, not ${typeName(hashName)}`,
    );
  const alg = algorithmName(hashName);
  if (alg === null || ALGORITHMS[alg]!.xof)
    throw new ValueError(`unsupported hash type ${hashName}`);
  const n = index(iterations);
  if (n < 1n) throw new ValueError("iteration value must be greater than 0.");
  const len =
    dklen === undefined || dklen === null ? ALGORITHMS[alg]!.digestSize : Number(index(dklen));
  if (len < 1) throw new ValueError("key length must be greater than 0.");
  const out = nodeCrypto().pbkdf2Sync(
    hashData(password),
    hashData(salt),
    Number(n),
    len,
    ALGORITHMS[alg]!.node,
  );
  return new Bytes(new Uint8Array(out));
}

export { new_ as new };

/** The Node algorithm and sizes of a hashlib name, for `hmac` (null when unknown). */
export function algorithmInfo(
  name: string,
): { name: string; node: string; digestSize: number; blockSize: number } | null {
  const alg = algorithmName(name);
  if (alg === null || ALGORITHMS[alg]!.xof) return null;
  const a = ALGORITHMS[alg]!;
  return { name: alg, node: a.node, digestSize: a.digestSize, blockSize: a.blockSize };
}

/** The algorithm of a hash constructor (`hashlib.sha256`) or hash object, for `hmac`. */
export function constructorAlgorithm(f: unknown): string | null {
  if (typeof f === "function") {
    const n = (f as { name?: string }).name;
    if (
      n !== undefined &&
      n in ALGORITHMS &&
      (hashConstructors as Record<string, unknown>)[n] === f
    )
      return n;
  }
  return null;
}

const hashConstructors: Record<string, unknown> = {
  md5,
  sha1,
  sha224,
  sha256,
  sha384,
  sha512,
  sha3_224,
  sha3_256,
  sha3_384,
  sha3_512,
  blake2b,
  blake2s,
};

export type { HashObject };
