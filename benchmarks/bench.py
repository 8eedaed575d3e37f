"""The speed and memory figures of regie at a network's scale, each as a ratio to a floor measured in the same run.

Usage: python benchmarks/bench.py [SIZES...] [--runs R] [--keep DIR]
       (default sizes 1000 5000 20000; generated repositories are cached in --keep)

For every size it builds a repository with ``benchmarks/generate.py`` and measures whole
processes (median of R runs):

- floor: a script that only reads every dossier file and parses it with PyYAML's C loader;
- every read command cold (no cache: ``regie cache clear`` first, one process and with
  ``--jobs`` of the machine's cores), warm (nothing changed) and warm after one case changed;
- peak memory (max RSS of the process) of the cold single-process ``validate``;
- ``new-case`` and ``afspraak add`` against writing the same files by hand + ``git add`` + ``git commit``;
- ``regie --help`` and ``--version`` against ``python -c "import typer"``.

It prints figures and asserts nothing: machines are noisy, so timings never go in tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

FLOOR = r"""
import os, sys, yaml
L = yaml.CSafeLoader
n = 0
for dirpath, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for name in files:
        path = os.path.join(dirpath, name)
        with open(path, encoding='utf-8') as fh:
            text = fh.read()
        if name.endswith('.md'):
            text = text.split('\n---', 1)[0][4:]
        elif not name.endswith('.yaml'):
            continue
        yaml.load(text, Loader=L)
        n += 1
print(n)
"""
TODAY = "2026-11-26"
READS = (["validate"], ["overdue"], ["list"], ["agenda"], ["report", "--year", "2026"])


def run(args: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit code) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def median(args: list[str], runs: int, before=None, cwd: Path | None = None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        t, peak, _ = run(args, cwd)
        times.append(t)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "regie-bench")
    opts = parser.parse_args()
    exe = str(Path(sys.executable).parent / "regie")
    py = sys.executable
    cores = os.cpu_count() or 1
    print(f"machine: {os.uname().sysname} {os.uname().machine}, {cores} cores, Python {sys.version.split()[0]}; "
          f"median of {opts.runs} whole-process runs\n")

    typer_t, _ = median([py, "-c", "import typer"], opts.runs * 3)
    for args in (["--help"], ["--version"]):
        t, _ = median([exe, *args], opts.runs * 3)
        print(f"regie {args[0]:<10} {t * 1000:6.0f} ms  = {t / typer_t:4.2f}x  python -c 'import typer' ({typer_t * 1000:.0f} ms)")
    print()

    peaks = {}
    for n in opts.sizes:
        repo = opts.keep / f"repo-{n}"
        if not (repo / "regie.yaml").exists():
            shutil.rmtree(repo, ignore_errors=True)
            generate(repo, n)
        base = [exe, "-C", str(repo), "--today", TODAY]
        clear = lambda: subprocess.run([*base, "cache", "clear"], capture_output=True)  # noqa: E731
        floor, floor_peak = median([py, "-c", FLOOR, str(repo)], opts.runs)
        print(f"## {n} cases   floor {floor:.2f} s ({floor_peak / 1024:.0f} MiB)")
        print(f"{'command':<22}{'cold -j1':>16}{f'cold -j{cores}':>16}{'warm':>16}{'1 changed':>16}{'peak MiB':>10}")
        victim = sorted((repo / "casussen").iterdir())[n // 2] / "casus.yaml"
        original = victim.read_bytes()

        def touch_one():
            victim.write_bytes(original.replace(b"urgentie: ", b"urgentie:  ", 1) if victim.read_bytes() == original else original)

        for cmd in READS:
            cold1, peak = median([*base, *cmd, "--jobs", "1"], opts.runs, clear)
            coldn, _ = median([*base, *cmd, "--jobs", str(cores)], opts.runs, clear)
            run([*base, *cmd])
            warm, _ = median([*base, *cmd], opts.runs)
            changed, _ = median([*base, *cmd], opts.runs, touch_one)
            peaks.setdefault(" ".join(cmd), {})[n] = peak
            cells = [f"{t:6.2f}s {t / floor:5.2f}x" for t in (cold1, coldn, warm, changed)]
            print(f"{' '.join(cmd):<22}" + "".join(f"{c:>16}" for c in cells) + f"{peak / 1024:>10.0f}")
        victim.write_bytes(original)

        # mutations: the same files written by hand and committed, against regie doing it
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp) / "clone"
            subprocess.run(["git", "clone", "-q", str(repo), str(work)], check=True)
            git = ["git", "-C", str(work), "-c", "user.name=b", "-c", "user.email=b@example.org"]
            by_hand = []
            for i in range(opts.runs):
                folder = work / "casussen" / f"hand-{i}"
                t0 = time.perf_counter()
                folder.mkdir(parents=True)
                for name in ("casus.yaml", "melding.yaml", "netwerk.yaml", "afspraken.yaml", "plan.md"):
                    (folder / name).write_text("x: 1\n")
                subprocess.run([*git, "add", "--", str(folder)], check=True)
                subprocess.run([*git, "commit", "-q", "-m", "hand", "--", str(folder)], check=True)
                by_hand.append(time.perf_counter() - t0)
            hand = statistics.median(by_hand)
            env_base = [exe, "-C", str(work), "--today", TODAY]
            made: list[str] = []

            def new_case_once() -> float:
                t0 = time.perf_counter()
                out = subprocess.run([*env_base, "new-case", "--regisseur", "a-bakker", "--urgentie", "middel",
                                      "--leefgebied", "financien", "--soort", "schulden", "--melder-rol", "wijkagent",
                                      "--aard", "zorgen om vervuiling", "--pseudoniem", "Mevrouw Q.",
                                      "--toestemming", "gegeven"], capture_output=True, text=True)
                elapsed = time.perf_counter() - t0
                if out.returncode == 0:
                    made.append(out.stdout.strip())
                return elapsed

            new_case = statistics.median(new_case_once() for _ in range(opts.runs))
            add = statistics.median(
                run([*env_base, "afspraak", "add", made[-1], "--wat", "Bellen", "--wie", "client", "--deadline", "2026-12-20"])[0]
                for _ in range(opts.runs)) if made else float("nan")
            print(f"{'new-case':<22}{new_case:6.2f}s = {new_case / hand:4.2f}x by hand + git commit ({hand:.2f} s)")
            print(f"{'afspraak add':<22}{add:6.2f}s = {add / hand:4.2f}x by hand + git commit")
        print()
    if len(opts.sizes) > 1:
        lo, hi = min(opts.sizes), max(opts.sizes)
        print(f"peak memory {hi} against {lo} cases (cold, one process): " + ", ".join(
            f"{cmd} {p[hi] / p[lo]:.2f}x" for cmd, p in peaks.items()))


if __name__ == "__main__":
    main()
