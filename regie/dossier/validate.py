"""Checking a dossier repository: every file against its schema, then the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from ..formats.yamlio import parse_yaml
from ..layout import CASE_FILE, CASES_DIR, CONFIG, CONSULTS_DIR, NETWORK_JOURNAL_DIR, SIGNALS_DIR, VOORLICHTING_DIR, schema_names
from ..store import gitops
from . import lint
from .caseload import case_load, per_regisseur
from .erased import erased_problems
from .loader import Dossier, Lines, load_network_journal, load_network_work, load_signals
from .network import not_in_config
from .problems import ERROR, WARNING, Problem
from .repo import case_dir, case_ids
from .rules import CASE_RULES, Ctx, repository_rules
from .rules.household import Membership, households, membership
from .scan import Job, Loaded, prepare, scan
from .schema import schema_text
from .sociale_kaart import FILE as MAP
from .sociale_kaart import age_rules
from .strays import load_meetings
from .vocab import OPEN_STATUSES


@dataclass(frozen=True)
class Checked:
    """What validate keeps of one case: its findings, and its household for the rule across cases."""

    problems: list[Problem]
    household: Membership | None = None
    load: Any = None  # the case's share of its regisseur's caseload today (regie.views.caseload.Load), or None


def case_findings(ctx: Ctx | None, loaded: Loaded) -> Checked:
    """Every finding of one case: reading its files, the rules, and personal data in its text (``ctx`` None:
    ``regie.yaml`` is unusable, so no rule runs)."""
    problems = list(loaded.problems)
    net = ctx.network if ctx is not None else None
    if ctx is not None:
        for rule in CASE_RULES:
            problems.extend(rule(ctx, loaded.case))
    severity = ERROR if net is not None and net.privacy == "streng" else WARNING
    problems.extend(Problem(rel, line, "privacy", severity, message) for rel, line, message in loaded.privacy)
    if ctx is None or net is None:
        return Checked(problems)
    load = case_load(loaded.case, ctx.today) if net.caseload_norm is not None and not loaded.problems else None
    return Checked(problems, membership(ctx, loaded.case), load)


VALIDATE = Job("validate", case_findings)
FEW = 3  # cases named: checked from their files


def validate(
    root: Path,
    today: dt.date,
    cases: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    signals: bool | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
    across: bool = True,
) -> list[Problem]:
    """All problems in the repository (or in the named cases, and the signals if asked), sorted by file and line.

    Reads one case at a time (see ``regie.dossier.scan``); with ``use_cache`` unchanged
    cases are not read again.
    """

    if cases:
        for cid in cases:
            case_dir(root, cid)  # unknown or hostile ids stop here, before anything is read
    setting, ids, problems, net_sources = prepare(root, today, list(cases) if cases is not None else None)
    net_src = net_sources.get(CONFIG)
    network = setting.network
    if cases is not None and len(cases) <= FEW:
        use_cache = False  # a change checking its own case: opening the cache costs more than reading it
    members: list[Membership] = []
    loads = []
    for _, _, found in scan(setting, VALIDATE, ids, use_cache=use_cache, jobs=jobs, progress=progress,
                            complete=cases is None):
        problems.extend(found.problems)
        if found.household is not None:
            members.append(found.household)
        if found.load is not None:
            loads.append(found.load)
    if cases is not None and across and members and network is not None:
        members += other_members(root, {m.huishouden for m in members}, {m.casus for m in members})
    problems.extend(households(members))
    if cases is None and network is not None and network.caseload_norm is not None:
        problems.extend(caseload_norm(root, network, loads, net_src))
    dossier = Dossier(root=root, network=network, sources=dict(net_sources))
    if signals if signals is not None else cases is None:
        dossier.signalen, found, sources = load_signals(root)
        problems.extend(found)
        dossier.sources.update(sources)
        notes, found, sources = load_network_journal(root)
        problems.extend(found)
        dossier.sources.update(sources)
        problems.extend(network_journal(root, network, notes, dossier))
        consults, sessions, found, sources = load_network_work(root)
        problems.extend(found)
        dossier.sources.update(sources)
        problems.extend(network_work(network, [*consults, *sessions], dossier))
        dossier.texts, dossier.names = load_meetings(str(root))  # the minutes are read only for the privacy lint
    problems.extend(repository_rules(dossier, ids if cases is None else None))
    if cases is None and network is not None:
        problems.extend(age_rules(network, today, dossier))
    if cases is None:
        problems.extend(commit_message_privacy(root, dossier))
        problems.extend(editor_schemas(root))
        problems.extend(erased_problems(root))
    return sorted({p if p.path == (masked := lint.mask_path(p.path)) else replace(p, path=masked) for p in problems},
                  key=Problem.sort_key)


EDITOR_SCHEMAS = ".regie/schemas"  # written by regie init and regie schema export, for editors


def editor_schemas(root: Path) -> list[Problem]:
    """A warning for each schema in ``.regie/schemas/`` that is not the one this regie checks with (an editor
    would then accept what validate refuses, or the other way round)."""

    folder = root / EDITOR_SCHEMAS
    if not folder.is_dir():
        return []
    out = []
    for kind in schema_names():
        rel = f"{EDITOR_SCHEMAS}/{kind}.schema.json"
        try:
            current = (root / rel).read_text(encoding="utf-8") == schema_text(kind)
        except (OSError, UnicodeDecodeError):
            current = False
        if not current:
            out.append(Problem(rel, None, "schema-verouderd", WARNING, "ontbreekt of wijkt af van de schema's van deze "
                               "regie-versie, zodat je editor anders controleert dan regie validate; werk bij met "
                               f"'regie schema export {EDITOR_SCHEMAS}'"))
    return out


def network_journal(root: Path, network, notes, dossier) -> list[Problem]:
    """The network journal: a file named after its date, the cases it names exist, its regisseur is known."""

    ids = set(case_ids(root))
    out = network_work(network, notes, dossier)
    for n in notes:
        for i, cid in enumerate(n.casussen):
            if cid not in ids:
                out.append(Problem(n.file, dossier.line(n.file, "casussen", i), "journaal-casus", ERROR, f"casus '{cid}' bestaat niet"))
    return out


def network_work(network, records, dossier) -> list[Problem]:
    """A dated record of the network (journal note, consultation, voorlichting): a file named after its date, its
    regisseur known."""
    regisseurs = network.regisseur_ids() if network is not None else None
    out = []
    for r in records:
        if not r.file.rsplit("/", 1)[1].startswith(r.datum.isoformat()):
            out.append(Problem(r.file, dossier.line(r.file, "datum"), "journaal-bestandsnaam", ERROR,
                               f"bestandsnaam hoort met de datum {r.datum.isoformat()} te beginnen"))
        if regisseurs is not None and r.regisseur is not None and r.regisseur not in regisseurs:
            out.append(Problem(r.file, dossier.line(r.file, "regisseur"), "regisseur-onbekend", ERROR,
                               not_in_config("regisseur", r.regisseur)))
    return out


def caseload_norm(root: Path, network, loads, net_src) -> list[Problem]:
    """A warning for each regisseur whose weighted open cases are above ``caseload.norm`` (seed 004)."""

    out = []
    index = {r.id: i for i, r in enumerate(network.regisseurs)}
    for row in per_regisseur(network, loads):
        if row.boven_norm:
            line = (Lines(root, {CONFIG: net_src}).line(CONFIG, "regisseurs", index[row.regisseur], "id")
                    if net_src and row.regisseur in index else None)
            out.append(Problem(CONFIG, line, "caseload-norm", WARNING,
                               f"regisseur {row.regisseur} heeft een caseload van {row.gewogen:g} (gewogen, {row.open} open "
                               f"casussen), boven de norm van {row.norm:g} (caseload.norm)"))
    return out


def other_members(root: Path, wanted: set[str], skip: set[str]) -> list[Membership]:
    """The cases outside ``skip`` that belong to one of the ``wanted`` households (for a check of named cases).

    Only the ``casus.yaml`` files that mention such an id are parsed; the others are read as bytes.
    """

    keys = [w.encode() for w in wanted]
    out = []
    for cid in case_ids(root):
        if cid in skip:
            continue
        path = root / CASES_DIR / cid / CASE_FILE
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        if not any(k in raw for k in keys):
            continue
        try:
            data = parse_yaml(raw.decode("utf-8"), f"{CASES_DIR}/{cid}/casus.yaml")
            hh = data["huishouden"]["id"]
            status, regisseur = data["status"], data["regisseur"]
        except Exception:  # noqa: BLE001 - a broken file is its own finding when that case is checked
            continue
        if hh in wanted:
            rel = f"{CASES_DIR}/{cid}/casus.yaml"
            out.append(Membership(cid, hh, status in OPEN_STATUSES, str(regisseur), rel,
                                  Lines(root).line(rel, "huishouden", "id")))
    return out


def commit_message_privacy(root: Path, dossier) -> list[Problem]:
    """The privacy check over the messages of regie's own commits (they stay in history for ever).

    A finding is reported at ``commit <sha>``; nothing is checked outside a git repository.
    """

    if gitops.git_dir(root) is None:
        return []
    if not gitops.has_git():
        return [Problem("commit", None, "git-ontbreekt", WARNING, "het programma git is niet gevonden: de commitberichten "
                        "zijn niet op persoonsgegevens gecontroleerd")]
    done = gitops.run(root, "log", "--format=%h%x00%B%x1e", "--grep=^regie ", check=False)
    if done.returncode != 0:
        return []
    severity = ERROR if dossier.network is not None and dossier.network.privacy == "streng" else WARNING
    found = []
    for entry in done.stdout.split("\x1e"):
        sha, _, message = entry.strip("\n").partition("\0")
        if sha:
            for f in lint.scan(message):
                found.append(Problem(f"commit {sha}", f.line, "privacy", severity, f.message()))
    return found


def scope_of_files(root: Path, files: list[str]) -> tuple[list[str] | None, bool]:
    """What to check for a list of changed files (from pre-commit): (case ids, or None for everything; signals too?).

    A file of a case checks that case; a signal file checks the signals; ``regie.yaml`` and
    the sociale kaart (which every case depends on) check everything; other files need no check.
    """

    cases: set[str] = set()
    signals = False
    for name in files:
        path = Path(name)
        rel = (path if path.is_absolute() else Path.cwd() / path).resolve()
        try:
            parts = rel.relative_to(root).parts
        except ValueError:
            continue
        if parts in ((CONFIG,), (MAP,)):  # every case depends on these
            return None, True
        if len(parts) >= 2 and parts[0] == CASES_DIR and (root / CASES_DIR / parts[1]).is_dir():
            cases.add(parts[1])
        elif len(parts) >= 2 and parts[0] in (SIGNALS_DIR, NETWORK_JOURNAL_DIR, CONSULTS_DIR, VOORLICHTING_DIR):  # checked with the signals: work outside a case
            signals = True
    return sorted(cases), signals
