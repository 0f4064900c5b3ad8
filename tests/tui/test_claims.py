"""Claims in the TUI: making one from the Claims screen or the Check-in tab, adding
expenses, and taking it through submit, approve (with an override) and paid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static

from facilitator.app import FacilitatorApp
from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.claim import ClaimScreen, LinesTable
from facilitator.screens.claim_forms import LineForm, PaymentForm, ReasonForm
from facilitator.screens.claims import ClaimsScreen, ClaimsTable, SessionPersonPicker
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.session import SessionScreen
from facilitator.widgets.checkin_panel import CheckInPanel
from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle
from sessions.claiming import USER_NAME, Claims, LineInput
from sessions.clock import at_venue
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from support import NOW, TODAY, column, fill, make_app, type_text, wait_for

SESSION_DAY = TODAY - dt.timedelta(days=7)
CLAIM, DATE, PERSON, SESSION, STATUS, EXPENSES, FOR_TIME, LOOK = range(1, 9)


def add_session(store: Store, title: str, day: dt.date = SESSION_DAY) -> int:
    session = store.sessions.save(
        Session(title, SessionKind.OVER_A_BREW, day, dt.time(10), dt.time(12), venue="Library")
    )
    assert session.id is not None
    return session.id


def add_person(store: Store, name: str, role: Role = Role.LIVED_EXPERIENCE) -> int:
    person = store.people.save(Person(name=name, role=role))
    assert person.id is not None
    return person.id


def arrive(store: Store, session_id: int, person_id: int, day: dt.date = SESSION_DAY) -> None:
    store.attendance.record(
        session_id,
        person_id,
        AttendanceStatus.ARRIVED,
        arrived_at=at_venue(day, dt.time(10)),
    )


def a_past_session(store: Store) -> tuple[int, dict[str, int]]:
    """Anna and Ben took part for the whole two hours; Cara was booked but did not come."""
    session = add_session(store, "Carers' voice")
    people = {
        "Anna": add_person(store, "Anna Fisher"),
        "Ben": add_person(store, "Ben Carter", Role.CARER),
        "Cara": add_person(store, "Cara Jones"),
    }
    arrive(store, session, people["Anna"])
    arrive(store, session, people["Ben"])
    store.attendance.record(session, people["Cara"], AttendanceStatus.BOOKED)
    return session, people


def service(store: Store) -> Claims:
    return Claims(store, who="Test Facilitator", today=lambda: TODAY, now=lambda: NOW)


def text(app: FacilitatorApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def said(app: FacilitatorApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def press_and_wait(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


async def test_a_claim_from_the_claims_screen_to_paid(store: Store) -> None:
    session, people = a_past_session(store)
    store.settings.set(USER_NAME, "Jo Facilitator")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_and_wait(pilot, "c")  # from the home screen
        assert isinstance(app.screen, ClaimsScreen)
        assert "No claims yet" in text(app, "#claims-none")

        await press_and_wait(pilot, "n")
        assert isinstance(app.screen, ChoiceScreen)  # which session
        await press_and_wait(pilot, "1")
        picker = app.screen
        assert isinstance(picker, SessionPersonPicker)  # who: those who came first
        options = picker.query_one("#picker-results", OptionList)
        listed = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert listed == [
            "Anna Fisher, person with lived experience: arrived",
            "Ben Carter, carer: arrived",
            "Cara Jones, person with lived experience: booked",
        ]
        await type_text(pilot, "ann")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ClaimScreen)
        claim = store.claims.of_session(session)[0]
        assert claim.person_id == people["Anna"]
        assert "Started claim C0001" in said(app)
        assert "There for 2 h at £15.00 an hour: £30.00." in text(app, "#claim-time")

        # Mileage: the amount is worked out from the policy's rate.
        await press_and_wait(pilot, "a", "1")
        form = app.screen
        assert isinstance(form, LineForm)
        assert app.focused is form.query_one("#miles", Input)
        assert not form.query_one("#field-amount").display, "mileage has no amount to type"
        await type_text(pilot, "12.5")
        await pilot.pause()
        assert "Worked out from the policy's rate: £5.63." in text(app, "#line-worked-out")
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimScreen)
        table = app.screen.query_one(LinesTable)
        assert column(table, 1) == ["12.5 miles, car or van"]
        assert column(table, 2) == ["Not needed"], "mileage needs no receipt"
        assert column(table, 3) == ["£5.63"]
        assert "12.5 miles at 45p a mile: £5.63." in text(app, "#claim-line-how")

        # A meal over the £10 limit, with no receipt; text in the amount saves nothing.
        await press_and_wait(pilot, "a", "8")
        form = app.screen
        assert isinstance(form, LineForm)
        assert not form.query_one("#field-miles").display
        await type_text(pilot, "abc")
        await pilot.pause()
        assert "is not an amount of money" in text(app, "#problem-amount")
        await press_and_wait(pilot, "ctrl+s")
        assert app.screen is form, "not saved"
        assert len(store.claims.lines(claim.id)) == 1
        await fill(pilot, "amount", "12.50")
        flags = text(app, "#line-flags")
        assert flags.startswith("Approving this will need an override:")
        assert "! Meals £12.50 is over the limit: at most £10.00 a session." in flags
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimScreen)
        assert column(table, 3) == ["£5.63", "£12.50"]
        assert text(app, "#claim-totals") == (
            "Expenses £18.13    Payment for time £30.00    Total £48.13"
        )
        problems = text(app, "#claim-problems")
        assert "! Meals £12.50: the policy needs a receipt, and none is held." in problems
        assert "! Meals £12.50 is over the limit: at most £10.00 a session." in problems

        await press_and_wait(pilot, "s")
        assert store.claims.get(claim.id).status is ClaimStatus.SUBMITTED
        assert "Status: Submitted." in text(app, "#claim-status")

        # Approving asks for a reason for the override, showing what it overrides.
        await press_and_wait(pilot, "A")
        reason = app.screen
        assert isinstance(reason, ReasonForm)
        assert "needs a receipt" in text(app, "#reason-explain")
        await press_and_wait(pilot, "enter")
        assert app.screen is reason, "a reason is needed"
        assert store.claims.get(claim.id).status is ClaimStatus.SUBMITTED
        await type_text(pilot, "Lunch agreed by the manager")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ClaimScreen)
        approved = store.claims.get(claim.id)
        assert approved.status is ClaimStatus.APPROVED
        assert approved.override_reason == "Lunch agreed by the manager"
        status = text(app, "#claim-status")
        assert "Status: Approved." in status
        assert "Approved with an override: Lunch agreed by the manager" in status
        assert not app.screen.check_action("add_line", ()), "approved claims are not edited"
        assert app.screen.check_action("reverse", ())

        await press_and_wait(pilot, "p")
        assert store.claims.get(claim.id).status is ClaimStatus.PAID
        assert "Status: Paid." in text(app, "#claim-status")
        audit = text(app, "#claim-audit")
        assert "Mon 23 Nov 2026 10:00  Jo Facilitator: marked paid, approved to paid" in audit

        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, ClaimsScreen)
        listed = app.screen.query_one(ClaimsTable)
        assert column(listed, CLAIM) == ["C0001"]
        assert column(listed, STATUS) == ["Paid"]
        assert column(listed, EXPENSES) == ["£18.13"]
        assert column(listed, FOR_TIME) == ["£30.00"]
        assert text(app, "#claims-totals").startswith(
            "1 claim shown. Expenses £18.13, payments for time £30.00, total £48.13."
        )


async def test_a_large_amount_is_confirmed_before_it_is_saved(store: Store) -> None:
    session, people = a_past_session(store)
    claim = service(store).start(session, people["Anna"])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(claim.id)
        await pilot.pause()
        await press_and_wait(pilot, "a", "9")  # other
        await fill(pilot, "amount", "1500")
        await fill(pilot, "description", "Hire of a hearing loop")
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Save £1,500.00?"
        await press_and_wait(pilot, "n")
        assert isinstance(app.screen, LineForm)
        assert store.claims.lines(claim.id) == []
        await press_and_wait(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, ClaimScreen)
        assert [line.amount_pence for line in store.claims.lines(claim.id)] == [150_000]


async def test_change_and_remove_a_line_and_the_payment_for_time(store: Store) -> None:
    session, people = a_past_session(store)
    claims = service(store)
    claim = claims.start(session, people["Anna"])
    claims.save_line(claim.id, LineInput(ExpenseKind.PARKING, amount="4"))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(claim.id)
        await pilot.pause()
        await press_and_wait(pilot, "enter")  # the highlighted line
        assert isinstance(app.screen, LineForm)
        await fill(pilot, "amount", "4.50")
        await press_and_wait(pilot, "ctrl+s")
        assert [line.amount_pence for line in store.claims.lines(claim.id)] == [450]

        await press_and_wait(pilot, "i")
        form = app.screen
        assert isinstance(form, PaymentForm)
        form.query_one("#choice", Select).value = PaymentChoice.LOWER.value
        await pilot.pause()
        await fill(pilot, "amount", "40")
        assert "less than the £30.00 worked out" in text(app, "#problem-amount")
        await fill(pilot, "amount", "20")
        assert text(app, "#payment-pays") == "They will be paid £20.00 for their time."
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimScreen)
        changed = store.claims.get(claim.id)
        assert (changed.choice, changed.involvement_pence) == (PaymentChoice.LOWER, 2000)
        assert "Payment for time: asked for a lower amount, £20.00." in text(app, "#claim-time")

        await press_and_wait(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press_and_wait(pilot, "y")
        assert store.claims.lines(claim.id) == []
        assert "No expenses. Press a to add one." in text(app, "#claim-lines-empty")
        assert not app.screen.check_action("remove_line", ())


async def test_a_claim_from_the_checkin_tab(store: Store) -> None:
    session, people = a_past_session(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(session)
        await pilot.pause()
        await press_and_wait(pilot, "f3")
        assert isinstance(app.screen, SessionScreen)
        panel = app.screen.query_one(CheckInPanel)
        assert app.focused is panel.query_one("#checkin-search")
        await type_text(pilot, "Ben")
        await press_and_wait(pilot, "ctrl+e")
        assert isinstance(app.screen, ClaimScreen)
        ben = store.claims.of_session(session)
        assert [c.person_id for c in ben] == [people["Ben"]]
        assert "Ben Carter (carer)" in text(app, "#claim-who")

        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, SessionScreen)
        await press_and_wait(pilot, "ctrl+e")
        assert isinstance(app.screen, ClaimScreen), "the same claim again"
        assert len(store.claims.of_session(session)) == 1
        assert "already started" in said(app)
        await press_and_wait(pilot, "escape")

        # Cara was booked but not there: her claim needs a reason.
        search = panel.query_one("#checkin-search", Input)
        search.value = "Cara"
        await pilot.pause()
        await press_and_wait(pilot, "ctrl+e")
        assert isinstance(app.screen, ReasonForm)
        assert "not recorded as taking part" in text(app, "#reason-explain")
        await type_text(pilot, "Joined by phone")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ClaimScreen)
        cara = next(c for c in store.claims.of_session(session) if c.person_id == people["Cara"])
        assert cara.not_there_reason == "Joined by phone"
        assert "! Not recorded as there: Joined by phone" in text(app, "#claim-problems")


def some_claims(store: Store) -> dict[str, int]:
    """Claims across two sessions: two submitted without problems, one submitted with a
    meal over the limit, one draft, one cancelled."""
    first, people = a_past_session(store)
    later = add_session(store, "Steering group", TODAY - dt.timedelta(days=2))
    dev = add_person(store, "Dev Patel")
    arrive(store, later, dev, TODAY - dt.timedelta(days=2))
    arrive(store, later, people["Anna"], TODAY - dt.timedelta(days=2))
    claims = service(store)
    made = {}
    for name, session, person in [
        ("anna", first, people["Anna"]),
        ("ben", first, people["Ben"]),
        ("dev", later, dev),
        ("anna later", later, people["Anna"]),
    ]:
        claim = claims.start(session, person)
        assert claim.id is not None
        made[name] = claim.id
    claims.save_line(made["anna"], LineInput(ExpenseKind.MILEAGE, miles="10", vehicle=Vehicle.CAR))
    claims.save_line(made["dev"], LineInput(ExpenseKind.MEALS, amount="14"))
    for name in ("anna", "ben", "dev"):
        claims.submit(made[name])
    cara = claims.start(first, people["Cara"], not_there_reason="Rang in")
    assert cara.id is not None
    claims.cancel(cara.id, "Made by mistake")
    made["cara"] = cara.id
    return made


async def test_approve_marked_claims_at_once(store: Store) -> None:
    made = some_claims(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        # Newest session first: Dev, Anna later, then Ben, Anna, Cara.
        assert column(table, CLAIM) == ["C0004", "C0003", "C0005", "C0002", "C0001"]
        assert column(table, LOOK)[0] == "", "a draft is not checked yet"
        assert column(table, LOOK)[1] == "needs override"
        await press_and_wait(pilot, "down")  # Dev: needs an override
        await press_and_wait(pilot, "space")  # marks Dev, moves to Cara (cancelled)
        await press_and_wait(pilot, "down", "space")  # Ben
        await press_and_wait(pilot, "space")  # Anna
        assert column(table, 0) == ["", "✓", "", "✓", "✓"]
        assert "3 claims marked" in text(app, "#claims-detail")
        await press_and_wait(pilot, "A")
        assert store.claims.get(made["anna"]).status is ClaimStatus.APPROVED
        assert store.claims.get(made["ben"]).status is ClaimStatus.APPROVED
        assert store.claims.get(made["dev"]).status is ClaimStatus.SUBMITTED
        words = said(app)
        assert "Approved: C0002, C0001." in words
        assert "C0003: To approve claim C0003, give a reason for overriding" in words
        assert "Open a claim with enter to approve it with a reason for the override." in words
        assert column(table, STATUS) == ["Draft", "Submitted", "Cancelled", "Approved", "Approved"]
        assert column(table, 0) == ["", "✓", "", "", ""], "the refused one stays marked"

        await press_and_wait(pilot, "space")  # the cursor stayed on Anna, the last row
        await press_and_wait(pilot, "P")
        assert store.claims.get(made["anna"]).status is ClaimStatus.PAID
        assert store.claims.get(made["dev"]).status is ClaimStatus.SUBMITTED
        assert "Marked paid: C0001." in said(app)
        assert "C0003: A claim that is submitted cannot be marked paid" in said(app)


async def test_filters_narrow_the_list_and_the_totals(store: Store) -> None:
    some_claims(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(ClaimsTable)
        assert len(column(table, CLAIM)) == 5
        totals = text(app, "#claims-totals")
        # Mileage £4.50 + meal £14.00; four payments for time of £30.00 (Cara's is
        # cancelled: not counted).
        assert totals == (
            "5 claims shown. Expenses £18.50, payments for time £120.00, total £138.50. "
            "Rejected and cancelled claims are not counted."
        )

        screen.query_one("#claims-status", Select).value = ClaimStatus.SUBMITTED.value
        await pilot.pause()
        assert column(table, CLAIM) == ["C0003", "C0002", "C0001"]
        assert text(app, "#claims-totals").startswith("3 claims shown. Expenses £18.50,")

        await fill(pilot, "claims-person", "ann")
        assert column(table, CLAIM) == ["C0001"]
        assert column(table, PERSON) == ["Anna Fisher"]

        screen.query_one("#claims-status", Select).clear()
        await pilot.pause()
        assert column(table, CLAIM) == ["C0004", "C0001"]

        await fill(pilot, "claims-from", "next tuesday")
        assert "From: Enter a date like" in text(app, "#claims-filter-words")
        assert column(table, CLAIM) == ["C0004", "C0001"], "a bad date does not filter"
        later = (TODAY - dt.timedelta(days=3)).isoformat()
        await fill(pilot, "claims-from", later)
        assert column(table, CLAIM) == ["C0004"]
        assert text(app, "#claims-filter-words").startswith("Sessions on or after ")

        await fill(pilot, "claims-from", "")
        await fill(pilot, "claims-person", "")
        session_filter = screen.query_one("#claims-session", Select)
        steering = next(s.id for s in store.sessions.overview() if s.title == "Steering group")
        session_filter.value = steering
        await pilot.pause()
        assert column(table, CLAIM) == ["C0004", "C0003"]
        assert column(table, SESSION) == ["Steering group", "Steering group"]

        # Escape from a filter comes back to the list, then leaves; / goes to the filters.
        await press_and_wait(pilot, "escape")
        assert app.focused is table
        await press_and_wait(pilot, "slash")
        assert app.focused is screen.query_one("#claims-status")
        await press_and_wait(pilot, "escape")
        assert app.focused is table
        await press_and_wait(pilot, "escape")
        assert not isinstance(app.screen, ClaimsScreen)


async def test_send_back_reject_cancel_and_reverse(store: Store) -> None:
    made = some_claims(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(made["ben"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClaimScreen)
        assert not screen.check_action("submit_claim", ()), "already submitted"
        await press_and_wait(pilot, "b")
        assert store.claims.get(made["ben"]).status is ClaimStatus.DRAFT
        await press_and_wait(pilot, "s", "r")
        assert isinstance(app.screen, ReasonForm)
        await type_text(pilot, "Not a carer at this session")
        await press_and_wait(pilot, "enter")
        rejected = store.claims.get(made["ben"])
        assert rejected.status is ClaimStatus.REJECTED
        assert "Why it was rejected: Not a carer at this session" in text(app, "#claim-status")

        app.open_claim(made["anna later"])
        await pilot.pause()
        await press_and_wait(pilot, "c")
        assert isinstance(app.screen, ReasonForm)
        await press_and_wait(pilot, "enter")  # no reason: allowed
        assert store.claims.get(made["anna later"]).status is ClaimStatus.CANCELLED

        app.open_claim(made["anna"])
        await pilot.pause()
        await press_and_wait(pilot, "A")  # no problems: approved at once
        assert store.claims.get(made["anna"]).status is ClaimStatus.APPROVED
        await press_and_wait(pilot, "x")
        assert isinstance(app.screen, ReasonForm)
        await type_text(pilot, "Wrong person")
        await press_and_wait(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ClaimScreen)
        correction = store.claims.get(screen.claim_id)
        assert correction.corrects_id == made["anna"]
        assert "This claim corrects claim C0001" in text(app, "#claim-time")
        assert "Why it was reversed: Wrong person" in text(app, "#claim-time")
        assert text(app, "#claim-totals").startswith("Expenses -£4.50")
        assert screen.check_action("mark_paid", ())
        assert not screen.check_action("reverse", ())


async def test_files_written_in_the_background(store: Store, tmp_path: Path) -> None:
    made = some_claims(store)
    store.settings.set("export_folder", str(tmp_path / "out"))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(made["anna"])
        await pilot.pause()
        await press_and_wait(pilot, "f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        forms = list((tmp_path / "out").glob("claim-C0001-*.docx"))
        assert forms, said(app)
        assert f"Claim form written to {forms[0]}" in said(app)

        await press_and_wait(pilot, "v")
        assert isinstance(app.screen, ChoiceScreen)
        await press_and_wait(pilot, "1")  # cash
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.claims.get(made["anna"]).status is ClaimStatus.PAID
        assert "Status: Paid at the venue (cash)." in text(app, "#claim-status")
        slips = list((tmp_path / "out").glob("receipt-C0001-*.docx"))
        assert slips, said(app)

        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, ClaimsScreen)
        await press_and_wait(pilot, "x")
        await app.workers.wait_for_complete()
        await pilot.pause()
        csvs = list((tmp_path / "out").glob("claims-*.csv"))
        assert csvs, said(app)
        assert "for finance written to" in said(app)


async def test_claims_from_the_command_palette_and_the_keys_screen(store: Store) -> None:
    some_claims(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Claims" in commands
        await press_and_wait(pilot, "c")
        await press_and_wait(pilot, "f1")
        from facilitator.screens.keys import KeysScreen

        assert isinstance(app.screen, KeysScreen)
        described = {description for _, description in app.screen.keys}
        assert {"New claim", "Mark", "Approve", "Mark paid", "Export CSV", "Open"} <= described
        await press_and_wait(pilot, "escape", "enter")
        assert isinstance(app.screen, ClaimScreen)
        await wait_for(pilot, lambda: app.screen.view is not None)


async def test_a_claim_for_someone_from_the_people_bank_needs_a_reason(store: Store) -> None:
    session, _ = a_past_session(store)
    eve = add_person(store, "Eve Walker", Role.CARER)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        await press_and_wait(pilot, "n", "1")
        assert isinstance(app.screen, SessionPersonPicker)
        await type_text(pilot, "eve")
        await pilot.pause()
        assert "Nobody on this session matches" in text(app, "#picker-status")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ReasonForm)
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, ClaimsScreen), "escape starts no claim"
        assert store.claims.of_session(session) == []
        await press_and_wait(pilot, "n", "1")
        await type_text(pilot, "eve")
        await press_and_wait(pilot, "enter")
        await type_text(pilot, "Came with her son; not booked in")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ClaimScreen)
        [claim] = store.claims.of_session(session)
        assert (claim.person_id, claim.not_there_reason) == (
            eve,
            "Came with her son; not booked in",
        )
        assert "There for" not in text(app, "#claim-time")
        assert "Not recorded as taking part in this session." in text(app, "#claim-time")
