"""Workers updating shared state under an asyncio.Lock, with an Event and a Semaphore."""
import asyncio
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000


class Bank:
    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.accounts = {f"acct{i}": 1000 for i in range(50)}
        self.transfers = 0

    async def transfer(self, src: str, dst: str, amount: int) -> bool:
        async with self.lock:
            if self.accounts[src] < amount:
                return False
            self.accounts[src] -= amount
            await asyncio.sleep(0)
            self.accounts[dst] += amount
            self.transfers += 1
            return True


async def worker(bank: Bank, wid: int, sem: asyncio.Semaphore, start: asyncio.Event) -> int:
    await start.wait()
    ok = 0
    for r in range(ROUNDS // 20):
        async with sem:
            src = f"acct{(wid * 7 + r) % 50}"
            dst = f"acct{(wid * 3 + r * 11) % 50}"
            if src != dst and await bank.transfer(src, dst, (r % 13) + 1):
                ok += 1
    return ok


async def main() -> None:
    bank = Bank()
    sem = asyncio.Semaphore(5)
    start = asyncio.Event()
    workers = [asyncio.create_task(worker(bank, w, sem, start)) for w in range(20)]
    start.set()
    done = await asyncio.gather(*workers)
    print(sum(done), bank.transfers, sum(bank.accounts.values()))


for _ in range(RUNS):
    t0 = time.perf_counter()
    asyncio.run(main())
    print(f"elapsed {time.perf_counter() - t0:.6f}", file=sys.stderr)
