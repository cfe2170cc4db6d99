"""A "Dân vận khéo" model from registration to the book, in Vietnamese, through the browser.

Nguyễn Văn An, head of the People's Committee of Xã Khoái Châu, registers a model on the
registry page. At the year's end Bùi Thanh Hà of the provincial Ban Tuyên giáo và Dân vận
evaluates it against the criteria (the data migration's defaults), finds it effective and
records the provincial recognition decision, outstanding. The public statistics count it
recognised for the year; she then makes a book of the year's outstanding models, compiles it
and downloads the Word and PDF files; the PDF pages are rendered to PNG with pdftoppm under
e2e/artifacts/ for people to look at.

Time moves from January (registration) to December (evaluation) 2026, ticking.
"""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
import subprocess
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import Page

from danvan.demo import cast
from danvan.emulation.models import Book, Criterion, Evaluation, Exemplar, Recognition
from e2e.conftest import ARTIFACTS, BrowserErrors, Site

pytestmark = pytest.mark.e2e

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
REGISTRATION = dt.datetime(2026, 1, 20, 9, 0, tzinfo=VN)
YEAR_END = dt.datetime(2026, 12, 15, 9, 0, tzinfo=VN)
TITLE = "Mô hình “Chi hội nông dân giúp nhau trồng nhãn VietGAP”"
DECISION = "215-QĐ/BDVTU"


def _criteria() -> None:
    """The default criteria (a transactional test may have flushed the migration's rows)."""
    if Criterion.objects.exists():
        return
    seeded = importlib.import_module("danvan.emulation.migrations.0002_default_criteria")
    for position, (code, name, points, required) in enumerate(seeded.DEFAULT_CRITERIA, 1):
        Criterion.objects.create(
            code=code, name=name, max_points=points, is_required=required, position=position
        )


def _submit(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _switch(site: Site, username: str) -> None:
    site.page.context.clear_cookies()
    site.log_in(username)


def test_a_model_from_registration_to_the_book(site: Site, browser_errors: BrowserErrors) -> None:
    _criteria()
    page = site.page
    # --- January: the commune head registers the model on the registry page
    with time_machine.travel(REGISTRATION, tick=True):
        site.log_in(cast.COMMUNE_HEAD.username)
        site.go(reverse("emulation:registry_create"))
        page.fill("#id_title", TITLE)
        page.select_option("#id_field", "economy")
        page.fill("#id_period_start", "15/01/2026")
        page.fill("#id_problem", "Nhiều hộ trồng nhãn thiếu vốn, thiếu kỹ thuật, giá bán thấp.")
        page.fill("#id_actions", "Chi hội tổ chức tổ hợp tác, tập huấn quy trình VietGAP.")
        page.fill("#id_results", "Thu nhập bình quân tăng 18 %.")
        page.fill("#id_participant_count", "120")
        _submit(page, "main form[enctype] button[type=submit]")
        exemplar = Exemplar.objects.get(title=TITLE)
        assert exemplar.year == 2026
        site.screenshot("registered")

    with time_machine.travel(YEAR_END, tick=True):
        # --- December: the provincial commission evaluates it from the year's round
        _switch(site, cast.COMMISSION_STAFF.username)
        site.go(reverse("emulation:evaluation_year", args=[2026]))
        assert page.locator("[data-count=to_evaluate]").inner_text() == "1"
        site.screenshot("year-round")
        _submit(page, f"a[href^='{reverse('emulation:evaluation_evaluate', args=[exemplar.pk])}']")
        for criterion in Criterion.objects.filter(is_active=True):
            page.fill(f"#id_c_{criterion.pk}", str(criterion.max_points - 1))
        page.fill("#id_remarks", "Mô hình thiết thực, được Nhân dân đồng tình.")
        # the page adds up the points as they are typed (static script, no CSP violation)
        maximum = sum(c.max_points for c in Criterion.objects.filter(is_active=True))
        count = Criterion.objects.filter(is_active=True).count()
        total = page.locator("[data-evaluation-total]").inner_text()
        assert f"{maximum - count}" in total
        assert f"{maximum}" in total
        assert page.evaluate("window.__cspViolations") == []
        site.screenshot("evaluate")
        _submit(page, "main form.stacked button[type=submit]")
        evaluation = Evaluation.objects.get(exemplar=exemplar, year=2026)
        assert evaluation.verdict == Evaluation.Verdict.EFFECTIVE
        # --- and records the provincial recognition, outstanding
        _submit(page, f"a[href^='{reverse('emulation:evaluation_recognise', args=[exemplar.pk])}']")
        assert page.locator("#id_level").input_value() == "provincial"
        page.fill("#id_decision_number", DECISION)
        page.fill("#id_decision_date", "12/12/2026")
        page.check("#id_is_outstanding")
        _submit(page, "main form.stacked button[type=submit]")
        recognition = Recognition.objects.get(exemplar=exemplar)
        assert (recognition.level, recognition.decision_number) == ("provincial", DECISION)
        exemplar.refresh_from_db()
        assert exemplar.status == Exemplar.Status.RECOGNISED
        assert exemplar.is_outstanding

        # --- the public statistics count it recognised in 2026
        site.go(reverse("emulation:statistics_index") + "?year=2026")
        row = page.locator("tr", has=page.locator("th[scope=row]", has_text="2026")).first
        assert row.locator("td").nth(3).inner_text().strip() == "1"
        site.screenshot("statistics")

        # --- a book of the year's outstanding models, compiled to Word and PDF
        site.go(reverse("emulation:books_create"))
        page.fill("#id_title", "Tuyển tập mô hình “Dân vận khéo” tiêu biểu năm 2026")
        page.fill("#id_first_year", "2026")
        page.fill("#id_last_year", "2026")
        page.fill("#id_foreword", "Lời nói đầu của sổ tay.")
        _submit(page, "main form.stacked button[type=submit]")
        book = Book.objects.get()
        _submit(page, "main form[action$='/them/'] button")
        _submit(page, "main form[action$='/bien-soan/'] button")
        book.refresh_from_db()
        assert book.status == Book.Status.COMPILED, book.compile_error
        site.screenshot("book")
        ARTIFACTS.mkdir(exist_ok=True)
        for fmt in ("docx", "pdf"):
            response = page.request.get(
                site.url + reverse("emulation:books_download", args=[book.pk, fmt])
            )
            assert response.ok, fmt
            (ARTIFACTS / f"emulation-walk-book.{fmt}").write_bytes(response.body())
        assert (ARTIFACTS / "emulation-walk-book.pdf").read_bytes().startswith(b"%PDF")

    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "pdftoppm (poppler-utils) is needed to look at the book"
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "60",
            str(ARTIFACTS / "emulation-walk-book.pdf"),
            str(ARTIFACTS / "emulation-walk-book"),
        ],
        check=True,
        timeout=120,
    )
    assert list(ARTIFACTS.glob("emulation-walk-book*.png"))
    assert browser_errors.page == []
