"""Refused input (messages checked in English, their msgids; the Vietnamese is in the
catalogue, checked by test_translations), concurrency and configuration."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models.query import QuerySet
from django.test import override_settings
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.models.disclosures import (
    CATEGORIES,
    DisclosureQuarterList,
    category_choices,
    category_default,
)
from danvan.democracy.selectors.disclosures import Flag, Quarter, flag_counts, register_rows
from danvan.democracy.services import disclosures as services
from danvan.democracy.services.disclosures_docx import quarterly_list_docx
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import Agency, item, on_day, post

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 9, 15)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def refused(message: str, call: Any, **kwargs: Any) -> None:
    with pytest.raises(ApplicationError) as error:
        call(**kwargs)
    assert error.value.message == message


def test_the_register_refuses_items_that_do_not_belong_to_it(commune: Commune) -> None:
    record = services.disclosure_record
    base = {"title": "X", "decided_on": DAY, "actor": commune.handler}
    refused(
        "Disclosure registers are kept by communes, agencies and public service units.",
        record,
        unit=commune.villages[0],
        category="commune_02",
        **base,
    )
    refused(
        "Choose a category of this register.",
        record,
        unit=commune.commune,
        category="agency_02",
        **base,
    )
    refused(
        "Choose a category of this register.", record, unit=commune.commune, category="nope", **base
    )
    refused(
        "Enter what is disclosed.",
        record,
        unit=commune.commune,
        category="commune_02",
        **{**base, "title": "   "},
    )
    refused(
        "Choose forms of disclosure from the list.",
        services.disclosure_create,
        unit=commune.commune,
        category="commune_02",
        forms=["z"],
        **base,
    )
    refused(
        "Check the disclosure's details.",
        services.disclosure_create,
        unit=commune.commune,
        category="commune_02",
        url="not a link",
        **base,
    )
    budget = item(commune.commune, commune.handler)
    refused(
        "A change is disclosed in the same register and category.",
        services.disclosure_create,
        unit=commune.commune,
        category="commune_05",
        previous=budget,
        **base,
    )
    refused(
        "This item is already in the register for the same decision date.",
        services.disclosure_create,
        unit=commune.commune,
        category="commune_02",
        title=budget.title,
        decided_on=budget.decided_on,
        actor=commune.handler,
    )
    assert Disclosure.objects.count() == 1


def test_corrections_are_checked(commune: Commune) -> None:
    budget = item(commune.commune, commune.handler)
    other = item(commune.commune, commune.handler, title="Quyết toán")
    update = services.disclosure_update
    with pytest.raises(TypeError):
        update(disclosure=budget, actor=commune.handler, category="commune_03")
    refused("Enter what is disclosed.", update, disclosure=budget, actor=commune.handler, title=" ")
    refused(
        "This item is already in the register for the same decision date.",
        update,
        disclosure=other,
        actor=commune.handler,
        title=budget.title,
    )
    # a permanent item has no minimum duration; nothing changed, nothing audited
    update(disclosure=budget, actor=commune.handler, permanent=True, posting_days=30)
    budget.refresh_from_db()
    assert (budget.permanent, budget.posting_days) == (True, None)
    same = update(disclosure=budget, actor=commune.handler, note=" ", title=budget.title)
    assert same.updated_at == budget.updated_at


def test_postings_are_checked(commune: Commune) -> None:
    budget = item(commune.commune, commune.handler)
    record = services.disclosure_posting_record
    base: dict[str, Any] = {"disclosure": budget, "actor": commune.handler}
    with on_day(DAY):
        refused(
            "Choose where the item was disclosed.", record, channel="tv", posted_from=DAY, **base
        )
        refused(
            "The posting cannot start before the decision date.",
            record,
            channel="office",
            posted_from=dt.date(2026, 8, 1),
            **base,
        )
        refused(
            "The end date is before the start date.",
            record,
            channel="office",
            posted_from=DAY,
            posted_to=DAY - dt.timedelta(days=1),
            **base,
        )
        refused(
            "Enter the web address where the item is published.",
            record,
            channel="portal",
            posted_from=DAY,
            **base,
        )
        refused(
            "The proof must be a photo (JPEG, PNG) or a PDF file.",
            record,
            channel="office",
            posted_from=DAY,
            proof_name="a.txt",
            proof=b"hello",
            **base,
        )
        refused(
            "Check the posting's details.",
            record,
            channel="office",
            posted_from=DAY,
            url="nope",
            **base,
        )
        big = b"\x89PNG" + b"0" * services.MAX_PROOF_BYTES
        refused(
            "The proof file is larger than 10 MB.",
            record,
            channel="office",
            posted_from=DAY,
            proof_name="a.png",
            proof=big,
            **base,
        )
        posting = record(
            channel="office", posted_from=DAY, proof_name="a.png", proof=b"\x89PNG....", **base
        )
        assert posting.proof_type == "image/png"
        refused(
            "A posting is ended once it has been taken down.",
            services.disclosure_posting_end,
            posting=posting,
            actor=commune.handler,
            posted_to=DAY + dt.timedelta(days=1),
        )
    assert str(posting).startswith("Notice board")


def test_a_concurrent_duplicate_is_answered_with_the_row_already_saved(
    commune: Commune, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an item and a posting saved by another request just before
    budget = item(commune.commune, commune.handler)
    posting = post(budget, commune.handler, posted_from=DAY, token="abc")
    original = QuerySet.first

    def blind(self: QuerySet[Any]) -> Any:  # the other request's row is not seen yet
        return None if self.model in (Disclosure, DisclosurePosting) else original(self)

    monkeypatch.setattr(QuerySet, "first", blind)
    # when this request saves the same ones
    again = services.disclosure_record(
        unit=commune.commune,
        category="commune_02",
        title=budget.title,
        decided_on=budget.decided_on,
        actor=commune.handler,
    )
    with on_day(DAY):
        same_posting = services.disclosure_posting_record(
            disclosure=budget,
            actor=commune.handler,
            channel="office",
            posted_from=DAY,
            token="abc",
        )
    # then the constraint stops the duplicate and the saved rows come back
    assert again.pk == budget.pk
    assert same_posting.pk == posting.pk
    with pytest.raises(ApplicationError):
        services.disclosure_create(
            unit=commune.commune,
            category="commune_02",
            title=budget.title,
            decided_on=budget.decided_on,
            actor=commune.handler,
        )


def test_a_deployment_changes_a_default_and_it_is_marked_as_believed(commune: Commune) -> None:
    # given a deployment that posts item 2 for 45 days
    with override_settings(
        DANVAN_DISCLOSURE_CATEGORIES={"commune_02": {"posting_days": 45, "bogus": 1}}
    ):
        info = category_default("commune_02")
        budget = item(commune.commune, commune.handler)
    # then new items take 45 days, and the value is no longer the law's own
    assert (info.posting_days, info.believed) == (45, True)
    assert budget.posting_days == 45
    assert category_default("commune_02").posting_days == 30
    assert len(CATEGORIES) == 26
    assert len(category_choices()) == 26
    assert CATEGORIES["commune_14"].believed


def test_quarters_and_counts(commune: Commune, agency: Agency) -> None:
    assert Quarter.parse("2026-4") == Quarter(2026, 4)
    for text in ("2026-0", "1999-1", "20x6-1", "2026"):
        assert Quarter.parse(text) is None
    assert Quarter(2026, 4).next == Quarter(2027, 1)
    assert Quarter(2026, 1).previous == Quarter(2025, 4)
    assert Quarter(2026, 4).last_day == dt.date(2026, 12, 31)
    # an ended late item counts as late too
    budget = item(commune.commune, commune.handler)
    post(budget, commune.handler, posted_from=dt.date(2026, 9, 10), posted_to=dt.date(2026, 10, 9))
    counts = flag_counts(register_rows(commune.commune, today=dt.date(2026, 11, 1)))
    assert (counts[Flag.ENDED], counts[Flag.LATE]) == (1, 1)
    # an agency's list is addressed to its union and inspection board
    memo = item(agency.unit, agency.officer, category="agency_11", title="Chỉ thị của UBND tỉnh")
    post(memo, agency.officer, posted_from=dt.date(2026, 9, 1), channel="intranet")
    body = quarterly_list_docx(unit=agency.unit, quarter=Quarter(2026, 3), today=DAY)
    from io import BytesIO

    from docx import Document

    document = Document(BytesIO(body))
    assert "Công đoàn cơ quan" in document.tables[2].rows[0].cells[0].text
    assert "(khoản 11 Điều 46)" in document.tables[1].rows[1].cells[1].text
    assert str(DisclosureQuarterList(year=2026, quarter=3)) == "3/2026"
    assert str(budget) == budget.title
    from danvan.democracy.services.disclosures_docx import _legal_item

    assert _legal_item("retired_code") == ""
