"""Example breakout groups: past sessions with a breakout on the agenda hold their
groups, with places, facilitators and notes taken in each group."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from sessions.groups import Breakouts, Shape
from sessions.models import AgendaKind, GroupSource, Need, Note, NoteKind, PairKind, Role, Session
from sessions.store import Store

PLACES = (
    ("Garden room", frozenset({Need.STEP_FREE, Need.HEARING_LOOP})),
    ("Table by the window", frozenset({Need.STEP_FREE})),
    ("Upstairs meeting room", frozenset()),
    ("Kitchen table", frozenset({Need.STEP_FREE})),
    ("Quiet room", frozenset({Need.HEARING_LOOP})),
)
GROUP_NOTES = (
    "Letters about assessments arrive with no name to call.",
    "People want to meet the same social worker twice.",
    "Carers' breaks are hard to book at short notice.",
    "Easy Read copies would help before the next meeting.",
)


def add_breakout_history(store: Store, rng: random.Random, past: Sequence[Session]) -> None:
    """Split each past session's room for its breakout item, name the groups, and take
    a note in each; one pair of people asked to be kept apart."""
    _keep_two_apart(store, past)
    for session in past:
        assert session.id is not None
        items = [i for i in store.agenda.items(session.id) if i.kind is AgendaKind.BREAKOUT]
        if not items:
            continue
        breakouts = Breakouts(store, session.id, seeds=lambda: rng.randrange(1, 2**31))
        view = breakouts.make(Shape(about=5), GroupSource.ARRIVED, items[0].id)
        staff = [
            view.people[p]
            for p in view.people
            if view.people[p].role in (Role.STAFF, Role.COMMUNITY_SECTOR)
        ]
        for number, group in enumerate(view.round.groups):
            place, facilities = PLACES[number % len(PLACES)]
            facilitator = staff[number].display_name if number < len(staff) else ""
            store.breakouts.update_group(
                replace(group, place=place, facilities=facilities, facilitator=facilitator)
            )
            store.notes.save(
                Note(
                    session.id,
                    GROUP_NOTES[number % len(GROUP_NOTES)],
                    kind=NoteKind.HEARD,
                    agenda_item_id=items[0].id,
                    breakout_group_id=group.id,
                )
            )
        breakouts.rebalance(view.round.id, seed=view.round.seed)  # the places now count


def _keep_two_apart(store: Store, past: Sequence[Session]) -> None:
    if not past or past[0].id is None:
        return
    here = [a.person_id for a in store.attendance.for_session(past[0].id)][:2]
    if len(here) == 2:
        store.pairs.set(here[0], here[1], PairKind.APART)
