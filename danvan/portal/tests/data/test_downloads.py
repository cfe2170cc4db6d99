"""Open-data files: streamed CSV and JSON, conditional GET, the catalogue page and DCAT."""

import csv
import datetime as dt
import io
import json
from typing import Any
from unittest import mock

import time_machine
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from danvan.emulation.models import Exemplar
from danvan.portal import records
from danvan.portal.records import DATASETS
from danvan.portal.tests.data.world import SECRETS, PublicWorld
from danvan.portal.views.data import _cell


def _url(slug: str, fmt: str) -> str:
    return reverse("portal:data_download", args=[slug, fmt])


def _streamed(response: Any) -> bool:
    return isinstance(response, StreamingHttpResponse)


def _body(response: Any) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")  # type: ignore[arg-type]


def test_every_download_is_streamed_and_free_of_private_data(
    client: Client, public_world: PublicWorld
) -> None:
    # when every dataset is downloaded in both formats
    for slug in DATASETS:
        for fmt in ("csv", "json"):
            response = client.get(_url(slug, fmt))
            # then it is a streamed attachment with a file name
            assert response.status_code == 200
            assert _streamed(response)
            assert response["Content-Disposition"] == f'attachment; filename="{slug}.{fmt}"'
            body = _body(response)
            # and no private text is in it
            for secret in SECRETS:
                assert secret not in body, (slug, fmt, secret)


def test_csv_has_a_bom_a_header_and_vietnamese_text(
    client: Client, public_world: PublicWorld
) -> None:
    # when the models are downloaded as CSV
    body = _body(client.get(_url("models", "csv")))
    # then Excel finds the BOM, and the rows read back with their diacritics
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))
    assert list(rows[0]) == DATASETS["models"].field_names
    assert {row["title"] for row in rows} >= {"Điển hình Trưởng thôn tận tụy"}
    assert {row["is_outstanding"] for row in rows} == {"false"}


def test_csv_cells_never_start_a_formula(client: Client, public_world: PublicWorld) -> None:
    # given a recognised model whose title starts like a spreadsheet formula
    Exemplar.objects.filter(pk=public_world.ward_model.pk).update(title="=HYPERLINK(1)")
    # when it is downloaded
    body = _body(client.get(_url("models", "csv")))
    # then the cell is quoted as text
    assert "'=HYPERLINK(1)" in body


def test_json_has_the_metadata_then_the_records(client: Client, public_world: PublicWorld) -> None:
    # when the models are downloaded as JSON
    data = json.loads(_body(client.get(_url("models", "json"))))
    # then the licence, source, date and fields come with the records
    assert data["dataset"] == "models"
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["source"].endswith(reverse("portal:data_catalogue"))
    assert data["updated_at"].startswith("2026-11-26T")
    assert [field["name"] for field in data["fields"]] == DATASETS["models"].field_names
    assert len(data["records"]) == 3


def test_an_empty_dataset_is_valid_json(client: Client, db: None) -> None:
    data = json.loads(_body(client.get(_url("models", "json"))))
    assert data["records"] == []
    assert data["updated_at"] is None


def test_the_unit_filter_narrows_the_file(client: Client, public_world: PublicWorld) -> None:
    # when the models are downloaded for the ward only
    response = client.get(_url("models", "json"), {"don-vi": "VN-11953"})
    # then the file has the ward's model and says so in its name
    assert response["Content-Disposition"] == 'attachment; filename="models-VN-11953.json"'
    records_ = json.loads(_body(response))["records"]
    assert [row["id"] for row in records_] == [public_world.ward_model.pk]
    # and an unknown unit is a 404
    assert client.get(_url("models", "csv"), {"don-vi": "VN-404"}).status_code == 404


def test_unknown_dataset_or_format_is_a_404(client: Client, db: None) -> None:
    assert client.get(_url("nothing", "csv")).status_code == 404
    assert client.get(_url("models", "xml")).status_code == 404


def test_conditional_get_answers_304_until_the_data_changes(
    client: Client, public_world: PublicWorld
) -> None:
    # given a first download with its validators
    first = client.get(_url("models", "csv"))
    etag = first["ETag"]
    assert first["Last-Modified"].endswith("GMT")
    # when the client asks again with the ETag or the date
    again = client.get(_url("models", "csv"), headers={"If-None-Match": etag})
    since = client.get(_url("models", "csv"), headers={"If-Modified-Since": first["Last-Modified"]})
    # then nothing is sent again
    assert again.status_code == 304
    assert since.status_code == 304
    # and once a public row changes, the file is sent again with a new ETag
    with time_machine.travel(public_world.example.updated_at.replace(year=2027)):
        public_world.example.save()  # edited a year later
    changed = client.get(_url("models", "csv"), headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_rows_are_fetched_in_chunks_not_all_at_once(
    client: Client, public_world: PublicWorld
) -> None:
    # given many recognised models
    Exemplar.objects.bulk_create(
        Exemplar(
            unit=public_world.committee,
            place=public_world.commune,
            field="economy",
            title=f"Mô hình số {number}",
            year=2025,
            period_start=public_world.recognised.period_start,
            problem="-",
            actions="-",
            status=Exemplar.Status.RECOGNISED,
            recognised_level="commune",
            recognised_year=2025,
        )
        for number in range(1200)
    )
    real_iterator = QuerySet.iterator
    calls: list[int | None] = []

    def spy(queryset: QuerySet[Any], chunk_size: int | None = None) -> Any:
        calls.append(chunk_size)
        return real_iterator(queryset, chunk_size=chunk_size)

    # when they are downloaded
    with mock.patch.object(QuerySet, "iterator", spy):
        response = client.get(_url("models", "csv"))
        # then nothing has been read before the body is consumed
        assert calls == []
        lines = _body(response).splitlines()
    # and the rows come from a chunked iterator (never a list of the whole table)
    assert calls == [records.CHUNK_SIZE]
    assert len(lines) == 1 + 1203


def test_catalogue_page_lists_each_dataset(client: Client, public_world: PublicWorld) -> None:
    # when the catalogue is opened (Vietnamese by default)
    response = client.get(reverse("portal:data_catalogue"))
    # then each dataset has its download links, licence and date
    assert response.status_code == 200
    html = response.content.decode()
    for slug in DATASETS:
        assert _url(slug, "csv") in html
        assert _url(slug, "json") in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html
    assert "ngày 26 tháng 11 năm 2026" in html
    assert response.context["entries"][-2]["count"] == 3


def test_dcat_catalogue_describes_every_distribution(
    client: Client, public_world: PublicWorld
) -> None:
    response = client.get(reverse("portal:data_catalog_json"))
    data = response.json()
    assert data["@type"] == "dcat:Catalog"
    assert [d["dct:identifier"] for d in data["dcat:dataset"]] == list(DATASETS)
    models = data["dcat:dataset"][-2]
    assert models["dct:license"] == "https://creativecommons.org/licenses/by/4.0/"
    urls = [d["dcat:downloadURL"] for d in models["dcat:distribution"]]
    assert urls == [
        "http://testserver" + _url("models", "csv"),
        "http://testserver" + _url("models", "json"),
    ]


def test_cells_are_plain_text() -> None:
    assert _cell(None) == ""
    assert _cell(True) == "true"
    aware = dt.datetime(2026, 11, 26, 2, 30, tzinfo=dt.UTC)
    assert _cell(aware) == "2026-11-26T09:30:00+07:00"
    assert _cell(dt.time(8, 0)) == "08:00:00"
    assert _cell("-1") == "'-1"


def test_catalogue_counts_again_only_when_the_rows_change(
    client: Client, public_world: PublicWorld
) -> None:
    # given the catalogue has been shown once
    client.get(reverse("portal:data_catalogue"))
    # when it is shown again with nothing changed
    with mock.patch.object(records.Dataset, "count", return_value=99) as count:
        client.get(reverse("portal:data_catalogue"))
        # then no dataset is counted again
        assert count.call_count == 0
        # and once a recognised model changes, the models are counted again
        with time_machine.travel(public_world.example.updated_at.replace(year=2027)):
            public_world.example.save()  # edited a year later
        response = client.get(reverse("portal:data_catalogue"))
    assert count.call_count >= 1
    models = next(e for e in response.context["entries"] if e["dataset"].slug == "models")
    assert models["count"] == 99


def test_head_requests_get_the_validators(client: Client, public_world: PublicWorld) -> None:
    response = client.head(_url("models", "csv"))
    assert response.status_code == 200
    assert response["ETag"]
