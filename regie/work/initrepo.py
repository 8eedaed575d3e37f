"""Creating a new dossier repository (``regie init``)."""

from __future__ import annotations

import re
from pathlib import Path

import regie

from ..dossier import schema
from ..dossier.lint import check_id, check_value
from ..errors import RegieError, UsageError, os_reason
from ..layout import CASES_DIR, CONFIG, MEETINGS_DIR, SIGNALS_DIR, merge_attributes
from ..layout import SCHEMAS_DIR as SCHEMA_DIR
from ..render.templates import render
from ..store import gitops
from ..store.files import write_text_atomic

# template -> path in the new repository
INIT_FILES = {
    "init/regie.yaml.j2": CONFIG,
    "init/gitignore.j2": ".gitignore",
    "init/gitlab-ci.yml.j2": ".gitlab-ci.yml",
    "init/github-workflow.yml.j2": ".github/workflows/regie.yml",
    "init/pre-commit-config.yaml.j2": ".pre-commit-config.yaml",
    "init/README.md.j2": "README.md",
    "init/gitattributes.j2": ".gitattributes",
    "init/vscode-settings.json.j2": ".vscode/settings.json",  # the editor checks each file against its schema as you type
    "init/vscode-extensions.json.j2": ".vscode/extensions.json",
}
KEEP_DIRS = (CASES_DIR, MEETINGS_DIR, SIGNALS_DIR)


def driver_command() -> str:
    """How git starts regie's merge driver: this installation's own regie, whatever git's PATH."""
    import shlex
    import shutil
    import sys

    exe = shutil.which("regie")
    here = Path(sys.executable).resolve().parent
    if exe and Path(exe).resolve().parent == here:
        command = shlex.quote(exe)
    else:
        command = f"{shlex.quote(sys.executable)} -m regie"
    return f"{command} merge-file %O %A %B %P"


def check_out_shared(folder: Path) -> str | None:
    """A clone of a remote whose HEAD names a branch that does not exist has no files yet (``git clone`` warned
    "remote HEAD refers to nonexistent ref"): check out the shared branch that holds a dossier.

    Returns what was done, or None when ``folder`` is not such a clone.
    """
    if not folder.is_dir() or gitops.git_dir(folder) is None or gitops.run(folder, "rev-parse", "--verify", "-q", "HEAD", check=False).returncode == 0:
        return None
    branches = gitops.run(folder, "for-each-ref", "--format=%(refname:short)", "refs/remotes", check=False).stdout.split()
    branches = [b for b in branches if not b.endswith("/HEAD")
                and gitops.run(folder, "cat-file", "-e", f"{b}:{CONFIG}", check=False).returncode == 0]
    if not branches:
        return None
    chosen = next((b for b in branches if b.endswith("/main")), branches[0])
    remote, _, name = chosen.partition("/")
    gitops.run(folder, "checkout", "-q", "-B", name, "--track", chosen)
    return f"de gedeelde branch {name} van {remote} uitgecheckt (de server wees nog geen branch aan)"


def setup_clone(root: Path) -> list[str]:
    """What a clone needs that git does not version: the merge driver in ``.git/config``.

    Where the repository's ``.gitattributes`` does not name the driver (a repository made
    before regie had one), the same lines go to ``.git/info/attributes``, local to this clone.
    Returns what was done, for the user.
    """

    gitops.run(root, "config", "merge.regie.name", "regie: dossierbestanden per record samenvoegen")
    gitops.run(root, "config", "merge.regie.driver", driver_command())
    textconv = driver_command().replace(" merge-file %O %A %B %P", " identity textconv")
    gitops.run(root, "config", "diff.regie-age.textconv", textconv)
    done = ["git config merge.regie.driver ingesteld (samenvoegen per record)",
            "git config diff.regie-age.textconv ingesteld (git diff toont identiteiten ontsleuteld aan wie de sleutel heeft)"]
    attributes = root / ".gitattributes"
    text = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    if "merge=regie" not in text:
        local = (gitops.git_dir(root) or root / ".git") / "info" / "attributes"  # git config just worked: it is there
        current = local.read_text(encoding="utf-8") if local.is_file() else ""
        if "merge=regie" not in current:
            write_text_atomic(local, current + ("\n" if current and not current.endswith("\n") else "") + merge_attributes())
            done.append(f"{local} aangevuld (deze repository heeft nog geen .gitattributes met regie's samenvoeghulp)")
    return done


def install_source(direct_url: dict | None, version: str) -> str | None:
    """Where CI can install this same regie from, as a pip requirement; None when no one else can reach it.

    ``direct_url`` is what pip recorded about this installation (PEP 610): a git checkout gives
    ``regie @ git+URL@COMMIT``, a wheel or archive at an address gives that address; installed
    from a package index (no record) it is ``regie==VERSION``. A local folder or file is on
    this machine only: the network names its own source with ``--regie-bron``.
    """
    if direct_url is None:
        return f"regie=={version}"
    url = str(direct_url.get("url", ""))
    vcs = direct_url.get("vcs_info")
    if vcs and vcs.get("vcs") == "git" and not url.startswith("file:"):
        return f"regie @ git+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}"
    if "archive_info" in direct_url and url.startswith(("https://", "http://")):
        return f"regie @ {url}"
    return None


def running_source() -> tuple[str, bool]:
    """Where CI installs the regie that runs now: (pip requirement, reachable from elsewhere?).

    :func:`install_source` when it gives one; else this version from the project's own
    repository at its release tag (``Project-URL: Source`` in the package metadata); else
    ``regie==VERSION``, pinned, for a network that serves regie from its own package index.
    """
    import json
    from importlib import metadata


    try:
        dist = metadata.distribution("regie")
        text = dist.read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return f"regie=={regie.__version__}", False
    found = install_source(json.loads(text) if text else None, regie.__version__)
    if found is not None:
        return found, True
    found = release_source(dist.metadata.get_all("Project-URL") or [], regie.__version__)
    if found is not None:
        return found, True
    return f"regie=={regie.__version__}", False


def release_source(project_urls: list[str], version: str) -> str | None:
    """This version at its release tag in the project's repository (``Project-URL: Source, https://…``), if declared."""
    for entry in project_urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "source" and url.strip().startswith("https://"):
            return f"regie @ git+{url.strip()}@v{version}"
    return None


def check_source(bron: str) -> str:
    """A source of regie that CI can install from and that pins one version."""
    text = bron.strip()
    if not text or "\n" in text or not pins_one_version(text):
        raise UsageError(f"de bron van regie '{bron}' pint geen versie: geef een git-URL op een release-tag "
                         "('regie @ git+https://…/regie.git@v0.2.0'), een wheel ('…/regie-0.2.0-py3-none-any.whl') "
                         "of 'regie==0.2.0' van jullie eigen pakketindex", field="regie_bron")
    return text


def pins_one_version(text: str) -> bool:
    """Whether pip, given ``text``, installs one version of regie: read as pip reads a requirement.

    ``regie==0.2.0`` (or ``===``) pins; ``regie==0.2.*``, ``regie>=0.2`` and another package do not. A URL
    (``regie @ URL`` or the bare URL pip also takes) pins when it names a wheel, a commit or a release tag.
    """
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    url = text
    try:
        req = Requirement(text)
    except InvalidRequirement:
        req = None  # a bare URL or path, which pip takes as it is
    if req is not None:
        if canonicalize_name(req.name) != "regie":
            return False
        if req.url is None:
            return any(s.operator == "===" or (s.operator == "==" and not s.version.endswith(".*")) for s in req.specifier)
        url = req.url
    return re.search(r"\.whl$|@[0-9a-f]{7,40}$|@v\d+(\.\d+)*$", url) is not None


def _check_ids(regisseur_id: str, beheerders: list[str]) -> list[str]:
    """The first regisseur's id and the beheerders' ids must be short ids; returns the beheerders once each."""
    for what, rid in (("regisseur", regisseur_id), *(("beheerder", b) for b in beheerders)):
        check_id(f"de {what}-id", rid, field="regisseur_id" if what == "regisseur" else "beheerder")
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", rid):
            raise UsageError(f"ongeldige {what}-id '{rid}': kleine letters, cijfers en '-'")
    return list(dict.fromkeys(beheerders))


def _check_git(target: Path) -> None:
    """Everything git needs to make the first commit, checked before a file is written: git itself, who commits,
    and (inside an existing repository) a state in which regie may commit."""
    gitops.require_git()
    probe = next(d for d in (target, *target.parents) if d.is_dir())
    if gitops.git_dir(probe) is not None:
        gitops.check_ready(probe)
    else:
        gitops.check_identity(probe)


def _undo_git(target: Path, written: list[Path], new_repo: bool) -> None:
    """After a failed init: the git repository it made goes; in an existing one, what it staged is unstaged."""
    import shutil

    if new_repo:
        shutil.rmtree(target / ".git", ignore_errors=True)
    elif written and gitops.is_repo(target):
        try:
            gitops.unstage(target, written)
        except RegieError:
            pass  # the files themselves go next; the index then only names missing files, as git status will say


def _make_folder(target: Path) -> list[Path]:
    """Make ``target`` and the folders above it that are missing; returns those it made."""
    made = [d for d in (target, *target.parents) if not d.exists()]
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder (or one above it) belongs
        raise RegieError(f"kan de map niet maken: {os_reason(exc)}", path=str(target)) from None
    return made


def init_repository(target: Path, naam: str, regisseur_id: str, regisseur_naam: str, *, commit: bool = True,
                    remote: str | None = None, bron: str | None = None, beheerders: list[str] | None = None) -> list[Path]:
    """Create the dossier repository at ``target``; returns the files written (and committed).

    ``beheerders`` are the ids of keys the network keeps (a role such as the teamleider): each that
    is not the first regisseur gets an entry of its own under ``regisseurs`` for its age key.
    """

    check_value("de naam van het netwerk", naam, field="naam")
    check_value("de naam van de regisseur", regisseur_naam, field="regisseur_naam")
    beheerders = _check_ids(regisseur_id, beheerders or [])
    if (target / CONFIG).exists():
        raise RegieError(f"{target / CONFIG} bestaat al; dit is al een dossierrepository")
    clashes = [rel for rel in INIT_FILES.values() if (target / rel).exists()]
    if clashes:
        raise RegieError(f"bestaat al en wordt niet overschreven: {', '.join(clashes)}")
    if commit:
        _check_git(target)  # before anything is written
    if remote is not None and not commit:
        raise UsageError("een gedeelde repository (remote) hoort bij een git-repository met commits; niet zonder commit",
                         field=("remote", "no_commit"))
    bron = check_source(bron) if bron is not None else running_source()[0]
    context = {"naam": naam, "regisseur_id": regisseur_id, "regisseur_naam": regisseur_naam, "bron": bron,
               "beheerders": beheerders,
               "merge_attributes": merge_attributes().rstrip("\n")}
    rendered = {rel: render(tpl, context) for tpl, rel in INIT_FILES.items()}  # all templates first: fail before writing
    made = _make_folder(target)
    new_repo = commit and not gitops.is_repo(target)
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
            setup_clone(target)
            if remote:
                gitops.run(target, "remote", "add", "origin", remote)
    except BaseException:
        _undo_git(target, written, new_repo)
        for path in written:
            path.unlink(missing_ok=True)
        inside = {d for p in written for d in p.parents if target in d.parents}  # .github/workflows and .github
        folders = sorted(inside | set(made), key=lambda d: len(d.parts), reverse=True)
        for made_folder in folders:  # the folders this command made, deepest first, when nothing else is in them
            try:
                made_folder.rmdir()
            except OSError:
                pass
        raise
    return written
