/**
 * Keyword arguments.
 *
 * Python's keyword arguments travel as one final argument made by `kw({...})`: an instance of
 * `Kw`, so it can never be mistaken for a positional value (a dict, a user object). The runtime API
 * and generated code share this convention (see docs/ARCHITECTURE.md).
 */

export class Kw<T extends object = Record<string, unknown>> {
  constructor(readonly kwargs: T) {}
}

/** Pass keyword arguments: `asyncio.create_task(coro, kw({ name: "w1" }))`. */
export function kw<T extends object>(kwargs: T): Kw<T> {
  return new Kw(kwargs);
}

/**
 * Split a rest-argument list into its positional part and its keyword part (empty when the last
 * argument is not a `Kw`).
 */
export function splitKw<T extends object = Record<string, unknown>>(
  args: readonly unknown[],
): [unknown[], Partial<T>] {
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw) {
    return [args.slice(0, n - 1), (args[n - 1] as Kw<T>).kwargs];
  }
  return [args as unknown[], {}];
}
