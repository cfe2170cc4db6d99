"""Residents' proposals: the 10 % threshold, three-month support, one support per household,
and the outcomes (Front endorsement, put to the community, declined)."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.democracy.models import (
    CommunityDecision,
    Household,
    ProposalSupport,
    ResidentProposal,
)
from danvan.democracy.selectors.proposals import proposal_count, status_now, threshold_of
from danvan.democracy.services.proposals import (
    proposal_create,
    proposal_decline,
    proposal_endorse,
    proposal_put,
    proposal_submit,
    proposals_expire,
    support_give,
    support_record,
)
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.democracy.tests.proposals.conftest import TODAY, households, local, propose

pytestmark = pytest.mark.django_db

Status = ResidentProposal.Status


def sign(
    commune: Commune, proposal: ResidentProposal, register: list[Household], count: int
) -> None:
    for household in register[:count]:
        support_record(
            proposal=proposal,
            household=household,
            signed_on=TODAY,
            actor=commune.handler,
            today=TODAY,
        )


# ------------------------------------------------------------------ the threshold


@pytest.mark.parametrize(
    ("total", "needed"),
    [(10, 1), (45, 5), (50, 5), (51, 6), (95, 10), (100, 10), (101, 11)],
)
def test_the_threshold_is_ten_percent_rounded_up(commune: Commune, total: int, needed: int) -> None:
    # given a village of ``total`` active households (hand-computed: ceil(total / 10))
    households(commune.villages[0], total)
    # then ``needed`` supports are needed
    assert threshold_of(commune.villages[0]) == needed


def test_45_households_four_supports_fail_the_fifth_reaches(
    commune: Commune, frozen: object
) -> None:
    # given 45 households: 10% of 45 is 4.5, so 5 households are needed
    register = households(commune.villages[0], 45)
    proposal = propose(commune, register)
    # when four households support it
    sign(commune, proposal, register, 4)
    proposal.refresh_from_db()
    # then it is still collecting, 4 of 5
    count = proposal_count(proposal, today=TODAY)
    assert (count.supporting, count.threshold, count.reached) == (4, 5, False)
    assert proposal.status == Status.COLLECTING
    # when the fifth signs
    support_record(
        proposal=proposal,
        household=register[4],
        signed_on=TODAY,
        actor=commune.handler,
        today=TODAY,
    )
    proposal.refresh_from_db()
    # then it has reached the threshold on that day
    assert proposal.status == Status.REACHED
    assert proposal.reached_on == TODAY
    assert AuditEntry.objects.filter(verb="democracy_proposal.reached").count() == 1


def test_inactive_households_are_neither_counted_nor_counting(
    commune: Commune, frozen: object
) -> None:
    # given 20 households (2 needed), one supporter later taken off the register
    register = households(commune.villages[0], 20)
    proposal = propose(commune, register)
    sign(commune, proposal, register, 1)
    register[0].is_active = False
    register[0].save(update_fields=["is_active"])
    # then its support no longer counts, and the denominator is 19 (2 needed)
    count = proposal_count(proposal, today=TODAY)
    assert (count.supporting, count.total_households, count.threshold) == (0, 19, 2)


# ------------------------------------------------------------------ three months


def test_support_signed_on_15_january_counts_through_15_april(commune: Commune) -> None:
    # given 10 households (1 needed) and one support signed 15/01/2026
    register = households(commune.villages[0], 10)
    with time_machine.travel(local(2026, 1, 15), tick=False):
        proposal = propose(commune, register, matter="other")
        ProposalSupport.objects.create(
            proposal=proposal,
            household=register[1],
            signed_on=dt.date(2026, 1, 15),
            channel="paper",
        )
    # then it counts on 15/04/2026 and has lapsed on 16/04/2026
    on_last_day = proposal_count(proposal, today=dt.date(2026, 4, 15))
    after = proposal_count(proposal, today=dt.date(2026, 4, 16))
    assert (on_last_day.supporting, on_last_day.reached) == (1, True)
    assert (after.supporting, after.expired, after.reached) == (0, 1, False)
    assert status_now(proposal, after) == Status.EXPIRED


def test_support_of_30_november_lapses_after_the_last_day_of_february(commune: Commune) -> None:
    # given a support signed 30/11/2025 (February 2026 has no 30th: its last day, the 28th)
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register)
    ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=dt.date(2025, 11, 30), channel="paper"
    )
    # then it counts on 28/02/2026 and not on 01/03/2026
    assert proposal_count(proposal, today=dt.date(2026, 2, 28)).supporting == 1
    assert proposal_count(proposal, today=dt.date(2026, 3, 1)).supporting == 0


def test_expired_proposals_are_marked_by_the_daily_task(commune: Commune) -> None:
    # given a proposal whose only support was signed on 10/12/2025, and one never supported
    register = households(commune.villages[0], 30)
    lapsed = propose(commune, register)
    fresh = propose(commune, register, title="Sửa nhà văn hóa thôn")
    ProposalSupport.objects.create(
        proposal=lapsed, household=register[1], signed_on=dt.date(2025, 12, 10), channel="paper"
    )
    # when the task runs on 11/03/2026 (the support counted through 10/03/2026)
    with time_machine.travel(local(2026, 3, 11), tick=False):
        assert proposals_expire() == 1
    # then only the lapsed one has expired, and it takes no new support
    lapsed.refresh_from_db()
    fresh.refresh_from_db()
    assert (lapsed.status, fresh.status) == (Status.EXPIRED, Status.COLLECTING)
    with pytest.raises(ApplicationError) as error:
        support_record(
            proposal=lapsed,
            household=register[2],
            signed_on=dt.date(2026, 3, 11),
            actor=commune.handler,
            today=dt.date(2026, 3, 11),
        )
    assert error.value.message == "This proposal no longer collects support."


def test_a_signature_already_lapsed_or_in_the_future_is_refused(
    commune: Commune, frozen: object
) -> None:
    register = households(commune.villages[0], 30)
    proposal = propose(commune, register)
    # when a paper signature of 09/12/2025 is recorded on 10/03/2026 (counted through 09/03)
    with pytest.raises(ApplicationError) as lapsed:
        support_record(
            proposal=proposal,
            household=register[1],
            signed_on=dt.date(2025, 12, 9),
            actor=commune.handler,
        )
    # and one dated tomorrow
    with pytest.raises(ApplicationError) as future:
        support_record(
            proposal=proposal,
            household=register[1],
            signed_on=dt.date(2026, 3, 11),
            actor=commune.handler,
        )
    # then both are refused and nothing is recorded
    assert lapsed.value.message == (
        "A signature of 09/12/2025 has lapsed: support is valid for three months."
    )
    assert future.value.message == "The date of signing cannot be in the future."
    assert not ProposalSupport.objects.exists()


def test_a_lapsed_support_is_renewed_not_duplicated(commune: Commune) -> None:
    # given a household that signed on 05/12/2025, another on 01/03/2026 (still collecting)
    register = households(commune.villages[0], 30)
    proposal = propose(commune, register)
    ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=dt.date(2025, 12, 5), channel="paper"
    )
    ProposalSupport.objects.create(
        proposal=proposal, household=register[2], signed_on=dt.date(2026, 3, 1), channel="paper"
    )
    # when it signs again on 10/03/2026, after its support lapsed (counted through 05/03)
    support_record(
        proposal=proposal,
        household=register[1],
        signed_on=TODAY,
        actor=commune.handler,
        today=TODAY,
    )
    # then the one row carries the new date and counts again
    support = ProposalSupport.objects.get(household=register[1])
    assert support.signed_on == TODAY
    assert ProposalSupport.objects.count() == 2
    assert proposal_count(proposal, today=TODAY).supporting == 2


# ------------------------------------------------------------------ one support per household


def test_a_household_supports_once_online_and_on_paper(commune: Commune, frozen: object) -> None:
    # given a household whose representative has an account
    register = households(commune.villages[0], 30)
    resident = make_user("hodan", "Lê Văn Tám")
    register[1].account = resident
    register[1].save(update_fields=["account"])
    proposal = propose(commune, register)
    # when it supports online, then the request is sent again, then staff copy the paper list
    support_give(proposal=proposal, account=resident)
    with pytest.raises(ApplicationError) as again:
        support_give(proposal=proposal, account=resident)
    with pytest.raises(ApplicationError) as paper:
        support_record(
            proposal=proposal, household=register[1], signed_on=TODAY, actor=commune.handler
        )
    # then one support counts, and each retry gets its message
    assert again.value.message == "Your household already supports this proposal."
    assert paper.value.message == "Household DT-002 already supports this proposal."
    assert ProposalSupport.objects.count() == 1
    assert ProposalSupport.objects.get().channel == ProposalSupport.Channel.ONLINE
    assert proposal_count(proposal, today=TODAY).supporting == 1


def test_a_support_still_valid_is_not_given_again_on_a_later_day(commune: Commune) -> None:
    # given a household that supported online on 10/03/2026
    register = households(commune.villages[0], 30)
    resident = make_user("hodan", "Lê Văn Tám")
    register[1].account = resident
    register[1].save(update_fields=["account"])
    with time_machine.travel(local(2026, 3, 10), tick=False):
        proposal = propose(commune, register)
        support_give(proposal=proposal, account=resident)
    # when it presses the button again on 20/03/2026, then it is told and nothing changes
    with (
        time_machine.travel(local(2026, 3, 20), tick=False),
        pytest.raises(ApplicationError) as error,
    ):
        support_give(proposal=proposal, account=resident)
    assert error.value.message == "Your household already supports this proposal."
    assert ProposalSupport.objects.get().signed_on == TODAY


def test_the_database_refuses_a_second_row_for_a_household(commune: Commune) -> None:
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register)
    ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=TODAY, channel="paper"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalSupport.objects.create(
            proposal=proposal, household=register[1], signed_on=TODAY, channel="online"
        )


def test_only_households_of_the_village_may_support(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    elsewhere = households(commune.villages[1], 1, prefix="AV")[0]
    proposal = propose(commune, register)
    outsider = make_user("nguoingoai", "Phạm Văn Nam")
    with pytest.raises(ApplicationError) as error:
        support_record(
            proposal=proposal, household=elsewhere, signed_on=TODAY, actor=commune.handler
        )
    assert error.value.message == "Only households on this village's register may support it."
    with pytest.raises(ApplicationError) as online:
        support_give(proposal=proposal, account=outsider)
    assert online.value.message.startswith("Your account is not the representative's account")


# ------------------------------------------------------------------ creating


def test_a_retried_form_makes_one_proposal(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    first = propose(commune, register, submission_key="khoa-1")
    again = propose(commune, register, submission_key="khoa-1")
    assert first.pk == again.pk
    assert ResidentProposal.objects.count() == 1
    assert first.commune == commune.commune
    assert first.title == "Làm đường bê tông ngõ 3"


def test_the_proposer_household_must_be_of_the_village(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    other = households(commune.villages[1], 1, prefix="AV")[0]
    with pytest.raises(ApplicationError) as error:
        propose(commune, register, proposer_household=other)
    assert error.value.message == "The proposer's household must be on this village's register."
    with pytest.raises(ApplicationError):
        propose(commune, register, village=commune.commune)


def test_a_village_outside_any_commune_is_refused(commune: Commune, frozen: object) -> None:
    from danvan.units.models import Unit

    stray = Unit.objects.create(code="VN-thon-le", name="Thôn Lẻ", kind=Unit.Kind.VILLAGE)
    register = households(stray, 1, prefix="TL")
    with pytest.raises(ApplicationError) as error:
        proposal_create(
            actor=commune.handler,
            village=stray,
            title="Đề xuất",
            content="Nội dung",
            matter="other",
            proposer_name="A",
            proposer_household=register[0],
        )
    assert error.value.message == "This village belongs to no commune."


def test_a_resident_proposes_for_their_household(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    resident = make_user("nguoidexuat", "Đỗ Thị Hoa")
    register[3].account = resident
    register[3].save(update_fields=["account"])
    proposal = proposal_submit(
        account=resident,
        village=commune.villages[0],
        title="Lắp đèn đường",
        content="Lắp đèn chiếu sáng trục đường chính.",
        matter="other",
    )
    assert (proposal.proposer_name, proposal.proposer_household) == ("Đỗ Thị Hoa", register[3])
    with pytest.raises(ApplicationError):
        proposal_submit(
            account=commune.citizen,
            village=commune.villages[0],
            title="X",
            content="Y",
            matter="other",
        )


# ------------------------------------------------------------------ outcomes


def test_the_front_endorses_below_ten_percent_and_it_is_put(
    commune: Commune, frozen: object
) -> None:
    # given 45 households and 2 supports (5 needed)
    register = households(commune.villages[0], 45)
    proposal = propose(commune, register, matter="other")
    sign(commune, proposal, register, 2)
    # when the Front work committee's endorsement is recorded
    endorsed = proposal_endorse(
        proposal=proposal,
        actor=commune.handler,
        endorsed_by_name="  Vũ Văn  Lợi ",
        endorsed_on=dt.date(2026, 3, 9),
    )
    # then who and when are kept
    assert endorsed.status == Status.ENDORSED
    assert (endorsed.endorsed_by_name, endorsed.endorsed_on) == ("Vũ Văn Lợi", dt.date(2026, 3, 9))
    assert endorsed.decided_by == commune.handler
    assert endorsed.decided_at == local(2026, 3, 10)
    # when it is put to the community by household ballot
    put = proposal_put(proposal=proposal, actor=commune.handler, form="household_ballot")
    # then a community decision of the village is prepared and linked
    decision = CommunityDecision.objects.get()
    assert put.decision == decision
    assert put.status == Status.PUT
    assert (decision.village, decision.matter, decision.form) == (
        commune.villages[0],
        "other",
        "household_ballot",
    )
    assert decision.title == proposal.title


def test_endorsement_needs_a_name_a_past_date_and_no_threshold(
    commune: Commune, frozen: object
) -> None:
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register)
    with pytest.raises(ApplicationError) as nameless:
        proposal_endorse(
            proposal=proposal, actor=commune.handler, endorsed_by_name=" ", endorsed_on=TODAY
        )
    with pytest.raises(ApplicationError) as future:
        proposal_endorse(
            proposal=proposal,
            actor=commune.handler,
            endorsed_by_name="Vũ Văn Lợi",
            endorsed_on=dt.date(2026, 3, 11),
        )
    sign(commune, proposal, register, 1)  # 1 of 10: reached
    with pytest.raises(ApplicationError) as reached:
        proposal_endorse(
            proposal=proposal,
            actor=commune.handler,
            endorsed_by_name="Vũ Văn Lợi",
            endorsed_on=TODAY,
        )
    assert nameless.value.message == "Give the name of the head of the Front work committee."
    assert future.value.message == "The date of endorsement cannot be in the future."
    assert reached.value.message == (
        "Only a proposal still below 10 per cent of households can be endorsed by the Front."
    )


def test_a_reached_proposal_cannot_be_declined_and_must_be_put(
    commune: Commune, frozen: object
) -> None:
    # given 10 households and one support: reached
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register, matter="convention")
    sign(commune, proposal, register, 1)
    # when staff try to decline it, then it is refused
    with pytest.raises(ApplicationError) as error:
        proposal_decline(proposal=proposal, actor=commune.handler, reasons="Không phù hợp")
    assert error.value.message == (
        "A proposal supported by at least 10 per cent of households must be put to the community; "
        "it cannot be declined."
    )
    # and a community convention (item 3) is decided only at a meeting
    with pytest.raises(ApplicationError) as form:
        proposal_put(proposal=proposal, actor=commune.handler, form="household_ballot")
    assert form.value.message == (
        "Items 3, 4 and 5 of Article 15 are decided at a community meeting (Art 17(2))."
    )
    put = proposal_put(proposal=proposal, actor=commune.handler, form="meeting")
    assert put.status == Status.PUT
    # and it cannot be put twice
    with pytest.raises(ApplicationError):
        proposal_put(proposal=proposal, actor=commune.handler, form="meeting")
    with pytest.raises(ApplicationError) as dealt:
        proposal_decline(proposal=proposal, actor=commune.handler, reasons="Trùng")
    assert dealt.value.message == "This proposal has already been dealt with."
    assert CommunityDecision.objects.count() == 1


def test_online_is_only_for_item_6(commune: Commune, frozen: object) -> None:
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register, matter="contributions")
    sign(commune, proposal, register, 1)
    with pytest.raises(ApplicationError) as error:
        proposal_put(proposal=proposal, actor=commune.handler, form="online")
    assert error.value.message == "Only item 6 of Article 15 may be decided online."


def test_a_proposal_below_the_threshold_is_declined_with_reasons(
    commune: Commune, frozen: object
) -> None:
    register = households(commune.villages[0], 45)
    proposal = propose(commune, register)
    sign(commune, proposal, register, 4)
    # it cannot be put (4 of 5, no endorsement)
    with pytest.raises(ApplicationError):
        proposal_put(proposal=proposal, actor=commune.handler, form="meeting")
    with pytest.raises(ApplicationError) as empty:
        proposal_decline(proposal=proposal, actor=commune.handler, reasons="  ")
    assert empty.value.message == "Give the reasons for declining the proposal."
    declined = proposal_decline(
        proposal=proposal, actor=commune.handler, reasons="Trùng với kế hoạch đã có."
    )
    assert declined.status == Status.DECLINED
    assert declined.decline_reasons == "Trùng với kế hoạch đã có."
    assert AuditEntry.objects.filter(verb="democracy_proposal.decline").exists()
    with pytest.raises(ApplicationError) as dealt:
        proposal_decline(proposal=proposal, actor=commune.handler, reasons="Lần nữa")
    assert dealt.value.message == "This proposal has already been dealt with."


def test_a_collecting_proposal_that_reached_is_put_even_before_its_status_moved(
    commune: Commune, frozen: object
) -> None:
    # given supports written directly (e.g. imported), the status still "collecting"
    register = households(commune.villages[0], 10)
    proposal = propose(commune, register, matter="other")
    ProposalSupport.objects.create(
        proposal=proposal, household=register[1], signed_on=TODAY, channel="paper"
    )
    # then it is put like a reached one
    assert proposal_put(proposal=proposal, actor=commune.handler, form="online").status == "put"
