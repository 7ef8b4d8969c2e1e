/**
 * Where a program's coroutine is, for task reprs: `coro=<work() running at x.py:4>` while it has
 * a frame, `coro=<work() done, defined at x.py:3>` once it has finished (CPython's
 * `asyncio.coroutines._format_coroutine`, from `cr_frame.f_lineno` and `cr_code.co_firstlineno`).
 *
 * A JS generator does not tell where it is suspended, but V8 does: its inspector lists a
 * generator's internal properties `[[GeneratorState]]`, `[[GeneratorLocation]]` and
 * `[[GeneratorFunction]]`, and a function's `[[FunctionLocation]]`. An in-process
 * `inspector.Session` answers synchronously and enables no domain (no debugger), so nothing else
 * slows down; it is opened on the first repr that asks. The positions are in the program's
 * compiled `.mjs` modules, whose lines are the generated TypeScript's lines (sucrase keeps them),
 * so the module's line map gives the Python line. A generator's function is matched to its
 * module by finding its source text at its position in one of the program's modules; functions
 * of the runtime have no location (the repr keeps saying only `running` or `done`).
 *
 * A running coroutine (a task printing itself) is on the stack: its line is that of the
 * outermost program frame within the task's step.
 *
 * Cost: definitions are looked up once per function; the repr of a finished task then costs
 * what it did without locations, that of a pending task about 0.25 ms (the inspector's answer
 * for one generator), where CPython takes 20 us.
 */

import * as fs from "node:fs";
import type * as inspector from "node:inspector";
import * as path from "node:path";

// What the runtime asks (a type only: run.ts hands the locator to the bundled runtime).
import type { SourceLocator } from "../src/asyncio/format_helpers";

export type { SourceLocator };

/** Where a function is defined: its module and Python line. */
interface Definition {
  mod: LocatedModule;
  line: number;
}

/** A program module as the locator needs it. */
export interface LocatedModule {
  pyFile: string;
  /** The compiled module. */
  mjsPath: string;
  /** Generated line (1-based index - 1) to Python line (0: none). */
  lineMap: number[];
}

/** A script position as the inspector gives it (0-based line and column). */
interface Position {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

type Internal = Map<string, { value?: unknown; objectId?: string; description?: string }>;

const PROBE = "__asyncio_ts_coro_probe";
const GROUP = "asyncio-ts-coro-location";

/**
 * Make the locator for a program. `runningLine` gives the Python line of the outermost program
 * frame of the running task (from a JS stack), or 0.
 */
export function sourceLocator(modules: LocatedModule[], runningLine: () => number): SourceLocator {
  let session: inspector.Session | null = null;
  /** Script id to module (null: not one of the program's). */
  const scripts = new Map<string, LocatedModule | null>();
  const sources = new Map<LocatedModule, string[]>();

  /** The inspector's handle on a JS value (released with GROUP). */
  const handle = (value: object): string | undefined => {
    if (session === null) {
      // Required on first use: loading node:inspector costs about 10 ms of every run's startup,
      // and most programs never print where a coroutine is suspended.
      const { Session } = require("node:inspector") as typeof inspector;
      session = new Session();
      session.connect();
    }
    const g = globalThis as Record<string, unknown>;
    g[PROBE] = value;
    let objectId: string | undefined;
    session.post(
      "Runtime.evaluate",
      { expression: `globalThis.${PROBE}`, objectGroup: GROUP, silent: true },
      (err, res) => {
        if (err === null) objectId = res.result.objectId;
      },
    );
    delete g[PROBE];
    return objectId;
  };

  const internals = (objectId: string): Internal => {
    const out: Internal = new Map();
    session!.post("Runtime.getProperties", { objectId, ownProperties: true }, (err, res) => {
      if (err !== null) return;
      for (const p of res.internalProperties ?? []) out.set(p.name, p.value ?? {});
    });
    return out;
  };

  const release = () => session?.post("Runtime.releaseObjectGroup", { objectGroup: GROUP });

  /** The program module a function is in, found by its source text at its position. */
  const moduleOf = (loc: Position, text: string): LocatedModule | null => {
    let mod = scripts.get(loc.scriptId);
    if (mod !== undefined) return mod;
    mod = null;
    const head = text.split("\n")[0]!;
    for (const m of modules) {
      let lines = sources.get(m);
      if (lines === undefined) {
        try {
          lines = fs.readFileSync(m.mjsPath, "utf8").split("\n");
        } catch {
          lines = [];
        }
        sources.set(m, lines);
      }
      // V8 places a function at its parameter list; its source text starts at or before that.
      const at = (lines[loc.lineNumber] ?? "").indexOf(head);
      if (at >= 0 && at <= loc.columnNumber) {
        mod = m;
        break;
      }
    }
    scripts.set(loc.scriptId, mod);
    return mod;
  };

  /** The module and Python definition line of the function behind `objectId`. */
  const definition = (objectId: string, text: string): Definition | null => {
    const loc = internals(objectId).get("[[FunctionLocation]]")?.value as Position | undefined;
    if (loc === undefined) return null;
    const mod = moduleOf(loc, text);
    const line = mod === null ? 0 : (mod.lineMap[loc.lineNumber] ?? 0);
    return mod === null || line === 0 ? null : { mod, line };
  };

  // Definitions found, per function and per coroutine function (a coroutine's prototype is its
  // function's `prototype`): a repr after the first asks the inspector only where a suspended
  // coroutine is.
  const functions = new WeakMap<Function, Definition | null>();
  const coroutineFunctions = new WeakMap<object, Definition | null>();

  return {
    function(fn) {
      let def = functions.get(fn);
      if (def === undefined) {
        const objectId = handle(fn);
        try {
          def =
            objectId === undefined
              ? null
              : definition(objectId, Function.prototype.toString.call(fn));
        } finally {
          release();
        }
        functions.set(fn, def);
      }
      return def === null ? null : [def.mod.pyFile, def.line];
    },

    coroutine(coro, done) {
      const proto = Object.getPrototypeOf(coro) as object | null;
      if (proto === null) return null;
      let def = coroutineFunctions.get(proto);
      if (def === null) return null;
      if (def !== undefined && done)
        return { filename: def.mod.pyFile, lineno: def.line, hasFrame: false };
      const objectId = handle(coro);
      try {
        if (objectId === undefined) return null;
        const gen = internals(objectId);
        const state = gen.get("[[GeneratorState]]")?.value;
        if (def === undefined) {
          const fn = gen.get("[[GeneratorFunction]]");
          def =
            state === undefined || fn?.objectId === undefined
              ? null
              : definition(fn.objectId, fn.description ?? "");
          coroutineFunctions.set(proto, def);
          if (def === null) return null;
        }
        const filename = def.mod.pyFile;
        if (done || state === "closed") return { filename, lineno: def.line, hasFrame: false };
        let line = 0;
        if (state === "running") {
          line = runningLine();
        } else {
          const at = gen.get("[[GeneratorLocation]]")?.value as Position | undefined;
          if (at !== undefined) line = def.mod.lineMap[at.lineNumber] ?? 0;
        }
        return { filename, lineno: line || def.line, hasFrame: true };
      } finally {
        release();
      }
    },
  };
}

/** The program's modules for the locator, from the run manifest's records. */
export function locatedModules(
  dir: string,
  records: { pyFile: string; base: string; lineMap: number[] }[],
): LocatedModule[] {
  return records.map((r) => ({
    pyFile: r.pyFile,
    mjsPath: path.join(dir, `${r.base}.mjs`),
    lineMap: r.lineMap,
  }));
}
