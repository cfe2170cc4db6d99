"""The public statistics of the "Dân vận khéo" movement: sentences, charts, tables and a CSV.

Aggregates are public (provinces publish them in their reports), so these pages need no
sign-in and show no person: counts only. Staff see the same page.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from danvan.emulation.charts import CHARTS, chart_svg
from danvan.emulation.forms.statistics import StatisticsForm, whole_country
from danvan.emulation.models import Field, Level
from danvan.emulation.selectors.statistics import (
    GroupRow,
    ScopeStatistics,
    cached_scope_statistics,
    statistics_sentences,
)

CACHE_SECONDS = 300


def _statistics(request: HttpRequest) -> tuple[StatisticsForm, ScopeStatistics]:
    country = whole_country()
    if country is None:
        raise Http404("no map loaded")
    form = StatisticsForm(request.GET or None)
    scope, year = form.scope_and_year(country)
    return form, cached_scope_statistics(scope, year)


def _public(response: HttpResponse | StreamingHttpResponse) -> None:
    # The language comes from a cookie: caches must keep one copy per language.
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    patch_cache_control(response, max_age=CACHE_SECONDS)


@require_GET
def statistics_index(request: HttpRequest) -> HttpResponse:
    form, stats = _statistics(request)
    field_level = [
        (label, [stats.field_level[(value, level)] for level in Level.values])
        for value, label in Field.choices
    ]
    response = render(
        request,
        "emulation/statistics/index.html",
        {
            "form": form,
            "stats": stats,
            "sentences": statistics_sentences(stats.scope, stats.current),
            # Our own SVG, built with ElementTree (every text escaped): safe to inline.
            "charts": [mark_safe(build(stats)) for build in CHARTS.values()],  # noqa: S308
            "chart_kinds": list(CHARTS),
            "levels": Level.choices,
            "field_level": field_level,
            "query": request.GET.urlencode(),
        },
    )
    _public(response)
    return response


@require_GET
def statistics_chart(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in CHARTS:
        raise Http404("no such chart")
    _form, stats = _statistics(request)
    response = HttpResponse(chart_svg(kind, stats), content_type="image/svg+xml; charset=utf-8")
    _public(response)
    return response


class _Echo:
    """A file-like object whose ``write`` hands the line back (the streamed CSV pattern)."""

    def write(self, value: str) -> str:
        return value


def _csv_rows(stats: ScopeStatistics) -> Iterator[list[str]]:
    yield [
        pgettext("emulation statistics csv", "Table"),
        pgettext("emulation statistics csv", "Group"),
        pgettext("emulation statistics csv", "New in the year"),
        pgettext("emulation statistics csv", "In force at the end of the year"),
        pgettext("emulation statistics csv", "Recognised in the year"),
        pgettext("emulation statistics csv", "Removed in the year"),
    ]
    tables: list[tuple[str, list[GroupRow]]] = [
        (pgettext("emulation statistics csv", "By field"), stats.by_field),
        (pgettext("emulation statistics csv", "By level"), stats.by_level),
        (pgettext("emulation statistics csv", "By kind"), stats.by_kind),
        (
            pgettext("emulation statistics csv", "By field and level"),
            list(stats.field_level.values()),
        ),
        (pgettext("emulation statistics csv", "By unit"), stats.by_unit),
    ]
    for table, rows in tables:
        for row in rows:
            yield [
                table,
                row.label,
                str(row.new),
                str(row.in_force),
                str(row.recognised),
                str(row.removed),
            ]


@require_GET
def statistics_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, stats = _statistics(request)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # a byte-order mark, so spreadsheet programs read UTF-8
        for row in _csv_rows(stats):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    # An ASCII file name whatever the language (Vietnamese without diacritics).
    response["Content-Disposition"] = (
        f'attachment; filename="thong-ke-dan-van-kheo-{stats.scope.code}-{stats.year}.csv"'
    )
    _public(response)
    return response
