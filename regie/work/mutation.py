"""The one way a command changes a case: write atomically, validate, commit — or undo it all.

Every mutating command builds the new text of the files it changes and hands them to
:func:`apply`. If the change would make the case invalid (an error that was not there
before), or the commit fails, every file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from ..dossier.problems import ERROR, Problem
from ..dossier.validate import validate
from ..errors import RegieError
from ..store import gitops, transaction
from ..store.files import refuse_links, relative_paths, write_bytes_atomic, write_text_atomic
from ..store.private import private_folder
from ..store.transaction import state_dir
from . import gesloten


@dataclass
class Change:
    """What a command that changed the dossier did, for the one function that reports it (``console.report_change``):
    the id it made or changed, the files written, warnings for the user, the problems left in what it touched, and
    notes (what the user should know next)."""

    id: str | None = None
    what: str = ""  # what changed, in a Dutch sentence (the command may say it itself)
    paths: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, p.message)  # not the line: an edit may move it


def apply(
    root: Path, case_id: str | None, writes: Mapping[Path, str | bytes | None], message: str, today: dt.date, *,
    commit: bool = True, scope: list[str] | None = None, record: bool = False,
) -> list[Problem]:
    """Write ``writes`` (path -> new text, bytes for an encrypted file, None to remove the file), validate the case
    (or the cases in ``scope``), commit exactly those paths.

    ``case_id`` None validates the whole repository (for files outside a case, like signals).
    Returns the remaining problems (warnings, or errors that were already there).
    Runs under the repository lock, with a journal that a crash leaves for the next command.
    A case with status gesloten takes no casework (:mod:`regie.work.gesloten`); ``record``: this write is
    record-keeping itself (a verstrekking a document command records), allowed in a closed case too.
    """

    with transaction.session(root, "wijziging"):
        gesloten.check(root, list(writes), record=record)
        in_git = gitops.git_dir(root) is not None
        if commit or in_git:
            gitops.check_ready(root)  # not a git repository, a merge under way, ...: stop before writing anything
        check_writable(root, list(writes), in_git=in_git)
        return _apply_locked(root, case_id, writes, message, today, commit=commit, in_git=in_git, scope=scope)


def check_writable(root: Path, paths: list[Path], *, in_git: bool) -> None:
    """Refuse before writing: a path through a symbolic link, or a file with the user's own uncommitted work."""

    for path in paths:
        refuse_links(root, path)
    if in_git and not transaction.allow_own_changes():
        own = gitops.changed_paths(root, paths)
        if own:
            raise RegieError(
                "niets gewijzigd: dit bestand heeft eigen wijzigingen die nog niet gecommit zijn: "
                + ", ".join(own)
                + ". Commit of bewaar ze eerst ('git stash'), of neem ze bewust mee met "
                "'regie --met-eigen-wijzigingen ...'.",
                code="eigen-wijzigingen",
            )


def _apply_locked(
    root: Path, case_id: str | None, writes: Mapping[Path, str | bytes | None], message: str, today: dt.date, *, commit: bool,
    in_git: bool, scope: list[str] | None = None,
) -> list[Problem]:
    scope = scope or ([case_id] if case_id else None)
    before_problems = {_key(p) for p in validate(root, today, scope) if p.severity == ERROR}
    originals = {path: (path.read_bytes() if path.is_file() else None) for path in writes}
    with transaction.journal(root, message, list(writes), git=in_git):
        written: list[Path] = []
        try:
            for path, text in writes.items():
                try:
                    if text is None:
                        path.unlink(missing_ok=True)
                    elif isinstance(text, bytes):
                        write_bytes_atomic(path, text)
                    else:
                        write_text_atomic(path, text)
                except RegieError as exc:
                    raise relative_paths(exc, root) from None
                written.append(path)
            problems = validate(root, today, scope)
            new = [p for p in problems if p.severity == ERROR and _key(p) not in before_problems]
            if new:
                raise RegieError(
                    "niets gewijzigd: de casus zou ongeldig worden:\n" + "\n".join("  " + p.format() for p in new)
                )
            if in_git:
                gitops.commit_paths(root, list(writes), message, commit=commit)
        except BaseException:
            for path in written:  # a write that failed left its file as it was
                data = originals[path]
                if data is None:
                    try:
                        path.unlink(missing_ok=True)
                    except OSError:
                        pass  # it could not have been written either (a file where a folder belongs)
                else:
                    write_bytes_atomic(path, data)
            if in_git:
                gitops.unstage(root, list(writes))
            raise
    return problems


def let_user_edit(root: Path, name: str, text: str, edit) -> str:
    """Let ``edit(path)`` change ``text`` in a private file outside the work tree; return what it became.

    The file lives in a private folder (see :mod:`regie.store.private`) that is removed with
    the editor's backups on every way out, signals included; what a ``kill -9`` leaves is
    removed by the next command. Nothing of it is ever in the dossier.
    """
    with private_folder(state_dir(root)) as folder:
        path = folder / name
        write_private(path, text)
        edit(path)
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise RegieError("wat de editor opsloeg is geen UTF-8-tekst; niets opgeslagen") from None


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` for the user's eyes only (mode 600)."""
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
