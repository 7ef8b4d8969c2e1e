/**
 * Class statements lifted from the transpiler's refusals (codegen/lower/classes.ts,
 * codegen/lower/class-scope.ts): classes nested in class bodies (`Outer.Inner`, `self.Inner`,
 * qualnames, nested dataclasses and enums, inheritance between nested classes), class keywords
 * passed to `__init_subclass__`, and the other statements of a class body (unpacking, `if`/`for`/
 * `while`/`try`, calls, `+=`, `del`) with Python's class-scope rules, and functions'
 * `__annotations__` (lower/annotations.ts), names bound by more than one `class`/`def`
 * statement (called through `$py.call`, declared `any`), and class docstrings (`__doc__`). Programs whose output must
 * equal CPython 3.13.0's, the shape of the generated TypeScript, type-checking, and what is still
 * refused, with its location.
 *
 * The expected outputs were recorded by running each snippet under CPython 3.13.0, at module
 * level and as the body of `def case(): ...` (`expectedInFunction` where that differs; cases that
 * read globals a function would shadow run at module level only).
 */

import * as fs from "node:fs";
import * as path from "node:path";
import {
  cli,
  type ProgramCase,
  programCaseTests,
  refusalReport,
  transpileFile,
  typecheckCasesTest,
} from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "nested_basic",
    code: 'from dataclasses import dataclass\nfrom enum import Enum\n\n\nclass Inner:\n    origin = "global"\n\n\nclass Outer:\n    class Inner(Inner):\n        def __init__(self, v):\n            self.v = v\n\n        def where(self):\n            return Inner.origin, self.v, type(self).__qualname__\n\n    @dataclass\n    class Point:\n        x: int\n        y: int = 0\n\n    class Kind(Enum):\n        A = "a"\n        B = "b"\n\n    class Deep:\n        class Deeper:\n            pass\n\n    def make(self):\n        return Outer.Inner(1), self.Inner(2), self.Point(3), Outer.Kind("b")\n\n    def bare(self):\n        return Point\n\n\no = Outer()\na, b, p, k = o.make()\nprint(a.where(), b.where(), p, k, Outer.Point(4, 5) == Outer.Point(4, 5))\nprint(Outer.Inner.__qualname__, Outer.Inner.__name__, Outer.Deep.Deeper.__qualname__)\nprint(Outer.Inner, Outer.Deep.Deeper, type(a), Outer.Inner.__mro__)\nprint(repr(Outer.Deep.Deeper()).split(" object at ")[0], Outer.Kind.A, list(Outer.Kind))\nprint(Outer.Inner.where.__qualname__, Outer.Point.__init__.__qualname__)\ntry:\n    o.bare()\nexcept NameError as e:\n    print("NameError", e)\nprint(o.Inner is Outer.Inner, isinstance(a, Outer.Inner), isinstance(a, Inner))\n',
    expected:
      "('global', 1, 'Outer.Inner') ('global', 2, 'Outer.Inner') Outer.Point(x=3, y=0) Kind.B True\nOuter.Inner Inner Outer.Deep.Deeper\n<class '__main__.Outer.Inner'> <class '__main__.Outer.Deep.Deeper'> <class '__main__.Outer.Inner'> (<class '__main__.Outer.Inner'>, <class '__main__.Inner'>, <class 'object'>)\n<__main__.Outer.Deep.Deeper Kind.A [<Kind.A: 'a'>, <Kind.B: 'b'>]\nOuter.Inner.where Outer.Point.__init__\nNameError name 'Point' is not defined\nTrue True True\n",
    moduleOnly: true,
  },
  {
    name: "nested_inherit",
    code: 'class Shapes:\n    class Shape:\n        def __init__(self, name):\n            self.name = name\n\n        def area(self):\n            return 0\n\n        def describe(self):\n            return f"{self.name}: {self.area()}"\n\n    class Square(Shape):\n        def __init__(self, side):\n            super().__init__("square")\n            self.side = side\n\n        def area(self):\n            return self.side * self.side\n\n    class Unit(Square):\n        def __init__(self):\n            super().__init__(1)\n\n    default = Square(2)\n    shapes = [Square(3), Unit()]\n\n\nclass Cube(Shapes.Square):\n    def area(self):\n        return 6 * super().area()\n\n\nprint(Shapes.default.describe(), [s.describe() for s in Shapes.shapes])\nprint(Cube(2).describe(), Cube.__mro__)\nprint(Shapes.Unit.__mro__[1:3], issubclass(Shapes.Unit, Shapes.Shape))\n',
    expected:
      "square: 4 ['square: 9', 'square: 1']\nsquare: 24 (<class '__main__.Cube'>, <class '__main__.Shapes.Square'>, <class '__main__.Shapes.Shape'>, <class 'object'>)\n(<class '__main__.Shapes.Square'>, <class '__main__.Shapes.Shape'>) True\n",
    expectedInFunction:
      "square: 4 ['square: 9', 'square: 1']\nsquare: 24 (<class '__main__.case.<locals>.Cube'>, <class '__main__.case.<locals>.Shapes.Square'>, <class '__main__.case.<locals>.Shapes.Shape'>, <class 'object'>)\n(<class '__main__.case.<locals>.Shapes.Square'>, <class '__main__.case.<locals>.Shapes.Shape'>) True\n",
  },
  {
    name: "init_subclass_kw",
    code: 'class Base:\n    seen = []\n\n    def __init_subclass__(cls, /, name=None, **kw):\n        super().__init_subclass__(**kw)\n        Base.seen.append((cls.__name__, name))\n\n\nclass A(Base, name="a"):\n    pass\n\n\nclass B(A):\n    pass\n\n\nextra = {"name": "c"}\n\n\nclass C(Base, **extra):\n    pass\n\n\nprint(Base.seen)\nfor kw in [{"name": "d", "other": 1}, {"colour": 2}]:\n    try:\n        class D(Base, **kw):\n            pass\n    except TypeError as e:\n        print("TypeError", e)\ntry:\n    class E(flag=True):\n        pass\nexcept TypeError as e:\n    print("TypeError", e)\n\n\nclass WithKw:\n    def __init_subclass__(cls, *, size, **rest):\n        cls.size = size\n        cls.rest = rest\n\n\nclass F(WithKw, size=3, tag="t"):\n    pass\n\n\nprint(F.size, F.rest, Base.seen[-1])\ntry:\n    class G(WithKw):\n        pass\nexcept TypeError as e:\n    print("TypeError", e)\n\n\nclass Outer:\n    class Inner(Base, name="inner"):\n        pass\n\n\nprint(Base.seen[-1], Outer.Inner.__qualname__)\n\n\nclass Tagged:\n    def __init_subclass__(cls, /, tag="none", **kw):\n        super().__init_subclass__(**kw)\n        cls.tag = tag\n\n    def describe(self):\n        return f"{type(self).__name__}:{self.tag}"\n\n\nclass T1(Tagged, tag="one"):\n    pass\n\n\nclass T2(T1):\n    pass\n\n\nclass T3(Outer, Tagged, tag="three"):\n    pass\n\n\nt1 = T1()\nt1.tag = "mine"\nprint(T1().describe(), T2().describe(), T3().describe(), t1.tag, T1.tag)\nprint(hasattr(Tagged(), "tag"), getattr(Tagged(), "tag", "-"), hasattr(Tagged, "tag"))\n',
    expected:
      "[('A', 'a'), ('B', None), ('C', 'c')]\nTypeError D.__init_subclass__() takes no keyword arguments\nTypeError D.__init_subclass__() takes no keyword arguments\nTypeError E.__init_subclass__() takes no keyword arguments\n3 {'tag': 't'} ('C', 'c')\nTypeError WithKw.__init_subclass__() missing 1 required keyword-only argument: 'size'\n('Inner', 'inner') Outer.Inner\nT1:one T2:none T3:three mine one\nFalse - False\n",
    expectedInFunction:
      "[('A', 'a'), ('B', None), ('C', 'c')]\nTypeError case.<locals>.D.__init_subclass__() takes no keyword arguments\nTypeError case.<locals>.D.__init_subclass__() takes no keyword arguments\nTypeError case.<locals>.E.__init_subclass__() takes no keyword arguments\n3 {'tag': 't'} ('C', 'c')\nTypeError case.<locals>.WithKw.__init_subclass__() missing 1 required keyword-only argument: 'size'\n('Inner', 'inner') case.<locals>.Outer.Inner\nT1:one T2:none T3:three mine one\nFalse - False\n",
  },
  {
    name: "body_statements",
    code: 'x = 10\nlabel = "global"\nwords = ["a", "bb"]\n\n\nclass Body:\n    first = x\n    x = x + 1\n    a, b = 1, 2\n    c = d = [a, b]\n    (e, f), *g = (3, 4), 5, 6\n    print("defining", x, first)\n    n = 0\n    for i in range(5):\n        if i % 2:\n            continue\n        n += i\n    if n > 3:\n        big = True\n    elif n > 1:\n        mid = True\n    else:\n        small = True\n    while n < 10:\n        n += 3\n    label = "class"\n    lens = [len(w) for w in words]\n    labels = [label for _ in range(2)]\n    pairs = [(label, w) for w in (label, "z")]\n    table = {w: len(w) for w in words}\n    tmp = 0\n    del tmp\n    items = []\n    items += [a]\n    try:\n        bad = int("x")\n    except ValueError:\n        bad = None\n    else:\n        bad += 1\n    assert a == 1\n\n    def get(self):\n        return self.x, self.i, self.n\n\n\nprint(Body.x, Body.first, Body.a, Body.b, Body.c is Body.d, Body.e, Body.f, Body.g)\nprint(Body.n, Body.i, Body.big, hasattr(Body, "mid"), hasattr(Body, "small"))\nprint(Body.lens, Body.labels, Body.pairs, Body.table, hasattr(Body, "tmp"))\nprint(Body.items, Body.bad, Body().get())\ntry:\n    class Del:\n        del nothing\nexcept NameError as e:\n    print("NameError", e)\n\n\nclass Meth:\n    def f(self):\n        return 1\n\n    del f\n\n\nprint(hasattr(Meth, "f"))\n\n\ndef build(v):\n    class Local:\n        w = v\n        k = [v * j for j in range(3)]\n    return Local\n\n\nprint(build(2).w, build(2).k)\n',
    expected:
      "defining 11 10\n11 10 1 2 True 3 4 [5, 6]\n12 4 True False False\n[1, 2] ['global', 'global'] [('global', 'class'), ('global', 'z')] {'a': 1, 'bb': 2} False\n[1] None (11, 4, 12)\nNameError name 'nothing' is not defined\nFalse\n2 [0, 2, 4]\n",
    moduleOnly: true,
  },
  {
    name: "function_annotations",
    code: 'import asyncio\nimport functools\nfrom typing import Optional, List, Dict\n\n\nclass Leaf:\n    pass\n\n\nclass Node:\n    kind = "node"\n\n    def link(self, other: "Node", weight: float = 1.0) -> Optional[Leaf]:\n        return other\n\n    @staticmethod\n    def make(value: int) -> "Node":\n        return Node()\n\n    @classmethod\n    def build(cls, *parts: str, **opts: bool) -> List[int]:\n        return []\n\n    async def fetch(self, n: int) -> Dict[str, int]:\n        await asyncio.sleep(0)\n        return {}\n\n\ndef plain(a, b=2, *c, d, **e):\n    return a\n\n\ndef nothing() -> None:\n    pass\n\n\ndef typed(x: int, /, y: str = "s", *, z: Node) -> "inner":\n    def inner(q: List[Node]) -> int:\n        return len(q)\n    return inner\n\n\ndef deco(fn):\n    print("decorating", fn.__name__, fn.__annotations__)\n    return fn\n\n\n@deco\ndef decorated(v: float) -> bool:\n    return True\n\n\ndef wrapper(fn):\n    @functools.wraps(fn)\n    def wrapped(*args):\n        return fn(*args)\n    return wrapped\n\n\n@wrapper\ndef wrapped_fn(s: str) -> str:\n    return s\n\n\nprint(plain.__annotations__, nothing.__annotations__, typed.__annotations__, typed(1, z=None).__annotations__)\nprint(Node.link.__annotations__, Node().link.__annotations__)\nprint(Node.make.__annotations__, Node.build.__annotations__, Node.fetch.__annotations__)\nprint(decorated.__annotations__, (lambda x: x).__annotations__)\nprint(wrapped_fn.__annotations__, wrapped_fn.__wrapped__.__annotations__)\nann = typed.__annotations__\nann["extra"] = 1\nprint(sorted(typed.__annotations__), ann is typed.__annotations__)\n',
    expected:
      "decorating decorated {'v': <class 'float'>, 'return': <class 'bool'>}\n{} {'return': None} {'y': <class 'str'>, 'x': <class 'int'>, 'z': <class '__main__.Node'>, 'return': 'inner'} {'q': typing.List[__main__.Node], 'return': <class 'int'>}\n{'other': 'Node', 'weight': <class 'float'>, 'return': typing.Optional[__main__.Leaf]} {'other': 'Node', 'weight': <class 'float'>, 'return': typing.Optional[__main__.Leaf]}\n{'value': <class 'int'>, 'return': 'Node'} {'parts': <class 'str'>, 'opts': <class 'bool'>, 'return': typing.List[int]} {'n': <class 'int'>, 'return': typing.Dict[str, int]}\n{'v': <class 'float'>, 'return': <class 'bool'>} {}\n{'s': <class 'str'>, 'return': <class 'str'>} {'s': <class 'str'>, 'return': <class 'str'>}\n['extra', 'return', 'x', 'y', 'z'] True\n",
    expectedInFunction:
      "decorating decorated {'v': <class 'float'>, 'return': <class 'bool'>}\n{} {'return': None} {'y': <class 'str'>, 'x': <class 'int'>, 'z': <class '__main__.case.<locals>.Node'>, 'return': 'inner'} {'q': typing.List[__main__.case.<locals>.Node], 'return': <class 'int'>}\n{'other': 'Node', 'weight': <class 'float'>, 'return': typing.Optional[__main__.case.<locals>.Leaf]} {'other': 'Node', 'weight': <class 'float'>, 'return': typing.Optional[__main__.case.<locals>.Leaf]}\n{'value': <class 'int'>, 'return': 'Node'} {'parts': <class 'str'>, 'opts': <class 'bool'>, 'return': typing.List[int]} {'n': <class 'int'>, 'return': typing.Dict[str, int]}\n{'v': <class 'float'>, 'return': <class 'bool'>} {}\n{'s': <class 'str'>, 'return': <class 'str'>} {'s': <class 'str'>, 'return': <class 'str'>}\n['extra', 'return', 'x', 'y', 'z'] True\n",
  },
  {
    name: "body_del_methods",
    code: 'class A:\n    def f(self):\n        return 1\n\n    @staticmethod\n    def s():\n        return 2\n\n    @classmethod\n    def c(cls):\n        return 3\n\n    @property\n    def p(self):\n        return 4\n\n    del f, s, c, p\n\n\nprint([hasattr(A, n) for n in "fscp"], [hasattr(A(), n) for n in "fscp"])\n',
    expected: "[False, False, False, False] [False, False, False, False]\n",
  },
  {
    name: "names_rebound_as_classes_and_functions",
    code: 'class A:\n    def who(self):\n        return "A1"\nprint(A().who())\nclass A:\n    def who(self):\n        return "A2"\nclass B(A):\n    pass\nprint(B().who(), A().who())\ndef f():\n    return "f1"\nprint(f())\ndef f():\n    return "f2"\nprint(f())\nclass C:\n    pass\nc = C()\ndef C():\n    return "C as function"\nprint(type(c).__name__, C())\ndef D():\n    return "D function"\nprint(D())\nclass D:\n    def __repr__(self):\n        return "D instance"\nprint(D())\nE = 5\ntry:\n    class E: pass\n    E = 3\n    E()\nexcept TypeError as e:\n    print(e)\ndef outer():\n    class K:\n        v = 1\n    k1 = K()\n    class K:\n        v = 2\n    print(k1.v, K().v, K.__qualname__)\nouter()\n',
    expected:
      "A1\nA2 A2\nf1\nf2\nC C as function\nD function\nD instance\n'int' object is not callable\n1 2 outer.<locals>.K\n",
    expectedInFunction:
      "A1\nA2 A2\nf1\nf2\nC C as function\nD function\nD instance\n'int' object is not callable\n1 2 case.<locals>.outer.<locals>.K\n",
  },
  {
    name: "class_docstrings",
    code: 'import inspect\nclass C:\n    """Class doc.\n\n    More lines here.\n        indented\n    """\n    def m(self):\n        """Method doc."""\nclass D(C):\n    pass\nclass E:\n    x = 1\nprint(repr(C.__doc__), C().__doc__ == C.__doc__, C.m.__doc__, D.__doc__, repr(D().__doc__), E().__doc__, E.__doc__)\nprint(repr(inspect.getdoc(C)), repr(inspect.getdoc(D)), inspect.getdoc(D()), inspect.getdoc(E), inspect.getdoc(E()))\nclass F(Exception):\n    """Failure."""\nclass G(Exception):\n    pass\nprint(F.__doc__, F("x").__doc__, G.__doc__)\nimport enum\nclass Color(enum.Enum):\n    """Colors."""\n    RED = 1\nprint(Color.__doc__, Color.RED.__doc__)\nclass H:\n    __doc__ = "explicit"\nprint(H.__doc__, H().__doc__)\ndef outer():\n    class K:\n        """K doc."""\n    return K\nprint(outer().__doc__, outer()().__doc__)\nclass H:\n    """doc"""\n    __doc__ = "explicit"\nprint(H.__doc__)\nclass TD:\n    """A typed thing."""\n    __slots__ = ("a",)\n    def __init__(self):\n        self.a = 1\nprint(TD.__doc__, TD().__doc__)\nfrom dataclasses import dataclass\n@dataclass\nclass P:\n    """Point."""\n    x: int\nprint(P.__doc__, P(1).__doc__)\n',
    expected:
      "'Class doc.\\n\\nMore lines here.\\n    indented\\n' True Method doc. None None None None\n'Class doc.\\n\\nMore lines here.\\n    indented' 'Class doc.\\n\\nMore lines here.\\n    indented' None None None\nFailure. Failure. None\nColors. Colors.\nexplicit explicit\nK doc. K doc.\nexplicit\nA typed thing. A typed thing.\nPoint. Point.\n",
  },
];

describe("nested classes, class keywords, class-body statements", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-classes-nested-");

  test("a nested class is a static of its class, made in a static block under a $-name", () => {
    const r = transpileFile(
      dir,
      "shape.py",
      "class Outer:\n    class Inner:\n        pass\n\n    def make(self):\n        return Outer.Inner()\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      "  static Inner: any;\n  static {\n    const Outer$Inner = $py.pyclass(class Outer$Inner {\n",
    );
    expect(r.out).toContain('    }, "Outer.Inner");\n    Outer.Inner = Outer$Inner;\n  }\n');
  });

  test("class keywords follow the module name in $py.pyclass", () => {
    const r = transpileFile(
      dir,
      "kw.py",
      "class Base:\n    def __init_subclass__(cls, **kw):\n        pass\n\n\nclass A(Base, flag=1):\n    pass\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain('$py.pyclass(A, "A", "__main__", $py.kw({ flag: 1n }));');
  });

  test("class-body statements are static blocks; names bound there are declared static", () => {
    const r = transpileFile(
      dir,
      "body.py",
      "y = 1\n\n\nclass A:\n    x = y\n    a, b = 1, 2\n    for i in range(2):\n        pass\n    y = 2\n    z = y\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      "  declare static a: any;\n  declare static b: any;\n  declare static i: any;\n",
    );
    expect(r.out).toContain("  static x: any = y;\n  static {\n    [A.a, A.b] = [1n, 2n];\n  }\n");
    expect(r.out).toContain("  static y: any = 2n;\n  static z: any = A.y;\n");
  });

  test("a class nested in a class of a sibling module is constructed through the module", () => {
    const sub = fs.mkdtempSync(path.join(dir, "sibling-"));
    fs.writeFileSync(
      path.join(sub, "shapes.py"),
      'class Outer:\n    class Inner:\n        def __repr__(self):\n            return "Inner!"\n\n    def m(self):\n        return "m"\n',
    );
    fs.writeFileSync(
      path.join(sub, "main.py"),
      "import shapes\nfrom shapes import Outer\n\nprint(shapes.Outer.Inner(), Outer.Inner(), type(Outer.Inner()).__qualname__)\nprint(shapes.Outer().m(), Outer.m(Outer()), shapes.Outer.Inner)\n",
    );
    const r = cli(sub, ["run", "main.py"]);
    expect(r.err).toBe("");
    // Recorded with CPython 3.13.0.
    expect(r.out).toBe("Inner! Inner! Outer.Inner\nm m <class 'shapes.Outer.Inner'>\n");
    expect(r.status).toBe(0);
    // Both generated modules type-check together (the importer resolves `./shapes.js`).
    const tc = cli(sub, ["typecheck", "main.py"]);
    expect(`${tc.out}${tc.err}`).toBe("main.ts, shapes.ts: ok\n");
    expect(tc.status).toBe(0);
  });

  test.each([
    [
      "class A:\n    if True:\n        def f(self):\n            pass\n",
      3,
      9,
      "        def f(self):",
      "'def' statements inside a block of a class body",
    ],
    [
      'class A:\n    try:\n        x = int("1")\n    except ValueError as e:\n        x = 0\n',
      2,
      5,
      "    try:",
      "'except ... as name' in a class body",
    ],
    [
      "class A:\n    x = 1\n    if x:\n        del x\n",
      4,
      13,
      "        del x",
      "'del' of a class-body name inside a block of a class body",
    ],
    [
      "class A:\n    if 1:\n        y += 1\n",
      3,
      9,
      "        y += 1",
      "an augmented assignment in a block of a class body to 'y' before the class body surely binds it",
    ],
    [
      "def f():\n    v = 1\n\n    class A:\n        w = v\n        v = 2\n",
      5,
      13,
      "        w = v",
      "reading the class-body name 'v' before the class body binds it, in a function that has a variable 'v'",
    ],
    [
      'class A:\n    with open("f") as fh:\n        pass\n',
      2,
      5,
      '    with open("f") as fh:',
      "'with' statements in a class body",
    ],
    [
      'class A:\n    n, name = 1, "x"\n',
      2,
      5,
      '    n, name = 1, "x"',
      "binding 'name' in a class body other than by 'name = ...' before any other binding",
    ],
    [
      "from enum import Enum\n\n\nclass C(Enum):\n    for i in range(3):\n        pass\n",
      5,
      5,
      "    for i in range(3):",
      "'for' binding names in an enum class body",
    ],
    [
      "def f(x: list[int]):\n    pass\n\n\nprint(f.__annotations__)\n",
      1,
      10,
      "def f(x: list[int]):",
      "'list[...]' in an annotation read through '__annotations__' (use typing's generics)",
    ],
    [
      "def f(x: int | None):\n    pass\n\n\nprint(f.__annotations__)\n",
      1,
      10,
      "def f(x: int | None):",
      "'X | Y' in an annotation read through '__annotations__' (use typing.Union / Optional)",
    ],
    [
      "class Node:\n    def m(self) -> Node:\n        pass\n\n\nprint(Node.m.__annotations__)\n",
      2,
      20,
      "    def m(self) -> Node:",
      "naming the class 'Node' in an annotation inside its own body, read through '__annotations__' (quote it)",
    ],
    [
      "from __future__ import annotations\n\n\ndef f(x: int):\n    pass\n\n\nprint(f.__annotations__)\n",
      4,
      1,
      "def f(x: int):",
      "a function's '__annotations__' under 'from __future__ import annotations' (annotations as source text)",
    ],
    [
      "class Meta(type):\n    pass\n\n\nclass A(metaclass=Meta):\n    pass\n",
      1,
      12,
      "class Meta(type):",
      "defining a metaclass ('Meta' is a subclass of 'type'; only metaclass=abc.ABCMeta is supported)",
    ],
    [
      "import abc\n\n\nclass M(abc.ABCMeta):\n    pass\n\n\nclass N(M):\n    pass\n",
      4,
      9,
      "class M(abc.ABCMeta):",
      "defining a metaclass ('M' is a subclass of 'abc.ABCMeta'; only metaclass=abc.ABCMeta is supported)",
    ],
    [
      "class Meta:\n    pass\n\n\nclass A(metaclass=Meta):\n    pass\n",
      5,
      19,
      "class A(metaclass=Meta):",
      "the metaclass 'Meta' (a class can only take metaclass=abc.ABCMeta)",
    ],
  ])("refused with its location: %j", (code, lineNo, col, text, what) => {
    const r = transpileFile(dir, "bad.py", code);
    expect(r.status).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(refusalReport(lineNo, col, text, what));
  });

  typecheckCasesTest(() => dir, CASES, 180_000);
});
