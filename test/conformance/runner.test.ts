import * as fs from "node:fs";
import * as path from "node:path";
import { findCases, type LoadedCase, loadCase, repoRoot } from "../../conformance/cases";
import { main, parseConformanceArgs, progressReporter } from "../../conformance/cli";
import { compareObserved, judgeCase, statusOf } from "../../conformance/compare";
import { firstDifferingLine, traceDiff, unifiedDiff } from "../../conformance/diff";
import { lastNonBlankLine, runProcess } from "../../conformance/execute";
import { bufferIo } from "../../conformance/io";
import { jsonSummaryLine, summarize, summaryTable, textReport } from "../../conformance/report";
import { checkCli, mapPool, runSuite } from "../../conformance/runner";
import { CaseSchema, type Expected } from "../../conformance/schema";
import { caseResult, expectedOf, makeFakeRepo, runOutput, TRACE } from "./fake";

const OUT = "hello\nworld\ndone\n";

function loaded(
  meta: Record<string, unknown> = {},
  expected: Expected | null = expectedOf({ stdout: OUT, trace: TRACE }),
): LoadedCase {
  return {
    area: "tasks",
    name: "sample",
    dir: "/nowhere/tasks/sample",
    meta: CaseSchema.parse({ description: "a sample case", ...meta }),
    expected,
    problem: expected === null ? "no expected.json (record it with --refresh)" : null,
  };
}

describe("judging one case", () => {
  test("a passing case", () => {
    const r = judgeCase(loaded(), runOutput({ stdout: OUT, trace: [...TRACE] }));
    expect(r.status).toBe("passed");
    expect(r.mismatches).toEqual([]);
  });

  test("a failing output shows the first differing line and a unified diff", () => {
    const r = judgeCase(loaded(), runOutput({ stdout: "hello\nWORLD\ndone\n", trace: TRACE }));
    expect(r.status).toBe("failed");
    expect(r.mismatches).toHaveLength(1);
    const m = r.mismatches[0]!;
    expect(m.kind).toBe("stdout");
    expect(m.level).toBe(1);
    expect(m.summary).toBe('stdout differs at line 2: expected "world", actual "WORLD"');
    expect(m.detail).toBe(
      ["--- expected", "+++ actual", "@@ -1,3 +1,3 @@", " hello", "-world", "+WORLD", " done"].join(
        "\n",
      ),
    );
  });

  test("a different exit code and last stderr line fail at level 1", () => {
    const r = judgeCase(
      loaded(),
      runOutput({ stdout: OUT, trace: TRACE, exit_code: 1, stderr_last_line: "ValueError: boom" }),
    );
    expect(r.status).toBe("failed");
    expect(r.mismatches.map((m) => m.kind)).toEqual(["exit_code", "stderr_last_line"]);
    expect(r.mismatches[0]!.summary).toBe("exit code: expected 0, actual 1");
    expect(r.mismatches[1]!.detail).toContain("+ValueError: boom");
  });

  test("a failing trace shows the first differing event with context", () => {
    const actual = [...TRACE];
    actual[3] = { ev: "cb", fn: "other_callback" };
    const r = judgeCase(loaded(), runOutput({ stdout: OUT, trace: actual }));
    expect(r.status).toBe("failed");
    expect(r.mismatches.map((m) => [m.kind, m.level])).toEqual([["trace", 2]]);
    const detail = r.mismatches[0]!.detail;
    expect(r.mismatches[0]!.summary).toBe(
      "trace: first difference at event 4 (expected: 7 events, actual: 7 events)",
    );
    expect(detail).toContain("     #1 step Task-1 main");
    expect(detail).toContain("-     #4 cb   on_done");
    expect(detail).toContain("+     #4 cb   other_callback");
    expect(detail).toContain("+     #7 cb   asyncio");
  });

  test("a shorter trace reports where it ends", () => {
    const d = traceDiff(TRACE, TRACE.slice(0, 2));
    expect(d.split("\n")[0]).toBe(
      "first difference at event 3 (expected: 7 events, actual: 2 events)",
    );
    expect(d).toContain("+        (end of actual trace)");
  });

  test("the trace is not compared when the case's trace flag is false", () => {
    const r = judgeCase(loaded({ trace: false }), runOutput({ stdout: OUT, trace: [] }));
    expect(r.status).toBe("passed");
  });

  test("a documented divergence that differs is divergent, not failed", () => {
    const divergence = {
      reason: "repr of a coroutine differs",
      doc: "DIFFERENCES.md#coroutine-repr",
    };
    const r = judgeCase(loaded({ divergence }), runOutput({ stdout: "other\n", trace: TRACE }));
    expect(r.status).toBe("divergent");
    expect(r.divergence).toEqual(divergence);
    // ... and one that matches passes.
    expect(judgeCase(loaded({ divergence }), runOutput({ stdout: OUT, trace: TRACE })).status).toBe(
      "passed",
    );
  });

  test("a case without a record fails, even with a divergence", () => {
    const divergence = { reason: "x", doc: "DIFFERENCES.md#x" };
    const r = judgeCase(loaded({ divergence }, null), runOutput({ stdout: OUT }));
    expect(r.status).toBe("failed");
    expect(r.mismatches[0]!.summary).toContain("no expected.json");
    expect(statusOf([], divergence)).toBe("passed");
  });

  test("a run that timed out fails with the reason", () => {
    const r = judgeCase(
      loaded(),
      runOutput({ stdout: OUT, trace: TRACE, error: "timed out after 12.0s", exit_code: -9 }),
    );
    expect(r.status).toBe("failed");
    expect(r.mismatches[0]).toMatchObject({ kind: "run", summary: "timed out after 12.0s" });
  });
});

describe("diffs", () => {
  test("unified diff of equal texts is empty; a missing final newline is reported", () => {
    expect(unifiedDiff("a\n", "a\n")).toBe("");
    expect(unifiedDiff("a\nb\n", "a\nb")).toContain(
      "expected ends with a newline, actual has no final newline",
    );
  });

  test("insertions and deletions are aligned, with separate hunks far apart", () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const b = [...a];
    b.splice(2, 1);
    b.splice(15, 0, "inserted");
    const d = unifiedDiff(`${a.join("\n")}\n`, `${b.join("\n")}\n`);
    expect(d).toBe(
      [
        "--- expected",
        "+++ actual",
        "@@ -1,6 +1,5 @@",
        " line 0",
        " line 1",
        "-line 2",
        " line 3",
        " line 4",
        " line 5",
        "@@ -14,6 +13,7 @@",
        " line 13",
        " line 14",
        " line 15",
        "+inserted",
        " line 16",
        " line 17",
        " line 18",
      ].join("\n"),
    );
    expect(unifiedDiff(`${a.join("\n")}\n`, `${b.join("\n")}\n`, { maxHunks: 1 })).toContain(
      "... 1 more differing region(s)",
    );
  });

  test("trailing whitespace is made visible", () => {
    expect(unifiedDiff("x\n", "x \n")).toContain("+x·");
  });

  test("first differing line", () => {
    expect(firstDifferingLine("a\nb\n", "a\nb\n")).toBeNull();
    expect(firstDifferingLine("a\nb\n", "a\n")).toEqual({ line: 2, expected: "b", actual: null });
  });

  test("compareObserved uses the given labels", () => {
    const m = compareObserved(
      { stdout: "1\n", exit_code: 0, stderr_last_line: "", trace: [] },
      { stdout: "2\n", exit_code: 0, stderr_last_line: "", trace: [] },
      { trace: true, labels: ["CPython", "asyncio-ts"] },
    );
    expect(m[0]!.summary).toBe('stdout differs at line 1: CPython "1", asyncio-ts "2"');
    expect(m[0]!.detail.split("\n").slice(0, 2)).toEqual(["--- CPython", "+++ asyncio-ts"]);
  });

  test("last non-blank stderr line, as record.py takes it", () => {
    expect(lastNonBlankLine("Traceback...\nValueError: x  \n\n  \n")).toBe("ValueError: x");
    expect(lastNonBlankLine("")).toBe("");
  });
});

describe("reports", () => {
  const results = [
    caseResult({ area: "futures", name: "a", status: "passed" }),
    caseResult({
      area: "futures",
      name: "b",
      status: "failed",
      mismatches: [
        {
          kind: "stdout",
          level: 1,
          summary: "stdout differs at line 1",
          detail: "--- expected\n+++ actual\n-x\n+y",
        },
      ],
    }),
    caseResult({
      area: "tasks",
      name: "c",
      status: "divergent",
      divergence: { reason: "why", doc: "DIFFERENCES.md#why" },
    }),
    caseResult({ area: "tasks", name: "d", status: "passed" }),
  ];

  test("the JSON summary line has exactly the documented shape", () => {
    expect(jsonSummaryLine(summarize(results))).toBe(
      '{"total":4,"passed":2,"failed":1,"divergent":1,"areas":{"futures":{"total":2,"passed":1},"tasks":{"total":2,"passed":1}}}',
    );
    expect(jsonSummaryLine(summarize([]))).toBe(
      '{"total":0,"passed":0,"failed":0,"divergent":0,"areas":{}}',
    );
  });

  test("the table by area", () => {
    expect(summaryTable(summarize(results))).toBe(
      [
        "area     total  passed  failed  divergent",
        "-------  -----  ------  ------  ---------",
        "futures      2       1       1          0",
        "tasks        2       1       0          1",
        "-------  -----  ------  ------  ---------",
        "all          4       2       1          1",
      ].join("\n"),
    );
  });

  test("the text report: table, then each failure's diff, then the verdict", () => {
    const text = textReport(results);
    const table = text.indexOf("area     total");
    const failure = text.indexOf("FAILED futures/b: the b case");
    expect(table).toBe(0);
    expect(failure).toBeGreaterThan(table);
    expect(text).toContain("    -x\n    +y");
    expect(text).toContain("1 divergent case(s)");
    expect(text).not.toContain("futures/a");
    expect(text.trimEnd().split("\n").pop()).toBe("4 cases: 2 passed, 1 failed, 1 divergent");
  });

  test("progress: plain lines when not a terminal, a redrawn bar on a terminal", () => {
    const plain = bufferIo();
    const p = progressReporter(plain.stderr);
    p.update(results[1]!, 1, 4);
    p.finish();
    expect(plain.err()).toBe("[1/4] FAIL futures/b (0.0s)\n");
    let tty = "";
    const bar = progressReporter({ isTTY: true, columns: 80, write: (t: string) => (tty += t) });
    bar.update(results[0]!, 2, 4);
    bar.finish();
    expect(tty).toContain("\r\x1b[K[###############---------------] 2/4 futures/a");
    expect(tty.endsWith("\r\x1b[K")).toBe(true);
  });
});

describe("command line", () => {
  test("options", () => {
    expect(
      parseConformanceArgs(["--area", "tasks", "--jobs=3", "--json", "--html", "r.html"]),
    ).toMatchObject({
      area: "tasks",
      jobs: 3,
      json: true,
      html: "r.html",
      refresh: false,
    });
    expect(() => parseConformanceArgs(["--jobs", "0"])).toThrow("--jobs needs a positive integer");
    expect(() => parseConformanceArgs(["--bogus"])).toThrow("unknown argument: --bogus");
    expect(parseConformanceArgs(["--help"])).toBe("help");
  });

  test("a usage error exits 2", async () => {
    const io = bufferIo();
    expect(await main(["conformance", "--jobs"], io)).toBe(2);
    expect(io.err()).toContain("--jobs needs a value");
  });
});

describe("processes and the pool", () => {
  test("mapPool keeps order and never runs more than the limit", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  test("runProcess feeds stdin, reports the exit code, and kills on timeout", async () => {
    const echo = await runProcess({
      command: process.execPath,
      args: [
        "-e",
        "process.stdout.write(require('fs').readFileSync(0,'utf8').toUpperCase()); process.exitCode = 3",
      ],
      cwd: process.cwd(),
      stdin: "abc",
      timeoutMs: 10_000,
    });
    expect(echo).toMatchObject({ stdout: "ABC", exitCode: 3, timedOut: false });
    const hang = await runProcess({
      command: process.execPath,
      args: ["-e", "setInterval(() => {}, 1000)"],
      cwd: process.cwd(),
      timeoutMs: 300,
    });
    expect(hang.timedOut).toBe(true);
    expect(hang.exitCode).toBe(-9);
  });
});

describe("the runner on synthetic fixtures (a fake asyncio-ts CLI)", () => {
  const divergence = { reason: "documented", doc: "DIFFERENCES.md#documented" };
  const fake = makeFakeRepo([
    {
      area: "alpha",
      name: "pass",
      expected: { stdout: OUT, trace: TRACE },
      ours: { stdout: OUT, trace: TRACE },
    },
    {
      area: "alpha",
      name: "args_stdin",
      meta: { args: ["x", "y z"], stdin: "in put\n" },
      expected: { stdout: 'args=["x","y z"] stdin="in put\\n"\n' },
      ours: { echo: true },
    },
    { area: "alpha", name: "bad_output", expected: { stdout: OUT }, ours: { stdout: "hello\n" } },
    {
      area: "beta",
      name: "bad_trace",
      expected: { trace: TRACE },
      ours: { trace: TRACE.slice(1) },
    },
    {
      area: "beta",
      name: "crash",
      expected: { exit_code: 1, stderr_last_line: "ValueError: boom" },
      ours: { exit_code: 1, stderr: "Traceback (most recent call last):\nValueError: boom\n" },
    },
    {
      area: "beta",
      name: "divergent",
      meta: { divergence },
      expected: { stdout: "a\n" },
      ours: { stdout: "b\n" },
    },
    { area: "gamma", name: "hangs", meta: { timeout: 0.2 }, expected: {}, ours: { hang: true } },
    { area: "gamma", name: "unrecorded", expected: null, ours: {} },
  ]);
  afterAll(() => fake.cleanup());

  test("every case is run in its folder with its args, stdin and trace file, and judged", async () => {
    const seen: string[] = [];
    const results = await runSuite({
      root: fake.root,
      jobs: 3,
      startupAllowanceMs: 1500,
      onResult: (_r, done, total) => seen.push(`${done}/${total}`),
    });
    expect(seen).toHaveLength(8);
    expect(seen[7]).toBe("8/8");
    const status = Object.fromEntries(results.map((r) => [`${r.area}/${r.name}`, r.status]));
    expect(status).toEqual({
      "alpha/args_stdin": "passed",
      "alpha/bad_output": "failed",
      "alpha/pass": "passed",
      "beta/bad_trace": "failed",
      "beta/crash": "passed",
      "beta/divergent": "divergent",
      "gamma/hangs": "failed",
      "gamma/unrecorded": "failed",
    });
    const byName = (n: string) => results.find((r) => r.name === n)!;
    expect(byName("bad_trace").mismatches[0]!.summary).toContain("first difference at event 1");
    expect(byName("hangs").mismatches[0]!.summary).toMatch(/^timed out after 1\.7s$/);
    expect(jsonSummaryLine(summarize(results))).toBe(
      '{"total":8,"passed":3,"failed":4,"divergent":1,"areas":{"alpha":{"total":3,"passed":2},"beta":{"total":3,"passed":1},"gamma":{"total":2,"passed":0}}}',
    );
  });

  test("main --json prints the summary as the last stdout line and exits 1 on failures", async () => {
    const io = bufferIo();
    const html = path.join(fake.root, "report.html");
    const code = await main(
      ["conformance", "--area", "alpha", "--json", "--jobs", "2", "--html", html],
      io,
      fake.root,
    );
    expect(code).toBe(1);
    expect(io.out()).toBe(
      '{"total":3,"passed":2,"failed":1,"divergent":0,"areas":{"alpha":{"total":3,"passed":2}}}\n',
    );
    expect(io.err()).toContain("FAILED alpha/bad_output");
    const page = fs.readFileSync(html, "utf8");
    expect(page).toContain('<section class="case failed" id="case-alpha-bad_output"');
    expect(page).toContain("// generated from main.py");
    expect(page).toContain("Array&lt;number&gt; = [1 &lt; 2 ? 1 : 2]");
  });

  test("main exits 0 when every selected case passes", async () => {
    const io = bufferIo();
    expect(await main(["--case", "pass"], io, fake.root)).toBe(0);
    expect(io.out()).toContain("1 cases: 1 passed, 0 failed, 0 divergent");
  });

  test("--refresh refuses a Python that is not CPython 3.13.0 unless --force", async () => {
    const io = bufferIo();
    process.env.FAKE_PYTHON_VERSION = "CPython 3.12.1";
    try {
      expect(
        await main(["--refresh", "--python", fake.python, "--case", "pass"], io, fake.root),
      ).toBe(2);
    } finally {
      delete process.env.FAKE_PYTHON_VERSION;
    }
    expect(io.err()).toContain(
      `--refresh needs CPython 3.13.0, found ${fake.python} (CPython 3.12.1); use --python PATH, or --force`,
    );
  });
});

describe("the runner on the real fixtures and the real CLI", () => {
  const root = repoRoot();
  // A small area: the integration test checks the pipeline, suite.test.ts checks every case.
  const AREA = "futures";
  const bin = path.join(root, "bin", "asyncio-ts.js");

  test(`area ${AREA}: each case runs to completion on asyncio-ts and matches CPython`, async () => {
    if (!fs.existsSync(bin)) {
      throw new Error(
        `${bin} does not exist yet: the asyncio-ts CLI is needed to run the fixtures`,
      );
    }
    const broken = await checkCli(root);
    if (broken !== null) throw new Error(`the asyncio-ts CLI cannot run: ${broken}`);
    const refs = findCases(path.join(root, "fixtures"), { area: AREA });
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(loadCase(ref).problem).toBeNull();
    const results = await runSuite({ root, filter: { area: AREA }, jobs: 2 });
    expect(results).toHaveLength(refs.length);
    const report = textReport(results);
    // Every case got as far as running (no timeouts, no unreadable traces) ...
    expect(
      results.filter((r) => r.actual?.error).map((r) => `${r.name}: ${r.actual!.error}`),
    ).toEqual([]);
    // ... and none failed (the report is the message when some do).
    if (summarize(results).failed > 0) throw new Error(report);
  }, 300_000);
});
