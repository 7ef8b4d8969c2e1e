/**
 * REQUESTS to the Python runtime (src/python): interim implementations of helpers generated code
 * needs that "asyncio-ts/python" does not export yet.
 *
 * The runner (codegen/run.ts) and the type checker (codegen/typecheck.ts) add a name from here
 * only when src/python does not export it (the contract is in requests/python-api.d.ts).
 *
 * Every helper that was here is now implemented in src/python (`signature`, `bind`, `pyclass`,
 * `genexpr`, `named`, `withCtx`, `asyncWithCtx`, `aiter`, `anext`, `anextStep`,
 * `match*` and the generator methods in src/python/lang.ts; `dictItems`, `kwargs`,
 * `exceptionMatches`, `exceptionOf`, `withCause` in src/python/raise.ts; `BaseException.__init__`
 * in src/python/exceptions.ts): change them there. Add a new request here only until src/python
 * provides it.
 */

export {};
