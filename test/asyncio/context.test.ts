/**
 * contextvars (PEP 567) and how asyncio runs callbacks and tasks in context copies, against what
 * CPython 3.13.0 printed for the same program (recorded once; the program is in the comment).
 * Addresses in reprs are the deterministic `id()` here, so they are masked as in the recording.
 */

import * as asyncio from "asyncio-ts";
import { Context, ContextVar, copy_context, Token } from "../../src/contextvars";
import {
  KeyError,
  LookupError,
  RuntimeError,
  TypeError,
  ValueError,
} from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { fakeRunKw } from "../helpers/fakeClock";

const { kw, markcoroutinefunction: coro } = asyncio;

/** Mask addresses as the recording did: `0x7f12...` -> `0xADDR`. */
function masked(s: string): string {
  return s.replace(/0x[0-9a-f]+/g, "0xADDR");
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (exc) {
    return exc as Error;
  }
  throw new Error("expected an exception");
}

describe("ContextVar and Token", () => {
  // v = ContextVar('v'); print(repr(v), v.name)       -> <ContextVar name='v' at 0xADDR> v
  // v.get()                                             -> LE LookupError(<ContextVar name='v' at 0xADDR>)
  // print(v.get('dflt'), v.get(None))                   -> dflt None
  // w = ContextVar('w', default=5); print(w.get(), repr(w)) -> 5 <ContextVar name='w' default=5 at 0xADDR>
  // t = v.set(1); print(v.get(), repr(t), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
  //   -> 1 <Token var=<ContextVar name='v' at 0xADDR> at 0xADDR> True True <Token.MISSING>
  // t2 = v.set(2); print(t2.old_value) -> 1 ; v.reset(t2); print(v.get()) -> 1
  // v.reset(t2) -> RE <Token used var=<ContextVar name='v' at 0xADDR> at 0xADDR> has already been used once
  // w.reset(t)  -> VE <Token var=<ContextVar name='v' at 0xADDR> at 0xADDR> was created by a different ContextVar
  // v.reset(t); v.get() -> LE again
  // ContextVar(1)  -> TE context variable name must be a str
  // v.reset(1)     -> TE expected an instance of Token, got 1
  // ContextVar('x', 1) -> TE ContextVar() takes at most 1 positional argument (2 given)
  test("get, set, reset and every error", () => {
    const v = new ContextVar<bigint>("v");
    expect([masked(repr(v)), v.name]).toEqual(["<ContextVar name='v' at 0xADDR>", "v"]);
    const le = errorOf(() => v.get());
    expect(le).toBeInstanceOf(LookupError);
    expect(masked(repr(le))).toBe("LookupError(<ContextVar name='v' at 0xADDR>)");
    expect([v.get("dflt" as never), v.get(null as never)]).toEqual(["dflt", null]);
    const w = new ContextVar<bigint>("w", kw({ default: 5n }));
    expect([w.get(), masked(repr(w))]).toEqual([5n, "<ContextVar name='w' default=5 at 0xADDR>"]);

    const t = v.set(1n);
    expect([v.get(), masked(repr(t)), t.var === v, t.old_value === Token.MISSING]).toEqual([
      1n,
      "<Token var=<ContextVar name='v' at 0xADDR> at 0xADDR>",
      true,
      true,
    ]);
    expect(repr(Token.MISSING)).toBe("<Token.MISSING>");
    const t2 = v.set(2n);
    expect(t2.old_value).toBe(1n);
    v.reset(t2);
    expect(v.get()).toBe(1n);
    const re = errorOf(() => v.reset(t2));
    expect(re).toBeInstanceOf(RuntimeError);
    expect(masked(re.message)).toBe(
      "<Token used var=<ContextVar name='v' at 0xADDR> at 0xADDR> has already been used once",
    );
    const ve = errorOf(() => w.reset(t as never));
    expect(ve).toBeInstanceOf(ValueError);
    expect(masked(ve.message)).toBe(
      "<Token var=<ContextVar name='v' at 0xADDR> at 0xADDR> was created by a different ContextVar",
    );
    v.reset(t);
    expect(errorOf(() => v.get())).toBeInstanceOf(LookupError);

    const te1 = errorOf(() => new ContextVar(1n as never));
    expect(te1).toBeInstanceOf(TypeError);
    expect(te1.message).toBe("context variable name must be a str");
    expect(errorOf(() => v.reset(1n as never)).message).toBe(
      "expected an instance of Token, got 1",
    );
    expect(errorOf(() => new ContextVar("x", 1n)).message).toBe(
      "ContextVar() takes at most 1 positional argument (2 given)",
    );
  });
});

describe("Context", () => {
  // ctx = copy_context(); t3 = ctx.run(v.set, 9)
  // v.reset(t3) -> VE <Token var=<ContextVar name='v' at 0xADDR> at 0xADDR> was created in a different Context
  // print(ctx[v], ctx.get(v), ctx.get(w), ctx.get(w, 'x'), v in ctx, w in ctx, len(ctx), list(ctx.keys()) == [v], list(ctx.values()))
  //   -> 9 9 None x True False 1 True [9]
  // ctx[w]      -> KE KeyError(<ContextVar name='w' default=5 at 0xADDR>)
  // ctx.get(1)  -> TE a ContextVar key was expected, got 1
  // 1 in ctx    -> TE a ContextVar key was expected, got 1
  // ctx.run(nested) where nested re-enters ctx -> RE cannot enter context: <_contextvars.Context object at 0xADDR> is already entered
  // c2 = ctx.copy(); print(c2 is not ctx, c2[v]) -> True 9
  // def f(): v.set('in'); return v.get()
  // print(ctx.run(f), ctx[v], v.get('outside')) -> in in outside
  // print(type(Context()).__name__, len(Context())) -> Context 0
  test("run, copy, the mapping API and its errors", () => {
    const v = new ContextVar<unknown>("v");
    const w = new ContextVar<bigint>("w", kw({ default: 5n }));
    const ctx = copy_context();
    const t3 = ctx.run(() => v.set(9n));
    const ve = errorOf(() => v.reset(t3));
    expect(ve).toBeInstanceOf(ValueError);
    expect(masked(ve.message)).toBe(
      "<Token var=<ContextVar name='v' at 0xADDR> at 0xADDR> was created in a different Context",
    );
    expect([
      ctx.__getitem__(v),
      ctx.get(v),
      ctx.get(w),
      ctx.get(w, "x" as never),
      ctx.__contains__(v),
      ctx.__contains__(w),
      ctx.__len__(),
      ctx.keys().length === 1 && ctx.keys()[0] === v,
      ctx.values(),
    ]).toEqual([9n, 9n, null, "x", true, false, 1n, true, [9n]]);
    const ke = errorOf(() => ctx.__getitem__(w));
    expect(ke).toBeInstanceOf(KeyError);
    expect(masked(repr(ke))).toBe("KeyError(<ContextVar name='w' default=5 at 0xADDR>)");
    expect(errorOf(() => ctx.get(1n as never)).message).toBe(
      "a ContextVar key was expected, got 1",
    );
    expect(errorOf(() => ctx.__contains__(1n)).message).toBe(
      "a ContextVar key was expected, got 1",
    );
    const re = errorOf(() => ctx.run(() => ctx.run(() => null)));
    expect(re).toBeInstanceOf(RuntimeError);
    expect(masked(re.message)).toBe(
      "cannot enter context: <_contextvars.Context object at 0xADDR> is already entered",
    );
    const c2 = ctx.copy();
    expect([c2 !== ctx, c2.__getitem__(v)]).toEqual([true, 9n]);
    const f = () => {
      v.set("in");
      return v.get();
    };
    expect([ctx.run(f), ctx.__getitem__(v), v.get("outside")]).toEqual(["in", "in", "outside"]);
    expect(c2.__getitem__(v)).toBe(9n);
    expect([new Context().constructor.name, new Context().__len__()]).toEqual(["Context", 0n]);
    expect(masked(repr(ctx))).toBe("<_contextvars.Context object at 0xADDR>");
  });

  test("run() restores the outer context even when the callable raises", () => {
    const v = new ContextVar<string>("v", kw({ default: "outer" }));
    const ctx = copy_context();
    expect(() =>
      ctx.run(() => {
        v.set("inner");
        throw new ValueError("boom");
      }),
    ).toThrow(ValueError);
    expect([v.get(), ctx.get(v)]).toEqual(["outer", "inner"]);
    expect(ctx.run(() => 1)).toBe(1);
  });
});

describe("asyncio runs callbacks and tasks in context copies", () => {
  // v = ContextVar('v', default='d')
  // async def child(name):
  //     out.append((name, 'sees', v.get())); v.set(name); await asyncio.sleep(0)
  //     out.append((name, 'after', v.get()))
  // def cb(tag): out.append(('cb', tag, v.get())); v.set('cb-set')
  // async def main():
  //     v.set('main')
  //     loop.call_soon(cb, 1)
  //     t1 = create_task(child('c1')); v.set('main2'); t2 = create_task(child('c2'))
  //     loop.call_soon(cb, 2)
  //     await t1; await t2; out.append(('main', v.get()))
  // -> [('cb', 1, 'main'), ('c1', 'sees', 'main'), ('c2', 'sees', 'main2'), ('cb', 2, 'main2'),
  //     ('c1', 'after', 'c1'), ('c2', 'after', 'c2'), ('main', 'main2')]
  test("each task and callback sees the context current when it was created", async () => {
    const v = new ContextVar<string>("v", kw({ default: "d" }));
    const out: unknown[] = [];
    const child = coro(function* child(name: string) {
      out.push([name, "sees", v.get()]);
      v.set(name);
      yield* asyncio.sleep(0);
      out.push([name, "after", v.get()]);
    }, "child");
    const cb = (tag: bigint) => {
      out.push(["cb", tag, v.get()]);
      v.set("cb-set");
    };
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop();
      v.set("main");
      loop.call_soon(cb, 1n);
      const t1 = asyncio.create_task(child("c1"));
      v.set("main2");
      const t2 = asyncio.create_task(child("c2"));
      loop.call_soon(cb, 2n);
      yield* t1;
      yield* t2;
      out.push(["main", v.get()]);
    }, "main");
    await asyncio.run(main(), fakeRunKw());
    expect(out).toEqual([
      ["cb", 1n, "main"],
      ["c1", "sees", "main"],
      ["c2", "sees", "main2"],
      ["cb", 2n, "main2"],
      ["c1", "after", "c1"],
      ["c2", "after", "c2"],
      ["main", "main2"],
    ]);
    expect(v.get()).toBe("d");
  });

  // async def main():
  //     ctx = contextvars.copy_context(); ctx.run(v.set, 'shared')
  //     t1 = create_task(setter('a'), context=ctx); await t1
  //     t2 = create_task(reader(), context=ctx); print(await t2)  -> a
  test("tasks given the same context share it", async () => {
    const v = new ContextVar<string>("v", kw({ default: "d" }));
    const setter = coro(function* setter(x: string) {
      v.set(x);
    }, "setter");
    const reader = coro(function* reader() {
      return v.get();
    }, "reader");
    const main = coro(function* main() {
      const ctx = copy_context();
      ctx.run(() => v.set("shared"));
      yield* asyncio.create_task(setter("a"), kw({ context: ctx }));
      const r = yield* asyncio.create_task(reader(), kw({ context: ctx }));
      return [r, v.get()];
    }, "main");
    expect(await asyncio.run(main(), fakeRunKw())).toEqual(["a", "d"]);
  });

  test("a done callback runs in the context captured by add_done_callback", async () => {
    const v = new ContextVar<string>("v", kw({ default: "d" }));
    const seen: string[] = [];
    const main = coro(function* main() {
      const loop = asyncio.get_running_loop();
      const f = loop.create_future() as asyncio.Future<null>;
      v.set("at-add");
      f.add_done_callback(() => seen.push(v.get()));
      v.set("at-set");
      f.set_result(null);
      yield* asyncio.sleep(0);
    }, "main");
    await asyncio.run(main(), fakeRunKw());
    expect(seen).toEqual(["at-add"]);
  });
  // v = ContextVar('v', default='d')
  // async def child(): tok = v.set('x'); await sleep(0); v.reset(tok); await sleep(0); return v.get()
  // async def quiet(): await sleep(0); await sleep(0); return current_task().get_context()
  // async def main():
  //     v.set('m'); t = create_task(child()); a = create_task(quiet()); b = create_task(quiet())
  //     v.set('m2'); print(await t, v.get())                                  -> m m2
  //     ca = await a; cb = await b
  //     print(ca is a.get_context(), ca is cb, ca.run(v.get), cb[v], a.get_context() is a.get_context())
  //                                                                            -> True False m m True
  test("a task's context is one object across its steps, however it is kept between them", async () => {
    const v = new ContextVar<string>("v", kw({ default: "d" }));
    const child = coro(function* child() {
      const tok = v.set("x");
      yield* asyncio.sleep(0);
      v.reset(tok);
      yield* asyncio.sleep(0);
      return v.get();
    }, "child");
    const quiet = coro(function* quiet() {
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
      return asyncio.current_task()!.get_context();
    }, "quiet");
    const out: unknown[] = [];
    const main = coro(function* main() {
      v.set("m");
      const t = asyncio.create_task(child());
      const a = asyncio.create_task(quiet());
      const b = asyncio.create_task(quiet());
      v.set("m2");
      out.push(yield* t, v.get());
      const ca = yield* a;
      const cb = yield* b;
      out.push(
        ca === a.get_context(),
        ca === cb,
        ca.run(() => v.get()),
        cb.__getitem__(v),
      );
      const again = a.get_context();
      out.push(again === a.get_context());
    }, "main");
    await asyncio.run(main(), fakeRunKw());
    expect(out).toEqual(["m", "m2", true, false, "m", "m", true]);
  });
});
