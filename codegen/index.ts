/**
 * asyncio-ts's transpiler: Python 3.13 (the asyncio subset) -> TypeScript.
 *
 * The pipeline, one file per stage:
 *
 *   parse.ts    tree-sitter-python CST; any ERROR/MISSING node is a SyntaxError
 *   ir.ts       IR (Python's `ast` shapes), built by walking the CST by field name (on cst.ts's
 *               copy of it: tree-sitter's node accessors are slow native calls)
 *   analyze.ts  scopes, closures, types, coroutine/generator kinds, blocking functions
 *   lower/      one lowering per feature, IR -> TS statement tree (registry: lower/index.ts)
 *   emit.ts     formatted TS text + line map (TS line -> Python line)
 *
 * `transpile` runs it for one module; `transpileProgram` follows imports of sibling `.py` files
 * (and transpiles them all again with `attrHooks` when one of them may define `__setattr__`, whose
 * class's instances any module may store into: lower/assign.ts). What the modules do to each
 * other is found first, from their IR: cycles of imports (import_cycles.ts) and stores into each
 * other's globals (module_stores.ts).
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { analyze } from "./analyze";
import { SourceFile } from "./diagnostics";
import { emit } from "./emit";
import { cyclicModules, importedFirst, type PartialImport, partialImports } from "./import_cycles";
import { buildModule, type Module } from "./ir";
import { lowerModule } from "./lower";
import { usesSignature } from "./lower/annotations";
import { ATTR_HOOKS } from "./lower/assign";
import { externalStores, setglobalSource } from "./module_stores";
import { parse } from "./parse";
import { noteModule } from "./quiet";

export { CompileError } from "./diagnostics";

export interface TranspileOptions {
  /** Python module name; `__main__` for the program's entry point (the default). */
  moduleName?: string;
  /** Export every module-level name (set for modules imported by a sibling). */
  exportAll?: boolean;
  /** Names of sibling modules (`helpers` for helpers.py) that imports may refer to. */
  siblings?: Iterable<string>;
  /**
   * Some sibling module may define `__setattr__`/`__delattr__` (lower/assign.ts): attribute stores
   * go through `setattr` (this module's own source is checked in any case).
   */
  attrHooks?: boolean;
  /** Some sibling module uses `inspect.signature` (lower/annotations.ts): keep parameter lists. */
  signatures?: boolean;
  /**
   * The names a sibling module binds at module level (lower/imports.ts: `from helpers import x`
   * of a name it never binds is CPython's ImportError); unknown when absent.
   */
  siblingNames?: (module: string) => ReadonlySet<string>;
  /** The names `from module import *` binds for a sibling module (null for other modules). */
  siblingStarNames?: (module: string) => readonly string[] | null;
  /**
   * This module's imports of a module partially initialised when they run, by `importKey`
   * (codegen/import_cycles.ts).
   */
  partialImports?: ReadonlyMap<string, PartialImport>;
}

export interface TranspileResult {
  code: string;
  /** `lineMap[i]` is the Python line of generated line `i + 1` (0 when none). */
  lineMap: number[];
  /** Sibling modules this module imports. */
  imports: string[];
}

/** Transpile one Python module to TypeScript. Throws `CompileError` for bad or unsupported input. */
export function transpile(
  text: string,
  file: string,
  options: TranspileOptions = {},
): TranspileResult {
  return transpileModule(text, file, options).result;
}

/** `transpile`, also giving the module's IR (transpileModules reads the main script's). */
function transpileModule(
  text: string,
  file: string,
  options: TranspileOptions,
): { result: TranspileResult; ir: Module } {
  const source = new SourceFile(file, universalNewlines(text));
  const cst = parse(source);
  const ir = buildModule(cst, source, options.siblingStarNames);
  const analysis = analyze(ir, source);
  noteModule(analysis, ir); // for codegen/quiet.ts
  const siblings = new Set(options.siblings ?? []);
  const tree = lowerModule(ir, analysis, source, {
    moduleName: options.moduleName ?? "__main__",
    exportAll: options.exportAll ?? false,
    siblings,
    attrHooks: options.attrHooks ?? false,
    signatures: options.signatures ?? false,
    siblingNames: options.siblingNames,
    partialImports: options.partialImports,
  });
  const { code, lineMap } = emit(tree);
  return { result: { code, lineMap, imports: siblingImports(ir, siblings) }, ir };
}

function siblingImports(ir: Module, siblings: Set<string>): string[] {
  const out = new Set<string>();
  const visit = (body: Module["body"]) => {
    for (const s of body) {
      if (s.k === "Import") for (const a of s.names) if (siblings.has(a.name)) out.add(a.name);
      if (s.k === "ImportFrom" && s.level === 0 && siblings.has(s.module)) out.add(s.module);
      if (s.k === "FunctionDef") visit(s.fn.body);
      if (s.k === "ClassDef") visit(s.body);
      if (s.k === "If" || s.k === "While" || s.k === "For") {
        visit(s.body);
        visit(s.orelse);
      }
      if (s.k === "Try") {
        visit(s.body);
        for (const h of s.handlers) visit(h.body);
        visit(s.orelse);
        visit(s.finalbody);
      }
      if (s.k === "With") visit(s.body);
    }
  };
  visit(ir.body);
  return [...out];
}

export interface ProgramModule extends TranspileResult {
  /** Module name (`__main__` for the entry). */
  name: string;
  /** The Python file. */
  pyPath: string;
  /** The file name of the generated module (`main.ts`, `helpers.ts`). */
  tsName: string;
}

/**
 * Transpile a program: the entry file and every sibling module it imports (transitively).
 * Sibling modules are the `.py` files in the entry's directory.
 */
export function transpileProgram(entry: string): ProgramModule[] {
  const dir = path.dirname(entry);
  const siblings = new Set(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".py") && /^[A-Za-z_]\w*\.py$/.test(f))
      .map((f) => f.slice(0, -3))
      .filter((m) => path.join(dir, `${m}.py`) !== path.resolve(entry) && m !== "__init__"),
  );
  const out: ProgramModule[] = [];
  // A class defining `__setattr__` in any module of the program may have instances anywhere
  // (lower/assign.ts): when one does, the modules transpiled without knowing it are redone.
  // Likewise a module using `inspect.signature` may ask for the signature of any module's
  // functions (lower/annotations.ts).
  let attrHooks = false;
  let signatures = false;
  for (;;) {
    out.length = 0;
    const texts = transpileModules(entry, dir, siblings, { attrHooks, signatures }, out);
    // A module's own source is checked when it is lowered: one module needs no second pass.
    if (texts.length === 1) return out;
    const hooks: boolean = !attrHooks && texts.some((t) => ATTR_HOOKS.test(t));
    const sigs: boolean = !signatures && texts.some(usesSignature);
    if (!hooks && !sigs) return out;
    attrHooks ||= hooks;
    signatures ||= sigs;
  }
}

/**
 * The source as CPython's tokenizer reads it: `\r\n` and `\r` line ends are `\n` (a string
 * spanning lines of a Windows-made file holds "\n", not "\r\n").
 */
function universalNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** A module's `__all__ = [...]` (or a tuple) of string literals, or null. */
function declaredAll(ir: Module): string[] | null {
  let all: string[] | null = null;
  for (const s of ir.body) {
    if (s.k !== "Assign" || !s.targets.some((t) => t.k === "Name" && t.id === "__all__")) continue;
    const v = s.value;
    all =
      (v.k === "List" || v.k === "Tuple") && v.elts.every((e) => e.k === "Str")
        ? v.elts.map((e) => (e as { value: string }).value)
        : null;
  }
  return all;
}

/** A module's file as errors name it: relative to the working folder when inside it. */
function displayName(file: string): string {
  const display = path.relative(process.cwd(), file) || file;
  return display.startsWith("..") ? file : display;
}

/** Transpile the entry and the sibling modules it imports into `out`; the sources read. */
function transpileModules(
  entry: string,
  dir: string,
  siblings: Set<string>,
  program: { attrHooks: boolean; signatures: boolean },
  out: ProgramModule[],
): string[] {
  const texts: string[] = [];
  const known = new Map<
    string,
    { names: ReadonlySet<string>; star: readonly string[]; ir: Module; imports: string[] }
  >();
  // What a sibling module binds at module level (there, or through `global` in its functions),
  // and what `import *` of it binds: its `__all__` when that is a list or tuple of strings, else
  // its names that do not start with `_`.
  const reading = new Set<string>();
  const sibling = (module: string) => {
    let found = known.get(module);
    if (found === undefined) {
      const file = path.join(dir, `${module}.py`);
      const text = universalNewlines(fs.readFileSync(file, "utf8"));
      const source = new SourceFile(displayName(file), text);
      // `import *` of a module whose own `import *` leads back here: its names are not known yet.
      if (reading.has(module))
        throw source.error("Unsupported", "'from ... import *' in a cycle of imports", 1, 0);
      reading.add(module);
      const ir = buildModule(parse(source), source, starNames);
      reading.delete(module);
      const scope = analyze(ir, source).module;
      const bound = [...scope.symbols].filter(([, s]) => s.bindings > 0).map(([n]) => n);
      found = {
        // Exported by every imported module (lower/index.ts).
        names: new Set([...bound, "__name__", "__file__", "__doc__"]),
        star: declaredAll(ir) ?? bound.filter((n) => !n.startsWith("_")),
        ir,
        imports: siblingImports(ir, siblings),
      };
      known.set(module, found);
    }
    return found;
  };
  const siblingNames = (module: string) => sibling(module).names;
  const starNames = (module: string) => (siblings.has(module) ? sibling(module).star : null);
  const done = new Set<string>();
  const queue: { name: string; file: string }[] = [{ name: "__main__", file: entry }];
  // Set once the main script is transpiled: its modules' imports of each other that run while
  // the module imported is partially initialised (codegen/import_cycles.ts), and the names
  // modules store into other modules (codegen/module_stores.ts).
  let partial: Map<string, Map<string, PartialImport>> | null = null;
  let stores = new Map<string, Set<string>>();
  while (queue.length > 0) {
    const { name, file } = queue.shift()!;
    if (done.has(file)) continue;
    done.add(file);
    const text = fs.readFileSync(file, "utf8");
    texts.push(text);
    const stored = stores.get(name);
    const source = stored === undefined ? text : `${text}${setglobalSource(stored)}`;
    const { result, ir } = transpileModule(source, displayName(file), {
      moduleName: name,
      exportAll: name !== "__main__",
      siblings,
      siblingNames,
      siblingStarNames: starNames,
      partialImports: partial?.get(name),
      ...program,
    });
    if (name === "__main__" && result.imports.length > 0) {
      const facts = programFacts(ir, result.imports);
      ({ partial, stores } = facts);
      importFirst(result, facts.first);
    }
    const base = path.basename(file, ".py");
    out.push({ ...result, name, pyPath: file, tsName: `${name === "__main__" ? base : name}.ts` });
    for (const m of result.imports) queue.push({ name: m, file: path.join(dir, `${m}.py`) });
  }
  return texts;

  /**
   * What the modules of the program do to each other, its main script (`main`, its IR)
   * importing the modules `imports`: the partial imports (none, null, unless some of them import
   * each other in a cycle) and the stores into each other's globals.
   */
  function programFacts(
    main: Module,
    imports: readonly string[],
  ): {
    partial: Map<string, Map<string, PartialImport>> | null;
    stores: Map<string, Set<string>>;
    first: string[];
  } {
    const graph = new Map<string, readonly string[]>();
    const pending = [...imports];
    while (pending.length > 0) {
      const m = pending.pop()!;
      if (graph.has(m)) continue;
      graph.set(m, sibling(m).imports);
      pending.push(...sibling(m).imports);
    }
    const irs = new Map<string, Module>([["__main__", main]]);
    for (const m of graph.keys()) irs.set(m, sibling(m).ir);
    const stores = externalStores(irs, siblings);
    const cyclic = cyclicModules(graph);
    if (cyclic === null) return { partial: null, stores, first: [] };
    const replay = partialImports((m) => (m === "__main__" ? main : sibling(m).ir), siblings);
    const first = importedFirst(graph, cyclic, replay.ran, replay.partial);
    return { partial: replay.partial, stores, first };
  }
}

/**
 * The main module importing the modules `first` ahead of the others (import_cycles.ts
 * `importedFirst`): header lines before its first import of a module of the program.
 */
function importFirst(result: TranspileResult, first: readonly string[]): void {
  if (first.length === 0) return;
  const lines = result.code.split("\n");
  const at = lines.findIndex((l) => /^import "\.\/\w+\.js";$/.test(l));
  if (at < 0) return;
  lines.splice(at, 0, ...first.map((m) => `import "./${m}.js";`));
  result.code = lines.join("\n");
  result.lineMap.splice(at, 0, ...first.map(() => 0));
}
