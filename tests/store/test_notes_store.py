"""Notes: kept as typed, never empty, never unbounded, always where they were taken."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import AgendaItem, Note, NoteKind, QuoteConsent, Session
from sessions.notes import NOTE_LIMIT, consent_words, fit_note
from sessions.store import Store

SessionAgenda = tuple[Session, list[AgendaItem]]


def test_a_note_is_kept_and_changed_in_place(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    talk = agenda[1]
    first = store.notes.save(Note(session.id, "The letters are", agenda_item_id=talk.id))
    assert first is not None and first.id is not None
    first.text = "The letters are hard to read"
    again = store.notes.save(first)
    assert again is not None and again.id == first.id
    assert [n.text for n in store.notes.for_session(session.id)] == ["The letters are hard to read"]
    assert store.notes.get(first.id).agenda_item_id == talk.id
    assert store.notes.get(first.id).created_at is not None


def test_a_blank_note_is_not_kept(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, _ = session_with_agenda
    assert store.notes.save(Note(session.id, "   \n ")) is None
    assert store.notes.count(session.id) == 0


def test_blanking_a_saved_note_deletes_it(store: Store, session_with_agenda: SessionAgenda) -> None:
    session, _ = session_with_agenda
    note = store.notes.save(Note(session.id, "Parking is a problem"))
    assert note is not None and note.id is not None
    note.text = ""
    assert store.notes.save(note) is None
    assert store.notes.count(session.id) == 0
    with pytest.raises(NotFound, match="That note has been deleted"):
        store.notes.get(note.id)


def test_a_note_over_the_limit_is_refused_and_one_at_the_limit_kept(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    with pytest.raises(ValidationError) as refused:
        store.notes.save(Note(session.id, "x" * (NOTE_LIMIT + 1)))
    assert "5,000 characters" in str(refused.value)
    assert store.notes.count(session.id) == 0
    kept = store.notes.save(Note(session.id, "y" * NOTE_LIMIT))
    assert kept is not None and len(kept.text) == NOTE_LIMIT


def test_fitting_a_long_note_keeps_the_start() -> None:
    fitted = fit_note("a" * NOTE_LIMIT + "bcd")
    assert fitted.kept == "a" * NOTE_LIMIT
    assert fitted.left_out == 3 and fitted.was_cut
    assert not fit_note("short").was_cut


def test_a_quote_keeps_consent_and_speaker(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    quote = store.notes.save(
        Note(
            session.id,
            "Nobody rang me back.",
            kind=NoteKind.QUOTE,
            consent=QuoteConsent.NAMED,
            speaker="  Rosa  ",
        )
    )
    assert quote is not None and quote.id is not None
    stored = store.notes.get(quote.id)
    assert (stored.kind, stored.consent, stored.speaker) == (
        NoteKind.QUOTE,
        QuoteConsent.NAMED,
        "Rosa",
    )
    assert consent_words(stored) == "Named: Rosa"
    plain = store.notes.save(Note(session.id, "Another quote", kind=NoteKind.QUOTE))
    assert plain is not None
    assert plain.consent is QuoteConsent.NOT_FOR_PUBLICATION, "nothing is published by default"
    assert consent_words(plain) == "Not for publication"


def test_notes_by_item_and_for_the_whole_session_in_the_order_taken(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    welcome, talk = agenda[0], agenda[1]
    for text, item in [
        ("Tea was cold", None),
        ("First", talk),
        ("Hello", welcome),
        ("Second", talk),
    ]:
        store.notes.save(Note(session.id, text, agenda_item_id=item.id if item else None))
    assert [n.text for n in store.notes.for_item(session.id, talk.id)] == ["First", "Second"]
    assert [n.text for n in store.notes.for_item(session.id, None)] == ["Tea was cold"]
    assert [n.text for n in store.notes.for_session(session.id)] == [
        "Tea was cold",
        "First",
        "Hello",
        "Second",
    ]
    assert store.notes.counts_by_item(session.id) == {None: 1, talk.id: 2, welcome.id: 1}


def test_a_note_cannot_go_under_another_sessions_item(
    store: Store, session_with_agenda: SessionAgenda, add_session: Callable[..., Session]
) -> None:
    _, agenda = session_with_agenda
    other = add_session("Carers group")
    with pytest.raises(NotFound, match="belongs to another session"):
        store.notes.save(Note(other.id, "Wrong place", agenda_item_id=agenda[0].id))
    assert store.notes.count(other.id) == 0


def test_a_note_for_a_deleted_session_or_a_deleted_note_says_so(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    with pytest.raises(NotFound, match="That session has been deleted"):
        store.notes.save(Note(9999, "Nowhere"))
    note = store.notes.save(Note(session.id, "Soon gone"))
    assert note is not None and note.id is not None
    store.notes.delete(note.id)
    note.text = "Typed after it was deleted"
    with pytest.raises(NotFound, match="That note has been deleted"):
        store.notes.save(note)


def test_deleting_an_agenda_item_keeps_its_notes_for_the_whole_session(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    note = store.notes.save(Note(session.id, "Keep me", agenda_item_id=agenda[1].id))
    assert note is not None and note.id is not None
    store.agenda.delete(agenda[1].id)
    assert store.notes.get(note.id).agenda_item_id is None
    assert [n.text for n in store.notes.for_item(session.id, None)] == ["Keep me"]
