"""The errors regie raises for things a user can fix.

Only the command-line boundary (``regie.cli``) turns them into a Dutch message on
stderr and an exit code; the core raises them and never prints.
"""

from __future__ import annotations


class RegieError(Exception):
    """Something the user must fix; the message is Dutch and shown as is."""

    exit_code = 1

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, code: str = "fout"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.code = code

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class UsageError(RegieError):
    """The command was called with arguments it cannot accept."""

    exit_code = 2


class RepoNotFound(RegieError):
    """No dossier repository (a folder with regie.yaml) was found."""


class CaseNotFound(RegieError):
    """The named case does not exist in the repository."""


class DossierInvalid(RegieError):
    """A file in the dossier cannot be read or does not match its schema."""


class GitError(RegieError):
    """A git operation the command needs could not be done."""


class TemplateError(RegieError):
    """A template is broken or names a field the data does not have."""
