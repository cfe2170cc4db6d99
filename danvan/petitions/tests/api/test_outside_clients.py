"""Outside Open311 clients against the API: the ``georeport`` library over real HTTP, and
schemathesis generating requests from the OpenAPI description."""

from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from georeport import GeoReport
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from danvan.petitions.models import Case, Field
from danvan.petitions.tests.api.conftest import PETITIONER, receive
from danvan.units.models import Unit


def test_georeport_library_lists_creates_and_reads(
    server: Any,
    commune_committee: Unit,
    fields: dict[str, Field],
) -> None:
    # given a complaint that must stay invisible
    complaint = receive(commune_committee, kind=Case.Kind.COMPLAINT, subject="Khiếu nại")
    root = f"{server.url}/open311/v2"
    client = GeoReport(root, jurisdiction=commune_committee.code)
    # when the client lists the services
    services = client.get_service_list()
    assert {service["service_code"] for service in services} >= {"dat-dai", "rac-thai"}
    # and creates a request the way GeoReport clients post (form-encoded, over HTTP)
    created = requests.post(
        f"{root}/requests.json",
        data={
            "jurisdiction_id": commune_committee.code,
            "service_code": services[0]["service_code"],
            "description": "Rác thải tồn đọng ở chợ Bô Thời nhiều ngày chưa được thu gom.",
            "lat": "20.8325",
            "long": "106.0169",
            "first_name": "Hoa",
            "last_name": "Lê Thị",
            "phone": PETITIONER.phone,
        },
        headers={"Idempotency-Key": "georeport-1"},
        timeout=10,
    )
    created.raise_for_status()
    code = created.json()[0]["service_request_id"]
    # then the client reads it back, alone and in the list
    one = client.get_service_request(code)
    listed = client.get_service_requests(service_request_id=code)
    recent = client.get_service_requests(status="open")
    assert one["service_request_id"] == code
    assert one["status"] == "open"
    assert one["agency_responsible"] == commune_committee.name
    assert [item["service_request_id"] for item in listed] == [code]
    assert code in {item["service_request_id"] for item in recent}
    assert complaint.tracking_code not in {item["service_request_id"] for item in recent}
    # and the complaint's code is an error for the client, like an unknown one
    with pytest.raises(requests.HTTPError) as error:
        client.get_service_request(complaint.tracking_code)
    assert error.value.response is not None
    assert error.value.response.status_code == 404
    assert PETITIONER.phone not in str(one) + str(recent)


# ------------------------------------------------------------------ schemathesis

schema = schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", get_wsgi_application())


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Let the WSGI app run inside the test's transaction.

    Django's own test client stops the handler from closing "old" database connections at
    the start and end of each request; schemathesis calls the bare WSGI app, which would
    close the test's connection mid-transaction on PostgreSQL.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_world(
    in_process_requests: None,
    db: None,
    commune_committee: Unit,
    fields: dict[str, Field],
    settings: Any,
) -> Unit:
    """Some data for the generated requests to find, and no rate limit in the way."""
    settings.DANVAN = {
        **settings.DANVAN,
        "OPEN311_RATE_LIMIT": 1_000_000,
        "OPEN311_DEFAULT_UNIT": commune_committee.code,
    }
    receive(commune_committee, field=fields["dat-dai"])
    receive(commune_committee, kind=Case.Kind.DENUNCIATION, subject="Tố cáo")
    return commune_committee


@schema.parametrize()
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_requests_never_fail_and_answers_match_the_schema(
    case: schemathesis.Case[Any], api_world: Unit
) -> None:
    # when schemathesis sends what the description allows (and what it does not)
    response = case.call()
    # then no request makes a server error, and each answer conforms to the description.
    # A POST the schema allows may still break a business rule the schema cannot state
    # (the service_code must be in the service list, a location is required as lat+long or
    # an address), so "valid data is accepted" is checked for the GET operations only.
    assert response.status_code < 500, response.text
    excluded: Any = [positive_data_acceptance] if case.method == "POST" else []
    case.validate_response(response, excluded_checks=excluded)
