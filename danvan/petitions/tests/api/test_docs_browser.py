"""The API docs page in a real browser, under the site's Content-Security-Policy."""

import shutil
from typing import Any

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The Debian Chromium, as in e2e/ (Playwright's own downloads are never used)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian Chromium is not installed: no browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }


def test_swagger_ui_runs_without_csp_violations(page: Page, server: Any) -> None:
    # given a browser that records CSP violations and script errors
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(CSP_LISTENER)
    # when the docs page is opened
    response = page.goto(f"{server.url}/open311/v2/docs")
    assert response is not None
    assert response.ok
    assert "script-src" in (response.headers.get("content-security-policy") or "")
    # then Swagger UI draws the operations from openapi.json
    page.wait_for_selector(".opblock", timeout=15_000)
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/open311/v2/requests.json" in text for text in summaries)
    assert any("/open311/v2/services.json" in text for text in summaries)
    # and the browser reports no CSP violation and no script error
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
