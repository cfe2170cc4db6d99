"""Every public page renders in Vietnamese, English and Arabic (right-to-left)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from danvan.core.templatetags.danvan_format import vn_date
from danvan.portal.tests.data.world import PublicWorld
from danvan.portal.tests.site.conftest import client_in


def _pages(world: PublicWorld) -> list[str]:
    return [
        reverse("portal:site_home"),
        reverse("portal:site_home") + "?q=khoai",
        reverse("portal:site_unit", kwargs={"code": world.commune.code}),
        reverse("portal:site_unit", kwargs={"code": world.committee.code}),
    ]


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [("vi", "ltr", None), ("en", "ltr", "Public portal"), ("ar", "rtl", "البوابة العامة")],
)
def test_each_language_renders_with_its_lang_and_dir(
    public_world: PublicWorld, language: str, direction: str, heading: str | None
) -> None:
    # given a resident who chose a language in the switcher (the cookie)
    client = client_in(language)
    for url in _pages(public_world):
        # when they open a public page
        html = client.get(url).content.decode()
        # then the document says its language and direction
        assert f'<html lang="{language}" dir="{direction}">' in html, url
    # and the portal's own words are in that language
    home = client.get(reverse("portal:site_home")).content.decode()
    if heading is not None:
        assert f"<h1>{heading}</h1>" in home


def test_arabic_chrome_is_translated(public_world: PublicWorld) -> None:
    # given the Arabic locale
    html = client_in("ar").get(reverse("portal:site_home")).content.decode()
    # then the skip link, the navigation's name and the switcher's label are Arabic
    for text in ("انتقل إلى المحتوى الرئيسي", "التنقل الرئيسي", "اللغة", "تسجيل الدخول"):
        assert text in html


def test_arabic_dates_are_numeric_and_isolated(public_world: PublicWorld) -> None:
    # given the commune's disclosure first posted on 10 January 2026
    url = reverse("portal:site_unit", kwargs={"code": public_world.commune.code})
    # when its page is read in Arabic
    html = client_in("ar").get(url).content.decode()
    # then the date is DD/MM/YYYY, isolated left-to-right, with no Vietnamese date words
    assert '<bdi dir="ltr">10/01/2026</bdi>' in html
    assert not re.search(r"ngày \d", html)
    # and the unit code is isolated too
    assert f'<bdi dir="ltr">{public_world.commune.code}</bdi>' in html


def test_arabic_administrative_date_filter_falls_back_to_numbers() -> None:
    # given the administrative date filter used by every app's templates
    # when it renders a date on an Arabic page
    with translation.override("ar"):
        text = vn_date(dt.date(2026, 9, 2))
    # then it is the neutral numeric form
    assert text == "02/09/2026"
