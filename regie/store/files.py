"""All writing to the dossier repository: atomic, so a failed command leaves it as it was.

Nothing is written through a symbolic link: a link inside the repository could point at
another case's file (or outside the repository), and a command must change only the file
it names.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import RegieError, os_reason
from . import gitops

TMP_SUFFIX = ".tmp"


def write_error(path: Path, exc: OSError) -> RegieError:
    """A Dutch message for an OS error while writing ``path``."""
    reason = os_reason(exc)
    return RegieError(f"kan niet schrijven: {reason}; er is niets gewijzigd", path=str(path), code="schrijven")


def relative_paths(exc: RegieError, root: Path) -> RegieError:
    """``exc`` naming its file relative to the repository, as every other message does."""
    if exc.path and Path(exc.path).is_absolute():
        try:
            exc.path = Path(exc.path).relative_to(root).as_posix()
        except ValueError:
            pass
    return exc


def refuse_links(root: Path, path: Path) -> None:
    """Refuse ``path`` when it, or a folder between ``root`` and it, is a symbolic link."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        raise RegieError("ligt buiten de dossierrepository; regie schrijft daar niet", path=str(path)) from None
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            raise RegieError(
                "is een symbolische link; regie schrijft niet door een link heen (vervang hem door een gewoon bestand of een gewone map)",
                path=here.relative_to(root).as_posix(), code="symlink",
            )


def dated_path(folder: Path, day: dt.date) -> Path:
    """The first free ``<day>-N.md`` in ``folder``: a journal note, consultation or voorlichting of that day."""
    n = 1
    while (folder / f"{day.isoformat()}-{n}.md").exists():
        n += 1
    return folder / f"{day.isoformat()}-{n}.md"


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` via a temporary file in the same folder and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    A symbolic link at ``path`` is replaced, never written through; any OS error
    (a full disk, no permission) is a Dutch RegieError and leaves ``path`` as it was.
    """
    tmp: str | None = None
    try:
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists() and not path.is_symlink():
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise write_error(path, exc) from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, text: str | bytes, root: Path | None) -> None:
    """A generated document to ``-o path``: never over a folder, nor over a file of the dossier itself."""
    if path.is_dir():
        raise RegieError("is een map; geef met -o een bestandsnaam", path=str(path), code="uitvoer")
    if root is not None:
        target = path.resolve()
        inside = target == root or root in target.parents
        if inside and (root / ".git" in (target, *target.parents)):
            raise RegieError("ligt in de git-map van de repository; kies een ander pad", path=str(path), code="uitvoer")

        if inside and gitops.git_dir(root) is not None:
            if target.exists() and gitops.is_tracked(root, target):
                raise RegieError(
                    "is een bestand van het dossier zelf; -o zou het overschrijven (kies een ander pad)",
                    path=target.relative_to(root).as_posix(), code="uitvoer",
                )
            if not gitops.is_ignored(root, target):
                raise RegieError(
                    "ligt in de dossierrepository en git negeert het niet, zodat het zo in de geschiedenis kan belanden; "
                    "kies een pad buiten de repository of in een genegeerde map (zoals export/, zie .gitignore)",
                    path=target.relative_to(root).as_posix(), code="uitvoer",
                )
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if path.exists() and not path.is_file():
        # a device, a pipe or a socket (/dev/null, /dev/full, a FIFO): as root an atomic write would replace the
        # device with a regular file, and writing into it is not what -o means; stdout is '-o -'
        raise RegieError("is geen gewoon bestand (een apparaat, pijp of socket); geef een bestandsnaam, of '-' voor "
                         "het scherm", path=str(path), code="uitvoer")
    write_bytes_atomic(path, data)


@contextmanager
def new_folder(target: Path) -> Iterator[Path]:
    """Build a new folder under a temporary name and move it into place only when done.

    If the body fails, nothing appears at ``target``.
    """
    staging: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TMP_SUFFIX, dir=target.parent))
    except OSError as exc:
        raise write_error(target, exc) from None
    try:
        yield staging
        os.chmod(staging, 0o755)
        os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise RegieError("bestaat al (tegelijk aangemaakt?); er is niets gewijzigd", path=str(target)) from None
        raise write_error(target, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def remove_temp_files(folder: Path, name: str) -> list[Path]:
    """Remove what a killed write of ``folder/name`` left behind (``.name.XXXX.tmp`` files or folders)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for leftover in folder.glob(f".{name}.*{TMP_SUFFIX}"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed
