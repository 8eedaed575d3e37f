"""Files regie does not read as records: named, and checked for personal data all the same.

A case folder holds the files the table of file kinds (``regie/layout.py``) lists. Anything
else there — ``casus.yml``, an editor's backup, ``notities.txt``, a folder of scans, a file
named after a BSN — is a finding (``onbekend-bestand``) with a hint when its name is close to
one regie knows (``casus.yml`` → ``casus.yaml``); an identity in plain text under any name is
an error. Whatever regie does not parse is still read as text for the privacy lint (a file
that is not text, or beyond ``MAX_TEXT_BYTES``, as far as it is text), and every name in the
folder is checked too, as are the meeting minutes in ``overleggen/``. Findings name a file
whose name holds personal data with that part masked (``casussen/2026-001/***.txt``).
"""

from __future__ import annotations

import difflib
import os
from typing import Protocol

from .. import layout
from ..layout import CONSULTS_DIR, IDENTITY_FILE, MEETINGS_DIR, NETWORK_JOURNAL_DIR, SIGNALS_DIR, VOORLICHTING_DIR, FileKind
from .lint import mask_path, name_kinds, name_message, scan
from .problems import ERROR, WARNING, Problem

MAX_TEXT_BYTES = 1_000_000  # what is read of a file regie does not know, for the privacy lint


class Reader(Protocol):
    top: str
    problems: list[Problem]
    texts: dict[str, str]  # files read as text only (for the privacy lint), by path
    names: set[str]  # every path seen (for the lint of names)


def _case_names() -> tuple[set[str], dict[str, FileKind]]:
    """The file names of a case folder and its folders of files (``evaluaties`` → its kind)."""
    files: set[str] = set()
    folders: dict[str, FileKind] = {}
    for f in layout.FILES:
        if f.scope == "case":
            if f.folder is None:
                files.add(f.path)
            else:
                folders[f.folder] = f
    return files, folders


def near_miss(name: str, known: list[str]) -> str | None:
    """The name regie knows that ``name`` was probably meant to be: the same but for letter case or the
    extension (casus.yml, Plan.MD, afspraken.json), or a close spelling (afspraak.yaml)."""
    low = name.lower().rstrip("~")
    for candidate in known:
        if low == candidate.lower() or low.split(".", 1)[0] == candidate.lower().split(".", 1)[0]:
            return candidate
    close = difflib.get_close_matches(low, known, n=1, cutoff=0.8)
    return close[0] if close else None


def read_text(reader: Reader, rel: str) -> None:
    """Keep the text of ``rel`` for the privacy lint: at most MAX_TEXT_BYTES, nothing of a file that is not text."""
    try:
        with open(f"{reader.top}/{rel}", "rb") as fh:
            data = fh.read(MAX_TEXT_BYTES)
    except OSError:
        return
    if b"\0" not in data:
        reader.texts[rel] = data.decode("utf-8", "replace")


def _unknown(reader: Reader, rel: str, hint: str | None) -> None:
    reader.problems.append(Problem(
        mask_path(rel), None, "onbekend-bestand", WARNING,
        "regie kent dit bestand niet en leest het niet als dossierbestand"
        + (f"; bedoel je {hint}?" if hint else " (een tikfout in de naam, een reservekopie?)")
        + f" Alleen persoonsgegevens worden erin gezocht; die horen versleuteld in {IDENTITY_FILE}"))


def case_folder(reader: Reader, base: str, names: dict[str, os.DirEntry]) -> None:
    """Every entry of case folder ``base`` (listed in ``names``): unknown ones named, what regie does not parse
    read as text, every name kept for the lint of names. The known files and folders are the loader's."""
    files, folders = _case_names()
    known = sorted(files | set(folders))
    reader.names.add(base)  # a case folder named after a person's number is as bad as a file
    for name in sorted(names):
        rel = f"{base}/{name}"
        reader.names.add(rel)
        entry = names[name]
        if name in files:
            continue
        if name in folders:
            if folders[name].schema is None and not entry.is_symlink() and entry.is_dir():
                folder_files(reader, rel, folders[name], _listing(f"{reader.top}/{rel}"))
            continue  # the loader reads the others, and calls folder_files
        if name.lower().startswith("identiteit"):
            reader.problems.append(Problem(
                mask_path(rel), None, "identiteit-onversleuteld", ERROR,
                "identiteitsgegevens staan hier onversleuteld; versleutel ze met 'regie identity edit' en verwijder dit "
                "bestand (ook uit de geschiedenis)" + ("" if name == "identiteit.yaml" else
                                                       f"; versleuteld heet het {IDENTITY_FILE}")))
            continue
        if not name.startswith("."):
            _unknown(reader, rel, near_miss(name, known))
        if entry.is_symlink():
            continue
        if entry.is_dir():
            for sub, sub_entry in sorted(_listing(f"{reader.top}/{rel}").items()):
                reader.names.add(f"{rel}/{sub}")
                if not sub_entry.is_symlink() and sub_entry.is_file():
                    read_text(reader, f"{rel}/{sub}")
        else:
            read_text(reader, rel)


def folder_files(reader: Reader, folder: str, kind: FileKind, names: dict[str, os.DirEntry]) -> None:
    """The entries of a case's folder of files (``evaluaties/``) that the loader does not parse: a file of another
    extension or a folder is named, and read as text; a file of a kind without schema (a memo) is read as text."""
    for name in sorted(names):
        rel = f"{folder}/{name}"
        reader.names.add(rel)
        entry = names[name]
        if entry.is_symlink():
            continue
        if name.endswith(kind.suffix) and not name.startswith(".") and kind.schema is not None:
            continue  # parsed by the loader
        if not name.startswith(".") and (not name.endswith(kind.suffix) or entry.is_dir()):
            reader.problems.append(Problem(
                mask_path(rel), None, "onbekend-bestand", WARNING,
                f"regie kent dit bestand niet en leest het niet als dossierbestand (de bestanden in "
                f"{kind.folder}/ eindigen op {kind.suffix}) Alleen persoonsgegevens worden erin gezocht; die horen "
                f"versleuteld in {IDENTITY_FILE}"))
        if entry.is_file():
            read_text(reader, rel)


def _listing(path: str) -> dict[str, os.DirEntry]:
    try:
        with os.scandir(path) as entries:
            return {e.name: e for e in entries}
    except OSError:
        return {}


class _TextReader:
    def __init__(self, top: str) -> None:
        self.top = top
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.names: set[str] = set()


def load_meetings(top: str) -> tuple[dict[str, str], set[str]]:
    """The text of every file in ``overleggen/`` (agendas and minutes), and the paths of everything in it and in
    ``signalen/`` and ``journaal/``, for the privacy lint."""
    reader = _TextReader(top)
    for folder in (MEETINGS_DIR, SIGNALS_DIR, NETWORK_JOURNAL_DIR, CONSULTS_DIR, VOORLICHTING_DIR):
        for name, entry in sorted(_listing(f"{top}/{folder}").items()):
            rel = f"{folder}/{name}"
            reader.names.add(rel)
            if folder == MEETINGS_DIR and not entry.is_symlink() and entry.is_file():
                read_text(reader, rel)
    return reader.texts, reader.names


def privacy_findings(sources: dict, texts: dict[str, str], names: set[str],
                     allowed: dict[str, set[tuple[int, str]]] | None = None) -> list[tuple[str, int | None, str]]:
    """(file, line or None, message) of personal data in the parsed files, the files read as text, and the names;
    ``allowed``: per file the (line, kind) that hold what belongs there (an organisation's aanmeldpunt)."""
    allowed = allowed or {}
    found: list[tuple[str, int | None, str]] = [
        (mask_path(rel), f.line, f.message()) for rel, src in sources.items() for f in scan(src.text)
        if (f.line, f.kind) not in allowed.get(rel, ())]
    found += [(mask_path(rel), f.line, f.message()) for rel, text in texts.items() for f in scan(text)]
    for rel in sorted(names | set(sources) | set(texts)):
        kinds = name_kinds(rel.rsplit("/", 1)[-1])
        if kinds:
            found.append((mask_path(rel), None, name_message(kinds)))
    return found
