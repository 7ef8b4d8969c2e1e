"""A three-stage pipeline: producers -> parsers -> an aggregator, through bounded queues."""
import asyncio
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
ITEMS = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000


async def produce(q: asyncio.Queue, start: int, n: int) -> None:
    for i in range(start, start + n):
        await q.put(f"user{i % 97}:{i}")


async def parse(inq: asyncio.Queue, outq: asyncio.Queue) -> None:
    while True:
        line = await inq.get()
        name, _, value = line.partition(":")
        await outq.put((name, int(value)))
        inq.task_done()


async def aggregate(q: asyncio.Queue, totals: dict) -> None:
    while True:
        name, value = await q.get()
        totals[name] = totals.get(name, 0) + value
        q.task_done()


async def main() -> None:
    raw: asyncio.Queue = asyncio.Queue(maxsize=100)
    parsed: asyncio.Queue = asyncio.Queue(maxsize=100)
    totals: dict = {}
    workers = [asyncio.create_task(parse(raw, parsed)) for _ in range(4)]
    workers.append(asyncio.create_task(aggregate(parsed, totals)))
    await asyncio.gather(*(produce(raw, k * (ITEMS // 4), ITEMS // 4) for k in range(4)))
    await raw.join()
    await parsed.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(len(totals), sum(totals.values()), max(totals.items(), key=lambda kv: kv[1]))


for _ in range(RUNS):
    t0 = time.perf_counter()
    asyncio.run(main())
    print(f"elapsed {time.perf_counter() - t0:.6f}", file=sys.stderr)
