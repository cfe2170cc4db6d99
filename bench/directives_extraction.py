"""Benchmark of reference extraction (issue 5, item 2): quality and speed, against a peer.

Usage (from the repository root; no database or Django settings needed):

    .venv/bin/python bench/directives_extraction.py            # tables
    .venv/bin/python bench/directives_extraction.py --json     # machine-readable
    .venv/bin/python bench/directives_extraction.py --pages 200 --runs 3   # quicker

Quality: precision and recall on the annotated corpus (danvan/directives/tests/refs/corpus:
Vietnamese and English texts written for this purpose, each distinct cited document
annotated once), on symbols (folded key) and on dates (a date counts when the
(symbol, date) pair matches), per language and overall, for the engine
(``danvan.directives.refs.extract``) and, in the same run, for the peer: the single
extraction regex quoted in DOMAIN.md §7.3. The texts marked ``"split": "heldout"`` were
annotated after the engine was written and are also reported apart.

Speed: a ~1,000-page corpus (3,000 characters a page) is generated from the annotated
texts with a fixed seed, perturbed (diacritics dropped, Ð for Đ, en dashes, spaces around
"/" and "-", paragraphs shuffled); both extractors run over every page, ``--runs`` times;
the median is reported with the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from danvan.directives.refs import extract
from danvan.directives.refs.evaluate import (
    CORPUS_DIR,
    Report,
    Score,
    Text,
    engine,
    evaluate,
    load_corpus,
    peer,
)

PAGE_CHARS = 3000
SEED = 20260505
_SYMBOL_SEPARATORS = re.compile(r"(?<=\d)/(?=[A-ZĐ])|(?<=[A-ZĐ])-(?=[A-ZĐ])")


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _perturb(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    rng.shuffle(paragraphs)
    out = "\n\n".join(paragraphs)
    roll = rng.random()
    if roll < 0.25:
        out = _strip_diacritics(out)
    elif roll < 0.45:
        out = out.replace("Đ", "Ð")
    if rng.random() < 0.3:
        out = _SYMBOL_SEPARATORS.sub(lambda m: f" {m.group()} ".replace("-", "–"), out)
    return out


def make_pages(texts: list[Text], pages: int, seed: int = SEED) -> list[str]:
    """``pages`` pages of about PAGE_CHARS characters, cut at a space, deterministic."""
    rng = random.Random(seed)
    out: list[str] = []
    buffer = ""
    while len(out) < pages:
        buffer += _perturb(rng.choice(texts).text, rng) + "\n\n"
        while len(buffer) >= PAGE_CHARS and len(out) < pages:
            cut = buffer.rfind(" ", 0, PAGE_CHARS)
            cut = cut if cut > PAGE_CHARS // 2 else PAGE_CHARS
            out.append(buffer[:cut])
            buffer = buffer[cut:]
    return out


def time_runs(function: Callable[[str], Any], pages: list[str], runs: int) -> list[float]:
    """Seconds to run ``function`` over every page, once per run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for page in pages:
            function(page)
        times.append(time.perf_counter() - start)
    return times


def _pr(score: Score) -> dict[str, float | None]:
    # Precision is undefined (None, printed "-") when nothing was predicted.
    return {
        "precision": score.precision if score.predicted else None,
        "recall": score.recall if score.expected else None,
    }


def _quality(report: Report) -> dict[str, Any]:
    return {
        "texts": report.texts,
        "references": report.symbols.expected,
        "dated_references": report.dates.expected,
        "symbols": _pr(report.symbols),
        "dates": _pr(report.dates),
        "relations": _pr(report.relations),
        "type_accuracy": report.types_right / report.types_checked
        if report.types_checked
        else None,
        "texts_with_expected_warning_count": report.warnings_right,
    }


def run(pages: int, runs: int) -> dict[str, Any]:
    """Measure everything; return the figures."""
    texts = load_corpus(CORPUS_DIR)
    splits = {
        t.name: json.loads((CORPUS_DIR / f"{t.name}.json").read_text("utf-8")).get("split", "dev")
        for t in texts
    }
    quality: dict[str, Any] = {}
    for label, subset in (
        ("all texts", texts),
        ("held-out texts", [t for t in texts if splits[t.name] == "heldout"]),
    ):
        quality[label] = {
            name: {lang: _quality(r) for lang, r in evaluate(subset, extractor).items()}
            for name, extractor in (("engine", engine), ("peer", peer))
        }
    corpus = make_pages(texts, pages)
    characters = sum(map(len, corpus))
    extract(corpus[0])  # warm the regex cache for both, outside the timing
    peer(corpus[0])
    engine_times = time_runs(extract, corpus, runs)
    peer_times = time_runs(peer, corpus, runs)
    engine_median = statistics.median(engine_times)
    peer_median = statistics.median(peer_times)
    return {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "note": "shared development machine (other processes running); timings are indicative",
        },
        "quality": quality,
        "speed": {
            "pages": len(corpus),
            "characters": characters,
            "runs": runs,
            "engine_seconds": engine_times,
            "peer_seconds": peer_times,
            "engine_median_s": engine_median,
            "peer_median_s": peer_median,
            "engine_s_per_100_pages": engine_median * 100 / len(corpus),
            "peer_s_per_100_pages": peer_median * 100 / len(corpus),
            "engine_over_peer": engine_median / peer_median if peer_median else None,
        },
    }


def _print(figures: dict[str, Any]) -> None:
    machine = figures["machine"]
    print(f"Python {machine['python']} on {machine['platform']}, {machine['cpus']} CPUs")
    print(f"({machine['note']})\n")
    for label, by_extractor in figures["quality"].items():
        print(f"Quality on {label} (P = precision, R = recall)")
        header = f"{'':8} {'lang':4} {'texts':>5} {'refs':>5} {'sym P':>6} {'sym R':>6} "
        header += f"{'dates':>5} {'date P':>6} {'date R':>6} {'rel P':>6} {'rel R':>6} {'type':>6}"
        print(header)
        for name, by_lang in by_extractor.items():
            for lang in ("vi", "en", "all"):
                q = by_lang.get(lang)
                if q is None:
                    continue
                cells = [
                    q["symbols"]["precision"],
                    q["symbols"]["recall"],
                    q["dates"]["precision"],
                    q["dates"]["recall"],
                    q["relations"]["precision"],
                    q["relations"]["recall"],
                    q["type_accuracy"],
                ]
                f = [f"{x:6.3f}" if x is not None else "     -" for x in cells]
                print(
                    f"{name:8} {lang:4} {q['texts']:5d} {q['references']:5d} {f[0]} {f[1]} "
                    f"{q['dated_references']:5d} {f[2]} {f[3]} {f[4]} {f[5]} {f[6]}"
                )
        print()
    s = figures["speed"]
    print(f"Speed: {s['pages']} pages, {s['characters']:,} characters, median of {s['runs']} runs")
    print(
        f"  engine: {s['engine_median_s']:.3f} s  ({s['engine_s_per_100_pages']:.3f} s per 100 "
        f"pages; runs {', '.join(f'{x:.3f}' for x in s['engine_seconds'])})"
    )
    print(
        f"  peer:   {s['peer_median_s']:.3f} s  ({s['peer_s_per_100_pages']:.3f} s per 100 "
        f"pages; runs {', '.join(f'{x:.3f}' for x in s['peer_seconds'])})"
    )
    print(f"  engine / peer time: {s['engine_over_peer']:.1f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    figures = run(args.pages, args.runs)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        _print(figures)


if __name__ == "__main__":
    main()
