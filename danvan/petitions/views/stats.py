"""The statistics page of a unit, its exports, and its dashboard panel.

Staff of the unit or of a unit above it see the figures of the unit and everything below
it; anyone else gets the same 404 as for a unit that does not exist. Charts are inline SVG
drawn on the server (no script, no inline style: SVG attributes only), each followed by
the table of the same figures for screen readers and for copying.
"""

import datetime as dt
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from danvan.core.dashboard import register_panel
from danvan.petitions.forms.stats import BookExportForm, StatsPeriodForm
from danvan.petitions.selectors.stats import (
    STATS_ROLES,
    Period,
    StatsRow,
    UnitStats,
    report_signer,
    unit_get_for_stats,
    unit_stats,
    user_may_read_stats,
)
from danvan.petitions.services.stats import (
    Signer,
    reception_book_export,
    stats_report_build,
    stats_workbook_build,
)
from danvan.units.models import Unit, User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COLOURS = {"received": "#a3161a", "resolved": "#1e6b34", "on_time": "#8a5a00"}

# --------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    fill: str
    series: str


@dataclass(frozen=True)
class BarGroup:
    label: str
    short_label: str
    centre: float
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class LegendItem:
    label: str
    fill: str
    x: float


@dataclass(frozen=True)
class BarChart:
    """Geometry of a grouped bar chart, ready for the SVG template."""

    chart_id: str
    title: str
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    groups: list[BarGroup]
    ticks: list[Tick]
    legend: list[LegendItem]


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10^k that is at least ``value`` (at least 1)."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def bar_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[StatsRow],
    series: Sequence[tuple[str, str, str]],
    width: int = 640,
    height: int = 260,
) -> BarChart:
    """Lay out ``rows`` as groups of bars, one bar per ``(attribute, label, colour)``."""
    left, right, top, bottom = 44, width - 8, 34, height - 40
    top_value = _nice_ceiling(max((getattr(r, s[0]) for r in rows for s in series), default=0))
    plot_height = bottom - top
    group_width = (right - left) / max(len(rows), 1)
    bar_width = group_width * 0.8 / max(len(series), 1)
    groups = []
    for index, row in enumerate(rows):
        start = left + index * group_width + group_width * 0.1
        bars = []
        for position, (attribute, label, fill) in enumerate(series):
            value = int(getattr(row, attribute))
            bar_height = plot_height * value / top_value
            bars.append(
                Bar(
                    x=round(start + position * bar_width, 1),
                    y=round(bottom - bar_height, 1),
                    width=round(bar_width * 0.92, 1),
                    height=round(bar_height, 1),
                    value=value,
                    fill=fill,
                    series=label,
                )
            )
        short = row.label if len(row.label) <= 14 else row.label[:13] + "…"
        groups.append(
            BarGroup(
                label=row.label,
                short_label=short,
                centre=round(left + (index + 0.5) * group_width, 1),
                bars=bars,
            )
        )
    # Whole-number gridlines: fifths of 5, 10, 50, …; quarters of 20, 200, …; units of 1, 2.
    divisions = 5 if top_value % 5 == 0 else (4 if top_value % 4 == 0 else top_value)
    ticks = [
        Tick(
            y=round(bottom - plot_height * step / divisions, 1),
            value=top_value * step // divisions,
        )
        for step in range(divisions + 1)
    ]
    legend = [
        LegendItem(label=label, fill=fill, x=left + index * 160)
        for index, (_attribute, label, fill) in enumerate(series)
    ]
    return BarChart(
        chart_id=chart_id,
        title=title,
        width=width,
        height=height,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        groups=groups,
        ticks=ticks,
        legend=legend,
    )


def _flow_series() -> list[tuple[str, str, str]]:
    return [
        ("received", _("Received"), COLOURS["received"]),
        ("resolved", _("Resolved"), COLOURS["resolved"]),
        ("resolved_on_time", _("Resolved on time"), COLOURS["on_time"]),
    ]


def stats_charts(stats: UnitStats) -> list[BarChart]:
    charts = [
        bar_chart(
            chart_id="chart-months",
            title=_("Cases per month"),
            rows=stats.by_month,
            series=_flow_series(),
        )
    ]
    if stats.by_kind:
        charts.append(
            bar_chart(
                chart_id="chart-kinds",
                title=_("Cases per kind"),
                rows=stats.by_kind,
                series=_flow_series(),
            )
        )
    if len(stats.by_unit) > 1:
        charts.append(
            bar_chart(
                chart_id="chart-units",
                title=_("Cases per unit"),
                rows=stats.by_unit[:12],
                series=_flow_series(),
            )
        )
    return charts


# --------------------------------------------------------------------------- pages


def _period_form(request: HttpRequest) -> StatsPeriodForm:
    return StatsPeriodForm(request.GET if "period" in request.GET else None)


@login_required
@require_GET
def stats_home(request: HttpRequest) -> HttpResponse:
    """The statistics of the unit chosen in the unit switcher."""
    active = getattr(request, "active_role", None)
    unit = getattr(active, "unit", None)
    if unit is None or not user_may_read_stats(user=request.user, unit=unit):
        raise Http404
    return redirect("petitions:stats_unit", code=unit.code)


@login_required
@require_GET
def stats_unit(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get_for_stats(user=request.user, code=code)
    form = _period_form(request)
    period = form.period_or_default()
    stats = unit_stats(unit=unit, start=period.start, end=period.end)
    book_form = BookExportForm(initial={"date_from": period.start, "date_to": period.end})
    return render(
        request,
        "petitions/stats/unit.html",
        {
            "unit": unit,
            "form": form,
            "period": period,
            "stats": stats,
            "charts": stats_charts(stats),
            "tables": [
                (_("By kind"), _("Kind"), stats.by_kind),
                (_("By field"), _("Field"), stats.by_field),
                (_("By unit"), _("Unit"), stats.by_unit),
                (_("By month"), _("Month"), stats.by_month),
            ],
            "book_form": book_form,
            "query": request.GET.urlencode(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _file(handle: Any, *, filename: str, content_type: str) -> FileResponse:
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


@login_required
@require_GET
def stats_excel(request: HttpRequest, code: str) -> FileResponse:
    unit = unit_get_for_stats(user=request.user, code=code)
    period = _period_form(request).period_or_default()
    stats = unit_stats(unit=unit, start=period.start, end=period.end)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    stats_workbook_build(stats=stats, period=period, out=handle)
    return _file(handle, filename=f"thong-ke-{unit.code}-{period.slug}.xlsx", content_type=XLSX)


@login_required
@require_GET
def stats_report(request: HttpRequest, code: str) -> FileResponse:
    unit = unit_get_for_stats(user=request.user, code=code)
    period = _period_form(request).period_or_default()
    stats = unit_stats(unit=unit, start=period.start, end=period.end)
    head = report_signer(unit=unit)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    stats_report_build(
        stats=stats,
        period=period,
        signed_on=timezone.localdate(),
        signer=Signer(name=head.name, title=head.title) if head else None,
        out=handle,
    )
    return _file(handle, filename=f"bao-cao-{unit.code}-{period.slug}.docx", content_type=DOCX)


@login_required
@require_GET
def stats_book(request: HttpRequest, code: str) -> HttpResponseBase:
    """The reception book (form 03/TCD) of the unit between two dates, as Excel."""
    unit = unit_get_for_stats(user=request.user, code=code)
    form = BookExportForm(request.GET)
    if not form.is_valid():
        return render(
            request, "petitions/stats/book_form.html", {"unit": unit, "form": form}, status=400
        )
    date_from: dt.date = form.cleaned_data["date_from"]
    date_to: dt.date = form.cleaned_data["date_to"]
    user = request.user
    assert isinstance(user, User)  # login_required
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    reception_book_export(unit=unit, actor=user, date_from=date_from, date_to=date_to, out=handle)
    filename = f"so-tiep-cong-dan-{unit.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
    return _file(handle, filename=filename, content_type=XLSX)


# --------------------------------------------------------------------------- dashboard


PANEL_MONTHS = 6


def panel_context(request: HttpRequest) -> dict[str, Any]:
    """The last six months of the active unit (and below), for the dashboard."""
    active = getattr(request, "active_role", None)
    unit: Unit | None = getattr(active, "unit", None)
    if unit is None or not user_may_read_stats(user=request.user, unit=unit):
        return {"unit": None}
    today = timezone.localdate()
    first = dt.date(today.year, today.month, 1)
    for _step in range(PANEL_MONTHS - 1):
        first = (first - dt.timedelta(days=1)).replace(day=1)
    stats = unit_stats(unit=unit, start=first, end=today, today=today)
    chart = bar_chart(
        chart_id="panel-stats-chart",
        title=_("Received and resolved, last six months"),
        rows=stats.by_month,
        series=_flow_series()[:2],
        width=420,
        height=200,
    )
    return {"unit": unit, "stats": stats, "chart": chart, "period": Period.containing(today)}


def register_panels() -> None:
    register_panel(
        key="petitions_stats",
        template="petitions/stats/panel.html",
        context=panel_context,
        roles=STATS_ROLES,
        order=40,
    )
