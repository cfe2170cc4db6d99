"""Benchmark of mass-campaign detection: a million Vietnamese comments, against datasketch.

Usage (from the repository root):

    .venv/bin/python bench/consultations_campaigns.py                    # 1,000,000 comments
    .venv/bin/python bench/consultations_campaigns.py --comments 100000  # quick run
    .venv/bin/python bench/consultations_campaigns.py --peer-comments 1000000  # peer on all

Options: ``--peer-comments`` (how many comments datasketch gets, default 100,000: at a
million it needs far more time and memory, and is then extrapolated, clearly labelled),
``--seed``, ``--workers`` (threads of our MinHash step), ``--json``.

What it does, in order:

1. generates the comments (``danvan.consultations.campaigns.synthetic``): realistic opinion
   sentences on the articles of a draft; 35% of them are copies of planted campaigns
   (10 to 50,000 copies each), each copy pasted unchanged, typed without diacritics, with
   its sentences reordered, edited (a word changed, added or dropped, a greeting or a
   sentence of one's own, a typo), filled in from a mail-merge template with the sender's
   name, address, phone or ID number, or a combination of these. The texts go to a
   temporary file; the planted truth stays here;
2. runs each detector in a fresh subprocess (so peak memory is per run): the process reads
   the file, then detects; the time is the detection only, the peak is the process's
   maximum resident memory (``VmHWM``, input included) and, separately, its growth over
   the peak after loading the input;
3. ours: ``detect_campaigns`` on everything, then on the peer's subsample;
4. the peer: datasketch ``MinHashLSH`` at the same threshold and number of permutations
   (it chooses the same 25 bands × 5 rows), fed the same folded keys (exact-key
   duplicates merged first, as ours does) and the same features (word bigrams inside
   sentences); each key is inserted, then queried, the candidates are verified with
   datasketch's Jaccard estimate, and union-find makes the groups. Its time starts after
   the shared normalisation (reported with ours);
5. scores every run against the planted truth and prints them side by side.

Precision and recall (``danvan.consultations.campaigns.evaluation``): **pairwise** — of
the pairs of comments put in one group, the share that are copies of one campaign
(precision), and of the pairs of copies of one campaign, the share put in one group
(recall); and **membership** — a comment is flagged when its group has at least ten
comments (the smallest planted campaign): precision and recall of flagged comments against
planted copies. Targets (issue 4): under 60 s and 2 GB at a million comments on 2 cores,
precision and recall ≥ 0.95.
"""

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from danvan.consultations.campaigns.evaluation import score  # noqa: E402
from danvan.consultations.campaigns.synthetic import SMALLEST, generate  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_MB = 2048.0
TARGET_SCORE = 0.95


def _memory_mb(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (peak resident) of this process, from /proc.

    Not ``ru_maxrss``: Linux carries it over ``exec`` from the parent, so a child started by
    a parent that holds the whole corpus would report the parent's peak.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _load(data: Path, limit: int) -> list[str]:
    """The first ``limit`` comments, one JSON string per line (no spike of a second copy)."""
    texts: list[str] = []
    with (data / "texts.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if len(texts) == limit:
                break
            texts.append(json.loads(line))
    return texts


# ------------------------------------------------------------------ children


def _child_ours(data: Path, limit: int, workers: int, out: Path) -> dict[str, Any]:
    from danvan.consultations.campaigns import detect_campaigns

    texts = _load(data, limit)
    loaded = _memory_mb("VmHWM")
    started = time.perf_counter()
    detection = detect_campaigns(texts, workers=workers)
    seconds = time.perf_counter() - started
    np.save(out, detection.labels)
    return {
        "seconds": seconds,
        "steps": detection.timings,
        "groups": len(detection.groups),
        "loaded_mb": loaded,
        "peak_mb": _memory_mb("VmHWM"),
    }


def _child_peer(data: Path, limit: int, out: Path) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    from danvan.consultations.campaigns.minhash import LshParams
    from danvan.consultations.campaigns.text import folded_keys

    params = LshParams()
    texts = _load(data, limit)
    loaded = _memory_mb("VmHWM")
    started = time.perf_counter()
    keys, _ = folded_keys(texts)
    index: dict[bytes, int] = {}
    key_of = np.fromiter((index.setdefault(key, len(index)) for key in keys), np.int64, len(keys))
    distinct = list(index)
    del keys, index
    shared = time.perf_counter() - started

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=params.threshold, num_perm=params.num_perm)
    signatures = np.zeros((len(distinct), params.num_perm), dtype=np.uint64)
    minhashes: dict[int, MinHash] = {}
    for row, key in enumerate(distinct):
        grams: list[bytes] = []
        for sentence in key.split(b" | "):
            words = sentence.split()
            grams.extend(a + b" " + b for a, b in itertools.pairwise(words))
        if len(grams) < params.min_shingles:
            continue  # as ours: short texts are matched exactly only
        minhash = MinHash(num_perm=params.num_perm)
        minhash.update_batch(grams)
        lsh.insert(row, minhash, check_duplication=False)
        signatures[row] = minhash.hashvalues
        minhashes[row] = minhash
    inserted = time.perf_counter() - started
    left: list[int] = []
    right: list[int] = []
    for row, minhash in minhashes.items():
        for other in lsh.query(minhash):
            if other > row:
                left.append(row)
                right.append(other)
    queried = time.perf_counter() - started - inserted
    pairs_left, pairs_right = np.array(left, np.int64), np.array(right, np.int64)
    similar = np.zeros(pairs_left.size, dtype=bool)
    for first in range(0, pairs_left.size, 200_000):
        a = signatures[pairs_left[first : first + 200_000]]
        b = signatures[pairs_right[first : first + 200_000]]
        similar[first : first + 200_000] = (a == b).mean(axis=1) >= params.threshold
    graph = coo_array(
        (np.ones(int(similar.sum()), np.int8), (pairs_left[similar], pairs_right[similar])),
        shape=(len(distinct), len(distinct)),
    )
    _, component = connected_components(graph, directed=False)
    labels = component[key_of]
    sizes = np.bincount(labels)
    labels = np.where(sizes[labels] >= 2, labels, -1)
    seconds = time.perf_counter() - started
    np.save(out, labels)
    return {
        "seconds": seconds,
        "steps": {
            "shared normalise (ours)": shared,
            "minhash + insert": inserted,
            "query": queried,
            "verify + union-find": seconds - inserted - queried,
        },
        "groups": int((np.bincount(labels[labels >= 0]) > 0).sum()) if (labels >= 0).any() else 0,
        "candidate_pairs": int(pairs_left.size),
        "loaded_mb": loaded,
        "peak_mb": _memory_mb("VmHWM"),
    }


def _child(argv: list[str]) -> None:
    kind, data, limit, workers, out = argv
    if kind == "ours":
        result = _child_ours(Path(data), int(limit), int(workers), Path(out))
    else:
        result = _child_peer(Path(data), int(limit), Path(out))
    print(json.dumps(result))


# ------------------------------------------------------------------ parent


def _run(kind: str, data: Path, limit: int, workers: int) -> tuple[dict[str, Any], np.ndarray]:
    out = data / f"labels-{kind}-{limit}.npy"
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(data), str(limit), str(workers), str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"the {kind} run failed ({completed.returncode})")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result, np.load(out)


def _scored(result: dict[str, Any], labels: np.ndarray, truth: np.ndarray) -> dict[str, Any]:
    scores = score(labels, truth, min_size=SMALLEST)
    return {
        **result,
        "comments": int(truth.size),
        "pair_precision": scores.pair_precision,
        "pair_recall": scores.pair_recall,
        "member_precision": scores.member_precision,
        "member_recall": scores.member_recall,
    }


def _load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # pragma: no cover
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--peer-comments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    peer_comments = min(args.peer_comments, args.comments)

    started = time.perf_counter()
    corpus = generate(args.comments, seed=args.seed)
    generated = time.perf_counter() - started
    truth = corpus.campaign
    planted = int(truth.max()) + 1
    with tempfile.TemporaryDirectory(prefix="bench-campaigns-") as folder:
        data = Path(folder)
        with (data / "texts.jsonl").open("w", encoding="utf-8") as out:
            for text in corpus.texts:
                out.write(json.dumps(text, ensure_ascii=False) + "\n")
        del corpus
        load_before = _load_average()
        runs: dict[str, dict[str, Any]] = {}
        result, labels = _run("ours", data, args.comments, args.workers)
        runs["ours"] = _scored(result, labels, truth)
        if peer_comments < args.comments:
            result, labels = _run("ours", data, peer_comments, args.workers)
            runs["ours (peer's sample)"] = _scored(result, labels, truth[:peer_comments])
        result, labels = _run("datasketch", data, peer_comments, args.workers)
        runs["datasketch"] = _scored(result, labels, truth[:peer_comments])
        load_after = _load_average()

    report = {
        "comments": args.comments,
        "planted_campaigns": planted,
        "campaign_copies": int((truth >= 0).sum()),
        "generated_in_s": round(generated, 1),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "load_average": {"before": load_before, "after": load_after},
        "runs": runs,
    }
    if args.json:
        print(json.dumps(report, indent=2, default=float))
        return
    _print(report, args.comments, peer_comments)


def _print(report: dict[str, Any], comments: int, peer_comments: int) -> None:
    print(
        f"Campaign detection: {comments:,} synthetic comments, {report['planted_campaigns']} "
        f"planted campaigns ({report['campaign_copies']:,} copies); generated in "
        f"{report['generated_in_s']} s"
    )
    print(
        f"Machine: {report['machine']}; load average before {report['load_average']['before']},"
        f" after {report['load_average']['after']}"
    )
    print()
    header = (
        f"{'run':<22} {'comments':>10} {'time s':>8} {'peak MB':>8} {'+input MB':>9} "
        f"{'pair P':>7} {'pair R':>7} {'memb P':>7} {'memb R':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, run in report["runs"].items():
        print(
            f"{name:<22} {run['comments']:>10,} {run['seconds']:>8.1f} {run['peak_mb']:>8.0f} "
            f"{run['peak_mb'] - run['loaded_mb']:>9.0f} {run['pair_precision']:>7.4f} "
            f"{run['pair_recall']:>7.4f} {run['member_precision']:>7.4f} "
            f"{run['member_recall']:>7.4f}"
        )
    peer = report["runs"]["datasketch"]
    if peer_comments < comments:
        factor = comments / peer_comments
        print(
            f"{'datasketch, estimated':<22} {comments:>10,} {peer['seconds'] * factor:>8.0f}"
            f"   (extrapolated linearly from {peer_comments:,} comments: not measured)"
        )
    print()
    print("Steps (s):")
    for name, run in report["runs"].items():
        steps = ", ".join(f"{step} {seconds:.1f}" for step, seconds in run["steps"].items())
        print(f"  {name}: {steps}")
    ours = report["runs"]["ours"]
    print()
    print(
        "Pairwise: of the pairs of comments put in one group, the share that are copies of one"
        " planted campaign (P), and of the pairs of copies of one campaign, the share put in"
        " one group (R)."
    )
    print(
        f"Membership: a comment is flagged when its group holds at least {SMALLEST} comments;"
        " P and R of flagged comments against planted copies."
    )
    print(
        "'peak MB' is the detecting process's maximum resident memory, the comments it read"
        " included; '+input MB' its growth over the loaded comments."
    )
    print()
    worst = min(
        ours["pair_precision"], ours["pair_recall"], ours["member_precision"], ours["member_recall"]
    )
    checks = [
        (f"time under {TARGET_SECONDS:.0f} s", ours["seconds"] < TARGET_SECONDS),
        (f"peak under {TARGET_MB:.0f} MB", ours["peak_mb"] < TARGET_MB),
        (f"precision and recall ≥ {TARGET_SCORE}", worst >= TARGET_SCORE),
    ]
    for label, passed in checks:
        print(f"Target {label}: {'met' if passed else 'NOT met'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
    else:
        main()
