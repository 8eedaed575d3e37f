"""'Bekend?' without plaintext: a blind index of a case's identifiers (``regie zoek``).

Identities are encrypted per regisseur, so nobody can see whether a person, a child or an
address already has a case. The blind index answers that without putting an identifier in
plain text: for every normalised identifier of an identity (BSN; birth date + postcode +
house number; postcode + house number) a keyed hash, HMAC-SHA256 under one network key that
only the active regisseurs hold (``zoeksleutel.yaml.age``, age-encrypted for them), is kept in
the case's ``zoektokens.yaml``.

The threat is the key holder: there are only about 10^8 valid BSNs, so whoever holds the key
can hash them all in minutes. The tokens are therefore **truncated** (``BITS``), so that each
token fits many possible identifiers: a match is only a *candidate*, confirmed by decrypting
the candidate case's identity (or by asking its regisseur). The numbers behind the widths are
in docs/privacy.md; ``tests/test_zoek.py`` checks both sides.

Nothing here ever quotes an identifier back: messages name what is wrong, not the value.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..dossier.network import Network
from ..dossier.repo import case_dir
from ..errors import RegieError, UsageError
from ..formats.yamlio import parse_yaml
from ..layout import SEARCH_KEY, TOKENS_FILE
from . import identity as ident

# Bits kept of each HMAC, per kind of identifier (see docs/privacy.md for the arithmetic):
# bsn:      ~9.1e7 valid BSNs / 2^16 = ~1,390 BSNs per token; 20,000 cases / 2^16 = ~0.31 false candidates a lookup
# geboorte: ~36,500 birth dates x ~9e6 addresses / 2^16: astronomically many per token; same ~0.31 false candidates
# adres:    ~9e6 addresses in the BAG / 2^12 = ~2,200 per token; 20,000 / 2^12 = ~4.9 false candidates a lookup
BITS = {"bsn": 16, "geboorte": 16, "adres": 12}
SOORTEN = tuple(BITS)
DOMAIN = "regie-zoek-v1"  # separates these hashes from any other use of the key

TOKENS_HEADER = ("# Zoektokens voor 'regie zoek' (Bekend?): ingekorte sleutel-hashes van de identiteit, geen persoonsgegevens.\n"
                 "# Regie schrijft dit bij elke versleuteling van de identiteit. Niet met de hand wijzigen.\n")


class ZoekError(RegieError):
    """The blind index cannot be used: no network key, or not one this user can read."""


# ------------------------------------------------------------------ normalising identifiers


def norm_bsn(value: object, *, field: str = "bsn") -> str:
    """Nine digits that pass the elfproef (dots, spaces and dashes dropped; eight digits get a leading zero)."""
    digits = re.sub(r"[\s.\-]", "", str(value))
    if not digits.isdigit() or not 8 <= len(digits) <= 9:
        raise UsageError("ongeldig BSN: verwacht negen cijfers", field=field)
    digits = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    if total % 11 or digits == "000000000":
        raise UsageError("ongeldig BSN: het voldoet niet aan de elfproef (een tikfout?)", field=field)
    return digits


def norm_postcode(value: object, *, field: str = "postcode") -> str:
    """``1234 ab`` -> ``1234AB``."""
    found = re.fullmatch(r"\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*", str(value))
    if not found:
        raise UsageError("ongeldige postcode: verwacht vier cijfers en twee letters, met of zonder spatie", field=field)
    return found.group(1) + found.group(2).upper()


def norm_huisnummer(value: object, *, field: str = "huisnummer") -> str:
    """The number and its toevoeging (huisletter or huisnummertoevoeging): ``12``, ``12a``, ``12 A`` -> ``12-A``."""
    found = re.fullmatch(r"\s*0*([1-9][0-9]{0,4})\s*(?:[-/\s]\s*)?([A-Za-z0-9]{1,4}(?:[\s\-][A-Za-z0-9]{1,4})?)?\s*",
                         str(value))
    if not found:
        raise UsageError("ongeldig huisnummer: verwacht een nummer met eventueel een toevoeging, bijv. 12, 12a of 12-2",
                         field=field)
    number, extra = found.group(1), found.group(2)
    return number + "-" + re.sub(r"[\s-]", "", extra).upper() if extra else number


def norm_datum(value: object, *, field: str = "geboortedatum") -> str:
    """A birth date as ISO (``JJJJ-MM-DD``; ``DD-MM-JJJJ`` is taken too)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    dutch = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    if dutch:
        text = f"{dutch.group(3)}-{int(dutch.group(2)):02d}-{int(dutch.group(1)):02d}"
    try:
        return dt.date.fromisoformat(text).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad_date(field)
    except ValueError:
        return _bad_date(field)


def _bad_date(field: str) -> str:
    raise UsageError("ongeldige geboortedatum: verwacht JJJJ-MM-DD, een bestaande datum", field=field)


Identifiers = dict[str, list[str]]  # soort -> normalised values


def query(*, bsn: str | None = None, geboortedatum: str | None = None, postcode: str | None = None,
          huisnummer: str | None = None) -> Identifiers:
    """The identifiers of what a user looks for: a BSN; a birth date with postcode and house number; or an address."""
    if bsn is not None and (geboortedatum or postcode or huisnummer):
        raise UsageError("zoek op één ding tegelijk: een BSN, of een geboortedatum met postcode en huisnummer, of een adres")
    if bsn is not None:
        return {"bsn": [norm_bsn(bsn)]}
    if geboortedatum and not (postcode and huisnummer):
        raise UsageError("een geboortedatum zoek je samen met postcode en huisnummer", field="geboortedatum")
    if not (postcode and huisnummer):
        raise UsageError("geef een BSN, of een geboortedatum met postcode en huisnummer, of postcode en huisnummer",
                         field="postcode" if postcode or huisnummer else ())
    address = f"{norm_postcode(postcode)} {norm_huisnummer(huisnummer)}"
    if geboortedatum:
        return {"geboorte": [f"{norm_datum(geboortedatum)} {address}"]}
    return {"adres": [address]}


def of_identity(data: object) -> tuple[Identifiers, list[str]]:
    """The identifiers in a decrypted identity, and a warning (naming the field, never its value) per one that is
    unusable: the client's BSN, birth date and address, and the birth date of each household member at that address."""
    out: Identifiers = {s: [] for s in SOORTEN}
    warnings: list[str] = []
    if not isinstance(data, dict):
        return out, warnings

    def take(what: str, fn, value):
        try:
            return fn(value)
        except UsageError as exc:
            warnings.append(f"{what}: {exc.message}; daarvoor is geen zoektoken gemaakt")
            return None

    if data.get("bsn"):
        value = take("bsn", norm_bsn, data["bsn"])
        out["bsn"] += [value] if value else []
    adres = data["adres"] if isinstance(data.get("adres"), dict) else {}
    address = None
    if adres.get("postcode") and adres.get("huisnummer") is not None:
        pc, nr = take("adres.postcode", norm_postcode, adres["postcode"]), take("adres.huisnummer", norm_huisnummer, adres["huisnummer"])
        address = f"{pc} {nr}" if pc and nr else None
    if address:
        out["adres"].append(address)
    people = [("geboortedatum", data.get("geboortedatum"))]
    people += [(f"huishouden[{i}].geboortedatum", m.get("geboortedatum"))
               for i, m in enumerate(data.get("huishouden") or []) if isinstance(m, dict)]
    for where, born in people:
        if born and address:
            day = take(where, norm_datum, born)
            out["geboorte"] += [f"{day} {address}"] if day else []
    return {s: sorted(set(v)) for s, v in out.items()}, warnings


# ------------------------------------------------------------------ the network key and the tokens


@dataclass(frozen=True)
class NetworkKey:
    versie: int
    sleutel: bytes = b""

    @classmethod
    def new(cls, versie: int) -> NetworkKey:
        return cls(versie, secrets.token_bytes(32))

    def token(self, soort: str, value: str) -> str:
        """The truncated HMAC-SHA256 of one normalised identifier, as hexadecimal text (4 or 3 characters)."""
        mac = hmac.digest(self.sleutel, f"{DOMAIN}|{soort}|{value}".encode(), "sha256")
        bits = BITS[soort]
        return f"{int.from_bytes(mac[:4], 'big') >> (32 - bits):0{(bits + 3) // 4}x}"

    def tokens(self, found: Identifiers) -> dict[str, list[str]]:
        return {s: sorted({self.token(s, v) for v in found.get(s, [])}) for s in SOORTEN if found.get(s)}

    def text(self) -> str:
        return f"# regie: netwerksleutel voor 'regie zoek'\nversie: {self.versie}\nsleutel: {self.sleutel.hex()}\n"


def key_path(root: Path) -> Path:
    return root / SEARCH_KEY


def key_holders(net: Network, today: dt.date) -> list[ident.Recipient]:
    """Who holds the network key: every regisseur with an age key whose last working day (``actief_tot``) is not today
    or earlier (a rotation on the leaving day leaves the leaver out)."""
    return [ident.Recipient(r.id, r.age) for r in net.regisseurs
            if r.age and (r.actief_tot is None or r.actief_tot > today)]


def read_key(root: Path) -> NetworkKey | None:
    """The network key, decrypted with this user's age key; None when the network has none yet."""
    path = key_path(root)
    if not path.is_file():
        return None
    try:
        text = ident.decrypt(path.read_bytes(), SEARCH_KEY)
    except ident.IdentityError as exc:
        if "niet versleuteld voor jouw sleutel" in exc.message:
            raise ZoekError("de zoeksleutel is niet voor jouw sleutel versleuteld; vraag een beheerder om "
                            "'regie zoek --sleutel-vernieuwen' nu je publieke sleutel in regie.yaml staat",
                            path=SEARCH_KEY, code="zoeksleutel") from None
        raise ZoekError(exc.message, path=SEARCH_KEY, code="zoeksleutel") from None
    data = parse_yaml(text, SEARCH_KEY)
    try:
        return NetworkKey(int(data["versie"]), bytes.fromhex(data["sleutel"]))
    except (TypeError, KeyError, ValueError):
        raise ZoekError("ontsleuteld, maar geen geldige zoeksleutel (versie en sleutel)", path=SEARCH_KEY,
                        code="zoeksleutel") from None


def key_bytes(key: NetworkKey, to: list[ident.Recipient]) -> bytes:
    return ident.encrypt(key.text(), to)


@dataclass(frozen=True)
class CaseTokens:
    cid: str
    versie: int
    tokens: dict[str, list[str]]


def tokens_path(root: Path, cid: str) -> Path:
    return case_dir(root, cid, must_exist=False) / TOKENS_FILE


def tokens_text(key: NetworkKey, tokens: dict[str, list[str]]) -> str:
    lines = [TOKENS_HEADER, f"sleutelversie: {key.versie}\n", "tokens:" + ("\n" if tokens else " {}\n")]
    for soort, values in tokens.items():
        quoted = ", ".join('"' + t + '"' for t in values)  # quoted: "0042" must stay text, not a number
        lines.append(f"  {soort}: [{quoted}]\n")
    return "".join(lines)


def read_tokens(root: Path, cid: str) -> CaseTokens | None:
    """The tokens of a case; None when it has none, or a broken file (a finding of validate)."""
    path = tokens_path(root, cid)
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"), f"{cid}/{TOKENS_FILE}")
        found = data["tokens"] or {}
        return CaseTokens(cid, int(data["sleutelversie"]),
                          {s: [str(t) for t in found.get(s) or []] for s in SOORTEN if s in found})
    except (OSError, UnicodeDecodeError, RegieError, TypeError, KeyError, ValueError, AttributeError):
        return None


def candidates(index: list[CaseTokens], wanted: dict[str, list[str]]) -> dict[str, list[str]]:
    """Case id -> the kinds of identifier whose token matches: the candidates among ``index`` (all of one key)."""
    sought = [(s, frozenset(values)) for s, values in wanted.items() if values]
    out: dict[str, list[str]] = {}
    for entry in index:
        hit = [s for s, values in sought if not values.isdisjoint(entry.tokens.get(s, ()))]
        if hit:
            out[entry.cid] = hit
    return out
