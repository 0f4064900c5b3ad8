"""Breakout group lists: one table per group, to read out or stick on each table.

For one round of a session's breakout groups (the latest unless another is
chosen): each group's name as a heading, where it meets, who facilitates it, and
its members' names and the role they take part as. Never access needs: where a
group meets already takes them into account.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from exports import word
from exports.register import session_facts, session_file_name
from sessions.display import plural
from sessions.errors import FacilitatorError
from sessions.groups import Breakouts
from sessions.models import AttendanceStatus, BreakoutRound, Person, Session
from sessions.store import Store

if TYPE_CHECKING:
    from docx.document import Document

HEADERS = ("Name", "Taking part as")
WIDTHS_MM = (95, 75)


@dataclass(frozen=True)
class Member:
    name: str
    role: str
    left_early: bool = False

    @property
    def name_words(self) -> str:
        return f"{self.name} (left early)" if self.left_early else self.name


@dataclass(frozen=True)
class GroupList:
    name: str
    place: str
    facilitator: str
    members: tuple[Member, ...]


@dataclass(frozen=True)
class GroupLists:
    """The groups of one round, ready to print."""

    session: Session
    round_number: int
    rounds: int
    """How many rounds the session has."""
    agenda_item: str
    """The title of the agenda item the round is for, or empty."""
    groups: tuple[GroupList, ...]
    not_placed: tuple[Member, ...]
    """In the room, but in no group of this round yet."""


def group_lists_for(store: Store, session_id: int, round_number: int | None = None) -> GroupLists:
    """The groups of round `round_number` of the session, or of its latest round."""
    session = store.sessions.get(session_id)
    breakouts = Breakouts(store, session_id)
    rounds = breakouts.rounds()
    if not rounds:
        raise FacilitatorError(
            f"“{session.title}” has no breakout groups yet. Make them on the Groups tab first."
        )
    chosen = _round(rounds, round_number, session)
    assert chosen.id is not None
    view = breakouts.view(chosen.id)
    statuses = {a.person_id: a.status for a in store.attendance.for_session(session_id)}
    placed = [m.person_id for g in chosen.groups for m in g.members]
    people = {p.id: p for p in store.people.many([*placed, *view.unplaced])}

    def member(person: Person) -> Member:
        return Member(
            person.display_name,
            person.role.label,
            statuses.get(person.id or 0) is AttendanceStatus.LEFT_EARLY,
        )

    groups = tuple(
        GroupList(
            name=_one_line(group.name),
            place=_one_line(group.place),
            facilitator=_one_line(group.facilitator),
            members=tuple(
                sorted(
                    (
                        member(people[m.person_id])
                        for m in group.members
                        if m.person_id in people and m.person_id in statuses
                    ),
                    key=lambda m: m.name.casefold(),
                )
            ),
        )
        for group in chosen.groups
    )
    item = ""
    if chosen.agenda_item_id is not None:
        titles = {i.id: i.title for i in store.agenda.items(session_id)}
        item = _one_line(titles.get(chosen.agenda_item_id, ""))
    not_placed = sorted(
        (people[p] for p in view.unplaced if p in people), key=lambda p: p.name.casefold()
    )
    return GroupLists(
        session=session,
        round_number=chosen.number,
        rounds=len(rounds),
        agenda_item=item,
        groups=groups,
        not_placed=tuple(member(p) for p in not_placed),
    )


def _round(rounds: list[BreakoutRound], number: int | None, session: Session) -> BreakoutRound:
    if number is None:
        return rounds[-1]
    for candidate in rounds:
        if candidate.number == number:
            return candidate
    have = [str(r.number) for r in rounds]
    which = have[0] if len(have) == 1 else ", ".join(have[:-1]) + " and " + have[-1]
    rounds_word = "round" if len(have) == 1 else "rounds"
    raise FacilitatorError(
        f"“{session.title}” has no round {number} of breakout groups. It has {rounds_word} {which}."
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the document ------------------------------------------------------------------


def group_lists_name(lists: GroupLists) -> str:
    what = "groups" if lists.rounds == 1 else f"groups-round-{lists.round_number}"
    return session_file_name(what, lists.session, "docx")


def group_lists_title(lists: GroupLists) -> str:
    title = f"Breakout groups: {lists.session.title}"
    return title if lists.rounds == 1 else f"{title}, round {lists.round_number}"


def write_group_lists(lists: GroupLists, organisation: str, path: Path) -> Path:
    """Each group as a heading and a table of its members, written whole or not at all."""
    session = lists.session
    title = group_lists_title(lists)
    doc = word.new_document(
        title,
        organisation,
        subject=f"Who is in which breakout group at {session.title}",
        keywords="breakout groups, group lists",
    )
    word.heading(doc, title, 1)
    session_facts(doc, session)
    about = f"{plural(len(lists.groups), 'group')}"
    if lists.rounds > 1:
        about += f" in round {lists.round_number} of {lists.rounds}"
    if lists.agenda_item:
        about += f", for “{lists.agenda_item}”"
    word.paragraph(doc, about[0].upper() + about[1:] + ".")
    for group in lists.groups:
        word.heading(doc, group.name, 2)
        for label, text in (("Where: ", group.place), ("Facilitator: ", group.facilitator)):
            if text:
                word.paragraph(doc, text, label=label).paragraph_format.keep_with_next = True
        if not group.members:
            word.paragraph(doc, "Nobody is in this group yet.")
            continue
        _members(doc, group.members, f"Who is in {group.name}")
    if lists.not_placed:
        word.heading(doc, "Not in a group yet", 2)
        _members(doc, lists.not_placed, "People not in a group yet")
    return word.save(doc, path)


def _members(doc: Document, members: tuple[Member, ...], caption: str) -> None:
    word.table(
        doc,
        HEADERS,
        [[m.name_words, m.role] for m in members],
        caption=caption,
        widths_mm=WIDTHS_MM,
    )
