/**
 * Python's `urllib.parse` (the `parse` attribute of stdlib/urllib.ts), following
 * `Lib/urllib/parse.py` of CPython 3.13.0 step by step:
 *
 * - `urlsplit`/`urlparse` (scheme detection, netloc, `;params` for the schemes that use them,
 *   query, fragment, WHATWG leading-space stripping, removal of tab/CR/LF, the bracketed-host
 *   checks: "Invalid IPv6 URL", "An IPv4 address cannot be in brackets") give `SplitResult`/
 *   `ParseResult` named tuples with `username`, `password`, `hostname`, `port` (ValueErrors "Port
 *   could not be cast to integer value as 'x'", "Port out of range 0-65535"), `geturl()`,
 *   `_replace`, `_asdict`; `urldefrag` gives `DefragResult`.
 * - `urlunsplit`, `urlunparse`, `urljoin` (RFC 3986 dot-segment removal as CPython does it).
 * - `quote` (`safe`, `encoding`, `errors`), `quote_plus`, `quote_from_bytes`, `unquote`,
 *   `unquote_plus`, `unquote_to_bytes`, `urlencode` (mappings and sequences of pairs, `doseq`,
 *   `safe`, `quote_via`), `parse_qs`/`parse_qsl` (`keep_blank_values`, `strict_parsing`,
 *   `max_num_fields`, `separator`).
 *
 * Differences from CPython: URLs and query strings must be str (bytes raise
 * NotImplementedError; `quote`/`unquote`/`quote_from_bytes`/`unquote_to_bytes` take bytes as
 * CPython does); the `*ResultBytes` classes, `encode()` of results and the deprecated `split*`
 * helpers are missing; result classes cannot be subclassed from Python code.
 */

import { Bytes, BytesLike } from "../bytes";
import { decode, encode } from "../codecs";
import { Dict } from "../dict";
import {
  AttributeError,
  NotImplementedError,
  TypeError as PyTypeError,
  ValueError,
} from "../exceptions";
import { call, callMethod, getitem, hasattr, iter, len, toArray, truthy } from "../protocol";
import { repr, str } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { installNamedTuple, namedTupleSpec } from "./collections";
import { bindArgs, libraryClass } from "./types";

export const uses_relative = [
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "imap",
  "wais",
  "file",
  "https",
  "shttp",
  "mms",
  "prospero",
  "rtsp",
  "rtsps",
  "rtspu",
  "sftp",
  "svn",
  "svn+ssh",
  "ws",
  "wss",
];
export const uses_netloc = [
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtsps",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
  "itms-services",
];
export const uses_params = [
  "",
  "ftp",
  "hdl",
  "prospero",
  "http",
  "imap",
  "https",
  "shttp",
  "rtsp",
  "rtsps",
  "rtspu",
  "sip",
  "sips",
  "mms",
  "sftp",
  "tel",
];
export const scheme_chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";

/** `_WHATWG_C0_CONTROL_OR_SPACE`: C0 controls and space. */
const C0_OR_SPACE = /^[\x00-\x20]+/;
const C0_OR_SPACE_END = /[\x00-\x20]+$/;

/** `_coerce_args` for str arguments: bytes are not supported here (see the header). */
function strArgs(...args: unknown[]): string[] {
  const first = args[0];
  if (typeof first !== "string") {
    if (first instanceof BytesLike)
      throw new NotImplementedError("urllib.parse on bytes is not supported by asyncio-ts");
    throw new AttributeError(`'${typeName(first)}' object has no attribute 'decode'`);
  }
  for (const a of args.slice(1)) {
    if (truthy(a) && typeof a !== "string")
      throw new PyTypeError("Cannot mix str and non-str arguments");
  }
  return args.map((a) => (typeof a === "string" ? a : ""));
}

/** `s.partition(sep)` as `[before, found, after]`. */
function partition(s: string, sep: string): [string, boolean, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, false, ""] : [s.slice(0, i), true, s.slice(i + sep.length)];
}

function rpartition(s: string, sep: string): [string, boolean, string] {
  const i = s.lastIndexOf(sep);
  return i < 0 ? ["", false, s] : [s.slice(0, i), true, s.slice(i + sep.length)];
}

/** The netloc properties shared by SplitResult and ParseResult (`_NetlocResultMixinStr`). */
const netlocProperties: Record<string, (this: Tuple) => unknown> = {
  username(this: Tuple) {
    return userinfo(netlocOf(this))[0];
  },
  password(this: Tuple) {
    return userinfo(netlocOf(this))[1];
  },
  hostname(this: Tuple) {
    const host = hostinfo(netlocOf(this))[0];
    if (!host) return null;
    const [name, pct, zone] = partition(host, "%");
    return `${callMethod(name, "lower") as string}${pct ? "%" : ""}${zone}`;
  },
  port(this: Tuple) {
    const port = hostinfo(netlocOf(this))[1];
    if (port === null) return null;
    if (!/^[0-9]+$/.test(port))
      throw new ValueError(`Port could not be cast to integer value as ${repr(port)}`);
    const n = BigInt(port);
    if (n > 65535n) throw new ValueError("Port out of range 0-65535");
    return n;
  },
};

function netlocOf(t: Tuple): string {
  return t.items[1] as string;
}

function userinfo(netloc: string): [string | null, string | null] {
  const [info, has] = rpartition(netloc, "@");
  if (!has) return [null, null];
  const [user, hasPassword, password] = partition(info, ":");
  return [user, hasPassword ? password : null];
}

function hostinfo(netloc: string): [string, string | null] {
  const hostpart = rpartition(netloc, "@")[2];
  const [, open, bracketed] = partition(hostpart, "[");
  let host: string;
  let port: string;
  if (open) {
    let rest: string;
    [host, , rest] = partition(bracketed, "]");
    port = partition(rest, ":")[2];
  } else {
    [host, , port] = partition(hostpart, ":");
  }
  return [host, port === "" ? null : port];
}

/** A result named tuple class of this module (fields, the netloc properties, `geturl`). */
function resultClass(
  name: string,
  fields: string[],
  geturl: (t: Tuple) => string,
  netloc: boolean,
): new (
  ...args: unknown[]
) => Tuple {
  const spec = namedTupleSpec(name, fields, []);
  class Result extends Tuple {
    constructor(...args: unknown[]) {
      super(spec.bind(args));
    }
    geturl(): string {
      return geturl(this);
    }
  }
  installNamedTuple(Result, spec, true, false); // its methods and properties: no dir()
  if (netloc) {
    for (const [key, get] of Object.entries(netlocProperties))
      Object.defineProperty(Result.prototype, key, { get, configurable: true });
  }
  return libraryClass(Result, name, "urllib.parse");
}

export const DefragResult = resultClass(
  "DefragResult",
  ["url", "fragment"],
  (t) => (t.items[1] ? `${t.items[0]}#${t.items[1]}` : (t.items[0] as string)),
  false,
);
export const SplitResult = resultClass(
  "SplitResult",
  ["scheme", "netloc", "path", "query", "fragment"],
  (t) => urlunsplit(t),
  true,
);
export const ParseResult = resultClass(
  "ParseResult",
  ["scheme", "netloc", "path", "params", "query", "fragment"],
  (t) => urlunparse(t),
  true,
);

/** `_splitnetloc(url, start)`: the netloc ends at the first "/", "?" or "#". */
function splitNetloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of "/?#") {
    const w = url.indexOf(c, start);
    if (w >= 0) delim = Math.min(delim, w);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

/** `_check_bracketed_host`: an IPv6 address or an IPvFuture literal. */
function checkBracketedHost(host: string): void {
  if (host.startsWith("v")) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new ValueError("IPvFuture address is invalid");
    return;
  }
  const net = require("node:net") as typeof import("node:net");
  if (net.isIPv4(host)) throw new ValueError("An IPv4 address cannot be in brackets");
  if (!net.isIPv6(host))
    throw new ValueError(`${repr(host)} does not appear to be an IPv4 or IPv6 address`);
}

/** `_checknetloc`: a non-ASCII netloc must not gain URL delimiters under NFKC. */
function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, "");
  const normalized = n.normalize("NFKC");
  if (n === normalized) return;
  for (const c of "/?#@:") {
    if (normalized.includes(c))
      throw new ValueError(
        `netloc '${netloc}' contains invalid characters under NFKC normalization`,
      );
  }
}

function split(url: string, scheme: string, allowFragments: boolean): string[] {
  url = url.replace(C0_OR_SPACE, "");
  scheme = scheme.replace(C0_OR_SPACE, "").replace(C0_OR_SPACE_END, "");
  url = url.replace(/[\t\r\n]/g, "");
  scheme = scheme.replace(/[\t\r\n]/g, "");
  let netloc = "";
  let query = "";
  let fragment = "";
  const i = url.indexOf(":");
  if (
    i > 0 &&
    /^[a-zA-Z]/.test(url) &&
    [...url.slice(0, i)].every((c) => scheme_chars.includes(c))
  ) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith("//")) {
    [netloc, url] = splitNetloc(url, 2);
    const open = netloc.includes("[");
    const close = netloc.includes("]");
    if (open !== close) throw new ValueError("Invalid IPv6 URL");
    if (open && close) checkBracketedHost(partition(partition(netloc, "[")[2], "]")[0]);
  }
  if (allowFragments && url.includes("#")) [url, , fragment] = partition(url, "#");
  if (url.includes("?")) [url, , query] = partition(url, "?");
  checkNetloc(netloc);
  return [scheme, netloc, url, query, fragment];
}

/** `urlsplit(url, scheme='', allow_fragments=True)`. */
export function urlsplit(...args: unknown[]): Tuple {
  const [url, scheme, allow] = bindArgs(
    "urlsplit",
    args,
    ["url", "scheme", "allow_fragments"],
    ["", true],
  );
  const [u, s] = strArgs(url, scheme);
  return new SplitResult(...split(u!, s!, truthy(allow)));
}

/** `_splitparams`: the `;params` of the last path segment. */
function splitParams(url: string): [string, string] {
  let i: number;
  if (url.includes("/")) {
    i = url.indexOf(";", url.lastIndexOf("/"));
    if (i < 0) return [url, ""];
  } else i = url.indexOf(";");
  return [url.slice(0, i), url.slice(i + 1)];
}

/** `urlparse(url, scheme='', allow_fragments=True)`. */
export function urlparse(...args: unknown[]): Tuple {
  const [url, scheme, allow] = bindArgs(
    "urlparse",
    args,
    ["url", "scheme", "allow_fragments"],
    ["", true],
  );
  const [u, s] = strArgs(url, scheme);
  const [sch, netloc, path, query, fragment] = split(u!, s!, truthy(allow));
  let p = path!;
  let params = "";
  if (uses_params.includes(sch!) && p.includes(";")) [p, params] = splitParams(p);
  return new ParseResult(sch, netloc, p, params, query, fragment);
}

/** The items of a components argument, with the unpacking error CPython's code raises. */
function components(x: unknown, n: number): string[] {
  const items = toArray(x);
  if (items.length < n)
    throw new ValueError(
      `not enough values to unpack (expected ${n + 1}, got ${items.length + 1})`,
    );
  if (items.length > n) throw new ValueError(`too many values to unpack (expected ${n + 1})`);
  return strArgs(...items);
}

/** `urlunsplit((scheme, netloc, path, query, fragment))`. */
export function urlunsplit(parts: unknown): string {
  const [scheme, netloc, path, query, fragment] = components(parts, 5);
  let url = path!;
  if (netloc) {
    if (url && !url.startsWith("/")) url = `/${url}`;
    url = `//${netloc}${url}`;
  } else if (url.startsWith("//")) {
    url = `//${url}`;
  } else if (scheme && uses_netloc.includes(scheme) && (!url || url.startsWith("/"))) {
    url = `//${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  if (fragment) url = `${url}#${fragment}`;
  return url;
}

/** `urlunparse((scheme, netloc, path, params, query, fragment))`. */
export function urlunparse(parts: unknown): string {
  const [scheme, netloc, path, params, query, fragment] = components(parts, 6);
  const url = params ? `${path};${params}` : path;
  return urlunsplit(new Tuple([scheme, netloc, url, query, fragment]));
}

/** `urljoin(base, url, allow_fragments=True)`. */
export function urljoin(...args: unknown[]): unknown {
  const [base, url, allow] = bindArgs("urljoin", args, ["base", "url", "allow_fragments"], [true]);
  if (!truthy(base)) return url;
  if (!truthy(url)) return base;
  const [b, u] = strArgs(base, url);
  const [bscheme, bnetloc, bpath, bparams, bquery] = urlparse(b, "", allow).items as string[];
  let [scheme, netloc, path, params, query, fragment] = urlparse(u, bscheme, allow)
    .items as string[];
  if (scheme !== bscheme || !uses_relative.includes(scheme!)) return u;
  if (uses_netloc.includes(scheme!)) {
    if (netloc) return urlunparse(new Tuple([scheme, netloc, path, params, query, fragment]));
    netloc = bnetloc;
  }
  if (!path && !params) {
    path = bpath;
    params = bparams;
    if (!query) query = bquery;
    return urlunparse(new Tuple([scheme, netloc, path, params, query, fragment]));
  }
  const baseParts = bpath!.split("/");
  if (baseParts[baseParts.length - 1] !== "") baseParts.pop();
  let segments: string[];
  if (path!.startsWith("/")) segments = path!.split("/");
  else {
    segments = [...baseParts, ...path!.split("/")];
    // Empty segments between the first and the last are dropped.
    segments = [
      segments[0]!,
      ...segments.slice(1, -1).filter((s) => s !== ""),
      ...(segments.length > 1 ? [segments[segments.length - 1]!] : []),
    ];
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === "..") resolved.pop();
    else if (seg !== ".") resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") resolved.push("");
  return urlunparse(
    new Tuple([scheme, netloc, resolved.join("/") || "/", params, query, fragment]),
  );
}

/** `urldefrag(url)`. */
export function urldefrag(url: unknown): Tuple {
  const [u] = strArgs(url);
  if (!u!.includes("#")) return new DefragResult(u, "");
  const [s, n, p, a, q, frag] = urlparse(u).items;
  return new DefragResult(urlunparse(new Tuple([s, n, p, a, q, ""])), frag);
}

const HEX_DIGIT = /^[0-9A-Fa-f]{2}/;

/** `_unquote_impl`: percent-decoding to bytes (UTF-8 for str). */
function unquoteBytes(s: unknown): Uint8Array {
  const data = typeof s === "string" ? encode(s, "utf-8", "strict") : bytesOf(s);
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 37 && i + 2 < data.length) {
      const pair = String.fromCharCode(data[i + 1]!, data[i + 2]!);
      if (HEX_DIGIT.test(pair)) {
        out.push(Number.parseInt(pair, 16));
        i += 2;
        continue;
      }
    }
    out.push(c);
  }
  return Uint8Array.from(out);
}

function bytesOf(x: unknown): Uint8Array {
  if (x instanceof BytesLike) return x.data;
  throw new AttributeError(`'${typeName(x)}' object has no attribute 'split'`);
}

/** `unquote_to_bytes(string)`. */
export function unquote_to_bytes(s: unknown): Bytes {
  if (!truthy(s)) {
    if (typeof s !== "string" && !(s instanceof BytesLike))
      throw new AttributeError(`'${typeName(s)}' object has no attribute 'split'`);
    return new Bytes(new Uint8Array(0));
  }
  return new Bytes(unquoteBytes(s));
}

/** `unquote(string, encoding='utf-8', errors='replace')`. */
export function unquote(...args: unknown[]): string {
  const [s, encoding, errors] = bindArgs(
    "unquote",
    args,
    ["string", "encoding", "errors"],
    ["utf-8", "replace"],
  );
  const enc = encoding === null ? "utf-8" : String(encoding);
  const err = errors === null ? "replace" : String(errors);
  if (s instanceof BytesLike) return decode(unquoteBytes(s), enc, err);
  if (typeof s !== "string") {
    throw new PyTypeError(`argument of type '${typeName(s)}' is not iterable`);
  }
  if (!s.includes("%")) return s;
  // ASCII runs are percent-decoded and decoded; other characters are kept.
  return s.replace(/[\x00-\x7f]+/g, (run) => decode(unquoteBytes(run), enc, err));
}

/** `unquote_plus(string, encoding='utf-8', errors='replace')`: "+" is a space. */
export function unquote_plus(...args: unknown[]): string {
  const [s, encoding, errors] = bindArgs(
    "unquote_plus",
    args,
    ["string", "encoding", "errors"],
    ["utf-8", "replace"],
  );
  if (typeof s !== "string")
    throw new AttributeError(`'${typeName(s)}' object has no attribute 'replace'`);
  return unquote(s.replace(/\+/g, " "), encoding, errors);
}

const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

/** The safe set of a `safe` argument: ASCII characters of a str, bytes below 128. */
function safeSet(safe: unknown): Set<number> {
  const set = new Set<number>();
  for (const c of ALWAYS_SAFE) set.add(c.charCodeAt(0));
  if (typeof safe === "string") {
    for (const c of safe) if (c.charCodeAt(0) < 128) set.add(c.charCodeAt(0));
  } else if (safe instanceof BytesLike) {
    for (const c of safe.data) if (c < 128) set.add(c);
  } else {
    for (const c of iter(safe)) {
      const n = Number(c);
      if (n < 128) set.add(n);
    }
  }
  return set;
}

/** `quote_from_bytes(bs, safe='/')`. */
export function quote_from_bytes(...args: unknown[]): string {
  const [bs, safe] = bindArgs("quote_from_bytes", args, ["bs", "safe"], ["/"]);
  if (!(bs instanceof BytesLike)) throw new PyTypeError("quote_from_bytes() expected bytes");
  const keep = safeSet(safe);
  let out = "";
  for (const b of bs.data)
    out += keep.has(b)
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/** `quote(string, safe='/', encoding=None, errors=None)`. */
export function quote(...args: unknown[]): unknown {
  const [s, safe, encoding, errors] = bindArgs(
    "quote",
    args,
    ["string", "safe", "encoding", "errors"],
    ["/", null, null],
  );
  if (typeof s === "string") {
    if (s === "") return s;
    const data = encode(
      s,
      encoding === null ? "utf-8" : String(encoding),
      errors === null ? "strict" : String(errors),
    );
    return quote_from_bytes(new Bytes(data), safe);
  }
  if (encoding !== null) throw new PyTypeError("quote() doesn't support 'encoding' for bytes");
  if (errors !== null) throw new PyTypeError("quote() doesn't support 'errors' for bytes");
  return quote_from_bytes(s, safe);
}

/** `quote_plus(string, safe='', encoding=None, errors=None)`: spaces become "+". */
export function quote_plus(...args: unknown[]): unknown {
  const [s, safe, encoding, errors] = bindArgs(
    "quote_plus",
    args,
    ["string", "safe", "encoding", "errors"],
    ["", null, null],
  );
  const hasSpace =
    typeof s === "string" ? s.includes(" ") : s instanceof BytesLike && s.data.includes(32);
  if (!hasSpace) return quote(s, safe, encoding, errors);
  const withSpace =
    typeof safe === "string"
      ? `${safe} `
      : new Bytes(Uint8Array.from([...(safe as BytesLike).data, 32]));
  return (quote(s, withSpace, encoding, errors) as string).replace(/ /g, "+");
}

/** `urlencode(query, doseq=False, safe='', encoding=None, errors=None, quote_via=quote_plus)`. */
export function urlencode(...args: unknown[]): string {
  const [query, doseq, safe, encoding, errors, quoteVia] = bindArgs(
    "urlencode",
    args,
    ["query", "doseq", "safe", "encoding", "errors", "quote_via"],
    [false, "", null, null, quote_plus],
  );
  let pairs: unknown;
  if (hasattr(query, "items")) pairs = callMethod(query, "items");
  else {
    let ok: boolean;
    try {
      ok = !(truthy(len(query)) && !(getitem(query, 0n) instanceof Tuple));
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      ok = false;
    }
    if (!ok) throw new PyTypeError("not a valid non-string sequence or mapping object");
    pairs = query;
  }
  const q = (x: unknown): string =>
    x instanceof Bytes
      ? (call(quoteVia, x, safe) as string)
      : (call(quoteVia, str(x), safe, encoding, errors) as string);
  const out: string[] = [];
  for (const pair of iter(pairs)) {
    const [k, v] = toArray(pair);
    const key = q(k);
    if (!truthy(doseq) || v instanceof Bytes || typeof v === "string") {
      out.push(`${key}=${q(v)}`);
      continue;
    }
    let sized = true;
    try {
      len(v);
    } catch (e) {
      if (!(e instanceof PyTypeError)) throw e;
      sized = false;
    }
    if (!sized) out.push(`${key}=${q(v)}`);
    else for (const elt of iter(v)) out.push(`${key}=${q(elt)}`);
  }
  return out.join("&");
}

/** `parse_qsl(qs, keep_blank_values=False, strict_parsing=False, encoding='utf-8', errors='replace', max_num_fields=None, separator='&')`. */
export function parse_qsl(...args: unknown[]): Tuple[] {
  const [qs, keepBlank, strict, encoding, errors, maxFields, separator] = bindArgs(
    "parse_qsl",
    args,
    [
      "qs",
      "keep_blank_values",
      "strict_parsing",
      "encoding",
      "errors",
      "max_num_fields",
      "separator",
    ],
    [false, false, "utf-8", "replace", null, "&"],
  );
  if (!truthy(separator) || (typeof separator !== "string" && !(separator instanceof Bytes)))
    throw new ValueError("Separator must be of type string or bytes.");
  if (qs instanceof BytesLike)
    throw new NotImplementedError("urllib.parse on bytes is not supported by asyncio-ts");
  if (!truthy(qs)) return [];
  if (typeof qs !== "string")
    throw new AttributeError(`'${typeName(qs)}' object has no attribute 'count'`);
  const sep = typeof separator === "string" ? separator : decode(separator.data, "ascii");
  if (maxFields !== null) {
    const n = qs.split(sep).length;
    if (Number(maxFields) < n) throw new ValueError("Max number of fields exceeded");
  }
  const out: Tuple[] = [];
  for (const nameValue of qs.split(sep)) {
    if (!nameValue && !truthy(strict)) continue;
    const [name, hasEq, value] = partition(nameValue, "=");
    if (!hasEq && truthy(strict)) throw new ValueError(`bad query field: ${repr(nameValue)}`);
    if (value || truthy(keepBlank))
      out.push(
        new Tuple([unquote_plus(name, encoding, errors), unquote_plus(value, encoding, errors)]),
      );
  }
  return out;
}

/** `parse_qs(...)`: like `parse_qsl`, each name with the list of its values. */
export function parse_qs(...args: unknown[]): Dict {
  const result = new Dict();
  for (const pair of parse_qsl(...args)) {
    const [name, value] = pair.items;
    const values = result.get(name, null) as unknown[] | null;
    if (values !== null) values.push(value);
    else result.__setitem__(name, [value]);
  }
  return result;
}
