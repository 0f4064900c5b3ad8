"""Writing files whole or not at all, where they go, and what they are called."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import platformdirs
import pytest

from exports import files
from exports.files import (
    EXPORT_FOLDER,
    ORGANISATION,
    atomic_write,
    atomic_write_bytes,
    export_folder,
    organisation,
    safe_file_name,
)
from sessions.errors import FacilitatorError
from sessions.store import Store


def test_a_file_is_written_and_its_folder_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "file.txt"
    assert atomic_write_bytes(path, b"hello") == path
    assert path.read_bytes() == b"hello"
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert list(path.parent.iterdir()) == [path]


def test_a_failure_part_way_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("the old file")
    with pytest.raises(RuntimeError), atomic_write(path) as file:
        file.write(b"half of a new")
        raise RuntimeError("the battery died")
    assert path.read_text() == "the old file"
    assert list(tmp_path.iterdir()) == [path]


def test_a_full_disk_is_said_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("the old file")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(FacilitatorError) as caught:
        atomic_write_bytes(path, b"new")
    message = str(caught.value)
    assert message.startswith("The disk is full, so claims.csv was not saved.")
    assert "Settings" in message
    assert path.read_text() == "the old file"
    assert list(tmp_path.iterdir()) == [path]


def test_a_folder_that_is_a_file_is_said_in_words(tmp_path: Path) -> None:
    blocker = tmp_path / "exports"
    blocker.write_text("")
    with pytest.raises(FacilitatorError) as caught:
        atomic_write_bytes(blocker / "form.docx", b"x")
    assert "is not a folder" in str(caught.value)
    assert "Choose another folder for exported files in Settings." in str(caught.value)


def test_a_folder_that_may_not_be_written_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refused)
    with pytest.raises(FacilitatorError) as caught:
        atomic_write_bytes(tmp_path / "form.docx", b"x")
    assert str(caught.value).startswith(f"This computer did not allow saving to {tmp_path}.")


def test_the_export_folder_is_in_documents_unless_set(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    assert export_folder(store) == documents / "Facilitator"
    assert not documents.exists(), "the folder is made only when a file is written"
    store.settings.set(EXPORT_FOLDER, str(tmp_path / "chosen"))
    assert export_folder(store) == tmp_path / "chosen"


def test_the_organisation_is_set_or_plain(store: Store) -> None:
    assert organisation(store) == "Facilitator"
    store.settings.set(ORGANISATION, "  Leeds Co-production Team ")
    assert organisation(store) == "Leeds Co-production Team"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("claim-C0042-Fiona Chaudhry.docx", "claim-C0042-Fiona-Chaudhry.docx"),
        ("claim-C0002-Zoë Ångström-Nuñez.docx", "claim-C0002-Zoe-Angstrom-Nunez.docx"),
        ("receipt-C0003-=Robin Hood.DOCX", "receipt-C0003-Robin-Hood.docx"),
        ('a/b\\c:d*e?f"g<h>i|j.csv', "a-b-c-d-e-f-g-h-i-j.csv"),
        ("Ruth O'Neill", "Ruth-O-Neill"),
        ("...", "export"),
        ("CON.txt", "CON-file.txt"),
        ("x" * 200 + ".docx", "x" * 80 + ".docx"),
    ],
)
def test_safe_file_names(text: str, name: str) -> None:
    assert safe_file_name(text) == name
