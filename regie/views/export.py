"""Inzage: a person's right of access — one readable document with everything the dossier holds about them.

``--voor client`` (the default) or ``--voor L2`` (a member of the household): each gets what they
are entitled to see — their own data and what the household shares, never what is withheld
(``afgeschermd``, and the meldcode while the family is not informed) nor anything derived from it,
and only their own identity data. Only the one case is read; signals and other cases are never
loaded, and other case ids in commit messages are hidden.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..dossier.afscherming import VERWIJSINDEX
from ..dossier.bijeenkomst import attendee_labels
from ..dossier.loader import load_case
from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_ids
from ..dossier.retention import category
from ..dossier.vocab import GRONDSLAGEN
from ..dossier.withheld import withheld
from ..errors import GitError, RegieError, UsageError
from ..formats.yamlio import parse_yaml
from ..layout import CASE_FILE, PLAN_FILE
from ..privacy import identity
from ..render.templates import environment, leefgebied_namen, render
from ..store import gitops
from . import inzage_taal as taal
from .caselog import dossier_entries, git_entries
from .inzage import (
    CLIENT,
    member_goals_hidden,
    member_leefgebieden_hidden,
    member_people_hidden,
    redact,
    visible_commits,
    without_leefgebieden,
)
from .onderzoek import onderzoek_view
from .safety import meldcode_lines, member_signal_lines, names, verwijsindex_lines

# The sections regie's evaluation template writes from the dossier itself: the inzage shows those records in its own
# sections (an evaluation's copy would show them twice, with an empty column), so only the regisseur's text stays.
_GENERATED = re.compile(r"^#{1,6} (Doelen van het plan van aanpak|Afspraken( sinds .*)?|Open escalaties)\s*$")


def evaluation_prompts(root: Path) -> set[str]:
    """The questions the evaluation template puts in a new evaluation for the regisseur to answer (lines of
    plain text ending in '?'): they are the regisseur's prompt, not something the dossier says about the client."""

    env = environment(root)
    try:
        text = env.loader.get_source(env, "evaluatie.md.j2")[0]
    except Exception:  # noqa: BLE001 - no template, no prompts to leave out
        return set()
    return {line.strip() for line in text.splitlines()
            if line.strip().endswith("?") and "{" not in line and not line.lstrip().startswith(("#", "|", "-"))}


def without_generated(text: str) -> str:
    """An evaluation's text without its title (the inzage writes its own) and the sections copied from the dossier."""
    out: list[str] = []
    skip_level = 0
    for i, line in enumerate(text.split("\n")):
        level = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        if level and skip_level and level <= skip_level:
            skip_level = 0
        if level == 1 and not any(x.startswith("# ") for x in text.split("\n")[:i]):
            continue  # the title
        if level and _GENERATED.match(line):
            skip_level = level
            continue
        if not skip_level:
            out.append(line)
    return "\n".join(out)


def without_prompts(text: str, prompts: set[str]) -> str:
    """``text`` without the template's prompt lines, and without a heading left with nothing under it."""
    lines = [line for line in text.split("\n") if line.strip() not in prompts]
    out: list[str] = []
    for i, line in enumerate(lines):
        if line.startswith("#"):
            rest = next((x for x in lines[i + 1:] if x.strip()), None)
            if rest is None or rest.startswith("#") and len(rest) - len(rest.lstrip("#")) <= len(line) - len(line.lstrip("#")):
                continue  # a heading with nothing under it
        out.append(line)
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")


def _member(case: CaseWithCasus, voor: str):
    if voor == CLIENT:
        return None
    leden = {m.id: m for m in case.casus.huishouden.leden} if case.casus.huishouden else {}
    if voor not in leden:
        raise UsageError(f"casus {case.id} heeft geen lid '{voor}' in het huishouden; kies 'client' of een lid "
                         f"(wel: {', '.join(sorted(leden)) or 'geen'})", field="voor")
    return leden[voor]


def identity_context(root: Path, net: Network, case: CaseWithCasus, voor: str) -> dict:
    """The person's own identity data when this user can decrypt them, else who can show them."""
    path = identity.path_of(root, case.id)
    regisseurs = {r.id: r.naam for r in net.regisseurs}
    holders = [case.casus.regisseur, *(b for b in net.beheerders if b != case.casus.regisseur)]
    out: dict = {"bestaat": path.is_file(), "gegevens": None,
                 "wie": [regisseurs.get(h, h) for h in holders]}
    if not path.is_file():
        return out
    try:
        data = parse_yaml(identity.decrypt(path.read_bytes(), f"{case.folder}/{identity.FILE}"), identity.FILE) or {}
    except RegieError:
        return out
    if voor == CLIENT:
        own = {k: data.get(k) for k in ("naam", "bsn", "geboortedatum", "adres", "telefoon", "email")}
    else:
        own = next((dict(m) for m in data.get("huishouden") or [] if isinstance(m, dict) and m.get("lid") == voor), {})
        own.pop("lid", None)
        own.pop("betrokkene", None)
    out["gegevens"] = taal.identity_rows(own)
    return out


def _log(root: Path, net: Network, shown: CaseWithCasus, full: CaseWithCasus, hidden: set[str]) -> list:
    entries = dossier_entries(net, shown)
    try:
        gitops.open_repo(root)
        redact_ids = {x for x in case_ids(root) if x != full.id}
        entries += visible_commits(git_entries(root, full, redact=redact_ids), full, hidden)
    except GitError:
        pass
    order = {"dossier": 0, "git": 1}
    return sorted(entries, key=lambda e: (e.datum, order[e.bron]))


def export_context(root: Path, cid: str, today: dt.date, voor: str = CLIENT) -> dict:
    net, full, dossier = load_case(root, cid, needs=(CASE_FILE,))
    member = _member(full, voor)
    goals = member_goals_hidden(full, voor)
    hidden = withheld(full, net, today, also=goals | member_people_hidden(full, goals))
    case = without_leefgebieden(redact(full, hidden), member_leefgebieden_hidden(full, voor, goals))
    if member is not None and case.casus.huishouden is not None:  # a member sees their own row of the household
        case.casus = taal.only_member(case.casus, voor)

    def body(rel: str) -> str:
        src = dossier.sources.get(rel)
        return (src.body or "").strip("\n") if src else ""

    prompts = evaluation_prompts(root)
    orgs = net.organisatie_namen()
    lg_names = leefgebied_namen(root)
    melding_src = dossier.sources.get(f"{case.folder}/melding.yaml")
    c = case.casus
    return {
        "netwerk": net.naam,
        "vandaag": today,
        "case": case,
        "casus": c,
        "lid": member,
        "melding": case.melding,
        "melding_data": melding_src.data if melding_src and case.melding else {},
        "betrokkenen": taal.betrokkenen(case, orgs),
        "plan": case.plan,
        "plan_tekst": body(f"{case.folder}/{PLAN_FILE}") if case.plan else "",
        "afspraken": case.afspraken,
        "escalaties": case.escalaties,
        "verstrekkingen": [(v, taal.kinds(v.categorieen, lg_names)) for v in case.verstrekkingen],
        "grondslagen": GRONDSLAGEN,
        "toestemming_gegevens": taal.kinds(c.toestemming.gegevens, lg_names),
        "evaluaties": [(e, without_prompts(without_generated(body(e.file)), prompts)) for e in case.evaluaties],
        "journaal": [(j, body(j.file)) for j in case.journaal],
        "bijeenkomsten": meetings_seen(net, case),
        # the client's own inzage: a consultation may be about any member of the household
        "consulten": [(k, dossier.sources[k.file].data, _untitled(body(k.file))) for k in case.consulten
                      if k.file in dossier.sources] if voor == CLIENT else [],
        "wie": case.who_labels(net),
        "orgs": orgs,
        "ladder": {e.id: taal.in_zin(net.level_name(e.over, e.niveau)) for e in case.escalaties},
        "regisseur": next((r.naam for r in net.regisseurs if r.id == c.regisseur), None),
        "log": _log(root, net, case, full, hidden),
        "broken": sorted(case.broken),
        "veiligheid": meldcode_lines(c.meldcode, {**orgs, **{r.id: f"regisseur {r.naam}" for r in net.regisseurs}}),
        "verwijsindex": verwijsindex_lines(c.verwijsindex, names(net)) + (
            [] if VERWIJSINDEX in hidden else member_signal_lines(member, names(net))),
        "identiteit": identity_context(root, net, full, voor),
        "bewaren": taal.retention(net, full, category),
        "contact": net.contact or {},
        "taal": taal,
        "onderzoek": onderzoek_view(net, case) if member is None else None,  # the client's own words: for the client
    }


def meetings_seen(net, case: CaseWithCasus) -> list[tuple]:
    """Each meeting with the invitees and attendees this inzage may name (a withheld person is out of the case)."""
    labels = attendee_labels(net, case)
    return [(b, [labels[w] for w in b.genodigden if w in labels], [labels[w] for w in b.aanwezig if w in labels])
            for b in case.bijeenkomsten]


def _untitled(text: str) -> str:
    """A consultation's text without the title regie wrote above it (the inzage gives its own)."""
    first, _, rest = text.partition("\n")
    return rest.strip("\n") if first.startswith("# Consultatie") else text


def render_export(root: Path, cid: str, today: dt.date, *, html: bool = False, voor: str = CLIENT) -> str:
    context = export_context(root, cid, today, voor)
    md = render("inzage.md.j2", context, root)
    if not html:
        return md
    return render("inzage.html.j2", {"markdown": md, "casus": cid}, root)
