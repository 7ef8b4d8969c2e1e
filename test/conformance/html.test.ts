import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { judgeCase } from "../../conformance/compare";
import { escapeHtml, renderHtml } from "../../conformance/html";
import { CaseSchema } from "../../conformance/schema";
import { caseResult, expectedOf, runOutput, TRACE } from "./fake";
import { countColour, readPng } from "./png";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Run headless Chromium on a file with extra arguments; fails clearly when it is missing. */
function chromium(file: string, extra: string[]): { stdout: string; stderr: string } {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `headless Chromium is needed for the HTML report test but ${CHROMIUM} does not exist: ` +
        "install it with `apt-get install -y chromium` (or set CHROMIUM to its path)",
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-chromium-"));
  try {
    const r = spawnSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        ...extra,
        `file://${file}`,
      ],
      { encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.error) throw new Error(`running ${CHROMIUM} failed: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${CHROMIUM} exited ${r.status}:\n${r.stderr}`);
    return { stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const EVIL = `</pre><script>document.title = "pwned"</script><img src=x onerror="alert(1)"> & "q" 'a'`;

function syntheticResults() {
  const meta = (o: Record<string, unknown> = {}) =>
    CaseSchema.parse({ description: "prints & sleeps <fast>", ...o });
  const expected = expectedOf({ stdout: "one\ntwo\n", trace: TRACE });
  const base = { area: "futures", dir: "/x", problem: null, expected };
  const passed = judgeCase(
    { ...base, name: "all_good", meta: meta() },
    runOutput({ stdout: "one\ntwo\n", trace: TRACE }),
  );
  const failed = judgeCase(
    { ...base, name: "broken_output", meta: meta() },
    runOutput({
      stdout: `one\n${EVIL}\n`,
      trace: TRACE.slice(0, 3),
      stderr: `Traceback (most recent call last):\n${EVIL}\n`,
      stderr_last_line: EVIL,
      exit_code: 1,
    }),
  );
  const divergent = judgeCase(
    {
      ...base,
      area: "tasks",
      name: "known_difference",
      meta: meta({
        divergence: { reason: "a <documented> difference", doc: "DIFFERENCES.md#repr" },
      }),
    },
    runOutput({ stdout: "one\nTWO\n", trace: TRACE }),
  );
  for (const r of [passed, failed, divergent]) {
    r.source = `import asyncio\nprint("${r.name}" < 'x')  # ${EVIL}\n`;
    r.typescript = `const x: Array<string> = ["${r.name}"]; // ${EVIL}\n`;
  }
  divergent.typescript = null;
  divergent.transpileError = "transpile exited 1: unsupported <thing>";
  return [passed, failed, divergent];
}

describe("the HTML report", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-html-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("escapeHtml escapes markup and quotes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });

  test("the page is self-contained and escapes everything from the cases", () => {
    const html = renderHtml(syntheticResults());
    expect(html).not.toMatch(/<(script|link)\b/);
    expect(html).not.toMatch(/<[a-z]+[^>]*\ssrc=/);
    expect(html).not.toContain(EVIL);
    expect(html).toContain(escapeHtml(EVIL));
    expect(html).toContain(
      '<section class="case failed" id="case-futures-broken_output" data-status="failed">',
    );
  });

  test("renders in headless Chromium with the summary, the case titles and the failing case marked", () => {
    const file = path.join(dir, "report.html");
    fs.writeFileSync(file, renderHtml(syntheticResults(), { title: "Synthetic report" }));
    const dom = chromium(file, ["--dump-dom"]).stdout;
    // Rendered: the title, the summary table with a row per area and the totals.
    expect(dom).toContain("<title>Synthetic report</title>");
    // Nothing from the cases became markup (the script would have changed the title).
    expect(dom).not.toMatch(/<script>document\.title|<img src/);
    expect(dom).toMatch(/<table class="summary" id="summary">/);
    expect(dom).toMatch(
      /<a href="#area-futures">futures<\/a><\/th><td>2<\/td><td class="n-passed">1<\/td><td class="n-failed">1<\/td>/,
    );
    expect(dom).toMatch(
      /<a href="#area-tasks">tasks<\/a><\/th><td>1<\/td><td class="n-passed">0<\/td><td class="n-failed">0<\/td><td class="n-divergent">1<\/td>/,
    );
    // Every case, with its title.
    for (const name of ["futures/all_good", "futures/broken_output", "tasks/known_difference"]) {
      expect(dom).toContain(`<span class="name">${name}</span>`);
    }
    // The failing case is marked failed, with a FAILED badge and its diff; the others are not.
    const section = (id: string) => {
      const m = dom.match(
        new RegExp(`<section class="([^"]*)" id="${id}"[^>]*>([\\s\\S]*?)</section>`),
      );
      if (!m) throw new Error(`no section ${id} in the DOM`);
      return { cls: m[1], body: m[2]! };
    };
    const failed = section("case-futures-broken_output");
    expect(failed.cls).toBe("case failed");
    expect(failed.body).toContain('<span class="badge failed">FAILED</span>');
    expect(failed.body).toContain('<span class="del">-two</span>');
    expect(failed.body).toContain("exit code: expected 0, actual 1");
    expect(failed.body).toContain("first difference at event 4");
    expect(section("case-futures-all_good").cls).toBe("case passed");
    expect(section("case-futures-all_good").body).not.toContain("FAILED");
    const divergent = section("case-tasks-known_difference");
    expect(divergent.cls).toBe("case divergent");
    expect(divergent.body).toContain('<span class="badge divergent">DIVERGENT</span>');
    expect(divergent.body).toContain("a &lt;documented&gt; difference");
    expect(divergent.body).toContain("unsupported &lt;thing&gt;");
    // The sources and outputs are shown as text, side by side.
    expect(failed.body).toContain('<div class="side-by-side">');
    expect(failed.body).toContain("Array&lt;string&gt;");
    expect(failed.body).toContain("&lt;/pre&gt;&lt;script&gt;");
  }, 90_000);

  test("the failing case is visibly red in a screenshot; an all-passing report has no red", () => {
    const shot = (name: string, html: string) => {
      const file = path.join(dir, `${name}.html`);
      const png = path.join(dir, `${name}.png`);
      fs.writeFileSync(file, html);
      chromium(file, ["--window-size=1200,1400", "--hide-scrollbars", `--screenshot=${png}`]);
      return readPng(fs.readFileSync(png));
    };
    const RED = "#c62828"; // the FAILED badge and the failed case's border
    const withFailure = shot("failing", renderHtml(syntheticResults()));
    expect(withFailure.width).toBe(1200);
    expect(countColour(withFailure, RED)).toBeGreaterThan(200);
    const ok = caseResult({ area: "futures", name: "fine", status: "passed" });
    const allPassed = shot("passing", renderHtml([ok]));
    expect(countColour(allPassed, RED)).toBe(0);
    expect(countColour(allPassed, "#2e7d32")).toBeGreaterThan(50); // the green PASSED badge
  }, 90_000);
});
