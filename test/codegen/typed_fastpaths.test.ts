/**
 * Type-directed fast paths in generated code, and their fallbacks.
 *
 * - `obj.attr` on a name proven to hold an instance of a plain program class (or None) is
 *   `$py.checkAttr(obj?.attr, obj, "attr")` (codegen/instances.ts): dataclass and `__init__`
 *   fields, a function whose returns build the class, None, deleted attributes (AttributeError),
 *   frozen dataclasses, `__getattr__`; left to getattr: an attribute a subclass makes a property,
 *   an attribute set on the class or through `setattr`, `__slots__` classes.
 * - `x.m(...)` for a str method on a plain name is `typeof x === "string" ? $py.strMethod.m(x,
 *   ...) : $py.callMethod(x, "m", ...)`; on a str literal, `$py.strMethod.m("lit", ...)`: str
 *   subclasses overriding the method, None/int/list receivers (AttributeError), bad arguments
 *   (TypeError/ValueError), a Queue's `join`; locals holding a str subclass, None.
 * - `i % 4` / `i // 4` for an int name and a positive literal is `i >= 0n ? i % 4n : $py.mod(...)`:
 *   negative, zero and huge values.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { transpile } from "../../codegen";
import { STR_METHODS } from "../../codegen/lower/calls";
import { strMethods } from "../../src/python";
import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "typed_attrs",
    code: 'import asyncio\nfrom dataclasses import dataclass, field\n\n\n@dataclass\nclass Point:\n    x: int\n    y: int\n\n\n@dataclass(frozen=True)\nclass Frozen:\n    name: str\n    size: int\n\n\nclass Plain:\n    def __init__(self, label, n):\n        self.label = label\n        self.n = n\n\n\nclass Child(Plain):\n    def __init__(self, label, n, extra):\n        super().__init__(label, n)\n        self.extra = extra\n\n\nclass WithProp:\n    def __init__(self, v):\n        self._v = v\n\n    @property\n    def v(self):\n        return self._v * 10\n\n\nclass Lazy:\n    def __init__(self):\n        self.ready = True\n\n    def __getattr__(self, name):\n        return f"lazy:{name}"\n\n\ndef make_point(i: int) -> Point:\n    if i < 0:\n        return None\n    return Point(i, i * 2)\n\n\ndef make_any(flag):\n    if flag:\n        return Plain("p", 1)\n    return Child("c", 2, [3])\n\n\nasync def worker(q: asyncio.Queue, out: list) -> None:\n    while True:\n        item = await q.get()\n        if item is None:\n            break\n        p = make_point(item)\n        out.append(p.x + p.y)\n\n\nasync def main() -> None:\n    q: asyncio.Queue = asyncio.Queue()\n    out: list = []\n    t = asyncio.create_task(worker(q, out))\n    for i in range(5):\n        await q.put(i)\n    await q.put(None)\n    await t\n    print(out)\n    pt = make_point(3)\n    print(pt.x, pt.y, pt)\n    del pt.x\n    try:\n        print(pt.x)\n    except AttributeError as e:\n        print(type(e).__name__, e)\n    none_pt = make_point(-1)\n    try:\n        print(none_pt.x)\n    except AttributeError as e:\n        print(type(e).__name__, e)\n    fz = Frozen("f", 3)\n    print(fz.name, fz.size)\n    try:\n        fz.size = 4\n    except Exception as e:\n        print(type(e).__name__, e)\n    for flag in (True, False):\n        obj = make_any(flag)\n        print(obj.label, obj.n, type(obj).__name__)\n    c = Child("k", 5, 6)\n    print(c.label, c.extra)\n    try:\n        print(c.missing)\n    except AttributeError as e:\n        print(type(e).__name__, e)\n    w = WithProp(4)\n    print(w.v, w._v)\n    lz = Lazy()\n    print(lz.ready, lz.other)\n    del lz.ready\n    print(lz.ready)\n    pl = Plain(None, 0)\n    print(pl.label, pl.n)\n    pl.n = 7\n    print(pl.n)\n\n\nasyncio.run(main())\n',
    expected:
      "[0, 3, 6, 9, 12]\n3 6 Point(x=3, y=6)\nAttributeError 'Point' object has no attribute 'x'\nAttributeError 'NoneType' object has no attribute 'x'\nf 3\nFrozenInstanceError cannot assign to field 'size'\np 1 Plain\nc 2 Child\nk 6\nAttributeError 'Child' object has no attribute 'missing'\n40 4\nTrue lazy:other\nlazy:ready\nNone 0\n7\n",
    expectedInFunction:
      "[0, 3, 6, 9, 12]\n3 6 case.<locals>.Point(x=3, y=6)\nAttributeError 'Point' object has no attribute 'x'\nAttributeError 'NoneType' object has no attribute 'x'\nf 3\nFrozenInstanceError cannot assign to field 'size'\np 1 Plain\nc 2 Child\nk 6\nAttributeError 'Child' object has no attribute 'missing'\n40 4\nTrue lazy:other\nlazy:ready\nNone 0\n7\n",
  },
  {
    name: "typed_str_methods",
    code: 'import asyncio\n\n\nclass Shout(str):\n    def upper(self):\n        return "SHOUT:" + str.upper(self)\n\n    def split(self, sep=None):\n        return ["custom", sep]\n\n\ndef parse(line: str) -> tuple:\n    parts = line.split()\n    head = parts[0] if parts else ""\n    return head.upper(), len(parts), line.startswith("#"), line.replace("a", "A"), line.count("a")\n\n\ndef tidy(s: str, sep: str) -> list:\n    return s.strip().split(sep)\n\n\nasync def main() -> None:\n    print(parse("  get /a/b  42 "))\n    print(parse(""))\n    print(parse(Shout("x y")))\n    print(tidy(" a,b,,c ", ","))\n    print(tidy(Shout(" q "), ","))\n    for bad in (None, 5, ["a b"]):\n        try:\n            print(parse(bad))\n        except (AttributeError, TypeError) as e:\n            print(type(e).__name__, e)\n    try:\n        print(tidy("a", ""))\n    except ValueError as e:\n        print(type(e).__name__, e)\n    try:\n        print(tidy("a", 5))\n    except TypeError as e:\n        print(type(e).__name__, e)\n    words = ["alpha", "beta"]\n    sep = "-"\n    print(sep.join(words), "x".join("abc"))\n    n = "42"\n    print(n.isdigit(), n.zfill(5), n.center(6, "*"))\n    q = asyncio.Queue()\n    await q.put(1)\n    q.task_done()\n    await q.join()\n    print("joined")\n\n\nasyncio.run(main())\n',
    expected:
      "('GET', 3, False, '  get /A/b  42 ', 1)\n('', 0, False, '', 0)\n('CUSTOM', 2, False, 'x y', 0)\n['a', 'b', '', 'c']\n['q']\nAttributeError 'NoneType' object has no attribute 'split'\nAttributeError 'int' object has no attribute 'split'\nAttributeError 'list' object has no attribute 'split'\nValueError empty separator\nTypeError must be str or None, not int\nalpha-beta axbxc\nTrue 00042 **42**\njoined\n",
  },
  {
    name: "typed_fallbacks",
    code: 'from dataclasses import dataclass\n\n\n@dataclass\nclass Base:\n    kind: str\n    weight: int\n\n\nclass Heavy(Base):\n    @property\n    def weight(self):\n        return 1000\n\n    @weight.setter\n    def weight(self, v):\n        self.given = v\n\n\nclass Tagged:\n    def __init__(self, tag):\n        self.tag = tag\n\n\nclass Slotted:\n    __slots__ = ("a",)\n\n    def __init__(self, a):\n        self.a = a\n\n\ndef build(k: str) -> Base:\n    return Base(k, 1)\n\n\nb = build("box")\nprint(b.kind, b.weight)\nh = Heavy("h", 5)\nprint(h.kind, h.weight, h.given)\nt = Tagged("x")\nprint(t.tag)\nTagged.tag = "class-level"\ndel t.tag\nprint(t.tag)\ns = Slotted(4)\nprint(s.a)\nu = Tagged("y")\nsetattr(u, "tag", "via-setattr")\nprint(u.tag)\n',
    expected: "box 1\nh 1000 5\nx\nclass-level\n4\nvia-setattr\n",
  },
  {
    name: "typed_int_ops_and_locals",
    code: 'import asyncio\n\n\nclass Shout(str):\n    def upper(self):\n        return "SHOUT:" + str.upper(self)\n\n\nasync def main() -> None:\n    out = []\n    for i in range(-7, 8, 3):\n        out.append((i % 4, i // 4, i % 1, i // 1))\n        await asyncio.sleep(0)\n    print(out)\n    big = 10 ** 30 + 7\n    print(big % 1000, big // 10 ** 29, -big % 1000, -big // 10 ** 29)\n    n = 0\n    for k in range(50):\n        n = n + k * 3\n    print(n % 7, n // 7, (n % 7) == 5, n % 7 + n // 7)\n    word = Shout("hey")\n    print(word.upper(), word.startswith("h"), word.split("e"))\n    head, _, tail = "key=value=x".partition("=")\n    print(head.upper(), tail.split("="), tail.count("x"), head.strip("k"))\n    parts = "a b".split()\n    first = parts[0]\n    print(first.upper(), first.isalpha(), first.zfill(3))\n    try:\n        none = None\n        none.upper()\n    except AttributeError as e:\n        print(type(e).__name__, e)\n\n\nasyncio.run(main())\n',
    expected:
      "[(1, -2, 0, -7), (0, -1, 0, -4), (3, -1, 0, -1), (2, 0, 0, 2), (1, 1, 0, 5)]\n7 10 993 -11\n0 525 False 525\nSHOUT:HEY True ['h', 'y']\nKEY ['value', 'x'] 1 ey\nA True 00a\nAttributeError 'NoneType' object has no attribute 'upper'\n",
  },
];

describe("type-directed fast paths, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-typed-fastpaths-");
  typecheckCasesTest(() => dir, CASES);
});

describe("type-directed fast paths, emitted shape", () => {
  const ts = (py: string) => transpile(py, "t.py").code;

  test("fields of a dataclass built by a known function are read directly", () => {
    const code = ts(
      "from dataclasses import dataclass\n@dataclass\nclass R:\n    method: str\n    size: int\ndef parse(line: str) -> R:\n    a, b = line.split()\n    return R(a.upper(), int(b))\nreq = parse('get 5')\nprint(req.method, req.size, ', '.join([req.method]))\n",
    );
    expect(code).toContain('$py.checkAttr(req?.method, req, "method")');
    expect(code).toContain('$py.checkAttr(req?.size, req, "size")');
    expect(code).toContain(
      'typeof line === "string" ? $py.strMethod.split(line) : $py.callMethod(line, "split")',
    );
    expect(code).toContain('$py.strMethod.join(", ", ');
  });

  test("an int name modulo a positive literal uses JS's operator when it is not negative", () => {
    const code = ts("for i in range(10):\n    print(i % 3, i // 3, i % -3)\n");
    expect(code).toContain("i >= 0n ? i % 3n : ($py.mod(i, 3n) as bigint)");
    expect(code).toContain("i >= 0n ? i / 3n : ($py.floordiv(i, 3n) as bigint)");
    expect(code).toContain("($py.mod(i, -3n) as bigint)");
  });

  test("attributes a class or a subclass may define stay with getattr", () => {
    const code = ts(
      "class A:\n    def __init__(self):\n        self.x = 1\n        self.y = 2\n        self.z = 3\nclass B(A):\n    @property\n    def y(self):\n        return 5\ndef f(a: A):\n    return a.x\na = A()\nA.z = 4\nprint(a.x, a.y, a.z, f(a))\n",
    );
    expect(code).toContain('$py.checkAttr(a?.x, a, "x")');
    expect(code).toContain('getattr(a, "y")');
    expect(code).toContain('getattr(a, "z")');
    // A parameter is not proven to hold an instance (type hints are not enforced).
    expect(code).toContain('return getattr(a, "x")');
  });

  test("every str method the transpiler calls directly is one of the runtime's", () => {
    const table = strMethods as unknown as Record<string, unknown>;
    expect(
      [...STR_METHODS, "count", "index"].filter((m) => typeof table[m] !== "function"),
    ).toEqual([]);
  });
});
