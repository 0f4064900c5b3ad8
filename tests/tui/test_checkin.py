"""Checking people in on the session's Check-in tab, from the keyboard only."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from facilitator.app import FacilitatorApp
from facilitator.screens.attendance_status import StatusChooser
from facilitator.screens.companions import CompanionsScreen, RelationChooser
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.keys import KeysScreen
from facilitator.screens.left_early_form import LeftEarlyForm
from facilitator.screens.people import PeopleScreen
from facilitator.screens.person_picker import PersonPicker
from facilitator.screens.session import SessionScreen
from facilitator.screens.walk_in_form import SamePersonScreen, WalkInForm
from facilitator.widgets.checkin_panel import CheckInPanel, CheckInTable
from sessions.models import AttendanceStatus, Person, Relation, Role, Session, SessionKind
from sessions.store import Store
from support import NOW, TODAY, FakeClock, column, fill, make_app, type_text


def add_person(store: Store, name: str, role: Role, **details: str) -> int:
    person = store.people.save(Person(name=name, role=role, **details))
    assert person.id is not None
    return person.id


def add_session(store: Store, day: dt.date = TODAY) -> int:
    session = store.sessions.save(
        Session("Carers and respite", SessionKind.OVER_A_BREW, day, dt.time(9, 30), dt.time(12))
    )
    assert session.id is not None
    return session.id


def today_session(store: Store) -> int:
    return next(s.id for s in store.sessions.overview() if s.date == TODAY)


async def open_checkin(pilot, session_id: int) -> CheckInPanel:  # type: ignore[no-untyped-def]
    app: FacilitatorApp = pilot.app
    app.open_session(session_id)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, SessionScreen)
    await pilot.press("f3")  # a session on another day opens on its plan
    await pilot.pause()
    panel = app.screen.query_one(CheckInPanel)
    assert app.focused is panel.query_one("#checkin-search")
    return panel


def text_of(panel: CheckInPanel, widget_id: str) -> str:
    return str(panel.query_one(f"#{widget_id}", Static).render())


def said(app: FacilitatorApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def status_of(store: Store, session_id: int, person_id: int) -> AttendanceStatus | None:
    record = store.attendance.get(session_id, person_id)
    return record.status if record else None


async def test_type_a_name_and_press_enter_to_check_someone_in(store: Store) -> None:
    session = add_session(store)
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE, access_needs="Step-free access")
    add_person(store, "Faraday Jones", Role.STAFF)
    store.attendance.record(session, farah, AttendanceStatus.BOOKED)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        search = panel.query_one("#checkin-search", Input)
        assert app.focused is search, "the tab opens with the search box ready for typing"
        assert text_of(panel, "checkin-count").startswith("In the room: 0 lived experience")

        await type_text(pilot, "fara")
        await pilot.pause()
        table = panel.query_one(CheckInTable)
        assert column(table, 0) == ["Farah Khan", "Faraday Jones"], "booked people first"
        assert column(table, 2) == ["Booked", ""]
        await pilot.press("down")
        await pilot.press("up")
        assert app.focused is search, "arrows move the list, not the focus"
        await pilot.press("enter")
        await pilot.pause()

        record = store.attendance.get(session, farah)
        assert record is not None and record.status is AttendanceStatus.ARRIVED
        assert record.arrived_at == NOW
        assert column(table, 2)[0] == "Arrived 10:00"
        assert "Farah Khan arrived at 10:00." in said(app)
        assert text_of(panel, "checkin-count").startswith(
            "In the room: 1 lived experience, 0 carers, 0 staff, 0 others (1 in all)."
        )
        access = panel.query_one("#checkin-access", Static)
        assert access.display
        assert str(access.render()) == "Access needs for Farah Khan: Step-free access"
        assert app.focused is search

        # The next name typed replaces the last one, and the access needs go away.
        await type_text(pilot, "faraday")
        await pilot.pause()
        assert search.value == "faraday"
        assert not access.display
        assert column(table, 0) == ["Faraday Jones"]

        # Arriving twice is refused in words, and nothing changes.
        search.value = "farah"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Farah Khan is already here: they arrived at 10:00." in said(app)
        assert store.attendance.get(session, farah) == record


async def test_a_long_list_is_capped_with_a_word_about_it(store: Store) -> None:
    session = add_session(store)
    store.people.add_many([Person(f"Pat Person {n:03}", Role.STAFF) for n in range(130)])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        assert panel.query_one(CheckInTable).row_count == 100
        assert text_of(panel, "checkin-status") == (
            "Showing 100 of 130 people: keep typing to narrow."
        )
        await pilot.press("pagedown", "pagedown", "down")
        assert panel.query_one(CheckInTable).cursor_row == 21
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert text_of(panel, "checkin-status") == (
            "Nobody matches “zzz”. Press ctrl+n to add someone who has walked in."
        )


async def test_a_walk_in_is_added_or_found_in_the_bank(store: Store) -> None:
    session = add_session(store)
    existing = add_person(store, "Rhys Evans", Role.CARER, phone="07700 900123")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        await type_text(pilot, "Mo Ali")
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WalkInForm)
        assert form.values()["name"] == "Mo Ali", "the name typed is filled in"
        await pilot.press("ctrl+s")
        await pilot.pause()
        problem = str(form.query_one("#problem-role", Static).render())
        assert problem.startswith("Choose their role")
        form.query_one("#role").focus()
        await pilot.press("enter")
        await type_text(pilot, "Carer")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        [mo] = store.people.named("Mo Ali")
        assert mo.id is not None and mo.role is Role.CARER
        record = store.attendance.get(session, mo.id)
        assert record is not None and record.walked_in
        assert record.status is AttendanceStatus.ARRIVED
        assert "Mo Ali arrived at 10:00 (not booked)." in said(app)
        assert app.focused is panel.query_one("#checkin-search")

        # Someone already in the bank, with the same phone: offered instead of a duplicate.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "name", "rhys evans")
        await fill(pilot, "contact", "07700900123")
        app.screen.query_one("#role").focus()
        await pilot.press("enter")
        await type_text(pilot, "Carer")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, SamePersonScreen)
        await pilot.press("escape")  # back to the form, with what was typed
        await pilot.pause()
        assert isinstance(app.screen, WalkInForm)
        assert app.screen.values()["contact"] == "07700900123"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SamePersonScreen)
        await pilot.press("enter")  # the first choice: the person already in the bank
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert len(store.people.named("Rhys Evans")) == 1
        assert status_of(store, session, existing) is AttendanceStatus.ARRIVED

        # Choosing "add as someone new" does add a second person.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await fill(pilot, "name", "Rhys Evans")
        app.screen.query_one("#role").focus()
        await pilot.press("enter")
        await type_text(pilot, "Staff")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SamePersonScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert sorted(p.role for p in store.people.named("Rhys Evans")) == [
            Role.CARER,
            Role.STAFF,
        ]


async def test_undo_takes_back_one_change_at_a_time(store: Store) -> None:
    session = add_session(store)
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        await type_text(pilot, "farah")
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert status_of(store, session, farah) is AttendanceStatus.BOOKED
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, StatusChooser)
        await pilot.press("2")  # sent apologies
        await pilot.pause()
        assert status_of(store, session, farah) is AttendanceStatus.APOLOGIES
        assert column(panel.query_one(CheckInTable), 2) == ["Sent apologies"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert status_of(store, session, farah) is AttendanceStatus.ARRIVED
        assert "Undone: Farah Khan: sent apologies." in said(app)
        assert column(panel.query_one(CheckInTable), 2) == ["Arrived 10:00"]
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert status_of(store, session, farah) is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert said(app)[-1] == "Nothing to undo: no check-in changes since this tab opened."


async def test_left_early_with_a_follow_up_call(store: Store) -> None:
    session = add_session(store)
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    clock = FakeClock()
    app = make_app(store, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        await type_text(pilot, "farah")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert said(app)[-1] == "Farah Khan has not arrived, so cannot leave early."
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(minutes=50)

        await pilot.press("ctrl+l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeftEarlyForm)
        assert form.values()["left_at"] == "10:50", "the time starts at now"
        await fill(pilot, "left_at", "9.45")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LeftEarlyForm), "a time before arrival is not saved"
        problem = str(form.query_one("#problem-left_at", Static).render())
        assert problem == "Farah Khan arrived at 10:00, so they cannot have left at 09:45."

        await fill(pilot, "left_at", "10:40")
        form.query_one("#follow_up").focus()
        await pilot.press("space")
        form.query_one("#follow_up_note").focus()
        await type_text(pilot, "Upset by the talk about letters")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        record = store.attendance.get(session, farah)
        assert record is not None and record.status is AttendanceStatus.LEFT_EARLY
        assert record.left_at == NOW + dt.timedelta(minutes=40)
        assert (record.follow_up, record.follow_up_note) == (
            True,
            "Upset by the talk about letters",
        )
        assert "Farah Khan left at 10:40. Marked for a follow-up call." in said(app)
        assert column(panel.query_one(CheckInTable), 2) == ["Left early 10:40, follow up"]
        assert "Left early 1" in text_of(panel, "checkin-count")
        assert app.focused is panel.query_one("#checkin-search")


async def test_the_count_follows_each_voice_in_the_room(store: Store) -> None:
    session = add_session(store)
    for name, role in (
        ("Ann Archer", Role.LIVED_EXPERIENCE),
        ("Bea Bell", Role.CARER),
        ("Cal Cole", Role.COMMISSIONER),
        ("Dee Dunn", Role.COMMUNITY_SECTOR),
    ):
        store.attendance.record(session, add_person(store, name, role), AttendanceStatus.BOOKED)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        assert text_of(panel, "checkin-count").endswith("Not here yet 4")
        for name in ("Bea", "Cal", "Dee"):
            panel.query_one("#checkin-search", Input).value = name
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert text_of(panel, "checkin-count") == (
            "In the room: 0 lived experience, 1 carer, 1 staff, 1 other (3 in all).\nNot here yet 1"
        )


async def test_the_list_can_be_hidden_from_people_watching_the_screen(store: Store) -> None:
    session = add_session(store)
    add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        table = panel.query_one(CheckInTable)
        hidden = panel.query_one("#checkin-hidden", Static)
        assert table.display and not hidden.display
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not table.display and hidden.display
        assert "press ctrl+r to show the list" in str(hidden.render())
        assert store.settings.get("checkin_private") is True
        await pilot.press("enter")
        await pilot.pause()
        assert said(app)[-1] == "Type part of a name to find someone first."

        await type_text(pilot, "far")
        await pilot.pause()
        assert table.display and column(table, 0) == ["Farah Khan"]
        await pilot.press("escape")  # clears the search, so the list hides again
        await pilot.pause()
        assert not table.display
        assert isinstance(app.screen, SessionScreen)

    # The setting stays for the next time the app opens.
    again = make_app(store)
    async with again.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        assert not panel.query_one(CheckInTable).display
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert panel.query_one(CheckInTable).display
        assert store.settings.get("checkin_private") is False


async def test_checking_someone_in_offers_who_comes_with_them(store: Store) -> None:
    session = add_session(store)
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    sam = add_person(store, "Sam Jones", Role.CARER, access_needs="Hearing loop")
    bron = add_person(store, "Bronwen Pryce", Role.OTHER)
    store.companions.link(farah, sam, Relation.CARER)
    store.companions.link(farah, bron, Relation.INTERPRETER)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        await type_text(pilot, "farah")
        await pilot.press("enter")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == "Check in Sam Jones too?"
        assert question.consequence == "Sam Jones comes with Farah Khan as their carer."
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Check in Bronwen Pryce too?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert status_of(store, session, sam) is AttendanceStatus.ARRIVED
        assert status_of(store, session, bron) is None
        assert str(panel.query_one("#checkin-access", Static).render()) == (
            "No access needs recorded for Farah Khan.\nAccess needs for Sam Jones: Hearing loop"
        )
        assert app.focused is panel.query_one("#checkin-search")


async def test_link_a_carer_in_the_people_bank(store: Store) -> None:
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    sam = add_person(store, "Sam Jones", Role.CARER)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.action_people()
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await type_text(pilot, "farah")
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, CompanionsScreen)
        empty = str(app.screen.query_one("#companions-empty", Static).render())
        assert empty == "Nobody is linked with Farah Khan yet. Press a to add."
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RelationChooser)
        await pilot.press("enter")  # their carer
        await pilot.pause()
        assert isinstance(app.screen, PersonPicker)
        await type_text(pilot, "sam")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompanionsScreen)
        assert store.companions.of(farah)[0].companion_id == sam
        assert "Sam Jones comes with Farah Khan as their carer." in said(app)

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert store.companions.of(farah) == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_before_the_day_enter_books_and_the_keys_say_so(store: Store) -> None:
    session = add_session(store, TODAY + dt.timedelta(days=6))
    farah = add_person(store, "Farah Khan", Role.LIVED_EXPERIENCE)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        assert text_of(panel, "checkin-day") == (
            "This session is on Sun 29 Nov 2026: choosing someone books them for it."
        )
        await type_text(pilot, "farah")
        await pilot.press("enter")
        await pilot.pause()
        assert status_of(store, session, farah) is AttendanceStatus.BOOKED
        assert panel.query_one("#checkin-access", Static).display is False

        await pilot.press("f1")
        await pilot.pause()
        keys = app.screen
        assert isinstance(keys, KeysScreen)
        assert ("enter", "Book") in keys.keys
        for key, words in (
            ("ctrl+n", "Walk-in"),
            ("ctrl+b", "Book"),
            ("ctrl+l", "Left early"),
            ("ctrl+o", "Status"),
            ("ctrl+z", "Undo"),
            ("ctrl+r", "Hide list"),
        ):
            assert (key, words) in keys.keys


async def test_each_new_search_highlights_its_best_match(store: Store) -> None:
    """Enter must check in the person at the top of the new list, never whoever was
    highlighted for the last search (a tester's report: Aled Turner, not Aled Fletcher)."""
    session = add_session(store)
    fletcher = add_person(store, "Aled Fletcher", Role.STAFF)
    turner = add_person(store, "Aled Turner", Role.CARER)
    hannah = add_person(store, "Hannah Hughes", Role.CARER)
    store.attendance.record(session, fletcher, AttendanceStatus.BOOKED)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        search = panel.query_one("#checkin-search", Input)
        await type_text(pilot, "a")
        await pilot.press("down", "down")  # Hannah Hughes, third
        await pilot.pause()
        await type_text(pilot, "led")
        await pilot.pause()
        assert search.value == "aled"
        assert column(panel.query_one(CheckInTable), 0) == ["Aled Fletcher", "Aled Turner"]
        await pilot.press("enter")
        await pilot.pause()
        assert status_of(store, session, fletcher) is AttendanceStatus.ARRIVED
        assert status_of(store, session, turner) is None
        assert status_of(store, session, hannah) is None


async def test_a_walk_in_before_the_day_is_booked_not_in_the_room(store: Store) -> None:
    session = add_session(store, TODAY + dt.timedelta(days=6))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_checkin(pilot, session)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, WalkInForm)
        await fill(pilot, "name", "Wendy Okafor")
        app.screen.query_one("#role").value = Role.CARER.value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        [wendy] = store.people.named("Wendy Okafor")
        assert wendy.id is not None
        assert status_of(store, session, wendy.id) is AttendanceStatus.BOOKED
        assert "(0 in all)" in text_of(panel, "checkin-count")
