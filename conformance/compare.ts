/**
 * Comparing what our runtime did with what CPython recorded.
 *
 * Level 1: stdout, exit code and the last non-blank stderr line. Level 2: the scheduling trace,
 * event by event (only for cases whose `trace` flag is true). A case that differs is "failed",
 * unless its case.json documents a `divergence`: then it is "divergent".
 */
import type { LoadedCase } from "./cases";
import { firstDifferingLine, traceDiff, unifiedDiff } from "./diff";
import type { RunOutput } from "./execute";
import type { Case, Expected, TraceEvent } from "./schema";

/** The part of a run that is compared. */
export interface Observed {
  stdout: string;
  exit_code: number;
  stderr_last_line: string;
  trace: readonly TraceEvent[];
}

export type MismatchKind = "case" | "run" | "stdout" | "exit_code" | "stderr_last_line" | "trace";

/** One way in which a run differs from its expectation. */
export interface Mismatch {
  kind: MismatchKind;
  /** 1 for output, 2 for the trace, 0 when the case could not be compared at all. */
  level: 0 | 1 | 2;
  /** One line, e.g. "stdout differs at line 3". */
  summary: string;
  /** Details: a unified diff, or the first differing trace event with context ("" if none). */
  detail: string;
}

/** "skipped": the case needs something this machine lacks (see needs.ts); it was not run. */
export type Status = "passed" | "failed" | "divergent" | "skipped";

const quote = (s: string | null) => (s === null ? "(no line)" : JSON.stringify(s));

/** Compare two observations; `trace` says whether level 2 applies. Empty when they agree. */
export function compareObserved(
  expected: Observed,
  actual: Observed,
  options: { trace: boolean; labels?: [string, string]; maxHunks?: number },
): Mismatch[] {
  const labels = options.labels ?? ["expected", "actual"];
  const out: Mismatch[] = [];
  const first = firstDifferingLine(expected.stdout, actual.stdout);
  if (first) {
    out.push({
      kind: "stdout",
      level: 1,
      summary: `stdout differs at line ${first.line}: ${labels[0]} ${quote(first.expected)}, ${labels[1]} ${quote(first.actual)}`,
      detail: unifiedDiff(expected.stdout, actual.stdout, {
        labels,
        maxHunks: options.maxHunks ?? 5,
      }),
    });
  }
  if (expected.exit_code !== actual.exit_code) {
    out.push({
      kind: "exit_code",
      level: 1,
      summary: `exit code: ${labels[0]} ${expected.exit_code}, ${labels[1]} ${actual.exit_code}`,
      detail: "",
    });
  }
  if (expected.stderr_last_line !== actual.stderr_last_line) {
    out.push({
      kind: "stderr_last_line",
      level: 1,
      summary: "last stderr line differs",
      detail: [
        `--- ${labels[0]}`,
        `+++ ${labels[1]}`,
        `-${expected.stderr_last_line}`,
        `+${actual.stderr_last_line}`,
      ].join("\n"),
    });
  }
  if (options.trace) {
    const diff = traceDiff(expected.trace, actual.trace, { labels });
    if (diff !== "") {
      const [first, ...rest] = diff.split("\n");
      out.push({ kind: "trace", level: 2, summary: `trace: ${first}`, detail: rest.join("\n") });
    }
  }
  return out;
}

/** The result of one case. */
export interface CaseResult {
  area: string;
  name: string;
  dir: string;
  description: string;
  status: Status;
  /** The documented divergence, if any (reason and DIFFERENCES.md anchor). */
  divergence: Case["divergence"];
  /** Whether the trace was compared. */
  traced: boolean;
  expected: Expected | null;
  actual: RunOutput | null;
  mismatches: Mismatch[];
  durationMs: number;
  /** Why the case was not run (status "skipped"), e.g. "needs network". */
  skipReason?: string;
  /** For the HTML report. */
  source?: string;
  typescript?: string | null;
  transpileError?: string | null;
}

/** Judge one case from its loaded files and what our runtime did (null: it was not run). */
export function judgeCase(c: LoadedCase, actual: RunOutput | null): CaseResult {
  const mismatches: Mismatch[] = [];
  if (c.problem !== null) {
    mismatches.push({ kind: "case", level: 0, summary: c.problem, detail: "" });
  }
  if (actual?.error) {
    const stderrTail = actual.stderr.trimEnd().split("\n").slice(-10).join("\n");
    mismatches.push({ kind: "run", level: 0, summary: actual.error, detail: stderrTail });
  }
  if (c.expected !== null && actual !== null) {
    mismatches.push(...compareObserved(c.expected, actual, { trace: c.meta.trace }));
  }
  return {
    area: c.area,
    name: c.name,
    dir: c.dir,
    description: c.meta.description,
    status: statusOf(mismatches, c.meta.divergence),
    divergence: c.meta.divergence,
    traced: c.meta.trace,
    expected: c.expected,
    actual,
    mismatches,
    durationMs: actual?.durationMs ?? 0,
  };
}

/** The result of a case that was not run because the machine lacks `missing` (from case.json). */
export function skippedCase(c: LoadedCase, missing: readonly string[]): CaseResult {
  return {
    area: c.area,
    name: c.name,
    dir: c.dir,
    description: c.meta.description,
    status: "skipped",
    divergence: c.meta.divergence,
    traced: c.meta.trace,
    expected: c.expected,
    actual: null,
    mismatches: [],
    durationMs: 0,
    skipReason: `needs ${missing.join(" and ")}`,
  };
}

/**
 * "passed" when nothing differs; otherwise "divergent" when the case documents a divergence and
 * could be compared, else "failed". A broken case (bad case.json, no expected.json) always fails.
 */
export function statusOf(mismatches: readonly Mismatch[], divergence: Case["divergence"]): Status {
  if (mismatches.length === 0) return "passed";
  if (divergence && !mismatches.some((m) => m.kind === "case")) return "divergent";
  return "failed";
}
