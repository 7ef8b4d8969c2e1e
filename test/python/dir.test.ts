/**
 * `dir(obj)` (src/python/dir.ts) on classes finished by `pyclass` and on builtin values, against
 * outputs CPython 3.13.0 printed once for the same code (the Python side is kept next to each case
 * as a comment), and the NotImplementedError for what the runtime cannot list exactly.
 */

import { int, list, object } from "../../src/python/builtins";
import { dir } from "../../src/python/dir";
import { ValueError } from "../../src/python/exceptions";
import { pyclass } from "../../src/python/lang";
import { raised } from "../helpers/raised";

type Any = any;

const OBJ = new Set(dir(object));
const own = (names: string[]) => names.filter((n) => !OBJ.has(n));

// class A:
//     kind = 1
//     def __init__(self): self.a = 1
//     def m(self): pass
//     @property
//     def p(self): return 2
// class S:
//     __slots__ = ("x",)
// class E(ValueError): pass
class A {
  a: unknown;
  constructor() {
    this.a = 1n;
  }
  __init__(): unknown {
    return null;
  }
  m(): unknown {
    return null;
  }
  get p(): unknown {
    return 2n;
  }
  static kind: Any = 1n;
}
pyclass(A, "A");
class S {
  __init__(..._args: unknown[]): unknown {
    return null;
  }
  static __slots__: Any = ["x"];
}
pyclass(S, "S");
class E extends ValueError {}
pyclass(E, "E");

describe("dir()", () => {
  test("object, instances and classes of the program", () => {
    // print(dir(object()))
    expect(dir(object()).join(" ")).toBe(
      "__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ " +
        "__getstate__ __gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ " +
        "__reduce__ __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__",
    );
    // print(sorted(set(dir(A())) - set(dir(object))), sorted(set(dir(A)) - set(dir(object))))
    expect(own(dir(new A()))).toEqual([
      "__dict__",
      "__firstlineno__",
      "__module__",
      "__static_attributes__",
      "__weakref__",
      "a",
      "kind",
      "m",
      "p",
    ]);
    expect(own(dir(A))).not.toContain("a");
    // print(sorted(set(dir(S)) - set(dir(object))))
    expect(own(dir(S))).toEqual([
      "__firstlineno__",
      "__module__",
      "__slots__",
      "__static_attributes__",
      "x",
    ]);
    // e = E("v"); e.code = 1; print(sorted(set(dir(e)) - set(dir(object))))
    const e: Any = new E("v");
    e.code = 1n;
    expect(own(dir(e)).join(" ")).toBe(
      "__cause__ __context__ __dict__ __firstlineno__ __module__ __setstate__ " +
        "__static_attributes__ __suppress_context__ __traceback__ __weakref__ add_note args code " +
        "with_traceback",
    );
  });

  test("builtin values use CPython's lists", () => {
    // print(len(dir(1)), dir(int) == dir(1), [n for n in dir([]) if not n.startswith("_")])
    expect(dir(1n).length).toBe(74);
    expect(dir(int)).toEqual(dir(5n));
    expect(dir(list([])).filter((n) => !n.startsWith("_"))).toEqual(
      "append clear copy count extend index insert pop remove reverse sort".split(" "),
    );
  });

  test("what cannot be listed exactly is refused", () => {
    class Runtime {}
    expect(raised(() => dir(new Runtime()))).toBe(
      `NotImplementedError("dir() of a 'Runtime' object is not supported by asyncio-ts")`,
    );
    expect(raised(() => dir(() => 1))).toBe(
      "NotImplementedError('dir() of a function is not supported by asyncio-ts')",
    );
    expect(raised(() => dir())).toBe("TypeError('dir expected at most 1 argument, got 0')");
  });
});
