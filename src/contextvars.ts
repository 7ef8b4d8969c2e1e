/**
 * contextvars: PEP 567 context variables.
 *
 * How it works: a `Context` holds an immutable mapping from `ContextVar` to value. `copy_context()`
 * shares that mapping (O(1), as CPython's HAMT makes it), so every `Handle` can capture the current
 * context at creation for the price of one small object. `ContextVar.set()` never mutates a mapping:
 * it makes a new one (copy-on-write of a JS `Map`, cheap for the handful of variables real programs
 * have) and installs it in the current context. `Context.run()` swaps the current context for the
 * duration of a call, which is how handles and tasks run "in" their context.
 *
 * Reprs print ` at 0x...` with the deterministic `id()` of src/python (not a memory address).
 *
 * Differences from CPython: none observable by programs beyond the address in reprs. `Context` is not a full `Mapping` ABC, but
 * offers `get`, `has` (`in`), `keys`, `values`, `items`, `len` and iteration.
 */

import { eq } from "./python/compare";
import { KeyError, LookupError, RuntimeError, TypeError, ValueError } from "./python/exceptions";
import { splitKw } from "./python/kw";
import { id, NotImplemented } from "./python/objects";
import { call } from "./python/protocol";
import { repr } from "./python/repr";

/** Marker for "no default", as CPython's `Token.MISSING`. */
class Missing {
  __repr__(): string {
    return "<Token.MISSING>";
  }
}
const MISSING = new Missing();

export type VarMap = ReadonlyMap<ContextVar<unknown>, unknown>;
const EMPTY: VarMap = new Map();

/** Context._flags bits. */
const ENTERED = 1;
export const PINNED = 2;

export class Context {
  static readonly __module__ = "_contextvars";
  static readonly __tp_name__ = "_contextvars.Context";
  /** The current mapping; replaced (never mutated) by ContextVar.set/reset. */
  _data: VarMap;
  /**
   * ENTERED while it is the current context (it cannot be entered twice); PINNED once something
   * keeps the object itself (a Token, the runtime), which a task's lazy context checks (Task._ctx).
   */
  _flags = 0;

  constructor(data: VarMap = EMPTY) {
    this._data = data;
  }

  /** Run `callable(...args)` in this context, then restore the previous one. */
  run<A extends unknown[], R>(callable: (...args: A) => R, ...args: A): R {
    if (typeof callable !== "function") {
      // CPython checks the argument count first; a non-callable fails at the call, in the context.
      if (callable === undefined)
        throw new TypeError("run() missing 1 required positional argument");
      return this._run_args((...a: unknown[]) => call(callable, ...a), args) as R;
    }
    if ((this._flags & ENTERED) !== 0) alreadyEntered(this);
    const saved = current;
    this._flags |= ENTERED;
    current = this;
    try {
      return callable(...args);
    } finally {
      current = saved;
      this._flags &= ~ENTERED;
    }
  }

  /**
   * `run(callable, *args)` with the arguments as an array: what Handle._run calls for every
   * callback the loop runs, without the rest-parameter array and spread of `run`.
   */
  _run_args(callable: (...args: any[]) => unknown, args: readonly unknown[]): unknown {
    if ((this._flags & ENTERED) !== 0) alreadyEntered(this);
    const saved = current;
    this._flags |= ENTERED;
    current = this;
    try {
      switch (args.length) {
        case 0:
          return callable();
        case 1:
          return callable(args[0]);
        case 2:
          return callable(args[0], args[1]);
        default:
          return callable(...args);
      }
    } finally {
      current = saved;
      this._flags &= ~ENTERED;
    }
  }

  copy(): Context {
    return new Context(this._data);
  }

  get<T>(key: ContextVar<T>, defaultValue: T | null = null): T | null {
    checkVar(key);
    return this._data.has(key as ContextVar<unknown>)
      ? (this._data.get(key as ContextVar<unknown>) as T)
      : defaultValue;
  }

  __getitem__<T>(key: ContextVar<T>): T {
    checkVar(key);
    if (!this._data.has(key as ContextVar<unknown>)) throw new KeyError(key);
    return this._data.get(key as ContextVar<unknown>) as T;
  }

  __contains__(key: unknown): boolean {
    checkVar(key);
    return this._data.has(key as ContextVar<unknown>);
  }

  has(key: ContextVar<unknown>): boolean {
    return this.__contains__(key);
  }

  __len__(): bigint {
    return BigInt(this._data.size);
  }

  get size(): number {
    return this._data.size;
  }

  keys(): ContextVar<unknown>[] {
    return [...this._data.keys()];
  }

  values(): unknown[] {
    return [...this._data.values()];
  }

  items(): [ContextVar<unknown>, unknown][] {
    return [...this._data.entries()];
  }

  [Symbol.iterator](): Iterator<ContextVar<unknown>> {
    return this._data.keys();
  }

  /** Contexts compare as mappings: the same variables with equal values. */
  __eq__(other: unknown): boolean | typeof NotImplemented {
    if (!(other instanceof Context)) return NotImplemented;
    if (other._data.size !== this._data.size) return false;
    for (const [key, value] of this._data) {
      if (!other._data.has(key) || !eq(value, other._data.get(key))) return false;
    }
    return true;
  }

  __repr__(): string {
    return contextRepr(this);
  }
}

// Mutable mappings are unhashable: `hash(ctx)` raises TypeError.
(Context.prototype as unknown as { __hash__: null }).__hash__ = null;

function alreadyEntered(ctx: Context): never {
  throw new RuntimeError(`cannot enter context: ${contextRepr(ctx)} is already entered`);
}

/** ` at 0x...`: the deterministic `id()` that default object reprs print. */
function at(obj: object): string {
  return ` at 0x${id(obj).toString(16)}`;
}

function contextRepr(ctx: Context): string {
  return `<_contextvars.Context object${at(ctx)}>`;
}

function checkVar(key: unknown): void {
  if (!(key instanceof ContextVar)) {
    throw new TypeError(`a ContextVar key was expected, got ${describe(key)}`);
  }
}

function describe(value: unknown): string {
  return repr(value);
}

/** The context the running code sees. Starts as the process's root context. */
let current: Context = new Context();

/** Return a copy of the current context (O(1)). */
export function copy_context(): Context {
  return new Context(current._data);
}

/** The current context itself (not a copy); for the runtime's own use. */
export function _current_context(): Context {
  current._flags |= PINNED;
  return current;
}

/** The current mapping: what `copy_context()` would hold, without making the Context. */
export function _current_data(): VarMap {
  return current._data;
}

/**
 * Lazy contexts. A Handle or a Task captures the current context when it is made, but most never
 * set a variable in it and nobody asks for the object: they keep only the mapping (`_ctx`), and
 * run in a Context lent for the run, one spare object reused run after run. A run that lets the
 * object out pins it (ContextVar.set, `_current_context()`, `get_context()`): the holder then
 * keeps it, as it would have kept the Context made for it. Nobody else can hold a lent Context
 * that was not pinned, so lending is invisible to programs.
 */
export interface LazyContextHolder {
  /** The Context, or only its mapping while nothing has asked for the object. */
  _ctx: Context | VarMap;
}

let spareContext: Context | null = null;

/** The holder's Context object, made now if it held only its mapping, and kept from then on. */
export function _pinned_context(holder: LazyContextHolder): Context {
  let ctx = holder._ctx;
  if (!(ctx instanceof Context)) {
    ctx = new Context(ctx);
    holder._ctx = ctx;
  }
  ctx._flags |= PINNED;
  return ctx;
}

/** The Context to run the holder in: its own, or one lent (then `_end_lent_run` after the run). */
export function _enter_lazy(holder: LazyContextHolder): Context {
  const held = holder._ctx;
  if (held instanceof Context) return held;
  let ctx = spareContext;
  if (ctx !== null) {
    spareContext = null;
    ctx._data = held;
  } else {
    ctx = new Context(held);
  }
  holder._ctx = ctx;
  return ctx;
}

/** After a run in `_enter_lazy`'s `ctx`: take back a lent Context the run did not pin. */
export function _leave_lazy(holder: LazyContextHolder, ctx: Context, held: Context | VarMap): void {
  if (ctx === held || (ctx._flags & PINNED) !== 0 || holder._ctx !== ctx) return;
  holder._ctx = ctx._data;
  ctx._data = EMPTY;
  spareContext = ctx;
}

export class ContextVar<T> {
  static readonly __module__ = "_contextvars";
  static readonly __tp_name__ = "_contextvars.ContextVar";
  readonly name: string;
  private readonly _default: T | Missing;

  /** `ContextVar(name, *, default=...)`; pass the default as `kw({ default: v })`. */
  constructor(name: string, ...rest: unknown[]) {
    if (typeof name !== "string") {
      throw new TypeError("context variable name must be a str");
    }
    const [positional, kwargs] = splitKw<{ default: T }>(rest);
    if (positional.length > 0) {
      throw new TypeError(
        `ContextVar() takes at most 1 positional argument (${positional.length + 1} given)`,
      );
    }
    this.name = name;
    this._default = "default" in kwargs ? (kwargs.default as T) : MISSING;
  }

  /**
   * Return the variable's value in the current context, else `defaultValue` if given, else the
   * variable's default, else raise LookupError.
   */
  get(...args: [] | [T]): T {
    const data = current._data;
    if (data.has(this as ContextVar<unknown>)) return data.get(this as ContextVar<unknown>) as T;
    if (args.length > 0) return args[0] as T;
    if (this._default !== MISSING) return this._default as T;
    throw new LookupError(this);
  }

  set(value: T, ...extra: unknown[]): Token<T> {
    if (extra.length > 0 || value === undefined) {
      const n = extra.length + (value === undefined ? 0 : 1);
      throw new TypeError(`ContextVar.set() takes exactly one argument (${n} given)`);
    }
    const ctx = current;
    const data = ctx._data;
    const key = this as ContextVar<unknown>;
    const old = data.has(key) ? data.get(key) : MISSING;
    const next = new Map(data);
    next.set(key, value);
    ctx._data = next;
    ctx._flags |= PINNED;
    return new Token(ctx, this, old as T | Missing);
  }

  reset(token: Token<T>): void {
    if (!(token instanceof Token)) {
      throw new TypeError(`expected an instance of Token, got ${describe(token)}`);
    }
    if (token._used) {
      throw new RuntimeError(`${token.__repr__()} has already been used once`);
    }
    if (token.var !== this) {
      throw new ValueError(`${token.__repr__()} was created by a different ContextVar`);
    }
    if (token._ctx !== current) {
      throw new ValueError(`${token.__repr__()} was created in a different Context`);
    }
    token._used = true;
    const next = new Map(current._data);
    if (token.old_value === MISSING) next.delete(this as ContextVar<unknown>);
    else next.set(this as ContextVar<unknown>, token.old_value);
    current._data = next;
  }

  __repr__(): string {
    const dflt = this._default === MISSING ? "" : ` default=${repr(this._default)}`;
    return `<ContextVar name=${repr(this.name)}${dflt}${at(this)}>`;
  }
}

export class Token<T> {
  static readonly __module__ = "_contextvars";
  static readonly __tp_name__ = "_contextvars.Token";
  static readonly MISSING: unknown = MISSING;
  _used = false;

  constructor(
    readonly _ctx: Context,
    readonly var_: ContextVar<T>,
    readonly old_value: T | Missing,
  ) {}

  /** Python's `Token.var` (`var` is a reserved word in TypeScript property access only by style). */
  get var(): ContextVar<T> {
    return this.var_;
  }

  /** `token.MISSING`: the class attribute, read through an instance. */
  get MISSING(): unknown {
    return MISSING;
  }

  __repr__(): string {
    return `<Token${this._used ? " used" : ""} var=${this.var_.__repr__()}${at(this)}>`;
  }
}
