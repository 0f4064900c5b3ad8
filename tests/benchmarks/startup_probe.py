"""Run by bench_startup in a fresh interpreter: the real app, or a bare one, headless.

    python tests/benchmarks/startup_probe.py app DATA_FILE DAY OUT [--walk]
    python tests/benchmarks/startup_probe.py floor - - OUT [--walk]

`app` goes through the real entry, `facilitator --db DATA_FILE` (click, `run_tui`:
the data file opened and locked, the backup as the app starts, the home screen),
with the app's clock fixed at DAY. `floor` is a bare Textual app with a Header, a
DataTable and a Footer. Both run headless at 120x40 through Textual's own autopilot,
which waits until the first screen with a table is mounted and has been refreshed,
then writes to OUT (JSON) the moment that happened (time.monotonic(), a clock shared
by every process on the machine, so the caller can subtract the moment it started
the process) and which heavy libraries were loaded by then.

With --walk the autopilot then opens what a facilitator would in the morning (the
session today, the people bank, the claims screen) before it exits, so the caller
can read the process's peak memory (the floor has nothing to walk through).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

HEAVY = ("docx", "qrcode", "PIL", "lxml", "sqlcipher3")
"""Libraries that only some commands need: none should load before the first screen."""
SIZE = (120, 40)


class FloorApp(App[None]):
    """A bare app: a Header, a DataTable of a screenful of rows, and a Footer."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Time", "Session", "Kind", "Venue", "Booked")
        for n in range(30):
            table.add_row("10:30", f"Session {n}", "Over a Brew", "Library", str(n), key=str(n))
        table.focus()


def memory_mib() -> dict[str, float]:
    """The process's resident size now and at its peak so far (Linux), in MiB."""
    found: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name in ("VmRSS", "VmHWM"):
                    found[name] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return found


def heavy_loaded() -> list[str]:
    return sorted(name for name in sys.modules if name.split(".", 1)[0] in HEAVY)


async def shown(app: App[object], screen_name: str | None = None) -> Screen[object]:
    """Wait until the current screen (of that class, if named) is mounted with its
    tables, and then until it has been refreshed: the first frame a user sees."""
    while True:
        screen = app.screen
        tables = list(screen.query(DataTable))
        if (
            screen.is_mounted
            and (screen_name is None or type(screen).__name__ == screen_name)
            and tables
            and all(table.is_mounted for table in tables)
        ):
            break
        await asyncio.sleep(0.001)
    refreshed = asyncio.Event()
    screen.call_after_refresh(refreshed.set)
    await refreshed.wait()
    return screen


def autopilot(out: Path, walk: bool):
    async def drive(pilot: Pilot[object]) -> None:
        app = pilot.app
        await shown(app)
        first = time.monotonic()
        out.write_text(
            json.dumps(
                {
                    "first_screen": first,
                    "cpu": time.process_time(),  # every thread's, the backup's too
                    "screen": type(app.screen).__name__,
                    "heavy": heavy_loaded(),
                    "modules": len(sys.modules),
                }
            ),
            encoding="utf-8",
        )
        if walk and type(app.screen).__name__ == "HomeScreen":
            steps: dict[str, float] = {}
            memory = {"HomeScreen": memory_mib()}
            # enter: the session today, highlighted first on the home screen
            for key, name in (
                ("enter", "SessionScreen"),
                ("p", "PeopleScreen"),
                ("c", "ClaimsScreen"),
            ):
                begun = time.monotonic()
                await pilot.press(key)
                await shown(app, name)
                await app.workers.wait_for_complete()
                steps[name] = time.monotonic() - begun
                memory[name] = memory_mib()
                await pilot.press("escape")
                await shown(app, "HomeScreen")
            found = {
                "walked": True,
                "heavy_after_walk": heavy_loaded(),
                "seconds": steps,
                "memory": memory,
            }
            out.write_text(json.dumps({**json.loads(out.read_text()), **found}))
        app.exit()

    return drive


def run_headless(out: Path, walk: bool) -> None:
    """Every App.run in this process runs headless, driven by the autopilot."""
    real_run = App.run

    def run(self: App[object], **options: object) -> object:
        return real_run(self, headless=True, size=SIZE, auto_pilot=autopilot(out, walk))

    App.run = run  # type: ignore[method-assign]


def fix_the_clock(day: dt.date) -> None:
    """The app's today is the day the data file was made for, at 10:40 at the venue."""
    import facilitator.app
    from sessions.clock import at_venue

    now = at_venue(day, dt.time(10, 40)).astimezone(dt.UTC)
    real_build = facilitator.app.build_app

    def build_app(store, **options):  # type: ignore[no-untyped-def]
        return real_build(store, **{**options, "today": lambda: day, "now": lambda: now})

    facilitator.app.build_app = build_app  # type: ignore[assignment]


def main(argv: list[str]) -> None:
    kind, data, day, out = argv[:4]
    walk = "--walk" in argv[4:]
    run_headless(Path(out), walk)
    if kind == "floor":
        FloorApp().run()
        return
    from facilitator.cli import main as facilitator

    fix_the_clock(dt.date.fromisoformat(day))
    facilitator(["--db", data], standalone_mode=False)


if __name__ == "__main__":
    main(sys.argv[1:])
