/**
 * Differential tests of the runtime's fast paths, each against what CPython 3.13.0 prints:
 *
 * - a dataclass's generated `__init__`: the direct path (positional fields, no keywords, stored
 *   as plain properties or over a default's class attribute) and the general one (keywords,
 *   InitVar, `__setattr__`, a subclass whose property shadows a field: `self.x = value` runs the
 *   property's setter, AttributeError without one), with CPython's TypeErrors;
 * - a builtin exception raised and caught within a `try` whose handlers cannot print it is made
 *   without a JS stack;
 * - tuple hashes (xxHash lanes in 32-bit halves instead of BigInt), seen through `hash()` and
 *   set iteration order;
 * - indexing, slicing, `len`, `find`/`count` of long strings (Latin-1, other BMP, astral), whose
 *   surrogate check and code points are cached, and `split()`/`rsplit()` on whitespace, which
 *   walk UTF-16 code units.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "dataclass_init_paths",
    code: 'from dataclasses import dataclass, field, fields, InitVar\n\n@dataclass\nclass Event:\n    kind: str\n    value: int\n    tags: list = field(default_factory=list)\n    prio: int = 5\n\n@dataclass\nclass P:\n    x: int\n    y: int = 0\n\n    def __post_init__(self):\n        self.s = self.x + self.y\n\nclass Q(P):\n    @property\n    def x(self):\n        return 1\n\nclass R(P):\n    x = 7\n\n@dataclass\nclass WithInitVar:\n    a: int\n    scale: InitVar[int] = 2\n\n    def __post_init__(self, scale):\n        self.a *= scale\n\n@dataclass\nclass Watched:\n    a: int\n\n    def __setattr__(self, name, value):\n        print("set", name, value)\n        object.__setattr__(self, name, value)\n\na, b = Event("k", 1), Event("k", 2)\na.tags.append("x")\nprint(a, b, a.tags is b.tags, Event.prio, a.prio)\na.prio = 1\nprint(a.prio, Event.prio, Event("z", 3, ["t"], 0))\nprint(P(1, 2), P(1).s, P(y=3, x=1), P(*[4, 5]).s)\ntry:\n    Q(3)\nexcept AttributeError as e:\n    print("AttributeError", e)\nr = R(3)\nprint(r, r.x, R.x, r.s)\nprint(WithInitVar(3), WithInitVar(3, 10))\nw = Watched(5)\nprint(w)\nfor bad in [(), (1, 2, 3)]:\n    try:\n        P(*bad)\n    except TypeError as e:\n        print("TypeError", e)\ntry:\n    P(1, z=2)\nexcept TypeError as e:\n    print("TypeError", e)\nprint([f.name for f in fields(Event)], Event.__init__.__qualname__)\n',
    expected:
      "Event(kind='k', value=1, tags=['x'], prio=5) Event(kind='k', value=2, tags=[], prio=5) False 5 5\n1 5 Event(kind='z', value=3, tags=['t'], prio=0)\nP(x=1, y=2) 1 P(x=1, y=3) 9\nAttributeError property 'x' of 'Q' object has no setter\nR(x=3, y=0) 3 7 3\nWithInitVar(a=6) WithInitVar(a=30)\nset a 5\nWatched(a=5)\nTypeError P.__init__() missing 1 required positional argument: 'x'\nTypeError P.__init__() takes from 2 to 3 positional arguments but 4 were given\nTypeError P.__init__() got an unexpected keyword argument 'z'\n['kind', 'value', 'tags', 'prio'] Event.__init__\n",
    expectedInFunction:
      "case.<locals>.Event(kind='k', value=1, tags=['x'], prio=5) case.<locals>.Event(kind='k', value=2, tags=[], prio=5) False 5 5\n1 5 case.<locals>.Event(kind='z', value=3, tags=['t'], prio=0)\ncase.<locals>.P(x=1, y=2) 1 case.<locals>.P(x=1, y=3) 9\nAttributeError property 'x' of 'case.<locals>.Q' object has no setter\ncase.<locals>.R(x=3, y=0) 3 7 3\ncase.<locals>.WithInitVar(a=6) case.<locals>.WithInitVar(a=30)\nset a 5\ncase.<locals>.Watched(a=5)\nTypeError case.<locals>.P.__init__() missing 1 required positional argument: 'x'\nTypeError case.<locals>.P.__init__() takes from 2 to 3 positional arguments but 4 were given\nTypeError case.<locals>.P.__init__() got an unexpected keyword argument 'z'\n['kind', 'value', 'tags', 'prio'] case.<locals>.Event.__init__\n",
  },
  {
    name: "str_index_slice_split",
    code: 'texts = ["abcdefghij" * 10, "abcdefghi\u20ac" * 10, "ab\\U0001F600cdefgh\u20ac" * 10, "\u00e9" * 70]\nfor s in texts:\n    n = 0\n    for i in range(len(s)):\n        if s[i] in "a\u20ac\\U0001F600":\n            n += 1\n    print(len(s), n, s[3], s[-1], s[65:70], s[::-17], s[-5:], s[60:2:-20], s.find("c", 50), s.count("a"), s.rfind("\u20ac"))\nwords = "  alpha\\tbeta\\u3000gamma\\x85delta \\U0001F600 omega\\u2028 end  "\nprint(words.split(), words.split(None, 2), words.rsplit(None, 2), words.split(maxsplit=0), words.rsplit(maxsplit=0))\nprint("".split(), "   ".split(), " x ".rsplit(), "a\\u200bb c".split())\n',
    expected:
      "100 10 d j fghij jcfibe fghij aaa 52 10 -1\n100 20 d \u20ac fghi\u20ac \u20accfibe fghi\u20ac aaa 52 10 99\n100 30 c \u20ac efgh\u20ac \u20ac\ud83d\ude00ehbd efgh\u20ac aaa 53 10 99\n70 0 \u00e9 \u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9 -1 0 -1\n['alpha', 'beta', 'gamma', 'delta', '\ud83d\ude00', 'omega', 'end'] ['alpha', 'beta', 'gamma\\x85delta \ud83d\ude00 omega\\u2028 end  '] ['  alpha\\tbeta\\u3000gamma\\x85delta \ud83d\ude00', 'omega', 'end'] ['alpha\\tbeta\\u3000gamma\\x85delta \ud83d\ude00 omega\\u2028 end  '] ['  alpha\\tbeta\\u3000gamma\\x85delta \ud83d\ude00 omega\\u2028 end']\n[] [] ['x'] ['a\\u200bb', 'c']\n",
  },
  {
    name: "quiet_raise",
    code: 'n = 0\nfor i in range(6):\n    try:\n        if i % 2:\n            raise ValueError(i)\n        if i == 4:\n            raise KeyError(i)\n    except ValueError:\n        n += 1\n    except KeyError:\n        n += 10\nprint(n)\ntry:\n    try:\n        raise ValueError("inner")\n    except ValueError:\n        pass\n    raise TypeError("outer")\nexcept TypeError as e:\n    print(repr(e), e.__context__)\ndef f():\n    try:\n        raise LookupError("quiet")\n    except LookupError:\n        return "caught"\nprint(f())\ntry:\n    try:\n        raise IndexError("escapes")\n    except KeyError:\n        pass\nexcept IndexError as e:\n    print("outer got", repr(e))\n',
    expected: "13\nTypeError('outer') None\ncaught\nouter got IndexError('escapes')\n",
  },
  {
    name: "tuple_hashes",
    code: 'import random\nrandom.seed(5)\nvals = [0, 1, -1, -2, 2**61 - 1, 2**61, -(2**61), 2**63, -(2**63), 2**64 + 5, 10**30, -10**30, 1.5, -0.0, float("inf"), "a", "h\u00e9llo", "", None, True, False, (), (1,), ((1, 2), 3), "x" * 100, 2**53 + 1, -(2**53) - 1, 2**52, -7]\nout = []\nfor v in vals:\n    out.append(hash((v,)))\n    out.append(hash((v, v, 1)))\nfor _ in range(300):\n    t = tuple(random.choice(vals) for _ in range(random.randint(0, 5)))\n    out.append(hash(t))\nprint(sum(out) % 1000000007, out[:20])\ns = set()\nfor i in range(1000):\n    s.add((i % 30, -i % 7, str(i % 5)))\nprint(list(s)[:15])\n',
    expected:
      "615473599 [-8753497827991233192, -1882636517035687140, -6644214454873602895, 5750192569890809213, 8078679518589016365, -2409534002284234451, 8078679518589016365, -2409534002284234451, -8753497827991233192, -1882636517035687140, -6644214454873602895, 5750192569890809213, 8078679518589016365, -2409534002284234451, 8524022316992554414, -2163941213823905396, -7584273899265469182, -6842509030317245804, 5647185927008167994, -7855501904285434754]\n[(2, 0, '2'), (26, 5, '1'), (24, 6, '4'), (25, 0, '0'), (21, 5, '1'), (14, 6, '4'), (23, 1, '3'), (16, 4, '1'), (28, 0, '3'), (18, 0, '3'), (25, 2, '0'), (27, 3, '2'), (6, 1, '1'), (15, 1, '0'), (23, 3, '3')]\n",
  },
];

describe("runtime fast paths, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-fast-paths-");
  typecheckCasesTest(() => dir, CASES);
});
