/**
 * Determinism: the loop's order depends only on the program. The same program run twice gives the
 * same scheduling trace, and that trace is the one CPython 3.13.0's recorder
 * (conformance/trace_cpython.py) wrote for the Python program below.
 */

import type * as asyncio from "asyncio-ts";
import type { internal } from "../../src/asyncio/trace";
import { fakeClock } from "../helpers/fakeClock";

// def tick(n): pass
// async def worker(name, delays):
//     for d in delays: await asyncio.sleep(d)
//     return name
// async def quick(): return 1
// async def main():
//     loop = asyncio.get_running_loop()
//     loop.call_soon(tick, 0); loop.call_later(0.015, tick, 1)
//     a = asyncio.create_task(worker('a', [0, 0.01, 0.02]), name='A')
//     b = asyncio.create_task(worker('b', [0.005, 0, 0.03]), name='B')
//     f = loop.create_future(); loop.call_later(0.025, f.set_result, 'F'); await f
//     r = await asyncio.gather(a, b, quick())
//     loop.set_task_factory(asyncio.eager_task_factory)
//     await asyncio.create_task(quick(), name='E')
//     return r
// print(asyncio.run(main()))   -> ['a', 'b', 1]
const CPYTHON_TRACE = [
  { ev: "step", task: "Task-1", coro: "main" },
  { ev: "cb", fn: "tick" },
  { ev: "step", task: "A", coro: "worker" },
  { ev: "step", task: "B", coro: "worker" },
  { ev: "step", task: "A", coro: "worker" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "B", coro: "worker" },
  { ev: "step", task: "B", coro: "worker" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "A", coro: "worker" },
  { ev: "cb", fn: "tick" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "Task-1", coro: "main" },
  { ev: "step", task: "Task-2", coro: "quick" },
  { ev: "cb", fn: "asyncio" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "A", coro: "worker" },
  { ev: "cb", fn: "asyncio" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "B", coro: "worker" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "Task-1", coro: "main" },
  { ev: "step", task: "Task-3", coro: "quick" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "None", coro: "BaseEventLoop.shutdown_asyncgens" },
  { ev: "cb", fn: "asyncio" },
  { ev: "step", task: "None", coro: "BaseEventLoop.shutdown_default_executor" },
  { ev: "cb", fn: "asyncio" },
];

function tick(_n: bigint): void {}

/** Run the program in a fresh state (task counter included) and return its trace and result. */
async function traced(): Promise<{ trace: asyncio.TraceEvent[]; result: unknown }> {
  const trace: asyncio.TraceEvent[] = [];
  let result: unknown;
  await jest.isolateModulesAsync(async () => {
    const fresh = require("asyncio-ts") as typeof asyncio;
    const freshMain = fresh.markcoroutinefunction(function* main2() {
      return yield* runIn(fresh);
    }, "main");
    fresh.setTraceHook((ev) => trace.push(ev));
    try {
      const clock = fakeClock();
      result = await fresh.run(
        freshMain(),
        fresh.kw({ loop_factory: () => new fresh.NodeEventLoop(clock) }),
      );
    } finally {
      fresh.setTraceHook(null);
    }
  });
  return { trace, result };
}

/** The program, written against a given copy of the runtime (each run gets a fresh one). */
function* runIn(aio: typeof asyncio): asyncio.Coro<unknown> {
  const { internal: internalOf } = require("../../src/asyncio/trace") as {
    internal: typeof internal;
  };
  const w = aio.markcoroutinefunction(function* worker(name: string, delays: number[]) {
    for (const d of delays) yield* aio.sleep(d);
    return name;
  }, "worker");
  const q = aio.markcoroutinefunction(function* quick() {
    return 1n;
  }, "quick");
  const loop = aio.get_running_loop() as asyncio.BaseEventLoop;
  loop.call_soon(tick, 0n);
  loop.call_later(0.015, tick, 1n);
  const a = aio.create_task(w("a", [0, 0.01, 0.02]), aio.kw({ name: "A" }));
  const b = aio.create_task(w("b", [0.005, 0, 0.03]), aio.kw({ name: "B" }));
  const f = loop.create_future<string>();
  loop.call_later(
    0.025,
    internalOf((r: string) => f.set_result(r)),
    "F",
  );
  yield* f;
  const r = yield* aio.gather(a, b, q());
  loop.set_task_factory(aio.eager_task_factory);
  yield* aio.create_task(q(), aio.kw({ name: "E" }));
  return r;
}

test("the same program run twice gives the same trace, and it is CPython's", async () => {
  const first = await traced();
  const second = await traced();
  expect(first.result).toEqual(["a", "b", 1n]);
  expect(second.result).toEqual(first.result);
  expect(second.trace).toEqual(first.trace);
  expect(first.trace).toEqual(CPYTHON_TRACE);
});
