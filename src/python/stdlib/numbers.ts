/**
 * Python's `numbers`: the numeric tower of abstract base classes `Number` > `Complex` > `Real` >
 * `Rational` > `Integral` (PEP 3141), following CPython 3.13's `Lib/numbers.py`.
 *
 * The classes are `abc.ABC` classes (stdlib/abc.ts): their abstract methods (CPython's, with the
 * same names, so "Can't instantiate abstract class ..." lists the same ones) and their concrete
 * mixin methods (`Complex.__sub__`, `Real.real`, `Rational.__float__`, `Integral.__index__`, ...)
 * are on the prototypes, and `register` makes virtual subclasses. CPython registers the builtin
 * types at import (`Complex.register(complex)`, `Real.register(float)`, `Integral.register(int)`,
 * and `fractions`/`decimal` register `Fraction` as Rational and `Decimal` as Number only): here
 * `isinstance`/`issubclass` answer that from the runtime's types (int and bool are bigints and
 * booleans, float a JS number), and as ABCMeta does, a class registered with (or derived from) a
 * lower class of the tower is also an instance of the higher ones. There is no `complex` type in
 * the runtime, so `Real.__complex__` raises NotImplementedError.
 */

import { ABC, abstractmethod } from "./abc";

// Loaded lazily (load-order rule of src/python): the builtin types and the number classes.
function builtinTypes(): { int: Function; float: Function } {
  return require("../builtins") as { int: Function; float: Function };
}
function fractionClass(): Function {
  return (require("./fractions") as { Fraction: Function }).Fraction;
}
function decimalClass(): Function {
  return (require("./decimal") as { Decimal: Function }).Decimal;
}
function ops(): typeof import("../operators") {
  return require("../operators") as typeof import("../operators");
}
function types(): typeof import("../types") {
  return require("../types") as typeof import("../types");
}

/** Which of the runtime's number types each class of the tower counts among its own. */
function builtinMembers(cls: Function): Function[] {
  const { int, float } = builtinTypes();
  if (cls === Integral) return [int];
  if (cls === Rational) return [int, fractionClass()];
  if (cls === Real || cls === Complex) return [int, float, fractionClass()];
  if (cls === Number) return [int, float, fractionClass(), decimalClass()];
  return [];
}

/** The classes of the tower at or below `cls` (whose members and registrations count for it). */
function towerFrom(cls: Function): Function[] {
  const tower = [Number, Complex, Real, Rational, Integral] as Function[];
  const i = tower.indexOf(cls);
  return i < 0 ? [cls] : tower.slice(i);
}

/** Define `names` on `cls.prototype` as abstract methods (they raise NotImplementedError). */
function abstract(cls: Function, names: string[], properties: string[] = []): void {
  for (const name of names) {
    const fn = abstractmethod(function (this: unknown): never {
      const { NotImplementedError } = require("../exceptions");
      throw new NotImplementedError();
    });
    Object.defineProperty(fn, "name", { value: name });
    Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true });
  }
  for (const name of properties) {
    const get = abstractmethod(function (this: unknown): never {
      const { NotImplementedError } = require("../exceptions");
      throw new NotImplementedError();
    });
    Object.defineProperty(cls.prototype, name, { get, configurable: true });
  }
}

/** `numbers.Number`: the root of the numeric hierarchy. */
export class Number extends ABC {
  static override readonly __module__: string = "numbers";

  /** `isinstance(x, cls)`: a runtime number of the class's kind, an instance, or registered. */
  static override __instancecheck__(this: Function, x: unknown): boolean {
    if (builtinMembers(this).some((t) => types().isinstance(x, t))) return true;
    return towerFrom(this).some((c) => ABC.__instancecheck__.call(c, x));
  }

  /** `issubclass(sub, cls)`, likewise. */
  static override __subclasscheck__(this: Function, sub: unknown): boolean {
    if (builtinMembers(this).some((t) => types().issubclass(sub, t))) return true;
    return towerFrom(this).some((c) => ABC.__subclasscheck__.call(c, sub));
  }
}
Object.defineProperty(Number.prototype, "__hash__", {
  value: null,
  writable: true,
  configurable: true,
});

/** `numbers.Complex`: `+ - * / ** abs conjugate == !=`, `real`, `imag`. */
export class Complex extends Number {
  static override readonly __module__: string = "numbers";

  /** `bool(self)`: `self != 0`. */
  __bool__(): boolean {
    return !(require("../compare") as typeof import("../compare")).eq(this, 0n);
  }

  /** `self - other`: `self + -other`. */
  __sub__(other: unknown): unknown {
    return ops().add(this, ops().neg(other));
  }

  /** `other - self`: `-self + other`. */
  __rsub__(other: unknown): unknown {
    return ops().add(ops().neg(this), other);
  }
}
abstract(
  Complex,
  [
    "__complex__",
    "__add__",
    "__radd__",
    "__neg__",
    "__pos__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__pow__",
    "__rpow__",
    "__abs__",
    "conjugate",
    "__eq__",
  ],
  ["real", "imag"],
);

/** `numbers.Real`: Complex plus the order and the rounding operations. */
export class Real extends Complex {
  static override readonly __module__: string = "numbers";

  /** `divmod(self, other)`: `(self // other, self % other)`. */
  __divmod__(other: unknown): unknown {
    const { Tuple } = require("../tuple");
    return new Tuple([ops().floordiv(this, other), ops().mod(this, other)]);
  }

  /** `divmod(other, self)`. */
  __rdivmod__(other: unknown): unknown {
    const { Tuple } = require("../tuple");
    return new Tuple([ops().floordiv(other, this), ops().mod(other, this)]);
  }

  /** `complex(self)`: there is no `complex` type in the runtime (see the header). */
  __complex__(): never {
    const { NotImplementedError } = require("../exceptions");
    throw new NotImplementedError("asyncio-ts has no complex numbers");
  }

  get real(): unknown {
    return ops().pos(this);
  }

  get imag(): unknown {
    return 0n;
  }

  conjugate(): unknown {
    return ops().pos(this);
  }
}
abstract(Real, [
  "__float__",
  "__trunc__",
  "__floor__",
  "__ceil__",
  "__round__",
  "__floordiv__",
  "__rfloordiv__",
  "__mod__",
  "__rmod__",
  "__lt__",
  "__le__",
]);

/** `numbers.Rational`: a Real with `numerator` and `denominator`. */
export class Rational extends Real {
  static override readonly __module__: string = "numbers";

  /** `float(self)`: `int(self.numerator) / int(self.denominator)`. */
  __float__(): unknown {
    const { int } = builtinTypes() as unknown as { int: (x: unknown) => unknown };
    const self = this as unknown as { numerator: unknown; denominator: unknown };
    return ops().truediv(int(self.numerator), int(self.denominator));
  }
}
abstract(Rational, [], ["numerator", "denominator"]);

/** `numbers.Integral`: a Rational with the bitwise operations and `int()`. */
export class Integral extends Rational {
  static override readonly __module__: string = "numbers";

  /** `operator.index(self)`: `int(self)`. */
  __index__(): unknown {
    const { int } = builtinTypes() as unknown as { int: (x: unknown) => unknown };
    return int(this);
  }

  /** `float(self)`: `float(int(self))`. */
  override __float__(): unknown {
    const { int, float } = builtinTypes() as unknown as {
      int: (x: unknown) => unknown;
      float: (x: unknown) => unknown;
    };
    return float(int(this));
  }

  get numerator(): unknown {
    return ops().pos(this);
  }

  get denominator(): unknown {
    return 1n;
  }
}
abstract(Integral, [
  "__int__",
  "__pow__",
  "__lshift__",
  "__rlshift__",
  "__rshift__",
  "__rrshift__",
  "__and__",
  "__rand__",
  "__xor__",
  "__rxor__",
  "__or__",
  "__ror__",
  "__invert__",
]);

for (const [cls, name] of [
  [Number, "Number"],
  [Complex, "Complex"],
  [Real, "Real"],
  [Rational, "Rational"],
  [Integral, "Integral"],
] as const) {
  Object.defineProperty(cls, "__name__", { value: name, writable: true, configurable: true });
  Object.defineProperty(cls, "__qualname__", { value: name, writable: true, configurable: true });
}

export const __all__ = ["Number", "Complex", "Real", "Rational", "Integral"];
