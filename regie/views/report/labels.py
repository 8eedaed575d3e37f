"""The Dutch names of the report's figures, rows and periods, for every format meant for people (md, html, csv,
``--vergelijk``); the JSON keeps its keys.

A figure's name is built from the names of the parts of its path in the JSON: a table, its row (an organisation,
a leefgebied, a category), its column. Categories that are slugs in the files (``huiselijk-geweld``) are written
as words (``Huiselijk geweld``).
"""

from __future__ import annotations

from typing import Any, Callable

from ...dossier.meldcode import STAPPEN
from ...taal import nl_date
from ..period import Period

SECTIONS = {
    "rapport": "Rapport", "periode": "Periode", "instroom": "Instroom en uitstroom", "doorlooptijden": "Doorlooptijden",
    "afspraken": "Afspraken", "escalaties": "Opschaling", "uitkomsten": "Uitkomsten", "netwerkgericht": "Netwerkgericht werken",
    "caseload": "Caseload en continuïteit", "signalen": "Beleidssignalen", "veiligheid": "Meldcode en verwijsindex",
}

WORDS = {
    # report and period
    "netwerk": "Netwerk", "gemaakt_op": "Gemaakt op", "casussen": "casussen", "weggelaten": "Weggelaten casussen",
    "drempel": "Kleinste getoonde aantal", "label": "Code", "titel": "Titel", "van": "van", "tot_en_met": "tot en met",
    "loopt_nog": "Loopt nog", "naam": "Periode",
    # flow
    "meldingen": "Meldingen ontvangen", "per_melder_organisatie": "Meldingen per melder-organisatie",
    "per_soort": "Meldingen per soort", "per_urgentie": "Meldingen per urgentie", "per_doelgroep": "Meldingen per doelgroep",
    "geopend": "Casussen geopend", "gesloten": "Casussen gesloten", "gesloten_per_reden": "Gesloten per reden",
    "intake_per_besluit": "Intakebesluiten", "niet_aangenomen_verwezen_naar": "Niet aangenomen, verwezen naar",
    "overgedragen": "Regie overgedragen buiten het netwerk", "overgedragen_casussen": "Regie overgedragen (casusnummers)",
    "in_zorg_begin": "In zorg bij begin van de periode", "in_zorg_begin_per_fase": "In zorg bij begin, per fase",
    "in_zorg_eind": "In zorg aan het eind van de periode", "in_zorg_eind_per_fase": "In zorg aan het eind, per fase",
    # lead times
    "melding_tot_plan": "Melding tot vastgesteld plan", "melding_tot_sluiting": "Melding tot sluiting", "n": "aantal",
    "mediaan": "mediaan (dagen)", "p90": "90e percentiel (dagen)", "termijn": "termijn (dagen)",
    "boven_termijn": "boven de termijn", "boven_termijn_casussen": "boven de termijn (casusnummers)",
    "latere_versie_casussen": "latere versie van het plan (casusnummers)",
    # agreements
    "per_partner": "Afspraken per partner", "totaal": "Totaal", "gemaakt": "gemaakt",
    "deadline_in_periode": "deadline in de periode", "op_tijd": "op tijd gedaan", "te_laat": "te laat gedaan",
    "open_na_deadline": "niet gedaan voor de deadline", "vervallen": "vervallen", "verschoven": "verschoven",
    "percentage_op_tijd": "% op tijd", "open_na_deadline_eind": "Open na de deadline aan het eind van de periode (alle)",
    # escalations
    "stappen": "Stappen van opschaling", "per_niveau": "Stappen per niveau", "per_partij": "Stappen per partij",
    "opgelost": "Opgelost op het eigen niveau", "afgeschaald": "Afgeschaald", "open_eind": "Open aan het eind",
    "open_eind_casussen": "Open aan het eind (casus en stap)", "dagen_tot_oplossing": "Dagen tot oplossing",
    "met_spoed": "Met spoed (niveau overgeslagen)",
    # outcomes
    "verschuiving_per_leefgebied": "Zelfredzaamheid-Matrix per leefgebied", "verbeterd": "verbeterd", "gelijk": "gelijk",
    "verslechterd": "verslechterd", "samenwerking": "Samenwerking in evaluaties", "gemiddeld": "gemiddelde score",
    "verdeling": "verdeling", "doelen": "Doelen afgerond", "per_leefgebied": "per leefgebied", "afgerond": "afgerond",
    "bereikt": "bereikt", "open_bij_sluiting": "open bij sluiting", "met_doelscore": "met doelscore",
    "doelscore_gehaald": "doelscore gehaald", "percentage_doelscore_gehaald": "% doelscore gehaald",
    "hermeldingen": "Hermeldingen", "aantal": "aantal", "percentage": "%", "maanden": "binnen maanden",
    "per_groep": "Uitkomsten per groep", "traject": "per traject", "urgentie": "per urgentie", "doelgroep": "per doelgroep",
    "actief": "actief", "doelen_afgerond": "doelen afgerond", "zrm_verbeterd": "ZRM verbeterd", "zrm_gelijk": "ZRM gelijk",
    "zrm_verslechterd": "ZRM verslechterd",
    # network work, caseload, signals
    "naasten_in_plan": "Naasten betrokken in het plan", "vip_kaart": "Casussen met een VIP-kaart",
    "cti_genoeg_netwerkbijeenkomsten": "CTI-trajecten met genoeg netwerkbijeenkomsten", "norm": "norm",
    "te_weinig_casussen": "te weinig bijeenkomsten (casusnummers)", "netwerkjournaal": "Werk buiten één casus",
    "open_per_regisseur": "Open casussen per regisseur", "regisseur_gewisseld": "Wissel van regisseur",
    "regisseur_gewisseld_casussen": "Wissel van regisseur (casusnummers)", "open": "Open casussen", "regisseurs": "regisseurs",
    "signalen": "signalen", "id": "nummer", "datum": "datum", "over": "over", "status": "status",
    "organisatie": "organisatie", "antwoord": "antwoord",
    # consultation (kerntaak 3) and voorlichting (6a, 6b)
    "consultaties": "Consultaties (kerntaak 3)", "per_vraagsoort": "per soort vraag",
    "per_organisatie": "per organisatie van de consultvrager", "per_lacune": "per onderkende lacune (3c)",
    "vervolg_open_eind": "vervolg open aan het eind", "voorlichting": "Voorlichting en deskundigheidsbevordering (6a, 6b)",
    "bijeenkomsten": "bijeenkomsten", "per_werkproces": "per werkproces", "per_vorm": "per vorm",
    "per_publiek": "per doelgroep (publiek)", "deelnemers": "deelnemers", "organisaties_bereikt": "organisaties bereikt",
    # safety
    "per_kwartaal": "per kwartaal", "meldcode_stappen": "Stappen van de meldcode",
    **{f"meldcode_stap_{n}": f"Meldcode stap {n} ({name})" for n, name in STAPPEN.items()},
    "veilig_thuis_geraadpleegd": "Veilig Thuis geraadpleegd", "gemeld_bij_veilig_thuis": "Gemeld bij Veilig Thuis",
    "verwijsindex_signalen": "Signalen in de verwijsindex", "verwijsindex_matches": "Matches in de verwijsindex",
}

# Words for categories that are slugs in the files, where the plain rule (dashes to spaces) reads badly.
CATEGORIES = {
    "stabiel-regulier": "Stabiel, naar reguliere zorg", "uitstroom-opvang": "Uitstroom uit de opvang",
    "zorgen-gezin": "Zorgen om een gezin", "cti": "CTI (Critical Time Intervention)", "cliënt": "Cliënt",
    "deskundigheidsbevordering": "Deskundigheidsbevordering",
    "niet-vastgelegd": "Niet vastgelegd (oude journaalnotitie)", "regels-en-richtlijnen": "Regels en richtlijnen",
    "6a": "6a: ketenpartners en voorzieningen", "6b": "6b: cliënten, hun netwerk en de buurt",
    "clientnetwerk": "Netwerk van cliënten (familie, mantelzorgers, buurt)", "professionals": "Professionele hulpverleners",
    "voorzieningen": "Lokale voorzieningen en vertegenwoordigers",
}

# Tables whose keys are rows of some kind: how to name such a row.
_ORG_ROWS = {"per_melder_organisatie", "niet_aangenomen_verwezen_naar", "per_partij", "per_partner", "per_organisatie"}
_LEEFGEBIED_ROWS = {"verschuiving_per_leefgebied", "per_leefgebied"}
_AS_TYPED = {"per_doelgroep", "per_niveau"}  # free text or names as the network wrote them
_CATEGORY_ROWS = {"per_soort", "per_urgentie", "gesloten_per_reden", "intake_per_besluit", "in_zorg_begin_per_fase",
                  "in_zorg_eind_per_fase", "netwerkjournaal", "per_vraagsoort", "per_lacune", "per_werkproces", "per_vorm", "per_publiek"}


def category(slug: Any) -> str:
    """A category of the files as a word: ``huiselijk-geweld`` -> ``Huiselijk geweld``."""
    text = str(slug)
    if text in CATEGORIES:
        return CATEGORIES[text]
    text = text.replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]


def quarter_name(label: str) -> str:
    """``2026Q3`` -> ``3e kwartaal 2026``; any other label as it is."""
    year, _, q = label.partition("Q")
    return f"{q}e kwartaal {year}" if q and year.isdigit() else label


def period_name(p: Period) -> str:
    """A period as a municipality writes it: 3e kwartaal 2026 (1 juli t/m 30 september), 2026 (1 januari t/m 31
    december), or 1 maart t/m 30 juni 2026 for other periods."""
    same_year = p.start.year == p.end.year
    first = nl_date(p.start, "d MMMM" if same_year else "d MMMM y")
    span = f"{first} t/m {nl_date(p.end, 'd MMMM' if 'Q' in p.label or p.label.isdigit() else 'd MMMM y')}"
    if "Q" in p.label:
        return f"{quarter_name(p.label)} ({span})"
    if p.label.isdigit():
        return f"{p.label} ({span})"
    return span


Namer = Callable[[str, Any], str]


def namer(org_names: dict[str, str], leefgebied_names: dict[str, str], regisseur_names: dict[str, str] | None = None) -> Namer:
    """``name(table, key)``: the Dutch name of row ``key`` of ``table`` (a key of the JSON), or of the figure ``key``
    when ``table`` is empty."""

    def name(table: str, key: Any) -> str:
        key = str(key)
        if table in _ORG_ROWS:
            known = org_names.get(key)
            return known if known and known != key else category(key)
        if table in _LEEFGEBIED_ROWS:
            return leefgebied_names.get(key, category(key))
        if table == "open_per_regisseur":
            return (regisseur_names or {}).get(key, key)
        if table in _AS_TYPED:
            return key
        if table == "verdeling":
            return f"score {key}"
        if table == "per_kwartaal":
            return quarter_name(key)
        if table in _CATEGORY_ROWS or table in ("traject", "urgentie", "doelgroep"):
            return key if table == "doelgroep" else category(key)
        return WORDS.get(key, category(key))

    return name


def figure_name(parts: tuple[str, ...], name: Namer) -> str:
    """The name of the figure at ``parts`` (its path in the JSON below the section): table, row and column names
    joined by ' — '."""
    out: list[str] = []
    for i, part in enumerate(parts):
        before = parts[i - 1] if i else ""
        row_of = "" if before == "per_groep" else before  # after per_groep comes a dimension, then its rows
        if before == "signalen" and part.isdigit():
            out.append(f"signaal {int(part) + 1}")
        else:
            out.append(name(row_of, part))
    return " — ".join(out)


def section_name(section: str) -> str:
    return SECTIONS.get(section, category(section))
