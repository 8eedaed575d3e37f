"""Dutch words for counts and numbers: "1 casus", "2 casussen" (never "casus(sen)"); 3,7 with a decimal comma."""

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


def nl_num(value) -> str:
    """A number the Dutch way: 3,7 (a decimal comma), 12 (no '.0'); text (such as '< 5') and None ('-') as they are."""
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def slug(text: str, limit: int | None = None) -> str:
    """Text as a short id: 'ambulant begeleider' -> 'ambulant-begeleider', 'Zuiderhaven é' -> 'zuiderhaven-e' ('' when
    nothing is left)."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")


def describe_days(dagen: int) -> str:
    """How late something is in words: '3 dagen te laat', 'vandaag', 'over 1 dag'."""
    if dagen > 0:
        return f"{dagen} dag{'en' if dagen != 1 else ''} te laat"
    if dagen == 0:
        return "vandaag"
    return f"over {-dagen} dag{'en' if dagen != -1 else ''}"
