"""The public statistics page, its SVG charts and its CSV."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from danvan.emulation.tests.statistics.conftest import Registry

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def client(client: Client) -> Client:
    """The page in English (the language cookie), so its wording is checked by msgid; the
    Vietnamese sentences are checked in test_sentences.py."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


INDEX = reverse("emulation:statistics_index")
CSV = reverse("emulation:statistics_csv")


def chart(kind: str) -> str:
    return reverse("emulation:statistics_chart", args=[kind])


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_page_is_public_and_shows_the_country_this_year(registry: Registry, client: Client) -> None:
    # given nobody signed in
    # when the statistics page is opened without a choice
    response = client.get(INDEX)
    # then it shows the whole country for this year, sentences, inline charts and tables
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.scope, stats.year) == (registry.world.country, 2026)
    content = response.content.decode()
    assert "In 2026, the whole country had 5 new models and examples" in content
    assert content.count('role="img"') == 3
    assert "Phường Ba Đình" not in content  # a ward is not listed under the country
    assert "Thành phố Hà Nội" in content
    # and no staff person is ever named
    assert "Phạm Quốc Huy" not in content
    assert "Nguyễn Văn An" not in content


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_choose_province_then_commune(registry: Registry, client: Client) -> None:
    # when a province is chosen, its communes become choices
    response = client.get(INDEX, {"province": "VN-33", "year": "2026"})
    assert response.context["stats"].scope == registry.world.province
    assert 'name="commune"' in response.content.decode()
    assert "In 2026, the province had 4 new models and examples" in response.content.decode()
    # and choosing one counts the commune alone
    response = client.get(INDEX, {"province": "VN-33", "commune": "VN-12205", "year": "2025"})
    stats = response.context["stats"]
    assert (stats.scope, stats.year) == (registry.world.commune, 2025)
    assert (stats.current.new, stats.current.in_force) == (2, 2)


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_commune_of_another_province_is_refused(registry: Registry, client: Client) -> None:
    # when a commune is sent with a province it does not belong to
    response = client.get(INDEX, {"province": "VN-33", "commune": "VN-00004"})
    # then the form says so and the whole country is shown meanwhile
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert response.context["stats"].scope == registry.world.country


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_no_commune_chooser_without_province(registry: Registry, client: Client) -> None:
    response = client.get(INDEX)
    assert 'name="commune"' not in response.content.decode()


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_chart_served_as_svg(registry: Registry, client: Client) -> None:
    # when the years chart of the province is asked for
    response = client.get(chart("years"), {"province": "VN-33", "year": "2026"})
    # then it is an SVG document with the province's numbers
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    texts = [e.text for e in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[-3:] == ["2026", "4", "6"]
    assert "Cookie" in response["Vary"]


def test_unknown_chart_is_404(registry: Registry, client: Client) -> None:
    assert client.get(chart("pie")).status_code == 404


def test_no_map_is_404(db: None, client: Client) -> None:
    assert client.get(INDEX).status_code == 404


@time_machine.travel("2026-11-20 09:00 +0700", tick=False)
def test_csv_is_streamed_with_every_table(registry: Registry, client: Client) -> None:
    # when the province's tables are downloaded
    response = client.get(CSV, {"province": "VN-33", "year": "2026"})
    # then a streamed UTF-8 CSV with a byte-order mark comes back, named after the place
    assert response.streaming
    assert 'filename="thong-ke-dan-van-kheo-VN-33-2026.csv"' in response["Content-Disposition"]
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == [
        "Table",
        "Group",
        "New in the year",
        "In force at the end of the year",
        "Recognised in the year",
        "Removed in the year",
    ]
    assert ["By field", "Economy", "2", "4", "0", "1"] in rows
    assert ["By unit", "Xã Khoái Châu", "2", "3", "0", "1"] in rows
    assert ["By field and level", "Economy – Provincial level", "1", "1", "0", "1"] in rows
    assert len(rows) == 1 + 4 + 3 + 2 + 12 + 3
