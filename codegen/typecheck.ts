/**
 * Type-check generated TypeScript against the runtime's declarations.
 *
 * Generated modules are checked in memory as ES modules (module esnext, moduleResolution bundler)
 * with `asyncio-ts`, `asyncio-ts/python` and `asyncio-ts/contextvars` mapped to the runtime's
 * declaration files in `dist/src/` (what `npm run build` emits; the CLI refuses to run when dist/
 * is older than the sources), or to `src/` where no build exists. The declarations are a fifth of
 * the sources' size and carry every inferred type already, so a check costs about a third. Only
 * diagnostics in the generated files are reported (the runtime is checked by its own build).
 *
 * `noImplicitOverride` is off: a transpiled method overriding a runtime class's method (an
 * exception's `__str__`) cannot know whether the runtime declares it.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

export interface GeneratedFile {
  /** File name, e.g. `main.ts` (relative names are placed in a virtual directory). */
  name: string;
  code: string;
}

export interface TypecheckOptions {
  /** The package root (holds src/); defaults to this package. */
  root?: string;
}

export function packageRoot(): string {
  // codegen/typecheck.ts and dist/codegen/typecheck.js both sit one level below a root with src/.
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "codegen")))
      return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, "..");
}

const REQUESTS_API = "codegen/requests/python-api.d.ts";
const REQUESTS_IMPL = "codegen/requests/python-extras.ts";

/**
 * "asyncio-ts/python" as generated code sees it: src/python/index.ts, plus, for every name the
 * transpiler needs (requests/python-api.d.ts) that src/python does not export yet, the interim
 * implementation in requests/python-extras.ts (or the bare declaration). Returns the module text.
 */
function mergedPythonModule(
  root: string,
  base: ts.CompilerOptions,
  host: ts.CompilerHost,
): { text: string; missing: string[]; program: ts.Program } {
  const realPath = runtimeFile(root, "python/index");
  const apiPath = path.join(root, REQUESTS_API);
  const implPath = path.join(root, REQUESTS_IMPL);
  const roots = [apiPath, implPath, ...(fs.existsSync(realPath) ? [realPath] : [])];
  const program = ts.createProgram(roots, base, host);
  const checker = program.getTypeChecker();
  const exportsOf = (file: string): Set<string> => {
    const sf = program.getSourceFile(file);
    const sym = sf && checker.getSymbolAtLocation(sf);
    return new Set(sym ? checker.getExportsOfModule(sym).map((s) => s.getName()) : []);
  };
  const real = exportsOf(realPath);
  const impl = exportsOf(implPath);
  const api = exportsOf(apiPath);
  const missing = [...api].filter((n) => !real.has(n));
  const rel = (p: string) => JSON.stringify(p.replace(/\.d\.ts$|\.ts$/, ""));
  const lines = real.size > 0 ? [`export * from ${rel(realPath)};`] : [];
  // Values of Python's dynamic semantics are `any` in generated code: the contract's declarations
  // (untyped builtins and helpers) win over the runtime's `unknown` results; classes stay the runtime's.
  const dynamic = [...api].filter((n) => real.has(n) && isDynamicDeclaration(program, apiPath, n));
  const fromImpl = missing.filter((n) => impl.has(n) && !isDynamicDeclaration(program, apiPath, n));
  const fromApi = [...missing.filter((n) => !fromImpl.includes(n)), ...dynamic];
  if (fromImpl.length > 0) lines.push(`export { ${fromImpl.join(", ")} } from ${rel(implPath)};`);
  if (fromApi.length > 0) lines.push(`export { ${fromApi.join(", ")} } from ${rel(apiPath)};`);
  return { text: `${lines.join("\n")}\n`, missing, program };
}

/** Is `name` declared in the contract as an untyped value (`const x: any` or a function)? */
function isDynamicDeclaration(program: ts.Program, file: string, name: string): boolean {
  const sf = program.getSourceFile(file);
  if (sf === undefined) return false;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.name.text === name) return true;
    }
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return true;
  }
  return false;
}

/**
 * The runtime module `name` (`index`, `python/index`) as generated code is checked against: its
 * declarations under dist/src/ when the package is built, else its source under src/.
 */
function runtimeFile(root: string, name: string): string {
  const declarations = path.join(root, "dist", "src", `${name}.d.ts`);
  return fs.existsSync(declarations) ? declarations : path.join(root, "src", `${name}.ts`);
}

/** Names generated code needs that src/python does not export (yet). */
export function missingRuntimeNames(root = packageRoot()): string[] {
  const opts = baseOptions(root);
  return mergedPythonModule(root, opts, ts.createCompilerHost(opts)).missing;
}

/** Returns formatted diagnostics (`main.ts(3,5): error TS2322: ...`); empty when all is well. */
export function typecheck(files: GeneratedFile[], options: TypecheckOptions = {}): string[] {
  const root = options.root ?? packageRoot();
  const virtualDir = path.join(root, "node_modules", ".cache", "asyncio-ts", "typecheck");
  const byPath = new Map<string, string>();
  for (const f of files) byPath.set(path.resolve(virtualDir, f.name), f.code);
  const compilerOptions = baseOptions(root);
  const host = ts.createCompilerHost(compilerOptions);
  const merged = mergedPythonModule(root, compilerOptions, host);
  const mergedPath = path.join(virtualDir, "$python.ts");
  byPath.set(mergedPath, merged.text);
  compilerOptions.paths = {
    "asyncio-ts": [path.relative(root, runtimeFile(root, "index"))],
    "asyncio-ts/python": [path.relative(root, mergedPath)],
    "asyncio-ts/contextvars": [path.relative(root, runtimeFile(root, "contextvars"))],
  };
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (p) => byPath.get(path.resolve(p)) ?? readFile(p);
  host.fileExists = (p) => byPath.has(path.resolve(p)) || fileExists(p);
  // The virtual folder need not exist on disk: module resolution (`./helpers.js` of a sibling
  // module) asks for it before it asks for the file.
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (d) =>
    path.resolve(d) === virtualDir || (directoryExists?.(d) ?? fs.existsSync(d));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (p, lang, onError, create) => {
    const text = byPath.get(path.resolve(p));
    if (text !== undefined) return ts.createSourceFile(p, text, lang, true);
    return getSourceFile(p, lang, onError, create);
  };
  const program = ts.createProgram([...byPath.keys()], compilerOptions, host, merged.program);
  const out: string[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!byPath.has(path.resolve(sf.fileName)) || sf.fileName === mergedPath) continue;
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    for (const d of diags) {
      const { line, character } =
        d.start !== undefined
          ? sf.getLineAndCharacterOfPosition(d.start)
          : { line: 0, character: 0 };
      const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      out.push(
        `${path.relative(virtualDir, sf.fileName)}(${line + 1},${character + 1}): error TS${d.code}: ${msg}`,
      );
    }
  }
  return out;
}

function baseOptions(root: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    useUnknownInCatchVariables: true,
    skipLibCheck: true,
    noEmit: true,
    isolatedModules: true,
    allowImportingTsExtensions: false,
    // No ambient typings (Node's alone are 4.5 MB of declarations, most of a check's time):
    // generated code uses only the runtime's API and ES2022, and the few Node types the runtime's
    // declarations mention (Buffer, node:fs) are outside what generated code relies on.
    types: [],
    baseUrl: root,
  };
}
