/**
 * How the benchmarks start the `asyncio-ts` command: `node FLAGS bin/asyncio-ts.js ...`, with the
 * V8 flags of the command's own first line (`#!/usr/bin/env -S node FLAGS`), so a spawned run is
 * what `npx asyncio-ts run` gives a user.
 */

import * as fs from "node:fs";
import * as path from "node:path";

export const BIN = path.join(__dirname, "..", "..", "bin", "asyncio-ts.js");

/** The node options of the bin's shebang line. */
export const BIN_NODE_FLAGS: string[] = (() => {
  const first = fs.readFileSync(BIN, "utf8").split("\n", 1)[0]!;
  const m = /^#!\/usr\/bin\/env -S node(.*)$/.exec(first);
  return m === null ? [] : m[1]!.trim().split(/\s+/).filter(Boolean);
})();
