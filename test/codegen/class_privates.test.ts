/**
 * Differential testing of private name mangling (codegen/private_names.ts): `self.__x`, `def
 * __helper`, class attributes, parameters, `global`/`nonlocal`, comprehensions, lambdas, nested
 * functions and classes, walrus and `except ... as` names, `__slots__` entries, a base's and a
 * subclass's private attributes kept apart, the written `__name__`/`__qualname__` and traceback
 * frame names of mangled methods; what is not mangled (strings, call keywords, class pattern
 * keywords, names of all-underscore classes). Then methods decorated with a class of the program
 * (with and without `__get__`, called and read through instances and the class), and the class
 * attributes JS reserves (`constructor`, `prototype`), refused with their location, and
 * `getattr`/`hasattr` of those names and `__proto__` (missing on every object, as in CPython).
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`
 * (/tmp/rec/record.py).
 */

import { CompileError, transpile } from "../../codegen";
import {
  type ProgramCase,
  programCaseTests,
  refusalReport,
  transpileFile,
  typecheckCasesTest,
} from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "js_object_properties",
    code: 'class A:\n    pass\na = A()\nprint(hasattr(a, "constructor"), getattr(a, "__proto__", "none"), hasattr(A, "prototype"), hasattr(len, "constructor"))\ntry:\n    getattr(a, "constructor")\nexcept AttributeError as e:\n    print(e)\n',
    expected: "False none False False\n'A' object has no attribute 'constructor'\n",
  },
  {
    name: "private_basics",
    code: 'class A:\n    __count = 0\n    def __init__(self):\n        self.__x = 1\n        A.__count += 1\n    def __helper(self):\n        return "A.helper"\n    def call(self):\n        return self.__helper(), self.__x\n\nclass B(A):\n    def __init__(self):\n        super().__init__()\n        self.__x = 2\n    def __helper(self):\n        return "B.helper"\n    def callb(self):\n        return self.__helper()\n\nb = B()\nprint(b.call(), b.callb())\nprint(sorted(vars(b).items()))\nprint(b._A__x, b._B__x, A._A__count)\nprint(A._A__helper.__name__, A._A__helper.__qualname__)\ntry:\n    b.__x\nexcept AttributeError as e:\n    print(e)\nclass C:\n    def f(self):\n        return self.__missing\ntry:\n    C().f()\nexcept AttributeError as e:\n    print(e)\n',
    expected:
      "('A.helper', 1) B.helper\n[('_A__x', 1), ('_B__x', 2)]\n1 2 1\n__helper A.__helper\n'B' object has no attribute '__x'\n'C' object has no attribute '_C__missing'\n",
    expectedInFunction:
      "('A.helper', 1) B.helper\n[('_A__x', 1), ('_B__x', 2)]\n1 2 1\n__helper case.<locals>.A.__helper\n'B' object has no attribute '__x'\n'C' object has no attribute '_C__missing'\n",
  },
  {
    name: "private_params_slots_nested",
    code: "class C:\n    def f(self, __x=0, **kw): return (__x, kw)\n    def g(self): return self.f(__x=1)\n    __slots__ = ('__y', 'z')\n    def h(self):\n        self.__y = 5\n        return self.__y\nprint(C().g())\nprint(C().h(), C._C__y)\nclass P:\n    __match_args__ = ()\n    def __init__(self): self._M__a = 1; self.__a = 2\nclass M:\n    def m(self, o):\n        match o:\n            case P(__a=v): return v\nprint(M().m(P()))\nclass __Priv:\n    class __Inner:\n        def __m(self): return 1\n    print(__Inner.__name__, __Inner.__qualname__)\n    print(_Priv__Inner)\nclass ___:\n    __z = 1\nprint(hasattr(___, \"__z\"), __Priv._Priv__Inner._Inner__m.__qualname__)\n",
    expected:
      "(0, {'__x': 1})\n5 <member '_C__y' of 'C' objects>\nNone\n__Inner __Priv.__Inner\n<class '__main__.__Priv.__Inner'>\nTrue __Priv.__Inner.__m\n",
    expectedInFunction:
      "(0, {'__x': 1})\n5 <member '_C__y' of 'C' objects>\nNone\n__Inner case.<locals>.__Priv.__Inner\n<class '__main__.case.<locals>.__Priv.__Inner'>\nTrue case.<locals>.__Priv.__Inner.__m\n",
  },
  {
    name: "private_method_kinds",
    code: 'import asyncio\nfrom dataclasses import dataclass\n\n__glob = "module-level"\n\nclass Counter:\n    __instances = 0\n\n    def __init__(self, start):\n        self.__value = start\n        Counter.__instances += 1\n\n    @classmethod\n    def __make(cls, v):\n        return cls(v)\n\n    @classmethod\n    def make(cls, v):\n        return cls.__make(v)\n\n    @staticmethod\n    def __double(x):\n        return x * 2\n\n    @property\n    def __prop(self):\n        return self.__value + 100\n\n    def show(self):\n        sq = [self.__double(i) for i in range(3)]\n        f = lambda: self.__value\n        def inner():\n            return self.__value * 10\n        return sq, f(), inner(), self.__prop, {k: self.__value for k in "ab"}\n\n    def get_glob(self):\n        global __glob\n        return __glob\n\n    def drop(self):\n        del self.__value\n        return hasattr(self, "_Counter__value"), hasattr(self, "__value")\n\n    async def __work(self, n):\n        await asyncio.sleep(0)\n        return n + self.__value\n\n    async def run(self):\n        return await self.__work(5)\n\n    def params(self, __a, b=2):\n        return __a + b\n\n    def strings(self):\n        return getattr(self, "_Counter__value"), getattr(self, "__value", "missing")\n\n\nc = Counter.make(3)\nprint(c.show())\nprint(Counter._Counter__instances, Counter._Counter__double(4))\nprint(c._Counter__value, sorted(vars(c)))\nprint(asyncio.run(c.run()))\nprint(c.params(1), c.params(_Counter__a=5))\ntry:\n    c.params()\nexcept TypeError as e:\n    print(e)\ntry:\n    c.params(__a=1)\nexcept TypeError as e:\n    print(e)\nprint(c.strings())\nprint(Counter._Counter__work.__name__, Counter._Counter__work.__qualname__)\nprint(Counter._Counter__make.__name__, Counter._Counter__double.__qualname__)\nprint(c.drop())\ntry:\n    c.get_glob()\nexcept NameError as e:\n    print(e)\ntry:\n    c.show()\nexcept AttributeError as e:\n    print(e)\n\n@dataclass\nclass D:\n    __secret: int = 4\n    plain: str = "p"\n\nd = D(_D__secret=9)\nprint(d, list(D.__annotations__))\n\nclass _Under:\n    def __m(self):\n        return "under"\n    def go(self):\n        return self.__m()\nprint(_Under().go(), hasattr(_Under, "_Under__m"))\n\nclass Base:\n    def __init__(self):\n        self.__x = "base"\n    def base_x(self):\n        return self.__x\nclass Sub(Base):\n    def __init__(self):\n        super().__init__()\n        self.__x = "sub"\n    def sub_x(self):\n        return self.__x\ns = Sub()\nprint(s.base_x(), s.sub_x(), sorted(vars(s).items()))\n\nclass Outer:\n    class __Inner:\n        __v = 1\n        def get(self):\n            return self.__v\n    def make(self):\n        return self.__Inner()\ni = Outer().make()\nprint(i.get(), type(i).__name__, type(i).__qualname__, hasattr(Outer, "_Outer__Inner"))\nprint(vars(type(i)).get("_Inner__v"))\n\ndef outside():\n    class Local:\n        def __priv(self):\n            return "local"\n        def pub(self):\n            return self.__priv()\n    return Local().pub()\nprint(outside())\n\nclass Tricky:\n    def f(self):\n        x = 0\n        def g():\n            nonlocal x\n            x += 1\n            __y = x\n            return __y, locals()\n        return g()\nprint(Tricky().f())\n\nclass Err:\n    def __boom(self):\n        raise ValueError("boom")\n    def go(self):\n        self.__boom()\n',
    expected:
      "([0, 2, 4], 3, 30, 103, {'a': 3, 'b': 3})\n1 8\n3 ['_Counter__value']\n8\n3 7\nCounter.params() missing 1 required positional argument: '_Counter__a'\nCounter.params() got an unexpected keyword argument '__a'\n(3, 'missing')\n__work Counter.__work\n__make Counter.__double\n(False, False)\nname '_Counter__glob' is not defined\n'Counter' object has no attribute '_Counter__value'\nD(_D__secret=9, plain='p') ['_D__secret', 'plain']\nunder True\nbase sub [('_Base__x', 'base'), ('_Sub__x', 'sub')]\n1 __Inner Outer.__Inner True\n1\nlocal\n(1, {'_Tricky__y': 1, 'x': 1})\n",
    expectedInFunction:
      "([0, 2, 4], 3, 30, 103, {'a': 3, 'b': 3})\n1 8\n3 ['_Counter__value']\n8\n3 7\ncase.<locals>.Counter.params() missing 1 required positional argument: '_Counter__a'\ncase.<locals>.Counter.params() got an unexpected keyword argument '__a'\n(3, 'missing')\n__work case.<locals>.Counter.__work\n__make case.<locals>.Counter.__double\n(False, False)\nname '_Counter__glob' is not defined\n'Counter' object has no attribute '_Counter__value'\ncase.<locals>.D(_D__secret=9, plain='p') ['_D__secret', 'plain']\nunder True\nbase sub [('_Base__x', 'base'), ('_Sub__x', 'sub')]\n1 __Inner case.<locals>.Outer.__Inner True\n1\nlocal\n(1, {'_Tricky__y': 1, 'x': 1})\n",
  },
  {
    name: "private_scopes_enum_slots",
    code: 'import asyncio\nimport os\nfrom enum import Enum\n\nclass Shape:\n    __kinds = ["a", "b"]\n    __upper = [k.upper() for k in __kinds]\n    __total: int = 0\n    __plain_lambda = lambda __q: __q * 2\n\n    def __init__(self):\n        self.__p = 1\n\n    @property\n    def __area(self):\n        return self.__p * 10\n\n    @__area.setter\n    def __area(self, v):\n        self.__p = v\n\n    def use(self):\n        self.__area = 4\n        n = 0\n        def bump():\n            nonlocal n\n            n += 1\n            return n\n        bump()\n        if (__w := self.__area) > 5:\n            pass\n        try:\n            raise KeyError("k")\n        except KeyError as __err:\n            caught = repr(__err)\n        return (self.__area, n, __w, caught, f"{self.__p}-{self.__kinds[0]}",\n                Shape.__plain_lambda(3))\n\nprint(Shape().use(), Shape._Shape__upper, list(Shape.__annotations__))\nprint(sorted(k for k in vars(Shape) if k.startswith("_Shape")))\n\nclass Base:\n    def __greet(self):\n        return "base"\n    def greet(self):\n        return self.__greet()\nclass Child(Base):\n    def __greet(self):\n        return "child"\n    def both(self):\n        return self.greet(), self.__greet(), super()._Base__greet()\nprint(Child().both())\n\nclass _:\n    __a = 1\nclass ___:\n    __a = 2\nprint(hasattr(_, "__a"), hasattr(_, "___a"), hasattr(___, "__a"))\n\nclass Color(Enum):\n    RED = 1\n    __hidden = 2\nprint(list(Color), Color._Color__hidden)\n\nclass Worker:\n    async def __step(self, i):\n        await asyncio.sleep(0)\n        return i * 3\n    async def run(self):\n        t = asyncio.create_task(self.__step(2))\n        return await t, await asyncio.gather(*(self.__step(i) for i in range(3)))\nprint(asyncio.run(Worker().run()))\nprint(Worker._Worker__step.__qualname__, asyncio.iscoroutinefunction(Worker._Worker__step))\n\nclass Names:\n    def f(self):\n        return __undefined_thing\ntry:\n    Names().f()\nexcept NameError as e:\n    print(e)\n\nclass Slots:\n    __slots__ = ("__a", "b")\n    def __init__(self):\n        self.__a = 1\n        self.b = 2\n    def get(self):\n        return self.__a\ns = Slots()\nprint(s.get(), Slots.__slots__, Slots._Slots__a, [n for n in dir(s) if "a" in n and not n.startswith("__")])\ntry:\n    s.__a = 3\nexcept AttributeError as e:\n    print(e)\n\ntry:\n    class Bad:\n        __slots__ = ("__v",)\n        _Bad__v = 1\nexcept ValueError as e:\n    print(e)\n',
    expected:
      "(40, 1, 40, \"KeyError('k')\", '4-a', 6) ['A', 'B'] ['_Shape__total']\n['_Shape__area', '_Shape__kinds', '_Shape__plain_lambda', '_Shape__total', '_Shape__upper']\n('base', 'child', 'base')\nTrue False True\n[<Color.RED: 1>] 2\n(6, [0, 3, 6])\nWorker.__step True\nname '_Names__undefined_thing' is not defined\n1 ('__a', 'b') <member '_Slots__a' of 'Slots' objects> ['_Slots__a']\n'Slots' object has no attribute '__a' and no __dict__ for setting new attributes\n'_Bad__v' in __slots__ conflicts with class variable\n",
    expectedInFunction:
      "(40, 1, 40, \"KeyError('k')\", '4-a', 6) ['A', 'B'] ['_Shape__total']\n['_Shape__area', '_Shape__kinds', '_Shape__plain_lambda', '_Shape__total', '_Shape__upper']\n('base', 'child', 'base')\nTrue False True\n[<Color.RED: 1>] 2\n(6, [0, 3, 6])\ncase.<locals>.Worker.__step True\nname '_Names__undefined_thing' is not defined\n1 ('__a', 'b') <member '_Slots__a' of 'Slots' objects> ['_Slots__a']\n'Slots' object has no attribute '__a' and no __dict__ for setting new attributes\n'_Bad__v' in __slots__ conflicts with class variable\n",
  },
  {
    name: "private_traceback_names",
    code: 'import traceback\n\nclass Err:\n    def __boom(self):\n        raise ValueError("boom")\n    def go(self):\n        def __inner():\n            self.__boom()\n        __inner()\n\ntry:\n    Err().go()\nexcept ValueError as e:\n    print([l.split(", ")[-1] for l in traceback.format_exc().splitlines() if l.startswith("  File")])\nprint(Err._Err__boom.__name__, Err._Err__boom.__qualname__)\n',
    expected: "['in <module>', 'in go', 'in __inner', 'in __boom']\n__boom Err.__boom\n",
    expectedInFunction:
      "['in case', 'in go', 'in __inner', 'in __boom']\n__boom case.<locals>.Err.__boom\n",
  },
  {
    name: "private_names_kinds",
    code: 'class C:\n    def m(self):\n        class __Local:\n            def __repr__(self):\n                return "L"\n        x = __Local()\n        try:\n            x.nope\n        except AttributeError as e:\n            print(e)\n        return type(x).__name__, type(x).__qualname__, x\n    def __str__(self):\n        return "C!"\n    def kw(self, *, __k=1, **rest):\n        return __k, rest\n    @staticmethod\n    def __s(__a, b=2):\n        return __a, b\nprint(C().m(), str(C()), C().kw(_C__k=3), C().kw(__k=4))\nprint(C._C__s(1), C._C__s(__a=5) if False else None)\ntry:\n    C._C__s()\nexcept TypeError as e:\n    print(e)\ntry:\n    C._C__s(__a=1)\nexcept TypeError as e:\n    print(e)\nclass D:\n    def __call(self):\n        return "called"\n    __call__ = __call\nprint(D()())\nprint(getattr(D, "_D__call") is D.__call__)\n',
    expected:
      "'__Local' object has no attribute 'nope'\n('__Local', 'C.m.<locals>.__Local', L) C! (3, {}) (1, {'__k': 4})\n(1, 2) None\nC.__s() missing 1 required positional argument: '_C__a'\nC.__s() got an unexpected keyword argument '__a'\ncalled\nTrue\n",
    expectedInFunction:
      "'__Local' object has no attribute 'nope'\n('__Local', 'case.<locals>.C.m.<locals>.__Local', L) C! (3, {}) (1, {'__k': 4})\n(1, 2) None\ncase.<locals>.C.__s() missing 1 required positional argument: '_C__a'\ncase.<locals>.C.__s() got an unexpected keyword argument '__a'\ncalled\nTrue\n",
  },
  {
    name: "class_decorated_method",
    code: 'class CountCalls:\n    def __init__(self, f):\n        self.f = f\n        self.calls = 0\n    def __call__(self, *a):\n        self.calls += 1\n        return self.f(*a)\n    def __get__(self, obj, cls):\n        if obj is None:\n            return self\n        def bound(*a):\n            self.calls += 1\n            return self.f(obj, *a)\n        return bound\n\nclass NoGet:\n    def __init__(self, f):\n        self.f = f\n    def __call__(self, *a):\n        return ("noget", a)\n\nclass W:\n    @CountCalls\n    def m(self, x):\n        return x * 2\n    @NoGet\n    def n(self, x):\n        return x\n    def use(self):\n        return self.m(5), self.n(6)\n\nw = W()\nprint(w.m(3), w.m(4), W.m.calls)\nprint(w.n(1))\nprint(w.use())\nprint(type(W.__dict__["m"]).__name__)\nclass NoGet:\n    def __init__(self, f):\n        self.f = f\n    def __call__(self, *a):\n        return ("noget", len(a))\nclass P:\n    def n(self, x):\n        return ("plain", x)\nclass Q:\n    @NoGet\n    def n(self, x):\n        return x\nprint(P().n(1), Q().n(2))\nobjs = [P(), Q()]\nprint([o.n(3) for o in objs])\n',
    expected:
      "6 8 2\n('noget', (1,))\n(10, ('noget', (6,)))\nCountCalls\n('plain', 1) ('noget', 1)\n[('plain', 3), ('noget', 1)]\n",
  },
  {
    name: "class_decorator_forms",
    code: 'import functools\n\nclass Tag:\n    def __init__(self, label):\n        self.label = label\n    def __call__(self, f):\n        @functools.wraps(f)\n        def wrapper(*a, **k):\n            return (self.label, f(*a, **k))\n        return wrapper\n\nclass Bare:\n    def __init__(self, f):\n        self.f = f\n        functools.update_wrapper(self, f)\n    def __call__(self, *a, **k):\n        return ("bare", len(a), sorted(k))\n\nclass Bound:\n    def __init__(self, f):\n        self.f = f\n    def __get__(self, obj, cls=None):\n        return functools.partial(self.f, obj) if obj is not None else self\n    def __call__(self, *a):\n        return self.f(*a)\n\nclass S:\n    @Tag("t")\n    def tagged(self, x):\n        return x + 1\n    @Bare\n    def bare(self, x, y=2):\n        return x\n    @Bound\n    def bound(self, x):\n        return (type(self).__name__, x)\n\ns = S()\nprint(s.tagged(1), S.tagged(s, 2))\nprint(s.bare(1, y=3), S.bare(1))\nprint(s.bound(7), S.bound(s, 8))\nprint(S.bare.__name__, type(S.__dict__["bound"]).__name__)\ntry:\n    S.bound(9)\nexcept TypeError as e:\n    print("TypeError", e)\n',
    expected:
      "('t', 2) ('t', 3)\n('bare', 1, ['y']) ('bare', 1, [])\n('S', 7) ('S', 8)\nbare Bound\nTypeError S.bound() missing 1 required positional argument: 'x'\n",
    expectedInFunction:
      "('t', 2) ('t', 3)\n('bare', 1, ['y']) ('bare', 1, [])\n('S', 7) ('S', 8)\nbare Bound\nTypeError case.<locals>.S.bound() missing 1 required positional argument: 'x'\n",
  },
  {
    name: "private_method_imports",
    code: 'class C:\n    def f(self):\n        import os.path as __p\n        from os import sep as __s\n        import json as __j\n        __v = [__q for __q in range(2)]\n        return __p.basename("/a/b"), __s, __j.dumps([1]), __v, sorted(locals())\nprint(C().f())\n',
    expected: "('b', '/', '[1]', [0, 1], ['_C__j', '_C__p', '_C__s', '_C__v', 'self'])\n",
  },
];

describe("private names and class-decorated methods, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-class-privates-");
  typecheckCasesTest(() => dir, CASES);

  test.each([
    [
      "class A:\n    constructor = 1\n",
      2,
      5,
      "    constructor = 1",
      "a class attribute named 'constructor'",
    ],
    [
      "class A:\n    def constructor(self):\n        pass\n",
      2,
      5,
      "    def constructor(self):",
      "a method named 'constructor'",
    ],
    [
      "class A:\n    if True:\n        prototype: int = 2\n",
      3,
      9,
      "        prototype: int = 2",
      "a class attribute named 'prototype'",
    ],
    [
      "class A:\n    x, (prototype, y) = 1, (2, 3)\n",
      2,
      9,
      "    x, (prototype, y) = 1, (2, 3)",
      "a class attribute named 'prototype'",
    ],
  ])(
    "JS's reserved class members refused with their location: %j",
    (code, lineNo, col, text, what) => {
      const r = transpileFile(dir, "bad.py", code);
      expect(r.status).toBe(1);
      expect(r.out).toBe("");
      expect(r.err).toBe(
        refusalReport(lineNo, col, text, `${what} in a class body (JS reserves it)`),
      );
    },
  );

  // CPython names the declared name as written in "before global declaration" and "parameter
  // and global", and the mangled one in "no binding for nonlocal".
  test.each([
    [
      "class C:\n    def f(self):\n        __x = 1\n        global __x\n",
      "name '__x' is assigned to before global declaration",
      4,
      8,
    ],
    [
      "class C:\n    def f(self, __p):\n        global __p\n",
      "name '__p' is parameter and global",
      3,
      8,
    ],
    [
      "class C:\n    def f(self):\n        def g():\n            nonlocal __y\n",
      "no binding for nonlocal '_C__y' found",
      4,
      12,
    ],
  ])("symbol-table errors of private names: %j", (source, detail, line, col) => {
    let error: CompileError | null = null;
    try {
      transpile(source, "bad.py");
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      error = e;
    }
    expect(error && [error.kind, error.detail, error.loc.line, error.loc.col]).toEqual([
      "SyntaxError",
      detail,
      line,
      col,
    ]);
  });
});
