"""Keeping a session's agenda as a template, beside the built-in ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from sessions.errors import NotFound, ValidationError
from sessions.models import AgendaItem, Session, SessionKind, Template, TemplateItem
from sessions.store import Store
from sessions.templates import builtin_templates

SessionAgenda = tuple[Session, list[AgendaItem]]


def contents(items: Iterable[AgendaItem | TemplateItem]) -> list[tuple]:
    return [(i.title, i.minutes, i.kind, i.lead, i.notes) for i in items]


def refused(store: Store, session_id: int, name: str, description: str = "") -> dict[str, str]:
    saved_before = len(store.templates.all())
    with pytest.raises(ValidationError) as caught:
        store.templates.save_from_session(session_id, name, description)
    assert len(store.templates.all()) == saved_before, "nothing was saved"
    return caught.value.problems


def test_the_built_in_templates_are_always_offered(store: Store) -> None:
    assert store.templates.all() == list(builtin_templates())
    for template in builtin_templates():
        assert store.templates.get(template.key) == template


def test_a_session_agenda_saved_as_a_template_comes_back_the_same(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    saved = store.templates.save_from_session(session.id, "  Our brew  ", " Short one. ")
    assert isinstance(saved, Template)
    assert (saved.name, saved.description, saved.kind) == (
        "Our brew",
        "Short one.",
        SessionKind.OVER_A_BREW,
    )
    assert not saved.builtin
    assert saved.key != "builtin:Our brew"

    again = store.templates.get(saved.key)
    assert again == saved
    assert contents(again.items) == contents(agenda)
    assert again.minutes == sum(item.minutes for item in agenda)


def test_saved_templates_come_after_the_built_in_ones_in_name_order(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    store.templates.save_from_session(session.id, "zebra crossing")
    store.templates.save_from_session(session.id, "Apple day")
    names = [template.name for template in store.templates.all()]
    builtin_names = [template.name for template in builtin_templates()]
    assert names == [*builtin_names, "Apple day", "zebra crossing"]


def test_a_template_outlives_the_session_it_came_from(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    saved = store.templates.save_from_session(session.id, "Our brew")
    store.sessions.delete(session.id)
    assert contents(store.templates.get(saved.key).items) == contents(agenda)


def test_a_later_change_to_the_session_does_not_change_the_template(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    saved = store.templates.save_from_session(session.id, "Our brew")
    store.agenda.add(session.id, AgendaItem("Extra", 5))
    assert contents(store.templates.get(saved.key).items) == contents(agenda)


def test_a_saved_template_starts_a_new_session(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, agenda = session_with_agenda
    saved = store.templates.save_from_session(session.id, "Our brew")
    new = store.create_session(
        Session("Next brew", SessionKind.OVER_A_BREW, session.date, session.start, session.end),
        saved,
    )
    assert new.id is not None
    assert contents(store.agenda.items(new.id)) == contents(agenda)


@pytest.mark.parametrize(
    "name",
    [
        "Our brew",
        "our BREW",
        "  our brew ",
        "Over a Brew",
        "over a brew",
        "LISTENING SPACE",
        "task-and-finish meeting",
    ],
)
def test_a_name_already_taken_is_refused(
    store: Store, session_with_agenda: SessionAgenda, name: str
) -> None:
    session, _ = session_with_agenda
    store.templates.save_from_session(session.id, "Our brew")
    problems = refused(store, session.id, name)
    assert set(problems) == {"name"}
    assert "already a template called" in problems["name"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_a_missing_or_too_long_name_is_refused(
    store: Store, session_with_agenda: SessionAgenda, name: str
) -> None:
    session, _ = session_with_agenda
    problems = refused(store, session.id, name)
    assert set(problems) == {"name"}


def test_a_name_of_eighty_characters_is_fine(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    assert store.templates.save_from_session(session.id, "x" * 80).name == "x" * 80


def test_a_too_long_description_is_refused(
    store: Store, session_with_agenda: SessionAgenda
) -> None:
    session, _ = session_with_agenda
    problems = refused(store, session.id, "Our brew", "x" * 301)
    assert set(problems) == {"description"}


def test_a_session_without_an_agenda_cannot_become_a_template(
    store: Store, add_session: Callable[..., Session]
) -> None:
    session = add_session()
    problems = refused(store, session.id, "Empty")
    assert set(problems) == {"name"}
    assert "no agenda" in problems["name"]


def test_a_template_that_is_not_there(store: Store) -> None:
    for key in ("saved:404", "builtin:No such thing", ""):
        with pytest.raises(NotFound):
            store.templates.get(key)
