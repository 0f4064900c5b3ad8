"""Subject access: everything the data file holds on one person, gathered in one place.

Someone may ask what is held about them (UK GDPR's right of access). This reads it
all, from the store only, into plain dataclasses; exports.subject_access lays it out
in words (Word) and as JSON. Nothing here writes to the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sessions.claim_models import ClaimStatus
from sessions.claiming import Claims, ClaimView
from sessions.clock import now_utc
from sessions.errors import FacilitatorError, NotFound
from sessions.models import Action, Companion, Note, PairKind, Person, Relation, Session
from sessions.project_models import Project
from sessions.store import Store
from sessions.store.claims import ClaimFilter
from sessions.store.personal_data import AttendanceRecord, GroupPlace, PersonalDataRepository

MOST_LISTED = 10
"""How many matching people a search that found several lists."""


@dataclass(frozen=True)
class CompanionHeld:
    name: str
    relation: Relation
    comes_with_them: bool
    """True: the other person comes with this one (as their carer, PA or interpreter);
    False: this person comes with the other."""


@dataclass(frozen=True)
class PairHeld:
    name: str
    kind: PairKind


@dataclass(frozen=True)
class NoteHeld:
    session: Session
    note: Note


@dataclass(frozen=True)
class ActionHeld:
    session: Session
    action: Action


@dataclass(frozen=True)
class ProjectHeld:
    """A project they co-chair, and in which seat."""

    project: Project
    seat: str
    """'the staff co-chair' or 'the co-chair with lived experience'."""


@dataclass(frozen=True)
class SubjectAccess:
    """Everything held on one person."""

    person: Person
    added_at: dt.datetime | None
    gathered_at: dt.datetime
    sessions: list[AttendanceRecord]
    co_chaired: list[Session]
    groups: list[GroupPlace]
    notes: list[NoteHeld]
    """Notes that name them as the speaker."""
    actions: list[ActionHeld]
    """Actions they own, by name."""
    claims: list[ClaimView]
    """With their lines, payments and history (the audit entries)."""
    companions: list[CompanionHeld]
    pairs: list[PairHeld]
    projects: list[ProjectHeld] = field(default_factory=list)
    """Projects and task-and-finish groups they co-chair."""

    @property
    def claims_counted(self) -> list[ClaimView]:
        return [view for view in self.claims if view.claim.status is not ClaimStatus.CANCELLED]


def gather(
    store: Store, person_id: int, *, now: Callable[[], dt.datetime] = now_utc
) -> SubjectAccess:
    """Everything the data file holds on this person; raises NotFound if they are gone."""
    person = store.people.get(person_id)
    data = PersonalDataRepository(store.db)
    names = data.names_of(person)
    sessions: dict[int, Session] = {}

    def session(session_id: int) -> Session:
        if session_id not in sessions:
            sessions[session_id] = store.sessions.get(session_id)
        return sessions[session_id]

    spoken = data.named_in("notes", "speaker", names)
    notes = [
        NoteHeld(session(n.session_id), n) for n in store.notes.many([r.row_id for r in spoken])
    ]
    owned = data.named_in("actions", "owner", names)
    actions = [
        ActionHeld(session(a.session_id), a)
        for a in map(store.actions.get, (r.row_id for r in owned))
    ]
    claims = Claims(store, who="subject access")
    views = [
        claims.view(row.claim.id or 0)
        for row in store.claims.listing(ClaimFilter(person_id=person_id))
    ]
    views.sort(key=lambda view: (view.session.date, view.claim.id or 0))
    links = store.companions.of(person_id)
    wishes = store.pairs.of(person_id)

    def other_of(link: Companion) -> int:
        return link.companion_id if link.person_id == person_id else link.person_id

    others = {p.id: p for p in store.people.many([*map(other_of, links), *wishes])}
    companions = [
        CompanionHeld(
            others[other_of(link)].display_name,
            link.relation,
            comes_with_them=link.person_id == person_id,
        )
        for link in links
        if other_of(link) in others
    ]
    pairs = [
        PairHeld(others[other].display_name, kind)
        for other, kind in wishes.items()
        if other in others
    ]
    return SubjectAccess(
        person=person,
        added_at=data.added_at(person_id),
        gathered_at=now(),
        sessions=data.attendance_of(person_id),
        co_chaired=[session(session_id) for session_id in data.co_chaired(person_id)],
        groups=data.groups_of(person_id),
        notes=notes,
        actions=actions,
        claims=views,
        companions=companions,
        pairs=pairs,
        projects=projects_co_chaired(store, person_id),
    )


def projects_co_chaired(store: Store, person_id: int) -> list[ProjectHeld]:
    """The projects this person co-chairs, by name, with their seat."""
    held = []
    for line in store.projects.lines():
        project = line.project
        if project.staff_co_chair_id == person_id:
            held.append(ProjectHeld(project, "the staff co-chair"))
        if project.lived_co_chair_id == person_id:
            held.append(ProjectHeld(project, "the co-chair with lived experience"))
    return held


def find_person(store: Store, text: str) -> Person:
    """The one person meant by a number ('42') or words from their name, or a sentence
    listing those that match."""
    typed = " ".join(text.split())
    if not typed:
        raise FacilitatorError("Say who: their number in the people bank or their name.")
    number = typed.removeprefix("#")
    if number.isdigit():
        try:
            return store.people.get(int(number))
        except NotFound as error:
            raise FacilitatorError(
                f"Nobody in the people bank has the number {number}. "
                "`facilitator people` lists everyone with their numbers."
            ) from error
    found = store.people.search(typed, limit=200)
    exact = [person for person in found if person.name.casefold() == typed.casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0]
    if not found:
        raise FacilitatorError(
            f"Nobody in the people bank matches “{typed}”. "
            "`facilitator people` lists everyone with their numbers."
        )
    listed = "\n".join(
        f"  {person.id}. {person.display_name} ({person.role.label})"
        for person in (exact or found)[:MOST_LISTED]
    )
    more = len(exact or found) - MOST_LISTED
    tail = f"\n  and {more} more" if more > 0 else ""
    raise FacilitatorError(
        f"{len(exact or found)} people match “{typed}”. Give their number instead:\n{listed}{tail}"
    )
