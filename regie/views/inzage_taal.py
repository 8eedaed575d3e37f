"""The Dutch of the inzage: names where the files hold ids, relations and roles as they read in a sentence."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..clock import nl_date
from ..dossier import gegevens
from ..dossier.casus import Casus
from ..dossier.jeugd import derived_category
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network

STATUS = {
    "melding": "de melding wordt bekeken", "onderzoek": "het netwerk brengt uw situatie in kaart",
    "plan": "het plan van aanpak wordt gemaakt", "uitvoering": "het plan van aanpak wordt uitgevoerd",
    "nazorg": "nazorg", "gesloten": "gesloten", "overgedragen": "de regie is overgedragen",
}
TOESTEMMING = {
    "gegeven": "u heeft toestemming gegeven", "geweigerd": "u heeft geen toestemming gegeven",
    "ingetrokken": "u heeft uw toestemming ingetrokken", "niet-gevraagd": "u bent (nog) niet om toestemming gevraagd",
}
# The same, for a member of the household (the consent is not theirs alone).
TOESTEMMING_STAND = {"gegeven": "gegeven", "geweigerd": "geweigerd", "ingetrokken": "ingetrokken",
                     "niet-gevraagd": "(nog) niet gevraagd"}
SLUITREDEN = {
    "doelen-bereikt": "de doelen zijn bereikt", "stabiel-regulier": "uw situatie is stabiel; de gewone hulp gaat verder",
    "overgedragen": "de hulp is overgedragen", "verhuisd": "u bent verhuisd", "geen-medewerking": "er was geen medewerking",
    "overleden": "overleden", "niet-geaccepteerd": "de melding is niet in behandeling genomen",
    "afgebroken": "de hulp is afgebroken", "samengevoegd": "samengevoegd met het dossier van uw huishouden",
    "anders": "een andere reden",
}
CATEGORIE = {
    "jeugd": "een dossier over een jeugdige (Jeugdwet)",
    "volwassenen": "een dossier over maatschappelijke ondersteuning (Wmo 2015)",
    "kortdurend": "een melding die niet in behandeling is genomen of is afgebroken",
}
IDENTITEIT = {"naam": "Naam", "bsn": "Burgerservicenummer", "geboortedatum": "Geboortedatum", "adres": "Adres",
              "telefoon": "Telefoon", "email": "E-mail", "relatie": "Relatie"}
# Who a relation is of, when a label names it without 'van' ("vader kinderen"): the words as they follow 'van'.
_OF = {"kinderen": "de kinderen", "kind": "het kind", "moeder": "moeder", "vader": "vader", "client": "de cliënt",
       "cliënt": "de cliënt", "gezin": "het gezin", "ouders": "de ouders"}


def in_zin(naam: str) -> str:
    """A level of the ladder as it reads in a sentence: 'Leidinggevende van de betrokken organisatie' ->
    'de leidinggevende van de betrokken organisatie'; a name in capitals (GGD) stays as it is."""
    first = naam.split(" ", 1)[0]
    if first.isupper() or first.lower() in ("de", "het", "een"):
        return naam if first.isupper() else naam[0].lower() + naam[1:]
    return "de " + naam[0].lower() + naam[1:]


def relatie(label: str) -> str:
    """A relation as a label: 'tante van moeder' -> 'tante (van moeder)', 'biologische vader kinderen' ->
    'biologische vader (van de kinderen)'; a plain one ('buurman') stays."""
    label = " ".join(label.split())
    head, sep, tail = label.partition(" van ")
    if sep:
        return f"{head} (van {tail})"
    words = label.split(" ")
    if len(words) > 1 and words[-1].lower() in _OF:
        return f"{' '.join(words[:-1])} (van {_OF[words[-1].lower()]})"
    return label


def betrokkenen(case: CaseWithCasus, orgs: dict[str, str]) -> dict[str, list[str]]:
    """Who is involved, in words: the professionals (role, organisation) and the naasten (relation, and whether
    they help in the plan)."""
    n = case.netwerk
    pros = [f"{p.rol}, {orgs.get(p.organisatie, p.organisatie)}" for p in (n.professionals if n else ())]
    naasten = [relatie(x.relatie) + (" — helpt mee in het plan" if x.betrokken else "") for x in (n.naasten if n else ())]
    return {"professionals": pros, "naasten": naasten}


def kinds(ids: tuple[str, ...], leefgebieden: dict[str, str]) -> str:
    """The kinds of data of a verstrekking by their Dutch names, in a sentence."""
    names = [gegevens.naam(k, leefgebieden) for k in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1] if names else ""


def identity_rows(data: dict) -> list[tuple[str, str]]:
    """The identity fields that hold something, as (Dutch label, value)."""
    rows = []
    for key, label in IDENTITEIT.items():
        value = data.get(key)
        if isinstance(value, dict):
            value = " ".join(str(value[k]) for k in ("straat", "huisnummer", "postcode", "plaats") if value.get(k))
        if isinstance(value, dt.date):
            value = nl_date(value)
        if value not in (None, ""):
            rows.append((label, str(value)))
    return rows


def only_member(casus: Casus, voor: str) -> Casus:
    """The case record as a member sees it: of the household only their own row."""
    assert casus.huishouden is not None
    return replace(casus, huishouden=replace(casus.huishouden, leden=tuple(m for m in casus.huishouden.leden if m.id == voor)))


def retention(net: Network, case: CaseWithCasus, category) -> dict:
    """How long the dossier is kept: the date when closed, else the term it will get, with the category and source."""
    c = case.casus
    cat = c.bewaarcategorie or derived_category(case, c.sluitreden)[0]
    term = net.term(cat)
    short = net.term("kortdurend")
    return {"categorie": CATEGORIE.get(cat, cat), "jaren": term.jaren, "bron": term.bron, "tot": c.bewaren_tot,
            "gesloten": c.gesloten is not None, "kort": short.jaren if cat != "kortdurend" else None}
