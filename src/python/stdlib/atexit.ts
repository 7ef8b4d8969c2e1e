/**
 * Python's `atexit`: `register(func, *args, **kwargs)`, `unregister(func)`, `_run_exitfuncs()`,
 * `_clear()`, `_ncallbacks()`.
 *
 * The registered calls run last in, first out when the interpreter finalizes: after the main
 * module finished, after an uncaught exception's traceback or a `SystemExit`'s message was
 * printed (CPython's `Py_FinalizeEx`). The program's exit paths call `_run_exitfuncs` there:
 * `asyncio-ts run` (codegen/run.ts) and `runMain` (src/python/main.ts). A failing call prints
 * CPython's "Exception ignored in atexit callback <repr>:" and its traceback to stderr, and the
 * others still run; a `SystemExit` raised by a call is ignored the same way (the status stays).
 */

import { eq } from "../compare";
import { BaseException, caught, TypeError as PyTypeError } from "../exceptions";
import { streams } from "../io";
import { kw } from "../kw";
import { call, callable } from "../protocol";
import { repr } from "../repr";
import { formatException } from "../traceback";
import { takeKw } from "./types";

interface Callback {
  func: unknown;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** The registered calls, oldest first. */
let callbacks: Callback[] = [];

/** `atexit.register(func, *args, **kwargs)`: returns `func`, so it works as a decorator. */
export function register(...allArgs: unknown[]): unknown {
  const [pos, kwargs] = takeKw(allArgs);
  if (pos.length === 0) throw new PyTypeError(`register() takes at least 1 argument (0 given)`);
  const func = pos[0];
  if (!callable(func)) throw new PyTypeError("the first argument must be callable");
  callbacks.push({ func, args: pos.slice(1), kwargs });
  return func;
}

/** `atexit.unregister(func)`: remove every registration of `func` (compared with `==`). */
export function unregister(...args: unknown[]): null {
  if (args.length !== 1)
    throw new PyTypeError(`atexit.unregister() takes exactly one argument (${args.length} given)`);
  const func = args[0];
  callbacks = callbacks.filter((cb) => !(cb.func === func || eq(cb.func, func)));
  return null;
}

/** `atexit._clear()`: forget every registered call. */
export function _clear(): null {
  callbacks = [];
  return null;
}

/** `atexit._ncallbacks()`: how many calls are registered. */
export function _ncallbacks(): bigint {
  return BigInt(callbacks.length);
}

/** `atexit._run_exitfuncs()`: run the registered calls, last first, then forget them. */
export function _run_exitfuncs(): null {
  const todo = callbacks;
  callbacks = [];
  for (let i = todo.length - 1; i >= 0; i--) {
    const cb = todo[i]!;
    try {
      const extra = Object.keys(cb.kwargs).length > 0 ? [kw(cb.kwargs)] : [];
      call(cb.func, ...cb.args, ...extra);
    } catch (e) {
      const exc = caught(e);
      const err = streams.stderr as { write: (s: string) => unknown; flush?: () => unknown };
      (streams.stdout as { flush?: () => unknown }).flush?.();
      if (exc instanceof BaseException && exc.__traceback__ === null) exc.__traceback__ = [];
      // An exception with no Python frame (raised by a builtin) prints no traceback header.
      const text = formatException(exc, false).replace(
        /^Traceback \(most recent call last\):\n(?! )/,
        "",
      );
      err.write(`Exception ignored in atexit callback ${repr(cb.func)}:\n${text}`);
      err.flush?.();
    }
  }
  return null;
}
