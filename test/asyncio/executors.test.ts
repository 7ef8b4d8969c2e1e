/**
 * run_in_executor, to_thread and concurrent.futures (src/concurrent/futures.ts): a worker
 * "thread" gets its turn when the asyncio loop waits, or between its batches, as a CPython worker
 * gets the GIL; a call that must wait for a result runs the queued calls. Messages and reprs are
 * CPython 3.13.0's.
 */

import {
  BrokenThreadPool,
  CancelledError as ConcurrentCancelledError,
  Future as ConcurrentFuture,
  InvalidStateError as ConcurrentInvalidStateError,
  ThreadPoolExecutor,
} from "../../src/concurrent/futures";
import * as asyncio from "../../src/index";
import { kw } from "../../src/index";
import { RuntimeError, TypeError, ValueError } from "../../src/python/exceptions";
import { eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog();

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an exception");
}

describe("run_in_executor", () => {
  test("the call runs once the loop waits: after the ready callbacks, before a timer", async () => {
    const got = await runLog(function* () {
      const loop = asyncio.get_running_loop() as asyncio.BaseEventLoop;
      const fut = loop.run_in_executor(
        null,
        (n: bigint) => {
          L("thread runs", n);
          return n * 2n;
        },
        21n,
      );
      L("submitted", fut.done());
      loop.call_soon(() => L("ready callback"));
      yield* asyncio.sleep(0);
      L("after sleep(0)", fut.done());
      L("result", yield* fut);
    });
    expect(got).toEqual([
      "submitted False",
      "ready callback",
      "after sleep(0) False",
      "thread runs 21",
      "result 42",
    ]);
  });

  test("exceptions, the default executor's name, and its rules", async () => {
    const got = await runLog(function* () {
      const loop = asyncio.get_running_loop() as asyncio.BaseEventLoop;
      try {
        yield* loop.run_in_executor(null, () => {
          throw new ValueError("boom");
        });
      } catch (e) {
        L("caught", (e as Error).constructor.name, e);
      }
      L((loop._default_executor as ThreadPoolExecutor)._thread_name_prefix);
      L(errorOf(() => loop.set_default_executor({})).message);
      yield* loop.shutdown_default_executor();
      L(errorOf(() => loop.run_in_executor(null, () => 1n)).message);
    });
    expect(got).toEqual([
      "caught ValueError boom",
      "asyncio",
      "executor must be ThreadPoolExecutor instance",
      "Executor shutdown has been called",
    ]);
  });

  test("cancelling the asyncio future cancels a call that has not started", async () => {
    const got = await runLog(function* () {
      const loop = asyncio.get_running_loop() as asyncio.BaseEventLoop;
      const pool = new ThreadPoolExecutor(kw({ max_workers: 1n }));
      const fut = loop.run_in_executor(pool, () => L("never runs"));
      L(fut.cancel(), fut.cancelled());
      yield* asyncio.sleep(0.01);
      pool.shutdown();
      L("done");
    });
    expect(got).toEqual(["True True", "done"]);
  });
});

describe("concurrent.futures", () => {
  test("a pool used from synchronous code: submit, map, shutdown", () => {
    const pool = new ThreadPoolExecutor(2n, "calc");
    const f = pool.submit((x: bigint) => x * x, 7n);
    expect(f.__repr__()).toMatch(/^<Future at 0x[0-9a-f]+ state=pending>$/);
    expect(f.result()).toBe(49n);
    expect(f.__repr__()).toMatch(/^<Future at 0x[0-9a-f]+ state=finished returned int>$/);
    expect([...pool.map((x: bigint) => x + 1n, [1n, 2n, 3n])]).toEqual([2n, 3n, 4n]);
    const bad = pool.submit(() => {
      throw new RuntimeError("worker failed");
    });
    expect(errorOf(() => bad.result()).message).toBe("worker failed");
    expect(bad.__repr__()).toMatch(/state=finished raised RuntimeError>$/);
    pool.shutdown();
    expect(errorOf(() => pool.submit(() => null)).message).toBe(
      "cannot schedule new futures after shutdown",
    );
    expect(errorOf(() => new ThreadPoolExecutor(0n))).toBeInstanceOf(ValueError);
    expect(errorOf(() => new ThreadPoolExecutor(null, "", 5n))).toBeInstanceOf(TypeError);
  });

  test("Future states, callbacks and errors", () => {
    const seen: string[] = [];
    const f = new ConcurrentFuture<bigint>();
    f.add_done_callback((g) => seen.push(`cb ${g.result()}`));
    expect([f.done(), f.running(), f.cancelled()]).toEqual([false, false, false]);
    f.set_result(3n);
    f.add_done_callback(() => seen.push("late cb"));
    expect(seen).toEqual(["cb 3", "late cb"]);
    expect(errorOf(() => f.set_result(4n))).toBeInstanceOf(ConcurrentInvalidStateError);
    const c = new ConcurrentFuture();
    expect([c.cancel(), c.cancelled(), c.done()]).toEqual([true, true, true]);
    expect(errorOf(() => c.result())).toBeInstanceOf(ConcurrentCancelledError);
    expect(errorOf(() => new ConcurrentFuture().result(kw({ timeout: 1 })))).toBeInstanceOf(
      asyncio.TimeoutError,
    );
  });

  test("shutdown(cancel_futures=True) cancels what has not started", () => {
    const pool = new ThreadPoolExecutor();
    const ran: bigint[] = [];
    const fs = [1n, 2n].map((n) => pool.submit(() => ran.push(n)));
    pool.shutdown(kw({ wait: true, cancel_futures: true }));
    expect(fs.map((f) => f.cancelled())).toEqual([true, true]);
    expect(ran).toEqual([]);
  });

  test("an initializer that raises breaks the pool: waiting calls fail, new ones are refused", () => {
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const pool = new ThreadPoolExecutor(
        kw({
          max_workers: 1n,
          initializer: () => {
            throw new ValueError("no");
          },
        }),
      );
      const f = pool.submit((a: bigint) => a * 2n, 4n);
      const broken = errorOf(() => f.result());
      expect(broken).toBeInstanceOf(BrokenThreadPool);
      expect(broken.message).toBe(
        "A thread initializer failed, the thread pool is not usable anymore",
      );
      expect(errorOf(() => pool.submit(() => 1n))).toBeInstanceOf(BrokenThreadPool);
      expect(write.mock.calls.map((c) => String(c[0])).join("")).toBe(
        "Exception in initializer:\nValueError: no\n",
      );
    } finally {
      write.mockRestore();
    }
  });
});
