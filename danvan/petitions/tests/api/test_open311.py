"""The Open311 GeoReport v2 API through HTTP: services, requests, creation, errors."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any, cast

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from danvan.petitions.api.open311 import open311_throttle
from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.models.stats import CaseLocation
from danvan.petitions.tests.api.conftest import NOW, PETITIONER, receive
from danvan.units.models import Unit, User

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture
def api() -> Client:
    return Client(HTTP_HOST="localhost")


def _post(api: Client, data: dict[str, Any], **headers: str) -> Any:
    return api.post(f"{BASE}/requests.json", data=data, headers=headers)


def _valid(unit: Unit, **extra: str) -> dict[str, str]:
    data = {
        "service_code": "giao-thong-ha-tang",
        "description": "Ổ gà lớn trước cổng trường tiểu học, xe máy dễ ngã.",
        "lat": "20.8572",
        "long": "105.9741",
        "address_string": "Cổng trường Tiểu học Đông Tảo",
        "jurisdiction_id": unit.code,
        "first_name": "Hoa",
        "last_name": "Lê Thị",
        "email": "lethihoa@example.vn",
        "phone": "0912345678",
    }
    data.update(extra)
    return data


def _error(response: Any, status: int, key: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body, list)
    assert len(body) == 1
    assert body[0]["code"] == status
    assert body[0]["key"] == key
    assert body[0]["description"]
    assert body[0]["message"]
    return dict(body[0])


# ------------------------------------------------------------------ services


def test_services_are_the_active_fields(api: Client, fields: dict[str, Field]) -> None:
    # when a client lists the services
    response = api.get(f"{BASE}/services.json")
    # then each active field is a realtime service without metadata
    assert response.status_code == 200
    services = {row["service_code"]: row for row in response.json()}
    assert set(services) == {"moi-truong", "dat-dai", "giao-thong-ha-tang", "rac-thai"}
    land = services["dat-dai"]
    assert land["service_name"] == "Đất đai"
    assert land["type"] == "realtime"
    assert land["metadata"] is False
    assert land["keywords"] == "Đất đai, Land, dat-dai"
    assert "Đất đai" in land["description"]
    # and a sub-field is grouped under its parent
    assert services["rac-thai"]["group"] == "Tài nguyên, môi trường"
    assert services["dat-dai"]["group"] != services["rac-thai"]["group"]


def test_services_with_unknown_jurisdiction_is_404(
    api: Client, fields: dict[str, Field], commune_committee: Unit
) -> None:
    assert (
        api.get(f"{BASE}/services.json", {"jurisdiction_id": commune_committee.code}).status_code
        == 200
    )
    _error(
        api.get(f"{BASE}/services.json", {"jurisdiction_id": "XX"}), 404, "jurisdiction_not_found"
    )


# ------------------------------------------------------------------ one request


def test_request_shows_status_unit_and_legal_due_date(
    api: Client, petition: Case, commune_committee: Unit
) -> None:
    # when a client reads a kiến nghị by its tracking code, in its printed form
    response = api.get(f"{BASE}/requests/{petition.display_code}.json")
    # then it gets a one-item list with the GeoReport fields
    assert response.status_code == 200
    [item] = response.json()
    assert item["service_request_id"] == petition.tracking_code
    assert item["status"] == "open"
    assert item["status_notes"]
    assert item["service_code"] == "giao-thong-ha-tang"
    assert item["service_name"] == "Giao thông, hạ tầng"
    assert item["agency_responsible"] == commune_committee.name
    assert item["requested_datetime"] == "2026-11-26T09:30:00+07:00"
    assert petition.due_on is not None
    assert item["expected_datetime"] == f"{petition.due_on.isoformat()}T23:59:59+07:00"
    assert item["service_notice"]
    # and a web-form petition shows its subject only, not the content
    assert item["description"] == petition.subject
    assert item["lat"] is None
    assert item["address"] is None


@pytest.mark.parametrize("code", ["complaint", "denunciation", "unknown", "malformed"])
def test_complaints_and_denunciations_look_exactly_like_unknown_codes(
    api: Client, request: pytest.FixtureRequest, petition: Case, code: str
) -> None:
    # given a complaint, a denunciation, an unknown and a malformed code
    codes = {"unknown": "DV0000000000", "malformed": "not-a-code"}
    if code in ("complaint", "denunciation"):
        case = request.getfixturevalue(code)
        codes[code] = case.tracking_code
    # when a client asks for it
    response = api.get(f"{BASE}/requests/{codes[code]}.json")
    # then the answer is the same 404 in every case
    assert response.status_code == 404
    assert response.json() == [
        {
            "code": 404,
            "description": "Not found.",
            "key": "not_found",
            "message": _vi("Not found."),
        }
    ]


def _vi(msgid: str) -> str:
    with translation.override("vi"):
        return translation.gettext(msgid)


def test_closed_case_is_closed(api: Client, petition: Case) -> None:
    Case.objects.filter(pk=petition.pk).update(status=Case.Status.ANSWERED)
    [item] = api.get(f"{BASE}/requests/{petition.tracking_code}.json").json()
    assert item["status"] == "closed"


# ------------------------------------------------------------------ lists


def test_list_shows_only_petitions_newest_first(
    api: Client,
    petition: Case,
    complaint: Case,
    denunciation: Case,
    commune_committee: Unit,
    frozen: time_machine.Traveller,
) -> None:
    # given a second petition an hour later, and a mixed letter and an anonymous report
    frozen.shift(dt.timedelta(hours=1))
    later = receive(commune_committee, subject="Đèn đường hỏng")
    receive(commune_committee, kind=Case.Kind.MIXED, subject="Nhiều nội dung")
    receive(commune_committee, kind=Case.Kind.ANONYMOUS_REPORT, subject="Tin báo")
    # when the list is read
    response = api.get(f"{BASE}/requests.json")
    # then only the two kiến nghị come back, newest first
    assert response.status_code == 200
    ids = [item["service_request_id"] for item in response.json()]
    assert ids == [later.tracking_code, petition.tracking_code]


def test_list_by_ids_ignores_other_kinds(
    api: Client, petition: Case, complaint: Case, denunciation: Case
) -> None:
    wanted = ",".join(
        [petition.display_code, complaint.tracking_code, denunciation.tracking_code, "zzz"]
    )
    response = api.get(f"{BASE}/requests.json", {"service_request_id": wanted})
    assert [item["service_request_id"] for item in response.json()] == [petition.tracking_code]


def test_list_filters_by_service_status_and_jurisdiction(
    api: Client,
    petition: Case,
    commune_committee: Unit,
    other_committee: Unit,
    province: Unit,
    fields: dict[str, Field],
) -> None:
    # given a land petition elsewhere that is already answered
    land = receive(other_committee, field=fields["dat-dai"], subject="Cấp sổ đỏ chậm")
    Case.objects.filter(pk=land.pk).update(status=Case.Status.ANSWERED)

    def ids(**params: str) -> list[str]:
        response = api.get(f"{BASE}/requests.json", params)
        assert response.status_code == 200, response.content
        return [item["service_request_id"] for item in response.json()]

    # then each filter keeps what it says
    assert ids(service_code="dat-dai") == [land.tracking_code]
    assert ids(service_code="dat-dai,giao-thong-ha-tang") == [
        land.tracking_code,
        petition.tracking_code,
    ] or ids(service_code="dat-dai,giao-thong-ha-tang") == [
        petition.tracking_code,
        land.tracking_code,
    ]
    assert ids(status="open") == [petition.tracking_code]
    assert ids(status="closed") == [land.tracking_code]
    assert set(ids(status="open,closed")) == {land.tracking_code, petition.tracking_code}
    assert ids(jurisdiction_id=other_committee.code) == [land.tracking_code]
    assert set(ids(jurisdiction_id=province.code)) == {land.tracking_code, petition.tracking_code}


def test_list_window_defaults_to_90_days_and_pages(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    # given five petitions a day apart, and one from half a year ago
    with time_machine.travel(NOW - dt.timedelta(days=180), tick=False):
        old = receive(commune_committee, subject="Kiến nghị cũ")
    recent = []
    for day in range(5):
        with time_machine.travel(NOW - dt.timedelta(days=day), tick=False):
            recent.append(receive(commune_committee, subject=f"Kiến nghị {day}"))
    with time_machine.travel(NOW, tick=False):
        # when the list is read without dates, two per page
        first = api.get(f"{BASE}/requests.json", {"per_page": "2"}).json()
        third = api.get(f"{BASE}/requests.json", {"per_page": "2", "page": "3"}).json()
        everything = api.get(f"{BASE}/requests.json").json()
        # and with an explicit window around the old one
        window = api.get(
            f"{BASE}/requests.json",
            {"start_date": "2026-05-01T00:00:00+07:00", "end_date": "2026-07-01T00:00:00"},
        ).json()
        only_start = api.get(f"{BASE}/requests.json", {"start_date": "2026-05-20"}).json()
        only_end = api.get(f"{BASE}/requests.json", {"end_date": "2026-07-01"}).json()
    # then the default window is the last 90 days, newest first, in pages
    assert [item["service_request_id"] for item in first] == [
        recent[0].tracking_code,
        recent[1].tracking_code,
    ]
    assert [item["service_request_id"] for item in third] == [recent[4].tracking_code]
    assert old.tracking_code not in {item["service_request_id"] for item in everything}
    assert [item["service_request_id"] for item in window] == [old.tracking_code]
    assert [item["service_request_id"] for item in only_start] == [old.tracking_code]
    assert [item["service_request_id"] for item in only_end] == [old.tracking_code]


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"start_date": "2026-01-01", "end_date": "2026-12-31"}, True),  # over 90 days: fine
        ({"start_date": "2026-12-01", "end_date": "2026-11-01"}, False),  # empty window
        ({"start_date": "0001-01-01T00:00:00Z", "end_date": "9999-12-31T23:59:59"}, True),
        ({"start_date": "9999-01-01"}, False),
        ({"end_date": "0001-01-02"}, False),
    ],
)
def test_list_takes_any_window_without_errors(
    api: Client, petition: Case, params: dict[str, str], found: bool
) -> None:
    response = api.get(f"{BASE}/requests.json", params)
    assert response.status_code == 200
    assert bool(response.json()) is found


@pytest.mark.parametrize(
    ("params", "key"),
    [
        ({"status": "pending"}, "invalid_parameters"),
        ({"status": "open,"}, "invalid_parameters"),
        ({"start_date": "yesterday"}, "invalid_parameters"),
        ({"page": "0"}, "invalid_parameters"),
        ({"per_page": "1000"}, "invalid_parameters"),
        ({"service_request_id": ",".join(["DV0000000000"] * 200)}, "invalid_parameters"),
        ({"service_code": "dat\x00dai"}, "invalid_parameters"),
    ],
)
def test_list_refuses_bad_parameters_in_georeport_format(
    api: Client, fields: dict[str, Field], params: dict[str, str], key: str
) -> None:
    _error(api.get(f"{BASE}/requests.json", params), 400, key)


def test_list_with_unknown_jurisdiction_is_404(api: Client, fields: dict[str, Field]) -> None:
    _error(
        api.get(f"{BASE}/requests.json", {"jurisdiction_id": "nope"}), 404, "jurisdiction_not_found"
    )


# ------------------------------------------------------------------ privacy


def test_no_petitioner_identity_in_any_response(
    api: Client,
    commune_committee: Unit,
    fields: dict[str, Field],
    frozen: time_machine.Traveller,
    citizen: User,
) -> None:
    # given an API request whose text repeats the petitioner's own name, phone and ID number
    description = (
        f"Tôi là {PETITIONER.name}, số CCCD {PETITIONER.id_number}, điện thoại "
        f"{PETITIONER.phone}, thư {PETITIONER.email}. Cống thoát nước bị tắc."
    )
    created = _post(api, _valid(commune_committee, description=description))
    assert created.status_code == 201
    code = created.json()[0]["service_request_id"]
    # and web-form petitions whose subjects name the petitioner, or the account holder
    receive(commune_committee, subject=f"{PETITIONER.name} kiến nghị về đèn đường")
    receive(
        commune_committee,
        subject=f"Bà {citizen.full_name} đề nghị sửa cống",
        petitioner=None,
        submitted_by=citizen,
    )
    # when every read endpoint is asked
    bodies = [
        api.get(f"{BASE}/requests.json").content.decode(),
        api.get(f"{BASE}/requests/{code}.json").content.decode(),
        api.get(f"{BASE}/services.json").content.decode(),
        created.content.decode(),
    ]
    # then neither the name, nor the ID number, phone or e-mail appears anywhere
    for body in bodies:
        text = body
        for secret in (
            citizen.full_name,
            PETITIONER.name,
            PETITIONER.id_number,
            PETITIONER.phone,
            PETITIONER.email,
            "Lê Thị",
        ):
            assert secret not in text
            assert json.dumps(secret)[1:-1] not in text
    # but the content itself is public for a request sent through the API
    [item] = api.get(f"{BASE}/requests/{code}.json").json()
    assert "Cống thoát nước bị tắc." in item["description"]
    assert "[đã che]" in item["description"]


# ------------------------------------------------------------------ creation


def test_post_creates_a_petition_through_the_spine(
    api: Client, commune_committee: Unit, fields: dict[str, Field], frozen: time_machine.Traveller
) -> None:
    # when a client posts a request with a location and a photo
    response = _post(api, _valid(commune_committee, media_url="https://anh.example.vn/o-ga.jpg"))
    # then it gets the new tracking code
    assert response.status_code == 201
    [created] = response.json()
    assert created["account_id"] is None
    assert created["service_notice"]
    case = Case.objects.get(tracking_code=created["service_request_id"])
    # and the case is a kiến nghị received by API, with the deadline running
    assert case.kind == Case.Kind.PETITION
    assert case.channel == Case.Channel.API
    assert case.receiving_unit == commune_committee
    assert case.unit == commune_committee
    assert case.field == fields["giao-thong-ha-tang"]
    assert case.subject == "Ổ gà lớn trước cổng trường tiểu học, xe máy dễ ngã."
    assert case.petitioner_name == "Lê Thị Hoa"
    assert case.petitioner_phone == "0912345678"
    assert case.due_on is not None
    assert case.events.filter(kind=CaseEvent.Kind.RECEIVED).exists()
    # and the place is kept beside it and shown back
    location = CaseLocation.objects.get(case=case)
    assert location.lat == Decimal("20.857200")
    assert location.address_string == "Cổng trường Tiểu học Đông Tảo"
    [item] = api.get(f"{BASE}/requests/{case.tracking_code}.json").json()
    assert item["lat"] == pytest.approx(20.8572)
    assert item["long"] == pytest.approx(105.9741)
    assert item["address"] == "Cổng trường Tiểu học Đông Tảo"
    assert item["media_url"] == "https://anh.example.vn/o-ga.jpg"


def test_post_with_address_only_and_agency_parameter(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    data = _valid(commune_committee, agency=commune_committee.code)
    for name in ("lat", "long", "jurisdiction_id"):
        data.pop(name)
    response = _post(api, data)
    assert response.status_code == 201
    case = Case.objects.get(tracking_code=response.json()[0]["service_request_id"])
    location = CaseLocation.objects.get(case=case)
    assert location.lat is None
    assert location.address_string == "Cổng trường Tiểu học Đông Tảo"


def test_long_description_gets_a_short_subject(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    words = "Nước thải từ cơ sở chế biến nông sản chảy thẳng ra kênh tưới tiêu " * 6
    response = _post(api, _valid(commune_committee, description=words + "\nDòng hai."))
    case = Case.objects.get(tracking_code=response.json()[0]["service_request_id"])
    assert len(case.subject) <= 150
    assert case.subject.endswith("…")
    assert case.content.endswith("Dòng hai.")


def test_retry_with_the_same_idempotency_key_returns_the_first_request(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    # given a request sent with an Idempotency-Key
    data = _valid(commune_committee)
    first = _post(api, data, **{"Idempotency-Key": "retry-7f3a"})
    # when the client retries after a lost response
    second = _post(api, data, **{"Idempotency-Key": "retry-7f3a"})
    # then it gets the same code and no second case exists
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()[0]["service_request_id"] == first.json()[0]["service_request_id"]
    assert Case.objects.count() == 1
    # and reusing the key for another petition is refused, not swallowed
    other = _post(
        api, _valid(commune_committee, description="Khác hẳn"), **{"Idempotency-Key": "retry-7f3a"}
    )
    _error(other, 409, "idempotency_key_reused")
    # while another API key (another client) with the same header gets its own case
    third = _post(api, {**data, "api_key": "app-2"}, **{"Idempotency-Key": "retry-7f3a"})
    assert third.status_code == 201
    assert Case.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"service_code": "khong-co"}, "service_code_not_found"),
        ({"service_code": "cu"}, "service_code_not_found"),
        ({"description": "   "}, "description_required"),
        ({"lat": "", "long": "", "address_string": ""}, "location_required"),
        ({"long": ""}, "location_incomplete"),
        ({"email": "không-phải-thư"}, "email_invalid"),
        ({"media_url": "javascript:alert(1)"}, "media_url_invalid"),
        ({"jurisdiction_id": "khong-co"}, "jurisdiction_not_found"),
        ({"lat": "91"}, "invalid_parameters"),
        ({"description": "a\x00b"}, "invalid_parameters"),
    ],
)
def test_post_refuses_bad_input_without_creating_anything(
    api: Client,
    commune_committee: Unit,
    fields: dict[str, Field],
    change: dict[str, str],
    key: str,
) -> None:
    response = _post(api, _valid(commune_committee, **change))
    _error(response, 400, key)
    assert not Case.objects.exists()


def test_post_missing_service_code_names_the_field(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    data = _valid(commune_committee)
    data.pop("service_code")
    error = _error(_post(api, data), 400, "invalid_parameters")
    assert "service_code" in error["description"]
    assert "service_code" in error["message"]


def test_post_to_a_place_is_refused(api: Client, commune: Unit, fields: dict[str, Field]) -> None:
    _error(_post(api, _valid(commune)), 400, "jurisdiction_not_receiving")


def test_post_without_jurisdiction_uses_the_configured_default(
    api: Client,
    commune_committee: Unit,
    fields: dict[str, Field],
    settings: Any,
) -> None:
    data = _valid(commune_committee)
    data.pop("jurisdiction_id")
    # without a default the unit must be named
    _error(_post(api, data), 400, "jurisdiction_required")
    # with one, the request lands there
    settings.DANVAN = {**settings.DANVAN, "OPEN311_DEFAULT_UNIT": commune_committee.code}
    response = _post(api, data)
    assert response.status_code == 201
    assert Case.objects.get().receiving_unit == commune_committee


def test_errors_speak_the_clients_language(
    api: Client, commune_committee: Unit, fields: dict[str, Field]
) -> None:
    data = _valid(commune_committee, service_code="khong-co")
    vietnamese = _error(_post(api, data), 400, "service_code_not_found")
    english = _error(_post(api, data, **{"Accept-Language": "en"}), 400, "service_code_not_found")
    assert vietnamese["description"] == english["description"] == "The service_code was not found."
    assert english["message"] == "The service_code was not found."
    assert vietnamese["message"] == _vi("The service_code was not found.")


def test_creation_is_rate_limited_per_address(
    api: Client, commune_committee: Unit, fields: dict[str, Field], settings: Any
) -> None:
    # given a limit of two creations per hour
    settings.DANVAN = {**settings.DANVAN, "OPEN311_RATE_LIMIT": 2}
    # when a third request comes from the same address within the hour
    statuses = [_post(api, _valid(commune_committee)).status_code for _ in range(2)]
    third = _post(api, _valid(commune_committee))
    # then it is refused with a hint when to come back, and nothing is created
    assert statuses == [201, 201]
    _error(third, 429, "rate_limited")
    assert 0 < int(third["Retry-After"]) <= 3600
    assert Case.objects.count() == 2
    # while another address may still send
    other = api.post(
        f"{BASE}/requests.json", data=_valid(commune_committee), REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 201


def test_throttle_survives_an_expired_counter(monkeypatch: pytest.MonkeyPatch, rf: Any) -> None:
    # given a cache whose key vanished between add() and incr()
    def incr(key: str) -> int:
        raise ValueError(key)

    monkeypatch.setattr(cache, "incr", incr)
    # then the request counts as the first of the window
    assert open311_throttle().allow_request(rf.post("/"))
    assert 0 < open311_throttle().wait() <= 3600


# ------------------------------------------------------------------ description and docs


def test_openapi_document_describes_every_endpoint(api: Client) -> None:
    response = api.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
        "/open311/v2/requests/{service_request_id}.json",
    }
    post = document["paths"]["/open311/v2/requests.json"]["post"]
    assert "application/x-www-form-urlencoded" in post["requestBody"]["content"]
    assert {"201", "400", "409", "429"} <= set(post["responses"])


def test_docs_page_runs_no_inline_script_or_style(api: Client) -> None:
    # when the docs page is opened
    response = api.get(f"{BASE}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    # then every script is a file from our origin or a JSON data block, and no inline style
    assert "<style" not in html
    assert " style=" not in html
    assert "cdn." not in html
    scripts = html.split("<script")[1:]
    assert len(scripts) == 3
    for script in scripts:
        head = script.split(">", 1)[0]
        assert 'src="/open311/v2/docs/assets/' in head or 'type="application/json"' in head
    # and the files it needs are served from here
    for name in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css", "favicon.svg"):
        asset = api.get(f"{BASE}/docs/assets/{name}")
        assert asset.status_code == 200
        assert b"".join(cast(Any, asset).streaming_content)
    assert api.get(f"{BASE}/docs/assets/redoc.standalone.js").status_code == 404
    assert api.get(f"{BASE}/docs/assets/..%2F..%2F__init__.py").status_code == 404


def test_unreadable_bodies_and_other_http_errors_keep_the_georeport_format(
    api: Client, rf: Any
) -> None:
    # a multipart body without a boundary cannot be parsed
    response = api.generic(
        "POST", f"{BASE}/requests.json", b"a=1", content_type="multipart/form-data"
    )
    _error(response, 400, "body_unreadable")
    # and any other HTTP error ninja raises is turned into the same shape
    from ninja.errors import HttpError

    from danvan.petitions.api.open311 import _on_http_error

    body = json.loads(_on_http_error(rf.get("/"), HttpError(415, "Unsupported")).content)
    assert body == [
        {"code": 415, "description": "Unsupported", "key": "http_error", "message": "Unsupported"}
    ]


def test_a_location_needs_both_coordinates(petition: Case) -> None:
    from django.core.exceptions import ValidationError

    location = CaseLocation(case=petition, lat=Decimal("20.1"))
    with pytest.raises(ValidationError):
        location.full_clean()
    location.long = Decimal("106.2")
    location.full_clean()
    assert "20.1,106.2" in str(location)


def test_a_status_without_public_wording_shows_its_label(
    api: Client, petition: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    from danvan.petitions.api import selectors

    wording = {k: v for k, v in selectors.PUBLIC_STATUS.items() if k != Case.Status.RECEIVED}
    monkeypatch.setattr(selectors, "PUBLIC_STATUS", wording)
    [item] = api.get(f"{BASE}/requests/{petition.tracking_code}.json").json()
    assert item["status_notes"] == _vi("Received")
