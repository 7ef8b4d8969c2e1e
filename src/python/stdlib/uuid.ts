/**
 * Python's `uuid`: the `UUID` class (from a hex string, `bytes=`, `bytes_le=`, `fields=`, `int=`,
 * with `version=`; `hex`, `int`, `bytes`, `bytes_le`, `fields` and its parts, `time`,
 * `clock_seq`, `node`, `urn`, `variant`, `version`, `str()`, `repr()`, `int()`, ordering,
 * equality and `hash` as CPython's), `uuid1`, `uuid3`, `uuid4`, `uuid5`, `getnode`, the
 * `NAMESPACE_*` UUIDs and the variant strings (`RFC_4122`, ...).
 *
 * `uuid3`/`uuid5` hash with MD5/SHA-1 (node:crypto, loaded on first use), so their values are
 * CPython's; `uuid4` takes 16 random bytes from node:crypto as CPython's `os.urandom(16)`.
 * Errors are CPython's: "badly formed hexadecimal UUID string", "invalid literal for int() with
 * base 16: '...'", "bytes is not a 16-char string", "int is out of range (need a 128-bit
 * value)", "illegal version number", "one of the hex, bytes, bytes_le, fields, or int arguments
 * must be given", "UUID objects are immutable" (through `setattr`).
 *
 * Differences from CPython: `getnode()` (and so `uuid1()`'s node) is a random 48-bit number with
 * the multicast bit set, as CPython falls back to when it cannot read a hardware address, never
 * the machine's MAC address; `is_safe` and `SafeUUID` are missing; assigning an attribute of a
 * UUID with `u.x = 1` in generated code is not refused (`setattr(u, 'x', 1)` is).
 */

import { int as pyInt } from "../builtins";
import { Bytes, BytesLike } from "../bytes";
import { AttributeError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { hash } from "../hash";
import { index } from "../numbers";
import { NotImplemented } from "../objects";
import { iter } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { nodeCrypto } from "./hashlib";
import { libraryClass, takeKw } from "./types";

export const RESERVED_NCS = "reserved for NCS compatibility";
export const RFC_4122 = "specified in RFC 4122";
export const RESERVED_MICROSOFT = "reserved for Microsoft compatibility";
export const RESERVED_FUTURE = "reserved for future definition";

const MAX = 1n << 128n;

function toHex(n: bigint): string {
  return n.toString(16).padStart(32, "0");
}

function fromBytes(data: Uint8Array): bigint {
  let n = 0n;
  for (const b of data) n = (n << 8n) | BigInt(b);
  return n;
}

function bytesOf(n: bigint): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** A `bytes=`/`bytes_le=` argument: 16 bytes. */
function sixteenBytes(name: string, v: unknown): Uint8Array {
  if (!(v instanceof BytesLike)) {
    if (typeof v === "string" && v.length !== 16)
      throw new ValueError(`${name} is not a 16-char string`);
    throw new PyTypeError(`cannot convert '${typeName(v)}' object to bytes`);
  }
  if (v.data.length !== 16) throw new ValueError(`${name} is not a 16-char string`);
  return v.data;
}

const FIELD_BITS = [32, 16, 16, 8, 8, 48];

class UUIDImpl {
  declare readonly int: bigint;

  constructor(...args: unknown[]) {
    const [pos, kws] = takeKw(args);
    const names = ["hex", "bytes", "bytes_le", "fields", "int", "version"];
    if (pos.length > names.length)
      throw new PyTypeError(
        `UUID.__init__() takes from 1 to 7 positional arguments but ${pos.length + 1} were given`,
      );
    const a: Record<string, unknown> = {};
    names.forEach((n, i) => {
      a[n] = i < pos.length ? pos[i] : null;
    });
    for (const [k, v] of Object.entries(kws)) {
      if (k === "is_safe") continue;
      const i = names.indexOf(k);
      if (i < 0) throw new PyTypeError(`UUID.__init__() got an unexpected keyword argument '${k}'`);
      if (i < pos.length)
        throw new PyTypeError(`UUID.__init__() got multiple values for argument '${k}'`);
      a[k] = v;
    }
    const given = ["hex", "bytes", "bytes_le", "fields", "int"].filter((n) => a[n] !== null);
    if (given.length !== 1)
      throw new PyTypeError(
        "one of the hex, bytes, bytes_le, fields, or int arguments must be given",
      );
    let n: bigint;
    if (a.hex !== null) {
      if (typeof a.hex !== "string")
        throw new AttributeError(`'${typeName(a.hex)}' object has no attribute 'replace'`);
      let h = a.hex.replace(/urn:/g, "").replace(/uuid:/g, "");
      h = h.replace(/^[{}]+|[{}]+$/g, "").replace(/-/g, "");
      if (h.length !== 32) throw new ValueError("badly formed hexadecimal UUID string");
      n = pyInt(h, 16n);
    } else if (a.bytes_le !== null) {
      const le = sixteenBytes("bytes_le", a.bytes_le);
      const be = Uint8Array.from([
        le[3]!,
        le[2]!,
        le[1]!,
        le[0]!,
        le[5]!,
        le[4]!,
        le[7]!,
        le[6]!,
        ...le.subarray(8),
      ]);
      n = fromBytes(be);
    } else if (a.bytes !== null) {
      n = fromBytes(sixteenBytes("bytes", a.bytes));
    } else if (a.fields !== null) {
      const f = [...iter(a.fields)];
      if (f.length !== 6) throw new ValueError("fields is not a 6-tuple");
      const v = f.map((x) => index(x));
      v.forEach((x, i) => {
        const bits = FIELD_BITS[i]!;
        if (x < 0n || x >= 1n << BigInt(bits))
          throw new ValueError(`field ${i + 1} out of range (need a ${bits}-bit value)`);
      });
      const clockSeq = (v[3]! << 8n) | v[4]!;
      n = (v[0]! << 96n) | (v[1]! << 80n) | (v[2]! << 64n) | (clockSeq << 48n) | v[5]!;
    } else {
      n = index(a.int);
      if (n < 0n || n >= MAX) throw new ValueError("int is out of range (need a 128-bit value)");
    }
    if (a.version !== null) {
      const version = index(a.version);
      if (version < 1n || version > 8n) throw new ValueError("illegal version number");
      // The variant (RFC 4122) and the version bits.
      n &= ~(0xc000n << 48n);
      n |= 0x8000n << 48n;
      n &= ~(0xf000n << 64n);
      n |= version << 76n;
    }
    Object.defineProperty(this, "int", { value: n, enumerable: true });
  }

  __setattr__(_name: string, _value: unknown): never {
    throw new PyTypeError("UUID objects are immutable");
  }

  get hex(): string {
    return toHex(this.int);
  }

  get bytes(): Bytes {
    return new Bytes(bytesOf(this.int));
  }

  get bytes_le(): Bytes {
    const b = bytesOf(this.int);
    return new Bytes(
      Uint8Array.from([b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)]),
    );
  }

  get time_low(): bigint {
    return this.int >> 96n;
  }

  get time_mid(): bigint {
    return (this.int >> 80n) & 0xffffn;
  }

  get time_hi_version(): bigint {
    return (this.int >> 64n) & 0xffffn;
  }

  get clock_seq_hi_variant(): bigint {
    return (this.int >> 56n) & 0xffn;
  }

  get clock_seq_low(): bigint {
    return (this.int >> 48n) & 0xffn;
  }

  get node(): bigint {
    return this.int & 0xffffffffffffn;
  }

  get fields(): Tuple {
    return new Tuple([
      this.time_low,
      this.time_mid,
      this.time_hi_version,
      this.clock_seq_hi_variant,
      this.clock_seq_low,
      this.node,
    ]);
  }

  get time(): bigint {
    return ((this.time_hi_version & 0x0fffn) << 48n) | (this.time_mid << 32n) | this.time_low;
  }

  get clock_seq(): bigint {
    return ((this.clock_seq_hi_variant & 0x3fn) << 8n) | this.clock_seq_low;
  }

  get urn(): string {
    return `urn:uuid:${this.__str__()}`;
  }

  get variant(): string {
    if (!(this.int & (0x8000n << 48n))) return RESERVED_NCS;
    if (!(this.int & (0x4000n << 48n))) return RFC_4122;
    if (!(this.int & (0x2000n << 48n))) return RESERVED_MICROSOFT;
    return RESERVED_FUTURE;
  }

  get version(): bigint | null {
    return this.variant === RFC_4122 ? (this.int >> 76n) & 0xfn : null;
  }

  __str__(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  __repr__(): string {
    const name = (this.constructor as unknown as { __name__?: string }).__name__ ?? "UUID";
    return `${name}(${repr(this.__str__())})`;
  }

  __int__(): bigint {
    return this.int;
  }

  __hash__(): bigint {
    return hash(this.int);
  }

  __eq__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int === other.int : NotImplemented;
  }

  __ne__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int !== other.int : NotImplemented;
  }

  __lt__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int < other.int : NotImplemented;
  }

  __le__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int <= other.int : NotImplemented;
  }

  __gt__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int > other.int : NotImplemented;
  }

  __ge__(other: unknown): unknown {
    return other instanceof UUIDImpl ? this.int >= other.int : NotImplemented;
  }
}

export const UUID = libraryClass(UUIDImpl, "UUID", "uuid");

export const NAMESPACE_DNS = new UUID(null, null, null, null, 0x6ba7b8109dad11d180b400c04fd430c8n);
export const NAMESPACE_URL = new UUID(null, null, null, null, 0x6ba7b8119dad11d180b400c04fd430c8n);
export const NAMESPACE_OID = new UUID(null, null, null, null, 0x6ba7b8129dad11d180b400c04fd430c8n);
export const NAMESPACE_X500 = new UUID(null, null, null, null, 0x6ba7b8149dad11d180b400c04fd430c8n);

/** uuid3/uuid5: the hash of the namespace's bytes and the name, with the version set. */
function nameBased(
  algorithm: string,
  version: bigint,
  namespace: unknown,
  name: unknown,
): UUIDImpl {
  const ns = (namespace as { bytes?: unknown } | null)?.bytes;
  if (!(namespace instanceof UUIDImpl) || !(ns instanceof Bytes))
    throw new AttributeError(`'${typeName(namespace)}' object has no attribute 'bytes'`);
  let data: Uint8Array;
  if (typeof name === "string") data = Buffer.from(name, "utf8");
  else if (name instanceof BytesLike) data = name.data;
  else throw new PyTypeError(`can't concat ${typeName(name)} to bytes`);
  const digest = nodeCrypto().createHash(algorithm).update(ns.data).update(data).digest();
  return new UUID(
    null,
    new Bytes(new Uint8Array(digest.subarray(0, 16))),
    null,
    null,
    null,
    version,
  );
}

/** `uuid3(namespace, name)`: MD5-based. */
export function uuid3(namespace: unknown, name: unknown): UUIDImpl {
  return nameBased("md5", 3n, namespace, name);
}

/** `uuid5(namespace, name)`: SHA-1-based. */
export function uuid5(namespace: unknown, name: unknown): UUIDImpl {
  return nameBased("sha1", 5n, namespace, name);
}

/** `uuid4()`: random. */
export function uuid4(): UUIDImpl {
  const b = new Uint8Array(nodeCrypto().randomBytes(16));
  return new UUID(null, new Bytes(b), null, null, null, 4n);
}

let node: bigint | undefined;

/** `getnode()`: a random 48-bit node with the multicast bit set (see the header). */
export function getnode(): bigint {
  if (node === undefined) node = fromBytes(nodeCrypto().randomBytes(6)) | (1n << 40n);
  return node;
}

let lastTimestamp: bigint | null = null;

/** `uuid1(node=None, clock_seq=None)`: time-based, with 100-ns intervals since 1582-10-15. */
export function uuid1(nodeArg: unknown = null, clockSeq: unknown = null): UUIDImpl {
  const nanoseconds = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  let timestamp = nanoseconds / 100n + 0x01b21dd213814000n;
  if (lastTimestamp !== null && timestamp <= lastTimestamp) timestamp = lastTimestamp + 1n;
  lastTimestamp = timestamp;
  const seq =
    clockSeq === null ? fromBytes(nodeCrypto().randomBytes(2)) & 0x3fffn : index(clockSeq);
  const timeLow = timestamp & 0xffffffffn;
  const timeMid = (timestamp >> 32n) & 0xffffn;
  const timeHi = (timestamp >> 48n) & 0x0fffn;
  const fields = new Tuple([
    timeLow,
    timeMid,
    timeHi,
    (seq >> 8n) & 0x3fn,
    seq & 0xffn,
    nodeArg === null ? getnode() : index(nodeArg),
  ]);
  return new UUID(null, null, null, fields, null, 1n);
}
