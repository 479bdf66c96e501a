#!/usr/bin/env python3
"""make bench-transcribe: whole-process `earshot transcribe` as a user runs it (no environment
variables), beside PocketSphinx 5.1.1's batch transcription of the same files in the same run,
on (a) 1,000 short 8 kHz FSDD clips, (b) 200 16 kHz synthesized queries (Flite voices rms and
slt), (c) one 10-minute 44.1 kHz stereo recording (the queries joined by pauses).

For each set: wall seconds, CPU seconds (user + system of the process), peak RSS, for Earshot as
it comes, Earshot with OPENBLAS_NUM_THREADS=1 and =2 (the hand-tuned environments: as it comes
should be as fast as the best of them), an earlier earshot build as it came when --baseline
names one, and PocketSphinx; then where each tool's CPU time went (`earshot transcribe --timings
--json`; pocketsphinx_batch.py --timings); then one short file end to end (median of 7 runs).
Earshot runs take the best of three (the first warms the page cache), PocketSphinx one run.

Usage: bench_transcribe.py EARSHOT PYTHON [--fsdd DIR] [--work DIR] [--baseline OLD_EARSHOT]"""
import argparse, glob, json, os, subprocess, sys, time, wave

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command, env_extra=None, stdout=subprocess.DEVNULL):
    """(wall s, CPU s, peak RSS MB, stderr text) of one whole process."""
    env = dict(os.environ)
    for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"):
        env.pop(name, None)
    env.update(env_extra or {})
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        sys.exit(f"bench-transcribe: {command[0]} failed ({status}): {stderr[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr


def audio_seconds(paths):
    total = 0.0
    for path in paths:
        with wave.open(path) as handle:
            total += handle.getnframes() / handle.getframerate()
    return total


def prepare(earshot, fsdd, work):
    os.makedirs(work, exist_ok=True)
    sets = {}
    clips = sorted(glob.glob(os.path.join(fsdd, "*.wav")))[:1000]
    if len(clips) < 1000:
        sys.exit(f"bench-transcribe: {fsdd} holds {len(clips)} FSDD recordings, 1,000 needed")
    sets["(a) 1,000 FSDD clips, 8 kHz"] = clips
    queries_dir = os.path.join(work, "queries")
    if not os.path.exists(os.path.join(queries_dir, "manifest.jsonl")):
        subprocess.run([earshot, "corpus", "synth", "--engine", "flite", "--voices", "rms,slt", "--count", "200",
                        "--seed", "41", "--out", queries_dir], check=True, stdout=subprocess.DEVNULL)
    queries = sorted(glob.glob(os.path.join(queries_dir, "wav", "*.wav")))
    sets["(b) 200 queries, 16 kHz"] = queries
    long_path = os.path.join(work, "ten-minutes-44k1-stereo.wav")
    if not os.path.exists(long_path):
        pause = os.path.join(work, "pause.wav")
        subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", "-b", "16", pause, "trim", "0", "0.6"], check=True)
        joined = os.path.join(work, "joined.wav")
        # Enough rounds of the queries, 0.6 s pause after each, to pass 10 minutes (trimmed below).
        one_round = audio_seconds(queries) + 0.6 * len(queries)
        parts = [path for _ in range(int(620 // one_round) + 1) for query in queries for path in (query, pause)]
        subprocess.run(["sox", *parts, joined], check=True)
        subprocess.run(["sox", joined, "-r", "44100", "-c", "2", "-b", "16", long_path, "trim", "0", "600"], check=True)
        os.remove(joined)
    sets["(c) one 10-minute recording, 44.1 kHz stereo"] = [long_path]
    return sets


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("earshot")
    parser.add_argument("python")
    parser.add_argument("--fsdd", default=os.environ.get("FSDD_DIR", "../shared/data/fsdd"))
    parser.add_argument("--work", default="out/bench-transcribe")
    parser.add_argument("--baseline", help="an earlier earshot build, run as it came (no variables)")
    args = parser.parse_args()
    earshot = os.path.abspath(args.earshot)
    sets = prepare(earshot, args.fsdd, args.work)
    lm = os.path.join(args.work, "default.arpa")
    subprocess.run([earshot, "models", "export-lm", "--out", lm], check=True, stderr=subprocess.DEVNULL)
    anchor = [args.python, os.path.join(HERE, "pocketsphinx_batch.py"), "--lm", lm, "--timings"]

    print(f"Transcription, whole process: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    header = f"{'set':<46}{'tool':<34}{'wall s':>8}{'CPU s':>8}{'peak MB':>9}{'x RT (CPU)':>12}{'vs PocketSphinx (CPU)':>23}{'vs best env (wall)':>20}"
    table, breakdowns = [header], []
    for name, files in sets.items():
        seconds = audio_seconds(files)
        list_path = os.path.join(args.work, "files.txt")
        with open(list_path, "w") as handle:
            handle.write("\n".join(files) + "\n")
        results = {}
        variants = [("earshot (as it comes)", {}), ("earshot OPENBLAS_NUM_THREADS=1", {"OPENBLAS_NUM_THREADS": "1"}),
                    ("earshot OPENBLAS_NUM_THREADS=2", {"OPENBLAS_NUM_THREADS": "2"})]
        for label, env in variants:
            runs = [run([earshot, "transcribe", "--timings", "--json", *files], env) for _ in range(3)]
            results[label] = min(runs, key=lambda r: r[0])
        if args.baseline:
            runs = [run([os.path.abspath(args.baseline), "transcribe", "--json", *files]) for _ in range(3)]
            results["earlier build (as it came)"] = min(runs, key=lambda r: r[0])
        results["PocketSphinx 5.1.1 (Python batch)"] = run(anchor + ["--list", list_path])
        sphinx_cpu = results["PocketSphinx 5.1.1 (Python batch)"][1]
        best_env_wall = min(results[label][0] for label, _ in variants[1:])
        for label, (wall, cpu, rss, _) in results.items():
            versus = f"{sphinx_cpu / cpu:.2f}" if not label.startswith("Pocket") else "anchor"
            env_ratio = f"{best_env_wall / wall:.3f}" if label == "earshot (as it comes)" else ""
            if label == "earlier build (as it came)":
                env_ratio = f"now {wall / results['earshot (as it comes)'][0]:.1f}x faster"
            table.append(f"{name:<46}{label:<34}{wall:>8.2f}{cpu:>8.2f}{rss:>9.0f}{seconds / cpu:>12.0f}{versus:>23}{env_ratio:>20}")
        earshot_timings = json.loads(results["earshot (as it comes)"][3].strip().splitlines()[-1])
        sphinx_timings = json.loads(results["PocketSphinx 5.1.1 (Python batch)"][3].strip().splitlines()[-1])
        breakdowns.append((name, seconds, earshot_timings, sphinx_timings, results))
    print("\n".join(table))
    print("vs PocketSphinx: its CPU seconds / earshot's (above 1: earshot is faster); "
          "vs best env: the faster hand-tuned run's wall / as it comes (1.0 or above: as fast as any tuning).")
    print()
    print("Where the CPU time went (seconds of CPU; Earshot: --timings, thread CPU per stage summed over files;"
          " PocketSphinx: pocketsphinx_batch.py --timings; 'other' = process CPU minus the stages)")
    print(f"{'set':<46}{'tool':<14}" + "".join(f"{s:>11}" for s in ["load", "decode", "resample", "features", "network", "search", "output", "other"]))
    for name, seconds, ours, theirs, results in breakdowns:
        s = ours["stages"]
        row = [ours["load_model"], s["decode"], s["resample"], s["features"], s["network"], s["search"], ours["output"]]
        row.append(max(0.0, results["earshot (as it comes)"][1] - sum(row)))
        print(f"{name:<46}{'earshot':<14}" + "".join(f"{v:>11.3f}" for v in row))
        t = theirs["stages"]
        # PocketSphinx's recognizer does features, acoustic scoring and search in one call.
        row = [t["load_model"], t["decode"], t["resample"], None, None, t["recognize"], t["output"]]
        known = sum(v for v in row if v is not None)
        row.append(max(0.0, results["PocketSphinx 5.1.1 (Python batch)"][1] - known))
        print(f"{name:<46}{'PocketSphinx':<14}" + "".join(f"{'(in search)' if v is None else f'{v:.3f}':>11}" for v in row))

    # One short file end to end: the start-up a CLI user or a shell loop pays per file.
    short = sets["(a) 1,000 FSDD clips, 8 kHz"][0]
    print()
    print(f"One short file end to end ({os.path.basename(short)}, {audio_seconds([short]):.2f} s of 8 kHz audio), median of 7 runs:")
    print(f"{'tool':<34}{'wall ms':>9}{'CPU ms':>9}{'peak MB':>9}")
    tools = [("earshot (as it comes)", [earshot, "transcribe", short])]
    if args.baseline:
        tools.append(("earlier build (as it came)", [os.path.abspath(args.baseline), "transcribe", short]))
    tools.append(("PocketSphinx 5.1.1 (Python batch)", anchor + [short]))
    for label, command in tools:
        runs = sorted((run(command) for _ in range(7)), key=lambda r: r[1])
        wall, cpu, rss, _ = runs[3]
        print(f"{label:<34}{wall * 1000:>9.0f}{cpu * 1000:>9.0f}{rss:>9.0f}")


if __name__ == "__main__":
    main()
