"""Writes behind the Open311 API: a GeoReport "service request" becomes a kiến nghị case.

Every channel ends in :func:`danvan.petitions.services.cases.case_receive`; this module only
turns the GeoReport fields into its arguments and keeps the location. A client that
retries (``Idempotency-Key`` header) gets the case made the first time, never a second one.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from danvan.core.exceptions import ApplicationError
from danvan.petitions.models import Case, Field
from danvan.petitions.models.stats import CaseLocation
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.units.models import Unit

# Keys of other channels have their own prefixes, so an API retry never meets a web form's.
KEY_PREFIX = "o311:"
SUBJECT_LENGTH = 150
MICRO_DEGREE = Decimal("0.000001")


@dataclass(frozen=True)
class Open311Submission:
    """A GeoReport POST, already parsed (types) but not yet checked (rules)."""

    service_code: str
    description: str
    lat: Decimal | None = None
    long: Decimal | None = None
    address_string: str = ""
    address_id: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    phone: str = ""
    media_url: str = ""


class Open311Error(ApplicationError):
    """A request the API refuses; ``key`` is stable for clients, ``status`` the HTTP code.

    ``text`` stays lazy so the API can give the GeoReport ``description`` in English and
    the ``message`` in the client's language from the same msgid.
    """

    def __init__(self, text: StrOrPromise, *, key: str, status: int = 400) -> None:
        super().__init__(str(text), extra={"key": key})
        self.text = text
        self.key = key
        self.status = status


def idempotency_key_for(*, client_key: str, scope: str) -> str:
    """The case's ``idempotency_key`` for a client's ``Idempotency-Key`` header.

    Scoped by the API key or, without one, by the client's address, so one client's key
    never finds another client's case; hashed, so any header fits the 64-character column.
    """
    digest = hashlib.sha256(f"{scope}\n{client_key}".encode()).hexdigest()
    return KEY_PREFIX + digest[: 64 - len(KEY_PREFIX)]


def subject_from(description: str) -> str:
    """A headline for the case: the description's first line, cut at a word boundary."""
    first = description.strip().splitlines()[0].strip()
    if len(first) <= SUBJECT_LENGTH:
        return first
    cut = first[: SUBJECT_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _checked(submission: Open311Submission) -> Open311Submission:
    if not submission.description.strip():
        raise Open311Error(_("The description is required."), key="description_required")
    if (submission.lat is None) != (submission.long is None):
        raise Open311Error(_("Give both lat and long, or neither."), key="location_incomplete")
    if submission.lat is None and not (submission.address_string or submission.address_id):
        raise Open311Error(
            _("A location is required: lat and long, address_string or address_id."),
            key="location_required",
        )
    if submission.email:
        try:
            validate_email(submission.email)
        except ValidationError:
            raise Open311Error(_("The e-mail address is not valid."), key="email_invalid") from None
    if submission.media_url:
        try:
            URLValidator(schemes=["http", "https"])(submission.media_url)
        except ValidationError:
            raise Open311Error(
                _("media_url must be an http or https address."), key="media_url_invalid"
            ) from None
    if submission.lat is not None and submission.long is not None:
        # The column keeps 6 decimals (about 10 cm); more would fail validation, not help.
        submission = replace(
            submission,
            lat=submission.lat.quantize(MICRO_DEGREE),
            long=submission.long.quantize(MICRO_DEGREE),
        )
    return submission


def _field(code: str) -> Field:
    field = Field.objects.filter(code=code, is_active=True).first()
    if field is None:
        raise Open311Error(_("The service_code was not found."), key="service_code_not_found")
    return field


def _same_request(case: Case, *, field: Field, description: str) -> bool:
    return case.field_id == field.pk and case.content == description.strip()


def open311_request_create(
    *,
    submission: Open311Submission,
    receiving_unit: Unit,
    idempotency_key: str | None = None,
    received_at: dt.datetime | None = None,
) -> tuple[Case, bool]:
    """Receive a kiến nghị/phản ánh sent through the API; return ``(case, created)``.

    A repeated ``idempotency_key`` with the same service and description returns the first
    case (``created=False``); with a different request it is refused, so a client bug that
    reuses keys cannot silently swallow a new petition.
    """
    submission = _checked(submission)
    field = _field(submission.service_code)
    if receiving_unit.is_place:
        raise Open311Error(
            _("This jurisdiction is a place, not a body that receives petitions."),
            key="jurisdiction_not_receiving",
        )
    name = " ".join(part for part in (submission.last_name, submission.first_name) if part)
    with transaction.atomic():
        case, created = case_receive(
            kind=Case.Kind.PETITION,
            channel=Case.Channel.API,
            subject=subject_from(submission.description),
            content=submission.description,
            receiving_unit=receiving_unit,
            received_at=received_at,
            field=field,
            petitioner=Petitioner(
                name=name.strip(), phone=submission.phone.strip(), email=submission.email.strip()
            ),
            idempotency_key=idempotency_key,
        )
        if not created:
            if not _same_request(case, field=field, description=submission.description):
                raise Open311Error(
                    _("This Idempotency-Key was already used for a different request."),
                    key="idempotency_key_reused",
                    status=409,
                )
            return case, False
        location = CaseLocation(
            case=case,
            lat=submission.lat,
            long=submission.long,
            address_string=submission.address_string.strip(),
            address_id=submission.address_id.strip(),
            media_url=submission.media_url.strip(),
        )
        location.full_clean()
        location.save()
    return case, True
