/**
 * Running one program and collecting what the conformance suite compares: stdout, exit code,
 * the last non-blank stderr line and the scheduling trace. Used for our runtime
 * (`node bin/asyncio-ts.js run main.py ARGS...` with `ASYNCIO_TS_TRACE`) and for CPython
 * (`python3 conformance/trace_cpython.py TRACEFILE main.py ARGS...`).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseTrace, type TraceEvent } from "./schema";

/** What one run of a program did. */
export interface RunOutput {
  stdout: string;
  exit_code: number;
  /** The last non-blank line of stderr, trailing whitespace removed ("" when stderr is blank). */
  stderr_last_line: string;
  /** The whole of stderr (for reports). */
  stderr: string;
  trace: TraceEvent[];
  /** Why the run did not complete normally (timed out, could not start, unreadable trace). */
  error: string | null;
  durationMs: number;
}

/** The last non-blank line of a text with trailing whitespace removed, as record.py computes it. */
export function lastNonBlankLine(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
  return lines.length > 0 ? lines[lines.length - 1]!.trimEnd() : "";
}

export interface SpawnSpec {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string | null;
  /** Kill the process (and its group) after this many milliseconds. */
  timeoutMs: number;
}

export interface SpawnResult {
  stdout: string;
  stderr: string;
  /** The exit status; -N when killed by signal N (as Python's subprocess reports it). */
  exitCode: number;
  timedOut: boolean;
  /** Set when the process could not be started. */
  spawnError: string | null;
  durationMs: number;
}

/** Run a process to completion, feeding it `stdin` and killing its process group on timeout. */
export function runProcess(spec: SpawnSpec): Promise<SpawnResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      // Own process group, so that a timeout kills what the program started too.
      detached: process.platform !== "win32",
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let spawnError: string | null = null;
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => {
      // The program exited without reading its input: not an error of ours.
    });
    child.stdin.end(spec.stdin ?? "");
    const kill = () => {
      try {
        if (child.pid !== undefined && process.platform !== "win32")
          process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, spec.timeoutMs);
    child.on("error", (e) => {
      spawnError = `${spec.command}: ${e.message}`;
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const signum = signal ? (os.constants.signals[signal] ?? 1) : 0;
      resolve({
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        exitCode: code ?? -signum,
        timedOut,
        spawnError,
        durationMs: Date.now() - started,
      });
    });
  });
}

let traceCounter = 0;

/** A fresh path for a trace file in the temporary directory. */
export function tempTraceFile(label = "trace"): string {
  const safe = label.replace(/[^A-Za-z0-9_.-]+/g, "_");
  return path.join(
    os.tmpdir(),
    `asyncio-ts-${safe}-${process.pid}-${++traceCounter}-${Date.now()}.jsonl`,
  );
}

/** Read and remove a trace file; a missing file is an empty trace. */
function takeTrace(file: string): { trace: TraceEvent[]; error: string | null } {
  let text = "";
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return { trace: [], error: null };
  } finally {
    fs.rmSync(file, { force: true });
  }
  try {
    return { trace: parseTrace(text), error: null };
  } catch (e) {
    return { trace: [], error: `unreadable trace: ${(e as Error).message}` };
  }
}

export interface ProgramRun {
  command: string;
  /** Arguments before the trace file is known; `traceArgs(file)` makes the whole argument list. */
  traceArgs: (traceFile: string) => string[];
  /** Extra environment given the trace file (e.g. ASYNCIO_TS_TRACE). */
  traceEnv?: (traceFile: string) => NodeJS.ProcessEnv;
  cwd: string;
  stdin: string | null;
  timeoutMs: number;
  label: string;
}

/** Run a program with tracing and collect its {@link RunOutput}. */
export async function runTraced(run: ProgramRun): Promise<RunOutput> {
  const traceFile = tempTraceFile(run.label);
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ASYNCIO_TS_TRACE;
  Object.assign(env, run.traceEnv?.(traceFile) ?? {});
  const r = await runProcess({
    command: run.command,
    args: run.traceArgs(traceFile),
    cwd: run.cwd,
    env,
    stdin: run.stdin,
    timeoutMs: run.timeoutMs,
  });
  const { trace, error: traceError } = takeTrace(traceFile);
  let error = r.spawnError ?? traceError;
  if (r.timedOut) error = `timed out after ${(run.timeoutMs / 1000).toFixed(1)}s`;
  return {
    stdout: r.stdout,
    exit_code: r.exitCode,
    stderr_last_line: lastNonBlankLine(r.stderr),
    stderr: r.stderr,
    trace,
    error,
    durationMs: r.durationMs,
  };
}

/** The asyncio-ts CLI script. */
export function cliScript(root: string): string {
  return path.join(root, "bin", "asyncio-ts.js");
}

/**
 * Environment for our runtime's processes: no colours, so output compares as text; and no check
 * that dist/ is newer than the sources (the runner checks the CLI once before the first case, so
 * an edit made while the suite runs does not fail the remaining cases).
 */
function oursEnv(): NodeJS.ProcessEnv {
  return {
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ASYNCIO_TS_SKIP_STALE_CHECK: "1",
    // The program sees the environment the recorder gave CPython (`os.environ`).
    PYTHONHASHSEED: "0",
    PYTHONIOENCODING: "utf-8",
  };
}

/** Transpile and run `script` (relative to `cwd`) on our runtime. */
export function runOurs(options: {
  root: string;
  cwd: string;
  script: string;
  args: string[];
  stdin: string | null;
  timeoutMs: number;
  label: string;
}): Promise<RunOutput> {
  const bin = cliScript(options.root);
  return runTraced({
    command: process.execPath,
    traceArgs: () => [bin, "run", options.script, ...options.args],
    traceEnv: (file) => ({ ...oursEnv(), ASYNCIO_TS_TRACE: file }),
    cwd: options.cwd,
    stdin: options.stdin,
    timeoutMs: options.timeoutMs,
    label: options.label,
  });
}

/** A Python interpreter: the command and the environment it needs (e.g. PYENV_VERSION). */
export interface Interpreter {
  command: string;
  env: NodeJS.ProcessEnv;
}

/** Run `script` (relative to `cwd`) under CPython with conformance/trace_cpython.py. */
export function runCPython(options: {
  root: string;
  python: Interpreter;
  cwd: string;
  script: string;
  args: string[];
  stdin: string | null;
  timeoutMs: number;
  label: string;
}): Promise<RunOutput> {
  const tracer = path.join(options.root, "conformance", "trace_cpython.py");
  return runTraced({
    command: options.python.command,
    traceArgs: (file) => [tracer, file, options.script, ...options.args],
    traceEnv: () => ({ ...options.python.env, PYTHONHASHSEED: "0", PYTHONIOENCODING: "utf-8" }),
    cwd: options.cwd,
    stdin: options.stdin,
    timeoutMs: options.timeoutMs,
    label: options.label,
  });
}

/**
 * The TypeScript the transpiler generates for `script` (relative to `cwd`), via
 * `node bin/asyncio-ts.js transpile SCRIPT -o TMP.ts`; on failure, the reason.
 */
export async function transpileToText(options: {
  root: string;
  cwd: string;
  script: string;
  timeoutMs: number;
  label: string;
}): Promise<{ typescript: string | null; error: string | null }> {
  const outFile = tempTraceFile(options.label).replace(/\.jsonl$/, ".ts");
  try {
    const r = await runProcess({
      command: process.execPath,
      args: [cliScript(options.root), "transpile", options.script, "-o", outFile],
      cwd: options.cwd,
      env: { ...process.env, ...oursEnv() },
      timeoutMs: options.timeoutMs,
    });
    if (r.spawnError) return { typescript: null, error: r.spawnError };
    if (r.timedOut) return { typescript: null, error: "transpiling timed out" };
    if (r.exitCode !== 0 || !fs.existsSync(outFile)) {
      return {
        typescript: null,
        error: `transpile exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`,
      };
    }
    return { typescript: fs.readFileSync(outFile, "utf8"), error: null };
  } finally {
    fs.rmSync(outFile, { force: true });
  }
}
