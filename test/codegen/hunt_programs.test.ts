/**
 * Helper H's differential hunt over multi-file programs, tracebacks, exits and the CLI: the
 * divergences it fixed, kept as regression cases.
 *
 * - `copy`/`deepcopy` return CPython's atomic values as they are (Ellipsis, NotImplemented,
 *   range; slice for `copy`) and refuse what CPython cannot pickle (generators, asyncio futures
 *   and tasks, `threading` locks) with its "cannot pickle 'T' object".
 * - `sys`'s functions are builtins (`<built-in function exit>`, no binding as class attributes);
 *   `sys.excepthook` / `sys.__excepthook__`, `sys.is_finalizing`, `sys.get/setswitchinterval`;
 *   `traceback.format_stack` / `print_stack`.
 * - `signal.raise_signal` runs the handlers before it returns (a handler's exception comes out of
 *   it; SIGINT's default handler raises KeyboardInterrupt), and the KeyboardInterrupt
 *   `asyncio.run` raises after a SIGINT cancelled the main task is chained to the CancelledError;
 *   `os.kill` of the program's own process does the same; `os._exit` ends it at once.
 * - A SyntaxError made by the program (`SyntaxError(msg, (file, line, offset, text, ...))`) prints
 *   CPython's place, source line and carets in tracebacks and `format_exception_only`.
 * - A task of an async generator's `__anext__()`/`asend()`/`aclose()` prints as CPython's
 *   (`coro=<<async_generator_asend without __name__>()>`).
 * - `warnings.filters` is a list showing compiled patterns; `filterwarnings` compiles them with
 *   `re` (its errors) and matches them from the start (a module pattern is a prefix, as CPython's);
 *   a `stacklevel` beyond the stack is `<sys>:0`.
 * - An uncaught exception goes through `sys.excepthook` (CPython's "Error in sys.excepthook:" /
 *   "Original exception was:" when the hook fails, "sys.excepthook is missing" after `del`, the
 *   status of a SystemExit the hook raises). A TaskGroup re-raising a KeyboardInterrupt or
 *   SystemExit lists the `async with` frame, and one that left the loop twice (from a child task, then from the main task while `asyncio.run`
 *   closed) lists the code around `asyncio.run()` once. The context of an exception raised in a
 *   `finally` block or a `with` statement's `__exit__` ends at the frame that ran it.
 *
 * The program cases' outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`. The CLI cases'
 * stdout, stderr and exit status are CPython's too, with the `~~~^^^` lines and the frames of
 * asyncio's own files taken out of stderr (docs/DIFFERENCES.md, "Tracebacks").
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  cli,
  ensureBuilt,
  type ProgramCase,
  programCaseTests,
  typecheckCasesTest,
} from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "copy_atoms",
    code: 'import asyncio\nimport copy\nimport threading\n\n\ndef gen():\n    yield 1\n\n\nclass Job:\n    def __init__(self, name):\n        self.name = name\n        self.lock = threading.Lock()\n\n\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    task = asyncio.create_task(asyncio.sleep(0))\n    values = [("Ellipsis", ...), ("NotImplemented", NotImplemented), ("range", range(3)),\n              ("slice", slice(1, 9, 2)), ("gen", gen()), ("future", fut), ("task", task),\n              ("lock", threading.Lock()), ("rlock", threading.RLock()),\n              ("condition", threading.Condition()), ("job", Job("j")),\n              ("nested", {"cfg": [1, ..., range(2)]})]\n    for name, v in values:\n        for fn in (copy.copy, copy.deepcopy):\n            try:\n                c = fn(v)\n                print(name, fn.__name__, "same" if c is v else "new", type(c).__name__)\n            except TypeError as e:\n                print(name, fn.__name__, type(e).__name__, e)\n    d = copy.deepcopy({"cfg": [1, ..., range(2)]})\n    print(d, d["cfg"][1] is ..., copy.deepcopy([gen]) [0] is gen)\n    await task\n\n\nasyncio.run(main())\n',
    expected:
      "Ellipsis copy same ellipsis\nEllipsis deepcopy same ellipsis\nNotImplemented copy same NotImplementedType\nNotImplemented deepcopy same NotImplementedType\nrange copy same range\nrange deepcopy same range\nslice copy same slice\nslice deepcopy new slice\ngen copy TypeError cannot pickle 'generator' object\ngen deepcopy TypeError cannot pickle 'generator' object\nfuture copy TypeError cannot pickle '_asyncio.Future' object\nfuture deepcopy TypeError cannot pickle '_asyncio.Future' object\ntask copy TypeError cannot pickle '_asyncio.Task' object\ntask deepcopy TypeError cannot pickle '_asyncio.Task' object\nlock copy TypeError cannot pickle '_thread.lock' object\nlock deepcopy TypeError cannot pickle '_thread.lock' object\nrlock copy TypeError cannot pickle '_thread.RLock' object\nrlock deepcopy TypeError cannot pickle '_thread.RLock' object\ncondition copy new Condition\ncondition deepcopy TypeError cannot pickle '_thread.RLock' object\njob copy new Job\njob deepcopy TypeError cannot pickle '_thread.lock' object\nnested copy new dict\nnested deepcopy new dict\n{'cfg': [1, Ellipsis, range(0, 2)]} True True\n",
  },
  {
    name: "sys_hooks",
    code: 'import sys\nimport traceback\n\nprint(sys.excepthook is sys.__excepthook__, sys.excepthook)\nprint(sys.exit, sys.exc_info, sys.getrecursionlimit, sys.__excepthook__.__name__)\nprint(type(sys.exit).__name__)\n\n\nclass Holder:\n    quit_fn = sys.exit\n\n\ntry:\n    Holder().quit_fn(3)\nexcept SystemExit as e:\n    print("builtin does not bind:", e.code)\nfor args in [(), (1, 2), (1, 2, 3), (ValueError, ValueError("shown"), None)]:\n    try:\n        print(sys.__excepthook__(*args))\n    except TypeError as e:\n        print(type(e).__name__, e)\nseen = []\nsys.excepthook = lambda t, v, tb: seen.append(t.__name__)\nprint(sys.excepthook is sys.__excepthook__)\nsys.excepthook = sys.__excepthook__\n\n\ndef inner(n):\n    if n:\n        return inner(n - 1)\n    here = traceback.format_stack()\n    print(len(traceback.format_stack(limit=2)), traceback.format_stack(limit=0))\n    return [line.replace(__file__, "FILE") for line in here]\n\n\ndef outer():\n    return inner(4)\n\n\nfor piece in outer():\n    print(piece, end="")\n',
    expected:
      'True <built-in function excepthook>\n<built-in function exit> <built-in function exc_info> <built-in function getrecursionlimit> excepthook\nbuiltin_function_or_method\nbuiltin does not bind: 3\nTypeError excepthook expected 3 arguments, got 0\nTypeError excepthook expected 3 arguments, got 2\nNone\nNone\nFalse\n2 []\n  File "FILE", line 40, in <module>\n    for piece in outer():\n  File "FILE", line 37, in outer\n    return inner(4)\n  File "FILE", line 30, in inner\n    return inner(n - 1)\n  File "FILE", line 30, in inner\n    return inner(n - 1)\n  File "FILE", line 30, in inner\n    return inner(n - 1)\n  [Previous line repeated 1 more time]\n  File "FILE", line 31, in inner\n    here = traceback.format_stack()\n',
    expectedInFunction:
      'True <built-in function excepthook>\n<built-in function exit> <built-in function exc_info> <built-in function getrecursionlimit> excepthook\nbuiltin_function_or_method\nbuiltin does not bind: 3\nTypeError excepthook expected 3 arguments, got 0\nTypeError excepthook expected 3 arguments, got 2\nNone\nNone\nFalse\n2 []\n  File "FILE", line 44, in <module>\n    case()\n  File "FILE", line 41, in case\n    for piece in outer():\n  File "FILE", line 38, in outer\n    return inner(4)\n  File "FILE", line 31, in inner\n    return inner(n - 1)\n  File "FILE", line 31, in inner\n    return inner(n - 1)\n  File "FILE", line 31, in inner\n    return inner(n - 1)\n  [Previous line repeated 1 more time]\n  File "FILE", line 32, in inner\n    here = traceback.format_stack()\n',
  },
  {
    name: "sys_misc",
    code: 'import sys\nprint(sys.getswitchinterval(), sys.is_finalizing())\nfor v in [0.001, 1, 0, -1, "x", True]:\n    try:\n        sys.setswitchinterval(v)\n        print(sys.getswitchinterval())\n    except (TypeError, ValueError) as e:\n        print(type(e).__name__, e)\ntry:\n    sys.is_finalizing(1)\nexcept TypeError as e:\n    print(e)\nprint(sys.is_finalizing, sys.getswitchinterval)\nsys.setswitchinterval(0.005)\n',
    expected:
      "0.005 False\n0.001\n1.0\nValueError switch interval must be strictly positive\nValueError switch interval must be strictly positive\nTypeError must be real number, not str\n1.0\nsys.is_finalizing() takes no arguments (1 given)\n<built-in function is_finalizing> <built-in function getswitchinterval>\n",
  },
  {
    name: "signals",
    code: 'import asyncio\nimport signal\n\n\nasync def main():\n    try:\n        signal.raise_signal(signal.SIGINT)\n        print("raise_signal returned")\n        await asyncio.sleep(1)\n    except asyncio.CancelledError:\n        print("main cancelled")\n        raise\n\n\ntry:\n    asyncio.run(main())\nexcept KeyboardInterrupt as e:\n    print("KeyboardInterrupt", repr(e.__context__))\n\n\ndef handler(signum, frame):\n    print("handler", signal.Signals(signum).name)\n    raise RuntimeError("from handler")\n\n\nprint(signal.signal(signal.SIGUSR1, handler))\ntry:\n    signal.raise_signal(signal.SIGUSR1)\n    print("not reached")\nexcept RuntimeError as e:\n    print("propagated:", e)\nprint(signal.signal(signal.SIGUSR1, signal.SIG_IGN) is handler)\nsignal.raise_signal(signal.SIGUSR1)\nprint("ignored")\ntry:\n    signal.raise_signal(signal.SIGINT)\nexcept KeyboardInterrupt as e:\n    print("KeyboardInterrupt at top level", repr(e))\nsignal.signal(signal.SIGUSR1, signal.SIG_DFL)\n',
    expected:
      "raise_signal returned\nmain cancelled\nKeyboardInterrupt CancelledError()\n0\nhandler SIGUSR1\npropagated: from handler\nTrue\nignored\nKeyboardInterrupt at top level KeyboardInterrupt()\n",
  },
  {
    name: "os_kill",
    code: 'import os\nimport signal\nimport asyncio\n\n\ndef h(signum, frame):\n    print("got", signal.Signals(signum).name)\n    raise InterruptedError("from handler")\n\n\nsignal.signal(signal.SIGUSR2, h)\ntry:\n    os.kill(os.getpid(), signal.SIGUSR2)\nexcept InterruptedError as e:\n    print("propagated", e)\n\n\nasync def main():\n    loop = asyncio.get_running_loop()\n    ev = asyncio.Event()\n    loop.add_signal_handler(signal.SIGUSR1, ev.set)\n    os.kill(os.getpid(), signal.SIGUSR1)\n    print("set yet?", ev.is_set())\n    await ev.wait()\n    print("event set")\n    os.kill(os.getpid(), signal.SIGINT)\n    await asyncio.sleep(1)\n\n\ntry:\n    asyncio.run(main())\nexcept KeyboardInterrupt:\n    print("interrupted")\nsignal.signal(signal.SIGUSR2, signal.SIG_DFL)\n',
    expected: "got SIGUSR2\npropagated from handler\nset yet? False\nevent set\ninterrupted\n",
  },
  {
    name: "exc_only",
    code: 'import traceback\nimport json\n\n\ndef show(e):\n    print("".join(traceback.format_exception_only(e)), end="")\n\n\nshow(ValueError("multi\\nline\\nmessage"))\nshow(ValueError())\nshow(ValueError(""))\nshow(KeyError("k"))\nshow(KeyError())\nshow(KeyError(1, 2))\nshow(OSError(2, "No such file", "x.txt"))\nshow(OSError(2, "No such file", "x.txt", None, "y.txt"))\nshow(FileNotFoundError(2, "nf"))\nshow(UnicodeDecodeError("utf-8", b"\\xff", 0, 1, "invalid start byte"))\nshow(SyntaxError("bad thing", ("f.py", 3, 5, "x = (1 +\\n", 3, 9)))\nshow(SyntaxError("bad thing"))\nshow(SyntaxError("bad", ("f.py", 2, None, None)))\nshow(IndentationError("expected an indented block", ("g.py", 4, 1, "print(x)\\n")))\nshow(json.JSONDecodeError("Expecting value", "{\\n  bad", 4))\ne = ValueError("with notes")\ne.add_note("note A")\ne.add_note("multi\\nline note")\nshow(e)\ne2 = TypeError("x")\ne2.__notes__ = "not a list"\nshow(e2)\ne3 = TypeError("y")\ne3.__notes__ = [1, None]\nshow(e3)\n\n\nclass Weird(Exception):\n    def __str__(self):\n        return ""\n\n\nshow(Weird("a"))\n\n\nclass Bad(Exception):\n    def __str__(self):\n        raise RuntimeError\n\n\nshow(Bad())\nshow(StopIteration(5))\nshow(SystemExit(3))\nshow(ExceptionGroup("grp", [ValueError("a"), TypeError("b")]))\nprint(traceback.format_exception_only(ExceptionGroup("grp", [ValueError("a"), ExceptionGroup("sub", [KeyError("z")])]), show_group=True))\n',
    expected:
      "ValueError: multi\nline\nmessage\nValueError\nValueError\nKeyError: 'k'\nKeyError\nKeyError: (1, 2)\nFileNotFoundError: [Errno 2] No such file: 'x.txt'\nFileNotFoundError: [Errno 2] No such file: 'x.txt' -> 'y.txt'\nFileNotFoundError: [Errno 2] nf\nUnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\n  File \"f.py\", line 3\n    x = (1 +\n        ^^^^\nSyntaxError: bad thing\nSyntaxError: bad thing\n  File \"f.py\", line 2\nSyntaxError: bad\n  File \"g.py\", line 4\n    print(x)\n    ^^^^^^^^\nIndentationError: expected an indented block\njson.decoder.JSONDecodeError: Expecting value: line 2 column 3 (char 4)\nValueError: with notes\nnote A\nmulti\nline note\nTypeError: x\n'not a list'\nTypeError: y\n1\nNone\nWeird\nBad: <exception str() failed>\nStopIteration: 5\nSystemExit: 3\nExceptionGroup: grp (2 sub-exceptions)\n['ExceptionGroup: grp (2 sub-exceptions)\\n', '   ValueError: a\\n', '   ExceptionGroup: sub (1 sub-exception)\\n', \"      KeyError: 'z'\\n\"]\n",
    expectedInFunction:
      "ValueError: multi\nline\nmessage\nValueError\nValueError\nKeyError: 'k'\nKeyError\nKeyError: (1, 2)\nFileNotFoundError: [Errno 2] No such file: 'x.txt'\nFileNotFoundError: [Errno 2] No such file: 'x.txt' -> 'y.txt'\nFileNotFoundError: [Errno 2] nf\nUnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\n  File \"f.py\", line 3\n    x = (1 +\n        ^^^^\nSyntaxError: bad thing\nSyntaxError: bad thing\n  File \"f.py\", line 2\nSyntaxError: bad\n  File \"g.py\", line 4\n    print(x)\n    ^^^^^^^^\nIndentationError: expected an indented block\njson.decoder.JSONDecodeError: Expecting value: line 2 column 3 (char 4)\nValueError: with notes\nnote A\nmulti\nline note\nTypeError: x\n'not a list'\nTypeError: y\n1\nNone\ncase.<locals>.Weird\ncase.<locals>.Bad: <exception str() failed>\nStopIteration: 5\nSystemExit: 3\nExceptionGroup: grp (2 sub-exceptions)\n['ExceptionGroup: grp (2 sub-exceptions)\\n', '   ValueError: a\\n', '   ExceptionGroup: sub (1 sub-exception)\\n', \"      KeyError: 'z'\\n\"]\n",
  },
  {
    name: "agen_task",
    code: 'import asyncio\n\n\nasync def agen():\n    yield 1\n    await asyncio.sleep(0.01)\n    yield 2\n\n\nasync def main():\n    g = agen()\n    t = asyncio.ensure_future(g.__anext__())\n    t.set_name("next")\n    print(t)\n    print(await t)\n    t2 = asyncio.ensure_future(g.asend(None))\n    t2.set_name("send")\n    await asyncio.sleep(0)\n    print(t2)\n    print(await t2, t2)\n    t3 = asyncio.ensure_future(g.aclose())\n    t3.set_name("close")\n    print(t3)\n    await t3\n    print(t3)\n\n\nasyncio.run(main())\n',
    expected:
      "<Task pending name='next' coro=<<async_generator_asend without __name__>()>>\n1\n<Task pending name='send' coro=<<async_generator_asend without __name__>()> wait_for=<Future pending cb=[Task.task_wakeup()]>>\n2 <Task finished name='send' coro=<<async_generator_asend without __name__>()> result=2>\n<Task pending name='close' coro=<<async_generator_athrow without __name__>()>>\n<Task finished name='close' coro=<<async_generator_athrow without __name__>()> result=None>\n",
  },
  {
    name: "warn_filters",
    code: 'import sys\nimport warnings\n\nwith warnings.catch_warnings():\n\n\n    class Config:\n        def __init__(self, **kw):\n            for k in kw:\n                if k.startswith("legacy_"):\n                    warnings.warn(f"option {k!r} is legacy", FutureWarning, stacklevel=3)\n\n\n    warnings.showwarning = lambda m, c, f, l, file=None, line=None: print(f"{c.__name__}: {m} at {f}:{l}")\n    with warnings.catch_warnings():\n        warnings.simplefilter("always")\n        warnings.warn("far away", stacklevel=10)\n        print(type(warnings.filters).__name__, len(warnings.filters), warnings.filters[0])\n    print(len(warnings.filters), [f[0] for f in warnings.filters])\n    warnings.filterwarnings("error", message="boom", category=RuntimeWarning, module="app")\n    print(warnings.filters[0])\n    warnings.resetwarnings()\n    print(warnings.filters)\n    warnings.simplefilter("ignore", DeprecationWarning, append=True)\n    print(warnings.filters)\n    warnings.simplefilter("always")\n    warnings.filterwarnings("ignore", module="__ma")\n    warnings.warn("prefix-matched module: ignored")\n    warnings.filterwarnings("error", message="BOOM")\n    try:\n        warnings.warn("boom: message matched case-insensitively from the start")\n    except UserWarning as e:\n        print("error:", e)\n    warnings.warn("not boom at the start")\n    try:\n        warnings.filterwarnings("ignore", message="(unclosed")\n    except Exception as e:\n        print(type(e).__name__, e)\n    Config(legacy_x=1)\n',
    expected:
      "UserWarning: far away at <sys>:0\nlist 6 ('always', None, <class 'Warning'>, None, 0)\n5 ['default', 'ignore', 'ignore', 'ignore', 'ignore']\n('error', re.compile('boom', re.IGNORECASE), <class 'RuntimeWarning'>, re.compile('app'), 0)\n[]\n[('ignore', None, <class 'DeprecationWarning'>, None, 0)]\nerror: boom: message matched case-insensitively from the start\nPatternError missing ), unterminated subpattern at position 0\nFutureWarning: option 'legacy_x' is legacy at <sys>:0\n",
    expectedInFunction:
      "UserWarning: far away at <sys>:0\nlist 6 ('always', None, <class 'Warning'>, None, 0)\n5 ['default', 'ignore', 'ignore', 'ignore', 'ignore']\n('error', re.compile('boom', re.IGNORECASE), <class 'RuntimeWarning'>, re.compile('app'), 0)\n[]\n[('ignore', None, <class 'DeprecationWarning'>, None, 0)]\nerror: boom: message matched case-insensitively from the start\nPatternError missing ), unterminated subpattern at position 0\n",
  },
];

describe("helper H's hunt: programs, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-hunt-programs-");
  typecheckCasesTest(() => dir, CASES);
});

/** A program run with the CLI: CPython's stdout, stderr (`{DIR}` is its folder) and status. */
interface CliCase {
  name: string;
  code: string;
  stdout: string;
  stderr: string;
  status: number;
}

// Recorded with CPython 3.13.0 (see the header).
const CLI_CASES: CliCase[] = [
  {
    name: "hook_logs",
    code: 'import asyncio\nimport sys\n\n\ndef hook(t, v, tb):\n    print("hook got", t.__name__, repr(v), tb is v.__traceback__)\n    print("hook stderr:", v, file=sys.stderr)\n    sys.__excepthook__(t, v, tb)\n\n\nsys.excepthook = hook\n\n\nasync def worker():\n    await asyncio.sleep(0)\n    raise LookupError("custom")\n\n\nasyncio.run(worker())\n',
    stdout: "hook got LookupError LookupError('custom') True\n",
    stderr:
      'hook stderr: custom\nTraceback (most recent call last):\n  File "{DIR}/hook_logs.py", line 19, in <module>\n    asyncio.run(worker())\n  File "{DIR}/hook_logs.py", line 16, in worker\n    raise LookupError("custom")\nLookupError: custom\n',
    status: 1,
  },
  {
    name: "hook_fails",
    code: 'import sys\n\n\ndef bad_hook(t, v, tb):\n    print("in bad hook", t.__name__)\n    raise RuntimeError("hook broke")\n\n\nsys.excepthook = bad_hook\n\n\ndef f():\n    return {}["k"]\n\n\nf()\n',
    stdout: "in bad hook KeyError\n",
    stderr:
      'Error in sys.excepthook:\nTraceback (most recent call last):\n  File "{DIR}/hook_fails.py", line 6, in bad_hook\n    raise RuntimeError("hook broke")\nRuntimeError: hook broke\n\nOriginal exception was:\nTraceback (most recent call last):\n  File "{DIR}/hook_fails.py", line 16, in <module>\n    f()\n  File "{DIR}/hook_fails.py", line 13, in f\n    return {}["k"]\nKeyError: \'k\'\n',
    status: 1,
  },
  {
    name: "hook_none",
    code: 'import sys\n\nsys.excepthook = None\nraise ValueError("v")\n',
    stdout: "",
    stderr:
      'Error in sys.excepthook:\nTypeError: \'NoneType\' object is not callable\n\nOriginal exception was:\nTraceback (most recent call last):\n  File "{DIR}/hook_none.py", line 4, in <module>\n    raise ValueError("v")\nValueError: v\n',
    status: 1,
  },
  {
    name: "hook_deleted",
    code: 'import sys\n\ndel sys.excepthook\nraise ValueError("v")\n',
    stdout: "",
    stderr:
      'sys.excepthook is missing\nTraceback (most recent call last):\n  File "{DIR}/hook_deleted.py", line 4, in <module>\n    raise ValueError("v")\nValueError: v\n',
    status: 1,
  },
  {
    name: "hook_exits",
    code: 'import sys\n\n\ndef exit_hook(t, v, tb):\n    print("exit hook", v)\n    sys.exit(4)\n\n\nsys.excepthook = exit_hook\nraise ValueError("v")\n',
    stdout: "exit hook v\n",
    stderr: "",
    status: 4,
  },
  {
    name: "tg_base_error",
    code: "import asyncio\n\n\nasync def idle():\n    await asyncio.sleep(1)\n\n\nasync def main():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(idle())\n        await asyncio.sleep(0)\n        raise KeyboardInterrupt\n\n\nasyncio.run(main())\n",
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "{DIR}/tg_base_error.py", line 15, in <module>\n    asyncio.run(main())\n  File "{DIR}/tg_base_error.py", line 9, in main\n    async with asyncio.TaskGroup() as tg:\n  File "{DIR}/tg_base_error.py", line 12, in main\n    raise KeyboardInterrupt\nKeyboardInterrupt\n',
    status: 130,
  },
  {
    name: "sigint_uncaught",
    code: 'import signal\n\n\ndef shutdown():\n    print("shutting down")\n    signal.raise_signal(signal.SIGINT)\n    print("not reached")\n\n\nshutdown()\n',
    stdout: "shutting down\n",
    stderr:
      'Traceback (most recent call last):\n  File "{DIR}/sigint_uncaught.py", line 10, in <module>\n    shutdown()\n  File "{DIR}/sigint_uncaught.py", line 6, in shutdown\n    signal.raise_signal(signal.SIGINT)\nKeyboardInterrupt\n',
    status: 130,
  },
  {
    name: "sigterm_handler_exit",
    code: 'import signal\nimport sys\n\n\ndef on_term(signum, frame):\n    print("terminating on", signal.Signals(signum).name)\n    sys.exit(2)\n\n\nsignal.signal(signal.SIGTERM, on_term)\nsignal.raise_signal(signal.SIGTERM)\nprint("not reached")\n',
    stdout: "terminating on SIGTERM\n",
    stderr: "",
    status: 2,
  },
  {
    name: "os_exit",
    code: 'import atexit\nimport os\nimport sys\n\natexit.register(print, "atexit does not run")\n\n\ndef stop():\n    try:\n        print("stopping", flush=True)\n        sys.stderr.write("stderr line\\n")\n        os._exit(3)\n    finally:\n        print("finally does not run")\n\n\nstop()\n',
    stdout: "stopping\n",
    stderr: "stderr line\n",
    status: 3,
  },
  {
    name: "syntax_raised",
    code: 'def load(path):\n    raise SyntaxError("invalid config", (path, 7, 3, "key = = value\\n", 7, 6))\n\n\nload("conf.ini")\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "{DIR}/syntax_raised.py", line 5, in <module>\n    load("conf.ini")\n  File "{DIR}/syntax_raised.py", line 2, in load\n    raise SyntaxError("invalid config", (path, 7, 3, "key = = value\\n", 7, 6))\n  File "conf.ini", line 7\n    key = = value\n      ^^^\nSyntaxError: invalid config\n',
    status: 1,
  },
  {
    name: "child_interrupt",
    code: 'import asyncio\n\n\nasync def child():\n    await asyncio.sleep(0)\n    raise KeyboardInterrupt\n\n\nasync def sibling():\n    try:\n        await asyncio.sleep(1)\n    finally:\n        print("sibling finally")\n\n\nasync def main():\n    s = asyncio.create_task(sibling())\n    try:\n        await asyncio.gather(child(), s)\n    finally:\n        print("main finally")\n\n\ntry:\n    asyncio.run(main())\nexcept KeyboardInterrupt:\n    print("caught KI at top")\n',
    stdout: "sibling finally\nmain finally\ncaught KI at top\n",
    stderr:
      'Task exception was never retrieved\nfuture: <Task finished name=\'Task-1\' coro=<main() done, defined at {DIR}/child_interrupt.py:16> exception=KeyboardInterrupt()>\nTraceback (most recent call last):\n  File "{DIR}/child_interrupt.py", line 25, in <module>\n    asyncio.run(main())\n  File "{DIR}/child_interrupt.py", line 19, in main\n    await asyncio.gather(child(), s)\n  File "{DIR}/child_interrupt.py", line 6, in child\n    raise KeyboardInterrupt\nKeyboardInterrupt\n',
    status: 0,
  },
  {
    name: "tg_child_exit",
    code: 'import asyncio\nimport sys\n\n\nasync def a():\n    await asyncio.sleep(0.01)\n    sys.exit(3)\n\n\nasync def b():\n    try:\n        await asyncio.sleep(1)\n    except asyncio.CancelledError:\n        print("b cancelled")\n        raise\n\n\nasync def main():\n    async with asyncio.TaskGroup() as tg:\n        tg.create_task(a())\n        tg.create_task(b())\n\n\nasyncio.run(main())\n',
    stdout: "b cancelled\n",
    stderr:
      'Task exception was never retrieved\nfuture: <Task finished name=\'Task-1\' coro=<main() done, defined at {DIR}/tg_child_exit.py:18> exception=SystemExit(3)>\nTraceback (most recent call last):\n  File "{DIR}/tg_child_exit.py", line 24, in <module>\n    asyncio.run(main())\n  File "{DIR}/tg_child_exit.py", line 19, in main\n    async with asyncio.TaskGroup() as tg:\n  File "{DIR}/tg_child_exit.py", line 7, in a\n    sys.exit(3)\nSystemExit: 3\n',
    status: 3,
  },
  {
    name: "finally_context",
    code: 'def f():\n    try:\n        raise ValueError("in try")\n    finally:\n        print("finally runs")\n        raise TypeError("in finally")\n\n\nf()\n',
    stdout: "finally runs\n",
    stderr:
      'Traceback (most recent call last):\n  File "{DIR}/finally_context.py", line 3, in f\n    raise ValueError("in try")\nValueError: in try\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "{DIR}/finally_context.py", line 9, in <module>\n    f()\n  File "{DIR}/finally_context.py", line 6, in f\n    raise TypeError("in finally")\nTypeError: in finally\n',
    status: 1,
  },
  {
    name: "with_exit_context",
    code: 'class Res:\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        raise OSError("close failed")\n\n\ndef use():\n    with Res():\n        raise ValueError("body failed")\n\n\nuse()\n',
    stdout: "",
    stderr:
      'Traceback (most recent call last):\n  File "{DIR}/with_exit_context.py", line 11, in use\n    raise ValueError("body failed")\nValueError: body failed\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "{DIR}/with_exit_context.py", line 14, in <module>\n    use()\n  File "{DIR}/with_exit_context.py", line 10, in use\n    with Res():\n  File "{DIR}/with_exit_context.py", line 6, in __exit__\n    raise OSError("close failed")\nOSError: close failed\n',
    status: 1,
  },
];

describe("helper H's hunt: uncaught exceptions, stderr and exit status", () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-hunt-cli-")));
  beforeAll(() => ensureBuilt(), 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const c of CLI_CASES) {
    test(`${c.name} prints and exits as CPython`, () => {
      fs.writeFileSync(path.join(dir, `${c.name}.py`), c.code);
      const r = cli(dir, ["run", `${c.name}.py`]);
      expect(r.out).toBe(c.stdout);
      expect(r.err).toBe(c.stderr.replaceAll("{DIR}", dir));
      expect(r.status).toBe(c.status);
    });
  }
});
