/**
 * `import m`, `import m as n`, `from m import a, b as c`.
 *
 * - `asyncio` is "asyncio-ts" and `contextvars` is "asyncio-ts/contextvars": ES imports.
 * - Other supported stdlib modules are namespaces of the Python runtime: `import time` ->
 *   `const time = $py.time;`, `from time import monotonic` -> `const { monotonic } = $py.time;`.
 * - `typing`, `typing_extensions`, `collections.abc` and `__future__` only matter to type checkers:
 *   nothing is emitted (their names may only be used in annotations).
 * - A sibling module `helpers.py` is the ES module "./helpers.js" (transpiled next to this one).
 * - Anything else is refused at transpile time, naming the module.
 */

import type { Alias, Pos, Stmt } from "../ir";
import { type Context, type Feature, mangle } from "./context";
import { line, type TsStmt } from "./output";

/**
 * Modules provided by "asyncio-ts/python" as namespaces (`$py.time`); test/codegen checks that the
 * runtime exports each of them.
 */
export const RUNTIME_MODULES = new Set([
  "time",
  "random",
  "sys",
  "functools",
  "contextlib",
  "dataclasses",
  "collections",
  "itertools",
  "math",
  "logging",
  "enum",
  "json",
  "heapq",
  "operator",
  "string",
  "os",
  "signal",
  "textwrap",
  "copy",
  "bisect",
  "types",
  "abc",
  "warnings",
]);

export const TYPING_MODULES = new Set([
  "typing",
  "typing_extensions",
  "collections.abc",
  "__future__",
]);

export const ES_MODULES: Record<string, string> = {
  asyncio: "asyncio-ts",
  contextvars: "asyncio-ts/contextvars",
};

type Source =
  | { kind: "es"; specifier: string }
  | { kind: "runtime"; path: string }
  | { kind: "typing" };

function resolveModule(cx: Context, module: string, level: number, pos: Pos): Source {
  if (level > 0 || cx.options.siblings.has(module)) {
    if (level > 1) throw cx.unsupported(pos, "relative imports beyond the current package");
    if (module === "") throw cx.unsupported(pos, "'from . import ...'");
    if (!cx.options.siblings.has(module)) {
      throw cx.source.error(
        "Unsupported",
        `module '${module}' was not found next to ${cx.source.path}`,
        pos.line,
        pos.col,
      );
    }
    return { kind: "es", specifier: `./${module}.js` };
  }
  if (TYPING_MODULES.has(module)) return { kind: "typing" };
  const es = ES_MODULES[module];
  if (es !== undefined) return { kind: "es", specifier: es };
  if (RUNTIME_MODULES.has(module)) return { kind: "runtime", path: `$py.${module}` };
  throw cx.source.error(
    "Unsupported",
    `module '${module}' is not supported by asyncio-ts`,
    pos.line,
    pos.col,
  );
}

/** Add an ES import to the module header and return the local name it binds. */
function esImport(
  cx: Context,
  specifier: string,
  what: string,
  local: string,
  atTop: boolean,
): string {
  const name = atTop ? local : `$mod_${local}`;
  cx.imports.set(
    `${specifier}|${what}|${name}`,
    what === "*"
      ? `import * as ${name} from "${specifier}";`
      : `import { ${what === name ? what : `${what} as ${name}`} } from "${specifier}";`,
  );
  return name;
}

function importStatement(s: Extract<Stmt, { k: "Import" }>, cx: Context): TsStmt[] {
  const out: TsStmt[] = [];
  const atTop = cx.scope.kind === "module";
  for (const al of s.names) {
    if (al.name.includes(".") && al.asname === null && !TYPING_MODULES.has(al.name)) {
      throw cx.unsupported(
        al.pos,
        `'import ${al.name}' (import the submodule with 'from ... import' or 'as')`,
      );
    }
    const src = resolveModule(cx, al.name, 0, al.pos);
    const local = mangle(al.asname ?? al.name.split(".")[0]!);
    if (src.kind === "typing") continue;
    if (src.kind === "es") {
      const name = esImport(cx, src.specifier, "*", local, atTop && !cx.options.exportAll);
      if (name !== local || cx.options.exportAll) out.push(bindLocal(cx, al, name));
      else {
        const sym = cx.lookup(al.asname ?? al.name);
        if (sym) cx.markDeclared(sym);
      }
    } else out.push(bindLocal(cx, al, src.path));
  }
  return out;
}

function bindLocal(cx: Context, al: Alias, value: string): TsStmt {
  const b = cx.bindingPrefix(al.asname ?? al.name.split(".")[0]!);
  return line(
    `${b.keyword ? `${cx.exportPrefix()}${b.keyword} ` : ""}${b.name} = ${value};`,
    al.pos.line,
  );
}

function importFrom(s: Extract<Stmt, { k: "ImportFrom" }>, cx: Context): TsStmt[] {
  const src = resolveModule(cx, s.module, s.level, s.pos);
  if (src.kind === "typing") return [];
  const atTop = cx.scope.kind === "module" && !cx.options.exportAll;
  const out: TsStmt[] = [];
  for (const al of s.names) {
    const local = mangle(al.asname ?? al.name);
    if (src.kind === "es") {
      const name = esImport(cx, src.specifier, al.name, atTop ? local : `${local}`, atTop);
      if (!atTop) out.push(bindLocal(cx, al, name));
      else {
        const sym = cx.lookup(al.asname ?? al.name);
        if (sym) cx.markDeclared(sym);
      }
    } else {
      out.push(bindLocal(cx, al, `${src.path}.${al.name}`));
    }
  }
  return out;
}

export const imports: Feature = {
  name: "imports",
  statements: {
    Import: importStatement,
    ImportFrom: importFrom,
  },
};
