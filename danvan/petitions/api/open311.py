"""The Open311 GeoReport v2 API for kiến nghị/phản ánh, mounted at ``/open311/v2/``.

Endpoints (JSON only): ``services.json``, ``requests.json`` (GET and POST) and
``requests/{service_request_id}.json``. Complaints and denunciations never appear; see
:mod:`danvan.petitions.api.selectors` for what is public. Errors follow GeoReport:
``[{"code": 400, "description": "…"}]`` with an English description, plus ``key`` (stable)
and ``message`` (in the client's language, Vietnamese by default).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from ninja import Form, NinjaAPI, Query, Status
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.params import HeaderEx, P, QueryEx

from danvan.core.api_docs import LocalSwagger
from danvan.core.client_ip import client_ip
from danvan.core.throttling import PerAddressThrottle
from danvan.petitions.api import selectors
from danvan.petitions.api.schemas import (
    ErrorOut,
    IdList,
    Moment,
    RequestCreatedOut,
    RequestIn,
    ServiceOut,
    ServiceRequestOut,
    StatusList,
    Text,
)
from danvan.petitions.api.services import (
    Open311Error,
    Open311Submission,
    idempotency_key_for,
    open311_request_create,
)
from danvan.petitions.models import Case
from danvan.units.models import Unit

RATE_WINDOW_SECONDS = 3600
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

DESCRIPTION = """
Open311 GeoReport v2 for **kiến nghị, phản ánh** (petitions and feedback) sent to Vietnamese
state bodies through danvan. Complaints (khiếu nại) and denunciations (tố cáo) are never
served: their codes answer 404 exactly like unknown codes.

* **Privacy.** No petitioner's name, address, ID number, phone or e-mail is ever returned.
  `description` is the content, with personal data replaced by "[đã che]", only for
  requests sent through this API (GeoReport requests are public); for petitions received
  by other channels it is the subject line only.
* **Dates.** `requested_datetime`, `updated_datetime` and `expected_datetime` are ISO 8601
  with the Vietnam offset (+07:00); `expected_datetime` is the legal due date (end of day).
* **Lists.** `requests.json` covers the last 90 days unless `start_date`/`end_date` say
  otherwise (any range is allowed); newest first, paged with `page` and `per_page`
  (extension). `service_request_id` (a comma-separated list) overrides the other filters.
* **Creating.** `POST requests.json` takes `application/x-www-form-urlencoded` fields. Name
  the receiving unit by its code in `jurisdiction_id` (or `agency`). `api_key` is optional.
  Send an `Idempotency-Key` header: a retry with the same key returns the first request.
  Creation is rate-limited per client address (HTTP 429 with `Retry-After`).
* **Errors.** `[{"code", "description" (English), "key", "message" (Accept-Language)}]`.
"""

open311_api = NinjaAPI(
    title="danvan Open311 GeoReport v2",
    version="2.0",
    description=DESCRIPTION,
    urls_namespace="open311",
    docs=LocalSwagger(),
)

ERRORS: dict[int, Any] = {400: list[ErrorOut], 404: list[ErrorOut]}


def _language(request: HttpRequest) -> str:
    """API clients choose their language with Accept-Language (Vietnamese by default)."""
    return translation.get_language_from_request(request)


def _errors(request: HttpRequest, *, status: int, text: StrOrPromise, key: str) -> HttpResponse:
    with translation.override("en"):
        description = str(text)
    with translation.override(_language(request)):
        message = str(text)
    body = [{"code": status, "description": description, "key": key, "message": message}]
    return open311_api.create_response(request, body, status=status)


@open311_api.exception_handler(Open311Error)
def _on_refusal(request: HttpRequest, exc: Open311Error) -> HttpResponse:
    return _errors(request, status=exc.status, text=exc.text, key=exc.key)


@open311_api.exception_handler(ValidationError)
def _on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    return _errors(
        request,
        status=400,
        text=_("Invalid or missing parameters: %(names)s.") % {"names": ", ".join(names)},
        key="invalid_parameters",
    )


@open311_api.exception_handler(Http404)
def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _errors(request, status=404, text=_("Not found."), key="not_found")


@open311_api.exception_handler(Throttled)
def _on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _errors(
        request,
        status=429,
        text=_("Too many requests from this address; try again later."),
        key="rate_limited",
    )
    response["Retry-After"] = str(int(exc.wait or RATE_WINDOW_SECONDS))
    return response


@open311_api.exception_handler(MultiPartParserError)
def _on_unreadable_body(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    return _errors(
        request, status=400, text=_("The request body could not be read."), key="body_unreadable"
    )


@open311_api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _errors(request, status=exc.status_code, text=exc.message, key="http_error")


def open311_throttle() -> PerAddressThrottle:
    """At most ``DANVAN["OPEN311_RATE_LIMIT"]`` requests per client address per hour."""
    return PerAddressThrottle(
        setting="OPEN311_RATE_LIMIT",
        default=20,
        window_seconds=RATE_WINDOW_SECONDS,
        prefix="open311:create",
    )


def _service_notice() -> str:
    return str(
        _(
            "Petitions and feedback are processed within the legal time limit; "
            "expected_datetime is the legal due date."
        )
    )


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _jurisdiction(code: str, *, status: int) -> Unit | None:
    if not code:
        return None
    unit = selectors.jurisdiction_get(code=code)
    if unit is None:
        raise Open311Error(
            _("The jurisdiction_id was not found."), key="jurisdiction_not_found", status=status
        )
    return unit


def _moment(value: dt.datetime | None) -> dt.datetime | None:
    """An aware moment (naive ones are Vietnam time), kept within years the data can have."""
    if value is None:
        return None
    # Compared by year first: shifting year 1 or 9999 to UTC would overflow.
    if value.year < EARLIEST.year:
        return EARLIEST
    if value.year >= LATEST.year:
        return LATEST
    if timezone.is_naive(value):
        value = value.replace(tzinfo=selectors.VIETNAM)
    return value


def _views(cases: Sequence[Case]) -> list[selectors.ServiceRequestView]:
    notice = _service_notice()
    return [selectors.service_request_view(case, service_notice=notice) for case in cases]


@open311_api.get(
    "/services.json",
    response={200: list[ServiceOut], **ERRORS},
    summary="List the service types (fields of kiến nghị/phản ánh)",
)
def service_list(
    request: HttpRequest,
    jurisdiction_id: Query[Text | None] = None,
) -> list[dict[str, Any]]:
    with translation.override(_language(request)):
        _jurisdiction(jurisdiction_id or "", status=404)
        group = str(_("Petitions and feedback"))
        return [
            {
                "service_code": field.code,
                "service_name": field.name,
                "description": str(_("Petitions and feedback about: %(field)s"))
                % {"field": field.name},
                "metadata": False,
                "type": "realtime",
                "keywords": ", ".join(
                    word for word in (field.name, field.name_en, field.code) if word
                ),
                "group": field.parent.name if field.parent is not None else group,
            }
            for field in selectors.open311_services()
        ]


@open311_api.get(
    "/requests.json",
    response={200: list[ServiceRequestOut], **ERRORS},
    summary="List kiến nghị/phản ánh, newest first",
)
def request_list(
    request: HttpRequest,
    service_request_id: Query[IdList | None] = None,
    service_code: Query[Text | None] = None,
    start_date: Query[Moment | None] = None,
    end_date: Query[Moment | None] = None,
    status: Query[StatusList | None] = None,
    jurisdiction_id: Query[Text | None] = None,
    page: QueryEx[int, P(ge=1, le=1000, description="Page number (extension).")] = 1,
    per_page: QueryEx[int, P(ge=1, le=200, description="Requests per page (extension).")] = 50,
) -> list[selectors.ServiceRequestView]:
    with translation.override(_language(request)):
        cases = selectors.open311_request_list(
            ids=_split(service_request_id),
            service_codes=_split(service_code),
            statuses=_split(status),
            start=_moment(start_date),
            end=_moment(end_date),
            jurisdiction=_jurisdiction(jurisdiction_id or "", status=404),
            page=page,
            per_page=per_page,
        )
        return _views(cases)


@open311_api.get(
    "/requests/{service_request_id}.json",
    response={200: list[ServiceRequestOut], **ERRORS},
    summary="Get one kiến nghị/phản ánh by its tracking code",
)
def request_detail(
    request: HttpRequest, service_request_id: str, jurisdiction_id: Query[Text | None] = None
) -> list[selectors.ServiceRequestView]:
    with translation.override(_language(request)):
        case = selectors.open311_request_get(code=service_request_id)
        if case is None:
            raise Http404
        return _views([case])


@open311_api.post(
    "/requests.json",
    response={200: list[RequestCreatedOut], 201: list[RequestCreatedOut], 409: list[ErrorOut]}
    | ERRORS,
    summary="Send a kiến nghị/phản ánh",
    throttle=[open311_throttle()],
    openapi_extra={"responses": {429: {"description": "Too many requests from this address."}}},
)
def request_create(
    request: HttpRequest,
    data: Form[RequestIn],
    idempotency_key: HeaderEx[Text | None, P(alias="Idempotency-Key", max_length=255)] = None,
) -> Status[list[dict[str, Any]]]:
    with translation.override(_language(request)):
        unit = _jurisdiction(data.jurisdiction_id or data.agency, status=400)
        if unit is None:
            unit = selectors.default_jurisdiction()
        if unit is None:
            raise Open311Error(
                _("Name the receiving unit in jurisdiction_id."), key="jurisdiction_required"
            )
        key = None
        if idempotency_key:
            scope = f"key:{data.api_key}" if data.api_key else f"ip:{client_ip(request)}"
            key = idempotency_key_for(client_key=idempotency_key, scope=scope)
        case, created = open311_request_create(
            submission=Open311Submission(
                service_code=data.service_code,
                description=data.description,
                lat=data.lat,
                long=data.long,
                address_string=data.address_string,
                address_id=data.address_id,
                email=data.email,
                first_name=data.first_name,
                last_name=data.last_name,
                phone=data.phone,
                media_url=data.media_url,
            ),
            receiving_unit=unit,
            idempotency_key=key,
        )
        body = [
            {
                "service_request_id": case.tracking_code,
                "service_notice": _service_notice(),
                "account_id": None,
                "token": None,
            }
        ]
        return Status(201 if created else 200, body)
