/**
 * `asyncio-ts run FILE.py`: transpile a program, compile it to JavaScript, run it on the runtime.
 *
 *   1. Cache lookup: the key hashes the program's `.py` files, the transpiler's version and the
 *      compiled runtime's stamp. A hit skips tree-sitter and TypeScript entirely (this is what
 *      makes `run` of hello world fast).
 *   2. Miss: `transpileProgram`, then the types stripped from each module by sucrase (no
 *      type-checking: that is the separate `typecheck` step). Sucrase keeps every line where it
 *      is and loads in a fraction of TypeScript's time (TypeScript's compiler was most of a cold
 *      run); an inline source map keeps V8 stack frames naming TS positions.
 *      Import specifiers are rewritten: "asyncio-ts" and "asyncio-ts/python" to ES module shims
 *      over the runtime bundle (codegen/bundle.ts: the compiled runtime as one script with V8's
 *      code cache), "./helpers.js" to "./helpers.mjs".
 *   3. Run: `sys.argv` is `[FILE.py, ...ARGS]` (process.argv is rewritten to `[node, FILE.py,
 *      ...ARGS]`), the entry module is loaded with dynamic `import()`. An uncaught exception prints
 *      CPython's traceback to stderr (frames mapped back to Python lines through the TS -> Python
 *      line maps) and exits with 1; `SystemExit` exits with its code.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import {
  cacheHash,
  pruneCache,
  REQUESTS_KEY,
  runtime,
  runtimeDir,
  runtimeFiles,
  writeAtomic,
} from "./bundle";
import { locatedModules, type SourceLocator, sourceLocator } from "./coro_location";

/** Bump when the generated code's shape changes (invalidates every cache entry). */
export const COMPILER_VERSION = "asyncio-ts-codegen-1";

interface ModuleRecord {
  name: string;
  /** The Python file as shown in tracebacks. */
  pyFile: string;
  /** Generated file base name (`main`). */
  base: string;
  lineMap: number[];
}

interface Manifest {
  entry: string;
  modules: ModuleRecord[];
}

function programKey(entry: string): string {
  const dir = path.dirname(entry);
  const parts = [
    COMPILER_VERSION,
    path.resolve(entry),
    path.relative(process.cwd(), entry),
    String(fs.statSync(__filename).mtimeMs),
  ];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith(".py")) continue;
    parts.push(f, fs.readFileSync(path.join(dir, f), "latin1"));
  }
  return cacheHash(parts).slice(0, 24);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity".split(
    " ",
  ),
);

/**
 * An ES module re-exporting a runtime module's exports (plus the requests module's, for names
 * the runtime lacks, and the stdlib namespaces in `stdlib`); the modules come from the runtime
 * bundle (codegen/bundle.ts).
 */
function shimSource(key: string, extras: string | null, stdlib: readonly string[]): string {
  const exported = runtime(key) as Record<string, unknown>;
  const names = Object.keys(exported).filter(
    (n) => IDENT.test(n) && !RESERVED.has(n) && n !== "default",
  );
  const lines = [
    'import { createRequire } from "node:module";',
    "const require = createRequire(import.meta.url);",
    `const { runtime } = require(${JSON.stringify(path.join(__dirname, "bundle.js"))});`,
    `const $m = runtime(${JSON.stringify(key)});`,
    `export const { ${names.join(", ")} } = $m;`,
  ];
  // Reserved words (`enum`) cannot be bound by `const`, but can be exported under that name.
  const reserved = (n: string, value: string): void => {
    lines.push(`const $r_${n} = ${value};`, `export { $r_${n} as ${n} };`);
  };
  for (const n of Object.keys(exported)) {
    if (IDENT.test(n) && RESERVED.has(n)) reserved(n, `$m[${JSON.stringify(n)}]`);
  }
  const have = new Set(names);
  if (extras !== null && runtimeFiles().files.includes(extras)) {
    const add = Object.keys(runtime(extras) as object).filter(
      (n) => !have.has(n) && IDENT.test(n) && !RESERVED.has(n),
    );
    if (add.length > 0) {
      lines.push(
        `const $x = runtime(${JSON.stringify(extras)});`,
        `export const { ${add.join(", ")} } = $x;`,
      );
    }
  }
  // `$py.NAME` is src/python/stdlib/NAME.js; `sys` is that module's `sys` (src/python/index.ts).
  for (const n of stdlib) {
    const value = `runtime(${JSON.stringify(`src/python/stdlib/${n}.js`)})${n === "sys" ? ".sys" : ""}`;
    if (RESERVED.has(n)) reserved(n, value);
    else lines.push(`export const ${n} = ${value};`);
  }
  return `${lines.join("\n")}\n`;
}

/** The ES module shims of "asyncio-ts" and "asyncio-ts/contextvars", written once per build. */
function ensureShims(dir: string): Record<string, string> {
  const targets: Record<string, string> = {
    "asyncio-ts": "src/index.js",
    "asyncio-ts/contextvars": "src/contextvars.js",
  };
  const out: Record<string, string> = {};
  fs.mkdirSync(dir, { recursive: true });
  for (const [spec, key] of Object.entries(targets)) {
    const file = path.join(dir, `${spec.replace(/\W/g, "_")}.mjs`);
    if (!fs.existsSync(file)) writeAtomic(file, shimSource(key, null, []));
    out[spec] = pathToFileURL(file).href;
  }
  return out;
}

/**
 * The shim of "asyncio-ts/python" for a program that names the stdlib modules `stdlib` (sorted):
 * src/python/core.ts's exports and those namespaces only, so that a run loads no other stdlib
 * module (a third of the runtime's startup). One file per set of modules, written once per build.
 */
function pythonShim(dir: string, stdlib: readonly string[]): string {
  const tag = stdlib.length === 0 ? "" : `.${cacheHash(stdlib).slice(0, 12)}`;
  const file = path.join(dir, `asyncio_ts_python${tag}.mjs`);
  if (!fs.existsSync(file))
    writeAtomic(file, shimSource("src/python/core.js", REQUESTS_KEY, stdlib));
  return pathToFileURL(file).href;
}

/**
 * The stdlib namespaces the compiled modules read: `$py.NAME` (generated code reaches every one
 * through `$py`: `const json = $py.json;`, `const { dumps } = $py.json;`) or a name imported from
 * "asyncio-ts/python" (`import { sys } from ...`, where nothing in the module shadows it).
 */
function stdlibNamed(compiled: readonly string[], modules: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const js of compiled) {
    for (const m of js.matchAll(/\$py\.([A-Za-z_]\w*)/g)) if (modules.has(m[1]!)) found.add(m[1]!);
    for (const m of js.matchAll(/import\s*\{([^}]*)\}\s*from\s*"asyncio-ts\/python"/g)) {
      for (const spec of m[1]!.split(",")) {
        const name = spec.trim().split(/\s+as\s+/)[0]!;
        if (modules.has(name)) found.add(name);
      }
    }
  }
  return [...found].sort();
}

/** Transpile and compile the program into `dir`; returns its manifest. */
function build(entry: string, dir: string, runtimeFolder: string): Manifest {
  // Loaded only on a cache miss: tree-sitter and the transpiler are the slow part of startup.
  const { transpileProgram } = require("./index") as typeof import("./index");
  const { STDLIB_NAMESPACES } = require("./lower/imports") as typeof import("./lower/imports");
  const { transform } = require("sucrase") as typeof import("sucrase");
  const modules = transpileProgram(entry);
  fs.mkdirSync(dir, { recursive: true });
  const compiled = modules.map((m) => {
    const base = path.basename(m.tsName, ".ts");
    const tsPath = path.join(dir, `${base}.ts`);
    fs.writeFileSync(tsPath, m.code);
    // Only the types go: ES syntax (class fields, top-level await, ES modules) is kept as is.
    const stripped = transform(m.code, {
      transforms: ["typescript"],
      disableESTransforms: true,
      filePath: tsPath,
      sourceMapOptions: { compiledFilename: `${base}.mjs` },
    });
    const map = Buffer.from(JSON.stringify(stripped.sourceMap)).toString("base64");
    return {
      m,
      base,
      js: `${stripped.code}\n//# sourceMappingURL=data:application/json;base64,${map}\n`,
    };
  });
  const shims = ensureShims(runtimeFolder);
  shims["asyncio-ts/python"] = pythonShim(
    runtimeFolder,
    stdlibNamed(
      compiled.map((c) => c.js),
      STDLIB_NAMESPACES,
    ),
  );
  const records: ModuleRecord[] = [];
  for (const { m, base, js } of compiled) {
    const rewritten = js.replace(
      // `from "x"`, `import("x")`, and a statement `import "./helpers.js";` (lower/imports.ts).
      /(from\s+|import\s*\(\s*|^import\s+)"([^"]+)"/gm,
      (all, pre: string, spec: string) => {
        if (shims[spec] !== undefined) return `${pre}"${shims[spec]}"`;
        if (spec.startsWith("./") && spec.endsWith(".js"))
          return `${pre}"${spec.slice(0, -3)}.mjs"`;
        return all;
      },
    );
    fs.writeFileSync(path.join(dir, `${base}.mjs`), rewritten);
    records.push({
      name: m.name,
      // Absolute, as CPython's tracebacks print the script's path (3.9+).
      pyFile: path.resolve(m.pyPath),
      base,
      lineMap: m.lineMap,
    });
  }
  const manifest: Manifest = { entry: records[0]!.base, modules: records };
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return manifest;
}

/** Prepare (or reuse) the compiled program; returns the entry module's path and manifest. */
export function prepare(entry: string): { dir: string; manifest: Manifest } {
  // Programs live in the folder of the runtime they were compiled against, so that a rebuild of
  // dist/ retires them with it (pruneCache).
  const dir = path.join(runtimeDir(), `p-${programKey(entry)}`);
  const manifestPath = path.join(dir, "manifest.json");
  if (fs.existsSync(manifestPath)) {
    return { dir, manifest: JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest };
  }
  pruneCache();
  const tmp = `${dir}.${process.pid}.tmp`;
  const manifest = build(entry, tmp, runtimeDir());
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another process won the race: use its copy.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, manifest };
}

/** Undo the transpiler's renaming of reserved words (`case_` -> `case`; see lower/context.ts). */
function unmangle(name: string): string {
  // `fib$`: a decorated function's own expression name (lower/functions.ts).
  if (/^[A-Za-z_]\w*\$$/.test(name)) return name.slice(0, -1);
  const m = /^(.*?)(_+)$/.exec(name);
  return m !== null && RESERVED.has(m[1]!) ? name.slice(0, -1) : name;
}

/**
 * The part of a JS stack above the task step or loop callback it was raised in (innermost
 * first): CPython's traceback of an exception raised in a task or callback starts at the
 * coroutine or callback, where the loop caught it. The frames below (the code running the loop)
 * join only if it gets out of the loop, with the stack kept then (noteReraise).
 */
function withinTask(stack: string): string {
  const m = /\n\s+at \S*\.(?:_step_run_and_handle_result|_run_args) \(/.exec(stack);
  return m === null ? stack : stack.slice(0, m.index);
}

/** How many JS frames to look through for `logging`'s caller. */
const CALLER_DEPTH = 12;

/** One frame of the program: its Python file, line and function name. */
interface PyFrame {
  file: string;
  line: number;
  fn: string;
}

/**
 * The functions a list, set or dict comprehension is lowered into (lower/comprehensions.ts):
 * CPython 3.13 inlines them (PEP 709), so their frame is not one of Python's.
 */
const INLINED = /^\$(?:list|set|dict)comp$/;

/** The JS names of generator expressions and lambdas (lower/comprehensions.ts, functions.ts). */
const ANONYMOUS: Record<string, string> = { $genexpr: "<genexpr>", $lambda: "<lambda>" };

/**
 * The program's frames in a JS stack, innermost first (as V8 lists them). The frame of an
 * inlined comprehension is merged into the frame it runs in: that frame's function at the
 * comprehension's line (the line CPython reports for the inlined code).
 */
function programFrames(stack: string, dir: string, manifest: Manifest, max = Infinity): PyFrame[] {
  const byFile = new Map<string, ModuleRecord>();
  for (const m of manifest.modules) {
    byFile.set(path.join(dir, `${m.base}.ts`), m);
    byFile.set(path.join(dir, `${m.base}.mjs`), m);
  }
  const out: PyFrame[] = [];
  let inlined: PyFrame | null = null;
  for (const raw of stack.split("\n")) {
    if (out.length >= max) break;
    const m = /^\s+at (?:async )?(?:(.*?) \()?(?:file:\/\/)?(\/[^:()]+):(\d+):(\d+)\)?$/.exec(raw);
    if (m === null) continue;
    const file = decodeURIComponent(m[2]!);
    const rec = byFile.get(file) ?? byFile.get(path.join(dir, path.basename(file)));
    if (rec === undefined) continue;
    const pyLine = rec.lineMap[Number(m[3]) - 1] ?? 0;
    if (pyLine === 0) continue;
    // A class's JS constructor (`new C`) only hands its arguments to `__init__` (lower/
    // classes.ts): it is no frame of the Python program, whose construction shows none.
    if (m[1]?.startsWith("new ")) continue;
    // `B.$lambda [as key]`: a lambda called as a method keeps its own name.
    const anonymous = /(?:^|\.)(\$genexpr|\$lambda)(?: \[as .*\])?$/.exec(m[1] ?? "");
    // `C.__helper [as _C__helper]`: a private method, named as written (lang.ts `named`).
    let fn = (m[1] ?? "")
      .replace(/^(Generator\.|Object\.|Function\.)/, "")
      .replace(/^.*?(__[\w$]+) \[as _[^_][\w$]*\1\]$/, "$1")
      .replace(/^.*\[as (.*)\]$/, "$1");
    if (fn === "" || fn === "<anonymous>" || /\.mjs$/.test(fn)) fn = "<module>";
    fn = fn.replace(/^[A-Za-z_$][\w$]*\.prototype\./, "").replace(/^.*\./, "");
    // A property's getter or setter (`get cents`) is the function of its `def`.
    fn = unmangle(fn.replace(/^(?:get|set) /, ""));
    if (INLINED.test(fn)) {
      // The innermost of nested comprehensions has the line.
      inlined ??= { file: rec.pyFile, line: pyLine, fn };
      continue;
    }
    if (anonymous !== null) fn = ANONYMOUS[anonymous[1]!]!;
    out.push(inlined === null ? { file: rec.pyFile, line: pyLine, fn } : { ...inlined, fn });
    inlined = null;
  }
  return out;
}

/** Python frames (`File "x.py", line N, in f`) for a JS stack, innermost last. */
export function pythonFrames(stack: string, dir: string, manifest: Manifest): string[] {
  const sources = new Map<string, string[]>();
  const frames: string[] = [];
  for (const { file, line, fn } of programFrames(stack, dir, manifest)) {
    let text = sources.get(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, "utf8").split(/\r?\n/);
      } catch {
        text = [];
      }
      sources.set(file, text);
    }
    const src = (text[line - 1] ?? "").trim();
    frames.push(`  File "${file}", line ${line}, in ${fn}\n${src ? `    ${src}\n` : ""}`);
  }
  return frames.reverse();
}

/** What a rejected Promise nobody handled does: the program run last's (one listener). */
let rejected: ((reason: unknown) => void) | null = null;

/** Run a Python program; resolves with the process exit status. */
export async function runFile(file: string, args: string[]): Promise<number> {
  const { dir, manifest } = prepare(file);
  // CPython names the script by its path as given, made absolute but not normalised
  // (`python3 ./t.py` in /tmp: "/tmp/./t.py"); the cached manifest has the normalised one.
  const entry = manifest.modules.find((m) => m.base === manifest.entry);
  if (entry !== undefined) entry.pyFile = path.isAbsolute(file) ? file : `${process.cwd()}/${file}`;
  const py = runtime("src/python/core.js") as {
    setFrameSource(
      f: (exc: { stack?: string; jsError?: { stack?: string }; _tbReraise?: Error[] }) => string[],
    ): void;
    setCallerSource(f: () => { pathname: string; lineno: number; funcName: string } | null): void;
    toPyException(e: unknown): unknown;
    SystemExit: Function;
    KeyboardInterrupt: Function;
    flushStd(): void;
  };
  const main = runtime("src/python/main.js") as {
    printUncaught(e: unknown): number | undefined;
    systemExitStatus(e: unknown): [number, string];
  };
  // Loaded before source maps are enabled, so that Node does not read the runtime's maps: only
  // the program's frames are mapped (to TypeScript lines, then through the line maps to Python).
  runtime("src/index.js");
  runtime("src/contextvars.js");
  const formatHelpers = runtime("src/asyncio/format_helpers.js") as {
    _setSourceLocator(locator: SourceLocator): void;
  };
  Error.stackTraceLimit = 200;
  process.setSourceMapsEnabled(true);
  py.setFrameSource((exc) => {
    // (Not a string when the program stored its own `stack` attribute on the exception, over
    // V8's: its frames are lost then.)
    const raw: unknown = exc.jsError?.stack ?? exc.stack;
    const frames = pythonFrames(withinTask(typeof raw === "string" ? raw : ""), dir, manifest);
    // Each point it was raised again at, further out, puts its frames in front (noteReraise).
    for (const more of exc._tbReraise ?? []) {
      frames.unshift(...pythonFrames(withinTask(more.stack ?? ""), dir, manifest));
    }
    return frames;
  });
  // `logging`'s caller: the innermost frame of the program on the stack of the logging call.
  py.setCallerSource(() => {
    // A short stack: formatting frames through the source maps is what costs (the program's
    // caller is a few frames above the logging method).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = CALLER_DEPTH;
    const stack = new Error().stack ?? "";
    Error.stackTraceLimit = limit;
    const frame = programFrames(stack, dir, manifest, 1)[0];
    return frame === undefined
      ? null
      : { pathname: frame.file, lineno: frame.line, funcName: frame.fn };
  });
  // Reprs of tasks and callbacks: where the program's coroutines and functions are
  // (codegen/coro_location.ts).
  formatHelpers._setSourceLocator(
    sourceLocator(locatedModules(dir, manifest.modules), () => {
      const frames = programFrames(withinTask(new Error().stack ?? ""), dir, manifest);
      return frames.length === 0 ? 0 : frames[frames.length - 1]!.line;
    }),
  );
  process.argv = [process.argv[0]!, file, ...args];
  const atexit = () =>
    (runtime("src/python/stdlib/atexit.js") as { _run_exitfuncs(): unknown })._run_exitfuncs();
  // A Promise the program dropped that rejects (a blocking call such as `asyncio.run()` reached
  // through a lambda returns one: docs/DIFFERENCES.md) ends it as an uncaught exception would,
  // with a traceback, not Node's dump of the object.
  if (rejected === null) process.on("unhandledRejection", (reason) => rejected?.(reason));
  rejected = (reason) => {
    main.printUncaught(py.toPyException(reason));
    atexit();
    py.flushStd();
    process.exit(1);
  };
  let status = 0;
  try {
    await import(pathToFileURL(path.join(dir, `${manifest.entry}.mjs`)).href);
  } catch (e) {
    const exc = py.toPyException(e);
    if (exc instanceof py.SystemExit) {
      const [code, text] = main.systemExitStatus(exc);
      if (text) process.stderr.write(text);
      status = code;
    } else {
      // A `sys.excepthook` that raises SystemExit gives the status; else CPython ends itself
      // with SIGINT after an uncaught KeyboardInterrupt (a shell sees 130), or exits with 1.
      status = main.printUncaught(exc) ?? (exc instanceof py.KeyboardInterrupt ? 130 : 1);
    }
  }
  // `atexit`'s calls run last, after the traceback or SystemExit message (CPython's Py_FinalizeEx).
  atexit();
  py.flushStd();
  return status;
}
