"""`regie init`: a new dossier repository that validates and has one commit."""

from __future__ import annotations

import json

import yaml
from conftest import git

INIT_FILES = sorted([
    ".gitattributes", ".github/workflows/regie.yml", ".gitignore", ".gitlab-ci.yml", ".pre-commit-config.yaml", "README.md",
    "casussen/.gitkeep", "overleggen/.gitkeep", "signalen/.gitkeep", "regie.yaml", ".vscode/settings.json", ".vscode/extensions.json",
    *[f".regie/schemas/{k}.schema.json" for k in
      ("afspraken", "bijeenkomsten", "casus", "escalaties", "evaluatie", "identiteit", "journaal", "melding", "netwerk", "netwerkjournaal", "plan",
       "regie", "signaal", "sleutels", "sociale-kaart", "verstrekkingen", "vernietigd")],
])


def test_init_creates_a_valid_committed_repository(cli, tmp_path):
    target = tmp_path / "netwerk"
    r = cli("init", str(target), "--naam", "Netwerk Noord", "--regisseur-id", "r-jansen", "--regisseur-naam", "R. Jansen")
    assert r.code == 0, r
    assert r.err.startswith(f"dossierrepository gemaakt in {target} (29 bestanden)\n")  # one more: the schema of bijeenkomsten.yaml
    assert git(target, "log", "--format=%s").splitlines() == ["regie init: nieuwe dossierrepository"]
    assert sorted(git(target, "ls-files").split()) == INIT_FILES
    assert git(target, "status", "--porcelain") == ""
    text = (target / "regie.yaml").read_text()
    assert "# Getrapte opschaling (werkproces 1f), van laag naar hoog." in text  # commented defaults
    config = yaml.safe_load(text)
    assert config["naam"] == "Netwerk Noord"
    assert config["regisseurs"] == [{"id": "r-jansen", "naam": "R. Jansen"}]
    assert [n["niveau"] for n in config["opschaling"]] == [1, 2, 3, 4]
    assert yaml.safe_load((target / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]["entry"] == "regie validate"
    assert "regie validate --format github" in (target / ".github/workflows/regie.yml").read_text()
    assert "regie validate" in (target / ".gitlab-ci.yml").read_text()
    json.loads((target / ".regie/schemas/casus.schema.json").read_text())
    v = cli("-C", str(target), "validate")
    assert (v.code, v.out, v.err) == (0, "", "0 casussen gecontroleerd: 0 fouten, 0 waarschuwingen\n")


def test_init_then_new_case(cli, tmp_path):
    target = tmp_path / "n"
    assert cli("init", str(target)).code == 0
    r = cli("-C", str(target), "new-case", "--melder-rol", "buurman", "--aard", "overlast", "--urgentie", "laag",
            "--pseudoniem", "X.", "--afweging", "verkenning")
    assert (r.code, r.out) == (0, "2026-001\n")
    assert git(target, "log", "--format=%s").splitlines()[0] == "regie new-case: casus 2026-001 aangemaakt"


def test_init_refuses_an_existing_repository(cli, tmp_path):
    target = tmp_path / "n"
    assert cli("init", str(target)).code == 0
    before = (target / "regie.yaml").read_text()
    r = cli("init", str(target), "--naam", "Anders")
    assert (r.code, r.err) == (1, f"fout: {target / 'regie.yaml'} bestaat al; dit is al een dossierrepository\n")
    assert (target / "regie.yaml").read_text() == before


def test_init_does_not_overwrite_user_files(cli, tmp_path):
    (tmp_path / "README.md").write_text("mijn eigen readme\n")
    r = cli("init", str(tmp_path))
    assert (r.code, r.err) == (1, "fout: bestaat al en wordt niet overschreven: README.md\n")
    assert (tmp_path / "README.md").read_text() == "mijn eigen readme\n"
    assert not (tmp_path / "regie.yaml").exists()


def test_init_in_an_existing_git_repo_commits_only_its_files(cli, tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "notities.txt").write_text("van de gebruiker\n")
    git(tmp_path, "add", "notities.txt")
    assert cli("init", str(tmp_path)).code == 0
    assert "notities.txt" not in git(tmp_path, "show", "--name-only", "--format=", "HEAD").split()
    assert git(tmp_path, "status", "--porcelain").splitlines() == ["A  notities.txt"]


def test_init_bad_regisseur_id(cli, tmp_path):
    r = cli("init", str(tmp_path / "x"), "--regisseur-id", "../evil")
    assert (r.code, r.err) == (2, "fout: ongeldige regisseur-id '../evil': kleine letters, cijfers en '-'\n")
    assert not (tmp_path / "x").exists()


def test_init_remote_without_commit_is_refused_before_a_folder_is_made(cli, tmp_path):
    r = cli("init", str(tmp_path / "x" / "netwerk"), "--no-commit", "--remote", "git@example.org:netwerk/dossiers.git",
            "--regie-bron", "regie==0.2.0")
    assert (r.code, r.err) == (2, "fout: --remote, --no-commit: een gedeelde repository (remote) hoort bij een git-repository met commits; niet zonder commit\n")
    assert not (tmp_path / "x").exists()
