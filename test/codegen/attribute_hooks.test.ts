/**
 * `__setattr__`/`__delattr__` across modules, through the CLI: a class of a sibling module that
 * defines `__setattr__` sees the stores of every module of the program (lower/assign.ts
 * re-transpiles with `attrHooks` when any module of the program defines one), while a program
 * that imports no such module keeps plain property stores even when an unrelated file next to it
 * defines one. A class defining `__init__` over a class of another module runs it once, whether
 * that class's constructor runs `__init__` (a root class, a `metaclass=ABCMeta` class) or not (an
 * exception).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cli, ensureBuilt } from "./helpers";

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "asyncio-ts-attrhooks-")));

const FILES: Record<string, string[]> = {
  "models.py": [
    "from abc import ABCMeta, abstractmethod",
    "",
    "",
    "class Shape(metaclass=ABCMeta):",
    "    @abstractmethod",
    "    def area(self): ...",
    "",
    "",
    "class Tracked:",
    "    def __setattr__(self, name, value):",
    '        print("tracked", name, value)',
    "        object.__setattr__(self, name, value)",
    "",
    "",
    "class Plain:",
    "    def __init__(self):",
    '        print("Plain.__init__")',
    "",
    "",
    "class Failure(Exception):",
    "    pass",
  ],
  "main.py": [
    "import models",
    "from models import Plain, Tracked",
    "",
    "",
    "class Item(Tracked):",
    "    def __init__(self, n):",
    "        self.n = n",
    "",
    "",
    "class Child(Plain):",
    "    def __init__(self, tag):",
    '        print("Child.__init__", tag)',
    "        super().__init__()",
    "",
    "",
    "class Square(models.Shape):",
    "    def __init__(self, side):",
    '        print("Square.__init__", side)',
    "        self.side = side",
    "",
    "    def area(self):",
    "        return self.side ** 2",
    "",
    "",
    "class Detailed(models.Failure):",
    "    def __init__(self, code):",
    '        print("Detailed.__init__", code)',
    '        super().__init__(f"code {code}")',
    "",
    "",
    "def bump(obj):",
    "    obj.n += 1",
    "    obj.extra = [obj.n]",
    "",
    "",
    "item = Item(1)",
    "bump(item)",
    "print(item.n, item.extra)",
    'Child("c")',
    "print(repr(Detailed(7)))",
    "print(Square(3).area())",
  ],
  "shapes.py": ["class Box:", "    def __init__(self, w):", "        self.w = w"],
  "app.py": ["from shapes import Box", "", "b = Box(2)", "b.w = 3", "print(b.w)"],
  "unrelated.py": ["class Other:", "    def __setattr__(self, name, value):", "        pass"],
};

beforeAll(() => {
  ensureBuilt();
  for (const [name, lines] of Object.entries(FILES))
    fs.writeFileSync(path.join(dir, name), `${lines.join("\n")}\n`);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a sibling module's __setattr__ runs for stores in every module, and __init__ runs once", () => {
  const r = cli(dir, ["run", "main.py"]);
  expect(r.err).toBe("");
  expect(r.out).toBe(
    [
      "tracked n 1",
      "tracked n 2",
      "tracked extra [2]",
      "2 [2]",
      "Child.__init__ c",
      "Plain.__init__",
      "Detailed.__init__ 7",
      "Detailed('code 7')",
      "Square.__init__ 3",
      "9",
      "",
    ].join("\n"),
  );
  expect(r.status).toBe(0);
});

test("stores go through setattr in every module of a program with __setattr__", () => {
  const r = cli(dir, ["transpile", "main.py"]);
  expect(r.status).toBe(0);
  expect(r.out).toContain('    setattr(self, "n", n);\n');
  expect(r.out).toContain(
    '  setattr(obj, "n", $py.iadd(getattr(obj, "n"), 1n));\n  setattr(obj, "extra", [getattr(obj, "n")]);\n',
  );
  // Whether the other module's class runs `__init__` when constructed is asked at run time.
  expect(r.out).toContain(
    "class Child extends Plain {\n  constructor(...args: any[]) {\n    super(...args);\n    if (!$py.constructsViaInit(Plain)) (this as any).__init__(...args);\n  }\n",
  );
});

test("a program importing no module with __setattr__ keeps plain stores", () => {
  const r = cli(dir, ["transpile", "app.py"]);
  expect(r.status).toBe(0);
  expect(r.out).toContain("    self.w = w;\n");
  expect(r.out).toContain("b.w = 3n;\n");
  expect(cli(dir, ["run", "app.py"]).out).toBe("3\n");
});
