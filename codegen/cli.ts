/**
 * The `asyncio-ts` command line.
 *
 *   asyncio-ts run FILE.py [ARGS...]        transpile and run a program
 *   asyncio-ts transpile FILE.py [-o OUT.ts] print (or write) the TypeScript
 *   asyncio-ts typecheck FILE.py...         transpile and type-check against the runtime
 *   asyncio-ts example                      run the bundled example (examples/main.py)
 *   asyncio-ts conformance|compare ...      the conformance suite (conformance/cli.ts)
 *
 * Exit statuses: the program's own status for `run`; 2 for a missing file or bad usage (as
 * `python` does); 1 for a syntax error or an unsupported construct (nothing is written);
 * 70 for an internal error of the transpiler, reported in one line with a request to file it.
 */

import * as fs from "node:fs";
import * as path from "node:path";
import { CompileError } from "./diagnostics";

const USAGE = `usage: asyncio-ts <command> [arguments]

Transpile Python asyncio programs to TypeScript and run them with CPython 3.13's semantics.

commands:
  run FILE.py [ARGS...]         transpile FILE.py (and the sibling modules it imports) and run it;
                                sys.argv is [FILE.py, ARGS...]
  transpile FILE.py [-o OUT.ts] print the generated TypeScript, or write it to OUT.ts (imported
                                sibling modules are written next to it)
  typecheck FILE.py...          transpile each FILE.py and type-check the result against the
                                runtime
  example                       run the bundled example (examples/main.py); what \`npm start\` runs
  conformance, compare          the conformance suite (see conformance/)

options:
  -h, --help                    show this help
  --version                     show the version
`;

const EXIT_USAGE = 2;
const EXIT_COMPILE = 1;
const EXIT_INTERNAL = 70;

class UsageError extends Error {}

function packageRoot(): string {
  // dist/codegen/cli.js -> package root is two levels up.
  return path.resolve(__dirname, "..", "..");
}

function requireFile(file: string | undefined): string {
  if (file === undefined) throw new UsageError("missing FILE.py");
  const full = path.resolve(file);
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
    process.stderr.write(
      `asyncio-ts: can't open file '${full}': [Errno 2] No such file or directory\n`,
    );
    process.exit(EXIT_USAGE);
  }
  return file;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case "-h":
    case "--help":
    case "help":
      process.stdout.write(USAGE);
      return cmd === undefined ? EXIT_USAGE : 0;
    case "--version": {
      const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as {
        version: string;
      };
      process.stdout.write(`asyncio-ts ${pkg.version}\n`);
      return 0;
    }
    case "run": {
      const file = requireFile(rest[0]);
      const { runFile } = require("./run") as typeof import("./run");
      return runFile(file, rest.slice(1));
    }
    case "example": {
      const { runFile } = require("./run") as typeof import("./run");
      const example = path.join(packageRoot(), "examples", "main.py");
      return runFile(path.relative(process.cwd(), example) || example, rest);
    }
    case "transpile":
      return transpileCommand(rest);
    case "typecheck":
      return typecheckCommand(rest);
    case "conformance":
    case "compare":
      return conformance(cmd, rest);
    default:
      throw new UsageError(`unknown command '${cmd}'`);
  }
}

function transpileCommand(args: string[]): number {
  let out: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-o" || args[i] === "--output") {
      out = args[++i] ?? null;
      if (out === null) throw new UsageError("-o needs a file name");
    } else files.push(args[i]!);
  }
  if (files.length !== 1) throw new UsageError("transpile takes one FILE.py");
  const file = requireFile(files[0]);
  const { transpileProgram } = require("./index") as typeof import("./index");
  // Everything is transpiled before anything is written: an error writes nothing.
  const modules = transpileProgram(file);
  if (out === null) {
    for (const m of modules) {
      if (modules.length > 1) process.stdout.write(`// ----- ${m.tsName}\n`);
      process.stdout.write(m.code);
    }
    return 0;
  }
  const outDir = path.dirname(out);
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (const m of modules) {
      const target = m.name === "__main__" ? out : path.join(outDir, m.tsName);
      fs.writeFileSync(target, m.code);
    }
  } catch (e) {
    // A path through a file, a folder named OUT.ts, no permission: Node's message says which.
    const why = (e as NodeJS.ErrnoException).code !== undefined ? (e as Error).message : null;
    if (why === null) throw e;
    process.stderr.write(`asyncio-ts: cannot write '${out}': ${why}\n`);
    return EXIT_USAGE;
  }
  return 0;
}

/**
 * `typecheck FILE.py [FILE.py ...]`: each program is transpiled, and the programs are type-checked
 * together, one TypeScript program for as many of them as have no generated file name in common
 * (the runtime's sources are checked once per TypeScript program, which is most of the cost).
 * Prints `NAME.ts: ok` for each program without errors, the errors of the others on stderr.
 */
function typecheckCommand(args: string[]): number {
  if (args.length === 0) requireFile(undefined);
  const files = args.map(requireFile);
  const { transpileProgram } = require("./index") as typeof import("./index");
  const { typecheck } = require("./typecheck") as typeof import("./typecheck");
  const programs = files.map((f) =>
    transpileProgram(f).map((m) => ({ name: m.tsName, code: m.code })),
  );
  const batches: (typeof programs)[] = [];
  for (const modules of programs) {
    const fits = (batch: typeof programs) =>
      !batch.some((other) => other.some((o) => modules.some((m) => m.name === o.name)));
    const batch = batches.find(fits);
    if (batch === undefined) batches.push([modules]);
    else batch.push(modules);
  }
  let failed = false;
  const report = new Map<(typeof programs)[number], string[]>();
  for (const batch of batches) {
    const diags = typecheck(batch.flat());
    for (const modules of batch)
      report.set(
        modules,
        diags.filter((d) => modules.some((m) => d.startsWith(`${m.name}(`))),
      );
  }
  for (const modules of programs) {
    const own = report.get(modules) ?? [];
    for (const d of own) process.stderr.write(`${d}\n`);
    if (own.length === 0) process.stdout.write(`${modules.map((m) => m.name).join(", ")}: ok\n`);
    failed ||= own.length > 0;
  }
  return failed ? EXIT_COMPILE : 0;
}

function conformance(cmd: string, args: string[]): number {
  const compiled = path.join(packageRoot(), "dist", "conformance", "cli.js");
  const source = path.join(packageRoot(), "conformance", "cli.ts");
  if (!fs.existsSync(compiled)) {
    const why = fs.existsSync(source)
      ? "run `npm run build` first"
      : "conformance/cli.ts does not exist yet";
    process.stderr.write(`asyncio-ts: '${cmd}' is not available yet (${why})\n`);
    return EXIT_USAGE;
  }
  // Loaded here, not at the top: node:child_process costs every `run` several milliseconds.
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const r = spawnSync(process.execPath, [compiled, cmd, ...args], { stdio: "inherit" });
  return r.status ?? 1;
}

/** Entry point used by bin/asyncio-ts.js. */
export function cli(argv: string[]): void {
  main(argv).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      if (e instanceof CompileError) {
        process.stderr.write(`${e.format()}\n`);
        process.exitCode = EXIT_COMPILE;
      } else if (e instanceof UsageError) {
        process.stderr.write(`asyncio-ts: ${e.message}\n\n${USAGE}`);
        process.exitCode = EXIT_USAGE;
      } else {
        const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        process.stderr.write(
          `asyncio-ts: internal error (${msg.split("\n")[0]}). This is a bug in asyncio-ts: please report it with the Python file that caused it (set ASYNCIO_TS_DEBUG=1 for details).\n`,
        );
        if (process.env.ASYNCIO_TS_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
        process.exitCode = EXIT_INTERNAL;
      }
    },
  );
}
