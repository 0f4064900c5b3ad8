"""The finance CSV at size: how long `facilitator claims export` takes, and that it streams.

Every claim that goes to finance (all but rejected and cancelled ones: about 18,600
of the 20,000 claims, some 64,000 rows on the large file) is written as the command
writes it: `write_finance_csv`, rows read from the data file one at a time, the file
checked against the claims' totals and put in place whole. Two figures:

- the time for the whole export (target 2 s), beside the plain Python floor;
- peak Python memory (tracemalloc) while writing every claim, beside the peak while
  writing the most recent tenth of them (a date range): if the export streams, the
  two are about the same, whatever the number of rows (target: at most 1.5 times).
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

from benchmarks.context import Bench
from benchmarks.harness import PYTHON_FLOOR, Figure, median_ms, python_floor_ms
from exports.finance_csv import CsvSummary, write_finance_csv
from sessions.store import Store
from sessions.store.claims import ClaimFilter

TARGET_MS = 2000.0
MEMORY_RATIO = 1.5
EVERY_CLAIM = ClaimFilter()
"""No statuses asked for: every claim finance is sent (rejected and cancelled never are)."""


def recent_tenth(store: Store) -> ClaimFilter:
    """The claims of the most recent sessions, about a tenth of them all."""
    count = store.db.execute("SELECT count(*) FROM claims").fetchone()[0]
    row = store.db.execute(
        "SELECT s.date FROM claims c JOIN sessions s ON s.id = c.session_id"
        " ORDER BY s.date DESC LIMIT 1 OFFSET ?",
        [max(count // 10 - 1, 0)],
    ).fetchone()
    return ClaimFilter(date_from=dt.date.fromisoformat(row[0])) if row else EVERY_CLAIM


def peak_mib(store: Store, wanted: ClaimFilter, path: Path) -> tuple[float, CsvSummary]:
    """The most Python memory the export holds at once, beyond what was held before."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        summary = write_finance_csv(store, wanted, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / 2**20, summary


def figures(bench: Bench) -> list[Figure]:
    repeats = 1 if bench.quick else min(bench.repeats, 5)
    path = bench.workdir / "finance.csv"
    with Store.open(bench.copy_of_data("finance_csv"), create=False) as store:
        summaries: list[CsvSummary] = []
        took = median_ms(
            lambda: summaries.append(write_finance_csv(store, EVERY_CLAIM, path)), repeats
        )
        whole = summaries[-1]
        tenth = recent_tenth(store)
        write_finance_csv(store, tenth, path)  # warm: later imports and caches are not rows
        all_mib, _ = peak_mib(store, EVERY_CLAIM, path)
        tenth_mib, part = peak_mib(store, tenth, path)
    floor = python_floor_ms(repeats)
    return [
        Figure(
            f"finance CSV ({whole.claims:,} claims, {whole.rows:,} rows)",
            took,
            TARGET_MS,
            repeats,
            floor=floor,
            floor_name=PYTHON_FLOOR,
        ),
        Figure(
            "finance CSV: memory growth",
            all_mib,
            MEMORY_RATIO,
            1,
            unit="MiB",
            floor=tenth_mib,
            floor_name=f"peak for {part.claims:,} claims",
            target_is_ratio=True,
        ),
    ]
