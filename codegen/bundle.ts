/**
 * The runtime as one script, for `asyncio-ts run`.
 *
 * Startup is part of the product (hello world must run in under 0.25 s), and loading the compiled
 * runtime as ~80 CommonJS modules cost about half of it: Node resolves every `require` (stat
 * calls, package.json scope lookups), reads every file and parses 1 MB of JavaScript. So `run`
 * loads the runtime differently from `import "asyncio-ts"`:
 *
 *   1. The bundle: the modules of dist/src (plus the requests module of codegen/requests) are
 *      written once, into the cache folder, as one script: an object of module functions with the
 *      CommonJS signature and a small `require` that resolves relative specifiers inside the
 *      bundle (anything else is Node's `require`: `node:fs`, ...). Module semantics are
 *      CommonJS's: one instance per module, cached before its body runs (so cycles see a partial
 *      `exports`, as with Node).
 *   2. V8's code cache: the script is compiled with `vm.Script` and the code cache of its previous
 *      run; when there was none (or V8 rejected it: another Node version or V8 flags), the cache
 *      is written when the process exits, so it also holds the functions the program ran.
 *
 * The folder's name is a hash of every bundled file's path, size and modification time, so any
 * rebuild of dist/ (by `npm run build`, `tsc` or the tests) gives a new bundle, never a stale one.
 * Every module of the runtime that `run` uses must come from here (`runtime(key)`): loading one
 * from dist/src as well would make two copies of its classes.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";

/** The compiled project root (`dist/`; this file is dist/codegen/bundle.js). */
export function distRoot(): string {
  return path.resolve(__dirname, "..");
}

/** Where `run` keeps compiled programs and runtime bundles. */
export function cacheRoot(): string {
  const root = path.resolve(distRoot(), "..");
  return process.env.ASYNCIO_TS_CACHE ?? path.join(root, "node_modules", ".cache", "asyncio-ts");
}

/**
 * A 106-bit hash of `parts` (two 53-bit lanes of a multiply-xorshift hash over UTF-16 code
 * units), as hex. Cache keys need no cryptographic strength, only no accidental collisions, and
 * loading node:crypto would cost several milliseconds of every run's startup.
 */
export function cacheHash(parts: readonly string[]): string {
  let out = "";
  for (const seed of [0x9e3779b9, 0x85ebca6b]) {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (const part of parts) {
      for (let i = 0; i < part.length; i++) {
        const c = part.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
      // A separator, so that ["ab", "c"] and ["a", "bc"] differ.
      h1 = Math.imul(h1 ^ 0x10000, 2654435761);
      h2 = Math.imul(h2 ^ 0x10000, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    out += (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
  }
  return out;
}

/** The requests module (codegen/requests): helpers generated code may need beyond src/python. */
export const REQUESTS_KEY = "codegen/requests/python-extras.js";

/** The bundled files, as keys relative to dist/ (`src/python/index.js`), sorted. */
function bundledFiles(dist: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dist, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith(".js")) out.push(r);
    }
  };
  walk("src");
  if (fs.existsSync(path.join(dist, REQUESTS_KEY))) out.push(REQUESTS_KEY);
  return out.sort();
}

interface RuntimeFiles {
  dist: string;
  files: string[];
  /** Hash of the bundled files' paths, sizes and modification times, and of this module's. */
  stamp: string;
}

let filesMemo: RuntimeFiles | null = null;

/** The runtime's files and their stamp (memoized: the stamp costs one stat per file). */
export function runtimeFiles(): RuntimeFiles {
  if (filesMemo !== null) return filesMemo;
  const dist = distRoot();
  const files = bundledFiles(dist);
  const parts = [__filename, String(fs.statSync(__filename).mtimeMs)];
  for (const f of files) {
    const st = fs.statSync(path.join(dist, f));
    parts.push(f, String(st.size), String(st.mtimeMs));
  }
  filesMemo = { dist, files, stamp: cacheHash(parts).slice(0, 16) };
  return filesMemo;
}

/** The folder of the current runtime's bundle and ES module shims. */
export function runtimeDir(): string {
  return path.join(cacheRoot(), `runtime-${runtimeFiles().stamp}`);
}

/** Cache entries of other builds: runtime folders, and program folders of the earlier layout. */
const OURS = /^(runtime-[0-9a-f]{12}|runtime-[0-9a-f]{16}|[0-9a-f]{24})(\.\d+\.tmp)?$/;

/**
 * Remove the cache entries of earlier builds of dist/ (each program is compiled into the folder
 * of its runtime, so they go with it). Entries touched in the last 10 minutes are kept: a process
 * started just before a rebuild may still be loading from them. Only names this module makes are
 * removed (ASYNCIO_TS_CACHE may name a folder with other contents).
 */
export function pruneCache(): void {
  const root = cacheRoot();
  const current = path.basename(runtimeDir());
  const before = Date.now() - 10 * 60 * 1000;
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === current || !OURS.test(name)) continue;
    const p = path.join(root, name);
    try {
      if (fs.statSync(p).mtimeMs < before) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Removed by a concurrent run.
    }
  }
}

/** Write `text` to `file` atomically (a concurrent run sees the whole file or none). */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * `source` with every non-ASCII UTF-16 code unit written as a `\uXXXX` escape, which means the
 * same character in the places compiled modules have them: strings, regular expressions (a
 * surrogate pair's two escapes are one code point under the `u` flag, two code units without it,
 * as the pair itself), templates (the same cooked value), identifiers and comments. An ASCII bundle is read as latin1 in
 * about a third of the time UTF-8 decoding takes, and V8 keeps it as a one-byte string (with one
 * non-ASCII character anywhere, the whole 2 MB source would be a two-byte string).
 */
export function asciiSource(source: string): string {
  return source.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes: string, c: string) => {
    // `\é` is an identity escape (the character itself): its backslash goes with it.
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** The bundle's source: `(function (nodeRequire) { ...; return load; })`; ASCII only. */
export function bundleSource(dist: string, files: readonly string[]): string {
  const out: string[] = [
    "(function (nodeRequire) {",
    '"use strict";',
    `const DIST = ${JSON.stringify(dist)};`,
    "const defs = {",
  ];
  for (const f of files) {
    const body = asciiSource(
      fs.readFileSync(path.join(dist, f), "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, ""),
    );
    out.push(
      `${JSON.stringify(f)}: function (exports, require, module, __filename, __dirname) {`,
      body,
      "},",
    );
  }
  out.push(
    "};",
    "const cache = Object.create(null);",
    "function resolve(from, spec) {",
    "  const parts = from.split('/');",
    "  parts.pop();",
    "  for (const p of spec.split('/')) {",
    "    if (p === '..') parts.pop();",
    "    else if (p !== '.' && p !== '') parts.push(p);",
    "  }",
    "  const base = parts.join('/');",
    "  for (const k of [base, base + '.js', base + '/index.js']) if (k in defs) return k;",
    "  throw new Error('asyncio-ts runtime bundle: cannot resolve ' + JSON.stringify(spec) + ' from ' + from);",
    "}",
    "function load(key) {",
    "  const hit = cache[key];",
    "  if (hit !== undefined) return hit.exports;",
    "  const def = defs[key];",
    "  if (def === undefined) throw new Error('asyncio-ts runtime bundle: no module ' + key);",
    "  const module = { exports: {} };",
    "  cache[key] = module;",
    "  const filename = DIST + '/' + key;",
    "  const require = (spec) => spec[0] === '.' ? load(resolve(key, spec)) : nodeRequire(spec);",
    "  def.call(module.exports, module.exports, require, module, filename, filename.slice(0, filename.lastIndexOf('/')));",
    "  return module.exports;",
    "}",
    "return load;",
    "})",
  );
  return out.join("\n");
}

let loaded: ((key: string) => unknown) | null = null;

/**
 * A module of the runtime by its key (`src/python/index.js`), from the bundle: written on first
 * use of a build, compiled with V8's code cache.
 */
export function runtime(key: string): unknown {
  loaded ??= loadBundle();
  return loaded(key);
}

/**
 * A module of the runtime for the transpiler's own questions (which names a module exports,
 * CPython's messages), `key` without its extension (`src/python/index`). Compiled
 * (dist/codegen), it is the bundle's copy: the one `run` then runs the program on in this same
 * process. Loading dist/src beside it would install a second copy's methods on shared prototypes
 * (generators' `send`/`__next__`, raising that copy's `StopIteration`, which the program's
 * `except StopIteration` does not catch). From the TypeScript sources (the tests), the sources.
 */
export function compilerRuntime(key: string): unknown {
  if (__filename.endsWith(".js")) return runtime(`${key}.js`);
  return require(path.join("..", key));
}

function loadBundle(): (key: string) => unknown {
  const { dist, files } = runtimeFiles();
  const dir = runtimeDir();
  const file = path.join(dir, "runtime.js");
  let source: string;
  try {
    // ASCII (asciiSource): latin1 is the cheapest decoding that gives the same string.
    source = fs.readFileSync(file, "latin1");
  } catch {
    source = bundleSource(dist, files);
    fs.mkdirSync(dir, { recursive: true });
    writeAtomic(file, source);
  }
  const cacheFile = path.join(dir, `runtime.${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(source, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once("exit", () => {
      try {
        writeAtomic(cacheFile, script.createCachedData());
      } catch {
        // A read-only cache folder: the next run compiles again.
      }
    });
  }
  const factory = script.runInThisContext() as (req: NodeJS.Require) => (key: string) => unknown;
  return factory(require);
}
