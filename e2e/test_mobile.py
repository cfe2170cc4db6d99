"""Phone-sized screens: every page fits the width (no horizontal scrolling)."""

import pytest
from playwright.sync_api import Page, ViewportSize

from danvan.demo import cast
from e2e.conftest import Site

pytestmark = pytest.mark.e2e

PHONE: ViewportSize = {"width": 375, "height": 812}


def overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the screen (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def test_pages_fit_a_phone_screen(site: Site) -> None:
    page = site.page
    page.set_viewport_size(PHONE)
    # when / then: public pages
    for path, name in (("/", "home"), ("/tai-khoan/dang-nhap/", "login")):
        site.go(path)
        site.screenshot(name)
        assert overflow(page) <= 0, f"{path} scrolls sideways by {overflow(page)}px"
    # and the dashboard of the person with the longest role names in the switcher
    site.log_in(cast.MULTI_ROLE.username)
    site.screenshot("dashboard")
    assert overflow(page) <= 0, f"dashboard scrolls sideways by {overflow(page)}px"
