/**
 * asyncio.mixins: `_LoopBoundMixin`, the base of the synchronization primitives and queues.
 *
 * An object binds to the running loop the first time it needs one (`_get_loop()`), and using it
 * from another loop raises `RuntimeError('<obj> is bound to a different event loop')`.
 */

import { RuntimeError } from "../python/exceptions";
import { id } from "../python/objects";
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
