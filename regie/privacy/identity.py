"""The client's identity, encrypted at rest: ``casussen/<ID>/identiteit.yaml.age``.

Directly identifying data (name, BSN, birth date, address, contact details, and the same for
household members and naasten) lives only in this file, encrypted with age (``pyrage``) to
the public keys of the people who may see it: the case's regisseur and the network's
``beheerders`` from ``regie.yaml``. Everything else in the dossier stays plain and
pseudonymised, so ``validate``, reports and CI run without any key. Decrypted text is only
ever held in memory, or, for ``edit``, in a private folder outside the repository that is
removed with the editor's backups however the edit ends (``regie.store.private``); it is
never written into the work tree or staged, and a check quotes none of it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..dossier.model import CaseWithCasus
from ..dossier.network import Network
from ..dossier.repo import case_dir, rel
from ..dossier.schema import check
from ..errors import RegieError
from ..formats.yamlio import SourceFile, parse_yaml
from ..layout import IDENTITY_FILE, KEYS_FILE

FILE = IDENTITY_FILE
PLAIN_FILE = "identiteit.yaml"  # must never exist: a finding of validate
AGE_HEADER = b"age-encryption.org/v1\n"
KEY_ENV = "REGIE_AGE_KEY_FILE"

TEMPLATE = """\
# Identiteit van de cliënt: alleen versleuteld opgeslagen (identiteit.yaml.age).
# Vul in wat nodig is; laat leeg (null) wat er niet is.
naam: null
bsn: null
geboortedatum: null        # JJJJ-MM-DD
adres:
  straat: null
  huisnummer: null
  postcode: null
  plaats: null
telefoon: null
email: null
huishouden: []             # - naam: ..., relatie: ..., geboortedatum: ...
naasten: []                # - naam: ..., betrokkene: <id uit netwerk.yaml>, telefoon: ...
"""


class IdentityError(RegieError):
    """The identity cannot be read or written with the keys at hand."""


def key_file() -> Path:
    """Where this user's age key is: ``REGIE_AGE_KEY_FILE``, else ``~/.config/regie/key.txt``."""
    configured = os.environ.get(KEY_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".config" / "regie" / "key.txt"


def keygen(path: Path | None = None) -> tuple[Path, str]:
    """Make a new age key at ``path`` (mode 600); returns the path and the public key to put in regie.yaml."""
    from pyrage import x25519

    path = path or key_file()
    if path.exists():
        raise IdentityError(f"er staat al een sleutel in {path}; die wordt niet overschreven")
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"# regie age-sleutel; publieke sleutel: {public}\n{identity}\n")
    return path, public


def check_key() -> None:
    """Raise the clear message when this user has no usable age key."""
    _my_identities()


def my_public_keys() -> set[str]:
    """The public keys of this user's age keys: which regisseur of regie.yaml this user is."""
    return {str(i.to_public()) for i in _my_identities()}


def _my_identities():
    from pyrage import x25519

    path = key_file()
    if not path.is_file():
        raise IdentityError(f"geen sleutel gevonden in {path} (of via {KEY_ENV}); maak er een met 'regie keygen' en "
                            "laat je publieke sleutel in regie.yaml zetten, dan kan een beheerder de casus voor je versleutelen",
                            code="sleutel")
    identities = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("AGE-SECRET-KEY-"):
            try:
                identities.append(x25519.Identity.from_str(line))
            except Exception:  # noqa: BLE001 - pyrage's IdentityError
                raise IdentityError(f"{path} bevat geen geldige age-sleutel", code="sleutel") from None
    if not identities:
        raise IdentityError(f"{path} bevat geen age-sleutel (een regel 'AGE-SECRET-KEY-...')", code="sleutel")
    return identities


@dataclass(frozen=True)
class Recipient:
    regisseur: str
    key: str


def recipients(net: Network, case: CaseWithCasus) -> list[Recipient]:
    """Who may read this case's identity: its regisseur and the beheerders, each with their public key."""
    return recipients_for(net, case.casus.regisseur)


def recipients_for(net: Network, regisseur: str | None) -> list[Recipient]:
    """Who may read the identity of a case held by ``regisseur``: that regisseur and the beheerders."""
    wanted = [regisseur] if regisseur else []
    wanted += [b for b in net.beheerders if b not in wanted]
    keys = {r.id: r.age for r in net.regisseurs if r.age}
    missing = [w for w in wanted if not keys.get(w)]
    if missing:
        raise IdentityError(f"geen age-sleutel in regie.yaml voor {', '.join(missing)}: voeg 'age: age1...' toe bij "
                            f"{'die regisseur' if len(missing) == 1 else 'die regisseurs'} ('regie keygen' maakt een sleutel)",
                            code="sleutel")
    return [Recipient(w, keys[w]) for w in wanted]


def encrypt(text: str, to: list[Recipient]) -> bytes:
    import pyrage
    from pyrage import x25519

    try:
        keys = [x25519.Recipient.from_str(r.key) for r in to]
    except Exception:  # noqa: BLE001 - pyrage's RecipientError
        raise IdentityError("een sleutel in regie.yaml is geen geldige age-sleutel (age1...)", code="sleutel") from None
    return pyrage.encrypt(text.encode("utf-8"), keys)


def decrypt(data: bytes, rel: str) -> str:
    """The plain text of an identity file, in memory; Dutch messages for every way it can fail."""
    import pyrage

    if not data.startswith(AGE_HEADER):
        raise IdentityError("is geen age-bestand (beschadigd, of niet versleuteld?)", path=rel, code="identiteit")
    identities = _my_identities()
    try:
        return pyrage.decrypt(data, identities).decode("utf-8")
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise IdentityError("is niet versleuteld voor jouw sleutel; vraag de regisseur of een beheerder om "
                                "'regie identity rekey' nadat je publieke sleutel in regie.yaml staat", path=rel,
                                code="identiteit") from None
        raise IdentityError("kan niet ontsleuteld worden: het bestand is beschadigd", path=rel, code="identiteit") from None
    except UnicodeDecodeError:
        raise IdentityError("ontsleuteld, maar geen UTF-8-tekst", path=rel, code="identiteit") from None


# ------------------------------------------------------------------ for whom a file is encrypted
#
# An age header does not name its recipients (an X25519 stanza holds an ephemeral share, not the
# recipient's key), so nobody can tell from the file who can open it. regie therefore writes, with
# every identiteit.yaml.age it encrypts, a plain sleutels.yaml beside it: the regisseur ids and the
# public keys it encrypted to. That is a fact regie knows at that moment; what "should" be is
# derived from regie.yaml and casus.yaml, and the difference is the pending rekey.

KEYS_HEADER = ("# Voor wie identiteit.yaml.age versleuteld is; regie schrijft dit bij elke versleuteling.\n"
               "# Regisseur-id's en publieke sleutels, geen persoonsgegevens. Niet met de hand wijzigen.\n")


def keys_text(to: list[Recipient]) -> str:
    """The text of ``sleutels.yaml`` for a file encrypted to ``to``."""
    lines = [KEYS_HEADER, "versleuteld_voor:\n"]
    lines += [f"  - regisseur: {r.regisseur}\n    age: {r.key}\n" for r in to]
    return "".join(lines)


def keys_path_of(root: Path, cid: str) -> Path:
    return case_dir(root, cid) / KEYS_FILE


def encrypted_for(root: Path, cid: str) -> list[Recipient] | None:
    """For whom the case's identity was encrypted, as regie recorded it; None when nothing was recorded."""
    path = keys_path_of(root, cid)
    if not path.is_file():
        return None
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), rel(root, path))
    except (RegieError, OSError, UnicodeDecodeError):
        return None  # validate names the broken file; here it only means "not known"
    rows = data.get("versleuteld_voor") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return None
    return [Recipient(str(r.get("regisseur")), str(r.get("age"))) for r in rows if isinstance(r, dict)]


def can_decrypt(data: bytes) -> bool:
    """Whether this user's key opens the file (False also when there is no key or the file is damaged)."""
    try:
        decrypt(data, FILE)
    except IdentityError:
        return False
    return True


def check_text(text: str, rel: str) -> None:
    """The decrypted identity must be YAML that fits its schema; the first problem is raised (naming the line, never
    a value)."""
    for line, message in problems(text, rel):
        raise IdentityError(message, path=rel, line=line, code="schema")


def problems(text: str, rel: str) -> list[tuple[int | None, str]]:
    """Every way the decrypted identity ``text`` fails its check, as (line, Dutch message).

    A message names the field, the line and what is expected; it never quotes a value or
    a key of the text (it is shown on a screen, in a terminal's scrollback, in CI logs).
    """
    try:
        data = parse_yaml(text, rel)
    except RegieError as exc:
        return [(exc.line, _DUPLICATE.sub("een sleutel staat", exc.message))]
    if data is None:
        data = {}
    src = SourceFile(rel, text, data)
    found = [(src.line(*pointer), message) for pointer, message in check("identiteit", data, values=False)]
    return sorted(found, key=lambda f: f[0] or 0)  # in the order of the lines


_DUPLICATE = re.compile(r"^sleutel '.*?' staat", re.S)


def path_of(root: Path, cid: str) -> Path:
    return case_dir(root, cid) / FILE


def show(root: Path, cid: str) -> str:
    """The decrypted identity of a case (for stdout; never written anywhere)."""

    path = path_of(root, cid)
    if not path.is_file():
        raise IdentityError(f"casus {cid} heeft nog geen identiteit; maak die met 'regie identity edit {cid}'",
                            code="identiteit")
    return decrypt(path.read_bytes(), rel(root, path))
