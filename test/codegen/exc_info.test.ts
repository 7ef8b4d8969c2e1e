/**
 * The exception being handled (`sys.exc_info()`/`sys.exception()`), implicit chaining
 * (`__context__`, printed as "During handling of the above exception, ...") and `except*`
 * collection: transpiled programs against what CPython 3.13.0 printed (pasted below). stdout and
 * the exit status must be equal; stderr is compared without its frame lines (file paths and
 * `~~^^` markers differ, see docs/DIFFERENCES.md).
 */

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BIN, childEnv, ensureBuilt } from "./helpers";

interface Case {
  name: string;
  code: string;
  stdout: string;
  stderr: string;
  status: number;
}

const CASES: Case[] = [
  {
    name: "nested",
    code: 'import sys\n\ndef show(label):\n    t, v, tb = sys.exc_info()\n    print(label, t, repr(v), repr(sys.exception()), tb is None)\n\nshow("start")\ntry:\n    raise KeyError("a")\nexcept KeyError:\n    show("outer")\n    try:\n        raise ValueError("b")\n    except ValueError:\n        show("inner")\n    show("outer again")\nshow("after")\n\ndef gen_ret():\n    for i in range(3):\n        try:\n            raise IndexError(i)\n        except IndexError:\n            if i == 0:\n                continue\n            return sys.exception()\nprint(repr(gen_ret()), repr(sys.exception()))\ntry:\n    try:\n        raise OSError("x")\n    finally:\n        show("finally")\nexcept OSError:\n    pass\n',
    stdout:
      "start None None None True\nouter <class 'KeyError'> KeyError('a') KeyError('a') False\ninner <class 'ValueError'> ValueError('b') ValueError('b') False\nouter again <class 'KeyError'> KeyError('a') KeyError('a') False\nafter None None None True\nIndexError(1) None\nfinally <class 'OSError'> OSError('x') OSError('x') False\n",
    stderr: "",
    status: 0,
  },
  {
    name: "chain",
    code: 'def helper():\n    raise ValueError("helper")\n\ndef check(fn):\n    try:\n        fn()\n    except Exception as e:\n        c = e.__context__\n        print(repr(e), repr(c), repr(c.__context__ if c is not None else None), e.__suppress_context__)\n\ndef a():\n    try:\n        {}["k"]\n    except KeyError:\n        helper()\n\ndef b():\n    try:\n        [1][5]\n    except IndexError:\n        return 1 / 0\n\ndef c():\n    try:\n        int("z")\n    except ValueError:\n        raise TypeError("t") from None\n\ndef d():\n    try:\n        raise KeyError(1)\n    except KeyError:\n        try:\n            raise KeyError(2)\n        except KeyError:\n            None.foo\n\ndef e():\n    try:\n        raise ValueError("a")\n    except ValueError as a:\n        try:\n            raise TypeError("b")\n        except TypeError:\n            raise a\n\ndef f():\n    try:\n        raise KeyError("fin")\n    finally:\n        helper()\n\ndef g():\n    x = ValueError("made in handler")\n    try:\n        raise KeyError("k")\n    except KeyError:\n        y = RuntimeError("made in handler too")\n    raise y\n\nfor fn in (a, b, c, d, e, f, g):\n    check(fn)\ntry:\n    {}["missing"]\nexcept KeyError:\n    print(1 / 0)\n',
    stdout:
      "ValueError('helper') KeyError('k') None False\nZeroDivisionError('division by zero') IndexError('list index out of range') None False\nTypeError('t') ValueError(\"invalid literal for int() with base 10: 'z'\") None True\nAttributeError(\"'NoneType' object has no attribute 'foo'\") KeyError(2) KeyError(1) False\nValueError('a') TypeError('b') None False\nValueError('helper') KeyError('fin') None False\nRuntimeError('made in handler too') None None False\n",
    stderr:
      'Traceback (most recent call last):\n  File "/tmp/exc_t/snip/s_chain.py", line 64, in <module>\n    {}["missing"]\n    ~~^^^^^^^^^^^\nKeyError: \'missing\'\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File "/tmp/exc_t/snip/s_chain.py", line 66, in <module>\n    print(1 / 0)\n          ~~^~~\nZeroDivisionError: division by zero\n',
    status: 1,
  },
  {
    name: "star",
    code: 'def run(fn):\n    try:\n        fn()\n    except BaseException as e:\n        print(repr(e), repr(e.__context__))\n        for s in getattr(e, "exceptions", ()):\n            print("  ", repr(s), repr(s.__context__), s.__suppress_context__)\n\ndef a():\n    try:\n        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])\n    except* ValueError:\n        raise RuntimeError("r")\n    except* TypeError:\n        raise\n\ndef b():\n    try:\n        raise ValueError(1)\n    except* ValueError:\n        raise\n\ndef c():\n    try:\n        pass\n    except* ValueError:\n        pass\n    else:\n        print("else")\n\nrun(a)\nrun(b)\nrun(c)\ntry:\n    raise ExceptionGroup("top", [ValueError(1), KeyError(2)])\nexcept* ValueError:\n    raise RuntimeError("bad")\n',
    stdout:
      "ExceptionGroup('', [RuntimeError('r'), ExceptionGroup('eg', [TypeError(2), KeyError(3)])]) None\n   RuntimeError('r') ExceptionGroup('eg', [ValueError(1)]) False\n   ExceptionGroup('eg', [TypeError(2), KeyError(3)]) None True\nExceptionGroup('', (ValueError(1),)) None\n   ValueError(1) None False\nelse\n",
    stderr:
      '  | ExceptionGroup:  (2 sub-exceptions)\n  +-+---------------- 1 ----------------\n    | Exception Group Traceback (most recent call last):\n    |   File "/tmp/exc_t/snip/s_star.py", line 35, in <module>\n    |     raise ExceptionGroup("top", [ValueError(1), KeyError(2)])\n    | ExceptionGroup: top (1 sub-exception)\n    +-+---------------- 1 ----------------\n      | ValueError: 1\n      +------------------------------------\n    | \n    | During handling of the above exception, another exception occurred:\n    | \n    | Traceback (most recent call last):\n    |   File "/tmp/exc_t/snip/s_star.py", line 37, in <module>\n    |     raise RuntimeError("bad")\n    | RuntimeError: bad\n    +---------------- 2 ----------------\n    | Exception Group Traceback (most recent call last):\n    |   File "/tmp/exc_t/snip/s_star.py", line 35, in <module>\n    |     raise ExceptionGroup("top", [ValueError(1), KeyError(2)])\n    | ExceptionGroup: top (1 sub-exception)\n    +-+---------------- 1 ----------------\n      | KeyError: 2\n      +------------------------------------\n',
    status: 1,
  },
  {
    name: "async",
    code: 'import asyncio, sys\n\nasync def holder(name, ev):\n    try:\n        raise KeyError(name)\n    except KeyError:\n        await ev.wait()\n        print(name, repr(sys.exception()))\n    print(name, repr(sys.exception()))\n\nasync def peeker(ev):\n    print("peek", repr(sys.exception()))\n    ev.set()\n\nasync def main():\n    ev = asyncio.Event()\n    await asyncio.gather(holder("a", ev), holder("b", ev), peeker(ev))\n    try:\n        raise OSError("main")\n    except OSError:\n        t = asyncio.create_task(peeker(asyncio.Event()))\n        await t\n        print("main", repr(sys.exception()))\n\nasyncio.run(main())\n',
    stdout:
      "peek None\na KeyError('a')\na None\nb KeyError('b')\nb None\npeek None\nmain OSError('main')\n",
    stderr: "",
    status: 0,
  },
  {
    name: "traceback_module",
    code: 'import sys\nimport traceback\n\ndef helper():\n    return {}["k"]\n\ndef last_lines(text):\n    return [line for line in text.splitlines() if not line.startswith("  ")]\n\nprint(repr(traceback.format_exc()))\ntry:\n    helper()\nexcept KeyError:\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        print(last_lines(traceback.format_exc()))\n        print(last_lines(traceback.format_exc(chain=False)))\n        print(traceback.format_exception_only(sys.exception()))\ne = ValueError("v")\ne.add_note("a note")\nprint(traceback.format_exception(e))\ntraceback.print_exception(e, file=sys.stdout)\ntry:\n    raise ExceptionGroup("eg", [TypeError(1)])\nexcept* TypeError:\n    print(last_lines(traceback.format_exc()))\n',
    stdout:
      "'NoneType: None\\n'\n['Traceback (most recent call last):', \"KeyError: 'k'\", '', 'During handling of the above exception, another exception occurred:', '', 'Traceback (most recent call last):', 'ZeroDivisionError: division by zero']\n['Traceback (most recent call last):', 'ZeroDivisionError: division by zero']\n['ZeroDivisionError: division by zero\\n']\n['ValueError: v\\n', 'a note\\n']\nValueError: v\na note\n[]\n",
    stderr: "",
    status: 0,
  },
];

/** stderr without the frame lines of tracebacks (`File "...", line N, in f`, source, markers). */
function withoutFrames(text: string): string {
  const out: string[] = [];
  let afterFrame = false;
  for (const line of text.split("\n")) {
    // The text after an exception group's box margin (`  | `).
    const content = /^(\s*[|+] ?)?(.*)$/.exec(line)![2];
    if (content.startsWith('  File "')) afterFrame = true;
    else if (!(afterFrame && content.startsWith("    "))) {
      afterFrame = false;
      out.push(line);
    }
  }
  return out.join("\n");
}

let dir = "";
beforeAll(() => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "exc-info-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the exception being handled, chaining and except* as CPython 3.13.0", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const file = path.join(dir, `${c.name}.py`);
    fs.writeFileSync(file, c.code);
    const r = spawnSync(process.execPath, [BIN, "run", file], {
      cwd: dir,
      encoding: "utf8",
      env: childEnv(path.join(dir, "cache")),
      timeout: 60_000,
    });
    expect(r.stdout).toBe(c.stdout);
    expect(withoutFrames(r.stderr)).toBe(withoutFrames(c.stderr));
    if (c.stderr !== "") expect(withoutFrames(r.stderr)).toContain("Traceback");
    expect(r.status).toBe(c.status);
  });
});
