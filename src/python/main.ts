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

/** Flush sys.stdout before a traceback, ignoring errors (a closed pipe), as CPython's flush_io. */
function flushStdoutQuietly(): void {
  try {
    (streams.stdout as { flush?: () => unknown }).flush?.();
  } catch {
    // reported again by the flush at exit
  }
}

/**
 * Report an uncaught exception as CPython's `_PyErr_PrintEx` does: call `sys.excepthook(type,
 * value, traceback)` (by default `sys.__excepthook__`, which prints the traceback to sys.stderr).
 * When the hook itself raises, print "Error in sys.excepthook:", its exception, then "Original
 * exception was:" and the original traceback; a `SystemExit` raised by the hook ends the program
 * with its status instead, which is returned (undefined otherwise: the caller's status stands).
 */
export function printUncaught(exc: unknown): number | undefined {
  const err = streams.stderr as { write: (s: string) => unknown; flush?: () => unknown };
  flushStdoutQuietly();
  const raised = markRaised(exc);
  const sys = (require("./stdlib/sys") as typeof import("./stdlib/sys")).sys as {
    excepthook?: unknown;
    __excepthook__: unknown;
  };
  const hook = sys.excepthook;
  let status: number | undefined;
  if (hook === sys.__excepthook__ || !(raised instanceof BaseException)) {
    err.write(formatException(raised));
  } else if (hook === undefined) {
    // `del sys.excepthook`
    err.write("sys.excepthook is missing\n");
    err.write(formatException(raised));
  } else {
    try {
      (require("./protocol") as typeof import("./protocol")).call(
        hook,
        raised.constructor,
        raised,
        raised.__traceback__,
      );
    } catch (e) {
      const exc2 = markRaised(e instanceof BaseException ? e : toPyException(e));
      if (exc2 instanceof SystemExit) {
        const [code, text] = systemExitStatus(exc2);
        if (text) err.write(text);
        status = code;
      } else {
        flushStdoutQuietly();
        err.write("Error in sys.excepthook:\n");
        // An exception with no frame of the program (the hook is not callable) has no header.
        err.write(
          formatException(exc2).replace(/^Traceback \(most recent call last\):\n(?! )/, ""),
        );
        err.write("\nOriginal exception was:\n");
        err.write(formatException(raised));
      }
    }
  }
  err.flush?.();
  return status;
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
    const hookStatus = printUncaught(exc);
    exitFuncs();
    flushStd();
    // CPython ends itself with SIGINT after an uncaught KeyboardInterrupt: a shell sees 130.
    process.exitCode = hookStatus ?? (exc instanceof KeyboardInterrupt ? 130 : EXIT_FAILURE);
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
