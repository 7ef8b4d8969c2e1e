/**
 * What realistic asyncio services need beyond the documentation's examples (the conformance area
 * `fixtures/services`): `except` with a tuple of classes held in a variable
 * (codegen/lower/exceptions.ts), augmented assignments of comprehensions
 * (codegen/lower/assign.ts), generic aliases of builtin classes as bases (`class C(dict[str,
 * int])`, codegen/analyze.ts), `str.format_map` (src/python/str.ts, format.ts),
 * `@contextmanager`/`@asynccontextmanager` methods (src/python/stdlib/contextlib.ts), async
 * generator methods, `traceback`'s `limit=` (src/python/traceback.ts), `logging`'s caller
 * (`funcName`, `lineno`, `module`: codegen/run.ts), `logging.LoggerAdapter`, the
 * "--- Logging error ---" report of a record that does not format,
 * `@typing.runtime_checkable` protocols in `isinstance`, and `typing.TypeAlias` and co.
 *
 * The second round: the TypeErrors of `aiter`/`anext`/`async for` (src/python/lang.ts,
 * codegen/lower/control.ts), `functools.singledispatch`'s plain `@f.register` on an annotated
 * function (codegen/lower/annotations.ts, src/python/stdlib/functools.ts), `functools.partial`
 * as a type (`partial[str]` hints, `isinstance`), `__hash__ = None` for a class defining
 * `__eq__` (src/python/lang.ts, dataclasses.ts), the traceback of `raise err` starting at the
 * `raise` (src/python/exceptions.ts `raiseMade`), `@overload` stubs type-checking, and `await`
 * of a value that is not awaitable (codegen/lower/functions.ts, `$py.awaitOperand`).
 *
 * The expected outputs were recorded by running each snippet under CPython 3.13.0, at module
 * level and as the body of `def case(): ...` (`expectedInFunction` where that differs).
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "except_tuple_in_a_variable",
    code: 'import asyncio\n\nclass Transient(Exception):\n    pass\n\nclass Policy:\n    retryable = (Transient, TimeoutError)\n\nasync def attempt(retry_on, exc):\n    try:\n        raise exc\n    except retry_on as e:\n        return f"retry {e!r}"\n    except Exception as e:\n        return f"give up {e!r}"\n\nasync def main():\n    p = Policy()\n    print(await attempt((Transient, KeyError), KeyError("k")))\n    print(await attempt(p.retryable, TimeoutError()))\n    print(await attempt(Transient, ValueError(1)))\n    try:\n        await attempt((Transient, 5), ValueError(2))\n    except TypeError as e:\n        print("TypeError:", e)\n    try:\n        await attempt("nope", ValueError(3))\n    except TypeError as e:\n        print("TypeError:", e)\n\nasyncio.run(main())\n',
    expected:
      "retry KeyError('k')\nretry TimeoutError()\ngive up ValueError(1)\nTypeError: catching classes that do not inherit from BaseException is not allowed\nTypeError: catching classes that do not inherit from BaseException is not allowed\n",
  },
  {
    name: "augmented_assignment_of_comprehensions",
    code: 'results = []\ntotal = 0\nlabel = ""\nfor wave in range(2):\n    names = [f"w{wave}r{i}" for i in range(2)]\n    results += list((n, i) for i, n in enumerate(names))\n    total += sum(len(n) for i, n in enumerate(names) if i)\n    label += "".join(n[-1] for n in names)\nprint(results, total, label)\n',
    expected: "[('w0r0', 0), ('w0r1', 1), ('w1r0', 0), ('w1r1', 1)] 8 0101\n",
  },
  {
    name: "generic_alias_bases",
    code: 'from collections import ChainMap\n\nclass SafeDict(dict[str, object]):\n    def __missing__(self, key: str) -> str:\n        return "{" + key + "}"\n\nclass Names(list[str]):\n    def shout(self) -> list[str]:\n        return [n.upper() for n in self]\n\nvalues = ChainMap({"name": "api"}, {"host": "0.0.0.0", "name": "svc"})\nprint("{name}@{host}:{port}".format_map(SafeDict(values)))\nprint(SafeDict.__bases__, Names.__mro__, isinstance(SafeDict(), dict))\nn = Names(["a", "b"])\nprint(n.shout(), n + ["c"], type(n[:1]).__name__, len(n))\n',
    expected:
      "api@0.0.0.0:{port}\n(<class 'dict'>,) (<class '__main__.Names'>, <class 'list'>, <class 'object'>) True\n['A', 'B'] ['a', 'b', 'c'] list 2\n",
    expectedInFunction:
      "api@0.0.0.0:{port}\n(<class 'dict'>,) (<class '__main__.case.<locals>.Names'>, <class 'list'>, <class 'object'>) True\n['A', 'B'] ['a', 'b', 'c'] list 2\n",
  },
  {
    name: "str_format_map",
    code: 'class Defaults(dict):\n    def __missing__(self, key):\n        return f"<{key}>"\n\nprint("{a} {b!r} {c:>5}|".format_map(Defaults(a=1, b="x")))\nprint("{d[k]} {x.real} {d!r:>12}".format_map({"d": {"k": "v"}, "x": 3}))\nfor fmt, args, kwargs in [("{0}", ({},), {}), ("{}", ({},), {}), ("x", (), {}), ("x", ({}, {}), {}), ("x", (), {"m": {}})]:\n    try:\n        fmt.format_map(*args, **kwargs)\n    except Exception as e:\n        print(type(e).__name__, e)\ntry:\n    "{missing}".format_map({})\nexcept KeyError as e:\n    print("KeyError", e)\n',
    expected:
      "1 'x'   <c>|\nv 3   {'k': 'v'}\nValueError Format string contains positional fields\nValueError Format string contains positional fields\nTypeError str.format_map() takes exactly one argument (0 given)\nTypeError str.format_map() takes exactly one argument (2 given)\nTypeError str.format_map() takes no keyword arguments\nKeyError 'missing'\n",
  },
  {
    name: "context_manager_methods",
    code: 'import asyncio\nfrom contextlib import asynccontextmanager, contextmanager\n\nclass Pool:\n    def __init__(self, name):\n        self.name = name\n        self.active = []\n\n    @contextmanager\n    def borrow(self, what):\n        self.active.append(what)\n        try:\n            yield f"{self.name}:{what}"\n        finally:\n            self.active.remove(what)\n\n    @asynccontextmanager\n    async def session(self, user, *, readonly=False):\n        await asyncio.sleep(0)\n        self.active.append(user)\n        try:\n            yield (self, user, readonly)\n        finally:\n            self.active.pop()\n            print("closed", user, self.active)\n\nasync def main():\n    p = Pool("db")\n    with p.borrow("conn") as c:\n        print(c, p.active)\n    async with p.session("ann", readonly=True) as (pool, user, ro):\n        print(pool is p, user, ro, p.active)\n    try:\n        async with p.session("bob"):\n            raise KeyError("boom")\n    except KeyError as e:\n        print("propagated", e)\n    cm = p.session("cy")\n    async with cm as s:\n        print(s[1], type(cm).__name__)\n\nasyncio.run(main())\n',
    expected:
      "db:conn ['conn']\nTrue ann True ['ann']\nclosed ann []\nclosed bob []\npropagated 'boom'\ncy _AsyncGeneratorContextManager\nclosed cy []\n",
  },
  {
    name: "async_generator_methods",
    code: 'import asyncio\nfrom typing import AsyncIterator\n\nclass Feed:\n    def __init__(self, items: list[str]) -> None:\n        self.items = items\n\n    async def entries(self, prefix: str = "") -> AsyncIterator[str]:\n        for item in self.items:\n            await asyncio.sleep(0)\n            yield prefix + item\n\n    @staticmethod\n    async def count(n: int) -> AsyncIterator[int]:\n        for i in range(n):\n            yield i\n\nasync def main() -> None:\n    f = Feed(["a", "b"])\n    print([e async for e in f.entries("> ")], [i async for i in Feed.count(3)])\n    gen = f.entries()\n    print(await gen.__anext__(), type(gen).__name__, Feed.entries.__qualname__)\n    await gen.aclose()\n\nasyncio.run(main())\n',
    expected: "['> a', '> b'] [0, 1, 2]\na async_generator Feed.entries\n",
    expectedInFunction: "['> a', '> b'] [0, 1, 2]\na async_generator case.<locals>.Feed.entries\n",
  },
  {
    name: "traceback_limit",
    code: 'import sys\nimport traceback\n\ndef inner():\n    raise ValueError("deep")\n\ndef outer():\n    try:\n        inner()\n    except ValueError as e:\n        raise KeyError("wrapped") from e\n\ntry:\n    outer()\nexcept KeyError as e:\n    print("".join(traceback.format_exception(e, limit=0)), end="")\n    print(traceback.format_exc(0), end="")\n    traceback.print_exc(limit=0, file=sys.stdout)\n    traceback.print_exception(e, limit=0, chain=False, file=sys.stdout)\n    eg = ExceptionGroup("batch", [e, TypeError("t")])\n    eg.add_note("a note")\n    print("".join(traceback.format_exception(eg, limit=0)), end="")\n    for bad in ("x", 1.5, -1.5):\n        try:\n            traceback.format_exception(e, limit=bad)\n        except (TypeError, ValueError) as err:\n            print(type(err).__name__, err)\n',
    expected:
      "ValueError: deep\n\nThe above exception was the direct cause of the following exception:\n\nKeyError: 'wrapped'\nValueError: deep\n\nThe above exception was the direct cause of the following exception:\n\nKeyError: 'wrapped'\nValueError: deep\n\nThe above exception was the direct cause of the following exception:\n\nKeyError: 'wrapped'\nKeyError: 'wrapped'\n  | ExceptionGroup: batch (2 sub-exceptions)\n  | a note\n  +-+---------------- 1 ----------------\n    | ValueError: deep\n    | \n    | The above exception was the direct cause of the following exception:\n    | \n    | KeyError: 'wrapped'\n    +---------------- 2 ----------------\n    | TypeError: t\n    +------------------------------------\nTypeError '>=' not supported between instances of 'str' and 'int'\nValueError Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.\nTypeError an integer is required\n",
  },
  {
    name: "logging_caller",
    code: 'import logging\nimport sys\n\nlogging.basicConfig(stream=sys.stdout, format="%(module)s %(filename)s:%(lineno)d %(funcName)s %(levelname)s %(message)s", force=True)\nlog = logging.getLogger("svc")\n\ndef handle(x):\n    log.warning("handling %s", x)\n    return x\n\nclass Service:\n    def start(self):\n        log.error("starting")\n\n    @staticmethod\n    def stop():\n        logging.warning("stopping")\n\nhandle(1)\nService().start()\nService.stop()\nlog.warning("top level")\nprint(handle("twice"), logging.getLogger().name)\n',
    expected:
      "logging_caller logging_caller.py:8 handle WARNING handling 1\nlogging_caller logging_caller.py:13 start ERROR starting\nlogging_caller logging_caller.py:17 stop WARNING stopping\nlogging_caller logging_caller.py:22 <module> WARNING top level\nlogging_caller logging_caller.py:8 handle WARNING handling twice\ntwice root\n",
    expectedInFunction:
      "logging_caller_fn logging_caller_fn.py:9 handle WARNING handling 1\nlogging_caller_fn logging_caller_fn.py:14 start ERROR starting\nlogging_caller_fn logging_caller_fn.py:18 stop WARNING stopping\nlogging_caller_fn logging_caller_fn.py:23 case WARNING top level\nlogging_caller_fn logging_caller_fn.py:9 handle WARNING handling twice\ntwice root\n",
  },
  {
    name: "typing_aliases",
    code: 'from typing import Concatenate, LiteralString, Literal, TypeAlias, TypeGuard\n\nMode: TypeAlias = Literal["r", "w"]\nNames: TypeAlias = "list[str]"\n\ndef is_names(x: object) -> TypeGuard[list[str]]:\n    return isinstance(x, list) and all(isinstance(s, str) for s in x)\n\nprint(TypeAlias, TypeGuard, Concatenate, LiteralString, Mode, Names)\nprint(is_names(["a"]), is_names([1]))\n',
    expected:
      "typing.TypeAlias typing.TypeGuard typing.Concatenate typing.LiteralString typing.Literal['r', 'w'] list[str]\nTrue False\n",
  },
  {
    name: "logger_adapter",
    code: 'import logging\nimport sys\n\nlogging.basicConfig(stream=sys.stdout, format="%(levelname)s %(funcName)s [%(rid)s] %(message)s", force=True)\nlog = logging.getLogger("svc")\n\nclass RequestAdapter(logging.LoggerAdapter):\n    def process(self, msg, kwargs):\n        msg, kwargs = super().process(msg, kwargs)\n        return f"{self.extra[\'user\']}: {msg}", kwargs\n\ndef handle():\n    a = logging.LoggerAdapter(log, {"rid": "r1"})\n    a.warning("plain %s", 1)\n    a.info("not shown")\n    print(repr(a), a.name, a.extra, a.isEnabledFor(logging.ERROR), a.getEffectiveLevel())\n    b = RequestAdapter(log, {"rid": "r2", "user": "ann"})\n    b.error("custom %d", 2)\n    m = logging.LoggerAdapter(log, {"rid": "r3"}, merge_extra=True)\n    m.warning("merged", extra={"rid": "r4"})\n    n = logging.LoggerAdapter(log, {"rid": "r5"})\n    n.warning("not merged", extra={"rid": "r6"})\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        a.exception("failed", exc_info=False)\n    a.log(logging.CRITICAL, "at %s", "critical")\n\nhandle()\n',
    expected:
      "WARNING handle [r1] plain 1\n<LoggerAdapter svc (WARNING)> svc {'rid': 'r1'} True 30\nERROR handle [r2] ann: custom 2\nWARNING handle [r4] merged\nWARNING handle [r5] not merged\nERROR handle [r1] failed\nCRITICAL handle [r1] at critical\n",
  },
  {
    name: "runtime_checkable_protocols",
    code: "from typing import Protocol, runtime_checkable\n\nclass P(Protocol):\n    x: int\n    def close(self) -> None: ...\n\n@runtime_checkable\nclass Closeable(Protocol):\n    def close(self) -> None: ...\n\n@runtime_checkable\nclass Sized2(Closeable, Protocol):\n    def size(self) -> int: ...\n\ntry:\n    isinstance(1, P)\nexcept TypeError as e:\n    print(e)\ntry:\n    runtime_checkable(int)\nexcept TypeError as e:\n    print(e)\nR = runtime_checkable(P)\n\nclass O:\n    x = 1\n    def close(self): pass\n\nclass Sub(P):\n    pass\n\nclass NoX:\n    def close(self): pass\n\nclass Both(NoX):\n    def size(self): return 0\n\nprint(isinstance(O(), R), isinstance(Sub(), P), isinstance(NoX(), P), isinstance(NoX(), Closeable))\nprint(isinstance(Both(), Sized2), isinstance(NoX(), Sized2), isinstance(O(), Sub), isinstance(None, Closeable))\n",
    expected:
      "Instance and class checks can only be used with @runtime_checkable protocols\n@runtime_checkable can be only applied to protocol classes, got <class 'int'>\nTrue True False True\nTrue False False False\n",
  },
  {
    name: "logging_errors",
    code: 'import io\nimport logging\nimport sys\n\nlog = logging.getLogger("le")\nlog.propagate = False\nhandler = logging.StreamHandler(sys.stdout)\nhandler.setFormatter(logging.Formatter("%(levelname)s [%(rid)s] %(message)s"))\nlog.handlers = [handler]\n\ndef work():\n    log.warning("no rid %d", 1)\n    log.warning("with rid", extra={"rid": "r1"})\n    log.warning("bad args %d %d", 1, extra={"rid": "r2"})\n\nsaved, sys.stderr = sys.stderr, io.StringIO()\ntry:\n    work()\nfinally:\n    report, sys.stderr = sys.stderr.getvalue(), saved\nlines = report.splitlines()\nprint(lines[0], lines[-2:], sum(l == "--- Logging error ---" for l in lines))\nprint([l for l in lines if not l.startswith(" ")])\n',
    expected:
      "WARNING [r1] with rid\n--- Logging error --- [\"Message: 'bad args %d %d'\", 'Arguments: (1,)'] 2\n['--- Logging error ---', 'Traceback (most recent call last):', \"KeyError: 'rid'\", '', 'During handling of the above exception, another exception occurred:', '', 'Traceback (most recent call last):', \"ValueError: Formatting field not found in record: 'rid'\", 'Call stack:', \"Message: 'no rid %d'\", 'Arguments: (1,)', '--- Logging error ---', 'Traceback (most recent call last):', 'TypeError: not enough arguments for format string', 'Call stack:', \"Message: 'bad args %d %d'\", 'Arguments: (1,)']\n",
  },
  {
    name: "async_iteration_errors",
    code: 'import asyncio\n\nclass NoNext:\n    def __aiter__(self):\n        return self\n\nclass BadAiter:\n    def __aiter__(self):\n        return 1\n\nclass Pages:\n    def __init__(self, n):\n        self.n = n\n    def __aiter__(self):\n        return self\n    async def __anext__(self):\n        if self.n == 0:\n            raise StopAsyncIteration\n        self.n -= 1\n        return self.n\n\nasync def main():\n    print([x async for x in Pages(3)], await anext(aiter(Pages(1))))\n    print(await anext(Pages(0), "empty"), aiter(Pages(1)).n)\n    checks = [lambda: aiter([]), lambda: aiter(BadAiter()), lambda: aiter(NoNext()),\n              lambda: anext([]), lambda: anext(NoNext(), None)]\n    for f in checks:\n        try:\n            f()\n        except TypeError as e:\n            print(e)\n    for obj in ([], BadAiter(), NoNext(), None):\n        try:\n            async for x in obj:\n                pass\n        except TypeError as e:\n            print(e)\n        try:\n            print([x async for x in obj])\n        except TypeError as e:\n            print(e)\n\nasyncio.run(main())\n',
    expected:
      "[2, 1, 0] 0\nempty 1\n'list' object is not an async iterable\naiter() returned not an async iterator of type 'int'\naiter() returned not an async iterator of type 'NoNext'\n'list' object is not an async iterator\n'NoNext' object is not an async iterator\n'async for' requires an object with __aiter__ method, got list\n'async for' requires an object with __aiter__ method, got list\n'async for' received an object from __aiter__ that does not implement __anext__: int\n'async for' received an object from __aiter__ that does not implement __anext__: int\n'async for' received an object from __aiter__ that does not implement __anext__: NoNext\n'async for' received an object from __aiter__ that does not implement __anext__: NoNext\n'async for' requires an object with __aiter__ method, got NoneType\n'async for' requires an object with __aiter__ method, got NoneType\n",
  },
  {
    name: "singledispatch_annotations",
    code: 'import functools\n\n@functools.singledispatch\ndef size(value) -> str:\n    return f"object {value!r}"\n\n@size.register\ndef _(value: int) -> str:\n    return f"int {value}"\n\n@size.register\ndef _(value: str, *, unit: str = "chars") -> str:\n    return f"{len(value)} {unit}"\n\n@size.register(list)\n@size.register(tuple)\ndef _seq(value, unit="items"):\n    return f"{len(value)} {unit}"\n\n@size.register\ndef by_return(value) -> float:\n    return value * 2\n\nprint(size(3), size(True), size("abc", unit="bytes"), size([1, 2]), size((1,)))\nprint(size(1.5), size(None), size.dispatch(bool).__name__, _seq.__name__)\nprint(sorted(c.__name__ for c in size.registry))\n\ndef unannotated(value):\n    pass\n\nfor bad in (lambda: size.register(unannotated), lambda: size.register(3, len),\n            lambda: size.register(3), lambda: size.register(lambda v: v)):\n    try:\n        bad()\n    except TypeError as e:\n        print(str(e)[:44])\n',
    expected:
      "int 3 int True 3 bytes 2 items 1 items\n3.0 object None _ _seq\n['float', 'int', 'list', 'object', 'str', 'tuple']\nInvalid first argument to `register()`: <fun\nInvalid first argument to `register()`. 3 is\nInvalid first argument to `register()`: 3. U\nInvalid first argument to `register()`: <fun\n",
  },
  {
    name: "partial_type",
    code: 'import functools\nfrom functools import partial\n\nHandler = functools.partial[str]\np = partial(int, base=2)\nprint(functools.partial, isinstance(p, partial), isinstance(len, partial))\nprint(p("101"), partial.__name__, partial.__module__, partial.__qualname__)\n\ndef tag(kind: str, text: str) -> str:\n    return f"<{kind}>{text}"\n\nhandlers: dict[str, partial[str]] = {k: partial(tag, k) for k in ("b", "i")}\nprint([h("x") for h in handlers.values()], handlers["b"].args, callable(handlers["i"]))\n',
    expected:
      "<class 'functools.partial'> True False\n5 partial functools partial\n['<b>x', '<i>x'] ('b',) True\n",
  },
  {
    name: "eq_without_hash",
    code: 'from dataclasses import dataclass\n\nclass Point:\n    def __init__(self, x):\n        self.x = x\n    def __eq__(self, other):\n        return isinstance(other, Point) and self.x == other.x\n\nclass Point3(Point):\n    pass\n\nclass Hashed(Point):\n    def __hash__(self):\n        return hash(self.x)\n\nclass Plain:\n    pass\n\nprint(Point.__hash__, Point3.__hash__, Point(1).__hash__, Hashed(2).__hash__() == hash(2))\nprint(len({Hashed(1), Hashed(1)}), Point(1) == Point(1), len({Plain(), Plain()}))\nfor obj in (Point(1), Point3(2)):\n    try:\n        {obj: 1}\n    except TypeError as e:\n        print("TypeError:", e)\n\n@dataclass\nclass D:\n    x: int\n\n@dataclass(frozen=True)\nclass F:\n    x: int\n\n@dataclass(unsafe_hash=True)\nclass U:\n    x: int\n    def __eq__(self, other):\n        return True\n\n@dataclass(frozen=True)\nclass FE:\n    x: int\n    def __eq__(self, other):\n        return True\n\n@dataclass(eq=False)\nclass NoEq:\n    x: int\n\nprint(D.__hash__, hash(F(1)) == hash((1,)), hash(U(2)) == hash((2,)), hash(FE(3)) == hash((3,)))\nn = NoEq(1)\nprint(len({n, n, NoEq(1)}), U(1) == U(2))\n',
    expected:
      "None None None True\n1 True 2\nTypeError: unhashable type: 'Point'\nTypeError: unhashable type: 'Point3'\nNone True True True\n2 True\n",
  },
  {
    name: "raise_stored_exception_line",
    code: 'import traceback\n\nclass Refused(Exception):\n    pass\n\ndef build(host):\n    err = Refused(f"{host} refused")\n    err.add_note("while deploying")\n    return err\n\ndef deploy(host):\n    err = build(host)\n    if host:\n        raise err\n    return "ok"\n\ndef rethrow(saved):\n    raise saved from None\n\ndef show():\n    for line in traceback.format_exc().splitlines():\n        if set(line.strip()) <= set("~^"):\n            continue  # 3.13\'s markers\n        print(line.split(", ", 1)[-1] if line.startswith("  File") else line)\n\ntry:\n    deploy("db")\nexcept Refused as e:\n    show()\n    saved = e\ntry:\n    rethrow(Refused("made at module level"))\nexcept Refused:\n    show()\n',
    expected:
      'Traceback (most recent call last):\nline 27, in <module>\n    deploy("db")\nline 14, in deploy\n    raise err\nRefused: db refused\nwhile deploying\nTraceback (most recent call last):\nline 32, in <module>\n    rethrow(Refused("made at module level"))\nline 18, in rethrow\n    raise saved from None\nRefused: made at module level\n',
    expectedInFunction:
      'Traceback (most recent call last):\nline 28, in case\n    deploy("db")\nline 15, in deploy\n    raise err\ncase.<locals>.Refused: db refused\nwhile deploying\nTraceback (most recent call last):\nline 33, in case\n    rethrow(Refused("made at module level"))\nline 19, in rethrow\n    raise saved from None\ncase.<locals>.Refused: made at module level\n',
  },
  {
    name: "overload_redefinitions",
    code: 'from typing import overload\n\n@overload\ndef first(items: list[int]) -> int: ...\n@overload\ndef first(items: list[int], default: int) -> int: ...\ndef first(items, default=None):\n    return items[0] if items else default\n\ndef area(w):\n    return w * w\n\ndef area(w, h):\n    return w * h\n\nprint(first([3, 4]), first([], 7), area(2, 3))\ntry:\n    first.__wrapped__\nexcept AttributeError:\n    print("no __wrapped__")\n',
    expected: "3 7 6\nno __wrapped__\n",
  },
  {
    name: "await_non_awaitable",
    code: 'import asyncio\n\ndef fetch_sync(key):\n    return f"value of {key}"\n\nasync def agen():\n    yield 1\n\nclass Ticket:\n    def __await__(self):\n        f = asyncio.get_running_loop().create_future()\n        f.set_result("ticket ready")\n        return (yield from f)\n\nclass NotAwaitable:\n    pass\n\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    fut.set_result("future result")\n    print(await fut, await Ticket(), await asyncio.ensure_future(asyncio.sleep(0, "slept")))\n    handlers = {"sync": fetch_sync}\n    for op in (lambda: handlers["sync"]("k"), lambda: None, lambda: [1],\n               lambda: NotAwaitable(), lambda: agen(), lambda: 5):\n        try:\n            await op()\n        except TypeError as e:\n            print("TypeError:", e)\n\nasyncio.run(main())\n',
    expected:
      "future result ticket ready slept\nTypeError: object str can't be used in 'await' expression\nTypeError: object NoneType can't be used in 'await' expression\nTypeError: object list can't be used in 'await' expression\nTypeError: object NotAwaitable can't be used in 'await' expression\nTypeError: object async_generator can't be used in 'await' expression\nTypeError: object int can't be used in 'await' expression\n",
  },
];

describe("realistic service code as CPython 3.13.0 runs it", () => {
  const dir = programCaseTests(CASES, "services-");

  typecheckCasesTest(() => dir, CASES, 180_000);
});
