/**
 * Running a benchmark's Python twin: CPython 3.13 (pyenv) and uvloop (Debian's python3-uvloop
 * under the system `/usr/bin/python3`, selected by the script's `--uvloop` flag). Each twin prints
 * one JSON object `{workload: ops_per_second}` as its last stdout line: the best of `--runs N`.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

export type Rates = Record<string, number>;

/** Run `bench/py/<script>` with `exe`: its rates, or a one-line reason it did not run. */
export function runPython(
  script: string,
  label: string,
  exe: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Rates | string {
  const file = path.resolve(__dirname, "../../bench/py", script);
  try {
    const stdout = execFileSync(exe, [file, ...args], {
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(stdout.trim().split("\n").pop()!) as Rates;
  } catch (err) {
    const msg = String((err as { stderr?: string }).stderr || (err as Error).message)
      .trim()
      .split("\n")
      .pop();
    return `${label} not run: ${msg}`;
  }
}

/**
 * How many times every workload runs, on each side, the best run being reported: the same for
 * asyncio-ts and its Python twins, so that neither side is measured with its warm-up or an
 * unlucky run while the other is not. Five, as bench/programs.ts: V8 compiles a workload's hot
 * code during its first runs, and with three the best run was sometimes still one of those.
 */
export const RUNS = 5;

/** The twin under CPython 3.13 and under uvloop, in that order (best of RUNS each). */
export function runTwins(script: string): [Rates | string, Rates | string] {
  const runs = ["--runs", String(RUNS)];
  const cpython = runPython(script, "CPython 3.13", "python3", runs, {
    ...process.env,
    PYENV_VERSION: "3.13.0",
  });
  const uvloop = runPython(
    script,
    "uvloop",
    "/usr/bin/python3",
    ["--uvloop", ...runs],
    process.env,
  );
  return [cpython, uvloop];
}
