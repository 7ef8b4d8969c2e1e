/**
 * Text reports of a conformance run: totals by area, the table, the one-line JSON summary, and a
 * readable diff for each failure.
 */
import type { CaseResult, Status } from "./compare";

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  divergent: number;
  /** Not run: the machine lacks what the case needs (see needs.ts). */
  skipped: number;
}

export interface Summary extends Counts {
  /** By area, in the order areas first appear in the results (results are sorted by area). */
  areas: Record<string, Counts>;
}

const zero = (): Counts => ({ total: 0, passed: 0, failed: 0, divergent: 0, skipped: 0 });

export function summarize(results: readonly CaseResult[]): Summary {
  const summary: Summary = { ...zero(), areas: {} };
  for (const r of results) {
    const area = (summary.areas[r.area] ??= zero());
    for (const c of [summary, area]) {
      c.total++;
      c[r.status]++;
    }
  }
  return summary;
}

/**
 * The `--json` line, exactly:
 * `{"total":N,"passed":N,"failed":N,"divergent":N,"areas":{"<area>":{"total":N,"passed":N}}}`,
 * with `"skipped":N` after `"divergent"` only when some case was skipped.
 */
export function jsonSummaryLine(summary: Summary): string {
  const areas: Record<string, { total: number; passed: number }> = {};
  for (const [name, c] of Object.entries(summary.areas))
    areas[name] = { total: c.total, passed: c.passed };
  return JSON.stringify({
    total: summary.total,
    passed: summary.passed,
    failed: summary.failed,
    divergent: summary.divergent,
    ...(summary.skipped > 0 ? { skipped: summary.skipped } : {}),
    areas,
  });
}

/**
 * The table by area: area, total, passed, failed, divergent (and skipped, when some case was),
 * and a total row.
 */
export function summaryTable(summary: Summary): string {
  const withSkipped = summary.skipped > 0;
  const rows: string[][] = [
    ["area", "total", "passed", "failed", "divergent", ...(withSkipped ? ["skipped"] : [])],
  ];
  const row = (name: string, c: Counts) => [
    name,
    ...[c.total, c.passed, c.failed, c.divergent, ...(withSkipped ? [c.skipped] : [])].map(String),
  ];
  for (const [name, c] of Object.entries(summary.areas)) rows.push(row(name, c));
  rows.push(row("all", summary));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [
    fmt(rows[0]!),
    rule,
    ...rows.slice(1, -1).map(fmt),
    rule,
    fmt(rows[rows.length - 1]!),
  ].join("\n");
}

const STATUS_LABEL: Record<Status, string> = {
  passed: "PASS",
  failed: "FAIL",
  divergent: "DIVERGENT",
  skipped: "SKIP",
};

export function statusLabel(status: Status): string {
  return STATUS_LABEL[status];
}

export interface Colors {
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

const ansi = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
export const COLORS: Colors = {
  red: ansi("31"),
  green: ansi("32"),
  yellow: ansi("33"),
  bold: ansi("1"),
  dim: ansi("2"),
};
const id = (s: string) => s;
export const NO_COLORS: Colors = { red: id, green: id, yellow: id, bold: id, dim: id };

/** Colour the lines of a diff: `-` red, `+` green, `@@` dim. */
function colorDiff(text: string, colors: Colors): string {
  return text
    .split("\n")
    .map((l) => {
      if (l.startsWith("---") || l.startsWith("+++")) return colors.bold(l);
      if (l.startsWith("-")) return colors.red(l);
      if (l.startsWith("+")) return colors.green(l);
      if (l.startsWith("@@")) return colors.dim(l);
      return l;
    })
    .join("\n");
}

/** Indent every line of a block. */
const indent = (text: string, by = "    ") =>
  text
    .split("\n")
    .map((l) => by + l)
    .join("\n");

/** One case's differences, readable: a header, then a summary and diff per mismatch. */
export function caseDetails(r: CaseResult, colors: Colors = NO_COLORS): string {
  const badge = r.status === "failed" ? colors.red("FAILED") : colors.yellow("DIVERGENT");
  const out = [`${badge} ${colors.bold(`${r.area}/${r.name}`)}: ${r.description}`];
  if (r.divergence)
    out.push(`  documented divergence (${r.divergence.doc}): ${r.divergence.reason}`);
  for (const m of r.mismatches) {
    out.push(`  ${m.summary}`);
    if (m.detail !== "") out.push(indent(colorDiff(m.detail, colors)));
  }
  return out.join("\n");
}

/** The failures, then the divergent and the skipped cases (one line each unless `verbose`). */
export function failureReport(
  results: readonly CaseResult[],
  colors: Colors = NO_COLORS,
  verbose = false,
): string {
  const blocks: string[] = [];
  for (const r of results) if (r.status === "failed") blocks.push(caseDetails(r, colors));
  const divergent = results.filter((r) => r.status === "divergent");
  if (verbose) {
    for (const r of divergent) blocks.push(caseDetails(r, colors));
  } else if (divergent.length > 0) {
    blocks.push(
      [
        colors.yellow(`${divergent.length} divergent case(s) (documented in docs/DIFFERENCES.md):`),
        ...divergent.map((r) => `  ${r.area}/${r.name}: ${r.divergence?.doc ?? ""}`),
      ].join("\n"),
    );
  }
  const skipped = results.filter((r) => r.status === "skipped");
  if (skipped.length > 0) {
    blocks.push(
      [
        colors.dim(`${skipped.length} skipped case(s) (this machine lacks what they need):`),
        ...skipped.map((r) => `  ${r.area}/${r.name}: ${r.skipReason ?? ""}`),
      ].join("\n"),
    );
  }
  return blocks.join("\n\n");
}

/** The whole text report: the table by area, the failures' diffs, then one verdict line. */
export function textReport(
  results: readonly CaseResult[],
  colors: Colors = NO_COLORS,
  verbose = false,
): string {
  const summary = summarize(results);
  const parts: string[] = [summaryTable(summary), ""];
  const details = failureReport(results, colors, verbose);
  if (details !== "") parts.push(details, "");
  const skipped = summary.skipped > 0 ? `, ${summary.skipped} skipped` : "";
  const verdict = `${summary.total} cases: ${summary.passed} passed, ${summary.failed} failed, ${summary.divergent} divergent${skipped}`;
  parts.push(summary.failed === 0 ? colors.green(verdict) : colors.red(verdict));
  return parts.join("\n");
}
