"""A measurement on the Zelfredzaamheid-Matrix over every domain of the network (the first is the baseline).

The domains are the network's ``leefgebieden`` in ``regie.yaml``, never a list of regie's own:
a measurement scores each of them 1-5, or marks it not applicable. It is kept in ``casus.yaml``
(``zrm``, one entry per date); the figures of ``regie report`` start from the first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..clock import event_date
from ..dossier.network import LEEFGEBIED_NAMEN, Network
from ..dossier.onderzoek import ZRM_BETEKENIS
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamledit import RoundTrip, append_item, list_in, mapping, new_map
from ..layout import CASE_FILE
from ..store.transaction import exclusive
from .mutation import Change, apply
from .onderzoek import open_case

NIET_VAN_TOEPASSING = ("nvt", "n.v.t.", "-")


def score_of(text: str, leefgebied: str) -> int | None:
    """A score as typed: 1-5, or 'nvt' (not applicable: None)."""
    value = text.strip().lower()
    if value in NIET_VAN_TOEPASSING:
        return None
    if value.isdigit() and 1 <= int(value) <= 5:
        return int(value)
    raise UsageError(f"ongeldige score '{text}' voor {leefgebied}: geef 1 tot en met 5, of nvt")


def parse_scores(pairs: list[str], known: tuple[str, ...]) -> dict[str, int | None]:
    """Scores written as ``leefgebied=score`` (``financien=2``), each domain once and known to the network."""
    scores: dict[str, int | None] = {}
    for pair in pairs:
        lg, sep, value = pair.partition("=")
        lg = lg.strip()
        if not sep or not lg:
            raise UsageError(f"'{pair}' is geen score; schrijf leefgebied=score, bijv. financien=2")
        if lg not in known:
            raise UsageError(f"onbekend leefgebied '{lg}'; kies uit: {', '.join(known)}")
        if lg in scores:
            raise UsageError(f"leefgebied '{lg}' heeft twee scores")
        scores[lg] = score_of(value, lg)
    return scores


def vraag(leefgebied: str) -> str:
    """The question a terminal asks for one domain, with what the scores mean."""
    return f"{LEEFGEBIED_NAMEN.get(leefgebied, leefgebied)} ({leefgebied}) — 1-5 of nvt"


def betekenis() -> str:
    return "Zelfredzaamheid-Matrix: " + ", ".join(f"{k} {v}" for k, v in ZRM_BETEKENIS.items())


def domains(root: Path, cid: str, what: str = "een meting vastleggen") -> tuple[Network, tuple[str, ...]]:
    """The network's domains, for a command that asks for them (the case must be open)."""
    net, _ = open_case(root, cid, what)
    return net, net.leefgebieden


@exclusive("zrm")
def record(root: Path, cid: str, scores: dict[str, int | None], *, today: dt.date, datum: dt.date | None = None,
           commit: bool = True) -> Change:
    """Record a measurement over every domain of the network; one that misses a domain is refused."""

    net, case = open_case(root, cid, "een meting vastleggen")
    unknown = [lg for lg in scores if lg not in net.leefgebieden]
    if unknown:
        raise UsageError(f"onbekend leefgebied '{unknown[0]}'; kies uit: {', '.join(net.leefgebieden)}")
    missing = [lg for lg in net.leefgebieden if lg not in scores]
    if missing:
        raise UsageError(f"de Zelfredzaamheid-Matrix vraagt een score op elk leefgebied; ontbreekt: {', '.join(missing)} "
                         "(geef nvt waar een leefgebied niet van toepassing is)")
    when = event_date(datum, today)
    if any(m.datum == when for m in case.casus.zrm):
        raise RegieError(f"casus {cid} heeft al een meting op {when.isoformat()}")
    path = case_dir(root, cid) / CASE_FILE
    doc = RoundTrip(path.read_text(encoding="utf-8"), f"{case.folder}/{CASE_FILE}", adds="zrm-meting")
    append_item(list_in(doc.data, "zrm", block=True),
                new_map({"datum": when, "scores": mapping({lg: scores[lg] for lg in net.leefgebieden})}))
    first = not case.casus.zrm or when < case.casus.zrm[0].datum
    problems = apply(root, cid, {path: doc.dump()}, f"regie zrm: meting van {when.isoformat()} in casus {cid}", today,
                     commit=commit)
    return Change(id=when.isoformat(), what=f"{'nulmeting' if first else 'meting'} op de Zelfredzaamheid-Matrix vastgelegd "
                  f"in casus {cid} ({when.isoformat()})", problems=problems)
