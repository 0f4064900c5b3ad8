"""Breakout groups for one session: making rounds, balancing, moving people by hand.

This is where the store meets the split (sessions.breakouts): it turns who is in the
room, their companions and wishes, and earlier rounds into a `Room`, and keeps what
comes back. The screens only ask and show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from sessions.breakout_room import Broken, GroupSpec, Member, Room, Together
from sessions.breakout_rules import check, reasons, together_groups
from sessions.breakouts import split_room
from sessions.display import plural
from sessions.errors import ValidationError
from sessions.models import (
    VOICE_OF_ROLE,
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    BreakoutGroup,
    BreakoutRound,
    GroupMember,
    GroupSource,
    PairKind,
    Person,
    Placement,
    Role,
    SavedSplit,
    Voice,
)
from sessions.run import current_item_id
from sessions.store import Store

MAX_GROUPS = 60
ROLE_NOUNS = {
    Role.LIVED_EXPERIENCE: ("lived experience", "lived experience"),
    Role.CARER: ("carer", "carers"),
    Role.STAFF: ("staff", "staff"),
    Role.COMMISSIONER: ("commissioner", "commissioners"),
    Role.PROVIDER: ("care provider", "care providers"),
    Role.COMMUNITY_SECTOR: ("community sector", "community sector"),
    Role.OTHER: ("other", "others"),
}
NAME_LIMIT = 60

SOURCE_STATUSES = {
    GroupSource.ARRIVED: (AttendanceStatus.ARRIVED,),
    GroupSource.BOOKED: (AttendanceStatus.BOOKED, AttendanceStatus.ARRIVED),
}


def new_seed() -> int:
    return random.randrange(1, 2**31)


USUAL_GROUP_SIZE = 6
"""The group size a new round suggests: small enough for everyone to speak."""


def groups_of_about(people: int, about: int) -> int:
    """The number of groups whose size comes nearest `about` (the more groups on a tie,
    as smaller groups let more people speak): 25 people in groups of about 10 make 3
    groups of 8 or 9, not 2 of 12 or 13."""
    if people <= about:
        return 1
    fewer = people // about
    return min((fewer, fewer + 1), key=lambda n: (abs(people / n - about), -n))


@dataclass(frozen=True)
class Shape:
    """How to split the room: into `count` groups, or groups of about `about` people."""

    count: int | None = None
    about: int | None = None

    def groups_for(self, people: int) -> int:
        if self.count is not None:
            wanted = self.count
        elif self.about:
            wanted = groups_of_about(people, self.about)
        else:
            raise ValidationError({"shape": "Say how many groups, or about how many in each."})
        if wanted < 1:
            raise ValidationError({"shape": "Make at least one group."})
        if wanted > MAX_GROUPS:
            raise ValidationError({"shape": f"Make at most {MAX_GROUPS} groups."})
        if people and wanted > people:
            are = "is" if people == 1 else "are"
            raise ValidationError(
                {
                    "shape": f"There {are} only {plural(people, 'person', 'people')} to place, "
                    f"so make at most {plural(people, 'group')}."
                }
            )
        return wanted


@dataclass(frozen=True)
class VoiceCounts:
    """A group's size and its count of each voice, as the Groups tab shows them."""

    lived_experience: int = 0
    carers: int = 0
    staff: int = 0
    others: int = 0

    @property
    def size(self) -> int:
        return self.lived_experience + self.carers + self.staff + self.others


@dataclass(frozen=True)
class RoundView:
    """One round as it stands: its groups, who is in them, and what it breaks."""

    round: BreakoutRound
    room: Room
    people: dict[int, Person]
    broken: tuple[Broken, ...]
    unplaced: tuple[int, ...]
    """In the room but in no group yet (arrived after the groups were made)."""
    gone: tuple[int, ...]
    """In a group but no longer in the room (left, or taken off the session)."""

    def members(self, group: BreakoutGroup) -> list[GroupMember]:
        """The group's members who are still in the room."""
        return [m for m in group.members if m.person_id in self.people]

    def counts(self, group: BreakoutGroup) -> VoiceCounts:
        voices = [VOICE_OF_ROLE[self.people[m.person_id].role] for m in self.members(group)]
        return VoiceCounts(
            lived_experience=voices.count(Voice.LIVED_EXPERIENCE),
            carers=voices.count(Voice.CARER),
            staff=voices.count(Voice.STAFF),
            others=voices.count(Voice.OTHER),
        )

    def role_words(self, group: BreakoutGroup) -> str:
        """'6 people: 2 lived experience, 1 carer, 2 staff, 1 commissioner'."""
        roles = [self.people[m.person_id].role for m in self.members(group)]
        if not roles:
            return "nobody yet"
        counts = [(n, ROLE_NOUNS[role]) for role in Role if (n := roles.count(role))]
        parts = [f"{n} {one if n == 1 else many}" for n, (one, many) in counts]
        return f"{plural(len(roles), 'person', 'people')}: " + ", ".join(parts)

    def reasons(self, person_id: int) -> list[str]:
        """Why this person is where they are, with how they got there."""
        placed = {m.person_id: m for g in self.round.groups for m in g.members}
        member = placed.get(person_id)
        said = reasons(self.room, self.groups(), person_id)
        if member is None:
            return []
        if member.placed is Placement.MOVED:
            said = ["moved here by hand", *[s for s in said if s != "pinned to this group"]]
        elif member.placed is Placement.SAVED and member.pinned:
            said = ["as in the saved split", *[s for s in said if s != "pinned to this group"]]
        return said

    def groups(self) -> list[tuple[int, ...]]:
        return [tuple(m.person_id for m in self.members(g)) for g in self.round.groups]

    def problems_of(self, group_index: int) -> list[Broken]:
        """The broken rules about this group."""
        return [b for b in self.broken if b.group == group_index]


class Breakouts:
    """The breakout rounds of one session."""

    def __init__(self, store: Store, session_id: int, seeds: Callable[[], int] = new_seed) -> None:
        self.store = store
        self.session_id = session_id
        self.seeds = seeds

    # --- who is in the room ---

    def pool(self, source: GroupSource) -> list[Person]:
        """The people a round is made from, by name."""
        wanted = SOURCE_STATUSES[source]
        ids = [
            a.person_id
            for a in self.store.attendance.for_session(self.session_id)
            if a.status in wanted
        ]
        return sorted(self.store.people.many(ids), key=lambda p: (p.name.casefold(), p.id))

    def default_source(self) -> GroupSource:
        """The people here once anyone has arrived; everyone booked before that."""
        return GroupSource.ARRIVED if self.pool(GroupSource.ARRIVED) else GroupSource.BOOKED

    def rounds(self) -> list[BreakoutRound]:
        return self.store.breakouts.rounds(self.session_id)

    def round_for(self, item_id: int | None) -> BreakoutRound | None:
        """The latest round made for this agenda item, or else the latest of all."""
        rounds = self.rounds()
        chosen = [r for r in rounds if r.agenda_item_id == item_id] or rounds
        return chosen[-1] if chosen else None

    # --- making and balancing ---

    def make(
        self,
        shape: Shape,
        source: GroupSource,
        agenda_item_id: int | None = None,
    ) -> RoundView:
        """A new round: the room split into groups named Group 1, Group 2, ..."""
        people = self.pool(source)
        if not people:
            raise ValidationError({"source": nobody_words(source)})
        count = shape.groups_for(len(people))
        groups = [BreakoutGroup(name=f"Group {n}") for n in range(1, count + 1)]
        return self._new_round(groups, source, agenda_item_id)

    def item_for_new_round(self, items: list[AgendaItem] | None = None) -> int | None:
        """The agenda item a new round is for: the one being run now, or else the
        session's first breakout item."""
        items = self.store.agenda.items(self.session_id) if items is None else items
        running = current_item_id(self.store.run_events.for_session(self.session_id), items)
        if running is not None:
            return running
        return next((i.id for i in items if i.kind is AgendaKind.BREAKOUT), None)

    def _new_round(
        self, groups: list[BreakoutGroup], source: GroupSource, agenda_item_id: int | None
    ) -> RoundView:
        blank = BreakoutRound(
            session_id=self.session_id,
            number=0,
            seed=self.seeds(),
            source=source,
            agenda_item_id=agenda_item_id,
            groups=groups,
        )
        made = self.store.breakouts.create(blank)
        assert made.id is not None
        return self.rebalance(made.id, seed=made.seed)

    def rebalance(self, round_id: int, seed: int | None = None) -> RoundView:
        """Balance everyone again except the pinned and locked groups, with a new seed
        unless one is given (the same seed gives the same split). People who have left
        stay on record in the group they were in, and no longer count."""
        current = self.store.breakouts.get(round_id)
        seed = self.seeds() if seed is None else seed
        people = {p.id: p for p in self.pool(current.source) if p.id is not None}
        room = self.room(current, people)
        split = split_room(room, seed)
        kept = {m.person_id: m for g in current.groups for m in g.members if m.pinned}
        locked = {m.person_id: m for g in current.groups if g.locked for m in g.members}
        members: dict[int, tuple[GroupMember, ...]] = {}
        for group, placed in zip(current.groups, split.groups, strict=True):
            assert group.id is not None
            left = tuple(m for m in group.members if m.person_id not in people)
            members[group.id] = left + tuple(
                kept.get(pid) or locked.get(pid) or GroupMember(pid) for pid in placed
            )
        placed = self.store.breakouts.place_all(round_id, seed, members)
        return self._view(placed, people)

    def room(self, this: BreakoutRound, people: dict[int, Person]) -> Room:
        """The plain data the split needs, for this round and the people in the room."""
        index = {g.id: i for i, g in enumerate(this.groups)}
        pins = {
            m.person_id: index[g.id]
            for g in this.groups
            for m in g.members
            if m.pinned and m.person_id in people
        }
        earlier = [r for r in self.rounds() if r.number < this.number]
        wishes = self.store.pairs.among(people)
        return Room(
            people=tuple(
                Member(pid, person.display_name, person.role, person.needs)
                for pid, person in people.items()
            ),
            groups=tuple(
                GroupSpec(
                    g.name,
                    g.facilities,
                    g.locked,
                    tuple(m.person_id for m in g.members if m.person_id in people),
                )
                for g in this.groups
            ),
            together=self._together(people, wishes),
            apart=tuple((a, b) for a, b, kind in wishes if kind is PairKind.APART),
            pins=pins,
            history=tuple(
                tuple(tuple(m.person_id for m in g.members) for g in r.groups) for r in earlier
            ),
        )

    def _together(
        self, people: dict[int, Person], wishes: list[tuple[int, int, PairKind]]
    ) -> tuple[Together, ...]:
        """Companions who are both here, then those asked to be kept together."""
        companions = (
            Together(link.person_id, link.companion_id, link.relation.label.lower())
            for link in self.store.companions.among(people)
        )
        asked = (Together(a, b) for a, b, kind in wishes if kind is PairKind.TOGETHER)
        return (*companions, *asked)

    def view(self, round_id: int) -> RoundView:
        current = self.store.breakouts.get(round_id)
        return self._view(current, {p.id: p for p in self.pool(current.source) if p.id is not None})

    def _view(self, current: BreakoutRound, people: dict[int, Person]) -> RoundView:
        room = self.room(current, people)
        placed = [m.person_id for g in current.groups for m in g.members]
        groups = [
            tuple(m.person_id for m in g.members if m.person_id in people) for g in current.groups
        ]
        return RoundView(
            round=current,
            room=room,
            people=people,
            broken=tuple(check(room, groups)) if current.groups else (),
            unplaced=tuple(pid for pid in people if pid not in placed),
            gone=tuple(pid for pid in placed if pid not in people),
        )

    # --- changes by hand ---

    def move(self, round_id: int, person_id: int, group_id: int) -> tuple[RoundView, list[str]]:
        """Move someone by hand, with everyone who must sit with them; returns the
        round and the names of those who came along."""
        before = self.view(round_id)
        mates = together_groups(before.room)
        along = [
            p for p in before.people if p != person_id and mates.get(p) == mates.get(person_id)
        ]
        with self.store.db.atomic():
            for pid in (person_id, *along):
                self.store.breakouts.move(round_id, pid, group_id)
        return self.view(round_id), [before.people[p].display_name for p in along]

    def pin(self, round_id: int, person_id: int, pinned: bool) -> RoundView:
        self.store.breakouts.set_pinned(round_id, person_id, pinned)
        return self.view(round_id)

    def change_group(self, group: BreakoutGroup) -> None:
        problems = check_group(group)
        assert group.id is not None
        others = self.store.breakouts.other_names(group.id)
        if group.name.strip().casefold() in {n.casefold() for n in others}:
            problems["name"] = "Another group in this round has that name: choose another."
        if problems:
            raise ValidationError(problems)
        self.store.breakouts.update_group(group)

    def lock(self, group: BreakoutGroup, locked: bool) -> None:
        self.store.breakouts.update_group(replace(group, locked=locked))

    def keep(self, person_id: int, other_id: int, kind: PairKind) -> None:
        """Keep two people together or apart at every session; never a person apart
        from their own carer, personal assistant or interpreter."""
        if kind is PairKind.APART:
            for link in self.store.companions.of(person_id):
                if other_id in (link.person_id, link.companion_id):
                    raise ValidationError(
                        {
                            "other": "They come together (as carer, personal assistant or "
                            "interpreter), so they cannot be kept apart. Unlink them in the "
                            "people bank first (ctrl+l)."
                        }
                    )
        self.store.pairs.set(person_id, other_id, kind)

    def forget(self, person_id: int, other_id: int) -> None:
        self.store.pairs.forget(person_id, other_id)

    def wishes(self, person_id: int) -> dict[int, PairKind]:
        """Who this person is kept together with or apart from."""
        return self.store.pairs.of(person_id)

    def delete(self, round_id: int) -> None:
        self.store.breakouts.delete(round_id)

    # --- saved splits ---

    def project_id(self) -> int | None:
        return self.store.sessions.project_id(self.session_id)

    def save(self, round_id: int, name: str) -> SavedSplit:
        problems = check_split_name(name)
        if problems:
            raise ValidationError(problems)
        current = self.store.breakouts.get(round_id)
        return self.store.saved_splits.save(name, self.project_id(), current.groups)

    def saved(self) -> list[SavedSplit]:
        """Splits saved at sessions of the same project (or, with no project, of none)."""
        return self.store.saved_splits.for_project(self.project_id())

    def use_saved(
        self, saved_id: int, source: GroupSource, agenda_item_id: int | None = None
    ) -> tuple[RoundView, str]:
        """A new round with a saved split's groups; those here go back where they were
        (pinned), and anyone new is balanced in. Says who could not come back."""
        saved = self.store.saved_splits.get(saved_id)
        people = {p.id for p in self.pool(source)}
        if not people:
            raise ValidationError({"source": nobody_words(source)})
        groups = [
            replace(g, members=tuple(m for m in g.members if m.person_id in people), id=None)
            for g in saved.groups
        ]
        kept = sum(len(g.members) for g in groups)
        missing = sum(len(g.members) for g in saved.groups) - kept
        new = len(people) - kept
        view = self._new_round(groups, source, agenda_item_id or self.item_for_new_round())
        said = [f"{plural(kept, 'person', 'people')} back in their groups from “{saved.name}”"]
        if new:
            said.append(f"{plural(new, 'new person', 'new people')} balanced in")
        if missing:
            said.append(f"{plural(missing, 'person', 'people')} from the saved split not here")
        return view, "; ".join(said) + "."


def nobody_words(source: GroupSource) -> str:
    if source is GroupSource.ARRIVED:
        return "Nobody has arrived yet. Check people in first, or make groups from everyone booked."
    return "Nobody is booked for this session yet. Book people on the Check-in tab."


def request_problems(request: GroupRequest, people: int) -> dict[str, str]:
    """What stops this round being made from `people` people, by the form's fields."""
    if not people:
        return {"source": nobody_words(request.source)}
    try:
        request.shape.groups_for(people)
    except ValidationError as error:
        return {"number": " ".join(error.problems.values())}
    return {}


def check_split_name(name: str) -> dict[str, str]:
    if not name.strip():
        return {"name": "Give the split a name, to find it again later."}
    if len(name.strip()) > NAME_LIMIT:
        return {"name": f"Keep the name to {NAME_LIMIT} characters or fewer."}
    return {}


def check_group(group: BreakoutGroup) -> dict[str, str]:
    problems = {}
    if not group.name.strip():
        problems["name"] = "Give the group a name, such as Group 1 or Blue table."
    for field, label in (("name", "name"), ("place", "place"), ("facilitator", "facilitator")):
        if len(getattr(group, field).strip()) > NAME_LIMIT:
            problems[field] = f"Keep the {label} to {NAME_LIMIT} characters or fewer."
    return problems


BY_COUNT, BY_SIZE = "count", "size"
NO_ITEM = "none"


@dataclass(frozen=True)
class GroupRequest:
    """What the Make groups form asks for."""

    shape: Shape
    source: GroupSource
    agenda_item_id: int | None = None


def request_from_form(values: dict[str, object]) -> GroupRequest:
    """Read the Make groups form: how to split, how many, from whom, for which item."""
    text = str(values.get("number", "")).strip()
    how = values.get("how", BY_COUNT)
    word = "groups" if how == BY_COUNT else "people in each group"
    if not text.isdigit() or int(text) < 1:
        raise ValidationError({"number": f"Type how many {word}: a whole number, 1 or more."})
    number = int(text)
    shape = Shape(count=number) if how == BY_COUNT else Shape(about=number)
    if how == BY_COUNT and number > MAX_GROUPS:
        raise ValidationError({"number": f"Make at most {MAX_GROUPS} groups."})
    item = values.get("item", NO_ITEM)
    return GroupRequest(
        shape=shape,
        source=GroupSource(str(values.get("source") or GroupSource.ARRIVED.value)),
        agenda_item_id=None if item in (NO_ITEM, "", None) else int(str(item)),
    )
