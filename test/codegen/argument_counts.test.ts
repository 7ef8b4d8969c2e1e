/**
 * Wrong argument counts in generated code (codegen/lower/functions.ts, lower/signatures.ts): the
 * guard of natural signatures (the last required parameter's initializer) and the calls known
 * at compile time to be wrong, which become `$py.callError(message, ...args)`. What such
 * programs print is checked against CPython by the `argument_count_errors` case of cases.py and
 * the fixture lang_calls/argument_errors.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureBuilt, transpileFile } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-argcounts-")));

beforeAll(() => ensureBuilt(), 240_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PROGRAM = [
  "def f(a, b, c=3):",
  "    return a",
  "",
  "",
  "class Q:",
  "    def m(self, a):",
  "        return a",
  "",
  "    @property",
  "    def x(self):",
  "        return 1",
  "",
  "    @x.setter",
  "    def x(self, value):",
  "        pass",
  "",
  "",
  "class E:",
  "    pass",
  "",
  "",
  "async def co(a):",
  "    return a",
  "",
  "",
  "lam = lambda x, y=1: x",
  "f(1, 2, 3, 4)",
  "Q.m(Q())",
  "E(1)",
  "f(1, 2)",
  "",
].join("\n");

describe("natural signatures and known calls", () => {
  test("the last required parameter raises for missing arguments; known wrong calls raise", () => {
    const r = transpileFile(dir, "guards.py", PROGRAM);
    expect(r.status).toBe(0);
    const out = r.out;
    expect(out).toContain(
      'function f(a: any, b: any = $py.missingArgs("f", ["a", "b"], a), c: any = 3n): any {',
    );
    expect(out).toContain('  m(a: any = $py.missingArgs("Q.m", ["a"])): any {');
    // A setter gets no guard: JS always passes its value (and TS refuses an initializer there).
    expect(out).toContain("  set x(value: any) {");
    expect(out).toContain(
      'function* co(a: any = $py.missingArgs("co", ["a"])): asyncio.Coro<any> {',
    );
    expect(out).toContain(
      'const lam = $py.defaults($py.named(function $lambda(x: any = $py.missingArgs("<lambda>", ["x"]), y: any = 1n): any { return x; }, "<lambda>"), [1n]);',
    );
    expect(out).toContain(
      '$py.callError("f() takes from 2 to 3 positional arguments but 4 were given", 1n, 2n, 3n, 4n);\n' +
        "$py.callError(\"Q.m() missing 1 required positional argument: 'a'\", new Q());\n" +
        '$py.callError("E() takes no arguments", 1n);\n' +
        "f(1n, 2n);\n",
    );
  });

  test("the generated TypeScript type-checks", () => {
    const r = transpileFile(dir, "guards_typed.py", PROGRAM, "typecheck");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
  });
});
