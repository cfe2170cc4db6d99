"""The quarterly list (Art 13(2)): its contents, the Word document, and the daily task."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from danvan.democracy.models import Disclosure, DisclosureQuarterList
from danvan.democracy.selectors.disclosures import Quarter, quarterly_list
from danvan.democracy.services.disclosures_quarterly import quarterly_lists_task
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import item, on_day, post

pytestmark = pytest.mark.django_db

Q3 = Quarter(2026, 3)


@pytest.fixture
def third_quarter(commune: Commune) -> list[Disclosure]:
    """Two items posted in Q3 (one at two places and on the loudspeaker), one in Q4."""
    poor = item(
        commune.commune,
        commune.handler,
        category="commune_07",
        title="Danh sách hộ nghèo năm 2027",
        document_number="88/QĐ-UBND",
    )
    post(poor, commune.handler, posted_from=dt.date(2026, 9, 4), posted_to=dt.date(2026, 10, 3))
    post(
        poor,
        commune.handler,
        posted_from=dt.date(2026, 9, 5),
        posted_to=dt.date(2026, 10, 6),
        channel="village_house",
        place="Thôn An Vĩ",
    )
    post(
        poor,
        commune.handler,
        posted_from=dt.date(2026, 9, 7),
        posted_to=dt.date(2026, 9, 9),
        channel="loudspeaker",
    )
    procedures = item(
        commune.commune,
        commune.handler,
        category="commune_13",
        title="Thủ tục hành chính",
        decided_on=dt.date(2026, 7, 1),
    )
    post(procedures, commune.handler, posted_from=dt.date(2026, 7, 2))
    october = item(
        commune.commune,
        commune.handler,
        title="Dự toán điều chỉnh",
        decided_on=dt.date(2026, 10, 1),
    )
    post(october, commune.handler, posted_from=dt.date(2026, 10, 2))
    return [poor, procedures, october]


def test_the_list_has_the_items_of_the_quarter_with_form_and_time(
    commune: Commune, third_quarter: list[Disclosure]
) -> None:
    # when the list of the third quarter of 2026 is drawn
    lines = quarterly_list(commune.commune, Q3)
    # then it has the two items posted in July–September, by first posting
    assert [line.disclosure.title for line in lines] == [
        "Thủ tục hành chính",
        "Danh sách hộ nghèo năm 2027",
    ]
    procedures, poor = lines
    assert (procedures.first_day, procedures.last_day) == (dt.date(2026, 7, 2), None)
    assert poor.channels == ["office", "village_house", "loudspeaker"]
    assert (poor.first_day, poor.last_day) == (dt.date(2026, 9, 4), dt.date(2026, 10, 6))
    assert Q3.first_day == dt.date(2026, 7, 1)
    assert Q3.last_day == dt.date(2026, 9, 30)
    assert str(Q3) == "III/2026"


def test_the_word_document_is_in_the_decree_30_layout(
    commune: Commune, third_quarter: list[Disclosure]
) -> None:
    client = Client()
    client.force_login(commune.handler)
    kwargs = {"pk": commune.commune.pk, "quarter": "2026-3"}
    with on_day(dt.date(2026, 10, 1)):
        page = client.get(reverse("democracy:disclosures_quarter", kwargs=kwargs))
        response = client.get(reverse("democracy:disclosures_quarter_docx", kwargs=kwargs))
    assert len(page.context["lines"]) == 2
    assert response.status_code == 200
    assert "quy-3-2026" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    # the People's Committee issues it, under the national motto, dated in Khoái Châu
    assert "ỦY BAN NHÂN DÂN XÃ KHOÁI CHÂU" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1]
    assert "Khoái Châu, ngày 01 tháng 10 năm 2026" in header[1]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Các nội dung đã công khai quý III năm 2026" in text
    assert "khoản 2 Điều 13" in text
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0][0] == "TT"
    assert rows[2][1] == "Danh sách hộ nghèo năm 2027 (khoản 7 Điều 11)"
    assert rows[2][2] == "88/QĐ-UBND ngày 28/08/2026"
    assert rows[2][4] == "04/09/2026 – 06/10/2026"
    assert rows[2][3] == (
        "Niêm yết tại trụ sở; Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng; "
        "Hệ thống truyền thanh"
    )
    assert rows[1][4] == "Từ 02/07/2026 (thường xuyên)"
    signature = document.tables[2].rows[0].cells[1].text
    assert "TM. ỦY BAN NHÂN DÂN" in signature
    # an unknown quarter does not exist
    bad = reverse("democracy:disclosures_quarter", kwargs={**kwargs, "quarter": "2026-5"})
    assert client.get(bad).status_code == 404


def test_the_daily_task_prepares_the_quarter_just_ended_once(
    commune: Commune, third_quarter: list[Disclosure]
) -> None:
    # when the task runs on the first day of the fourth quarter, twice
    for _ in range(2):
        result = quarterly_lists_task.enqueue(on="2026-10-01")
    # then the commune's list of the third quarter is prepared once, with its two items
    assert result.return_value == {"on": "2026-10-01", "lists": 1}
    prepared = DisclosureQuarterList.objects.get()
    assert (prepared.unit, prepared.year, prepared.quarter, prepared.lines) == (
        commune.commune,
        2026,
        3,
        2,
    )
    # and the officer can download it as prepared
    client = Client()
    client.force_login(commune.handler)
    kwargs = {"pk": commune.commune.pk, "quarter": "2026-3"}
    page = client.get(reverse("democracy:disclosures_quarter", kwargs=kwargs))
    assert page.context["prepared"] == prepared
    response = client.get(reverse("democracy:disclosures_quarter_prepared", kwargs=kwargs))
    assert response.content[:2] == b"PK"
    missing = {**kwargs, "quarter": "2026-2"}
    assert (
        client.get(reverse("democracy:disclosures_quarter_prepared", kwargs=missing)).status_code
        == 404
    )


def test_an_empty_quarter_says_so(commune: Commune) -> None:
    from danvan.democracy.services.disclosures_docx import quarterly_list_docx

    body = quarterly_list_docx(unit=commune.commune, quarter=Q3, today=dt.date(2026, 10, 1))
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    assert "Trong quý không có nội dung nào được công khai." in text
