"""Benchmark of the opinion map (issue 4, item 4): agreement with Polis, speed and memory.

Usage (from the repository root; no database or Django settings needed):

    .venv/bin/python bench/consultations_opinion.py                 # everything
    .venv/bin/python bench/consultations_opinion.py --skip-scale    # the agreement table only
    .venv/bin/python bench/consultations_opinion.py --json          # machine-readable

Part 1 runs our engine (``danvan.consultations.opinion``) and red-dwarf's Polis pipeline
(``reddwarf.implementations.polis.run_pipeline``, the benchmark peer, a dev dependency) on the
four Polis conversations of ``../shared/data/polis`` (The Computational Democracy Project,
CC BY 4.0) with the same votes (each voter's latest vote per comment) and the same
moderation, and prints the adjusted Rand index of each against Polis's own ``group-id``
(over the participants both grouped), side by side.

Part 2 times both on synthetic consultations with planted opinion groups: every participant
votes on 20–60 statements (agree / disagree / pass drawn from their group's leaning on that
statement). Each run is a separate process, started after the votes are written to disk as
three numpy arrays, so that its peak resident memory (``getrusage``) is its own: the input
arrays, the computation and the interpreter. Our time runs from the vote arrays to the
finished map (matrix build included); red-dwarf's is its ``run_pipeline`` call on the list of
vote dicts its API takes (building that list is not counted, its memory is). Red-dwarf keeps
a dense participants × statements float matrix (and copies of it): it is run at 100k × 2k
only when the machine has the memory free for it, at a smaller size otherwise, and never at
1M × 5,000, where the dense matrix alone would be 40 GB. Both are limited to 2 threads.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from danvan.consultations.opinion import (  # noqa: E402
    build_vote_matrix,
    compute_opinion_map,
    load_polis_export,
    load_polis_groups,
)

POLIS_DATA = ROOT.parent / "shared" / "data" / "polis"
THREADS = {
    "OMP_NUM_THREADS": "2",
    "OPENBLAS_NUM_THREADS": "2",
    "MKL_NUM_THREADS": "2",
    "PYTHONHASHSEED": "0",
}
# Red-dwarf at 100k × 2k took 390 s and 10.6 GB (issue 4); leave room for the rest.
RED_DWARF_BIG = (100_000, 2_000)
RED_DWARF_BIG_NEEDS_GB = 14.0
RED_DWARF_FALLBACK = (20_000, 2_000)
RED_DWARF_TIMEOUT_S = 1800
OUR_SIZES = ((100_000, 2_000), (1_000_000, 5_000))


# ---------------------------------------------------------------- part 1: agreement with Polis


def red_dwarf_groups(export: Any) -> tuple[dict[int, int], float]:
    """Red-dwarf's groups for the same votes and moderation, and its run time."""
    from reddwarf.implementations.polis import run_pipeline  # type: ignore[import-untyped]

    coo = export.matrix.votes.tocoo()
    pids, tids = export.matrix.participant_ids, export.matrix.statement_ids
    votes = [
        {"participant_id": int(pids[r]), "statement_id": int(tids[c]), "vote": int(v)}
        for r, c, v in zip(coo.row, coo.col, coo.data, strict=True)
    ]
    started = time.perf_counter()
    result = run_pipeline(
        votes=votes, mod_out_statement_ids=sorted(export.moderated_out), random_state=0
    )
    elapsed = time.perf_counter() - started
    labels = result.participants_df["cluster_id"].dropna()
    return {int(p): int(g) for p, g in labels.items()}, elapsed


def ari_on_common(truth: dict[int, int], groups: dict[int, int]) -> tuple[float, int]:
    common = sorted(set(truth) & set(groups))
    score = adjusted_rand_score([truth[p] for p in common], [groups[p] for p in common])
    return float(score), len(common)


def agreement_table() -> list[dict[str, Any]]:
    import warnings

    rows = []
    for directory in sorted(p for p in POLIS_DATA.iterdir() if p.is_dir()):
        export = load_polis_export(directory)
        truth = load_polis_groups(directory)
        started = time.perf_counter()
        ours = compute_opinion_map(export.matrix, moderated_out=export.moderated_out)
        ours_s = time.perf_counter() - started
        ours_groups = {int(p): g for p, g in ours.group_of().items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs_groups, theirs_s = red_dwarf_groups(export)
        ours_ari, ours_n = ari_on_common(truth, ours_groups)
        theirs_ari, theirs_n = ari_on_common(truth, theirs_groups)
        rows.append(
            {
                "conversation": directory.name,
                "participants": export.matrix.n_participants,
                "polis_grouped": len(truth),
                "polis_k": len(set(truth.values())),
                "ours_k": ours.k,
                "ours_ari": ours_ari,
                "ours_common": ours_n,
                "ours_s": ours_s,
                "red_dwarf_k": len(set(theirs_groups.values())),
                "red_dwarf_ari": theirs_ari,
                "red_dwarf_common": theirs_n,
                "red_dwarf_s": theirs_s,
            }
        )
    return rows


# ---------------------------------------------------------------- part 2: scale


def synthetic_votes(
    n: int,
    m: int,
    *,
    groups: tuple[float, ...] = (0.5, 0.3, 0.2),
    min_votes: int = 20,
    max_votes: int = 60,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Votes of ``n`` participants on ``m`` statements with planted opinion groups.

    Each group leans agree (75 % agree, 15 % disagree, 10 % pass), disagree (the reverse)
    or divided (45 / 45 / 10) on each statement at random. A participant votes on 20–60
    distinct statements (``start + t × step mod m`` with ``step`` coprime to ``m``). Rows
    come grouped by participant, as an export ordered by participant is.
    """
    rng = np.random.default_rng(seed)
    weights = np.asarray(groups) / sum(groups)
    planted = rng.choice(len(groups), size=n, p=weights).astype(np.int8)
    counts = rng.integers(min_votes, max_votes + 1, size=n, dtype=np.int32)
    total = int(counts.sum())
    participants = np.repeat(np.arange(n, dtype=np.int32), counts)
    steps = np.array([s for s in range(1, m) if math.gcd(s, m) == 1], dtype=np.int64)
    firsts = np.cumsum(counts, dtype=np.int64) - counts
    offsets = np.arange(total, dtype=np.int64) - np.repeat(firsts, counts)
    offsets *= np.repeat(steps[rng.integers(0, steps.size, size=n)], counts)
    offsets += np.repeat(rng.integers(0, m, size=n), counts)
    statements = (offsets % m).astype(np.int32)
    del offsets
    leaning = rng.integers(0, 3, size=(len(groups), m))
    agree = np.choose(leaning, [0.75, 0.15, 0.45]).astype(np.float32).ravel()
    disagree = np.choose(leaning, [0.15, 0.75, 0.45]).astype(np.float32).ravel()
    cell = np.repeat(planted.astype(np.int32), counts) * m + statements
    draw = rng.random(total, dtype=np.float32)
    p_agree = agree[cell]
    votes = np.where(draw < p_agree, 1, np.where(draw < p_agree + disagree[cell], -1, 0))
    return participants, statements, votes.astype(np.int8), planted


def child_ours(directory: Path) -> dict[str, Any]:
    participants = np.load(directory / "participants.npy")
    statements = np.load(directory / "statements.npy")
    votes = np.load(directory / "votes.npy")
    planted = np.load(directory / "planted.npy")
    started = time.perf_counter()
    matrix = build_vote_matrix(participants=participants, statements=statements, votes=votes)
    built = time.perf_counter()
    result = compute_opinion_map(matrix)
    finished = time.perf_counter()
    grouped = result.groups >= 0
    return {
        "seconds": finished - started,
        "matrix_seconds": built - started,
        "map_seconds": finished - built,
        "k": result.k,
        "clustered": result.n_clustered,
        "ari_planted": float(adjusted_rand_score(planted[grouped], result.groups[grouped])),
    }


def child_red_dwarf(directory: Path) -> dict[str, Any]:
    import warnings

    from reddwarf.implementations.polis import run_pipeline

    participants = np.load(directory / "participants.npy")
    statements = np.load(directory / "statements.npy")
    votes_array = np.load(directory / "votes.npy")
    planted = np.load(directory / "planted.npy")
    votes = [
        {"participant_id": int(p), "statement_id": int(s), "vote": int(v)}
        for p, s, v in zip(
            participants.tolist(), statements.tolist(), votes_array.tolist(), strict=True
        )
    ]
    del participants, statements, votes_array
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_pipeline(votes=votes, random_state=0)
    finished = time.perf_counter()
    labels = result.participants_df["cluster_id"].dropna()
    ids = labels.index.to_numpy(dtype=np.int64)
    return {
        "seconds": finished - started,
        "k": int(labels.nunique()),
        "clustered": int(labels.size),
        "ari_planted": float(adjusted_rand_score(planted[ids], labels.to_numpy(dtype=np.int64))),
    }


def run_child(engine: str, directory: Path, timeout: int) -> dict[str, Any]:
    env = {**os.environ, **THREADS}
    command = [sys.executable, __file__, "--child", engine, str(directory)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout} s"}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        return {"error": f"exit {done.returncode}: {tail[0][:200]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def memory_available_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0  # pragma: no cover - Linux only


def repeated(engine: str, directory: Path, repeat: int) -> dict[str, Any]:
    """Median time of ``repeat`` runs (the machine is shared), their largest peak memory."""
    reports = [run_child(engine, directory, timeout=600) for _ in range(repeat)]
    failed = [r for r in reports if "error" in r]
    if failed:
        return failed[0]
    reports.sort(key=lambda r: r["seconds"])
    median = dict(reports[len(reports) // 2])
    median["peak_rss_mb"] = max(r["peak_rss_mb"] for r in reports)
    median["runs"] = [round(r["seconds"], 2) for r in reports]
    return median


def scale_runs(red_dwarf: bool, repeat: int) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    free_gb = memory_available_gb()
    red_size = RED_DWARF_BIG if free_gb >= RED_DWARF_BIG_NEEDS_GB else RED_DWARF_FALLBACK
    sizes = sorted({*OUR_SIZES, red_size}) if red_dwarf else list(OUR_SIZES)
    for n, m in sizes:
        with tempfile.TemporaryDirectory(prefix="opinion-bench-") as tmp:
            directory = Path(tmp)
            participants, statements, votes, planted = synthetic_votes(n, m)
            for name, array in (
                ("participants", participants),
                ("statements", statements),
                ("votes", votes),
                ("planted", planted),
            ):
                np.save(directory / f"{name}.npy", array)
            n_votes = int(votes.size)
            del participants, statements, votes, planted
            if (n, m) in OUR_SIZES:
                runs.append(
                    {"engine": "ours", "n": n, "m": m, "votes": n_votes}
                    | repeated("ours", directory, repeat=repeat)
                )
            if red_dwarf and (n, m) == red_size:
                note = (
                    ""
                    if red_size == RED_DWARF_BIG
                    else f"only {free_gb:.1f} GB free: run at {n:,} × {m:,} instead of 100k × 2k"
                )
                runs.append(
                    {"engine": "red-dwarf", "n": n, "m": m, "votes": n_votes, "note": note}
                    | run_child("red-dwarf", directory, timeout=RED_DWARF_TIMEOUT_S)
                )
    if red_dwarf:
        biggest = max((r for r in runs if r["engine"] == "ours"), key=lambda r: r["n"])
        runs.append(
            {
                "engine": "red-dwarf",
                "n": biggest["n"],
                "m": biggest["m"],
                "votes": biggest["votes"],
                "error": "not run: its dense 1M × 5,000 float64 matrix alone is 40 GB",
            }
        )
    return runs


# ---------------------------------------------------------------- output


def print_report(table: list[dict[str, Any]], runs: list[dict[str, Any]]) -> None:
    print(f"Opinion map benchmark · Python {platform.python_version()} · {os.cpu_count()} CPUs")
    if table:
        print("\n1. Agreement with Polis's own groups (adjusted Rand index, higher is better)")
        print(
            f"{'conversation':40} {'ptpts':>6} {'Polis k':>7} │ {'ours k':>6} {'ARI':>7} "
            f"{'n':>5} {'s':>5} │ {'r-d k':>5} {'ARI':>7} {'n':>5} {'s':>5} │ ours ≥ r-d"
        )
        for r in table:
            verdict = "yes" if r["ours_ari"] >= r["red_dwarf_ari"] else "NO"
            print(
                f"{r['conversation']:40} {r['participants']:>6} {r['polis_k']:>7} │ "
                f"{r['ours_k']:>6} {r['ours_ari']:>7.4f} {r['ours_common']:>5} "
                f"{r['ours_s']:>5.2f} │ {r['red_dwarf_k']:>5} {r['red_dwarf_ari']:>7.4f} "
                f"{r['red_dwarf_common']:>5} {r['red_dwarf_s']:>5.2f} │ {verdict}"
            )
        print("   n: participants grouped by both Polis and the engine (the ARI is over them).")
    if runs:
        print(
            "\n2. Synthetic consultations (planted groups, 20–60 votes each), one process per run"
        )
        print(
            f"{'engine':10} {'participants':>12} {'statements':>10} {'votes':>12} │ "
            f"{'seconds':>8} {'peak RSS':>9} {'k':>2} {'ARI planted':>11}"
        )
        for r in runs:
            head = f"{r['engine']:10} {r['n']:>12,} {r['m']:>10,} {r.get('votes', 0):>12,} │ "
            if "error" in r:
                print(head + r["error"])
                continue
            print(
                head + f"{r['seconds']:>8.1f} {r['peak_rss_mb'] / 1024:>7.2f} GB {r['k']:>2} "
                f"{r['ari_planted']:>11.4f}"
                + (
                    f"  (matrix {r['matrix_seconds']:.1f} s + map {r['map_seconds']:.1f} s;"
                    f" runs {r['runs']})"
                    if "matrix_seconds" in r
                    else ""
                )
            )
            if r.get("note"):
                print(f"{'':10} note: {r['note']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-scale", action="store_true", help="Only the agreement table.")
    parser.add_argument("--skip-agreement", action="store_true", help="Only the scale runs.")
    parser.add_argument(
        "--skip-red-dwarf-scale", action="store_true", help="Time only our engine at scale."
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="Runs of our engine per size (median shown)."
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        engine, directory = args.child
        runner = child_ours if engine == "ours" else child_red_dwarf
        report = runner(Path(directory))
        report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(report))
        return
    table = [] if args.skip_agreement else agreement_table()
    runs = (
        []
        if args.skip_scale
        else scale_runs(red_dwarf=not args.skip_red_dwarf_scale, repeat=args.repeat)
    )
    if args.json:
        print(json.dumps({"agreement": table, "scale": runs}, indent=2))
    else:
        print_report(table, runs)


if __name__ == "__main__":
    main()
