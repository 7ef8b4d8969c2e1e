/**
 * Synthetic fixtures for the conformance runner's tests: a temporary "repository" whose
 * bin/asyncio-ts.js (and, optionally, a fake python) replay what each case folder's
 * `fake.json` says, so the runner's whole pipeline (spawn, cwd, args, stdin, trace file, timeout,
 * judging, pool) is tested without the transpiler or CPython.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { CaseResult } from "../../conformance/compare";
import type { RunOutput } from "../../conformance/execute";
import type { Expected, TraceEvent } from "../../conformance/schema";

/** What a fake program does: its output, exit code and trace; optionally it echoes or hangs. */
export interface FakeBehaviour {
  stdout?: string;
  stderr?: string;
  exit_code?: number;
  trace?: TraceEvent[];
  /** Append a line `args=[...] stdin="..."` to stdout. */
  echo?: boolean;
  /** Never exit. */
  hang?: boolean;
}

/** Replays `fake.json` (or, as python, `fake_cpython.json`) from the working directory. */
const FAKE_PROGRAM = `
const fs = require("node:fs");
function replay(spec, traceFile, args) {
  if (traceFile) fs.writeFileSync(traceFile, (spec.trace || []).map((e) => JSON.stringify(e) + "\\n").join(""));
  let out = spec.stdout || "";
  if (spec.echo) out += "args=" + JSON.stringify(args) + " stdin=" + JSON.stringify(fs.readFileSync(0, "utf8")) + "\\n";
  process.stdout.write(out);
  process.stderr.write(spec.stderr || "");
  if (spec.hang) setInterval(() => {}, 1000);
  else process.exitCode = spec.exit_code || 0;
}
`;

const FAKE_BIN = `#!/usr/bin/env node
${FAKE_PROGRAM}
const [cmd, script, ...rest] = process.argv.slice(2);
if (cmd === "--version") {
  process.stdout.write("asyncio-ts 0.0.0-fake\\n");
} else if (cmd === "transpile") {
  const out = rest[rest.indexOf("-o") + 1];
  fs.writeFileSync(out, "// generated from " + script + "\\nconst x: Array<number> = [1 < 2 ? 1 : 2];\\n");
} else if (cmd === "run") {
  replay(JSON.parse(fs.readFileSync("fake.json", "utf8")), process.env.ASYNCIO_TS_TRACE, rest);
} else {
  process.stderr.write("fake asyncio-ts: unknown command " + cmd + "\\n");
  process.exitCode = 2;
}
`;

const FAKE_PYTHON = `#!/usr/bin/env node
${FAKE_PROGRAM}
const argv = process.argv.slice(2);
if (argv[0] === "-c") {
  process.stdout.write((process.env.FAKE_PYTHON_VERSION || "CPython 3.13.0") + "\\n");
} else {
  const [_tracer, traceFile, _script, ...rest] = argv;
  replay(JSON.parse(fs.readFileSync("fake_cpython.json", "utf8")), traceFile, rest);
}
`;

export interface FakeCase {
  area: string;
  name: string;
  /** case.json (description defaults to the name). */
  meta?: Record<string, unknown>;
  /** expected.json; omit to leave the case without a record. */
  expected?: Partial<Expected> | null;
  /** What the fake asyncio-ts run does. */
  ours: FakeBehaviour;
  source?: string;
}

export function expectedOf(b: FakeBehaviour): Expected {
  return {
    python: "3.13.0",
    stdout: b.stdout ?? "",
    exit_code: b.exit_code ?? 0,
    stderr_last_line: "",
    trace: b.trace ?? [],
  };
}

/** Make a temporary repository with a fake bin/asyncio-ts.js and the given fixtures. */
export function makeFakeRepo(cases: FakeCase[]): {
  root: string;
  python: string;
  cleanup: () => void;
} {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-fake-repo-"));
  fs.mkdirSync(path.join(root, "bin"));
  fs.mkdirSync(path.join(root, "conformance"));
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "asyncio-ts" }));
  fs.writeFileSync(path.join(root, "bin", "asyncio-ts.js"), FAKE_BIN, { mode: 0o755 });
  const python = path.join(root, "fake-python");
  fs.writeFileSync(python, FAKE_PYTHON, { mode: 0o755 });
  fs.writeFileSync(path.join(root, "conformance", "trace_cpython.py"), "# fake\n");
  for (const c of cases) {
    const dir = path.join(root, "fixtures", c.area, c.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "main.py"), c.source ?? `print("${c.name}")\n`);
    fs.writeFileSync(
      path.join(dir, "case.json"),
      JSON.stringify({ description: c.name, ...c.meta }),
    );
    if (c.expected !== null) {
      fs.writeFileSync(
        path.join(dir, "expected.json"),
        JSON.stringify({ ...expectedOf({}), ...c.expected }),
      );
    }
    fs.writeFileSync(path.join(dir, "fake.json"), JSON.stringify(c.ours));
  }
  return { root, python, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export const TRACE: TraceEvent[] = [
  { ev: "step", task: "Task-1", coro: "main" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "worker", coro: "work" },
  { ev: "cb", fn: "on_done" },
  { ev: "step", task: "Task-1", coro: "main" },
  { ev: "step", task: "Task-2", coro: "BaseEventLoop.shutdown_asyncgens" },
  { ev: "cb", fn: "asyncio" },
];

/** A run output for synthetic results. */
export function runOutput(o: Partial<RunOutput> = {}): RunOutput {
  return {
    stdout: "",
    exit_code: 0,
    stderr_last_line: "",
    stderr: "",
    trace: [],
    error: null,
    durationMs: 5,
    ...o,
  };
}

/** A synthetic case result. */
export function caseResult(
  o: Partial<CaseResult> & Pick<CaseResult, "area" | "name" | "status">,
): CaseResult {
  return {
    dir: `/fixtures/${o.area}/${o.name}`,
    description: `the ${o.name} case`,
    divergence: null,
    traced: true,
    expected: expectedOf({}),
    actual: runOutput(),
    mismatches: [],
    durationMs: 5,
    ...o,
  };
}
