"""Command-line fuzzing: every regie command, given hostile option values and arguments, never crashes.

The commands are read from the typer app itself (every command and every subcommand of a group, with
its options and arguments), so a new command is fuzzed without touching this file. Each run gives one
command a random selection of its options and arguments, the values drawn from hostile sets (empty,
300 and 5,000 characters, ``../``, absolute paths, control characters, terminal escapes, unicode,
negative and huge numbers, impossible dates, unknown ids) or from plausible ones (ids and dates of the
example network, so a run gets past the first check): one line in three is hostile throughout, the others
plausible with a hostile value here and there; sometimes with a hostile ``--today``, ``--op`` or ``-C``.
It runs in-process on a git copy of the example network, reset after every three command lines (so what
one line wrote, a 5,000-character afspraak, is read by the next). Every run must end without a crash of
regie (exit 3), without a Python traceback on stdout or stderr, and without a raw terminal escape on
stderr: a finding, a refusal or a usage error are all fine.

Seed and budget: a fixed seed (``random.Random(SEED)``), so every run draws the same command lines; the
default run is 6 command lines per command (330 for 55 commands: about 12 s of CPU, 55 s on a busy
two-core machine), ``pytest --slow tests/test_fuzz_cli.py`` the release run of 100 per command. Absolute
paths are only ever inside the test's own temporary folder (or /dev/null): the suite may run as root.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import random
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from conftest import EXAMPLES, git

pytestmark = pytest.mark.slow  # budget: 6 command lines per command, about 55 s on a busy two-core machine

SEED = 29
RUNS_PER_COMMAND = 6
RELEASE_RUNS_PER_COMMAND = 100
EPISODE = 3  # command lines on one repository before it is reset

CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f"  # NUL-free: argv cannot carry a NUL
HOSTILE = [
    "", " ", "x" * 300, "y" * 5000, "é" * 300, "/" * 300, "a/" * 150,
    "..", "../", "../x", "../../x", "./", ".", "-", "~", "~/x", "$HOME", "*", "?", "[", "'", '"', "\\",
    CONTROL, "tab\there", "line\nbreak", "cr\rreturn", "\x1b[2J\x1b[31mrood", "\x1b]0;titel\x07", "\x9b31m",
    "ünïcödé ✓ 🙂", "\u202eesrever", "\ufeffbom", "\u200b", "ﬁ", "Ⅻ", "𝟚𝟘𝟚𝟞-𝟘𝟘𝟙", "٢٠٢٦-٠٠١",
    "0", "-1", "-999999999999", "99999999999999999999", "1e309", "nan", "inf", "0x10", "1_000", "3.5",
    "2026-02-30", "0000-01-01", "2200-01-01", "9999-12-31", "1899-12-31", "2026-W49-3", "2026-1-1", "20261201",
    "2026Q0", "2026Q5", "0000Q1", "9999Q4", "2026q3", "2026",
    "2099-999", "2026-000", "2026-9999999", "1999-001", "casussen", "A999", "D999", "S999", "E9", "onbekend",
    "{{ 7*7 }}", "{% include 'regie.yaml' %}", "=HYPERLINK(\"x\")", "%s%n", "[a, b]", "{a: 1}", "!!python/object:os.system",
    "&a *a", "null", "~", "yes", "<script>", "111222333", "ik@voorbeeld.nl",
]
# plausible values (ids and dates of the example network), so that a line gets past the first check; by the
# parameter's name where that tells what it is
CASES = ["2026-001", "2026-002", "2026-003", "2026-004", "2026-005", "2026-006", "2025-014"]
DATES = ["2026-11-01", "2026-11-26", "2026-01-01", "2026-06-30", "2025-12-31"]
PLAUSIBLE_BY_NAME = {
    "case": CASES, "cases": CASES, "keep": CASES, "fold": CASES, "casus": CASES,
    "afspraak": ["A1", "A2", "A3", "A4"], "doel": ["D1", "D2"], "escalatie": ["E1", "E2"],
    "regisseur": ["a-bakker", "m-elhaddad", "j-devries", "r-smits"], "van": ["a-bakker", "r-smits"],
    "naar": ["j-devries", "a-bakker", "veilig-thuis"], "per": DATES,
    "wie": ["ggz-bemoeizorg", "woonconsulent", "broer", "ggd"], "betrokkene": ["broer", "huisarts", "woonconsulent"],
    "over": ["ggd", "woonstad", "schuldhulp", "S1"], "organisatie": ["ggd", "woonstad", "wijkteam"],
    "aan": ["ggd", "woonstad"], "melder_organisatie": ["ggd", "woonstad"],
    "leefgebied": ["huisvesting", "financien", "sociaal-netwerk"], "quarter": ["2026Q3", "2026Q1", "2025Q4"],
    "year": ["2026", "2025"], "vergelijk": ["2026Q2", "2025"], "niveau": ["1", "2", "3"], "naar_niveau": ["1", "2"],
    "besluit": ["aangenomen", "niet-aangenomen", "melden", "hulp"], "fase": ["overbrugging", "oefenfase", "overdracht"],
    "status": ["gegeven", "geweigerd", "ingebracht", "beantwoord", "uitvoering", "plan", "melding"],
    "soort": ["huisbezoek", "overleg", "tussentijds", "eind"], "reden": ["doelen-bereikt", "Een reden."],
    "grondslag": ["toestemming", "wettelijke-plicht"], "stap": ["1", "2", "3", "4", "5"],
    "signaal": DATES + ["S1"], "match": DATES, "gemeld": DATES, "gezin_geinformeerd": DATES,
    "regievoerder": ["a-bakker", "ggd"], "met": ["ggd", "wijkteam"], "casushouder": ["ggd", "veilig-thuis"],
    "startscore": ["1", "3"], "doelscore": ["4", "5"], "eindscore": ["3"], "within": ["30", "365"], "nazorg": ["4"],
}
PLAUSIBLE = ["tekst", "Een reden.", "huisvesting", "1", "regie.yaml", "ja", "nee", *CASES[:2], *DATES[:2]]
NUMBERS = ["0", "-1", "1", "3", "5", "999999999", "-999999999999999", "99999999999999999999999", "1e3", "x", ""]


def commands(app) -> list[tuple[list[str], object]]:
    """Every command of the app (subcommands of a group by their full name), with its click command."""
    found = []

    def walk(command, names):
        subs = getattr(command, "commands", None)
        if isinstance(subs, dict):
            for name, sub in subs.items():
                walk(sub, [*names, name])
        else:
            found.append((names, command))

    walk(app, [])
    return found


def _annotation(param) -> object:
    kind = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    while typing.get_origin(kind) is not None and args:  # Optional[X], list[X]
        kind = args[0]
        args = [a for a in typing.get_args(kind) if a is not type(None)]
    return kind


class Fuzzer:
    """Random command lines for one command, from a seeded generator and a temporary folder for paths."""

    def __init__(self, rng: random.Random, tmp: Path) -> None:
        self.rng = rng
        self.tmp = tmp
        self.paths = [str(tmp / "buiten" / "x.txt"), str(tmp), str(tmp / "mist" / "niet" / "hier"), "/dev/null",
                      str(tmp / ("p" * 250)), str(tmp / "q" / ("z" * 300)), "-"]

    def plausible(self, param) -> str:
        rng = self.rng
        kind = _annotation(param)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return rng.choice([m.value for m in kind])
        if kind is Path:
            return rng.choice([str(self.tmp / "uit.txt"), "-", "../uit.txt"])
        if kind is dt.date:
            return rng.choice(DATES)
        if param.name in PLAUSIBLE_BY_NAME:
            return rng.choice(PLAUSIBLE_BY_NAME[param.name])
        if "datum" in param.name or param.name in ("deadline", "gemaakt", "from_", "to", "vanaf", "tot"):
            return rng.choice(DATES)
        return rng.choice(["1", "3"] if kind is int else PLAUSIBLE)

    def hostile(self, param) -> str:
        rng = self.rng
        kind = _annotation(param)
        if kind is int and rng.random() < 0.5:
            return rng.choice(NUMBERS)
        if kind is Path and rng.random() < 0.5:
            return rng.choice(self.paths)
        return rng.choice(HOSTILE + self.paths)

    def line(self, names: list[str], command) -> list[str]:
        """A command line: mostly plausible values with one or two hostile ones, or (one in three) hostile throughout."""
        rng = self.rng
        rate = 1.0 if rng.random() < 1 / 3 else rng.choice([0.0, 0.1, 0.25])
        value = lambda p: self.hostile(p) if rng.random() < rate else self.plausible(p)  # noqa: E731
        argv: list[str] = []
        if rng.random() < 0.2:
            argv += ["--today", rng.choice(["2200-01-01", "0000-01-01", "1899-12-31", "2026-02-30", "", "x" * 300,
                                            "2026-11-26", "1900-01-01", "2199-12-31", "2026-11-26"])]
        if rng.random() < 0.1:
            argv.append("--no-cache")
        if rng.random() < 0.05:
            argv += ["--op", rng.choice(["2026-11-01", "2200-01-01", "1900-01-01", ""])]
        if rng.random() < 0.05 * rate:
            argv += ["-C", rng.choice(self.paths + HOSTILE[:12])]
        argv += names
        for param in command.params:
            if param.param_type_name == "argument":
                count = rng.randint(0, 2) if param.nargs == -1 else (1 if param.required or rng.random() < 0.7 else 0)
                argv += [value(param) for _ in range(count)]
                continue
            if not (param.required or rng.random() < 0.35):
                continue
            flag = rng.choice(param.opts)
            if getattr(param, "is_flag", False):
                argv.append(flag)
                continue
            for _ in range(rng.randint(1, 2) if param.multiple else 1):
                text = value(param)
                # a value that looks like an option is glued on, so it is the option's value, not an option
                argv += [f"{flag}={text}"] if text.startswith("-") and flag.startswith("--") else [flag, text]
        return argv


@pytest.fixture
def fuzz_place(tmp_path, monkeypatch):
    """A git copy of the example network two folders deep (``../../x`` stays in the test's folder)."""
    repo = tmp_path / "a" / "b" / "voorbeeld"
    shutil.copytree(EXAMPLES, repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "voorbeeld")
    monkeypatch.setenv("EDITOR", "true")  # an editor that returns at once, never one that waits for a terminal
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return repo


def _reset(repo: Path, base: str) -> None:
    """Back to the committed example network, whatever the run did (commits, branches, new files)."""
    if not (repo / ".git").is_dir():
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(EXAMPLES, repo)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "voorbeeld")
        return
    for args in (["merge", "--abort"], ["rebase", "--abort"]):
        subprocess.run(["git", *args], cwd=repo, capture_output=True)
    git(repo, "checkout", "-q", "-f", "-B", "main", base)
    git(repo, "clean", "-q", "-f", "-d", "-x")


def test_no_command_line_crashes_regie(cli, fuzz_place, tmp_path, request, monkeypatch):
    from typer.main import get_command

    from regie.cli.app import build_app

    repo = fuzz_place
    base = git(repo, "rev-parse", "HEAD").strip()
    every = commands(get_command(build_app()))
    assert len(every) > 40 and ["afspraak", "add"] in [names for names, _ in every]
    per_command = RELEASE_RUNS_PER_COMMAND if request.config.getoption("--slow") else RUNS_PER_COMMAND
    fuzzer = Fuzzer(random.Random(SEED), tmp_path)
    crashes: list[str] = []
    codes: dict[int, int] = {}
    runs = 0
    rng = random.Random(SEED)
    for _ in range(per_command):
        # every command once per round, in a new order each round; the repository is reset after every EPISODE
        # command lines, so what one line wrote (a hostile text in an afspraak) is read by the next
        for i, (names, command) in enumerate(rng.sample(every, len(every))):
            argv = fuzzer.line(names, command)
            monkeypatch.chdir(repo)
            r = cli(*argv)
            runs += 1
            codes[r.code] = codes.get(r.code, 0) + 1
            if r.code == 3 or "Traceback" in r.out + r.err or any(c in r.err for c in "\x1b\x9b"):
                crashes.append(f"{[a if len(a) < 40 else a[:20] + f'…({len(a)})' for a in argv]}: "
                               f"exit {r.code}: {(r.err.strip().splitlines() or [''])[-1][:300]!r}")
            if i % EPISODE == EPISODE - 1:
                _reset(repo, base)
        _reset(repo, base)
    print(f"\ncommand-line fuzz: {runs} runs of {len(every)} commands, exit codes {dict(sorted(codes.items()))}, "
          f"{len(crashes)} crashes")
    assert not crashes, "\n".join(crashes)
