"""The partner organisations of the network in ``regie.yaml``: one joins (``add``), by command instead of by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dossier.lint import check_id, check_value
from ..errors import RegieError, UsageError
from ..formats.yamledit import append_item, new_list, new_map, put
from ..store.transaction import exclusive
from .mutation import Change, apply
from .regisseurs import ID_RE, _about, _config, _network


@exclusive("organisatie add")
def add(root: Path, oid: str, *, naam: str, today: dt.date, soort: str | None = None, commit: bool = True) -> Change:
    """Add a partner organisation to ``regie.yaml`` (comments and layout kept), in one commit."""

    check_value("de naam van de organisatie", naam, field="naam")
    check_value("de soort organisatie", soort, field="soort")
    check_id("de organisatie-id", oid)
    if not ID_RE.fullmatch(oid):
        raise UsageError(f"ongeldige organisatie-id '{oid}': kleine letters, cijfers en '-'")
    if not naam.strip():
        raise UsageError("de naam van de organisatie mag niet leeg zijn", field="naam")
    if soort is not None and not soort.strip():
        raise UsageError("de soort mag niet leeg zijn", field="soort")
    net = _network(root)
    if oid in net.organisatie_ids():
        raise RegieError(f"organisatie '{oid}' staat al in regie.yaml")
    path, doc = _config(root, adds="organisatie")
    if doc.data.get("organisaties") is None:
        put(doc.data, "organisaties", new_list())
    entry = {"id": oid, "naam": naam, "soort": soort}
    append_item(doc.data["organisaties"], new_map({k: v for k, v in entry.items() if v is not None}))
    problems = apply(root, None, {path: doc.dump()}, "regie organisatie: organisatie toegevoegd", today, commit=commit)
    return Change(id=oid, problems=_about(problems, []))
