""""Bekend?": the warning of ``identity edit`` and ``new-case --identiteit`` when a new identity matches an open case."""

from __future__ import annotations

from ..work.zoek import Kandidaat
from . import console


def warn_known(case: str, found: list[Kandidaat]) -> None:
    """One warning per open case the identity of ``case`` matches; it names cases, kinds and regisseurs, never a value."""
    for k in found:
        how = "bevestigd" if k.bevestigd else f"niet te bevestigen: vraag {k.regisseur or 'de regisseur'}"
        console.warn(f"de identiteit van casus {case} komt overeen met open casus {k.casus} ({', '.join(k.op)}; {how}; "
                     f"regisseur {k.regisseur or '-'}" + (f", huishouden {k.huishouden}" if k.huishouden else "") + "). "
                     "Eén gezin, één plan, één regisseur: hoort het bij hetzelfde gezin, leg dat vast met --huishouden "
                     f"(bij 'regie new-case') of voeg samen met 'regie merge-cases {k.casus} {case}'")
