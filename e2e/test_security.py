"""The Content-Security-Policy holds in a real browser: no inline code, no violations."""

import pytest

from danvan.demo import cast
from e2e.conftest import BrowserErrors, Site

pytestmark = pytest.mark.e2e


def test_pages_send_strict_csp_and_the_browser_reports_no_violation(
    site: Site, browser_errors: BrowserErrors
) -> None:
    page = site.page
    # when: visiting public and signed-in pages, and using the self-submitting selects
    response = page.goto(site.url + "/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    site.log_in(cast.MULTI_ROLE.username)
    site.choose("#role-select", label=page.locator("#role-select option").nth(1).inner_text())
    site.choose("#lang-select", value="en")
    site.screenshot("dashboard")
    # then: the policy allows no inline code and restricts scripts to this site
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "object-src 'none'" in policy
    # and the browser saw no violation and no error
    violations = page.evaluate("window.__cspViolations")
    assert violations == []
    assert [m for m in browser_errors.console if "Content Security Policy" in m] == []
    assert browser_errors.console == []
    assert browser_errors.page == []
