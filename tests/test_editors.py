"""Editors that know the schemas (issue 12, item 9): a $schema line in every YAML file regie writes and in the
examples, VS Code settings from regie init, YAML 1.2 booleans, and a warning when .regie/schemas is stale."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, MEMO, edit, git
from test_household import NEW

LINE = "# yaml-language-server: $schema="


def schema_of(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(LINE), f"{path}: {first!r}"
    return (path.parent / first[len(LINE):]).resolve()


def kind_of(rel: Path) -> str:
    return {"signalen": "signaal"}.get(rel.parts[0], rel.stem)


def test_every_example_yaml_file_names_its_schema():
    files = [p for p in EXAMPLES.rglob("*.yaml") if ".regie" not in p.parts]
    assert len(files) >= 37
    for path in files:
        target = schema_of(path)
        assert target.is_file(), path
        assert target.name == f"{kind_of(path.relative_to(EXAMPLES))}.schema.json", path


def test_every_yaml_file_regie_writes_names_its_schema(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert cli(*root, *NEW, "--regisseur", "m-elhaddad").code == 0
    assert cli(*root, "share", "2026-010", "--aan", "wijkteam", "--wat", "melding", "--grondslag", "afweging").code == 0
    assert cli(*root, "signal", "add", "--over", "wachtlijst", "--aard", "wachtlijst ggz").code == 0
    assert not (examples_repo / "casussen/2026-001/escalaties.yaml").exists()
    assert cli(*root, "escalate", "2026-001", "--over", "woonstad", *MEMO, "--reden", "Geen reactie.").code == 0
    written = git(examples_repo, "diff", "--name-only", "HEAD~4", "HEAD").split()
    yaml_files = [examples_repo / f for f in written if f.endswith(".yaml")]
    assert {p.name for p in yaml_files} >= {"casus.yaml", "melding.yaml", "netwerk.yaml", "afspraken.yaml", "escalaties.yaml",
                                            "verstrekkingen.yaml"}
    assert any(p.parent.name == "signalen" for p in yaml_files)
    for path in yaml_files:
        assert schema_of(path).name == f"{kind_of(path.relative_to(examples_repo))}.schema.json"


def test_init_writes_editor_settings_that_match_the_files(cli, tmp_path):
    target = tmp_path / "netwerk"
    assert cli("init", str(target), "--naam", "Testnetwerk").code == 0
    settings = json.loads((target / ".vscode/settings.json").read_text())
    assert json.loads((target / ".vscode/extensions.json").read_text()) == {"recommendations": ["redhat.vscode-yaml"]}
    for schema in settings["yaml.schemas"]:
        assert (target / schema).is_file(), schema
    # each example file is matched by the glob of its own schema
    for path in [p for p in EXAMPLES.rglob("*.yaml") if ".regie" not in p.parts]:
        rel = path.relative_to(EXAMPLES)
        matches = [s for s, g in settings["yaml.schemas"].items() if rel.match(g) and len(rel.parts) == len(Path(g).parts)]
        assert matches == [f".regie/schemas/{kind_of(rel)}.schema.json"], rel


def test_yaml_1_2_booleans_in_regie_as_in_check_jsonschema(cli, examples_repo):
    edit(examples_repo / "casussen/2026-001/casus.yaml", "pseudoniem: Meneer H.", "pseudoniem: Yes")
    edit(examples_repo / "casussen/2026-001/melding.yaml", "aard: ", "aard: 10:30 ")
    git(examples_repo, "commit", "-qam", "yes")
    r = cli("-C", str(examples_repo), "validate", "2026-001")
    assert r.code == 0 and "schema" not in r.out, r  # 'Yes' is text, as the schema wants, not a boolean
    assert json.loads(cli("-C", str(examples_repo), "show", "2026-001", "--format", "json").out)["pseudoniem"] == "Yes"
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(exe).exists():
        pytest.skip("check-jsonschema is not installed (.ci/run installs it)")
    for name in ("casus", "melding"):
        done = subprocess.run([exe, "--schemafile", str(examples_repo / f".regie/schemas/{name}.schema.json"),
                               str(examples_repo / f"casussen/2026-001/{name}.yaml")], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


# Budget: one check-jsonschema run over the example files; about 2 s here.
@pytest.mark.slow
def test_check_jsonschema_accepts_every_example_file():
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(exe).exists():
        pytest.skip("check-jsonschema is not installed (.ci/run installs it)")
    by_schema: dict[Path, list[str]] = {}
    for path in [p for p in EXAMPLES.rglob("*.yaml") if ".regie" not in p.parts]:
        by_schema.setdefault(schema_of(path), []).append(str(path))
    for schema, files in by_schema.items():
        done = subprocess.run([exe, "--schemafile", str(schema), *files], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_validate_warns_when_the_editor_schemas_are_stale(cli, examples_repo):
    root = ("-C", str(examples_repo))
    assert "schema-verouderd" not in cli(*root, "validate").out
    (examples_repo / ".regie/schemas/sociale-kaart.schema.json").unlink()
    edit(examples_repo / ".regie/schemas/casus.schema.json", '"title"', '"titel"')
    out = [line for line in cli(*root, "validate").out.splitlines() if "schema-verouderd" in line]
    assert out == [f".regie/schemas/{k}.schema.json: [schema-verouderd] waarschuwing: ontbreekt of wijkt af van de schema's "
                   "van deze regie-versie, zodat je editor anders controleert dan regie validate; werk bij met "
                   "'regie schema export .regie/schemas'" for k in ("casus", "sociale-kaart")]
    assert cli(*root, "schema", "export", str(examples_repo / ".regie/schemas")).code == 0
    assert "schema-verouderd" not in cli(*root, "validate").out
