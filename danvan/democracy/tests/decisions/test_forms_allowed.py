"""Art 17, Art 19(1)(b) and Decree 59/2023 Art 5: which forms a matter may use."""

import pytest
from django.utils import translation

from danvan.democracy.decisions import (
    DecisionForm,
    DecisionInputError,
    Matter,
    Scope,
    forms_allowed,
    meeting_lacked_households,
    online_voting_agreed,
    village_result,
)

MEETING, BALLOT, ONLINE = (
    DecisionForm.MEETING,
    DecisionForm.HOUSEHOLD_BALLOT,
    DecisionForm.ONLINE,
)


@pytest.mark.parametrize("matter", [Matter.CONTRIBUTIONS, Matter.COMMUNITY_FUNDS])
def test_items_1_2_in_a_village_ballot_only_after_a_meeting_lacked_households(
    matter: Matter,
) -> None:
    """50 households, 2/3 threshold 34 (3·34 = 102 ≥ 100; 3·33 = 99 < 100)."""
    # given a village vote on contributions, even after every household agreed to go online
    before = forms_allowed(matter, total_households=50, online_agreed=50)
    # then only a meeting is allowed, the ballot and the online vote are refused
    assert before.allowed == (MEETING,)
    with translation.override("en"):
        assert "In a village" in str(before.refused[BALLOT])
        assert "Only other self-management matters" in str(before.refused[ONLINE])
    # when a meeting had 33 households (one short of 34), a ballot is allowed
    lacked = forms_allowed(matter, total_households=50, meeting_represented=33)
    assert lacked.allowed == (MEETING, BALLOT)
    # but a meeting of 34 households could decide itself
    enough = forms_allowed(matter, total_households=50, meeting_represented=34)
    assert enough.allowed == (MEETING,)


@pytest.mark.parametrize("matter", [Matter.CONTRIBUTIONS, Matter.COMMUNITY_FUNDS])
def test_items_1_2_commune_wide_may_use_a_ballot(matter: Matter) -> None:
    """Art 19(1)(a): the commune chairman may choose a household ballot commune-wide."""
    allowed = forms_allowed(matter, total_households=5000, scope=Scope.COMMUNE)
    assert allowed.allowed == (MEETING, BALLOT)
    assert set(allowed.refused) == {ONLINE}


def test_only_items_1_2_are_commune_wide() -> None:
    with pytest.raises(DecisionInputError, match="commune-wide"):
        forms_allowed(Matter.OTHER, total_households=5000, scope=Scope.COMMUNE)


@pytest.mark.parametrize("matter", [Matter.CONVENTION, Matter.VILLAGE_HEAD, Matter.BOARDS])
def test_items_3_4_5_refuse_ballot_before_a_meeting(matter: Matter) -> None:
    # given no meeting has been held
    allowed = forms_allowed(matter, total_households=50)
    # then only a meeting is allowed
    assert allowed.allowed == (MEETING,)
    assert set(allowed.refused) == {BALLOT, ONLINE}
    with translation.override("en"):
        assert "Articles 17 and 19" in str(allowed.refused[BALLOT])


def test_items_3_5_ballot_after_a_meeting_lacking_households() -> None:
    """50 households, majority threshold 26: a meeting of 25 households could not pass
    the convention even unanimously, so a household ballot is allowed (Art 19(1)(b))."""
    # given a meeting attended by 25 of 50 households
    allowed = forms_allowed(Matter.CONVENTION, total_households=50, meeting_represented=25)
    # then the household ballot is allowed
    assert allowed.allowed == (MEETING, BALLOT)
    assert meeting_lacked_households(Matter.CONVENTION, total_households=50, represented=25)


def test_items_3_5_ballot_refused_when_the_meeting_had_enough() -> None:
    """50 households, 26 represented ≥ threshold 26: the meeting could decide."""
    allowed = forms_allowed(Matter.BOARDS, total_households=50, meeting_represented=26)
    assert allowed.allowed == (MEETING,)
    with translation.override("en"):
        assert "enough households" in str(allowed.refused[BALLOT])


def test_online_refused_before_consent_poll() -> None:
    allowed = forms_allowed(Matter.OTHER, total_households=50)
    assert allowed.allowed == (MEETING, BALLOT)
    with translation.override("en"):
        assert "not yet agreed" in str(allowed.refused[ONLINE])


def test_online_refused_at_exactly_half_consent() -> None:
    """50 households, 25 agreed: 2·25 = 50 is not more than 50."""
    # given half of all households agreed to vote online
    allowed = forms_allowed(Matter.OTHER, total_households=50, online_agreed=25)
    # then online voting is still refused, with the count in the reason
    assert not allowed.is_allowed(ONLINE)
    with translation.override("en"):
        assert "Only 25 of 50 households" in str(allowed.refused[ONLINE])


def test_online_allowed_after_more_than_half_consent() -> None:
    """50 households, 26 agreed: 52 > 50."""
    allowed = forms_allowed(Matter.OTHER, total_households=50, online_agreed=26)
    assert allowed.allowed == (MEETING, BALLOT, ONLINE)
    assert allowed.refused == {}
    assert online_voting_agreed(total_households=51, agreed=26)  # 52 > 51
    assert not online_voting_agreed(total_households=52, agreed=26)  # 52 = 52


def test_forms_allowed_refuses_impossible_counts() -> None:
    with pytest.raises(DecisionInputError, match="without households"):
        forms_allowed(Matter.OTHER, total_households=0)
    with pytest.raises(DecisionInputError, match="between 0 and 50"):
        forms_allowed(Matter.OTHER, total_households=50, online_agreed=51)
    with pytest.raises(DecisionInputError, match="between 0 and 50"):
        forms_allowed(Matter.CONVENTION, total_households=50, meeting_represented=-1)


def test_matter_items_follow_article_15() -> None:
    assert [m.item for m in Matter] == [1, 2, 3, 4, 5, 6]
    assert [m.value for m in Matter] == [
        "contributions",
        "community_funds",
        "convention",
        "village_head",
        "boards",
        "other",
    ]


def test_plain_strings_from_model_fields_are_accepted() -> None:
    """A CharField with these choices gives back "convention", not Matter.CONVENTION."""
    # given the stored value of the matter
    allowed = forms_allowed("convention", total_households=50, meeting_represented=10)
    result = village_result(
        "other", total_households=4, approve=3, reject=1, abstain=0, not_voted=0
    )
    # then it is read as the matter: 10 < 26 lacked households; 3 of 4 > half
    assert allowed.matter is Matter.CONVENTION
    assert allowed.is_allowed(BALLOT)
    assert result.matter is Matter.OTHER
    assert result.passed
