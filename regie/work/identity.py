"""Changing a case's encrypted identity: edit it in a private file, re-encrypt it to who may read it."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Callable

from ..dossier.loader import load_case
from ..dossier.problems import Problem
from ..errors import NothingToChange
from ..privacy import identity as ident
from ..store.transaction import exclusive
from ..taal import aantal
from .mutation import apply, let_user_edit

log = logging.getLogger("regie")


@exclusive("identity edit")
def edit(root: Path, cid: str, *, today: dt.date, editor: Callable[[Path], None], commit: bool = True) -> list[Problem]:
    """Decrypt (or start from the template), let the user edit, check, encrypt to the current recipients, commit."""

    net, case, _ = load_case(root, cid)
    to = ident.recipients(net, case)  # before the editor opens: no typing for nothing
    path = ident.path_of(root, cid)
    rel = f"{case.folder}/{ident.FILE}"
    current = ident.decrypt(path.read_bytes(), rel) if path.is_file() else ident.TEMPLATE
    text = let_user_edit(root, "identiteit.yaml", current, editor)
    if path.is_file() and text == current:
        raise NothingToChange("niets te wijzigen: de identiteit is niet veranderd")
    ident.check_text(text, f"{case.folder}/identiteit.yaml")
    return apply(root, cid, {path: ident.encrypt(text, to)}, f"regie identity: identiteit van casus {cid} bijgewerkt",
                 today, commit=commit)


@exclusive("identity rekey")
def rekey(root: Path, cids: list[str], *, today: dt.date, commit: bool = True) -> list[str]:
    """Encrypt the identities of ``cids`` again, to the recipients regie.yaml names now; returns the cases done."""

    writes: dict[Path, bytes] = {}
    done = []
    for cid in cids:
        net, case, _ = load_case(root, cid)
        path = ident.path_of(root, cid)
        if not path.is_file():
            continue
        text = ident.decrypt(path.read_bytes(), f"{case.folder}/{ident.FILE}")
        writes[path] = ident.encrypt(text, ident.recipients(net, case))
        done.append(cid)
    if writes:
        scope = done[0] if len(done) == 1 else None
        apply(root, scope, writes, f"regie identity: identiteit van {aantal(len(done), 'casus')} opnieuw versleuteld", today,
              commit=commit)
    return done


def rekey_after_handover(root: Path, cid: str, today: dt.date, commit: bool) -> None:
    """After a hand-over the new regisseur must be able to read the identity: re-encrypt, or say why not."""
    if not ident.path_of(root, cid).is_file():
        return
    try:
        rekey(root, [cid], today=today, commit=commit)
    except ident.IdentityError as exc:
        log.warning(f"identiteit van casus {cid} niet opnieuw versleuteld ({exc.message}); "
                    f"laat iemand met toegang 'regie identity rekey {cid}' draaien")


def rekey_after_handovers(root: Path, cids: list[str], today: dt.date, commit: bool) -> None:
    """After a hand-over of many cases: one commit re-encrypting every identity, or case by case when one fails."""
    with_identity = [cid for cid in cids if ident.path_of(root, cid).is_file()]
    if not with_identity:
        return
    try:
        rekey(root, with_identity, today=today, commit=commit)
    except ident.IdentityError:
        for cid in with_identity:
            rekey_after_handover(root, cid, today, commit)
