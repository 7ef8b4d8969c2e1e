/**
 * Cycles of imports among the program's modules, as CPython runs them.
 *
 * CPython runs a module when its first `import` runs: while `a` runs `import b`, and `b` runs
 * `import a` (or `from a import x`), `b` gets the *partially initialised* `a`, which has only the
 * names `a` bound above its `import b`. Reading another (`a.y` at `b`'s top level) raises
 * AttributeError; `from a import y` raises ImportError "cannot import name 'y' from partially
 * initialized module 'a'". A cycle where the names are read only later, inside functions, works.
 *
 * The generated modules are ES modules, which run in the same order (ES evaluates `b` before
 * `a`, whose import led to it), except that none of `a`'s statements has run when `b` runs: `a`'s
 * plain `def`s are bound (JS hoists them), nothing else. This pass replays CPython's order over
 * the modules' top-level statements, from the main script, and finds each *partial import*: an
 * import statement of a module that is running at that point, with the names that module has
 * bound by then. lower/imports.ts then raises CPython's ImportError where the name is not bound
 * yet and keeps the ES import of a hoisted `def`; the module object (src/python/module.ts)
 * raises the AttributeError for `a.y`. Where `b` reads a value `a` bound above its `import b`,
 * the main script imports `b` first, so that ES runs all of `a` before `b` (`importedFirst`).
 *
 * Imports inside functions run when called, in CPython (not replayed here); statements in the
 * bodies of `if`, `try`, `for`, `while`, `with` and `match` at top level are replayed in order, as
 * if each ran (but not `if TYPE_CHECKING:`).
 */

import { childBlocks, type Expr, type Module, type Stmt } from "./ir";

/** An import of a module that is partially initialised when the import runs. */
export interface PartialImport {
  /** The module imported. */
  module: string;
  /** The names it has bound when the import runs. */
  bound: ReadonlySet<string>;
  /** Its module-level plain `def`s (bound from the start in JS). */
  hoisted: ReadonlySet<string>;
  /** The import is in the body of an `if`, `try`, loop, ... (it may not run). */
  conditional: boolean;
  /**
   * ES runs the module imported before its importer (`aFirst`): the importer's `from a import
   * x` reads a value `a` binds above its `import` (see `importedFirst`).
   */
  aFirst: boolean;
}

/** The key of the import of `module` by the statement at `pos`. */
export function importKey(pos: { line: number; col: number }, module: string): string {
  return `${pos.line}:${pos.col}:${module}`;
}

/** The modules that import each other (directly or not): null when there is no cycle. */
export function cyclicModules(imports: ReadonlyMap<string, readonly string[]>): Set<string> | null {
  const cyclic = new Set<string>();
  for (const start of imports.keys()) {
    // Can `start` reach itself?
    const seen = new Set<string>();
    const stack = [...(imports.get(start) ?? [])];
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (m === start) {
        cyclic.add(start);
        break;
      }
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(...(imports.get(m) ?? []));
    }
  }
  return cyclic.size === 0 ? null : cyclic;
}

/**
 * Replay CPython's imports from the main script: the partial imports of each module, by
 * `importKey` of the import statement, and the modules the replay ran (those imported at top
 * level). `modules` gives a module's IR (`__main__` the entry's); `siblings` are the program's
 * modules.
 */
export function partialImports(
  modules: (name: string) => Module,
  siblings: ReadonlySet<string>,
): { partial: Map<string, Map<string, PartialImport>>; ran: ReadonlySet<string> } {
  const out = new Map<string, Map<string, PartialImport>>();
  const state = new Map<string, "running" | "done">();
  const bound = new Map<string, Set<string>>();
  const hoisted = new Map<string, Set<string>>();
  const imported = (s: Stmt): string[] => {
    if (s.k === "Import") return s.names.map((a) => a.name).filter((m) => siblings.has(m));
    if (s.k === "ImportFrom" && s.level === 0 && siblings.has(s.module)) return [s.module];
    return [];
  };
  const run = (name: string): void => {
    state.set(name, "running");
    const ir = modules(name);
    const names = new Set<string>();
    bound.set(name, names);
    hoisted.set(name, plainDefs(ir));
    const visit = (body: readonly Stmt[], conditional: boolean): void => {
      for (const s of body) {
        for (const m of imported(s)) {
          if (!state.has(m)) run(m);
          else if (state.get(m) === "running") {
            let mine = out.get(name);
            if (mine === undefined) out.set(name, (mine = new Map()));
            const early = new Set(bound.get(m));
            const plain = hoisted.get(m)!;
            mine.set(importKey(s.pos, m), {
              module: m,
              bound: early,
              hoisted: plain,
              conditional,
              aFirst:
                !conditional &&
                s.k === "ImportFrom" &&
                s.names.some((a) => early.has(a.name) && !plain.has(a.name)),
            });
          }
        }
        for (const n of boundBy(s)) names.add(n);
        for (const inner of nestedBodies(s)) visit(inner, true);
      }
    };
    visit(ir.body, false);
    state.set(name, "done");
  };
  run("__main__");
  return { partial: out, ran: new Set(state.keys()) };
}

/**
 * The modules the main script must import first, so that ES runs them *after* the modules of
 * the cycle they close (ES evaluates `a` before `b` when `b` is in progress as `a` is reached):
 * - a module imported only inside a function (`def f(): import b`, the usual way to break a
 *   cycle) runs later in CPython, once its importer has run; but ES imports are static, and
 *   would evaluate `b` before its importer `a` (`b`'s `import a` finds `a` in progress);
 * - a module whose `from a import x` reads a value the partially initialised `a` bound above its
 *   `import b` (`import b` at the bottom of `a`, the other usual way): ES runs all of `a` first,
 *   which is CPython's order unless `a`'s statements after `import b` read `b` (then the module
 *   object says it has not run: NotImplementedError).
 * `cyclic` are the modules in cycles, `ran` those the replay ran, `partial` its partial imports.
 */
export function importedFirst(
  graph: ReadonlyMap<string, readonly string[]>,
  cyclic: ReadonlySet<string>,
  ran: ReadonlySet<string>,
  partial: ReadonlyMap<string, ReadonlyMap<string, PartialImport>>,
): string[] {
  const bottom = [...partial]
    .filter(([, imports]) => [...imports.values()].some((p) => p.aFirst))
    .map(([m]) => m);
  const lazy = [...graph.keys()].filter((m) => cyclic.has(m) && !ran.has(m)).sort();
  return [...bottom, ...lazy];
}

/** A module's top-level `def`s without decorators, each bound by nothing else. */
function plainDefs(ir: Module): Set<string> {
  const count = new Map<string, number>();
  const note = (body: readonly Stmt[]): void => {
    for (const s of body) {
      for (const n of boundBy(s)) count.set(n, (count.get(n) ?? 0) + 1);
      for (const inner of nestedBodies(s)) note(inner);
    }
  };
  note(ir.body);
  const out = new Set<string>();
  for (const s of ir.body)
    if (s.k === "FunctionDef" && s.fn.decorators.length === 0 && count.get(s.fn.name) === 1)
      out.add(s.fn.name);
  return out;
}

/** The statement lists a compound statement runs at the same level (top level stays top level). */
function nestedBodies(s: Stmt): Stmt[][] {
  // `if TYPE_CHECKING:` never runs (imports for annotations, often of a cycle).
  if (s.k === "If" && isTypeChecking(s.test)) return [s.orelse];
  return childBlocks(s);
}

/** The names a statement binds itself (not those of its nested bodies). */
function boundBy(s: Stmt): string[] {
  switch (s.k) {
    case "Assign":
      return s.targets.flatMap(targetNames);
    case "AnnAssign":
      return s.value === null ? [] : targetNames(s.target);
    case "AugAssign":
    case "For":
      return targetNames(s.target);
    case "With":
      return s.items.flatMap((i) => (i.vars === null ? [] : targetNames(i.vars)));
    case "FunctionDef":
      return [s.fn.name];
    case "ClassDef":
      return [s.name];
    case "Import":
      return s.names.map((a) => a.asname ?? a.name.split(".")[0]!);
    case "ImportFrom":
      return s.names.map((a) => a.asname ?? a.name);
    case "Try":
      return s.handlers.flatMap((h) => (h.name === null ? [] : [h.name]));
    default:
      return [];
  }
}

function targetNames(e: Expr): string[] {
  if (e.k === "Name") return [e.id];
  if (e.k === "Tuple" || e.k === "List") return e.elts.flatMap(targetNames);
  if (e.k === "Starred") return targetNames(e.value);
  return [];
}

function isTypeChecking(e: Expr): boolean {
  return (
    (e.k === "Name" && e.id === "TYPE_CHECKING") ||
    (e.k === "Attribute" && e.attr === "TYPE_CHECKING" && e.value.k === "Name")
  );
}
