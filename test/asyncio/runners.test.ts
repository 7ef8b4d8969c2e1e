/**
 * runners: asyncio.run and Runner, against what CPython 3.13.0 printed for the same program
 * (recorded once; the program is in the comment). `run()` and `Runner.run()` return Promises here.
 */

import * as asyncio from "asyncio-ts";
import { ContextVar, copy_context } from "../../src/contextvars";
import { KeyError, RuntimeError, ValueError } from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { capture } from "../helpers/capture";
import { fakeClock, fakeRunKw } from "../helpers/fakeClock";

const { kw, markcoroutinefunction: coro } = asyncio;

const main = coro(function* main() {
  return "result";
}, "main");

async function rejection(p: () => Promise<unknown>): Promise<Error> {
  try {
    await p();
  } catch (exc) {
    return exc as Error;
  }
  throw new Error("expected a rejection");
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (exc) {
    return exc as Error;
  }
  throw new Error("expected an exception");
}

// async def main(): return 'result'
// print(asyncio.run(main()))                 -> result
// async def bad(): raise KeyError('k'); asyncio.run(bad()) -> KE KeyError('k')
test("run() returns the coroutine's result or raises its exception", async () => {
  expect(await asyncio.run(main(), fakeRunKw())).toBe("result");
  const bad = coro(function* bad(): asyncio.Coro<never> {
    throw new KeyError("k");
  }, "bad");
  const e = await rejection(() => asyncio.run(bad(), fakeRunKw()));
  expect(repr(e)).toBe("KeyError('k')");
});

test("run() closes its loop and resets the event loop", async () => {
  let loop: asyncio.AbstractEventLoop | null = null;
  const grab = coro(function* grab() {
    loop = asyncio.get_running_loop();
    return asyncio.get_event_loop() === loop;
  }, "grab");
  expect(await asyncio.run(grab())).toBe(true);
  expect(loop!.is_closed()).toBe(true);
  expect(errorOf(() => asyncio.get_event_loop()).message).toBe(
    "There is no current event loop in thread 'MainThread'.",
  );
});

// async def leftover():
//     try: await asyncio.sleep(10)
//     except asyncio.CancelledError as e: out.append(('leftover cancelled', e.args)); raise
// async def main2(): asyncio.create_task(leftover(), name='L'); await asyncio.sleep(0); return 'm2'
// print(asyncio.run(main2()), out)  -> m2 [('leftover cancelled', ())]
test("shutdown cancels a leftover task", async () => {
  const out: unknown[] = [];
  const leftover = coro(function* leftover() {
    try {
      yield* asyncio.sleep(10);
    } catch (e) {
      if (e instanceof asyncio.CancelledError) out.push(["leftover cancelled", e._args]);
      throw e;
    }
  }, "leftover");
  const main2 = coro(function* main2() {
    asyncio.create_task(leftover(), kw({ name: "L" }));
    yield* asyncio.sleep(0);
    return "m2";
  }, "main2");
  const clock = fakeClock();
  expect(await asyncio.run(main2(), fakeRunKw(clock))).toBe("m2");
  expect(out).toEqual([["leftover cancelled", []]]);
  expect(clock.t).toBe(0);
});

// async def stubborn():
//     try: await asyncio.sleep(10)
//     except asyncio.CancelledError: raise ValueError('during shutdown')
// async def main3(): asyncio.create_task(stubborn(), name='S'); await asyncio.sleep(0)
// print(asyncio.run(main3()))  -> None
// stderr ->
//   unhandled exception during asyncio.run() shutdown
//   task: <Task finished name='S' coro=<stubborn() done, defined at ...> exception=ValueError('during shutdown')>
//   Traceback (most recent call last):
//   ...
//   ValueError: during shutdown
test("a leftover task failing during shutdown is reported on stderr", async () => {
  const stubborn = coro(function* stubborn() {
    try {
      yield* asyncio.sleep(10);
    } catch {
      throw new ValueError("during shutdown");
    }
  }, "stubborn");
  const main3 = coro(function* main3() {
    asyncio.create_task(stubborn(), kw({ name: "S" }));
    yield* asyncio.sleep(0);
    return null;
  }, "main3");
  let result: unknown;
  const cap = await capture(async () => {
    result = await asyncio.run(main3(), fakeRunKw());
  });
  expect(result).toBe(null);
  expect(cap.stdout).toBe("");
  const lines = cap.stderr.split("\n");
  expect(lines.slice(0, 3)).toEqual([
    "unhandled exception during asyncio.run() shutdown",
    "task: <Task finished name='S' coro=<stubborn() done> exception=ValueError('during shutdown')>",
    "Traceback (most recent call last):",
  ]);
  expect(lines.slice(-2)).toEqual(["ValueError: during shutdown", ""]);
});

// async def nested():
//     asyncio.run(c)          -> RE asyncio.run() cannot be called from a running event loop
//     asyncio.Runner().run(c) -> RE Runner.run() cannot be called from a running event loop
// asyncio.run(1)             -> VE a coroutine was expected, got 1
test("run() inside a running loop, and a non-coroutine", async () => {
  const msgs: string[] = [];
  const nested = coro(function* nested() {
    const c = main();
    const e1 = errorOf(() => asyncio.run(c));
    msgs.push(`${e1.constructor.name} ${e1.message}`);
    const e2 = errorOf(() => new asyncio.Runner().run(c));
    msgs.push(`${e2.constructor.name} ${e2.message}`);
    c.return(undefined as never);
    yield* asyncio.sleep(0);
  }, "nested");
  await asyncio.run(nested(), fakeRunKw());
  expect(msgs).toEqual([
    "RuntimeError asyncio.run() cannot be called from a running event loop",
    "RuntimeError Runner.run() cannot be called from a running event loop",
  ]);
  // Raised by the call itself, as CPython's is (not a rejected Promise nobody may await).
  const e = errorOf(() => asyncio.run(1n as never, fakeRunKw()));
  expect(e).toBeInstanceOf(ValueError);
  expect(e.message).toBe("a coroutine was expected, got 1");
});

// async def dbg(): return asyncio.get_running_loop().get_debug()
// print(asyncio.run(dbg(), debug=True), asyncio.run(dbg()), asyncio.run(dbg(), debug=False))
// -> True False False
test("the debug flag", async () => {
  const dbg = coro(function* dbg() {
    return asyncio.get_running_loop().get_debug();
  }, "dbg");
  const clock = fakeClock();
  expect([
    await asyncio.run(dbg(), fakeRunKw(clock, { debug: true })),
    await asyncio.run(dbg(), fakeRunKw(clock)),
    await asyncio.run(dbg(), fakeRunKw(clock, { debug: false })),
  ]).toEqual([true, false, false]);
});

// with asyncio.Runner() as r:
//     print(r.run(main()), r.run(main()), r.get_loop() is r.get_loop())  -> result result True
//     loop = r.get_loop()
// print(loop.is_closed())   -> True
// r.run(main())             -> RE Runner is closed
// r.get_loop()              -> RE Runner is closed
// r.close()                 (no error)
// r2 = asyncio.Runner(debug=True); print(r2.get_loop().get_debug()); r2.close(); r2.close() -> True
test("Runner: reuse, close, 'Runner is closed', debug", async () => {
  const r = new asyncio.Runner(kw({ loop_factory: () => new asyncio.NodeEventLoop(fakeClock()) }));
  r.__enter__();
  const firstLoop = r.get_loop();
  expect([await r.run(main()), await r.run(main()), r.get_loop() === firstLoop]).toEqual([
    "result",
    "result",
    true,
  ]);
  const loop = r.get_loop();
  await r.__exit__();
  expect(loop.is_closed()).toBe(true);
  const c = main();
  const e1 = errorOf(() => r.run(c));
  expect(e1).toBeInstanceOf(RuntimeError);
  expect(e1.message).toBe("Runner is closed");
  expect(errorOf(() => r.get_loop()).message).toBe("Runner is closed");
  await r.close();
  const r2 = new asyncio.Runner(kw({ debug: true }));
  expect(r2.get_loop().get_debug()).toBe(true);
  await r2.close();
  await r2.close();
});

// async def lf(): return type(asyncio.get_running_loop()).__name__
// print(asyncio.run(lf(), loop_factory=asyncio.SelectorEventLoop))  -> _UnixSelectorEventLoop
test("loop_factory", async () => {
  const lf = coro(function* lf() {
    const ctor = asyncio.get_running_loop().constructor as unknown as { __name__: string };
    return ctor.__name__;
  }, "lf");
  expect(await asyncio.run(lf(), kw({ loop_factory: () => new asyncio.SelectorEventLoop() }))).toBe(
    "_UnixSelectorEventLoop",
  );
});

// v = contextvars.ContextVar('v', default='d')
// async def setv(x): old = v.get(); v.set(x); return old
// with asyncio.Runner() as r:
//     print(r.run(setv('a')), r.run(setv('b')), v.get())                 -> d a d
//     ctx = contextvars.copy_context()
//     print(r.run(setv('c'), context=ctx), ctx.get(v), r.run(setv('e')))  -> d c b
test("a Runner keeps one context across run() calls unless given one", async () => {
  const v = new ContextVar<string>("v", kw({ default: "d" }));
  const setv = coro(function* setv(x: string) {
    const old = v.get();
    v.set(x);
    return old;
  }, "setv");
  const r = new asyncio.Runner(kw({ loop_factory: () => new asyncio.NodeEventLoop(fakeClock()) }));
  const first = [await r.run(setv("a")), await r.run(setv("b")), v.get()];
  const ctx = copy_context();
  const second = [await r.run(setv("c"), kw({ context: ctx })), ctx.get(v), await r.run(setv("e"))];
  await r.close();
  expect(first).toEqual(["d", "a", "d"]);
  expect(second).toEqual(["d", "c", "b"]);
});

// asyncio.run cancels the tasks left when main returns in the order they were registered, also
// after tasks registered between them finished (the registry keeps holes, not swaps). CPython
// iterates a set of the tasks, whose order follows their addresses; this order is the
// deterministic one documented in docs/DIFFERENCES.md.
test("run() cancels leftover tasks in their registration order", async () => {
  const order: string[] = [];
  const bg = coro(function* bg(i: number): asyncio.Coro<void> {
    try {
      yield* asyncio.sleep(10);
    } catch (exc) {
      order.push(`bg ${i}`);
      throw exc;
    }
  }, "bg");
  const quick = coro(function* quick(): asyncio.Coro<void> {
    yield* asyncio.sleep(0);
  }, "quick");
  const top = coro(function* top(): asyncio.Coro<void> {
    for (let i = 0; i < 3; i++) asyncio.create_task(bg(i));
    for (let i = 0; i < 40; i++) asyncio.create_task(quick());
    for (let i = 3; i < 6; i++) asyncio.create_task(bg(i));
    yield* asyncio.sleep(0.01);
  }, "top");
  await asyncio.run(top(), fakeRunKw());
  expect(order).toEqual(["bg 0", "bg 1", "bg 2", "bg 3", "bg 4", "bg 5"]);
});

// async def work(): return 7
// async def give(): t = asyncio.create_task(work()); await t; return t
// async def pend(): return asyncio.get_running_loop().create_future()
// t = asyncio.run(give()); print(type(t).__name__, t.result())     -> Task 7
// f = asyncio.run(pend()); print(f.done())                          -> False
// with asyncio.Runner() as r: print(type(r.run(give())).__name__)  -> Task
// loop.run_until_complete(give()) is the Task; of a future holding a Task, that Task.
test("a result that is a Future or Task is returned as it is, not awaited", async () => {
  const work = coro(function* work() {
    return 7n;
  }, "work");
  const give = coro(function* give() {
    const t = asyncio.create_task(work());
    yield* t;
    return t;
  }, "give");
  const pend = coro(function* pend() {
    return asyncio.get_running_loop().create_future();
  }, "pend");
  const t = (await asyncio.run(give())) as unknown as asyncio.Task<bigint>;
  expect([t instanceof asyncio.Task, t.result()]).toEqual([true, 7n]);
  // Still a thenable afterwards: Promise code can await it.
  expect(await t).toBe(7n);
  const f = (await asyncio.run(pend())) as unknown as asyncio.Future<unknown>;
  expect([f instanceof asyncio.Future, f.done()]).toEqual([true, false]);
  const runner = new asyncio.Runner();
  const t3 = (await runner.run(give())) as unknown as asyncio.Task<bigint>;
  await runner.close();
  expect([t3 instanceof asyncio.Task, t3.result()]).toEqual([true, 7n]);
  const loop = asyncio.new_event_loop();
  const t4 = (await loop.run_until_complete(give())) as unknown as asyncio.Task<bigint>;
  const holder = loop.create_future() as asyncio.Future<unknown>;
  holder.set_result(t4);
  expect(await loop.run_until_complete(holder)).toBe(t4);
  loop.close();
  expect(t4.result()).toBe(7n);
});
