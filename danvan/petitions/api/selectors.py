"""Reads behind the Open311 GeoReport v2 API: which cases are public and what of them is.

The API is public and anonymous, so the whole privacy decision is made here, once:

* Only kiến nghị/phản ánh (``Case.Kind.PETITION``) exist for the API. Complaints,
  denunciations, anonymous reports and mixed letters not yet split are invisible: a code of
  theirs gives the same 404 as a code that does not exist, so nothing can be probed.
* No petitioner's name, address, ID number, phone or e-mail is ever returned, neither in
  its own field (GeoReport has none in responses) nor inside free text: the text shown is
  passed through the handling helper's redaction (the petitioner's own data and any
  e-mail, phone or ID number in the text become "[đã che]").
* The ``description`` is the redacted *content* only for cases sent through this API:
  GeoReport requests are public by design and the client said so to its user. For cases
  that came by the web form, the desk or post, the citizen did not publish anything, so
  the API shows only the redacted *subject* as a headline.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.petitions.models import Case, Field
from danvan.petitions.models.stats import CaseLocation
from danvan.petitions.selectors.intake import PUBLIC_STATUS as PUBLIC_STATUS
from danvan.petitions.services.handling import redact_personal_data
from danvan.petitions.tracking import tracking_code_normalise
from danvan.units.models import PATH_SEPARATOR, Unit

# The only kind of case the API knows (never complaints or denunciations).
PUBLIC_KINDS: tuple[str, ...] = (Case.Kind.PETITION,)
# GeoReport: a date range may not span more than 90 days; the default is the last 90 days.
MAX_RANGE = dt.timedelta(days=90)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class Open311Status:
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class ServiceRequestView:
    """One case as the API shows it (GeoReport v2 "service request" fields)."""

    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None


def open311_services() -> QuerySet[Field]:
    """The service list: the active fields (lĩnh vực) a petition can be about."""
    return Field.objects.filter(is_active=True).select_related("parent").order_by("name", "code")


def open311_public_cases() -> QuerySet[Case]:
    """Every case the API may show, with what its representation reads preloaded."""
    return (
        Case.objects.filter(kind__in=PUBLIC_KINDS)
        .select_related("field", "unit", "submitted_by", "location")
        .prefetch_related("representatives")
    )


def open311_request_get(*, code: str) -> Case | None:
    """The public case with tracking ``code`` (any accepted spelling), else ``None``."""
    normalised = tracking_code_normalise(code)
    if not normalised:
        return None
    return open311_public_cases().filter(tracking_code=normalised).first()


def jurisdiction_get(*, code: str) -> Unit | None:
    """The active unit with ``code`` (GeoReport ``jurisdiction_id``), else ``None``."""
    return Unit.objects.filter(code=code, is_active=True).first()


def default_jurisdiction() -> Unit | None:
    """The unit that receives requests naming none (setting ``DANVAN["OPEN311_DEFAULT_UNIT"]``)."""
    code = str(settings.DANVAN.get("OPEN311_DEFAULT_UNIT", "") or "")
    return jurisdiction_get(code=code) if code else None


def date_range(
    *, start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """GeoReport's window: both bounds given, or 90 days from the one given, or the last 90.

    GeoReport lets a server refuse ranges over 90 days; this one has no need to, since a
    page is an index range scan whatever the window (and an empty window is no error).
    """
    now = now or timezone.now()
    if start is None and end is None:
        return now - MAX_RANGE, now
    if start is None:
        assert end is not None
        return end - MAX_RANGE, end
    if end is None:
        return start, start + MAX_RANGE
    return start, end


def open311_request_list(
    *,
    ids: Sequence[str] = (),
    service_codes: Sequence[str] = (),
    statuses: Sequence[str] = (),
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    jurisdiction: Unit | None = None,
    page: int = 1,
    per_page: int = 50,
) -> list[Case]:
    """Public cases, newest first, one page at a time.

    ``ids`` (tracking codes) overrides every other filter, as GeoReport says. Otherwise the
    window is :func:`date_range` and the query is an index range scan on ``received_at``
    within the petition kind, so a page costs the same on a thousand cases or a million.
    """
    queryset = open311_public_cases()
    if ids:
        codes = {tracking_code_normalise(raw) for raw in ids} - {""}
        return list(queryset.filter(tracking_code__in=codes).order_by("-received_at", "-pk"))
    low, high = date_range(start=start, end=end)
    queryset = queryset.filter(received_at__gte=low, received_at__lte=high)
    if service_codes:
        queryset = queryset.filter(field__code__in=list(service_codes))
    wanted = set(statuses)
    if wanted == {Open311Status.OPEN}:
        queryset = queryset.filter(status__in=Case.OPEN_STATUSES)
    elif wanted == {Open311Status.CLOSED}:
        queryset = queryset.exclude(status__in=Case.OPEN_STATUSES)
    if jurisdiction is not None:
        queryset = queryset.filter(
            Q(unit=jurisdiction) | Q(unit__path__startswith=jurisdiction.path + PATH_SEPARATOR)
        )
    offset = (page - 1) * per_page
    return list(queryset.order_by("-received_at", "-pk")[offset : offset + per_page])


def _identity_terms(case: Case) -> list[str]:
    terms = [
        case.petitioner_name,
        case.petitioner_address,
        case.petitioner_id_number,
        case.petitioner_phone,
        case.petitioner_email,
    ]
    if case.submitted_by is not None:
        terms += [case.submitted_by.full_name, case.submitted_by.email, case.submitted_by.phone]
    terms += [representative.name for representative in case.representatives.all()]
    return terms


def public_description(case: Case) -> str:
    """What the API may say the case is about (see the module docstring)."""
    text = case.content if case.channel == Case.Channel.API else case.subject
    return redact_personal_data(text, terms=_identity_terms(case))


def end_of_day(day: dt.date) -> dt.datetime:
    """The last second of ``day`` in Vietnam: a legal due date runs to the end of the day."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=VIETNAM)


def _location(case: Case) -> CaseLocation | None:
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr gives None.
    location = getattr(case, "location", None)
    return location if isinstance(location, CaseLocation) else None


def _status_note(case: Case) -> str:
    # The public wording of the tracking page; the status label only for a status it lacks.
    note = PUBLIC_STATUS.get(case.status)
    return str(note) if note is not None else str(case.get_status_display())


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def service_request_view(case: Case, *, service_notice: str) -> ServiceRequestView:
    """Build the public representation of ``case`` (a case from :func:`open311_public_cases`)."""
    location = _location(case)
    field = case.field
    return ServiceRequestView(
        service_request_id=case.tracking_code,
        status=Open311Status.OPEN if case.is_open else Open311Status.CLOSED,
        status_notes=_status_note(case),
        service_name=field.name if field is not None else "",
        service_code=field.code if field is not None else "",
        description=public_description(case),
        agency_responsible=case.unit.name,
        service_notice=service_notice,
        requested_datetime=timezone.localtime(case.received_at, VIETNAM),
        updated_datetime=timezone.localtime(case.updated_at, VIETNAM),
        expected_datetime=end_of_day(case.due_on) if case.due_on is not None else None,
        address=(location.address_string or None) if location else None,
        address_id=(location.address_id or None) if location else None,
        zipcode=None,
        lat=_number(location.lat) if location else None,
        long=_number(location.long) if location else None,
        media_url=(location.media_url or None) if location else None,
    )
