"""Pages of the monitoring area: the dashboard, its CSV, a unit's page, urging letters.

Thin views: the person's scope first (``selectors.monitoring.scope_for``: the places they
direct and the units they work in; nobody else gets anything but a 404), then one selector
or one service call.

Charts are inline SVG drawn on the server, as on the consultations dashboard: no script, no
``style`` attribute (the content security policy forbids inline styles), colours by class
from monitoring.css with SVG presentation attributes as the fallback, a ``<title>`` and a
``<desc>`` that carries the figures. Each chart is followed by the table of the same figures,
which is the accessible version and the one to copy from.
"""

from __future__ import annotations

import csv
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.docx_layout import Signer
from danvan.core.exceptions import ApplicationError
from danvan.directives.forms.monitoring import FilterForm, UrgingForm
from danvan.directives.models import Directive, UrgingLetter
from danvan.directives.selectors.monitoring import (
    Figures,
    Filters,
    Row,
    Scope,
    dashboard_figures,
    directive_late_units,
    directive_managed_or_none,
    directives_visible,
    late_items,
    letter_for_user_or_none,
    letters_of_directive,
    letters_visible,
    scope_for,
    unit_choices,
)
from danvan.directives.services.monitoring import default_working_days, urging_letters_generate
from danvan.directives.services.monitoring_docx import default_signer
from danvan.units.models import Unit, User

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UNITS_PER_PAGE = 100
CHART_UNITS = 20


def vn_number(value: int) -> str:
    """An integer written the Vietnamese way: 5.000."""
    return f"{value:,}".replace(",", ".")


def file_slug(text: str) -> str:
    """ASCII for a file name: "01-CV/BTGDVTU" → "01-cv-btgdvtu" (Đ becomes D)."""
    return slugify(text.replace("Đ", "D").replace("đ", "d").replace("/", "-"))


def _f(value: float) -> str:
    """A coordinate for SVG: always a dot, whatever the language of the page."""
    return f"{value:.1f}"


def task_labels() -> list[tuple[str, str]]:
    return [
        ("tasks_done", _("Done on time")),
        ("tasks_done_late", _("Done late")),
        ("tasks_in_progress", pgettext("task", "In progress")),
        ("tasks_overdue", _("Overdue")),
    ]


def report_labels() -> list[tuple[str, str]]:
    return [
        ("reports_accepted", pgettext("unit report", "Accepted")),
        ("reports_submitted", _("Submitted, awaiting review")),
        ("reports_pending", _("Not sent, not yet due")),
        ("reports_overdue", _("Missing after the due date")),
    ]


# --------------------------------------------------------------------------- charts

# Class (monitoring.css) and fallback fill of each category.
COLOURS: dict[str, tuple[str, str]] = {
    "tasks_done": ("ok", "#1e7d32"),
    "reports_accepted": ("ok", "#1e7d32"),
    "tasks_done_late": ("late", "#b26a00"),
    "reports_submitted": ("progress", "#2f5d8a"),
    "tasks_in_progress": ("progress", "#2f5d8a"),
    "reports_pending": ("progress", "#2f5d8a"),
    "tasks_overdue": ("overdue", "#a3161a"),
    "reports_overdue": ("missing", "#6a3d9a"),
}


@dataclass(frozen=True)
class Segment:
    x: str
    width: str
    css: str
    fill: str
    title: str


@dataclass(frozen=True)
class ChartRow:
    y: str
    text_y: str
    label: str
    short_label: str
    segments: list[Segment]
    value_x: str
    text: str


@dataclass(frozen=True)
class Chart:
    """Horizontal bars, one per row, each cut into the row's categories."""

    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    label_width: int
    rows: list[ChartRow]
    legend: list[tuple[str, str, str]]  # (label, css, fill)


WIDTH, LABEL_WIDTH, ROW_HEIGHT, LABEL_CHARS = 640, 220, 24, 32


def bar_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, Sequence[tuple[str, str, int]]]],
) -> Chart:
    """``rows``: (label, [(category key, category label, value)…]) each."""
    plot = WIDTH - LABEL_WIDTH - 60
    top = max((sum(v for _k, _l, v in segments) for _label, segments in rows), default=0) or 1
    chart_rows = []
    legend: dict[str, tuple[str, str, str]] = {}
    for index, (label, segments) in enumerate(rows):
        y = 4 + index * ROW_HEIGHT
        x = float(LABEL_WIDTH)
        parts = []
        for key, key_label, value in segments:
            css, fill = COLOURS[key]
            legend.setdefault(key, (key_label, css, fill))
            width = plot * value / top
            parts.append(
                Segment(
                    x=_f(x),
                    width=_f(width),
                    css=css,
                    fill=fill,
                    title=f"{label} — {key_label}: {vn_number(value)}",
                )
            )
            x += width
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        chart_rows.append(
            ChartRow(
                y=_f(y),
                text_y=_f(y + ROW_HEIGHT * 0.62),
                label=label,
                short_label=short,
                segments=parts,
                value_x=_f(x + 6),
                text=vn_number(sum(v for _k, _l, v in segments)),
            )
        )
    desc = "; ".join(
        f"{label}: "
        + ", ".join(f"{key_label} {vn_number(value)}" for _k, key_label, value in segments)
        for label, segments in rows
    )
    return Chart(
        chart_id=chart_id,
        title=title,
        desc=desc,
        width=WIDTH,
        height=8 + ROW_HEIGHT * max(len(rows), 1),
        label_width=LABEL_WIDTH,
        rows=chart_rows,
        legend=list(legend.values()),
    )


def status_chart(*, chart_id: str, title: str, row: Row, labels: list[tuple[str, str]]) -> Chart:
    """One bar per category (tasks or reports by status)."""
    return bar_chart(
        chart_id=chart_id,
        title=title,
        rows=[(label, [(key, label, getattr(row, key))]) for key, label in labels],
    )


def late_units_chart(units: list[Row]) -> Chart:
    """The units with the most overdue tasks and missing reports."""
    late = [row for row in units if row.late][:CHART_UNITS]
    overdue_tasks, missing = _("Overdue tasks"), _("Missing reports")
    return bar_chart(
        chart_id="chart-late-units",
        title=_("Units with the most late items"),
        rows=[
            (
                row.label,
                [
                    ("tasks_overdue", overdue_tasks, row.tasks_overdue),
                    ("reports_overdue", missing, row.reports_overdue),
                ],
            )
            for row in late
        ],
    )


# --------------------------------------------------------------------------- helpers


def _scope_or_404(request: HttpRequest) -> Scope:
    scope = scope_for(request.user)
    if scope.is_empty:
        raise Http404
    return scope


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # after the scope check: a signed-in officer
    return request.user


def _filters(request: HttpRequest, scope: Scope) -> tuple[FilterForm, Filters]:
    """The filter form bound to the query string, and the filters it resolves to.

    Anything the person may not see is not among the choices, so it is refused as invalid
    and the filter falls back to "all" of what they may see.
    """
    directives = list(directives_visible(scope).order_by("title").values_list("pk", "title"))
    # Units are offered for the directive chosen (or all), to keep the list short.
    directive_pk = request.GET.get("directive", "")
    chosen = next((pk for pk, _t in directives if str(pk) == directive_pk), None)
    chosen_directive = Directive.objects.filter(pk=chosen).first() if chosen else None
    units = unit_choices(scope=scope, filters=Filters(directive=chosen_directive))
    form = FilterForm(request.GET or None, directives=directives, units=units)
    if not form.is_bound or not form.is_valid():
        return form, Filters()
    data = form.cleaned_data
    unit = Unit.objects.filter(pk=data["unit"]).first() if data["unit"] else None
    return form, Filters(
        directive=chosen_directive if data["directive"] else None,
        unit=unit,
        due_from=data["due_from"],
        due_to=data["due_to"],
    )


def _query(request: HttpRequest, **changes: Any) -> str:
    params = {key: value for key, value in request.GET.items() if key != "page"}
    params.update({key: value for key, value in changes.items() if value is not None})
    return urlencode(params)


# --------------------------------------------------------------------------- pages


@require_GET
def monitoring_dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    form, filters = _filters(request, scope)
    today = timezone.localdate()
    figures = dashboard_figures(scope=scope, filters=filters, today=today)
    page = Paginator(figures.units, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    directive = filters.directive
    may_urge = directive is not None and request.user.has_perm("directives.manage", directive)
    context = {
        "form": form,
        "filters": filters,
        "figures": figures,
        "page": page,
        "task_labels": task_labels(),
        "report_labels": report_labels(),
        "charts": [
            status_chart(
                chart_id="chart-tasks",
                title=_("Tasks by status"),
                row=figures.total,
                labels=task_labels(),
            ),
            status_chart(
                chart_id="chart-reports",
                title=_("Reports by status"),
                row=figures.total,
                labels=report_labels(),
            ),
        ],
        "late_chart": late_units_chart(figures.units),
        "may_urge": may_urge,
        "letters": list(letters_of_directive(directive)[:10]) if may_urge and directive else [],
        "csv_query": _query(request),
        "page_query": _query(request),
    }
    return render(request, "directives/monitoring/dashboard.html", context)


def _csv_rows(figures: Figures) -> list[list[str]]:
    rows = [
        [_("Unit"), row.code, row.label, *[str(v) for v in row.values()]] for row in figures.units
    ]
    rows += [
        [_("Directive"), str(row.key or ""), row.label or _("Reports outside any directive")]
        + [str(v) for v in row.values()]
        for row in figures.directives
    ]
    rows.append([_("Total"), "", "", *[str(v) for v in figures.total.values()]])
    return rows


@require_GET
def monitoring_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's table as CSV (the same scope and filters as the page)."""
    scope = _scope_or_404(request)
    _form, filters = _filters(request, scope)
    today = timezone.localdate()
    figures = dashboard_figures(scope=scope, filters=filters, today=today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="theo-doi-{today:%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so that Excel reads the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Breakdown"),
            _("Code"),
            _("Name"),
            *[label for _k, label in task_labels()],
            *[label for _k, label in report_labels()],
        ]
    )
    writer.writerows(_csv_rows(figures))
    return response


@require_GET
def monitoring_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit's figures per directive and its late items (those the person may see)."""
    scope = _scope_or_404(request)
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not scope.covers_unit(unit):
        raise Http404
    today = timezone.localdate()
    filters = Filters(unit=unit)
    figures = dashboard_figures(scope=scope, filters=filters, today=today)
    items = late_items(scope=scope, filters=filters, today=today, include_done_late=True)
    titles = dict(
        Directive.objects.filter(pk__in={i.directive_id for i in items}).values_list("pk", "title")
    )
    context = {
        "unit": unit,
        "figures": figures,
        "items": [(item, titles.get(item.directive_id or 0, "")) for item in items],
        "task_labels": task_labels(),
        "report_labels": report_labels(),
        "today": today,
    }
    return render(request, "directives/monitoring/unit.html", context)


# --------------------------------------------------------------------------- urging letters


@require_http_methods(["GET", "POST"])
def monitoring_urge(request: HttpRequest, pk: int) -> HttpResponse:
    """Preview the late units of a directive and issue the letter(s)."""
    directive = directive_managed_or_none(request.user, pk)
    if directive is None:
        raise Http404
    today = timezone.localdate()
    late = directive_late_units(directive=directive, today=today)
    choices = [(unit.unit_id, unit.unit_name) for unit in late]
    signer = default_signer(directive.unit)
    if request.method == "POST":
        form = UrgingForm(request.POST, units=choices)
        if form.is_valid():
            data = form.cleaned_data
            chosen_signer = (
                Signer(name=data["signer_name"], title=data["signer_title"])
                if data["signer_name"] or data["signer_title"]
                else None
            )
            try:
                letters = urging_letters_generate(
                    directive=directive,
                    actor=_user(request),
                    per_unit=data["mode"] == UrgingForm.PER_UNIT,
                    working_days=data["working_days"],
                    key=data["key"],
                    unit_ids=data["units"],
                    signer=chosen_signer,
                    today=today,
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Urging letters issued: %(numbers)s.")
                    % {"numbers": ", ".join(letter.number for letter in letters)},
                )
                if len(letters) == 1:
                    return redirect("directives:monitoring_letter", pk=letters[0].pk)
                url = reverse("directives:monitoring_letters")
                return redirect(f"{url}?{urlencode({'directive': directive.pk})}")
    else:
        form = UrgingForm(
            units=choices,
            initial={
                "units": [pk for pk, _name in choices],
                "working_days": default_working_days(),
                "signer_name": signer.name if signer else "",
                "signer_title": signer.title if signer else "",
                "key": secrets.token_urlsafe(24),
            },
        )
    context = {"directive": directive, "late": late, "form": form, "today": today}
    return render(request, "directives/monitoring/urge.html", context)


@require_GET
def monitoring_letters(request: HttpRequest) -> HttpResponse:
    scope = _scope_or_404(request)
    letters = letters_visible(scope).order_by("-issued_on", "-pk")
    directive_pk = request.GET.get("directive", "")
    if directive_pk.isdigit():
        letters = letters.filter(directive_id=int(directive_pk))
    page = Paginator(letters, 50).get_page(request.GET.get("page"))
    return render(request, "directives/monitoring/letters.html", {"page": page})


@require_GET
def monitoring_letter(request: HttpRequest, pk: int) -> HttpResponse:
    view = letter_for_user_or_none(request.user, pk)
    if view is None:
        raise Http404
    recipients = list(view.letter.recipients.order_by("name")) if view.manager else []
    return render(
        request,
        "directives/monitoring/letter.html",
        {"view": view, "letter": view.letter, "recipients": recipients},
    )


@require_GET
def monitoring_letter_download(request: HttpRequest, pk: int) -> HttpResponse:
    view = letter_for_user_or_none(request.user, pk)
    if view is None or not view.may_download:
        raise Http404
    letter: UrgingLetter = view.letter
    name = f"cong-van-don-doc-{file_slug(letter.number)}.docx"
    response = HttpResponse(bytes(letter.content), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
