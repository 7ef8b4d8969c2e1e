/**
 * High-level asyncio workloads on asyncio-ts, compared with CPython 3.13 and uvloop running the
 * same programs (bench/py/highlevel.py) in the same run:
 *
 * - queue: 500,000 items through a bounded Queue(100), one producer and one consumer;
 * - gather: 100,000 tasks (each sleeps 0 once) through gather;
 * - lock: 100 tasks contending for one Lock, 1,000 `async with lock` rounds each.
 *
 * Build with `npx tsc -p tsconfig.build.json`, run `node dist/bench/highlevel.js`. Prints ops/s for
 * each runtime (the best of RUNS runs on each side) and the ratios; the target is at least 5x
 * CPython.
 */

import * as asyncio from "../src/index";
import { AsyncWith, type Coro } from "../src/index";
import { type Rates, RUNS, runTwins } from "./python";

const QUEUE_ITEMS = 500_000;
const GATHER_TASKS = 100_000;
const LOCK_TASKS = 100;
const LOCK_ROUNDS = 1_000;
/** The speed-up over CPython 3.13 this runtime aims for. */
const TARGET_RATIO = 5;

function* queueWorkload(): Coro<number> {
  const q = new asyncio.Queue<number | null>(100);
  function* producer(): Coro<void> {
    for (let i = 0; i < QUEUE_ITEMS; i++) yield* q.put(i);
    yield* q.put(null);
  }
  function* consumer(): Coro<number> {
    let n = 0;
    while ((yield* q.get()) !== null) n += 1;
    return n;
  }
  const [, n] = (yield* asyncio.gather(producer(), consumer())) as [unknown, number];
  if (n !== QUEUE_ITEMS) throw new Error("queue workload lost items");
  return QUEUE_ITEMS;
}

function* gatherWorkload(): Coro<number> {
  function* work(i: number): Coro<number> {
    yield* asyncio.sleep(0);
    return i;
  }
  const coros = [];
  for (let i = 0; i < GATHER_TASKS; i++) coros.push(work(i));
  const res = yield* asyncio.gather(...coros);
  if (res.length !== GATHER_TASKS) throw new Error("gather workload lost results");
  return GATHER_TASKS;
}

function* lockWorkload(): Coro<number> {
  const lock = new asyncio.Lock();
  let counter = 0;
  function* worker(): Coro<void> {
    for (let i = 0; i < LOCK_ROUNDS; i++) {
      // `async with lock:` in the inline form (AsyncWith, protocols.ts): when the lock is free
      // and nobody waits it is taken without a generator (FAST_PATH); when it must wait,
      // AsyncWith drives Lock's hand-written wait iterator (WAIT_ITER).
      const w = yield* AsyncWith.enter(lock);
      let ok = true;
      try {
        counter += 1;
        yield* asyncio.sleep(0);
      } catch (e) {
        ok = false;
        if (!(yield* w.exit_exc(e))) throw e;
      } finally {
        if (ok) yield* w.exit_ok();
      }
    }
  }
  const workers = [];
  for (let i = 0; i < LOCK_TASKS; i++) workers.push(worker());
  yield* asyncio.gather(...workers);
  if (counter !== LOCK_TASKS * LOCK_ROUNDS) throw new Error("lock workload miscounted");
  return counter;
}

const WORKLOADS: Record<string, () => Coro<number>> = {
  queue: queueWorkload,
  gather: gatherWorkload,
  lock: lockWorkload,
};

async function runOurs(): Promise<Rates> {
  const out: Rates = {};
  for (const [name, fn] of Object.entries(WORKLOADS)) {
    let best = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const ops = await asyncio.run(fn());
      best = Math.max(best, ops / ((performance.now() - t0) / 1000));
    }
    out[name] = best;
  }
  return out;
}

const fmtRate = (r: number) => `${Math.round(r).toLocaleString("en-US")} ops/s`;

async function main(): Promise<void> {
  const ours = await runOurs();
  const [cpythonRun, uvloopRun] = runTwins("highlevel.py");
  for (const r of [cpythonRun, uvloopRun]) if (typeof r === "string") console.error(r);
  const cpython = typeof cpythonRun === "string" ? null : cpythonRun;
  const uvloop = typeof uvloopRun === "string" ? null : uvloopRun;
  console.log(`target: asyncio-ts >= ${TARGET_RATIO}x CPython 3.13`);
  for (const name of Object.keys(WORKLOADS)) {
    const parts = [`${name.padEnd(7)} asyncio-ts ${fmtRate(ours[name])}`];
    if (cpython) {
      const ratio = ours[name] / cpython[name];
      parts.push(
        `CPython ${fmtRate(cpython[name])} (x${ratio.toFixed(2)}${ratio >= TARGET_RATIO ? "" : ", below target"})`,
      );
    }
    if (uvloop)
      parts.push(`uvloop ${fmtRate(uvloop[name])} (x${(ours[name] / uvloop[name]).toFixed(2)})`);
    console.log(parts.join(" | "));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
