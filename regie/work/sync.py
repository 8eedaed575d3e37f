"""``regie sync``: share this clone's work with the team's remote, with ids that never collide.

Ids (case ids, signal ids, afspraak and escalatie ids inside a case, evaluation and journal
file names) are handed out locally, offline. Before this clone's new commits go on top of
the remote, every id they created that the remote meanwhile used too is renumbered to the
next free one: the folder or file, the id inside the files, every reference to it, and the
commit messages. Only commits that are not on the remote yet are rewritten. Then the local
commits are rebased onto the remote (never a merge commit of two clients' cases; the list
files merge per record through regie's merge driver) and pushed.

Any failure puts the branch back where it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import ids, layout
from ..errors import RegieError
from ..layout import CASES_DIR, DOSSIER_PATHS
from ..store import gitops
from ..store.transaction import session

CASE = "casus"  # the record kind of a case itself: its id is its folder
ATTEMPTS = 3


class Offline(RegieError):
    """The remote cannot be reached; local commits stay as they are."""


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


@dataclass
class Outcome:
    remote: str
    branch: str
    renumbered: list[Renumbering] = field(default_factory=list)
    pushed: int = 0
    fetched: int = 0
    dry_run: bool = False


# ---------------------------------------------------------------- reading trees


def _git(root: Path, *args: str, **kw):
    return gitops.run(root, *args, **kw)


def _tree(root: Path, rev: str | None) -> set[str]:
    """Every dossier path (from the root) in the tree of ``rev``."""
    if rev is None:
        return set()
    out = _git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", *DOSSIER_PATHS).stdout
    return {p for p in out.split("\0") if p}


def _show(root: Path, rev: str | None, path: str) -> str | None:
    if rev is None:
        return None
    done = _git(root, "show", f"{rev}:{path}", check=False)
    return done.stdout if done.returncode == 0 else None


def _data(text: str | None, kind: layout.FileKind, rel: str) -> object:
    """The data of a file (a Markdown file's front matter), None when it cannot be read."""
    from ..dossier.yamlio import parse_yaml, split_front_matter

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
    from ..dossier.loader import load_network

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

    for cid in sorted((cases[1] & cases[2]) - renamed):
        folder = f"{CASES_DIR}/{cid}"
        for kind in _numbered("case"):
            fk = layout.file_kind(kind.file)
            if kind.items:
                rel = f"{folder}/{fk.path}"
                names = [_record_ids(_data(_show(root, rev, rel), fk, rel), kind) if rel in t else set()
                         for rev, t in zip(revs, trees)]
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


# ---------------------------------------------------------------- rewriting the local commits


def _token_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")


class _Rewrite:
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
                message = pattern.sub(lambda m, c=cid: self.records[c][m.group(1)], message)
        return message


def _rename_fields(text: str, fk: layout.FileKind, renames: list[tuple[layout.RecordKind, str, str]]) -> str:
    """``text`` with each short name renamed where the table says it stands: its record's id, and its references."""
    import yaml

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
    try:
        node = yaml.compose(text[start:end])
    except yaml.YAMLError:
        return text
    spans: list[tuple[int, int, str]] = []

    def walk(n: object, path: tuple[str, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                walk(v, (*path, str(k.value)))
        elif isinstance(n, yaml.SequenceNode):
            for item in n.value:
                walk(item, (*path, "[]"))
        elif isinstance(n, yaml.ScalarNode) and n.value in fields.get(path, {}):
            spans.append((start + n.start_mark.index, start + n.end_mark.index, fields[path][n.value]))

    walk(node, ())
    for a, b, new in sorted(spans, reverse=True):
        quote = text[a] if text[a] in "'\"" else ""
        text = text[:a] + f"{quote}{new}{quote}" + text[b:]
    return text


def rewrite(root: Path, base: str | None, commits: list[str], renumbered: list[Renumbering]) -> str:
    """New commits for ``commits`` (oldest first) with the renumbering applied; returns the new head."""
    change = _Rewrite(renumbered)
    mapped: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="regie-sync-") as tmp:
        index = os.path.join(tmp, "index")
        env = {"GIT_INDEX_FILE": index}
        for sha in commits:
            entries = []
            changed = set()
            if base is not None:
                changed = set(_git(root, "diff", "--name-only", "-z", "--no-renames", base, sha).stdout.split("\0"))
            for entry in _git(root, "ls-tree", "-r", "-z", "--full-tree", sha).stdout.split("\0"):
                if not entry:
                    continue
                meta, path = entry.split("\t", 1)
                mode, kind, blob = meta.split()
                new_path = change.path(path)
                if kind == "blob" and (base is None or path in changed) and path.endswith((".yaml", ".md")):
                    text = _git(root, "cat-file", "blob", blob).stdout
                    new_text = change.text(path, text)
                    if new_text != text:
                        blob = _git(root, "hash-object", "-w", "--stdin", input=new_text).stdout.strip()
                entries.append(f"{mode} {blob}\t{new_path}")
            if os.path.exists(index):
                os.unlink(index)
            _git(root, "update-index", "--add", "--index-info", input="\n".join(entries) + "\n", env=env)
            tree = _git(root, "write-tree", env=env).stdout.strip()
            info = _git(root, "log", "-1", "--format=%an%x00%ae%x00%ad%x00%P%x00%B", "--date=raw", sha).stdout
            name, email, date, parents, message = info.split("\0", 4)
            args = []
            for parent in parents.split():
                args += ["-p", mapped.get(parent, parent)]
            author = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date}
            new = _git(root, "commit-tree", tree, *args, "-F", "-", input=change.message(message.rstrip("\n")) + "\n",
                       env=author).stdout.strip()
            mapped[sha] = new
    return mapped[commits[-1]]


# ---------------------------------------------------------------- the whole sync


def _remote(root: Path, branch: str) -> str:
    configured = _git(root, "config", "--get", f"branch.{branch}.remote", check=False).stdout.strip()
    remotes = _git(root, "remote").stdout.split()
    if configured and configured in remotes:
        return configured
    if "origin" in remotes:
        return "origin"
    if len(remotes) == 1:
        return remotes[0]
    raise RegieError("geen gedeelde repository ingesteld: voeg die toe met 'git remote add origin ADRES' "
                     "(of maak de repository met 'regie init --remote ADRES')", code="sync")


def _dirty_dossier_files(root: Path) -> list[str]:
    out = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *DOSSIER_PATHS).stdout
    return sorted({e[3:] for e in out.split("\0") if len(e) > 3})


def _rev(root: Path, ref: str) -> str | None:
    done = _git(root, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    return done.stdout.strip() or None


def _driver_config() -> list[str]:
    """git options that make the rebase merge list files per record, even in a clone without 'regie setup'."""
    from ..layout import merge_attributes
    from .initrepo import driver_command

    attributes = Path(tempfile.gettempdir()) / f"regie-attributes-{os.getuid()}"
    wanted = merge_attributes()
    if not attributes.exists() or attributes.read_text(encoding="utf-8") != wanted:
        attributes.write_text(wanted, encoding="utf-8")
    return ["-c", "merge.regie.name=regie", "-c", f"merge.regie.driver={driver_command()}",
            "-c", f"core.attributesFile={attributes}"]


def sync(root: Path, *, dry_run: bool = False) -> Outcome:
    """Fetch, renumber what collides, rebase this clone's commits onto the remote, push."""
    with session(root, "sync"):
        gitops.check_ready(root)
        branch = gitops.current_branch(root)
        remote = _remote(root, branch)
        dirty = _dirty_dossier_files(root)
        if dirty:
            raise RegieError("niet gedeeld: er zijn nog wijzigingen in dossierbestanden die niet gecommit zijn: "
                             + ", ".join(dirty[:5]) + (" ..." if len(dirty) > 5 else "")
                             + ". Commit ze (of zet ze opzij met 'git stash') en probeer het opnieuw.", code="sync")
        outcome = Outcome(remote, branch, dry_run=dry_run)
        original = _rev(root, "HEAD")
        try:
            for attempt in range(ATTEMPTS):
                if _attempt(root, remote, branch, outcome):
                    return outcome
        except BaseException:
            if not dry_run and original and _rev(root, "HEAD") != original:
                _git(root, "rebase", "--abort", check=False)
                _git(root, "reset", "--keep", "-q", original, check=False)
            raise
        raise RegieError("de gedeelde repository veranderde steeds tijdens het delen; probeer 'regie sync' zo opnieuw",
                         code="sync")


def _attempt(root: Path, remote: str, branch: str, outcome: Outcome) -> bool:
    """One fetch-renumber-rebase-push round; False when the push lost a race and another round is needed."""
    done = _git(root, "fetch", "--quiet", remote, check=False)
    upstream_ref = f"refs/remotes/{remote}/{branch}"
    if done.returncode != 0:
        ahead = _git(root, "rev-list", "--count", f"{upstream_ref}..HEAD", check=False).stdout.strip()
        stay = ("je lokale commit blijft hier staan en wordt" if ahead == "1" else
                f"je {ahead + ' ' if ahead.isdigit() else ''}lokale commits blijven hier staan en worden")
        raise Offline(f"offline: {remote} is niet bereikbaar; {stay} gedeeld bij de volgende 'regie sync'", code="offline")
    upstream = _rev(root, upstream_ref)
    head = _rev(root, "HEAD")
    if upstream is None:  # the remote has no such branch yet: the first push
        if outcome.dry_run:
            outcome.pushed = int(_git(root, "rev-list", "--count", "HEAD").stdout.strip())
            return True
        return _push(root, remote, branch, outcome, first=True)
    base = _git(root, "merge-base", "HEAD", upstream, check=False).stdout.strip() or None
    local = [c for c in _git(root, "rev-list", "--reverse", f"{upstream}..HEAD").stdout.split() if c]
    incoming = int(_git(root, "rev-list", "--count", f"HEAD..{upstream}").stdout.strip())
    outcome.fetched = incoming
    if not local:
        if incoming and not outcome.dry_run:
            _git(root, "merge", "--ff-only", "-q", upstream)
        return True
    renumbered = plan(root, base, head, upstream) if incoming else []
    outcome.renumbered += renumbered
    if outcome.dry_run:
        outcome.pushed = len(local)
        return True
    if renumbered:
        new_head = rewrite(root, base, local, renumbered)
        _git(root, "reset", "--keep", "-q", new_head)
    if incoming:
        rebased = _git(root, *_driver_config(), "rebase", "--autostash", "-q", upstream, check=False)
        if rebased.returncode != 0:
            conflicted = _git(root, "diff", "--name-only", "--diff-filter=U").stdout.split()
            _git(root, "rebase", "--abort", check=False)
            files = ", ".join(conflicted) or "onbekend"
            raise RegieError(
                f"niet gedeeld: jouw wijzigingen en die op {remote} botsen in {files} (hetzelfde veld aan beide kanten "
                "anders). Er is niets veranderd. Los het zo op: 'git pull --rebase', dan toont 'regie validate' "
                "elk conflict als [merge-conflict]; kies per blok, 'git add' het bestand, 'git rebase --continue', "
                "en daarna 'regie sync'.", code="sync",
            )
    outcome.pushed = len(local)
    return _push(root, remote, branch, outcome)


def _push(root: Path, remote: str, branch: str, outcome: Outcome, *, first: bool = False) -> bool:
    args = ["push", "--quiet"] + (["--set-upstream"] if first else []) + [remote, f"HEAD:refs/heads/{branch}"]
    done = _git(root, *args, check=False)
    if done.returncode == 0:
        if first:
            outcome.pushed = int(_git(root, "rev-list", "--count", "HEAD").stdout.strip())
        return True
    text = done.stderr
    if "rejected" in text or "fetch first" in text or "non-fast-forward" in text:
        return False  # someone shared in between: another round
    raise Offline(f"delen mislukt: {remote} nam de commits niet aan (geen verbinding of geen rechten); "
                  "je commits blijven hier staan", code="offline")
