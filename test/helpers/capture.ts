/**
 * Capture what the runtime writes to stderr (the asyncio logger writes with `fs.writeSync(2, ...)`,
 * CPython's `logging.lastResort`) and to stdout, so tests can assert the exact text.
 */

// The real (mutable) module object, not a namespace copy: the logger calls `fs.writeSync`.
import fs = require("node:fs");

export interface Captured {
  stdout: string;
  stderr: string;
}

type WriteSync = typeof fs.writeSync;

/** Run `body` (sync or async) while collecting writes to fds 1 and 2; restores them afterwards. */
export async function capture(body: () => unknown): Promise<Captured> {
  const out: Captured = { stdout: "", stderr: "" };
  const origWriteSync = fs.writeSync;
  const origOut = process.stdout.write;
  const origErr = process.stderr.write;
  (fs as { writeSync: WriteSync }).writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    const text = typeof data === "string" ? data : Buffer.from(data as Uint8Array).toString();
    if (fd === 1) out.stdout += text;
    else if (fd === 2) out.stderr += text;
    else return (origWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
    return text.length;
  }) as WriteSync;
  process.stdout.write = ((chunk: unknown) => {
    out.stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => {
    out.stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await body();
  } finally {
    (fs as { writeSync: WriteSync }).writeSync = origWriteSync;
    process.stdout.write = origOut;
    process.stderr.write = origErr;
  }
  return out;
}
