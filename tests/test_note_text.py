"""A note needs text (issue 26, item 6): without --tekst and without a terminal nothing is written; an editor
that is left with only regie's heading writes nothing either."""

from __future__ import annotations

import pytest
from conftest import TODAY, git

from regie.errors import RegieError


def _state(root) -> tuple[str, str]:
    return git(root, "rev-parse", "HEAD"), git(root, "status", "--porcelain", "--untracked-files=all")


@pytest.mark.parametrize("extra, err", [
    ([], "fout: --tekst: een notitie heeft tekst nodig: geef de tekst mee (zonder terminal opent er geen editor)\n"),
    (["--tekst", "  "], "fout: --tekst: de tekst van de notitie mag niet leeg zijn\n"),
])
def test_a_note_without_text_is_refused(cli, git_dossier, extra, err):
    before = _state(git_dossier)
    r = cli("-C", str(git_dossier), "note", "2026-001", "--soort", "huisbezoek", *extra)
    assert (r.code, r.out, r.err) == (2, "", err)
    assert _state(git_dossier) == before


def test_a_network_note_without_text_is_refused(cli, git_dossier):
    r = cli("-C", str(git_dossier), "note", "--netwerk", "--soort", "intervisie")
    assert (r.code, r.err) == (2, "fout: --tekst: een notitie heeft tekst nodig: geef de tekst mee (zonder terminal "
                                  "opent er geen editor)\n")


def test_an_editor_left_with_only_the_heading_writes_nothing(git_dossier):
    from regie.work.notes import add_note

    before = _state(git_dossier)
    with pytest.raises(RegieError, match="^de notitie is leeg; niets opgeslagen$"):
        add_note(git_dossier, "2026-001", soort="huisbezoek", today=TODAY, edit=lambda path: None)
    assert _state(git_dossier) == before

    def write(path):
        path.write_text(path.read_text("utf-8") + "Gesproken over de post.\n", "utf-8")

    change = add_note(git_dossier, "2026-001", soort="huisbezoek", today=TODAY, edit=write)
    assert change.paths[0].read_text("utf-8").endswith("Gesproken over de post.\n")
