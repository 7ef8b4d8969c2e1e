/**
 * Several test files that transpile in process, run by one jest worker: jest gives each file its
 * own module registry and its own copy of `process`, and tree-sitter's binding breaks when it is
 * evaluated a second time in the same process (codegen/parse.ts keeps one parser per process for
 * this). Runs a child jest in band on three small files that each transpile.
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureBuilt, ROOT } from "./helpers";

beforeAll(ensureBuilt);

test("three test files in one jest worker each parse in process", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-sandboxes-"));
  try {
    const index = JSON.stringify(path.join(ROOT, "dist", "codegen", "index.js"));
    for (const n of [1, 2, 3]) {
      fs.writeFileSync(
        path.join(dir, `f${n}.sbx.js`),
        `const { transpile } = require(${index});\n` +
          `test("f${n}", () => {\n` +
          `  expect(transpile("x = ${n}\\n", "f${n}.py").code).toContain("const x: bigint = ${n}n;");\n` +
          `});\n`,
      );
    }
    const config = {
      rootDir: dir,
      testEnvironment: "node",
      testMatch: ["**/*.sbx.js"],
      transform: {},
    };
    const r = spawnSync(
      process.execPath,
      [require.resolve("jest/bin/jest"), "--runInBand", "--ci", "--config", JSON.stringify(config)],
      { cwd: dir, encoding: "utf8", timeout: 60_000 },
    );
    expect(r.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(r.status).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
