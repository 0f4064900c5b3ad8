"""Deciding together, as typed: the forms of the Decide tab, a ballot placed key by key,
and the words and bars that show a result.

Pure functions over `sessions.decide_models`: the counting itself is in
`sessions.decide`, which decides what is allowed; this module puts it in words for the
person at the keyboard.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from sessions.decide import MOST_DOTS, MOST_RANKED, borda_points, check_ballot
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
from sessions.errors import ValidationError
from sessions.money import parse_pounds, pounds

BAR = "█"
PART_BARS = " ▏▎▍▌▋▊▉"
"""Eighths of a block, so that a short bar still differs from a slightly longer one."""
MOST_VOTERS = 100_000
TITLE_LONGEST = 120


def ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def possessive(pronouns: str) -> str:
    """'her', 'his' or 'their', from the pronouns someone gave (their, when none)."""
    first = pronouns.strip().casefold().split("/")[0].strip()
    return {"she": "her", "he": "his"}.get(first, "their")


# --- the rules, in words --------------------------------------------------------------


def borda_words(rank_top: int) -> str:
    """'first choice 3 points, second 2, third 1'."""
    parts = []
    for position in range(rank_top):
        points = borda_points(rank_top, position)
        if position == 0:
            parts.append(f"first choice {plural(points, 'point')}")
        else:
            parts.append(f"{_nth_word(position + 1)} {points}")
    return ", ".join(parts)


_NTH = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh"}


def _nth_word(number: int) -> str:
    return _NTH.get(number, ordinal(number))


def rules_words(rules: DecisionRules) -> str:
    """How this room votes, in one or two sentences."""
    if rules.method is VoteMethod.RANKING:
        return (
            f"Ranking: each person puts their top {rules.rank_top} in order, counted by the "
            f"Borda count: {borda_words(rules.rank_top)}."
        )
    stack = (
        "and may put more than one on the same option"
        if rules.may_stack
        else "at most one on each option"
    )
    dots = f"each person has {plural(rules.dots_per_person, 'dot')}, {stack}"
    if rules.method is VoteMethod.BUDGET:
        budget = pounds(rules.budget_pence) if rules.budget_pence is not None else "no budget yet"
        return (
            f"Community budget of {budget}: {dots}. Proposals are funded in order of dots "
            "until the money runs out, skipping any that no longer fit."
        )
    return f"Dot-voting: {dots}."


# --- the forms ---------------------------------------------------------------------------


def _whole(text: object, what: str, least: int, most: int) -> tuple[int | None, str]:
    typed = str(text).strip().replace(",", "")
    if not typed:
        return None, f"Type the number of {what}."
    if not typed.lstrip("-").isdigit():
        return None, f"“{typed}” is not a number of {what}. Type a whole number, like {least}."
    number = int(typed)
    if number < least:
        return None, f"Type at least {least} for the number of {what}."
    if number > most:
        return None, f"{number:,} is more than {most:,} {what}. Check the number."
    return number, ""


def rules_from_form(values: Mapping[str, Any]) -> DecisionRules:
    """The voting rules from the rules form: method, dots, stacking, top K, budget.

    Raises ValidationError naming each field that is wrong, in words."""
    problems: dict[str, str] = {}
    try:
        method = VoteMethod(str(values.get("method") or VoteMethod.DOTS.value))
    except ValueError:
        method = VoteMethod.DOTS
        problems["method"] = "Choose how people vote."
    dots, rank_top, budget = 3, 3, None
    if method.uses_dots:
        got, problem = _whole(values.get("dots", ""), "dots each", 1, MOST_DOTS)
        if problem:
            problems["dots"] = problem
        dots = got or dots
    if method is VoteMethod.RANKING:
        got, problem = _whole(values.get("rank_top", ""), "choices to rank", 1, MOST_RANKED)
        if problem:
            problems["rank_top"] = problem
        rank_top = got or rank_top
    if method is VoteMethod.BUDGET:
        try:
            budget = parse_pounds(str(values.get("budget", "")))
        except ValueError as error:
            problems["budget"] = str(error)
        else:
            if budget <= 0:
                problems["budget"] = "The budget must be more than nothing."
    if problems:
        raise ValidationError(problems)
    return DecisionRules(
        method=method,
        dots_per_person=dots,
        may_stack=bool(values.get("may_stack", True)),
        rank_top=rank_top,
        budget_pence=budget,
    )


def option_from_form(
    values: Mapping[str, Any], rules: DecisionRules, was: Option | None = None
) -> Option:
    """An option from its form. A cost is needed for a community budget and may be left
    blank otherwise. Raises ValidationError in words."""
    problems: dict[str, str] = {}
    title = " ".join(str(values.get("title", "")).split())
    if not title:
        problems["title"] = "Give the option a title, for example “Bus pass help”."
    elif len(title) > TITLE_LONGEST:
        problems["title"] = f"Keep the title to {TITLE_LONGEST} characters: put more below."
    cost_text = str(values.get("cost", "")).strip()
    cost: int | None = None
    if cost_text:
        try:
            cost = parse_pounds(cost_text)
        except ValueError as error:
            problems["cost"] = str(error)
        else:
            if cost <= 0:
                problems["cost"] = "A cost must be more than nothing, or left blank."
    elif rules.method is VoteMethod.BUDGET:
        problems["cost"] = "Type what it costs: the budget funds proposals by their cost."
    if problems:
        raise ValidationError(problems)
    return Option(
        title=title,
        proposed_by=" ".join(str(values.get("proposed_by", "")).split()),
        description=" ".join(str(values.get("description", "")).split()),
        cost_pence=cost,
        id=was.id if was else None,
        position=was.position if was else 0,
    )


def tally_field(option: Option) -> str:
    """The tally form's field for one option's dots."""
    return f"dots_{option.id}"


def tally_from_form(values: Mapping[str, Any], options: Sequence[Option]) -> Tally:
    """Dots counted off the wall: a count per option (blank is none) and the voters.

    Only whether each number is a number is checked here; `check_tally` checks the
    counts against the rules."""
    problems: dict[str, str] = {}
    counts: dict[int, int] = {}
    for option in options:
        if option.id is None:
            continue
        name = tally_field(option)
        typed = str(values.get(name, "")).strip()
        if not typed:
            continue
        got, problem = _whole(typed, "dots", 0, MOST_VOTERS * MOST_DOTS)
        if problem:
            problems[name] = problem
        elif got:
            counts[option.id] = got
    voters, problem = _whole(values.get("voters", ""), "people who voted", 1, MOST_VOTERS)
    if problem:
        problems["voters"] = problem
    if problems:
        raise ValidationError(problems)
    return Tally(counts=counts, voters=voters or 0)


# --- a ballot placed key by key ------------------------------------------------------


def place(
    rules: DecisionRules,
    options: Sequence[Option],
    choices: tuple[int, ...],
    number: int,
    name: str,
    pronouns: str = "",
) -> tuple[tuple[int, ...], str]:
    """Press option `number` (1 is the first option listed) on someone's ballot.

    Gives the choices after the key, and why the key was refused in words ("" when it
    was not: the ballot is then unchanged)."""
    if not 1 <= number <= len(options):
        return choices, f"There is no option {number}: the options go from 1 to {len(options)}."
    option = options[number - 1]
    assert option.id is not None
    after = (*choices, option.id)
    if check_ballot(rules, options, Ballot(person_id=0, choices=after)):
        return choices, refusal(rules, options, choices, option, name, pronouns)
    return after, ""


def refusal(
    rules: DecisionRules,
    options: Sequence[Option],
    choices: tuple[int, ...],
    option: Option,
    name: str,
    pronouns: str,
) -> str:
    """Why one more choice cannot go on this ballot, naming the person."""
    their = possessive(pronouns)
    if rules.method is VoteMethod.RANKING:
        if option.id in choices:
            place_of = choices.index(option.id) + 1
            return (
                f"{name} has already ranked {option.title} {ordinal(place_of)}: "
                "rank each option once."
            )
        most = min(rules.rank_top, len(options))
        return f"{name} has ranked {their} top {most}. Press enter to save, or backspace to change."
    if len(choices) >= rules.dots_per_person:
        return (
            f"{name} has used {their} {plural(rules.dots_per_person, 'dot')}. "
            "Press enter to save, or backspace to take one back."
        )
    return f"{name} already has a dot on {option.title}, and dots may not be stacked here."


def ballot_words(rules: DecisionRules, options: Sequence[Option], choices: tuple[int, ...]) -> str:
    """The ballot so far: 'Bus pass help ●●, Garden ● · 1 dot left' or, for ranking,
    '1st Garden, 2nd Bus pass help · 1 more may be ranked'."""
    titles = {o.id: o.title for o in options}
    if rules.method is VoteMethod.RANKING:
        most = min(rules.rank_top, len(options))
        placed = ", ".join(f"{ordinal(n)} {titles.get(c, '?')}" for n, c in enumerate(choices, 1))
        left = most - len(choices)
        tail = f"{left} more may be ranked" if left > 0 else "all ranked"
        return f"{placed or 'Nothing ranked yet'} · {tail}"
    dots = Counter(choices)
    placed = ", ".join(
        f"{titles.get(option_id, '?')} {'●' * times}" for option_id, times in dots.items()
    )
    left = rules.dots_per_person - len(choices)
    tail = f"{plural(left, 'dot')} left" if left > 0 else "every dot placed"
    return f"{placed or 'No dots yet'} · {tail}"


# --- the result --------------------------------------------------------------------------


def place_words(line: ResultLine) -> str:
    """'1st', 'tied 2nd', or '-' for an option nobody chose."""
    if line.points == 0:
        return "no votes"
    return f"tied {ordinal(line.place)}" if line.tied else ordinal(line.place)


def points_words(rules: DecisionRules, points: int) -> str:
    return plural(points, "point") if rules.method is VoteMethod.RANKING else plural(points, "dot")


def bar(points: int, most: int, width: int) -> str:
    """A bar of block characters `width` long at `most` points, to an eighth of a block."""
    if most <= 0 or points <= 0:
        return ""
    eighths = max(1, round(points * width * 8 / most))
    whole, part = divmod(eighths, 8)
    return BAR * whole + (PART_BARS[part] if part else "")


def chart_lines(
    rules: DecisionRules, result: DecisionResult, *, width: int = 30, title_width: int = 24
) -> list[str]:
    """One line per option, best first: place, title, bar, and the figure written beside
    it (so colour never carries the meaning); for a budget, funded or not and why."""
    most = max((line.points for line in result.lines), default=0)
    lines = []
    for line in result.lines:
        title = line.option.title
        if len(title) > title_width:
            title = title[: title_width - 1] + "…"
        row = (
            f"{place_words(line):<9} {title:<{title_width}} "
            f"{bar(line.points, most, width):<{width}} {points_words(rules, line.points)}"
        )
        if line.funded is not None:
            row += "  " + ("Funded" if line.funded else "Not funded")
        lines.append(row.rstrip())
    return lines


def result_words(rules: DecisionRules, result: DecisionResult) -> list[str]:
    """What the result says in sentences: who voted, ties, and for a budget what is
    funded, what was skipped and why, and the money left."""
    said = [
        f"{plural(result.voters, 'person', 'people')} voted: "
        f"{points_words(rules, result.total_points)} in all."
    ]
    tied: dict[int, list[str]] = {}
    for line in result.lines:
        if line.tied:
            tied.setdefault(line.place, []).append(line.option.title)
    for place_of, titles in tied.items():
        said.append(f"Tied {ordinal(place_of)}: {joined(titles)}.")
    if rules.method is VoteMethod.BUDGET and result.money_left_pence is not None:
        funded = result.funded
        if funded:
            said.append(
                "Funded: "
                + ", ".join(
                    f"{ln.option.title} ({pounds(ln.option.cost_pence or 0)})" for ln in funded
                )
                + f". {pounds(result.funded_pence)} in all."
            )
        else:
            said.append("Nothing is funded yet.")
        for line in result.lines:
            if line.funded is False and line.points > 0 and line.note:
                said.append(f"Skipped {line.option.title}: {_after_colon(line.note)}")
        said.append(f"Money left: {pounds(result.money_left_pence)}.")
    return said


def joined(words: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _after_colon(note: str) -> str:
    """'Not funded: £4,000.00 needed and £2,500.00 left.' -> '£4,000.00 needed ...'."""
    _, sep, rest = note.partition("Not funded: ")
    return (rest or note).strip() if sep else note.strip()
