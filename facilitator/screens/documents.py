"""The session screen's Documents menu (F7): every document the app writes for a session.

Each document is one `DocumentEntry` in `DOCUMENTS`: the words on the menu, a
one-line description, and a function that writes the file:

    write(store, session_id, folder, *, progress) -> Path

`store` is a Store opened in the worker's own thread, `folder` the export folder
from Settings, `progress` a callable taking a few words ("Gathering the notes")
that the writer may call now and then (a writer that does not take `progress` is
called without it). The function chooses the file's name, writes it whole or not
at all, and returns where it went. A `FacilitatorError` it raises is shown as a
warning in its own words; nothing else it raises is shown as a traceback.

To add a document, append an entry at the end of this file:

    DOCUMENTS += (DocumentEntry("Attendance register", "Who came ...", _register),)

Writers import python-docx and friends inside the function, so the app starts
without them.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.screens.chooser import Choice, ChoiceScreen
from sessions.errors import FacilitatorError

if TYPE_CHECKING:
    from textual.app import App

    from sessions.store import Store

Progress = Callable[[str], None]
WORKER_GROUP = "documents"
PROGRESS_EVERY_S = 1.5
"""At most one progress notice this often, so a flood of steps stays readable."""


@dataclass(frozen=True)
class DocumentEntry:
    label: str
    """The words on the menu: 'Summary: you said, we will'."""
    description: str
    """One line saying what is in it and who it is for."""
    write: Callable[..., Path] | None
    """write(store, session_id, folder, *, progress) -> the path written."""
    opens: Callable[[App[object], Store, int], None] | None = None
    """Instead of writing a file, opens(app, store, session_id) opens a screen."""

    @property
    def key(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.label.lower())


# --- the summary ---------------------------------------------------------------------


def _summary(store: Store, session_id: int, folder: Path, *, progress: Progress) -> Path:
    from exports.summary import summary_file_name, write_summary

    path = folder / summary_file_name(store, session_id)
    return write_summary(store, session_id, path, progress=progress)


def _easy_read_summary(store: Store, session_id: int, folder: Path, *, progress: Progress) -> Path:
    from exports.summary import summary_file_name, write_summary

    path = folder / summary_file_name(store, session_id, easy_read=True)
    return write_summary(store, session_id, path, easy_read=True, progress=progress)


# --- the menu ------------------------------------------------------------------------


def documents_menu() -> ChoiceScreen:
    """The list to choose from; dismisses with the chosen entry's key, or None."""
    return ChoiceScreen(
        "Documents for this session",
        [Choice(entry.key, f"{entry.label}: {entry.description}") for entry in DOCUMENTS],
        hint="Press a number, or move and press Enter. The file goes to the export folder "
        "set in Settings. Escape goes back.",
    )


def entry_for(key: str | None) -> DocumentEntry | None:
    return next((entry for entry in DOCUMENTS if entry.key == key), None)


def open_documents(app: App[object], store: Store, session_id: int) -> None:
    """Show the menu; write the chosen document in a worker that outlives the menu."""

    def chosen(key: str | None) -> None:
        entry = entry_for(key)
        if entry is not None and entry.opens is not None:
            entry.opens(app, store, session_id)
        elif entry is not None:
            write_document(app, store, session_id, entry)

    app.push_screen(documents_menu(), chosen)


def write_document(app: App[object], store: Store, session_id: int, entry: DocumentEntry) -> None:
    """Write `entry`'s file in a thread with its own Store, saying how it goes."""
    if any(w.group == WORKER_GROUP and not w.is_finished for w in app.workers):
        app.notify("Another document is still being written. Try again when it is done.")
        return
    write = entry.write
    if write is None:
        return
    app.notify(f"Writing “{entry.label}”…", timeout=PROGRESS_EVERY_S * 2, markup=False)
    path_of_store = store.path

    def job() -> None:
        last = time.monotonic()

        def progress(words: str) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY_S:
                last = now
                app.call_from_thread(
                    app.notify, f"{words}…", timeout=PROGRESS_EVERY_S * 2, markup=False
                )

        from exports.files import export_folder
        from sessions.store import Store

        try:
            with Store.open(path_of_store, create=False) as own:
                folder = export_folder(own)
                if _takes_progress(write):
                    written = write(own, session_id, folder, progress=progress)
                else:
                    written = write(own, session_id, folder)
        except FacilitatorError as error:
            app.call_from_thread(
                app.notify,
                str(error),
                title="Not written",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return
        except Exception as error:  # a bug, said in words rather than a traceback
            app.call_from_thread(
                app.notify,
                f"“{entry.label}” could not be written ({type(error).__name__}: {error}).",
                title="Not written",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        app.call_from_thread(
            app.notify, f"{entry.label} written to {written}", timeout=12, markup=False
        )

    app.run_worker(
        job,
        thread=True,
        group=WORKER_GROUP,
        exit_on_error=False,
        description=f"Writing {entry.label}",
    )


def _takes_progress(write: Callable[..., Path]) -> bool:
    try:
        parameters = inspect.signature(write).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


DOCUMENTS: tuple[DocumentEntry, ...] = (
    DocumentEntry(
        "Summary: you said, we will",
        "what was heard and what will be done, in Word",
        _summary,
    ),
    DocumentEntry(
        "Easy Read summary",
        "the same in short sentences with pictures, in large print",
        _easy_read_summary,
    ),
)
"""The menu, in order. Append new documents at the end of this file."""


# --- registers, run sheets, the large-print agenda and group lists ---------------------


def _register(store: Store, session_id: int, folder: Path) -> Path:
    from exports.files import organisation
    from exports.register import register_for, register_name, write_register

    register = register_for(store, session_id)
    path = folder / register_name(register.session)
    return write_register(register, organisation(store), path)


def _register_csv(store: Store, session_id: int, folder: Path) -> Path:
    from exports.register import register_for, register_name, write_register_csv

    register = register_for(store, session_id)
    return write_register_csv(register, folder / register_name(register.session, "csv"))


def _run_sheets(store: Store, session_id: int, folder: Path) -> Path:
    from exports.agenda_sheets import agenda_plan, run_sheets_name, write_run_sheets
    from exports.files import organisation

    plan = agenda_plan(store, session_id)
    path = folder / run_sheets_name(plan.session)
    return write_run_sheets(plan, organisation(store), path)


def _agenda_handout(store: Store, session_id: int, folder: Path) -> Path:
    from exports.agenda_sheets import (
        agenda_handout_name,
        agenda_plan,
        contact_details,
        write_agenda_handout,
    )
    from exports.files import organisation

    plan = agenda_plan(store, session_id)
    path = folder / agenda_handout_name(plan.session)
    return write_agenda_handout(plan, organisation(store), path, contact=contact_details(store))


def _group_lists(store: Store, session_id: int, folder: Path) -> Path:
    from exports.files import organisation
    from exports.group_lists import group_lists_for, group_lists_name, write_group_lists

    lists = group_lists_for(store, session_id)
    return write_group_lists(lists, organisation(store), folder / group_lists_name(lists))


DOCUMENTS += (
    DocumentEntry(
        "Attendance register",
        "who came, with room to sign",
        _register,
    ),
    DocumentEntry(
        "Attendance register as CSV",
        "one row a person, for a spreadsheet",
        _register_csv,
    ),
    DocumentEntry(
        "Run sheets",
        "each lead's items, times and notes",
        _run_sheets,
    ),
    DocumentEntry(
        "Large-print agenda",
        "what happens when, to hand out",
        _agenda_handout,
    ),
    DocumentEntry(
        "Breakout group lists",
        "who is in each group",
        _group_lists,
    ),
)


# --- sign-ups coming back: opens a screen instead of writing a file ----------------------


def _open_signups_import(app: App[object], store: Store, session_id: int) -> None:
    from facilitator.screens.signups_import import open_signups_import

    open_signups_import(app, store, session_id)


DOCUMENTS += (
    DocumentEntry(
        "Import sign-ups from a CSV file",
        "book people who signed up online onto this session",
        None,
        opens=_open_signups_import,
    ),
)


# --- the sign-up QR code on screen, and the poster -------------------------------------


def _open_qr(app: App[object], store: Store, session_id: int) -> None:
    from facilitator.screens.qr_screen import QRScreen

    app.push_screen(QRScreen(store, session_id=session_id))


def _poster(store: Store, session_id: int, folder: Path, *, progress: Progress) -> Path:
    from exports.poster import poster_name, write_poster_for

    path = folder / poster_name(store.sessions.get(session_id))
    return write_poster_for(store, session_id, path, progress=lambda _done, words: progress(words))


DOCUMENTS += (
    DocumentEntry(
        "Sign-up QR code on screen",
        "for people to scan with their phone now",
        None,
        opens=_open_qr,
    ),
    DocumentEntry(
        "A4 poster with the sign-up QR code",
        "when, where and how to sign up, to put up",
        _poster,
    ),
)
