"""Realistic example data: invented people at real UK venues.

Phone numbers come from Ofcom's ranges kept for drama (07700 900xxx and
01632 960xxx) and email addresses use example.org, so nothing here can reach
a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sessions.clock import at_venue
from sessions.demo_claims import add_claim_history
from sessions.demo_decisions import add_decision_event
from sessions.demo_groups import add_breakout_history
from sessions.demo_live import add_live_history
from sessions.demo_projects import add_project_history
from sessions.models import (
    AttendanceStatus,
    CommunicationPreference,
    PaymentPreference,
    Person,
    Role,
    Session,
    SessionKind,
)
from sessions.signups import needs_from_text
from sessions.store import Store
from sessions.templates import builtin_templates

PEOPLE_PER_ROLE = 40

FIRST_NAMES = (
    "Amira",
    "Ben",
    "Carol",
    "Dev",
    "Eileen",
    "Farah",
    "Gareth",
    "Hannah",
    "Imran",
    "Joan",
    "Kwame",
    "Lesley",
    "Marek",
    "Nadia",
    "Owen",
    "Priya",
    "Quentin",
    "Rosa",
    "Sam",
    "Tariq",
    "Una",
    "Vikram",
    "Wendy",
    "Yusuf",
    "Zoe",
    "Aled",
    "Bernadette",
    "Callum",
    "Dolores",
    "Eamon",
    "Fiona",
    "Grace",
    "Harold",
    "Iris",
    "Jamal",
    "Kath",
    "Leon",
    "Maureen",
    "Niamh",
    "Oluwaseun",
    "Pat",
    "Rhys",
    "Sunita",
    "Terry",
    "Valerie",
    "Winston",
    "Yasmin",
    "Agnieszka",
    "Brian",
    "Chloe",
)
SURNAMES = (
    "Khan",
    "Price",
    "Whitworth",
    "Patel",
    "Okafor",
    "Hughes",
    "Kowalski",
    "Brennan",
    "Singh",
    "Turner",
    "Ahmed",
    "Lawson",
    "Mensah",
    "Gallagher",
    "Hall",
    "Chaudhry",
    "Reid",
    "Nowak",
    "Fletcher",
    "Osei",
    "Byrne",
    "Walsh",
    "Hussain",
    "Marsden",
    "Quinn",
    "Adeyemi",
    "Shaw",
    "Begum",
    "Thornton",
    "Evans",
)
SHORT_NAMES = {
    "Bernadette": "Bernie",
    "Oluwaseun": "Seun",
    "Agnieszka": "Aga",
    "Valerie": "Val",
    "Maureen": "Mo",
    "Callum": "Cal",
    "Gareth": "Gaz",
    "Dolores": "Lola",
    "Winston": "Win",
    "Kathleen": "Kath",
    "Vikram": "Vik",
    "Hannah": "Han",
}
TOWNS = ("Mansfield", "Newark", "Worksop", "Grays", "Tilbury", "Ollerton")
PRONOUNS = ("she/her", "he/him", "they/them", "", "", "")
ORGANISATIONS = {
    Role.LIVED_EXPERIENCE: ("", "", "", "Our Voice", "Homecare Experts by Experience"),
    Role.CARER: ("", "", "Carers Implementation Group", "Young Carers Forum"),
    Role.STAFF: (
        "Adult Social Care",
        "Adult Social Care",
        "Occupational Therapy Team",
        "Direct Payments Team",
    ),
    Role.COMMISSIONER: ("Commissioning Team", "Integrated Care Board"),
    Role.PROVIDER: (
        "Riverside Homecare",
        "Brightways Supported Living",
        "Oakfield Day Opportunities",
    ),
    Role.COMMUNITY_SECTOR: (
        "Carers' Centre",
        "Disability Information Action Group",
        "Older Persons Advisory Group",
        "Learning Disability Partnership Board",
    ),
    Role.OTHER: ("", "Student social worker", "Local councillor"),
}
ACCESS_NEEDS = (
    "Uses a wheelchair: needs step-free access and an accessible toilet.",
    "Hearing aid user: please use the hearing loop and face the room when talking.",
    "Large print papers, 18pt.",
    "British Sign Language interpreter needed.",
    "Needs a break every 30 minutes and a seat near the door.",
    "Comes with a personal assistant.",
    "Easy Read papers sent a week before, please.",
)


@dataclass(frozen=True)
class Venue:
    name: str
    address: str


VENUES = (
    Venue("Mansfield Central Library", "Westgate, Mansfield, Nottinghamshire"),
    Venue("Newark Library", "Beaumond Gardens, Baldertongate, Newark"),
    Venue("Worksop Library", "Memorial Avenue, Worksop"),
    Venue("Tilbury Hub", "Civic Square, Tilbury"),
    Venue("Grays Library", "Orsett Road, Grays"),
)


def example_people(rng: random.Random) -> list[Person]:
    """At least PEOPLE_PER_ROLE invented people of every role, with varied details."""
    names = [(first, last) for first in FIRST_NAMES for last in SURNAMES]
    rng.shuffle(names)
    people = []
    for number, (role, (first, last)) in enumerate(
        zip(
            [role for role in Role for _ in range(PEOPLE_PER_ROLE)],
            names,
            strict=False,
        )
    ):
        has_phone = role is not Role.STAFF or rng.random() < 0.3
        has_email = role in (Role.STAFF, Role.COMMISSIONER) or rng.random() < 0.7
        communication = _communication(rng, has_email, has_phone)
        people.append(
            Person(
                name=f"{first} {last}",
                preferred_name=SHORT_NAMES.get(first, "") if rng.random() < 0.6 else "",
                pronouns=rng.choice(PRONOUNS),
                role=role,
                organisation=rng.choice(ORGANISATIONS[role]),
                email=f"{first}.{last}{number}@example.org".lower() if has_email else "",
                phone=_drama_number(rng, number) if has_phone else "",
                address=f"{rng.randint(1, 120)} Example Street, {rng.choice(TOWNS)}"
                if communication
                in (
                    CommunicationPreference.POST,
                    CommunicationPreference.EASY_READ,
                    CommunicationPreference.LARGE_PRINT,
                )
                else "",
                contact_consent=rng.random() < 0.85,
                access_needs=(needs := rng.choice(ACCESS_NEEDS) if rng.random() < 0.25 else ""),
                needs=needs_from_text(needs),
                communication=communication,
                payment=_payment(rng, role),
            )
        )
    return people


def _drama_number(rng: random.Random, number: int) -> str:
    if rng.random() < 0.7:
        return f"07700 900{number % 1000:03d}"
    return f"01632 960{number % 1000:03d}"


def _communication(rng: random.Random, has_email: bool, has_phone: bool) -> CommunicationPreference:
    choices = [CommunicationPreference.POST, CommunicationPreference.LARGE_PRINT]
    choices.append(CommunicationPreference.EASY_READ)
    if has_email:
        choices += [CommunicationPreference.EMAIL] * 4
    if has_phone:
        choices += [CommunicationPreference.PHONE] * 2
    return rng.choice(choices)


def _payment(rng: random.Random, role: Role) -> PaymentPreference:
    if role not in (Role.LIVED_EXPERIENCE, Role.CARER):
        return PaymentPreference.NOT_ASKED
    return rng.choice(
        [
            PaymentPreference.BANK_TRANSFER,
            PaymentPreference.BANK_TRANSFER,
            PaymentPreference.VOUCHER,
            PaymentPreference.DECLINE,
            PaymentPreference.NOT_ASKED,
        ]
    )


@dataclass(frozen=True)
class PlannedSession:
    title: str
    kind: SessionKind
    days_from_today: int
    start: dt.time
    end: dt.time
    venue: Venue
    project: str
    purpose: str
    template: str


EXAMPLE_SESSIONS = (
    PlannedSession(
        "What it feels like to go through an assessment",
        SessionKind.OVER_A_BREW,
        -40,
        dt.time(10, 30),
        dt.time(12, 30),
        VENUES[0],
        "",
        "Hear what people and carers felt during a care needs assessment, "
        "to feed the regional work on assessments.",
        "Over a Brew",
    ),
    PlannedSession(
        "Homecare: what works and what does not",
        SessionKind.LISTENING_SPACE,
        -21,
        dt.time(13, 30),
        dt.time(15, 30),
        VENUES[1],
        "Homecare Experts by Experience",
        "Senior managers listen to people who get homecare and their carers.",
        "Listening Space",
    ),
    PlannedSession(
        "Clearer letters: second meeting",
        SessionKind.TASK_AND_FINISH,
        -7,
        dt.time(10, 0),
        dt.time(12, 0),
        VENUES[2],
        "Clearer letters about disability-related expenses",
        "Rewrite the letter about disability-related expenses with the people who receive it.",
        "Task-and-finish meeting",
    ),
    PlannedSession(
        "Getting out and about",
        SessionKind.OVER_A_BREW,
        0,
        dt.time(10, 30),
        dt.time(12, 30),
        VENUES[0],
        "",
        "Talk about buses, community transport and lifts to day services, and what "
        "would help people get out more.",
        "Over a Brew",
    ),
    PlannedSession(
        "Our Voice steering group",
        SessionKind.STEERING_GROUP,
        6,
        dt.time(14, 0),
        dt.time(15, 30),
        VENUES[3],
        "Our Voice",
        "Hear how each co-production project is going and question the department.",
        "Steering group",
    ),
    PlannedSession(
        "Building the right relationships",
        SessionKind.OVER_A_BREW,
        14,
        dt.time(10, 30),
        dt.time(12, 30),
        VENUES[4],
        "",
        "An open conversation about what makes a good relationship with a social "
        "worker or care worker.",
        "Over a Brew",
    ),
)


def fill_with_example_data(
    store: Store,
    today: dt.date,
    *,
    seed: int = 2026,
    progress: Callable[[str], None] | None = None,
) -> None:
    """Add example people and sessions (with agendas and attendance) to `store`."""
    rng = random.Random(seed)
    templates = {template.name: template for template in builtin_templates()}
    with store.db.atomic():
        if progress:
            progress("Adding example people")
        store.people.add_many(example_people(rng))
        everyone = list(store.people.all())
        by_role = {role: [p for p in everyone if p.role is role] for role in Role}
        sessions = []
        for plan in EXAMPLE_SESSIONS:
            if progress:
                progress(f"Planning {plan.title}")
            chairs = [
                rng.choice(by_role[Role.STAFF]),
                rng.choice(by_role[Role.LIVED_EXPERIENCE]),
            ]
            day = today + dt.timedelta(days=plan.days_from_today)
            session = store.create_session(
                Session(
                    title=plan.title,
                    kind=plan.kind,
                    date=day,
                    start=plan.start,
                    end=plan.end,
                    venue=plan.venue.name,
                    address=plan.venue.address,
                    project_name=plan.project,
                    purpose=plan.purpose,
                    co_chair_ids=[chair.id for chair in chairs],
                ),
                templates[plan.template],
            )
            _book_people(store, rng, session, by_role, chairs, past=plan.days_from_today < 0)
            sessions.append(session)
        if progress:
            progress("Giving the projects their aims, co-chairs and ladder ratings")
        add_project_history(store, sessions, today)
        if progress:
            progress("Adding notes and actions")
        add_live_history(store, rng, sessions, today, by_role)
        if progress:
            progress("Splitting past sessions into breakout groups")
        add_breakout_history(store, rng, [s for s in sessions if s.date < today])
        if progress:
            progress("Adding example claims")
        add_claim_history(store, [s for s in sessions if s.date < today], today)
        if progress:
            progress("Holding a community vote on local proposals")
        add_decision_event(store, today, by_role, _book_people, seed=seed)
    store.mark_welcomed()


def _book_people(
    store: Store,
    rng: random.Random,
    session: Session,
    by_role: dict[Role, list[Person]],
    chairs: list[Person],
    *,
    past: bool,
) -> None:
    """Book a mixed group; for a past session, record who came and two walk-ins."""
    assert session.id is not None
    invited = list(chairs)
    for role, count in (
        (Role.LIVED_EXPERIENCE, 9),
        (Role.CARER, 5),
        (Role.STAFF, 3),
        (Role.COMMUNITY_SECTOR, 2),
        (Role.PROVIDER, 1),
    ):
        invited += [p for p in rng.sample(by_role[role], count) if p not in invited]
    start = at_venue(session.date, session.start)
    for person in invited:
        assert person.id is not None
        if not past:
            store.attendance.record(session.id, person.id, AttendanceStatus.BOOKED)
            continue
        status = rng.choices(
            [
                AttendanceStatus.ARRIVED,
                AttendanceStatus.APOLOGIES,
                AttendanceStatus.DID_NOT_COME,
                AttendanceStatus.LEFT_EARLY,
            ],
            weights=[80, 10, 6, 4],
        )[0]
        if person in chairs:
            status = AttendanceStatus.ARRIVED
        store.attendance.record(
            session.id,
            person.id,
            status,
            arrived_at=start + dt.timedelta(minutes=rng.randint(-15, 10))
            if status.attended
            else None,
            left_at=start + dt.timedelta(minutes=75)
            if status is AttendanceStatus.LEFT_EARLY
            else None,
        )
    if past:
        newcomers = [p for p in by_role[Role.LIVED_EXPERIENCE] if p not in invited]
        for person in rng.sample(newcomers, 2):
            assert person.id is not None
            store.attendance.record(
                session.id,
                person.id,
                AttendanceStatus.ARRIVED,
                booked=False,
                arrived_at=start + dt.timedelta(minutes=rng.randint(0, 20)),
            )
