/**
 * Names a module defines more than once: functions and methods redefined in the same scope, the
 * `def _` functions of `@singledispatch`'s `register`, `@overload` stubs before the
 * implementation. Each definition's argument binder has a constant of its own (`h$sig`,
 * `h$sig2`): before, the second one redeclared the first and the program failed to load.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "redefined_functions",
    code: 'from functools import singledispatch\nfrom typing import overload\n\n\n@singledispatch\ndef show(x):\n    return f"obj {x!r}"\n\n\n@show.register\ndef _(x: int, *rest):\n    return f"int {x}"\n\n\n@show.register(list)\ndef _(x, *rest):\n    return "list " + ",".join(show(i) for i in x)\n\n\n@show.register(str)\n@show.register(bytes)\ndef _(x, *rest):\n    return f"text {x!r}"\n\n\nprint(show(1), show("a"), show(b"b"), show([1, "x", 2.5]), show(None), _.__name__)\n\n\n@overload\ndef scale(x: int, *, by: int = 2) -> int: ...\n@overload\ndef scale(x: float, *, by: int = 2) -> float: ...\ndef scale(x, *, by=2):\n    return x * by\n\n\nprint(scale(3), scale(1.5, by=3))\n\n\ndef h(*a):\n    return 1\n\n\ndef h(*a, **k):\n    return 2, a, k\n\n\nprint(h(1, z=3))\n',
    expected:
      "int 1 text 'a' text b'b' list int 1,text 'x',obj 2.5 obj None _\n6 4.5\n(2, (1,), {'z': 3})\n",
  },
];

describe("names defined more than once, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-redefinitions-");
  typecheckCasesTest(() => dir, CASES);
});
