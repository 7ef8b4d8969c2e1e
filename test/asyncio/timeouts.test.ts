/**
 * Tests for src/asyncio/timeouts.ts and wait_for's use of it (test_asyncio/test_timeouts.py
 * topics), on a fake clock. Expected logs were recorded once under CPython 3.13.0.
 */

import * as asyncio from "../../src/index";
import { async_with } from "../../src/index";
import { RuntimeError, TimeoutError, ValueError } from "../../src/python/exceptions";
import { repr, str } from "../../src/python/repr";
import { cname, eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog({ fakeClock: true });

describe("timeout", () => {
  test("states, messages, rescheduling, past deadlines and exception chaining", async () => {
    expect(
      await runLog(function* () {
        let cm!: asyncio.Timeout;
        try {
          yield* async_with(asyncio.timeout(0.01), function* (c) {
            cm = c;
            L(repr(cm).slice(0, 16), cm.expired());
            yield* asyncio.sleep(1);
          });
        } catch (e) {
          if (!(e instanceof TimeoutError)) throw e;
          L("timeout", cname(e.__cause__), e.__suppress_context__, cm.expired(), repr(cm));
        }
        yield* async_with(asyncio.timeout(null), function* (c) {
          cm = c;
          L("when", c.when());
          yield* asyncio.sleep(0);
        });
        L(repr(cm));
        cm = asyncio.timeout(1);
        L(repr(cm));
        try {
          cm.reschedule(2);
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        yield* async_with(cm, function* () {});
        try {
          cm.reschedule(2);
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        try {
          yield* async_with(cm, function* () {});
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        const loop = asyncio.get_running_loop();
        try {
          yield* async_with(asyncio.timeout(null), function* (c) {
            c.reschedule(loop.time() + 0.01);
            yield* asyncio.sleep(1);
          });
        } catch (e) {
          if (e instanceof TimeoutError) L("rescheduled timeout");
        }
        try {
          yield* async_with(asyncio.timeout_at(loop.time() - 1), function* () {
            L("inside past");
            yield* asyncio.sleep(0);
            L("not reached");
          });
        } catch (e) {
          if (e instanceof TimeoutError) L("past timeout");
        }
        try {
          yield* async_with(asyncio.timeout(0.01), function* () {
            try {
              yield* async_with(asyncio.timeout(1), function* () {
                yield* asyncio.sleep(2);
              });
            } catch (e) {
              if (e instanceof TimeoutError) L("inner caught (wrong)");
              throw e;
            }
          });
        } catch (e) {
          if (e instanceof TimeoutError) L("outer timeout");
        }
        function* victim() {
          yield* async_with(asyncio.timeout(1), function* () {
            yield* asyncio.sleep(2);
          });
        }
        const t = asyncio.create_task(victim());
        yield* asyncio.sleep(0);
        t.cancel();
        try {
          yield* t;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) L("victim cancelled");
        }
      }),
    ).toEqual([
      "<Timeout [active False",
      "timeout CancelledError True True <Timeout [expired]>",
      "when None",
      "<Timeout [finished]>",
      "<Timeout [created]>",
      "err Timeout has not been entered",
      "err Cannot change state of finished Timeout",
      "err Timeout has already been entered",
      "rescheduled timeout",
      "inside past",
      "past timeout",
      "outer timeout",
      "victim cancelled",
    ]);
  });

  test("an exception raised while expiring gets a TimeoutError inserted in its context chain", async () => {
    expect(
      await runLog(function* () {
        try {
          yield* async_with(asyncio.timeout(0.01), function* () {
            try {
              yield* asyncio.sleep(1);
            } catch (cancel) {
              const v = new ValueError("boom");
              v.__context__ = cancel as asyncio.CancelledError;
              throw v;
            }
          });
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          L("ValueError", cname(e.__context__), cname(e.__context__?.__context__));
        }
      }),
    ).toEqual(["ValueError TimeoutError CancelledError"]);
  });

  test("timeout() outside a task is refused", async () => {
    await asyncio.run(
      (function* () {
        const loop = asyncio.get_running_loop();
        const t = asyncio.timeout(1);
        const fut = loop.create_future() as asyncio.Future<string>;
        loop.call_soon(() => {
          const it = t.__aenter__();
          try {
            it.next();
          } catch (e) {
            fut.set_result(str(e));
          }
        });
        expect(yield* fut).toBe("Timeout should be used inside a task");
      })(),
    );
  });
});
