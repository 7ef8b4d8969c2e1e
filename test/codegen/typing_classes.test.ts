/**
 * `except E as e:` unbinding `e` when the handler ends, `typing.NamedTuple` and
 * `typing.TypedDict` class syntax, `TypeVar`'s attributes (codegen/lower/exceptions.ts,
 * codegen/lower/classes.ts,
 * src/python/stdlib/typing.ts): programs whose output must equal CPython 3.13.0's, the shape of
 * the generated TypeScript, type-checking, and the constructs refused with their location.
 *
 * The expected outputs below were recorded by running each snippet under CPython 3.13.0, at module
 * level and as the body of `def case(): ...` (`expectedInFunction` where that differs). Everything
 * runs in child processes (the parser's native binding lives in transpiler.test.ts's worker only);
 * the programs share one process.
 */

import { type ProgramCase, programCaseTests, transpileFile, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "except_unbind",
    code: 'try:\n    raise ValueError("x")\nexcept ValueError as e:\n    print("caught", e)\ntry:\n    print(e)\nexcept NameError as ex:\n    print(type(ex).__name__, ex)\ne = "before"\ntry:\n    raise KeyError("k")\nexcept KeyError as e:\n    print("handler", repr(e))\ntry:\n    print(e)\nexcept NameError as ex:\n    print(type(ex).__name__, ex)\ne = "rebound"\nprint(e)\ntry:\n    pass\nexcept Exception as e:\n    pass\nprint("no exception, e still", e)\ntry:\n    raise KeyError("q")\nexcept ValueError as e:\n    print("not this one")\nexcept KeyError:\n    print("other handler, e still", e)\ntry:\n    raise ExceptionGroup("g", [ValueError(1), KeyError(2)])\nexcept* ValueError as e:\n    print("star", repr(e))\nexcept* KeyError as e:\n    print("star", repr(e))\ntry:\n    print(e)\nexcept NameError as ex:\n    print(type(ex).__name__, ex)\n',
    expected:
      "caught x\nNameError name 'e' is not defined\nhandler KeyError('k')\nNameError name 'e' is not defined\nrebound\nno exception, e still rebound\nother handler, e still rebound\nstar ExceptionGroup('g', [ValueError(1)])\nstar ExceptionGroup('g', [KeyError(2)])\nNameError name 'e' is not defined\n",
    expectedInFunction:
      "caught x\nUnboundLocalError cannot access local variable 'e' where it is not associated with a value\nhandler KeyError('k')\nUnboundLocalError cannot access local variable 'e' where it is not associated with a value\nrebound\nno exception, e still rebound\nother handler, e still rebound\nstar ExceptionGroup('g', [ValueError(1)])\nstar ExceptionGroup('g', [KeyError(2)])\nUnboundLocalError cannot access local variable 'e' where it is not associated with a value\n",
  },
  {
    name: "except_unbind_nested",
    code: 'def closure():\n    try:\n        raise ValueError("v")\n    except ValueError as e:\n        def inner():\n            return e\n        print("inside", inner())\n    try:\n        print(inner())\n    except NameError as ex:\n        print(type(ex).__name__, ex)\n\n\ndef nested():\n    try:\n        raise ValueError("a")\n    except ValueError as e:\n        try:\n            raise KeyError("b")\n        except KeyError as e:\n            print("inner", repr(e))\n        try:\n            print(e)\n        except UnboundLocalError as ex:\n            print("outer handler:", ex)\n\n\ndef loop():\n    for i in range(3):\n        try:\n            raise ValueError(i)\n        except ValueError as err:\n            if i == 0:\n                continue\n            if i == 1:\n                break\n    try:\n        print(err)\n    except UnboundLocalError as ex:\n        print(ex)\n\n\ndef escaping():\n    try:\n        try:\n            raise ValueError(1)\n        except ValueError as e:\n            raise KeyError(2)\n    except KeyError:\n        try:\n            print(e)\n        except UnboundLocalError as ex:\n            print("escaped:", ex)\n\n\ndef gen():\n    try:\n        raise ValueError("g")\n    except ValueError as e:\n        yield repr(e)\n    try:\n        yield e\n    except UnboundLocalError as ex:\n        yield str(ex)\n\n\ndef returned():\n    try:\n        raise ValueError("r")\n    except ValueError as e:\n        return e\n\n\nclosure()\nnested()\nloop()\nescaping()\nprint(list(gen()), repr(returned()))\n',
    expected:
      "inside v\nNameError cannot access free variable 'e' where it is not associated with a value in enclosing scope\ninner KeyError('b')\nouter handler: cannot access local variable 'e' where it is not associated with a value\ncannot access local variable 'err' where it is not associated with a value\nescaped: cannot access local variable 'e' where it is not associated with a value\n[\"ValueError('g')\", \"cannot access local variable 'e' where it is not associated with a value\"] ValueError('r')\n",
  },
  {
    name: "except_unbind_global",
    code: 'def k():\n    global e\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        print("k", e)\n\n\ne = 1\nk()\ntry:\n    print(e)\nexcept NameError as ex:\n    print("NameError:", ex)\n',
    expected: "k division by zero\nNameError: name 'e' is not defined\n",
    moduleOnly: true,
  },
  {
    name: "namedtuple_basic",
    code: 'from typing import NamedTuple\nimport typing\n\nclass P(NamedTuple):\n    """A point."""\n    x: int\n    y: int = 0\n    def norm(self):\n        return self.x * self.x + self.y * self.y\n    def __str__(self):\n        return f"<{self.x},{self.y}>"\n\np = P(3, 4)\nprint(p, repr(p), p.norm(), P.__name__, P.__qualname__)\nprint(P._fields, P._field_defaults, p._asdict(), p._replace(y=7), P._make([5, 6]))\nprint(P.__mro__, P.__bases__, isinstance(p, tuple), issubclass(P, tuple))\nprint(p[0], p[-1], p[:1], len(p), list(p), p == (3, 4), p == P(3, 4), p != (3, 5), hash(p) == hash((3, 4)))\nprint(P(1) < P(2), P(1, 5) > P(1, 2), sorted([P(2), P(1, 9), P(1, 2)]))\nx, y = p\nprint(x, y, P(x=1, y=2), P(1, y=2), P(y=2, x=1), 3 in p, p.index(4), p.count(3))\nprint(p + (1,), (1,) + p, p * 2, type(p + (1,)).__name__)\nfor cond in [lambda: P(), lambda: P(1, 2, 3), lambda: P(1, z=2), lambda: P(1, x=2), lambda: p._replace(z=1), lambda: P._make([1])]:\n    try:\n        cond()\n    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\ntry:\n    p.x = 5\nexcept AttributeError as e:\n    print("AttributeError", e)\nprint(P.__match_args__)\nmatch p:\n    case P(a, b):\n        print("matched", a, b)\nd = {p: "point"}\nprint(d[P(3, 4)], P.__annotations__ if False else "")\nclass Q(typing.NamedTuple):\n    name: str\n    tags: list = []\n    def __repr__(self):\n        return "Q!" + str(tuple(self))\nq = Q("a")\nprint(q, q.tags, Q._field_defaults, Q.__mro__)\nclass R(P):\n    def total(self):\n        return self.x + self.y\nr = R(1, 2)\nprint(r, r.total(), R.__mro__, r._replace(x=5), type(r._replace(x=5)).__name__)\nE = NamedTuple("E", [("a", int), ("b", str)])\nprint(E(1, "z"), E._fields)\nprint(P.norm.__qualname__, type(p).__name__)\n',
    expected:
      "<3,4> P(x=3, y=4) 25 P P\n('x', 'y') {'y': 0} {'x': 3, 'y': 4} <3,7> <5,6>\n(<class '__main__.P'>, <class 'tuple'>, <class 'object'>) (<class 'tuple'>,) True True\n3 4 (3,) 2 [3, 4] True True True True\nTrue True [P(x=1, y=2), P(x=1, y=9), P(x=2, y=0)]\n3 4 <1,2> <1,2> <1,2> True 1 1\n(3, 4, 1) (1, 3, 4) (3, 4, 3, 4) tuple\nTypeError P.__new__() missing 1 required positional argument: 'x'\nTypeError P.__new__() takes from 2 to 3 positional arguments but 4 were given\nTypeError P.__new__() got an unexpected keyword argument 'z'\nTypeError P.__new__() got multiple values for argument 'x'\nTypeError Got unexpected field names: ['z']\nTypeError Expected 2 arguments, got 1\nAttributeError can't set attribute\n('x', 'y')\nmatched 3 4\npoint \nQ!('a', []) [] {'tags': []} (<class '__main__.Q'>, <class 'tuple'>, <class 'object'>)\n<1,2> 3 (<class '__main__.R'>, <class '__main__.P'>, <class 'tuple'>, <class 'object'>) <5,2> R\nE(a=1, b='z') ('a', 'b')\nP.norm P\n",
    expectedInFunction:
      "<3,4> P(x=3, y=4) 25 P case.<locals>.P\n('x', 'y') {'y': 0} {'x': 3, 'y': 4} <3,7> <5,6>\n(<class '__main__.case.<locals>.P'>, <class 'tuple'>, <class 'object'>) (<class 'tuple'>,) True True\n3 4 (3,) 2 [3, 4] True True True True\nTrue True [P(x=1, y=2), P(x=1, y=9), P(x=2, y=0)]\n3 4 <1,2> <1,2> <1,2> True 1 1\n(3, 4, 1) (1, 3, 4) (3, 4, 3, 4) tuple\nTypeError P.__new__() missing 1 required positional argument: 'x'\nTypeError P.__new__() takes from 2 to 3 positional arguments but 4 were given\nTypeError P.__new__() got an unexpected keyword argument 'z'\nTypeError P.__new__() got multiple values for argument 'x'\nTypeError Got unexpected field names: ['z']\nTypeError Expected 2 arguments, got 1\nAttributeError can't set attribute\n('x', 'y')\nmatched 3 4\npoint \nQ!('a', []) [] {'tags': []} (<class '__main__.case.<locals>.Q'>, <class 'tuple'>, <class 'object'>)\n<1,2> 3 (<class '__main__.case.<locals>.R'>, <class '__main__.case.<locals>.P'>, <class 'tuple'>, <class 'object'>) <5,2> R\nE(a=1, b='z') ('a', 'b')\ncase.<locals>.P.norm P\n",
  },
  {
    name: "namedtuple_errors",
    code: 'from typing import NamedTuple\ntry:\n    class A1(NamedTuple):\n        x: int = 1\n        y: int\nexcept TypeError as e:\n    print("TypeError", e)\ntry:\n    class A5(NamedTuple):\n        a: int = 1\n        b: int = 2\n        y: int\nexcept TypeError as e:\n    print("TypeError", e)\ntry:\n    class A2(NamedTuple):\n        _x: int\nexcept ValueError as e:\n    print("ValueError", e)\ntry:\n    class A3(NamedTuple):\n        x: int\n        def __init__(self):\n            pass\nexcept AttributeError as e:\n    print("AttributeError", e)\ntry:\n    class A4(NamedTuple):\n        x: int\n        def _asdict(self):\n            pass\nexcept AttributeError as e:\n    print("AttributeError", e)\nclass B(NamedTuple):\n    x: int\n    z = 5\n    def m(self):\n        return self.z\nprint(B(1).m(), B.z, B(1), B._fields)\nclass C(NamedTuple):\n    pass\nprint(C(), C._fields, len(C()))\nclass D(B):\n    y: int\nprint(D(1), D._fields)\nprint(B.x, B(2).x)\nclass E(NamedTuple):\n    name: str\n    length: int = 3\nprint(E("n"), E("n").name, E("n").length, E._field_defaults)\ntry:\n    C(1)\nexcept TypeError as e:\n    print(e)\ntry:\n    B(1, 2)\nexcept TypeError as e:\n    print(e)\ntry:\n    B()\nexcept TypeError as e:\n    print(e)\nclass F(NamedTuple):\n    a: int\n    b: int\n    c: int\ntry:\n    F()\nexcept TypeError as e:\n    print(e)\ntry:\n    F(1)\nexcept TypeError as e:\n    print(e)\n',
    expected:
      "TypeError Non-default namedtuple field y cannot follow default field x\nTypeError Non-default namedtuple field y cannot follow default fields a, b\nValueError Field names cannot start with an underscore: '_x'\nAttributeError Cannot overwrite NamedTuple attribute __init__\nAttributeError Cannot overwrite NamedTuple attribute _asdict\n5 5 B(x=1) ('x',)\nC() () 0\nD(x=1) ('x',)\n_tuplegetter(0, 'Alias for field number 0') 2\nE(name='n', length=3) n 3 {'length': 3}\nC.__new__() takes 1 positional argument but 2 were given\nB.__new__() takes 2 positional arguments but 3 were given\nB.__new__() missing 1 required positional argument: 'x'\nF.__new__() missing 3 required positional arguments: 'a', 'b', and 'c'\nF.__new__() missing 2 required positional arguments: 'b' and 'c'\n",
  },
  {
    name: "typeddict_basic",
    code: 'from typing import TypedDict\nimport typing\nclass Movie(TypedDict):\n    """A movie."""\n    name: str\n    year: int\nm = Movie(name="Blade Runner", year=1982)\nprint(m, type(m), type(m) is dict, m["name"], Movie.__mro__, Movie.__bases__, Movie.__name__)\nprint(Movie({"name": "x"}), Movie(), Movie([("a", 1)], b=2), Movie.__total__, sorted(Movie.__required_keys__), sorted(Movie.__optional_keys__))\ntry:\n    isinstance(m, Movie)\nexcept TypeError as e:\n    print(e)\nclass Opt(TypedDict, total=False):\n    a: int\nprint(Opt(), Opt.__total__, sorted(Opt.__required_keys__), sorted(Opt.__optional_keys__))\nclass Sub(Movie):\n    rating: float\nprint(Sub(name="a", year=1, rating=2.5), sorted(Sub.__required_keys__), Sub.__mro__)\nm2: Movie = {"name": "x", "year": 1}\nprint(m2 == Movie(name="x", year=1))\nT2 = TypedDict("T2", {"a": int})\nprint(T2(a=1), T2.__mro__)\nprint(sorted(Movie.__required_keys__), Movie.__total__)\nclass Mix(typing.TypedDict, total=True):\n    k: typing.NotRequired[int]\n    j: typing.Required[str]\nprint(sorted(Mix.__required_keys__), sorted(Mix.__optional_keys__))\ntry:\n    class Bad(TypedDict):\n        a: int\n        def m(self): pass\n    print("ok methods", Bad(a=1))\nexcept TypeError as e:\n    print(e)\ntry:\n    class Bad2(TypedDict):\n        a: int\n        b = 2\n    print("ok attr", Bad2(a=1), Bad2.b)\nexcept TypeError as e:\n    print(e)\n',
    expected:
      "{'name': 'Blade Runner', 'year': 1982} <class 'dict'> True Blade Runner (<class '__main__.Movie'>, <class 'dict'>, <class 'object'>) (<class 'dict'>,) Movie\n{'name': 'x'} {} {'a': 1, 'b': 2} True ['name', 'year'] []\nTypedDict does not support instance and class checks\n{} False [] ['a']\n{'name': 'a', 'year': 1, 'rating': 2.5} ['name', 'rating', 'year'] (<class '__main__.Sub'>, <class 'dict'>, <class 'object'>)\nTrue\n{'a': 1} (<class '__main__.T2'>, <class 'dict'>, <class 'object'>)\n['name', 'year'] True\n['j'] ['k']\nok methods {'a': 1}\nok attr {'a': 1} 2\n",
    expectedInFunction:
      "{'name': 'Blade Runner', 'year': 1982} <class 'dict'> True Blade Runner (<class '__main__.case.<locals>.Movie'>, <class 'dict'>, <class 'object'>) (<class 'dict'>,) Movie\n{'name': 'x'} {} {'a': 1, 'b': 2} True ['name', 'year'] []\nTypedDict does not support instance and class checks\n{} False [] ['a']\n{'name': 'a', 'year': 1, 'rating': 2.5} ['name', 'rating', 'year'] (<class '__main__.case.<locals>.Sub'>, <class 'dict'>, <class 'object'>)\nTrue\n{'a': 1} (<class '__main__.T2'>, <class 'dict'>, <class 'object'>)\n['name', 'year'] True\n['j'] ['k']\nok methods {'a': 1}\nok attr {'a': 1} 2\n",
  },
  {
    name: "typevar_attributes",
    code: 'from typing import ParamSpec, TypeVar\n\nclass Base:\n    pass\n\nT = TypeVar("T", bound=Base)\nU = TypeVar("U", int, str)\nV = TypeVar("V")\nprint(T.__bound__ is Base, T.__constraints__, T.__name__, U.__constraints__, U.__bound__)\nprint(V.__bound__, V.__constraints__, V.__name__, T, U, [V])\nprint(TypeVar("K", covariant=True), TypeVar("C", contravariant=True))\nprint(TypeVar("I", infer_variance=True), TypeVar("N", bound=None).__bound__)\nprint(T.__covariant__, T.__contravariant__, T.__infer_variance__)\nP = ParamSpec("P")\nprint(P, P.__name__, P.__bound__)\nfor args, kw in [(("X", int), {}), (("X", int, str), {"bound": int}),\n                 (("X",), {"covariant": True, "contravariant": True}), ((1,), {})]:\n    try:\n        TypeVar(*args, **kw)\n    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\n',
    expected:
      "True () T (<class 'int'>, <class 'str'>) None\nNone () V ~T ~U [~V]\n+K -C\nI None\nFalse False False\n~P P <class 'NoneType'>\nTypeError A single constraint is not allowed\nTypeError Constraints cannot be combined with bound=...\nValueError Bivariant types are not supported.\nTypeError typevar() argument 'name' must be str, not int\n",
  },
];

describe("except-as unbinding, typing.NamedTuple and typing.TypedDict classes", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-typing-");

  test("a handler name read after the handler is unbound in a finally; otherwise just bound", () => {
    const r = transpileFile(
      dir,
      "shape.py",
      "def f():\n    try:\n        pass\n    except ValueError as e:\n        print(e)\n    return e\n\n\ndef g():\n    try:\n        pass\n    except ValueError as err:\n        print(err)\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      "e = $err1;\n        try {\n          print(e);\n        } finally {\n          e = undefined as any;\n        }",
    );
    expect(r.out).toContain('return $py.checkBound(e, "e");');
    expect(r.out).toContain("err = $err3;\n        print(err);\n      } else {");
  });

  test("a NamedTuple class extends the runtime's NamedTuple; total=False is a static", () => {
    const r = transpileFile(
      dir,
      "nt_shape.py",
      "from typing import NamedTuple, TypedDict\n\n\nclass P(NamedTuple):\n    x: int\n    y: int = 0\n\n\nclass T(TypedDict, total=False):\n    a: int\n",
    );
    expect(r.status).toBe(0);
    expect(r.out).toContain("const NamedTuple = $py.typing.NamedTuple;");
    expect(r.out).toContain(
      'class P extends NamedTuple {\n  static [name: string]: any;\n  declare x: any;\n  declare y: any;\n  static __annotations__: any = { x: "int", y: "int" };\n  static y: any = 0n;\n}',
    );
    expect(r.out).toContain(
      'class T extends TypedDict {\n  static [name: string]: any;\n  declare a: any;\n  static __annotations__: any = { a: "int" };\n  static __total__ = false;\n}',
    );
  });

  test.each([
    [
      "from typing import NamedTuple\n\n\nclass Q(NamedTuple):\n    x: int\n\n    def r(self):\n        return super().__repr__()\n",
      4,
      "class Q(NamedTuple):",
      "super() or __class__ in a NamedTuple class",
    ],
    [
      "from typing import NamedTuple, Generic\n\n\nclass Q(NamedTuple, Generic):\n    x: int\n",
      4,
      "class Q(NamedTuple, Generic):",
      "a NamedTuple class with several bases",
    ],
    [
      "from typing import TypedDict\n\n\nclass T(TypedDict, total=1):\n    x: int\n",
      4,
      "class T(TypedDict, total=1):",
      "class keyword 'total=' other than True or False",
    ],
  ])("refused with its location: %j", (code, lineNo, text, what) => {
    const r = transpileFile(dir, "bad.py", code);
    expect(r.status).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      `  File "bad.py", line ${lineNo}, column 1\n    ${text}\n    ^\nasyncio-ts: unsupported: ${what} is not supported\n`,
    );
  });

  typecheckCasesTest(() => dir, CASES, 180_000);
});
