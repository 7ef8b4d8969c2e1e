"""Core event-loop workloads, the Python twin of bench/run.ts.

Usage: python3 core.py [--uvloop] [--runs N]   prints one JSON object: {workload: ops_per_second}.

Each workload runs on a fresh loop; the time measured is from the first scheduling call to the
loop's stop, as in run.ts.
"""
import asyncio
import json
import sys
import time

CALL_SOON_CHAIN = 1_000_000
TIMERS = 200_000
TIMER_SPREAD = 0.1
PING_PONGS = 200_000
SLEEP0_TASKS = 100_000


def call_soon_chain(loop):
    n = 0

    def step():
        nonlocal n
        n += 1
        if n < CALL_SOON_CHAIN:
            loop.call_soon(step)
        else:
            loop.stop()

    t0 = time.perf_counter()
    loop.call_soon(step)
    loop.run_forever()
    return CALL_SOON_CHAIN / (time.perf_counter() - t0)


def timers(loop):
    fired = 0

    def cb():
        nonlocal fired
        fired += 1
        if fired == TIMERS:
            loop.stop()

    t0 = time.perf_counter()
    for i in range(TIMERS):
        # Delays spread evenly over 0..100 ms, in a scrambled order (i * 7919 mod TIMERS).
        loop.call_later(((i * 7919) % TIMERS) / TIMERS * TIMER_SPREAD, cb)
    loop.run_forever()
    return TIMERS / (time.perf_counter() - t0)


def ping_pong(loop):
    async def main():
        ping = [loop.create_future()]
        pong = [loop.create_future()]

        async def a():
            for _ in range(PING_PONGS):
                ping[0].set_result(None)
                await pong[0]
                pong[0] = loop.create_future()

        async def b():
            for _ in range(PING_PONGS):
                await ping[0]
                ping[0] = loop.create_future()
                pong[0].set_result(None)

        tb = loop.create_task(b())
        await loop.create_task(a())
        await tb

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    return PING_PONGS / (time.perf_counter() - t0)


def sleep0_tasks(loop):
    async def work():
        await asyncio.sleep(0)

    async def main():
        tasks = [loop.create_task(work()) for _ in range(SLEEP0_TASKS)]
        for t in tasks:
            await t

    t0 = time.perf_counter()
    loop.run_until_complete(main())
    return SLEEP0_TASKS / (time.perf_counter() - t0)


WORKLOADS = {
    "call_soon": call_soon_chain,
    "call_later": timers,
    "ping_pong": ping_pong,
    "sleep0_tasks": sleep0_tasks,
}


def main():
    if "--uvloop" in sys.argv:
        import uvloop

        new_loop = uvloop.new_event_loop
    else:
        new_loop = asyncio.new_event_loop
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    out = {}
    for name, fn in WORKLOADS.items():
        best = 0.0
        for _ in range(runs):
            loop = new_loop()
            try:
                best = max(best, fn(loop))
            finally:
                loop.close()
        out[name] = best
    print(json.dumps(out))


if __name__ == "__main__":
    main()
