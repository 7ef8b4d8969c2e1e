/**
 * bench/programs/service_mix.py written by hand in TypeScript on the asyncio-ts runtime: the
 * ceiling for what a transpiler could give on that program, measured by `bench/programs.ts` in
 * the same run as CPython and the transpiled program.
 *
 * It is written to be fast, not to be exact, wherever the difference does not show in this
 * program's output: ints are JS numbers (every value here stays far below 2**53), the Counter and
 * the defaultdict are Maps with string keys, `line.split()` is an `indexOf` loop on single spaces
 * (the only whitespace these lines hold), and `BadRequest` is a plain class, so raising it
 * captures no stack. Its stdout must equal CPython's; the benchmark checks it.
 *
 *   node --max-semi-space-size=64 dist/bench/reference/service_mix.js RUNS [REQUESTS]
 */

import type { Coro } from "../../src/index";
import * as asyncio from "../../src/index";

const RUNS = process.argv.length > 2 ? Number(process.argv[2]) : 1;
const REQUESTS = process.argv.length > 3 ? Number(process.argv[3]) : 20_000;

class Request {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly user: number,
    readonly size: number,
  ) {}
}

class BadRequest {
  constructor(readonly message: string) {}
}

interface Stats {
  errors: number;
  routes: Map<string, number>;
  users: Set<number>;
  bytes: Map<string, number>;
}

function splitSpaces(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const k = line.indexOf(" ", i);
    if (k < 0) break;
    if (k > i) out.push(line.slice(i, k));
    i = k + 1;
  }
  if (i < line.length) out.push(line.slice(i));
  return out;
}

function parse(line: string): Request {
  const parts = splitSpaces(line);
  if (parts.length !== 4) throw new BadRequest(`malformed: '${line}'`);
  const [method, path, user, size] = parts as [string, string, string, string];
  if (!path.startsWith("/")) throw new BadRequest(`bad path ${path}`);
  return new Request(method.toUpperCase(), path, Number(user), Number(size));
}

function* handler(q: asyncio.Queue, stats: Stats): Coro<null> {
  for (;;) {
    const line = (asyncio.Queue._get_ready(q) ? q.get_nowait() : yield* q.get()) as string | null;
    if (line === null) break;
    let req: Request;
    try {
      req = parse(line);
    } catch (e) {
      if (e instanceof BadRequest) {
        stats.errors += 1;
        continue;
      }
      throw e;
    }
    const slash = req.path.indexOf("/", 1);
    const key = `${req.method}:${slash < 0 ? "" : req.path.slice(1, slash)}`;
    stats.routes.set(key, (stats.routes.get(key) ?? 0) + 1);
    stats.users.add(req.user % 997);
    stats.bytes.set(req.method, (stats.bytes.get(req.method) ?? 0) + req.size);
    if (req.size % 10 === 0) yield* asyncio.sleep(0);
  }
  return null;
}

function* main(): Coro<null> {
  const q = new asyncio.Queue(256);
  const stats: Stats = { errors: 0, routes: new Map(), users: new Set(), bytes: new Map() };
  const workers: asyncio.Task<null>[] = [];
  for (let w = 0; w < 4; w++) workers.push(asyncio.create_task(handler(q, stats)));
  const methods = ["get", "post", "put", "delete"];
  const routes = ["items", "users", "orders"];
  for (let i = 0; i < REQUESTS; i++) {
    const line =
      i % 50 === 7
        ? `get items${i}`
        : `${methods[i % 4]} /${routes[i % 3]}/${i % 101} ${(i * 7) % 5003} ${i % 1500}`;
    if (!asyncio.Queue._put_now(q, line)) yield* q.put(line);
  }
  for (let w = 0; w < workers.length; w++) {
    if (!asyncio.Queue._put_now(q, null)) yield* q.put(null);
  }
  yield* asyncio.gather(...workers);
  // most_common(3): by count, ties in first-insertion order (a stable sort), then sorted by key.
  const top = [...stats.routes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, n]) => `${k}=${n}`)
    .join(", ");
  const bytes = [...stats.bytes]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([m, n]) => `'${m}': ${n}`)
    .join(", ");
  console.log(`${stats.errors} ${stats.users.size} {${bytes}} ${top}`);
  return null;
}

async function runAll(): Promise<void> {
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    await asyncio.run(main());
    process.stderr.write(`elapsed ${((performance.now() - t0) / 1000).toFixed(6)}\n`);
  }
}

void runAll();
