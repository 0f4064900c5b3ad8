"""What the Claims screen and one claim look like, kept so that a change in layout is seen."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot

from sessions.claim_models import ExpenseKind, PaymentChoice, Vehicle
from sessions.claiming import USER_NAME, Claims, LineInput
from sessions.clock import at_venue
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from support import NOW, TODAY, make_app

SIZE = (120, 40)


def claims_to_show(store: Store) -> int:
    """Claims in several states over two past sessions; returns Fiona's, which needs an
    override (a meal over the limit with no receipt)."""
    store.settings.set(USER_NAME, "Priya Shah")
    sessions = []
    for title, days_ago in (("Carers' voice", 14), ("Over a Brew: getting about", 7)):
        day = TODAY - dt.timedelta(days=days_ago)
        session = store.sessions.save(
            Session(title, SessionKind.OVER_A_BREW, day, dt.time(10), dt.time(12), venue="Library")
        )
        sessions.append((session.id, day))
    names = [
        ("Fiona Chaudhry", Role.LIVED_EXPERIENCE),
        ("Dev Patel", Role.CARER),
        ("Zoë Ångström", Role.LIVED_EXPERIENCE),
    ]
    people = [store.people.save(Person(name=name, role=role)).id for name, role in names]
    for session_id, day in sessions:
        for person_id in people:
            store.attendance.record(
                session_id,
                person_id,
                AttendanceStatus.ARRIVED,
                arrived_at=at_venue(day, dt.time(10)),
            )
    claims = Claims(store, who="Priya Shah", today=lambda: TODAY, now=lambda: NOW)
    (first, _), (second, _) = sessions
    fiona, dev, zoe = people

    old = claims.start(first, dev)
    claims.save_line(old.id, LineInput(ExpenseKind.PUBLIC_TRANSPORT, amount="6.40"))
    claims.submit(old.id)
    claims.approve(old.id)
    claims.mark_paid(old.id)
    declined = claims.start(first, zoe)
    claims.set_payment(declined.id, PaymentChoice.DECLINE)
    claims.save_line(
        declined.id, LineInput(ExpenseKind.TAXI, amount="18", why="Agreed: no step-free bus")
    )
    claims.submit(declined.id)

    claim = claims.start(second, fiona)
    claims.save_line(claim.id, LineInput(ExpenseKind.MILEAGE, miles="12.5", vehicle=Vehicle.CAR))
    claims.save_line(claim.id, LineInput(ExpenseKind.MEALS, amount="12.50"))
    claims.save_line(
        claim.id,
        LineInput(
            ExpenseKind.CARE, amount="30", hours="3", receipt_held=True, receipt_ref="INV-0042"
        ),
    )
    claims.submit(claim.id)
    claims.start(second, dev)
    return claim.id


def test_claims_screen(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """Every claim, newest session first, with the one that needs an override flagged and
    the totals of what is shown."""
    claims_to_show(store)

    async def open_claims(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("space")  # one marked
        await pilot.pause()

    assert snap_compare(make_app(store), run_before=open_claims, terminal_size=SIZE)


def test_claim_screen(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """One submitted claim: the mileage worked out, a meal over the limit, the care line,
    the totals, the problems to override and what happened, in the paper form's order."""
    claim_id = claims_to_show(store)

    async def open_claim(pilot: Pilot[None]) -> None:
        pilot.app.open_claim(claim_id)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(store), run_before=open_claim, terminal_size=SIZE)
