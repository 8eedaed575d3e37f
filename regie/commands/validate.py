"""Controleer de dossierrepository (of de genoemde casussen) op schema's en regels.

Elke bevinding verschijnt als 'pad:regel: [code] melding'. Exitcode 1 bij fouten
(met --strict ook bij waarschuwingen), anders 0.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli import console, context, documents, params
from ..dossier.problems import ERROR, has_errors
from ..dossier.repo import case_ids
from ..dossier.validate import scope_of_files, validate
from ..store.gitops import changed_since as changes
from ..taal import aantal


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def run(
    cases: Annotated[Optional[list[str]], params.case_argument(
        help="Casus-id's of bestanden (standaard: alles). Bestanden (zoals pre-commit ze doorgeeft) controleren de casussen "
             "waar ze bij horen; regie.yaml controleert alles.", show_default=False,
        parser=params.checked_path("CASUS", str))] = None,
    fmt: Annotated[ValidateFormat, params.format_option("text, json, github (annotaties voor GitHub Actions) of gitlab "
                                                "(Code Quality-rapport voor GitLab merge requests).")] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Ook waarschuwingen geven exitcode 1.")] = False,
    changed_since: Annotated[Optional[str], typer.Option("--changed-since", metavar="REV",
        help="Alleen wat sinds REV veranderd is (bijv. origin/main in de CI van een merge request): die casussen, "
             "de signalen als die veranderden, alles als regie.yaml veranderde.")] = None,
    out: params.Output = None,
    jobs: params.Jobs = None,
) -> None:
    context.check_jobs(jobs)
    root = context.root()
    ids, signals = cases or None, None
    files = [c for c in cases or [] if Path(c).is_file()]  # as pre-commit passes them; anything else is a case id
    if changed_since is not None:
        files += [str(p) for p in changes(root, changed_since)]
    if files or changed_since is not None:
        ids, signals = scope_of_files(root, files)
        if ids is not None:
            ids = sorted(set(ids) | {c for c in cases or [] if c not in files})
        if ids == [] and not signals:
            console.info("niets te controleren: geen dossierbestanden")
            return
    with console.progress("casussen controleren") as tick:
        problems = validate(root, context.today(), ids, progress=tick, signals=signals,
                            use_cache=not context.STATE.no_cache, jobs=jobs)
    n_cases = len(ids) if ids is not None else len(case_ids(root))
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    with documents.writing(out):
        if fmt is ValidateFormat.json:
            console.echo_json(
                {"cases": n_cases, "errors": errors, "warnings": warnings, "problems": [p.to_dict() for p in problems]}
            )
        elif fmt is ValidateFormat.gitlab:
            console.echo_json([_code_quality(p) for p in problems])
        elif fmt is ValidateFormat.github:
            console.echo_lines(map(_github, problems))
        else:
            console.echo_lines(p.format() for p in problems)
    summary = f"{aantal(n_cases, 'casus')} gecontroleerd: {aantal(errors, 'fout')}, {aantal(warnings, 'waarschuwing')}"
    console.info(summary)
    if has_errors(problems, strict=strict):
        raise typer.Exit(1)


def _code_quality(p) -> dict:
    """One finding as GitLab shows it in a merge request (the Code Climate issue format of its Code Quality report).

    The fingerprint leaves out the line and the numbers, so a finding that only moves or counts on is the same finding.
    """
    import hashlib
    import re

    stable = re.sub(r"\d+", "#", p.message)  # "staat 51 dagen open" is the same finding tomorrow
    return {
        "description": p.message,
        "check_name": f"regie {p.code}",
        "fingerprint": hashlib.sha256(f"{p.path}\0{p.code}\0{stable}".encode()).hexdigest(),
        "severity": "major" if p.severity == "error" else "minor",
        "location": {"path": p.path, "lines": {"begin": p.line or 1}},
    }


def _github(p) -> str:
    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    level = "error" if p.severity == "error" else "warning"
    props = f"file={esc(p.path, True)}" + (f",line={p.line}" if p.line else "") + f",title={esc('regie ' + p.code, True)}"
    return f"::{level} {props}::{esc(p.message)}"
