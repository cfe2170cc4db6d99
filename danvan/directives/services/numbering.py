"""Numbers and symbols of the documents the directives app issues.

State bodies (Decree 30/2020/NĐ-CP Art 15): one running number per issuing body per calendar
year, from 01; the symbol is ``number/TYPE-ISSUER`` and a công văn has no type segment
(``05/UBND-VP`` is written here ``05/UBND`` when no drafting unit is known).

Party bodies (HD 36-HD/VPTW, DOMAIN.md §7.2): one running number per document type for the
whole term of the Party committee, not reset each year; the symbol is ``number-TYPE/ISSUER``
(``07-BC/BTGDVTU``). The terms are configuration (``DANVAN["PARTY_TERMS"]``, [M]): the term
of a date is the last one that started on or before it.

The counter row is locked (``select_for_update``) while a number is taken, so two documents
issued at the same moment never share a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from danvan.core.docx_layout import body_abbreviation
from danvan.directives.models import NumberCounter
from danvan.units.models import Unit

__all__ = ["IssuedNumber", "is_party_body", "number_take", "party_abbreviation", "party_term"]

PARTY_KINDS = frozenset({Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PARTY_COMMISSION})


@dataclass(frozen=True)
class IssuedNumber:
    number: int
    symbol: str

    @property
    def text(self) -> str:
        """As printed under the issuing body: "Số: 07/BC-UBND" or "Số 07-BC/TU"."""
        separator = ": " if "/" in self.symbol.split("-")[0] else " "
        return f"Số{separator}{self.symbol}"


def is_party_body(unit: Unit) -> bool:
    """True for Party committees and their commissions (they write in the Party format)."""
    return unit.kind in PARTY_KINDS


def party_term(on: dt.date) -> str:
    """The label of the Party term a date falls in, e.g. "2025-2030"."""
    terms: list[tuple[str, str]] = settings.DANVAN["PARTY_TERMS"]
    label = terms[0][0]
    for term_label, starts in terms:
        if dt.date.fromisoformat(starts) <= on:
            label = term_label
    return label


def party_abbreviation(unit: Unit) -> str:
    """The issuer part of a Party symbol (HD 36 practice, [M]): TU for a provincial or city
    committee, ĐU for a commune's, BTGDVTU for the provincial commission for propaganda and
    mass mobilisation (merged in 2025), else the initials of the name."""
    place = unit.parent
    while place is not None and not place.is_place:
        place = place.parent
    at_province = place is not None and place.kind in Unit.PROVINCE_KINDS
    if unit.kind == Unit.Kind.PARTY_COMMITTEE:
        return "TU" if at_province else "ĐU"
    name = unit.name.lower()
    if unit.kind == Unit.Kind.PARTY_COMMISSION and "dân vận" in name:
        return "BTGDVTU" if at_province else "BTGDV"
    return "".join(word[0] for word in unit.name.split() if word[:1].isalpha()).upper()[:8]


@transaction.atomic
def number_take(*, unit: Unit, type_abbreviation: str, issued_on: dt.date) -> IssuedNumber:
    """Take the next number of ``unit`` for a document of the given type ("" = công văn)."""
    party = is_party_body(unit)
    if party:
        series, scope = type_abbreviation or "CV", party_term(issued_on)
    else:
        series, scope = "all", str(issued_on.year)
    NumberCounter.objects.get_or_create(unit=unit, series=series, scope=scope)
    counter = NumberCounter.objects.select_for_update().get(unit=unit, series=series, scope=scope)
    counter.last += 1
    counter.save(update_fields=["last"])
    number = f"{counter.last:02d}"
    if party:
        symbol = f"{number}-{type_abbreviation or 'CV'}/{party_abbreviation(unit)}"
    elif type_abbreviation:
        symbol = f"{number}/{type_abbreviation}-{body_abbreviation(unit)}"
    else:
        symbol = f"{number}/{body_abbreviation(unit)}"
    return IssuedNumber(counter.last, symbol)
