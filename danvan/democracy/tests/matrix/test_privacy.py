"""What residents see without signing in: the public pages carry no personal data beyond
what the law discloses, and the audit log keeps no secrets either.

Checked on the scene of the permission matrix (one object of each area): the household's
phone number, its code, its representative's account and name (a supporter and a voter),
the proof-of-posting and evidence files, and the name of a dialogue asker who did not
agree to show it never appear on a public page; the asker who agreed is named."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.democracy.services import proposals as proposal_services
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.matrix.scene import (
    CODE,
    HIDDEN_ASKER,
    NOW,
    PDF,
    PHONE,
    REPRESENTATIVE,
    SHOWN_ASKER,
    USERNAME,
    Scene,
    build_scene,
)
from danvan.democracy.tests.matrix.test_permission_matrix import MATRIX, PUBLIC

pytestmark = pytest.mark.django_db

SECRETS = (
    PHONE,
    CODE,
    USERNAME,
    REPRESENTATIVE,
    HIDDEN_ASKER,
    "bien-ban-niem-yet.pdf",
    "nghiem-thu-cong.pdf",
    "cudan",  # the citizen's username
)


@pytest.fixture
def scene(commune: Commune) -> Iterator[Scene]:
    with time_machine.travel(NOW, tick=False) as clock:
        built = build_scene(commune, clock)
        clock.move_to(NOW)
        # the household supports the proposal on paper (its name must stay off the page)
        proposal_services.support_record(
            proposal=built.proposal,
            household=built.household,
            signed_on=NOW.date(),
            actor=commune.handler,
        )
        yield built


PUBLIC_ROUTES = sorted(name for name, route in MATRIX.items() if route.allowed == PUBLIC)


def test_the_public_routes_are_the_ones_checked() -> None:
    # the matrix's public routes are the residents' pages checked below
    assert PUBLIC_ROUTES == [
        "comments_public",
        "dialogues_public",
        "disclosures_public",
        "disclosures_public_index",
        "hub_public_commune",
        "hub_public_index",
        "proposals_public",
        "proposals_village",
        "votes_public",
        "votes_public_list",
    ]


def test_the_public_pages_show_no_personal_data(scene: Scene) -> None:
    for name in PUBLIC_ROUTES:
        # given a public page of the commune, opened by nobody signed in
        url = reverse(f"democracy:{name}", kwargs=MATRIX[name].kwargs(scene))
        # when it is read
        response = Client().get(url)
        body = response.content.decode()
        # then it is there, and none of the personal data is
        assert response.status_code == 200, name
        leaked = [secret for secret in SECRETS if secret in body]
        assert leaked == [], (name, leaked)
        # and it links no staff-only file
        assert "/minh-chung/" not in body, name


def test_the_dialogue_page_names_only_the_asker_who_agreed(scene: Scene) -> None:
    # given two questions of the dialogue, one asker agreeing to be named and one not
    url = reverse("democracy:dialogues_public", kwargs={"pk": scene.commune.commune.pk})
    # when a resident reads the public page
    body = Client().get(url).content.decode()
    # then both questions are there, with the name of the one who agreed only
    assert scene.hidden_question.question in body
    assert scene.shown_question.question in body
    assert SHOWN_ASKER in body
    assert HIDDEN_ASKER not in body


def test_the_audit_log_keeps_no_phone_number_or_file(scene: Scene) -> None:
    # given everything the scene recorded through the services
    entries = list(AuditEntry.objects.all())
    assert entries
    # when the audit data is read
    text = json.dumps([entry.data for entry in entries], ensure_ascii=False, default=str)
    # then no phone number and no file content is kept there
    assert PHONE not in text
    assert PDF.decode() not in text


def test_the_staff_register_does_show_what_the_public_pages_hide(scene: Scene) -> None:
    # given the commune's handler on the village's register (the secrets are real data)
    client = Client()
    client.force_login(scene.commune.handler)
    url = reverse("democracy:households_village", kwargs={"pk": scene.commune.villages[0].pk})
    # when he reads it
    body = client.get(url).content.decode()
    # then the phone number and the code are there for him
    assert PHONE in body
    assert CODE in body


COMMUNE_PAGES = (
    "hub_public_commune",
    "disclosures_public",
    "dialogues_public",
    "comments_public",
    "votes_public_list",
)


def test_a_public_commune_page_is_only_for_a_commune(scene: Scene) -> None:
    # given units that are not communes: an agency, a People's Committee, the province,
    # a village
    units = (
        scene.agency,
        scene.commune.committee,
        scene.commune.province,
        scene.commune.villages[0],
    )
    for name in COMMUNE_PAGES:
        for unit in units:
            # when a resident opens the commune page with its id, then there is none
            response = Client().get(reverse(f"democracy:{name}", kwargs={"pk": unit.pk}))
            assert response.status_code == 404, (name, unit)


def test_a_vote_still_open_or_being_prepared_is_not_public(scene: Scene) -> None:
    # given decisions being prepared, asking consent, or voting
    for decision in (scene.decision, scene.polling, scene.meeting, scene.ballot, scene.online):
        # when a resident opens the public page, then there is none
        url = reverse("democracy:votes_public", kwargs={"pk": decision.pk})
        assert Client().get(url).status_code == 404, decision.status
