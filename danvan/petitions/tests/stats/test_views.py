"""The statistics page, its access rule, its charts and the dashboard panel."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core import dashboard
from danvan.petitions.selectors.stats import StatsRow
from danvan.petitions.tests.stats.conftest import World, staff
from danvan.petitions.views.stats import BarChart, bar_chart, register_panels
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(unit: Unit, name: str = "petitions:stats_unit") -> str:
    return reverse(name, kwargs={"code": unit.code})


NOVEMBER = {"period": "month", "year": "2026", "number": "11"}


def test_staff_see_figures_charts_and_tables(world: World, frozen: None) -> None:
    # given a handler of the Khoái Châu committee
    client = _client(staff("canbo", world.commune_committee))
    # when they open the November statistics
    response = client.get(_url(world.commune_committee), NOVEMBER)
    # then the page shows the figures, an SVG chart per grouping and the same data as tables
    assert response.status_code == 200
    html = response.content.decode()
    assert world.commune_committee.name in html
    assert response.context["stats"].total.received == 6
    assert html.count("<svg") == 2  # months and kinds (no units below a committee)
    assert html.count('role="img"') == 2
    assert html.count("<table") == 4
    # and no inline style or script anywhere in what the page adds
    assert " style=" not in html
    assert "<style" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    # and the exports keep the period
    assert "period=month&amp;year=2026&amp;number=11" in html


def test_province_page_has_a_chart_per_unit(world: World, province: Unit, frozen: None) -> None:
    client = _client(staff("lanhdao", province, RoleAssignment.Role.HEAD))
    response = client.get(_url(province), NOVEMBER)
    assert response.status_code == 200
    assert response.content.decode().count("<svg") == 3
    # sorted by the name without diacritics: Phường…, Ủy ban…, Xã…
    assert [row.key for row in response.context["stats"].by_unit] == [
        "VN-11953",
        "VN-33-ubnd",
        "VN-12205",
    ]


@pytest.mark.parametrize("name", ["stats_unit", "stats_excel", "stats_report", "stats_book"])
def test_other_units_and_citizens_get_404(
    world: World, citizen: User, name: str, frozen: None
) -> None:
    # given staff of another commune, and a citizen
    outsider = staff("phuong", world.other_committee)
    url = _url(world.commune_committee, f"petitions:{name}")
    params = {"date_from": "01/11/2026", "date_to": "30/11/2026"}
    # then every page and export of the commune is a 404, like a unit that does not exist
    assert _client(outsider).get(url, params).status_code == 404
    assert _client(citizen).get(url, params).status_code == 404
    missing = reverse(f"petitions:{name}", kwargs={"code": "khong-co"})
    assert _client(outsider).get(missing, params).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(world: World) -> None:
    response = Client().get(_url(world.commune_committee))
    assert response.status_code == 302
    assert reverse("units:login") in response["Location"]


def test_invalid_period_shows_errors_and_this_month(world: World, frozen: None) -> None:
    client = _client(staff("canbo", world.commune_committee))
    response = client.get(
        _url(world.commune_committee), {"period": "quarter", "year": "2026", "number": "7"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "number" in form.errors
    # the figures shown are this month's, and the form keeps what was typed
    assert response.context["period"].number == 11
    assert 'value="7"' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"period": "month", "year": "2027", "number": "1"}, "year"),
        ({"period": "month", "year": "2026"}, "number"),
        ({"period": "week", "year": "2026"}, "period"),
    ],
)
def test_period_form_rules(world: World, frozen: None, params: dict[str, str], field: str) -> None:
    client = _client(staff("canbo", world.commune_committee))
    response = client.get(_url(world.commune_committee), params)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_year_view(world: World, frozen: None) -> None:
    client = _client(staff("canbo", world.commune_committee))
    response = client.get(_url(world.commune_committee), {"period": "year", "year": "2026"})
    assert response.status_code == 200
    assert response.context["stats"].total.received == 8
    assert len(response.context["stats"].by_month) == 12


def test_home_redirects_to_the_active_unit(world: World, citizen: User) -> None:
    response = _client(staff("canbo", world.commune_committee)).get(reverse("petitions:stats_home"))
    assert response.status_code == 302
    assert response["Location"] == _url(world.commune_committee)
    assert _client(citizen).get(reverse("petitions:stats_home")).status_code == 404


def test_dashboard_panel_shows_the_last_six_months(
    world: World, citizen: User, frozen: None
) -> None:
    # given the panel registered as the lead wires it
    register_panels()
    # when a handler opens the dashboard
    response = _client(staff("canbo", world.commune_committee)).get(reverse("core:dashboard"))
    # then the panel shows the unit's six months with a chart and its table
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="panel-stats-chart-title"' in html
    assert _url(world.commune_committee) in html
    # while the panel context for someone without a staff role is empty
    from django.test import RequestFactory

    from danvan.petitions.views.stats import panel_context

    request = RequestFactory().get("/")
    request.user = citizen
    request.active_role = None  # type: ignore[attr-defined]
    assert panel_context(request) == {"unit": None}
    assert "petitions_stats" in {panel.key for panel in dashboard.panels_for_role("handler")}


def test_bar_chart_geometry() -> None:
    rows = [StatsRow(key="a", label="Tháng 1"), StatsRow(key="b", label="Một nhãn rất dài ở đây")]
    rows[0].received, rows[0].resolved = 7, 3
    rows[1].received, rows[1].resolved = 2, 0
    chart: BarChart = bar_chart(
        chart_id="c",
        title="t",
        rows=rows,
        series=[("received", "R", "#000"), ("resolved", "S", "#111")],
    )
    # the scale goes up to 10 with whole-number gridlines
    assert [tick.value for tick in chart.ticks] == [0, 2, 4, 6, 8, 10]
    tallest = chart.groups[0].bars[0]
    assert tallest.height == pytest.approx((chart.plot_bottom - chart.plot_top) * 0.7, abs=0.1)
    assert tallest.y + tallest.height == pytest.approx(chart.plot_bottom, abs=0.1)
    assert chart.groups[1].bars[1].height == 0
    assert chart.groups[1].short_label.endswith("…")
    # small and empty charts still get whole-number scales
    assert _ticks(0) == [0, 1]
    assert _ticks(2) == [0, 1, 2]
    assert _ticks(20) == [0, 4, 8, 12, 16, 20]
    assert _ticks(130) == [0, 40, 80, 120, 160, 200]


def _ticks(value: int) -> list[int]:
    row = StatsRow(key="a", label="a", received=value)
    chart = bar_chart(chart_id="e", title="t", rows=[row], series=[("received", "R", "#000")])
    return [tick.value for tick in chart.ticks]


def test_chart_coordinates_are_not_localised(world: World, frozen: None, settings: Any) -> None:
    # Vietnamese formats write 12,5 for 12.5; SVG coordinates must keep the dot.
    client = _client(staff("canbo", world.commune_committee))
    html = client.get(_url(world.commune_committee), NOVEMBER).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert re.findall(r'(?:x|y|width|height)="[^"]*,[^"]*"', svg) == []
