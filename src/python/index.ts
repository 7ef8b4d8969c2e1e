/**
 * `asyncio-ts/python`: the Python semantics transpiled programs run on (core.ts), and the stdlib
 * modules as namespaces (`import json` in a program is `const json = $py.json;`).
 *
 * Each namespace `$py.NAME` is the module src/python/stdlib/NAME.ts (`sys`: its `sys` object).
 * `asyncio-ts run` relies on that rule to load only the stdlib modules a program names
 * (codegen/run.ts); test/codegen/transpiler.test.ts checks it.
 */

export * from "./core";
export * as abc from "./stdlib/abc";
export * as argparse from "./stdlib/argparse";
export * as atexit from "./stdlib/atexit";
export * as base64 from "./stdlib/base64";
export * as binascii from "./stdlib/binascii";
export * as bisect from "./stdlib/bisect";
export * as collections from "./stdlib/collections";
export * as concurrent from "./stdlib/concurrent";
export * as contextlib from "./stdlib/contextlib";
export * as copy from "./stdlib/copy";
export * as csv from "./stdlib/csv";
export * as dataclasses from "./stdlib/dataclasses";
export * as datetime from "./stdlib/datetime";
export * as decimal from "./stdlib/decimal";
export * as enum from "./stdlib/enum";
export * as errno from "./stdlib/errno";
export * as fnmatch from "./stdlib/fnmatch";
export * as fractions from "./stdlib/fractions";
export * as functools from "./stdlib/functools";
export * as glob from "./stdlib/glob";
export * as hashlib from "./stdlib/hashlib";
export * as heapq from "./stdlib/heapq";
export * as hmac from "./stdlib/hmac";
export * as inspect from "./stdlib/inspect";
export * as io from "./stdlib/io";
export * as itertools from "./stdlib/itertools";
export * as json from "./stdlib/json";
export * as logging from "./stdlib/logging";
export * as math from "./stdlib/math";
export * as numbers from "./stdlib/numbers";
export * as operator from "./stdlib/operator";
export * as os from "./stdlib/os";
export * as pathlib from "./stdlib/pathlib";
export * as pprint from "./stdlib/pprint";
export * as queue from "./stdlib/queue";
export * as random from "./stdlib/random";
export * as re from "./stdlib/re";
export * as reprlib from "./stdlib/reprlib";
export * as secrets from "./stdlib/secrets";
export * as shlex from "./stdlib/shlex";
export * as shutil from "./stdlib/shutil";
export * as signal from "./stdlib/signal";
export * as statistics from "./stdlib/statistics";
export * as string from "./stdlib/string";
export * as struct from "./stdlib/struct";
export { sys } from "./stdlib/sys";
export * as tempfile from "./stdlib/tempfile";
export * as textwrap from "./stdlib/textwrap";
export * as threading from "./stdlib/threading";
export * as time from "./stdlib/time";
export * as traceback from "./stdlib/traceback";
export * as types from "./stdlib/types";
export * as typing from "./stdlib/typing";
export * as unicodedata from "./stdlib/unicodedata";
export * as urllib from "./stdlib/urllib";
export * as uuid from "./stdlib/uuid";
export * as warnings from "./stdlib/warnings";
export * as zlib from "./stdlib/zlib";
