/**
 * Differential tests of lowering (and a few runtime) fixes:
 *
 * - names a module defines more than once: functions redefined in the same scope, the `def _`
 *   functions of `@singledispatch`'s `register`, `@overload` stubs before the implementation.
 *   Each definition's argument binder has a constant of its own (`h$sig`, `h$sig2`): before, the
 *   second one redeclared the first and the program failed to load; in a class body, the
 *   `@overload` stubs and a plain redefinition are left out (TypeScript refuses two methods of
 *   one name), the implementation and a property's setter stay;
 * - a subclass of `asyncio.Task` defining `__init__` (its constructor spreads the arguments into
 *   Task's typed parameter list), and `await b.get()` on an instance of the program's own class
 *   with async `get`/`put` (no queue fast path, whose `b.get_nowait()` did not type-check);
 * - raw strings ending in backslashes (`r"\\"`, whose backslashes tree-sitter-python puts into
 *   the closing token) and a static method's first parameter, which is not `self`;
 * - `sys.stdout.name` is `<stdout>` (as `StreamHandler` reprs show it);
 * - `Future.remove_done_callback(obj.method)` finds the callback by `==`, as bound methods are
 *   made at each read;
 * - 3.13's keyword arguments of AttributeError (`name`, `obj`) and NameError (`name`).
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "redefined_functions",
    code: 'from functools import singledispatch\nfrom typing import overload\n\n\n@singledispatch\ndef show(x):\n    return f"obj {x!r}"\n\n\n@show.register\ndef _(x: int, *rest):\n    return f"int {x}"\n\n\n@show.register(list)\ndef _(x, *rest):\n    return "list " + ",".join(show(i) for i in x)\n\n\n@show.register(str)\n@show.register(bytes)\ndef _(x, *rest):\n    return f"text {x!r}"\n\n\nprint(show(1), show("a"), show(b"b"), show([1, "x", 2.5]), show(None), _.__name__)\n\n\n@overload\ndef scale(x: int, *, by: int = 2) -> int: ...\n@overload\ndef scale(x: float, *, by: int = 2) -> float: ...\ndef scale(x, *, by=2):\n    return x * by\n\n\nprint(scale(3), scale(1.5, by=3))\n\n\ndef h(*a):\n    return 1\n\n\ndef h(*a, **k):\n    return 2, a, k\n\n\nprint(h(1, z=3))\n',
    expected:
      "int 1 text 'a' text b'b' list int 1,text 'x',obj 2.5 obj None _\n6 4.5\n(2, (1,), {'z': 3})\n",
  },
  {
    name: "redefined_methods",
    code: 'import typing\nfrom typing import overload\n\n\nclass Conv:\n    """Overload stubs, then the implementation; a method defined twice."""\n\n    @overload\n    def get(self, x: int) -> int: ...\n    @overload\n    def get(self, x: str) -> str: ...\n    def get(self, x):\n        return ("got", x)\n\n    @typing.overload\n    def put(self, x: int) -> None: ...\n    def put(self, x):\n        self.last = x\n        return self\n\n    def area(self):\n        return 1\n\n    def area(self):\n        return 2\n\n    @property\n    def v(self):\n        return self._v\n\n    @v.setter\n    def v(self, val):\n        self._v = val * 2\n\n\nc = Conv()\nc.v = 3\nprint(c.get(1), c.get("a"), c.put(5).last, c.area(), c.v, Conv.get.__qualname__, Conv.area.__name__)\n',
    expected: "('got', 1) ('got', 'a') 5 2 6 Conv.get area\n",
    expectedInFunction: "('got', 1) ('got', 'a') 5 2 6 case.<locals>.Conv.get area\n",
  },
  {
    name: "raw_strings_static_methods",
    code: 'x = 5\nprint(repr(r"\\\\"), repr(r"a\\\\"), repr("a\\\\"), repr("\\\\"), repr(r"""tri\\\\"""), repr(rb"\\\\"), repr(b"\\\\"), repr(rf"\\\\{x}\\\\"), repr(f"\\\\{x}\\\\"), repr(R"\\\\\\\\"), repr(r\'\\\\\'), repr(r"\\"q"))\nprint(repr(r"C:\\Users\\name\\\\"), repr("""x\\\\"""), repr(Rb\'\\d+\\\\\'), repr(fr\'{x}\\\\\'))\n\nclass K:\n    count = 0\n\n    def __init__(self, v):\n        self.v = v\n\n    @staticmethod\n    def low(name, *rest):\n        return name.lower() + str(len(rest))\n\n    @staticmethod\n    def make(other):\n        return other.v\n\n    @classmethod\n    def build(cls, v):\n        cls.count += 1\n        return cls(v)\n\n    def m(self):\n        return self.low("Q"), self.make(self)\n\n\nk = K.build(3)\nprint(K.low("AbC"), K().low("X", 1) if False else k.low("X", 1), k.m(), K.make(k), K.count, k.v)\nclass Base:\n    @staticmethod\n    def norm(s):\n        return s.strip().lower()\n\n    @classmethod\n    def tag(cls):\n        return cls.__name__\n\n\nclass K2(Base):\n    @staticmethod\n    def low(name):\n        return name.lower()\n\n    def m(self):\n        return self.low("Q"), self.norm("  Z "), self.tag()\n\n\nprint(K2().m())\n',
    expected:
      "'\\\\\\\\' 'a\\\\\\\\' 'a\\\\' '\\\\' 'tri\\\\\\\\' b'\\\\\\\\' b'\\\\' '\\\\\\\\5\\\\\\\\' '\\\\5\\\\' '\\\\\\\\\\\\\\\\' '\\\\\\\\' '\\\\\"q'\n'C:\\\\Users\\\\name\\\\\\\\' 'x\\\\' b'\\\\d+\\\\\\\\' '5\\\\\\\\'\nabc0 x1 ('q0', 3) 3 1 3\n('q', 'z', 'K2')\n",
  },
  {
    name: "stream_names",
    code: "import sys, logging\nprint(sys.stdout.name, sys.stderr.name, sys.stdin.name, sys.stdout, sys.stderr)\nprint(logging.StreamHandler(), logging.StreamHandler(sys.stdout))\n",
    expected:
      "<stdout> <stderr> <stdin> <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'> <_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>\n<StreamHandler <stderr> (NOTSET)> <StreamHandler <stdout> (NOTSET)>\n",
  },
  {
    name: "remove_done_callback_bound_method",
    code: "import asyncio\n\nclass Watcher:\n    def __init__(self):\n        self.seen = []\n\n    def on_done(self, fut):\n        self.seen.append(fut.result())\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    w = Watcher()\n    f = loop.create_future()\n    f.add_done_callback(w.on_done)\n    f.add_done_callback(w.on_done)\n    f.add_done_callback(print)\n    print(f.remove_done_callback(w.on_done), f.remove_done_callback(w.on_done), f.remove_done_callback(len))\n    f.set_result(5)\n    await asyncio.sleep(0)\n    print(w.seen)\n    g = loop.create_future()\n    g.add_done_callback(w.on_done)\n    print(g.remove_done_callback(Watcher().on_done), g.remove_done_callback(w.on_done))\n\nasyncio.run(main())\n",
    expected: "2 0 0\n<Future finished result=5>\n[]\n0 1\n",
  },
  {
    name: "exception_keywords",
    code: 'e = AttributeError("q", name="zz", obj=5)\nprint(e.name, e.obj, e.args, str(e))\nf = AttributeError("plain")\nprint(f.name, f.obj)\nn = NameError("x", name="y")\nprint(n.name, n.args, NameError("z").name)\nfor bad in [lambda: AttributeError("a", foo=1), lambda: NameError("a", obj=1), lambda: ValueError("v", name="n")]:\n    try:\n        bad()\n    except TypeError as ex:\n        print("TypeError", ex)\nclass MyAttr(AttributeError):\n    pass\nprint(MyAttr("m", name="k").name)\ntry:\n    object().missing\nexcept AttributeError as ex:\n    print(ex.name, type(ex.obj).__name__)\ntry:\n    undefined_name\nexcept NameError as ex:\n    print(ex.name)\n',
    expected:
      "zz 5 ('q',) q\nNone None\ny ('x',) None\nTypeError AttributeError() got an unexpected keyword argument 'foo'\nTypeError NameError() got an unexpected keyword argument 'obj'\nTypeError ValueError() takes no keyword arguments\nk\nmissing object\nundefined_name\n",
  },
  {
    name: "asyncio_subclass_and_queue_like",
    code: 'import asyncio\n\n\nclass LoggingTask(asyncio.Task):\n    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):\n        print("LoggingTask for", coro.__qualname__)\n        super().__init__(coro, loop=loop, name=name, context=context, eager_start=eager_start)\n\n\nclass Box:\n    """Not a queue: its own async get/put."""\n\n    def __init__(self):\n        self.items = []\n\n    async def put(self, item):\n        self.items.append(item)\n\n    async def get(self):\n        return self.items.pop(0)\n\n\nclass Loud(asyncio.Queue):\n    async def put(self, item):\n        print("putting", item)\n        await super().put(item)\n\n\nasync def hello():\n    return "hi"\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    loop.set_task_factory(lambda loop, coro, **kw: LoggingTask(coro, loop=loop, **kw))\n    print(await asyncio.create_task(hello()))\n    b = Box()\n    await b.put("a")\n    print("box", await b.get(), b.items)\n    q = Loud()\n    await q.put(1)\n    print("got", await q.get(), q.qsize())\n\n\nasyncio.run(main())\n',
    expected:
      "LoggingTask for hello\nhi\nbox a []\nputting 1\ngot 1 0\nLoggingTask for BaseEventLoop.shutdown_asyncgens\nLoggingTask for BaseEventLoop.shutdown_default_executor\n",
    expectedInFunction:
      "LoggingTask for case.<locals>.hello\nhi\nbox a []\nputting 1\ngot 1 0\nLoggingTask for BaseEventLoop.shutdown_asyncgens\nLoggingTask for BaseEventLoop.shutdown_default_executor\n",
  },
];

describe("lowering fixes, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-lowering-fixes-");
  typecheckCasesTest(() => dir, CASES);
});
