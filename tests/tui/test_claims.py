"""Claims in the TUI: making one from the Claims screen or the Check-in tab, adding
expenses, and taking it through submit, approve (with an override) and paid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Select, Static

from facilitator.app import FacilitatorApp
from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.claim import ClaimScreen, LinesTable
from facilitator.screens.claim_forms import LineForm, PaymentForm, ReasonForm
from facilitator.screens.claims import ClaimsScreen, ClaimsTable, SessionPersonPicker
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.session import SessionScreen
from facilitator.widgets.checkin_panel import CheckInPanel
from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle
from sessions.claiming import USER_NAME, Claims, LineInput, user_name
from sessions.clock import at_venue
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store
from support import NOW, TODAY, column, fill, make_app, type_text, wait_for

SESSION_DAY = TODAY - dt.timedelta(days=7)
CLAIM, PERSON, STATUS, EXPENSES, FOR_TIME, LOOK, DATE, SESSION = range(1, 9)


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


def named_app(store: Store) -> FacilitatorApp:
    """The app for someone who has given their name in Settings, so it is not asked."""
    store.settings.set(USER_NAME, "Jo Facilitator")
    return make_app(store)


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
    app = named_app(store)
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
    app = named_app(store)
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
    app = named_app(store)
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
    app = named_app(store)
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

        # Approving many at once asks first, naming them.
        await press_and_wait(pilot, "A")
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == "Approve 3 claims?"
        assert question.consequence.startswith("C0003, C0002 and C0001. Only submitted claims")
        await press_and_wait(pilot, "n")
        assert store.claims.get(made["anna"]).status is ClaimStatus.SUBMITTED, "not yet"
        assert column(table, 0) == ["", "✓", "", "✓", "✓"], "still marked"
        await press_and_wait(pilot, "A", "y")
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
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Mark 2 claims paid?"
        app._notifications.clear()
        await press_and_wait(pilot, "y")
        assert store.claims.get(made["anna"]).status is ClaimStatus.PAID
        assert store.claims.get(made["dev"]).status is ClaimStatus.SUBMITTED
        assert "Marked paid: C0001." in said(app)
        assert "C0003: A claim that is submitted cannot be marked paid" in said(app)
        assert "override" not in said(app), "refused for its status: opening it would not help"

        # Approving claims refused only for their status says nothing of overrides.
        app._notifications.clear()
        table.move_cursor(row=1)
        await press_and_wait(pilot, "space")  # Dev's, refused above, is unmarked
        await press_and_wait(pilot, "space")  # Cara's, cancelled, is marked
        assert column(table, 0) == ["", "", "✓", "", ""]
        await press_and_wait(pilot, "A")
        assert app.screen.question == "Approve 1 claim?"
        await press_and_wait(pilot, "y")
        words = said(app)
        assert "C0005: A claim that is cancelled cannot be approved" in words
        assert "override" not in words


async def test_filters_narrow_the_list_and_the_totals(store: Store) -> None:
    some_claims(store)
    app = named_app(store)
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
    app = named_app(store)
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
    app = named_app(store)
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
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Claims" in commands
        await press_and_wait(pilot, "c")
        await press_and_wait(pilot, "f1")
        from facilitator.screens.keys import KeysScreen

        assert isinstance(app.screen, KeysScreen)
        described = {description for _, description in app.screen.keys}
        assert {"New claim", "Mark", "Approve", "Mark paid", "CSV", "Filters", "Open"} <= described
        await press_and_wait(pilot, "escape", "enter")
        assert isinstance(app.screen, ClaimScreen)
        await wait_for(pilot, lambda: app.screen.view is not None)


async def test_a_claim_for_someone_from_the_people_bank_needs_a_reason(store: Store) -> None:
    session, _ = a_past_session(store)
    eve = add_person(store, "Eve Walker", Role.CARER)
    app = named_app(store)
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


def fully_shown(table: DataTable[object]) -> list[str]:
    """The table's columns that fit its width, without scrolling sideways."""
    shown, used = [], 0
    for column_ in table.ordered_columns:
        used += column_.get_render_width(table)
        if used > table.scrollable_content_region.width:
            break
        shown.append(str(column_.label))
    return shown


def footer_keys(app: FacilitatorApp) -> list[str]:
    """The footer's keys that are wholly on screen, as 'key Description'."""
    width = app.screen.size.width
    return [
        f"{key.key_display} {key.description}".strip()
        for key in app.screen.query_one(Footer).query("FooterKey")
        if key.region.right <= width
    ]


async def test_the_claims_list_and_a_claim_at_80_columns(store: Store) -> None:
    made = some_claims(store)
    app = named_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_claims()
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(ClaimsTable)
        await wait_for(pilot, lambda: table.scrollable_content_region.width > 0)
        assert fully_shown(table)[:7] == [
            "✓",
            "Claim",
            "Person",
            "Status",
            "Expenses",
            "For time",
            "To look at",
        ]
        assert footer_keys(app) == [
            "⏎ Open",
            "esc Back",
            "n New claim",
            "space Mark",
            "A Approve",
            "P Mark paid",
            "x CSV",
            "f1 Keys",
        ]
        # Every filter's words show in full, and a date as long as they come.
        label = screen.query_one("#claims-session").query_one("SelectCurrent #label")
        assert label.size.width >= len("Any session")
        for name in ("from", "to"):
            box = screen.query_one(f"#claims-{name}", Input)
            assert box.content_region.width > len("30 Nov 2026"), "room for the cursor too"

        # A submitted claim with an expense: its steps, enter's change and F1 all show.
        app.open_claim(made["dev"])
        await pilot.pause()
        assert footer_keys(app) == [
            "⏎ Change expense",
            "esc Back",
            "a Add expense",
            "i Payment",
            "A Approve",
            "r Reject",
            "f1 Keys",
        ]


async def test_enter_changes_an_expense_only_where_one_can_be_changed(store: Store) -> None:
    made = some_claims(store)
    service(store).approve(made["anna"])
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(made["dev"])
        await pilot.pause()
        assert app.screen.active_bindings["enter"].binding.description == "Change expense"
        app.open_claim(made["anna"])
        await pilot.pause()
        assert isinstance(app.focused, LinesTable)
        assert "enter" not in app.screen.active_bindings, "an approved claim is not changed"
        assert "f" in app.screen.active_bindings, "the claim form is listed under F1"


async def test_the_receipt_is_answered_in_words(store: Store) -> None:
    session, people = a_past_session(store)
    claim = service(store).start(session, people["Anna"])
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(claim.id)
        await pilot.pause()
        await press_and_wait(pilot, "a", "8")  # meals: a receipt is needed
        form = app.screen
        assert isinstance(form, LineForm)
        receipt = form.query_one("#receipt_held", Select)
        label = form.query_one("#field-receipt_held .field-label", Label)
        assert str(label.render()) == "Do we hold a receipt for this?"
        assert str(receipt.query_one("SelectCurrent #label", Static).render()) == "No"
        await fill(pilot, "amount", "8")
        receipt.focus()
        await pilot.pause()
        await type_text(pilot, "a b")  # a space opens the list; it ticks nothing
        await press_and_wait(pilot, "escape")
        assert receipt.value == "no"
        assert app.screen is form
        await press_and_wait(pilot, "enter", "down", "enter")
        assert receipt.value == "yes"
        assert str(receipt.query_one("SelectCurrent #label", Static).render()) == "Yes"
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimScreen)
        [line] = store.claims.lines(claim.id)
        assert line.receipt_held
        assert column(app.screen.query_one(LinesTable), 2) == ["Held"]


async def test_the_payment_form_moves_on_to_what_the_choice_needs(store: Store) -> None:
    session, people = a_past_session(store)
    claim = service(store).start(session, people["Anna"])
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(claim.id)
        await pilot.pause()
        await press_and_wait(pilot, "i")
        form = app.screen
        assert isinstance(form, PaymentForm)
        choice = form.query_one("#choice", Select)
        assert app.focused is choice
        assert text(app, "#hint-amount") == (
            "Leave it empty to pay the £30.00 worked out. Any other amount needs a reason below."
        )

        await press_and_wait(pilot, "enter", "down", "enter")
        assert choice.value == PaymentChoice.LOWER.value
        assert app.focused is form.query_one("#amount"), "straight on to the lower amount"
        assert text(app, "#hint-amount") == (
            "Type the lower amount the person asked for: less than the £30.00 worked out."
        )
        await type_text(pilot, "40")
        assert text(app, "#problem-amount") == (
            "A lower amount must be less than the £30.00 worked out."
        )
        await fill(pilot, "amount", "10")
        assert text(app, "#payment-pays") == "They will be paid £10.00 for their time."

        # Giving it to a charity: the lower amount no longer applies, the charity comes next.
        choice.focus()
        await press_and_wait(pilot, "enter", "down", "down", "enter")
        assert choice.value == PaymentChoice.CHARITY.value
        assert form.query_one("#amount", Input).value == ""
        assert app.focused is form.query_one("#charity")
        await type_text(pilot, "Mind")
        await pilot.pause()
        assert text(app, "#payment-pays") == "They will be paid £30.00 for their time."
        await press_and_wait(pilot, "ctrl+s")
        assert isinstance(app.screen, ClaimScreen)
        saved = store.claims.get(claim.id)
        assert (saved.choice, saved.involvement_pence, saved.charity) == (
            PaymentChoice.CHARITY,
            3000,
            "Mind",
        )

        await press_and_wait(pilot, "i")
        form = app.screen
        form.query_one("#choice", Select).value = PaymentChoice.DECLINE.value
        await pilot.pause()
        assert text(app, "#payment-pays") == "Declined: no payment for time."
        await press_and_wait(pilot, "ctrl+s")
        assert "Declined: no payment for time." in text(app, "#claim-time")
        assert "£0.00" not in text(app, "#claim-time")


async def test_staff_are_told_the_policy_does_not_pay_them_for_their_time(store: Store) -> None:
    session, _ = a_past_session(store)
    sam = add_person(store, "Sam Okafor", Role.STAFF)
    arrive(store, session, sam)
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(session)
        await pilot.pause()
        await press_and_wait(pilot, "f3")
        await type_text(pilot, "Sam")
        await press_and_wait(pilot, "ctrl+e")
        assert isinstance(app.screen, ClaimScreen), "still opened: staff claim expenses"
        assert (
            "Staff are not paid for their time under the policy; add their expenses, or "
            "cancel the claim if it is not needed."
        ) in said(app)
        time = text(app, "#claim-time")
        assert time == "There for 2 h.\nNo payment for time: the policy does not pay staff."
        await press_and_wait(pilot, "i")
        assert text(app, "#payment-pays") == ("No payment for time: the policy does not pay staff.")


async def test_the_first_change_asks_once_for_your_name(store: Store) -> None:
    session, people = a_past_session(store)
    claim = service(store).start(session, people["Anna"])
    app = make_app(store)  # no name in Settings
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_claim(claim.id)
        await pilot.pause()
        await press_and_wait(pilot, "s")
        form = app.screen
        assert isinstance(form, ReasonForm)
        assert form.form_title == "Your name, for the record of who changed each claim"
        assert str(form.query_one("#cancel", Button).label) == "Skip (esc)"
        assert store.claims.get(claim.id).status is ClaimStatus.DRAFT, "not before the answer"
        await type_text(pilot, "Priya Shah")
        await press_and_wait(pilot, "ctrl+s")
        assert store.settings.get(USER_NAME) == "Priya Shah"
        assert store.claims.get(claim.id).status is ClaimStatus.SUBMITTED
        assert "Priya Shah: submitted" in text(app, "#claim-audit")
        await press_and_wait(pilot, "b")
        assert store.claims.get(claim.id).status is ClaimStatus.DRAFT, "asked once only"


async def test_skipping_your_name_keeps_the_login_name(store: Store) -> None:
    session, _ = a_past_session(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        await press_and_wait(pilot, "n", "1")
        await type_text(pilot, "anna")
        await press_and_wait(pilot, "enter")
        assert isinstance(app.screen, ReasonForm), "asked before the claim is started"
        assert store.claims.of_session(session) == []
        await press_and_wait(pilot, "escape")
        assert isinstance(app.screen, ClaimScreen)
        [claim] = store.claims.of_session(session)
        assert store.settings.get(USER_NAME, "") == ""
        login = user_name(store)
        assert f"{login}: started" in text(app, "#claim-audit")
        await press_and_wait(pilot, "s")
        assert store.claims.get(claim.id).status is ClaimStatus.SUBMITTED, "not asked again"


async def test_dates_the_wrong_way_round_and_wildcards_in_a_name(store: Store) -> None:
    some_claims(store)
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        table = app.screen.query_one(ClaimsTable)
        words = app.screen.query_one("#claims-filter-words", Static)
        assert text(app, "#claims-filter-words").startswith("Dates like 3/12/2026 or 3 Dec 2026.")
        await fill(pilot, "claims-from", "someday")
        assert text(app, "#claims-filter-words") == (
            "From: Enter a date like 3/12/2026 or 3 Dec 2026."
        ), "the same examples as the hint"
        await fill(pilot, "claims-from", "20 Nov 2026")
        await fill(pilot, "claims-to", "1 Nov 2026")
        assert text(app, "#claims-filter-words") == (
            "The 'to' date is before the 'from' date: swap them round."
        )
        assert words.has_class("-problem")
        assert column(table, CLAIM) == ["C0004", "C0003"], "only the 'from' date is used"

        for wildcard in ("%", "_", "a%n"):
            await fill(pilot, "claims-person", wildcard)
            assert text(app, "#claims-none") == "No claims match these filters.", wildcard


async def test_the_words_of_a_claim(store: Store) -> None:
    made = some_claims(store)
    claims = service(store)
    claims.set_payment(made["anna later"], PaymentChoice.TAKE, "250", "A long day, agreed")
    app = named_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_claims()
        await pilot.pause()
        assert (
            column(app.screen.query_one(ClaimsTable), CLAIM)[0] == "C0004"
        )  # Anna's later claim: no expenses
        assert "Draft, no expenses; payment for time: take the payment." in text(
            app, "#claims-detail"
        )

        app.open_claim(made["anna later"])
        await pilot.pause()
        warnings = text(app, "#claim-warnings")
        assert "over the Permitted Work (a benefits rule) weekly limit" in warnings
        assert warnings.count("(a benefits rule)") == 1
        await press_and_wait(pilot, "c")
        assert str(app.screen.query_one("#save", Button).label) == "Cancel the claim (ctrl+s)"
        assert str(app.screen.query_one("#cancel", Button).label) == "Keep the claim (esc)"
        await press_and_wait(pilot, "escape")

        app.open_claim(made["dev"])  # submitted, with a meal over the limit
        await pilot.pause()
        await press_and_wait(pilot, "r")
        assert text(app, "#reason-explain") == "The reason is kept with the claim."
        await press_and_wait(pilot, "escape", "A")
        assert str(app.screen.query_one("#field-reason .field-label", Label).render()) == (
            "Why can it be approved anyway?"
        )
        await press_and_wait(pilot, "escape", "v")
        assert isinstance(app.screen, ChoiceScreen)
        assert app.screen.chooser_title == "Paid at the venue: how was the £44.00 handed over?"
