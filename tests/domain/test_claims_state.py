"""Claims under any order of edits: totals never drift, every amount stays an integer,
no status changes outside the workflow, and a reversal cancels its claim exactly.

A hypothesis state machine drives the Claims service on a real data file and keeps
its own account of what each claim should hold, worked out here from the typed
amounts (not by the service), to compare after every step.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle, VenuePayment
from sessions.claiming import Claims, LineInput, NeedsConfirming, NeedsReason
from sessions.claims import TRANSITIONS, Totals, claim_totals
from sessions.errors import FacilitatorError
from sessions.models import AttendanceStatus, PaymentPreference, Person, Role, Session, SessionKind
from sessions.money import pounds_plain
from sessions.store import Store
from support import TODAY, FakeClock

BICYCLE_PENCE = 20
"""The default policy's bicycle rate, which has no yearly step."""
CONFIRM_OVER = 100_000
WHOLE_SESSION_PENCE = 3000
"""Two hours at £15 an hour."""
AMOUNT_COLUMNS = {
    "claims": ("involvement_pence", "worked_out_pence", "minutes_there"),
    "claim_lines": ("amount_pence", "miles_hundredths", "hours_hundredths", "position"),
}
EDITABLE = {ClaimStatus.DRAFT, ClaimStatus.SUBMITTED}
COUNTING = set(ClaimStatus) - {ClaimStatus.REJECTED, ClaimStatus.CANCELLED}
"""Written out here from the issue, not read from ClaimStatus."""
S = ClaimStatus
ALLOWED: dict[str, tuple[tuple[ClaimStatus, ...], ClaimStatus]] = {
    "submit": ((S.DRAFT,), S.SUBMITTED),
    "return": ((S.SUBMITTED,), S.DRAFT),
    "approve": ((S.SUBMITTED,), S.APPROVED),
    "reject": ((S.SUBMITTED,), S.REJECTED),
    "pay": ((S.APPROVED,), S.PAID),
    "pay_at_venue": ((S.DRAFT, S.SUBMITTED, S.APPROVED), S.PAID),
    "cancel": ((S.DRAFT, S.SUBMITTED), S.CANCELLED),
}
"""The workflow from the issue: draft -> submitted -> approved -> paid, or rejected or
cancelled; sent back to draft; paid at the venue on the day."""
MOST_MILES = 1_000
KINDS = (
    ExpenseKind.MILEAGE,
    ExpenseKind.PUBLIC_TRANSPORT,
    ExpenseKind.PARKING,
    ExpenseKind.MEALS,
    ExpenseKind.TAXI,
    ExpenseKind.OTHER,
)


@dataclass
class Expected:
    """What the test believes one claim holds."""

    lines: dict[int, int] = field(default_factory=dict)
    """Line id to amount in pence."""
    involvement: int = 0
    worked_out: int = 0
    corrects: int | None = None

    def totals(self) -> Totals:
        return Totals(sum(self.lines.values()), self.involvement)


class ClaimsMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="claims-state-"))
        self.store = Store.open(self.folder / "facilitator.db")
        self.claims = Claims(self.store, who="Tester", today=lambda: TODAY, now=FakeClock())
        self.expected: dict[int, Expected] = {}
        self.people: list[tuple[int, int]] = []
        """(session id, person id) pairs that may claim."""
        self.pay_for: dict[int, tuple[int, int]] = {}
        """Person id: (worked out, involvement when the claim starts)."""
        self.absent: set[int] = set()
        self.touched: set[int] = set()
        """Claims the last step worked on: their view is checked too."""
        """People not recorded as there: they claim only with a reason."""

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- the data file ---

    @initialize()
    def people_and_sessions(self) -> None:
        sessions = [
            self.store.sessions.save(
                Session(
                    f"Session {n}",
                    SessionKind.OVER_A_BREW,
                    date=TODAY - dt.timedelta(days=7 * n),
                    start=dt.time(10),
                    end=dt.time(12),
                )
            )
            for n in (1, 2)
        ]
        people = [
            (Person("Farah Khan", Role.LIVED_EXPERIENCE), WHOLE_SESSION_PENCE, True),
            (
                Person("Eileen Shaw", Role.CARER, payment=PaymentPreference.DECLINE),
                0,
                True,
            ),
            (Person("Tom Reid", Role.STAFF), 0, True),
            (Person("Ann Lee", Role.CARER), 0, False),
        ]
        for person, pay, there in people:
            saved = self.store.people.save(person)
            assert saved.id is not None
            worked = WHOLE_SESSION_PENCE if person.role is not Role.STAFF and there else 0
            if not there:
                self.absent.add(saved.id)
            self.pay_for[saved.id] = (worked, pay)
            for session in sessions:
                assert session.id is not None
                if there:
                    self.store.attendance.record(session.id, saved.id, AttendanceStatus.ARRIVED)
                self.people.append((session.id, saved.id))
        # Farah's first claim and Eileen's, two lines each: every rule has claims to work on.
        self.start(0, "")
        self.start(2, "")
        for claim_id in sorted(self.expected):
            self.add_line(claim_id, True, ExpenseKind.PARKING, 350, False, True)
            self.add_line(claim_id, True, ExpenseKind.MILEAGE, 1250, False, False)
        self.submit(0, True)  # Farah's: so approving has a claim to work on from the start

    # --- helpers ---

    def statuses(self) -> dict[int, ClaimStatus]:
        return {
            row["id"]: ClaimStatus(row["status"])
            for row in self.store.db.query("SELECT id, status FROM claims")
        }

    def lines_of(self, claim_id: int) -> dict[int, int]:
        return {line.id or 0: line.amount_pence for line in self.store.claims.lines(claim_id)}

    def editable(self, claim_id: int, statuses: dict[int, ClaimStatus]) -> bool:
        return statuses[claim_id] in EDITABLE and self.expected[claim_id].corrects is None

    def pick(self, index: int, fit: bool, wanted: Callable[[int], bool]) -> int:
        """A claim to work on: one the step suits (fit) or one it does not, when there is
        one, so that runs reach approval, payment and reversal and try every refusal."""
        ids = sorted(self.expected)
        ids = [claim_id for claim_id in ids if wanted(claim_id) == fit] or ids
        return ids[index % len(ids)]

    def pick_for(self, step: str, index: int, fit: bool) -> int:
        statuses = self.statuses()
        return self.pick(
            index,
            fit,
            lambda c: (
                statuses[c] in ALLOWED[step][0]
                and (self.expected[c].corrects is None or step == "pay")
            ),
        )

    def pick_line(self, index: int, which: int, fit: bool) -> tuple[int, int]:
        statuses = self.statuses()
        with_lines = sorted(c for c, e in self.expected.items() if e.lines)
        with_lines = [c for c in with_lines if self.editable(c, statuses) == fit] or with_lines
        claim_id = with_lines[index % len(with_lines)]
        line_ids = sorted(self.expected[claim_id].lines)
        return claim_id, line_ids[which % len(line_ids)]

    def step(self, claim_id: int, step: str, change: Callable[[], object]) -> bool:
        """Take a workflow step: it happens exactly as the workflow says, or is refused
        in words and nothing changes. True if it happened."""
        self.touched.add(claim_id)
        before = self.statuses()
        try:
            change()
        except FacilitatorError as error:
            assert str(error).strip().endswith("."), str(error)
            assert self.statuses() == before
            starts, _ = ALLOWED[step]
            assert (
                before[claim_id] not in starts
                or self.expected[claim_id].corrects
                or (step in ("approve", "pay_at_venue", "reject"))
            ), f"{step} refused for a {before[claim_id].value} claim: {error}"
            return False
        after = self.statuses()
        starts, leads_to = ALLOWED[step]
        assert before[claim_id] in starts, (step, before[claim_id])
        assert after[claim_id] is leads_to
        assert {c: s for c, s in after.items() if c != claim_id} == {
            c: s for c, s in before.items() if c != claim_id
        }
        if self.expected[claim_id].corrects is not None:
            assert step == "pay", "a correcting claim can only be marked paid"
        self.nothing_else_moves(claim_id)
        return True

    def nothing_else_moves(self, claim_id: int) -> None:
        """From where a claim now is, every step the workflow does not allow, and any edit
        of a claim that is not editable, is refused in words and changes nothing."""
        before = self.statuses()
        status = before[claim_id]
        lines = self.lines_of(claim_id)
        reason = "A reason"
        attempts: dict[str, Callable[[], object]] = {
            "submit": lambda: self.claims.submit(claim_id),
            "return": lambda: self.claims.send_back(claim_id),
            "approve": lambda: self.claims.approve(claim_id, reason),
            "reject": lambda: self.claims.reject(claim_id, reason),
            "pay": lambda: self.claims.mark_paid(claim_id),
            "pay_at_venue": lambda: self.claims.pay_at_venue(claim_id, VenuePayment.CASH, reason),
            "cancel": lambda: self.claims.cancel(claim_id, reason),
        }
        if not self.editable(claim_id, before):
            attempts["edit"] = lambda: self.claims.save_line(
                claim_id, LineInput(ExpenseKind.PARKING, amount="1")
            )
            attempts["payment"] = lambda: self.claims.set_payment(claim_id, PaymentChoice.DECLINE)
        for step, attempt in attempts.items():
            if step in ALLOWED and status in ALLOWED[step][0]:
                continue
            try:
                attempt()
            except FacilitatorError as error:
                assert str(error).strip().endswith("."), str(error)
            else:
                raise AssertionError(f"{step} was allowed for a {status.value} claim")
            assert self.statuses() == before
            assert self.lines_of(claim_id) == lines

    def edit(
        self, claim_id: int, change: Callable[[], object], *, valid: bool = True
    ) -> object | None:
        """An edit: made when it is valid and the claim is a draft or submitted and not a
        correction; otherwise refused in words with nothing changed."""
        self.touched.add(claim_id)
        statuses = self.statuses()
        status = statuses[claim_id]
        lines = self.lines_of(claim_id)
        involvement = self.store.claims.get(claim_id).involvement_pence
        editable = self.editable(claim_id, statuses)
        try:
            result = change()
        except FacilitatorError as error:
            assert str(error).strip().endswith("."), str(error)
            assert not (editable and valid), str(error)
            if not editable:
                assert not isinstance(error, NeedsConfirming)
            assert self.lines_of(claim_id) == lines
            assert self.store.claims.get(claim_id).involvement_pence == involvement
            assert self.statuses()[claim_id] is status
            return None
        assert editable, f"a {status.value} claim was changed"
        assert valid, "an edit that should be refused was made"
        return result

    # --- rules ---

    @rule(index=st.integers(0, 100), reason=st.sampled_from(["", "Came by video"]))
    def start(self, index: int, reason: str) -> None:
        session_id, person_id = self.people[index % len(self.people)]
        try:
            claim = self.claims.start(session_id, person_id, reason)
        except NeedsReason:
            assert person_id in self.absent and not reason
            return
        assert claim.id is not None
        if claim.id in self.expected:
            assert claim.status in EDITABLE
            return
        worked, pay = self.pay_for[person_id]
        assert (claim.worked_out_pence, claim.involvement_pence) == (worked, pay)
        assert claim.status is ClaimStatus.DRAFT
        self.expected[claim.id] = Expected(involvement=pay, worked_out=worked)

    @rule(
        index=st.integers(0, 100),
        fit=st.booleans(),
        kind=st.sampled_from(KINDS),
        pence=st.integers(1, 150_000),
        confirmed=st.booleans(),
        receipt=st.booleans(),
    )
    def add_line(
        self,
        index: int,
        fit: bool,
        kind: ExpenseKind,
        pence: int,
        confirmed: bool,
        receipt: bool,
    ) -> None:
        """A line typed as an amount, or (mileage) as miles by bicycle: `pence` is then
        hundredths of a mile, over 1,000 miles now and then."""
        statuses = self.statuses()
        claim_id = self.pick(index, fit, lambda c: self.editable(c, statuses))
        if kind is ExpenseKind.MILEAGE:
            typed = LineInput(
                kind, miles=f"{pence // 100}.{pence % 100:02d}", vehicle=Vehicle.BICYCLE
            )
            valid = pence <= 100 * MOST_MILES
            # 20p a mile, halves of a penny rounded up: worked by hand, in integers.
            amount = (BICYCLE_PENCE * pence * 2 + 100) // 200
        else:
            typed = LineInput(
                kind,
                amount=pounds_plain(pence),
                why="Access",
                description="Bus fare",
                receipt_held=receipt,
                confirmed=confirmed,
            )
            valid = confirmed or pence <= CONFIRM_OVER
            amount = pence
        saved = self.edit(claim_id, lambda: self.claims.save_line(claim_id, typed), valid=valid)
        if saved is not None:
            self.expected[claim_id].lines[saved.id] = amount  # type: ignore[attr-defined]

    @precondition(lambda self: any(e.lines for e in self.expected.values()))
    @rule(
        index=st.integers(0, 100),
        which=st.integers(0, 100),
        fit=st.booleans(),
        pence=st.integers(1, 99_999),
    )
    def edit_line(self, index: int, which: int, fit: bool, pence: int) -> None:
        claim_id, line_id = self.pick_line(index, which, fit)
        typed = LineInput(ExpenseKind.OTHER, amount=pounds_plain(pence), description="Stamps")
        saved = self.edit(claim_id, lambda: self.claims.save_line(claim_id, typed, line_id=line_id))
        if saved is not None:
            assert saved.id == line_id  # type: ignore[attr-defined]
            self.expected[claim_id].lines[line_id] = pence

    @precondition(lambda self: any(e.lines for e in self.expected.values()))
    @rule(index=st.integers(0, 100), which=st.integers(0, 100), fit=st.booleans())
    def remove_line(self, index: int, which: int, fit: bool) -> None:
        claim_id, line_id = self.pick_line(index, which, fit)

        def remove() -> bool:
            self.claims.remove_line(claim_id, line_id)
            return True

        if self.edit(claim_id, remove):
            del self.expected[claim_id].lines[line_id]

    @rule(
        index=st.integers(0, 100),
        fit=st.booleans(),
        choice=st.sampled_from(PaymentChoice),
        pence=st.one_of(st.none(), st.integers(0, 10_000)),
        reason=st.sampled_from(["", "Agreed with the person"]),
    )
    def set_payment(
        self, index: int, fit: bool, choice: PaymentChoice, pence: int | None, reason: str
    ) -> None:
        statuses = self.statuses()
        claim_id = self.pick(index, fit, lambda c: self.editable(c, statuses))
        expected = self.expected[claim_id]
        amount = "" if pence is None else pounds_plain(pence)
        worked = expected.worked_out
        pay: int | None  # None: the rules refuse it
        if choice is PaymentChoice.DECLINE:
            pay = 0
        elif choice is PaymentChoice.LOWER:
            pay = pence if pence is not None and pence < worked else None
        elif pence is None or pence == worked:
            pay = worked
        else:
            pay = pence if reason else None
        changed = self.edit(
            claim_id,
            lambda: self.claims.set_payment(
                claim_id, choice, amount=amount, reason=reason, charity="Mind"
            ),
            valid=pay is not None,
        )
        if changed is not None:
            assert changed.involvement_pence == pay  # type: ignore[attr-defined]
            assert changed.choice is choice  # type: ignore[attr-defined]
            expected.involvement = pay  # type: ignore[assignment]

    @rule(index=st.integers(0, 100), fit=st.booleans())
    def submit(self, index: int, fit: bool) -> None:
        claim_id = self.pick_for("submit", index, fit)
        self.step(claim_id, "submit", lambda: self.claims.submit(claim_id))

    @rule(index=st.integers(0, 100), fit=st.booleans())
    def send_back(self, index: int, fit: bool) -> None:
        claim_id = self.pick_for("return", index, fit)
        self.step(claim_id, "return", lambda: self.claims.send_back(claim_id))

    @rule(
        index=st.integers(0, 100),
        fit=st.booleans(),
        reason=st.sampled_from(["", "Receipt seen by the manager", "Agreed in advance"]),
    )
    def approve(self, index: int, fit: bool, reason: str) -> None:
        claim_id = self.pick_for("approve", index, fit)
        problems = self.claims.view(claim_id).problems
        done = self.step(claim_id, "approve", lambda: self.claims.approve(claim_id, reason))
        if done:
            assert reason or not problems, "approved without an override"

    @rule(
        index=st.integers(0, 100),
        fit=st.booleans(),
        reason=st.sampled_from(["", "Duplicate claim"]),
    )
    def reject(self, index: int, fit: bool, reason: str) -> None:
        claim_id = self.pick_for("reject", index, fit)
        done = self.step(claim_id, "reject", lambda: self.claims.reject(claim_id, reason))
        if done:
            assert reason, "rejected without a reason"

    @rule(index=st.integers(0, 100), fit=st.booleans())
    def cancel(self, index: int, fit: bool) -> None:
        claim_id = self.pick_for("cancel", index, fit)
        self.step(claim_id, "cancel", lambda: self.claims.cancel(claim_id, "Mistake"))

    @rule(
        index=st.integers(0, 100),
        fit=st.booleans(),
        venue=st.one_of(st.none(), st.sampled_from(VenuePayment)),
    )
    def pay(self, index: int, fit: bool, venue: VenuePayment | None) -> None:
        """Mark an approved claim paid, or pay at the venue on the day."""
        if venue is None:
            claim_id = self.pick_for("pay", index, fit)
            self.step(claim_id, "pay", lambda: self.claims.mark_paid(claim_id))
            return
        claim_id = self.pick_for("pay_at_venue", index, fit)
        self.step(
            claim_id,
            "pay_at_venue",
            lambda: self.claims.pay_at_venue(claim_id, venue, "Handed over on the day"),
        )

    @rule(index=st.integers(0, 100), fit=st.booleans())
    def reverse(self, index: int, fit: bool) -> None:
        statuses = self.statuses()
        reversed_ids = {e.corrects for e in self.expected.values()}
        claim_id = self.pick(
            index,
            fit,
            lambda c: (
                statuses[c] in (ClaimStatus.APPROVED, ClaimStatus.PAID)
                and c not in reversed_ids
                and self.expected[c].corrects is None
            ),
        )
        self.touched.add(claim_id)
        before = self.statuses()
        original = self.store.claims.get(claim_id)
        reversible = (
            before[claim_id] in (ClaimStatus.APPROVED, ClaimStatus.PAID)
            and claim_id not in reversed_ids
            and self.expected[claim_id].corrects is None
        )
        try:
            correction = self.claims.reverse(claim_id, "Paid to the wrong person")
        except FacilitatorError as error:
            assert str(error).endswith(".")
            assert self.statuses() == before
            assert not reversible, str(error)
            return
        assert reversible, f"a {before[claim_id].value} claim was reversed"
        assert original.reversed_by_id is None and not original.is_correction
        after = self.statuses()
        assert correction.id is not None and correction.id not in before
        self.touched.add(correction.id)
        assert after[correction.id] is ClaimStatus.APPROVED
        assert {c: s for c, s in after.items() if c != correction.id} == before
        mine = self.expected[claim_id]
        self.expected[correction.id] = Expected(
            lines={
                new_id: -amount
                for new_id, amount in zip(
                    sorted(self.lines_of(correction.id)),
                    [mine.lines[i] for i in sorted(mine.lines)],
                    strict=True,
                )
            },
            involvement=-mine.involvement,
            worked_out=-mine.worked_out,
            corrects=claim_id,
        )
        self.nothing_else_moves(claim_id)
        self.nothing_else_moves(correction.id)

    # --- what must always hold ---

    @invariant()
    def stored_totals_match_the_lines_typed(self) -> None:
        for claim_id, expected in self.expected.items():
            assert self.lines_of(claim_id) == expected.lines, claim_id
            claim = self.store.claims.get(claim_id)
            assert claim.involvement_pence == expected.involvement
            summed = self.store.db.execute(
                "SELECT coalesce(sum(amount_pence), 0) FROM claim_lines WHERE claim_id = ?",
                [claim_id],
            ).fetchone()[0]
            assert Totals(summed, claim.involvement_pence) == expected.totals()
            assert claim_totals(claim, self.store.claims.lines(claim_id)) == expected.totals()
        for claim_id in self.touched:
            assert self.claims.view(claim_id).totals == self.expected[claim_id].totals()
        self.touched.clear()

    @invariant()
    def listing_totals_are_the_sum_of_counting_claims(self) -> None:
        listing = self.claims.listing()
        statuses = self.statuses()
        assert sorted(row.claim.id for row in listing.rows) == sorted(self.expected)
        want = Totals()
        for claim_id, expected in self.expected.items():
            if statuses[claim_id] in COUNTING:
                want += expected.totals()
        assert listing.totals == want
        for row in listing.rows:
            assert row.claim.id is not None
            assert row.expenses_pence == self.expected[row.claim.id].totals().expenses

    @invariant()
    def every_amount_in_the_file_is_an_integer(self) -> None:
        for table, columns in AMOUNT_COLUMNS.items():
            for column in columns:
                odd = self.store.db.execute(
                    f"SELECT count(*) FROM {table} WHERE typeof({column}) != 'integer'"
                ).fetchone()[0]
                assert odd == 0, f"{table}.{column} holds something other than an integer"

    @invariant()
    def a_reversal_cancels_its_claim_exactly(self) -> None:
        for claim_id, expected in self.expected.items():
            if expected.corrects is None:
                continue
            original = self.store.claims.get(expected.corrects)
            correction = self.store.claims.get(claim_id)
            assert original.reversed_by_id == claim_id
            assert claim_totals(original, self.store.claims.lines(expected.corrects)) + (
                claim_totals(correction, self.store.claims.lines(claim_id))
            ) == Totals(0, 0)
            assert correction.status in (ClaimStatus.APPROVED, ClaimStatus.PAID)


ClaimsMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestClaimsStateMachine = ClaimsMachine.TestCase


def test_the_workflow_here_is_the_one_the_rules_use() -> None:
    assert TRANSITIONS == ALLOWED
