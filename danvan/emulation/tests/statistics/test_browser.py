"""The statistics page in a real browser: in Vietnamese and in Arabic (right to left), no
Content-Security-Policy violation, no axe-core violation, the charts drawn inline."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser

from danvan.emulation.tests.statistics.conftest import Registry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.parametrize(("language", "direction"), [("vi", "ltr"), ("ar", "rtl")])
def test_statistics_page_in_a_browser(
    registry: Registry, live_server: Any, browser: Browser, language: str, direction: str
) -> None:
    # given a visitor who chose the language (the switcher's cookie)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    # when the province's statistics are opened
    url = reverse("emulation:statistics_index") + "?province=VN-33&year=2026"
    page.goto(live_server.url + url)
    # then the page is in the language's direction, with three inline charts
    assert page.locator("html").get_attribute("dir") == direction
    assert page.locator("main svg[role=img]").count() == 3
    assert page.locator("main svg[role=img]").first.is_visible()
    # and the report sentence, with nothing blocked and nothing axe-core objects to
    if language == "vi":
        assert "2026" in page.locator(".statistics-sentence").first.inner_text()
    assert page.evaluate("window.__cspViolations") == []
    results = Axe().run(page, context="main")
    assert results.violations_count == 0, results.generate_report()
    context.close()
