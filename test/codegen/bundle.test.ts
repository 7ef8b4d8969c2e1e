/**
 * The runtime bundle of `asyncio-ts run` (codegen/bundle.ts): CommonJS semantics inside one
 * script (relative resolution, one instance per module, cycles see a partial `exports`, Node's
 * own modules through Node's `require`), the cache hash, and pruning of earlier builds' folders.
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { asciiSource, bundleSource, cacheHash, pruneCache } from "../../codegen/bundle";
import { BIN, childEnv, ensureBuilt } from "./helpers";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-bundle-"));
}

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe("bundleSource", () => {
  const root = tempDir();
  write(
    root,
    "src/index.js",
    'exports.a = require("./a"); exports.sep = require("node:path").sep;',
  );
  write(
    root,
    "src/a.js",
    'exports.early = "a"; const b = require("./sub/b"); exports.fromB = b.seenA; exports.b = b;',
  );
  write(
    root,
    "src/sub/b.js",
    'const a = require("../a"); exports.seenA = a.early + ":" + String(a.fromB); exports.dir = __dirname;',
  );
  write(root, "src/sub/index.js", 'exports.same = require("./b") === require("../sub/b.js");');
  write(root, "src/bad.js", 'require("./missing");');
  write(root, "src/counter.js", "exports.made = {};");
  const files = [
    "src/a.js",
    "src/bad.js",
    "src/counter.js",
    "src/index.js",
    "src/sub/b.js",
    "src/sub/index.js",
  ];
  const load = new vm.Script(bundleSource(root, files)).runInThisContext()(require) as (
    key: string,
  ) => Record<string, unknown>;

  test("relative requires resolve inside the bundle; node: modules come from Node", () => {
    const index = load("src/index.js");
    expect(index.sep).toBe("/");
    const a = index.a as Record<string, unknown>;
    // The cycle a -> b -> a: b sees a's exports as they were when a required b.
    expect(a.fromB).toBe("a:undefined");
    expect((a.b as Record<string, unknown>).dir).toBe(path.join(root, "src", "sub"));
  });

  test("one instance per module, whatever the specifier", () => {
    expect(load("src/sub/index.js").same).toBe(true);
    const first = load("src/counter.js").made;
    expect(load("src/counter.js").made).toBe(first);
  });

  test("an unresolvable specifier or key is an error naming it", () => {
    expect(() => load("src/bad.js")).toThrow(
      'asyncio-ts runtime bundle: cannot resolve "./missing" from src/bad.js',
    );
    expect(() => load("src/nope.js")).toThrow("asyncio-ts runtime bundle: no module src/nope.js");
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
});

describe("asciiSource", () => {
  // Each expression evaluates to the same value before and after: non-ASCII characters in strings
  // (also after an identity escape `\é`, and after an escaped backslash), templates, regular
  // expressions with and without the u flag (an astral character in a class), identifiers and
  // comments.
  const sources = [
    '"ſß€" + "\\é" + "\\\\é"',
    ["`İ$", "{1}ς\\ü`"].join(""),
    '/^[ß𝟘]+$/u.test("ß𝟘ß")',
    '/^𝟘$/.test("𝟘") + "|" + /^[𝟘]$/.test("𝟘")',
    "(() => { const ſ = 2; return ſ * 3; })() // ς comment",
    "/* é */ 'x'.replace(/x/, 'ü')",
  ];
  test.each(sources)("%s", (source) => {
    const ascii = asciiSource(source);
    expect(/^[\x00-\x7f]*$/.test(ascii)).toBe(true);
    expect(vm.runInNewContext(ascii)).toEqual(vm.runInNewContext(source));
  });
});

describe("cacheHash", () => {
  test("28 hex digits, deterministic, sensitive to content and to where parts split", () => {
    const h = cacheHash(["ab", "c"]);
    expect(h).toMatch(/^[0-9a-f]{28}$/);
    expect(cacheHash(["ab", "c"])).toBe(h);
    expect(cacheHash(["a", "bc"])).not.toBe(h);
    expect(cacheHash(["ab", "d"])).not.toBe(h);
    expect(cacheHash(["ab", "c", ""])).not.toBe(h);
  });
});

describe("pruneCache", () => {
  test("removes earlier builds' folders older than 10 minutes, and nothing else", () => {
    const root = tempDir();
    const saved = process.env.ASYNCIO_TS_CACHE;
    process.env.ASYNCIO_TS_CACHE = root;
    try {
      const old = new Date(Date.now() - 11 * 60 * 1000);
      const names = [
        "runtime-0123456789abcdef", // an earlier build's runtime folder
        "runtime-0123456789ab", // the earlier layout's runtime folder
        "0123456789abcdef01234567", // the earlier layout's program folder
        "0123456789abcdef01234567.123.tmp",
        "notes", // not ours
        "runtime-fresh000000000000", // not a name we make
      ];
      for (const n of names) {
        fs.mkdirSync(path.join(root, n));
        fs.utimesSync(path.join(root, n), old, old);
      }
      fs.mkdirSync(path.join(root, "runtime-fedcba9876543210")); // recent: kept
      pruneCache();
      expect(fs.readdirSync(root).sort()).toEqual([
        "notes",
        "runtime-fedcba9876543210",
        "runtime-fresh000000000000",
      ]);
    } finally {
      if (saved === undefined) delete process.env.ASYNCIO_TS_CACHE;
      else process.env.ASYNCIO_TS_CACHE = saved;
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("one copy of the runtime per run", () => {
  // Transpiling `from collections import Counter` asks the runtime which names `collections`
  // has. When that loaded dist/src beside the bundle, its copy installed generators' `send`
  // before the bundle's, raising its own StopIteration class: on a run that had to transpile the
  // program (but found the runtime bundle already built), `except StopIteration` missed it.
  const program = [
    "import asyncio",
    "from collections import Counter",
    "def gen():",
    "    yield 1",
    "    return 5",
    "async def main():",
    "    g = gen()",
    "    next(g)",
    "    try:",
    "        g.send(None)",
    "    except StopIteration as e:",
    "        print('returned', e.value, Counter('aab')['a'])",
    "asyncio.run(main())",
    "",
  ].join("\n");

  test("a program prints the same when it is transpiled and when it is cached", () => {
    ensureBuilt();
    const dir = tempDir();
    try {
      const run = (name: string, text: string) => {
        fs.writeFileSync(path.join(dir, name), text);
        const r = spawnSync(process.execPath, [BIN, "run", path.join(dir, name)], {
          encoding: "utf8",
          env: childEnv(path.join(dir, "cache")),
        });
        return [r.stdout, r.stderr, r.status];
      };
      expect(run("first.py", "print('runtime bundle built')\n")[0]).toBe("runtime bundle built\n");
      expect(run("stop.py", program)).toEqual(["returned 5 2\n", "", 0]);
      expect(run("stop.py", program)).toEqual(["returned 5 2\n", "", 0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a run loads the stdlib modules its program names, and no other", () => {
    ensureBuilt();
    const dir = tempDir();
    try {
      const cache = path.join(dir, "cache");
      const shimOf = (name: string, text: string): string[] => {
        fs.writeFileSync(path.join(dir, name), text);
        const r = spawnSync(process.execPath, [BIN, "run", path.join(dir, name)], {
          encoding: "utf8",
          env: childEnv(cache),
        });
        expect([r.stderr, r.status]).toEqual(["", 0]);
        // The program's entry module imports "asyncio-ts/python" from a shim over the bundle.
        const [runtimeDir] = fs.readdirSync(cache).filter((d) => d.startsWith("runtime-"));
        const root = path.join(cache, runtimeDir!);
        const entry = fs
          .readdirSync(root)
          .filter((d) => d.startsWith("p-"))
          .map((d) => path.join(root, d, `${path.basename(name, ".py")}.mjs`))
          .find((f) => fs.existsSync(f))!;
        const shim = /"file:\/\/([^"]*asyncio_ts_python[^"]*\.mjs)"/.exec(
          fs.readFileSync(entry, "utf8"),
        )![1]!;
        const source = fs.readFileSync(decodeURIComponent(shim), "utf8");
        return [...source.matchAll(/runtime\("src\/python\/stdlib\/(\w+)\.js"\)/g)].map(
          (m) => m[1]!,
        );
      };
      expect(shimOf("plain.py", "print(len('abc'))\n")).toEqual([]);
      expect(
        shimOf(
          "named.py",
          "import json\nfrom collections import Counter\ndef f():\n    import sys\n    return sys.maxsize > 0\nprint(json.dumps([1]), Counter('aab')['a'], f())\n",
        ),
      ).toEqual(["collections", "json", "sys"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
