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
CTI_FASEN = ("overbrugging", "oefenfase", "overdracht")  # Critical Time Intervention, in order (seed 003)
AFSPRAAK_STATUS = ("open", "gedaan", "vervallen")
EVALUATION_KINDS = ("tussentijds", "eind", "nazorg")
JOURNAL_KINDS = ("consultatie", "netwerkbijeenkomst", "huisbezoek", "overleg")
# Work outside one case (werkprocessen 3a-3d, 6a, 6b, 6d), in the network journal at the repository root.
NETWORK_JOURNAL_KINDS = ("consultatie", "intervisie", "voorlichting", "deskundigheidsbevordering", "netwerkoverleg")

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

# Who an afspraak can name besides a betrokkene in netwerk.yaml.
CLIENT = "client"
MERGED_REASON = "samengevoegd"  # the sluitreden of a case folded into another (regie merge-cases)
# Doelgroepen of a case for the verwijsindex (young people up to 23, and families with children).
JEUGD_DOELGROEPEN = ("jeugd", "gezin")
