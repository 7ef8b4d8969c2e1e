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
