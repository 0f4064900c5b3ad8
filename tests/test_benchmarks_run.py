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


def test_make_bench_runs_every_suite_and_keeps_the_hand_written_notes(tmp_path: Path) -> None:
    """The whole of `make bench`, at the tiny size: every suite gives figures, the
    table goes between the markers of results.md, and the notes around it stay."""
    from benchmarks.__main__ import END, START, SUITES
    from benchmarks.__main__ import main as bench_main
    from benchmarks.context import make_data

    data = tmp_path / "tiny.db"
    make_data(data, "tiny")
    results = tmp_path / "results.md"
    results.write_text(f"# Results\n\n{START}\nold table\n{END}\n\n## What was fixed\n", "utf-8")
    assert bench_main(["--size", "tiny", "--data", str(data), "--results", str(results)]) == 0
    text = results.read_text("utf-8")
    assert text.startswith("# Results\n\n") and text.endswith(f"{END}\n\n## What was fixed\n")
    assert "old table" not in text
    table = text.split(START)[1].split(END)[0]
    assert "| figure | median | unit | target | within | vs floor | floor | runs |" in table
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > len(SUITES)  # the header, and at least one figure from every suite
    assert " broke:" not in table and "gave no figures" not in table


def test_a_suite_that_breaks_or_gives_nothing_is_named_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys
    import types

    from benchmarks.__main__ import run_suites
    from benchmarks.context import Bench

    def breaks(bench: Bench) -> list[object]:
        raise RuntimeError("no such table: claims")

    for name, work in (("breaking", breaks), ("empty", lambda bench: [])):
        module = types.ModuleType(f"benchmarks.bench_{name}")
        module.figures = work  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, f"benchmarks.bench_{name}", module)
    bench = Bench(data=tmp_path / "none.db", size="tiny", workdir=tmp_path)
    figures, broken = run_suites(bench, ["breaking", "breakouts", "empty"])
    assert figures and all(f.name.startswith("breakouts") for f in figures)
    assert [line.splitlines()[0] for line in broken] == [
        "breaking broke:",
        "empty gave no figures.",
    ]
    assert "no such table: claims" in broken[0]
