"""In a phone-sized Chromium: vote in place (htmx), anchor a comment to a selected passage,
and the same vote with JavaScript switched off. No console error, no CSP violation.

Run with ``pytest -m e2e danvan/consultations/tests/participation`` (Debian Chromium).
"""

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize

from danvan.consultations.models import ArticleVote, Comment, Consultation
from danvan.consultations.selectors.participation import article_tallies, votes_of
from danvan.consultations.tests.conftest import make_user
from danvan.consultations.tests.participation.conftest import make_consultation
from danvan.units.models import Unit, User

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[4] / "e2e" / "artifacts"
PHONE: ViewportSize = {"width": 390, "height": 844}
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


@pytest.fixture
def open_draft(agency: Unit) -> Consultation:
    return make_consultation(agency)


@pytest.fixture
def voter(db: None) -> User:
    return make_user("nguyenthihoa", "Nguyễn Thị Hoa")


def _phone(browser: Browser, live_server: Any, user: User, *, javascript: bool) -> Page:
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", java_script_enabled=javascript, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(CSP_LISTENER)
    page.goto(live_server.url + reverse("units:login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", "danvan-test-2026")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    return page


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"participation-{name}.png"), full_page=True)


def test_vote_in_place_and_comment_on_a_passage(
    browser: Browser, live_server: Any, open_draft: Consultation, voter: User
) -> None:
    page = _phone(browser, live_server, voter, javascript=True)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    reading = live_server.url + reverse("consultations:drafts_read", args=[open_draft.slug])
    page.goto(reading)
    # when the citizen taps "Tán thành" under Điều 1: the block is swapped, no page load
    actions = page.locator('[data-article-actions][data-article="dieu-1"]')
    url_before = page.url
    actions.get_by_role("button", name="Tán thành", exact=True).click()
    page.locator('[data-article="dieu-1"] .vote-button--chosen').wait_for()
    assert page.url == url_before
    assert "1 (100%)" in actions.inner_text()
    _shot(page, "voted-in-place")
    # when they select words of clause 1 of Điều 2, the comment form of Điều 2 takes them
    page.evaluate(
        """() => {
          const clause = document.getElementById("dieu-2.k1");
          const walker = document.createTreeWalker(clause.querySelector("p"), NodeFilter.SHOW_TEXT);
          let text = walker.nextNode();
          while (text && !text.textContent.includes("quy định chi tiết")) text = walker.nextNode();
          const start = text.textContent.indexOf("quy định chi tiết");
          const range = document.createRange();
          range.setStart(text, start);
          range.setEnd(text, start + "quy định chi tiết".length);
          const selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }"""
    )
    box = page.locator('[data-comment-box][data-article="dieu-2"]')
    quote = box.locator("[data-quote-field]")
    page.wait_for_function(
        '() => document.querySelector(\'[data-comment-box][data-article="dieu-2"] '
        "[data-quote-field]').value !== ''"
    )
    assert quote.input_value() == "quy định chi tiết"
    box.locator("textarea[name=text]").fill("Đề nghị nêu rõ thời hạn.")
    with page.expect_navigation():
        box.get_by_role("button", name="Gửi góp ý").click()
    assert page.url.endswith("#dieu-2.k1")  # back at the clause the passage is in
    _shot(page, "commented")
    comment = Comment.objects.get()
    assert (comment.anchor, comment.quote) == ("dieu-2.k1", "quy định chi tiết")
    assert votes_of(consultation=open_draft, participant=voter) == {"dieu-1": "agree"}
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []


def test_the_vote_works_without_javascript(
    browser: Browser, live_server: Any, open_draft: Consultation, voter: User
) -> None:
    page = _phone(browser, live_server, voter, javascript=False)
    page.goto(live_server.url + reverse("consultations:drafts_read", args=[open_draft.slug]))
    with page.expect_navigation():
        page.locator('[data-article="dieu-3"]').get_by_role(
            "button", name="Không tán thành"
        ).click()
    assert page.url.endswith("#dieu-3")
    assert "Ý kiến của bạn đã được ghi nhận" in page.content()
    _shot(page, "voted-without-js")
    # and the ballot sends several answers at once
    page.goto(
        live_server.url + reverse("consultations:participation_ballot", args=[open_draft.slug])
    )
    page.check('input[name="vote-dieu-1"][value="agree"]')
    page.check('input[name="vote-dieu-2"][value="disagree"]')
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi toàn bộ ý kiến").click()
    _shot(page, "ballot-sent")
    assert ArticleVote.objects.filter(participant=voter).count() == 3
    assert article_tallies(consultation=open_draft)["dieu-3"].disagree == 1
