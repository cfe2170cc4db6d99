"""In Chromium, without JavaScript: a commune officer adds a disclosure and records its
posting with a photo; a resident (not signed in) sees it on the public page, on a phone.

Run with ``pytest -m e2e danvan/democracy/tests/disclosures`` (Debian Chromium).
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser

from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.tests.browser import DESKTOP, PHONE, new_page, screenshot, sign_in
from danvan.democracy.tests.conftest import Commune

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f1b56d0000000049454e44ae426082"
)


def test_a_commune_posts_a_disclosure_and_the_public_page_shows_it(
    browser: Browser, live_server: Any, commune: Commune, tmp_path: Path
) -> None:
    today = timezone.localdate()
    decided = today - dt.timedelta(days=2)
    photo = tmp_path / "bang-tin.png"
    photo.write_bytes(PNG)
    # given the commune's officer, signed in
    officer = new_page(browser, DESKTOP)
    sign_in(officer, live_server, commune.handler)
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
    screenshot(officer, "disclosures-form-error-desktop")
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
    screenshot(officer, "disclosures-detail-desktop")
    officer.goto(
        live_server.url
        + reverse("democracy:disclosures_register", kwargs={"pk": commune.commune.pk})
    )
    screenshot(officer, "disclosures-register-desktop")
    quarter = f"{today.year}-{(today.month - 1) // 3 + 1}"
    officer.goto(
        live_server.url
        + reverse(
            "democracy:disclosures_quarter",
            kwargs={"pk": commune.commune.pk, "quarter": quarter},
        )
    )
    assert "Dự toán ngân sách xã năm 2027" in officer.locator("main table").inner_text()
    screenshot(officer, "disclosures-quarter-desktop")
    # then the posting is recorded with its proof
    posting = DisclosurePosting.objects.get()
    assert (posting.disclosure_id, posting.proof_type) == (item.pk, "image/png")
    # and a resident, not signed in, sees it on the commune's public page on a phone
    resident = new_page(browser, PHONE)
    resident.goto(
        live_server.url + reverse("democracy:disclosures_public", kwargs={"pk": commune.commune.pk})
    )
    screenshot(resident, "disclosures-public-phone")
    body = resident.locator("main").inner_text()
    assert "Dự toán ngân sách xã năm 2027 đã được phê duyệt" in body
    assert "Nhà văn hóa thôn Đông Tảo" in body
    assert commune.handler.full_name not in body
    for page in (officer, resident):
        assert page.evaluate("window.__cspViolations") == []
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for page in (officer, resident):
        page.context.close()  # no keep-alive request left for the live server after the test
