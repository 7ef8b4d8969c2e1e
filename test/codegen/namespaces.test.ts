/**
 * Namespaces read dynamically, as CPython 3.13.0 has them:
 * - the main script's globals: `globals()` (the module's `__dict__`: lookups, `.get`, `in`,
 *   iteration in binding order, a global bound later by a function's `global` statement, KeyError
 *   of a missing name) and `sys.modules[__name__]` / `sys.modules["__main__"]` (getattr/hasattr of
 *   globals, vars(), dir(), AttributeError of a missing one, a declared global not bound yet), as
 *   used to dispatch to handlers by name;
 * - a function's variables: `locals()`, `vars()` and `dir()` without an argument (CPython's order:
 *   parameters, locals, cells, free variables; unbound ones, a deleted one and an `except ... as`
 *   name after its handler left out), in coroutines, methods, lambdas, generators and closures
 *   with `nonlocal`, and `str.format(**locals())`.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level, and for those not about module globals also inside a
 * function.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "locals_order",
    code: 'def outer(p):\n    cap = 1\n    z = 0\n    def inner(a, b=2, *args, k, **kw):\n        nonlocal z\n        x = a + cap\n        if b:\n            y = 3\n        print(locals())\n        print(sorted(vars()), dir())\n        for i in range(1):\n            w = i\n        print(locals())\n        def deeper():\n            return x\n        print(list(locals()))\n        return "{a}-{x}".format(**locals())\n    return inner(1, k=5)\nprint(outer(0))\n',
    expected:
      "{'a': 1, 'b': 2, 'k': 5, 'args': (), 'kw': {}, 'y': 3, 'x': 2, 'cap': 1, 'z': 0}\n['a', 'args', 'b', 'cap', 'k', 'kw', 'x', 'y', 'z'] ['a', 'args', 'b', 'cap', 'k', 'kw', 'x', 'y', 'z']\n{'a': 1, 'b': 2, 'k': 5, 'args': (), 'kw': {}, 'y': 3, 'i': 0, 'w': 0, 'x': 2, 'cap': 1, 'z': 0}\n['a', 'b', 'k', 'args', 'kw', 'y', 'i', 'w', 'deeper', 'x', 'cap', 'z']\n1-2\n",
  },
  {
    name: "locals_vars_dir",
    code: 'import asyncio\n\nTEMPLATE = "{name} took {elapsed:.1f}s with {count} items"\n\nasync def job(name, count, *, elapsed=1.5):\n    await asyncio.sleep(0)\n    return TEMPLATE.format(**locals())\n\nclass Service:\n    def __init__(self, host, port=80):\n        self.host = host\n        print(sorted(locals()), dir())\n    def describe(self):\n        url = f"http://{self.host}"\n        del url\n        return vars()\n\ndef tracer():\n    calls = []\n    def record(event, *args, **details):\n        result = None\n        try:\n            raise ValueError(event)\n        except ValueError as err:\n            seen = str(err)\n        calls.append(list(locals()))\n        return locals()\n    return record, calls\n\nasync def main():\n    print(await asyncio.gather(job("a", 3), job("b", 0, elapsed=0.25)))\n    s = Service("example.org")\n    print(s.describe().keys())\n    record, calls = tracer()\n    out = record("start", 1, 2, level="info")\n    print(out["args"], out["details"], out["seen"], "err" in out, calls)\n    f = lambda x, y=2: locals()\n    print(f(1))\n    def counter():\n        n = 0\n        def bump():\n            nonlocal n\n            n += 1\n            return locals()\n        return bump\n    b = counter()\n    print(b(), b())\n    def gen(limit):\n        for i in range(limit):\n            yield dict(locals())\n    print(list(gen(2)))\n\nasyncio.run(main())\n',
    expected:
      "['a took 1.5s with 3 items', 'b took 0.2s with 0 items']\n['host', 'port', 'self'] ['host', 'port', 'self']\ndict_keys(['self'])\n(1, 2) {'level': 'info'} start False [['event', 'args', 'details', 'result', 'seen', 'calls']]\n{'x': 1, 'y': 2}\n{'n': 1} {'n': 2}\n[{'limit': 2, 'i': 0}, {'limit': 2, 'i': 1}]\n",
  },
  {
    name: "main_globals_7",
    code: 'import sys\nimport asyncio\n\nasync def cmd_hello(arg):\n    return f"hello {arg}"\n\nasync def cmd_bye(arg):\n    return f"bye {arg}"\n\nCOUNT = 3\nlater = None\n\nasync def main():\n    mod = sys.modules[__name__]\n    for name in ["hello", "bye", "nope"]:\n        fn = getattr(mod, f"cmd_{name}", None)\n        print(name, await fn("x") if fn else "unknown")\n    print(mod.COUNT, hasattr(mod, "main"), mod.__name__, hasattr(mod, "unset"), mod.later)\n    print(sorted(k for k in vars(mod) if k.startswith("cmd_")))\n    print(globals()["COUNT"], "cmd_bye" in globals(), globals().get("nope", 0), "unset" in globals())\n    f = globals()["cmd_hello"]\n    print(await f("g"))\n    print([k for k in globals() if not k.startswith("__")])\n    print(sys.modules["__main__"] is mod, type(globals()).__name__)\n    try:\n        mod.nothing\n    except AttributeError as e:\n        print(e)\n\ndef setit():\n    global unset\n    unset = 1\n\nasyncio.run(main())\nsetit()\nprint(sys.modules[__name__].unset, globals()["unset"])\n',
    expected:
      "hello hello x\nbye bye x\nnope unknown\n3 True __main__ False None\n['cmd_bye', 'cmd_hello']\n3 True 0 False\nhello g\n['sys', 'asyncio', 'cmd_hello', 'cmd_bye', 'COUNT', 'later', 'main', 'setit']\nTrue dict\nmodule '__main__' has no attribute 'nothing'\n1 1\n",
    moduleOnly: true,
  },
  {
    name: "main_globals_8",
    code: 'import asyncio, sys, json\nfrom collections import OrderedDict as OD\nHANDLERS = {}\ndef register(fn):\n    HANDLERS[fn.__name__] = fn\n    return fn\n@register\ndef alpha(): return 1\nclass Plugin:\n    pass\nprint(repr(sys.modules["__main__"])[:20], globals()["OD"].__name__)\nprint(globals()["Plugin"], globals()["alpha"](), globals()["json"].dumps([1]))\nm = sys.modules[__name__]\nprint(m.Plugin is Plugin, m.HANDLERS is HANDLERS, m.register.__name__)\ntry:\n    m.COUNT = 5\nexcept NotImplementedError as e:\n    print("NIE")\nx = [k for k, v in list(globals().items()) if callable(v) and not k.startswith("_")]\nprint(x)\n',
    expected:
      "<module '__main__' f OrderedDict\n<class '__main__.Plugin'> 1 [1]\nTrue True register\n['OD', 'register', 'alpha', 'Plugin']\n",
    moduleOnly: true,
  },
  {
    name: "main_globals_10",
    code: '"""Handlers by name."""\nimport asyncio\nimport sys\n\nclass Registry:\n    handlers = {}\n\nasync def on_start(n):\n    await asyncio.sleep(0)\n    return n * 2\n\nasync def on_stop(n):\n    return -n\n\nasync def dispatch(event, n):\n    fn = globals().get(f"on_{event}")\n    if fn is None:\n        raise LookupError(f"no handler for {event!r}")\n    return await fn(n)\n\nasync def main():\n    results = await asyncio.gather(dispatch("start", 3), dispatch("stop", 4), dispatch("boom", 1), return_exceptions=True)\n    print(results)\n    g = globals()\n    print("Registry" in g, g["Registry"].handlers, len([k for k in g if k.startswith("on_")]))\n    try:\n        globals()["missing"]\n    except KeyError as e:\n        print("KeyError", e)\n\nasyncio.run(main())\nprint([k for k in dir(sys.modules[__name__]) if not k.startswith("_")], globals()["__doc__"], globals()["__name__"])\nprint([k for k in globals() if k.startswith("__")][:3], globals()["__package__"], globals()["__spec__"])\n',
    expected:
      "[6, -4, LookupError(\"no handler for 'boom'\")]\nTrue {} 2\nKeyError 'missing'\n['Registry', 'asyncio', 'dispatch', 'main', 'on_start', 'on_stop', 'sys'] Handlers by name. __main__\n['__name__', '__doc__', '__package__'] None None\n",
    moduleOnly: true,
  },
];

describe('globals(), locals() and sys.modules["__main__"], as CPython 3.13.0 reads them', () => {
  const dir = programCaseTests(CASES, "asyncio-ts-namespaces-");
  typecheckCasesTest(() => dir, CASES);
});
