/**
 * Multiple inheritance (C3 MRO, `$py.bases`), cooperative `super()` and `self.x` reads before
 * assignment (src/python/mro.ts, codegen/lower/classes.ts): the generated TypeScript's shape and
 * type-checking, and programs whose output must equal CPython 3.13.0's.
 *
 * The expected outputs below were recorded by running each snippet under CPython 3.13.0, at module
 * level and as the body of `def case(): ...`. Everything runs in child processes (the parser's
 * native binding lives in transpiler.test.ts's worker only); the programs share one process.
 */

import { type ProgramCase, programCaseTests, transpileFile, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "diamond",
    code: 'class Base:\n    def hello(self):\n        return ["Base"]\n\n\nclass Left(Base):\n    def hello(self):\n        return ["Left"] + super().hello()\n\n\nclass Right(Base):\n    def hello(self):\n        return ["Right"] + super().hello()\n\n    def right_only(self):\n        return "right only"\n\n\nclass Child(Left, Right):\n    def hello(self):\n        return ["Child"] + super(Child, self).hello()\n\n\nc = Child()\nprint(c.hello(), Left().hello(), c.right_only(), Child.right_only(c))\nprint([k.__name__ for k in Child.__mro__], [k.__name__ for k in Child.mro()])\nprint([k.__name__ for k in Child.__bases__], Child.__base__.__name__)\nprint(isinstance(c, Right), issubclass(Child, Right), isinstance(Left(), Right), issubclass(Right, Left))\n',
    expected:
      "['Child', 'Left', 'Right', 'Base'] ['Left', 'Base'] right only right only\n['Child', 'Left', 'Right', 'Base', 'object'] ['Child', 'Left', 'Right', 'Base', 'object']\n['Left', 'Right'] Left\nTrue True False False\n",
  },
  {
    name: "coop_init",
    code: 'class Shape:\n    def __init__(self, **kwargs):\n        print("Shape", sorted(kwargs))\n        super().__init__(**kwargs)\n\n\nclass Colored(Shape):\n    def __init__(self, color="red", **kwargs):\n        self.color = color\n        print("Colored", color)\n        super().__init__(**kwargs)\n\n\nclass Sized(Shape):\n    def __init__(self, size=1, **kwargs):\n        self.size = size\n        print("Sized", size)\n        super().__init__(**kwargs)\n\n\nclass Box(Colored, Sized):\n    pass\n\n\nb = Box(color="blue", size=3)\nprint(b.color, b.size)\ntry:\n    Box(weight=2)\nexcept TypeError as e:\n    print("TypeError:", e)\n',
    expected:
      "Colored blue\nSized 3\nShape []\nblue 3\nColored red\nSized 1\nShape ['weight']\nTypeError: object.__init__() takes exactly one argument (the instance to initialize)\n",
  },
  {
    name: "exc_mixin",
    code: 'class Retryable:\n    retries = 3\n\n    def describe(self):\n        return f"{type(self).__name__}: {self} (retries={self.retries})"\n\n\nclass NetError(Retryable, ConnectionError):\n    pass\n\n\nclass ParseError(Retryable, ValueError):\n    retries = 0\n\n\nfor exc in [NetError("timeout"), ParseError("bad json")]:\n    try:\n        raise exc\n    except OSError as e:\n        print("OSError branch:", e.describe(), e.args)\n    except ValueError as e:\n        print("ValueError branch:", e.describe())\n    print(isinstance(exc, Retryable), isinstance(exc, Exception))\nprint(issubclass(NetError, OSError), issubclass(ParseError, OSError), NetError.__base__.__name__)\n',
    expected:
      "OSError branch: NetError: timeout (retries=3) ('timeout',)\nTrue True\nValueError branch: ParseError: bad json (retries=0)\nTrue True\nTrue False ConnectionError\n",
  },
  {
    name: "errors",
    code: "class A:\n    pass\n\n\nclass B(A):\n    pass\n\n\ntry:\n    class C(A, B):\n        pass\nexcept TypeError as e:\n    print(e)\ntry:\n    class D(B, B):\n        pass\nexcept TypeError as e:\n    print(e)\ntry:\n    class E(KeyError, StopIteration):\n        pass\nexcept TypeError as e:\n    print(e)\n",
    expected:
      "Cannot create a consistent method resolution order (MRO) for bases A, B\nduplicate base class B\n",
  },
  {
    name: "super_kinds",
    code: 'import asyncio\n\n\nclass Base:\n    @classmethod\n    def make(cls):\n        return f"Base.make({cls.__name__})"\n\n    @property\n    def name(self):\n        return "base"\n\n    async def run(self):\n        await asyncio.sleep(0)\n        return ["Base.run"]\n\n    def items(self):\n        yield "base item"\n\n\nclass Mixin(Base):\n    @classmethod\n    def make(cls):\n        return "Mixin+" + super().make()\n\n    @property\n    def name(self):\n        return "mixin/" + super().name\n\n    async def run(self):\n        return ["Mixin.run"] + await super().run()\n\n    def items(self):\n        yield "mixin item"\n        yield from super().items()\n\n\nclass Impl(Base):\n    @classmethod\n    def make(cls):\n        return "Impl+" + super().make()\n\n    @property\n    def name(self):\n        return "impl/" + super().name\n\n    async def run(self):\n        return ["Impl.run"] + await super().run()\n\n\nclass Final(Mixin, Impl):\n    pass\n\n\nf = Final()\nprint(Final.make(), f.make(), f.name, list(f.items()))\nprint(asyncio.run(f.run()))\n',
    expected:
      "Mixin+Impl+Base.make(Final) Mixin+Impl+Base.make(Final) mixin/impl/base ['mixin item', 'base item']\n['Mixin.run', 'Impl.run', 'Base.run']\n",
  },
  {
    name: "dunders",
    code: 'class Seq:\n    def __init__(self, *xs):\n        self.xs = list(xs)\n\n    def __iter__(self):\n        return iter(self.xs)\n\n    def __len__(self):\n        return len(self.xs)\n\n\nclass Show:\n    def __repr__(self):\n        return f"Show{list(self)}"\n\n    def __eq__(self, other):\n        return list(self) == list(other)\n\n\nclass Both(Show, Seq):\n    pass\n\n\nb = Both(1, 2)\nprint(b, repr(b), len(b), list(b), b == [1, 2], b == Both(1, 2), b != Both(3))\nprint([x * 2 for x in b], sorted(b, reverse=True))\n',
    expected: "Show[1, 2] Show[1, 2] 2 [1, 2] True True True\n[2, 4] [2, 1]\n",
  },
  {
    name: "attr_error",
    code: 'class Conn:\n    def __init__(self, eager):\n        if eager:\n            self.sock = "socket"\n\n    def info(self):\n        return self.sock\n\n    def connect(self):\n        self.sock = "late socket"\n\n\nc = Conn(False)\ntry:\n    c.info()\nexcept AttributeError as e:\n    print("AttributeError:", e)\nc.connect()\nprint(c.info(), Conn(True).info())\n\n\nclass Proxy:\n    def __init__(self):\n        self.hits = 0\n\n    def __getattr__(self, name):\n        return "default " + name\n\n    def get(self):\n        return self.value\n\n    def set(self, v):\n        self.value = v\n\n\np = Proxy()\nprint(p.get())\np.set(5)\nprint(p.get(), p.hits)\n',
    expected:
      "AttributeError: 'Conn' object has no attribute 'sock'\nlate socket socket\ndefault value\n5 0\n",
  },
];

describe("multiple inheritance and cooperative super()", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-mro-");

  test("a class with two bases extends $py.bases(...) and super() names its class", () => {
    const r = transpileFile(dir, "shape.py", CASES[0]!.code);
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      "class Child extends $py.bases(Left, Right) {\n  static [name: string]: any;\n  hello(): any {",
    );
    expect(r.out).toContain('return $py.add(["Left"], super_(Left, self).hello());');
    expect(r.out).toContain('return $py.add(["Child"], super_(Child, self).hello());');
  });

  test("self.x assigned only in methods is read through checkAttr; methods stay direct", () => {
    const r = transpileFile(
      dir,
      "attrs.py",
      "class C:\n    k = 1\n\n    def set(self):\n        self.x = 2\n\n    def get(self):\n        return self.x + self.k\n\n    def call(self):\n        return self.get()\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain('return $py.add($py.checkAttr(self.x, self, "x"), self.k);');
    expect(r.out).toContain("return self.get();");
  });

  test("a builtin type among several bases is refused with its location", () => {
    const r = transpileFile(
      dir,
      "color.py",
      'from enum import Flag\n\n\nclass Color(str, Flag):\n    RED = "r"\n',
    );
    expect(r.status).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `  File "color.py", line 4, column 1\n    class Color(str, Flag):\n    ^\nasyncio-ts: unsupported: the builtin type 'str' as one of several bases is not supported\n`,
    );
  });

  typecheckCasesTest(() => dir, CASES, 120_000);
});
