"""What the duplicate-key check costs: YAML parsing with and without it, against a whole validate.

Usage: python benchmarks/dupkey_bench.py [N_CASES]   (default 480 cases from benchmarks/generate.py)

The check lives in ``FastLoader._note_duplicates`` (called by its plain builder when a
mapping has a key twice, and by ``construct_mapping``); the comparison loader is the same
class with the check turned off. Runs alternate (A, B, A, B, ...) so that a noisy machine affects both
alike. Prints figures; asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from regie.dossier import yamlio
from regie.dossier.validate import validate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402


class WithoutCheck(yamlio.FastLoader):
    def _note_duplicates(self, node):  # no check
        return None


def parse_all(texts: list[str], loader: type) -> float:
    start = time.perf_counter()
    for text in texts:
        ld = loader(text)
        try:
            ld.load()
        finally:
            ld.dispose()
    return time.perf_counter() - start


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 480
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        n = len(generate(root, cases, git=False))
        texts = []
        for path in sorted(root.rglob("*")):
            if path.suffix == ".yaml":
                texts.append(path.read_text(encoding="utf-8"))
            elif path.suffix == ".md":
                texts.append(yamlio.split_front_matter(path.read_text(encoding="utf-8"), path.name)[0])
        with_check, without = [], []
        for _ in range(15):
            with_check.append(parse_all(texts, yamlio.FastLoader))
            without.append(parse_all(texts, WithoutCheck))
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            validate(root, dt.date(2026, 11, 26))
            runs.append(time.perf_counter() - start)
        a, b, v = statistics.median(with_check), statistics.median(without), statistics.median(runs)
        print(f"cases: {n}, YAML documents: {len(texts)}")
        print(f"parse with duplicate-key check:    median {a * 1000:.1f} ms (15 runs)")
        print(f"parse without duplicate-key check: median {b * 1000:.1f} ms (15 runs)")
        print(f"validate (in process):             median {v * 1000:.1f} ms (5 runs)")
        print(f"cost of the check: {(a - b) * 1000:.1f} ms = {(a - b) / v * 100:.1f}% of validate")


if __name__ == "__main__":
    main()
