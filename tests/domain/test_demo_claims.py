"""The example claims: every step of the workflow, made through the Claims service, the
same on every run, and only for sessions that have happened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle, VenuePayment
from sessions.claiming import Claims, ClaimView
from sessions.claims import Totals, claim_totals
from sessions.demo import fill_with_example_data
from sessions.store import Store

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module", params=[TODAY, dt.date(2025, 3, 1)], ids=str)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, dt.date, list[ClaimView]]]:
    today: dt.date = request.param
    path: Path = tmp_path_factory.mktemp("claims") / "facilitator.db"
    with Store.open(path) as store:
        fill_with_example_data(store, today)
        service = Claims(store)
        views = [service.view(row.claim.id) for row in service.listing().rows]  # type: ignore[arg-type]
        yield store, today, views


def test_there_is_a_claim_in_every_status(demo: tuple[Store, dt.date, list[ClaimView]]) -> None:
    _, _, views = demo
    assert {view.claim.status for view in views} == set(ClaimStatus)


def test_a_declined_payment_a_voucher_and_a_charity(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, _, views = demo
    declined = [v.claim for v in views if v.claim.choice is PaymentChoice.DECLINE]
    assert declined and all(claim.involvement_pence == 0 for claim in declined)
    assert any(v.claim.choice is PaymentChoice.VOUCHER for v in views)
    charity = [v.claim for v in views if v.claim.choice is PaymentChoice.CHARITY]
    assert charity and all(claim.charity for claim in charity)


def test_a_claim_paid_in_cash_at_the_venue(demo: tuple[Store, dt.date, list[ClaimView]]) -> None:
    _, _, views = demo
    at_venue = [v for v in views if v.claim.venue_payment is VenuePayment.CASH]
    assert at_venue
    claim = at_venue[0].claim
    assert claim.status is ClaimStatus.PAID
    assert claim.paid_at is not None
    assert any(entry.action == "paid at the venue" for entry in at_venue[0].audit)


def test_a_missing_receipt_approved_with_a_reason(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, _, views = demo
    overridden = [
        v
        for v in views
        if v.claim.status is ClaimStatus.APPROVED
        and any("needs a receipt" in problem for problem in v.problems)
    ]
    assert overridden
    assert overridden[0].claim.override_reason
    assert not any(
        line.receipt_held for line in overridden[0].lines if line.kind is ExpenseKind.MEALS
    )


def test_a_paid_claim_reversed_by_a_correcting_claim(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, _, views = demo
    by_id = {v.claim.id: v for v in views}
    corrections = [v for v in views if v.claim.is_correction]
    assert len(corrections) == 1
    correction = corrections[0]
    original = by_id[correction.claim.corrects_id]
    assert original.claim.reversed_by_id == correction.claim.id
    assert original.claim.status is ClaimStatus.PAID
    assert correction.totals == Totals(-original.totals.expenses, -original.totals.involvement)
    assert correction.claim.amount_reason


def test_lines_of_every_useful_kind(demo: tuple[Store, dt.date, list[ClaimView]]) -> None:
    _, _, views = demo
    lines = [line for v in views for line in v.lines]
    mileage = [line for line in lines if line.kind is ExpenseKind.MILEAGE]
    assert {line.vehicle for line in mileage} >= {Vehicle.CAR, Vehicle.PASSENGER}
    assert any(line.kind is ExpenseKind.CARE and line.hours_hundredths for line in lines)
    assert any(line.kind is ExpenseKind.TAXI and line.why for line in lines)
    rejected = [v.claim for v in views if v.claim.status is ClaimStatus.REJECTED]
    assert rejected and all(claim.rejected_reason for claim in rejected)


def test_every_amount_is_whole_pence_and_adds_up(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, _, views = demo
    for view in views:
        claim = view.claim
        for amount in (claim.worked_out_pence, claim.involvement_pence):
            assert type(amount) is int, claim.number
        for line in view.lines:
            assert type(line.amount_pence) is int, claim.number
        assert view.totals == claim_totals(claim, view.lines)


def test_every_claim_has_its_history_in_the_audit_log(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, today, views = demo
    now = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for view in views:
        assert view.audit, view.claim.number
        for entry in view.audit:
            assert entry.who and entry.who != "unknown user", view.claim.number
            assert entry.at < now, "nothing happens on or after the demo's today"


def test_claims_are_only_for_sessions_that_have_happened(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    _, today, views = demo
    for view in views:
        assert view.session.date < today
        assert view.attended, f"{view.person.name} was there"
        assert not view.claim.not_there_reason


def test_the_newest_past_session_is_left_for_trying_a_claim(
    demo: tuple[Store, dt.date, list[ClaimView]],
) -> None:
    store, today, views = demo
    past = [s for s in store.sessions.overview() if s.date < today]
    newest = max(past, key=lambda s: s.date)
    assert newest.id not in {view.session.id for view in views}
    assert store.sessions.deletion_impact(newest.id).title == newest.title


def test_the_example_claims_are_the_same_every_run(tmp_path: Path) -> None:
    def claims_in(path: Path) -> list[tuple[object, ...]]:
        with Store.open(path) as store:
            fill_with_example_data(store, TODAY)
            service = Claims(store)
            found = []
            for row in service.listing().rows:
                assert row.claim.id is not None
                view = service.view(row.claim.id)
                found.append(
                    (
                        replace(view.claim, uid=""),  # a fresh UUID in every file
                        view.person.name,
                        [(line.kind, line.amount_pence, line.description) for line in view.lines],
                        [(e.at, e.who, e.action, e.details) for e in view.audit],
                    )
                )
            return found

    first = claims_in(tmp_path / "one.db")
    assert first
    assert claims_in(tmp_path / "two.db") == first
