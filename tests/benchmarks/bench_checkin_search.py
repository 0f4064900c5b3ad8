"""How fast check-in's search answers with 10,000 people in the bank.

Run with `make bench`, or `PYTHONPATH=tests python -m benchmarks.bench_checkin_search --help`.
Not a test (pytest does not collect `bench_*.py`): timings depend on the machine,
so nothing here passes or fails. It prints figures next to their targets:

- the domain search, `CheckIn.candidates`, within 16 ms: one frame at 60 Hz;
- in the app, from a key pressed in the Check-in search box until the table holds
  the filtered rows and the screen has been redrawn, within 50 ms.

Each figure is the median of many runs, so a stray pause does not decide it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.floor_app import floor_ms
from sessions.checkin import CheckIn
from sessions.clock import at_venue
from sessions.models import AttendanceStatus, Person, Role, Session, SessionKind
from sessions.store import Store

DOMAIN_TARGET_MS = 16.0
TUI_TARGET_MS = 50.0
TYPED_NAME = "samira"
PHONE_FRAGMENT = "0115 496 02"
SESSION_DAY = dt.date(2026, 11, 23)
SESSION_NOW = at_venue(SESSION_DAY, dt.time(10, 40)).astimezone(dt.UTC)


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
# Ofcom keeps these ranges for drama, so no invented number can ring a real phone.
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
ROLE_WEIGHTS = {
    Role.LIVED_EXPERIENCE: 40,
    Role.CARER: 20,
    Role.STAFF: 20,
    Role.COMMISSIONER: 4,
    Role.PROVIDER: 6,
    Role.COMMUNITY_SECTOR: 7,
    Role.OTHER: 3,
}


@dataclass(frozen=True)
class Figure:
    """One thing measured: its median over `runs` runs, against its target."""

    name: str
    median_ms: float
    target_ms: float
    runs: int
    floor_ms: float | None = None
    """For app figures: the same key press in a bare Textual app (floor_app.py)."""

    @property
    def ratio(self) -> str:
        return f"{self.median_ms / self.floor_ms:.2f}" if self.floor_ms else ""

    @property
    def within(self) -> bool:
        return self.median_ms <= self.target_ms


# --- the data file --------------------------------------------------------------


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


def build_data_file(path: Path, people: int = 10_000, booked: int = 300, seed: int = 2026) -> int:
    """A data file with `people` in the bank and a session today with `booked` of them
    booked, a third already arrived. Returns the session's number."""
    rng = random.Random(seed)
    with Store.open(path) as store:
        store.people.add_many(invented_people(people, rng))
        session = store.sessions.save(
            Session(
                "Getting out and about",
                SessionKind.OVER_A_BREW,
                SESSION_DAY,
                dt.time(10, 30),
                dt.time(12, 30),
                venue="Mansfield Central Library",
            )
        )
        assert session.id is not None
        ids = [row["id"] for row in store.db.query("SELECT id FROM people")]
        start = at_venue(SESSION_DAY, dt.time(10, 15))
        with store.db.atomic():
            for number, person_id in enumerate(rng.sample(ids, min(booked, len(ids)))):
                arrived = number % 3 == 0
                store.attendance.record(
                    session.id,
                    person_id,
                    AttendanceStatus.ARRIVED if arrived else AttendanceStatus.BOOKED,
                    arrived_at=start + dt.timedelta(minutes=number % 25) if arrived else None,
                )
        store.mark_welcomed()
        return session.id


# --- measuring ------------------------------------------------------------------


def prefixes(typed: str) -> list[str]:
    """What the search box holds after each key: 's', 'sa', 'sam', ..."""
    return [typed[:end] for end in range(1, len(typed) + 1)]


def median_ms(work: Callable[[], object], repeats: int) -> float:
    work()  # warm SQLite's page cache and Python's, as a session in use would have
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def domain_figures(
    store: Store,
    session_id: int,
    *,
    typed: str = TYPED_NAME,
    phone: str = PHONE_FRAGMENT,
    repeats: int = 50,
) -> list[Figure]:
    """CheckIn.candidates for each prefix of a typed name and for a phone fragment,
    and the whole of what the Check-in tab asks per key in the worst case."""
    checkin = CheckIn(store, session_id, lambda: SESSION_NOW)
    figures = []
    for text in ["", *prefixes(typed), phone]:
        label = f"domain: candidates “{text}”" if text else "domain: candidates, nothing typed"
        runs = median_ms(lambda text=text: checkin.candidates(text), repeats)
        figures.append(Figure(label, runs, DOMAIN_TARGET_MS, repeats))

    def per_key(text: str = typed[:1]) -> None:
        found = checkin.candidates(text)
        checkin.listing_note(text, len(found))

    figures.append(
        Figure(
            f"domain: candidates and list note “{typed[:1]}”",
            median_ms(per_key, repeats),
            DOMAIN_TARGET_MS,
            repeats,
        )
    )
    return figures


async def tui_figures(
    store: Store, session_id: int, *, typed: str = TYPED_NAME, repeats: int = 20
) -> list[Figure]:
    """Key press in the Check-in search box to the filtered rows drawn on screen.

    The key goes in as the terminal driver sends it (a Key event to the app), not
    through `Pilot.press`, which waits for the process to go idle for tens of
    milliseconds after every key and would swamp what is measured. The time stops
    when the table holds exactly the rows the domain returns for the text and the
    screen has been redrawn (`wait_for_refresh`), so layout and drawing count too.
    """
    from textual import events
    from textual.widgets import DataTable, Input

    from facilitator.app import build_app
    from facilitator.screens.session import SessionScreen

    checkin = CheckIn(store, session_id, lambda: SESSION_NOW)
    expected = {
        text: [str(c.person.id) for c in checkin.candidates(text)] for text in prefixes(typed)
    }
    app = build_app(store, today=lambda: SESSION_DAY, now=lambda: SESSION_NOW)
    times: dict[str, list[float]] = {text: [] for text in expected}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(SessionScreen(store, app.today, session_id, app.now))
        await pilot.pause()
        search = app.screen.query_one("#checkin-search", Input)
        table = app.screen.query_one("#checkin-table", DataTable)

        def showing(keys: list[str]) -> bool:
            return [key.value for key in table.rows] == keys

        for run in range(repeats + 1):  # the first run warms up and is not counted
            search.value = ""
            search.focus()
            await pilot.pause()
            for text in expected:
                start = time.perf_counter()
                app.post_message(events.Key(text[-1], text[-1]))
                while not showing(expected[text]):
                    if time.perf_counter() - start > 10:
                        raise RuntimeError(f"the table never showed the rows for {text!r}")
                    await asyncio.sleep(0)
                await table.wait_for_refresh()
                if run:
                    times[text].append(time.perf_counter() - start)
                if search.value != text:
                    raise RuntimeError(f"the search box holds {search.value!r}, not {text!r}")
    return [
        Figure(
            f"app: key to table drawn “{text}”",
            statistics.median(samples) * 1000,
            TUI_TARGET_MS,
            len(samples),
        )
        for text, samples in times.items()
    ]


# --- reporting ------------------------------------------------------------------


def with_floor(figures: list[Figure], store: Store, repeats: int) -> list[Figure]:
    """The app figures with the bare-Textual floor measured now, on the same names."""
    names = [person.name for person in store.people.all()]
    floor = asyncio.run(floor_ms(names, TYPED_NAME, repeats))
    return [
        Figure("floor: bare Textual app, key to table drawn", floor, TUI_TARGET_MS, repeats),
        *(replace(figure, floor_ms=floor) for figure in figures),
    ]


def report(figures: Sequence[Figure]) -> list[str]:
    """Plain aligned columns: readable in a terminal, a log, or a screen reader."""
    width = max(len(f.name) for f in figures)
    lines = [f"{'figure':<{width}}  {'median ms':>9}  {'target ms':>9}  within  vs floor"]
    for f in figures:
        lines.append(
            f"{f.name:<{width}}  {f.median_ms:>9.2f}  {f.target_ms:>9.0f}  "
            f"{'yes' if f.within else 'NO':<6}  {f.ratio:>8}".rstrip()
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000, help="people in the bank")
    parser.add_argument("--booked", type=int, default=300, help="people booked on the session")
    parser.add_argument("--repeats", type=int, default=50, help="runs per domain figure")
    parser.add_argument("--tui-repeats", type=int, default=20, help="runs per app figure")
    parser.add_argument("--no-tui", action="store_true", help="measure the domain only")
    parser.add_argument(
        "--keep", type=Path, help="build the data file here and keep it (it must not exist)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.db"
        if path.exists():
            parser.error(f"{path} already exists: give a new file to --keep")
        started = time.perf_counter()
        session_id = build_data_file(path, args.people, args.booked)
        print(
            f"Built {path} with {args.people:,} people, {args.booked} booked, "
            f"in {time.perf_counter() - started:.1f} s."
        )
        with Store.open(path) as store:
            figures = domain_figures(store, session_id, repeats=args.repeats)
            if not args.no_tui:
                figures += with_floor(
                    asyncio.run(tui_figures(store, session_id, repeats=args.tui_repeats)),
                    store,
                    args.tui_repeats,
                )
    for line in report(figures):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
