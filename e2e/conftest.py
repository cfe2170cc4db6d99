"""Playwright browser tests: Debian Chromium against Django's live server with the demo cast.

Run them with ``pytest -m e2e`` (they also run in ``tools/test`` on PostgreSQL). Chromium is
the Debian package (``/usr/bin/chromium``); Playwright's own browser downloads are never used.
Screenshots go to ``e2e/artifacts/`` (ignored by git).
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Page

from danvan.demo import cast

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM
# calls from such a thread unless told this is intended (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).parent / "artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Records Content-Security-Policy violations reported by the browser itself.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def vi(msgid: str) -> str:
    """The Vietnamese catalogue's text for ``msgid``, which must be translated.

    Tests assert on what the catalogue says rather than copying it, so rewording a
    translation does not break them, while a missing translation still does.
    """
    with translation.override("vi"):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} has no Vietnamese translation"
    return text


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the Debian Chromium instead of a browser downloaded by Playwright."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian Chromium is not installed (apt-get install chromium): no browser tests")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def demo_cast(transactional_db: None) -> None:
    """The small demo world, committed so that the live server thread sees it."""
    call_command("seed_demo", minimal=True, force=True, quiet_cast=True, verbosity=0)


@dataclass
class BrowserErrors:
    console: list[str] = field(default_factory=list)
    page: list[str] = field(default_factory=list)


@pytest.fixture
def browser_errors(page: Page) -> BrowserErrors:
    """Collect console errors and uncaught page errors for the whole test."""
    errors = BrowserErrors()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.console.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.page.append(str(error)))
    page.add_init_script(CSP_LISTENER)
    return errors


@dataclass
class Site:
    """The live server seen through one browser page, with the helpers every test needs."""

    page: Page
    url: str
    test_name: str

    def go(self, path: str) -> None:
        response = self.page.goto(self.url + path)
        assert response is not None
        assert response.ok, f"{path} answered {response.status}"

    def log_in(self, username: str, password: str = cast.DEMO_PASSWORD) -> None:
        self.go("/tai-khoan/dang-nhap/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("main form button[type=submit]")

    def choose(self, selector: str, *, label: str | None = None, value: str | None = None) -> None:
        """Pick an option in a self-submitting <select> and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.select_option(selector, label=label, value=value)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.test_name}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def site(page: Page, live_server: Any, demo_cast: None, request: pytest.FixtureRequest) -> Site:
    page.set_default_timeout(15_000)
    return Site(page=page, url=live_server.url, test_name=request.node.name)
