"""Voeg twee casussen van één huishouden samen (één gezin, één plan, één regisseur).

De tweede casus gaat op in de eerste: open afspraken (nieuwe id's, met herkomst), betrokkenen,
journaal en leden van het huishouden gaan mee; de tweede casus wordt gesloten als samengevoegd.
De meldcode van de tweede casus en wat daaruit volgt (Veilig Thuis als betrokkene) blijven bij die
casus, tenzij --meldcode-mee; wat is afgeschermd voor de inzage ook, tenzij --afgeschermd-mee.
Casussen die geen huishouden delen, worden alleen samengevoegd met --zonder-huishouden --reden
TEKST (de reden wordt vastgelegd). Eerst toont regie wat er verhuist en wat blijft; in een terminal
vraagt het om bevestiging, zonder terminal is --ja nodig. --dry-run toont alleen. Alles in één commit.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..cli import console, context, params
from ..errors import RegieError, UsageError
from ..work.merge import Merged, merge_cases


def preview(m: Merged, keep: str, fold: str) -> list[str]:
    """What the merge moves and what stays, in words, before it is done."""
    def listed(items: list[str]) -> str:
        return ", ".join(items) if items else "geen"

    def renamed(pairs: dict[str, str]) -> list[str]:
        return [f"{old} (al in casus {keep})" if old in m.al_in else old if old == new else f"{old} (wordt {new})"
                for old, new in pairs.items()]

    lines = [f"Casus {fold} gaat op in casus {keep} en wordt gesloten (samengevoegd)."]
    if m.zonder_huishouden is not None:
        lines.append(f"Zonder gedeeld huishouden; reden: {m.zonder_huishouden}")
    lines += [
        f"Gaat mee naar casus {keep}:",
        f"  afspraken: {listed(renamed(m.afspraken))}",
        f"  betrokkenen: {listed(renamed(m.betrokkenen))}",
        f"  leden van het huishouden: {listed(renamed(m.leden))}",
        f"  journaal: {listed(list(m.journaal))}",
    ]
    if m.meldcode:
        lines.append("  meldcode")
    lines += [
        f"Blijft bij casus {fold}:",
        f"  meldcode en afgeschermd: {listed(m.blijft)}",
        "  plan, evaluaties, escalaties en bijeenkomsten (als geschiedenis)",
    ]
    if m.blijft:
        lines.append("Wat blijft, gaat mee met --meldcode-mee (de meldcode en wat eruit volgt) of --afgeschermd-mee "
                     "(wat is afgeschermd voor de inzage).")
    return lines


def run(
    keep: Annotated[str, params.case_argument("De casus die blijft.", metavar="KEEP")],
    fold: Annotated[str, params.case_argument("De casus die erin opgaat en gesloten wordt.", metavar="FOLD")],
    zonder_huishouden: Annotated[bool, typer.Option("--zonder-huishouden", help="Voeg samen hoewel de casussen geen huishouden delen (met --reden).")] = False,
    reden: Annotated[Optional[str], typer.Option("--reden", help="Waarom casussen zonder gedeeld huishouden toch samengaan (wordt vastgelegd).")] = None,
    meldcode_mee: Annotated[bool, typer.Option("--meldcode-mee", help="De meldcode van FOLD (en wat eruit volgt) gaat mee naar KEEP.")] = False,
    afgeschermd_mee: Annotated[bool, typer.Option("--afgeschermd-mee", help="Wat in FOLD is afgeschermd voor de inzage gaat mee naar KEEP.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Toon wat er verhuist en wat blijft; verander niets.")] = False,
    ja: Annotated[bool, typer.Option("--ja", help="Voeg samen zonder te vragen (nodig zonder terminal).")] = False,
    no_commit: Annotated[bool, params.no_commit_option("Wijzig, maar commit niet.")] = False,
) -> None:
    if zonder_huishouden != (reden is not None):
        raise UsageError("--zonder-huishouden en --reden horen bij elkaar: geef ze allebei of geen van beide")
    ask = console.interactive()

    def confirm(m: Merged) -> bool:
        console.echo("\n".join(preview(m, keep, fold)))
        if dry_run:
            return False
        if ja:
            return True
        if not ask:
            raise UsageError("niets samengevoegd: zonder terminal is --ja nodig (of --dry-run om alleen te kijken)")
        return console.confirm(f"Casus {fold} samenvoegen met casus {keep}?")

    done = merge_cases(context.root(), keep, fold, today=context.today(), commit=not no_commit,
                       zonder_huishouden=reden if zonder_huishouden else None, meldcode_mee=meldcode_mee,
                       afgeschermd_mee=afgeschermd_mee, confirm=confirm)
    if dry_run:
        console.info("--dry-run: niets veranderd")
        return
    if not done.gedaan:
        raise RegieError("niets samengevoegd")
    console.report_change(done)
    console.info(f"casus {fold} samengevoegd met casus {keep} en gesloten")
