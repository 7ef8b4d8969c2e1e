/**
 * Every conformance fixture's generated TypeScript type-checks (`asyncio-ts typecheck`), as the
 * transpiler promises for every program it accepts. The conformance suite runs the fixtures; this
 * test type-checks them, all in one TypeScript program (about 30 s for 400 programs).
 *
 * Each single-file fixture is copied under a name of its own (`tasks_gather_order.py`), since
 * the checker names its reports by file. KNOWN lists the fixtures that do not type-check yet,
 * with the reason: the test fails when one of them starts to type-check (take it off the list)
 * as well as when another stops.
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt, ROOT } from "./helpers";

const KNOWN: Record<string, string> = {
  // `asyncio.ensure_future(123)`, to show its TypeError: a bigint where the API's TypeScript
  // type wants a future or coroutine.
  futures_ensure_future_identity: "TS2345",
};

test("every conformance fixture's generated TypeScript type-checks", () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-fixtures-tc-"));
  try {
    const fixtures = path.join(ROOT, "fixtures");
    const names: string[] = [];
    for (const group of fs.readdirSync(fixtures).sort()) {
      const groupDir = path.join(fixtures, group);
      if (!fs.statSync(groupDir).isDirectory()) continue;
      for (const c of fs.readdirSync(groupDir).sort()) {
        const caseDir = path.join(groupDir, c);
        const pys = fs.existsSync(caseDir)
          ? fs.readdirSync(caseDir).filter((f) => f.endsWith(".py"))
          : [];
        // A program of several modules keeps its folder (sibling imports): not renamed here.
        if (pys.length !== 1 || pys[0] !== "main.py") continue;
        const name = `${group}_${c}`;
        fs.copyFileSync(path.join(caseDir, "main.py"), path.join(dir, `${name}.py`));
        names.push(name);
      }
    }
    expect(names.length).toBeGreaterThan(300);
    const r = cli(dir, ["typecheck", ...names.map((n) => path.join(dir, `${n}.py`))]);
    const failing = new Map<string, Set<string>>();
    for (const lineText of `${r.out}${r.err}`.split("\n")) {
      const m = /^(\w+)\.ts\(\d+,\d+\): error (TS\d+)/.exec(lineText);
      if (m === null) continue;
      if (!failing.has(m[1]!)) failing.set(m[1]!, new Set());
      failing.get(m[1]!)!.add(m[2]!);
    }
    const report = Object.fromEntries([...failing].map(([k, v]) => [k, [...v].sort().join(",")]));
    expect(report).toEqual(KNOWN);
    // Every other fixture was reported as checked.
    for (const n of names) if (!(n in KNOWN)) expect(r.out).toContain(`${n}.ts: ok\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
