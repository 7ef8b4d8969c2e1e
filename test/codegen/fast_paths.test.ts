/**
 * Differential tests of the runtime's fast paths, each against what CPython 3.13.0 prints:
 *
 * - a dataclass's generated `__init__`: the direct path (positional fields, no keywords, stored
 *   as plain properties or over a default's class attribute) and the general one (keywords,
 *   InitVar, `__setattr__`, a subclass whose property shadows a field: `self.x = value` runs the
 *   property's setter, AttributeError without one), with CPython's TypeErrors;
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
];

describe("runtime fast paths, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-fast-paths-");
  typecheckCasesTest(() => dir, CASES);
});
