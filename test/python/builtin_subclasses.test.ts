// The runtime side of a program's `class R(dict)` / `class L(list)` (`DictSubclassBase` in
// src/python/dict.ts, `ListSubclassBase` in src/python/list.ts, `super()` past `dict`/`list` in
// mro.ts) and of subclasses of `collections.OrderedDict`/`defaultdict`: classes written the way
// the transpiler emits them. Expected strings were printed once by CPython 3.13.0 for the same
// program written in Python (kept next to each test); Python is never run at test time.
import * as $py from "../../src/python";
import { kw } from "../../src/python";

const r = (x: unknown) => $py.repr(x);
const error = (fn: () => unknown): string => {
  try {
    fn();
    return "no error";
  } catch (e) {
    const exc = $py.toPyException(e);
    return `${$py.typeOf(exc).name}: ${$py.str(exc)}`;
  }
};
const log: string[] = [];

// class Loud(dict):
//     def __setitem__(self, k, v):
//         print("set", k)
//         super().__setitem__(k, v)
//     def __missing__(self, k):
//         return k.upper()
class Loud extends $py.DictSubclassBase {
  override __setitem__(k: any, v: any): any {
    log.push(`set ${k}`);
    $py.super_(Loud, this).__setitem__(k, v);
    return null;
  }
  __missing__(k: any): any {
    return $py.callMethod(k, "upper");
  }
}
$py.pyclass(Loud, "Loud");

// class Deq(list):
//     def append(self, x):
//         print("append", x)
//         super().append(x)
class Deq extends $py.ListSubclassBase {
  override append(x: any): any {
    log.push(`append ${r(x)}`);
    $py.super_(Deq, this).append(x);
    return null;
  }
}
$py.pyclass(Deq, "Deq");

describe("dict subclasses", () => {
  beforeEach(() => {
    log.length = 0;
  });

  test("dict's own methods store without the overridden __setitem__; d[k] = v and fromkeys use it", () => {
    // d = Loud({"a": 1}, b=2); d.update({"c": 3}, e=5); d |= {"f": 6}; d["g"] = 7
    const d = new Loud($py.dict_of("a", 1n), kw({ b: 2n }));
    $py.callMethod(d, "update", $py.dict_of("c", 3n), kw({ e: 5n }));
    $py.inplace("|", d, $py.dict_of("f", 6n));
    $py.setitem(d, "g", 7n);
    // print(repr(d), d["zz"], d.get("zz"), type(d.copy()).__name__, type(d | {}).__name__,
    //       Loud.fromkeys("xy", 0))
    const line = [
      r(d),
      $py.str($py.getitem(d, "zz")),
      r($py.callMethod(d, "get", "zz")),
      $py.getattr($py.type($py.callMethod(d, "copy")), "__name__"),
      $py.getattr($py.type($py.or_(d, $py.dict_of())), "__name__"),
      r($py.callMethod(Loud, "fromkeys", "xy", 0n)),
    ].join(" ");
    expect(line).toBe(
      "{'a': 1, 'b': 2, 'c': 3, 'e': 5, 'f': 6, 'g': 7} ZZ None dict dict {'x': 0, 'y': 0}",
    );
    expect(log).toEqual(["set g", "set x", "set y"]);
  });

  test("type, MRO and iteration", () => {
    const d = new Loud(kw({ a: 1n, b: 2n }));
    // print(Loud.__mro__, Loud.__bases__, issubclass(Loud, dict), isinstance(d, Loud), [*d])
    expect(
      [
        r($py.getattr(Loud, "__mro__")),
        r($py.getattr(Loud, "__bases__")),
        r($py.issubclass(Loud, $py.dict)),
        r($py.isinstance(d, Loud)),
        r($py.toArray(d)),
        $py.typeName(d),
      ].join(" "),
    ).toBe(
      "(<class '__main__.Loud'>, <class 'dict'>, <class 'object'>) (<class 'dict'>,) True True ['a', 'b'] Loud",
    );
  });

  test("dict.__init__'s errors and instance attributes", () => {
    expect(error(() => new Loud(1n, 2n))).toBe(
      "TypeError: dict expected at most 1 argument, got 2",
    );
    expect(error(() => new Loud(5n))).toBe("TypeError: 'int' object is not iterable");
    const d = new Loud() as any;
    d.tag = 1n;
    // vars(d) for a dict subclass: its attributes, not the runtime Dict's fields
    expect(r($py.vars(d))).toBe("{'tag': 1}");
  });
});

describe("list subclasses", () => {
  beforeEach(() => {
    log.length = 0;
  });

  test("extend, += and sort do not call an overridden append; slices and * make lists", () => {
    // q = Deq([3, 1]); q.extend([2]); q += [0]; q.append(5); q.sort(reverse=True)
    let q: any = new Deq([3n, 1n]);
    $py.callMethod(q, "extend", [2n]);
    q = $py.inplace("+", q, [0n]);
    $py.callMethod(q, "append", 5n);
    $py.callMethod(q, "sort", kw({ reverse: true }));
    // print(q, type(q).__name__, type(q[:]).__name__, type(q * 2).__name__, list(q), q.pop(0))
    const line = [
      r(q),
      $py.typeName(q),
      $py.typeName($py.getslice(q, null, null, null)),
      $py.typeName($py.mul(q, 2n)),
      r($py.list(q)),
      r($py.callMethod(q, "pop", 0n)),
      r(q),
    ].join(" ");
    expect(line).toBe("[5, 3, 2, 1, 0] Deq list list [5, 3, 2, 1, 0] 5 [3, 2, 1, 0]");
    expect(log).toEqual(["append 5"]);
  });

  test("copy and deepcopy rebuild the subclass with append", () => {
    const q = new Deq([3n, 2n]);
    log.length = 0;
    // c = copy.copy(q); c2 = copy.deepcopy(q)
    const c = $py.copy.copy(q);
    const c2 = $py.copy.deepcopy(q);
    expect(`${$py.typeName(c)} ${r(c)} ${$py.typeName(c2)} ${r(c2)}`).toBe("Deq [3, 2] Deq [3, 2]");
    expect(log).toEqual(["append 3", "append 2", "append 3", "append 2"]);
  });

  test("instance attributes, vars, the MRO and list.__init__'s errors", () => {
    const q = new Deq() as any;
    $py.setattr(q, "tag", 1n);
    expect(`${r($py.vars(q))} ${r($py.getattr(Deq, "__mro__"))}`).toBe(
      "{'tag': 1} (<class '__main__.Deq'>, <class 'list'>, <class 'object'>)",
    );
    expect(r($py.issubclass(Deq, $py.list))).toBe("True");
    expect(error(() => new Deq(1n, 2n))).toBe("TypeError: list expected at most 1 argument, got 2");
    expect(error(() => new Deq(kw({ x: 1n })))).toBe(
      "TypeError: list() takes no keyword arguments",
    );
    expect(error(() => $py.vars([1n]))).toBe(
      "TypeError: vars() argument must have __dict__ attribute",
    );
    expect(error(() => $py.hash(q))).toBe("TypeError: unhashable type: 'Deq'");
  });

  test("plain lists keep their method table", () => {
    const xs: unknown[] = [1n];
    $py.callMethod(xs, "append", 2n);
    expect(`${r(xs)} ${$py.typeName(xs)}`).toBe("[1, 2] list");
  });
});

// class LRU(OrderedDict):
//     def __setitem__(self, k, v):
//         super().__setitem__(k, v)
//         self.move_to_end(k)
class LRU extends $py.collections.OrderedDict {
  override __setitem__(k: any, v: any): any {
    $py.super_(LRU, this).__setitem__(k, v);
    this.move_to_end(k);
    return null;
  }
}
$py.pyclass(LRU, "LRU");
// class Groups(defaultdict): pass
class Groups extends $py.collections.defaultdict {}
$py.pyclass(Groups, "Groups");

describe("subclasses of OrderedDict and defaultdict", () => {
  test("move_to_end does not re-enter an overridden __setitem__", () => {
    // l = LRU([("a", 1), ("b", 2)]); l["a"] = 3; g = Groups(list); g["x"].append(1)
    const l = new LRU([$py.tuple_of("a", 1n), $py.tuple_of("b", 2n)]);
    $py.setitem(l, "a", 3n);
    const g = new Groups($py.list);
    $py.callMethod($py.getitem(g, "x"), "append", 1n);
    expect(`${r(l)} ${r($py.list(l))} ${r(g)} ${r($py.isinstance(g, $py.dict))}`).toBe(
      "LRU({'b': 2, 'a': 3}) ['b', 'a'] Groups(<class 'list'>, {'x': [1]}) True",
    );
  });
});
