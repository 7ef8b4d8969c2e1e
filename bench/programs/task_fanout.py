"""Fan-out/fan-in: batches of tasks computing, sleeping and returning results through gather."""
import asyncio
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
TASKS = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000


async def job(i: int) -> int:
    acc = 0
    for k in range(20):
        acc += (i * k) % 7
    await asyncio.sleep(0)
    return acc


async def batch(start: int, size: int) -> int:
    results = await asyncio.gather(*(job(i) for i in range(start, start + size)))
    return sum(results)


async def main() -> None:
    total = 0
    size = 1000
    for start in range(0, TASKS, size):
        total += await batch(start, size)
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(job(i)) for i in range(1000)]
    print(total, sum(t.result() for t in tasks))


for _ in range(RUNS):
    t0 = time.perf_counter()
    asyncio.run(main())
    print(f"elapsed {time.perf_counter() - t0:.6f}", file=sys.stderr)
