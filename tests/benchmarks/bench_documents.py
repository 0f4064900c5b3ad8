"""The summaries of a big session on five years of data: Word, and Easy Read.

On its own copy of the data file, the session today is made into a big one the way a
facilitator would make it, through the store and the check-in: everyone booked comes
(300), the agenda grows to 40 items, a breakout round splits the room into groups,
and 500 notes are taken (quotes with each kind of consent, some in the groups), with
actions agreed. Every earlier session has actions too, so the summary's look-up of
what became of the project's earlier actions reads a file with thousands of them.
Summaries name everyone who came and carry a sign-up QR code (the heaviest kind).

Each figure is the whole of what the Documents menu (F7) does when a summary is
chosen: open the data file in the worker's own Store, read and decide what may be
said, lay it out and save the .docx whole. The first run (which imports python-docx
and friends) is not counted. Targets: the summary 1 s, Easy Read 2 s.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.context import NOW, Bench
from benchmarks.harness import PYTHON_FLOOR, Figure, median_ms, python_floor_ms
from exports.files import export_folder
from facilitator.screens.documents import DOCUMENTS, DocumentEntry
from sessions.checkin import CheckIn
from sessions.demo_large import HEARD, QUOTES, TODAY_TITLE
from sessions.models import (
    Action,
    ActionStatus,
    AgendaItem,
    AttendanceStatus,
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    Note,
    NoteKind,
    QuoteConsent,
)
from sessions.store import Store
from sessions.store.settings import (
    CONTACT_DETAILS,
    EXPORT_FOLDER,
    ORGANISATION,
    SIGNUP_TARGET,
    SUMMARY_NAMES,
)

SUMMARY = "Summary: you said, we will"
EASY_READ = "Easy Read summary"
TARGETS_MS = {SUMMARY: 1000.0, EASY_READ: 2000.0}
LONGER = (
    "Carers said the helpline is hard to get through to. Some gave up after an hour. "
    "They want a call back instead of waiting on hold.",
    "People liked the drop-in at the library. It is near the bus station and has a "
    "ramp. Could it be open on Saturdays too?",
    "Several people did not know that direct payments could pay for a personal "
    "assistant. The leaflet does not say so.",
)
"""Notes of a few sentences, as facilitators type them, for Easy Read to split."""


@dataclass(frozen=True)
class Shape:
    came: int
    items: int
    notes: int
    groups: int
    actions: int
    earlier_actions: int
    """Actions agreed at every earlier session in the file."""


LARGE = Shape(came=300, items=40, notes=500, groups=10, actions=30, earlier_actions=2)
TINY = Shape(came=30, items=8, notes=50, groups=3, actions=5, earlier_actions=2)


def today_session(store: Store) -> int:
    row = store.db.execute("SELECT min(id) FROM sessions WHERE title = ?", [TODAY_TITLE]).fetchone()
    if row is None or row[0] is None:
        raise LookupError(f"The data file has no session called {TODAY_TITLE}.")
    return int(row[0])


def build_big_session(store: Store, shape: Shape, folder: Path, seed: int = 8) -> int:
    """Make the session today the big one a summary is written of; returns its number."""
    rng = random.Random(seed)
    session_id = today_session(store)
    session = store.sessions.get(session_id)
    with store.db.atomic():
        _settings(store, folder)
        came = _everyone_comes(store, session_id, shape.came)
        items = _agenda(store, session_id, shape.items)
        groups = _groups(store, session_id, items[len(items) // 2], came, shape.groups)
        _notes(store, session_id, items, groups, came, shape.notes, rng)
        _actions(store, session_id, shape.actions, rng)
        for other in store.sessions.overview():
            if other.id != session_id and other.date < session.date:
                _actions(store, other.id, shape.earlier_actions, rng, earlier=True)
    return session_id


def _settings(store: Store, folder: Path) -> None:
    store.settings.set(EXPORT_FOLDER, str(folder))
    store.settings.set(ORGANISATION, "Riverside Co-production Team")
    store.settings.set(SUMMARY_NAMES, True)
    store.settings.set(CONTACT_DETAILS, "Riverside Co-production Team\nEmail: together@example.org")
    store.settings.set(
        SIGNUP_TARGET, {"kind": "url", "url": "https://forms.example.org/join?group={code}"}
    )


def _everyone_comes(store: Store, session_id: int, count: int) -> list[tuple[int, str]]:
    """Check in those booked until `count` have come, as at the door; (id, name) of each."""
    checkin = CheckIn(store, session_id, lambda: NOW)
    came: list[tuple[int, str]] = []
    for attendance in store.attendance.for_session(session_id):
        if len(came) == count:
            break
        if attendance.status is not AttendanceStatus.ARRIVED:
            checkin.arrive(attendance.person_id)
        came.append((attendance.person_id, ""))
    people = {p.id: p.display_name for p in store.people.many([i for i, _ in came])}
    return [(person_id, people.get(person_id, "")) for person_id, _ in came]


def _agenda(store: Store, session_id: int, count: int) -> list[int]:
    items = [item.id for item in store.agenda.items(session_id) if item.id is not None]
    for number in range(len(items), count):
        item = store.agenda.add(
            session_id, AgendaItem(title=f"Topic {number + 1}: what would help", minutes=5)
        )
        assert item.id is not None
        items.append(item.id)
    return items[:count]


def _groups(
    store: Store, session_id: int, item_id: int, came: list[tuple[int, str]], count: int
) -> list[int]:
    members: list[list[GroupMember]] = [[] for _ in range(count)]
    for number, (person_id, _) in enumerate(came):
        members[number % count].append(GroupMember(person_id))
    made = store.breakouts.create(
        BreakoutRound(
            session_id=session_id,
            number=1,
            seed=1,
            agenda_item_id=item_id,
            groups=[
                BreakoutGroup(name=f"Table {n + 1}", members=tuple(group))
                for n, group in enumerate(members)
            ],
        )
    )
    return [group.id for group in made.groups if group.id is not None]


def _notes(
    store: Store,
    session_id: int,
    items: list[int],
    groups: list[int],
    came: list[tuple[int, str]],
    count: int,
    rng: random.Random,
) -> None:
    """Notes under every item; a third in the breakout groups; one in ten a quote."""
    for number in range(count):
        in_group = number % 3 == 0
        quote = number % 10 == 5
        consent = (QuoteConsent.NAMED, QuoteConsent.ANONYMOUS, QuoteConsent.NOT_FOR_PUBLICATION)[
            number % 3
        ]
        store.notes.save(
            Note(
                session_id=session_id,
                agenda_item_id=items[number % len(items)],
                kind=NoteKind.QUOTE
                if quote
                else (NoteKind.HEARD, NoteKind.IDEA, NoteKind.QUESTION)[number % 3],
                text=rng.choice(QUOTES if quote else HEARD + LONGER),
                consent=consent if quote else QuoteConsent.NOT_FOR_PUBLICATION,
                speaker=rng.choice(came)[1] if quote else "",
                breakout_group_id=groups[number % len(groups)] if in_group else None,
            )
        )


def _actions(
    store: Store, session_id: int, count: int, rng: random.Random, *, earlier: bool = False
) -> None:
    for number in range(count):
        status = rng.choice(list(ActionStatus)) if earlier else ActionStatus.OPEN
        store.actions.save(
            Action(
                session_id=session_id,
                what=f"Find out who can {('ring back', 'print it', 'book the room')[number % 3]}",
                owner=("Cath Jones", "The finance policy officer", "")[number % 3],
                due=NOW.date() + dt.timedelta(days=14 + number) if number % 2 else None,
                status=status,
                outcome="Done, and people were told." if status is ActionStatus.DONE else "",
            )
        )


def entry(label: str) -> DocumentEntry:
    return next(e for e in DOCUMENTS if e.label == label)


def writing(path: Path, session_id: int, label: str) -> Callable[[], object]:
    """What the Documents menu's worker does once a summary is chosen."""
    write = entry(label).write
    assert write is not None

    def work() -> object:
        with Store.open(path, create=False) as own:
            return write(own, session_id, export_folder(own), now=NOW, progress=lambda _: None)

    return work


def figures(bench: Bench) -> list[Figure]:
    shape = TINY if bench.quick else LARGE
    repeats = 1 if bench.quick else min(bench.repeats, 5)
    path = bench.copy_of_data("documents")
    with Store.open(path, create=False) as store:
        session_id = build_big_session(store, shape, bench.workdir / "documents")
        notes = store.notes.count(session_id)
    size = f"{shape.came} people, {shape.items} items, {notes} notes"
    timed = {label: median_ms(writing(path, session_id, label), repeats) for label in TARGETS_MS}
    floor = python_floor_ms(repeats)
    return [
        Figure(
            f"Word summary ({size})" if label == SUMMARY else "Easy Read summary",
            took,
            TARGETS_MS[label],
            repeats,
            floor=floor,
            floor_name=PYTHON_FLOOR,
        )
        for label, took in timed.items()
    ]
