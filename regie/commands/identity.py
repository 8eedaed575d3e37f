"""Identiteit van de cliënt: alleen versleuteld (age) in het dossier, leesbaar voor wie de sleutel heeft.

De casusregisseur en de beheerders uit regie.yaml kunnen de identiteit lezen. Alles daarbuiten
(validate, rapporten, CI) werkt zonder sleutel. Ontsleutelde tekst komt nooit in de werkmap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..cli.bekend import warn_known
from ..errors import UsageError
from ..privacy.identity import IdentityError, decrypt
from ..privacy.identity import show as do_show
from ..taal import aantal
from ..work.identity import edit as do_edit
from ..work.identity import pending, rekey_what_you_can
from ..work.identity import rekey as do_rekey
from ..work.mutation import Change

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)



@app.command("show")
def show(case: params.CaseEg) -> None:
    """Toon de ontsleutelde identiteit (alleen op het scherm)."""

    console.echo(do_show(context.root(), case).rstrip("\n"))


@app.command("edit")
def edit(case: params.CaseEg, no_commit: Annotated[bool, params.no_commit_option("Versleutel en zet klaar, maar commit niet.")] = False) -> None:
    """Bewerk de identiteit in je editor; daarna versleuteld opgeslagen en gecommit."""

    import os

    if not console.interactive() and not (os.environ.get("VISUAL") or os.environ.get("EDITOR")):
        raise UsageError("regie identity edit opent een editor; stel EDITOR in of gebruik een terminal")
    problems = do_edit(context.root(), case, today=context.today(), editor=console.edit_file, commit=not no_commit,
                       known=lambda found: warn_known(case, found))
    console.report_change(Change(problems=problems), f"identiteit van casus {case} versleuteld opgeslagen"
                          + (" (niet gecommit)" if no_commit else " en gecommit"))


@app.command("rekey")
def rekey(
    cases: Annotated[Optional[list[str]], params.case_argument("Casus-id's (standaard: alle casussen met een identiteit).")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Versleutel en zet klaar, maar commit niet.")] = False,
) -> None:
    """Versleutel opnieuw voor wie nu toegang hoort te hebben (na een overdracht, of als een regisseur komt of gaat).

    Zonder casus-id's: elke identiteit die jij kunt lezen en die niet precies versleuteld is voor wie haar nu hoort te
    lezen; de rest staat daarna op stderr, met wie het wel kan (exit 0).
    """

    root = context.root()
    if cases:
        done = do_rekey(root, cases, today=context.today(), commit=not no_commit)
        console.info(f"{aantal(len(done), 'identiteit')} opnieuw versleuteld")
        return
    result = rekey_what_you_can(root, today=context.today(), commit=not no_commit)
    console.info(f"{aantal(len(result.done), 'identiteit')} opnieuw versleuteld"
                 + (f", {len(result.current)} al goed versleuteld" if result.current else ""))
    if result.left:
        console.warn(f"{aantal(len(result.left), 'identiteit')} kon je niet opnieuw versleutelen:")
        for p in result.left:
            console.info(f"  {p.describe()}")


@app.command("wachtend")
def wachtend() -> None:
    """Toon per casus wiens identiteit nog opnieuw versleuteld moet worden, en wie dat kan."""

    left = pending(context.root())
    for p in left:
        console.echo(p.describe())
    console.info(f"{aantal(len(left), 'casus')} wacht{'en' if len(left) != 1 else ''} op opnieuw versleutelen"
                 if left else "alle identiteiten zijn versleuteld voor wie ze hoort te lezen")


@app.command("textconv", hidden=True)
def textconv(path: Annotated[Path, typer.Argument(show_default=False)]) -> None:
    """Voor git diff: de ontsleutelde tekst, of een melding als je geen sleutel hebt."""

    try:
        console.echo(decrypt(path.read_bytes(), path.name).rstrip("\n"))
    except (IdentityError, OSError):
        console.echo("(versleutelde identiteit; geen sleutel om die te tonen)")
