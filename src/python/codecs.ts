/**
 * Text encodings for `str.encode` / `bytes.decode`: UTF-8 (CPython's error positions and
 * reasons: "invalid start byte", "invalid continuation byte", "unexpected end of data"),
 * UTF-8 with a BOM ("utf-8-sig"), ASCII, Latin-1, cp1252 (Windows' code page: errors name the
 * 'charmap' codec, "character maps to <undefined>"), UTF-16 and UTF-32 (the plain names write a little-endian BOM and detect
 * one when decoding; "truncated data", "illegal UTF-16 surrogate", "illegal encoding" and
 * the UTF-32 range errors as CPython reports them), with the error handlers strict, ignore,
 * replace, backslashreplace, xmlcharrefreplace (encoding), surrogateescape and
 * surrogatepass.
 *
 * Encoding names are looked up as CPython's `encodings` package does: lower-cased, runs of
 * characters other than letters, digits and "." collapsed to "_", then matched against the
 * codec names and their aliases.
 */

import { Bytes } from "./bytes";
import { LookupError, UnicodeDecodeError, UnicodeEncodeError } from "./exceptions";

/** Normalized name (or alias) -> the codec's name as error messages spell it. */
const CODECS = new Map<string, string>();
for (const [name, aliases] of [
  ["utf-8", "utf_8 u8 utf utf8 utf8_ucs2 utf8_ucs4 cp65001"],
  [
    "ascii",
    "ascii 646 ansi_x3.4_1968 ansi_x3_4_1968 ansi_x3.4_1986 cp367 csascii ibm367 iso646_us " +
      "iso_646.irv_1991 iso_ir_6 us us_ascii",
  ],
  [
    "latin-1",
    "latin_1 8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 " +
      "iso_ir_100 l1 latin latin1",
  ],
  ["utf-16", "utf_16 u16 utf16"],
  ["utf-16-le", "utf_16_le unicodelittleunmarked utf_16le"],
  ["utf-16-be", "utf_16_be unicodebigunmarked utf_16be"],
  ["utf-32", "utf_32 u32 utf32"],
  ["utf-32-le", "utf_32_le utf_32le"],
  ["utf-32-be", "utf_32_be utf_32be"],
  ["utf-8-sig", "utf_8_sig"],
  ["cp1252", "cp1252 1252 windows_1252"],
] as const) {
  for (const alias of aliases.split(" ")) CODECS.set(alias, name);
}

export function normalizeEncoding(enc: string): string {
  const key = enc
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const name = CODECS.get(key);
  if (name === undefined) throw new LookupError(`unknown encoding: ${enc}`);
  return name;
}

/** UTF-16 / UTF-32: the code unit's size, its byte order, whether the name writes a BOM. */
interface WideForm {
  readonly size: 2 | 4;
  readonly little: boolean;
  readonly bom: boolean;
}

const WIDE: Record<string, WideForm> = {
  "utf-16": { size: 2, little: true, bom: true },
  "utf-16-le": { size: 2, little: true, bom: false },
  "utf-16-be": { size: 2, little: false, bom: false },
  "utf-32": { size: 4, little: true, bom: true },
  "utf-32-le": { size: 4, little: true, bom: false },
  "utf-32-be": { size: 4, little: false, bom: false },
};

/** cp1252's bytes 0x80..0x9f (0 where undefined); the other bytes are Latin-1's. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0,
  0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0, 0x17e, 0x178,
];
const CP1252_ENCODE = new Map<number, number>();
for (let b = 0; b < 256; b++) {
  const c = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
  if (c !== 0 || b === 0) CP1252_ENCODE.set(c, b);
}
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

export function decodeError(
  encoding: string,
  data: Uint8Array,
  start: number,
  end: number,
  reason: string,
): UnicodeDecodeError {
  return new UnicodeDecodeError(
    encoding,
    new Bytes(data.slice()),
    BigInt(start),
    BigInt(end),
    reason,
  );
}

/** Decode bytes; `errors` is the Python error handler name. */
export function decode(data: Uint8Array, encoding = "utf-8", errors = "strict"): string {
  const enc = normalizeEncoding(encoding);
  if (enc === "utf-8") return decodeUtf8(data, errors);
  if (enc === "utf-8-sig") {
    // CPython's encodings.utf_8_sig: a leading BOM is dropped, the rest decoded as UTF-8
    const bom = data.length >= 3 && UTF8_BOM.every((b, i) => data[i] === b);
    return decodeUtf8(bom ? data.slice(3) : data, errors);
  }
  const wide = WIDE[enc];
  if (wide !== undefined) return decodeWide(data, enc, wide, errors);
  let out = "";
  if (enc === "cp1252") {
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      const c = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : b;
      if (c !== 0 || b === 0) out += String.fromCharCode(c);
      else {
        out += handleDecodeError("charmap", data, i, i + 1, CHARMAP_UNDEFINED, errors);
      }
    }
    return out;
  }
  const limit = enc === "ascii" ? 0x80 : 0x100;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (b < limit) out += String.fromCharCode(b);
    else out += handleDecodeError(enc, data, i, i + 1, "ordinal not in range(128)", errors);
  }
  return out;
}

function handleDecodeError(
  enc: string,
  data: Uint8Array,
  start: number,
  end: number,
  reason: string,
  errors: string,
): string {
  switch (errors) {
    case "strict":
      throw decodeError(enc, data, start, end, reason);
    case "ignore":
      return "";
    case "replace":
      return "\ufffd";
    case "backslashreplace": {
      let s = "";
      for (let i = start; i < end; i++) s += `\\x${hex2(data[i])}`;
      return s;
    }
    case "surrogatepass":
      // Only an encoded surrogate is passed through (by the decoders themselves).
      throw decodeError(enc, data, start, end, reason);
    case "surrogateescape": {
      let s = "";
      for (let i = start; i < end; i++) {
        if (data[i] < 128) throw decodeError(enc, data, start, end, reason);
        s += String.fromCharCode(0xdc00 + data[i]);
      }
      return s;
    }
    default:
      throw new LookupError(`unknown error handler name '${errors}'`);
  }
}

function decodeUtf8(data: Uint8Array, errors: string): string {
  // Fast path: valid UTF-8 decodes with TextDecoder.
  if (errors === "strict" || errors === "replace") {
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data);
    } catch {
      // fall through to the exact decoder for error positions
    }
  }
  const parts: string[] = [];
  let i = 0;
  const n = data.length;
  while (i < n) {
    const b = data[i];
    if (b < 0x80) {
      parts.push(String.fromCharCode(b));
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      parts.push(handleDecodeError("utf-8", data, i, i + 1, "invalid start byte", errors));
      i++;
      continue;
    }
    let j = 1;
    let bad = false;
    for (; j <= need; j++) {
      if (i + j >= n) {
        parts.push(handleDecodeError("utf-8", data, i, n, "unexpected end of data", errors));
        i = n;
        bad = true;
        break;
      }
      const c = data[i + j];
      const l = j === 1 ? lo : 0x80;
      const h = j === 1 ? hi : 0xbf;
      if (c < l || c > h) {
        parts.push(handleDecodeError("utf-8", data, i, i + j, "invalid continuation byte", errors));
        i += j;
        bad = true;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (bad) continue;
    parts.push(String.fromCodePoint(cp));
    i += need + 1;
  }
  return parts.join("");
}

/** The code unit of `form` at `i` in `data`. */
function readUnit(data: Uint8Array, i: number, form: WideForm): number {
  let u = 0;
  for (let k = 0; k < form.size; k++) {
    const b = data[form.little ? i + form.size - 1 - k : i + k];
    u = u * 256 + b;
  }
  return u;
}

/** The byte order a UTF-16/UTF-32 BOM at the start of `data` announces, or null. */
function bomOrder(data: Uint8Array, size: 2 | 4): boolean | null {
  const le = size === 2 ? [0xff, 0xfe] : [0xff, 0xfe, 0, 0];
  const be = size === 2 ? [0xfe, 0xff] : [0, 0, 0xfe, 0xff];
  if (data.length < size) return null;
  if (le.every((b, k) => data[k] === b)) return true;
  if (be.every((b, k) => data[k] === b)) return false;
  return null;
}

function decodeWide(data: Uint8Array, enc: string, form: WideForm, errors: string): string {
  let i = 0;
  if (form.bom) {
    // The plain names take the byte order from a BOM (skipped), little-endian without one;
    // errors then name the codec of that byte order.
    const little = bomOrder(data, form.size);
    if (little !== null) i = form.size;
    form = { size: form.size, little: little ?? true, bom: false };
    enc = `${enc}-${form.little ? "le" : "be"}`;
  }
  const size = form.size;
  const n = data.length;
  const pass = errors === "surrogatepass";
  const parts: string[] = [];
  /** Handles the error of the bytes `i` to `end`; returns where decoding resumes. */
  const fail = (end: number, reason: string): number => {
    if (errors === "surrogateescape") {
      // CPython's handler escapes the leading bytes >= 0x80 (up to 4) and resumes after them.
      let k = i;
      while (k < end && k < i + 4 && data[k] >= 0x80) k++;
      if (k > i) end = k;
    }
    parts.push(handleDecodeError(enc, data, i, end, reason, errors));
    return end;
  };
  while (i < n) {
    if (n - i < size) {
      i = fail(n, "truncated data");
      continue;
    }
    const u = readUnit(data, i, form);
    const surrogate = u >= 0xd800 && u <= 0xdfff;
    if (size === 4) {
      if (u > 0x10ffff) i = fail(i + 4, "code point not in range(0x110000)");
      else if (surrogate && !pass)
        i = fail(i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
      else {
        parts.push(String.fromCodePoint(u));
        i += 4;
      }
    } else {
      // A high surrogate followed by a low one is a pair; surrogatepass keeps a lone one.
      const v = u >= 0xd800 && u < 0xdc00 && n - i >= 4 ? readUnit(data, i + 2, form) : 0;
      if (v >= 0xdc00 && v <= 0xdfff) {
        parts.push(String.fromCharCode(u, v));
        i += 4;
      } else if (!surrogate || pass) {
        parts.push(String.fromCharCode(u));
        i += 2;
      } else if (u >= 0xdc00) i = fail(i + 2, "illegal encoding");
      else if (n - i < 4) i = fail(n, "unexpected end of data");
      else i = fail(i + 2, "illegal UTF-16 surrogate");
    }
  }
  return parts.join("");
}

/** Encode a str. */
export function encode(s: string, encoding = "utf-8", errors = "strict"): Uint8Array {
  const enc = normalizeEncoding(encoding);
  const wide = WIDE[enc];
  if (wide !== undefined) return encodeWide(s, enc, wide, errors);
  if (enc === "utf-8-sig") return Uint8Array.from([...UTF8_BOM, ...encode(s, "utf-8", errors)]);
  if (enc === "cp1252") return encodeCharmap(s, CP1252_ENCODE, errors);
  const out: number[] = [];
  const replace = (pos: number, c: number, reason: string): void => {
    for (const ch of encodeErrorReplacement(enc, s, pos, c, reason, errors))
      out.push(ch.charCodeAt(0));
  };
  let pos = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (enc === "utf-8") {
      if (c >= 0xd800 && c <= 0xdfff) {
        if (errors === "surrogateescape" && c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
        else if (errors === "surrogatepass") {
          out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        } else replace(pos, c, "surrogates not allowed");
      } else if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      else if (c < 0x10000) {
        out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      } else {
        out.push(
          0xf0 | (c >> 18),
          0x80 | ((c >> 12) & 0x3f),
          0x80 | ((c >> 6) & 0x3f),
          0x80 | (c & 0x3f),
        );
      }
    } else {
      const limit = enc === "ascii" ? 0x80 : 0x100;
      if (c < limit) out.push(c);
      else if (errors === "surrogateescape" && c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
      else replace(pos, c, `ordinal not in range(${limit})`);
    }
    pos++;
  }
  return Uint8Array.from(out);
}

const CHARMAP_UNDEFINED = "character maps to <undefined>";

/** A single-byte code page (CPython's charmap codec): its errors name the 'charmap' codec. */
function encodeCharmap(s: string, table: Map<number, number>, errors: string): Uint8Array {
  const out: number[] = [];
  let pos = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const b = table.get(c);
    if (b !== undefined) out.push(b);
    else if (errors === "surrogateescape" && c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else {
      for (const r of encodeErrorReplacement("charmap", s, pos, c, CHARMAP_UNDEFINED, errors)) {
        const rb = table.get(r.codePointAt(0)!);
        if (rb === undefined) {
          throw new UnicodeEncodeError(
            "charmap",
            s,
            BigInt(pos),
            BigInt(pos + 1),
            CHARMAP_UNDEFINED,
          );
        }
        out.push(rb);
      }
    }
    pos++;
  }
  return Uint8Array.from(out);
}

/**
 * UTF-16 / UTF-32. Surrogates are refused unless surrogatepass; surrogateescape's single
 * byte is not a whole code unit, so it refuses them too, as in CPython.
 */
function encodeWide(s: string, enc: string, form: WideForm, errors: string): Uint8Array {
  const out: number[] = [];
  const put = (u: number): void => {
    for (let k = 0; k < form.size; k++) {
      const shift = 8 * (form.little ? k : form.size - 1 - k);
      out.push(Math.floor(u / 2 ** shift) & 0xff);
    }
  };
  if (form.bom) put(0xfeff);
  let pos = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff && errors !== "surrogatepass") {
      const r = encodeErrorReplacement(enc, s, pos, c, "surrogates not allowed", errors);
      for (const rc of r) put(rc.charCodeAt(0));
    } else if (form.size === 2 && c > 0xffff) {
      put(0xd800 + ((c - 0x10000) >> 10));
      put(0xdc00 + ((c - 0x10000) & 0x3ff));
    } else put(c);
    pos++;
  }
  return Uint8Array.from(out);
}

/** Whether the charmap-like encoders (ascii, latin-1, utf-8, utf-16/32) refuse `c`. */
function unencodable(enc: string, c: number): boolean {
  if (enc === "ascii") return c >= 0x80;
  if (enc === "latin-1") return c >= 0x100;
  if (enc === "charmap") return !CP1252_ENCODE.has(c);
  return c >= 0xd800 && c <= 0xdfff;
}

/** What an encoding error handler puts for `c` (ASCII), or the UnicodeEncodeError. */
function encodeErrorReplacement(
  enc: string,
  s: string,
  pos: number,
  c: number,
  reason: string,
  errors: string,
): string {
  switch (errors) {
    case "ignore":
      return "";
    case "replace":
      return "?";
    case "backslashreplace":
      return c <= 0xff
        ? `\\x${hex2(c)}`
        : c <= 0xffff
          ? `\\u${c.toString(16).padStart(4, "0")}`
          : `\\U${c.toString(16).padStart(8, "0")}`;
    case "xmlcharrefreplace":
      return `&#${c};`;
    case "strict":
    case "surrogateescape":
    case "surrogatepass": {
      // The last two handle only surrogates, which the encoders pass to them themselves. The
      // error spans the whole run of unencodable characters, as CPython reports it.
      const cps = Array.from(s);
      let end = pos + 1;
      while (end < cps.length && unencodable(enc, cps[end].codePointAt(0)!)) end++;
      throw new UnicodeEncodeError(enc, s, BigInt(pos), BigInt(end), reason);
    }
    default:
      throw new LookupError(`unknown error handler name '${errors}'`);
  }
}
