/**
 * The errors of CPython's tokenizer, which tree-sitter-python does not make: a scan of the whole
 * source as CPython's `Parser/lexer/lexer.c` reads it, for parse.ts.
 *
 * CPython tokenizes lazily, but when parsing fails it tokenizes the rest of the file and reports
 * a tokenizer error found there instead of its own (tree-sitter cannot tell us which it would
 * have reached first anyway). So the first tokenizer error of the file is CPython's error, even
 * where tree-sitter parses the file without complaint (`0b12`, `1abc`, `x = €`).
 *
 * What is read, and the errors, in CPython's words and at its positions:
 *   - number literals, digit by digit as `tok_get` does: "invalid digit '2' in binary literal",
 *     "invalid hexadecimal literal", "invalid decimal literal" (a letter right after a number:
 *     `1abc`; but not the keywords CPython only warns about, `1if x else y`), "leading zeros in
 *     decimal integer literals are not permitted; ...";
 *   - identifiers: a character no identifier may hold ("invalid character '€' (U+20AC)", or
 *     "invalid non-printable character U+00A0");
 *   - a backslash not at the end of its line, or at the end of the file;
 *   - strings, f-strings with their replacement fields (nested strings and brackets, conversion,
 *     format spec): unterminated strings, "f-string: single '}' is not allowed", "f-string:
 *     expecting '}'", "f-string: valid expression required before '}'", an unparenthesized
 *     lambda;
 *   - brackets: a closing one with no opening one, or another one.
 *
 * Also reported: the innermost bracket left open at the end (parse.ts names it when parsing
 * failed), the first character that is no token at all (`$`, `?`, a backquote: CPython's
 * "invalid syntax" points there), the one-quote f-strings whose replacement fields span lines
 * (for indentation.ts) and the first line break in such an f-string's format spec (CPython ends
 * the spec there; parse.ts refuses it).
 *
 * Columns are counted in code points, as CPython counts them.
 */

export interface Place {
  line: number;
  col: number;
}

export interface Bracket extends Place {
  char: string;
}

export interface TokenScan {
  /** The first tokenizer error. */
  error: ({ detail: string } & Place) | null;
  /** The innermost bracket still open at the end of the file. */
  open: Bracket | null;
  /** The first character that starts no token (before `error`, if any). */
  stray: Place | null;
  /**
   * Ends of logical lines whose last token is an operator or a keyword (`x = a +`): `newline` is
   * the index of the line break, `at` where CPython's NEWLINE token starts (after the token and
   * any spaces).
   */
  lineEnds: { newline: number; at: number }[];
  /**
   * One-quote f-strings whose replacement fields span lines (`f"{a +` then `b}"`, valid since
   * Python 3.12): the index of the opening quote to the index after the closing one, for
   * indentation.ts, which would otherwise end the logical line at the line break.
   */
  fieldStrings: Map<number, number>;
  /**
   * The first line break ending the format spec of a one-quote f-string (`f"{a:x` then `}"`:
   * CPython's spec is `x`), which parse.ts refuses as unsupported (ir.ts would keep the break).
   */
  specBreak: Place | null;
}

/** Keywords after which tree-sitter-python reads on past the end of the line. */
const JOINING_KEYWORDS = new Set(
  "and or not in is if else lambda yield await return del assert raise from import as global nonlocal".split(
    " ",
  ),
);

const CLOSES: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const STRING_PREFIXES = new Set(["r", "u", "b", "br", "rb", "f", "fr", "rf"]);

class TokenizerError {
  constructor(
    readonly detail: string,
    readonly index: number,
  ) {}
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
// Character classes by code (regular expressions per character were a tenth of a transpile).
const isHex = (c: string | undefined) => {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  const lower = k | 0x20; // an ASCII letter in lower case
  return (k >= 0x30 && k <= 0x39) || (lower >= 0x61 && lower <= 0x66);
};
const isAsciiNameCode = (k: number) =>
  (k >= 0x61 && k <= 0x7a) || (k >= 0x41 && k <= 0x5a) || (k >= 0x30 && k <= 0x39) || k === 0x5f;
const isAsciiNameChar = (c: string | undefined) =>
  c !== undefined && isAsciiNameCode(c.charCodeAt(0));
const isNameChar = (c: string | undefined) => {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return k >= 128 || isAsciiNameCode(k);
};

/** Where a replacement field's expression stopped. */
type FieldEnd = "}" | ":" | "!" | "end";

class Scanner {
  private i = 0;
  private readonly stack: { char: string; index: number }[] = [];
  stray: number | null = null;
  /** Line ends after an operator or keyword (see {@link TokenScan.lineEnds}). */
  readonly lineEnds: { newline: number; at: number }[] = [];
  readonly fieldStrings = new Map<number, number>();
  specBreak: number | null = null;
  /** The last token outside replacement fields: where it starts and ends. */
  private lastStart = -1;
  private lastEnd = -1;

  constructor(private readonly text: string) {}

  private fail(detail: string, index: number): never {
    throw new TokenizerError(detail, index);
  }

  scan(): Bracket | null {
    if (this.text.startsWith("\ufeff")) this.i = 1;
    this.code(null);
    const top = this.stack[this.stack.length - 1];
    return top === undefined ? null : { char: top.char, ...this.place(top.index) };
  }

  place(index: number): Place {
    const lineStart = this.text.lastIndexOf("\n", index - 1) + 1;
    let line = 1;
    for (
      let k = this.text.indexOf("\n");
      k >= 0 && k < lineStart;
      k = this.text.indexOf("\n", k + 1)
    )
      line++;
    // Code points, not UTF-16 units.
    return { line, col: [...this.text.slice(lineStart, index)].length };
  }

  /**
   * Tokens up to the end (`field` null), or up to the end of a replacement field's expression:
   * a `}`, `:` or `!` outside its brackets.
   */
  private code(field: { quote: string; depth: number } | null): FieldEnd {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i]!;
      const depth = this.stack.length;
      if (field !== null && depth === field.depth) {
        if (c === "}" || c === ":") return c;
        if (c === "!" && t[this.i + 1] !== "=") return "!";
        if (c === ";" || c === "$" || c === "?" || c === "`")
          this.fail("f-string: expecting '=', or '!', or ':', or '}'", this.i);
      }
      if (c === "#") {
        while (this.i < t.length && t[this.i] !== "\n") this.i++;
      } else if (c === "\\") this.backslash();
      else if (c === "(" || c === "[" || c === "{") this.stack.push({ char: c, index: this.i++ });
      else if (c in CLOSES) {
        if (field !== null && depth === field.depth)
          this.fail(`f-string: unmatched '${c}'`, this.i);
        const top = this.stack.pop();
        if (top === undefined) this.fail(`unmatched '${c}'`, this.i);
        if (top.char !== CLOSES[c]) {
          const opened = this.place(top.index).line;
          const where = opened === this.place(this.i).line ? "" : ` on line ${opened}`;
          this.fail(
            `closing parenthesis '${c}' does not match opening parenthesis '${top.char}'${where}`,
            this.i,
          );
        }
        this.i++;
      } else if (c === '"' || c === "'") this.fieldString(field, "", this.i);
      else if (isDigit(c) || (c === "." && isDigit(t[this.i + 1]))) this.number();
      else if (isNameChar(c)) this.name(field);
      else if (c === "\n") {
        if (field === null && this.stack.length === 0) this.lineEnd();
        this.i++;
        continue;
      } else {
        if ((c === "$" || c === "?" || c === "`") && this.stray === null && field === null)
          this.stray = this.i;
        this.i++;
      }
      if (field === null && c !== "#" && c !== " " && c !== "\t" && c !== "\r" && c !== "\f") {
        this.lastStart = this.i - 1;
        this.lastEnd = this.i;
        if (isNameChar(c)) {
          // A name (or number, or string prefix) token: from its first character.
          let k = this.i;
          while (k > 0 && isNameChar(t[k - 1])) k--;
          this.lastStart = k;
        }
      }
    }
    return "end";
  }

  /**
   * A newline ending a logical line: remember it when the line's last token is an operator or a
   * keyword that wants more (tree-sitter-python continues such a line onto the next one).
   */
  private lineEnd(): void {
    const [start, end] = [this.lastStart, this.lastEnd];
    this.lastStart = this.lastEnd = -1;
    if (start < 0) return;
    const token = this.text.slice(start, end);
    if (!/^[-+*/%@&|^<>=!~.,:]+$/.test(token) && !JOINING_KEYWORDS.has(token)) return;
    let at = end;
    while (this.text[at] === " " || this.text[at] === "\t") at++;
    this.lineEnds.push({ newline: this.i, at });
  }

  private backslash(): void {
    const t = this.text;
    const next = t.startsWith("\r\n", this.i + 1) ? 2 : t[this.i + 1] === "\n" ? 1 : 0;
    if (next === 0) {
      if (this.i + 1 >= t.length) this.fail("unexpected EOF while parsing", this.i + 1);
      this.fail("unexpected character after line continuation character", this.i + 1);
    }
    if (this.i + 1 + next >= t.length) this.fail("unexpected EOF while parsing", this.i + 1);
    this.i += 1 + next;
  }

  /**
   * A string literal (its prefix, lower case, starts at `start`) in the code of `field`, or
   * outside f-strings (`field` null): left open by the f-string's own quote, CPython's error is
   * "f-string: expecting '}'".
   */
  private fieldString(field: { quote: string } | null, prefix: string, start: number): void {
    const c = this.text[this.i];
    try {
      this.string(prefix, start);
    } catch (e) {
      if (field !== null && e instanceof TokenizerError && e.detail.startsWith("unterminated"))
        this.fail(field.quote[0] === c ? "f-string: expecting '}'" : e.detail, start);
      throw e;
    }
  }

  /** An identifier (or a string's prefix), in the code of `field` or outside f-strings. */
  private name(field: { quote: string } | null): void {
    const t = this.text;
    const start = this.i;
    while (this.i < t.length && isNameChar(t[this.i])) this.i++;
    const word = t.slice(start, this.i);
    if ((t[this.i] === '"' || t[this.i] === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
      this.fieldString(field, word.toLowerCase(), start);
      return;
    }
    if (/^[A-Za-z0-9_]*$/.test(word)) return;
    // CPython's `_PyUnicode_ScanIdentifier`: XID_Start (or `_`), then XID_Continue.
    let at = start;
    let first = true;
    for (const ch of word) {
      const ok = first ? /[\p{XID_Start}_]/u.test(ch) : /\p{XID_Continue}/u.test(ch);
      if (!ok) {
        const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        const printable = !/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u.test(ch);
        this.fail(
          printable
            ? `invalid character '${ch}' (U+${code})`
            : `invalid non-printable character U+${code}`,
          at,
        );
      }
      at += ch.length;
      first = false;
    }
  }

  // ---- numbers, as `tok_get` reads them. `k` is the index of the character read last; an
  // error's position is the last character consumed (after any backing up).

  private number(): void {
    const t = this.text;
    const start = this.i;
    let k = start;
    if (t[k] === ".") {
      k = this.fraction(k + 1);
    } else if (t[k] === "0" && /[xXoObB]/.test(t[k + 1] ?? "")) {
      const base = t[k + 1]!.toLowerCase();
      const kind = base === "x" ? "hexadecimal" : base === "o" ? "octal" : "binary";
      const inBase =
        base === "x"
          ? isHex
          : base === "o"
            ? (c?: string) => !!c && /[0-7]/.test(c)
            : (c?: string) => c === "0" || c === "1";
      k += 2;
      do {
        if (t[k] === "_") k++;
        if (!inBase(t[k])) {
          if (base !== "x" && isDigit(t[k]))
            this.fail(`invalid digit '${t[k]}' in ${kind} literal`, k);
          this.fail(`invalid ${kind} literal`, k - 1);
        }
        while (inBase(t[k])) k++;
      } while (t[k] === "_");
      if (base !== "x" && isDigit(t[k])) this.fail(`invalid digit '${t[k]}' in ${kind} literal`, k);
      this.endOfNumber(k, kind);
    } else if (t[k] === "0") {
      k++;
      for (;;) {
        if (t[k] === "_") {
          k++;
          if (!isDigit(t[k])) this.fail("invalid decimal literal", k - 1);
        }
        if (t[k] !== "0") break;
        k++;
      }
      const nonzero = isDigit(t[k]);
      if (nonzero) k = this.decimalTail(k);
      if (t[k] === "." || t[k] === "e" || t[k] === "E" || t[k] === "j" || t[k] === "J")
        k = this.afterInteger(k);
      else if (nonzero)
        this.fail(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
          start,
        );
      else this.endOfNumber(k, "decimal");
    } else {
      k = this.afterInteger(this.decimalTail(k));
    }
    this.i = Math.max(k, start + 1);
  }

  /** Digits (with single underscores between) from the digit at `k`; the index after them. */
  private decimalTail(k: number): number {
    const t = this.text;
    for (;;) {
      while (isDigit(t[k])) k++;
      if (t[k] !== "_") return k;
      k++;
      if (!isDigit(t[k])) this.fail("invalid decimal literal", k - 1);
    }
  }

  /** After an integer part at `k`: a fraction, exponent, imaginary suffix, or the end. */
  private afterInteger(k: number): number {
    if (this.text[k] === ".") return this.fraction(k + 1);
    return this.exponent(k);
  }

  private fraction(k: number): number {
    if (isDigit(this.text[k])) k = this.decimalTail(k);
    return this.exponent(k);
  }

  private exponent(k: number): number {
    const t = this.text;
    if (t[k] === "e" || t[k] === "E") {
      const e = k;
      k++;
      if (t[k] === "+" || t[k] === "-") {
        k++;
        if (!isDigit(t[k])) this.fail("invalid decimal literal", k - 1);
      } else if (!isDigit(t[k])) {
        // `1else`: the number ends before the `e` (a keyword CPython only warns about).
        this.endOfNumber(e, "decimal");
        return e;
      }
      k = this.decimalTail(k);
    }
    if (t[k] === "j" || t[k] === "J") {
      this.endOfNumber(k + 1, "imaginary");
      return k + 1;
    }
    this.endOfNumber(k, "decimal");
    return k;
  }

  /** CPython's `verify_end_of_number`: the character at `k` must not continue the literal. */
  private endOfNumber(k: number, kind: string): void {
    const t = this.text;
    const c = t[k];
    const rest = t.slice(k + 1, k + 4);
    const keyword =
      (c === "a" && rest.startsWith("nd")) ||
      (c === "e" && rest.startsWith("lse")) ||
      (c === "f" && rest.startsWith("or")) ||
      (c === "i" && /^[fns]/.test(rest)) ||
      (c === "o" && rest.startsWith("r")) ||
      (c === "n" && rest.startsWith("ot"));
    if (!keyword && isAsciiNameChar(c)) this.fail(`invalid ${kind} literal`, k - 1);
  }

  // ---- strings

  /** A string literal whose prefix (lower case) starts at `start`; the opening quote at `i`. */
  private string(prefix: string, start: number): void {
    const t = this.text;
    const q = t[this.i]!;
    const quote = t.startsWith(q.repeat(3), this.i) ? q.repeat(3) : q;
    const f = prefix.includes("f");
    const raw = prefix.includes("r");
    const what = `${quote.length === 3 ? "triple-quoted " : ""}${f ? "f-string" : "string"} literal`;
    const unterminated = (): never => {
      const detected =
        quote.length === 3 ? t.trimEnd().split("\n").length : this.place(this.i).line;
      this.fail(`unterminated ${what} (detected at line ${detected})`, start);
    };
    const opening = this.i;
    this.i += quote.length;
    if (!f) {
      const end = this.plainBody(quote);
      if (end < 0) unterminated();
      this.i = end;
      return;
    }
    // A one-quote f-string spanning lines: also when an error inside ends the scan (the lines
    // before it are one logical line for indentation.ts).
    const spans = (end: number) => {
      const newline = t.indexOf("\n", opening);
      if (quote.length === 1 && newline >= 0 && newline < end) this.fieldStrings.set(opening, end);
    };
    let end: number;
    try {
      end = this.fstringBody(quote, raw, false, unterminated);
    } catch (e) {
      if (e instanceof TokenizerError) spans(e.index);
      throw e;
    }
    if (end < 0) unterminated();
    spans(end);
    this.i = end;
  }

  /** The end of a string's body after its closing quote, or -1. */
  private plainBody(quote: string): number {
    const t = this.text;
    for (let j = this.i; j < t.length; j++) {
      if (t.startsWith(quote, j)) return j + quote.length;
      if (t[j] === "\n" && quote.length === 1) {
        this.i = j;
        return -1;
      }
      if (t[j] === "\\") j++;
    }
    this.i = t.length;
    return -1;
  }

  /**
   * An f-string's literal text and replacement fields, from `i`: to after its closing quote
   * (`spec` false), or to the `}` closing a format spec (`spec` true; the index of the `}`, or
   * -1 at the end of the file).
   */
  private fstringBody(
    quote: string,
    raw: boolean,
    spec: boolean,
    unterminated: () => never,
  ): number {
    const t = this.text;
    let nested = false;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (t.startsWith(quote, this.i)) {
        if (spec) this.fail("f-string: expecting '}', or format specs", this.i);
        return this.i + quote.length;
      }
      if (c === "\n" && quote.length === 1) {
        if (!spec) return -1;
        // CPython's lexer ends a one-quote f-string's format spec at a line break (after a
        // nested field: unterminated); the field's `}` (or another nested field) must follow,
        // after blank lines and comments.
        if (nested) unterminated();
        this.specBreak ??= this.i;
        const after = /^(?:\s|#[^\n]*)*/.exec(t.slice(this.i))![0].length;
        this.i += after;
        if (t[this.i] === "}" || this.i >= t.length) return this.i < t.length ? this.i : -1;
        if (t[this.i] === "{") continue;
        if (t.startsWith(quote, this.i)) this.fail("f-string: expecting '}'", this.i);
        this.fail("f-string: expecting '}', or format specs", this.i);
      }
      // `\N{...}` is an escape, not a replacement field (a malformed one is refused by ir.ts).
      const named = raw ? null : /^\\N\{[^}'"\n]*\}?/.exec(t.slice(this.i, this.i + 200));
      if (named !== null) this.i += named[0].length;
      else if (c === "\\") this.i += t[this.i + 1] === "{" || t[this.i + 1] === "}" ? 1 : 2;
      else if (c === "{" && t[this.i + 1] === "{" && !spec) this.i += 2;
      else if (c === "}" && t[this.i + 1] === "}" && !spec) this.i += 2;
      else if (c === "}") {
        if (spec) return this.i;
        this.fail("f-string: single '}' is not allowed", this.i);
      } else if (c === "{") {
        this.field(quote, raw, unterminated);
        nested = true;
      } else this.i++;
    }
    return spec ? -1 : unterminated();
  }

  /** A replacement field from its `{` to after its `}`. */
  private field(quote: string, raw: boolean, unterminated: () => never): void {
    const t = this.text;
    const open = this.i;
    this.i++;
    this.stack.push({ char: "{", index: open });
    const depth = this.stack.length;
    const exprStart = this.i;
    while (t[this.i] === " " || t[this.i] === "\t") this.i++;
    if (/^[,;/%&|^<>@]|^\.(?![0-9])/.test(t.slice(this.i, this.i + 2)))
      this.fail("f-string: expecting a valid expression after '{'", this.i);
    if (t[this.i] === "=" && t[this.i + 1] !== "=")
      this.fail("f-string: valid expression required before '='", this.i);
    let end = this.code({ quote, depth });
    if (end === "end") this.fail("'{' was never closed", open);
    const expr = t.slice(exprStart, this.i);
    const blank = /^\s*/.exec(expr)![0].length;
    if (expr[blank] === "=")
      this.fail("f-string: valid expression required before '='", exprStart + blank);
    if (expr.trim() === "")
      this.fail(`f-string: valid expression required before '${end}'`, this.i);
    if (end === ":") {
      // A lambda outside brackets: its `:` ended the expression.
      let level = 0;
      for (let k = 0; k < expr.length; k++) {
        if ("([{".includes(expr[k]!)) level++;
        else if (")]}".includes(expr[k]!)) level--;
        else if (level === 0 && /^lambda\b/.test(expr.slice(k)) && !isNameChar(expr[k - 1]))
          this.fail(
            "f-string: lambda expressions are not allowed without parentheses",
            exprStart + k,
          );
      }
    }
    if (end === "!") {
      this.i++;
      const conversion = this.i;
      while (isNameChar(t[this.i])) this.i++;
      const name = t.slice(conversion, this.i);
      while (t[this.i] === " " || t[this.i] === "\t") this.i++;
      if (t.startsWith(quote, this.i)) this.fail("f-string: expecting '}'", this.i);
      if (name === "" && (t[this.i] === ":" || t[this.i] === "}"))
        this.fail("f-string: missing conversion character", conversion);
      if (name !== "" && !/^[sra]$/.test(name))
        this.fail(
          `f-string: invalid conversion character '${name}': expected 's', 'r', or 'a'`,
          conversion,
        );
      end = t[this.i] === ":" ? ":" : "}";
    }
    if (end === ":") {
      this.i++;
      if (this.fstringBody(quote, raw, true, unterminated) < 0)
        this.fail("'{' was never closed", open);
    }
    if (t[this.i] !== "}") this.fail("f-string: expecting '}'", this.i);
    this.stack.pop();
    this.i++;
  }
}

/** The tokenizer's view of `text` (see the header). */
export function scanSource(text: string): TokenScan {
  const s = new Scanner(text);
  try {
    const open = s.scan();
    return {
      error: null,
      open,
      stray: s.stray === null ? null : s.place(s.stray),
      lineEnds: s.lineEnds,
      fieldStrings: s.fieldStrings,
      specBreak: s.specBreak === null ? null : s.place(s.specBreak),
    };
  } catch (e) {
    if (!(e instanceof TokenizerError)) throw e;
    const stray = s.stray !== null && s.stray < e.index ? s.place(s.stray) : null;
    return {
      error: { detail: e.detail, ...s.place(e.index) },
      open: null,
      stray,
      lineEnds: [],
      fieldStrings: s.fieldStrings,
      specBreak: null,
    };
  }
}
