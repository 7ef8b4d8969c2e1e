/**
 * asyncio.threads: `to_thread()`, running a blocking function in the default executor.
 *
 * `to_thread(func, ...args)` copies the current context and hands `func` to
 * `loop.run_in_executor(null, ...)`, exactly as CPython does. The executor's threads are
 * emulated on the one JS thread (src/concurrent/futures.ts explains how).
 */

import { copy_context } from "../contextvars";
import { type Coro, markcoroutinefunction } from "./coroutines";
import { get_running_loop } from "./events";
import { await_ } from "./protocols";

/**
 * `to_thread(func, /, *args, **kwargs)`: run `func(...args)` in a separate thread (the default
 * executor) with the current context; a trailing `kw({...})` is passed on to `func`.
 */
export const to_thread = markcoroutinefunction(function* to_thread<T>(
  func: (...args: any[]) => T,
  ...args: unknown[]
): Coro<T> {
  const loop = get_running_loop();
  const ctx = copy_context();
  const func_call = () => ctx.run(func, ...args);
  return yield* await_<T>(loop.run_in_executor(null, func_call));
}, "to_thread");
