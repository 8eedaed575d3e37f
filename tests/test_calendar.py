"""regie calendar (issue 12, item 5): a feed a calendar can subscribe to, whose events update instead of
multiplying — read back with icalendar."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAMPLES, git

icalendar = pytest.importorskip("icalendar")

EX = ("-C", str(EXAMPLES))
DOMAIN = "integraal-netwerk-zuiderhaven"


def events(text: str) -> dict[str, dict]:
    cal = icalendar.Calendar.from_ical(text)
    out = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev["UID"])
        assert uid not in out, f"UID {uid} twice in one feed"
        out[uid] = {"start": ev.decoded("DTSTART"), "sequence": int(ev.get("SEQUENCE", 0)), "status": str(ev["STATUS"]),
                    "summary": str(ev["SUMMARY"])}
    return out


def test_the_feed_has_every_open_deadline_evaluation_and_meeting(cli):
    r = cli(*EX, "calendar")
    assert r.code == 0, r
    ev = events(r.out)
    assert ev[f"2026-001-A3@{DOMAIN}"] == {"start": dt.date(2026, 5, 1), "sequence": 1, "status": "CONFIRMED",
                                          "summary": "2026-001 A3: Aanmelding schuldhulp en betalingsregeling huurachterstand"}
    assert ev[f"2026-001-A4@{DOMAIN}"]["start"] == dt.date(2026, 12, 31)  # not overdue, still in the feed
    assert ev[f"2026-001-evaluatie@{DOMAIN}"]["start"] == dt.date(2026, 12, 8)
    assert ev[f"2026-007-plan@{DOMAIN}"]["status"] == "CONFIRMED"
    assert ev[f"overleg-2026-10-20@{DOMAIN}"]["summary"] == "netwerkoverleg"
    # an agreement done recently is sent as cancelled, so a subscribed calendar drops it
    done = [uid for uid, e in ev.items() if e["status"] == "CANCELLED"]
    assert done and all(uid.endswith(f"@{DOMAIN}") for uid in done)
    live = sum(1 for e in ev.values() if e["status"] == "CONFIRMED")
    assert live > 1 and r.err == f"{live} gebeurtenissen in de agenda, {len(done)} geannuleerd\n"
    mine = events(cli(*EX, "calendar", "--regisseur", "j-devries").out)
    assert {uid[:8] for uid in mine if not uid.startswith("overleg")} == {"2026-004", "2026-006", "2026-008"}
    # 2026-008 was not taken on (closed on 2026-11-12): its plan deadline is withdrawn, not left standing
    assert mine[f"2026-008-plan@{DOMAIN}"]["status"] == "CANCELLED"


def test_a_moved_deadline_updates_one_event_and_done_cancels_it(cli, examples_repo, tmp_path):
    root = ("-C", str(examples_repo))
    first = events(cli(*root, "calendar").out)
    uid = f"2026-001-A4@{DOMAIN}"
    assert (first[uid]["start"], first[uid]["sequence"], first[uid]["status"]) == (dt.date(2026, 12, 31), 0, "CONFIRMED")
    assert cli(*root, "afspraak", "move", "2026-001", "A4", "--deadline", "2027-01-15", "--reden", "feestdagen").code == 0
    second = events(cli(*root, "calendar").out)
    assert set(second) == set(first)  # the same events: the moved one is not added beside the old one
    assert (second[uid]["start"], second[uid]["sequence"]) == (dt.date(2027, 1, 15), 1)
    # a calendar applying the second feed over the first keeps one event, the newer one
    merged = dict(first)
    for k, e in second.items():
        if k not in merged or e["sequence"] >= merged[k]["sequence"]:
            merged[k] = e
    assert merged[uid]["start"] == dt.date(2027, 1, 15)
    assert cli(*root, "afspraak", "done", "2026-001", "A4").code == 0
    third = events(cli(*root, "calendar").out)
    assert (third[uid]["status"], third[uid]["sequence"]) == ("CANCELLED", 2)
    # the overdue feed uses the same UIDs and sequence numbers
    overdue = events(cli(*root, "overdue", "--within", "60", "--format", "ics").out)
    assert overdue[f"2026-001-A3@{DOMAIN}"]["sequence"] == third[f"2026-001-A3@{DOMAIN}"]["sequence"]
    target = tmp_path / "regie.ics"
    assert cli(*root, "calendar", "-o", str(target)).code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert git(examples_repo, "status", "--porcelain") == ""


def test_an_unknown_regisseur_is_refused(cli):
    r = cli(*EX, "calendar", "--regisseur", "nobody")
    assert (r.code, r.out) == (2, "")
    assert r.err == "fout: --regisseur: onbekende regisseur 'nobody' (bekend in regie.yaml: a-bakker, j-devries, m-elhaddad, r-smits)\n"
