/**
 * Python's `time`: clocks, blocking `sleep`, and `gmtime`/`localtime`/`strftime`/`mktime` basics.
 *
 * `sleep(secs)` blocks the whole process, as in CPython (the event loop included): it waits on a
 * SharedArrayBuffer with `Atomics.wait`. `monotonic`/`perf_counter` come from
 * `process.hrtime.bigint()`, `process_time` from `process.cpuUsage()`.
 *
 * Differences from CPython: `localtime` uses the process's time zone through JS `Date` (`tm_zone`
 * is `zoneInitials` of JS's long zone name); `strftime` is glibc's in the C locale, shared with
 * the datetime classes (`cStrftime` in datetime.ts).
 */

import { OverflowError, TypeError as PyTypeError, ValueError } from "../exceptions";
import { kw } from "../kw";
import { isNumber, toFloat } from "../numbers";
import { iter } from "../protocol";
import { repr } from "../repr";
import { Tuple } from "../tuple";
import { typeName } from "../types";
import { cFunctions } from "./_cfunctions";
import { namedtuple } from "./collections";

const startNs = process.hrtime.bigint();

/** Wall-clock time at `startNs`, in ns (hrtime is monotonic; this anchors it to the epoch). */
const epochAtStartNs = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

export function time(): number {
  return Number(time_ns()) / 1e9;
}
export function time_ns(): bigint {
  return epochAtStartNs + (process.hrtime.bigint() - startNs);
}
export function monotonic(): number {
  return Number(process.hrtime.bigint()) / 1e9;
}
export function monotonic_ns(): bigint {
  return process.hrtime.bigint();
}
export function perf_counter(): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}
export function perf_counter_ns(): bigint {
  return process.hrtime.bigint() - startNs;
}
export function process_time(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
export function process_time_ns(): bigint {
  const u = process.cpuUsage();
  return BigInt(u.user + u.system) * 1000n;
}
export function thread_time(): number {
  return process_time();
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** `time.sleep(secs)`: blocks the process. */
export function sleep(secs: unknown): null {
  if (!isNumber(secs)) {
    throw new PyTypeError(
      `'${typeName(secs)}' object cannot be interpreted as an integer or float`,
    );
  }
  const s = toFloat(secs);
  if (Number.isNaN(s)) throw new ValueError("Invalid value NaN (not a number)");
  if (s < 0) throw new ValueError("sleep length must be non-negative");
  const end = process.hrtime.bigint() + BigInt(Math.round(s * 1e9));
  for (;;) {
    const left = end - process.hrtime.bigint();
    if (left <= 0n) break;
    Atomics.wait(sleepCell, 0, 0, Number(left) / 1e6);
  }
  return null;
}

// ---------------------------------------------------------------- struct_time

type StructTime = Tuple & Record<string, unknown>;
let StructTimeClass: ((...a: unknown[]) => StructTime) | null = null;

function structTime(values: unknown[], zone: string | null, gmtoff: bigint | null): StructTime {
  if (StructTimeClass === null) {
    const nt = namedtuple(
      "struct_time",
      [
        "tm_year",
        "tm_mon",
        "tm_mday",
        "tm_hour",
        "tm_min",
        "tm_sec",
        "tm_wday",
        "tm_yday",
        "tm_isdst",
      ],
      kw({ module: "time" }),
    );
    const proto = (nt as unknown as { prototype: { __repr__: () => string } }).prototype;
    const base = proto.__repr__;
    Object.defineProperty(proto, "__repr__", {
      value(this: Tuple) {
        return `time.${base.call(this)}`;
      },
    });
    StructTimeClass = nt as unknown as (...a: unknown[]) => StructTime;
  }
  const st = StructTimeClass(...values);
  Object.defineProperty(st, "tm_zone", { value: zone });
  Object.defineProperty(st, "tm_gmtoff", { value: gmtoff });
  return st;
}

function secondsArg(secs: unknown): number {
  if (secs === null || secs === undefined) return Date.now() / 1000;
  if (!isNumber(secs))
    throw new PyTypeError(`'${typeName(secs)}' object cannot be interpreted as an integer`);
  const v = toFloat(secs);
  if (!Number.isFinite(v)) throw new OverflowError("timestamp out of range for platform time_t");
  return v;
}

function yday(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m, d) - Date.UTC(y, 0, 1)) / 86400000) + 1;
}

function fromDate(d: Date, utc: boolean): StructTime {
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const wd = ((utc ? d.getUTCDay() : d.getDay()) + 6) % 7;
  const offMin = utc ? 0 : -d.getTimezoneOffset();
  let isdst = 0n;
  if (!utc) {
    const jan = new Date(y, 0, 1).getTimezoneOffset();
    const jul = new Date(y, 6, 1).getTimezoneOffset();
    isdst = jan !== jul && d.getTimezoneOffset() === Math.min(jan, jul) ? 1n : 0n;
  }
  const zone = utc ? "UTC" : zoneName(d);
  return structTime(
    [
      BigInt(y),
      BigInt(mo + 1),
      BigInt(day),
      BigInt(h),
      BigInt(mi),
      BigInt(s),
      BigInt(wd),
      BigInt(yday(y, mo, day)),
      isdst,
    ],
    zone,
    BigInt(offMin * 60),
  );
}

/** The local zone's abbreviation at `d`, from the long name in `Date`'s text (no `Intl`: startup). */
function zoneName(d: Date): string {
  const m = /\(([^)]+)\)/.exec(d.toString());
  return m ? zoneInitials(m[1]!) : "UTC";
}

/**
 * The abbreviation the C library gives a zone with this long name: `UTC` for "Coordinated
 * Universal Time", else the initials (`EST`, `JST`), with "Central European Standard Time" as
 * `CET` (glibc: CET/CEST).
 */
export function zoneInitials(long: string): string {
  if (long === "Coordinated Universal Time") return "UTC";
  const words = long.replace(/European Standard Time$/, "European Time").split(/\s+/);
  return words.length > 1 ? words.map((w) => w[0]).join("") : long;
}

/** `time.gmtime([secs])`. */
export function gmtime(secs: unknown = null): StructTime {
  return fromDate(new Date(Math.floor(secondsArg(secs)) * 1000), true);
}

/** `time.localtime([secs])`. */
export function localtime(secs: unknown = null): StructTime {
  return fromDate(new Date(Math.floor(secondsArg(secs)) * 1000), false);
}

function tupleFields(t: unknown): number[] {
  const xs = [...iter(t)];
  if (xs.length !== 9) throw new PyTypeError("time.struct_time() takes a 9-sequence");
  return xs.map((x) => Number(x));
}

/** `time.mktime(t)`: local time tuple -> seconds. */
export function mktime(t: unknown): number {
  const [y, mo, d, h, mi, s] = tupleFields(t);
  return new Date(y!, mo! - 1, d!, h!, mi!, s!).getTime() / 1000;
}

/** `time.strftime(format[, t])`: glibc's directives in the C locale (datetime.ts, `cStrftime`). */
export function strftime(format: unknown, t: unknown = null): string {
  if (typeof format !== "string")
    throw new PyTypeError(`strftime() argument 1 must be str, not ${typeName(format)}`);
  const st = t === null ? localtime() : t;
  const [y, mo, d, h, mi, s, wd, yd] = tupleFields(st);
  const zone = (st as { tm_zone?: string }).tm_zone ?? "";
  const off = Number((st as { tm_gmtoff?: bigint }).tm_gmtoff ?? 0n);
  // datetime.ts imports this module: loaded here, at call time.
  const { cStrftime } = require("./datetime") as typeof import("./datetime");
  return cStrftime(format, [y!, mo!, d!, h!, mi!, s!, 0], wd!, yd! - 1, (c) => {
    if (c === "Z") return zone;
    if (c !== "z") return null; // `%f` and `%:z` are not glibc's: kept as written
    const a = Math.abs(off) / 60;
    const hhmm = `${String(Math.floor(a / 60)).padStart(2, "0")}${String(a % 60).padStart(2, "0")}`;
    return `${off < 0 ? "-" : "+"}${hhmm}`;
  });
}

/** `time.strptime(string, format="%a %b %d %H:%M:%S %Y")`: datetime's parser, as `_strptime`. */
export function strptime(data: unknown, format: unknown = "%a %b %d %H:%M:%S %Y"): StructTime {
  for (const [i, v] of [data, format].entries()) {
    if (typeof v !== "string") {
      const t = (require("../types") as { typeOf: (x: unknown) => unknown }).typeOf(v);
      throw new PyTypeError(`strptime() argument ${i} must be str, not ${repr(t)}`);
    }
  }
  const { strptimeFields } = require("./datetime") as typeof import("./datetime");
  const f = strptimeFields(data as string, format as string);
  const date = new Date(0);
  date.setUTCFullYear(f.year, f.month - 1, f.day);
  const jan1 = new Date(0);
  jan1.setUTCFullYear(f.year, 0, 1);
  const wday = (date.getUTCDay() + 6) % 7;
  const ydayOf = Math.round((date.getTime() - jan1.getTime()) / 86400000) + 1;
  // `%Z`: UTC/GMT and the standard zone name are not DST, the DST one is; otherwise unknown.
  let isdst = -1n;
  if (f.tzname !== null) {
    const z = f.tzname.toLowerCase();
    const names = tzname.items as string[];
    if (z === "utc" || z === "gmt" || z === names[0]!.toLowerCase()) isdst = 0n;
    else if (daylight && z === names[1]!.toLowerCase()) isdst = 1n;
  }
  const fields = [f.year, f.month, f.day, f.hour, f.minute, f.second, wday, ydayOf];
  return structTime(
    [...fields.map((n) => BigInt(n)), isdst],
    f.tzname,
    f.gmtoff === null ? null : BigInt(f.gmtoff),
  );
}

/** `time.asctime([t])` / `time.ctime([secs])`. */
export function asctime(t: unknown = null): string {
  return strftime("%a %b %e %H:%M:%S %Y", t);
}
export function ctime(secs: unknown = null): string {
  return asctime(localtime(secs));
}

// Standard time is the half of the year further west (January in the north, July in the south).
const [stdDate, dstDate] = ((jan: Date, jul: Date) =>
  jan.getTimezoneOffset() >= jul.getTimezoneOffset() ? [jan, jul] : [jul, jan])(
  new Date(new Date().getFullYear(), 0, 1),
  new Date(new Date().getFullYear(), 6, 1),
);
export const timezone = BigInt(stdDate.getTimezoneOffset() * 60);
export const altzone = BigInt(dstDate.getTimezoneOffset() * 60);
export const daylight = timezone !== altzone ? 1n : 0n;
export const tzname = new Tuple([zoneName(stdDate), zoneName(dstDate)]);

// CPython's C implementation: builtins (see _cfunctions.ts).
cFunctions("time", [
  strptime,
  time,
  time_ns,
  monotonic,
  monotonic_ns,
  perf_counter,
  perf_counter_ns,
  process_time,
  process_time_ns,
  thread_time,
  sleep,
  gmtime,
  localtime,
  mktime,
  strftime,
  asctime,
  ctime,
]);
