"""Tab completion of what a regisseur types most: case ids, afspraak and doel ids, betrokkenen, regisseurs,
organisations, leefgebieden and statuses — read from the repository, fast.

Completion runs on every tab press, so nothing here loads the dossier: case ids are the folder
names, ``regie.yaml`` is one small file, and the ids inside a case are found by a pattern over
the text of its one file (``afspraken.yaml``, ``plan.md``, ``netwerk.yaml``). Anything that
cannot be read completes to nothing, never to an error.
"""

from __future__ import annotations

from pathlib import Path

from ..dossier.network import DEFAULT_LEEFGEBIEDEN
from ..dossier.repo import case_ids as ids
from ..dossier.repo import find_root, record_ids
from ..dossier.vocab import STATUSES
from ..formats.yamlio import parse_yaml
from ..ids import CASE_ID_RE
from ..layout import CONFIG

CASE = "CASUS"  # the metavar of a parameter declared as a case id (regie.cli.params)



def _root(ctx) -> Path | None:
    try:
        repo = ctx.find_root().params.get("repo")
        return find_root(Path(repo) if repo else None)
    except Exception:  # noqa: BLE001 - no repository here: nothing to complete
        return None


def _network(ctx) -> dict:
    root = _root(ctx)
    try:
        return parse_yaml((root / CONFIG).read_text(encoding="utf-8"), CONFIG) if root else {}
    except Exception:  # noqa: BLE001
        return {}


def case_ids(ctx, incomplete: str) -> list[str]:
    root = _root(ctx)
    try:
        return [c for c in ids(root) if c.startswith(incomplete)] if root else []
    except Exception:  # noqa: BLE001
        return []


def _case(ctx) -> str | None:
    """The case id typed before the word being completed: the value of the command's case argument (declared
    with :func:`regie.cli.params.case_argument`; while completing, click may leave it unparsed in args)."""

    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if param.metavar == CASE and isinstance(value, str) and value:
            return value
    return next((a for a in ctx.args if CASE_ID_RE.fullmatch(a)), None)


def _ids_in(ctx, *soorten: str) -> list[str]:
    """The ids of records of these kinds in the case named on the command line."""

    root, cid = _root(ctx), _case(ctx)
    if not root or not cid:
        return []
    found: list[str] = []
    for soort in soorten:
        try:
            found += record_ids(root, cid, soort)
        except Exception:  # noqa: BLE001
            continue
    return found


def afspraak_ids(ctx, incomplete: str) -> list[str]:
    return [i for i in _ids_in(ctx, "afspraak") if i.startswith(incomplete)]


def doel_ids(ctx, incomplete: str) -> list[str]:
    return [i for i in _ids_in(ctx, "doel") if i.startswith(incomplete)]


def regisseurs(ctx, incomplete: str) -> list[str]:
    return [str(r.get("id")) for r in _network(ctx).get("regisseurs") or [] if str(r.get("id")).startswith(incomplete)]


def organisaties(ctx, incomplete: str) -> list[str]:
    return [str(o.get("id")) for o in _network(ctx).get("organisaties") or [] if str(o.get("id")).startswith(incomplete)]


def leefgebieden(ctx, incomplete: str) -> list[str]:
    known = _network(ctx).get("leefgebieden") or DEFAULT_LEEFGEBIEDEN
    return [str(lg) for lg in known if str(lg).startswith(incomplete)]


def statuses(ctx, incomplete: str) -> list[str]:
    return [s for s in STATUSES if s.startswith(incomplete)]


def betrokkenen(ctx, incomplete: str) -> list[str]:
    """Who can hold an agreement in this case: its betrokkenen, the regisseurs, the client; without a case the
    organisations (``overdue --wie``)."""
    people = _ids_in(ctx, "professional", "naaste") if _case(ctx) else organisaties(ctx, "")
    return [w for w in dict.fromkeys([*people, *regisseurs(ctx, ""), "client"]) if w.startswith(incomplete)]


def regisseur_of_organisatie(ctx, incomplete: str) -> list[str]:
    return regisseurs(ctx, incomplete) + organisaties(ctx, incomplete)
