"""Start-up and peak memory: what a facilitator waits for, and what the laptop holds.

Run with `make bench`, or `PYTHONPATH=tests python -m benchmarks --only startup`.
Each run is a fresh Python process (tests/benchmarks/startup_probe.py) started the way
a user starts the app, `facilitator --db FILE`, headless, on a copy of the data file:

- start-up to first screen: from starting the process to the home screen mounted
  and drawn, as a user waits for it (the backup the app makes as it starts begins in
  a worker once that screen is drawn, and is not waited for); its floor is a bare
  Textual app with a Header, a DataTable and a Footer started the same way. Runs
  alternate app, floor, app, floor ... so that whatever else the machine is doing
  falls on both. Modules are compiled once beforehand, as an installed app's are.
- heavy imports at start: how many modules of python-docx, qrcode, Pillow, lxml or
  sqlcipher3 are loaded when the first screen shows (each is for a command that
  needs it, and should load then).
- peak memory: the largest resident size of a process that opens the home screen,
  the session today, the people bank and the claims screen, then exits; the floor is
  the bare app's peak.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.context import DAY, Bench
from benchmarks.harness import Figure

PROBE = Path(__file__).resolve().parent / "startup_probe.py"
FLOOR = "a bare Textual app"
START_TARGET = 1.3
"""Start-up to the first screen: at most 1.3 times the bare app's."""
MEMORY_TARGET_MIB = 150.0


@dataclass(frozen=True)
class Run:
    first_screen_ms: float
    peak_mib: float
    heavy: list[str]
    screen: str
    walked: bool


def start(
    kind: str, data: Path | None, out: Path, walk: bool = False, compiled: Path | None = None
) -> Run:
    """One fresh process of the probe, timed from just before it is started; with
    `compiled`, a folder for the compiled modules, kept between runs."""
    out.unlink(missing_ok=True)
    command = [sys.executable, str(PROBE), kind, str(data or "-"), DAY.isoformat(), str(out)]
    if walk:
        command.append("--walk")
    env = dict(os.environ)
    env.pop("FACILITATOR_PASSPHRASE", None)
    if compiled is not None:
        # As installed, every module has its compiled form: compiling afresh on each
        # run would time Python's compiler, not the app. The warm-up run writes them.
        env["PYTHONPYCACHEPREFIX"] = str(compiled)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with open(out.with_suffix(".log"), "wb") as log:
        begun = time.monotonic()
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env
        )
        # wait4 gives this child's own peak resident size (ru_maxrss, KiB on Linux).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not out.exists():
        raise RuntimeError(
            f"The start-up probe ({kind}) failed with status {process.returncode}:\n"
            + out.with_suffix(".log").read_text(errors="replace")[-3000:]
        )
    found = json.loads(out.read_text(encoding="utf-8"))
    return Run(
        first_screen_ms=(found["first_screen"] - begun) * 1000,
        peak_mib=usage.ru_maxrss / 1024,
        heavy=found["heavy"],
        screen=found["screen"],
        walked=found.get("walked", False),
    )


def figures(bench: Bench) -> list[Figure]:
    folder = bench.workdir / "startup"
    folder.mkdir(parents=True, exist_ok=True)
    data = bench.copy_of_data("startup")
    out = folder / "probe.json"
    runs = 1 if bench.quick else min(bench.repeats, 10)

    app_runs: list[Run] = []
    floor_runs: list[Run] = []
    walks = 1 if bench.quick else 3
    if bench.quick:
        # Only that it works is checked: one run of each, the app's walking through
        # the screens too, and no warming up.
        walked = [start("app", data, out, walk=True)]
        app_runs = walked
        floor_runs = [start("floor", None, out)]
    else:
        # Unmeasured: compiles every module once, warms the disk cache, makes the
        # first backup.
        compiled = folder / "compiled"
        start("app", data, out, compiled=compiled)
        start("floor", None, out, compiled=compiled)
        for _ in range(runs):
            app_runs.append(start("app", data, out, compiled=compiled))
            floor_runs.append(start("floor", None, out, compiled=compiled))
        walked = [start("app", data, out, walk=True, compiled=compiled) for _ in range(walks)]
    for run in app_runs:
        if run.screen != "HomeScreen":
            raise RuntimeError(f"The app showed {run.screen} first, not the home screen.")
    if not all(run.walked for run in walked):
        raise RuntimeError("The memory run did not get through every screen.")
    heavy_at_start = sorted({name for run in app_runs for name in run.heavy})
    floor_peak = statistics.median(run.peak_mib for run in floor_runs)
    shutil.rmtree(data.parent / "backups", ignore_errors=True)

    return [
        Figure(
            "start-up to first screen",
            statistics.median(run.first_screen_ms for run in app_runs),
            START_TARGET,
            runs,
            floor=statistics.median(run.first_screen_ms for run in floor_runs),
            floor_name=FLOOR,
            target_is_ratio=True,
        ),
        Figure("heavy imports at start", len(heavy_at_start), 0, runs, unit="modules"),
        Figure(
            "peak memory: app on the large file"
            if bench.size == "large"
            else f"peak memory: app on the {bench.size} file",
            statistics.median(run.peak_mib for run in walked),
            MEMORY_TARGET_MIB,
            walks,
            unit="MiB",
            floor=floor_peak,
            floor_name=FLOOR,
        ),
    ]


if __name__ == "__main__":
    import argparse
    import tempfile

    from benchmarks.harness import table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--size", default="large")
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for line in table(figures(Bench(args.data, args.size, Path(work), args.repeats))):
            print(line)
