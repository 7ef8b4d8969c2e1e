/**
 * `open()` and the `_io` file objects (src/python/_io.ts) on a temporary directory, against
 * outputs CPython 3.13.0 printed once for the same code (the Python side is kept next to each
 * case as a comment).
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { open } from "../../src/python/_io";
import { Bytes } from "../../src/python/bytes";
import { print } from "../../src/python/io";
import { kw } from "../../src/python/kw";
import { repr } from "../../src/python/repr";
import { remove } from "../../src/python/stdlib/os";

type Any = any;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-open-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function raised(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Any).constructor.__name__ ?? (e as Any).constructor.name}: ${(e as Any).__str__()}`;
  }
  return "no exception";
}

const bytes = (s: string) => new Bytes(Uint8Array.from(s, (c) => c.charCodeAt(0)));

describe("open()", () => {
  test("text files: write, print(file=), universal newlines, repr", () => {
    const name = path.join(dir, "t.txt");
    // f = open(name, "w"); f.write("a\r\nb\rc\nd"); print("x", 1, file=f); f.close()
    const f: Any = open(name, "w");
    expect(repr(f)).toBe(`<_io.TextIOWrapper name=${repr(name)} mode='w' encoding='UTF-8'>`);
    expect(f.write("a\r\nb\rc\nd")).toBe(8n);
    print("x", 1n, kw({ file: f }));
    f.close();
    expect(f.closed).toBe(true);
    // print(open(name).readlines(), open(name, newline="").readlines())
    expect(repr(open(name).readlines())).toBe("['a\\n', 'b\\n', 'c\\n', 'dx 1\\n']");
    expect(repr((open(name, kw({ newline: "" })) as Any).readlines())).toBe(
      "['a\\r\\n', 'b\\r', 'c\\n', 'dx 1\\n']",
    );
    // g = open(name); print(repr(g.read(3)), g.newlines)
    const g: Any = open(name);
    expect(repr(g.read(3n))).toBe("'a\\nb'");
    expect(repr(g.newlines)).toBe("('\\r', '\\n', '\\r\\n')");
    g.close();
    expect(raised(() => g.read())).toBe("ValueError: I/O operation on closed file.");
  });

  test("binary files take and give bytes", () => {
    const name = path.join(dir, "b.bin");
    // with open(name, "wb") as f: f.write(b"ab\ncd")
    const f: Any = open(name, "wb");
    expect(repr(f)).toBe(`<_io.BufferedWriter name=${repr(name)}>`);
    expect(f.write(bytes("ab\ncd"))).toBe(5n);
    expect(raised(() => f.write("s"))).toBe(
      "TypeError: a bytes-like object is required, not 'str'",
    );
    f.close();
    const r: Any = open(name, "rb");
    expect([r.readline(), r.read(), r.tell()].map(repr).join(" ")).toBe("b'ab\\n' b'cd' 5");
    expect(raised(() => r.write(bytes("x")))).toBe("UnsupportedOperation: write");
    r.close();
  });

  test("CPython's errors", () => {
    const name = path.join(dir, "e.txt");
    expect(raised(() => open(path.join(dir, "missing.txt")))).toBe(
      `FileNotFoundError: [Errno 2] No such file or directory: ${repr(path.join(dir, "missing.txt"))}`,
    );
    (open(name, "w") as Any).close();
    expect(raised(() => open(name, "x"))).toBe(
      `FileExistsError: [Errno 17] File exists: ${repr(name)}`,
    );
    expect(raised(() => open(name, "rq"))).toBe("ValueError: invalid mode: 'rq'");
    expect(raised(() => (open(name, "w") as Any).read())).toBe(
      "UnsupportedOperation: not readable",
    );
    expect(raised(() => (open(name) as Any).write("x"))).toBe("UnsupportedOperation: not writable");
    remove(name);
    expect(raised(() => remove(name))).toBe(
      `FileNotFoundError: [Errno 2] No such file or directory: ${repr(name)}`,
    );
  });
});
