"""The dossier as typed objects: the network (``regie.yaml``) and its cases.

Objects are built from data that has passed its JSON Schema (see ``regie.schema``),
so constructors can trust types; dates arrive as ISO strings and become
``datetime.date`` here. Each object remembers its index in its file's list so a
rule can point at the right line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..ids import DEFAULT_ID_FORMAT
from .meldcode import Meldcode

# Case lifecycle (werkproces 1a .. 1g): the order is the normal path of a case.
STATUSES = ("melding", "onderzoek", "plan", "uitvoering", "nazorg", "gesloten", "overgedragen")
OPEN_STATUSES = ("melding", "onderzoek", "plan", "uitvoering", "nazorg")
# From these statuses on, the Plan van Aanpak must be vastgesteld.
PLAN_SET_STATUSES = ("uitvoering", "nazorg")

CONSENT = ("gegeven", "geweigerd", "niet-gevraagd", "ingetrokken")
URGENCY = ("laag", "middel", "hoog", "crisis")
AFSPRAAK_STATUS = ("open", "gedaan", "vervallen")
EVALUATION_KINDS = ("tussentijds", "eind", "nazorg")
DECISIONS = ("doorgaan", "plan-bijstellen", "afsluiten", "overdragen")
TRAJECTS = ("regulier", "cti")
JOURNAL_KINDS = ("consultatie", "netwerkbijeenkomst", "huisbezoek", "overleg")

# Who an afspraak can name besides a betrokkene in netwerk.yaml.
CLIENT = "client"

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

MERGED_REASON = "samengevoegd"  # the sluitreden of a case folded into another (regie merge-cases)

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
# Doelgroepen of a case for the verwijsindex (young people up to 23, and families with children).
JEUGD_DOELGROEPEN = ("jeugd", "gezin")
REPORT_MIN_COUNT = 5


def to_date(value: Any) -> dt.date | None:
    """A date of a schema-checked file (strict ISO there), or None for an empty value."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


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
            regisseurs=tuple(Regisseur(r["id"], r["naam"], r.get("organisatie"), r.get("age"), to_date(r.get("actief_tot")))
                             for r in d.get("regisseurs", [])),
            organisaties=tuple(Organisatie(o["id"], o["naam"], o.get("soort")) for o in d.get("organisaties", [])),
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
            bewaartermijnen=d.get("bewaartermijnen"),
            caseload=d.get("caseload"),
        )

    def term(self, category: str):
        """The retention term (years and source) of a category; ``retentie_jaren`` still counts for volwassenen."""
        from ..privacy.retention import DEFAULT_TERMS, Term

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

    def require_organisatie(self, org: str) -> None:
        """Refuse an organisation id regie.yaml does not know, naming the ones it does."""
        from ..errors import RegieError

        known = self.organisatie_ids()
        if org not in known:
            raise RegieError(f"onbekende organisatie '{org}' (bekend in regie.yaml: {', '.join(sorted(known))})")


@dataclass(frozen=True)
class ToestemmingStand:
    """The consent as it stood from one date: status, scope, the form, and the afweging with its legal basis."""

    status: str
    datum: dt.date | None
    afweging: str | None = None
    partners: tuple[str, ...] | None = None  # None: every partner of the case
    gegevens: tuple[str, ...] = ()
    formulier: str | None = None
    grondslag: str | None = None

    @classmethod
    def from_data(cls, t: dict) -> ToestemmingStand:
        partners = t.get("partners")
        return cls(t["status"], to_date(t.get("datum")), t.get("afweging"),
                   tuple(partners) if partners is not None else None, tuple(t.get("gegevens") or ()), t.get("formulier"),
                   t.get("grondslag"))

    def covers(self, org: str) -> bool:
        """Consent given, and for this organisation."""
        return self.status == "gegeven" and (self.partners is None or org in self.partners)


@dataclass(frozen=True)
class Toestemming(ToestemmingStand):
    """The consent now, and every change before (``historie``, oldest first)."""

    historie: tuple[ToestemmingStand, ...] = ()

    @classmethod
    def from_data(cls, t: dict) -> Toestemming:  # type: ignore[override]
        now = ToestemmingStand.from_data(t)
        return cls(**{f: getattr(now, f) for f in now.__dataclass_fields__},
                   historie=tuple(ToestemmingStand.from_data(h) for h in t.get("historie") or ()))

    def op(self, day: dt.date) -> ToestemmingStand | None:
        """The consent in force on ``day``: the last change dated on or before it (None: none yet).

        Without a history, the consent on record counts from its date (or always, when it has none).
        """
        if not self.historie:
            return self if self.datum is None or self.datum <= day else None
        before = [h for h in self.historie if h.datum is None or h.datum <= day]
        return before[-1] if before else None


@dataclass(frozen=True)
class Overdracht:
    """One change of who holds regie: a regisseur, an outside organisation, or a casushouder."""

    datum: dt.date
    reden: str
    regisseur: str | None = None
    organisatie: str | None = None
    casushouder: str | None = None
    tijdelijk: bool = False
    terug: bool = False
    status_voor: str | None = None


@dataclass(frozen=True)
class Verwijsindex:
    """References only: who signalled when, who matched, who coordinates. Never content."""

    signaal_datum: dt.date | None = None
    signaal_organisatie: str | None = None
    match_datum: dt.date | None = None
    match_organisaties: tuple[str, ...] = ()
    regievoerder: str | None = None

    @classmethod
    def from_data(cls, d: dict | None) -> Verwijsindex | None:
        if d is None:
            return None
        signaal, match = d.get("signaal") or {}, d.get("match") or {}
        return cls(to_date(signaal.get("datum")), signaal.get("organisatie"), to_date(match.get("datum")),
                   tuple(match.get("organisaties") or ()), d.get("regievoerder"))


@dataclass(frozen=True)
class Lid:
    """A member of the household: a role, the year of birth only, a pseudonym, the leefgebieden that concern them."""

    id: str
    rol: str
    index: int
    geboortejaar: int | None = None
    pseudoniem: str | None = None
    leefgebieden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Huishouden:
    id: str
    leden: tuple[Lid, ...] = ()

    @classmethod
    def from_data(cls, d: dict | None) -> Huishouden | None:
        if d is None:
            return None
        return cls(d["id"], tuple(Lid(m["id"], m["rol"], i, m.get("geboortejaar"), m.get("pseudoniem"),
                                      tuple(m.get("leefgebieden") or ())) for i, m in enumerate(d.get("leden") or ())))


CTI_FASEN = ("overbrugging", "oefenfase", "overdracht")  # Critical Time Intervention, in order (seed 003)


@dataclass(frozen=True)
class CtiFase:
    fase: str
    van: dt.date
    index: int
    doelen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Intake:
    """The decision on a melding (werkproces 1a): taken on, or not and where it was referred."""

    datum: dt.date
    besluit: str  # aangenomen | niet-aangenomen
    reden: str | None = None
    verwezen_naar: str | None = None


@dataclass(frozen=True)
class Casus:
    id: str
    status: str
    regisseur: str
    pseudoniem: str
    geopend: dt.date
    urgentie: str
    leefgebieden: tuple[str, ...]
    toestemming: Toestemming
    traject: str = "regulier"
    doelgroep: str | None = None
    casemanager: str | None = None
    gesloten: dt.date | None = None
    sluitreden: str | None = None
    bewaren_tot: dt.date | None = None
    bewaarcategorie: str | None = None
    overgedragen_aan: str | None = None
    zonder_evaluatie: str | None = None
    nazorg_tot: dt.date | None = None
    historie: tuple[Overdracht, ...] = ()
    meldcode: Meldcode | None = None
    verwijsindex: Verwijsindex | None = None
    intake: Intake | None = None
    huishouden: Huishouden | None = None
    samengevoegd_met: str | None = None
    cti_fasen: tuple[CtiFase, ...] = ()

    @classmethod
    def from_data(cls, d: dict) -> Casus:
        t = d["toestemming"]
        return cls(
            id=str(d["id"]),
            status=d["status"],
            regisseur=d["regisseur"],
            pseudoniem=d["pseudoniem"],
            geopend=to_date(d["geopend"]),  # type: ignore[arg-type]
            urgentie=d["urgentie"],
            leefgebieden=tuple(d.get("leefgebieden", [])),
            toestemming=Toestemming.from_data(t),
            traject=d.get("traject", "regulier"),
            doelgroep=d.get("doelgroep"),
            casemanager=d.get("casemanager"),
            gesloten=to_date(d.get("gesloten")),
            sluitreden=d.get("sluitreden"),
            bewaren_tot=to_date(d.get("bewaren_tot")),
            bewaarcategorie=d.get("bewaarcategorie"),
            overgedragen_aan=d.get("overgedragen_aan"),
            zonder_evaluatie=d.get("zonder_evaluatie"),
            nazorg_tot=to_date(d.get("nazorg_tot")),
            historie=tuple(
                Overdracht(to_date(h["datum"]), h["reden"], h.get("regisseur"), h.get("organisatie"),  # type: ignore[arg-type]
                           h.get("casushouder"), h.get("tijdelijk", False), h.get("terug", False), h.get("status_voor"))
                for h in d.get("regie_historie") or []
            ),
            meldcode=Meldcode.from_data(d.get("meldcode"), to_date),
            verwijsindex=Verwijsindex.from_data(d.get("verwijsindex")),
            intake=Intake(to_date(i["datum"]), i["besluit"], i.get("reden"), i.get("verwezen_naar"))  # type: ignore[arg-type]
            if (i := d.get("intake")) else None,
            huishouden=Huishouden.from_data(d.get("huishouden")),
            samengevoegd_met=d.get("samengevoegd_met"),
            cti_fasen=tuple(CtiFase(f["fase"], to_date(f["van"]), i, tuple(f.get("doelen") or ()))  # type: ignore[arg-type]
                            for i, f in enumerate((d.get("cti") or {}).get("fasen") or ())),
        )


@dataclass(frozen=True)
class Melding:
    datum: dt.date
    melder_rol: str
    melder_organisatie: str | None
    aard: str
    urgentie: str
    doelgroep: str | None = None
    omvang: str | None = None
    veiligheidsrisico: bool = False
    soort: str | None = None  # a category of regie.yaml's meldingsoorten
    minderjarig: bool = False  # a minor at the melding: retention category jeugd

    @classmethod
    def from_data(cls, d: dict) -> Melding:
        return cls(
            datum=to_date(d["datum"]),  # type: ignore[arg-type]
            melder_rol=d["melder"]["rol"],
            melder_organisatie=d["melder"].get("organisatie"),
            aard=d["aard"],
            urgentie=d["urgentie"],
            doelgroep=d.get("doelgroep"),
            omvang=d.get("omvang"),
            veiligheidsrisico=bool(d.get("veiligheid", {}).get("risico", False)),
            soort=d.get("soort"),
            minderjarig=bool(d.get("minderjarig", False)),
        )


@dataclass(frozen=True)
class Professional:
    id: str
    organisatie: str
    rol: str
    index: int
    tot: dt.date | None = None  # involved until (regie betrokkene drop)


@dataclass(frozen=True)
class Naaste:
    id: str
    relatie: str
    steunend: bool
    vip: bool
    betrokken: bool
    index: int
    tot: dt.date | None = None


@dataclass(frozen=True)
class Netwerk:
    professionals: tuple[Professional, ...] = ()
    naasten: tuple[Naaste, ...] = ()

    @classmethod
    def from_data(cls, d: dict) -> Netwerk:
        return cls(
            professionals=tuple(
                Professional(p["id"], p["organisatie"], p["rol"], i, to_date(p.get("tot")))
                for i, p in enumerate(d.get("professionals") or [])
            ),
            naasten=tuple(
                Naaste(n["id"], n["relatie"], n.get("steunend", True), n.get("vip", False), n.get("betrokken", False), i,
                       to_date(n.get("tot")))
                for i, n in enumerate(d.get("naasten") or [])
            ),
        )

    def betrokkene_ids(self) -> set[str]:
        return {p.id for p in self.professionals} | {n.id for n in self.naasten}

    def gone(self, day: dt.date) -> set[str]:
        """The betrokkenen no longer involved on ``day`` (their ``tot`` lies before it)."""
        return {x.id for x in (*self.professionals, *self.naasten) if x.tot is not None and x.tot < day}


@dataclass(frozen=True)
class Doel:
    id: str
    leefgebied: str
    omschrijving: str
    startscore: int | None
    doelscore: int | None
    index: int
    lid: str | None = None  # the household member the goal is about
    status: str = "open"  # open, bereikt, vervallen
    bereikt_op: dt.date | None = None
    eindscore: int | None = None
    vervallen_op: dt.date | None = None
    reden: str | None = None


@dataclass(frozen=True)
class Plan:
    versie: int
    vastgesteld: dt.date | None
    volgende_evaluatie: dt.date | None
    doelen: tuple[Doel, ...]
    tekst: str

    @classmethod
    def from_data(cls, d: dict, body: str) -> Plan:
        return cls(
            versie=d.get("versie", 1),
            vastgesteld=to_date(d.get("vastgesteld")),
            volgende_evaluatie=to_date(d.get("volgende_evaluatie")),
            doelen=tuple(
                Doel(g["id"], g["leefgebied"], g["doel"], g.get("startscore"), g.get("doelscore"), i, g.get("lid"),
                     g.get("status", "open"), to_date(g.get("bereikt_op")), g.get("eindscore"), to_date(g.get("vervallen_op")),
                     g.get("reden"))
                for i, g in enumerate(d.get("doelen") or [])
            ),
            tekst=body,
        )


@dataclass(frozen=True)
class Verplaatsing:
    van: dt.date
    naar: dt.date
    datum: dt.date
    reden: str


@dataclass(frozen=True)
class Afspraak:
    id: str
    wat: str
    wie: str
    gemaakt: dt.date
    deadline: dt.date
    status: str
    index: int
    doel: str | None = None
    gedaan_op: dt.date | None = None
    reden: str | None = None
    verplaatst: tuple[Verplaatsing, ...] = ()
    vervallen_op: dt.date | None = None
    herkomst: str | None = None  # "<case>/<id>": taken over from a merged case

    @property
    def eerste_deadline(self) -> dt.date:
        """The deadline agreed when the agreement was made: the ``van`` of its first move, else its deadline."""
        return self.verplaatst[0].van if self.verplaatst else self.deadline

    def deadline_op(self, day: dt.date) -> dt.date:
        """The deadline as it stood at the end of ``day`` (moves recorded later not yet made)."""
        deadline = self.eerste_deadline
        for v in self.verplaatst:
            if v.datum <= day:
                deadline = v.naar
        return deadline

    def vervallen_voor(self, day: dt.date) -> bool:
        """Whether the agreement had lapsed by the end of ``day`` (one dropped without a date: always)."""
        return self.status == "vervallen" and (self.vervallen_op is None or self.vervallen_op <= day)

    @classmethod
    def from_data(cls, d: dict, index: int) -> Afspraak:
        return cls(
            id=d["id"],
            wat=d["wat"],
            wie=d["wie"],
            gemaakt=to_date(d["gemaakt"]),  # type: ignore[arg-type]
            deadline=to_date(d["deadline"]),  # type: ignore[arg-type]
            status=d.get("status", "open"),
            index=index,
            doel=d.get("doel"),
            gedaan_op=to_date(d.get("gedaan_op")),
            reden=d.get("reden"),
            vervallen_op=to_date(d.get("vervallen_op")),
            herkomst=d.get("herkomst"),
            verplaatst=tuple(
                Verplaatsing(to_date(v["van"]), to_date(v["naar"]), to_date(v["datum"]), v["reden"])  # type: ignore[arg-type]
                for v in d.get("verplaatst") or []
            ),
        )


@dataclass(frozen=True)
class Afschaling:
    """A step down: the level it returns to (0: back with the regisseur and the network) and the agreements to follow it."""

    niveau: int
    reden: str
    afspraken: tuple[str, ...] = ()


def party_name(over: str, orgs: dict[str, str]) -> str:
    """Who an escalation is about: an organisation by its name, or the client."""
    return "de cliënt" if over == CLIENT else orgs.get(over, over)


@dataclass(frozen=True)
class Escalatie:
    id: str
    datum: dt.date
    niveau: int
    over: str
    reden: str
    index: int
    verzoek: str | None = None
    afspraken: tuple[str, ...] = ()
    spoed: bool = False
    uitkomst: str | None = None
    afgesloten: dt.date | None = None
    voorstel: str | None = None  # the aanpak proposed at this level (e.g. by the brandpuntfunctionaris)
    opgeschaald_naar: str | None = None  # closed because the next step went higher
    afgeschaald_van: str | None = None  # this step follows a step down from a higher one
    afschaling: Afschaling | None = None  # closed by stepping down

    @property
    def opgelost(self) -> bool:
        """Closed at its own level: not because a higher step took over (older files say so only in 'uitkomst')."""
        return self.afgesloten is not None and self.opgeschaald_naar is None and not (
            self.uitkomst or "").startswith("opgeschaald naar niveau")

    @classmethod
    def from_data(cls, d: dict, index: int) -> Escalatie:
        return cls(
            id=d["id"],
            datum=to_date(d["datum"]),  # type: ignore[arg-type]
            niveau=d["niveau"],
            over=d["over"],
            reden=d["reden"],
            index=index,
            verzoek=d.get("verzoek"),
            afspraken=tuple(d.get("afspraken") or []),
            spoed=d.get("spoed", False),
            uitkomst=d.get("uitkomst"),
            afgesloten=to_date(d.get("afgesloten")),
            voorstel=d.get("voorstel"),
            opgeschaald_naar=d.get("opgeschaald_naar"),
            afgeschaald_van=d.get("afgeschaald_van"),
            afschaling=Afschaling(a["niveau"], a["reden"], tuple(a.get("afspraken") or ())) if (a := d.get("afschaling")) else None,
        )


@dataclass(frozen=True)
class Evaluatie:
    datum: dt.date
    soort: str
    scores: dict[str, int | None]
    samenwerking: int | None
    besluit: str | None
    file: str
    # fields left empty (null) to be filled in, as a new evaluation from `regie evaluate` has them
    in_te_vullen: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, d: dict, file: str) -> Evaluatie:
        scores = d.get("scores") or {}
        empty = [k for k, v in scores.items() if v is None]
        empty += [k for k in ("samenwerking", "besluit") if k in d and d[k] is None]
        return cls(
            datum=to_date(d["datum"]),  # type: ignore[arg-type]
            soort=d["soort"],
            scores=dict(d.get("scores") or {}),
            samenwerking=d.get("samenwerking"),
            besluit=d.get("besluit"),
            file=file,
            in_te_vullen=tuple(empty),
        )


@dataclass(frozen=True)
class JournaalEntry:
    datum: dt.date
    soort: str
    file: str

    @classmethod
    def from_data(cls, d: dict, file: str) -> JournaalEntry:
        return cls(datum=to_date(d["datum"]), soort=d["soort"], file=file)  # type: ignore[arg-type]


GRONDSLAGEN = {
    "toestemming": "met uw toestemming",
    "wettelijke-plicht": "omdat de wet dat verplicht",
    "vitaal-belang": "om uw leven of gezondheid (of die van een ander) te beschermen",
    "publieke-taak": "voor een taak van algemeen belang of openbaar gezag",
    "gerechtvaardigd-belang": "op grond van een gerechtvaardigd belang, na een afweging",
    "afweging": "zonder uw toestemming, op grond van de afweging die in uw dossier staat",
}


@dataclass(frozen=True)
class Verstrekking:
    """Something from the dossier given to someone outside the network's regie (AVG art. 15(1)(c))."""

    id: str
    datum: dt.date
    aan: str
    wat: str
    grondslag: str
    ontvanger: str | None = None
    escalatie: str | None = None
    index: int = 0

    @classmethod
    def from_data(cls, d: dict, index: int) -> Verstrekking:
        return cls(d["id"], to_date(d["datum"]), d["aan"], d["wat"], d["grondslag"], d.get("ontvanger"),  # type: ignore[arg-type]
                   d.get("escalatie"), index)


@dataclass
class Case:
    """One case folder. A part is None when its file is missing or invalid."""

    id: str
    folder: str
    casus: Casus | None = None
    melding: Melding | None = None
    netwerk: Netwerk | None = None
    plan: Plan | None = None
    afspraken: tuple[Afspraak, ...] = ()
    escalaties: tuple[Escalatie, ...] = ()
    evaluaties: tuple[Evaluatie, ...] = ()
    journaal: tuple[JournaalEntry, ...] = ()
    verstrekkingen: tuple[Verstrekking, ...] = ()
    # which files were present but could not be used (so rules do not pile on)
    broken: set[str] = field(default_factory=set)

    def consent(self) -> str:
        """The consent status on record (``niet-gevraagd`` when the case holds none)."""
        return self.casus.toestemming.status if self.casus and self.casus.toestemming else "niet-gevraagd"

    def jeugd(self) -> bool:
        """A case for the verwijsindex, as far as the files tell: the client was a minor at the melding,
        the case keeps the jeugd retention category, or its doelgroep is jeugd or gezin."""
        c, m = self.casus, self.melding
        doelgroep = (m.doelgroep if m else None) or (c.doelgroep if c else None)
        return bool((m and m.minderjarig) or (c and c.bewaarcategorie == "jeugd") or doelgroep in JEUGD_DOELGROEPEN)

    def meldcode_nodig(self, net: Network) -> bool:
        """A safety risk at the melding, of a kind the meldcode huiselijk geweld en kindermishandeling is for."""
        m = self.melding
        return bool(m and m.veiligheidsrisico and m.soort in net.meldcode_meldingsoorten)

    def who_is_known(self, net: Network) -> set[str]:
        """Everyone an afspraak's ``wie`` may name: betrokkenen, regisseurs and the client."""
        known = net.regisseur_ids() | {CLIENT}
        if self.netwerk:
            known |= self.netwerk.betrokkene_ids()
        return known

    def who_labels(self, net: Network) -> dict[str, str]:
        """How a document names whoever an afspraak's ``wie`` points at."""
        orgs = net.organisatie_namen()
        labels = {r.id: f"{r.naam} (regisseur)" for r in net.regisseurs}
        labels[CLIENT] = "cliënt"
        if self.netwerk:
            for p in self.netwerk.professionals:
                labels[p.id] = f"{p.rol}, {orgs.get(p.organisatie, p.organisatie)}"
            for n in self.netwerk.naasten:
                labels[n.id] = n.relatie
        return labels


@dataclass(frozen=True)
class Signaal:
    """A policy signal (werkproces 2d): a bottleneck seen across cases."""

    id: str
    datum: dt.date
    over: str
    aard: str
    status: str
    casussen: tuple[str, ...]
    organisatie: str | None
    file: str
    antwoord: str | None = None
    beantwoord_op: dt.date | None = None

    @classmethod
    def from_data(cls, d: dict, file: str) -> Signaal:
        status = SIGNAL_OLD_NAMES.get(d["status"], d["status"])
        return cls(d["id"], to_date(d["datum"]), d["over"], d["aard"], status,  # type: ignore[arg-type]
                   tuple(d.get("casussen") or []), d.get("organisatie"), file, d.get("antwoord"),
                   to_date(d.get("beantwoord_op")))


# Work outside one case (werkprocessen 3a-3d, 6a, 6b, 6d), in the network journal at the repository root.
NETWORK_JOURNAL_KINDS = ("consultatie", "intervisie", "voorlichting", "deskundigheidsbevordering", "netwerkoverleg")


@dataclass(frozen=True)
class NetwerkNotitie:
    datum: dt.date
    soort: str
    file: str
    regisseur: str | None = None
    casussen: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, d: dict, file: str) -> NetwerkNotitie:
        return cls(to_date(d["datum"]), d["soort"], file, d.get("regisseur"), tuple(d.get("casussen") or ()))  # type: ignore[arg-type]


# A signal's life, in order; older files may still say ingediend or afgehandeld.
SIGNAL_STATUS = ("open", "ingebracht", "beantwoord", "gesloten")
SIGNAL_OLD_NAMES = {"ingediend": "ingebracht", "afgehandeld": "gesloten"}
