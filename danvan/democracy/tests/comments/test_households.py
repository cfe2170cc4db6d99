"""One answer per household in a consultation with the audience "households" (Art 25):
only the representative's account of an active household of the commune answers, once."""

import pytest

from danvan.consultations.models import ArticleVote, Comment, Consultation
from danvan.consultations.selectors.participation import article_tallies, may_take_part
from danvan.consultations.services.participation import (
    comment_add,
    statement_submit,
    vote_cast,
    votes_cast,
)
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import HouseholdAnswer
from danvan.democracy.tests.comments.conftest import Residents
from danvan.democracy.tests.conftest import Commune

pytestmark = pytest.mark.django_db

NOT_A_REPRESENTATIVE = (
    "Only the representative of a household of this commune, signed in with the account "
    "registered for the household, may answer: one answer per household."
)
OTHER_COMMUNE = (
    "Your household is not in a village of the commune holding this consultation: only that "
    "commune's households take part."
)
ALREADY = (
    "Your household has already answered this consultation from another account: one answer "
    "per household."
)


def test_who_may_take_part(consultation: Consultation, residents: Residents) -> None:
    # then only representatives' accounts of the commune's households may take part
    assert may_take_part(residents.first, consultation)
    assert may_take_part(residents.neighbour, consultation)
    assert not may_take_part(residents.second_member, consultation)
    assert not may_take_part(residents.no_household, consultation)
    assert not may_take_part(residents.other_commune, consultation)


def test_the_household_account_votes_and_may_change_its_answer(
    consultation: Consultation, residents: Residents
) -> None:
    # when the household's account votes, then changes its mind while the window is open
    vote_cast(
        consultation=consultation, participant=residents.first, anchor="dieu-1", choice="agree"
    )
    outcome = vote_cast(
        consultation=consultation, participant=residents.first, anchor="dieu-1", choice="disagree"
    )
    # then the last answer counts, once, and the household is recorded as answered by it
    assert outcome.changed == ("dieu-1",)
    tally = article_tallies(consultation=consultation)["dieu-1"]
    assert (tally.agree, tally.disagree) == (0, 1)
    answer = HouseholdAnswer.objects.get()
    assert (answer.household, answer.account) == (residents.household, residents.first)


def test_two_members_of_one_household_answer_once(
    consultation: Consultation, residents: Residents
) -> None:
    # given the household's account has voted
    votes_cast(consultation=consultation, participant=residents.first, choices={"dieu-1": "agree"})
    # when another member, whose account is not the household's, votes
    with pytest.raises(ApplicationError) as member:
        vote_cast(
            consultation=consultation,
            participant=residents.second_member,
            anchor="dieu-1",
            choice="disagree",
        )
    # and when the household's account is moved to that member, who votes again
    residents.household.account = residents.second_member
    residents.household.save(update_fields=["account"])
    with pytest.raises(ApplicationError) as moved:
        vote_cast(
            consultation=consultation,
            participant=residents.second_member,
            anchor="dieu-1",
            choice="disagree",
        )
    # then both are refused with a clear message and one vote counts
    assert member.value.message == NOT_A_REPRESENTATIVE
    assert moved.value.message == ALREADY
    assert ArticleVote.objects.count() == 1
    assert article_tallies(consultation=consultation)["dieu-1"].agree == 1


def test_an_account_without_household_and_another_communes_household_are_refused(
    consultation: Consultation, residents: Residents
) -> None:
    with pytest.raises(ApplicationError) as nobody:
        vote_cast(
            consultation=consultation,
            participant=residents.no_household,
            anchor="dieu-1",
            choice="agree",
        )
    with pytest.raises(ApplicationError) as elsewhere:
        vote_cast(
            consultation=consultation,
            participant=residents.other_commune,
            anchor="dieu-1",
            choice="agree",
        )
    assert nobody.value.message == NOT_A_REPRESENTATIVE
    assert elsewhere.value.message == OTHER_COMMUNE
    assert not ArticleVote.objects.exists()
    assert not HouseholdAnswer.objects.exists()


def test_a_household_taken_off_the_register_no_longer_answers(
    consultation: Consultation, residents: Residents
) -> None:
    residents.household.is_active = False
    residents.household.save(update_fields=["is_active"])
    with pytest.raises(ApplicationError) as error:
        vote_cast(
            consultation=consultation, participant=residents.first, anchor="dieu-1", choice="agree"
        )
    assert error.value.message == NOT_A_REPRESENTATIVE


def test_households_of_two_villages_each_answer(
    consultation: Consultation, residents: Residents
) -> None:
    for account in (residents.first, residents.neighbour):
        vote_cast(consultation=consultation, participant=account, anchor="dieu-2", choice="agree")
    assert article_tallies(consultation=consultation)["dieu-2"].agree == 2
    assert HouseholdAnswer.objects.count() == 2


def test_one_comment_per_household_on_each_article(
    consultation: Consultation, residents: Residents
) -> None:
    # given the household commented on Điều 1
    first = comment_add(
        consultation=consultation,
        participant=residents.first,
        anchor="dieu-1",
        text="Đề nghị bổ sung quy định về họp thôn.",
        submission_key="k1",
    )
    # when the same form is sent again (a retry), then it is the same comment
    retry = comment_add(
        consultation=consultation,
        participant=residents.first,
        anchor="dieu-1",
        text="Đề nghị bổ sung quy định về họp thôn.",
        submission_key="k1",
    )
    assert retry.pk == first.pk
    # when a NEW comment on Điều 1 (its clause) is sent, then it is refused
    with pytest.raises(ApplicationError) as error:
        comment_add(
            consultation=consultation,
            participant=residents.first,
            anchor="dieu-1.k1",
            text="Một ý kiến khác.",
            submission_key="k2",
        )
    assert error.value.message == (
        "Your household has already sent its comment on this article: one comment per "
        "household on each article."
    )
    # and a comment on Điều 2 is the household's answer there
    comment_add(
        consultation=consultation,
        participant=residents.first,
        anchor="dieu-2",
        text="Đồng ý.",
        submission_key="k3",
    )
    assert Comment.objects.count() == 2
    # and another member cannot comment for the household
    with pytest.raises(ApplicationError):
        comment_add(
            consultation=consultation,
            participant=residents.second_member,
            anchor="dieu-3",
            text="Ý kiến.",
            submission_key="k4",
        )


def test_statements_follow_the_same_household_rule(
    consultation: Consultation, residents: Residents
) -> None:
    statement_submit(consultation=consultation, author=residents.first, text="Họp thôn mỗi quý.")
    with pytest.raises(ApplicationError):
        statement_submit(
            consultation=consultation, author=residents.second_member, text="Họp mỗi tháng."
        )


def test_an_everyone_consultation_is_untouched(
    commune: Commune, consultation: Consultation, residents: Residents
) -> None:
    # given the same consultation open to everyone, then any signed-in account answers
    Consultation.objects.filter(pk=consultation.pk).update(audience=Consultation.Audience.EVERYONE)
    consultation.refresh_from_db()
    vote_cast(
        consultation=consultation,
        participant=residents.no_household,
        anchor="dieu-1",
        choice="agree",
    )
    assert not HouseholdAnswer.objects.exists()
