/**
 * Class attributes holding functions (src/python/protocol.ts `classAttributeView`, lang.ts
 * `pyclass`, descriptors.ts `defineClassMethod`): a Python function or method descriptor stored
 * in a class body (`h = helper`, `twice = lambda self: ...`, `__hash__ = object.__hash__`) binds
 * to the instance it is read through; a builtin function (`ln = len`) does not and keeps its
 * name; `classmethod(f)` objects pass the class they are read through, however they are called
 * (`C.cm()`, `f = C.cm; f()`); and a class attribute stored after the class body (`C.g = helper`,
 * `setattr(C, ...)`, `C.__repr__ = ...`) is seen by existing instances as CPython's are. The
 * generated TypeScript of each type-checks, as does a class over a call-made base
 * (`class P(namedtuple(...))`) and a store over a `@cached_property`.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "class_attributes_holding_functions",
    code: 'def helper(self, x=0):\n    return ("helper", type(self).__name__, x)\n\n\nclass V:\n    h = helper\n    twice = lambda self: self.k * 2\n    ln = len\n    r = repr\n    k = 5\n    __hash__ = object.__hash__\n    cm = classmethod(lambda cls: cls.__name__)\n    sm = staticmethod(len)\n\n    def __eq__(self, other):\n        return isinstance(other, V)\n\n\nclass W(V):\n    k = 7\n\n\nv, w = V(), W()\nprint(v.h(1), w.h(2), v.twice(), w.twice(), v.ln("abc"), v.r(3))\nprint(V.h is helper, v.ln is len, V.cm(), W.cm(), w.cm(), v.sm("ab"))\nf = W.cm\nprint(f(), hash(v) == hash(v), {v: 1}[v], v == w, len({v, w}))\nprint(type(v.h).__name__, type(v.ln).__name__, type(V.h).__name__, v.h.__name__)\nV.g = helper\nV.n = 10\nsetattr(V, "s", lambda self: ("s", self.n))\nprint(v.g(3), w.g(4), v.n, w.n, v.s(), getattr(w, "s")())\nV.__repr__ = lambda self: f"<{type(self).__name__} k={self.k}>"\nprint(v, [w], repr(v))\nv.n = 1\nprint(v.n, w.n, V.n)\n',
    expected:
      "('helper', 'V', 1) ('helper', 'W', 2) 10 14 3 3\nTrue True V W W 2\nW True 1 True 2\nmethod builtin_function_or_method function helper\n('helper', 'V', 3) ('helper', 'W', 4) 10 10 ('s', 10) ('s', 10)\n<V k=5> [<W k=7>] <V k=5>\n1 10 10\n",
  },
  {
    name: "classmethod_objects",
    code: 'class V:\n    cm = classmethod(lambda cls: cls.__name__)\n    sm = staticmethod(len)\n    def f(cls):\n        return cls.__name__\n    g = classmethod(f)\nprint(V.cm(), V().cm(), V.g(), V().g(), V.sm("ab"), V().sm("abc"))\n',
    expected: "V V V V 2 3\n",
  },
  {
    name: "decorated_static_and_class_methods",
    code: 'import functools\ndef deco(f):\n    @functools.wraps(f)\n    def w(*a):\n        return ("w", f(*a))\n    return w\nclass V:\n    @staticmethod\n    @deco\n    def s(x):\n        return x\n    @classmethod\n    @deco\n    def c(cls, x):\n        return cls.__name__, x\n    @deco\n    def m(self, x):\n        return x\nclass W(V):\n    pass\nprint(V.s(1), V().s(2), V.c(3), W.c(4), W().c(5), V().m(6), W().m(7))\n',
    expected:
      "('w', 1) ('w', 2) ('w', ('V', 3)) ('w', ('W', 4)) ('w', ('W', 5)) ('w', 6) ('w', 7)\n",
  },
  {
    name: "call_made_base_and_store_over_cached_property",
    code: 'from collections import namedtuple\nfrom functools import cached_property\n\n\nclass P2(namedtuple("P2", "x y")):\n    def norm(self):\n        return self.x + self.y\n\n\nclass C:\n    @cached_property\n    def val(self):\n        return 3\n\n\np = P2(1, 2)\nprint(p, p.norm())\nc = C()\nc.val = 5\nprint(c.val)\n',
    expected: "P2(x=1, y=2) 3\n5\n",
  },
  {
    name: "class_attribute_func",
    code: 'def helper(self, x=1):\n    return ("helper", type(self).__name__, x)\nclass V:\n    h = helper\n    def m(self):\n        return 1\nclass W(V):\n    pass\nv = V()\nprint(v.h(), v.h.__func__ is helper, V.h is helper, v.m.__func__ is V.m, V.__dict__["h"] is helper, v.h.__self__ is v)\nprint(W().h.__func__ is helper, "h" in W.__dict__, sorted(k for k in V.__dict__ if not k.startswith("__")))\nV.g = helper\nprint(v.g(5), v.g.__func__ is helper, V.g is helper, V.__dict__["g"] is helper)\nprint(v.h.__name__, v.h.__qualname__, repr(v.h).startswith("<bound method helper of <__main__.V object"))\n',
    expected:
      "('helper', 'V', 1) True True True True True\nTrue False ['h', 'm']\n('helper', 'V', 5) True True True\nhelper helper True\n",
    expectedInFunction:
      "('helper', 'V', 1) True True True True True\nTrue False ['h', 'm']\n('helper', 'V', 5) True True True\nhelper case.<locals>.helper False\n",
  },
];

describe("class attributes holding functions", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-class-functions-");
  typecheckCasesTest(() => dir, CASES);
});
