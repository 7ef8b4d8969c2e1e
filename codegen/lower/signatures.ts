/**
 * Known signatures of runtime functions, for placing keyword arguments at compile time.
 *
 * The runtime takes keyword-only parameters as a final `kw({...})` (the convention), but its
 * positional-or-keyword parameters are plain JS parameters. For those, `asyncio.sleep(delay=1)`
 * must become `asyncio.sleep(1n)`: this table lists them, in order, per callee. A keyword
 * argument not in the callee's list stays in `kw({...})`.
 */

export const POSITIONAL_PARAMS: Record<string, string[]> = {
  // asyncio
  "asyncio.sleep": ["delay", "result"],
  "asyncio.Queue": ["maxsize"],
  "asyncio.PriorityQueue": ["maxsize"],
  "asyncio.LifoQueue": ["maxsize"],
  "asyncio.Semaphore": ["value"],
  "asyncio.BoundedSemaphore": ["value"],
  "asyncio.Barrier": ["parties"],
  "asyncio.Condition": ["lock"],
  "asyncio.timeout": ["delay"],
  "asyncio.timeout_at": ["when"],
  "asyncio.wait_for": ["fut", "timeout"],
  "asyncio.shield": ["arg"],
  "asyncio.ensure_future": ["coro_or_future"],
  "asyncio.run": ["main"],
  "asyncio.create_task": ["coro"],
  // builtins
  "builtins.int": ["x", "base"],
  "builtins.round": ["number", "ndigits"],
  "builtins.enumerate": ["iterable", "start"],
  "builtins.sum": ["iterable", "start"],
  "builtins.range": [],
};

/**
 * Reorder `args` (lowered positional arguments) and `kws` (keyword name -> lowered value) for a
 * callee with known positional parameters. Returns null when a keyword cannot be placed (a gap).
 */
export function placeKeywords(
  params: string[],
  positional: string[],
  kws: [string, string][],
): { args: string[]; rest: [string, string][] } {
  const args = [...positional];
  const rest: [string, string][] = [];
  const byName = new Map(kws);
  for (let i = args.length; i < params.length; i++) {
    const v = byName.get(params[i]!);
    if (v === undefined) break;
    args.push(v);
    byName.delete(params[i]!);
  }
  for (const [k, v] of kws) if (byName.has(k)) rest.push([k, v]);
  return { args, rest };
}
