/**
 * Shared helpers for the transpiler's tests: building dist/ when it is stale (execution tests run
 * the compiled CLI in a child process, as users do) and wrapping snippets in a function.
 */

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const BIN = path.join(ROOT, "bin", "asyncio-ts.js");

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith(".ts")) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/ (tsc -p tsconfig.build.json) when it is missing or older than codegen/ and src/. */
export function ensureBuilt(): void {
  const cli = path.join(ROOT, "dist", "codegen", "cli.js");
  const built = fs.existsSync(cli) ? fs.statSync(cli).mtimeMs : 0;
  if (built >= Math.max(newest(path.join(ROOT, "codegen")), newest(path.join(ROOT, "src")))) return;
  try {
    execFileSync(
      process.execPath,
      [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      { cwd: ROOT, stdio: "pipe" },
    );
  } catch {
    // tsc exits non-zero on type errors but still emits; the tests below report what matters.
  }
}

/** The snippet as the body of `def case():`, then called (the wrapping cases.py records). */
export function inFunction(code: string): string {
  const body = code
    .split("\n")
    .map((l) => (l ? `    ${l}` : l))
    .join("\n");
  return `def case():\n${body}\ncase()\n`;
}

/** Environment for child processes: no stale check (others may be editing src/ meanwhile). */
export function childEnv(cacheDir: string): NodeJS.ProcessEnv {
  return { ...process.env, ASYNCIO_TS_SKIP_STALE_CHECK: "1", ASYNCIO_TS_CACHE: cacheDir };
}
