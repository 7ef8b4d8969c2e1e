/**
 * The transpiler in process: Python in -> TypeScript out (exact text for key features), errors
 * with their locations, the CLI's statuses, and type-checking of everything generated.
 *
 * Other test files may transpile in process too: codegen/parse.ts keeps one parser per process,
 * shared by jest's per-file sandboxes (see its header).
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CompileError, transpile } from "../../codegen";
import { copyTree } from "../../codegen/cst";
import { BUILTINS, UNSUPPORTED_BUILTINS } from "../../codegen/lower/context";
import {
  RUNTIME_MODULES,
  runtimeModulePath,
  runtimeNamespace,
  STDLIB_NAMESPACES,
  stdlibNamespace,
} from "../../codegen/lower/imports";
import { treeSitterParse } from "../../codegen/parse";
import { missingRuntimeNames, typecheck } from "../../codegen/typecheck";
import * as $py from "../../src/python";
import { CASES } from "./cases";
import { BIN, childEnv, ensureBuilt, inFunction } from "./helpers";

function ts(py: string): string {
  return transpile(py, "t.py").code;
}

const HEADER = "// Transpiled from t.py by asyncio-ts. Edit the Python source, not this file.\n";

function compileError(py: string): CompileError {
  try {
    transpile(py, "bad.py");
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("expected a CompileError");
}

describe("transpile", () => {
  test("generic and optional type hints become TS types, null once", () => {
    const code = ts(
      "from typing import Optional\n\ndef f(xs: list[int], o: Optional[str] = None, u: int | None = None) -> Optional[int]:\n    return None\n",
    );
    expect(code).toContain(
      'function f(xs: bigint[] = $py.missingArgs("f", ["xs"]), o: string | null = null, u: bigint | null = null): bigint | null {',
    );
  });

  test("async def becomes a marked generator function and asyncio.run is awaited", () => {
    expect(
      ts(`import asyncio

async def main():
    print("hello")
    await asyncio.sleep(0.1)
    print("world")

asyncio.run(main())
`),
    ).toBe(`${HEADER}import * as asyncio from "asyncio-ts";
import * as $py from "asyncio-ts/python";
import { print } from "asyncio-ts/python";

function* main(): asyncio.Coro<any> {
  print("hello");
  yield* asyncio.sleep(0.1);
  print("world");
  return null;
}
asyncio.markcoroutinefunction(main, "main");
await asyncio.run(main());
`);
  });

  test("a function called with keywords binds its arguments at run time", () => {
    expect(
      ts(`def greet(name, greeting="Hello", *, punct="!"):
    """Say hello."""
    return f"{greeting}, {name}{punct}"

print(greet("Ann", punct="?"))
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { format, kw, print } from "asyncio-ts/python";

const greet$sig = $py.signature("greet", ["name", "greeting", "*", "punct"]);
/**
 * Say hello.
 */
function greet(...$args: any[]): any {
  let [name, greeting, punct] = $py.bind(greet$sig, $args);
  return \`\${format(greeting)}, \${format(name)}\${format(punct)}\`;
}
$py.defaults(greet, ["Hello"], { punct: "!" }, greet$sig);
$py.named(greet, "greet", "Say hello.");
print(greet("Ann", kw({ punct: "?" })));
`);
  });

  test("defaults are evaluated once where the def runs and are the function's __defaults__", () => {
    expect(
      ts(`def append_to(item, target=[]):
    target.append(item)
    return target


def scale(x, factor=2):
    return x * factor


double = lambda x, k=2: x * k
print(append_to(1), scale(3), double(4), append_to.__defaults__)
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { getattr, print } from "asyncio-ts/python";

const append_to$defaults: any[] = [[]];
function append_to(item: any = $py.missingArgs("append_to", ["item"]), target: any = append_to$defaults[0]): any {
  $py.callMethod(target, "append", item);
  return target;
}
$py.defaults(append_to, append_to$defaults);
function scale(x: any = $py.missingArgs("scale", ["x"]), factor: any = 2n): any {
  return $py.mul(x, factor);
}
$py.defaults(scale, [2n]);
const double = $py.defaults($py.named(function $lambda(x: any = $py.missingArgs("<lambda>", ["x"]), k: any = 2n): any { return $py.mul(x, k); }, "<lambda>"), [2n]);
print(append_to(1n), scale(3n), double(4n), getattr(append_to, "__defaults__"));
`);
  });

  test("reads that may see an unbound name are checked; reads proven bound stay plain", () => {
    expect(
      ts(`def pick(flag):
    if flag:
        chosen = "yes"
    label = "pick"
    print(label)
    return chosen


def outer():
    def inner():
        return later
    later = 1
    del later
    return inner
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { print } from "asyncio-ts/python";

function pick(flag: any = $py.missingArgs("pick", ["flag"])): any {
  let chosen!: string;
  if ($py.truthy(flag)) {
    chosen = "yes";
  }
  const label: string = "pick";
  print(label);
  return $py.checkBound(chosen, "chosen");
}
function outer(): any {
  let later!: any;
  function inner(): any {
    return $py.checkFree(later, "later");
  }
  $py.named(inner, "outer.<locals>.inner");
  later = 1n;
  later = undefined as any;
  return inner;
}
`);
  });

  test("known int and float operands use JS operators; others use the runtime's", () => {
    expect(
      ts(`n = 10
total = 0
while n > 0:
    total += n * 2
    n -= 1
ratio = total / 3
print(total // 7, ratio * 0.5, 1 < n <= 5)
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { print } from "asyncio-ts/python";

let n: bigint = 10n;
let total: bigint = 0n;
while (n > 0n) {
  total += n * 2n;
  n -= 1n;
}
const ratio = ($py.truediv(total, 3n) as number);
print(total >= 0n ? total / 7n : ($py.floordiv(total, 7n) as bigint), ratio * 0.5, 1n < n && n <= 5n);
`);
  });

  test("for over range() is a counted loop; append on a name bound once to a list is push", () => {
    expect(
      ts(`def f(n):
    out = []
    for i in range(1, n):
        out.append(i * i)
    for a, b in range(n):
        out.append(a)
    return out
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { range } from "asyncio-ts/python";

function f(n: any = $py.missingArgs("f", ["n"])): any {
  let i!: bigint, a: any, b: any;
  const out: any[] = [];
  for (let $r1 = range(1n, n), $k2 = 0, $n3 = $r1.length; $k2 < $n3; $k2++) {
    i = $r1.at($k2);
    out.push(i * i);
  }
  for (let $r5 = range(n), $k6 = 0, $n7 = $r5.length; $k6 < $n7; $k6++) {
    const $item4 = $r5.at($k6);
    [a, b] = $py.unpack($item4, 2);
    out.push(a);
  }
  return out;
}
`);
  });

  test("classes: constructor runs __init__, class attributes are static, methods keep names", () => {
    expect(
      ts(`class Counter:
    step = 1

    def __init__(self, start=0):
        self.value = start

    def tick(self):
        self.value += self.step
        return self.value

class Twice(Counter):
    step = 2
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";

class Counter {
  declare step: any;
  declare value: any;
  constructor(...args: any[]) {
    (this as any).__init__(...args);
  }
  static step: any = 1n;
  __init__(start: any = 0n): any {
    const self = this;
    self.value = start;
    return null;
  }
  tick(): any {
    const self = this;
    self.value = $py.iadd($py.checkAttr(self.value, self, "value"), self.step);
    return $py.checkAttr(self.value, self, "value");
  }
}
$py.pyclass(Counter, "Counter");
$py.defaults(Counter.prototype.__init__, [0n]);
class Twice extends Counter {
  declare step: any;
  static step: any = 2n;
}
$py.pyclass(Twice, "Twice");
`);
  });

  test("property(), staticmethod() as values: runtime objects; a method read is methodFunction", () => {
    expect(
      ts(`class T:
    def get(self):
        return 1

    x = property(get)
    x = x.setter(None)

    @property
    def y(self):
        return 2

    s = staticmethod(len)
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { len, property, staticmethod } from "asyncio-ts/python";

class T {
  declare s: any;
  declare x: any;
  declare static y: any;
  constructor(...args: any[]) {
    (this as any).__init__(...args);
  }
  __init__(..._args: any[]): any {
    return null;
  }
  get(): any {
    const self = this;
    return 1n;
  }
  static x: any = new property($py.methodFunction(T.prototype.get));
  static {
    T.x = T.x.setter(null);
  }
  get y(): any {
    const self = this;
    return 2n;
  }
  static s: any = new staticmethod(len);
}
$py.pyclass(T, "T");
`);
  });

  test("for/else is a labeled block and except is an instanceof chain that re-raises (the exception being handled while it runs)", () => {
    expect(
      ts(`def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            break
    else:
        return -1
    try:
        return items[i] // 2
    except (TypeError, ZeroDivisionError) as e:
        print("error", e)
        raise
`),
    ).toBe(`${HEADER}import * as $py from "asyncio-ts/python";
import { TypeError, ZeroDivisionError, enumerate, print } from "asyncio-ts/python";

function find(items: any, target: any = $py.missingArgs("find", ["items", "target"], items)): any {
  let i: any, item: any, e: any;
  $loop2: {
    for (const $item1 of $py.iter(enumerate(items))) {
      [i, item] = $py.unpack($item1, 2);
      if ($py.eq(item, target)) {
        break $loop2;
      }
    }
    return -1n;
  }
  try {
    return $py.floordiv($py.getitem(items, i), 2n);
  } catch ($e) {
    const $err3 = $py.caught($e);
    $py.excEnter($err3, 7, 8);
    try {
      if ($err3 instanceof TypeError || $err3 instanceof ZeroDivisionError) {
        e = $err3;
        print("error", e);
        throw $py.rethrow($err3);
      } else {
        throw $py.rethrow($err3);
      }
    } catch ($x4) {
      throw $py.caught($x4);
    } finally {
      $py.excLeave($err3);
    }
  }
}
`);
  });

  test("reserved words are renamed with a trailing underscore", () => {
    const out = ts("delete = 1\ndelete_ = 2\nprint(delete, delete_)\n");
    expect(out).toContain("const delete_: bigint = 1n;");
    expect(out).toContain("const delete__: bigint = 2n;");
    expect(out).toContain("print(delete_, delete__);");
  });

  test("comments are kept, a trailing one at the end of its line", () => {
    expect(ts("# greeting\nprint('hi')  # trailing\n")).toContain(
      '// greeting\nprint("hi"); // trailing\n',
    );
  });

  test("comments between a header and its body open the body; those in expressions precede it", () => {
    const out = ts(
      [
        "def f(a,  # first",
        "      b):  # second",
        "    # body",
        "    return [a,  # one",
        "            b]  # two",
        "if f(1, 2):  # header",
        "    pass  # nothing",
        "else:  # other",
        "    # explain",
        "    print(3)",
        "try:  # try",
        "    pass",
        "except KeyError:  # handler",
        "    pass",
        "",
      ].join("\n"),
    );
    expect(out).toContain(
      [
        "// first",
        'function f(a: any, b: any = $py.missingArgs("f", ["a", "b"], a)): any {',
        "  // second",
        "  // body",
        "  // one",
        "  return [a, b];",
        "  // two",
        "}",
        "if ($py.truthy(f(1n, 2n))) { // header",
        "  // nothing",
        "} else {",
        "  // other",
        "  // explain",
        "  print(3n);",
        "}",
        "const $q1 = $py.noStackFor(KeyError);",
        "try { // try",
        "} catch ($e) {",
        "  $py.stacksAgain($q1);",
        "  const $err2 = $py.caught($e);",
        "  if ($err2 instanceof KeyError) { // handler",
        "  } else {",
        "    throw $err2;",
        "  }",
        "} finally {",
        "  $py.stacksAgain($q1);",
        "}",
      ].join("\n"),
    );
  });

  test("a def that calls asyncio.run becomes an async function and its calls are awaited", () => {
    const out = ts(`import asyncio

async def work():
    return 1

def entry():
    return asyncio.run(work())

print(entry())
`);
    expect(out).toContain("async function entry(): Promise<any> {");
    expect(out).toContain("return await asyncio.run(work());");
    expect(out).toContain("print(await entry());");
  });

  test("keyword arguments of known runtime functions are placed by position", () => {
    const out = ts(
      "import asyncio\nasync def f():\n    pass\nq = asyncio.Queue(maxsize=2)\nasyncio.create_task(f(), name='w')\n",
    );
    expect(out).toContain("new asyncio.Queue(2n)");
    expect(out).toContain('asyncio.create_task(f(), kw({ name: "w" }))');
  });

  test("await q.get() / q.put(v) on a name take the queue's no-wait path, v evaluated once", () => {
    const out = ts(`import asyncio

async def f(q, obj, items):
    x = await q.get()
    await q.put(x + 1)
    await q.put(x)
    await obj.q.get()
    await q.put([y for y in items])
    await q.get(1)
`);
    expect(out).toContain(
      "const x: any = asyncio.Queue._get_ready(q) ? q.get_nowait() : yield* q.get();",
    );
    expect(out).toContain(
      "($v1 = $py.add(x, 1n), asyncio.Queue._put_now(q, $v1) ? null : yield* q.put($v1));",
    );
    expect(out).toContain("asyncio.Queue._put_now(q, x) ? null : yield* q.put(x);");
    // Not a plain name, a comprehension (lowered once only), or not the coroutine's signature.
    expect(out).toContain('yield* $py.awaitOperand(getattr(obj, "q").get());');
    expect(out).toContain("yield* $py.awaitOperand(q.put((function $listcomp() {");
    expect(out).toContain("yield* $py.awaitOperand(q.get(1n));");
  });

  test("await checks its operand unless it calls a coroutine function or asyncio", () => {
    const out = ts(`import asyncio

async def job():
    return 1

async def gen():
    yield 1

async def f(fut, obj):
    await job()
    await asyncio.sleep(0)
    await fut
    await obj.job()
    await gen()
`);
    expect(out).toContain("yield* job();");
    expect(out).toContain("yield* asyncio.sleep(0n);");
    // (A name may hold a coroutine awaited before: its reuse is checked.)
    expect(out).toContain("yield* $py.awaitHeld(fut);");
    expect(out).toContain("yield* $py.awaitOperand(obj.job());");
    expect(out).toContain("yield* $py.awaitOperand(gen());");
  });

  test("imports of sibling modules are ES imports", () => {
    const out = transpile(
      "import helpers\nfrom helpers import f\nprint(helpers.x, f())\n",
      "t.py",
      {
        siblings: ["helpers"],
      },
    ).code;
    // `helpers` is the module object (src/python/module.ts) over the ES namespace.
    expect(out).toContain('import * as $mod_helpers from "./helpers.js";');
    expect(out).toContain('const helpers = $py.programModule("helpers", $mod_helpers);');
    expect(out).toContain('import { f } from "./helpers.js";');
  });

  // `helpers.X = 1` and `h.X += 1` are stores through the module object (codegen/
  // module_stores.ts, test/codegen/sibling_modules.test.ts); deletion is refused.
  test.each([["import helpers\ndel helpers.X\n", "deletion of", 2, 4]])(
    "%j is refused: a program module's names are ES bindings",
    (source, what, line, col) => {
      let e: unknown = null;
      try {
        transpile(source, "t.py", { siblings: ["helpers"] });
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(CompileError);
      const c = e as CompileError;
      expect([c.kind, c.detail, c.loc.line, c.loc.col]).toEqual([
        "Unsupported",
        `${what} an attribute of the program's module 'helpers' is not supported`,
        line,
        col,
      ]);
    },
  );

  test("a sibling imported inside a block is assigned there, not declared twice", () => {
    // The names are declared (`let`) before the module's statements, so the ES import takes
    // another name; it was bound under the Python name too, and the program did not compile.
    const out = transpile(
      "import sys\nif len(sys.argv) > 5:\n    import helpers as h\ntry:\n    from helpers import f\nexcept ImportError:\n    f = None\nprint(f)\n",
      "t.py",
      { siblings: ["helpers"] },
    ).code;
    expect(out).toContain('import * as $mod_h from "./helpers.js";');
    expect(out).toContain('import { f as $mod_f } from "./helpers.js";');
    expect(out).toContain("let h: any, f: any;");
    expect(out).toContain('  h = $py.programModule("helpers", $mod_h);');
    expect(out).toContain("  f = $mod_f;");
  });
});

describe("syntax errors", () => {
  test("an ERROR node is a SyntaxError with its line and column", () => {
    const e = compileError("x = 1\nprint(1 +)\n");
    expect(e.kind).toBe("SyntaxError");
    expect(e.loc).toEqual({ file: "bad.py", line: 2, col: 9 });
    expect(e.format()).toBe(
      '  File "bad.py", line 2, column 10\n    print(1 +)\n             ^\nSyntaxError: invalid syntax',
    );
  });

  test("an unclosed bracket is reported", () => {
    const e = compileError("items = [1, 2\nprint(items)\n");
    expect(e.kind).toBe("SyntaxError");
    expect(e.loc.line).toBe(1);
  });

  test("await outside an async function is a SyntaxError", () => {
    const e = compileError("def f():\n    await g()\n");
    expect(e.kind).toBe("SyntaxError");
    expect(e.detail).toBe("'await' outside async function");
    expect(e.loc).toEqual({ file: "bad.py", line: 2, col: 4 });
  });

  test("'except' and 'except*' on one try is a SyntaxError at the first clause of the other kind", () => {
    for (const [py, line] of [
      ["try:\n    pass\nexcept ValueError:\n    pass\n  # c\nexcept* TypeError:\n    pass\n", 6],
      [
        "try:\n    pass\nexcept* ValueError:\n    pass\nexcept* OSError:\n    pass\nexcept:\n    pass\n",
        7,
      ],
    ] as const) {
      const e = compileError(py);
      expect(e.kind).toBe("SyntaxError");
      expect(e.detail).toBe("cannot have both 'except' and 'except*' on the same 'try'");
      expect(e.loc).toEqual({ file: "bad.py", line, col: 0 });
    }
  });
});

describe("from __future__ import", () => {
  test("emits nothing after a docstring and comments, with every Python 3.13 feature", () => {
    const out = ts(
      '"""Doc."""\n# note\nfrom __future__ import annotations, division as d\nfrom __future__ import generator_stop\nx: "int" = 1\n',
    );
    expect(out).not.toContain("__future__");
    expect(out).not.toContain("annotations");
    expect(out).toContain("const x: any = 1n;");
  });

  test.each([
    [
      "import os\nfrom __future__ import annotations\n",
      "from __future__ imports must occur at the beginning of the file",
      2,
      0,
    ],
    [
      "def f():\n    from __future__ import annotations\n",
      "from __future__ imports must occur at the beginning of the file",
      2,
      4,
    ],
    ["from __future__ import braces\n", "not a chance", 1, 0],
    ["from __future__ import annotations, nope\n", "future feature nope is not defined", 1, 0],
  ])("CPython's SyntaxError for %j", (source, detail, line, col) => {
    const e = compileError(source);
    expect([e.kind, e.detail, e.loc.line, e.loc.col]).toEqual(["SyntaxError", detail, line, col]);
  });
});

// CPython's parser and compiler reject these; tree-sitter accepts them, and the generated
// JavaScript was invalid (V8's own SyntaxError at run time) or ran (a positional argument after a
// keyword one). Lines are 1-based, columns 0-based.
describe("CPython's SyntaxErrors that tree-sitter accepts", () => {
  test.each([
    ["try:\n    pass\nprint(1)\n", "expected 'except' or 'finally' block", 3, 0],
    [
      "def f():\n    try:\n        x = 1  # c\n    # c\n\n    return x\n",
      "expected 'except' or 'finally' block",
      6,
      4,
    ],
    ["x = 1\ntry:\n    pass\n", "expected 'except' or 'finally' block", 3, 8],
    ["def f(a, b, a):\n    pass\n", "duplicate argument 'a' in function definition", 1, 12],
    ["g = lambda a, *, a=1: a\n", "duplicate argument 'a' in function definition", 1, 17],
    ["x = 1\nbreak\n", "'break' outside loop", 2, 0],
    [
      "for i in range(2):\n    def g():\n        continue\n",
      "'continue' not properly in loop",
      3,
      8,
    ],
    ["while True:\n    class C:\n        break\n", "'break' outside loop", 3, 8],
    ["for i in []:\n    pass\nelse:\n    break\n", "'break' outside loop", 4, 4],
    ["f(**k, *a)\n", "iterable argument unpacking follows keyword argument unpacking", 1, 5],
    ["f(a=1, 2)\n", "positional argument follows keyword argument", 1, 8],
    ["f(**k, 2)\n", "positional argument follows keyword argument unpacking", 1, 8],
    ["f(a=1, b=2, a=3)\n", "keyword argument repeated: a", 1, 12],
    // CPython's messages for what tree-sitter reports only as an ERROR node, or what the
    // transpiler refused as unsupported.
    ["f(a, [1, 2\n", "'[' was never closed", 1, 5],
    ["x = ]\n", "unmatched ']'", 1, 4],
    [
      "x = (1,\n2]\n",
      "closing parenthesis ']' does not match opening parenthesis '(' on line 1",
      2,
      1,
    ],
    ['s = "a" + "b\nz = 1\n', "unterminated string literal (detected at line 1)", 1, 10],
    ["s = '''abc\nx\n", "unterminated triple-quoted string literal (detected at line 2)", 1, 4],
    ["del f()\n", "cannot delete function call", 1, 4],
    ["del ...\n", "cannot delete ellipsis", 1, 4],
    ["a, b += 1, 2\n", "'tuple' is an illegal expression for augmented assignment", 1, 0],
    ['print "hi"\n', "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 0],
    ["async def f():\n    pass\nawait f()\n", "'await' outside function", 3, 0],
    ["nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 0],
  ])("%j", (source, detail, line, col) => {
    const e = compileError(source);
    expect([e.kind, e.detail, e.loc.line, e.loc.col]).toEqual(["SyntaxError", detail, line, col]);
  });

  test("a Windows-made file's line ends are read as CPython's universal newlines", () => {
    // A string spanning lines holds "\n" (CPython 3.13.0: 'a\nb'), not "\r\n".
    expect(ts('s = """a\r\nb"""\r\nif s:\r\n    print(s)\r\n')).toContain(
      'const s: string = "a\\nb";',
    );
  });

  test("break and continue in a loop's body, also under try/finally, with or if, are accepted", () => {
    expect(() =>
      ts(
        "for i in range(3):\n    try:\n        pass\n    finally:\n        continue\nwhile True:\n    if i:\n        break\n",
      ),
    ).not.toThrow();
  });
});

// tree-sitter accepts these (the first ran, printing 2); CPython's tokenizer and parser do not.
// Recorded with CPython 3.13.0; `caret` is whether its message shows a caret line.
describe("indentation errors (codegen/indentation.ts)", () => {
  const blockAfter = (what: string, line: number) =>
    `expected an indented block after ${what} on line ${line}`;
  test.each([
    [
      "for i in range(3):\nprint(i)\n",
      "IndentationError",
      blockAfter("'for' statement", 1),
      2,
      0,
      true,
    ],
    [
      "def f():\n    x = 1\n    if x:\n    return 2\n",
      "IndentationError",
      blockAfter("'if' statement", 3),
      4,
      4,
      true,
    ],
    ["def f():\n    x = 1\n      y = 2\n", "IndentationError", "unexpected indent", 3, 5, false],
    [
      "def f():\n    x = 1\n  y = 2\n",
      "IndentationError",
      "unindent does not match any outer indentation level",
      3,
      7,
      true,
    ],
    ["x = 1\n\tif x:\n", "IndentationError", "unexpected indent", 2, 0, false],
    [
      "if True:\n\tx = 1\n        y = 2\n",
      "TabError",
      "inconsistent use of tabs and spaces in indentation",
      3,
      0,
      false,
    ],
    ["class C:\npass\n", "IndentationError", blockAfter("class definition", 1), 2, 0, true],
    [
      "@dec\nasync def f():\nx\n",
      "IndentationError",
      blockAfter("function definition", 2),
      3,
      0,
      true,
    ],
    [
      "try:\n    pass\nexcept* E:\nx\n",
      "IndentationError",
      blockAfter("'except*' statement", 3),
      4,
      0,
      true,
    ],
    [
      "async def f():\n    async with a:\n    pass\n",
      "IndentationError",
      blockAfter("'with' statement", 2),
      3,
      4,
      true,
    ],
    [
      "match x:\n    case 1:\n    pass\n",
      "IndentationError",
      blockAfter("'case' statement", 2),
      3,
      4,
      true,
    ],
    [
      "while x:\n    pass\nelse:\n  # c\n\nz\n",
      "IndentationError",
      blockAfter("'else' statement", 3),
      6,
      0,
      true,
    ],
    ["with a:\n", "IndentationError", blockAfter("'with' statement", 1), 1, 7, false],
    // Brackets, strings and backslashes join lines; their indentation does not count.
    ["x = (1,\n  2)\n  y = 3\n", "IndentationError", "unexpected indent", 3, 1, false],
    [
      'x = """\n  a\n"""\nif x:\n    y = 1\n     z = 2\n',
      "IndentationError",
      "unexpected indent",
      6,
      4,
      false,
    ],
    ["x = 1 + \\\n    2\n  y = 1\n", "IndentationError", "unexpected indent", 3, 1, false],
    ["if x: pass\n  y = 1\n", "IndentationError", "unexpected indent", 2, 1, false],
  ])("%j", (source, kind, detail, line, col, caret) => {
    const e = compileError(source);
    expect([e.kind, e.detail, e.loc.line, e.loc.col, e.caret]).toEqual([
      kind,
      detail,
      line,
      col,
      caret,
    ]);
  });

  test("the message has CPython's shape; valid indentation passes", () => {
    expect(compileError("if True:\n\tx = 1\n        y = 2\n").format()).toBe(
      '  File "bad.py", line 3, column 1\n    y = 2\nTabError: inconsistent use of tabs and spaces in indentation',
    );
    expect(() =>
      ts(
        "if x:\n    a = 1\n  # comment\n    b = (1,\n2)\n    s = '''\nz'''\n\n    t = 1 + \\\n3\nelse:\n\n    pass\n",
      ),
    ).not.toThrow();
  });
});

describe("subclasses of dict and list", () => {
  test("extend the runtime's base classes; __init__ runs through the generated constructor", () => {
    const code = ts(
      "class Registry(dict):\n    def __init__(self, name):\n        super().__init__()\n        self.name = name\n\nclass History(list):\n    pass\n",
    );
    expect(code).toContain(`class Registry extends $py.DictSubclassBase {
  declare name: any;
  constructor(...args: any[]) {
    super(...args);
    (this as any).__init__(...args);
  }
  __init__(name: any = $py.missingArgs("Registry.__init__", ["name"])): any {
    const self = this;
    super_(Registry, self).__init__();
    self.name = name;
    return null;
  }
}`);
    expect(code).toContain("class History extends $py.ListSubclassBase {\n}");
  });
});

describe("unsupported constructs are refused, never mistranslated", () => {
  test.each([
    ["def f[*Ts](x): pass\n", "TypeVarTuple type parameters ('*Ts') is not supported", 1, 6],
    [
      "def f[T](x):\n    return list[T]()\n",
      "the type parameter 'T' outside annotations is not supported",
      2,
      16,
    ],
    ["import numpy\n", "module 'numpy' is not supported by asyncio-ts", 1, 7],
    ["x = 1j\n", "complex literals is not supported", 1, 4],
    [
      "class Meta(type):\n    pass\n\nclass A(metaclass=Meta):\n    pass\n",
      "defining a metaclass ('Meta' is a subclass of 'type'; only metaclass=abc.ABCMeta is supported) is not supported",
      1,
      11,
    ],
    [
      "from abc import ABCMeta\n\nclass Base:\n    pass\n\nclass A(Base, metaclass=ABCMeta):\n    pass\n",
      "metaclass=ABCMeta with a base that is not an abstract base class ('Base') is not supported",
      6,
      8,
    ],
    [
      "class C:\n    def getx(self):\n        return 1\n\n    x = property(getx)\n\n    @x.deleter\n    def x(self):\n        pass\n",
      "'@x.deleter' on a property not made by '@property def x' (write 'x = x.deleter(f)') is not supported",
      7,
      4,
    ],
    [
      "class C:\n    @property\n    def x(self):\n        return 1\n\n    @x.setter\n    def y(self, v):\n        pass\n",
      "'@x.setter' on a function named 'y' (only on a function named 'x') is not supported",
      6,
      4,
    ],
    [
      "class P:\n    def __getattribute__(self, name):\n        return 1\n",
      "defining '__getattribute__' (use '__getattr__') is not supported",
      2,
      4,
    ],
    ["x = eval('1 + 1')\n", "the builtin 'eval' is not supported", 1, 4],
    ["f = locals\n", "the builtin 'locals' is not supported", 1, 4],
    [
      "class A:\n    def __init__(self):\n        self.constructor = 5\n",
      "an attribute named 'constructor' (JS reserves it) is not supported",
      3,
      13,
    ],
    [
      "print(obj.__proto__)\n",
      "an attribute named '__proto__' (JS reserves it) is not supported",
      1,
      10,
    ],
    [
      "class Single(Exception):\n    def __new__(cls):\n        return super().__new__(cls)\n",
      "defining '__new__' in a class over a runtime class (other than abc.ABC, typing.Generic, str, int, float, tuple, bytes or frozenset) is not supported",
      2,
      4,
    ],
    [
      "from os import *\n",
      "'from ... import *' of a module not in the program is not supported",
      1,
      0,
    ],
    [
      "class Name(set):\n    def __eq__(self, o):\n        return True\n",
      "overriding '__eq__' in a subclass of 'set' (the runtime's set operations do not call it) is not supported",
      2,
      4,
    ],
    [
      "def f():\n    class P(frozenset):\n        def used(self):\n            pass\n",
      "a method 'used' in a subclass of 'frozenset' (the runtime uses the JS member 'used' of every frozenset) is not supported",
      3,
      8,
    ],
    [
      "class L(list):\n    pass\n\nclass M(L):\n    def __getitem__(self, i):\n        return 0\n",
      "overriding '__getitem__' in a subclass of 'list' (the runtime's list operations do not call it) is not supported",
      5,
      4,
    ],
    [
      "class Stack(list):\n    def push(self, x):\n        self.append(x)\n",
      "a method 'push' in a subclass of 'list' (the runtime uses the JS member 'push' of every list) is not supported",
      2,
      4,
    ],
    [
      "class Cache(dict):\n    def __init__(self, size):\n        self.size = size\n",
      "an attribute 'size' in a subclass of 'dict' (the runtime uses the JS member 'size' of every dict) is not supported",
      1,
      0,
    ],
  ])("%j", (py, message, line, col) => {
    const e = compileError(py);
    expect(e.kind).toBe("Unsupported");
    expect(e.detail).toBe(message);
    expect(e.loc).toEqual({ file: "bad.py", line, col });
  });
});

describe("the CLI", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-cli-"));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      encoding: "utf8",
      env: childEnv(path.join(dir, "cache")),
    });

  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a missing file exits with 2", () => {
    const r = run("run", "nope.py");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `asyncio-ts: can't open file '${path.join(fs.realpathSync(dir), "nope.py")}': [Errno 2] No such file or directory\n`,
    );
  });

  test("a syntax error exits with 1 and writes nothing", () => {
    fs.writeFileSync(path.join(dir, "syn.py"), "def f(:\n    pass\n");
    const r = run("transpile", "syn.py", "-o", "out/syn.ts");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('File "syn.py", line 1');
    expect(r.stderr).toContain("SyntaxError: invalid syntax");
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("an unsupported construct exits with 1, names it and its location", () => {
    fs.writeFileSync(path.join(dir, "uns.py"), "print(1)\nimport numpy as np\n");
    const r = run("run", "uns.py");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "  File \"uns.py\", line 2, column 8\n    import numpy as np\n           ^\nasyncio-ts: unsupported: module 'numpy' is not supported by asyncio-ts\n",
    );
  });

  test("an uncaught exception prints a traceback with Python lines and exits with 1", () => {
    fs.writeFileSync(
      path.join(dir, "boom.py"),
      "import asyncio\n\nasync def main():\n    print('before')\n    raise ValueError('boom')\n\nasyncio.run(main())\n",
    );
    const r = run("run", "boom.py");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("before\n");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("Traceback (most recent call last):");
    // Absolute, as CPython prints the script's path.
    const file = path.join(fs.realpathSync(dir), "boom.py");
    expect(r.stderr).toContain(`  File "${file}", line 7, in <module>\n    asyncio.run(main())\n`);
    expect(r.stderr).toContain(`  File "${file}", line 5, in main\n    raise ValueError('boom')\n`);
    expect(lines[lines.length - 1]).toBe("ValueError: boom");
  });

  test("raise SystemExit(3) exits with 3", () => {
    fs.writeFileSync(path.join(dir, "exit.py"), "print('bye')\nraise SystemExit(3)\n");
    const r = run("run", "exit.py");
    expect(r.stdout).toBe("bye\n");
    expect(r.status).toBe(3);
  });

  test("a program of several modules runs (sibling imports)", () => {
    fs.writeFileSync(
      path.join(dir, "helpers.py"),
      "GREETING = 'hi'\n\ndef shout(s):\n    return s.upper() + '!'\n",
    );
    fs.writeFileSync(
      path.join(dir, "app.py"),
      "import helpers\nfrom helpers import shout\nprint(shout(helpers.GREETING))\n",
    );
    const r = run("run", "app.py");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("HI!\n");
  });

  test("a name imported from a sibling can be bound again (an ES import binding cannot)", () => {
    fs.writeFileSync(
      path.join(dir, "conf.py"),
      "level = 1\n\ndef bump():\n    global level\n    level += 1\n",
    );
    fs.writeFileSync(
      path.join(dir, "rebind.py"),
      "from conf import level, bump\nimport conf\n\ndef rebind():\n    global level\n    level = 100\n\nbump()\nprint(level, conf.level)\nrebind()\nprint(level, conf.level)\n",
    );
    // CPython 3.13.0 prints the same: the importer's name was bound when it imported.
    const r = run("run", "rebind.py");
    expect([r.stdout, r.stderr, r.status]).toEqual(["1 2\n100 2\n", "", 0]);
  });

  test("a sibling imported for its side effects runs; a name it never binds is an ImportError", () => {
    fs.writeFileSync(path.join(dir, "plugin.py"), "print('plugin registered')\nX = 1\n");
    fs.writeFileSync(
      path.join(dir, "uses_plugin.py"),
      "import plugin\ntry:\n    from plugin import fast\nexcept ImportError as e:\n    print(type(e).__name__, e.name, str(e).split(' (')[0])\nfrom plugin import X, __name__ as pn\nprint(pn)\nfrom plugin import nope\n",
    );
    // CPython 3.13.0 prints the same (its last line names plugin.py's absolute path).
    const r = run("run", "uses_plugin.py");
    expect(r.stdout).toBe(
      "plugin registered\nImportError plugin cannot import name 'fast' from 'plugin'\nplugin\n",
    );
    expect(r.stderr.trimEnd().split("\n").pop()).toBe(
      `ImportError: cannot import name 'nope' from 'plugin' (${path.join(dir, "plugin.py")})`,
    );
    expect(r.status).toBe(1);
  });

  test("a module's __doc__, __package__ and __spec__ (argparse's description=__doc__)", () => {
    fs.writeFileSync(path.join(dir, "documented.py"), '"""Helper things.\n\nMore.\n"""\nX = 1\n');
    fs.writeFileSync(
      path.join(dir, "tool.py"),
      '"""Tool that does things."""\nimport argparse\nimport documented\nfrom documented import __doc__ as d\np = argparse.ArgumentParser(description=__doc__)\nprint(p.description)\nprint(repr(documented.__doc__), __spec__, __package__, d == documented.__doc__)\ndef f():\n    return __doc__\nprint(f())\n',
    );
    fs.writeFileSync(path.join(dir, "undocumented.py"), "print(__doc__)\n");
    // CPython 3.13.0 prints the same.
    expect(run("run", "tool.py").stdout).toBe(
      "Tool that does things.\n'Helper things.\\n\\nMore.\\n' None None True\nTool that does things.\n",
    );
    expect(run("run", "undocumented.py").stdout).toBe("None\n");
  });

  test("from sibling import * binds its __all__, or its public names", () => {
    fs.writeFileSync(
      path.join(dir, "errors.py"),
      '__all__ = ["BadRequest", "parse"]\nimport json\nclass BadRequest(Exception):\n    pass\ndef parse(s):\n    return json.loads(s)\nHIDDEN = 1\n',
    );
    fs.writeFileSync(
      path.join(dir, "util.py"),
      "import os\nVALUE = 2\ndef helper():\n    return VALUE\n_x = 1\n",
    );
    fs.writeFileSync(
      path.join(dir, "star.py"),
      'from errors import *\nfrom util import *\nprint(parse("[1]"), BadRequest.__name__, helper(), VALUE, os.sep)\ntry:\n    HIDDEN\nexcept NameError as e:\n    print(e)\ntry:\n    _x\nexcept NameError as e:\n    print(e)\n',
    );
    // CPython 3.13.0 prints the same.
    const r = run("run", "star.py");
    expect([r.stdout, r.stderr, r.status]).toEqual([
      "[1] BadRequest 2 2 /\nname 'HIDDEN' is not defined\nname '_x' is not defined\n",
      "",
      0,
    ]);
    const inFn = compileError("def f():\n    from os import *\n");
    expect([inFn.detail, inFn.loc.line]).toEqual(["import * only allowed at module level", 2]);
  });

  test("a dropped Promise that rejects ends the program with a traceback, not Node's dump", () => {
    // `asyncio.run()` reached through a lambda returns a Promise (docs/DIFFERENCES.md).
    fs.writeFileSync(
      path.join(dir, "dropped.py"),
      'import asyncio\n\nasync def g():\n    raise KeyError("k")\n\nfor fn in [lambda: asyncio.run(g())]:\n    fn()\nprint("after")\n',
    );
    const r = run("run", "dropped.py");
    expect([r.stdout, r.status]).toEqual(["after\n", 1]);
    expect(r.stderr).toBe(
      `Traceback (most recent call last):\n  File "${path.join(dir, "dropped.py")}", line 4, in g\n    raise KeyError("k")\nKeyError: 'k'\n`,
    );
  });

  test("a package next to the program is refused as one", () => {
    fs.mkdirSync(path.join(dir, "pkg"), { recursive: true });
    fs.writeFileSync(path.join(dir, "pkg", "__init__.py"), "");
    fs.writeFileSync(path.join(dir, "uses_pkg.py"), "import os\nfrom pkg import util\n");
    const r = run("run", "uses_pkg.py");
    expect([r.stdout, r.status]).toEqual(["", 1]);
    expect(r.stderr.trimEnd().split("\n").pop()).toBe(
      "asyncio-ts: unsupported: package 'pkg' (a folder with __init__.py: a program is the .py files of one folder) is not supported by asyncio-ts",
    );
  });

  test("transpile -o writes the module and its imported siblings", () => {
    const r = run("transpile", "app.py", "-o", "gen/app.ts");
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "gen", "app.ts"), "utf8")).toContain(
      'import * as $mod_helpers from "./helpers.js";',
    );
    expect(fs.readFileSync(path.join(dir, "gen", "helpers.ts"), "utf8")).toContain(
      "export function shout(",
    );
  });

  test("an output path that cannot be written exits with 2 and says why", () => {
    const r = run("transpile", "app.py", "-o", "app.py/x.ts");
    expect([r.stdout, r.status]).toEqual(["", 2]);
    expect(r.stderr).toBe(
      `asyncio-ts: cannot write 'app.py/x.ts': EEXIST: file already exists, mkdir 'app.py'\n`,
    );
  });

  test("--help prints usage", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("asyncio-ts run FILE.py".replace("asyncio-ts ", ""));
  });
});

describe("generated code type-checks against the runtime", () => {
  test("every test case, at module level and inside a function", () => {
    const files = CASES.flatMap((c) => [
      { name: `${c.name}.ts`, code: transpile(c.code, `${c.name}.py`).code },
      { name: `${c.name}_fn.ts`, code: transpile(inFunction(c.code), `${c.name}_fn.py`).code },
    ]);
    expect(typecheck(files)).toEqual([]);
  }, 60_000);

  test("the bundled example", () => {
    const root = path.resolve(__dirname, "..", "..");
    const file = path.join(root, "examples", "main.py");
    expect(
      typecheck([
        {
          name: "main.ts",
          code: transpile(fs.readFileSync(file, "utf8"), "examples/main.py").code,
        },
      ]),
    ).toEqual([]);
  }, 60_000);
});

/*
 * The transpiler only emits names the runtime provides: every builtin and module it can import
 * from "asyncio-ts/python" exists there, the declared contract (codegen/requests/python-api.d.ts)
 * promises nothing the runtime lacks, and what the runtime lacks is refused at transpile time.
 */
describe("the runtime contract", () => {
  const exported = $py as unknown as Record<string, unknown>;

  test("every builtin the transpiler imports is exported by the runtime", () => {
    expect([...BUILTINS].filter((n) => exported[n] === undefined)).toEqual([]);
  });

  test("every stdlib module the transpiler maps to the runtime is a namespace there", () => {
    expect(
      [...RUNTIME_MODULES].filter((m) => typeof exported[m] !== "object" || exported[m] === null),
    ).toEqual([]);
  });

  // `asyncio-ts run` loads src/python/core.ts and only the stdlib modules a program names, by
  // the rule that `$py.NAME` is src/python/stdlib/NAME (codegen/run.ts, pythonShim).
  test("each stdlib namespace is its stdlib module; the rest of the runtime is core.ts", () => {
    expect([...STDLIB_NAMESPACES].filter((m) => stdlibNamespace(m) !== exported[m])).toEqual([]);
    const core = Object.keys(require("../../src/python/core")).sort();
    expect(
      Object.keys(exported)
        .filter((n) => !STDLIB_NAMESPACES.has(n))
        .sort(),
    ).toEqual(core);
    expect(core.filter((n) => STDLIB_NAMESPACES.has(n))).toEqual([]);
  });

  test("the contract declares nothing the runtime does not export", () => {
    expect(missingRuntimeNames()).toEqual([]);
  });

  test("typing, typing_extensions and collections.abc are runtime namespaces", () => {
    expect(runtimeNamespace("typing")).toBe($py.typing);
    expect(runtimeNamespace("collections.abc")).toBe($py.collections.abc);
    expect(
      ["typing", "typing_extensions", "collections.abc", "json"].map(runtimeModulePath),
    ).toEqual(["typing", "typing", "collections.abc", "json"]);
    expect(runtimeModulePath("sqlite3")).toBe(null);
    expect(transpile("import collections.abc\nimport typing as t\n", "ok.py").code).toContain(
      "const collections = $py.collections;\nconst t = $py.typing;",
    );
  });

  test("no builtin is both provided and refused", () => {
    expect([...UNSUPPORTED_BUILTINS].filter((n) => BUILTINS.has(n))).toEqual([]);
  });

  describe("what the runtime lacks is refused with its location", () => {
    test.each([
      ["print(dir())\n", "dir() without an argument at module level is not supported", 1, 6],
      [
        "class C:\n    x = locals()\n",
        "locals() without an argument in a class body is not supported",
        2,
        8,
      ],
      [
        "def f():\n    return [vars() for _ in 'ab']\n",
        "vars() without an argument in a comprehension body is not supported",
        2,
        12,
      ],
      ["import sqlite3\n", "module 'sqlite3' is not supported by asyncio-ts", 1, 7],
      ["from zoneinfo import ZoneInfo\n", "module 'zoneinfo' is not supported by asyncio-ts", 1, 0],
      [
        "from typing import cast, TypeVarTuple\n",
        "'TypeVarTuple' of module 'typing' is not supported",
        1,
        25,
      ],
      ["from math import nope\n", "'nope' of module 'math' is not supported", 1, 17],
      [
        "from asyncio import open_connection\n",
        "'open_connection' of module 'asyncio' is not supported",
        1,
        20,
      ],
      ["from contextvars import nope\n", "'nope' of module 'contextvars' is not supported", 1, 24],
      [
        "import asyncio\nasync def f():\n    await asyncio.start_server(None, '', 0)\n",
        "'start_server' of module 'asyncio' is not supported",
        3,
        10,
      ],
      [
        "import asyncio\nx = asyncio.subprocess.PIPE\n",
        "'subprocess' of module 'asyncio' is not supported",
        2,
        4,
      ],
    ])("%j", (py, message, line, col) => {
      let error: unknown = null;
      try {
        transpile(py, "bad.py");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CompileError);
      const e = error as CompileError;
      expect([e.kind, e.detail, e.loc]).toEqual([
        "Unsupported",
        message,
        { file: "bad.py", line, col },
      ]);
    });

    test("a shadowing definition is not refused", () => {
      expect(transpile("def dir(x):\n    return [x]\nprint(dir(1))\n", "ok.py").code).toContain(
        "function dir(",
      );
    });
  });
});

describe("the IR builder's copy of the CST", () => {
  test("answers every query the builder makes exactly as tree-sitter does", () => {
    const root = path.resolve(__dirname, "..", "..");
    const texts = [
      ...CASES.map((c) => c.code),
      'x = "é😀\\u1234"; y = f"{a!r:>{w}}é"\r\nz = 1\n',
      "match x:\n    case [1, *r] if r:\n        pass\n    case {'k': v} as w:\n        pass\n",
      // Tokens whose text is not their type, and extras (comments, continuations) among fields.
      "y = (a is  not b, c not \\\n in d)  # c\nz = f(  # note\n    1, k=2)[x : y]\n",
    ];
    // The language fixtures (the others add little syntax and would make this test slow).
    for (const dir of fs.readdirSync(path.join(root, "fixtures"))) {
      if (!dir.startsWith("lang_")) continue;
      for (const name of fs.readdirSync(path.join(root, "fixtures", dir))) {
        const file = path.join(root, "fixtures", dir, name, "main.py");
        if (fs.existsSync(file)) texts.push(fs.readFileSync(file, "utf8"));
      }
    }
    const fieldNames = new Set<string>();
    for (const t of (require("tree-sitter-python") as { nodeTypeInfo: { fields?: object }[] })
      .nodeTypeInfo) {
      for (const f of Object.keys(t.fields ?? {})) fieldNames.add(f);
    }
    type Node = {
      type: string;
      isNamed: boolean;
      startIndex: number;
      endIndex: number;
      text: string;
      startPosition: { row: number; column: number };
      lastChild: Node | null;
      children: Node[];
      namedChildren: Node[];
      childForFieldName(name: string): Node | null;
      childrenForFieldName(name: string): Node[];
    };
    const key = (n: Node | null) => (n === null ? null : `${n.type}@${n.startIndex}-${n.endIndex}`);
    const facts = (n: Node) => {
      const out: unknown[] = [
        key(n),
        n.isNamed,
        n.text,
        n.startPosition.row,
        n.startPosition.column,
        key(n.lastChild),
        n.children.map(key),
        n.namedChildren.map(key),
      ];
      // A leaf has no fields (and `children` is compared above).
      if (n.children.length > 0)
        for (const f of fieldNames) {
          out.push(key(n.childForFieldName(f)), n.childrenForFieldName(f).map(key));
        }
      return out;
    };
    let mismatches = 0;
    let nodes = 0;
    const compare = (a: Node, b: Node) => {
      nodes++;
      if (JSON.stringify(facts(a)) !== JSON.stringify(facts(b))) mismatches++;
      for (let i = 0; i < a.children.length; i++) compare(a.children[i]!, b.children[i]!);
    };
    for (const text of texts) {
      const tree = treeSitterParse(text);
      compare(tree as unknown as Node, copyTree(tree, text) as unknown as Node);
    }
    expect(nodes).toBeGreaterThan(10_000);
    expect(mismatches).toBe(0);
  });
});

describe("attribute hooks, property deleters, metaclass=ABCMeta", () => {
  test("a program defining __setattr__ stores through setattr; __dict__ items are the instance's", () => {
    const code = ts(
      'class P:\n    def __init__(self, a):\n        self.a = a\n        self.__dict__["b"] = 2\n\n    def __setattr__(self, k, v):\n        object.__setattr__(self, k, v)\n\np = P(1)\np.a += 1\ndel p.__dict__["b"]\ndel p.a\n',
    );
    expect(code).toContain('    setattr(self, "a", a);\n    $py.dictStore(self, "b", 2n);\n');
    expect(code).toContain(
      'setattr(p, "a", $py.iadd(getattr(p, "a"), 1n));\n$py.dictDelete(p, "b");\n$py.delattr(p, "a");\n',
    );
  });

  test("without __setattr__ stores stay property assignments; obj.x += v reads as any read", () => {
    const code = ts("class P:\n    pass\n\np = P()\np.a = 1\np.a += 1\n");
    // `p` is typed `P`, which declares no `a`: the store is cast so that the code type-checks.
    expect(code).toContain('(p as any).a = 1n;\n(p as any).a = $py.iadd(getattr(p, "a"), 1n);\n');
  });

  test("@x.deleter is given to the property after the class", () => {
    expect(
      ts(
        'class C:\n    @property\n    def x(self):\n        return 1\n\n    @x.deleter\n    def x(self):\n        print("del")\n',
      ),
    ).toContain(
      '$py.pyclass(C, "C");\n$py.propertyDeleter(C, "x", function (this: any): any {\n  const self = this;\n  print("del");\n  return null;\n});\n',
    );
  });

  test("metaclass=ABCMeta extends the runtime's _ABCMetaBase; an abstract property is marked", () => {
    const code = ts(
      "from abc import ABCMeta, abstractmethod\n\nclass Shape(metaclass=ABCMeta):\n    @property\n    @abstractmethod\n    def sides(self): ...\n",
    );
    expect(code).toContain("class Shape extends $py.abc._ABCMetaBase {\n");
    expect(code).toContain(
      '$py.pyclass(Shape, "Shape");\nabstractmethod(Object.getOwnPropertyDescriptor(Shape.prototype, "sides")!.get);\n',
    );
    expect(ts("class A(object, metaclass=type):\n    pass\n")).toContain("class A {\n");
  });
});

describe("calling attributes that hold data", () => {
  test("an attribute stored as data is called through $py.call; a method stays a method call", () => {
    const code = ts(
      "class Pool:\n    handler = None\n    def __init__(self, factory):\n        self.factory = factory\n    def make(self, h):\n        return self.factory(h), self.handler(), self.make2(h)\n    def make2(self, h):\n        return h\n",
    );
    expect(code).toContain('$py.call($py.checkAttr(self.factory, self, "factory"), h)');
    expect(code).toContain("$py.call(self.handler)");
    expect(code).toContain("self.make2(h)");
  });
});

describe("method calls on results of the typed asyncio API", () => {
  test("a possibly-null result gets a non-null assertion, so the code type-checks", () => {
    const code = ts(
      "import asyncio\nfrom asyncio import current_task\nasync def main():\n    print(asyncio.current_task().get_name(), current_task().get_name())\n",
    );
    expect(code).toContain("asyncio.current_task()!.get_name(), current_task()!.get_name()");
  });
});
