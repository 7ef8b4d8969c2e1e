/**
 * Core event-loop benchmarks: the same workloads on asyncio-ts, CPython 3.13 asyncio and uvloop
 * (bench/py/core.py), in one run, with the ratios and the targets of the "Runtime core" issue:
 *
 * | workload     | what                                                        | target        |
 * | ------------ | ----------------------------------------------------------- | ------------- |
 * | call_soon    | a chain of 1,000,000 callbacks, each call_soon-ing the next  | >= 30x CPython |
 * | call_later   | 200,000 call_later timers, delays spread over 0..100 ms      | >= 5x CPython  |
 * | ping_pong    | 200,000 future ping-pongs between two tasks                  | >= 10x CPython |
 * | sleep0_tasks | 100,000 tasks each awaiting sleep(0)                         | >= 10x CPython |
 * | setImmediate | Node's own setImmediate chain of 1,000,000 (for comparison)  | call_soon beats it |
 *
 * Build with `npx tsc -p tsconfig.build.json`, run `npm run bench` (`node dist/bench/run.js`).
 * uvloop runs under the system `/usr/bin/python3` (Debian's python3-uvloop); when it is missing
 * the row says so and the rest still runs. Each workload runs on a fresh loop with the real
 * clock; each side reports the best of `RUNS` runs (bench/python.ts).
 */

import * as os from "node:os";
import type { Coro } from "../src/index";
import * as asyncio from "../src/index";
import { type Rates, RUNS, runTwins } from "./python";

const CALL_SOON_CHAIN = 1_000_000;
const TIMERS = 200_000;
const TIMER_SPREAD = 0.1;
const PING_PONGS = 200_000;
const SLEEP0_TASKS = 100_000;
const SET_IMMEDIATE_CHAIN = 1_000_000;

/** Speed-up over CPython 3.13 each workload must reach. */
const TARGETS: Record<string, number> = {
  call_soon: 30,
  call_later: 5,
  ping_pong: 10,
  sleep0_tasks: 10,
};

type Workload = (loop: asyncio.BaseEventLoop) => Promise<number>;

async function callSoonChain(loop: asyncio.BaseEventLoop): Promise<number> {
  let n = 0;
  const step = () => {
    n += 1;
    if (n < CALL_SOON_CHAIN) loop.call_soon(step);
    else loop.stop();
  };
  const t0 = performance.now();
  loop.call_soon(step);
  await loop.run_forever();
  return CALL_SOON_CHAIN / ((performance.now() - t0) / 1000);
}

async function timers(loop: asyncio.BaseEventLoop): Promise<number> {
  let fired = 0;
  const cb = () => {
    fired += 1;
    if (fired === TIMERS) loop.stop();
  };
  const t0 = performance.now();
  for (let i = 0; i < TIMERS; i++) {
    // Delays spread evenly over 0..100 ms, in a scrambled order (i * 7919 mod TIMERS).
    loop.call_later((((i * 7919) % TIMERS) / TIMERS) * TIMER_SPREAD, cb);
  }
  await loop.run_forever();
  return TIMERS / ((performance.now() - t0) / 1000);
}

async function pingPong(loop: asyncio.BaseEventLoop): Promise<number> {
  const main = asyncio.markcoroutinefunction(function* main(): Coro<void> {
    let ping = loop.create_future<null>();
    let pong = loop.create_future<null>();
    const a = asyncio.markcoroutinefunction(function* a(): Coro<void> {
      for (let i = 0; i < PING_PONGS; i++) {
        ping.set_result(null);
        yield* pong;
        pong = loop.create_future<null>();
      }
    }, "a");
    const b = asyncio.markcoroutinefunction(function* b(): Coro<void> {
      for (let i = 0; i < PING_PONGS; i++) {
        yield* ping;
        ping = loop.create_future<null>();
        pong.set_result(null);
      }
    }, "b");
    const tb = loop.create_task(b());
    yield* loop.create_task(a());
    yield* tb;
  }, "main");
  const t0 = performance.now();
  await loop.run_until_complete(main());
  return PING_PONGS / ((performance.now() - t0) / 1000);
}

async function sleep0Tasks(loop: asyncio.BaseEventLoop): Promise<number> {
  const work = asyncio.markcoroutinefunction(function* work(): Coro<void> {
    yield* asyncio.sleep(0);
  }, "work");
  const main = asyncio.markcoroutinefunction(function* main(): Coro<void> {
    const tasks = [];
    for (let i = 0; i < SLEEP0_TASKS; i++) tasks.push(loop.create_task(work()));
    for (const t of tasks) yield* t;
  }, "main");
  const t0 = performance.now();
  await loop.run_until_complete(main());
  return SLEEP0_TASKS / ((performance.now() - t0) / 1000);
}

function setImmediateChain(): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const t0 = performance.now();
    const step = () => {
      n += 1;
      if (n < SET_IMMEDIATE_CHAIN) setImmediate(step);
      else resolve(SET_IMMEDIATE_CHAIN / ((performance.now() - t0) / 1000));
    };
    setImmediate(step);
  });
}

const WORKLOADS: Record<string, Workload> = {
  call_soon: callSoonChain,
  call_later: timers,
  ping_pong: pingPong,
  sleep0_tasks: sleep0Tasks,
};

async function runOurs(): Promise<Rates> {
  const out: Rates = {};
  for (const [name, fn] of Object.entries(WORKLOADS)) {
    let best = 0;
    for (let i = 0; i < RUNS; i++) {
      const loop = new asyncio.NodeEventLoop();
      try {
        best = Math.max(best, await fn(loop));
      } finally {
        loop.close();
      }
    }
    out[name] = best;
  }
  let best = 0;
  for (let i = 0; i < RUNS; i++) best = Math.max(best, await setImmediateChain());
  out.setImmediate = best;
  return out;
}

const fmtRate = (r: number) => `${Math.round(r).toLocaleString("en-US")}`;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const sep = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<void> {
  const ours = await runOurs();
  const [cpython, uvloop] = runTwins("core.py");
  const rows = [
    [
      "workload",
      "asyncio-ts ops/s",
      "CPython 3.13 ops/s",
      "uvloop ops/s",
      "vs CPython",
      "target",
      "vs uvloop",
    ],
  ];
  let missed = 0;
  for (const name of Object.keys(WORKLOADS)) {
    const cp = typeof cpython === "string" ? null : cpython[name];
    const uv = typeof uvloop === "string" ? null : uvloop[name];
    const ratio = cp ? ours[name] / cp : null;
    const ok = ratio !== null && ratio >= TARGETS[name];
    if (ratio !== null && !ok) missed += 1;
    rows.push([
      name,
      fmtRate(ours[name]),
      cp ? fmtRate(cp) : "-",
      uv ? fmtRate(uv) : "-",
      ratio !== null ? `${ratio.toFixed(1)}x` : "-",
      `>= ${TARGETS[name]}x ${ratio === null ? "" : ok ? "(met)" : "(MISSED)"}`.trim(),
      uv ? `${(ours[name] / uv).toFixed(1)}x` : "-",
    ]);
  }
  const beat = ours.call_soon / ours.setImmediate;
  rows.push([
    "setImmediate",
    fmtRate(ours.setImmediate),
    "-",
    "-",
    "-",
    `call_soon beats it: ${beat >= 1 ? "yes" : "NO"} (${beat.toFixed(1)}x)`,
    "-",
  ]);
  console.log(table(rows));
  if (typeof cpython === "string") console.log(cpython);
  if (typeof uvloop === "string") console.log(uvloop);
  // The ratios move with the machine's load (GC-bound workloads suffer most): print it.
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `node ${process.version}${process.execArgv.length > 0 ? ` ${process.execArgv.join(" ")}` : ""}; best of ${RUNS} runs on each side; load average ${load.join(", ")}`,
  );
  if (missed > 0 || beat < 1) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
