/**
 * Stage 4: lowering, IR -> TypeScript statement tree.
 *
 * One feature per file, each lowering a fixed set of IR node kinds through the `Feature`
 * interface (context.ts); this registry joins them and checks that every kind is lowered by
 * exactly one feature. `lowerModule` lowers a whole module and adds its header (imports).
 */

import type { Analysis, Scope } from "../analyze";
import type { SourceFile } from "../diagnostics";
import type { Module } from "../ir";
import { assignments } from "./assign";
import { calls } from "./calls";
import { classes } from "./classes";
import { comprehensions } from "./comprehensions";
import {
  Context,
  type ExprTable,
  type Feature,
  type ModuleOptions,
  mangle,
  type StmtTable,
} from "./context";
import { control } from "./control";
import { exceptions } from "./exceptions";
import { functions } from "./functions";
import { imports } from "./imports";
import { literals } from "./literals";
import { match } from "./match";
import { names } from "./names";
import { operators } from "./operators";
import { line, type TsStmt } from "./output";
import { withStatements } from "./with";

export const FEATURES: Feature[] = [
  literals,
  names,
  operators,
  calls,
  functions,
  classes,
  assignments,
  control,
  exceptions,
  withStatements,
  comprehensions,
  imports,
  match,
];

function buildTables(): { stmts: StmtTable; exprs: ExprTable } {
  const stmts: Record<string, unknown> = {};
  const exprs: Record<string, unknown> = {};
  for (const f of FEATURES) {
    for (const [k, v] of Object.entries(f.statements ?? {})) {
      if (k in stmts) throw new Error(`statement kind ${k} lowered by two features`);
      stmts[k] = v;
    }
    for (const [k, v] of Object.entries(f.expressions ?? {})) {
      if (k in exprs) throw new Error(`expression kind ${k} lowered by two features`);
      exprs[k] = v;
    }
  }
  return { stmts: stmts as StmtTable, exprs: exprs as ExprTable };
}

const TABLES = buildTables();

export interface LoweredModule {
  header: TsStmt[];
  body: TsStmt[];
}

export function lowerModule(
  mod: Module,
  analysis: Analysis,
  source: SourceFile,
  options: ModuleOptions,
): TsStmt[] {
  const cx = new Context(analysis, source, options, TABLES.stmts, TABLES.exprs);
  cx.moduleDoc = mod.docstring;
  const hoisted = cx.hoistedDeclarations(analysis.module);
  const body = cx.block(mod.body);
  const temps = cx.tempDeclarations();
  const header: TsStmt[] = [
    line(`// Transpiled from ${source.path} by asyncio-ts. Edit the Python source, not this file.`),
  ];
  const asyncioImported = [...cx.imports.values()].some(
    (i) => i === 'import * as asyncio from "asyncio-ts";',
  );
  if (cx.usesAsyncio && !asyncioImported)
    header.push(line('import * as asyncio from "asyncio-ts";'));
  if (cx.usesAsyncioAlias) header.push(line('import * as $asyncio from "asyncio-ts";'));
  for (const imp of cx.imports.values())
    if (imp.startsWith("import * as asyncio ")) header.push(line(imp));
  header.push(line('import * as $py from "asyncio-ts/python";'));
  if (cx.namedImports.size > 0) {
    header.push(
      line(`import { ${[...cx.namedImports].sort().join(", ")} } from "asyncio-ts/python";`),
    );
  }
  for (const imp of cx.imports.values())
    if (!imp.startsWith("import * as asyncio ")) header.push(line(imp));
  const base = source.path.split(/[\\/]/).pop()!;
  if (options.exportAll) {
    // A module imported by a sibling: `helpers.__name__` and `helpers.__file__` are attributes.
    header.push(
      line(`import * as $module from "./${options.moduleName}.js";`),
      line(`export const __name__: string = ${JSON.stringify(options.moduleName)};`),
      line(`export const __file__: string = $py.moduleFile(${JSON.stringify(base)});`),
      line(`export const __doc__: string | null = ${JSON.stringify(mod.docstring)};`),
      ...moduleObject(mod, options.moduleName),
    );
  } else {
    if (cx.usesModuleName)
      header.push(line(`const __name__: string = ${JSON.stringify(options.moduleName)};`));
    if (cx.usesGlobals || MAIN_NAMESPACE.test(source.text))
      header.push(mainNamespace(cx, analysis.module, mod.docstring));
  }
  if (cx.usesGlobals) {
    const name = JSON.stringify(options.moduleName);
    header.push(line(`const $globals = (): any => $py.moduleGlobals(${name}, $module);`));
  }
  // CPython's SyntaxWarnings print before the module runs, naming the file as its `__file__`
  // (absolute): the tokenizer's (invalid escapes), then the compiler's.
  for (const w of [...mod.warnings, ...cx.syntaxWarnings]) {
    const args = [
      JSON.stringify(w.message),
      "$py.SyntaxWarning",
      `$py.moduleFile(${JSON.stringify(base)}${options.exportAll ? "" : ", true"})`,
      `${w.line}n`,
      "null",
      JSON.stringify(source.line(w.line)),
    ];
    header.push(line(`$py.warnings.showwarning(${args.join(", ")});`));
  }
  const doc: TsStmt[] =
    mod.docstring === null ? [] : [{ t: "comment", text: mod.docstring.trim() }];
  const end = options.exportAll ? moduleEnd(mod, options.moduleName) : [];
  return [...header, { t: "blank" }, ...doc, ...hoisted, ...temps, ...body, ...end];
}

/**
 * A main script that may read its globals dynamically (it calls `globals()`, or names `modules`,
 * as in `sys.modules[__name__]`) gets `$module`: `sys.modules["__main__"]`, given a getter for
 * each global the generated code declares (runtime/module.ts mainNamespace). Others are spared it.
 */
const MAIN_NAMESPACE = /\bmodules\b/;

function mainNamespace(cx: Context, scope: Scope, doc: string | null): TsStmt {
  const getters = cx.declaredGlobals(scope).map((name) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    return `  get ${key}() { return ${mangle(name)}; },\n`;
  });
  const docArg = doc === null ? "" : `, ${JSON.stringify(doc)}`;
  return line(`const $module = $py.mainNamespace({\n${getters.join("")}}${docArg});`);
}

/**
 * An imported module's own module object (src/python/module.ts), made as its body starts:
 * registered in `sys.modules`, its attributes read through its own ES namespace. Its plain
 * `def`s, bound before any statement runs, say the module they belong to (`__module__`).
 */
function moduleObject(mod: Module, name: string): TsStmt[] {
  const defs = mod.body.flatMap((s) =>
    s.k === "FunctionDef" && s.fn.decorators.length === 0 && !s.fn.name.startsWith("__asyncio_ts_")
      ? [JSON.stringify(mangle(s.fn.name))]
      : [],
  );
  const args = [
    JSON.stringify(name),
    "$module",
    ...(defs.length > 0 ? [`[${defs.join(", ")}]`] : []),
  ];
  return [line(`$py.startModule(${args.join(", ")});`)];
}

/**
 * The end of an imported module's body: the functions its module-level statements made that
 * were not bound at the start (decorated `def`s, lambdas) and its classes (their methods,
 * including those a decorator added) say the module they belong to (`__module__`).
 */
function moduleEnd(mod: Module, name: string): TsStmt[] {
  const made = mod.body.flatMap((s) => {
    if (s.k === "FunctionDef") return s.fn.decorators.length > 0 ? [s.fn.name] : [];
    if (s.k === "ClassDef") return [s.name];
    if (s.k === "Assign" && s.value.k === "Lambda")
      return s.targets.flatMap((t) => (t.k === "Name" ? [t.id] : []));
    return [];
  });
  if (made.length === 0) return [];
  const names = made.map((n) => JSON.stringify(mangle(n))).join(", ");
  return [line(`$py.endModule(${JSON.stringify(name)}, $module, [${names}]);`)];
}
