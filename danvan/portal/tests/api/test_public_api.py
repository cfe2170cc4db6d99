"""The public API: the datasets as JSON pages, filters, errors, rate limit and docs."""

import json
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from ninja.errors import HttpError

from danvan.emulation.models import Exemplar
from danvan.portal.api.public import _on_http_error, public_api_throttle
from danvan.portal.records import DATASETS
from danvan.portal.tests.data.world import SECRETS, PublicWorld

API = "/api/v1"


def test_no_endpoint_returns_private_data(client: Client, public_world: PublicWorld) -> None:
    # given every list, and every detail of a private row
    dumped = ""
    for slug in DATASETS:
        response = client.get(f"{API}/{slug}", {"limit": 200})
        assert response.status_code == 200
        dumped += response.content.decode()
    for hidden in Exemplar.objects.exclude(status=Exemplar.Status.RECOGNISED):
        response = client.get(f"{API}/models/{hidden.pk}")
        # then a private model is as missing as an unknown one
        assert response.status_code == 404
        assert response.json()["key"] == "not_found"
    # and none of the private texts appear
    for secret in SECRETS:
        assert secret not in dumped, secret


def test_list_pages_with_a_cursor(client: Client, public_world: PublicWorld) -> None:
    # when the models are read two at a time
    first = client.get(f"{API}/models", {"limit": 2}).json()
    second = client.get(f"{API}/models", {"limit": 2, "cursor": first["next_cursor"]}).json()
    # then the pages continue without a repeat, and the last says there is no more
    assert first["has_more"] is True
    assert second["has_more"] is False
    assert second["next_cursor"] is None
    ids = [row["id"] for row in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 3


def test_details_by_id_and_by_code(client: Client, public_world: PublicWorld) -> None:
    model = client.get(f"{API}/models/{public_world.example.pk}").json()
    unit = client.get(f"{API}/units/VN-12205").json()
    assert model["person_name"] == "Trần Văn Bảy"
    assert unit["name"] == "Xã Khoái Châu"
    assert client.get(f"{API}/units/VN-12205-dong").status_code == 404
    assert client.get(f"{API}/model-statistics/1").status_code == 404


def test_filters(client: Client, public_world: PublicWorld) -> None:
    ward = client.get(f"{API}/models", {"unit": "VN-11953"}).json()
    year = client.get(f"{API}/models", {"year": 2024}).json()
    field = client.get(f"{API}/models", {"field": "culture_society"}).json()
    since = client.get(f"{API}/models", {"updated_since": "2026-11-27T00:00:00+07:00"}).json()
    naive = client.get(f"{API}/models", {"updated_since": "2026-11-26T00:00:00"}).json()
    assert [r["id"] for r in ward["items"]] == [public_world.ward_model.pk]
    assert [r["id"] for r in year["items"]] == [public_world.ward_model.pk]
    assert [r["id"] for r in field["items"]] == [public_world.example.pk]
    assert since["items"] == []
    assert len(naive["items"]) == 3


@pytest.mark.parametrize(
    ("params", "status", "key"),
    [
        ({"unit": "VN-404"}, 404, "unit_not_found"),
        ({"limit": 201}, 400, "invalid_parameters"),
        ({"cursor": "abc"}, 400, "invalid_parameters"),
        ({"updated_since": "0.5"}, 400, "invalid_parameters"),
    ],
)
def test_bad_parameters_are_refused_with_a_stable_key(
    client: Client, public_world: PublicWorld, params: dict[str, Any], status: int, key: str
) -> None:
    response = client.get(f"{API}/models", params)
    assert response.status_code == status
    assert response.json()["key"] == key


def test_messages_follow_accept_language(client: Client, public_world: PublicWorld) -> None:
    # when the same error is asked for in English and in Vietnamese
    english = client.get(f"{API}/models/0", headers={"Accept-Language": "en"}).json()
    vietnamese = client.get(f"{API}/models/0", headers={"Accept-Language": "vi"}).json()
    # then the key is the same and the message is in each language
    assert english == {"status": 404, "key": "not_found", "message": "Not found."}
    assert vietnamese["key"] == "not_found"
    assert vietnamese["message"] != "Not found."


def test_rate_limit_answers_429_with_retry_after(
    client: Client, public_world: PublicWorld, settings: Any
) -> None:
    # given a limit of three requests a minute
    settings.DANVAN = {**settings.DANVAN, "PUBLIC_API_RATE_LIMIT": 3}
    # when a fourth arrives from the same address
    statuses = [client.get(f"{API}/units").status_code for _ in range(4)]
    refused = client.get(f"{API}/units", headers={"Accept-Language": "en"})
    # then it is refused with a wait and a stable key
    assert statuses == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["key"] == "rate_limited"
    # and another address is not affected
    other = client.get(f"{API}/units", REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_index_openapi_and_docs(client: Client, public_world: PublicWorld) -> None:
    index = client.get(f"{API}/").json()
    assert [d["slug"] for d in index["datasets"]] == list(DATASETS)
    spec = client.get(f"{API}/openapi.json").json()
    assert "/api/v1/models/{key}" in spec["paths"]
    assert "/api/v1/model-statistics/{key}" not in spec["paths"]
    docs = client.get(f"{API}/docs")
    html = docs.content.decode()
    # the docs page runs no inline script (the site's CSP applies)
    assert docs.status_code == 200
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in html
    assert "nonce=" in html
    assert "script-src" in docs["Content-Security-Policy"]
    settings_block = html.split('id="swagger-settings">')[1].split("</script>")[0]
    assert json.loads(settings_block)["url"] == "/api/v1/openapi.json"
    asset = client.get(f"{API}/docs/assets/swagger-ui.css")
    assert asset.status_code == 200


def test_an_expired_counter_starts_again(public_world: PublicWorld, rf: Any) -> None:
    # given the counter expires between add and incr
    throttle = public_api_throttle()
    request = rf.get(f"{API}/units")
    with mock.patch.object(cache, "incr", side_effect=ValueError):
        # then the request counts as the first of a new window
        assert throttle.allow_request(request) is True
    assert 0 < throttle.wait() <= 60


def test_other_http_errors_keep_the_error_shape(rf: Any) -> None:
    response = _on_http_error(rf.get(f"{API}/units"), HttpError(405, "Method not allowed"))
    assert response.status_code == 405
    assert json.loads(response.content)["key"] == "http_error"


def test_units_filtered_to_a_subtree(client: Client, public_world: PublicWorld) -> None:
    # when the units below the commune are asked for
    data = client.get(f"{API}/units", {"unit": "VN-12205"}).json()
    # then the commune and its committee come, oldest first, and not its village
    assert [row["code"] for row in data["items"]] == ["VN-12205", "VN-12205-ubnd"]
