// The runtime side of `typing.NamedTuple` and `typing.TypedDict` classes (src/python/stdlib/
// typing.ts, the namedtuple helpers of stdlib/collections.ts): classes written the way the
// transpiler emits them. Expected strings were printed once by CPython 3.13.0 for the same
// program written in Python (see each test); Python is never run at test time.
import * as $py from "../../src/python";
import { kw } from "../../src/python";

const { typing, collections } = $py;
const r = (x: unknown) => $py.repr(x);
const T = (...xs: unknown[]) => $py.tuple_of(...xs);
const error = (fn: () => unknown): string => {
  try {
    fn();
    return "no error";
  } catch (e) {
    const exc = $py.toPyException(e);
    return `${$py.typeOf(exc).name}: ${$py.str(exc)}`;
  }
};

// class P(NamedTuple):
//     x: int
//     y: int = 0
//     def norm(self): return self.x * self.x + self.y * self.y
class P extends typing.NamedTuple {
  static [name: string]: any;
  static __annotations__: any = { x: "int", y: "int" };
  static y: any = 0n;
  norm(): any {
    const self = this as any;
    return $py.add($py.mul(self.x, self.x), $py.mul(self.y, self.y));
  }
}
$py.pyclass(P, "P");
// class R(P): pass
class R extends P {
  static [name: string]: any;
}
$py.pyclass(R, "R");

describe("typing.NamedTuple classes", () => {
  const p = new P(3n, 4n);

  test("fields, defaults, methods and the class's attributes", () => {
    expect(r(p)).toBe("P(x=3, y=4)");
    expect(
      r(
        T(
          p.norm(),
          P._fields,
          P._field_defaults,
          P.__match_args__,
          $py.getattr(P, "__bases__"),
          $py.getattr(P, "__mro__"),
        ),
      ),
    ).toBe(
      "(25, ('x', 'y'), {'y': 0}, ('x', 'y'), (<class 'tuple'>,), (<class '__main__.P'>, <class 'tuple'>, <class 'object'>))",
    );
    expect(r(P.x)).toBe("_tuplegetter(0, 'Alias for field number 0')");
  });

  test("construction, _replace, _asdict, _make and tuple operators", () => {
    expect(
      r(
        T(
          new P(1n),
          new P(1n, kw({ y: 2n })),
          (p as any)._replace(kw({ x: 0n })),
          (p as any)._asdict(),
          P._make([5n, 6n]),
          $py.add(p, T(1n)),
          $py.mul(p, 2n),
          $py.mul(2n, p),
        ),
      ),
    ).toBe(
      "(P(x=1, y=0), P(x=1, y=2), P(x=0, y=4), {'x': 3, 'y': 4}, P(x=5, y=6), (3, 4, 1), (3, 4, 3, 4), (3, 4, 3, 4))",
    );
  });

  test("CPython's TypeErrors for missing and extra arguments", () => {
    expect(error(() => new P())).toBe(
      "TypeError: P.__new__() missing 1 required positional argument: 'x'",
    );
    expect(error(() => new P(1n, 2n, 3n))).toBe(
      "TypeError: P.__new__() takes from 2 to 3 positional arguments but 4 were given",
    );
  });

  test("a subclass is an ordinary class over the namedtuple", () => {
    const x = new R(1n, 2n);
    expect(
      r(T(x, $py.getattr(R, "__mro__"), $py.typeOf((new R(1n) as any)._replace(kw({ y: 3n }))))),
    ).toBe(
      "(R(x=1, y=2), (<class '__main__.R'>, <class '__main__.P'>, <class 'tuple'>, <class 'object'>), <class '__main__.R'>)",
    );
  });

  test("issubclass of tuple; namedtuple() classes concatenate to plain tuples", () => {
    const N = collections.namedtuple("N", "a b");
    expect(
      r(
        T(
          $py.issubclass(N, $py.tuple),
          $py.issubclass(P, $py.tuple),
          $py.add(N(1n, 2n), T(3n)),
          $py.issubclass(P, $py.dict),
        ),
      ),
    ).toBe("(True, True, (1, 2, 3), False)");
  });

  test("the functional form", () => {
    const E = (typing.NamedTuple as any)("E", [T("a", $py.int)]);
    expect(r(T(E(1n), E._fields))).toBe("(E(a=1), ('a',))");
  });
});

describe("typing.TypedDict classes", () => {
  // class TD(TypedDict, total=False):
  //     a: int
  //     b: Required[int]
  class TD extends typing.TypedDict {
    static [name: string]: any;
    static __annotations__: any = { a: "int", b: "Required[int]" };
    static __total__ = false;
  }
  $py.pyclass(TD, "TD");

  test("instances are plain dicts; keys and MRO", () => {
    const t = new TD(kw({ a: 1n }));
    expect(
      r(
        T(
          t,
          $py.typeOf(t),
          TD.__total__,
          $py.sorted(TD.__required_keys__),
          $py.sorted(TD.__optional_keys__),
          $py.getattr(TD, "__mro__"),
          $py.issubclass(TD, $py.dict),
        ),
      ),
    ).toBe(
      "({'a': 1}, <class 'dict'>, False, ['b'], ['a'], (<class '__main__.TD'>, <class 'dict'>, <class 'object'>), True)",
    );
  });

  test("isinstance raises CPython's TypeError", () => {
    expect(error(() => $py.isinstance($py.dict_of("a", 1n), TD))).toBe(
      "TypeError: TypedDict does not support instance and class checks",
    );
  });

  test("the functional form", () => {
    const T2 = (typing.TypedDict as any)("T2", $py.dict_of("k", $py.str));
    expect(
      r(T(new T2(kw({ k: "v" })), $py.getattr(T2, "__mro__"), $py.sorted(T2.__required_keys__))),
    ).toBe("({'k': 'v'}, (<class '__main__.T2'>, <class 'dict'>, <class 'object'>), ['k'])");
  });
});
