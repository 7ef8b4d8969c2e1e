/**
 * asyncio-ts: `import * as asyncio from "asyncio-ts"` gives the asyncio namespace.
 *
 * Besides asyncio's own names it exports `kw`/`Kw`, the keyword-argument convention
 * (`asyncio.create_task(coro, kw({ name: "w" }))`), and the scheduling-trace hook.
 */

import * as asyncioNamespace from "./asyncio/index";

export * from "./asyncio/index";
export { setTraceHook, type TraceEvent, type TraceHook } from "./asyncio/trace";
export { Kw, kw } from "./python/kw";

import { internal } from "./asyncio/trace";

// Python reads a class's name as `cls.__name__`: give every exported class its own, so that a
// subclass never shows its base's name (`type(task).__name__ == "Task"`). Every method of these
// classes is asyncio's own: the scheduling trace reports it as "asyncio" when used as a callback
// (`loop.call_soon(fut.set_result, 1)`), as CPython's recorder does.
for (const value of Object.values(asyncioNamespace)) {
  if (typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value))) {
    for (const attr of ["__name__", "__qualname__"]) {
      if (!Object.hasOwn(value, attr)) {
        Object.defineProperty(value, attr, {
          value: value.name,
          writable: true,
          configurable: true,
        });
      }
    }
    const proto = value.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      if (key !== "constructor" && typeof desc?.value === "function") internal(desc.value);
    }
  }
}
