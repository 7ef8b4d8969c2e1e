import * as fs from "node:fs";
import * as path from "node:path";
import {
  AREAS,
  CaseSchema,
  ExpectedSchema,
  formatIssues,
  MIN_CASES_PER_AREA,
  MIN_CASES_TOTAL,
  parseTrace,
  TraceEventSchema,
} from "../../conformance/schema";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures");

interface FixtureCase {
  area: string;
  name: string;
  dir: string;
}

function listCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const area of fs.readdirSync(FIXTURES).sort()) {
    const areaDir = path.join(FIXTURES, area);
    if (!fs.statSync(areaDir).isDirectory()) continue;
    for (const name of fs.readdirSync(areaDir).sort()) {
      const dir = path.join(areaDir, name);
      if (fs.statSync(dir).isDirectory()) cases.push({ area, name, dir });
    }
  }
  return cases;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const cases = listCases();

describe("fixture inventory", () => {
  test("every area folder is a known area", () => {
    const unknown = [...new Set(cases.map((c) => c.area))].filter(
      (a) => !(AREAS as readonly string[]).includes(a),
    );
    expect(unknown).toEqual([]);
  });

  test.each(AREAS.map((a) => [a]))("area %s has at least the minimum number of cases", (area) => {
    const count = cases.filter((c) => c.area === area).length;
    expect(count).toBeGreaterThanOrEqual(MIN_CASES_PER_AREA);
  });

  test("the suite has at least the minimum number of cases in total", () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES_TOTAL);
  });

  test("every case has main.py, case.json and expected.json", () => {
    const missing = cases.flatMap((c) =>
      ["main.py", "case.json", "expected.json"]
        .filter((f) => !fs.existsSync(path.join(c.dir, f)))
        .map((f) => `${c.area}/${c.name}/${f}`),
    );
    expect(missing).toEqual([]);
  });

  test("case folder names are snake_case identifiers", () => {
    const bad = cases.filter((c) => !/^[a-z][a-z0-9_]*$/.test(c.name)).map((c) => c.name);
    expect(bad).toEqual([]);
  });
});

describe("every fixture validates", () => {
  test.each(cases.map((c) => [`${c.area}/${c.name}`, c]))("%s", (_label, c) => {
    const fc = c as FixtureCase;
    const meta = CaseSchema.safeParse(readJson(path.join(fc.dir, "case.json")));
    if (!meta.success) throw new Error(`case.json: ${formatIssues(meta.error)}`);
    const expected = ExpectedSchema.safeParse(readJson(path.join(fc.dir, "expected.json")));
    if (!expected.success) throw new Error(`expected.json: ${formatIssues(expected.error)}`);
    expect(expected.data.python).toBe("3.13.0");
    if (!meta.data.trace) expect(expected.data.trace).toEqual([]);
    // A program that ends with an uncaught exception or sys.exit(msg) says why on stderr.
    if (expected.data.exit_code === 1) expect(expected.data.stderr_last_line).not.toBe("");
    const lines = fs.readFileSync(path.join(fc.dir, "main.py"), "utf8").split("\n");
    expect(lines.length).toBeLessThanOrEqual(80);
  });
});

describe("CaseSchema", () => {
  test("fills in defaults", () => {
    const parsed = CaseSchema.parse({ description: "minimal" });
    expect(parsed).toEqual({
      description: "minimal",
      args: [],
      stdin: null,
      timeout: 10,
      needs: [],
      divergence: null,
      trace: true,
    });
  });

  test("accepts a full case with a divergence", () => {
    const parsed = CaseSchema.parse({
      description: "full",
      args: ["a", "b"],
      stdin: "line\n",
      timeout: 2.5,
      needs: ["network"],
      divergence: { reason: "GC timing", doc: "DIFFERENCES.md#never-retrieved" },
      trace: false,
    });
    expect(parsed.needs).toEqual(["network"]);
    expect(parsed.divergence?.doc).toBe("DIFFERENCES.md#never-retrieved");
  });

  test("rejects a missing description with a message naming the field", () => {
    const result = CaseSchema.safeParse({ args: [] });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toMatch(/^description: /);
  });

  test("rejects wrong types with the path of the bad value", () => {
    const result = CaseSchema.safeParse({ description: "x", args: ["ok", 3], timeout: -1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      const message = formatIssues(result.error);
      expect(message).toContain("args.1:");
      expect(message).toContain("timeout:");
    }
  });

  test("rejects unknown needs and unknown keys", () => {
    const needs = CaseSchema.safeParse({ description: "x", needs: ["gpu"] });
    expect(needs.success).toBe(false);
    if (!needs.success) expect(formatIssues(needs.error)).toContain("needs.0:");
    const extra = CaseSchema.safeParse({ description: "x", tiemout: 3 });
    expect(extra.success).toBe(false);
    if (!extra.success) expect(formatIssues(extra.error)).toContain("tiemout");
  });

  test("rejects a divergence without a DIFFERENCES.md anchor", () => {
    const result = CaseSchema.safeParse({
      description: "x",
      divergence: { reason: "why", doc: "somewhere" },
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toContain("divergence.doc:");
  });
});

describe("ExpectedSchema and TraceEventSchema", () => {
  const good = {
    python: "3.13.0",
    stdout: "hi\n",
    exit_code: 0,
    stderr_last_line: "",
    trace: [
      { ev: "step", task: "Task-1", coro: "main" },
      { ev: "cb", fn: "asyncio" },
    ],
  };

  test("accepts a well-formed record", () => {
    expect(ExpectedSchema.parse(good).trace).toHaveLength(2);
  });

  test("rejects a float exit code and a multi-line stderr_last_line", () => {
    const result = ExpectedSchema.safeParse({ ...good, exit_code: 1.5, stderr_last_line: "a\nb" });
    expect(result.success).toBe(false);
    if (!result.success) {
      const message = formatIssues(result.error);
      expect(message).toContain("exit_code:");
      expect(message).toContain("stderr_last_line: must be a single line");
    }
  });

  test("rejects trace events of an unknown kind or with missing fields", () => {
    expect(TraceEventSchema.safeParse({ ev: "io", fd: 3 }).success).toBe(false);
    expect(TraceEventSchema.safeParse({ ev: "step", task: "Task-1" }).success).toBe(false);
    expect(TraceEventSchema.safeParse({ ev: "cb", fn: "f", extra: 1 }).success).toBe(false);
    const result = ExpectedSchema.safeParse({ ...good, trace: [{ ev: "cb" }] });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toContain("trace.0");
  });

  test("parseTrace reads JSON Lines and reports the bad line", () => {
    const text = '{"ev":"step","task":"Task-1","coro":"main"}\n\n{"ev":"cb","fn":"print"}\n';
    expect(parseTrace(text)).toEqual([
      { ev: "step", task: "Task-1", coro: "main" },
      { ev: "cb", fn: "print" },
    ]);
    expect(() => parseTrace('{"ev":"cb","fn":"x"}\n{"ev":"step"}\n')).toThrow(/^trace line 2: /);
  });
});
