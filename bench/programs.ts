/**
 * Transpiled programs against CPython: each Python program of bench/programs/ runs under CPython
 * 3.13 asyncio, under uvloop (Debian's python3-uvloop, system /usr/bin/python3) and transpiled by
 * `asyncio-ts run` (with a warm cache, so that transpiling is not counted), in one run.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/programs.js
 *
 * Every program times its own workload with `time.perf_counter()` around `asyncio.run(main())`
 * and prints `elapsed SECONDS` to stderr; its stdout (the results) must be identical on all
 * sides. The report gives those times, the speed-ups, and the wall time of the whole process
 * (which adds interpreter/Node startup). Target (the transpiler issue): transpiled asyncio
 * workloads at least 5x faster than CPython.
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const PROGRAMS = path.join(ROOT, "bench", "programs");
const BIN = path.join(ROOT, "bin", "asyncio-ts.js");
const TARGET = 5;
/** Runs of each side; the best is reported (the machine is shared, so noise is one-sided). */
const RUNS = 3;

interface Timing {
  stdout: string;
  /** The program's own measurement. */
  elapsed: number;
  /** The whole process. */
  wall: number;
}

function timeRun(command: string, args: string[], env: NodeJS.ProcessEnv): Timing | string {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: PROGRAMS, env, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) return r.error.message;
  const m = /elapsed (\d+\.\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) return `exit ${r.status}: ${r.stderr.trim().split("\n").pop()}`;
  return { stdout: r.stdout, elapsed: Number(m[1]), wall };
}

function best(command: string, args: string[], env: NodeJS.ProcessEnv): Timing | string {
  let out: Timing | string = "not run";
  for (let i = 0; i < RUNS; i++) {
    const t = timeRun(command, args, env);
    if (typeof t === "string") return t;
    if (typeof out === "string" || t.elapsed < out.elapsed) out = t;
  }
  return out;
}

const UVLOOP_RUNNER =
  "import asyncio, runpy, sys, uvloop; asyncio.set_event_loop_policy(uvloop.EventLoopPolicy()); " +
  "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')";

function main(): void {
  const files = fs
    .readdirSync(PROGRAMS)
    .filter((f) => f.endsWith(".py"))
    .sort();
  const env = { ...process.env, ASYNCIO_TS_SKIP_STALE_CHECK: "1" };
  const pyEnv = { ...process.env, PYENV_VERSION: "3.13.0" };
  const rows: string[][] = [
    [
      "program",
      "asyncio-ts",
      "CPython 3.13",
      "uvloop",
      "vs CPython",
      "vs uvloop",
      "wall (ours/CPython)",
    ],
  ];
  let missed = 0;
  for (const f of files) {
    spawnSync(process.execPath, [BIN, "run", f], { cwd: PROGRAMS, env }); // fill the cache
    const ours = best(process.execPath, [BIN, "run", f], env);
    const cpy = best("python3", [f], pyEnv);
    const uv = fs.existsSync("/usr/bin/python3")
      ? best("/usr/bin/python3", ["-c", UVLOOP_RUNNER, f], process.env)
      : "no /usr/bin/python3";
    if (typeof ours === "string" || typeof cpy === "string") {
      rows.push([
        f,
        String(typeof ours === "string" ? ours : "ok"),
        String(typeof cpy === "string" ? cpy : "ok"),
      ]);
      missed++;
      continue;
    }
    if (ours.stdout !== cpy.stdout) throw new Error(`${f}: output differs from CPython's`);
    const ratio = cpy.elapsed / ours.elapsed;
    if (ratio < TARGET) missed++;
    rows.push([
      f.replace(/\.py$/, ""),
      `${ours.elapsed.toFixed(3)} s`,
      `${cpy.elapsed.toFixed(3)} s`,
      typeof uv === "string" ? "-" : `${uv.elapsed.toFixed(3)} s`,
      `${ratio.toFixed(1)}x (${ratio >= TARGET ? "met" : "MISSED"})`,
      typeof uv === "string" ? "-" : `${(uv.elapsed / ours.elapsed).toFixed(1)}x`,
      `${ours.wall.toFixed(2)} / ${cpy.wall.toFixed(2)} s`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join(" | "));
  console.log(
    `target: transpiled programs >= ${TARGET}x CPython 3.13 (best of ${RUNS} runs each; times are each program's own measurement of asyncio.run(main()))`,
  );
  process.exitCode = missed > 0 ? 1 : 0;
}

main();
