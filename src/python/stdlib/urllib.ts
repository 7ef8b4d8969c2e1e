/**
 * Python's `urllib` package as far as the runtime has it: `urllib.parse` (stdlib/urllib_parse.ts).
 * `import urllib.parse` binds this namespace; `from urllib.parse import quote` reads its `parse`.
 */

export * as parse from "./urllib_parse";
