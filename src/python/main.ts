/**
 * `runMain(body)`: run a transpiled program's top level the way the `python` executable does:
 * an uncaught exception prints its traceback to stderr and exits with status 1; `SystemExit`
 * exits with its code (printing a non-int code to stderr); output is flushed at exit.
 */

import {
  BaseException,
  KeyboardInterrupt,
  markRaised,
  SystemExit,
  toPyException,
} from "./exceptions";
import { flushStd, streams } from "./io";
import { str } from "./repr";
import { formatException } from "./traceback";

/** Status for an uncaught exception (CPython exits with 1). */
const EXIT_FAILURE = 1;

/** Exit status and stderr text for a SystemExit, as CPython's handle_system_exit. */
export function systemExitStatus(exc: SystemExit): [number, string] {
  const code = exc.code;
  if (code === null || code === undefined) return [0, ""];
  if (typeof code === "bigint") return [Number(BigInt.asIntN(32, code)) & 0xff, ""];
  if (typeof code === "boolean") return [code ? 1 : 0, ""];
  return [1, `${str(code)}\n`];
}

/** Print a traceback for an uncaught exception to sys.stderr. */
export function printUncaught(exc: unknown): void {
  const err = streams.stderr as { write: (s: string) => unknown; flush?: () => unknown };
  (streams.stdout as { flush?: () => unknown }).flush?.();
  err.write(formatException(markRaised(exc)));
  err.flush?.();
}

/** `atexit`'s calls, run when the program ends (CPython's Py_FinalizeEx), loaded on first use. */
function exitFuncs(): void {
  (require("./stdlib/atexit") as typeof import("./stdlib/atexit"))._run_exitfuncs();
}

/** Run a program body; never returns normally on error (sets process.exitCode). */
export function runMain(body: () => void): void {
  try {
    body();
    exitFuncs();
  } catch (e) {
    const exc = e instanceof BaseException ? e : toPyException(e);
    if (exc instanceof SystemExit) {
      const [status, text] = systemExitStatus(exc);
      if (text) {
        (streams.stderr as { write: (s: string) => unknown }).write(text);
      }
      exitFuncs();
      flushStd();
      process.exitCode = status;
      return;
    }
    printUncaught(exc);
    exitFuncs();
    flushStd();
    // CPython ends itself with SIGINT after an uncaught KeyboardInterrupt: a shell sees 130.
    process.exitCode = exc instanceof KeyboardInterrupt ? 130 : EXIT_FAILURE;
  }
}

/**
 * `__file__` of a module of the program: `name` (`main.py`, `helpers.py`) in the running script's
 * directory, an absolute path as CPython's since 3.9. The main script (`main`) is named by the
 * path it was started with, made absolute but not normalised (`python3 ./t.py` in /tmp:
 * "/tmp/./t.py"); `asyncio-ts run` sets process.argv[1] to that path.
 */
export function moduleFile(name: string, main = false): string {
  const script = process.argv[1];
  if (script === undefined) return name;
  const nodePath = require("node:path") as typeof import("node:path");
  if (main && nodePath.basename(script) === name)
    return nodePath.isAbsolute(script) ? script : `${process.cwd()}/${script}`;
  return nodePath.join(nodePath.dirname(nodePath.resolve(script)), name);
}
