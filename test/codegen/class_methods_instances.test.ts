/**
 * Class and static methods of the runtime's classes read through an instance, as Python's
 * attribute lookup finds them on the class: `d.fromkeys(...)` on dicts, OrderedDicts,
 * defaultdicts, ChainMaps, UserDicts and a program's dict subclass (each of its own class),
 * `(5).from_bytes(...)`, `True.from_bytes` (a bool), `"".maketrans(...)` (a static method:
 * the str is not an argument), `(1.5).fromhex`, the datetime classes' constructors
 * (`d.fromisoformat`, `dt.strptime`, `dt.combine`, a datetime subclass's), `Decimal.from_float`,
 * `Fraction.from_decimal`, `Path.cwd` and `Counter.fromkeys`'s NotImplementedError; class
 * attributes (`timedelta(1).max`, `date(...).resolution`, also of a subclass's instance; not JS's
 * own, such as `Error.stackTraceLimit`); and
 * `int`/`float` subclasses' `from_bytes`/`fromhex` giving instances of the subclass. They were JS
 * TypeErrors ("d.fromkeys is not a function") or AttributeErrors. Read as values, they are bound
 * to the class (`{}.fromkeys.__self__` is dict).
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "classmethod_cm",
    code: 'd = {}\nprint(d.fromkeys("ab", 0))\nprint((5).from_bytes(b"\\x01\\x00", "big"))\nprint(dict.fromkeys([1, 2]))\nfrom collections import OrderedDict, Counter\nprint(OrderedDict().fromkeys("xy"))\nprint(b"".fromhex("4142"))\nprint("".maketrans("a", "b"))\nprint((1.5).fromhex("0x1.8p1"))\nfrom datetime import date, datetime\nprint(date(2020, 1, 1).today() is not None)\nprint(datetime(2020, 1, 1).fromisoformat("2021-02-03T04:05:06"))\nfrom fractions import Fraction\nprint(Fraction(1, 2).from_float(0.25))\nfrom decimal import Decimal\nprint(Decimal(1).from_float(0.5))\n',
    expected:
      "{'a': 0, 'b': 0}\n256\n{1: None, 2: None}\nOrderedDict({'x': None, 'y': None})\nb'AB'\n{97: 98}\n3.0\nTrue\n2021-02-03 04:05:06\n1/4\n0.5\n",
  },
  {
    name: "classmethod_mt",
    code: 'print("".maketrans("a", "b"))\ns = "xyz"\nprint(s.maketrans({"a": "b"}))\ndef f(x):\n    return x.maketrans("ab", "cd", "e")\nprint(f("q"))\nprint((5).from_bytes(b"\\x01\\x00", "big"))\nn = 7\nprint(n.from_bytes(b"\\x01", "little", signed=True))\nprint(getattr(n, "from_bytes")(b"\\xff", "big", signed=True))\nprint(True.from_bytes(b"\\x01", "big"))\nclass I(int): pass\nprint(type(I(3).from_bytes(b"\\x02", "big")))\nprint(getattr("", "maketrans")("a", "b"))\n',
    expected:
      "{97: 98}\n{97: 'b'}\n{97: 99, 98: 100, 101: None}\n256\n1\n-1\nTrue\n<class '__main__.I'>\n{97: 98}\n",
    expectedInFunction:
      "{97: 98}\n{97: 'b'}\n{97: 99, 98: 100, 101: None}\n256\n1\n-1\nTrue\n<class '__main__.case.<locals>.I'>\n{97: 98}\n",
  },
  {
    name: "classmethod_ib",
    code: 'class I(int):\n    pass\nprint(type(I.from_bytes(b"\\x02", "big")))\nprint(type(I(3).from_bytes(b"\\x02", "big")))\nprint(type(bool.from_bytes(b"\\x02", "big")), bool.from_bytes(b"\\x00", "big"))\nclass F(float):\n    pass\nprint(type(F(1.0).fromhex("0x1p1")), type(F.fromhex("0x1p1")))\nprint(int.from_bytes(b"\\x01\\x02", byteorder="little"))\ntry:\n    int.from_bytes(b"\\x01", "middle")\nexcept ValueError as e:\n    print(e)\n',
    expected:
      "<class '__main__.I'>\n<class '__main__.I'>\n<class 'bool'> False\n<class '__main__.F'> <class '__main__.F'>\n513\nbyteorder must be either 'little' or 'big'\n",
    expectedInFunction:
      "<class '__main__.case.<locals>.I'>\n<class '__main__.case.<locals>.I'>\n<class 'bool'> False\n<class '__main__.case.<locals>.F'> <class '__main__.case.<locals>.F'>\n513\nbyteorder must be either 'little' or 'big'\n",
  },
  {
    name: "classmethod_cm3",
    code: 'from collections import ChainMap, Counter, OrderedDict, UserDict, defaultdict\nfrom datetime import date, datetime, time, timezone\nfrom decimal import Decimal\nfrom fractions import Fraction\nfrom pathlib import Path\n\n\nclass D(dict):\n    pass\n\n\nclass Stamp(datetime):\n    pass\n\n\nprint(type(D(a=1).fromkeys("xy", 0)), D().fromkeys("xy", 0))\nprint(OrderedDict(a=1).fromkeys("pq"))\nprint(defaultdict(list).fromkeys("ab", 1))\nprint(ChainMap({}).fromkeys("mn", 2))\nprint(type(UserDict().fromkeys("ab")).__name__)\ntry:\n    Counter("abc").fromkeys("ab")\nexcept NotImplementedError as e:\n    print("NotImplementedError:", e)\nd = date(2020, 5, 17)\nprint(d.fromordinal(737000), d.fromisoformat("2021-01-02"), d.fromisocalendar(2021, 1, 1))\ndt = datetime(2020, 1, 1, 12, 30)\nprint(dt.fromtimestamp(0, timezone.utc), dt.combine(date(2019, 1, 1), time(8, 0)))\nprint(dt.strptime("2022-03-04 05:06", "%Y-%m-%d %H:%M"))\nprint(type(Stamp(2020, 1, 1).fromisoformat("2020-02-02")).__name__)\nprint(time(1, 2).fromisoformat("10:11:12"))\nprint(Decimal("1.5").from_float(0.25), Fraction(1, 3).from_decimal(Decimal("0.5")))\nprint(Path("/tmp").cwd() == Path.cwd())\nf = dt.fromtimestamp\nprint(f(86400, timezone.utc))\nprint(hasattr(d, "today"), callable(getattr(dt, "now")))\nfrom datetime import timedelta, date, datetime\nprint(timedelta(1).max, timedelta(1).resolution, date(2020, 1, 1).min, datetime(2020, 1, 1).max)\nprint(date(2020, 1, 1).resolution)\nclass TD(timedelta):\n    pass\nprint(TD(2).max, TD(2).resolution)\n',
    expected:
      "<class '__main__.D'> {'x': 0, 'y': 0}\nOrderedDict({'p': None, 'q': None})\ndefaultdict(None, {'a': 1, 'b': 1})\nChainMap({'m': 2, 'n': 2})\nUserDict\nNotImplementedError: Counter.fromkeys() is undefined.  Use Counter(iterable) instead.\n2018-11-02 2021-01-02 2021-01-04\n1970-01-01 00:00:00+00:00 2019-01-01 08:00:00\n2022-03-04 05:06:00\nStamp\n10:11:12\n0.25 1/2\nTrue\n1970-01-02 00:00:00+00:00\nTrue True\n999999999 days, 23:59:59.999999 0:00:00.000001 0001-01-01 9999-12-31 23:59:59.999999\n1 day, 0:00:00\n999999999 days, 23:59:59.999999 0:00:00.000001\n",
    expectedInFunction:
      "<class '__main__.case.<locals>.D'> {'x': 0, 'y': 0}\nOrderedDict({'p': None, 'q': None})\ndefaultdict(None, {'a': 1, 'b': 1})\nChainMap({'m': 2, 'n': 2})\nUserDict\nNotImplementedError: Counter.fromkeys() is undefined.  Use Counter(iterable) instead.\n2018-11-02 2021-01-02 2021-01-04\n1970-01-01 00:00:00+00:00 2019-01-01 08:00:00\n2022-03-04 05:06:00\nStamp\n10:11:12\n0.25 1/2\nTrue\n1970-01-02 00:00:00+00:00\nTrue True\n999999999 days, 23:59:59.999999 0:00:00.000001 0001-01-01 9999-12-31 23:59:59.999999\n1 day, 0:00:00\n999999999 days, 23:59:59.999999 0:00:00.000001\n",
  },
  {
    name: "classmethod_cm4",
    code: 'from datetime import date\nfrom collections import OrderedDict\nprint(dir({}).count("fromkeys"))\nprint(dir(5).count("from_bytes"), dir("").count("maketrans"), dir(1.5).count("fromhex"))\nclass C:\n    @classmethod\n    def make(cls, n):\n        return cls()\n    @staticmethod\n    def helper(x):\n        return x * 2\nc = C()\nprint(type(c.make(1)).__name__, c.helper(4))\nm = {}.fromkeys\nprint(m("ab"), m.__name__, m.__self__)\nprint(getattr(5, "from_bytes").__self__, getattr(date(2020, 1, 1), "today").__name__)\nm = {}.fromkeys\nprint(m.__self__)\nprint("".maketrans.__self__, (1.5).fromhex.__self__, True.from_bytes.__self__, (5).from_bytes.__name__, "a".upper.__self__)\n',
    expected:
      "1\n1 1 1\nC 8\n{'a': None, 'b': None} fromkeys <class 'dict'>\n<class 'int'> today\n<class 'dict'>\nNone <class 'float'> <class 'bool'> from_bytes a\n",
  },
  {
    name: "classattr_js_statics",
    code: 'from datetime import timedelta\nclass TD(timedelta):\n    pass\nprint(hasattr(ValueError(), "stackTraceLimit"), hasattr(KeyError(), "captureStackTrace"), TD(1).max, timedelta(1).min)\nimport asyncio\nprint(hasattr(asyncio.Queue(), "maxsize"))\n',
    expected: "False False 999999999 days, 23:59:59.999999 -999999999 days, 0:00:00\nTrue\n",
  },
];

describe("class methods through instances, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-class-methods-");
  typecheckCasesTest(() => dir, CASES);
});
