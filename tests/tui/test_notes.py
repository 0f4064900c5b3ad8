"""The Notes tab: notes saved as they are typed, quotes with consent, "we will" actions."""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.pilot import Pilot
from textual.widgets import Select, SelectionList, Static, TextArea

from facilitator.screens.action_form import ActionForm
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.note_editor import NoteEditor
from facilitator.screens.session import SessionScreen
from facilitator.widgets.notes_panel import NotesPanel, NotesTable, PanelActionsTable
from sessions.models import ActionStatus, NoteKind, QuoteConsent, RunEvent, RunEventKind
from sessions.notes import NOTE_LIMIT
from sessions.store import Store
from support import NOW, TODAY, column, fill, make_app, type_text, wait_for

TODAYS = "Getting out and about"


def todays_session(store: Store) -> int:
    return next(s.id for s in store.sessions.overview() if s.title == TODAYS)


def run_to_second_item(store: Store, session_id: int) -> int:
    """Start the clock and move on to the second agenda item, as the Run tab would."""
    items = store.agenda.items(session_id)
    store.run_events.add(session_id, RunEvent(RunEventKind.START, NOW, items[0].id))
    later = NOW + dt.timedelta(minutes=10)
    store.run_events.add(session_id, RunEvent(RunEventKind.NEXT, later, items[1].id))
    assert items[1].id is not None
    return items[1].id


async def open_notes(pilot: Pilot[None], session_id: int) -> NotesPanel:
    pilot.app.open_session(session_id)  # type: ignore[attr-defined]
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("f5")
    await pilot.pause()
    return pilot.app.screen.query_one(NotesPanel)


def text_of(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_a_note_is_saved_as_it_is_typed_under_the_item_running_now(
    demo_store: Store,
) -> None:
    session_id = todays_session(demo_store)
    talk = run_to_second_item(demo_store, session_id)
    title = demo_store.agenda.get(talk).title
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        assert panel.query_one("#notes-item", Select).value == str(talk)
        assert f"New notes go under “{title}”" in text_of(pilot, "#notes-running")

        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "The last bus home is at six")
        await pilot.pause()
        # No save key was pressed and the editor is still open: it is already kept.
        assert isinstance(app.screen, NoteEditor)
        kept = demo_store.notes.for_item(session_id, talk)
        assert [(n.text, n.kind) for n in kept] == [("The last bus home is at six", NoteKind.HEARD)]
        assert "Saved: 27 of 5,000 characters" in text_of(pilot, "#note-status")

        await type_text(pilot, "pm")
        await pilot.pause()
        assert demo_store.notes.for_item(session_id, talk)[0].text.endswith("sixpm")

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(NotesPanel) is panel
        table = panel.query_one(NotesTable)
        assert column(table, 1) == ["The last bus home is at sixpm"]
        assert column(table, 0) == ["Heard"]


async def test_an_emptied_note_is_not_kept_and_other_kinds_by_one_key(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "ok")
        await pilot.pause()
        assert demo_store.notes.count(session_id) == 1
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert demo_store.notes.count(session_id) == 0, "a blanked note is not kept"
        assert "a note with no words is not kept" in text_of(pilot, "#note-status")
        await pilot.press("escape")
        await pilot.pause()
        assert "No notes from this session yet" in text_of(pilot, "#notes-empty")

        await pilot.press("q")
        await pilot.pause()
        await type_text(pilot, "Who pays for taxis?")
        await pilot.press("escape")
        await pilot.pause()
        notes = demo_store.notes.for_session(session_id)
        assert [(n.kind, n.agenda_item_id) for n in notes] == [(NoteKind.QUESTION, None)]
        assert column(panel.query_one(NotesTable), 0) == ["Question"]


async def test_a_quote_records_the_speakers_consent(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        await pilot.press("u")
        await pilot.pause()
        await type_text(pilot, "Nobody asked me")
        await pilot.pause()
        quote = demo_store.notes.for_session(session_id)[0]
        assert quote.consent is QuoteConsent.NOT_FOR_PUBLICATION, "not for publication by default"

        await pilot.press("tab", "tab")  # past the kind, to the consent
        assert app.focused is app.screen.query_one("#note-consent", Select)
        await pilot.press("enter", "down", "enter")  # one down: may be quoted anonymously
        await pilot.press("tab")
        await type_text(pilot, "Rosa")
        await pilot.pause()
        stored = demo_store.notes.get(quote.id)
        assert (stored.consent, stored.speaker) == (QuoteConsent.ANONYMOUS, "Rosa")

        await pilot.press("escape")
        await pilot.pause()
        assert column(panel.query_one(NotesTable), 3) == ["Anonymous"], "all notes: 4 columns"
        assert "Quote: may be quoted anonymously. Said by Rosa." in text_of(pilot, "#notes-detail")


async def test_edit_and_delete_a_note(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        await pilot.press("a")
        await type_text(pilot, "Steps at the library")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "Steps at the library"
        await type_text(pilot, " entrance")
        await pilot.press("escape")
        await pilot.pause()
        assert [n.text for n in demo_store.notes.for_session(session_id)] == [
            "Steps at the library entrance"
        ]

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert demo_store.notes.count(session_id) == 0
        assert panel.query_one(NotesTable).display is False


async def test_past_the_limit_what_fits_is_kept_and_the_user_told(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_notes(pilot, session_id)
        await pilot.press("h")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.insert("word " * 1010)  # pasted: 5,050 characters
        await pilot.pause()
        kept = demo_store.notes.for_session(session_id)[0]
        assert len(kept.text) == NOTE_LIMIT
        status = text_of(pilot, "#note-status")
        assert "A note holds up to 5,000 characters" in status
        assert "the last 50 are not" in status
        await pilot.press("escape")
        await pilot.pause()
        assert any("The last 50 characters were not kept" in n.message for n in app._notifications)


async def test_step_through_items_and_note_under_the_chosen_one(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    items = demo_store.agenda.items(session_id)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        assert panel.query_one("#notes-item", Select).value == "all", "not running: all notes"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert panel.query_one("#notes-item", Select).value == str(items[0].id)
        await pilot.press("a")
        await type_text(pilot, "Name badges please")
        await pilot.press("escape")
        await pilot.pause()
        assert demo_store.notes.for_session(session_id)[0].agenda_item_id == items[0].id
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "No notes here yet" in text_of(pilot, "#notes-empty")


async def test_an_action_with_owner_date_and_the_notes_it_answers(demo_store: Store) -> None:
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_notes(pilot, session_id)
        for text in ("Buses stop too early", "Taxis cost too much"):
            await pilot.press("h")
            await type_text(pilot, text)
            await pilot.press("escape")
            await pilot.pause()
        notes = demo_store.notes.for_session(session_id)

        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ActionForm)
        await fill(pilot, "what", "Ask the council about evening buses")
        await fill(pilot, "owner", "Imran")
        await fill(pilot, "due", "31/2/2027")
        assert "February 2027 has 28 days" in text_of(pilot, "#problem-due")
        await fill(pilot, "due", "15/1/2027")
        choices = form.query_one(SelectionList)
        assert choices.selected == [notes[1].id], "the highlighted note is ticked"
        choices.focus()
        await pilot.press("space")  # tick the first note too
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActionForm)

        [action] = demo_store.actions.for_session(session_id)
        assert (action.what, action.owner, action.due, action.status) == (
            "Ask the council about evening buses",
            "Imran",
            dt.date(2027, 1, 15),
            ActionStatus.OPEN,
        )
        assert action.note_ids == (notes[0].id, notes[1].id)
        table = panel.query_one(PanelActionsTable)
        assert column(table, 0) == ["Ask the council about evening buses"]
        assert column(table, 2) == [f"Due in {(dt.date(2027, 1, 15) - TODAY).days // 7} weeks"]
        await wait_for(pilot, lambda: "We will: Ask the council" in text_of(pilot, "#notes-detail"))


async def test_keys_typed_as_the_editor_opens_are_not_lost(demo_store: Store) -> None:
    """A facilitator types straight after the note key; the first letters must land
    in the note even before the editor has finished opening."""
    session_id = todays_session(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_notes(pilot, session_id)
        for key in "hWe":  # all sent at once, as a fast typist or a terminal does
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, " need a lift")
        await pilot.pause()
        [note] = demo_store.notes.for_session(session_id)
        assert note.text == "We need a lift"
