/**
 * Stage 5: print the lowered statement tree as formatted TypeScript text (2-space indentation,
 * biome's brace style) and record, for every generated line, the Python line it came from.
 */

import type { TsStmt } from "./lower/output";

export interface Emitted {
  code: string;
  /** `lineMap[i]` is the Python line for generated line `i + 1` (0 when none). */
  lineMap: number[];
}

const JOINS = /^(else|catch|finally)\b/;

export function emit(stmts: TsStmt[]): Emitted {
  const out: string[] = [];
  const map: number[] = [];
  let current = 0;
  const push = (text: string, pyLine: number | undefined) => {
    if (pyLine !== undefined && pyLine > 0) current = pyLine;
    out.push(text);
    map.push(text === "" ? 0 : current);
  };
  const walk = (list: TsStmt[], depth: number) => {
    const pad = "  ".repeat(depth);
    for (const s of list) {
      switch (s.t) {
        case "blank":
          if (out.length > 0 && out[out.length - 1] !== "") push("", undefined);
          break;
        case "comment": {
          // A comment at the end of a Python line stays at the end of that line's code.
          const last = out.length - 1;
          if (
            s.line !== undefined &&
            !s.text.includes("\n") &&
            last >= 0 &&
            map[last] === s.line &&
            out[last] !== "" &&
            !out[last].trimStart().startsWith("//")
          ) {
            out[last] += trailing(s.text);
            break;
          }
          for (const l of s.text.split("\n")) push(l === "" ? `${pad}//` : `${pad}// ${l}`, s.line);
          break;
        }
        case "line":
          for (const l of s.code.split("\n")) push(`${pad}${l}`, s.line);
          break;
        case "block": {
          const last = out.length - 1;
          if (JOINS.test(s.head) && last >= 0 && out[last] === `${pad}}`) {
            out[last] = `${pad}} ${s.head} {`;
            if (s.line !== undefined) map[last] = s.line;
          } else push(`${pad}${s.head} {`, s.line);
          walk(withHeadComments(s.body, s.line, out), depth + 1);
          push(`${pad}}${s.tail ?? ""}`, undefined);
          break;
        }
      }
    }
  };
  walk(stmts, 0);
  while (out.length > 0 && out[out.length - 1] === "") {
    out.pop();
    map.pop();
  }
  return { code: `${out.join("\n")}\n`, lineMap: map };
}

/**
 * A comment at the end of a block's header line (`def f():  # why`) goes at the end of the
 * block's head, before the code the lowering puts first in the block for that same line
 * (`const self = this;`): the body without those comments.
 */
function withHeadComments(body: TsStmt[], line: number | undefined, out: string[]): TsStmt[] {
  if (line === undefined) return body;
  let i = 0;
  for (; i < body.length && body[i]!.t === "line"; i++) {
    const at = (body[i] as { line?: number }).line;
    if (at !== undefined && at !== line) break;
  }
  const c = body[i];
  if (i === 0 || c === undefined || c.t !== "comment" || c.line !== line || c.text.includes("\n"))
    return body;
  out[out.length - 1] += trailing(c.text);
  return [...body.slice(0, i), ...body.slice(i + 1)];
}

function trailing(text: string): string {
  return text === "" ? " //" : ` // ${text}`;
}
