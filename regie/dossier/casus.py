"""``casus.yaml`` as typed objects: the case's own record (status, regisseur, consent, hand-overs, household, ...).

Built from data that has passed its JSON Schema; part of the case model (``model.Case.casus``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..clock import from_checked, to_day
from .meldcode import Meldcode
from .onderzoek import Hulp, Kracht, ZrmMeting, zrm_metingen


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
        return cls(t["status"], from_checked(t.get("datum")), t.get("afweging"),
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
    def from_data(cls, t: dict) -> Toestemming:
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
    bron: str | None = None  # the record it follows from (meldcode: a handover to Veilig Thuis); withheld with it


@dataclass(frozen=True)
class Verwijsindex:
    """References only: who signalled when, who matched, who coordinates. Never content."""

    signaal_datum: dt.date | None = None
    signaal_organisatie: str | None = None
    match_datum: dt.date | None = None
    match_organisaties: tuple[str, ...] = ()
    regievoerder: str | None = None
    signaal_afgemeld: dt.date | None = None  # the signal withdrawn (afgemeld) from the verwijsindex

    @classmethod
    def from_data(cls, d: dict | None) -> Verwijsindex | None:
        if d is None:
            return None
        signaal, match = d.get("signaal") or {}, d.get("match") or {}
        return cls(from_checked(signaal.get("datum")), signaal.get("organisatie"), from_checked(match.get("datum")),
                   tuple(match.get("organisaties") or ()), d.get("regievoerder"), from_checked(signaal.get("afgemeld")))


@dataclass(frozen=True)
class LidSignaal:
    """A member's own signal in the Verwijsindex Risicojongeren (it works per child): who, when, and when withdrawn."""

    datum: dt.date
    organisatie: str
    afgemeld: dt.date | None = None

    @classmethod
    def from_data(cls, d: dict | None) -> LidSignaal | None:
        return cls(to_day(d["datum"]), d["organisatie"], from_checked(d.get("afgemeld"))) if d else None


@dataclass(frozen=True)
class LidToestemming:
    """A member's own consent: its status and date, who gave it (members, ``client``, an organisation with gezag),
    and what for (``hulp``: consent to help, WGBO/Jeugdwet; ``delen``: consent as the ground for sharing data, AVG)."""

    status: str
    datum: dt.date | None = None
    door: tuple[str, ...] = ()
    voor: tuple[str, ...] = ("hulp", "delen")

    @classmethod
    def from_data(cls, d: dict | None) -> LidToestemming | None:
        if not d:
            return None
        return cls(d["status"], from_checked(d.get("datum")), tuple(d.get("door") or ()),
                   tuple(d.get("voor") or ("hulp", "delen")))


@dataclass(frozen=True)
class Lid:
    """A member of the household: a role, the year of birth only, a pseudonym, the leefgebieden that concern them."""

    id: str
    rol: str
    index: int
    geboortejaar: int | None = None
    pseudoniem: str | None = None
    leefgebieden: tuple[str, ...] = ()
    gezag: tuple[str, ...] = ()  # the members (L1, L2) or the one organisation holding parental authority
    toestemming: LidToestemming | None = None
    verwijsindex: LidSignaal | None = None

    @classmethod
    def from_data(cls, m: dict, index: int) -> Lid:
        gezag = m.get("gezag")
        return cls(m["id"], m["rol"], index, m.get("geboortejaar"), m.get("pseudoniem"), tuple(m.get("leefgebieden") or ()),
                   (gezag,) if isinstance(gezag, str) else tuple(gezag or ()), LidToestemming.from_data(m.get("toestemming")),
                   LidSignaal.from_data(m.get("verwijsindex")))


@dataclass(frozen=True)
class Huishouden:
    id: str
    leden: tuple[Lid, ...] = ()

    @classmethod
    def from_data(cls, d: dict | None) -> Huishouden | None:
        if d is None:
            return None
        return cls(d["id"], tuple(Lid.from_data(m, i) for i, m in enumerate(d.get("leden") or ())))


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
    samengevoegd_zonder_huishouden: str | None = None  # why it was merged with a case of no shared household
    cti_fasen: tuple[CtiFase, ...] = ()
    hulp: tuple[Hulp, ...] = ()  # the onderzoekende rol: past and current help, strengths, ZRM measurements
    krachten: tuple[Kracht, ...] = ()
    zrm: tuple[ZrmMeting, ...] = ()  # oldest first: the first is the baseline (nulmeting)

    @property
    def nulmeting(self) -> ZrmMeting | None:
        return self.zrm[0] if self.zrm else None

    @classmethod
    def from_data(cls, d: dict) -> Casus:
        t = d["toestemming"]
        return cls(
            id=str(d["id"]),
            status=d["status"],
            regisseur=d["regisseur"],
            pseudoniem=d["pseudoniem"],
            geopend=to_day(d["geopend"]),
            urgentie=d["urgentie"],
            leefgebieden=tuple(d.get("leefgebieden", [])),
            toestemming=Toestemming.from_data(t),
            traject=d.get("traject", "regulier"),
            doelgroep=d.get("doelgroep"),
            casemanager=d.get("casemanager"),
            gesloten=from_checked(d.get("gesloten")),
            sluitreden=d.get("sluitreden"),
            bewaren_tot=from_checked(d.get("bewaren_tot")),
            bewaarcategorie=d.get("bewaarcategorie"),
            overgedragen_aan=d.get("overgedragen_aan"),
            zonder_evaluatie=d.get("zonder_evaluatie"),
            nazorg_tot=from_checked(d.get("nazorg_tot")),
            historie=tuple(
                Overdracht(to_day(h["datum"]), h["reden"], h.get("regisseur"), h.get("organisatie"),
                           h.get("casushouder"), h.get("tijdelijk", False), h.get("terug", False), h.get("status_voor"),
                           h.get("bron"))
                for h in d.get("regie_historie") or []
            ),
            meldcode=Meldcode.from_data(d.get("meldcode"), from_checked),
            verwijsindex=Verwijsindex.from_data(d.get("verwijsindex")),
            intake=Intake(to_day(i["datum"]), i["besluit"], i.get("reden"), i.get("verwezen_naar"))
            if (i := d.get("intake")) else None,
            huishouden=Huishouden.from_data(d.get("huishouden")),
            samengevoegd_met=d.get("samengevoegd_met"),
            samengevoegd_zonder_huishouden=d.get("samengevoegd_zonder_huishouden"),
            cti_fasen=tuple(CtiFase(f["fase"], to_day(f["van"]), i, tuple(f.get("doelen") or ()))
                            for i, f in enumerate((d.get("cti") or {}).get("fasen") or ())),
            hulp=tuple(Hulp.from_data(h, i) for i, h in enumerate(d.get("hulp") or ())),
            krachten=tuple(Kracht.from_data(k, i) for i, k in enumerate(d.get("krachten") or ())),
            zrm=zrm_metingen(d.get("zrm")),
        )
