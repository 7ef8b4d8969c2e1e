/**
 * Class attributes through the CLI, as CPython 3.13.0 printed them: a class attribute a class does
 * not have raises AttributeError; JS's own `name`/`length` of a class are not Python attributes
 * (hasattr, a dataclass field without a default, a class attribute inherited through a subclass);
 * `OrderedDict.fromkeys` makes an OrderedDict; `logging.Formatter.converter` (class attribute,
 * bound when a Python function; instance attribute) and asyncio's "Using selector" debug record.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, childEnv, ensureBuilt } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-classattr-")));

beforeAll(() => {
  ensureBuilt();
  fs.writeFileSync(
    path.join(dir, "main.py"),
    [
      "import asyncio",
      "import logging",
      "import sys",
      "import time",
      "from collections import OrderedDict, defaultdict",
      "from dataclasses import dataclass",
      "",
      "",
      "class A:",
      "    pass",
      "",
      "",
      "class B:",
      '    name = "b"',
      "    length = 2",
      "",
      "",
      "class C(B):",
      "    pass",
      "",
      "",
      "@dataclass(frozen=True)",
      "class Pkg:",
      "    name: str",
      "    length: int",
      "    size: int = 0",
      "",
      "",
      "try:",
      "    A.missing",
      "except AttributeError as e:",
      "    print(e)",
      'print(hasattr(A, "name"), hasattr(A, "length"), getattr(A, "name", "-"))',
      "print(B.name, B.length, B().name, C.name, C().length)",
      'print(Pkg("p", 3), Pkg.size, hasattr(Pkg, "name"))',
      'print(OrderedDict.fromkeys("ab", 0), defaultdict.fromkeys("x"))',
      "handler = logging.StreamHandler(sys.stdout)",
      'handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s", datefmt="%Y"))',
      "logging.basicConfig(level=logging.DEBUG, handlers=[handler])",
      "logging.Formatter.converter = lambda self, secs: time.gmtime(0)",
      "asyncio.run(asyncio.sleep(0))",
      "logging.Formatter.converter = time.gmtime",
      "handler.formatter.converter = lambda secs: time.gmtime(86400 * 366)",
      'logging.info("done")',
      "",
    ].join("\n"),
  );
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("class attributes, dataclass fields named name/length, fromkeys, Formatter.converter", () => {
  const r = spawnSync(process.execPath, [BIN, "run", "main.py"], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout.split("\n")).toEqual([
    "type object 'A' has no attribute 'missing'",
    "False False -",
    "b 2 b b 2",
    "Pkg(name='p', length=3, size=0) 0 False",
    "OrderedDict({'a': 0, 'b': 0}) defaultdict(None, {'x': None})",
    "1970 asyncio Using selector: EpollSelector",
    "1971 root done",
    "",
  ]);
});
