"""What the Decide tab looks like mid-vote on a community budget, kept so that a change
in layout is seen. The clock is fixed (support.NOW) and the data made here."""

from __future__ import annotations

from sessions.decide_models import Ballot, DecisionRules, Option, Tally, VoteMethod
from sessions.deciding import Deciding
from sessions.models import AttendanceStatus
from sessions.store import Store
from support import NOW, make_app


def vote_on_a_budget(store: Store) -> None:
    """£10,000 over three proposals at today's session: two people voted in the app,
    seven more on the wall."""
    session_id = next(s.id for s in store.sessions.overview() if s.title == "Getting out and about")
    deciding = Deciding(store, session_id, lambda: NOW)
    deciding.save_rules(
        DecisionRules(method=VoteMethod.BUDGET, budget_pence=1_000_000, dots_per_person=3)
    )
    bus, garden, lunch = (
        deciding.save_option(Option(title, proposed_by=by, description=line, cost_pence=cost)).id
        or 0
        for title, by, line, cost in (
            ("Bus pass help", "Amira", "Advice sessions at the library", 400_000),
            ("Community garden", "Friends of the park", "Raised beds anyone can reach", 500_000),
            ("Lunch club", "Day centre", "A hot meal and company on Fridays", 300_000),
        )
    )
    first, second = (a.person_id for a in store.attendance.for_session(session_id)[:2])
    for person in (first, second):
        store.attendance.record(session_id, person, AttendanceStatus.ARRIVED, arrived_at=NOW)
    deciding.save_ballot(Ballot(first, (garden, garden, bus)))
    deciding.save_ballot(Ballot(second, (bus, lunch, garden)))
    deciding.save_tally(Tally({bus: 7, garden: 9, lunch: 5}, voters=7))


def test_decide_tab_with_a_budget(demo_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    vote_on_a_budget(demo_store)
    app = make_app(demo_store)
    assert snap_compare(app, press=["enter", "f8"], terminal_size=(130, 40))
