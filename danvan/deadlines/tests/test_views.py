"""The public calendar and rules pages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_calendar_page_is_public_and_shows_tet_2026(client: Client) -> None:
    # when an anonymous visitor opens February 2026
    response = client.get(reverse("deadlines:calendar"), {"year": "2026", "month": "2"})
    # then the month grid and the year's list show the Tết days with their legal basis
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tết Nguyên Đán" in html
    assert "Bộ luật Lao động 45/2019/QH14, Điều 112" in html
    assert 'datetime="2026-02-16"' in html
    # the swaps of the year appear in the list with the document that decided them
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025" in html
    assert "[U]" in html  # 24/11/2026


def test_calendar_page_marks_the_working_saturday(client: Client) -> None:
    response = client.get(reverse("deadlines:calendar"), {"year": "2026", "month": "1"})
    html = response.content.decode()
    cell_start = html.index('datetime="2026-01-10"')
    cell = html[html.rindex("<td", 0, cell_start) : html.index("</td>", cell_start)]
    assert "day--working-weekend" in cell
    assert "Làm việc bù cho thứ Sáu 02/01/2026" in cell


def test_calendar_page_defaults_to_the_current_month_in_vietnam(client: Client) -> None:
    # 31/8/2026 20:00 UTC is already 1/9/2026 in Hà Nội
    with time_machine.travel(dt.datetime(2026, 8, 31, 20, 0, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("deadlines:calendar"))
    html = response.content.decode()
    assert response.context["view"].month == 9
    assert 'aria-current="date"' in html
    today_at = html.index('aria-current="date"')
    assert 'datetime="2026-09-01"' in html[today_at : today_at + 300]


def test_calendar_page_with_bad_input_explains_and_shows_the_current_month(
    client: Client,
) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        response = client.get(reverse("deadlines:calendar"), {"year": "2026", "month": "13"})
    assert response.status_code == 200
    assert response.context["view"].month == 3
    assert 'role="alert"' in response.content.decode()


def test_calendar_page_in_english(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get(reverse("deadlines:calendar"), {"year": "2026", "month": "4"})
    html = response.content.decode()
    assert "Legal calendar" in html
    assert "Hung Kings&#x27; Commemoration Day (observed)" in html


def test_rules_page_lists_rules_with_status_and_versions(client: Client) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("deadlines:rules"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="rule-denunciation_resolve"' in html
    assert "Luật Tố cáo 25/2018/QH14, Điều 30" in html
    assert "[U]" in html
    assert "[M]" in html
    # the Art 27 version of complaint acceptance is listed as not in force
    other = html.index('id="rules-other"')
    assert "Luật Khiếu nại 02/2011/QH13, Điều 27" in html[other:]


def test_dashboard_shows_the_next_days_off_panel(admin_client: Client) -> None:
    with time_machine.travel(dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC), tick=False):
        response = admin_client.get(reverse("core:dashboard"))
    html = response.content.decode()
    assert 'id="panel-next-days-off"' in html
    assert 'datetime="2026-01-10"' in html
