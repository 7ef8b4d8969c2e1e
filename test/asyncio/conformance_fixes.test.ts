/**
 * Behaviour fixed for conformance cases: wait()'s tuple of sets, the self-pipe callback of
 * call_soon_threadsafe, the `__init__` convention for Task/Future subclasses, the names of async
 * generator awaitables and Python ints from the queue API. Expected values were printed by
 * CPython 3.13.0 (the Python programs are quoted next to each test).
 */

import { setTraceHook, type TraceEvent } from "../../src/asyncio/trace";
import * as asyncio from "../../src/index";
import { type Coro, kw } from "../../src/index";
import { len } from "../../src/python/protocol";
import { repr } from "../../src/python/repr";
import { PySet } from "../../src/python/set";
import { Tuple } from "../../src/python/tuple";

let log: string[] = [];
const L = (...a: unknown[]) =>
  log.push(a.map((x) => (typeof x === "string" ? x : repr(x))).join(" "));

function fakeClockLoop(): asyncio.NodeEventLoop {
  const clock = {
    t: 0,
    time() {
      return this.t;
    },
    advance(s: number) {
      this.t += s;
    },
  };
  return new asyncio.NodeEventLoop(clock);
}

async function runTraced(main: () => Coro<unknown>): Promise<[string[], string[]]> {
  log = [];
  const events: string[] = [];
  setTraceHook((e: TraceEvent) => {
    events.push(e.ev === "step" ? `step ${e.task} ${e.coro}` : `cb ${e.fn}`);
  });
  try {
    await asyncio.run(main(), kw({ loop_factory: fakeClockLoop }));
  } finally {
    setTraceHook(null);
  }
  return [log, events];
}

const job = asyncio.markcoroutinefunction(function* job(name: string, delay: number): Coro<string> {
  yield* asyncio.sleep(delay);
  return name;
}, "job");

describe("wait() returns a Python tuple of two Python sets", () => {
  // done, pending = await asyncio.wait({fast, slow}, return_when=asyncio.FIRST_COMPLETED)
  // print(type(r).__name__, type(done).__name__, len(done), len(pending),
  //       sorted(t.result() for t in done))
  // -> tuple set 1 1 ['fast']
  test("FIRST_COMPLETED", async () => {
    const [out] = await runTraced(function* () {
      const fast = asyncio.create_task(job("fast", 0.02));
      const slow = asyncio.create_task(job("slow", 0.2));
      const r = yield* asyncio.wait([fast, slow], kw({ return_when: asyncio.FIRST_COMPLETED }));
      const [done, pending] = r;
      L(
        r instanceof Tuple ? "tuple" : "?",
        done instanceof PySet ? "set" : "?",
        len(done),
        len(pending),
        [...done].map((t) => t.result()).sort(),
      );
      slow.cancel();
      const [done2, pending2] = yield* asyncio.wait([slow]);
      L(slow.cancelled(), len(done2), len(pending2));
    });
    expect(out).toEqual(["tuple set 1 1 ['fast']", "True 1 0"]);
  });
});

describe("call_soon_threadsafe and the self-pipe", () => {
  // async def main():
  //     loop = asyncio.get_running_loop()
  //     loop.call_soon_threadsafe(print, "a")
  //     loop.call_soon_threadsafe(print, "b")
  // asyncio.run(main())
  // CPython's trace: step main, cb print, cb print, cb asyncio (_run_until_complete_cb),
  // cb asyncio (_read_from_self), then the shutdown tasks.
  test("one _read_from_self callback after the ready ones, in the next iteration", async () => {
    function cb(): null {
      return null;
    }
    const main = asyncio.markcoroutinefunction(function* main(): Coro<null> {
      const loop = asyncio.get_running_loop();
      loop.call_soon_threadsafe(cb);
      loop.call_soon_threadsafe(cb);
      return null;
    }, "main");
    const [, events] = await runTraced(main);
    // Task numbers depend on the tasks other tests made: compare without them.
    expect(events.map((e) => e.replace(/ Task-\d+ /, " "))).toEqual([
      "step main",
      "cb cb",
      "cb cb",
      "cb asyncio",
      "cb asyncio",
      "step BaseEventLoop.shutdown_asyncgens",
      "cb asyncio",
      "step BaseEventLoop.shutdown_default_executor",
      "cb asyncio",
    ]);
  });
});

describe("Task subclasses initialise through __init__", () => {
  // class LoggingTask(asyncio.Task):
  //     def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
  //         print("LoggingTask for", coro.__qualname__, "eager:", eager_start)
  //         super().__init__(coro, loop=loop, name=name, context=context, eager_start=eager_start)
  // ... loop.set_task_factory(asyncio.create_eager_task_factory(LoggingTask))
  //     t = asyncio.create_task(hello(), name="greeter"); print(type(t).__name__, t.done(), await t)
  // -> LoggingTask for hello eager: True / hello runs / LoggingTask True hi
  test("a subclass overriding __init__ runs the base initialisation once, from super.__init__", async () => {
    class LoggingTask<T> extends asyncio.Task<T> {
      constructor(...args: [Coro<T>, asyncio.Kw<Record<string, unknown>>?]) {
        super(...(args as [Coro<T>]));
        this.__init__(...(args as [Coro<T>]));
      }
      override __init__(coro: Coro<T>, kwargs?: asyncio.Kw<Record<string, unknown>>): null {
        L(
          "LoggingTask for",
          (coro as unknown as { __qualname__: string }).__qualname__,
          "eager:",
          kwargs?.kwargs.eager_start,
        );
        return super.__init__(coro, kwargs);
      }
    }
    const hello = asyncio.markcoroutinefunction(function* hello(): Coro<string> {
      L("hello runs");
      return "hi";
    }, "hello");
    const [out] = await runTraced(function* () {
      const loop = asyncio.get_running_loop();
      loop.set_task_factory(asyncio.create_eager_task_factory(LoggingTask as never));
      const t = asyncio.create_task(hello(), kw({ name: "greeter" }));
      const r = yield* t;
      L(t.constructor.name, t.done(), r);
    });
    expect(out.slice(0, 3)).toEqual([
      "LoggingTask for hello eager: True",
      "hello runs",
      "LoggingTask True hi",
    ]);
  });

  test("a subclass without __init__ is initialised by the constructor", async () => {
    class Plain<T> extends asyncio.Task<T> {}
    const [out] = await runTraced(function* () {
      const t = new Plain(job("x", 0), kw({ name: "p" }));
      L(t.get_name(), yield* t);
    });
    expect(out).toEqual(["p x"]);
  });
});

describe("async generator awaitables are named as CPython's", () => {
  // async def agen():
  //     try:
  //         yield 1
  //     finally:
  //         print("finalized")
  // async def main():
  //     g = agen()
  //     print(await anext(g))
  //     t1 = asyncio.ensure_future(g.asend(None)) is refused in CPython, so the names are checked
  //     through shutdown_asyncgens: trace "step Task-3 async_generator_athrow" for aclose().
  test("aclose() is async_generator_athrow, __anext__() is async_generator_asend", () => {
    const agen = asyncio.asyncgenfunction(function* agen() {
      yield asyncio.asyncgen_yield(1n);
    });
    const g = agen() as asyncio.AsyncGenerator<unknown, unknown>;
    const a = g.__anext__() as unknown as { __qualname__: string };
    const c = g.aclose() as unknown as { __qualname__: string };
    const th = g.athrow(new Error("x")) as unknown as { __qualname__: string };
    expect([a.__qualname__, c.__qualname__, th.__qualname__]).toEqual([
      "async_generator_asend",
      "async_generator_athrow",
      "async_generator_athrow",
    ]);
  });
});

describe("Python ints from the queue API", () => {
  // q = asyncio.Queue(3); print(repr(q.maxsize), repr(q.qsize()))  -> 3 0
  test("maxsize and qsize are bigints", () => {
    const q = new asyncio.Queue(3);
    expect([q.maxsize, q.qsize()]).toEqual([3n, 0n]);
    expect(new asyncio.Queue().maxsize).toBe(0n);
  });
});
