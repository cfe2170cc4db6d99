"""The participation dashboard: the agency's page and CSV, the public summary and CSV.

The agency's page (``consultations.manage_consultation``) shows exact counts; the public
summary, once the consultation is open, hides small ones (selectors/dashboard.py). Both
give the same 404 for a consultation that does not exist and one the visitor may not see.
Nothing on these pages names anyone: they show counts only.

Charts are inline SVG drawn on the server: no script, no ``style`` attribute (the content
security policy forbids inline styles), colours by class from dashboard.css with SVG
presentation attributes as the fallback. Each chart is followed by the table of the same
figures, for screen readers and for copying.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.consultations.models import Consultation
from danvan.consultations.selectors.dashboard import (
    Cell,
    Figures,
    figures_csv_rows,
    figures_public,
    min_public_count,
    panel_consultations,
    participation_figures,
    vn_number,
)
from danvan.consultations.selectors.drafts import (
    MANAGER_ROLES,
    can_manage,
    consultation_for_manager_or_404,
    consultation_for_reader_or_404,
)

# --------------------------------------------------------------------------- charts


def _f(value: float) -> str:
    """A coordinate for SVG: always a dot, whatever the language of the page."""
    return f"{value:.1f}"


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10^k that is at least ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


@dataclass(frozen=True)
class Column:
    x: str
    y: str
    width: str
    height: str
    label: str
    text: str
    hidden: bool


@dataclass(frozen=True)
class AxisLabel:
    x: str
    y: str
    text: str


@dataclass(frozen=True)
class ColumnChart:
    """Participants per day: one column per day."""

    chart_id: str
    title: str
    width: int
    height: int
    left: int
    right: int
    bottom: int
    columns: list[Column]
    ticks: list[AxisLabel]
    days: list[AxisLabel]


COLUMN_WIDTH, COLUMN_HEIGHT = 720, 240
HIDDEN_BAR = 3.0  # height of the mark drawn for a hidden count


def column_chart(*, chart_id: str, title: str, cells: Sequence[Cell]) -> ColumnChart:
    left, right, top, bottom = 52, COLUMN_WIDTH - 8, 14, COLUMN_HEIGHT - 34
    top_value = _nice_ceiling(max((c.count or 0 for c in cells), default=0))
    slot = (right - left) / max(len(cells), 1)
    columns = []
    for index, cell in enumerate(cells):
        height = HIDDEN_BAR if cell.hidden else (bottom - top) * (cell.count or 0) / top_value
        columns.append(
            Column(
                x=_f(left + index * slot + slot * 0.1),
                y=_f(bottom - height),
                width=_f(max(slot * 0.8, 1.0)),
                height=_f(height),
                label=cell.label,
                text=cell.text,
                hidden=cell.hidden,
            )
        )
    divisions = 5 if top_value % 5 == 0 else (4 if top_value % 4 == 0 else top_value)
    ticks = [
        AxisLabel(
            x=_f(left - 6),
            y=_f(bottom - (bottom - top) * step / divisions),
            text=vn_number(top_value * step // divisions),
        )
        for step in range(divisions + 1)
    ]
    every = max(1, math.ceil(len(cells) / 10))
    days = [
        AxisLabel(x=_f(left + (index + 0.5) * slot), y=_f(bottom + 16), text=cell.label[:5])
        for index, cell in enumerate(cells)
        if index % every == 0
    ]
    return ColumnChart(
        chart_id=chart_id,
        title=title,
        width=COLUMN_WIDTH,
        height=COLUMN_HEIGHT,
        left=left,
        right=right,
        bottom=bottom,
        columns=columns,
        ticks=ticks,
        days=days,
    )


@dataclass(frozen=True)
class BarRow:
    y: str
    text_y: str
    width: str
    value_x: str
    label: str
    short_label: str
    text: str
    hidden: bool


@dataclass(frozen=True)
class BarChart:
    """A breakdown (place, age band, channel): one horizontal bar per row."""

    chart_id: str
    title: str
    width: int
    height: int
    label_width: int
    rows: list[BarRow]


BAR_WIDTH, BAR_LABEL_WIDTH, BAR_ROW, BAR_LABEL_CHARS = 640, 210, 24, 30


def bar_chart(*, chart_id: str, title: str, cells: Sequence[Cell]) -> BarChart:
    plot = BAR_WIDTH - BAR_LABEL_WIDTH - 70
    top_value = max((c.count or 0 for c in cells), default=0) or 1
    rows = []
    for index, cell in enumerate(cells):
        width = HIDDEN_BAR if cell.hidden else plot * (cell.count or 0) / top_value
        y = 4 + index * BAR_ROW
        label = cell.label
        short = label if len(label) <= BAR_LABEL_CHARS else label[: BAR_LABEL_CHARS - 1] + "…"
        rows.append(
            BarRow(
                y=_f(y),
                text_y=_f(y + BAR_ROW * 0.62),
                width=_f(width),
                value_x=_f(BAR_LABEL_WIDTH + width + 6),
                label=label,
                short_label=short,
                text=cell.text,
                hidden=cell.hidden,
            )
        )
    return BarChart(
        chart_id=chart_id,
        title=title,
        width=BAR_WIDTH,
        height=8 + BAR_ROW * max(len(cells), 1),
        label_width=BAR_LABEL_WIDTH,
        rows=rows,
    )


# Places drawn in the chart (all of them are in the table below it).
CHART_PLACES = 20


@dataclass(frozen=True)
class Section:
    """One breakdown: its chart and the table of the same figures."""

    key: str
    title: str
    heading: str
    chart: ColumnChart | BarChart
    cells: list[Cell]
    kind: str  # "columns" or "bars"


def dashboard_sections(figures: Figures) -> list[Section]:
    day_cells = [cell for _day, cell in figures.days]
    if figures.place_level == "commune":
        place_title, place_heading = _("Participants by commune of residence"), _("Commune")
    else:
        place_title, place_heading = _("Participants by province of residence"), _("Province")
    places = figures.places[:CHART_PLACES]
    return [
        Section(
            "days",
            _("Participants per day"),
            _("Day"),
            column_chart(chart_id="chart-days", title=_("Participants per day"), cells=day_cells),
            day_cells,
            "columns",
        ),
        Section(
            "places",
            place_title,
            place_heading,
            bar_chart(chart_id="chart-places", title=place_title, cells=places),
            figures.places,
            "bars",
        ),
        Section(
            "age-bands",
            _("Participants by age band"),
            _("Age band"),
            bar_chart(
                chart_id="chart-age-bands",
                title=_("Participants by age band"),
                cells=figures.age_bands,
            ),
            figures.age_bands,
            "bars",
        ),
        Section(
            "channels",
            _("Participants by channel"),
            _("Channel"),
            bar_chart(
                chart_id="chart-channels",
                title=_("Participants by channel"),
                cells=figures.channels,
            ),
            figures.channels,
            "bars",
        ),
    ]


# --------------------------------------------------------------------------- pages


def _public_consultation(request: HttpRequest, slug: str) -> Consultation:
    """Readable by the visitor and opened (not a draft, not waiting for its opening day)."""
    consultation = consultation_for_reader_or_404(request.user, slug)
    if consultation.effective_status == Consultation.Status.DRAFT:
        raise Http404
    return consultation


@require_GET
def dashboard_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's dashboard: exact counts, with today's."""
    consultation = consultation_for_manager_or_404(request.user, slug)
    figures = participation_figures(consultation=consultation)
    return render(
        request,
        "consultations/dashboard/manage.html",
        {
            "consultation": consultation,
            "figures": figures,
            "sections": dashboard_sections(figures),
            "threshold": min_public_count(),
        },
    )


@require_GET
def dashboard_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The public summary: the same breakdowns with small counts hidden."""
    consultation = _public_consultation(request, slug)
    figures = figures_public(participation_figures(consultation=consultation))
    return render(
        request,
        "consultations/dashboard/public.html",
        {
            "consultation": consultation,
            "figures": figures,
            "sections": dashboard_sections(figures),
            "threshold": min_public_count(),
            "staff": can_manage(request.user, consultation),
        },
    )


def _csv(consultation: Consultation, figures: Figures, *, suffix: str) -> HttpResponse:
    stamp = timezone.localtime(timezone.now(), timezone.get_default_timezone())
    filename = f"tham-gia-{consultation.slug}{suffix}-{stamp:%Y%m%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("Breakdown"), _("Key"), _("Label"), _("Participants")])
    writer.writerows(figures_csv_rows(figures))
    return response


@require_GET
def dashboard_manage_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's counts as CSV (counts only: no row names anyone)."""
    consultation = consultation_for_manager_or_404(request.user, slug)
    response = _csv(consultation, participation_figures(consultation=consultation), suffix="")
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def dashboard_public_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The public summary as CSV, small counts hidden as on the page."""
    consultation = _public_consultation(request, slug)
    figures = figures_public(participation_figures(consultation=consultation))
    return _csv(consultation, figures, suffix="-cong-khai")


# --------------------------------------------------------------------------- home panel


@dataclass(frozen=True)
class PanelRow:
    slug: str
    title: str
    unit_name: str
    today: str
    total: str
    statements_pending: int


def panel_context(request: HttpRequest) -> dict[str, Any]:
    """Open consultations of the active unit (and below) with their participants today."""
    active = getattr(request, "active_role", None)
    unit = getattr(active, "unit", None)
    if unit is None or getattr(active, "role", None) not in MANAGER_ROLES:
        return {"unit": None, "rows": []}
    if not can_manage(request.user, unit):
        return {"unit": None, "rows": []}
    rows = [
        PanelRow(
            slug=row.slug,
            title=row.title,
            unit_name=row.unit.name,
            today=vn_number(row.participants_today),  # type: ignore[attr-defined]
            total=vn_number(row.participants_total),  # type: ignore[attr-defined]
            statements_pending=row.statements_pending,  # type: ignore[attr-defined]
        )
        for row in panel_consultations(unit=unit)
    ]
    return {"unit": unit, "rows": rows}
