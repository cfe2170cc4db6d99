"""In Chromium: the agency's dashboard and the public summary of the demo consultation, on a
desktop and a phone screen; the charts render with no script and no CSP violation.

Run with ``pytest -m e2e danvan/consultations/tests/dashboard`` (Debian Chromium).
"""

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize

from danvan.consultations.models import Consultation
from danvan.demo import cast
from danvan.demo.consultations import TITLE, demo_consultations_seed
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.units.models import User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[4] / "e2e" / "artifacts"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian Chromium is not installed: no browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


def _page(browser: Browser, viewport: ViewportSize) -> Page:
    context = browser.new_context(viewport=viewport, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(CSP_LISTENER)
    return page


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"), full_page=True)


def test_the_demo_dashboard_renders_on_desktop_and_phone(
    browser: Browser,
    live_server: Any,
    demo_world: DemoPlaces,  # noqa: F811
) -> None:
    # given: the demo consultation, and the commune's chairman signed in
    demo_consultations_seed(places=demo_world)
    slug = Consultation.objects.get(title=TITLE).slug
    head = User.objects.get(username=cast.COMMUNE_HEAD.username)
    head.set_password("danvan-test-2026")
    head.save(update_fields=["password"])
    desktop = _page(browser, DESKTOP)
    desktop.goto(live_server.url + reverse("units:login"))
    desktop.fill("#id_username", head.username)
    desktop.fill("#id_password", "danvan-test-2026")
    with desktop.expect_navigation():
        desktop.click("main form button[type=submit]")
    # when
    desktop.goto(live_server.url + reverse("consultations:dashboard_manage", args=[slug]))
    _shot(desktop, "manage-desktop")
    phone = _page(browser, PHONE)
    phone.goto(live_server.url + reverse("consultations:dashboard_public", args=[slug]))
    _shot(phone, "public-phone")
    # then: four charts each, drawn, with no CSP violation (no inline style anywhere)
    for page in (desktop, phone):
        assert page.locator("svg.dash-chart").count() == 4
        assert page.locator("svg.dash-chart rect.dash-chart__bar").count() > 10
        assert page.evaluate("window.__cspViolations") == []
    bar = desktop.locator("svg.dash-chart rect.dash-chart__bar").first
    assert bar.evaluate("el => getComputedStyle(el).fill") == "rgb(163, 22, 26)"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
