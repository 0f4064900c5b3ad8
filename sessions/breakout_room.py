"""The plain data a breakout split works on and gives back (see sessions.breakouts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sessions.models import LabelledEnum, Need, Role

__all__ = ["Broken", "GroupSpec", "Member", "Need", "Room", "Rule", "Split", "Together"]


class Rule(LabelledEnum):
    """The rules of a fair split, most important first."""

    PINNED = "pinned", "Pinned people stay in their group"
    TOGETHER = "together", "People who come together sit together"
    NEEDS = "needs", "Step-free access and hearing loops where needed"
    APART = "apart", "People who asked to be apart are apart"
    SIZES = "sizes", "Group sizes within one of each other"
    STAFF_MAJORITY = "staff_majority", "Staff do not outnumber lived experience and carers"
    LONE_VOICE = "lone_voice", "Nobody is the lone voice among staff"
    ROLES = "roles", "Each role spread evenly"


RULE_SHORT = {
    Rule.PINNED: "pinned elsewhere",
    Rule.TOGETHER: "pair split",
    Rule.NEEDS: "access",
    Rule.APART: "kept apart",
    Rule.SIZES: "size",
    Rule.LONE_VOICE: "lone voice",
    Rule.STAFF_MAJORITY: "more staff",
    Rule.ROLES: "roles",
}
"""A word or two for a rule, where a table has no room for the sentence."""


@dataclass(frozen=True)
class Broken:
    """One rule a split breaks, said in words a facilitator can repeat to the room."""

    rule: Rule
    words: str
    group: int | None = None
    """The group it is about (its index), when it is about one group."""


@dataclass(frozen=True)
class Member:
    """Someone to place in a group."""

    person_id: int
    name: str
    role: Role
    needs: frozenset[Need] = frozenset()


@dataclass(frozen=True)
class GroupSpec:
    """A group as the facilitator set it up: its name, what its place has, and
    (when locked) the people it keeps."""

    name: str
    facilities: frozenset[Need] = frozenset()
    locked: bool = False
    members: tuple[int, ...] = ()
    """Who is in it now; kept as they are only when the group is locked."""


@dataclass(frozen=True)
class Together:
    """`other_id` must sit with `person_id`: as their carer, PA or interpreter (`relation`,
    in words), or simply because they asked (`relation` empty)."""

    person_id: int
    other_id: int
    relation: str = ""


@dataclass(frozen=True)
class Room:
    """Everything the split needs to know, as plain data."""

    people: tuple[Member, ...]
    groups: tuple[GroupSpec, ...]
    together: tuple[Together, ...] = ()
    apart: tuple[tuple[int, int], ...] = ()
    pins: Mapping[int, int] = field(default_factory=dict)
    """Person -> the index of the group they are pinned to."""
    history: tuple[tuple[tuple[int, ...], ...], ...] = ()
    """Earlier rounds in the same session, each as its groups' members."""

    def member(self, person_id: int) -> Member:
        return self.members_by_id[person_id]

    @cached_property
    def members_by_id(self) -> dict[int, Member]:
        return {member.person_id: member for member in self.people}


@dataclass(frozen=True)
class Split:
    """Who is in which group (by the room's group order), and what that breaks."""

    groups: tuple[tuple[int, ...], ...]
    broken: tuple[Broken, ...] = ()
    """The rules this split breaks, most important first."""

    def group_of(self, person_id: int) -> int | None:
        for index, members in enumerate(self.groups):
            if person_id in members:
                return index
        return None
