"""A service's ordinary Python between awaits: parsing request lines, dataclasses, dict and set
bookkeeping, string formatting and exceptions, in tasks fed through a queue. Most of the time is
spent outside the event loop, in the Python semantics of the runtime (ints, strs, dicts, tuples)."""
import asyncio
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 1
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000


@dataclass
class Request:
    method: str
    path: str
    user: int
    size: int


class BadRequest(Exception):
    pass


def parse(line: str) -> Request:
    parts = line.split()
    if len(parts) != 4:
        raise BadRequest(f"malformed: {line!r}")
    method, path, user, size = parts
    if not path.startswith("/"):
        raise BadRequest(f"bad path {path}")
    return Request(method.upper(), path, int(user), int(size))


async def handler(q: asyncio.Queue, stats: dict) -> None:
    while True:
        line = await q.get()
        if line is None:
            break
        try:
            req = parse(line)
        except BadRequest:
            stats["errors"] += 1
            continue
        key = (req.method, req.path.split("/")[1])
        stats["routes"][key] += 1
        stats["users"].add(req.user % 997)
        stats["bytes"][req.method] += req.size
        if req.size % 10 == 0:
            await asyncio.sleep(0)


async def main() -> None:
    q: asyncio.Queue = asyncio.Queue(maxsize=256)
    stats = {"errors": 0, "routes": Counter(), "users": set(), "bytes": defaultdict(int)}
    workers = [asyncio.create_task(handler(q, stats)) for _ in range(4)]
    methods = ["get", "post", "put", "delete"]
    for i in range(REQUESTS):
        if i % 50 == 7:
            line = f"get items{i}"
        else:
            line = f"{methods[i % 4]} /{['items', 'users', 'orders'][i % 3]}/{i % 101} {i * 7 % 5003} {i % 1500}"
        await q.put(line)
    for _ in workers:
        await q.put(None)
    await asyncio.gather(*workers)
    top = ", ".join(f"{m}:{p}={n}" for (m, p), n in sorted(stats["routes"].most_common(3)))
    print(stats["errors"], len(stats["users"]), dict(sorted(stats["bytes"].items())), top)


for _ in range(RUNS):
    t0 = time.perf_counter()
    asyncio.run(main())
    print(f"elapsed {time.perf_counter() - t0:.6f}", file=sys.stderr)
