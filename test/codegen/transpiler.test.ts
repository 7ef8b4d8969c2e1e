/**
 * The transpiler in process: Python in -> TypeScript out (exact text for key features), errors
 * with their locations, the CLI's statuses, and type-checking of everything generated.
 *
 * One test file on purpose: tree-sitter's native binding cannot be loaded into a second jest
 * test context in the same worker, so every in-process use of the parser lives here (run.test.ts
 * runs programs in child processes).
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CompileError, transpile } from "../../codegen";
import { typecheck } from "../../codegen/typecheck";
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
import { kw, print, str } from "asyncio-ts/python";

const greet$sig = $py.signature("greet", ["name", "greeting", "*", "punct"], { greeting: "Hello", punct: "!" });
/**
 * Say hello.
 */
function greet(...$args: any[]): any {
  let [name, greeting, punct] = $py.bind(greet$sig, $args);
  return \`\${str(greeting)}, \${str(name)}\${str(punct)}\`;
}
print(greet("Ann", kw({ punct: "?" })));
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
print(($py.floordiv(total, 7n) as bigint), ratio * 0.5, 1n < n && n <= 5n);
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
    self.value = $py.iadd(self.value, self.step);
    return self.value;
  }
}
$py.pyclass(Counter, "Counter");
class Twice extends Counter {
  declare step: any;
  static step: any = 2n;
}
$py.pyclass(Twice, "Twice");
`);
  });

  test("for/else is a labeled block and except is an instanceof chain that re-raises", () => {
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

function find(items: any, target: any): any {
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
    const $err3 = $py.toPyException($e);
    if ($err3 instanceof TypeError || $err3 instanceof ZeroDivisionError) {
      e = $err3;
      print("error", e);
      throw $err3;
    } else {
      throw $err3;
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

  test("comments are kept", () => {
    expect(ts("# greeting\nprint('hi')  # trailing\n")).toContain(
      '// greeting\nprint("hi");\n// trailing\n',
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

  test("imports of sibling modules are ES imports", () => {
    const out = transpile(
      "import helpers\nfrom helpers import f\nprint(helpers.x, f())\n",
      "t.py",
      {
        siblings: ["helpers"],
      },
    ).code;
    expect(out).toContain('import * as helpers from "./helpers.js";');
    expect(out).toContain('import { f } from "./helpers.js";');
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
});

describe("unsupported constructs are refused, never mistranslated", () => {
  test.each([
    ["type Number = int | float\n", "the type statement is not supported", 1, 0],
    ["import numpy\n", "module 'numpy' is not supported by asyncio-ts", 1, 7],
    ["x = 1j\n", "complex literals is not supported", 1, 4],
    [
      "class A(B, C):\n    pass\nclass B: pass\nclass C: pass\n",
      "multiple inheritance is not supported",
      1,
      0,
    ],
    ["class A(metaclass=type):\n    pass\n", "class keyword 'metaclass=' is not supported", 1, 0],
    ["from os import *\n", "'from ... import *' is not supported", 1, 0],
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
    expect(r.stderr).toContain('  File "boom.py", line 7, in <module>\n    asyncio.run(main())\n');
    expect(r.stderr).toContain(
      "  File \"boom.py\", line 5, in main\n    raise ValueError('boom')\n",
    );
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

  test("transpile -o writes the module and its imported siblings", () => {
    const r = run("transpile", "app.py", "-o", "gen/app.ts");
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "gen", "app.ts"), "utf8")).toContain(
      'import * as helpers from "./helpers.js";',
    );
    expect(fs.readFileSync(path.join(dir, "gen", "helpers.ts"), "utf8")).toContain(
      "export function shout(",
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
