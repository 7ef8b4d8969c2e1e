/**
 * Tests for the task API appended to src/asyncio/tasks.ts (wait, as_completed, shield,
 * run_coroutine_threadsafe), to_thread and wrap_future, mirroring test_asyncio/test_tasks.py topics.
 * Expected logs were recorded once under CPython 3.13.0, on a fake clock here.
 */

import * as asyncio from "../../src/index";
import { async_for, type Coro, kw } from "../../src/index";
import { TimeoutError, ValueError } from "../../src/python/exceptions";
import { iter, next } from "../../src/python/protocol";
import { repr } from "../../src/python/repr";
import { eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog({ fakeClock: true });

const job = asyncio.markcoroutinefunction(function* job(
  r: unknown,
  d: number,
  fail = false,
): Coro<unknown> {
  yield* asyncio.sleep(d);
  if (fail) throw new ValueError(r);
  return r;
}, "job");

const sortedResults = (s: Iterable<asyncio.Future<unknown>>) =>
  repr([...s].map((t) => t.result() as bigint).sort((a, b) => Number(a - b)));

describe("wait", () => {
  test("FIRST_COMPLETED, timeout, ALL_COMPLETED, FIRST_EXCEPTION and argument errors", async () => {
    expect(
      await runLog(function* () {
        const mk = (): asyncio.Task<unknown>[] =>
          [
            [1n, 0.03],
            [2n, 0.01],
            [3n, 0.02],
          ].map(([r, d]) => asyncio.create_task(job(r, d as number)));
        const ts = mk();
        let [done, pending] = yield* asyncio.wait(ts, kw({ return_when: asyncio.FIRST_COMPLETED }));
        L("first", sortedResults(done), pending.size);
        [done, pending] = yield* asyncio.wait(ts, kw({ timeout: 0.015 }));
        L("timeout", sortedResults(done), pending.size);
        [done, pending] = yield* asyncio.wait(ts);
        L("all", sortedResults(done), pending.size);
        const ts2 = [
          asyncio.create_task(job(4n, 0.02)),
          asyncio.create_task(job(5n, 0.01, true)),
          asyncio.create_task(job(6n, 0.03)),
        ];
        [done, pending] = yield* asyncio.wait(ts2, kw({ return_when: asyncio.FIRST_EXCEPTION }));
        L("firstexc", repr([...done].map((t) => repr(t.exception()))), pending.size);
        for (const t of pending) t.cancel();
        const bad: [unknown, Record<string, unknown>][] = [
          [[], {}],
          [ts2[0], {}],
          [ts2, { return_when: "x" }],
        ];
        for (const [arg, k] of bad) {
          try {
            yield* asyncio.wait(arg as asyncio.Task<unknown>[], kw(k));
          } catch (e) {
            L((e as object).constructor.name, e);
          }
        }
        try {
          yield* asyncio.wait([job(0n, 0)] as never);
        } catch (e) {
          L((e as object).constructor.name, e);
        }
      }),
    ).toEqual([
      "first [2] 2",
      "timeout [2, 3] 1",
      "all [1, 2, 3] 0",
      "firstexc ['ValueError(5)'] 2",
      "ValueError Set of Tasks/Futures is empty.",
      "TypeError expect a list of futures, not Task",
      "ValueError Invalid return_when value: x",
      "TypeError Passing coroutines is forbidden, use tasks explicitly.",
    ]);
  });
});

describe("as_completed", () => {
  test("plain iteration gives results, async iteration the original tasks; timeout", async () => {
    expect(
      await runLog(function* () {
        const mk = () =>
          [
            [1n, 0.03],
            [2n, 0.01],
            [3n, 0.02],
          ].map(([r, d]) => asyncio.create_task(job(r, d as number)));
        for (const aw of asyncio.as_completed(mk())) L("plain", yield* aw);
        const ts = mk();
        yield* async_for(asyncio.as_completed(ts), function* (t) {
          L(
            "async",
            ts.includes(t as asyncio.Task<unknown>),
            (t as asyncio.Task<unknown>).result(),
          );
        });
        try {
          for (const aw of asyncio.as_completed([job(1n, 1)], kw({ timeout: 0.01 }))) yield* aw;
        } catch (e) {
          if (e instanceof TimeoutError) L("timeout");
        }
        try {
          asyncio.as_completed(ts[0] as never);
        } catch (e) {
          L(e);
        }
        L(repr([...asyncio.as_completed([])]));
        // The iterator is its own iterator (CPython: `iter(it) is it`), for Python and for JS.
        const it = asyncio.as_completed([job(4n, 0)]);
        L(iter(it) === it, it[Symbol.iterator]() === it, yield* next(it) as Coro<unknown>);
        L(next(it, "end"));
      }),
    ).toEqual([
      "plain 2",
      "plain 3",
      "plain 1",
      "async True 2",
      "async True 3",
      "async True 1",
      "timeout",
      "expects an iterable of awaitables, not Task",
      "[]",
      "True True 4",
      "end",
    ]);
  });
});

describe("shield", () => {
  test("cancelling the outer future leaves the inner task running", async () => {
    expect(
      await runLog(function* () {
        const inner = asyncio.create_task(job("inner", 0.02));
        const outer = asyncio.shield(inner);
        function* waiter() {
          return yield* outer;
        }
        const w = asyncio.create_task(waiter());
        yield* asyncio.sleep(0.01);
        w.cancel();
        try {
          yield* w;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) {
            L("waiter cancelled", outer.cancelled(), inner.cancelled());
          }
        }
        L("inner", yield* inner);
        const i2 = asyncio.create_task(job("x", 0.01));
        const o2 = asyncio.shield(i2);
        i2.cancel();
        try {
          yield* o2;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) L("outer cancelled with inner", o2.cancelled());
        }
        const fut = asyncio.get_running_loop().create_future() as asyncio.Future<bigint>;
        fut.set_result(3n);
        L("done inner returned", asyncio.shield(fut) === fut);
        const i3 = asyncio.create_task(job("e", 0.01, true));
        try {
          yield* asyncio.shield(i3);
        } catch (e) {
          L("exc", repr(e));
        }
      }),
    ).toEqual([
      "waiter cancelled True False",
      "inner inner",
      "outer cancelled with inner True",
      "done inner returned True",
      "exc ValueError('e')",
    ]);
  });
});

describe("helpers", () => {
  test("iscoroutinefunction and run_coroutine_threadsafe's argument check", async () => {
    expect(
      await runLog(function* () {
        L(
          asyncio.iscoroutinefunction(job),
          asyncio.iscoroutinefunction(() => 1),
        );
        try {
          asyncio.run_coroutine_threadsafe(1 as never, asyncio.get_running_loop());
        } catch (e) {
          L(e);
        }
        yield* asyncio.sleep(0);
      }),
    ).toEqual(["True False", "A coroutine object is required"]);
  });

  test("run_coroutine_threadsafe runs a coroutine on a loop from outside it", async () => {
    const loop = asyncio.new_event_loop() as asyncio.BaseEventLoop;
    const stopper = loop.create_future();
    const running = loop.run_until_complete(stopper);
    const result = asyncio.run_coroutine_threadsafe(job(42n, 0), loop);
    await expect(result).resolves.toBe(42n);
    const failed = asyncio.run_coroutine_threadsafe(job("bad", 0, true), loop);
    await expect(failed).rejects.toBeInstanceOf(ValueError);
    loop.call_soon_threadsafe(() => stopper.set_result(null));
    await running;
    loop.close();
  });

  test("to_thread runs the function in the default executor and returns its result", async () => {
    const got = await runLog(function* () {
      L(yield* asyncio.to_thread((a: bigint) => a + 1n, 1n));
    });
    expect(got).toEqual(["2"]);
  });

  test("wrap_future returns a Future as is and wraps a Promise", async () => {
    const got = await runLog(function* () {
      const fut = asyncio.get_running_loop().create_future() as asyncio.Future<unknown>;
      L(asyncio.wrap_future(fut) === fut);
      L(yield* asyncio.wrap_future(Promise.resolve(5n)));
      try {
        asyncio.wrap_future(3 as never);
      } catch (e) {
        L(e);
      }
    });
    expect(got).toEqual(["True", "5", "concurrent.futures.Future is expected, got 3.0"]);
  });
});
