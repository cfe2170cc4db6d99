"""Reads of the disclosure register: the flags computed from dates, the register's
filters, what is disclosed today (the public page) and the quarterly list (Art 13(2)).

The flags are computed, never stored, so they are right on every day without a job:

- ``due``: nothing posted yet, the deadline not passed;
- ``missing``: the deadline passed and nothing was posted;
- ``on_time`` / ``late``: posted (still up today), first posting on or before / after the
  deadline;
- ``too_short``: no longer up, and taken down before the minimum duration (for a
  permanent item: taken down at all, unless a re-disclosure replaced it);
- ``ended``: was up long enough and is no longer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.models.disclosures import (
    DURATION_CHANNELS,
    Disclosure,
    DisclosureChannel,
    DisclosurePosting,
    DisclosureQuarterList,
)
from danvan.democracy.selectors.households import manages
from danvan.democracy.services.disclosures import AGENCY_KINDS, COMMUNE_KINDS
from danvan.units.models import Unit


class Flag:
    DUE = "due"
    MISSING = "missing"
    ON_TIME = "on_time"
    LATE = "late"
    TOO_SHORT = "too_short"
    ENDED = "ended"


FLAG_LABELS = {
    Flag.DUE: pgettext_lazy("disclosure", "Due"),
    Flag.MISSING: _("Missing (deadline passed, nothing posted)"),
    Flag.ON_TIME: _("Posted on time"),
    Flag.LATE: _("Posted late"),
    Flag.TOO_SHORT: _("Posting too short"),
    Flag.ENDED: pgettext_lazy("disclosure", "Ended"),
}
# Flags the officer must act on: highlighted in the register.
ALERTS = frozenset({Flag.MISSING, Flag.LATE, Flag.TOO_SHORT})


def _days(posting: DisclosurePosting, today: dt.date) -> int:
    """Consecutive days up, both ends included (an open posting counts until today)."""
    last = posting.posted_to if posting.posted_to is not None else today
    return (min(last, today) - posting.posted_from).days + 1


def _in_force(posting: DisclosurePosting, today: dt.date) -> bool:
    return posting.posted_from <= today and (
        posting.posted_to is None or posting.posted_to >= today
    )


@dataclass
class DisclosureState:
    """An item's flags on ``today``; ``status`` is the one shown, ``late`` stays visible."""

    status: str
    late: bool = False
    in_force: bool = False
    first_posted: dt.date | None = None
    days_posted: int = 0
    loudspeaker_short: bool = False
    loudspeaker_missing: bool = False
    village_heads_missing: bool = False
    channels: list[str] = field(default_factory=list)

    @property
    def label(self) -> Any:
        return FLAG_LABELS[self.status]

    @property
    def alert(self) -> bool:
        return (
            self.status in ALERTS
            or self.late
            or self.loudspeaker_missing
            or self.village_heads_missing
        )

    def matches(self, flag: str) -> bool:
        return self.status == flag or (flag == Flag.LATE and self.late)


def disclosure_state(
    disclosure: Disclosure,
    today: dt.date,
    postings: Iterable[DisclosurePosting] | None = None,
    *,
    replaced: bool | None = None,
) -> DisclosureState:
    """The item's flags on ``today`` (pass ``postings`` to avoid a query)."""
    rows = [
        p
        for p in (postings if postings is not None else disclosure.postings.all())
        if p.posted_from <= today
    ]
    if replaced is None:
        replaced = disclosure.redisclosures.exists()
    if not rows:
        return DisclosureState(status=Flag.DUE if today <= disclosure.due_on else Flag.MISSING)
    first = min(p.posted_from for p in rows)
    main = [p for p in rows if p.channel in DURATION_CHANNELS]
    loud = [p for p in rows if p.channel == DisclosureChannel.LOUDSPEAKER]
    state = DisclosureState(
        status=Flag.ON_TIME,
        late=first > disclosure.due_on,
        first_posted=first,
        days_posted=max((_days(p, today) for p in main), default=0),
        channels=sorted({p.channel for p in rows}),
        in_force=any(_in_force(p, today) for p in main),
    )
    if disclosure.loudspeaker_days:
        if not loud:
            state.loudspeaker_missing = today > disclosure.due_on
        elif not any(_in_force(p, today) for p in loud):
            state.loudspeaker_short = (
                max(_days(p, today) for p in loud) < disclosure.loudspeaker_days
            )
    if disclosure.village_heads:
        state.village_heads_missing = today > disclosure.due_on and not any(
            p.channel == DisclosureChannel.VILLAGE_HEADS for p in rows
        )
    if state.in_force:
        state.status = Flag.LATE if state.late else Flag.ON_TIME
    elif disclosure.permanent:
        state.status = Flag.ENDED if replaced else Flag.TOO_SHORT
    elif disclosure.posting_days and state.days_posted < disclosure.posting_days:
        state.status = Flag.TOO_SHORT
    else:
        state.status = Flag.ENDED
    if state.loudspeaker_short and state.status != Flag.TOO_SHORT:
        state.status = Flag.TOO_SHORT
    return state


# ------------------------------------------------------------------------------ quarters


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str) -> Quarter | None:
        """ "2026-3" → the third quarter of 2026; None for anything else."""
        year, _dash, number = text.partition("-")
        if not (year.isdigit() and number.isdigit() and len(year) == 4):
            return None
        if not 1 <= int(number) <= 4 or not 2000 <= int(year) <= 2100:
            return None
        return cls(int(year), int(number))

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next.first_day - dt.timedelta(days=1)

    @property
    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def roman(self) -> str:
        return ("I", "II", "III", "IV")[self.number - 1]

    def __str__(self) -> str:
        return f"{self.roman}/{self.year}"


# -------------------------------------------------------------------------------- access


REGISTER_KINDS = COMMUNE_KINDS | AGENCY_KINDS


def register_unit_for_manager_or_404(user: Any, pk: int) -> Unit:
    return get_object_for_user_or_404(
        Unit.objects.filter(kind__in=REGISTER_KINDS), allowed=lambda u: manages(user, u), pk=pk
    )


def disclosure_for_manager_or_404(user: Any, pk: int) -> Disclosure:
    return get_object_for_user_or_404(
        Disclosure.objects.select_related("unit", "previous"),
        allowed=lambda d: manages(user, d.unit),
        pk=pk,
    )


def posting_for_manager_or_404(user: Any, pk: int) -> DisclosurePosting:
    return get_object_for_user_or_404(
        DisclosurePosting.objects.select_related("disclosure__unit"),
        allowed=lambda p: manages(user, p.disclosure.unit),
        pk=pk,
    )


def public_communes() -> list[Unit]:
    """Active communes with at least one posting, by name."""
    return list(
        Unit.objects.filter(
            kind__in=COMMUNE_KINDS,
            is_active=True,
            pk__in=DisclosurePosting.objects.values("disclosure__unit_id"),
        ).order_by("name")
    )


def register_units(user: Any) -> list[Unit]:
    """The communes and agencies whose registers the person keeps: the units of their
    active roles and the communes below them that they manage."""
    if not user.is_authenticated:
        return []
    roles = user.role_assignments.filter(is_active=True).select_related("unit")
    units: dict[int, Unit] = {}
    for role in roles:
        candidates = [role.unit]
        candidates += list(
            Unit.objects.filter(
                Q(path__startswith=role.unit.path + "/") | Q(pk=role.unit.parent_id),
                kind__in=COMMUNE_KINDS,
            )
        )
        for unit in candidates:
            if unit.kind in REGISTER_KINDS and unit.pk not in units and manages(user, unit):
                units[unit.pk] = unit
    return sorted(units.values(), key=lambda u: (u.kind not in COMMUNE_KINDS, u.name))


# ------------------------------------------------------------------------------ register


@dataclass
class RegisterRow:
    disclosure: Disclosure
    state: DisclosureState


def _with_postings(queryset: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return queryset.prefetch_related(
        Prefetch("postings", queryset=DisclosurePosting.objects.defer("proof")),
        "redisclosures",
    )


def register_rows(
    unit: Unit,
    *,
    today: dt.date,
    category: str = "",
    flag: str = "",
    quarter: Quarter | None = None,
) -> list[RegisterRow]:
    """The unit's items with their flags, filtered; ``quarter`` matches the deadline's."""
    items = Disclosure.objects.filter(unit=unit)
    if category:
        items = items.filter(category=category)
    if quarter is not None:
        items = items.filter(due_on__range=(quarter.first_day, quarter.last_day))
    rows = [
        RegisterRow(
            d,
            disclosure_state(
                d, today, list(d.postings.all()), replaced=bool(d.redisclosures.all())
            ),
        )
        for d in _with_postings(items.order_by("-due_on", "-pk"))
    ]
    if flag:
        rows = [row for row in rows if row.state.matches(flag)]
    return rows


def flag_counts(rows: Iterable[RegisterRow]) -> dict[str, int]:
    counts = dict.fromkeys(FLAG_LABELS, 0)
    for row in rows:
        counts[row.state.status] += 1
        if row.state.late and row.state.status != Flag.LATE:
            counts[Flag.LATE] += 1
    return counts


def postings_of(disclosure: Disclosure) -> QuerySet[DisclosurePosting]:
    return disclosure.postings.defer("proof").select_related("recorded_by")


# ------------------------------------------------------------------------ public and lists


@dataclass
class PublicItem:
    """What residents see of an item: no names of officers, no proof files."""

    disclosure: Disclosure
    postings: list[DisclosurePosting]


def disclosed_now(unit: Unit, *, today: dt.date) -> list[PublicItem]:
    """Items with a posting up today (any place or channel), permanent items first."""
    postings = (
        DisclosurePosting.objects.filter(disclosure__unit=unit, posted_from__lte=today)
        .filter(Q(posted_to__isnull=True) | Q(posted_to__gte=today))
        .exclude(channel=DisclosureChannel.VILLAGE_HEADS)
        .defer("proof")
        .select_related("disclosure")
        .order_by("disclosure__category", "-disclosure__decided_on", "posted_from")
    )
    items: dict[int, PublicItem] = {}
    for posting in postings:
        item = items.setdefault(posting.disclosure_id, PublicItem(posting.disclosure, []))
        item.postings.append(posting)
    return sorted(items.values(), key=lambda i: (not i.disclosure.permanent,))


@dataclass
class QuarterLine:
    """One line of the quarterly list: the item, how (the forms), and when."""

    disclosure: Disclosure
    channels: list[str]
    first_day: dt.date
    last_day: dt.date | None

    @property
    def channel_labels(self) -> list[str]:
        return [str(DisclosureChannel(c).label) for c in self.channels]


def quarterly_list(unit: Unit, quarter: Quarter) -> list[QuarterLine]:
    """The items disclosed in the quarter (a posting started in it), with form and time.

    ``last_day`` None: still posted (or permanent).
    """
    postings = (
        DisclosurePosting.objects.filter(
            disclosure__unit=unit,
            posted_from__range=(quarter.first_day, quarter.last_day),
        )
        .defer("proof")
        .select_related("disclosure")
        .order_by("posted_from", "pk")
    )
    lines: dict[int, QuarterLine] = {}
    open_ended: set[int] = set()
    for posting in postings:
        line = lines.get(posting.disclosure_id)
        if line is None:
            line = lines[posting.disclosure_id] = QuarterLine(
                posting.disclosure, [], posting.posted_from, posting.posted_to
            )
        if posting.channel not in line.channels:
            line.channels.append(posting.channel)
        if posting.posted_to is None:
            open_ended.add(posting.disclosure_id)
        elif line.last_day is None or posting.posted_to > line.last_day:
            line.last_day = posting.posted_to
    for pk in open_ended:
        lines[pk].last_day = None
    return list(lines.values())


def public_quarters(unit: Unit, *, today: dt.date) -> list[Quarter]:
    """The past quarters with a disclosure, newest first (for the public page's links)."""
    current = Quarter.of(today)
    days = (
        DisclosurePosting.objects.filter(disclosure__unit=unit, posted_from__lte=today)
        .values_list("posted_from", flat=True)
        .distinct()
    )
    quarters = {Quarter.of(day) for day in days}
    quarters.add(current)
    return sorted(quarters, key=lambda q: (q.year, q.number), reverse=True)


def committee_of(unit: Unit) -> Unit:
    """The body that issues the commune's documents: its People's Committee if it has one."""
    committee = (
        Unit.objects.filter(parent=unit, kind=Unit.Kind.PEOPLES_COMMITTEE, is_active=True)
        .order_by("pk")
        .first()
    )
    return committee or unit


def prepared_list(unit: Unit, quarter: Quarter) -> DisclosureQuarterList | None:
    return (
        DisclosureQuarterList.objects.filter(unit=unit, year=quarter.year, quarter=quarter.number)
        .defer("document")
        .first()
    )
