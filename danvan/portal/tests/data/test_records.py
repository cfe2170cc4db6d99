"""The one definition of what is public: each dataset's rows, filters, pages and dates."""

import datetime as dt
import json

import pytest
import time_machine

from danvan.emulation.models import Exemplar
from danvan.portal.records import DATASETS, Filters, dataset_get, licence
from danvan.portal.tests.data.world import NOW, SECRETS, TODAY, PublicWorld


def _all_rows(slug: str, filters: Filters | None = None) -> list[dict[str, object]]:
    dataset = dataset_get(slug)
    assert dataset is not None
    return list(dataset.rows(filters))


def test_no_dataset_contains_anything_private(public_world: PublicWorld) -> None:
    # given the world's private texts (petitioners, complaints, unpublished answers,
    # drafts not open, unrecognised or removed models, staff accounts)
    # when every dataset is read in full, by rows, by page and by key
    dumped = ""
    for dataset in DATASETS.values():
        rows = list(dataset.rows())
        page = dataset.page(cursor=None, limit=200)
        dumped += json.dumps(rows, default=str, ensure_ascii=False)
        dumped += json.dumps(page.items, default=str, ensure_ascii=False)
        # then every row has exactly the declared columns, no more
        for row in rows:
            assert list(row) == dataset.field_names
    # then none of the private texts appear anywhere
    for secret in SECRETS:
        assert secret not in dumped, secret


def test_units_are_active_provinces_communes_and_agencies(public_world: PublicWorld) -> None:
    # when the units are read
    codes = [row["code"] for row in _all_rows("units")]
    # then provinces, communes, wards and agencies are there, villages, the country and
    # merged (inactive) units are not
    assert {"VN-33", "VN-12205", "VN-11953", "VN-12205-ubnd"} <= set(codes)
    assert "VN-12205-dong" not in codes
    assert "VN" not in codes
    assert "VN-99" not in codes
    committee = next(r for r in _all_rows("units") if r["code"] == "VN-12205-ubnd")
    assert committee["parent_code"] == "VN-12205"


def test_models_are_the_recognised_ones_and_name_only_individuals(
    public_world: PublicWorld,
) -> None:
    # when the models are read
    rows = {row["id"]: row for row in _all_rows("models")}
    # then exactly the recognised ones appear
    assert set(rows) == {
        public_world.recognised.pk,
        public_world.example.pk,
        public_world.ward_model.pk,
    }
    # and the person is named for the individual example only
    assert rows[public_world.example.pk]["person_name"] == "Trần Văn Bảy"
    assert rows[public_world.recognised.pk]["person_name"] == ""


def test_a_model_removed_later_leaves_every_dataset(public_world: PublicWorld) -> None:
    # given a recognised model that is then removed
    Exemplar.objects.filter(pk=public_world.recognised.pk).update(
        status=Exemplar.Status.REMOVED, removed_reason="Không còn hiệu quả."
    )
    # when the models and statistics are read
    ids = {row["id"] for row in _all_rows("models")}
    total = sum(int(str(row["count"])) for row in _all_rows("model-statistics"))
    # then it is gone from both
    assert public_world.recognised.pk not in ids
    assert total == 2


def test_statistics_count_by_year_province_field_and_level(public_world: PublicWorld) -> None:
    # when the statistics are read
    rows = _all_rows("model-statistics")
    # then each recognised model is counted once under its province
    keyed = {(r["year"], r["province_code"], r["field"], r["level"]): r["count"] for r in rows}
    assert keyed == {
        (2025, "VN-33", "economy", "commune"): 1,
        (2025, "VN-33", "culture_society", "provincial"): 1,
        (2024, "VN-33", "economy", "commune"): 1,
    }
    # and the filters apply before counting
    only_2024 = _all_rows("model-statistics", Filters(year=2024))
    assert [r["count"] for r in only_2024] == [1]


def test_consultations_are_open_or_closed_public_drafts(public_world: PublicWorld) -> None:
    rows = {row["slug"]: row for row in _all_rows("consultations")}
    assert set(rows) == {"du-thao-mo", "du-thao-da-dong"}
    assert rows["du-thao-mo"]["status"] == "open"
    # and only the visible comments are counted (a hidden one is not)
    assert rows["du-thao-mo"]["comment_count"] == 1
    assert rows["du-thao-da-dong"]["comment_count"] == 0


def test_an_open_consultation_whose_window_ended_reads_closed(
    public_world: PublicWorld, frozen: time_machine.Traveller
) -> None:
    # given the open consultation's window has passed
    frozen.move_to(NOW + dt.timedelta(days=25))
    # then it reads as closed
    rows = {row["slug"]: row for row in _all_rows("consultations")}
    assert rows["du-thao-mo"]["status"] == "closed"


def test_disclosures_are_those_already_posted(public_world: PublicWorld) -> None:
    rows = _all_rows("disclosures")
    assert [row["id"] for row in rows] == [public_world.disclosure.pk]
    assert rows[0]["first_posted_on"] == dt.date(2026, 1, 10)


def test_petition_answers_are_the_published_redacted_ones(public_world: PublicWorld) -> None:
    rows = _all_rows("petition-answers")
    assert [row["id"] for row in rows] == [public_world.answer.pk]
    assert rows[0]["text"] == "Quyết định giải quyết khiếu nại của [đã che]."
    assert rows[0]["case_kind"] == "complaint"


def test_reception_schedules_are_the_coming_days(public_world: PublicWorld) -> None:
    rows = _all_rows("reception-schedules")
    assert [row["id"] for row in rows] == [public_world.reception_day.pk]
    assert rows[0]["head_name"] == "Nguyễn Văn An"
    assert rows[0]["head_title"] == "Chủ tịch UBND xã"


def test_the_unit_filter_keeps_the_subtree(public_world: PublicWorld) -> None:
    # when the models are filtered to the ward
    rows = _all_rows("models", Filters(unit=public_world.ward))
    # then only the ward committee's model is there
    assert [row["id"] for row in rows] == [public_world.ward_model.pk]
    # and the province's subtree has all three
    assert len(_all_rows("models", Filters(unit=public_world.province))) == 3


def test_year_field_and_updated_since_filters(public_world: PublicWorld) -> None:
    assert len(_all_rows("models", Filters(year=2025))) == 2
    assert len(_all_rows("models", Filters(field="culture_society"))) == 1
    later = NOW + dt.timedelta(minutes=1)
    assert _all_rows("models", Filters(updated_since=later)) == []


def test_pages_follow_the_cursor_without_gaps_or_repeats(public_world: PublicWorld) -> None:
    # given the models dataset read one row per page
    dataset = DATASETS["models"]
    seen: list[object] = []
    cursor = None
    while True:
        page = dataset.page(cursor=cursor, limit=1)
        seen += [row["id"] for row in page.items]
        if not page.has_more:
            break
        cursor = page.next_cursor
    # then the pages together are the whole list, newest first
    assert seen == [row["id"] for row in dataset.rows()]
    assert len(seen) == 3


def test_statistics_pages_use_an_offset(public_world: PublicWorld) -> None:
    dataset = DATASETS["model-statistics"]
    first = dataset.page(cursor=None, limit=2)
    second = dataset.page(cursor=first.next_cursor, limit=2)
    assert len(first.items) == 2
    assert first.next_cursor == "2"
    assert len(second.items) == 1
    assert second.next_cursor is None
    assert dataset.get("1") is None
    assert dataset.count() == 3


def test_get_finds_public_rows_only(public_world: PublicWorld) -> None:
    models = DATASETS["models"]
    assert models.get(str(public_world.example.pk)) is not None
    hidden = Exemplar.objects.get(title="Mô hình mới đăng ký bí mật")
    assert models.get(str(hidden.pk)) is None
    assert models.get("abc") is None
    assert models.get("¹") is None
    assert models.get("9" * 30) is None
    assert DATASETS["units"].get("VN-12205") is not None
    assert DATASETS["units"].get("VN-12205-dong") is None


def test_updated_at_is_the_latest_public_change(
    public_world: PublicWorld, frozen: time_machine.Traveller
) -> None:
    # given a private model changes later
    frozen.move_to(NOW + dt.timedelta(hours=2))
    Exemplar.objects.get(title="Mô hình mới đăng ký bí mật").save()
    # then the models dataset's date does not move (only public rows count)
    assert DATASETS["models"].updated_at() == NOW
    # and a dataset that changes with the date is at least today's start
    schedules = DATASETS["reception-schedules"].updated_at()
    assert schedules is not None
    assert schedules >= NOW


@pytest.mark.django_db
def test_licence_is_configurable(settings: object) -> None:
    assert licence()["name"] == "CC BY 4.0"
    settings.DANVAN = {**settings.DANVAN, "OPEN_DATA_LICENCE": "ODC-BY"}  # type: ignore[attr-defined]
    assert licence() == {"name": "ODC-BY", "url": ""}
    settings.DANVAN = {  # type: ignore[attr-defined]
        **settings.DANVAN,  # type: ignore[attr-defined]
        "OPEN_DATA_LICENCE": {"name": "OGL-VN", "url": "https://example.vn/ogl"},
    }
    assert licence() == {"name": "OGL-VN", "url": "https://example.vn/ogl"}


def test_empty_datasets_have_no_date(db: None) -> None:
    assert DATASETS["models"].updated_at() is None
    assert TODAY.year == 2026
