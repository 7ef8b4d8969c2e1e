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
