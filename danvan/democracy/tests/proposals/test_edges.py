"""Edges of residents' proposals: races settled by the database, labels, and rules."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import ProposalSupport, ResidentProposal
from danvan.democracy.services import proposals as services
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.proposals.conftest import TODAY, households, propose

pytestmark = pytest.mark.django_db


def test_the_same_form_sent_twice_at_once_makes_one_proposal(
    commune: Commune, frozen: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the twin request saved the proposal between our check and our insert
    register = households(commune.villages[0], 10)
    first = propose(commune, register, submission_key="k")
    original_filter = ResidentProposal.objects.filter

    def not_yet_seen(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if "submission_key" in kwargs:
            return original_filter(pk=-1)
        return original_filter(*args, **kwargs)

    monkeypatch.setattr(ResidentProposal.objects, "filter", not_yet_seen)
    # when ours is saved, then the database refuses it and the twin's proposal is returned
    again = propose(commune, register, submission_key="k")
    assert again.pk == first.pk
    assert ResidentProposal.objects.count() == 1


def test_labels_and_rules_see_the_village(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register)
    support = ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=TODAY, channel="paper"
    )
    assert str(proposal) == "Làm đường bê tông ngõ 3"
    assert str(support) == f"{proposal.pk}/{register[1].pk}"
    assert proposal.unit == commune.villages[0]
    assert commune.handler.has_perm("democracy.manage", proposal)
    assert not commune.other_handler.has_perm("democracy.manage", proposal)


def test_a_service_refusal_on_the_create_page_keeps_the_form(
    commune: Commune, frozen: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    households(commune.villages[0], 10)

    def refuse(**_kwargs: object) -> None:
        raise ApplicationError("Refused for the test.")

    monkeypatch.setattr(services, "proposal_create", refuse)
    client = Client()
    client.force_login(commune.handler)
    answer = client.post(
        reverse("democracy:proposals_create", kwargs={"pk": commune.villages[0].pk}),
        {
            "title": "Tiêu đề giữ lại",
            "content": "Nội dung",
            "matter": "other",
            "proposer_name": "Nguyễn Văn Hùng",
            "proposer_household": "DT-001",
            "submission_key": "k",
        },
    )
    assert answer.status_code == 200
    assert "Refused for the test." in answer.content.decode()
    assert "Tiêu đề giữ lại" in answer.content.decode()


def test_an_expired_proposal_may_still_be_endorsed_or_declined(
    commune: Commune, frozen: object
) -> None:
    register = households(commune.villages[0], 30)
    proposal = propose(commune, register)
    ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=dt.date(2025, 11, 1), channel="paper"
    )
    assert services.proposals_expire() == 1
    proposal.refresh_from_db()
    endorsed = services.proposal_endorse(
        proposal=proposal, actor=commune.handler, endorsed_by_name="Vũ Văn Lợi", endorsed_on=TODAY
    )
    assert endorsed.status == ResidentProposal.Status.ENDORSED
