"""How fast, and how fair, the breakout split is for a big room.

Run with `make bench`, or `PYTHONPATH=tests python -m benchmarks.bench_breakouts --help`.
Not a test: timings depend on the machine, so nothing here passes or fails. It splits
500 people into 40 groups with 50 together/apart constraints, three rounds in a row
(each round avoiding the pairs of the ones before), and prints:

- the time for all three rounds (target: 200 ms), and for each round;
- the quality figures of each round: largest size difference between groups,
  largest difference in any role's count between groups, and repeat pairings;
- a floor: a fixed piece of plain Python timed in the same run, so that a slow or
  busy machine can be told apart from a slow split.

Each time is the median of several runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from benchmarks.context import Bench
from benchmarks.harness import PYTHON_FLOOR, Figure, python_floor_ms
from sessions.breakout_room import GroupSpec, Member, Room, Split, Together
from sessions.breakout_rules import Quality, quality
from sessions.breakouts import split_room
from sessions.models import Need, Role

TARGET_MS = 200.0
ROLE_MIX = (
    (Role.LIVED_EXPERIENCE, 40),
    (Role.CARER, 20),
    (Role.STAFF, 18),
    (Role.COMMISSIONER, 4),
    (Role.PROVIDER, 6),
    (Role.COMMUNITY_SECTOR, 8),
    (Role.OTHER, 4),
)
"""Percentages: a large open event, mostly people with lived experience and carers."""


def build_room(people: int = 500, groups: int = 40, constraints: int = 50, seed: int = 1) -> Room:
    """A room like a big open event: some need step-free access or a hearing loop, some
    come with a carer or interpreter, some asked to be kept apart."""
    rng = random.Random(seed)
    roles = [role for role, share in ROLE_MIX for _ in range(share)]
    members = tuple(
        Member(
            n,
            f"Person {n}",
            rng.choice(roles),
            frozenset({Need.STEP_FREE}) if rng.random() < 0.03 else frozenset(),
        )
        for n in range(people)
    )
    specs = tuple(
        GroupSpec(
            f"Group {n + 1}",
            frozenset({Need.STEP_FREE, Need.HEARING_LOOP}) if n % 3 == 0 else frozenset(),
        )
        for n in range(groups)
    )
    ids = list(range(people))
    rng.shuffle(ids)
    pairs = [(ids[2 * n], ids[2 * n + 1]) for n in range(constraints)]
    half = constraints // 2
    together = tuple(Together(a, b, "carer") for a, b in pairs[:half])
    apart = tuple(pairs[half:])
    return Room(people=members, groups=specs, together=together, apart=apart)


@dataclass(frozen=True)
class RoundResult:
    number: int
    median_ms: float
    quality: Quality
    broken: int


def split_rounds(room: Room, rounds: int = 3, seed: int = 1) -> list[tuple[Split, float]]:
    """Each round split with the rounds before it as history; (split, ms) for each."""
    history: list[tuple[tuple[int, ...], ...]] = []
    done = []
    for number in range(rounds):
        this = replace(room, history=tuple(history))
        started = time.perf_counter()
        split = split_room(this, seed + number)
        done.append((split, (time.perf_counter() - started) * 1000))
        history.append(split.groups)
    return done


def measure(room: Room, rounds: int = 3, repeats: int = 5) -> tuple[float, list[RoundResult]]:
    """The median time for all rounds, and each round's median time and quality."""
    totals: list[float] = []
    per_round: list[list[float]] = [[] for _ in range(rounds)]
    last: list[tuple[Split, float]] = []
    for _ in range(repeats):
        last = split_rounds(room, rounds)
        totals.append(sum(ms for _, ms in last))
        for number, (_, ms) in enumerate(last):
            per_round[number].append(ms)
    history: list[tuple[tuple[int, ...], ...]] = []
    results = []
    for number, (split, _) in enumerate(last):
        this = replace(room, history=tuple(history))
        results.append(
            RoundResult(
                number + 1,
                statistics.median(per_round[number]),
                quality(this, split.groups),
                len(split.broken),
            )
        )
        history.append(split.groups)
    return statistics.median(totals), results


def report(total_ms: float, results: Sequence[RoundResult], floor: float) -> list[str]:
    within = "yes" if total_ms <= TARGET_MS else "NO"
    lines = [
        f"{'figure':<44}{'median ms':>10}{'target ms':>10}{'within':>8}{'vs floor':>10}",
        f"{'breakouts: all rounds':<44}{total_ms:>10.1f}{TARGET_MS:>10.0f}{within:>8}"
        f"{total_ms / floor:>10.2f}",
    ]
    for r in results:
        lines.append(
            f"{f'breakouts: round {r.number}':<44}{r.median_ms:>10.1f}{'':>10}{'':>8}"
            f"{r.median_ms / floor:>10.2f}"
        )
    lines.append(f"{'floor: a million additions':<44}{floor:>10.1f}")
    lines.append("")
    lines.append(f"{'quality':<12}{'size gap':>10}{'role gap':>10}{'repeats':>10}{'broken':>10}")
    for r in results:
        q = r.quality
        lines.append(
            f"{f'round {r.number}':<12}{q.size_gap:>10}{q.role_gap:>10}{q.repeats:>10}"
            f"{r.broken:>10}"
        )
    return lines


def figures(bench: Bench) -> list[Figure]:
    """All three rounds against the target, each round, and the worst quality figures."""
    repeats = 1 if bench.quick else 5
    room = build_room(40, 5, 6) if bench.quick else build_room()
    total, results = measure(room, rounds=3, repeats=repeats)
    floor = python_floor_ms(repeats)
    size = f"{len(room.people)} people, {len(room.groups)} groups"
    timed = [
        Figure(
            f"breakouts: 3 rounds, {size}",
            total,
            TARGET_MS,
            repeats,
            floor=floor,
            floor_name=PYTHON_FLOOR,
        ),
        *(
            Figure(
                f"breakouts: round {r.number}",
                r.median_ms,
                None,
                repeats,
                floor=floor,
                floor_name=PYTHON_FLOOR,
            )
            for r in results
        ),
    ]
    worst = [
        ("breakouts: largest size gap", max(r.quality.size_gap for r in results), 1, "people"),
        ("breakouts: repeat pairs, round 2", results[1].quality.repeats, None, "pairs"),
        ("breakouts: broken rules", max(r.broken for r in results), 0, "rules"),
    ]
    return timed + [
        Figure(name, value, target, repeats, unit=unit) for name, value, target, unit in worst
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--constraints", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    room = build_room(args.people, args.groups, args.constraints)
    print(
        f"Splitting {args.people} people into {args.groups} groups, {args.constraints} "
        f"together/apart constraints, {args.rounds} rounds, median of {args.repeats} runs."
    )
    total, results = measure(room, args.rounds, args.repeats)
    for line in report(total, results, python_floor_ms(args.repeats)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
