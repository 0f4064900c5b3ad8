"""The benchmarks still run (at a tiny size): they must not rot between uses.

Only that they produce figures is checked, never how fast: speed depends on the
machine, and `make bench` is where it is read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from benchmarks.bench_breakouts import build_room, measure
from benchmarks.bench_breakouts import main as breakouts_main
from benchmarks.bench_checkin_search import TUI_FLOOR, TYPED_NAME
from benchmarks.bench_checkin_search import figures as checkin_figures
from benchmarks.context import Bench, make_data
from benchmarks.harness import PYTHON_FLOOR


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    """The data file `make test` runs the benchmarks on, made once for these tests."""
    folder: Path = tmp_path_factory.mktemp("bench")
    make_data(folder / "tiny.db", "tiny")
    return Bench(data=folder / "tiny.db", size="tiny", workdir=folder)


def test_check_in_is_timed_on_the_session_today_against_both_floors(tiny_bench: Bench) -> None:
    before = hashlib.sha256(tiny_bench.data.read_bytes()).hexdigest()
    figures = checkin_figures(tiny_bench)
    names = [figure.name for figure in figures]
    assert len(names) == 2 * len(TYPED_NAME) + 3
    assert "check-in: candidates “sam”" in names
    assert "check-in: candidates and list note “s”" in names
    assert "check-in: key to table drawn “samira”" in names
    domain, app = figures[: len(TYPED_NAME) + 3], figures[len(TYPED_NAME) + 3 :]
    assert all(f.floor_name == PYTHON_FLOOR and f.target == 16 for f in domain)
    assert all(f.floor_name == TUI_FLOOR and f.target == 50 for f in app)
    assert all(f.median > 0 and f.ratio for f in figures)
    after = hashlib.sha256(tiny_bench.data.read_bytes()).hexdigest()
    assert before == after, "the app ran on a copy of the data file"


def test_the_breakout_benchmark_splits_rounds_and_reports_quality(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert (
        breakouts_main(["--people", "40", "--groups", "5", "--constraints", "6", "--repeats", "1"])
        == 0
    )
    out = capsys.readouterr().out
    assert "breakouts: all rounds" in out
    assert "round 3" in out
    room = build_room(people=40, groups=5, constraints=6)
    total, results = measure(room, rounds=2, repeats=1)
    assert total > 0 and [r.number for r in results] == [1, 2]
    assert all(r.quality.size_gap <= 1 for r in results)
