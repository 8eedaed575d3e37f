"""Registreer een nieuwe melding als casus (werkproces 1a) en druk de nieuwe casus-id af.

Ontbrekende waarden worden in een terminal gevraagd; zonder terminal (CI, pipe) is een
ontbrekende verplichte waarde een fout. De nieuwe bestanden worden gecontroleerd en als
enige gecommit, met een commitbericht zonder persoonsgegevens.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..cli.asking import ask_checked
from ..cli.bekend import warn_known
from ..errors import UsageError
from ..privacy.identity import recipients_for
from ..work.cases import NEW_HOUSEHOLD, NewCase, check_answer, choices_for, create_case, network, open_cases_of_household
from ..work.identity import edit as do_edit

PROMPTS = {
    "melder-rol": "Rol van de melder",
    "aard": "Aard van het signaal",
    "urgentie": "Urgentie",
    "regisseur": "Regisseur",
    "pseudoniem": "Pseudoniem van de cliënt (geen echte naam)",
}
NOTHING_WRITTEN = "er is niets opgeslagen: de casus is niet aangemaakt"


def _ask(net, values: dict, soort, toestemming, afweging, grondslag):
    """In a terminal: every missing answer asked and checked as it is given (soort, consent and grondslag too)."""
    def question(key: str, text: str, default: str | None = None) -> str:
        return ask_checked(text, lambda v: check_answer(net, key, v), choices=choices_for(net, key), default=default,
                           nothing_written=NOTHING_WRITTEN)

    values = {k: v if v is not None else question(k, PROMPTS[k]) for k, v in values.items()}
    if soort is None and net.meldingsoorten:
        soort = question("soort", "Soort melding")
    if toestemming is None:
        toestemming = question("toestemming", "Toestemming", default="niet-gevraagd")
    if toestemming != "gegeven":
        if not afweging:
            afweging = question("afweging", f"Toestemming {toestemming}: afweging om toch gegevens te delen")
        if grondslag is None:
            grondslag = question("grondslag", "Wettelijke grondslag van die afweging")
    return values, soort, toestemming, afweging, grondslag



def run(
    datum: Annotated[Optional[dt.date], params.date_option("--datum", help="Datum van de melding (JJJJ-MM-DD, standaard vandaag).")] = None,
    melder_rol: Annotated[Optional[str], typer.Option("--melder-rol", help="Rol van de melder, bijv. 'huismeester'.")] = None,
    melder_organisatie: Annotated[Optional[str], params.organisatie_option("--melder-organisatie", help="Organisatie-id van de melder uit regie.yaml.")] = None,
    aard: Annotated[Optional[str], typer.Option("--aard", help="Aard van het signaal, bijv. 'vervuiling en overlast'.")] = None,
    soort: Annotated[Optional[str], typer.Option("--soort", help="Soort melding uit meldingsoorten in regie.yaml, bijv. vervuiling (hierin telt het rapport).")] = None,
    urgentie: Annotated[Optional[str], typer.Option("--urgentie", help="laag, middel, hoog of crisis.")] = None,
    leefgebied: Annotated[Optional[list[str]], params.leefgebied_option("--leefgebied", help="Leefgebied (herhaalbaar).")] = None,
    regisseur: Annotated[Optional[str], params.regisseur_option("--regisseur", help="Regisseur-id uit regie.yaml.")] = None,
    pseudoniem: Annotated[Optional[str], typer.Option("--pseudoniem", help="Pseudoniem van de cliënt (geen echte naam).")] = None,
    doelgroep: Annotated[Optional[str], typer.Option("--doelgroep", help="Doelgroep, bijv. 'volwassene', 'gezin', 'oudere'.")] = None,
    omvang: Annotated[Optional[str], typer.Option("--omvang", help="Omvang, bijv. 'gezin van vijf'.")] = None,
    veiligheidsrisico: Annotated[bool, typer.Option("--veiligheidsrisico", help="Er is een veiligheidsrisico.")] = False,
    omschrijving: Annotated[Optional[str], typer.Option("--omschrijving", help="Korte omschrijving van het signaal.")] = None,
    traject: Annotated[str, typer.Option("--traject", help="regulier of cti.")] = "regulier",
    toestemming: Annotated[Optional[str], typer.Option("--toestemming", help="gegeven, geweigerd, niet-gevraagd (standaard) of ingetrokken.")] = None,
    toestemming_datum: Annotated[Optional[dt.date], params.date_option("--toestemming-datum", help="Datum van toestemming of weigering.")] = None,
    afweging: Annotated[Optional[str], typer.Option("--afweging", help="Afweging als er (nog) geen toestemming is.")] = None,
    huishouden: Annotated[Optional[str], typer.Option("--huishouden", metavar="HH-…|nieuw", help="Pseudoniem huishouden-id (HH-…): de melding hoort bij dit gezin; 'nieuw' begint een huishouden met het eerstvolgende vrije id (leden voeg je toe met 'regie huishouden').")] = None,
    minderjarig: Annotated[bool, typer.Option("--minderjarig", help="De cliënt is minderjarig: een jeugddossier (bewaarcategorie jeugd).")] = False,
    grondslag: Annotated[Optional[str], typer.Option("--grondslag", help="Wettelijke grondslag van de afweging: wettelijke-plicht, vitaal-belang, publieke-taak of gerechtvaardigd-belang.")] = None,
    identiteit: Annotated[bool, typer.Option("--identiteit", help="Leg daarna meteen de identiteit vast in je editor (versleuteld); regie waarschuwt als die persoon of dat adres al een open casus heeft.")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf de bestanden en zet ze klaar (staged), maar commit niet.")] = False,
) -> None:
    root = context.root()
    today = context.today()
    net = network(root)
    ask = console.interactive()
    if regisseur is None and len(net.regisseurs) == 1:
        regisseur = net.regisseurs[0].id
    values = {"melder-rol": melder_rol, "aard": aard, "urgentie": urgentie, "regisseur": regisseur, "pseudoniem": pseudoniem}
    if ask:
        values, soort, toestemming, afweging, grondslag = _ask(net, values, soort, toestemming, afweging, grondslag)
    toestemming = toestemming or "niet-gevraagd"
    missing = [f"--{k}" for k, v in values.items() if v is None]
    if missing:
        raise UsageError(f"ontbrekende waarde(n): {', '.join(missing)}")
    given = {k: v for k, v in values.items() if v is not None}  # all of them: none is missing
    case = NewCase(
        datum=datum or today,
        melder_rol=given["melder-rol"],
        aard=given["aard"],
        urgentie=given["urgentie"],
        regisseur=given["regisseur"],
        pseudoniem=given["pseudoniem"],
        melder_organisatie=melder_organisatie,
        leefgebieden=list(leefgebied or []),
        doelgroep=doelgroep,
        omvang=omvang,
        veiligheidsrisico=veiligheidsrisico,
        omschrijving=omschrijving,
        traject=traject,
        toestemming=toestemming,
        toestemming_datum=toestemming_datum,
        afweging=afweging,
        grondslag=grondslag,
        huishouden=huishouden,
        soort=soort,
        minderjarig=minderjarig,
    )
    if identiteit:  # what would stop the identity, before the case is made
        _identity_possible(net, case.regisseur, ask)
    cid = create_case(root, case, today, commit=not no_commit)
    console.echo(cid)
    console.info(f"casus {cid} aangemaakt" + (" (niet gecommit)" if no_commit else " en gecommit"))
    _after(root, cid, case, huishouden, identiteit=identiteit, today=today, commit=not no_commit)


def _after(root, cid: str, case, huishouden: str | None, *, identiteit: bool, today: dt.date, commit: bool) -> None:
    """What follows the new case: its identity (with the 'Bekend?' warning), and the household it starts or joins."""
    if identiteit:  # "Bekend?": the identity's tokens are looked up among the open cases as it is saved
        do_edit(root, cid, today=today, editor=console.edit_file, commit=commit, known=lambda found: warn_known(cid, found))
        console.info(f"identiteit van casus {cid} versleuteld opgeslagen" + (" en gecommit" if commit else " (niet gecommit)"))
    if huishouden == NEW_HOUSEHOLD:
        console.info(f"huishouden {case.huishouden} begonnen; voeg leden toe met 'regie huishouden {cid} lid add'")
    elif huishouden:
        for other, regisseur in open_cases_of_household(root, huishouden, cid):
            console.warn(f"huishouden {huishouden} heeft al open casus {other} (regisseur {regisseur}): één gezin, één plan, "
                         f"één regisseur — voeg samen met 'regie merge-cases {other} {cid}'")


def _identity_possible(net, regisseur: str, ask: bool) -> None:
    """--identiteit opens an editor and encrypts to the case's regisseur and the beheerders: both must be possible."""
    import os

    if not ask and not (os.environ.get("VISUAL") or os.environ.get("EDITOR")):
        raise UsageError("--identiteit opent een editor; stel EDITOR in of gebruik een terminal")
    recipients_for(net, regisseur)
