/**
 * `statistics` against what CPython 3.13.0 printed for the same calls (the Python call is next to
 * each case; expected values are literal, Python is not run at test time). Results are compared
 * through `repr`, so an int where CPython gives an int, and a float's last bit, both count.
 */

import { TypeError as PyTypeError, ValueError } from "../../src/python/exceptions";
import { kw } from "../../src/python/kw";
import { repr, str } from "../../src/python/repr";
import * as st from "../../src/python/stdlib/statistics";
import { catchSync } from "../helpers/raised";

const r = (v: unknown) => repr(v);

const data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5];

describe("exact means, rounded once, typed like the data", () => {
  test.each([
    ["mean([1, 2, 3, 4, 4])", () => st.mean([1n, 2n, 3n, 4n, 4n]), "2.8"],
    ["mean([1, 2, 3])", () => st.mean([1n, 2n, 3n]), "2"],
    ["mean([1, 2])", () => st.mean([1n, 2n]), "1.5"],
    ["mean([0.1, 0.2, 0.3])", () => st.mean([0.1, 0.2, 0.3]), "0.2"],
    ["mean(data)", () => st.mean(data), "1.6071428571428572"],
    ["mean([True, True])", () => st.mean([true, true]), "1"],
    ["mean([1e308, 1e308])", () => st.mean([1e308, 1e308]), "1e+308"],
    ["mean([inf, -inf])", () => st.mean([Infinity, -Infinity]), "nan"],
    [
      "fmean([1, 2, 3], weights=[0.25, 0.25, 0.5])",
      () => st.fmean([1n, 2n, 3n], kw({ weights: [0.25, 0.25, 0.5] })),
      "2.25",
    ],
    ["fmean([1, 2], [3, 4])", () => st.fmean([1n, 2n], [3n, 4n]), "1.5714285714285714"],
    [
      "geometric_mean([54, 24, 36])",
      () => st.geometric_mean([54n, 24n, 36n]),
      "36.000000000000014",
    ],
    ["geometric_mean([1, 0, 3])", () => st.geometric_mean([1n, 0n, 3n]), "0.0"],
    [
      "harmonic_mean([40, 60], weights=[5, 30])",
      () => st.harmonic_mean([40n, 60n], kw({ weights: [5n, 30n] })),
      "56.0",
    ],
    ["harmonic_mean([2, 0])", () => st.harmonic_mean([2n, 0n]), "0"],
    ["harmonic_mean([5])", () => st.harmonic_mean([5n]), "5"],
  ])("%s", (_, f, expected) => expect(r(f())).toBe(expected));
});

describe("medians, modes and quantiles", () => {
  test.each([
    ["median([1, 3, 5, 7])", () => st.median([1n, 3n, 5n, 7n]), "4.0"],
    ["median([1.5, 2])", () => st.median([1.5, 2n]), "1.75"],
    ["median_low([1, 3, 5, 7])", () => st.median_low([1n, 3n, 5n, 7n]), "3"],
    ["median_high([1, 3, 5, 7])", () => st.median_high([1n, 3n, 5n, 7n]), "5"],
    [
      "median_grouped([1, 3, 3, 5, 7], interval=2)",
      () => st.median_grouped([1n, 3n, 3n, 5n, 7n], kw({ interval: 2n })),
      "3.5",
    ],
    [
      "median_grouped([1, 2, 2, 3, 4, 4, 4, 4, 4, 5])",
      () => st.median_grouped([1n, 2n, 2n, 3n, 4n, 4n, 4n, 4n, 4n, 5n]),
      "3.7",
    ],
    [
      "mode(['red', 'blue', 'blue', 'red', 'green'])",
      () => st.mode(["red", "blue", "blue", "red", "green"]),
      "'red'",
    ],
    ["mode([1, 1.0, True, 2])", () => st.mode([1n, 1.0, true, 2n]), "1"],
    [
      "multimode('aabbbbccddddeeffffgg')",
      () => st.multimode("aabbbbccddddeeffffgg"),
      "['b', 'd', 'f']",
    ],
    [
      "quantiles([1, 2, 3, 4], method='inclusive')",
      () => st.quantiles([1n, 2n, 3n, 4n], kw({ method: "inclusive" })),
      "[1.75, 2.5, 3.25]",
    ],
    ["quantiles([1.5, 2, 10])", () => st.quantiles([1.5, 2n, 10n]), "[1.5, 2.0, 10.0]"],
    ["quantiles([7], n=3)", () => st.quantiles([7n], kw({ n: 3n })), "[7, 7]"],
    [
      "quantiles([1, 2, 3, 4, 5], n=2)",
      () => st.quantiles([1n, 2n, 3n, 4n, 5n], kw({ n: 2n })),
      "[3.0]",
    ],
  ])("%s", (_, f, expected) => expect(r(f())).toBe(expected));
});

describe("spread: exact variances, correctly rounded square roots", () => {
  test.each([
    ["variance(data)", () => st.variance(data), "1.3720238095238095"],
    ["variance([1, 3, 5])", () => st.variance([1n, 3n, 5n]), "4"],
    ["variance(data, mean(data))", () => st.variance(data, st.mean(data)), "1.3720238095238095"],
    ["pvariance([1, 2, 3, 4])", () => st.pvariance([1n, 2n, 3n, 4n]), "1.25"],
    ["variance([10**20, 10**20 + 1])", () => st.variance([10n ** 20n, 10n ** 20n + 1n]), "0.5"],
    [
      "stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75])",
      () => st.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]),
      "1.0810874155219827",
    ],
    [
      "pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75])",
      () => st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]),
      "0.986893273527251",
    ],
    [
      "stdev([0.1 * i for i in range(100)])",
      () => st.stdev(Array.from({ length: 100 }, (_, i) => 0.1 * i)),
      "2.901149197588202",
    ],
    ["stdev([1e300, -1e300])", () => st.stdev([1e300, -1e300]), "1.4142135623730952e+300"],
    ["variance([1, inf])", () => st.variance([1n, Infinity]), "inf"],
  ])("%s", (_, f, expected) => expect(r(f())).toBe(expected));
});

describe("errors are CPython's", () => {
  test.each([
    ["mean([])", () => st.mean([]), st.StatisticsError, "mean requires at least one data point"],
    ["median([])", () => st.median([]), st.StatisticsError, "no median for empty data"],
    [
      "stdev([1])",
      () => st.stdev([1n]),
      st.StatisticsError,
      "stdev requires at least two data points",
    ],
    ["mode([])", () => st.mode([]), st.StatisticsError, "no mode for empty data"],
    [
      "quantiles([])",
      () => st.quantiles([]),
      st.StatisticsError,
      "must have at least one data point",
    ],
    [
      "harmonic_mean([1, -1])",
      () => st.harmonic_mean([1n, -1n]),
      st.StatisticsError,
      "harmonic mean does not support negative values",
    ],
    [
      "geometric_mean([1, -2])",
      () => st.geometric_mean([1n, -2n]),
      st.StatisticsError,
      "('No negative inputs allowed', -2)",
    ],
    [
      "mean(['a'])",
      () => st.mean(["a"]),
      PyTypeError,
      "can't convert type 'str' to numerator/denominator",
    ],
    [
      "quantiles([1, 2], method='x')",
      () => st.quantiles([1n, 2n], kw({ method: "x" })),
      ValueError,
      "Unknown method: 'x'",
    ],
    [
      "stdev([1, nan])",
      () => st.stdev([1n, Number.NaN]),
      Error,
      "'float' object has no attribute 'numerator'",
    ],
  ])("%s", (_, f, cls, message) => {
    const e = catchSync<unknown>(f);
    expect(e).toBeInstanceOf(cls);
    expect(str(e)).toBe(message);
  });

  test("StatisticsError is a ValueError of module statistics", () => {
    expect(new st.StatisticsError("x")).toBeInstanceOf(ValueError);
    expect((st.StatisticsError as unknown as { __module__: string }).__module__).toBe("statistics");
  });
});
