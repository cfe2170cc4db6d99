"""A citizen sends a kiến nghị with a photo, gets a receipt, then follows it by its code."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.demo import world
from danvan.petitions.models import Case
from e2e.conftest import BrowserErrors, Site, vi

pytestmark = pytest.mark.e2e

# The smallest valid PNG (1x1 transparent pixel): a "photo" of the damaged road.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def test_citizen_sends_a_petition_and_looks_it_up(
    site: Site, browser_errors: BrowserErrors, tmp_path: Path
) -> None:
    page = site.page
    photo = tmp_path / "ảnh đường sụt lún.png"
    photo.write_bytes(PNG)

    # given: the public page, no account
    site.go("/don-thu/gui-don/")
    expect(page.locator("main h1")).to_have_text(vi("Send a petition, complaint or denunciation"))
    site.screenshot("1-start")
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Send a petition"), exact=True).click()

    # when: she finds the commune's People's Committee by typing without diacritics
    expect(page.locator("#id_kind_0")).to_be_checked()  # kiến nghị, phản ánh
    page.fill("#id_unit_q", "khoai chau")
    option = page.locator(f'#id_unit option[value="{world.COMMUNE_COMMITTEE.code}"]')
    expect(option).to_have_count(1)
    page.select_option("#id_unit", value=world.COMMUNE_COMMITTEE.code)
    page.select_option("#id_field", label="Giao thông, hạ tầng")
    page.fill("#id_subject", "Đường liên thôn Đông Tảo bị sụt lún")
    page.fill(
        "#id_content",
        "Đoạn đường liên thôn qua xóm Chùa bị sụt lún sau trận mưa lớn ngày 10/10, "
        "xe máy đi lại rất nguy hiểm. Đề nghị UBND xã sớm sửa chữa.",
    )
    page.set_input_files("#id_attachments", str(photo))
    page.fill("#id_name", "Trần Thị Bình")
    page.fill("#id_address", "Thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên")
    page.fill("#id_id_number", "033186001234")
    page.fill("#id_phone", "0912 345 678")
    page.check("#id_declaration")
    site.screenshot("2-form")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send"), exact=True).click()

    # then: a receipt with the tracking code, the unit, the legal time limit and its basis
    expect(page.locator("main h1")).to_have_text(vi("Receipt of your petition"))
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    case = Case.objects.get()
    assert code == case.display_code
    receipt = page.locator("main")
    expect(receipt).to_contain_text(world.COMMUNE_COMMITTEE.name)
    expect(receipt).to_contain_text("Thông tư 05/2021/TT-TTCP")
    expect(receipt).to_contain_text("ảnh đường sụt lún.png")
    expect(receipt).to_contain_text(vi("What happens next"))
    assert case.attachments.count() == 1
    site.screenshot("3-receipt")

    # when: she looks the petition up with the code, typed in lower case
    page.get_by_role("link", name=vi("Follow your petition")).click()
    page.fill("#id_code", code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Look up")).click()

    # then: the status and history in plain Vietnamese, and the due date
    expect(page.locator("[data-testid=case-status]")).to_have_text(vi("Received, being examined"))
    expect(page.locator("main")).to_contain_text(vi("Your petition was received."))
    expect(page.locator("main")).to_contain_text(code)
    site.screenshot("4-tracking")

    # when: a wrong code is typed
    page.fill("#id_code", "DV-0000-0000-00")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Look up")).click()
    # then: one clear message, and the code stays in the box
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_code")).to_have_value("DV-0000-0000-00")
    site.screenshot("5-unknown-code")

    assert browser_errors.page == []
    assert page.evaluate("window.__cspViolations") == []
