"""A draft put out for comment, walked end to end in Vietnamese, through the browser only.

An officer of the provincial inspectorate creates a consultation, uploads a Word draft
(first a file with no articles, which is refused without losing what was typed), checks the
structure the app found and opens it for comment: the window is the deadline engine's
``consultation_posting`` period, checked here against a count by hand. Citizens take part
on phone-sized screens: per-article votes sent in place, a changed answer, comments on an
article and on a selected passage, short statements and votes on them, seven near-identical
letters of a mail-merge campaign (some typed without diacritics) and one advertisement; one
citizen has JavaScript switched off and retries her vote and her comment. The officer
follows the live tallies, hides the advertisement, accepts a statement, and once the window
has closed (a late vote is refused) computes the opinion map and the campaign groups. He
writes the synthesis-and-explanation report (bản tổng hợp, tiếp thu, giải trình), the Chief
Inspector approves and publishes it, and someone without an account reads it on the portal
and downloads it: the Word file is read with python-docx, the PDF with poppler's pdftotext,
and page 1 of each is drawn to e2e/artifacts (the Word file through LibreOffice) for a
person to look at.

Time is frozen (and ticking) from Monday 10/8/2026, 09:00 in Hà Nội, for the live server's
thread too (time-machine patches the clock of the whole process); it is moved to the last
evening of the window and past its end. The seeded people are accounts only: every step a
person takes is a click or a keystroke on a real page.
"""

import datetime as dt
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
import warnings
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
import pytest
import time_machine
from django.urls import get_resolver
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from playwright.sync_api import (
    Browser,
    BrowserContext,
    FilePayload,
    Locator,
    Page,
    Route,
    expect,
)

from danvan.deadlines.config import deadline_config
from danvan.demo import cast, world
from danvan.units.models import RoleAssignment, Unit, User
from e2e.conftest import ARTIFACTS, CSP_LISTENER, BrowserErrors, Site, vi
from e2e.test_mobile import PHONE, overflow

pytestmark = pytest.mark.e2e

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
OPENED = dt.datetime(2026, 8, 10, 9, 0, tzinfo=VN)  # a Monday
# The posting window counted by hand (DOMAIN.md §6.1, rule consultation_posting: at least
# 20 calendar days from the day after posting, holidays included): 20 days after Mon 10/8
# is Sun 30/8; Mon 31/8 is a day off (swapped with Sat 22/8), Tue 1/9 and Wed 2/9 are the
# National Day holidays, so the last day moves to Thu 3/9 (Civil Code Art 148(5)).
LAST_DAY = dt.date(2026, 9, 3)
DAYS_LEFT = 24  # from Mon 10/8 to Thu 3/9
LAST_EVENING = dt.datetime(2026, 9, 3, 21, 30, tzinfo=VN)
JUST_CLOSED = dt.datetime(2026, 9, 4, 0, 5, tzinfo=VN)  # the window ends at 24:00 of 3/9
NEXT_MORNING = dt.datetime(2026, 9, 4, 8, 0, tzinfo=VN)

TITLE = "Dự thảo Quy định về tiếp công dân và xử lý đơn thư trên địa bàn tỉnh Hưng Yên"
PREAMBLE = [
    "ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN",
    "QUYẾT ĐỊNH Ban hành Quy định về tiếp công dân và xử lý đơn thư trên địa bàn tỉnh",
    "Căn cứ Luật Tiếp công dân ngày 25 tháng 11 năm 2013, được sửa đổi, bổ sung bởi "
    "Luật số 136/2025/QH15;",
    "Theo đề nghị của Chánh Thanh tra tỉnh.",
]
BODY = [
    "Chương I",
    "NHỮNG QUY ĐỊNH CHUNG",
    "Điều 1. Phạm vi điều chỉnh",
    "Quy định này quy định việc tổ chức tiếp công dân, tiếp nhận và xử lý đơn khiếu nại, "
    "tố cáo, kiến nghị, phản ánh trên địa bàn tỉnh Hưng Yên.",
    "Điều 2. Đối tượng áp dụng",
    "1. Các cơ quan hành chính nhà nước cấp tỉnh và cấp xã.",
    "2. Cán bộ, công chức làm công tác tiếp công dân, xử lý đơn thư.",
    "Điều 3. Lịch tiếp công dân",
    "1. Chủ tịch Ủy ban nhân dân cấp xã tiếp công dân ít nhất 02 ngày trong một tháng tại trụ sở.",
    "2. Trụ sở tiếp công dân tỉnh tiếp công dân vào các ngày làm việc và sáng thứ Bảy hằng tuần.",
    "Điều 4. Tiếp nhận đơn qua mạng",
    "1. Đơn được gửi qua Cổng dịch vụ công của tỉnh theo một trong các hình thức sau:",
    "a) Điền biểu mẫu trực tuyến;",
    "b) Gửi bản chụp đơn có chữ ký;",
    "c) Gửi qua ứng dụng định danh điện tử VNeID.",
    "2. Trong thời hạn 07 ngày làm việc, cơ quan tiếp nhận phải thông báo cho người gửi đơn.",
]
# What the structure must be: 1 chapter, 4 articles, 6 clauses, 3 points.
STRUCTURE = {
    "parts": 0,
    "chapters": 1,
    "sections": 0,
    "articles": 4,
    "clauses": 6,
    "points": 3,
}
PASSAGE = "ứng dụng định danh điện tử VNeID"  # in Điều 4, khoản 1, điểm c

# The mail-merge letter: the same text, each sender's own name, village and telephone.
CAMPAIGN_TEMPLATE = (
    "Tôi là {name}, ở {village}, điện thoại {phone}. Tôi đề nghị Trụ sở tiếp công dân tỉnh "
    "tiếp công dân cả vào buổi tối các ngày làm việc, vì công nhân đi làm cả ngày không thể "
    "đến trụ sở trong giờ hành chính."
)
CAMPAIGN_TEMPLATE_ASCII = (
    "Toi la {name}, o {village}, dien thoai {phone}. Toi de nghi Tru so tiep cong dan tinh "
    "tiep cong dan ca vao buoi toi cac ngay lam viec, vi cong nhan di lam ca ngay khong the "
    "den tru so trong gio hanh chinh."
)
ADVERTISEMENT = "Bán đất nền giá rẻ gần khu công nghiệp Phố Nối, liên hệ 0912 345 678."

STATEMENTS_BY_AGENCY = [
    "Nên cho phép gửi đơn qua ứng dụng VNeID.",
    "Chủ tịch xã phải tiếp công dân ít nhất mỗi tuần một lần.",
    "Trụ sở tiếp công dân nên mở cửa vào buổi tối.",
]
STATEMENT_BY_CITIZEN = "Cần báo cho người gửi đơn bằng tin nhắn điện thoại."


@dataclass(frozen=True)
class Resident:
    """A citizen account seeded for the walk (the demo cast has too few of them)."""

    username: str
    full_name: str
    village: str
    phone: str
    ascii_letter: bool = False  # types the campaign letter without diacritics

    @property
    def letter(self) -> str:
        if self.ascii_letter:
            return CAMPAIGN_TEMPLATE_ASCII.format(
                name=_fold(self.full_name), village=_fold(self.village), phone=self.phone
            )
        return CAMPAIGN_TEMPLATE.format(name=self.full_name, village=self.village, phone=self.phone)


def _fold(text: str) -> str:
    """Vietnamese without diacritics, as typed on a keyboard with no Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


CAMPAIGNERS = [
    Resident("nguyenvanhai", "Nguyễn Văn Hải", "thôn Đông Tảo", "0901 111 201"),
    Resident("phamthilan", "Phạm Thị Lan", "thôn An Vĩ", "0901 111 202"),
    Resident("hoangvannam", "Hoàng Văn Nam", "thôn Bình Dân", "0901 111 203", ascii_letter=True),
    Resident("dothithu", "Đỗ Thị Thu", "thôn Dạ Trạch", "0901 111 204"),
    Resident("vuvanlong", "Vũ Văn Long", "thôn Đông Tảo", "0901 111 205", ascii_letter=True),
    Resident("ngothihanh", "Ngô Thị Hạnh", "thôn An Vĩ", "0901 111 206"),
    Resident("buivantoan", "Bùi Văn Toàn", "thôn Bình Dân", "0901 111 207"),
]
ADVERTISER = Resident("dat_nen_pho_noi", "Công ty Đất nền Phố Nối", "thôn Dạ Trạch", "0912 345 678")

# How the statement votes split the campaigners into two camps (1 agree, -1 disagree).
CAMP_A = CAMPAIGNERS[:4]
CAMP_B = CAMPAIGNERS[4:]
CAMP_A_VOTES = {0: 1, 1: 1, 2: -1, 3: -1}  # index in STATEMENTS (agency's three, then citizen's)
CAMP_B_VOTES = {0: -1, 1: -1, 2: 1, 3: 1}


def vi_n(singular: str, plural: str, number: int) -> str:
    """The Vietnamese catalogue's text for a plural msgid (one form in Vietnamese)."""
    with translation.override("vi"):
        text = translation.ngettext(singular, plural, number)
    assert text not in (singular, plural), f"{singular!r} has no Vietnamese translation"
    return text


def vi_in(context: str, msgid: str) -> str:
    """The Vietnamese catalogue's text for a msgid with a context (``pgettext``)."""
    with translation.override("vi"):
        text = translation.pgettext(context, msgid)
    assert text != msgid, f"{msgid!r} ({context}) has no Vietnamese translation"
    return text


def short_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def draft_docx(paragraphs: list[str]) -> bytes:
    """A Word document as a drafting office writes it: centred heading, one line a paragraph."""
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if text.isupper() or text.startswith(("Chương", "Điều")):
            run.bold = True
        if text.isupper() or text.startswith("Chương"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_file(name: str, paragraphs: list[str]) -> FilePayload:
    return {
        "name": name,
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "buffer": draft_docx(paragraphs),
    }


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """The clock of the whole process (the live server's thread too) from 10/8/2026 09:00."""
    with time_machine.travel(OPENED, tick=True) as traveller:
        yield traveller


@pytest.fixture
def residents(demo_cast: None) -> None:
    """Accounts for the citizens of the walk, with a citizen role in a village of the commune."""
    village = Unit.objects.get(code=world.VILLAGE_DONG_TAO.code)
    for resident in [*CAMPAIGNERS, ADVERTISER]:
        user = User.objects.create_user(
            username=resident.username,
            password=cast.DEMO_PASSWORD,
            full_name=resident.full_name,
            email=f"{resident.username}@example.com",
        )
        RoleAssignment.objects.create(user=user, unit=village, role=RoleAssignment.Role.CITIZEN)


@pytest.fixture
def url_conf_loaded() -> None:
    """Import the views before the browser's first request (they bring scikit-learn along,
    seconds of CPU on a busy machine), so that a page load does not run into its timeout."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module


@dataclass
class Phones:
    """Citizens' phones: one browser context each, every page watched for errors."""

    browser: Browser
    url: str
    test_name: str
    contexts: list[BrowserContext] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def sign_in(self, username: str, *, javascript: bool = True) -> Page:
        context = self.browser.new_context(
            viewport=PHONE,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            java_script_enabled=javascript,
            has_touch=True,
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda error: self.errors.append(f"{username}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{username}: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        if javascript:
            page.add_init_script(CSP_LISTENER)
        page.goto(self.url + "/tai-khoan/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", cast.DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        expect(page.locator("main h1")).to_have_text(vi("Dashboard"))
        return page

    def screenshot(self, page: Page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{self.test_name}-{name}.png"), full_page=True)


@pytest.fixture
def phones(browser: Browser, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Phones]:
    phones = Phones(browser=browser, url=live_server.url, test_name=request.node.name)
    yield phones
    for context in phones.contexts:
        context.close()


# --------------------------------------------------------------------------- helpers


def message(page: Page) -> Locator:
    return page.locator(".messages")


def click_and_wait(page: Page, target: Locator) -> None:
    with page.expect_navigation():
        target.click()


def article_actions(page: Page, anchor: str) -> Locator:
    return page.locator(f'[data-article-actions][data-article="{anchor}"]')


def vote_in_place(page: Page, anchor: str, choice: str) -> None:
    """Tap agree / disagree under an article: htmx swaps the block, the page stays."""
    url = page.url
    actions = article_actions(page, anchor)
    actions.locator(f".vote-button--{choice}").click()
    expect(actions.locator(f".vote-button--{choice}")).to_have_attribute("aria-pressed", "true")
    expect(actions.locator("[role=status]")).to_have_text(
        vi("Your answer was recorded. You can change it until the end.")
    )
    assert page.url == url  # no page load


def comment_on_article(page: Page, anchor: str, text: str) -> None:
    box = page.locator(f'[data-comment-box][data-article="{anchor}"]')
    box.locator("summary").click()
    box.locator("textarea[name=text]").fill(text)
    click_and_wait(page, box.get_by_role("button", name=vi("Send comment")))
    expect(message(page)).to_contain_text(vi("Your comment was recorded. Thank you."))


def drag_select(page: Page, anchor: str, passage: str) -> None:
    """Select ``passage`` in the provision ``anchor`` with the mouse, as a reader does."""
    page.locator(f'[id="{anchor}"]').scroll_into_view_if_needed()
    ends = page.evaluate(
        """([anchor, passage]) => {
          const host = document.getElementById(anchor).querySelector("p");
          const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(passage);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            const first = range.getBoundingClientRect();
            range.setStart(node, at + passage.length - 1);
            range.setEnd(node, at + passage.length);
            const last = range.getBoundingClientRect();
            return [first.left + 1, first.top + first.height / 2,
                    last.right - 1, last.top + last.height / 2];
          }
          return null;
        }""",
        [anchor, passage],
    )
    assert ends is not None, f"{passage!r} is not in {anchor}"
    x0, y0, x1, y1 = ends
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x1, y1, steps=8)
    page.mouse.up()


def statement_item(page: Page, text: str) -> Locator:
    return page.locator("li.statement", has_text=text)


def vote_on_statement(page: Page, text: str, vote: int) -> None:
    button = {1: ".vote-button--agree", -1: ".vote-button--disagree"}[vote]
    click_and_wait(page, statement_item(page, text).locator(button))
    expect(message(page)).to_contain_text(vi("Your vote was recorded."))
    expect(statement_item(page, text).locator(button)).to_have_attribute("aria-pressed", "true")


def tally_row(page: Page, label: str) -> Locator:
    return page.locator("table.tallies tbody tr", has=page.locator("th", has_text=label))


def expect_tally(page: Page, label: str, agree: int, disagree: int, comments: int) -> None:
    cells = tally_row(page, label).locator("td")
    expect(cells.nth(0)).to_have_text(str(agree))
    expect(cells.nth(1)).to_have_text(str(disagree))
    expect(cells.nth(3)).to_have_text(str(comments))


# Chromium logs this for a page answered 400: a form sent back with its errors is one.
FORM_ERROR_PAGE = "Failed to load resource: the server responded with a status of 400"


def no_browser_errors(page: Page, errors: BrowserErrors, *, form_error_pages: int) -> None:
    assert errors.page == []
    expected = [message for message in errors.console if message.startswith(FORM_ERROR_PAGE)]
    assert len(expected) == form_error_pages, errors.console
    assert [message for message in errors.console if message not in expected] == []
    assert page.evaluate("window.__cspViolations") == []


# --------------------------------------------------------------------------- the walk


def test_hand_counted_posting_window_matches_the_deadline_engine(
    clock: time_machine.Traveller, db: None
) -> None:
    # given the day the draft is opened, then the engine agrees with the count by hand
    # (so a failure of the walk below is about the pages, not about the calendar)
    assert deadline_config().due_date("consultation_posting", OPENED.date()) == LAST_DAY


def test_a_draft_is_imported_opened_commented_on_and_analysed(
    clock: time_machine.Traveller,
    url_conf_loaded: None,
    site: Site,
    residents: None,
    phones: Phones,
    browser_errors: BrowserErrors,
) -> None:
    officer = site.page
    slug = officer_imports_and_opens_the_draft(site)
    statements = officer_seeds_statements(site, slug)
    citizens_take_part(site, phones, slug, statements)
    officer_follows_and_moderates(site, phones, slug)
    late_vote_is_refused(clock, site, phones, slug)
    clock.move_to(NEXT_MORNING)
    officer_computes_the_map_and_the_campaigns(site, slug)
    officer_writes_the_report_and_the_head_publishes_it(site, slug)
    citizen_reads_and_downloads_the_report(site, phones, slug)
    assert phones.errors == []
    # the wrong file, the too-early last day and the explanation left out came back as
    # forms with their errors (400)
    no_browser_errors(officer, browser_errors, form_error_pages=3)


def test_the_officers_list_gives_the_last_day_for_comments(
    clock: time_machine.Traveller, url_conf_loaded: None, site: Site
) -> None:
    # given: a draft opened on 10/8, comments accepted until the end of 3/9
    officer_imports_and_opens_the_draft(site)
    # when: the officer looks at the list of his consultations
    site.go("/gop-y/quan-ly/")
    # then: the column "Kết thúc" gives the same last day as the consultation's page
    row = site.page.locator("table.data tr", has_text=TITLE)
    expect(row).to_contain_text(vi("Open for comments"))
    expect(row.locator("td").last).to_have_text(short_date(LAST_DAY))


# --------------------------------------------------------------------------- 1 and 2


def officer_imports_and_opens_the_draft(site: Site) -> str:
    page = site.page
    # given: the inspectorate's officer, signed in, on the consultations of his units
    site.log_in(cast.PROVINCE_HANDLER.username)
    site.go("/gop-y/quan-ly/")
    expect(page.locator("main h1")).to_have_text(vi("Consultations of my units"))
    click_and_wait(page, page.get_by_role("link", name=vi("New consultation")))

    # when: he creates the consultation (his unit is the only choice, so it is chosen)
    expect(page.locator("#id_unit option:checked")).to_have_text(world.PROVINCE_INSPECTORATE.name)
    page.fill("#id_title", TITLE)
    page.fill(
        "#id_summary",
        "Thanh tra tỉnh lấy ý kiến nhân dân về lịch tiếp công dân và việc nhận đơn qua mạng.",
    )
    expect(page.locator('input[name=kind][value="legal_document"]')).to_be_checked()
    expect(page.locator('input[name=audience][value="everyone"]')).to_be_checked()
    click_and_wait(page, page.get_by_role("button", name=vi("Create and import the draft")))
    expect(message(page)).to_contain_text(vi("The consultation is created. Now import the draft."))
    expect(page.locator("main h1")).to_have_text(vi("Import the draft"))
    slug = page.url.rstrip("/").split("/")[-2]

    # when: he first picks the wrong file, a memo with no article in it
    change_note = "Bản dự thảo lần thứ nhất, trình lấy ý kiến nhân dân."
    page.fill("#id_change_note", change_note)
    page.set_input_files(
        "#id_file",
        files=[
            docx_file(
                "cong-van-de-nghi-gop-y.docx",
                [
                    "Kính gửi: Ủy ban nhân dân các xã, phường.",
                    "Thanh tra tỉnh đề nghị các đơn vị góp ý vào dự thảo Quy định kèm theo.",
                ],
            )
        ],
    )
    click_and_wait(page, page.get_by_role("button", name=vi("Save this version")))

    # then: the Vietnamese reason, and nothing typed or read is lost
    expect(page.locator(".message--error")).to_have_text(
        vi(
            "No article was found in the draft. Each article must begin on its own line with "
            "“Điều” and its number, for example “Điều 1. Phạm vi điều chỉnh”."
        )
    )
    expect(page.locator("#id_change_note")).to_have_value(change_note)
    expect(page.locator("#id_text")).to_have_value(re.compile("Thanh tra tỉnh đề nghị các đơn vị"))
    site.screenshot("1-no-articles")

    # when: he uploads the real draft and previews it
    page.fill("#id_text", "")
    draft = docx_file("du-thao-quy-dinh-tiep-cong-dan.docx", PREAMBLE + BODY)
    page.set_input_files("#id_file", files=[draft])
    click_and_wait(page, page.get_by_role("button", name=vi("Preview the structure")))

    # then: the structure found in the Word file, before anything is saved
    preview = page.locator("section.draft-preview")
    expect(preview.locator("h2")).to_have_text(vi("Preview (not saved)"))
    expect(preview).to_contain_text(
        vi_n("%(n)s article found.", "%(n)s articles found.", 4) % {"n": 4}
    )
    expect(preview).to_contain_text("Chương I — NHỮNG QUY ĐỊNH CHUNG")
    for label in ("Điều 1. Phạm vi điều chỉnh", "Điều 4. Tiếp nhận đơn qua mạng"):
        expect(preview.locator("summary", has_text=label)).to_have_count(1)
    expect(page.locator("#id_change_note")).to_have_value(change_note)
    site.screenshot("2-preview")

    # when: he saves the version, the file chosen again
    page.set_input_files("#id_file", files=[draft])
    click_and_wait(page, page.get_by_role("button", name=vi("Save this version")))

    # then: version 1, its structure counted and anchored, and the window not yet open
    expect(message(page)).to_contain_text(
        vi("Version %(number)s of the draft is saved: %(count)s articles.")
        % {"number": 1, "count": 4}
    )
    structure = page.locator("section[aria-labelledby=structure-heading]")
    expect(structure).to_contain_text(
        vi(
            "%(parts)s parts, %(chapters)s chapters, %(sections)s sections, %(articles)s "
            "articles, %(clauses)s clauses, %(points)s points."
        )
        % STRUCTURE
    )
    structure.locator("summary", has_text="Điều 4.").click()
    for anchor in ("#dieu-4", "#chuong-i"):
        expect(structure.locator("code", has_text=re.compile(f"^{anchor}$"))).to_have_count(1)
    expect(structure).to_contain_text(PASSAGE)
    versions = page.locator("section[aria-labelledby=versions-heading]")
    expect(versions).to_contain_text("du-thao-quy-dinh-tiep-cong-dan.docx")
    expect(versions).to_contain_text(change_note)
    window = page.locator("section[aria-labelledby=window-heading]")
    expect(window).to_contain_text(vi("Not open yet."))
    expect(window).to_contain_text(
        vi("If opened today, the minimum period ends on %(date)s.") % {"date": short_date(LAST_DAY)}
    )

    # when: he tries to close the window earlier than the law allows
    page.fill("#id_last_day", "25/08/2026")
    click_and_wait(page, window.get_by_role("button", name=vi("Open for comments")))
    # then: refused, with the minimum in words
    expect(page.locator(".message--error")).to_contain_text(
        vi(
            "Comments must be accepted at least until the end of %(date)s "
            "(the minimum period of rule %(rule)s)."
        )
        % {"date": short_date(LAST_DAY), "rule": "consultation_posting"}
    )

    # when: he leaves the last day empty (the legal minimum) and opens it
    page.fill("#id_last_day", "")
    click_and_wait(page, window.get_by_role("button", name=vi("Open for comments")))

    # then: the countdown and the closing date counted by the deadline engine
    expect(message(page)).to_contain_text(vi("The consultation is open for comments."))
    countdown = window.locator(".draft-window__countdown")
    expect(countdown).to_contain_text(
        vi_n("%(days)s day left", "%(days)s days left", DAYS_LEFT) % {"days": DAYS_LEFT}
    )
    expect(countdown).to_contain_text(
        vi("comments are accepted until the end of %(date)s") % {"date": short_date(LAST_DAY)}
    )
    expect(window).to_contain_text("consultation_posting")
    expect(window).to_contain_text("Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15")
    site.screenshot("3-opened")
    return slug


def officer_seeds_statements(site: Site, slug: str) -> list[str]:
    """The agency starts the short statements (published without moderation)."""
    page = site.page
    site.go(f"/gop-y/du-thao/{slug}/y-kien-ngan/")
    for text in STATEMENTS_BY_AGENCY:
        page.fill("#id_text", text)
        click_and_wait(page, page.get_by_role("button", name=vi("Send statement")))
        expect(message(page)).to_contain_text(vi("Your statement is published."))
    expect(page.locator("li.statement")).to_have_count(len(STATEMENTS_BY_AGENCY))
    return [*STATEMENTS_BY_AGENCY, STATEMENT_BY_CITIZEN]


# --------------------------------------------------------------------------- 3


def citizens_take_part(site: Site, phones: Phones, slug: str, statements: list[str]) -> None:
    reading = f"{phones.url}/gop-y/du-thao/{slug}/"

    # given: Lê Quang Minh finds the draft on the public list, on his phone
    minh = phones.sign_in(cast.WARD_CITIZEN.username)
    minh.goto(phones.url + "/gop-y/")
    click_and_wait(minh, minh.get_by_role("link", name=TITLE))
    expect(minh.locator("main h1")).to_have_text(TITLE)
    expect(minh.locator(".draft-window__countdown")).to_contain_text(
        vi("comments are accepted until the end of %(date)s") % {"date": short_date(LAST_DAY)}
    )
    assert overflow(minh) <= 0, f"the reading page scrolls sideways by {overflow(minh)}px"

    # when: he agrees with Điều 2, then changes his mind (the last answer counts)
    vote_in_place(minh, "dieu-2", "agree")
    vote_in_place(minh, "dieu-2", "disagree")
    expect(article_actions(minh, "dieu-2").locator(".vote-button--agree")).to_have_attribute(
        "aria-pressed", "false"
    )
    vote_in_place(minh, "dieu-4", "agree")
    expect(article_actions(minh, "dieu-4").locator(".tally")).to_contain_text("1 (100%)")

    # and: comments on a passage he selects in Điều 4, point c
    drag_select(minh, "dieu-4.k1.c", PASSAGE)
    box = minh.locator('[data-comment-box][data-article="dieu-4"]')
    expect(box.locator("[data-quote-field]")).to_have_value(PASSAGE)
    expect(box).to_have_attribute("open", "")
    box.locator("textarea[name=text]").fill(
        "Nhiều người cao tuổi chưa có tài khoản định danh mức 2; đề nghị giữ cả hình thức "
        "gửi đơn qua bưu điện."
    )
    click_and_wait(minh, box.get_by_role("button", name=vi("Send comment")))
    expect(message(minh)).to_contain_text(vi("Your comment was recorded. Thank you."))
    assert minh.url.endswith("#dieu-4.k1.c")
    phones.screenshot(minh, "4-phone-passage-comment")

    # and: comments on the whole of Điều 1
    comment_on_article(minh, "dieu-1", "Đề nghị ghi rõ quy định này áp dụng cả cho phường.")

    # and: proposes a short statement (it waits for moderation)
    minh.goto(f"{reading}y-kien-ngan/")
    minh.fill("#id_text", STATEMENT_BY_CITIZEN)
    click_and_wait(minh, minh.get_by_role("button", name=vi("Send statement")))
    expect(message(minh)).to_contain_text(
        vi("Your statement was sent; it appears once a moderator accepts it.")
    )
    expect(statement_item(minh, STATEMENT_BY_CITIZEN)).to_have_count(0)
    assert overflow(minh) <= 0, f"the statements page scrolls sideways by {overflow(minh)}px"

    # when: the officer accepts it from the moderation page
    officer = site.page
    site.go(f"/gop-y/du-thao/{slug}/kiem-duyet/")
    pending = officer.locator("article.moderation-item", has_text=STATEMENT_BY_CITIZEN)
    click_and_wait(officer, pending.get_by_role("button", name=vi("Accept"), exact=True))
    expect(message(officer)).to_contain_text(vi("The moderation decision was recorded."))

    # then: Minh votes on the agency's statements like camp B
    minh.reload()
    for index, vote in CAMP_B_VOTES.items():
        if statements[index] != STATEMENT_BY_CITIZEN:
            vote_on_statement(minh, statements[index], vote)

    # when: seven people send the same letter about Điều 3, mail-merged, two typed
    # without diacritics; each also votes, and votes on the statements
    for number, resident in enumerate(CAMPAIGNERS):
        phone = phones.sign_in(resident.username)
        phone.goto(reading)
        vote_in_place(phone, "dieu-1", "agree")
        vote_in_place(phone, "dieu-3", "disagree")
        comment_on_article(phone, "dieu-3", resident.letter)
        if number == 0:
            phones.screenshot(phone, "5-phone-campaigner")
        phone.goto(f"{reading}y-kien-ngan/")
        camp = CAMP_A_VOTES if resident in CAMP_A else CAMP_B_VOTES
        for index, vote in camp.items():
            vote_on_statement(phone, statements[index], vote)
        if number == 0:
            phones.screenshot(phone, "6-phone-statements")
        phone.context.close()

    # and: an advertiser posts an advertisement under Điều 1
    advertiser = phones.sign_in(ADVERTISER.username)
    advertiser.goto(reading)
    comment_on_article(advertiser, "dieu-1", ADVERTISEMENT)
    advertiser.context.close()

    # when: Trần Thị Bình, JavaScript switched off, agrees with Điều 1 and retries
    binh = phones.sign_in(cast.CITIZEN.username, javascript=False)
    binh.goto(reading)
    agree = article_actions(binh, "dieu-1").locator(".vote-button--agree")
    click_and_wait(binh, agree)
    expect(message(binh)).to_contain_text(
        vi("Your answer was recorded. You can change it until the end.")
    )
    assert binh.url.endswith("#dieu-1")
    binh.go_back()  # the same form again, sent a second time
    click_and_wait(binh, article_actions(binh, "dieu-1").locator(".vote-button--agree"))
    expect(message(binh)).to_contain_text(
        vi("Your answer was recorded. You can change it until the end.")
    )
    # and: comments on Điều 2 (a <details> opens without JavaScript) over a bad connection:
    # the first sending reaches the server but its answer is lost, and the browser sends
    # the very same form again
    sendings: list[int] = []

    def answer_lost_once(route: Route) -> None:
        if route.request.method == "POST" and not sendings:
            sendings.append(route.fetch(max_redirects=0).status)  # reached the server
        route.continue_()  # the same request, again

    binh.route(re.compile(r".*/gop-y/du-thao/[^/]+/gop-y/$"), answer_lost_once)
    box = binh.locator('[data-comment-box][data-article="dieu-2"]')
    box.locator("summary").click()
    box.locator("textarea[name=text]").fill("Đề nghị bổ sung đối tượng là đại biểu HĐND xã.")
    click_and_wait(binh, box.get_by_role("button", name=vi("Send comment")))
    expect(message(binh)).to_contain_text(vi("Your comment was recorded. Thank you."))
    assert sendings == [302]
    binh.unroute_all()
    phones.screenshot(binh, "7-phone-without-javascript")

    # then: the live results count her once, and the others as they answered last
    binh.goto(f"{reading}ket-qua/")
    expect_tally(binh, "Điều 1", agree=len(CAMPAIGNERS) + 1, disagree=0, comments=2)
    expect_tally(binh, "Điều 2", agree=0, disagree=1, comments=1)
    expect_tally(binh, "Điều 3", agree=0, disagree=len(CAMPAIGNERS), comments=len(CAMPAIGNERS))
    expect_tally(binh, "Điều 4", agree=1, disagree=0, comments=1)
    assert overflow(binh) <= 0, f"the results page scrolls sideways by {overflow(binh)}px"
    phones.screenshot(binh, "8-phone-results")


# --------------------------------------------------------------------------- 4 (live part)


def officer_follows_and_moderates(site: Site, phones: Phones, slug: str) -> None:
    page = site.page
    # given: the officer on the live results
    site.go(f"/gop-y/du-thao/{slug}/ket-qua/")
    overall = page.locator("table.tallies tfoot tr")
    expect(overall.locator("td").nth(0)).to_have_text(str(len(CAMPAIGNERS) + 2))
    expect(overall.locator("td").nth(1)).to_have_text(str(len(CAMPAIGNERS) + 1))
    site.screenshot("9-live-results")

    # when: he hides the advertisement, giving the reason
    site.go(f"/gop-y/du-thao/{slug}/kiem-duyet/")
    item = page.locator("article.moderation-item", has_text=ADVERTISEMENT)
    item.locator("input[name=reason]").fill("Quảng cáo, không liên quan đến dự thảo.")
    click_and_wait(page, item.get_by_role("button", name=vi("Hide")))
    expect(message(page)).to_contain_text(vi("The moderation decision was recorded."))
    expect(page.locator("article.moderation-item", has_text=ADVERTISEMENT)).to_contain_text(
        "Quảng cáo, không liên quan"
    )

    # then: staff still read it, marked hidden; the public no longer sees it
    site.go(f"/gop-y/du-thao/{slug}/gop-y/dieu-1/")
    hidden = page.locator("article.comment", has_text=ADVERTISEMENT)
    expect(hidden).to_contain_text(vi("Hidden by a moderator"))
    site.screenshot("10-hidden-comment")
    reader = phones.browser.new_context(viewport=PHONE, locale="vi-VN")
    phones.contexts.append(reader)
    anonymous = reader.new_page()
    anonymous.goto(f"{phones.url}/gop-y/du-thao/{slug}/gop-y/dieu-1/")
    expect(anonymous.locator("main")).to_contain_text("áp dụng cả cho phường")
    expect(anonymous.locator("main")).not_to_contain_text("Bán đất nền")


# --------------------------------------------------------------------------- 5


def late_vote_is_refused(
    clock: time_machine.Traveller, site: Site, phones: Phones, slug: str
) -> None:
    reading = f"{phones.url}/gop-y/du-thao/{slug}/"
    # given: the last evening; a citizen opens the draft and a second one, no JavaScript, too
    clock.move_to(LAST_EVENING)
    late = phones.sign_in(CAMPAIGNERS[0].username)
    late.goto(reading)
    expect(late.locator(".draft-window__countdown")).to_contain_text(
        vi("Last day for comments: today")
    )
    binh = phones.sign_in(cast.CITIZEN.username, javascript=False)
    binh.goto(reading)

    # when: they press the buttons five minutes after midnight
    clock.move_to(JUST_CLOSED)
    refused = vi(
        "The consultation closed at %(time)s on %(date)s: answers can no longer be given "
        "or changed."
    ) % {"time": "00:00", "date": short_date(LAST_DAY + dt.timedelta(days=1))}
    actions = article_actions(late, "dieu-2")
    actions.locator(".vote-button--disagree").click()
    # then: the answer is refused, in place, in Vietnamese
    expect(actions.locator(".errorlist[role=alert]")).to_have_text(refused)
    expect(actions.locator(".vote-button--disagree")).to_have_count(0)
    phones.screenshot(late, "11-phone-vote-refused")
    click_and_wait(binh, article_actions(binh, "dieu-2").locator(".vote-button--disagree"))
    expect(message(binh)).to_contain_text(refused)

    # and: the page now says the window is closed, and the results did not move
    binh.reload()
    expect(binh.locator(".draft-window")).to_contain_text(vi("Closed for comments"))
    expect(article_actions(binh, "dieu-2").locator("form")).to_have_count(0)
    binh.goto(f"{reading}ket-qua/")
    expect_tally(binh, "Điều 2", agree=0, disagree=1, comments=1)


# --------------------------------------------------------------------------- 4 (analysis)


def officer_computes_the_map_and_the_campaigns(site: Site, slug: str) -> None:
    page = site.page
    # given: the next morning the officer signs in again (yesterday's session has expired)
    site.log_in(cast.PROVINCE_HANDLER.username)
    # when: he computes the opinion map
    site.go(f"/gop-y/quan-ly/{slug}/")
    expect(page.locator("main")).to_contain_text(vi("Closed"))
    click_and_wait(page, page.get_by_role("link", name=vi("Opinion map")))
    click_and_wait(page, page.get_by_role("button", name=vi("Compute the map")))
    expect(message(page)).to_contain_text(
        vi("The opinion map is being recomputed; reload this page in a moment to see it.")
    )
    page.reload()
    # then: two groups, the two camps of statement votes
    groups = page.locator("section[aria-labelledby=opinion-groups-heading] tbody tr")
    expect(groups).to_have_count(2)
    sizes = sorted(int(row.locator("td").first.inner_text()) for row in groups.all())
    assert sizes == sorted([len(CAMP_A), len(CAMP_B) + 1]), sizes  # Minh votes with camp B
    expect(page.locator("svg.opinion-map__svg circle")).not_to_have_count(0)
    site.screenshot("12-opinion-map")

    # when: he computes the campaign groups
    site.go(f"/gop-y/quan-ly/{slug}/")
    click_and_wait(page, page.get_by_role("link", name=vi("Campaigns and themes")))
    click_and_wait(page, page.get_by_role("button", name=vi("Compute the groups")))
    expect(message(page)).to_contain_text(
        vi("The campaign groups are being recomputed; reload this page in a moment to see them.")
    )
    page.reload()
    row = page.locator("table.data tbody tr", has_text="Điều 3")
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text("1")  # one group of copies
    expect(cells.nth(1)).to_have_text(str(len(CAMPAIGNERS)))
    expect(cells.nth(2)).to_have_text(str(len(CAMPAIGNERS)))
    click_and_wait(page, row.get_by_role("link", name="Điều 3"))

    # then: one representative opinion with its count, and the ways it was sent
    group = page.locator("article.campaign-group")
    expect(group).to_have_count(1)
    expect(group).to_contain_text(
        vi("1 representative opinion — %(count)s identical submissions")
        % {"count": len(CAMPAIGNERS)}
    )
    expect(group.locator("blockquote")).to_contain_text("buổi tối các ngày làm việc")
    group.locator("details summary").click()
    variants = group.locator("details li")
    expect(variants.filter(has_text=vi("without diacritics"))).to_have_count(1)
    without = variants.filter(has_text=vi("without diacritics"))
    ascii_senders = sum(1 for resident in CAMPAIGNERS if resident.ascii_letter)
    expect(without).to_contain_text(vi("%(count)s sent") % {"count": ascii_senders})
    expect(without).to_contain_text("cong nhan di lam ca ngay")
    site.screenshot("13-campaign-group")
    # and: every letter can still be read, none hidden
    click_and_wait(page, group.get_by_role("link", name=re.compile(str(len(CAMPAIGNERS)))))
    expect(page.locator("ol.comment-list > li")).to_have_count(len(CAMPAIGNERS))
    expect(page.locator("ol.comment-list")).to_contain_text(CAMPAIGNERS[1].full_name)


# --------------------------------------------------------------------------- 6

# The agency's answer to each kind of group (the campaign gets a partial acceptance).
CAMPAIGN_EXPLANATION = (
    "Tiếp thu một phần: Trụ sở tiếp công dân tỉnh sẽ tiếp công dân đến 19 giờ vào thứ Năm "
    "hằng tuần; chưa thể tiếp vào buổi tối tất cả các ngày làm việc vì thiếu biên chế."
)
# Words of the comments that are in no campaign group (each alone on its article).
LONE_COMMENTS = ["áp dụng cả cho phường", "đại biểu HĐND xã", "gửi đơn qua bưu điện"]
OTHER_EXPLANATION = "Không tiếp thu: nội dung đã được quy định tại văn bản khác của tỉnh."


def officer_writes_the_report_and_the_head_publishes_it(site: Site, slug: str) -> None:
    page = site.page
    # given: the officer prepares the report from the data of the consultation
    site.go(f"/gop-y/quan-ly/{slug}/")
    click_and_wait(page, page.get_by_role("link", name=vi("Synthesis and explanation report")))
    expect(page.locator("main h1")).to_have_text(vi("Synthesis and explanation report"))
    page.get_by_label(
        vi("Also take the groups and consensus statements of the opinion map")
    ).check()
    click_and_wait(page, page.get_by_role("button", name=vi("Prepare the report from the data")))
    expect(message(page)).to_contain_text(
        vi("The report is prepared from the data of the consultation.")
    )

    # then: the campaign is one group of seven opinions under Điều 3, the advertisement none
    campaign = page.locator("li.report-group", has_text="buổi tối các ngày làm việc")
    expect(campaign).to_have_count(1)
    expect(campaign.locator(".report-group__count")).to_have_text(
        vi_n("%(n)s opinion", "%(n)s opinions", len(CAMPAIGNERS)) % {"n": len(CAMPAIGNERS)}
    )
    expect(page.locator("main")).not_to_contain_text("Bán đất nền")
    site.screenshot("14-report-prepared")

    # when: he answers every group; the campaign first, its explanation forgotten at first
    answer_group(site, campaign, "partly_accepted", "")
    expect(page.locator(".message--error, .errorlist").first).to_contain_text(
        vi("Explain why the opinions are not (fully) accepted: the law requires it.")
    )
    site.go(f"/gop-y/quan-ly/{slug}/bao-cao/")
    answer_group(site, campaign, "partly_accepted", CAMPAIGN_EXPLANATION)
    expect(message(page)).to_contain_text(vi("The group is saved."))
    answered = 1
    while (open_group := page.locator("li.report-group--open").first).count():
        if "dieu-4" in (open_group.locator("xpath=ancestor::section[1]").get_attribute("id") or ""):
            answer_group(site, open_group, "accepted", "")
        else:
            answer_group(site, open_group, "not_accepted", OTHER_EXPLANATION)
        expect(message(page)).to_contain_text(vi("The group is saved."))
        answered += 1
        assert answered < 30, "the groups never run out"
    site.screenshot("15-report-answered")

    # and: submits it for approval
    click_and_wait(page, page.get_by_role("button", name=vi("Submit for approval")))
    expect(message(page)).to_contain_text(vi("The report is submitted for approval."))

    # when: the Chief Inspector approves it (numbered) and publishes it
    sign_out(site)
    site.log_in(cast.INSPECTORATE_HEAD.username)
    site.go(f"/gop-y/quan-ly/{slug}/bao-cao/")
    expect(page.locator("main")).to_contain_text(CAMPAIGN_EXPLANATION)
    click_and_wait(page, page.get_by_role("button", name=vi("Approve and number the report")))
    expect(message(page)).to_contain_text(vi("The report is approved and numbered."))
    expect(page.locator(".report-meta")).to_contain_text(re.compile(r"\d+/BC-"))
    click_and_wait(page, page.get_by_role("button", name=vi("Publish on the portal")))
    expect(message(page)).to_contain_text(vi("The report is published on the portal."))
    site.screenshot("16-report-published")
    sign_out(site)


def test_a_lone_comment_is_synthesised_in_the_report(
    clock: time_machine.Traveller, url_conf_loaded: None, site: Site, phones: Phones
) -> None:
    # given: an opened draft and one citizen's comment on Điều 1, the only one there
    slug = officer_imports_and_opens_the_draft(site)
    minh = phones.sign_in(cast.WARD_CITIZEN.username)
    minh.goto(f"{phones.url}/gop-y/du-thao/{slug}/")
    lone = "Đề nghị ghi rõ quy định này áp dụng cả cho phường."
    comment_on_article(minh, "dieu-1", lone)
    # when: after the window, the officer computes the groups and prepares the report
    clock.move_to(NEXT_MORNING)
    page = site.page
    site.log_in(cast.PROVINCE_HANDLER.username)
    site.go(f"/gop-y/quan-ly/{slug}/chien-dich/")
    click_and_wait(page, page.get_by_role("button", name=vi("Compute the groups")))
    site.go(f"/gop-y/quan-ly/{slug}/bao-cao/")
    click_and_wait(page, page.get_by_role("button", name=vi("Prepare the report from the data")))
    # then: Điều 1 has a group of opinions holding her comment, to be answered
    article = page.locator("section.report-article", has_text="Điều 1. Phạm vi điều chỉnh")
    expect(article.locator("li.report-group")).to_have_count(1)
    expect(article.locator("li.report-group")).to_contain_text("áp dụng cả cho phường")


def answer_group(site: Site, group: Locator, disposition: str, explanation: str) -> None:
    """Write a group's disposition in its form on the report page and save it."""
    page = site.page
    form = group.locator("details.report-answer")
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    form.locator(f'input[name=disposition][value="{disposition}"]').check()
    form.locator("textarea[name=explanation]").fill(explanation)
    click_and_wait(page, form.get_by_role("button", name=vi("Save")))


def sign_out(site: Site) -> None:
    logout = site.page.locator(".logout-form button")
    if logout.count():
        click_and_wait(site.page, logout)


def citizen_reads_and_downloads_the_report(site: Site, phones: Phones, slug: str) -> None:
    # given: someone without an account, on the public page of the draft
    context = phones.browser.new_context(locale="vi-VN", accept_downloads=True)
    phones.contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{phones.url}/gop-y/")
    closed = page.locator("section[aria-labelledby=closed-heading]")
    click_and_wait(page, closed.get_by_role("link", name=TITLE))
    expect(page.locator(".draft-window")).to_contain_text(vi("Closed for comments"))
    click_and_wait(
        page, page.get_by_role("link", name=vi("Synthesis and explanation of the opinions"))
    )
    # then: the report, with the agency's answer to the campaign
    expect(page.get_by_text(vi("Synthesis and explanation of the opinions")).first).to_be_visible()
    expect(page.locator("main h1")).to_have_count(1)  # the document's own title
    expect(page.locator("main")).to_contain_text(CAMPAIGN_EXPLANATION)
    # and every visible comment has its place, the lone ones too; the hidden one has none
    for lone in LONE_COMMENTS:
        expect(page.locator("main")).to_contain_text(lone)
    expect(page.locator("main")).not_to_contain_text("Bán đất nền")
    phones.screenshot(page, "17-public-report")

    # when: they download the Word and the PDF documents
    files: dict[str, bytes] = {}
    for kind, name in (("docx", "Download (Word)"), ("pdf", "Download (PDF)")):
        with page.expect_download() as download:
            page.get_by_role("link", name=vi(name)).click()
        path = download.value.path()
        files[kind] = path.read_bytes()
        assert download.value.suggested_filename.endswith(f".{kind}")

    # then: both open, and say in Vietnamese what the agency decided
    word = docx.Document(io.BytesIO(files["docx"]))
    word_text = unicodedata.normalize("NFC", "\n".join(document_lines(word)))
    pdf_text = unicodedata.normalize("NFC", pdf_to_text(files["pdf"]))
    for text, where in ((word_text, "Word"), (pdf_text, "PDF")):
        flat = " ".join(text.split())
        assert "BÁO CÁO" in flat.upper(), where
        assert "tiếp thu, giải trình" in flat.lower(), where
        assert TITLE.lower() in flat.lower() or "tiếp công dân" in flat, where
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat, where
        assert "Độc lập - Tự do - Hạnh phúc" in flat, where
        assert re.search(r"Số: \d+/BC-", flat), where
        assert "Điều 3. Lịch tiếp công dân" in flat, where
        assert "tiếp công dân cả vào buổi tối các ngày làm việc" in flat, where
        assert " ".join(CAMPAIGN_EXPLANATION.split()) in flat, where
        assert vi_in("disposition of opinions", "Partly accepted") in flat, where
        assert cast.INSPECTORATE_HEAD.full_name in flat, where  # who signs it
        for lone in LONE_COMMENTS:
            assert lone in flat, (where, lone)
        assert "Bán đất nền" not in flat, where
    render_for_the_eye(files, phones.test_name)


def document_lines(word: Any) -> list[str]:
    """Every paragraph of a Word document, tables included."""
    lines = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return lines


def pdf_to_text(data: bytes) -> str:
    """The text of a PDF by poppler's pdftotext (no PDF library is a dependency)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the PDF cannot be read")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "bao-cao.pdf"
        source.write_bytes(data)
        result = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(source), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return result.stdout.decode()


def render_for_the_eye(files: dict[str, bytes], test_name: str) -> None:
    """Page 1 of the PDF, and of the Word document as LibreOffice prints it, as PNG files
    in e2e/artifacts, for a person to look at (fonts, diacritics, layout)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        warnings.warn(
            "pdftoppm (poppler-utils) is not installed: no pictures of the report", stacklevel=2
        )
        return
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "bao-cao.pdf").write_bytes(files["pdf"])
        _page_one(pdftoppm, work / "bao-cao.pdf", ARTIFACTS / f"{test_name}-18-report-pdf")
        soffice = shutil.which("soffice")
        if soffice is None:
            warnings.warn(
                "LibreOffice (soffice) is not installed: the Word document is not drawn",
                stacklevel=2,
            )
            return
        (work / "bao-cao-word.docx").write_bytes(files["docx"])
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(work / "bao-cao-word.docx"),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        _page_one(pdftoppm, work / "bao-cao-word.pdf", ARTIFACTS / f"{test_name}-19-report-docx")


def _page_one(pdftoppm: str, pdf: Path, stem: Path) -> None:
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        capture_output=True,
        check=True,
        timeout=60,
    )
