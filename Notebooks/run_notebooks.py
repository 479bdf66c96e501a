"""Executes every notebook in Notebooks/ top to bottom with nbclient.

    python Notebooks/run_notebooks.py            # check: execute in memory, write nothing
    python Notebooks/run_notebooks.py --inplace  # refresh the committed outputs

A notebook fails when a cell raises, when it has no plot, or when its file with outputs is
larger than --max-kb. Exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parent


def plots(notebook) -> int:
    return sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


def use_this_python_as_kernel() -> None:
    """Points the `python3` kernel at this interpreter (the venv with the pinned packages), even
    when a user-wide `python3` kernel spec names another one: JUPYTER_PATH is searched first."""
    folder = Path(tempfile.mkdtemp(prefix="earshot-kernels-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    spec = folder / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (Earshot notebooks)", "language": "python"})
    )
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("JUPYTER_PATH")]))


def execute(path: Path, inplace: bool, timeout: int, max_kb: int) -> str | None:
    """Runs one notebook; returns the reason it failed, or None."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,  # no timestamps in the committed files: a refresh diffs only outputs
        coalesce_streams=True,  # one stdout block per cell, however the kernel chunked it
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        print(error, file=sys.stderr)
        lines = re.sub(r"\x1b\[[0-9;]*m", "", str(error)).strip().splitlines()
        return lines[-1] if lines else "a cell raised"
    if plots(notebook) == 0:
        return "no plot in the outputs"
    text = nbformat.writes(notebook) + "\n"
    if len(text.encode()) > max_kb * 1024:
        return f"{len(text.encode()) // 1024} KiB with outputs, over {max_kb} KiB"
    if inplace:
        path.write_text(text, encoding="utf-8")
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: Notebooks/*.ipynb")
    parser.add_argument("--inplace", action="store_true", help="write the outputs back")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument("--max-kb", type=int, default=600, help="size limit per notebook")
    args = parser.parse_args()
    if os.sep in os.environ.get("EARSHOT", ""):
        # Kernels start in Notebooks/: a relative path means relative to where we were called.
        os.environ["EARSHOT"] = os.path.abspath(os.environ["EARSHOT"])
    use_this_python_as_kernel()
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    failures = 0
    for path in paths:
        start = time.monotonic()
        reason = execute(path, args.inplace, args.timeout, args.max_kb)
        took = time.monotonic() - start
        if reason:
            failures += 1
            print(f"notebook {path.name}: FAILED after {took:.1f} s: {reason}", flush=True)
        else:
            verb = "executed, outputs written" if args.inplace else "executed"
            print(f"notebook {path.name}: {verb} in {took:.1f} s", flush=True)
    # The plain summary line test harnesses read, as for the Swift tests before it.
    print(f"notebooks: {len(paths) - failures} passed, {failures} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
