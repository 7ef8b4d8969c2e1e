/**
 * Helpers for `raise`, `except` and `**` unpacking in generated code.
 */

import { Dict } from "./dict";
import { BaseException, TypeError as PyTypeError } from "./exceptions";
import { getitem, iter } from "./protocol";
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
  const keys = (m as { keys?: () => unknown } | null)?.keys;
  if (m === null || typeof keys !== "function") {
    throw new PyTypeError(`'${typeName(m)}' object is not a mapping`);
  }
  return [...iter(keys.call(m))].map((k) => [k, getitem(m, k)]);
}

/** `f(**m)`: a mapping as a plain object of keyword arguments. */
export function kwargs(m: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of dictItems(m)) {
    if (typeof k !== "string") throw new PyTypeError("keywords must be strings");
    out[k] = v;
  }
  return out;
}
