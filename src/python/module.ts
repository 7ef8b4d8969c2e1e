/**
 * Python's module objects (`type(helpers)` is `module`, `types.ModuleType`).
 *
 * A module of the program other than the main script (`helpers.py`) is an ES module: its
 * module-level names are ES exports, read and rebound only by the module itself
 * (codegen/lower/imports.ts). The module *object* a program holds after `import helpers` is
 * one `ModuleType` per module (`programModule`), made the first time anything asks for it (the
 * module's own header, or an importer that reaches it first through a cycle of imports), and
 * registered in `sys.modules`. Its attributes are accessors over the ES namespace:
 *
 * - reading one reads the module's binding. A binding not initialised yet (JS's "temporal dead
 *   zone": the module is still running, which only a cycle of imports can reveal) raises
 *   CPython's AttributeError for a partially initialised module. ES evaluates an imported module
 *   before any statement of its importer, so while a module has not started at all, only the
 *   names its importer is known to see bound (`early`, computed by the transpiler as CPython runs
 *   the cycle: codegen/import_cycles.ts) are readable;
 * - storing one calls the module's exported `__asyncio_ts_setglobal__` (generated for the names
 *   other modules store into: codegen/module_stores.ts), which rebinds the module's own global,
 *   as CPython's `helpers.counter = 5` does for the module's functions; storing a name no module
 *   stores into statically (`setattr(helpers, name, v)`) is a NotImplementedError.
 *
 * The main script is not an ES module others import: its `sys.modules["__main__"]` has the
 * attributes CPython sets before the script runs (`__name__`, `__file__`, ...). A script that
 * names `globals` or `modules` gives it its globals too: the transpiler emits an object of
 * getters over them (`mainNamespace`), read as a sibling's namespace is. Otherwise they are not
 * reachable through it (a clear NotImplementedError, never a wrong answer).
 */

import {
  AttributeError,
  ImportError,
  NotImplementedError,
  TypeError as PyTypeError,
} from "./exceptions";
import { Kw, kw } from "./kw";
import { moduleFile } from "./main";
import { builtinKind, markBuiltinClass } from "./objects";

/** How far a program module has run. */
type State = "created" | "running";

const NAME = Symbol("module.name");
const NAMESPACE = Symbol("module.namespace");
const STATE = Symbol("module.state");
const EARLY = Symbol("module.early");
/** The function a module exports to rebind its globals (codegen/module_stores.ts). */
const SETGLOBAL = "__asyncio_ts_setglobal__";

/** The `module` type. */
class ModuleImpl {
  declare [NAME]: string;
  declare [NAMESPACE]: Record<string, unknown> | null;
  declare [STATE]: State;
  /** The names readable before the module starts (null: all); see the header. */
  declare [EARLY]: ReadonlySet<string> | null;

  /** `types.ModuleType(name, doc=None)`. */
  constructor(...args: unknown[]) {
    const last = args[args.length - 1];
    const kws = last instanceof Kw ? (last.kwargs as Record<string, unknown>) : {};
    const pos = last instanceof Kw ? args.slice(0, -1) : args;
    const given = pos.length + Object.keys(kws).length;
    for (const k of Object.keys(kws))
      if (k !== "name" && k !== "doc")
        throw new PyTypeError(`module() got an unexpected keyword argument '${k}'`);
    if (given < 1 || !("name" in kws || pos.length >= 1))
      throw new PyTypeError("module() missing required argument 'name' (pos 1)");
    if (given > 2) throw new PyTypeError(`module() takes at most 2 arguments (${given} given)`);
    const name = pos.length >= 1 ? pos[0] : kws.name;
    if (typeof name !== "string") {
      const { typeName } = require("./types") as typeof import("./types");
      throw new PyTypeError(`module() argument 'name' must be str, not ${typeName(name)}`);
    }
    const doc = pos.length >= 2 ? pos[1] : "doc" in kws ? kws.doc : null;
    hidden(this, NAME, name);
    hidden(this, NAMESPACE, null);
    hidden(this, STATE, "running");
    hidden(this, EARLY, null);
    for (const [k, v] of [
      ["__name__", name],
      ["__doc__", doc],
      ["__package__", null],
      ["__loader__", null],
      ["__spec__", null],
    ])
      data(this, k as string, v);
  }

  /** The name AttributeError's message gives (protocol.ts `noAttribute`). */
  get __module_name__(): string {
    return this[NAME];
  }

  __repr__(): string {
    const file = Object.getOwnPropertyDescriptor(this, "__file__");
    const where =
      file !== undefined && typeof file.value === "string" ? ` from '${file.value}'` : "";
    return `<module '${this[NAME]}'${where}>`;
  }
}

// dir.ts lists an object tagged "Module" that has `__file__` as a module of the program.
Object.defineProperty(ModuleImpl.prototype, Symbol.toStringTag, { value: "Module" });
markBuiltinClass(ModuleImpl, "module");

/** `types.ModuleType`: callable without `new` (generated code calls it as a function). */
export const ModuleType = new Proxy(ModuleImpl, {
  apply: (target, _this, args) => Reflect.construct(target, args),
}) as typeof ModuleImpl & ((...args: unknown[]) => ModuleImpl);
Object.defineProperty(ModuleImpl.prototype, "constructor", {
  value: ModuleType,
  writable: true,
  configurable: true,
  enumerable: false,
});

// What CPython's import system gives a module and the runtime has no object for.
for (const attr of ["__spec__", "__loader__", "__builtins__"]) {
  Object.defineProperty(ModuleImpl.prototype, attr, {
    get(this: ModuleImpl): never {
      throw new NotImplementedError(
        `the attribute '${attr}' of the module '${this[NAME]}' is not supported by asyncio-ts`,
      );
    },
    configurable: true,
  });
}

/** An ordinary attribute of a module (its `__dict__`). */
function data(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

function hidden(obj: object, key: symbol, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, configurable: true });
}

/**
 * `a.y` while `a` is partially initialised. CPython 3.13 words it for a module that may shadow
 * another (one in the script's folder, `sys.path[0]`: every module of the program).
 */
function partiallyInitialized(name: string, attr: string): AttributeError {
  const e = new AttributeError(
    `module '${name}' has no attribute '${attr}' (consider renaming '${moduleFile(`${name}.py`)}' if it has the same name as a third-party module you intended to import)`,
  );
  (e as { name_?: string }).name_ = attr;
  (e as { obj?: unknown }).obj = programModules.get(name);
  return e;
}

/**
 * A name bound by the partially initialised module `name` before the import that reads it, but
 * which the ES module has not bound yet (codegen/import_cycles.ts).
 */
function notYetRun(name: string, attr: string): NotImplementedError {
  return new NotImplementedError(
    `'${attr}' of the partially initialized module '${name}' (a cycle of imports) is not bound yet: asyncio-ts runs a module's imports before its statements`,
  );
}

/**
 * `from a import x` while `a` is partially initialised and has not bound `x` yet (codegen/lower/
 * imports.ts): CPython's ImportError, raised when the statement runs.
 */
export function cannotImportPartial(attr: string, name: string): any {
  const path = moduleFile(`${name}.py`);
  throw new ImportError(
    `cannot import name '${attr}' from partially initialized module '${name}' (most likely due to a circular import) (${path})`,
    kw({ name, path }),
  );
}

/** The program's modules by name, in the order they were made. */
const programModules = new Map<string, ModuleImpl>();
/** `sys.modules` once it exists (stdlib/sys.ts), to register modules made later. */
let registry: ((name: string, module: unknown) => void) | null = null;

/**
 * The modules of the program made so far, `__main__` first, for `sys.modules`; `register` is
 * told about each module made later.
 */
export function programModulesFor(register: (name: string, module: unknown) => void): void {
  registry = register;
  register("__main__", mainModule());
  for (const [name, m] of programModules) register(name, m);
}

/**
 * The main script's globals as `sys.modules["__main__"]`'s attributes (see the header): `ns` has a
 * getter for each global the script declares, in the order it first binds them. A global not
 * bound (yet, or any more) is an AttributeError, and vars() and dir() leave it out. Storing one
 * from outside the script's own code is a NotImplementedError. Returns the module object.
 */
export function mainNamespace(ns: Record<string, unknown>, doc: string | null = null): object {
  const m = mainModule();
  const own = m as unknown as Record<string, unknown>;
  delete own.__getattr__;
  delete (m as unknown as Record<symbol, unknown>)[Symbol.toStringTag]; // listed by dir() now
  // CPython's order of the first attributes, with the script's docstring (vars(), globals()).
  const first: [string, unknown][] = [
    ["__name__", "__main__"],
    ["__doc__", doc],
    ["__package__", null],
    ["__spec__", null],
    ["__file__", own.__file__],
    ["__cached__", null],
  ];
  for (const [k, v] of first) {
    delete own[k];
    if (v !== undefined) data(m, k, v);
  }
  const keys = Object.keys(ns);
  const slow = (_key: string, e: unknown): unknown => {
    if (e instanceof globalThis.ReferenceError) return undefined; // not bound yet
    throw e;
  };
  hidden(m, STATE, "running");
  const get = getters(m, ns, keys, slow);
  keys.forEach((key, i) => {
    Object.defineProperty(m, key, {
      get: get[i],
      set(_value: unknown) {
        throw new NotImplementedError(
          `assigning '${key}' of the module '__main__' from outside it is not supported by asyncio-ts`,
        );
      },
      enumerable: true,
      configurable: true,
    });
  });
  return m;
}

/**
 * `globals()` in the program's module `name` (`module` is its module object, or a sibling's ES
 * namespace): as CPython's, the module's `__dict__` (vars(), runtime/protocol.ts).
 */
export function moduleGlobals(name: string, module: object): unknown {
  const m = module instanceof ModuleImpl ? module : programModule(name, module);
  const { vars } = require("./protocol") as typeof import("./protocol");
  return vars(m);
}

let mainModuleObject: ModuleImpl | null = null;
let mainScript: string | undefined;

/** `sys.modules["__main__"]` (see the header). */
function mainModule(): ModuleImpl {
  if (mainModuleObject === null || mainScript !== process.argv[1]) {
    mainScript = process.argv[1];
    const m = new ModuleImpl("__main__");
    for (const k of ["__doc__", "__loader__"]) delete (m as unknown as Record<string, unknown>)[k];
    const script = process.argv[1];
    if (script !== undefined) {
      const base = script.split(/[\\/]/).pop()!;
      data(m, "__file__", moduleFile(base, true));
    }
    // Not listed as a module of the program by dir() (dir.ts), which would leave out its names.
    Object.defineProperty(m, Symbol.toStringTag, { value: "Object", configurable: true });
    Object.defineProperty(m, "__getattr__", {
      value: (attr: string) => {
        throw new NotImplementedError(
          `reading '${attr}' of the main module through sys.modules is not supported by asyncio-ts`,
        );
      },
      configurable: true, // mainNamespace removes it
    });
    mainModuleObject = m;
    registry?.("__main__", m); // another program run in this process (the test driver)
  }
  return mainModuleObject;
}

/**
 * The module object of the program's module `name` (`helpers`), whose ES namespace is `ns`;
 * made on first use. `early` are the names an importer running while the module has not started
 * may read (see the header). Typed as the namespace, whose names it has.
 */
export function programModule<T extends object>(
  name: string,
  ns: T,
  early?: string[],
): Writable<T> {
  let m = programModules.get(name);
  // Another namespace: another program run in this process (the test driver runs several).
  if (m === undefined || m[NAMESPACE] !== ns) {
    m = Object.create(ModuleImpl.prototype) as ModuleImpl;
    hidden(m, NAME, name);
    hidden(m, NAMESPACE, ns);
    hidden(m, STATE, "created");
    hidden(m, EARLY, early === undefined ? null : new Set(early));
    defineAttributes(m, name, ns as Record<string, unknown>);
    programModules.set(name, m);
    registry?.(name, m);
  } else if (m[STATE] === "created" && m[EARLY] !== null) {
    hidden(m, EARLY, early === undefined ? null : new Set([...m[EARLY], ...early]));
  }
  return m as unknown as Writable<T>;
}

/** A module's attributes can be assigned (codegen/module_stores.ts). */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A Python function's `__module__` where the function has none of its own (protocol.ts). */
const FUNC_MODULE = Symbol.for("asyncio-ts.func-module");

/**
 * A function a module of the program other than the main script makes inside a function (a
 * nested `def`, a lambda): its `__module__` is the module's name (codegen/lower/functions.ts).
 */
export function inModule<F extends Function>(fn: F, name: string): F {
  if (!Object.hasOwn(fn, FUNC_MODULE)) hidden(fn, FUNC_MODULE, name);
  return fn;
}

/**
 * Called by a program module's first statement: it runs (see the header). `defs` are its
 * module-level `def`s that JS has already bound (hoisted): they get the module's name as their
 * `__module__`.
 */
export function startModule(name: string, ns: object, defs: string[] = []): void {
  const m = programModule(name, ns);
  (m as unknown as ModuleImpl)[STATE] = "running";
  for (const d of defs) {
    let fn: unknown;
    try {
      fn = (ns as Record<string, unknown>)[d];
    } catch {
      continue; // not hoisted (a coroutine function made by a call)
    }
    if (typeof fn === "function" && !Object.hasOwn(fn, FUNC_MODULE)) hidden(fn, FUNC_MODULE, name);
  }
}

/**
 * Called by a program module's last statement: `made` are the functions and classes its
 * module-level statements made that `startModule` could not see (decorated `def`s, lambdas,
 * methods a class decorator added); they get the module's name as their `__module__`. A
 * decorator's wrapper made by `functools.wraps` copied the `__module__` the function had then
 * (`__main__`): it is the module's too, as CPython's copy would be.
 */
export function endModule(name: string, ns: object, made: string[]): void {
  for (const key of made) {
    let v: unknown;
    try {
      v = (ns as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    // A builtin function a decorator returned keeps its own `__module__`.
    if (typeof v !== "function" || builtinKind(v) !== undefined) continue;
    const { isClass } = require("./types") as typeof import("./types");
    if (isClass(v)) {
      markMethods(v, name);
      continue;
    }
    for (
      let f: unknown = v;
      typeof f === "function";
      f = (f as { __wrapped__?: unknown }).__wrapped__
    ) {
      const own = Object.getOwnPropertyDescriptor(f, "__module__");
      if (own !== undefined && own.value === "__main__" && "__wrapped__" in f)
        (f as { __module__?: unknown }).__module__ = name;
      else if (own === undefined && !Object.hasOwn(f, FUNC_MODULE)) hidden(f, FUNC_MODULE, name);
      if (!Object.hasOwn(f, "__wrapped__")) break;
    }
  }
}

/**
 * The methods of a class defined in the program's module `module` (not `__main__`): their
 * `__module__` is the module's name (lang.ts `pyclass`).
 */
export function markMethods(cls: Function, module: string): void {
  for (const owner of [cls, cls.prototype as object]) {
    for (const d of Object.values(Object.getOwnPropertyDescriptors(owner))) {
      for (const fn of [d.value, d.get, d.set]) {
        const f = typeof fn === "function" ? ((fn as { __func__?: unknown }).__func__ ?? fn) : fn;
        if (typeof f === "function" && !Object.hasOwn(f, FUNC_MODULE) && f !== cls)
          hidden(f, FUNC_MODULE, module);
      }
    }
  }
}

function defineAttributes(m: ModuleImpl, name: string, ns: Record<string, unknown>): void {
  data(m, "__name__", name);
  const file = moduleFile(`${name}.py`);
  data(m, "__file__", file);
  data(m, "__package__", "");
  const dir = file.slice(0, file.length - name.length - 3);
  data(m, "__cached__", `${dir}__pycache__/${name}.cpython-313.pyc`);
  const setglobal = (): ((attr: string, v: unknown) => boolean) | null => {
    try {
      return (ns[SETGLOBAL] as (attr: string, v: unknown) => boolean) ?? null;
    } catch {
      return null;
    }
  };
  // Not Object.keys: it reads each binding, which throws while one is uninitialised.
  const keys = Reflect.ownKeys(ns).filter(
    (key): key is string =>
      typeof key === "string" &&
      !key.startsWith("$") &&
      key !== SETGLOBAL &&
      key !== "__name__" && // known before the module runs
      key !== "__file__",
  );
  const slow = (key: string, e: unknown): unknown => {
    const early = m[STATE] === "created";
    if (e === undefined) {
      // Not started: only the names its importer is known to see (see the header).
      if (m[EARLY] !== null && !m[EARLY].has(key)) throw partiallyInitialized(name, key);
      try {
        return ns[key];
      } catch (e2) {
        e = e2;
      }
    }
    if (e instanceof globalThis.ReferenceError)
      throw early ? notYetRun(name, key) : partiallyInitialized(name, key);
    throw e;
  };
  const get = getters(m, ns, keys, slow);
  keys.forEach((key, i) => {
    Object.defineProperty(m, key, {
      get: get[i],
      set(value: unknown) {
        const set = setglobal();
        if (set === null || !set(key, value))
          throw new NotImplementedError(
            `assigning '${key}' of the module '${name}' from outside it is not supported by asyncio-ts`,
          );
      },
      enumerable: true,
      configurable: true,
    });
  });
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The getters of `m.key` for each of `keys`: the binding `ns.key` (undefined for a name declared
 * and not bound, or unbound again: getattr's AttributeError, what dir() and vars() leave out);
 * `slow` decides before the module has started (called with undefined) and when the binding
 * throws (with its error). Made with named property reads, as one function (compiled once):
 * V8 reads an ES namespace by a computed key a hundred times more slowly, and `helpers.f(x)` in
 * a loop reads through here.
 */
function getters(
  m: ModuleImpl,
  ns: Record<string, unknown>,
  keys: readonly string[],
  slow: (key: string, e: unknown) => unknown,
): (() => unknown)[] {
  const body = keys.map((key) => {
    const k = JSON.stringify(key);
    const read = IDENTIFIER.test(key) ? `ns.${key}` : `ns[${k}]`;
    return `function () {
      if (m[STATE] === "created") return slow(${k}, undefined);
      try {
        return ${read};
      } catch (e) {
        return slow(${k}, e);
      }
    }`;
  });
  return new Function("m", "ns", "STATE", "slow", `return [${body.join(",\n")}];`)(
    m,
    ns,
    STATE,
    slow,
  ) as (() => unknown)[];
}

/**
 * A relative import (`from .helpers import f`): the program's modules are in no package
 * (codegen/lower/imports.ts). CPython's ImportError, raised when the statement runs.
 */
export function noParentPackage(): any {
  throw new ImportError("attempted relative import with no known parent package");
}
