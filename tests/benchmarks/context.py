"""What every benchmark suite is given: the data file and how hard to try.

A suite is a module with `figures(bench: Bench) -> list[Figure]`. It reads the data
file and never changes it: a suite that writes (a session to summarise, say) works on
its own copy, made with `bench.copy_of_data()`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sessions.clock import at_venue
from sessions.demo_large import SIZES, Scale, fill_at_scale
from sessions.store import Store

DAY = dt.date(2026, 11, 23)
"""The day the data file is made for, so every run sees the same sessions as today's."""
NOW = at_venue(DAY, dt.time(10, 40)).astimezone(dt.UTC)
"""Ten minutes into the session today."""


@dataclass(frozen=True)
class Bench:
    data: Path
    """The generated data file: `facilitator demo --size large`, or tiny in `make test`."""
    size: str
    workdir: Path
    """A folder for copies and outputs, emptied when the run ends."""
    repeats: int = 20
    """Runs per figure; the figure is their median."""

    @property
    def scale(self) -> Scale:
        return SIZES[self.size]

    @property
    def quick(self) -> bool:
        """The tiny run in `make test`: only that it works is checked, not speed."""
        return self.size == "tiny"

    def copy_of_data(self, name: str) -> Path:
        """A fresh copy of the data file to change, in the work folder."""
        target = self.workdir / f"{name}.db"
        target.unlink(missing_ok=True)
        with sqlite3.connect(self.data) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return target


def make_data(path: Path, size: str) -> None:
    """Write the data file for `size` at `path`, made for DAY."""
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with Store.open(partial) as store:
        fill_at_scale(store, DAY, SIZES[size])
    shutil.move(partial, path)
