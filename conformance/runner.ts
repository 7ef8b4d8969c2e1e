/**
 * The conformance runner: each case is transpiled and run on our runtime (one
 * `node bin/asyncio-ts.js run main.py ARGS...` process per case, with the case folder as cwd and
 * the case's stdin and timeout), and judged against its expected.json. Cases run in a pool of
 * `jobs` concurrent processes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CaseFilter, type CaseRef, findCases, type LoadedCase, loadCase } from "./cases";
import { type CaseResult, judgeCase, skippedCase } from "./compare";
import { cliScript, lastNonBlankLine, runOurs, runProcess, transpileToText } from "./execute";
import { availableNeeds, missingNeeds, type Need } from "./needs";

/**
 * Time allowed on top of a case's own timeout, for starting Node and transpiling (which CPython's
 * recording does not include).
 */
export const STARTUP_ALLOWANCE_MS = 5_000;

export interface SuiteOptions {
  /** The repository root (holds bin/asyncio-ts.js). */
  root: string;
  /** Defaults to `<root>/fixtures`. */
  fixturesDir?: string;
  filter?: CaseFilter;
  /** Concurrent cases (default: the number of CPUs). */
  jobs?: number;
  /** Also read main.py and transpile it to TypeScript (for the HTML report). */
  withSources?: boolean;
  /** Time allowed on top of each case's timeout (default {@link STARTUP_ALLOWANCE_MS}). */
  startupAllowanceMs?: number;
  /**
   * What the machine provides for cases with `needs` (default: probed once, see needs.ts, and
   * only when a selected case has needs). Cases needing anything else are skipped.
   */
  available?: ReadonlySet<Need>;
  /** Called as each case finishes. */
  onResult?: (result: CaseResult, done: number, total: number) => void;
}

export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Run `fn` on every item with at most `limit` running at once; results keep the items' order. */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Run one loaded case on our runtime and judge it. */
export async function runCase(
  root: string,
  c: LoadedCase,
  options: { withSources?: boolean; startupAllowanceMs?: number } = {},
): Promise<CaseResult> {
  const label = `${c.area}-${c.name}`;
  const timeoutMs = c.meta.timeout * 1000 + (options.startupAllowanceMs ?? STARTUP_ALLOWANCE_MS);
  const actual = await runOurs({
    root,
    cwd: c.dir,
    script: "main.py",
    args: c.meta.args,
    stdin: c.meta.stdin,
    timeoutMs,
    label,
  });
  const result = judgeCase(c, actual);
  if (options.withSources) {
    result.source = fs.readFileSync(path.join(c.dir, "main.py"), "utf8");
    const t = await transpileToText({ root, cwd: c.dir, script: "main.py", timeoutMs, label });
    result.typescript = t.typescript;
    result.transpileError = t.error;
  }
  return result;
}

/**
 * Check that the asyncio-ts CLI can start (`node bin/asyncio-ts.js --version`): null when it can,
 * else why not (e.g. dist/ missing or older than the sources), so that a broken build is reported
 * once rather than as every case failing.
 */
export async function checkCli(root: string): Promise<string | null> {
  const bin = cliScript(root);
  if (!fs.existsSync(bin)) return `${bin} does not exist`;
  const r = await runProcess({
    command: process.execPath,
    args: [bin, "--version"],
    cwd: root,
    timeoutMs: 60_000,
  });
  if (r.spawnError) return r.spawnError;
  if (r.timedOut) return `${bin} --version timed out`;
  if (r.exitCode !== 0)
    return lastNonBlankLine(r.stderr) || `${bin} --version exited ${r.exitCode}`;
  return null;
}

/** The cases a filter selects. */
export function selectCases(
  options: Pick<SuiteOptions, "root" | "fixturesDir" | "filter">,
): CaseRef[] {
  return findCases(
    options.fixturesDir ?? path.join(options.root, "fixtures"),
    options.filter ?? {},
  );
}

/** Run the selected cases; results are in case order (by area, then name). */
export async function runSuite(options: SuiteOptions): Promise<CaseResult[]> {
  const cases = selectCases(options).map(loadCase);
  const available =
    options.available ??
    (cases.some((c) => c.meta.needs.length > 0) ? await availableNeeds() : new Set<Need>());
  let done = 0;
  return mapPool(cases, options.jobs ?? defaultJobs(), async (c) => {
    const missing = missingNeeds(c.meta.needs, available);
    const result =
      missing.length > 0 ? skippedCase(c, missing) : await runCase(options.root, c, options);
    options.onResult?.(result, ++done, cases.length);
    return result;
  });
}
