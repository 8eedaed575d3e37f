"""The table of record kinds (regie.layout) is the one place a kind of record is declared.

A fictitious kind, registered only there (with its schema), is read and schema-checked by the
loader, privacy-checked, merged per record by the merge driver, routed to it by the
``.gitattributes`` that init writes, renumbered by sync, and completed on the command line.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from conftest import git, make_dossier

# Every consumer is imported before the fixture registers the fictitious kind: they must read the
# table when they run, not keep a copy made at import.
import regie.dossier.loader  # noqa: F401
import regie.dossier.repo  # noqa: F401
import regie.dossier.validate  # noqa: F401
import regie.store.mergefile  # noqa: F401
import regie.work.renumber  # noqa: F401
from regie import layout
from regie.dossier import schema

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["huisbezoeken"],
    "properties": {"huisbezoeken": {"type": ["array", "null"], "items": {
        "type": "object", "additionalProperties": False, "required": ["id", "datum"],
        "properties": {"id": {"type": "string", "pattern": "^H[0-9]+$"},
                       "datum": {"type": "string", "format": "date"},
                       "notitie": {"type": "string"},
                       "afspraak": {"type": "string", "pattern": "^A[0-9]+$"}}}}},
}


@pytest.fixture
def huisbezoek(monkeypatch):
    """A kind of record that regie does not have: huisbezoeken.yaml in a case, ids H1, H2, ..."""
    monkeypatch.setattr(layout, "FILES", (*layout.FILES, layout.FileKind(
        "huisbezoeken", "huisbezoeken.yaml", "case", "yaml", "records", "huisbezoeken")))
    monkeypatch.setattr(layout, "RECORDS", (*layout.RECORDS, layout.RecordKind(
        "huisbezoek", "huisbezoeken", "huisbezoeken", "sequence", prefix="H")))
    text = schema.schema_text

    monkeypatch.setattr(schema, "schema_text", lambda kind: json.dumps(SCHEMA) if kind == "huisbezoeken" else text(kind))
    schema._fast.cache_clear()
    schema._validator.cache_clear()
    yield
    schema._fast.cache_clear()
    schema._validator.cache_clear()


def _visits(*rows: str) -> str:
    return "# met de hand\nhuisbezoeken:\n" + "".join(rows)


H1 = "  - id: H1\n    datum: 2026-11-01\n    notitie: eerste bezoek\n"


def _dossier(tmp_path: Path, visits: str) -> Path:
    from conftest import CASE

    return make_dossier(tmp_path / "d", {"2026-001": {**CASE, "huisbezoeken.yaml": visits}})


def test_a_new_kind_is_read_checked_against_its_schema_and_privacy_checked(huisbezoek, tmp_path):
    from regie.dossier.validate import validate

    root = _dossier(tmp_path, _visits(H1, "  - id: X2\n    datum: 2026-11-31\n", "  - id: H3\n    datum: 2026-11-02\n"
                                      "    notitie: gebeld op 0612345678\n"))
    found = [(p.path, p.line, p.code) for p in validate(root, dt.date(2026, 11, 26), use_cache=False, jobs=1)
             if p.path.endswith("huisbezoeken.yaml")]
    assert ("casussen/2026-001/huisbezoeken.yaml", 6, "schema") in found  # id X2
    assert ("casussen/2026-001/huisbezoeken.yaml", 7, "schema") in found  # 31 November
    clean = _dossier(tmp_path / "clean", _visits(H1, "  - id: H2\n    datum: 2026-11-02\n    notitie: gebeld op 0612345678\n"))
    found = [(p.path, p.line, p.code) for p in validate(clean, dt.date(2026, 11, 26), use_cache=False, jobs=1)
             if p.path.endswith("huisbezoeken.yaml")]
    assert found == [("casussen/2026-001/huisbezoeken.yaml", 8, "privacy")]


def test_a_new_kind_merges_per_record_and_is_routed_to_the_driver(huisbezoek):
    from regie.store.mergefile import merge_text

    base = _visits(H1)
    ours = _visits(H1, "  - id: H2\n    datum: 2026-11-05\n")
    theirs = _visits(H1.replace("eerste bezoek", "eerste bezoek, met buurvrouw"))
    merged, clean = merge_text(base, ours, theirs, "casussen/2026-001/huisbezoeken.yaml")
    assert clean
    assert merged == _visits(H1.replace("eerste bezoek", "eerste bezoek, met buurvrouw"), "  - id: H2\n    datum: 2026-11-05\n")
    assert "casussen/*/huisbezoeken.yaml merge=regie\n" in layout.merge_attributes()
    # the same field changed differently on both sides: that record twice between markers, the rest merged
    ours = _visits(H1.replace("eerste bezoek", "hier"), "  - id: H2\n    datum: 2026-11-05\n")
    theirs = _visits(H1.replace("eerste bezoek", "daar"))
    merged, clean = merge_text(base, ours, theirs, "casussen/2026-001/huisbezoeken.yaml")
    assert not clean
    assert merged == ("# met de hand\nhuisbezoeken:\n<<<<<<< deze kant (H1)\n" + H1.replace("eerste bezoek", "hier")
                      + "=======\n" + H1.replace("eerste bezoek", "daar") + ">>>>>>> andere kant (H1)\n"
                      + "  - id: H2\n    datum: 2026-11-05\n")


def _commit(root: Path, rel: str, text: str, message: str) -> str:
    (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", rel)
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def test_a_new_kind_is_renumbered_by_sync_with_its_references(huisbezoek, tmp_path):
    from regie.store.rewrite import rewrite
    from regie.work.renumber import Rewrite, plan

    root = _dossier(tmp_path, _visits(H1))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "begin")
    base = git(root, "rev-parse", "HEAD").strip()
    rel = "casussen/2026-001/huisbezoeken.yaml"
    git(root, "checkout", "-q", "-b", "remote")
    upstream = _commit(root, rel, _visits(H1, "  - id: H2\n    datum: 2026-11-03\n    notitie: van de ander\n"), "H2 van de ander")
    git(root, "checkout", "-q", "main")
    head = _commit(root, rel, _visits(H1, "  - id: H2\n    datum: 2026-11-04\n    notitie: van mij, na H1\n"), "regie: H2 in casus 2026-001")
    found = plan(root, base, head, upstream)
    assert [(r.soort, r.old, r.new, r.casus) for r in found] == [("huisbezoek", "H2", "H3", "2026-001")]
    new_head = rewrite(root, base, [head], Rewrite(found))
    assert git(root, "show", f"{new_head}:{rel}") == _visits(H1, "  - id: H3\n    datum: 2026-11-04\n    notitie: van mij, na H1\n")
    assert git(root, "log", "-1", "--format=%s", new_head) == "regie: H3 in casus 2026-001\n"


def test_a_new_kind_is_completed(huisbezoek, tmp_path):
    from regie.dossier.repo import record_ids

    root = _dossier(tmp_path, _visits(H1, "  - id: H2\n    datum: 2026-11-02\n"))
    assert record_ids(root, "2026-001", "huisbezoek") == ["H1", "H2"]
    assert record_ids(root, "2026-001", "afspraak") == ["A1", "A2"]
    assert record_ids(root, "2026-001", "professional") + record_ids(root, "2026-001", "naaste") == ["pro", "zus"]


def test_every_kind_of_record_lives_in_a_known_file_and_every_schema_is_a_file_kind():
    names = {f.name for f in layout.FILES}
    for kind in layout.RECORDS:
        assert kind.file in names, kind
        for ref in kind.refs:
            assert ref.file in names, (kind, ref)
    shipped = {p.stem for p in (Path(schema.__file__).parent.parent / "schemas").glob("*.json")}
    assert set(layout.schema_names()) == shipped
    # every list of records the table names is a list of objects in that file's schema
    for kind in layout.RECORDS:
        if not kind.items:
            continue
        node = json.loads(schema.schema_text(layout.file_kind(kind.file).schema))
        for key in kind.list_path:
            node = node["properties"][key]
        assert "array" in (node["type"] if isinstance(node["type"], list) else [node["type"]]), kind
        for field in kind.id_field.split(","):
            assert field in node["items"]["properties"], (kind, field)


def test_init_writes_the_attributes_from_the_table(cli, tmp_path):
    r = cli("init", str(tmp_path / "n"), "--naam", "N", "--regisseur-id", "reg", "--regisseur-naam", "R")
    assert r.code == 0, r
    text = (tmp_path / "n" / ".gitattributes").read_text()
    assert layout.merge_attributes() in text
    for f in layout.FILES:
        if f.merge == "records":
            probe = f.glob().replace("*", "x")
            out = subprocess.run(["git", "check-attr", "merge", "--", probe], cwd=tmp_path / "n",
                                 capture_output=True, text=True, check=True).stdout
            assert out == f"{probe}: merge: regie\n", out


REGIE_BASE = "naam: Netwerk\nregisseurs:\n  - id: reg\n    naam: R\norganisaties:\n  - id: ggd\n    naam: GGD\n"


def test_regie_yaml_merges_regisseurs_and_organisations_by_id():
    from regie.store.mergefile import merge_text

    ours = REGIE_BASE + "  - id: ggz\n    naam: GGZ\n"
    theirs = REGIE_BASE.replace("    naam: R\n", "    naam: R\n    actief_tot: 2026-12-31\n") + "  - id: wijkteam\n    naam: Wijkteam\n"
    merged, clean = merge_text(REGIE_BASE, ours, theirs, "regie.yaml")
    assert clean
    assert merged == ("naam: Netwerk\nregisseurs:\n  - id: reg\n    naam: R\n    actief_tot: 2026-12-31\norganisaties:\n"
                      "  - id: ggd\n    naam: GGD\n  - id: ggz\n    naam: GGZ\n  - id: wijkteam\n    naam: Wijkteam\n")


def test_meldcode_steps_and_an_evaluation_merge_by_their_natural_key():
    from regie.store.mergefile import merge_text

    base = 'id: "2026-001"\nstatus: uitvoering\nmeldcode:\n  stappen:\n    - stap: 1\n      datum: 2026-11-01\n      wie: reg\n'
    ours = base + "    - stap: 2\n      datum: 2026-11-03\n      wie: reg\n"
    theirs = base.replace("status: uitvoering", "status: nazorg") + "    - stap: 2\n      datum: 2026-11-04\n      wie: ggd\n"
    merged, clean = merge_text(base, ours, theirs, "casussen/2026-001/casus.yaml")
    assert clean
    assert merged == base.replace("status: uitvoering", "status: nazorg") + (
        "    - stap: 2\n      datum: 2026-11-03\n      wie: reg\n    - stap: 2\n      datum: 2026-11-04\n      wie: ggd\n")
    # the evaluation of one date written on two clones is one evaluation: its fields merge, its text by line
    ours = "---\ndatum: 2026-11-20\nsoort: tussentijds\nbesluit: doorgaan\n---\n# Evaluatie\n\nVan hier.\n"
    theirs = "---\ndatum: 2026-11-20\nsoort: tussentijds\nsamenwerking: 4\n---\n# Evaluatie\n\nVan hier.\n"
    merged, clean = merge_text("", ours, theirs, "casussen/2026-001/evaluaties/2026-11-20.md")
    assert clean
    assert merged == ("---\ndatum: 2026-11-20\nsoort: tussentijds\nbesluit: doorgaan\nsamenwerking: 4\n---\n"
                      "# Evaluatie\n\nVan hier.\n")


def test_a_meeting_written_on_two_clones_is_one_meeting_merged_section_by_section():
    from regie.store.mergefile import merge_text

    base = "---\ndatum: 2026-12-07\nsoort: netwerkoverleg\n---\n# Agenda\n\n- 2026-001\n\n# Verslag\n\nAanwezig:\n\nAfwezig:\n"
    ours = base.replace("Aanwezig:\n", "Aanwezig: wijkteam, GGD\n")
    theirs = base.replace("Afwezig:\n", "Afwezig: politie\n")
    merged, clean = merge_text(base, ours, theirs, "overleggen/2026-12-07.md")
    assert clean and merged == base.replace("Aanwezig:\n", "Aanwezig: wijkteam, GGD\n").replace("Afwezig:\n", "Afwezig: politie\n")
    assert "overleggen/*.md merge=regie\n" in layout.merge_attributes()
