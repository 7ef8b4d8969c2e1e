/**
 * Generated TypeScript that type-checks where TypeScript's view of a value is narrower than
 * Python's: a new attribute stored on an instance of a known class, a class over an `any`-typed
 * runtime class constructed with arguments, a method called on a possibly-null result of the
 * typed asyncio API.
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureBuilt, transpileFile } from "./helpers";

const PROGRAM = `import asyncio
import logging
from datetime import date


class Point:
    def __init__(self, x):
        self.x = x


class Plain(logging.Formatter):
    pass


class Day(date):
    pass


async def main():
    p = Point(1)
    p.label = "origin"
    print(p.x, p.label, Plain("%(message)s").format(logging.LogRecord("n", 20, "p", 1, "hi", None, None)))
    print(Day(2024, 1, 2), asyncio.current_task().get_name())


asyncio.run(main())
`;

describe("generated TypeScript of values TypeScript types narrowly", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-typed-"));
  beforeAll(() => ensureBuilt());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("casts, pass-through constructors and non-null assertions where needed", () => {
    const r = transpileFile(dir, "narrow.py", PROGRAM);
    expect(r.status).toBe(0);
    expect(r.out).toContain('(p as any).label = "origin";');
    expect(r.out).toContain("self.x = x;");
    expect(r.out).toContain(
      "class Plain extends logging.Formatter {\n  constructor(...args: any[]) {\n    super(...args);\n  }\n}",
    );
    expect(r.out).toContain("asyncio.current_task()!.get_name()");
  });

  test("the generated TypeScript type-checks", () => {
    const r = transpileFile(dir, "narrow_typed.py", PROGRAM, "typecheck");
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
  });
});
