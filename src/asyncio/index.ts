/**
 * The asyncio package: every public name, as `asyncio/__init__.py` joins its modules' `__all__`.
 */

export * from "./base_events";
export * from "./coroutines";
export * from "./events";
export * from "./exceptions";
export * from "./futures";
export * from "./node_events";
export * from "./runners";
export * from "./tasks";
