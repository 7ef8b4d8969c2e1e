/**
 * The whole conformance suite: every fixture transpiled and run on asyncio-ts must match what
 * CPython 3.13.0 recorded (or differ only as its case.json documents). This runs the real runner,
 * as `asyncio-ts conformance --json --jobs 2` does, and fails with the runner's report.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../conformance/cases";
import { main } from "../../conformance/cli";
import { bufferIo } from "../../conformance/io";

const JOBS = "2";

test("the conformance suite has no failures", async () => {
  const root = repoRoot();
  const bin = path.join(root, "bin", "asyncio-ts.js");
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} does not exist yet: the conformance suite needs the asyncio-ts CLI`);
  }
  const io = bufferIo();
  const code = await main(["conformance", "--json", "--jobs", JOBS], io, root);
  if (io.out().trim() === "") {
    throw new Error(`the conformance runner printed no summary (exit code ${code}):\n${io.err()}`);
  }
  const lines = io.out().trimEnd().split("\n");
  const summary = JSON.parse(lines[lines.length - 1]!) as {
    total: number;
    passed: number;
    failed: number;
    divergent: number;
  };
  expect(summary.total).toBeGreaterThanOrEqual(250);
  // On failure, the message carries the runner's report (the table and each failure's diff).
  if (summary.failed > 0 || code !== 0) {
    const report = io.err().replace(/^\[\s*\d+\/\d+\] .*\n/gm, "");
    const shown =
      report.length > 40_000 ? `${report.slice(0, 40_000)}\n... (report truncated)` : report;
    throw new Error(
      `${summary.failed} of ${summary.total} conformance cases failed (exit code ${code}); ` +
        `${summary.passed} passed, ${summary.divergent} divergent.\n\n${shown}`,
    );
  }
  expect(summary.passed + summary.divergent).toBe(summary.total);
}, 1_200_000);
