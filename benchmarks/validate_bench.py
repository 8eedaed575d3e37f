"""Time loading and validating a large dossier repository built from the example cases.

Usage: python benchmarks/validate_bench.py [N_COPIES]   (default 60 copies of 8 cases = 480 cases)
Prints figures; asserts nothing (machines are noisy, so figures never go in tests).
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from regie.dossier.validate import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"


def build(root: Path, copies: int) -> int:
    shutil.copy(EXAMPLES / "regie.yaml", root / "regie.yaml")
    n = 0
    for src in sorted((EXAMPLES / "casussen").iterdir()):
        for i in range(copies):
            cid = f"{src.name}-{i:03d}"
            dst = root / "casussen" / cid
            shutil.copytree(src, dst)
            casus = dst / "casus.yaml"
            casus.write_text(casus.read_text().replace(f'id: "{src.name}"', f'id: "{cid}"'))
            n += 1
    return n


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    today = dt.date(2026, 11, 26)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        n = build(root, copies)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            problems = validate(root, today)
            runs.append(time.perf_counter() - start)
        print(f"cases: {n}, findings: {len(problems)}")
        print(f"validate (in process): median {statistics.median(runs) * 1000:.0f} ms, "
              f"{statistics.median(runs) / n * 1e6:.0f} us per case (5 runs)")
        exe = Path(sys.executable).parent / "regie"
        for args in (["--help"], ["-C", str(root), "--today", "2026-11-26", "validate"]):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([str(exe), *args], capture_output=True, check=False)
                times.append(time.perf_counter() - start)
            print(f"regie {' '.join(args[:1] if args == ['--help'] else ['validate'])}: "
                  f"median {statistics.median(times) * 1000:.0f} ms (3 runs, whole process)")


if __name__ == "__main__":
    main()
