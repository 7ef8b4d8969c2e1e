import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findCases, loadCase, repoRoot } from "../../conformance/cases";
import { main } from "../../conformance/cli";
import { compareObserved } from "../../conformance/compare";
import { parseCompareArgs } from "../../conformance/compare_command";
import { runCPython } from "../../conformance/execute";
import { bufferIo } from "../../conformance/io";
import { choosePython, isRequiredPython } from "../../conformance/python";
import { type FakeBehaviour, makeFakeRepo, TRACE } from "./fake";

describe("compare: arguments", () => {
  test("the program's arguments follow FILE; our options may appear anywhere; -- ends them", () => {
    expect(parseCompareArgs(["prog.py", "a", "--python", "/usr/bin/python3.13", "b"])).toEqual({
      file: "prog.py",
      args: ["a", "b"],
      python: "/usr/bin/python3.13",
      timeoutSeconds: 60,
    });
    expect(parseCompareArgs(["--timeout", "5", "prog.py", "--", "--python", "x"])).toEqual({
      file: "prog.py",
      args: ["--python", "x"],
      timeoutSeconds: 5,
    });
    expect(() => parseCompareArgs([])).toThrow("missing FILE.py");
    expect(() => parseCompareArgs(["p.py", "--timeout", "-1"])).toThrow("positive");
  });
});

describe("compare with a fake CPython and a fake asyncio-ts", () => {
  const fake = makeFakeRepo([]);
  afterAll(() => fake.cleanup());

  function program(name: string, cpython: FakeBehaviour, ours: FakeBehaviour): string {
    const dir = fs.mkdtempSync(path.join(fake.root, `${name}-`));
    fs.writeFileSync(path.join(dir, "fake_cpython.json"), JSON.stringify(cpython));
    fs.writeFileSync(path.join(dir, "fake.json"), JSON.stringify(ours));
    const file = path.join(dir, `${name}.py`);
    fs.writeFileSync(file, "print('hi')\n");
    return file;
  }

  test("identical runs print 'identical' and exit 0", async () => {
    const same = { stdout: "a\nb\n", trace: TRACE };
    const io = bufferIo();
    const code = await main(
      ["compare", program("same", same, same), "--python", fake.python],
      io,
      fake.root,
    );
    expect(io.out()).toBe("identical\n");
    expect(code).toBe(0);
  });

  test("arguments reach both runs", async () => {
    const echo = { echo: true };
    const io = bufferIo();
    const file = program("args", echo, echo);
    expect(
      await main(["compare", file, "one", "--python", fake.python, "two"], io, fake.root),
    ).toBe(0);
  });

  test("a difference prints the first divergence in output and in the trace, and exits 1", async () => {
    const cpython = { stdout: "a\nb\nc\n", trace: TRACE };
    const swapped = [TRACE[0]!, TRACE[2]!, TRACE[1]!, ...TRACE.slice(3)];
    const ours = { stdout: "a\nB\nc\n", trace: swapped };
    const io = bufferIo();
    const code = await main(
      ["compare", program("differ", cpython, ours), "--python", fake.python],
      io,
      fake.root,
    );
    expect(code).toBe(1);
    const out = io.out();
    expect(out).toContain('stdout differs at line 2: CPython "b", asyncio-ts "B"');
    expect(out).toContain(
      "  --- CPython\n  +++ asyncio-ts\n  @@ -1,3 +1,3 @@\n   a\n  -b\n  +B\n   c",
    );
    expect(out).toContain(
      "trace: first difference at event 2 (CPython: 7 events, asyncio-ts: 7 events)",
    );
    expect(out).toContain("  -     #2 cb   asyncio");
    expect(out).toContain("  +     #2 step worker work");
    expect(out).not.toContain("identical");
  });

  test("a missing file is a usage error", async () => {
    const io = bufferIo();
    expect(await main(["compare", path.join(fake.root, "nope.py")], io, fake.root)).toBe(2);
    expect(io.err()).toContain("no such file");
  });
});

describe("compare with the real CPython and the real CLI", () => {
  test("CPython runs as compare makes them reproduce the recorded expected.json", async () => {
    const root = repoRoot();
    const { python, version } = choosePython();
    if (!isRequiredPython(version)) {
      throw new Error(
        `this test needs CPython 3.13.0 (PYENV_VERSION=3.13.0 python3); found ${JSON.stringify(version)}`,
      );
    }
    // A few cases with stdin, arguments, a traceback and a trace.
    const refs = findCases(path.join(root, "fixtures")).filter((ref) => {
      const c = loadCase(ref);
      return c.meta.stdin !== null || c.meta.args.length > 0 || (c.expected?.exit_code ?? 0) !== 0;
    });
    const chosen = [
      ...refs.slice(0, 4),
      ...findCases(path.join(root, "fixtures"), { area: "futures" }).slice(0, 2),
    ];
    for (const ref of chosen) {
      const c = loadCase(ref);
      const run = await runCPython({
        root,
        python,
        cwd: c.dir,
        script: "main.py",
        args: c.meta.args,
        stdin: c.meta.stdin,
        timeoutMs: c.meta.timeout * 1000,
        label: c.name,
      });
      expect(run.error).toBeNull();
      const mismatches = compareObserved(c.expected!, run, { trace: c.meta.trace });
      expect({ case: `${c.area}/${c.name}`, mismatches }).toEqual({
        case: `${c.area}/${c.name}`,
        mismatches: [],
      });
    }
  }, 120_000);

  test("a small asyncio program is identical", async () => {
    const root = repoRoot();
    const bin = path.join(root, "bin", "asyncio-ts.js");
    if (!fs.existsSync(bin))
      throw new Error(`${bin} does not exist yet: compare needs the asyncio-ts CLI`);
    const { version } = choosePython();
    if (!isRequiredPython(version)) {
      throw new Error(
        `compare's integration test needs CPython 3.13.0 (PYENV_VERSION=3.13.0 python3); found ${JSON.stringify(version)}`,
      );
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-compare-"));
    const file = path.join(dir, "prog.py");
    fs.writeFileSync(
      file,
      [
        "import asyncio",
        "",
        "async def worker(name, hops):",
        "    for i in range(hops):",
        "        print(name, i)",
        "        await asyncio.sleep(0)",
        "    return name",
        "",
        "async def main():",
        "    results = await asyncio.gather(worker('a', 3), worker('b', 2))",
        "    await asyncio.sleep(0.01)",
        "    print(results)",
        "",
        "asyncio.run(main())",
        "",
      ].join("\n"),
    );
    try {
      const io = bufferIo();
      const code = await main(["compare", file], io, root);
      // On failure the message shows what compare printed.
      const err = io.err();
      expect({ code, out: io.out(), err }).toEqual({ code: 0, out: "identical\n", err });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
