"""Erasing someone from the people bank: ctrl+r asks first, saying what goes, what is
kept and why; no keeps everything; yes erases them in a worker and says so."""

from __future__ import annotations

from privacy_examples import NAME, SECRETS, add_sian
from textual.widgets import Static

from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.people import PeopleScreen
from sessions.erasure import ERASED_NAME
from sessions.store import Store
from support import make_app, type_text, wait_for


async def open_people(pilot) -> PeopleScreen:  # type: ignore[no-untyped-def]
    await pilot.press("p")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_ctrl_r_asks_and_no_keeps_them(demo_store: Store) -> None:
    sian = add_sian(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(110, 40)) as pilot:
        people = await open_people(pilot)
        await type_text(pilot, "quorndon")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question == f"Erase Sia ({NAME})?"
        body = shown(confirm, ".dialog-body")
        assert body.startswith("Removed for good: their name, contact details, access needs")
        assert f"Kept as “{ERASED_NAME}”" in body
        assert f"C{sian.claim_id:04d}" in body and "six years" in body
        assert "cannot be undone" in body

        await pilot.press("n")
        await pilot.pause()
        assert app.screen is people
        assert demo_store.people.get(sian.person_id).name == NAME


async def test_yes_erases_them_and_says_what_was_kept(demo_store: Store) -> None:
    sian = add_sian(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(110, 40)) as pilot:
        people = await open_people(pilot)
        await type_text(pilot, "quorndon")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: "Nobody matches" in shown(people, "#people-status"))

        assert demo_store.people.get(sian.person_id).name == ERASED_NAME
        messages = [n.message for n in app._notifications]
        assert any(
            m.startswith(f"Erased Sia ({NAME})'s details") and "payment records" in m
            for m in messages
        ), messages
        assert app.screen is people

        # Highlighting the erased row and asking again says so, without a question.
        people.query_one("#people-search").clear()
        await type_text(pilot, "erased")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is people
        assert "already been erased" in list(app._notifications)[-1].message

    on_disk = demo_store.path.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in on_disk


async def test_ctrl_r_with_nobody_highlighted_says_what_to_do(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(110, 40)) as pilot:
        people = await open_people(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is people
        assert list(app._notifications)[-1].message == (
            "Find the person first: type part of their name."
        )
