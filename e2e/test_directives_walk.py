"""A provincial plan followed up end to end, in Vietnamese, through the browser only.

Bùi Thanh Hà, an officer of the provincial Ban Tuyên giáo và Dân vận (a Party body),
registers the commission's plan implementing Directive 33/CT-TTg and Conclusion
114-KL/TW by uploading its Word file — after first picking the scanned PDF of it, which
has no text layer and is refused in Vietnamese with everything she typed kept. The
references the text makes are found: 33/CT-TTg is already in the register and is linked,
114-KL/TW is not and she creates its entry from the reference. She follows the plan up,
lets danvan suggest its ten tasks from the text and gives them to the People's Committees
of three communes chosen to pilot it: Khoái Châu and Phố Hiến (the demo's commune and
ward, whose handlers are in the demo cast) and Tiên Lữ, whose committee the setup takes
with ``body_attach`` (it exists once the map's bodies are loaded) and gives an officer.

Each commune's officer signs in, sees only its own unit's tasks, records progress, fills
and submits the quarterly report; the commission returns one report with a comment, the
commune corrects and resubmits it, the commission accepts the three and issues the
synthesis, which is downloaded and read back with python-docx (unit names, figures,
diacritics, and the Party header "ĐẢNG CỘNG SẢN VIỆT NAM"). An inspection delegation is
planned, holds a working session (minutes), records a finding and makes a recommendation
to one commune; the commune reports it done, the delegation confirms it, and the final
report is issued.

Time is frozen (and ticking) from Monday 16/3/2026, 09:00 in Hà Nội, and moved on to the
reporting days and the delegation's visit. The seeded people are accounts only: every
step is a click or a keystroke on a real page. Screenshots: e2e/artifacts/ (desktop 1280
px and phone 375 px).
"""

from __future__ import annotations

import base64
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import time_machine
from django.urls import get_resolver
from docx.enum.text import WD_ALIGN_PARAGRAPH
from playwright.sync_api import FilePayload, Locator, Page, ViewportSize, expect

from danvan.demo import cast, world
from danvan.directives.services.register import document_register
from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.services import body_attach
from e2e.conftest import ARTIFACTS, BrowserErrors, Site, vi
from e2e.test_mobile import PHONE, overflow

pytestmark = pytest.mark.e2e

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=VN)  # Monday: the plan arrives
REPORTING = dt.datetime(2026, 4, 2, 9, 0, tzinfo=VN)  # Thursday: first-quarter reports
VISIT = dt.datetime(2026, 4, 20, 8, 30, tzinfo=VN)  # Monday: the delegation's visit
FOLLOW_UP = dt.datetime(2026, 5, 6, 14, 0, tzinfo=VN)  # the commune reports it done

PLAN_SYMBOL = "18-KH/BTGDVTU"
PLAN_TITLE = (
    "Thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ và Kết luận số 114-KL/TW của "
    "Ban Bí thư về công tác dân vận chính quyền năm 2026"
)
FOLLOW_UP_TITLE = "Công tác dân vận chính quyền năm 2026 (KH 18-KH/BTGDVTU)"
THIRD_COMMUNE = "Xã Tiên Lữ"


# --------------------------------------------------------------------------- the people


@dataclass(frozen=True)
class Officer:
    username: str
    full_name: str
    title: str


THIRD_OFFICER = Officer("lamvankhoa", "Lâm Văn Khoa", "Công chức Văn phòng UBND xã")


@dataclass
class Communes:
    """The three commune-level People's Committees the plan's tasks go to, and an officer
    of each (the demo cast's commune and ward handlers; the third is made here)."""

    khoai_chau: Unit
    pho_hien: Unit
    third: Unit
    officers: dict[int, str]  # unit pk -> username

    @property
    def all(self) -> list[Unit]:
        return [self.khoai_chau, self.pho_hien, self.third]


def _officer(unit: Unit, person: Officer) -> None:
    user = User.objects.create_user(
        username=person.username,
        password=cast.DEMO_PASSWORD,
        full_name=person.full_name,
        email=f"{person.username}@example.com",
    )
    RoleAssignment.objects.create(
        user=user, unit=unit, role=RoleAssignment.Role.HANDLER, title=person.title
    )


@pytest.fixture
def communes(demo_cast: None) -> Communes:
    """The demo's two commune-level committees (with the cast's handlers) and the committee
    of a third commune of Hưng Yên (attached if the map has none), given an officer here;
    33/CT-TTg is already in the register."""
    province = Unit.objects.get(admin_code=world.DEMO_PROVINCE_ADMIN_CODE)
    place = Unit.objects.filter(
        kind=Unit.Kind.COMMUNE, name=THIRD_COMMUNE, path__startswith=province.path
    ).first()
    assert place is not None, f"{THIRD_COMMUNE} is not among the demo's places"
    third = body_attach(actor=None, place=place, kind=Unit.Kind.PEOPLES_COMMITTEE)
    pho_hien = Unit.objects.get(code=world.WARD_COMMITTEE.code)
    _officer(third, THIRD_OFFICER)
    khoai_chau = Unit.objects.get(code=world.COMMUNE_COMMITTEE.code)
    commission = Unit.objects.get(code=world.MASS_MOBILIZATION_COMMISSION.code)
    officer = User.objects.get(username=cast.COMMISSION_STAFF.username)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        document_register(
            actor=officer,
            unit=commission,
            symbol="33/CT-TTg",
            issued_on=dt.date(2021, 12, 20),
            doc_type="directive",
            issuer_name="Thủ tướng Chính phủ",
            title=(
                "Về tiếp tục tăng cường, đổi mới công tác dân vận của cơ quan hành chính nhà "
                "nước, chính quyền các cấp trong tình hình mới"
            ),
        )
    return Communes(
        khoai_chau=khoai_chau,
        pho_hien=pho_hien,
        third=third,
        officers={
            khoai_chau.pk: cast.COMMUNE_HANDLER.username,
            pho_hien.pk: cast.WARD_HANDLER.username,
            third.pk: THIRD_OFFICER.username,
        },
    )


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """The clock of the whole process (the live server's thread too) from 16/3/2026 09:00."""
    with time_machine.travel(START, tick=True) as traveller:
        yield traveller


@pytest.fixture
def url_conf_loaded() -> None:
    """Import every view before the browser's first request (a cold import may be slow)."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module


# --------------------------------------------------------------------------- the plan


def plan_paragraphs(communes: Communes) -> list[str]:
    """The commission's plan as its Word file reads: Party header, ten numbered tasks for
    the three communes chosen to pilot it, each named as the text names bodies."""
    kc, ph, tl = (unit.name for unit in communes.all)
    return [
        "TỈNH ỦY HƯNG YÊN",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "*",
        f"Số {PLAN_SYMBOL}",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hưng Yên, ngày 10 tháng 3 năm 2026",
        "KẾ HOẠCH",
        PLAN_TITLE.replace("Thực hiện", "thực hiện", 1),
        "Thực hiện Chỉ thị số 33/CT-TTg ngày 20/12/2021 của Thủ tướng Chính phủ về tiếp tục "
        "tăng cường, đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các "
        "cấp trong tình hình mới và Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về "
        "nâng cao chất lượng, hiệu quả công tác dân vận của cơ quan nhà nước, chính quyền các "
        "cấp, Ban Tuyên giáo và Dân vận Tỉnh ủy xây dựng Kế hoạch thực hiện năm 2026 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao nhận thức, trách nhiệm của người đứng đầu cấp ủy, chính quyền về công tác "
        "dân vận; phát huy quyền làm chủ của Nhân dân. Chọn 03 đơn vị cấp xã làm điểm.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        f"1. {kc}, {ph} và {tl} tổ chức hội nghị đối thoại giữa người đứng đầu chính quyền "
        "với Nhân dân ít nhất 02 lần trong năm; báo cáo kết quả hằng quý.",
        f"2. {kc}, {ph} và {tl} công khai kết quả giải quyết thủ tục hành chính, kiến nghị "
        "của cử tri tại trụ sở và trên trang thông tin điện tử; hoàn thành trước ngày "
        "30/4/2026.",
        f"3. {kc} xây dựng mô hình “Dân vận khéo” trong phát triển vùng trồng nhãn lồng, chuối "
        "tiêu hồng; hoàn thành trong quý II/2026.",
        f"4. {ph} vận động Nhân dân tham gia chỉnh trang đô thị, giữ gìn cảnh quan khu di tích "
        "Phố Hiến; hoàn thành trước ngày 30/6/2026.",
        f"5. {tl} vận động Nhân dân dồn điền, đổi thửa, hiến đất làm đường giao thông nội đồng; "
        "hoàn thành trước ngày 30/6/2026.",
        f"6. {ph} chủ trì, phối hợp với {kc} tổ chức hội nghị trao đổi kinh nghiệm thực hiện "
        "dân chủ ở cơ sở; hoàn thành trước ngày 29/5/2026.",
        f"7. {tl} rà soát, giải quyết dứt điểm kiến nghị của cử tri về ô nhiễm môi trường "
        "làng nghề; báo cáo kết quả trong 10 ngày làm việc kể từ ngày ký văn bản này.",
        f"8. {kc} và {tl} niêm yết công khai lịch tiếp công dân của Chủ tịch Ủy ban nhân dân; "
        "thời gian thực hiện: thường xuyên.",
        f"9. {kc}, {ph} và {tl} rà soát, giải quyết kiến nghị của cử tri và phản ánh của "
        "Nhân dân; báo cáo định kỳ 6 tháng.",
        f"10. {kc}, {ph} và {tl} tổng kết việc thực hiện Kế hoạch này, báo cáo Ban Tuyên giáo "
        "và Dân vận Tỉnh ủy trước ngày 15/12/2026.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch cụ thể để thực hiện.",
        "Nơi nhận:",
        "- Thường trực Tỉnh ủy (để b/c);",
        "- Như mục II;",
        "- Lưu Văn phòng Ban.",
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
    ]


def plan_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if text.isupper():
            run.bold = True
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """The plan as a scanner makes it: one page holding a picture, no text layer."""
    from PIL import Image, ImageDraw
    from weasyprint import HTML  # type: ignore[import-untyped]

    image = Image.new("RGB", (620, 880), (252, 252, 248))
    draw = ImageDraw.Draw(image)
    for y in range(80, 820, 26):
        draw.line((60, y, 560 if y % 78 else 380, y), fill=(40, 40, 40), width=5)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    picture = base64.b64encode(buffer.getvalue()).decode()
    data: bytes = HTML(
        string=f"<html><body><img src='data:image/png;base64,{picture}'></body></html>"
    ).write_pdf()
    return data


def payload(name: str, data: bytes, mime: str) -> FilePayload:
    return {"name": name, "mimeType": mime, "buffer": data}


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --------------------------------------------------------------------------- helpers


def message(page: Page) -> Locator:
    return page.locator(".messages")


def click_and_wait(page: Page, target: Locator) -> None:
    with page.expect_navigation():
        target.click()


def sign_out(site: Site) -> None:
    logout = site.page.locator(".logout-form button")
    if logout.count():
        click_and_wait(site.page, logout)


def as_phone(site: Site, name: str) -> None:
    """The page as it looks on a 375 px phone: it must not scroll sideways."""
    page = site.page
    page.set_viewport_size(PHONE)
    try:
        no_csp_violations(page)
        site.screenshot(name)
        assert overflow(page) <= 0, f"{page.url} scrolls sideways by {overflow(page)}px"
    finally:
        page.set_viewport_size(DESKTOP)


# Chromium logs this for a page answered 400: a form sent back with its errors is one.
FORM_ERROR_PAGE = "Failed to load resource: the server responded with a status of 400 (Bad Request)"


def no_csp_violations(page: Page) -> None:
    """The page shown now broke no rule of the Content-Security-Policy (inline script or
    style, a foreign source): the listener of e2e/conftest.py records them per page."""
    assert page.evaluate("window.__cspViolations") == [], page.url


def shot(site: Site, name: str) -> None:
    """A desktop screenshot of the page, after checking it for CSP violations."""
    no_csp_violations(site.page)
    site.screenshot(name)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- the walk


def test_a_plan_is_registered_split_reported_on_and_inspected(
    clock: time_machine.Traveller,
    url_conf_loaded: None,
    site: Site,
    communes: Communes,
    browser_errors: BrowserErrors,
) -> None:
    site.page.set_viewport_size(DESKTOP)
    plan_pk = commission_registers_the_plan(site, communes)
    directive_pk = commission_follows_it_up_with_tasks(site, communes, plan_pk)
    units_see_and_report_on_their_tasks(site, communes, directive_pk)
    clock.move_to(REPORTING)
    round_pk = commission_asks_for_the_quarterly_reports(site, communes)
    units_submit_their_reports(site, communes)
    commission_reviews_and_issues_the_synthesis(site, communes, round_pk)
    clock.move_to(VISIT)
    delegation_pk = delegation_visits_and_recommends(site, communes)
    clock.move_to(FOLLOW_UP)
    recommendation_is_followed_to_done(site, communes, delegation_pk)
    # the scanned PDF came back as the form with its error (400); nothing else failed
    assert browser_errors.page == []
    assert browser_errors.console == [FORM_ERROR_PAGE] * 1, browser_errors.console
    no_csp_violations(site.page)


def commission_registers_the_plan(site: Site, communes: Communes) -> int:
    page = site.page
    # given: the commission's officer, signed in, on the register
    site.log_in(cast.COMMISSION_STAFF.username)
    site.go("/chi-dao/van-ban/")
    expect(page.locator("main h1")).to_have_text(vi("Document register"))
    site.go("/chi-dao/van-ban/tai-len/")
    expect(page.locator("main h1")).to_have_text(vi("Register from a file or text"))

    # when: she types the details from the paper copy and picks the scanned PDF first
    page.fill("#id_symbol", PLAN_SYMBOL)
    page.fill("#id_issued_on", "10/03/2026")
    page.select_option("#id_doc_type", "plan")
    page.fill("#id_title", PLAN_TITLE)
    page.set_input_files(
        "#id_file", files=[payload("ke-hoach-18-scan.pdf", scanned_pdf(), "application/pdf")]
    )
    click_and_wait(page, page.get_by_role("button", name=vi("Read the text")))

    # then: a clear Vietnamese message, and nothing she typed or chose is lost
    expect(page.locator("main")).to_contain_text(
        vi(
            "No text could be read from the PDF file “%(name)s”: it is a scanned image "
            "without a text layer. Paste the text of the document in the box below, or "
            "upload its Word file; the PDF is kept and will be attached to the entry."
        )
        % {"name": "ke-hoach-18-scan.pdf"}
    )
    expect(page.locator("#id_symbol")).to_have_value(PLAN_SYMBOL)
    expect(page.locator("#id_issued_on")).to_have_value("10/03/2026")
    expect(page.locator("#id_title")).to_have_value(PLAN_TITLE)
    expect(page.locator("#id_doc_type")).to_have_value("plan")
    expect(page.locator(".register-kept")).to_contain_text("ke-hoach-18-scan.pdf")
    shot(site, "01-scanned-pdf-refused")
    as_phone(site, "02-phone-scanned-pdf-refused")

    # when: she chooses the Word file instead and has its text read
    word = plan_docx(plan_paragraphs(communes))
    page.set_input_files("#id_file", files=[payload("ke-hoach-18.docx", word, DOCX_MIME)])
    click_and_wait(page, page.get_by_role("button", name=vi("Read the text")))

    # then: the two documents the text cites, before anything is stored
    found = page.locator("section[aria-labelledby=found-heading]")
    expect(found).to_contain_text("33/CT-TTg")
    expect(found).to_contain_text("114-KL/TW")
    expect(page.locator("#id_symbol")).to_have_value(PLAN_SYMBOL)
    shot(site, "03-text-read")

    # when: she registers it
    click_and_wait(
        page, page.get_by_role("button", name=re.compile(r"^" + re.escape(vi_register()) + "$"))
    )

    # then: the review of the references: 33/CT-TTg linked, 114-KL/TW not in the register
    expect(page.locator("main h1")).to_have_text(vi("Documents cited by the text"))
    row_33 = reference_row(page, "33/CT-TTg")
    row_114 = reference_row(page, "114-KL/TW")
    expect(row_33).to_contain_text(vi("Linked to"))
    expect(row_114).to_contain_text(vi("Not in the register"))
    expect(row_114).to_contain_text("14/07/2015")

    # when: she creates the entry of 114-KL/TW from the reference
    click_and_wait(page, row_114.get_by_role("button", name=vi("Create the entry")))

    # then: it is entered (to be completed) and linked
    row_114 = reference_row(page, "114-KL/TW")
    expect(row_114).to_contain_text(vi("Linked to"))
    expect(row_114).to_contain_text(vi("to be completed"))
    shot(site, "04-references-linked")
    back = page.locator("main p a").first
    click_and_wait(page, back)
    expect(page.locator("main")).to_contain_text(PLAN_SYMBOL)
    plan_pk = int(page.url.rstrip("/").split("/")[-1])
    shot(site, "05-register-entry")
    return plan_pk


def reference_row(page: Page, symbol: str) -> Locator:
    """The row of one cited document on the review page (by its symbol cell)."""
    symbol_cell = page.locator(".register-symbol", has_text=re.compile(f"^{re.escape(symbol)}$"))
    return page.locator("tbody tr", has=symbol_cell)


def vi_register() -> str:
    from django.utils import translation

    with translation.override("vi"):
        text = translation.pgettext("document register", "Register")
    assert text != "Register"
    return text


# Which items of the plan each commune is given (item 6: Khoái Châu coordinates).
ITEMS = {
    "khoai_chau": [1, 2, 3, 6, 8, 9, 10],
    "pho_hien": [1, 2, 4, 6, 9, 10],
    "third": [1, 2, 5, 7, 8, 9, 10],
}


def commission_follows_it_up_with_tasks(site: Site, communes: Communes, plan_pk: int) -> int:
    page = site.page
    # when: from the register entry she follows the plan up
    click_and_wait(page, page.get_by_role("link", name=vi("Follow it up with tasks for units")))
    expect(page.locator("main h1")).to_have_text(vi("Follow up a document"))
    page.fill("#id_title", FOLLOW_UP_TITLE)
    click_and_wait(page, page.get_by_role("button", name=vi("Follow up this document")))
    expect(message(page)).to_contain_text(vi("The follow-up was created. Now add its tasks."))
    directive_pk = int(page.url.rstrip("/").split("/")[-1])
    expect(page.locator(f"main a[href='/chi-dao/van-ban/{plan_pk}/']").first).to_have_text(
        PLAN_SYMBOL
    )

    # and: lets danvan suggest the tasks from the text
    click_and_wait(page, page.get_by_role("link", name=vi("Suggest tasks from the text")))
    expect(page.locator("main h1")).to_have_text(vi("Tasks found in the text"))
    items = page.locator("section.tasks-item")
    expect(items).to_have_count(10)

    # then: each item names its units with their role, and the deadline read from the text
    responsible, coordinating = "responsible", "coordinating"
    units = {key: getattr(communes, key) for key in ITEMS}
    for position in range(1, 11):
        item = items.nth(position - 1)
        expect(item.locator(f"#id_item-{position}-position")).to_have_value(str(position))
        for key, unit in units.items():
            select = item.locator(f"select[name='item-{position}-unit_{unit.pk}']")
            if position in ITEMS[key]:
                role = coordinating if (position, key) == (6, "khoai_chau") else responsible
                expect(select).to_have_value(role)
            else:
                expect(select).to_have_count(0)
        # no other unit is proposed (the plan names only the three communes)
        expect(item.locator("select[name*='-unit_']")).to_have_count(
            sum(1 for key in ITEMS if position in ITEMS[key])
        )
    expect(items.nth(0)).to_contain_text("hằng quý")
    expect(items.nth(6)).to_contain_text("10 ngày làm việc")
    shot(site, "06-suggested-tasks")
    as_phone(site, "07-phone-suggested-tasks")

    # when: she creates the ten tasks as suggested
    click_and_wait(page, page.get_by_role("button", name=vi("Create the ticked tasks")))
    expect(message(page)).to_contain_text("10")
    expect(page.locator("main h1")).to_have_text(FOLLOW_UP_TITLE)

    # and: starts the directive, which notifies the three communes
    click_and_wait(page, page.get_by_role("button", name=vi("Start: notify the units")))
    expect(message(page)).to_contain_text(
        vi("The directive is now being carried out; the units were notified.")
    )
    for unit in communes.all:
        expect(page.locator("main")).to_contain_text(unit.name)
    shot(site, "08-directive-started")
    sign_out(site)
    return directive_pk


# --------------------------------------------------------------------------- the units


PROGRESS = {
    "khoai_chau": "Đã tổ chức hội nghị đối thoại ngày 12/3/2026 tại nhà văn hóa thôn Đông Tảo, 215 "
    "người dân tham dự, 14 ý kiến được giải đáp tại chỗ.",
    "pho_hien": "Đã niêm yết kết quả giải quyết thủ tục hành chính quý I tại trụ sở và trên "
    "trang thông tin điện tử của phường.",
    "third": "Đang rà soát 23 kiến nghị của cử tri về ô nhiễm môi trường làng nghề.",
}


def units_see_and_report_on_their_tasks(site: Site, communes: Communes, directive_pk: int) -> None:
    page = site.page
    for key, items in ITEMS.items():
        unit: Unit = getattr(communes, key)
        # given: the commune's officer, signed in, opens the notification of the new tasks
        site.log_in(communes.officers[unit.pk])
        site.go("/thong-bao/")
        notice = page.locator("tr", has_text=FOLLOW_UP_TITLE)
        expect(notice).to_have_count(1)
        click_and_wait(page, notice.get_by_role("link", name=vi("Open")))
        assert page.url.endswith(f"/chi-dao/nhiem-vu/?chi-dao={directive_pk}"), page.url
        expect(page.locator("main h1")).to_have_text(vi("My unit's tasks"))
        rows = page.locator("table.data tbody tr")
        # then: their own items, and only those
        expect(rows).to_have_count(len(items))
        for position in range(1, 11):
            link = page.locator("table.data tbody a", has_text=re.compile(rf"^{position}\. "))
            expect(link).to_have_count(1 if position in items else 0)
        shot(site, f"09-tasks-of-{key}")
        if key == "pho_hien":
            as_phone(site, "10-phone-tasks-of-ward")

        # when: they record what they did on one task
        position = {"khoai_chau": 1, "pho_hien": 2, "third": 7}[key]
        link = page.locator("table.data tbody a", has_text=re.compile(rf"^{position}\. "))
        click_and_wait(page, link)
        done = key != "third"
        page.locator(f"input[name=status][value={'done' if done else 'in_progress'}]").check()
        if done:
            page.fill("#id_result", PROGRESS[key])
        else:
            page.fill("#id_note", PROGRESS[key])
        click_and_wait(page, page.get_by_role("button", name=vi("Record the report")))
        # then: recorded, and shown in the task's history
        expect(message(page)).to_contain_text(vi("Your report on the task was recorded."))
        expect(page.locator("main")).to_contain_text(PROGRESS[key][:40])
        if key == "third":
            shot(site, "11-progress-recorded")
        sign_out(site)


# --------------------------------------------------------------------------- the reports

# What each commune reports for the first quarter: one figure per indicator of the standard
# template (in its order), and its text for "Kết quả thực hiện".
FIGURES = {
    "khoai_chau": [2, 48, 17, 15, 14, 1, 36, 2, 3, 0],
    "pho_hien": [1, 75, 26, 22, 20, 2, 54, 1, 2, 0],
    "third": [3, 31, 9, 9, 8, 0, 0, 1, 4, 1],
}
CORRECTED_DIALOGUES = 2  # Phố Hiến's figure once its report came back with comments
NARRATIVE = {
    "khoai_chau": "Xã Khoái Châu tổ chức 02 hội nghị đối thoại với Nhân dân về giải phóng mặt "
    "bằng đường nối hai đường cao tốc; mô hình “Dân vận khéo” vùng nhãn lồng được nhân rộng.",
    "pho_hien": "Phường Phố Hiến công khai kết quả giải quyết thủ tục hành chính; vận động "
    "Nhân dân chỉnh trang đô thị quanh khu di tích Phố Hiến, đền Mẫu, chùa Chuông.",
    "third": "Xã Tiên Lữ đối thoại với Nhân dân về dồn điền, đổi thửa; giải quyết dứt điểm "
    "kiến nghị về ô nhiễm môi trường làng nghề.",
}
RETURN_COMMENT = (
    "Đề nghị phường rà soát lại số cuộc đối thoại trong quý I (chỉ tính hội nghị do Chủ tịch "
    "UBND phường chủ trì) và bổ sung kết quả chỉnh trang đô thị."
)


def commission_asks_for_the_quarterly_reports(site: Site, communes: Communes) -> int:
    page = site.page
    # given: the commission's officer, two weeks later, on the report templates
    site.log_in(cast.COMMISSION_STAFF.username)
    site.go("/chi-dao/bao-cao/mau/")
    expect(page.locator("main h1")).to_have_text(vi("Report templates"))
    # when: she creates the standard template (Directive 33, Conclusion 114)
    click_and_wait(page, page.get_by_role("button", name=vi("Create the standard template")))
    expect(page.locator("main")).to_contain_text("Số cuộc đối thoại với Nhân dân")

    # and: asks the units of task 1 (quarterly) for their first-quarter report
    site.go("/chi-dao/bao-cao/dot/tao-moi/")
    task_option = page.locator("#id_choose_task option", has_text=re.compile(r"— 1\. "))
    value = task_option.get_attribute("value")
    assert value, "task 1 is not offered"
    page.select_option("#id_choose_task", value)
    click_and_wait(page, page.locator("form.task-choice button"))
    expect(page.locator("#id_period option:checked")).to_contain_text("01/01/2026")
    page.fill("#id_due_on", "10/04/2026")
    expect(page.locator("input[name=audience][value=task]")).to_be_checked()
    shot(site, "12-round-form")
    click_and_wait(page, page.get_by_role("button", name=vi("Ask the units")))

    # then: the three communes are asked, each with its own report to write
    expect(message(page)).to_contain_text(
        vi("%(count)s units are asked for their report.") % {"count": 3}
    )
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(3)
    for unit in communes.all:
        expect(page.locator("table.data")).to_contain_text(unit.name)
    round_pk = int(page.url.rstrip("/").split("/")[-1])
    sign_out(site)
    return round_pk


def fill_report(page: Page, key: str, dialogues: int | None = None) -> None:
    figures = list(FIGURES[key])
    if dialogues is not None:
        figures[0] = dialogues
    inputs = page.locator("form.report-fill input[name^=indicator_]")
    expect(inputs).to_have_count(len(figures))
    for index, figure in enumerate(figures):
        inputs.nth(index).fill(str(figure))
    texts = page.locator("form.report-fill textarea[name^=section_]")
    expect(texts).to_have_count(4)
    texts.nth(0).fill(NARRATIVE[key])
    texts.nth(1).fill("Một số thôn, tổ dân phố chưa tổ chức đối thoại định kỳ.")
    texts.nth(2).fill("Duy trì đối thoại hằng quý; nhân rộng mô hình “Dân vận khéo”.")
    texts.nth(3).fill("Không.")


def units_submit_their_reports(site: Site, communes: Communes) -> None:
    page = site.page
    for key in ITEMS:
        unit: Unit = getattr(communes, key)
        # given: the commune's officer, on their unit's reports
        site.log_in(communes.officers[unit.pk])
        site.go("/chi-dao/bao-cao/")
        expect(page.locator("main h1")).to_have_text(vi("My unit's reports"))
        links = page.locator("main table a")
        expect(links).to_have_count(1)  # its own report, nobody else's
        click_and_wait(page, links.first)
        expect(page.locator("main .lead")).to_contain_text(unit.name)
        # when: they fill in the figures and the texts, then submit
        fill_report(page, key)
        if key == "third":
            shot(site, "13-report-filled")
            as_phone(site, "14-phone-report-filled")
        click_and_wait(page, page.get_by_role("button", name=vi("Submit the report")))
        # then: submitted to the commission, and no longer editable
        expect(message(page)).to_contain_text(
            vi("The report is submitted to %(unit)s.")
            % {"unit": world.MASS_MOBILIZATION_COMMISSION.name}
        )
        expect(page.get_by_role("button", name=vi("Submit the report"))).to_have_count(0)
        sign_out(site)


def review_link(page: Page, unit: Unit) -> Locator:
    return page.locator("table.data tbody a", has_text=unit.name)


def commission_reviews_and_issues_the_synthesis(
    site: Site, communes: Communes, round_pk: int
) -> None:
    page = site.page
    round_url = f"/chi-dao/bao-cao/dot/{round_pk}/"
    # given: the commission reviews Phố Hiến's report
    site.log_in(cast.COMMISSION_STAFF.username)
    site.go(round_url)
    click_and_wait(page, review_link(page, communes.pho_hien))
    expect(page.locator("main")).to_contain_text(NARRATIVE["pho_hien"])
    # when: she returns it with her comments
    page.fill("textarea[name=comment] >> nth=1", RETURN_COMMENT)
    click_and_wait(page, page.get_by_role("button", name=vi("Return to the unit")))
    expect(message(page)).to_contain_text(
        vi("The report is returned to %(unit)s.") % {"unit": communes.pho_hien.name}
    )
    sign_out(site)

    # then: the ward's officer reads the comments, corrects the figure and submits again
    site.log_in(cast.WARD_HANDLER.username)
    site.go("/chi-dao/bao-cao/")
    click_and_wait(page, page.locator("main table a").first)
    expect(page.locator(".message--warning")).to_contain_text(RETURN_COMMENT)
    shot(site, "15-report-returned")
    page.locator("form.report-fill input[name^=indicator_]").first.fill(str(CORRECTED_DIALOGUES))
    click_and_wait(page, page.get_by_role("button", name=vi("Submit the report")))
    expect(message(page)).to_contain_text(
        vi("The report is submitted to %(unit)s.")
        % {"unit": world.MASS_MOBILIZATION_COMMISSION.name}
    )
    sign_out(site)

    # when: the commission accepts the three reports
    site.log_in(cast.COMMISSION_STAFF.username)
    for unit in communes.all:
        site.go(round_url)
        click_and_wait(page, review_link(page, unit))
        click_and_wait(page, page.get_by_role("button", name=vi("Accept the report")))
        expect(message(page)).to_contain_text(
            vi("The report of %(unit)s is accepted.") % {"unit": unit.name}
        )
    shot(site, "16-round-accepted")

    # and: issues the synthesis (numbered) and downloads the Word report
    click_and_wait(page, page.get_by_role("link", name=vi("Synthesis"), exact=True))
    expect(page.locator("main")).to_contain_text(NARRATIVE["third"])
    click_and_wait(
        page, page.get_by_role("button", name=vi("Issue the synthesis report (takes a number)"))
    )
    expect(message(page)).to_contain_text(re.compile(r"\d+-BC/"))
    shot(site, "17-synthesis-issued")
    as_phone(site, "18-phone-synthesis")
    with page.expect_download() as download:
        page.get_by_role("link", name=vi("Issued report (Word)")).click()
    assert download.value.suggested_filename.endswith(".docx")
    data = download.value.path().read_bytes()
    word = docx.Document(io.BytesIO(data))
    draw_page_one(data, site, "24-synthesis-word")

    # then: the Party format, the three communes with their figures, every narrative
    text = nfc("\n".join(document_lines(word)))
    flat = " ".join(text.split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in flat
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in flat.upper()
    assert re.search(r"Số \d+-BC/", flat), flat[:600]
    for key in ITEMS:
        assert getattr(communes, key).name in flat, key
        assert " ".join(NARRATIVE[key].split()) in flat, key
    # the figures rolled up: dialogues 2 + 2 (corrected) + 3, citizens received 48+75+31
    dialogues = FIGURES["khoai_chau"][0] + CORRECTED_DIALOGUES + FIGURES["third"][0]
    received = sum(FIGURES[key][1] for key in FIGURES)
    table_rows = [[cell.text for cell in row.cells] for t in word.tables for row in t.rows]
    assert any(
        "Số cuộc đối thoại với Nhân dân" in " ".join(row) and str(dialogues) in row
        for row in table_rows
    ), table_rows
    assert any(
        "Số lượt công dân được tiếp" in " ".join(row) and str(received) in row for row in table_rows
    ), table_rows
    sign_out(site)


def draw_page_one(data: bytes, site: Site, name: str) -> None:
    """Page 1 of a Word document as LibreOffice prints it, as a PNG in e2e/artifacts, for a
    person to look at (header, fonts, diacritics); skipped where LibreOffice is missing."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        warnings.warn("soffice or pdftoppm missing: the Word file is not drawn", stacklevel=2)
        return
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "van-ban.docx").write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(work / "van-ban.docx"),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        stem = ARTIFACTS / f"{site.test_name}-{name}"
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / "van-ban.pdf"),
                str(stem),
            ],
            capture_output=True,
            check=True,
            timeout=60,
        )


def document_lines(word: Any) -> list[str]:
    """Every paragraph of a Word document, its tables included."""
    lines = [paragraph.text for paragraph in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return lines


# --------------------------------------------------------------------------- the delegation

MINUTES = (
    "Hồi 08 giờ 30 phút ngày 20/4/2026, tại hội trường Ủy ban nhân dân xã Khoái Châu, Đoàn "
    "kiểm tra làm việc với Ủy ban nhân dân xã về việc thực hiện Kế hoạch 18-KH/BTGDVTU. Xã "
    "báo cáo đã tổ chức 02 hội nghị đối thoại; Đoàn kiểm tra sổ tiếp công dân và hồ sơ công "
    "khai."
)
FINDING = (
    "Chưa niêm yết công khai biên bản hội nghị đối thoại ngày 12/3/2026 tại nhà văn hóa các thôn."
)
RECOMMENDATION = (
    "Niêm yết công khai biên bản hội nghị đối thoại tại trụ sở Ủy ban nhân dân xã và nhà văn "
    "hóa các thôn; báo cáo kết quả về Đoàn kiểm tra."
)
DONE_NOTE = "Đã niêm yết biên bản tại trụ sở và 12 nhà văn hóa thôn từ ngày 28/4/2026."
FINAL_REPORT = (
    "Ủy ban nhân dân xã Khoái Châu và xã Tiên Lữ triển khai nghiêm túc Kế hoạch 18-KH/BTGDVTU; "
    "kiến nghị của Đoàn đã được thực hiện xong."
)


def delegation_visits_and_recommends(site: Site, communes: Communes) -> int:
    page = site.page
    # given: the commission's officer plans an inspection of two of the communes
    site.log_in(cast.COMMISSION_STAFF.username)
    site.go("/chi-dao/doan-cong-tac/moi/")
    expect(page.locator("main h1")).to_have_text(vi("Plan a delegation"))
    page.select_option("#id_kind", "inspection")
    page.fill("#id_title", "Kiểm tra việc thực hiện Kế hoạch 18-KH/BTGDVTU tại cơ sở")
    page.fill("#id_subject_symbol", PLAN_SYMBOL)
    page.select_option("#id_directive", label=FOLLOW_UP_TITLE)
    page.fill("#id_starts_on", "20/04/2026")
    page.fill("#id_ends_on", "24/04/2026")
    page.fill("#id_head_name", "Nguyễn Văn Trưởng")
    page.fill("#id_head_position", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy")
    page.fill("#id_members-0-name", cast.COMMISSION_STAFF.full_name)
    page.fill("#id_members-0-position", "Chuyên viên")
    page.select_option("#id_visits-0-unit", label=communes.khoai_chau.name)
    page.fill("#id_visits-0-scheduled_on", "20/04/2026")
    page.select_option("#id_visits-1-unit", label=communes.third.name)
    page.fill("#id_visits-1-scheduled_on", "22/04/2026")
    shot(site, "19-delegation-form")
    click_and_wait(page, page.get_by_role("button", name=vi("Plan the delegation")))
    expect(message(page)).to_contain_text(vi("The delegation is planned."))
    delegation_pk = int(page.url.split("#")[0].rstrip("/").split("/")[-1])

    # when: the work starts and the session in Khoái Châu is held (minutes written)
    click_and_wait(page, page.get_by_role("button", name=vi("Start the delegation's work")))
    expect(message(page)).to_contain_text(vi("The delegation is under way."))
    sessions = page.locator("section[aria-labelledby=sessions-heading]")
    row = sessions.locator("tr", has_text=communes.khoai_chau.name)
    click_and_wait(page, row.get_by_role("link", name=vi("Write the minutes")))
    page.fill("#id_held_on", "20/04/2026")
    page.fill("#id_place", "Hội trường Ủy ban nhân dân xã Khoái Châu")
    page.fill("#id_minutes", MINUTES)
    click_and_wait(page, page.get_by_role("button", name=vi("Save the minutes")))
    expect(message(page)).to_contain_text(vi("The minutes are saved."))

    # and: a finding about Khoái Châu, and a recommendation to it
    findings = page.locator("section[aria-labelledby=findings-heading]")
    findings.locator("summary").click()
    findings.locator("select[name=unit]").select_option(label=communes.khoai_chau.name)
    findings.locator("select[name=kind]").select_option("shortcoming")
    findings.locator("textarea[name=text]").fill(FINDING)
    click_and_wait(page, findings.get_by_role("button", name=vi_in("finding", "Record")))
    expect(message(page)).to_contain_text(vi("The finding is recorded."))
    recommendations = page.locator("section[aria-labelledby=recommendations-heading]")
    recommendations.locator("summary").click()
    recommendations.locator("textarea[name=text]").fill(RECOMMENDATION)
    recommendations.locator("input[name=due_on]").fill("15/05/2026")
    click_and_wait(page, recommendations.get_by_role("button", name=vi("Make the recommendation")))
    expect(message(page)).to_contain_text(vi("The recommendation is made; the unit is notified."))
    shot(site, "20-delegation-detail")
    as_phone(site, "21-phone-delegation-detail")
    sign_out(site)
    return delegation_pk


def recommendation_is_followed_to_done(site: Site, communes: Communes, delegation_pk: int) -> None:
    page = site.page
    # given: Khoái Châu's officer, on the recommendations made to the unit
    site.log_in(cast.COMMUNE_HANDLER.username)
    site.go("/chi-dao/doan-cong-tac/kien-nghi/")
    click_and_wait(page, page.get_by_role("link", name=re.compile(RECOMMENDATION[:30])))
    expect(page.locator("main h1")).to_contain_text(communes.khoai_chau.name)
    # when: the unit reports it done
    page.locator("input[name=status][value=reported_done]").check()
    page.fill("textarea[name=note]", DONE_NOTE)
    click_and_wait(page, page.get_by_role("button", name=vi("Send the report")))
    expect(message(page)).to_contain_text(vi("Your report is sent to the delegation."))
    shot(site, "22-recommendation-reported")
    sign_out(site)
    # and: Tiên Lữ's officer does not see it at all
    site.log_in(THIRD_OFFICER.username)
    site.go("/chi-dao/doan-cong-tac/kien-nghi/")
    expect(page.locator("main")).not_to_contain_text(RECOMMENDATION[:30])
    sign_out(site)

    # when: the delegation checks and confirms it done
    site.log_in(cast.COMMISSION_STAFF.username)
    site.go(f"/chi-dao/doan-cong-tac/{delegation_pk}/")
    recommendations = page.locator("section[aria-labelledby=recommendations-heading]")
    click_and_wait(page, recommendations.get_by_role("link", name=re.compile(RECOMMENDATION[:30])))
    expect(page.locator("main")).to_contain_text(DONE_NOTE)
    page.locator("input[name=decision][value=confirm]").check()
    click_and_wait(page, page.get_by_role("button", name=vi("Record the check")))
    expect(message(page)).to_contain_text(vi("The check is recorded; the unit is notified."))
    expect(page.locator("main")).to_contain_text(str(vi_in("recommendation", "Done (confirmed)")))

    # and: issues the final report, which closes the delegation
    site.go(f"/chi-dao/doan-cong-tac/{delegation_pk}/bao-cao/")
    page.fill("textarea[name=text]", FINAL_REPORT)
    click_and_wait(page, page.get_by_role("button", name=vi("Issue the final report")))
    expect(message(page)).to_contain_text(
        vi("The final report is issued; the delegation is closed.")
    )
    shot(site, "23-delegation-reported")
    with page.expect_download() as download:
        page.get_by_role("link", name=vi("Download the final report (Word)")).click()
    data = download.value.path().read_bytes()
    draw_page_one(data, site, "25-final-report-word")
    report = nfc("\n".join(document_lines(docx.Document(io.BytesIO(data)))))
    flat = " ".join(report.split())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat
    assert " ".join(FINAL_REPORT.split()) in flat
    assert RECOMMENDATION[:40] in flat


def vi_in(context: str, msgid: str) -> str:
    from django.utils import translation

    with translation.override("vi"):
        text = translation.pgettext(context, msgid)
    assert text != msgid, f"{msgid!r} ({context}) has no Vietnamese translation"
    return text
