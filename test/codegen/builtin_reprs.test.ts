/**
 * Reprs and types of builtin functions, builtin methods and the iterators of builtin types, as
 * CPython 3.13.0 prints them (src/python/builtinfns.ts, repr.ts, types.ts): `<built-in function
 * len>`, `<method 'upper' of 'str' objects>`, `<built-in method upper of str object at 0x...>`,
 * `dict_keyiterator`, `tuple_iterator`, `str_iterator`, `<generator object main.<locals>.<genexpr>
 * at 0x...>`, `coro.__await__()`'s `coroutine_wrapper`, `fromhex` through instances. The programs cut
 * addresses (` at 0x...`) before printing; the expected outputs were recorded by running each
 * under CPython 3.13.0, at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "./helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "reprs",
    code: 'def mask(r):\n    return r.split(" at 0x")[0]\n\n\nprint(print, repr(len), sorted, iter, str.upper, list.append, dict.get)\nprint(mask(repr("a".upper)), mask(repr([].append)), mask(repr({}.get)))\nprint(mask(repr(dict.fromkeys)), mask(repr(float.fromhex)))\nprint(type(print), type(str.upper), type("a".upper), type(dict.fromkeys))\nprint(type(len).__name__, len.__name__, len.__module__, iter.__name__)\nprint(isinstance(print, type(len)), isinstance(str.upper, type(len)))\nprint(type(lambda: 0), isinstance(len, type(lambda: 0)))\n',
    expected:
      "<built-in function print> <built-in function len> <built-in function sorted> <built-in function iter> <method 'upper' of 'str' objects> <method 'append' of 'list' objects> <method 'get' of 'dict' objects>\n<built-in method upper of str object <built-in method append of list object <built-in method get of dict object\n<built-in method fromkeys of type object <built-in method fromhex of type object\n<class 'builtin_function_or_method'> <class 'method_descriptor'> <class 'builtin_function_or_method'> <class 'builtin_function_or_method'>\nbuiltin_function_or_method len builtins iter\nTrue False\n<class 'function'> False\n",
  },
  {
    name: "iters",
    code: 'def mask(r):\n    return r.split(" at 0x")[0]\n\n\nd = {1: "a"}\nfor it in [iter([]), iter(d), iter(d.keys()), iter(d.values()),\n           iter(d.items()), iter({2}), iter(frozenset()), iter(b"x"),\n           iter(bytearray()), iter(""), iter(range(3)), zip(), map(str, []),\n           filter(None, []), enumerate([]), reversed([]), reversed(d)]:\n    print(type(it).__name__, mask(repr(it)))\nprint(type(d.items()), repr(d.keys()), repr(d.values()), repr(d.items()))\nprint(type(x for x in []), mask(repr(x for x in [])))\ntry:\n    len(iter(d))\nexcept TypeError as exc:\n    print(exc)\ntry:\n    "a".upper[0]\nexcept TypeError as exc:\n    print(exc)\n',
    expected:
      "list_iterator <list_iterator object\ndict_keyiterator <dict_keyiterator object\ndict_keyiterator <dict_keyiterator object\ndict_valueiterator <dict_valueiterator object\ndict_itemiterator <dict_itemiterator object\nset_iterator <set_iterator object\nset_iterator <set_iterator object\nbytes_iterator <bytes_iterator object\nbytearray_iterator <bytearray_iterator object\nstr_ascii_iterator <str_ascii_iterator object\nrange_iterator <range_iterator object\nzip <zip object\nmap <map object\nfilter <filter object\nenumerate <enumerate object\nlist_reverseiterator <list_reverseiterator object\ndict_reversekeyiterator <dict_reversekeyiterator object\n<class 'dict_items'> dict_keys([1]) dict_values(['a']) dict_items([(1, 'a')])\n<class 'generator'> <generator object <genexpr>\nobject of type 'dict_keyiterator' has no len()\n'builtin_function_or_method' object is not subscriptable\n",
    expectedInFunction:
      "list_iterator <list_iterator object\ndict_keyiterator <dict_keyiterator object\ndict_keyiterator <dict_keyiterator object\ndict_valueiterator <dict_valueiterator object\ndict_itemiterator <dict_itemiterator object\nset_iterator <set_iterator object\nset_iterator <set_iterator object\nbytes_iterator <bytes_iterator object\nbytearray_iterator <bytearray_iterator object\nstr_ascii_iterator <str_ascii_iterator object\nrange_iterator <range_iterator object\nzip <zip object\nmap <map object\nfilter <filter object\nenumerate <enumerate object\nlist_reverseiterator <list_reverseiterator object\ndict_reversekeyiterator <dict_reversekeyiterator object\n<class 'dict_items'> dict_keys([1]) dict_values(['a']) dict_items([(1, 'a')])\n<class 'generator'> <generator object case.<locals>.<genexpr>\nobject of type 'dict_keyiterator' has no len()\n'builtin_function_or_method' object is not subscriptable\n",
  },
  {
    name: "methods",
    code: 'class Greeter:\n    def hello(self):\n        return "hi"\n\n    def __repr__(self):\n        return "<Greeter>"\n\n\ndef gen():\n    yield 1\n\n\ng = Greeter()\nprint(g.hello, type(g.hello).__name__, type(Greeter.hello).__name__)\nprint(repr(gen()).split(" at 0x")[0], type(gen()).__name__)\n',
    expected:
      "<bound method Greeter.hello of <Greeter>> method function\n<generator object gen generator\n",
    expectedInFunction:
      "<bound method case.<locals>.Greeter.hello of <Greeter>> method function\n<generator object case.<locals>.gen generator\n",
  },
  {
    name: "iterator_names",
    code: 'class Blob(bytes):\n    pass\n\nclass Buf(bytearray):\n    pass\n\nfor x in [iter((1, 2)), iter(()), iter("ab"), iter("é"), iter(""), reversed((1,)),\n          reversed([1]), iter(range(2)), iter(range(2**70)), reversed({}),\n          iter({1: 2}.values()), iter(b"x"), iter(bytearray())]:\n    print(type(x).__name__, end=" ")\nprint()\nprint(list(iter((1, 2))), next(iter("é")), [*iter("xy")])\nprint(b"".fromhex("ab 01"), bytearray(b"z").fromhex("ff"), bytes.fromhex("00"))\nprint(type(Blob(b"").fromhex("ab")).__name__, Buf.fromhex("01"), Buf().fromhex("02"))\ntry:\n    b"".fromhex(b"00")\nexcept TypeError as e:\n    print("TypeError", e)\n',
    expected:
      "tuple_iterator tuple_iterator str_ascii_iterator str_iterator str_ascii_iterator reversed list_reverseiterator range_iterator longrange_iterator dict_reversekeyiterator dict_valueiterator bytes_iterator bytearray_iterator \n[1, 2] é ['x', 'y']\nb'\\xab\\x01' bytearray(b'\\xff') b'\\x00'\nBlob Buf(b'\\x01') Buf(b'\\x02')\nTypeError fromhex() argument must be str, not bytes\n",
  },
  {
    name: "await_methods",
    code: 'import asyncio\n\nasync def work(n):\n    await asyncio.sleep(0)\n    return n * 2\n\nclass Job:\n    def __init__(self, n):\n        self.n = n\n\n    def __await__(self):\n        return work(self.n).__await__()\n\nasync def main():\n    aw = asyncio.sleep(0).__await__()\n    print(type(aw).__name__, next(aw, "x"), next(aw, "done"))\n    w = work(1).__await__()\n    print(repr(w).split(" at 0x")[0], asyncio.iscoroutine(w), w.send(None))\n    try:\n        w.send(None)\n    except StopIteration as e:\n        print("StopIteration", e.value)\n    fut = asyncio.get_running_loop().create_future()\n    it = fut.__await__()\n    print(type(it).__name__, next(it) is fut)\n    fut.set_result(5)\n    try:\n        next(it)\n    except StopIteration as e:\n        print("StopIteration", e.value)\n    print(await Job(4), await asyncio.gather(Job(1), Job(2)))\n    print(list(asyncio.sleep(0, 1).__await__()))\n\nasyncio.run(main())\n',
    expected:
      "coroutine_wrapper None done\n<coroutine_wrapper object False None\nStopIteration 2\nFutureIter True\nStopIteration 5\n8 [2, 4]\n[None]\n",
  },
];

describe("reprs and types of builtin functions, methods and iterators", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-reprs-");
  typecheckCasesTest(() => dir, CASES);
});
