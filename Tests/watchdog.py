#!/usr/bin/env python3
"""Runs one Swift Testing process under a time limit, so a stuck run can never cost a CI run.

    Tests/watchdog.py --limit 1500 --events out/tests/run.jsonl -- BINARY --testing-library swift-testing ...

The test binary's output is passed through line by line as it comes (a log shows where a run
stopped, not only what a full buffer held). Swift Testing's JSON event stream (written to
--events by the binary) tells which tests started and have not ended. When the limit passes,
the watchdog prints those tests and every thread's stack of each process in the run (gdb), then
kills the run and exits 1. Otherwise it exits with the binary's own status.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time


def unfinished_tests(events_path):
    """Test and test-case IDs with a start event and no end event, in start order."""
    open_tests = {}
    try:
        with open(events_path, encoding="utf-8", errors="replace") as stream:
            for line in stream:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by the kill
                if record.get("kind") != "event":
                    continue
                payload = record.get("payload", {})
                kind = payload.get("kind")
                key = (payload.get("testID"), json.dumps(payload.get("_testCase", {}).get("id")))
                if kind in ("testStarted", "testCaseStarted"):
                    open_tests[(kind.replace("Started", ""),) + key] = payload.get("instant", {}).get("since1970", 0)
                elif kind in ("testEnded", "testCaseEnded"):
                    open_tests.pop((kind.replace("Ended", ""),) + key, None)
    except FileNotFoundError:
        return None
    return sorted(open_tests.items(), key=lambda item: item[1])


def descendants(pid):
    """pid and every process below it (from /proc), parents first."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    order, pending = [], [pid]
    while pending:
        current = pending.pop(0)
        order.append(current)
        pending.extend(children.get(current, []))
    return order


def process_name(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def report_and_kill(process, args, started):
    print(f"\nwatchdog: {args.label} still running after {time.monotonic() - started:.0f} s "
          f"(limit {args.limit:.0f} s): stopping it", flush=True)
    pending = unfinished_tests(args.events) if args.events else None
    if pending is None:
        print("watchdog: no event stream to tell which tests were running", flush=True)
    else:
        print(f"watchdog: {len(pending)} tests or test cases started and not finished:", flush=True)
        for (kind, test_id, case), since in pending:
            case_text = "" if case in ("null", '""') else f" case {case}"
            print(f"  {kind} {test_id}{case_text} (running {time.time() - since:.0f} s)", flush=True)
    for pid in descendants(process.pid):
        print(f"\nwatchdog: threads of process {pid}: {process_name(pid)}", flush=True)
        try:
            stacks = subprocess.run(
                ["gdb", "-p", str(pid), "-batch", "-nx", "-ex", "set pagination off", "-ex", "thread apply all bt 30"],
                capture_output=True, text=True, timeout=120)
            print("\n".join(line for line in stacks.stdout.splitlines()
                            if line.startswith(("#", "Thread"))), flush=True)
        except (OSError, subprocess.TimeoutExpired) as error:
            print(f"watchdog: gdb could not read the stacks: {error}", flush=True)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=float, default=1500, help="seconds before the run is stopped (default 1500)")
    parser.add_argument("--events", help="the Swift Testing event stream the binary writes")
    parser.add_argument("--label", default="the test run", help="what to call the run in messages")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to run")

    started = time.monotonic()
    # Its own session, so the kill reaches every process the tests started.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    fired = threading.Event()

    def expire():
        fired.set()
        report_and_kill(process, args, started)

    timer = threading.Timer(args.limit, expire)
    timer.daemon = True
    timer.start()
    for line in iter(process.stdout.readline, b""):
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()
    status = process.wait()
    timer.cancel()
    if fired.is_set():
        # Give the report's thread time to finish printing.
        while timer.is_alive():
            time.sleep(0.1)
        print(f"watchdog: {args.label} failed: over its time limit", flush=True)
        return 1
    return status if status >= 0 else 1


if __name__ == "__main__":
    sys.exit(main())
