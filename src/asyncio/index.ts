/**
 * The asyncio package: every public name, as `asyncio/__init__.py` joins its modules' `__all__`.
 */

export * from "./asyncgen";
export * from "./base_events";
export * from "./coroutines";
export * from "./events";
export * from "./exceptions";
export * from "./futures";
export { Barrier, BoundedSemaphore, Condition, Event, Lock, Semaphore } from "./locks";
export * from "./node_events";
export * from "./protocols";
export { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, QueueShutDown } from "./queues";
export * from "./runners";
export { TaskGroup } from "./taskgroups";
export * from "./tasks";
export { to_thread } from "./threads";
export { Timeout, timeout, timeout_at } from "./timeouts";

import { markBuiltin } from "../python/objects";
import * as coroutines from "./coroutines";
import * as events from "./events";
import * as futures from "./futures";
import * as runners from "./runners";
import * as tasks from "./tasks";
import * as threads from "./threads";
import * as timeouts from "./timeouts";

/**
 * The `__module__` of asyncio's functions, as CPython defines them: in the Python module of
 * asyncio's package that holds them, or in the C accelerator `_asyncio` (builtin functions:
 * `<built-in function current_task>`).
 */
const FUNC_MODULE = Symbol.for("asyncio-ts.func-module");

function setModule(module: string, fns: unknown[], builtin = false): void {
  for (const fn of fns) {
    if (typeof fn !== "function") continue;
    // A symbol, not an own `__module__`: a function owning `__name__` and `__module__` would
    // count as a class (types.ts isClass); protocol.ts reads it for `fn.__module__`.
    Object.defineProperty(fn, FUNC_MODULE, { value: module, configurable: true });
    if (builtin) markBuiltin(fn, "function");
  }
}
setModule(
  "_asyncio",
  [
    tasks.current_task,
    tasks._enter_task,
    tasks._leave_task,
    tasks._register_task,
    tasks._unregister_task,
    events.get_running_loop,
    events.get_event_loop,
    events._get_running_loop,
    events._set_running_loop,
  ],
  true,
);
setModule("asyncio.tasks", [
  tasks.all_tasks,
  tasks.as_completed,
  tasks.create_eager_task_factory,
  tasks.create_task,
  tasks.eager_task_factory,
  tasks.ensure_future,
  tasks.gather,
  tasks.run_coroutine_threadsafe,
  tasks.shield,
  tasks.sleep,
  tasks.wait,
  tasks.wait_for,
]);
setModule("asyncio.events", [
  events.get_event_loop_policy,
  events.new_event_loop,
  events.set_event_loop,
  events.set_event_loop_policy,
]);
setModule("asyncio.coroutines", [coroutines.iscoroutine, coroutines.iscoroutinefunction]);
setModule("asyncio.base_futures", [futures.isfuture]);
setModule("asyncio.futures", [futures.wrap_future]);
setModule("asyncio.runners", [runners.run]);
setModule("asyncio.threads", [threads.to_thread]);
setModule("asyncio.timeouts", [timeouts.timeout, timeouts.timeout_at]);
Object.defineProperty(tasks.eager_task_factory, "__qualname__", {
  value: "create_eager_task_factory.<locals>.factory",
  writable: true,
  configurable: true,
});
