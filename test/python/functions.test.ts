/**
 * Function objects' `__defaults__`/`__kwdefaults__` and the unbound-name checks
 * (src/python/functions.ts), against what CPython 3.13.0 printed for the same code (the Python
 * side is kept next to each case as a comment).
 */

import { Dict } from "../../src/python/dict";
import { checkFree, checkGlobal, defaults } from "../../src/python/functions";
import { kw } from "../../src/python/kw";
import { bind, signature } from "../../src/python/lang";
import { getattr } from "../../src/python/protocol";
import { repr } from "../../src/python/repr";
import { Tuple } from "../../src/python/tuple";

type Any = any;

function raised(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return repr(e);
  }
  throw new Error("expected an exception");
}

/** `def f(a, b=[], *, c=1, d): ...` as generated code builds it. */
function makeF(): { f: Any; sig: Any; shared: unknown[] } {
  const sig = signature("f", ["a", "b", "*", "c", "d"]);
  const f: Any = (...args: unknown[]) => bind(sig, args);
  const shared: unknown[] = [];
  defaults(f, [shared], { c: 1n }, sig);
  return { f, sig, shared };
}

describe("__defaults__ and __kwdefaults__", () => {
  test("are a tuple and a dict holding the very values calls use", () => {
    const { f, shared } = makeF();
    // print(f.__defaults__, f.__kwdefaults__)
    expect(`${repr(getattr(f, "__defaults__"))} ${repr(getattr(f, "__kwdefaults__"))}`).toBe(
      "([],) {'c': 1}",
    );
    expect((f.__defaults__ as Tuple).items[0]).toBe(shared);
    expect(f(0n, kw({ d: 4n }))[1]).toBe(shared);
  });

  test("assigning them changes what later calls use", () => {
    const { f } = makeF();
    // f.__defaults__ = (20,); f.__kwdefaults__ = {"c": 30}; f(1, d=4) -> (1, 20, 30, 4)
    f.__defaults__ = new Tuple([20n]);
    f.__kwdefaults__ = new Dict([["c", 30n]]);
    expect(repr(new Tuple(f(1n, kw({ d: 4n }))))).toBe("(1, 20, 30, 4)");
    // f.__defaults__ = (5, 6): the last positional parameters take the last defaults
    f.__defaults__ = new Tuple([5n, 6n]);
    expect(repr(new Tuple(f(kw({ d: 4n }))))).toBe("(5, 6, 30, 4)");
    // f.__defaults__ = None; f.__kwdefaults__ = None; f(1, d=4)
    f.__defaults__ = null;
    expect(raised(() => f(1n, kw({ d: 4n })))).toBe(
      `TypeError("f() missing 1 required positional argument: 'b'")`,
    );
    f.__defaults__ = new Tuple([2n]);
    f.__kwdefaults__ = null;
    expect(raised(() => f(1n, kw({ d: 4n })))).toBe(
      `TypeError("f() missing 1 required keyword-only argument: 'c'")`,
    );
  });

  test("a function without defaults has None for both", () => {
    // def g(x): pass; print(g.__defaults__, g.__kwdefaults__)
    const g = (x: unknown) => x;
    expect(`${repr(getattr(g, "__defaults__"))} ${repr(getattr(g, "__kwdefaults__"))}`).toBe(
      "None None",
    );
  });
});

describe("unbound names", () => {
  test("a free variable and a global raise NameError with CPython's messages", () => {
    expect(raised(() => checkFree(undefined, "x"))).toBe(
      `NameError("cannot access free variable 'x' where it is not associated with a value in enclosing scope")`,
    );
    expect(raised(() => checkGlobal(undefined, "x"))).toBe(`NameError("name 'x' is not defined")`);
    expect(checkFree(null, "x")).toBe(null);
    expect(checkGlobal(0n, "x")).toBe(0n);
  });
});
