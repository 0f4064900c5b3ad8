"""The Settings screen: who you are, the organisation, the export folder and the payment
policy, saved as a new policy version that only new claims use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Collapsible, Input, Select, Static, TabbedContent, TextArea

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.home import HomeScreen
from facilitator.screens.settings import TABS, SettingsScreen, Tick
from facilitator.widgets.form_field import FormField
from sessions.claim_models import ExpenseKind
from sessions.claiming import USER_NAME, Claims
from sessions.display import format_date
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.payment_policy import KindRule, Policy
from sessions.signup import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    DEFAULT_TEXT,
    SignupKind,
    SignupTarget,
    load_target,
)
from sessions.store import Store
from sessions.store.settings import CONTACT_DETAILS, EXPORT_FOLDER, ORGANISATION, SUMMARY_NAMES
from support import NOW, TODAY, FakeClock, fill, make_app, type_text, wait_for

PAST = TODAY - dt.timedelta(days=5)


def past_session_with(store: Store, *names: str) -> tuple[int, list[int]]:
    """A two-hour session five days ago, and people who were there for all of it."""
    session = store.sessions.save(
        Session("Over a Brew", SessionKind.OVER_A_BREW, PAST, dt.time(10, 30), dt.time(12, 30))
    )
    assert session.id is not None
    people = []
    for name in names:
        person = store.people.save(Person(name=name, role=Role.LIVED_EXPERIENCE))
        assert person.id is not None
        store.attendance.record(session.id, person.id, AttendanceStatus.ARRIVED)
        people.append(person.id)
    store.mark_welcomed()
    return session.id, people


def claims(store: Store) -> Claims:
    return Claims(store, who="Sam", today=lambda: TODAY)


async def open_settings(pilot: Pilot[None]) -> SettingsScreen:
    await pilot.press("s")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    return screen


def problem_beside(screen: SettingsScreen, name: str) -> str:
    return str(screen.query_one(f"#problem-{name}", Static).content)


def policy_rows(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM payment_policies").fetchone()[0]


async def test_a_new_hourly_rate_is_a_new_version_that_only_new_claims_use(store: Store) -> None:
    session_id, (farah, ben) = past_session_with(store, "Farah Khan", "Ben Price")
    old = claims(store).start(session_id, farah)
    assert (old.policy_version, old.worked_out_pence) == (1, 3000)
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_settings(pilot)
        assert "payment policy version 1" in str(screen.query_one(".dialog-title").render())
        await pilot.press("f3")
        await wait_for(pilot, lambda: bool(screen.query("#hourly_rate")))
        await pilot.pause()
        rate = screen.query_one("#hourly_rate", Input)
        assert rate.value == "£15.00"
        rate.focus()
        rate.value = ""
        await type_text(pilot, "£18.00")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        messages = [str(n.message) for n in app._notifications]
        assert any(
            "Saved as version 2. Claims already made keep the version they were worked out "
            "under." in message
            for message in messages
        ), messages
    current = store.policies.current()
    assert (current.version, current.hourly_pence) == (2, 1800)
    new = claims(store).start(session_id, ben)
    assert (new.policy_version, new.worked_out_pence) == (2, 3600)
    assert old.id is not None
    kept = claims(store).view(old.id)
    assert (kept.claim.policy_version, kept.claim.worked_out_pence) == (1, 3000)
    assert kept.policy.hourly_pence == 1500


async def test_text_in_a_money_field_is_explained_and_nothing_is_saved(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: bool(screen.query("#hourly_rate")))
        rate = screen.query_one("#hourly_rate", Input)
        rate.focus()
        rate.value = ""
        await type_text(pilot, "abc")
        await pilot.pause()
        assert problem_beside(screen, "hourly_rate") == (
            "“abc” is not an amount of money. Type pounds and pence, for example 12.50."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen, "still open: nothing was saved"
        summary = str(screen.query_one("#form-summary", Static).content)
        assert summary == (
            "One thing needs changing before this can be saved: look on the Payment for time tab."
        )
        assert screen.focused is rate
    assert policy_rows(store) == 0
    assert store.policies.current() == Policy()


async def test_escape_with_changes_asks_before_throwing_them_away(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = await open_settings(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: bool(screen.query("#deadline_days")))
        await fill(pilot, "deadline_days", "30")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#deadline_days", Input).value == "30", "kept on editing"
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert store.policies.current().deadline_days == 90
    assert policy_rows(store) == 0


async def test_settings_from_the_command_palette(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))


async def test_your_name_and_the_organisation_are_kept_without_a_new_policy(
    store: Store, tmp_path: Path
) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_settings(pilot)
        await fill(pilot, "user_name", "Sam Facilitator")
        await fill(pilot, ORGANISATION, "Example Council Adult Social Care")
        await fill(pilot, EXPORT_FOLDER, str(tmp_path / "claims"))
        note = str(screen.query_one("#folder-note", Static).content)
        assert (
            note == "This folder does not exist yet: it will be made when the first file is saved."
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        messages = [str(n.message) for n in app._notifications]
        assert any("it is still version 1" in message for message in messages), messages
    assert store.settings.get(USER_NAME) == "Sam Facilitator"
    assert store.settings.get(ORGANISATION) == "Example Council Adult Social Care"
    assert store.settings.get(EXPORT_FOLDER) == str(tmp_path / "claims")
    assert Claims(store).who == "Sam Facilitator"
    assert policy_rows(store) == 0


async def test_a_file_is_not_a_folder(store: Store, tmp_path: Path) -> None:
    past_session_with(store, "Farah Khan")
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await fill(pilot, EXPORT_FOLDER, str(a_file))
        assert problem_beside(screen, EXPORT_FOLDER).startswith("That is a file, not a folder")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert store.settings.get(EXPORT_FOLDER) is None


async def test_saving_goes_to_a_problem_on_a_tab_not_opened_yet(store: Store) -> None:
    """A policy shared from another laptop may hold a figure the form refuses: saving
    opens the tab and the kind of expense it is on."""
    rules = dict(Policy().kinds)
    rules[ExpenseKind.MEALS] = KindRule(cap_pence=1000, cost_code="M" * 40)
    store.policies.save(Policy(kinds=rules))
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.query_one(TabbedContent).active == "expenses")
        await wait_for(pilot, lambda: getattr(screen.focused, "id", "") == "meals_cost_code")
        assert not screen.query_one("#kind-meals", Collapsible).collapsed
        assert "Keep a cost code to 30 characters" in problem_beside(screen, "meals_cost_code")
        assert "look on the Expenses tab" in str(screen.query_one("#form-summary", Static).content)
    assert store.policies.current().version == 2, "nothing more was saved"


async def test_a_kind_of_expense_says_its_rule_in_its_title(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: bool(screen.query("#kind-meals")))
        meals = screen.query_one("#kind-meals", Collapsible)
        assert meals.title == "Meals: receipt always; most £10.00 a session; code MEALS"
        meals.collapsed = False
        await wait_for(pilot, lambda: bool(screen.query("#meals_cap")))
        await fill(pilot, "meals_cap", "12.50")
        await fill(pilot, "meals_cost_code", "FOOD [lunch]")
        assert meals.title == r"Meals: receipt always; most £12.50 a session; code FOOD \[lunch]"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    rule = store.policies.current().rule(ExpenseKind.MEALS)
    assert (rule.cap_pence, rule.cost_code) == (1250, "FOOD [lunch]")


async def test_fixed_amounts_show_instead_of_the_hourly_rate(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: bool(screen.query("#bands-part")))
        await pilot.pause()
        assert screen.query_one("#hourly-part").display
        assert not screen.query_one("#bands-part").display
        screen.query_one("#involvement_mode").value = "bands"  # type: ignore[attr-defined]
        await pilot.pause()
        assert not screen.query_one("#hourly-part").display
        assert screen.query_one("#bands-part").display
        await fill(pilot, "band_1_amount", "25")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    policy = store.policies.current()
    assert policy.involvement_mode.value == "bands"
    assert policy.bands[0].pence == 2500


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_every_tab_fits_the_screen(store: Store, size: tuple[int, int]) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    width, height = size
    async with app.run_test(size=size) as pilot:
        screen = await open_settings(pilot)
        for tab, label, key in TABS:
            await pilot.press(key)
            await wait_for(pilot, lambda tab=tab: screen.query_one(TabbedContent).active == tab)
            await pilot.pause()
            focused = screen.focused
            assert focused is not None, label
            region = focused.region
            assert region.height > 0 and region.bottom <= height - 4, (label, region)
            assert region.right <= width, (label, region)
            for form_field in screen.query(FormField):
                if form_field.display and form_field.region.height:
                    assert form_field.region.right <= width, form_field.id
        save = screen.query_one("#save")
        assert save.region.bottom <= height - 1, "the buttons stay on screen"


async def test_whose_time_is_paid_is_ticked_and_reads_without_colour(store: Store) -> None:
    past_session_with(store, "Farah Khan")
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: bool(screen.query("#paid_carer")))
        carer = screen.query_one("#paid_carer", Tick)
        staff = screen.query_one("#paid_staff", Tick)
        assert "X" in str(carer.render()) and "X" not in str(staff.render())
        carer.focus()
        await pilot.press("space")
        await pilot.pause()
        assert "X" not in str(carer.render()), "an empty box when not ticked"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert store.policies.current().paid_roles == {Role.LIVED_EXPERIENCE}


# --- sign-ups and summaries ----------------------------------------------------------


async def choose_kind(pilot: Pilot[None], screen: SettingsScreen, kind: str) -> None:
    screen.query_one("#signup_kind", Select).value = kind
    await pilot.pause()


async def test_a_web_form_for_sign_ups_is_previewed_checked_and_kept(store: Store) -> None:
    coming = store.sessions.save(
        Session(
            "Building the right relationships",
            SessionKind.OVER_A_BREW,
            TODAY + dt.timedelta(days=14),
            dt.time(10, 30),
            dt.time(12, 30),
            project_name="Carers Implementation Group",
        )
    )
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: bool(screen.query("#signup_kind")))
        await pilot.pause()
        preview = screen.query_one("#signup-preview", Static)
        assert "No QR codes" in str(preview.content)
        assert not screen.query_one("#signup-url-part").display
        await choose_kind(pilot, screen, "url")
        assert screen.query_one("#signup-url-part").display
        assert not screen.query_one("#signup-mailto-part").display
        await fill(pilot, "signup_url", "forms.example.gov.uk/?group={code}")
        assert "must start with https://" in problem_beside(screen, "signup_url")
        await fill(pilot, "signup_url", "https://forms.example.gov.uk/?group={code}")
        assert problem_beside(screen, "signup_url") == ""
        assert str(preview.content) == (
            "For the next session, Building the right relationships on "
            f"{format_date(coming.date)}, the code opens:\n"
            f"https://forms.example.gov.uk/?group=CIG-{coming.date:%Y%m%d}"
        )
        contact = screen.query_one("#contact_details", TextArea)
        contact.text = "Co-production team\nPhone 01623 000000"
        names = screen.query_one("#summary_names", Tick)
        names.focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert load_target(store) == SignupTarget(
        SignupKind.URL,
        url="https://forms.example.gov.uk/?group={code}",
        subject=DEFAULT_SUBJECT,
        body=DEFAULT_BODY,
        text=DEFAULT_TEXT,
    )
    assert store.settings.get(CONTACT_DETAILS) == "Co-production team\nPhone 01623 000000"
    assert store.settings.get(SUMMARY_NAMES) is True


@pytest.mark.parametrize(("hours", "expected"), [(1, "Getting out and about"), (7, "Later on")])
async def test_the_preview_is_for_the_next_session_not_over_yet(
    store: Store, hours: int, expected: str
) -> None:
    """At 11:00 today's session (10:30 to 12:30) is still running; at 17:00 it is over,
    so the preview is for the next one."""
    for title, days in (("Getting out and about", 0), ("Later on", 7)):
        store.sessions.save(
            Session(
                title,
                SessionKind.OVER_A_BREW,
                TODAY + dt.timedelta(days=days),
                dt.time(10, 30),
                dt.time(12, 30),
            )
        )
    store.settings.set(
        "signup_target", {"kind": "url", "url": "https://forms.example.gov.uk/?group={code}"}
    )
    store.mark_welcomed()
    app = make_app(store, FakeClock(NOW + dt.timedelta(hours=hours)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: bool(screen.query("#signup_kind")))
        await pilot.pause()
        preview = str(screen.query_one("#signup-preview", Static).content)
        assert preview.startswith(f"For the next session, {expected} on ")


async def test_an_email_that_is_not_one_names_the_tab(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: bool(screen.query("#signup_kind")))
        await choose_kind(pilot, screen, "mailto")
        assert screen.query_one("#signup-mailto-part").display
        assert screen.query_one("#signup_subject", Input).value == DEFAULT_SUBJECT
        await fill(pilot, "signup_email", "coproduction at example")
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen, "nothing was saved"
        summary = str(screen.query_one("#form-summary", Static).content)
        assert summary == (
            "One thing needs changing before this can be saved: look on the Sign-ups and "
            "summaries tab."
        )
        await wait_for(pilot, lambda: screen.query_one(TabbedContent).active == "signups")
        assert "does not look like an email address" in problem_beside(screen, "signup_email")
    assert load_target(store) is None


async def test_a_text_message_target(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("f7")
        await wait_for(pilot, lambda: bool(screen.query("#signup_kind")))
        await choose_kind(pilot, screen, "sms")
        await fill(pilot, "signup_number", "07700 900123")
        preview = str(screen.query_one("#signup-preview", Static).content)
        assert preview.startswith("For an example session")
        assert "SMSTO:07700900123:Sign up CIG-" in preview
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    target = load_target(store)
    assert target is not None and target.kind is SignupKind.SMS
    assert target.number == "07700 900123"


async def test_settings_can_open_on_the_sign_ups_tab(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(SettingsScreen(store, tab="signups"))
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.query(TabbedContent)))
        await wait_for(pilot, lambda: screen.query_one(TabbedContent).active == "signups")
        await wait_for(pilot, lambda: getattr(screen.focused, "id", None) == "signup_kind")
        assert not screen.query_one("#signup-url-part").display
