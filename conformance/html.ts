/**
 * The self-contained HTML report of a conformance run (`--html FILE`): a summary table by area,
 * then every case with its Python source and generated TypeScript, and the expected (CPython) and
 * actual (asyncio-ts) outputs side by side. Failing cases have class `case failed` and a red
 * "FAILED" badge; divergent ones `case divergent` and a "DIVERGENT" badge; skipped ones (the
 * machine lacks what they need) `case skipped` and a grey "SKIPPED" badge. Everything from the
 * cases is escaped; the page loads nothing from outside.
 */
import type { CaseResult, Status } from "./compare";
import { formatEvent } from "./diff";
import type { RunOutput } from "./execute";
import { type Counts, summarize } from "./report";
import type { Expected, TraceEvent } from "./schema";

/** Escape text for HTML content and (double- or single-quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A stable element id for a case. */
export function caseId(r: Pick<CaseResult, "area" | "name">): string {
  return `case-${r.area}-${r.name}`.replace(/[^A-Za-z0-9_-]/g, "_");
}

const MAX_BLOCK_CHARS = 200_000;

function block(text: string, cls = ""): string {
  const shown =
    text.length > MAX_BLOCK_CHARS
      ? `${text.slice(0, MAX_BLOCK_CHARS)}\n... (${text.length - MAX_BLOCK_CHARS} more characters)`
      : text;
  return `<pre${cls ? ` class="${cls}"` : ""}>${escapeHtml(shown)}</pre>`;
}

const BADGE: Record<Status, string> = {
  passed: "PASSED",
  failed: "FAILED",
  divergent: "DIVERGENT",
  skipped: "SKIPPED",
};

function badge(status: Status): string {
  return `<span class="badge ${status}">${BADGE[status]}</span>`;
}

/** A diff with `-`/`+` lines highlighted. */
function diffBlock(text: string): string {
  const lines = text.split("\n").map((l) => {
    const e = escapeHtml(l);
    if (l.startsWith("---") || l.startsWith("+++")) return `<span class="hdr">${e}</span>`;
    if (l.startsWith("-")) return `<span class="del">${e}</span>`;
    if (l.startsWith("+")) return `<span class="ins">${e}</span>`;
    if (l.startsWith("@@")) return `<span class="hunk">${e}</span>`;
    return e;
  });
  return `<pre class="diff">${lines.join("\n")}</pre>`;
}

function traceText(trace: readonly TraceEvent[]): string {
  return trace.map((ev, i) => `${String(i + 1).padStart(4)}  ${formatEvent(ev)}`).join("\n");
}

function outputPanel(
  title: string,
  o: Pick<Expected, "stdout" | "exit_code" | "stderr_last_line"> | null,
  extra = "",
): string {
  if (o === null)
    return `<div class="panel"><h4>${escapeHtml(title)}</h4><p class="missing">(none)</p></div>`;
  return [
    `<div class="panel"><h4>${escapeHtml(title)}</h4>`,
    `<p class="meta">exit code <code>${o.exit_code}</code>; last stderr line `,
    o.stderr_last_line === ""
      ? "<em>(none)</em>"
      : `<code>${escapeHtml(o.stderr_last_line)}</code>`,
    "</p>",
    `<h5>stdout</h5>${block(o.stdout, "stdout")}`,
    extra,
    "</div>",
  ].join("");
}

function countsRow(name: string, c: Counts, link: boolean): string {
  const label = link
    ? `<a href="#area-${escapeHtml(name)}">${escapeHtml(name)}</a>`
    : escapeHtml(name);
  const cls = c.failed > 0 ? "has-failed" : c.divergent > 0 ? "has-divergent" : "all-passed";
  return (
    `<tr class="${cls}"><th scope="row">${label}</th><td>${c.total}</td><td class="n-passed">${c.passed}</td>` +
    `<td class="n-failed">${c.failed}</td><td class="n-divergent">${c.divergent}</td>` +
    `<td class="n-skipped">${c.skipped}</td></tr>`
  );
}

function caseSection(r: CaseResult): string {
  const title = `${r.area}/${r.name}`;
  const parts: string[] = [
    `<section class="case ${r.status}" id="${caseId(r)}" data-status="${r.status}">`,
    `<h3 class="case-title">${badge(r.status)} <span class="name">${escapeHtml(title)}</span></h3>`,
    `<p class="description">${escapeHtml(r.description)}</p>`,
  ];
  if (r.divergence) {
    parts.push(
      `<p class="divergence">Documented divergence (<code>${escapeHtml(r.divergence.doc)}</code>): ` +
        `${escapeHtml(r.divergence.reason)}</p>`,
    );
  }
  if (r.skipReason !== undefined)
    parts.push(
      `<p class="skipped">Not run (${escapeHtml(r.skipReason)}, which this machine lacks).</p>`,
    );
  if (r.mismatches.length > 0) {
    parts.push('<div class="mismatches">');
    for (const m of r.mismatches) {
      parts.push(`<p class="mismatch-summary">${escapeHtml(m.summary)}</p>`);
      if (m.detail !== "") parts.push(diffBlock(m.detail));
    }
    parts.push("</div>");
  }
  const open = r.status === "passed" ? "" : " open";
  if (r.source !== undefined || r.typescript !== undefined) {
    const ts =
      r.typescript != null
        ? block(r.typescript, "code ts")
        : `<p class="missing">(not generated${r.transpileError ? `: ${escapeHtml(r.transpileError)}` : ""})</p>`;
    parts.push(
      `<details class="sources"${open}><summary>Python source and generated TypeScript</summary>`,
      '<div class="side-by-side">',
      `<div class="panel"><h4>Python (main.py)</h4>${block(r.source ?? "", "code py")}</div>`,
      `<div class="panel"><h4>TypeScript (generated)</h4>${ts}</div>`,
      "</div></details>",
    );
  }
  const actual: RunOutput | null = r.actual;
  const stderr =
    actual && actual.stderr.trim() !== ""
      ? `<h5>stderr</h5>${block(actual.stderr.split("\n").slice(-40).join("\n"), "stderr")}`
      : "";
  const py = r.expected ? `CPython ${r.expected.python}` : "CPython";
  parts.push(
    `<details class="outputs"${open}><summary>Expected and actual output</summary>`,
    '<div class="side-by-side">',
    outputPanel(`expected (${py})`, r.expected),
    outputPanel("actual (asyncio-ts)", actual, stderr),
    "</div></details>",
  );
  if (r.traced) {
    const n = (t: readonly TraceEvent[] | undefined) => (t ? t.length : 0);
    parts.push(
      `<details class="traces"><summary>Scheduling traces (${n(r.expected?.trace)} expected, ` +
        `${n(actual?.trace)} actual events)</summary>`,
      '<div class="side-by-side">',
      `<div class="panel"><h4>expected</h4>${block(traceText(r.expected?.trace ?? []), "trace")}</div>`,
      `<div class="panel"><h4>actual</h4>${block(traceText(actual?.trace ?? []), "trace")}</div>`,
      "</div></details>",
    );
  }
  parts.push("</section>");
  return parts.join("\n");
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 1400px; padding: 0 1em; color: #1d1d1f; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; } h3 { margin: 0 0 .3em; font-size: 1.1em; }
h4 { margin: .2em 0; font-size: .95em; } h5 { margin: .6em 0 .2em; font-size: .85em; color: #555; }
table.summary { border-collapse: collapse; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: .25em .7em; text-align: right; }
table.summary th[scope=row], table.summary thead th:first-child { text-align: left; }
table.summary tfoot { font-weight: bold; }
tr.has-failed .n-failed { color: #b00020; font-weight: bold; }
tr.has-divergent .n-divergent { color: #8a5a00; }
.verdict.ok { color: #17692c; } .verdict.bad { color: #b00020; }
.badge { display: inline-block; padding: .05em .5em; border-radius: .3em; font-size: .8em; color: #fff; vertical-align: middle; }
.badge.passed { background: #2e7d32; } .badge.failed { background: #c62828; } .badge.divergent { background: #b26a00; } .badge.skipped { background: #757575; }
section.case { border: 1px solid #ddd; border-left: 6px solid #2e7d32; border-radius: 4px; margin: .8em 0; padding: .6em .9em; }
section.case.failed { border-left-color: #c62828; background: #fff6f6; }
section.case.divergent { border-left-color: #b26a00; background: #fffaf0; }
.description { margin: 0 0 .4em; color: #444; }
.divergence { color: #8a5a00; }
.mismatch-summary { margin: .4em 0 .1em; font-weight: 600; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: .8em; }
.panel { min-width: 0; }
pre { background: #f6f8fa; border: 1px solid #e1e4e8; padding: .5em; overflow: auto; max-height: 32em; margin: .2em 0; font-size: 12.5px; }
pre.diff .del { color: #b00020; background: #ffecec; } pre.diff .ins { color: #17692c; background: #eaffea; }
pre.diff .hunk { color: #6a737d; } pre.diff .hdr { font-weight: bold; }
.missing { color: #888; font-style: italic; }
summary { cursor: pointer; color: #0366d6; margin: .3em 0; }
ul.failed-list { columns: 3; }
body.only-problems section.case.passed { display: none; }
`;

export interface HtmlOptions {
  title?: string;
  /** When the run happened (shown under the title). */
  generatedAt?: Date;
  /** Seconds the run took. */
  elapsedSeconds?: number;
}

/** The report page for a set of results. */
export function renderHtml(results: readonly CaseResult[], options: HtmlOptions = {}): string {
  const title = options.title ?? "asyncio-ts conformance report";
  const summary = summarize(results);
  const ok = summary.failed === 0;
  const when = options.generatedAt ?? new Date();
  const elapsed =
    options.elapsedSeconds !== undefined ? `, in ${options.elapsedSeconds.toFixed(1)} s` : "";
  const areaRows = Object.entries(summary.areas).map(([name, c]) => countsRow(name, c, true));
  const problems = results.filter((r) => r.status !== "passed");
  const byArea = new Map<string, CaseResult[]>();
  for (const r of results) byArea.set(r.area, [...(byArea.get(r.area) ?? []), r]);
  const out = [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head><body>",
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="verdict ${ok ? "ok" : "bad"}" id="verdict">${summary.total} cases: ${summary.passed} passed, ` +
      `${summary.failed} failed, ${summary.divergent} divergent` +
      `${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ""}${elapsed}. ` +
      `<span class="when">Generated ${escapeHtml(when.toISOString())}.</span></p>`,
    "<h2>Summary by area</h2>",
    '<table class="summary" id="summary">',
    "<thead><tr><th>area</th><th>total</th><th>passed</th><th>failed</th><th>divergent</th><th>skipped</th></tr></thead>",
    `<tbody>${areaRows.join("")}</tbody>`,
    `<tfoot>${countsRow("all", summary, false)}</tfoot>`,
    "</table>",
  ];
  if (problems.length > 0) {
    out.push(
      "<h2>Failed and divergent cases</h2>",
      '<ul class="failed-list">',
      ...problems.map(
        (r) =>
          `<li>${badge(r.status)} <a href="#${caseId(r)}">${escapeHtml(`${r.area}/${r.name}`)}</a></li>`,
      ),
      "</ul>",
    );
  }
  out.push(
    "<h2>Cases</h2>",
    '<p><label><input type="checkbox" id="only-problems" ' +
      "onchange=\"document.body.classList.toggle('only-problems', this.checked)\"> " +
      "show only failed and divergent cases</label></p>",
  );
  for (const [area, cases] of byArea) {
    out.push(`<h2 id="area-${escapeHtml(area)}" class="area">${escapeHtml(area)}</h2>`);
    for (const r of cases) out.push(caseSection(r));
  }
  out.push("</body></html>", "");
  return out.join("\n");
}
