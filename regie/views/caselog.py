"""The account of everything done in a case (werkproces 5b): the dossier's own dates merged with git history."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import AbstractSet

from ..dossier.loader import load_case
from ..dossier.meldcode import CONCLUSIES
from ..dossier.model import Case, CaseWithCasus, party_name
from ..dossier.network import Network
from ..dossier.repo import case_dir, case_ids
from ..dossier.state import regisseur_on
from ..errors import GitError
from ..render.templates import EVALUATIE_SOORTEN
from ..store import gitops
from ..taal import aantal


@dataclass(frozen=True)
class Entry:
    datum: dt.date
    bron: str  # "dossier" or "git"
    soort: str
    tekst: str
    wie: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["datum"] = self.datum.isoformat()
        return d


def dossier_entries(net: Network, case: CaseWithCasus) -> list[Entry]:
    """Everything the dossier itself says happened, each on its date (the git history is apart)."""
    labels = case.who_labels(net)
    orgs = net.organisatie_namen()
    return [*_melding_entries(case, orgs), *_casus_entries(case, labels, orgs), *_safety_entries(case, orgs),
            *_closing_entries(case), *_record_entries(case, labels, orgs)]


def _melding_entries(case: CaseWithCasus, orgs: dict[str, str]) -> list[Entry]:
    E = Entry
    out: list[Entry] = []
    m = case.melding
    if m:
        melder = m.melder_rol + (f", {orgs.get(m.melder_organisatie, m.melder_organisatie)}" if m.melder_organisatie else "")
        out.append(E(m.datum, "dossier", "melding", f"melding ontvangen: {m.aard} (urgentie {m.urgentie}; melder: {melder})"))
    return out


def _casus_entries(case: CaseWithCasus, labels: dict[str, str], orgs: dict[str, str]) -> list[Entry]:
    E = Entry
    out: list[Entry] = []
    c = case.casus
    first = regisseur_on(case, c.geopend)  # the regisseur then, not the one holding the case now
    out.append(E(c.geopend, "dossier", "casus", f"casus geopend, regisseur {labels.get(first, first)}"))
    for t in c.toestemming.historie or ((c.toestemming,) if c.toestemming.datum else ()):
        if t.datum:
            out.append(E(t.datum, "dossier", "toestemming", f"toestemming: {t.status}"
                         + (f" (voor {', '.join(orgs.get(o, o) for o in t.partners)})" if t.partners else "")))
    for h in c.historie:
        who = (labels.get(h.regisseur, h.regisseur) if h.regisseur else
               orgs.get(h.organisatie, h.organisatie) if h.organisatie else labels.get(h.casushouder or "", h.casushouder))
        kind = "terug" if h.terug else "casushouder" if h.casushouder else "overdracht"
        out.append(E(h.datum, "dossier", kind, f"regie {'terug bij' if h.terug else 'bij'} {who}: {h.reden}"
                     if kind != "casushouder" else f"casushouder {who}: {h.reden}"))
    if c.intake:
        i = c.intake
        out.append(E(i.datum, "dossier", "intake", f"melding {i.besluit.replace('-', ' ')}"
                     + (f", verwezen naar {orgs.get(i.verwezen_naar, i.verwezen_naar)}" if i.verwezen_naar else "")
                     + (f": {i.reden}" if i.reden else "")))
    return out


def _closing_entries(case: CaseWithCasus) -> list[Entry]:
    E = Entry
    out: list[Entry] = []
    c = case.casus
    if c.nazorg_tot:
        out.append(E(c.nazorg_tot, "dossier", "nazorg", "einde nazorgperiode"))
    if c.gesloten:
        out.append(E(c.gesloten, "dossier", "gesloten", f"casus gesloten: {(c.sluitreden or '-').replace('-', ' ')}"))
    return out


def _safety_entries(case: CaseWithCasus, orgs: dict[str, str]) -> list[Entry]:
    E = Entry
    out: list[Entry] = []
    c = case.casus
    if c.meldcode:
        for st in c.meldcode.stappen:
            out.append(E(st.datum, "dossier", "meldcode", f"meldcode stap {st.stap}: {st.naam}"
                         + (f" ({CONCLUSIES[k]})" if st.stap == 4 and (k := st.conclusie()) else "")))
            if st.gemeld:
                out.append(E(st.gemeld, "dossier", "meldcode", "gemeld bij Veilig Thuis"))
        if c.meldcode.gezin_geinformeerd:
            out.append(E(c.meldcode.gezin_geinformeerd, "dossier", "meldcode", "gezin geïnformeerd over de meldcode"))
    if c.verwijsindex:
        vi = c.verwijsindex
        if vi.signaal_datum:
            out.append(E(vi.signaal_datum, "dossier", "verwijsindex",
                         f"signaal in de verwijsindex door {orgs.get(vi.signaal_organisatie or '', vi.signaal_organisatie)}"))
        if vi.match_datum:
            out.append(E(vi.match_datum, "dossier", "verwijsindex",
                         "match in de verwijsindex met " + ", ".join(orgs.get(o, o) for o in vi.match_organisaties)))
    return out


def _record_entries(case: CaseWithCasus, labels: dict[str, str], orgs: dict[str, str]) -> list[Entry]:
    E = Entry
    out: list[Entry] = []
    if case.plan and case.plan.vastgesteld:
        out.append(E(case.plan.vastgesteld, "dossier", "plan", f"plan van aanpak vastgesteld (versie {case.plan.versie})"))
    for a in case.afspraken:
        # the deadline as it was agreed that day; each move follows on its own date
        out.append(E(a.gemaakt, "dossier", "afspraak",
                     f"afspraak {a.id} gemaakt: {a.wat} ({labels.get(a.wie, a.wie)}), deadline {a.eerste_deadline.isoformat()}"))
        for v in a.verplaatst:
            out.append(E(v.datum, "dossier", "afspraak", f"afspraak {a.id} verschoven van {v.van.isoformat()} naar {v.naar.isoformat()}: {v.reden}"))
        if a.gedaan_op:
            out.append(E(a.gedaan_op, "dossier", "afspraak", f"afspraak {a.id} gedaan"))
        if a.vervallen_op:
            out.append(E(a.vervallen_op, "dossier", "afspraak", f"afspraak {a.id} vervallen: {a.reden or '-'}"))
    for e in case.escalaties:
        what = "afgeschaald" if e.afgeschaald_van else "opgeschaald"
        out.append(E(e.datum, "dossier", "escalatie", f"{what} ({e.id}) naar niveau {e.niveau} over {party_name(e.over, orgs)}: {e.reden}"))
        if e.afgesloten:
            out.append(E(e.afgesloten, "dossier", "escalatie", f"escalatie {e.id} afgesloten: {e.uitkomst or '-'}"
                         + (f" (afspraken om te volgen: {', '.join(e.afschaling.afspraken)})" if e.afschaling and e.afschaling.afspraken else "")))
    for ev in case.evaluaties:
        out.append(E(ev.datum, "dossier", "evaluatie", EVALUATIE_SOORTEN.get(ev.soort, f"{ev.soort}-evaluatie")
                     + (f", besluit: {ev.besluit.replace('-', ' ')}" if ev.besluit else "")))
    for j in case.journaal:
        out.append(E(j.datum, "dossier", j.soort, f"{j.soort} (journaal/{j.file.rsplit('/', 1)[1]})"))
    for b in case.bijeenkomsten:
        out.append(E(b.datum, "dossier", b.soort, f"{b.soort} {b.id} " + (
            f"gehouden, {aantal(len(b.aanwezig), 'aanwezige')}" if b.gehouden else f"gepland, {aantal(len(b.genodigden), 'genodigde')}")))
    for k in case.consulten:
        out.append(E(k.datum, "dossier", "consultatie", f"consultatie {k.id}: {k.rol}, {party_name(k.organisatie, orgs)}"))
        if k.vervolg_gedaan:
            out.append(E(k.vervolg_gedaan, "dossier", "consultatie", f"vervolg van consultatie {k.id} gedaan"))
    return out


def git_entries(root: Path, case: Case, *, redact: AbstractSet[str] = frozenset()) -> list[Entry]:
    """One entry per commit that touched the case folder; other case ids in a message are hidden."""

    pattern = re.compile("|".join(sorted((re.escape(r) for r in redact), key=len, reverse=True))) if redact else None
    out = []
    for _sha, date, author, subject, files in gitops.history(root, case_dir(root, case.id)):
        text = pattern.sub("[andere casus]", subject) if pattern else subject
        out.append(Entry(dt.date.fromisoformat(date), "git", "wijziging", f"{text} ({', '.join(files)})", author))
    return out


def case_log(root: Path, cid: str, *, other_cases_hidden: bool = False) -> tuple[list[Entry], list[str]]:
    """All entries of the case, oldest first, and warnings (e.g. no git history available)."""

    net, case, _ = load_case(root, cid)
    entries = dossier_entries(net, case)
    warnings = []
    try:
        gitops.open_repo(root)
        redact = {x for x in case_ids(root) if x != cid} if other_cases_hidden else set()
        entries += git_entries(root, case, redact=redact)
    except GitError as exc:
        why = "het programma git is niet gevonden" if exc.message == gitops.NO_GIT else "geen git-repository"
        warnings.append(f"{why}: alleen de data uit het dossier zelf")
    order = {"dossier": 0, "git": 1}
    return sorted(entries, key=lambda e: (e.datum, order[e.bron])), warnings
