"""``regie.yaml`` as typed objects: the network, its regisseurs, organisations, escalation ladder and terms.

Built from data that has passed its JSON Schema, like the case model (``model``); the lists
a network may replace (leefgebieden, meldingsoorten, sluitredenen) have their defaults here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..clock import from_checked
from ..dossier.retention import DEFAULT_TERMS, Term
from ..errors import UsageError
from ..ids import DEFAULT_ID_FORMAT

# The domains of the Zelfredzaamheid-Matrix (ZRM 2017), scored 1 (acute problematiek)
# to 5 (volledig zelfredzaam). A network may replace the list in regie.yaml.
DEFAULT_LEEFGEBIEDEN = (
    "financien",
    "dagbesteding",
    "huisvesting",
    "huiselijke-relaties",
    "geestelijke-gezondheid",
    "lichamelijke-gezondheid",
    "middelengebruik",
    "basale-adl",
    "instrumentele-adl",
    "sociaal-netwerk",
    "maatschappelijke-participatie",
    "justitie",
)

# How the leefgebieden of the Zelfredzaamheid-Matrix are called in documents (regie.yaml leefgebied_namen may rename).
LEEFGEBIED_NAMEN = {
    "financien": "Financiën", "dagbesteding": "Dagbesteding", "huisvesting": "Huisvesting",
    "huiselijke-relaties": "Huiselijke relaties", "geestelijke-gezondheid": "Geestelijke gezondheid",
    "lichamelijke-gezondheid": "Lichamelijke gezondheid", "middelengebruik": "Middelengebruik", "basale-adl": "Basale ADL",
    "instrumentele-adl": "Instrumentele ADL", "sociaal-netwerk": "Sociaal netwerk",
    "maatschappelijke-participatie": "Maatschappelijke participatie", "justitie": "Justitie",
}


# Categories the report counts in, instead of the free text of a melding or a closing reason.
DEFAULT_MELDINGSOORTEN = (
    "vervuiling", "overlast", "verward-gedrag", "zorgmijding", "schulden", "huisvesting", "huiselijk-geweld",
    "verwaarlozing", "zorgen-gezin", "uitstroom-opvang", "anders",
)
DEFAULT_SLUITREDENEN = (
    "doelen-bereikt", "stabiel-regulier", "overgedragen", "verhuisd", "geen-medewerking", "overleden",
    "niet-geaccepteerd", "afgebroken", "samengevoegd", "anders",
)
# Meldingsoorten where a safety risk calls for the meldcode huiselijk geweld en kindermishandeling.
DEFAULT_MELDCODE_SOORTEN = ("huiselijk-geweld", "verwaarlozing", "zorgen-gezin")
REPORT_MIN_COUNT = 5


@dataclass(frozen=True)
class Regisseur:
    id: str
    naam: str
    organisatie: str | None = None
    age: str | None = None  # public age key: identities are encrypted to it
    actief_tot: dt.date | None = None  # last working day in the network


@dataclass(frozen=True)
class Organisatie:
    id: str
    naam: str
    soort: str | None = None
    netwerkcontact: str | None = None  # the network register (6d): the contact role for the network, never a name
    laatste_overleg: dt.date | None = None  # recorded by hand; regie organisatie list also reads overleggen/


@dataclass(frozen=True)
class Niveau:
    niveau: int
    naam: str


@dataclass(frozen=True)
class Termijnen:
    melding_tot_plan: int = 28
    evaluatie: int = 90
    escalatie_open: int = 30
    meldcode: int = 14  # days after the melding: a case with a safety risk has taken step 1 of the meldcode
    verwijsindex: int = 28  # days after the melding: a jeugd case has a signal in the verwijsindex
    sociale_kaart: int = 365  # days after which an entry of the sociale kaart is checked again
    netwerkcontact: int = 180  # days within which the network meets every partner organisation


@dataclass(frozen=True)
class Network:
    """``regie.yaml``: the network and its own rules."""

    naam: str
    regisseurs: tuple[Regisseur, ...]
    organisaties: tuple[Organisatie, ...]
    opschaling: tuple[Niveau, ...]
    termijnen: Termijnen = Termijnen()
    retentie_jaren: int = 15
    leefgebieden: tuple[str, ...] = DEFAULT_LEEFGEBIEDEN
    id_formaat: str = DEFAULT_ID_FORMAT
    cti_min_netwerkbijeenkomsten: int = 3
    privacy: str = "normaal"  # streng: privacy findings are errors
    meldingsoorten: tuple[str, ...] = DEFAULT_MELDINGSOORTEN
    meldcode_meldingsoorten: tuple[str, ...] = DEFAULT_MELDCODE_SOORTEN
    sluitredenen: tuple[str, ...] = DEFAULT_SLUITREDENEN
    rapport_min_aantal: int = REPORT_MIN_COUNT
    beheerders: tuple[str, ...] = ()  # regisseurs who may read every case's identity
    bewaartermijnen: dict | None = None  # category -> {jaren, bron}; regie's defaults when absent
    contact: dict | None = None  # {verantwoordelijke, verzoeken, fg}: for the rights in the inzage
    caseload: dict | None = None  # {norm, gewichten: {urgentie: {...}, fase: {...}}}
    sociale_kaart: Any = None  # regie.dossier.sociale_kaart.SocialeKaart from sociale-kaart.yaml, when there is one

    def caseload_weight(self, urgentie: str, fase: str) -> float:
        """How much one open case weighs: its urgency's weight times its phase's (1 when not set)."""
        w = (self.caseload or {}).get("gewichten") or {}
        return float((w.get("urgentie") or {}).get(urgentie, 1)) * float((w.get("fase") or {}).get(fase, 1))

    @property
    def caseload_norm(self) -> float | None:
        return (self.caseload or {}).get("norm")

    @classmethod
    def from_data(cls, d: dict) -> Network:
        return cls(
            naam=d["naam"],
            regisseurs=tuple(Regisseur(r["id"], r["naam"], r.get("organisatie"), r.get("age"), from_checked(r.get("actief_tot")))
                             for r in d.get("regisseurs", [])),
            organisaties=tuple(Organisatie(o["id"], o["naam"], o.get("soort"), o.get("netwerkcontact"),
                                           from_checked(o.get("laatste_overleg"))) for o in d.get("organisaties", [])),
            opschaling=tuple(Niveau(n["niveau"], n["naam"]) for n in d.get("opschaling", [])),
            termijnen=Termijnen(**d.get("termijnen", {})),
            retentie_jaren=d.get("retentie_jaren", 15),
            leefgebieden=tuple(d.get("leefgebieden") or DEFAULT_LEEFGEBIEDEN),
            id_formaat=d.get("id_formaat", DEFAULT_ID_FORMAT),
            cti_min_netwerkbijeenkomsten=d.get("cti", {}).get("min_netwerkbijeenkomsten", 3),
            privacy=d.get("privacy", "normaal"),
            meldingsoorten=tuple(d.get("meldingsoorten") or DEFAULT_MELDINGSOORTEN),
            meldcode_meldingsoorten=tuple(d.get("meldcode_meldingsoorten", DEFAULT_MELDCODE_SOORTEN)),
            sluitredenen=tuple(d.get("sluitredenen") or DEFAULT_SLUITREDENEN),
            rapport_min_aantal=d.get("rapport", {}).get("min_aantal", REPORT_MIN_COUNT),
            beheerders=tuple(d.get("beheerders") or ()),
            contact=d.get("contact"),
            bewaartermijnen=d.get("bewaartermijnen"),
            caseload=d.get("caseload"),
        )

    def term(self, category: str):
        """The retention term (years and source) of a category; ``retentie_jaren`` still counts for volwassenen."""

        if self.bewaartermijnen:
            t = self.bewaartermijnen[category]
            return Term(t["jaren"], t["bron"])
        if category == "volwassenen" and self.retentie_jaren != 15:
            return Term(self.retentie_jaren, "retentie_jaren in regie.yaml")
        return DEFAULT_TERMS[category]

    def regisseur_ids(self) -> set[str]:
        return {r.id for r in self.regisseurs}

    def organisatie_ids(self) -> set[str]:
        return {o.id for o in self.organisaties}

    def niveaus(self) -> set[int]:
        return {n.niveau for n in self.opschaling}

    def ladder(self) -> dict[int, str]:
        """Escalation level -> the name of who decides there."""
        return {n.niveau: n.naam for n in self.opschaling}

    def organisatie_namen(self) -> dict[str, str]:
        return {o.id: o.naam for o in self.organisaties}

    # One home for every reference a user types to regie.yaml: one wording, one exit code (a
    # UsageError, 2: the value given on the command line is wrong, not the dossier).
    def require_regisseur(self, rid: str, *, field: str | None = None) -> None:
        """Refuse a regisseur id regie.yaml does not know, naming the ones it does."""
        if rid not in self.regisseur_ids():
            raise unknown_reference("regisseur", rid, sorted(self.regisseur_ids()), field=field)

    def require_organisatie(self, org: str, *, also: dict[str, str] | None = None, field: str | None = None) -> None:
        """Refuse an organisation id regie.yaml does not know; ``also``: other values accepted, with what they mean."""
        if org not in self.organisatie_ids() and org not in (also or {}):
            raise unknown_reference("organisatie", org, sorted(self.organisatie_ids()), also=also, field=field)

    def require_regisseur_of_organisatie(self, who: str, *, field: str | None = None) -> None:
        """Refuse an id that is neither a regisseur nor an organisation of regie.yaml."""
        if who not in self.regisseur_ids() | self.organisatie_ids():
            raise unknown_reference("regisseur of organisatie", who,
                                    sorted(self.regisseur_ids()) + sorted(self.organisatie_ids()), field=field)


def unknown_reference(kind: str, value: str, known: list[str], *, also: dict[str, str] | None = None,
                      field: str | None = None) -> UsageError:
    """The refusal of a value that regie.yaml does not know: ``onbekende <kind> 'x' (bekend in regie.yaml: a, b)``.

    ``known`` in the order to show (sorted; regisseurs before organisations).
    """
    extra = "".join(f"; of '{k}' {meaning}" for k, meaning in (also or {}).items())
    return UsageError(f"onbekende {kind} '{value}' (bekend in regie.yaml: {', '.join(known)}{extra})", field=field)


def not_in_config(kind: str, value: object) -> str:
    """The wording of a validate finding about a reference regie.yaml does not know (a finding, not a refusal)."""
    return f"{kind} '{value}' staat niet in regie.yaml"
