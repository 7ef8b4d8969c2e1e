/**
 * `datetime` against what CPython 3.13.0 printed for the same calls (the Python expression is the
 * name of each case; the expected reprs are literal, Python is not run at test time; hashes with
 * PYTHONHASHSEED=0). A call that raises is compared as `raises <repr of the exception>`.
 */

import { spawnSync } from "node:child_process";
import { abs, divmod, sorted } from "../../src/python/builtins";
import { eq, lt } from "../../src/python/compare";
import { Dict } from "../../src/python/dict";
import { format } from "../../src/python/format";
import { hash } from "../../src/python/hash";
import { kw } from "../../src/python/kw";
import { add, floordiv, mod, mul, neg, sub, truediv } from "../../src/python/operators";
import { repr, str } from "../../src/python/repr";
import * as M from "../../src/python/stdlib/datetime";
import { ensureBuilt, ROOT } from "../codegen/helpers";

const { date, datetime, time, timedelta, timezone } = M;

/** The repr of what `f` returns, or `raises <repr>` of what it throws. */
function result(f: () => unknown): string {
  try {
    return repr(f());
  } catch (e) {
    return `raises ${repr(e)}`;
  }
}

const td = (k: Record<string, unknown>) => timedelta(kw(k));
const utc = timezone.utc;

describe("timedelta", () => {
  test.each<[string, () => unknown, string]>([
    [
      "timedelta(microseconds=-1)",
      () => td({ microseconds: -1n }),
      "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)",
    ],
    [
      "str(timedelta(microseconds=-1))",
      () => str(td({ microseconds: -1n })),
      "'-1 day, 23:59:59.999999'",
    ],
    [
      "str(timedelta(days=2, seconds=1.5))",
      () => str(td({ days: 2n, seconds: 1.5 })),
      "'2 days, 0:00:01.500000'",
    ],
    ["timedelta(0)", () => timedelta(0n), "datetime.timedelta(0)"],
    [
      "timedelta(microseconds=1.5)",
      () => td({ microseconds: 1.5 }),
      "datetime.timedelta(microseconds=2)",
    ],
    [
      "timedelta(microseconds=2.5)",
      () => td({ microseconds: 2.5 }),
      "datetime.timedelta(microseconds=2)",
    ],
    [
      "timedelta(microseconds=-2.5)",
      () => td({ microseconds: -2.5 }),
      "datetime.timedelta(days=-1, seconds=86399, microseconds=999998)",
    ],
    [
      "timedelta(seconds=0.5, microseconds=0.5)",
      () => td({ seconds: 0.5, microseconds: 0.5 }),
      "datetime.timedelta(microseconds=500000)",
    ],
    [
      "timedelta(days=0.1, seconds=0.3)",
      () => td({ days: 0.1, seconds: 0.3 }),
      "datetime.timedelta(seconds=8640, microseconds=300000)",
    ],
    [
      "timedelta(weeks=1.5, hours=-0.7, minutes=1e-7)",
      () => td({ weeks: 1.5, hours: -0.7, minutes: 1e-7 }),
      "datetime.timedelta(days=10, seconds=40680, microseconds=6)",
    ],
    ["timedelta(1) * 0.1", () => mul(timedelta(1n), 0.1), "datetime.timedelta(seconds=8640)"],
    [
      "2 * timedelta(hours=1)",
      () => mul(2n, td({ hours: 1n })),
      "datetime.timedelta(seconds=7200)",
    ],
    ["timedelta(1) / 3", () => truediv(timedelta(1n), 3n), "datetime.timedelta(seconds=28800)"],
    [
      "timedelta(seconds=1) / 7.0",
      () => truediv(td({ seconds: 1n }), 7.0),
      "datetime.timedelta(microseconds=142857)",
    ],
    [
      "timedelta(seconds=10) / 1.5",
      () => truediv(td({ seconds: 10n }), 1.5),
      "datetime.timedelta(seconds=6, microseconds=666667)",
    ],
    [
      "timedelta(seconds=10) // 3",
      () => floordiv(td({ seconds: 10n }), 3n),
      "datetime.timedelta(seconds=3, microseconds=333333)",
    ],
    [
      "timedelta(seconds=10) / timedelta(seconds=3)",
      () => truediv(td({ seconds: 10n }), td({ seconds: 3n })),
      "3.3333333333333335",
    ],
    [
      "timedelta(seconds=10) // timedelta(seconds=3)",
      () => floordiv(td({ seconds: 10n }), td({ seconds: 3n })),
      "3",
    ],
    [
      "timedelta(seconds=10) % timedelta(seconds=3)",
      () => mod(td({ seconds: 10n }), td({ seconds: 3n })),
      "datetime.timedelta(seconds=1)",
    ],
    [
      "divmod(timedelta(seconds=10), timedelta(seconds=3))",
      () => divmod(td({ seconds: 10n }), td({ seconds: 3n })),
      "(3, datetime.timedelta(seconds=1))",
    ],
    ["abs(timedelta(-1))", () => abs(timedelta(-1n)), "datetime.timedelta(days=1)"],
    ["-timedelta(1)", () => neg(timedelta(1n)), "datetime.timedelta(days=-1)"],
    [
      "timedelta(microseconds=-1).total_seconds()",
      () => td({ microseconds: -1n }).total_seconds(),
      "-1e-06",
    ],
    ["hash(timedelta(1))", () => hash(timedelta(1n)), "7839147235533974352"],
    [
      "timedelta(hours=1) == timedelta(minutes=60)",
      () => eq(td({ hours: 1n }), td({ minutes: 60n })),
      "True",
    ],
    ["timedelta(hours=1) == 3600", () => eq(td({ hours: 1n }), 3600n), "False"],
    [
      "timedelta.max",
      () => timedelta.max,
      "datetime.timedelta(days=999999999, seconds=86399, microseconds=999999)",
    ],
    ["timedelta.min", () => timedelta.min, "datetime.timedelta(days=-999999999)"],
    [
      "timedelta.max + timedelta(1)",
      () => add(timedelta.max, timedelta(1n)),
      "raises OverflowError('days=1000000000; must have magnitude <= 999999999')",
    ],
    [
      "timedelta(days=10**10)",
      () => timedelta(10n ** 10n),
      "raises OverflowError('Python int too large to convert to C int')",
    ],
    [
      "timedelta(days=1) / 0",
      () => truediv(timedelta(1n), 0n),
      "raises ZeroDivisionError('integer division or modulo by zero')",
    ],
    [
      "timedelta(1) / timedelta(0)",
      () => truediv(timedelta(1n), timedelta(0n)),
      "raises ZeroDivisionError('division by zero')",
    ],
    [
      "timedelta(1) % timedelta(0)",
      () => mod(timedelta(1n), timedelta(0n)),
      "raises ZeroDivisionError('integer modulo by zero')",
    ],
    [
      "timedelta(1) * float('nan')",
      () => mul(timedelta(1n), Number.NaN),
      "raises ValueError('cannot convert NaN to integer ratio')",
    ],
    [
      "timedelta(days=float('nan'))",
      () => timedelta(Number.NaN),
      "raises ValueError('cannot convert float NaN to integer')",
    ],
    [
      "timedelta('1')",
      () => timedelta("1"),
      "raises TypeError('unsupported type for timedelta days component: str')",
    ],
    [
      "timedelta(1) + 1",
      () => add(timedelta(1n), 1n),
      `raises TypeError("unsupported operand type(s) for +: 'datetime.timedelta' and 'int'")`,
    ],
    [
      "1 + timedelta(1)",
      () => add(1n, timedelta(1n)),
      `raises TypeError("unsupported operand type(s) for +: 'int' and 'datetime.timedelta'")`,
    ],
    [
      "format(timedelta(1), '>20')",
      () => format(timedelta(1n), ">20"),
      "raises TypeError('unsupported format string passed to datetime.timedelta.__format__')",
    ],
  ])("%s", (_name, f, expected) => {
    expect(result(f)).toBe(expected);
  });
});

describe("date and datetime", () => {
  const dt = datetime(2024n, 1n, 2n, 3n, 4n, 5n, 600000n);
  test.each<[string, () => unknown, string]>([
    [
      "datetime(2024, 1, 2, 3, 4, 5, 600000)",
      () => dt,
      "datetime.datetime(2024, 1, 2, 3, 4, 5, 600000)",
    ],
    ["str(dt)", () => str(dt), "'2024-01-02 03:04:05.600000'"],
    ["date(0, 1, 1)", () => date(0n, 1n, 1n), "raises ValueError('year 0 is out of range')"],
    [
      "date(2024, 13, 1)",
      () => date(2024n, 13n, 1n),
      "raises ValueError('month must be in 1..12')",
    ],
    [
      "date(2023, 2, 29)",
      () => date(2023n, 2n, 29n),
      "raises ValueError('day is out of range for month')",
    ],
    [
      "date(2024.0, 1, 1)",
      () => date(2024.0, 1n, 1n),
      `raises TypeError("'float' object cannot be interpreted as an integer")`,
    ],
    [
      "datetime(2024, 1, 1, 24)",
      () => datetime(2024n, 1n, 1n, 24n),
      "raises ValueError('hour must be in 0..23')",
    ],
    [
      "datetime(2024, 1, 1, fold=2)",
      () => datetime(2024n, 1n, 1n, kw({ fold: 2n })),
      "raises ValueError('fold must be either 0 or 1')",
    ],
    [
      "datetime(2024, 1, 1, tzinfo=1)",
      () => datetime(2024n, 1n, 1n, kw({ tzinfo: 1n })),
      `raises TypeError("tzinfo argument must be None or of a tzinfo subclass, not type 'int'")`,
    ],
    [
      "datetime.max + timedelta(1)",
      () => add(datetime.max, timedelta(1n)),
      "raises OverflowError('date value out of range')",
    ],
    [
      "date(2024, 1, 1) == datetime(2024, 1, 1)",
      () => eq(date(2024n, 1n, 1n), datetime(2024n, 1n, 1n)),
      "False",
    ],
    [
      "date(2024, 1, 1) < datetime(2024, 1, 1)",
      () => lt(date(2024n, 1n, 1n), datetime(2024n, 1n, 1n)),
      `raises TypeError("'<' not supported between instances of 'datetime.date' and 'datetime.datetime'")`,
    ],
    [
      "datetime(2024, 1, 1) < datetime(2024, 1, 1, tzinfo=timezone.utc)",
      () => lt(datetime(2024n, 1n, 1n), datetime(2024n, 1n, 1n, kw({ tzinfo: utc }))),
      `raises TypeError("can't compare offset-naive and offset-aware datetimes")`,
    ],
    [
      "datetime(2024, 1, 1) == datetime(2024, 1, 1, tzinfo=timezone.utc)",
      () => eq(datetime(2024n, 1n, 1n), datetime(2024n, 1n, 1n, kw({ tzinfo: utc }))),
      "False",
    ],
    [
      "datetime(2024, 1, 1) - datetime(2024, 1, 1, tzinfo=timezone.utc)",
      () => sub(datetime(2024n, 1n, 1n), datetime(2024n, 1n, 1n, kw({ tzinfo: utc }))),
      `raises TypeError("can't subtract offset-naive and offset-aware datetimes")`,
    ],
    [
      "datetime(2024, 3, 10, 12) - datetime(2024, 3, 1, 9, 30)",
      () => sub(datetime(2024n, 3n, 10n, 12n), datetime(2024n, 3n, 1n, 9n, 30n)),
      "datetime.timedelta(days=9, seconds=9000)",
    ],
    [
      "date(2024, 1, 2) - date(2023, 1, 2)",
      () => sub(date(2024n, 1n, 2n), date(2023n, 1n, 2n)),
      "datetime.timedelta(days=365)",
    ],
    [
      "date(2024, 1, 1) - timedelta(hours=1)",
      () => sub(date(2024n, 1n, 1n), td({ hours: 1n })),
      "datetime.date(2024, 1, 1)",
    ],
    [
      "datetime(2024, 1, 1, tzinfo=timezone.utc) == datetime(2024, 1, 1, 1, tzinfo=timezone(timedelta(hours=1)))",
      () =>
        eq(
          datetime(2024n, 1n, 1n, kw({ tzinfo: utc })),
          datetime(2024n, 1n, 1n, 1n, kw({ tzinfo: timezone(td({ hours: 1n })) })),
        ),
      "True",
    ],
    ["hash(date(2024, 1, 2))", () => hash(date(2024n, 1n, 2n)), "-1424220152069362282"],
    [
      "hash(datetime(2024, 1, 2, 3, 4, 5, 6))",
      () => hash(datetime(2024n, 1n, 2n, 3n, 4n, 5n, 6n)),
      "-3920507582364009183",
    ],
    [
      "hash(datetime(2024, 1, 2, 3, tzinfo=timezone.utc))",
      () => hash(datetime(2024n, 1n, 2n, 3n, kw({ tzinfo: utc }))),
      "7156657572848778357",
    ],
    ["hash(time(1, 2))", () => hash(time(1n, 2n)), "9062857465880533080"],
    ["hash(timezone.utc)", () => hash(utc), "3010437511937009226"],
    [
      "datetime(2024, 3, 1, 9, tzinfo=timezone.utc).isocalendar()",
      () => datetime(2024n, 3n, 1n, 9n, kw({ tzinfo: utc })).isocalendar(),
      "datetime.IsoCalendarDate(year=2024, week=9, weekday=5)",
    ],
    [
      "date(2024, 12, 30).isocalendar()",
      () => date(2024n, 12n, 30n).isocalendar(),
      "datetime.IsoCalendarDate(year=2025, week=1, weekday=1)",
    ],
    ["date(2024, 1, 1).ctime()", () => date(2024n, 1n, 1n).ctime(), "'Mon Jan  1 00:00:00 2024'"],
    ["date.fromordinal(738887)", () => M.date.fromordinal(738887n), "datetime.date(2024, 1, 2)"],
    [
      "date.fromordinal(0)",
      () => M.date.fromordinal(0n),
      "raises ValueError('ordinal must be >= 1')",
    ],
    [
      "date.fromisocalendar(2024, 1, 1)",
      () => M.date.fromisocalendar(2024n, 1n, 1n),
      "datetime.date(2024, 1, 1)",
    ],
    [
      "datetime(2024, 1, 2, tzinfo=timezone.utc).timestamp()",
      () => datetime(2024n, 1n, 2n, kw({ tzinfo: utc })).timestamp(),
      "1704153600.0",
    ],
    [
      "datetime.fromtimestamp(1700000000.5, timezone.utc)",
      () => M.datetime.fromtimestamp(1700000000.5, utc),
      "datetime.datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=datetime.timezone.utc)",
    ],
    [
      "datetime.fromtimestamp(1700000000, tz=timezone(timedelta(hours=-5)))",
      () => M.datetime.fromtimestamp(1700000000n, kw({ tz: timezone(td({ hours: -5n })) })),
      "datetime.datetime(2023, 11, 14, 17, 13, 20, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))",
    ],
    [
      "datetime.combine(date(2024, 1, 1), time(1, tzinfo=timezone.utc))",
      () => M.datetime.combine(date(2024n, 1n, 1n), time(1n, kw({ tzinfo: utc }))),
      "datetime.datetime(2024, 1, 1, 1, 0, tzinfo=datetime.timezone.utc)",
    ],
    [
      "datetime(2024, 1, 1, 12, tzinfo=timezone.utc).astimezone(timezone(timedelta(hours=-3)))",
      () =>
        datetime(2024n, 1n, 1n, 12n, kw({ tzinfo: utc })).astimezone(timezone(td({ hours: -3n }))),
      "datetime.datetime(2024, 1, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=75600)))",
    ],
    [
      "datetime(2024, 1, 1).replace(month=13)",
      () => datetime(2024n, 1n, 1n).replace(kw({ month: 13n })),
      "raises ValueError('month must be in 1..12')",
    ],
    [
      "sorted([date(2024, 1, 3), date(2024, 1, 1)])",
      () => sorted([date(2024n, 1n, 3n), date(2024n, 1n, 1n)]),
      "[datetime.date(2024, 1, 1), datetime.date(2024, 1, 3)]",
    ],
    [
      "{datetime(2024, 1, 1): 1}[datetime(2024, 1, 1)]",
      () => new Dict([[datetime(2024n, 1n, 1n), 1n]]).__getitem__(datetime(2024n, 1n, 1n)),
      "1",
    ],
  ])("%s", (_name, f, expected) => {
    expect(result(f)).toBe(expected);
  });
});

describe("time, timezone and tzinfo", () => {
  test.each<[string, () => unknown, string]>([
    ["time(12, 30)", () => time(12n, 30n), "datetime.time(12, 30)"],
    ["time(12, 30, 0, 5)", () => time(12n, 30n, 0n, 5n), "datetime.time(12, 30, 0, 5)"],
    ["str(time(1, 2, 3, 4))", () => str(time(1n, 2n, 3n, 4n)), "'01:02:03.000004'"],
    ["time(25)", () => time(25n), "raises ValueError('hour must be in 0..23')"],
    [
      "time(12, 30, tzinfo=timezone.utc) < time(1)",
      () => lt(time(12n, 30n, kw({ tzinfo: utc })), time(1n)),
      `raises TypeError("can't compare offset-naive and offset-aware times")`,
    ],
    [
      "time(1, 2, 3, tzinfo=timezone(timedelta(hours=1, seconds=1))).isoformat()",
      () => time(1n, 2n, 3n, kw({ tzinfo: timezone(td({ hours: 1n, seconds: 1n })) })).isoformat(),
      "'01:02:03+01:00:01'",
    ],
    [
      "timezone(timedelta(hours=2), 'X')",
      () => timezone(td({ hours: 2n }), "X"),
      "datetime.timezone(datetime.timedelta(seconds=7200), 'X')",
    ],
    [
      "str(timezone(timedelta(hours=-2, minutes=-30)))",
      () => str(timezone(td({ hours: -2n, minutes: -30n }))),
      "'UTC-02:30'",
    ],
    [
      "str(timezone(timedelta(seconds=5)))",
      () => str(timezone(td({ seconds: 5n }))),
      "'UTC+00:00:05'",
    ],
    ["timezone(timedelta(0))", () => timezone(timedelta(0n)), "datetime.timezone.utc"],
    ["datetime.UTC", () => M.UTC, "datetime.timezone.utc"],
    ["timezone.max", () => timezone.max, "datetime.timezone(datetime.timedelta(seconds=86340))"],
    [
      "timezone(timedelta(hours=24))",
      () => timezone(td({ hours: 24n })),
      "raises ValueError('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not datetime.timedelta(days=1).')",
    ],
    [
      "timezone(1)",
      () => timezone(1n),
      "raises TypeError('timezone() argument 1 must be datetime.timedelta, not int')",
    ],
    [
      "timezone(timedelta(hours=1), 1)",
      () => timezone(td({ hours: 1n }), 1n),
      "raises TypeError('timezone() argument 2 must be str, not int')",
    ],
    [
      "tzinfo().utcoffset(None)",
      () => M.tzinfo().utcoffset(null),
      "raises NotImplementedError('a tzinfo subclass must implement utcoffset()')",
    ],
  ])("%s", (_name, f, expected) => {
    expect(result(f)).toBe(expected);
  });
});

describe("formatting and parsing", () => {
  const dt = datetime(2024n, 1n, 2n, 3n, 4n, 5n, 123456n);
  const ist = datetime(
    2024n,
    1n,
    2n,
    kw({ tzinfo: timezone(td({ hours: 5n, minutes: 30n }), "IST") }),
  );
  test.each<[string, () => unknown, string]>([
    [
      "dt.isoformat(' ', 'milliseconds')",
      () => dt.isoformat(" ", "milliseconds"),
      "'2024-01-02 03:04:05.123'",
    ],
    [
      "dt.isoformat(timespec='hours')",
      () => dt.isoformat(kw({ timespec: "hours" })),
      "'2024-01-02T03'",
    ],
    [
      "dt.isoformat(timespec='x')",
      () => dt.isoformat(kw({ timespec: "x" })),
      "raises ValueError('Unknown timespec value')",
    ],
    [
      "datetime(2024, 1, 2).strftime('%c|%x|%X|%a|%A|%b|%B|%j|%p|%I|%y|%%|%f|%z|%Z|%:z')",
      () => datetime(2024n, 1n, 2n).strftime("%c|%x|%X|%a|%A|%b|%B|%j|%p|%I|%y|%%|%f|%z|%Z|%:z"),
      "'Tue Jan  2 00:00:00 2024|01/02/24|00:00:00|Tue|Tuesday|Jan|January|002|AM|12|24|%|000000|||'",
    ],
    ["ist.strftime('%z|%Z|%:z')", () => ist.strftime("%z|%Z|%:z"), "'+0530|IST|+05:30'"],
    [
      "datetime(2024, 1, 2).strftime('%U %W %u %w %G %V %e %D %F %T %R %C %h')",
      () => datetime(2024n, 1n, 2n).strftime("%U %W %u %w %G %V %e %D %F %T %R %C %h"),
      "'00 01 2 2 2024 01  2 01/02/24 2024-01-02 00:00:00 00:00 20 Jan'",
    ],
    [
      "datetime(2024, 1, 2, 3, 4, 5).strftime('%-d/%-m/%Y %-H:%M %-I%p %_d|%_H|%^a|%^B|%-j|%-y|%#b|%0e|%Ey|%Od|%5Y|%-S')",
      () =>
        datetime(2024n, 1n, 2n, 3n, 4n, 5n).strftime(
          "%-d/%-m/%Y %-H:%M %-I%p %_d|%_H|%^a|%^B|%-j|%-y|%#b|%0e|%Ey|%Od|%5Y|%-S",
        ),
      "'2/1/2024 3:04 3AM  2| 3|TUE|JANUARY|2|24|JAN|02|24|02|02024|5'",
    ],
    [
      "datetime(2024, 1, 2).strftime('%Q %-Q %')",
      () => datetime(2024n, 1n, 2n).strftime("%Q %-Q %"),
      "'%Q %-Q %'",
    ],
    [
      "datetime(1, 1, 1).strftime('%Y %y %G')",
      () => datetime(1n, 1n, 1n).strftime("%Y %y %G"),
      "'1 01 1'",
    ],
    ["f'{dt:%H:%M}'", () => format(dt, "%H:%M"), "'03:04'"],
    ["format(dt, '')", () => format(dt, ""), "'2024-01-02 03:04:05.123456'"],
    [
      "format(dt, 1)",
      () => dt.__format__(1n),
      "raises TypeError('format() argument 2 must be str, not int')",
    ],
    [
      "datetime.fromisoformat('2024-01-02T03:04')",
      () => M.datetime.fromisoformat("2024-01-02T03:04"),
      "datetime.datetime(2024, 1, 2, 3, 4)",
    ],
    [
      "datetime.fromisoformat('2024-01-02 03:04:05.123+01:00')",
      () => M.datetime.fromisoformat("2024-01-02 03:04:05.123+01:00"),
      "datetime.datetime(2024, 1, 2, 3, 4, 5, 123000, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))",
    ],
    [
      "datetime.fromisoformat('20240102T030405Z')",
      () => M.datetime.fromisoformat("20240102T030405Z"),
      "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)",
    ],
    [
      "datetime.fromisoformat('2024-1-2')",
      () => M.datetime.fromisoformat("2024-1-2"),
      `raises ValueError("Invalid isoformat string: '2024-1-2'")`,
    ],
    [
      "datetime.fromisoformat('2024-01-02T')",
      () => M.datetime.fromisoformat("2024-01-02T"),
      `raises ValueError("Invalid isoformat string: '2024-01-02T'")`,
    ],
    [
      "datetime.fromisoformat('2024-13-01')",
      () => M.datetime.fromisoformat("2024-13-01"),
      "raises ValueError('month must be in 1..12')",
    ],
    [
      "datetime.fromisoformat(5)",
      () => M.datetime.fromisoformat(5n),
      "raises TypeError('fromisoformat: argument must be str')",
    ],
    [
      "date.fromisoformat('2024-02-30')",
      () => M.date.fromisoformat("2024-02-30"),
      "raises ValueError('day is out of range for month')",
    ],
    [
      "time.fromisoformat('12:30:15.5+02:00')",
      () => M.time.fromisoformat("12:30:15.5+02:00"),
      "datetime.time(12, 30, 15, 500000, tzinfo=datetime.timezone(datetime.timedelta(seconds=7200)))",
    ],
    [
      "datetime.strptime('Tue Jan  2 03:04:05 2024', '%c')",
      () => M.datetime.strptime("Tue Jan  2 03:04:05 2024", "%c"),
      "datetime.datetime(2024, 1, 2, 3, 4, 5)",
    ],
    [
      "datetime.strptime('2024-01-02T03:04:05+0130', '%Y-%m-%dT%H:%M:%S%z')",
      () => M.datetime.strptime("2024-01-02T03:04:05+0130", "%Y-%m-%dT%H:%M:%S%z"),
      "datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(seconds=5400)))",
    ],
    [
      "datetime.strptime('12 PM', '%I %p')",
      () => M.datetime.strptime("12 PM", "%I %p"),
      "datetime.datetime(1900, 1, 1, 12, 0)",
    ],
    [
      "datetime.strptime('2024 366', '%Y %j')",
      () => M.datetime.strptime("2024 366", "%Y %j"),
      "datetime.datetime(2024, 12, 31, 0, 0)",
    ],
    [
      "datetime.strptime('99', '%y')",
      () => M.datetime.strptime("99", "%y"),
      "datetime.datetime(1999, 1, 1, 0, 0)",
    ],
    [
      "datetime.strptime('2024-01-02', '%Y-%m-%d %H')",
      () => M.datetime.strptime("2024-01-02", "%Y-%m-%d %H"),
      `raises ValueError("time data '2024-01-02' does not match format '%Y-%m-%d %H'")`,
    ],
    [
      "datetime.strptime('2024-01-02 x', '%Y-%m-%d')",
      () => M.datetime.strptime("2024-01-02 x", "%Y-%m-%d"),
      "raises ValueError('unconverted data remains:  x')",
    ],
    [
      "datetime.strptime('x', '%Q')",
      () => M.datetime.strptime("x", "%Q"),
      `raises ValueError("'Q' is a bad directive in format '%Q'")`,
    ],
  ])("%s", (_name, f, expected) => {
    expect(result(f)).toBe(expected);
  });
});

describe("subclasses, struct_time and read-only fields", () => {
  // class Stamp(datetime): pass
  class Stamp extends (datetime as unknown as new (...args: unknown[]) => M.datetime) {}
  const StampClass = Stamp as unknown as typeof datetime;
  const stampName = (x: unknown) => (x as object).constructor.name;
  test.each<[string, () => unknown, string]>([
    [
      "type(Stamp(2024, 5, 6) + timedelta(1)).__name__",
      () => stampName(add(new Stamp(2024n, 5n, 6n), timedelta(1n))),
      "'Stamp'",
    ],
    [
      "type(Stamp.fromisoformat('2024-01-01')).__name__",
      () => stampName(StampClass.fromisoformat("2024-01-01")),
      "'Stamp'",
    ],
    [
      "type(Stamp(2024, 5, 6).replace(year=2020)).__name__",
      () => stampName(new Stamp(2024n, 5n, 6n).replace(kw({ year: 2020n }))),
      "'Stamp'",
    ],
    [
      "type(Stamp(2024, 5, 6).date()).__name__",
      () => stampName(new Stamp(2024n, 5n, 6n).date()),
      "'DateImpl'",
    ],
    [
      "type(Stamp(2024, 5, 6) - Stamp(2024, 5, 5)).__name__",
      () => stampName(sub(new Stamp(2024n, 5n, 6n), new Stamp(2024n, 5n, 5n))),
      "'TimeDeltaImpl'",
    ],
    [
      "datetime(2024, 3, 1, 9, 30).timetuple()",
      () => datetime(2024n, 3n, 1n, 9n, 30n).timetuple(),
      "time.struct_time(tm_year=2024, tm_mon=3, tm_mday=1, tm_hour=9, tm_min=30, tm_sec=0, tm_wday=4, tm_yday=61, tm_isdst=-1)",
    ],
    [
      "datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))).utctimetuple()",
      () =>
        datetime(
          2024n,
          3n,
          1n,
          9n,
          30n,
          kw({ tzinfo: timezone(td({ hours: 2n })) }),
        ).utctimetuple(),
      "time.struct_time(tm_year=2024, tm_mon=3, tm_mday=1, tm_hour=7, tm_min=30, tm_sec=0, tm_wday=4, tm_yday=61, tm_isdst=0)",
    ],
    [
      "d = date(2024, 1, 1); d.year = 5",
      () => {
        (date(2024n, 1n, 1n) as unknown as { year: bigint }).year = 5n;
      },
      `raises AttributeError("attribute 'year' of 'datetime.date' objects is not writable")`,
    ],
    [
      "t = timedelta(1); t.days = 5",
      () => {
        (timedelta(1n) as unknown as { days: bigint }).days = 5n;
      },
      `raises AttributeError("attribute 'days' of 'datetime.timedelta' objects is not writable")`,
    ],
  ])("%s", (_name, f, expected) => {
    expect(result(f)).toBe(expected);
  });
});

describe("local time with TZ=America/New_York (the fold rules)", () => {
  // Node reads TZ when the process starts; jest's process.env is a copy, so a child process runs
  // the compiled module (dist/, built by ensureBuilt when stale) under TZ=America/New_York.
  const SCRIPT = `
    const M = require("./dist/src/python/stdlib/datetime.js");
    const { repr } = require("./dist/src/python/repr.js");
    const { kw } = require("./dist/src/python/kw.js");
    const at = (h, fold, m = 11n, d = 3n) => M.datetime(2024n, m, d, h, 30n, kw({ fold }));
    for (const v of [
      at(1n, 0n).timestamp(), at(1n, 1n).timestamp(),
      at(2n, 0n, 3n, 10n).timestamp(), at(2n, 1n, 3n, 10n).timestamp(),
      M.datetime.fromtimestamp(1730615400n), M.datetime.fromtimestamp(1730611800n),
      at(1n, 1n).astimezone(),
    ]) console.log(repr(v));
  `;
  test("timestamp(), fromtimestamp() and astimezone() follow fold as CPython", () => {
    ensureBuilt();
    const r = spawnSync(process.execPath, ["-e", SCRIPT], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TZ: "America/New_York" },
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      "1730611800.0", // datetime(2024, 11, 3, 1, 30, fold=0).timestamp()
      "1730615400.0", // datetime(2024, 11, 3, 1, 30, fold=1).timestamp()
      "1710055800.0", // datetime(2024, 3, 10, 2, 30, fold=0).timestamp()
      "1710052200.0", // datetime(2024, 3, 10, 2, 30, fold=1).timestamp()
      "datetime.datetime(2024, 11, 3, 1, 30, fold=1)", // datetime.fromtimestamp(1730615400)
      "datetime.datetime(2024, 11, 3, 1, 30)", // datetime.fromtimestamp(1730611800)
      // datetime(2024, 11, 3, 1, 30, fold=1).astimezone()
      "datetime.datetime(2024, 11, 3, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400), 'EST'))",
      "",
    ]);
  });
});

describe("time.strftime shares datetime's C-locale strftime", () => {
  test("glibc's directives and flags; %f and %:z kept as glibc keeps them", () => {
    const time =
      require("../../src/python/stdlib/time") as typeof import("../../src/python/stdlib/time");
    // time.strftime("%U %W %V %G %C %r %-d|%f|%:z %a %j|%z", time.gmtime(1709647629))
    expect(time.strftime("%U %W %V %G %C %r %-d|%f|%:z %a %j|%z", time.gmtime(1709647629n))).toBe(
      "09 10 10 2024 20 02:07:09 PM 5|%f|%:z Tue 065|+0000",
    );
  });
});
