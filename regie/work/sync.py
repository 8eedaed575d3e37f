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

from ..errors import RegieError
from ..store import gitops
from ..store.transaction import session

DOSSIER_PATHS = ("casussen", "signalen", "overleggen", "regie.yaml")
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


def _names(root: Path, rev: str | None, folder: str) -> list[str]:
    """Paths (relative to ``folder``) of the files under ``folder`` at ``rev``."""
    if rev is None:
        return []
    out = _git(root, "ls-tree", "-r", "-z", "--name-only", rev, "--", folder).stdout
    return [p[len(folder) + 1:] for p in out.split("\0") if p]


def _show(root: Path, rev: str | None, path: str) -> str | None:
    if rev is None:
        return None
    done = _git(root, "show", f"{rev}:{path}", check=False)
    return done.stdout if done.returncode == 0 else None


def _record_ids(text: str | None, key: str) -> set[str]:
    from ..dossier.yamlio import parse_yaml

    if not text:
        return set()
    try:
        data = parse_yaml(text, key)
    except RegieError:
        return set()
    items = data.get(key) if isinstance(data, dict) else None
    return {str(i["id"]) for i in items or [] if isinstance(i, dict) and "id" in i}


# ---------------------------------------------------------------- what to renumber


def _next_case_id(fmt: str, old: str, used: set[str]) -> str:
    from .cases import _id_pattern

    try:
        m = _id_pattern(fmt).fullmatch(old)
    except RegieError:
        m = None
    if m is None:  # a hand-made id: keep its name, add a number
        n = 2
        while f"{old}-{n}" in used:
            n += 1
        return f"{old}-{n}"
    year = m.groupdict().get("jaar")
    highest = 0
    for existing in used:
        e = _id_pattern(fmt).fullmatch(existing)
        if e and e.groupdict().get("jaar") == year:
            highest = max(highest, int(e["nummer"]))
    return fmt.format(jaar=int(year) if year else 0, nummer=highest + 1)


def _next_entry_name(name: str, used: set[str]) -> str:
    """A free file name for an evaluation (``<date>.md`` → ``<date>-2.md``) or journal entry (``<date>-N.md``)."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.md", name)
    if not m:
        stem, n = name.removesuffix(".md"), 2
    else:
        stem, n = m.group(1), int(m.group(2) or 1) + 1
    while f"{stem}-{n}.md" in used:
        n += 1
    return f"{stem}-{n}.md"


def plan(root: Path, base: str | None, head: str, upstream: str) -> list[Renumbering]:
    """Every id created in ``base..head`` that ``upstream`` also has, with its new value."""
    from ..dossier.loader import load_network
    from ..dossier.model import next_id

    net, _ = load_network(root)
    fmt = net.id_formaat if net else "{jaar}-{nummer:03d}"
    out: list[Renumbering] = []

    def folders(rev):
        return {p.split("/", 1)[0] for p in _names(root, rev, "casussen") if "/" in p}

    base_cases, head_cases, up_cases = folders(base), folders(head), folders(upstream)
    used = head_cases | up_cases
    renamed_cases = set()
    for cid in sorted((head_cases - base_cases) & up_cases):
        new = _next_case_id(fmt, cid, used)
        used.add(new)
        renamed_cases.add(cid)
        out.append(Renumbering("casus", cid, new))

    def signals(rev):
        return {p.removesuffix(".yaml") for p in _names(root, rev, "signalen") if re.fullmatch(r"S\d+\.yaml", p)}

    base_s, head_s, up_s = signals(base), signals(head), signals(upstream)
    used_s = set(head_s | up_s)
    for sid in sorted((head_s - base_s) & up_s, key=lambda s: int(s[1:])):
        new = next_id("S", used_s)
        used_s.add(new)
        out.append(Renumbering("signaal", sid, new))

    for cid in sorted((head_cases & up_cases) - renamed_cases):
        folder = f"casussen/{cid}"
        for soort, file, key, prefix in (("afspraak", "afspraken.yaml", "afspraken", "A"),
                                         ("escalatie", "escalaties.yaml", "escalaties", "E"),
                                         ("verstrekking", "verstrekkingen.yaml", "verstrekkingen", "V")):
            ids = [_record_ids(_show(root, rev, f"{folder}/{file}"), key) for rev in (base, head, upstream)]
            taken = ids[1] | ids[2]
            for rid in sorted((ids[1] - ids[0]) & ids[2], key=lambda x: int(x[1:]) if x[1:].isdigit() else 0):
                new = next_id(prefix, taken)
                taken.add(new)
                out.append(Renumbering(soort, rid, new, cid))
        for soort, sub in (("evaluatie", "evaluaties"), ("journaal", "journaal")):
            names = [set(_names(root, rev, f"{folder}/{sub}")) for rev in (base, head, upstream)]
            taken = names[1] | names[2]
            for name in sorted((names[1] - names[0]) & names[2]):
                new = _next_entry_name(name, taken)
                taken.add(new)
                out.append(Renumbering(soort, name, new, cid))
    return out


# ---------------------------------------------------------------- rewriting the local commits


def _token_re(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])")


class _Rewrite:
    """The renumbering as a function on paths, file texts and commit messages."""

    def __init__(self, renumbered: list[Renumbering]) -> None:
        self.cases = {r.old: r.new for r in renumbered if r.soort == "casus"}
        self.signals = {r.old: r.new for r in renumbered if r.soort == "signaal"}
        self.records: dict[str, dict[str, str]] = {}
        self.files: dict[str, str] = {}
        for r in renumbered:
            if r.soort in ("afspraak", "escalatie", "verstrekking"):
                self.records.setdefault(r.casus, {})[r.old] = r.new
                if r.soort == "escalatie":  # the step's memo is named after it
                    self.files[f"casussen/{r.casus}/escalaties/{r.old}.md"] = f"casussen/{r.casus}/escalaties/{r.new}.md"
            elif r.soort in ("evaluatie", "journaal"):
                sub = "evaluaties" if r.soort == "evaluatie" else "journaal"
                self.files[f"casussen/{r.casus}/{sub}/{r.old}"] = f"casussen/{r.casus}/{sub}/{r.new}"
        self._cases = _token_re(list(self.cases)) if self.cases else None
        self._signals = _token_re(list(self.signals)) if self.signals else None
        self._records = {cid: _token_re(list(m)) for cid, m in self.records.items()}

    def path(self, path: str) -> str:
        if path in self.files:
            return self.files[path]
        parts = path.split("/")
        if len(parts) >= 2 and parts[0] == "casussen" and parts[1] in self.cases:
            parts[1] = self.cases[parts[1]]
        if len(parts) == 2 and parts[0] == "signalen" and parts[1].removesuffix(".yaml") in self.signals:
            parts[1] = self.signals[parts[1].removesuffix(".yaml")] + ".yaml"
        return "/".join(parts)

    def text(self, path: str, text: str) -> str:
        """``text`` of the file at (old) ``path`` with the ids it should now name."""
        if self._cases:
            text = self._cases.sub(lambda m: self.cases[m.group(1)], text)
        parts = path.split("/")
        if parts[0] == "signalen" and self._signals:
            text = self._signals.sub(lambda m: self.signals[m.group(1)], text)
        if len(parts) >= 2 and parts[0] == "casussen" and parts[1] in self._records:
            mapping = self.records[parts[1]]
            text = self._records[parts[1]].sub(lambda m: mapping[m.group(1)], text)
        return text

    def message(self, message: str) -> str:
        if self._cases:
            message = self._cases.sub(lambda m: self.cases[m.group(1)], message)
        if self._signals and message.startswith("regie signal"):
            message = self._signals.sub(lambda m: self.signals[m.group(1)], message)
        for cid, pattern in self._records.items():
            if re.search(rf"(?<![\w-]){re.escape(cid)}(?![\w-])", message):
                message = pattern.sub(lambda m, c=cid: self.records[c][m.group(1)], message)
        return message


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
    from ..store.mergefile import ATTRIBUTES
    from .initrepo import driver_command

    attributes = Path(tempfile.gettempdir()) / f"regie-attributes-{os.getuid()}"
    if not attributes.exists() or attributes.read_text(encoding="utf-8") != ATTRIBUTES:
        attributes.write_text(ATTRIBUTES, encoding="utf-8")
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
