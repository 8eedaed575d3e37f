"""A finding in the dossier: a value, not an exception.

Validators return lists of :class:`Problem`; ``validate`` reports all of them in
one run, sorted by file and line, as text, JSON or CI annotations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import DossierInvalid

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where (path relative to the repo, line or None), what and how bad."""

    path: str
    line: int | None
    code: str
    severity: str
    message: str

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == ERROR else "waarschuwing: "
        return f"{where}: [{self.code}] {label}{self.message}"

    def as_error(self):
        """This problem as the DossierInvalid a command raises to stop."""

        return DossierInvalid(self.message, path=self.path, line=self.line, code=self.code)

    def to_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.code, self.message)


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """True when the problems should fail the run (warnings count with ``strict``)."""
    return any(p.severity == ERROR or strict for p in problems)
