"""Maak een nieuwe dossierrepository: regie.yaml, mappen, CI-bestanden, git en een eerste commit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, params
from ..work.initrepo import init_repository, running_source


def run(
    directory: Annotated[Path, params.path_argument("Map voor de nieuwe repository (standaard: de huidige map).", what="MAP", metavar="MAP")] = Path("."),
    naam: Annotated[Optional[str], typer.Option("--naam", help="Naam van het netwerk.")] = None,
    regisseur_id: Annotated[Optional[str], typer.Option("--regisseur-id", help="Korte id van de eerste regisseur.")] = None,
    regisseur_naam: Annotated[Optional[str], typer.Option("--regisseur-naam", help="Naam van de eerste regisseur.")] = None,
    beheerder: Annotated[Optional[list[str]], typer.Option("--beheerder", help="Id van een beheerder: een sleutel die het netwerk houdt (bijv. teamleider), die elke identiteit mag lezen; mag vaker.")] = None,
    no_commit: Annotated[bool, params.no_commit_option("Schrijf de bestanden, maar maak geen git-repository of commit.")] = False,
    regie_bron: Annotated[Optional[str], typer.Option("--regie-bron", help="Waar de CI regie installeert, vastgepind: een git-URL op een release-tag, een wheel, of regie==VERSIE (standaard: waar deze regie vandaan komt).")] = None,
    remote: Annotated[Optional[str], typer.Option("--remote", help="Adres van de gedeelde repository (wordt 'origin'), bijv. git@gitlab.gemeente.nl:netwerk/dossiers.git.")] = None,
) -> None:
    if console.interactive():
        naam = naam or console.ask("Naam van het netwerk", default="Integraal netwerk")
        regisseur_id = regisseur_id or console.ask("Id van de eerste regisseur", default="regisseur")
        regisseur_naam = regisseur_naam or console.ask("Naam van de eerste regisseur", default="Regisseur")
        beheerder = beheerder or [console.ask("Id van de beheerder: een sleutel die het netwerk houdt en elke identiteit "
                                              "mag lezen, bijv. de teamleider", default="teamleider")]
    reachable = True  # a --regie-bron is the network's own choice (init_repository checks that it pins a version)
    if regie_bron is None:
        regie_bron, reachable = running_source()
    written = init_repository(
        directory,
        naam or "Integraal netwerk",
        regisseur_id or "regisseur",
        regisseur_naam or "Regisseur",
        commit=not no_commit,
        remote=remote,
        bron=regie_bron,
        beheerders=beheerder,
    )
    console.info(f"dossierrepository gemaakt in {directory} ({len(written)} bestanden)")
    console.info("volgende stap: vul regie.yaml aan en registreer een melding met 'regie new-case'")
    if not reachable:
        console.warn(f"de CI-bestanden installeren regie als '{regie_bron}': deze regie komt uit een lokale map of "
                     "bestand dat de CI niet kan bereiken; zet REGIE_BRON in .github/workflows/regie.yml en "
                     ".gitlab-ci.yml op jullie eigen bron, of geef --regie-bron")
    if remote:
        console.info(f"gedeelde repository: {remote} (origin); deel je werk met 'regie sync'")
