/**
 * Reprs and types of builtin functions, builtin methods and the iterators of builtin types, as
 * CPython 3.13.0 prints them (src/python/builtinfns.ts, repr.ts, types.ts): `<built-in function
 * len>`, `<method 'upper' of 'str' objects>`, `<built-in method upper of str object at 0x...>`,
 * `dict_keyiterator`, `<generator object main.<locals>.<genexpr> at 0x...>`. The programs cut
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
];

describe("reprs and types of builtin functions, methods and iterators", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-reprs-");
  typecheckCasesTest(() => dir, CASES);
});
