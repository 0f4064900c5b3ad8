"""The check-in benchmark still runs (at a tiny size): it must not rot between uses.

Only that it produces figures is checked, never how fast: speed depends on the
machine, and `make bench` is where it is read.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from benchmarks.bench_breakouts import build_room, measure
from benchmarks.bench_breakouts import main as breakouts_main
from benchmarks.bench_checkin_search import (
    TYPED_NAME,
    build_data_file,
    domain_figures,
    main,
    report,
    tui_figures,
    with_floor,
)

from sessions.store import Store


async def test_the_benchmark_measures_the_domain_and_the_app(tmp_path: Path) -> None:
    path = tmp_path / "bench.db"
    session_id = build_data_file(path, people=200, booked=20)
    with Store.open(path) as store:
        assert store.people.count() == 200
        assert len(store.attendance.for_session(session_id)) == 20
        figures = domain_figures(store, session_id, repeats=2)
        figures += await tui_figures(store, session_id, repeats=2)
    names = [figure.name for figure in figures]
    assert len(names) == 2 * len(TYPED_NAME) + 3
    assert "domain: candidates “sam”" in names
    assert "app: key to table drawn “samira”" in names
    assert all(figure.median_ms > 0 and figure.runs == 2 for figure in figures)
    lines = report(figures)
    assert lines[0].split() == ["figure", "median", "ms", "target", "ms", "within", "vs", "floor"]
    assert len(lines) == len(figures) + 1


def test_app_figures_are_read_against_a_bare_textual_floor(tmp_path: Path) -> None:
    path = tmp_path / "bench.db"
    session_id = build_data_file(path, people=100, booked=10)
    with Store.open(path) as store:
        figures = asyncio.run(tui_figures(store, session_id, repeats=1))
        figures = with_floor(figures, store, repeats=1)
    floor, *app = figures
    assert floor.name.startswith("floor:") and floor.median_ms > 0
    assert all(figure.floor_ms == floor.median_ms and figure.ratio for figure in app)


def test_the_command_line_keeps_its_file_and_never_overwrites_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept.db"
    quick = ["--people", "50", "--booked", "5", "--repeats", "1", "--no-tui"]
    assert main([*quick, "--keep", str(kept)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Built {kept} with 50 people, 5 booked")
    assert "domain: candidates, nothing typed" in out
    with pytest.raises(SystemExit) as stopped:
        main([*quick, "--keep", str(kept)])
    assert stopped.value.code == 2
    assert "already exists" in capsys.readouterr().err


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
