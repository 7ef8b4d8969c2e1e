/**
 * The lowering stages' output: a small tree of TypeScript statements whose expressions are already
 * text tagged with their precedence. Statements keep the Python line they came from, which the
 * emitter turns into the line map (generated TS line -> Python line) for tracebacks.
 */

/** An expression: its TS text and the precedence of its outermost operator (MDN's numbers). */
export interface TsExpr {
  code: string;
  prec: number;
}

export type TsStmt =
  /** One simple statement (the emitter adds nothing: `code` includes its `;`). */
  | { t: "line"; code: string; line?: number }
  /** `head {` body `}`; `else`/`catch`/`finally` heads join the previous block's closing brace. */
  | { t: "block"; head: string; body: TsStmt[]; line?: number; tail?: string }
  | { t: "comment"; text: string; line?: number }
  | { t: "blank" };

/** Precedences (higher binds tighter). */
export const P = {
  comma: 1,
  /** `yield`/`yield*`: parenthesized everywhere except as a statement or a right-hand side. */
  yield: 1.5,
  assign: 2,
  cond: 2,
  or: 3,
  and: 4,
  bitor: 5,
  bitxor: 6,
  bitand: 7,
  equality: 8,
  relational: 9,
  shift: 10,
  additive: 11,
  multiplicative: 12,
  exponent: 13,
  unary: 14,
  call: 17,
  primary: 20,
} as const;

export function ex(code: string, prec: number = P.primary): TsExpr {
  return { code, prec };
}

/** The expression's text, parenthesized if it binds looser than `min`. */
export function par(e: TsExpr, min: number): string {
  return e.prec < min ? `(${e.code})` : e.code;
}

export function line(code: string, pyLine?: number): TsStmt {
  return { t: "line", code, line: pyLine };
}

export function block(head: string, body: TsStmt[], pyLine?: number): TsStmt {
  return { t: "block", head, body, line: pyLine };
}

/** A JS string literal for `s` (double quotes, every non-printable escaped). */
export function jsString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else if (c >= 0xd800 && c <= 0xdfff) out += `\\u${c.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}
