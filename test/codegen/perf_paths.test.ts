/**
 * The speed paths of transpiled programs (helper P), each checked two ways: the shape the
 * transpiler emits (in-process `transpile`), and, differentially, what the program prints at the
 * edges the fast path tells apart from the general one.
 *
 * - `x[k] += v` / `x[k] -= v` with a literal or a plain variable as `v` is
 *   `$py.augitem(x, k, $py.iadd, v)`: a dict (Counter, defaultdict) whose `__getitem__` and
 *   `__setitem__` are dict's own finds the key once; subclasses overriding either, `__missing__`,
 *   an `__iadd__` that deletes the key, keys whose `__hash__`/`__eq__` CPython calls twice
 *   (alone or in a tuple), None, lists, unhashable keys, errors, and a value that is not
 *   effect-free (evaluated after the read, as in CPython) take the general path;
 * - `for x in range(<int literals>)` counts JS numbers (no range object): negative steps, empty
 *   ranges, bounds past int32 (general path), `break`/`else`, a reassigned target, a zero step;
 * - list, set and dict comprehensions over such a range count the same way (a generator
 *   expression gets its range made where it is, as before); a class body's own `range` is
 *   not the builtin's;
 * - int `%` and `//` by a positive int take a shorter way in the runtime (`intMod`,
 *   `intFloorDiv`): negative operands, big ints, negative divisors and zero keep CPython's
 *   results and messages; `int(s)` of one str skips the keyword handling and converts an
 *   int32 inline (signs, zeros, int32 bounds, 15 and 16 digits, underscores, bad literals);
 *   on the general path, `int()` and `float()` now read decimal digits of any script and
 *   Unicode whitespace as CPython does (other non-ASCII characters are never valid);
 * - `sum(xs)` of a plain list of ints adds them with no iterator (list subclasses, floats and
 *   other items: the general path, which now adds ints met after a float as CPython does, as
 *   doubles without compensation: `sum([1e100, 1, -1e100])` is 0.0);
 * - iterating a dict, its keys, values or items, or a set, steps a plain iterator object (no
 *   generator): types and reprs of the iterators, size changes during iteration (now also
 *   caught at the last step of values and items, and raised again at every later step, as in
 *   CPython), exhaustion, `break` and resuming;
 * - `-=` is `$py.isub` (as `+=` is `$py.iadd`), with direct paths for ints and floats: bools,
 *   int subclasses, `__isub__`/`__sub__`/`__rsub__`, sets, NaN and -0.0, CPython's messages.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { transpile } from "../../codegen";
import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "aug_item_paths",
    code: 'import asyncio\nfrom collections import Counter, defaultdict, OrderedDict\n\n\nclass Loud(dict):\n    def __getitem__(self, k):\n        print("get", k)\n        return super().__getitem__(k)\n\n    def __setitem__(self, k, v):\n        print("set", k, v)\n        super().__setitem__(k, v)\n\n\nclass Miss(dict):\n    def __missing__(self, k):\n        print("missing", k)\n        return 10\n\n\nclass Acc:\n    def __init__(self, box):\n        self.box = box\n\n    def __iadd__(self, other):\n        del self.box["acc"]\n        print("iadd", other)\n        return self\n\n    def __repr__(self):\n        return "Acc"\n\n\nclass Key:\n    def __init__(self, n):\n        self.n = n\n\n    def __hash__(self):\n        print("hash", self.n)\n        return hash(self.n)\n\n    def __eq__(self, other):\n        print("eq", self.n)\n        return isinstance(other, Key) and other.n == self.n\n\n\nclass Num:\n    def __radd__(self, other):\n        print("radd", other)\n        return other + 100\n\n\nasync def worker(name: str, stats: dict, routes: Counter, sizes: defaultdict, n: int) -> None:\n    for i in range(n):\n        key = (name, i % 2)\n        routes[key] += 1\n        stats["done"] += 1\n        sizes[name] -= i\n        step = 0.5\n        stats["load"] += step\n        await asyncio.sleep(0)\n\n\nasync def main() -> None:\n    stats = {"done": 0, "load": 0.0}\n    routes: Counter = Counter()\n    sizes = defaultdict(int)\n    await asyncio.gather(worker("a", stats, routes, sizes, 3), worker("b", stats, routes, sizes, 2))\n    print(stats, routes, dict(sizes))\n    d = {"a": 1, (1, "x"): 2.5, 1: "s"}\n    d[(True, "x")] += 10\n    d[1.0] += "t"\n    d[(1, "x")] -= 1\n    print(d)\n    for bad in ("missing", "a"):\n        try:\n            d[bad] += "s" if bad == "a" else 1\n        except (KeyError, TypeError) as e:\n            print(type(e).__name__, e)\n    try:\n        d["a"] -= None\n    except TypeError as e:\n        print(type(e).__name__, e)\n    try:\n        d[[1]] += 1\n    except TypeError as e:\n        print(type(e).__name__, e)\n    loud = Loud(a=1)\n    loud["a"] += 2\n    m = Miss()\n    m["z"] += 1\n    m["z"] -= 3\n    od = OrderedDict(a=1, b=2)\n    od["a"] += 1\n    print(loud, m, od)\n    box = {}\n    box["acc"] = Acc(box)\n    box["other"] = 1\n    box["acc"] += 5\n    box["other"] += Num()\n    print(box)\n    lst = [1, 2, 3]\n    lst[0] += 10\n    lst[-1] -= 1\n    try:\n        lst[5] += 1\n    except IndexError as e:\n        print(type(e).__name__, e)\n    tail = [4]\n    nested = {"l": [0]}\n    nested["l"] += tail\n    nested["l"] += [5]\n    print(lst, nested, nested["l"] is not tail)\n    flags = {"t": True}\n    flags["t"] += True\n    flags["t"] -= 0.5\n    print(flags)\n    keyed = {Key(1): 5, (Key(2), 1): 7, None: 0}\n    keyed[Key(1)] += 1\n    keyed[(Key(2), 1)] -= 1\n    keyed[None] += 1\n    print(sorted(v for v in keyed.values()))\n\n    def order():\n        box2 = {}\n        try:\n            box2["k"] += later\n        except KeyError as e:\n            print("KeyError before the name", e)\n        later = 1\n        return later\n\n    order()\n\n\nasyncio.run(main())\n',
    expected:
      "{'done': 5, 'load': 2.5} Counter({('a', 0): 2, ('b', 0): 1, ('a', 1): 1, ('b', 1): 1}) {'a': -3, 'b': -1}\n{'a': 1, (1, 'x'): 11.5, 1: 'st'}\nKeyError 'missing'\nTypeError unsupported operand type(s) for +=: 'int' and 'str'\nTypeError unsupported operand type(s) for -=: 'int' and 'NoneType'\nTypeError unhashable type: 'list'\nget a\nset a 3\nmissing z\n{'a': 3} {'z': 8} OrderedDict({'a': 2, 'b': 2})\niadd 5\nradd 1\n{'other': 101, 'acc': Acc}\nIndexError list index out of range\n[11, 2, 2] {'l': [0, 4, 5]} True\n{'t': 1.5}\nhash 1\nhash 2\nhash 1\neq 1\nhash 1\neq 1\nhash 2\neq 2\nhash 2\neq 2\n[1, 6, 6]\nKeyError before the name 'k'\n",
  },
  {
    name: "literal_range_loops",
    code: 'import asyncio\n\n\nasync def job(i: int) -> int:\n    acc = 0\n    for k in range(20):\n        acc += (i * k) % 7\n    await asyncio.sleep(0)\n    return acc\n\n\nasync def main() -> None:\n    print(sum(await asyncio.gather(*(job(i) for i in range(50)))))\n    out = []\n    for i in range(-3, 3):\n        out.append(i)\n    for i in range(10, 0, -3):\n        out.append(i)\n    for i in range(0, -10, -4):\n        out.append(i)\n    for i in range(5, 5):\n        out.append("never")\n    for i in range(3, 0):\n        out.append("never")\n    for i in range(0, 10, 4):\n        i = i * 100\n        out.append(i)\n    print(out, i)\n    for n in range(3):\n        if n == 5:\n            break\n    else:\n        print("else ran", n)\n    for n in range(3):\n        if n == 1:\n            break\n    else:\n        print("not printed")\n    print("broke at", n)\n    for a in range(2147483646, 2147483649):\n        print(a, type(a).__name__)\n    for a in range(-2147483648, -2147483650, -1):\n        print(a)\n    pairs = []\n    for x in range(4):\n        for y in range(x, 4, 2):\n            pairs.append(x * y)\n            await asyncio.sleep(0)\n    print(pairs)\n    try:\n        for p, q in range(2):\n            pass\n    except TypeError as e:\n        print(type(e).__name__, e)\n    try:\n        for z in range(0, 5, 0):\n            pass\n    except ValueError as e:\n        print(type(e).__name__, e)\n    fired = [k for k in range(3)]\n    print(fired)\n\n\nasyncio.run(main())\n',
    expected:
      "2499\n[-3, -2, -1, 0, 1, 2, 10, 7, 4, 1, 0, -4, -8, 0, 400, 800] 800\nelse ran 2\nbroke at 1\n2147483646 int\n2147483647 int\n2147483648 int\n-2147483648\n-2147483649\n[0, 0, 1, 3, 4, 9]\nTypeError cannot unpack non-iterable int object\nValueError range() arg 3 must not be zero\n[0, 1, 2]\n",
  },
  {
    name: "comprehension_ranges",
    code: "import asyncio\n\n\nclass K:\n    range = staticmethod(lambda n: [10, n])\n    xs = [i for i in range(3)]\n    ys = [(i, j) for i in range(2) for j in range(i, 3)]\n\n\nasync def sq(i: int) -> int:\n    await asyncio.sleep(0)\n    return i * i\n\n\nasync def main() -> None:\n    tasks = [asyncio.create_task(sq(i)) for i in range(5)]\n    print(await asyncio.gather(*tasks))\n    print([i * j for i in range(3) for j in range(-2, 4, 3) if i != j])\n    print({i % 3 for i in range(10, 0, -1)}, {i: -i for i in range(0)}, sum(x for x in range(4)))\n    print([await sq(i) for i in range(3)])\n    fs = [lambda: i for i in range(3)]\n    print([f() for f in fs], K.xs, K.ys)\n    print([p for p, in [(i,) for i in range(2)]])\n    try:\n        print([a for a, b in range(2)])\n    except TypeError as e:\n        print(type(e).__name__, e)\n    print([i for i in range(2147483647, 2147483649)])\n\n\nasyncio.run(main())\n",
    expected:
      "[0, 1, 4, 9, 16]\n[0, 0, -2, -4, 2]\n{0, 1, 2} {} 6\n[0, 1, 4]\n[2, 2, 2] [10, 3] [(2, 2)]\n[0, 1]\nTypeError cannot unpack non-iterable int object\n[2147483647, 2147483648]\n",
  },
  {
    name: "inplace_int_float",
    code: 'class Money:\n    def __init__(self, v):\n        self.v = v\n\n    def __isub__(self, other):\n        print("isub", other)\n        self.v -= other\n        return self\n\n    def __repr__(self):\n        return f"Money({self.v})"\n\n\nclass Plain:\n    def __init__(self, v):\n        self.v = v\n\n    def __sub__(self, other):\n        return Plain(self.v - other)\n\n    def __rsub__(self, other):\n        return other - self.v\n\n    def __repr__(self):\n        return f"Plain({self.v})"\n\n\nclass MyInt(int):\n    def __sub__(self, other):\n        return "MyInt.__sub__"\n\n\nx = 10\nx -= 3\nf = 2.5\nf -= 0.25\nf += 1.5\ng = 1\ng -= 0.5\nb = True\nb -= 1\nbig = 2**70\nbig -= 1\ns = "ab"\ns += "cd"\nm = Money(5)\nm -= 2\np = Plain(7)\np -= 3\nq = 10\nq -= Plain(4)\nmi = MyInt(3)\nmi -= 1\nprint(x, f, g, b, big, s, m, p, q, mi)\nst = {1, 2, 3}\nst -= {2}\nprint(st)\nfor bad in [("a", 1), (None, 1), ([1], [1]), (1, "a")]:\n    v = bad[0]\n    try:\n        v -= bad[1]\n    except TypeError as e:\n        print(type(e).__name__, e)\nnan = float("nan")\nnan -= 1.0\ninf = float("inf")\ninf -= inf\nprint(nan, inf, -0.0 - 0.0)\nz = -0.0\nz -= 0.0\nprint(z)\n',
    expected:
      "isub 2\n7 3.75 0.5 0 1180591620717411303423 abcd Money(3) Plain(4) 6 MyInt.__sub__\n{1, 3}\nTypeError unsupported operand type(s) for -=: 'str' and 'int'\nTypeError unsupported operand type(s) for -=: 'NoneType' and 'int'\nTypeError unsupported operand type(s) for -=: 'list' and 'list'\nTypeError unsupported operand type(s) for -=: 'int' and 'str'\nnan nan -0.0\n-0.0\n",
  },
  {
    name: "int_floor_mod_parse",
    code: 'vals = [0, 1, -1, 6, -6, 7, -7, 2**70 + 3, -(2**70) - 3, 12, -12]\ndivs = [1, -1, 2, -2, 7, -7, 2**65, -(2**65), 3]\nout = []\nfor a in vals:\n    for b in divs:\n        out.append((a % b, a // b, divmod(a, b)))\nprint(out)\nfor a in (5, -5, 0):\n    for op in (lambda: a % 0, lambda: a // 0, lambda: divmod(a, 0)):\n        try:\n            op()\n        except ZeroDivisionError as e:\n            print(type(e).__name__, e)\nprint(True % 2, -True // 2, 7 % True, 5.5 % 2, -5.5 // 2, 7 % -2.0)\nfor s in ["0", "-0", "7", "-7", "2147483647", "2147483648", "-2147483648", "-2147483649", "999999999999999", "-999999999999999", "9999999999999999", "00012", " 42 ", "1_000", "+5", "12a", "", "-"]:\n    try:\n        print(repr(s), int(s))\n    except ValueError as e:\n        print(type(e).__name__, e)\nclass S(str):\n    pass\nprint(int(S("15")), int("ff", 16), int(s="5") if False else int("5", base=10), int(3.9), int(True))\ntry:\n    int("5", 2)\nexcept ValueError as e:\n    print(type(e).__name__, e)\nfor s in ["\u0661\u0662", "\\u0663.5", " \\u2003\u0664\u0662\\u3000", "\u0664_\u0662", "\\U0001D7D8\\U0001D7E2\\U0001D7EC\\U0001D7FF", "\\u212a", "1\\u00a02", "-\\u0661", "\\u0661e2", "inf\\u2003", "\\u0966\\u096f", "0x\\u0661", "\\u00b2", "12", " 7 ", "-0", "1e3"]:\n    for f in (int, float):\n        try:\n            print(repr(s), f.__name__, f(s))\n        except ValueError as e:\n            print(repr(s), f.__name__, "ValueError", e)\nfor s, b in [("\\u212a", 36), ("\\u0661\\u0660", 2), ("\\u0661\\u0660", 16), ("ff", 16), ("\\u0660x\\u0661f", 0)]:\n    try:\n        print(int(s, b))\n    except ValueError as e:\n        print("ValueError", e)\n',
    expected:
      "[(0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 0, (0, 0)), (0, 1, (1, 0)), (0, -1, (-1, 0)), (1, 0, (0, 1)), (-1, -1, (-1, -1)), (1, 0, (0, 1)), (-6, -1, (-1, -6)), (1, 0, (0, 1)), (-36893488147419103231, -1, (-1, -36893488147419103231)), (1, 0, (0, 1)), (0, -1, (-1, 0)), (0, 1, (1, 0)), (1, -1, (-1, 1)), (-1, 0, (0, -1)), (6, -1, (-1, 6)), (-1, 0, (0, -1)), (36893488147419103231, -1, (-1, 36893488147419103231)), (-1, 0, (0, -1)), (2, -1, (-1, 2)), (0, 6, (6, 0)), (0, -6, (-6, 0)), (0, 3, (3, 0)), (0, -3, (-3, 0)), (6, 0, (0, 6)), (-1, -1, (-1, -1)), (6, 0, (0, 6)), (-36893488147419103226, -1, (-1, -36893488147419103226)), (0, 2, (2, 0)), (0, -6, (-6, 0)), (0, 6, (6, 0)), (0, -3, (-3, 0)), (0, 3, (3, 0)), (1, -1, (-1, 1)), (-6, 0, (0, -6)), (36893488147419103226, -1, (-1, 36893488147419103226)), (-6, 0, (0, -6)), (0, -2, (-2, 0)), (0, 7, (7, 0)), (0, -7, (-7, 0)), (1, 3, (3, 1)), (-1, -4, (-4, -1)), (0, 1, (1, 0)), (0, -1, (-1, 0)), (7, 0, (0, 7)), (-36893488147419103225, -1, (-1, -36893488147419103225)), (1, 2, (2, 1)), (0, -7, (-7, 0)), (0, 7, (7, 0)), (1, -4, (-4, 1)), (-1, 3, (3, -1)), (0, -1, (-1, 0)), (0, 1, (1, 0)), (36893488147419103225, -1, (-1, 36893488147419103225)), (-7, 0, (0, -7)), (2, -3, (-3, 2)), (0, 1180591620717411303427, (1180591620717411303427, 0)), (0, -1180591620717411303427, (-1180591620717411303427, 0)), (1, 590295810358705651713, (590295810358705651713, 1)), (-1, -590295810358705651714, (-590295810358705651714, -1)), (5, 168655945816773043346, (168655945816773043346, 5)), (-2, -168655945816773043347, (-168655945816773043347, -2)), (3, 32, (32, 3)), (-36893488147419103229, -33, (-33, -36893488147419103229)), (1, 393530540239137101142, (393530540239137101142, 1)), (0, -1180591620717411303427, (-1180591620717411303427, 0)), (0, 1180591620717411303427, (1180591620717411303427, 0)), (1, -590295810358705651714, (-590295810358705651714, 1)), (-1, 590295810358705651713, (590295810358705651713, -1)), (2, -168655945816773043347, (-168655945816773043347, 2)), (-5, 168655945816773043346, (168655945816773043346, -5)), (36893488147419103229, -33, (-33, 36893488147419103229)), (-3, 32, (32, -3)), (2, -393530540239137101143, (-393530540239137101143, 2)), (0, 12, (12, 0)), (0, -12, (-12, 0)), (0, 6, (6, 0)), (0, -6, (-6, 0)), (5, 1, (1, 5)), (-2, -2, (-2, -2)), (12, 0, (0, 12)), (-36893488147419103220, -1, (-1, -36893488147419103220)), (0, 4, (4, 0)), (0, -12, (-12, 0)), (0, 12, (12, 0)), (0, -6, (-6, 0)), (0, 6, (6, 0)), (2, -2, (-2, 2)), (-5, 1, (1, -5)), (36893488147419103220, -1, (-1, 36893488147419103220)), (-12, 0, (0, -12)), (0, -4, (-4, 0))]\nZeroDivisionError integer modulo by zero\nZeroDivisionError integer division or modulo by zero\nZeroDivisionError integer division or modulo by zero\nZeroDivisionError integer modulo by zero\nZeroDivisionError integer division or modulo by zero\nZeroDivisionError integer division or modulo by zero\nZeroDivisionError integer modulo by zero\nZeroDivisionError integer division or modulo by zero\nZeroDivisionError integer division or modulo by zero\n1 -1 0 1.5 -3.0 -1.0\n'0' 0\n'-0' 0\n'7' 7\n'-7' -7\n'2147483647' 2147483647\n'2147483648' 2147483648\n'-2147483648' -2147483648\n'-2147483649' -2147483649\n'999999999999999' 999999999999999\n'-999999999999999' -999999999999999\n'9999999999999999' 9999999999999999\n'00012' 12\n' 42 ' 42\n'1_000' 1000\n'+5' 5\nValueError invalid literal for int() with base 10: '12a'\nValueError invalid literal for int() with base 10: ''\nValueError invalid literal for int() with base 10: '-'\n15 255 5 3 1\nValueError invalid literal for int() with base 2: '5'\n'\u0661\u0662' int 12\n'\u0661\u0662' float 12.0\n'\u0663.5' int ValueError invalid literal for int() with base 10: '\u0663.5'\n'\u0663.5' float 3.5\n' \\u2003\u0664\u0662\\u3000' int 42\n' \\u2003\u0664\u0662\\u3000' float 42.0\n'\u0664_\u0662' int 42\n'\u0664_\u0662' float 42.0\n'\ud835\udfd8\ud835\udfe2\ud835\udfec\ud835\udfff' int 9\n'\ud835\udfd8\ud835\udfe2\ud835\udfec\ud835\udfff' float 9.0\n'\u212a' int ValueError invalid literal for int() with base 10: '\u212a'\n'\u212a' float ValueError could not convert string to float: '\u212a'\n'1\\xa02' int ValueError invalid literal for int() with base 10: '1\\xa02'\n'1\\xa02' float ValueError could not convert string to float: '1\\xa02'\n'-\u0661' int -1\n'-\u0661' float -1.0\n'\u0661e2' int ValueError invalid literal for int() with base 10: '\u0661e2'\n'\u0661e2' float 100.0\n'inf\\u2003' int ValueError invalid literal for int() with base 10: 'inf\\u2003'\n'inf\\u2003' float inf\n'\u0966\u096f' int 9\n'\u0966\u096f' float 9.0\n'0x\u0661' int ValueError invalid literal for int() with base 10: '0x\u0661'\n'0x\u0661' float ValueError could not convert string to float: '0x\u0661'\n'\u00b2' int ValueError invalid literal for int() with base 10: '\u00b2'\n'\u00b2' float ValueError could not convert string to float: '\u00b2'\n'12' int 12\n'12' float 12.0\n' 7 ' int 7\n' 7 ' float 7.0\n'-0' int 0\n'-0' float -0.0\n'1e3' int ValueError invalid literal for int() with base 10: '1e3'\n'1e3' float 1000.0\nValueError invalid literal for int() with base 36: '\u212a'\n2\n16\n255\n31\n",
  },
  {
    name: "sum_paths",
    code: 'import asyncio\n\n\nclass L(list):\n    def total(self):\n        return sum(self)\n\n\nasync def main():\n    results = await asyncio.gather(*(asyncio.sleep(0, i) for i in range(5)))\n    print(sum(results), sum([]), sum([1, 2**80, -3]), sum([1, True, 2]), sum([1, 2.5, 3]))\n    print(sum([1, 2], 10), sum([1, 2], start=5), sum(L([1, 2])), L([3, 4]).total(), sum([[1], [2]], []))\n    print(sum([0.1] * 10), sum([1, 2, 1e100, 1, -1e100]), sum([1e100, 1.0, -1e100]))\n    print(sum([1e100, 1.0, -1e100, 2**64]), sum([0.5, 2**53, 1.0]), sum([1e100, 1.0, -1e100, True]))\n    for bad in ([1, "a"], ["a", "b"], [None]):\n        try:\n            print(sum(bad))\n        except TypeError as e:\n            print(type(e).__name__, e)\n    try:\n        sum(["a"], "")\n    except TypeError as e:\n        print(type(e).__name__, e)\n\n\nasyncio.run(main())\n',
    expected:
      "10 0 1208925819614629174706174 4 6.5\n13 8 3 7 [1, 2]\n1.0 0.0 1.0\n1.8446744073709552e+19 9007199254740992.0 2.0\nTypeError unsupported operand type(s) for +: 'int' and 'str'\nTypeError unsupported operand type(s) for +: 'int' and 'str'\nTypeError unsupported operand type(s) for +: 'int' and 'NoneType'\nTypeError sum() can't sum strings [use ''.join(seq) instead]\n",
  },
  {
    name: "dict_iterators",
    code: 'd = {"a": 1, "b": 2}\nit = iter(d)\nprint(type(it).__name__, next(it), list(it), next(iter(d), None))\nprint(type(iter(d.keys())).__name__, type(iter(d.values())).__name__, type(iter(d.items())).__name__)\nprint(repr(it).startswith("<dict_keyiterator object at"))\nfor bad in ("add", "delete"):\n    d = {"a": 1, "b": 2, "c": 3}\n    try:\n        for k in d:\n            if bad == "add":\n                d["z"] = 0\n            elif bad == "delete":\n                del d["a"]\n            else:\n                del d[k]\n                d[k + "x"] = 1\n    except RuntimeError as e:\n        print(type(e).__name__, e)\n    print(d)\nd = {"a": 1}\nfor k in d:\n    d[k] = 5\nprint(d, [k for k in {}], sorted({3: 0, 1: 0}))\nit = iter({"q": 1})\nprint(list(it), list(it))\nd = {"a": 1, "b": 2}\nfor label, view in (("keys", d.keys()), ("values", d.values()), ("items", d.items())):\n    it = iter(view)\n    print(label, type(it).__name__, next(it), list(it), list(view), list(it))\n    try:\n        for x in view:\n            d["new" + label] = 0\n    except RuntimeError as e:\n        print(type(e).__name__, e)\nvals = {"x": 1, "y": 2}\ntry:\n    for v in vals.values():\n        if v == 2:\n            del vals["y"]\nexcept RuntimeError as e:\n    print(type(e).__name__, e)\nit = iter({"q": 1, "r": 2})\nfor k in it:\n    break\nprint(k, list(it), [k for k, v in {"m": 1}.items()], dict(zip(d.keys(), d.values())) == d)\nimport itertools\nprint(list(itertools.islice(iter({1: 1, 2: 2, 3: 3}), 2)), sorted(d.items())[:2], max({"a": 1, "b": 2}))\nprint(next(iter({}), "empty"), it.__next__() if False else "skip", iter(it) is it)\nsticky = {"a": 1, "b": 2}\nit = iter(sticky)\nnext(it)\nsticky["c"] = 3\nfor _ in range(2):\n    try:\n        print(next(it, "done"))\n    except RuntimeError as e:\n        print("again:", type(e).__name__, e)\ndel sticky["c"]\ntry:\n    print(next(it, "done"))\nexcept RuntimeError as e:\n    print("sticky:", type(e).__name__, e)\n',
    expected:
      "dict_keyiterator a ['b'] a\ndict_keyiterator dict_valueiterator dict_itemiterator\nTrue\nRuntimeError dictionary changed size during iteration\n{'a': 1, 'b': 2, 'c': 3, 'z': 0}\nRuntimeError dictionary changed size during iteration\n{'b': 2, 'c': 3}\n{'a': 5} [] [1, 3]\n['q'] []\nkeys dict_keyiterator a ['b'] ['a', 'b'] []\nRuntimeError dictionary changed size during iteration\nvalues dict_valueiterator 1 [2, 0] [1, 2, 0] []\nRuntimeError dictionary changed size during iteration\nitems dict_itemiterator ('a', 1) [('b', 2), ('newkeys', 0), ('newvalues', 0)] [('a', 1), ('b', 2), ('newkeys', 0), ('newvalues', 0)] []\nRuntimeError dictionary changed size during iteration\nRuntimeError dictionary changed size during iteration\nq ['r'] ['m'] True\n[1, 2] [('a', 1), ('b', 2)] b\nempty skip True\nagain: RuntimeError dictionary changed size during iteration\nagain: RuntimeError dictionary changed size during iteration\nsticky: RuntimeError dictionary changed size during iteration\n",
  },
  {
    name: "set_iterators",
    code: 's = {3, 1, 2, "a", (1, 2)}\nit = iter(s)\nprint(type(it).__name__, len(list(it)), list(it), sorted(x for x in s if isinstance(x, int)))\nfs = frozenset([5, 6])\nprint(type(iter(fs)).__name__, sorted(fs), next(iter(set()), "empty"))\nfor change in ("add", "discard", "same"):\n    t = {1, 2, 3}\n    try:\n        for x in t:\n            if change == "add":\n                t.add(x + 10)\n            elif change == "discard":\n                t.discard(3)\n            else:\n                t.add(1)\n    except RuntimeError as e:\n        print(type(e).__name__, e)\n    print(sorted(t))\nt = {1, 2, 3}\nit = iter(t)\nprint(next(it))\nt.add(99)\ntry:\n    next(it)\nexcept RuntimeError as e:\n    print(type(e).__name__, e)\nfor _ in range(2):\n    try:\n        print(next(it, "done"))\n    except RuntimeError as e:\n        print("again:", type(e).__name__, e)\nt.discard(99)\ntry:\n    print(next(it, "done"))\nexcept RuntimeError as e:\n    print("sticky:", type(e).__name__, e)\nu = {1, 2}\nit = iter(u)\nlist(it)\nu.add(5)\nprint(next(it, "still done"), iter(it) is it, [x for x in {7}], {x * 2 for x in {1, 2}} == {2, 4})\nbig = set(range(100))\nn = 0\nfor x in big:\n    n += x\n    if x == 50:\n        break\nprint(n, sum(big), max(big), min({4, -1}), list(reversed(sorted({3, 1}))))\n',
    expected:
      "set_iterator 5 [] [1, 2, 3]\nset_iterator [5, 6] empty\nRuntimeError Set changed size during iteration\n[1, 2, 3, 11]\nRuntimeError Set changed size during iteration\n[1, 2]\n[1, 2, 3]\n1\nRuntimeError Set changed size during iteration\nagain: RuntimeError Set changed size during iteration\nagain: RuntimeError Set changed size during iteration\nsticky: RuntimeError Set changed size during iteration\nstill done True [7] True\n1275 4950 99 -1 [3, 1]\n",
  },
];

describe("speed paths: emitted shapes", () => {
  const ts = (py: string) => transpile(py, "t.py").code;

  test("d[k] += / -= of a literal or a plain name is one augitem call; other values are not", () => {
    const code = ts(
      "def f(d, k, n):\n    d[k] += 1\n    d['x'] -= n\n    d[k] += n * 2\n    d[k] *= 3\n",
    );
    expect(code).toContain("$py.augitem(d, k, $py.iadd, 1n);");
    expect(code).toContain('$py.augitem(d, "x", $py.isub, n);');
    expect(code).toContain("$py.setitem(d, k, $py.iadd($py.getitem(d, k), $py.mul(n, 2n)));");
    expect(code).toContain('$py.setitem(d, k, $py.inplace("*", $py.getitem(d, k), 3n));');
  });

  test("a name that may be unbound is read after the item, as CPython does", () => {
    const code = ts("def f():\n    d = {}\n    d['k'] += later\n    later = 1\n");
    expect(code).toContain('$py.iadd($py.getitem(d, "k"), $py.checkBound(later, "later"))');
  });

  test("for over range() of int literals counts JS numbers", () => {
    const code = ts(
      "for i in range(20):\n    print(i)\nfor j in range(10, -2, -3):\n    print(j)\nfor k in range(1, 2**40):\n    break\n",
    );
    expect(code).toContain("for (let $k1 = 0; $k1 < 20; $k1++) {\n  i = BigInt($k1);");
    expect(code).toContain("for (let $k2 = 10; $k2 > -2; $k2 -= 3) {\n  j = BigInt($k2);");
    expect(code).toContain(".at($k");
  });

  test("list, set and dict comprehensions over a range of int literals count too", () => {
    const code = ts(
      "xs = [i * 2 for i in range(3)]\nys = {i for i in range(5, 0, -1)}\ng = (i for i in range(3))\n",
    );
    expect(code).toContain("for (let $k2 = 0; $k2 < 3; $k2++) {\n    const i = BigInt($k2);");
    expect(code).toContain("for (let $k4 = 5; $k4 > 0; $k4--) {");
    expect(code).toContain(`}, "<genexpr>", range(3n));`);
  });

  test("-= is isub; += stays iadd", () => {
    const code = ts("def f(a, b):\n    a -= b\n    a += b\n    a.x -= 1\n    return a\n");
    expect(code).toContain("a = $py.isub(a, b);");
    expect(code).toContain("a = $py.iadd(a, b);");
    expect(code).not.toContain('$py.inplace("-"');
  });
});

describe("speed paths, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-perf-paths-");
  typecheckCasesTest(() => dir, CASES);
});
