/**
 * Stores into a module of the program from outside it: `helpers.counter = 5` (or `+=`) where
 * `helpers` is bound by `import helpers`.
 *
 * In CPython that rebinds the module's global, which its functions then read. A module of the
 * program is an ES module, whose bindings only its own code can assign; so the module is given,
 * for the names other modules store into, a function that does it (appended to its source as
 * Python, `SETGLOBAL`): it rebinds each name through `global`, which also makes the transpiler
 * type those names as any value, as they may be. The module object's setter calls it
 * (src/python/module.ts); lower/assign.ts lowers the store as a plain attribute store.
 */

import type { Expr, Module, Stmt } from "./ir";

/** The name of the function a module gets (src/python/module.ts looks it up by this name). */
export const SETGLOBAL = "__asyncio_ts_setglobal__";

/**
 * For each module of the program, the attribute names other modules store into (by the modules'
 * IR; `siblings` are the program's modules). Deliberately generous: any name bound by
 * `import helpers as h` anywhere in a module counts as the module in every scope.
 */
export function externalStores(
  modules: ReadonlyMap<string, Module>,
  siblings: ReadonlySet<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [self, ir] of modules) {
    const aliases = new Map<string, string>();
    walk(ir.body, (s) => {
      if (s.k === "Import")
        for (const a of s.names)
          if (siblings.has(a.name) && a.name !== self) aliases.set(a.asname ?? a.name, a.name);
    });
    if (aliases.size === 0) continue;
    const target = (e: Expr): void => {
      if (e.k === "Tuple" || e.k === "List") for (const x of e.elts) target(x);
      else if (e.k === "Starred") target(e.value);
      else if (
        e.k === "Attribute" &&
        e.value.k === "Name" &&
        aliases.has(e.value.id) &&
        !/^__\w*__$/.test(e.attr)
      ) {
        const m = aliases.get(e.value.id)!;
        let names = out.get(m);
        if (names === undefined) out.set(m, (names = new Set()));
        names.add(e.attr);
      }
    };
    walk(ir.body, (s) => {
      if (s.k === "Assign") s.targets.forEach(target);
      else if (s.k === "AugAssign" || s.k === "AnnAssign" || s.k === "For") target(s.target);
      else if (s.k === "With") for (const i of s.items) if (i.vars !== null) target(i.vars);
    });
  }
  return out;
}

/** The Python source appended to a module whose globals `names` other modules store into. */
export function setglobalSource(names: ReadonlySet<string>): string {
  const sorted = [...names].sort();
  const lines = [`def ${SETGLOBAL}(name, value):`, `    global ${sorted.join(", ")}`];
  sorted.forEach((n, i) => {
    lines.push(
      `    ${i === 0 ? "if" : "elif"} name == ${JSON.stringify(n)}:`,
      `        ${n} = value`,
    );
  });
  lines.push("    else:", "        return False", "    return True");
  return `\n${lines.join("\n")}\n`;
}

/** Every statement of a body, nested ones (functions, classes, blocks) included. */
function walk(body: readonly Stmt[], visit: (s: Stmt) => void): void {
  for (const s of body) {
    visit(s);
    switch (s.k) {
      case "FunctionDef":
        walk(s.fn.body, visit);
        break;
      case "ClassDef":
      case "With":
        walk(s.body, visit);
        break;
      case "If":
      case "While":
      case "For":
        walk(s.body, visit);
        walk(s.orelse, visit);
        break;
      case "Try":
        walk(s.body, visit);
        for (const h of s.handlers) walk(h.body, visit);
        walk(s.orelse, visit);
        walk(s.finalbody, visit);
        break;
      case "Match":
        for (const c of s.cases) walk(c.body, visit);
        break;
    }
  }
}
