"""The case as typed objects: the records of one case folder, and ``Case`` that holds them.

Objects are built from data that has passed its JSON Schema (see ``regie.schema``),
so constructors can trust types; dates arrive as ISO strings and become
``datetime.date`` here. Each object remembers its index in its file's list so a
rule can point at the right line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..clock import from_checked, to_day
from ..errors import DossierInvalid
from ..layout import CASE_FILE, MELDING_FILE
from .afscherming import Schild
from .bijeenkomst import Bijeenkomst
from .casus import Casus
from .network import Network
from .network_records import Consult
from .onderzoek import Kwaliteit, kwaliteiten
from .plan import Plan
from .vocab import CLIENT, JEUGD_DOELGROEPEN


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
            datum=to_day(d["datum"]),
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
    kwaliteit: tuple[Kwaliteit, ...] = ()  # steunend, belastend or onveilig, oldest first
    voorziening: str | None = None  # an informal resource of the sociale kaart (a maatje of the maatjesproject)

    @property
    def oordeel(self) -> Kwaliteit | None:
        return self.kwaliteit[-1] if self.kwaliteit else None


@dataclass(frozen=True)
class Netwerk:
    professionals: tuple[Professional, ...] = ()
    naasten: tuple[Naaste, ...] = ()

    @classmethod
    def from_data(cls, d: dict) -> Netwerk:
        return cls(
            professionals=tuple(
                Professional(p["id"], p["organisatie"], p["rol"], i, from_checked(p.get("tot")))
                for i, p in enumerate(d.get("professionals") or [])
            ),
            naasten=tuple(
                Naaste(n["id"], n["relatie"], n.get("steunend", True), n.get("vip", False), n.get("betrokken", False), i,
                       from_checked(n.get("tot")), kwaliteiten(n.get("kwaliteit")), n.get("voorziening"))
                for i, n in enumerate(d.get("naasten") or [])
            ),
        )

    def betrokkene_ids(self) -> set[str]:
        return {p.id for p in self.professionals} | {n.id for n in self.naasten}

    def betrokkenen(self) -> tuple[Professional | Naaste, ...]:  # the professionals, then the naasten
        return (*self.professionals, *self.naasten)

    def gone(self, day: dt.date) -> set[str]:
        """The betrokkenen no longer involved on ``day`` (their ``tot`` lies before it)."""
        return {x.id for x in self.betrokkenen() if x.tot is not None and x.tot < day}


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
    bijeenkomst: str | None = None  # the meeting (B2) where it was agreed

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
            gemaakt=to_day(d["gemaakt"]),
            deadline=to_day(d["deadline"]),
            status=d.get("status", "open"),
            index=index,
            doel=d.get("doel"),
            gedaan_op=from_checked(d.get("gedaan_op")),
            reden=d.get("reden"),
            vervallen_op=from_checked(d.get("vervallen_op")),
            herkomst=d.get("herkomst"),
            bijeenkomst=d.get("bijeenkomst"),
            verplaatst=tuple(
                Verplaatsing(to_day(v["van"]), to_day(v["naar"]), to_day(v["datum"]), v["reden"])
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
    betreft: str | None = None  # the memo's subject line: the matter, not the organisation
    reactie_voor: dt.date | None = None  # the reply the memo asks for, by this day
    geprobeerd: str | None = None  # what was already tried at the working level
    gevolg: str | None = None  # what it means for the client if nothing happens

    @property
    def opgelost(self) -> bool:
        """Closed at its own level: not because a higher step took over (older files say so only in 'uitkomst')."""
        return self.afgesloten is not None and self.opgeschaald_naar is None and not (
            self.uitkomst or "").startswith("opgeschaald naar niveau")

    @classmethod
    def from_data(cls, d: dict, index: int) -> Escalatie:
        return cls(
            id=d["id"],
            datum=to_day(d["datum"]),
            niveau=d["niveau"],
            over=d["over"],
            reden=d["reden"],
            index=index,
            verzoek=d.get("verzoek"),
            afspraken=tuple(d.get("afspraken") or []),
            spoed=d.get("spoed", False),
            uitkomst=d.get("uitkomst"),
            afgesloten=from_checked(d.get("afgesloten")),
            voorstel=d.get("voorstel"),
            opgeschaald_naar=d.get("opgeschaald_naar"),
            afgeschaald_van=d.get("afgeschaald_van"),
            afschaling=Afschaling(a["niveau"], a["reden"], tuple(a.get("afspraken") or ())) if (a := d.get("afschaling")) else None,
            betreft=d.get("betreft"),
            reactie_voor=from_checked(d.get("reactie_voor")),
            geprobeerd=d.get("geprobeerd"),
            gevolg=d.get("gevolg"),
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
    eigen_woorden: str | None = None  # the evaluation in the client's own words

    @classmethod
    def from_data(cls, d: dict, file: str) -> Evaluatie:
        scores = d.get("scores") or {}
        empty = [k for k, v in scores.items() if v is None]
        empty += [k for k in ("samenwerking", "besluit") if k in d and d[k] is None]
        return cls(
            datum=to_day(d["datum"]),
            soort=d["soort"],
            scores=dict(d.get("scores") or {}),
            samenwerking=d.get("samenwerking"),
            besluit=d.get("besluit"),
            file=file,
            in_te_vullen=tuple(empty),
            eigen_woorden=d.get("eigen_woorden"),
        )


@dataclass(frozen=True)
class JournaalEntry:
    datum: dt.date
    soort: str
    file: str
    bron: str | None = None  # the record it is about (e.g. meldcode): withheld from the inzage with it

    @classmethod
    def from_data(cls, d: dict, file: str) -> JournaalEntry:
        return cls(datum=to_day(d["datum"]), soort=d["soort"], file=file, bron=d.get("bron"))


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
    bron: str | None = None  # the record it is derived from (meldcode, an escalation, ...): withheld with it
    categorieen: tuple[str, ...] = ()  # the kinds of data given (regie.dossier.gegevens)

    @classmethod
    def from_data(cls, d: dict, index: int) -> Verstrekking:
        return cls(d["id"], to_day(d["datum"]), d["aan"], d["wat"], d["grondslag"], d.get("ontvanger"),
                   d.get("escalatie"), index, d.get("bron"), tuple(d.get("categorieen") or ()))


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
    bijeenkomsten: tuple[Bijeenkomst, ...] = ()
    consulten: tuple[Consult, ...] = ()  # consultations about this case (kerntaak 3)
    afscherming: tuple[Schild, ...] = ()  # every record withheld from the inzage (afgeschermd), as written
    # which files were present but could not be used (so rules do not pile on)
    broken: set[str] = field(default_factory=set)

    def with_casus(self) -> CaseWithCasus:
        """This case with ``casus.yaml`` read, typed so; DossierInvalid when that file is missing or unusable."""
        if self.casus is None:
            raise DossierInvalid("bestand ontbreekt of is ongeldig", path=f"{self.folder}/casus.yaml", code="ontbreekt")
        return self if isinstance(self, CaseWithCasus) else CaseWithCasus(**vars(self))

    def checked(self) -> CheckedCase:
        """This case with both required files read, typed so; DossierInvalid naming the first that is missing or unusable."""
        for name, part in ((CASE_FILE, self.casus), (MELDING_FILE, self.melding)):
            if part is None:
                raise DossierInvalid("bestand ontbreekt of is ongeldig", path=f"{self.folder}/{name}", code="ontbreekt")
        return self if isinstance(self, CheckedCase) else CheckedCase(**vars(self))

    def usable(self) -> CheckedCase | None:
        """This case as a :class:`CheckedCase`, or None when a required file is missing or unusable."""
        return None if self.casus is None or self.melding is None else self.checked()

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


@dataclass
class CaseWithCasus(Case):
    """A case whose ``casus.yaml`` was read: what a command that works on one case has (``load_case`` needs that file)."""

    casus: Casus


@dataclass
class CheckedCase(CaseWithCasus):
    """A case whose required files (``casus.yaml`` and ``melding.yaml``) were both read: what the figures count."""

    melding: Melding
