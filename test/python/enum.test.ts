/**
 * `enum` members that are real ints and strs, the functional API, `_ignore_`/`_order_`, a user
 * `__new__`, `__init__` on lookup and Flag boundaries, against what CPython 3.13.0 printed for the
 * same calls (the Python is kept next to each case as a comment; expected strings are literal).
 */

import { int, isinstance, issubclass, sorted, str as strType } from "../../src/python/builtins";
import { Dict } from "../../src/python/dict";
import { format, percentFormat } from "../../src/python/format";
import { hash } from "../../src/python/hash";
import { kw } from "../../src/python/kw";
import { add, invert } from "../../src/python/operators";
import { call, callMethod, contains, getitem, hasattr, toArray } from "../../src/python/protocol";
import { repr, str } from "../../src/python/repr";
import { set_of } from "../../src/python/set";
import * as enum_ from "../../src/python/stdlib/enum";
import * as json from "../../src/python/stdlib/json";
import { Tuple } from "../../src/python/tuple";
import { typeName } from "../../src/python/types";
import { pyclass } from "../helpers/pyclass";

type Any = any;

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${typeName(e)}: ${str(e)}`;
  }
  return "no error";
}

describe("IntEnum and StrEnum members are ints and strs", () => {
  class I extends enum_.IntEnum {
    static A: Any = 1n;
    static B: Any = 2n;
  }
  pyclass(I, "I");
  const A = (I as Any).A;
  const B = (I as Any).B;

  test("isinstance, dict/set keys both ways, sorting, indexing, formatting, json", () => {
    // print(isinstance(I.A, int), issubclass(I, int), isinstance(I.A, str), type(I.A + 1).__name__, I.A + 1)
    expect(
      [
        isinstance(A, int),
        issubclass(I, int),
        isinstance(A, strType),
        typeName(add(A, 1n)),
        add(A, 1n),
      ].map((x) => str(x)),
    ).toEqual(["True", "True", "False", "int", "2"]);
    // d = {I.A: "a"}; print(d[1], {1: "x"}[I.B - 1], repr({1: "x"}[I.A]), I.A in {1}, 1 in {I.A}, repr(d))
    const d = new Dict([[A, "a"]]);
    const one = new Dict<unknown, unknown>([[1n, "x"]]);
    expect(
      [
        d.__getitem__(1n),
        one.__getitem__(add(B, -1n)),
        repr(one.__getitem__(A)),
        contains(set_of(1n), A),
        contains(set_of(A), 1n),
        repr(d),
      ].map((x) => str(x)),
    ).toEqual(["a", "x", "'x'", "True", "True", "{<I.A: 1>: 'a'}"]);
    // print(repr(sorted([3, I.B, 0, I.A])), [10, 20, 30][I.B], str(I.A), repr(I.A), format(I.B, "03d"), "%d" % I.B)
    expect(
      [
        repr(sorted([3n, B, 0n, A])),
        str(getitem([10n, 20n, 30n], B)),
        str(A),
        repr(A),
        format(B, "03d"),
        percentFormat("%d", B),
      ].join(" "),
    ).toBe("[0, <I.A: 1>, <I.B: 2>, 3] 30 1 <I.A: 1> 002 2");
    // print(json.dumps({"k": I.A, I.B: [I.A]}), hash(I.B) == hash(2))
    expect(
      json.dumps(
        new Dict<unknown, unknown>([
          ["k", A],
          [B, [A]],
        ]),
      ),
    ).toBe('{"k": 1, "2": [1]}');
    expect(hash(B)).toBe(hash(2n));
    expect(str(int(A))).toBe("1");
  });

  test("StrEnum members have every str method, returning plain strs", () => {
    class S extends enum_.StrEnum {
      static X: Any = new enum_.auto();
      static Y: Any = "why";
    }
    pyclass(S, "S");
    const X = (S as Any).X;
    const Y = (S as Any).Y;
    // print(isinstance(S.X, str), issubclass(S, str), S.Y.upper(), type(S.Y.upper()).__name__,
    //       "-".join([S.X, S.Y]), "h" in S.Y, S.Y in "a why")
    expect(
      [
        isinstance(X, strType),
        issubclass(S, strType),
        callMethod(Y, "upper"),
        typeName(callMethod(Y, "upper")),
        callMethod("-", "join", [X, Y]),
        contains(Y, "h"),
        contains("a why", Y),
      ].map((x) => str(x)),
    ).toEqual(["True", "True", "WHY", "str", "x-why", "True", "True"]);
    // print({S.X: 1}["x"], {"why": 2}[S.Y], "why".startswith(S.Y), S.X + "!", str(S.X), repr(S.X))
    expect(
      [
        new Dict([[X, 1n]]).__getitem__("x"),
        new Dict([["why", 2n]]).__getitem__(Y),
        callMethod("why", "startswith", Y),
        add(X, "!"),
        str(X),
        repr(X),
      ].map((x) => str(x)),
    ).toEqual(["1", "2", "True", "x!", "x", "<S.X: 'x'>"]);
  });
});

describe("functional API, _ignore_, _order_, __new__, __init__", () => {
  test("Enum(name, names) in its string, list, pair and mapping forms", () => {
    // C = Enum("C", "RED GREEN"); print(repr(list(C)), C(2), C.__name__)
    const C = call(enum_.Enum, "C", "RED GREEN") as Any;
    expect([repr(toArray(C)), str(call(C, 2n)), C.__name__].join(" ")).toBe(
      "[<C.RED: 1>, <C.GREEN: 2>] C.GREEN C",
    );
    // N = IntEnum("N", [("ONE", 1), ("TWO", 2)]); print(N.TWO + 1, repr(N.ONE))
    const N = call(enum_.IntEnum, "N", [new Tuple(["ONE", 1n]), new Tuple(["TWO", 2n])]) as Any;
    expect(`${str(add(N.TWO, 1n))} ${repr(N.ONE)}`).toBe("3 <N.ONE: 1>");
    // D = Enum("D", {"a": "x"}, start=5); E = Enum("E", "P, Q", start=5)
    const D = call(enum_.Enum, "D", new Dict([["a", "x"]]), kw({ start: 5n })) as Any;
    const E = call(enum_.Enum, "E", "P, Q", kw({ start: 5n })) as Any;
    expect(`${repr(toArray(D))} ${repr(toArray(E))}`).toBe("[<D.a: 'x'>] [<E.P: 5>, <E.Q: 6>]");
    // Enum("X") -> TypeError
    expect(err(() => call(enum_.Enum, "X"))).toBe(
      "TypeError: <enum 'Enum'> has no members; specify `names=()` if you meant to create a new, empty, enum",
    );
  });

  test("_order_ is checked and _ignore_ names are dropped", () => {
    class O extends enum_.Enum {
      static _order_: Any = "B A";
      static A: Any = 1n;
      static B: Any = 2n;
    }
    expect(err(() => pyclass(O, "O"))).toBe(
      "TypeError: member order does not match _order_:\n  ['A', 'B']\n  ['B', 'A']",
    );
    class G extends enum_.Enum {
      static _ignore_: Any = "tmp";
      static tmp: Any = 1n;
      static A: Any = 2n;
    }
    pyclass(G, "G");
    // print(repr(list(G)), hasattr(G, "tmp"))
    expect(`${repr(toArray(G))} ${str(hasattr(G, "tmp"))}`).toBe("[<G.A: 2>] False");
  });

  test("a user __new__ sets _value_; __init__ runs once per member, not on lookup", () => {
    const inits: string[] = [];
    class L extends enum_.Enum {
      declare label: Any;
      // The transpiled form of `def __new__(cls, value, label)`: `this` is the class.
      __new__(this: Any, value: Any, label: Any): Any {
        const obj = (Object as Any).create(this.prototype);
        obj._value_ = value;
        obj.label = label;
        return obj;
      }
      static A: Any = new Tuple([1n, "one"]);
    }
    pyclass(L, "L");
    expect(`${(L as Any).A.label} ${repr(call(L, 1n))}`).toBe("one <L.A: 1>");
    class P extends enum_.Enum {
      declare mass: Any;
      // The transpiled constructor of a class defining `__init__`.
      constructor(...args: Any[]) {
        super(...args);
        (this as Any).__init__(...args);
      }
      static EARTH: Any = new Tuple([5.976e24, 6378140.0]);
      override __init__(mass: Any, _radius: Any): null {
        inits.push(`init ${repr(mass)}`);
        this.mass = mass;
        return null;
      }
    }
    pyclass(P, "P");
    const earth = call(P, new Tuple([5.976e24, 6378140.0])) as Any;
    expect([earth === (P as Any).EARTH, repr(earth.mass), ...inits]).toEqual([
      true,
      "5.976e+24",
      "init 5.976e+24",
    ]);
  });
});

describe("Flag boundaries", () => {
  test("STRICT, KEEP and CONFORM as CPython 3.13, with Flag and IntFlag defaults", () => {
    const F = call(enum_.Flag, "F", "A B C") as Any;
    expect(err(() => call(F, 8n))).toBe(
      "ValueError: <flag 'F'> invalid value 8\n    given 0b0 1000\n  allowed 0b0 0111",
    );
    // print(repr(F(5)), repr(~F.A), repr(F(0)))
    expect([repr(call(F, 5n)), repr(invert(F.A)), repr(call(F, 0n))].join(" ")).toBe(
      "<F.A|C: 5> <F.B|C: 6> <F: 0>",
    );
    const K = call(enum_.Flag, "K", "A B", kw({ boundary: enum_.KEEP })) as Any;
    expect(`${repr(call(K, 12n))} ${str(call(K, 12n))}`).toBe("<K: 12> K(12)");
    const CF = call(enum_.Flag, "CF", "A B", kw({ boundary: enum_.CONFORM })) as Any;
    expect(repr(call(CF, 7n))).toBe("<CF.A|B: 3>");
    class P extends enum_.IntFlag {
      static R: Any = 4n;
      static W: Any = 2n;
    }
    pyclass(P, "P");
    // print(repr(P(9)), repr(~P.R), P.R + 1, repr(P.R | 1), P._boundary_, F._boundary_)
    expect(
      [
        repr(call(P, 9n)),
        repr(invert((P as Any).R)),
        str(add((P as Any).R, 1n)),
        repr(callMethod((P as Any).R, "__or__", 1n)),
        str((P as Any)._boundary_),
        str(F._boundary_),
      ].join(" "),
    ).toBe("<P: 9> <P.W|1: 3> 5 <P.R|1: 5> keep strict");
  });
});
