"""Het huishouden van een casus: leden toevoegen, wijzigen of verwijderen (regie huishouden CASUS lid add|edit|drop).

Een lid is een rol, een geboortejaar (nooit de geboortedatum), een pseudoniem, de leefgebieden die het lid
raken en wie het gezag heeft (leden, bijv. L1 en L2, of de organisatie met de voogdij). Elke wijziging past
alleen casus.yaml aan (opmerkingen blijven staan) en komt in één commit, zonder persoonsgegevens in het bericht.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..work.huishouden import LidWaarden
from ..work.huishouden import add as do_add
from ..work.huishouden import drop as do_drop
from ..work.huishouden import edit as do_edit

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
lid_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
app.add_typer(lid_app, name="lid", help="Voeg een lid toe, wijzig of verwijder een lid van het huishouden.")

Lid = Annotated[str, typer.Argument(help="Lid-id, bijv. L3.", metavar="LID", show_default=False)]
Rol = Annotated[Optional[str], typer.Option("--rol", help="ouder, kind, partner, pleegkind, grootouder, broer-zus of overig.")]
Jaar = Annotated[Optional[int], typer.Option("--geboortejaar", metavar="JAAR", help="Alleen het geboortejaar, bijv. 2014.")]
Pseudoniem = Annotated[Optional[str], typer.Option("--pseudoniem", help="Pseudoniem van het lid (geen echte naam).")]
Leefgebied = Annotated[Optional[list[str]], params.leefgebied_option("--leefgebied", help="Leefgebied dat dit lid raakt (herhaalbaar).")]
Gezag = Annotated[Optional[list[str]], typer.Option("--gezag", help="Wie het gezag heeft: een lid (bijv. L1; herhaalbaar), client, of de organisatie-id met de voogdij.")]


@app.callback()
def main(ctx: typer.Context, case: params.CaseEg) -> None:
    """Het huishouden van een casus: leden toevoegen, wijzigen of verwijderen."""

    ctx.meta["regie.huishouden.casus"] = case


def _case(ctx: typer.Context) -> str:
    return str(ctx.meta["regie.huishouden.casus"])


@lid_app.command("add")
def add(ctx: typer.Context, rol: Rol = None, geboortejaar: Jaar = None, pseudoniem: Pseudoniem = None,
        leefgebied: Leefgebied = None, gezag: Gezag = None, no_commit: params.NoCommit = False) -> None:
    """Voeg een lid toe aan het huishouden (volgende vrije id) en druk de id af; zonder huishouden begint er een."""

    done = do_add(context.root(), _case(ctx), LidWaarden(rol, geboortejaar, pseudoniem, leefgebied, gezag),
                  today=context.today(), commit=not no_commit)
    console.echo(str(done.id))
    console.report_change(done)


@lid_app.command("edit")
def edit(ctx: typer.Context, lid: Lid, rol: Rol = None, geboortejaar: Jaar = None, pseudoniem: Pseudoniem = None,
         leefgebied: Leefgebied = None, gezag: Gezag = None, no_commit: params.NoCommit = False) -> None:
    """Wijzig een lid: alleen wat je opgeeft (--leefgebied en --gezag vervangen de hele lijst)."""

    console.report_change(do_edit(context.root(), _case(ctx), lid, LidWaarden(rol, geboortejaar, pseudoniem, leefgebied, gezag),
                                  today=context.today(), commit=not no_commit))


@lid_app.command("drop")
def drop(ctx: typer.Context, lid: Lid, no_commit: params.NoCommit = False) -> None:
    """Verwijder een lid waar niets meer naar verwijst (geen doel, gezag of toestemming)."""

    console.report_change(do_drop(context.root(), _case(ctx), lid, today=context.today(), commit=not no_commit))
