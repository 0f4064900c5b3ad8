"""The Decide tab from the keyboard: options, one person's vote placed by number with
their allowance said in words, dots counted off a wall, and freezing the result."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.decide_forms import OptionForm, TallyForm
from facilitator.screens.session import SessionScreen
from facilitator.widgets.decide_panel import DecidePanel, OptionsTable
from sessions.decide_entry import possessive
from sessions.decide_models import DecisionRules, Option, VoteMethod
from sessions.deciding import Deciding
from sessions.models import AttendanceStatus, Person
from sessions.store import Store
from support import NOW, column, fill, make_app, type_text, wait_for

SIZE = (130, 40)


def todays_session_id(store: Store) -> int:
    return next(s.id for s in store.sessions.overview() if s.title == "Getting out and about")


def set_up_vote(store: Store, rules: DecisionRules) -> tuple[int, list[Person]]:
    """Three options at today's session, and the first three people booked arrived."""
    session_id = todays_session_id(store)
    deciding = Deciding(store, session_id, lambda: NOW)
    deciding.save_rules(rules)
    for title, by, cost in (
        ("Bus pass help", "Amira", 400_000),
        ("Community garden", "Friends of the park", 500_000),
        ("Lunch club", "Day centre", 300_000),
    ):
        deciding.save_option(Option(title, proposed_by=by, cost_pence=cost))
    booked = store.attendance.for_session(session_id)[:3]
    for attendance in booked:
        store.attendance.record(
            session_id, attendance.person_id, AttendanceStatus.ARRIVED, arrived_at=NOW
        )
    return session_id, [store.people.get(a.person_id) for a in booked]


def shown(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def told(pilot: Pilot[None], words: str) -> bool:
    return any(words in str(n.message) for n in pilot.app._notifications)


async def open_decide(pilot: Pilot[None]) -> DecidePanel:
    await pilot.press("enter")  # today's session is highlighted first
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("f8")
    await pilot.pause()
    return pilot.app.screen.query_one(DecidePanel)


async def vote(pilot: Pilot[None], name: str, keys: str, *, first: bool = True) -> None:
    """v, part of a name, enter and the option keys; after a vote is saved the name box
    already has the focus for the next person, so v is not needed."""
    if first:
        await pilot.press("v")
    await type_text(pilot, name)
    await pilot.press("enter", *keys)
    await pilot.pause()


async def test_recording_one_persons_dots_with_their_allowance_in_words(
    demo_store: Store,
) -> None:
    session_id, (first, second, _) = set_up_vote(demo_store, DecisionRules(dots_per_person=3))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        table = pilot.app.screen.query_one(OptionsTable)
        assert column(table, 0) == ["1", "2", "3"]
        assert column(table, 1) == ["Bus pass help", "Community garden", "Lunch club"]
        assert "each person has 3 dots" in shown(pilot, "#decide-rules")

        await vote(pilot, first.display_name[:5], "113")
        assert "Bus pass help ●●, Lunch club ● · every dot placed" in shown(pilot, "#decide-ballot")
        await pilot.press("2")
        their = possessive(first.pronouns)
        assert told(pilot, f"{first.display_name} has used {their} 3 dots.")
        await pilot.press("enter")
        await pilot.pause()
        assert told(pilot, f"Saved {first.display_name}'s vote.")
        deciding = Deciding(demo_store, session_id, lambda: NOW)
        (ballot,) = deciding.ballots()
        assert ballot.person_id == first.id
        assert sorted(ballot.choices) == sorted(
            [deciding.options()[0].id, deciding.options()[0].id, deciding.options()[2].id]
        )

        # The second person changes their mind with backspace before saving.
        await vote(pilot, second.display_name[:5], "22", first=False)
        await pilot.press("backspace", "3", "enter")
        await pilot.pause()
        # Bus pass help 2 and Lunch club 1 + 1; Community garden 1.
        chart = shown(pilot, "#decide-chart").splitlines()
        assert chart[0].startswith("tied 1st  Bus pass help") and chart[0].endswith("2 dots")
        assert chart[1].startswith("tied 1st  Lunch club") and chart[1].endswith("2 dots")
        assert chart[2].startswith("3rd       Community garden") and chart[2].endswith("1 dot")
        said = shown(pilot, "#decide-said")
        assert "Tied 1st: Bus pass help and Lunch club." in said
        assert "2 people voted: 5 dots in all." in shown(pilot, "#decide-said")


async def test_someone_who_has_not_arrived_is_not_offered(demo_store: Store) -> None:
    session_id = todays_session_id(demo_store)
    set_up_vote(demo_store, DecisionRules())
    booked = demo_store.attendance.for_session(session_id)[5]
    absent = demo_store.people.get(booked.person_id)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        await pilot.press("v")
        await type_text(pilot, absent.display_name)
        await pilot.pause()
        assert pilot.app.screen.query_one(DecidePanel).matches == {}
        await pilot.press("enter")
        assert told(pilot, "Type part of the name of someone who has arrived first.")


async def test_a_tally_from_the_wall_and_freezing_the_result(demo_store: Store) -> None:
    rules = DecisionRules(method=VoteMethod.BUDGET, budget_pence=1_000_000, dots_per_person=3)
    session_id, _ = set_up_vote(demo_store, rules)
    deciding = Deciding(demo_store, session_id, lambda: NOW)
    bus, garden, lunch = deciding.options()
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        assert column(pilot.app.screen.query_one(OptionsTable), 4) == [
            "£4,000.00",
            "£5,000.00",
            "£3,000.00",
        ]
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, TallyForm))
        await fill(pilot, f"dots_{bus.id}", "9")
        await fill(pilot, f"dots_{garden.id}", "12")
        await fill(pilot, f"dots_{lunch.id}", "4")
        await fill(pilot, "voters", "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # 25 dots from 5 people with 3 each (15) cannot be: said beside the field.
        assert isinstance(pilot.app.screen, TallyForm)
        assert "more than 5 people with 3 dots each could place" in shown(pilot, "#problem-voters")
        await fill(pilot, "voters", "9")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await pilot.pause()
        assert told(pilot, "Saved the count from the wall.")
        said = shown(pilot, "#decide-said")
        assert "Funded: Community garden (£5,000.00), Bus pass help (£4,000.00)." in said
        assert "Skipped Lunch club: £3,000.00 needed and £1,000.00 left." in said
        assert "Money left: £1,000.00." in said
        chart = shown(pilot, "#decide-chart").splitlines()
        assert chart[0].startswith("1st") and "12 dots  Funded" in chart[0]
        assert chart[2].endswith("4 dots  Not funded")

        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("y")
        await pilot.pause()
        assert told(pilot, "Result frozen")
        assert shown(pilot, "#decide-frozen").startswith(
            "Result frozen at 10:00 on Mon 23 Nov 2026."
        )
        assert deciding.is_frozen
        # Nothing changes after: each key says why in words.
        for key in ("n", "c", "m", "v"):
            pilot.app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(pilot.app.screen, SessionScreen)
            assert told(pilot, "can no longer be changed")
        assert deciding.tally() is not None and deciding.tally().voters == 9


async def test_adding_changing_and_removing_an_option(demo_store: Store) -> None:
    session_id = todays_session_id(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        assert shown(pilot, "#decide-empty").startswith("No options yet. Press n")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, OptionForm))
        await fill(pilot, "title", "Bus pass help")
        await fill(pilot, "proposed_by", "Amira")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await pilot.pause()
        table = pilot.app.screen.query_one(OptionsTable)
        assert column(table, 1) == ["Bus pass help"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, OptionForm))
        await fill(pilot, "title", "Bus pass advice")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await pilot.pause()
        assert column(table, 1) == ["Bus pass advice"]
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("y")
        await pilot.pause()
        assert told(pilot, "Removed “Bus pass advice”.")
        assert Deciding(demo_store, session_id).options() == []


async def test_ranking_in_order_counted_by_the_borda_count(demo_store: Store) -> None:
    rules = DecisionRules(method=VoteMethod.RANKING, rank_top=2)
    session_id, (first, _, _) = set_up_vote(demo_store, rules)
    bus, _, lunch = Deciding(demo_store, session_id).options()
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        assert "counted by the Borda count: first choice 2 points, second 1." in shown(
            pilot, "#decide-rules"
        )
        await vote(pilot, first.display_name[:5], "331")
        assert told(pilot, f"{first.display_name} has already ranked Lunch club 1st")
        assert "1st Lunch club, 2nd Bus pass help · all ranked" in shown(pilot, "#decide-ballot")
        await pilot.press("enter")
        await pilot.pause()
        (ballot,) = Deciding(demo_store, session_id).ballots()
        assert ballot.choices == (lunch.id, bus.id)
        chart = shown(pilot, "#decide-chart").splitlines()
        assert chart[0].startswith("1st       Lunch club") and chart[0].endswith("2 points")
        assert chart[1].startswith("2nd       Bus pass help") and chart[1].endswith("1 point")


async def test_escape_stops_a_vote_without_saving_and_the_rules_change(
    demo_store: Store,
) -> None:
    session_id, (first, _, _) = set_up_vote(demo_store, DecisionRules(dots_per_person=3))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_decide(pilot)
        await vote(pilot, first.display_name[:5], "12")
        await pilot.press("escape")
        await pilot.pause()
        assert Deciding(demo_store, session_id).ballots() == []
        assert not pilot.app.screen.query_one("#decide-ballot").display
        await pilot.press("escape")  # out of the empty name box, back to the options
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionScreen)
        await pilot.press("m")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, SessionScreen))
        await fill(pilot, "dots", "2")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SessionScreen))
        await pilot.pause()
        assert "each person has 2 dots" in shown(pilot, "#decide-rules")
        assert Deciding(demo_store, session_id).rules().dots_per_person == 2
