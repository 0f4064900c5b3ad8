"""Catching up when a session runs behind: new timings for the items still to come.

The overrun is shared across the items not yet started, in proportion to their
minutes and in whole minutes. Breaks and the close are kept as they are (people need
the break, and the close is where "what happens next" is said), and no item is cut
below a floor of five minutes (or its own length, if shorter).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import floor

from sessions.display import format_minutes
from sessions.models import AgendaItem, AgendaKind
from sessions.run import ItemRun, Phase, RunState, nearest_time

FLOOR_MINUTES = 5
"""The shortest an item is cut to: less than this is not worth starting."""

PROTECTED = (AgendaKind.BREAK, AgendaKind.CLOSE)


@dataclass(frozen=True)
class Retiming:
    """One item's proposed new length."""

    item: AgendaItem
    old: int
    new: int

    @property
    def words(self) -> str:
        """'Discussion 30 → 24 min'."""
        return f"{self.item.title} {self.old} → {self.new} min"


@dataclass(frozen=True)
class Proposal:
    """New timings for the rest of the session, and what they cannot make up."""

    behind: int
    """Minutes behind the plan when proposed."""
    changes: tuple[Retiming, ...]
    kept: tuple[AgendaItem, ...]
    """Breaks and the close still to come, left as they are."""
    finish: dt.datetime
    """When the session would end with the new timings."""

    @property
    def absorbed(self) -> int:
        return sum(change.old - change.new for change in self.changes)

    @property
    def unabsorbed(self) -> int:
        return self.behind - self.absorbed

    @property
    def summary(self) -> str:
        """What the proposal does, and what it cannot do, in plain words."""
        behind = format_minutes(self.behind)
        if not self.changes:
            return (
                f"The session is {behind} behind, but nothing still to come can be "
                f"shortened: {self._why_not()}"
            )
        said = (
            f"The session is {behind} behind. Shortening the items still to come "
            f"makes up {format_minutes(self.absorbed)}"
        )
        if self.unabsorbed == 0:
            return said + ", so it would finish on time."
        return (
            said + f". The other {format_minutes(self.unabsorbed)} cannot be made up: "
            f"{self._why_not()} It would finish at {nearest_time(self.finish)}."
        )

    @property
    def kept_words(self) -> str:
        """'Kept as planned: Break, What happens next.' or ''."""
        if not self.kept:
            return ""
        return "Kept as planned: " + ", ".join(item.title for item in self.kept) + "."

    def _why_not(self) -> str:
        return (
            f"no item is cut below {FLOOR_MINUTES} min, and breaks and the close "
            "are kept as planned."
        )


def propose(state: RunState) -> Proposal | None:
    """New timings sharing the overrun; None when the session is not behind."""
    behind = state.behind_minutes
    if behind <= 0 or state.phase is Phase.FINISHED:
        return None
    coming = [run for run in state.still_to_come if run.started is None]
    kept = tuple(run.item for run in coming if run.item.kind in PROTECTED)
    cuttable = [run for run in coming if run.item.kind not in PROTECTED]
    caps = [_cap(run) for run in cuttable]
    cuts = share(behind, [run.allowance_minutes for run in cuttable], caps)
    changes = tuple(
        Retiming(run.item, run.allowance_minutes, run.allowance_minutes - cut)
        for run, cut in zip(cuttable, cuts, strict=True)
        if cut
    )
    absorbed = sum(change.old - change.new for change in changes)
    finish = state.projected_finish - dt.timedelta(minutes=absorbed)
    return Proposal(behind=behind, changes=changes, kept=kept, finish=finish)


def _cap(run: ItemRun) -> int:
    """How many minutes can come off an item without going below the floor."""
    allowance = run.allowance_minutes
    floor_at = min(FLOOR_MINUTES, allowance)
    return max(0, min(allowance - floor_at, run.item.minutes - 1))


def share(total: int, weights: Sequence[int], caps: Sequence[int]) -> list[int]:
    """Split `total` whole units in proportion to `weights`, none above its cap.

    What a capped share cannot take is spread over the others; the fractions left by
    rounding go to the largest remainders, earlier items first on a tie.
    """
    target = min(total, sum(caps))
    ideal = [Fraction(0)] * len(weights)
    open_ = [i for i, cap in enumerate(caps) if cap > 0 and weights[i] > 0]
    left = Fraction(target)
    while left > 0 and open_:
        weight = sum(weights[i] for i in open_)
        full = [i for i in open_ if left * weights[i] / weight >= caps[i] - ideal[i]]
        if not full:
            for i in open_:
                ideal[i] += left * weights[i] / weight
            break
        for i in full:
            left -= caps[i] - ideal[i]
            ideal[i] = Fraction(caps[i])
            open_.remove(i)
    whole = [floor(part) for part in ideal]
    spare = target - sum(whole)
    order = sorted(range(len(ideal)), key=lambda i: (-(ideal[i] - whole[i]), i))
    for i in order:
        if spare <= 0:
            break
        if whole[i] < caps[i]:
            whole[i] += 1
            spare -= 1
    return whole
