"""The public API (read-only), mounted at ``/api/v1/``: one list and one detail endpoint per
dataset of :mod:`danvan.portal.records`, so the API shows exactly what the pages and the
open-data files show.

Lists use cursor (keyset) pagination: ``next_cursor`` is the last row's key, and the next
page starts after it through the primary-key index, so page 10,000 is as fast as page 1.
There is no total count (a ``COUNT`` over a million rows on every page); ``has_more`` says
whether there is a next page. Every request is rate-limited per client address.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from ninja import NinjaAPI
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.params import P, PathEx, QueryEx

from danvan.core.api_docs import LocalSwagger
from danvan.core.throttling import PerAddressThrottle
from danvan.portal.api.schemas import (
    PAGE_SCHEMAS,
    ROW_SCHEMAS,
    Cursor,
    ErrorOut,
    Moment,
    Text,
)
from danvan.portal.records import DATASETS, Dataset, Filters, licence
from danvan.units.models import Unit

RATE_WINDOW_SECONDS = 60
DEFAULT_RATE_LIMIT = 120  # requests per client address per minute
MAX_LIMIT = 200
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

DESCRIPTION = """
Read-only public records of danvan: the same datasets as the open-data files
(`/cong-thong-tin/du-lieu-mo/`), under the licence named there.

* **Pages.** Lists return `{items, next_cursor, has_more}`; pass `next_cursor` back as
  `cursor` for the next page. `limit` is at most 200. There is no total count.
* **Filters.** `unit` (a unit code: that unit and every unit below it), `year`, `field`,
  `updated_since` (ISO 8601); a dataset ignores a filter it has no column for.
* **Privacy.** Only what the public pages show: never a petitioner, never a complaint or
  denunciation, never an unpublished answer, a draft not yet open or a model not recognised.
* **Errors.** `{status, key (stable), message (Accept-Language; Vietnamese by default)}`.
  Rate-limited per client address: HTTP 429 with `Retry-After`.
"""


def public_api_throttle() -> PerAddressThrottle:
    """At most ``DANVAN["PUBLIC_API_RATE_LIMIT"]`` requests per client address per minute."""
    return PerAddressThrottle(
        setting="PUBLIC_API_RATE_LIMIT",
        default=DEFAULT_RATE_LIMIT,
        window_seconds=RATE_WINDOW_SECONDS,
        prefix="public-api",
    )


public_api = NinjaAPI(
    title="danvan public API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="public_api",
    docs=LocalSwagger(),
    throttle=[public_api_throttle()],
)

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class PublicApiError(Exception):
    def __init__(self, text: StrOrPromise, *, key: str, status: int = 400) -> None:
        super().__init__(str(text))
        self.text = text
        self.key = key
        self.status = status


def _language(request: HttpRequest) -> str:
    """API clients choose their language with Accept-Language (Vietnamese by default)."""
    return translation.get_language_from_request(request)


def _error(request: HttpRequest, *, status: int, text: StrOrPromise, key: str) -> HttpResponse:
    with translation.override(_language(request)):
        message = str(text)
    body = {"status": status, "key": key, "message": message}
    return public_api.create_response(request, body, status=status)


@public_api.exception_handler(PublicApiError)
def _on_refusal(request: HttpRequest, exc: PublicApiError) -> HttpResponse:
    return _error(request, status=exc.status, text=exc.text, key=exc.key)


@public_api.exception_handler(ValidationError)
def _on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    return _error(
        request,
        status=400,
        text=_("Invalid parameters: %(names)s.") % {"names": ", ".join(names)},
        key="invalid_parameters",
    )


@public_api.exception_handler(Http404)
def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, status=404, text=_("Not found."), key="not_found")


@public_api.exception_handler(Throttled)
def _on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(
        request,
        status=429,
        text=_("Too many requests from this address; try again in a minute."),
        key="rate_limited",
    )
    response["Retry-After"] = str(max(1, int(exc.wait or RATE_WINDOW_SECONDS)))
    return response


@public_api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, status=exc.status_code, text=exc.message, key="http_error")


def _filters(
    unit: str | None, year: int | None, field: str | None, updated_since: dt.datetime | None
) -> Filters:
    found = None
    if unit:
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise PublicApiError(_("No unit has this code."), key="unit_not_found", status=404)
    return Filters(unit=found, year=year, field=field or None, updated_since=_moment(updated_since))


def _moment(value: dt.datetime | None) -> dt.datetime | None:
    """An aware moment in UTC (naive ones are local time), kept within years the data can
    have: PostgreSQL refuses odd historical offsets such as -22:46."""
    if value is None:
        return None
    # Compared by year first: shifting year 1 or 9999 to UTC would overflow.
    if value.year < EARLIEST.year:
        return EARLIEST
    if value.year >= LATEST.year:
        return LATEST
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(dt.UTC)


def _list_view(dataset: Dataset) -> Callable[..., Any]:
    def view(
        request: HttpRequest,
        cursor: QueryEx[Cursor | None, P(description="next_cursor of the previous page.")] = None,
        limit: QueryEx[int, P(ge=1, le=MAX_LIMIT, description="Rows per page.")] = 50,
        unit: QueryEx[Text | None, P(description="A unit code: it and the units below it.")] = None,
        year: QueryEx[int | None, P(ge=1900, le=2100)] = None,
        field: QueryEx[Text | None, P(description="A field code.")] = None,
        updated_since: QueryEx[Moment | None, P(description="ISO 8601 date-time.")] = None,
    ) -> dict[str, Any]:
        with translation.override(_language(request)):
            filters = _filters(unit, year, field, updated_since)
            page = dataset.page(filters, cursor=cursor, limit=limit)
            return {
                "items": page.items,
                "next_cursor": page.next_cursor,
                "has_more": page.has_more,
            }

    view.__name__ = f"{dataset.slug.replace('-', '_')}_list"
    return view


def _detail_view(dataset: Dataset) -> Callable[..., Any]:
    def view(
        request: HttpRequest, key: PathEx[str, P(max_length=64, pattern=r"^[^\x00/]+$")]
    ) -> dict[str, Any]:
        with translation.override(_language(request)):
            row = dataset.get(key)
            if row is None:
                raise Http404
            return row

    view.__name__ = f"{dataset.slug.replace('-', '_')}_detail"
    return view


for _dataset in DATASETS.values():
    public_api.get(
        f"/{_dataset.slug}",
        response={200: PAGE_SCHEMAS[_dataset.slug], **ERRORS},
        summary=str(_dataset.title),
        operation_id=f"{_dataset.slug.replace('-', '_')}_list",
        tags=[_dataset.slug],
    )(_list_view(_dataset))
    if not _dataset.is_aggregate:
        public_api.get(
            f"/{_dataset.slug}/{{key}}",
            response={200: ROW_SCHEMAS[_dataset.slug], **ERRORS},
            summary=str(_dataset.title),
            operation_id=f"{_dataset.slug.replace('-', '_')}_detail",
            tags=[_dataset.slug],
        )(_detail_view(_dataset))


@public_api.get("/", response={200: dict[str, Any], **ERRORS}, summary="The datasets")
def dataset_index(request: HttpRequest) -> dict[str, Any]:
    with translation.override(_language(request)):
        return {
            "licence": licence(),
            "datasets": [
                {
                    "slug": dataset.slug,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                }
                for dataset in DATASETS.values()
            ],
        }
