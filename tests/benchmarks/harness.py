"""What every benchmark shares: a figure, how it is timed, and how it is reported.

A figure is the median of several runs, set beside its target and, where there is
one, beside a floor: the same kind of work done by something bare (plain Python, a
bare Textual app) timed in the same run, so that a slow or busy machine can be told
apart from slow code. Nothing here passes or fails: `make bench` prints the table
and writes it to results.md, and people read it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One thing measured: its median over `runs` runs, against its target."""

    name: str
    median: float
    target: float | None
    runs: int
    unit: str = "ms"
    floor: float | None = None
    """The same kind of work done by something bare, in the same unit, this run."""
    floor_name: str = ""
    target_is_ratio: bool = False
    """The target is for the ratio to the floor (start-up: 1.3 × a bare app)."""

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None

    @property
    def within(self) -> bool | None:
        if self.target is None:
            return None
        if self.target_is_ratio:
            return self.ratio is not None and self.ratio <= self.target
        return self.median <= self.target

    @property
    def target_text(self) -> str:
        if self.target is None:
            return ""
        if self.target_is_ratio:
            return f"{self.target:g}× floor"
        return f"{self.target:g}"

    # Kept for the check-in benchmark, which names its fields this way.
    @property
    def median_ms(self) -> float:
        return self.median

    @property
    def target_ms(self) -> float | None:
        return self.target

    @property
    def floor_ms(self) -> float | None:
        return self.floor


def median_ms(work: Callable[[], object], repeats: int, *, warm: bool = True) -> float:
    """The median wall time of `work` in ms; one unmeasured run first warms caches, as
    a session in use would have them warm."""
    if warm:
        work()
    times = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


PYTHON_FLOOR = "a million additions"


def python_floor_ms(repeats: int = 5) -> float:
    """A fixed piece of plain Python (a million additions), timed on this machine now."""

    def additions() -> None:
        total = 0
        for n in range(1_000_000):
            total += n

    return median_ms(additions, repeats, warm=False)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MiB":
        return f"{value:.1f}"
    if unit != "ms" and float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def table(figures: Sequence[Figure]) -> list[str]:
    """Plain aligned columns: readable in a terminal, a log, or a screen reader."""
    head = ("figure", "median", "unit", "target", "within", "vs floor", "runs")
    rows = [
        (
            f.name,
            _number(f.median, f.unit),
            f.unit,
            f.target_text,
            "" if f.within is None else ("yes" if f.within else "NO"),
            "" if f.ratio is None else f"{f.ratio:.2f}",
            str(f.runs),
        )
        for f in figures
    ]
    widths = [max(len(row[n]) for row in (head, *rows)) for n in range(len(head))]
    lines = []
    for row in (head, *rows):
        cells = [
            row[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def markdown(figures: Sequence[Figure]) -> list[str]:
    """The same table as Markdown, for results.md."""
    lines = [
        "| figure | median | unit | target | within | vs floor | floor | runs |",
        "|---|--:|---|--:|---|--:|---|--:|",
    ]
    for f in figures:
        within = "" if f.within is None else ("yes" if f.within else "**no**")
        ratio = "" if f.ratio is None else f"{f.ratio:.2f}"
        floor = f"{f.floor_name} {_number(f.floor, f.unit)}".strip() if f.floor else ""
        lines.append(
            f"| {f.name} | {_number(f.median, f.unit)} | {f.unit} | "
            f"{f.target_text} | {within} | {ratio} | {floor} | {f.runs} |"
        )
    return lines
