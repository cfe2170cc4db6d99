"""Scoring of an extractor against the annotated corpus (used by the bench and the tests).

The corpus lives in ``danvan/directives/tests/refs/corpus``: ``<lang>NN_name.txt`` and its
annotation ``<lang>NN_name.json`` ``{"documents": [{"symbol", "type", "issuer", "date"}],
"relations": [{"from", "to", "kind"}], "warnings_expected": n}``. Each distinct document
cited by a text is annotated once. A symbol counts when its folded key matches; a date
counts when the (symbol, date) pair matches.

The peer is the single extraction regex quoted in DOMAIN.md §7.3, applied to the text as
given; its symbols are folded the plain way (Đ→D, upper case, no spaces), as §7.3 step 6
says, without the engine's canonicalisation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .extract import extract
from .symbols import fold_key, fold_upper

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "refs" / "corpus"

#: The extraction regex of DOMAIN.md §7.3, verbatim.
PEER_PATTERN = re.compile(
    r"(?P<kind>Luật|Nghị định|Nghị quyết|Quyết định|Quy định|Chỉ thị|Kết luận|Thông tư|"
    r"Hướng dẫn|Thông báo|Kế hoạch|Chương trình|Công văn|Công điện)\s+(?:số\s+)?"
    r"(?P<ref>\d[\w/Đđ\-]*)\s*(?:,\s*)?ngày\s+(?P<d>\d{1,2})[/\-\.](?P<m>\d{1,2})[/\-\.]"
    r"(?P<y>\d{4})"
)
_PEER_TYPES = {
    "Luật": "law",
    "Nghị định": "decree",
    "Nghị quyết": "resolution",
    "Quyết định": "decision",
    "Quy định": "regulation",
    "Chỉ thị": "directive",
    "Kết luận": "conclusion",
    "Thông tư": "circular",
    "Hướng dẫn": "guidance",
    "Thông báo": "notice",
    "Kế hoạch": "plan",
    "Chương trình": "program",
    "Công văn": "official_dispatch",
    "Công điện": "official_dispatch",
}


@dataclass(slots=True)
class Found:
    """One extractor's answer for one text, reduced to what is scored."""

    symbols: dict[str, str]  # key -> type
    dates: set[tuple[str, dt.date]]
    relations: set[tuple[str | None, str, str]] = field(default_factory=set)
    warnings: int = 0


Extractor = Callable[[str], Found]


def engine(text: str) -> Found:
    """The engine of this package."""
    result = extract(text)
    return Found(
        symbols={d.key: d.type for d in result.documents},
        dates={(d.key, x) for d in result.documents for x in d.dates_seen[:1]},
        relations={
            (fold_key(r.source) if r.source else None, fold_key(r.target), r.kind)
            for r in result.relations
        },
        warnings=len(result.warnings),
    )


def peer(text: str) -> Found:
    """The DOMAIN.md §7.3 regex alone."""
    symbols: dict[str, str] = {}
    dates: set[tuple[str, dt.date]] = set()
    for m in PEER_PATTERN.finditer(text):
        key = fold_upper(m["ref"].rstrip(".,;:)-/"))
        symbols.setdefault(key, _PEER_TYPES[m["kind"]])
        try:
            dates.add((key, dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))
        except ValueError:
            continue
    return Found(symbols=symbols, dates=dates)


@dataclass(slots=True)
class Text:
    """One annotated text of the corpus."""

    name: str
    language: str
    text: str
    gold: Found
    gold_types: dict[str, str]


def load_corpus(directory: Path = CORPUS_DIR) -> list[Text]:
    """Read every annotated text, sorted by name."""
    texts = []
    for path in sorted(directory.glob("*.txt")):
        note: dict[str, Any] = json.loads(path.with_suffix(".json").read_text("utf-8"))
        docs = note["documents"]
        gold = Found(
            symbols={fold_key(d["symbol"]): d["type"] for d in docs},
            dates={
                (fold_key(d["symbol"]), dt.date.fromisoformat(d["date"]))
                for d in docs
                if d.get("date")
            },
            relations={
                (fold_key(r["from"]) if r["from"] else None, fold_key(r["to"]), r["kind"])
                for r in note.get("relations", [])
            },
            warnings=int(note.get("warnings_expected", 0)),
        )
        texts.append(
            Text(
                name=path.stem,
                language=path.stem[:2],
                text=path.read_text("utf-8"),
                gold=gold,
                gold_types={fold_key(d["symbol"]): d["type"] for d in docs},
            )
        )
    return texts


@dataclass(slots=True)
class Score:
    """Counts for precision and recall."""

    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    def add(self, predicted: set[Any], expected: set[Any]) -> None:
        self.true_positive += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)


@dataclass(slots=True)
class Report:
    """Scores of one extractor on a set of texts."""

    symbols: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    types_right: int = 0
    types_checked: int = 0
    warnings_right: int = 0
    texts: int = 0
    misses: list[str] = field(default_factory=list)


def evaluate(texts: list[Text], extractor: Extractor) -> dict[str, Report]:
    """Score ``extractor`` per language ("vi", "en") and overall ("all")."""
    reports: dict[str, Report] = {}
    for item in texts:
        found = extractor(item.text)
        for name in (item.language, "all"):
            report = reports.setdefault(name, Report())
            report.texts += 1
            report.symbols.add(set(found.symbols), set(item.gold.symbols))
            report.dates.add(found.dates, item.gold.dates)
            report.relations.add(found.relations, item.gold.relations)
            for key, kind in found.symbols.items():
                if key in item.gold_types:
                    report.types_checked += 1
                    report.types_right += kind == item.gold_types[key]
            report.warnings_right += found.warnings == item.gold.warnings
        if item.language in reports:
            report = reports[item.language]
            for key in set(item.gold.symbols) - set(found.symbols):
                report.misses.append(f"{item.name}: missed {key}")
            for key in set(found.symbols) - set(item.gold.symbols):
                report.misses.append(f"{item.name}: extra {key}")
            for pair in found.dates ^ item.gold.dates:
                side = "extra" if pair in found.dates else "missed"
                report.misses.append(f"{item.name}: {side} date {pair[0]} {pair[1]}")
    return reports
