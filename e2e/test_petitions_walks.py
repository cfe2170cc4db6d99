"""Each kind of petition walked end to end in Vietnamese, through the browser only.

A citizen sends it, an officer finds it in the inbox, classifies it and accepts it, the case
page shows the legal due date, the head approves the answer, and the citizen reads it by
tracking code and rates it. The denunciation walk checks that the denouncer's identity
reaches no page but the custodian's; the mixed letter is split into cases of their own.

Time is frozen (and ticking) at Friday 28/8/2026, 09:00 in Hà Nội, for the browser's server
too (time-machine patches the clock of every thread of this process, the live server's
included). That day was chosen because the time limits run across the National Day break:
Monday 31/8 is a day off swapped with Saturday 22/8, and 1/9 and 2/9 are holidays.
"""

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine
from playwright.sync_api import Page, expect

from danvan.deadlines.config import deadline_config
from danvan.demo import cast, world
from danvan.petitions.tests.sealed.leaks import (
    LEAK_ADDRESS,
    LEAK_CONTENT,
    LEAK_EMAIL,
    LEAK_ID_NUMBER,
    LEAK_NAME,
    LEAK_PHONE,
    LEAK_SUBJECT,
    assert_no_identity_leak,
    identity_leaks,
)
from danvan.units.models import Unit
from e2e.conftest import BrowserErrors, Site, vi

pytestmark = pytest.mark.e2e

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY = dt.datetime(2026, 8, 28, 9, 0, tzinfo=VN)

# The due dates, counted by hand from Friday 28/8/2026 (31/8, 1/9 and 2/9 are days off):
# 10 working days: 3, 4, 7, 8, 9, 10, 11, 14, 15, 16/9.
PETITION_DUE = dt.date(2026, 9, 16)  # petition_process, TT 05/2021
# 7 working days: 3, 4, 7, 8, 9, 10, 11/9.
COMPLAINT_ACCEPT_DUE = dt.date(2026, 9, 11)  # complaint_accept, ND 124/2020 Art 16 as amended
# 30 days from acceptance on 28/8 end on Sunday 27/9, so on Monday 28/9.
COMPLAINT_RESOLVE_DUE = dt.date(2026, 9, 28)  # complaint_first, Law on Complaints Art 28
DENUNCIATION_RESOLVE_DUE = dt.date(2026, 9, 28)  # denunciation_resolve, Law on Denunciations Art 30


def long_date(day: dt.date) -> str:
    """As the receipt and the case page print it (Decree 30/2020: the day in two digits,
    the month in two digits only for January and February): "ngày 16 tháng 9 năm 2026"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


@pytest.fixture
def national_day_eve() -> Iterator[None]:
    """The clock of the whole process (the live server's thread too) at 28/8/2026 09:00."""
    with time_machine.travel(FRIDAY, tick=True):
        yield


def test_hand_counted_due_dates_match_the_deadline_engine(national_day_eve: None, db: None) -> None:
    # given the day of the walks, then the engine agrees with the dates counted by hand
    # (so a failure of a walk below is about the pages, not about the calendar)
    config = deadline_config()
    day = FRIDAY.date()
    assert config.due_date("petition_process", day) == PETITION_DUE
    assert config.due_date("complaint_accept", day) == COMPLAINT_ACCEPT_DUE
    assert config.due_date("complaint_first", day) == COMPLAINT_RESOLVE_DUE
    assert config.due_date("denunciation_resolve", day) == DENUNCIATION_RESOLVE_DUE


# --------------------------------------------------------------------------- helpers


def sign_out(site: Site) -> None:
    """The header's button, if someone is signed in."""
    logout = site.page.locator(".logout-form button")
    if logout.count():
        with site.page.expect_navigation():
            logout.click()


def sign_in_as(site: Site, member: cast.CastMember) -> None:
    """Sign out whoever is signed in, then sign in as ``member``."""
    page = site.page
    sign_out(site)
    site.log_in(member.username)
    expect(page.locator("main h1")).to_have_text(vi("Dashboard"))


def open_inbox(site: Site) -> None:
    """From the dashboard's panel, the way an officer starts the day."""
    with site.page.expect_navigation():
        site.page.get_by_role("link", name=vi("Open the inbox")).click()
    expect(site.page.locator("main h1")).to_have_text(vi("Cases to handle"))


def open_case(site: Site, code: str) -> None:
    """Click the case's code in the inbox."""
    page = site.page
    with page.expect_navigation():
        page.locator("table.data").get_by_role("link", name=code, exact=True).click()
    expect(page.locator("main .lead")).to_contain_text(code)


def act(site: Site, title: str, done: str, fill: dict[str, str] | None = None) -> None:
    """Click an action on the case page, fill its form, send it and see it done.

    ``title`` and ``done`` are msgids (the button and the message after success); ``fill``
    maps CSS selectors to values: "check" ticks a box, "select:<label>" chooses an option.
    """
    page = site.page
    with page.expect_navigation():
        page.locator("nav.case-actions").get_by_role("link", name=vi(title), exact=True).click()
    expect(page.locator("main h1")).to_have_text(vi(title))
    for selector, value in (fill or {}).items():
        if value == "check":
            page.check(selector)
        elif value.startswith("select:"):
            page.select_option(selector, label=value.removeprefix("select:"))
        else:
            page.fill(selector, value)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(vi(done))


def track(site: Site, code: str) -> None:
    """The public tracking page, the code typed as a person would, in lower case."""
    page = site.page
    site.go("/don-thu/tra-cuu/")
    page.fill("#id_code", code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Look up")).click()


def no_browser_errors(page: Page, errors: BrowserErrors) -> None:
    assert errors.page == []
    assert errors.console == []
    assert page.evaluate("window.__cspViolations") == []


def no_raw_msgids(page: Page) -> None:
    """English words a missing translation would leave on a page of this walk."""
    text = page.locator("body").inner_text()
    for english in ("Case", "Time limit", "Due on", "History", "Answer", "Status", "Kind"):
        assert not re.search(rf"(?m)^\s*{english}\s*$", text), f"untranslated {english!r}"


CONDITIONS_MET = {
    "#id_has_name": "check",
    "#id_has_address": "check",
    "#id_has_signature": "check",
    "#id_content_clear": "check",
    "#id_within_competence": "check",
}


# --------------------------------------------------------------------------- kiến nghị


def test_petition_from_a_signed_in_citizen_is_answered_and_rated(
    national_day_eve: None, site: Site, browser_errors: BrowserErrors
) -> None:
    page = site.page
    # given: Trần Thị Bình, signed in, sends a kiến nghị to the commune People's Committee
    sign_in_as(site, cast.CITIZEN)
    site.go("/don-thu/gui-don/")
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Send a petition"), exact=True).click()
    expect(page.locator("#id_kind_0")).to_be_checked()
    expect(page.locator("#id_name")).to_have_value(cast.CITIZEN.full_name)  # from her account
    page.fill("#id_unit_q", "khoai chau")
    option = page.locator(f'#id_unit option[value="{world.COMMUNE_COMMITTEE.code}"]')
    expect(option).to_have_count(1)
    page.select_option("#id_unit", value=world.COMMUNE_COMMITTEE.code)
    page.fill("#id_subject", "Đèn chiếu sáng đường thôn Đông Tảo bị hỏng")
    page.fill(
        "#id_content",
        "Năm cột đèn trên đường trục thôn Đông Tảo không sáng từ đầu tháng 8, "
        "người dân đi lại buổi tối rất nguy hiểm. Đề nghị UBND xã cho sửa chữa.",
    )
    page.fill("#id_address", "Thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên")
    page.fill("#id_id_number", "033186001234")
    page.check("#id_declaration")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send"), exact=True).click()

    # then: the receipt has a tracking code and the 10-working-day limit across the holiday
    expect(page.locator("main h1")).to_have_text(vi("Receipt of your petition"))
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    assert re.fullmatch(r"DV-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    receipt = page.locator("main")
    expect(receipt).to_contain_text(long_date(FRIDAY.date()))
    expect(receipt).to_contain_text(long_date(PETITION_DUE))
    expect(receipt).to_contain_text("Thông tư 05/2021/TT-TTCP")
    site.screenshot("1-receipt")

    # when: the reception officer opens the commune's inbox
    sign_in_as(site, cast.COMMUNE_RECEPTION_OFFICER)
    open_inbox(site)
    row = page.locator("table.data tr", has_text=code)
    expect(row).to_contain_text(vi("Petition or feedback (kiến nghị, phản ánh)"))
    expect(row).to_contain_text(short_date(PETITION_DUE))
    site.screenshot("2-inbox-reception")
    open_case(site, code)
    # then: she may read it but handling is for the handler
    expect(page.locator("nav.case-actions")).to_have_count(0)

    # when: the handler classifies it (field), records the conditions and accepts it
    sign_in_as(site, cast.COMMUNE_HANDLER)
    open_inbox(site)
    open_case(site, code)
    act(
        site,
        "Classify the case",
        "The case has been classified.",
        {"#id_field": "select:Giao thông, hạ tầng"},
    )
    act(site, "Conditions for handling", "The conditions have been recorded.", CONDITIONS_MET)
    act(site, "Accept for handling", "The case has been accepted and its time limit started.")

    # then: the case page shows the field and the legal due date with its basis
    facts = page.locator("section[aria-labelledby=case-facts]")
    expect(facts).to_contain_text("Giao thông, hạ tầng")
    deadline = page.locator("section[aria-labelledby=case-deadline]")
    expect(deadline).to_contain_text(long_date(PETITION_DUE))
    expect(deadline).to_contain_text("Thông tư 05/2021/TT-TTCP")
    expect(page.locator("main .lead .status")).to_have_text(vi("Accepted for handling (thụ lý)"))
    # the history's heading is the petitions wording, not the admin's "Bản ghi nhớ" (memo)
    expect(page.locator("#case-history")).to_have_text(vi("What has happened"))
    no_raw_msgids(page)
    site.screenshot("3-case-accepted")

    # when: the handler drafts the answer
    answer = (
        "UBND xã Khoái Châu trả lời bà Trần Thị Bình như sau: Văn phòng UBND xã đã kiểm tra, "
        "năm cột đèn hỏng do chập dây; đơn vị điện sẽ thay dây và bóng đèn trước ngày 10/9/2026."
    )
    act(
        site,
        "Draft the answer",
        "The answer has been saved and waits for the head's approval.",
        {"#id_body": answer},
    )

    # and: the chairman approves it from his inbox (he sees the units below too)
    sign_in_as(site, cast.COMMUNE_HEAD)
    open_inbox(site)
    open_case(site, code)
    expect(page.locator("section[aria-labelledby=case-answer]")).to_contain_text("chập dây")
    act(site, "Approve the answer", "The answer has been approved.")
    expect(page.locator("section[aria-labelledby=case-answer]")).to_contain_text(
        cast.COMMUNE_HEAD.full_name
    )
    site.screenshot("4-approved")

    # and: the handler sends it
    sign_in_as(site, cast.COMMUNE_HANDLER)
    open_inbox(site)
    open_case(site, code)
    act(site, "Send the answer", "The answer has been sent to the citizen.")
    expect(page.locator("main .lead .status")).to_have_text(vi("Answered"))

    # then: the citizen reads the answer by tracking code, without her name in it
    sign_in_as(site, cast.CITIZEN)
    track(site, code)
    expect(page.locator("[data-testid=case-status]")).to_have_text(vi("Answered"))
    status = page.locator("section[aria-labelledby=case-title]")
    expect(status).to_contain_text(vi("The answer was sent."))
    expect(status).to_contain_text("đơn vị điện sẽ thay dây và bóng đèn")
    expect(status).not_to_contain_text(cast.CITIZEN.full_name)
    site.screenshot("5-tracking-answer")

    # when: she confirms receipt and rates it
    page.check("#id_confirm_receipt")
    page.get_by_label(vi("Partly satisfied"), exact=True).check()
    page.fill("#id_comment", "Đã sửa được ba cột, còn hai cột chưa sáng.")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send my rating")).click()
    expect(page.locator(".messages")).to_contain_text(vi("Thank you. Your rating was recorded."))
    expect(status).to_contain_text(vi("Your rating"))
    expect(status).to_contain_text(vi("Partly satisfied"))
    site.screenshot("6-rated")

    # then: the handler sees the rating on the case page
    sign_in_as(site, cast.COMMUNE_HANDLER)
    site.go(f"/don-thu/xu-ly/{code}/")
    rating = page.locator("section[aria-labelledby=case-rating]")
    expect(rating).to_contain_text(vi("Partly satisfied"))
    expect(rating).to_contain_text("còn hai cột chưa sáng")
    expect(page.locator("section[aria-labelledby=case-history]")).to_contain_text(
        vi("Rated by the citizen")
    )
    site.screenshot("7-rating-staff")
    no_browser_errors(page, browser_errors)


# --------------------------------------------------------------------------- khiếu nại


def test_complaint_without_an_account_is_accepted_decided_and_rated(
    national_day_eve: None, site: Site, browser_errors: BrowserErrors
) -> None:
    page = site.page
    # given: a complaint sent without an account, with a name
    site.go("/don-thu/gui-don/")
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Send a complaint"), exact=True).click()
    expect(page.locator("#id_kind_1")).to_be_checked()
    page.fill("#id_unit_q", "khoai chau")
    page.select_option("#id_unit", value=world.COMMUNE_COMMITTEE.code)
    page.select_option("#id_field", label="Đất đai")
    page.fill("#id_subject", "Khiếu nại việc thu hồi 120 m² đất vườn thửa số 45, tờ bản đồ 12")
    page.fill("#id_respondent", "Chủ tịch UBND xã Khoái Châu")
    page.fill(
        "#id_content",
        "Ngày 20/8/2026 tôi nhận Quyết định số 88/QĐ-UBND thu hồi 120 m² đất vườn của gia đình "
        "để mở rộng đường liên thôn, nhưng không được thông báo trước và chưa được bồi thường. "
        "Đề nghị xem xét lại quyết định.",
    )
    page.fill("#id_name", "Phạm Văn Khải")
    page.fill("#id_address", "Xóm Chùa, thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên")
    page.fill("#id_id_number", "033075009876")
    page.fill("#id_phone", "0987 654 321")
    page.check("#id_declaration")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send"), exact=True).click()

    # then: the receipt gives the acceptance limit (7 working days, across the holiday)
    expect(page.locator("main h1")).to_have_text(vi("Receipt of your petition"))
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    expect(page.locator("main")).to_contain_text(long_date(COMPLAINT_ACCEPT_DUE))
    expect(page.locator("main")).to_contain_text("Nghị định 155/2026/NĐ-CP")
    site.screenshot("1-receipt")

    # when: the handler finds it, classifies it, checks the conditions (the 90-day limit
    # counts from the day the complainant received the decision) and accepts it
    sign_in_as(site, cast.COMMUNE_HANDLER)
    open_inbox(site)
    row = page.locator("table.data tr", has_text=code)
    expect(row).to_contain_text(vi("Complaint (khiếu nại)"))
    expect(row).to_contain_text(short_date(COMPLAINT_ACCEPT_DUE))
    site.screenshot("2-inbox")
    open_case(site, code)
    act(site, "Classify the case", "The case has been classified.")
    act(
        site,
        "Conditions for handling",
        "The conditions have been recorded.",
        {**CONDITIONS_MET, "#id_known_act_on": "2026-08-20"},
    )
    expect(page.locator("section[aria-labelledby=case-conditions]")).to_contain_text(
        vi("Filed within the 90-day time limit.")
    )
    act(site, "Accept for handling", "The case has been accepted and its time limit started.")

    # then: the resolution limit of a first-time complaint runs from the acceptance
    deadline = page.locator("section[aria-labelledby=case-deadline]")
    expect(deadline).to_contain_text(long_date(COMPLAINT_RESOLVE_DUE))
    expect(deadline).to_contain_text("Luật Khiếu nại 02/2011/QH13, Điều 28")
    expect(deadline).not_to_contain_text(long_date(COMPLAINT_ACCEPT_DUE))
    no_raw_msgids(page)
    site.screenshot("3-case-accepted")

    # when: the handler drafts the decision and the chairman approves it
    decision = (
        "QUYẾT ĐỊNH về việc giải quyết khiếu nại (lần đầu) của ông Phạm Văn Khải. "
        "Điều 1. Công nhận một phần nội dung khiếu nại: Quyết định số 88/QĐ-UBND được ban hành "
        "khi chưa thông báo thu hồi đất theo quy định; UBND xã thông báo lại và lập phương án "
        "bồi thường trước khi thực hiện."
    )
    act(
        site,
        "Draft the answer",
        "The answer has been saved and waits for the head's approval.",
        {"#id_body": decision},
    )
    sign_in_as(site, cast.COMMUNE_HEAD)
    open_inbox(site)
    open_case(site, code)
    act(site, "Approve the answer", "The answer has been approved.")
    site.screenshot("4-approved")
    sign_in_as(site, cast.COMMUNE_HANDLER)
    site.go(f"/don-thu/xu-ly/{code}/")
    act(site, "Send the answer", "The answer has been sent to the citizen.")

    # then: the complainant (no account) reads the decision by code, then rates it
    sign_out(site)
    track(site, code)
    expect(page.locator("[data-testid=case-status]")).to_have_text(vi("Answered"))
    status = page.locator("section[aria-labelledby=case-title]")
    expect(status).to_contain_text("Công nhận một phần nội dung khiếu nại")
    expect(status).not_to_contain_text("Phạm Văn Khải")  # personal data redacted
    site.screenshot("5-tracking-answer")
    page.check("#id_confirm_receipt")
    page.get_by_label(vi("Not satisfied"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send my rating")).click()
    expect(status).to_contain_text(vi("Not satisfied"))
    site.screenshot("6-rated")

    # and: the chairman sees the rating
    sign_in_as(site, cast.COMMUNE_HEAD)
    site.go(f"/don-thu/xu-ly/{code}/")
    expect(page.locator("section[aria-labelledby=case-rating]")).to_contain_text(
        vi("Not satisfied")
    )
    no_browser_errors(page, browser_errors)


# --------------------------------------------------------------------------- tố cáo


def test_denunciation_is_handled_on_a_redacted_file_and_followed_up_by_receipt_code(
    national_day_eve: None, site: Site, browser_errors: BrowserErrors
) -> None:
    page = site.page
    inspectorate = Unit.objects.get(code=world.PROVINCE_INSPECTORATE.code)
    staff_pages: list[str] = []

    def looked_at(where: str) -> None:
        staff_pages.append(where)
        assert_no_identity_leak(page.content(), where=where)

    # given: a denunciation to the provincial inspectorate, the letter naming its writer
    # (the inspectorate is where the custodian holds her role, so she can reach the case)
    site.go("/don-thu/gui-don/")
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Send a denunciation"), exact=True).click()
    page.fill("#id_unit_q", "thanh tra tinh hung yen")
    option = page.locator(f'#id_unit option[value="{inspectorate.code}"]')
    expect(option).to_have_count(1)
    page.select_option("#id_unit", value=inspectorate.code)
    page.select_option("#id_field", label="Đất đai")
    page.fill("#id_accused", "Ông Lê Văn Hưởng, công chức địa chính xã Khoái Châu")
    page.fill("#id_subject", LEAK_SUBJECT)
    page.fill("#id_content", LEAK_CONTENT)
    page.fill("#id_name", LEAK_NAME)
    page.fill("#id_address", LEAK_ADDRESS)
    page.fill("#id_id_number", LEAK_ID_NUMBER)
    page.fill("#id_phone", LEAK_PHONE)
    page.fill("#id_email", LEAK_EMAIL)
    page.check("#id_declaration")
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send"), exact=True).click()

    # then: the receipt shows the follow-up code once
    expect(page.locator("main h1")).to_have_text(vi("Receipt of your denunciation"))
    receipt_code = page.locator("[data-testid=receipt-code]").inner_text().strip()
    assert len(re.sub(r"[^0-9A-Z]", "", receipt_code)) >= 24  # about 140 bits, in groups
    site.screenshot("1-receipt")

    # when: the inspectorate's handler opens the case from the inbox
    sign_in_as(site, cast.PROVINCE_HANDLER)
    open_inbox(site)
    looked_at("inbox")
    row = page.locator("table.data tr", has_text=vi("Denunciation (tố cáo)"))
    expect(row).to_have_count(1)
    code = row.locator("a").first.inner_text().strip()
    site.screenshot("2-inbox")
    open_case(site, code)
    looked_at("case page")
    expect(page.locator("main")).to_contain_text(
        vi("The denouncer's identity is sealed. This is the redacted file.")
    )
    expect(page.locator("section[aria-labelledby=case-file]")).to_contain_text("Lê Văn Hưởng")
    site.screenshot("3-redacted-file")

    # and: classifies it, records the conditions and accepts it
    act(site, "Classify the case", "The case has been classified.")
    looked_at("case page after classification")
    act(site, "Conditions for handling", "The conditions have been recorded.", CONDITIONS_MET)
    looked_at("case page after the conditions")
    act(site, "Accept for handling", "The case has been accepted and its time limit started.")
    looked_at("accepted case page")
    deadline = page.locator("section[aria-labelledby=case-deadline]")
    expect(deadline).to_contain_text(long_date(DENUNCIATION_RESOLVE_DUE))
    expect(deadline).to_contain_text("Luật Tố cáo 25/2018/QH14, Điều 30")
    site.screenshot("4-case-accepted")

    # and: asks the custodian to open the identity (the handler never sees it)
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Ask to open the identity")).click()
    looked_at("request form")
    page.fill(
        "#id_reason",
        "Cần gặp trực tiếp người tố cáo để làm rõ thời điểm giao nhận tiền và nhân chứng.",
    )
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Send the request")).click()
    expect(page.locator(".messages")).to_contain_text(vi("Your request was sent to the custodian."))
    looked_at("request sent")

    # and: drafts the conclusion
    conclusion = (
        "KẾT LUẬN nội dung tố cáo: tố cáo ông Lê Văn Hưởng nhận tiền để cấp giấy chứng nhận "
        "quyền sử dụng đất thửa số 118, tờ bản đồ 9 là đúng một phần. Chuyển hồ sơ đến cơ quan "
        "điều tra xem xét; kiến nghị Chủ tịch UBND xã tạm đình chỉ công tác ông Hưởng."
    )
    with page.expect_navigation():
        page.get_by_role("link", name=code).first.click()
    act(
        site,
        "Draft the answer",
        "The answer has been saved and waits for the head's approval.",
        {"#id_body": conclusion},
    )
    looked_at("conclusion drafted")

    # when: the Chief Inspector approves the conclusion
    sign_in_as(site, cast.INSPECTORATE_HEAD)
    open_inbox(site)
    looked_at("head's inbox")
    open_case(site, code)
    looked_at("head's case page")
    act(site, "Approve the answer", "The answer has been approved.")
    looked_at("approved conclusion")
    site.screenshot("5-approved")

    # and: the handler sends it, the head publishes it (the law publishes conclusions)
    sign_in_as(site, cast.PROVINCE_HANDLER)
    site.go(f"/don-thu/xu-ly/{code}/")
    act(site, "Send the answer", "The answer has been sent to the citizen.")
    looked_at("sent conclusion")
    sign_in_as(site, cast.INSPECTORATE_HEAD)
    site.go(f"/don-thu/xu-ly/{code}/")
    act(
        site,
        "Publish the answer",
        "The answer has been published with personal data redacted.",
    )
    looked_at("published conclusion (staff)")
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Published")).click()
    looked_at("published conclusion (public)")
    expect(page.locator("main")).to_contain_text("đúng một phần")

    # then: the denouncer follows it up with the receipt code and reads the outcome
    sign_out(site)
    site.go("/don-thu/to-cao/theo-doi/")
    page.fill("#id_code", receipt_code)
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Look up")).click()
    answer = page.locator("section[aria-labelledby=follow-up-answer]")
    expect(answer).to_contain_text("đúng một phần")
    expect(page.locator("main")).to_contain_text(inspectorate.name)
    expect(page.locator("#follow-up-history")).to_have_text(vi("What has happened"))
    assert_no_identity_leak(page.content(), where="follow-up page")
    site.screenshot("6-follow-up")

    # and: the custodian approves the request and alone sees who wrote it
    sign_in_as(site, cast.CUSTODIAN)
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Open the requests"), exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Open the request"), exact=True).first.click()
    page.get_by_label(vi("Approve"), exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Record the decision")).click()
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Open the sealed identity"), exact=True).click()
    assert {"name", "id_number"} <= set(identity_leaks(page.content()))
    site.screenshot("7-custodian-identity")

    assert len(staff_pages) >= 12
    no_browser_errors(page, browser_errors)


# --------------------------------------------------------------------------- mixed letter


def test_mixed_letter_is_split_and_each_part_is_tracked(
    national_day_eve: None, site: Site, browser_errors: BrowserErrors
) -> None:
    page = site.page
    # given: the reception officer enters a paper letter with mixed contents
    sign_in_as(site, cast.COMMUNE_RECEPTION_OFFICER)
    with page.expect_navigation():
        page.get_by_role("link", name=vi("Enter a letter")).first.click()
    expect(page.locator("#id_received_on")).to_have_value(short_date(FRIDAY.date()))
    page.fill("#id_postmarked_on", "27/08/2026")
    page.fill("#id_letter_dated_on", "25/08/2026")
    page.select_option("#id_kind", value="mixed")
    page.fill("#id_name", "Nguyễn Văn Tùng")
    page.fill("#id_address", "Thôn Đông Tảo, xã Khoái Châu, tỉnh Hưng Yên")
    page.fill("#id_subject", "Đơn đề nghị sửa cống và khiếu nại quyết định xử phạt")
    page.fill(
        "#id_content",
        "1. Cống thoát nước đầu thôn bị vỡ, nước tràn vào nhà dân. "
        "2. Tôi khiếu nại Quyết định số 15/QĐ-XPHC ngày 18/8/2026 phạt tôi 2 triệu đồng.",
    )
    with page.expect_navigation():
        page.get_by_role("button", name=vi("Receive the letter")).click()
    code = page.locator("[data-testid=tracking-code]").inner_text().strip()
    expect(page.locator("main")).to_contain_text(vi("Mixed contents (to be split)"))
    site.screenshot("1-desk-receipt")

    # when: the handler splits it into a petition and a complaint
    sign_in_as(site, cast.COMMUNE_HANDLER)
    open_inbox(site)
    open_case(site, code)
    act(
        site,
        "Split the petition",
        "The petition has been split; each part has its own tracking code.",
        {
            "#id_petition_subject": "Cống thoát nước đầu thôn Đông Tảo bị vỡ",
            "#id_petition_content": "Cống thoát nước đầu thôn bị vỡ, nước tràn vào nhà dân.",
            "#id_petition_field": "select:Giao thông, hạ tầng",
            "#id_complaint_subject": "Khiếu nại Quyết định xử phạt số 15/QĐ-XPHC",
            "#id_complaint_content": "Khiếu nại Quyết định số 15/QĐ-XPHC phạt 2 triệu đồng.",
        },
    )

    # then: each part is a case of its own, with its own code
    parts = page.locator("section[aria-labelledby=case-split] li")
    expect(parts).to_have_count(2)
    children = [item.locator("a").inner_text().strip() for item in parts.all()]
    assert len({code, *children}) == 3
    expect(parts.filter(has_text=vi("Petition or feedback (kiến nghị, phản ánh)"))).to_have_count(1)
    expect(parts.filter(has_text=vi("Complaint (khiếu nại)"))).to_have_count(1)
    site.screenshot("2-split")

    # and: the complaint part runs its own acceptance limit from the split
    complaint_code = (
        parts.filter(has_text=vi("Complaint (khiếu nại)")).locator("a").inner_text().strip()
    )
    with page.expect_navigation():
        page.get_by_role("link", name=complaint_code).click()
    expect(page.locator("section[aria-labelledby=case-deadline]")).to_contain_text(
        long_date(COMPLAINT_ACCEPT_DUE)
    )
    expect(page.locator("section[aria-labelledby=case-split]")).to_contain_text(code)

    # when: the sender tracks the original code
    sign_out(site)
    track(site, code)
    # then: it says the letter was split and lists both new codes
    expect(page.locator("[data-testid=case-status]")).to_have_text(vi("Split into separate cases"))
    status = page.locator("section[aria-labelledby=case-title]")
    for child in children:
        expect(status).to_contain_text(child)
    site.screenshot("3-tracking-original")

    # and: each new code can be followed on its own
    track(site, complaint_code)
    expect(page.locator("section[aria-labelledby=case-title]")).to_contain_text(
        vi("Complaint (khiếu nại)")
    )
    expect(page.locator("section[aria-labelledby=case-title]")).to_contain_text(
        long_date(COMPLAINT_ACCEPT_DUE)
    )
    site.screenshot("4-tracking-part")
    no_browser_errors(page, browser_errors)
