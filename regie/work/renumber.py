"""What ``regie sync`` renumbers, and how a renumbering changes paths, file texts and commit messages.

Ids are handed out locally, offline. When this clone's new commits created an id that the
remote meanwhile used too, the id is renumbered to the next free one. Which kinds of record
have such ids, in which file, and where references to them stand, comes from the table of
record kinds (:mod:`regie.layout`); records with a natural key (an evaluation named by its
date, a meeting) are the same record on both sides and are merged, not renumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .. import ids, layout
from ..dossier.loader import load_network
from ..errors import RegieError
from ..formats.positions import scalars_at
from ..formats.yamlio import parse_yaml, split_front_matter
from ..layout import CASES_DIR, DOSSIER_PATHS
from ..store import gitops

CASE = "casus"  # the record kind of a case itself: its id is its folder


@dataclass(frozen=True)
class Renumbering:
    """One id that this clone made and the remote also used: ``old`` becomes ``new``."""

    soort: str  # casus, signaal, afspraak, escalatie, verstrekking, evaluatie, journaal
    old: str
    new: str
    casus: str | None = None  # the case it lies in (afspraak, escalatie, evaluatie, journaal)

    def describe(self) -> str:
        where = f" in casus {self.casus}" if self.casus else ""
        return f"{self.soort}{where}: {self.old} → {self.new}"


# ---------------------------------------------------------------- reading trees


def _git(root: Path, *args: str, **kw):
    return gitops.run(root, *args, **kw)


def _tree(root: Path, rev: str | None) -> dict[str, str]:
    """Every dossier path (from the root) in the tree of ``rev``, with its blob."""
    if rev is None:
        return {}
    out = _git(root, "ls-tree", "-r", "-z", rev, "--", *DOSSIER_PATHS).stdout
    found = {}
    for entry in out.split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            found[path] = meta.split()[2]
    return found


def _show(root: Path, rev: str | None, path: str) -> str | None:
    if rev is None:
        return None
    done = _git(root, "show", f"{rev}:{path}", check=False)
    return done.stdout if done.returncode == 0 else None


def _data(text: str | None, kind: layout.FileKind, rel: str) -> object:
    """The data of a file (a Markdown file's front matter), None when it cannot be read."""

    if not text:
        return None
    try:
        if kind.format == "markdown":
            text = split_front_matter(text, rel)[0]
        return parse_yaml(text, rel)
    except RegieError:
        return None


def _record_ids(data: object, kind: layout.RecordKind) -> set[str]:
    items: object = data
    for key in kind.list_path:
        items = items.get(key) if isinstance(items, dict) else None
    if not isinstance(items, list):
        return set()
    return {str(i["id"]) for i in items if isinstance(i, dict) and "id" in i}


# ---------------------------------------------------------------- what to renumber


def _next(kind: layout.RecordKind, old: str, taken: set[str]) -> str:
    if kind.key == "sequence" and kind.prefix:
        return ids.next_id(kind.prefix, taken)
    if kind.key == "dated":
        return ids.next_dated_name(old, taken)
    return ids.next_name(old, taken)


def _collisions(kind: layout.RecordKind, names: list[set[str]], casus: str | None, out: list[Renumbering]) -> None:
    """Renumber the ids of ``kind`` that head made since base and upstream also has (``names``: base, head, upstream)."""
    taken = names[1] | names[2]
    for old in sorted((names[1] - names[0]) & names[2], key=lambda x: (len(x), x)):
        new = _next(kind, old, taken)
        taken.add(new)
        out.append(Renumbering(kind.soort, old, new, casus))


def plan(root: Path, base: str | None, head: str, upstream: str) -> list[Renumbering]:
    """Every id created in ``base..head`` that ``upstream`` also has, with its new value.

    Which kinds of record have ids that are handed out (and so renumbered), and where they
    live, comes from the table of record kinds; records with a natural key (an evaluation of a
    date) are the same record on both sides and are merged, not renumbered.
    """

    net, _ = load_network(root)
    fmt = net.id_formaat if net else ids.DEFAULT_ID_FORMAT
    revs = (base, head, upstream)
    trees = [_tree(root, rev) for rev in revs]
    out: list[Renumbering] = []

    cases = [{p.split("/")[1] for p in t if p.startswith(f"{CASES_DIR}/") and p.count("/") >= 2} for t in trees]
    used = cases[1] | cases[2]
    renamed = set()
    for cid in sorted((cases[1] - cases[0]) & cases[2]):
        new = ids.renumbered_case_id(fmt, cid, used)
        used.add(new)
        renamed.add(cid)
        out.append(Renumbering(CASE, cid, new))

    for kind in _numbered("repo"):  # the repository's files with one record each: signals, network notes
        fk = layout.file_kind(kind.file)
        names = [{_file_id(kind, fk, p) for p in t if fk.matches(p)} for t in trees]
        _collisions(kind, names, None, out)

    # only a file this clone changed can hold an id it made: the others are not read (each read is a git process)
    changed = {p for p, blob in trees[1].items() if trees[0].get(p) != blob}
    touched = {p.split("/")[1] for p in changed if p.startswith(f"{CASES_DIR}/") and p.count("/") >= 2}
    parsed: dict[tuple[str | None, str], object] = {}

    def data(rev: str | None, rel: str, fk: layout.FileKind) -> object:
        if (rev, rel) not in parsed:  # netwerk.yaml holds two kinds: read once
            parsed[rev, rel] = _data(_show(root, rev, rel), fk, rel)
        return parsed[rev, rel]

    for cid in sorted((cases[1] & cases[2] & touched) - renamed):
        folder = f"{CASES_DIR}/{cid}"
        for kind in _numbered("case"):
            fk = layout.file_kind(kind.file)
            if kind.items:
                rel = f"{folder}/{fk.path}"
                if rel not in changed:
                    continue
                names = [_record_ids(data(rev, rel, fk), kind) if rel in t else set()
                         for rev, t in zip(revs, trees, strict=True)]
            else:
                prefix = f"{folder}/{fk.folder}/"
                names = [{p[len(prefix):] for p in t if p.startswith(prefix) and fk.matches(p)} for t in trees]
            _collisions(kind, names, cid, out)
    return out


def _numbered(scope: str) -> list[layout.RecordKind]:
    """The kinds of record whose ids are handed out in a clone (not natural keys), in a case or at the root."""
    found = []
    for kind in layout.RECORDS:
        fk = layout.file_kind(kind.file)
        if kind.soort == CASE or kind.key == "natural" or fk.scope != scope:
            continue
        if kind.items or fk.folder is not None:
            found.append(kind)
    return found


def _file_id(kind: layout.RecordKind, fk: layout.FileKind, path: str) -> str:
    """The id of a record that is a file: its name (a dated note keeps its suffix, as its id is the file name)."""
    name = path.rsplit("/", 1)[1]
    return name if kind.key == "dated" else name.removesuffix(fk.suffix)


# ---------------------------------------------------------------- the renumbering as a change


def _token_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")


class Rewrite:
    """The renumbering as a function on paths, file texts and commit messages.

    A numbered id (A7, S3, a case id) follows wherever it stands as a word in the files it can
    appear in (references, memos, journal text); a short name (a betrokkene) follows only in the
    fields the table of record kinds names as its references, not in free text.
    """

    def __init__(self, renumbered: list[Renumbering]) -> None:
        self.cases = {r.old: r.new for r in renumbered if r.soort == CASE}
        self.repo: dict[str, dict[str, str]] = {}  # file kind -> old id -> new (signals)
        self.records: dict[str, dict[str, str]] = {}  # case -> numbered id -> new, anywhere in the case
        self.names: dict[str, list[tuple[layout.RecordKind, str, str]]] = {}  # case -> short names, by field
        self.files: dict[str, str] = {}
        for r in renumbered:
            if r.soort == CASE:
                continue
            kind = layout.record_kind(r.soort)
            fk = layout.file_kind(kind.file)
            if not kind.items:  # a file per record: renamed (a numbered one also renumbered inside)
                top = f"{fk.folder}" if r.casus is None else f"{CASES_DIR}/{r.casus}/{fk.folder}"
                suffix = "" if kind.key == "dated" else fk.suffix
                self.files[f"{top}/{r.old}{suffix}"] = f"{top}/{r.new}{suffix}"
                if r.casus is None and kind.key == "sequence":
                    self.repo.setdefault(kind.file, {})[r.old] = r.new
            elif kind.key == "sequence":
                self.records.setdefault(str(r.casus), {})[r.old] = r.new
                if kind.memo:  # the record's memo is named after it
                    memo = f"{CASES_DIR}/{r.casus}/{kind.memo}"
                    self.files[f"{memo}/{r.old}.md"] = f"{memo}/{r.new}.md"
            else:
                self.names.setdefault(str(r.casus), []).append((kind, r.old, r.new))
        self._cases = _token_re(list(self.cases)) if self.cases else None
        self._repo = {fk: _token_re(list(m)) for fk, m in self.repo.items()}
        self._records = {cid: _token_re(list(m)) for cid, m in self.records.items()}

    def path(self, path: str) -> str:
        parts = path.split("/")
        if len(parts) >= 2 and parts[0] == CASES_DIR and parts[1] in self.cases:
            parts[1] = self.cases[parts[1]]
        path = "/".join(parts)
        return self.files.get(path, path)

    def text(self, path: str, text: str) -> str:
        """``text`` of the file at (old) ``path`` with the ids it should now name."""
        if self._cases:
            text = self._cases.sub(lambda m: self.cases[m.group(1)], text)
        fk = layout.file_kind_of(path)
        if fk is not None and fk.name in self._repo:
            mapping = self.repo[fk.name]
            text = self._repo[fk.name].sub(lambda m: mapping[m.group(1)], text)
        parts = path.split("/")
        if len(parts) >= 2 and parts[0] == CASES_DIR:
            if parts[1] in self._records:
                mapping = self.records[parts[1]]
                text = self._records[parts[1]].sub(lambda m: mapping[m.group(1)], text)
            if parts[1] in self.names and fk is not None:
                text = _rename_fields(text, fk, self.names[parts[1]])
        return text

    def message(self, message: str) -> str:
        if self._cases:
            message = self._cases.sub(lambda m: self.cases[m.group(1)], message)
        signals = self.repo.get("signaal")
        if signals and message.startswith("regie signal"):
            message = self._repo["signaal"].sub(lambda m: signals[m.group(1)], message)
        for cid, pattern in self._records.items():
            if re.search(rf"(?<![\w-]){re.escape(cid)}(?![\w-])", message):
                message = pattern.sub(partial(_renamed, self.records[cid]), message)
        return message


def _renamed(table: dict[str, str], m: re.Match[str]) -> str:
    """The new value of the numbered id ``m`` matched (a ``re.sub`` replacement)."""
    return table[m.group(1)]


def _rename_fields(text: str, fk: layout.FileKind, renames: list[tuple[layout.RecordKind, str, str]]) -> str:
    """``text`` with each short name renamed where the table says it stands: its record's id, and its references."""
    fields: dict[tuple[str, ...], dict[str, str]] = {}
    for kind, old, new in renames:
        if kind.file == fk.name:
            fields.setdefault((*kind.list_path, "[]", kind.id_field), {})[old] = new
        for ref in kind.refs:
            if ref.file == fk.name:
                fields.setdefault(tuple(ref.field.replace("[]", ".[]").split(".")), {})[old] = new
    if not fields:
        return text
    start, end = 0, len(text)
    if fk.format == "markdown":
        close = text.find("\n---", 3)
        if not text.startswith("---\n") or close < 0:
            return text
        start, end = 4, close + 1
    spans = [(start + a, start + b, fields[path][value])
             for path, value, a, b in scalars_at(text[start:end], set(fields)) if value in fields[path]]
    for a, b, new in sorted(spans, reverse=True):
        quote = text[a] if text[a] in "'\"" else ""
        text = text[:a] + f"{quote}{new}{quote}" + text[b:]
    return text
