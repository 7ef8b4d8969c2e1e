/**
 * asyncio-ts: `import * as asyncio from "asyncio-ts"` gives the asyncio namespace.
 *
 * Besides asyncio's own names it exports `kw`/`Kw`, the keyword-argument convention
 * (`asyncio.create_task(coro, kw({ name: "w" }))`), and the scheduling-trace hook.
 */

export * from "./asyncio/index";
export { Kw, kw } from "./python/kw";
export { setTraceHook, type TraceEvent, type TraceHook } from "./asyncio/trace";
