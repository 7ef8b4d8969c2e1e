/**
 * Finding and loading the conformance cases: `fixtures/<area>/<case>/` with `main.py`,
 * `case.json` ({@link CaseSchema}) and `expected.json` ({@link ExpectedSchema}).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Case, CaseSchema, type Expected, ExpectedSchema, formatIssues } from "./schema";

/** The repository root: the nearest folder above this file with asyncio-ts's package.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "asyncio-ts") return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`asyncio-ts: no package.json of asyncio-ts above ${from}`);
    dir = parent;
  }
}

/** One case folder. */
export interface CaseRef {
  area: string;
  name: string;
  /** Absolute path of the case folder. */
  dir: string;
}

/** A case with its parsed files; `problem` says why it cannot be judged (bad or missing file). */
export interface LoadedCase extends CaseRef {
  meta: Case;
  expected: Expected | null;
  problem: string | null;
}

export interface CaseFilter {
  area?: string;
  case?: string;
}

/** The case folders under `fixturesDir` (sorted by area, then case), optionally filtered. */
export function findCases(fixturesDir: string, filter: CaseFilter = {}): CaseRef[] {
  const cases: CaseRef[] = [];
  if (!fs.existsSync(fixturesDir)) return cases;
  for (const area of fs.readdirSync(fixturesDir).sort()) {
    const areaDir = path.join(fixturesDir, area);
    if (!fs.statSync(areaDir).isDirectory() || (filter.area && area !== filter.area)) continue;
    for (const name of fs.readdirSync(areaDir).sort()) {
      if (filter.case && name !== filter.case) continue;
      const dir = path.join(areaDir, name);
      if (fs.existsSync(path.join(dir, "case.json")) && fs.existsSync(path.join(dir, "main.py"))) {
        cases.push({ area, name, dir });
      }
    }
  }
  return cases;
}

const DEFAULT_META: Case = CaseSchema.parse({ description: "(unreadable case.json)" });

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Parse a case's case.json and expected.json; problems are reported, not thrown. */
export function loadCase(ref: CaseRef): LoadedCase {
  let meta = DEFAULT_META;
  const problems: string[] = [];
  try {
    const parsed = CaseSchema.safeParse(readJson(path.join(ref.dir, "case.json")));
    if (parsed.success) meta = parsed.data;
    else problems.push(`case.json: ${formatIssues(parsed.error)}`);
  } catch (err) {
    problems.push(`case.json: ${(err as Error).message}`);
  }
  let expected: Expected | null = null;
  const expectedFile = path.join(ref.dir, "expected.json");
  if (!fs.existsSync(expectedFile)) {
    problems.push("no expected.json (record it with --refresh)");
  } else {
    try {
      const parsed = ExpectedSchema.safeParse(readJson(expectedFile));
      if (parsed.success) expected = parsed.data;
      else problems.push(`expected.json: ${formatIssues(parsed.error)}`);
    } catch (err) {
      problems.push(`expected.json: ${(err as Error).message}`);
    }
  }
  return { ...ref, meta, expected, problem: problems.length > 0 ? problems.join("; ") : null };
}
