/**
 * futures: Future's whole API, against what CPython 3.13.0 printed for the same program (recorded
 * once; the program is in the comment). `asyncio.Future` in CPython 3.13.0 is the C
 * `_asyncio.Future`, so its messages ("Result is not set.", "invalid state") are the ones asserted.
 */

import * as asyncio from "asyncio-ts";
import { ContextVar, copy_context } from "../../src/contextvars";
import {
  KeyError,
  RuntimeError,
  StopIteration,
  TypeError,
  ValueError,
} from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { capture } from "../helpers/capture";
import { fakeLoop, fakeRunKw } from "../helpers/fakeClock";
import { catchSync } from "../helpers/raised";

const { kw } = asyncio;

let loop: asyncio.NodeEventLoop;
beforeEach(() => {
  loop = fakeLoop();
  asyncio.set_event_loop(loop);
});
afterEach(() => {
  asyncio.set_event_loop(null);
  if (!loop.is_closed()) loop.close();
});

function runOnce(): Promise<void> {
  loop.stop();
  return loop.run_forever();
}

describe("states and results", () => {
  // f = loop.create_future(); print(repr(f))            -> <Future pending>
  // f.result() / f.exception()                           -> InvalidStateError Result is not set.
  //                                                         InvalidStateError Exception is not set.
  // f.set_result(1); print(repr(f), f.done(), f.cancelled(), f.result(), f.exception())
  //                                                      -> <Future finished result=1> True False 1 None
  // f.set_result(2) / f.set_exception(ValueError())      -> ISE invalid state (both)
  // print(f.cancel())                                    -> False
  test("pending, then finished with a result", () => {
    const f = loop.create_future<bigint>();
    expect(repr(f)).toBe("<Future pending>");
    const e1 = catchSync(() => f.result());
    const e2 = catchSync(() => f.exception());
    expect(e1).toBeInstanceOf(asyncio.InvalidStateError);
    expect([e1.message, e2.message]).toEqual(["Result is not set.", "Exception is not set."]);
    f.set_result(1n);
    expect([repr(f), f.done(), f.cancelled(), f.result(), f.exception()]).toEqual([
      "<Future finished result=1>",
      true,
      false,
      1n,
      null,
    ]);
    const e3 = catchSync(() => f.set_result(2n));
    const e4 = catchSync(() => f.set_exception(new ValueError()));
    expect(e3).toBeInstanceOf(asyncio.InvalidStateError);
    expect([e3.message, e4.message]).toEqual(["invalid state", "invalid state"]);
    expect(f.cancel()).toBe(false);
  });

  // f.set_result('x'*40) -> <Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>
  // f.set_result([1,2])  -> <Future finished result=[1, 2]>
  // f.set_result(None)   -> <Future finished result=None>
  test("result reprs go through reprlib", () => {
    const reprOf = (v: unknown) => {
      const f = loop.create_future();
      f.set_result(v);
      return repr(f);
    };
    expect(reprOf("x".repeat(40))).toBe("<Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>");
    expect(reprOf([1n, 2n])).toBe("<Future finished result=[1, 2]>");
    expect(reprOf(null)).toBe("<Future finished result=None>");
  });

  // f.set_exception(ValueError('bad')); print(repr(f)) -> <Future finished exception=ValueError('bad')>
  // f.result()          -> raised ValueError('bad')
  // repr(f.exception()) -> ValueError('bad')
  // f.set_result(1)     -> ISE invalid state
  // f.set_exception(ValueError) -> <Future finished exception=ValueError()>
  // f.set_exception(1)  -> TE invalid exception object
  // f.set_exception(StopIteration('s')); e = f.exception()
  // -> RuntimeError('StopIteration interacts badly with generators and cannot be raised into a Future') StopIteration('s') StopIteration('s')
  test("set_exception: instances, classes, bad objects and StopIteration", () => {
    const f = loop.create_future();
    const bad = new ValueError("bad");
    f.set_exception(bad);
    expect(repr(f)).toBe("<Future finished exception=ValueError('bad')>");
    expect(catchSync(() => f.result())).toBe(bad);
    expect(f.exception()).toBe(bad);
    expect(catchSync(() => f.set_result(1n)).message).toBe("invalid state");

    const f2 = loop.create_future();
    f2.set_exception(ValueError);
    expect(repr(f2)).toBe("<Future finished exception=ValueError()>");
    f2.exception();

    const f3 = loop.create_future();
    const e = catchSync(() => f3.set_exception(1n));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe("invalid exception object");

    const f4 = loop.create_future();
    const si = new StopIteration("s");
    f4.set_exception(si);
    const got = f4.exception() as RuntimeError;
    expect(got).toBeInstanceOf(RuntimeError);
    expect(repr(got)).toBe(
      "RuntimeError('StopIteration interacts badly with generators and cannot be raised into a Future')",
    );
    expect(got.__cause__).toBe(si);
    expect(got.__context__).toBe(si);
  });

  // f = loop.create_future()
  // print(f.cancel('why'), repr(f), f.cancelled(), f.done(), f.cancel())
  // -> True <Future cancelled> True True False
  // f.result()    -> CE CancelledError('why') ('why',)
  // f.exception() -> CE CancelledError('why')
  // f.set_result(1) -> ISE invalid state
  // f = loop.create_future(); f.cancel(); f.result() -> CE CancelledError() ()
  test("cancel(msg): the message travels in every CancelledError", () => {
    const f = loop.create_future();
    expect([f.cancel("why"), repr(f), f.cancelled(), f.done(), f.cancel()]).toEqual([
      true,
      "<Future cancelled>",
      true,
      true,
      false,
    ]);
    const c1 = catchSync(() => f.result()) as asyncio.CancelledError;
    expect(c1).toBeInstanceOf(asyncio.CancelledError);
    expect([repr(c1), c1._args]).toEqual(["CancelledError('why')", ["why"]]);
    expect(repr(catchSync(() => f.exception()))).toBe("CancelledError('why')");
    expect(catchSync(() => f.set_result(1n)).message).toBe("invalid state");
    const f2 = loop.create_future();
    f2.cancel();
    const c2 = catchSync(() => f2.result()) as asyncio.CancelledError;
    expect([repr(c2), c2._args]).toEqual(["CancelledError()", []]);
    const f3 = loop.create_future();
    f3.cancel(kw({ msg: "by keyword" }));
    expect(repr(catchSync(() => f3.result()))).toBe("CancelledError('by keyword')");
  });

  // print(asyncio.isfuture(f), asyncio.isfuture(1), asyncio.isfuture(asyncio.Future)) -> True False False
  // asyncio.Future().get_loop() is loop -> True ; asyncio.Future(loop=loop).get_loop() is loop -> True
  test("isfuture and the loop a Future belongs to", () => {
    const f = loop.create_future();
    expect([asyncio.isfuture(f), asyncio.isfuture(1n), asyncio.isfuture(asyncio.Future)]).toEqual([
      true,
      false,
      false,
    ]);
    expect(new asyncio.Future().get_loop()).toBe(loop);
    expect(new asyncio.Future(kw({ loop })).get_loop()).toBe(loop);
  });

  // print(f._log_traceback); f._log_traceback = True -> VE _log_traceback can only be set to False
  test("_log_traceback can only be set to False", () => {
    const f = loop.create_future();
    expect(f._log_traceback).toBe(false);
    const e = catchSync(() => {
      f._log_traceback = true;
    });
    expect(e).toBeInstanceOf(ValueError);
    expect(e.message).toBe("_log_traceback can only be set to False");
  });
});

describe("done callbacks", () => {
  // v = contextvars.ContextVar('v', default='root')
  // def cb1(fut): out.append(('cb1', v.get(), fut.result()))
  // def cb2(fut): out.append(('cb2', v.get()))
  // f.add_done_callback(cb1)
  // ctx = contextvars.copy_context(); ctx.run(v.set, 'ctx')
  // f.add_done_callback(cb2, context=ctx); f.add_done_callback(cb1); f.add_done_callback(cb2)
  // print(repr(f)) -> <Future pending cb=[cb1() at ...:44, <2 more>, cb2() at ...:45]>
  // print(f.remove_done_callback(cb1)) -> 2 ; again -> 0
  // f.add_done_callback(cb1); loop.call_soon(out.append, 'before'); f.set_result(7)
  // loop.call_soon(out.append, 'after'); f.add_done_callback(cb2); print(repr(f)) -> <Future finished result=7>
  // loop.stop(); loop.run_forever(); print(out)
  // -> ['before', ('cb2', 'ctx'), ('cb2', 'root'), ('cb1', 'root', 7), 'after', ('cb2', 'root')]
  test("callbacks run with call_soon, in registration order, each in its context", async () => {
    const v = new ContextVar<string>("v", kw({ default: "root" }));
    const out: unknown[] = [];
    const cb1 = (fut: asyncio.Future<bigint>) => out.push(["cb1", v.get(), fut.result()]);
    const cb2 = (_fut: asyncio.Future<bigint>) => out.push(["cb2", v.get()]);
    const f = loop.create_future<bigint>();
    f.add_done_callback(cb1);
    const ctx = copy_context();
    ctx.run(() => v.set("ctx"));
    f.add_done_callback(cb2, kw({ context: ctx }));
    f.add_done_callback(cb1);
    f.add_done_callback(cb2);
    expect(repr(f)).toBe("<Future pending cb=[cb1(), <2 more>, cb2()]>");
    expect(f.remove_done_callback(cb1)).toBe(2n);
    expect(f.remove_done_callback(cb1)).toBe(0n);
    f.add_done_callback(cb1);
    loop.call_soon((x: string) => out.push(x), "before");
    f.set_result(7n);
    loop.call_soon((x: string) => out.push(x), "after");
    f.add_done_callback(cb2);
    expect(repr(f)).toBe("<Future finished result=7>");
    await runOnce();
    expect(out).toEqual([
      "before",
      ["cb2", "ctx"],
      ["cb2", "root"],
      ["cb1", "root", 7n],
      "after",
      ["cb2", "root"],
    ]);
  });

  // for x in (a, b, a, b, a): f.add_done_callback(x) -> <Future pending cb=[a() at ..., <3 more>, a() at ...]>
  // (a, b)  -> <Future pending cb=[a() at ..., b() at ...]>
  // (a,)    -> <Future pending cb=[a() at ...]>
  test("the callbacks part of the repr", () => {
    function a() {}
    function b() {}
    const reprWith = (cbs: (() => void)[]) => {
      const f = loop.create_future();
      for (const cb of cbs) f.add_done_callback(cb);
      return repr(f);
    };
    expect(reprWith([a, b, a, b, a])).toBe("<Future pending cb=[a(), <3 more>, a()]>");
    expect(reprWith([a, b])).toBe("<Future pending cb=[a(), b()]>");
    expect(reprWith([a])).toBe("<Future pending cb=[a()]>");
  });

  test("cancel() and set_exception() schedule the callbacks too", async () => {
    const out: string[] = [];
    const f1 = loop.create_future();
    const f2 = loop.create_future();
    f1.add_done_callback((f) => out.push(`f1 cancelled=${f.cancelled()}`));
    f2.add_done_callback((f) => out.push(`f2 ${repr(f.exception())}`));
    f1.cancel();
    f2.set_exception(new KeyError("k"));
    expect(out).toEqual([]);
    await runOnce();
    expect(out).toEqual(["f1 cancelled=True".replace("True", "true"), "f2 KeyError('k')"]);
  });
});

describe("awaiting", () => {
  // async def w(fut): return await fut
  // loop.call_soon(f.set_result, 'res'); print(loop.run_until_complete(w(f))) -> res
  // loop.call_soon(f.set_exception, KeyError('k')) -> KE KeyError('k')
  test("yield* fut returns the result or raises the exception", async () => {
    const w = asyncio.markcoroutinefunction(function* w(fut: asyncio.Future<string>) {
      return yield* fut;
    }, "w");
    const f = loop.create_future<string>();
    loop.call_soon((r: string) => f.set_result(r), "res");
    expect(await loop.run_until_complete(w(f))).toBe("res");
    const f2 = loop.create_future<string>();
    loop.call_soon((e: unknown) => f2.set_exception(e), new KeyError("k"));
    let caught: unknown = null;
    try {
      await loop.run_until_complete(w(f2));
    } catch (exc) {
      caught = exc;
    }
    expect(repr(caught)).toBe("KeyError('k')");
  });

  // it = f.__await__(); print(next(it) is f, f._asyncio_future_blocking) -> True True
  // f.set_result(3); it.send(None) -> StopIteration, value 3
  test("the await protocol: yield the future with _asyncio_future_blocking set", () => {
    const f = loop.create_future<bigint>();
    const it = f.__await__();
    const first = it.next();
    expect([first.value === f, f._asyncio_future_blocking]).toEqual([true, true]);
    f.set_result(3n);
    expect(it.next()).toEqual({ done: true, value: 3n });
  });

  test("a done future's iterator returns at once", () => {
    const f = loop.create_future<string>();
    f.set_result("now");
    expect(f[Symbol.iterator]().next()).toEqual({ done: true, value: "now" });
  });

  test("a Future is PromiseLike for plain async JS code", async () => {
    const f = loop.create_future<string>();
    const f2 = loop.create_future<string>();
    const p = Promise.all([f, f2.then(undefined, (e) => repr(e))]);
    f.set_result("ok");
    f2.cancel("m");
    expect(await p).toEqual(["ok", "CancelledError('m')"]);
  });

  test("wrap_promise completes a future from a Promise on the loop", async () => {
    const main = asyncio.markcoroutinefunction(function* main() {
      const ok = asyncio.wrap_promise(Promise.resolve("v"));
      const bad = asyncio.wrap_promise(Promise.reject(new ValueError("no")));
      const a = yield* ok;
      let b = "";
      try {
        yield* bad;
      } catch (exc) {
        b = repr(exc);
      }
      return [a, b];
    }, "main");
    expect(await asyncio.run(main(), fakeRunKw())).toEqual(["v", "ValueError('no')"]);
  });
});

describe("exception was never retrieved", () => {
  // CPython reports it when the future is collected:
  //   Future exception was never retrieved
  //   future: <Future finished exception=ValueError()>
  //   ValueError
  // asyncio-ts reports it when the loop closes (documented in docs/DIFFERENCES.md).
  test("an unretrieved exception is reported when the loop closes, in failure order", async () => {
    const f1 = loop.create_future();
    const f2 = loop.create_future();
    const f3 = loop.create_future();
    f2.set_exception(new ValueError());
    f1.set_exception(new KeyError("k"));
    f3.set_exception(new ValueError("retrieved"));
    f3.exception();
    const cap = await capture(() => loop.close());
    expect(cap.stdout).toBe("");
    expect(cap.stderr).toBe(
      "Future exception was never retrieved\n" +
        "future: <Future finished exception=ValueError()>\n" +
        "ValueError\n" +
        "Future exception was never retrieved\n" +
        "future: <Future finished exception=KeyError('k')>\n" +
        "KeyError: 'k'\n",
    );
  });

  test("result(), exception() and cancel() all count as retrieving", async () => {
    const fs = [0, 1, 2].map(() => loop.create_future());
    for (const f of fs) f.set_exception(new ValueError());
    try {
      fs[0].result();
    } catch {}
    fs[1].exception();
    fs[2].cancel();
    const cap = await capture(() => loop.close());
    expect(cap.stderr).toBe("");
  });

  test("asyncio.run reports a task's unretrieved exception at the end, on stderr", async () => {
    const bad = asyncio.markcoroutinefunction(function* bad(): asyncio.Coro<never> {
      throw new ValueError("lost");
    }, "bad");
    const main = asyncio.markcoroutinefunction(function* main() {
      asyncio.create_task(bad(), kw({ name: "t" }));
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      return "main done";
    }, "main");
    let result: unknown;
    const cap = await capture(async () => {
      result = await asyncio.run(main(), fakeRunKw());
    });
    expect(result).toBe("main done");
    expect(cap.stdout).toBe("");
    expect(cap.stderr).toBe(
      "Task exception was never retrieved\n" +
        "future: <Task finished name='t' coro=<bad() done> exception=ValueError('lost')>\n" +
        "Traceback (most recent call last):\nValueError: lost\n",
    );
  });
});
