"""Plaintext identity only while the editor is open (issue 29, item 5), with real editors, real signals and real keys.

``$EDITOR`` is a small Python program driven by a plan (one step per time it is opened):
it may type a text, make the backups editors make (``identiteit.yaml~``, ``.swp``,
``#…#``), fail, or kill itself or regie with SIGTERM, SIGHUP, SIGINT or SIGKILL. After
each, and after the next command, no byte of the identity may be left in plain text in
the repository (files and every git object) or in the folder where private folders are
made.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git, make_keys, run_regie
from test_identity import IDENTITY

pytest.importorskip("pyrage", reason="pyrage is a dependency of regie (pip install .)")

C = "casussen/2026-001"
SECRETS = ("Henk Visser", "111222333", "Havenstraat", "Kees Visser")
EDITOR = r'''
import json, os, pathlib, signal, sys, time
here = pathlib.Path(__file__).parent
target = pathlib.Path(sys.argv[-1])
n = len(list(here.glob("seen-*.txt"))) + 1
(here / f"seen-{n}.txt").write_text(target.read_text())
(here / f"folder-{n}.txt").write_text(str(target.parent))
step = json.loads((here / "plan.json").read_text())[n - 1]
if "write" in step:
    target.write_text(step["write"])
if step.get("backups"):
    for name in (target.name + "~", "." + target.name + ".swp", "#" + target.name + "#"):
        (target.parent / name).write_text(target.read_text())
kill = step.get("kill")
if kill == "self":
    os.kill(os.getpid(), signal.SIGTERM)
elif kill:
    os.kill(os.getppid(), getattr(signal, kill))
    if kill != "SIGKILL":
        time.sleep(30)  # regie ends its editor on the way out
sys.exit(step.get("exit", 0))
'''


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Where private folders are made (tempfile's folder), for this test only; also for regie in a subprocess."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture
def repo(examples_repo, cli, tmp_path, monkeypatch, private_tmp):
    """The examples with real age keys; 2026-001 (regisseur a-bakker) has an encrypted identity holding SECRETS."""
    keys = make_keys(cli, tmp_path / "keys", ("bakker", "devries"))
    regie = examples_repo / "regie.yaml"
    text = regie.read_text()
    for who, rid in (("bakker", "a-bakker"), ("devries", "j-devries")):
        text = text.replace(f"  - id: {rid}\n", f"  - id: {rid}\n    age: {keys[who][1]}\n", 1)
    regie.write_text(text + "\nbeheerders: [j-devries]\n")
    git(examples_repo, "commit", "-qam", "sleutels")
    monkeypatch.setenv("REGIE_AGE_KEY_FILE", str(keys["bakker"][0]))
    plan(tmp_path, monkeypatch, {"write": IDENTITY})
    assert cli("-C", str(examples_repo), "identity", "edit", "2026-001").code == 0
    for p in (tmp_path / "editor").glob("*.txt"):
        p.unlink()
    return examples_repo


def plan(tmp_path: Path, monkeypatch, *steps: dict) -> Path:
    """Make ``$EDITOR`` do ``steps``, one each time it is opened; returns its folder (what it saw is there)."""
    folder = tmp_path / "editor"
    folder.mkdir(exist_ok=True)
    (folder / "editor.py").write_text(EDITOR)
    (folder / "plan.json").write_text(json.dumps(steps))
    monkeypatch.setenv("EDITOR", f"{sys.executable} {folder / 'editor.py'}")
    return folder


def plaintext_in(repo: Path, private_tmp: Path) -> list[str]:
    """Where any secret of the identity is in plain text: files under the repository (.git included), every git object
    (reachable or not, unpacked), and anything under the private folders' parent."""
    found = [str(p) for base in (repo, private_tmp) for p in base.rglob("*")
             if p.is_file() and not p.is_symlink() and any(s.encode() in p.read_bytes() for s in SECRETS)]
    objects = subprocess.run(["git", "cat-file", "--batch-all-objects", "--batch"], cwd=repo, capture_output=True,
                             check=True).stdout
    found += [f"git object with {s}" for s in SECRETS if s.encode() in objects]
    return found


def nothing_left(repo: Path, private_tmp: Path) -> bool:
    return not (repo / ".git/regie/bewerken").exists() and not list(private_tmp.iterdir())


# Budget: seven endings, each a regie in a subprocess (about 2 s with the keys) and the next command in-process;
# about 20 s here.
@pytest.mark.slow
@pytest.mark.parametrize(("step", "code"), [
    ({"write": IDENTITY.replace("Havenstraat", "Kerkstraat"), "backups": True}, 0),
    ({"backups": True, "exit": 1}, 1),
    ({"backups": True, "kill": "self"}, 1),
    ({"backups": True, "kill": "SIGTERM"}, 143),
    ({"backups": True, "kill": "SIGHUP"}, 129),
    ({"backups": True, "kill": "SIGINT"}, 130),
    ({"backups": True, "kill": "SIGKILL"}, -9),
], ids=["saved", "editor-fails", "editor-killed", "sigterm", "sighup", "sigint", "kill-9"])
def test_every_ending_of_an_edit_leaves_no_plaintext(cli, repo, tmp_path, private_tmp, monkeypatch, step, code):
    editor = plan(tmp_path, monkeypatch, step)
    r = run_regie("identity", "edit", "2026-001", cwd=repo)
    assert r.returncode == code, r.stderr
    seen = Path((editor / "folder-1.txt").read_text())
    assert seen.parent == private_tmp and seen.name.startswith("regie-bewerken-")
    assert not any(s in r.stdout + r.stderr for s in SECRETS)
    if code == -9:  # nothing could run: the folder and the editor's backups are there until the next command
        assert seen.is_dir() and (seen / "identiteit.yaml~").is_file()
        assert list((repo / ".git/regie/bewerken").iterdir())
    else:
        assert not seen.exists() and nothing_left(repo, private_tmp)
    assert cli("-C", str(repo), "list").code == 0  # the next command, whatever it is
    assert nothing_left(repo, private_tmp)
    assert plaintext_in(repo, private_tmp) == []
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    if code == 0:
        assert "Kerkstraat" in cli("-C", str(repo), "identity", "show", "2026-001").out


def test_a_failed_check_reopens_the_editor_on_what_was_typed_and_quotes_no_value(cli, repo, tmp_path, private_tmp, monkeypatch):
    typed = IDENTITY.replace('bsn: "111222333"', 'bsn: "111 222 333"').replace("email: null", "Henk Visser: ja")
    editor = plan(tmp_path, monkeypatch, {"write": typed}, {"write": IDENTITY.replace("Havenstraat", "Kerkstraat")})
    r = cli("-C", str(repo), "identity", "edit", "2026-001")
    assert r.code == 0, r
    assert not any(s in r.out + r.err for s in SECRETS) and "111 222 333" not in r.out + r.err
    reopened = (editor / "seen-2.txt").read_text()
    notes = [line for line in reopened.splitlines() if line.startswith("# regie: ")]
    assert notes == [
        "# regie: niet opgeslagen: verbeter wat hieronder staat en sla op (ongewijzigd opslaan stopt zonder op te slaan)",
        "# regie: regel 5: bsn: ongeldige waarde (waarde niet getoond) (negen cijfers, zonder punten of spaties)",
        "# regie: regel 13: onbekend veld (bekende velden: adres, bsn, email, geboortedatum, huishouden, naam, naasten, "
        "telefoon)",
    ]
    assert reopened == "".join(f"{n}\n" for n in notes) + typed, "what was typed is kept, below the notes"
    lines = reopened.splitlines()
    assert lines[4].startswith("bsn:") and lines[12].startswith("Henk Visser:"), "the line numbers are those shown"
    assert "Kerkstraat" in cli("-C", str(repo), "identity", "show", "2026-001").out
    assert nothing_left(repo, private_tmp) and plaintext_in(repo, private_tmp) == []


def test_saving_a_wrong_text_unchanged_stops_without_saving_or_quoting(cli, repo, tmp_path, private_tmp, monkeypatch):
    typed = IDENTITY.replace("geboortedatum: 1961-07-14", "geboortedatum: 14-07-1961")
    editor = plan(tmp_path, monkeypatch, {"write": typed}, {})  # the second time: closed without a change
    head = git(repo, "rev-parse", "HEAD")
    r = cli("-C", str(repo), "identity", "edit", "2026-001")
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith(f"fout: {C}/identiteit.yaml:3: geboortedatum: ongeldige datum (waarde niet getoond);")
    assert r.err.endswith("; niets opgeslagen\n") and "14-07-1961" not in r.err
    assert (editor / "seen-2.txt").read_text().endswith(typed)
    assert git(repo, "rev-parse", "HEAD") == head
    assert nothing_left(repo, private_tmp) and plaintext_in(repo, private_tmp) == []


def test_leftovers_of_an_older_regie_go_and_an_edit_in_progress_stays(cli, repo, tmp_path, private_tmp):
    records = repo / ".git/regie/bewerken"
    records.mkdir()
    (records / "identiteit.yaml").write_text(IDENTITY)  # where an older regie edited, and its editor's backup
    (records / "identiteit.yaml~").write_text(IDENTITY)
    live = private_tmp / "regie-bewerken-live"
    live.mkdir()
    (live / "identiteit.yaml").write_text("in bewerking\n")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (records / live.name).write_text(f"{sleeper.pid}\n{live}\n")  # another terminal, still editing
        assert cli("-C", str(repo), "list").code == 0
        assert sorted(p.name for p in records.iterdir()) == [live.name]
        assert (live / "identiteit.yaml").is_file()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert cli("-C", str(repo), "overdue").code in (0, 1)  # the edit's process is gone now: its folder goes
    assert nothing_left(repo, private_tmp) and plaintext_in(repo, private_tmp) == []
