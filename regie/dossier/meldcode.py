"""De meldcode huiselijk geweld en kindermishandeling, as a case records it (seed 004).

Five steps, each with its date and who took it; step 4 weighs the five questions of the
afwegingskader, step 5 decides: melden bij Veilig Thuis and/or organise help. Whether and
when the family was told is recorded beside the steps. The answers of step 4 lead to a
conclusion the way the afwegingskader does: the first decisive answer settles it.

The meldcode as walked: step 3 (the conversation with the client) may be skipped when it would
endanger someone or no contact is possible (``overgeslagen``, with the reason); step 2 names who
was consulted by role (``geraadpleegd``), never by name; a decision for *hulp* in step 5 sets the
day by which question 5 (lasting safety) is answered (``vraag5_voor``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STAPPEN = {
    1: "signalen in kaart brengen",
    2: "collegiale consultatie en zo nodig Veilig Thuis raadplegen",
    3: "gesprek met de cliënt",
    4: "wegen aan de hand van het afwegingskader",
    5: "beslissen: melden bij Veilig Thuis en/of hulp organiseren",
}

# The afwegingskader's questions, in order: key in casus.yaml -> the question.
VRAGEN = {
    "vermoeden": "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
    "onveilig": "Is er sprake van acute of structurele onveiligheid?",
    "zelf_hulp": "Kan ik zelf passende hulp bieden of organiseren?",
    "hulp_geaccepteerd": "Aanvaarden de betrokkenen de hulp?",
    "duurzaam_veilig": "Leidt de hulp binnen de gestelde termijn tot duurzame veiligheid?",
}
# The answer to each question that means: melden bij Veilig Thuis (None: the question cannot lead there).
_MELDEN_BIJ = {"vermoeden": None, "onveilig": True, "zelf_hulp": False, "hulp_geaccepteerd": False, "duurzaam_veilig": False}

# Why step 3 (the conversation with the client) was not held: the meldcode allows skipping it only for these.
OVERSLAAN = {
    "veiligheid": "het gesprek zou de veiligheid van de cliënt, een ander of de professional in gevaar brengen",
    "geen-contact": "er is geen contact met de cliënt mogelijk",
}

# Who step 2 consulted, by role (never a name): the key in casus.yaml -> how a document says it.
GERAADPLEEGD = {
    "aandachtsfunctionaris": "de aandachtsfunctionaris",
    "veilig-thuis": "Veilig Thuis",
    "collega": "een collega",
    "leidinggevende": "de leidinggevende",
    "jeugdarts": "de jeugdarts",
    "huisarts": "de huisarts",
}

BESLUITEN = ("melden", "hulp")  # melden bij Veilig Thuis; hulp bieden of organiseren

CONCLUSIES = {
    "geen-vermoeden": "geen vermoeden: de meldcode stopt hier",
    "melden": "melden bij Veilig Thuis",
    "hulp": "hulp bieden of organiseren en de veiligheid volgen",
    "veilig": "de hulp leidt tot duurzame veiligheid: afsluiten",
}


@dataclass(frozen=True)
class Stap:
    stap: int
    datum: dt.date
    wie: str
    index: int
    toelichting: str | None = None
    veilig_thuis_geraadpleegd: bool = False  # step 2
    afweging: tuple[tuple[str, bool], ...] = ()  # step 4: (question key, answer) in the kader's order
    besluit: tuple[str, ...] = ()  # step 5
    gemeld: dt.date | None = None  # step 5: the day of the melding bij Veilig Thuis
    overgeslagen: str | None = None  # step 3: why the conversation was not held (a key of OVERSLAAN)
    geraadpleegd: tuple[str, ...] = ()  # step 2: who was consulted, by role (keys of GERAADPLEEGD)
    vraag5_voor: dt.date | None = None  # step 5 with hulp: question 5 answered by this day

    @property
    def naam(self) -> str:
        return STAPPEN[self.stap]

    def rollen(self) -> tuple[str, ...]:
        """Step 2: the roles consulted, Veilig Thuis included when ``veilig_thuis_geraadpleegd`` says so."""
        roles = [*self.geraadpleegd] + (["veilig-thuis"] if self.veilig_thuis_geraadpleegd else [])
        return tuple(dict.fromkeys(roles))

    def conclusie(self) -> str | None:
        """What the answers of step 4 lead to (a key of CONCLUSIES), or None when a needed answer is missing."""
        return conclusie(dict(self.afweging))


def conclusie(answers: dict[str, bool]) -> str | None:
    """The afwegingskader: the first decisive answer settles it; None when an answer it needs is missing."""
    for key in VRAGEN:
        if key not in answers:
            # only question 5 may wait: it is asked once the help has had its time
            return "hulp" if key == "duurzaam_veilig" else None
        answer = answers[key]
        if key == "vermoeden" and not answer:
            return "geen-vermoeden"
        if answer is _MELDEN_BIJ[key]:
            return "melden"
    return "veilig"


def missing_answer(answers: dict[str, bool]) -> str | None:
    """The first question the afweging still needs an answer to before it concludes (None: it concludes)."""
    if conclusie(answers) is not None:
        return None
    return next(key for key in VRAGEN if key not in answers)


@dataclass(frozen=True)
class Meldcode:
    stappen: tuple[Stap, ...] = ()
    gezin_geinformeerd: dt.date | None = None
    gezin_niet_geinformeerd: str | None = None  # the reason the family was not told
    vraag5_open_bij_sluiting: str | None = None  # why the case closed with question 5 still open (``close``)

    @classmethod
    def from_data(cls, d: dict | None, to_date) -> Meldcode | None:
        if d is None:
            return None
        told = d.get("gezin_geinformeerd") or {}
        return cls(
            stappen=tuple(
                Stap(s["stap"], to_date(s["datum"]), s["wie"], i, s.get("toelichting"),
                     bool(s.get("veilig_thuis_geraadpleegd", False)),
                     tuple((k, s["afweging"][k]) for k in VRAGEN if k in (s.get("afweging") or {})),
                     tuple(s.get("besluit") or ()), to_date(s.get("gemeld")), s.get("overgeslagen"),
                     tuple(s.get("geraadpleegd") or ()), to_date(s.get("vraag5_voor")))
                for i, s in enumerate(d.get("stappen") or [])
            ),
            gezin_geinformeerd=to_date(told.get("datum")),
            gezin_niet_geinformeerd=told.get("niet"),
            vraag5_open_bij_sluiting=d.get("vraag5_open_bij_sluiting"),
        )

    def laatste(self, stap: int) -> Stap | None:
        """The most recent record of a step (a step may be taken again, e.g. a new afweging)."""
        found = [s for s in self.stappen if s.stap == stap]
        return max(found, key=lambda s: (s.datum, s.index)) if found else None

    def gemeld(self) -> dt.date | None:
        """The first day a melding bij Veilig Thuis was made, if any."""
        days = [s.gemeld for s in self.stappen if s.gemeld]
        return min(days) if days else None

    def vraag5_open(self, termijn_dagen: int) -> tuple[Stap, dt.date] | None:
        """The decision for *hulp* whose question 5 (lasting safety) is still unanswered, with the day it is due.

        Answered means: a later afweging (step 4, on or after the decision) answers ``duurzaam_veilig``.
        A decision without ``vraag5_voor`` (written by hand) is due ``termijn_dagen`` after it.
        """
        decided = self.laatste(5)
        if decided is None or "hulp" not in decided.besluit:
            return None
        if any(s.stap == 4 and "duurzaam_veilig" in dict(s.afweging) and (s.datum, s.index) >= (decided.datum, decided.index)
               for s in self.stappen):
            return None
        return decided, decided.vraag5_voor or decided.datum + dt.timedelta(days=termijn_dagen)


def summary(record: Meldcode | None) -> dict | None:
    """The meldcode record as JSON-ready data: each step with its date, who, and what it decided."""
    if record is None:
        return None
    steps = []
    for s in record.stappen:
        step: dict = {"stap": s.stap, "naam": s.naam, "datum": s.datum.isoformat(), "wie": s.wie}
        if s.stap == 2:
            step["veilig_thuis_geraadpleegd"] = "veilig-thuis" in s.rollen()
            step["geraadpleegd"] = list(s.rollen())
        if s.stap == 3:
            step["overgeslagen"] = s.overgeslagen
        if s.stap == 4:
            step["afweging"] = dict(s.afweging)
            step["conclusie"] = s.conclusie()
        if s.stap == 5:
            step["besluit"] = list(s.besluit)
            step["gemeld"] = s.gemeld.isoformat() if s.gemeld else None
            step["vraag5_voor"] = s.vraag5_voor.isoformat() if s.vraag5_voor else None
        steps.append(step)
    gemeld = record.gemeld()
    return {
        "stappen": steps,
        "gemeld": gemeld.isoformat() if gemeld else None,
        "gezin_geinformeerd": record.gezin_geinformeerd.isoformat() if record.gezin_geinformeerd else None,
        "gezin_niet_geinformeerd": record.gezin_niet_geinformeerd is not None,
    }
