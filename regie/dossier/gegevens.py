"""Kinds of data a verstrekking gives (``categorieen`` in verstrekkingen.yaml), and their Dutch names.

A kind is a leefgebied of the network (its id; the inzage names it as the network does) or one
of the kinds below, which are no leefgebied. The inzage writes the Dutch name, never the id.
"""

from __future__ import annotations

from .vocab import GEGEVENS_EXTRA

SOORTEN = {
    "identiteit": "uw naam en andere identiteitsgegevens",
    "melding": "de melding",
    "betrokkenen": "wie er bij u betrokken zijn",
    "plan": "het plan van aanpak",
    "afspraken": "de afspraken",
    "meldcode": "de stappen van de meldcode huiselijk geweld en kindermishandeling",
    "verwijsindex": "de verwijsindex",
    "escalatie": "de reden en het verzoek van een opschaling",
    "overdracht": "de reden van de overdracht",
    "dossier": "het hele dossier",
}
# The folk words older consents used for kinds of data, with their Dutch spelling (the id is a slug).
WOORDEN = {"financien": "financiën", "wonen": "wonen", "gezondheid": "gezondheid", "veiligheid": "veiligheid"}


def naam(soort: str, leefgebieden: dict[str, str]) -> str:
    """The Dutch name of a kind of data (``leefgebieden``: the network's ids -> names)."""
    if soort in leefgebieden:
        return leefgebieden[soort].lower()
    return SOORTEN.get(soort) or GEGEVENS_EXTRA.get(soort) or WOORDEN.get(soort) or soort.replace("-", " ")
