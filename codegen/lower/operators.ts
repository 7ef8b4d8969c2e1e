/**
 * Operators with Python semantics.
 *
 * Where analysis proves both operands' types, the JS operator is exact and is used directly:
 * `int + int` is bigint `+`, `float * float` is number `*`, `str + str` is string `+`,
 * comparisons of two ints, two floats or two strs are JS comparisons. Everything else calls the
 * runtime's operator functions, named as in Python's `operator` module (`$py.add`, `$py.floordiv`,
 * `$py.lt`, `$py.contains`), which implement the numeric tower and the dunder protocol.
 * `/`, `//`, `%` and `**` always go through the runtime (ZeroDivisionError, flooring, int ** -n).
 *
 * `and`/`or` return an operand, as in Python: in a condition they are `&&`/`||` over truth
 * values; as values they keep the left operand in a temporary.
 */

import type { Ty } from "../analyze";
import type { BinOpName, CmpOp, Expr } from "../ir";
import type { Context, Feature } from "./context";
import { floatLiteral } from "./literals";
import { ex, P, par, type TsExpr } from "./output";

export const OPERATOR_FUNCTIONS: Record<BinOpName, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "truediv",
  "//": "floordiv",
  "%": "mod",
  "**": "pow_op",
  "@": "matmul",
  "<<": "lshift",
  ">>": "rshift",
  "&": "and_",
  "|": "or_",
  "^": "xor",
};

const NATIVE_PREC: Partial<Record<BinOpName, number>> = {
  "+": P.additive,
  "-": P.additive,
  "*": P.multiplicative,
  "<<": P.shift,
  ">>": P.shift,
  "&": P.bitand,
  "|": P.bitor,
  "^": P.bitxor,
};

/** An operand lowered as a float when it is an int literal used with a float. */
function asFloatOperand(cx: Context, e: Expr): TsExpr {
  if (e.k === "Int" && e.value >= -(2n ** 53n) && e.value <= 2n ** 53n)
    return floatLiteral(Number(e.value));
  return cx.expr(e);
}

export function binop(cx: Context, op: BinOpName, left: Expr, right: Expr, lt: Ty, rt: Ty): TsExpr {
  const native = nativeBinop(cx, op, left, right, lt, rt);
  if (native !== null) return native;
  const call = `${cx.helper(OPERATOR_FUNCTIONS[op])}(${cx.expr(left).code}, ${cx.expr(right).code})`;
  // `i % 50` / `i // 50` for an int name and a positive literal: JS's operator where it agrees
  // with Python's flooring (i >= 0), which V8 compiles to machine arithmetic for small values.
  if (
    (op === "%" || op === "//") &&
    lt === "int" &&
    left.k === "Name" &&
    !cx.analysis.unbound.has(left) &&
    right.k === "Int" &&
    right.value > 0n
  ) {
    const x = cx.expr(left).code;
    const d = cx.expr(right).code;
    return ex(`${x} >= 0n ? ${x} ${op === "%" ? "%" : "/"} ${d} : ${castTo(call, "int")}`, P.cond);
  }
  return ex(castTo(call, binOpResult(op, lt, rt, right)), P.primary);
}

/**
 * The JS operator for `left op right` when the operand types make it exact, else null (and
 * nothing is lowered, so a caller may lower the operands its own way).
 */
export function nativeBinop(
  cx: Context,
  op: BinOpName,
  left: Expr,
  right: Expr,
  lt: Ty,
  rt: Ty,
): TsExpr | null {
  const prec = NATIVE_PREC[op];
  if (prec === undefined) return null;
  const native = (l: TsExpr, r: TsExpr) => ex(`${par(l, prec)} ${op} ${par(r, prec + 1)}`, prec);
  const shiftOk = (op !== "<<" && op !== ">>") || (right.k === "Int" && right.value < 64n);
  if (lt === "int" && rt === "int" && shiftOk) return native(cx.expr(left), cx.expr(right));
  if (op !== "+" && op !== "-" && op !== "*") return null;
  const intLit = (e: Expr) => e.k === "Int";
  if (lt === "float" && (rt === "float" || intLit(right)))
    return native(cx.expr(left), asFloatOperand(cx, right));
  if (rt === "float" && intLit(left)) return native(asFloatOperand(cx, left), cx.expr(right));
  if (op === "+" && lt === "str" && rt === "str") return native(cx.expr(left), cx.expr(right));
  return null;
}

/**
 * The runtime's operator functions return `unknown`; when analysis knows the result's type
 * (`int // int` is an int), say so, so that native operators can use the result.
 */
export function castTo(code: string, ty: Ty): string {
  switch (ty) {
    case "int":
      return `(${code} as bigint)`;
    case "float":
      return `(${code} as number)`;
    case "str":
      return `(${code} as string)`;
    default:
      return code;
  }
}

function binOpResult(op: BinOpName, lt: Ty, rt: Ty, right: Expr): Ty {
  if (lt === "int" && rt === "int") {
    if (op === "/") return "float";
    if (op === "**") return right.k === "Int" && right.value >= 0n ? "int" : "any";
    if (op === "@") return "any";
    return "int";
  }
  const num = (t: Ty) => t === "int" || t === "float";
  if (
    num(lt) &&
    num(rt) &&
    (op === "+" || op === "-" || op === "*" || op === "/" || op === "//" || op === "%")
  )
    return "float";
  return "any";
}

const CMP_FUNCTIONS: Record<string, string> = {
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
  "==": "eq",
  "!=": "ne",
};

/** One comparison `l op r` over already-lowered operands. */
function compareOne(cx: Context, op: CmpOp, l: TsExpr, r: TsExpr, lt: Ty, rt: Ty): TsExpr {
  switch (op) {
    case "is":
    case "is not": {
      // A list, dict or set display on either side (`[1] is [1]`, CPython's SyntaxWarning
      // case) is a fresh object: TypeScript refuses to compare one by reference unless both
      // operands are cast.
      const [a, b] =
        /^[[{]/.test(l.code) || /^[[{]/.test(r.code)
          ? [`(${l.code} as unknown)`, `(${r.code} as unknown)`]
          : [par(l, P.equality), par(r, P.equality + 1)];
      return ex(`${a} ${op === "is" ? "===" : "!=="} ${b}`, P.equality);
    }
    case "in":
      return ex(`${cx.helper("contains")}(${r.code}, ${l.code})`, P.call);
    case "not in":
      return ex(`!${cx.helper("contains")}(${r.code}, ${l.code})`, P.unary);
  }
  const sameKind =
    lt === rt &&
    (lt === "int" ||
      lt === "float" ||
      lt === "str" ||
      (lt === "bool" && (op === "==" || op === "!=")));
  const numeric = (t: Ty) => t === "int" || t === "float";
  if (sameKind || (numeric(lt) && numeric(rt) && op !== "==" && op !== "!=")) {
    const jsOp = op === "==" ? "===" : op === "!=" ? "!==" : op;
    const prec = op === "==" || op === "!=" ? P.equality : P.relational;
    return ex(`${par(l, prec)} ${jsOp} ${par(r, prec + 1)}`, prec);
  }
  return ex(`${cx.helper(CMP_FUNCTIONS[op]!)}(${l.code}, ${r.code})`, P.call);
}

/** The type name of a literal CPython's compiler folds to a constant (not None/True/False/...). */
function literalType(e: Expr): string | null {
  switch (e.k) {
    case "Int":
      return "int";
    case "Float":
      return "float";
    case "Str":
      return "str";
    case "Bytes":
      return "bytes";
    case "UnaryOp":
      return e.op !== "not" && (e.operand.k === "Int" || e.operand.k === "Float")
        ? literalType(e.operand)
        : null;
    case "Tuple":
      return e.elts.every((x) => x.k === "Const" || literalType(x) !== null) ? "tuple" : null;
    default:
      return null;
  }
}

/** CPython's `SyntaxWarning: "is" with 'int' literal. Did you mean "=="?`. */
function checkIsLiteral(cx: Context, e: Extract<Expr, { k: "Compare" }>): void {
  const operands = [e.left, ...e.comparators];
  for (let i = 0; i < e.ops.length; i++) {
    const op = e.ops[i]!;
    if (op !== "is" && op !== "is not") continue;
    const lit = literalType(operands[i]!) ?? literalType(operands[i + 1]!);
    if (lit === null) continue;
    const eq = op === "is" ? "==" : "!=";
    cx.syntaxWarnings.push({
      line: e.pos.line,
      message: `"${op}" with '${lit}' literal. Did you mean "${eq}"?`,
    });
    return; // one warning per comparison, as CPython's compiler
  }
}

function compare(cx: Context, e: Extract<Expr, { k: "Compare" }>): TsExpr {
  checkIsLiteral(cx, e);
  const operands = [e.left, ...e.comparators];
  const types = operands.map((o) => cx.typeOf(o));
  if (e.ops.length === 1) {
    return compareOne(
      cx,
      e.ops[0]!,
      cx.expr(e.left),
      cx.expr(e.comparators[0]!),
      types[0]!,
      types[1]!,
    );
  }
  // a < b < c: each middle operand is evaluated once (kept in a temporary), and the chain stops
  // at the first false comparison.
  const parts: string[] = [];
  let left = cx.expr(e.left);
  e.ops.forEach((op, i) => {
    const rExpr = e.comparators[i]!;
    let right = cx.expr(rExpr);
    let next = right;
    if (i < e.ops.length - 1 && !isSimple(rExpr)) {
      const t = cx.temp();
      right = ex(`(${t} = ${right.code})`);
      next = ex(t);
    }
    parts.push(par(compareOne(cx, op, left, right, types[i]!, types[i + 1]!), P.and + 1));
    left = next;
  });
  return ex(parts.join(" && "), P.and);
}

function isSimple(e: Expr): boolean {
  return e.k === "Name" || e.k === "Int" || e.k === "Float" || e.k === "Str" || e.k === "Const";
}

export const operators: Feature = {
  name: "operators",
  expressions: {
    BinOp: (e, cx) => binop(cx, e.op, e.left, e.right, cx.typeOf(e.left), cx.typeOf(e.right)),
    UnaryOp: (e, cx) => {
      if (e.op === "not") return ex(`!${par(cx.truthy(e.operand), P.unary)}`, P.unary);
      const ty = cx.typeOf(e.operand);
      if (e.op === "-" && (e.operand.k === "Int" || e.operand.k === "Float")) {
        return ex(`-${cx.expr(e.operand).code}`, P.unary);
      }
      if ((e.op === "-" && (ty === "int" || ty === "float")) || (e.op === "~" && ty === "int")) {
        const operand = cx.expr(e.operand);
        // `-(-x)`: never print `--x` (a decrement).
        const inner = operand.code.startsWith(e.op) ? `(${operand.code})` : par(operand, P.unary);
        return ex(`${e.op}${inner}`, P.unary);
      }
      if (e.op === "+" && (ty === "int" || ty === "float")) return cx.expr(e.operand);
      const fn = e.op === "-" ? "neg" : e.op === "+" ? "pos" : "invert";
      return ex(`${cx.helper(fn)}(${cx.expr(e.operand).code})`, P.call);
    },
    BoolOp: (e, cx) => {
      const lt = cx.typeOf(e.left);
      const rt = cx.typeOf(e.right);
      if (lt === "bool" && rt === "bool") {
        const prec = e.op === "and" ? P.and : P.or;
        return ex(
          `${par(cx.expr(e.left), prec)} ${e.op === "and" ? "&&" : "||"} ${par(cx.expr(e.right), prec + 1)}`,
          prec,
        );
      }
      // `a or b` -> `$py.truthy($t = a) ? $t : b`; `a and b` -> `$py.truthy($t = a) ? b : $t`.
      const t = cx.temp();
      const test = `${cx.helper("truthy")}(${t} = ${cx.expr(e.left).code})`;
      const right = par(cx.expr(e.right), P.cond);
      return ex(e.op === "or" ? `${test} ? ${t} : ${right}` : `${test} ? ${right} : ${t}`, P.cond);
    },
    Compare: (e, cx) => compare(cx, e),
    IfExp: (e, cx) =>
      ex(
        `${par(cx.truthy(e.test), P.or)} ? ${par(cx.expr(e.body), P.cond)} : ${par(cx.expr(e.orelse), P.cond)}`,
        P.cond,
      ),
    NamedExpr: (e, cx) =>
      ex(`(${cx.name(e.target, e.pos).code} = ${par(cx.expr(e.value), P.assign)})`),
  },
};
