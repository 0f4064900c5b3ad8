"""The Decide tab's words and forms as pure functions: a ballot placed key by key with
the allowance said in words, the forms read with problems by field, and the bars."""

from __future__ import annotations

import pytest

from sessions.decide import count, count_tally
from sessions.decide_entry import (
    ballot_words,
    bar,
    borda_words,
    chart_lines,
    option_from_form,
    ordinal,
    place,
    result_words,
    rules_from_form,
    rules_words,
    tally_from_form,
)
from sessions.decide_models import Ballot, DecisionRules, Option, Tally, VoteMethod
from sessions.errors import ValidationError

BUS = Option("Bus pass help", cost_pence=400_000, id=1, position=0)
GARDEN = Option("Garden", cost_pence=500_000, id=2, position=1)
LUNCH = Option("Lunch club", cost_pence=300_000, id=3, position=2)
OPTIONS = [BUS, GARDEN, LUNCH]


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
    ]  # fmt: skip


def test_dots_are_placed_until_the_allowance_is_used_and_then_said_in_words() -> None:
    rules = DecisionRules(dots_per_person=3, may_stack=True)
    choices: tuple[int, ...] = ()
    for key in (1, 1, 3):
        choices, problem = place(rules, OPTIONS, choices, key, "Amira", "she/her")
        assert problem == ""
    assert choices == (1, 1, 3)
    after, problem = place(rules, OPTIONS, choices, 2, "Amira", "she/her")
    assert after == choices
    assert problem.startswith("Amira has used her 3 dots.")
    _, problem = place(rules, OPTIONS, choices, 2, "Sam", "")
    assert problem.startswith("Sam has used their 3 dots.")
    assert ballot_words(rules, OPTIONS, (1, 1)) == "Bus pass help ●● · 1 dot left"


def test_without_stacking_a_second_dot_on_one_option_is_refused() -> None:
    rules = DecisionRules(dots_per_person=3, may_stack=False)
    choices, _ = place(rules, OPTIONS, (), 2, "Jo", "he/him")
    after, problem = place(rules, OPTIONS, choices, 2, "Jo", "he/him")
    assert after == (2,)
    assert problem == "Jo already has a dot on Garden, and dots may not be stacked here."


def test_a_number_with_no_option_is_refused() -> None:
    after, problem = place(DecisionRules(), OPTIONS, (), 7, "Jo")
    assert after == ()
    assert problem == "There is no option 7: the options go from 1 to 3."


def test_ranking_goes_in_order_each_option_once_up_to_the_top_k() -> None:
    rules = DecisionRules(method=VoteMethod.RANKING, rank_top=2)
    choices, _ = place(rules, OPTIONS, (), 3, "Amira", "she/her")
    again, problem = place(rules, OPTIONS, choices, 3, "Amira", "she/her")
    assert again == (3,)
    assert problem.startswith("Amira has already ranked Lunch club 1st")
    choices, _ = place(rules, OPTIONS, choices, 1, "Amira", "she/her")
    assert ballot_words(rules, OPTIONS, choices) == "1st Lunch club, 2nd Bus pass help · all ranked"
    _, problem = place(rules, OPTIONS, choices, 2, "Amira", "she/her")
    assert problem.startswith("Amira has ranked her top 2.")


def test_the_rules_in_words_name_the_borda_count() -> None:
    ranking = DecisionRules(method=VoteMethod.RANKING, rank_top=3)
    assert borda_words(3) == "first choice 3 points, second 2, third 1"
    assert "counted by the Borda count: first choice 3 points, second 2, third 1." in (
        rules_words(ranking)
    )
    budget = DecisionRules(method=VoteMethod.BUDGET, budget_pence=1_000_000, may_stack=False)
    assert rules_words(budget).startswith(
        "Community budget of £10,000.00: each person has 3 dots, at most one on each option."
    )


def test_the_rules_form_reads_the_budget_in_pounds_and_names_bad_fields() -> None:
    rules = rules_from_form(
        {"method": "budget", "dots": "4", "may_stack": False, "rank_top": "3", "budget": "£10,000"}
    )
    assert rules == DecisionRules(
        method=VoteMethod.BUDGET, dots_per_person=4, may_stack=False, budget_pence=1_000_000
    )
    with pytest.raises(ValidationError) as bad:
        rules_from_form({"method": "budget", "dots": "lots", "budget": "ten grand"})
    assert set(bad.value.problems) == {"dots", "budget"}
    assert "not a number of dots each" in bad.value.problems["dots"]
    assert "not an amount of money" in bad.value.problems["budget"]
    with pytest.raises(ValidationError) as bad:
        rules_from_form({"method": "ranking", "rank_top": "0"})
    assert bad.value.problems == {"rank_top": "Type at least 1 for the number of choices to rank."}


def test_an_option_needs_a_title_and_for_a_budget_a_cost() -> None:
    budget = DecisionRules(method=VoteMethod.BUDGET, budget_pence=100)
    with pytest.raises(ValidationError) as bad:
        option_from_form({"title": "  ", "cost": ""}, budget)
    assert set(bad.value.problems) == {"title", "cost"}
    option = option_from_form(
        {"title": " Bus  pass help ", "proposed_by": "Amira", "cost": "4,000"}, budget, BUS
    )
    assert option == Option("Bus pass help", "Amira", "", 400_000, id=1, position=0)
    assert option_from_form({"title": "Garden", "cost": ""}, DecisionRules()).cost_pence is None


def test_the_tally_form_takes_blank_as_none_and_needs_the_voters() -> None:
    tally = tally_from_form({"dots_1": "12", "dots_2": "", "dots_3": "0", "voters": "8"}, OPTIONS)
    assert tally == Tally(counts={1: 12}, voters=8)
    with pytest.raises(ValidationError) as bad:
        tally_from_form({"dots_1": "x", "voters": ""}, OPTIONS)
    assert set(bad.value.problems) == {"dots_1", "voters"}


def test_bars_have_the_figure_beside_them_and_ties_are_named() -> None:
    rules = DecisionRules(dots_per_person=3)
    ballots = [Ballot(1, (1, 1, 2)), Ballot(2, (2, 1, 3))]
    result = count(rules, OPTIONS, ballots)
    lines = chart_lines(rules, result, width=9, title_width=14)
    assert lines == [
        "1st       Bus pass help  █████████ 3 dots",
        "2nd       Garden         ██████    2 dots",
        "3rd       Lunch club     ███       1 dot",
    ]
    tied = count_tally(rules, OPTIONS, Tally({1: 4, 2: 4, 3: 1}, voters=3))
    assert [line.split()[0:2] for line in chart_lines(rules, tied)][:2] == [
        ["tied", "1st"],
        ["tied", "1st"],
    ]
    assert "Tied 1st: Bus pass help and Garden." in result_words(rules, tied)


def test_a_budget_says_what_is_funded_skipped_and_left() -> None:
    rules = DecisionRules(method=VoteMethod.BUDGET, budget_pence=1_000_000)
    # Garden 5 dots (£5,000), Bus 4 (£4,000): £1,000 left, so Lunch (£3,000) is skipped.
    result = count_tally(rules, OPTIONS, Tally({2: 5, 1: 4, 3: 2}, voters=4))
    said = result_words(rules, result)
    assert said[0] == "4 people voted: 11 dots in all."
    assert "Funded: Garden (£5,000.00), Bus pass help (£4,000.00). £9,000.00 in all." in said
    assert "Skipped Lunch club: £3,000.00 needed and £1,000.00 left." in said
    assert said[-1] == "Money left: £1,000.00."
    assert chart_lines(rules, result)[2].endswith("2 dots  Not funded")


def test_a_bar_is_whole_blocks_and_eighths() -> None:
    assert bar(0, 10, 8) == ""
    assert bar(10, 10, 8) == "████████"
    assert bar(1, 16, 8) == "▌"
