"""Counting votes, as pure functions: nothing here reads the data file.

Three methods (`VoteMethod`):

- Dot-voting: each dot is one point; an option's points are the dots on it.
- Ranking, counted by the Borda count for partial rankings: each person orders up to
  their top K (`rank_top`); a first choice earns K points, a second K-1, and so on down
  to 1 point for a K-th choice (`borda_points`). Options a person did not rank earn
  nothing from them.
- Community budget: people dot-vote; options are ranked by dots and funded in that
  order while the money lasts. An option that no longer fits is skipped (and the note
  says so) and counting carries on down the list, so a cheaper option lower down may
  still be funded and some money may be left unspent. Options nobody voted for are not
  funded. Tied options are funded together when the money covers all of them; when it
  does not, none of them is funded and the note asks the room to break the tie.

Ties are named as ties: options with the same points share a place (1, 1, 3) and are
marked tied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby

from sessions.decide_models import (
    Ballot,
    DecisionResult,
    DecisionRules,
    Option,
    ResultLine,
    Tally,
    VoteMethod,
)
from sessions.display import plural
from sessions.money import pounds

MOST_DOTS = 20
"""The most dots anyone may be given: more than this is a typing slip."""
MOST_RANKED = 10


def borda_points(rank_top: int, position: int) -> int:
    """Points for one choice under the Borda count for partial rankings.

    With a top `rank_top` (K), the first choice (`position` 0) earns K points, the
    second K-1, and so on down to 1 point for the K-th; anything after earns 0.
    """
    if position < 0:
        return 0
    return max(0, rank_top - position)


def check_rules(rules: DecisionRules) -> list[str]:
    """What is wrong with the voting rules, in words (nothing when they are fine)."""
    problems: list[str] = []
    if rules.method.uses_dots and not 1 <= rules.dots_per_person <= MOST_DOTS:
        problems.append(f"Give each person between 1 and {MOST_DOTS} dots.")
    if rules.method is VoteMethod.RANKING and not 1 <= rules.rank_top <= MOST_RANKED:
        problems.append(f"Ask people to rank between 1 and {MOST_RANKED} choices.")
    if rules.method is VoteMethod.BUDGET:
        if rules.budget_pence is None:
            problems.append("Type the budget to share out, for example 10000.")
        elif rules.budget_pence <= 0:
            problems.append("The budget must be more than nothing.")
    return problems


def check_options(rules: DecisionRules, options: Sequence[Option]) -> list[str]:
    """What stops these options being voted on, in words."""
    problems: list[str] = []
    if rules.method is VoteMethod.BUDGET:
        for option in options:
            if option.cost_pence is None:
                problems.append(f"“{option.title}” needs a cost for the community budget.")
            elif option.cost_pence <= 0:
                problems.append(f"“{option.title}” must cost more than nothing.")
    return problems


def _titles(options: Sequence[Option]) -> dict[int, str]:
    return {option.id: option.title for option in options if option.id is not None}


def check_ballot(rules: DecisionRules, options: Sequence[Option], ballot: Ballot) -> list[str]:
    """What is wrong with one person's vote under these rules, in words.

    Dots: at most `dots_per_person`, on options that are there, and one per option
    unless dots may be stacked. Ranking: at most `rank_top` choices, each option once.
    """
    titles = _titles(options)
    problems: list[str] = []
    if not ballot.choices:
        problems.append(
            "Choose at least one option."
            if rules.method is VoteMethod.RANKING
            else "Place at least one dot."
        )
        return problems
    if any(choice not in titles for choice in ballot.choices):
        problems.append("A choice is not one of the options any more. Choose again.")
        return problems
    given = len(ballot.choices)
    repeated = [titles[choice] for choice, times in Counter(ballot.choices).items() if times > 1]
    if rules.method is VoteMethod.RANKING:
        most = min(rules.rank_top, len(titles))
        if given > most:
            problems.append(f"Each person ranks at most their top {most}: this vote ranks {given}.")
        if repeated:
            problems.append(f"“{repeated[0]}” is ranked more than once. Rank each option once.")
        return problems
    if given > rules.dots_per_person:
        problems.append(
            f"Each person has {plural(rules.dots_per_person, 'dot')}: this vote places {given}."
        )
    if repeated and not rules.may_stack:
        problems.append(
            f"“{repeated[0]}” has more than one dot from the same person, and dots may not "
            "be stacked here."
        )
    return problems


def check_tally(rules: DecisionRules, options: Sequence[Option], tally: Tally) -> list[str]:
    """What is wrong with dots counted off the wall, in words.

    The dots cannot be more than the voters could place between them, and without
    stacking no option can have more dots than there were voters.
    """
    if rules.method is VoteMethod.RANKING:
        return ["Rankings are recorded person by person, not as totals."]
    titles = _titles(options)
    problems: list[str] = []
    if tally.voters < 0:
        problems.append("The number of people who voted cannot be less than nothing.")
    if any(option_id not in titles for option_id in tally.counts):
        problems.append("A count is for an option that is not there any more.")
    if any(dots < 0 for dots in tally.counts.values()):
        problems.append("A number of dots cannot be less than nothing.")
    if problems:
        return problems
    total = sum(tally.counts.values())
    most = tally.voters * rules.dots_per_person
    if total > most:
        problems.append(
            f"{plural(total, 'dot')} is more than {plural(tally.voters, 'person', 'people')} "
            f"with {plural(rules.dots_per_person, 'dot')} each could place ({most:,})."
        )
    if not rules.may_stack:
        for option_id, dots in tally.counts.items():
            if dots > tally.voters:
                problems.append(
                    f"“{titles[option_id]}” has {plural(dots, 'dot')} from "
                    f"{plural(tally.voters, 'person', 'people')}, and dots may not be "
                    "stacked here."
                )
                break
    return problems


def points_by_option(rules: DecisionRules, ballots: Iterable[Ballot]) -> Counter[int]:
    """Points each option earns from these ballots (option id -> points)."""
    points: Counter[int] = Counter()
    for ballot in ballots:
        if rules.method is VoteMethod.RANKING:
            for position, choice in enumerate(ballot.choices):
                points[choice] += borda_points(rules.rank_top, position)
        else:
            points.update(ballot.choices)
    return points


def count(
    rules: DecisionRules, options: Sequence[Option], ballots: Sequence[Ballot]
) -> DecisionResult:
    """The result of people's votes, best first. Ballots are counted as given: check
    them with `check_ballot` before they are kept."""
    points = points_by_option(rules, ballots)
    return _result(rules, options, points, voters=len(ballots))


def count_tally(rules: DecisionRules, options: Sequence[Option], tally: Tally) -> DecisionResult:
    """The result of dots counted off the wall, best first."""
    return _result(rules, options, Counter(tally.counts), voters=tally.voters)


def count_with_tally(
    rules: DecisionRules, options: Sequence[Option], ballots: Sequence[Ballot], tally: Tally
) -> DecisionResult:
    """The result when some people voted in the app and dots were also counted off the
    wall: both sets of dots together, and both sets of voters."""
    points = points_by_option(rules, ballots)
    points.update(tally.counts)
    return _result(rules, options, points, voters=len(ballots) + tally.voters)


def _joined(titles: list[str]) -> str:
    quoted = [f"“{title}”" for title in titles]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _result(
    rules: DecisionRules, options: Sequence[Option], points: Counter[int], voters: int
) -> DecisionResult:
    ordered = sorted(options, key=lambda o: (-points.get(o.id, 0), o.position))
    groups = [list(group) for _, group in groupby(ordered, key=lambda o: points.get(o.id, 0))]
    budget = rules.method is VoteMethod.BUDGET
    left = rules.budget_pence or 0
    lines: list[ResultLine] = []
    place = 1
    for group in groups:
        got = points.get(group[0].id, 0)
        tied = len(group) > 1 and got > 0
        funding: list[tuple[bool, str]] = []
        if budget:
            funding, left = _fund(group, got, left)
        for index, option in enumerate(group):
            notes = []
            if tied:
                others = [o.title for o in group if o is not option]
                notes.append(f"Tied with {_joined(others)}.")
            funded = None
            if budget:
                funded, words = funding[index]
                notes.append(words)
            lines.append(
                ResultLine(
                    option=option,
                    points=got,
                    place=place,
                    tied=tied,
                    funded=funded,
                    note=" ".join(notes),
                )
            )
        place += len(group)
    return DecisionResult(
        lines=tuple(lines),
        voters=voters,
        total_points=sum(points.get(o.id, 0) for o in options),
        money_left_pence=left if budget else None,
    )


def _fund(group: list[Option], got: int, left: int) -> tuple[list[tuple[bool, str]], int]:
    """Fund a group of options with the same points from the money left: all of them, or
    none when they are tied and the money does not cover them all. Gives, for each
    option in the group, whether it is funded and why in words, and the money left."""
    if got == 0:
        return [(False, "Not funded: no votes.")] * len(group), left
    costed = [o for o in group if o.cost_pence is not None]
    needed = sum(o.cost_pence or 0 for o in costed)
    fits = needed <= left
    decided: list[tuple[bool, str]] = []
    for option in group:
        cost = option.cost_pence
        if cost is None:
            decided.append((False, "Not funded: no cost given."))
        elif fits:
            decided.append((True, f"Funded: {pounds(cost)}."))
        elif len(costed) > 1 and cost <= left:
            decided.append(
                (
                    False,
                    f"Not funded: tied, and the {pounds(left)} left cannot fund "
                    f"{'both' if len(costed) == 2 else 'them all'} ({pounds(needed)} needed). "
                    "The room breaks the tie.",
                )
            )
        else:
            decided.append((False, f"Not funded: {pounds(cost)} needed and {pounds(left)} left."))
    return decided, left - needed if fits else left
