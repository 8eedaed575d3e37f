"""Build a realistic dossier repository of N cases, for benchmarks (deterministic: same N and seed, same files).

Usage: python benchmarks/generate.py TARGET N [--seed S] [--no-git]

Each case is one of the example cases with all its dates moved by its own offset (so
agreements fall due on different days: some overdue, some coming, some done), its
evaluation and journal files renamed to their moved dates, and a fresh id. Cases
opened long ago are mostly closed ones (the example of a closed case), so the repository
looks like a network's history: many closed cases kept for their retention term, a few
hundred open. One signal per 200 cases names some of them. Everything is committed in
one git commit, as a repository that was cloned would be.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import subprocess
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "dossiers"
TODAY = dt.date(2026, 11, 26)
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ID_LINE = re.compile(r'^id: "[^"]*"$', re.M)


def _templates() -> dict[str, dict[str, str]]:
    """Example case id -> {relative path: text}."""
    out = {}
    for folder in sorted((EXAMPLES / "casussen").iterdir()):
        out[folder.name] = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                            for p in sorted(folder.rglob("*")) if p.is_file()}
    return out


def _shift(text: str, days: int) -> str:
    def move(m: re.Match) -> str:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return m.group(0)
        return (d + dt.timedelta(days=days)).isoformat()

    return _DATE.sub(move, text)


def generate(target: Path, n: int, *, seed: int = 2026, git: bool = True) -> list[str]:
    """Write ``n`` cases (and regie.yaml, signals) into ``target``; returns the case ids."""
    rnd = random.Random(seed)
    templates = _templates()
    closed = [k for k, files in templates.items() if "status: gesloten" in files["casus.yaml"]]
    open_ = [k for k in templates if k not in closed]
    target.mkdir(parents=True, exist_ok=True)
    (target / "regie.yaml").write_text((EXAMPLES / "regie.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    ids: list[str] = []
    per_year: dict[int, int] = {}
    for i in range(n):
        # about 1 in 20 cases is still open; the rest closed over the last 15 years
        if rnd.random() < 0.05:
            name, days = rnd.choice(open_), -rnd.randint(0, 300)
        else:
            name, days = rnd.choice(closed), -rnd.randint(200, 15 * 365)
        files = templates[name]
        year = (dt.date.fromisoformat(re.search(r"^geopend: (\S+)", files["casus.yaml"], re.M).group(1))
                + dt.timedelta(days=days)).year
        per_year[year] = per_year.get(year, 0) + 1
        cid = f"{year}-{per_year[year]:03d}"  # the id_formaat of the examples: {jaar}-{nummer:03d}
        ids.append(cid)
        folder = target / "casussen" / cid
        for rel, text in files.items():
            text = _shift(text, days)
            if rel == "casus.yaml":
                text = _ID_LINE.sub(f'id: "{cid}"', text)
            path = folder / _shift(rel, days)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    signals = target / "signalen"
    signals.mkdir(exist_ok=True)
    for s in range(1, max(1, n // 200) + 1):
        named = ", ".join(f'"{c}"' for c in rnd.sample(ids, min(3, len(ids))))
        day = TODAY - dt.timedelta(days=rnd.randint(0, 700))
        (signals / f"S{s}.yaml").write_text(
            f"id: S{s}\ndatum: {day}\nover: wachttijd bij een partner\naard: capaciteit\n"
            f"casussen: [{named}]\nstatus: {'open' if s % 3 else 'afgehandeld'}\n", encoding="utf-8")
    if git:
        env = {"GIT_AUTHOR_DATE": "2026-11-26T09:00:00", "GIT_COMMITTER_DATE": "2026-11-26T09:00:00"}
        for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                     ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "-m", "generated"]):
            subprocess.run(["git", *args], cwd=target, check=True, env={**_env(), **env})
    return ids


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-git", action="store_true")
    args = parser.parse_args()
    ids = generate(args.target, args.n, seed=args.seed, git=not args.no_git)
    print(f"{len(ids)} casussen in {args.target}")


if __name__ == "__main__":
    main()
