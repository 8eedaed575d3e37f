"""Packaging (issue 12, item 10): python -m regie, one version source, the licence text in the wheel,
metadata a package index shows, typer pinned to the tested range."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_python_dash_m_regie_is_the_same_program(examples_repo):
    import regie

    r = subprocess.run([sys.executable, "-m", "regie", "--version"], capture_output=True, text=True)
    assert (r.returncode, r.stdout) == (0, f"regie {regie.__version__}\n")
    r = subprocess.run([sys.executable, "-m", "regie", "-C", str(examples_repo), "list", "--format", "json"],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.startswith("[\n  {\n    \"id\": \"2025-014\""), r.stderr


def test_the_installed_metadata_has_one_version_the_licence_and_the_pins():
    import importlib.metadata as md

    import regie

    meta = md.metadata("regie")
    assert meta["Version"] == regie.__version__
    assert meta["License-Expression"] == "EUPL-1.2"
    assert "Natural Language :: Dutch" in meta.get_all("Classifier")
    assert any(r.replace(" ", "").startswith("typer<0.30,>=0.29") or r.replace(" ", "").startswith("typer>=0.29,<0.30")
               for r in meta.get_all("Requires-Dist")), meta.get_all("Requires-Dist")
    files = [str(f) for f in md.files("regie")]
    assert any(f.endswith("licenses/LICENSE") for f in files), files


# Budget: the session's one wheel build (conftest.built_wheel); under a second here.
@pytest.mark.slow
def test_the_wheel_carries_the_licence_templates_and_schemas(built_wheel):
    wheel = built_wheel
    names = zipfile.ZipFile(wheel).namelist()
    lic = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
    assert zipfile.ZipFile(wheel).read(lic).decode().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    assert "regie/templates/sociale-kaart.md.j2" in names and "regie/schemas/sociale-kaart.json" in names
    assert (REPO / "LICENSE").read_text().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
