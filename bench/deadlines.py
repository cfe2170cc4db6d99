"""Benchmark of the deadline engine: due dates per second, against a naive day-by-day loop.

Usage (from the repository root, no database or Django settings needed):

    .venv/bin/python bench/deadlines.py            # table
    .venv/bin/python bench/deadlines.py --json     # machine-readable

It draws 1,000,000 (rule, anchor date) pairs over 2020–2030 from every rule version the
code ships, computes their due dates with the pure engine (``danvan.deadlines.engine``)
several times and reports the median rate. On a subsample it runs, in the same process,
the obvious peer: a day-by-day loop over the ``holidays`` package (``d += 1 day`` while
``d.weekday() >= 5 or d in vn_holidays``; it also honours the package's swapped working
Saturdays so that both compute the same thing), checks that both give the same dates and
prints the speed ratio.
"""

import argparse
import datetime as dt
import importlib.metadata
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import holidays

from danvan.deadlines.engine import (
    KNOWN_OVERRIDES,
    RULES,
    Rule,
    TimeUnit,
    WorkingCalendar,
    due_date,
)

FIRST = dt.date(2020, 1, 1)
LAST = dt.date(2030, 12, 31)
ONE_DAY = dt.timedelta(days=1)

Pair = tuple[Rule, dt.date]


def make_pairs(n: int, seed: int) -> list[Pair]:
    """``n`` random (rule, anchor date) pairs, reproducible from ``seed``."""
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    rules = list(RULES)
    return [
        (rng.choice(rules), FIRST + dt.timedelta(days=rng.randrange(span + 1))) for _ in range(n)
    ]


def naive_peer() -> Callable[[Rule, dt.date], dt.date]:
    """The straightforward loop over the holidays package (built once, as a peer would)."""
    vn_holidays = holidays.country_holidays("VN", years=range(FIRST.year - 1, LAST.year + 3))
    worked_weekends = set(vn_holidays.weekend_workdays)

    def is_working(day: dt.date) -> bool:
        return day in worked_weekends or (day.weekday() < 5 and day not in vn_holidays)

    def due(rule: Rule, start: dt.date) -> dt.date:
        if rule.unit is TimeUnit.WORKING_DAY:
            day, left = start, rule.count
            while left:
                day += ONE_DAY
                if is_working(day):
                    left -= 1
            return day
        day = start + dt.timedelta(days=rule.count)
        while not is_working(day):
            day += ONE_DAY
        return day

    return due


def time_engine(calendar: WorkingCalendar, pairs: Sequence[Pair]) -> float:
    """Seconds to compute every due date once."""
    begin = time.perf_counter()
    for rule, start in pairs:
        due_date(rule, start, calendar)
    return time.perf_counter() - begin


def time_function(function: Callable[[Rule, dt.date], dt.date], pairs: Sequence[Pair]) -> float:
    begin = time.perf_counter()
    for rule, start in pairs:
        function(rule, start)
    return time.perf_counter() - begin


def run(pairs_count: int, runs: int, sample: int, seed: int) -> dict[str, Any]:
    begin = time.perf_counter()
    build_start = time.perf_counter()
    calendar = WorkingCalendar(overrides=KNOWN_OVERRIDES, years=(FIRST.year, LAST.year + 1))
    build_seconds = time.perf_counter() - build_start
    pairs = make_pairs(pairs_count, seed)
    time_engine(calendar, pairs[:10_000])  # warm-up
    engine_times = [time_engine(calendar, pairs) for _ in range(runs)]
    engine_rate = pairs_count / statistics.median(engine_times)

    # Same subsample for both: the engine on the package alone (no overrides) must agree
    # exactly with the day-by-day loop, which knows nothing else.
    subsample = pairs[:sample]
    package_calendar = WorkingCalendar(years=(FIRST.year, LAST.year + 1))
    peer = naive_peer()
    mismatches = sum(
        1
        for rule, start in subsample
        if due_date(rule, start, package_calendar) != peer(rule, start)
    )
    # Engine and peer are timed alternately, so that both see the same machine load; the
    # engine runs over enough repetitions of the small sample to rise above timer noise.
    repeated = subsample * max(1, 200_000 // max(1, sample))
    engine_sample_times: list[float] = []
    peer_times: list[float] = []
    for _ in range(runs):
        engine_sample_times.append(time_engine(package_calendar, repeated) * sample / len(repeated))
        peer_times.append(time_function(peer, subsample))
    peer_rate = sample / statistics.median(peer_times)
    engine_sample_rate = sample / statistics.median(engine_sample_times)
    # Per unit: the naive loop walks every day of a working-day period, but only checks
    # the last day (and any days off after it) of a calendar-day period.
    per_unit = {}
    for unit in TimeUnit:
        part = [p for p in subsample if p[0].unit is unit]
        if not part:
            continue
        part_repeated = part * max(1, 200_000 // len(part))
        engine_runs: list[float] = []
        peer_runs: list[float] = []
        for _ in range(runs):
            engine_runs.append(
                time_engine(package_calendar, part_repeated) * len(part) / len(part_repeated)
            )
            peer_runs.append(time_function(peer, part))
        engine_part = statistics.median(engine_runs)
        peer_part = statistics.median(peer_runs)
        per_unit[unit.value] = {
            "pairs": len(part),
            "engine_due_dates_per_second": round(len(part) / engine_part),
            "naive_due_dates_per_second": round(len(part) / peer_part),
            "speedup": round(peer_part / engine_part, 1),
        }
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "holidays_version": importlib.metadata.version("holidays"),
        "pairs": pairs_count,
        "rule_versions": len(RULES),
        "date_range": [FIRST.isoformat(), LAST.isoformat()],
        "runs": runs,
        "calendar_build_seconds": round(build_seconds, 4),
        "engine_due_dates_per_second": round(engine_rate),
        "engine_run_seconds": [round(t, 3) for t in engine_times],
        "subsample": sample,
        "engine_subsample_due_dates_per_second": round(engine_sample_rate),
        "naive_due_dates_per_second": round(peer_rate),
        "speedup_vs_naive": round(engine_sample_rate / peer_rate, 1),
        "subsample_mismatches": mismatches,
        "by_unit": per_unit,
        "total_seconds": round(time.perf_counter() - begin, 1),
    }


def print_table(result: dict[str, Any]) -> None:
    per_call = 1e6 / result["engine_due_dates_per_second"]
    print("danvan deadline engine benchmark")
    print(
        f"Python {result['python']} ({result['machine']}), holidays {result['holidays_version']}; "
        f"{result['pairs']:,} (rule, date) pairs over {result['date_range'][0]}…"
        f"{result['date_range'][1]}, {result['rule_versions']} rule versions"
    )
    print()
    rows = [
        ("what", "due dates/s", "µs/due date", "note"),
        (
            f"engine, {result['pairs']:,} pairs",
            f"{result['engine_due_dates_per_second']:,}",
            f"{per_call:.2f}",
            f"median of {result['runs']} runs",
        ),
        (
            f"engine, {result['subsample']:,}-pair subsample",
            f"{result['engine_subsample_due_dates_per_second']:,}",
            f"{1e6 / result['engine_subsample_due_dates_per_second']:.2f}",
            "package calendar, same pairs as below",
        ),
        (
            f"naive day-by-day loop, {result['subsample']:,}",
            f"{result['naive_due_dates_per_second']:,}",
            f"{1e6 / result['naive_due_dates_per_second']:.2f}",
            "holidays package, `d in vn_holidays`",
        ),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                cell.rjust(width) if 0 < i < 3 else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )
        if n == 0:
            print("  ".join("-" * width for width in widths))
    print()
    print(f"speed-up over the naive loop: {result['speedup_vs_naive']}×", end="")
    parts = [
        f"{unit.replace('_', '-')} rules {data['speedup']}× ({data['pairs']:,} pairs)"
        for unit, data in result["by_unit"].items()
    ]
    print(f"  [{'; '.join(parts)}]")
    agree = result["subsample"] - result["subsample_mismatches"]
    print(f"same due date as the naive loop: {agree:,}/{result['subsample']:,}")
    print(
        f"calendar build (first, with the package's lazy loading): "
        f"{result['calendar_build_seconds'] * 1000:.0f} ms; "
        f"total run: {result['total_seconds']} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=1_000_000, help="pairs for the engine")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (median reported)")
    parser.add_argument("--naive-sample", type=int, default=20_000, help="pairs for the peer")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    sample = min(args.naive_sample, args.pairs)
    result = run(args.pairs, max(1, args.runs), sample, args.seed)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 1 if result["subsample_mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
