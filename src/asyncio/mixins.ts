/**
 * asyncio.mixins: `_LoopBoundMixin`, the base of the synchronization primitives and queues.
 *
 * An object binds to the running loop the first time it needs one (`_get_loop()`), and using it
 * from another loop raises `RuntimeError('<obj> is bound to a different event loop')`.
 */

import { RuntimeError } from "../python/exceptions";
import { bind, signature } from "../python/lang";
import { id } from "../python/objects";
import { repr } from "../python/repr";
import { _get_running_loop, type AbstractEventLoop } from "./events";

export class _LoopBoundMixin {
  _loop: AbstractEventLoop | null = null;

  __repr__(): string {
    return `<${pyModuleQualname(this)} object at 0x${objectAddress(this)}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  _get_loop(): AbstractEventLoop {
    const loop = _get_running_loop();
    if (this._loop === null) this._loop = loop;
    if (loop !== this._loop) {
      throw new RuntimeError(`${this.__repr__()} is bound to a different event loop`);
    }
    return loop!;
  }
}

type InitSignature = ReturnType<typeof signature>;

/** `Cls.__init__`'s signature (bound `self` counted, as CPython's messages do). */
export function _initSignature(
  qualname: string,
  params: string[],
  defaults: Record<string, unknown> = {},
): InitSignature {
  return signature(`${qualname}.__init__`, params, defaults, 1);
}

/**
 * The arguments of `Cls(...)` bound to `Cls.__init__`'s signature, with CPython's TypeErrors
 * (`Queue(loop=loop)`: "Queue.__init__() got an unexpected keyword argument 'loop'"), when they
 * are the runtime class's own: `target` (`new.target`) is the class itself or a Python subclass
 * without an `__init__`. A subclass with an `__init__` passes its own arguments along to the JS
 * constructor, which are not the base's: the object starts with the defaults (all `undefined`),
 * and `super().__init__(...)` in that `__init__` initializes it again with the base's arguments.
 */
export function _initArgs(target: Function, sig: InitSignature, args: unknown[]): unknown[] {
  const init = (target.prototype as { __init__?: unknown }).__init__;
  return typeof init === "function" ? [] : bind(sig, args);
}

function objectAddress(obj: object): string {
  return id(obj).toString(16);
}

/** `module.QualName` as `object.__repr__` prints it; classes may set `__module__`. */
function pyModuleQualname(obj: object): string {
  const cls = obj.constructor as { name: string; __module__?: string; __qualname__?: string };
  const qual = Object.hasOwn(cls, "__qualname__") ? cls.__qualname__! : cls.name;
  const mod = Object.hasOwn(cls, "__module__") ? cls.__module__! : "__main__";
  return mod === "builtins" ? qual : `${mod}.${qual}`;
}

const NO_ITEMS: never[] = [];

/**
 * A double-ended queue with O(1) `push`/`shift`/`pop` (what `collections.deque` gives `locks.py`
 * and `queues.py`): a ring buffer whose capacity is a power of two. It grows by doubling and never
 * shrinks, so a queue that fills and drains in cycles reallocates nothing.
 */
export class Deque<T> {
  _buf: (T | undefined)[] = NO_ITEMS;
  _head = 0;
  /** The number of items (a field, not a getter: the hot paths read it at every call). */
  length = 0;

  __len__(): bigint {
    return BigInt(this.length);
  }

  push(item: T): void {
    const buf = this._buf;
    if (this.length === buf.length) {
      this._grow();
      this._buf[this.length] = item;
    } else {
      buf[(this._head + this.length) & (buf.length - 1)] = item;
    }
    this.length += 1;
  }

  _grow(): void {
    const old = this._buf;
    const cap = old.length === 0 ? 8 : old.length * 2;
    const buf = new Array<T | undefined>(cap).fill(undefined);
    const mask = old.length - 1;
    for (let i = 0; i < this.length; i++) buf[i] = old[(this._head + i) & mask];
    this._buf = buf;
    this._head = 0;
  }

  /** The first item (undefined when empty). */
  first(): T | undefined {
    return this.length === 0 ? undefined : this._buf[this._head];
  }

  /** The `i`-th item from the left (0 <= i < length). */
  at(i: number): T {
    return this._buf[(this._head + i) & (this._buf.length - 1)] as T;
  }

  /** Remove and return the first item (undefined when empty). */
  shift(): T {
    if (this.length === 0) return undefined as T;
    const buf = this._buf;
    const h = this._head;
    const item = buf[h] as T;
    buf[h] = undefined;
    this._head = (h + 1) & (buf.length - 1);
    this.length -= 1;
    return item;
  }

  /** Remove and return the last item (undefined when empty). */
  pop(): T {
    if (this.length === 0) return undefined as T;
    this.length -= 1;
    const buf = this._buf;
    const i = (this._head + this.length) & (buf.length - 1);
    const item = buf[i] as T;
    buf[i] = undefined;
    return item;
  }

  /** Remove the first occurrence of `item`; false if it is absent (deque.remove's ValueError). */
  remove(item: T): boolean {
    const buf = this._buf;
    const mask = buf.length - 1;
    const n = this.length;
    for (let i = 0; i < n; i++) {
      if (buf[(this._head + i) & mask] === item) {
        if (i === 0) {
          this.shift();
          return true;
        }
        // Close the gap by moving the items after it one place to the left.
        for (let j = i; j < n - 1; j++) {
          buf[(this._head + j) & mask] = buf[(this._head + j + 1) & mask];
        }
        buf[(this._head + n - 1) & mask] = undefined;
        this.length -= 1;
        return true;
      }
    }
    return false;
  }

  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Printed as the `collections.deque` it stands for (`queue._getters` -> `deque([])`). */
  __repr__(): string {
    return `deque([${this.toArray()
      .map((x) => repr(x))
      .join(", ")}])`;
  }
}
