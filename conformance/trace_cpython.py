"""Run a Python program under CPython 3.13 and record the asyncio scheduling trace.

Usage: python3 trace_cpython.py TRACEFILE main.py ARGS...

The program runs as ``__main__`` (via runpy.run_path) with ``sys.argv`` set as if
``python3 main.py ARGS...`` had been run. Exit codes and uncaught-exception tracebacks are
the same as a plain run. The trace is written to TRACEFILE, one JSON object per line:

  {"ev": "step", "task": "<task name>", "coro": "<coroutine __qualname__>"}
      one step of a Task: a scheduled step (TaskStepMethWrapper), a wake-up after an awaited
      future completed (the task's bound ``task_wakeup``), or an eager task's first step (run
      inside create_task, detected with sys.monitoring PY_START).
  {"ev": "cb", "fn": "<qualname>"}
      any other callback run by the loop from a Handle: the callback's __qualname__ when it is
      the program's own code (functools.partial unwrapped to .func, bound methods to
      __func__), "asyncio" when it is defined in the asyncio package (or the C _asyncio
      module), and the builtin's __qualname__ for other builtins (e.g. "print").
"""

import functools
import json
import os
import runpy
import sys
import types

_ASYNCIO_DIR = None
_events = []
_out = None


def _emit(ev):
    _out.write(json.dumps(ev, separators=(",", ":")) + "\n")


def _is_asyncio_file(filename):
    return os.path.dirname(os.path.abspath(filename)) == _ASYNCIO_DIR


def _task_of(cb):
    """The Task this callback steps, or None."""
    name = type(cb).__name__
    if name == "TaskStepMethWrapper":
        return cb.__self__
    if isinstance(cb, types.BuiltinMethodType) and cb.__name__ == "task_wakeup":
        return cb.__self__
    # Pure-Python Task (asyncio.tasks._PyTask): bound __step / __wakeup.
    if isinstance(cb, types.MethodType) and cb.__func__.__name__ in (
        "_Task__step",
        "_Task__wakeup",
    ):
        import asyncio

        if isinstance(cb.__self__, asyncio.Task):
            return cb.__self__
    return None


def _coro_qualname(task):
    coro = task.get_coro()
    return getattr(coro, "__qualname__", type(coro).__qualname__)


def _classify(cb):
    while isinstance(cb, functools.partial):
        cb = cb.func
    if isinstance(cb, types.MethodType):
        cb = cb.__func__
    code = getattr(cb, "__code__", None)
    if code is not None:
        if _is_asyncio_file(code.co_filename):
            return "asyncio"
        return getattr(cb, "__qualname__", code.co_name)
    if isinstance(cb, (types.BuiltinFunctionType, types.BuiltinMethodType)):
        owner = getattr(cb, "__self__", None)
        mod = getattr(cb, "__module__", None)
        if mod is None and owner is not None and not isinstance(owner, types.ModuleType):
            mod = type(owner).__module__
        elif isinstance(owner, types.ModuleType):
            mod = owner.__name__
        if mod is not None and (mod == "_asyncio" or mod == "asyncio" or mod.startswith("asyncio.")):
            return "asyncio"
        return cb.__qualname__
    # Other callables (instances with __call__, C wrappers).
    mod = type(cb).__module__
    if mod == "_asyncio" or mod.startswith("asyncio"):
        return "asyncio"
    call = getattr(type(cb), "__call__", None)
    code = getattr(call, "__code__", None)
    if code is not None and _is_asyncio_file(code.co_filename):
        return "asyncio"
    return getattr(cb, "__qualname__", type(cb).__qualname__)


# The task whose step a Handle is running right now (None outside such a step).
_handle_task = [None]


def install():
    global _ASYNCIO_DIR
    import asyncio
    import asyncio.events

    _ASYNCIO_DIR = os.path.dirname(os.path.abspath(asyncio.__file__))
    handle_cls = asyncio.events.Handle
    orig_run = handle_cls._run

    def _run(self):
        cb = self._callback
        task = _task_of(cb)
        if task is not None:
            _emit({"ev": "step", "task": task.get_name(), "coro": _coro_qualname(task)})
        else:
            _emit({"ev": "cb", "fn": _classify(cb)})
        saved = _handle_task[0]
        _handle_task[0] = task
        try:
            return orig_run(self)
        finally:
            _handle_task[0] = saved

    handle_cls._run = _run

    # Eager first steps: a coroutine's frame starts while it is the current task's coroutine and
    # no Handle is running a step of that task.
    mon = sys.monitoring
    tool = mon.PROFILER_ID
    mon.use_tool_id(tool, "asyncio-ts-trace")
    CO_COROUTINE = 0x80
    # loop -> task currently stepping on it; eager start swaps the new task in before its
    # first step (this also works before the loop runs, e.g. asyncio.run's main task).
    current_tasks = asyncio.tasks._current_tasks

    def on_start(code, offset):
        if not code.co_flags & CO_COROUTINE:
            return mon.DISABLE
        if not current_tasks:
            return None
        frame = sys._getframe(1)
        for task in list(current_tasks.values()):
            if task is _handle_task[0]:
                continue
            if getattr(task.get_coro(), "cr_frame", None) is frame:
                _emit({"ev": "step", "task": task.get_name(), "coro": _coro_qualname(task)})
                break
        return None

    mon.register_callback(tool, mon.events.PY_START, on_start)
    mon.set_events(tool, mon.events.PY_START)


def _strip_runner_frames(tb, main_file):
    t = tb
    while t is not None and t.tb_frame.f_code.co_filename != main_file:
        t = t.tb_next
    return t if t is not None else tb


_main_globals = None


def main():
    global _out, _main_globals
    if len(sys.argv) < 3:
        sys.stderr.write("usage: trace_cpython.py TRACEFILE main.py ARGS...\n")
        sys.exit(2)
    trace_file, script = sys.argv[1], sys.argv[2]
    _out = open(trace_file, "w", encoding="utf-8")
    main_file = os.path.abspath(script)
    sys.argv = sys.argv[2:]
    sys.path[0] = os.path.dirname(main_file)
    install()
    try:
        _main_globals = runpy.run_path(main_file, run_name="__main__")
    except SystemExit:
        _out.flush()
        raise
    except BaseException as exc:
        _out.flush()
        tb = _strip_runner_frames(exc.__traceback__, main_file)
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        sys.exit(1)
    finally:
        _out.flush()


if __name__ == "__main__":
    main()
