/**
 * The committed expectations are current: where CPython 3.13.0 is installed (through pyenv, as on
 * every machine of this project), `conformance/record.py --check` re-runs every fixture under it
 * and must find every expected.json up to date. Elsewhere the check cannot run and is skipped,
 * saying so.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../../conformance/cases";

const env = { ...process.env, PYENV_VERSION: "3.13.0" };
const probe = spawnSync("python3", ["-c", "import platform; print(platform.python_version())"], {
  env,
  encoding: "utf8",
});
const hasCpython313 = probe.status === 0 && probe.stdout.trim() === "3.13.0";

(hasCpython313 ? test : test.skip)(
  "every recorded expectation matches what CPython 3.13.0 does now",
  () => {
    const root = repoRoot();
    const result = spawnSync("python3", [path.join(root, "conformance", "record.py"), "--check"], {
      env,
      encoding: "utf8",
      cwd: root,
    });
    const lastLine = result.stdout.trimEnd().split("\n").pop();
    expect({ status: result.status, lastLine }).toEqual({
      status: 0,
      lastLine: expect.stringMatching(/^checked \d+ cases: 0 out of date, 0 failed$/),
    });
  },
  600_000,
);

if (!hasCpython313) {
  console.warn("CPython 3.13.0 is not installed: the records were not checked against it.");
}
