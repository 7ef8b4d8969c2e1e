"""High-level asyncio workloads, the Python twin of bench/highlevel.ts.

Usage: python3 highlevel.py [--uvloop] [--runs N]   prints one JSON object: {workload: ops_per_second}.
"""
import asyncio
import json
import sys
import time

QUEUE_ITEMS = 500_000
GATHER_TASKS = 100_000
LOCK_TASKS = 100
LOCK_ROUNDS = 1_000


async def queue_workload():
    q = asyncio.Queue(100)

    async def producer():
        for i in range(QUEUE_ITEMS):
            await q.put(i)
        await q.put(None)

    async def consumer():
        n = 0
        while (await q.get()) is not None:
            n += 1
        return n

    _, n = await asyncio.gather(producer(), consumer())
    assert n == QUEUE_ITEMS
    return QUEUE_ITEMS


async def gather_workload():
    async def work(i):
        await asyncio.sleep(0)
        return i

    res = await asyncio.gather(*[work(i) for i in range(GATHER_TASKS)])
    assert len(res) == GATHER_TASKS
    return GATHER_TASKS


async def lock_workload():
    lock = asyncio.Lock()
    counter = 0

    async def worker():
        nonlocal counter
        for _ in range(LOCK_ROUNDS):
            async with lock:
                counter += 1
                await asyncio.sleep(0)

    await asyncio.gather(*[worker() for _ in range(LOCK_TASKS)])
    assert counter == LOCK_TASKS * LOCK_ROUNDS
    return counter


WORKLOADS = {"queue": queue_workload, "gather": gather_workload, "lock": lock_workload}


def main():
    if "--uvloop" in sys.argv:
        import uvloop

        uvloop.install()
        runner = asyncio.run
    else:
        runner = asyncio.run
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    out = {}
    for name, fn in WORKLOADS.items():
        best = 0.0
        for _ in range(runs):
            t0 = time.perf_counter()
            ops = runner(fn())
            best = max(best, ops / (time.perf_counter() - t0))
        out[name] = best
    print(json.dumps(out))


main()
