/**
 * Special methods called by name (src/python/dunders.ts, protocol.ts, codegen/lower/calls.ts):
 * a builtin value's (`(5).__add__(2.0)` is NotImplemented, `"ab".__contains__("a")`,
 * `[1].__iter__().__next__()`), a builtin type's taking the receiver first (`int.__add__(self, o)`
 * in an int subclass, `dict.__init__(self, ...)`, `list.__getitem__(self, i)`), and `object`'s,
 * inherited by every class (`object.__repr__(self)`, `p.__ne__(q)`, `object.__hash__(self)`).
 * The receiver's type is checked with CPython's slot-wrapper message; a method the type does
 * not have is an AttributeError; `list.__hash__` is None.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "builtin_values",
    code: 'print((5).__add__(3), (5).__add__(2.0), (5).__radd__(True), (2.5).__add__(1), (2.5).__rsub__(1))\nprint((5).__eq__(5.0), (5.0).__eq__(5), (7).__lt__(8.5), (7.5).__lt__(8), True.__and__(False))\nprint((5).__truediv__(2), (7).__floordiv__(2), (7).__rmod__(23), (2).__pow__(10), (5).__divmod__(3))\nprint((5).__neg__(), (-5).__abs__(), (5).__invert__(), (2.5).__int__(), (5).__float__())\nprint((2.7).__floor__(), (2.2).__ceil__(), (2.567).__round__(1), (25).__round__(-1), (0).__bool__())\nprint((255).__format__("x"), (2.5).__format__(".3f"), (5).__index__(), (1).__hash__(), (5).__str__())\nprint("ab".__add__("c"), "ab".__mul__(2), "ab".__rmul__(3), "ab".__len__(), "ab".__contains__("b"))\nprint("ab".__getitem__(1), "abc".__getitem__(slice(1, None)), "%s-%d".__mod__(("a", 2)), "ab" % [3])\nprint("a".__lt__("b"), "a".__eq__(1), "a".__ne__("a"), "x".__repr__(), "x".__format__(">3"))\nprint([1, 2].__add__([3]), [1].__mul__(2), [1, 2].__len__(), [1, 2].__contains__(3), [4, 5].__getitem__(-1))\nxs = [1, 2, 3]\nxs.__setitem__(0, 9)\nxs.__delitem__(1)\nprint(xs, xs.__iadd__([4]), xs.__imul__(2), list(xs.__reversed__()), xs.__eq__([9, 3, 4, 9, 3, 4]))\nprint((1, 2).__add__((3,)), (1, 2).__len__(), (1, 2).__getitem__(0), (1, 2).__lt__((1, 3)), (1,).__hash__() == hash((1,)))\nd = {"a": 1}\nprint(d.__getitem__("a"), d.__len__(), d.__contains__("b"), d.__eq__({"a": 1}), d.__ne__(1), d.__or__({"b": 2}))\nit = [1, 2].__iter__()\nprint(it.__next__(), next(it), "ab".__iter__().__next__(), iter(d).__next__(), it.__iter__() is it)\nfor bad in [lambda: (5).__len__(), lambda: \'a\'.__add__(1), lambda: [1].__add__((2,)), lambda: \'a\'.__mul__(2.0), lambda: [].__hash__(), lambda: (2.5).__and__(1), lambda: next(it)]:\n    try:\n        print(bad())\n    except Exception as e:\n        print(type(e).__name__, e)\nprint([].__hash__, {}.__hash__)\n',
    expected:
      "8 NotImplemented 6 3.5 -1.5\nNotImplemented True NotImplemented True False\n2.5 3 2 1024 (1, 2)\n-5 5 -6 2 5.0\n2 3 2.6 20 False\nff 2.500 5 1 5\nabc abab ababab 2 True\nb bc a-2 ab\nTrue NotImplemented False 'x'   x\n[1, 2, 3] [1, 1] 2 False 5\n[9, 3, 4, 9, 3, 4] [9, 3, 4, 9, 3, 4] [9, 3, 4, 9, 3, 4] [4, 3, 9, 4, 3, 9] True\n(1, 2, 3) 2 1 True True\n1 1 False True NotImplemented {'a': 1, 'b': 2}\n1 2 a a True\nAttributeError 'int' object has no attribute '__len__'\nTypeError can only concatenate str (not \"int\") to str\nTypeError can only concatenate list (not \"tuple\") to list\nTypeError 'float' object cannot be interpreted as an integer\nTypeError 'NoneType' object is not callable\nAttributeError 'float' object has no attribute '__and__'\nStopIteration \nNone None\n",
  },
  {
    name: "builtin_types_and_object",
    code: 'class P:\n    def __init__(self, x):\n        object.__setattr__(self, "x", x)\n\n    def __repr__(self):\n        return "P(" + object.__repr__(self)[:11] + ")"\n\n    def __eq__(self, other):\n        return isinstance(other, P) and self.x == other.x\n\n    def __hash__(self):\n        return object.__hash__(self)\n\n\nclass D(dict):\n    def __init__(self, *args, **kwargs):\n        dict.__init__(self, *args, **kwargs)\n        self.reads = 0\n\n    def __getitem__(self, key):\n        self.reads += 1\n        return dict.__getitem__(self, key.lower())\n\n    def __setitem__(self, key, value):\n        dict.__setitem__(self, key.lower(), value)\n\n    def __repr__(self):\n        return "D" + dict.__repr__(self)\n\n\nclass L(list):\n    def __init__(self, items):\n        list.__init__(self, [i * 2 for i in items])\n\n    def first(self):\n        return list.__getitem__(self, 0) + 1\n\n\nclass Cents(int):\n    def __add__(self, other):\n        return Cents(int.__add__(self, other))\n\n    def __repr__(self):\n        return f"Cents({int.__repr__(self)})"\n\n\np, q = P(1), P(1)\nprint(p, p == q, p != q, object.__eq__(p, q), object.__ne__(p, p), object.__str__(p)[:4])\nprint(p.__ne__(q), p.__hash__() == hash(p), type(object.__hash__(p)).__name__)\nd = D(a=1, b=2)\nd["C"] = 3\nprint(d, d["a"], d["B"], d.reads, dict.__len__(d), dict.__contains__(d, "c"), dict.__eq__(d, {"a": 1, "b": 2, "c": 3}))\nprint(L([1, 2]), L([1, 2]).first(), list.__len__(L([1])), list.__getitem__(L([5]), 0))\nc = Cents(5) + 7\nprint(c, repr(c), type(c).__name__, int.__add__(2, 3), int.__add__(2, 3.5), float.__mul__(1.5, 2))\nprint(str.__len__("abc"), str.__getitem__("abc", -1), list.__len__([1, 2]), tuple.__len__((1,)))\nfor bad in [lambda: int.__add__(1.5, 2), lambda: str.__len__(5), lambda: dict.__getitem__({}, \'k\'), lambda: object.__init__(p, 1)]:\n    try:\n        print(bad())\n    except Exception as e:\n        print(type(e).__name__, e)\n',
    expected:
      "P(<__main__.P) True False NotImplemented False P(<_\nFalse True int\nD{'a': 1, 'b': 2, 'c': 3} 1 2 2 3 True True\n[2, 4] 3 1 10\nCents(12) Cents(12) Cents 5 NotImplemented 3.0\n3 c 2 1\nTypeError descriptor '__add__' requires a 'int' object but received a 'float'\nTypeError descriptor '__len__' requires a 'str' object but received a 'int'\nKeyError 'k'\nTypeError object.__init__() takes exactly one argument (the instance to initialize)\n",
    expectedInFunction:
      "P(<__main__.c) True False NotImplemented False P(<_\nFalse True int\nD{'a': 1, 'b': 2, 'c': 3} 1 2 2 3 True True\n[2, 4] 3 1 10\nCents(12) Cents(12) Cents 5 NotImplemented 3.0\n3 c 2 1\nTypeError descriptor '__add__' requires a 'int' object but received a 'float'\nTypeError descriptor '__len__' requires a 'str' object but received a 'int'\nKeyError 'k'\nTypeError object.__init__() takes exactly one argument (the instance to initialize)\n",
  },
];

describe("special methods called by name", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-special-methods-");
  typecheckCasesTest(() => dir, CASES);
});
