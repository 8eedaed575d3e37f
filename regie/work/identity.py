"""Changing a case's encrypted identity: edit it in a private file, re-encrypt it to who may read it."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..dossier.loader import load_case, load_dossier
from ..dossier.network import Network
from ..dossier.problems import ERROR, Problem
from ..dossier.repo import case_ids
from ..errors import DossierInvalid, NothingToChange
from ..layout import CONFIG
from ..privacy import identity as ident
from ..store.private import private_folder
from ..store.transaction import exclusive, state_dir
from ..taal import aantal
from . import zoek
from .mutation import apply, write_private

log = logging.getLogger("regie")


@exclusive("identity edit")
def edit(root: Path, cid: str, *, today: dt.date, editor: Callable[[Path], None], commit: bool = True,
         known: Callable[[list[zoek.Kandidaat]], None] | None = None) -> list[Problem]:
    """Decrypt (or start from the template), let the user edit, check, encrypt to the current recipients, commit;
    then tell ``known`` which open cases the identity matches ("Bekend?", :mod:`regie.work.zoek`)."""

    net, case, _ = load_case(root, cid)
    to = ident.recipients(net, case)  # before the editor opens: no typing for nothing
    path = ident.path_of(root, cid)
    rel = f"{case.folder}/{ident.FILE}"
    current = ident.decrypt(path.read_bytes(), rel) if path.is_file() else ident.TEMPLATE
    text = edit_until_valid(root, current, editor, f"{case.folder}/{ident.PLAIN_FILE}")
    if path.is_file() and text == current:
        raise NothingToChange("niets te wijzigen: de identiteit is niet veranderd")
    writes = {**encrypted(root, cid, text, to), **zoek.index_writes(root, net, cid, text, today)}
    problems = apply(root, cid, writes, f"regie identity: identiteit van casus {cid} bijgewerkt", today, commit=commit)
    if known is not None:
        known(zoek.matches(root, cid, text))
    return problems


NOTE = "# regie: "  # the lines regie puts at the top of a reopened identity (removed again before the check)


def edit_until_valid(root: Path, text: str, editor: Callable[[Path], None], rel: str) -> str:
    """Let the user edit ``text`` until it passes the identity's check; returns what was typed.

    The plain text exists only in a private folder (:mod:`regie.store.private`), removed with
    the editor's backups however this ends. After a failed check the editor opens again on
    what was typed, with the problems as comments at the top; they name lines and fields,
    never a value. Saved without a change after that, the edit stops and nothing is saved.
    """
    with private_folder(state_dir(root)) as folder:
        file = folder / ident.PLAIN_FILE
        before = shown = text
        while True:
            write_private(file, shown)
            editor(file)
            try:
                typed = _without_notes(file.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                raise ident.IdentityError("wat de editor opsloeg is geen UTF-8-tekst; niets opgeslagen", path=rel,
                                          code="schema") from None
            found = ident.problems(typed, rel)
            if not found:
                return typed
            if typed == before:  # nothing changed since it was opened: stop rather than ask again
                line, message = found[0]
                raise ident.IdentityError(f"{message}; niets opgeslagen", path=rel, line=line, code="schema")
            before = typed
            shown = _notes(found) + typed


def _notes(found: list[tuple[int | None, str]]) -> str:
    """The problems as comment lines for the top of the reopened file (line numbers as the user will see them)."""
    head = [f"{NOTE}niet opgeslagen: verbeter wat hieronder staat en sla op (ongewijzigd opslaan stopt zonder op te slaan)"]
    shift = len(head) + len(found)
    head += [f"{NOTE}regel {line + shift}: {message}" if line else f"{NOTE}{message}" for line, message in found]
    return "".join(f"{n}\n" for n in head)


def _without_notes(text: str) -> str:
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].startswith(NOTE):
        n += 1
    return "".join(lines[n:])


def encrypted(root: Path, cid: str, text: str, to: list[ident.Recipient]) -> dict[Path, str | bytes | None]:
    """The writes of an identity encrypted to ``to``: the age file, and beside it the record of for whom."""
    return {ident.path_of(root, cid): ident.encrypt(text, to), ident.keys_path_of(root, cid): ident.keys_text(to)}


@exclusive("identity rekey")
def rekey(root: Path, cids: list[str], *, today: dt.date, commit: bool = True) -> list[str]:
    """Encrypt the identities of ``cids`` again, to the recipients regie.yaml names now; returns the cases done."""

    writes: dict[Path, str | bytes | None] = {}
    done = []
    for cid in cids:
        net, case, _ = load_case(root, cid)
        path = ident.path_of(root, cid)
        if not path.is_file():
            continue
        text = ident.decrypt(path.read_bytes(), f"{case.folder}/{ident.FILE}")
        writes.update(encrypted(root, cid, text, ident.recipients(net, case)))
        done.append(cid)
    if writes:
        scope = done[0] if len(done) == 1 else None
        apply(root, scope, writes, f"regie identity: identiteit van {aantal(len(done), 'casus')} opnieuw versleuteld", today,
              commit=commit)
    return done


def rekey_after_handover(root: Path, cid: str, today: dt.date, commit: bool) -> None:
    """After a hand-over the new regisseur must be able to read the identity: re-encrypt, or say why not."""
    rekey_after_handovers(root, [cid], today, commit)


def rekey_after_handovers(root: Path, cids: list[str], today: dt.date, commit: bool) -> list[Pending]:
    """After a hand-over: re-encrypt (one commit) every identity of ``cids`` this user can read; warn about the rest.

    What could not be done stays visible: ``sleutels.yaml`` still names the old recipients, so
    ``regie identity wachtend`` lists it until someone who can read it runs ``regie identity rekey``.
    """
    if not any(ident.path_of(root, cid).is_file() for cid in cids):
        return []
    try:
        done = rekey_what_you_can(root, today=today, commit=commit, cids=cids)
    except ident.IdentityError as exc:  # no key at all: nothing re-encrypted, all of it waits
        log.warning(f"identiteiten niet opnieuw versleuteld ({exc.message})")
        left = [p for p in pending(root) if p.cid in cids]
    else:
        left = done.left
    for p in left:
        log.warning(f"identiteit niet opnieuw versleuteld: {p.describe()}")
    return left


# ------------------------------------------------------------------ what is pending, and rekeying what you can


@dataclass
class Pending:
    """A case whose identity is not (only) encrypted to who should read it now."""

    cid: str
    voor: list[str] = field(default_factory=list)  # should read it, cannot yet
    weg: list[str] = field(default_factory=list)  # can still read it, should no longer
    kan: list[str] | None = None  # who can decrypt it now (recorded); None when nobody recorded it
    reden: str | None = None  # why it cannot be done at all now (a key missing in regie.yaml, a damaged file)

    def describe(self) -> str:
        """One Dutch line: ``casus 2026-004: wacht op r-smits (kan ontsleutelen) om te versleutelen voor r-jansen``."""
        if self.reden:
            return f"casus {self.cid}: {self.reden}"
        if self.kan is None:
            return (f"casus {self.cid}: niet vastgelegd voor wie de identiteit versleuteld is (van vóór sleutels.yaml); "
                    "wie haar kan lezen draait 'regie identity rekey'")
        who = " of ".join(self.kan) if self.kan else "niemand met een sleutel in regie.yaml"
        can = "kan ontsleutelen" if len(self.kan) == 1 else "kunnen ontsleutelen"
        aims = []
        if self.voor:
            aims.append(f"te versleutelen voor {', '.join(self.voor)}")
        if self.weg:
            aims.append(f"{', '.join(self.weg)} de toegang te ontnemen")
        return f"casus {self.cid}: wacht op {who} ({can}) om {' en '.join(aims)}"


def _state(net: Network, cid: str, holder: str | None, recorded: list[ident.Recipient] | None) -> Pending | None:
    """Compare for whom a case's identity is encrypted with who should read it; None when they agree."""
    keys = {r.id: r.age for r in net.regisseurs}
    wanted = ([holder] if holder else []) + [b for b in net.beheerders if b != holder]
    missing = [w for w in wanted if not keys.get(w)]
    if recorded is None:
        return Pending(cid)
    have = {(r.regisseur, r.key) for r in recorded}
    voor = [w for w in wanted if w not in missing and (w, keys[w]) not in have]
    weg = [r.regisseur if keys.get(r.regisseur) in (r.key, None) else f"{r.regisseur} (oude sleutel)"
           for r in recorded if r.regisseur not in wanted or keys.get(r.regisseur) != r.key]
    kan = [r.regisseur if keys.get(r.regisseur) == r.key else f"{r.regisseur} (oude sleutel)" for r in recorded]
    if missing:
        return Pending(cid, voor, weg, kan, reden=f"geen age-sleutel in regie.yaml voor {', '.join(missing)}; "
                                                  "voeg die toe en laat iemand die de identiteit kan lezen 'regie identity rekey' draaien")
    if not voor and not weg:
        return None
    return Pending(cid, voor, weg, kan)


def _holders(root: Path, cids: list[str] | None) -> tuple[Network, dict[str, str | None]]:
    """The network and, for every case with an identity (or the cases ``cids``), its regisseur."""
    wanted = [c for c in (cids if cids is not None else case_ids(root)) if ident.path_of(root, c).is_file()]
    dossier = load_dossier(root, only=wanted)
    net = dossier.network
    if net is None:  # regie.yaml unreadable: its own message, naming file and line
        raise next((p.as_error() for p in dossier.problems if p.path == CONFIG and p.severity == ERROR),
                   DossierInvalid("bestand ontbreekt", path=CONFIG, code="ontbreekt"))
    return net, {c.id: (c.casus.regisseur if c.casus else None) for c in dossier.cases}


def pending(root: Path, holders: dict[str, str | None] | None = None, net: Network | None = None) -> list[Pending]:
    """Per case with an identity: whose rekey is still pending, and who can do it (``regie identity wachtend``)."""
    if holders is None or net is None:
        net, holders = _holders(root, None)
    found = []
    for cid, holder in sorted(holders.items()):
        state = _state(net, cid, holder, ident.encrypted_for(root, cid))
        if state is not None:
            found.append(state)
    return found


@dataclass
class Rekeyed:
    """What ``rekey_what_you_can`` did: re-encrypted, already right, and what is left for someone else."""

    done: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    left: list[Pending] = field(default_factory=list)
    writes: dict[Path, str | bytes | None] = field(default_factory=dict)


def rekey_writes(root: Path, net: Network, holders: dict[str, str | None]) -> Rekeyed:
    """Re-encrypt, in memory, every identity of ``holders`` (case -> its regisseur) that is not encrypted to exactly who
    should read it, where this user's key opens it; nothing is written."""
    out = Rekeyed()
    todo = []
    for cid, holder in sorted(holders.items()):
        if not ident.path_of(root, cid).is_file():
            continue
        state = _state(net, cid, holder, ident.encrypted_for(root, cid))
        if state is None:
            out.current.append(cid)
        elif state.reden:
            out.left.append(state)
        else:
            todo.append((cid, holder, state))
    if not todo:
        return out
    ident.check_key()  # no key at all: one clear message, not one per case
    for cid, holder, state in todo:
        path = ident.path_of(root, cid)
        data = path.read_bytes()
        try:
            text = ident.decrypt(data, ident.rel(root, path))
        except ident.IdentityError as exc:
            if state.kan is None and "niet versleuteld voor jouw sleutel" in exc.message:
                state.reden = ("niet voor jouw sleutel versleuteld, en niet vastgelegd voor wie wel (van vóór sleutels.yaml); "
                               "wie de identiteit kan lezen draait 'regie identity rekey'")
            elif "niet versleuteld voor jouw sleutel" not in exc.message:
                state.reden = f"{ident.FILE} {exc.message}"
            out.left.append(state)
            continue
        out.writes.update(encrypted(root, cid, text, ident.recipients_for(net, holder)))
        out.done.append(cid)
    return out


@exclusive("identity rekey")
def rekey_what_you_can(root: Path, *, today: dt.date, commit: bool = True, cids: list[str] | None = None) -> Rekeyed:
    """Re-encrypt every identity (of ``cids``, or of all cases) this user can read and that is not encrypted to exactly
    who should read it now, in one commit; what this user cannot read is returned with who can."""

    net, holders = _holders(root, cids)
    out = rekey_writes(root, net, holders)
    if out.writes:
        scope = out.done[0] if len(out.done) == 1 else None
        apply(root, scope, out.writes, f"regie identity: identiteit van {aantal(len(out.done), 'casus')} opnieuw versleuteld",
              today, commit=commit, scope=None if scope else out.done)
    return out
