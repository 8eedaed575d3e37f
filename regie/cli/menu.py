"""What ``regie --help`` shows: the commands, their one-line summaries and the global options.

Kept free of typer, so that ``regie`` and ``regie --help`` answer without building the
command line (that is most of regie's start-up time). :mod:`regie.cli.app` builds the real
command line from the same tables; tests/test_cli.py keeps the summaries in step with the
command modules' docstrings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# The commands in the order of ``regie --help``: name -> (module in regie.commands, a group of subcommands?).
COMMANDS = {
    "init": ("init", False), "new-case": ("new_case", False), "intake": ("intake", False), "validate": ("validate", False),
    "overdue": ("overdue", False), "list": ("list_cmd", False), "caseload": ("caseload", False), "show": ("show", False), "agenda": ("agenda", False),
    "plan": ("plan", False), "escalate": ("escalate", False), "evaluate": ("evaluate", False),
    "handover": ("handover", False), "meldcode": ("meldcode", False), "verwijsindex": ("verwijsindex", False),
    "consent": ("consent", False), "merge-cases": ("merge_cases", False), "cti": ("cti", False),
    "sociale-kaart": ("sociale_kaart", False),
    "calendar": ("calendar", False), "zrm": ("zrm", False),
    "voorlichting": ("voorlichting", False),
    "close": ("close", False), "retention": ("retention", False), "note": ("note", False),
    "log": ("log", False), "export": ("export", False), "report": ("report", False), "sync": ("sync", False),
    "keygen": ("keygen", False), "purge": ("purge", False), "share": ("share", False), "afscherm": ("afscherm", False), "setup": ("setup", False),
    "merge-file": ("merge_file", False),
    "zoek": ("zoek", False),
    "afspraak": ("afspraak", True), "bijeenkomst": ("bijeenkomst", True), "betrokkene": ("betrokkene", True), "doel": ("doel", True), "huishouden": ("huishouden", True), "signal": ("signal", True), "consult": ("consult", True), "schema": ("schema_cmd", True),
    "identity": ("identity", True), "regisseur": ("regisseur", True), "cache": ("cache_cmd", True),
    "organisatie": ("organisatie", True),
    "hulp": ("hulp", True), "kracht": ("kracht", True),
}

# The first sentence of each command module's docstring (see summary_of).
SUMMARIES = {
    "init": "Maak een nieuwe dossierrepository: regie.yaml, mappen, CI-bestanden, git en een eerste commit.",
    "new-case": "Registreer een nieuwe melding als casus (werkproces 1a) en druk de nieuwe casus-id af.",
    "intake": "Besluit over een nieuwe melding (werkproces 1a): aangenomen, of niet aangenomen en waarheen verwezen.",
    "validate": "Controleer de dossierrepository (of de genoemde casussen) op schema's en regels.",
    "overdue": "Toon verlopen afspraken, evaluaties die te laat zijn en plannen die nog vastgesteld moeten worden.",
    "list": "Toon alle casussen in een tabel: status, regisseur, urgentie, leefgebieden, volgende deadline, aantal te laat.",
    "caseload": "Toon de caseload per regisseur: open casussen nu (of op --op DATUM), gewogen naar urgentie en fase, tegen de norm.",
    "show": "Toon één casus op één scherm: status, melding, plan, betrokkenen, afspraken, deadlines, escalaties.",
    "agenda": "Maak de agenda van het volgende netwerkoverleg: nieuwe meldingen, vast te stellen plannen, evaluaties, "
              "verlopen afspraken, open escalaties, af te sluiten casussen, signalen.",
    "plan": "Het Plan van Aanpak van een casus (werkproces 1b): als document, of vaststellen.",
    "escalate": "Schaal op (werkproces 1f): leg een stap van getrapte opschaling vast en maak het memo.",
    "evaluate": "Maak een evaluatie (werkproces 1g, 4a, 4b): evaluaties/<datum>.md, vooraf ingevuld uit de casus.",
    "handover": "Draag de regie over (werkproces 1e): aan een andere regisseur, (tijdelijk) aan een organisatie "
                "buiten het netwerk zoals Veilig Thuis of jeugdbescherming, of aan een casushouder.",
    "meldcode": "Leg een stap van de meldcode huiselijk geweld en kindermishandeling vast, met de afweging.",
    "verwijsindex": "Leg de verwijzingen uit de verwijsindex risicojongeren vast: signaal, match en regievoerder.",
    "consent": "Leg een wijziging van de toestemming vast: gegeven (voor welke partners en gegevens, met het formulier), "
               "geweigerd, ingetrokken of (nog) niet gevraagd (met de afweging en de wettelijke grondslag om toch samen te werken).",
    "merge-cases": "Voeg twee casussen van één huishouden samen (één gezin, één plan, één regisseur).",
    "cti": "Leg het begin van een fase van een CTI-traject (Critical Time Intervention) vast: structurering, testen, overdracht.",
    "sociale-kaart": "Toon de sociale kaart (werkproces 6c): per leefgebied de organisaties van het netwerk, met aanbod, "
                     "contact, aanmeldpunt, verwijzen, wachttijd en escalatiecontact, en de informele en buurtvoorzieningen.",
    "calendar": "Schrijf een agenda-feed (iCalendar): alle open deadlines, evaluaties en netwerkoverleggen, om op te abonneren.",
    "zrm": "Leg een meting op de Zelfredzaamheid-Matrix vast over elk leefgebied van het netwerk (de eerste is de "
           "nulmeting).",
    "voorlichting": "Leg voorlichting of deskundigheidsbevordering vast (werkprocessen 6a, 6b): vorm, doelgroep, bereik "
                    "en onderwerp.",
    "close": "Sluit een casus: sluitingsdatum, reden en de datum tot wanneer het dossier bewaard moet worden.",
    "retention": "Toon gesloten casussen waarvan de bewaartermijn voorbij is (werkproces 5c), of die geen bewaardatum hebben.",
    "note": "Voeg een gedateerde notitie toe aan het journaal van een casus: netwerkbijeenkomst, huisbezoek of overleg.",
    "log": "Het logboek van een casus (werkproces 5b): alle data uit het dossier (melding, plan, afspraken, escalaties, "
           "evaluaties, overdrachten, journaal) en de git-geschiedenis van de casusmap, op datum.",
    "export": "Inzage (AVG art. 15): één leesbaar document met alles wat het dossier over iemand bevat, in gewone taal "
              "en afdrukbaar.",
    "report": "Managementinformatie over een periode (werkproces 4c, 2d): instroom, doorlooptijden, afspraken "
              "per partner, opschaling, uitkomsten op de Zelfredzaamheid-Matrix, netwerkgericht werken, caseload en "
              "beleidssignalen.",
    "sync": "Deel je werk met het team: haal op, nummer botsende id's om, zet je commits bovenop de gedeelde versie, push.",
    "keygen": "Maak je eigen age-sleutel (voor de versleutelde identiteiten) en toon de publieke sleutel voor regie.yaml.",
    "purge": "Vernietig een gesloten casus na de bewaartermijn: uit de werkmap én uit de hele git-geschiedenis.",
    "share": "Leg vast wat je uit een dossier met een andere organisatie deelt: wanneer, wat en op welke grond.",
    "afscherm": "Scherm een onderdeel van een dossier af voor de inzage (AVG art. 23, UAVG art. 41), of hef de "
                "afscherming op.",
    "setup": "Richt deze clone in voor regie: de samenvoeghulp voor afspraken, escalaties en signalen.",
    "merge-file": "Git-samenvoeghulp voor afspraken, escalaties en signalen: per record en per veld "
                  "(niet aanroepen met de hand).",
    "zoek": "Bekend? Zoek of een persoon, kind of adres al een casus heeft, zonder dat gegevens leesbaar in het dossier staan.",
    "afspraak": "Afspraken van een casus: toevoegen, afvinken, laten vervallen, verschuiven.",
    "bijeenkomst": "Bijeenkomsten over één casus: netwerkbijeenkomst, zorgconferentie of familienetwerkberaad plannen, "
                   "uitnodigen en vastleggen.",
    "betrokkene": "Het netwerk van een casus: een professional of naaste toevoegen, of iemands betrokkenheid beëindigen.",
    "doel": "Doelen van het plan van aanpak: toevoegen, bereikt, laten vervallen.",
    "huishouden": "Het huishouden van een casus: leden toevoegen, wijzigen of verwijderen (regie huishouden CASUS lid add|edit|drop).",
    "signal": "Beleidssignalen (werkproces 2d): knelpunten die het netwerk wil omzetten in beleidsadvies.",
    "consult": "Consultaties (kerntaak 3, werkprocessen 3a-3d): een hulpverlener die vastloopt, consultatief ter zijde "
               "gestaan.",
    "schema": "JSON Schemas van de dossierbestanden, voor editors en andere validators.",
    "identity": "Identiteit van de cliënt: alleen versleuteld (age) in het dossier, leesbaar voor wie de sleutel heeft.",
    "regisseur": "De regisseurs van het netwerk in regie.yaml: iemand komt erbij, of vertrekt in één stap.",
    "cache": "De leescache van regie in .git/regie/: wat leescommando's per casus onthouden zolang de bestanden "
             "niet veranderen.",
    "organisatie": "De organisaties van het netwerk (werkproces 6d): toevoegen, en het netwerkregister met contactrol, "
                   "escalatierol en laatste netwerkoverleg.",
    "hulp": "Eerdere en huidige hulp van de cliënt (de onderzoekende rol): vastleggen, beëindigen, tonen.",
    "kracht": "Krachten van de cliënt en het netwerk (krachtwerk, de onderzoekende rol): vastleggen en tonen.",
}

# What each command may do to a case with status gesloten, one line per command (tests/test_closed_case.py):
# "casuswerk" is refused there; "beheer" (privacy and record-keeping) stays allowed; "geen-casus" changes no
# case. regie.work.gesloten checks every write against it. A new command needs its line here.
CLOSED_CASE = {
    "init": "geen-casus", "new-case": "casuswerk", "intake": "casuswerk", "validate": "geen-casus",
    "overdue": "geen-casus", "list": "geen-casus", "caseload": "geen-casus", "show": "geen-casus",
    "agenda": "geen-casus", "plan": "casuswerk", "escalate": "casuswerk", "evaluate": "casuswerk",
    "handover": "casuswerk", "meldcode": "casuswerk", "verwijsindex": "beheer", "consent": "beheer",
    "merge-cases": "casuswerk", "cti": "casuswerk", "sociale-kaart": "geen-casus", "calendar": "geen-casus",
    "close": "beheer", "retention": "geen-casus", "note": "casuswerk", "log": "geen-casus", "export": "beheer",
    "report": "geen-casus", "sync": "geen-casus", "keygen": "geen-casus", "purge": "beheer", "share": "beheer",
    "afscherm": "beheer", "setup": "geen-casus", "merge-file": "geen-casus",
    "afspraak add": "casuswerk", "afspraak done": "casuswerk", "afspraak drop": "beheer",  # an agreement lapsed with the case
    "afspraak move": "casuswerk",
    "betrokkene add": "casuswerk", "betrokkene drop": "casuswerk",
    "doel add": "casuswerk", "doel done": "casuswerk", "doel drop": "casuswerk",
    "signal add": "geen-casus", "signal list": "geen-casus", "signal status": "geen-casus",
    "schema export": "geen-casus", "schema list": "geen-casus",
    "identity show": "geen-casus", "identity edit": "beheer", "identity rekey": "beheer",
    "identity wachtend": "geen-casus", "identity textconv": "geen-casus",
    "regisseur add": "geen-casus", "regisseur drop": "beheer",
    "cache clear": "geen-casus", "cache status": "geen-casus",
    "organisatie add": "geen-casus", "organisatie list": "geen-casus",
    "zoek": "beheer",  # --sleutel-vernieuwen re-tokens closed cases too
    "huishouden lid": "casuswerk",
    "zrm": "casuswerk", "hulp add": "casuswerk", "hulp end": "casuswerk", "hulp list": "geen-casus",
    "kracht add": "casuswerk", "kracht list": "geen-casus", "betrokkene kwaliteit": "casuswerk",
    "bijeenkomst plan": "casuswerk", "bijeenkomst verslag": "casuswerk", "bijeenkomst uitnodiging": "casuswerk",
    "bijeenkomst agenda": "geen-casus", "signal advies": "geen-casus",
    "consult add": "casuswerk", "consult vervolg": "casuswerk", "consult list": "geen-casus",
    "voorlichting": "geen-casus",
}

ABOUT = "Regie voor netwerkregisseurs: casusdossiers in git, gecontroleerd, op papier en in cijfers."


class Option(NamedTuple):
    names: tuple[str, ...]
    metavar: str | None  # None for a flag
    help: str
    envvar: str | None = None


# The options before the command, by the parameter name of regie.cli.app's callback.
GLOBAL_OPTIONS = {
    "repo": Option(("-C", "--repo"), "MAP", "Dossierrepository (standaard: de map met regie.yaml boven de huidige map)."),
    "today": Option(("--today",), "DATUM", "Doe alsof het vandaag deze datum is (JJJJ-MM-DD).", "REGIE_TODAY"),
    "op": Option(("--op",), "DATUM", "Lees de repository zoals die aan het eind van deze dag gecommit was (uit de "
                 "git-geschiedenis, de werkmap blijft onaangeroerd); voor show, list, overdue, agenda, plan, caseload en "
                 "report."),
    "version": Option(("--version",), None, "Toon de versie en stop."),
    "debug": Option(("--debug",), None,
                    "Toon bij een interne fout de volledige traceback (voor een foutmelding aan de ontwikkelaars)."),
    "met_eigen_wijzigingen": Option(("--met-eigen-wijzigingen",), None,
                                    "Laat een wijzigend commando ook een bestand met je eigen, nog niet gecommitte "
                                    "wijzigingen aanpassen en die meecommitten."),
    "no_cache": Option(("--no-cache",), None, "Lees alle casussen opnieuw in plaats van uit de cache in .git/regie/."),
}
# What typer adds itself, in regie's words.
BUILT_IN_OPTIONS = (
    Option(("--install-completion",), None, "Installeer het aanvullen met de tab-toets voor je shell."),
    Option(("--show-completion",), None, "Toon het aanvulscript voor je shell, om het zelf te installeren."),
    Option(("-h", "--help"), None, "Toon deze hulp en stop."),
)


def summary_of(doc: str) -> str:
    """The first sentence of a docstring's first paragraph, on one line ("art. 15" ends no sentence)."""
    paragraph = " ".join(doc.split("\n\n")[0].split())
    return re.split(r"(?<=\.) (?=[A-Z])", paragraph, maxsplit=1)[0]


def wants_top_help(argv: list[str]) -> bool:
    """Whether a command line asks for regie's own help: no arguments, ``--help`` or ``-h``."""
    return argv in ([], ["--help"], ["-h"])


def top_help(width: int | None = None) -> str:
    """The text of ``regie --help``, wrapped to the terminal (at most 100 columns)."""
    import shutil
    import textwrap

    width = width or min(shutil.get_terminal_size().columns, 100)
    out = ["Gebruik: regie [OPTIES] COMMANDO [ARGUMENTEN]...", "", *textwrap.wrap(ABOUT, width, initial_indent="  ",
                                                                              subsequent_indent="  "), ""]

    def table(title: str, rows: list[tuple[str, str]]) -> None:
        left = max(len(term) for term, _ in rows) + 4
        out.append(title)
        for term, text in rows:
            lines = textwrap.wrap(text, max(width - left, 30), break_on_hyphens=False) or [""]
            out.append(f"  {term:<{left - 4}}  {lines[0]}")
            out.extend(" " * left + line for line in lines[1:])
        out.append("")

    options = [*GLOBAL_OPTIONS.values(), *BUILT_IN_OPTIONS]
    table("Opties:", [(", ".join(o.names) + (f" {o.metavar}" if o.metavar else ""),
                       o.help + (f" [omgevingsvariabele: {o.envvar}]" if o.envvar else "")) for o in options])
    table("Commando's:", list(SUMMARIES.items()))
    out.append("Meer over een commando: regie COMMANDO --help")
    return "\n".join(out) + "\n"
