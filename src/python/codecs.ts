/**
 * Text encodings for `str.encode` / `bytes.decode`: UTF-8 (CPython's error positions and
 * reasons: "invalid start byte", "invalid continuation byte", "unexpected end of data"),
 * ASCII and Latin-1, with the error handlers strict, ignore, replace, backslashreplace and
 * surrogateescape.
 */

import { Bytes } from "./bytes";
import { LookupError, UnicodeDecodeError, UnicodeEncodeError } from "./exceptions";

export function normalizeEncoding(enc: string): string {
  const e = enc.toLowerCase().replace(/[-_ ]/g, "");
  if (e === "utf8" || e === "u8" || e === "utf") return "utf-8";
  if (e === "ascii" || e === "usascii" || e === "646") return "ascii";
  if (e === "latin1" || e === "latin" || e === "iso88591" || e === "l1" || e === "8859") {
    return "latin-1";
  }
  throw new LookupError(`unknown encoding: ${enc}`);
}

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
  const limit = enc === "ascii" ? 0x80 : 0x100;
  let out = "";
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

/** Encode a str. */
export function encode(s: string, encoding = "utf-8", errors = "strict"): Uint8Array {
  const enc = normalizeEncoding(encoding);
  const out: number[] = [];
  let pos = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (enc === "utf-8") {
      if (c >= 0xd800 && c <= 0xdfff) {
        if (errors === "surrogateescape" && c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
        else if (errors === "surrogatepass") {
          out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        } else encodeErr(enc, s, pos, c, "surrogates not allowed", errors, out);
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
      else {
        encodeErr(enc, s, pos, c, `ordinal not in range(${limit})`, errors, out);
      }
    }
    pos++;
  }
  return Uint8Array.from(out);
}

function encodeErr(
  enc: string,
  s: string,
  pos: number,
  c: number,
  reason: string,
  errors: string,
  out: number[],
): void {
  switch (errors) {
    case "ignore":
      return;
    case "replace":
      out.push(0x3f);
      return;
    case "backslashreplace": {
      const esc =
        c <= 0xff
          ? `\\x${hex2(c)}`
          : c <= 0xffff
            ? `\\u${c.toString(16).padStart(4, "0")}`
            : `\\U${c.toString(16).padStart(8, "0")}`;
      for (const ch of esc) out.push(ch.charCodeAt(0));
      return;
    }
    case "xmlcharrefreplace":
      for (const ch of `&#${c};`) out.push(ch.charCodeAt(0));
      return;
    default:
      throw new UnicodeEncodeError(enc, s, BigInt(pos), BigInt(pos + 1), reason);
  }
}
