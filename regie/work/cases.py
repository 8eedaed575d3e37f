"""Registering a new case (werkproces 1a): the next id, the case files, validation, commit."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import ids
from ..dossier.lint import check_id, check_value
from ..dossier.loader import load_network
from ..dossier.network import Network
from ..dossier.problems import ERROR
from ..dossier.repo import case_dir, case_ids
from ..dossier.validate import other_members, validate
from ..dossier.vocab import CONSENT, TRAJECTS, URGENCY
from ..errors import RegieError, UsageError
from ..layout import AFSPRAKEN_FILE, CASE_FILE, MELDING_FILE, NETWERK_FILE, PLAN_FILE
from ..render.templates import render
from ..store import gitops, transaction
from ..store.files import new_folder, refuse_links, relative_paths, remove_tree, write_text_atomic
from .consent import LEGAL

NEW_CASE_FILES = (CASE_FILE, MELDING_FILE, NETWERK_FILE, AFSPRAKEN_FILE, PLAN_FILE)
NEW_HOUSEHOLD = "nieuw"  # new-case --huishouden nieuw: start a household with the next free HH-id


@dataclass
class NewCase:
    """What a regisseur tells about a new melding."""

    datum: dt.date
    melder_rol: str
    aard: str
    urgentie: str
    regisseur: str
    pseudoniem: str
    melder_organisatie: str | None = None
    leefgebieden: list[str] = field(default_factory=list)
    doelgroep: str | None = None
    omvang: str | None = None
    veiligheidsrisico: bool = False
    omschrijving: str | None = None
    traject: str = "regulier"
    toestemming: str = "niet-gevraagd"
    toestemming_datum: dt.date | None = None
    afweging: str | None = None
    grondslag: str | None = None  # the legal basis of the afweging (see regie consent)
    huishouden: str | None = None  # the pseudonymous id of the household the melding is about
    soort: str | None = None  # a category of meldingsoorten in regie.yaml
    minderjarig: bool = False  # the client is a minor: the case is a youth file (retention category jeugd)


def network(root: Path) -> Network:
    """The network of the repository, or a DossierInvalid naming the first problem in regie.yaml."""
    net, problems = load_network(root)
    if net is None:
        raise problems[0].as_error()
    return net


def next_case_id(root: Path, fmt: str, year: int) -> str:
    """The first free id of the format for ``year``: one above the highest number in use."""
    return ids.next_case_id(fmt, year, case_ids(root))


def _check_choices(net: Network, case: NewCase) -> None:
    """Each value chosen from a list (urgency, consent, trajectory, leefgebieden, kind of melding) is on it."""
    if case.urgentie not in URGENCY:
        raise UsageError(f"ongeldige urgentie '{case.urgentie}'; kies uit: {', '.join(URGENCY)}")
    if case.toestemming not in CONSENT:
        raise UsageError(f"ongeldige toestemming '{case.toestemming}'; kies uit: {', '.join(CONSENT)}")
    if case.traject not in TRAJECTS:
        raise UsageError(f"ongeldig traject '{case.traject}'; kies uit: {', '.join(TRAJECTS)}")
    for lg in case.leefgebieden:
        if lg not in net.leefgebieden:
            raise UsageError(f"onbekend leefgebied '{lg}'; kies uit: {', '.join(net.leefgebieden)}")
    if case.soort is not None and case.soort not in net.meldingsoorten:
        raise UsageError(f"onbekende soort '{case.soort}'; kies uit meldingsoorten in regie.yaml: {', '.join(net.meldingsoorten)}")


def check_new_case(net: Network, case: NewCase, today: dt.date) -> None:
    """Refuse values that would make an invalid case, before anything is written."""

    for thing, name, value in (
        ("de rol van de melder", "melder_rol", case.melder_rol), ("de aard", "aard", case.aard),
        ("het pseudoniem", "pseudoniem", case.pseudoniem), ("de doelgroep", "doelgroep", case.doelgroep),
        ("de omvang", "omvang", case.omvang), ("de omschrijving", "omschrijving", case.omschrijving),
        ("de afweging", "afweging", case.afweging),
    ):
        check_value(thing, value, field=name)
    if case.huishouden != NEW_HOUSEHOLD:
        check_id("het huishouden-id", case.huishouden, field="huishouden")
    net.require_regisseur(case.regisseur, field="regisseur")
    if case.melder_organisatie:
        net.require_organisatie(case.melder_organisatie, field="melder_organisatie")
    _check_choices(net, case)
    if case.datum > today:
        raise UsageError(f"meldingsdatum {case.datum.isoformat()} ligt in de toekomst")

    if case.grondslag is not None and case.grondslag not in LEGAL:
        raise UsageError(f"onbekende grondslag '{case.grondslag}'; kies uit: {', '.join(LEGAL)}")
    if case.grondslag is not None and case.toestemming == "gegeven":
        raise UsageError("de grondslag hoort bij een afweging zonder toestemming", field="grondslag")
    if case.huishouden not in (None, NEW_HOUSEHOLD) and not re.fullmatch(r"HH-[A-Za-z0-9][A-Za-z0-9-]{0,28}", case.huishouden):
        raise UsageError(f"ongeldig huishouden-id '{case.huishouden}': verwacht HH- gevolgd door letters, cijfers en '-', "
                         "bijv. HH-0042 (een pseudoniem, nooit een naam of adres)")
    if case.toestemming != "gegeven" and not case.afweging:
        raise UsageError(
            f"toestemming {case.toestemming}: leg de afweging vast "
            "(waarom en op welke grond het netwerk toch gegevens deelt)", field="afweging"
        )
    for text in (case.pseudoniem, case.melder_rol, case.aard):
        if not text.strip():
            raise UsageError("pseudoniem, melder-rol en aard mogen niet leeg zijn")


# What each answer of an interactive new-case is checked against as it is given: (thing, choices of the network).
QUESTIONS = {
    "melder-rol": "de rol van de melder", "aard": "de aard", "pseudoniem": "het pseudoniem", "afweging": "de afweging",
}


def choices_for(net: Network, key: str) -> tuple[str, ...]:
    """The values an answer must be one of (empty: free text)."""
    return {"urgentie": URGENCY, "regisseur": tuple(sorted(net.regisseur_ids())), "soort": net.meldingsoorten,
            "toestemming": CONSENT, "grondslag": LEGAL}.get(key, ())


def check_answer(net: Network, key: str, value: str) -> str:
    """One answer of an interactive new-case, checked as it is given; returns it (stripped) or raises a Dutch error."""
    value = value.strip()
    choices = choices_for(net, key)
    if choices:
        if value not in choices:
            raise UsageError(f"'{value}' is geen keuze; kies uit: {', '.join(choices)}")
        return value
    check_value(QUESTIONS.get(key, key), value, field=key.replace("-", "_"))
    if not value:
        raise UsageError(f"{QUESTIONS.get(key, key)} mag niet leeg zijn")
    return value


def create_case(root: Path, case: NewCase, today: dt.date, *, commit: bool = True) -> str:
    """Write the files of a new case, validate it, commit them; returns the new case id.

    The folder is built under a temporary name and moved into place whole; if the
    new case does not validate or the commit fails, it is removed again. The id is
    chosen and the folder made under the repository lock, so two at once get two ids.
    """

    with transaction.session(root, "new-case"):
        net = network(root)
        check_new_case(net, case, today)
        in_git = gitops.git_dir(root) is not None
        if commit or in_git:
            gitops.check_ready(root)  # not a git repository, a merge under way, ...: stop before writing anything
        cid = next_case_id(root, net.id_formaat, today.year)
        if case.huishouden == NEW_HOUSEHOLD:
            case.huishouden = next_household_id(root)
        target = case_dir(root, cid, must_exist=False)
        refuse_links(root, target)
        if target.exists():
            raise RegieError(f"er staat al iets met de naam {cid} in {target.parent.name}/; er is niets gewijzigd")
        context = {
            **case.__dict__,
            "id": cid,
            "geopend": today,
            "leefgebieden": case.leefgebieden,
        }
        files = {name: render(f"casus/{name}.j2", context, root) for name in NEW_CASE_FILES}
        written = [target / name for name in NEW_CASE_FILES]
        message = f"regie new-case: casus {cid} aangemaakt"
        with transaction.journal(root, message, written, new_dirs=[target], git=in_git):
            try:
                with new_folder(target) as staging:
                    for name, text in files.items():
                        write_text_atomic(staging / name, text)
            except RegieError as exc:
                raise relative_paths(exc, root) from None
            try:
                # the melding is registered whatever its household holds: a second open case of that household is
                # a warning of new-case and a finding of validate, not a reason to lose the melding
                errors = [p for p in validate(root, today, [cid], across=False) if p.severity == ERROR]
                if errors:
                    raise RegieError(
                        "de nieuwe casus is ongeldig en is niet aangemaakt:\n" + "\n".join(p.format() for p in errors)
                    )
                if in_git:
                    gitops.commit_paths(root, written, message, commit=commit)
            except BaseException:
                if in_git:
                    gitops.unstage(root, written)
                remove_tree(target)
                raise
    return cid


def next_household_id(root: Path) -> str:
    """The next free household id, HH-NNNN: one above the highest numbered HH-id of any case (open or closed)."""
    used = [0]
    for cid in case_ids(root):
        try:
            raw = (case_dir(root, cid) / CASE_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # a case that cannot be read is its own finding
        used += [int(n) for n in re.findall(r"\bHH-(\d{1,8})\b", raw)]
    return f"HH-{max(used) + 1:04d}"


def open_cases_of_household(root: Path, huishouden: str, skip: str) -> list[tuple[str, str]]:
    """(case id, regisseur) of the open cases of a household, other than ``skip``."""

    return [(m.casus, m.regisseur) for m in other_members(root, {huishouden}, {skip}) if m.open]
