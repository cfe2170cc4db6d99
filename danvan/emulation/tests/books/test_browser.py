"""In Chromium, without JavaScript: the provincial commission creates a book, adds an
outstanding model from the candidates, is refused nothing twice, and compiles the book; the
selection page has no CSP violation. Screenshots go to e2e/artifacts/emulation-book-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from danvan.democracy.tests.browser import DESKTOP, PHONE, new_page, screenshot, sign_in
from danvan.emulation.models import Book, BookEntry
from danvan.emulation.tests.books.conftest import recognised, with_figures, with_photo
from danvan.emulation.tests.conftest import World

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(browser: Browser) -> Iterator[Browser]:
    yield browser
    for context in browser.contexts:
        context.close()


def _submit(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_the_commission_creates_selects_and_compiles_a_book(
    browser: Browser, live_server: Any, world: World
) -> None:
    # given an outstanding recognised model with a photo and figures
    exemplar = recognised(
        world.commune_committee, "Mô hình “Dân vận khéo” nuôi ong lấy mật", is_outstanding=True
    )
    with_photo(exemplar, caption="Hội viên thu hoạch mật ong")
    with_figures(exemplar)
    # when the provincial officer creates a book
    page = new_page(browser, DESKTOP)
    sign_in(page, live_server, world.provincial_officer)
    page.goto(live_server.url + reverse("emulation:books_create"))
    page.fill("#id_title", "Tuyển tập mô hình “Dân vận khéo” tiêu biểu giai đoạn 2021–2025")
    page.fill("#id_first_year", "2021")
    page.fill("#id_last_year", "2025")
    page.fill("#id_foreword", "Lời nói đầu của sổ tay.")
    _submit(page, "main form.stacked button[type=submit]")
    book = Book.objects.get()
    # and adds the model from the candidates
    _submit(page, "main form[action$='/them/'] button")
    assert BookEntry.objects.filter(book=book, exemplar=exemplar).exists()
    screenshot(page, "emulation-book-selection")
    # and compiles it (the immediate backend runs the task at once)
    _submit(page, "main form[action$='/bien-soan/'] button")
    book.refresh_from_db()
    assert book.status == Book.Status.COMPILED, book.compile_error
    # then the downloads are offered and nothing broke the content security policy
    assert page.locator("a[href$='/tai/pdf/']").count() == 1
    assert page.evaluate("window.__cspViolations") == []
    phone = new_page(browser, PHONE)
    sign_in(phone, live_server, world.provincial_officer)
    phone.goto(live_server.url + reverse("emulation:books_detail", args=[book.pk]))
    screenshot(phone, "emulation-book-selection-phone")
