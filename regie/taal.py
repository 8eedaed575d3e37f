"""Dutch words for counts and numbers: "1 casus", "2 casussen" (never "casus(sen)"); 3,7 with a decimal comma."""

from __future__ import annotations

LOCALE = "nl_NL"

PLURALS = {
    "casus": "casussen", "fout": "fouten", "waarschuwing": "waarschuwingen", "regisseur": "regisseurs",
    "gebeurtenis": "gebeurtenissen", "bestand": "bestanden", "commit": "commits", "identiteit": "identiteiten",
    "netwerkbijeenkomst": "netwerkbijeenkomsten", "dag": "dagen", "item": "items", "groep": "groepen",
    "week": "weken", "afspraak": "afspraken", "signaal": "signalen", "melding": "meldingen", "stap": "stappen",
    "kandidaat": "kandidaten", "aanwezige": "aanwezigen", "genodigde": "genodigden",
}


def aantal(n, word: str) -> str:
    """``n`` and the word in the number it takes: ``aantal(1, "casus")`` is "1 casus", ``aantal(3, "casus")`` "3 casussen".

    A count shown as text (a small count as '< 5') takes the plural.
    """
    return f"{n} {word if n == 1 else PLURALS[word]}"


def nl_num(value, decimals: int = 2) -> str:
    """A number as Dutch documents write it (Babel, locale nl_NL): 1.234.567,5 — thousands separated by a point,
    a decimal comma, never an exponent, at most ``decimals`` decimals (12, not 12,0). Text (such as 'x') as it
    is, None as '-'.

    Babel is imported here, the one module that formats numbers for people, and only when a number is formatted.
    """
    if value is None:
        return "-"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def nl_percent(value) -> str:
    """A percentage (a number 0–100) the Dutch way: 37%, 12,5% ('-' for None)."""
    return "-" if value is None else nl_num(value, 1) + "%"


def nl_date(value, fmt: str = "d MMMM y") -> str:
    """A date the Dutch way (Babel, nl_NL): 1 juli 2026 ('-' for None); ``fmt`` in Babel's date pattern."""
    if value is None:
        return "-"
    from babel.dates import format_date

    if isinstance(value, str):
        import datetime

        value = datetime.date.fromisoformat(value)

    return format_date(value, format=fmt, locale=LOCALE)


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
