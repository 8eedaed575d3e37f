"""``regie caseload``: the caseload per regisseur read over the repository (see ``regie.dossier.caseload``)."""

from __future__ import annotations

import datetime as dt

from ..dossier.caseload import Load, Row, case_load, per_regisseur
from ..dossier.scan import Collected, Job


def _row(ctx, loaded, day: str) -> Load | None:
    return case_load(loaded.case, dt.date.fromisoformat(day))


def caseload_job(day: dt.date) -> Job:
    return Job("caseload", _row, (day.isoformat(),))


def caseload(got: Collected) -> list[Row]:
    return per_regisseur(got.network, [v for _, v in got.values], dt.date.fromisoformat(got.args[0]))


CSV_FIELDS = ("regisseur", "naam", "open", "gewogen", "norm", "boven_norm")


def to_csv(rows: list[Row]) -> str:
    import csv
    import io

    from ..safetext import csv_cell

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: csv_cell({True: "ja", False: "nee"}.get(v, v) if isinstance(v, bool) else v)
                         for k, v in r.to_dict().items()})
    return out.getvalue()
