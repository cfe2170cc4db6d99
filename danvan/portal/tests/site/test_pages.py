"""The public site: the home page (search, provinces, figures, links) and the unit pages."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.portal.tests.data.world import SECRETS, PublicWorld
from danvan.portal.tests.site.conftest import client_in
from danvan.units.models import Unit

HOME = reverse("portal:site_home")


def unit_url(code: str) -> str:
    return reverse("portal:site_unit", kwargs={"code": code})


def text_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_lists_provinces_communes_figures_and_links(public_world: PublicWorld) -> None:
    # given the world of public and private rows
    client = client_in("en")
    # when a resident opens the portal
    html = text_of(client, HOME)
    # then the active province is listed with its number of communes and wards
    assert "Tỉnh Hưng Yên" in html
    assert "?tinh=VN-33" in html
    assert "(<bdi>2</bdi>)" in html
    # and no commune is listed before a province is chosen (a light page on a phone)
    assert unit_url(public_world.commune.code) not in html
    # and the merged (inactive) province is not offered
    assert "Tỉnh cũ đã sáp nhập" not in html
    # when the province is chosen
    chosen = text_of(client, HOME + "?tinh=VN-33")
    # then its commune and ward are linked to their pages, and its village is not
    assert unit_url(public_world.commune.code) in chosen
    assert unit_url(public_world.ward.code) in chosen
    assert "Thôn Đông bí mật" not in chosen
    assert 'aria-current="true"' in chosen
    # and the ways into open data, the API, the statistics and the models are linked
    for name in (
        "portal:data_catalogue",
        "emulation:statistics_index",
        "emulation:registry_public_list",
        "consultations:drafts_public_list",
        "petitions:handling_published_list",
    ):
        assert f'href="{reverse(name)}"' in html, name
    assert 'href="/api/v1/docs"' in html


def test_home_figures_count_only_public_rows(public_world: PublicWorld) -> None:
    # given two communes/wards, one posted disclosure, one open draft (others closed, not yet
    # open, staff-only or being prepared), one published answer and three recognised models
    response = client_in("en").get(HOME)
    # when the figures are read
    figures = response.context["figures"]
    # then each counts the public rows only
    assert (figures.communes, figures.disclosures, figures.open_consultations) == (2, 1, 1)
    assert (figures.answers, figures.models) == (1, 3)


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("khoai chau", "Xã Khoái Châu"),
        ("KHOÁI CHÂU", "Xã Khoái Châu"),
        ("pho hien", "Phường Phố Hiến"),
        ("uy ban nhan dan xa", "Ủy ban nhân dân xã Khoái Châu"),
        ("dong tao", "Xã Đông Tảo"),
    ],
)
def test_search_is_folded(public_world: PublicWorld, typed: str, found: str) -> None:
    # given a commune whose name starts with "Đ"
    Unit.objects.create(
        code="VN-99001", name="Xã Đông Tảo", kind=Unit.Kind.COMMUNE, parent=public_world.province
    )
    # when a resident types the name without diacritics (or in capitals)
    response = client_in("en").get(HOME, {"q": typed})
    # then the unit is found
    names = [unit.name for unit in response.context["results"]]
    assert found in names


def test_search_never_finds_what_is_not_a_public_body(public_world: PublicWorld) -> None:
    # given a village and an inactive province that match the words typed
    client = client_in("en")
    # when a resident searches for them
    village = client.get(HOME, {"q": "thon dong"})
    merged = client.get(HOME, {"q": "tinh cu"})
    # then nothing is found, and the page says so
    assert village.context["results"] == []
    assert merged.context["results"] == []
    assert "No commune, ward or agency has that name." in village.content.decode()


def test_commune_page_shows_its_public_items_and_links(public_world: PublicWorld) -> None:
    # given the commune with a posted disclosure, an open draft, a published answer, a coming
    # reception day and recognised models (of its People's Committee)
    world = public_world
    # when a resident opens the commune's page
    html = text_of(client_in("en"), unit_url(world.commune.code))
    # then each section shows the latest public items
    assert world.disclosure.title in html
    assert world.open_consultation.title in html
    assert world.answer.published_title in html
    assert world.reception_day.place in html
    assert world.recognised.title in html
    assert world.example.title in html
    # and links to the apps' own public pages
    assert reverse("democracy:disclosures_public", kwargs={"pk": world.commune.pk}) in html
    assert reverse("democracy:hub_public_commune", kwargs={"pk": world.commune.pk}) in html
    assert reverse("consultations:drafts_read", kwargs={"slug": "du-thao-mo"}) in html
    assert reverse("petitions:handling_published_detail", kwargs={"pk": world.answer.pk}) in html
    assert reverse("petitions:schedule_public", kwargs={"unit_code": world.commune.code}) in html
    # and the coming reception day of its People's Committee leads to that body's schedule
    assert reverse("petitions:schedule_public", kwargs={"unit_code": world.committee.code}) in html
    assert f"?province={world.province.code}&amp;commune={world.commune.code}" in html
    # and the other commune's items are not shown as this one's
    assert world.ward_model.title not in html


def test_agency_page_has_no_disclosure_section(public_world: PublicWorld) -> None:
    # given the ward's People's Committee (an agency)
    world = public_world
    # when its page is opened
    response = client_in("en").get(unit_url(world.ward_committee.code))
    html = response.content.decode()
    # then it shows its own model, and no commune-only disclosure section
    assert response.status_code == 200
    assert world.ward_model.title in html
    assert 'id="s-disclosures"' not in html
    assert world.recognised.title not in html


@pytest.mark.parametrize("page", ["home", "commune", "agency", "search"])
def test_what_is_not_public_never_appears(public_world: PublicWorld, page: str) -> None:
    # given rows that are not public (drafts being prepared, unpublished answers, petitioners,
    # registered or removed models, disclosures not yet posted, staff accounts, past days)
    world = public_world
    url = {
        "home": HOME,
        "commune": unit_url(world.commune.code),
        "agency": unit_url(world.committee.code),
        "search": HOME + "?q=khoai",
    }[page]
    # when the page is read in each language
    for language in ("vi", "en", "ar"):
        html = text_of(client_in(language), url)
        # then none of them appears
        for secret in SECRETS:
            assert secret not in html, (language, secret)


@pytest.mark.parametrize("code", ["VN-12205-dong", "VN-99", "VN-33", "VN", "KHONG-CO"])
def test_a_unit_that_is_not_a_public_body_is_not_found(
    public_world: PublicWorld, code: str
) -> None:
    # given a village, an inactive province, a province, the country and a missing code
    # when its page is asked for
    response = client_in("vi").get(unit_url(code))
    # then the answer is the same 404
    assert response.status_code == 404


def test_the_site_needs_no_login_and_refuses_writes(public_world: PublicWorld) -> None:
    # given an anonymous resident
    client = client_in("vi")
    # when they post to the pages
    # then only GET is allowed
    assert client.post(HOME).status_code == 405
    assert client.post(unit_url(public_world.commune.code)).status_code == 405


def test_a_search_of_marks_alone_finds_nothing(public_world: PublicWorld) -> None:
    # given a query made only of a combining accent (nothing left once folded)
    # when it is searched
    response = client_in("en").get(HOME, {"q": "\u0301"})
    # then no unit is listed (rather than every unit)
    assert response.context["results"] == []


@pytest.mark.parametrize("code", ["VN-99", "VN-12205", "KHONG-CO"])
def test_choosing_what_is_not_an_active_province_lists_nothing(
    public_world: PublicWorld, code: str
) -> None:
    # given an inactive province, a commune and a missing code
    # when one is "chosen" as a province in the address
    response = client_in("en").get(HOME, {"tinh": code})
    # then the page still opens and lists no communes
    assert response.status_code == 200
    assert response.context["chosen"] is None
    assert 'id="portal-communes-title"' not in response.content.decode()
