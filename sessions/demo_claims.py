"""Example claims: the older past sessions hold claims in every state, made through the
`Claims` service as a facilitator would make them, so every amount, check and audit
entry is the real thing.

The newest past session is left without claims, for trying a claim from its Check-in
tab. Each step happens at a set moment a few days after its session, never after the
demo's today, so the example data is the same on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sessions.claim_models import ExpenseKind, PaymentChoice, Vehicle, VenuePayment
from sessions.claiming import Claims, LineInput
from sessions.clock import at_venue, venue_date
from sessions.models import Person, Session
from sessions.store import Store


class _Clock:
    """The moment each step is taken: so many days after the session, never after the
    demo's today."""

    def __init__(self, session: Session, today: dt.date) -> None:
        self.session = session
        self.latest = at_venue(today - dt.timedelta(days=1), dt.time(17))
        self.moment = self.latest
        self.on(0, dt.time(12, 45))

    def on(self, days_after: int, at: dt.time = dt.time(10)) -> None:
        day = self.session.date + dt.timedelta(days=days_after)
        self.moment = min(at_venue(day, at), self.latest)

    def now(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)

    def today(self) -> dt.date:
        return venue_date(self.moment)


def add_claim_history(store: Store, past: Sequence[Session], today: dt.date) -> None:
    """Claims for every past session but the newest: settled ones (paid, declined,
    reversed, cancelled, paid at the venue) for the oldest, open ones (draft, submitted,
    approved with an override, rejected, a voucher, a charity) for the next."""
    ordered = sorted(past, key=lambda session: session.date)[:-1]
    if len(ordered) >= 1:
        _settled(store, ordered[0], today)
    if len(ordered) >= 2:
        _open(store, ordered[1], today)


def _claimants(store: Store, session: Session) -> list[Person]:
    """People who took part and whose time the policy pays for, in a fixed order."""
    assert session.id is not None
    paid = store.policies.current().paid_roles
    people = []
    for attendance in sorted(store.attendance.for_session(session.id), key=lambda a: a.person_id):
        if attendance.status.attended:
            person = store.people.get(attendance.person_id)
            if person.role in paid:
                people.append(person)
    return people


def _service(store: Store, session: Session, today: dt.date) -> tuple[Claims, _Clock]:
    """The Claims service in the name of the session's staff co-chair."""
    clock = _Clock(session, today)
    chair = store.people.get(session.co_chair_ids[0]) if session.co_chair_ids else None
    who = chair.name if chair is not None else "Example facilitator"
    return Claims(store, who=who, today=clock.today, now=clock.now), clock


def _start(claims: Claims, session: Session, person: Person) -> int:
    assert session.id is not None and person.id is not None
    claim = claims.start(session.id, person.id)
    assert claim.id is not None
    return claim.id


def _settled(store: Store, session: Session, today: dt.date) -> None:
    """The oldest past session: everything paid, reversed or cancelled."""
    claims, clock = _service(store, session, today)
    people = _claimants(store, session)
    if len(people) < 5:
        return
    cash, paid, reversed_, declined, cancelled = people[:5]

    # Bus fare and the payment for time handed over in cash at the end of the session.
    clock.on(0, dt.time(12, 40))
    claim = _start(claims, session, cash)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim,
        LineInput(ExpenseKind.PUBLIC_TRANSPORT, amount="4.80", description="Bus there and back"),
    )
    claims.pay_at_venue(claim, VenuePayment.CASH)

    # Drove in, parked: approved and paid by bank transfer.
    clock.on(1)
    claim = _start(claims, session, paid)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim,
        LineInput(ExpenseKind.MILEAGE, miles="12.5", vehicle=Vehicle.CAR, description="Home"),
    )
    claims.save_line(
        claim,
        LineInput(ExpenseKind.PARKING, amount="3.20", description="Westgate car park"),
    )
    claims.submit(claim)
    clock.on(3)
    claims.approve(claim)
    clock.on(10)
    claims.mark_paid(claim)

    # Paid twice by mistake: reversed by a correcting claim.
    clock.on(1, dt.time(11))
    claim = _start(claims, session, reversed_)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim,
        LineInput(
            ExpenseKind.PUBLIC_TRANSPORT,
            amount="11.60",
            description="Train, standard class",
            receipt_held=True,
            receipt_ref="Ticket 4471",
        ),
    )
    claims.submit(claim)
    clock.on(3, dt.time(11))
    claims.approve(claim)
    clock.on(10, dt.time(11))
    claims.mark_paid(claim)
    clock.on(14)
    claims.reverse(claim, "Paid twice: the same claim was also paid from the paper form.")

    # Declined the payment for their time; a lift from a friend.
    clock.on(2)
    claim = _start(claims, session, declined)
    claims.set_payment(claim, PaymentChoice.DECLINE)
    claims.save_line(
        claim,
        LineInput(ExpenseKind.MILEAGE, miles="8", vehicle=Vehicle.PASSENGER, description="Lift"),
    )
    claims.submit(claim)
    clock.on(3, dt.time(12))
    claims.approve(claim)
    clock.on(10, dt.time(12))
    claims.mark_paid(claim)

    # Started by mistake, then cancelled.
    clock.on(2, dt.time(11))
    claim = _start(claims, session, cancelled)
    claims.cancel(claim, "Started twice by mistake; the claim on the paper form is the one to pay.")


def _open(store: Store, session: Session, today: dt.date) -> None:
    """The next past session: claims still on their way."""
    claims, clock = _service(store, session, today)
    people = _claimants(store, session)
    if len(people) < 6:
        return
    draft, submitted, override, rejected, voucher, charity = people[:6]

    # A draft: the bus fare typed in, not yet sent.
    clock.on(1)
    claim = _start(claims, session, draft)
    claims.save_line(claim, LineInput(ExpenseKind.PUBLIC_TRANSPORT, amount="5.60"))

    # Submitted: drove in, and paid for care for their mother while they were here.
    clock.on(1, dt.time(11))
    claim = _start(claims, session, submitted)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim, LineInput(ExpenseKind.MILEAGE, miles="23", vehicle=Vehicle.CAR, description="Home")
    )
    claims.save_line(
        claim,
        LineInput(
            ExpenseKind.CARE,
            amount="30.00",
            hours="3",
            description="Sitting service for my mother",
            receipt_held=True,
            receipt_ref="Invoice 0112",
        ),
    )
    claims.submit(claim)

    # A taxi agreed in advance, and lunch whose receipt was lost: approved with a reason.
    clock.on(1, dt.time(12))
    claim = _start(claims, session, override)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim,
        LineInput(
            ExpenseKind.TAXI,
            amount="14.20",
            why="Agreed in advance: there is no step-free bus to the library.",
            receipt_held=True,
            receipt_ref="Castle Cars 2231",
        ),
    )
    claims.save_line(claim, LineInput(ExpenseKind.MEALS, amount="8.50", description="Lunch"))
    claims.submit(claim)
    clock.on(2)
    claims.approve(
        claim, override_reason="The café's receipt was lost; the lunch was agreed beforehand."
    )

    # Something the policy does not pay for: rejected, with the reason they are told.
    clock.on(1, dt.time(13))
    claim = _start(claims, session, rejected)
    claims.set_payment(claim, PaymentChoice.TAKE)
    claims.save_line(
        claim,
        LineInput(
            ExpenseKind.OTHER,
            amount="20.00",
            description="Mobile phone top-up",
            receipt_held=True,
            receipt_ref="Top-up text",
        ),
    )
    claims.submit(claim)
    clock.on(2, dt.time(11))
    claims.reject(
        claim, "Phone top-ups are not paid under the expenses policy; we called to explain."
    )

    # The payment for time as a voucher: approved, waiting to be paid.
    clock.on(1, dt.time(14))
    claim = _start(claims, session, voucher)
    claims.set_payment(claim, PaymentChoice.VOUCHER)
    claims.submit(claim)
    clock.on(2, dt.time(12))
    claims.approve(claim)

    # The payment for time given to a charity.
    clock.on(1, dt.time(15))
    claim = _start(claims, session, charity)
    claims.set_payment(claim, PaymentChoice.CHARITY, charity="Carers' Centre")
    claims.save_line(claim, LineInput(ExpenseKind.PARKING, amount="2.50"))
    claims.submit(claim)
