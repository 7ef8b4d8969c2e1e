/**
 * Tests for src/asyncio/locks.ts, mirroring CPython's test_asyncio/test_locks.py topics. Expected
 * logs were recorded once from the same programs under CPython 3.13.0.
 */

import * as asyncio from "../../src/index";
import { AsyncWith, async_with, type Coro, kw } from "../../src/index";
import { RuntimeError, ValueError } from "../../src/python/exceptions";
import { repr, str } from "../../src/python/repr";
import { eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog();

describe("Lock", () => {
  test("waiters acquire in FIFO order and release of an unheld lock fails", async () => {
    expect(
      await runLog(function* () {
        const lock = new asyncio.Lock();
        function* w(i: number) {
          L("want", i);
          yield* async_with(lock, function* () {
            L("got", i);
            yield* asyncio.sleep(0);
            L("rel", i);
          });
        }
        yield* lock.acquire();
        const ts = [0, 1, 2].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        L("locked", lock.locked(), lock._waiters!.length);
        lock.release();
        yield* asyncio.gather(...ts);
        L("locked", lock.locked());
        try {
          lock.release();
        } catch (e) {
          if (!(e instanceof RuntimeError)) throw e;
          L("err", e);
        }
      }),
    ).toEqual([
      "want 0",
      "want 1",
      "want 2",
      "locked True 3",
      "got 0",
      "rel 0",
      "got 1",
      "rel 1",
      "got 2",
      "rel 2",
      "locked False",
      "err Lock is not acquired.",
    ]);
  });

  test("a woken waiter cancelled before it runs passes the lock on", async () => {
    expect(
      await runLog(function* () {
        const lock = new asyncio.Lock();
        yield* lock.acquire();
        function* w(i: number) {
          try {
            yield* lock.acquire();
            L("acq", i);
            lock.release();
          } catch (e) {
            if (e instanceof asyncio.CancelledError) L("cancelled", i);
            throw e;
          }
        }
        const [t1, t2, t3] = [1, 2, 3].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        lock.release();
        t1.cancel();
        yield* asyncio.gather(t1, t2, t3, kw({ return_exceptions: true }));
        L("locked", lock.locked());
        yield* lock.acquire();
        const t4 = asyncio.create_task(w(4));
        const t5 = asyncio.create_task(w(5));
        yield* asyncio.sleep(0);
        t4.cancel();
        yield* asyncio.sleep(0);
        L("waiters", lock._waiters!.length);
        lock.release();
        yield* asyncio.gather(t4, t5, kw({ return_exceptions: true }));
      }),
    ).toEqual([
      "cancelled 1",
      "acq 2",
      "acq 3",
      "locked False",
      "cancelled 4",
      "waiters 1",
      "acq 5",
    ]);
  });

  test("repr shows the state and the number of waiters", async () => {
    await asyncio.run(
      (function* () {
        const lock = new asyncio.Lock();
        expect(repr(lock)).toMatch(/^<asyncio\.locks\.Lock object at 0x[0-9a-f]+ \[unlocked\]>$/);
        yield* lock.acquire();
        const t = asyncio.create_task(lock.acquire());
        yield* asyncio.sleep(0);
        expect(repr(lock)).toMatch(/ \[locked, waiters:1\]>$/);
        lock.release();
        yield* t;
        expect(repr(lock)).toMatch(/ \[locked\]>$/);
      })(),
    );
  });

  test("a lock used from a second event loop is bound to a different event loop", async () => {
    const lock = new asyncio.Lock();
    function* contend(): Coro<void> {
      yield* lock.acquire();
      const t = asyncio.create_task(lock.acquire());
      yield* asyncio.sleep(0);
      lock.release();
      yield* t;
      lock.release();
    }
    await asyncio.run(contend());
    let message = "";
    await asyncio.run(
      (function* () {
        yield* lock.acquire();
        try {
          yield* lock.acquire();
        } catch (e) {
          message = str(e);
        }
      })(),
    );
    expect(message).toMatch(
      /^<asyncio\.locks\.Lock object at 0x[0-9a-f]+ \[locked\]> is bound to a different event loop$/,
    );
  });
});

describe("Event", () => {
  test("set() wakes every waiter in order", async () => {
    expect(
      await runLog(function* () {
        const ev = new asyncio.Event();
        function* w(i: number) {
          L("wait", i);
          const r = yield* ev.wait();
          L("woke", i, r);
        }
        const ts = [0, 1, 2].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        L("is_set", ev.is_set(), ev._waiters.length);
        ev.set();
        L("after set");
        yield* asyncio.gather(...ts);
        L(yield* ev.wait());
        ev.clear();
        L("is_set", ev.is_set());
      }),
    ).toEqual([
      "wait 0",
      "wait 1",
      "wait 2",
      "is_set False 3",
      "after set",
      "woke 0 True",
      "woke 1 True",
      "woke 2 True",
      "True",
      "is_set False",
    ]);
  });

  test("repr", () => {
    const ev = new asyncio.Event();
    expect(repr(ev)).toMatch(/^<asyncio\.locks\.Event object at 0x[0-9a-f]+ \[unset\]>$/);
    ev.set();
    expect(repr(ev)).toMatch(/ \[set\]>$/);
  });
});

describe("Condition", () => {
  test("notify(n), notify_all and wait_for wake waiters in FIFO order", async () => {
    expect(
      await runLog(function* () {
        const cond = new asyncio.Condition();
        function* w(i: number) {
          yield* async_with(cond, function* () {
            L("waiting", i);
            const r = yield* cond.wait();
            L("notified", i, r, cond.locked());
          });
        }
        const ts = [0, 1, 2, 3].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        try {
          cond.notify();
        } catch (e) {
          L("err", e);
        }
        try {
          yield* cond.wait();
        } catch (e) {
          L("err", e);
        }
        yield* async_with(cond, function* () {
          cond.notify(1);
          L("notify1");
        });
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        yield* async_with(cond, function* () {
          cond.notify(2);
          L("notify2");
        });
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        yield* async_with(cond, function* () {
          cond.notify_all();
        });
        yield* asyncio.gather(...ts);
        const state = { n: 0 };
        function* wf() {
          yield* async_with(cond, function* () {
            const r = yield* cond.wait_for(() => state.n >= 2 && state.n);
            L("wait_for ->", r);
          });
        }
        const t = asyncio.create_task(wf());
        for (let i = 0; i < 3; i++) {
          yield* asyncio.sleep(0);
          yield* async_with(cond, function* () {
            state.n += 1;
            L("n", state.n);
            cond.notify();
          });
        }
        yield* t;
      }),
    ).toEqual([
      "waiting 0",
      "waiting 1",
      "waiting 2",
      "waiting 3",
      "err cannot notify on un-acquired lock",
      "err cannot wait on un-acquired lock",
      "notify1",
      "notified 0 True True",
      "notify2",
      "notified 1 True True",
      "notified 2 True True",
      "notified 3 True True",
      "n 1",
      "n 2",
      "wait_for -> 2",
      "n 3",
    ]);
  });

  test("a cancelled wait re-acquires the lock before raising", async () => {
    expect(
      await runLog(function* () {
        const cond = new asyncio.Condition();
        function* w() {
          yield* async_with(cond, function* () {
            try {
              yield* cond.wait();
            } catch (e) {
              L("cancelled, locked:", cond.locked());
              throw e;
            }
          });
        }
        const t = asyncio.create_task(w());
        yield* asyncio.sleep(0);
        yield* cond.acquire();
        t.cancel();
        yield* asyncio.sleep(0);
        L("still waiting for lock", t.done());
        cond.release();
        try {
          yield* t;
        } catch (e) {
          if (e instanceof asyncio.CancelledError) L("t cancelled", t.cancelled());
        }
      }),
    ).toEqual(["still waiting for lock False", "cancelled, locked: True", "t cancelled True"]);
  });
});

describe("Semaphore", () => {
  test("admits value tasks at a time, in FIFO order; BoundedSemaphore checks releases", async () => {
    expect(
      await runLog(function* () {
        const sem = new asyncio.Semaphore(2);
        function* w(i: number) {
          yield* async_with(sem, function* () {
            L("in", i, sem._value);
            yield* asyncio.sleep(0);
            L("out", i);
          });
        }
        yield* asyncio.gather(...[0, 1, 2, 3, 4].map((i) => asyncio.create_task(w(i))));
        L("value", sem._value, sem.locked());
        try {
          new asyncio.Semaphore(-1);
        } catch (e) {
          if (e instanceof ValueError) L("err", e);
        }
        const b = new asyncio.BoundedSemaphore(1);
        yield* b.acquire();
        b.release();
        try {
          b.release();
        } catch (e) {
          if (e instanceof ValueError) L("err", e);
        }
        const s = new asyncio.Semaphore(0);
        function* a(i: number) {
          try {
            yield* s.acquire();
            L("acq", i);
          } catch (e) {
            L("cancel", i);
            throw e;
          }
        }
        const [t1, t2, t3] = [1, 2, 3].map((i) => asyncio.create_task(a(i)));
        yield* asyncio.sleep(0);
        s.release();
        L("value after release", s._value);
        t1.cancel();
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        L("value", s._value, "done", t1.done(), t2.done(), t3.done());
        s.release();
        yield* asyncio.sleep(0);
        L("value", s._value, "done", t2.done(), t3.done());
      }),
    ).toEqual([
      "in 0 1",
      "in 1 0",
      "out 0",
      "out 1",
      "in 2 0",
      "in 3 0",
      "out 2",
      "out 3",
      "in 4 1",
      "out 4",
      "value 2 False",
      "err Semaphore initial value must be >= 0",
      "err BoundedSemaphore released too many times",
      "value after release 0",
      "cancel 1",
      "acq 2",
      "value 0 done True True False",
      "acq 3",
      "value 0 done True True",
    ]);
  });

  test("repr", () => {
    const s = new asyncio.Semaphore(2);
    expect(repr(s)).toMatch(
      /^<asyncio\.locks\.Semaphore object at 0x[0-9a-f]+ \[unlocked, value:2\]>$/,
    );
    expect(repr(new asyncio.Semaphore(0))).toMatch(/ \[locked\]>$/);
  });
});

describe("Barrier", () => {
  test("wait, reset, abort and their states", async () => {
    expect(
      await runLog(function* () {
        const b = new asyncio.Barrier(3);
        L("parties", b.parties, "n_waiting", b.n_waiting, "broken", b.broken);
        function* w(i: number) {
          const idx = yield* b.wait();
          L("passed", i, idx);
        }
        const ts = [0, 1, 2].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        L("n_waiting", b.n_waiting, b._state);
        yield* asyncio.gather(...ts);
        L("n_waiting", b.n_waiting, b._state);
        function* w2(i: number) {
          try {
            yield* b.wait();
          } catch (e) {
            if (e instanceof asyncio.BrokenBarrierError) L("broken", i, repr(e));
            else throw e;
          }
        }
        let ts2 = [0, 1].map((i) => asyncio.create_task(w2(i)));
        yield* asyncio.sleep(0);
        yield* b.reset();
        yield* asyncio.gather(...ts2);
        L("state", b._state);
        ts2 = [0, 1].map((i) => asyncio.create_task(w2(i)));
        yield* asyncio.sleep(0);
        yield* b.abort();
        yield* asyncio.gather(...ts2);
        L("broken", b.broken);
        try {
          yield* b.wait();
        } catch (e) {
          L("err", repr(e));
        }
        try {
          new asyncio.Barrier(0);
        } catch (e) {
          L("err", e);
        }
        yield* async_with(new asyncio.Barrier(1), function* (idx) {
          L("cm", idx);
        });
      }),
    ).toEqual([
      "parties 3 n_waiting 0 broken False",
      "passed 2 2",
      "n_waiting 0 draining",
      "passed 0 0",
      "passed 1 1",
      "n_waiting 0 filling",
      "broken 0 BrokenBarrierError('Abort or reset of barrier')",
      "broken 1 BrokenBarrierError('Abort or reset of barrier')",
      "state filling",
      "broken 0 BrokenBarrierError('Abort or reset of barrier')",
      "broken 1 BrokenBarrierError('Abort or reset of barrier')",
      "broken True",
      "err BrokenBarrierError('Barrier aborted')",
      "err parties must be > 0",
      "cm 0",
    ]);
  });

  test("repr", () => {
    const b = new asyncio.Barrier(2);
    expect(repr(b)).toMatch(
      /^<asyncio\.locks\.Barrier object at 0x[0-9a-f]+ \[filling, waiters:0\/2\]>$/,
    );
  });
});

describe("async with on the primitives (AsyncWith's shortcuts)", () => {
  test("contended waits, cancelled waiters, Condition and Semaphore behave as CPython's", async () => {
    // The inline form, as hot code writes it: the waits take AsyncWith's WAIT_ITER shortcut.
    function* inline(cm: unknown, body: () => Coro<void>): Coro<void> {
      const w = yield* AsyncWith.enter(cm as asyncio.Lock);
      let ok = true;
      try {
        yield* body();
      } catch (e) {
        ok = false;
        if (!(yield* w.exit_exc(e))) throw e;
      } finally {
        if (ok) yield* w.exit_ok();
      }
    }
    expect(
      await runLog(function* () {
        const lock = new asyncio.Lock();
        function* w(i: number) {
          L("want", i);
          try {
            yield* inline(lock, function* () {
              L("got", i);
              yield* asyncio.sleep(0);
              L("rel", i);
            });
          } catch (e) {
            if (e instanceof asyncio.CancelledError) L("cancelled", i, lock.locked());
            throw e;
          }
        }
        yield* lock.acquire();
        const ts = [0, 1, 2, 3, 4].map((i) => asyncio.create_task(w(i)));
        yield* asyncio.sleep(0);
        L("state", lock.locked(), lock._waiters!.length);
        lock.release();
        ts[0].cancel();
        ts[2].cancel();
        const res = yield* asyncio.gather(...ts, kw({ return_exceptions: true }));
        L(
          "res",
          res.map((r) => (r instanceof asyncio.CancelledError ? "CancelledError" : r)),
        );
        L("state", lock.locked(), lock._waiters!.length);
        yield* inline(lock, function* () {
          L("inside", lock.locked());
        });
        L("after", lock.locked());
        try {
          yield* inline(lock, function* () {
            throw new ValueError("boom");
          });
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          L("err", e, lock.locked());
        }

        const cond = new asyncio.Condition();
        function* cw(i: number) {
          yield* inline(cond, function* () {
            L("cwait", i);
            yield* cond.wait();
            L("cwoke", i);
          });
        }
        const cts = [0, 1, 2].map((i) => asyncio.create_task(cw(i)));
        yield* asyncio.sleep(0);
        yield* inline(cond, function* () {
          L("notify", cond.locked(), cond._waiters.length);
          cond.notify(2);
        });
        yield* asyncio.sleep(0);
        yield* async_with(cond, function* () {
          cond.notify_all();
        });
        yield* asyncio.gather(...cts);

        const sem = new asyncio.Semaphore(2);
        function* sw(i: number) {
          yield* inline(sem, function* () {
            L("sem in", i, sem._value);
            yield* asyncio.sleep(0);
            L("sem out", i);
          });
        }
        yield* asyncio.gather(...[0, 1, 2, 3].map(sw));
        L("sem", sem._value, sem.locked());
      }),
    ).toEqual([
      "want 0",
      "want 1",
      "want 2",
      "want 3",
      "want 4",
      "state True 5",
      "cancelled 0 False",
      "cancelled 2 False",
      "got 1",
      "rel 1",
      "got 3",
      "rel 3",
      "got 4",
      "rel 4",
      "res ['CancelledError', None, 'CancelledError', None, None]",
      "state False 0",
      "inside True",
      "after False",
      "err boom False",
      "cwait 0",
      "cwait 1",
      "cwait 2",
      "notify True 3",
      "cwoke 0",
      "cwoke 1",
      "cwoke 2",
      "sem in 0 1",
      "sem in 1 0",
      "sem out 0",
      "sem out 1",
      "sem in 2 0",
      "sem in 3 0",
      "sem out 2",
      "sem out 3",
      "sem 2 False",
    ]);
  });
});
