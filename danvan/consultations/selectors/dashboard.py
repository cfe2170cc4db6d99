"""Reads of the participation dashboard: counts by day, place, age band and channel.

Everything here reads ``ParticipationCount`` (a few thousand rows per consultation at
most, added up by the database), never the participant rows, and nothing here reads a
name: the dashboard holds counts only.

Public figures hide small counts: a count from 1 to ``threshold - 1`` reads "< 5" (the
threshold is the setting ``CONSULTATIONS_DASHBOARD_MIN_COUNT``, 5 by default), so that a
commune or age band with two participants does not point at them. Where exactly one count
of a breakdown is hidden, the smallest other one is hidden too (it reads "≥ 5", which is
true): otherwise the hidden one would be the total minus the others.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from danvan.consultations.models import (
    NOT_DECLARED,
    AgeBand,
    Consultation,
    ParticipantChannel,
    ParticipationCount,
    Statement,
)
from danvan.units.models import PATH_SEPARATOR, Unit

Grain = ParticipationCount.Grain
DEFAULT_MIN_COUNT = 5
PANEL_LIMIT = 10


def min_public_count() -> int:
    """Counts below this are shown as "< N" on public pages (setting, default 5)."""
    return int(getattr(settings, "CONSULTATIONS_DASHBOARD_MIN_COUNT", DEFAULT_MIN_COUNT))


def vn_number(value: int) -> str:
    """An integer written the Vietnamese way: 5.000."""
    return f"{value:,}".replace(",", ".")


# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class Cell:
    """One figure of a breakdown. ``count`` is ``None`` where it is hidden (public pages);
    ``text`` is what a reader sees ("5.000", "< 5", "≥ 5")."""

    key: str  # stable, for the CSV: an ISO day, a unit code, a band or channel value
    label: str
    count: int | None
    text: str
    share: str = ""  # "12,5 %" of the total; empty where hidden

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Figures:
    """The dashboard of one consultation."""

    total: Cell
    today: Cell | None  # staff only
    days: list[tuple[dt.date, Cell]]
    place_level: str  # "province" or "commune"
    places: list[Cell]
    age_bands: list[Cell]
    channels: list[Cell]
    masked: bool = False


def consultation_commune(consultation: Consultation) -> Unit | None:
    """The commune, ward or special zone the consultation belongs to (its unit or above)."""
    codes = consultation.unit.path.split(PATH_SEPARATOR)
    return (
        Unit.objects.filter(code__in=codes, kind__in=Unit.COMMUNE_KINDS).order_by("-path").first()
    )


def _share(count: int, total: int) -> str:
    if not total:
        return ""
    return f"{100 * count / total:.1f}".replace(".", ",") + "\u00a0%"  # no break before %


def _cell(key: str, label: str, count: int, total: int) -> Cell:
    return Cell(key, label, count, vn_number(count), _share(count, total))


def _day_range(
    consultation: Consultation, seen: Iterable[dt.date], today: dt.date
) -> list[dt.date]:
    """Every day from the opening (or the first participant) to today or the last day."""
    seen = sorted(seen)
    starts = [*seen[:1]]
    ends = [*seen[-1:]]
    if consultation.opens_at is not None:
        opened = timezone.localtime(consultation.opens_at, timezone.get_default_timezone())
        if opened.date() <= today:
            starts.append(opened.date())
            last = today
            if consultation.closes_at is not None:
                closes = consultation.closes_at - dt.timedelta(microseconds=1)
                last = min(
                    today, timezone.localtime(closes, timezone.get_default_timezone()).date()
                )
            ends.append(last)
    if not starts:
        return []
    first, last = min(starts), max(ends)
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _labelled_places(counts: Counter[int], total: int) -> list[Cell]:
    """Cells per place id, the largest first, "not declared" last."""
    units = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(
            pk__in=[pk for pk in counts if pk != NOT_DECLARED]
        ).values_list("pk", "code", "name")
    }
    names = {pk: name for pk, (_code, name) in units.items()}
    codes = {pk: code for pk, (code, _name) in units.items()}
    declared = sorted(
        (pk for pk in counts if pk != NOT_DECLARED and counts[pk]),
        key=lambda pk: (-counts[pk], names.get(pk, "")),
    )
    cells = [
        _cell(codes.get(pk, str(pk)), names.get(pk, str(pk)), counts[pk], total) for pk in declared
    ]
    if counts.get(NOT_DECLARED):
        cells.append(_cell("unknown", gettext("Not declared"), counts[NOT_DECLARED], total))
    return cells


def participation_figures(*, consultation: Consultation, now: dt.datetime | None = None) -> Figures:
    """Every count of the dashboard, exact (staff); ``figures_public`` hides the small ones.

    Two queries on the count rows (three for a commune's consultation) and one for the
    place names, whatever the number of participants.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    rows = (
        ParticipationCount.objects.filter(consultation=consultation, grain=Grain.PROFILE)
        .values_list("day", "province", "age_band", "channel")
        .annotate(total=Sum("participants"))
        .order_by()
    )
    by_day: Counter[dt.date] = Counter()
    by_province: Counter[int] = Counter()
    by_band: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    for day, province, band, channel, count in rows:
        by_day[day] += count
        by_province[province] += count
        by_band[band] += count
        by_channel[channel] += count
    total = sum(by_day.values())
    commune = consultation_commune(consultation)
    if commune is not None:
        places = Counter(
            dict(
                ParticipationCount.objects.filter(consultation=consultation, grain=Grain.PLACE)
                .values_list("commune")
                .annotate(total=Sum("participants"))
                .order_by()
                .values_list("commune", "total")
            )
        )
    else:
        places = by_province
    return Figures(
        total=_cell("total", gettext("Participants"), total, 0),
        today=_cell("today", gettext("Today"), by_day.get(today, 0), 0),
        days=[
            (day, _cell(day.isoformat(), day.strftime("%d/%m/%Y"), by_day.get(day, 0), total))
            for day in _day_range(consultation, by_day, today)
        ],
        place_level="commune" if commune is not None else "province",
        places=_labelled_places(places, total),
        age_bands=[
            _cell(band.value, str(band.label), by_band.get(band.value, 0), total)
            for band in AgeBand
        ],
        channels=[
            _cell(channel.value, str(channel.label), by_channel.get(channel.value, 0), total)
            for channel in ParticipantChannel
        ],
    )


# ------------------------------------------------------------------ privacy


def _hide(cell: Cell, text: str) -> Cell:
    return replace(cell, count=None, text=text, share="")


def mask_cells(cells: Sequence[Cell], threshold: int) -> list[Cell]:
    """Hide counts from 1 to ``threshold - 1``; if only one is hidden, hide the next smallest.

    Zero stays visible: it points at nobody.
    """
    small = f"< {threshold}"
    out = [_hide(c, small) if c.count is not None and 0 < c.count < threshold else c for c in cells]
    hidden = [index for index, cell in enumerate(out) if cell.hidden]
    if len(hidden) == 1:
        candidates = [
            (cell.count, index)
            for index, cell in enumerate(out)
            if cell.count is not None and cell.count > 0
        ]
        if candidates:
            _count, index = min(candidates)
            out[index] = _hide(out[index], f"≥ {threshold}")
    return out


def figures_public(figures: Figures, *, threshold: int | None = None) -> Figures:
    """The figures with small counts hidden (see the module docstring); no "today"."""
    threshold = min_public_count() if threshold is None else threshold
    total = figures.total
    if total.count is not None and 0 < total.count < threshold:
        total = _hide(total, f"< {threshold}")
    day_cells = mask_cells([cell for _day, cell in figures.days], threshold)
    return Figures(
        total=total,
        today=None,
        days=[(day, cell) for (day, _old), cell in zip(figures.days, day_cells, strict=True)],
        place_level=figures.place_level,
        places=mask_cells(figures.places, threshold),
        age_bands=mask_cells(figures.age_bands, threshold),
        channels=mask_cells(figures.channels, threshold),
        masked=True,
    )


def figures_csv_rows(figures: Figures) -> list[tuple[str, str, str, str]]:
    """``(breakdown, key, label, count)`` rows for the CSV export; hidden counts as text."""
    place_heading = gettext("Commune") if figures.place_level == "commune" else gettext("Province")
    sections: list[tuple[str, Iterable[Cell]]] = [
        (gettext("Total"), [figures.total]),
        (gettext("Day"), [cell for _day, cell in figures.days]),
        (place_heading, figures.places),
        (gettext("Age band"), figures.age_bands),
        (gettext("Channel"), figures.channels),
    ]
    return [
        (name, cell.key, cell.label, str(cell.count) if cell.count is not None else cell.text)
        for name, cells in sections
        for cell in cells
    ]


# ------------------------------------------------------------------ the staff home panel


def _count_subquery(**filters: Any) -> Coalesce:
    counts = (
        ParticipationCount.objects.filter(
            consultation=OuterRef("pk"), grain=Grain.PROFILE, **filters
        )
        .values("consultation")
        .annotate(total=Sum("participants"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def _pending_subquery() -> Coalesce:
    pending = (
        Statement.objects.filter(consultation=OuterRef("pk"), status=Statement.Status.PENDING)
        .values("consultation")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(pending, output_field=IntegerField()), Value(0))


def panel_consultations(
    *, unit: Unit, now: dt.datetime | None = None, limit: int = PANEL_LIMIT
) -> QuerySet[Consultation]:
    """Open consultations of ``unit`` and the units below it, with participants today and
    in all and the statements awaiting moderation (one query).

    Comments are published at once and hidden by moderation afterwards, so the statements
    are what waits for a moderator.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    below = Q(unit=unit) | Q(unit__path__startswith=unit.path + PATH_SEPARATOR)
    return (
        Consultation.objects.open_at(now)
        .filter(below)
        .select_related("unit")
        .annotate(
            participants_total=_count_subquery(),
            participants_today=_count_subquery(day=today),
            statements_pending=_pending_subquery(),
        )
        .order_by("closes_at", "title")[:limit]
    )
