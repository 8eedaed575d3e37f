"""The bundled example network: every case validates, with only the warnings it is meant to show."""

from __future__ import annotations

from conftest import EXAMPLES, REPO, TODAY

from regie.dossier.repo import case_ids
from regie.dossier.schema import KINDS, schema_text
from regie.dossier.validate import validate

EXPECTED_WARNINGS = [
    # 2026-004: GGZ Delta works on middelengebruik, which the consent (TF-2026-004-2) does not name
    "casussen/2026-004/afspraken.yaml:29: [toestemming-leefgebied] waarschuwing: GGZ Delta werkt aan "
    "middelengebruik (A4), maar de toestemming geldt alleen voor huisvesting, financiën, sociaal netwerk; vraag toestemming "
    "voor middelengebruik en leg die vast met 'regie consent' (gegevens: middelengebruik)",
    # 2026-004: the CTI trajectory runs past the nine months of the Dutch CTI model
    "casussen/2026-004/casus.yaml:10: [cti-duur] waarschuwing: CTI-traject loopt langer dan gepland: begonnen op 2026-01-12, "
    "gepland 9 maanden (tot 2026-10-12); rond de overdracht van zorg af of sluit de casus",
    # 2026-006 shows an escalation to the brandpuntfunctionaris that has been open too long
    "casussen/2026-006/escalaties.yaml:14: [escalatie-open] waarschuwing: E2: escalatie staat 51 dagen open (termijn 30 dagen)",
]


def test_examples_validate_with_only_the_intended_warnings():
    assert [p.format() for p in validate(EXAMPLES, TODAY)] == EXPECTED_WARNINGS


def test_examples_cover_the_seed_situations():
    ids = case_ids(EXAMPLES)
    assert len(ids) >= 8
    from regie.dossier.loader import load_dossier

    cases = {c.id: c for c in load_dossier(EXAMPLES).cases}
    assert cases["2026-001"].melding.melder_organisatie == "woonstad"  # OGGZ melding by the woningcorporatie
    assert len(cases["2026-002"].plan.doelen) >= 5 and cases["2026-002"].casus.doelgroep == "gezin"
    assert cases["2026-003"].casus.doelgroep == "oudere" and cases["2026-003"].melding.melder_organisatie == "wijkteam"
    assert cases["2026-004"].casus.traject == "cti"
    assert sum(j.soort == "netwerkbijeenkomst" for j in cases["2026-004"].journaal) == 3
    assert cases["2026-005"].casus.status == "overgedragen"
    assert any(e.niveau == 2 for e in cases["2026-006"].escalaties)
    assert cases["2025-014"].casus.status == "gesloten" and any(e.soort == "eind" for e in cases["2025-014"].evaluaties)
    assert cases["2026-007"].casus.toestemming.status == "geweigerd" and cases["2026-007"].casus.toestemming.afweging


def test_exported_schemas_in_examples_match_the_package():
    for kind in KINDS:
        assert (EXAMPLES / ".regie/schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)


def test_schemas_are_valid_json_schema():
    import json

    import jsonschema

    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json.loads(schema_text(kind)))
    assert sorted(p.stem for p in (REPO / "regie/schemas").glob("*.json")) == sorted(KINDS)


def test_schema_export_command(cli, tmp_path):
    r = cli("schema", "export", str(tmp_path / "s"))
    assert r.code == 0
    assert r.out.splitlines() == [str(tmp_path / "s" / f"{k}.schema.json") for k in KINDS]
    assert (tmp_path / "s/plan.schema.json").read_text() == schema_text("plan")
