/**
 * Line diffs for the conformance reports: a unified diff of two texts, and the first difference
 * between two scheduling traces with a few events of context.
 */
import type { TraceEvent } from "./schema";

/** One line of an edit script: kept (" "), removed from expected ("-"), added in actual ("+"). */
export interface DiffLine {
  op: " " | "-" | "+";
  text: string;
  /** 1-based line number in `a` (for " " and "-") or `b` (for "+"). */
  aLine: number;
  bLine: number;
}

/** The middle of the longest-common-subsequence table is capped at this many cells. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * The edit script turning `a` into `b`: common prefix and suffix kept, the middle aligned by a
 * longest common subsequence (or, when it is too large, replaced as a block).
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ op: " ", text: a[i]!, aLine: i + 1, bLine: i + 1 });
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_LCS_CELLS) {
    for (let i = start; i < endA; i++) out.push({ op: "-", text: a[i]!, aLine: i + 1, bLine: 0 });
    for (let j = start; j < endB; j++) out.push({ op: "+", text: b[j]!, aLine: 0, bLine: j + 1 });
  } else {
    // lcs[i][j] = LCS length of a[start+i..endA) and b[start+j..endB).
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * width + j + 1]! + 1
            : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ op: " ", text: a[start + i]!, aLine: start + i + 1, bLine: start + j + 1 });
        i++;
        j++;
      } else if (j >= m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
        out.push({ op: "-", text: a[start + i]!, aLine: start + i + 1, bLine: 0 });
        i++;
      } else {
        out.push({ op: "+", text: b[start + j]!, aLine: 0, bLine: start + j + 1 });
        j++;
      }
    }
  }
  const shift = b.length - a.length;
  for (let i = endA; i < a.length; i++) {
    out.push({ op: " ", text: a[i]!, aLine: i + 1, bLine: i + 1 + shift });
  }
  return out;
}

/** Split a text into lines; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Show control characters and a missing final newline, so that outputs differing only in
 * whitespace are visibly different: a trailing space or tab and a carriage return are marked.
 */
function visible(line: string): string {
  return line
    .replace(/\r/g, "\\r")
    .replace(/[ \t]+$/, (ws) => ws.replace(/ /g, "·").replace(/\t/g, "→"));
}

export interface UnifiedDiffOptions {
  /** Lines of context around each change (default 3). */
  context?: number;
  /** Labels of the two sides (default "expected" and "actual"). */
  labels?: [string, string];
  /** Show at most this many hunks, then say how many were left out. */
  maxHunks?: number;
}

/**
 * A unified diff (`--- expected`, `+++ actual`, `@@ -a,n +b,m @@` hunks) of two texts, or "" when
 * they are equal. A difference in the final newline alone is reported as such.
 */
export function unifiedDiff(
  expected: string,
  actual: string,
  options: UnifiedDiffOptions = {},
): string {
  if (expected === actual) return "";
  const [la, lb] = options.labels ?? ["expected", "actual"];
  const a = splitLines(expected);
  const b = splitLines(actual);
  const header = [`--- ${la}`, `+++ ${lb}`];
  const lines = diffLines(a, b);
  if (lines.every((l) => l.op === " ")) {
    const which = (s: string) =>
      s.endsWith("\n") ? "ends with a newline" : "has no final newline";
    return [...header, `(same lines; ${la} ${which(expected)}, ${lb} ${which(actual)})`].join("\n");
  }
  const hunks = hunksOf(lines, options.context ?? 3);
  const max = options.maxHunks ?? Number.POSITIVE_INFINITY;
  const out = [...header];
  for (const hunk of hunks.slice(0, max)) out.push(...hunk);
  if (hunks.length > max) out.push(`... ${hunks.length - max} more differing region(s)`);
  const missingNewline = (s: string, label: string) =>
    s !== "" && !s.endsWith("\n") ? [`\\ No newline at end of ${label}`] : [];
  out.push(...missingNewline(expected, la), ...missingNewline(actual, lb));
  return out.join("\n");
}

function hunksOf(lines: DiffLine[], context: number): string[][] {
  const changed: number[] = [];
  lines.forEach((l, i) => {
    if (l.op !== " ") changed.push(i);
  });
  const hunks: string[][] = [];
  let k = 0;
  while (k < changed.length) {
    const from = Math.max(0, changed[k]! - context);
    let to = Math.min(lines.length, changed[k]! + context + 1);
    k++;
    while (k < changed.length && changed[k]! - context <= to) {
      to = Math.min(lines.length, changed[k]! + context + 1);
      k++;
    }
    const slice = lines.slice(from, to);
    // Line numbers where the hunk starts in each side (counting only lines that side has).
    let aStart = 0;
    let bStart = 0;
    for (let i = 0; i < from; i++) {
      if (lines[i]!.op !== "+") aStart++;
      if (lines[i]!.op !== "-") bStart++;
    }
    const aCount = slice.filter((l) => l.op !== "+").length;
    const bCount = slice.filter((l) => l.op !== "-").length;
    const range = (startIdx: number, count: number) =>
      count === 0 ? `${startIdx},0` : count === 1 ? `${startIdx + 1}` : `${startIdx + 1},${count}`;
    const hunk = [`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`];
    for (const l of slice) hunk.push(`${l.op}${visible(l.text)}`);
    hunks.push(hunk);
  }
  return hunks;
}

/** The first line (1-based) where two texts differ, with both versions; null when equal. */
export function firstDifferingLine(
  expected: string,
  actual: string,
): { line: number; expected: string | null; actual: string | null } | null {
  if (expected === actual) return null;
  const a = splitLines(expected);
  const b = splitLines(actual);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { line: i + 1, expected: a[i] ?? null, actual: b[i] ?? null };
  }
  // Same lines: only the final newline differs.
  return { line: a.length, expected: a[a.length - 1] ?? null, actual: b[b.length - 1] ?? null };
}

/** One trace event as a short readable line: `step Task-1 main` or `cb print`. */
export function formatEvent(ev: TraceEvent): string {
  return ev.ev === "step" ? `step ${ev.task} ${ev.coro}` : `cb   ${ev.fn}`;
}

export function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  if (a.ev === "step" && b.ev === "step") return a.task === b.task && a.coro === b.coro;
  if (a.ev === "cb" && b.ev === "cb") return a.fn === b.fn;
  return false;
}

/** The index (0-based) of the first event where two traces differ, or -1 when equal. */
export function firstTraceDifference(
  expected: readonly TraceEvent[],
  actual: readonly TraceEvent[],
): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const a = expected[i];
    const b = actual[i];
    if (a === undefined || b === undefined || !sameEvent(a, b)) return i;
  }
  return -1;
}

/**
 * The first difference between two traces as readable text: which event (1-based) differs, then
 * `context` agreeing events before it and the next `context` events of each side, marked
 * `-` (expected) and `+` (actual) from the first difference on. "" when the traces agree.
 */
export function traceDiff(
  expected: readonly TraceEvent[],
  actual: readonly TraceEvent[],
  options: { context?: number; labels?: [string, string] } = {},
): string {
  const at = firstTraceDifference(expected, actual);
  if (at < 0) return "";
  const context = options.context ?? 3;
  const [la, lb] = options.labels ?? ["expected", "actual"];
  const num = (i: number) => `#${i + 1}`.padStart(6);
  const out = [
    `first difference at event ${at + 1} (${la}: ${expected.length} events, ${lb}: ${actual.length} events)`,
    `--- ${la}`,
    `+++ ${lb}`,
  ];
  for (let i = Math.max(0, at - context); i < at; i++)
    out.push(`  ${num(i)} ${formatEvent(expected[i]!)}`);
  const tail = (events: readonly TraceEvent[], mark: string, label: string) => {
    const end = Math.min(events.length, at + context + 1);
    if (at >= events.length) out.push(`${mark} ${"".padStart(6)} (end of ${label} trace)`);
    for (let i = at; i < end; i++) out.push(`${mark} ${num(i)} ${formatEvent(events[i]!)}`);
    if (end < events.length) out.push(`${mark} ${"".padStart(6)} ... ${events.length - end} more`);
  };
  tail(expected, "-", la);
  tail(actual, "+", lb);
  return out.join("\n");
}
