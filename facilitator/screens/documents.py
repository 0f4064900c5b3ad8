"""The session screen's Documents menu (F7): every document the app writes for a session.

Each document is one `DocumentEntry` in `DOCUMENTS`: the words on the menu, a
one-line description, and a function that writes the file:

    write(store, session_id, folder, *, progress) -> Path

`store` is a Store opened in the worker's own thread, `folder` the export folder
from Settings, `progress` a callable taking a few words ("Gathering the notes")
that the writer may call now and then (a writer that does not take `progress` is
called without it). A writer that takes `now` is given the app's clock reading. The
function chooses the file's name, writes it whole or not at all, and returns where
it went, or (path, words) when the facilitator should be told something about it
("... is over, so the poster is for the next session"). A `FacilitatorError` it
raises is shown as a warning in its own words; nothing else it raises is shown as a
traceback.

Every entry has a key on the menu (1 to 9, then letters). For a session that has not
started yet, the documents for before the day come first and the summaries last
(choosing one says there is nothing to summarise yet).

To add a document, append an entry at the end of this file:

    DOCUMENTS += (DocumentEntry("Attendance register", "Who came ...", _register),)

Writers import python-docx and friends inside the function, so the app starts
without them.
"""

from __future__ import annotations

import datetime as dt
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.screens.chooser import Choice, ChoiceScreen
from sessions.clock import has_started, now_utc
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
    write: Callable[..., Path | tuple[Path, str]] | None
    """write(store, session_id, folder, *, progress, now) -> the path written, or the
    path and words to tell the facilitator."""
    opens: Callable[[App[object], Store, int], None] | None = None
    """Instead of writing a file, opens(app, store, session_id) opens a screen."""
    after_the_day: bool = False
    """Only makes sense once the session has started (the summaries): listed last
    before then."""

    @property
    def key(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.label.lower())


# --- the summary ---------------------------------------------------------------------


def _summary(
    store: Store,
    session_id: int,
    folder: Path,
    *,
    now: dt.datetime,
    progress: Progress,
    easy_read: bool = False,
) -> tuple[Path, str]:
    from exports.summary import summary_file_name, write_summary

    path = folder / summary_file_name(store, session_id, easy_read=easy_read)
    notes: list[str] = []
    written = write_summary(
        store,
        session_id,
        path,
        easy_read=easy_read,
        now=now,
        progress=progress,
        told=notes.append,
    )
    return written, " ".join(notes)


def _easy_read_summary(
    store: Store, session_id: int, folder: Path, *, now: dt.datetime, progress: Progress
) -> tuple[Path, str]:
    return _summary(store, session_id, folder, now=now, progress=progress, easy_read=True)


# --- the menu ------------------------------------------------------------------------


def menu_entries(started: bool = True) -> list[DocumentEntry]:
    """The documents in the order listed: as DOCUMENTS once the session has started;
    before then, the summaries after the documents for before the day."""
    if started:
        return list(DOCUMENTS)
    return [e for e in DOCUMENTS if not e.after_the_day] + [e for e in DOCUMENTS if e.after_the_day]


def documents_menu(started: bool = True) -> ChoiceScreen:
    """The list to choose from; dismisses with the chosen entry's key, or None."""
    entries = menu_entries(started)
    keys = "a number or letter" if len(entries) > 9 else "a number"
    return ChoiceScreen(
        "Documents for this session",
        [Choice(entry.key, f"{entry.label}: {entry.description}") for entry in entries],
        hint=f"Press {keys}, or move and press Enter. The file goes to the export folder "
        "set in Settings. Escape goes back.",
        classes="documents",
    )


def entry_for(key: str | None) -> DocumentEntry | None:
    return next((entry for entry in DOCUMENTS if entry.key == key), None)


def app_now(app: App[object]) -> dt.datetime:
    """The app's clock (fixed in tests), or this moment."""
    return getattr(app, "now", now_utc)()


def open_documents(app: App[object], store: Store, session_id: int) -> None:
    """Show the menu; write the chosen document in a worker that outlives the menu."""

    def chosen(key: str | None) -> None:
        entry = entry_for(key)
        if entry is not None and entry.opens is not None:
            entry.opens(app, store, session_id)
        elif entry is not None:
            write_document(app, store, session_id, entry)

    try:
        started = has_started(store.sessions.get(session_id), app_now(app))
    except FacilitatorError:  # gone meanwhile: each document says so when chosen
        started = True
    app.push_screen(documents_menu(started), chosen)


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
    now = app_now(app)

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
                extra: dict[str, object] = {}
                if _takes(write, "progress"):
                    extra["progress"] = progress
                if _takes(write, "now"):
                    extra["now"] = now
                written = write(own, session_id, folder, **extra)
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
        path, told = written if isinstance(written, tuple) else (written, "")
        app.call_from_thread(
            app.notify, written_words(entry.label, path, told), timeout=12, markup=False
        )

    app.run_worker(
        job,
        thread=True,
        group=WORKER_GROUP,
        exit_on_error=False,
        description=f"Writing {entry.label}",
    )


def written_words(label: str, path: Path, told: str = "") -> str:
    """'Run sheets written to' and the path on a line of its own, so a long path
    wraps as a path, not in the middle of the words; then anything to tell."""
    return f"{label} written to\n{path}" + (f"\n{told}" if told else "")


def _takes(write: Callable[..., object], name: str) -> bool:
    try:
        parameters = inspect.signature(write).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


DOCUMENTS: tuple[DocumentEntry, ...] = (
    DocumentEntry(
        "Summary: you said, we will",
        "what was heard and what will be done, in Word",
        _summary,
        after_the_day=True,
    ),
    DocumentEntry(
        "Easy Read summary",
        "the same in short sentences with pictures, in large print",
        _easy_read_summary,
        after_the_day=True,
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


def _poster(
    store: Store, session_id: int, folder: Path, *, now: dt.datetime, progress: Progress
) -> tuple[Path, str]:
    from exports.poster import plan_poster, write_planned_poster

    plan = plan_poster(store, session_id, now)
    path = write_planned_poster(
        store, plan, folder / plan.file_name, progress=lambda _done, words: progress(words)
    )
    return path, plan.note


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
