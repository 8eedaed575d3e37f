"""Creating a new dossier repository (``regie init``)."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import RegieError, UsageError
from ..dossier.repo import CASES_DIR, CONFIG

SCHEMA_DIR = ".regie/schemas"
# template -> path in the new repository
INIT_FILES = {
    "init/regie.yaml.j2": CONFIG,
    "init/gitignore.j2": ".gitignore",
    "init/gitlab-ci.yml.j2": ".gitlab-ci.yml",
    "init/github-workflow.yml.j2": ".github/workflows/regie.yml",
    "init/pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "init/README.md.j2": "README.md",
}
KEEP_DIRS = (CASES_DIR, "overleggen", "signalen")


def init_repository(target: Path, naam: str, regisseur_id: str, regisseur_naam: str, *, commit: bool = True) -> list[Path]:
    """Create the dossier repository at ``target``; returns the files written (and committed)."""
    from ..store import gitops
    from ..dossier import schema
    from ..views.render import render
    from ..store.files import write_text_atomic

    if not re.match(r"^[a-z0-9][a-z0-9-]*$", regisseur_id):
        raise UsageError(f"ongeldige regisseur-id '{regisseur_id}': kleine letters, cijfers en '-'")
    if (target / CONFIG).exists():
        raise RegieError(f"{target / CONFIG} bestaat al; dit is al een dossierrepository")
    clashes = [rel for rel in INIT_FILES.values() if (target / rel).exists()]
    if clashes:
        raise RegieError(f"bestaat al en wordt niet overschreven: {', '.join(clashes)}")
    target.mkdir(parents=True, exist_ok=True)
    context = {"naam": naam, "regisseur_id": regisseur_id, "regisseur_naam": regisseur_naam}
    rendered = {rel: render(tpl, context) for tpl, rel in INIT_FILES.items()}  # all templates first: fail before writing
    written: list[Path] = []
    try:
        for rel, text in rendered.items():
            write_text_atomic(target / rel, text)
            written.append(target / rel)
        for folder in KEEP_DIRS:
            keep = target / folder / ".gitkeep"
            if not keep.exists():
                write_text_atomic(keep, "")
                written.append(keep)
        written.extend(schema.export(target / SCHEMA_DIR))
        if commit:
            if not gitops.is_repo(target):
                gitops.init(target)
            gitops.commit_paths(target, written, "regie init: nieuwe dossierrepository")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
