"""The ways into grassroots democracy: the staff hub, the dashboard panel, and the public
commune pages residents find from the home page."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_staff_hub_needs_a_login_and_leads_to_every_area(commune: Commune) -> None:
    # Given a visitor who is not signed in
    # When they open the hub, then they are sent to log in
    response = _client().get(reverse("democracy:hub_index"))
    assert response.status_code == 302
    assert reverse("units:login") in response["Location"]

    # When the commune's officer opens it
    html = _client(commune.handler).get(reverse("democracy:hub_index")).content.decode()

    # Then every area's page is linked, in Vietnamese
    for name in (
        "households_index",
        "disclosures_index",
        "proposals_index",
        "votes_index",
        "comments_index",
        "supervision_index",
        "dialogues_index",
        "agencies_index",
    ):
        assert reverse(f"democracy:{name}") in html
    assert "Dân chủ ở cơ sở" in html


def test_the_dashboard_shows_the_democracy_panel_to_a_commune_officer(commune: Commune) -> None:
    html = _client(commune.handler).get(reverse("core:dashboard")).content.decode()
    start = html.index('id="panel-democracy-hub"')
    panel = html[start : html.index("</section>", start)]
    assert reverse("democracy:hub_index") in panel
    assert reverse("democracy:households_index") in panel


def test_a_citizen_without_a_staff_role_gets_no_democracy_panel(commune: Commune) -> None:
    html = _client(commune.citizen).get(reverse("core:dashboard")).content.decode()
    assert 'id="panel-democracy-hub"' not in html


@pytest.mark.parametrize("query", ["Khoái Châu", "khoai chau", "KHOÁI", "xa khoai"])
def test_residents_find_their_commune_with_or_without_diacritics(
    commune: Commune, query: str
) -> None:
    html = _client().get(reverse("democracy:hub_public_index"), {"q": query}).content.decode()
    assert reverse("democracy:hub_public_commune", args=[commune.commune.pk]) in html
    assert "Phường Phố Hiến" not in html


def test_the_d_with_stroke_is_folded_in_the_search(commune: Commune) -> None:
    # "Đ" has no combining mark: it must be folded by hand (SQLite FTS does not fold it)
    commune.other_commune.name = "Phường Đông Hưng"
    commune.other_commune.save(update_fields=["name"])
    html = _client().get(reverse("democracy:hub_public_index"), {"q": "dong hung"}).content
    assert reverse("democracy:hub_public_commune", args=[commune.other_commune.pk]) in (
        html.decode()
    )


def test_an_unknown_name_says_so(commune: Commune) -> None:
    html = _client().get(reverse("democracy:hub_public_index"), {"q": "Atlantis"}).content
    assert "Không có xã, phường nào có tên đó." in html.decode()


def test_a_commune_page_leads_to_everything_it_publishes(commune: Commune) -> None:
    # When a resident, not signed in, opens the commune's page
    pk = commune.commune.pk
    response = _client().get(reverse("democracy:hub_public_commune", args=[pk]))

    # Then its public pages and each village's proposals are linked
    html = response.content.decode()
    for name in ("disclosures_public", "votes_public_list", "comments_public", "dialogues_public"):
        assert reverse(f"democracy:{name}", args=[pk]) in html
    for village in commune.villages:
        assert reverse("democracy:proposals_village", args=[village.pk]) in html
        assert village.name in html


def test_a_village_or_a_missing_unit_has_no_commune_page(commune: Commune) -> None:
    for pk in (commune.villages[0].pk, commune.committee.pk, 999_999):
        response = _client().get(reverse("democracy:hub_public_commune", args=[pk]))
        assert response.status_code == 404


def test_the_home_page_leads_residents_to_the_democracy_pages(commune: Commune) -> None:
    html = _client().get(reverse("core:home")).content.decode()
    assert reverse("democracy:hub_public_index") in html
