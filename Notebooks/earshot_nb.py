"""Small helpers the Earshot notebooks share: find and run the `earshot` CLI, read its
JSON output, read and write WAV samples, read a model bundle's header, and run `earshot
serve` as a child process for the deployment notebook. Everything a notebook writes goes under
one temporary folder (`workdir()`), never into the repository."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
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


def tidy(text: str) -> str:
    """CLI output with the temporary folder shown as `$WORK`, so outputs read the same on
    every run and machine."""
    return text.replace(str(workdir()), "$WORK")


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



def write_wav(path, samples, rate) -> Path:
    """Writes samples in [-1, 1] as a 16-bit mono PCM WAV (clipped at full scale)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(np.asarray(samples, dtype=np.float64), -1, 1 - 2**-15) * 32768).astype("<i2")
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(int(rate))
        writer.writeframes(pcm.tobytes())
    return path


def bundle_header(path) -> dict:
    """The JSON header of a model bundle (`.earshot`, README "The model file"): magic
    `EARSHOT\\x1a`, a little-endian UInt32 format version, a UInt64 header length, the header."""
    with open(path, "rb") as handle:
        if handle.read(8) != b"EARSHOT\x1a":
            raise ValueError(f"{path}: not an Earshot model bundle")
        version, length = struct.unpack("<IQ", handle.read(12))
        if version != 1:
            raise ValueError(f"{path}: bundle format version {version}, this reads version 1")
        return json.loads(handle.read(length))


DEFAULT_MODEL = REPO / "Sources" / "EarshotRecognizer" / "Resources" / "default.earshot"


class Server:
    """`earshot serve ARGS...` on a free loopback port, as a child process whose JSON log lines
    go to a file in `workdir()`. Stop it with `stop()` (SIGTERM: the server finishes what is in
    flight, flushes its logs and exits 0); `stop_servers()` stops every one still running, and
    so does the kernel's exit."""

    running: list[Server] = []
    started = 0

    def __init__(self, *args, ready_timeout: float = 60):
        if Server.started == 0:
            atexit.register(stop_servers)  # registered after workdir(): runs before its removal
        Server.started += 1
        self.log_path = workdir() / f"serve-{Server.started}.log"
        self._log = open(self.log_path, "w", encoding="utf-8")
        command = [earshot_path(), "serve", "--host", "127.0.0.1", "--port", "0", *map(_argument, args)]
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT,
                                        preexec_fn=_die_with_parent)
        Server.running.append(self)
        self.port = self._wait_for_port(time.monotonic() + ready_timeout)
        self.url = f"http://127.0.0.1:{self.port}"
        while self.request("GET", "/readyz")[0] != 200:
            time.sleep(0.1)

    def _wait_for_port(self, deadline: float) -> int:
        while True:
            found = re.search(r"listening on [0-9.]+:(\d+)", self.log_path.read_text(encoding="utf-8"))
            if found:
                return int(found.group(1))
            if self.process.poll() is not None or time.monotonic() > deadline:
                code = self.stop()
                raise RuntimeError(f"earshot serve did not start (exit {code}):\n{self.log_path.read_text()}")
            time.sleep(0.1)

    def request(self, method, route, body: bytes | None = None, headers=None, timeout=60):
        """(status, headers, parsed JSON body or text) of one HTTP request to the server."""
        request = urllib.request.Request(self.url + route, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                status, reply_headers, raw = reply.status, dict(reply.headers), reply.read()
        except urllib.error.HTTPError as error:
            status, reply_headers, raw = error.code, dict(error.headers), error.read()
        try:
            return status, reply_headers, json.loads(raw)
        except ValueError:
            return status, reply_headers, raw.decode("utf-8", "replace")

    def get(self, route, headers=None):
        """The JSON body of GET ROUTE; raises unless the status is 200."""
        status, _, body = self.request("GET", route, headers=headers)
        if status != 200:
            raise RuntimeError(f"GET {route}: {status} {body}")
        return body

    def transcribe(self, path_or_bytes, headers=None):
        """POST /v1/transcribe with a WAV file (a path) or WAV bytes: (status, headers, body)."""
        data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
        return self.request("POST", "/v1/transcribe", body=data, headers=headers)

    def log_lines(self) -> list[dict]:
        """The server's JSON log lines so far."""
        lines = []
        for line in self.log_path.read_text(encoding="utf-8").splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                pass
        return lines

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then wait; returns the exit code (0 for a clean shutdown)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        if self in Server.running:
            Server.running.remove(self)
        return self.process.returncode


def stop_servers() -> dict[int, int]:
    """Stops every server this kernel started that still runs: {port: exit code}."""
    return {server.port: server.stop() for server in list(Server.running)}


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the kernel dies without cleaning up (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
