"""The public portal, walked in Vietnamese, English and Arabic: axe-core (WCAG 2.1 A/AA) finds
no violation on the portal's pages and the public pages they lead to; the Arabic layout is
right-to-left and mirrored; every page is light enough for a phone (its weight is printed).

Screenshots (desktop and a 390×844 phone) go to ``e2e/artifacts/portal/``.
"""

import contextlib
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Error, Page, Response, ViewportSize

from danvan.demo import world
from danvan.units.models import Unit
from e2e.conftest import ARTIFACTS, Site

pytestmark = pytest.mark.e2e

LANGUAGES = ("vi", "en", "ar")
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# A page of the public site must stay light on a phone's connection (HTML + CSS + JS).
MAX_PAGE_BYTES = 400_000
SHOTS = ARTIFACTS / "portal"


@dataclass
class Weight:
    """Bytes of every response the page loaded (the document, styles, scripts, images)."""

    responses: list[Response] = field(default_factory=list)

    def record(self, response: Response) -> None:
        self.responses.append(response)

    def total(self) -> int:
        size = 0
        for response in self.responses:
            # A redirect or an aborted load has no body to count.
            with contextlib.suppress(Error):
                size += len(response.body())
        return size


def _pages() -> list[tuple[str, str]]:
    agency = Unit.objects.get(code=world.COMMUNE_COMMITTEE.code)
    commune = agency.parent
    assert commune is not None
    assert commune.parent is not None
    return [
        ("portal-home", reverse("portal:site_home")),
        ("portal-search", reverse("portal:site_home") + "?q=khoai+chau"),
        ("portal-province", reverse("portal:site_home") + f"?tinh={commune.parent.code}"),
        ("portal-commune", reverse("portal:site_unit", kwargs={"code": commune.code})),
        ("portal-agency", reverse("portal:site_unit", kwargs={"code": agency.code})),
        ("democracy-commune", reverse("democracy:hub_public_commune", kwargs={"pk": commune.pk})),
        ("consultations", reverse("consultations:drafts_public_list")),
        ("answers", reverse("petitions:handling_published_list")),
        ("schedule", reverse("petitions:schedule_public", kwargs={"unit_code": agency.code})),
        ("models", reverse("emulation:registry_public_list")),
        ("statistics", reverse("emulation:statistics_index")),
    ]


def _readable(violations: list[dict[str, object]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:  # type: ignore[index]
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


def _set_language(site: Site, language: str) -> None:
    site.page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site.url}]
    )


def _nav_and_tools(page: Page) -> tuple[float, float, float]:
    nav = page.locator(".site-nav").bounding_box()
    tools = page.locator(".site-tools").bounding_box()
    assert nav is not None
    assert tools is not None
    return nav["x"] + nav["width"] / 2, tools["x"] + tools["width"] / 2, DESKTOP["width"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_walk_is_accessible_and_light(site: Site, language: str) -> None:
    page = site.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    _set_language(site, language)
    failures: list[str] = []
    weight = Weight()
    page.on("response", weight.record)
    for name, path in _pages():
        # when the page is opened in this language
        weight.responses.clear()
        site.go(path)
        page.wait_for_load_state("load")
        # then it says its language and direction
        direction = "rtl" if language == "ar" else "ltr"
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.locator("html").get_attribute("dir") == direction, path
        # and axe-core finds no WCAG 2.1 A/AA violation
        results = Axe().run(page, options=WCAG)
        violations = results.response["violations"]
        assert results.response["passes"], f"axe-core checked nothing on {path}"
        if violations:
            failures.append(f"{language} {path}:\n{_readable(violations)}")
        # and it is light: no external resource, a weight printed for the record
        total = weight.total()
        print(f"page weight {language} {name}: {total} bytes in {len(weight.responses)} responses")  # noqa: T201 - the measure asked for
        assert all(r.url.startswith(site.url) for r in weight.responses), path
        if name.startswith("portal"):
            assert total < MAX_PAGE_BYTES, f"{path} weighs {total} bytes"
            # images (if any) are lazy and sized, so the layout does not jump on a phone
            unsized = page.locator(
                "main img:not([loading=lazy]), main img:not([width]), main img:not([height])"
            )
            assert unsized.count() == 0, f"{path} has images without loading=lazy/width/height"
            page.screenshot(path=str(SHOTS / f"{language}-{name}-desktop.png"), full_page=True)
    assert not failures, "axe-core violations:\n" + "\n\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_mirrors_and_fits_a_phone(site: Site, language: str) -> None:
    page = site.page
    SHOTS.mkdir(parents=True, exist_ok=True)
    _set_language(site, language)
    # given a desktop screen
    page.set_viewport_size(DESKTOP)
    site.go(reverse("portal:site_home"))
    nav, tools, width = _nav_and_tools(page)
    # then in Arabic the main navigation sits on the right, the tools on the left; mirrored
    # in the left-to-right languages
    if language == "ar":
        assert nav > width / 2, (nav, width)
        assert nav > tools, (nav, tools)
    else:
        assert nav < width / 2, (nav, width)
        assert nav < tools, (nav, tools)
    # and on a phone the home and a commune page fit the screen without sideways scrolling
    page.set_viewport_size(PHONE)
    pages = _pages()
    for name, path in (pages[0], pages[2], pages[3], pages[4]):
        site.go(path)
        page.screenshot(path=str(SHOTS / f"{language}-{name}-phone.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px in {language}"


def test_portal_works_without_javascript(site: Site) -> None:
    # given a phone browser with JavaScript switched off
    context = site.page.context.browser.new_context(  # type: ignore[union-attr]
        java_script_enabled=False, viewport=PHONE, locale="vi-VN"
    )
    page = context.new_page()
    try:
        # when a resident searches for a commune without diacritics and follows the result
        page.goto(site.url + reverse("portal:site_home"))
        page.fill("#portal-q", "khoai chau")
        with page.expect_navigation():
            page.click("form[role=search] button[type=submit]")
        with page.expect_navigation():
            page.click("main a[href*='/don-vi/']")
        # then the commune's page opens, with its sections
        assert page.locator("h1").inner_text().endswith("Khoái Châu")
        assert page.locator("main section h2").count() >= 4
    finally:
        context.close()
