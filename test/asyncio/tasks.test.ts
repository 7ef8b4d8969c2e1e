/**
 * tasks: the Task class, sleep, ensure_future, current_task/all_tasks and eager tasks, against what
 * CPython 3.13.0 printed for the same program (recorded once; the program is in the comment).
 *
 * Task reprs: CPython prints `coro=<child() running at FILE:LINE>`; a generator has no source
 * position, so asyncio-ts prints `coro=<child() running>` (docs/DIFFERENCES.md).
 */

import * as asyncio from "asyncio-ts";
import { ContextVar, copy_context } from "../../src/contextvars";
import { KeyError, RuntimeError, TypeError, ValueError } from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { capture } from "../helpers/capture";
import { fakeClock, fakeRunKw } from "../helpers/fakeClock";

const { kw, markcoroutinefunction: coro } = asyncio;
type Coro<T = unknown> = asyncio.Coro<T>;

function run<T>(main: Coro<T>): Promise<T> {
  return asyncio.run(main, fakeRunKw());
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (exc) {
    return exc as Error;
  }
  throw new Error("expected an exception");
}

function* catching(body: () => Coro<unknown>): Coro<unknown> {
  try {
    return yield* body();
  } catch (exc) {
    return exc;
  }
}

/** The part of a task repr before ` coro=`, as the Python programs print it. */
function head(t: asyncio.Task<unknown>): string {
  return repr(t).split(" coro")[0];
}

// This test must stay first: it sees the process-wide Task-N counter from its start.
//
// async def child(n): out.append(('child', n)); return n * 2
// async def main():
//     t = asyncio.create_task(child(1)); out.append(('created', t.get_name(), t.done()))
//     print(repr(t)); r = await t; out.append(('awaited', r)); print(repr(t))
//     t2 = asyncio.create_task(child(2), name='named'); print(t2.get_name(), repr(t2))
//     t2.set_name(42); print(t2.get_name()); await t2
//     t3 = asyncio.create_task(child(3)); print(t3.get_name()); await t3
//     print(asyncio.current_task().get_name(), ...); print(len(asyncio.all_tasks()))
//     print(repr(asyncio.current_task()))
//     current_task().set_result(1) / set_exception(ValueError()) / result() / exception()
// ->
// <Task pending name='Task-2' coro=<child() running at /tmp/py/ta1.py:3>>
// <Task finished name='Task-2' coro=<child() done, defined at /tmp/py/ta1.py:3> result=2>
// named <Task pending name='named' coro=<child() running at /tmp/py/ta1.py:3>>
// 42
// Task-3
// Task-1 True
// 1
// <Task pending name='Task-1' coro=<main() running at ...:20> cb=[_run_until_complete_cb() at .../base_events.py:182]>
// RE Task does not support set_result operation
// RE Task does not support set_exception operation
// ISE Result is not set.
// ISE Exception is not set.
// [('created', 'Task-2', False), ('child', 1), ('awaited', 2), ('child', 2), ('child', 3)]
test("tasks start lazily, are named Task-N from one counter, and refuse set_result", async () => {
  const out: unknown[] = [];
  const printed: string[] = [];
  const child = coro(function* child(n: bigint) {
    out.push(["child", n]);
    return n * 2n;
  }, "child");
  const main = coro(function* main() {
    const t = asyncio.create_task(child(1n));
    out.push(["created", t.get_name(), t.done()]);
    printed.push(repr(t));
    const r = yield* t;
    out.push(["awaited", r]);
    printed.push(repr(t));
    const t2 = asyncio.create_task(child(2n), kw({ name: "named" }));
    printed.push(`${t2.get_name()} ${repr(t2)}`);
    t2.set_name(42n);
    printed.push(t2.get_name());
    yield* t2;
    const t3 = asyncio.create_task(child(3n));
    printed.push(t3.get_name());
    yield* t3;
    const cur = asyncio.current_task()!;
    printed.push(`${cur.get_name()} ${cur === asyncio.current_task()}`);
    printed.push(String(asyncio.all_tasks().size));
    printed.push(repr(cur));
    printed.push(`RE ${errorOf(() => cur.set_result(1n)).message}`);
    printed.push(`RE ${errorOf(() => cur.set_exception(new ValueError())).message}`);
    printed.push(`ISE ${errorOf(() => cur.result()).message}`);
    printed.push(`ISE ${errorOf(() => cur.exception()).message}`);
  }, "main");
  await run(main());
  expect(printed).toEqual([
    "<Task pending name='Task-2' coro=<child() running>>",
    "<Task finished name='Task-2' coro=<child() done> result=2>",
    "named <Task pending name='named' coro=<child() running>>",
    "42",
    "Task-3",
    "Task-1 true",
    "1",
    "<Task pending name='Task-1' coro=<main() running> cb=[_run_until_complete_cb()]>",
    "RE Task does not support set_result operation",
    "RE Task does not support set_exception operation",
    "ISE Result is not set.",
    "ISE Exception is not set.",
  ]);
  expect(out).toEqual([
    ["created", "Task-2", false],
    ["child", 1n],
    ["awaited", 2n],
    ["child", 2n],
    ["child", 3n],
  ]);
});

// print(asyncio.current_task(asyncio.new_event_loop())) -> None
// asyncio.current_task() / asyncio.all_tasks() outside a loop -> RE no running event loop
test("current_task and all_tasks outside a running loop", () => {
  const l = new asyncio.NodeEventLoop(fakeClock());
  expect(asyncio.current_task(l)).toBe(null);
  expect(asyncio.all_tasks(l).size).toBe(0);
  l.close();
  expect(errorOf(() => asyncio.current_task()).message).toBe("no running event loop");
  expect(errorOf(() => asyncio.all_tasks()).message).toBe("no running event loop");
});

describe("scheduling order", () => {
  // async def ticker(n): for i in range(n): out.append(f't{i}'); await asyncio.sleep(0)
  // async def short(): out.append('short-start'); return 's'
  // async def waiter():
  //     out.append('w-start'); t = asyncio.create_task(short()); r = await t
  //     out.append('w-got-' + r)
  //     f = loop.create_future(); loop.call_soon(f.set_result, 'F'); out.append('w-await-fut')
  //     r = await f; out.append('w-got-' + r)
  //     await asyncio.sleep(0); out.append('w-after-sleep0')
  // async def main(): asyncio.create_task(ticker(8)); await asyncio.create_task(waiter()); out.append('main-done')
  // -> ['t0', 'w-start', 't1', 'short-start', 't2', 'w-got-s', 'w-await-fut', 't3', 't4',
  //     'w-got-F', 't5', 'w-after-sleep0', 't6', 'main-done', 't7']
  test("hop counts: awaiting a task, a future and sleep(0)", async () => {
    const out: string[] = [];
    const ticker = coro(function* ticker(n: number) {
      for (let i = 0; i < n; i++) {
        out.push(`t${i}`);
        yield* asyncio.sleep(0);
      }
    }, "ticker");
    const short = coro(function* short() {
      out.push("short-start");
      return "s";
    }, "short");
    const waiter = coro(function* waiter() {
      out.push("w-start");
      const t = asyncio.create_task(short());
      let r = yield* t;
      out.push(`w-got-${r}`);
      const loop = asyncio.get_running_loop();
      const f = loop.create_future() as asyncio.Future<string>;
      loop.call_soon((v: string) => f.set_result(v), "F");
      out.push("w-await-fut");
      r = yield* f;
      out.push(`w-got-${r}`);
      yield* asyncio.sleep(0);
      out.push("w-after-sleep0");
    }, "waiter");
    const main = coro(function* main() {
      asyncio.create_task(ticker(8));
      yield* asyncio.create_task(waiter());
      out.push("main-done");
    }, "main");
    await run(main());
    expect(out).toEqual([
      "t0",
      "w-start",
      "t1",
      "short-start",
      "t2",
      "w-got-s",
      "w-await-fut",
      "t3",
      "t4",
      "w-got-F",
      "t5",
      "w-after-sleep0",
      "t6",
      "main-done",
      "t7",
    ]);
  });

  // async def ticker(): for i in range(4): out.append(f't{i}'); await asyncio.sleep(0)
  // async def sleeper():
  //     loop.call_later(0, out.append, 'timer0'); await asyncio.sleep(0.0); out.append('after-sleep0.0')
  // a = create_task(ticker()); b = create_task(sleeper()); await a; await b
  // -> ['t0', 't1', 'after-sleep0.0', 'timer0', 't2', 't3']   (due timers join the END of the ready queue)
  test("due timers are appended after the callbacks already ready", async () => {
    const out: string[] = [];
    const ticker = coro(function* ticker() {
      for (let i = 0; i < 4; i++) {
        out.push(`t${i}`);
        yield* asyncio.sleep(0);
      }
    }, "ticker");
    const sleeper = coro(function* sleeper() {
      asyncio.get_running_loop().call_later(0, (x: string) => out.push(x), "timer0");
      yield* asyncio.sleep(0.0);
      out.push("after-sleep0.0");
    }, "sleeper");
    const main = coro(function* main() {
      const a = asyncio.create_task(ticker());
      const b = asyncio.create_task(sleeper());
      yield* a;
      yield* b;
    }, "main");
    await run(main());
    expect(out).toEqual(["t0", "t1", "after-sleep0.0", "timer0", "t2", "t3"]);
  });

  // async def sleeper(): await asyncio.sleep(0.01); out.append('after-sleep')
  // async def main():
  //     t = create_task(sleeper()); await asyncio.sleep(0)
  //     loop.call_later(0.01, out.append, 'timer-a')
  //     loop.call_later(0.01, lambda: loop.call_soon(out.append, 'soon-from-timer'))
  //     await t; out.append('main')
  // -> ['timer-a', 'after-sleep', 'soon-from-timer', 'main']
  test("sleep(d): the timer fires in iteration N, the task resumes in N+1", async () => {
    const out: string[] = [];
    const push = (x: string) => out.push(x);
    const sleeper = coro(function* sleeper() {
      yield* asyncio.sleep(0.01);
      out.push("after-sleep");
    }, "sleeper");
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop();
      const t = asyncio.create_task(sleeper());
      yield* asyncio.sleep(0);
      loop.call_later(0.01, push, "timer-a");
      loop.call_later(0.01, () => loop.call_soon(push, "soon-from-timer"));
      yield* t;
      out.push("main");
    }, "main");
    await run(main());
    expect(out).toEqual(["timer-a", "after-sleep", "soon-from-timer", "main"]);
  });

  // sleep(delay, result) and NaN:
  // print(await asyncio.sleep(0, 'r0'), await asyncio.sleep(0.001, 'r1')) -> r0 r1
  // await asyncio.sleep(float('nan')) -> VE Invalid delay: NaN (not a number)
  test("sleep returns its result; a NaN delay is refused", async () => {
    const clock = fakeClock();
    const main = coro(function* main() {
      const a = yield* asyncio.sleep(0, "r0");
      const b = yield* asyncio.sleep(0.001, "r1");
      const t = clock.t;
      const e = (yield* catching(() => asyncio.sleep(Number.NaN))) as Error;
      yield* asyncio.sleep(100);
      return [a, b, t, e instanceof ValueError, e.message, clock.t];
    }, "main");
    expect(await asyncio.run(main(), fakeRunKw(clock))).toEqual([
      "r0",
      "r1",
      0.001,
      true,
      "Invalid delay: NaN (not a number)",
      100.001,
    ]);
  });
});

describe("cancellation", () => {
  // async def victim(log):
  //     try: await asyncio.sleep(10)
  //     except asyncio.CancelledError as e:
  //         log.append(('caught', e.args, asyncio.current_task().cancelling()))
  //         await asyncio.sleep(0); log.append('continued'); return 'survived'
  // t = create_task(victim(log)); await sleep(0)
  // print(t.cancel('stop it'), t.cancelling(), head(t))  -> True 1 <Task cancelling name='Task-2'
  // print(t.cancel(), t.cancelling())                    -> True 2
  // print(await t, t.cancelled(), t.cancelling(), log)
  // -> survived False 2 [('caught', ('stop it',), 2), 'continued']
  // print(t.uncancel(), t.uncancel(), t.cancelling())   -> 1 0 0
  test("cancel(msg) delivers the message; a task may catch it and continue", async () => {
    const printed: unknown[] = [];
    const victim = coro(function* victim(log: unknown[]) {
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        log.push(["caught", e._args, asyncio.current_task()!.cancelling()]);
        yield* asyncio.sleep(0);
        log.push("continued");
        return "survived";
      }
      return "not cancelled";
    }, "victim");
    const main = coro(function* main() {
      const log: unknown[] = [];
      const t = asyncio.create_task(victim(log), kw({ name: "v" }));
      yield* asyncio.sleep(0);
      printed.push([t.cancel("stop it"), t.cancelling(), head(t)]);
      printed.push([t.cancel(), t.cancelling()]);
      printed.push([yield* t, t.cancelled(), t.cancelling(), log]);
      printed.push([t.uncancel(), t.uncancel(), t.cancelling()]);
    }, "main");
    await run(main());
    expect(printed).toEqual([
      [true, 1n, "<Task cancelling name='v'"],
      [true, 2n],
      ["survived", false, 2n, [["caught", ["stop it"], 2n], "continued"]],
      [1n, 0n, 0n],
    ]);
  });

  // t2 = create_task(plain()); print(t2.cancel('early'))         -> True
  // await t2                     -> CE ('early',) True
  // t2.result()                  -> CE result ()
  // t2.exception()               -> CE exc ()
  // print(t2.cancel(), head(t2)) -> False <Task cancelled name='Task-3'
  // t3: started, then cancel() with no message -> CE3 ()
  test("cancel before the first step; the saved CancelledError is handed out once", async () => {
    const printed: unknown[] = [];
    const plain = coro(function* plain() {
      yield* asyncio.sleep(10);
    }, "plain");
    const main = coro(function* main() {
      const t2 = asyncio.create_task(plain(), kw({ name: "t2" }));
      printed.push(t2.cancel("early"));
      const e = (yield* catching(() => t2[Symbol.iterator]())) as asyncio.CancelledError;
      printed.push(["CE", e._args, t2.cancelled()]);
      printed.push(["CE result", (errorOf(() => t2.result()) as asyncio.CancelledError)._args]);
      printed.push(["CE exc", (errorOf(() => t2.exception()) as asyncio.CancelledError)._args]);
      printed.push([t2.cancel(), head(t2)]);
      const t3 = asyncio.create_task(plain());
      yield* asyncio.sleep(0);
      t3.cancel();
      const e3 = (yield* catching(() => t3[Symbol.iterator]())) as asyncio.CancelledError;
      printed.push(["CE3", e3._args]);
    }, "main");
    await run(main());
    expect(printed).toEqual([
      true,
      ["CE", ["early"], true],
      ["CE result", []],
      ["CE exc", []],
      [false, "<Task cancelled name='t2'"],
      ["CE3", []],
    ]);
  });

  // t4 = create_task(plain()); t4.cancel(); print(t4.uncancel())  -> 0
  // await sleep(0); print(t4.done(), t4.cancelling())              -> False 0
  // t4.cancel(); await t4 -> t4 cancelled
  // swallow(): catches CancelledError, returns 'swallowed'
  // print(await t5, t5.cancelled(), t5.cancel())                   -> swallowed False False
  test("uncancel() to zero withdraws a pending cancel; a swallowed cancel finishes normally", async () => {
    const printed: unknown[] = [];
    const plain = coro(function* plain() {
      yield* asyncio.sleep(10);
    }, "plain");
    const swallow = coro(function* swallow() {
      try {
        yield* asyncio.sleep(1);
      } catch (e) {
        if (e instanceof asyncio.CancelledError) return "swallowed";
        throw e;
      }
      return "not cancelled";
    }, "swallow");
    const main = coro(function* main() {
      const t4 = asyncio.create_task(plain());
      t4.cancel();
      printed.push(t4.uncancel());
      yield* asyncio.sleep(0);
      printed.push([t4.done(), t4.cancelling()]);
      t4.cancel();
      const e = yield* catching(() => t4[Symbol.iterator]());
      printed.push(e instanceof asyncio.CancelledError ? "t4 cancelled" : e);
      const t5 = asyncio.create_task(swallow());
      yield* asyncio.sleep(0);
      t5.cancel();
      printed.push([yield* t5, t5.cancelled(), t5.cancel()]);
    }, "main");
    await run(main());
    expect(printed).toEqual([0n, [false, 0n], "t4 cancelled", ["swallowed", false, false]]);
  });

  // t10 = create_task(plain()); await sleep(0)
  // print(wait_for part) -> =<Future pending cb=[Task.task_wakeup()]>>
  // t10.cancel(); print(head(t10))         -> <Task cancelling name='Task-11'
  // await sleep(0); print(head, cancelled) -> <Task cancelled name='Task-11' True
  test("the repr shows wait_for, then cancelling, then cancelled one iteration later", async () => {
    const printed: unknown[] = [];
    const plain = coro(function* plain() {
      yield* asyncio.sleep(10);
    }, "plain");
    const main = coro(function* main() {
      const t = asyncio.create_task(plain(), kw({ name: "p" }));
      yield* asyncio.sleep(0);
      printed.push(repr(t));
      t.cancel();
      printed.push(head(t));
      yield* asyncio.sleep(0);
      printed.push([head(t), t.cancelled()]);
    }, "main");
    await run(main());
    expect(printed).toEqual([
      "<Task pending name='p' coro=<plain() running> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
      "<Task cancelling name='p'",
      ["<Task cancelled name='p'", true],
    ]);
  });

  test("cancelling a task that waits on a task cancels the inner one too", async () => {
    const out: string[] = [];
    const inner = coro(function* inner() {
      try {
        yield* asyncio.sleep(10);
      } catch (e) {
        out.push(`inner ${e instanceof asyncio.CancelledError}`);
        throw e;
      }
    }, "inner");
    const outer = coro(function* outer() {
      yield* asyncio.create_task(inner());
    }, "outer");
    const main = coro(function* main() {
      const t = asyncio.create_task(outer());
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      t.cancel("m");
      const e = (yield* catching(() => t[Symbol.iterator]())) as asyncio.CancelledError;
      out.push(`outer ${repr(e)} ${t.cancelled()}`);
    }, "main");
    await run(main());
    expect(out).toEqual(["inner true", "outer CancelledError('m') true"]);
  });
});

describe("errors inside tasks", () => {
  // async def bad(): raise ValueError('v')
  // -> VE v <Task finished name='Task-7'  exception=ValueError('v')
  // async def selfish(): await asyncio.current_task()
  // -> RE Task cannot await on itself: <Task pending name='Task-8'
  // class Y: def __await__(self): yield 5
  // -> RE Task got bad yield: 5
  // yield f (a future, without `await`)
  // -> RE yield was used instead of yield from in task <Task pending name='Task-10' ... with <Future pending
  test("exceptions, awaiting itself, bad yields", async () => {
    const printed: unknown[] = [];
    const bad = coro(function* bad(): Coro<never> {
      throw new ValueError("v");
    }, "bad");
    const selfish = coro(function* selfish() {
      yield* asyncio.current_task()!;
    }, "selfish");
    const badyield = coro(function* badyield() {
      yield 5n;
    }, "badyield");
    const yieldfut = coro(function* yieldfut() {
      const f = asyncio.get_running_loop().create_future();
      yield f;
    }, "yieldfut");
    const main = coro(function* main() {
      const t6 = asyncio.create_task(bad(), kw({ name: "t6" }));
      const e6 = (yield* catching(() => t6[Symbol.iterator]())) as Error;
      printed.push([e6 instanceof ValueError, e6.message, repr(t6)]);
      const t7 = asyncio.create_task(selfish(), kw({ name: "t7" }));
      const e7 = (yield* catching(() => t7[Symbol.iterator]())) as Error;
      printed.push([e7 instanceof RuntimeError, e7.message]);
      const t8 = asyncio.create_task(badyield(), kw({ name: "t8" }));
      const e8 = (yield* catching(() => t8[Symbol.iterator]())) as Error;
      printed.push([e8 instanceof RuntimeError, e8.message]);
      const t9 = asyncio.create_task(yieldfut(), kw({ name: "t9" }));
      const e9 = (yield* catching(() => t9[Symbol.iterator]())) as Error;
      printed.push([e9 instanceof RuntimeError, e9.message]);
    }, "main");
    await run(main());
    expect(printed).toEqual([
      [true, "v", "<Task finished name='t6' coro=<bad() done> exception=ValueError('v')>"],
      [
        true,
        "Task cannot await on itself: <Task pending name='t7' coro=<selfish() running> cb=[Task.task_wakeup()]>",
      ],
      [true, "Task got bad yield: 5"],
      [
        true,
        "yield was used instead of yield from in task <Task pending name='t9' coro=<yieldfut() running> cb=[Task.task_wakeup()]> with <Future pending>",
      ],
    ]);
  });

  test("a future of another loop is refused", async () => {
    const other = new asyncio.NodeEventLoop(fakeClock());
    const main = coro(function* main() {
      const f = other.create_future();
      return yield* catching(() => f[Symbol.iterator]());
    }, "main");
    const e = (await run(main())) as Error;
    other.close();
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toBe(
      "Task <Task pending name='Task-1' coro=<main() running> cb=[_run_until_complete_cb()]> got Future <Future pending> attached to a different loop".replace(
        "Task-1",
        e.message.match(/name='(Task-\d+)'/)![1],
      ),
    );
  });

  test("new Task() refuses a non-coroutine", () => {
    const l = new asyncio.NodeEventLoop(fakeClock());
    const e = errorOf(() => new asyncio.Task(1n as never, kw({ loop: l })));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("a coroutine was expected, got 1");
    l.close();
  });
});

describe("eager tasks and task factories", () => {
  // loop.set_task_factory(asyncio.eager_task_factory)
  // t = create_task(quick(1)) -> runs inside create_task: ('quick', 1) then ('after', True, 1, 'None')
  // print(len(asyncio.all_tasks())) -> 1
  // t2 = create_task(slow(2), name='s2') -> ('slow-start', 2), ('after2', False, 's2')
  // print(head(t2), len(all_tasks())) -> <Task pending name='s2' 2
  // t3 = create_task(quick(3)); t3.cancel(); print(t3.cancelled(), t3.result()) -> False 3
  // set_task_factory(None); t4 lazy -> ('lazy', False), ('quick', 4)
  // def factory(loop, coro, **kw): out.append(('factory', sorted(kw))); return Task(coro, loop=loop, **kw)
  // t5 = create_task(quick(5)) -> name 'None' ; t6 name='six' -> name 'six'
  // create_eager_task_factory(Task): t7 -> eager7 True None
  // Task(who(), loop=loop, eager_start=True, name='e8') -> t8 True, ('who', 'e8')
  // Task(who(), loop=loop, eager_start=False, name='e9') -> t9 False, ('who', 'e9')
  test("eager_task_factory, custom factories and the 3.13.0 'None' name quirk", async () => {
    const out: unknown[] = [];
    const printed: unknown[] = [];
    const quick = coro(function* quick(n: bigint) {
      out.push(["quick", n]);
      return n;
    }, "quick");
    const slow = coro(function* slow(n: bigint) {
      out.push(["slow-start", n]);
      yield* asyncio.sleep(0);
      out.push(["slow-end", n]);
      return n;
    }, "slow");
    const who = coro(function* who() {
      out.push(["who", asyncio.current_task()!.get_name()]);
    }, "who");
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop() as asyncio.BaseEventLoop;
      loop.set_task_factory(asyncio.eager_task_factory);
      printed.push(loop.get_task_factory() === asyncio.eager_task_factory);
      out.push("before");
      const t = asyncio.create_task(quick(1n));
      out.push(["after", t.done(), t.result(), t.get_name()]);
      printed.push(asyncio.all_tasks().size);
      const t2 = asyncio.create_task(slow(2n), kw({ name: "s2" }));
      out.push(["after2", t2.done(), t2.get_name()]);
      printed.push([head(t2), asyncio.all_tasks().size]);
      yield* t2;
      const t3 = asyncio.create_task(quick(3n));
      t3.cancel();
      printed.push([t3.cancelled(), t3.result()]);
      loop.set_task_factory(null);
      const t4 = asyncio.create_task(quick(4n));
      out.push(["lazy", t4.done()]);
      yield* t4;
      const factory = (l: asyncio.AbstractEventLoop, c: Coro<unknown>, ...rest: unknown[]) => {
        const k = rest.length ? (rest[0] as asyncio.Kw<Record<string, unknown>>).kwargs : {};
        out.push(["factory", Object.keys(k).sort()]);
        return new asyncio.Task(c, kw({ loop: l, ...k }));
      };
      loop.set_task_factory(factory);
      const t5 = asyncio.create_task(quick(5n));
      printed.push(["name", t5.get_name()]);
      const t6 = asyncio.create_task(quick(6n), kw({ name: "six" }));
      printed.push(["name", t6.get_name()]);
      yield* t5;
      yield* t6;
      loop.set_task_factory(asyncio.create_eager_task_factory(asyncio.Task));
      const t7 = asyncio.create_task(quick(7n));
      printed.push(["eager7", t7.done(), t7.get_name()]);
      loop.set_task_factory(null);
      const t8 = new asyncio.Task(who(), kw({ loop, eager_start: true, name: "e8" }));
      printed.push(["t8", t8.done()]);
      const t9 = new asyncio.Task(who(), kw({ loop, eager_start: false, name: "e9" }));
      printed.push(["t9", t9.done()]);
      yield* t9;
    }, "main");
    await run(main());
    expect(printed).toEqual([
      true,
      1,
      ["<Task pending name='s2'", 2],
      [false, 3n],
      ["name", "None"],
      ["name", "six"],
      ["eager7", true, "None"],
      ["t8", true],
      ["t9", false],
    ]);
    expect(out).toEqual([
      "before",
      ["quick", 1n],
      ["after", true, 1n, "None"],
      ["slow-start", 2n],
      ["after2", false, "s2"],
      ["slow-end", 2n],
      ["quick", 3n],
      ["lazy", false],
      ["quick", 4n],
      ["factory", []],
      ["factory", []],
      ["quick", 5n],
      ["quick", 6n],
      ["quick", 7n],
      ["who", "e8"],
      ["who", "e9"],
    ]);
  });

  test("an eager task finished inside create_task is never scheduled and drops its coroutine", async () => {
    const trace: asyncio.TraceEvent[] = [];
    const quick = coro(function* quick() {
      return 1n;
    }, "quick");
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop() as asyncio.BaseEventLoop;
      loop.set_task_factory(asyncio.eager_task_factory);
      const before = loop._ready.length;
      asyncio.setTraceHook((ev) => trace.push(ev));
      const t = asyncio.create_task(quick(), kw({ name: "q" }));
      asyncio.setTraceHook(null);
      return [loop._ready.length - before, t.get_coro(), t.done()];
    }, "main");
    expect(await run(main())).toEqual([0, null, true]);
    expect(trace.filter((e) => e.ev === "step")).toHaveLength(1);
  });
});

describe("ensure_future and the task API", () => {
  // co = c(); t = asyncio.ensure_future(co)
  // print(type(t).__name__, t.get_coro() is co, await t, t.get_coro()) -> Task True c <coroutine object c ...>
  // asyncio.ensure_future(f) is f -> True
  // ensure_future(f, loop=l2) -> VE The future belongs to a different loop than the one specified as the loop argument
  // ensure_future(1) -> TE An asyncio.Future, a coroutine or an awaitable is required
  // class A: def __await__(self): yield; return 'aw'
  // t = ensure_future(A()) -> Task aw ensure_future.<locals>._wrap_awaitable
  // asyncio.Task(1) -> TE a coroutine was expected, got 1
  // t = create_task(c(), context=ctx); t.get_context() is ctx -> True
  test("ensure_future of a coroutine, a future, an awaitable, a Promise and junk", async () => {
    const printed: unknown[] = [];
    const c = coro(function* c() {
      return "c";
    }, "c");
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop();
      const co = c();
      const t = asyncio.ensure_future(co);
      printed.push([t.constructor.name, (t as asyncio.Task<string>).get_coro() === co]);
      printed.push([yield* t, (t as asyncio.Task<string>).get_coro() === co]);
      const f = loop.create_future() as asyncio.Future<unknown>;
      printed.push(asyncio.ensure_future(f) === f);
      const l2 = new asyncio.NodeEventLoop(fakeClock());
      printed.push(errorOf(() => asyncio.ensure_future(f, kw({ loop: l2 }))).message);
      l2.close();
      printed.push(errorOf(() => asyncio.ensure_future(1n as never)).message);
      const awaitable = {
        *__await__() {
          yield;
          return "aw";
        },
      };
      const ta = asyncio.ensure_future(awaitable as never) as asyncio.Task<string>;
      const wrapper = ta.get_coro() as unknown as { __qualname__: string };
      printed.push([ta.constructor.name, yield* ta, wrapper.__qualname__]);
      const tp = asyncio.ensure_future(Promise.resolve("from promise"));
      printed.push(yield* tp);
      const ctx = copy_context();
      const tc = asyncio.create_task(c(), kw({ context: ctx }));
      printed.push(tc.get_context() === ctx);
      yield* tc;
    }, "main");
    await run(main());
    expect(printed).toEqual([
      ["Task", true],
      ["c", true],
      true,
      "The future belongs to a different loop than the one specified as the loop argument",
      "An asyncio.Future, a coroutine or an awaitable is required",
      ["Task", "aw", "ensure_future.<locals>._wrap_awaitable"],
      "from promise",
      true,
    ]);
  });

  // print(t.get_stack())  (not started)   -> [<frame ...>]   (asyncio-ts: [])
  // t.print_stack(file=buf) pending       -> "Stack for <Task pending name='Task-5'..."  (asyncio-ts: "No stack for")
  // after done: t.get_stack() -> [] ; print_stack -> "No stack for <Task finished name='Task-5'"
  // failed task: "Traceback for <Task finished ...> (most recent call last):\n  File ...\nKeyError: 'x'\n"
  //   (asyncio-ts: no frames, so "No stack for <...>\nKeyError: 'x'\n")
  test("get_stack and print_stack", async () => {
    const printed: unknown[] = [];
    const c = coro(function* c() {
      return "c";
    }, "c");
    const bad = coro(function* bad(): Coro<never> {
      throw new KeyError("x");
    }, "bad");
    const main = coro(function* main() {
      const t = asyncio.create_task(c(), kw({ name: "t" }));
      yield* t;
      printed.push(t.get_stack());
      let buf = "";
      t.print_stack(kw({ file: { write: (s: string) => (buf += s) } }));
      printed.push(buf);
      const tb = asyncio.create_task(bad(), kw({ name: "tb" }));
      yield* catching(() => tb[Symbol.iterator]());
      buf = "";
      tb.print_stack(kw({ file: { write: (s: string) => (buf += s) } }));
      printed.push(buf);
      tb.print_stack();
    }, "main");
    const { stdout } = await capture(() => run(main()));
    expect(printed).toEqual([
      [],
      "No stack for <Task finished name='t' coro=<c() done> result='c'>\n",
      "No stack for <Task finished name='tb' coro=<bad() done> exception=KeyError('x')>\nKeyError: 'x'\n",
    ]);
    expect(stdout).toBe(
      "No stack for <Task finished name='tb' coro=<bad() done> exception=KeyError('x')>\nKeyError: 'x'\n",
    );
  });

  test("get_coro, get_context and the task's own context copy", async () => {
    const v = new ContextVar<string>("v", kw({ default: "root" }));
    const seen: string[] = [];
    const child = coro(function* child() {
      seen.push(`child sees ${v.get()}`);
      v.set("child");
      yield* asyncio.sleep(0);
      seen.push(`child still ${v.get()}`);
    }, "child");
    const main = coro(function* main() {
      v.set("main");
      const t = asyncio.create_task(child());
      seen.push(`ctx has ${t.get_context().get(v)}`);
      yield* t;
      seen.push(`main still ${v.get()}`);
    }, "main");
    await run(main());
    expect(seen).toEqual([
      "ctx has main",
      "child sees main",
      "child still child",
      "main still main",
    ]);
  });
});

// import asyncio
// async def main():
//     f = asyncio.get_running_loop().create_future()
//     g = asyncio.gather(f); print(repr(f))
//     s = asyncio.shield(f); print(repr(f)); print(repr(s))
//     w = asyncio.ensure_future(asyncio.wait([f])); await asyncio.sleep(0); print(repr(f))
//     f.set_result(1); await asyncio.sleep(0)
// asyncio.run(main())
test("the callbacks of gather, shield and wait show CPython's qualified names in reprs", async () => {
  const printed: string[] = [];
  const main = coro(function* () {
    const f = asyncio.get_running_loop().create_future() as asyncio.Future<bigint>;
    asyncio.gather(f);
    printed.push(repr(f));
    const s = asyncio.shield(f);
    printed.push(repr(f), repr(s));
    asyncio.ensure_future(asyncio.wait([f]));
    yield* asyncio.sleep(0);
    printed.push(repr(f));
    f.set_result(1n);
    yield* asyncio.sleep(0);
  }, "main");
  await run(main());
  expect(printed).toEqual([
    "<Future pending cb=[gather.<locals>._done_callback()]>",
    "<Future pending cb=[gather.<locals>._done_callback(), shield.<locals>._inner_done_callback()]>",
    "<Future pending cb=[shield.<locals>._outer_done_callback()]>",
    "<Future pending cb=[gather.<locals>._done_callback(), <1 more>, _wait.<locals>._on_completion()]>",
  ]);
});
