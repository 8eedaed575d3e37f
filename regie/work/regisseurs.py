"""The regisseurs of the network in ``regie.yaml``: one joins (``add``), one leaves in one step (``drop``).

Leaving is one commit: ``actief_tot`` in ``regie.yaml``, every open case handed over (each
``regie_historie`` records it) and the identities this user can read re-encrypted for the new
regisseur. Because the commit holds the hand-over with the date, validate (and so the pre-commit
hook) sees no open case held by someone who has left.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..dossier.lint import check_id, check_value
from ..dossier.loader import load_network
from ..dossier.network import Network
from ..dossier.problems import Problem
from ..errors import DossierInvalid, RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, new_map, put
from ..layout import CASES_DIR, CONFIG
from ..privacy.identity import IdentityError
from ..store.transaction import exclusive
from ..taal import aantal
from .handover import handover_writes, open_cases_of
from .identity import Pending, pending, rekey_writes
from .mutation import Change, apply

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
AGE_RE = re.compile(r"age1[02-9ac-hj-np-z]{58}")


def _network(root: Path) -> Network:
    net, problems = load_network(root)
    if net is None:
        raise next((p.as_error() for p in problems if p.path == CONFIG), DossierInvalid("bestand ontbreekt", path=CONFIG,
                                                                                        code="ontbreekt"))
    return net


def _config(root: Path, adds: str | None = None) -> tuple[Path, RoundTrip]:
    path = root / CONFIG
    return path, RoundTrip(path.read_text(encoding="utf-8"), CONFIG, adds=adds)


@exclusive("regisseur add")
def add(root: Path, rid: str, *, naam: str, today: dt.date, age: str | None = None, organisatie: str | None = None,
        commit: bool = True) -> Change:
    """Add a regisseur (with their public age key, if given) to ``regie.yaml``, in one commit."""

    check_value("de naam van de regisseur", naam, field="naam")
    check_id("de regisseur-id", rid)
    if not ID_RE.fullmatch(rid):
        raise UsageError(f"ongeldige regisseur-id '{rid}': kleine letters, cijfers en '-'")
    if not naam.strip():
        raise UsageError("de naam van de regisseur mag niet leeg zijn", field="naam")
    if age is not None and not AGE_RE.fullmatch(age):
        raise UsageError(f"'{age}' is geen publieke age-sleutel (age1…, 62 tekens; 'regie keygen' maakt er een)",
                         field="age")
    net = _network(root)
    if rid in net.regisseur_ids():
        raise RegieError(f"regisseur '{rid}' staat al in regie.yaml")
    if organisatie is not None:
        net.require_organisatie(organisatie, field="organisatie")
    path, doc = _config(root, adds="regisseur")
    entry = {"id": rid, "naam": naam, "organisatie": organisatie, "age": age}
    append_item(doc.data["regisseurs"], new_map({k: v for k, v in entry.items() if v is not None}))
    problems = apply(root, None, {path: doc.dump()}, "regie regisseur: regisseur toegevoegd", today, commit=commit)
    return Change(id=rid, problems=_about(problems, []))


def _about(problems: list[Problem], cids: list[str]) -> list[Problem]:
    """The problems left in what the command touched: regie.yaml and the cases it handed over (not the whole dossier)."""
    folders = tuple(f"{CASES_DIR}/{cid}/" for cid in cids)
    return [p for p in problems if p.path == CONFIG or (folders and p.path.startswith(folders))]


@dataclass
class Left(Change):
    """What ``drop`` did: the cases handed over, the identities re-encrypted, and what waits for someone else."""

    cases: list[str] = field(default_factory=list)
    rekeyed: list[str] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)


@exclusive("regisseur drop")
def drop(root: Path, rid: str, *, per: dt.date, naar: str, today: dt.date, reden: str | None = None,
         commit: bool = True) -> Left:
    """``rid`` leaves the network on ``per``: ``actief_tot``, every open case to ``naar``, the identities re-encrypted
    where this user can read them, all in one commit."""

    if reden is not None:
        check_value("de reden", reden, field="reden")
        if not reden.strip():
            raise UsageError("de reden mag niet leeg zijn", field="reden")
    net = _network(root)
    regisseurs = {r.id: r for r in net.regisseurs}
    net.require_regisseur(rid)
    net.require_regisseur(naar, field="naar")
    if naar == rid:
        raise UsageError("wie de casussen krijgt is dezelfde regisseur als wie vertrekt", field="naar")
    until = regisseurs[naar].actief_tot
    if until is not None and until < max(today, per):
        raise RegieError(f"{naar} is niet actief na {until.isoformat()}; kies een andere regisseur")
    if rid in net.beheerders:
        raise RegieError(f"{rid} is beheerder: zet eerst een andere beheerder in regie.yaml (beheerders) en haal {rid} "
                         "daaruit, dan blijft elke identiteit leesbaar voor het netwerk")

    path, doc = _config(root)
    entry = next(r for r in doc.data["regisseurs"] if r.get("id") == rid)
    put(entry, "actief_tot", per)
    writes: dict[Path, str | bytes | None] = {path: doc.dump()}
    out = Left(cases=open_cases_of(root, today, rid))
    writes.update(handover_writes(root, out.cases, naar=naar, reden=reden or f"regisseur vertrekt per {per.isoformat()}",
                                  today=today))
    if out.cases:
        holders: dict[str, str | None] = {cid: naar for cid in out.cases}
        try:
            keyed = rekey_writes(root, net, holders)
        except IdentityError:  # no key of one's own: the hand-over goes on, every identity waits
            out.pending = pending(root, holders, net)
        else:
            writes.update(keyed.writes)
            out.rekeyed, out.pending = keyed.done, keyed.left
    message = f"regie regisseur: regisseur vertrekt per {per.isoformat()}"
    if out.cases:
        message += f", {aantal(len(out.cases), 'casus')} overgedragen"
    out.problems = _about(apply(root, None, writes, message, today, commit=commit), out.cases)
    return out
