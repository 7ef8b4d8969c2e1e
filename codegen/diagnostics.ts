/**
 * Errors the transpiler reports to its user.
 *
 * Every problem found in a Python program is a `CompileError` with the file, line and column it
 * concerns: a `SyntaxError` (the program is not valid Python: tree-sitter produced an ERROR or
 * MISSING node, or a check of CPython's found one tree-sitter lets through), its subclasses
 * `IndentationError` and `TabError` (indentation.ts), or an `Unsupported` (valid Python that the transpiler refuses rather than
 * mistranslate). Anything else thrown inside the transpiler is an internal error (a bug).
 */

/** A position in a Python source file. Lines are 1-based, columns 0-based (as CPython counts). */
export interface Location {
  file: string;
  line: number;
  col: number;
}

export type CompileErrorKind = "SyntaxError" | "IndentationError" | "TabError" | "Unsupported";

export class CompileError extends Error {
  constructor(
    readonly kind: CompileErrorKind,
    readonly detail: string,
    readonly loc: Location,
    /** The source line the error points into, for the caret display. */
    readonly sourceLine = "",
    /** Whether CPython shows a caret under the line ("unexpected indent" has none). */
    readonly caret = true,
  ) {
    super(`${loc.file}:${loc.line}:${loc.col + 1}: ${kind}: ${detail}`);
    this.name = "CompileError";
  }

  /**
   * The message in CPython's shape:
   *
   * ```
   *   File "x.py", line 3
   *     print(1 +)
   *              ^
   * SyntaxError: invalid syntax
   * ```
   */
  format(): string {
    const lines = [`  File "${this.loc.file}", line ${this.loc.line}, column ${this.loc.col + 1}`];
    if (this.sourceLine.trim() !== "") {
      const stripped = this.sourceLine.replace(/^\s+/, "");
      const indent = this.sourceLine.length - stripped.length;
      lines.push(`    ${stripped.replace(/\s+$/, "")}`);
      if (this.caret) lines.push(`    ${" ".repeat(Math.max(0, this.loc.col - indent))}^`);
    }
    const label = this.kind === "Unsupported" ? "asyncio-ts: unsupported" : this.kind;
    lines.push(`${label}: ${this.detail}`);
    return lines.join("\n");
  }
}

/** Source text plus its file name, shared by the stages that report errors. */
export class SourceFile {
  private readonly lines: string[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  line(n: number): string {
    return this.lines[n - 1] ?? "";
  }

  get lineCount(): number {
    return this.lines.length;
  }

  error(
    kind: CompileErrorKind,
    detail: string,
    line: number,
    col: number,
    caret = true,
  ): CompileError {
    return new CompileError(kind, detail, { file: this.path, line, col }, this.line(line), caret);
  }
}
