/**
 * Tracebacks through comprehensions, generator expressions and lambdas, as CPython 3.13.0 prints
 * them: list, set and dict comprehensions are inlined (PEP 709), so they add no frame; a
 * generator expression's frame is `<genexpr>`, a lambda's `<lambda>`. Each program runs at
 * module level and inside `def case():`. The expected texts are CPython's stderr without the
 * `~~~^^^` markers and the frames of asyncio's own files (docs/DIFFERENCES.md); `FILE` stands
 * for the program's path.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt, inFunction } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-tbc-")));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Case {
  name: string;
  title: string;
  code: string[];
  /** CPython's stderr at module level, one line per item. */
  stderr: string[];
  /** CPython's stderr inside `def case():` (absent: the program runs at module level only). */
  inFunction?: string[];
  stdout?: string;
}

const cases: Case[] = [
  {
    name: "list",
    title: "a list comprehension is inlined: no frame of its own",
    code: [
      "def f(x):",
      "    return 1 // x",
      "",
      "",
      "print([f(x) for x in [2, 1]])",
      "print([f(x) for x in [1, 0]])",
    ],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 6, in <module>',
      "    print([f(x) for x in [1, 0]])",
      '  File "FILE", line 2, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 9, in <module>',
      "    case()",
      '  File "FILE", line 7, in case',
      "    print([f(x) for x in [1, 0]])",
      '  File "FILE", line 3, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    stdout: "[0, 1]\n",
  },
  {
    name: "set",
    title: "a set comprehension is inlined: no frame of its own",
    code: ["def f(x):", "    return 1 // x", "", "", "print({f(x) for x in [1, 0]})"],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 5, in <module>',
      "    print({f(x) for x in [1, 0]})",
      '  File "FILE", line 2, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 8, in <module>',
      "    case()",
      '  File "FILE", line 6, in case',
      "    print({f(x) for x in [1, 0]})",
      '  File "FILE", line 3, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "dict",
    title: "a dict comprehension is inlined: no frame of its own",
    code: ["def f(x):", "    return 1 // x", "", "", "print({x: f(x) for x in [1, 0]})"],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 5, in <module>',
      "    print({x: f(x) for x in [1, 0]})",
      '  File "FILE", line 2, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 8, in <module>',
      "    case()",
      '  File "FILE", line 6, in case',
      "    print({x: f(x) for x in [1, 0]})",
      '  File "FILE", line 3, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "gen",
    title: "a generator expression consumed by sum() has a <genexpr> frame",
    code: ["def f(x):", "    return 1 // x", "", "", "print(sum(f(x) for x in [1, 0]))"],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 5, in <module>',
      "    print(sum(f(x) for x in [1, 0]))",
      '  File "FILE", line 5, in <genexpr>',
      "    print(sum(f(x) for x in [1, 0]))",
      '  File "FILE", line 2, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 8, in <module>',
      "    case()",
      '  File "FILE", line 6, in case',
      "    print(sum(f(x) for x in [1, 0]))",
      '  File "FILE", line 6, in <genexpr>',
      "    print(sum(f(x) for x in [1, 0]))",
      '  File "FILE", line 3, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "nested",
    title: "nested comprehensions: only the generator expression has a frame",
    code: [
      "def f(x):",
      "    return 1 // x",
      "",
      "",
      'print({k: [sum(f(x) for x in xs) for xs in v] for k, v in [("a", [[1, 0]])]})',
    ],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 5, in <module>',
      '    print({k: [sum(f(x) for x in xs) for xs in v] for k, v in [("a", [[1, 0]])]})',
      '  File "FILE", line 5, in <genexpr>',
      '    print({k: [sum(f(x) for x in xs) for xs in v] for k, v in [("a", [[1, 0]])]})',
      '  File "FILE", line 2, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 8, in <module>',
      "    case()",
      '  File "FILE", line 6, in case',
      '    print({k: [sum(f(x) for x in xs) for xs in v] for k, v in [("a", [[1, 0]])]})',
      '  File "FILE", line 6, in <genexpr>',
      '    print({k: [sum(f(x) for x in xs) for xs in v] for k, v in [("a", [[1, 0]])]})',
      '  File "FILE", line 3, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "lambdas",
    title: "a lambda made in a comprehension has a <lambda> frame",
    code: ["fs = [lambda x=x: 1 // x for x in [1, 0]]", "print([g() for g in fs])"],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 2, in <module>',
      "    print([g() for g in fs])",
      '  File "FILE", line 1, in <lambda>',
      "    fs = [lambda x=x: 1 // x for x in [1, 0]]",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 5, in <module>',
      "    case()",
      '  File "FILE", line 3, in case',
      "    print([g() for g in fs])",
      '  File "FILE", line 2, in <lambda>',
      "    fs = [lambda x=x: 1 // x for x in [1, 0]]",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "caught",
    title: "a caught exception's traceback starts at the try around the comprehension",
    code: [
      "import traceback",
      "",
      "",
      "def f(x):",
      "    return 1 // x",
      "",
      "",
      "try:",
      "    [f(x) for x in [1, 0]]",
      "except ZeroDivisionError:",
      "    traceback.print_exc()",
      "print(list(f(x) for x in [0]))",
    ],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 9, in <module>',
      "    [f(x) for x in [1, 0]]",
      '  File "FILE", line 5, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "Traceback (most recent call last):",
      '  File "FILE", line 12, in <module>',
      "    print(list(f(x) for x in [0]))",
      '  File "FILE", line 12, in <genexpr>',
      "    print(list(f(x) for x in [0]))",
      '  File "FILE", line 5, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
    inFunction: [
      "Traceback (most recent call last):",
      '  File "FILE", line 10, in case',
      "    [f(x) for x in [1, 0]]",
      '  File "FILE", line 6, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "Traceback (most recent call last):",
      '  File "FILE", line 15, in <module>',
      "    case()",
      '  File "FILE", line 13, in case',
      "    print(list(f(x) for x in [0]))",
      '  File "FILE", line 13, in <genexpr>',
      "    print(list(f(x) for x in [0]))",
      '  File "FILE", line 6, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "asynccomp",
    title: "an async comprehension (and the comprehension around it) is inlined",
    code: [
      "import asyncio",
      "",
      "",
      "def f(x):",
      "    return 1 // x",
      "",
      "",
      "async def agen():",
      "    yield 1",
      "    yield 0",
      "",
      "",
      "async def main():",
      "    print({x: [f(y) async for y in agen()] for x in [1]})",
      "",
      "",
      "asyncio.run(main())",
    ],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 17, in <module>',
      "    asyncio.run(main())",
      '  File "FILE", line 14, in main',
      "    print({x: [f(y) async for y in agen()] for x in [1]})",
      '  File "FILE", line 5, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
  {
    name: "asyncgen",
    title: "an async generator expression has a <genexpr> frame",
    code: [
      "import asyncio",
      "",
      "",
      "def f(x):",
      "    return 1 // x",
      "",
      "",
      "async def agen():",
      "    yield 1",
      "    yield 0",
      "",
      "",
      "async def main():",
      "    print([v async for v in (f(x) async for x in agen())])",
      "",
      "",
      "asyncio.run(main())",
    ],
    stderr: [
      "Traceback (most recent call last):",
      '  File "FILE", line 17, in <module>',
      "    asyncio.run(main())",
      '  File "FILE", line 14, in main',
      "    print([v async for v in (f(x) async for x in agen())])",
      '  File "FILE", line 14, in <genexpr>',
      "    print([v async for v in (f(x) async for x in agen())])",
      '  File "FILE", line 5, in f',
      "    return 1 // x",
      "ZeroDivisionError: integer division or modulo by zero",
      "",
    ],
  },
];

function check(file: string, source: string, expected: string[], stdout: string): void {
  fs.writeFileSync(path.join(dir, file), source);
  const r = cli(dir, ["run", file]);
  expect(r.err.split("\n")).toEqual(expected.map((l) => l.replace("FILE", path.join(dir, file))));
  expect(r.out).toBe(stdout);
  expect(r.status).toBe(1);
}

for (const c of cases) {
  const code = `${c.code.join("\n")}\n`;
  test(`${c.title} (module level)`, () => {
    check(`${c.name}.py`, code, c.stderr, c.stdout ?? "");
  }, 60_000);
  const inFn = c.inFunction;
  if (inFn !== undefined) {
    test(`${c.title} (inside a function)`, () => {
      check(`${c.name}_fn.py`, inFunction(code), inFn, c.stdout ?? "");
    }, 60_000);
  }
}
