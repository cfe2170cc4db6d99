"""Helpers for the democracy areas' browser tests (Playwright, Debian Chromium, no
JavaScript): one place for the viewports, the CSP violation listener, the page factory, the
sign-in and the screenshots, so each area's test_browser.py only tells its story.

The ``browser_type_launch_args`` fixture that points Playwright at Debian Chromium is in
``danvan/democracy/tests/conftest.py``.
"""

from pathlib import Path
from typing import Any

from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize

from danvan.democracy.tests.conftest import PASSWORD
from danvan.units.models import User

ARTIFACTS = Path(__file__).resolve().parents[3] / "e2e" / "artifacts"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
# Records every Content-Security-Policy violation, so a test can assert there were none:
# an inline style or script the policy blocks would otherwise fail silently.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def new_page(browser: Browser, viewport: ViewportSize) -> Page:
    """A page in a fresh Vietnamese context without JavaScript (the pages must work
    without it), recording CSP violations in ``window.__cspViolations``."""
    context = browser.new_context(viewport=viewport, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(CSP_LISTENER)
    return page


def sign_in(page: Page, live_server: Any, user: User) -> None:
    """Signs ``user`` in through the login form (the test password of conftest)."""
    page.goto(live_server.url + reverse("units:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def screenshot(page: Page, name: str) -> None:
    """Saves a full-page screenshot as ``e2e/artifacts/<name>.png`` for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
