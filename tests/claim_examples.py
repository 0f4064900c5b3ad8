"""Claims made through the Claims service, as a facilitator would, for the export tests.

One past session with four people who took part, and claims in most states: paid
with an override, approved for a charity, paid at the venue in cash, a draft, a
rejected one and a correcting claim that reverses the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sessions.claim_models import Claim, ExpenseKind, PaymentChoice, Vehicle, VenuePayment
from sessions.claiming import Claims, LineInput
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store

LONDON = ZoneInfo("Europe/London")
SESSION_DAY = dt.date(2026, 11, 10)
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
WHO = "Priya Facilitator"
ACCESS_NEEDS = "Needs a quiet room and large print"
OVERRIDE = "Agreed in advance by the team manager."
FORMULA_NAME = "=Robin Hood"
PARKING_NOTE = "Pay and display, £2 an hour"


@dataclass(frozen=True)
class Examples:
    service: Claims
    session: Session
    paid: Claim
    """Fiona: mileage, parking and a meal over the limit with no receipt; approved with an
    override, then paid. Reversed by `correction`."""
    charity: Claim
    """Zoë: a taxi; her payment for time goes to a charity; approved."""
    venue: Claim
    """Robin: declined the payment; care paid in cash at the venue."""
    draft: Claim
    rejected: Claim
    correction: Claim


def make_claims(store: Store) -> Examples:
    session = store.sessions.save(
        Session(
            title="Over a Brew: café talk",
            kind=SessionKind.OVER_A_BREW,
            date=SESSION_DAY,
            start=dt.time(10, 30),
            end=dt.time(12, 30),
            venue="Café Ñandú, Leeds",
        )
    )
    assert session.id is not None
    people = [
        store.people.save(Person(name=name, role=role, access_needs=ACCESS_NEEDS))
        for name, role in (
            ("Fiona Chaudhry", Role.LIVED_EXPERIENCE),
            ("Zoë Ångström-Nuñez", Role.CARER),
            (FORMULA_NAME, Role.LIVED_EXPERIENCE),
            ("Dev Patel", Role.LIVED_EXPERIENCE),
            ("Ruth O'Neill", Role.CARER),
        )
    ]
    arrived = dt.datetime.combine(SESSION_DAY, dt.time(10, 30), tzinfo=LONDON)
    for person in people:
        assert person.id is not None
        store.attendance.record(session.id, person.id, AttendanceStatus.ARRIVED, arrived_at=arrived)
    fiona, zoe, robin, dev, ruth = (p.id or 0 for p in people)
    service = Claims(store, who=WHO, today=lambda: TODAY, now=lambda: NOW)

    paid = service.start(session.id, fiona)
    assert paid.id is not None
    service.save_line(paid.id, LineInput(ExpenseKind.MILEAGE, miles="12.5", vehicle=Vehicle.CAR))
    service.save_line(
        paid.id,
        LineInput(
            ExpenseKind.PARKING,
            amount="4.00",
            description=PARKING_NOTE,
            receipt_held=True,
            receipt_ref="P-17",
        ),
    )
    service.save_line(
        paid.id, LineInput(ExpenseKind.MEALS, amount="12.00", description="Lunch on the way")
    )
    service.submit(paid.id)
    service.approve(paid.id, override_reason=OVERRIDE)
    service.mark_paid(paid.id)

    charity = service.start(session.id, zoe)
    assert charity.id is not None
    service.save_line(
        charity.id,
        LineInput(
            ExpenseKind.TAXI,
            amount="18.50",
            why="Agreed in advance: no step-free bus",
            receipt_held=True,
            receipt_ref="T-0042",
        ),
    )
    service.set_payment(charity.id, PaymentChoice.CHARITY, charity="Carers Leeds")
    service.submit(charity.id)
    service.approve(charity.id)

    venue = service.start(session.id, robin)
    assert venue.id is not None
    service.set_payment(venue.id, PaymentChoice.DECLINE)
    service.save_line(
        venue.id,
        LineInput(
            ExpenseKind.CARE,
            amount="30.00",
            hours="3",
            receipt_held=True,
            receipt_ref="-1 invoice",
        ),
    )
    service.pay_at_venue(venue.id, VenuePayment.CASH)

    draft = service.start(session.id, dev)
    assert draft.id is not None
    service.save_line(draft.id, LineInput(ExpenseKind.PUBLIC_TRANSPORT, amount="6.40"))

    rejected = service.start(session.id, ruth)
    assert rejected.id is not None
    service.save_line(
        rejected.id, LineInput(ExpenseKind.OTHER, amount="9.99", description="Stamps")
    )
    service.submit(rejected.id)
    service.reject(rejected.id, "This was claimed twice.")

    correction = service.reverse(paid.id, "The meal was paid by the venue.")
    assert correction.id is not None
    return Examples(
        service=service,
        session=session,
        paid=store.claims.get(paid.id),
        charity=store.claims.get(charity.id),
        venue=store.claims.get(venue.id),
        draft=store.claims.get(draft.id),
        rejected=store.claims.get(rejected.id),
        correction=correction,
    )
