"""Where exported files go, what they are called, and writing them without half-files.

Every file the app writes goes through `atomic_write`: the bytes land in a
temporary file in the same folder, which is then renamed over the real name. A
crash or a full disk leaves the old file (or none), never half of a new one.
Nothing here touches the disk when it is imported.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from sessions.errors import FacilitatorError
from sessions.store.settings import EXPORT_FOLDER, ORGANISATION

DEFAULT_ORGANISATION = "Facilitator"
FOLDER_NAME = "Facilitator"
"""The folder made in the user's Documents folder when no export folder is set."""


class _Settings(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...


class _HasSettings(Protocol):
    @property
    def settings(self) -> _Settings: ...


class ExportError(FacilitatorError):
    """A file could not be written: the sentence says what happened and what to do."""


def export_folder(store: _HasSettings) -> Path:
    """The folder set in Settings, or Documents/Facilitator. Not made until a file is
    written into it."""
    chosen = store.settings.get(EXPORT_FOLDER, "")
    if chosen and str(chosen).strip():
        return Path(str(chosen).strip()).expanduser()
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / FOLDER_NAME


def organisation(store: _HasSettings) -> str:
    """The organisation named in Settings, for the author of documents."""
    named = store.settings.get(ORGANISATION, "")
    return str(named).strip() if named and str(named).strip() else DEFAULT_ORGANISATION


def safe_file_name(text: str, *, most: int = 80) -> str:
    """A file name that works on Windows, macOS and Linux: 'claim-C0042-Fiona-Chaudhry'.

    Accents become plain letters, anything else that is not a letter, digit, dot,
    hyphen or underscore becomes a hyphen, and the name is kept short.
    """
    stem, dot, suffix = text.rpartition(".")
    if not dot or not stem or not re.fullmatch(r"[A-Za-z0-9]{1,5}", suffix):
        stem, suffix = text, ""
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", plain)
    plain = re.sub(r"-{2,}", "-", plain).strip("-._")[:most].rstrip("-._")
    name = plain or "export"
    if name.upper().split(".")[0] in _RESERVED:
        name = f"{name}-file"
    return f"{name}.{suffix.lower()}" if suffix else name


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10))} | {
    f"LPT{n}" for n in range(1, 10)
}
"""Names Windows will not let a file have."""


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """Write to a temporary file beside `path`, then rename it into place.

    The folder is made if it is not there, readable by its owner only, as is the file
    (claims hold personal details). If writing fails, the temporary file is
    removed and `path` is left as it was; an OSError becomes an ExportError in words.
    """
    path = Path(path)
    folder = path.parent
    try:
        make_private_folder(folder)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(_in_words(error, path)) from error
    done = False
    try:
        with os.fdopen(handle, mode, **open_args) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        done = True
    except OSError as error:
        raise ExportError(_in_words(error, path)) from error
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def make_private_folder(folder: Path) -> None:
    """Make `folder` and any missing folders above it, each readable by its owner only
    (0700). A folder that is already there is left as it is."""
    missing = []
    for step in (folder, *folder.parents):
        if step.exists() or step.is_symlink():
            break
        missing.append(step)
    for step in reversed(missing):
        try:
            step.mkdir(mode=0o700)
        except FileExistsError:  # made meanwhile by someone else
            continue
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(folder))


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole or not at all; returns the path written."""
    with atomic_write(path) as file:
        file.write(data)
    return Path(path)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    with atomic_write(path, "w", encoding=encoding, newline="") as file:
        file.write(text)
    return Path(path)


def _in_words(error: OSError, path: Path) -> str:
    """What went wrong writing `path`, and what to do, in one or two sentences."""
    folder = path.parent
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return (
            f"The disk is full, so {path.name} was not saved. Free some space, or choose "
            "another folder for exported files in Settings, and try again."
        )
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM):
        return (
            f"This computer did not allow saving to {folder}. Choose another folder "
            "for exported files in Settings, or ask for help with the folder's permissions."
        )
    if error.errno == errno.EROFS:
        return (
            f"{folder} cannot be written to (it is read-only). Choose another folder "
            "for exported files in Settings."
        )
    if isinstance(error, (NotADirectoryError, FileExistsError)) or error.errno == errno.ENOTDIR:
        return (
            f"{folder} is not a folder, so {path.name} was not saved. Choose another "
            "folder for exported files in Settings."
        )
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder, not a file. Choose another file name."
    reason = error.strerror or str(error)
    return (
        f"{path.name} could not be saved in {folder} ({reason}). Check the folder is "
        "there and you can write to it, then try again."
    )
