/**
 * Tests for src/asyncio/queues.ts, mirroring CPython's test_asyncio/test_queues.py topics. Expected
 * logs were recorded once from the same programs under CPython 3.13.0.
 */

import { Deque as asyncio_Deque } from "../../src/asyncio/queues";
import * as asyncio from "../../src/index";
import { type Coro, kw } from "../../src/index";
import { ValueError } from "../../src/python/exceptions";
import { repr } from "../../src/python/repr";
import { tuple_of } from "../../src/python/tuple";
import { eventLog } from "../helpers/eventLog";

const { L, runLog } = eventLog();

describe("Queue", () => {
  test("a bounded queue alternates producer and consumer as CPython does", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue<bigint | null>(2);
        function* prod() {
          for (let i = 0n; i < 5n; i++) {
            L("put", i);
            yield* q.put(i);
            L("put done", i);
          }
          yield* q.put(null);
        }
        function* cons() {
          for (;;) {
            const x = yield* q.get();
            L("got", x);
            q.task_done();
            if (x === null) break;
          }
        }
        yield* asyncio.gather(prod(), cons());
        L("qsize", q.qsize(), q.empty(), q.full(), q.maxsize);
      }),
    ).toEqual([
      "put 0",
      "put done 0",
      "put 1",
      "put done 1",
      "put 2",
      "got 0",
      "got 1",
      "put done 2",
      "put 3",
      "put done 3",
      "put 4",
      "got 2",
      "got 3",
      "put done 4",
      "got 4",
      "got None",
      "qsize 0 True False 2",
    ]);
  });

  test("nowait variants raise QueueFull and QueueEmpty; task_done() called too many times", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue(1n);
        q.put_nowait(1n);
        try {
          q.put_nowait(2n);
        } catch (e) {
          if (e instanceof asyncio.QueueFull) L("full", repr(e));
        }
        L(q.get_nowait());
        try {
          q.get_nowait();
        } catch (e) {
          if (e instanceof asyncio.QueueEmpty) L("empty", repr(e));
        }
        try {
          q.task_done();
          q.task_done();
        } catch (e) {
          if (e instanceof ValueError) L("err", e);
        }
        L(q.__str__());
      }),
    ).toEqual([
      "full QueueFull()",
      "1",
      "empty QueueEmpty()",
      "err task_done() called too many times",
      "<Queue maxsize=1>",
    ]);
  });

  test("PriorityQueue keeps heapq's exact heap; LifoQueue is last in first out", async () => {
    expect(
      await runLog(function* () {
        const pq = new asyncio.PriorityQueue();
        const items: [bigint, string][] = [
          [3n, "c"],
          [1n, "a"],
          [2n, "b"],
          [1n, "z"],
          [0n, "q"],
          [5n, "e"],
          [2n, "a"],
        ];
        for (const [p, s] of items) pq.put_nowait(tuple_of(p, s));
        L("heap", repr(pq._queue));
        const out = [];
        while (!pq.empty()) out.push(pq.get_nowait());
        L(repr(out));
        const lq = new asyncio.LifoQueue();
        for (let i = 0n; i < 4n; i++) lq.put_nowait(i);
        L(repr([0, 1, 2, 3].map(() => lq.get_nowait())));
        const nq = new asyncio.PriorityQueue();
        for (const v of [5n, 3n, 8n, 1n, 9n, 2n, 7n]) nq.put_nowait(v);
        L("heap", repr(nq._queue));
        yield* asyncio.sleep(0);
      }),
    ).toEqual([
      "heap [(0, 'q'), (1, 'a'), (2, 'a'), (3, 'c'), (1, 'z'), (5, 'e'), (2, 'b')]",
      "[(0, 'q'), (1, 'a'), (1, 'z'), (2, 'a'), (2, 'b'), (3, 'c'), (5, 'e')]",
      "[3, 2, 1, 0]",
      "heap [1, 3, 2, 5, 9, 8, 7]",
    ]);
  });

  test("join() waits until every item is task_done()", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue();
        for (let i = 0n; i < 3n; i++) q.put_nowait(i);
        function* worker(n: number): Coro<void> {
          for (;;) {
            const x = yield* q.get();
            L("w", n, x);
            yield* asyncio.sleep(0);
            q.task_done();
          }
        }
        const ws = [0, 1].map((n) => asyncio.create_task(worker(n)));
        yield* q.join();
        L("joined");
        for (const w of ws) w.cancel();
        yield* asyncio.gather(...ws, kw({ return_exceptions: true }));
      }),
    ).toEqual(["w 0 0", "w 1 1", "w 0 2", "joined"]);
  });

  test("a getter cancelled after being woken passes the item on", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue();
        function* g(i: number) {
          try {
            L("got", i, yield* q.get());
          } catch (e) {
            L("cancelled", i);
            throw e;
          }
        }
        const t1 = asyncio.create_task(g(1));
        const t2 = asyncio.create_task(g(2));
        yield* asyncio.sleep(0);
        q.put_nowait("x");
        t1.cancel();
        yield* asyncio.sleep(0);
        q.put_nowait("y");
        yield* asyncio.gather(t1, t2, kw({ return_exceptions: true }));
        L("qsize", q.qsize());
      }),
    ).toEqual(["cancelled 1", "got 2 x", "qsize 1"]);
  });

  test("shutdown() and shutdown(immediate=True) raise QueueShutDown", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue(1n);
        function* g(i: number) {
          try {
            L("got", i, yield* q.get());
          } catch (e) {
            if (!(e instanceof asyncio.QueueShutDown)) throw e;
            L("shutdown get", i, repr(e));
          }
        }
        function* p(i: number) {
          try {
            yield* q.put(BigInt(i));
            L("put", i);
          } catch (e) {
            if (!(e instanceof asyncio.QueueShutDown)) throw e;
            L("shutdown put", i, repr(e));
          }
        }
        q.put_nowait("a");
        const ts = [asyncio.create_task(p(1)), asyncio.create_task(p(2))];
        yield* asyncio.sleep(0);
        q.shutdown();
        yield* asyncio.gather(...ts);
        L(q.__str__());
        L(yield* q.get());
        yield* asyncio.create_task(g(3));
        try {
          q.put_nowait(1n);
        } catch (e) {
          if (e instanceof asyncio.QueueShutDown) L("put_nowait shutdown");
        }
        const q2 = new asyncio.Queue();
        for (let i = 0n; i < 3n; i++) q2.put_nowait(i);
        const j = asyncio.create_task(q2.join());
        yield* asyncio.sleep(0);
        q2.shutdown(kw({ immediate: true }));
        L("qsize", q2.qsize(), q2._unfinished_tasks);
        yield* j;
        L("joined after immediate");
        try {
          q2.get_nowait();
        } catch (e) {
          if (e instanceof asyncio.QueueShutDown) L("get_nowait shutdown");
        }
      }),
    ).toEqual([
      "shutdown put 1 QueueShutDown()",
      "shutdown put 2 QueueShutDown()",
      "<Queue maxsize=1 _queue=['a'] tasks=1 shutdown>",
      "a",
      "shutdown get 3 QueueShutDown()",
      "put_nowait shutdown",
      "qsize 0 0",
      "joined after immediate",
      "get_nowait shutdown",
    ]);
  });

  test("repr shows a deterministic id and the waiters", async () => {
    await asyncio.run(
      (function* () {
        const q = new asyncio.Queue();
        const t = asyncio.create_task(q.get());
        yield* asyncio.sleep(0);
        expect(repr(q)).toMatch(/^<Queue at 0x[0-9a-f]+ maxsize=0 _getters\[1\]>$/);
        q.put_nowait(1n);
        yield* t;
      })(),
    );
  });
});

describe("Queue waiter deques", () => {
  test("getters and putters stay FIFO when the ring buffer wraps and waiters are cancelled", async () => {
    expect(
      await runLog(function* () {
        const q = new asyncio.Queue<string | bigint>();
        function* g(i: number) {
          try {
            L("got", i, yield* q.get());
          } catch (e) {
            if (e instanceof asyncio.CancelledError) L("cancelled", i);
            throw e;
          }
        }
        // Rounds of getters move the getter deque's head (its ring buffer wraps).
        for (let r = 0; r < 3; r++) {
          const ts = [0, 1, 2, 3, 4].map((i) => asyncio.create_task(g(r * 10 + i)));
          yield* asyncio.sleep(0);
          for (let i = 0; i < 5; i++) q.put_nowait(`r${r}-${i}`);
          yield* asyncio.gather(...ts);
        }
        const ts = [0, 1, 2, 3, 4, 5, 6].map((i) => asyncio.create_task(g(100 + i)));
        yield* asyncio.sleep(0);
        L(q.__str__());
        ts[3].cancel();
        ts[5].cancel();
        yield* asyncio.sleep(0);
        L(q.__str__());
        for (let i = 0n; i < 5n; i++) q.put_nowait(i);
        yield* asyncio.gather(...ts, kw({ return_exceptions: true }));
        L(q.__str__());
        // A bounded queue cycling through full and empty, putters waiting in FIFO order.
        const b = new asyncio.Queue<bigint>(3n);
        function* p(i: bigint) {
          yield* b.put(i);
          L("put", i);
        }
        const ps = [0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n].map((i) => asyncio.create_task(p(i)));
        yield* asyncio.sleep(0);
        L(b.qsize(), b.full(), b._putters.length);
        const out: bigint[] = [];
        while (out.length < 8) {
          out.push(yield* b.get());
          if (out.length % 3 === 0) yield* asyncio.sleep(0);
        }
        L(out);
        yield* asyncio.gather(...ps);
        L(b.__str__());
      }),
    ).toEqual([
      "got 0 r0-0",
      "got 1 r0-1",
      "got 2 r0-2",
      "got 3 r0-3",
      "got 4 r0-4",
      "got 10 r1-0",
      "got 11 r1-1",
      "got 12 r1-2",
      "got 13 r1-3",
      "got 14 r1-4",
      "got 20 r2-0",
      "got 21 r2-1",
      "got 22 r2-2",
      "got 23 r2-3",
      "got 24 r2-4",
      "<Queue maxsize=0 _getters[7] tasks=15>",
      "cancelled 103",
      "cancelled 105",
      "<Queue maxsize=0 _getters[5] tasks=15>",
      "got 100 0",
      "got 101 1",
      "got 102 2",
      "got 104 3",
      "got 106 4",
      "<Queue maxsize=0 tasks=20>",
      "put 0",
      "put 1",
      "put 2",
      "3 True 5",
      "put 3",
      "put 4",
      "put 5",
      "put 6",
      "put 7",
      "[0, 1, 2, 3, 4, 5, 6, 7]",
      "<Queue maxsize=3 tasks=8>",
    ]);
  });

  test("Deque: push/shift/pop/remove across the ring buffer's wrap-around", () => {
    const d = new asyncio_Deque<number>();
    const model: number[] = [];
    let n = 0;
    // A fixed pseudo-random sequence of operations, checked against an array after each one.
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let step = 0; step < 2000; step++) {
      const r = rand();
      if (r < 0.45) {
        d.push(n);
        model.push(n);
        n += 1;
      } else if (r < 0.7) {
        expect(d.shift()).toBe(model.shift());
      } else if (r < 0.8) {
        expect(d.pop()).toBe(model.pop());
      } else if (model.length > 0) {
        const item = model[Math.floor(rand() * model.length)];
        expect(d.remove(item)).toBe(true);
        model.splice(model.indexOf(item), 1);
        expect(d.remove(-1)).toBe(false);
      }
      expect(d.length).toBe(model.length);
      expect(d.first()).toBe(model[0]);
      expect(d.toArray()).toEqual(model);
    }
    expect([...d]).toEqual(model);
  });
});
