"""In Chromium, without JavaScript: a commune officer registers the People's Inspection
Board, is refused a commune official as a member, adds residents until the minimum is
reached, plans an activity and sees the day its plan is due.

Run with ``pytest -m e2e danvan/democracy/tests/supervision`` (Debian Chromium).
"""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from danvan.democracy.models import BoardMember, SupervisionActivity, SupervisionBoard
from danvan.democracy.services.supervision import plan_notice_due_date
from danvan.democracy.tests.browser import DESKTOP, new_page, screenshot, sign_in
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import RoleAssignment, Unit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _add_member(page: Page, name: str, village: str, account: str = "") -> None:
    page.fill("#id_full_name", name)
    page.select_option("#id_village", label=village)
    page.fill("#id_from_date", "01/01/2026")
    page.fill("#id_account", account)
    page.check("#id_declared_not_staff")
    with page.expect_navigation():
        page.click("main form[action$='/thanh-vien/'] button[type=submit]")


def test_a_board_is_set_up_and_plans_an_activity(
    browser: Browser, live_server: Any, commune: Commune
) -> None:
    Unit.objects.create(
        code="VN-12205-thon-tu-dan", name="Thôn Tứ Dân", kind="village", parent=commune.commune
    )
    official = make_user("canbothon", "Lê Văn Tâm", commune.committee, RoleAssignment.Role.HANDLER)
    officer = new_page(browser, DESKTOP)
    sign_in(officer, live_server, commune.handler)
    # when the officer registers the commune's People's Inspection Board
    officer.goto(
        live_server.url
        + reverse("democracy:supervision_board_create", kwargs={"pk": commune.commune.pk})
    )
    officer.select_option("#id_kind", "inspection")
    officer.fill("#id_name", "Ban Thanh tra nhân dân xã Khoái Châu")
    officer.fill("#id_term_start", "01/01/2026")
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    board = SupervisionBoard.objects.get()
    # and proposes a commune official: refused, nobody added
    _add_member(officer, "Lê Văn Tâm", "Thôn Đông Tảo", official.username)
    assert officer.locator("main .errorlist").count() >= 1
    screenshot(officer, "supervision-member-refused")
    assert not BoardMember.objects.exists()
    # then five residents make the board complete
    villages = ["Thôn Đông Tảo", "Thôn An Vĩ", "Thôn Bình Dân", "Thôn Tứ Dân", "Thôn Đông Tảo"]
    for i, village in enumerate(villages):
        _add_member(officer, f"Nguyễn Văn Dân {i + 1}", village)
    assert board.members.count() == 5
    # a plan with an activity three weeks ahead shows the day its plan is due
    officer.fill("#plan_title", "Kế hoạch kiểm tra, giám sát năm 2026")
    with officer.expect_navigation():
        officer.click("main form[action$='/ke-hoach/'] button[type=submit]")
    starts = timezone.localdate() + dt.timedelta(days=21)
    officer.fill("#id_subject", "Thu, chi quỹ làm đường thôn Đông Tảo")
    officer.fill("#id_starts_on", starts.isoformat())
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    screenshot(officer, "supervision-activity")
    activity = SupervisionActivity.objects.get()
    assert activity.notice_due_on == plan_notice_due_date(starts_on=starts)
    officer.goto(
        live_server.url + reverse("democracy:supervision_unit", kwargs={"pk": commune.commune.pk})
    )
    screenshot(officer, "supervision-commune")
    assert officer.locator("main .status--off").count() == 0
    assert officer.evaluate("window.__cspViolations") == []
