"""Small helpers the Earshot notebooks share: find and run the `earshot` CLI, read its
JSON output, and read WAV samples for plotting. Everything a notebook writes goes under
one temporary folder (`workdir()`), never into the repository."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

NOTEBOOKS = Path(__file__).resolve().parent
REPO = NOTEBOOKS.parent
FIXTURES = REPO / "Fixtures"
DATA = NOTEBOOKS / "data"


def earshot_path() -> str:
    """The CLI: $EARSHOT, else the debug build next to the notebooks, else `earshot` on PATH."""
    from_env = os.environ.get("EARSHOT")
    if from_env:
        # The CLI runs from the repository root: pin a relative path to where it was set.
        return str(Path(from_env).resolve()) if os.sep in from_env else from_env
    debug_build = REPO / ".build" / "debug" / "earshot"
    if debug_build.exists():
        return str(debug_build)
    on_path = shutil.which("earshot")
    if on_path:
        return on_path
    raise FileNotFoundError(
        "earshot not found: set EARSHOT, run `swift build` in the repository, or put it on PATH"
    )


_WORKDIR: Path | None = None


def workdir() -> Path:
    """One temporary folder per kernel for everything the notebook writes (removed when the
    kernel exits)."""
    global _WORKDIR
    if _WORKDIR is None:
        _WORKDIR = Path(tempfile.mkdtemp(prefix="earshot-notebook-"))
        atexit.register(shutil.rmtree, _WORKDIR, ignore_errors=True)
    return _WORKDIR


def _argument(value) -> str:
    """Paths inside the repository are passed relative to it (the CLI runs there), so what
    the CLI prints reads the same on every machine."""
    if isinstance(value, Path):
        try:
            return str(value.resolve().relative_to(REPO))
        except ValueError:
            return str(value)
    return str(value)


def run(*args, ok=(0,)) -> subprocess.CompletedProcess:
    """Runs `earshot ARGS...` from the repository root; raises with its stderr when the exit
    code is not in `ok`."""
    command = [earshot_path(), *map(_argument, args)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if done.returncode not in ok:
        raise RuntimeError(
            f"earshot {' '.join(map(str, args))} exited {done.returncode}:\n{done.stderr}"
        )
    return done


def json_lines(*args, ok=(0,)) -> list[dict]:
    """Runs a report command with --json and returns its one-object-per-line output."""
    out = run(*args, ok=ok).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def json_one(*args, ok=(0,)) -> dict:
    """Runs a report command whose --json output is a single object."""
    return json.loads(run(*args, ok=ok).stdout)


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_wav(path) -> tuple[np.ndarray, int]:
    """Samples in [-1, 1] (float32, channels averaged) and the sample rate of a PCM WAV."""
    with wave.open(str(path), "rb") as reader:
        width, channels, rate = reader.getsampwidth(), reader.getnchannels(), reader.getframerate()
        raw = reader.readframes(reader.getnframes())
    if width == 1:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128) / 128
    elif width == 2:
        samples = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768
    elif width == 4:
        samples = np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2**31
    else:
        raise ValueError(f"{path}: {8 * width}-bit WAV is not read here (8, 16 or 32-bit PCM)")
    return samples.reshape(-1, channels).mean(axis=1), rate

