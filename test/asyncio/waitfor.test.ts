/**
 * Tests for wait_for in src/asyncio/tasks.ts (test_asyncio/test_waitfor.py topics), on a fake clock. Expected logs were recorded once under CPython 3.13.0.
 */

import * as asyncio from "../../src/index";
import { type Coro, kw } from "../../src/index";
import { TimeoutError } from "../../src/python/exceptions";
import { cname, eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog({ fakeClock: true });

describe("wait_for", () => {
  test("results, timeouts (positive, zero, negative, None) and cancellation", async () => {
    expect(
      await runLog(function* () {
        function* slow(r: unknown, d: number): Coro<unknown> {
          try {
            yield* asyncio.sleep(d);
            return r;
          } catch (e) {
            L("slow cancelled", r);
            throw e;
          }
        }
        L(yield* asyncio.wait_for(slow(1n, 0.01), 1));
        try {
          yield* asyncio.wait_for(slow(2n, 1), 0.01);
        } catch (e) {
          if (e instanceof TimeoutError) L("timeout", cname(e.__cause__));
        }
        try {
          yield* asyncio.wait_for(slow(3n, 1), 0);
        } catch (e) {
          if (e instanceof TimeoutError) L("timeout0", cname(e.__cause__));
        }
        const fut = asyncio.get_running_loop().create_future() as asyncio.Future<bigint>;
        fut.set_result(7n);
        L(yield* asyncio.wait_for(fut, 0));
        L(yield* asyncio.wait_for(slow(4n, 0), null));
        const t = asyncio.create_task(slow(5n, 1));
        try {
          yield* asyncio.wait_for(t, -1);
        } catch (e) {
          if (e instanceof TimeoutError) L("neg timeout", t.cancelled());
        }
        const outerName = asyncio.current_task()!.get_name();
        function* inner() {
          L("inner task", asyncio.current_task()!.get_name() === outerName);
          return 9n;
        }
        L(yield* asyncio.wait_for(inner(), kw({ timeout: 1 })));
        function* suppress() {
          try {
            yield* asyncio.sleep(1);
          } catch (e) {
            if (e instanceof asyncio.CancelledError) return "suppressed";
            throw e;
          }
          return "no";
        }
        try {
          L(yield* asyncio.wait_for(suppress(), 0.01));
        } catch (e) {
          if (e instanceof TimeoutError) L("timeout suppress");
        }
      }),
    ).toEqual([
      "1",
      "slow cancelled 2",
      "timeout CancelledError",
      "timeout0 CancelledError",
      "7",
      "4",
      "neg timeout True",
      "inner task True",
      "9",
      "suppressed",
    ]);
  });
});
