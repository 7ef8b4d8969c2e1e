/**
 * CPython implements some stdlib modules (or parts of them) in C: `time`, `math`, `operator`,
 * `_heapq`, `_bisect`, `_functools`, `_struct`, `binascii`. Their functions are builtins, not
 * Python functions, which programs can see in two ways:
 * - their repr and type: `<built-in function sqrt>`, `builtin_function_or_method`;
 * - a builtin stored as a class attribute does not bind to instances (`converter = time.gmtime`
 *   in a `logging.Formatter` subclass, `key = operator.itemgetter(...)`), where a Python function
 *   would receive the instance first.
 * `cFunctions` marks the runtime's functions for such a module as builtins (objects.ts
 * `markBuiltin`), with the module's name as their `__module__`.
 */

import { markBuiltin } from "../objects";

/** A library function's `__module__` (the key protocol.ts reads). */
const FUNC_MODULE = Symbol.for("asyncio-ts.func-module");

export function cFunctions(module: string, fns: Function[]): void {
  for (const fn of fns) {
    markBuiltin(fn, "function");
    Object.defineProperty(fn, FUNC_MODULE, { value: module, configurable: true, writable: true });
  }
}
