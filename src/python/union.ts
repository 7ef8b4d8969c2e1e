/**
 * `int | str`: a `types.UnionType` (PEP 604), made by `|` between classes, None and unions.
 * `isinstance`/`issubclass` accept one (types.ts reads the `UNION` mark, so that module need not
 * import this one). As CPython's Objects/unionobject.c: the arguments are flattened and
 * deduplicated (`int | int` is `int` itself), None is kept as `NoneType`, equality ignores the
 * order of the arguments and the hash is that of their frozenset.
 */

import { NoneType } from "./builtins";
import { hash } from "./hash";
import { classModule, classQualname, markBuiltinClass, NotImplemented } from "./objects";
import { repr } from "./repr";
import { FrozenSet } from "./set";
import { Tuple } from "./tuple";
import { isClass } from "./types";

/** On UnionType's prototype: how types.ts recognizes a union without importing this module. */
export const UNION = Symbol.for("asyncio-ts.union");

export class UnionType {
  declare readonly [UNION]: true;
  readonly __args__: Tuple;

  constructor(args: unknown[]) {
    this.__args__ = new Tuple(args);
  }

  __repr__(): string {
    return this.__args__.items.map(itemRepr).join(" | ");
  }

  __eq__(other: unknown): unknown {
    if (!(other instanceof UnionType)) return NotImplemented;
    const a = this.__args__.items;
    const b = other.__args__.items;
    return a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
  }

  __hash__(): bigint {
    return hash(new FrozenSet(this.__args__.items));
  }

  __or__(other: unknown): unknown {
    return unionOr(this, other);
  }

  __ror__(other: unknown): unknown {
    return unionOr(other, this);
  }
}
Object.defineProperty(UnionType.prototype, UNION, { value: true });
markBuiltinClass(UnionType, "UnionType");
Object.defineProperty(UnionType, "__module__", { value: "types", writable: true });

/** Can `x` be an operand of a union's `|` (a class, None, a union)? */
function isUnionable(x: unknown): boolean {
  return x === null || x instanceof UnionType || isClass(x);
}

/** The arguments `x` contributes: a union's own, None as NoneType. */
function argsOf(x: unknown): readonly unknown[] {
  if (x instanceof UnionType) return x.__args__.items;
  return [x === null ? NoneType : x];
}

/**
 * `a | b` where both are classes, None or unions: the union of their arguments (the one
 * argument itself when there is only one), else NotImplemented.
 */
export function unionOr(a: unknown, b: unknown): unknown {
  if (!isUnionable(a) || !isUnionable(b)) return NotImplemented;
  const args: unknown[] = [];
  for (const x of [...argsOf(a), ...argsOf(b)]) if (!args.includes(x)) args.push(x);
  return args.length === 1 ? args[0] : new UnionType(args);
}

/** CPython's union_repr_item: `int`, `None`, `__main__.C`. */
function itemRepr(x: unknown): string {
  if (x === NoneType) return "None";
  if (!isClass(x)) return repr(x);
  const module = classModule(x);
  const qualname = classQualname(x);
  return module === "builtins" ? qualname : `${module}.${qualname}`;
}
