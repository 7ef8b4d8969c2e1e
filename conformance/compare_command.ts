/**
 * `asyncio-ts compare FILE.py [ARGS...] [--python PATH] [--timeout SECONDS] [--stdin FILE]`:
 * run a program under CPython (with conformance/trace_cpython.py) and, transpiled, on our
 * runtime; print "identical", or the first divergence in output and in the scheduling trace.
 * Exit 0 when identical, 1 when not, 2 on a usage error or when CPython cannot run it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./cases";
import { compareObserved } from "./compare";
import { runCPython, runOurs } from "./execute";
import type { Io } from "./io";
import { choosePython, describePython, isRequiredPython, REQUIRED_PYTHON } from "./python";
import { COLORS, NO_COLORS } from "./report";
import { checkCli, STARTUP_ALLOWANCE_MS } from "./runner";

export const COMPARE_USAGE = `usage: asyncio-ts compare FILE.py [ARGS...] [--python PATH] [--timeout SECONDS] [--stdin FILE]

Runs FILE.py under CPython (default: python3 with PYENV_VERSION=${REQUIRED_PYTHON} when pyenv has it,
else python3) with conformance/trace_cpython.py, and transpiled on asyncio-ts, in FILE's folder,
and compares stdout, exit code, the last stderr line and the scheduling trace.
Prints "identical" (exit 0) or the first divergence (exit 1).
Options may appear anywhere; arguments after "--" all go to the program.
`;

export interface CompareArgs {
  file: string;
  args: string[];
  python?: string;
  timeoutSeconds: number;
  stdinFile?: string;
}

/** Parse the compare subcommand's arguments; throws an Error with a message on misuse. */
export function parseCompareArgs(argv: readonly string[]): CompareArgs | "help" {
  const positional: string[] = [];
  const parsed: Partial<CompareArgs> = { timeoutSeconds: 60 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (a === "-h" || a === "--help") return "help";
    else if (a === "--python") parsed.python = value();
    else if (a.startsWith("--python=")) parsed.python = a.slice("--python=".length);
    else if (a === "--stdin") parsed.stdinFile = value();
    else if (a === "--timeout") {
      const t = Number(value());
      if (!(t > 0)) throw new Error("--timeout needs a positive number of seconds");
      parsed.timeoutSeconds = t;
    } else positional.push(a);
  }
  const [file, ...args] = positional;
  if (file === undefined) throw new Error("missing FILE.py");
  return { ...parsed, file, args } as CompareArgs;
}

/** `root` is the repository whose bin/asyncio-ts.js and conformance/trace_cpython.py are used. */
export async function compareMain(
  argv: readonly string[],
  io: Io,
  root: string = repoRoot(),
): Promise<number> {
  let parsed: CompareArgs | "help";
  try {
    parsed = parseCompareArgs(argv);
  } catch (e) {
    io.stderr.write(`asyncio-ts compare: ${(e as Error).message}\n${COMPARE_USAGE}`);
    return 2;
  }
  if (parsed === "help") {
    io.stdout.write(COMPARE_USAGE);
    return 0;
  }
  const file = path.resolve(parsed.file);
  if (!fs.existsSync(file)) {
    io.stderr.write(`asyncio-ts compare: no such file: ${parsed.file}\n`);
    return 2;
  }
  const stdin = parsed.stdinFile !== undefined ? fs.readFileSync(parsed.stdinFile, "utf8") : "";
  const broken = await checkCli(root);
  if (broken !== null) {
    io.stderr.write(`asyncio-ts compare: the asyncio-ts CLI cannot run: ${broken}\n`);
    return 2;
  }
  const { python, version } = choosePython(parsed.python);
  if (version === null) {
    io.stderr.write(`asyncio-ts compare: cannot run ${describePython(python, version)}\n`);
    return 2;
  }
  if (!isRequiredPython(version)) {
    io.stderr.write(
      `asyncio-ts compare: warning: comparing with ${describePython(python, version)}, ` +
        `not CPython ${REQUIRED_PYTHON}\n`,
    );
  }
  const common = {
    root,
    cwd: path.dirname(file),
    script: path.basename(file),
    args: parsed.args,
    stdin,
    timeoutMs: parsed.timeoutSeconds * 1000,
    label: path.basename(file, ".py"),
  };
  const [cpython, ours] = await Promise.all([
    runCPython({ ...common, python }),
    runOurs({ ...common, timeoutMs: common.timeoutMs + STARTUP_ALLOWANCE_MS }),
  ]);
  if (cpython.error) {
    io.stderr.write(`asyncio-ts compare: CPython run failed: ${cpython.error}\n${cpython.stderr}`);
    return 2;
  }
  const colors = io.stdout.isTTY ? COLORS : NO_COLORS;
  const labels: [string, string] = ["CPython", "asyncio-ts"];
  const mismatches = compareObserved(cpython, ours, { trace: true, labels, maxHunks: 1 });
  if (ours.error) {
    mismatches.unshift({
      kind: "run",
      level: 0,
      summary: `asyncio-ts run: ${ours.error}`,
      detail: "",
    });
  }
  if (mismatches.length === 0) {
    io.stdout.write("identical\n");
    io.stderr.write(
      `(${cpython.stdout.split("\n").length - 1} lines of output, exit code ${cpython.exit_code}, ` +
        `${cpython.trace.length} trace events)\n`,
    );
    return 0;
  }
  const out: string[] = [colors.red(`${parsed.file}: CPython and asyncio-ts differ`)];
  for (const m of mismatches) {
    out.push(colors.bold(m.summary));
    if (m.detail !== "") {
      out.push(
        ...m.detail.split("\n").map((l) => {
          if (l.startsWith("---") || l.startsWith("+++")) return `  ${colors.bold(l)}`;
          if (l.startsWith("-")) return `  ${colors.red(l)}`;
          if (l.startsWith("+")) return `  ${colors.green(l)}`;
          return `  ${l}`;
        }),
      );
    }
  }
  if (ours.exit_code !== 0 && ours.stderr.trim() !== "" && ours.exit_code !== cpython.exit_code) {
    out.push(colors.bold("asyncio-ts stderr (last lines):"));
    out.push(
      ...ours.stderr
        .trimEnd()
        .split("\n")
        .slice(-15)
        .map((l) => `  ${l}`),
    );
  }
  io.stdout.write(`${out.join("\n")}\n`);
  return 1;
}
