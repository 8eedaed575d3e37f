"""Reading the dossier repository into the typed model, collecting problems on the way.

Each file is read with the fast loader and checked against its schema; a file that
cannot be read or does not fit its schema becomes a :class:`Problem` and its part
of the model stays empty, so the rest of the repository is still checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import layout
from ..errors import DossierInvalid, os_reason
from ..formats.yamlio import SourceFile, load_markdown_file, load_yaml_file
from ..layout import (
    CASE_FILE,
    CASES_DIR,
    CONFIG,
    CONSULTS_DIR,
    IDENTITY_FILE,
    NETWORK_JOURNAL_DIR,
    REQUIRED_CASE_FILES,
    SIGNALS_DIR,
    VOORLICHTING_DIR,
    FileKind,
)
from . import schema, strays
from .afscherming import shields_in
from .bijeenkomst import Bijeenkomst
from .casus import Casus
from .model import Afspraak, Case, CaseWithCasus, Escalatie, Evaluatie, JournaalEntry, Melding, Netwerk, Verstrekking
from .network import Network
from .network_records import Consult, NetwerkNotitie, Signaal, Voorlichting
from .plan import Plan
from .problems import ERROR, Problem
from .repo import case_dir, case_ids
from .sociale_kaart import FILE as MAP
from .sociale_kaart import SocialeKaart


@dataclass
class Dossier:
    """The whole repository as read: network, cases, the parsed files and the problems so far."""

    root: Path
    network: Network | None
    cases: list[Case] = field(default_factory=list)
    signalen: list[Signaal] = field(default_factory=list)
    sources: dict[str, SourceFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # files read only as text, for the privacy lint
    names: set[str] = field(default_factory=set)  # every path seen, for the privacy lint of names

    def line(self, rel: str, *pointer: str | int) -> int | None:
        return Lines(self.root, self.sources).line(rel, *pointer)


class Lines:
    """Line numbers of elements in dossier files, for findings: from files parsed just now, or read again when asked.

    A rule that runs on a case kept in the cache asks for a line only when it has a
    finding; the file is read again then (it is unchanged: the cache checked that). Only
    the last few files read are kept, so memory does not grow with the repository.
    """

    KEEP = 8

    def __init__(self, root: Path, sources: dict[str, SourceFile] | None = None) -> None:
        self.root = root
        self.sources = sources if sources is not None else {}
        self._recent: dict[str, SourceFile | None] = {}

    def line(self, rel: str, *pointer: str | int) -> int | None:
        src = self.sources.get(rel)
        if src is None:
            if rel not in self._recent:
                if len(self._recent) >= self.KEEP:
                    del self._recent[next(iter(self._recent))]
                try:
                    self._recent[rel] = (load_markdown_file if rel.endswith(".md") else load_yaml_file)(self.root / rel, rel)
                except DossierInvalid:
                    self._recent[rel] = None
            src = self._recent[rel]
        return src.line(*pointer) if src else None


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.top = os.fspath(root)  # paths are joined as text: a Path per file costs more than reading it
        self.sources: dict[str, SourceFile] = {}
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}  # files regie does not parse, read as text for the privacy lint
        self.names: set[str] = set()  # every path seen in a case folder, for the privacy lint of names

    def read(self, rel: str, kind: str, *, markdown: bool = False) -> SourceFile | None:
        """Load and schema-check one file; None (with problems recorded) when unusable."""
        try:
            src = (load_markdown_file if markdown else load_yaml_file)(f"{self.top}/{rel}", rel)
        except DossierInvalid as exc:
            self.problems.append(Problem(rel, exc.line, exc.code, ERROR, exc.message))
            return None
        self.sources[rel] = src
        found = list(schema.check(kind, src.data))
        for pointer, message in found:
            self.problems.append(Problem(rel, src.line(*pointer), "schema", ERROR, message))
        return None if found else src


def load_network(root: Path, reader: _Reader | None = None) -> tuple[Network | None, list[Problem]]:
    """``regie.yaml``, with the sociale kaart when there is one (a broken map is a finding, not a broken network)."""
    from dataclasses import replace


    reader = reader or _Reader(root)
    src = reader.read(CONFIG, "regie")
    network = Network.from_data(src.data) if src else None
    if network is not None and os.path.lexists(root / MAP):
        with os.scandir(root) as entries:
            entry = next((e for e in entries if e.name == MAP), None)
        if entry is not None and _usable_file(reader, MAP, entry):
            found = reader.read(MAP, "sociale-kaart")
            if found is not None:
                network = replace(network, sociale_kaart=SocialeKaart.from_data(found.data))
    return network, reader.problems


def load_dossier(root: Path, only: list[str] | None = None) -> Dossier:
    """Read ``regie.yaml`` and the cases (all, or the ids in ``only``) into memory, and with all cases the signals.

    For one case (``load_case``) or a small tree; commands that read every case go through
    ``regie.dossier.scan`` instead, one case at a time.
    """
    reader = _Reader(root)
    network, _ = load_network(root, reader)
    dossier = Dossier(root=root, network=network)
    if only is None:
        ids, found = all_case_ids(root)
        reader.problems.extend(found)
    else:
        ids = only
    for cid in ids:
        dossier.cases.append(_load_case(reader, cid))
    if only is None:
        dossier.signalen = _load_signals(reader)
    dossier.sources = reader.sources
    dossier.problems = reader.problems
    dossier.texts = reader.texts
    dossier.names = reader.names
    return dossier


def all_case_ids(root: Path) -> tuple[list[str], list[Problem]]:
    """Every case folder's id, sorted, and the finding when ``casussen/`` itself cannot be used."""
    reader = _Reader(root)
    cases_path = root / CASES_DIR
    if cases_path.is_symlink() or cases_path.is_file():
        _listing(reader, CASES_DIR)  # records the finding
        return [], reader.problems
    try:
        return case_ids(root), []
    except DossierInvalid as exc:
        return [], [Problem(CASES_DIR, None, exc.code, ERROR, exc.message)]


def load_network_journal(root: Path) -> tuple[list[NetwerkNotitie], list[Problem], dict[str, SourceFile]]:
    """The network journal (``journaal/*.md`` at the root), the problems reading it, and its parsed files."""
    reader = _Reader(root)
    names = _listing(reader, NETWORK_JOURNAL_DIR) or {}
    notes = []
    for name in sorted(names):
        if not name.endswith(".md") or name.startswith("."):
            continue
        rel = f"{NETWORK_JOURNAL_DIR}/{name}"
        if not _usable_file(reader, rel, names[name]):
            continue
        src = reader.read(rel, "netwerkjournaal", markdown=True)
        if src is not None:
            notes.append(NetwerkNotitie.from_data(src.data, rel))
    return notes, reader.problems, reader.sources


def load_network_work(root: Path) -> tuple[list[Consult], list[Voorlichting], list[Problem], dict[str, SourceFile]]:
    """The network's consultations (``consulten/`` at the root) and its voorlichting (``voorlichting/``), the
    problems reading them, and their parsed files."""
    reader = _Reader(root)
    consults = [Consult.from_data(d, rel) for d, rel in _dated_files(reader, CONSULTS_DIR, "consult")]
    sessions = [Voorlichting.from_data(d, rel) for d, rel in _dated_files(reader, VOORLICHTING_DIR, "voorlichting")]
    return consults, sessions, reader.problems, reader.sources


def _dated_files(reader: _Reader, folder: str, kind: str) -> list[tuple[dict, str]]:
    """The front matter and path of each Markdown file in ``folder`` at the root that fits schema ``kind``."""
    names = _listing(reader, folder) or {}
    out = []
    for name in sorted(names):
        if not name.endswith(".md") or name.startswith("."):
            continue
        rel = f"{folder}/{name}"
        if not _usable_file(reader, rel, names[name]):
            continue
        src = reader.read(rel, kind, markdown=True)
        if src is not None:
            out.append((src.data, rel))
    return out


def load_signals(root: Path) -> tuple[list[Signaal], list[Problem], dict[str, SourceFile]]:
    """Only the policy signals in ``signalen/``, the problems reading them, and their parsed files."""
    reader = _Reader(root)
    return _load_signals(reader), reader.problems, reader.sources


def _listing(reader: _Reader, rel: str) -> dict[str, os.DirEntry] | None:
    """The entries of folder ``rel`` by name (one directory read instead of a probe per file).

    None when it is missing; an unreadable folder, a file where the folder belongs and a
    folder that is a symbolic link are findings (and None).
    """
    path = f"{reader.top}/{rel}"
    if os.path.islink(path):
        reader.problems.append(Problem(rel, None, "symlink", ERROR,
                                       "is een symbolische link; regie volgt geen links (zet er een gewone map neer)"))
        return None
    try:
        with os.scandir(path) as entries:
            return {e.name: e for e in entries}
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        reader.problems.append(Problem(rel, None, "geen-map", ERROR, "is een bestand; hier hoort een map"))
        return None
    except OSError as exc:
        reader.problems.append(Problem(rel, None, "onleesbaar", ERROR, f"map kan niet gelezen worden ({os_reason(exc)})"))
        return None


def _usable_file(reader: _Reader, rel: str, entry: os.DirEntry) -> bool:
    """Whether ``entry`` can be read as a file; a link or a folder in its place is a finding."""
    if entry.is_symlink():
        reader.problems.append(Problem(rel, None, "symlink", ERROR,
                                       "is een symbolische link; regie volgt geen links (zet er een gewoon bestand neer)"))
        return False
    if entry.is_dir():
        reader.problems.append(Problem(rel, None, "geen-bestand", ERROR, "is een map; hier hoort een bestand"))
        return False
    return True


def _load_signals(reader: _Reader) -> list[Signaal]:
    names = _listing(reader, SIGNALS_DIR) or {}
    signals = []
    for name in sorted(names):
        if not name.endswith(".yaml") or name.startswith("."):
            continue
        rel = f"{SIGNALS_DIR}/{name}"
        if not _usable_file(reader, rel, names[name]):
            continue
        src = reader.read(rel, "signaal")
        if src is not None:
            signals.append(Signaal.from_data(src.data, rel))
    return signals


def _identity_findings(reader: _Reader, base: str, names: dict[str, os.DirEntry]) -> None:
    """Entries regie does not know (a plain-text identity among them), and an identity file that is not age-encrypted."""
    strays.case_folder(reader, base, names)
    if IDENTITY_FILE in names:
        try:
            with open(f"{reader.top}/{base}/{IDENTITY_FILE}", "rb") as fh:
                head = fh.read(22)
        except OSError:
            head = b""
        if head != b"age-encryption.org/v1\n":
            reader.problems.append(Problem(f"{base}/{IDENTITY_FILE}", None, "identiteit", ERROR,
                                           "is geen age-bestand (beschadigd, of niet versleuteld?)"))


def _load_case(reader: _Reader, cid: str) -> Case:
    base = f"{CASES_DIR}/{cid}"
    case = Case(id=cid, folder=base)
    names = _listing(reader, base)
    if names is None:
        if not (reader.root / base).is_symlink() and not (reader.root / base).exists():
            reader.problems.append(Problem(base, None, "ontbreekt", ERROR, "casusmap bestaat niet"))
        case.broken.update(REQUIRED_CASE_FILES)
        return case
    _identity_findings(reader, base, names)
    for name in REQUIRED_CASE_FILES:
        if name not in names:
            reader.problems.append(Problem(f"{base}/{name}", None, "ontbreekt", ERROR, f"casusmap zonder {name}"))
            case.broken.add(name)

    def part(kind: FileKind) -> SourceFile | None:
        if kind.path not in names:
            return None
        rel = f"{base}/{kind.path}"
        if not _usable_file(reader, rel, names[kind.path]):
            case.broken.add(kind.path)
            return None
        src = reader.read(rel, kind.schema or kind.name, markdown=kind.format == "markdown")
        if src is None:
            case.broken.add(kind.path)
        return src

    for kind in layout.FILES:  # every checked file of a case, as the table of record kinds lists them
        if kind.scope != "case" or kind.schema is None:
            continue
        if kind.folder is not None:
            sub = kind.folder
            if sub in names and names[sub].is_symlink():
                _listing(reader, f"{base}/{sub}")  # the finding
                case.broken.add(sub)
            entries = _load_entries(reader, case, kind) if sub in names else []
            if kind.name in _ENTRIES:
                setattr(case, _ENTRIES[kind.name][0], tuple(entries))
            continue
        src = part(kind)
        if kind.name in _PARTS:
            attr, build, empty = _PARTS[kind.name]
            setattr(case, attr, build(src) if src is not None else empty)
    prefix = base + "/"
    case.afscherming = shields_in({rel[len(prefix):]: src.data for rel, src in reader.sources.items() if rel.startswith(prefix)})
    return case


def _records(key: str, build: Callable[[dict, int], object]) -> Callable[[SourceFile], tuple]:
    return lambda s: tuple(build(d, i) for i, d in enumerate(s.data[key] or []))


# How the model is built from each kind of case file: the Case attribute, the builder, the value when absent.
_PARTS: dict[str, tuple[str, Callable[[SourceFile], object], object]] = {
    "casus": ("casus", lambda s: Casus.from_data(s.data), None),
    "melding": ("melding", lambda s: Melding.from_data(s.data), None),
    "netwerk": ("netwerk", lambda s: Netwerk.from_data(s.data or {}), None),
    "plan": ("plan", lambda s: Plan.from_data(s.data, s.body or ""), None),
    "afspraken": ("afspraken", _records("afspraken", Afspraak.from_data), ()),
    "escalaties": ("escalaties", _records("escalaties", Escalatie.from_data), ()),
    "verstrekkingen": ("verstrekkingen", _records("verstrekkingen", Verstrekking.from_data), ()),
    "bijeenkomsten": ("bijeenkomsten", _records("bijeenkomsten", Bijeenkomst.from_data), ()),
}
# The folders of a case with one file per record: the Case attribute and the builder of one entry.
_ENTRIES: dict[str, tuple[str, Callable[[dict, str], object]]] = {
    "evaluatie": ("evaluaties", Evaluatie.from_data),
    "journaal": ("journaal", JournaalEntry.from_data),
    "consult": ("consulten", Consult.from_data),
}


def _load_entries(reader: _Reader, case: Case, kind: FileKind) -> list:
    sub = kind.folder
    folder = f"{case.folder}/{sub}"
    names = _listing(reader, folder)
    if names is None:
        return []
    entries = []
    build = _ENTRIES[kind.name][1] if kind.name in _ENTRIES else None
    strays.folder_files(reader, folder, kind, names)  # the entries parsed below are skipped there
    for name in sorted(names):
        if not name.endswith(kind.suffix) or name.startswith("."):
            continue
        rel = f"{folder}/{name}"
        src = (reader.read(rel, kind.schema or kind.name, markdown=kind.format == "markdown")
               if _usable_file(reader, rel, names[name]) else None)
        if src is None:
            case.broken.add(f"{sub}/{name}")
            continue
        entries.append(build(src.data, rel) if build else src)
    return entries


def load_case(root: Path, cid: str, *, needs: tuple[str, ...] = (CASE_FILE,)) -> tuple[Network, CaseWithCasus, Dossier]:
    """Load one case for a command that works on it; ``casus.yaml`` and the files it ``needs`` must be readable.

    Raises CaseNotFound for an unknown case and DossierInvalid (naming file and line) when
    ``regie.yaml`` or a needed file cannot be used.
    """

    case_dir(root, cid)
    dossier = load_dossier(root, only=[cid])
    case = dossier.cases[0]

    def first_problem(rel: str) -> DossierInvalid:
        for p in dossier.problems:
            if p.path in (rel, case.folder) and p.severity == ERROR:
                return p.as_error()
        return DossierInvalid("bestand ontbreekt", path=rel, code="ontbreekt")

    if dossier.network is None:
        raise first_problem(CONFIG)
    for name in dict.fromkeys((CASE_FILE, *needs)):
        if name in case.broken:
            raise first_problem(f"{case.folder}/{name}")
    return dossier.network, case.with_casus(), dossier
