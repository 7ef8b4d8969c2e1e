/**
 * Python function objects' attributes for transpiled functions, and the checks of reads of names
 * that may be unbound.
 *
 * ## `__defaults__` and `__kwdefaults__`
 *
 * CPython evaluates a function's defaults once, when `def` (or `lambda`) runs, positional defaults
 * left to right and then keyword-only ones, and keeps them on the function object: `__defaults__`
 * is a tuple (or None), `__kwdefaults__` a dict (or None). Every call that omits an argument takes
 * the value from there, so a mutable default is shared between calls, and assigning
 * `f.__defaults__ = (...)` changes what later calls use.
 *
 * Generated code calls `defaults(fn, [positional...], { kwonly... }, sig?)` where the `def` runs:
 *
 * - a function that binds its arguments at run time passes its `$sig` (lang.ts): `bind` then reads
 *   the function's current `__defaults__`/`__kwdefaults__` at each call;
 * - a function with a natural JS signature (`function f(a, b = 1n)`) reads the same values: its
 *   default initializers are the constants themselves or `f$defaults[i]`, the array given here,
 *   which the tuple wraps without copying. The transpiler uses run-time binding for every function
 *   with defaults when the program assigns `__defaults__`/`__kwdefaults__` anywhere, so the two
 *   can never disagree.
 *
 * Functions without defaults get no call: reading their `__defaults__` gives None (protocol.ts).
 *
 * ## Unbound names
 *
 * Transpiled variables are `undefined` while unbound (before their first binding, after `del`).
 * The transpiler's flow analysis (codegen/analyze.ts) routes each read that may see an unbound
 * name through a check with CPython's message: `checkBound` (lang.ts, a local: UnboundLocalError),
 * `checkFree` (a variable of an enclosing function: NameError) and `checkGlobal` (a module-level
 * name: NameError).
 */

import { Dict } from "./dict";
import { markRaised, NameError, withName } from "./exceptions";
import { Tuple } from "./tuple";

function define(fn: Function, name: string, value: unknown): void {
  // Not enumerable: `__defaults__` is not part of the function's `__dict__` in CPython.
  Object.defineProperty(fn, name, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * Give a transpiled function its `__defaults__` (the positional defaults, in order) and
 * `__kwdefaults__` (the keyword-only defaults), and link its run-time signature to them. Returns
 * the function (it wraps function expressions in generated code).
 */
export function defaults<F extends Function>(
  fn: F,
  positional: unknown[] | null,
  kwonly: Record<string, unknown> | null = null,
  sig: { fn: Function | null } | null = null,
): F {
  define(fn, "__defaults__", positional === null ? null : new Tuple(positional));
  let kw: Dict | null = null;
  if (kwonly !== null) {
    kw = new Dict();
    for (const [k, v] of Object.entries(kwonly)) kw.__setitem__(k, v);
  }
  define(fn, "__kwdefaults__", kw);
  if (sig !== null) sig.fn = fn;
  return fn;
}

/** A read (or `del`) of an enclosing function's variable that may be unbound. */
export function checkFree<T>(value: T, name: string): T {
  if (value === undefined)
    throw withName(
      new NameError(
        `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
      ),
      name,
    );
  return value;
}

/**
 * A read of a name bound nowhere (not a builtin either): CPython's NameError when the line runs.
 * A call of this runtime function, not a throwing closure in generated code, so that the
 * traceback has no extra frame of the program.
 */
export function nameError(name: string): never {
  throw markRaised(withName(new NameError(`name '${name}' is not defined`), name));
}

/** A read (or `del`) of a module-level name that may be unbound. */
export function checkGlobal<T>(value: T, name: string): T {
  return value !== undefined ? value : nameError(name);
}
