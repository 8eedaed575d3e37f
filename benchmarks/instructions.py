"""CPU instructions per case of a cold read, against the floor: a figure that does not depend on how busy the machine is.

Usage: python benchmarks/instructions.py [COMMAND...] [--small N] [--large N] [--keep DIR]
       (default command: validate; default sizes 30 and 300 cases)

Wall-clock ratios on a shared machine vary by ±15% from run to run. Valgrind's callgrind
counts the instructions a process executes, which is the same on every run. Each process
runs on a repository of ``--small`` and of ``--large`` generated cases; the difference,
divided by the difference in cases, is the cost per case with start-up left out. It is
printed for the floor (read and parse every file with PyYAML's C loader, as in
``bench.py``), for the command cold with the cache (``regie cache clear`` first) and with
``--no-cache``. Needs ``valgrind`` (Debian: ``apt-get install valgrind``); slow (about a
minute per process at 300 cases).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import FLOOR, TODAY  # noqa: E402
from generate import generate  # noqa: E402


def instructions(args: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg", *args],
                             capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if not found:
        sys.exit(f"valgrind gave no count for {args}:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", nargs="*", default=["validate"])
    parser.add_argument("--small", type=int, default=30)
    parser.add_argument("--large", type=int, default=300)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "regie-bench")
    opts = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind ontbreekt: apt-get install valgrind")
    exe = str(Path(sys.executable).parent / "regie")
    repos = {}
    for n in (opts.small, opts.large):
        repos[n] = opts.keep / f"repo-{n}"
        if not (repos[n] / "regie.yaml").exists():
            shutil.rmtree(repos[n], ignore_errors=True)
            generate(repos[n], n)
    cases = opts.large - opts.small

    def per_case(make_args, before=None) -> tuple[float, float]:
        counts = {}
        for n, repo in repos.items():
            if before:
                before(repo)
            counts[n] = instructions(make_args(repo))
        each = (counts[opts.large] - counts[opts.small]) / cases
        return each, counts[opts.small] - each * opts.small

    def clear(repo: Path) -> None:
        subprocess.run([exe, "-C", str(repo), "cache", "clear"], capture_output=True)

    floor, floor_start = per_case(lambda repo: [sys.executable, "-c", FLOOR, str(repo)])
    print(f"instructions per case ({opts.small} and {opts.large} cases); start-up in brackets")
    print(f"{'floor':<34}{floor / 1e6:6.2f} M  ({floor_start / 1e9:.2f} G)")
    cmd = " ".join(opts.command)
    for label, extra, before in ((f"{cmd} -j1, cold with cache", [], clear), (f"{cmd} -j1 --no-cache", ["--no-cache"], None)):
        each, start = per_case(lambda repo: [exe, "-C", str(repo), "--today", TODAY, *extra, *opts.command, "--jobs", "1"],
                               before)
        print(f"{label:<34}{each / 1e6:6.2f} M  ({start / 1e9:.2f} G)  = {each / floor:.2f}x the floor per case")


if __name__ == "__main__":
    main()
