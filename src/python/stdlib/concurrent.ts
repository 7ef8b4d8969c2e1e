/**
 * Python's `concurrent` package as far as the runtime has it: `concurrent.futures`
 * (src/concurrent/futures.ts, which explains how its threads are emulated). `import
 * concurrent.futures` binds this namespace; `from concurrent.futures import ThreadPoolExecutor`
 * reads its `futures`.
 */

export * as futures from "../../concurrent/futures";
