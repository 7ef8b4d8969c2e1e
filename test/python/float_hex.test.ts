/**
 * `float.fromhex` and `float.hex` against CPython 3.13.0 (expected values printed by CPython:
 * `repr(float.fromhex(s))`, or `!Type: message` for the exception it raises; `x.hex()`).
 */
import * as $py from "../../src/python";

/** The repr of what `f` returns, or `!Type: message` for the Python exception it raises. */
function outcome(f: () => unknown): string {
  try {
    return $py.repr(f());
  } catch (e) {
    const exc = $py.toPyException(e);
    return `!${$py.typeName(exc)}: ${$py.str(exc)}`;
  }
}

const fromhex = (...args: unknown[]) => $py.call($py.getattr($py.float, "fromhex"), ...args);

const FROMHEX: [string, string][] = [
  ["0x1.8p1", "3.0"],
  ["  0x1.8p1  ", "3.0"],
  ["-0X1P-2", "-0.25"],
  ["1", "1.0"],
  ["a", "10.0"],
  [".8", "0.5"],
  ["8.", "8.0"],
  ["0x.8", "0.5"],
  ["0x1p", "!ValueError: invalid hexadecimal floating-point string"],
  ["p1", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x", "!ValueError: invalid hexadecimal floating-point string"],
  ["", "!ValueError: invalid hexadecimal floating-point string"],
  [" ", "!ValueError: invalid hexadecimal floating-point string"],
  ["inf", "inf"],
  ["-Infinity", "-inf"],
  ["nan", "nan"],
  ["-nan", "nan"],
  [" +inf ", "inf"],
  ["infi", "!ValueError: invalid hexadecimal floating-point string"],
  [
    "0x1.fffffffffffff8p1023",
    "!OverflowError: hexadecimal value too large to represent as a float",
  ],
  ["0x1.fffffffffffff7p1023", "1.7976931348623157e+308"],
  ["0x1p1024", "!OverflowError: hexadecimal value too large to represent as a float"],
  ["0x1p-1074", "5e-324"],
  ["0x1p-1075", "0.0"],
  ["0x1.8p-1075", "5e-324"],
  ["0x3p-1076", "5e-324"],
  ["0x0p99999999999999999999", "0.0"],
  ["0x1p-99999999999999999999", "0.0"],
  [
    "0x1p99999999999999999999",
    "!OverflowError: hexadecimal value too large to represent as a float",
  ],
  ["0x1.00000000000008p0", "1.0"],
  ["0x1.00000000000018p0", "1.0000000000000004"],
  ["0x1.000000000000081p0", "1.0000000000000002"],
  ["1_0", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x1_0", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x1.p0", "1.0"],
  ["0x.p0", "!ValueError: invalid hexadecimal floating-point string"],
  ["1e1", "481.0"],
  ["0x1P+3", "8.0"],
  ["0x1p+-3", "!ValueError: invalid hexadecimal floating-point string"],
  ["\t0x1\n", "1.0"],
  ["0x1\u0000", "!ValueError: invalid hexadecimal floating-point string"],
  ["\u0661", "!ValueError: invalid hexadecimal floating-point string"],
  ["0xg", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x1.8p1 x", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x00000000000000000000000000000000000000001p0", "1.0"],
  [
    "0x1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000p0",
    "!OverflowError: hexadecimal value too large to represent as a float",
  ],
  [
    "0x0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001p0",
    "0.0",
  ],
  ["0x1.0000000000000000000000000000000000001p0", "1.0"],
  [
    "0x1.fffffffffffffffffffffp1023",
    "!OverflowError: hexadecimal value too large to represent as a float",
  ],
  ["0x0.0000000000001p-1022", "5e-324"],
  ["0x1.ffffffffffffep-1023", "2.225073858507201e-308"],
  ["-0x0p0", "-0.0"],
  ["-0x0.0p-5", "-0.0"],
  [" \u3000 0x1 ", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x1\u00a0", "!ValueError: invalid hexadecimal floating-point string"],
  ["0x1.ffffffffffffffp-1023", "2.2250738585072014e-308"],
  ["0x1.fffffffffffff8p-1023", "2.2250738585072014e-308"],
];

const HEX: [string, string][] = [
  ["5e-324", "0x0.0000000000001p-1022"],
  ["1e-310", "0x0.012688b70e62bp-1022"],
  ["2.2250738585072014e-308", "0x1.0000000000000p-1022"],
  ["0.1", "0x1.999999999999ap-4"],
  ["-1.5", "-0x1.8000000000000p+0"],
  ["1e+300", "0x1.7e43c8800759cp+996"],
  ["0.0", "0x0.0p+0"],
  ["-0.0", "-0x0.0p+0"],
  ["1.7976931348623157e+308", "0x1.fffffffffffffp+1023"],
  ["inf", "inf"],
  ["nan", "nan"],
  ["3.0", "0x1.8000000000000p+1"],
  ["8.691694759794e-311", "0x0.0100000000000p-1022"],
];

test.each(FROMHEX)("float.fromhex(%j) is CPython's", (s, expected) => {
  expect(outcome(() => fromhex(s))).toBe(expected);
});

test.each(HEX)("(%s).hex() is CPython's, and float.fromhex reads it back", (x, expected) => {
  const value = $py.float(x) as number;
  expect($py.callMethod(value, "hex")).toBe(expected);
  expect(outcome(() => fromhex(expected))).toBe(x);
});

test("fromhex takes one positional str; it is also reachable through a float", () => {
  expect(outcome(() => fromhex())).toBe(
    "!TypeError: float.fromhex() takes exactly one argument (0 given)",
  );
  expect(outcome(() => fromhex("1", "2"))).toBe(
    "!TypeError: float.fromhex() takes exactly one argument (2 given)",
  );
  expect(outcome(() => fromhex($py.kw({ string: "1" })))).toBe(
    "!TypeError: float.fromhex() takes no keyword arguments",
  );
  expect(outcome(() => fromhex(1n))).toBe("!TypeError: bad argument type for built-in operation");
  expect(outcome(() => $py.callMethod(1.5, "fromhex", "0x1p-1"))).toBe("0.5");
});
