"""Record what CPython 3.13.0 does for every conformance fixture.

Usage:
    PYENV_VERSION=3.13.0 python3 conformance/record.py [--area A] [--case C] [--force] [--check]

Each case (fixtures/<area>/<case>/ with main.py and case.json) is run 3 times under this
interpreter through conformance/trace_cpython.py, with the case's args, stdin and timeout, the
case folder as cwd, and PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8. The record
(fixtures/<area>/<case>/expected.json) is written only when the 3 runs agree exactly on stdout,
exit code, last stderr line and trace; otherwise the case is reported as nondeterministic and
the script exits non-zero at the end.

A case whose case.json `needs` ("network", "processes") this machine lacks is skipped (as the
runner does; ASYNCIO_TS_CONFORMANCE_WITHOUT=network,processes declares needs unavailable).

--check re-runs the cases and reports records that are missing or out of date, writing nothing. It
runs each case once (what a record must equal), unless --runs asks for more: determinism is what
recording checks, with its 3 runs. A case whose run differs is run once more, alone, before it is
reported: cases that time sleeps against each other can differ on a loaded machine.
--force allows an interpreter other than CPython 3.13.0 (the version is written into each record).
"""

import argparse
import concurrent.futures
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
TRACER = os.path.join(ROOT, "conformance", "trace_cpython.py")
REQUIRED_VERSION = "3.13.0"
RUNS = 3


def find_cases(area=None, case=None):
    cases = []
    if not os.path.isdir(FIXTURES):
        return cases
    for a in sorted(os.listdir(FIXTURES)):
        adir = os.path.join(FIXTURES, a)
        if not os.path.isdir(adir) or (area and a != area):
            continue
        for c in sorted(os.listdir(adir)):
            cdir = os.path.join(adir, c)
            if case and c != case:
                continue
            if os.path.isfile(os.path.join(cdir, "case.json")) and os.path.isfile(
                os.path.join(cdir, "main.py")
            ):
                cases.append((a, c))
    return cases


def last_line(text):
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_once(cdir, meta):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("ASYNCIO_TS_TRACE", None)
    fd, trace_path = tempfile.mkstemp(prefix="trace-", suffix=".jsonl")
    os.close(fd)
    try:
        stdin = meta.get("stdin")
        try:
            proc = subprocess.run(
                [sys.executable, TRACER, trace_path, "main.py", *meta.get("args", [])],
                cwd=cdir,
                env=env,
                input=(stdin if stdin is not None else "").encode("utf-8"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                timeout=meta.get("timeout", 10),
            )
        except subprocess.TimeoutExpired:
            return {"error": "timed out after %ss" % meta.get("timeout", 10)}
        with open(trace_path, encoding="utf-8") as f:
            trace = [json.loads(line) for line in f if line.strip()]
    finally:
        os.unlink(trace_path)
    return {
        "stdout": proc.stdout.decode("utf-8"),
        "exit_code": proc.returncode,
        "stderr_last_line": last_line(proc.stderr.decode("utf-8")),
        "trace": trace if meta.get("trace", True) else [],
        "stderr": proc.stderr.decode("utf-8"),
    }


WITHOUT_ENV = "ASYNCIO_TS_CONFORMANCE_WITHOUT"


def probe_network():
    """Can we listen on 127.0.0.1 and connect to ourselves?"""
    try:
        with socket.create_server(("127.0.0.1", 0)) as server:
            with socket.create_connection(server.getsockname(), timeout=5):
                return True
    except OSError:
        return False


def probe_processes():
    """Can we start a child process and see it exit 0?"""
    try:
        return subprocess.run([sys.executable, "-c", "pass"], timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def available_needs():
    """What this machine provides for case.json's `needs` (as conformance/needs.ts decides)."""
    without = {n.strip() for n in os.environ.get(WITHOUT_ENV, "").split(",") if n.strip()}
    probes = {"network": probe_network, "processes": probe_processes}
    unknown = without - probes.keys()
    if unknown:
        sys.exit("record.py: %s: unknown need %s" % (WITHOUT_ENV, ", ".join(sorted(unknown))))
    return {name for name, probe in probes.items() if name not in without and probe()}


def record_case(area, case, available, runs=RUNS):
    """Run one case `runs` times; return (area, case, status, record-or-message)."""
    cdir = os.path.join(FIXTURES, area, case)
    with open(os.path.join(cdir, "case.json"), encoding="utf-8") as f:
        meta = json.load(f)
    missing = [n for n in meta.get("needs", []) if n not in available]
    if missing:
        return area, case, "skipped", "needs " + " and ".join(missing)
    results = []
    for _ in range(runs):
        r = run_once(cdir, meta)
        if "error" in r:
            return area, case, "error", r["error"]
        results.append(r)
    keys = ("stdout", "exit_code", "stderr_last_line", "trace")
    first = {k: results[0][k] for k in keys}
    for i, r in enumerate(results[1:], 2):
        diff = [k for k in keys if r[k] != first[k]]
        if diff:
            return area, case, "nondeterministic", "run 1 and run %d differ in %s" % (i, ", ".join(diff))
    record = {"python": platform.python_version(), **first}
    return area, case, "ok", (record, results[0]["stderr"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--area")
    parser.add_argument("--case")
    parser.add_argument("--force", action="store_true", help="allow a Python other than 3.13.0")
    parser.add_argument("--check", action="store_true", help="report out-of-date records, write nothing")
    parser.add_argument("--runs", type=int, help="runs of each case (default: %d, or 1 with --check)" % RUNS)
    parser.add_argument("-v", "--verbose", action="store_true", help="print stderr of failing cases")
    args = parser.parse_args()

    version = platform.python_version()
    if platform.python_implementation() != "CPython" or version != REQUIRED_VERSION:
        if not args.force:
            sys.exit(
                "record.py: need CPython %s, this is %s %s (use PYENV_VERSION=%s, or --force)"
                % (REQUIRED_VERSION, platform.python_implementation(), version, REQUIRED_VERSION)
            )
        print("record.py: warning: recording with %s %s" % (platform.python_implementation(), version))

    cases = find_cases(args.area, args.case)
    if not cases:
        sys.exit("record.py: no cases matched")

    failed = []
    # --check: cases whose run differed from the record, run again alone after the others.
    recheck = []
    written = stale = skipped = 0
    available = available_needs()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        runs = args.runs or (1 if args.check else RUNS)
        futures = [pool.submit(record_case, a, c, available, runs) for a, c in cases]
        for fut in concurrent.futures.as_completed(futures):
            area, case, status, payload = fut.result()
            name = "%s/%s" % (area, case)
            if status == "skipped":
                skipped += 1
                print("SKIPPED: %s (%s, which this machine lacks)" % (name, payload))
                continue
            if status != "ok":
                failed.append(name)
                print("%s: %s: %s" % (status.upper(), name, payload))
                continue
            record, stderr = payload
            path = os.path.join(FIXTURES, area, case, "expected.json")
            text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
            old = None
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    old = f.read()
            if args.check:
                if old != text:
                    recheck.append((area, case, old))
            elif old != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                written += 1
                print("recorded: %s (exit %d, %d trace events)" % (name, record["exit_code"], len(record["trace"])))
            if args.verbose and record["exit_code"] != 0:
                sys.stdout.write(stderr)

    # A case that times sleeps against each other can come out differently on a loaded machine
    # (two workers here, the test suite's own beside): run it again alone before calling its
    # record out of date, as the conformance suite does for our side.
    for area, case, old in recheck:
        name = "%s/%s" % (area, case)
        _, _, status, payload = record_case(area, case, available, 1)
        if status == "ok" and old == json.dumps(payload[0], indent=2, ensure_ascii=False) + "\n":
            print("passed when run again alone (under load it differed): %s" % name)
            continue
        stale += 1
        failed.append(name)
        print("OUT OF DATE: %s%s" % (name, "" if old is not None else " (no record)"))

    total = len(cases)
    skipped_note = ", %d skipped" % skipped if skipped else ""
    if args.check:
        print("checked %d cases: %d out of date, %d failed%s" % (total, stale, len(failed) - stale, skipped_note))
    else:
        unchanged = total - written - len(failed) - skipped
        print("%d cases: %d records written, %d unchanged, %d failed%s" % (total, written, unchanged, len(failed), skipped_note))
    if failed:
        print("failed: " + " ".join(sorted(failed)))
        sys.exit(1)


if __name__ == "__main__":
    main()
