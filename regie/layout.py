"""The one table of what a dossier repository holds: its paths, its files and its kinds of record.

Pure data, in the lowest layer of regie, so that every other layer can read it. Everything that
must treat "every kind of record" alike derives from these two tables instead of keeping a list
of its own:

- the loader and the schema mapping (which file is checked against which schema),
- the privacy check (the plain-text files it reads are the ones the loader reads),
- git's merge driver and the ``.gitattributes`` that ``regie init`` writes (which files merge
  per record, and by which list key),
- ``regie sync`` (which ids are numbered and renumbered when two clones used the same one, and
  where references to them stand),
- tab completion (the ids of a kind in the case named on the command line).

A new kind of record is one row here (and its schema); ``tests/test_layout_table.py`` adds a
fictitious row and sees every consumer handle it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# ------------------------------------------------------------------ paths

CONFIG = "regie.yaml"
CASES_DIR = "casussen"
SIGNALS_DIR = "signalen"
MEETINGS_DIR = "overleggen"
NETWORK_JOURNAL_DIR = "journaal"  # at the root: work outside one case
SOCIALE_KAART = "sociale-kaart.yaml"
CONSULTS_DIR = "consulten"  # consultations (kerntaak 3): in a case folder, and at the root for the network
VOORLICHTING_DIR = "voorlichting"  # voorlichting and deskundigheidsbevordering (werkprocessen 6a, 6b): at the root
ERASED = "vernietigd.yaml"
SEARCH_KEY = "zoeksleutel.yaml.age"  # the network key of the blind index ("Bekend?"), age-encrypted for the regisseurs
SCHEMAS_DIR = ".regie/schemas"  # the JSON Schemas for editors (written by init)
TEMPLATES_DIR = "templates"  # the network's own versions of the built-in templates
STATE_DIR = "regie"  # under .git: cache, lock, journal, --op copies

# Inside a case folder.
CASE_FILE = "casus.yaml"
MELDING_FILE = "melding.yaml"
NETWERK_FILE = "netwerk.yaml"
PLAN_FILE = "plan.md"
AFSPRAKEN_FILE = "afspraken.yaml"
ESCALATIES_FILE = "escalaties.yaml"
VERSTREKKINGEN_FILE = "verstrekkingen.yaml"
BIJEENKOMSTEN_FILE = "bijeenkomsten.yaml"  # netwerkbijeenkomsten, zorgconferenties, familienetwerkberaden of one case
EVALUATIONS_DIR = "evaluaties"
JOURNAL_DIR = "journaal"
MEMO_DIR = "escalaties"  # escalaties/<id>.md: the memo of each step, as it was sent
IDENTITY_FILE = "identiteit.yaml.age"
KEYS_FILE = "sleutels.yaml"  # for whom identiteit.yaml.age is encrypted (regisseur ids and public keys: no identity)
TOKENS_FILE = "zoektokens.yaml"  # the blind index of the identity: truncated keyed hashes (regie zoek), no identity
REQUIRED_CASE_FILES = (CASE_FILE, MELDING_FILE)

# Folders (and files) at the root that hold the network's dossier: what sync shares.
DOSSIER_PATHS = (CASES_DIR, SIGNALS_DIR, MEETINGS_DIR, NETWORK_JOURNAL_DIR, CONFIG, SOCIALE_KAART, ERASED, SEARCH_KEY,
                 CONSULTS_DIR, VOORLICHTING_DIR)

# ------------------------------------------------------------------ files

Scope = Literal["case", "repo"]
Format = Literal["yaml", "markdown", "age"]
# records: regie's merge driver merges the file per record and per field (the front matter of a Markdown
#          file so; its text by line, as git does);
# lines:   git's own line merge; binary: never merged line by line (an encrypted file).
Merge = Literal["records", "lines", "binary"]


@dataclass(frozen=True)
class FileKind:
    """A kind of file in a dossier repository."""

    name: str  # also the name of its JSON Schema in regie/schemas/, where it has one
    path: str  # relative to the case folder (scope "case") or the root; "*" stands for one file name
    scope: Scope
    format: Format
    merge: Merge
    schema: str | None = None  # the JSON Schema kind, None for a file that is not checked (encrypted)

    @property
    def folder(self) -> str | None:
        """The folder of a folder of files (``evaluaties`` for ``evaluaties/*.md``), else None."""
        head, _, tail = self.path.rpartition("/")
        return head if "*" in tail and head else None

    @property
    def suffix(self) -> str:
        return "." + self.path.rsplit(".", 1)[1] if "." in self.path else ""

    def glob(self) -> str:
        """The pattern from the root of the repository, as ``.gitattributes`` writes it."""
        return f"{CASES_DIR}/*/{self.path}" if self.scope == "case" else self.path

    def matches(self, rel: str) -> bool:
        """Whether the path ``rel`` (from the root) is a file of this kind."""
        return _glob_re(self.glob()).fullmatch(rel) is not None


def _glob_re(pattern: str) -> re.Pattern[str]:
    return re.compile("[^/]*".join(re.escape(part) for part in pattern.split("*")))


FILES: tuple[FileKind, ...] = (
    FileKind("regie", CONFIG, "repo", "yaml", "records", "regie"),
    FileKind("sociale-kaart", SOCIALE_KAART, "repo", "yaml", "records", "sociale-kaart"),
    FileKind("signaal", f"{SIGNALS_DIR}/*.yaml", "repo", "yaml", "records", "signaal"),
    FileKind("netwerkjournaal", f"{NETWORK_JOURNAL_DIR}/*.md", "repo", "markdown", "records", "netwerkjournaal"),
    FileKind("overleg", f"{MEETINGS_DIR}/*.md", "repo", "markdown", "records"),  # agenda and minutes of a meeting
    FileKind("netwerkconsult", f"{CONSULTS_DIR}/*.md", "repo", "markdown", "records", "consult"),  # one schema for both places
    FileKind("voorlichting", f"{VOORLICHTING_DIR}/*.md", "repo", "markdown", "records", "voorlichting"),
    FileKind("casus", CASE_FILE, "case", "yaml", "records", "casus"),
    FileKind("melding", MELDING_FILE, "case", "yaml", "records", "melding"),
    FileKind("netwerk", NETWERK_FILE, "case", "yaml", "records", "netwerk"),
    FileKind("plan", PLAN_FILE, "case", "markdown", "records", "plan"),
    FileKind("afspraken", AFSPRAKEN_FILE, "case", "yaml", "records", "afspraken"),
    FileKind("escalaties", ESCALATIES_FILE, "case", "yaml", "records", "escalaties"),
    FileKind("verstrekkingen", VERSTREKKINGEN_FILE, "case", "yaml", "records", "verstrekkingen"),
    FileKind("bijeenkomsten", BIJEENKOMSTEN_FILE, "case", "yaml", "records", "bijeenkomsten"),
    FileKind("evaluatie", f"{EVALUATIONS_DIR}/*.md", "case", "markdown", "records", "evaluatie"),
    FileKind("journaal", f"{JOURNAL_DIR}/*.md", "case", "markdown", "records", "journaal"),
    FileKind("consult", f"{CONSULTS_DIR}/*.md", "case", "markdown", "records", "consult"),
    FileKind("memo", f"{MEMO_DIR}/*.md", "case", "markdown", "lines"),
    FileKind("identiteit", IDENTITY_FILE, "case", "age", "binary"),
    # Written with identiteit.yaml.age, in step with it: merged by line (a conflict here comes with one there).
    FileKind("sleutels", KEYS_FILE, "case", "yaml", "lines", "sleutels"),
    # The blind index of the identity (regie zoek), written with identiteit.yaml.age; merged by line like sleutels.yaml.
    FileKind("zoektokens", TOKENS_FILE, "case", "yaml", "lines", "zoektokens"),
    # The network key of that index, encrypted for the active regisseurs; replaced whole at a rotation.
    FileKind("zoeksleutel", SEARCH_KEY, "repo", "age", "binary"),
    # The record of erased cases (regie purge): appended to, one entry per case; merged by line.
    FileKind("vernietigd", ERASED, "repo", "yaml", "lines", "vernietigd"),
)

# ------------------------------------------------------------------ records

# How a record is keyed, which decides what sync does when two clones made the same key:
# sequence: a number handed out locally (A7, S3, the case id): renumbered to the next free one;
# dated:    a file named <date>-N (a journal note): renumbered to the next free N of that date;
# name:     a short name made from what it is (a betrokkene 'buurman'): renumbered to 'buurman-2';
# natural:  the key says what it is (an evaluation of a date, a meeting, a regisseur's id, a
#           meldcode step): the same key on both sides is the same record, merged field by field.
Key = Literal["sequence", "dated", "name", "natural"]


@dataclass(frozen=True)
class Ref:
    """Where ids of a kind are referred to: a field of a file kind (``[]`` walks a list)."""

    file: str  # a FileKind name
    field: str  # e.g. "escalaties[].afspraken[]", "casemanager"


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: where it lives, how it is identified, and what refers to it."""

    soort: str  # the Dutch word, as messages name it (afspraak, doel, ...)
    file: str  # the FileKind it lives in
    items: str  # the path of its list inside that file ("afspraken", "huishouden.leden"); "" when the file is the record
    key: Key
    prefix: str = ""  # the id's prefix for a sequence (A for A7); "" for others
    id_field: str = "id"  # for natural records in a list: the field (or fields, comma-separated) that key them
    refs: tuple[Ref, ...] = ()
    memo: str | None = None  # a file per record named after its id (an escalation's memo), in the case folder

    @property
    def in_case(self) -> bool:
        return file_kind(self.file).scope == "case"

    @property
    def list_path(self) -> tuple[str, ...]:
        return tuple(self.items.split(".")) if self.items else ()

    @property
    def id_re(self) -> re.Pattern[str]:
        if self.key == "sequence" and self.prefix:
            return re.compile(rf"{re.escape(self.prefix)}(\d+)")
        if self.key == "dated":
            return re.compile(r"(\d{4}-\d{2}-\d{2})-(\d+)\.md")
        return re.compile(r"[a-z0-9][a-z0-9-]*")


# Who is invited to and who attended a bijeenkomst: betrokkenen, household members and the client.
_ATTENDING = (Ref("bijeenkomsten", "bijeenkomsten[].genodigden[]"), Ref("bijeenkomsten", "bijeenkomsten[].aanwezig[]"))

RECORDS: tuple[RecordKind, ...] = (
    RecordKind("casus", "casus", "", "sequence",
               refs=(Ref("netwerkjournaal", "casussen[]"), Ref("signaal", "casussen[]"), Ref("casus", "samengevoegd_met"))),
    RecordKind("signaal", "signaal", "", "sequence", prefix="S"),
    RecordKind("netwerkjournaal", "netwerkjournaal", "", "dated"),
    RecordKind("afspraak", "afspraken", "afspraken", "sequence", prefix="A",
               refs=(Ref("escalaties", "escalaties[].afspraken[]"), Ref("escalaties", "escalaties[].afschaling.afspraken[]"))),
    RecordKind("escalatie", "escalaties", "escalaties", "sequence", prefix="E", memo=MEMO_DIR,
               refs=(Ref("escalaties", "escalaties[].opgeschaald_naar"), Ref("escalaties", "escalaties[].afgeschaald_van"),
                     Ref("verstrekkingen", "verstrekkingen[].escalatie"))),
    RecordKind("verstrekking", "verstrekkingen", "verstrekkingen", "sequence", prefix="V"),
    RecordKind("doel", "plan", "doelen", "sequence", prefix="D",
               refs=(Ref("afspraken", "afspraken[].doel"), Ref("casus", "cti.fasen[].doelen[]"))),
    RecordKind("lid", "casus", "huishouden.leden", "sequence", prefix="L",
               refs=(Ref("plan", "doelen[].lid"), Ref("casus", "huishouden.leden[].gezag[]"),
                     Ref("casus", "huishouden.leden[].toestemming.door[]"), Ref("journaal", "aanwezig[]"), *_ATTENDING)),
    RecordKind("professional", "netwerk", "professionals", "name",
               refs=(Ref("afspraken", "afspraken[].wie"), Ref("casus", "casemanager"), Ref("journaal", "aanwezig[]"),
                     Ref("casus", "regie_historie[].casushouder"), *_ATTENDING)),
    RecordKind("naaste", "netwerk", "naasten", "name",
               refs=(Ref("afspraken", "afspraken[].wie"), Ref("journaal", "aanwezig[]"), *_ATTENDING)),
    # A meeting about one case (regie bijeenkomst): numbered like an agreement; the agreements made there name it.
    RecordKind("bijeenkomst", "bijeenkomsten", "bijeenkomsten", "sequence", prefix="B",
               refs=(Ref("afspraken", "afspraken[].bijeenkomst"),)),
    RecordKind("journaal", "journaal", "", "dated"),
    RecordKind("consult", "consult", "", "dated"),
    RecordKind("netwerkconsult", "netwerkconsult", "", "dated"),
    RecordKind("voorlichting", "voorlichting", "", "dated"),
    RecordKind("evaluatie", "evaluatie", "", "natural"),
    RecordKind("overleg", "overleg", "", "natural"),  # a meeting is named by its date: the same date is the same meeting
    RecordKind("meldcodestap", "casus", "meldcode.stappen", "natural", id_field="stap,datum"),
    RecordKind("cti-fase", "casus", "cti.fasen", "natural", id_field="fase"),
    RecordKind("hulp", "casus", "hulp", "sequence", prefix="H"),  # the onderzoekende rol: past and current help
    RecordKind("kracht", "casus", "krachten", "sequence", prefix="K"),
    RecordKind("zrm-meting", "casus", "zrm", "natural", id_field="datum"),  # a measurement is named by its date
    RecordKind("regie-historie", "casus", "regie_historie", "natural", id_field="datum,reden"),
    RecordKind("regisseur", "regie", "regisseurs", "natural"),
    RecordKind("organisatie", "regie", "organisaties", "natural"),
    RecordKind("kaartorganisatie", "sociale-kaart", "organisaties", "natural", id_field="organisatie"),
)


def file_kind(name: str) -> FileKind:
    for kind in FILES:
        if kind.name == name:
            return kind
    raise KeyError(name)


def file_kind_of(rel: str) -> FileKind | None:
    """The kind of the file at ``rel`` (a path from the root of the repository), or None."""
    for kind in FILES:
        if kind.matches(rel):
            return kind
    return None


def record_kind(soort: str) -> RecordKind:
    for kind in RECORDS:
        if kind.soort == soort:
            return kind
    raise KeyError(soort)


def records_in(file: str) -> tuple[RecordKind, ...]:
    """The kinds of record kept in a list of the file kind ``file``."""
    return tuple(r for r in RECORDS if r.file == file and r.items)


def schema_names() -> tuple[str, ...]:
    """Every JSON Schema regie has: one per checked file kind, and the identity inside the encrypted file."""
    return tuple(dict.fromkeys([*(f.schema for f in FILES if f.schema), "identiteit"]))


def merge_attributes() -> str:
    """The lines of ``.gitattributes`` that route the dossier's files to regie's merge driver."""
    lines = ["# regie: records worden per record en per veld samengevoegd (regie merge-file)"]
    for f in FILES:
        if f.merge == "records":
            lines.append(f"{f.glob()} merge=regie")
    for f in FILES:
        if f.merge == "binary":
            lines.append(f"{f.glob()} diff=regie-age -merge")
    return "\n".join(lines) + "\n"
