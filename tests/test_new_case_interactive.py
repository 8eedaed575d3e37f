"""Interactive new-case through a real pseudo-terminal (issue 26, item 5): each answer is checked as it is given and
asked again when wrong, with the choices; soort, toestemming and grondslag are asked; Ctrl-C or three unusable
answers leave nothing behind and say so."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
from pathlib import Path

import pytest
from conftest import TODAY, git

EXE = Path(sys.executable).parent / "regie"


class Terminal:
    """``regie ARGS`` on a pseudo-terminal: what it wrote so far, and typing into it."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: regie itself, on the terminal
            os.chdir(cwd)
            env = {**os.environ, "REGIE_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
            env.pop("CI", None)
            os.execve(str(EXE), [str(EXE), *args], env)
        self.seen = ""

    def expect(self, text: str) -> str:
        """Read until ``text`` has appeared (after what was expected before); returns everything read so far."""
        start = len(self.seen)
        while text not in self.seen[start:]:
            ready, _, _ = select.select([self.fd], [], [], 60)
            assert ready, f"waited for {text!r}; the terminal shows:\n{self.seen}"
            try:
                chunk = os.read(self.fd, 4096).decode("utf-8", "replace")
            except OSError:  # the child is gone
                chunk = ""
            assert chunk, f"regie stopped before {text!r}:\n{self.seen}"
            self.seen += chunk.replace("\r\n", "\n")
        return self.seen

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\r").encode())

    def finish(self) -> int:
        while True:
            try:
                chunk = os.read(self.fd, 4096).decode("utf-8", "replace")
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk.replace("\r\n", "\n")
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status)


def _state(root: Path) -> tuple[str, str]:
    return git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain", "--untracked-files=all")


ARGS = ["new-case", "--datum", "2026-11-20"]


def test_wrong_answers_are_asked_again_with_the_choices_and_the_rest_is_kept(examples_repo):
    t = Terminal(ARGS, examples_repo)
    t.expect("Rol van de melder")
    t.type("huismeester")
    t.expect("Aard van het signaal")
    t.type("vervuiling en overlast")
    t.expect("Urgentie (laag, middel, hoog, crisis)")
    t.type("heel hoog")
    shown = t.expect("Urgentie (laag, middel, hoog, crisis)")
    assert ("waarschuwing: 'heel hoog' is geen keuze; kies uit: laag, middel, hoog, crisis; probeer het opnieuw "
            "(nog 2 keren)") in shown
    t.type("hoog")
    t.expect("Regisseur (a-bakker, j-devries, m-elhaddad, r-smits)")
    t.type("a-bakker")
    t.expect("Pseudoniem van de cliënt")
    t.type("Meneer V.")
    t.expect("Soort melding (")
    t.type("vervuiling")
    t.expect("Toestemming (gegeven, geweigerd, niet-gevraagd, ingetrokken)")
    t.type("")  # the default: niet-gevraagd
    t.expect("afweging om toch gegevens te delen")
    t.type("Zorg om brandveiligheid.")
    t.expect("Wettelijke grondslag van die afweging (wettelijke-plicht, vitaal-belang, publieke-taak, "
             "gerechtvaardigd-belang)")
    t.type("vitaal-belang")
    assert t.finish() == 0, t.seen
    assert "2026-010" in t.seen and "casus 2026-010 aangemaakt en gecommit" in t.seen
    casus = (examples_repo / "casussen/2026-010/casus.yaml").read_text("utf-8")
    assert "urgentie: hoog" in casus and "grondslag: vitaal-belang" in casus and "status: niet-gevraagd" in casus
    assert "soort: vervuiling" in (examples_repo / "casussen/2026-010/melding.yaml").read_text("utf-8")


def test_three_unusable_answers_leave_nothing_behind(examples_repo):
    before = _state(examples_repo)
    t = Terminal(ARGS, examples_repo)
    t.expect("Rol van de melder")
    t.type("huismeester")
    t.expect("Aard van het signaal")
    t.type("vervuiling")
    for wrong in ("heel hoog", "zeer", "dringend"):
        t.expect("Urgentie (laag, middel, hoog, crisis)")
        t.type(wrong)
    assert t.finish() == 1
    assert ("fout: geen bruikbaar antwoord na 3 pogingen ('dringend' is geen keuze; kies uit: laag, middel, hoog, "
            "crisis); er is niets opgeslagen: de casus is niet aangemaakt") in t.seen
    assert _state(examples_repo) == before


def test_ctrl_c_leaves_nothing_behind_and_says_so(examples_repo):
    before = _state(examples_repo)
    t = Terminal(ARGS, examples_repo)
    t.expect("Rol van de melder")
    t.type("huismeester")
    t.expect("Aard van het signaal")
    os.kill(t.pid, signal.SIGINT)
    assert t.finish() == 130
    assert "fout: afgebroken; er is niets opgeslagen: de casus is niet aangemaakt" in t.seen
    assert _state(examples_repo) == before


@pytest.mark.parametrize("key, value, err", [
    ("urgentie", "heel hoog", "'heel hoog' is geen keuze; kies uit: laag, middel, hoog, crisis"),
    ("grondslag", "toestemming", "'toestemming' is geen keuze; kies uit: wettelijke-plicht, vitaal-belang, publieke-taak, "
                                 "gerechtvaardigd-belang"),
    ("pseudoniem", "   ", "het pseudoniem mag niet leeg zijn"),
])
def test_each_answer_is_checked_by_the_core(key, value, err):
    from regie.dossier.network import Network
    from regie.errors import UsageError
    from regie.work.cases import check_answer

    net = Network(naam="n", regisseurs=(), organisaties=(), opschaling=())
    with pytest.raises(UsageError) as exc:
        check_answer(net, key, value)
    assert str(exc.value) == err
