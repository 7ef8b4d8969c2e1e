#!/usr/bin/env -S node --max-semi-space-size=64
// The `asyncio-ts` command: runs the compiled CLI in dist/ (built by `npm run build`, which the
// package's `prepare` script runs on install).
//
// The V8 flag on the first line gives the young generation 64 MB semi-spaces (the default is
// 16 MB): an asyncio program keeps many young objects alive across a scavenge (tasks, their
// generators, futures, handles), which a small young generation copies again and again and then
// promotes. 100,000 tasks awaiting sleep(0) run about 30% faster with it (bench/README.md).
// `node bin/asyncio-ts.js` (without the flag) runs the same, with V8's default.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "dist", "codegen", "cli.js");

/** Newest modification time of the TypeScript sources under `dir` (0 when absent, as in a published package). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function fail(message) {
  process.stderr.write(`asyncio-ts: ${message}\n`);
  process.exit(2);
}

if (!fs.existsSync(cli)) {
  fail("the compiled transpiler and runtime (dist/) are missing: run `npm run build` in " + root);
}
if (!process.env.ASYNCIO_TS_SKIP_STALE_CHECK) {
  const built = fs.statSync(cli).mtimeMs;
  const sources = Math.max(
    newestSource(path.join(root, "codegen")),
    newestSource(path.join(root, "src")),
  );
  if (sources > built) {
    fail("dist/ is older than the TypeScript sources: run `npm run build` in " + root);
  }
}

require(cli).cli(process.argv.slice(2));
