"""'Bekend?': looking up a person, a child or an address in the blind index, keeping it, rotating its key.

The index itself (normalising, hashing, truncating) is :mod:`regie.privacy.zoekindex`. Here:

- the tokens written with every identity that is saved (:func:`index_writes`), and the open
  cases that identity matches (:func:`matches`; the command warns about them);
- the lookup of ``regie zoek`` (:func:`search`): candidates, confirmed where this user can
  decrypt the candidate's identity, false ones dropped and counted;
- the key's rotation by a beheerder (:func:`rotate`): a new key for the active regisseurs,
  every identity this user can read re-tokened, in one commit; the rest is named.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..dossier.network import Network
from ..dossier.repo import case_dir, case_ids
from ..dossier.vocab import OPEN_STATUSES
from ..errors import RegieError
from ..formats.yamlio import parse_yaml
from ..layout import CASE_FILE, CASES_DIR
from ..privacy import identity as ident
from ..privacy import zoekindex as zi
from ..store.transaction import exclusive
from ..taal import aantal
from .cases import network
from .mutation import apply

log = logging.getLogger("regie")

Writes = dict[Path, str | bytes | None]


# ------------------------------------------------------------------ tokens with every identity


def index_writes(root: Path, net: Network, cid: str, text: str, today: dt.date) -> Writes:
    """The tokens file of ``cid`` for the identity ``text`` (and the network key, when the network has none yet).

    Never stops the identity from being saved: what cannot be indexed is a warning (naming
    the field, never a value), and the case keeps the tokens it had.
    """
    try:
        key = zi.read_key(root)
    except zi.ZoekError as exc:
        log.warning(f"geen zoektokens bijgewerkt: {exc.message}")
        return {}
    writes: Writes = {}
    if key is None:  # the first identity of the network: its key is made now, for every active regisseur
        key = zi.NetworkKey.new(1)
        writes[zi.key_path(root)] = zi.key_bytes(key, zi.key_holders(net, today))
    found, warnings = zi.of_identity(_data(text, cid))
    for warning in warnings:
        log.warning(f"casus {cid}: {warning}")
    writes[zi.tokens_path(root, cid)] = zi.tokens_text(key, key.tokens(found))
    return writes


def _data(text: str, cid: str) -> object:
    try:
        return parse_yaml(text, f"{CASES_DIR}/{cid}/{ident.FILE}")
    except RegieError:
        return None  # the identity's own check names it


def matches(root: Path, cid: str, text: str) -> list[Kandidaat]:
    """The open cases (other than ``cid``) that the identity ``text`` matches: confirmed, or candidates to ask about."""
    try:
        key = zi.read_key(root)
    except zi.ZoekError:
        return []  # index_writes has said so
    if key is None:
        return []
    found, _ = zi.of_identity(_data(text, cid))
    return [k for k in _lookup(root, key, found, skip=cid).kandidaten if k.open]


# ------------------------------------------------------------------ the lookup


@dataclass
class Kandidaat:
    """A case whose token matches what was looked for."""

    casus: str
    status: str
    open: bool
    regisseur: str | None
    huishouden: str | None
    op: list[str]  # the kinds of identifier that matched (bsn, geboorte, adres)
    bevestigd: bool | None  # True: decrypted and the same; None: this user cannot decrypt it (ask its regisseur)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Gevonden:
    kandidaten: list[Kandidaat] = field(default_factory=list)
    verworpen: int = 0  # candidates decrypted and found to be someone else (a token shared by chance)
    oude_sleutel: list[str] = field(default_factory=list)  # cases whose tokens are of another key: not searched
    doorzocht: int = 0

    def to_dict(self) -> dict:
        return {"kandidaten": [k.to_dict() for k in self.kandidaten], "verworpen": self.verworpen,
                "oude_sleutel": self.oude_sleutel, "doorzocht": self.doorzocht}


def search(root: Path, found: zi.Identifiers) -> Gevonden:
    """The cases whose tokens match ``found`` (from :func:`zoekindex.query`), confirmed where this user can."""
    key = zi.read_key(root)
    if key is None:
        raise zi.ZoekError("het netwerk heeft nog geen zoeksleutel: die ontstaat bij de eerste 'regie identity edit', "
                           "of een beheerder maakt hem met 'regie zoek --sleutel-vernieuwen'", code="zoeksleutel")
    return _lookup(root, key, found, skip=None)


def _lookup(root: Path, key: zi.NetworkKey, found: zi.Identifiers, skip: str | None) -> Gevonden:
    out = Gevonden()
    index = []
    for cid in case_ids(root):
        entry = zi.read_tokens(root, cid) if cid != skip else None
        if entry is None:
            continue
        if entry.versie != key.versie:
            out.oude_sleutel.append(cid)
        else:
            index.append(entry)
    out.doorzocht = len(index)
    for cid, kinds in sorted(zi.candidates(index, key.tokens(found)).items()):
        same = _confirm(root, cid, found, kinds)
        if same is False:
            out.verworpen += 1
            continue
        status, regisseur, huishouden = _casus_facts(root, cid)
        out.kandidaten.append(Kandidaat(cid, status, status in OPEN_STATUSES, regisseur, huishouden, kinds, same))
    return out


def _confirm(root: Path, cid: str, found: zi.Identifiers, kinds: list[str]) -> bool | None:
    """Whether the candidate's identity holds what was looked for; None when this user cannot decrypt it."""
    path = ident.path_of(root, cid)
    if not path.is_file():
        return None
    try:
        text = ident.decrypt(path.read_bytes(), f"{CASES_DIR}/{cid}/{ident.FILE}")
    except ident.IdentityError:
        return None
    theirs, _ = zi.of_identity(_data(text, cid))
    return any(set(found.get(k, ())) & set(theirs.get(k, ())) for k in kinds)


def _casus_facts(root: Path, cid: str) -> tuple[str, str | None, str | None]:
    """Status, regisseur and household of a case, as its casus.yaml says (``onbekend`` when it cannot be read)."""
    try:
        data = parse_yaml((case_dir(root, cid) / CASE_FILE).read_text(encoding="utf-8"), f"{CASES_DIR}/{cid}/{CASE_FILE}")
        household = data.get("huishouden")
        return (str(data.get("status", "onbekend")), data.get("regisseur"),
                household.get("id") if isinstance(household, dict) else None)
    except (OSError, UnicodeDecodeError, RegieError, AttributeError):
        return "onbekend", None, None


# ------------------------------------------------------------------ rotating the key


@dataclass
class Vernieuwd:
    versie: int
    houders: list[str]  # the regisseurs the new key is encrypted for
    gedaan: list[str] = field(default_factory=list)
    over: list[tuple[str, str]] = field(default_factory=list)  # (case, why its tokens could not be renewed)


@exclusive("zoek --sleutel-vernieuwen")
def rotate(root: Path, *, today: dt.date, commit: bool = True) -> Vernieuwd:
    """A new network key for the active regisseurs, and every identity this user can read re-tokened; one commit."""
    net = network(root)
    me = ident.my_public_keys()
    if not any(r.id in net.beheerders and r.age in me for r in net.regisseurs):
        raise zi.ZoekError("alleen een beheerder (beheerders in regie.yaml) vernieuwt de zoeksleutel: die moet de "
                           "identiteiten kunnen lezen", code="beheerder")
    try:
        old = zi.read_key(root)
        versie = old.versie if old else 0
    except zi.ZoekError:  # not for this beheerder's key: the versions in the cases tell where it stood
        versie = max((t.versie for c in case_ids(root) if (t := zi.read_tokens(root, c))), default=0)
    key = zi.NetworkKey.new(versie + 1)
    holders = zi.key_holders(net, today)
    out = Vernieuwd(key.versie, [h.regisseur for h in holders])
    writes: Writes = {zi.key_path(root): zi.key_bytes(key, holders)}
    for cid in case_ids(root):
        path = ident.path_of(root, cid)
        if not path.is_file():
            continue
        try:
            text = ident.decrypt(path.read_bytes(), f"{CASES_DIR}/{cid}/{ident.FILE}")
        except ident.IdentityError as exc:
            out.over.append((cid, exc.message))
            continue
        found, _ = zi.of_identity(_data(text, cid))
        writes[zi.tokens_path(root, cid)] = zi.tokens_text(key, key.tokens(found))
        out.gedaan.append(cid)
    apply(root, None, writes, f"regie zoek: zoeksleutel vernieuwd (versie {key.versie}), zoektokens van "
          f"{aantal(len(out.gedaan), 'casus')} bijgewerkt", today, commit=commit, scope=out.gedaan or None)
    return out
