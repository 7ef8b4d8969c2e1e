/**
 * Functions' `__annotations__` (Python 3.13 without `from __future__ import annotations`): the
 * annotation expressions evaluated when the `def` runs, in a dict keyed by parameter name in
 * signature order, then `'return'`.
 *
 * Generated code keeps annotations only in a program that reads `__annotations__` somewhere
 * (lower/functions.ts): `$py.annotate(f, [["x", int], ["return", str]])` after the `def` (or
 * around the function expression, inside its decorators). A function without annotations there
 * gets an empty list; any other function (a lambda, a runtime function) reads `{}` through
 * `getattr` (protocol.ts), as CPython gives every function.
 */

import { Dict } from "./dict";

/**
 * The key of a function's parameter list, `["self", "a", "/", "*args", "k", "**kw"]` (the
 * spelling of `$py.signature`), which `inspect.signature` reads with `__defaults__`,
 * `__kwdefaults__` and `__annotations__`, as CPython reads the code object.
 */
export const PARAMETERS = Symbol.for("asyncio-ts.parameters");

/** Give `fn` its `__annotations__` dict (from `[name, value]` pairs); returns `fn`. */
export function annotate<F extends Function>(
  fn: F,
  entries: [string, unknown][],
  parameters?: string[],
): F {
  // In a module using `inspect.signature`, the parameter list (stdlib/inspect.ts).
  if (parameters !== undefined)
    Object.defineProperty(fn, PARAMETERS, { value: parameters, configurable: true });
  const d = new Dict();
  for (const [k, v] of entries) d.__setitem__(k, v);
  Object.defineProperty(fn, "__annotations__", {
    value: d,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return fn;
}
