"""The errors regie raises for things a user can fix.

Only the command-line boundary (``regie.cli``) turns them into a Dutch message on
stderr and an exit code; the core raises them and never prints.
"""

from __future__ import annotations


class RegieError(Exception):
    """Something the user must fix; the message is Dutch and shown as is.

    ``field`` names the input(s) the error is about, as the core function calls them
    (``"reden"``, ``("signaal", "organisatie")``): the message itself names the *thing*
    ("de reden mag niet leeg zijn"), and the command line puts the flag the user typed
    in front of it ("--reden: de reden mag niet leeg zijn"). The core never names a flag.
    """

    exit_code = 1

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, code: str = "fout",
        field: str | tuple[str, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.code = code
        self.fields: tuple[str, ...] = (field,) if isinstance(field, str) else tuple(field or ())

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

    detail: str = ""  # git's own (English) output, when there is any


class NothingToChange(RegieError):
    """The command would change nothing (the same change twice): said, and not an error."""

    exit_code = 0


class TemplateError(RegieError):
    """A template is broken or names a field the data does not have."""


def os_reason(exc: OSError) -> str:
    """A Dutch reason for an OS error on a file (never git's or the OS's English text)."""
    import errno

    reasons = {
        errno.EACCES: "geen rechten",
        errno.EPERM: "geen rechten",
        errno.ENOSPC: "de schijf is vol",
        errno.EDQUOT: "het schijfquotum is op",
        errno.EROFS: "het bestandssysteem is alleen-lezen",
        errno.EISDIR: "er staat een map met die naam",
        errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.EEXIST: "er staat al een bestand met die naam (waar een map hoort?)",
        errno.ENOENT: "bestaat niet",
        errno.ELOOP: "te veel symbolische links",
        errno.EIO: "leesfout van de schijf",
    }
    return reasons.get(exc.errno or 0, f"fout {exc.errno}")
