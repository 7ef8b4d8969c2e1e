/**
 * Tests for src/asyncio/protocols.ts and src/asyncio/asyncgen.ts: `async with`, `async for` and
 * async generators on generator coroutines (test_asyncio/test_pep492.py and test_asyncgen.py
 * topics). Expected logs were recorded once under CPython 3.13.0.
 */

import * as asyncio from "../../src/index";
import {
  anext,
  async_for,
  async_with,
  asyncgen_yield,
  asyncgenfunction,
  BREAK,
  type Coro,
  Return,
  ret,
} from "../../src/index";
import { KeyError, StopAsyncIteration, ValueError } from "../../src/python/exceptions";
import { repr, str } from "../../src/python/repr";

let log: string[] = [];
const fmt = (x: unknown) => (typeof x === "number" ? String(x) : str(x));
const L = (...a: unknown[]) => log.push(a.map(fmt).join(" "));

class CM {
  constructor(readonly suppress: boolean) {}
  *__aenter__(): Coro<string> {
    L("enter");
    yield* asyncio.sleep(0);
    return "val";
  }
  *__aexit__(t: unknown, v: unknown, _tb: unknown): Coro<boolean> {
    L("exit", t ? (t as { name: string }).name : null, repr(v));
    yield* asyncio.sleep(0);
    return this.suppress;
  }
}

class AI {
  i = 0n;
  constructor(readonly n: bigint) {}
  __aiter__() {
    return this;
  }
  *__anext__(): Coro<bigint> {
    yield* asyncio.sleep(0);
    if (this.i >= this.n) throw new StopAsyncIteration();
    this.i += 1n;
    return this.i;
  }
}

const ticker = asyncgenfunction(function* ticker(n: number) {
  try {
    for (let i = 0n; i < n; i++) {
      const x = yield asyncgen_yield(i);
      L("sent", x ?? null);
      yield* asyncio.sleep(0);
    }
  } finally {
    L("ticker finally");
  }
});

describe("async with / async for / async generators", () => {
  test("the protocols and an async generator behave as CPython's statements", async () => {
    log = [];
    await asyncio.run(
      (function* () {
        yield* async_with(new CM(false), function* (v) {
          L("body", v);
        });
        yield* async_with(new CM(true), function* () {
          throw new ValueError("x");
        });
        L("suppressed");
        try {
          yield* async_with(new CM(false), function* () {
            throw new KeyError("k");
          });
        } catch (e) {
          L("propagated", repr(e));
        }
        function* f() {
          return yield* async_with(new CM(false), function* () {
            return 5n;
          });
        }
        L("returned", yield* f());
        yield* async_for(new AI(3n), function* (i) {
          L("item", i);
        });
        let r = yield* async_for(new AI(5n), function* (i) {
          if (i === 2n) return undefined;
          if (i === 4n) return BREAK;
          L("loop", i);
          return undefined;
        });
        if (r === undefined) L("else not run");
        r = yield* async_for(new AI(1n), function* () {});
        if (r === undefined) L("else run");
        yield* async_for(ticker(3), function* (i) {
          L("tick", i);
        });
        const g = ticker(5);
        L(yield* g.__anext__());
        L(yield* g.asend("A"));
        L(yield* g.asend("B"));
        yield* g.aclose();
        L("closed");
        const g2 = ticker(5);
        yield* async_for(g2, function* (i) {
          if (i === 1n) return BREAK;
          return undefined;
        });
        L("broke");
        const items: unknown[] = [];
        yield* async_for(ticker(2), function* (x) {
          items.push(x);
        });
        L(repr(items));
        L(yield* anext(new AI(0n), "dflt"));
      })(),
    );
    expect(log).toEqual([
      "enter",
      "body val",
      "exit None None",
      "enter",
      "exit ValueError ValueError('x')",
      "suppressed",
      "enter",
      "exit KeyError KeyError('k')",
      "propagated KeyError('k')",
      "enter",
      "exit None None",
      "returned 5",
      "item 1",
      "item 2",
      "item 3",
      "loop 1",
      "loop 3",
      "else run",
      "tick 0",
      "sent None",
      "tick 1",
      "sent None",
      "tick 2",
      "sent None",
      "ticker finally",
      "0",
      "sent A",
      "1",
      "sent B",
      "2",
      "ticker finally",
      "closed",
      "sent None",
      "broke",
      "sent None",
      "sent None",
      "ticker finally",
      "[0, 1]",
      "dflt",
      // g2 was left suspended by the break: loop.shutdown_asyncgens() closes it.
      "ticker finally",
    ]);
  });

  test("a Return completion passes through nested bodies", async () => {
    const got = await asyncio.run(
      (function* () {
        const r = yield* async_for(new AI(10n), function* (i) {
          return yield* async_with(new CM(false), function* () {
            if (i === 2n) return ret(i * 100n);
            return undefined;
          });
        });
        return r instanceof Return ? r.value : null;
      })(),
    );
    expect(got).toBe(200n);
  });

  test("protocol errors use CPython's messages", async () => {
    log = [];
    await asyncio.run(
      (function* () {
        class X {}
        class Y {
          __aenter__() {
            return null;
          }
        }
        const attempts: [string, () => Coro<unknown>][] = [
          ["with X", () => async_with(new X() as never, function* () {})],
          ["with Y", () => async_with(new Y() as never, function* () {})],
          ["for X", () => async_for(new X() as never, function* () {})],
          [
            "for Z",
            () =>
              async_for({ __aiter__: () => ({ __anext__: () => 1n }) } as never, function* () {}),
          ],
          [
            "with W",
            () =>
              async_with({ __aenter__: () => 1n, __aexit__: () => 1n } as never, function* () {}),
          ],
        ];
        for (const [, make] of attempts) {
          try {
            yield* make();
          } catch (e) {
            L((e as object).constructor.name, e);
          }
        }
      })(),
    );
    expect(log).toEqual([
      "TypeError 'X' object does not support the asynchronous context manager protocol",
      "TypeError 'Y' object does not support the asynchronous context manager protocol (missed __aexit__ method)",
      "TypeError 'async for' requires an object with __aiter__ method, got X",
      "TypeError 'async for' received an invalid object from __anext__: int",
      "TypeError 'async with' received an object from __aenter__ that does not implement __await__: int",
    ]);
  });

  test("async generator edge cases: running, closed, ignored GeneratorExit, StopAsyncIteration", async () => {
    log = [];
    const slow = asyncgenfunction(function* slow() {
      yield* asyncio.sleep(0.01);
      yield asyncgen_yield(5n);
    });
    const g = asyncgenfunction(function* g() {
      try {
        yield asyncgen_yield(1n);
        yield asyncgen_yield(2n);
      } finally {
        L("fin");
      }
    });
    const bad = asyncgenfunction(function* bad() {
      try {
        yield asyncgen_yield(1n);
      } catch (e) {
        yield asyncgen_yield(2n);
        throw e;
      }
    });
    const sai = asyncgenfunction(function* sai() {
      throw new StopAsyncIteration();
    });
    const show = (e: unknown) => L((e as object).constructor.name, e);
    await asyncio.run(
      (function* () {
        const s = slow();
        const a = g();
        L(yield* a.__anext__());
        const t = asyncio.ensure_future(s.__anext__());
        yield* asyncio.sleep(0);
        try {
          yield* s.__anext__();
        } catch (e) {
          show(e);
        }
        try {
          yield* s.aclose();
        } catch (e) {
          show(e);
        }
        try {
          yield* s.athrow(ValueError);
        } catch (e) {
          show(e);
        }
        L(yield* t);
        L(yield* a.aclose());
        L(yield* a.aclose());
        try {
          yield* a.__anext__();
        } catch (e) {
          L((e as object).constructor.name, repr(e));
        }
        L(yield* a.athrow(new ValueError("v")));
        const b = bad();
        yield* b.__anext__();
        try {
          yield* b.aclose();
        } catch (e) {
          show(e);
        }
        const c = g();
        try {
          yield* c.athrow(new ValueError("x"));
        } catch (e) {
          L("unstarted athrow", (e as object).constructor.name, e);
        }
        try {
          yield* c.__anext__();
        } catch (e) {
          L("after", (e as object).constructor.name, e);
        }
        try {
          yield* sai().__anext__();
        } catch (e) {
          show(e);
        }
        L(repr(g()).replace(/0x[0-9a-f]+/, "ADDR"));
      })(),
    );
    expect(log).toEqual([
      "1",
      "RuntimeError anext(): asynchronous generator is already running",
      "RuntimeError aclose(): asynchronous generator is already running",
      "RuntimeError athrow(): asynchronous generator is already running",
      "5",
      "fin",
      "None",
      "None",
      "StopAsyncIteration StopAsyncIteration()",
      "None",
      "RuntimeError async generator ignored GeneratorExit",
      "unstarted athrow ValueError x",
      "after StopAsyncIteration ",
      "RuntimeError async generator raised StopAsyncIteration",
      "<async_generator object g at ADDR>",
    ]);
  });
});

describe("async_with closed from outside", () => {
  test("coro.return() in the body awaits __aexit__ with GeneratorExit, as coro.close() does", () => {
    // Recorded from the same program under CPython 3.13.0 (`coro.close()` for `coro.return()`).
    log = [];
    class SyncCM {
      *__aenter__(): Coro<string> {
        L("aenter");
        return "v";
      }
      *__aexit__(t: unknown, e: unknown, _tb: unknown): Coro<boolean> {
        L(
          "aexit",
          t ? (t as { name: string }).name : null,
          e ? (e as object).constructor.name : null,
        );
        return false;
      }
    }
    function* c(): Coro<void> {
      try {
        yield* async_with(new SyncCM(), function* (v) {
          L("body", v);
          yield; // a bare suspension, as `@types.coroutine` `yield` in Python
          L("not reached");
        });
      } finally {
        L("finally");
      }
    }
    const g = c();
    g.next();
    const r = g.return(undefined);
    L("close ->", r.done && r.value === undefined ? null : r.value);
    function* c2(): Coro<unknown> {
      return yield* async_with(new SyncCM(), function* (v) {
        L("body2", v);
        return 42n;
      });
    }
    const g2 = c2();
    const r2 = g2.next();
    L("returned", r2.done ? r2.value : "suspended");
    expect(log).toEqual([
      "aenter",
      "body v",
      "aexit GeneratorExit GeneratorExit",
      "finally",
      "close -> None",
      "aenter",
      "body2 v",
      "aexit None None",
      "returned 42",
    ]);
  });
});
