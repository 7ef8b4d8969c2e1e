/**
 * Support for transpiled code (the transpiler's requests, see codegen/requests/python-api.d.ts):
 * argument binding (`signature`/`bind`) and CPython's messages for wrong argument counts, which
 * natural signatures (`missingArgs`) and calls known to be wrong (`callError`) share, finishing classes (`pyclass`) and functions (`named`),
 * generator expressions, `with`/`async with`/`async for`, `match` patterns, and Python's
 * generator methods (`send`, `close`, `__next__`) on JS generator objects. (`except*` and
 * implicit chaining are in exceptions.ts.)
 */

import {
  awaitTracked,
  type Coro,
  coroutineAwait,
  generatorReturn,
  iscoroutine,
  istrackedcoroutine,
  markgeneratorfunction,
  setUnraisableHook,
} from "../asyncio/coroutines";
import {
  aexitNow,
  DONE_VOID,
  DoneIter,
  FAST_PATH,
  NOT_FAST,
  WAIT_ITER,
  yieldFromIterator,
} from "../asyncio/protocols";
import { setClassFinisher } from "./builtins";
import { BytesLike } from "./bytes";
import { eq } from "./compare";
import { installDescriptors, isTranspiledClass, MemberDescriptor, setNames } from "./descriptors";
import { Dict } from "./dict";
import {
  AttributeError,
  type BaseException,
  caught,
  excEnter,
  excLeave,
  GeneratorExit,
  markRaised,
  TypeError as PyTypeError,
  RuntimeError,
  rethrow,
  StopAsyncIteration,
  StopIteration,
  stopIteration,
  typeName,
  UnboundLocalError,
  ValueError,
} from "./exceptions";
import { streams } from "./io";
import { Kw } from "./kw";
import { constructed, installObjectNew, isPyclass, mro, pyBases, registerPyclass } from "./mro";
import { classQualname, forwardToClass } from "./objects";
import {
  callMethod,
  classAttributeView,
  contains,
  getattr,
  getitem,
  iter,
  truthy,
} from "./protocol";
import { _warn_unawaited_coroutine } from "./stdlib/warnings";
import { strBase } from "./str";
import { formatUnraisable } from "./traceback";
import { Tuple } from "./tuple";
import { typeOf } from "./types";

// ---- argument binding

interface Signature {
  qualname: string;
  /** Positional parameters (positional-only first). */
  positional: string[];
  posonly: number;
  vararg: string | null;
  kwonly: string[];
  kwarg: string | null;
  defaults: Record<string, unknown>;
  /** Every parameter in declaration order (the order `bind` returns values in). */
  order: string[];
  /**
   * The function the signature belongs to, once `defaults(fn, ..., sig)` (functions.ts) linked
   * them: its `__defaults__`/`__kwdefaults__` are then the defaults, read at each call.
   */
  fn: Function | null;
  /** Parameters bound before the call (`self`, `cls`), which CPython counts in "takes 2 ...". */
  bound: number;
}

/** A function's parameter list (see requests/python-api.d.ts). */
export function signature(
  qualname: string,
  params: string[],
  defaults: Record<string, unknown> = {},
  bound = 0,
): Signature {
  const sig: Signature = {
    bound,
    qualname,
    positional: [],
    posonly: 0,
    vararg: null,
    kwonly: [],
    kwarg: null,
    defaults,
    order: [],
    fn: null,
  };
  let afterStar = false;
  for (const p of params) {
    if (p === "/") sig.posonly = sig.positional.length;
    else if (p === "*") afterStar = true;
    else if (p.startsWith("**")) {
      sig.kwarg = p.slice(2);
      sig.order.push(sig.kwarg);
    } else if (p.startsWith("*")) {
      sig.vararg = p.slice(1);
      sig.order.push(sig.vararg);
      afterStar = true;
    } else {
      (afterStar ? sig.kwonly : sig.positional).push(p);
      sig.order.push(p);
    }
  }
  return sig;
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0]!;
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

// CPython's messages for wrong argument counts, shared by `bind` (run-time binding), the guard
// of natural signatures (`missingArgs`) and the transpiler, which builds the message of a call
// it knows to be wrong at compile time (`callError`; codegen/lower/calls.ts requires these).

/** "f() missing 2 required positional arguments: 'a' and 'b'" (or "keyword-only"). */
export function missingMessage(
  qualname: string,
  names: string[],
  kind: "positional" | "keyword-only" = "positional",
): string {
  const s = names.length > 1 ? "s" : "";
  return `${qualname}() missing ${names.length} required ${kind} argument${s}: ${quoteList(names)}`;
}

/**
 * "f() takes from 1 to 2 positional arguments but 3 were given": `required` of `total`
 * positional parameters have no default (for a method both count `self`), `given` were passed
 * positionally, `kwGiven` keyword-only ones by keyword.
 */
export function tooManyMessage(
  qualname: string,
  required: number,
  total: number,
  given: number,
  kwGiven = 0,
): string {
  const takes = required < total ? `from ${required} to ${total}` : `${total}`;
  const plural = total === 1 && required === total ? "argument" : "arguments";
  const s = kwGiven > 1 ? "s" : "";
  const what =
    kwGiven > 0
      ? `${given} positional arguments (and ${kwGiven} keyword-only argument${s})`
      : `${given}`;
  const was = given === 1 && kwGiven === 0 ? "was" : "were";
  return `${qualname}() takes ${takes} positional ${plural} but ${what} ${was} given`;
}

/** "f() got an unexpected keyword argument 'x'" */
export function unexpectedKeywordMessage(qualname: string, name: string): string {
  return `${qualname}() got an unexpected keyword argument '${name}'`;
}

/**
 * The guard of a function with a natural signature (codegen/lower/functions.ts), the initializer
 * of its last required parameter: `function f(a: any, b: any = $py.missingArgs("f", ["a", "b"],
 * a))`. JS evaluates it only when that parameter was not passed (Python values are never
 * `undefined`), at the call, also for generator functions. `given` are the values of the
 * required parameters before it: the missing names are those whose value is `undefined`.
 */
export function missingArgs(qualname: string, names: string[], ...given: unknown[]): never {
  const missing = names.filter((_, i) => i >= given.length || given[i] === undefined);
  throw new PyTypeError(missingMessage(qualname, missing));
}

/**
 * A call the transpiler knows to be wrong (`f(1, 2, 3)` for `def f(a, b=2)`): the arguments are
 * evaluated (they are this function's arguments), then CPython's TypeError is raised.
 */
export function callError(message: string, ..._args: unknown[]): never {
  throw new PyTypeError(message);
}

/** The function's current `__defaults__` (functions.ts), or the signature's own defaults. */
function positionalDefaults(sig: Signature): readonly unknown[] {
  if (sig.fn === null)
    return sig.positional.filter((p) => p in sig.defaults).map((p) => sig.defaults[p]);
  const d = (sig.fn as { __defaults__?: unknown }).__defaults__;
  return d instanceof Tuple ? d.items : [];
}

/** The default of a keyword-only parameter (in a box), or undefined when it has none. */
function kwDefault(sig: Signature, name: string): [unknown] | undefined {
  if (sig.fn === null) return name in sig.defaults ? [sig.defaults[name]] : undefined;
  const kwd = (sig.fn as { __kwdefaults__?: unknown }).__kwdefaults__;
  const e = kwd instanceof Dict ? kwd.lookup(name) : undefined;
  return e === undefined ? undefined : [e[1]];
}

/** Bind call arguments to a signature, with CPython's TypeError messages. */
export function bind(sig: Signature, args: unknown[]): any[] {
  let kwargs: Record<string, unknown> = {};
  let positional = args;
  const n = args.length;
  if (n > 0 && args[n - 1] instanceof Kw) {
    kwargs = (args[n - 1] as Kw).kwargs as Record<string, unknown>;
    positional = args.slice(0, n - 1);
  }
  const values = new Map<string, unknown>();
  const np = sig.positional.length;
  // Positional defaults fill the last parameters; keyword-only ones are looked up by name.
  const posDefaults = positionalDefaults(sig);
  const firstDefault = np - posDefaults.length;
  if (positional.length > np && sig.vararg === null) {
    const kwGiven = Object.keys(kwargs).filter((k) => sig.kwonly.includes(k)).length;
    throw new PyTypeError(
      tooManyMessage(
        sig.qualname,
        sig.bound + np - posDefaults.length,
        sig.bound + np,
        sig.bound + positional.length,
        kwGiven,
      ),
    );
  }
  for (let i = 0; i < Math.min(np, positional.length); i++)
    values.set(sig.positional[i]!, positional[i]);
  const extra = new Dict();
  const posonlyAsKw: string[] = [];
  for (const [k, v] of Object.entries(kwargs)) {
    const idx = sig.positional.indexOf(k);
    if (idx >= 0 && idx < sig.posonly) {
      if (sig.kwarg !== null) extra.__setitem__(k, v);
      else posonlyAsKw.push(k);
      continue;
    }
    if (idx >= 0 || sig.kwonly.includes(k)) {
      if (values.has(k))
        throw new PyTypeError(`${sig.qualname}() got multiple values for argument '${k}'`);
      values.set(k, v);
    } else if (sig.kwarg !== null) extra.__setitem__(k, v);
    else throw new PyTypeError(unexpectedKeywordMessage(sig.qualname, k));
  }
  if (posonlyAsKw.length > 0) {
    throw new PyTypeError(
      `${sig.qualname}() got some positional-only arguments passed as keyword arguments: '${posonlyAsKw.join(", ")}'`,
    );
  }
  const missing = sig.positional.filter((p, i) => !values.has(p) && i < firstDefault);
  if (missing.length > 0) throw new PyTypeError(missingMessage(sig.qualname, missing));
  const missingKw = sig.kwonly.filter((p) => !values.has(p) && kwDefault(sig, p) === undefined);
  if (missingKw.length > 0)
    throw new PyTypeError(missingMessage(sig.qualname, missingKw, "keyword-only"));
  return sig.order.map((name) => {
    if (name === sig.vararg) return new Tuple(positional.slice(np));
    if (name === sig.kwarg) return extra;
    if (values.has(name)) return values.get(name);
    const i = sig.positional.indexOf(name);
    return i >= 0 ? posDefaults[i - firstDefault] : kwDefault(sig, name)![0];
  });
}

// ---- classes

const SKIP_STATICS = new Set([
  "length",
  "name",
  "prototype",
  "__annotations__",
  "__name__",
  "__qualname__",
  "__module__",
]);

export { bases, checkAttr } from "./mro";

/** Is `cls`'s own `name`/`length` JS's own (read-only) rather than a Python attribute? */
function jsOwnStatic(cls: Function, key: string): boolean {
  const d = Object.getOwnPropertyDescriptor(cls, key);
  return d !== undefined && "value" in d && !d.writable;
}

/**
 * JS gives every class its own `name` and `length`, which would hide a base's class attribute,
 * class method or static method of that name (`@classmethod def name(cls)`): a class that does
 * not define its own reads the nearest base's through an accessor (assigning makes its own).
 */
function inheritJsNamedStatics(cls: Function): void {
  for (const key of ["name", "length"]) {
    if (!jsOwnStatic(cls, key)) continue;
    let base = Object.getPrototypeOf(cls) as Function | null;
    while (typeof base === "function" && base !== Function.prototype && !Object.hasOwn(base, key))
      base = Object.getPrototypeOf(base) as Function | null;
    if (typeof base !== "function" || base === Function.prototype || jsOwnStatic(base, key))
      continue;
    const from = base;
    Object.defineProperty(cls, key, {
      configurable: true,
      get(this: Function) {
        return Reflect.get(from, key, this);
      },
      set(this: Function, v: unknown) {
        Object.defineProperty(this, key, { value: v, writable: true, configurable: true });
      },
    });
  }
}

/** A JS class (`class ...`), as a class attribute's value: data, not a method. */
function isClassValue(v: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(v));
}

function classMro(this: Function): Function[] {
  return [...mro(this)];
}

/** The program's classes by base class, in the order they were made (`C.__subclasses__()`). */
const subclassLists = new WeakMap<Function, Function[]>();

function classSubclasses(this: Function): Function[] {
  return [...(subclassLists.get(this) ?? [])];
}

/**
 * The attribute names of a class's own `__slots__`, private ones mangled as CPython's `type_new`
 * does (`__x` of class `C` is the slot `_C__x`; codegen/private_names.ts).
 */
export function declaredSlots(cls: Function): string[] {
  const decl = (cls as { __slots__?: unknown }).__slots__;
  const names = typeof decl === "string" ? [decl] : [...iter(decl)].map(String);
  const owner = String((cls as { __name__?: unknown }).__name__ ?? cls.name).replace(/^_+/, "");
  return names.map((n) =>
    owner !== "" && n.startsWith("__") && !n.endsWith("__") && !n.includes(".")
      ? `_${owner}${n}`
      : n,
  );
}

/** The slot names of a class's own `__slots__` that are attributes (not `__dict__`, ...). */
function ownSlots(cls: Function): string[] {
  if (!Object.hasOwn(cls, "__slots__")) return [];
  return declaredSlots(cls).filter((n) => n !== "__dict__" && n !== "__weakref__");
}

/** CPython's check of `__slots__` when the class is made: a slot cannot be a class attribute. */
function checkSlots(cls: Function): void {
  for (const n of ownSlots(cls)) {
    const d = Object.getOwnPropertyDescriptor(cls, n);
    const jsOwn = SKIP_STATICS.has(n) && !(d?.writable && d.enumerable);
    if ((d !== undefined && !jsOwn) || Object.hasOwn(cls.prototype as object, n))
      throw new ValueError(`'${n}' in __slots__ conflicts with class variable`);
  }
}

/** `C.x` of a slot `x`: its member descriptor (over JS's own `name`/`length` too). */
function installSlots(cls: Function): void {
  for (const n of ownSlots(cls)) {
    if (SKIP_STATICS.has(n) && n !== "name" && n !== "length") continue;
    Object.defineProperty(cls, n, {
      value: new MemberDescriptor(n, cls),
      writable: true,
      configurable: true,
    });
  }
}

/**
 * Make the class attributes `cls` has now (static fields) readable through its instances: Python
 * looks them up on the class; assigning through an instance creates an instance attribute.
 */
function forwardClassAttributes(cls: Function): void {
  const c = cls as unknown as { prototype: Record<PropertyKey, unknown> };
  for (const key of Object.getOwnPropertyNames(cls)) {
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    // JS's own `name`/`length` are read-only; a class body's `name = ...` is a class attribute.
    if (SKIP_STATICS.has(key) && !((key === "name" || key === "length") && desc.writable)) continue;
    // Functions are static and class methods (forwarded below); a class is a value.
    // A static field holding a function that does not bind (`ln = len`) is a value too.
    const isFunction =
      typeof desc.value === "function" && !isClassValue(desc.value) && !desc.enumerable;
    if (!("value" in desc) || isFunction || Object.hasOwn(c.prototype, key)) continue;
    classAttributeView(cls, key, desc.value);
  }
}

/**
 * A class body's `h = helper`, `twice = lambda self: ...` or `__hash__ = object.__hash__`: a class
 * attribute (a static *field*, which JS makes enumerable, unlike a static method) holding a Python
 * function or a method descriptor, which Python binds to the instance it is read through. Such
 * an attribute gets a method on the prototype that calls the class's current value with the
 * instance first (the class attribute itself stays as it is: `V.h is helper`). A builtin function
 * (`ln = len`), a bound method or a class does not bind, as in CPython.
 */
function bindFunctionAttributes(cls: Function): void {
  for (const key of Object.getOwnPropertyNames(cls)) {
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    const f = desc.value as unknown;
    if (!desc.enumerable || typeof f !== "function" || SKIP_STATICS.has(key)) continue;
    if (!Object.hasOwn(cls.prototype, key)) classAttributeView(cls, key, f);
  }
}

/** The object of `proto`'s prototype chain that has `key` as its own property, or null. */
function definingObject(proto: object, key: PropertyKey): object | null {
  for (let p: object | null = proto; p !== null; p = Object.getPrototypeOf(p))
    if (Object.hasOwn(p, key)) return p;
  return null;
}

/**
 * Finish a transpiled class (see requests/python-api.d.ts); `module` is the defining module's
 * name (a class of a sibling module `shapes.py` prints as `<class 'shapes.Square'>`).
 */
export function pyclass<C extends Function>(
  cls: C,
  qualname: string,
  module?: string,
  classKw?: Kw,
): C;
// A class whose static `name`/`length` is a method (`@classmethod def name(cls)`) is not a
// `Function` for TypeScript.
export function pyclass<C extends abstract new (...args: never) => unknown>(
  cls: C,
  qualname: string,
  module?: string,
  classKw?: Kw,
): C;
export function pyclass<C extends Function>(
  cls: C,
  qualname: string,
  module = "__main__",
  classKw?: Kw,
): C {
  const c = cls as unknown as Record<string, unknown> & { prototype: Record<PropertyKey, unknown> };
  const define = (name: string, value: unknown) =>
    Object.defineProperty(cls, name, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  define("__name__", qualname.split(".").pop());
  define("__qualname__", qualname);
  define("__module__", module);
  inheritJsNamedStatics(cls);
  checkSlots(cls);
  // A sibling module's methods say its name (`__module__`); `__main__` is every function's default.
  if (module !== "__main__")
    (require("./module") as typeof import("./module")).markMethods(cls, module);
  // `__doc__` is the class's own docstring (a `static __doc__`), else None: never a base's.
  if (!Object.hasOwn(cls, "__doc__")) define("__doc__", null);
  registerPyclass(cls);
  for (const base of pyBases(cls)) {
    let subs = subclassLists.get(base);
    if (subs === undefined) subclassLists.set(base, (subs = []));
    subs.push(cls);
  }
  bindFunctionAttributes(cls);
  // A class that defines `__eq__` without `__hash__` is unhashable: its `__hash__` is None.
  if (Object.hasOwn(c.prototype, "__eq__") && !Object.hasOwn(c.prototype, "__hash__"))
    Object.defineProperty(c.prototype, "__hash__", {
      value: null,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  // `x = property(...)`, `staticmethod(f)`, `classmethod(f)`, `@property` (descriptors.ts).
  installDescriptors(cls);
  setNames(cls);
  forwardClassAttributes(cls);
  installSlots(cls);
  for (const target of [c.prototype, c]) {
    for (const key of Object.getOwnPropertyNames(target)) {
      const desc = Object.getOwnPropertyDescriptor(target, key)!;
      const fn = desc.value as unknown;
      if (typeof fn !== "function" || key === "constructor" || !FUNCTION_NAME.test(key)) continue;
      // A class attribute holding a function made elsewhere (`ln = len`) keeps its names.
      if (target === c && desc.enumerable) continue;
      if (target === c && (key === "length" || key === "name" || key === "prototype")) continue;
      if (
        (fn as { prototype?: unknown }).prototype !== undefined &&
        target === c &&
        /^class/.test(String(fn))
      )
        continue;
      const f = fn as { __qualname__?: string; __name__?: string };
      if (!Object.hasOwn(f, "__qualname__")) f.__qualname__ = `${qualname}.${key}`;
      if (!Object.hasOwn(f, "__name__")) f.__name__ = key;
    }
  }
  // Class and static methods are reachable through instances too (`obj.create()`), with the
  // instance's class as `cls`.
  for (const key of Object.getOwnPropertyNames(cls)) {
    const desc = Object.getOwnPropertyDescriptor(cls, key)!;
    // (A class's own `name`/`length` are JS's string and number: a method of that name is the
    // class body's.)
    if (typeof desc.value !== "function" || key in c.prototype) continue;
    if (SKIP_STATICS.has(key) && key !== "name" && key !== "length") continue;
    if (desc.enumerable) continue; // a class attribute (a static field), not a static method
    if (isClassValue(desc.value)) continue;
    forwardToClass(cls, key);
  }
  // JS iteration (`for...of`, spreads) calls `__iter__` when it is newer than the JS iterator the
  // class has (a runtime base's `__iter__` and iterator agree: `class S(set)` keeps set's).
  const iterOwner = definingObject(c.prototype, "__iter__");
  const jsIterOwner = definingObject(c.prototype, Symbol.iterator);
  if (
    typeof c.prototype.__iter__ === "function" &&
    iterOwner !== null &&
    (jsIterOwner === null ||
      (jsIterOwner !== iterOwner && !Object.prototype.isPrototypeOf.call(iterOwner, jsIterOwner)))
  ) {
    c.prototype[Symbol.iterator] = function (this: { __iter__(): unknown }) {
      return iter(this);
    };
  } else if (
    typeof c.prototype.__await__ === "function" &&
    !Object.hasOwn(c.prototype, Symbol.iterator)
  ) {
    c.prototype[Symbol.iterator] = function (this: { __await__(): unknown }) {
      // CPython's checks of what `__await__` returns (`_PyCoro_GetAwaitableIter`).
      const it = this.__await__();
      if (iscoroutine(it)) throw new PyTypeError("__await__() returned a coroutine");
      if (typeof (it as Iterator<unknown> | null)?.next !== "function") {
        throw new PyTypeError(`__await__() returned non-iterator of type '${typeName(it)}'`);
      }
      return yieldFromIterator(it as Iterator<unknown>);
    };
  }
  // `C.mro()`: a static every transpiled class inherits from its root.
  if (!("mro" in cls)) define("mro", classMro);
  if (!("__subclasses__" in cls)) define("__subclasses__", classSubclasses);
  // What `type.__new__` does last: the parent's `__init_subclass__` (an enum base finalizes here).
  // Class keywords (`class P(Base, name="x")`) are passed on; `object.__init_subclass__` takes none.
  const parent = Object.getPrototypeOf(cls) as { __init_subclass__?: Function } | null;
  if (typeof parent?.__init_subclass__ === "function") {
    parent.__init_subclass__.call(cls, ...(classKw === undefined ? [] : [classKw]));
    // What a transpiled one set on the class (`cls.slug = ...`) is read through instances too.
    const owner = mro(cls)
      .slice(1)
      .find((k) => Object.hasOwn(k, "__init_subclass__"));
    if (isTranspiledClass(owner)) forwardClassAttributes(cls);
  } else if (classKw !== undefined && Object.keys(classKw.kwargs).length > 0)
    throw new PyTypeError(`${classQualname(cls)}.__init_subclass__() takes no keyword arguments`);
  return cls;
}

setClassFinisher((cls, qualname) => pyclass(cls, qualname));

/**
 * After a class decorator of the program ran (`@register class C`): the class attributes and
 * methods it stored with plain assignments (`cls.extra = 1`, `cls.helper = f`) are seen through
 * instances too, as those `pyclass` made from the class body.
 */
export function refreshClass<T>(cls: T): T {
  if (typeof cls === "function" && isPyclass(cls)) {
    bindFunctionAttributes(cls);
    forwardClassAttributes(cls);
  }
  return cls;
}

/**
 * A generator expression's generator, marked as a Python generator (not a coroutine). `fn` is
 * named `$genexpr` (for tracebacks); its Python name is `<genexpr>`, its qualified name
 * `qualname` (`main.<locals>.<genexpr>` in a function); `first` is the first iterable, evaluated
 * where the expression is.
 */
export function genexpr(
  fn: (first?: unknown) => Generator<unknown, unknown, unknown>,
  qualname = "<genexpr>",
  first?: unknown,
): Generator<unknown, unknown, unknown> {
  (fn as { __name__?: string }).__name__ = "<genexpr>";
  markgeneratorfunction(fn, qualname);
  return fn(first);
}

/**
 * The iterator of a `for` loop over an object the program may still hold (`for x in g:`, not
 * `for x in gen():`): JS calls the iterator's `return()` when the loop is left early, which
 * closes a generator, where CPython only drops a reference (the generator goes on in the next
 * loop over `g`). A Python generator is looped through a wrapper without `return`.
 */
export function iterHeld(x: unknown): Iterable<unknown> {
  const it = iter(x);
  if ((it as { return?: unknown }).return !== generatorReturn) return it;
  return {
    [Symbol.iterator]() {
      return { next: (v?: unknown) => it.next(v) };
    },
  };
}

setUnraisableHook((e, gen) => {
  const err = streams.stderr as { write(s: string): unknown; flush?: () => unknown };
  (streams.stdout as { flush?: () => unknown }).flush?.();
  err.write(formatUnraisable(caught(e), gen));
  err.flush?.();
});

// ---- with / async with / async for

/** `obj`'s method `name` (unbound), or the TypeError CPython raises for a missing protocol. */
function specialMethod(
  obj: unknown,
  name: string,
  protocol: string,
): (...args: unknown[]) => unknown {
  const f = (obj as Record<string, unknown> | null)?.[name];
  if (typeof f !== "function") {
    throw new PyTypeError(`'${typeName(obj)}' object does not support the ${protocol} protocol`);
  }
  return f as (...args: unknown[]) => unknown;
}

function special(obj: unknown, name: string, protocol: string): (...args: unknown[]) => unknown {
  return specialMethod(obj, name, protocol).bind(obj);
}

/**
 * The manager's `__enter__`/`__aenter__` and `__exit__`/`__aexit__`, looked up in CPython's order
 * and with its messages: the entry method first, then the exit method ("missed ...").
 */
function managerMethods(
  cm: unknown,
  enter: string,
  exit: string,
  protocol: string,
): [(...args: unknown[]) => unknown, (...args: unknown[]) => unknown] {
  const enterFn = specialMethod(cm, enter, protocol);
  const exitFn = (cm as Record<string, unknown>)[exit];
  if (typeof exitFn !== "function") {
    throw new PyTypeError(
      `'${typeName(cm)}' object does not support the ${protocol} protocol (missed ${exit} method)`,
    );
  }
  return [enterFn, exitFn as (...args: unknown[]) => unknown];
}

/**
 * What the body's exception does to the `with` statement: `__exit__` (or `__aexit__`) runs with it
 * as the exception being handled (`sys.exception()`; what `__exit__` raises is chained to it);
 * a true result swallows it, anything else re-raises it.
 */
function exitArgs(e: unknown, first?: number, last?: number): [BaseException, unknown[]] {
  const exc = caught(e);
  // `first`..`last`, the statement's lines: its traceback, as the context of what `__exit__`
  // raises, starts at the frame of the `with` (as one caught by a `try` there).
  excEnter(exc, first, last);
  return [exc, [typeOf(exc), exc, null]];
}

/**
 * What `__exit__` raised: chained to the body's exception, or that exception itself raised on
 * (`raise exc_value`), whose traceback is then its whole one again (see exitArgs).
 */
function exitRaised(x: unknown, exc: BaseException): BaseException {
  const raised = caught(x);
  return raised === exc ? rethrow(exc) : raised;
}

/**
 * The `with` statement's protocol (see codegen/lower/with.ts): `enter()`, then `exit(e)` in the
 * body's catch (re-raises `e` unless `__exit__` swallows it), and `close()` in its finally
 * (`__exit__(None, None, None)` unless `exit` ran).
 */
class WithCtx {
  private exited = false;
  private readonly enterFn: (...args: unknown[]) => unknown;
  private readonly exitFn: (...args: unknown[]) => unknown;

  constructor(private readonly cm: unknown) {
    [this.enterFn, this.exitFn] = managerMethods(cm, "__enter__", "__exit__", "context manager");
  }

  enter(): any {
    return this.enterFn.call(this.cm);
  }

  exit(e: unknown, first?: number, last?: number): void {
    this.exited = true;
    const [exc, args] = exitArgs(e, first, last);
    let swallow: boolean;
    try {
      swallow = truthy(this.exitFn.apply(this.cm, args));
    } catch (x) {
      throw exitRaised(x, exc);
    } finally {
      excLeave(exc);
    }
    if (!swallow) throw rethrow(exc);
  }

  /**
   * `exit` for a manager whose `__exit__` returns a Promise (asyncio.Runner, which cannot block
   * Node); the transpiler awaits it for such managers.
   */
  async exitAsync(e: unknown, first?: number, last?: number): Promise<void> {
    this.exited = true;
    const [exc, args] = exitArgs(e, first, last);
    let swallow: boolean;
    try {
      swallow = truthy(await this.exitFn.apply(this.cm, args));
    } catch (x) {
      throw exitRaised(x, exc);
    } finally {
      excLeave(exc);
    }
    if (!swallow) throw rethrow(exc);
  }

  /** Leaves without an exception (a Promise for a Promise-returning `__exit__`). */
  close(): any {
    if (this.exited) return undefined;
    this.exited = true;
    const r = this.exitFn.call(this.cm, null, null, null);
    return r instanceof Promise ? r.then(() => undefined) : undefined;
  }
}

/** The `with` statement's protocol. */
export function withCtx(cm: unknown): WithCtx {
  return new WithCtx(cm);
}

const DONE_NULL = new DoneIter<null>(null);

type ShortcutFn = ((...args: unknown[]) => unknown) & {
  [FAST_PATH]?: (...args: unknown[]) => unknown;
  [WAIT_ITER]?: () => Iterator<unknown, unknown, unknown> | null;
};

/**
 * The `async with` statement's protocol: `aenter()`, then `aexit(e)` in the body's catch and
 * `aclose()` in its finally, each driven by `yield*` (see codegen/lower/with.ts). A class, not an
 * object of closures: V8 gives every freshly created generator-function closure its own prototype
 * and map, which made each `async with` cost microseconds.
 *
 * The lock primitives' `__aenter__`/`__aexit__` carry synchronous shortcuts (FAST_PATH and
 * WAIT_ITER, asyncio/protocols.ts): when awaiting them would not suspend, `aenter()`/`aclose()`
 * do their work at once and return an iterator that is already done, so an uncontended
 * `async with lock:` makes no generator at all, as awaiting it in CPython never suspends.
 */
class AsyncWithCtx {
  private exited = false;
  private readonly aenterFn: ShortcutFn;
  private readonly aexitFn: ShortcutFn;

  constructor(private readonly cm: unknown) {
    [this.aenterFn, this.aexitFn] = managerMethods(
      cm,
      "__aenter__",
      "__aexit__",
      "asynchronous context manager",
    );
  }

  aenter(): Iterable<unknown, any, unknown> {
    const fast = this.aenterFn[FAST_PATH];
    if (fast !== undefined) {
      const value = fast.call(this.cm);
      if (value !== NOT_FAST) return value === null ? DONE_NULL : new DoneIter(value);
      const wait = this.aenterFn[WAIT_ITER]?.call(this.cm);
      if (wait != null) return wait as unknown as Iterable<unknown, unknown, unknown>;
    }
    return awaitedFrom("__aenter__", this.aenterFn.call(this.cm));
  }

  /** The body raised `e`: await `__aexit__`; re-raises `e` unless that swallows it. */
  *aexit(e: unknown, first?: number, last?: number): Generator<unknown, void, unknown> {
    this.exited = true;
    const [exc, args] = exitArgs(e, first, last);
    let swallow: boolean;
    try {
      swallow = truthy(yield* awaitedFrom("__aexit__", this.aexitFn.apply(this.cm, args)));
    } catch (x) {
      throw exitRaised(x, exc);
    } finally {
      excLeave(exc);
    }
    if (!swallow) throw rethrow(exc);
  }

  /** The body left normally (or by break, continue, return): `__aexit__(None, None, None)`. */
  aclose(): Iterable<unknown, void, unknown> {
    if (this.exited) return DONE_VOID;
    this.exited = true;
    if (aexitNow(this.cm, this.aexitFn)) return DONE_VOID;
    return awaitedFrom("__aexit__", this.aexitFn.call(this.cm, null, null, null));
  }
}

/** What `__aenter__`/`__aexit__` returned, checked to be awaitable (CPython's message if not). */
function awaitedFrom(method: string, value: unknown): Iterable<unknown, any, unknown> {
  if (!isAwaitIter(value))
    throw new PyTypeError(
      `'async with' received an object from ${method} that does not implement __await__: ${typeName(value)}`,
    );
  return value as Iterable<unknown, any, unknown>;
}

/** The `async with` statement's protocol. */
export function asyncWithCtx(cm: unknown): AsyncWithCtx {
  return new AsyncWithCtx(cm);
}

/** `x.__aiter__()`, checked to be an asynchronous iterator; the messages name the caller. */
function asyncIterOf(
  x: unknown,
  notIterable: () => string,
  notIterator: (it: unknown) => string,
): unknown {
  const f = (x as Record<string, unknown> | null)?.__aiter__;
  if (typeof f !== "function") throw new PyTypeError(notIterable());
  const it = f.call(x);
  if (typeof (it as Record<string, unknown> | null)?.__anext__ !== "function")
    throw new PyTypeError(notIterator(it));
  return it;
}

type AwaitIter<T> = T extends Iterable<unknown> ? T : Iterable<unknown, any, unknown>;

/** Can `yield*` await `x` as it is: an iterator (a coroutine, a Future's iterator) or an `__await__`? */
function isAwaitIter(x: unknown): boolean {
  return (
    typeof x === "object" &&
    x !== null &&
    (typeof (x as { next?: unknown }).next === "function" ||
      typeof (x as { __await__?: unknown }).__await__ === "function")
  );
}

/**
 * The operand of `await` that is a call not known to make a coroutine (codegen/lower/functions.ts):
 * an iterator (a coroutine, a Future's awaiting iterator) or an object with `__await__`; anything
 * else raises CPython's TypeError (`await` of a list would step through its items). A coroutine
 * made by the call is new; one a cache returned is tracked (`awaitTracked`: it may be finished).
 */
export function awaitOperand<T>(x: T): AwaitIter<T> {
  if (typeof x === "object" && x !== null) {
    if (istrackedcoroutine(x)) return awaitTracked(x as unknown as Coro) as unknown as AwaitIter<T>;
    if (isAwaitIter(x)) return x as AwaitIter<T>;
  }
  throw new PyTypeError(`object ${typeName(x)} can't be used in 'await' expression`);
}

/**
 * The operand of `await` that is not a call (a name, an attribute, an item): a coroutine there
 * may be held elsewhere, finished or being awaited, which `awaitTracked` checks as CPython does.
 */
export function awaitHeld<T>(x: T): AwaitIter<T> {
  if (typeof x === "object" && x !== null) {
    // An `async def`'s coroutine (its prototype's `__await__`) is checked; a Future or another
    // awaitable object is awaited as it is (one load for the common `await task`).
    const aw = (x as { __await__?: unknown }).__await__;
    if (aw === coroutineAwait) return awaitTracked(x as unknown as Coro) as unknown as AwaitIter<T>;
    if (typeof aw === "function") return x as AwaitIter<T>;
    if (iscoroutine(x)) return awaitTracked(x) as unknown as AwaitIter<T>;
  }
  return awaitOperand(x);
}

/** `aiter(x)`. */
export function aiter(x: unknown): unknown {
  return asyncIterOf(
    x,
    () => `'${typeName(x)}' object is not an async iterable`,
    (it) => `aiter() returned not an async iterator of type '${typeName(it)}'`,
  );
}

/** The iterator of an `async for` statement or comprehension (CPython's GET_AITER messages). */
export function asyncForIter(x: unknown): unknown {
  return asyncIterOf(
    x,
    () => `'async for' requires an object with __aiter__ method, got ${typeName(x)}`,
    (it) =>
      `'async for' received an object from __aiter__ that does not implement __anext__: ${typeName(it)}`,
  );
}

/**
 * The iterator of an `async for` over a call (`async for x in ticker():`) is dropped as the loop
 * is left. In CPython that is when the GC finalizes an unfinished async generator: the loop's
 * finalizer hook schedules its `aclose()`. Other async iterators have nothing to finalize.
 */
export function asyncForDrop(it: unknown): void {
  (it as { _tsDropped?: () => void } | null)?._tsDropped?.();
}

/** One step of `async for`. */
export function* anextStep(
  it: unknown,
): Generator<unknown, IteratorResult<unknown, undefined>, unknown> {
  const next = special(it, "__anext__", "asynchronous iterator");
  const awaitable = next();
  if (!isAwaitIter(awaitable)) {
    throw new PyTypeError(
      `'async for' received an invalid object from __anext__: ${typeName(awaitable)}`,
    );
  }
  try {
    const value = yield* awaitable as Generator<unknown, unknown, unknown>;
    return { done: false, value };
  } catch (e) {
    if (e instanceof StopAsyncIteration) return { done: true, value: undefined };
    throw e;
  }
}

/** `anext(it[, default])`: an awaitable of the next item (the default at the end, if given). */
export function anext(it: unknown, ...dflt: unknown[]): unknown {
  const f = (it as Record<string, unknown> | null)?.__anext__;
  if (typeof f !== "function")
    throw new PyTypeError(`'${typeName(it)}' object is not an async iterator`);
  const awaitable = f.call(it);
  if (dflt.length === 0) return awaitable;
  return (function* () {
    if (!isAwaitIter(awaitable))
      throw new PyTypeError(`object ${typeName(awaitable)} can't be used in 'await' expression`);
    try {
      return yield* awaitable as Generator<unknown, unknown, unknown>;
    } catch (e) {
      if (e instanceof StopAsyncIteration) return dflt[0];
      throw e;
    }
  })();
}

const FUNCTION_NAME = /^[A-Za-z_$][\w$]*$/;

// ---- __new__

/**
 * The constructor of a class of the program that defines `__new__` or inherits it from another
 * (lower/classes.ts): `type.__call__` (mro.ts's `typeCall`), reached through `new C(...)` where
 * the transpiler could not call `typeCall` itself (the runtime's own `new`). A JS constructor can
 * only give an object: a `__new__` returning a str, a number or None is refused there with a
 * TypeError (see docs/DIFFERENCES.md).
 */
export function constructViaNew(cls: Function, args: unknown[]): any {
  return constructed(cls, args);
}

installObjectNew((cls) => {
  const obj = Object.create(cls.prototype as object) as object;
  return "__slots__" in cls ? slotted(obj, cls) : obj;
});

/**
 * The instance a transpiled root class with `__slots__` constructs: when every class from
 * `newTarget` up to the root declares its own `__slots__` (CPython: no `__dict__`), a proxy that
 * refuses new attributes not named in a `__slots__` (AttributeError as CPython words it); else
 * `self` itself.
 */
export function slotted<T extends object>(self: T, newTarget: Function): T {
  return slotProxy(self, slotNames(newTarget));
}

/** `self`, or a proxy refusing new attributes not in `slots` (see `slotted`). */
export function slotProxy<T extends object>(self: T, slots: Set<string> | null): T {
  if (slots === null || slots.has("__dict__")) return self;
  return new Proxy(self, {
    set(target, key, value) {
      if (typeof key === "string" && !(key in target) && !slots.has(key))
        throw new AttributeError(
          `'${typeName(target)}' object has no attribute '${key}' and no __dict__ for setting new attributes`,
        );
      return Reflect.set(target, key, value);
    },
  });
}

/**
 * The attribute names the `__slots__` of `cls` and its bases (up to `root`, excluded) allow, or
 * null when some class of the chain has no `__slots__` (its instances then have a `__dict__`).
 */
export function slotNames(cls: Function, root: unknown = Function.prototype): Set<string> | null {
  const slots = new Set<string>();
  for (let c: unknown = cls; typeof c === "function" && c !== root; ) {
    if (!Object.hasOwn(c, "__slots__")) {
      if (Object.getPrototypeOf(c) === Function.prototype) break;
      return null;
    }
    for (const n of declaredSlots(c as Function)) slots.add(n);
    c = Object.getPrototypeOf(c);
  }
  return slots;
}

/**
 * The value of an expression statement whose call may return a coroutine (`$py.discard(f());`).
 * CPython destroys the value at once (reference counting), and a coroutine destroyed before it
 * ran warns "coroutine 'f' was never awaited" at the line that dropped it.
 */
export function discard(value: unknown): void {
  if (iscoroutine(value)) _warn_unawaited_coroutine(value);
}

/**
 * A read of a local that may not be bound yet (transpiled locals are `undefined` until bound):
 * `UnboundLocalError` as CPython words it.
 */
export function checkBound<T>(value: T, name: string): T {
  if (value === undefined)
    throw new UnboundLocalError(
      `cannot access local variable '${name}' where it is not associated with a value`,
    );
  return value;
}

/** Give a transpiled function its Python `__qualname__` and `__name__` (traces print them). */
export function named<F extends Function>(fn: F, qualname: string, doc?: string): F {
  const f = fn as unknown as { __qualname__?: string; __name__?: string; __doc__?: string };
  f.__qualname__ = qualname;
  const name = qualname.split(".").pop()!;
  f.__name__ = name;
  if (doc !== undefined) f.__doc__ = doc;
  // A private method's JS name is its mangled one (`_C__helper`, codegen/private_names.ts):
  // V8's stack frames (hence tracebacks) show the written `__helper`, as CPython's do.
  if (name.startsWith("__") && /^_[^_].*$/.test(fn.name) && fn.name.endsWith(name))
    Object.defineProperty(fn, "name", { value: name, configurable: true });
  return fn;
}

// REQUEST: Python generator objects' `send`, `close` and `__next__` (CPython's generator API) on
// JS generator objects. Installed on the shared generator prototype when missing (coroutines are
// generators too, and Python coroutines also have `send`/`close`). JS's own `throw` is kept: the
// Task uses it; Python's `gen.throw(exc)` returns the next value instead of an iterator result.
const GeneratorProto = Object.getPrototypeOf(function* () {}.prototype) as Record<string, unknown>;
function installGeneratorMethod(name: string, fn: Function): void {
  if (!(name in GeneratorProto)) {
    Object.defineProperty(GeneratorProto, name, {
      value: fn,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}
installGeneratorMethod("send", function (this: Generator, value: unknown) {
  const r = this.next(value);
  if (r.done) throw stopIteration(r.value);
  return r.value;
});
installGeneratorMethod("__next__", function (this: Generator) {
  const r = this.next(null);
  if (r.done) throw stopIteration(r.value);
  return r.value;
});
// `gen.close()`: throws GeneratorExit in at the suspended `yield` (so `except GeneratorExit` and
// `finally` blocks run), as CPython does.
installGeneratorMethod("close", function (this: Generator) {
  let r: IteratorResult<unknown>;
  const exit = new GeneratorExit();
  try {
    r = this.throw(exit);
  } catch (e) {
    if (e instanceof GeneratorExit || e instanceof StopIteration) return null;
    throw e;
  }
  // It yielded from its `except GeneratorExit:` handler, which stays suspended: the exception
  // must not stay the one being handled (CPython keeps it in the generator's frame).
  excLeave(exit);
  if (!r.done) throw new RuntimeError("generator ignored GeneratorExit");
  return r.value === undefined ? null : r.value;
});

/**
 * PEP 479: a StopIteration (or, in an async generator, StopAsyncIteration) raised out of a
 * generator's body becomes `RuntimeError("generator raised StopIteration")`, caused by it. The
 * transpiler wraps generator bodies: `catch ($e) { throw $py.pep479($e, "generator"); }`.
 */
export function pep479(e: unknown, what: "generator" | "async generator"): unknown {
  const stop = e instanceof StopIteration ? "StopIteration" : null;
  const astop = what === "async generator" && e instanceof StopAsyncIteration;
  if (stop === null && !astop) return e;
  markRaised(e); // it left the generator's frame: its traceback prints with its header
  // Tracebacks (src/python/traceback.ts): the StopIteration's ends at the generator's frame,
  // where it was caught; the RuntimeError's starts in the frame that resumed the generator.
  (e as { _tbCatchSite?: unknown })._tbCatchSite ??= new Error();
  const err = new RuntimeError(`${what} raised ${stop ?? "StopAsyncIteration"}`);
  (err as { _tbCallersOnly?: boolean })._tbCallersOnly = true;
  err.__cause__ = e as BaseException;
  err.__context__ = e as BaseException;
  err.__suppress_context__ = true;
  return err;
}

// ---- match

/** A sequence pattern's subject as `n` items (the starred one, at `star`, as a list), or null. */
export function matchSequence(subject: unknown, n: number, star: number): unknown[] | null {
  if (typeof subject === "string" || subject === null || typeof subject !== "object") return null;
  // str, bytes and bytearray are not sequences to a pattern.
  if (
    subject instanceof Dict ||
    subject instanceof BytesLike ||
    strBase(subject) !== undefined ||
    !(Array.isArray(subject) || subject instanceof Tuple || isSequence(subject))
  )
    return null;
  const items = Array.isArray(subject)
    ? subject
    : subject instanceof Tuple
      ? [...subject.items]
      : [...iter(subject)];
  if (star < 0) return items.length === n ? items : null;
  if (items.length < n - 1) return null;
  const after = n - star - 1;
  return [
    ...items.slice(0, star),
    items.slice(star, items.length - after),
    ...items.slice(items.length - after),
  ];
}

function isSequence(x: object): boolean {
  return (
    typeof (x as { __getitem__?: unknown }).__getitem__ === "function" &&
    typeof (x as { __len__?: unknown }).__len__ === "function"
  );
}

/** A mapping pattern: the values of `keys` (all present), or null. */
export function matchMapping(subject: unknown, keys: unknown[]): unknown[] | null {
  // A JS array (a list) has a `keys` method, but is not a mapping.
  if (
    !(subject instanceof Dict) &&
    (Array.isArray(subject) || typeof (subject as { keys?: unknown } | null)?.keys !== "function")
  )
    return null;
  const out: unknown[] = [];
  for (const k of keys) {
    if (!contains(subject, k)) return null;
    out.push(getitem(subject, k));
  }
  return out;
}

/** `**rest` in a mapping pattern: a dict of the other items. */
export function mappingRest(subject: unknown, keys: unknown[]): Dict {
  const out = new Dict();
  for (const k of iter(callMethod(subject, "keys"))) {
    if (!keys.some((x) => eq(x, k))) out.__setitem__(k, getitem(subject, k));
  }
  return out;
}

const SELF_MATCHING = new Set([
  "bool",
  "bytearray",
  "bytes",
  "dict",
  "float",
  "frozenset",
  "int",
  "list",
  "set",
  "str",
  "tuple",
]);

/**
 * The `i`th positional sub-pattern's subject of a class pattern (`__match_args__`), or undefined
 * when the subject lacks that attribute (the pattern then fails, as CPython's match_class).
 */
export function matchClassArg(subject: unknown, cls: unknown, i: number, n: number): unknown {
  const name = (cls as { __name__?: string }).__name__;
  if (
    typeof cls === "function" &&
    name !== undefined &&
    SELF_MATCHING.has(name) &&
    (cls as { __module__?: string }).__module__ === "builtins"
  ) {
    if (n > 1) throw new PyTypeError(`${name}() accepts 1 positional sub-pattern (${n} given)`);
    return subject;
  }
  const args = (cls as { __match_args__?: unknown }).__match_args__;
  const list = args instanceof Tuple ? args.items : Array.isArray(args) ? args : [];
  // Checked before any attribute is read (CPython's match_class counts first).
  if (n > list.length) {
    throw new PyTypeError(
      `${name ?? "?"}() accepts ${list.length} positional sub-pattern${list.length === 1 ? "" : "s"} (${n} given)`,
    );
  }
  // A missing attribute (an AttributeError) fails the pattern: undefined, never a Python value.
  return getattr(subject, String(list[i]), undefined);
}
