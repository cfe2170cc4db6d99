"""In Chromium, without JavaScript: the acceptance case. A commune officer records a
dialogue, a question and a commitment, moves the commitment open → in progress → done
with its evidence, and a resident (not signed in) sees it done on the public page, on a
phone, without the asker's name.

Run with ``pytest -m e2e danvan/democracy/tests/dialogues`` (Debian Chromium).
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from danvan.democracy.models import Commitment
from danvan.democracy.tests.browser import DESKTOP, PHONE, new_page, screenshot, sign_in
from danvan.democracy.tests.conftest import Commune

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _submit(page: Page, action_end: str) -> None:
    with page.expect_navigation():
        page.click(f"main form[action$='{action_end}'] button[type=submit]")


def test_a_dialogue_commitment_is_tracked_to_done_and_shown_publicly(
    browser: Browser, live_server: Any, commune: Commune, tmp_path: Path
) -> None:
    today = timezone.localdate()
    held = today - dt.timedelta(days=10)
    evidence = tmp_path / "bien-ban-nghiem-thu.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban")
    # given the commune's officer, signed in
    officer = new_page(browser, DESKTOP)
    sign_in(officer, live_server, commune.handler)
    # when the officer records the yearly dialogue with residents
    officer.goto(
        live_server.url + reverse("democracy:dialogues_create", kwargs={"pk": commune.commune.pk})
    )
    officer.fill("#id_title", "Đối thoại giữa Chủ tịch UBND xã với Nhân dân")
    officer.fill("#id_held_on", held.isoformat())
    officer.fill("#id_place", "Hội trường UBND xã Khoái Châu")
    officer.fill("#id_chair", "Nguyễn Văn An")
    officer.fill("#id_participants", "180")
    _submit(officer, "/them/")
    # a question from a resident of Đông Tảo (the name not to be shown)
    officer.fill("#id_question", "Đường thôn Đông Tảo xuống cấp, bao giờ sửa?")
    officer.fill("#id_answer", "UBND xã sẽ sửa trong quý tới.")
    officer.fill("#id_asked_by", "Phạm Văn Long")
    officer.select_option("#id_village", label="Thôn Đông Tảo")
    _submit(officer, "/cau-hoi/")
    # and the commitment
    officer.fill("#commitment_content", "Sửa 500 m đường thôn Đông Tảo")
    officer.fill("#commitment_responsible", "Phòng Kinh tế xã")
    officer.fill("#commitment_due_on", (today + dt.timedelta(days=30)).isoformat())
    _submit(officer, "/cam-ket/")
    screenshot(officer, "dialogues-detail-desktop")
    commitment = Commitment.objects.get()
    assert commitment.status == Commitment.Status.OPEN
    # open → in progress
    officer.goto(
        live_server.url + reverse("democracy:dialogues_commitment", kwargs={"pk": commitment.pk})
    )
    officer.select_option("#id_status", "in_progress")
    officer.fill("#id_note", "Đã khảo sát, lập dự toán")
    officer.fill("#id_on", (held + dt.timedelta(days=2)).isoformat())
    _submit(officer, f"/cam-ket/{commitment.pk}/")
    # in progress → done, with the acceptance record attached
    officer.select_option("#id_status", "done")
    officer.fill("#id_note", "Đã nghiệm thu, đưa vào sử dụng")
    officer.fill("#id_on", today.isoformat())
    officer.fill("#id_evidence_note", "Biên bản nghiệm thu công trình")
    officer.set_input_files("#id_evidence_file", str(evidence))
    _submit(officer, f"/cam-ket/{commitment.pk}/")
    screenshot(officer, "dialogues-commitment-desktop")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DONE
    assert commitment.updates.count() == 2
    # then a resident, not signed in, sees it done on the public page on a phone
    resident = new_page(browser, PHONE)
    resident.goto(
        live_server.url + reverse("democracy:dialogues_public", kwargs={"pk": commune.commune.pk})
    )
    screenshot(resident, "dialogues-public-phone")
    body = resident.locator("main").inner_text()
    assert "Sửa 500 m đường thôn Đông Tảo" in body
    assert "Biên bản nghiệm thu công trình" in body
    assert "Thôn Đông Tảo" in body
    assert "Phạm Văn Long" not in body
    assert commune.handler.full_name not in body
    assert resident.locator("main .status--work").count() == 1
    for page in (officer, resident):
        assert page.evaluate("window.__cspViolations") == []
    assert resident.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
