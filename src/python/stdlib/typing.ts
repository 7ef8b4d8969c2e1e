/**
 * Python's `typing` at run time: the names exist and print as CPython's (`typing.Optional[int]`,
 * `~T`), subscripting works, `cast` returns its argument, `TYPE_CHECKING` is False. Generated
 * code emits nothing for `typing` imports (annotations only matter to type checkers); this module
 * is for hand-written code and for `typing.X` used in expressions.
 */

import { repr } from "../repr";
import { Tuple } from "../tuple";

function typeRepr(t: unknown): string {
  if (t === null) return "None";
  if (Array.isArray(t)) return `[${t.map(typeRepr).join(", ")}]`;
  if (typeof t === "function") {
    const n = (t as { __name__?: string }).__name__ ?? t.name;
    const mod = (t as { __module__?: string }).__module__;
    return mod && mod !== "builtins" ? `${mod}.${n}` : n;
  }
  if (t === Ellipsis_) return "...";
  return repr(t);
}

const Ellipsis_ = (require("../objects") as { Ellipsis: unknown }).Ellipsis;

/** A special form or generic alias: subscriptable, prints as `typing.Name[args]`. */
export class SpecialForm {
  constructor(
    readonly _name: string,
    readonly __args__: unknown[] | null = null,
  ) {}
  __getitem__(params: unknown): SpecialForm {
    const args = params instanceof Tuple ? [...params.items] : [params];
    return new SpecialForm(this._name, args);
  }
  __call__(...args: unknown[]): unknown {
    return args[0] ?? null;
  }
  __repr__(): string {
    if (this.__args__ === null) return `typing.${this._name}`;
    return `typing.${this._name}[${this.__args__.map(typeRepr).join(", ")}]`;
  }
  __or__(other: unknown): SpecialForm {
    return new SpecialForm("Union", [this, other]);
  }
  __ror__(other: unknown): SpecialForm {
    return new SpecialForm("Union", [other, this]);
  }
}

const form = (name: string) => new SpecialForm(name);

export const Any = form("Any");
export const Optional = form("Optional");
export const Union = form("Union");
export const List = form("List");
export const Dict = form("Dict");
export const Set = form("Set");
export const FrozenSet = form("FrozenSet");
export const Tuple_ = form("Tuple");
export { Tuple_ as Tuple };
export const Type = form("Type");
export const Callable = form("Callable");
export const Awaitable = form("Awaitable");
export const Coroutine = form("Coroutine");
export const AsyncIterator = form("AsyncIterator");
export const AsyncIterable = form("AsyncIterable");
export const AsyncGenerator = form("AsyncGenerator");
export const Iterator = form("Iterator");
export const Iterable = form("Iterable");
export const Generator = form("Generator");
export const Sequence = form("Sequence");
export const Mapping = form("Mapping");
export const MutableMapping = form("MutableMapping");
export const Deque = form("Deque");
export const DefaultDict = form("DefaultDict");
export const Counter = form("Counter");
export const ClassVar = form("ClassVar");
export const Final = form("Final");
export const Literal = form("Literal");
export const Annotated = form("Annotated");
export const NoReturn = form("NoReturn");
export const Never = form("Never");
export const Self = form("Self");
export const Hashable = form("Hashable");
export const Sized = form("Sized");

export const TYPE_CHECKING = false;

/** `typing.TypeVar(name, *constraints, bound=None, ...)`. */
export class TypeVar {
  constructor(
    readonly __name__: string,
    ..._rest: unknown[]
  ) {}
  __repr__(): string {
    return `~${this.__name__}`;
  }
}

/** `typing.ParamSpec(name)`. */
export class ParamSpec extends TypeVar {}

/** `class Foo(Generic[T])`: subscripting returns the class itself. */
export class Generic {
  static __class_getitem__(this: Function): Function {
    return this;
  }
}

/** `class P(Protocol)`. */
export class Protocol extends Generic {}

/** `typing.cast(typ, val)`. */
export function cast(_typ: unknown, val: unknown): unknown {
  return val;
}

/** `typing.overload`, `final`, `no_type_check`, `runtime_checkable`: identity decorators. */
export function overload<F>(fn: F): F {
  return fn;
}
export const final = overload;
export const no_type_check = overload;
export const runtime_checkable = overload;

/** `typing.get_type_hints(obj)`: annotations are not kept at run time; an empty dict. */
export function get_type_hints(_obj: unknown): unknown {
  const { Dict: PyDict } = require("../dict");
  return new PyDict();
}

/** `typing.NewType(name, tp)`: an identity function named `name`. */
export function NewType(name: string, _tp: unknown): (x: unknown) => unknown {
  const f = (x: unknown) => x;
  Object.defineProperty(f, "__name__", { value: name });
  Object.defineProperty(f, "__repr__", { value: () => `__main__.${name}` });
  return f;
}

/** `typing.assert_never`/`reveal_type`. */
export function reveal_type(x: unknown): unknown {
  return x;
}
