"""Deciding together in the room: options, voting rules, ballots and results.

A session may ask the people in the room to decide something together: which
priorities matter most, or which community proposals a small budget funds. People
vote by dot-voting (each person has a few dots to place), by ranking their top few
(counted by the Borda count, see `sessions.decide.borda_points`), or for a community
budget by dot-voting and then funding the proposals in order of dots until the money
runs out. Every amount is integer pence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sessions.models import LabelledEnum


class VoteMethod(LabelledEnum):
    DOTS = "dots", "Dot-voting"
    RANKING = "ranking", "Ranking (Borda count)"
    BUDGET = "budget", "Community budget"

    @property
    def uses_dots(self) -> bool:
        """Dot-voting and a community budget both count dots; ranking counts places."""
        return self is not VoteMethod.RANKING


@dataclass(frozen=True)
class Option:
    """One thing to decide on: a priority, or a proposal with its cost."""

    title: str
    proposed_by: str = ""
    description: str = ""
    cost_pence: int | None = None
    id: int | None = None
    position: int = 0


@dataclass(frozen=True)
class DecisionRules:
    """How the room votes.

    Dot-voting: each person has `dots_per_person` dots and may put more than one on the
    same option when `may_stack`. Ranking: each person orders up to their top
    `rank_top`. Community budget: people dot-vote as above; the options are ranked by
    dots and funded in that order until `budget_pence` runs out, skipping any that no
    longer fit.
    """

    method: VoteMethod = VoteMethod.DOTS
    dots_per_person: int = 3
    may_stack: bool = True
    rank_top: int = 3
    budget_pence: int | None = None


@dataclass(frozen=True)
class Ballot:
    """One person's vote.

    Dots (and budget): the option ids the person put a dot on, repeated when stacked.
    Ranking: option ids in order, first choice first.
    """

    person_id: int
    choices: tuple[int, ...] = ()


@dataclass(frozen=True)
class Tally:
    """Dots counted off a wall: dots per option (option id -> dots) and how many people
    voted. Tallies are for dot-voting and budgets; ranking is recorded per person."""

    counts: dict[int, int] = field(default_factory=dict)
    voters: int = 0


@dataclass(frozen=True)
class ResultLine:
    """One option in the result."""

    option: Option
    points: int
    place: int
    """1 is the top; tied options share a place (1, 1, 3)."""
    tied: bool = False
    """Another option has the same points (options nobody chose are not called tied)."""
    funded: bool | None = None
    """Community budget only: whether the money funds it. None for other methods."""
    note: str = ""
    """In words: 'Tied with Bus pass help.', 'Not funded: £4,000.00 needed and £2,500.00
    left.'"""


@dataclass(frozen=True)
class DecisionResult:
    """The counted result, best first."""

    lines: tuple[ResultLine, ...] = ()
    voters: int = 0
    total_points: int = 0
    money_left_pence: int | None = None
    """Community budget only: the budget less what is funded."""
    frozen_at: dt.datetime | None = None

    @property
    def funded(self) -> tuple[ResultLine, ...]:
        return tuple(line for line in self.lines if line.funded)

    @property
    def funded_pence(self) -> int:
        return sum(line.option.cost_pence or 0 for line in self.funded)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None
