/**
 * Helpers for `raise`, `except` and `**` unpacking in generated code.
 */

import { Dict } from "./dict";
import {
  BaseException,
  ImportError,
  ModuleNotFoundError,
  TypeError as PyTypeError,
} from "./exceptions";
import { kw } from "./kw";
import { moduleFile } from "./main";
import { getattr, getitem, iter, tryIter } from "./protocol";
import { str } from "./repr";
import { Tuple } from "./tuple";
import { typeName } from "./types";

function isExceptionClass(x: unknown): x is new () => BaseException {
  return typeof x === "function" && (x === BaseException || x.prototype instanceof BaseException);
}

/** `except spec:` where spec is a class or a tuple of classes held in a variable. */
export function exceptionMatches(exc: unknown, spec: unknown): boolean {
  if (spec instanceof Tuple) return spec.items.some((s) => exceptionMatches(exc, s));
  if (!isExceptionClass(spec)) {
    throw new PyTypeError("catching classes that do not inherit from BaseException is not allowed");
  }
  return exc instanceof spec;
}

/** `raise X`: X when it is an exception instance, `X()` when it is an exception class. */
export function exceptionOf(x: unknown): BaseException {
  if (x instanceof BaseException) return x;
  if (isExceptionClass(x)) return new x();
  throw new PyTypeError("exceptions must derive from BaseException");
}

/** `raise exc from cause` (`cause` null for `from None`); returns exc. */
export function withCause(exc: BaseException, cause: unknown): BaseException {
  if (cause === null || cause === undefined) exc.__cause__ = null;
  else exc.__cause__ = exceptionOf(cause);
  exc.__suppress_context__ = true;
  return exc;
}

/** `{**m}`: the [key, value] pairs of a mapping. */
export function dictItems(m: unknown): [unknown, unknown][] {
  if (m instanceof Dict) return [...m.entries()].map(([k, v]) => [k, v]);
  if (!isMapping(m)) throw new PyTypeError(`'${typeName(m)}' object is not a mapping`);
  const keys = (m as { keys: () => unknown }).keys;
  return [...iter(keys.call(m))].map((k) => [k, getitem(m, k)]);
}

/** Has `m` a `keys` method (what `**m` asks of a mapping)? A JS array's own `keys` does not count. */
function isMapping(m: unknown): boolean {
  return (
    m !== null &&
    typeof m === "object" &&
    !Array.isArray(m) &&
    typeof (m as { keys?: unknown }).keys === "function"
  );
}

/**
 * CPython's _PyObject_FunctionStr, which its call errors name the callee with: `__main__.f()`,
 * `__main__.C.m()`, `print()`.
 */
export function functionStr(f: unknown): string {
  const q = getattr(f, "__qualname__", null);
  if (typeof q !== "string") return str(f);
  const m = getattr(f, "__module__", null);
  return m !== null && m !== "builtins" ? `${str(m)}.${q}()` : `${q}()`;
}

/**
 * `f(**m)`: a mapping as a plain object of keyword arguments. `f` is the callee when the
 * transpiler knows it (for CPython's "f() argument after ** must be a mapping" message).
 */
export function kwargs(m: unknown, ...f: unknown[]): Record<string, unknown> {
  if (!(m instanceof Dict) && !isMapping(m)) {
    const who = f.length > 0 ? `${functionStr(f[0])} ` : "";
    throw new PyTypeError(`${who}argument after ** must be a mapping, not ${typeName(m)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of dictItems(m)) {
    if (typeof k !== "string") throw new PyTypeError("keywords must be strings");
    out[k] = v;
  }
  return out;
}

/**
 * The keyword arguments of a call with `**m` and other keywords, in source order
 * (`f(a=1, **m)`): CPython's TypeError when two of them name the same parameter.
 */
export function mergeKwargs(
  f: unknown,
  ...parts: Record<string, unknown>[]
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const k of Object.keys(part)) {
      if (Object.hasOwn(out, k)) {
        throw new PyTypeError(
          `${f === undefined ? "" : `${functionStr(f)} `}got multiple values for keyword argument '${k}'`,
        );
      }
      out[k] = part[k];
    }
  }
  return out;
}

/**
 * `f(*xs)` and `[*xs]`: the iterator of `xs`, with CPython's TypeError when it is not iterable
 * ("f() argument after * must be an iterable, not int"; "Value after * ..." in a display).
 */
export function starIter(x: unknown, ...f: unknown[]): Iterable<unknown> {
  const it = tryIter(x);
  if (it !== null) return it;
  const who = f.length > 0 ? `${functionStr(f[0])} argument` : "Value";
  throw new PyTypeError(`${who} after * must be an iterable, not ${typeName(x)}`);
}

/**
 * `import uvloop` of a module that is not there, in a `try` catching ImportError (codegen/lower/
 * imports.ts): CPython's ModuleNotFoundError, raised when the import statement runs.
 */
export function moduleNotFound(name: string): any {
  throw new ModuleNotFoundError(`No module named '${name}'`, kw({ name }));
}

/**
 * `from helpers import x` where the program's module helpers.py never binds `x` (codegen/lower/
 * imports.ts): CPython's ImportError, raised when the import statement runs.
 */
export function cannotImport(name: string, module: string): any {
  const path = moduleFile(`${module}.py`);
  throw new ImportError(
    `cannot import name '${name}' from '${module}' (${path})`,
    kw({ name: module, path }),
  );
}
