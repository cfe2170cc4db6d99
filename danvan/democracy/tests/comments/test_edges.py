"""Edges of comments before decisions: races settled by the database, and labels."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError

from danvan.consultations.models import Consultation
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import CommuneMatter, HouseholdAnswer
from danvan.democracy.selectors.comments import household_accounts_in
from danvan.democracy.services.comments import commune_matter_link, household_answer_claim
from danvan.democracy.tests.comments.conftest import Residents
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_represents_no_household(
    consultation: Consultation, residents: Residents
) -> None:
    assert not household_accounts_in(AnonymousUser(), consultation).exists()


def test_a_claim_lost_to_another_account_a_moment_ago_is_refused(
    consultation: Consultation, residents: Residents, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given another account claimed the household between our read and our write
    HouseholdAnswer.objects.create(
        consultation=consultation, household=residents.household, account=residents.second_member
    )

    def lost_race(**_kwargs: object) -> None:
        raise IntegrityError

    monkeypatch.setattr(HouseholdAnswer.objects, "get_or_create", lost_race)
    # when the household's account claims it, then it is refused
    with pytest.raises(ApplicationError) as error:
        household_answer_claim(consultation=consultation, account=residents.first)
    assert "one answer per household" in error.value.message
    answer = HouseholdAnswer.objects.get()
    assert str(answer) == f"{consultation.pk}/{residents.household.pk}"


def test_the_same_listing_sent_twice_at_once_is_listed_once(
    commune: Commune, consultation: Consultation, monkeypatch: pytest.MonkeyPatch
) -> None:
    def twin(*_args: object, **_kwargs: object) -> None:
        raise IntegrityError

    monkeypatch.setattr(CommuneMatter, "save", twin)
    with pytest.raises(ApplicationError) as error:
        commune_matter_link(actor=commune.handler, consultation=consultation, item=3)
    assert error.value.message == "This consultation is already listed."


def test_a_listed_matter_is_checked_against_its_commune(
    commune: Commune, consultation: Consultation
) -> None:
    matter = commune_matter_link(actor=commune.handler, consultation=consultation, item=3)
    assert matter.unit == commune.commune
    assert commune.handler.has_perm("democracy.manage", matter)
    assert not commune.other_handler.has_perm("democracy.manage", matter)
