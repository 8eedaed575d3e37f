"""The one way a command changes a case: write atomically, validate, commit — or undo it all.

Every mutating command builds the new text of the files it changes and hands them to
:func:`apply`. If the change would make the case invalid (an error that was not there
before), or the commit fails, every file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .errors import RegieError
from .problems import ERROR, Problem


def _key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, p.message)  # not the line: an edit may move it


def apply(
    root: Path, case_id: str | None, writes: dict[Path, str], message: str, today: dt.date, *, commit: bool = True
) -> list[Problem]:
    """Write ``writes`` (path -> new text), validate the case, commit exactly those paths.

    ``case_id`` None validates the whole repository (for files outside a case, like signals).
    Returns the remaining problems (warnings, or errors that were already there).
    """
    scope = [case_id] if case_id else None
    from . import gitops
    from .store import write_bytes_atomic, write_text_atomic
    from .validate import validate

    if commit:
        gitops.open_repo(root)  # not a git repository: stop before writing anything
    before_problems = {_key(p) for p in validate(root, today, scope) if p.severity == ERROR}
    originals = {path: (path.read_bytes() if path.exists() else None) for path in writes}
    try:
        for path, text in writes.items():
            write_text_atomic(path, text)
        problems = validate(root, today, scope)
        new = [p for p in problems if p.severity == ERROR and _key(p) not in before_problems]
        if new:
            raise RegieError(
                "niets gewijzigd: de casus zou ongeldig worden:\n" + "\n".join("  " + p.format() for p in new)
            )
        gitops.commit_paths(root, list(writes), message, commit=commit)
    except BaseException:
        for path, data in originals.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes_atomic(path, data)
        if commit:
            gitops.unstage(root, list(writes))
        raise
    return problems



def let_user_edit(path: Path, text: str, edit) -> str:
    """Put ``text`` at ``path``, let ``edit(path)`` change it, and return what it became.

    The file is removed again afterwards (``apply`` writes it, after taking the before-state);
    if the editor fails, nothing is left behind.
    """
    from .store import write_text_atomic

    write_text_atomic(path, text)
    try:
        edit(path)
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
