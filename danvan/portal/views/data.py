"""Open data: the catalogue page, a DCAT-style catalogue and streamed CSV/JSON downloads.

Downloads are streamed from the database a chunk at a time (see
:meth:`danvan.portal.records.Dataset.rows`), so a dataset of a million rows costs the
server no more memory than one of ten. ``Last-Modified`` and ``ETag`` come from the
dataset's ``updated_at`` (one ``MAX`` query), so a client that already has the file gets a
304 without a single row being read.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET, require_safe

from danvan.portal.records import DATASETS, Dataset, Filters, Row, dataset_get, licence
from danvan.units.models import Unit

UNIT_PARAMETER = "don-vi"
COUNT_CACHE_SECONDS = 3600
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _cell(value: Any) -> str:
    """A CSV cell: ISO dates, true/false, and text a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):  # aware (USE_TZ): written in Vietnam time
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(CSV_FORMULA_START) else text


class _Line:
    """A file-like object whose ``write`` hands back the line (for ``csv.writer``)."""

    def write(self, value: str) -> str:
        return value


def csv_stream(dataset: Dataset, filters: Filters) -> Iterator[str]:
    """The BOM (so Excel reads UTF-8 Vietnamese), the header of column names, the rows."""
    writer = csv.writer(_Line())
    yield "\ufeff" + str(writer.writerow(dataset.field_names))
    for row in dataset.rows(filters):
        yield str(writer.writerow([_cell(row[name]) for name in dataset.field_names]))


def _dump(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def metadata(request: HttpRequest, dataset: Dataset, updated_at: dt.datetime | None) -> Row:
    """What a JSON download says about itself before its records."""
    return {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "licence": licence(),
        "source": request.build_absolute_uri(reverse("portal:data_catalogue")),
        "updated_at": updated_at,
        "fields": [
            {"name": column.name, "label": str(column.label), "type": column.type}
            for column in dataset.columns
        ],
    }


def json_stream(head: Row, dataset: Dataset, filters: Filters) -> Iterator[str]:
    """``{...metadata, "records": [...]}`` written a record at a time."""
    opening = _dump(head)
    yield opening[:-1] + ', "records": ['
    separator = ""
    for row in dataset.rows(filters):
        yield separator + _dump(row)
        separator = ", "
    yield "]}\n"


def _filters(request: HttpRequest) -> tuple[Filters, Unit | None]:
    code = request.GET.get(UNIT_PARAMETER, "").strip()
    if not code:
        return Filters(), None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise Http404
    return Filters(unit=unit), unit


def _etag(*parts: object) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return quote_etag(digest)


def _count(dataset: Dataset, updated_at: dt.datetime | None) -> int:
    """The number of rows, counted again only when the rows change: a ``COUNT`` over a
    million rows on every view of the catalogue would not be cheap."""
    key = f"portal:data:count:{dataset.slug}:{updated_at.isoformat() if updated_at else ''}"
    count = cache.get(key)
    if count is None:
        count = dataset.count()
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return int(count)


@require_GET
def data_catalogue(request: HttpRequest) -> HttpResponse:
    """Every dataset with its description, licence, last update, size and formats."""
    entries = []
    for dataset in DATASETS.values():
        updated_at = dataset.updated_at()
        entries.append(
            {"dataset": dataset, "updated_at": updated_at, "count": _count(dataset, updated_at)}
        )
    return render(
        request,
        "portal/data/catalogue.html",
        {"entries": entries, "licence": licence(), "unit_parameter": UNIT_PARAMETER},
    )


@require_GET
def data_catalog_json(request: HttpRequest) -> JsonResponse:
    """The catalogue in the DCAT vocabulary (JSON-LD), for data portals that harvest it."""
    rights = licence()
    datasets = []
    for dataset in DATASETS.values():
        updated = dataset.updated_at()
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.slug,
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:modified": updated.isoformat() if updated else None,
                "dct:license": rights["url"] or rights["name"],
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:format": fmt.upper(),
                        "dcat:mediaType": CONTENT_TYPES[fmt].split(";")[0],
                        "dcat:downloadURL": request.build_absolute_uri(
                            reverse("portal:data_download", args=[dataset.slug, fmt])
                        ),
                    }
                    for fmt in CONTENT_TYPES
                ],
            }
        )
    body = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
        },
        "@type": "dcat:Catalog",
        "dct:title": str(translation.gettext("Open data")),
        "dct:language": translation.get_language() or "vi",
        "dct:license": rights["url"] or rights["name"],
        "dcat:dataset": datasets,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
def data_download(
    request: HttpRequest, slug: str, fmt: str
) -> HttpResponse | StreamingHttpResponse:
    """One dataset as CSV or JSON, streamed; 304 when the client's copy is current."""
    dataset = dataset_get(slug)
    if dataset is None or fmt not in CONTENT_TYPES:
        raise Http404
    filters, unit = _filters(request)
    updated_at = dataset.updated_at(filters)
    etag = _etag(
        slug, fmt, unit.code if unit else "", updated_at, translation.get_language(), licence()
    )
    last_modified = int(updated_at.timestamp()) if updated_at else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    if fmt == "csv":
        stream = csv_stream(dataset, filters)
    else:
        stream = json_stream(metadata(request, dataset, updated_at), dataset, filters)
    response = StreamingHttpResponse(stream, content_type=CONTENT_TYPES[fmt])
    name = f"{slug}-{unit.code}" if unit else slug
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    return response
