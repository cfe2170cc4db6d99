"""The lifecycle in the services: thresholds over ALL households, one vote per household,
the frozen electorate, the consent poll, the meeting and recognition."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import translation

from danvan.core.exceptions import ApplicationError
from danvan.democracy.models.disclosures import Disclosure
from danvan.democracy.models.votes import Ballot, CommunityDecision, ConsentAnswer
from danvan.democracy.services import votes as services
from danvan.democracy.services.households import household_deactivate
from danvan.democracy.tests.conftest import Commune

from .conftest import (
    NOW,
    add_households,
    draft,
    open_ballot,
    open_meeting,
    paper_votes,
    record_meeting,
    with_account,
)

Status = CommunityDecision.Status
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def english() -> object:
    with translation.override("en"):
        yield


def lacking_meeting(commune: Commune, households: list) -> CommunityDecision:  # type: ignore[type-arg]
    """A meeting on a contribution attended by 15 of 30 households: it lacked households."""
    meeting = open_meeting(commune, draft(commune))
    services.meeting_attendance_set(
        decision=meeting, actor=commune.handler, households=households[:15]
    )
    record_meeting(commune, meeting)
    counts = {commune.villages[0].pk: services.MeetingCount(approve=15)}
    return services.decision_count(decision=meeting, actor=commune.handler, meeting_counts=counts)


def ballot_after_meeting(commune: Commune, households: list) -> CommunityDecision:  # type: ignore[type-arg]
    meeting = lacking_meeting(commune, households)
    ballot = services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)
    return open_ballot(commune, ballot)


def count_after_close(commune: Commune, decision: CommunityDecision) -> CommunityDecision:
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        return services.decision_count(decision=decision, actor=commune.handler)


@pytest.mark.parametrize(("approvals", "passed"), [(19, False), (20, True)])
def test_contribution_by_household_ballot_needs_two_thirds_of_all(
    commune: Commune, approvals: int, passed: bool
) -> None:
    # given a village of 30 households whose meeting lacked households (15 of 30 came)
    households = add_households(commune.villages[0], 30)
    decision = ballot_after_meeting(commune, households)
    # when `approvals` households approve by ballot and the rest disagree
    paper_votes(commune, decision, households[:approvals], "approve")
    paper_votes(commune, decision, households[approvals:], "disagree")
    decision = count_after_close(commune, decision)
    # then 2/3 of 30 = 20 approvals pass; 19 do not
    assert decision.passed is passed
    assert decision.status == (Status.COUNTED if passed else Status.REJECTED)
    row = decision.villages.get()
    assert (row.household_count, row.approve, row.threshold) == (30, approvals, 20)


def test_meeting_that_lacked_households_is_rejected_and_may_be_followed(commune: Commune) -> None:
    # given a meeting attended by 15 of 30 households, all approving
    households = add_households(commune.villages[0], 30)
    meeting = lacking_meeting(commune, households)
    # then it is not passed, and it lacked households (a ballot is allowed)
    assert meeting.status == Status.REJECTED
    assert meeting.meeting_lacked_households
    row = meeting.villages.get()
    assert (row.represented, row.approve, row.not_voted) == (15, 15, 15)
    # when the ballot is prepared twice (a retried click)
    first = services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)
    second = services.decision_follow_by_ballot(decision=meeting, actor=commune.handler)
    # then there is one ballot
    assert first.pk == second.pk
    assert first.form == "household_ballot"


def test_household_ballot_for_a_contribution_without_meeting_is_refused(commune: Commune) -> None:
    # given a village contribution put straight to a household ballot
    add_households(commune.villages[0], 10)
    decision = draft(commune, form="household_ballot")
    # when it is opened, then the law refuses it
    with pytest.raises(ApplicationError, match="only after a meeting lacked"):
        open_ballot(commune, decision)
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT
    assert not decision.villages.exists()


def test_ties_abstentions_and_non_voters_do_not_approve(commune: Commune) -> None:
    # given an "other matter" of a village of 10 households, by household ballot
    households = add_households(commune.villages[0], 10)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    # when 5 approve, 3 disagree, 1 gives another opinion and 1 does not vote
    paper_votes(commune, decision, households[:5], "approve")
    paper_votes(commune, decision, households[5:8], "disagree")
    paper_votes(commune, decision, households[8:9], "other")
    decision = count_after_close(commune, decision)
    # then 5 of 10 is a tie: more than half (6) is needed
    assert decision.status == Status.REJECTED
    row = decision.villages.get()
    assert (row.approve, row.reject, row.other, row.not_voted, row.threshold) == (5, 3, 1, 1, 6)
    assert Ballot.objects.get(household=households[8]).other_opinion == "Ý kiến khác"


def test_a_household_deactivated_mid_vote_keeps_the_denominator(commune: Commune) -> None:
    # given 30 households voting on an other matter (threshold 16)
    households = add_households(commune.villages[0], 30)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    # when the village splits: 6 households leave the register mid-vote, a new one is added
    for household in households[24:]:
        household_deactivate(household=household, actor=commune.handler, reason="Tách thôn")
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        newcomer = add_households(commune.villages[0], 1, prefix="N")[0]
    paper_votes(commune, decision, households[:15], "approve")
    # then neither a departed nor a new household can vote
    for outsider in (households[25], newcomer):
        with pytest.raises(ApplicationError, match="not on the roll"):
            paper_votes(commune, decision, [outsider], "approve")
    decision = count_after_close(commune, decision)
    # and 15 of the frozen 30 is not more than half (24 would have passed it)
    row = decision.villages.get()
    assert (row.household_count, row.approve, row.not_voted) == (30, 15, 15)
    assert decision.status == Status.REJECTED
    assert decision.household_count == 30


def test_voting_twice_is_refused_and_changes_nothing(commune: Commune) -> None:
    # given a household that voted "approve"
    households = add_households(commune.villages[0], 3)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    paper_votes(commune, decision, households[:1], "approve")
    # when it votes again, "disagree"
    with pytest.raises(ApplicationError, match="already voted"):
        paper_votes(commune, decision, households[:1], "disagree")
    # then the first vote stands, alone
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["approve"]


def test_a_vote_after_closing_is_refused(commune: Commune) -> None:
    # given a ballot closing in 7 days
    households = add_households(commune.villages[0], 3)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    # when a vote comes a minute after closing
    with (
        time_machine.travel(NOW + dt.timedelta(days=7, minutes=1), tick=False),
        pytest.raises(ApplicationError, match="Voting closed at 09:00 03/12/2026"),
    ):
        paper_votes(commune, decision, households[:1], "approve")
    # then nothing is recorded
    assert not Ballot.objects.exists()


def test_vietnamese_messages_for_a_second_vote_and_a_late_one(commune: Commune) -> None:
    households = add_households(commune.villages[0], 3)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    paper_votes(commune, decision, households[:1], "approve")
    with translation.override("vi"), pytest.raises(ApplicationError) as raised:
        paper_votes(commune, decision, households[:1], "approve")
    assert raised.value.message == (
        "Hộ H001 đã biểu quyết nội dung này; giữ nguyên phiếu đã ghi nhận lần đầu."
    )
    with (
        translation.override("vi"),
        time_machine.travel(NOW + dt.timedelta(days=8), tick=False),
        pytest.raises(ApplicationError) as late,
    ):
        paper_votes(commune, decision, households[1:2], "approve")
    assert late.value.message == (
        "Đã hết thời gian biểu quyết lúc 09:00 03/12/2026: phiếu này không được tính."
    )


def test_online_vote_cannot_open_before_more_than_half_agreed(commune: Commune) -> None:
    # given 4 households with accounts, asked whether to vote online
    households = add_households(commune.villages[0], 4)
    users = [with_account(h, f"ho{i}") for i, h in enumerate(households)]
    decision = draft(commune, matter="other", form="online")
    with pytest.raises(ApplicationError, match="Ask the households first"):
        open_ballot(commune, decision)
    decision = services.decision_consent_start(decision=decision, actor=commune.handler)
    # when 2 of 4 agree (exactly half)
    for household, user in zip(households[:2], users[:2], strict=True):
        services.consent_answer(
            decision=decision, household=household, actor=user, answer="approve"
        )
    services.consent_answer(
        decision=decision, household=households[2], actor=users[2], answer="other", opinion="Họp"
    )
    # then the online vote is refused
    with pytest.raises(ApplicationError, match="Only 2 of 4 households agreed"):
        open_ballot(commune, decision)
    # when a third agrees, then it opens
    services.consent_answer(
        decision=decision, household=households[3], actor=users[3], answer="approve"
    )
    decision = open_ballot(commune, decision)
    assert decision.status == Status.OPEN
    # and a household votes online, with its own account only
    services.ballot_cast(
        decision=decision, household=households[0], actor=users[0], choice="approve", online=True
    )
    with pytest.raises(ApplicationError, match="own account"):
        services.ballot_cast(
            decision=decision,
            household=households[1],
            actor=users[0],
            choice="approve",
            online=True,
        )
    with pytest.raises(ApplicationError, match="online only"):
        paper_votes(commune, decision, households[1:2], "approve")
    assert Ballot.objects.get().channel == "online"


def test_consent_answered_twice_keeps_the_first(commune: Commune) -> None:
    households = add_households(commune.villages[0], 2)
    user = with_account(households[0], "ho0")
    decision = services.decision_consent_start(
        decision=draft(commune, matter="other", form="online"), actor=commune.handler
    )
    services.consent_answer(
        decision=decision, household=households[0], actor=user, answer="disagree"
    )
    with pytest.raises(ApplicationError, match="already answered"):
        services.consent_answer(
            decision=decision, household=households[0], actor=user, answer="approve"
        )
    assert ConsentAnswer.objects.get().answer == "disagree"


def test_commune_wide_contribution_passes_with_two_thirds_of_villages(commune: Commune) -> None:
    # given three villages of 3 households each, a commune-wide contribution by ballot
    villages = [add_households(v, 3, prefix=f"V{i}") for i, v in enumerate(commune.villages)]
    decision = open_ballot(commune, draft(commune, form="household_ballot", whole_commune=True))
    assert (decision.household_count, decision.village_count) == (9, 3)
    # when two villages approve by 2 of 3, and the third by 1 of 3
    paper_votes(commune, decision, villages[0][:2], "approve")
    paper_votes(commune, decision, villages[1][:2], "approve")
    paper_votes(commune, decision, villages[2][:1], "approve")
    decision = count_after_close(commune, decision)
    # then 2 of 3 villages passed: at least 2/3 of villages, passed
    assert decision.passed is True
    assert sorted(bool(p) for p in decision.villages.values_list("passed", flat=True)) == [
        False,
        True,
        True,
    ]


def test_counting_before_closing_is_refused(commune: Commune) -> None:
    add_households(commune.villages[0], 3)
    decision = open_ballot(commune, draft(commune, matter="other", form="household_ballot"))
    with pytest.raises(ApplicationError, match="Voting is open until"):
        services.decision_count(decision=decision, actor=commune.handler)


def test_meeting_notice_must_be_two_days_before(commune: Commune) -> None:
    add_households(commune.villages[0], 3)
    decision = draft(commune)
    with translation.override("vi"), pytest.raises(ApplicationError) as raised:
        services.decision_open(
            decision=decision,
            actor=commune.handler,
            notice_date=dt.date(2026, 11, 25),
            meeting_at=NOW,
        )
    assert raised.value.message == (
        "Phải thông báo cho các hộ gia đình chậm nhất 02 ngày trước ngày họp (Điều 3 Nghị định "
        "59/2023/NĐ-CP): cuộc họp vào ngày 26/11/2026, thông báo đề ngày 25/11/2026."
    )
    decision.refresh_from_db()
    assert decision.status == Status.DRAFT


def test_recognition_due_in_five_working_days_and_recorded(commune: Commune) -> None:
    # given a passed meeting of 3 households on the village convention (item 3)
    households = add_households(commune.villages[0], 3)
    decision = open_meeting(commune, draft(commune, matter="convention"))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    record_meeting(commune, decision)
    decision = services.decision_count(
        decision=decision,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=2, reject=1)},
    )
    assert decision.status == Status.COUNTED
    # when it is sent on Thursday 26/11/2026
    decision = services.decision_submit(decision=decision, actor=commune.handler)
    # then recognition is due 5 working days later: Thursday 3/12/2026
    assert decision.recognition_due == dt.date(2026, 12, 3)
    decision = services.decision_recognise(
        decision=decision, actor=commune.head, document_number="12/QĐ-UBND"
    )
    assert decision.status == Status.RECOGNISED
    assert decision.recognising_body == "peoples_committee"
    assert decision.recognised_by == commune.head
    # and the result is put on the commune's disclosure register, in Vietnamese
    item = Disclosure.objects.get()
    assert (item.unit, item.category, item.document_number) == (
        commune.commune,
        "commune_14",
        "12/QĐ-UBND",
    )
    assert item.decided_on == dt.date(2026, 11, 26)
    assert decision.title in item.title
    assert item.url == ""


def test_a_recognised_contribution_is_disclosed_with_its_public_link(
    commune: Commune, settings: Any
) -> None:
    # given a deployment with a public address, and a passed contribution by meeting
    settings.DANVAN = {**settings.DANVAN, "SITE_URL": "https://danvan.example.vn/"}
    households = add_households(commune.villages[0], 3)
    decision = open_meeting(commune, draft(commune))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    record_meeting(commune, decision)
    decision = services.decision_count(
        decision=decision,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=2, reject=1)},
    )
    decision = services.decision_submit(decision=decision, actor=commune.handler)
    # when the commune recognises it
    services.decision_recognise(decision=decision, actor=commune.head)
    # then it is disclosed with the residents' contributions, linking to the public result
    item = Disclosure.objects.get()
    assert item.category == "commune_05"
    assert item.url == f"https://danvan.example.vn/dan-chu/quyet-dinh/cong-khai/{decision.pk}/"


def test_refusal_needs_reasons_and_item_5_is_the_front(commune: Commune) -> None:
    households = add_households(commune.villages[0], 3)
    decision = open_meeting(commune, draft(commune, matter="boards"))
    services.meeting_attendance_set(decision=decision, actor=commune.handler, households=households)
    record_meeting(commune, decision)
    decision = services.decision_count(
        decision=decision,
        actor=commune.handler,
        meeting_counts={commune.villages[0].pk: services.MeetingCount(approve=3)},
    )
    decision = services.decision_submit(decision=decision, actor=commune.handler)
    with pytest.raises(ApplicationError, match="reasons"):
        services.decision_refuse(decision=decision, actor=commune.head, reasons="  ")
    decision = services.decision_refuse(
        decision=decision, actor=commune.head, reasons="Thành phần họp không đúng."
    )
    assert decision.status == Status.REFUSED
    assert decision.recognising_body == "front"
