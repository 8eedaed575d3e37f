"""Where things are in a dossier repository, and guarding the ways in.

Finding the repository (walking up to ``regie.yaml`` like git does), the paths
of case files, and checking a case id before it becomes part of a path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import CaseNotFound, DossierInvalid, RepoNotFound, UsageError, os_reason

CONFIG = "regie.yaml"
CASES_DIR = "casussen"
CASE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")  # use with fullmatch: '$' would allow a final newline
MAX_ID_LENGTH = 32

# The files of a case folder, by the schema that checks them.
CASE_YAML_FILES = {
    "casus.yaml": "casus",
    "melding.yaml": "melding",
    "netwerk.yaml": "netwerk",
    "afspraken.yaml": "afspraken",
    "escalaties.yaml": "escalaties",
    "verstrekkingen.yaml": "verstrekkingen",
}
PLAN_FILE = "plan.md"
EVALUATIONS_DIR = "evaluaties"
JOURNAL_DIR = "journaal"
REQUIRED_CASE_FILES = ("casus.yaml", "melding.yaml")


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


def check_case_id(case_id: str) -> str:
    """Refuse a case id that is not a plain folder name (no '/', no '..', no spaces)."""
    if not CASE_ID_RE.fullmatch(case_id):
        raise UsageError(
            f"ongeldige casus-id '{case_id}': alleen letters, cijfers, '-' en '_', hoogstens {MAX_ID_LENGTH} tekens (bijvoorbeeld 2026-014)"
        )
    return case_id


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
