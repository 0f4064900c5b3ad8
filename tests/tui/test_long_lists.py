"""Long lists are listed a page at a time, and every row can still be reached.

Five years of a busy team's data has tens of thousands of claims and a thousand
sessions: the screens list a page and say how many there are, the keys run on
into the rest, and the totals are of everything matched, not of the page shown.
"""

from __future__ import annotations

import pytest
from textual.widgets import Label

from facilitator.app import FacilitatorApp
from facilitator.screens import claims as claims_screen
from facilitator.screens.claims import ClaimsScreen, ClaimsTable
from facilitator.screens.home import HomeScreen
from facilitator.widgets import session_table
from facilitator.widgets.session_table import SessionTable
from sessions.claiming import USER_NAME, Claims
from sessions.demo_large import SIZES, fill_at_scale
from sessions.display import plural
from sessions.money import pounds
from sessions.store import Store
from support import TODAY, column, make_app

CLAIM = 1


@pytest.fixture
def busy_store(store: Store) -> Store:
    """The benchmarks' data at its tiny size: 30 sessions and 300 claims."""
    fill_at_scale(store, TODAY, SIZES["tiny"])
    store.settings.set(USER_NAME, "Jo Facilitator")
    return store


def words(app: FacilitatorApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def said(app: FacilitatorApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def test_the_claims_screen_lists_a_hundred_at_a_time_with_totals_of_all(
    busy_store: Store,
) -> None:
    everything = Claims(busy_store).listing()  # every claim, totalled one by one
    numbers = [row.claim.number for row in everything.rows]
    assert len(numbers) == 300 and claims_screen.PAGE == 100
    t = everything.totals
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        assert column(table, CLAIM) == numbers[:100]
        assert words(app, "#claims-page").startswith(
            "Showing claims 1 to 100 of 300, the newest sessions first."
        )
        assert words(app, "#claims-totals") == (
            f"300 claims in all. Expenses {pounds(t.expenses)}, payments for time "
            f"{pounds(t.involvement)}, total {pounds(t.total)}. "
            "Rejected and cancelled claims are not counted."
        )

        # Down from the last claim listed runs on into the next hundred.
        table.move_cursor(row=99)
        await pilot.press("down")
        await pilot.pause()
        assert column(table, CLAIM) == numbers[100:200]
        assert table.cursor_row == 0
        assert words(app, "#claims-page").startswith("Showing claims 101 to 200 of 300")
        # Up from the first goes back, to the claim just before it.
        await pilot.press("up")
        await pilot.pause()
        assert column(table, CLAIM) == numbers[:100]
        assert table.cursor_row == 99

        # ] and [ turn a whole page; past the last, it says so.
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert column(table, CLAIM) == numbers[200:]
        assert words(app, "#claims-page").startswith("Showing claims 201 to 300 of 300")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "This is the last page of claims." in said(app)
        assert column(table, CLAIM) == numbers[200:]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert column(table, CLAIM) == numbers[100:200]
        assert table.cursor_row == 0


async def test_marks_stay_on_other_pages_and_filters_show_all_they_match(
    busy_store: Store,
) -> None:
    numbers = [row.claim.number for row in Claims(busy_store).listing().rows]
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClaimsScreen)
        table = screen.query_one(ClaimsTable)
        await pilot.press("space")  # the first claim
        await pilot.press("right_square_bracket", "space")  # the 101st
        await pilot.pause()
        assert "2 claims marked" in words(app, "#claims-detail")
        await pilot.press("A")
        await pilot.pause()
        question = app.screen
        assert question.question == "Approve 2 claims?"  # type: ignore[attr-defined]
        assert question.consequence.startswith(  # type: ignore[attr-defined]
            f"{numbers[0]} and {numbers[100]}."
        )
        await pilot.press("n")
        await pilot.pause()

        # A filter that matches fewer than a page lists them all and says so.
        person = Claims(busy_store).listing().rows[0].person_name
        search = screen.query_one("#claims-person")
        search.focus()
        search.value = person  # type: ignore[attr-defined]
        await pilot.pause()
        theirs = [r for r in Claims(busy_store).listing().rows if r.person_name == person]
        assert len(column(table, CLAIM)) == len(theirs) < 100
        assert not screen.query_one("#claims-page").display
        assert words(app, "#claims-totals").startswith(f"{plural(len(theirs), 'claim')} shown.")


async def test_a_claim_opened_from_elsewhere_is_shown_on_its_page(busy_store: Store) -> None:
    rows = Claims(busy_store).listing().rows
    wanted = rows[250].claim.id
    assert wanted is not None
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(wanted)
        await pilot.pause()
        await app.pop_screen()  # the claim itself, over the list
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        assert table.selected_id == wanted
        assert words(app, "#claims-page").startswith("Showing claims 201 to 300 of 300")


async def test_the_home_screen_lists_past_sessions_as_you_move_down(
    busy_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_table, "SHOWN", 10)
    past = [s for s in busy_store.sessions.overview() if s.date < TODAY]
    count = len(past)
    assert 20 < count <= 30
    app = make_app(busy_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        table = screen.query_one("#sessions-past", SessionTable)
        heading = screen.query_one("#heading-past", Label)
        assert table.row_count == 10
        assert str(heading.render()) == (
            f"Past ({count} sessions: 10 listed, more as you move down)"
        )
        table.focus()
        table.move_cursor(row=9)
        await pilot.press("down")
        await pilot.pause()
        assert table.row_count == 20
        assert table.cursor_row == 10
        assert str(heading.render()) == (
            f"Past ({count} sessions: 20 listed, more as you move down)"
        )
        table.move_cursor(row=19)
        await pilot.press("down")
        await pilot.pause()
        assert table.row_count == count
        assert str(heading.render()) == f"Past ({count} sessions)"
        newest_first = sorted(past, key=lambda s: (s.date, s.start, s.id), reverse=True)
        assert [int(str(key.value)) for key in table.rows] == [s.id for s in newest_first]
