"""Rows of the read cache that cannot lie: a checksum over each row, and decoding that can only build regie's values.

A row's checksum covers every column that is read back (the case id and job too), so
a row whose bytes changed on disk is told from one regie wrote. The values are pickled
(regie's typed objects: dataclasses, enums, dates, tuples); plain data formats would
need a converter for every type a job may return. They are read back with an
unpickler that resolves only *classes* — of regie, or ``datetime``'s — from modules
already imported, so whatever bytes it is given, it cannot import a module or call a
function; any failure to decode is a miss.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from typing import Any

MISS = object()  # what :func:`load` gives for bytes that are not a value regie stored
_TYPES = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timedelta"), ("datetime", "timezone"),
          ("builtins", "set"), ("builtins", "frozenset")}


def checksum(*parts: str | bytes) -> bytes:
    """BLAKE2b of ``parts`` (each with its length, so no two rows can run together); TypeError for anything else."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, str):
            part = part.encode("utf-8")  # a name SQLite gave back damaged (surrogates) raises: a miss
        elif not isinstance(part, bytes):
            raise TypeError("geen bytes")
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def sound(digest: object, *parts: object) -> bool:
    """Whether a row's stored checksum is that of its contents."""
    try:
        return isinstance(digest, bytes) and digest == checksum(*parts)  # type: ignore[arg-type]
    except (TypeError, UnicodeError):
        return False


class _Unpickler(pickle.Unpickler):
    """Resolves only classes, of regie or a few of ``datetime``, from modules already imported: no import, no call
    of a function, whatever the bytes say."""

    def find_class(self, module: str, name: str) -> Any:
        mod = sys.modules.get(module)
        if mod is not None and (module.startswith("regie.") or (module, name) in _TYPES):
            found: Any = mod
            for part in name.split("."):
                found = getattr(found, part, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name}: geen type dat de cache mag bevatten")


def load(blob: object) -> Any:
    """The value pickled in ``blob``, or :data:`MISS` for any bytes that do not decode (never raises)."""
    if not isinstance(blob, bytes):
        return MISS
    try:
        return _Unpickler(io.BytesIO(blob)).load()
    except Exception:  # noqa: BLE001 - whatever the bytes hold, it is a miss
        return MISS
