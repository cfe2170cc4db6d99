"""The agency's map page (permission, recompute) and the public one (no identities)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from danvan.consultations.models import Consultation, OpinionMap
from danvan.consultations.services.opinion import opinion_map_compute
from danvan.consultations.tests.opinion.conftest import SHARED, STATEMENT_TEXTS, Voted
from danvan.units.models import User

pytestmark = pytest.mark.django_db


def manage_url(consultation: Consultation) -> str:
    return reverse("consultations:opinion_manage", kwargs={"slug": consultation.slug})


def public_url(consultation: Consultation) -> str:
    return reverse("consultations:opinion_public", kwargs={"slug": consultation.slug})


def recompute_url(consultation: Consultation) -> str:
    return reverse("consultations:opinion_recompute", kwargs={"slug": consultation.slug})


def test_manager_sees_the_map_with_tables(client: Client, voted: Voted, handler: User) -> None:
    # given a computed map
    opinion_map_compute(consultation=voted.consultation)
    client.force_login(handler)

    # when the handler opens the map page
    response = client.get(manage_url(voted.consultation))

    # then the SVG, the group table, the statements and the silhouettes are there
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="opinion-map__svg"' in html
    assert 'role="img"' in html
    assert html.count("<circle") >= 2
    assert "Nhóm A" in html or "Group A" in html
    assert STATEMENT_TEXTS[SHARED] in html
    assert recompute_url(voted.consultation) in html


def test_manager_page_before_any_computation(
    client: Client, consultation: Consultation, handler: User
) -> None:
    client.force_login(handler)
    response = client.get(manage_url(consultation))
    assert response.status_code == 200
    assert '<svg class="opinion-map__svg"' not in response.content.decode()


def test_recompute_enqueues_and_redirects(client: Client, voted: Voted, handler: User) -> None:
    client.force_login(handler)
    response = client.post(recompute_url(voted.consultation))
    assert response.status_code == 302
    assert response["Location"] == manage_url(voted.consultation)
    # the immediate backend ran the task
    assert OpinionMap.objects.filter(consultation=voted.consultation).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_other_agencies_get_the_same_404_as_for_a_missing_consultation(
    client: Client, voted: Voted, outsider: User, method: str
) -> None:
    client.force_login(outsider)
    url = manage_url(voted.consultation) if method == "get" else recompute_url(voted.consultation)
    missing = url.replace(voted.consultation.slug, "khong-ton-tai")
    assert getattr(client, method)(url).status_code == 404
    assert getattr(client, method)(missing).status_code == 404
    assert not OpinionMap.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, voted: Voted) -> None:
    response = client.get(manage_url(voted.consultation))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_recompute_refuses_get(client: Client, voted: Voted, handler: User) -> None:
    client.force_login(handler)
    assert client.get(recompute_url(voted.consultation)).status_code == 405


def test_public_page_shows_groups_and_statements_never_who(client: Client, voted: Voted) -> None:
    # given a computed map
    snapshot = opinion_map_compute(consultation=voted.consultation)

    # when anyone opens the public page
    response = client.get(public_url(voted.consultation))

    # then groups and statements are shown
    assert response.status_code == 200
    html = response.content.decode()
    assert STATEMENT_TEXTS[SHARED] in html
    assert "12" in html
    # and no participant's name, username or id appears anywhere
    for person in [*voted.camp_a, *voted.camp_b, voted.light]:
        assert person.username not in html
        assert person.full_name not in html
    # nor the participant → group mapping the snapshot keeps for the engine
    assert snapshot.groups
    assert not re.search(r'"\d+":\s*\d', html)
    assert "data-participant" not in html


def test_public_page_before_any_computation(client: Client, consultation: Consultation) -> None:
    response = client.get(public_url(consultation))
    assert response.status_code == 200
    assert "<circle" not in response.content.decode()


def test_public_page_of_an_unpublished_consultation_is_404(
    client: Client, consultation: Consultation
) -> None:
    consultation.status = Consultation.Status.DRAFT
    consultation.save(update_fields=["status"])
    assert client.get(public_url(consultation)).status_code == 404
