/**
 * CPython's compile-time errors the parser and the compiler's symbol table raise and tree-sitter
 * lets through (codegen/symtable.ts, codegen/ir.ts, codegen/parse.ts, codegen/analyze.ts):
 * `global`/`nonlocal` after a use, an assignment, an annotation or as a parameter; assignment
 * expressions in comprehension iterables, rebinding iteration variables or in a class body;
 * `yield` in a comprehension; `return` in a class body; an unparenthesized generator argument
 * and a tuple after a comprehension's `in`; a conditional expression without `else`; a
 * compound statement's header without its colon; the order of parameters; number literals
 * (leading zeros, misplaced underscores); an f-string's conversion character; `except A, B:`;
 * alternatives of a pattern binding different names; `**rest` not last; `await` and
 * asynchronous comprehensions in a class body of an async function; CPython's messages for
 * assigning to what cannot be assigned (`f() = 1`, `if x = 1:`) and a forgotten comma in
 * brackets (`[1 2]`); `*x` where it cannot be. Each expectation (kind, message, line,
 * 0-based column) is what CPython 3.13.0's `compile()` reported for the source.
 *
 * Then programs (recorded from CPython 3.13.0 with /tmp/rec/record.py) for what used to be
 * refused or mistranslated: `await` or `yield` in a comprehension's first iterable (evaluated in
 * the function around it; an asynchronous generator expression's first iterable too, when it is
 * made, not when it is first iterated), Python 2's `print >> f, x` (valid Python 3: a tuple whose
 * first item raises CPython's TypeError with its hint), a backslash continuation between call
 * arguments, parenthesized single targets (`(x): int = 1`, `(z) = 5`: not tuples), the valid
 * forms of `*x` (with `x[*a]`), an asynchronous generator expression made in a plain `def` (also
 * one that awaits), and a conditional expression as a base class (`class E(A if c else B):`,
 * once emitted unparenthesized), and generated code that failed to type-check: a class attribute
 * over a base's property, an instance method over a base's static method.
 */

import { CompileError, transpile } from "../../codegen";
import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

function compileError(py: string): CompileError | null {
  try {
    transpile(py, "bad.py");
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  return null;
}

describe("CPython's compile-time errors", () => {
  test.each([
    [
      "async def f():\n    class C:\n        x = await g()\n",
      "SyntaxError",
      "'await' outside function",
      3,
      12,
    ],
    [
      "async def f():\n    class C:\n        x = [await g() for _ in y]\n",
      "SyntaxError",
      "asynchronous comprehension outside of an asynchronous function",
      3,
      12,
    ],
    [
      "def f(z):\n    return [(yield from z) for i in z]\n",
      "SyntaxError",
      "'yield' inside list comprehension",
      2,
      13,
    ],
    [
      "def f(z):\n    return {(yield i) for i in z}\n",
      "SyntaxError",
      "'yield' inside set comprehension",
      2,
      13,
    ],
    [
      "def f(z):\n    return {i: (yield) for i in z}\n",
      "SyntaxError",
      "'yield' inside dict comprehension",
      2,
      16,
    ],
    [
      "def f(z):\n    return ((yield) for i in z)\n",
      "SyntaxError",
      "'yield' inside generator expression",
      2,
      13,
    ],
    ["class A:\n    return 1\n", "SyntaxError", "'return' outside function", 2, 4],
    [
      "class A:\n    [(y := 1) for i in range(2)]\n",
      "SyntaxError",
      "assignment expression within a comprehension cannot be used in a class body",
      2,
      6,
    ],
    [
      "[i for i in (j := [1])]\n",
      "SyntaxError",
      "assignment expression cannot be used in a comprehension iterable expression",
      1,
      13,
    ],
    [
      "x = [(y := i) for i in range(3) for y in range(2)]\n",
      "SyntaxError",
      "assignment expression cannot rebind comprehension iteration variable 'y'",
      1,
      6,
    ],
    [
      "[i := 0 for i in range(3)]\n",
      "SyntaxError",
      "assignment expression cannot rebind comprehension iteration variable 'i'",
      1,
      1,
    ],
    [
      "def f():\n    return [[(i := 0) for j in range(2)] for i in range(2)]\n",
      "SyntaxError",
      "assignment expression cannot rebind comprehension iteration variable 'i'",
      2,
      14,
    ],
    [
      "def g():\n    x = 1\n    global x\n",
      "SyntaxError",
      "name 'x' is assigned to before global declaration",
      3,
      4,
    ],
    [
      "def g():\n    print(x)\n    global x\n",
      "SyntaxError",
      "name 'x' is used prior to global declaration",
      3,
      4,
    ],
    [
      "def g():\n    x += 1\n    global x\n",
      "SyntaxError",
      "name 'x' is assigned to before global declaration",
      3,
      4,
    ],
    ["def g(x):\n    global x\n", "SyntaxError", "name 'x' is parameter and global", 2, 4],
    [
      "def g():\n    x: int = 1\n    global x\n",
      "SyntaxError",
      "annotated name 'x' can't be global",
      3,
      4,
    ],
    [
      "def g():\n    y = 1\n    def h():\n        y = 2\n        nonlocal y\n",
      "SyntaxError",
      "name 'y' is assigned to before nonlocal declaration",
      5,
      8,
    ],
    [
      "def g(x):\n    def h(x):\n        nonlocal x\n",
      "SyntaxError",
      "name 'x' is parameter and nonlocal",
      3,
      8,
    ],
    [
      "def g():\n    global x\n    nonlocal x\n",
      "SyntaxError",
      "name 'x' is nonlocal and global",
      2,
      4,
    ],
    ["x = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 0],
    [
      "f(x for x in range(3), 1)\n",
      "SyntaxError",
      "Generator expression must be parenthesized",
      1,
      2,
    ],
    ["f(x for x in y,)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 2],
    ["[x for x in 1, 2]\n", "SyntaxError", "invalid syntax", 1, 13],
    ["x = 1 if 2\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 4],
    ["print(a if b)\n", "SyntaxError", "expected 'else' after 'if' expression", 1, 6],
    ["if x\n    pass\n", "SyntaxError", "expected ':'", 1, 4],
    ["def f()\n    pass\n", "SyntaxError", "expected ':'", 1, 7],
    ["try\n    pass\nexcept:\n    pass\n", "SyntaxError", "expected ':'", 1, 3],
    ["try:\n    pass\nexcept ValueError\n    pass\n", "SyntaxError", "expected ':'", 3, 17],
    ["for i in range(3)\n    print(i)\n", "SyntaxError", "expected ':'", 1, 17],
    ['with open("f") as g\n    pass\n', "SyntaxError", "expected ':'", 1, 19],
    ["async def f():\n    async for x in y\n        pass\n", "SyntaxError", "expected ':'", 2, 20],
    [
      "def f(x=1, y):\n    pass\n",
      "SyntaxError",
      "parameter without a default follows parameter with a default",
      1,
      11,
    ],
    ["def f(*):\n    pass\n", "SyntaxError", "named arguments must follow bare *", 1, 6],
    ["def f(*, **k):\n    pass\n", "SyntaxError", "named arguments must follow bare *", 1, 6],
    [
      "def f(**k, a):\n    pass\n",
      "SyntaxError",
      "arguments cannot follow var-keyword argument",
      1,
      11,
    ],
    [
      "lambda x=1, y: x\n",
      "SyntaxError",
      "parameter without a default follows parameter with a default",
      1,
      12,
    ],
    [
      "def f(a, b=1, /, c):\n    pass\n",
      "SyntaxError",
      "parameter without a default follows parameter with a default",
      1,
      17,
    ],
    [
      "x = 0777\n",
      "SyntaxError",
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      1,
      4,
    ],
    ["x = 1_000_\n", "SyntaxError", "invalid decimal literal", 1, 9],
    ["x = 1.5_\n", "SyntaxError", "invalid decimal literal", 1, 7],
    ["x = 1_.5\n", "SyntaxError", "invalid decimal literal", 1, 5],
    [
      'print(f"{x!z}")\n',
      "SyntaxError",
      "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'",
      1,
      11,
    ],
    [
      "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
      "SyntaxError",
      "multiple exception types must be parenthesized",
      3,
      7,
    ],
    [
      "match x:\n    case 1 | y:\n        pass\n",
      "SyntaxError",
      "alternative patterns bind different names",
      2,
      9,
    ],
    [
      "match x:\n    case [a] | [b]:\n        pass\n",
      "SyntaxError",
      "alternative patterns bind different names",
      2,
      9,
    ],
    [
      'match x:\n    case {**rest, "a": 1}:\n        pass\n',
      "SyntaxError",
      "invalid syntax",
      2,
      18,
    ],
    [
      "async def g():\n    yield 1\n    return 2\n",
      "SyntaxError",
      "'return' with value in async generator",
      3,
      4,
    ],
    ["[a, b]: int\n", "SyntaxError", "only single target (not list) can be annotated", 1, 0],
    [
      "(a, b): int = 1, 2\n",
      "SyntaxError",
      "only single target (not tuple) can be annotated",
      1,
      0,
    ],
    [
      "try:\n    pass\nexcept* ValueError:\n    break\n",
      "SyntaxError",
      "'break', 'continue' and 'return' cannot appear in an except* block",
      4,
      4,
    ],
    [
      "for x in y:\n    try:\n        pass\n    except* ValueError:\n        for z in x:\n            break\n        continue\n",
      "SyntaxError",
      "'break', 'continue' and 'return' cannot appear in an except* block",
      7,
      8,
    ],
    ["True = 1\n", "SyntaxError", "cannot assign to True", 1, 0],
    ["None = 1\n", "SyntaxError", "cannot assign to None", 1, 0],
    [
      "... = 1\n",
      "SyntaxError",
      "cannot assign to ellipsis here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "1 = x\n",
      "SyntaxError",
      "cannot assign to literal here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      '"a" = 1\n',
      "SyntaxError",
      "cannot assign to literal here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "f() = 1\n",
      "SyntaxError",
      "cannot assign to function call here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "a + 1 = 2\n",
      "SyntaxError",
      "cannot assign to expression here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "-a = 1\n",
      "SyntaxError",
      "cannot assign to expression here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    ["a < b = 1\n", "SyntaxError", "cannot assign to comparison", 1, 0],
    [
      "(a if b else c) = 1\n",
      "SyntaxError",
      "cannot assign to conditional expression here. Maybe you meant '==' instead of '='?",
      1,
      1,
    ],
    ["lambda: 1 = 1\n", "SyntaxError", "cannot assign to lambda", 1, 0],
    [
      "[x for x in y] = 1\n",
      "SyntaxError",
      "cannot assign to list comprehension here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "{1: 2} = 1\n",
      "SyntaxError",
      "cannot assign to dict literal here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      "{1} = 1\n",
      "SyntaxError",
      "cannot assign to set display here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    [
      'f"x" = 1\n',
      "SyntaxError",
      "cannot assign to f-string expression here. Maybe you meant '==' instead of '='?",
      1,
      0,
    ],
    ["a and b = 1\n", "SyntaxError", "cannot assign to expression", 1, 0],
    ["x = f() = 1\n", "SyntaxError", "cannot assign to function call", 1, 4],
    [
      "if x = 1:\n    pass\n",
      "SyntaxError",
      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
      1,
      3,
    ],
    [
      "while x = 1:\n    pass\n",
      "SyntaxError",
      "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
      1,
      6,
    ],
    ["x = [1 2]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5],
    ["f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 2],
    ["x = (1 2)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5],
    ["x = {1 2}\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5],
    ['print("a" "b" c)\n', "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6],
    ["x = [1, 2 3]\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 8],
    ["def f():\n    x = 1\n    y = 2 3\n", "SyntaxError", "invalid syntax", 3, 10],
    ["*a = [1]\n", "SyntaxError", "starred assignment target must be in a list or tuple", 1, 0],
    ["x = *a\n", "SyntaxError", "can't use starred expression here", 1, 4],
    ["del *a\n", "SyntaxError", "cannot delete starred", 1, 4],
    [
      "[*x for x in y]\n",
      "SyntaxError",
      "iterable unpacking cannot be used in comprehension",
      1,
      1,
    ],
    [
      "print(*a for a in b)\n",
      "SyntaxError",
      "iterable unpacking cannot be used in comprehension",
      1,
      6,
    ],
    ["a, b = *c\n", "SyntaxError", "can't use starred expression here", 1, 7],
    [
      "for *x in y:\n    pass\n",
      "SyntaxError",
      "starred assignment target must be in a list or tuple",
      1,
      4,
    ],
    [
      "def f():\n    return [x async for x in y]\n",
      "SyntaxError",
      "asynchronous comprehension outside of an asynchronous function",
      2,
      11,
    ],
  ])("%j", (source, kind, detail, line, col) => {
    const e = compileError(source);
    expect(e && [e.kind, e.detail, e.loc.line, e.loc.col]).toEqual([kind, detail, line, col]);
  });

  test("reading the module's __annotations__ is refused, not a NameError at run time", () => {
    const e = compileError("x: int = 1\nprint(__annotations__)\n");
    expect(e && [e.kind, e.detail, e.loc.line, e.loc.col]).toEqual([
      "Unsupported",
      "reading the module's '__annotations__' is not supported",
      2,
      6,
    ]);
  });

  test("valid declarations and assignment expressions still compile", () => {
    for (const source of [
      "def g():\n    import json\n    global json\n",
      "def g():\n    global x\n    x = 1\n",
      "[(j := 1) for i in range(2) if (k := i)]\n",
      "def f():\n    return [[(t := v) for v in row] for row in [[1]]], t\n",
      "def f(z):\n    return [i for i in (yield z)]\n",
      "def f():\n    lambda: (y := 1)\n    global x\n",
      "def f(a=1, /, b=2, *, c, d=3, **e):\n    pass\n",
      "x = (00, 0_0, 0x_ff, 007.5, 09.5, 1_000.5e1_0)\n",
      "match x:\n    case [a] | (a,):\n        pass\n",
      "def f():\n    return ((await g() for x in y) for z in w)\n",
      "def f():\n    return ([await g() for x in y] for z in w)\n",
      "async def f():\n    class C:\n        x = (await g() for _ in y)\n",
    ])
      expect([source, compileError(source)]).toEqual([source, null]);
  });
});

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "await_in_genexpr_of_def",
    code: "import asyncio\n\nasync def val(x):\n    await asyncio.sleep(0)\n    return x * 2\n\ndef make(items):\n    return (await val(x) for x in items)\n\nasync def main():\n    g = make([1, 2, 3])\n    print(type(g).__name__, [v async for v in g])\n\nasyncio.run(main())\n",
    expected: "async_generator [2, 4, 6]\n",
  },
  {
    name: "first_iterable_and_print_chevron",
    code: 'import asyncio\nimport sys\n\n\nasync def items(n):\n    await asyncio.sleep(0)\n    return list(range(n))\n\n\ndef collector():\n    got = [x * 10 for x in (yield "ready")]\n    yield got\n\n\nasync def main():\n    print([x * 2 for x in await items(3)], {x % 2 for x in await items(4)})\n    print({k: k * k for k in await items(3)}, sum(x for x in await items(5)))\n    print([y for x in await items(3) for y in range(x)])\n    g = collector()\n    print(next(g), g.send([1, 2, 3]))\n    try:\n        print >> sys.stderr, "message"\n    except TypeError as e:\n        print("TypeError:", e)\n    try:\n        print >> 1\n    except TypeError as e:\n        print("TypeError:", e)\n    f = lambda *a, **k: (a, sorted(k))\n    print(f(1, return_value=2, \\\n            create=True))\n\n\nasyncio.run(main())\n',
    expected:
      "[0, 2, 4] {0, 1}\n{0: 0, 1: 1, 2: 4} 10\n[0, 0, 1]\nready [10, 20, 30]\nTypeError: unsupported operand type(s) for >>: 'builtin_function_or_method' and '_io.TextIOWrapper'. Did you mean \"print(<message>, file=<output_stream>)\"?\nTypeError: unsupported operand type(s) for >>: 'builtin_function_or_method' and 'int'. Did you mean \"print(<message>, file=<output_stream>)\"?\n((1,), ['create', 'return_value'])\n",
  },
  {
    name: "parenthesized_targets",
    code: "(x): int = 1\n(z) = 5\nfor (w) in [1, 2]:\n    print(w, z, x)\n[(q)] = [7]\n((r)), s = 8, 9\nprint(q, r, s)\n",
    expected: "1 5 1\n2 5 1\n7 8 9\n",
  },
  {
    name: "starred_forms",
    code: 'import asyncio\na = [1, 2]\nb = (3,)\nprint([*a, *b], (*a, *b), {*a}, {**{"k": 1}}, *a, *b)\nx = *a, *b\nfirst, *rest = [*a, *b]\nfor y in *a, *b:\n    print(y, end=" ")\nprint(x, first, rest)\ndef f(*args, **kw):\n    return args, kw\nprint(f(*a, *b, **{"z": 1}))\ndef g():\n    return *a, *b\nprint(g())\nasync def agen():\n    for i in range(3):\n        yield i\ndef make():\n    return (v * 2 async for v in agen())\nasync def main():\n    print([v async for v in make()])\nasyncio.run(main())\nclass A:\n    def __getitem__(self, k):\n        return k\nprint(A()[*a], A()[0, *a])\n',
    expected:
      "[1, 2, 3] (1, 2, 3) {1, 2} {'k': 1} 1 2 3\n1 2 3 (1, 2, 3) 1 [2, 3]\n((1, 2, 3), {'z': 1})\n(1, 2, 3)\n[0, 2, 4]\n(1, 2) (0, 1, 2)\n",
  },
  {
    name: "conditional_base",
    code: 'class E(ValueError if True else KeyError):\n    pass\nprint(E("x"), E.__mro__[1].__name__)\nimport asyncio\nfrom dataclasses import dataclass\n@dataclass\nclass Ev(asyncio.Event if False else Exception):\n    code: int = 0\nprint(repr(Ev(3)))\n',
    expected: "x ValueError\nEv(code=3)\n",
    expectedInFunction: "x ValueError\ncase.<locals>.Ev(code=3)\n",
  },
  {
    name: "override_shapes",
    code: 'from abc import ABC, abstractmethod\n\n\nclass Repo(ABC):\n    @property\n    @abstractmethod\n    def size(self): ...\n\n    @staticmethod\n    @abstractmethod\n    def kind(): ...\n\n\nclass Impl(Repo):\n    size = 3\n\n    @staticmethod\n    def kind():\n        return "i"\n\n\nclass Impl2(Impl):\n    def kind(self):\n        return "k"\n\n\nprint(Impl().size, Impl2().kind())\n',
    expected: "3 k\n",
  },
  {
    name: "async_genexpr_first_iterable",
    code: 'import asyncio\ndef src():\n    print("first iterable evaluated")\n    return agen()\nasync def agen():\n    yield 1\nasync def main():\n    g = (x async for x in src())\n    print("made")\n    print([v async for v in g])\nasyncio.run(main())\n',
    expected: "first iterable evaluated\nmade\n[1]\n",
  },
];

describe("first iterables that suspend, print chevrons, continued arguments, targets", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-symtable-errors-");
  typecheckCasesTest(() => dir, CASES);
});
