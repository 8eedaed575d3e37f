"""Where things are in a dossier repository, and guarding the ways in.

Finding the repository (walking up to ``regie.yaml`` like git does), the paths
of case files, and checking a case id before it becomes part of a path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .. import layout
from ..errors import CaseNotFound, DossierInvalid, RepoNotFound, os_reason
from ..ids import check_case_id
from ..layout import CASES_DIR, CONFIG


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The folder holding ``regie.yaml``: ``explicit`` itself, or the nearest one up from ``start``."""
    if explicit is not None:
        root = explicit.expanduser()
        if not root.is_dir():
            raise RepoNotFound(f"map bestaat niet: {explicit}")
        if not (root / CONFIG).is_file():
            raise RepoNotFound(f"geen dossierrepository: {explicit} bevat geen {CONFIG} (maak er een met 'regie init')")
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG).is_file():
            return folder
    raise RepoNotFound(
        f"geen dossierrepository gevonden: geen {CONFIG} in {here} of erboven (gebruik -C PAD of 'regie init')"
    )


def case_dir(root: Path, case_id: str, *, must_exist: bool = True) -> Path:
    folder = root / CASES_DIR / check_case_id(case_id)
    if must_exist and not folder.is_dir():
        raise CaseNotFound(f"onbekende casus '{case_id}': geen map {CASES_DIR}/{case_id}")
    return folder


def case_ids(root: Path) -> list[str]:
    """The case folders in the repository, sorted; hidden folders are skipped.

    A symbolic link to a folder counts (the loader reports it as a finding and does not follow it).
    """
    base = root / CASES_DIR
    try:
        with os.scandir(base) as entries:
            return sorted(e.name for e in entries if not e.name.startswith(".") and (e.is_dir() or e.is_symlink()))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise DossierInvalid(f"map kan niet gelezen worden ({os_reason(exc)})", path=CASES_DIR, code="onleesbaar") from None


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?([A-Za-z0-9][A-Za-z0-9_-]*)")
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def record_ids(root: Path, case_id: str, soort: str) -> list[str]:
    """The ids of the records of kind ``soort`` in one case, in file order.

    Found by a pattern over the text of the one file that holds them (the table of record
    kinds says which; within it, below the top-level key of its list), not by loading the
    case: fast enough for every tab press.
    """
    kind = layout.record_kind(soort)
    text = (case_dir(root, case_id) / layout.file_kind(kind.file).path).read_text(encoding="utf-8")
    top = kind.list_path[0] if kind.list_path else None
    current = None
    found: dict[str, None] = {}
    for line in text.splitlines():
        key = _TOP_KEY.match(line)
        if key:
            current = key.group(1)
        m = _ID_LINE.match(line)
        if m and (top is None or current == top) and kind.id_re.fullmatch(m.group(1)):
            found[m.group(1)] = None
    return list(found)
