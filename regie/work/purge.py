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

from ..dossier.erased import load_erased
from ..dossier.loader import load_case
from ..errors import NothingToChange, RegieError, UsageError
from ..layout import CASES_DIR, ERASED
from ..store import gitops, places
from ..store.transaction import session
from .erase import Outcome, erase, pending, survey

RECORD = ERASED
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


def _no_linked_worktree(root: Path) -> None:
    """A linked work tree keeps the case's files, and its index their objects: it must go first."""
    trees = places.linked_worktrees(root)
    if trees:
        raise RegieError(f"deze repository heeft een gekoppelde werkmap (git worktree) in {trees[0]}: daarin en in zijn index "
                         f"blijven de bestanden van de casus bewaard. Verwijder hem eerst met 'git worktree remove {trees[0]}' "
                         "(of 'git worktree prune' als de map al weg is)", code="purge")


def _record_file(root: Path, cid: str) -> None:
    """vernietigd.yaml readable and of its schema, without the case: else history is never touched."""
    entries, problems = load_erased(root)
    if problems:
        raise problems[0].as_error()
    if any(str(e.get("casus")) == cid for e in entries):
        if not (root / CASES_DIR / cid).exists():
            raise NothingToChange(f"casus {cid} is al vernietigd (zie {RECORD})")
        raise RegieError(f"casus {cid} staat al als vernietigd in {RECORD}, maar de map {CASES_DIR}/{cid} is er nog", code="purge")


def _case_in_work_tree(root: Path, cid: str) -> None:
    """A case folder removed by hand is still in history: say so, instead of 'onbekende casus'."""
    folder = f"{CASES_DIR}/{cid}"
    if (root / folder).exists() or not gitops.run(root, "log", "--all", "-1", "--format=%h", "--", folder).stdout.strip():
        return
    gone = gitops.run(root, "log", "--all", "-1", "--format=%h", "--diff-filter=D", "--", folder).stdout.strip()
    back = f"'git restore --source={gone}^ -- {folder}' en commit" if gone else f"'git restore --source=<commit> -- {folder}'"
    raise RegieError(f"casus {cid} staat niet in de werkmap, maar nog wel in de geschiedenis; zet de map terug met {back}, "
                     "dan kan 'regie purge' hem helemaal vernietigen", code="purge")


def plan(root: Path, cid: str, today: dt.date, *, voortijdig: bool = False, reden: str | None = None) -> Plan:
    """What ``purge`` would do, after every check that can be made before history is touched; nothing is changed."""
    _filter_repo()
    if gitops.git_dir(root) is None:
        raise RegieError(f"{root} is geen git-repository: er is geen geschiedenis om uit te vernietigen", code="purge")
    other = pending(root)
    if other is not None and other.casus != cid:
        raise RegieError(f"de vernietiging van casus {other.casus} is niet af; maak die eerst af met "
                         f"'regie purge {other.casus}'", code="purge")
    _record_file(root, cid)
    _case_in_work_tree(root, cid)
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
    _no_linked_worktree(root)
    folder = f"{CASES_DIR}/{cid}"
    paths = [p for p in gitops.run(root, "log", "--all", "--format=", "--name-only", "--", folder).stdout.split() if p]
    commits = len(gitops.run(root, "rev-list", "--all", "--", folder).stdout.split())
    return Plan(cid, sorted(set(paths)), commits, c.bewaarcategorie, c.bewaren_tot, voortijdig)


def purge(root: Path, cid: str, today: dt.date, *, voortijdig: bool = False, reden: str | None = None) -> tuple[Plan | None, Outcome]:
    """Erase the case from the work tree, every commit and every object, then commit the record of it.

    Every check is made before history is touched. A purge of this case that was killed or stopped is
    finished instead (the plan is then None). Anything left that holds the case is an error: the record
    is written only when nothing does.
    """

    with session(root, "purge"):
        e = pending(root)
        p = None
        if e is None or e.casus != cid:
            p = plan(root, cid, today, voortijdig=voortijdig, reden=reden)
            e = survey(root, cid)
            e.record = {"casus": cid, "datum": today.isoformat(), "categorie": p.categorie,
                        "bewaren_tot": p.bewaren_tot.isoformat() if p.bewaren_tot else None,
                        "grond": reden if voortijdig else None, "voortijdig": voortijdig}
        else:
            _filter_repo()
            _no_linked_worktree(root)
        done = erase(root, e)
        if done.remains:
            raise RegieError(f"casus {cid} is niet overal weg: {'; '.join(done.remains)}. Er is niets vastgelegd in "
                             f"{RECORD}; los dit op en draai 'regie purge {cid}' opnieuw om het af te maken", code="purge")
        return p, done


AFTER = """Nog te doen, want de gedeelde repository en de andere clones hebben de oude geschiedenis nog:
  1. deel de vernietiging: 'regie sync' (die vervangt de geschiedenis op {remote}/{branch}, alleen over wat hij ophaalde)
  2. elke andere regisseur draait 'regie sync': die haalt de casus ook uit zijn clone (gebruik daar geen 'git pull')
  3. vraag de beheerder van de server om oude verwijzingen te laten opruimen (beschermde branches, merge requests, back-ups)"""
