// Expected strings were produced once by CPython 3.13.0 (traceback.format_exception etc.).
import * as $py from "../../src/python";

describe("exception groups", () => {
  const eg = () =>
    new $py.ExceptionGroup("msg", [
      new $py.ValueError("a"),
      new $py.ExceptionGroup("inner", [new $py.TypeError("b")]),
    ]);

  test("an unraised group prints CPython's box drawing without a header", () => {
    expect($py.formatException(eg())).toBe(
      "  | ExceptionGroup: msg (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | ValueError: a\n    +---------------- 2 ----------------\n    | ExceptionGroup: inner (1 sub-exception)\n    +-+---------------- 1 ----------------\n      | TypeError: b\n      +------------------------------------\n",
    );
  });

  test("bad constructor arguments raise CPython's errors and messages", () => {
    const cases: unknown[][] = [
      [1n, [new $py.ValueError()]],
      ["m", new $py.ValueError()],
      ["m", []],
      ["m", [1n]],
      ["m"],
      ["m", [new $py.ValueError()], 3n],
      ["m", [new $py.KeyboardInterrupt()]],
    ];
    const seen = cases.map((args) => {
      try {
        new $py.ExceptionGroup(...args);
      } catch (e) {
        return `${$py.typeName(e)} ${$py.str(e)}`;
      }
      return "no error";
    });
    expect(seen).toEqual([
      "TypeError BaseExceptionGroup.__new__() argument 1 must be str, not int",
      "TypeError second argument (exceptions) must be a sequence",
      "ValueError second argument (exceptions) must be a non-empty sequence",
      "ValueError Item 0 of second argument (exceptions) is not an exception",
      "TypeError BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)",
      "TypeError BaseExceptionGroup.__new__() takes exactly 2 arguments (3 given)",
      "TypeError Cannot nest BaseExceptions in an ExceptionGroup",
    ]);
  });

  test("a raised group gets the Exception Group Traceback header", () => {
    expect($py.formatException($py.markRaised(eg()))).toMatch(
      /^ {2}\+ Exception Group Traceback \(most recent call last\):\n {2}\| ExceptionGroup: msg/,
    );
  });

  test("split and subgroup keep the nesting", () => {
    const [m, r] = eg().split($py.TypeError).items;
    expect($py.repr(m)).toBe("ExceptionGroup('msg', [ExceptionGroup('inner', [TypeError('b')])])");
    expect($py.repr(r)).toBe("ExceptionGroup('msg', [ValueError('a')])");
    expect($py.repr(eg().subgroup((e: unknown) => e instanceof $py.ValueError))).toBe(
      "ExceptionGroup('msg', [ValueError('a')])",
    );
  });

  test("BaseExceptionGroup of Exceptions is an ExceptionGroup, which is an Exception", () => {
    const g = new $py.BaseExceptionGroup("m", [new $py.ValueError()]);
    expect($py.typeName(g)).toBe("ExceptionGroup");
    expect(g instanceof $py.Exception).toBe(true);
    expect($py.issubclass($py.ExceptionGroup, $py.Exception)).toBe(true);
    expect($py.str(new $py.ExceptionGroup("one", [new $py.ValueError()]))).toBe(
      "one (1 sub-exception)",
    );
  });
});

describe("tracebacks", () => {
  test("chained exceptions print cause first with CPython's separator", () => {
    const cause = $py.markRaised(new $py.ValueError("boom"));
    const exc = $py.markRaised($py.withCause(new $py.KeyError("k"), cause));
    expect($py.formatException(exc)).toBe(
      "Traceback (most recent call last):\nValueError: boom\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\nKeyError: 'k'\n",
    );
  });

  test("notes follow the final line", () => {
    const e = new $py.ValueError("x");
    e.add_note("note 1");
    expect($py.formatException(e)).toBe("ValueError: x\nnote 1\n");
  });

  test("JS errors map to Python exceptions", () => {
    const rec = (): number => rec() + 1;
    let caught: unknown;
    try {
      rec();
    } catch (e) {
      caught = $py.toPyException(e);
    }
    expect(caught).toBeInstanceOf($py.RecursionError);
    expect($py.toPyException(new TypeError("x is not a function"))).toBeInstanceOf($py.TypeError);
  });
});

describe("heapq", () => {
  test("push/pop/heapify follow CPython's sift order", () => {
    const h: bigint[] = [];
    for (const x of [5n, 1n, 8n, 3n, 1n, 9n, 2n]) $py.heapq.heappush(h, x);
    const popped = [$py.heapq.heappop(h), $py.heapq.heappop(h), $py.heapq.heappop(h)];
    expect($py.repr([popped, h])).toBe("[[1, 1, 2], [3, 5, 9, 8]]");
    const x = [9n, 4n, 7n, 1n, 0n, 3n];
    $py.heapq.heapify(x);
    expect($py.repr(x)).toBe("[0, 1, 3, 9, 4, 7]");
    expect($py.repr($py.heapq.nlargest(3n, [1n, 5n, 2n, 8n, 3n]))).toBe("[8, 5, 3]");
    expect($py.repr($py.heapq.nsmallest(2n, "hello"))).toBe("['e', 'h']");
  });

  test("a custom less-than drives the timer heap", () => {
    const h: [number, number][] = [];
    const lt = (a: [number, number], b: [number, number]) => a[0] < b[0];
    for (const t of [3, 1, 2, 1]) $py.heapq.heappush(h, [t, h.length], lt);
    expect([1, 2, 3, 4].map(() => $py.heapq.heappop(h, lt)[0])).toEqual([1, 1, 2, 3]);
  });
});

describe("print", () => {
  test("writes str() of each argument with sep and end to the file object", () => {
    const out = new $py.StringIO();
    $py.print(1n, 2.0, "x", null, $py.kw({ sep: "-", end: "!\n", file: out }));
    expect(out.getvalue()).toBe("1-2.0-x-None!\n");
  });
});
