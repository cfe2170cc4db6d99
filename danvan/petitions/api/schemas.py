"""Input and output shapes of the Open311 GeoReport v2 API (they make the OpenAPI document)."""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, StringConstraints


def _blank_is_none(value: object) -> object:
    # Form clients send an empty field for "no value"; an empty coordinate is no coordinate.
    return None if isinstance(value, str) and not value.strip() else value


# PostgreSQL text cannot hold NUL: the schema says so, and such input is a 400, not a 500.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL)]


def _iso_text(value: object) -> object:
    # Pydantic would also read "0.5" as a Unix time; GeoReport dates are W3C/ISO 8601 text.
    if isinstance(value, str) and not ISO_DATE.match(value):
        raise ValueError("must be an ISO 8601 date-time such as 2026-11-26T09:30:00+07:00")
    return value


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt ]|$)")
Moment = Annotated[dt.datetime, BeforeValidator(_iso_text)]
# Comma-separated lists, as GeoReport passes several values in one parameter.
StatusList = Annotated[
    str, StringConstraints(pattern=r"^(open|closed)(,(open|closed))*$", max_length=20)
]
IdList = Annotated[str, StringConstraints(pattern=NO_NUL, max_length=2000)]
Coordinate = Annotated[Decimal | None, BeforeValidator(_blank_is_none)]


class ServiceOut(Schema):
    """One service type: a field (lĩnh vực) of kiến nghị/phản ánh."""

    service_code: str = Field(description="Code of the field (lĩnh vực), e.g. `dat-dai`.")
    service_name: str = Field(description="Vietnamese name of the field.")
    description: str
    metadata: bool = Field(description="Always false: no extra attributes are asked.")
    type: str = Field(description="Always `realtime`: requests are created at once.")
    keywords: str = Field(description="Comma-separated words to find the service by.")
    group: str


class ServiceRequestOut(Schema):
    """A kiến nghị/phản ánh as the public may see it: never the petitioner's identity."""

    service_request_id: str = Field(description="The tracking code given to the citizen.")
    status: str = Field(description="`open` or `closed`.")
    status_notes: str | None = None
    service_name: str
    service_code: str
    description: str = Field(
        description="The content with personal data removed for requests sent through this "
        "API; only the subject (headline) for petitions received by other channels."
    )
    agency_responsible: str = Field(description="The unit now handling the petition.")
    service_notice: str | None = None
    requested_datetime: dt.datetime
    updated_datetime: dt.datetime
    expected_datetime: dt.datetime | None = Field(
        None, description="The legal due date, at the end of that day in Vietnam (UTC+7)."
    )
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None


class RequestCreatedOut(Schema):
    service_request_id: str
    service_notice: str | None = None
    account_id: str | None = None
    token: str | None = None


class ErrorOut(Schema):
    """A GeoReport error: ``code`` and English ``description``, plus a stable ``key`` and
    the ``message`` in the client's language (Vietnamese unless Accept-Language says so)."""

    code: int
    description: str
    key: str
    message: str


class RequestIn(Schema):
    """A GeoReport POST (application/x-www-form-urlencoded)."""

    service_code: Text = Field(max_length=64)
    description: Text = Field("", max_length=10_000)
    lat: Coordinate = Field(None, ge=-90, le=90)
    long: Coordinate = Field(None, ge=-180, le=180)
    address_string: Text = Field("", max_length=255)
    address_id: Text = Field("", max_length=64)
    email: Text = Field("", max_length=254)
    first_name: Text = Field("", max_length=75)
    last_name: Text = Field("", max_length=75)
    phone: Text = Field("", max_length=20)
    media_url: Text = Field("", max_length=500)
    device_id: Text = Field("", max_length=128, description="Accepted and not kept.")
    account_id: Text = Field("", max_length=128, description="Accepted and not kept.")
    api_key: Text = Field(
        "", max_length=128, description="Optional; scopes the Idempotency-Key when given."
    )
    jurisdiction_id: Text = Field(
        "", max_length=64, description="Code of the unit that receives the petition."
    )
    agency: Text = Field("", max_length=64, description="Same as jurisdiction_id (extension).")
