"""Things to put in the fresh data file that tests/conftest.py's `store` gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from sessions.models import AgendaItem, AgendaKind, Person, Role, Session, SessionKind
from sessions.store import Store


@pytest.fixture
def add_person(store: Store) -> Callable[..., Person]:
    def add(name: str = "Farah Khan", role: Role = Role.LIVED_EXPERIENCE, **details) -> Person:
        return store.people.save(Person(name=name, role=role, **details))

    return add


@pytest.fixture
def add_session(store: Store) -> Callable[..., Session]:
    def add(title: str = "Over a Brew", **details) -> Session:
        values = {
            "kind": SessionKind.OVER_A_BREW,
            "date": dt.date(2026, 12, 3),
            "start": dt.time(10, 30),
            "end": dt.time(12, 30),
            **details,
        }
        return store.sessions.save(Session(title=title, **values))

    return add


@pytest.fixture
def session_with_agenda(
    store: Store, add_session: Callable[..., Session]
) -> tuple[Session, list[AgendaItem]]:
    """A session whose agenda reads Welcome, Talk, Break, Close."""
    session = add_session()
    assert session.id is not None
    store.agenda.replace_all(
        session.id,
        [
            AgendaItem("Welcome", 15, AgendaKind.WELCOME, lead="Co-chairs"),
            AgendaItem("Talk", 45, AgendaKind.DISCUSSION, notes="Go round the room."),
            AgendaItem("Break", 10, AgendaKind.BREAK),
            AgendaItem("Close", 10, AgendaKind.CLOSE),
        ],
    )
    return session, store.agenda.items(session.id)
