/**
 * Python's `signal` (minimal): the `Signals` and `Handlers` IntEnum-like members (`SIGINT`,
 * `SIGTERM`, ... with reprs `<Signals.SIGINT: 2>`), `signal.signal`/`getsignal`,
 * `default_int_handler`, `raise_signal`, `strsignal`.
 *
 * A member compares, hashes and formats as its int (`str(signal.SIGINT)` is `'2'`, as IntEnum in
 * 3.11+), and carries `__int_value__`/`__index__` for the runtime's int checks.
 *
 * Differences from CPython: a Python handler installed with `signal.signal` runs as a Node signal
 * listener, i.e. when the JS thread is idle (between event-loop callbacks or while the loop waits),
 * not between any two bytecodes (`raise_signal` runs them at once, as CPython does); the asyncio
 * signal layer (loop.add_signal_handler) is separate.
 */

import { eq } from "../compare";
import { KeyboardInterrupt, TypeError as PyTypeError, ValueError } from "../exceptions";
import { hash } from "../hash";
import { index, isInt, toBigInt } from "../numbers";
import { NotImplemented } from "../objects";
import { call } from "../protocol";

/** An IntEnum-like member of `Signals`/`Handlers`. */
export class SignalMember {
  constructor(
    readonly enumName: string,
    readonly name: string,
    readonly value: bigint,
  ) {}
  get __int_value__(): bigint {
    return this.value;
  }
  get _name_(): string {
    return this.name;
  }
  get _value_(): bigint {
    return this.value;
  }
  __index__(): bigint {
    return this.value;
  }
  __int__(): bigint {
    return this.value;
  }
  __float__(): number {
    return Number(this.value);
  }
  valueOf(): number {
    return Number(this.value);
  }
  __hash__(): bigint {
    return hash(this.value);
  }
  __repr__(): string {
    return `<${this.enumName}.${this.name}: ${this.value}>`;
  }
  __str__(): string {
    return String(this.value);
  }
  __format__(spec: string): string {
    const { format } = require("../format") as { format: (v: unknown, s: string) => string };
    return format(this.value, spec);
  }
  private other(o: unknown): bigint | null {
    if (o instanceof SignalMember) return o.value;
    if (isInt(o)) return toBigInt(o);
    return null;
  }
  __eq__(o: unknown): unknown {
    if (typeof o === "number") return Number(this.value) === o;
    const v = this.other(o);
    return v === null ? NotImplemented : v === this.value;
  }
  __ne__(o: unknown): unknown {
    const r = this.__eq__(o);
    return r === NotImplemented ? r : !r;
  }
  __lt__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value < v;
  }
  __le__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value <= v;
  }
  __gt__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value > v;
  }
  __ge__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value >= v;
  }
  __add__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value + v;
  }
  __radd__(o: unknown): unknown {
    return this.__add__(o);
  }
  __sub__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : this.value - v;
  }
  __rsub__(o: unknown): unknown {
    const v = this.other(o);
    return v === null ? NotImplemented : v - this.value;
  }
  __neg__(): bigint {
    return -this.value;
  }
}

type EnumClass = ((v: unknown) => SignalMember) &
  Record<string, unknown> & { __members__: SignalMember[] };

function makeEnum(enumName: string, members: [string, number][]): EnumClass {
  const byValue = new Map<bigint, SignalMember>();
  const list: SignalMember[] = [];
  const cls = ((v: unknown): SignalMember => {
    if (v instanceof SignalMember && v.enumName === enumName) return v;
    const key = isInt(v) ? toBigInt(v) : null;
    const m = key === null ? undefined : byValue.get(key);
    if (m === undefined) {
      const { repr } = require("../repr") as { repr: (x: unknown) => string };
      throw new ValueError(`${repr(v)} is not a valid ${enumName}`);
    }
    return m;
  }) as unknown as EnumClass;
  for (const [n, v] of members) {
    const m = new SignalMember(enumName, n, BigInt(v));
    if (!byValue.has(m.value)) byValue.set(m.value, m);
    list.push(m);
    cls[n] = m;
  }
  Object.defineProperty(cls, "__name__", { value: enumName });
  Object.defineProperty(cls, "__qualname__", { value: enumName });
  Object.defineProperty(cls, "__module__", { value: "signal" });
  Object.defineProperty(cls, "__members__", { value: list });
  Object.defineProperty(cls, "__instancecheck__", {
    value: (x: unknown) => x instanceof SignalMember && x.enumName === enumName,
  });
  cls[Symbol.iterator as unknown as string] = () => list[Symbol.iterator]();
  cls.__iter__ = () => list[Symbol.iterator]();
  cls.__len__ = () => BigInt(list.length);
  return cls;
}

export const Signals = makeEnum("Signals", [
  ["SIGHUP", 1],
  ["SIGINT", 2],
  ["SIGQUIT", 3],
  ["SIGILL", 4],
  ["SIGTRAP", 5],
  ["SIGABRT", 6],
  ["SIGIOT", 6],
  ["SIGBUS", 7],
  ["SIGFPE", 8],
  ["SIGKILL", 9],
  ["SIGUSR1", 10],
  ["SIGSEGV", 11],
  ["SIGUSR2", 12],
  ["SIGPIPE", 13],
  ["SIGALRM", 14],
  ["SIGTERM", 15],
  ["SIGSTKFLT", 16],
  ["SIGCHLD", 17],
  ["SIGCONT", 18],
  ["SIGSTOP", 19],
  ["SIGTSTP", 20],
  ["SIGTTIN", 21],
  ["SIGTTOU", 22],
  ["SIGURG", 23],
  ["SIGXCPU", 24],
  ["SIGXFSZ", 25],
  ["SIGVTALRM", 26],
  ["SIGPROF", 27],
  ["SIGWINCH", 28],
  ["SIGIO", 29],
  ["SIGPOLL", 29],
  ["SIGPWR", 30],
  ["SIGSYS", 31],
]);
export const Handlers = makeEnum("Handlers", [
  ["SIG_DFL", 0],
  ["SIG_IGN", 1],
]);

const S = Signals as unknown as Record<string, SignalMember>;
export const SIGHUP = S.SIGHUP!;
export const SIGINT = S.SIGINT!;
export const SIGQUIT = S.SIGQUIT!;
export const SIGABRT = S.SIGABRT!;
export const SIGKILL = S.SIGKILL!;
export const SIGUSR1 = S.SIGUSR1!;
export const SIGUSR2 = S.SIGUSR2!;
export const SIGPIPE = S.SIGPIPE!;
export const SIGALRM = S.SIGALRM!;
export const SIGTERM = S.SIGTERM!;
export const SIGCHLD = S.SIGCHLD!;
export const SIGCONT = S.SIGCONT!;
export const SIGSTOP = S.SIGSTOP!;
export const SIGTSTP = S.SIGTSTP!;
export const SIGWINCH = S.SIGWINCH!;
export const SIG_DFL = (Handlers as unknown as Record<string, SignalMember>).SIG_DFL!;
export const SIG_IGN = (Handlers as unknown as Record<string, SignalMember>).SIG_IGN!;
export const NSIG = 65n;

/** `signal.default_int_handler(signalnum, frame)`: raises KeyboardInterrupt. */
export function default_int_handler(..._args: unknown[]): never {
  throw new KeyboardInterrupt();
}
Object.defineProperty(default_int_handler, "__repr__", {
  value: () => "<built-in function default_int_handler>",
});

const handlers = new Map<bigint, unknown>([[2n, default_int_handler]]);
const listeners = new Map<bigint, () => void>();
const UNCATCHABLE = new Set([9n, 19n]);

function signum(x: unknown): bigint {
  const n = x instanceof SignalMember ? x.value : index(x);
  if (n < 1n || n >= NSIG) throw new ValueError("signal number out of range");
  return n;
}

function nodeName(n: bigint): NodeJS.Signals {
  for (const m of Signals.__members__) if (m.value === n) return m.name as NodeJS.Signals;
  throw new ValueError("signal number out of range");
}

/** `signal.getsignal(signalnum)`. */
export function getsignal(sig: unknown): unknown {
  const n = signum(sig);
  return handlers.get(n) ?? SIG_DFL;
}

/** `signal.signal(signalnum, handler)`: returns the previous handler. */
export function signal(sig: unknown, handler: unknown): unknown {
  const n = signum(sig);
  if (UNCATCHABLE.has(n)) throw new (require("../exceptions").OSError)(22n, "Invalid argument");
  const isDfl = handler === SIG_DFL || eq(handler, 0n);
  const isIgn = handler === SIG_IGN || (!isDfl && isInt(handler) && toBigInt(handler) === 1n);
  if (
    !isDfl &&
    !isIgn &&
    typeof handler !== "function" &&
    typeof (handler as { __call__?: unknown })?.__call__ !== "function"
  ) {
    throw new PyTypeError(
      "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
    );
  }
  const old = getsignal(sig);
  const prev = listeners.get(n);
  const name = nodeName(n);
  if (prev) process.removeListener(name, prev);
  listeners.delete(n);
  if (isDfl) handlers.delete(n);
  else {
    handlers.set(n, isIgn ? SIG_IGN : handler);
    const member = Signals(n);
    const listener = isIgn ? () => {} : () => call(handler, member, null);
    listeners.set(n, listener);
    process.on(name, listener);
  }
  return old;
}

/**
 * Internal (asyncio's `remove_signal_handler`): back to the handler the process started with,
 * `default_int_handler` for SIGINT (with no listener of ours: the runner's or Node's default
 * applies), SIG_DFL otherwise.
 */
export function _restore_default(n: bigint): void {
  const prev = listeners.get(n);
  if (prev) process.removeListener(nodeName(n), prev);
  listeners.delete(n);
  if (n === 2n) handlers.set(n, default_int_handler);
  else handlers.delete(n);
}

/**
 * `signal.raise_signal(signalnum)`. CPython's C handler only records the signal, and
 * `raise_signal` then runs the Python-level handlers (`PyErr_CheckSignals`) before it returns, so
 * a handler's exception comes out of `raise_signal`. Here the handlers are the process's
 * listeners (a `signal.signal` handler, asyncio's), called the same way, now; without one,
 * SIGINT's `default_int_handler` raises KeyboardInterrupt, and any other signal gets its default
 * action from the system.
 */
export function raise_signal(sig: unknown): null {
  const n = signum(sig);
  const name = nodeName(n);
  const current = process.listeners(name);
  if (current.length > 0) {
    for (const listener of current) (listener as (s: NodeJS.Signals) => void)(name);
    return null;
  }
  if (n === 2n && handlers.get(n) === default_int_handler) throw new KeyboardInterrupt();
  process.kill(process.pid, name);
  return null;
}

const DESCRIPTIONS: Record<string, string> = {
  SIGHUP: "Hangup",
  SIGINT: "Interrupt",
  SIGQUIT: "Quit",
  SIGKILL: "Killed",
  SIGUSR1: "User defined signal 1",
  SIGUSR2: "User defined signal 2",
  SIGPIPE: "Broken pipe",
  SIGALRM: "Alarm clock",
  SIGTERM: "Terminated",
  SIGCHLD: "Child exited",
};

/** `signal.strsignal(signalnum)`. */
export function strsignal(sig: unknown): string | null {
  return DESCRIPTIONS[nodeName(signum(sig))] ?? null;
}

/** `signal.valid_signals()`: the set of signal numbers (as a frozen list of members). */
export function valid_signals(): unknown {
  const { PySet } = require("../set");
  const s = new PySet();
  for (let i = 1n; i < NSIG; i++) s.add(i);
  return s;
}
