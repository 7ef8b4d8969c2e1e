/**
 * Finding the CPython interpreter for recording and comparing: by default `python3` with
 * `PYENV_VERSION=3.13.0` when pyenv provides 3.13.0, else plain `python3`; or `--python PATH`.
 */
import { spawnSync } from "node:child_process";
import type { Interpreter } from "./execute";

export const REQUIRED_PYTHON = "3.13.0";

export interface PythonVersion {
  implementation: string;
  version: string;
}

/** Ask an interpreter what it is; null when it cannot be run. */
export function pythonVersion(python: Interpreter): PythonVersion | null {
  const r = spawnSync(
    python.command,
    ["-c", "import platform; print(platform.python_implementation(), platform.python_version())"],
    { env: { ...process.env, ...python.env }, encoding: "utf8", timeout: 20_000 },
  );
  if (r.status !== 0 || typeof r.stdout !== "string") return null;
  const [implementation, version] = r.stdout.trim().split(/\s+/);
  return implementation && version ? { implementation, version } : null;
}

export function isRequiredPython(v: PythonVersion | null): boolean {
  return v !== null && v.implementation === "CPython" && v.version === REQUIRED_PYTHON;
}

/**
 * The interpreter to use: `explicit` (a path or command) when given; otherwise `python3` under
 * `PYENV_VERSION=3.13.0` when that really is CPython 3.13.0, else plain `python3`.
 */
export function choosePython(explicit?: string): {
  python: Interpreter;
  version: PythonVersion | null;
} {
  if (explicit) {
    const python = { command: explicit, env: {} };
    return { python, version: pythonVersion(python) };
  }
  const pinned: Interpreter = { command: "python3", env: { PYENV_VERSION: REQUIRED_PYTHON } };
  const pinnedVersion = pythonVersion(pinned);
  if (isRequiredPython(pinnedVersion)) return { python: pinned, version: pinnedVersion };
  const plain: Interpreter = { command: "python3", env: {} };
  return { python: plain, version: pythonVersion(plain) };
}

export function describePython(p: Interpreter, v: PythonVersion | null): string {
  const env = Object.entries(p.env)
    .map(([k, val]) => `${k}=${val} `)
    .join("");
  return `${env}${p.command} (${v ? `${v.implementation} ${v.version}` : "cannot run"})`;
}
