"""Checking a split against the rules, in words: what it breaks, and why each person is
where they are. Used on the split the app proposes and again after every move by hand.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sessions.breakout_room import Broken, Need, Room, Rule
from sessions.display import plural
from sessions.models import VOICE_OF_ROLE, Role, Voice

COMMUNITY_VOICES = (Voice.LIVED_EXPERIENCE, Voice.CARER)
PLACE_HAS = {
    Need.STEP_FREE: "its place is step-free",
    Need.HEARING_LOOP: "its place has a hearing loop",
}


@dataclass(frozen=True)
class Quality:
    """The figures that say how fair a split is."""

    size_gap: int
    """Largest group size less the smallest."""
    role_gap: int
    """For the role spread least evenly: most in one group less fewest in another."""
    repeats: int
    """Pairs sitting together again after an earlier round."""


def is_community(role: Role) -> bool:
    return VOICE_OF_ROLE[role] in COMMUNITY_VOICES


def is_staff(role: Role) -> bool:
    return VOICE_OF_ROLE[role] is Voice.STAFF


def together_groups(room: Room) -> dict[int, int]:
    """Person -> a number shared by everyone who must sit with them."""
    present = {m.person_id for m in room.people}
    parent = {p: p for p in present}

    def find(p: int) -> int:
        while parent[p] != p:
            p = parent[p]
        return p

    for link in room.together:
        if link.person_id in present and link.other_id in present:
            parent[find(link.person_id)] = find(link.other_id)
    return {p: find(p) for p in present}


def fixed_places(room: Room) -> dict[int, int]:
    """Person -> the group they must stay in: locked groups' members, then pins."""
    present = {m.person_id for m in room.people}
    fixed: dict[int, int] = {}
    for index, spec in enumerate(room.groups):
        if spec.locked:
            for person_id in spec.members:
                if person_id in present:
                    fixed.setdefault(person_id, index)
    for person_id, index in sorted(room.pins.items()):
        if person_id in present and 0 <= index < len(room.groups):
            fixed.setdefault(person_id, index)
    return fixed


def check(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    """Every rule this split breaks, in words, most important rule first."""
    return [
        *_pins(room, groups),
        *_together(room, groups),
        *_needs(room, groups),
        *_apart(room, groups),
        *_sizes(room, groups),
        *_staff_majorities(room, groups),
        *_lone_voices(room, groups),
        *_roles(room, groups),
    ]


def _where(groups: Sequence[Sequence[int]]) -> dict[int, int]:
    return {person: index for index, members in enumerate(groups) for person in members}


def _names(room: Room) -> dict[int, str]:
    return {m.person_id: m.name for m in room.people}


def _pins(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    where, names, mates = _where(groups), _names(room), together_groups(room)
    fixed = fixed_places(room)
    broken = []
    for person, index in fixed.items():
        now = where.get(person)
        if now is None or now == index:
            continue
        pinned_there = [
            p for p, g in fixed.items() if g == now and p != person and mates[p] == mates[person]
        ]
        wanted, actual = room.groups[index].name, room.groups[now].name
        cause = (
            f" to stay with {names[pinned_there[0]]}, who is pinned there" if pinned_there else ""
        )
        broken.append(
            Broken(
                Rule.PINNED, f"{names[person]} was pinned to {wanted} but is in {actual}{cause}."
            )
        )
    return broken


def _together(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    where, names = _where(groups), _names(room)
    return [
        Broken(
            Rule.TOGETHER,
            f"{names[link.person_id]} and {names[link.other_id]} must sit together"
            f" but are in {room.groups[where[link.person_id]].name}"
            f" and {room.groups[where[link.other_id]].name}.",
        )
        for link in room.together
        if link.person_id in where
        and link.other_id in where
        and where[link.person_id] != where[link.other_id]
    ]


def _needs(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    where, fixed = _where(groups), fixed_places(room)
    broken = []
    for member in room.people:
        index = where.get(member.person_id)
        if index is None:
            continue
        group = room.groups[index]
        for need in sorted(member.needs - group.facilities):
            if not any(need in g.facilities for g in room.groups):
                why = (
                    f"no group's place has {need.label}. Mark the place that has it (e on the"
                    " group), then balance again (r)"
                )
            elif member.person_id in fixed:
                why = f"they are pinned to {group.name}, whose place does not have it"
            else:
                why = f"{group.name}'s place does not have it"
            broken.append(
                Broken(Rule.NEEDS, f"{member.name} needs {need.label}, but {why}.", index)
            )
    return broken


def _apart(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    where, names, mates = _where(groups), _names(room), together_groups(room)
    broken = []
    for a, b in room.apart:
        if a not in where or b not in where or where[a] != where[b]:
            continue
        if mates[a] == mates[b]:
            why = "the people they come with keep them in the same group"
        else:
            why = f"both are in {room.groups[where[a]].name}"
        broken.append(
            Broken(
                Rule.APART, f"{names[a]} and {names[b]} are to be kept apart, but {why}.", where[a]
            )
        )
    return broken


def _sizes(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    sizes = [len(members) for members in groups]
    if not sizes or max(sizes) - min(sizes) <= 1:
        return []
    return [
        Broken(
            Rule.SIZES,
            f"Groups range from {min(sizes)} to {plural(max(sizes), 'person', 'people')}.",
        )
    ]


def _counts(room: Room, members: Sequence[int]) -> tuple[int, int]:
    roles = {m.person_id: m.role for m in room.people}
    community = sum(1 for p in members if is_community(roles[p]))
    staff = sum(1 for p in members if is_staff(roles[p]))
    return community, staff


def _lone_voices(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    names, roles = _names(room), {m.person_id: m.role for m in room.people}
    total_community = sum(1 for m in room.people if is_community(m.role))
    broken = []
    for index, members in enumerate(groups):
        community, staff = _counts(room, members)
        if community != 1 or staff == 0:
            continue
        lone = next(p for p in members if is_community(roles[p]))
        hint = (
            " There are not enough people with lived experience and carers for two in "
            "every group: fewer groups would help."
            if total_community < 2 * len(groups)
            else ""
        )
        broken.append(
            Broken(
                Rule.LONE_VOICE,
                f"In {room.groups[index].name}, {names[lone]} is the only person with lived "
                f"experience or caring for someone, with {plural(staff, 'member')} of staff.{hint}",
                index,
            )
        )
    return broken


def _staff_majorities(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    counts = [_counts(room, members) for members in groups]
    outnumbered = [i for i, (community, staff) in enumerate(counts) if staff > community]
    if not outnumbered:
        return []
    community_total = sum(1 for m in room.people if is_community(m.role))
    staff_total = sum(1 for m in room.people if is_staff(m.role))
    if staff_total > community_total:
        return [
            Broken(
                Rule.STAFF_MAJORITY,
                f"There are more staff ({staff_total}) than people with lived experience and "
                f"carers ({community_total}) in the room, so "
                f"{plural(len(outnumbered), 'group has', 'groups have')} more staff.",
            )
        ]
    return [
        Broken(
            Rule.STAFF_MAJORITY,
            f"{room.groups[i].name} has {counts[i][1]} staff and "
            f"{plural(counts[i][0], 'person', 'people')} with lived experience or caring.",
            i,
        )
        for i in outnumbered
    ]


def role_counts(room: Room, groups: Sequence[Sequence[int]]) -> dict[Role, list[int]]:
    """For each role in the room, how many of it each group has."""
    roles = {m.person_id: m.role for m in room.people}
    present = sorted({m.role for m in room.people}, key=list(Role).index)
    return {
        role: [sum(1 for p in members if roles[p] is role) for members in groups]
        for role in present
    }


def _roles(room: Room, groups: Sequence[Sequence[int]]) -> list[Broken]:
    return [
        Broken(
            Rule.ROLES,
            f"Groups have between {min(counts)} and {max(counts)} people in the role"
            f" “{role.label}”.",
        )
        for role, counts in role_counts(room, groups).items()
        if counts and max(counts) - min(counts) > 1
    ]


def quality(room: Room, groups: Sequence[Sequence[int]]) -> Quality:
    sizes = [len(members) for members in groups] or [0]
    gaps = [max(c) - min(c) for c in role_counts(room, groups).values() if c]
    return Quality(
        size_gap=max(sizes) - min(sizes),
        role_gap=max(gaps, default=0),
        repeats=repeat_pairs(room.history, groups),
    )


def reasons(room: Room, groups: Sequence[Sequence[int]], person_id: int) -> list[str]:
    """Why this person is in their group, in words the facilitator can say aloud."""
    where, names = _where(groups), _names(room)
    index = where.get(person_id)
    if index is None:
        return []
    spec = room.groups[index]
    said: list[str] = []
    if spec.locked and person_id in spec.members:
        said.append("the group is locked")
    elif room.pins.get(person_id) == index:
        said.append("pinned to this group")
    for link in room.together:
        other = link.other_id if link.person_id == person_id else link.person_id
        if person_id not in (link.person_id, link.other_id) or where.get(other) != index:
            continue
        if not link.relation:
            said.append(f"kept with {names[other]}")
        elif link.person_id == person_id:
            said.append(f"with their {link.relation} {names[other]}")
        else:
            said.append(f"with {names[other]}, as their {link.relation}")
    member = room.member(person_id)
    said.extend(PLACE_HAS[need] for need in sorted(member.needs) if need in spec.facilities)
    for a, b in room.apart:
        other = b if a == person_id else a if b == person_id else None
        if other is not None and other in where and where[other] != index:
            said.append(f"kept apart from {names[other]}")
    if room.history:
        before = _sat_with_before(room, person_id)
        again = [names[p] for p in groups[index] if p in before]
        if again:
            said.append(
                "sat with "
                + ", ".join(again[:3])
                + (" and others" if len(again) > 3 else "")
                + " before"
            )
        else:
            said.append("with people they have not sat with this session")
    return said or ["to balance the roles across groups"]


def _sat_with_before(room: Room, person_id: int) -> set[int]:
    before: set[int] = set()
    for round_groups in room.history:
        for members in round_groups:
            if person_id in members:
                before.update(p for p in members if p != person_id)
    return before


def repeat_pairs(
    history: Iterable[Sequence[Sequence[int]]], groups: Sequence[Sequence[int]]
) -> int:
    """How many pairs in these groups already sat together in an earlier round."""
    before: set[frozenset[int]] = set()
    for round_groups in history:
        for members in round_groups:
            before.update(frozenset(pair) for pair in itertools.combinations(members, 2))
    return sum(
        1
        for members in groups
        for pair in itertools.combinations(members, 2)
        if frozenset(pair) in before
    )
