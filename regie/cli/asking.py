"""Questions in a terminal that check each answer as it is given: a wrong answer is said and asked again (with
the choices), three wrong answers or Ctrl-C stop the command before anything is written."""

from __future__ import annotations

from typing import Callable, Sequence

from ..errors import RegieError
from . import console

TRIES = 3


class Stopped(RegieError):
    """The user stopped answering (Ctrl-C, end of input) or gave no usable answer: nothing was written."""


def ask_checked(question: str, check: Callable[[str], str], *, choices: Sequence[str] = (), default: str | None = None,
                nothing_written: str = "er is niets opgeslagen") -> str:
    """Ask ``question`` until ``check`` accepts the answer, at most three times."""
    shown = f"{question} ({', '.join(choices)})" if choices else question
    for attempt in range(1, TRIES + 1):
        try:
            answer = console.ask(shown, default=default)
        except (KeyboardInterrupt, EOFError):
            stopped = Stopped(f"afgebroken; {nothing_written}")
            stopped.exit_code = 130  # as for any command stopped with Ctrl-C
            raise stopped from None
        try:
            return check(answer)
        except RegieError as exc:
            left = TRIES - attempt
            if left:
                console.warn(f"{exc}; probeer het opnieuw (nog {left} {'keer' if left == 1 else 'keren'})")
            else:
                raise Stopped(f"geen bruikbaar antwoord na {TRIES} pogingen ({exc}); {nothing_written}") from None
    raise AssertionError("unreachable")  # pragma: no cover
