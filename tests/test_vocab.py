"""The vocabulary is defined once: every fixed list in code equals the enum of the JSON Schemas that hold it.

The lists live in ``regie.dossier.vocab`` (and, for retention and the meldcode, beside the
logic that owns them); the schemas in ``regie/schemas/`` carry the same lists as ``enum`` for
editors and other validators. This test loads the JSON itself and compares sets, so the two
cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import regie
from regie.dossier import meldcode, retention, vocab

SCHEMAS = Path(regie.__file__).parent / "schemas"


def enum(schema: str, *path: str) -> list:
    """The enum at ``path`` (a list of keys) in one of the shipped schema files."""
    node = json.loads((SCHEMAS / schema).read_text(encoding="utf-8"))
    for step in path:
        node = node[step]
    return node["enum"]


# (code's list, schema file, path to the enum)
PAIRS = [
    (vocab.STATUSES, "casus.json", ("properties", "status")),
    (vocab.OPEN_STATUSES, "casus.json", ("properties", "regie_historie", "items", "properties", "status_voor")),
    (vocab.TRAJECTS, "casus.json", ("properties", "traject")),
    (vocab.URGENCY, "casus.json", ("properties", "urgentie")),
    (vocab.URGENCY, "melding.json", ("properties", "urgentie")),
    (vocab.CONSENT, "casus.json", ("properties", "toestemming", "properties", "status")),
    (vocab.CONSENT, "casus.json", ("properties", "toestemming", "properties", "historie", "items", "properties", "status")),
    (vocab.INTAKE_BESLUITEN, "casus.json", ("properties", "intake", "properties", "besluit")),
    (vocab.AFSPRAAK_STATUS, "afspraken.json", ("properties", "afspraken", "items", "properties", "status")),
    (vocab.EVALUATION_KINDS, "evaluatie.json", ("properties", "soort")),
    (vocab.JOURNAL_KINDS, "journaal.json", ("properties", "soort")),
    (vocab.NETWORK_JOURNAL_KINDS, "netwerkjournaal.json", ("properties", "soort")),
    # a signal file may still hold the old names, which the model reads as the new ones
    ((*vocab.SIGNAL_STATUS, *vocab.SIGNAL_OLD_NAMES), "signaal.json", ("properties", "status")),
    (tuple(s for s in vocab.SIGNAL_STATUS if s != "open"), "signaal.json",
     ("properties", "historie", "items", "properties", "status")),
    (tuple(vocab.GRONDSLAGEN), "verstrekkingen.json",
     ("properties", "verstrekkingen", "items", "properties", "grondslag")),
    (retention.CATEGORIES, "casus.json", ("properties", "bewaarcategorie")),
    (meldcode.BESLUITEN, "casus.json",
     ("properties", "meldcode", "properties", "stappen", "items", "properties", "besluit", "items")),
]


@pytest.mark.parametrize(("values", "schema", "path"), PAIRS, ids=[f"{s}:{'.'.join(p[1:])}" for _, s, p in PAIRS])
def test_vocabulary_matches_schema_enum(values, schema, path):
    assert set(enum(schema, *path)) == set(values)
    assert len(set(values)) == len(values), "a vocabulary list names a value twice"


def test_every_grondslag_in_the_casus_schema_is_a_known_legal_basis():
    """The legal bases to work without consent are the verstrekking bases less consent and the afweging."""
    from regie.work.consent import LEGAL

    for step in (("properties", "toestemming", "properties", "grondslag"),
                 ("properties", "toestemming", "properties", "historie", "items", "properties", "grondslag")):
        assert set(enum("casus.json", *step)) == set(LEGAL)


def test_status_order_puts_open_statuses_first():
    assert vocab.STATUSES[:len(vocab.OPEN_STATUSES)] == vocab.OPEN_STATUSES
    assert set(vocab.PLAN_SET_STATUSES) <= set(vocab.OPEN_STATUSES)
