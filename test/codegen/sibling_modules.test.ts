/**
 * The program's own modules (`import helpers` of helpers.py next to main.py) as CPython 3.13.0
 * has them: module objects (repr, `type` is `module`, `types.ModuleType`, `sys.modules` with
 * `__main__`, `dir`/`vars`/`getattr`/`hasattr`, `__name__`/`__doc__`/`__file__`/`__package__`/
 * `__cached__`, AttributeError of a missing name, a module's own `__getattr__` and `__dir__`
 * (PEP 562), attributes set through `sys.modules[__name__]`, `globals()` in a module), the `__module__` of their
 * functions (plain, decorated through `functools.wraps`, lambdas, coroutine functions, those
 * their functions make when they run), classes,
 * enums, dataclasses and methods, `__doc__` read in a class body, stores into another module's
 * globals (`settings.DEBUG = True`, `+=`, from a function, from asyncio tasks), cycles of
 * imports (a benign one, where names are read inside functions; one closed only under
 * `if TYPE_CHECKING:`; one closed by an import inside a function or at the bottom of a module,
 * the usual ways to break one;
 * CPython's ImportError and AttributeError for a partially initialised module) and relative
 * imports (ImportError, with the usual `except ImportError:` fallback).
 *
 * Each case is a folder of modules run as `main.py`. The expected stdout (and, for a program
 * that fails, the last line of its traceback with the folder as `<dir>`) were recorded by running
 * main.py under CPython 3.13.0 (PYTHONHASHSEED=0) in the case's folder. A failing program prints
 * nothing before it fails: ES modules run a module's imports before its statements, so output
 * printed above an import comes in another order (docs/DIFFERENCES.md, "Sibling modules").
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt } from "./helpers";

interface ModulesCase {
  name: string;
  /** The folder's modules; the program is main.py. */
  files: Record<string, string>;
  expected: string;
  /** The last line of the traceback of a program that fails (exit status 1). */
  error?: string;
}

// Recorded with CPython 3.13.0 (see the header).
const CASES: ModulesCase[] = [
  {
    name: "module_of_nested_functions",
    files: {
      "helpers.py":
        "import functools\n\ndef make():\n    def inner():\n        pass\n    return inner\n\nclass K:\n    def m(self):\n        def nested():\n            pass\n        return nested\n\nlam = lambda: (lambda: 0)\n\ndef logged(fn):\n    @functools.wraps(fn)\n    def wrapper(*a):\n        return fn(*a)\n    return wrapper\n\ndef plain_deco(fn):\n    def wrapper(*a):\n        return fn(*a)\n    return wrapper\n\nasync def co():\n    async def ic():\n        pass\n    return ic\n\nmakers = [lambda: i for i in range(2)]\n",
      "main.py":
        "import asyncio\nimport helpers\n\n@helpers.logged\ndef mine():\n    return 1\n\n@helpers.plain_deco\ndef other():\n    return 2\n\nprint(helpers.make().__module__, helpers.K().m().__module__, helpers.lam().__module__, helpers.make.__module__)\nprint(mine.__module__, mine(), other.__module__, other.__qualname__, other())\nprint(asyncio.run(helpers.co()).__module__, helpers.makers[0].__module__)\n",
    },
    expected:
      "helpers helpers helpers helpers\n__main__ 1 helpers plain_deco.<locals>.wrapper 2\nhelpers helpers\n",
  },
  {
    name: "vars_leaves_out_unbound_globals",
    files: {
      "helpers.py": "x = None\ndef setx():\n    global y\n    y = 1\n",
      "main.py":
        'import helpers\nprint(sorted(k for k in vars(helpers) if not k.startswith("__")))\nhelpers.setx()\nprint(sorted(k for k in vars(helpers) if not k.startswith("__")))\n',
    },
    expected: "['setx', 'x']\n['setx', 'x', 'y']\n",
  },
  {
    name: "globals_of_a_module",
    files: {
      "helpers.py":
        'X = 1\ndef f():\n    return X\ndef names():\n    return sorted(k for k in globals() if not k.startswith("__"))\ndef look(n):\n    return globals().get(n, "none")\n',
      "main.py":
        'import sys\nimport helpers\nY = 2\nprint(helpers.f(), sys.modules["helpers"].X, helpers.names(), helpers.look("f")(), helpers.look("Y"))\nprint(sorted(k for k in globals() if not k.startswith("__")), globals()["helpers"] is helpers)\n',
    },
    expected: "1 1 ['X', 'f', 'look', 'names'] 1 none\n['Y', 'helpers', 'sys'] True\n",
  },
  {
    name: "module_object",
    files: {
      "helpers.py":
        '"""Helpers for the workers."""\nimport asyncio\nimport functools\n\nRETRIES = 3\n\n\nclass BadThing(Exception):\n    """Raised by helpers."""\n\n\nclass Worker:\n    """A worker."""\n    kind = __doc__\n\n    def __init__(self, name):\n        self.name = name\n\n    async def run(self, n):\n        await asyncio.sleep(0)\n        return f"{self.name}:{n * 2}"\n\n    @property\n    def label(self):\n        return self.name.upper()\n\n\nasync def fetch(x):\n    await asyncio.sleep(0)\n    return x + 1\n\n\ndef plain(x):\n    return x * RETRIES\n',
      "main.py":
        'import asyncio\nimport sys\nimport types\nimport helpers\nimport helpers as h2\n\n\nclass Local:\n    """Local doc."""\n    seen = __doc__\n\n\nclass NoDoc:\n    seen = __doc__\n\n\nprint(repr(helpers).split(" from")[0], type(helpers).__name__, type(helpers))\nprint(isinstance(helpers, types.ModuleType), type(helpers) is types.ModuleType, helpers is h2)\nprint("helpers" in sys.modules, sys.modules["helpers"] is helpers, "__main__" in sys.modules)\nmain_mod = sys.modules["__main__"]\nprint(repr(main_mod).split(" from")[0], main_mod.__name__, main_mod.__spec__, sys.modules[__name__] is main_mod)\nprint(helpers.__name__, helpers.__doc__, helpers.__package__, helpers.__file__.endswith("/helpers.py"))\nprint(main_mod.__file__ == __file__, helpers.__cached__.split("/")[-2:])\nprint([n for n in dir(helpers) if not n.startswith("__")])\nprint([n for n in dir(helpers) if n.startswith("__")])\nprint(sorted(k for k in vars(helpers) if not k.startswith("__")), "RETRIES" in helpers.__dict__)\nprint(getattr(helpers, "RETRIES"), getattr(helpers, "nope", "default"), hasattr(helpers, "plain"), hasattr(helpers, "nope"))\nfor get in [lambda: helpers.nope, lambda: getattr(helpers, "missing"), lambda: h2.other()]:\n    try:\n        get()\n    except AttributeError as e:\n        print(type(e).__name__, e)\nprint(helpers.plain.__module__, helpers.fetch.__module__, helpers.Worker.__module__, helpers.Worker.run.__module__)\nprint(helpers.Worker.__init__.__module__, helpers.BadThing.__module__, helpers.BadThing.__qualname__)\nprint(Local.seen, NoDoc.seen, helpers.Worker.kind)\ntry:\n    raise helpers.BadThing("boom")\nexcept helpers.BadThing as e:\n    print(repr(e), type(e).__module__, isinstance(e, Exception))\n\n\nasync def main():\n    w = helpers.Worker("w")\n    results = await asyncio.gather(*(w.run(i) for i in range(3)), helpers.fetch(10))\n    print(results, w.label, helpers.plain(2))\n\n\nasyncio.run(main())\nm = types.ModuleType("plugins", "Plugin registry.")\nm.registry = {}\nprint(m, m.__name__, m.__doc__, m.__spec__, m.registry, sorted(vars(m)))\nprint(repr(types.ModuleType("bare")), types.ModuleType("bare").__doc__)\nimport copy\nfor bad in [lambda: types.ModuleType(), lambda: types.ModuleType(1), lambda: copy.copy(helpers), lambda: copy.deepcopy([helpers])]:\n    try:\n        bad()\n    except TypeError as e:\n        print(type(e).__name__, e)\nprint({helpers: 1}[h2], str(helpers) == repr(helpers))\n',
    },
    expected:
      "<module 'helpers' module <class 'module'>\nTrue True True\nTrue True True\n<module '__main__' __main__ None True\nhelpers Helpers for the workers.  True\nTrue ['__pycache__', 'helpers.cpython-313.pyc']\n['BadThing', 'RETRIES', 'Worker', 'asyncio', 'fetch', 'functools', 'plain']\n['__builtins__', '__cached__', '__doc__', '__file__', '__loader__', '__name__', '__package__', '__spec__']\n['BadThing', 'RETRIES', 'Worker', 'asyncio', 'fetch', 'functools', 'plain'] True\n3 default True False\nAttributeError module 'helpers' has no attribute 'nope'\nAttributeError module 'helpers' has no attribute 'missing'\nAttributeError module 'helpers' has no attribute 'other'\nhelpers helpers helpers helpers\nhelpers helpers BadThing\nLocal doc. None A worker.\nBadThing('boom') helpers True\n['w:0', 'w:2', 'w:4', 11] W 6\n<module 'plugins'> plugins Plugin registry. None {} ['__doc__', '__loader__', '__name__', '__package__', '__spec__', 'registry']\n<module 'bare'> None\nTypeError module() missing required argument 'name' (pos 1)\nTypeError module() argument 'name' must be str, not int\nTypeError cannot pickle 'module' object\nTypeError cannot pickle 'module' object\n1 True\n",
  },
  {
    name: "module_hooks",
    files: {
      "lazy.py":
        'import sys\n_this = sys.modules[__name__]\nfor _n in ("a", "b"):\n    setattr(_this, f"get_{_n}", lambda n=_n: n * 2)\n\n\ndef __getattr__(name):\n    if name.startswith("dyn_"):\n        return name[4:]\n    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")\n\n\ndef __dir__():\n    return ["custom"]\n',
      "main.py":
        'import lazy\nprint(lazy.get_a(), lazy.get_b(), lazy.dyn_hello, getattr(lazy, "dyn_x"))\ntry:\n    lazy.nope\nexcept AttributeError as e:\n    print(e)\nprint(dir(lazy), hasattr(lazy, "dyn_q"), hasattr(lazy, "zzz"))\n',
    },
    expected: "aa bb hello x\nmodule 'lazy' has no attribute 'nope'\n['custom'] True False\n",
  },
  {
    name: "function_modules",
    files: {
      "kinds.py":
        "import enum, functools\nfrom dataclasses import dataclass\n\nclass Color(enum.Enum):\n    RED = 1\n    def describe(self):\n        return self.name\n\n@dataclass\nclass Point:\n    x: int\n    y: int = 0\n    def norm(self):\n        return abs(self.x) + abs(self.y)\n\ndef logged(fn):\n    @functools.wraps(fn)\n    def wrapper(*a):\n        return fn(*a)\n    return wrapper\n\n@logged\ndef add(a, b):\n    return a + b\n\nsquare = lambda v: v * v\n\ndef outer():\n    def inner():\n        pass\n    return inner\n\nasync def co():\n    return 1\n",
      "main.py":
        "import asyncio\nimport kinds\n\nprint(kinds.Color.__module__, kinds.Color.RED, repr(kinds.Color.RED), kinds.Color.describe.__module__)\nprint(kinds.Point.__module__, kinds.Point(1), kinds.Point.norm.__module__, kinds.Point.__init__.__module__, kinds.Point.__repr__.__module__)\nprint(kinds.add.__module__, kinds.add.__wrapped__.__module__, kinds.add(2, 3), kinds.square.__module__, kinds.square(4))\nprint(kinds.co.__module__, kinds.logged.__module__, asyncio.run(kinds.co()), type(kinds.Point(1)).__module__)\n",
    },
    expected:
      "kinds Color.RED <Color.RED: 1> kinds\nkinds Point(x=1, y=0) kinds kinds kinds\nkinds kinds 5 kinds 16\nkinds kinds 1 kinds\n",
  },
  {
    name: "module_stores",
    files: {
      "main.py":
        'import asyncio\nimport settings\nimport worker\n\nprint(settings.describe())\nsettings.DEBUG = True\nsettings.LIMIT += 1\nprint(settings.describe(), settings.DEBUG, settings.LIMIT)\n\n\nasync def main():\n    done = await asyncio.gather(*(worker.work(i) for i in range(5)))\n    print(done, settings.describe(), settings.log)\n\n\nasyncio.run(main())\n\n\ndef reset():\n    settings.processed = 0\n    settings.log = ["reset"]\n    settings.DEBUG = "maybe"\n\n\nreset()\nsettings.record("x")\nprint(settings.describe(), settings.log, settings.processed)\nsettings.extra = {"k": 1}\nprint(settings.extra, "extra" in dir(settings))\n',
      "settings.py":
        'DEBUG = False\nLIMIT = 2\nprocessed = 0\nlog = []\n\n\ndef describe():\n    return f"debug={DEBUG} limit={LIMIT} processed={processed}"\n\n\ndef record(item):\n    global processed\n    processed += 1\n    if DEBUG:\n        log.append(item)\n',
      "worker.py":
        "import asyncio\nimport settings as cfg\n\n\nasync def work(i):\n    await asyncio.sleep(0)\n    cfg.record(i)\n    if i >= cfg.LIMIT:\n        cfg.LIMIT = i + 1\n    return i\n",
    },
    expected:
      "debug=False limit=2 processed=0\ndebug=True limit=3 processed=0 True 3\n[0, 1, 2, 3, 4] debug=True limit=5 processed=5 [0, 1, 2, 3, 4]\ndebug=maybe limit=5 processed=1 ['reset', 'x'] 1\n{'k': 1} True\n",
  },
  {
    name: "benign_cycle",
    files: {
      "main.py":
        'import asyncio\nimport models\nimport registry\n\nprint(registry.partial_view(), registry.newest())\nprint(models.registry is registry, registry.models is models)\n\n\nasync def main():\n    users = [models.make("user", n) for n in ("a", "b")]\n    await asyncio.sleep(0)\n    print([u.describe() for u in users], registry.lookup("user").__module__)\n\n\nasyncio.run(main())\n',
      "models.py":
        'import registry\nfrom registry import register\n\nVERSION = 2\n\n\n@register\nclass User:\n    def __init__(self, name):\n        self.name = name\n\n    def describe(self):\n        return f"{self.name} (v{VERSION}, {len(registry.REGISTRY)} kinds)"\n\n\ndef make(kind, *args):\n    return registry.lookup(kind)(*args)\n',
      "registry.py":
        'REGISTRY = {}\n\n\ndef register(cls):\n    REGISTRY[cls.__name__.lower()] = cls\n    return cls\n\n\ndef lookup(kind):\n    return REGISTRY[kind]\n\n\nimport models\n\n\ndef newest():\n    return models.VERSION\n\n\ndef partial_view():\n    return sorted(REGISTRY), models.make("user", "ann").describe()\n',
    },
    expected:
      "(['user'], 'ann (v2, 1 kinds)') 2\nTrue True\n['a (v2, 1 kinds)', 'b (v2, 1 kinds)'] models\n",
  },
  {
    name: "type_checking_cycle",
    files: {
      "main.py":
        'import asyncio\nimport services\nimport models\n\nprint(asyncio.run(services.Service().make()), models.Model.__module__, services.Model is models.Model)\nprint("Service" in dir(models), hasattr(models, "Service"))\n',
      "models.py":
        'from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from services import Service\n\n\nclass Model:\n    def attach(self, s: Service) -> str:\n        return f"attached to {s.name}"\n',
      "services.py":
        'import asyncio\n\nfrom models import Model\n\n\nclass Service:\n    name = "svc"\n\n    async def make(self):\n        await asyncio.sleep(0)\n        return Model().attach(self)\n',
    },
    expected: "attached to svc models True\nFalse False\n",
  },
  {
    name: "lazy_import_cycle",
    files: {
      "app.py":
        "import asyncio\n\nHANDLERS = {}\nDEFAULT_TIMEOUT = 0.01\n\n\ndef route(name):\n    def deco(fn):\n        HANDLERS[name] = fn\n        return fn\n    return deco\n\n\nasync def dispatch(name, *args):\n    from handlers import load_all\n    load_all()\n    return await HANDLERS[name](*args)\n",
      "handlers.py":
        'import asyncio\nimport app\nfrom app import DEFAULT_TIMEOUT, route\n\nLOADED = []\n\n\n@route("echo")\nasync def echo(x):\n    await asyncio.sleep(DEFAULT_TIMEOUT)\n    return f"echo {x} ({len(app.HANDLERS)} handlers)"\n\n\ndef load_all():\n    LOADED.append(True)\n',
      "main.py":
        'import asyncio\nimport app\n\n\nasync def main():\n    print(await app.dispatch("echo", 1))\n    import handlers\n    print(await app.dispatch("echo", 2), len(handlers.LOADED), handlers.load_all.__module__)\n\n\nasyncio.run(main())\n',
    },
    expected: "echo 1 (1 handlers)\necho 2 (1 handlers) 2 handlers\n",
  },
  {
    name: "bottom_import_cycle",
    files: {
      "app.py":
        'import asyncio\n\nVERSION = "1.0"\n\n\nclass Plugin:\n    registry = []\n\n    def __init_subclass__(cls, **kw):\n        super().__init_subclass__(**kw)\n        Plugin.registry.append(cls.__name__)\n\n\nasync def run_all():\n    return [await p().run() for p in plugins.ALL]\n\n\nimport plugins  # at the bottom: plugins needs Plugin\n',
      "main.py":
        "import asyncio\nimport app\n\nprint(asyncio.run(app.run_all()), app.Plugin.registry, app.plugins.Hello.__module__)\n",
      "plugins.py":
        'import asyncio\nfrom app import VERSION, Plugin\n\n\nclass Hello(Plugin):\n    async def run(self):\n        await asyncio.sleep(0)\n        return f"hello {VERSION}"\n\n\nclass Bye(Plugin):\n    async def run(self):\n        return "bye"\n\n\nALL = [Hello, Bye]\ntry:\n    from app import LATER\nexcept ImportError as e:\n    print(type(e).__name__, str(e).split(" (")[0])\n',
    },
    expected:
      "ImportError cannot import name 'LATER' from partially initialized module 'app'\n['hello 1.0', 'bye'] ['Hello', 'Bye'] plugins\n",
  },
  {
    name: "cycle_import_error",
    files: {
      "a.py": 'import b\n\n\ndef handler():\n    return "handled"\n',
      "b.py": "from a import handler\n",
      "main.py": 'import a\nprint("unreachable")\n',
    },
    expected: "",
    error:
      "ImportError: cannot import name 'handler' from partially initialized module 'a' (most likely due to a circular import) (<dir>/a.py)",
  },
  {
    name: "cycle_attribute_error",
    files: {
      "a.py": "import b\n\n\ndef helper():\n    return b.TABLE\n\n\nTABLE_SIZE = 3\n",
      "b.py": "import a\n\nTABLE = list(range(a.TABLE_SIZE))\n",
      "main.py": "import a\nprint(a.helper())\n",
    },
    expected: "",
    error:
      "AttributeError: module 'a' has no attribute 'TABLE_SIZE' (consider renaming '<dir>/a.py' if it has the same name as a third-party module you intended to import)",
  },
  {
    name: "relative_imports",
    files: {
      "main.py":
        'import service\n\ntry:\n    from . import util\nexcept ImportError as e:\n    print(type(e).__name__, e, e.name, e.path)\ntry:\n    from .service import name as n2\nexcept ImportError as e:\n    print(repr(e))\n\n\ndef late():\n    from ..pkg import thing\n    return thing\n\n\ntry:\n    late()\nexcept ImportError as e:\n    print("late:", e)\nprint(service.name("Hello World"), service.slug.__module__)\n',
      "service.py":
        'try:\n    from .util import slug\nexcept ImportError as e:\n    print("service:", type(e).__name__, e)\n    from util import slug\n\n\ndef name(s):\n    return slug(s)\n',
      "util.py": 'def slug(s):\n    return s.lower().replace(" ", "-")\n',
    },
    expected:
      "service: ImportError attempted relative import with no known parent package\nImportError attempted relative import with no known parent package None None\nImportError('attempted relative import with no known parent package')\nlate: attempted relative import with no known parent package\nhello-world util\n",
  },
];

describe("modules of the program, as CPython 3.13.0 runs them", () => {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-modules-")));
  const folder = (c: ModulesCase) => path.join(root, c.name);
  beforeAll(() => {
    ensureBuilt();
    for (const c of CASES) {
      fs.mkdirSync(folder(c));
      for (const [f, text] of Object.entries(c.files))
        fs.writeFileSync(path.join(folder(c), f), text);
    }
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each(CASES.map((c) => [c.name, c] as const))(
    "%s",
    (_name, c) => {
      const r = cli(folder(c), ["run", "main.py"]);
      expect(r.out).toBe(c.expected);
      if (c.error === undefined) expect([r.err, r.status]).toEqual(["", 0]);
      else {
        const last = r.err.trimEnd().split("\n").pop()!.replaceAll(folder(c), "<dir>");
        expect([last, r.status]).toEqual([c.error, 1]);
      }
    },
    60_000,
  );

  test("the generated TypeScript type-checks", () => {
    const mains = CASES.map((c) => path.join(folder(c), "main.py"));
    const r = cli(root, ["typecheck", ...mains]);
    const lines = `${r.out}${r.err}`.trimEnd().split("\n");
    expect(lines.filter((l) => !/^main\.ts(, \w+\.ts)*: ok$/.test(l))).toEqual([]);
    expect([lines.length, r.status]).toEqual([CASES.length, 0]);
  }, 180_000);
});
