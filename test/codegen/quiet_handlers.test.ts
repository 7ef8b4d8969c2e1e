/**
 * Exceptions a `try` catches without any way to show their traceback are made without a JS stack
 * (lower/exceptions.ts, quietTypes; `$py.noStackFor`): a stack capture is most of what an
 * exception costs. These tests pin which `try` statements qualify, and that every traceback that
 * can still be printed keeps its frames (the expected texts are CPython 3.13.0's, without the
 * `~~~^^^` lines). Also `e.name` of NameError and AttributeError, which the runtime sets where it
 * raises them.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-quiet-")));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  fs.writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
  return name;
}

test("which try statements make their caught exceptions without a stack", () => {
  const file = write("which.py", [
    "import asyncio",
    "",
    "d = {}",
    "",
    "",
    "def helper(k):",
    "    return d[k]",
    "",
    "",
    "async def main(k):",
    "    try:",
    "        v = d[k]",
    "    except KeyError:",
    "        v = None",
    "    try:",
    "        n = int(k)",
    "    except (ValueError, TypeError):",
    "        n = 0",
    "    try:",
    "        v = d[k]",
    "    except KeyError as e:",
    "        v = e",
    "    try:",
    "        v = helper(k)",
    "    except KeyError:",
    "        pass",
    "    try:",
    "        await asyncio.sleep(d[k])",
    "    except KeyError:",
    "        pass",
    "    try:",
    "        v = d[k]",
    "    except KeyError:",
    "        raise LookupError(k)",
    "    return v, n",
  ]);
  const r = cli(dir, ["transpile", file]);
  expect(r.status).toBe(0);
  const quiet = r.out.split("\n").filter((l) => l.includes("noStackFor"));
  expect(quiet.map((l) => l.trim().replace(/\$q\d+/, "$q"))).toEqual([
    "const $q = $py.noStackFor(KeyError);",
    "const $q = $py.noStackFor([ValueError, TypeError]);",
    // `helper` is quiet code (codegen/quiet.ts): calling it keeps the `try` quiet.
    "const $q = $py.noStackFor(KeyError);",
  ]);
}, 60_000);

test("tracebacks that can still be printed keep their frames", () => {
  const file = write("frames.py", [
    "import traceback",
    "",
    'd = {"a": 1}',
    "",
    "",
    "def lookup(k):",
    "    try:",
    "        return d[k]",
    "    except KeyError:",
    "        return None",
    "",
    "",
    "def parse(s):",
    "    try:",
    "        return int(s)",
    "    except ValueError:",
    '        raise RuntimeError(f"cannot parse {s!r}")',
    "",
    "",
    "def other(k):",
    "    try:",
    '        return d[k] + "x"',
    "    except KeyError:",
    "        return None",
    "",
    "",
    'print(lookup("a"), lookup("b"))',
    "try:",
    '    parse("x")',
    "except RuntimeError:",
    "    traceback.print_exc()",
    "try:",
    '    other("a")',
    "except TypeError:",
    "    traceback.print_exc()",
  ]);
  const r = cli(dir, ["run", file]);
  const f = path.join(dir, file);
  expect(r.out).toBe("1 None\n");
  expect(r.err.split("\n")).toEqual([
    "Traceback (most recent call last):",
    `  File "${f}", line 15, in parse`,
    "    return int(s)",
    "ValueError: invalid literal for int() with base 10: 'x'",
    "",
    "During handling of the above exception, another exception occurred:",
    "",
    "Traceback (most recent call last):",
    `  File "${f}", line 29, in <module>`,
    '    parse("x")',
    `  File "${f}", line 17, in parse`,
    '    raise RuntimeError(f"cannot parse {s!r}")',
    "RuntimeError: cannot parse 'x'",
    "Traceback (most recent call last):",
    `  File "${f}", line 33, in <module>`,
    '    other("a")',
    `  File "${f}", line 22, in other`,
    '    return d[k] + "x"',
    "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    "",
  ]);
}, 60_000);

test("e.name of NameError and AttributeError; other exceptions have none", () => {
  const file = write("names.py", [
    "def outer():",
    "    def inner():",
    "        return v",
    "    try:",
    "        inner()",
    "    except NameError as e:",
    "        print(type(e).__name__, e.name)",
    "    try:",
    "        print(y)",
    "    except NameError as e:",
    "        print(type(e).__name__, e.name)",
    "    try:",
    "        print(zz)",
    "    except NameError as e:",
    "        print(type(e).__name__, e.name)",
    "    y = v = 1",
    "",
    "",
    "class V(Exception):",
    "    def __init__(self, name):",
    "        super().__init__(name)",
    "        self.name = name",
    "",
    "",
    "outer()",
    'print(V("q").name, hasattr(KeyError(), "name"), AttributeError("m").name)',
    "try:",
    "    None.x",
    "except AttributeError as e:",
    "    print(e.name)",
  ]);
  const r = cli(dir, ["run", file]);
  // CPython 3.13.0: an UnboundLocalError of a local has no name; a free variable's NameError has.
  expect(r.out).toBe("NameError v\nUnboundLocalError None\nNameError zz\nq False None\nx\n");
}, 60_000);

test("a name the program gives an exception class or instance is the one Python sees", () => {
  const file = write("prop_name.py", [
    "class MyErr(Exception):",
    "    @property",
    "    def name(self):",
    '        return "prop-" + type(self).__name__',
    "",
    "",
    "class Sub(MyErr):",
    "    pass",
    "",
    "",
    "class WithAttr(Exception):",
    "    def __init__(self, name):",
    "        super().__init__(name)",
    "        self.name = name",
    "",
    "",
    'print(MyErr().name, Sub().name, WithAttr("w").name, repr(Sub("a")))',
    "try:",
    '    raise Sub("boom")',
    "except MyErr as e:",
    "    print(type(e).__name__, e.name, e)",
  ]);
  const r = cli(dir, ["run", file]);
  expect(r.out).toBe("prop-MyErr prop-Sub w Sub('a')\nSub prop-Sub boom\n");
}, 60_000);
