/**
 * events: Handle, TimerHandle, the policy and the functions that find the current loop, against
 * what CPython 3.13.0 printed for the same program (recorded once; the program is in the comment).
 *
 * The policy tests run in order: they share the process-wide policy and running-loop slot, as a
 * Python program does.
 */

import * as asyncio from "asyncio-ts";
import { Context, ContextVar, copy_context } from "../../src/contextvars";
import { RuntimeError, TypeError } from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { fakeLoop } from "../helpers/fakeClock";
import { catchSync } from "../helpers/raised";

const { kw } = asyncio;

function f(..._a: unknown[]): void {}

describe("Handle", () => {
  // h = asyncio.Handle(f, (1, 'a'), loop)
  // print(repr(h), h.cancelled(), type(h.get_context()).__name__)
  // -> <Handle f() at /tmp/py/ev6.py:3> False Context
  // h2 = asyncio.Handle(f, (), loop, ctx); print(h2.get_context() is ctx)  -> True
  // h = loop.call_soon(f, 1, context=ctx); print(h.get_context() is ctx)  -> True
  test("a handle captures a copy of the current context unless given one", () => {
    const loop = fakeLoop();
    const h = new asyncio.Handle(f, [1n, "a"], loop);
    expect([repr(h), h.cancelled(), h.get_context().constructor.name]).toEqual([
      "<Handle f()>",
      false,
      "Context",
    ]);
    const ctx = copy_context();
    expect(new asyncio.Handle(f, [], loop, ctx).get_context()).toBe(ctx);
    expect(loop.call_soon(f, 1n, kw({ context: ctx })).get_context()).toBe(ctx);
    expect(loop.call_later(1, f, kw({ context: ctx })).get_context()).toBe(ctx);
    expect(loop.call_soon(f).get_context()).toBeInstanceOf(Context);
    loop._ready.clear();
    loop.close();
  });

  // h = loop.call_soon(print, 1); print(repr(h))  -> <Handle print()>
  // h.cancel(); print(repr(h), h.cancelled())      -> <Handle cancelled> True
  test("cancel() drops the callback and the repr says cancelled", () => {
    const loop = fakeLoop();
    const h = loop.call_soon(function print() {}, 1n);
    expect(repr(h)).toBe("<Handle print()>");
    h.cancel();
    expect([repr(h), h.cancelled()]).toEqual(["<Handle cancelled>", true]);
    expect(h._callback).toBe(null);
    expect(h._args).toBe(null);
    loop.close();
  });

  // loop.set_debug(True)
  // print(repr(loop.call_soon(f, 1, 'x')))  -> <Handle f(1, 'x') at ...:36 created at ...:39>
  // h=loop.call_soon(f, 1); h.cancel(); print(repr(h))
  //                                          -> <Handle cancelled f(1) at ...:36 created at ...:40>
  test("in debug mode reprs show the arguments and a cancelled handle keeps its repr", () => {
    const loop = fakeLoop();
    loop.set_debug(true);
    expect(repr(loop.call_soon(f, 1n, "x"))).toBe("<Handle f(1, 'x')>");
    const h = loop.call_soon(f, 1n);
    h.cancel();
    expect(repr(h)).toBe("<Handle cancelled f(1)>");
    loop._ready.clear();
    loop.close();
  });

  // print(repr(loop.call_soon(lambda: None)))         -> <Handle <lambda>() at ...>
  // print(repr(loop.call_soon(functools.partial(f, 1)))) -> <Handle f()() at ...>
  // debug: repr(loop.call_soon(functools.partial(f, 1), 2)) -> <Handle f(1)(2) ...>
  test("callback names: lambdas, __qualname__, partials", () => {
    const loop = fakeLoop();
    expect(repr(loop.call_soon(() => null))).toBe("<Handle <lambda>()>");
    const m = Object.assign(() => null, { __qualname__: "C.m" });
    expect(repr(loop.call_soon(m))).toBe("<Handle C.m()>");
    const partial = Object.assign(() => null, { __partial__: true, func: f, args: [1n] });
    expect(repr(loop.call_soon(partial))).toBe("<Handle f()()>");
    loop.set_debug(true);
    expect(repr(loop.call_soon(partial, 2n))).toBe("<Handle f(1)(2)>");
    loop._ready.clear();
    loop.close();
  });

  test("a handle runs its callback in its context", async () => {
    const v = new ContextVar<string>("v", kw({ default: "root" }));
    const loop = fakeLoop();
    const ctx = copy_context();
    ctx.run(() => v.set("mine"));
    const seen: string[] = [];
    loop.call_soon(() => seen.push(v.get()), kw({ context: ctx }));
    loop.call_soon(() => seen.push(v.get()));
    loop.stop();
    await loop.run_forever();
    expect(seen).toEqual(["mine", "root"]);
    loop.close();
  });

  test("call_soon & co. reject unknown keyword arguments with CPython's message", () => {
    const loop = fakeLoop();
    const messages = [
      () => loop.call_soon(f, kw({ ctx: 1 })),
      () => loop.call_soon_threadsafe(f, 1, kw({ end: "" })),
      () => loop.call_later(1, f, kw({ end: "" })),
      // Bound before the body runs: before call_later's check of `delay`.
      () => loop.call_later(null as unknown as number, f, kw({ end: "" })),
      () => loop.call_at(1, f, kw({ context: null, end: "" })),
    ].map((call) => {
      const e = catchSync(call);
      expect(e).toBeInstanceOf(TypeError);
      return e.message;
    });
    expect(messages).toEqual([
      "BaseEventLoop.call_soon() got an unexpected keyword argument 'ctx'",
      "BaseEventLoop.call_soon_threadsafe() got an unexpected keyword argument 'end'",
      "BaseEventLoop.call_later() got an unexpected keyword argument 'end'",
      "BaseEventLoop.call_later() got an unexpected keyword argument 'end'",
      "BaseEventLoop.call_at() got an unexpected keyword argument 'end'",
    ]);
    expect(loop._ready.length + loop._scheduled.length).toBe(0);
    loop.close();
  });
});

describe("TimerHandle", () => {
  // t1 = TimerHandle(5, f, (), loop); t2 = TimerHandle(7, f, (), loop)
  // print(t1 < t2, t1 <= t2, t1 > t2, t1 >= t2, t1 == t2, t1 != t2, hash(t1) == hash(5))
  // -> True True False False False True True
  // t3 = TimerHandle(5, f, (), loop); print(t1 == t3, t1 <= t3, t1 >= t3) -> True True True
  // t3.cancel(); print(t1 == t3, repr(t3))  -> False <TimerHandle cancelled when=5>
  test("comparisons are by time, equality also by callback, args and state", () => {
    const loop = fakeLoop();
    const args: unknown[] = [];
    const t1 = new asyncio.TimerHandle(5n, f, args, loop);
    const t2 = new asyncio.TimerHandle(7n, f, args, loop);
    expect([
      t1.__lt__(t2),
      t1.__le__(t2),
      t1.__gt__(t2),
      t1.__ge__(t2),
      t1.__eq__(t2),
      !t1.__eq__(t2),
      t1.__hash__() === 5n,
    ]).toEqual([true, true, false, false, false, true, true]);
    const t3 = new asyncio.TimerHandle(5n, f, args, loop);
    expect([t1.__eq__(t3), t1.__le__(t3), t1.__ge__(t3)]).toEqual([true, true, true]);
    t3.cancel();
    expect([t1.__eq__(t3), repr(t3)]).toEqual([false, "<TimerHandle cancelled when=5>"]);
    loop.close();
  });

  // print(repr(TimerHandle(2.0, f, (), loop)), repr(TimerHandle(3, f, (), loop)))
  // -> <TimerHandle when=2.0 f() at ...> <TimerHandle when=3 f() at ...>
  // loop.call_at(10.5, print): <TimerHandle when=10.5 print()> 10.5 ; cancelled: <TimerHandle cancelled when=10.5>
  test("when() and the repr keep an int time an int", () => {
    const loop = fakeLoop();
    expect(repr(new asyncio.TimerHandle(2.0, f, [], loop))).toBe("<TimerHandle when=2.0 f()>");
    expect(repr(new asyncio.TimerHandle(3n, f, [], loop))).toBe("<TimerHandle when=3 f()>");
    const th = loop.call_at(10.5, function print() {});
    expect([repr(th), th.when()]).toEqual(["<TimerHandle when=10.5 print()>", 10.5]);
    th.cancel();
    expect(repr(th)).toBe("<TimerHandle cancelled when=10.5>");
    expect(loop.call_at(10n, f).when()).toBe(10n);
    expect(loop.call_later(1.5, f).when()).toBe(1.5);
    loop.close();
  });
});

describe("the policy and the current loop", () => {
  // pol = asyncio.get_event_loop_policy(); print(type(pol).__name__) -> _UnixDefaultEventLoopPolicy
  // l = asyncio.get_event_loop()  (DeprecationWarning: There is no current event loop)
  // print(type(l).__name__, l is asyncio.get_event_loop()) -> _UnixSelectorEventLoop True
  // asyncio.set_event_loop(None); asyncio.get_event_loop()
  // -> A There is no current event loop in thread 'MainThread'.
  // asyncio.set_event_loop(1) -> B loop must be an instance of AbstractEventLoop or None, not 'int'
  // l2 = new_event_loop(); l2 is not l -> True; set_event_loop(l2); get_event_loop() is l2 -> True
  // asyncio.set_event_loop_policy(1)
  // -> C policy must be an instance of AbstractEventLoopPolicy or None, not 'int'
  // set_event_loop_policy(None); get_event_loop_policy() is not pol -> True
  // asyncio.run(asyncio.sleep(0)); asyncio.get_event_loop()
  // -> D There is no current event loop in thread 'MainThread'.
  test("get_event_loop / set_event_loop / new_event_loop / policies", async () => {
    const warnings: string[] = [];
    asyncio._setWarningReporter((message, category) => warnings.push(`${category}: ${message}`));
    const pol = asyncio.get_event_loop_policy();
    expect((pol.constructor as unknown as { __name__: string }).__name__).toBe(
      "_UnixDefaultEventLoopPolicy",
    );
    const l = asyncio.get_event_loop();
    expect(warnings).toEqual(["DeprecationWarning: There is no current event loop"]);
    expect(l).toBeInstanceOf(asyncio.NodeEventLoop);
    expect((l.constructor as unknown as { __name__: string }).__name__).toBe(
      "_UnixSelectorEventLoop",
    );
    expect(asyncio.get_event_loop()).toBe(l);
    expect(warnings.length).toBe(1);

    asyncio.set_event_loop(null);
    const a = catchSync(() => asyncio.get_event_loop());
    expect(a).toBeInstanceOf(RuntimeError);
    expect(a.message).toBe("There is no current event loop in thread 'MainThread'.");

    const b = catchSync(() => asyncio.set_event_loop(1n as never));
    expect(b).toBeInstanceOf(TypeError);
    expect(b.message).toBe("loop must be an instance of AbstractEventLoop or None, not 'int'");

    const l2 = asyncio.new_event_loop();
    expect(l2).not.toBe(l);
    asyncio.set_event_loop(l2);
    expect(asyncio.get_event_loop()).toBe(l2);

    const c = catchSync(() => asyncio.set_event_loop_policy(1n as never));
    expect(c).toBeInstanceOf(TypeError);
    expect(c.message).toBe(
      "policy must be an instance of AbstractEventLoopPolicy or None, not 'int'",
    );
    asyncio.set_event_loop_policy(null);
    expect(asyncio.get_event_loop_policy()).not.toBe(pol);

    await asyncio.run(asyncio.sleep(0));
    const d = catchSync(() => asyncio.get_event_loop());
    expect(d.message).toBe("There is no current event loop in thread 'MainThread'.");
    l.close();
    l2.close();
    asyncio._setWarningReporter(() => {});
  });

  // asyncio.get_running_loop() outside a loop -> RuntimeError: no running event loop
  // inside: get_running_loop() is loop, get_event_loop() is loop (even with set_event_loop(None))
  test("get_running_loop and get_event_loop inside and outside a running loop", async () => {
    const e = catchSync(() => asyncio.get_running_loop());
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toBe("no running event loop");
    expect(asyncio._get_running_loop()).toBe(null);
    asyncio.set_event_loop(null);
    const loop = fakeLoop();
    const seen: boolean[] = [];
    loop.call_soon(() => {
      seen.push(asyncio.get_running_loop() === loop, asyncio.get_event_loop() === loop);
    });
    loop.stop();
    await loop.run_forever();
    expect(seen).toEqual([true, true]);
    loop.close();
  });

  test("a custom policy's loops are what new_event_loop returns", () => {
    const made: asyncio.AbstractEventLoop[] = [];
    class Policy extends asyncio.DefaultEventLoopPolicy {
      override new_event_loop(): asyncio.AbstractEventLoop {
        const l = fakeLoop();
        made.push(l);
        return l;
      }
    }
    asyncio.set_event_loop_policy(new Policy());
    const l = asyncio.new_event_loop();
    expect(made).toEqual([l]);
    l.close();
    asyncio.set_event_loop_policy(null);
  });
});
