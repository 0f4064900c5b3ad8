"""Counting votes: worked examples by hand, then properties that always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessions.decide import (
    borda_points,
    check_ballot,
    check_options,
    check_rules,
    check_tally,
    count,
    count_tally,
)
from sessions.decide_models import Ballot, DecisionRules, Option, Tally, VoteMethod

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

A, B, C, D, E = 1, 2, 3, 4, 5
OPTIONS = (
    Option("Bus pass help", id=A, position=0),
    Option("Carers' café", id=B, position=1),
    Option("Easy read letters", id=C, position=2),
    Option("Drop-in advice", id=D, position=3),
)


def table(result) -> list[tuple[str, int, int, bool]]:
    """(title, points, place, tied) for each line, best first."""
    return [(line.option.title, line.points, line.place, line.tied) for line in result.lines]


# --- dot-voting --------------------------------------------------------------------


def test_stacked_dots_count_once_each_and_ties_share_a_place():
    rules = DecisionRules(method=VoteMethod.DOTS, dots_per_person=3, may_stack=True)
    ballots = [Ballot(11, (A, A, B)), Ballot(12, (B, C, C)), Ballot(13, (A,))]
    for ballot in ballots:
        assert check_ballot(rules, OPTIONS, ballot) == []
    result = count(rules, OPTIONS, ballots)
    # A: 2 + 1 = 3; B: 1 + 1 = 2; C: 2; D: nobody.
    assert table(result) == [
        ("Bus pass help", 3, 1, False),
        ("Carers' café", 2, 2, True),
        ("Easy read letters", 2, 2, True),
        ("Drop-in advice", 0, 4, False),
    ]
    assert result.voters == 3
    assert result.total_points == 7
    assert result.money_left_pence is None
    assert all(line.funded is None for line in result.lines)
    assert result.lines[1].note == "Tied with “Easy read letters”."
    assert result.lines[0].note == ""


def test_dots_without_stacking_refuse_two_on_one_option_and_name_a_three_way_tie():
    rules = DecisionRules(method=VoteMethod.DOTS, dots_per_person=3, may_stack=False)
    assert check_ballot(rules, OPTIONS, Ballot(11, (A, A, B))) == [
        "“Bus pass help” has more than one dot from the same person, and dots may not be "
        "stacked here."
    ]
    ballots = [Ballot(11, (A, B, C)), Ballot(12, (A, B)), Ballot(13, (C, D))]
    assert all(check_ballot(rules, OPTIONS, b) == [] for b in ballots)
    result = count(rules, OPTIONS, ballots)
    assert table(result) == [
        ("Bus pass help", 2, 1, True),
        ("Carers' café", 2, 1, True),
        ("Easy read letters", 2, 1, True),
        ("Drop-in advice", 1, 4, False),
    ]
    assert result.lines[0].note == "Tied with “Carers' café” and “Easy read letters”."
    assert result.total_points == 7


def test_a_ballot_beyond_the_allowance_is_refused_in_words():
    rules = DecisionRules(dots_per_person=3)
    assert check_ballot(rules, OPTIONS, Ballot(11, (A, B, C, D))) == [
        "Each person has 3 dots: this vote places 4."
    ]
    assert check_ballot(rules, OPTIONS, Ballot(11, ())) == ["Place at least one dot."]
    assert check_ballot(rules, OPTIONS, Ballot(11, (A, 99))) == [
        "A choice is not one of the options any more. Choose again."
    ]
    one = DecisionRules(dots_per_person=1)
    assert check_ballot(one, OPTIONS, Ballot(11, (A, B))) == [
        "Each person has 1 dot: this vote places 2."
    ]


# --- ranking (Borda count) ------------------------------------------------------------


def test_borda_points_with_top_three():
    assert [borda_points(3, position) for position in range(5)] == [3, 2, 1, 0, 0]


def test_ranking_by_borda_with_top_three():
    rules = DecisionRules(method=VoteMethod.RANKING, rank_top=3)
    ballots = [
        Ballot(11, (A, B, C)),  # A 3, B 2, C 1
        Ballot(12, (B, A)),  # B 3, A 2
        Ballot(13, (C,)),  # C 3
        Ballot(14, (D, A, B)),  # D 3, A 2, B 1
    ]
    assert all(check_ballot(rules, OPTIONS, b) == [] for b in ballots)
    result = count(rules, OPTIONS, ballots)
    assert table(result) == [
        ("Bus pass help", 7, 1, False),
        ("Carers' café", 6, 2, False),
        ("Easy read letters", 4, 3, False),
        ("Drop-in advice", 3, 4, False),
    ]
    assert result.total_points == 20
    assert result.voters == 4


def test_ranking_ties_are_named():
    rules = DecisionRules(method=VoteMethod.RANKING, rank_top=3)
    result = count(rules, OPTIONS, [Ballot(11, (A, B, C)), Ballot(12, (B, A)), Ballot(13, (C,))])
    # A 3 + 2 = 5; B 2 + 3 = 5; C 1 + 3 = 4.
    assert table(result)[:3] == [
        ("Bus pass help", 5, 1, True),
        ("Carers' café", 5, 1, True),
        ("Easy read letters", 4, 3, False),
    ]


def test_a_ranking_too_long_or_repeated_is_refused():
    rules = DecisionRules(method=VoteMethod.RANKING, rank_top=2)
    assert check_ballot(rules, OPTIONS, Ballot(11, (A, B, C))) == [
        "Each person ranks at most their top 2: this vote ranks 3."
    ]
    assert check_ballot(rules, OPTIONS, Ballot(11, (A, A))) == [
        "“Bus pass help” is ranked more than once. Rank each option once."
    ]
    assert check_tally(rules, OPTIONS, Tally({A: 3}, 2)) == [
        "Rankings are recorded person by person, not as totals."
    ]


# --- community budget -------------------------------------------------------------------

PROPOSALS = (
    Option("Community garden", "Friends of Titchfield Park", cost_pence=500_000, id=A, position=0),
    Option("Carers' respite days", "Newark Carers", cost_pence=400_000, id=B, position=1),
    Option("Men's shed tools", "Worksop Men's Shed", cost_pence=200_000, id=C, position=2),
    Option("Easy read signs", "Learning Disability Board", cost_pence=50_000, id=D, position=3),
    Option("Warm space teas", "St Mary's church hall", cost_pence=30_000, id=E, position=4),
)


def test_a_budget_funds_in_order_skips_what_no_longer_fits_and_leaves_money():
    rules = DecisionRules(method=VoteMethod.BUDGET, dots_per_person=3, budget_pence=1_000_000)
    tally = Tally({A: 10, B: 8, C: 6, D: 4, E: 0}, voters=10)
    assert check_tally(rules, PROPOSALS, tally) == []
    result = count_tally(rules, PROPOSALS, tally)
    assert [(line.option.title, line.points, line.funded, line.note) for line in result.lines] == [
        ("Community garden", 10, True, "Funded: £5,000.00."),
        ("Carers' respite days", 8, True, "Funded: £4,000.00."),
        ("Men's shed tools", 6, False, "Not funded: £2,000.00 needed and £1,000.00 left."),
        ("Easy read signs", 4, True, "Funded: £500.00."),
        ("Warm space teas", 0, False, "Not funded: no votes."),
    ]
    # £10,000 - £5,000 - £4,000 - £500: £500 unspent, though the teas would fit.
    assert result.money_left_pence == 50_000
    assert result.funded_pence == 950_000
    assert result.voters == 10
    assert result.total_points == 28


def test_a_tie_the_money_cannot_cover_is_left_for_the_room():
    rules = DecisionRules(method=VoteMethod.BUDGET, budget_pence=500_000)
    options = PROPOSALS[1:4]  # respite £4,000, shed £2,000, signs £500
    result = count_tally(rules, options, Tally({B: 5, C: 5, D: 3}, voters=5))
    notes = [(line.option.title, line.place, line.tied, line.funded) for line in result.lines]
    assert notes == [
        ("Carers' respite days", 1, True, False),
        ("Men's shed tools", 1, True, False),
        ("Easy read signs", 3, False, True),
    ]
    assert result.lines[0].note == (
        "Tied with “Men's shed tools”. Not funded: tied, and the £5,000.00 left cannot "
        "fund both (£6,000.00 needed). The room breaks the tie."
    )
    assert result.money_left_pence == 450_000


def test_a_tie_the_money_covers_funds_both():
    rules = DecisionRules(method=VoteMethod.BUDGET, budget_pence=700_000)
    result = count_tally(rules, PROPOSALS[1:3], Tally({B: 5, C: 5}, voters=5))
    assert [line.funded for line in result.lines] == [True, True]
    assert result.money_left_pence == 100_000


def test_budget_rules_and_options_need_money():
    assert check_rules(DecisionRules(method=VoteMethod.BUDGET)) == [
        "Type the budget to share out, for example 10000."
    ]
    rules = DecisionRules(method=VoteMethod.BUDGET, budget_pence=100_000)
    assert check_rules(rules) == []
    assert check_options(rules, [Option("Bench", id=1)]) == [
        "“Bench” needs a cost for the community budget."
    ]
    assert check_options(DecisionRules(), [Option("Bench", id=1)]) == []
    assert check_rules(DecisionRules(dots_per_person=0)) == [
        "Give each person between 1 and 20 dots."
    ]


# --- tallies ---------------------------------------------------------------------------


def test_a_tally_counts_the_wall():
    rules = DecisionRules(dots_per_person=2, may_stack=True)
    tally = Tally({A: 4, B: 1, C: 4}, voters=5)
    assert check_tally(rules, OPTIONS, tally) == []
    result = count_tally(rules, OPTIONS, tally)
    assert table(result) == [
        ("Bus pass help", 4, 1, True),
        ("Easy read letters", 4, 1, True),
        ("Carers' café", 1, 3, False),
        ("Drop-in advice", 0, 4, False),
    ]
    assert (result.voters, result.total_points) == (5, 9)


def test_a_tally_beyond_what_the_voters_could_place_is_refused():
    rules = DecisionRules(dots_per_person=2, may_stack=True)
    assert check_tally(rules, OPTIONS, Tally({A: 6, B: 5}, voters=5)) == [
        "11 dots is more than 5 people with 2 dots each could place (10)."
    ]
    unstacked = DecisionRules(dots_per_person=2, may_stack=False)
    assert check_tally(unstacked, OPTIONS, Tally({A: 4, B: 1}, voters=3)) == [
        "“Bus pass help” has 4 dots from 3 people, and dots may not be stacked here."
    ]
    assert check_tally(rules, OPTIONS, Tally({A: -1}, voters=3)) == [
        "A number of dots cannot be less than nothing."
    ]


# --- properties ---------------------------------------------------------------------------

option_sets = st.integers(min_value=1, max_value=6).map(
    lambda n: tuple(
        Option(f"Option {i}", cost_pence=None, id=100 + i, position=i) for i in range(n)
    )
)
dot_rules = st.builds(
    DecisionRules,
    method=st.sampled_from([VoteMethod.DOTS, VoteMethod.RANKING]),
    dots_per_person=st.integers(min_value=1, max_value=5),
    may_stack=st.booleans(),
    rank_top=st.integers(min_value=1, max_value=5),
)


@st.composite
def votes(draw, options):
    ids = [o.id for o in options] + [999]  # 999: an option that is not there
    return [
        Ballot(person, tuple(draw(st.lists(st.sampled_from(ids), max_size=8))))
        for person in range(draw(st.integers(min_value=0, max_value=8)))
    ]


@PROPERTY
@given(rules=dot_rules, options=option_sets, data=st.data())
def test_no_ballot_is_accepted_beyond_the_allowance(rules, options, data):
    for ballot in data.draw(votes(options)):
        problems = check_ballot(rules, options, ballot)
        repeats = len(set(ballot.choices)) < len(ballot.choices)
        if rules.method is VoteMethod.RANKING:
            beyond = len(ballot.choices) > min(rules.rank_top, len(options)) or repeats
        else:
            beyond = len(ballot.choices) > rules.dots_per_person or (
                repeats and not rules.may_stack
            )
        unknown = any(choice not in {o.id for o in options} for choice in ballot.choices)
        assert bool(problems) == (beyond or unknown or not ballot.choices)


@PROPERTY
@given(rules=dot_rules, options=option_sets, data=st.data())
def test_total_points_always_equal_the_ballots_points(rules, options, data):
    ballots = [b for b in data.draw(votes(options)) if not check_ballot(rules, options, b)]
    result = count(rules, options, ballots)
    if rules.method is VoteMethod.RANKING:
        expected = sum(
            borda_points(rules.rank_top, i) for b in ballots for i in range(len(b.choices))
        )
    else:
        expected = sum(len(b.choices) for b in ballots)
    assert result.total_points == expected == sum(line.points for line in result.lines)
    assert result.voters == len(ballots)
    assert sorted(line.option.id for line in result.lines) == sorted(o.id for o in options)
    points = [line.points for line in result.lines]
    assert points == sorted(points, reverse=True)
    for line in result.lines:
        assert line.place == 1 + sum(1 for other in result.lines if other.points > line.points)


@PROPERTY
@given(
    costs=st.lists(st.integers(min_value=1, max_value=600_000), min_size=1, max_size=7),
    budget=st.integers(min_value=1, max_value=2_000_000),
    data=st.data(),
)
def test_funded_costs_never_exceed_the_budget(costs, budget, data):
    options = tuple(
        Option(f"Proposal {i}", cost_pence=cost, id=i + 1, position=i)
        for i, cost in enumerate(costs)
    )
    rules = DecisionRules(method=VoteMethod.BUDGET, dots_per_person=3, budget_pence=budget)
    counts = {o.id: data.draw(st.integers(min_value=0, max_value=6)) for o in options}
    result = count_tally(rules, options, Tally(counts, voters=sum(counts.values())))
    funded = sum(line.option.cost_pence for line in result.lines if line.funded)
    assert funded <= budget
    assert result.money_left_pence == budget - funded
    assert all(line.funded is not None for line in result.lines)
    for line in result.lines:
        if line.points == 0:
            assert not line.funded
        # Anything left unfunded either had no votes, was tied, or did not fit then.
        if line.funded is False:
            assert line.note.startswith(("Not funded", "Tied with"))


@PROPERTY
@given(
    rules=dot_rules.filter(lambda r: r.method is VoteMethod.DOTS),
    options=option_sets,
    data=st.data(),
)
def test_an_accepted_tally_is_within_what_the_voters_could_place(rules, options, data):
    voters = data.draw(st.integers(min_value=0, max_value=10))
    counts = {o.id: data.draw(st.integers(min_value=0, max_value=20)) for o in options}
    if not check_tally(rules, options, Tally(counts, voters)):
        assert sum(counts.values()) <= voters * rules.dots_per_person
        if not rules.may_stack:
            assert max(counts.values()) <= voters
