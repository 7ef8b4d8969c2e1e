"""Feature snippets for the transpiler's execution tests, and their recorder.

Each case is a snippet of Python that prints; the tests run it at module level and as the body
of a function (`in_function`), which catches scoping bugs. Usage:

    PYENV_VERSION=3.13.0 python3 test/codegen/cases.py

runs every snippet under CPython (at module level) and rewrites test/codegen/cases.ts with the
snippets and CPython's output pasted as literals. The tests never run Python.
"""

import io
import json
import os
import sys
import contextlib

CASES = {}


def case(name):
    def deco(text):
        CASES[name] = text.strip("\n")
    return deco


case("hello")("""
import asyncio

async def main():
    print("hello")
    await asyncio.sleep(0.01)
    print("world")

asyncio.run(main())
""")

case("numbers")("""
a = 7
b = -7
print(a // 2, b // 2, a % 3, b % 3, a % -3, 2 ** 10, 2 ** -1, 10 / 4, a / 7)
print(2 ** 100, -(2 ** 64) // 3, 10 ** 20 % 7)
x = 0.1 + 0.2
print(x, 1e16, 1.5e-5, 3.0, -0.0, 1 / 3, float("inf"), 2.5 * 2)
print(int(3.9), int(-3.9), int("42") + 1, float(7), round(2.5), round(3.5), round(2.675, 2))
print(abs(-4), divmod(17, 5), divmod(-17, 5), pow(3, 4), pow(2, 10, 1000), max(1, 2.5), min([3, 1, 2]))
n = 10
n += 5
n -= 1
n *= 2
n //= 3
n %= 5
print(n, n << 3, 255 >> 2, 6 & 3, 6 | 3, 6 ^ 3, ~5, -n, +n)
f = 1.5
f += 1
f *= 2
print(f, f > n, n == 4, 1 == 1.0, 1 < 2 < 3, 3 > 2 > 2, True + True, hex(255), bin(5), oct(8))
""")

case("strings")("""
s = "Hello, World"
print(s.upper(), s.lower(), s.split(", "), s.replace("l", "L"), s[7:], s[-5:], s[::-1], len(s))
print(", ".join(["a", "b", "c"]), s.startswith("Hell"), s.find("World"), s.count("l"), "  pad ".strip() + "|")
name = "asyncio"
value = 3.14159
print(f"{name!r} {name:>10}|{name:<10}|{name:^11}| {value:.2f} {value:8.3f} {42:05d} {255:x} {1234567:,}")
width = 6
print(f"{value:{width}.1f}|{'x' * 3}|{value=}|{name=!s}|{{braces}}")
print(repr("it's"), repr('say "hi"'), repr("tab\\there"), str(None), repr(None), repr(True), "%s and %d" % ("x", 5))
print("a" < "b", "abc" == "abc", "b" in "abc", "x" not in "abc", str(12) + "3", "ab" * 3)
print(b"bytes\\x00\\xff", len(b"abc"), "é".encode("utf-8"), ord("A"), chr(97))
""")

case("containers")("""
xs = [3, 1, 2]
xs.append(10)
xs.extend([7, 8])
xs.insert(0, 99)
print(xs, xs[0], xs[-1], xs[1:3], xs[::2], len(xs), xs.pop(), xs.index(10), 2 in xs)
xs.sort()
print(xs, sorted(xs, reverse=True), list(reversed(xs)), sum(xs), xs.count(1))
xs[1] = 50
del xs[0]
print(xs)
d = {"a": 1, "b": 2}
d["c"] = 3
d.update({"a": 10})
print(d, d["a"], d.get("z"), d.get("z", 0), list(d.keys()), list(d.values()), len(d), "b" in d)
for k, v in d.items():
    print(k, v)
del d["b"]
print(d, d.pop("c"), d, {**d, "e": 5})
t = (1, "two", 3.0)
print(t, t[1], len(t), t + (4,), (1,), (), tuple([1, 2]), t.index("two"))
st = {3, 1, 2}
st.add(2)
print(sorted(st), len(st), 1 in st, sorted(st | {9}), sorted(st & {1, 3, 7}))
print(list(range(5)), list(range(2, 10, 3)), list(enumerate("ab")), list(zip([1, 2], "xy")))
print([[1, 2], [3]], {1: [2, {3: 4}]}, [None, True, 1.0, "s"])
ys = list(range(10))
ys[2:5] = ["a", "b"]
del ys[::3]
print(ys, ys[1:-1:2], "hello"[::-1], ys[-3:], {3, 1, 2}, {1.5, 0.5})
""")

case("control_flow")("""
for i in range(6):
    if i == 1:
        continue
    elif i % 2 == 0:
        print("even", i)
    else:
        print("odd", i)
    if i == 4:
        break
else:
    print("not reached")
for i in range(2):
    pass
else:
    print("for else", i)
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
count = 0
while (count := count + 1) < 3:
    print("walrus", count)
x = 5
print("big" if x > 3 else "small", x and 0, x or 0, None or "default", [] or "empty", not x)
y = 0
for a in [1, 2]:
    for b in [1, 2]:
        if b == 2:
            break
        y += a * b
print(y)
""")

case("functions")("""
def greet(name, greeting="Hello", *rest, punct="!", **extra):
    return f"{greeting}, {name}{punct} {rest} {sorted(extra.items())}"

print(greet("Ann"))
print(greet("Bob", "Hi", 1, 2, punct="?", mood="good"))
print(greet(greeting="Hey", name="Cy"))

def pos_only(a, b, /, c):
    return a + b + c

print(pos_only(1, 2, c=3))

def kw_only(*, key):
    return key

for call in (lambda: kw_only(key=1), lambda: kw_only(), lambda: kw_only(1), lambda: greet(), lambda: greet("a", nope=1, name="b")):
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)

def make_adder(n):
    return lambda x: x + n

add3 = make_adder(3)
print(add3(4), (lambda *a, **k: (a, sorted(k)))(1, 2, z=3))
args = [1, 2]
kwargs = {"c": 3}
print(pos_only(*args, **kwargs))

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print([fib(i) for i in range(10)])
""")

case("closures")("""
def counter():
    count = 0
    def inc(by=1):
        nonlocal count
        count += by
        return count
    return inc

c = counter()
c()
c(5)
print("count", c())
fns = []
for i in range(3):
    fns.append(lambda i=i: i * 10)
print([f() for f in fns])
def outer():
    msg = "outer"
    def inner():
        return msg + "!"
    msg = "changed"
    return inner()
print(outer())
""")

case("classes")("""
class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} the {self.kind} says {self.sound}"

    def __repr__(self):
        return f"Animal({self.name!r})"

    @property
    def shout(self):
        return self.sound.upper()

    @staticmethod
    def legs():
        return 4

    @classmethod
    def create(cls, name):
        return cls(name)

class Dog(Animal):
    kind = "dog"

    def __init__(self, name):
        super().__init__(name, sound="woof")
        self.tricks = []

    def speak(self):
        return super().speak() + "!"

class Vector:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def __len__(self):
        return 2

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

    def __str__(self):
        return f"<{self.x}, {self.y}>"

a = Animal("generic")
d = Dog("rex")
print(a.speak(), d.speak(), d.shout, Dog.legs(), Animal.count, d.kind, Animal.kind)
print(repr(d), [a, d], isinstance(d, Animal), isinstance(a, Dog), type(d).__name__)
e = Dog.create("fido")
print(type(e).__name__, e.name, Animal.count)
v = Vector(1, 2) + Vector(3, 4)
print(v, repr(v), v == Vector(4, 6), v != Vector(4, 6), Vector(0, 1) < v, len(v), sorted([v, Vector(0, 0)]))
d.tricks.append("sit")
print(d.tricks, hasattr(d, "tricks"), getattr(d, "missing", "dflt"))
""")

case("exceptions")("""
class AppError(Exception):
    def __init__(self, code):
        super().__init__(f"failed with {code}")
        self.code = code

def risky(n):
    if n == 0:
        raise ValueError("zero")
    if n == 1:
        raise AppError(42)
    if n == 2:
        return {}["missing"]
    return n

for n in range(4):
    try:
        print("result", risky(n))
    except (ValueError, KeyError) as e:
        print("caught", type(e).__name__, e)
    except AppError as e:
        print("app error", e, e.code)
    else:
        print("no error")
    finally:
        print("finally", n)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print(repr(e), type(e.__cause__).__name__)
try:
    try:
        raise KeyError("k")
    except KeyError:
        print("handling")
        raise
except LookupError as e:
    print("re-raised", repr(e))
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)
try:
    [][0]
except IndexError as e:
    print("IndexError:", e)
def cleanup():
    try:
        return "from try"
    finally:
        print("cleanup runs")
print(cleanup())
""")

case("except_star")("""
try:
    raise ValueError("plain")
except* ValueError as eg:
    print("caught", repr(eg))
try:
    try:
        raise ExceptionGroup("many", [ValueError(1), TypeError(2), KeyError(3)])
    except* ValueError as eg:
        print("values", repr(eg))
    except* (TypeError, OSError) as eg:
        print("types", repr(eg))
except* KeyError as eg:
    print("outer", repr(eg))
""")

case("taskgroup_and_sync")("""
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")

class Job:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return f"Job#{self.n}"

async def handle(job, sem, lock, results):
    request_id.set(str(job))
    async with sem:
        await asyncio.sleep(0.001 * job.n)
        async with lock:
            results.append(job.n)
    print("handled", job, request_id.get())
    return job.n * 10

async def failing(n):
    await asyncio.sleep(0)
    raise ValueError(f"bad {n}")

async def main():
    sem = asyncio.Semaphore(2)
    lock = asyncio.Lock()
    results = []
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(handle(Job(i), sem, lock, results)) for i in range(4)]
    print(sorted(results), [t.result() for t in tasks], request_id.get())
    ev = asyncio.Event()
    ev.set()
    await ev.wait()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing(1))
            tg.create_task(failing(2))
    except* ValueError as eg:
        print("group", sorted(str(e) for e in eg.exceptions))
    r = await asyncio.gather(failing(3), asyncio.sleep(0, "ok"), return_exceptions=True)
    print(r)
    print(*[1, 2, 3], sep="-", end="!\\n")

asyncio.run(main())
""")

case("match")("""
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def describe(v):
    match v:
        case 0 | 1:
            return "small"
        case -1:
            return "minus one"
        case "go":
            return "string go"
        case None:
            return "none"
        case [x]:
            return f"one item {x}"
        case [first, *rest] if len(rest) > 1:
            return f"list {first} then {rest}"
        case (a, b):
            return f"pair {a} {b}"
        case {"cmd": cmd, **others}:
            return f"cmd {cmd} {others}"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(px, py) as p:
            return f"point {px},{py} {type(p).__name__}"
        case int(n) if n > 100:
            return f"big int {n}"
        case str() as s:
            return f"other str {s!r}"
        case _:
            return "unknown"

for v in [0, 1, -1, "go", None, [5], [1, 2, 3], (7, 8), {"cmd": "run", "x": 1}, Point(0, 4), Point(2, 3), 500, "hey", 3.5, [1, 2]]:
    print(describe(v))
""")

case("generators")("""
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "done"

print(list(countdown(3)))
def echo():
    seen = []
    while True:
        x = yield len(seen)
        if x is None:
            return seen
        seen.append(x)

g = echo()
print(next(g), g.send("a"), g.send("b"))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)
def chain(*its):
    for it in its:
        result = yield from it
    return result

print(list(chain([1, 2], countdown(2), "ab")))
squares = (x * x for x in range(5))
print(next(squares), list(squares), sum(x for x in range(10) if x % 3 == 0))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 50:
        break
    out.append(v)
print(out)
""")

case("comprehensions")("""
xs = [1, 2, 3, 4, 5, 6]
print([x * 2 for x in xs if x % 2])
print({x % 3 for x in xs})
print({x: x ** 2 for x in xs if x > 3})
print([(i, j) for i in range(3) for j in range(i)])
print([[c for c in w] for w in ["ab", "c"]])
print(sorted(w.upper() for w in ["b", "a"]))
pairs = [(1, "a"), (2, "b")]
print({k: v for k, v in pairs}, [v for _, v in pairs])
matrix = [[1, 2], [3, 4]]
print([row[i] for i in range(2) for row in matrix])
""")

case("unpacking")("""
a, b = 1, 2
a, b = b, a
print(a, b)
first, *middle, last = range(6)
print(first, middle, last)
(x, y), z = (1, 2), 3
print(x, y, z)
head, *tail = "abc"
print(head, tail)
for i, (k, v) in enumerate({"p": 1, "q": 2}.items()):
    print(i, k, v)
nums = [*range(3), *[9, 8]]
print(nums, [*"hi"], (*nums[:1], 7))
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
""")

case("with_statement")("""
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return self.suppress

with Managed("a") as m, Managed("b"):
    print("body", m.name)
with Managed("c", suppress=True):
    raise ValueError("suppressed")
try:
    with Managed("d"):
        raise KeyError("escapes")
except KeyError:
    print("caught outside")
def early():
    with Managed("e"):
        return "returned"
print(early())
""")

case("tasks")("""
import asyncio

async def worker(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name.upper()

async def main():
    t1 = asyncio.create_task(worker("a", 0.02))
    t2 = asyncio.create_task(worker("b", 0.01), name="second")
    print(t2.get_name(), t1.done())
    results = await asyncio.gather(t1, t2, worker("c", 0))
    print(results, t1.result(), t1.done())
    task = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", task.cancelled())
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except TimeoutError:
        print("wait_for timed out")
    return "main done"

print(asyncio.run(main()))
""")

case("async_features")("""
import asyncio

class Session:
    async def __aenter__(self):
        print("open")
        await asyncio.sleep(0)
        return "session"

    async def __aexit__(self, exc_type, exc, tb):
        print("close", exc_type)
        return False

async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * 10

async def double(x):
    await asyncio.sleep(0)
    return x * 2

async def main():
    async with Session() as s:
        print("using", s)
    async for v in ticker(3):
        print("tick", v)
    print([v async for v in ticker(2)])
    print([await double(x) for x in range(3)])
    agen = ticker(2)
    print(await agen.__anext__(), await anext(agen))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "future value")
    print(await fut)
    order = []
    loop.call_later(0.02, order.append, "later")
    loop.call_soon(order.append, "soon")
    await asyncio.sleep(0.05)
    print(order)

asyncio.run(main())
""")

case("queue")("""
import asyncio

async def producer(q, n):
    for i in range(n):
        await q.put(i)
    await q.put(None)

async def consumer(q):
    total = 0
    while (item := await q.get()) is not None:
        total += item
        q.task_done()
    q.task_done()
    return total

async def main():
    q = asyncio.Queue(maxsize=2)
    _, total = await asyncio.gather(producer(q, 5), consumer(q))
    print("total", total, q.empty(), q.qsize())

asyncio.run(main())
""")


case("class_protocols")("""
import enum
import functools

class Color(enum.Enum):
    RED = 1
    GREEN = enum.auto()

class Vec:
    def __init__(self, x):
        self.x = x

    def __mul__(self, k):
        return Vec(self.x * k)

    __rmul__ = __mul__

    def scaled(self, k):
        return self.x * k

class Lazy:
    def __getattr__(self, name):
        return name.upper()

class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key!r} missing")
        self.key = key

class Counter:
    count = 0

class Sub(Counter):
    pass

v = Vec(2)
print(Color.GREEN, repr(Color.RED), (3 * v).x, Vec.scaled(v, 5), Lazy().anything)
print(type(v).__name__, v.__class__.__name__, [c.__name__ for c in Sub.__mro__], "count" in Sub.__dict__)
try:
    v.missing
except AttributeError as exc:
    print("AttributeError:", exc)
try:
    raise NotFound("k")
except AppError as exc:
    print(exc.key, exc.args, repr(exc))
bound = v.scaled
print(bound(3), bound.__self__ is v, bound.__func__ is Vec.scaled)
""")

case("slots")("""
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x

class Free(Point):
    pass

def assign(obj, value):
    obj.y = value
    try:
        obj.z = value
    except AttributeError as exc:
        print("AttributeError:", exc)

p = Point(1)
assign(p, 2)
f = Free(1)
assign(f, 3)
print(p.x, p.y, f.y, f.z, isinstance(p, Point))
""")

case("implicit_chaining")("""
try:
    try:
        {}["k"]
    except KeyError:
        raise TypeError("during handling")
except TypeError as exc:
    print(repr(exc.__context__), exc.__cause__, exc.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError as inner:
        raise ValueError("clean") from None
except ValueError as exc:
    print(exc.__cause__, exc.__suppress_context__, repr(exc.__context__))
e = KeyError("k")
print(hasattr(e, "__notes__"))
""")

case("generators_and_decorators")("""
import functools

def running():
    total = 0
    try:
        while True:
            total += yield total
    except GeneratorExit:
        print("closing at", total)
        raise

g = running()
next(g)
g.send(4)
g.close()

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def trace(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper

@trace
def add(a, b):
    \"\"\"Add two numbers.\"\"\"
    return a + b

print(fib(80), fib.cache_info().hits > 0, add.__name__, add.__doc__, add(1, 2))
""")

case("scopes_and_late_binding")("""
def broken():
    print(counter)
    counter = 5

try:
    broken()
except UnboundLocalError as exc:
    print("UnboundLocalError:", exc)
late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
fs = []
for j in range(3):
    fs.append(lambda: j)
print([f() for f in late], [f() for f in early], [f() for f in fs])
print([h() for h in list(lambda: k for k in range(3))])
""")

case("function_attributes")("""
def append_to(item, target=[]):
    \"\"\"Append item.

    Shares its default.
    \"\"\"
    target.append(item)
    return target

print(append_to(1), append_to(2), append_to.__defaults__, append_to.__kwdefaults__)
print(append_to.__name__, append_to.__qualname__, append_to.__module__, repr(append_to.__doc__))
def g(a, b=2, *args, c=3, d, **kw):
    return a, b, c, d
print(g.__defaults__, g.__kwdefaults__, g(1, d=4))
g.__defaults__ = (20,)
g.__kwdefaults__ = {"c": 30}
print(g(1, d=4))
g.__defaults__ = None
try:
    g(1, d=4)
except TypeError as exc:
    print("TypeError:", exc)
def plain(x):
    return x
print(plain.__defaults__, plain.__kwdefaults__, plain.__doc__)
h = lambda x=[0], *, y=1: (x, y)
print(h.__defaults__, h.__kwdefaults__, h.__name__, h())
class K:
    def m(self, a=1, *, b=2):
        return a + b
    async def am(self, z=(1, 2)):
        return z
print(K.m.__defaults__, K.m.__kwdefaults__, K().m.__defaults__, K.am.__defaults__, K().m())
def calls():
    calls.count += 1
    return calls.count
calls.count = 0
calls()
calls()
print(calls.count)
def make(n):
    def inner(k=n * 2):
        return k
    return inner
print(make(1)(), make(5).__defaults__, make(5).__qualname__)
""")

case("unbound_names")("""
def branch(flag):
    if flag:
        value = 1
    return value

def deleted():
    value = 1
    del value
    return value

def loop_only(items):
    for item in items:
        pass
    return item

def del_twice():
    x = 1
    del x
    del x

def free():
    def inner():
        return later
    try:
        inner()
    except NameError as exc:
        print(type(exc).__name__, exc)
    later = "bound"
    return inner()

for fn, args in ((branch, (True,)), (branch, (False,)), (deleted, ()), (loop_only, ([1],)), (loop_only, ([],)), (del_twice, ()), (free, ())):
    try:
        print(fn.__name__, fn(*args))
    except NameError as exc:
        print(fn.__name__, type(exc).__name__, exc)
try:
    print(not_yet)
except NameError as exc:
    print(type(exc).__name__, exc)
not_yet = 1
del not_yet
try:
    del not_yet
except NameError as exc:
    print(type(exc).__name__, exc)
""")


case("argument_count_errors")("""
import asyncio

def check(call):
    try:
        call()
    except TypeError as exc:
        print(exc)

def f(a, b=2):
    return a
def none():
    return 0
def shown(x):
    print("arg", x)
    return x
class Q:
    def m(self, a):
        return a
    @classmethod
    def c(cls, a, b):
        return a
    @staticmethod
    def s(a):
        return a
class P:
    def __init__(self, a, b=2):
        self.a = a
class P2(P):
    pass
class E:
    pass
class E2(E):
    pass
def outer():
    def inner(a, b, c):
        return a
    check(lambda: inner(1))
    return inner
async def co(a, b):
    return a
def gen(a):
    yield a
check(lambda: f())
check(lambda: f(shown(1), shown(2), shown(3)))
check(lambda: f(1, z=3))
check(lambda: none(1))
check(lambda: Q().m())
check(lambda: Q.m())
check(lambda: Q.m(Q(), 1, 2))
check(lambda: Q.c(1))
check(lambda: Q.s(1, 2))
check(lambda: P())
check(lambda: P2(1, 2, 3))
check(lambda: E(shown(1)))
check(lambda: E2(x=1))
check(lambda: outer()())
g, q, h, cm, sm = f, Q(), P2, Q.c, Q.s
check(lambda: g())
check(lambda: q.m())
check(lambda: cm())
check(lambda: sm())
check(lambda: h())
check(lambda: (lambda x, y=1: x)())
check(lambda: gen())
def make(n):
    def add(x):
        return x + n
    return add
check(lambda: make(1)())
def bound(a, *, k):
    return a
check(lambda: bound())
check(lambda: bound(1, 2, k=3))
async def main():
    try:
        await co(1)
    except TypeError as exc:
        print(exc)
    later = co
    try:
        await later()
    except TypeError as exc:
        print(exc)
asyncio.run(main())
""")


case("re_module")("""
import asyncio
import re
from re import IGNORECASE, compile

KV = compile(r"(?P<key>\\w+)\\s*=\\s*(?P<value>[^;]*)")
SEP = re.compile(r";\\s*")

def parse(text):
    return {m["key"]: m.group("value") for m in KV.finditer(text)}

async def main():
    print(parse("a=1; b = two;c="), SEP.split("x; y;z"), SEP.split("x; y;z", maxsplit=1))
    if m := KV.search("  port = 80"):
        print(m, m.span("value"), m.groups(), m.lastgroup, bool(m))
    print(KV.sub(lambda mm: mm["key"].upper(), "k=v; q=w", count=1), KV.sub(r"\\g<value>=\\1", "k=v"))
    print(re.findall(r"[aeiou]", "Queueing", flags=IGNORECASE), re.sub("o", "0", "foo boo", count=2))
    print(re.split(r"(\\d)", "a1b2c"), re.fullmatch(r"\\d+", "123") is not None, re.match("x", "yx"))
    print(re.I | re.M, KV, KV.groups, KV.pattern == r"(?P<key>\\w+)\\s*=\\s*(?P<value>[^;]*)", re.escape("a+b"))
    for bad in ("(a", "a{2,1}", r"\\k"):
        try:
            re.compile(bad)
        except re.error as exc:
            print(type(exc).__name__, exc, exc.pos)
    p = re.compile(r"\\w+")
    print(p.search("ab cd", pos=2), p.findall("ab cd ef", 1, 7), [x.group() for x in p.finditer("one two")])

asyncio.run(main())
""")

case("setattr_delattr_hooks")("""
class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)

    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)

class Point(Logged):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    @property
    def total(self):
        return self.x + self.y

class Record:
    def __init__(self, **fields):
        self.__dict__["_fields"] = dict(fields)

    def __getattr__(self, name):
        try:
            return object.__getattribute__(self, "_fields")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"read-only attribute {name!r}")
        self._fields[name] = value

p = Point(1, 2)
p.x += 10
setattr(p, "z", 0)
p.a, p.b = "ab"
print(p.x, p.y, p.z, p.a, p.total, sorted(vars(p)))
for bad in ("total", "missing"):
    try:
        if bad == "total":
            p.total = 5
        else:
            del p.missing
    except AttributeError as exc:
        print("AttributeError:", exc)
del p.z
print(hasattr(p, "z"))
r = Record(a=1)
r.b = 2
r.a *= 5
print(r.a, r.b, r._fields, "b" in r.__dict__)
for action in (lambda: setattr(r, "_secret", 1), lambda: object.__getattribute__(r, "nope")):
    try:
        action()
    except AttributeError as exc:
        print("AttributeError:", exc)
""")

case("abcmeta_metaclass")("""
import abc
from abc import ABC, ABCMeta, abstractmethod

class Shape(metaclass=ABCMeta):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self): ...

    @property
    @abstractmethod
    def sides(self): ...

class Square(Shape):
    def __init__(self, side):
        super().__init__("square")
        self.side = side

    def area(self):
        return self.side ** 2

    @property
    def sides(self):
        return 4

class Half(Shape):
    def area(self):
        return 0

class Base(ABC):
    pass

class Both(Base, metaclass=abc.ABCMeta):
    def __init__(self):
        print("Both.__init__ runs once")

class Leaf(Base):
    pass

class Leaf2(Leaf):
    def __init__(self):
        print("Leaf2.__init__ runs once")

sq = Square(3)
Both()
Leaf2()
print(sq.area(), sq.sides, sq.name, type(Shape), type(Square), type(Both))
print(Shape.__mro__, Shape.__bases__, Square.__mro__, Both.__mro__)
print(isinstance(sq, Shape), isinstance(sq, ABC), issubclass(Square, ABC), issubclass(Both, ABC))
print(isinstance(Shape, ABCMeta), isinstance(sq, ABCMeta), isinstance(Shape, type))
for cls in (Shape, Half):
    try:
        cls("x")
    except TypeError as exc:
        print("TypeError:", exc)
print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__))
Shape.register(int)
print(isinstance(3, Shape), issubclass(int, Shape), issubclass(bool, Shape), issubclass(str, Shape))
""")

case("property_deleter")("""
class Temperature:
    def __init__(self):
        self._celsius = 20

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("deleting celsius")
        del self._celsius

class ReadOnly:
    @property
    def value(self):
        return 1

t = Temperature()
t.celsius = 30
print(t.celsius, Temperature.celsius.fdel is not None, ReadOnly.value.fdel)
del t.celsius
print(hasattr(t, "_celsius"))
try:
    t.celsius
except AttributeError as exc:
    print("AttributeError:", exc)
for obj in (ReadOnly(), t):
    try:
        del obj.value
    except AttributeError as exc:
        print("AttributeError:", exc)
""")

case("dataclass_setattr")("""
from dataclasses import dataclass, field

@dataclass
class Tracked:
    x: int
    tags: list = field(default_factory=list)

    def __setattr__(self, name, value):
        print("set", name, value)
        super().__setattr__(name, value)

@dataclass(frozen=True)
class Frozen:
    x: int
    y: int = 0

    def __post_init__(self):
        object.__setattr__(self, "y", self.x * 10)
        object.__setattr__(self, "double", self.x * 2)

t = Tracked(1)
t.x = 2
f = Frozen(3)
print(t, f, f.double)
for action in (lambda: setattr(f, "y", 1), lambda: delattr(f, "x"), lambda: setattr(f, "new", 1)):
    try:
        action()
    except AttributeError as exc:
        print(type(exc).__name__, exc)
""")

case("instance_dict_view")("""
class A:
    def __init__(self, **kw):
        self.__dict__.update(kw)
        self.__dict__.setdefault("z", 0)

a = A(x=1, y=2)
d = vars(a)
d["w"] = 5
d.pop("y")
print(a.x, a.w, a.z, hasattr(a, "y"), type(d), d, a.__dict__ == {"x": 1, "z": 0, "w": 5})
d |= {"q": 9}
del a.__dict__["w"]
print(a.q, sorted(vars(a)), a.__dict__)
a.__dict__.clear()
print(vars(a), hasattr(a, "x"))
""")


def in_function(code):
    """The snippet as the body of a function `case()` that is then called (the tests' wrapping)."""
    body = "\n".join("    " + line if line else line for line in code.split("\n"))
    return f"def case():\n{body}\ncase()\n"


def run(code, name):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, f"{name}.py", "exec"), {"__name__": "__main__"})
    return buf.getvalue()


def record():
    out = {}
    for name, code in CASES.items():
        module = run(code + "\n", name)
        function = run(in_function(code + "\n"), name)
        out[name] = (module, function)
    here = os.path.dirname(os.path.abspath(__file__))
    lines = [
        "// Generated by test/codegen/cases.py from CPython "
        + ".".join(map(str, sys.version_info[:3]))
        + ": the snippets and what CPython printed. Do not edit; edit cases.py and re-run it.",
        "",
        "export interface Case {",
        "  name: string;",
        "  code: string;",
        "  /** CPython's output at module level. */",
        "  expected: string;",
        "  /** CPython's output with the snippet inside `def case(): ...` (only when it differs). */",
        "  expectedInFunction?: string;",
        "}",
        "",
        "export const CASES: Case[] = [",
    ]
    for name, code in CASES.items():
        module, function = out[name]
        extra = "" if function == module else f", expectedInFunction: {json.dumps(function)}"
        lines.append(f"  {{ name: {json.dumps(name)}, code: {json.dumps(code + chr(10))}, expected: {json.dumps(module)}{extra} }},")
    lines.append("];")
    with open(os.path.join(here, "cases.ts"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    assert sys.version_info[:3] == (3, 13, 0), "record with CPython 3.13.0"
    record()
