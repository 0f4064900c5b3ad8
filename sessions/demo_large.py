"""Five years of a busy team's data, made up: the file the benchmarks run on.

`facilitator demo --size large` writes 10,000 people, 1,000 sessions, 60,000
attendance rows, 20,000 claims with 50,000 lines and 30,000 notes, shaped like a real
team's: most sessions in the past, a core of people who come often, claims mostly
paid, and one session today with 300 booked for the check-in figures. Rows go in
with `insert_all` in one transaction per table, not through the services one at a
time, so the file takes seconds rather than minutes; the values are the ones the
services would store (money worked out by the payment policy, integer pence).

Names, phones and emails are invented: phone numbers come from Ofcom's ranges kept
for drama and emails use example.org, so nothing here can reach a real person.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sessions.claim_models import ClaimStatus, ExpenseKind, PaymentChoice, Vehicle
from sessions.claims import STEP_WORDS, involvement
from sessions.clock import at_venue
from sessions.models import (
    AgendaKind,
    AttendanceStatus,
    NoteKind,
    Person,
    QuoteConsent,
    Role,
    SessionKind,
)
from sessions.money import times
from sessions.payment_policy import Policy
from sessions.store import Store
from sessions.store.base import utc_text


@dataclass(frozen=True)
class Scale:
    """How many of each thing to make."""

    people: int
    sessions: int
    attendance: int
    claims: int
    claim_lines: int
    notes: int
    booked_today: int


SIZES = {
    "large": Scale(
        people=10_000,
        sessions=1_000,
        attendance=60_000,
        claims=20_000,
        claim_lines=50_000,
        notes=30_000,
        booked_today=300,
    ),
    "tiny": Scale(
        people=300,
        sessions=30,
        attendance=900,
        claims=300,
        claim_lines=750,
        notes=450,
        booked_today=40,
    ),
}
TODAY_TITLE = "Getting out and about"
"""The session today, with `booked_today` booked and a third of them arrived."""
YEARS = 5
BATCH = 2_000


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = words(
    "Aaliyah Abdul Adam Ade Agnieszka Ahmed Aisha Alan Aled Alice Amara Amira Amy Andrzej "
    "Angela Anil Ann Anthony Asha Barbara Ben Bernadette Beverley Bilal Brenda Bronwen "
    "Callum Carl Carol Catherine Chidi Chloe Christine Ciaran Colin Dalia Daniel Darren "
    "David Dawn Deepa Denise Dev Diane Dolores Dominika Donna Dylan Eileen Elaine Eleanor "
    "Emeka Emily Emma Eve Farah Fatima Fiona Florin Gareth Gemma Geoffrey Gillian Grace "
    "Graham Gurpreet Hamza Hannah Harjit Harry Hassan Heather Helen Ian Imran Irene Isla "
    "Jack Jacqueline James Jan Janet Jasmine Jason Jean Joan John Joseph Joyce Julie Karen "
    "Kasia Kate Kavita Keith Kerry Kevin Kwame Laura Leanne Lee Leon Lesley Liam Linda "
    "Lisa Lorraine Lucy Maggie Mandeep Marek Margaret Maria Mark Martin Mary Maureen "
    "Mehmet Michael Michelle Mohammed Nadia Natalie Neil Nia Niamh Nicola Nisha Noor "
    "Olena Oliver Olivia Owen Patricia Paul Pauline Peter Precious Priya Rachel Rajesh "
    "Rebecca Rhys Richard Rita Robert Rosa Ruth Ryan Sadia Sam Samantha Samir Samira "
    "Samuel Sandra Sarah Sean Shabnam Sharon Shauna Sheila Simon Sinead Sophie Stephen "
    "Steven Sue Sunita Susan Tariq Teresa Thomas Tom Tracey Una Valerie Vikram Wayne "
    "Wendy Yasmin Yusuf Zainab Zoe"
)
SURNAMES = words(
    "Adeyemi Ahmed Akhtar Ali Allen Anderson Asante Atkinson Bailey Baker Banks Barker "
    "Begum Bell Bennett Bibi Boateng Bond Bowen Bradley Brown Burns Butler Campbell Carter "
    "Chaudhry Chen Clarke Cole Collins Cook Cooper Cox Davies Dixon Doherty Edwards Ellis "
    "Evans Fernandes Fletcher Foster Fox Gallagher Gill Gordon Graham Grant Gray Green "
    "Griffiths Hall Harris Harrison Hassan Hill Holmes Hughes Hunt Hussain Iqbal Jackson "
    "James Jenkins Johnson Jones Kaur Kelly Khan Kowalski Lawson Lee Lewis Lloyd Malik "
    "Marshall Martin Mason Matthews Miah Mills Mitchell Moore Morgan Morris Murphy Murray "
    "Nowak Nwosu O'Brien Okafor Okoro Osei Owen Palmer Parker Patel Pearson Phillips "
    "Powell Price Pryce Rahman Reid Richards Roberts Robinson Rogers Rose Russell Shah "
    "Sharma Shaw Simpson Singh Smith Stevens Stewart Taylor Thomas Thompson Thornton "
    "Turner Walker Walsh Ward Watson White Wilkinson Williams Wilson Wood Wright Young"
)
ORGANISATIONS = (
    "Carers Centre",
    "Learning Disability Partnership Board",
    "Older Persons Advisory Group",
    "Disability Information Action Group",
    "Carers Implementation Group",
    "Homecare Experts by Experience",
    "Adult Social Care",
    "Direct Payments Team",
    "Integrated Care Board",
    "Oakfield Day Opportunities",
    "Young Carers Forum",
    "Mansfield Community Transport",
)
ACCESS_NEEDS = (
    "Uses a wheelchair: step-free way in, please.",
    "Hearing loop, and face the room when speaking.",
    "Easy Read papers, sent a week before.",
    "Needs a break every 45 minutes.",
    "BSL interpreter.",
)
PHONE_RANGES = (
    "07700 900",
    "01632 960",
    "0113 496 0",
    "0114 496 0",
    "0115 496 0",
    "0116 496 0",
    "0117 496 0",
    "0118 496 0",
    "0121 496 0",
    "0131 496 0",
    "0141 496 0",
    "0151 496 0",
    "0161 496 0",
    "020 7946 0",
    "0191 498 0",
)
"""Ofcom keeps these for drama, so no invented number can ring a real phone."""
ROLE_WEIGHTS = {
    Role.LIVED_EXPERIENCE: 40,
    Role.CARER: 20,
    Role.STAFF: 20,
    Role.COMMISSIONER: 4,
    Role.PROVIDER: 6,
    Role.COMMUNITY_SECTOR: 7,
    Role.OTHER: 3,
}
PROJECTS = (
    "Carers Implementation Group",
    "Direct Payments Review",
    "Homecare Experts by Experience",
    "Learning Disability Partnership Board",
    "Day Opportunities Redesign",
    "Transport to Appointments",
    "Information and Advice",
    "Short Breaks for Carers",
    "Mental Health Recovery",
    "Young Carers Voice",
    "Technology-Enabled Care",
    "Home from Hospital",
)
VENUES = (
    ("Mansfield Central Library", "Westgate, Mansfield, Nottinghamshire"),
    ("Newark Library", "Beaumond Gardens, Baldertongate, Newark"),
    ("Worksop Library", "Memorial Avenue, Worksop"),
    ("Tilbury Hub", "Civic Square, Tilbury"),
    ("Grays Library", "Orsett Road, Grays"),
    ("St Peter's Church Hall", "Church Side, Mansfield"),
)
TOPICS = (
    "Getting out and about",
    "Short breaks that work",
    "Making direct payments simpler",
    "What good homecare looks like",
    "Information you can find",
    "Planning the carers' strategy",
    "Transport to appointments",
    "Coming home from hospital",
    "Being heard at reviews",
    "Day opportunities",
)
AGENDA = (
    ("Welcome and introductions", 10, AgendaKind.WELCOME),
    ("What matters to you", 25, AgendaKind.DISCUSSION),
    ("Tea break", 15, AgendaKind.BREAK),
    ("Small groups", 30, AgendaKind.BREAKOUT),
    ("What we heard", 20, AgendaKind.FEEDBACK),
    ("What happens next", 10, AgendaKind.CLOSE),
)
HEARD = (
    "The bus stops running before the day centre closes.",
    "Forms ask the same questions three times.",
    "People find out about services by word of mouth.",
    "Carers want a named person to ring.",
    "Reviews happen without the person there.",
    "Letters arrive after the meeting they are about.",
    "The library is the one place people feel welcome.",
    "Direct payment paperwork takes a whole afternoon.",
)
QUOTES = (
    "I just want someone to pick up the phone.",
    "Nobody asked me what a good day looks like.",
    "When it works, it changes everything.",
)
FARES = (250, 320, 410, 480, 600, 750)


def invented_people(count: int, rng: random.Random) -> list[Person]:
    """People with names, phones and emails like a real bank's, none of them real."""
    numbers = [f"{prefix}{n:03d}" for prefix in PHONE_RANGES for n in range(1000)]
    rng.shuffle(numbers)
    roles, weights = zip(*ROLE_WEIGHTS.items(), strict=True)
    people = []
    for number in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        has_phone = rng.random() < 0.8 and numbers
        people.append(
            Person(
                name=f"{first} {last}",
                role=rng.choices(roles, weights)[0],
                preferred_name=first[:3] if rng.random() < 0.03 else "",
                organisation=rng.choice(ORGANISATIONS) if rng.random() < 0.4 else "",
                email=(
                    f"{first}.{last}{number}@example.org".lower().replace("'", "")
                    if rng.random() < 0.7
                    else ""
                ),
                phone=numbers.pop() if has_phone else "",
                access_needs=rng.choice(ACCESS_NEEDS) if rng.random() < 0.15 else "",
            )
        )
    return people


@dataclass(frozen=True)
class _Session:
    id: int
    date: dt.date
    start: dt.time
    end: dt.time
    item_ids: tuple[int, ...]

    @property
    def minutes(self) -> int:
        return (self.end.hour - self.start.hour) * 60 + self.end.minute - self.start.minute


@dataclass(frozen=True)
class _Came:
    session: _Session
    person_id: int
    role: Role


class _Rows:
    """Adds uid and timestamps, and inserts in batches inside the caller's transaction."""

    def __init__(self, store: Store, stamp: str) -> None:
        self.db = store.db
        self.stamp = stamp

    def insert(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        stamped = (
            {"uid": str(uuid.uuid4()), "created_at": self.stamp, "updated_at": self.stamp, **row}
            for row in rows
        )
        self.db.table(table).insert_all(stamped, batch_size=BATCH)

    def next_id(self, table: str) -> int:
        return int(self.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


def fill_at_scale(store: Store, today: dt.date, scale: Scale, seed: int = 2026) -> None:
    """Add `scale` worth of made-up history to the store, in one transaction."""
    rng = random.Random(seed)
    rows = _Rows(store, utc_text(at_venue(today, dt.time(9))) or "")
    with store.db.atomic():
        first_person = rows.next_id("people")
        store.people.add_many(invented_people(scale.people, rng))
        person_ids = list(range(first_person, first_person + scale.people))
        roles = {
            row["id"]: Role(row["role"])
            for row in store.db.query("SELECT id, role FROM people WHERE id >= ?", [first_person])
        }
        project_ids = _projects(store, rows)
        sessions = _sessions(rows, rng, today, scale, project_ids)
        came = _attendance(rows, rng, today, scale, sessions, person_ids, roles)
        _notes(rows, rng, sessions, today, scale.notes)
        _claims(rows, rng, today, scale, came)
        store.mark_welcomed()


def _projects(store: Store, rows: _Rows) -> list[int]:
    known = {row["name"]: row["id"] for row in store.db.query("SELECT id, name FROM projects")}
    rows.insert("projects", ({"name": name} for name in PROJECTS if name not in known))
    return [
        row["id"]
        for row in store.db.query(
            f"SELECT id FROM projects WHERE name IN ({', '.join('?' for _ in PROJECTS)})",
            list(PROJECTS),
        )
    ]


def _session_days(rng: random.Random, today: dt.date, count: int) -> list[dt.date]:
    """Weekdays over the last YEARS years and the next two months, most in the past."""
    ahead = max(1, count // 25)
    days = [today]
    for number in range(count - 1):
        if number < ahead:
            day = today + dt.timedelta(days=rng.randint(1, 60))
        else:
            day = today - dt.timedelta(days=rng.randint(1, 365 * YEARS))
        while day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        days.append(day)
    return days


def _sessions(
    rows: _Rows, rng: random.Random, today: dt.date, scale: Scale, project_ids: list[int]
) -> list[_Session]:
    first_session = rows.next_id("sessions")
    first_item = rows.next_id("agenda_items")
    kinds = list(SessionKind)
    session_rows, item_rows, made = [], [], []
    for number, day in enumerate(_session_days(rng, today, scale.sessions)):
        session_id = first_session + number
        start = dt.time(10, 30) if number == 0 else dt.time(rng.choice((10, 13, 14)), 0)
        end = dt.time(12, 30) if number == 0 else dt.time(start.hour + 2, 0)
        venue, address = rng.choice(VENUES)
        kind = SessionKind.OVER_A_BREW if number == 0 else rng.choice(kinds)
        session_rows.append(
            {
                "id": session_id,
                "title": TODAY_TITLE if number == 0 else rng.choice(TOPICS),
                "kind": kind.value,
                "date": day.isoformat(),
                "start_time": start.strftime("%H:%M"),
                "end_time": end.strftime("%H:%M"),
                "venue": venue,
                "address": address,
                "project_id": rng.choice(project_ids) if rng.random() < 0.7 else None,
                "purpose": "To hear what works and what does not, and agree what to change.",
            }
        )
        ids = []
        for position, (title, minutes, item_kind) in enumerate(AGENDA):
            ids.append(first_item + len(item_rows))
            item_rows.append(
                {
                    "id": ids[-1],
                    "session_id": session_id,
                    "position": position,
                    "title": title,
                    "minutes": minutes,
                    "kind": item_kind.value,
                }
            )
        made.append(_Session(session_id, day, start, end, tuple(ids)))
    rows.insert("sessions", session_rows)
    rows.insert("agenda_items", item_rows)
    return made


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` shared out over `parts`, unevenly as real sessions are, summing exactly."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    for number in range(total - sum(shares)):
        shares[number % parts] += 1
    return shares


def _attendance(
    rows: _Rows,
    rng: random.Random,
    today: dt.date,
    scale: Scale,
    sessions: list[_Session],
    person_ids: list[int],
    roles: dict[int, Role],
) -> list[_Came]:
    """Who came to what: a core of regulars take a large share, as in real groups."""
    today_session, *others = sessions
    booked_today = min(scale.booked_today, len(person_ids), scale.attendance)
    shares = [booked_today, *_split(scale.attendance - booked_today, len(others), rng)]
    popularity = [1 / (rank + 10) for rank in range(len(person_ids))]
    came: list[_Came] = []

    def rows_for() -> Iterator[dict[str, Any]]:
        for session, share in zip(sessions, shares, strict=True):
            chosen = _distinct(rng, person_ids, popularity, min(share, len(person_ids)))
            start = at_venue(session.date, session.start)
            end = at_venue(session.date, session.end)
            for number, person_id in enumerate(chosen):
                booked = utc_text(start - dt.timedelta(days=rng.randint(1, 30)))
                if session is today_session:
                    arrived = number % 3 == 0
                    yield {
                        "session_id": session.id,
                        "person_id": person_id,
                        "status": (
                            AttendanceStatus.ARRIVED if arrived else AttendanceStatus.BOOKED
                        ).value,
                        "booked_at": booked,
                        "arrived_at": utc_text(start - dt.timedelta(minutes=number % 25))
                        if arrived
                        else None,
                        "left_at": None,
                    }
                    continue
                if session.date > today:
                    status = AttendanceStatus.BOOKED
                else:
                    status = rng.choices(
                        (
                            AttendanceStatus.ARRIVED,
                            AttendanceStatus.LEFT_EARLY,
                            AttendanceStatus.APOLOGIES,
                            AttendanceStatus.DID_NOT_COME,
                        ),
                        (75, 8, 10, 7),
                    )[0]
                arrived_at = left_at = None
                if status in (AttendanceStatus.ARRIVED, AttendanceStatus.LEFT_EARLY):
                    arrived_at = start + dt.timedelta(minutes=rng.choice((-10, -5, 0, 0, 5, 20)))
                    left_at = (
                        end - dt.timedelta(minutes=rng.choice((30, 45, 60)))
                        if status is AttendanceStatus.LEFT_EARLY
                        else end
                    )
                    came.append(_Came(session, person_id, roles[person_id]))
                yield {
                    "session_id": session.id,
                    "person_id": person_id,
                    "status": status.value,
                    "booked_at": booked,
                    "arrived_at": utc_text(arrived_at),
                    "left_at": utc_text(left_at),
                }

    rows.insert("attendance", rows_for())
    return came


def _distinct(rng: random.Random, ids: list[int], weights: list[float], count: int) -> list[int]:
    """`count` different ids, drawn by weight."""
    chosen: dict[int, None] = {}
    while len(chosen) < count:
        for person_id in rng.choices(ids, weights, k=count - len(chosen)):
            chosen[person_id] = None
    return list(itertools.islice(chosen, count))


def _notes(
    rows: _Rows, rng: random.Random, sessions: list[_Session], today: dt.date, count: int
) -> None:
    held = [s for s in sessions if s.date < today] or sessions
    shares = _split(count, len(held), rng)

    def rows_for() -> Iterator[dict[str, Any]]:
        for session, share in zip(held, shares, strict=True):
            for _ in range(share):
                quote = rng.random() < 0.1
                yield {
                    "session_id": session.id,
                    "agenda_item_id": rng.choice(session.item_ids),
                    "kind": (
                        NoteKind.QUOTE
                        if quote
                        else rng.choice((NoteKind.HEARD, NoteKind.IDEA, NoteKind.QUESTION))
                    ).value,
                    "text": rng.choice(QUOTES if quote else HEARD),
                    "consent": (
                        rng.choice(list(QuoteConsent))
                        if quote
                        else QuoteConsent.NOT_FOR_PUBLICATION
                    ).value,
                    "speaker": "",
                }

    rows.insert("notes", rows_for())


def _claims(
    rows: _Rows, rng: random.Random, today: dt.date, scale: Scale, came: list[_Came]
) -> None:
    """Claims for people who came, mostly paid; each with its lines and audit trail."""
    policy = Policy()
    paid_roles = [c for c in came if c.role in policy.paid_roles]
    others = [c for c in came if c.role not in policy.paid_roles]
    rng.shuffle(paid_roles)
    rng.shuffle(others)
    claimants = (paid_roles + others)[: scale.claims]
    claimants.sort(key=lambda c: (c.session.date, c.session.id, c.person_id))
    lines_per_claim = _split(scale.claim_lines, len(claimants), rng) if claimants else []
    first_claim = rows.next_id("claims")
    claim_rows, line_rows, audit_rows = [], [], []
    for number, (claimant, line_count) in enumerate(zip(claimants, lines_per_claim, strict=True)):
        claim_id = first_claim + number
        session = claimant.session
        status = _status(rng, (today - session.date).days)
        worked = involvement(session.minutes, claimant.role, policy).pence
        choice = rng.choices(
            (PaymentChoice.TAKE, PaymentChoice.VOUCHER, PaymentChoice.DECLINE), (88, 8, 4)
        )[0]
        ended = at_venue(session.date, session.end)
        steps = _steps(status, ended, rng)
        claim_rows.append(
            {
                "id": claim_id,
                "session_id": session.id,
                "person_id": claimant.person_id,
                "status": status.value,
                "policy_version": 1,
                "started_on": session.date.isoformat(),
                "minutes_there": session.minutes,
                "worked_out_pence": worked,
                "involvement_pence": 0 if choice is PaymentChoice.DECLINE else worked,
                "choice": choice.value,
                "rejected_reason": "Claimed twice for the same session."
                if status is ClaimStatus.REJECTED
                else "",
                "cancelled_reason": "Started by mistake."
                if status is ClaimStatus.CANCELLED
                else "",
                "submitted_at": utc_text(steps.get("submit")),
                "approved_at": utc_text(steps.get("approve")),
                "paid_at": utc_text(steps.get("pay")),
            }
        )
        for position in range(line_count):
            line_rows.append({"claim_id": claim_id, "position": position, **_line(rng)})
        audit_rows.append(
            {
                "at": utc_text(ended),
                "who": "Demo facilitator",
                "claim_id": claim_id,
                "action": "started",
            }
        )
        audit_rows.extend(
            {
                "at": utc_text(at),
                "who": "Demo facilitator",
                "claim_id": claim_id,
                "action": STEP_WORDS[step],
            }
            for step, at in steps.items()
        )
    rows.insert("claims", claim_rows)
    rows.insert("claim_lines", line_rows)
    rows.insert("audit_log", audit_rows)


def _status(rng: random.Random, days_ago: int) -> ClaimStatus:
    if days_ago > 60:
        weights = (0, 0, 1, 92, 4, 3)
    elif days_ago > 14:
        weights = (2, 10, 30, 52, 3, 3)
    else:
        weights = (25, 40, 20, 10, 3, 2)
    return rng.choices(list(ClaimStatus), weights)[0]


def _steps(status: ClaimStatus, ended: dt.datetime, rng: random.Random) -> dict[str, dt.datetime]:
    """When each step happened, in order, for a claim that reached `status`."""
    reached = {
        ClaimStatus.DRAFT: (),
        ClaimStatus.SUBMITTED: ("submit",),
        ClaimStatus.APPROVED: ("submit", "approve"),
        ClaimStatus.PAID: ("submit", "approve", "pay"),
        ClaimStatus.REJECTED: ("submit", "reject"),
        ClaimStatus.CANCELLED: ("cancel",),
    }[status]
    steps, at = {}, ended
    for step in reached:
        at += dt.timedelta(days=rng.randint(0, 10), hours=rng.randint(0, 5))
        steps[step] = at
    return steps


def _line(rng: random.Random) -> dict[str, Any]:
    """One expense line as the claim screens would store it."""
    kind = rng.choices(
        (
            ExpenseKind.MILEAGE,
            ExpenseKind.PUBLIC_TRANSPORT,
            ExpenseKind.PARKING,
            ExpenseKind.TAXI,
            ExpenseKind.MEALS,
            ExpenseKind.CARE,
        ),
        (45, 25, 12, 6, 8, 4),
    )[0]
    line: dict[str, Any] = {
        "kind": kind.value,
        "description": "",
        "miles_hundredths": 0,
        "vehicle": None,
        "hours_hundredths": 0,
        "why": "",
        "receipt_held": 0,
        "receipt_ref": "",
    }
    if kind is ExpenseKind.MILEAGE:
        miles = rng.randint(2, 60) * 50
        passenger = rng.random() < 0.1
        rate = 5 if passenger else 45
        line |= {
            "miles_hundredths": miles,
            "vehicle": (Vehicle.PASSENGER if passenger else Vehicle.CAR).value,
            "amount_pence": times(rate, Fraction(miles, 100)),
            "description": "Home to the venue and back",
        }
    elif kind is ExpenseKind.CARE:
        hours = rng.choice((200, 300, 400))
        line |= {
            "hours_hundredths": hours,
            "amount_pence": times(1000, Fraction(hours, 100)),
            "description": "Sitter for my mum",
            "receipt_held": 1,
        }
    elif kind is ExpenseKind.TAXI:
        line |= {
            "amount_pence": rng.randint(8, 25) * 100,
            "why": "No accessible bus on the route",
            "receipt_held": 1,
        }
    else:
        line |= {
            "amount_pence": rng.choice(FARES),
            "receipt_held": int(rng.random() < 0.7),
        }
    return line
