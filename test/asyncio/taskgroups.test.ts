/**
 * Tests for src/asyncio/taskgroups.ts (test_asyncio/test_taskgroups.py topics), on a fake clock.
 * Expected logs were recorded once under CPython 3.13.0.
 */

import * as asyncio from "../../src/index";
import { async_with, type Coro, kw } from "../../src/index";
import {
  BaseExceptionGroup,
  ExceptionGroup,
  KeyError,
  RuntimeError,
  ValueError,
  ZeroDivisionError,
} from "../../src/python/exceptions";
import { repr, str } from "../../src/python/repr";
import { eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog({ fakeClock: true });

function* w(i: number, d: number, fail = false): Coro<bigint> {
  try {
    yield* asyncio.sleep(d);
    if (fail) throw new ValueError(`fail ${i}`);
    L("done", i);
    return BigInt(i);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) L("cancelled", i);
    throw e;
  }
}

describe("TaskGroup", () => {
  test("waits for children, groups their errors and refuses misuse", async () => {
    expect(
      await runLog(function* () {
        let t1!: asyncio.Task<bigint>;
        let t2!: asyncio.Task<bigint>;
        let group!: asyncio.TaskGroup;
        yield* async_with(new asyncio.TaskGroup(), function* (tg) {
          group = tg;
          L(repr(tg));
          t1 = tg.create_task(w(1, 0.01));
          t2 = tg.create_task(w(2, 0.02), kw({ name: "two" }));
          L(repr(tg), t2.get_name());
        });
        L("results", t1.result(), t2.result(), repr(group));
        try {
          yield* async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(w(3, 0.01, true));
            tg.create_task(w(4, 1));
            tg.create_task(w(5, 0.01, true));
            yield* asyncio.sleep(1);
            L("not reached");
          });
        } catch (eg) {
          if (!(eg instanceof ExceptionGroup)) throw eg;
          L("eg", repr(eg.exceptions), asyncio.current_task()!.cancelling());
        }
        try {
          yield* async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(w(6, 0.01));
            throw new KeyError("body");
          });
        } catch (eg) {
          if (!(eg instanceof BaseExceptionGroup)) throw eg;
          L("body eg", eg.constructor.name, str(eg), repr(eg.exceptions));
        }
        const tg = new asyncio.TaskGroup();
        try {
          tg.create_task(w(0, 0));
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        yield* async_with(tg, function* () {});
        try {
          tg.create_task(w(0, 0));
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        try {
          yield* async_with(tg, function* () {});
        } catch (e) {
          if (e instanceof RuntimeError) L("err", e);
        }
        function* aborting() {
          yield* async_with(new asyncio.TaskGroup(), function* (tg2) {
            tg2.create_task(w(7, 0.01, true));
            try {
              yield* asyncio.sleep(1);
            } catch (e) {
              try {
                tg2.create_task(w(0, 0));
              } catch (e2) {
                if (e2 instanceof RuntimeError) L("err", e2);
              }
              throw e;
            }
          });
        }
        try {
          yield* aborting();
        } catch (eg) {
          if (eg instanceof ExceptionGroup) L("eg", repr(eg.exceptions));
        }
      }),
    ).toEqual([
      "<TaskGroup entered>",
      "<TaskGroup tasks=2 entered> two",
      "done 1",
      "done 2",
      "results 1 2 <TaskGroup entered>",
      "cancelled 4",
      "eg (ValueError('fail 3'), ValueError('fail 5')) 0",
      "body eg ExceptionGroup unhandled errors in a TaskGroup (1 sub-exception) (KeyError('body'),)",
      "err TaskGroup <TaskGroup> has not been entered",
      "err TaskGroup <TaskGroup entered> is finished",
      "err TaskGroup <TaskGroup entered> has already been entered",
      "err TaskGroup <TaskGroup errors=1 cancelling> is shutting down",
      "eg (ValueError('fail 7'),)",
    ]);
  });

  test("cancelling the parent cancels the children; a child error leaves no cancellation behind", async () => {
    const got = await runLog(function* () {
      function* child(i: number) {
        try {
          yield* asyncio.sleep(1);
        } catch (e) {
          if (e instanceof asyncio.CancelledError) L("child cancelled", i);
          throw e;
        }
      }
      function* parent() {
        yield* async_with(new asyncio.TaskGroup(), function* (tg) {
          tg.create_task(child(1));
          tg.create_task(child(2));
          yield* asyncio.sleep(1);
        });
      }
      let t: asyncio.Task<unknown> = asyncio.create_task(parent());
      yield* asyncio.sleep(0.01);
      t.cancel();
      try {
        yield* t;
      } catch (e) {
        if (e instanceof asyncio.CancelledError) L("parent cancelled", t.cancelling());
      }
      function* bad(): Coro<void> {
        yield* asyncio.sleep(0.01);
        throw new ZeroDivisionError("z");
      }
      function* parent2() {
        try {
          yield* async_with(new asyncio.TaskGroup(), function* (tg) {
            tg.create_task(bad());
            yield* asyncio.sleep(1);
          });
        } catch (eg) {
          if (!(eg instanceof ExceptionGroup)) throw eg;
          L("caught zde; cancelling", asyncio.current_task()!.cancelling());
        }
        yield* asyncio.sleep(0);
        L("parent2 continues");
        return "ok";
      }
      t = asyncio.create_task(parent2());
      L(yield* t);
      function* quick() {
        return 1n;
      }
      yield* async_with(new asyncio.TaskGroup(), function* (tg) {
        t = tg.create_task(quick());
      });
      L("quick", t.result());
    });
    // CPython cancels the children in set (hash) order, here in creation order: compare sorted.
    expect(got.slice(0, 2).sort()).toEqual(["child cancelled 1", "child cancelled 2"]);
    expect(got.slice(2)).toEqual([
      "parent cancelled 1",
      "caught zde; cancelling 0",
      "parent2 continues",
      "ok",
      "quick 1",
    ]);
  });
});
