"""Erasure (``regie purge``): a case whose retention term has passed leaves the work tree and all of history.

The case's folder is removed from every commit with ``git filter-repo`` (a dependency of this
command only). The erasure itself is recorded in ``vernietigd.yaml`` (id, date, category,
term, early or not, and the legal ground for an early erasure) — no personal data. Other
clones and the server still hold the old history: regie prints what each must do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..dossier.cache import clear as clear_cache
from ..dossier.loader import load_case
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_map
from ..layout import CASES_DIR
from ..store import gitops
from ..store.transaction import session
from .mutation import apply

RECORD = "vernietigd.yaml"
EARLY_GROUNDS = ("recht-op-vergetelheid", "onrechtmatig-verwerkt", "bezwaar", "anders")


@dataclass
class Plan:
    casus: str
    paths: list[str]
    commits: int
    categorie: str | None
    bewaren_tot: dt.date | None
    voortijdig: bool


def _filter_repo() -> None:
    if gitops.filter_repo_tool() is None:
        raise RegieError("voor 'regie purge' is git-filter-repo nodig: installeer het met "
                         "'pip install git-filter-repo' (of 'pip install regie[purge]')", code="purge")


def plan(root: Path, cid: str, today: dt.date, *, voortijdig: bool = False, reden: str | None = None) -> Plan:
    """What ``purge`` would do, after every check; nothing is changed."""
    _, case, _ = load_case(root, cid)
    c = case.casus
    assert c is not None
    if c.status != "gesloten":
        raise RegieError(f"casus {cid} is niet gesloten (status {c.status}); alleen een gesloten casus kan vernietigd worden",
                         code="purge")
    if voortijdig:
        if reden not in EARLY_GROUNDS:
            raise UsageError(f"voortijdig vernietigen vraagt als reden de grond: {', '.join(EARLY_GROUNDS)} "
                             "(bijv. recht-op-vergetelheid, AVG art. 17)", field="reden")
    elif c.bewaren_tot is None or c.bewaren_tot >= today:
        until = c.bewaren_tot.isoformat() if c.bewaren_tot else "onbekend (geen bewaren_tot)"
        raise RegieError(f"de bewaartermijn van casus {cid} loopt nog (bewaren tot {until}); eerder vernietigen kan alleen "
                         f"op verzoek van de cliënt of om een andere wettelijke grond: 'regie purge {cid} --voortijdig --reden GROND'",
                         code="purge")
    dirty = gitops.run(root, "status", "--porcelain", "--untracked-files=all").stdout
    if dirty.strip():
        raise RegieError("de werkmap is niet schoon: commit of verwijder eerst alle wijzigingen ('git status'); "
                         "purge herschrijft de hele geschiedenis", code="purge")
    folder = f"casussen/{cid}"
    paths = [p for p in gitops.run(root, "log", "--all", "--format=", "--name-only", "--", folder).stdout.split() if p]
    commits = len(gitops.run(root, "rev-list", "--all", "--", folder).stdout.split())
    return Plan(cid, sorted(set(paths)), commits, c.bewaarcategorie, c.bewaren_tot, voortijdig)


def purge(root: Path, cid: str, today: dt.date, *, voortijdig: bool = False, reden: str | None = None) -> Plan:
    """Erase the case from the work tree and every commit, then commit the record of it."""

    with session(root, "purge"):
        p = plan(root, cid, today, voortijdig=voortijdig, reden=reden)
        _filter_repo()
        remotes = {name: gitops.run(root, "remote", "get-url", name).stdout.strip()
                   for name in gitops.run(root, "remote").stdout.split()}

        clear_cache(root)  # it holds a parsed copy of the case
        # the dossier may sit in a folder of a larger repository: git-filter-repo works from the top, on paths from there
        top, _, prefix = gitops.run(root, "rev-parse", "--show-toplevel", "--show-prefix").stdout.rstrip("\n").partition("\n")
        folder = f"{prefix}{CASES_DIR}/{cid}/"
        if not gitops.filter_repo(Path(top), "--invert-paths", "--path", folder, "--force", "--quiet"):
            raise RegieError("git filter-repo kon de geschiedenis niet herschrijven; er is niets veranderd "
                             "(kijk met 'git status' en 'git log')", code="purge")
        left = gitops.run(Path(top), "log", "--all", "--format=%h", "--", folder).stdout.split()
        if left or (root / CASES_DIR / cid).exists():  # never "vernietigd" while a file of it is still there
            raise RegieError(f"casus {cid} is niet (helemaal) uit de geschiedenis verwijderd ({len(left)} commit(s) noemen "
                             "de map nog); er is niets vastgelegd in vernietigd.yaml", code="purge")
        for name, url in remotes.items():  # filter-repo drops the remotes, to keep an old history from being pushed by accident
            if name not in gitops.run(root, "remote").stdout.split():
                gitops.run(root, "remote", "add", name, url)
        path = root / RECORD
        text = path.read_text(encoding="utf-8") if path.exists() else (
            "# Vernietigde casussen: wat er vernietigd is en waarom, zonder persoonsgegevens.\nvernietigd: []\n")
        doc = RoundTrip(text, RECORD)
        entry = {"casus": cid, "datum": today, "categorie": p.categorie, "bewaren_tot": p.bewaren_tot,
                 "grond": reden if voortijdig else None}
        record = new_map(entry)
        record["voortijdig"] = voortijdig  # also when false: the record says so explicitly
        append_item(doc.block_list("vernietigd"), record)
        apply(root, None, {path: doc.dump()}, f"regie purge: casus {cid} vernietigd", today)
        return p


AFTER = """Nog te doen, want andere kopieën hebben de oude geschiedenis nog:
  1. deel de nieuwe geschiedenis: 'git push --force-with-lease {remote} {branch}'
  2. elke andere regisseur maakt een nieuwe clone (en verwijdert de oude) — een gewone 'git pull' haalt de casus terug
  3. vraag de beheerder van de server om oude verwijzingen te laten opruimen (beschermde branches, merge requests, back-ups)"""
