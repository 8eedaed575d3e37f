"""The fixed vocabulary of a dossier: statuses, kinds, decisions and the other closed lists.

These lists are the ones code checks and chooses from; the JSON Schemas in ``regie/schemas/``
hold the same lists as ``enum`` (editors and other validators read those), and
``tests/test_vocab.py`` fails when the two drift apart. Lists a network may replace in
``regie.yaml`` (leefgebieden, meldingsoorten, sluitredenen) are its defaults, in ``network``.
"""

from __future__ import annotations

# Case lifecycle (werkproces 1a .. 1g): the order is the normal path of a case.
STATUSES = ("melding", "onderzoek", "plan", "uitvoering", "nazorg", "gesloten", "overgedragen")
OPEN_STATUSES = ("melding", "onderzoek", "plan", "uitvoering", "nazorg")
# From these statuses on, the Plan van Aanpak must be vastgesteld.
PLAN_SET_STATUSES = ("uitvoering", "nazorg")

CONSENT = ("gegeven", "geweigerd", "niet-gevraagd", "ingetrokken")
URGENCY = ("laag", "middel", "hoog", "crisis")
TRAJECTS = ("regulier", "cti")
INTAKE_BESLUITEN = ("aangenomen", "niet-aangenomen")
AFSPRAAK_STATUS = ("open", "gedaan", "vervallen")
EVALUATION_KINDS = ("tussentijds", "eind", "nazorg")
JOURNAL_KINDS = ("consultatie", "netwerkbijeenkomst", "huisbezoek", "overleg")
# Work outside one case (werkprocessen 3a-3d, 6a, 6b, 6d), in the network journal at the repository root.
NETWORK_JOURNAL_KINDS = ("consultatie", "intervisie", "voorlichting", "deskundigheidsbevordering", "netwerkoverleg")
# What a new note may be: consultation and voorlichting have commands of their own now (old notes stay valid and count).
NOTE_MOVED = {"consultatie": "regie consult", "voorlichting": "regie voorlichting",
              "deskundigheidsbevordering": "regie voorlichting"}

# A signal's life, in order; older files may still say ingediend or afgehandeld.
SIGNAL_STATUS = ("open", "ingebracht", "beantwoord", "gesloten")
SIGNAL_OLD_NAMES = {"ingediend": "ingebracht", "afgehandeld": "gesloten"}

# The legal bases of a verstrekking, as the inzage export explains them to the client.
GRONDSLAGEN = {
    "toestemming": "met uw toestemming",
    "wettelijke-plicht": "omdat de wet dat verplicht",
    "vitaal-belang": "om uw leven of gezondheid (of die van een ander) te beschermen",
    "publieke-taak": "voor een taak van algemeen belang of openbaar gezag",
    "gerechtvaardigd-belang": "op grond van een gerechtvaardigd belang, na een afweging",
    "afweging": "zonder uw toestemming, op grond van de afweging die in uw dossier staat",
}

# What consent covers (toestemming.gegevens): the leefgebieden of regie.yaml, by the same ids as the plan's goals,
# and these kinds that are no leefgebied. Partner documents never carry them: the meldcode and the safety of a
# household go to whoever the meldcode names, identity data stay encrypted, medical detail stays with the doctor.
GEGEVENS_EXTRA = {
    "veiligheid": "veiligheid en de meldcode",
    "identiteit": "identiteitsgegevens (naam, adres, BSN, geboortedatum)",
    "gezondheid-detail": "medische details (diagnose, medicatie, behandeling)",
}
# Words for kinds of data used before consent named leefgebieden, and what to write instead.
GEGEVENS_OUD = {
    "wonen": "huisvesting", "woning": "huisvesting", "huis": "huisvesting", "geld": "financien", "financiën": "financien",
    "schulden": "financien", "inkomen": "financien", "werk": "dagbesteding", "opleiding": "dagbesteding",
    "gezondheid": "geestelijke-gezondheid of lichamelijke-gezondheid", "psyche": "geestelijke-gezondheid",
    "verslaving": "middelengebruik", "relaties": "huiselijke-relaties", "gezin": "huiselijke-relaties",
    "netwerk": "sociaal-netwerk", "politie": "justitie", "meldcode": "veiligheid", "medisch": "gezondheid-detail",
}

# Who an afspraak can name besides a betrokkene in netwerk.yaml.
CLIENT = "client"
MERGED_REASON = "samengevoegd"  # the sluitreden of a case folded into another (regie merge-cases)
# Doelgroepen of a case for the verwijsindex (young people up to 23, and families with children).
JEUGD_DOELGROEPEN = ("jeugd", "gezin")

# Consultation (kerntaak 3) and voorlichting (werkprocessen 6a, 6b): the words of their schemas.
CONSULT_AANLEIDING = ("gevraagd", "ongevraagd")
CONSULT_VRAAGSOORTEN = ("werkprobleem", "sociale-kaart", "materieel", "immaterieel", "regels-en-richtlijnen")
CONSULT_LACUNES = ("kennis", "vaardigheden", "houding")
VOORLICHTING_SOORTEN = ("voorlichting", "deskundigheidsbevordering")
VOORLICHTING_VORMEN = ("plenaire-bijeenkomst", "workshop", "individueel")
VOORLICHTING_DOELGROEPEN = ("clientnetwerk", "professionals", "voorzieningen")
