import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../conformance/cases";
import { main } from "../../conformance/cli";
import { bufferIo } from "../../conformance/io";
import {
  availableNeeds,
  declaredUnavailable,
  missingNeeds,
  probeNetwork,
  probeProcesses,
  WITHOUT_ENV,
} from "../../conformance/needs";
import { jsonSummaryLine, summarize, summaryTable, textReport } from "../../conformance/report";
import { runSuite } from "../../conformance/runner";
import { makeFakeRepo } from "./fake";

describe("what a case needs", () => {
  test("the probes find loopback networking and child processes on this machine", async () => {
    expect(await probeNetwork()).toBe(true);
    expect(await probeProcesses()).toBe(true);
    expect([...(await availableNeeds({}))]).toEqual(["network", "processes"]);
  });

  test(`${WITHOUT_ENV} declares needs unavailable, and rejects unknown ones`, async () => {
    expect([...declaredUnavailable({ [WITHOUT_ENV]: " processes ,network" })]).toEqual([
      "processes",
      "network",
    ]);
    expect([...(await availableNeeds({ [WITHOUT_ENV]: "network" }))]).toEqual(["processes"]);
    expect(() => declaredUnavailable({ [WITHOUT_ENV]: "network,gpu" })).toThrow(
      `${WITHOUT_ENV}: unknown need "gpu" (known: network, processes)`,
    );
  });

  test("missingNeeds keeps case.json's order", () => {
    expect(missingNeeds(["processes", "network"], new Set())).toEqual(["processes", "network"]);
    expect(missingNeeds(["processes", "network"], new Set(["processes"]))).toEqual(["network"]);
  });
});

describe("the runner skips cases whose needs the machine lacks", () => {
  const fake = makeFakeRepo([
    { area: "net", name: "plain", expected: { stdout: "ok\n" }, ours: { stdout: "ok\n" } },
    {
      area: "net",
      name: "server",
      meta: { needs: ["network"] },
      expected: { stdout: "served\n" },
      ours: { stdout: "served\n" },
    },
    {
      area: "net",
      name: "both",
      meta: { needs: ["processes", "network"] },
      expected: { stdout: "x\n" },
      // Would fail if it ran: a skipped case is never run.
      ours: { stdout: "y\n" },
    },
  ]);
  afterAll(() => fake.cleanup());

  test("without network: the two cases needing it are skipped, with the reason", async () => {
    const results = await runSuite({ root: fake.root, jobs: 2, available: new Set(["processes"]) });
    expect(results.map((r) => [r.name, r.status, r.skipReason, r.actual === null])).toEqual([
      ["both", "skipped", "needs network", true],
      ["plain", "passed", undefined, false],
      ["server", "skipped", "needs network", true],
    ]);
    const summary = summarize(results);
    expect(jsonSummaryLine(summary)).toBe(
      '{"total":3,"passed":1,"failed":0,"divergent":0,"skipped":2,"areas":{"net":{"total":3,"passed":1}}}',
    );
    expect(summaryTable(summary).split("\n")).toEqual([
      "area  total  passed  failed  divergent  skipped",
      "----  -----  ------  ------  ---------  -------",
      "net       3       1       0          0        2",
      "----  -----  ------  ------  ---------  -------",
      "all       3       1       0          0        2",
    ]);
    const text = textReport(results);
    expect(text).toContain(
      "2 skipped case(s) (this machine lacks what they need):\n  net/both: needs network\n  net/server: needs network",
    );
    expect(text).toContain("3 cases: 1 passed, 0 failed, 0 divergent, 2 skipped");
  });

  test("with nothing available, the reason names every missing need", async () => {
    const results = await runSuite({ root: fake.root, jobs: 1, available: new Set() });
    expect(results.find((r) => r.name === "both")!.skipReason).toBe("needs processes and network");
  });

  test("with everything available the cases run (and a wrong one fails)", async () => {
    const results = await runSuite({
      root: fake.root,
      jobs: 2,
      available: new Set(["network", "processes"]),
    });
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["both", "failed"],
      ["plain", "passed"],
      ["server", "passed"],
    ]);
  });

  test(`the CLI honours ${WITHOUT_ENV}, and skipped cases do not fail the run`, async () => {
    const io = bufferIo();
    process.env[WITHOUT_ENV] = "network";
    try {
      expect(await main(["conformance", "--json", "--jobs", "2"], io, fake.root)).toBe(0);
    } finally {
      delete process.env[WITHOUT_ENV];
    }
    expect(io.out()).toBe(
      '{"total":3,"passed":1,"failed":0,"divergent":0,"skipped":2,"areas":{"net":{"total":3,"passed":1}}}\n',
    );
    expect(io.err()).toContain("SKIP net/server");
  });
});

describe("record.py skips the same cases", () => {
  const python = "python3";
  let dir = "";
  beforeAll(() => {
    // A copy of record.py and its tracer in a temporary repository with one case needing network.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-record-needs-"));
    fs.mkdirSync(path.join(dir, "conformance"));
    for (const f of ["record.py", "trace_cpython.py"])
      fs.copyFileSync(path.join(repoRoot(), "conformance", f), path.join(dir, "conformance", f));
    const cdir = path.join(dir, "fixtures", "net", "server");
    fs.mkdirSync(cdir, { recursive: true });
    fs.writeFileSync(path.join(cdir, "main.py"), 'print("served")\n');
    fs.writeFileSync(
      path.join(cdir, "case.json"),
      JSON.stringify({ description: "needs network", needs: ["network"] }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(`with ${WITHOUT_ENV}=network nothing is recorded and the run succeeds`, () => {
    const out = execFileSync(python, [path.join(dir, "conformance", "record.py"), "--force"], {
      env: { ...process.env, [WITHOUT_ENV]: "network" },
      encoding: "utf8",
    });
    expect(out).toContain("SKIPPED: net/server (needs network, which this machine lacks)");
    expect(out).toContain("1 cases: 0 records written, 0 unchanged, 0 failed, 1 skipped");
    expect(fs.existsSync(path.join(dir, "fixtures", "net", "server", "expected.json"))).toBe(false);
  });
});

test(`the CLI refuses an unknown need in ${WITHOUT_ENV} with a one-line message`, async () => {
  const io = bufferIo();
  process.env[WITHOUT_ENV] = "gpu";
  try {
    expect(await main(["conformance", "--case", "nothing-needed"], io, repoRoot())).toBe(2);
  } finally {
    delete process.env[WITHOUT_ENV];
  }
  expect(io.err()).toBe(
    `asyncio-ts conformance: ${WITHOUT_ENV}: unknown need "gpu" (known: network, processes)\n`,
  );
});
