/**
 * Class methods and special methods read through a program's classes, differential:
 * - a `@classmethod` read as a value (`map(Pt.parse, lines)`, `loop.call_soon(C.create, 1)`,
 *   `functools.partial(C.create)`, `f = cls.create`) is bound to the class it is read through
 *   (through a subclass, the subclass); it was the bare JS static method, whose `cls` was None.
 *   Its type is `method`, `__self__` the class, `inspect.signature` leaves `cls` out, and a
 *   `@staticmethod` stays a plain function;
 * - `C.__init__(obj, ...)` where `C` inherits `__init__` from a builtin base (`Exception`), and
 *   `C.__eq__`/`C.__repr__`/`C.__hash__`/... that `C` inherits from object: called through the
 *   runtime's lookup (they are no JS properties of the class; the direct call crashed).
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "classmethods_read_as_values",
    code: 'import asyncio, functools, enum, inspect\nfrom dataclasses import dataclass\n\nclass Base:\n    registry = []\n    @classmethod\n    def create(cls, *args, **kw):\n        obj = cls()\n        obj.args = args\n        obj.kw = kw\n        cls.registry.append(cls.__name__)\n        return obj\n    @staticmethod\n    def norm(s):\n        return s.strip().lower()\n    @classmethod\n    async def acreate(cls, n):\n        await asyncio.sleep(0)\n        return cls.create(n)\n    @classmethod\n    def chain(cls):\n        f = cls.create\n        return f(1, k=2).args, type(f).__name__, f.__self__ is cls\n\nclass Child(Base):\n    @classmethod\n    def create(cls, *args, **kw):\n        obj = super().create(*args, **kw)\n        obj.child = True\n        return obj\n\n@dataclass\nclass Pt:\n    x: int\n    y: int\n    @classmethod\n    def parse(cls, s):\n        a, b = s.split(",")\n        return cls(int(a), int(b))\n\nclass Color(enum.Enum):\n    RED = 1\n    GREEN = 2\n    @classmethod\n    def named(cls, s):\n        return cls[s.upper()]\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    print(list(map(Pt.parse, ["1,2", "3,4"])))\n    print(sorted([" B", "a "], key=Base.norm), type(Base.norm).__name__, inspect.isfunction(Base.norm))\n    print(list(map(Color.named, ["red", "green"])))\n    mk = functools.partial(Child.create, 7)\n    o = mk(z=1)\n    print(o.args, o.kw, o.child, Base.registry)\n    print(Child.chain(), Base.chain())\n    h = loop.call_soon(Child.create, 9)\n    print(repr(h))\n    t = asyncio.create_task(Child.acreate(5))\n    r = await t\n    print(r.args, r.child)\n    ac = Child.acreate\n    print(inspect.iscoroutinefunction(ac), (await ac(6)).args)\n    res = await loop.run_in_executor(None, Pt.parse, "5,6")\n    print(res)\n    print(Child.create.__func__ is Base.create.__func__, Child.create.__qualname__, Base.create.__name__)\n    print(getattr(Child(), "create").__self__ is Child)\n\nasyncio.run(main())\n',
    expected:
      "[Pt(x=1, y=2), Pt(x=3, y=4)]\n['a ', ' B'] function True\n[<Color.RED: 1>, <Color.GREEN: 2>]\n(7,) {'z': 1} True ['Child']\n((1,), 'method', True) ((1,), 'method', True)\n<Handle Child.create()>\n(5,) True\nTrue (6,)\nPt(x=5, y=6)\nFalse Child.create create\nTrue\n",
    expectedInFunction:
      "[case.<locals>.Pt(x=1, y=2), case.<locals>.Pt(x=3, y=4)]\n['a ', ' B'] function True\n[<Color.RED: 1>, <Color.GREEN: 2>]\n(7,) {'z': 1} True ['Child']\n((1,), 'method', True) ((1,), 'method', True)\n<Handle case.<locals>.Child.create()>\n(5,) True\nTrue (6,)\ncase.<locals>.Pt(x=5, y=6)\nFalse case.<locals>.Child.create create\nTrue\n",
  },
  {
    name: "classmethod_reprs_and_identity",
    code: "import asyncio, inspect\nclass Svc:\n    count = 0\n    @classmethod\n    def cm(cls, x):\n        cls.count += x\n        return cls.__name__, x\n    def m(self):\n        return 1\nclass Sub(Svc):\n    pass\nf = Svc.cm\nprint(f(2), Sub.cm(3), Svc.count, Sub.count)\nprint(type(Svc.cm).__name__, Svc.cm.__self__, Sub.cm.__self__, Svc().cm.__self__)\nprint(Svc.cm.__name__, Svc.cm.__qualname__, Svc.cm.__func__.__name__)\nprint(inspect.ismethod(Svc.cm), inspect.isfunction(Svc.m), inspect.ismethod(Svc().m))\nprint(Svc.cm == Svc.cm, Svc.cm is Svc.cm)\nasync def main():\n    loop = asyncio.get_running_loop()\n    print(repr(loop.call_soon(Svc.cm, 5)))\n    print(repr(loop.call_soon(Svc().m)))\n    await asyncio.sleep(0)\n    print(Svc.count)\nasyncio.run(main())\n",
    expected:
      "('Svc', 2) ('Sub', 3) 2 5\nmethod <class '__main__.Svc'> <class '__main__.Sub'> <class '__main__.Svc'>\ncm Svc.cm cm\nTrue True True\nTrue False\n<Handle Svc.cm()>\n<Handle Svc.m()>\n7\n",
    expectedInFunction:
      "('Svc', 2) ('Sub', 3) 2 5\nmethod <class '__main__.case.<locals>.Svc'> <class '__main__.case.<locals>.Sub'> <class '__main__.case.<locals>.Svc'>\ncm case.<locals>.Svc.cm cm\nTrue True True\nTrue False\n<Handle case.<locals>.Svc.cm()>\n<Handle case.<locals>.Svc.m()>\n7\n",
  },
  {
    name: "special_methods_through_program_classes",
    code: 'class A:\n    pass\nclass Base:\n    def __init__(self, v=0):\n        self.v = v\n    def __repr__(self):\n        return f"{type(self).__name__}({self.v})"\nclass Child(Base):\n    pass\nclass E(Exception):\n    pass\na = A()\nc = Child(1)\nChild.__init__(c, 5)\nprint(c)\ne = E("x")\nE.__init__(e, "boom")\nprint(repr(e), e.args)\nprint(A.__eq__(a, a), A.__hash__(a) == hash(a), A.__repr__(a) == repr(a), Base.__repr__(c))\nprint(A.__str__(a) == str(a), Child.__repr__(c), A.__ne__(a, 1), E.__str__(e))\nA.__init__(a)\nprint(A.__init_subclass__())\n',
    expected:
      "Child(5)\nE('boom') ('boom',)\nTrue True True Child(5)\nTrue Child(5) NotImplemented boom\nNone\n",
  },
];

describe("class methods and special methods through classes, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-class-methods-");
  typecheckCasesTest(() => dir, CASES);
});
