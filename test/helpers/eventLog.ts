/**
 * A log of what a test program observes, in order: `L("got", x)` appends one line (values printed
 * with Python's `str`), and `runLog(main)` runs `main()` with `asyncio.run` on a fresh log and
 * resolves with its lines. With `fakeClock`, the loop runs on a fake clock (see fakeClock.ts).
 */

import type { Coro } from "asyncio-ts";
import * as asyncio from "asyncio-ts";
import { str } from "../../src/python/repr";
import { fakeRunKw } from "./fakeClock";

export interface EventLog {
  L(...values: unknown[]): void;
  runLog(main: () => Coro<unknown>): Promise<string[]>;
}

export function eventLog(options: { fakeClock?: boolean } = {}): EventLog {
  let log: string[] = [];
  const fmt = (x: unknown) => (typeof x === "number" ? String(x) : str(x));
  return {
    L(...values: unknown[]): void {
      log.push(values.map(fmt).join(" "));
    },
    runLog(main: () => Coro<unknown>): Promise<string[]> {
      log = [];
      const run = options.fakeClock ? asyncio.run(main(), fakeRunKw()) : asyncio.run(main());
      return run.then(() => log);
    },
  };
}

/** The JS class name of a caught value, `"None"` for none. */
export const cname = (e: unknown) => (e as object | null)?.constructor.name ?? "None";
