"""The public page: what a commune discloses today, and by quarter, for anyone."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.democracy.models import Disclosure
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import item, on_day, post

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 10, 20)


@pytest.fixture
def disclosed(commune: Commune) -> dict[str, Disclosure]:
    """Four items: in force, ended, permanent, and due but not posted; plus another
    commune's."""
    items = {
        "now": item(commune.commune, commune.handler, title="Dự toán ngân sách xã năm 2027"),
        "ended": item(
            commune.commune, commune.handler, title="Kế hoạch phát triển kinh tế - xã hội 2026"
        ),
        "permanent": item(
            commune.commune,
            commune.handler,
            category="commune_13",
            title="Thủ tục hành chính giải quyết tại xã",
            decided_on=dt.date(2026, 6, 30),
        ),
        "unposted": item(commune.commune, commune.handler, title="Quyết toán ngân sách năm 2025"),
        "elsewhere": item(commune.other_commune, commune.other_handler, title="Phố Hiến công khai"),
    }
    post(
        items["now"],
        commune.handler,
        posted_from=dt.date(2026, 10, 1),
        place="Bảng tin trụ sở UBND xã",
        proof_name="anh.pdf",
        proof=b"%PDF-1.4",
    )
    post(
        items["ended"],
        commune.handler,
        posted_from=dt.date(2026, 9, 3),
        posted_to=dt.date(2026, 10, 2),
    )
    post(
        items["permanent"],
        commune.handler,
        posted_from=dt.date(2026, 7, 1),
        channel="portal",
        url="https://khoaichau.hungyen.gov.vn/thu-tuc",
    )
    post(items["elsewhere"], commune.other_handler, posted_from=dt.date(2026, 10, 1))
    return items


def test_the_page_shows_only_what_is_in_force_today_to_anyone(
    commune: Commune, disclosed: dict[str, Disclosure]
) -> None:
    # given a visitor who is not signed in
    url = reverse("democracy:disclosures_public", kwargs={"pk": commune.commune.pk})
    with on_day(TODAY):
        # when they open the commune's public page
        response = Client().get(url)
    # then it lists what is posted today, the permanent item first
    assert response.status_code == 200
    html = response.content.decode()
    titles = [entry.disclosure.title for entry in response.context["items"]]
    assert titles == ["Thủ tục hành chính giải quyết tại xã", "Dự toán ngân sách xã năm 2027"]
    assert "Bảng tin trụ sở UBND xã" in html
    assert "Xã Khoái Châu" in html
    # and nothing ended, unposted or of another commune
    for absent in ("Kế hoạch phát triển", "Quyết toán ngân sách", "Phố Hiến công khai"):
        assert absent not in html
    # and no personal data: no officer's name, no proof file
    assert "Trịnh Văn Đức" not in html
    assert "anh.pdf" not in html
    assert "minh-chung" not in html


def test_past_quarters_list_what_was_disclosed(
    commune: Commune, disclosed: dict[str, Disclosure]
) -> None:
    url = reverse("democracy:disclosures_public", kwargs={"pk": commune.commune.pk})
    with on_day(TODAY):
        page = Client().get(url)
        assert [q.slug for q in page.context["quarters"]] == ["2026-4", "2026-3"]
        # when the third quarter is opened
        response = Client().get(url, {"quy": "2026-3"})
        # then the items first posted in July–September are listed with form and time
        assert [line.disclosure.title for line in response.context["lines"]] == [
            "Thủ tục hành chính giải quyết tại xã",
            "Kế hoạch phát triển kinh tế - xã hội 2026",
        ]
        assert "03/09/2026" in response.content.decode()
        # and a future or malformed quarter does not exist
        assert Client().get(url, {"quy": "2027-1"}).status_code == 404
        assert Client().get(url, {"quy": "abc"}).status_code == 404


def test_the_public_index_lists_communes_that_disclose(
    commune: Commune, disclosed: dict[str, Disclosure]
) -> None:
    response = Client().get(reverse("democracy:disclosures_public_index"))
    assert [c.name for c in response.context["communes"]] == ["Phường Phố Hiến", "Xã Khoái Châu"]
    assert "Xã Khoái Châu" in response.content.decode()


def test_only_communes_have_a_public_page(commune: Commune) -> None:
    empty = Client().get(reverse("democracy:disclosures_public_index"))
    assert empty.context["communes"] == []
    for pk in (commune.committee.pk, commune.villages[0].pk, 999_999):
        url = reverse("democracy:disclosures_public", kwargs={"pk": pk})
        assert Client().get(url).status_code == 404
