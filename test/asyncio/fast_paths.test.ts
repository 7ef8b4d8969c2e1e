/**
 * The loop's allocation-saving fast paths behave exactly as the general paths they replace:
 * - `sleep(d)` for `d <= 0` returns a small `sleep` coroutine object instead of a generator;
 * - a task's next step waits in the ready queue as the task itself instead of a Handle;
 * - the timer heap keeps each timer's `when` in a parallel Float64Array.
 * Each test compares the fast path with the general one (or with heapq's algorithm), step by step.
 */

import * as asyncio from "asyncio-ts";
import { copy_context } from "../../src/contextvars";
import "../../src/python/lang"; // Python's send/close on generator objects
import { coroQualname } from "../../src/asyncio/coroutines";
import { capture } from "../helpers/capture";
import { type FakeClock, fakeClock, fakeLoop } from "../helpers/fakeClock";

const { kw } = asyncio;

let loop: asyncio.NodeEventLoop;
let clock: FakeClock;

beforeEach(() => {
  clock = fakeClock();
  loop = fakeLoop(clock);
});

afterEach(() => {
  if (!loop.is_closed() && !loop.is_running()) loop.close();
});

/** The general path: sleep's body as a generator (what `sleep(0)` returned before). */
const referenceSleep = asyncio.markcoroutinefunction(function* sleep(
  delay: number | bigint,
  result: unknown = null,
): asyncio.Coro<unknown> {
  if (delay <= 0) {
    yield;
    return result;
  }
  return null;
}, "sleep");

type Op = ["next"] | ["throw"] | ["return", unknown];

/** Drive a coroutine through `ops`, recording each result or exception. */
function drive(coro: asyncio.Coro<unknown>, ops: Op[]): unknown[] {
  const out: unknown[] = [];
  for (const op of ops) {
    try {
      if (op[0] === "next") out.push({ ...coro.next(undefined) });
      else if (op[0] === "return") out.push({ ...coro.return(op[1]) });
      else out.push({ ...coro.throw(new asyncio.CancelledError("boom")) });
    } catch (exc) {
      out.push(`raised ${(exc as Error).constructor.name}: ${(exc as Error).message}`);
    }
  }
  return out;
}

describe("sleep(0) without a generator object", () => {
  const sequences: Op[][] = [
    [["next"], ["next"], ["next"]],
    [["throw"], ["next"]],
    [["next"], ["throw"], ["next"]],
    [["next"], ["next"], ["throw"]],
    [["return", 5], ["next"]],
    [["next"], ["return", 5], ["next"], ["throw"]],
    [["next"], ["next"], ["return", 7]],
  ];
  const args: [number | bigint, unknown][] = [
    [0, null],
    [0n, "r"],
    [-1, 1.5],
    [-0, undefined],
    [-3n, null],
  ];

  test.each(args)("sleep(%p, %p) steps as the generator does", (delay, result) => {
    for (const ops of sequences) {
      const fast = asyncio.sleep(delay, result);
      const general = referenceSleep(delay, result);
      expect(drive(fast, ops)).toEqual(drive(general, ops));
    }
  });

  test("it is a `sleep` coroutine, with Python's generator methods", () => {
    const c = asyncio.sleep(0, "r") as asyncio.Coro<unknown> & {
      send(v: unknown): unknown;
      close(): unknown;
    };
    const general = asyncio.sleep(1);
    expect([
      asyncio.iscoroutine(c),
      coroQualname(c),
      c[Symbol.iterator]() === c,
      c.constructor === general.constructor,
      Object.prototype.toString.call(c),
    ]).toEqual([true, "sleep", true, true, "[object Generator]"]);
    general.return(null);
    const g = referenceSleep(0, "r") as unknown as { send(v: unknown): unknown };
    expect(c.send(null)).toBe(g.send(null));
    let stop: unknown = null;
    try {
      c.send(null);
    } catch (exc) {
      stop = (exc as { value: unknown }).value;
    }
    expect(stop).toBe("r");
    const d = asyncio.sleep(0) as unknown as { close(): unknown };
    expect(d.close()).toBe(null);
  });

  test("awaited and wrapped in a task, as any coroutine", async () => {
    // async def main():
    //     t = asyncio.create_task(asyncio.sleep(0))
    //     print(t.get_coro().__qualname__, await asyncio.sleep(0, 'x'), await asyncio.sleep(-1, 2))
    //     await t
    //     print(t.done(), t.result())
    const log: unknown[] = [];
    const main = asyncio.markcoroutinefunction(function* main(): asyncio.Coro<void> {
      const t = asyncio.create_task(asyncio.sleep(0));
      log.push(coroQualname(t.get_coro()), yield* asyncio.sleep(0, "x"));
      log.push(yield* asyncio.sleep(-1, 2n));
      yield* t;
      log.push(t.done(), t.result());
    }, "main");
    await loop.run_until_complete(main());
    expect(log).toEqual(["sleep", "x", 2n, true, null]);
  });

  test("a NaN or non-number delay still takes the generator path", async () => {
    const main = asyncio.markcoroutinefunction(function* main(): asyncio.Coro<unknown> {
      return yield* asyncio.sleep(Number.NaN);
    }, "main");
    await expect(loop.run_until_complete(main())).rejects.toThrow(
      "Invalid delay: NaN (not a number)",
    );
  });
});

describe("task steps in the ready queue", () => {
  test("steps and callbacks keep one FIFO order, in debug mode too", async () => {
    for (const debug of [false, true]) {
      const l = fakeLoop(fakeClock());
      const order: string[] = [];
      const coro = asyncio.markcoroutinefunction(function* coro(name: string): asyncio.Coro<void> {
        order.push(`${name}:1`);
        yield* asyncio.sleep(0);
        order.push(`${name}:2`);
      }, "coro");
      const main = asyncio.markcoroutinefunction(function* main(): asyncio.Coro<void> {
        const a = l.create_task(coro("a"));
        l.call_soon(() => order.push("cb1"));
        const b = l.create_task(coro("b"));
        // Switching debug on while steps wait in the queue: they run as Handles from then on.
        l.call_soon(() => l.set_debug(true));
        l.call_soon(() => order.push("cb2"));
        yield* a;
        yield* b;
      }, "main");
      l.set_debug(debug);
      await l.run_until_complete(main());
      l.close();
      expect(order).toEqual(["a:1", "cb1", "b:1", "cb2", "a:2", "b:2"]);
    }
  });

  test("a step that cannot run is reported as its Handle would be", async () => {
    // The task's context is already entered when its step runs: the step's handle reports the
    // RuntimeError (then the handler, run in that same context, fails too).
    const coro = asyncio.markcoroutinefunction(function* coro(): asyncio.Coro<void> {}, "coro");
    const ctx = copy_context();
    let name2 = "";
    const out = await capture(() => {
      const t = loop.create_task(coro(), kw({ context: ctx }));
      loop.set_exception_handler(() => null);
      ctx.run(() => loop._run_once());
      loop.set_debug(true);
      name2 = loop.create_task(coro(), kw({ context: ctx })).get_name();
      ctx.run(() => loop._run_once());
      expect(t.done()).toBe(false);
    });
    const task2 = `<Task pending name='${name2}' coro=<coro() running>>`;
    const entered =
      "RuntimeError('cannot enter context: <_contextvars.Context object at 0x7f0000001000> is already entered')";
    expect(out.stderr).toBe(
      [
        "Unhandled error in exception handler",
        `context: {'message': 'Exception in callback Task.__step()', 'exception': ${entered}, 'handle': <Handle Task.__step()>}`,
        "Traceback (most recent call last):",
        "RuntimeError: cannot enter context: <_contextvars.Context object at 0x7f0000001000> is already entered",
        "Unhandled error in exception handler",
        `context: {'message': "Exception in callback Task.__step(${task2})", 'exception': ${entered}, 'handle': <Handle Task.__step(${task2})>}`,
        "Traceback (most recent call last):",
        "RuntimeError: cannot enter context: <_contextvars.Context object at 0x7f0000001000> is already entered",
        "",
      ].join("\n"),
    );
  });

  test("a slow step is reported with the task's repr in debug mode", async () => {
    const slow = asyncio.markcoroutinefunction(function* slow(): asyncio.Coro<void> {
      clock.t += 0.25;
      yield* asyncio.sleep(0);
    }, "slow");
    let name = "";
    const main = asyncio.markcoroutinefunction(function* main(): asyncio.Coro<void> {
      const t = loop.create_task(slow());
      name = t.get_name();
      yield* t;
    }, "main");
    loop.set_debug(true);
    const out = await capture(() => loop.run_until_complete(main()));
    expect(out.stderr).toBe(
      `Executing <Task pending name='${name}' coro=<slow() running> cb=[Task.task_wakeup()]> took 0.250 seconds\n`,
    );
  });
});

describe("gather's de-duplication", () => {
  test("a repeated argument is awaited once, with or without repeats", async () => {
    // async def work(x):
    //     print("run", x)
    //     return x
    // async def main():
    //     c = work(1)
    //     f = asyncio.get_running_loop().create_future()
    //     f.set_result(2)
    //     print(await asyncio.gather(c, f, c, f, work(3)))
    // -> run 1 / run 3 / [1, 2, 1, 2, 3]; and without repeats: run 4 / run 5 / [4, 5]
    const log: unknown[] = [];
    const work = asyncio.markcoroutinefunction(function* work(x: number): asyncio.Coro<number> {
      log.push(`run ${x}`);
      return x;
    }, "work");
    const main = asyncio.markcoroutinefunction(function* main(): asyncio.Coro<void> {
      const c = work(1);
      const f = loop.create_future<number>();
      f.set_result(2);
      log.push(yield* asyncio.gather(c, f, c, f, work(3)));
      log.push(yield* asyncio.gather(work(4), work(5)));
    }, "main");
    await loop.run_until_complete(main());
    expect(log).toEqual(["run 1", "run 3", [1, 2, 1, 2, 3], "run 4", "run 5", [4, 5]]);
  });
});

describe("the timer heap", () => {
  /** heapq's heappush/heappop on [when, id] pairs compared by `when` only. */
  function referenceOrder(whens: number[], cancelled: Set<number>): number[] {
    const heap: [number, number][] = [];
    const push = (item: [number, number]) => {
      heap.push(item);
      let pos = heap.length - 1;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (item[0] < heap[parent][0]) {
          heap[pos] = heap[parent];
          pos = parent;
        } else break;
      }
      heap[pos] = item;
    };
    const pop = (): [number, number] => {
      const last = heap.pop()!;
      if (heap.length === 0) return last;
      const top = heap[0];
      let pos = 0;
      const end = heap.length;
      let child = 1;
      while (child < end) {
        const right = child + 1;
        if (right < end && !(heap[child][0] < heap[right][0])) child = right;
        heap[pos] = heap[child];
        pos = child;
        child = 2 * pos + 1;
      }
      heap[pos] = last;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (last[0] < heap[parent][0]) {
          heap[pos] = heap[parent];
          pos = parent;
        } else break;
      }
      heap[pos] = last;
      return top;
    };
    for (const [id, w] of whens.entries()) push([w, id]);
    const order: number[] = [];
    while (heap.length > 0) {
      const [, id] = pop();
      if (!cancelled.has(id)) order.push(id);
    }
    return order;
  }

  test("timers with equal times fire in heapq's order", async () => {
    // Few distinct times, scrambled: the order among equal times is heapq's, not FIFO.
    const whens = Array.from({ length: 300 }, (_, i) => ((i * 7919) % 13) / 10);
    const fired: number[] = [];
    whens.forEach((w, id) => {
      loop.call_at(w, () => fired.push(id));
    });
    loop.call_at(2, () => loop.stop());
    whens.push(2); // the stop timer is in the heap too (it fires last, recording nothing)
    await loop.run_forever();
    fired.push(300);
    expect(fired).toEqual(referenceOrder(whens, new Set()));
  });

  test("cancelling most timers (the heap is rebuilt) keeps the order", async () => {
    const whens = Array.from({ length: 400 }, (_, i) => ((i * 31) % 17) / 10);
    const fired: number[] = [];
    const handles = whens.map((w, id) => loop.call_at(w, () => fired.push(id)));
    const cancelled = new Set<number>();
    handles.forEach((h, id) => {
      if (id % 4 !== 0) {
        h.cancel();
        cancelled.add(id);
      }
    });
    loop.call_at(3, () => loop.stop());
    whens.push(3);
    await loop.run_forever();
    fired.push(400);
    expect(loop._timer_cancelled_count).toBe(0);
    // After a rebuild the heap is heapify()'d: only the survivors' relative order by `when` is
    // fixed, so compare the sequence of times, and each time's set of ids.
    const byWhen = (ids: number[]) => ids.map((id) => whens[id]);
    const expected = referenceOrder(whens, cancelled);
    expect(byWhen(fired)).toEqual(byWhen(expected));
    expect([...fired].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
  });
});
