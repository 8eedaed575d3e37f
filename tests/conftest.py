"""Shared test helpers: inline dossier trees, an isolated git, and running the CLI."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 26)
# What every new escalation records for its memo besides the reason (issue 25, item 6).
MEMO = ("--geprobeerd", "twee keer gebeld en gemaild met de teamleider", "--gevolg", "de cliënt blijft zonder hulp")
# The one finding the example network shows on purpose besides the open escalation (docs/privacy.md, consent).
CONSENT_GAP = ("GGZ Delta werkt aan middelengebruik (A4), maar de toestemming geldt alleen voor huisvesting, "
               "financiën, sociaal netwerk; vraag toestemming voor middelengebruik en leg die vast met 'regie consent' "
               "(gegevens: middelengebruik)")
# The example CTI trajectory (2026-004) began 2026-01-12 and is still open past its nine planned months.
CTI_LONG = ("casussen/2026-004/casus.yaml:10: [cti-duur] waarschuwing: CTI-traject loopt langer dan gepland: begonnen op "
            "2026-01-12, gepland 9 maanden (tot 2026-10-12); rond de overdracht van zorg af of sluit de casus")
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "dossiers"

NETWORK = """\
naam: Testnetwerk
regisseurs:
  - id: reg
    naam: Regisseur Een
  - id: reg2
    naam: Regisseur Twee
organisaties:
  - id: org
    naam: Organisatie
  - id: woon
    naam: Woningcorporatie
opschaling:
  - niveau: 1
    naam: Leidinggevende
  - niveau: 2
    naam: Brandpuntfunctionaris
"""

CASE = {
    "casus.yaml": """\
        # hand-written comment
        id: "2026-001"
        status: uitvoering
        regisseur: reg
        casemanager: pro
        pseudoniem: Meneer T.
        traject: regulier
        geopend: 2026-02-02
        urgentie: hoog
        leefgebieden: [huisvesting, financien]
        toestemming:
          status: gegeven
          datum: 2026-02-03
        """,
    "melding.yaml": """\
        datum: 2026-02-01
        melder:
          rol: huismeester
          organisatie: woon
        aard: vervuiling
        urgentie: hoog
        """,
    "netwerk.yaml": """\
        professionals:
          - id: pro
            organisatie: org
            rol: begeleider
        naasten:
          - id: zus
            relatie: zus
            betrokken: true
        """,
    "plan.md": """\
        ---
        versie: 1
        vastgesteld: 2026-03-01
        doelen:
          - id: D1
            leefgebied: huisvesting
            doel: Woning behouden
            startscore: 2
            doelscore: 4
        akkoord_client:
          - versie: 1
            datum: 2026-03-01
            akkoord: true
        ---
        # Plan
        """,
    "afspraken.yaml": """\
        afspraken:
          - id: A1
            wat: Huisbezoek
            wie: pro
            doel: D1
            gemaakt: 2026-03-01
            deadline: 2026-03-15
            status: gedaan
            gedaan_op: 2026-03-10
          - id: A2
            wat: Post openen
            wie: zus
            gemaakt: 2026-03-01
            deadline: 2026-12-01
            status: open
        """,
    "escalaties.yaml": """\
        escalaties:
          - id: E1
            datum: 2026-10-01
            niveau: 1
            over: org
            reden: afspraak niet nagekomen
            afspraken: [A1]
            afgesloten: 2026-10-20
        """,
    "evaluaties/2026-06-01.md": """\
        ---
        datum: 2026-06-01
        soort: tussentijds
        scores:
          huisvesting: 3
        samenwerking: 4
        besluit: doorgaan
        ---
        Tekst.
        """,
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` (path -> text, dedented; or bytes as is) below ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


def make_dossier(root: Path, cases: dict[str, dict[str, str]] | None = None, network: str = NETWORK) -> Path:
    """A dossier repository with ``regie.yaml`` and the given cases (default: one valid case 2026-001)."""
    files: dict[str, str | bytes] = {"regie.yaml": network}
    for cid, case in (cases if cases is not None else {"2026-001": CASE}).items():
        for rel, text in case.items():
            files[f"casussen/{cid}/{rel}"] = text
    write_tree(root, files)
    return root


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a file; the test fails if ``old`` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    """No developer settings leak in: git config, today, colours, CI."""
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "REGIE_TODAY", "NO_COLOR", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("REGIE_TODAY", TODAY.isoformat())
    # commits are made on the tests' today too, whatever the clock says (the log shows commit dates beside dossier dates)
    for var in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(var, f"{TODAY.isoformat()}T12:00:00+0000")
    from regie import clock

    monkeypatch.setattr(clock, "_override", None)


@pytest.fixture
def dossier(tmp_path) -> Path:
    return make_dossier(tmp_path / "dossier")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_dossier(dossier) -> Path:
    """The default dossier, committed in a fresh git repository."""
    git(dossier, "init", "-q", "-b", "main")
    git(dossier, "add", "-A")
    git(dossier, "commit", "-q", "-m", "start")
    return dossier


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``regie ARGS`` in-process through the real entry point (error boundary included)."""
    from regie.cli import app as cli_module
    from regie.cli import context

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        monkeypatch.setattr(sys, "argv", ["regie", *args])
        monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
        context.STATE.repo = None
        context.STATE.today = None
        capsys.readouterr()
        code = 0
        try:
            cli_module.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_regie(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``regie`` console script in a subprocess."""
    exe = Path(sys.executable).parent / "regie"
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=full_env, stdin=subprocess.DEVNULL)


GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """Compare a rendered document with tests/golden/<name>; REGIE_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("REGIE_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"golden file {name} missing; run with REGIE_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def examples_repo(tmp_path) -> Path:
    """A git copy of the example network, for commands that write."""
    import shutil

    target = tmp_path / "voorbeeld"
    shutil.copytree(EXAMPLES, target)
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "voorbeeld")
    return target


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the release-sized kill and fuzz runs (hundreds of kills, 10,000 fuzz examples)")


# The markers are registered in pyproject.toml (with --strict-markers): ``slow`` marks the end-to-end and fuzz
# tests, which run in the whole suite and are left out by ``pytest -m "not slow"``; ``release`` marks the
# release-sized runs, which are skipped unless ``pytest --slow`` asks for them.


def pytest_collection_modifyitems(config, items):
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="release-sized run; use --slow")
    for item in items:
        if "release" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory) -> Path:
    """regie built once as a wheel (per session, per xdist worker); tests only read it or install it elsewhere."""
    pytest.importorskip("build", reason="the 'build' package builds the wheel here (installed by .ci/run)")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(out), str(REPO)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return next(out.glob("regie-*.whl"))


def make_keys(cli, folder: Path, names) -> dict[str, tuple[Path, str]]:
    """A real age key per name (``regie keygen``): name -> (key file, public key)."""
    made = {}
    for who in names:
        r = cli("keygen", "-o", str(folder / f"{who}.txt"))
        assert r.code == 0, r
        made[who] = (folder / f"{who}.txt", r.out.strip())
    return made


@pytest.fixture
def http_git(tmp_path):
    """A smart-HTTP git server on this machine (git http-backend behind basic auth, user 'regie', password
    'geheim'), serving the bare repositories in a folder: yields (folder, base URL without credentials)."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    folder = tmp_path / "server"
    folder.mkdir()
    expected = "Basic " + base64.b64encode(b"regie:geheim").decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self._backend()

        def do_POST(self):
            self._backend()

        def _backend(self):
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="dossiers"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path, _, query = self.path.partition("?")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            env = {**os.environ, "GIT_PROJECT_ROOT": str(folder), "GIT_HTTP_EXPORT_ALL": "1", "REMOTE_USER": "regie",
                   "REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": self.command, "PATH_INFO": path, "QUERY_STRING": query,
                   "CONTENT_TYPE": self.headers.get("Content-Type", ""), "CONTENT_LENGTH": str(len(body)),
                   "HTTP_CONTENT_ENCODING": self.headers.get("Content-Encoding", ""),
                   "GIT_PROTOCOL": self.headers.get("Git-Protocol", "")}
            out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
            head, _, content = out.partition(b"\r\n\r\n") if b"\r\n\r\n" in out else out.partition(b"\n\n")
            status, headers = 200, []
            for line in head.decode("latin-1").splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
