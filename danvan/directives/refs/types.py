"""Result types of the reference-extraction engine (plain dataclasses, no Django models).

They are deliberately free of ORM objects so that the engine can run on a pasted text,
an uploaded file or a benchmark corpus alike; the register links them to documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Family = Literal["party", "state"]
SymbolKind = Literal["party", "state_legal", "state_admin", "official_dispatch"]
RelationKind = Literal["replaces", "amends", "implements", "guides"]

#: The document types ``extract_refs --json`` prints (issue 5), same values as Document.Type.
DOC_TYPES = (
    "law",
    "resolution",
    "decree",
    "decision",
    "regulation",
    "directive",
    "conclusion",
    "circular",
    "guidance",
    "notice",
    "plan",
    "program",
    "report",
    "official_dispatch",
    "other",
)


@dataclass(frozen=True, slots=True)
class ParsedSymbol:
    """One number-and-symbol, normalised (DOMAIN.md §7.3).

    ``symbol`` is canonical (Đ restored in known abbreviations, leading zero below 10, no
    spaces); ``key`` is its folded form (Đ→D, upper case) used for matching. ``year`` is the
    year a legal normative symbol carries (``55/2024/NĐ-CP``). ``year_hint`` is a year that
    was written into an administrative symbol where it does not belong (``575/2024/QĐ-UBND``
    is read as ``575/QĐ-UBND``): it is kept because it is usually the year of issue, which
    identifies an administrative document together with its symbol.
    """

    family: Family
    kind: SymbolKind
    number: str
    year: int | None
    type_abbreviation: str
    issuer: str
    symbol: str
    key: str
    doc_type: str
    year_hint: int | None = None


@dataclass(slots=True)
class FoundDocument:
    """A document cited by the text; repeated mentions (same key) are merged into one."""

    symbol: str
    key: str
    type: str
    issuer: str
    date: dt.date | None
    dates_seen: list[dt.date]
    mentions: int
    family: Family
    title: str
    first_offset: int
    parsed: ParsedSymbol


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` replaces/amends/implements/guides ``target``; ``source`` None = this text."""

    source: str | None
    target: str
    kind: RelationKind


@dataclass(frozen=True, slots=True)
class ExtractionWarning:
    """Something the reader should check; ``message`` is translated (English msgid)."""

    code: str
    message: str
    symbol: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything found in one text.

    ``own_symbol``/``own_date`` are the number and date in the header of the text itself
    ("Số: 12/KH-UBND … ngày 05 tháng 3 năm 2024"): they identify the text, they are not a
    citation, so they are not among ``documents``.
    """

    documents: list[FoundDocument] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    own_symbol: ParsedSymbol | None = None
    own_date: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        """Return the dict ``extract_refs --json`` prints (issue 5), dates as ISO strings."""
        return {
            "documents": [
                {
                    "symbol": d.symbol,
                    "type": d.type,
                    "issuer": d.issuer,
                    "date": d.date.isoformat() if d.date else None,
                    "dates_seen": [x.isoformat() for x in d.dates_seen],
                    "mentions": d.mentions,
                }
                for d in self.documents
            ],
            "relations": [
                {"from": r.source, "to": r.target, "kind": r.kind} for r in self.relations
            ],
            "warnings": [
                {"code": w.code, "message": str(w.message), "symbol": w.symbol}
                for w in self.warnings
            ],
        }
