/**
 * The `conformance` and `compare` subcommands of the asyncio-ts CLI.
 *
 * `main(argv)` takes the arguments after the program name: `["conformance", ...options]`,
 * `["compare", FILE.py, ...]`, or just the conformance options (`main(["--json"])`).
 *
 *     asyncio-ts conformance [--area A] [--case C] [--jobs N] [--refresh [--force]] [--python PATH]
 *                            [--html FILE] [--json] [--verbose]
 *
 * Exit code: 0 when no case failed, 1 when some case failed, 2 on a usage error.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./cases";
import type { CaseResult } from "./compare";
import { compareMain } from "./compare_command";
import { renderHtml } from "./html";
import { type Io, type Output, processIo } from "./io";
import { declaredUnavailable } from "./needs";
import { choosePython, describePython, isRequiredPython, REQUIRED_PYTHON } from "./python";
import { COLORS, jsonSummaryLine, NO_COLORS, statusLabel, summarize, textReport } from "./report";
import { checkCli, defaultJobs, runSuite, selectCases } from "./runner";

export const CONFORMANCE_USAGE = `usage: asyncio-ts conformance [options]

Transpiles and runs every fixture (fixtures/<area>/<case>/main.py) on asyncio-ts and compares
stdout, exit code, the last stderr line and (for traced cases) the scheduling trace with what
CPython ${REQUIRED_PYTHON} recorded in expected.json.

options:
  --area A        only the cases of area A
  --case C        only the cases named C
  --jobs N        run N cases at once (default: the number of CPUs, here ${defaultJobs()})
  --refresh       first re-record expected.json with conformance/record.py under CPython ${REQUIRED_PYTHON}
  --force         with --refresh: accept a Python other than CPython ${REQUIRED_PYTHON}
  --python PATH   the Python for --refresh (default: python3 with PYENV_VERSION=${REQUIRED_PYTHON})
  --html FILE     also write a self-contained HTML report to FILE
  --json          print only a one-line JSON summary on stdout (the report goes to stderr)
  --verbose       show the differences of divergent cases too
Exit code 0 when no case failed, 1 otherwise.
`;

export interface ConformanceArgs {
  area?: string;
  case?: string;
  jobs: number;
  refresh: boolean;
  force: boolean;
  python?: string;
  html?: string;
  json: boolean;
  verbose: boolean;
}

/** Parse the conformance options; throws an Error with a message on misuse. */
export function parseConformanceArgs(argv: readonly string[]): ConformanceArgs | "help" {
  const args: ConformanceArgs = {
    jobs: defaultJobs(),
    refresh: false,
    force: false,
    json: false,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inline: string | undefined;
    const eq = a.indexOf("=");
    if (a.startsWith("--") && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === "") throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case "-h":
      case "--help":
        return "help";
      case "--area":
        args.area = value();
        break;
      case "--case":
        args.case = value();
        break;
      case "--jobs":
      case "-j": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error("--jobs needs a positive integer");
        args.jobs = n;
        break;
      }
      case "--refresh":
        args.refresh = true;
        break;
      case "--force":
        args.force = true;
        break;
      case "--python":
        args.python = value();
        break;
      case "--html":
        args.html = value();
        break;
      case "--json":
        args.json = true;
        break;
      case "--verbose":
      case "-v":
        args.verbose = true;
        break;
      default:
        throw new Error(`unknown argument: ${argv[i]}`);
    }
  }
  return args;
}

/** Progress on `out`: a redrawn bar on a terminal, otherwise one plain line per case. */
export function progressReporter(out: Output): {
  update: (r: CaseResult, done: number, total: number) => void;
  finish: () => void;
} {
  let failed = 0;
  let drawn = false;
  return {
    update(r, done, total) {
      if (r.status === "failed") failed++;
      const name = `${r.area}/${r.name}`;
      if (out.isTTY) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
        const fail = failed > 0 ? ` ${failed} failed` : "";
        const head = `[${bar}] ${done}/${total}`;
        // Keep the line shorter than the terminal, so that \r redraws it in place.
        const room = Math.max(0, (out.columns || 100) - 1 - head.length - fail.length - 1);
        out.write(`\r\x1b[K${head}${fail ? COLORS.red(fail) : ""} ${name.slice(0, room)}`);
        drawn = true;
      } else {
        const n = String(done).padStart(String(total).length);
        out.write(
          `[${n}/${total}] ${statusLabel(r.status)} ${name} (${(r.durationMs / 1000).toFixed(1)}s)\n`,
        );
      }
    },
    finish() {
      if (drawn) out.write("\r\x1b[K");
    },
  };
}

/** Re-record expected.json with conformance/record.py; its output goes to `out`. */
async function refresh(root: string, args: ConformanceArgs, out: Output): Promise<number> {
  const { python, version } = choosePython(args.python);
  if (!isRequiredPython(version) && !args.force) {
    out.write(
      `asyncio-ts conformance: --refresh needs CPython ${REQUIRED_PYTHON}, found ${describePython(python, version)}; ` +
        `use --python PATH, or --force to record with it anyway\n`,
    );
    return 2;
  }
  out.write(`recording with ${describePython(python, version)}\n`);
  const recordArgs = [path.join(root, "conformance", "record.py")];
  if (args.area) recordArgs.push("--area", args.area);
  if (args.case) recordArgs.push("--case", args.case);
  if (args.force) recordArgs.push("--force");
  return new Promise((resolve) => {
    const child = spawn(python.command, recordArgs, {
      cwd: root,
      env: { ...process.env, ...python.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (b: Buffer) => out.write(b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => out.write(b.toString("utf8")));
    child.on("error", (e) => {
      out.write(`asyncio-ts conformance: cannot run ${python.command}: ${e.message}\n`);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function conformanceMain(argv: readonly string[], io: Io, root: string): Promise<number> {
  let args: ConformanceArgs | "help";
  try {
    args = parseConformanceArgs(argv);
  } catch (e) {
    io.stderr.write(`asyncio-ts conformance: ${(e as Error).message}\n${CONFORMANCE_USAGE}`);
    return 2;
  }
  if (args === "help") {
    io.stdout.write(CONFORMANCE_USAGE);
    return 0;
  }
  try {
    declaredUnavailable();
  } catch (e) {
    io.stderr.write(`asyncio-ts conformance: ${(e as Error).message}\n`);
    return 2;
  }
  const filter = { area: args.area, case: args.case };
  if (selectCases({ root, filter }).length === 0) {
    io.stderr.write("asyncio-ts conformance: no cases matched\n");
    return 2;
  }
  const broken = await checkCli(root);
  if (broken !== null) {
    io.stderr.write(`asyncio-ts conformance: the asyncio-ts CLI cannot run: ${broken}\n`);
    return 2;
  }
  // With --json, stdout carries only the summary line; everything else goes to stderr.
  const report = args.json ? io.stderr : io.stdout;
  let recordFailed = false;
  if (args.refresh) {
    const code = await refresh(root, args, io.stderr);
    if (code === 2) return 2;
    if (code !== 0) {
      recordFailed = true;
      io.stderr.write(
        `asyncio-ts conformance: record.py exited ${code}; comparing with the records there are\n`,
      );
    }
  }
  const started = Date.now();
  const progress = progressReporter(io.stderr);
  const results = await runSuite({
    root,
    filter,
    jobs: args.jobs,
    withSources: args.html !== undefined,
    onResult: progress.update,
  });
  progress.finish();
  const elapsedSeconds = (Date.now() - started) / 1000;
  const colors = report.isTTY ? COLORS : NO_COLORS;
  report.write(`${textReport(results, colors, args.verbose)}\n`);
  report.write(
    `(${results.length} cases in ${elapsedSeconds.toFixed(1)} s with ${args.jobs} job(s))\n`,
  );
  if (args.html) {
    fs.writeFileSync(args.html, renderHtml(results, { elapsedSeconds }));
    io.stderr.write(`wrote ${args.html}\n`);
  }
  const summary = summarize(results);
  if (args.json) io.stdout.write(`${jsonSummaryLine(summary)}\n`);
  return summary.failed === 0 && !recordFailed ? 0 : 1;
}

/**
 * The entry point for `asyncio-ts conformance ...` and `asyncio-ts compare ...`. `io` and `root`
 * (the repository with bin/asyncio-ts.js, conformance/ and fixtures/) are for tests.
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  root: string = repoRoot(),
): Promise<number> {
  if (argv[0] === "compare") return compareMain(argv.slice(1), io, root);
  if (argv[0] === "conformance") return conformanceMain(argv.slice(1), io, root);
  return conformanceMain(argv, io, root);
}

// `node dist/conformance/cli.js conformance|compare ...` (how codegen/cli.ts runs it).
if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `asyncio-ts: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
