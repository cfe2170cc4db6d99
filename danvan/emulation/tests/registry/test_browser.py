"""In Chromium, without JavaScript: the commune head registers a model with a photo, first
forgetting its field (the page says so and keeps what was typed), then sees it on its page
with its figure and its photo.

Run with ``pytest -m e2e danvan/emulation/tests/registry`` (Debian Chromium).
"""

from pathlib import Path
from typing import Any, cast

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Browser

from danvan.democracy.tests.browser import (
    CSP_LISTENER,
    DESKTOP,
    PHONE,
    new_page,
    screenshot,
    sign_in,
)
from danvan.emulation.models import Attachment, Exemplar
from danvan.emulation.tests.conftest import World
from danvan.emulation.tests.registry.helpers import png_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_commune_registers_a_model_with_a_photo(
    browser: Browser, live_server: Any, world: World, tmp_path: Path
) -> None:
    picture = tmp_path / "ra-quan.png"
    picture.write_bytes(png_bytes(40, 30))
    # given the commune head, signed in, on the registration page
    page = new_page(browser, DESKTOP)
    sign_in(page, live_server, world.commune_head)
    page.goto(live_server.url + reverse("emulation:registry_create"))
    # when they fill the form but forget the field
    page.fill("#id_title", "Mô hình “Đường hoa nông thôn mới”")
    page.fill("#id_problem", "Đường thôn thiếu cây xanh.")
    page.fill("#id_actions", "Chi hội phụ nữ vận động các hộ trồng hoa.")
    page.fill("#id_figures-0-indicator", "Đường hoa")
    page.fill("#id_figures-0-value", "5")
    page.fill("#id_figures-0-unit_label", "km")
    page.set_input_files("#id_photos", str(picture))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # then the page marks the field, keeps what was typed, and asks for the photo again
    assert page.locator(".field--error #id_field").count() == 1
    assert page.input_value("#id_title") == "Mô hình “Đường hoa nông thôn mới”"
    assert page.input_value("#id_figures-0-indicator") == "Đường hoa"
    assert page.locator(".message--warning").count() >= 1
    screenshot(page, "registry-form-error-desktop")
    assert not Exemplar.objects.exists()
    # when they choose the field and the photo again
    page.select_option("#id_field", "economy")
    page.set_input_files("#id_photos", str(picture))
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # then the model is registered with its figure and its photo as the cover
    exemplar = Exemplar.objects.get()
    cover = Attachment.objects.get()
    assert (cover.exemplar_id, cover.is_cover, cover.width) == (exemplar.pk, True, 40)
    assert page.url.endswith(reverse("emulation:registry_detail", kwargs={"pk": exemplar.pk}))
    assert page.locator("h1").inner_text() == "Mô hình “Đường hoa nông thôn mới”"
    assert "Đường hoa" in page.locator("main table").inner_text()
    image = page.locator("main img")
    assert image.count() == 1
    answer = page.request.get(live_server.url + image.get_attribute("src"))
    assert answer.status == 200
    assert answer.headers["content-type"] == "image/png"
    assert page.evaluate("window.__cspViolations") == []
    screenshot(page, "registry-detail-desktop")
    # and axe-core (in a context with JavaScript, signed in the same) finds nothing
    checker = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    session = [
        {"name": cookie["name"], "value": cookie["value"], "url": live_server.url}
        for cookie in page.context.cookies()
    ]
    checker.add_cookies(cast(Any, session))  # SetCookieParam dicts
    checked = checker.new_page()
    checked.set_default_timeout(15_000)
    checked.goto(page.url)
    results = Axe().run(checked, context="main")
    assert results.violations_count == 0, results.generate_report()
    checked.goto(live_server.url + reverse("emulation:registry_create"))
    results = Axe().run(checked, context="main")
    assert results.violations_count == 0, results.generate_report()
    checker.close()
    # and once recognised, a visitor on a phone reads it on the public page with its photo
    Exemplar.objects.filter(pk=exemplar.pk).update(
        status="recognised", recognised_level="commune", recognised_year=2026
    )
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    visitor = context.new_page()
    visitor.set_default_timeout(15_000)
    visitor.add_init_script(CSP_LISTENER)
    visitor.goto(
        live_server.url + reverse("emulation:registry_public_detail", kwargs={"pk": exemplar.pk})
    )
    assert visitor.locator("h1").inner_text() == "Mô hình “Đường hoa nông thôn mới”"
    assert visitor.locator("main figure img").count() == 1
    assert world.commune_head.full_name not in visitor.locator("main").inner_text()
    assert visitor.evaluate("window.__cspViolations") == []
    results = Axe().run(visitor, context="main")
    assert results.violations_count == 0, results.generate_report()
    screenshot(visitor, "registry-public-phone")
    context.close()
