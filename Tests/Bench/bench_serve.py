#!/usr/bin/env python3
"""make bench-serve: the prediction server's throughput, latency, errors and memory, measured
against offline `earshot transcribe` on the same files and the same cores, in one run.

Usage: bench_serve.py path/to/earshot [--manifest Fixtures/serve/manifest.jsonl] [--window 3]

Steps (all with the shipped default model, OPENBLAS_NUM_THREADS as the caller sets it):
 1. offline: `earshot transcribe --json` on the manifest's files repeated --repeats times (one
    process, files in parallel on all cores); throughput = audio seconds / wall seconds. A
    one-pass run is timed too, so the model's start-up cost can be taken out (steady state).
 2. `earshot serve` on a free loopback port (default workers = cores, request log on), then
    `earshot loadtest --json`: a closed-loop sweep; saturation = the best step's throughput.
 3. open loop at 70% of the saturation request rate: p99 against the unloaded (c=1) p50.
 4. wrk (Debian) at the saturation concurrency, POSTing one fixture WAV, beside
    `earshot loadtest` on the same single file at the same concurrency.
 5. the server's peak resident memory (VmHWM in /proc/PID/status), then SIGTERM: exit 0.
Prints one table: each figure beside its target with met/missed, and the load average.
Only loopback is contacted. Needs python3 (stdlib) and, for step 4, wrk.
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def manifest_files(path):
    base = os.path.dirname(os.path.abspath(path))
    files = []
    with open(path) as handle:
        for line in handle:
            if line.strip():
                audio = json.loads(line)["audio"]
                files.append(audio if os.path.isabs(audio) else os.path.normpath(os.path.join(base, audio)))
    return files


def offline(earshot, files, repeats):
    """(wall seconds, CPU seconds, audio seconds, files) of one `earshot transcribe --json`
    process. CPU time (user + system) is kept beside wall time: it holds steady when other
    jobs share the cores, wall time does not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([earshot, "transcribe", "--json"] + files * repeats,
                          check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    records = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if len(records) != len(files) * repeats:
        sys.exit(f"offline: {len(records)} results for {len(files) * repeats} files")
    return wall, cpu, sum(r["audio_seconds"] for r in records), len(records)


def process_cpu_seconds(pid):
    """User + system CPU seconds a running process has used so far (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url, server, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            sys.exit(f"earshot serve exited with {server.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"earshot serve not ready after {seconds} s")


def loadtest(earshot, url, manifest, window, *, concurrency=None, rate=None):
    command = [earshot, "loadtest", "--url", url, "--manifest", manifest, "--duration", str(window),
               "--max-windows", "4", "--json"]
    if concurrency:
        command += ["--concurrency", ",".join(map(str, concurrency))]
    if rate:
        command += ["--rate", f"{rate:.2f}/s"]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def concurrency_of(step):
    return step["mode"].get("concurrency") if step["mode"].get("kind") == "closed_loop" else None


def errors(step):
    return sum(step["summary"]["errors_by_status"].values())


def wrk_rate(url, wav, concurrency, seconds):
    """Requests/s and non-2xx count of wrk POSTing `wav` at `concurrency` connections."""
    done = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{seconds}s", "--timeout", "30s",
         "-s", os.path.join(HERE, "wrk_transcribe.lua"), url],
        check=True, capture_output=True, text=True, env=dict(os.environ, EARSHOT_WAV=wav))
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", done.stdout).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", done.stdout)
    failed = re.search(r"Socket errors:.*", done.stdout)
    return rate, int(bad.group(1)) if bad else 0, failed.group(0) if failed else ""


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def row(name, value, target, met):
    status = "—" if met is None else ("met" if met else "MISSED")
    return f"| {name} | {value} | {target} | {status} |"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("earshot")
    parser.add_argument("--manifest", default="Fixtures/serve/manifest.jsonl")
    parser.add_argument("--window", type=float, default=3.0, help="seconds per load-test window")
    parser.add_argument("--repeats", type=int, default=50, help="passes over the files offline")
    parser.add_argument("--sweep", default="1,2,3,4,6,8", help="closed-loop concurrency steps")
    args = parser.parse_args()
    earshot = os.path.abspath(args.earshot)
    files = manifest_files(args.manifest)
    cores = os.cpu_count()
    load_before = os.getloadavg()

    # 1. Offline, same files, same cores (one pass first: start-up cost and warm page cache).
    print(f"offline: earshot transcribe, {len(files)} files x 1 and x {args.repeats} ...", file=sys.stderr)
    one_wall, _, one_audio, _ = offline(earshot, files, 1)
    wall, cpu, audio, count = offline(earshot, files, args.repeats)
    offline_audio_rate = audio / wall
    steady_audio_rate = (audio - one_audio) / max(wall - one_wall, 1e-9)
    offline_files_rate = count / wall
    offline_per_cpu = audio / cpu

    with tempfile.TemporaryDirectory(prefix="earshot-bench-serve-") as folder:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(folder, "serve.log"), "w")
        server = subprocess.Popen(
            [earshot, "serve", "--port", str(port), "--request-log", os.path.join(folder, "requests.db"),
             "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_ready(url, server)
            # 2. Closed-loop sweep.
            # One loadtest per step, so the server's CPU time can be read around each.
            closed = []
            for level in [int(level) for level in args.sweep.split(",")]:
                print(f"server: closed loop c={level} ...", file=sys.stderr)
                cpu_before, started = process_cpu_seconds(server.pid), time.perf_counter()
                step = loadtest(earshot, url, args.manifest, args.window, concurrency=[level])["steps"][0]
                step["server_cores_busy"] = (process_cpu_seconds(server.pid) - cpu_before) / (time.perf_counter() - started)
                closed.append(step)
            best = max(closed, key=lambda step: step["summary"]["requests_per_second"])
            unloaded = next(step for step in closed if concurrency_of(step) == 1)["summary"]
            saturation = best["summary"]
            saturation_c = concurrency_of(best)
            # 3. Open loop at 70% of the saturation request rate.
            rate = 0.7 * saturation["requests_per_second"]
            print(f"server: open loop at {rate:.1f}/s ...", file=sys.stderr)
            cpu_before, started = process_cpu_seconds(server.pid), time.perf_counter()
            opened = loadtest(earshot, url, args.manifest, args.window, rate=rate)["steps"][0]
            opened["server_cores_busy"] = (process_cpu_seconds(server.pid) - cpu_before) / (time.perf_counter() - started)
            # 4. wrk beside loadtest on one file at the saturation concurrency.
            wav = files[0]
            single_manifest = os.path.join(folder, "one.jsonl")
            with open(single_manifest, "w") as handle:
                handle.write(json.dumps({"id": "one", "audio": wav}) + "\n")
            print(f"cross-check: wrk and loadtest, c={saturation_c}, {os.path.basename(wav)} ...", file=sys.stderr)
            single = loadtest(earshot, url, single_manifest, args.window, concurrency=[saturation_c])["steps"][0]
            wrk = wrk_rate(url, wav, saturation_c, int(3 * args.window)) if shutil.which("wrk") else None
            # 5. Peak memory, then a graceful stop.
            peak = peak_rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                exit_code = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                exit_code = "killed after 30 s"
            log.close()

    errors_below = sum(errors(step) for step in closed if concurrency_of(step) <= saturation_c) + errors(opened)
    served_audio_rate = saturation["audio_seconds_per_second"]
    ratio = served_audio_rate / offline_audio_rate
    served_per_cpu = served_audio_rate / best["server_cores_busy"]
    p99_ratio = opened["summary"]["p99_ms"] / unloaded["p50_ms"]
    load_after = os.getloadavg()

    print(f"\nServing: default model, {len(files)} files of {args.manifest} ({one_audio:.1f} s of audio per pass), "
          f"{cores} cores, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print("| figure | measured | target | |")
    print("|---|---:|---|---|")
    print(row(f"offline `earshot transcribe`, {count} files in one process",
              f"{offline_audio_rate:.1f} audio s/s, {offline_files_rate:.1f} files/s", "anchor", None))
    print(row("offline, steady state (one-pass start-up taken out)", f"{steady_audio_rate:.1f} audio s/s", "—", None))
    print(row(f"server saturation (closed loop, best of c={args.sweep}: c={saturation_c})",
              f"{served_audio_rate:.1f} audio s/s, {saturation['requests_per_second']:.1f} req/s", "—", None))
    print(row("server / offline throughput (wall)", f"{ratio:.2f}", "≥ 0.9", ratio >= 0.9))
    cpu_ratio = served_per_cpu / offline_per_cpu
    print(row("server / offline, per CPU second (audio s per CPU s; steady under shared load)",
              f"{cpu_ratio:.2f} ({served_per_cpu:.0f} vs {offline_per_cpu:.0f}; "
              f"server used {best['server_cores_busy']:.2f} of {cores} cores)", "≥ 0.9", cpu_ratio >= 0.9))
    print(row("unloaded p50 (c=1)", f"{unloaded['p50_ms']:.1f} ms (p99 {unloaded['p99_ms']:.1f} ms)", "—", None))
    print(row(f"p99 at 70% of saturation (open loop {rate:.1f}/s)",
              f"{opened['summary']['p99_ms']:.1f} ms (p50 {opened['summary']['p50_ms']:.1f} ms)", "—", None))
    print(row("p99 at 70% / unloaded p50", f"{p99_ratio:.2f}", "≤ 2", p99_ratio <= 2))
    print(row("p99 at 70% / unloaded p99 (what load adds, the duration mix taken out)",
              f"{opened['summary']['p99_ms'] / unloaded['p99_ms']:.2f}", "—", None))
    print(row("errors at or below saturation (sweep + open loop)",
              f"{errors_below} of {sum(step['summary']['requests'] for step in closed + [opened])} counted requests",
              "0", errors_below == 0))
    print(row("peak resident memory, one model (VmHWM)", f"{peak:.0f} MB", "≤ 150 MB", peak <= 150))
    if wrk:
        wrk_rps, wrk_bad, socket_errors = wrk
        agree = wrk_rps / single["summary"]["requests_per_second"] if single["summary"]["requests_per_second"] else 0
        print(row(f"cross-check, one file ({os.path.basename(wav)}), c={saturation_c}: wrk vs earshot loadtest",
                  f"wrk {wrk_rps:.1f} req/s ({wrk_bad} non-2xx{', ' + socket_errors if socket_errors else ''}), "
                  f"loadtest {single['summary']['requests_per_second']:.1f} req/s (ratio {agree:.2f})", "within 15%",
                  abs(agree - 1) <= 0.15))
    else:
        print(row("cross-check with wrk", "wrk not installed (apt-get install wrk)", "—", None))
    print(f"server exit status after SIGTERM: {exit_code}")
    print("\nsteps (server cores busy, from its CPU time):")
    for step in closed + [opened]:
        s = step["summary"]
        busy = f"{step['server_cores_busy']:.2f}" if "server_cores_busy" in step else "  - "
        print(f"  {step['label']:>14}: {busy} cores {s['requests_per_second']:6.1f} req/s {s['audio_seconds_per_second']:6.1f} audio s/s "
              f"p50 {s['p50_ms']:7.1f} p99 {s['p99_ms']:7.1f} ms errors {s['errors_by_status'] or 0} "
              f"queue {s.get('mean_queue_ms') or 0:.1f} compute {s.get('mean_compute_ms') or 0:.1f} ms "
              f"windows {len(step['windows'])}{'' if step['stable'] else ' (not stable)'}")


if __name__ == "__main__":
    main()
