"""`make bench`: every benchmark suite on five years of a busy team's data.

    PYTHONPATH=tests python -m benchmarks [--size large|tiny] [--only NAME ...]

Makes the data file once (`facilitator demo --size large`, kept in .bench-data/ and
made again when the generator changes), runs each suite's `figures()`, prints one
table and writes it into tests/benchmarks/results.md between its markers, leaving the
hand-written notes there alone. Nothing passes or fails on speed: the table says which
figures are within their targets, and a suite that breaks is reported and the others
still run (the exit status is then 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import inspect
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from benchmarks.context import Bench, make_data
from benchmarks.harness import Figure, markdown, table
from sessions import demo_large

SUITES = (
    "startup",
    "screens",
    "checkin_search",
    "documents",
    "breakouts",
    "finance_csv",
)
"""Modules tests/benchmarks/bench_<name>.py, in the order their figures are shown."""
HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
DATA_FOLDER = HERE.parent.parent / ".bench-data"
START, END = "<!-- figures: start -->", "<!-- figures: end -->"


def data_file(size: str, folder: Path = DATA_FOLDER) -> Path:
    """The data file for `size`, made if missing; its name carries a hash of the
    generator, so a changed generator makes a new file rather than reusing a stale one."""
    source = inspect.getsource(demo_large).encode()
    path = folder / f"{size}-{hashlib.sha256(source).hexdigest()[:10]}.db"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{size}-*.db"):
            old.unlink()
        print(f"Making the {size} data file {path} (once) ...", flush=True)
        started = time.perf_counter()
        make_data(path, size)
        print(f"Made it in {time.perf_counter() - started:.1f} s.", flush=True)
    return path


def run_suites(bench: Bench, names: Sequence[str]) -> tuple[list[Figure], list[str]]:
    """Every suite's figures, and a sentence for each suite that broke."""
    figures: list[Figure] = []
    broken: list[str] = []
    for name in names:
        print(f"Running {name} ...", flush=True)
        try:
            suite = importlib.import_module(f"benchmarks.bench_{name}")
            found = suite.figures(bench)
        except Exception:  # one broken suite must not hide the others' figures
            broken.append(f"{name} broke:\n{traceback.format_exc()}")
            print(broken[-1], file=sys.stderr, flush=True)
            continue
        if not found:
            broken.append(f"{name} gave no figures.")
        figures.extend(found)
    return figures, broken


def about_the_run(bench: Bench, seconds: float) -> list[str]:
    scale = bench.scale
    return [
        f"Run on {dt.date.today():%-d %B %Y} in {seconds:.0f} s: Python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs.",
        f"Data ({bench.size}): {scale.people:,} people, {scale.sessions:,} sessions, "
        f"{scale.attendance:,} attendance rows, {scale.claims:,} claims with "
        f"{scale.claim_lines:,} lines, {scale.notes:,} notes; the session today has "
        f"{scale.booked_today} booked. Each figure is the median of its runs; "
        "“vs floor” divides it by the floor measured in the same run.",
    ]


def write_results(path: Path, lines: list[str]) -> None:
    """Put `lines` between the markers in results.md, keeping everything else."""
    text = path.read_text(encoding="utf-8") if path.exists() else f"{START}\n{END}\n"
    if START not in text or END not in text:
        raise SystemExit(f"{path} has lost its {START} / {END} markers; put them back.")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    new = f"{before}{START}\n" + "\n".join(lines) + f"\n{END}{after}"
    partial = path.with_suffix(".partial")
    partial.write_text(new, encoding="utf-8")
    partial.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("large", "tiny"), default="large")
    parser.add_argument("--data", type=Path, help="use this data file (made for the fixed day)")
    parser.add_argument("--only", nargs="+", choices=SUITES, help="run only these suites")
    parser.add_argument("--repeats", type=int, help="runs per figure (default: the suite's)")
    parser.add_argument(
        "--results", type=Path, help=f"write the table here (default {RESULTS} for large)"
    )
    args = parser.parse_args(argv)
    data = args.data or data_file(args.size)
    results = args.results or (RESULTS if args.size == "large" and not args.only else None)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        bench = Bench(data=data, size=args.size, workdir=Path(folder))
        if args.repeats:
            bench = Bench(data, args.size, Path(folder), args.repeats)
        figures, broken = run_suites(bench, args.only or SUITES)
    seconds = time.perf_counter() - started
    print()
    for line in table(figures):
        print(line)
    missed = [f.name for f in figures if f.within is False]
    print()
    print(f"{len(figures) - len(missed)} of {len(figures)} figures within their targets.")
    if results is not None:
        write_results(
            results,
            [*about_the_run(bench, seconds), "", *markdown(figures), *broken_lines(broken)],
        )
        print(f"Wrote the table to {results}.")
    return 1 if broken else 0


def broken_lines(broken: list[str]) -> list[str]:
    return ["", *(f"- {line.splitlines()[0]}" for line in broken)] if broken else []


if __name__ == "__main__":
    sys.exit(main())
