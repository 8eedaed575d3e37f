"""Dutch words for counts: "1 casus", "2 casussen" — never "casus(sen)"."""

from __future__ import annotations

PLURALS = {
    "casus": "casussen", "fout": "fouten", "waarschuwing": "waarschuwingen", "regisseur": "regisseurs",
    "gebeurtenis": "gebeurtenissen", "bestand": "bestanden", "commit": "commits", "identiteit": "identiteiten",
    "netwerkbijeenkomst": "netwerkbijeenkomsten", "dag": "dagen", "item": "items", "groep": "groepen",
    "week": "weken", "afspraak": "afspraken", "signaal": "signalen", "melding": "meldingen",
}


def aantal(n, word: str) -> str:
    """``n`` and the word in the number it takes: ``aantal(1, "casus")`` is "1 casus", ``aantal(3, "casus")`` "3 casussen".

    A count shown as text (a small count as '< 5') takes the plural.
    """
    return f"{n} {word if n == 1 else PLURALS[word]}"
