/**
 * Differential testing of exceptions, tracebacks and generators against CPython 3.13.0: whole
 * programs run with `asyncio-ts run`, with their stdout, full stderr and exit status. Covered:
 * chains shown inside exception groups (CPython's `TracebackException` tree: an exception reached
 * twice prints its chain once), a failing `__str__`, `__notes__` that are not strings, `raise e`
 * of an exception caught before (the traceback keeps its old frames after the new ones), `raise`
 * of an exception made elsewhere, recursion ("[Previous line repeated N more times]"),
 * KeyboardInterrupt's exit status, PEP 479's tracebacks, the `traceback` module's pieces,
 * `__cause__`/`__context__` setters, `vars()` of exceptions, `StopIteration()` of generators,
 * generator expressions' first iterable, `for` loops leaving a held generator open,
 * `asend()` of a just-started async generator, the frames of a NameError, of a construction
 * and of a property, a `sys.excepthook` that exits, SyntaxWarnings, and
 * the context of an exception `__exit__` or
 * a `finally` block raises.
 *
 * The expected texts were recorded with CPython 3.13.0 (PYTHONHASHSEED=0), the program's path
 * written as FILE, addresses as 0xADDR; the 3.13 `~~~^^^` marker lines are left out
 * (docs/DIFFERENCES.md). CPython ends itself with SIGINT after an uncaught KeyboardInterrupt: a
 * shell sees 130. A generator dropped by a `for` loop it broke out of is closed, and what that
 * raises is printed as "Exception ignored in: ..." (CPython's unraisable hook).
 */
import { type StderrCase, stderrCaseTests } from "./helpers";

const CASES: StderrCase[] = [
  {
    name: "chain_in_group",
    code: 'def f():\n    try:\n        raise ValueError("inner")\n    except ValueError as e:\n        raise TypeError("outer") from e\n\n\ntry:\n    f()\nexcept TypeError as te:\n    raise ExceptionGroup("eg", [te])\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 9, in <module>\n    f()\n  File "FILE", line 5, in f\n    raise TypeError("outer") from e\nTypeError: outer\n\nDuring handling of the above exception, another exception occurred:\n\n  + Exception Group Traceback (most recent call last):\n  |   File "FILE", line 11, in <module>\n  |     raise ExceptionGroup("eg", [te])\n  | ExceptionGroup: eg (1 sub-exception)\n  +-+---------------- 1 ----------------\n    | Traceback (most recent call last):\n    |   File "FILE", line 3, in f\n    |     raise ValueError("inner")\n    | ValueError: inner\n    | \n    | The above exception was the direct cause of the following exception:\n    | \n    | Traceback (most recent call last):\n    |   File "FILE", line 9, in <module>\n    |     f()\n    |   File "FILE", line 5, in f\n    |     raise TypeError("outer") from e\n    | TypeError: outer\n    +------------------------------------\n',
    status: 1,
  },
  {
    name: "context_member",
    code: 'class E(Exception):\n    def __str__(self):\n        return "custom str"\n\n\ntry:\n    raise E("x")\nexcept E as e:\n    eg = ExceptionGroup("g", [e, ValueError("v")])\n    eg.add_note("group note")\n    raise eg\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 7, in <module>\n    raise E("x")\nE: custom str\n\nDuring handling of the above exception, another exception occurred:\n\n  + Exception Group Traceback (most recent call last):\n  |   File "FILE", line 11, in <module>\n  |     raise eg\n  | ExceptionGroup: g (2 sub-exceptions)\n  | group note\n  +-+---------------- 1 ----------------\n    | Traceback (most recent call last):\n    |   File "FILE", line 7, in <module>\n    |     raise E("x")\n    | E: custom str\n    +---------------- 2 ----------------\n    | ValueError: v\n    +------------------------------------\n',
    status: 1,
  },
  {
    name: "str_fails",
    code: 'class E(Exception):\n    def __str__(self):\n        raise RuntimeError("nope")\n\n\nraise E("x")\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 6, in <module>\n    raise E("x")\nE: <exception str() failed>\n',
    status: 1,
  },
  {
    name: "notes_any",
    code: 'e = Exception("x")\ne.__notes__ = ["a", 3, "b\\nc"]\nraise e\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 3, in <module>\n    raise e\nException: x\na\n3\nb\nc\n',
    status: 1,
  },
  {
    name: "notes_str",
    code: 'e = Exception("x")\ne.__notes__ = "notalist"\nraise e\n',
    stdout: "",
    stderr:
      "Traceback (most recent call last):\n  File \"FILE\", line 3, in <module>\n    raise e\nException: x\n'notalist'\n",
    status: 1,
  },
  {
    name: "reraise_caught",
    code: 'def g():\n    raise ValueError("deep")\n\n\nsaved = None\ntry:\n    g()\nexcept ValueError as e:\n    saved = e\nprint("later")\nraise saved\n',
    stdout: "later\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 11, in <module>\n    raise saved\n  File "FILE", line 7, in <module>\n    g()\n  File "FILE", line 2, in g\n    raise ValueError("deep")\nValueError: deep\n',
    status: 1,
  },
  {
    name: "reraise_in_handler",
    code: 'def g():\n    raise ValueError("deep")\n\n\ndef f():\n    try:\n        g()\n    except ValueError as e:\n        raise e\n\n\nf()\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 12, in <module>\n    f()\n  File "FILE", line 9, in f\n    raise e\n  File "FILE", line 7, in f\n    g()\n  File "FILE", line 2, in g\n    raise ValueError("deep")\nValueError: deep\n',
    status: 1,
  },
  {
    name: "cycle",
    code: 'e = RuntimeError("cycle")\ntry:\n    try:\n        raise e\n    except RuntimeError:\n        raise ValueError("v")\nexcept ValueError as v:\n    e.__context__ = v\n    raise e\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 6, in <module>\n    raise ValueError("v")\nValueError: v\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "FILE", line 9, in <module>\n    raise e\n  File "FILE", line 4, in <module>\n    raise e\nRuntimeError: cycle\n',
    status: 1,
  },
  {
    name: "made_elsewhere",
    code: 'def deep(n):\n    if n == 0:\n        return ExceptionGroup("leaf", [ValueError(0)])\n    return ExceptionGroup(f"lvl{n}", [deep(n - 1)])\n\n\nraise deep(12)\n',
    stdout: "",
    stderr:
      '  + Exception Group Traceback (most recent call last):\n  |   File "FILE", line 7, in <module>\n  |     raise deep(12)\n  | ExceptionGroup: lvl12 (1 sub-exception)\n  +-+---------------- 1 ----------------\n    | ExceptionGroup: lvl11 (1 sub-exception)\n    +-+---------------- 1 ----------------\n      | ExceptionGroup: lvl10 (1 sub-exception)\n      +-+---------------- 1 ----------------\n        | ExceptionGroup: lvl9 (1 sub-exception)\n        +-+---------------- 1 ----------------\n          | ExceptionGroup: lvl8 (1 sub-exception)\n          +-+---------------- 1 ----------------\n            | ExceptionGroup: lvl7 (1 sub-exception)\n            +-+---------------- 1 ----------------\n              | ExceptionGroup: lvl6 (1 sub-exception)\n              +-+---------------- 1 ----------------\n                | ExceptionGroup: lvl5 (1 sub-exception)\n                +-+---------------- 1 ----------------\n                  | ExceptionGroup: lvl4 (1 sub-exception)\n                  +-+---------------- 1 ----------------\n                    | ExceptionGroup: lvl3 (1 sub-exception)\n                    +-+---------------- 1 ----------------\n                      | ... (max_group_depth is 10)\n                      +------------------------------------\n',
    status: 1,
  },
  {
    name: "with_traceback_none",
    code: 'e = ValueError("with tb")\nraise e.with_traceback(None)\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 2, in <module>\n    raise e.with_traceback(None)\nValueError: with tb\n',
    status: 1,
  },
  {
    name: "recursion_repeats",
    code: 'def f(n):\n    if n == 0:\n        raise ValueError("bottom")\n    f(n - 1)\n\n\nf(10)\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 7, in <module>\n    f(10)\n  File "FILE", line 4, in f\n    f(n - 1)\n  File "FILE", line 4, in f\n    f(n - 1)\n  File "FILE", line 4, in f\n    f(n - 1)\n  [Previous line repeated 7 more times]\n  File "FILE", line 3, in f\n    raise ValueError("bottom")\nValueError: bottom\n',
    status: 1,
  },
  {
    name: "keyboard_interrupt",
    code: 'print("before")\nraise KeyboardInterrupt\n',
    stdout: "before\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 2, in <module>\n    raise KeyboardInterrupt\nKeyboardInterrupt\n',
    status: 130,
  },
  {
    name: "pep479_traceback",
    code: 'def gen3():\n    yield 1\n    raise StopIteration("inner")\n\n\nfor x in gen3():\n    print(x)\n',
    stdout: "1\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 3, in gen3\n    raise StopIteration("inner")\nStopIteration: inner\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File "FILE", line 6, in <module>\n    for x in gen3():\nRuntimeError: generator raised StopIteration\n',
    status: 1,
  },
  {
    name: "tb_module",
    code: 'import sys\nimport traceback\n\n\ndef g():\n    raise ValueError("deep\\nmultiline")\n\n\ntry:\n    g()\nexcept ValueError as e:\n    e.add_note("n1\\nn1b")\n    print(traceback.format_exception(e, limit=0))\n    print(traceback.format_exception_only(e))\n    print(len(traceback.format_exception(e)))\ntry:\n    raise ExceptionGroup("eg", [ValueError(1), TypeError("t"), ExceptionGroup("in", [KeyError("k")])])\nexcept ExceptionGroup as eg:\n    print(traceback.format_exception_only(eg))\n    print(traceback.format_exception_only(eg, show_group=True))\ne = ValueError("x")\ne.__notes__ = ["a", 3]\nprint(traceback.format_exception_only(e))\ne.__notes__ = 42\nprint(traceback.format_exception_only(e))\ne = ValueError("v")\nprint(vars(e), e.__dict__)\ne.add_note("n")\ne.foo = 1\nprint(vars(e))\ntry:\n    raise e\nexcept ValueError as x:\n    print(x.with_traceback(None) is x, x.__traceback__)\ne.__cause__ = TypeError("c")\nprint(e.__suppress_context__, repr(e.__cause__))\nfor bad in ["__cause__", "__context__"]:\n    try:\n        setattr(e, bad, 5)\n    except TypeError as t:\n        print(t)\ne.__context__ = None\ne.__cause__ = None\nprint(e.__cause__, e.__context__, e.__suppress_context__)\n',
    stdout:
      "['ValueError: deep\\nmultiline\\n', 'n1\\n', 'n1b\\n']\n['ValueError: deep\\nmultiline\\n', 'n1\\n', 'n1b\\n']\n6\n['ExceptionGroup: eg (3 sub-exceptions)\\n']\n['ExceptionGroup: eg (3 sub-exceptions)\\n', '   ValueError: 1\\n', '   TypeError: t\\n', '   ExceptionGroup: in (1 sub-exception)\\n', \"      KeyError: 'k'\\n\"]\n['ValueError: x\\n', 'a\\n', '3\\n']\n['ValueError: x\\n', '42\\n']\n{} {}\n{'__notes__': ['n'], 'foo': 1}\nTrue None\nTrue TypeError('c')\nexception cause must be None or derive from BaseException\nexception context must be None or derive from BaseException\nNone None True\n",
    stderr: "",
    status: 0,
  },
  {
    name: "generators",
    code: 'def gen():\n    yield 1\n    raise StopIteration("inner")\n\n\ng = gen()\nnext(g)\ntry:\n    next(g)\nexcept RuntimeError as e:\n    print(type(e).__name__, e, repr(e.__cause__), e.__context__ is e.__cause__)\ng = (i for i in range(2))\nprint(next(g), next(g), next(g, "d"))\ntry:\n    next(g)\nexcept StopIteration as e:\n    print("stop", repr(e), e.value, e.args)\n\n\ndef ret(v):\n    yield 1\n    return v\n\n\nfor v in [None, 0, "x"]:\n    g = ret(v)\n    next(g)\n    try:\n        g.send(None)\n    except StopIteration as e:\n        print(repr(e), e.value)\ntry:\n    (x for x in 5)\nexcept TypeError as e:\n    print("genexpr", e)\ntry:\n    (x for x in [1] for y in 5)\n    print("lazy inner")\nexcept TypeError as e:\n    print(e)\n\n\ndef me():\n    yield True\n    next(g2)\n\n\ng2 = me()\nprint(next(g2))\ntry:\n    next(g2)\nexcept ValueError as e:\n    print("ValueError", e)\n\n\ndef held():\n    try:\n        yield 1\n        yield 2\n        yield 3\n    finally:\n        print("cleanup")\n\n\nh = held()\nfor x in h:\n    print(x)\n    break\nfor x in h:\n    print("again", x)\n\n\ndef exits():\n    try:\n        yield 1\n        yield 2\n    except GeneratorExit:\n        print("GeneratorExit seen")\n        raise\n    finally:\n        print("finally")\n\n\nfor x in exits():\n    break\nprint("after break")\n\n\ndef first():\n    for x in exits():\n        return x\n\n\nprint(first())\n',
    stdout:
      "RuntimeError generator raised StopIteration StopIteration('inner') True\n0 1 d\nstop StopIteration() None ()\nStopIteration() None\nStopIteration(0) 0\nStopIteration('x') x\ngenexpr 'int' object is not iterable\nlazy inner\nTrue\nValueError generator already executing\n1\nagain 2\nagain 3\ncleanup\nGeneratorExit seen\nfinally\nafter break\nGeneratorExit seen\nfinally\n1\n",
    stderr: "",
    status: 0,
  },
  {
    name: "async_generators",
    code: "import asyncio\n\n\nasync def agen():\n    yield 1\n\n\nasync def main():\n    g = agen()\n    try:\n        await g.asend(5)\n    except TypeError as e:\n        print(e)\n    print(await g.asend(None))\n\n\nasyncio.run(main())\n",
    stdout: "can't send non-None value to a just-started async generator\n1\n",
    stderr: "",
    status: 0,
  },
  {
    name: "dropped_generator_unraisable",
    code: 'def stubborn():\n    while True:\n        try:\n            yield 1\n        except GeneratorExit:\n            print("ignoring")\n\n\nfor x in stubborn():\n    break\nprint("after")\n\n\ndef gen():\n    try:\n        yield 1\n    finally:\n        raise ValueError("in finally")\n\n\nfor x in gen():\n    break\nprint("after 2")\n',
    stdout: "ignoring\nafter\nafter 2\n",
    stderr:
      'Exception ignored in: <generator object stubborn at 0xADDR>\nTraceback (most recent call last):\n  File "FILE", line 10, in <module>\n    break\nRuntimeError: generator ignored GeneratorExit\nException ignored in: <generator object gen at 0xADDR>\nTraceback (most recent call last):\n  File "FILE", line 18, in gen\n    raise ValueError("in finally")\nValueError: in finally\n',
    status: 0,
  },
  {
    // A name bound nowhere: its NameError has no frame of its own (generated code once threw
    // it from a closure, which showed as an extra "in <module>" frame).
    name: "name_error_frames",
    code: 'def g():\n    return y\n\n\ndef f():\n    return g()\n\n\nprint("start")\nf()\n',
    stdout: "start\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 10, in <module>\n    f()\n  File "FILE", line 6, in f\n    return g()\n  File "FILE", line 2, in g\n    return y\nNameError: name \'y\' is not defined\n',
    status: 1,
  },
  {
    // No frame for a class's construction (its JS constructor only calls `__init__`), a
    // property's frame is named after its `def` (V8 says "get cents"), and a `sys.excepthook`
    // that raises SystemExit sets the exit status.
    name: "constructor_and_property_frames",
    code: 'import sys\nimport traceback\n\n\nclass Money:\n    def __init__(self, v):\n        if v < 0:\n            raise ValueError("negative")\n        self.v = v\n\n    @property\n    def cents(self):\n        return self.v * self.rate\n\n\nclass Euro(Money):\n    pass\n\n\ndef make(v):\n    return Euro(v)\n\n\ntry:\n    make(-1)\nexcept ValueError as e:\n    print("caught", e)\n    traceback.print_exc()\ntry:\n    Money(1).cents\nexcept AttributeError as e:\n    print("caught", e)\n    traceback.print_exc()\n\n\ndef hook(t, v, tb):\n    print("hook", t.__name__, v)\n    sys.exit(4)\n\n\nsys.excepthook = hook\nprint(make(2).cents)\n',
    stdout:
      "caught negative\ncaught 'Money' object has no attribute 'rate'\nhook AttributeError 'Euro' object has no attribute 'rate'\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 25, in <module>\n    make(-1)\n  File "FILE", line 21, in make\n    return Euro(v)\n  File "FILE", line 8, in __init__\n    raise ValueError("negative")\nValueError: negative\nTraceback (most recent call last):\n  File "FILE", line 30, in <module>\n    Money(1).cents\n  File "FILE", line 13, in cents\n    return self.v * self.rate\nAttributeError: \'Money\' object has no attribute \'rate\'\n',
    status: 4,
  },
  {
    // The tokenizer's SyntaxWarnings (the first invalid escape of each string, at the string's
    // first line), before the compiler's (`assert (x, "msg")`, `is` with a literal).
    name: "syntax_warnings",
    code: 'import re\nprint(re.findall("\\d+", "a1b22"))\nprint("tab\\q", "\\d\\d", "\\8")\ns = """\nx\n\\w y\n"""\nb = b"\\d\\N{x}"\nf = f"{1}\\s"\nr = r"\\d"\nx = 5\nassert (x, "msg")\nprint(s, b, f, r, "\\477")\nif x is 5: pass\n',
    stdout: "['1', '22']\ntab\\q \\d\\d \\8\n\nx\n\\w y\n b'\\\\d\\\\N{x}' 1\\s \\d \u013f\n",
    stderr:
      'FILE:2: SyntaxWarning: invalid escape sequence \'\\d\'\n  print(re.findall("\\d+", "a1b22"))\nFILE:3: SyntaxWarning: invalid escape sequence \'\\q\'\n  print("tab\\q", "\\d\\d", "\\8")\nFILE:3: SyntaxWarning: invalid escape sequence \'\\d\'\n  print("tab\\q", "\\d\\d", "\\8")\nFILE:3: SyntaxWarning: invalid escape sequence \'\\8\'\n  print("tab\\q", "\\d\\d", "\\8")\nFILE:4: SyntaxWarning: invalid escape sequence \'\\w\'\n  s = """\nFILE:8: SyntaxWarning: invalid escape sequence \'\\d\'\n  b = b"\\d\\N{x}"\nFILE:9: SyntaxWarning: invalid escape sequence \'\\s\'\n  f = f"{1}\\s"\nFILE:13: SyntaxWarning: invalid octal escape sequence \'\\477\'\n  print(s, b, f, r, "\\477")\nFILE:12: SyntaxWarning: assertion is always true, perhaps remove parentheses?\n  assert (x, "msg")\nFILE:14: SyntaxWarning: "is" with \'int\' literal. Did you mean "=="?\n  if x is 5: pass\n',
    status: 0,
  },
  {
    // The body's exception, as the context of what `__exit__` raises, has a traceback that
    // starts at the frame of the `with` (it listed the frames of the callers too).
    name: "with_exit_context",
    code: 'import contextlib\n\n\nclass Res:\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        raise OSError("close failed")\n\n\n@contextlib.contextmanager\ndef passes():\n    yield\n\n\ndef use():\n    with passes():\n        try:\n            with Res():\n                x = 1\n                raise ValueError("body failed")\n        except OSError as e:\n            print("caught", e, repr(e.__context__))\n    with Res():\n        raise KeyError("again")\n\n\nuse()\n',
    stdout: "caught close failed ValueError('body failed')\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 26, in use\n    raise KeyError("again")\nKeyError: \'again\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "FILE", line 29, in <module>\n    use()\n  File "FILE", line 25, in use\n    with Res():\n  File "FILE", line 9, in __exit__\n    raise OSError("close failed")\nOSError: close failed\n',
    status: 1,
  },
  {
    // `__exit__` raising the body's exception itself: its whole traceback, through `__exit__`.
    name: "with_exit_reraise",
    code: 'class Res:\n    def __enter__(self):\n        return self\n\n    def __exit__(self, t, v, tb):\n        raise v\n\n\ndef use():\n    with Res():\n        raise ValueError("body failed")\n\n\ndef main():\n    use()\n\n\nmain()\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 18, in <module>\n    main()\n  File "FILE", line 15, in main\n    use()\n  File "FILE", line 10, in use\n    with Res():\n  File "FILE", line 6, in __exit__\n    raise v\n  File "FILE", line 11, in use\n    raise ValueError("body failed")\nValueError: body failed\n',
    status: 1,
  },
  {
    // A generator that yields from its `except GeneratorExit:` handler when closed: the
    // GeneratorExit does not stay the exception being handled.
    name: "close_ignored",
    code: 'def g():\n    try:\n        yield 1\n    except GeneratorExit:\n        yield 2\n\n\ngen = g()\nnext(gen)\ntry:\n    gen.close()\nexcept RuntimeError as e:\n    print("close:", e, repr(e.__context__))\ntry:\n    raise\nexcept BaseException as e:\n    print(repr(e))\ntry:\n    raise ValueError("later")\nexcept ValueError as e:\n    print(repr(e.__context__))\n',
    stdout:
      "close: generator ignored GeneratorExit None\nRuntimeError('No active exception to reraise')\nNone\n",
    stderr: "",
    status: 0,
  },
  {
    // The same for `finally`: the context of what the block raises starts at the frame of the
    // `try`; an exception the block lets through keeps its whole traceback.
    name: "finally_context",
    code: 'def f():\n    try:\n        raise ValueError("in try")\n    finally:\n        raise TypeError("in finally")\n\n\ndef g():\n    try:\n        x = 1\n        raise KeyError("propagates")\n    finally:\n        print("cleanup")\n\n\ndef h():\n    try:\n        g()\n    except KeyError as e:\n        import traceback\n        traceback.print_exc()\n    try:\n        f()\n    except TypeError:\n        import traceback\n        traceback.print_exc()\n\n\nh()\ng()\n',
    stdout: "cleanup\ncleanup\n",
    stderr:
      'Traceback (most recent call last):\n  File "FILE", line 18, in h\n    g()\n  File "FILE", line 11, in g\n    raise KeyError("propagates")\nKeyError: \'propagates\'\nTraceback (most recent call last):\n  File "FILE", line 3, in f\n    raise ValueError("in try")\nValueError: in try\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "FILE", line 23, in h\n    f()\n  File "FILE", line 5, in f\n    raise TypeError("in finally")\nTypeError: in finally\nTraceback (most recent call last):\n  File "FILE", line 30, in <module>\n    g()\n  File "FILE", line 11, in g\n    raise KeyError("propagates")\nKeyError: \'propagates\'\n',
    status: 1,
  },
];
describe("exceptions, tracebacks and generators as CPython prints them", () => {
  stderrCaseTests(CASES, "asyncio-ts-exc-diff-");
});
