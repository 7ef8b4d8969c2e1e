"""The bundled example: a tour of asyncio in the style of the asyncio documentation.

`npm start` (or `asyncio-ts example`) transpiles this file to TypeScript and runs it.
"""

import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def producer(queue: asyncio.Queue, n: int):
    for i in range(n):
        await queue.put(i)
        await asyncio.sleep(0.01)
    await queue.put(None)


async def consumer(queue: asyncio.Queue, name: str) -> int:
    total = 0
    while True:
        item = await queue.get()
        queue.task_done()
        if item is None:
            break
        total += item
        print(f"{name} got {item}")
    return total


async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: Compute factorial({number}), currently i={i}...")
        await asyncio.sleep(0.01)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")
    return f


async def main():
    loop = asyncio.get_running_loop()

    # Callbacks: call_soon runs on the next loop iteration, call_later after a delay.
    loop.call_soon(print, "call_soon callback")
    loop.call_later(0.05, print, "call_later callback (50 ms)")

    # Tasks run concurrently.
    task1 = asyncio.create_task(say_after(0.02, "hello"))
    task2 = asyncio.create_task(say_after(0.04, "world"))
    started = loop.time()
    await task1
    await task2
    print(f"both tasks done in about {round(loop.time() - started, 1)} s")

    # gather keeps the order of its arguments.
    results = await asyncio.gather(
        factorial("A", 2),
        factorial("B", 3),
        factorial("C", 4),
    )
    print("gather:", results)

    # A producer and a consumer talking through a queue.
    queue = asyncio.Queue()
    _, total = await asyncio.gather(producer(queue, 4), consumer(queue, "consumer"))
    print("consumer total:", total)

    # Timeouts cancel the awaited task.
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out, as expected")


if __name__ == "__main__":
    asyncio.run(main())
