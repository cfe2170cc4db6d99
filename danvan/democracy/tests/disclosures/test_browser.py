"""In Chromium, without JavaScript: a commune officer adds a disclosure and records its
posting with a photo; a resident (not signed in) sees it on the public page, on a phone.

Run with ``pytest -m e2e danvan/democracy/tests/disclosures`` (Debian Chromium).
"""

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, ViewportSize

from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.tests.conftest import PASSWORD, Commune

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[4] / "e2e" / "artifacts"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f1b56d0000000049454e44ae426082"
)
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
    page.screenshot(path=str(ARTIFACTS / f"disclosures-{name}.png"), full_page=True)


def test_a_commune_posts_a_disclosure_and_the_public_page_shows_it(
    browser: Browser, live_server: Any, commune: Commune, tmp_path: Path
) -> None:
    today = timezone.localdate()
    decided = today - dt.timedelta(days=2)
    photo = tmp_path / "bang-tin.png"
    photo.write_bytes(PNG)
    # given the commune's officer, signed in
    officer = _page(browser, DESKTOP)
    officer.goto(live_server.url + reverse("units:login"))
    officer.fill("#id_username", commune.handler.username)
    officer.fill("#id_password", PASSWORD)
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    # when the officer adds the approved budget estimate
    officer.goto(
        live_server.url + reverse("democracy:disclosures_create", kwargs={"pk": commune.commune.pk})
    )
    officer.select_option("#id_category", "commune_02")
    officer.fill("#id_title", "Dự toán ngân sách xã năm 2027 đã được phê duyệt")
    officer.fill("#id_document_number", "125/QĐ-UBND")
    # (first forgetting the decision's date: the page says so and keeps what was typed)
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    assert officer.locator(".field--error #id_decided_on").count() == 1
    assert officer.input_value("#id_document_number") == "125/QĐ-UBND"
    _shot(officer, "form-error-desktop")
    officer.fill("#id_decided_on", decided.isoformat())
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    item = Disclosure.objects.get()
    # and records its posting at the village cultural house, with a photo
    officer.click("main a[href$='/niem-yet/']")
    officer.select_option("#id_channel", "village_house")
    officer.fill("#id_place", "Nhà văn hóa thôn Đông Tảo")
    officer.set_input_files("#id_proof", str(photo))
    with officer.expect_navigation():
        officer.click("main form button[type=submit]")
    _shot(officer, "detail-desktop")
    officer.goto(
        live_server.url
        + reverse("democracy:disclosures_register", kwargs={"pk": commune.commune.pk})
    )
    _shot(officer, "register-desktop")
    quarter = f"{today.year}-{(today.month - 1) // 3 + 1}"
    officer.goto(
        live_server.url
        + reverse(
            "democracy:disclosures_quarter",
            kwargs={"pk": commune.commune.pk, "quarter": quarter},
        )
    )
    assert "Dự toán ngân sách xã năm 2027" in officer.locator("main table").inner_text()
    _shot(officer, "quarter-desktop")
    # then the posting is recorded with its proof
    posting = DisclosurePosting.objects.get()
    assert (posting.disclosure_id, posting.proof_type) == (item.pk, "image/png")
    # and a resident, not signed in, sees it on the commune's public page on a phone
    resident = _page(browser, PHONE)
    resident.goto(
        live_server.url + reverse("democracy:disclosures_public", kwargs={"pk": commune.commune.pk})
    )
    _shot(resident, "public-phone")
    body = resident.locator("main").inner_text()
    assert "Dự toán ngân sách xã năm 2027 đã được phê duyệt" in body
    assert "Nhà văn hóa thôn Đông Tảo" in body
    assert commune.handler.full_name not in body
    for page in (officer, resident):
        assert page.evaluate("window.__cspViolations") == []
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for page in (officer, resident):
        page.context.close()  # no keep-alive request left for the live server after the test
