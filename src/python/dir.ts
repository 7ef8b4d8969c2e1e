/**
 * `dir(obj)`: the sorted attribute names CPython 3.13 lists.
 *
 * Exact for what a program defines: instances of transpiled classes (their own attributes, then
 * every class of the MRO), the classes themselves, the program's modules, and classes over the
 * builtin exceptions; values of the builtin types (`dir(1)`, `dir([])`, `dir(str)`) list CPython's
 * names from the tables below. A transpiled class's own names are what CPython puts in a class
 * `__dict__`: `__module__`, `__firstlineno__`, `__static_attributes__`, `__doc__`, `__dict__` and
 * `__weakref__` (or `__slots__` and the slot names), `__annotations__` when the body annotates,
 * and the class attributes, methods and properties (static fields and prototype members, minus
 * what the runtime adds: the stub `__init__`, `mro`, forwarders). A runtime class may list itself
 * and its instances (the `Symbol.for("asyncio-ts.dir")` hook: enum.ts's `EnumType.__dir__` and
 * `Enum.__dir__`). A dataclass lists the members `@dataclass` added, as CPython's does. Anything
 * else (functions, the runtime's classes and modules such as asyncio's) raises
 * NotImplementedError naming the object, rather than listing wrong names.
 */

import * as B from "./builtins";
import { lt } from "./compare";
import { isTranspiledClass } from "./descriptors";
import * as E from "./exceptions";
import { NotImplementedError } from "./exceptions";
import { declaredSlots } from "./lang";
import { className } from "./objects";
import { iter } from "./protocol";
import { Tuple } from "./tuple";
import { isClass, mro, typeOf } from "./types";

function words(s: string): string[] {
  return s.split(" ");
}

/** `dir(object())`: what every class inherits from `object`. */
const OBJECT_DIR = words(
  "__class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ __getattribute__ " +
    "__getstate__ __gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ __ne__ __new__ " +
    "__reduce__ __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ __subclasshook__",
);

/** The own `__dict__` names of the builtin exceptions (`BaseException.__dict__`, ...). */
const EXCEPTION_DICTS: Record<string, string> = {
  ArithmeticError: "__doc__ __init__ __new__",
  AssertionError: "__doc__ __init__ __new__",
  AttributeError: "__doc__ __getstate__ __init__ __reduce__ __str__ name obj",
  BaseException:
    "__cause__ __context__ __dict__ __doc__ __getattribute__ __init__ __new__ __reduce__ " +
    "__repr__ __setstate__ __str__ __suppress_context__ __traceback__ add_note args " +
    "with_traceback",
  BaseExceptionGroup:
    "__class_getitem__ __doc__ __init__ __new__ __str__ derive exceptions message split " +
    "subgroup",
  BlockingIOError: "__doc__ __init__",
  BrokenPipeError: "__doc__ __init__",
  BufferError: "__doc__ __init__ __new__",
  ChildProcessError: "__doc__ __init__",
  ConnectionAbortedError: "__doc__ __init__",
  ConnectionError: "__doc__ __init__",
  ConnectionRefusedError: "__doc__ __init__",
  ConnectionResetError: "__doc__ __init__",
  DeprecationWarning: "__doc__ __init__ __new__",
  EOFError: "__doc__ __init__ __new__",
  Exception: "__doc__ __init__ __new__",
  ExceptionGroup: "__doc__ __module__ __weakref__",
  FileExistsError: "__doc__ __init__",
  FileNotFoundError: "__doc__ __init__",
  FloatingPointError: "__doc__ __init__ __new__",
  GeneratorExit: "__doc__ __init__ __new__",
  ImportError: "__doc__ __init__ __reduce__ __str__ msg name name_from path",
  IndexError: "__doc__ __init__ __new__",
  InterruptedError: "__doc__ __init__",
  IsADirectoryError: "__doc__ __init__",
  KeyError: "__doc__ __init__ __str__",
  KeyboardInterrupt: "__doc__ __init__ __new__",
  LookupError: "__doc__ __init__ __new__",
  MemoryError: "__doc__ __init__ __new__",
  ModuleNotFoundError: "__doc__ __init__",
  NameError: "__doc__ __init__ __str__ name",
  NotADirectoryError: "__doc__ __init__",
  NotImplementedError: "__doc__ __init__ __new__",
  OSError:
    "__doc__ __init__ __new__ __reduce__ __str__ characters_written errno filename filename2 " +
    "strerror",
  OverflowError: "__doc__ __init__ __new__",
  PermissionError: "__doc__ __init__",
  ProcessLookupError: "__doc__ __init__",
  RecursionError: "__doc__ __init__ __new__",
  ReferenceError: "__doc__ __init__ __new__",
  ResourceWarning: "__doc__ __init__ __new__",
  RuntimeError: "__doc__ __init__ __new__",
  RuntimeWarning: "__doc__ __init__ __new__",
  StopAsyncIteration: "__doc__ __init__ __new__",
  StopIteration: "__doc__ __init__ value",
  SyntaxError:
    "__doc__ __init__ __str__ end_lineno end_offset filename lineno msg offset " +
    "print_file_and_line text",
  SystemError: "__doc__ __init__ __new__",
  SystemExit: "__doc__ __init__ code",
  TimeoutError: "__doc__ __init__",
  TypeError: "__doc__ __init__ __new__",
  UnboundLocalError: "__doc__ __init__",
  UnicodeError: "__doc__ __init__ __new__",
  UserWarning: "__doc__ __init__ __new__",
  ValueError: "__doc__ __init__ __new__",
  Warning: "__doc__ __init__ __new__",
  ZeroDivisionError: "__doc__ __init__ __new__",
};

/** `dir(v)` for values of the builtin types (the same as `dir(type(v))`). */
const TYPE_DIRS: Record<string, string> = {
  int:
    "__abs__ __add__ __and__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ " +
    "__doc__ __eq__ __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ " +
    "__getnewargs__ __getstate__ __gt__ __hash__ __index__ __init__ __init_subclass__ " +
    "__int__ __invert__ __le__ __lshift__ __lt__ __mod__ __mul__ __ne__ __neg__ __new__ " +
    "__or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __reduce__ __reduce_ex__ __repr__ " +
    "__rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __round__ __rpow__ __rrshift__ " +
    "__rshift__ __rsub__ __rtruediv__ __rxor__ __setattr__ __sizeof__ __str__ __sub__ " +
    "__subclasshook__ __truediv__ __trunc__ __xor__ as_integer_ratio bit_count bit_length " +
    "conjugate denominator from_bytes imag is_integer numerator real to_bytes",
  float:
    "__abs__ __add__ __bool__ __ceil__ __class__ __delattr__ __dir__ __divmod__ __doc__ " +
    "__eq__ __float__ __floor__ __floordiv__ __format__ __ge__ __getattribute__ " +
    "__getformat__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ " +
    "__int__ __le__ __lt__ __mod__ __mul__ __ne__ __neg__ __new__ __pos__ __pow__ __radd__ " +
    "__rdivmod__ __reduce__ __reduce_ex__ __repr__ __rfloordiv__ __rmod__ __rmul__ __round__ " +
    "__rpow__ __rsub__ __rtruediv__ __setattr__ __sizeof__ __str__ __sub__ __subclasshook__ " +
    "__truediv__ __trunc__ as_integer_ratio conjugate fromhex hex imag is_integer real",
  str:
    "__add__ __class__ __contains__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ " +
    "__getattribute__ __getitem__ __getnewargs__ __getstate__ __gt__ __hash__ __init__ " +
    "__init_subclass__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ __ne__ __new__ " +
    "__reduce__ __reduce_ex__ __repr__ __rmod__ __rmul__ __setattr__ __sizeof__ __str__ " +
    "__subclasshook__ capitalize casefold center count encode endswith expandtabs find " +
    "format format_map index isalnum isalpha isascii isdecimal isdigit isidentifier islower " +
    "isnumeric isprintable isspace istitle isupper join ljust lower lstrip maketrans " +
    "partition removeprefix removesuffix replace rfind rindex rjust rpartition rsplit rstrip " +
    "split splitlines startswith strip swapcase title translate upper zfill",
  list:
    "__add__ __class__ __class_getitem__ __contains__ __delattr__ __delitem__ __dir__ " +
    "__doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ " +
    "__hash__ __iadd__ __imul__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ " +
    "__mul__ __ne__ __new__ __reduce__ __reduce_ex__ __repr__ __reversed__ __rmul__ " +
    "__setattr__ __setitem__ __sizeof__ __str__ __subclasshook__ append clear copy count " +
    "extend index insert pop remove reverse sort",
  tuple:
    "__add__ __class__ __class_getitem__ __contains__ __delattr__ __dir__ __doc__ __eq__ " +
    "__format__ __ge__ __getattribute__ __getitem__ __getnewargs__ __getstate__ __gt__ " +
    "__hash__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ " +
    "__new__ __reduce__ __reduce_ex__ __repr__ __rmul__ __setattr__ __sizeof__ __str__ " +
    "__subclasshook__ count index",
  dict:
    "__class__ __class_getitem__ __contains__ __delattr__ __delitem__ __dir__ __doc__ __eq__ " +
    "__format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ __hash__ __init__ " +
    "__init_subclass__ __ior__ __iter__ __le__ __len__ __lt__ __ne__ __new__ __or__ " +
    "__reduce__ __reduce_ex__ __repr__ __reversed__ __ror__ __setattr__ __setitem__ " +
    "__sizeof__ __str__ __subclasshook__ clear copy fromkeys get items keys pop popitem " +
    "setdefault update values",
  set:
    "__and__ __class__ __class_getitem__ __contains__ __delattr__ __dir__ __doc__ __eq__ " +
    "__format__ __ge__ __getattribute__ __getstate__ __gt__ __hash__ __iand__ __init__ " +
    "__init_subclass__ __ior__ __isub__ __iter__ __ixor__ __le__ __len__ __lt__ __ne__ " +
    "__new__ __or__ __rand__ __reduce__ __reduce_ex__ __repr__ __ror__ __rsub__ __rxor__ " +
    "__setattr__ __sizeof__ __str__ __sub__ __subclasshook__ __xor__ add clear copy " +
    "difference difference_update discard intersection intersection_update isdisjoint " +
    "issubset issuperset pop remove symmetric_difference symmetric_difference_update union " +
    "update",
  frozenset:
    "__and__ __class__ __class_getitem__ __contains__ __delattr__ __dir__ __doc__ __eq__ " +
    "__format__ __ge__ __getattribute__ __getstate__ __gt__ __hash__ __init__ " +
    "__init_subclass__ __iter__ __le__ __len__ __lt__ __ne__ __new__ __or__ __rand__ " +
    "__reduce__ __reduce_ex__ __repr__ __ror__ __rsub__ __rxor__ __setattr__ __sizeof__ " +
    "__str__ __sub__ __subclasshook__ __xor__ copy difference intersection isdisjoint " +
    "issubset issuperset symmetric_difference union",
  bytes:
    "__add__ __buffer__ __bytes__ __class__ __contains__ __delattr__ __dir__ __doc__ __eq__ " +
    "__format__ __ge__ __getattribute__ __getitem__ __getnewargs__ __getstate__ __gt__ " +
    "__hash__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ " +
    "__ne__ __new__ __reduce__ __reduce_ex__ __repr__ __rmod__ __rmul__ __setattr__ " +
    "__sizeof__ __str__ __subclasshook__ capitalize center count decode endswith expandtabs " +
    "find fromhex hex index isalnum isalpha isascii isdigit islower isspace istitle isupper " +
    "join ljust lower lstrip maketrans partition removeprefix removesuffix replace rfind " +
    "rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title " +
    "translate upper zfill",
  bytearray:
    "__add__ __alloc__ __buffer__ __class__ __contains__ __delattr__ __delitem__ __dir__ " +
    "__doc__ __eq__ __format__ __ge__ __getattribute__ __getitem__ __getstate__ __gt__ " +
    "__hash__ __iadd__ __imul__ __init__ __init_subclass__ __iter__ __le__ __len__ __lt__ " +
    "__mod__ __mul__ __ne__ __new__ __reduce__ __reduce_ex__ __release_buffer__ __repr__ " +
    "__rmod__ __rmul__ __setattr__ __setitem__ __sizeof__ __str__ __subclasshook__ append " +
    "capitalize center clear copy count decode endswith expandtabs extend find fromhex hex " +
    "index insert isalnum isalpha isascii isdigit islower isspace istitle isupper join ljust " +
    "lower lstrip maketrans partition pop remove removeprefix removesuffix replace reverse " +
    "rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase " +
    "title translate upper zfill",
  NoneType:
    "__bool__ __class__ __delattr__ __dir__ __doc__ __eq__ __format__ __ge__ " +
    "__getattribute__ __getstate__ __gt__ __hash__ __init__ __init_subclass__ __le__ __lt__ " +
    "__ne__ __new__ __reduce__ __reduce_ex__ __repr__ __setattr__ __sizeof__ __str__ " +
    "__subclasshook__",
};
// bool defines nothing int lacks: its dir() is int's.
TYPE_DIRS.bool = TYPE_DIRS.int!;

/** The `__init__` the transpiler gives a root class without one (not a Python attribute). */
const STUB_INIT = /^__init__\(\.\.\._args\)\s*\{\s*return null;?\s*\}$/;
/** What the runtime adds to every class: not in CPython's class `__dict__`. */
const RUNTIME_STATICS = new Set(["length", "prototype", "__name__", "__qualname__", "__module__"]);
/** What CPython puts in every class `__dict__`. */
const CLASS_DICT = ["__module__", "__firstlineno__", "__static_attributes__", "__doc__"];
const MODULE_DICT = [
  "__builtins__",
  "__cached__",
  "__doc__",
  "__loader__",
  "__package__",
  "__spec__",
];

function unsupported(what: string): NotImplementedError {
  return new NotImplementedError(`dir() of ${what} is not supported by asyncio-ts`);
}

/** The own `__dict__` names of a transpiled class `K`. */
export function classDictNames(K: Function, out: Set<string>): void {
  for (const n of CLASS_DICT) out.add(n);
  for (const key of Object.getOwnPropertyNames(K)) {
    if (RUNTIME_STATICS.has(key) || key.startsWith("$")) continue;
    const d = Object.getOwnPropertyDescriptor(K, key)!;
    // JS's own `name` is read-only; a class body's `name = ...` is a class attribute.
    if (key === "name" && !d.writable && d.get === undefined) continue;
    if (key === "mro" && (d.value as { name?: string } | undefined)?.name === "classMro") continue;
    if (key === "__subclasses__" && (d.value as { name?: string })?.name === "classSubclasses")
      continue;
    out.add(key);
  }
  const proto = K.prototype as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor" || key.startsWith("$")) continue;
    const v = Object.getOwnPropertyDescriptor(proto, key)!.value as unknown;
    // An exception class's JS `name` for stack traces (exceptions.ts), not a Python attribute.
    if (key === "name" && v === K.name && !Object.getOwnPropertyDescriptor(proto, key)!.enumerable)
      continue;
    if (key === "__init__" && typeof v === "function" && STUB_INIT.test(String(v))) continue;
    out.add(key);
  }
  if (Object.hasOwn(K, "__slots__")) {
    for (const n of declaredSlots(K)) out.add(n);
  } else {
    out.add("__dict__");
    out.add("__weakref__");
  }
}

const freshKeys = new WeakMap<Function, Set<string>>();

/** The instance fields the runtime class `K` gives every instance (not Python attributes). */
function runtimeFields(K: Function): Set<string> {
  let keys = freshKeys.get(K);
  if (keys === undefined) {
    keys = new Set(Object.keys(Reflect.construct(K, [])));
    freshKeys.set(K, keys);
  }
  return keys;
}

/** The names along `cls`'s MRO (`dir(cls)`), and the runtime class whose fields instances carry. */
function mroNames(cls: Function, out: Set<string>): Function | null {
  let runtime: Function | null = null;
  for (const K of mro(cls)) {
    if (K === B.object) {
      for (const n of OBJECT_DIR) out.add(n);
      continue;
    }
    const name = className(K);
    if (isBuiltinException(K)) {
      for (const n of words(EXCEPTION_DICTS[name]!)) out.add(n);
      runtime ??= K;
      continue;
    }
    if (K === Tuple || K === B.tuple) {
      for (const n of words(TYPE_DIRS.tuple!)) out.add(n);
      runtime ??= Tuple;
      continue;
    }
    const fields = namedTupleFields(K);
    if (!isTranspiledClass(K)) {
      if (fields === undefined)
        throw unsupported(`'${className(cls)}' (its base '${name}' is not a class of the program)`);
      // A `collections.namedtuple` class: what its class body in CPython defines.
      for (const n of NAMEDTUPLE_DICT) out.add(n);
      for (const n of fields) out.add(n);
      continue;
    }
    classDictNames(K, out);
    if (fields !== undefined && Object.hasOwn(K, NAMEDTUPLE_FIELDS)) {
      // A `typing.NamedTuple` class: made by `collections.namedtuple`, then given the body's.
      for (const n of [...NAMEDTUPLE_DICT, "__orig_bases__"]) out.add(n);
      out.delete("__dict__");
      out.delete("__weakref__");
    }
  }
  // Instances of a tuple subclass have no weak references in CPython (a variable-size type).
  if (runtime === Tuple) out.delete("__weakref__");
  return runtime;
}

/** The field names a namedtuple class records (stdlib/collections.ts `installNamedTuple`). */
const NAMEDTUPLE_FIELDS = Symbol.for("asyncio-ts.namedtuple-fields");

/** What `collections.namedtuple` puts in its class's `__dict__`, besides the fields. */
const NAMEDTUPLE_DICT = words(
  "__match_args__ __module__ __replace__ __slots__ _asdict _field_defaults _fields _make _replace",
);

function namedTupleFields(K: Function): readonly string[] | undefined {
  return (K as unknown as { [NAMEDTUPLE_FIELDS]?: readonly string[] })[NAMEDTUPLE_FIELDS];
}

/** The listing a runtime class gives for itself or its instances (`__dir__`). */
const DIR_HOOK = Symbol.for("asyncio-ts.dir");

/** `dir(obj)`. */
export function dir(...args: unknown[]): string[] {
  if (args.length !== 1)
    throw new E.TypeError(`dir expected at most 1 argument, got ${args.length}`);
  const obj = args[0];
  // A runtime class's own listing (stdlib/enum.ts: `EnumType.__dir__`, `Enum.__dir__`).
  const hook =
    obj !== null && (typeof obj === "object" || typeof obj === "function")
      ? (obj as { [DIR_HOOK]?: unknown })[DIR_HOOK]
      : undefined;
  if (typeof hook === "function") return hook.call(obj) as string[];
  const out = new Set<string>();
  const table = builtinTable(obj);
  if (table !== undefined) return [...words(table)];
  // `object` and `object()` (whose class is the runtime's ObjectInstance, named "object").
  const t = typeOf(obj);
  if (obj === B.object || (t !== B.object && className(t) === "object" && !isTranspiledClass(t)))
    return [...OBJECT_DIR];
  if (isProgramModule(obj)) {
    // A module's own `def __dir__()` (PEP 562): its names, sorted.
    const own = Object.getOwnPropertyDescriptor(obj, "__dir__")?.get?.call(obj);
    if (typeof own === "function")
      return ([...iter(own())] as string[]).sort((a, b) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
    for (const n of MODULE_DICT) out.add(n);
    for (const key of Object.keys(obj as object))
      if ((obj as Record<string, unknown>)[key] !== undefined) out.add(key);
    return [...out].sort(codePointOrder);
  }
  if (typeof obj === "function") {
    if (!isClass(obj) || !listable(obj))
      throw unsupported(isClass(obj) ? `the class '${className(obj)}'` : "a function");
    mroNames(obj, out);
    return [...out].sort(codePointOrder);
  }
  // The runtime's modules: asyncio's ES namespace, or `$py.math` (an object without prototype).
  if (
    obj !== null &&
    typeof obj === "object" &&
    (Object.prototype.toString.call(obj) === "[object Module]" ||
      Object.getPrototypeOf(obj) === null)
  )
    throw unsupported("a module of the runtime");
  const cls = typeOf(obj);
  if (obj === null || typeof obj !== "object" || !listable(cls))
    // A plain JS object is a stdlib namespace of the runtime (`$py.math`).
    throw unsupported(
      cls === B.object ? "a module of the runtime" : `a '${className(cls)}' object`,
    );
  // A class's own `__dir__`: its names, sorted (as CPython's `dir` does with them).
  const custom = mro(cls).find(
    (K) => isTranspiledClass(K) && Object.hasOwn(K.prototype as object, "__dir__"),
  );
  if (custom !== undefined) {
    const names = [...iter((obj as { __dir__(): unknown }).__dir__())];
    return names.sort((a, b) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0)) as string[];
  }
  const runtime = mroNames(cls, out);
  const fields = runtime === null ? null : runtimeFields(runtime);
  for (const key of Object.keys(obj)) {
    const v = (obj as Record<string, unknown>)[key];
    if (v === undefined || key.startsWith("$")) continue;
    if (fields?.has(key) && !(key.startsWith("__") && key.endsWith("__"))) continue;
    out.add(key);
  }
  return [...out].sort(codePointOrder);
}

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A transpiled class, a builtin exception or a namedtuple: classes whose names are known. */
function listable(cls: Function): boolean {
  return isTranspiledClass(cls) || isBuiltinException(cls) || namedTupleFields(cls) !== undefined;
}

function isBuiltinException(K: Function): boolean {
  const name = className(K);
  return Object.hasOwn(EXCEPTION_DICTS, name) && (E as Record<string, unknown>)[name] === K;
}

const BUILTIN_TYPES = new Set<unknown>([
  B.int,
  B.float,
  B.bool,
  B.str,
  B.list,
  B.tuple,
  B.dict,
  B.set,
  B.frozenset,
  B.bytes,
  B.bytearray,
  B.NoneType,
]);

/** The names of a builtin type's values (or of the type object itself). */
function builtinTable(obj: unknown): string | undefined {
  const t = BUILTIN_TYPES.has(obj) ? obj : typeOf(obj);
  return BUILTIN_TYPES.has(t) ? TYPE_DIRS[className(t)] : undefined;
}

/** A module of the program (an ES module namespace exporting `__file__`). */
function isProgramModule(obj: unknown): boolean {
  return (
    obj !== null &&
    typeof obj === "object" &&
    Object.prototype.toString.call(obj) === "[object Module]" &&
    "__file__" in obj
  );
}
