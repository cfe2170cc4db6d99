"""A failed sign-in explains itself in Vietnamese and keeps what was typed."""

import pytest
from playwright.sync_api import expect

from danvan.demo import cast
from e2e.conftest import Site

pytestmark = pytest.mark.e2e


def test_wrong_password_shows_vietnamese_error_and_keeps_username(site: Site) -> None:
    page = site.page
    # when
    site.log_in(cast.COMMUNE_RECEPTION_OFFICER.username, password="sai-mat-khau")
    site.screenshot("error")
    # then: still on the login page, with a Vietnamese message
    assert page.url.startswith(site.url + "/tai-khoan/dang-nhap/")
    alert = page.locator("main [role=alert]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("mật khẩu")
    expect(alert).not_to_contain_text("Please enter")
    # and the username is still there; the password is not echoed back
    expect(page.locator("#id_username")).to_have_value(cast.COMMUNE_RECEPTION_OFFICER.username)
    expect(page.locator("#id_password")).to_have_value("")

    # when: the right password is typed next
    site.log_in(cast.COMMUNE_RECEPTION_OFFICER.username)
    # then
    expect(page.locator("main h1")).to_have_text("Bảng điều khiển")
