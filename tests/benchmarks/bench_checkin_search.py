"""How fast check-in's search answers with 10,000 people in the bank.

On the session today in the generated data (300 booked, a third already arrived),
as `make bench` runs it (`python -m benchmarks --only checkin_search`):

- the domain search, `CheckIn.candidates`, within 16 ms: one frame at 60 Hz, read
  against a fixed piece of plain Python timed in the same run;
- in the app, from a key pressed in the Check-in search box until the table holds
  the filtered rows and the screen has been redrawn, within 50 ms, read against a
  bare Textual app doing the same (floor_app.py).

Each figure is the median of many runs, so a stray pause does not decide it.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import replace

from benchmarks.context import DAY, NOW, Bench
from benchmarks.floor_app import floor_ms
from benchmarks.harness import PYTHON_FLOOR, Figure, median_ms, python_floor_ms
from sessions.checkin import CheckIn
from sessions.store import Store

DOMAIN_TARGET_MS = 16.0
TUI_TARGET_MS = 50.0
TYPED_NAME = "samira"
PHONE_FRAGMENT = "0115 496 02"
TUI_FLOOR = "bare Textual app, key to table drawn"


def session_today(store: Store) -> int:
    """The session on the day the data is made for: the one people are checked in to."""
    row = store.db.execute(
        "SELECT id FROM sessions WHERE date = ? ORDER BY id LIMIT 1", [DAY.isoformat()]
    ).fetchone()
    if row is None:
        raise RuntimeError(f"The data file has no session on {DAY}: make it again.")
    return int(row[0])


def prefixes(typed: str) -> list[str]:
    """What the search box holds after each key: 's', 'sa', 'sam', ..."""
    return [typed[:end] for end in range(1, len(typed) + 1)]


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
    checkin = CheckIn(store, session_id, lambda: NOW)
    figures = []
    for text in ["", *prefixes(typed), phone]:
        label = f"check-in: candidates “{text}”" if text else "check-in: candidates, nothing typed"
        runs = median_ms(lambda text=text: checkin.candidates(text), repeats)
        figures.append(Figure(label, runs, DOMAIN_TARGET_MS, repeats))

    def per_key(text: str = typed[:1]) -> None:
        found = checkin.candidates(text)
        checkin.listing_note(text, len(found))

    figures.append(
        Figure(
            f"check-in: candidates and list note “{typed[:1]}”",
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

    checkin = CheckIn(store, session_id, lambda: NOW)
    expected = {
        text: [str(c.person.id) for c in checkin.candidates(text)] for text in prefixes(typed)
    }
    app = build_app(store, today=lambda: DAY, now=lambda: NOW)
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
            f"check-in: key to table drawn “{text}”",
            statistics.median(samples) * 1000,
            TUI_TARGET_MS,
            len(samples),
        )
        for text, samples in times.items()
    ]


def figures(bench: Bench) -> list[Figure]:
    """The domain figures against plain Python, the app's against a bare Textual app,
    both floors measured now. The app works on a copy: it may write as it opens."""
    domain_repeats = 2 if bench.quick else max(50, bench.repeats)
    tui_repeats = 1 if bench.quick else bench.repeats
    with Store.open(bench.copy_of_data("checkin")) as store:
        session_id = session_today(store)
        domain = domain_figures(store, session_id, repeats=domain_repeats)
        python_floor = python_floor_ms(3 if bench.quick else 10)
        app = asyncio.run(tui_figures(store, session_id, repeats=tui_repeats))
        names = [person.name for person in store.people.all()]
    tui_floor = asyncio.run(floor_ms(names, TYPED_NAME, tui_repeats))
    return [
        *(replace(f, floor=python_floor, floor_name=PYTHON_FLOOR) for f in domain),
        *(replace(f, floor=tui_floor, floor_name=TUI_FLOOR) for f in app),
    ]
