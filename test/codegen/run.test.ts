/**
 * Python in -> output out, equal to CPython 3.13.0's (recorded in cases.ts by cases.py).
 *
 * Every case runs twice: at module level and as the body of a function, which catches scoping
 * bugs (a name that is global in one and local in the other). All cases of a mode run in one
 * child process (`driver` below) to keep the suite fast; each is its own program (its own file
 * and cache entry), and a marker line separates their outputs.
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CASES } from "./cases";
import { childEnv, ensureBuilt, inFunction, ROOT } from "./helpers";

const MARK = "\u0001case-end\u0001";

/** Runs each file with the compiled run API, printing MARK + exit status after each. */
const DRIVER = `
const { runFile } = require(${JSON.stringify(path.join(ROOT, "dist", "codegen", "run.js"))});
(async () => {
  for (const f of process.argv.slice(1)) {
    let status;
    try { status = await runFile(f, []); } catch (e) { process.stderr.write(String(e && e.message) + "\\n"); status = 99; }
    process.stdout.write(${JSON.stringify(MARK)} + status + "\\n");
  }
})();
`;

function runAll(
  mode: "module" | "function",
  dir: string,
): Map<string, { out: string; status: number }> {
  const files = CASES.map((c) => {
    const file = path.join(dir, mode, `${c.name}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, mode === "module" ? c.code : inFunction(c.code));
    return file;
  });
  const r = spawnSync(process.execPath, ["-e", DRIVER, ...files], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
    timeout: 90_000,
  });
  const results = new Map<string, { out: string; status: number }>();
  const parts = r.stdout.split(MARK);
  CASES.forEach((c, i) => {
    const part = parts[i] ?? "";
    // Each part after the first starts with the previous case's status line.
    const text = i === 0 ? part : part.slice(part.indexOf("\n") + 1);
    const next = parts[i + 1] ?? "";
    results.set(c.name, { out: text, status: Number.parseInt(next, 10) });
  });
  if (r.stderr) results.set("$stderr", { out: r.stderr, status: 0 });
  return results;
}

describe("transpiled programs print what CPython 3.13.0 prints", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-run-"));
  let module: Map<string, { out: string; status: number }>;
  let inFn: Map<string, { out: string; status: number }>;

  beforeAll(() => {
    ensureBuilt();
    module = runAll("module", dir);
    inFn = runAll("function", dir);
  }, 120_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    test(`${c.name} at module level`, () => {
      const r = module.get(c.name)!;
      expect(r.out).toBe(c.expected);
      expect(r.status).toBe(0);
    });
    test(`${c.name} inside a function`, () => {
      const r = inFn.get(c.name)!;
      expect(r.out).toBe(c.expectedInFunction ?? c.expected);
      expect(r.status).toBe(0);
    });
  }
});
