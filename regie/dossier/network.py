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
from .vocab import CLIENT

# The domains of the Zelfredzaamheid-Matrix, scored 1 (acute problematiek) to 5 (volledig zelfredzaam).
# ZRM 2017 (13 domains: dagbesteding split into werk & opleiding and tijdsbesteding) is what ``regie init``
# writes into a new network's regie.yaml. A regie.yaml without ``leefgebieden:`` keeps the older list of 12
# it was written with, so that the goals, scores and consent of an existing repository stay valid
# (docs/cases.md says how to move).
ZRM_2017 = (
    "financien", "werk-opleiding", "tijdsbesteding", "huisvesting", "huiselijke-relaties", "geestelijke-gezondheid",
    "lichamelijke-gezondheid", "middelengebruik", "basale-adl", "instrumentele-adl", "sociaal-netwerk",
    "maatschappelijke-participatie", "justitie",
)
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
    "financien": "Financiën", "dagbesteding": "Dagbesteding", "werk-opleiding": "Werk en opleiding",
    "tijdsbesteding": "Tijdsbesteding", "huisvesting": "Huisvesting",
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
    rol: str | None = None  # who acts or decides at this level, when the name does not say it
    organisatie: str | None = None  # the organisation of regie.yaml the memo goes to (client ladder; a verstrekking)


# The ladder for an impasse with the client (escalate --over client): not a manager of an organisation but the
# routes for someone who avoids care (zorgmijder): bemoeizorg, the GGD-arts, and a melding for a verkennend
# onderzoek under the Wvggz (art. 5:1-5:3) at the gemeente. regie.yaml may set its own (opschaling_client).
DEFAULT_CLIENT_LADDER = (
    Niveau(1, "Regisseur met het netwerk", "de netwerkregisseur, met outreachend contact en een nieuw voorstel aan de cliënt"),
    Niveau(2, "Bemoeizorg (OGGZ-team)", "bemoeizorger van het OGGZ-team van de GGD"),
    Niveau(3, "GGD-arts", "arts openbare geestelijke gezondheidszorg van de GGD"),
    Niveau(4, "Melding verkennend onderzoek Wvggz", "het college van B&W (meldpunt Wvggz van de gemeente)"),
)


@dataclass(frozen=True)
class CtiFaseDef:
    """A phase of the network's CTI model: its id, how it reads, and its planned length in months."""

    fase: str
    naam: str
    maanden: int


# Critical Time Intervention as it runs in the Netherlands (Impuls; Wolf): after a warm transfer three phases of
# about three months, contact growing less intense in each. regie.yaml may set its own (cti.fasen).
DEFAULT_CTI_FASEN = (
    CtiFaseDef("structurering", "structurering", 3),
    CtiFaseDef("testen", "testen en uitproberen", 3),
    CtiFaseDef("overdracht", "overdracht van zorg", 3),
)
# Phase names of regie before the Dutch CTI model: still valid, read as the phase they became (with a warning).
CTI_OLD_NAMES = {"overbrugging": "structurering", "oefenfase": "testen"}


@dataclass(frozen=True)
class Termijnen:
    melding_tot_plan: int = 28
    evaluatie: int = 90
    escalatie_open: int = 30
    meldcode: int = 14  # days after the melding: a case with a safety risk has taken step 1 of the meldcode
    verwijsindex: int = 28  # days after the melding: a jeugd case has a signal in the verwijsindex
    escalatie_reactie: int = 10  # days: the reply a memo of an escalation asks for, unless a date is given
    meldcode_vraag5: int = 91  # days after a decision for hulp (meldcode step 5): question 5 is answered
    sociale_kaart: int = 365  # days after which an entry of the sociale kaart is checked again
    netwerkcontact: int = 180  # days within which the network meets every partner organisation


@dataclass(frozen=True)
class Network:
    """``regie.yaml``: the network and its own rules."""

    naam: str
    regisseurs: tuple[Regisseur, ...]
    organisaties: tuple[Organisatie, ...]
    opschaling: tuple[Niveau, ...]
    opschaling_client: tuple[Niveau, ...] = DEFAULT_CLIENT_LADDER
    termijnen: Termijnen = Termijnen()
    retentie_jaren: int = 15
    leefgebieden: tuple[str, ...] = DEFAULT_LEEFGEBIEDEN
    id_formaat: str = DEFAULT_ID_FORMAT
    cti_min_netwerkbijeenkomsten: int = 3
    cti_fasen: tuple[CtiFaseDef, ...] = DEFAULT_CTI_FASEN
    privacy: str = "normaal"  # streng: privacy findings are errors
    meldingsoorten: tuple[str, ...] = DEFAULT_MELDINGSOORTEN
    meldcode_meldingsoorten: tuple[str, ...] = DEFAULT_MELDCODE_SOORTEN
    sluitredenen: tuple[str, ...] = DEFAULT_SLUITREDENEN
    rapport_min_aantal: int = REPORT_MIN_COUNT
    beheerders: tuple[str, ...] = ()  # regisseurs who may read every case's identity
    bewaartermijnen: dict | None = None  # category -> {jaren, bron}; regie's defaults when absent
    contact: dict | None = None  # {verantwoordelijke, verzoeken, fg}: for the rights in the inzage
    caseload: dict | None = None  # {norm, gewichten: {urgentie: {...}, fase: {...}}}
    toestemmingsregels: dict | None = None  # {hulp: [...], delen: [...]}: who consents for a minor (dossier.jeugd)
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
            opschaling=_ladder(d.get("opschaling", [])),
            opschaling_client=_ladder(d["opschaling_client"]) if d.get("opschaling_client") else DEFAULT_CLIENT_LADDER,
            termijnen=Termijnen(**d.get("termijnen", {})),
            retentie_jaren=d.get("retentie_jaren", 15),
            leefgebieden=tuple(d.get("leefgebieden") or DEFAULT_LEEFGEBIEDEN),
            id_formaat=d.get("id_formaat", DEFAULT_ID_FORMAT),
            cti_min_netwerkbijeenkomsten=d.get("cti", {}).get("min_netwerkbijeenkomsten", 3),
            cti_fasen=tuple(CtiFaseDef(f["fase"], f.get("naam") or f["fase"], f.get("maanden", 3))
                            for f in d.get("cti", {}).get("fasen") or ()) or DEFAULT_CTI_FASEN,
            privacy=d.get("privacy", "normaal"),
            meldingsoorten=tuple(d.get("meldingsoorten") or DEFAULT_MELDINGSOORTEN),
            meldcode_meldingsoorten=tuple(d.get("meldcode_meldingsoorten", DEFAULT_MELDCODE_SOORTEN)),
            sluitredenen=tuple(d.get("sluitredenen") or DEFAULT_SLUITREDENEN),
            rapport_min_aantal=d.get("rapport", {}).get("min_aantal", REPORT_MIN_COUNT),
            beheerders=tuple(d.get("beheerders") or ()),
            contact=d.get("contact"),
            bewaartermijnen=d.get("bewaartermijnen"),
            caseload=d.get("caseload"),
            toestemmingsregels=d.get("toestemmingsregels"),
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

    def steps(self, over: str | None = None) -> tuple[Niveau, ...]:
        """The ladder that an escalation about ``over`` climbs: the client's own for an impasse with the client."""
        return self.opschaling_client if over == CLIENT else self.opschaling

    def niveaus(self, over: str | None = None) -> set[int]:
        return {n.niveau for n in self.steps(over)}

    def ladder(self, over: str | None = None) -> dict[int, str]:
        """Escalation level -> the name of who decides there (on the client's ladder for ``over`` 'client')."""
        return {n.niveau: n.naam for n in self.steps(over)}

    def level_name(self, over: str, niveau: int) -> str:
        """Who decides at ``niveau`` of the ladder an escalation about ``over`` climbs ('?' when not on it)."""
        return self.ladder(over).get(niveau, "?")

    @property
    def cti_maanden(self) -> int:
        """The planned length of a CTI trajectory: the months of its phases together."""
        return sum(f.maanden for f in self.cti_fasen)

    def cti_fase(self, name: str) -> tuple[CtiFaseDef | None, bool]:
        """The phase of the network's model a recorded name stands for, and whether that was an old name."""
        known = {f.fase: f for f in self.cti_fasen}
        if name in known:
            return known[name], False
        return known.get(CTI_OLD_NAMES.get(name, "")), name in CTI_OLD_NAMES

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


def _ladder(levels: list[dict]) -> tuple[Niveau, ...]:
    return tuple(Niveau(n["niveau"], n["naam"], n.get("rol"), n.get("organisatie")) for n in levels)


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
