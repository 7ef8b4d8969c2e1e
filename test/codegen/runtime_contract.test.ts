/**
 * The transpiler only emits names the runtime provides: every builtin and module it can import
 * from "asyncio-ts/python" exists there, the declared contract (codegen/requests/python-api.d.ts)
 * promises nothing the runtime lacks, and what the runtime lacks is refused at transpile time.
 */
import { CompileError, transpile } from "../../codegen";
import { BUILTINS, UNSUPPORTED_BUILTINS } from "../../codegen/lower/context";
import { RUNTIME_MODULES, runtimeModulePath, runtimeNamespace } from "../../codegen/lower/imports";
import { missingRuntimeNames } from "../../codegen/typecheck";
import * as $py from "../../src/python";

const exported = $py as unknown as Record<string, unknown>;

test("every builtin the transpiler imports is exported by the runtime", () => {
  expect([...BUILTINS].filter((n) => exported[n] === undefined)).toEqual([]);
});

test("every stdlib module the transpiler maps to the runtime is a namespace there", () => {
  expect(
    [...RUNTIME_MODULES].filter((m) => typeof exported[m] !== "object" || exported[m] === null),
  ).toEqual([]);
});

test("the contract declares nothing the runtime does not export", () => {
  expect(missingRuntimeNames()).toEqual([]);
});

test("typing, typing_extensions and collections.abc are runtime namespaces", () => {
  expect(runtimeNamespace("typing")).toBe($py.typing);
  expect(runtimeNamespace("collections.abc")).toBe($py.collections.abc);
  expect(["typing", "typing_extensions", "collections.abc", "json"].map(runtimeModulePath)).toEqual(
    ["typing", "typing", "collections.abc", "json"],
  );
  expect(runtimeModulePath("re")).toBe(null);
  expect(transpile("import collections.abc\nimport typing as t\n", "ok.py").code).toContain(
    "const collections = $py.collections;\nconst t = $py.typing;",
  );
});

test("no builtin is both provided and refused", () => {
  expect([...UNSUPPORTED_BUILTINS].filter((n) => BUILTINS.has(n))).toEqual([]);
});

describe("what the runtime lacks is refused with its location", () => {
  test.each([
    ["print(dir(1))\n", "the builtin 'dir' is not supported", 1, 6],
    ["def f():\n    return open('x')\n", "the builtin 'open' is not supported", 2, 11],
    [
      "class A:\n    def g(self):\n        return 1\n    x = property(g)\n",
      "'property' other than as a method decorator is not supported",
      4,
      8,
    ],
    [
      "m = staticmethod\n",
      "'staticmethod' other than as a method decorator is not supported",
      1,
      4,
    ],
    ["import re\n", "module 're' is not supported by asyncio-ts", 1, 7],
    ["from datetime import date\n", "module 'datetime' is not supported by asyncio-ts", 1, 0],
    [
      "from typing import cast, TypedDict\n",
      "'TypedDict' of module 'typing' is not supported",
      1,
      25,
    ],
    ["from math import nope\n", "'nope' of module 'math' is not supported", 1, 17],
  ])("%j", (py, message, line, col) => {
    let error: unknown = null;
    try {
      transpile(py, "bad.py");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompileError);
    const e = error as CompileError;
    expect([e.kind, e.detail, e.loc]).toEqual([
      "Unsupported",
      message,
      { file: "bad.py", line, col },
    ]);
  });

  test("a shadowing definition is not refused", () => {
    expect(transpile("def dir(x):\n    return [x]\nprint(dir(1))\n", "ok.py").code).toContain(
      "function dir(",
    );
  });
});
