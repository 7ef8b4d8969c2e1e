/**
 * Python's lookup of a name read in a class body (`LOAD_NAME`): the class namespace if the body
 * has bound the name by then, else the globals and the builtins (never an enclosing function's
 * variable of that name: the class body binds it, so it is not a free name there). A class attribute is a static property of the JS class, made in member order
 * (lower/classes.ts), so whether the name is bound at a read is decided here from the body's text:
 *
 * ```python
 * x = 1
 * class A:
 *     y = x      # "no": the global x
 *     x = x + 1  # "no" on the right: A.x = 2
 *     z = x      # "yes": A.x
 *     if cond:
 *         w = 1
 *     v = w      # "maybe": A.w if the class has it by then, else the global w
 * ```
 *
 * "maybe" (a binding in a block, a `del` somewhere, a read inside a loop that binds the name) is
 * checked at run time: `Object.hasOwn(A, "w") ? A.w : <outer w>`.
 */

import { childBlocks, type Expr, type Pos, type Stmt } from "../ir";

export type ClassBodyBound = "yes" | "maybe" | "no";

/** Does `t` (an assignment target) bind the name `id`? */
function targetBinds(t: Expr, id: string): boolean {
  if (t.k === "Name") return t.id === id;
  if (t.k === "Tuple" || t.k === "List") return t.elts.some((e) => targetBinds(e, id));
  if (t.k === "Starred") return targetBinds(t.value, id);
  return false;
}

/** Does the statement itself (not its nested blocks) bind `id`? */
function bindsDirectly(s: Stmt, id: string): boolean {
  switch (s.k) {
    case "Assign":
      return s.targets.some((t) => targetBinds(t, id));
    case "AnnAssign":
      return s.value !== null && targetBinds(s.target, id);
    case "AugAssign":
      return targetBinds(s.target, id);
    case "FunctionDef":
      return s.fn.name === id;
    case "ClassDef":
      return s.name === id;
    case "For":
      return targetBinds(s.target, id);
    case "Import":
    case "ImportFrom":
      return s.names.some(
        (a) => (a.asname ?? (s.k === "Import" ? a.name.split(".")[0] : a.name)) === id,
      );
    default:
      return false;
  }
}

/** Does `s` or a statement nested in its blocks bind (or, with `del`, unbind) `id`? */
function touches(s: Stmt, id: string): boolean {
  if (bindsDirectly(s, id)) return true;
  if (s.k === "Delete" && s.targets.some((t) => t.k === "Name" && t.id === id)) return true;
  return childBlocks(s).some((b) => b.some((x) => touches(x, id)));
}

/** Does `s` or a statement nested in its blocks `del` the name `id`? */
function deletes(s: Stmt, id: string): boolean {
  if (s.k === "Delete" && s.targets.some((t) => t.k === "Name" && t.id === id)) return true;
  return childBlocks(s).some((b) => b.some((x) => deletes(x, id)));
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.col < b.col);
}

/** The state after `s` runs, from `state` before it. */
function after(s: Stmt, id: string, state: ClassBodyBound): ClassBodyBound {
  if (s.k === "Delete" && s.targets.some((t) => t.k === "Name" && t.id === id)) return "no";
  if (bindsDirectly(s, id) && s.k !== "For") return "yes";
  if (!touches(s, id)) return state;
  return state === "yes" && !deletes(s, id) ? "yes" : "maybe";
}

/** Does some statement of `b` start at or before `pos`? */
function reaches(b: Stmt[], pos: Pos): boolean {
  return b.length > 0 && !before(pos, b[0]!.pos);
}

/**
 * Is the class-body name `id` bound when the body reads it at `pos` (see the header)? `body` is
 * the class body whose namespace holds `id` (or a block of it, entered in `state`). The walk
 * follows the statements before the read, and into the block holding it.
 */
export function classBodyBound(
  body: Stmt[],
  id: string,
  pos: Pos,
  state: ClassBodyBound = "no",
): ClassBodyBound {
  // The statement holding the read: the last one starting before it.
  let current = -1;
  for (let i = 0; i < body.length; i++) if (!before(pos, body[i]!.pos)) current = i;
  for (let i = 0; i < current; i++) state = after(body[i]!, id, state);
  const cur = body[current];
  if (cur === undefined || childBlocks(cur).length === 0) return state;
  // A loop that binds or deletes the name may have run before the read.
  const loop = cur.k === "For" || cur.k === "While";
  const looped: ClassBodyBound =
    loop && touches(cur, id) && (state !== "yes" || deletes(cur, id)) ? "maybe" : state;
  switch (cur.k) {
    case "If":
      if (reaches(cur.orelse, pos)) return classBodyBound(cur.orelse, id, pos, state);
      if (reaches(cur.body, pos)) return classBodyBound(cur.body, id, pos, state);
      return state;
    case "For":
    case "While":
      if (reaches(cur.orelse, pos))
        return classBodyBound(cur.orelse, id, pos, after(cur, id, state));
      if (reaches(cur.body, pos)) {
        const entry = cur.k === "For" && targetBinds(cur.target, id) ? "yes" : looped;
        return classBodyBound(cur.body, id, pos, entry);
      }
      return looped;
    case "Try": {
      if (reaches(cur.finalbody, pos))
        return classBodyBound(cur.finalbody, id, pos, after(cur, id, state));
      if (reaches(cur.orelse, pos)) {
        let s2 = state;
        for (const x of cur.body) s2 = after(x, id, s2);
        return classBodyBound(cur.orelse, id, pos, s2);
      }
      for (let h = cur.handlers.length - 1; h >= 0; h--)
        if (reaches(cur.handlers[h]!.body, pos)) {
          const entry = cur.body.some((x) => touches(x, id))
            ? state === "yes" && !cur.body.some((x) => deletes(x, id))
              ? "yes"
              : "maybe"
            : state;
          return classBodyBound(cur.handlers[h]!.body, id, pos, entry);
        }
      if (reaches(cur.body, pos)) return classBodyBound(cur.body, id, pos, state);
      return state;
    }
    default:
      // `with`, `match`: refused in class bodies; answer safely.
      return touches(cur, id) ? "maybe" : state;
  }
}
