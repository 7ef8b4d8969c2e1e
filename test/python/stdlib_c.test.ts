/**
 * The stdlib modules io (StringIO/BytesIO), base64, binascii, hashlib, hmac, uuid, urllib.parse,
 * shlex and secrets, against outputs CPython 3.13.0 printed once for the same calls (the Python
 * side is kept next to each case as a comment; expected strings are literal, Python is not run at
 * test time).
 */

import { Bytes } from "../../src/python/bytes";
import { eq, lt } from "../../src/python/compare";
import { Dict } from "../../src/python/dict";
import { ValueError } from "../../src/python/exceptions";
import { hash } from "../../src/python/hash";
import { kw } from "../../src/python/kw";
import { getattr, len } from "../../src/python/protocol";
import { repr, str } from "../../src/python/repr";
import * as base64 from "../../src/python/stdlib/base64";
import * as binascii from "../../src/python/stdlib/binascii";
import * as hashlib from "../../src/python/stdlib/hashlib";
import * as hmac from "../../src/python/stdlib/hmac";
import * as io from "../../src/python/stdlib/io";
import * as secrets from "../../src/python/stdlib/secrets";
import * as shlex from "../../src/python/stdlib/shlex";
import * as parse from "../../src/python/stdlib/urllib_parse";
import * as uuid from "../../src/python/stdlib/uuid";
import { Tuple } from "../../src/python/tuple";
import { isinstance } from "../../src/python/types";
import { raised } from "../helpers/raised";

type Any = any;

const b = (s: string) => new Bytes(Uint8Array.from(s, (c) => c.charCodeAt(0)));

describe("io", () => {
  test("BytesIO reads, writes past the end with zero padding, seeks and truncates", () => {
    const f: Any = io.BytesIO(b("hello\nworld\n"));
    // f.read(3), f.tell(), f.readline(), f.readlines(), f.read()
    expect([f.read(3n), f.tell(), f.readline(), f.readlines(), f.read()].map(repr)).toEqual([
      "b'hel'",
      "3",
      "b'lo\\n'",
      "[b'world\\n']",
      "b''",
    ]);
    // f.seek(20), f.write(b"!"), f.getvalue()
    expect([f.seek(20n), f.write(b("!")), f.getvalue()].map(repr)).toEqual([
      "20",
      "1",
      "b'hello\\nworld\\n\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00!'",
    ]);
    // f.seek(-2, 2), f.read(); f.truncate(3), f.getvalue(), f.tell()
    expect(repr([f.seek(-2n, 2n), f.read()])).toBe("[19, b'\\x00!']");
    expect(repr([f.truncate(3n), f.getvalue(), f.tell()])).toBe("[3, b'hel', 21]");
  });

  test("BytesIO raises CPython's errors", () => {
    const f: Any = io.BytesIO();
    expect(raised(() => f.seek(-1n))).toBe("ValueError('negative seek value -1')");
    expect(raised(() => f.seek(0n, 3n))).toBe(
      "ValueError('invalid whence (3, should be 0, 1 or 2)')",
    );
    expect(raised(() => f.seek(1.5))).toBe(
      "TypeError(\"'float' object cannot be interpreted as an integer\")",
    );
    expect(raised(() => f.write("x"))).toBe(
      "TypeError(\"a bytes-like object is required, not 'str'\")",
    );
    expect(raised(() => f.read("x"))).toBe(
      "TypeError(\"argument should be integer or None, not 'str'\")",
    );
    expect(raised(() => io.BytesIO(b(""), 3n))).toBe(
      "TypeError('BytesIO() takes at most 1 argument (2 given)')",
    );
    // BytesIO(b"", 3, x=1): Argument Clinic counts the keywords too
    expect(raised(() => io.BytesIO(b(""), 3n, kw({ x: 1n })))).toBe(
      "TypeError('BytesIO() takes at most 1 argument (3 given)')",
    );
    f.close();
    expect(raised(() => f.getvalue())).toBe("ValueError('I/O operation on closed file.')");
    expect(f.closed).toBe(true);
  });

  test("StringIO keeps a position and translates newlines as CPython", () => {
    const s: Any = io.StringIO("ab\ncd");
    // s.read(1), s.tell(), list(s)
    expect(repr([s.read(1n), s.tell(), [...s]])).toBe("['a', 1, ['b\\n', 'cd']]");
    s.seek(0n);
    s.write("XY");
    // s.getvalue(), s.tell(), s.read()
    expect(repr([s.getvalue(), s.tell(), s.read()])).toBe("['XY\\ncd', 2, '\\ncd']");
    expect(raised(() => s.seek(1n, 1n))).toBe('OSError("Can\'t do nonzero cur-relative seeks")');
    expect(raised(() => s.seek(-1n))).toBe("ValueError('Negative seek position -1')");
    expect(raised(() => s.write(b("x")))).toBe(
      "TypeError(\"string argument expected, got 'bytes'\")",
    );
    // io.StringIO("a\r\nb", newline=None).read()
    expect(repr(io.StringIO("a\r\nb", kw({ newline: null })).read())).toBe("'a\\nb'");
    expect(raised(() => io.StringIO(kw({ newline: "x" })))).toBe(
      "ValueError(\"illegal newline value: 'x'\")",
    );
    // io.StringIO().write("héllo")
    expect(io.StringIO().write("h\u00e9llo")).toBe(5n);
  });

  test("the abstract bases answer isinstance for the runtime's streams", () => {
    expect(isinstance(io.StringIO(), io.TextIOBase)).toBe(true);
    expect(isinstance(io.BytesIO(), io.BufferedIOBase)).toBe(true);
    expect(isinstance(io.BytesIO(), io.TextIOBase)).toBe(false);
    expect(isinstance(io.BytesIO(), io.IOBase)).toBe(true);
    expect(repr(io.BytesIO)).toBe("<class '_io.BytesIO'>");
    expect(repr([io.SEEK_SET, io.SEEK_CUR, io.SEEK_END])).toBe("[0, 1, 2]");
  });
});

describe("base64 and binascii", () => {
  test("encode and decode with altchars, urlsafe, base32 and base16", () => {
    // base64.b64encode(b"hello world")
    expect(repr(base64.b64encode(b("hello world")))).toBe("b'aGVsbG8gd29ybGQ='");
    // base64.b64encode(b"\xfb\xff", altchars=b"-_")
    expect(repr(base64.b64encode(b("\xfb\xff"), kw({ altchars: b("-_") })))).toBe("b'-_8='");
    // base64.b64decode("aGVsbG8=")
    expect(repr(base64.b64decode("aGVsbG8="))).toBe("b'hello'");
    // base64.b64decode("aGV sbG8=\n"), base64.b64decode("aGVsbG8=xx")
    expect(repr(base64.b64decode("aGV sbG8=\n"))).toBe("b'hello'");
    expect(repr(base64.b64decode("aGVsbG8=xx"))).toBe("b'hello'");
    // base64.urlsafe_b64encode(b"\xfb\xff\xfe"), base64.urlsafe_b64decode("-__-")
    expect(repr(base64.urlsafe_b64encode(b("\xfb\xff\xfe")))).toBe("b'-__-'");
    expect(repr(base64.urlsafe_b64decode("-__-"))).toBe("b'\\xfb\\xff\\xfe'");
    // base64.b32encode(b"hello"), base64.b32decode("me======", casefold=True)
    expect(repr(base64.b32encode(b("hello")))).toBe("b'NBSWY3DP'");
    expect(repr(base64.b32decode("me======", kw({ casefold: true })))).toBe("b'a'");
    // base64.b16encode(b"\x01\xab"), base64.b16decode("01ab", casefold=True)
    expect(repr(base64.b16encode(b("\x01\xab")))).toBe("b'01AB'");
    expect(repr(base64.b16decode("01ab", kw({ casefold: true })))).toBe("b'\\x01\\xab'");
    // base64.encodebytes(b"x" * 60)
    expect(repr(base64.encodebytes(b("x".repeat(60))))).toBe(
      "b'eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\\neHh4\\n'",
    );
  });

  test("decoding errors are binascii.Error with CPython's messages", () => {
    expect(raised(() => base64.b64decode("aGVsbG8"))).toBe("Error('Incorrect padding')");
    expect(raised(() => base64.b64decode("aGVsb"))).toBe(
      "Error('Invalid base64-encoded string: number of data characters (5) cannot be 1 more than a multiple of 4')",
    );
    expect(raised(() => base64.b64decode("aGV sbG8=", kw({ validate: true })))).toBe(
      "Error('Only base64 data is allowed')",
    );
    expect(raised(() => base64.b64decode("aGVsbG8=x", kw({ validate: true })))).toBe(
      "Error('Excess data after padding')",
    );
    expect(raised(() => base64.b32decode("M1======"))).toBe("Error('Non-base32 digit found')");
    expect(raised(() => base64.b16decode("01A"))).toBe("Error('Odd-length string')");
    expect(raised(() => base64.b64decode("a\u00e9"))).toBe(
      "ValueError('string argument should contain only ASCII characters')",
    );
    expect(raised(() => base64.b64decode(12n))).toBe(
      "TypeError(\"argument should be a bytes-like object or ASCII string, not 'int'\")",
    );
    expect(raised(() => base64.b64encode("hello"))).toBe(
      "TypeError(\"a bytes-like object is required, not 'str'\")",
    );
    expect(raised(() => base64.encodebytes("x"))).toBe(
      "TypeError('expected bytes-like object, not str')",
    );
    expect(isinstance(new binascii.Error("x"), ValueError)).toBe(true);
    expect(repr(getattr(binascii.Error, "__mro__"))).toBe(
      "(<class 'binascii.Error'>, <class 'ValueError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)",
    );
  });

  test("binascii's hex functions and crc32", () => {
    // binascii.hexlify(b"\x01\xff", "-"), binascii.unhexlify("01ff"), binascii.crc32(b"hello")
    expect(repr(binascii.hexlify(b("\x01\xff"), "-"))).toBe("b'01-ff'");
    expect(repr(binascii.unhexlify("01ff"))).toBe("b'\\x01\\xff'");
    expect(binascii.crc32(b("hello"))).toBe(907060870n);
    expect(binascii.crc32(b("hello"), 1n)).toBe(191926070n);
    expect(raised(() => binascii.unhexlify("01fg"))).toBe("Error('Non-hexadecimal digit found')");
  });
});

describe("hashlib and hmac", () => {
  test("digests are CPython's for every algorithm", () => {
    // hashlib.sha256(b"abc").hexdigest()
    expect(hashlib.sha256(b("abc")).hexdigest()).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(hashlib.md5(b("")).hexdigest()).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(hashlib.sha1(b("abc")).hexdigest()).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(hashlib.sha512(b("abc")).hexdigest().slice(0, 32)).toBe(
      "ddaf35a193617abacc417349ae204131",
    );
    expect(hashlib.sha3_256(b("abc")).hexdigest().slice(0, 32)).toBe(
      "3a985da74fe225b2045c172d6bd390bd",
    );
    expect(hashlib.blake2b(b("abc")).hexdigest().slice(0, 32)).toBe(
      "ba80a53f981c4d0d6a2797b69f12f6e9",
    );
    expect(hashlib.blake2s(b("abc")).hexdigest().slice(0, 32)).toBe(
      "508c5e8c327c14e2e1a72ba34eeb452f",
    );
    // hashlib.shake_128(b"abc").hexdigest(8)
    expect(hashlib.shake_128(b("abc")).hexdigest(8n)).toBe("5881092dd818bf5c");
  });

  test("update, copy, name, sizes, types and reprs", () => {
    const h: Any = hashlib.new("SHA256");
    h.update(b("a"));
    const c = h.copy();
    h.update(b("b"));
    expect(h.hexdigest()).toBe("fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603");
    expect(c.hexdigest()).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
    expect(repr([h.name, h.digest_size, h.block_size])).toBe("['sha256', 32, 64]");
    expect(repr(getattr(hashlib.sha3_512(), "block_size"))).toBe("72");
    expect(repr(h)).toMatch(/^<sha256 _hashlib\.HASH object @ 0x[0-9a-f]+>$/);
    expect(repr(hashlib.blake2b())).toMatch(/^<_blake2\.blake2b object at 0x[0-9a-f]+>$/);
    expect(str((h as Any).constructor)).toBe("<class '_hashlib.HASH'>");
  });

  test("hash errors are CPython's", () => {
    expect(raised(() => hashlib.sha256("abc"))).toBe(
      "TypeError('Strings must be encoded before hashing')",
    );
    expect(raised(() => hashlib.sha256().update("abc"))).toBe(
      "TypeError('Strings must be encoded before hashing')",
    );
    expect(raised(() => hashlib.sha256(12n))).toBe(
      "TypeError('object supporting the buffer API required')",
    );
    expect(raised(() => hashlib.new("md4"))).toBe("ValueError('unsupported hash type md4')");
    expect(raised(() => hashlib.sha256(kw({ data: b("abc") })))).toBe(
      "TypeError(\"openssl_sha256() got an unexpected keyword argument 'data'\")",
    );
    expect(raised(() => hashlib.sha256().digest(3n))).toBe(
      "TypeError('HASH.digest() takes no arguments (1 given)')",
    );
  });

  test("BLAKE2 with parameters (computed in TS) gives CPython's digests and errors", () => {
    // hashlib.blake2b(b"abc", digest_size=16).hexdigest()
    expect(hashlib.blake2b(b("abc"), kw({ digest_size: 16n })).hexdigest()).toBe(
      "cf4ab791c62b8d2b2109c90275287816",
    );
    // hashlib.blake2b(b"abc", key=b"k" * 64, salt=b"s" * 16, person=b"p" * 16, digest_size=33)
    expect(
      hashlib
        .blake2b(
          b("abc"),
          kw({
            key: b("k".repeat(64)),
            salt: b("s".repeat(16)),
            person: b("p".repeat(16)),
            digest_size: 33n,
          }),
        )
        .hexdigest(),
    ).toBe("246d1b621227e6c124e63a85da908795735b9a1228041fdfd344b155f9443ca467");
    // hashlib.blake2s(b"y" * 200, fanout=2, depth=3, leaf_size=7, node_offset=9, node_depth=1,
    //                 inner_size=20, last_node=True)
    const tree = kw({
      fanout: 2n,
      depth: 3n,
      leaf_size: 7n,
      node_offset: 9n,
      node_depth: 1n,
      inner_size: 20n,
      last_node: true,
    });
    expect(hashlib.blake2s(b("y".repeat(200)), tree).hexdigest()).toBe(
      "1450c922ea860f4702b8bfcb96db7cd321595730b6cbbf9e3313f67a5be4f584",
    );
    // h = hashlib.blake2b(b"ab", digest_size=20); c = h.copy(); h.update(b"c")
    const h: Any = hashlib.blake2b(b("ab"), kw({ digest_size: 20n }));
    const c = h.copy();
    h.update(b("c"));
    expect([h.hexdigest(), c.hexdigest(), repr(c.digest_size)]).toEqual([
      "384264f676f39536840523f284921cdc68b6846b",
      "e389cc624c1a0ef9229b53472c803dfe61d66eb4",
      "20",
    ]);
    // hashlib.blake2b(b"x" * 1000, digest_size=32): several blocks
    expect(hashlib.blake2b(b("x".repeat(1000)), kw({ digest_size: 32n })).hexdigest()).toBe(
      "ab75119ede14ef06ebf31f745fb655ed006cccfe8054c635308a557f7c9beaba",
    );
    expect(hashlib.new("blake2s", b("abc"), kw({ digest_size: 8n })).hexdigest()).toBe(
      "972e9d2cd6de6402",
    );
    expect(raised(() => hashlib.blake2b(kw({ digest_size: 65n })))).toBe(
      "ValueError('digest_size must be between 1 and 64 bytes')",
    );
    expect(raised(() => hashlib.blake2s(kw({ person: b("s".repeat(9)) })))).toBe(
      "ValueError('maximum person length is 8 bytes')",
    );
    expect(raised(() => hashlib.blake2s(kw({ node_offset: 2n ** 48n })))).toBe(
      "OverflowError('node_offset is too large')",
    );
    expect(raised(() => hashlib.blake2b(kw({ inner_size: 65n })))).toBe(
      "ValueError('inner_size must be between 0 and is 64')",
    );
  });

  test("hmac computes CPython's MACs and copies", () => {
    // hmac.new(b"key", b"msg", "sha256").hexdigest()
    expect(hmac.new(b("key"), b("msg"), "sha256").hexdigest()).toBe(
      "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628",
    );
    // hmac.new(b"k" * 100, b"msg", hashlib.sha1).hexdigest()  (a key longer than the block)
    expect(hmac.new(b("k".repeat(100)), b("msg"), hashlib.sha1).hexdigest()).toBe(
      "a3f6e90d792b6ca5ed3bfc556a4aa73d62d7cae4",
    );
    const m: Any = hmac.new(b("k"), kw({ digestmod: "md5" }));
    m.update(b("x"));
    const c = m.copy();
    m.update(b("y"));
    expect([m.hexdigest(), c.hexdigest(), m.name]).toEqual([
      "39cfef412eb49c12345663889c415f66",
      "442ba079e8ec6206f7f5534d4653db0f",
      "hmac-md5",
    ]);
    expect(hmac.compare_digest(b("a"), b("a"))).toBe(true);
    expect(raised(() => hmac.compare_digest("a", b("a")))).toBe(
      "TypeError(\"a bytes-like object is required, not 'str'\")",
    );
    expect(raised(() => hmac.new("key", b("msg"), "sha256"))).toBe(
      "TypeError(\"key: expected bytes or bytearray, but got 'str'\")",
    );
    expect(raised(() => hmac.new(b("key"), b("msg")))).toBe(
      "TypeError(\"Missing required argument 'digestmod'.\")",
    );
  });
});

describe("uuid", () => {
  test("a UUID's forms and fields", () => {
    const u: Any = uuid.UUID("12345678-1234-5678-1234-567812345678");
    expect(str(u)).toBe("12345678-1234-5678-1234-567812345678");
    expect(repr(u)).toBe("UUID('12345678-1234-5678-1234-567812345678')");
    expect(u.hex).toBe("12345678123456781234567812345678");
    expect(u.int).toBe(24197857161011715162171839636988778104n);
    expect(repr(u.bytes)).toBe("b'\\x124Vx\\x124Vx\\x124Vx\\x124Vx'");
    expect(repr([u.version, u.variant, u.urn])).toBe(
      "[None, 'reserved for NCS compatibility', 'urn:uuid:12345678-1234-5678-1234-567812345678']",
    );
    expect(repr(u.fields)).toBe("(305419896, 4660, 22136, 18, 52, 95073701484152)");
    // uuid.UUID(int=5, version=4), uuid.UUID(bytes_le=b"\x12\x34" * 8)
    expect(repr(uuid.UUID(kw({ int: 5n, version: 4n })))).toBe(
      "UUID('00000000-0000-4000-8000-000000000005')",
    );
    expect(str(uuid.UUID(kw({ bytes_le: b("\x12\x34".repeat(8)) })))).toBe(
      "34123412-3412-3412-1234-123412341234",
    );
  });

  test("uuid3 and uuid5 give CPython's values", () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), uuid.uuid3(uuid.NAMESPACE_DNS, "python.org")
    expect(str(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"))).toBe(
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
    );
    expect(str(uuid.uuid3(uuid.NAMESPACE_DNS, "python.org"))).toBe(
      "6fa459ea-ee8a-3ca4-894e-db77e160355e",
    );
    expect(str(uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/x"))).toBe(
      "49517db3-5541-5e91-9cd4-395dd68a97ac",
    );
    const r: Any = uuid.uuid4();
    expect(repr([r.version, len(str(r)), r.variant])).toBe("[4, 36, 'specified in RFC 4122']");
  });

  test("comparison, hashing and errors", () => {
    const u: Any = uuid.UUID("12345678123456781234567812345678");
    expect(eq(u, uuid.UUID(str(u)))).toBe(true);
    expect(eq(u, str(u))).toBe(false);
    expect(lt(u, uuid.UUID(kw({ int: u.int + 1n })))).toBe(true);
    expect(raised(() => lt(u, 3n))).toBe(
      "TypeError(\"'<' not supported between instances of 'UUID' and 'int'\")",
    );
    expect(hash(u)).toBe(hash(u.int));
    expect(raised(() => uuid.UUID("1234"))).toBe(
      "ValueError('badly formed hexadecimal UUID string')",
    );
    expect(raised(() => uuid.UUID("zz345678123456781234567812345678"))).toBe(
      "ValueError(\"invalid literal for int() with base 16: 'zz345678123456781234567812345678'\")",
    );
    expect(raised(() => uuid.UUID(kw({ bytes: b("\x12".repeat(15)) })))).toBe(
      "ValueError('bytes is not a 16-char string')",
    );
    expect(raised(() => uuid.UUID(kw({ int: -1n })))).toBe(
      "ValueError('int is out of range (need a 128-bit value)')",
    );
    expect(raised(() => uuid.UUID())).toBe(
      "TypeError('one of the hex, bytes, bytes_le, fields, or int arguments must be given')",
    );
    expect(raised(() => uuid.UUID(kw({ int: 5n, version: 9n })))).toBe(
      "ValueError('illegal version number')",
    );
  });
});

describe("urllib.parse", () => {
  test("urlparse's fields, netloc attributes and geturl", () => {
    const r: Any = parse.urlparse("https://user:pw@Example.COM:8080/a/b;p=1?x=1&y=2#frag");
    expect(repr(r)).toBe(
      "ParseResult(scheme='https', netloc='user:pw@Example.COM:8080', path='/a/b', params='p=1', query='x=1&y=2', fragment='frag')",
    );
    expect(repr([r.username, r.password, r.hostname, r.port])).toBe(
      "['user', 'pw', 'example.com', 8080]",
    );
    expect(r._replace(kw({ query: "z=3" })).geturl()).toBe(
      "https://user:pw@Example.COM:8080/a/b;p=1?z=3#frag",
    );
    expect(isinstance(r, Tuple)).toBe(true);
    const s: Any = parse.urlsplit("http://[::1]:80/p?q#f");
    expect(repr([s, s.hostname, s.port])).toBe(
      "[SplitResult(scheme='http', netloc='[::1]:80', path='/p', query='q', fragment='f'), '::1', 80]",
    );
    expect(raised(() => parse.urlsplit("http://[::1/x"))).toBe("ValueError('Invalid IPv6 URL')");
    expect(raised(() => getattr(parse.urlparse("http://h:abc/"), "port"))).toBe(
      "ValueError(\"Port could not be cast to integer value as 'abc'\")",
    );
    expect(raised(() => getattr(parse.urlparse("http://h:99999/"), "port"))).toBe(
      "ValueError('Port out of range 0-65535')",
    );
  });

  test("urljoin resolves relative references as CPython", () => {
    const base = "http://a/b/c/d;p?q";
    const cases: [string, string][] = [
      ["g", "http://a/b/c/g"],
      ["../g", "http://a/b/g"],
      ["../../../g", "http://a/g"],
      ["?y", "http://a/b/c/d;p?y"],
      ["#s", "http://a/b/c/d;p?q#s"],
      ["//g", "http://g"],
      [".", "http://a/b/c/"],
      ["g/..", "http://a/b/c/"],
    ];
    for (const [rel, want] of cases) expect(parse.urljoin(base, rel)).toBe(want);
    expect(parse.urljoin("http://a/b/c", "/d/./e/../f")).toBe("http://a/d/f");
  });

  test("quoting, urlencode and query parsing", () => {
    // quote("a b/c?d=é&~"), quote_plus("a b+c/d"), unquote("a%20b%2Fc%e9%C3%A9%zz%4")
    expect(parse.quote("a b/c?d=\u00e9&~")).toBe("a%20b/c%3Fd%3D%C3%A9%26~");
    expect(parse.quote_plus("a b+c/d")).toBe("a+b%2Bc%2Fd");
    expect(parse.unquote("a%20b%2Fc%e9%C3%A9%zz%4")).toBe("a b/c\ufffd\u00e9%zz%4");
    expect(parse.unquote_plus("a+b%2B")).toBe("a b+");
    expect(raised(() => parse.quote(5n))).toBe("TypeError('quote_from_bytes() expected bytes')");
    // urlencode({"a": 1, "b": "x y", "c": [1, 2]}, doseq=True)
    const q = new Dict<string, unknown>([
      ["a", 1n],
      ["b", "x y"],
      ["c", [1n, 2n]],
    ]);
    expect(parse.urlencode(q)).toBe("a=1&b=x+y&c=%5B1%2C+2%5D");
    expect(parse.urlencode(q, kw({ doseq: true }))).toBe("a=1&b=x+y&c=1&c=2");
    expect(raised(() => parse.urlencode("abc"))).toBe(
      "TypeError('not a valid non-string sequence or mapping object')",
    );
    // parse_qs("a=1&a=2&b=&c=x+y%21"), parse_qsl("a=1&b", strict_parsing=True)
    expect(repr(parse.parse_qs("a=1&a=2&b=&c=x+y%21"))).toBe("{'a': ['1', '2'], 'c': ['x y!']}");
    expect(repr(parse.parse_qsl("a=1&b=", kw({ keep_blank_values: true })))).toBe(
      "[('a', '1'), ('b', '')]",
    );
    expect(raised(() => parse.parse_qsl("a=1&b", kw({ strict_parsing: true })))).toBe(
      "ValueError(\"bad query field: 'b'\")",
    );
    expect(raised(() => parse.parse_qsl("a=1&b=2&c=3", kw({ max_num_fields: 2n })))).toBe(
      "ValueError('Max number of fields exceeded')",
    );
  });
});

describe("shlex and secrets", () => {
  test("shlex.split, quote and join", () => {
    // shlex.split('a "b c" d'), shlex.split("a 'b \\' c"), shlex.split('""')
    expect(repr(shlex.split('a "b c" d'))).toBe("['a', 'b c', 'd']");
    expect(repr(shlex.split("a 'b \\' c"))).toBe("['a', 'b \\\\', 'c']");
    expect(repr(shlex.split('""'))).toBe("['']");
    expect(repr(shlex.split('"a\\\\b\\$c\\d"'))).toBe("['a\\\\b\\\\$c\\\\d']");
    expect(repr(shlex.split("a # c d\ne f", kw({ comments: true })))).toBe("['a', 'e', 'f']");
    expect(raised(() => shlex.split('"abc'))).toBe("ValueError('No closing quotation')");
    expect(raised(() => shlex.split("abc\\"))).toBe("ValueError('No escaped character')");
    expect(shlex.quote("it's")).toBe("'it'\"'\"'s'");
    expect(shlex.join(["ls", "-l", "my file"])).toBe("ls -l 'my file'");
  });

  test("secrets' sizes and errors", () => {
    expect(repr([len(secrets.token_bytes(16n)), len(secrets.token_hex())])).toBe("[16, 64]");
    expect(secrets.token_urlsafe(16n).length).toBe(22);
    expect(secrets.token_urlsafe().length).toBe(43);
    expect(raised(() => secrets.randbelow(0n))).toBe("ValueError('Upper bound must be positive.')");
    expect(secrets.randbelow(1n)).toBe(0n);
    expect(raised(() => secrets.choice([]))).toBe(
      "IndexError('Cannot choose from an empty sequence')",
    );
    expect(raised(() => secrets.token_bytes(-1n))).toBe(
      "ValueError('negative argument not allowed')",
    );
  });
});
