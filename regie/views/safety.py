"""The meldcode and verwijsindex records in words, for the documents people read (plan, inzage, memo)."""

from __future__ import annotations

from ..clock import nl_date
from ..dossier.casus import Verwijsindex
from ..dossier.meldcode import CONCLUSIES, GERAADPLEEGD, OVERSLAAN, Meldcode
from ..dossier.network import Network


def names(net: Network) -> dict[str, str]:
    """Who a meldcode step or verwijsindex entry names: regisseurs and organisations by their names."""
    return {**net.organisatie_namen(), **{r.id: f"{r.naam} (regisseur)" for r in net.regisseurs}}


def meldcode_lines(record: Meldcode | None, namen: dict[str, str]) -> list[str]:
    """One sentence per step, in the order taken, then whether the family was told."""
    if record is None:
        return []
    out = []
    for s in sorted(record.stappen, key=lambda s: (s.datum, s.index)):
        line = f"Stap {s.stap}, {nl_date(s.datum)} ({namen.get(s.wie, s.wie)}): {s.naam}"
        if s.overgeslagen:
            line += f" is niet gevoerd: {OVERSLAAN.get(s.overgeslagen, s.overgeslagen)}"
        if "veilig-thuis" in s.rollen():
            line += "; Veilig Thuis is geraadpleegd"
        if others := [r for r in s.geraadpleegd if r != "veilig-thuis"]:
            line += "; geraadpleegd: " + ", ".join(GERAADPLEEGD.get(r, r) for r in others)
        if s.stap == 4 and (outcome := s.conclusie()):
            line += f". Uitkomst van de afweging: {CONCLUSIES[outcome]}"
        if s.besluit:
            line += ". Besluit: " + " en ".join("melden bij Veilig Thuis" if b == "melden" else "hulp bieden of organiseren"
                                                for b in s.besluit)
        if s.gemeld:
            line += f"; gemeld op {nl_date(s.gemeld)}"
        if s.vraag5_voor and "hulp" in s.besluit:
            line += f"; vraag 5 (duurzame veiligheid) beantwoorden uiterlijk {nl_date(s.vraag5_voor)}"
        out.append(line + ".")
    if record.gezin_geinformeerd:
        out.append(f"Het gezin is geïnformeerd op {nl_date(record.gezin_geinformeerd)}.")
    elif record.gezin_niet_geinformeerd:
        out.append(f"Het gezin is niet geïnformeerd: {record.gezin_niet_geinformeerd}")
    else:
        out.append("Nog niet vastgelegd of het gezin is geïnformeerd.")
    if record.vraag5_open_bij_sluiting:
        out.append(f"Gesloten terwijl vraag 5 (duurzame veiligheid) nog open was: {record.vraag5_open_bij_sluiting}")
    return out


def member_signal_lines(lid, namen: dict[str, str]) -> list[str]:
    """A household member's own signal in the verwijsindex (it works per child), for that member's inzage."""
    s = lid.verwijsindex if lid is not None else None
    if s is None:
        return []
    return [f"Signaal over u afgegeven op {nl_date(s.datum)} door {namen.get(s.organisatie, s.organisatie)}."
            + (f" Afgemeld op {nl_date(s.afgemeld)}." if s.afgemeld else "")]


def verwijsindex_lines(vi: Verwijsindex | None, namen: dict[str, str]) -> list[str]:
    if vi is None:
        return []
    out = []
    if vi.signaal_datum:
        out.append(f"Signaal afgegeven op {nl_date(vi.signaal_datum)} door {namen.get(vi.signaal_organisatie or '', vi.signaal_organisatie)}.")
    if vi.match_datum:
        out.append(f"Match op {nl_date(vi.match_datum)} met " + ", ".join(namen.get(o, o) for o in vi.match_organisaties) + ".")
    if vi.regievoerder:
        out.append(f"Afgesproken regievoerder: {namen.get(vi.regievoerder, vi.regievoerder)}.")
    return out
