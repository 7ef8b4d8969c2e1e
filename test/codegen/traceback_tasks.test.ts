/**
 * Tracebacks of exceptions that cross tasks, callbacks and the event loop, as CPython 3.13.0
 * prints them. CPython's traceback starts where the exception was raised and grows by each frame
 * it passes through on its way out: a task's coroutine stack, then the coroutine that awaited the
 * task (a frame the first JS stack never had), then the code that ran the loop. Frames of
 * asyncio's own Python files (runners.py, tasks.py, ...) and the `~~~^^^` markers are not
 * printed here (docs/DIFFERENCES.md); the expected texts are CPython's output without them.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, childEnv, ensureBuilt } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-tb-")));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(name: string, source: string[]): { stderr: string[]; status: number | null } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${source.join("\n")}\n`);
  const r = spawnSync(process.execPath, [BIN, "run", name], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
  });
  return { stderr: r.stderr.split("\n"), status: r.status };
}

test("an exception from a gathered task lists the awaiting coroutine and the module", () => {
  const r = run("gathered.py", [
    "import asyncio",
    "",
    "",
    "class Service:",
    "    async def fetch(self, n):",
    "        await asyncio.sleep(0)",
    "        return self.parse(n)",
    "",
    "    def parse(self, n):",
    "        if n > 2:",
    '            raise ValueError(f"bad {n}")',
    "        return n",
    "",
    "",
    "async def worker(s, n):",
    "    return await s.fetch(n)",
    "",
    "",
    "async def main():",
    "    s = Service()",
    "    results = await asyncio.gather(*(worker(s, i) for i in range(4)))",
    "    print(results)",
    "",
    "",
    "asyncio.run(main())",
  ]);
  const f = path.join(dir, "gathered.py");
  expect(r.status).toBe(1);
  expect(r.stderr).toEqual([
    "Traceback (most recent call last):",
    `  File "${f}", line 25, in <module>`,
    "    asyncio.run(main())",
    `  File "${f}", line 21, in main`,
    "    results = await asyncio.gather(*(worker(s, i) for i in range(4)))",
    `  File "${f}", line 16, in worker`,
    "    return await s.fetch(n)",
    `  File "${f}", line 7, in fetch`,
    "    return self.parse(n)",
    `  File "${f}", line 11, in parse`,
    '    raise ValueError(f"bad {n}")',
    "ValueError: bad 3",
    "",
  ]);
}, 60_000);

test("a task's exception caught in main ends there; the new one gets the loop's callers", () => {
  const r = run("wrapped.py", [
    "import asyncio",
    "",
    "",
    "async def inner():",
    "    await asyncio.sleep(0.01)",
    '    raise KeyError("k")',
    "",
    "",
    "async def main():",
    "    t = asyncio.create_task(inner())",
    "    try:",
    "        await t",
    "    except KeyError:",
    '        raise RuntimeError("wrapped")',
    "",
    "",
    "def entry():",
    "    asyncio.run(main())",
    "",
    "",
    "entry()",
  ]);
  const f = path.join(dir, "wrapped.py");
  expect(r.status).toBe(1);
  expect(r.stderr).toEqual([
    "Traceback (most recent call last):",
    `  File "${f}", line 12, in main`,
    "    await t",
    `  File "${f}", line 6, in inner`,
    '    raise KeyError("k")',
    "KeyError: 'k'",
    "",
    "During handling of the above exception, another exception occurred:",
    "",
    "Traceback (most recent call last):",
    `  File "${f}", line 21, in <module>`,
    "    entry()",
    `  File "${f}", line 18, in entry`,
    "    asyncio.run(main())",
    `  File "${f}", line 14, in main`,
    '    raise RuntimeError("wrapped")',
    "RuntimeError: wrapped",
    "",
  ]);
}, 60_000);

test("callbacks and TaskGroup children start at their own frame; a cancellation names its module", () => {
  const r = run("edges.py", [
    "import asyncio",
    "import traceback",
    "",
    "",
    "def boom(x):",
    "    raise ValueError(x)",
    "",
    "",
    "async def bad(n):",
    "    await asyncio.sleep(0)",
    "    raise KeyError(n)",
    "",
    "",
    "async def main():",
    "    asyncio.get_running_loop().call_soon(boom, 1)",
    "    await asyncio.sleep(0)",
    "    try:",
    "        async with asyncio.TaskGroup() as tg:",
    "            tg.create_task(bad(1))",
    "    except* KeyError as eg:",
    "        traceback.print_exception(eg.exceptions[0])",
    "    t = asyncio.create_task(asyncio.sleep(1))",
    "    await asyncio.sleep(0)",
    "    t.cancel()",
    "    await t",
    "",
    "",
    "asyncio.run(main())",
  ]);
  const f = path.join(dir, "edges.py");
  expect(r.status).toBe(1);
  expect(r.stderr).toEqual([
    `Exception in callback boom() at ${f}:5`,
    `handle: <Handle boom() at ${f}:5>`,
    "Traceback (most recent call last):",
    `  File "${f}", line 6, in boom`,
    "    raise ValueError(x)",
    "ValueError: 1",
    "Traceback (most recent call last):",
    `  File "${f}", line 11, in bad`,
    "    raise KeyError(n)",
    "KeyError: 1",
    // CPython also lists `line 25, in main` (`await t`): a cancellation does not keep the
    // frames it passes through on its way out (docs/DIFFERENCES.md).
    "Traceback (most recent call last):",
    `  File "${f}", line 28, in <module>`,
    "    asyncio.run(main())",
    "asyncio.exceptions.CancelledError",
    "",
  ]);
}, 60_000);
