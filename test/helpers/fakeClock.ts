/**
 * A fake clock for time-based tests (trio's MockClock in spirit): the loop calls `advance()` where
 * it would sleep, so a test with `sleep(100)` finishes at once and every timer fires in the order
 * and iteration it would with a real clock.
 */

import * as asyncio from "asyncio-ts";

export interface FakeClock {
  t: number;
  time(): number;
  advance(seconds: number): void;
}

/** A clock that starts at `start` seconds and jumps instead of sleeping. */
export function fakeClock(start = 0): FakeClock {
  return {
    t: start,
    time() {
      return this.t;
    },
    advance(s: number) {
      this.t += s;
    },
  };
}

/** A new loop driven by a fake clock. */
export function fakeLoop(clock: FakeClock = fakeClock()): asyncio.NodeEventLoop {
  return new asyncio.NodeEventLoop(clock);
}

/** `asyncio.run` keyword arguments whose loop runs on a fake clock. */
export function fakeRunKw(
  clock: FakeClock = fakeClock(),
  extra: { debug?: boolean } = {},
): asyncio.Kw<{ loop_factory: () => asyncio.NodeEventLoop; debug?: boolean }> {
  return asyncio.kw({ loop_factory: () => new asyncio.NodeEventLoop(clock), ...extra });
}
