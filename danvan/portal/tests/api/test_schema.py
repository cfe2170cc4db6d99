"""Schemathesis against the public API: generated requests, valid and invalid, never make a
server error, and every answer conforms to the OpenAPI description."""

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.generation.modes import GenerationMode

from danvan.portal.tests.data.world import SECRETS, PublicWorld, build_world

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# Valid requests and invalid ones (wrong types, out-of-range values, unknown parameters).
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Let the WSGI app run inside the test's transaction (schemathesis calls the bare WSGI
    app, which would otherwise close the test's connection mid-transaction on PostgreSQL)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_world(
    in_process_requests: None, db: None, frozen: time_machine.Traveller, settings: Any
) -> PublicWorld:
    """The world of public and private rows, and no rate limit in the way."""
    settings.DANVAN = {**settings.DANVAN, "PUBLIC_API_RATE_LIMIT": 1_000_000}
    return build_world()


@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_requests_never_fail_and_answers_match_the_schema(
    case: schemathesis.Case[Any], api_world: PublicWorld
) -> None:
    # when schemathesis sends what the description allows (and what it does not)
    response = case.call()
    # then no request makes a server error, each answer conforms to the description
    assert response.status_code < 500, response.text
    case.validate_response(response)
    # and no answer carries private data
    for secret in SECRETS:
        assert secret not in response.text
