/**
 * Python's `base64`: `b64encode`/`b64decode` (`altchars`, `validate`), `standard_b64*`,
 * `urlsafe_b64*`, `b32encode`/`b32decode` (`casefold`, `map01`), `b32hexencode`/`b32hexdecode`,
 * `b16encode`/`b16decode` (`casefold`), `encodebytes`/`decodebytes`, on binascii
 * (stdlib/binascii.ts) as in CPython's `Lib/base64.py`.
 *
 * Decoding functions take bytes-like objects or ASCII str ("string argument should contain only
 * ASCII characters", "argument should be a bytes-like object or ASCII string, not 'int'");
 * encoding functions take bytes-like objects only ("a bytes-like object is required, not
 * 'str'"). Errors are `binascii.Error` with CPython's messages; a wrong `altchars`/`map01` length
 * is the AssertionError CPython's `assert` raises (message: the argument's repr).
 *
 * Differences from CPython: `b85*`, `a85*`, `z85*`, `encode`/`decode` (file objects) are missing;
 * memoryview arguments do not exist in the runtime.
 */

import { Bytes, BytesLike } from "../bytes";
import { AssertionError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { truthy } from "../protocol";
import { repr } from "../repr";
import { typeName } from "../types";
import {
  Error as BinasciiError,
  base64Decode,
  base64Encode,
  bytesArg,
  unhexlify,
} from "./binascii";
import { bindArgs } from "./types";

/** `_bytes_from_decode_data`: ASCII str or bytes-like. */
function decodeData(s: unknown): Uint8Array {
  if (typeof s === "string") {
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) throw new ValueError("string argument should contain only ASCII characters");
      out[i] = c;
    }
    return out;
  }
  if (s instanceof BytesLike) return s.data;
  throw new PyTypeError(
    `argument should be a bytes-like object or ASCII string, not '${typeName(s)}'`,
  );
}

/** `bytes.translate` of `data` with the two-character mapping `from` -> `to`. */
function translate(data: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  const out = data.slice();
  for (let i = 0; i < out.length; i++) {
    const k = from.indexOf(out[i]!);
    if (k >= 0) out[i] = to[k]!;
  }
  return out;
}

const PLUS_SLASH = Uint8Array.of(43, 47);
const URLSAFE = Uint8Array.of(45, 95);

/** The `altchars` argument: two bytes (CPython asserts the length). */
function altcharsArg(altchars: unknown, decoding: boolean): Uint8Array {
  const a = decoding ? decodeData(altchars) : bytesArg(altchars);
  if (a.length !== 2)
    throw new AssertionError(repr(altchars instanceof BytesLike ? altchars : new Bytes(a)));
  return a;
}

/** `b64encode(s, altchars=None)`. */
export function b64encode(...args: unknown[]): Bytes {
  const [s, altchars] = bindArgs("b64encode", args, ["s", "altchars"], [null]);
  const enc = base64Encode(bytesArg(s));
  if (altchars === null) return new Bytes(enc);
  return new Bytes(translate(enc, PLUS_SLASH, altcharsArg(altchars, false)));
}

/** `b64decode(s, altchars=None, validate=False)`. */
export function b64decode(...args: unknown[]): Bytes {
  const [s, altchars, validate] = bindArgs(
    "b64decode",
    args,
    ["s", "altchars", "validate"],
    [null, false],
  );
  let data = decodeData(s);
  if (altchars !== null) data = translate(data, altcharsArg(altchars, true), PLUS_SLASH);
  return new Bytes(base64Decode(data, truthy(validate)));
}

/** `standard_b64encode(s)`. */
export function standard_b64encode(s: unknown): Bytes {
  return b64encode(s);
}

/** `standard_b64decode(s)`. */
export function standard_b64decode(s: unknown): Bytes {
  return b64decode(s);
}

/** `urlsafe_b64encode(s)`: "-" and "_" instead of "+" and "/". */
export function urlsafe_b64encode(s: unknown): Bytes {
  return new Bytes(translate(base64Encode(bytesArg(s)), PLUS_SLASH, URLSAFE));
}

/** `urlsafe_b64decode(s)`. */
export function urlsafe_b64decode(s: unknown): Bytes {
  return new Bytes(base64Decode(translate(decodeData(s), URLSAFE, PLUS_SLASH), false));
}

/** `encodebytes(s)`: base64 in lines of 76 characters, each ending with a newline. */
export function encodebytes(s: unknown): Bytes {
  const data = inputTypeCheck(s);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 57) {
    out.push(...base64Encode(data.subarray(i, i + 57)), 10);
  }
  return new Bytes(Uint8Array.from(out));
}

/** `decodebytes(s)`. */
export function decodebytes(s: unknown): Bytes {
  return new Bytes(base64Decode(inputTypeCheck(s), false));
}

/** `_input_type_check`: the legacy interface takes bytes-like objects only. */
function inputTypeCheck(s: unknown): Uint8Array {
  if (s instanceof BytesLike) return s.data;
  throw new PyTypeError(`expected bytes-like object, not ${typeName(s)}`);
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

function b32Encode(alphabet: string, s: unknown): Bytes {
  const data = bytesArg(s);
  const out: number[] = [];
  for (let i = 0; i < data.length; i += 5) {
    const chunk = new Uint8Array(5);
    chunk.set(data.subarray(i, i + 5));
    let acc = 0n;
    for (const b of chunk) acc = (acc << 8n) | BigInt(b);
    for (let k = 7; k >= 0; k--)
      out.push(alphabet.charCodeAt(Number((acc >> BigInt(5 * k)) & 31n)));
  }
  // Padding: 1, 2, 3, 4 leftover bytes leave 6, 4, 3, 1 '=' at the end.
  const left = data.length % 5;
  const pads = [0, 6, 4, 3, 1][left]!;
  for (let k = 0; k < pads; k++) out[out.length - 1 - k] = 61;
  return new Bytes(Uint8Array.from(out));
}

function b32Decode(alphabet: string, s: unknown, casefold: unknown, map01: unknown): Bytes {
  let data = decodeData(s);
  if (data.length % 8 !== 0) throw new BinasciiError("Incorrect padding");
  if (map01 !== null && map01 !== undefined) {
    const m = decodeData(map01);
    if (m.length !== 1)
      throw new AssertionError(repr(map01 instanceof BytesLike ? map01 : new Bytes(m)));
    data = translate(data, Uint8Array.of(48, 49), Uint8Array.of(79, m[0]!));
  }
  if (truthy(casefold)) data = data.map((c) => (c >= 97 && c <= 122 ? c - 32 : c));
  const total = data.length;
  let end = total;
  while (end > 0 && data[end - 1] === 61) end--;
  const padchars = total - end;
  const out: number[] = [];
  let acc = 0n;
  for (let i = 0; i < end; i += 8) {
    acc = 0n;
    for (const c of data.subarray(i, Math.min(i + 8, end))) {
      const v = alphabet.indexOf(String.fromCharCode(c));
      if (v < 0) throw new BinasciiError("Non-base32 digit found");
      acc = (acc << 5n) + BigInt(v);
    }
    for (let k = 4; k >= 0; k--) out.push(Number((acc >> BigInt(8 * k)) & 0xffn));
  }
  if (![0, 1, 3, 4, 6].includes(padchars)) throw new BinasciiError("Incorrect padding");
  if (padchars > 0 && out.length > 0) {
    // The last quantum had 8 - padchars digits: shift them into place, keep the whole bytes.
    acc <<= BigInt(5 * padchars);
    const last: number[] = [];
    for (let k = 4; k >= 0; k--) last.push(Number((acc >> BigInt(8 * k)) & 0xffn));
    const leftover = Math.floor((43 - 5 * padchars) / 8);
    out.splice(out.length - 5, 5, ...last.slice(0, leftover));
  }
  return new Bytes(Uint8Array.from(out));
}

/** `b32encode(s)`. */
export function b32encode(s: unknown): Bytes {
  return b32Encode(B32, s);
}

/** `b32decode(s, casefold=False, map01=None)`. */
export function b32decode(...args: unknown[]): Bytes {
  const [s, casefold, map01] = bindArgs(
    "b32decode",
    args,
    ["s", "casefold", "map01"],
    [false, null],
  );
  return b32Decode(B32, s, casefold, map01);
}

/** `b32hexencode(s)`: the "Extended Hex" alphabet of RFC 4648. */
export function b32hexencode(s: unknown): Bytes {
  return b32Encode(B32HEX, s);
}

/** `b32hexdecode(s, casefold=False)`. */
export function b32hexdecode(...args: unknown[]): Bytes {
  const [s, casefold] = bindArgs("b32hexdecode", args, ["s", "casefold"], [false]);
  return b32Decode(B32HEX, s, casefold, null);
}

/** `b16encode(s)`: upper-case hex. */
export function b16encode(s: unknown): Bytes {
  const data = bytesArg(s);
  let text = "";
  for (const b of data) text += b.toString(16).padStart(2, "0");
  return new Bytes(decodeData(text.toUpperCase()));
}

/** `b16decode(s, casefold=False)`. */
export function b16decode(...args: unknown[]): Bytes {
  const [s, casefold] = bindArgs("b16decode", args, ["s", "casefold"], [false]);
  let data = decodeData(s);
  if (truthy(casefold)) data = data.map((c) => (c >= 97 && c <= 122 ? c - 32 : c));
  for (const c of data) {
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70)))
      throw new BinasciiError("Non-base16 digit found");
  }
  return unhexlify(new Bytes(data));
}
