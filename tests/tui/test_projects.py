"""The Projects screen: add a project with its co-chairs, rate it on the ladder, see its
history and sessions, and delete it knowing what is left behind."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static, TextArea

from facilitator.screens.chooser import ChoiceScreen
from facilitator.screens.confirm import ConfirmScreen
from facilitator.screens.person_picker import PersonPicker
from facilitator.screens.project_form import ProjectForm, RatingForm, RungChoice
from facilitator.screens.projects import ProjectSessionsTable, ProjectsScreen, ProjectsTable
from facilitator.screens.session import SessionScreen
from facilitator.widgets.co_chairs import CoChairSeat
from sessions.erasure import erase_person
from sessions.models import Person, Role, Session, SessionKind
from sessions.project_models import Project, ProjectKind, Rung
from sessions.store import Store
from support import TODAY, fill, make_app, type_text


def add_people(store: Store) -> dict[str, int]:
    numbers = {}
    for name, role in (
        ("Gareth Hughes", Role.STAFF),
        ("Farah Khan", Role.LIVED_EXPERIENCE),
        ("Joan Walsh", Role.CARER),
    ):
        person = store.people.save(Person(name=name, role=role))
        assert person.id is not None
        numbers[name] = person.id
    return numbers


def add_project(store: Store, name: str = "Direct Payments Review") -> Project:
    people = add_people(store)
    return store.projects.save(
        Project(
            name,
            ProjectKind.TASK_AND_FINISH,
            aims="Make direct payments simpler to manage.",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2027, 3, 31),
            staff_co_chair_id=people["Gareth Hughes"],
            lived_co_chair_id=people["Farah Khan"],
        )
    )


def add_session(store: Store, title: str, days: int, project: str = "") -> Session:
    return store.sessions.save(
        Session(
            title,
            SessionKind.TASK_AND_FINISH,
            TODAY + dt.timedelta(days=days),
            dt.time(10),
            dt.time(12),
            project_name=project,
        )
    )


async def open_projects(pilot) -> ProjectsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("o")  # from the home screen
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProjectsScreen)
    return screen


async def choose(pilot, seat_id: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a co-chair for a seat as a user does: enter, type part of a name, enter."""
    seat = pilot.app.screen.query_one(f"#{seat_id}", CoChairSeat)
    seat.focus()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PersonPicker)
    await type_text(pilot, typed)
    await pilot.press("enter")
    await pilot.pause()


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


async def test_add_a_project_with_its_aims_dates_and_co_chairs(store: Store) -> None:
    people = add_people(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_projects(pilot)
        assert "No projects yet. Press n" in text_of(screen, "#projects-none")
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectForm)
        await fill(pilot, "name", "Direct Payments Review")
        form.query_one("#aims", TextArea).text = "Make direct payments simpler to manage."
        await fill(pilot, "starts_on", "1/9/2026")
        await fill(pilot, "ends_on", "31 Mar 2027")
        await choose(pilot, "staff_co_chair", "gareth")
        assert app.screen is form
        await choose(pilot, "lived_co_chair", "farah")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [line] = store.projects.lines()
        project = line.project
        assert project.name == "Direct Payments Review"
        assert project.kind is ProjectKind.PROJECT
        assert (project.starts_on, project.ends_on) == (dt.date(2026, 9, 1), dt.date(2027, 3, 31))
        assert project.staff_co_chair_id == people["Gareth Hughes"]
        assert project.lived_co_chair_id == people["Farah Khan"]
        row = [str(cell) for cell in screen.query_one(ProjectsTable).get_row_at(0)]
        assert row[0] == "Direct Payments Review\nCo-production project"
        assert row[1] == "Gareth Hughes\nFarah Khan"
        assert row[2] == "1 Sep 2026\nto 31 Mar 2027"
        assert row[4] == "Not rated yet"
        about = text_of(screen, "#project-about")
        assert "Tue 1 Sep 2026 to Wed 31 Mar 2027" in about
        assert "Co-chairs: Gareth Hughes, staff; Farah Khan, person with lived experience." in about
        assert "Aims: Make direct payments simpler to manage." in about


async def test_a_co_chair_in_the_wrong_seat_is_refused_in_words(store: Store) -> None:
    add_people(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await fill(pilot, "name", "Carers Implementation Group")
        await choose(pilot, "lived_co_chair", "gareth")
        problem = text_of(form, "#problem-lived_co_chair")
        assert problem == (
            "Gareth Hughes's role is staff; this co-chair must be a person with lived "
            "experience or a carer."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "not saved"
        assert store.projects.lines() == []
        # A carer may take the lived-experience seat: choosing again replaces Gareth.
        await choose(pilot, "lived_co_chair", "joan")
        assert form.query_one("#lived_co_chair", CoChairSeat).person.name == "Joan Walsh"
        assert text_of(form, "#problem-lived_co_chair") == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        [line] = store.projects.lines()
        assert line.lived_co_chair == "Joan Walsh" and line.staff_co_chair == ""


async def test_dates_are_read_as_typed_and_must_be_in_order(store: Store) -> None:
    store.mark_welcomed()
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_projects(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await fill(pilot, "name", "Clearer letters")
        await fill(pilot, "starts_on", "31/2/2026")
        assert "February 2026 has 28 days" in text_of(form, "#problem-starts_on")
        await fill(pilot, "starts_on", "1 Mar 2026")
        await fill(pilot, "ends_on", "28/2/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(form, "#problem-ends_on") == (
            "The end date must be on or after the start date."
        )
        assert store.projects.lines() == []


async def test_rate_on_the_ladder_and_see_the_movement(store: Store) -> None:
    project = add_project(store)
    assert project.id is not None
    store.projects.rate(
        project.id, Rung.CONSULTATION, dt.date(2026, 9, 14), "Asked for views by survey."
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_projects(pilot)
        assert "Rated once, on Mon 14 Sep 2026: consultation (doing for)." in text_of(
            screen, "#project-ladder"
        )
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RatingForm)
        ladder = form.query_one(RungChoice)
        labels = [str(button.label) for button in ladder.query("RadioButton")]
        assert labels == [
            "1, the bottom. Coercion: doing to",
            "2. Educating: doing to",
            "3. Informing: doing for",
            "4. Consultation: doing for (now)",
            "5. Engagement: doing with",
            "6. Co-design: doing with",
            "7, the top. Co-production: doing with",
        ]
        assert form.query_one("#rated_on", Input).value == "Mon 23 Nov 2026"
        # The arrows start from where it stands now: two up is co-design.
        await pilot.press("down", "down", "space")
        assert ladder.form_value == "co_design"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(form, "#problem-reason") == "Say why the project stands on this rung."
        await fill(pilot, "rated_on", "tomorrow")
        assert text_of(form, "#problem-rated_on").startswith("That is after today")
        await fill(pilot, "rated_on", "20/11/2026")
        await fill(pilot, "reason", "The group wrote the new guide with us")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        ratings = store.projects.ratings(project.id)
        assert [(r.rung, r.rated_on) for r in ratings] == [
            (Rung.CONSULTATION, dt.date(2026, 9, 14)),
            (Rung.CO_DESIGN, dt.date(2026, 11, 20)),
        ]
        ladder_text = text_of(screen, "#project-ladder")
        assert ladder_text.splitlines() == [
            "Up 2 rungs since Mon 14 Sep 2026: from consultation to co-design.",
            "• Mon 14 Sep 2026: Consultation (doing for). Asked for views by survey.",
            "• Fri 20 Nov 2026: Co-design (doing with), up 2 rungs. The group wrote the new "
            "guide with us.",
        ]
        row = [str(cell) for cell in screen.query_one(ProjectsTable).get_row_at(0)]
        assert row[4] == "Co-design\nrated 20 Nov 2026"

        # A rating made by mistake can be taken back; the earlier ones stay.
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert [r.rung for r in store.projects.ratings(project.id)] == [Rung.CONSULTATION]


async def test_delete_says_how_many_sessions_are_left_without_a_project(store: Store) -> None:
    project = add_project(store)
    add_session(store, "First meeting", -30, project.name)
    add_session(store, "Second meeting", -2, project.name)
    assert project.id is not None
    store.projects.rate(project.id, Rung.ENGAGEMENT, dt.date(2026, 10, 1), "Views changed it.")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_projects(pilot)
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.consequence == (
            "This deletes “Direct Payments Review” and its 1 rating on the ladder. "
            "2 sessions will be left without a project. They stay on the home screen, "
            "with everything recorded at them. This cannot be undone."
        )
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert len(store.projects.lines()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert store.projects.lines() == []
        assert {s.title: s.project_name for s in store.sessions.overview()} == {
            "First meeting": "",
            "Second meeting": "",
        }
        assert "No projects yet" in text_of(screen, "#projects-none")


async def test_the_page_lists_its_sessions_and_opens_one(store: Store) -> None:
    project = add_project(store)
    add_session(store, "Second meeting", -2, project.name)
    add_session(store, "First meeting", -30, project.name)
    add_session(store, "Over a Brew", 5)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_projects(pilot)
        sessions = screen.query_one(ProjectSessionsTable)
        assert [str(sessions.get_row_at(r)[4]) for r in range(sessions.row_count)] == [
            "First meeting",
            "Second meeting",
        ], "oldest first"
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.sub_title == "Second meeting"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        # An existing session joins the project from its page.
        await pilot.press("shift+tab", "a")
        await pilot.pause()
        chooser = app.screen
        assert isinstance(chooser, ChoiceScreen)
        assert [c.words for c in chooser.choices] == ["Sat 28 Nov 2026: Over a Brew"]
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is screen
        assert {s.title: s.project_name for s in store.sessions.overview()} == {
            "First meeting": project.name,
            "Second meeting": project.name,
            "Over a Brew": project.name,
        }
        assert sessions.row_count == 3


async def test_an_erased_co_chair_shows_as_erased(store: Store) -> None:
    project = add_project(store)
    assert project.lived_co_chair_id is not None
    erase_person(store, project.lived_co_chair_id)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_projects(pilot)
        row = [str(cell) for cell in screen.query_one(ProjectsTable).get_row_at(0)]
        assert row[1] == "Gareth Hughes\nErased person"
        assert "Co-chairs: Gareth Hughes, staff; Erased person, person with lived experience." in (
            text_of(screen, "#project-about")
        )


async def test_projects_from_the_command_palette(store: Store) -> None:
    add_project(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Projects")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProjectsScreen)
        assert app.screen.query_one(ProjectsTable).row_count == 1
