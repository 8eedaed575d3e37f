"""``regie caseload``: the caseload per regisseur read over the repository (see ``regie.dossier.caseload``)."""

from __future__ import annotations

import datetime as dt

from ..dossier.caseload import Load, Row, case_load, per_regisseur
from ..dossier.scan import Collected, Job
from ..safetext import csv_text


def _row(ctx, loaded, day: str) -> Load | None:
    return case_load(loaded.case, dt.date.fromisoformat(day))


def caseload_job(day: dt.date) -> Job:
    return Job("caseload", _row, (day.isoformat(),))


def caseload(got: Collected) -> list[Row]:
    return per_regisseur(got.network, [v for _, v in got.values], dt.date.fromisoformat(got.args[0]))


CSV_FIELDS = ("regisseur", "naam", "open", "gewogen", "norm", "boven_norm")


def to_csv(rows: list[Row], dialect: str = "excel") -> str:
    return csv_text(CSV_FIELDS, ([r.to_dict()[k] for k in CSV_FIELDS] for r in rows), dialect)
