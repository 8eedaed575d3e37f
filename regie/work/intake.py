"""The intake decision on a new melding (werkproces 1a): taken on, or not and closed with its referral."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.lint import check_value
from ..dossier.loader import load_case
from ..dossier.repo import case_dir
from ..dossier.vocab import INTAKE_BESLUITEN
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, new_map, put
from ..layout import AFSPRAKEN_FILE, CASE_FILE, MELDING_FILE
from ..store.transaction import exclusive
from .closing import mark_closed
from .gesloten import refuse_if_closed
from .mutation import Change, apply

NOT_TAKEN_ON = "niet-geaccepteerd"  # the sluitreden of a melding the network does not take on


@exclusive("intake")
def intake(
    root: Path, cid: str, *, besluit: str, reden: str, today: dt.date, datum: dt.date | None = None,
    verwezen_naar: str | None = None, commit: bool = True,
) -> tuple[str, Change]:
    """Decide on a new melding (werkproces 1a): taken on (status onderzoek), or not — then the case is closed
    with its referral on record and kept only as long as its short retention category says."""

    check_value("de reden", reden, field="reden")

    if besluit not in INTAKE_BESLUITEN:
        raise UsageError(f"onbekend besluit '{besluit}'; kies uit: {', '.join(INTAKE_BESLUITEN)}")
    if not reden.strip():
        raise UsageError("de reden mag niet leeg zijn", field="reden")
    if verwezen_naar is not None and besluit == "aangenomen":
        raise UsageError("waarheen verwezen is hoort bij een melding die niet wordt aangenomen", field="verwezen_naar")
    refuse_if_closed(root, cid)
    net, case, _ = load_case(root, cid, needs=(CASE_FILE, MELDING_FILE, AFSPRAKEN_FILE))
    c, m = case.casus, case.melding
    assert c is not None and m is not None
    if c.intake is not None:
        raise RegieError(f"casus {cid} heeft al een intakebesluit: {c.intake.besluit} op {c.intake.datum.isoformat()}")
    if c.status != "melding":
        raise RegieError(f"casus {cid} is al {c.status}; een intakebesluit hoort bij een nieuwe melding (status melding)")
    orgs = net.organisatie_namen()
    if verwezen_naar is not None:
        net.require_organisatie(verwezen_naar, field="verwezen_naar")
    when = event_date(datum, today, after=c.geopend, after_what="de opening van de casus")
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/casus.yaml")
    put(doc.data, "intake", new_map({"datum": when, "besluit": besluit, "reden": reden, "verwezen_naar": verwezen_naar}))
    if besluit == "aangenomen":
        doc.data["status"] = "onderzoek"
        what, warnings = f"melding van casus {cid} aangenomen: status onderzoek", []
    else:
        if NOT_TAKEN_ON not in net.sluitredenen:
            raise RegieError(f"sluitreden '{NOT_TAKEN_ON}' staat niet in sluitredenen in regie.yaml; voeg die toe")
        if any(a.status == "open" for a in case.afspraken):
            raise RegieError(f"casus {cid} heeft al open afspraken; rond die af of sluit de casus met 'regie close'")
        mark_closed(doc.data, net, case, when, NOT_TAKEN_ON, None, "melding niet aangenomen")
        what = f"melding van casus {cid} niet aangenomen: casus gesloten" + (
            f", verwezen naar {orgs[verwezen_naar]}" if verwezen_naar else "")
        warnings = [] if verwezen_naar else ["niet vastgelegd naar welke organisatie de melding is verwezen"]
    problems = apply(root, cid, {path: doc.dump()}, f"regie intake: melding van casus {cid} {besluit.replace('-', ' ')}",
                     today, commit=commit)
    return what, Change(paths=[path], warnings=warnings, problems=problems)
