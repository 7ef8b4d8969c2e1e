/**
 * Shared helpers for the transpiler's tests: building dist/ when it is stale (execution tests run
 * the compiled CLI in a child process, as users do), wrapping snippets in a function, and running
 * many programs in one child process (`runAll`) or the CLI (`cli`).
 */

import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
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

const MARK = "\u0001case-end\u0001";

/** Runs each file with the compiled run API in one process, printing MARK + status after each. */
const DRIVER = `
const { runFile } = require(${JSON.stringify(path.join(ROOT, "dist", "codegen", "run.js"))});
(async () => {
  for (const f of process.argv.slice(1)) {
    let status;
    try { status = await runFile(f, []); } catch (e) { process.stderr.write(String(e && e.message) + "\\n"); status = 99; }
    process.stdout.write(${JSON.stringify(MARK)} + status + "\\n");
  }
})();
`;

export function runAll(dir: string, files: string[]): { out: string; status: number }[] {
  const r = spawnSync(process.execPath, ["-e", DRIVER, ...files], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
    timeout: 120_000,
  });
  const parts = r.stdout.split(MARK);
  return files.map((_, i) => {
    const part = parts[i] ?? "";
    const text = i === 0 ? part : part.slice(part.indexOf("\n") + 1);
    return { out: text, status: Number.parseInt(parts[i + 1] ?? "", 10) };
  });
}

export function cli(
  dir: string,
  args: string[],
): { out: string; err: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: "utf8",
    env: childEnv(path.join(dir, "cache")),
    timeout: 60_000,
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

/** A Python program and what CPython 3.13.0 prints for it (and inside `def case():`). */
export interface ProgramCase {
  name: string;
  code: string;
  expected: string;
  /** When it differs inside a function (qualnames such as `case.<locals>.C`). */
  expectedInFunction?: string;
  /** Run at module level only. */
  moduleOnly?: boolean;
}

/**
 * In the current `describe`: run every case at module level and inside a function (one child
 * process for all) and test that each prints what CPython prints and exits 0. Returns the
 * temporary folder the cases run in, for the describe's other tests.
 */
export function programCaseTests(cases: ProgramCase[], prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const modes = ["module level", "inside a function"] as const;
  const runs = (c: ProgramCase) => modes.filter((m) => !c.moduleOnly || m === "module level");
  let results: Map<string, { out: string; status: number }>;
  beforeAll(() => {
    ensureBuilt();
    const files: string[] = [];
    const keys: string[] = [];
    for (const c of cases)
      for (const mode of runs(c)) {
        const file = path.join(dir, `${c.name}${mode === "module level" ? "" : "_fn"}.py`);
        fs.writeFileSync(file, mode === "module level" ? c.code : inFunction(c.code));
        files.push(file);
        keys.push(`${c.name} ${mode}`);
      }
    const outs = runAll(dir, files);
    results = new Map(keys.map((k, i) => [k, outs[i]!]));
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const c of cases)
    for (const mode of runs(c)) {
      test(`${c.name} prints what CPython prints at ${mode}`, () => {
        const r = results.get(`${c.name} ${mode}`)!;
        expect(r.out).toBe(
          mode === "module level" ? c.expected : (c.expectedInFunction ?? c.expected),
        );
        expect(r.status).toBe(0);
      });
    }
  // The recorded outputs themselves are checked where CPython 3.13.0 is installed (through pyenv,
  // as on every machine of this project): a case recorded under another Python fails here.
  const python = cpython313();
  (python === null ? test.skip : test)(
    "the recorded outputs are what CPython 3.13.0 prints",
    () => {
      const stale: string[] = [];
      for (const c of cases)
        for (const mode of runs(c)) {
          const code = mode === "module level" ? c.code : inFunction(c.code);
          const file = path.join(
            dir,
            "cpython",
            `${c.name}${mode === "module level" ? "" : "_fn"}.py`,
          );
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, code);
          const expected =
            mode === "module level" ? c.expected : (c.expectedInFunction ?? c.expected);
          // A program with threads can print otherwise under CPython when the machine is
          // loaded: the record stands if one of three runs prints it.
          let same = false;
          for (let run = 0; run < 3 && !same; run++) {
            const r = spawnSync(python!, [file], {
              cwd: path.dirname(file),
              encoding: "utf8",
              env: { ...process.env, PYTHONHASHSEED: "0" },
              timeout: 60_000,
            });
            same = r.stdout === expected;
          }
          if (!same) stale.push(`${c.name} (${mode})`);
        }
      expect(stale).toEqual([]);
    },
    240_000,
  );
  return dir;
}

let cpythonPath: string | null | undefined;

/** The CPython 3.13.0 interpreter pyenv provides, or null. */
function cpython313(): string | null {
  if (cpythonPath === undefined) {
    const r = spawnSync(
      "python3",
      ["-c", "import platform, sys; print(platform.python_version(), sys.executable)"],
      { env: { ...process.env, PYENV_VERSION: "3.13.0" }, encoding: "utf8" },
    );
    const [version, exe] = r.status === 0 ? r.stdout.trim().split(" ") : [];
    cpythonPath = version === "3.13.0" && exe ? exe : null;
  }
  return cpythonPath;
}

/** Write `code` as `dir/name` and run the CLI's `transpile` (or `typecheck`) on it. */
export function transpileFile(
  dir: string,
  name: string,
  code: string,
  command: "transpile" | "typecheck" = "transpile",
): { out: string; err: string; status: number | null } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, code);
  return cli(dir, [command, file]);
}

/**
 * What the CLI prints for an unsupported construct at `line`, `col` of bad.py, whose source line
 * is `text`: the location, the line without its indentation, a caret under the column, the
 * message.
 */
export function refusalReport(line: number, col: number, text: string, what: string): string {
  const indent = text.length - text.trimStart().length;
  const caret = `${" ".repeat(4 + col - 1 - indent)}^`;
  return `  File "bad.py", line ${line}, column ${col}\n    ${text.trimStart()}\n${caret}\nasyncio-ts: unsupported: ${what} is not supported\n`;
}

/**
 * A test that every case's generated TypeScript type-checks: one `asyncio-ts typecheck` of all the
 * cases, which checks them in one TypeScript program.
 */
export function typecheckCasesTest(
  dir: () => string,
  cases: ProgramCase[],
  timeout = 180_000,
): void {
  test(
    "the generated TypeScript type-checks",
    () => {
      const files = cases.map((c) => {
        const file = path.join(dir(), `tc_${c.name}.py`);
        fs.writeFileSync(file, c.code);
        return file;
      });
      const r = cli(dir(), ["typecheck", ...files]);
      expect(`${r.out}${r.err}`).toBe(cases.map((c) => `tc_${c.name}.ts: ok\n`).join(""));
      expect(r.status).toBe(0);
    },
    timeout,
  );
}

/** A program with what CPython 3.13.0 wrote to stdout and stderr and its exit status. */
export interface StderrCase {
  name: string;
  code: string;
  stdout: string;
  /** With `FILE` for the program's path. */
  stderr: string;
  status: number;
}

/**
 * One test per case: `asyncio-ts run` of the program (in a temporary folder named by `prefix`)
 * prints its stdout and stderr and exits with its status. Object addresses (`<... at 0x...>`),
 * which differ from run to run in CPython too, are compared as `0xADDR`.
 */
export function stderrCaseTests(cases: StderrCase[], prefix: string): void {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const c of cases) {
    test(c.name, () => {
      const file = path.join(dir, `${c.name}.py`);
      fs.writeFileSync(file, c.code);
      const r = spawnSync(process.execPath, [BIN, "run", `${c.name}.py`], {
        cwd: dir,
        encoding: "utf8",
        env: childEnv(path.join(dir, "cache")),
        timeout: 60_000,
      });
      expect(r.stdout).toBe(c.stdout);
      expect(r.stderr.replace(/0x[0-9a-f]+/g, "0xADDR")).toBe(c.stderr.split("FILE").join(file));
      expect(r.status).toBe(c.status);
    });
  }
}
