/**
 * Differential testing of set/frozenset iteration order against CPython 3.13.0's table
 * (`Objects/setobject.c`): adds after deletions (a new key takes the last dummy slot met before
 * the first unused one), remove/discard then re-add, `pop()`'s finger, `clear()`, the sets built
 * by `|`, `&`, `-`, `^`, `copy()`, `set(...)`, `union`/`intersection`/`difference` with several
 * arguments, `update` from a set, a list or a dict, `difference_update` resizing away dummies,
 * `intersection_update` taking the result's table, `symmetric_difference_update` from a dict,
 * frozensets (nested, `copy()` is itself), ints (negative, huge), strs, tuples and floats, and
 * a set mutated by asyncio tasks.
 *
 * The expected outputs were recorded by running each program under CPython 3.13.0
 * (PYTHONHASHSEED=0), at module level and as the body of `def case(): ...`.
 */

import { type ProgramCase, programCaseTests, typecheckCasesTest } from "../codegen/helpers";

// Recorded with CPython 3.13.0 (see the header).
const CASES: ProgramCase[] = [
  {
    name: "set_order_deletions",
    code: 't = {i * 64 for i in range(30)}\nfor i in range(0, 30, 3):\n    t.discard(i * 64)\nt.add(-64)\nt.add(2 ** 70)\nprint(list(t))\ns = set(range(0, 200, 8))\nfor x in range(0, 200, 16):\n    s.remove(x)\ns.add(0)\ns.add(2 ** 61 - 1)\ns.add(-2 ** 65)\ns.add((1, 2))\ns.add(2.5)\ns.add(-1)\nprint(s)\ns.discard(8)\ns.add(8)\ns.discard(24)\ns.add(-24)\nprint(s, len(s))\ntry:\n    s.remove(999)\nexcept KeyError as e:\n    print("KeyError", e)\np = set(range(40))\npopped = [p.pop() for _ in range(7)]\np.update([100, -3, 64, 32, 2 ** 64 + 3])\nprint(popped, p)\npopped = [p.pop() for _ in range(5)]\np.clear()\np.update([5, 13, 21, 1])\nprint(popped, p, p.pop(), p)\nu = {1.5, -0.0, 3.0, 1e100, (0, "a")}\nu.discard(3.0)\nu |= {3, 11, 19, 27}\nprint(u)\nfor i in range(12):\n    u.add(i * 8)\n    if i % 2:\n        u.discard((i - 1) * 8)\nprint(u, sorted(u, key=repr) == sorted(set(list(u)), key=repr))\n',
    expected:
      "[256, 128, 512, 1024, 640, 1180591620717411303424, 896, 1280, 1408, 1664, 1792, 64, 320, 448, 1088, 704, 832, -64, 1216, 1472, 1600, 1856]\n{2305843009213693951, 0, 2.5, 8, 136, 24, 152, 40, 168, 56, 184, (1, 2), 72, 88, 104, -36893488147419103232, 120, -1}\n{2305843009213693951, 0, 2.5, 8, 136, 152, 40, 168, 56, 184, (1, 2), 72, 88, 104, -24, -36893488147419103232, 120, -1} 18\nKeyError 999\n[0, 1, 2, 3, 4, 5, 6] {7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 18446744073709551619, 64, 100, -3}\n[7, 8, 9, 10, 11] {1, 13, 21} 5 {1, 13, 21}\n{-0.0, 1.5, 3, 11, 1e+100, 19, (0, 'a'), 27}\n{1.5, 3, 8, 40, 72, 11, 88, 1e+100, 19, (0, 'a'), 24, 56, 27} True\n",
  },
  {
    name: "set_order_operations",
    code: 'a = set(range(0, 64, 3)) | {-5, 2 ** 70, (1, "x"), 0.25}\nb = set(range(0, 64, 2))\nfor x in list(a)[::2]:\n    a.discard(x)\nprint(a)\nprint(a | b, b | a)\nprint(a & b, b & a, a - b, b - a)\nprint(a ^ b, b ^ a)\nprint(a.copy(), set(a), frozenset(a), set(list(a)), set(frozenset(b)))\nprint(a.union([9, 17, 33], {81: 0}), a.intersection(b, range(10, 40)), a.difference(range(30), {57: 1}))\nc = set(b)\nc.difference_update(range(0, 40, 2))\nprint(c)\nc.add(-2)\nprint(c)\nd = set(range(50))\nd.intersection_update(range(0, 100, 7))\nprint(d)\nd.add(100)\nprint(d)\ne = set(range(20))\ne.symmetric_difference_update({25: 0, 3: 0, 21: 0, -1: 0})\nprint(e)\ne.symmetric_difference_update([40, 1, 2, 33, 41])\nprint(e)\ne -= set(range(0, 40, 3))\ne ^= {7, 8, 9, 60}\ne &= set(range(5, 70))\nprint(e)\nw = {"spam", "eggs", "ham", "x", "y", "z"}\nw.discard("ham")\nw.update(["bacon", "ham"])\nprint(w, frozenset(w) - {"x"}, sorted(w))\nf = frozenset({(i, i % 3) for i in range(12)})\nprint(f, f | {(0, 0)}, f & {(2, 2), (3, 0)}, f.copy() is f, frozenset(f) is f)\ng = {frozenset({1, 2}), frozenset({3}), frozenset()}\ng.discard(frozenset({3}))\ng.add(frozenset({2, 1, 5}))\nprint(g, {1, 2} in g)\n',
    expected:
      "{1180591620717411303424, 3, 9, 15, 21, 27, 30, 36, 42, 48, 54, -5, 63}\n{1180591620717411303424, 0, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 63, -5} {0, 1180591620717411303424, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 63, -5}\n{36, 42, 48, 54, 30} {36, 42, 48, 54, 30} {1180591620717411303424, 3, -5, 9, 15, 21, 27, 63} {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 32, 34, 38, 40, 44, 46, 50, 52, 56, 58, 60, 62}\n{0, 1180591620717411303424, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 32, 34, 38, 40, 44, 46, 50, 52, 56, 58, 60, 62, 63, -5} {1180591620717411303424, 0, 2, 3, 4, 6, 8, 9, 10, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 32, 34, 38, 40, 44, 46, 50, 52, 56, 58, 60, 62, 63, -5}\n{1180591620717411303424, 3, 36, -5, 9, 42, 15, 48, 21, 54, 27, 30, 63} {1180591620717411303424, 3, 36, -5, 9, 42, 15, 48, 21, 54, 27, 30, 63} frozenset({1180591620717411303424, 3, 36, -5, 9, 42, 15, 48, 21, 54, 27, 30, 63}) {1180591620717411303424, 3, 36, -5, 9, 42, 15, 48, 21, 54, 27, 30, 63} {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62}\n{1180591620717411303424, 33, 3, 36, -5, 9, 42, 15, 48, 17, 81, 21, 54, 27, 30, 63} {36, 30} {1180591620717411303424, 36, -5, 42, 48, 54, 30, 63}\n{40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62}\n{40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, -2}\n{0, 35, 7, 42, 14, 49, 21, 28}\n{0, 35, 100, 7, 42, 14, 49, 21, 28}\n{0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 25, -1}\n{0, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 25, 33, 40, 41, -1}\n{5, 40, 9, 10, 11, 41, 13, 14, 16, 17, 19, 25, 60}\n{'y', 'x', 'z', 'bacon', 'spam', 'ham', 'eggs'} frozenset({'y', 'z', 'eggs', 'ham', 'bacon', 'spam'}) ['bacon', 'eggs', 'ham', 'spam', 'x', 'y', 'z']\nfrozenset({(9, 0), (6, 0), (7, 1), (0, 0), (1, 1), (10, 1), (3, 0), (11, 2), (2, 2), (8, 2), (4, 1), (5, 2)}) frozenset({(9, 0), (6, 0), (7, 1), (0, 0), (1, 1), (10, 1), (3, 0), (11, 2), (2, 2), (8, 2), (4, 1), (5, 2)}) frozenset({(2, 2), (3, 0)}) True True\n{frozenset({1, 2, 5}), frozenset(), frozenset({1, 2})} True\n",
  },
  {
    name: "set_order_asyncio_ids",
    code: "import asyncio\n\nasync def worker(i, active, log):\n    active.add(i * 32)\n    for _ in range(i % 4):\n        await asyncio.sleep(0)\n    active.discard(i * 32)\n    log.append(sorted(active)[:3])\n\nasync def main():\n    active = set()\n    log = []\n    tasks = [asyncio.create_task(worker(i, active, log)) for i in range(24)]\n    await asyncio.sleep(0)\n    print(active)\n    await asyncio.sleep(0)\n    print(active)\n    active.update([-32, 2 ** 66, 7])\n    print(active)\n    await asyncio.gather(*tasks)\n    print(active, len(log), log[-1])\n    pending = {t for t in tasks if t.done()}\n    print(len(pending), pending == set(tasks))\n\nasyncio.run(main())\n",
    expected:
      "{32, 160, 288, 416, 544, 672, 64, 192, 320, 448, 576, 704, 96, 224, 352, 480, 608, 736}\n{64, 192, 320, 448, 576, 704, 96, 224, 352, 480, 608, 736}\n{7, 73786976294838206464, 64, 192, 320, 448, 576, 704, 96, 224, 352, 480, 608, 736, -32}\n{7, 73786976294838206464, -32} 24 [-32, 7, 73786976294838206464]\n24 True\n",
  },
];

describe("set iteration order, differential", () => {
  const dir = programCaseTests(CASES, "asyncio-ts-set-order-");
  typecheckCasesTest(() => dir, CASES);
});
