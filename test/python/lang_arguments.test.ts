/**
 * CPython's TypeErrors for wrong argument counts (src/python/lang.ts): the messages `bind` and
 * the transpiler share, the guard of natural signatures (`missingArgs`) and `callError`. The
 * Python each case mirrors, run under CPython 3.13.0, is kept next to it as a comment.
 */

import { kw } from "../../src/python/kw";
import {
  bind,
  callError,
  missingArgs,
  missingMessage,
  signature,
  tooManyMessage,
  unexpectedKeywordMessage,
} from "../../src/python/lang";
import { repr } from "../../src/python/repr";

type Any = any;

function raised(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return repr(e);
  }
  throw new Error("expected an exception");
}

describe("argument count messages", () => {
  test("list the missing names as CPython does", () => {
    expect(missingMessage("f", ["a"])).toBe("f() missing 1 required positional argument: 'a'");
    expect(missingMessage("Q.m", ["self", "a"])).toBe(
      "Q.m() missing 2 required positional arguments: 'self' and 'a'",
    );
    expect(missingMessage("outer.<locals>.inner", ["a", "b", "c"])).toBe(
      "outer.<locals>.inner() missing 3 required positional arguments: 'a', 'b', and 'c'",
    );
    expect(missingMessage("g", ["k"], "keyword-only")).toBe(
      "g() missing 1 required keyword-only argument: 'k'",
    );
  });

  test("count positional parameters, with a range when some have defaults", () => {
    // def z(): ...; z(1) / z(1, 2)
    expect(tooManyMessage("z", 0, 0, 1)).toBe("z() takes 0 positional arguments but 1 was given");
    expect(tooManyMessage("z", 0, 0, 2)).toBe("z() takes 0 positional arguments but 2 were given");
    // def one(a): ...; one(1, 2)
    expect(tooManyMessage("one", 1, 1, 2)).toBe(
      "one() takes 1 positional argument but 2 were given",
    );
    // def f(a=1): ...; f(1, 2)
    expect(tooManyMessage("f", 0, 1, 2)).toBe(
      "f() takes from 0 to 1 positional arguments but 2 were given",
    );
    // class P: def __init__(self, a, b=2): ...; P(1, 2, 3)
    expect(tooManyMessage("P.__init__", 2, 3, 4)).toBe(
      "P.__init__() takes from 2 to 3 positional arguments but 4 were given",
    );
    // def g(a, b, *, k): ...; g(1, 2, 3, k=1)
    expect(tooManyMessage("g", 2, 2, 3, 1)).toBe(
      "g() takes 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given",
    );
    expect(unexpectedKeywordMessage("f", "z")).toBe("f() got an unexpected keyword argument 'z'");
  });

  test("are the ones bind raises", () => {
    const sig = signature("f", ["a", "b", "*", "k"], { b: 2n });
    const f: Any = (...args: unknown[]) => bind(sig, args);
    expect(raised(() => f(kw({ k: 1n })))).toBe(
      `TypeError("f() missing 1 required positional argument: 'a'")`,
    );
    expect(raised(() => f(1n, 2n, 3n, kw({ k: 1n })))).toBe(
      `TypeError('f() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given')`,
    );
    expect(raised(() => f(1n))).toBe(
      `TypeError("f() missing 1 required keyword-only argument: 'k'")`,
    );
  });
});

describe("missingArgs, the guard of natural signatures", () => {
  /** `def inner(a, b, c)` as generated: the guard is the last required parameter's initializer. */
  function inner(a: Any, b: Any, c: Any = missingArgs("inner", ["a", "b", "c"], a, b)): Any {
    return [a, b, c];
  }

  test("names every parameter not passed", () => {
    // Called as Python calls it, through a value (`g = inner; g()`): TS would refuse `inner()`.
    const call: Any = inner;
    expect(raised(() => call())).toBe(
      `TypeError("inner() missing 3 required positional arguments: 'a', 'b', and 'c'")`,
    );
    expect(raised(() => call(1n))).toBe(
      `TypeError("inner() missing 2 required positional arguments: 'b' and 'c'")`,
    );
    expect(raised(() => inner(1n, null))).toBe(
      `TypeError("inner() missing 1 required positional argument: 'c'")`,
    );
  });

  test("lets None (null) and every other value through", () => {
    expect(inner(null, null, null)).toEqual([null, null, null]);
    expect(inner(0n, "", false)).toEqual([0n, "", false]);
  });

  test("raises at the call of a generator function, before its first step", () => {
    function* co(a: Any = missingArgs("co", ["a"])): Generator<unknown, unknown, unknown> {
      return a;
    }
    expect(raised(() => co())).toBe(
      `TypeError("co() missing 1 required positional argument: 'a'")`,
    );
  });
});

describe("callError", () => {
  test("raises its TypeError after its arguments were evaluated", () => {
    const order: string[] = [];
    const arg = (name: string) => {
      order.push(name);
      return name;
    };
    expect(
      raised(() =>
        callError("f() takes 1 positional argument but 2 were given", arg("a"), arg("b")),
      ),
    ).toBe(`TypeError('f() takes 1 positional argument but 2 were given')`);
    expect(order).toEqual(["a", "b"]);
  });
});
