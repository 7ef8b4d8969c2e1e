/**
 * `property`, `staticmethod` and `classmethod` as values on classes finished by `pyclass`
 * (src/python/descriptors.ts), against outputs CPython 3.13.0 printed once for the same code (the
 * Python side is kept next to each case as a comment).
 */

import { classmethod, methodFunction, property, staticmethod } from "../../src/python/descriptors";
import { kw } from "../../src/python/kw";
import { pyclass } from "../../src/python/lang";
import { delattr, getattr, setattr } from "../../src/python/protocol";
import { repr } from "../../src/python/repr";
import { raised } from "../helpers/raised";

type Any = any;

// class A:
//     def __init__(self): self._x = 1
//     def getx(self): return self._x
//     def setx(self, v): self._x = v
//     x = property(getx, setx)
//     ro = property(getx, doc="read only")
//     empty = property()
//     @property
//     def deco(self): return 7
//     s = staticmethod(lambda v: v * 2)
//     c = classmethod(lambda cls, v: (cls.__name__, v))
class A {
  _x: unknown;
  constructor() {
    this._x = 1n;
  }
  getx(): unknown {
    return this._x;
  }
  setx(v: unknown): void {
    this._x = v;
  }
  get deco(): unknown {
    return 7n;
  }
  static x: Any = new property(methodFunction(A.prototype.getx), methodFunction(A.prototype.setx));
  static ro: Any = new property(methodFunction(A.prototype.getx), kw({ doc: "read only" }));
  static empty: Any = new property();
  static s: Any = new staticmethod((v: bigint) => v * 2n);
  static c: Any = new classmethod((cls: Any, v: unknown) => [cls.__name__, v]);
}
pyclass(A, "A");

describe("property objects on a class", () => {
  test("get, set and the missing accessors' errors", () => {
    const a: Any = new A();
    a.x = 5n;
    // a.x = 5; print(a.x, a.ro, a.deco)
    expect([a.x, a.ro, a.deco].map(repr).join(" ")).toBe("5 5 7");
    // a.ro = 1 / del a.ro / a.empty / a.deco = 1 / del a.x
    expect(raised(() => setattr(a, "ro", 1n))).toBe(
      `AttributeError("property 'ro' of 'A' object has no setter")`,
    );
    expect(raised(() => delattr(a, "ro"))).toBe(
      `AttributeError("property 'ro' of 'A' object has no deleter")`,
    );
    expect(raised(() => getattr(a, "empty"))).toBe(
      `AttributeError("property 'empty' of 'A' object has no getter")`,
    );
    expect(raised(() => setattr(a, "deco", 1n))).toBe(
      `AttributeError("property 'deco' of 'A' object has no setter")`,
    );
    expect(raised(() => delattr(a, "x"))).toBe(
      `AttributeError("property 'x' of 'A' object has no deleter")`,
    );
  });

  test("attributes of the property objects", () => {
    const P: Any = A;
    // print(A.x.fget.__name__, A.x.fdel, A.ro.__doc__, A.x.__name__, A.deco.__name__,
    //       type(A.deco).__name__)
    expect(
      [
        P.x.fget.__name__,
        P.x.fdel,
        P.ro.__doc__,
        P.x.__name__,
        getattr(P.deco, "__name__"),
        getattr(getattr(P.deco, "__class__"), "__name__"),
      ]
        .map((v) => (typeof v === "string" ? v : repr(v)))
        .join(" "),
    ).toBe("getx None read only x deco property");
    // A.x.fget = None
    expect(raised(() => setattr(P.x, "fget", null))).toBe(`AttributeError('readonly attribute')`);
    // property().__name__; property(1, 2, 3, 4, 5); property(foo=1)
    expect(raised(() => getattr(new property(), "__name__"))).toBe(
      `AttributeError("'property' object has no attribute '__name__'")`,
    );
    expect(raised(() => new property(1n, 2n, 3n, 4n, 5n))).toBe(
      `TypeError('property() takes at most 4 arguments (5 given)')`,
    );
    expect(raised(() => new property(kw({ foo: 1n })))).toBe(
      `TypeError("property() got an unexpected keyword argument 'foo'")`,
    );
  });

  test("staticmethod and classmethod", () => {
    const P: Any = A;
    const a: Any = new A();
    // print(A.s(2), a.s(3), A.c(4), a.c(5))
    expect([P.s(2n), a.s(3n), P.c(4n), a.c(5n)].map(repr).join(" ")).toBe("4 6 ['A', 4] ['A', 5]");
    // staticmethod()
    expect(raised(() => new staticmethod())).toBe(
      `TypeError('staticmethod expected 1 argument, got 0')`,
    );
  });
});
