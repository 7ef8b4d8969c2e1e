/**
 * Capture what the runtime writes to Python's `sys.stdout` and `sys.stderr` (the asyncio logger
 * writes through `sys.stderr`, as CPython's `logging.lastResort` does), so tests can assert the
 * exact text.
 */

import { streams } from "../../src/python/io";

export interface Captured {
  stdout: string;
  stderr: string;
}

/** Run `body` (sync or async) with sys.stdout/sys.stderr collected; restores them afterwards. */
export async function capture(body: () => unknown): Promise<Captured> {
  const out: Captured = { stdout: "", stderr: "" };
  const saved = { stdout: streams.stdout, stderr: streams.stderr };
  streams.stdout = {
    write(s: string) {
      out.stdout += s;
      return BigInt(s.length);
    },
    flush() {
      return null;
    },
  };
  streams.stderr = {
    write(s: string) {
      out.stderr += s;
      return BigInt(s.length);
    },
    flush() {
      return null;
    },
  };
  try {
    await body();
  } finally {
    streams.stdout = saved.stdout;
    streams.stderr = saved.stderr;
  }
  return out;
}
