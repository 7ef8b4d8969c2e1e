/**
 * "RuntimeWarning: coroutine '...' was never awaited" for a coroutine an expression statement
 * drops (`f()` without `await`): CPython destroys it at once (reference counting) and warns at
 * that line. Expected outputs are CPython 3.13.0's, run on the same programs (the path is the
 * temporary folder's).
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt } from "./helpers";

const BRIEF = `import asyncio
async def f(): return 1
async def main():
    f()
    print("x")
asyncio.run(main())
`;

const PROGRAM = `import asyncio
import warnings


async def f():
    return 1


def gen():
    yield 1


async def agen():
    yield 1


def sync(x):
    return x


class A:
    async def m(self):
        pass

    def n(self):
        return f()


async def main():
    xs = []
    xs.append(1)
    print("start")
    A().m()
    A().n()
    gen()
    agen()
    sync(1)
    asyncio.create_task(f())
    await f()
    q = asyncio.Queue()
    q.get()
    asyncio.sleep(0)
    asyncio.sleep(1)
    for _ in range(3):
        f()
    f(
    )
    handlers = {"h": f}
    handlers["h"]()
    print("mid")
    with warnings.catch_warnings(record=True) as w:
        f()
    r = w[0]
    print(r.message, r.category.__name__, r.lineno, r.line, r.source)
    warnings.simplefilter("error")
    f()
    warnings.simplefilter("ignore")
    f()
    print("end")


asyncio.run(main())
`;

/** The three lines CPython writes for a coroutine `name` dropped at `file:line` (`code`). */
function warning(file: string, line: number, name: string, code: string): string {
  return (
    `${file}:${line}: RuntimeWarning: coroutine '${name}' was never awaited\n  ${code}\n` +
    "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n"
  );
}

describe("a coroutine dropped by an expression statement warns as in CPython", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-unawaited-"));
  beforeAll(() => {
    ensureBuilt();
    fs.writeFileSync(path.join(dir, "t.py"), BRIEF);
    fs.writeFileSync(path.join(dir, "p.py"), PROGRAM);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("at the line that drops it, with the script's path as given (made absolute)", () => {
    const r = cli(dir, ["run", "t.py"]);
    expect(r.out).toBe("x\n");
    expect(r.err).toBe(warning(path.join(dir, "t.py"), 4, "f", "f()"));
    expect(r.status).toBe(0);
    // CPython does not normalise the path: `python3 ./t.py` shows "DIR/./t.py".
    const dotted = cli(dir, ["run", "./t.py"]);
    expect(dotted.err).toBe(warning(`${dir}/./t.py`, 4, "f", "f()"));
  });

  test("methods, asyncio's coroutines, wrappers, filters and catch_warnings", () => {
    const r = cli(dir, ["run", "p.py"]);
    const file = path.join(dir, "p.py");
    expect(r.out.replace(/0x[0-9a-f]+/g, "0x")).toBe(
      "start\nmid\ncoroutine 'f' was never awaited RuntimeWarning 52 None " +
        "<coroutine object f at 0x>\nend\n",
    );
    expect(r.err.replace(/0x[0-9a-f]+/g, "0x")).toBe(
      warning(file, 33, "A.m", "A().m()") +
        warning(file, 34, "f", "A().n()") +
        warning(file, 41, "Queue.get", "q.get()") +
        warning(file, 42, "sleep", "asyncio.sleep(0)") +
        warning(file, 43, "sleep", "asyncio.sleep(1)") +
        // the `default` action: once per location, not once per iteration
        warning(file, 45, "f", "f()") +
        warning(file, 46, "f", "f(") +
        warning(file, 49, "f", 'handlers["h"]()') +
        // an error cannot leave a destructor: the unraisable hook prints it (CPython shows the
        // frame of warnings.py between these lines; CPython's own frames are not shown)
        "Exception ignored in: <coroutine object f at 0x>\n" +
        "Traceback (most recent call last):\n" +
        "RuntimeWarning: coroutine 'f' was never awaited\n",
    );
    expect(r.status).toBe(0);
  });

  test("only calls that may return a coroutine are checked", () => {
    const r = cli(dir, ["transpile", "p.py"]);
    expect(r.status).toBe(0);
    const checked = r.out
      .split("\n")
      .filter((l) => l.includes("$py.discard("))
      .map((l) => l.trim());
    expect(checked).toEqual([
      "$py.discard(new A().m());",
      "$py.discard(new A().n());",
      "$py.discard(q.get());",
      "$py.discard(asyncio.sleep(0n));",
      "$py.discard(asyncio.sleep(1n));",
      "$py.discard(f());",
      "$py.discard(f());",
      '$py.discard($py.call($py.getitem(handlers, "h")));',
      "$py.discard(f());",
      "$py.discard(f());",
      "$py.discard(f());",
    ]);
  });
});
