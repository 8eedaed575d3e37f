"""How long a closed case is kept: a term per category, each naming its source (Selectielijst).

A case is jeugd when the client was a minor at the melding (``minderjarig: true`` in
``melding.yaml``), kortdurend when the melding was not taken on or broken off (closing reason
``niet-geaccepteerd`` or ``afgebroken``), and volwassenen otherwise. The network sets the
terms in ``regie.yaml`` (``bewaartermijnen``); regie's defaults follow the Selectielijst
gemeenten en intergemeentelijke organen 2020 and say so, so that a network can check them
with its archivist.
"""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = ("jeugd", "volwassenen", "kortdurend")
SHORT_REASONS = ("niet-geaccepteerd", "afgebroken")


@dataclass(frozen=True)
class Term:
    jaren: int
    bron: str


DEFAULT_TERMS = {
    "jeugd": Term(20, "Selectielijst gemeenten en intergemeentelijke organen 2020: dossiers in het kader van de "
                      "Jeugdwet, 20 jaar na beëindiging (standaard van regie; stel vast met jullie archivaris)"),
    "volwassenen": Term(15, "Selectielijst gemeenten en intergemeentelijke organen 2020: dossiers maatschappelijke "
                            "ondersteuning (Wmo), 15 jaar na beëindiging (standaard van regie; stel vast met jullie archivaris)"),
    "kortdurend": Term(2, "melding niet in behandeling genomen of afgebroken: korte termijn die het netwerk zelf "
                          "vaststelt (standaard van regie: 2 jaar; stel vast met jullie archivaris)"),
}


def category(minderjarig: bool, sluitreden: str | None) -> str:
    """The retention category of a closed case."""
    if sluitreden in SHORT_REASONS:
        return "kortdurend"
    return "jeugd" if minderjarig else "volwassenen"
