/**
 * Programs of several modules run through the CLI as `python main.py` runs them: tracebacks name
 * every module's file by its absolute path, and `__file__` is absolute (CPython 3.9+).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, childEnv, ensureBuilt } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-program-")));

beforeAll(() => {
  ensureBuilt();
  fs.writeFileSync(
    path.join(dir, "lib.py"),
    [
      "import asyncio",
      "",
      "class Fetcher:",
      "    async def get(self, i):",
      "        await asyncio.sleep(0)",
      "        raise ConnectionError(f'host {i} unreachable')",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(dir, "app.py"),
    [
      "import asyncio",
      "import lib",
      "",
      "async def main():",
      "    print(__file__)",
      "    await lib.Fetcher().get(3)",
      "",
      "asyncio.run(main())",
      "",
    ].join("\n"),
  );
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("an uncaught exception from a sibling module prints absolute paths, as CPython", () => {
  const r = spawnSync(process.execPath, [BIN, "run", "app.py"], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
  });
  expect(r.stdout).toBe(`${path.join(dir, "app.py")}\n`);
  expect(r.status).toBe(1);
  expect(r.stderr.split("\n")).toEqual([
    "Traceback (most recent call last):",
    `  File "${path.join(dir, "app.py")}", line 8, in <module>`,
    "    asyncio.run(main())",
    `  File "${path.join(dir, "app.py")}", line 6, in main`,
    "    await lib.Fetcher().get(3)",
    `  File "${path.join(dir, "lib.py")}", line 6, in get`,
    "    raise ConnectionError(f'host {i} unreachable')",
    "ConnectionError: host 3 unreachable",
    "",
  ]);
}, 60_000);

describe("stdout buffering follows CPython's rules", () => {
  const script = path.join(dir, "interleave.py");
  const runWith = (unbuffered: string) => {
    fs.writeFileSync(script, 'import sys\nprint("a")\nsys.stderr.write("b\\n")\nprint("c")\n');
    // stdout and stderr into one pipe: the order shows when stdout was written.
    const r = spawnSync(
      "/bin/sh",
      ["-c", `"${process.execPath}" "${BIN}" run interleave.py 2>&1`],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...childEnv(path.join(dir, "cache")), PYTHONUNBUFFERED: unbuffered },
      },
    );
    return r.stdout;
  };
  test("block-buffered when not a terminal: stderr's line comes first", () => {
    expect(runWith("")).toBe("b\na\nc\n");
  }, 60_000);
  test("PYTHONUNBUFFERED=1: every write goes out at once", () => {
    expect(runWith("1")).toBe("a\nb\nc\n");
  }, 60_000);
});

test("dir() of a module of the program lists its names and CPython's module attributes", () => {
  fs.writeFileSync(
    path.join(dir, "shapes.py"),
    "import math\nSIDES = 4\n_hidden = 1\ndef area(r):\n    return r\nclass Square:\n    pass\nif SIDES > 9:\n    LATER = 1\n",
  );
  fs.writeFileSync(path.join(dir, "list_shapes.py"), "import shapes\nprint(dir(shapes))\n");
  const r = spawnSync(process.execPath, [BIN, "run", "list_shapes.py"], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
  });
  // CPython 3.13.0 prints the same list.
  expect(r.stdout).toBe(
    "['SIDES', 'Square', '__builtins__', '__cached__', '__doc__', '__file__', '__loader__', " +
      "'__name__', '__package__', '__spec__', '_hidden', 'area', 'math']\n",
  );
}, 60_000);
