/**
 * Python in -> output out, equal to CPython 3.13.0's (recorded in cases.ts by cases.py).
 *
 * Every case runs twice: at module level and as the body of a function, which catches scoping
 * bugs (a name that is global in one and local in the other). All cases of a mode run in one
 * child process (`driver` below) to keep the suite fast; each is its own program (its own file
 * and cache entry), and a marker line separates their outputs.
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CASES } from "./cases";
import { ensureBuilt, inFunction, runAll } from "./helpers";

/** Every case written as a file (at module level or inside a function) and run in one process. */
function runCases(
  mode: "module" | "function",
  dir: string,
): Map<string, { out: string; status: number }> {
  const files = CASES.map((c) => {
    const file = path.join(dir, mode, `${c.name}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, mode === "module" ? c.code : inFunction(c.code));
    return file;
  });
  const runs = runAll(dir, files);
  return new Map(CASES.map((c, i) => [c.name, runs[i]!]));
}

describe("transpiled programs print what CPython 3.13.0 prints", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-run-"));
  let module: Map<string, { out: string; status: number }>;
  let inFn: Map<string, { out: string; status: number }>;

  beforeAll(() => {
    ensureBuilt();
    module = runCases("module", dir);
    inFn = runCases("function", dir);
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
