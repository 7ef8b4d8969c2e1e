/**
 * Builtin type attributes (`int.from_bytes`, `str.lower`, `(5).real`), `collections.Counter` from
 * a list, `sys` attributes and `sys.stdin`, against outputs CPython 3.13.0 printed once for the
 * same code (the Python side is kept next to each case as a comment).
 */

import type * as fs from "node:fs";
import { bool, float, int, list, sorted, str } from "../../src/python/builtins";
import { Bytes } from "../../src/python/bytes";
import { kw } from "../../src/python/kw";
import { call, callMethod, contains, getattr } from "../../src/python/protocol";
import { repr } from "../../src/python/repr";
import { Counter } from "../../src/python/stdlib/collections";
import { lru_cache } from "../../src/python/stdlib/functools";
import { LogRecord } from "../../src/python/stdlib/logging";
import { sys } from "../../src/python/stdlib/sys";
import { Tuple } from "../../src/python/tuple";
import { raised } from "../helpers/raised";

type Any = any;

describe("builtin type objects", () => {
  test("int.from_bytes", () => {
    const fb = (int as Any).from_bytes;
    // print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff", "big", signed=True),
    //       int.from_bytes(b"\x01\x02", "little"), int.from_bytes(b"", "big"))
    expect(
      [
        fb(new Bytes(Uint8Array.from([1, 0])), "big"),
        fb(new Bytes(Uint8Array.from([255])), "big", kw({ signed: true })),
        fb(new Bytes(Uint8Array.from([1, 2])), "little"),
        fb(new Bytes(Uint8Array.from([])), "big"),
      ]
        .map(repr)
        .join(" "),
    ).toBe("256 -1 513 0");
    expect(raised(() => fb(new Bytes(Uint8Array.from([1])), "middle"))).toBe(
      `ValueError("byteorder must be either 'little' or 'big'")`,
    );
  });

  test("number data attributes", () => {
    // print((5).real, (5).imag, (5).numerator, (5).denominator, (2.5).real, (2.5).imag,
    //       True.real, True.denominator)
    const values = [
      getattr(5n, "real"),
      getattr(5n, "imag"),
      getattr(5n, "numerator"),
      getattr(5n, "denominator"),
      getattr(2.5, "real"),
      getattr(2.5, "imag"),
      getattr(true, "real"),
      getattr(true, "denominator"),
    ];
    expect(values.map((v) => str(v)).join(" ")).toBe("5 0 5 1 2.5 0.0 1 1");
    expect(raised(() => getattr(2.5, "numerator"))).toBe(
      `AttributeError("'float' object has no attribute 'numerator'")`,
    );
  });

  test("unbound methods of str, int, float and list", () => {
    // print(sorted(["b", "A", "a", "B"], key=str.lower), str.upper("x"),
    //       list(map(str.strip, [" a ", "b "])))
    const lower = getattr(str, "lower");
    expect(repr(sorted(["b", "A", "a", "B"], kw({ key: lower })))).toBe("['A', 'a', 'b', 'B']");
    expect(call(getattr(str, "upper"), "x")).toBe("X");
    expect(repr(list(["a ", " b"].map((s) => call(getattr(str, "strip"), s))))).toBe("['a', 'b']");
    // str.lower(1)
    expect(raised(() => call(lower, 1n))).toBe(
      `TypeError("descriptor 'lower' for 'str' objects doesn't apply to a 'int' object")`,
    );
    // print(str.lower.__qualname__, str.lower.__name__, int.bit_length(255), list.copy([1]),
    //       float.is_integer(2.0))
    expect(
      [
        getattr(lower, "__qualname__"),
        getattr(lower, "__name__"),
        call(getattr(int, "bit_length"), 255n),
        call(getattr(list, "copy"), [1n]),
        call(getattr(float, "is_integer"), 2.0),
      ]
        .map((v) => str(v))
        .join(" "),
    ).toBe("str.lower lower 8 [1] True");
    expect(call(getattr(int, "bit_length"), true)).toBe(1n);
    expect(getattr(bool, "__name__")).toBe("bool");
  });

  test("str.maketrans", () => {
    // print(str.maketrans(",;", "  "), "a,b;c".translate(str.maketrans(",;", "  ")))
    const table = (str as Any).maketrans(",;", "  ");
    expect(`${repr(table)} ${callMethod("a,b;c", "translate", table)}`).toBe(
      "{44: 32, 59: 32} a b c",
    );
    expect(repr(call(getattr(str, "maketrans"), ",", " "))).toBe("{44: 32}");
  });
});

describe("collections.Counter", () => {
  test("counts a list (not a mapping)", () => {
    // print(sorted(collections.Counter(["x", "y", "x"]).items()), collections.Counter({"a": 2}))
    const c = call(Counter, ["x", "y", "x"]);
    expect(repr(sorted(callMethod(c, "items")))).toBe("[('x', 2), ('y', 1)]");
  });
});

describe("sys", () => {
  test("attributes", () => {
    // print(type(sys.path).__name__, type(sys.builtin_module_names).__name__,
    //       "sys" in sys.builtin_module_names, sys.getdefaultencoding(),
    //       sys.getfilesystemencoding(), repr(sys.stdin))
    const s = sys as Any;
    expect(Array.isArray(s.path)).toBe(true);
    expect(contains(s.builtin_module_names, "sys")).toBe(true);
    expect(repr(s.builtin_module_names).startsWith("('_abc', '_ast', '_codecs',")).toBe(true);
    expect(`${s.getdefaultencoding()} ${s.getfilesystemencoding()} ${repr(s.stdin)}`).toBe(
      "utf-8 utf-8 <_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>",
    );
    expect(contains(s.modules, "sys")).toBe(true);
  });

  test("stdin: readline, readline(size), readlines, read, iteration", () => {
    // printf 'one\r\ntwo\rthree\nlast' | python3 -c "import sys; print(repr(sys.stdin.readline()),
    //   repr(sys.stdin.readline(2)), repr(sys.stdin.readline()), sys.stdin.readlines(),
    //   repr(sys.stdin.read()), repr(sys.stdin.readline()))"
    const chunks = [Buffer.from("one\r\ntw"), Buffer.from("o\rthree\nlast"), Buffer.alloc(0)];
    const spy = jest
      .spyOn(require("node:fs") as typeof fs, "readSync")
      .mockImplementation((fd: number, buf: Any): number => {
        expect(fd).toBe(0);
        const c = chunks.shift() ?? Buffer.alloc(0);
        c.copy(buf as Buffer);
        return c.length;
      });
    try {
      const stdin = (sys as Any).stdin;
      const out = [
        repr(stdin.readline()),
        repr(stdin.readline(2n)),
        repr(stdin.readline()),
        repr(stdin.readlines()),
        repr(stdin.read()),
        repr(stdin.readline()),
      ];
      expect(out.join(" ")).toBe("'one\\r\\n' 'tw' 'o\\rthree\\n' ['last'] '' ''");
      expect([...stdin]).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("JS errors as Python exceptions", () => {
  test("attribute access on None", () => {
    const { toPyException } = require("../../src/python/exceptions");
    const get = (o: Any) => o.attr;
    const put = (o: Any) => {
      o.x = 1;
    };
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return repr(toPyException(e));
      }
      return "no exception";
    };
    // None.attr ; setattr(None, "x", 1)
    expect(err(() => get(null))).toBe(
      `AttributeError("'NoneType' object has no attribute 'attr'")`,
    );
    expect(err(() => put(null))).toBe(
      `AttributeError("'NoneType' object has no attribute 'x' and no __dict__ for setting new attributes")`,
    );
  });
});

describe("support for transpiled code (lang.ts)", () => {
  const lang = require("../../src/python/lang");

  test("bind: values in parameter order, CPython's TypeErrors", () => {
    // def f(a, b=2, *, c): pass
    const sig = lang.signature("f", ["a", "b", "*", "c"], { b: 2n });
    expect(lang.bind(sig, [1n, kw({ c: 3n })])).toEqual([1n, 2n, 3n]);
    const bad = (args: unknown[]) => raised(() => lang.bind(sig, args));
    // f(1, 2, 3, c=1); f(c=1); f(1, a=1, c=1); f(1, c=1, z=1); f(1)
    expect(bad([1n, 2n, 3n, kw({ c: 1n })])).toBe(
      `TypeError('f() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given')`,
    );
    expect(bad([kw({ c: 1n })])).toBe(
      `TypeError("f() missing 1 required positional argument: 'a'")`,
    );
    expect(bad([1n, kw({ a: 1n, c: 1n })])).toBe(
      `TypeError("f() got multiple values for argument 'a'")`,
    );
    expect(bad([1n, kw({ c: 1n, z: 1n })])).toBe(
      `TypeError("f() got an unexpected keyword argument 'z'")`,
    );
    expect(bad([1n])).toBe(`TypeError("f() missing 1 required keyword-only argument: 'c'")`);
  });

  test("pyclass runs the base's __init_subclass__ (enums are finalized)", () => {
    const { Enum } = require("../../src/python/stdlib/enum");
    class Color extends Enum {
      static RED: Any = 1n;
      static GREEN: Any = 2n;
    }
    lang.pyclass(Color, "Color");
    // class Color(Enum): RED = 1; GREEN = 2
    // print(repr(Color.RED), Color.GREEN.name)
    expect(`${repr(Color.RED)} ${(Color.GREEN as Any).name}`).toBe("<Color.RED: 1> GREEN");
    // print(list(reversed(Color)))
    const { reversed } = require("../../src/python/builtins");
    expect(repr(list(reversed(Color)))).toBe("[<Color.GREEN: 2>, <Color.RED: 1>]");
  });
});

describe("logging.LogRecord", () => {
  // r = logging.LogRecord('n', logging.INFO, '/a/b.py', 7, 'm %s', (1,), None)
  // print(repr(r.getMessage()), r.filename, r.module, r.lineno, r.funcName, r.pathname)
  //   -> 'm 1' b.py b 7 None /a/b.py
  test("takes CPython's positional signature (name, level, pathname, lineno, msg, args, exc_info)", () => {
    const r = new LogRecord("n", 20n, "/a/b.py", 7n, "m %s", Tuple.of(1n), null);
    expect(
      [repr(r.getMessage()), r.filename, r.module, r.lineno, r.funcName, r.pathname].map((v) =>
        str(v),
      ),
    ).toEqual(["'m 1'", "b.py", "b", "7", "None", "/a/b.py"]);
  });
});

describe("functools.lru_cache", () => {
  test("maxsize=None is unbounded, not the default 128", () => {
    // from functools import lru_cache
    // f = lru_cache(maxsize=None)(lambda x: x)
    // for i in range(200): f(i)
    // print(f.cache_info())  # CacheInfo(hits=0, misses=200, maxsize=None, currsize=200)
    const f: Any = lru_cache(kw({ maxsize: null }))((x: unknown) => x);
    for (let i = 0n; i < 200n; i++) f(i);
    expect(repr(f.cache_info())).toBe("CacheInfo(hits=0, misses=200, maxsize=None, currsize=200)");
  });
});
