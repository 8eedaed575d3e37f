"""De leescache van regie in .git/regie/: wat leescommando's per casus onthouden zolang de bestanden niet veranderen.

Leescommando's (validate, overdue, list, agenda, report, retention) lezen alleen
casussen opnieuw waarvan een bestand veranderde. De cache staat nooit in de
werkmap en wordt nooit gecommit; 'regie --no-cache …' leest alles opnieuw.
"""

from __future__ import annotations

import typer

from ..cli import console, context
from ..dossier.cache import cache_path, open_cache
from ..dossier.cache import clear as remove
from ..taal import aantal

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


@app.command("clear")
def clear() -> None:
    """Verwijder de cache van deze repository (de volgende leesopdracht leest alles opnieuw)."""

    removed = remove(context.root())
    console.info("cache verwijderd" if removed else "er was geen cache")


@app.command("status")
def status() -> None:
    """Toon waar de cache staat, hoe groot hij is en hoeveel casussen erin staan."""

    base = context.root()
    path = cache_path(base)
    if not path.exists():
        console.echo("geen cache")
        return
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    cache = open_cache(base)
    cases = cache.count() if cache else 0
    if cache:
        cache.close()
    console.echo(f"{path}\n{size / 1024 / 1024:.1f} MiB, {aantal(cases, 'casus')}")
