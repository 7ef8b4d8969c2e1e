/**
 * The scheduling trace: a hook that sees every loop event, for the conformance suite.
 *
 * Events (one JSON object a line when written to a file; the schema CPython's recorder writes):
 * - `{"ev":"step","task":NAME,"coro":QUALNAME}`: one step of a Task;
 * - `{"ev":"cb","fn":QUALNAME}`: any other callback run by the loop; callbacks that belong to
 *   asyncio itself report `"asyncio"`.
 *
 * `ASYNCIO_TS_TRACE=FILE` in the environment installs a hook that appends to FILE. With no hook the
 * cost is one null check per callback.
 */

import * as fs from "node:fs";
import { callableName } from "./format_helpers";

export type TraceEvent = { ev: "step"; task: string; coro: string } | { ev: "cb"; fn: string };

export type TraceHook = (event: TraceEvent) => void;

/** The installed hook, read by Handle._run and Task steps. */
export let traceHook: TraceHook | null = null;

export function setTraceHook(hook: TraceHook | null): void {
  traceHook = hook;
}

const INTERNAL = Symbol.for("asyncio-ts.internal");

/** Mark a function as part of asyncio: the trace reports it as `"asyncio"`. */
export function internal<F extends Function>(fn: F): F {
  (fn as unknown as Record<symbol, boolean>)[INTERNAL] = true;
  return fn;
}

/** Marks a callback that steps a task: the task reports its own `step` event, not `cb`. */
export const TASK_STEP = Symbol.for("asyncio-ts.task-step");

export function traceCallback(callback: unknown): void {
  let fn = callback as Record<PropertyKey, unknown>;
  if (fn[TASK_STEP]) return;
  // functools.partial reports the function it wraps, as CPython's recorder unwraps it.
  while (fn.__partial__ === true && typeof fn.func === "function") {
    fn = fn.func as unknown as Record<PropertyKey, unknown>;
  }
  callback = fn;
  traceHook!({ ev: "cb", fn: fn[INTERNAL] ? "asyncio" : callableName(callback) });
}

/** Install the file hook when ASYNCIO_TS_TRACE names a file. Idempotent. */
export function installTraceFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const file = env.ASYNCIO_TS_TRACE;
  if (!file || traceHook !== null) return;
  const fd = fs.openSync(file, "w");
  setTraceHook((event) => {
    fs.writeSync(fd, `${JSON.stringify(event)}\n`);
  });
}

// Any program using the runtime is traceable: the hook installs itself when the variable is set.
installTraceFromEnv();
