"""Breakout groups that share power fairly: the split, as pure functions over plain data.

A `Room` says who is there, which groups there are (and what each group's place has),
who must sit together, who asked to be apart, who is pinned where, and who sat with
whom in earlier rounds. `split_room` returns the best split it can find and, in
words, every rule that split still breaks (see `sessions.breakout_rules`).

The rules, most important first (a split never breaks one to keep a later one):

1. people pinned to a group (and everyone in a locked group) stay there;
2. people who must be together (a person and their carer, personal assistant or
   interpreter) are in the same group;
3. people who need step-free access or a hearing loop are in a group whose place has it;
4. people who asked to be apart are in different groups;
5. group sizes are within one of each other;
6. no group has more staff than people with lived experience and carers;
7. nobody with lived experience, and no carer, is the lone voice among staff;
8. each voice, then each role, is spread as evenly as it can be;
9. as few pairs as possible sit together again after an earlier round (and of those,
   pairs who have met more often are split first).

Staff majorities come before lone voices because the only way to spare a lone voice
when there are too few people with lived experience and carers for two in each group
with staff is to wall the staff off in a group of their own, which is worse.
Needs are counted one by one: someone who needs step-free access and a hearing loop
gets at least one of them when no place has both.

Rules 1 and 2 hold by construction (a pin that would split a pair gives way to the
pair). The rest are weighed in one cost whose weights keep that order, minimised by
a greedy deal and then local moves and swaps; small rooms are searched exhaustively.
A seed makes the same room give the same split.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sessions.breakout_room import GroupSpec, Member, Need, Room, Split, Together
from sessions.breakout_rules import check, repeat_pairs
from sessions.models import VOICE_OF_ROLE, Role, Voice

__all__ = [
    "GroupSpec",
    "Member",
    "Need",
    "Room",
    "Split",
    "Together",
    "repeat_pairs",
    "split_room",
]

EXHAUSTIVE_LIMIT = 4096
"""Rooms with at most this many possible splits are searched in full."""
SWAP_CANDIDATES = 40
"""How many same-role people a repeat-reducing swap looks at, to keep big rooms fast."""


# --- voices and weights --------------------------------------------------------

COMMUNITY, STAFF, OTHERS = 0, 1, 2
"""People with lived experience and carers; staff (with commissioners and providers); others."""
VOICE_INDEX = {
    Voice.LIVED_EXPERIENCE: COMMUNITY,
    Voice.CARER: COMMUNITY,
    Voice.STAFF: STAFF,
    Voice.OTHER: OTHERS,
}
ROLES = tuple(Role)
ROLE_INDEX = {role: index for index, role in enumerate(ROLES)}


def voice_of(role: Role) -> int:
    return VOICE_INDEX[VOICE_OF_ROLE[role]]


# Each weight is larger than anything all the rules below it can add up to in a room
# of up to a few thousand people, so a lower rule never outweighs a higher one.
W_MET_BEFORE = 1
"""Per earlier round a pair shared: only tells apart splits with as many repeat pairs."""
W_REPEAT = 10**4
"""Per pair sitting together again, however often they met: the figure a user sees."""
W_ROLE = 10**12
W_VOICE = 10**20
W_LONE = 10**28
W_MAJORITY = 10**32
W_SIZE = 10**36
W_APART = 10**44
W_NEED = 10**48


def group_cost(size: int, voices: Sequence[int], roles: Sequence[int], unmet: int) -> int:
    """What one group adds to the cost, from its counts alone."""
    community, staff = voices[COMMUNITY], voices[STAFF]
    cost = W_NEED * unmet + W_SIZE * size * size
    if staff > community:
        cost += W_MAJORITY * (staff - community)
    if community == 1 and staff >= 1:
        cost += W_LONE
    cost += W_VOICE * sum(v * v for v in voices)
    cost += W_ROLE * sum(r * r for r in roles)
    return cost


# --- the working state ----------------------------------------------------------


@dataclass
class _Unit:
    """People who go together: one person, or a person with those who come with them."""

    people: list[int]
    """Indexes into the room's people."""
    voices: list[int]
    roles: list[int]
    needs: list[frozenset[Need]]
    fixed: int | None = None
    """The group it must be in, if pinned or in a locked group."""
    main_voice: int = 0
    main_role: int = 0

    def __post_init__(self) -> None:
        self.size = len(self.people)
        self.community = self.voices.count(COMMUNITY)
        self.staff = self.voices.count(STAFF)
        self.needy = any(self.needs)


class _Search:
    """The split being worked on: counts per group, kept up to date on every move."""

    def __init__(self, room: Room, seed: int) -> None:
        self.room = room
        self.rng = random.Random(seed)
        self.people = sorted(room.people, key=lambda m: m.person_id)
        self.index = {m.person_id: i for i, m in enumerate(self.people)}
        self.n_groups = len(room.groups)
        self.facilities = [g.facilities for g in room.groups]
        self.locked = [g.locked for g in room.groups]
        self.units = self._units()
        self.unit_of = [0] * len(self.people)
        for u, unit in enumerate(self.units):
            for p in unit.people:
                self.unit_of[p] = u
        self.apart = self._apart_partners()
        self.history = self._history_partners()
        self.pair_stake = [
            sum(
                W_APART * sum(self.apart[p].values()) + sum(self.history[p].values())
                for p in unit.people
            )
            for unit in self.units
        ]
        """The most a unit's pairs could add to or take off the cost."""
        self.kind: list[object] = [
            ("needs", u) if unit.needy else tuple(sorted(unit.roles))
            for u, unit in enumerate(self.units)
        ]
        """Units of one kind change a group's counts alike."""
        self.group_of_person = [-1] * len(self.people)
        self.group_of_unit = [-1] * len(self.units)
        self.size = [0] * self.n_groups
        self.voices = [[0, 0, 0] for _ in range(self.n_groups)]
        self.roles = [[0] * len(ROLES) for _ in range(self.n_groups)]
        self.unmet = [0] * self.n_groups
        self.members: list[set[int]] = [set() for _ in range(self.n_groups)]
        self.cost_now: list[int | None] = [None] * self.n_groups
        """Each group's cost, worked out again only after it changes."""
        """Units in each group."""
        total = len(self.people)
        self.base, self.extra = divmod(total, self.n_groups) if self.n_groups else (0, 0)
        self.voice_totals = [0, 0, 0]
        self.role_totals = [0] * len(ROLES)
        for m in self.people:
            self.voice_totals[voice_of(m.role)] += 1
            self.role_totals[ROLE_INDEX[m.role]] += 1

    # --- building the units ---

    def _units(self) -> list[_Unit]:
        parent = list(range(len(self.people)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for link in self.room.together:
            a, b = self.index.get(link.person_id), self.index.get(link.other_id)
            if a is not None and b is not None:
                parent[find(a)] = find(b)
        clusters: dict[int, list[int]] = {}
        for i in range(len(self.people)):
            clusters.setdefault(find(i), []).append(i)
        fixed_of = self._fixed_groups()
        units = []
        for people in sorted(clusters.values()):
            voices = [voice_of(self.people[p].role) for p in people]
            roles = [ROLE_INDEX[self.people[p].role] for p in people]
            pins = [fixed_of[p] for p in people if p in fixed_of]
            units.append(
                _Unit(
                    people=people,
                    voices=voices,
                    roles=roles,
                    needs=[self.people[p].needs for p in people],
                    fixed=Counter(pins).most_common(1)[0][0] if pins else None,
                    main_voice=min(voices),
                    main_role=min(roles),
                )
            )
        return units

    def _fixed_groups(self) -> dict[int, int]:
        """Person index -> group, for the pinned and those in locked groups."""
        fixed: dict[int, int] = {}
        for g, spec in enumerate(self.room.groups):
            if spec.locked:
                for person_id in spec.members:
                    if person_id in self.index:
                        fixed.setdefault(self.index[person_id], g)
        for person_id, g in sorted(self.room.pins.items()):
            if person_id in self.index and 0 <= g < self.n_groups:
                fixed.setdefault(self.index[person_id], g)
        return fixed

    def _apart_partners(self) -> list[dict[int, int]]:
        partners: list[dict[int, int]] = [{} for _ in self.people]
        for a_id, b_id in self.room.apart:
            a, b = self.index.get(a_id), self.index.get(b_id)
            if a is not None and b is not None and a != b:
                partners[a][b] = 1
                partners[b][a] = 1
        return partners

    def _history_partners(self) -> list[dict[int, int]]:
        """Per person: everyone they sat with before, and what sitting together again costs."""
        partners: list[dict[int, int]] = [{} for _ in self.people]
        for round_groups in self.room.history:
            for members in round_groups:
                here = [self.index[p] for p in members if p in self.index]
                for a, b in itertools.combinations(here, 2):
                    cost = partners[a].get(b, W_REPEAT) + W_MET_BEFORE
                    partners[a][b] = partners[b][a] = cost
        return partners

    # --- moving people ---

    def unmet_in(self, unit: _Unit, g: int) -> int:
        """How many needs of the unit's people group g's place does not meet."""
        if not unit.needy:
            return 0
        return sum(len(needs - self.facilities[g]) for needs in unit.needs)

    def place(self, u: int, g: int) -> None:
        unit = self.units[u]
        old = self.group_of_unit[u]
        if old >= 0:
            self._count(unit, old, -1)
            self.members[old].discard(u)
        self.group_of_unit[u] = g
        self.members[g].add(u)
        self._count(unit, g, 1)
        for p in unit.people:
            self.group_of_person[p] = g

    def _count(self, unit: _Unit, g: int, sign: int) -> None:
        self.size[g] += sign * unit.size
        self.cost_now[g] = None
        for v in unit.voices:
            self.voices[g][v] += sign
        for r in unit.roles:
            self.roles[g][r] += sign
        self.unmet[g] += sign * self.unmet_in(unit, g)

    def cost_of_group(self, g: int, unit: _Unit | None = None, sign: int = 0) -> int:
        """The group's cost now, or as it would be with `unit` added (+1) or taken out (-1)."""
        if unit is None:
            cost = self.cost_now[g]
            if cost is None:
                cost = self.cost_now[g] = group_cost(
                    self.size[g], self.voices[g], self.roles[g], self.unmet[g]
                )
            return cost
        size, voices, roles, unmet = self.size[g], self.voices[g], self.roles[g], self.unmet[g]
        if unit is not None:
            size += sign * unit.size
            voices = list(voices)
            roles = list(roles)
            for v in unit.voices:
                voices[v] += sign
            for r in unit.roles:
                roles[r] += sign
            unmet += sign * self.unmet_in(unit, g)
        return group_cost(size, voices, roles, unmet)

    def pair_cost(self, p: int, where: Mapping[int, int] | None = None) -> int:
        """Apart and repeat costs between person p and everyone else, counted once per pair
        from p's side; `where` overrides some people's groups (a move being weighed)."""
        where = where or {}
        mine = where.get(p, self.group_of_person[p])
        cost = 0
        for q, times in self.apart[p].items():
            if where.get(q, self.group_of_person[q]) == mine:
                cost += W_APART * times
        for q, again in self.history[p].items():
            if where.get(q, self.group_of_person[q]) == mine:
                cost += again
        return cost

    def move_delta(self, u: int, b: int) -> int:
        unit = self.units[u]
        a = self.group_of_unit[u]
        delta = self.cost_of_group(a, unit, -1) - self.cost_of_group(a)
        delta += self.cost_of_group(b, unit, 1) - self.cost_of_group(b)
        where = {p: b for p in unit.people}
        inside = set(unit.people)
        for p in unit.people:
            delta += self._pair_change(p, where, inside)
        return delta

    def swap_delta(self, u: int, v: int, worse_than: int | None = None) -> int:
        """The change in cost if u and v swap groups. When even the best the pairs could
        give leaves it at `worse_than` or more, the pairs are not weighed."""
        a, b = self.group_of_unit[u], self.group_of_unit[v]
        unit_u, unit_v = self.units[u], self.units[v]
        delta = self._group_swap(a, unit_u, unit_v) + self._group_swap(b, unit_v, unit_u)
        if worse_than is not None and delta - self.pair_stake[u] - self.pair_stake[v] >= worse_than:
            return delta
        where = {p: b for p in unit_u.people} | {p: a for p in unit_v.people}
        inside = set(where)
        for p in where:
            delta += self._pair_change(p, where, inside)
        return delta

    def _group_swap(self, g: int, out: _Unit, into: _Unit) -> int:
        size = self.size[g] - out.size + into.size
        voices, roles = list(self.voices[g]), list(self.roles[g])
        for v in out.voices:
            voices[v] -= 1
        for v in into.voices:
            voices[v] += 1
        for r in out.roles:
            roles[r] -= 1
        for r in into.roles:
            roles[r] += 1
        unmet = self.unmet[g] - self.unmet_in(out, g) + self.unmet_in(into, g)
        return group_cost(size, voices, roles, unmet) - self.cost_of_group(g)

    def _pair_change(self, p: int, where: Mapping[int, int], inside: set[int]) -> int:
        """How p's pair costs change, counting a pair inside the moving people once."""
        change = 0
        old_p, new_p = self.group_of_person[p], where[p]
        for partners, weight in ((self.apart[p], W_APART), (self.history[p], 1)):
            for q, times in partners.items():
                if q in inside and q < p:
                    continue
                before = self.group_of_person[q] == old_p
                after = where.get(q, self.group_of_person[q]) == new_p
                if before != after:
                    change += weight * times * (1 if after else -1)
        return change

    def total_cost(self) -> int:
        cost = sum(self.cost_of_group(g) for g in range(self.n_groups))
        for p in range(len(self.people)):
            for q, times in self.apart[p].items():
                if q > p and self.group_of_person[q] == self.group_of_person[p]:
                    cost += W_APART * times
            for q, again in self.history[p].items():
                if q > p and self.group_of_person[q] == self.group_of_person[p]:
                    cost += again
        return cost

    # --- finding a good split ---

    def free_units(self) -> list[int]:
        return [u for u, unit in enumerate(self.units) if unit.fixed is None]

    def open_groups(self) -> list[int]:
        return [g for g in range(self.n_groups) if not self.locked[g]] or list(range(self.n_groups))

    def solve(self) -> list[int]:
        """Place everyone; returns each person's group index (by the sorted people)."""
        if self.n_groups == 0:
            return []
        for u, unit in enumerate(self.units):
            if unit.fixed is not None:
                self.place(u, unit.fixed)
        free = self.free_units()
        groups = self.open_groups()
        if len(groups) ** len(free) <= EXHAUSTIVE_LIMIT:
            self._exhaustive(free, groups)
        else:
            self._deal(free, groups)
            self._improve(free, groups)
            if any(self.history):
                self._fewer_repeats(free)
        return list(self.group_of_person)

    def _exhaustive(self, free: list[int], groups: list[int]) -> None:
        best: tuple[int, tuple[int, ...]] | None = None
        for choice in itertools.product(groups, repeat=len(free)):
            for u, g in zip(free, choice, strict=True):
                self.place(u, g)
            cost = self.total_cost()
            if best is None or cost < best[0]:
                best = (cost, choice)
        if best is not None:
            for u, g in zip(free, best[1], strict=True):
                self.place(u, g)

    def _deal(self, free: list[int], groups: list[int]) -> None:
        """Place the hardest to place first, then deal each voice round the groups."""
        shuffled = list(groups)
        self.rng.shuffle(shuffled)  # ties go to the first group in a seeded order
        tiebreak = {u: self.rng.random() for u in free}
        order = sorted(
            free,
            key=lambda u: (
                not any(self.units[u].needs),
                -self.units[u].size,
                -len([q for p in self.units[u].people for q in self.apart[p]]),
                self.units[u].main_voice,
                self.units[u].main_role,
                tiebreak[u],
            ),
        )
        for u in order:
            unit = self.units[u]
            at_ceiling = sum(1 for s in self.size if s > self.base)
            near = self._near(unit)
            best = min(shuffled, key=lambda g: self._deal_key(unit, g, at_ceiling, near))
            self.place(u, best)

    def _deal_key(
        self, unit: _Unit, g: int, at_ceiling: int, near: Mapping[int, tuple[int, int]]
    ) -> tuple[float, ...]:
        """Lower is better: the rules in order, then fewest of this voice and role.

        People with lived experience and carers are dealt first, evenly, with no thought
        for staff yet: the staff that follow are then placed to avoid lone voices and
        staff majorities. `near` holds, per group, the unit's apart and repeat partners.
        """
        size = self.size[g]
        room_to = self.base + (1 if at_ceiling < self.extra or size > self.base else 0)
        over = max(0, size + unit.size - room_to)
        lone = majority = 0
        voices = self.voices[g]
        if unit.main_voice != COMMUNITY:
            community, staff = voices[COMMUNITY], voices[STAFF]
            after_c, after_s = community + unit.community, staff + unit.staff
            lone = (after_c == 1 and after_s >= 1) - (community == 1 and staff >= 1)
            majority = max(0, after_s - after_c) - max(0, staff - community)
        apart, repeats = near.get(g, (0, 0))
        return (
            self.unmet_in(unit, g),
            apart,
            over,
            majority,
            lone,
            voices[unit.main_voice],
            self.roles[g][unit.main_role],
            repeats,
            size,
        )

    def _near(self, unit: _Unit) -> dict[int, tuple[int, int]]:
        """Per group: how many of the unit's apart partners, and past companions, are there."""
        near: dict[int, list[int]] = {}
        for p in unit.people:
            for q in self.apart[p]:
                g = self.group_of_person[q]
                if g >= 0:
                    near.setdefault(g, [0, 0])[0] += 1
            for q, again in self.history[p].items():
                g = self.group_of_person[q]
                if g >= 0:
                    near.setdefault(g, [0, 0])[1] += again
        return {g: (a, r) for g, (a, r) in near.items()}

    def _improve(self, free: list[int], groups: list[int], rounds: int = 6) -> None:
        """Move or swap people out of groups that break a rule, while that helps."""
        movable = set(free)
        for _ in range(rounds):
            troubled = [u for u in free if self._in_trouble(u)]
            if not troubled:
                return
            self.rng.shuffle(troubled)
            improved = False
            for u in troubled:
                if self._best_change(u, groups, movable):
                    improved = True
            if not improved:
                return

    def _in_trouble(self, u: int) -> bool:
        g = self.group_of_unit[u]
        unit = self.units[u]
        voices = self.voices[g]
        n = self.n_groups
        if self.unmet[g] or not (self.base <= self.size[g] <= self.base + (1 if self.extra else 0)):
            return True
        if voices[COMMUNITY] == 1 and voices[STAFF] >= 1:
            return True
        if voices[STAFF] > voices[COMMUNITY]:
            return True
        if any(self.voices[g][v] > -(-self.voice_totals[v] // n) for v in unit.voices):
            return True
        if any(self.roles[g][r] > -(-self.role_totals[r] // n) for r in unit.roles):
            return True
        return any(q for p in unit.people for q in self.apart[p] if self.group_of_person[q] == g)

    def _best_change(self, u: int, groups: list[int], movable: set[int]) -> bool:
        a = self.group_of_unit[u]
        unit = self.units[u]
        apart_here = any(self.group_of_person[q] == a for p in unit.people for q in self.apart[p])
        best_delta, best_move = 0, None
        for b in groups:
            if b == a:
                continue
            delta = self.move_delta(u, b)
            if delta < best_delta:
                best_delta, best_move = delta, (b, None)
            known: dict[object, int] = {}  # the group change is the same for alike units
            for v in self.members[b]:
                if v not in movable:
                    continue
                kind = self.kind[v]
                if kind == self.kind[u] and not apart_here:
                    continue  # like for like changes no counts; repeats are weighed later
                if kind not in known:
                    known[kind] = self.swap_delta(u, v, worse_than=-(10**60))
                if known[kind] - self.pair_stake[u] - self.pair_stake[v] >= best_delta:
                    continue
                delta = self.swap_delta(u, v, worse_than=best_delta)
                if delta < best_delta:
                    best_delta, best_move = delta, (b, v)
        if best_move is None:
            return False
        b, v = best_move
        self.place(u, b)
        if v is not None:
            self.place(v, a)
        return True

    def _fewer_repeats(self, free: list[int], rounds: int = 3) -> None:
        """Swap single people of the same role to sit with fewer people they sat with before.

        Swapping like for like keeps every count the same, so only needs, apart and
        repeats can change: cheap to weigh, and it never undoes the balance.
        """
        singles: dict[int, list[int]] = {}
        for u in free:
            if self.units[u].size == 1:
                singles.setdefault(self.units[u].main_role, []).append(u)
        for _ in range(rounds):
            changed = False
            for u in free:
                unit = self.units[u]
                if unit.size != 1 or self.pair_cost(unit.people[0]) == 0:
                    continue
                pool = singles[unit.main_role]
                candidates = (
                    pool if len(pool) <= SWAP_CANDIDATES else self.rng.sample(pool, SWAP_CANDIDATES)
                )
                best_delta, best_v = 0, None
                for v in candidates:
                    if self.group_of_unit[v] == self.group_of_unit[u]:
                        continue
                    delta = self.swap_delta(u, v)
                    if delta < best_delta:
                        best_delta, best_v = delta, v
                if best_v is not None:
                    a, b = self.group_of_unit[u], self.group_of_unit[best_v]
                    self.place(u, b)
                    self.place(best_v, a)
                    changed = True
            if not changed:
                return


def split_room(room: Room, seed: int) -> Split:
    """The best split found for this room, with the rules it still breaks, in words.

    The same room and seed always give the same split.
    """
    if not room.groups:
        return Split(groups=())
    search = _Search(room, seed)
    placed = search.solve()
    groups: list[list[int]] = [[] for _ in room.groups]
    for i, g in enumerate(placed):
        groups[g].append(search.people[i].person_id)
    split = tuple(tuple(members) for members in groups)
    return Split(groups=split, broken=tuple(check(room, split)))
